use super::*;
use crate::format::CellRef;
use crate::i18n::Lang;
use crate::import::{ImportOptions, decode, import_text};
use crate::rules::tests_support::consistent;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

/// Last year and this year: a figure up, one cleared, one newly filled, an amount changed,
/// a section rewritten in one figure, a line added, the preamble only this year.
fn pair() -> (Draft, Draft) {
    let f = format();
    let mut a = consistent();
    a.year = 2024;
    a.set_section_text("s5", "存在的问题是更新不够及时。\n下一步将加强培训。");
    let mut b = consistent();
    b.set_cell(f, &CellRef::new("t3", "new", "natural"), "25");
    b.set_cell(f, &CellRef::new("t3", "granted", "natural"), "6");
    b.set_cell(f, &CellRef::new("t2", "regulations", "issued"), "");
    a.set_cell(f, &CellRef::new("t2", "regulations", "repealed"), "");
    b.set_cell(f, &CellRef::new("t2", "fees", "fee_amount"), "1.5");
    b.set_section_text(
        "s1",
        "（一）主动公开\n本年度主动公开信息 135 条。\n全部在网站公开。",
    );
    b.set_section_text("s5", "存在的问题是更新不够及时。\n下一步将加强培训和考核。");
    b.set_section_text("preamble", "本报告根据《条例》编制。");
    (a, b)
}

fn json(d: &Diff) -> String {
    serde_json::to_string_pretty(d).expect("json")
}

#[test]
fn text_of_two_small_drafts() {
    let (a, b) = pair();
    let d = diff(format(), (&a, "2024-aaaaaa"), (&b, "2025-bbbbbb"), false);
    insta::assert_snapshot!("diff_text_zh", render(&d, Lang::Zh));
    insta::assert_snapshot!("diff_text_en", render(&d, Lang::En));
}

#[test]
fn json_of_two_small_drafts() {
    let (a, b) = pair();
    let d = diff(format(), (&a, "2024-aaaaaa"), (&b, "2025-bbbbbb"), false);
    insta::assert_snapshot!("diff_json", json(&d));
}

#[test]
fn all_shows_unchanged_cells_and_texts_too() {
    let (a, b) = pair();
    let some = diff(format(), (&a, "a"), (&b, "b"), false);
    let all = diff(format(), (&a, "a"), (&b, "b"), true);
    assert_eq!(all.cells.len(), format().cells().len());
    assert!(some.cells.iter().all(|c| c.change != Change::Same));
    assert!(all.cells.len() > some.cells.len());
    let s6 = all.texts.iter().find(|t| t.id == "s6").expect("s6 listed");
    assert_eq!(s6.change, Change::Same);
    assert!(!some.texts.iter().any(|t| t.id == "s6"));
}

#[test]
fn a_draft_against_itself_has_no_differences() {
    let (a, _) = pair();
    let d = diff(format(), (&a, "a"), (&a, "a"), false);
    assert!(d.cells.is_empty() && d.texts.is_empty(), "{d:#?}");
}

fn import(name: &str) -> Option<Draft> {
    let path = std::path::Path::new("../shared/samples/real").join(name);
    let Ok(bytes) = std::fs::read(&path) else {
        println!("skipped: {} not found", path.display());
        return None;
    };
    let (text, _) = decode(&bytes)?;
    let opts = ImportOptions {
        id: "x".into(),
        agency: None,
        year: None,
        kind: None,
        now: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now"),
    };
    Some(import_text(format(), &text, "UTF-8", &opts).draft)
}

#[test]
fn hongzequ_2023_to_2024() {
    let (Some(a), Some(b)) = (
        import("02-hongzequ-2023.txt"),
        import("03-hongzequ-2024.txt"),
    ) else {
        return;
    };
    let d = diff(format(), (&a, "2023"), (&b, "2024"), true);
    let cell = |row: &str, col: &str| {
        d.cells
            .iter()
            .find(|c| c.table == "t3" && c.row == row && c.column == col)
            .unwrap_or_else(|| panic!("t3.{row}.{col} listed"))
    };
    // 二、上年结转 of 2024 is 四、结转下年度 of 2023, as published.
    let carried = cell("carried", "natural");
    let carry_next = cell("carry_next", "natural");
    assert_eq!(carried.after, carry_next.before);
    assert_eq!(carried.after.as_deref(), Some("0"));
    // 一、本年新收 / 自然人: 21 → 95, and its computed total with it.
    let new = cell("new", "natural");
    assert_eq!(new.before.as_deref(), Some("21"));
    assert_eq!(new.after.as_deref(), Some("95"));
    assert_eq!(new.delta.as_deref(), Some("+74"));
    assert_eq!(new.percent.as_deref(), Some("+352.4%"));
    let total = cell("new", "total");
    assert!(total.computed);
    assert_eq!(
        (total.before.as_deref(), total.after.as_deref()),
        (Some("21"), Some("95"))
    );
    let text = render(&d, Lang::Zh);
    let line = format!("{}  21 → 95  +74  +352.4%\n", new.label);
    assert!(text.contains(&line), "{text}");
    assert!(
        text.contains(&format!("{}  0 → 0\n", carried.label)),
        "{text}"
    );
    // Every section of two different years' reports differs somewhere.
    assert!(d.texts.iter().any(|t| t.change == Change::Changed));
}
