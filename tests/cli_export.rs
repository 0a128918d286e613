//! `export -o`: never into the data folder, private unless asked, and a default name from the
//! title that stays one file in the chosen folder.

use std::path::{Path, PathBuf};

mod common;
use common::{Cli, stderr};

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn an_export_over_the_draft_its_backup_or_into_the_data_folder_is_refused() {
    let env = Cli::new();
    let id = env.new_draft("某局");
    let drafts = env.data().join("drafts");
    let draft = drafts.join(format!("{id}.json"));
    let before = std::fs::read(&draft).expect("draft");
    for out in [
        draft.clone(),
        drafts.join(format!("{id}.json.bak")),
        env.data().join("export.txt"),
        PathBuf::from("data/drafts/../drafts").join(format!("{id}.json")),
    ] {
        let o = env.run(&["export", &id, "--force", "-o", &s(&out)]);
        assert_eq!(o.status.code(), Some(2), "{out:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("数据目录"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&draft).expect("draft"), before);
    assert!(!drafts.join(format!("{id}.json.bak")).exists());
    // The draft still opens and checks.
    let o = env.run(&["check", &id]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn exports_are_written_0600_unless_a_mode_is_given() {
    use std::os::unix::fs::PermissionsExt;
    let env = Cli::new();
    let id = env.new_draft("某局");
    let out = env.dir.path().join("out.txt");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let o = env.run(&["export", &id, "--force", "-o", &s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(mode(&out), 0o600);
    let o = env.run(&["export", &id, "--force", "-o", &s(&out), "--mode", "644"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(mode(&out), 0o644);
    let o = env.run(&["export", &id, "--force", "-o", &s(&out), "--mode", "999"]);
    assert_eq!(o.status.code(), Some(2), "a bad mode is a usage error");
}

#[test]
fn a_title_holding_a_path_names_one_file_in_the_chosen_folder() {
    let env = Cli::new();
    let id = env.new_draft("../../evil/某局\u{1b}[2J");
    let outdir = env.dir.path().join("exports");
    std::fs::create_dir(&outdir).expect("mkdir");
    let o = env.run(&["export", &id, "--force", "-o", &s(&outdir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names: Vec<String> = std::fs::read_dir(&outdir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(
        names[0].ends_with(".txt") && names[0].contains("某局"),
        "{names:?}"
    );
    assert!(!names[0].contains('\u{1b}'), "{names:?}");
    assert!(!env.dir.path().join("evil").exists());
}

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/complete-2024.txt"
);

/// `nianbao import FIXTURE`; the new draft's id.
fn import_fixture(env: &Cli) -> String {
    let o = env.run(&["import", FIXTURE]);
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// `nianbao export ID ARGS -o FILE`; the file's bytes.
fn export_bytes(env: &Cli, id: &str, file: &str, args: &[&str]) -> Vec<u8> {
    let out = env.path(file);
    let mut all = vec!["export", id, "-o"];
    let out_s = s(&out);
    all.push(&out_s);
    all.extend_from_slice(args);
    let o = env.run(&all);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    std::fs::read(&out).expect("export")
}

fn assert_crlf_everywhere(bytes: &[u8], what: &str) {
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "{what}: no CRLF");
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert!(
                i > 0 && bytes[i - 1] == b'\r',
                "{what}: lone LF at byte {i}"
            );
        }
    }
}

#[test]
fn text_for_windows_notepad_has_a_bom_and_crlf_when_asked() {
    let env = Cli::new();
    let id = import_fixture(&env);
    for ext in ["txt", "md"] {
        let plain = export_bytes(&env, &id, &format!("plain.{ext}"), &[]);
        assert!(!plain.starts_with(b"\xEF\xBB\xBF"), "{ext}: BOM by default");
        assert!(!plain.contains(&b'\r'), "{ext}: CR by default");
        let win = export_bytes(
            &env,
            &id,
            &format!("win.{ext}"),
            &["--encoding", "utf-8-bom", "--eol", "crlf"],
        );
        assert!(win.starts_with(b"\xEF\xBB\xBF"), "{ext}: no BOM");
        assert_crlf_everywhere(&win, ext);
        // The same text otherwise.
        let text = String::from_utf8(win[3..].to_vec()).expect("utf-8");
        assert_eq!(text.replace("\r\n", "\n").as_bytes(), &plain[..], "{ext}");
    }
    // A page and JSON stay UTF-8 without a BOM; their line endings follow --eol.
    for ext in ["html", "json"] {
        let bytes = export_bytes(
            &env,
            &id,
            &format!("win.{ext}"),
            &["--encoding", "utf-8-bom", "--eol", "crlf"],
        );
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "{ext}");
        assert!(String::from_utf8(bytes.clone()).is_ok(), "{ext}");
        assert_crlf_everywhere(&bytes, ext);
    }
    let json = export_bytes(&env, &id, "crlf.json", &["--eol", "crlf"]);
    let _: serde_json::Value = serde_json::from_slice(&json).expect("CRLF JSON parses");
}

#[test]
fn a_gb18030_export_decodes_back_to_the_same_text_rare_characters_included() {
    let env = Cli::new();
    // 𠀀 lies outside the BMP (four bytes in GB18030), 䶮 in Extension A.
    let id = env.new_draft("𠀀䶮某局");
    let utf8 = export_bytes(&env, &id, "a.txt", &["--force"]);
    let gb = export_bytes(&env, &id, "b.txt", &["--force", "--encoding", "gb18030"]);
    assert_ne!(gb, utf8);
    assert!(std::str::from_utf8(&gb).is_err(), "GB18030, not UTF-8");
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&gb);
    assert!(!had_errors);
    assert_eq!(text.as_bytes(), &utf8[..]);
    assert!(text.contains("𠀀䶮某局"));
    // Markdown too; a page says it is UTF-8 and stays so, with a note.
    let md = export_bytes(&env, &id, "b.md", &["--force", "--encoding", "gb18030"]);
    let (md, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&md);
    assert!(!had_errors && md.contains("𠀀䶮某局"));
    let page = env.path("b.html");
    let o = env.run(&[
        "export",
        &id,
        "--force",
        "--encoding",
        "gb18030",
        "-o",
        &s(&page),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("UTF-8"), "{}", stderr(&o));
    assert!(String::from_utf8(std::fs::read(&page).expect("page")).is_ok());
}

#[test]
fn indent_starts_every_paragraph_with_two_full_width_spaces() {
    let env = Cli::new();
    let id = import_fixture(&env);
    let plain = String::from_utf8(export_bytes(&env, &id, "plain.txt", &[])).expect("utf-8");
    let indented =
        String::from_utf8(export_bytes(&env, &id, "indent.txt", &["--indent"])).expect("utf-8");
    let json: serde_json::Value =
        serde_json::from_slice(&export_bytes(&env, &id, "doc.json", &[])).expect("json");
    let paragraphs: Vec<String> = json["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| {
            s["text"]
                .as_str()
                .unwrap_or_default()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(paragraphs.len() >= 5, "{paragraphs:?}");
    for p in &paragraphs {
        let line = format!("\u{3000}\u{3000}{}", p.trim_start());
        assert!(indented.lines().any(|l| l == line), "not indented: {p}");
    }
    // Headings, the title and tables are not indented; nothing else changes.
    assert_eq!(
        indented.replace("\u{3000}\u{3000}", ""),
        plain.replace("\u{3000}\u{3000}", "")
    );
    assert!(
        indented
            .lines()
            .next()
            .is_some_and(|l| !l.starts_with('\u{3000}'))
    );
}

#[test]
fn export_help_documents_encoding_line_endings_and_indent() {
    let env = Cli::new();
    let o = env.run(&["export", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    // Lines are wrapped to the terminal: compare with whitespace collapsed.
    let help = String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for needle in [
        "--encoding",
        "utf-8-bom",
        "gb18030",
        "--eol",
        "crlf",
        "--indent",
        "记事本",
        "Notepad",
        "html and json are always UTF-8",
    ] {
        assert!(help.contains(needle), "{needle}: {help}");
    }
}

#[test]
fn a_forced_export_says_it_did_not_pass_the_check_in_every_text_kind() {
    let env = Cli::new();
    let id = env.new_draft("某局");
    for ext in ["txt", "md", "html"] {
        let out = env.path(&format!("forced.{ext}"));
        let o = env.run(&["export", &id, "-o", &s(&out)]);
        assert_eq!(o.status.code(), Some(1), "{ext}: refused without --force");
        assert!(!out.exists());
        let text = String::from_utf8(export_bytes(
            &env,
            &id,
            &format!("forced.{ext}"),
            &["--force"],
        ))
        .expect("utf-8");
        assert!(
            text.contains("未通过检查") && text.contains("did not pass the check"),
            "{ext}: {text}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&export_bytes(&env, &id, "forced.json", &["--force"]))
            .expect("json");
    assert_eq!(json["metadata"]["passed_check"], false);
    // A report that passes carries no mark.
    let id = import_fixture(&env);
    let text = String::from_utf8(export_bytes(&env, &id, "clean.txt", &[])).expect("utf-8");
    assert!(!text.contains("未通过检查"), "{text}");
}
