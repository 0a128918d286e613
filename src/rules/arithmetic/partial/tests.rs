//! Sums with a partly blank group: reported when the filled cells already exceed the total
//! (no blank can fix it) or when the few blanks are the only way to balance; quiet when
//! nothing can be said (blanks on both sides, many blanks, nothing filled).

use crate::draft::Draft;
use crate::format::{CellRef, Format, Severity};
use crate::rules::tests_support::consistent;
use crate::rules::{Stage, evaluate};
use chrono::NaiveDate;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn set(d: &mut Draft, table: &str, row: &str, col: &str, v: &str) {
    d.set_cell(format(), &CellRef::new(table, row, col), v);
}

fn partial(d: &Draft, stage: Stage) -> Vec<(String, Severity, String)> {
    let today = NaiveDate::from_ymd_opt(2026, 3, 10).expect("date");
    evaluate(format(), d, stage, today)
        .diagnostics
        .into_iter()
        .filter(|x| x.code.starts_with("sum."))
        .map(|x| (x.code.clone(), x.severity, x.render(crate::i18n::Lang::Zh)))
        .collect()
}

#[test]
fn filled_cells_already_above_a_stated_total_is_an_error_whatever_the_blanks() {
    // 表四 行政复议: 维持 1 + 纠正 1 + 其他 1 already 3, printed 总计 2, 尚未审结 blank.
    let mut d = consistent();
    set(&mut d, "t4", "cases", "review_pending", "");
    set(&mut d, "t4", "cases", "review_total", "2");
    let found = partial(&d, Stage::Drafting);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "sum.exceeds");
    assert_eq!(found[0].1, Severity::Error);
    assert!(
        found[0].2.contains("已达 3") && found[0].2.contains("超出 1"),
        "{}",
        found[0].2
    );
}

#[test]
fn a_total_the_blanks_alone_can_balance_says_how_much_is_missing_and_where() {
    let mut d = consistent();
    set(&mut d, "t4", "cases", "review_pending", "");
    set(&mut d, "t4", "cases", "review_total", "4");
    let found = partial(&d, Stage::Drafting);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "sum.short");
    assert_eq!(found[0].1, Severity::Warning);
    assert!(
        found[0].2.contains("还差 1") && found[0].2.contains("尚未审结"),
        "{}",
        found[0].2
    );
}

#[test]
fn the_balance_of_table_three_names_the_blank_behind_a_computed_total() {
    // 自然人: 一 20 + 二 2 = 22; the 21 result rows hold 1 each; 四 blank: it must be 1.
    let mut d = consistent();
    set(&mut d, "t3", "carry_next", "natural", "");
    let found = partial(&d, Stage::Drafting);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].2.contains("还差 1") && found[0].2.contains("结转下年度继续办理"),
        "{}",
        found[0].2
    );
    // One result row blank instead: the (七)总计 behind it is incomplete, the blank named.
    let mut d = consistent();
    set(&mut d, "t3", "granted", "natural", "");
    let found = partial(&d, Stage::Drafting);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].2.contains("予以公开"), "{}", found[0].2);
    // The results already above 一 + 二: an error.
    let mut d = consistent();
    set(&mut d, "t3", "carry_next", "natural", "");
    set(&mut d, "t3", "new", "natural", "10");
    let found = partial(&d, Stage::Drafting);
    assert!(found.iter().any(|f| f.0 == "sum.exceeds"), "{found:#?}");
}

#[test]
fn nothing_is_said_where_nothing_follows() {
    // A consistent draft; blanks on both sides; more blanks than the asset's max_blanks;
    // an empty table.
    assert!(partial(&consistent(), Stage::Final).is_empty());
    let mut d = consistent();
    set(&mut d, "t3", "carry_next", "natural", "");
    set(&mut d, "t3", "new", "natural", "");
    assert!(partial(&d, Stage::Drafting).is_empty());
    let mut d = consistent();
    for row in ["granted", "partial", "withheld_secret", "carry_next"] {
        set(&mut d, "t3", row, "natural", "");
    }
    assert!(partial(&d, Stage::Drafting).is_empty());
    let mut d = consistent();
    d.cells.clear();
    assert!(partial(&d, Stage::Drafting).is_empty());
}
