//! One writer per draft: an exclusive advisory lock on `<draft>.lock`, held for as long as the
//! draft is open for editing. The operating system drops the lock when the process ends, however
//! it ends, so a crashed editor never blocks the next one. The file's content (pid, host, start
//! time) only serves the message shown to the second opener.

use super::error::{StorageError, io};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

/// Who holds a lock, as written into the lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub started: DateTime<FixedOffset>,
}

impl Holder {
    pub fn this_process(now: DateTime<FixedOffset>) -> Holder {
        Holder {
            pid: std::process::id(),
            host: host_name(),
            started: now,
        }
    }
}

/// An exclusive lock on one draft; dropping it releases the lock. The lock file is left in
/// place: deleting it would let a third process lock a new file while the second still holds
/// the old one.
#[derive(Debug)]
pub struct DraftLock {
    _file: Option<File>,
    path: PathBuf,
}

impl DraftLock {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file system could not lock and the draft is open without protection.
    pub fn is_unenforced(&self) -> bool {
        self._file.is_none()
    }
}

/// Takes the lock at `path`, or says who holds it.
pub(super) fn acquire(path: &Path, now: DateTime<FixedOffset>) -> Result<DraftLock, StorageError> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking: a FIFO put where the lock file goes must not hang the open.
        options.mode(0o600).custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path).map_err(io(path, "lock"))?;
    if let Some(kind) = file
        .metadata()
        .ok()
        .and_then(|m| crate::fsread::special_kind(&m))
    {
        return Err(StorageError::Unreadable {
            path: path.to_path_buf(),
            source: crate::fsread::ReadError::NotRegular { kind },
        });
    }
    match file.try_lock() {
        Ok(()) => {
            // Who we are, for the message a second opener gets; failing to write it (a full
            // disk) does not weaken the lock itself.
            let json = serde_json::to_vec(&Holder::this_process(now)).unwrap_or_default();
            let _ = file
                .set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| file.write_all(&json));
            Ok(DraftLock {
                _file: Some(file),
                path: path.to_path_buf(),
            })
        }
        Err(TryLockError::WouldBlock) => Err(StorageError::Locked {
            path: path.to_path_buf(),
            holder: read_holder(path),
        }),
        // Some network file systems cannot lock at all; refusing every draft there would
        // help nobody, so the draft opens as before locks existed.
        Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
            Ok(DraftLock {
                _file: None,
                path: path.to_path_buf(),
            })
        }
        Err(TryLockError::Error(e)) => Err(io(path, "lock")(e)),
    }
}

/// The holder named in a lock file, if it can be read (a holder still writing it, or a
/// platform whose locks also block reading, gives `None`).
fn read_holder(path: &Path) -> Option<Holder> {
    let bytes = crate::fsread::read_regular(path, 4096).ok()?;
    let mut h: Holder = serde_json::from_slice(&bytes).ok()?;
    h.host = crate::sanitize::visible(&h.host).into_owned();
    Some(h)
}

fn host_name() -> String {
    let from_file = ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| crate::fsread::read_regular(Path::new(p), 4096).ok())
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .filter(|s| !s.is_empty());
    from_file
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "?".to_string())
}
