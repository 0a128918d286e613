//! Planning the pairs of a batch, and last year slimmed to what the cross-year rules read.

use super::*;
use crate::rules::tests_support::consistent;
use crate::rules::{Stage, cross_year};

fn seen(agency: &str, year: i32) -> Seen {
    Seen {
        key: Key::of(agency, year),
        has_previous: false,
    }
}

#[test]
fn names_meet_as_titles_are_read_and_nothing_more() {
    assert_eq!(
        agency_key("淮安市 洪泽区人民政府"),
        agency_key("淮安市洪泽区人民政府")
    );
    assert_eq!(agency_key("ＸＸ市　教育局"), "XX市教育局");
    assert_ne!(
        agency_key("洪泽区人民政府"),
        agency_key("淮安市洪泽区人民政府")
    );
    assert_eq!(Key::of("", 2024), None);
    assert_eq!(Key::of("某某局", 0), None);
}

#[test]
fn consecutive_years_pair_whatever_their_order_in_the_batch() {
    let batch = [
        seen("平潭综合实验区", 2022),
        seen("某某市教育局", 2024),
        seen("平潭综合实验区", 2021),
        seen("平潭综合实验区", 2024),
        seen("平潭综合实验区", 2023),
        Seen::default(),
        seen("某某市教育局", 2022),
    ];
    let plan = Plan::new(&batch);
    assert_eq!(plan.previous_of(0), Some(2));
    assert_eq!(plan.previous_of(4), Some(0));
    assert_eq!(plan.previous_of(3), Some(4));
    assert_eq!(plan.previous_of(2), None);
    // 2022 → 2024 is no pair: a year is missing between them.
    assert_eq!(plan.previous_of(1), None);
    assert_eq!(plan.previous_of(5), None);
    assert!(plan.has_successor(2) && plan.has_successor(0) && plan.has_successor(4));
    assert!(!plan.has_successor(3) && !plan.has_successor(6));
    assert_eq!(plan.pairs(), 3);
    assert!(plan.duplicates.is_empty());
}

#[test]
fn two_reports_of_one_year_pair_with_neither_neighbour_and_are_named_once() {
    let batch = [
        seen("某某局", 2023),
        seen("某某局", 2024),
        seen("某某 局", 2024),
        seen("某某局", 2025),
        seen("另一局", 2024),
        seen("另一局", 2025),
    ];
    let plan = Plan::new(&batch);
    for i in 0..4 {
        assert_eq!(plan.previous_of(i), None, "{i}");
        assert!(!plan.has_successor(i), "{i}");
    }
    assert_eq!(plan.previous_of(5), Some(4));
    assert_eq!(
        plan.duplicates,
        [Duplicate {
            key: Key::of("某某局", 2024).expect("key"),
            items: vec![1, 2]
        }]
    );
}

#[test]
fn a_draft_with_its_own_last_year_is_not_paired_again() {
    let mut batch = [seen("某某局", 2023), seen("某某局", 2024)];
    batch[1].has_previous = true;
    let plan = Plan::new(&batch);
    assert_eq!(plan.previous_of(1), None);
    assert!(!plan.has_successor(0));
}

#[test]
fn last_year_slimmed_gives_the_same_findings_as_the_whole_report() {
    let f = Format::by_id("gov-2021").expect("format");
    let this = consistent();
    let mut last = this.clone();
    last.year -= 1;
    // 结转下年度 off by 3, 现行有效 off by 2, section 一 the same text: all three rules fire.
    let cell = CellRef::new("t3", "carry_next", "natural");
    let v: i64 = last.cell(&cell).and_then(|v| v.parse().ok()).unwrap_or(0);
    last.set_cell(f, &cell, &(v + 3).to_string());
    let stock = CellRef::new("t2", "normative_docs", "in_force");
    let v: i64 = last.cell(&stock).and_then(|v| v.parse().ok()).unwrap_or(0);
    last.set_cell(f, &stock, &(v + 2).to_string());
    let whole = PreviousYear::of(&last, "last.txt");
    let slim = carried(f, &last, "last.txt");
    let a = cross_year::evaluate(f, &this, &whole, Stage::Final);
    let b = cross_year::evaluate(f, &this, &slim, Stage::Final);
    let codes = |d: &[crate::rules::Diagnostic]| -> Vec<String> {
        d.iter()
            .map(|d| format!("{} {}", d.code, d.message.zh))
            .collect()
    };
    assert_eq!(codes(&a), codes(&b));
    assert!(a.iter().any(|d| d.code == "x1.carried"), "{:#?}", codes(&a));
    assert!(
        slim.cells.len() < whole.cells.len() / 4,
        "{}",
        slim.cells.len()
    );
    assert!(size_of(&slim) < size_of(&whole));
}
