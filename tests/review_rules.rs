//! Issue 17 through the import and the check, on report files: headings under the wrong
//! number (a fixture with every heading from 二 on shifted by one; a real web-text report
//! with one heading renumbered inline) are read as their sections, with a numbering warning
//! at the line and their tables read and checked; zeros printed as `—`, `/`, `无` are read as
//! 0 and named in one warning per table.

use nianbao::check::check_text;
use nianbao::format::{CellRef, Format};
use nianbao::i18n::Lang;
use nianbao::import::{ImportOptions, decode, import_text};
use nianbao::rules::Diagnostic;
use std::path::Path;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn opts() -> ImportOptions {
    ImportOptions {
        id: "r".into(),
        agency: None,
        year: None,
        kind: None,
        now: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now"),
    }
}

fn check(text: &str) -> Vec<Diagnostic> {
    let o = opts();
    check_text(format(), text, "UTF-8", &o, o.now.date_naive()).1
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new("tests/fixtures").join(name)).expect("fixture")
}

fn codes(d: &[Diagnostic]) -> Vec<String> {
    d.iter()
        .map(|d| format!("{:?} {} {}", d.location.line, d.code, d.render(Lang::Zh)))
        .collect()
}

#[test]
fn shifted_headings_are_their_sections_with_a_numbering_warning_and_tables_read() {
    let shifted = fixture("shifted-headings-2024.txt");
    let found = check(&shifted);
    let numbering: Vec<_> = found
        .iter()
        .filter(|d| d.code == "import.heading-numbering")
        .collect();
    // 二 … 六 each under the next number, each at its own line.
    let lines: Vec<Option<usize>> = numbering.iter().map(|d| d.location.line).collect();
    assert_eq!(
        lines,
        [Some(17), Some(34), Some(70), Some(77), Some(83)],
        "{:#?}",
        codes(&found)
    );
    assert!(
        !found.iter().any(|d| d.code.starts_with("import.missing")),
        "{:#?}",
        codes(&found)
    );
    assert_eq!(numbering.len(), found.len(), "{:#?}", codes(&found));
    // The tables are read: the same cells as the report with the right numbers.
    let complete = fixture("complete-2024.txt");
    let a = import_text(format(), &shifted, "UTF-8", &opts()).draft;
    let b = import_text(format(), &complete, "UTF-8", &opts()).draft;
    assert_eq!(a.cells, b.cells);
    assert!(!a.cells.is_empty());
    // … and checked: a wrong total under the shifted heading is found.
    let broken = shifted.replacen(
        "一、本年新收政府信息公开申请数量\t3001",
        "一、本年新收政府信息公开申请数量\t3002",
        1,
    );
    assert_ne!(broken, shifted);
    let found = check(&broken);
    assert!(
        found.iter().any(|d| d.code == "t3.balance"),
        "{:#?}",
        codes(&found)
    );
}

fn real(name: &str) -> Option<String> {
    let bytes = std::fs::read(Path::new("../shared/samples/real").join(name)).ok()?;
    decode(&bytes).map(|(t, _)| t)
}

#[test]
fn a_heading_renumbered_inside_web_text_is_found_by_its_words() {
    let Some(text) = real("07-pingtan-2024.txt") else {
        eprintln!("skipped: shared samples not found");
        return;
    };
    let renumbered = text.replacen("二、主动公开政府信息情况", "三、主动公开政府信息情况", 1);
    assert_ne!(renumbered, text);
    let before = check(&text);
    let after = check(&renumbered);
    let numbering: Vec<_> = after
        .iter()
        .filter(|d| d.code == "import.heading-numbering")
        .collect();
    assert_eq!(numbering.len(), 1, "{:#?}", codes(&after));
    assert_eq!(numbering[0].location.section.as_deref(), Some("s2"));
    // Nothing else changes: section 二 and its table are read as before.
    let rest: Vec<String> = codes(&after)
        .into_iter()
        .filter(|c| !c.contains("import.heading-numbering"))
        .collect();
    assert_eq!(rest, codes(&before));
    let a = import_text(format(), &renumbered, "UTF-8", &opts()).draft;
    let b = import_text(format(), &text, "UTF-8", &opts()).draft;
    assert_eq!(a.cells, b.cells);
}

#[test]
fn zeros_printed_as_dashes_are_read_as_0_and_named_once_per_table() {
    let complete = fixture("complete-2024.txt");
    // Table 二's 规章 and two cells of table 三 printed with `—`, `/`, `无`, `-`, `--`.
    let dashed = complete
        .replacen("规章\t0\t0\t0", "规章\t—\t/\t无", 1)
        .replacen(
            "二、上年结转政府信息公开申请数量\t34\t0\t0",
            "二、上年结转政府信息公开申请数量\t34\t-\t--",
            1,
        );
    assert_eq!(
        dashed
            .lines()
            .filter(|l| l.contains('—') || l.contains("--"))
            .count(),
        2
    );
    let found = check(&dashed);
    let zero: Vec<_> = found
        .iter()
        .filter(|d| d.code == "value.zero-spelling")
        .collect();
    assert_eq!(zero.len(), 2, "{:#?}", codes(&found));
    let msg = zero[0].render(Lang::Zh);
    assert!(msg.contains("3 个单元格") && msg.contains("规章"), "{msg}");
    assert_eq!(zero[0].location.line, Some(21));
    let msg = zero[1].render(Lang::Zh);
    assert!(
        msg.contains("2 个单元格") && msg.contains("商业企业"),
        "{msg}"
    );
    assert_eq!(zero[1].location.line, Some(40));
    // Nothing else is said of them.
    assert_eq!(found.len(), 2, "{:#?}", codes(&found));
    assert!(zero[0].render(Lang::En).contains("read as 0"));
    // Still read as 0: the same draft as the report printed with 0.
    let a = import_text(format(), &dashed, "UTF-8", &opts()).draft;
    let b = import_text(format(), &complete, "UTF-8", &opts()).draft;
    assert_eq!(a.cells, b.cells);
    assert_eq!(
        a.cell(&CellRef::new("t2", "regulations", "issued")),
        Some("0")
    );
    // The report printed with 0 says nothing of the kind.
    assert!(
        !check(&complete)
            .iter()
            .any(|d| d.code == "value.zero-spelling")
    );
}
