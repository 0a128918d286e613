//! Where drafts live and how they are written: one pretty JSON file per draft in
//! `<data dir>/drafts/`, written atomically (temporary file, fsync, rename, fsync of the
//! directory), readable only by its owner.

use crate::draft::{Draft, SCHEMA_VERSION};
use crate::i18n::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory (tests never touch `$HOME`).
pub const DATA_DIR_ENV: &str = "NIANBAO_DATA_DIR";
const DRAFTS: &str = "drafts";
const EXTENSION: &str = "json";

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{path}: cannot {action}: {source}")]
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },
    #[error("{path}: not valid JSON at line {line}, column {column}: {message}")]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: not a nianbao draft: {reason}")]
    NotADraft { path: PathBuf, reason: String },
    #[error(
        "{path}: written by a newer nianbao (draft schema {found}, this one knows up to {supported})"
    )]
    NewerSchema {
        path: PathBuf,
        found: u64,
        supported: u32,
    },
    #[error("no draft with id {id:?} in {dir}")]
    NoSuchDraft { id: String, dir: PathBuf },
    #[error("no home directory to keep drafts in; use --data-dir DIR or set {DATA_DIR_ENV}")]
    NoDataDir,
}

impl StorageError {
    /// The message in the user's language (paths and OS errors as they are).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self.path() {
            Some(path) => format!("{}：{}", path.display(), self.reason(lang)),
            None => self.reason(lang),
        }
    }

    /// The file concerned, when there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            StorageError::Io { path, .. }
            | StorageError::Json { path, .. }
            | StorageError::NotADraft { path, .. }
            | StorageError::NewerSchema { path, .. } => Some(path),
            StorageError::NoSuchDraft { .. } | StorageError::NoDataDir => None,
        }
    }

    /// What is wrong, without the path (for a list that already names the file).
    pub fn reason(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            StorageError::Io { action, source, .. } => {
                if en {
                    return format!("cannot {action}: {source}");
                }
                let action = match *action {
                    "read" => "读取",
                    "write" => "写入",
                    "create directory" => "创建目录",
                    "list" => "列出",
                    _ => action,
                };
                format!("无法{action}：{source}")
            }
            StorageError::Json {
                line,
                column,
                message,
                ..
            } => {
                if en {
                    format!("not valid JSON at line {line}, column {column}: {message}")
                } else {
                    format!("第 {line} 行第 {column} 列不是有效的 JSON：{message}")
                }
            }
            StorageError::NotADraft { reason, .. } => {
                if en {
                    format!("not a nianbao draft: {reason}")
                } else {
                    format!("不是 nianbao 草稿：{reason}")
                }
            }
            StorageError::NewerSchema {
                found, supported, ..
            } => {
                if en {
                    format!(
                        "written by a newer nianbao (draft schema {found}, this one knows up to {supported})"
                    )
                } else {
                    format!(
                        "由较新版本的 nianbao 写入（草稿格式 {found}，本程序最高支持 {supported}），请升级"
                    )
                }
            }
            StorageError::NoSuchDraft { id, dir } => {
                if en {
                    format!("no draft with id {id:?} in {}", dir.display())
                } else {
                    format!("{} 中没有编号为 {id} 的草稿", dir.display())
                }
            }
            StorageError::NoDataDir => {
                if en {
                    format!(
                        "no home directory to keep drafts in; use --data-dir DIR or set {DATA_DIR_ENV}"
                    )
                } else {
                    format!("找不到主目录来保存草稿；请用 --data-dir 目录 或设置 {DATA_DIR_ENV}")
                }
            }
        }
    }
}

fn io<'a>(
    path: &'a Path,
    action: &'static str,
) -> impl FnOnce(std::io::Error) -> StorageError + 'a {
    move |source| StorageError::Io {
        path: path.to_path_buf(),
        action,
        source,
    }
}

/// A data directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// One file found in the drafts directory: the draft, or why it cannot be read.
pub struct Listed {
    pub path: PathBuf,
    pub draft: Result<Draft, StorageError>,
}

impl Store {
    pub fn at(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// `--data-dir` when given, else `$NIANBAO_DATA_DIR`, else the platform's data directory.
    pub fn resolve(explicit: Option<&Path>) -> Result<Store, StorageError> {
        if let Some(dir) = explicit {
            return Ok(Store::at(dir));
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(Store::at(PathBuf::from(dir)));
        }
        directories::ProjectDirs::from("cn", "nianbao", "nianbao")
            .map(|p| Store::at(p.data_dir()))
            .ok_or(StorageError::NoDataDir)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn drafts_dir(&self) -> PathBuf {
        self.root.join(DRAFTS)
    }

    pub fn draft_path(&self, id: &str) -> PathBuf {
        self.drafts_dir().join(format!("{id}.{EXTENSION}"))
    }

    /// True when `id` could be a draft id (no path separators or dots).
    pub fn is_id(text: &str) -> bool {
        !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }

    fn ensure_dirs(&self) -> Result<PathBuf, StorageError> {
        let dir = self.drafts_dir();
        std::fs::create_dir_all(&dir).map_err(io(&dir, "create directory"))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for d in [&self.root, &dir] {
                std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700))
                    .map_err(io(d, "write"))?;
            }
        }
        Ok(dir)
    }

    /// A fresh id: the report year and six hex digits, unused in this store.
    pub fn new_id(&self, year: i32) -> String {
        let mut seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0)
            ^ ((std::process::id() as u64) << 32);
        loop {
            // xorshift: cheap, and collisions are checked anyway.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let id = format!("{year}-{:06x}", seed & 0xff_ffff);
            if !self.draft_path(&id).exists() {
                return id;
            }
        }
    }

    /// Writes the draft atomically: a crash leaves either the old file or the new one.
    pub fn save(&self, draft: &Draft) -> Result<PathBuf, StorageError> {
        self.ensure_dirs()?;
        let path = self.draft_path(&draft.id);
        let json = serde_json::to_string_pretty(draft).map_err(|e| StorageError::NotADraft {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        let mut options = atomic_write_file::AtomicWriteFile::options();
        #[cfg(unix)]
        {
            use atomic_write_file::unix::OpenOptionsExt as _;
            use std::os::unix::fs::OpenOptionsExt as _;
            options.preserve_mode(false).mode(0o600);
        }
        let mut file = options.open(&path).map_err(io(&path, "write"))?;
        file.write_all(json.as_bytes())
            .map_err(io(&path, "write"))?;
        file.write_all(b"\n").map_err(io(&path, "write"))?;
        file.commit().map_err(io(&path, "write"))?;
        Ok(path)
    }

    pub fn trash_dir(&self) -> PathBuf {
        self.root.join("trash")
    }

    /// Moves a draft file to the trash folder (never deletes it), under a name that says when.
    pub fn trash(
        &self,
        path: &Path,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<PathBuf, StorageError> {
        let dir = self.trash_dir();
        std::fs::create_dir_all(&dir).map_err(io(&dir, "create directory"))?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("draft");
        let target = dir.join(format!("{stem}.{}.json", now.format("%Y%m%dT%H%M%S")));
        std::fs::rename(path, &target).map_err(io(path, "write"))?;
        Ok(target)
    }

    pub fn load_id(&self, id: &str) -> Result<Draft, StorageError> {
        let path = self.draft_path(id);
        if !path.exists() {
            return Err(StorageError::NoSuchDraft {
                id: id.to_string(),
                dir: self.drafts_dir(),
            });
        }
        load(&path)
    }

    /// Every `*.json` file in the drafts directory, readable or not, sorted by path.
    pub fn list(&self) -> Result<Vec<Listed>, StorageError> {
        let dir = self.drafts_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&dir, "list")(e)),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == EXTENSION) && p.is_file())
            .collect();
        paths.sort();
        Ok(paths
            .into_iter()
            .map(|path| Listed {
                draft: load(&path),
                path,
            })
            .collect())
    }
}

/// Reads a draft file. Anything that is not a draft this binary understands is an error
/// naming the file and what is wrong.
pub fn load(path: &Path) -> Result<Draft, StorageError> {
    let bytes = std::fs::read(path).map_err(io(path, "read"))?;
    parse(path, &bytes)
}

/// Parses draft JSON (the bytes of `path`).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Draft, StorageError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| StorageError::Json {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
    let not_a_draft = |reason: String| StorageError::NotADraft {
        path: path.to_path_buf(),
        reason,
    };
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| not_a_draft("no schema_version".into()))?;
    if version > SCHEMA_VERSION as u64 {
        return Err(StorageError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    serde_json::from_value(value).map_err(|e| not_a_draft(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::AgencyKind;
    use crate::format::Format;

    fn draft(id: &str) -> Draft {
        let f = Format::by_id("gov-2021").expect("format");
        let now = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now");
        let mut d = Draft::new(id, f, "某局", AgencyKind::Government, 2025, now);
        d.set_section_text("s1", "内容\n第二行");
        d.cells.insert("t3.new.natural".into(), "3".into());
        d
    }

    #[test]
    fn a_saved_draft_loads_back_equal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path());
        let d = draft("2025-abc123");
        let path = store.save(&d).expect("save");
        assert_eq!(store.load_id("2025-abc123").expect("load"), d);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("\"schema_version\": 1"), "{text}");
        assert!(text.contains("\"agency_kind\": \"government\""), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn bad_files_give_errors_naming_the_file_and_the_problem() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.json");
        let cases: [(&[u8], &str); 5] = [
            (b"{\"schema_version\": 1, \"id\": ", "line 1, column"),
            (b"[1, 2]", "no schema_version"),
            (b"{\"schema_version\": 1}", "missing field"),
            (b"{\"schema_version\": 99}", "newer nianbao"),
            (b"\xff\xfe\x00garbage", "not valid JSON"),
        ];
        for (bytes, expect) in cases {
            std::fs::write(&p, bytes).expect("write");
            let e = load(&p).expect_err("must fail");
            let msg = e.to_string();
            assert!(msg.contains("x.json") && msg.contains(expect), "{msg}");
            assert!(e.message(Lang::Zh).contains("x.json"));
        }
    }

    #[test]
    fn listing_shows_good_and_broken_drafts() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path());
        store.save(&draft("2025-000001")).expect("save");
        std::fs::write(store.draft_path("2025-000002"), "{ broken").expect("write");
        std::fs::write(store.drafts_dir().join("notes.txt"), "not a draft").expect("write");
        let listed = store.list().expect("list");
        assert_eq!(listed.len(), 2);
        assert!(listed[0].draft.is_ok());
        assert!(listed[1].draft.is_err());
    }

    #[test]
    fn trashed_drafts_are_moved_not_deleted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path());
        let path = store.save(&draft("2025-000009")).expect("save");
        let now = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now");
        let moved = store.trash(&path, now).expect("trash");
        assert!(!path.exists());
        assert_eq!(load(&moved).expect("still a draft").id, "2025-000009");
        assert!(store.list().expect("list").is_empty());
    }

    #[test]
    fn new_ids_are_unused_and_look_like_ids() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path());
        let a = store.new_id(2025);
        assert!(Store::is_id(&a) && a.starts_with("2025-"), "{a}");
        assert!(!Store::is_id("../x") && !Store::is_id("a.json"));
    }

    #[test]
    fn a_file_where_the_data_directory_should_be_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("data");
        std::fs::write(&blocker, "").expect("write");
        let e = Store::at(&blocker)
            .save(&draft("2025-000003"))
            .expect_err("must fail");
        assert!(e.to_string().contains("data"), "{e}");
    }
}
