//! The Word export as a reader sees it: a real published report (`../shared/samples/real/`)
//! imported, exported to DOCX, converted by LibreOffice to PDF, and the PDF's text holds every
//! official label (section headings, captions, header cells, row labels) and every number of
//! the three tables, in table order.
//!
//! Needs `soffice` (libreoffice-writer-nogui) and `pdftotext` (poppler-utils); without them, or
//! without the sample, the test prints why and passes. `.ci/run` installs both.

use nianbao::check::check_text;
use nianbao::document::Document;
use nianbao::export::{ExportKind, Options};
use nianbao::format::Format;
use nianbao::import::{ImportOptions, decode};
use nianbao::rules::{Stage, evaluate};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SAMPLE: &str = "../shared/samples/real/01-huaianshi-2024.txt";
/// LibreOffice's first start in a fresh profile is slow on a loaded machine.
const CONVERT_TIMEOUT: Duration = Duration::from_secs(300);

fn tool(name: &str) -> bool {
    Command::new(name)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `cmd` to its end or kills it after `timeout`; true when it exited with success.
fn run(mut cmd: Command, timeout: Duration) -> bool {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.success();
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Text without any whitespace: a label a table cell wraps is whole again.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_word_export_of_a_real_report_reads_back_with_every_label_and_number() {
    let Ok(bytes) = std::fs::read(SAMPLE) else {
        eprintln!("skipped: sample {SAMPLE} not found");
        return;
    };
    let missing: Vec<&str> = ["soffice", "pdftotext"]
        .into_iter()
        .filter(|t| !tool(t))
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "skipped: {} not installed (apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk)",
            missing.join(", ")
        );
        return;
    }
    let format = Format::by_id("gov-2021").expect("format");
    let (text, encoding) = decode(&bytes).expect("decode");
    let opts = ImportOptions {
        id: "render".into(),
        agency: None,
        year: None,
        kind: None,
        now: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now"),
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 10).expect("date");
    let (outcome, diagnostics) = check_text(format, &text, encoding, &opts, today);
    let draft = outcome.draft;
    let eval = evaluate(format, &draft, Stage::Final, today);
    let docx = ExportKind::Docx
        .render(format, &draft, &eval, &diagnostics, Options::default())
        .expect("docx");
    let doc = Document::build(format, &draft, &eval, &diagnostics);

    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("report.docx");
    std::fs::write(&input, &docx).expect("write docx");
    // A profile of its own: parallel runs (and a user's open LibreOffice) do not collide.
    let profile = dir.path().join("profile");
    let mut soffice = Command::new("soffice");
    soffice
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&input)
        .env("HOME", dir.path());
    assert!(run(soffice, CONVERT_TIMEOUT), "soffice failed");
    let pdf = dir.path().join("report.pdf");
    assert!(pdf.exists(), "no PDF written");
    let mut pdftotext = Command::new("pdftotext");
    pdftotext
        .arg("-raw")
        .arg(&pdf)
        .arg(dir.path().join("report.txt"));
    assert!(run(pdftotext, Duration::from_secs(60)), "pdftotext failed");
    let read = std::fs::read_to_string(dir.path().join("report.txt")).expect("text");
    let flat = squeeze(&read);

    assert!(flat.contains(&squeeze(&doc.title)), "title");
    let mut labels = Vec::new();
    for s in &doc.sections {
        labels.push(s.heading.clone());
    }
    for b in doc.tables().flat_map(|t| &t.blocks) {
        labels.extend(b.caption.clone());
        labels.extend(b.header.iter().flatten().map(|c| c.text.clone()));
        labels.extend(b.rows.iter().map(|r| r.label.clone()));
    }
    let missing: Vec<&String> = labels
        .iter()
        .filter(|l| !l.is_empty() && !flat.contains(&squeeze(l)))
        .collect();
    assert!(missing.is_empty(), "labels not in the PDF: {missing:?}");

    // Every number, in table order: the numbers of the PDF's text hold them as a subsequence
    // (the page numbers and the body's own numbers come in between).
    let tokens: Vec<&str> = read
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut at = 0;
    let mut count = 0;
    for b in doc.tables().flat_map(|t| &t.blocks) {
        for r in &b.rows {
            for c in &r.cells {
                let Some(v) = c.value.as_deref() else {
                    continue;
                };
                let found = tokens[at..].iter().position(|t| *t == v);
                assert!(
                    found.is_some(),
                    "{} / {}: {v} not in the PDF after the numbers before it",
                    r.label,
                    c.column
                );
                at += found.unwrap_or(0) + 1;
                count += 1;
            }
        }
    }
    // Table 二's 10 cells, table 三's 175, table 四's 15.
    assert_eq!(count, 10 + 175 + 15, "every cell of the sample has a value");
}
