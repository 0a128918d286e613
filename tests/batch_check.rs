//! `nianbao check` over a folder: recursion, input order, unreadable files, the summary, and
//! nothing but results when stderr is not a terminal.

use std::path::Path;
use std::process::{Command, Output};

const COMPLETE: &str = "tests/fixtures/complete-2024.txt";

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["--lang", "en"])
        .args(args)
        .env("NIANBAO_DATA_DIR", data)
        .env_remove("LC_ALL")
        .output()
        .expect("run nianbao")
}

/// A folder of reports: clean, with an error, in GBK, a broken draft file, a note that is not
/// a report, and (on Unix) a dangling link.
fn folder(root: &Path) -> String {
    let text = std::fs::read_to_string(COMPLETE).expect("fixture");
    let dir = root.join("reports");
    std::fs::create_dir_all(dir.join("a/b")).expect("mkdir");
    std::fs::write(dir.join("a/clean.txt"), &text).expect("write");
    // One more request from natural persons than the stated total allows.
    assert!(text.contains("\t3001\t"));
    std::fs::write(
        dir.join("a/b/errors.txt"),
        text.replace("\t3001\t", "\t3002\t"),
    )
    .expect("write");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(dir.join("gbk.txt"), &gbk).expect("write");
    std::fs::write(dir.join("broken.json"), "{ not json").expect("write");
    std::fs::write(dir.join("notes.md"), "not a report").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("dead.txt")).expect("symlink");
    dir.display().to_string()
}

#[test]
fn a_folder_is_checked_recursively_in_order_with_a_summary() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = folder(tmp.path());
    let out = run(&tmp.path().join("data"), &["check", &dir]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "unreadable files: {stdout}{stderr}"
    );

    // Per-report summaries, in sorted path order whatever the workers' order.
    let order: Vec<&str> = ["a/b/errors.txt:", "a/clean.txt:", "gbk.txt:"]
        .into_iter()
        .filter(|name| stdout.lines().any(|l| l.contains(name)))
        .collect();
    assert_eq!(order.len(), 3, "{stdout}");
    let first = |name: &str| stdout.find(&format!("/{name}")).expect("name in output");
    assert!(first("a/b/errors.txt") < first("a/clean.txt"), "{stdout}");
    assert!(first("a/clean.txt") < first("gbk.txt"), "{stdout}");
    assert!(stdout.contains("clean.txt: no problems found"), "{stdout}");
    assert!(stdout.contains("gbk.txt: no problems found"), "{stdout}");
    assert!(!stdout.contains("notes.md"), "{stdout}");

    let unreadable = if cfg!(unix) { 2 } else { 1 };
    let last = stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(&format!(
            "{} reports checked: 1 with errors, 0 with warnings, {unreadable} unreadable",
            3 + unreadable
        )),
        "{last}"
    );
    // stderr is not a terminal: the unreadable files and nothing else (no progress bar)
    // but the note that the three copies of one agency's 2024 report are not paired.
    let notes = stderr.lines().filter(|l| l.contains("note:")).count();
    assert_eq!(notes, 1, "{stderr}");
    assert_eq!(stderr.lines().count(), unreadable + notes, "{stderr}");
    assert!(stderr.contains("broken.json"), "{stderr}");
}

#[test]
fn json_output_is_one_array_for_the_whole_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = folder(tmp.path());
    let missing = tmp.path().join("missing.txt").display().to_string();
    let out = run(
        &tmp.path().join("data"),
        &["check", "--json", &dir, &missing],
    );
    assert_eq!(out.status.code(), Some(2));
    let value: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON value");
    let items = value.as_array().expect("an array");
    let (unreadable, read): (Vec<_>, Vec<_>) =
        items.iter().partition(|d| d["code"] == "target.unreadable");
    assert!(!read.is_empty());
    assert!(
        read.iter().all(|d| d["target"]
            .as_str()
            .is_some_and(|t| t.ends_with("errors.txt"))),
        "only the report with an error has diagnostics: {value}"
    );
    // Every target that could not be read is in the array, as an error saying why.
    let mut names: Vec<&str> = unreadable
        .iter()
        .filter_map(|d| d["target"].as_str()?.rsplit('/').next())
        .collect();
    names.sort_unstable();
    let expected: &[&str] = if cfg!(unix) {
        &["broken.json", "dead.txt", "missing.txt"]
    } else {
        &["broken.json", "missing.txt"]
    };
    assert_eq!(names, expected, "{value}");
    assert!(
        unreadable
            .iter()
            .all(|d| d["severity"] == "error" && !d["message"].as_str().unwrap_or("").is_empty()),
        "{value}"
    );
}
