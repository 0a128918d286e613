//! Sentences against cells: a stated count that differs is found with both numbers, one that
//! agrees (or counts the carried-over applications too) is not, approximate numbers are
//! never compared.

use crate::format::{CellRef, Format};
use crate::rules::tests_support::consistent;
use crate::rules::{Stage, evaluate};
use chrono::NaiveDate;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn findings(text: &str) -> Vec<String> {
    let mut d = consistent();
    d.set_section_text("s1", text);
    let today = NaiveDate::from_ymd_opt(2026, 1, 10).expect("date");
    evaluate(format(), &d, Stage::Final, today)
        .diagnostics
        .into_iter()
        .filter(|x| x.code == "text.numbers")
        .map(|x| x.render(crate::i18n::Lang::Zh))
        .collect()
}

fn cell(row: &str, col: &str) -> String {
    let d = consistent();
    let today = NaiveDate::from_ymd_opt(2026, 1, 10).expect("date");
    evaluate(format(), &d, Stage::Final, today)
        .display(&CellRef::new("t3", row, col))
        .expect("value")
}

#[test]
fn a_stated_count_that_differs_from_the_table_names_both_numbers_and_the_cell() {
    let table = cell("new", "total");
    let stated: i64 = table.parse::<i64>().expect("n") + 78;
    let found = findings(&format!(
        "2024 年，区政府办代表区政府受理政府信息公开申请 {stated} 件，均已在法定期限内予以答复。"
    ));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains(&format!("说 {stated}")) && found[0].contains(&format!("为 {table}")),
        "{}",
        found[0]
    );
    assert!(found[0].contains("本年新收"), "{}", found[0]);
    assert!(
        found[0].contains("第 1 行"),
        "the line of the section: {}",
        found[0]
    );
}

#[test]
fn agreeing_numbers_and_received_counting_the_carried_over_are_no_finding() {
    let new: i64 = cell("new", "total").parse().expect("n");
    let carried: i64 = cell("carried", "total").parse().expect("n");
    assert!(findings(&format!("全年共收到政府信息公开申请{new}件。")).is_empty());
    assert!(
        findings(&format!(
            "全年收到政府信息公开申请{}件，均按时答复。",
            new + carried
        ))
        .is_empty()
    );
    assert!(findings(&format!("上年结转申请{carried}件。")).is_empty());
}

#[test]
fn approximate_numbers_and_numbers_of_other_things_are_left_alone() {
    for text in [
        "全年共收到政府信息公开申请约 9999 件。",
        "全年收到政府信息公开申请9999余件。",
        "全年收到政府信息公开申请 9999 多件。",
        "网站发布信息5500余条，收到申请的咨询电话9999个。",
        "收到行政复议申请9999件。",
    ] {
        let found = findings(text);
        // The last one speaks of 行政复议: compared with table 四, not with table 三.
        assert!(
            found.iter().all(|f| !f.contains("本年新收")),
            "{text}: {found:#?}"
        );
    }
}
