//! Importing last year's Word file and the PDF from the website: a real report's values
//! (sample 01, 淮安市 2024) exported by nianbao and written again by LibreOffice (a DOCX of
//! another writer's making, and its PDF), imported back cell for cell; a PDF without a text
//! layer and a machine without pdftotext are told so.

mod common;
use common::{Cli, stderr, stdout};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn expected() -> serde_json::Value {
    let text = std::fs::read_to_string(fixture("huaian-2024.cells.json")).expect("expected");
    serde_json::from_str(&text).expect("json")
}

/// Imports `file` and compares every cell with the published values.
fn imports_every_cell(env: &Cli, file: &Path) {
    let o = env.run(&["import", &file.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).trim().to_string();
    let draft: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(env.data().join("drafts").join(format!("{id}.json")))
            .expect("draft"),
    )
    .expect("json");
    let want = expected();
    assert_eq!(draft["agency"], want["agency"]);
    assert_eq!(draft["year"], want["year"]);
    let want = want["cells"].as_object().expect("cells");
    assert!(want.len() > 150, "the fixture holds every cell");
    let got = draft["cells"].as_object().expect("cells");
    let wrong: Vec<String> = want
        .iter()
        .filter(|(k, v)| got.get(*k) != Some(v))
        .map(|(k, v)| format!("{k}: want {v}, got {:?}", got.get(k)))
        .collect();
    assert!(wrong.is_empty(), "{}: {wrong:#?}", file.display());
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    assert!(
        extra.is_empty(),
        "cells the report does not have: {extra:?}"
    );
    let check = env.run(&["check", &id]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn a_word_file_of_another_writer_imports_every_cell() {
    let env = Cli::new();
    imports_every_cell(&env, &fixture("huaian-2024-libreoffice.docx"));
}

fn has_pdftotext() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

#[test]
fn a_pdf_with_a_text_layer_imports_every_cell() {
    if !has_pdftotext() {
        println!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let env = Cli::new();
    imports_every_cell(&env, &fixture("huaian-2024.pdf"));
}

#[test]
fn a_scanned_pdf_says_it_has_no_text_and_makes_no_draft() {
    if !has_pdftotext() {
        println!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let env = Cli::new();
    let o = env.run(&[
        "import",
        &fixture("no-text-layer.pdf").display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("没有文字层"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let drafts = env.data().join("drafts");
    let made = std::fs::read_dir(&drafts).map_or(0, |d| d.count());
    assert_eq!(made, 0, "no draft from a scan");
}

#[test]
fn without_pdftotext_a_pdf_import_names_what_to_install() {
    let env = Cli::new();
    let o = env
        .command(&["import", &fixture("huaian-2024.pdf").display().to_string()])
        .env("PATH", env.dir.path())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("pdftotext") && err.contains("poppler-utils"),
        "{err}"
    );
}

#[test]
fn check_reads_word_and_pdf_files_in_a_folder() {
    let env = Cli::new();
    let dir = env.path("reports");
    std::fs::create_dir(&dir).expect("dir");
    std::fs::copy(
        fixture("huaian-2024-libreoffice.docx"),
        dir.join("huaian.docx"),
    )
    .expect("copy");
    let o = env.run(&["check", &dir.display().to_string()]);
    let out = stdout(&o);
    assert!(out.contains("huaian.docx"), "{out}{}", stderr(&o));
    assert!(out.contains("未发现问题"), "{out}");
}
