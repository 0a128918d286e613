//! A held-out-style corpus (tests/fixtures/import/unseen/, made by its generate.py): reports
//! in the layouts other provinces' portals, crawlers and converters publish, each with the
//! cells it must import to. Every cell is compared: a wrong number fails at once (worse than a
//! blank), the share of cells placed is printed per file and overall and must reach 99 %, and
//! every consistent report checks without a single error (a report whose
//! ground truth says `blank_by_design` leaves cells blank on purpose and must say why).

use nianbao::format::{Format, Severity};
use nianbao::import::{ImportOptions, decode};
use std::path::{Path, PathBuf};

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn opts() -> ImportOptions {
    ImportOptions {
        id: "unseen".into(),
        agency: None,
        year: None,
        kind: None,
        now: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now"),
    }
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 10).expect("date")
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/unseen")
}

/// Every report of the corpus with its ground truth.
fn corpus() -> Vec<(String, String, serde_json::Value)> {
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "txt" || e == "html" || e == "md")
        })
        .collect();
    names.sort();
    for path in names {
        let bytes = std::fs::read(&path).expect("read");
        let (text, _) = decode(&bytes).expect("decode");
        let stem = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .to_string();
        let truth = std::fs::read_to_string(dir().join(format!("{stem}.cells.json")))
            .expect("cells.json beside each report");
        let truth = serde_json::from_str(&truth).expect("json");
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        out.push((name, text, truth));
    }
    assert!(out.len() >= 12, "the corpus holds at least 12 reports");
    out
}

struct Score {
    right: usize,
    blank: usize,
    wrong: Vec<String>,
}

fn score(text: &str, truth: &serde_json::Value) -> Score {
    let (out, _) = nianbao::check::check_text(format(), text, "UTF-8", &opts(), today());
    let got = serde_json::to_value(&out.draft).expect("draft");
    let got = got["cells"].as_object().cloned().unwrap_or_default();
    let want = truth["cells"].as_object().expect("cells");
    let mut s = Score {
        right: 0,
        blank: 0,
        wrong: Vec::new(),
    };
    for (k, v) in want {
        match got.get(k) {
            Some(g) if g == v => s.right += 1,
            None => s.blank += 1,
            Some(g) => s.wrong.push(format!("{k}: want {v}, got {g}")),
        }
    }
    // A cell the report does not fill (a computed total kept because it differs, a cell of
    // another row) is a number in the wrong place too.
    for (k, g) in &got {
        if !want.contains_key(k) {
            s.wrong.push(format!("{k}: want nothing, got {g}"));
        }
    }
    s
}

#[test]
fn every_unseen_layout_imports_without_a_wrong_cell_and_at_99_percent() {
    let mut all = (0, 0);
    let mut wrong = Vec::new();
    for (name, text, truth) in corpus() {
        let s = score(&text, &truth);
        let total = s.right + s.blank + s.wrong.len();
        println!(
            "{name:40} {:>3}/{total} cells ({:5.1} %), {} blank, {} wrong",
            s.right,
            100.0 * s.right as f64 / total as f64,
            s.blank,
            s.wrong.len()
        );
        all.0 += s.right;
        all.1 += total;
        wrong.extend(s.wrong.into_iter().map(|w| format!("{name}: {w}")));
    }
    let rate = all.0 as f64 / all.1 as f64;
    println!("overall {}/{} cells ({:.2} %)", all.0, all.1, 100.0 * rate);
    assert!(wrong.is_empty(), "wrong cells: {wrong:#?}");
    assert!(rate >= 0.99, "overall import rate {:.2} %", 100.0 * rate);
}

#[test]
fn every_unseen_report_reads_its_agency_and_year() {
    for (name, text, truth) in corpus() {
        let (out, _) = nianbao::check::check_text(format(), &text, "UTF-8", &opts(), today());
        assert_eq!(
            (
                serde_json::Value::from(out.draft.agency.as_str()),
                serde_json::Value::from(out.draft.year)
            ),
            (truth["agency"].clone(), truth["year"].clone()),
            "{name}"
        );
    }
}

fn codes(out: &nianbao::import::ImportOutcome) -> Vec<String> {
    out.report.problems.iter().map(|p| p.code.clone()).collect()
}

/// Every report of the corpus is consistent: a check that finds an error there is a false
/// alarm (the import's own warnings are listed, not failed).
#[test]
fn consistent_unseen_reports_check_without_errors() {
    let mut alarms = Vec::new();
    for (name, text, truth) in corpus() {
        let (out, diags) = nianbao::check::check_text(format(), &text, "UTF-8", &opts(), today());
        if truth.get("blank_by_design").is_some() {
            // Left blank on purpose: the import report must say which row and why.
            assert!(
                codes(&out).iter().any(|c| c == "import.too-few-values"),
                "{name}: {:#?}",
                out.report.problems
            );
            continue;
        }
        for d in &diags {
            let line = format!(
                "{name}: {} {} {}",
                d.code,
                d.location.describe(nianbao::i18n::Lang::Zh),
                d.message.zh
            );
            if d.severity == Severity::Error {
                alarms.push(line);
            } else {
                println!("warning {line}");
            }
        }
    }
    // One line per report and kind of error, with how many there were.
    let mut kinds: std::collections::BTreeMap<String, (usize, String)> = Default::default();
    for a in &alarms {
        let key: String = a.split(' ').take(2).collect::<Vec<_>>().join(" ");
        kinds.entry(key).or_insert((0, a.clone())).0 += 1;
    }
    assert!(alarms.is_empty(), "{kinds:#?}");
}

/// A row whose numbers share one cell after a TAB (`label⇥1 0 0 0 0 1`) and are one short:
/// which cell was left blank cannot be seen, so the row stays blank and the report names its
/// numbers — never the first six cells filled.
#[test]
fn a_short_spaced_row_after_a_tab_stays_blank_and_is_named() {
    let (_, text, _) = corpus()
        .into_iter()
        .find(|(n, _, _)| n == "sh-label-tab-spaces.txt")
        .expect("fixture");
    let text = text.replace(
        "3.补正后申请内容仍不明确\t1 0 0 0 0 0 1",
        "3.补正后申请内容仍不明确\t1 0 0 0 0 1",
    );
    let (out, _) = nianbao::check::check_text(format(), &text, "UTF-8", &opts(), today());
    for col in ["natural", "commercial", "research", "other"] {
        let cell = nianbao::format::CellRef::new("t3", "unavailable_unclear", col);
        assert_eq!(out.draft.cell(&cell), None, "{col} must stay blank");
    }
    let short: Vec<&str> = out
        .report
        .problems
        .iter()
        .filter(|p| p.code == "import.too-few-values")
        .map(|p| p.message.zh.as_str())
        .collect();
    assert_eq!(short.len(), 1, "{short:#?}");
    assert!(short[0].contains("（1 0 0 0 0 1）"), "{}", short[0]);
}

/// One mistyped character in a long numbered label is read through its numbering and said;
/// two are not guessed at (the row stays blank and is reported missing).
#[test]
fn a_label_with_two_mistyped_characters_is_not_guessed() {
    let (_, text, _) = corpus()
        .into_iter()
        .find(|(n, _, _)| n == "jl-pipe-typos-wu.txt")
        .expect("fixture");
    let text = text.replace("5.属于三类内容事务信息", "5.属于三类内容事物信息");
    let (out, _) = nianbao::check::check_text(format(), &text, "UTF-8", &opts(), today());
    let cell = nianbao::format::CellRef::new("t3", "withheld_internal", "natural");
    assert_eq!(out.draft.cell(&cell), None);
    assert!(codes(&out).iter().any(|c| c == "import.missing-row"));
}
