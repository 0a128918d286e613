//! What the command line prints: a closed or full standard output ends a command quietly
//! (never a panic, never a lost draft id), and text from outside reaches the terminal
//! neutralised, in JSON too.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const COMPLETE: &str = "tests/fixtures/complete-2024.txt";

fn nianbao(data: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    cmd.args(args)
        .env("NIANBAO_DATA_DIR", data)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .stdin(Stdio::null());
    cmd
}

fn run(data: &Path, args: &[&str]) -> Output {
    nianbao(data, args).output().expect("run nianbao")
}

/// Runs with stdout a pipe whose reading end is already closed (`| head -0`).
fn run_into_closed_pipe(data: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    nianbao(data, args)
        .stdout(writer)
        .output()
        .expect("run nianbao")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn drafts(data: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data.join("drafts"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|x| x == "json"));
    v
}

#[test]
fn a_closed_stdout_ends_every_command_quietly_and_no_draft_id_is_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    for args in [
        vec!["list"],
        vec!["formats"],
        vec!["doctor"],
        vec!["new", "--agency", "某局", "--year", "2025"],
        vec!["list"],
        vec!["list", "--json"],
        vec!["import", COMPLETE, "--year", "2025"],
        vec!["import", COMPLETE, "--year", "2025", "--json"],
        vec!["check", COMPLETE, COMPLETE],
        vec!["check", COMPLETE, "--json"],
    ] {
        let before = drafts(&data).len();
        let o = run_into_closed_pipe(&data, &args);
        assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        if matches!(args[0], "new" | "import") {
            let now = drafts(&data);
            assert_eq!(now.len(), before + 1, "{args:?}: the draft is saved");
            let new = now
                .iter()
                .filter_map(|p| p.file_stem()?.to_str())
                .find(|id| stderr(&o).contains(id));
            assert!(
                new.is_some(),
                "{args:?}: the id is on stderr: {}",
                stderr(&o)
            );
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_is_an_error_naming_it_and_the_new_id_goes_to_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    // Opened, never created: a /dev/full that is missing must not become a regular file.
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full")
    };
    let o = nianbao(&data, &["new", "--agency", "某局", "--year", "2025"])
        .stdout(full())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("标准输出"), "{}", stderr(&o));
    let id = drafts(&data)[0]
        .file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_string)
        .expect("id");
    assert!(stderr(&o).contains(&id), "{}", stderr(&o));
    let o = nianbao(&data, &["list"])
        .stdout(full())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    // `check`, of one report and of several, as text and as JSON: a result that was not
    // written is an error, not an empty file and 0.
    for args in [
        vec!["check", COMPLETE],
        vec!["check", COMPLETE, "--json"],
        vec!["check", COMPLETE, COMPLETE, "--json"],
    ] {
        let o = nianbao(&data, &args).stdout(full()).output().expect("run");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("标准输出"), "{args:?}: {}", stderr(&o));
    }
}

const HOSTILE: [char; 12] = [
    '\u{2028}', '\u{2029}', '\u{200b}', '\u{200f}', '\u{061c}', '\u{feff}', '\u{202e}', '\u{80}',
    '\u{85}', '\u{9f}', '\u{1b}', '\u{7}',
];

#[test]
fn list_json_escapes_invisible_and_control_characters_and_keeps_the_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let agency: String = "某局".chars().chain(HOSTILE).collect();
    let o = run(&data, &["new", "--agency", &agency, "--year", "2025"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for args in [vec!["list", "--json"], vec!["list"]] {
        let o = run(&data, &args);
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        for c in HOSTILE {
            assert!(!out.contains(c), "{args:?}: raw {c:?} in {out:?}");
        }
        if args.len() == 2 {
            let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
            assert_eq!(v[0]["agency"], agency.as_str(), "the data is exact");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_file_name_with_an_escape_sequence_reaches_check_messages_neutralised() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).expect("mkdir");
    // A dangling link: unreadable, so the message names the file.
    std::os::unix::fs::symlink("gone", reports.join("\u{1b}]0;pwned\u{7}\u{202e}.txt"))
        .expect("link");
    for json in [false, true] {
        let mut args = vec!["check", reports.to_str().expect("utf-8")];
        if json {
            args.push("--json");
        }
        let o = run(&data, &args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
        assert!(all.contains("pwned"), "{all}");
        for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!all.contains(c), "raw {c:?}: {all:?}");
        }
    }
}

/// `open ID` from a script (no terminal) says what it needs, on stderr, instead of printing
/// the whole help; `new` whose stdout is gone names the draft as saved, not imported.
#[test]
fn open_without_a_terminal_says_it_needs_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["open", "2024-abcdef"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    let err = stderr(&out);
    assert!(err.contains("2024-abcdef") && err.contains("终端"), "{err}");
    let new = run_into_closed_pipe(
        dir.path(),
        &["new", "--agency", "某县水利局", "--year", "2025"],
    );
    let err = stderr(&new);
    assert!(err.contains("已保存为草稿"), "{err}");
}

/// A report copied from a web page holds zero-width spaces, a text from `pdftotext` page
/// breaks: `import` makes a draft without them (its editor would hide them and every export
/// print them), and its cells as the report has them.
#[test]
fn an_imported_draft_holds_no_character_its_editor_would_hide() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let text = std::fs::read_to_string(COMPLETE)
        .expect("fixture")
        .replacen("（一）主动公开", "（一）主\u{200b}动\u{c}公开\u{feff}", 1);
    let file = dir.path().join("网页.txt");
    std::fs::write(&file, text).expect("write");
    let o = run(&data, &["import", &file.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let draft = std::fs::read_to_string(&drafts(&data)[0]).expect("draft");
    let value: serde_json::Value = serde_json::from_str(&draft).expect("json");
    let s1 = value["sections"]["s1"].as_str().expect("s1");
    assert!(s1.contains("（一）主动公开"), "{s1}");
    // Nowhere in the draft's texts, whichever section the parser gave the line to.
    let texts = value["sections"].as_object().expect("sections");
    for (id, text) in texts {
        let text = text.as_str().unwrap_or_default();
        for hidden in ['\u{200b}', '\u{c}', '\u{feff}'] {
            assert!(!text.contains(hidden), "{hidden:?} in {id}: {text}");
        }
    }
}
