//! Writing an export to disk, for the command line and the TUI alike: never into the data
//! folder (an export named like the draft or its `.bak` would replace it), atomically (a
//! failed export leaves no half report), and private by default (0600: an export holds
//! figures not yet published). Also the default file name made from a report's title.

use crate::i18n::Lang;
use crate::storage::Store;
use std::path::{Path, PathBuf};

/// The mode of an export file unless the clerk asks for another.
pub const PRIVATE_MODE: u32 = 0o600;

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportWriteError {
    #[error(
        "{path}: inside the data folder {data}, where it could replace a draft; choose another folder"
    )]
    InsideDataDir { path: PathBuf, data: PathBuf },
    #[error("{path}: cannot write: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ExportWriteError {
    /// The message in the user's language, naming the file.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (ExportWriteError::InsideDataDir { path, data }, Lang::Zh) => format!(
                "{}：位于草稿数据目录 {} 中，可能覆盖草稿；请导出到其他文件夹",
                path.display(),
                data.display()
            ),
            (ExportWriteError::Io { path, source }, Lang::Zh) => {
                format!("{}：无法写入：{source}", path.display())
            }
        }
    }
}

/// Writes `text` (text or a DOCX's bytes) to `path` with permission bits `mode` (Unix), replacing the file there
/// atomically. Refused when `path` lies in the data folder of `store`.
pub fn write_export(
    store: &Store,
    path: &Path,
    text: impl AsRef<[u8]>,
    mode: u32,
) -> Result<(), ExportWriteError> {
    if let Some(data) = data_dir_holding(store, path) {
        return Err(ExportWriteError::InsideDataDir {
            path: path.to_path_buf(),
            data,
        });
    }
    let io = |source| ExportWriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut options = atomic_write_file::AtomicWriteFile::options();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        // The old file's mode is not kept: an export made public once stays private next time
        // unless asked again.
        options.preserve_mode(false).mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(path).map_err(io)?;
    std::io::Write::write_all(&mut file, text.as_ref()).map_err(io)?;
    file.commit().map_err(io)?;
    // Created with `mode` under the umask; an explicit mode (`--mode 644`) is what was asked.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(io)?;
    }
    Ok(())
}

/// The canonical data folder when `path`'s folder is in it (links resolved, so `./x/../data`
/// or a link to the folder are seen). The file itself, when it is a link, is replaced, not
/// followed, so only its folder matters.
fn data_dir_holding(store: &Store, path: &Path) -> Option<PathBuf> {
    // No data folder yet: nothing in it to overwrite.
    let data = std::fs::canonicalize(store.root()).ok()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // A folder that does not exist cannot be in the data folder; the write says it is missing.
    let parent = std::fs::canonicalize(parent).ok()?;
    parent.starts_with(&data).then_some(data)
}

/// Longest file name made from a title, in bytes (file systems allow 255; room for `.txt`).
const MAX_NAME_BYTES: usize = 200;

/// `<title>.txt` as one file name: whatever in the title could name another folder or hide
/// (separators, NUL, control and invisible characters, characters Windows forbids, leading
/// dots) becomes `_` or goes, so an imported title never steers where an export is written.
pub fn export_file_name(title: &str) -> String {
    let mapped: String = title
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*')
                || crate::sanitize::is_unsafe(c)
            {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = mapped.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let mut name = String::new();
    for c in trimmed.chars() {
        if name.len() + c.len_utf8() > MAX_NAME_BYTES {
            break;
        }
        name.push(c);
    }
    let name = name.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    if name.is_empty() || name.chars().all(|c| c == '_') {
        return "report.txt".to_string();
    }
    format!("{name}.txt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_one_file_name_in_the_chosen_folder() {
        for title in [
            "../../x/某局2024年报告",
            "/etc/passwd",
            "..\\..\\evil",
            "a\0b\u{1b}[31m\u{202e}c",
            "..",
            "/",
            "",
            "   .hidden",
        ] {
            let name = export_file_name(title);
            let p = Path::new(&name);
            assert_eq!(p.components().count(), 1, "{title:?} → {name:?}");
            assert_eq!(p.file_name().and_then(|n| n.to_str()), Some(name.as_str()));
            assert!(!name.starts_with('.'), "{name:?}");
            assert!(name.ends_with(".txt"));
            assert!(
                !name.contains(['/', '\\', '\0', '\u{1b}', '\u{202e}']),
                "{name:?}"
            );
        }
        assert_eq!(
            export_file_name("某市生态环境局2024年政府信息公开工作年度报告"),
            "某市生态环境局2024年政府信息公开工作年度报告.txt"
        );
        assert_eq!(export_file_name("/"), "report.txt");
        assert!(export_file_name(&"年".repeat(300)).len() <= 255);
    }

    #[test]
    fn an_export_into_the_data_folder_is_refused_and_writes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path().join("data"));
        std::fs::create_dir_all(store.drafts_dir()).expect("mkdir");
        let draft = store.draft_path("2025-000001");
        std::fs::write(&draft, "the draft").expect("write");
        let sneaky = dir.path().join("data/drafts/../drafts/2025-000001.json");
        for target in [draft.clone(), store.root().join("x.txt"), sneaky] {
            let e = write_export(&store, &target, "export", PRIVATE_MODE).expect_err("refused");
            assert!(matches!(e, ExportWriteError::InsideDataDir { .. }), "{e}");
            assert!(
                e.message(Lang::Zh).contains("数据目录"),
                "{}",
                e.message(Lang::Zh)
            );
        }
        #[cfg(unix)]
        {
            // Through a link to the drafts folder.
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(store.drafts_dir(), &link).expect("link");
            assert!(write_export(&store, &link.join("2025-000001.json"), "x", 0o600).is_err());
        }
        assert_eq!(std::fs::read_to_string(&draft).expect("read"), "the draft");
        assert!(!store.root().join("x.txt").exists());
    }

    #[cfg(unix)]
    #[test]
    fn exports_are_private_unless_asked_and_an_old_mode_is_not_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path().join("data"));
        let out = dir.path().join("out.txt");
        std::fs::write(&out, "old").expect("write");
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        write_export(&store, &out, "new", PRIVATE_MODE).expect("write");
        assert_eq!(mode(&out), 0o600);
        assert_eq!(std::fs::read_to_string(&out).expect("read"), "new");
        write_export(&store, &out, "public", 0o644).expect("write");
        assert_eq!(mode(&out), 0o644);
    }
}
