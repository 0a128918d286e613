//! Inputs that once crashed, stalled or silently emptied an import (issue 10): deeply nested
//! pages, a flipped byte in a UTF-8 report, odd numbers in a table row. Each must end, keep
//! what can be kept and say what it could not read, where.

use chrono::{DateTime, NaiveDate};
use nianbao::check::check_text;
use nianbao::format::Format;
use nianbao::import::{ImportOptions, decode, import_text};
use nianbao::rules::Diagnostic;
use std::path::Path;
use std::process::{Command, Output};

const COMPLETE: &str = "tests/fixtures/complete-2024.txt";

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn opts() -> ImportOptions {
    ImportOptions {
        id: "hostile".into(),
        agency: None,
        year: None,
        kind: None,
        now: DateTime::parse_from_rfc3339("2025-01-10T09:00:00+08:00").expect("now"),
    }
}

fn check(text: &str) -> Vec<Diagnostic> {
    let today = NaiveDate::from_ymd_opt(2025, 1, 10).expect("date");
    check_text(format(), text, "UTF-8", &opts(), today).1
}

fn complete() -> String {
    std::fs::read_to_string(COMPLETE).expect("fixture")
}

fn nested_tables(n: usize) -> String {
    format!(
        "<html><body><p>一、总体情况</p>{}深处{}</body></html>",
        "<table><tr><td>".repeat(n),
        "</td></tr></table>".repeat(n)
    )
}

fn nested_divs(n: usize) -> String {
    format!(
        "<html><body>{}一、总体情况{}<p>二、主动公开政府信息情况</p></body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    )
}

#[test]
fn five_thousand_nested_tables_are_read_and_reported() {
    // The test thread's stack is as small as a rayon worker's: recursion would overflow it.
    let page = nested_tables(5000);
    let out = import_text(format(), &page, "UTF-8", &opts());
    assert!(
        out.report
            .problems
            .iter()
            .any(|p| p.code == "import.html-too-deep" && p.message.zh.contains("5000")),
        "{:?}",
        out.report.problems
    );
    assert!(out.report.sections.iter().any(|s| s.line.is_some()));
}

#[test]
fn a_hundred_thousand_nested_divs_are_read_and_reported() {
    let page = nested_divs(100_000);
    let diags = check(&page);
    assert!(
        diags
            .iter()
            .any(|d| d.code == "import.html-too-deep" && d.message.en.contains("100000")),
        "{diags:?}"
    );
    // The text inside the nesting is still read: both headings are found.
    assert!(!diags.iter().any(|d| d.code == "import.missing-section"
        && (d.message.zh.contains("总体情况") || d.message.zh.contains("主动公开"))));
}

/// Tags the parser closes by themselves only in their own context (`rt` inside `<ruby>`,
/// `optgroup` inside `<select>`) nest anywhere else: they are bounded like a `div` (before,
/// 100 000 nested `<rt>` passed the bound and took the parser over a minute).
#[test]
fn ruby_parts_and_option_groups_nested_out_of_context_are_bounded() {
    for (open, close) in [
        ("<rt>", "</rt>"),
        ("<rb><rt>", ""),
        ("<rp>", ""),
        ("<optgroup><option>", ""),
        ("<select><optgroup><option>", ""),
    ] {
        let n = 20_000;
        let page = format!(
            "<html><body><p>一、总体情况</p>{}深处{}<p>二、主动公开政府信息情况</p></body></html>",
            open.repeat(n),
            close.repeat(n)
        );
        let diags = check(&page);
        assert!(
            diags.iter().any(|d| d.code == "import.html-too-deep"),
            "{open}: {diags:?}"
        );
        assert!(
            !diags
                .iter()
                .any(|d| d.code == "import.missing-section" && d.message.zh.contains("总体情况")),
            "{open}: the heading before the nesting is still read"
        );
    }
}

#[test]
fn a_flipped_byte_in_utf8_is_a_warning_at_its_line() {
    let mut bytes = complete().into_bytes();
    // A byte in the middle of line 5's Chinese text, with its high bit cleared.
    let line5 = bytes
        .split(|b| *b == b'\n')
        .take(4)
        .map(|l| l.len() + 1)
        .sum::<usize>();
    bytes[line5 + 10] &= 0x7F;
    let (text, enc) = decode(&bytes).expect("read despite the damage");
    assert_eq!(enc, "UTF-8");
    let diags = check(&text);
    let bad: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == "import.bad-bytes")
        .collect();
    assert_eq!(bad.len(), 1, "{diags:?}");
    assert_eq!(bad[0].location.line, Some(5));
    // Everything else reads as before: the tables are all there.
    assert!(!diags.iter().any(|d| d.code.starts_with("import.missing")));
}

/// The fixture with row 一 of section 三 printed space-separated with `values`.
fn with_new_requests(values: &str) -> String {
    let text = complete();
    let row = "一、本年新收政府信息公开申请数量\t3001\t53\t0\t0\t61\t4\t3119";
    assert!(text.contains(row));
    text.replace(row, &format!("一、本年新收政府信息公开申请数量 {values}"))
}

#[test]
fn odd_numbers_are_named_and_the_rest_of_the_row_is_kept() {
    let text = with_new_requests("-5 +53 1e9 NaN ٣٠٠١ 4 3119");
    let out = import_text(format(), &text, "UTF-8", &opts());
    let placed = |col: &str| {
        out.report
            .placed
            .iter()
            .find(|p| p.row == "new" && p.column == col)
            .map(|p| p.value)
    };
    assert_eq!(placed("natural"), Some("-5"), "{:?}", out.report.placed);
    assert_eq!(placed("commercial"), Some("53"));
    assert_eq!(placed("research"), Some("1e9"));
    assert_eq!(placed("nonprofit"), Some("NaN"));
    assert_eq!(placed("legal_service"), Some("3001"));
    assert_eq!(placed("other"), Some("4"));
    assert!(out.report.unplaced.is_empty(), "{:?}", out.report.unplaced);

    let diags = check(&text);
    let at_39 = |needle: &str| {
        diags
            .iter()
            .any(|d| d.location.line == Some(39) && d.message.en.contains(needle))
    };
    assert!(
        at_39("“-5” is not a non-negative integer: must not be negative"),
        "{diags:?}"
    );
    assert!(at_39("“+53” has a plus sign; read as 53"), "{diags:?}");
    assert!(at_39(
        "“1e9” is not a non-negative integer: exponent notation"
    ));
    assert!(at_39("“NaN” is not a non-negative integer: not a number"));
    assert!(at_39(
        "“٣٠٠١” is not written with the digits 0–9; read as 3001"
    ));
    assert!(!diags.iter().any(|d| d.code.starts_with("import.no-split")
        || d.code == "import.unplaced"
        || d.code == "import.ambiguous-digits"));
}

#[test]
fn a_count_above_a_billion_is_an_error_at_its_cell() {
    let text = with_new_requests("2000000000 53 0 0 61 4 2000000118");
    let diags = check(&text);
    assert!(
        diags
            .iter()
            .any(|d| d.severity == nianbao::format::Severity::Error
                && d.location.line == Some(39)
                && d.location.column.as_deref() == Some("natural")
                && d.message.zh.contains("“2000000000”")
                && d.message.zh.contains("大于 1000000000")),
        "{diags:?}"
    );
}

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["--lang", "en"])
        .args(args)
        .env("NIANBAO_DATA_DIR", data)
        .env_remove("LC_ALL")
        .output()
        .expect("run nianbao")
}

#[test]
fn a_folder_with_a_pathological_page_still_checks_every_report() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("reports");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let text = complete();
    std::fs::write(dir.join("a-clean.txt"), &text).expect("write");
    std::fs::write(dir.join("b-tables.html"), nested_tables(1000)).expect("write");
    std::fs::write(dir.join("c-divs.html"), nested_divs(100_000)).expect("write");
    std::fs::write(dir.join("d-clean.txt"), &text).expect("write");
    let out = run(
        &tmp.path().join("data"),
        &["check", &dir.display().to_string()],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stdout.contains("a-clean.txt: no problems found"),
        "{stdout}"
    );
    assert!(
        stdout.contains("d-clean.txt: no problems found"),
        "{stdout}"
    );
    assert!(stdout.contains("[import.html-too-deep]"), "{stdout}");
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("4 reports checked: 2 with errors, 2 with warnings, 0 unreadable"),
        "{last}"
    );
}

#[test]
fn the_cli_reads_a_damaged_utf8_report() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut bytes = complete().into_bytes();
    let at = bytes.len() / 3;
    bytes[at] = 0xFF;
    let file = tmp.path().join("damaged.txt");
    std::fs::write(&file, &bytes).expect("write");
    let out = run(
        &tmp.path().join("data"),
        &["check", &file.display().to_string()],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_ne!(out.status.code(), Some(2), "{stdout}");
    assert!(stdout.contains("[import.bad-bytes]"), "{stdout}");
}
