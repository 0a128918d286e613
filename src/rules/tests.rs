//! Unit tests of every rule kind, on drafts built in code.

use super::*;
use crate::draft::{AgencyKind, Draft};
use crate::format::{CellRef, Format, Severity};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 10).expect("date")
}

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

/// A complete draft where every rule holds: in section 三 each of the 21 result rows has 1
/// application from a 自然人 (so 21 in all), 20 new + 2 carried = 21 handled + 1 carried on.
pub(crate) fn consistent() -> Draft {
    let f = format();
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now");
    let mut d = Draft::new("t", f, "某某市某某局", AgencyKind::Department, 2025, now);
    d.set_section_text("s1", "（一）主动公开\n本年度主动公开信息 120 条。");
    d.set_section_text("s5", "存在的问题是更新不够及时。");
    d.set_section_text("s6", "本年度未收取信息处理费。");
    let computed = computed_cells(f);
    for cell in f.cells() {
        if computed.contains(&cell) {
            continue;
        }
        let v = match (cell.table.as_str(), cell.row.as_str(), cell.col.as_str()) {
            ("t3", "new", "natural") => "20",
            ("t3", "carried", "natural") => "2",
            ("t3", "carry_next", "natural") => "1",
            ("t3", "new" | "carried" | "carry_next", _) => "0",
            ("t3", _, "natural") => "1",
            ("t3", _, _) => "0",
            ("t2", "fees", _) => "1.25",
            _ => "1",
        };
        d.set_cell(f, &cell, v);
    }
    d
}

fn eval(d: &Draft, stage: Stage) -> Evaluation {
    evaluate(format(), d, stage, today())
}

fn codes(e: &Evaluation) -> Vec<String> {
    e.diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.render(Lang::Zh)))
        .collect()
}

#[test]
fn a_consistent_draft_has_no_diagnostics_and_computes_its_totals() {
    let e = eval(&consistent(), Stage::Final);
    assert!(e.diagnostics.is_empty(), "{:#?}", codes(&e));
    assert_eq!(
        e.display(&CellRef::new("t3", "total", "natural"))
            .as_deref(),
        Some("21")
    );
    assert_eq!(
        e.display(&CellRef::new("t3", "new", "total")).as_deref(),
        Some("20")
    );
    assert_eq!(
        e.display(&CellRef::new("t3", "total", "total")).as_deref(),
        Some("21")
    );
    assert_eq!(
        e.display(&CellRef::new("t4", "cases", "review_total"))
            .as_deref(),
        Some("4")
    );
}

#[test]
fn a_stated_total_that_differs_names_both_numbers() {
    let mut d = consistent();
    d.cells.insert("t3.total.natural".into(), "20".into());
    let e = eval(&d, Stage::Final);
    let msgs = codes(&e);
    assert!(
        msgs.contains(
            &"t3.results-total 三、（七）总计 / 自然人：分项之和为 21，填写为 20，相差 1"
                .to_string()
        ),
        "{msgs:#?}"
    );
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.code == "t3.results-total")
        .expect("diag");
    assert_eq!(
        d.message.en,
        "the parts add up to 21, but 20 is entered, a difference of 1"
    );
    assert_eq!(d.severity, Severity::Error);
}

#[test]
fn a_stated_subtotal_row_is_checked_against_its_sub_rows() {
    let mut d = consistent();
    d.cells.insert("t3.withheld.natural".into(), "7".into());
    let e = eval(&d, Stage::Final);
    let msgs = codes(&e);
    // 8 sub-rows of 1 each.
    assert!(
        msgs.contains(
            &"t3.subtotal 三、（三）不予公开 / 自然人：分项之和为 8，填写为 7，相差 1".to_string()
        ),
        "{msgs:#?}"
    );
    d.cells.insert("t3.withheld.natural".into(), "8".into());
    assert!(eval(&d, Stage::Final).diagnostics.is_empty());
}

#[test]
fn the_balance_of_section_three_is_checked_per_column() {
    let mut d = consistent();
    let f = format();
    d.set_cell(f, &CellRef::new("t3", "carried", "commercial"), "3");
    let e = eval(&d, Stage::Final);
    let bal: Vec<_> = e
        .diagnostics
        .iter()
        .filter(|d| d.code == "t3.balance")
        .collect();
    assert_eq!(bal.len(), 1, "{:#?}", codes(&e));
    assert_eq!(bal[0].location.text, "三、法人或其他组织 商业企业");
    assert!(
        bal[0]
            .message
            .zh
            .contains("一+二 = 3，（七）总计+四 = 0，相差 3"),
        "{}",
        bal[0].message.zh
    );
    // The 总计 column is computed, so it moves with the change and stays consistent.
    assert_eq!(
        e.display(&CellRef::new("t3", "carried", "total"))
            .as_deref(),
        Some("5")
    );
}

#[test]
fn section_four_group_totals_are_computed_and_checked() {
    let mut d = consistent();
    d.cells.insert("t4.cases.direct_total".into(), "5".into());
    let e = eval(&d, Stage::Final);
    let msgs = codes(&e);
    assert!(
        msgs.contains(
            &"t4.group-total 四、行政诉讼 未经复议直接起诉 总计：分项之和为 4，填写为 5，相差 1"
                .to_string()
        ),
        "{msgs:#?}"
    );
}

#[test]
fn values_must_fit_their_type() {
    let mut d = consistent();
    let f = format();
    d.set_cell(f, &CellRef::new("t3", "granted", "research"), "-2");
    d.set_cell(f, &CellRef::new("t2", "licensing", "decisions"), "3.5");
    d.set_cell(f, &CellRef::new("t2", "fees", "fee_amount"), "1.23456");
    d.set_cell(f, &CellRef::new("t2", "penalty", "decisions"), "十二");
    let e = eval(&d, Stage::Final);
    let msgs: Vec<_> = e
        .diagnostics
        .iter()
        .filter(|d| d.code == "value.type")
        .map(|d| d.render(Lang::Zh))
        .collect();
    assert_eq!(msgs.len(), 3, "{msgs:#?}");
    assert!(
        msgs.contains(
            &"三、（一）予以公开 / 法人或其他组织 科研机构：“-2”不是非负整数：不能为负数"
                .to_string()
        ),
        "{msgs:#?}"
    );
    assert!(
        msgs.contains(&"二、行政许可 / 本年处理决定数量：“3.5”不是非负整数：应为整数".to_string()),
        "{msgs:#?}"
    );
    // Published amounts carry more decimals than the format's four: a warning, the value
    // reckoned rounded.
    let decimals: Vec<_> = e
        .diagnostics
        .iter()
        .filter(|d| d.code == "value.decimals")
        .collect();
    assert_eq!(decimals.len(), 1, "{:#?}", codes(&e));
    assert_eq!(decimals[0].severity, Severity::Warning);
    assert!(
        decimals[0].render(Lang::Zh).contains("计算按 1.2346"),
        "{}",
        decimals[0].render(Lang::Zh)
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("“十二”") && m.contains("不是数字")),
        "{msgs:#?}"
    );
    // An invalid term leaves the total incomplete: no second, misleading sum error.
    assert!(
        !e.diagnostics.iter().any(|d| d.code == "t3.balance"),
        "{:#?}",
        codes(&e)
    );
}

#[test]
fn full_width_digits_are_accepted() {
    let mut d = consistent();
    d.set_cell(format(), &CellRef::new("t3", "new", "natural"), "２０");
    assert!(eval(&d, Stage::Final).diagnostics.is_empty());
}

#[test]
fn blank_cells_warn_while_drafting_and_block_export() {
    let mut d = consistent();
    d.cells.remove("t2.regulations.issued");
    let drafting = eval(&d, Stage::Drafting);
    let blank: Vec<_> = drafting
        .diagnostics
        .iter()
        .filter(|d| d.code == "cell.blank")
        .collect();
    assert_eq!(blank.len(), 1);
    assert_eq!(blank[0].severity, Severity::Warning);
    assert_eq!(blank[0].location.text, "二、规章 / 本年制发件数");
    let fin = eval(&d, Stage::Final);
    assert_eq!(fin.errors(), 1);
}

#[test]
fn a_half_filled_column_is_not_reported_as_unbalanced() {
    let f = format();
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now");
    let mut d = Draft::new("t", f, "某局", AgencyKind::Department, 2025, now);
    d.set_cell(f, &CellRef::new("t3", "new", "natural"), "5");
    let e = eval(&d, Stage::Drafting);
    assert!(
        !e.diagnostics.iter().any(|d| d.severity == Severity::Error),
        "{:#?}",
        codes(&e)
    );
    // Running totals still show what is filled so far.
    assert_eq!(
        e.display(&CellRef::new("t3", "new", "total")).as_deref(),
        Some("5")
    );
}

#[test]
fn empty_sections_and_agency_are_reported_by_stage() {
    let mut d = consistent();
    d.set_section_text("s5", "");
    d.agency = " ".into();
    let e = eval(&d, Stage::Drafting);
    let mut found: Vec<_> = e
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.severity))
        .collect();
    found.sort_by_key(|(c, _)| *c);
    assert_eq!(
        found,
        vec![
            ("report.agency", Severity::Warning),
            ("section.empty", Severity::Warning)
        ]
    );
    assert_eq!(eval(&d, Stage::Final).errors(), 2);
}

#[test]
fn top_level_numbering_inside_a_section_is_flagged_with_its_line() {
    let mut d = consistent();
    d.set_section_text("s1", "总体情况如下。\n一、健全两项机制，抓实做好政务公开\n（一）建立机制\n二．建立两个规范\n一是加强领导");
    let e = eval(&d, Stage::Final);
    let n: Vec<_> = e
        .diagnostics
        .iter()
        .filter(|d| d.code == "text.numbering")
        .collect();
    assert_eq!(n.len(), 2, "{:#?}", codes(&e));
    assert_eq!(n[0].location.section_line, Some(2));
    assert_eq!(n[0].location.describe(Lang::Zh), "一、总体情况 第 2 行");
    assert_eq!(n[0].location.describe(Lang::En), "一、总体情况, line 2");
    assert!(
        n[0].message
            .zh
            .contains("“一、健全两项机制，抓实做好政务公开”"),
        "{}",
        n[0].message.zh
    );
    assert!(n[0].message.zh.contains("（一）（二）（三）"));
    assert_eq!(n[1].location.section_line, Some(4));
    assert_eq!(n[0].severity, Severity::Warning);
}

#[test]
fn section_six_must_mention_the_processing_fee() {
    let mut d = consistent();
    d.set_section_text("s6", "本年度无其他需要报告的事项。");
    let e = eval(&d, Stage::Final);
    let fee: Vec<_> = e
        .diagnostics
        .iter()
        .filter(|d| d.code == "s6.fee")
        .collect();
    assert_eq!(fee.len(), 1);
    assert_eq!(fee[0].severity, Severity::Warning);
    assert!(
        fee[0].message.zh.starts_with("未提及“信息处理费”"),
        "{}",
        fee[0].message.zh
    );
}

#[test]
fn the_report_year_must_not_be_in_the_future_or_before_the_format() {
    let mut d = consistent();
    d.year = 2027;
    let e = eval(&d, Stage::Drafting);
    assert!(
        e.diagnostics
            .iter()
            .any(|d| d.code == "report.year" && d.message.zh.contains("晚于当前年度 2026"))
    );
    d.year = 2019;
    let e = eval(&d, Stage::Drafting);
    assert!(
        e.diagnostics
            .iter()
            .any(|d| d.code == "report.year" && d.message.zh.contains("2021"))
    );
    d.year = 2026;
    assert!(
        !eval(&d, Stage::Drafting)
            .diagnostics
            .iter()
            .any(|d| d.code == "report.year")
    );
}

#[test]
fn the_export_stage_error_count_follows_from_the_drafting_evaluation() {
    let f = format();
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now");
    let empty = Draft::new("e", f, "", AgencyKind::Department, 2027, now);
    let mut partial = consistent();
    partial.set_section_text("s5", "");
    let cells = f.cells();
    partial.set_cell(f, &cells[3], "");
    partial.set_cell(f, &cells[40], "x");
    partial.set_cell(f, &cells[60], "999");
    let mut numbering = consistent();
    numbering.set_section_text("s1", "一、主动公开\n二、依申请公开");
    for d in [consistent(), empty, partial, numbering] {
        let drafting = eval(&d, Stage::Drafting);
        let exported = eval(&d, Stage::Final);
        assert_eq!(
            drafting.errors_at(f, Stage::Final),
            exported.errors(),
            "{:#?}",
            codes(&exported)
        );
        assert_eq!(drafting.errors_at(f, Stage::Drafting), drafting.errors());
    }
    // Not a test that cannot fail: the stages do differ on an incomplete draft.
    let empty = Draft::new("e", f, "某局", AgencyKind::Department, 2025, now);
    let drafting = eval(&empty, Stage::Drafting);
    assert!(drafting.errors() < drafting.errors_at(f, Stage::Final));
}

#[test]
fn the_processing_fee_may_be_written_in_its_published_forms() {
    for text in [
        "本年度未收取信息公开处理费。",
        "本年度未收取政府信息公开处理费。",
        "全年未收取任何处理费。",
    ] {
        let mut d = consistent();
        d.set_section_text("s6", text);
        let e = eval(&d, Stage::Final);
        assert!(
            !e.diagnostics.iter().any(|d| d.code == "s6.fee"),
            "{text}: {:#?}",
            codes(&e)
        );
    }
}

/// The TUI keeps the text rules' findings while only numbers change: evaluating with them
/// kept gives exactly what evaluating the whole draft gives, in the same order, at both
/// stages — with text problems (empty 五, a numbering collision, no fee sentence), a wrong
/// year, no agency, and broken numbers.
#[test]
fn kept_text_findings_evaluate_as_the_whole_draft_does() {
    let today = NaiveDate::from_ymd_opt(2025, 1, 20).expect("date");
    let mut drafts = vec![consistent()];
    let mut d = consistent();
    d.set_section_text("s5", "无");
    d.set_section_text("s1", "一、概述\n二、主动公开\n本年度工作。");
    d.set_section_text("s6", "无");
    d.agency = String::new();
    d.year = 1999;
    d.cells.insert("t3.new.natural".into(), "x".into());
    drafts.push(d);
    let mut e = consistent();
    e.set_section_text("s2", "");
    e.cells.remove("t3.carried.total");
    drafts.push(e);
    for d in &drafts {
        for stage in [Stage::Drafting, Stage::Final] {
            let whole = evaluate(format(), d, stage, today);
            let statements = text_numbers::statements(format(), d);
            let kept = text_findings(format(), d, stage);
            let with = evaluate_with(format(), d, stage, today, &statements, Some(&kept));
            assert_eq!(with.diagnostics, whole.diagnostics, "{stage:?}");
            assert!(!whole.diagnostics.is_empty() || d == &drafts[0]);
        }
    }
}

/// 五 written in name only: a placeholder (`暂无问题`) or fewer than `min_chars` (10) letters
/// and digits; the rule stops reading once the text says more than that, so every length
/// around the limits is tried, with punctuation and spaces (which say nothing) between.
#[test]
fn section_five_in_name_only_at_every_length_around_the_limit() {
    let in_name_only = |text: &str| {
        let mut d = consistent();
        d.set_section_text("s5", text);
        evaluate(format(), &d, Stage::Final, today())
            .diagnostics
            .iter()
            .any(|x| x.code == "s5.substance")
    };
    let said = "存在的问题是信息更新不够及时主动公开的深度还需加强";
    for n in 1..=said.chars().count() {
        let text: String = said
            .chars()
            .take(n)
            .flat_map(|c| [c, if n % 2 == 0 { '，' } else { ' ' }])
            .collect();
        assert_eq!(in_name_only(&text), n < 10, "{n} characters: {text}");
    }
    for placeholder in ["无", "暂无问题。", "暂 未 发 现 问 题", "无主要问题"] {
        assert!(in_name_only(placeholder), "{placeholder}");
    }
    assert!(
        !in_name_only(""),
        "an empty section is section_text's finding"
    );
    assert!(
        !in_name_only("。，"),
        "punctuation alone says nothing: as empty"
    );
    assert!(!in_name_only(&said.repeat(2000)));
}

/// Every cell's column is named by the label the format compiled once, which is the one the
/// block's layout gives (the groups over it, the one spanning every column aside).
#[test]
fn column_labels_are_the_layouts() {
    let f = format();
    let c = f.compiled();
    for (_, info) in c.iter() {
        let cell = &info.cell;
        let row = f.row(&cell.table, &cell.row).expect("row");
        let table = f.table(&cell.table).expect("table");
        let layout = crate::format::BlockLayout::new(table, row.block);
        let expected = layout
            .columns
            .iter()
            .find(|col| col.id == cell.col)
            .map(|col| col.full_label())
            .expect("column");
        assert_eq!(column_label(f, cell), expected, "{cell:?}");
    }
    let unknown = CellRef::new("t3", "no_such_row", "natural");
    assert_eq!(column_label(f, &unknown), "natural");
}
