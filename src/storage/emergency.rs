//! The last resort when the drafts folder cannot be written (a full disk, a folder gone
//! read-only): the whole draft, as a draft file, written somewhere else — the home folder, the
//! temporary folder or the working folder, whichever takes it — so that leaving the program
//! never throws typed text away. Putting the file back in the drafts folder restores it.

use crate::draft::Draft;
use chrono::{DateTime, FixedOffset};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where an emergency copy may go, most findable first.
pub fn emergency_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(home) = directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()) {
        dirs.push(home);
    }
    dirs.push(std::env::temp_dir());
    if let Ok(cwd) = std::env::current_dir() {
        dirs.push(cwd);
    }
    dirs.dedup();
    dirs
}

/// Writes `draft` as a new file in the first of `dirs` that takes it (0600: it holds
/// unpublished figures), fsynced. Returns the file, or every place tried and why it failed.
pub fn write_emergency_copy(
    draft: &Draft,
    now: DateTime<FixedOffset>,
    dirs: &[PathBuf],
) -> Result<PathBuf, String> {
    let json = serde_json::to_vec_pretty(draft).map_err(|e| e.to_string())?;
    let name = format!(
        "nianbao-{}-unsaved-{}.json",
        // An id is ours (`2025-3fa9c1`), but a file name in the folder could be anything.
        draft
            .id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<String>(),
        now.format("%Y%m%d-%H%M%S")
    );
    let mut failures = Vec::new();
    for dir in dirs {
        let path = dir.join(&name);
        match write_new(&path, &json) {
            Ok(()) => return Ok(path),
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    Err(failures.join("; "))
}

fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if written.is_err() {
        // Half a draft is no copy: leave nothing behind that looks like one.
        let _ = std::fs::remove_file(path);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::AgencyKind;
    use crate::format::Format;

    #[test]
    fn the_copy_goes_to_the_first_place_that_takes_it_and_loads_as_the_draft() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("not-a-folder");
        std::fs::write(&blocked, "").unwrap();
        let ok = dir.path().join("ok");
        std::fs::create_dir(&ok).unwrap();
        let format = Format::default_format().unwrap();
        let now = chrono::Local::now().fixed_offset();
        let mut draft = Draft::new(
            "2025-abc",
            format,
            "某局",
            AgencyKind::Department,
            2025,
            now,
        );
        draft.set_section_text("s1", "只在内存里的一段");
        let path = write_emergency_copy(&draft, now, &[blocked, ok.clone()]).unwrap();
        assert_eq!(path.parent(), Some(ok.as_path()));
        let back = super::super::load(&path).unwrap();
        assert_eq!(back.section_text("s1"), "只在内存里的一段");
    }

    #[test]
    fn nowhere_to_write_names_every_place_tried() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::write(&a, "").unwrap();
        std::fs::write(&b, "").unwrap();
        let format = Format::default_format().unwrap();
        let now = chrono::Local::now().fixed_offset();
        let draft = Draft::new(
            "2025-abc",
            format,
            "某局",
            AgencyKind::Department,
            2025,
            now,
        );
        let e = write_emergency_copy(&draft, now, &[a, b]).unwrap_err();
        assert!(e.contains("/a/") && e.contains("/b/"), "{e}");
    }
}
