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
