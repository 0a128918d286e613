use super::*;
use crate::export::{self, Options, TableStyle};
use crate::format::{CellRef, Format};
use crate::rules::{Stage, evaluate};
use chrono::NaiveDate;

pub(super) fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

pub(super) fn opts() -> ImportOptions {
    ImportOptions {
        id: "imp".into(),
        agency: None,
        year: None,
        kind: None,
        now: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now"),
    }
}

/// The codes of an import's problems, in order.
fn codes(out: &ImportOutcome) -> Vec<&str> {
    out.report
        .problems
        .iter()
        .map(|p| p.code.as_str())
        .collect()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 10).expect("date")
}

fn export(d: &Draft, style: TableStyle, width: usize) -> String {
    let e = evaluate(format(), d, Stage::Final, today());
    export::render(format(), d, &e, Options { style, width })
}

#[test]
fn our_own_exports_import_back_to_the_same_draft() {
    let d = crate::rules::tests_support::consistent();
    for (style, width) in [
        (TableStyle::Grid, 100),
        (TableStyle::Grid, 60),
        (TableStyle::Grid, 40),
        (TableStyle::Tsv, 100),
    ] {
        let text = export(&d, style, width);
        let out = import_text(format(), &text, "UTF-8", &opts());
        assert!(
            out.report.problems.is_empty(),
            "{style:?} {width}: {:#?}",
            out.report.problems
        );
        assert_eq!(out.draft.cells, d.cells, "{style:?} {width}");
        assert_eq!(out.draft.sections, d.sections);
        assert_eq!(
            (out.draft.agency.as_str(), out.draft.year),
            ("某某市某某局", 2025)
        );
        assert_eq!(export(&out.draft, style, width), text);
    }
}

#[test]
fn a_stated_total_that_differs_is_kept_and_one_that_agrees_is_not() {
    let d = crate::rules::tests_support::consistent();
    let text = export(&d, TableStyle::Tsv, 100);
    let bad = text.replace("（七）总计\t21\t", "（七）总计\t20\t");
    let out = import_text(format(), &bad, "UTF-8", &opts());
    assert_eq!(
        out.draft.cells.get("t3.total.natural").map(String::as_str),
        Some("20")
    );
    assert!(!out.draft.cells.contains_key("t3.total.total"));
}

#[test]
fn the_sample_layout_with_its_flaws_is_read_and_reported() {
    let text = "\n\n某区某局2021年政府信息公开工作年度报告\n\n一、总体情况\n\n概述。\n\n一、健全机制\n\n二、主动公开政府信息情况\n\n第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t0\t0\t0\n第二十条第（五）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n行政许可\t0\t\t\n第二十条第（六）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n行政处罚\t0\t\t\n\n五、存在的主要问题及改进情况\n\n问题。\n\n六、其他需要报告的事项\n\n无\n";
    let out = import_text(format(), text, "UTF-8", &opts());
    let codes: Vec<String> = out
        .report
        .problems
        .iter()
        .map(|p| format!("{} {}", p.code, p.location.describe(crate::i18n::Lang::Zh)))
        .collect();
    assert!(
        codes.contains(&"import.missing-section 三、收到和处理政府信息公开申请情况".to_string()),
        "{codes:#?}"
    );
    assert!(
        codes.contains(&"import.missing-table 四、政府信息公开行政复议、行政诉讼情况".to_string()),
        "{codes:#?}"
    );
    assert!(
        codes.contains(&"import.missing-row 二、行政强制".to_string()),
        "{codes:#?}"
    );
    assert!(
        codes.contains(&"import.missing-row 二、行政事业性收费".to_string()),
        "{codes:#?}"
    );
    assert_eq!(out.draft.agency, "某区某局");
    assert_eq!(out.draft.year, 2021);
    assert_eq!(out.draft.section_text("s1"), "概述。\n\n一、健全机制");
    assert_eq!(out.report.text_lines["s1"], vec![7, 8, 9]);
    assert_eq!(
        out.draft
            .cells
            .get("t2.licensing.decisions")
            .map(String::as_str),
        Some("0")
    );
    assert!(out.report.unplaced.is_empty(), "{:#?}", out.report.unplaced);
}

#[test]
fn lines_that_cannot_be_placed_are_reported_with_their_numbers() {
    let text = "前言一行\n某局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n规章\t1\t2\t3\n不存在的行\t5\n";
    let out = import_text(format(), text, "UTF-8", &opts());
    let unplaced: Vec<(usize, &str)> = out
        .report
        .unplaced
        .iter()
        .map(|u| (u.line, u.text.as_str()))
        .collect();
    assert_eq!(unplaced, vec![(1, "前言一行"), (5, "不存在的行\t5")]);
    assert_eq!(
        out.draft
            .cells
            .get("t2.regulations.in_force")
            .map(String::as_str),
        Some("3")
    );
}

#[test]
fn a_title_split_over_two_lines_and_variant_labels_are_understood() {
    let text = "淮安市人民政府\n2024 年政府信息公开工作年度报告\n一．总体情况\n文字\n三、收到和处理政府信息公开申请情况\n(一)予以公开\t1\t0\t0\t0\t0\t0\t1\n（三）不予公开\t1.属于国家秘密\t2\t0\t0\t0\t0\t0\t2\n3、其他\t4\t0\t0\t0\t0\t0\t4\n";
    let out = import_text(format(), text, "UTF-8", &opts());
    assert_eq!(
        (out.draft.agency.as_str(), out.draft.year),
        ("淮安市人民政府", 2024)
    );
    assert_eq!(out.draft.section_text("s1"), "文字");
    assert_eq!(
        out.draft
            .cells
            .get("t3.granted.natural")
            .map(String::as_str),
        Some("1")
    );
    assert_eq!(
        out.draft
            .cells
            .get("t3.withheld_secret.natural")
            .map(String::as_str),
        Some("2")
    );
    assert_eq!(
        out.draft
            .cells
            .get("t3.other_other.natural")
            .map(String::as_str),
        Some("4")
    );
    assert!(out.report.unplaced.is_empty(), "{:#?}", out.report.unplaced);
}

#[test]
fn blank_rows_keep_their_numbers_away_from_the_next_row() {
    let text = "某局2021年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t\t\t\n行政规范性文件\t\t\t\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t0\n第二十条第（六）项\n";
    let out = import_text(format(), text, "UTF-8", &opts());
    assert_eq!(
        out.draft
            .cells
            .get("t2.licensing.decisions")
            .map(String::as_str),
        Some("0"),
        "{:?}",
        out.draft.cells
    );
}

#[test]
fn a_2019_format_table_is_recognised_and_its_numbers_listed_not_misplaced() {
    let text = "某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t1\t5\n规范性文件\t2\t2\t9\n三、收到和处理政府信息公开申请情况\n（六）其他处理\t1\t0\t0\t0\t0\t0\t1\n";
    let out = import_text(format(), text, "UTF-8", &opts());
    assert_eq!(
        out.report.format_variant.as_deref(),
        Some("2019 年试行格式")
    );
    assert!(
        !out.draft.cells.keys().any(|k| k.starts_with("t2.")),
        "{:?}",
        out.draft.cells
    );
    let mut unplaced: Vec<usize> = out.report.unplaced.iter().map(|u| u.line).collect();
    unplaced.sort_unstable();
    assert_eq!(unplaced, vec![5, 6]);
    let codes = codes(&out);
    assert!(codes.contains(&"import.format-2019"), "{codes:?}");
    assert!(codes.contains(&"import.single-row-group"), "{codes:?}");
    assert_eq!(
        out.draft
            .cells
            .get("t3.other_handling.natural")
            .map(String::as_str),
        Some("1")
    );
}

#[test]
fn a_recognised_variant_is_named_in_the_users_language() {
    use crate::i18n::Lang;
    let zh = super::variants::get().format_2019.name.clone();
    assert!(!zh.is_empty());
    assert_eq!(super::variant_name(&zh, Lang::Zh), zh);
    let en = super::variant_name(&zh, Lang::En);
    assert_ne!(en, zh);
    assert!(en.contains("2019"), "{en}");
}

#[test]
fn a_title_wrapped_mid_word_over_two_or_three_lines_is_read() {
    for title in [
        "淮安市人民政府 2024 年政府信息公开工作年\n度报告",
        "淮安市人民政府2024年\n政府信息公开工作\n年度报告",
    ] {
        let text = format!("{title}\n一、总体情况\n本年度工作。\n");
        let out = import_text(format(), &text, "UTF-8", &opts());
        assert_eq!(out.draft.agency, "淮安市人民政府", "{title}");
        assert_eq!(out.draft.year, 2024, "{title}");
        assert!(
            out.report.unplaced.is_empty(),
            "the title's lines are the title, not unplaced text: {:?}",
            out.report.unplaced
        );
    }
}

/// The consistent draft exported as text, with `preamble` after the title and `tail` at the
/// end (after section 六's text), imported back.
fn with_parts(preamble: &str, tail: &str) -> ImportOutcome {
    let d = crate::rules::tests_support::consistent();
    let text = export(&d, TableStyle::Tsv, 100);
    let (title, rest) = text.split_once('\n').expect("title line");
    let text = format!("{title}\n{preamble}{rest}{tail}");
    import_text(format(), &text, "UTF-8", &opts())
}

const PREAMBLE: &str = "本报告根据《中华人民共和国政府信息公开条例》编制。\n本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。如对本报告有疑问，请与某某市某某局联系（地址：某某路1号；邮编：100000；电话：010-12345678）。\n";

#[test]
fn a_closing_signature_in_every_layout_is_read_and_section_six_keeps_only_its_text() {
    let layouts: [(&str, &str); 7] = [
        (
            "\n某某市某某局\n2025年1月20日\n",
            "某某市某某局\n2025年1月20日",
        ),
        (
            "\n某某市某某局 2025年1月20日\n",
            "某某市某某局 2025年1月20日",
        ),
        (
            "\n\n某某市某某局\n\n2025 年 1 月 20 日\n",
            "某某市某某局\n2025 年 1 月 20 日",
        ),
        ("\n二〇二五年一月二十日\n", "二〇二五年一月二十日"),
        ("\n某某市人民政府办公室\n", "某某市人民政府办公室"),
        (
            "\n  某某市某某局\n  2025年1月20日\n- 6 -\n",
            "某某市某某局\n2025年1月20日",
        ),
        ("", ""),
    ];
    for (tail, signature) in layouts {
        let out = with_parts("", tail);
        assert_eq!(out.draft.section_text("signature"), signature, "{tail:?}");
        assert_eq!(
            out.draft.section_text("s6"),
            "本年度未收取信息处理费。",
            "{tail:?}"
        );
        assert!(out.report.unplaced.is_empty(), "{:#?}", out.report.unplaced);
        assert_eq!(out.draft.section_text("preamble"), "");
    }
}

#[test]
fn a_preamble_after_the_title_is_read_and_flagged_for_checking() {
    let out = with_parts(PREAMBLE, "\n某某市某某局\n2025年1月20日\n");
    assert_eq!(out.draft.section_text("preamble"), PREAMBLE.trim_end());
    assert_eq!(
        out.draft.section_text("s1").lines().next(),
        Some("（一）主动公开")
    );
    assert!(out.report.unplaced.is_empty(), "{:#?}", out.report.unplaced);
    let codes = codes(&out);
    assert_eq!(codes, vec!["import.preamble"]);
    assert_eq!(out.report.text_lines["preamble"], vec![2, 3]);
    let parts: Vec<(&str, Option<usize>)> = out
        .report
        .parts
        .iter()
        .map(|p| (p.id.as_str(), p.line))
        .collect();
    let last = out.report.text_lines["signature"][0];
    assert_eq!(
        parts,
        vec![("preamble", Some(2)), ("signature", Some(last))]
    );
    // Re-exported, the preamble stands after the title and the signature at the end.
    let again = export(&out.draft, TableStyle::Tsv, 100);
    let back = import_text(format(), &again, "UTF-8", &opts());
    assert_eq!(back.draft.sections, out.draft.sections);
    assert_eq!(export(&back.draft, TableStyle::Tsv, 100), again);
    assert!(
        again.ends_with("\n\n某某市某某局\n2025年1月20日\n"),
        "{again}"
    );
}

#[test]
fn preamble_and_signature_are_read_from_a_web_page() {
    let signatures = [
        "<p align=right>某某市某某局</p><p align=right>2025年1月20日</p>",
        "<p style=\"text-align:right\">某某市某某局<br>2025年1月20日</p>",
        "<div style=\"text-align: right;\">某某市某某局 2025年1月20日</div>",
        "<p style=text-align:right>二〇二五年一月二十日</p>",
    ];
    let expected = [
        "某某市某某局\n2025年1月20日",
        "某某市某某局\n2025年1月20日",
        "某某市某某局 2025年1月20日",
        "二〇二五年一月二十日",
    ];
    for (sig, want) in signatures.iter().zip(expected) {
        for preamble in [
            "",
            "<p>本报告根据《中华人民共和国政府信息公开条例》编制。</p>",
        ] {
            let page = format!(
                "<!DOCTYPE html><html><head><meta charset=utf-8></head><body>\
                 <h1>某某市某某局2025年政府信息公开工作年度报告</h1>{preamble}\
                 <h2>一、总体情况</h2><p>总体情况。</p>\
                 <h2>六、其他需要报告的事项</h2><p>本年度未收取信息处理费。</p>{sig}\
                 </body></html>"
            );
            let out = import_text(format(), &page, "UTF-8", &opts());
            assert_eq!(out.draft.section_text("signature"), want, "{sig}");
            assert_eq!(
                out.draft.section_text("s6"),
                "本年度未收取信息处理费。",
                "{sig}"
            );
            assert_eq!(
                out.draft.section_text("preamble"),
                preamble.trim_start_matches("<p>").trim_end_matches("</p>"),
                "{sig}"
            );
            assert_eq!(out.draft.agency, "某某市某某局");
        }
    }
}

#[test]
fn a_web_pages_furniture_after_the_title_is_listed_not_kept_as_the_preamble() {
    let text = "某某县人民政府2024年政府信息公开工作年度报告\n\
        索引号：000-2025-001 发布机构：某某县人民政府办公室\n\
        当前位置：首页 > 政务公开 > 年报 来源：某某县 时间：2025-01-20 本报告根据《中华人民共和国政府信息公开条例》编制。\n\
        一、总体情况\n本年度工作。\n";
    let out = import_text(format(), text, "UTF-8", &opts());
    assert_eq!(
        out.draft.section_text("preamble"),
        "本报告根据《中华人民共和国政府信息公开条例》编制。"
    );
    let listed: Vec<&str> = out
        .report
        .unplaced
        .iter()
        .map(|u| u.text.as_str())
        .collect();
    assert!(
        listed.iter().any(|l| l.contains("索引号"))
            && listed.iter().any(|l| l.contains("当前位置")),
        "{listed:?}"
    );
}

/// A PDF's table 三 read column by column (`pdftotext` without `-layout`): every label, then
/// all the numbers, one a line. Which number is whose cannot be told: no cell of the table
/// gets one (the last row took the stream's last seven before), and the numbers are reported.
/// Every cell that is placed (the other tables) is the report's own.
#[test]
fn a_table_read_column_by_column_places_no_number_it_cannot_tell() {
    let text = include_str!("../../tests/fixtures/import/column-order-pdftotext.txt");
    let truth: serde_json::Value = serde_json::from_str(include_str!(
        "../../tests/fixtures/import/column-order-pdftotext.cells.json"
    ))
    .expect("cells.json");
    let out = import_text(format(), text, "UTF-8", &opts());
    for (key, value) in &out.draft.cells {
        assert!(!key.starts_with("t3."), "{key} = {value} guessed");
        assert_eq!(
            truth["cells"][&**key].as_str(),
            Some(value.as_str()),
            "{key} wrong"
        );
    }
    assert!(
        out.report
            .problems
            .iter()
            .any(|p| p.code == "import.unplaced" && p.location.line == Some(87)),
        "the numbers after the last label are reported: {:#?}",
        out.report.problems
    );
}

/// A merged cell's value written into every column it spans is one value only when every
/// copy is the same; two different numbers for a one-cell row are not guessed between.
#[test]
fn a_repeated_merged_value_is_read_once_and_different_ones_not_at_all() {
    let head = "某局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n";
    let cell = CellRef::new("t2", "licensing", "decisions");
    let same = format!("{head}| 第二十条第（五）项 | | |\n| 行政许可 | 349 | 349 | 349 |\n");
    let out = import_text(format(), &same, "UTF-8", &opts());
    assert_eq!(out.draft.cell(&cell), Some("349"));
    let differ = format!("{head}| 第二十条第（五）项 | | |\n| 行政许可 | 349 | 350 | 349 |\n");
    let out = import_text(format(), &differ, "UTF-8", &opts());
    assert_eq!(out.draft.cell(&cell), None);
}

/// The cells an import computed for the totals it keeps are what computing the imported draft
/// gives (the check starts from them): also where stated totals and subtotals were kept
/// after the computation, and in reports of every layout.
#[test]
fn the_imports_computed_cells_are_the_drafts() {
    let d = crate::rules::tests_support::consistent();
    let tsv = export(&d, TableStyle::Tsv, 100);
    let grid = export(&d, TableStyle::Grid, 60);
    let mut texts = vec![
        tsv.replace("（七）总计\t21\t", "（七）总计\t20\t"),
        tsv.replace("（七）总计\t21\t", "（七）总计\t二十\t"),
        grid.clone(),
        tsv.clone(),
    ];
    // Every number of the table changed by one in turn, a total or a term.
    for (i, _) in tsv.match_indices('\t').take(400).step_by(7) {
        if let Some(digit) = tsv[i + 1..].chars().next().filter(char::is_ascii_digit) {
            let other = if digit == '9' { '0' } else { '9' };
            texts.push(format!("{}\t{other}{}", &tsv[..i], &tsv[i + 2..]));
        }
    }
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    for entry in walkdir(std::path::Path::new(fixtures)) {
        if entry
            .extension()
            .is_some_and(|x| x == "txt" || x == "md" || x == "html")
            && let Ok(text) = std::fs::read_to_string(&entry)
        {
            texts.push(text);
        }
    }
    let mut kept = 0;
    for text in &texts {
        let (out, computed) = import_computed(format(), text, "UTF-8", &opts());
        assert_eq!(
            computed,
            crate::rules::computed(format(), &out.draft),
            "{}",
            &text[..text.len().min(200)]
        );
        kept += usize::from(out.draft.cells.contains_key("t3.total.natural"));
    }
    // Texts where a stated total was kept after the computation were among them.
    assert!(kept >= 2, "{kept}");
}

/// Every file below `dir`.
fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// A row with more numbers than the table has columns (a number wrapped onto the next line, a
/// column the format lacks) cannot be lined up: none of it is placed, and the report names the
/// row (a tab row as not imported, a stream's as having too many values), or the section for
/// table 四's one unlabelled row.
#[test]
fn a_row_with_more_values_than_columns_is_not_placed_in_part() {
    let complete = include_str!("../../tests/fixtures/complete-2024.txt");
    let row = "一、本年新收政府信息公开申请数量\t3001\t53\t0\t0\t61\t4\t3119";
    let t4 = "72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20";
    assert!(complete.contains(row) && complete.contains(t4));
    let tabbed = complete.replace(row, &format!("{row}\t4"));
    let wrapped = complete.replace(t4, "72 64 17 37 35 13 4 8 1 26 12 1 1 6 20\n8 1");
    for (text, row, names) in [
        (&tabbed, "t3.new.", "一、本年新收政府信息公开申请数量"),
        (&wrapped, "t4.", "政府信息公开行政复议、行政诉讼情况"),
    ] {
        let out = import_text(format(), text, "UTF-8", &opts());
        let placed: Vec<_> = out
            .draft
            .cells
            .keys()
            .filter(|k| k.starts_with(row))
            .collect();
        assert!(placed.is_empty(), "{placed:?} placed");
        let error = out
            .report
            .problems
            .iter()
            .find(|p| p.code == "import.surplus-values" || p.code == "import.unplaced")
            .unwrap_or_else(|| panic!("the row is not named: {:#?}", out.report.problems));
        assert!(error.message.zh.contains(names), "{}", error.message.zh);
        // The rest of the report is still read.
        assert!(out.draft.cells.len() > 100, "{}", out.draft.cells.len());
    }
}

/// Table 三 printed with 法人或其他组织 as one column (its five parts summed): each row's
/// natural persons and total go where the header says, the group's sum goes nowhere (no cell
/// is its), and the report says both; before, the sum went to 商业企业 and the total to 科研机构.
#[test]
fn a_header_that_prints_a_group_as_one_column_places_by_the_header() {
    let complete = include_str!("../../tests/fixtures/complete-2024.txt");
    let (head, rest) = complete.split_once("（本列数据").expect("table 三");
    let (t3, tail) = rest.split_once("四、").expect("section 四");
    let mut t3_lines = t3.lines().skip(3);
    let mut text = format!("{head}\t自然人\t法人或其他组织\t总计\n");
    for line in t3_lines.by_ref() {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() == 8 && cells[1..].iter().all(|c| c.parse::<u64>().is_ok()) {
            let legal: u64 = cells[2..7]
                .iter()
                .map(|c| c.parse::<u64>().unwrap_or(0))
                .sum();
            text.push_str(&format!(
                "{}\t{}\t{legal}\t{}\n",
                cells[0], cells[1], cells[7]
            ));
        } else {
            text.push_str(line);
            text.push('\n');
        }
    }
    text.push_str("四、");
    text.push_str(tail);
    let out = import_text(format(), &text, "UTF-8", &opts());
    let cell = |row: &str, col: &str| out.draft.cell(&CellRef::new("t3", row, col));
    assert_eq!(cell("new", "natural"), Some("3001"));
    assert_eq!(cell("granted", "natural"), Some("1288"), "{text}");
    for col in [
        "commercial",
        "research",
        "nonprofit",
        "legal_service",
        "other",
    ] {
        assert_eq!(cell("new", col), None, "{col}");
        assert_eq!(cell("granted", col), None, "{col}");
    }
    let codes = codes(&out);
    assert!(codes.contains(&"import.column-order"), "{codes:?}");
    let group = out
        .report
        .problems
        .iter()
        .find(|p| p.code == "import.group-column")
        .expect("the group's values are said not imported");
    assert!(
        group.message.zh.contains("法人或其他组织"),
        "{}",
        group.message.zh
    );
}

/// A web page's zero-width spaces and bidi marks, `pdftotext`'s page breaks: an editor hides
/// them and an export prints them (`<U+200B>`, `␌`), so a draft imported for editing has
/// none; every line keeps its place, and the tables are read as before.
#[test]
fn an_imported_text_keeps_no_character_an_editor_hides() {
    let complete = include_str!("../../tests/fixtures/complete-2024.txt");
    let hidden = complete
        .replacen("（一）主动公开", "（一）主\u{200b}动\u{c}公开\u{202e}", 1)
        .replacen("一、总体情况\n", "\u{c}一、总体情况\n", 1);
    assert_ne!(hidden, complete);
    let plain = import_text(format(), complete, "UTF-8", &opts());
    let mut out = import_text(format(), &hidden, "UTF-8", &opts());
    ready_for_editing(&mut out.draft);
    for (id, text) in &out.draft.sections {
        assert!(
            !text
                .chars()
                .any(|c| crate::sanitize::is_unsafe(c) && c != '\n' && c != '\t'),
            "{id}: {text:?}"
        );
        assert_eq!(text, plain.draft.section_text(id), "{id}");
    }
    assert_eq!(out.draft.cells, plain.draft.cells);
}
