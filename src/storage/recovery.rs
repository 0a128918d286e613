//! Keeping the previous save, and getting a draft back when its file is damaged: the `.bak`
//! of the save before, the damaged file moved aside (never overwritten), and temporary files
//! of interrupted saves cleaned up.

use super::error::{StorageError, io};
use super::{EXTENSION, Store, load, parse, read_draft_bytes, write_atomic};
use crate::draft::Draft;
use crate::fsread::ReadError;
use chrono::{DateTime, FixedOffset};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A temporary file older than this belongs to a save that will never finish.
const STALE_TEMPORARY: Duration = Duration::from_secs(3600);

/// Whether a save makes the file it replaces the new `.bak`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Backup {
    Previous,
    Keep,
}

/// What `restore_backup` did.
#[derive(Debug)]
pub struct Restored {
    pub draft: Draft,
    /// Where the file that was replaced went: `<draft>.corrupt-<time>`, `<draft>.newer-<time>`
    /// (written by a newer nianbao) or `<draft>.replaced-<time>` (a readable draft).
    pub moved_to: Option<PathBuf>,
}

impl Store {
    /// Before a save replaces the draft file: a good draft becomes `.bak`, anything else is
    /// moved aside so that it is never overwritten.
    pub(super) fn keep_previous(
        &self,
        id: &str,
        backup: Backup,
        now: DateTime<FixedOffset>,
    ) -> Result<(), StorageError> {
        let path = self.draft_path(id);
        // A FIFO or device there, or a file past the limit, is no draft: moved aside below
        // like any damaged file (a rename reads nothing, so nothing blocks). A folder there is
        // an error naming it: the save could not rename over it anyway.
        let bytes = match read_draft_bytes(&path) {
            Ok(b) => Some(b),
            Err(StorageError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                return Ok(());
            }
            Err(StorageError::Unreadable {
                source: ReadError::NotRegular { kind: "directory" },
                path,
            }) => {
                return Err(StorageError::Unreadable {
                    source: ReadError::NotRegular { kind: "directory" },
                    path,
                });
            }
            Err(StorageError::Unreadable { .. }) => None,
            Err(e) => return Err(e),
        };
        if let Some(bytes) = bytes.filter(|b| parse(&path, b).is_ok()) {
            if backup == Backup::Previous {
                // Without a backup the save is still worth making: the older `.bak` stays.
                let _ = self.link_backup(id, &bytes);
            }
            Ok(())
        } else {
            let target = self.aside_path(id, "corrupt", now);
            std::fs::rename(&path, &target).map_err(io(&path, "rename"))
        }
    }

    /// Makes `.bak` the current draft file: a hard link (no data written, the file is already
    /// on disk) swapped in by rename, else an atomic copy.
    fn link_backup(&self, id: &str, bytes: &[u8]) -> Result<(), StorageError> {
        let path = self.draft_path(id);
        let bak = self.backup_path(id);
        let tmp = self
            .drafts_dir()
            .join(format!(".{id}.{EXTENSION}.bak-link"));
        let _ = std::fs::remove_file(&tmp);
        let linked = std::fs::hard_link(&path, &tmp).and_then(|()| std::fs::rename(&tmp, &bak));
        if linked.is_err() {
            let _ = std::fs::remove_file(&tmp);
            write_atomic(&bak, bytes, &mut |out, b| out.write_all(b))?;
        }
        Ok(())
    }

    /// `<draft>.<why>-<time>`, unused.
    fn aside_path(&self, id: &str, why: &str, now: DateTime<FixedOffset>) -> PathBuf {
        let base = format!("{id}.{EXTENSION}.{why}-{}", now.format("%Y%m%dT%H%M%S"));
        let dir = self.drafts_dir();
        let mut candidate = dir.join(&base);
        let mut n = 1;
        while candidate.exists() {
            candidate = dir.join(format!("{base}-{n}"));
            n += 1;
        }
        candidate
    }

    /// The `.bak` of a draft: `None` when there is none, else the draft or why it is unusable.
    pub fn backup(&self, id: &str) -> Option<Result<Draft, StorageError>> {
        let bak = self.backup_path(id);
        bak.exists().then(|| load(&bak))
    }

    /// Puts the `.bak` back as the draft, under the draft's lock. The file it replaces is
    /// renamed, not deleted (see [`Restored::moved_to`]).
    pub fn restore_backup(
        &self,
        id: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Restored, StorageError> {
        let bak = self.backup_path(id);
        let no_backup = |source: StorageError| StorageError::NoBackup {
            path: bak.clone(),
            reason: Box::new(source),
        };
        let bytes = read_draft_bytes(&bak).map_err(no_backup)?;
        let mut draft = parse(&bak, &bytes).map_err(no_backup)?;
        draft.id = id.to_string();
        let _lock = self.lock(id, now)?;
        let path = self.draft_path(id);
        let moved_to = if path.exists() {
            let why = match load(&path) {
                Ok(_) => "replaced",
                Err(StorageError::NewerSchema { .. }) => "newer",
                Err(_) => "corrupt",
            };
            let target = self.aside_path(id, why, now);
            std::fs::rename(&path, &target).map_err(io(&path, "rename"))?;
            Some(target)
        } else {
            None
        };
        // The directory fsync of this write also makes the rename above durable.
        write_atomic(&path, &bytes, &mut |out, b| out.write_all(b))?;
        Ok(Restored { draft, moved_to })
    }

    /// Temporary files of saves that were interrupted (a crash, a full disk) and are older
    /// than an hour: removed. Younger ones may belong to a save in progress and are left.
    /// Returns what was removed.
    pub fn clean_temporary(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.drafts_dir()) else {
            return Vec::new();
        };
        let now = SystemTime::now();
        entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_temporary(p))
            .filter(|p| {
                std::fs::metadata(p)
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_TEMPORARY))
            })
            .filter(|p| std::fs::remove_file(p).is_ok())
            .collect()
    }
}

/// A hidden `.<id>.json…` file: what an atomic save writes before renaming it.
pub fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n.contains(".json"))
        && path.is_file()
}
