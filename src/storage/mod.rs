//! Where drafts live and how they are protected: one pretty JSON file per draft in
//! `<data dir>/drafts/`, readable only by its owner. A save writes a temporary file, fsyncs it,
//! renames it over the draft and fsyncs the directory, so a crash leaves the old draft or the
//! new one, never a mix; the previous good save is kept as `<draft>.bak`. One process at a time
//! edits a draft (`lock`); a file that cannot be read is reported and never overwritten
//! (`recovery`); older layouts load through `migrate`.

mod doctor;
mod emergency;
mod error;
mod lock;
pub mod migrate;
mod recovery;

pub use doctor::{DirState, probe_dir};
pub use emergency::{emergency_dirs, write_emergency_copy};
pub use error::StorageError;
pub use lock::{DraftLock, Holder};
use recovery::Backup;
pub use recovery::Restored;

use crate::draft::{Draft, SCHEMA_VERSION};
use chrono::{DateTime, FixedOffset};
use error::{io, read_error};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory (tests never touch `$HOME`).
pub const DATA_DIR_ENV: &str = "NIANBAO_DATA_DIR";
const DRAFTS: &str = "drafts";
const EXTENSION: &str = "json";
/// Larger than any real draft by far; a bigger file is not read into memory, and a save that
/// would write one is refused (it could never be opened again).
pub const MAX_DRAFT_BYTES: u64 = 64 << 20;

/// A data directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// One file found in the drafts directory: the draft, or why it cannot be read.
pub struct Listed {
    /// The draft id, from the file name.
    pub id: String,
    pub path: PathBuf,
    pub draft: Result<Draft, StorageError>,
}

/// How a save hands the bytes to the file; tests substitute one that fails half-way.
type Writer<'a> = &'a mut dyn FnMut(&mut dyn Write, &[u8]) -> std::io::Result<()>;

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

    /// `<draft>.bak`: the save before the last one.
    pub fn backup_path(&self, id: &str) -> PathBuf {
        self.drafts_dir().join(format!("{id}.{EXTENSION}.bak"))
    }

    /// `<draft>.lock`: held while the draft is open for editing.
    pub fn lock_path(&self, id: &str) -> PathBuf {
        self.drafts_dir().join(format!("{id}.{EXTENSION}.lock"))
    }

    /// True when `id` could be a draft id (no path separators or dots).
    pub fn is_id(text: &str) -> bool {
        !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }

    /// Creates the data and drafts directories, private to the user (0700 on Unix).
    fn ensure_dirs(&self) -> Result<PathBuf, StorageError> {
        let dir = self.drafts_dir();
        private_dir(&dir)?;
        Ok(dir)
    }

    /// The data directory's permission bits when other users can enter or read it (it may
    /// be a folder the user chose, so it is reported rather than changed).
    pub fn shared_root_mode(&self) -> Option<u32> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(&self.root).ok().filter(|m| m.is_dir())?;
            let mode = meta.permissions().mode() & 0o7777;
            (mode & 0o077 != 0).then_some(mode)
        }
        #[cfg(not(unix))]
        None
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
            if !self.draft_path(&id).exists() && !self.backup_path(&id).exists() {
                return id;
            }
        }
    }

    /// Takes the editing lock of a draft, or says which process holds it. Hold the returned
    /// lock for as long as the draft is open; dropping it releases it.
    pub fn lock(&self, id: &str, now: DateTime<FixedOffset>) -> Result<DraftLock, StorageError> {
        self.ensure_dirs()?;
        lock::acquire(&self.lock_path(id), now)
    }

    /// Writes the draft atomically and durably: a crash leaves either the old file or the new
    /// one. The previous good save becomes `<draft>.bak`; a previous file that is not a good
    /// draft is moved aside (`<draft>.corrupt-<time>`), never overwritten.
    pub fn save(&self, draft: &Draft) -> Result<PathBuf, StorageError> {
        self.save_with(draft, Backup::Previous, &mut |out, bytes| {
            out.write_all(bytes)
        })
    }

    /// The same, but the `.bak` stays as it is: for the saves after the first of an editing
    /// session, so that the backup is the draft as it was when it was opened, not the save
    /// of two seconds ago. (A previous file that is not a good draft is still moved aside.)
    pub fn save_keeping_backup(&self, draft: &Draft) -> Result<PathBuf, StorageError> {
        self.save_with(draft, Backup::Keep, &mut |out, bytes| out.write_all(bytes))
    }

    fn save_with(
        &self,
        draft: &Draft,
        backup: Backup,
        write: Writer,
    ) -> Result<PathBuf, StorageError> {
        if !Store::is_id(&draft.id) {
            return Err(StorageError::NotADraft {
                path: self.drafts_dir(),
                reason: format!("invalid draft id {:?}", draft.id),
            });
        }
        self.ensure_dirs()?;
        let path = self.draft_path(&draft.id);
        let mut json = serde_json::to_vec_pretty(draft).map_err(|e| StorageError::NotADraft {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        json.push(b'\n');
        // Refused before anything is written: the draft on disk stays as it was.
        if json.len() as u64 > MAX_DRAFT_BYTES {
            return Err(StorageError::TooLarge {
                path,
                size: json.len() as u64,
                limit: MAX_DRAFT_BYTES,
            });
        }
        self.keep_previous(&draft.id, backup, chrono::Local::now().fixed_offset())?;
        write_atomic(&path, &json, write)?;
        Ok(path)
    }

    pub fn trash_dir(&self) -> PathBuf {
        self.root.join("trash")
    }

    /// Moves a draft file (and its backup) to the trash folder (never deletes it), under a
    /// name that says when. Refused while another process edits the draft.
    pub fn trash(&self, path: &Path, now: DateTime<FixedOffset>) -> Result<PathBuf, StorageError> {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("draft");
        let _lock = Store::is_id(stem)
            .then(|| self.lock(stem, now))
            .transpose()?;
        let dir = self.trash_dir();
        private_dir(&dir)?;
        let stamp = now.format("%Y%m%dT%H%M%S");
        let target = dir.join(format!("{stem}.{stamp}.json"));
        std::fs::rename(path, &target).map_err(io(path, "rename"))?;
        if Store::is_id(stem) {
            let bak = self.backup_path(stem);
            if bak.exists() {
                let _ = std::fs::rename(&bak, dir.join(format!("{stem}.{stamp}.json.bak")));
            }
        }
        Ok(target)
    }

    /// The file of draft `id`, or [`StorageError::NoSuchDraft`] (nothing is created either way:
    /// a mistyped id leaves no folder and no lock file behind).
    pub fn find(&self, id: &str) -> Result<PathBuf, StorageError> {
        let path = self.draft_path(id);
        if !Store::is_id(id) || !path.exists() {
            return Err(StorageError::NoSuchDraft {
                id: id.to_string(),
                dir: self.drafts_dir(),
            });
        }
        Ok(path)
    }

    /// Loads a draft by id. The id is the file name: a draft file copied by hand under a new
    /// name is that new draft, and its saves go to that file.
    pub fn load_id(&self, id: &str) -> Result<Draft, StorageError> {
        let path = self.find(id)?;
        let mut draft = load(&path)?;
        draft.id = id.to_string();
        Ok(draft)
    }

    /// Every `<id>.json` file in the drafts directory, readable or not, sorted by path.
    /// Temporary files of an interrupted save (hidden, `.<id>.json.XXXXXX`), backups, locks
    /// and moved-aside files are not drafts and are not listed.
    pub fn list(&self) -> Result<Vec<Listed>, StorageError> {
        let dir = self.drafts_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&dir, "list")(e)),
        };
        let mut found: Vec<(String, PathBuf)> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            // Whatever the entry is: a FIFO or a folder where a draft should be is listed as
            // unreadable (by `load`), not silently skipped.
            .filter(|p| p.extension().is_some_and(|x| x == EXTENSION))
            .filter_map(|p| {
                let id = p.file_stem()?.to_str()?.to_string();
                Store::is_id(&id).then_some((id, p))
            })
            .collect();
        found.sort();
        Ok(found
            .into_iter()
            .map(|(id, path)| Listed {
                draft: load(&path).map(|mut d| {
                    d.id = id.clone();
                    d
                }),
                id,
                path,
            })
            .collect())
    }
}

/// Creates `dir` (and its missing parents) private to the user: 0700 on Unix. One of ours
/// made by an older version or by hand is made private when we can; `nianbao doctor`
/// reports it when we cannot.
fn private_dir(dir: &Path) -> Result<(), StorageError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir).map_err(io(dir, "create directory"))?;
        if let Ok(meta) = std::fs::metadata(dir)
            && meta.permissions().mode() & 0o077 != 0
        {
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
    }
    #[cfg(not(unix))]
    builder.create(dir).map_err(io(dir, "create directory"))?;
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same directory (mode 0600),
/// fsynced, renamed over `path`, and the directory fsynced. On failure `path` is untouched
/// and the temporary file removed.
fn write_atomic(path: &Path, bytes: &[u8], write: Writer) -> Result<(), StorageError> {
    let mut options = atomic_write_file::AtomicWriteFile::options();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        options.preserve_mode(false).mode(0o600);
    }
    let mut file = options.open(path).map_err(io(path, "write"))?;
    write(&mut file, bytes).map_err(io(path, "write"))?;
    file.commit().map_err(io(path, "write"))
}

/// Reads a draft file. Anything that is not a draft this binary understands is an error
/// naming the file and what is wrong.
/// Only a regular file is read (a draft replaced by a FIFO or a link to a device must not hang
/// `list` or `open`), and never more than [`MAX_DRAFT_BYTES`].
pub fn load(path: &Path) -> Result<Draft, StorageError> {
    let bytes = read_draft_bytes(path)?;
    parse(path, &bytes)
}

fn read_draft_bytes(path: &Path) -> Result<Vec<u8>, StorageError> {
    crate::fsread::read_regular(path, MAX_DRAFT_BYTES).map_err(read_error(path))
}

/// Parses draft JSON (the bytes of `path`), migrating an older layout.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Draft, StorageError> {
    // The common case, a draft of this version, goes straight into `Draft`; anything else
    // (older, newer, damaged) through the checks and migrations below.
    // The bytes are checked as UTF-8 once (simdutf8: a draft is mostly Chinese, where std's
    // check costs ~10 instructions a byte), and read as text, which serde_json then does not
    // check again string by string as it does bytes.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes)
        && let Ok(draft) = serde_json::from_str::<Draft>(text)
        && draft.schema_version == SCHEMA_VERSION
    {
        return Ok(draft);
    }
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| StorageError::Json {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            // The position is given once, by the message around it.
            message: e
                .to_string()
                .trim_end_matches(&format!(" at line {} column {}", e.line(), e.column()))
                .to_string(),
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
    let value = migrate::to_current(value, version).map_err(not_a_draft)?;
    serde_json::from_value(value).map_err(|e| not_a_draft(e.to_string()))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_special_files;
