//! The cross-year rules on a draft and last year's: carried-over applications, documents in
//! force, and text copied from last year.

use super::*;
use crate::draft::PreviousYear;
use crate::rules::tests_support::consistent;
use crate::rules::{Stage, evaluate};
use chrono::NaiveDate;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 10).expect("date")
}

/// Last year's report whose 结转下年度 is this year's 上年结转, with 现行有效 consistent.
fn last_year(this: &Draft) -> PreviousYear {
    let f = format();
    let mut last = this.clone();
    last.year = this.year - 1;
    let t3 = f.table("t3").expect("t3");
    let block = t3.block_of_row("carried").expect("block");
    for col in block.leaf_columns() {
        let v = this
            .cell(&CellRef::new("t3", "carried", &col.id))
            .unwrap_or("0")
            .to_string();
        last.set_cell(f, &CellRef::new("t3", "carry_next", &col.id), &v);
    }
    for row in ["regulations", "normative_docs"] {
        let n = |c: &str| -> i64 {
            this.cell(&CellRef::new("t2", row, c))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        let before = n("in_force") - n("issued") + n("repealed");
        last.set_cell(f, &CellRef::new("t2", row, "in_force"), &before.to_string());
    }
    for s in &f.sections {
        last.set_section_text(
            &s.id,
            "上一年度的文字，与本年完全不同，讲的是另一年的工作情况和数字。",
        );
    }
    PreviousYear::of(&last, "last")
}

fn codes(d: &[Diagnostic]) -> Vec<&str> {
    d.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn a_consistent_pair_of_years_has_no_finding() {
    let this = consistent();
    let last = last_year(&this);
    let found = evaluate_pair(&this, &last);
    assert!(found.is_empty(), "{:#?}", codes(&found));
}

fn evaluate_pair(this: &Draft, last: &PreviousYear) -> Vec<Diagnostic> {
    super::evaluate(format(), this, last, Stage::Final)
}

#[test]
fn carried_over_applications_must_be_last_years_carried_forward() {
    let mut this = consistent();
    let last = last_year(&this);
    let f = format();
    let cell = CellRef::new("t3", "carried", "natural");
    let was = this.cell(&cell).unwrap_or("0").to_string();
    let now: i64 = was.parse::<i64>().expect("number") + 5;
    this.set_cell(f, &cell, &now.to_string());
    let found = evaluate_pair(&this, &last);
    assert_eq!(codes(&found), vec!["x1.carried"]);
    let msg = found[0].render(crate::i18n::Lang::Zh);
    assert!(
        msg.contains(&format!("本年填写 {now}")) && msg.contains(&format!("为 {was}")),
        "{msg}"
    );
    assert!(msg.contains("结转下年度继续办理"), "{msg}");
    assert_eq!(found[0].severity, crate::format::Severity::Error);
    // Through the draft, as `new --from` and `check --previous` make it.
    this.previous = Some(Box::new(last));
    let all = evaluate(f, &this, Stage::Final, today());
    assert!(codes(&all.diagnostics).contains(&"x1.carried"));
}

#[test]
fn documents_in_force_follow_from_last_year_and_the_message_gives_all_four() {
    let mut this = consistent();
    let last = last_year(&this);
    let f = format();
    let cell = CellRef::new("t2", "normative_docs", "in_force");
    let now: i64 = this.cell(&cell).unwrap_or("0").parse::<i64>().expect("n") + 2;
    this.set_cell(f, &cell, &now.to_string());
    let found = evaluate_pair(&this, &last);
    assert_eq!(codes(&found), vec!["x2.in-force"]);
    assert_eq!(found[0].severity, crate::format::Severity::Warning);
    let msg = found[0].render(crate::i18n::Lang::Zh);
    assert!(msg.contains(&format!("填写为 {now}")), "{msg}");
    assert!(
        msg.contains("本年制发") && msg.contains("本年废止"),
        "{msg}"
    );
}

#[test]
fn a_section_copied_from_last_year_is_flagged_with_its_share_and_an_edited_one_is_not() {
    let mut this = consistent();
    let mut last = last_year(&this);
    let copied = "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，围绕中心工作推进政务公开，主动公开政府信息一千余条，依申请公开工作规范有序，政府信息管理和平台建设不断加强，监督保障机制进一步完善。";
    last.sections.insert("s1".into(), copied.into());
    this.set_section_text("s1", copied);
    let found = evaluate_pair(&this, &last);
    assert_eq!(codes(&found), vec!["x3.same-text"]);
    let msg = found[0].render(crate::i18n::Lang::Zh);
    assert!(msg.contains("100%"), "{msg}");
    assert_eq!(found[0].location.section.as_deref(), Some("s1"));
    // Rewritten for this year: no longer the same text.
    this.set_section_text(
        "s1",
        "2025年，我局聚焦企业和群众关切，新建政策问答库，上线依申请公开网上办理系统，全年主动公开生态环境信息一千二百条、办理申请四十三件，组织专题培训三期，对全部栏目开展季度巡检，整改问题十九个。",
    );
    assert!(evaluate_pair(&this, &last).is_empty());
}

#[test]
fn the_share_counts_this_years_characters_left_unchanged() {
    assert_eq!(unchanged_share("甲乙丙丁", "甲乙丙丁", 1), Some(1.0));
    let half = unchanged_share("甲乙丙丁", "甲乙戊己", 1).expect("share");
    assert!((half - 0.5).abs() < 1e-9, "{half}");
    // Spaces and line breaks do not count; short texts are not judged.
    assert_eq!(unchanged_share("甲 乙\n丙丁", "甲乙丙丁", 1), Some(1.0));
    assert_eq!(unchanged_share("甲乙", "甲乙", 10), None);
    assert_eq!(unchanged_share("", "甲乙丙丁", 1), None);
}

#[test]
fn a_draft_started_from_last_year_carries_what_the_rules_say_and_keeps_last_year() {
    let f = format();
    let mut last = consistent();
    last.set_section_text(
        "s1",
        "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，围绕中心工作推进政务公开，主动公开政府信息一千余条，依申请公开工作规范有序。",
    );
    let mut next = Draft::new(
        "n",
        f,
        &last.agency,
        last.agency_kind,
        last.year + 1,
        last.created,
    );
    start_from(f, &last, "2024-abc", &mut next, false);
    let block = f
        .table("t3")
        .and_then(|t| t.block_of_row("carried"))
        .expect("block");
    for col in block.leaf_columns() {
        assert_eq!(
            next.cell(&CellRef::new("t3", "carried", &col.id)),
            last.cell(&CellRef::new("t3", "carry_next", &col.id)),
            "上年结转 / {}",
            col.id
        );
    }
    assert_eq!(
        next.cell(&CellRef::new("t2", "normative_docs", "in_force")),
        last.cell(&CellRef::new("t2", "normative_docs", "in_force"))
    );
    assert_eq!(
        next.cell(&CellRef::new("t2", "normative_docs", "issued")),
        None
    );
    assert!(
        next.section_text("s1").is_empty(),
        "texts only with copy_text"
    );
    let kept = next.previous.as_ref().expect("last year kept");
    assert_eq!((kept.year, kept.source.as_str()), (last.year, "2024-abc"));
    // With the texts: each copied section is flagged until it is rewritten.
    let mut copied = Draft::new(
        "c",
        f,
        &last.agency,
        last.agency_kind,
        last.year + 1,
        last.created,
    );
    start_from(f, &last, "2024-abc", &mut copied, true);
    assert_eq!(copied.section_text("s1"), last.section_text("s1"));
    let found = evaluate(f, &copied, Stage::Drafting, today()).diagnostics;
    assert!(
        found
            .iter()
            .any(|d| d.code == "x3.same-text" && d.location.section.as_deref() == Some("s1")),
        "{:#?}",
        codes(&found)
    );
}
