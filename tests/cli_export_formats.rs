//! `export --to txt|html|md|json`: the kind from `--to` or from `-o`'s extension, the refusal
//! on errors and `--force` for every kind, written privately and never into the data folder;
//! our web page imports back to the same report.

use std::path::Path;

mod common;
use common::{Cli, stderr};

/// `nianbao import FILE`; the new draft's id.
fn import(env: &Cli, file: &str) -> String {
    let o = env.run(&["import", file]);
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// `nianbao export ID --to json`, parsed.
fn json(env: &Cli, id: &str) -> serde_json::Value {
    let o = env.run(&["export", id, "--to", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("json")
}

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/complete-2024.txt"
);
const KINDS: [(&str, &str); 5] = [
    ("txt", "txt"),
    ("html", "html"),
    ("md", "md"),
    ("json", "json"),
    ("docx", "docx"),
];

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn the_kind_follows_the_extension_and_the_page_imports_back_to_the_same_report() {
    let env = Cli::new();
    let id = import(&env, FIXTURE);
    let page = env.path("报告.html");
    let o = env.run(&["export", &id, "-o", &s(&page)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80]);
    assert!(html.contains(&format!(
        "<meta name=\"nianbao-draft-id\" content=\"{id}\">"
    )));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&page).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let back = import(&env, &s(&page));
    let (a, b) = (json(&env, &id), json(&env, &back));
    assert_eq!(a["sections"], b["sections"]);
    assert_eq!(a["cells"], b["cells"]);
    assert_eq!(a["metadata"]["content_hash"], b["metadata"]["content_hash"]);
    assert_eq!(a["metadata"]["passed_check"], true);

    for (ext, start) in [("md", "# 淮河市"), ("json", "{"), ("txt", "淮河市")] {
        let out = env.path(&format!("r.{ext}"));
        let o = env.run(&["export", &id, "-o", &s(&out)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = std::fs::read_to_string(&out).expect("out");
        assert!(text.starts_with(start), "{ext}: {}", &text[..40]);
    }
    let out = env.path("r.docx");
    let o = env.run(&["export", &id, "-o", &s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read(&out).expect("docx").starts_with(b"PK"),
        "a zip"
    );
    // --to wins over the extension.
    let out = env.path("r.txt");
    let o = env.run(&["export", &id, "--to", "md", "-o", &s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(&out).expect("md");
    assert!(md.contains("法人或其他组织·商业企业"));
}

#[test]
fn a_report_with_errors_is_refused_in_every_kind_and_forced_it_says_so() {
    let env = Cli::new();
    let o = env.run(&["new", "--agency", "某局", "--year", "2025"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = String::from_utf8_lossy(&o.stdout).trim().to_string();
    for (to, ext) in KINDS {
        let out = env.path(&format!("x.{ext}"));
        let o = env.run(&["export", &id, "--to", to, "-o", &s(&out)]);
        assert_eq!(o.status.code(), Some(1), "{to}: {}", stderr(&o));
        assert!(!out.exists(), "{to}");
    }
    let page = env.path("x.html");
    let o = env.run(&["export", &id, "--force", "-o", &s(&page)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).expect("page");
    let mark = html.find("未通过检查").expect("mark");
    assert!(mark < html.find("<h1>").expect("title"));
    let o = env.run(&["export", &id, "--force", "--to", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["metadata"]["passed_check"], false);
    assert!(
        v["diagnostics"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["severity"] == "error"))
    );
    let o = env.run(&["export", &id, "--force", "--to", "md"]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("> **未通过检查"));
}

#[test]
fn a_folder_gets_a_file_named_after_the_title_with_the_kind_s_extension() {
    let env = Cli::new();
    let id = import(&env, FIXTURE);
    let outdir = env.path("exports");
    std::fs::create_dir(&outdir).expect("mkdir");
    let o = env.run(&["export", &id, "--to", "json", "-o", &s(&outdir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names: Vec<String> = std::fs::read_dir(&outdir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["淮河市生态环境局2024年政府信息公开工作年度报告.json"]
    );
}

#[test]
fn no_kind_is_written_into_the_data_folder() {
    let env = Cli::new();
    let id = import(&env, FIXTURE);
    for (to, ext) in KINDS {
        let out = env.data().join(format!("x.{ext}"));
        let o = env.run(&["export", &id, "--to", to, "-o", &s(&out)]);
        assert_eq!(o.status.code(), Some(2), "{to}: {}", stderr(&o));
        assert!(!out.exists());
    }
}
