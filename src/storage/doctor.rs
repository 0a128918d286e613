//! Facts for `nianbao doctor`: does a directory exist, is it private, can we really write in it
//! (a probe of some kilobytes, flushed to disk: creating an empty file works on a full disk),
//! and, when it does not exist yet, can it be created.

use std::io::Write;
use std::path::Path;

/// Bytes the probe writes: enough that a full disk or quota refuses them, little enough to be
/// instant.
const PROBE_BYTES: usize = 64 << 10;

/// What a directory looks like to this process.
#[derive(Debug)]
pub struct DirState {
    pub exists: bool,
    /// Something that is not a directory stands where the directory should be.
    pub not_a_directory: bool,
    /// Unix permission bits, when known.
    pub mode: Option<u32>,
    /// Writing, flushing and removing a probe file in it: `Err` with the OS error when that
    /// fails. For a directory that does not exist: `Err` of kind `NotFound` when it can be
    /// created at the first save, any other error when it cannot.
    pub writable: Result<(), std::io::Error>,
}

impl DirState {
    /// Readable by others (group or world bits set).
    pub fn is_shared(&self) -> bool {
        self.mode.is_some_and(|m| m & 0o077 != 0)
    }

    /// Missing, but the first save can create it.
    pub fn is_missing_but_creatable(&self) -> bool {
        !self.exists
            && self
                .writable
                .as_ref()
                .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
    }
}

/// Looks at `dir` without changing anything but a probe file that is removed at once.
pub fn probe_dir(dir: &Path) -> DirState {
    let meta = std::fs::metadata(dir);
    let exists = meta.is_ok();
    let not_a_directory = meta.as_ref().is_ok_and(|m| !m.is_dir());
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        meta.as_ref().ok().map(|m| m.permissions().mode() & 0o7777)
    };
    #[cfg(not(unix))]
    let mode = None;
    let writable = match &meta {
        Ok(_) if not_a_directory => Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            "not a directory",
        )),
        Ok(_) => write_probe(dir),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => creatable(dir),
        // Not a directory on the way, no permission to look, a link loop.
        Err(e) => Err(std::io::Error::new(e.kind(), e.to_string())),
    };
    DirState {
        exists,
        not_a_directory,
        mode,
        writable,
    }
}

/// Writes [`PROBE_BYTES`] to a new file in `dir`, flushes them to disk and removes the file.
fn write_probe(dir: &Path) -> Result<(), std::io::Error> {
    let probe = dir.join(format!(".nianbao-probe-{}", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&probe)?;
    let written = file
        .write_all(&[0; PROBE_BYTES])
        .and_then(|()| file.sync_all());
    drop(file);
    let removed = std::fs::remove_file(&probe);
    written.and(removed)
}

/// Why a missing `dir` could not be created, or `NotFound` when it can: a dangling link
/// stands there, or the nearest existing folder above it is not a folder.
fn creatable(dir: &Path) -> Result<(), std::io::Error> {
    if std::fs::symlink_metadata(dir).is_ok() {
        return Err(std::io::Error::other(
            "a link to a place that does not exist stands here",
        ));
    }
    let above = dir
        .ancestors()
        .skip(1)
        .find(|a| !a.as_os_str().is_empty() && std::fs::symlink_metadata(a).is_ok());
    match above.map(std::fs::metadata) {
        Some(Ok(m)) if !m.is_dir() => Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            format!(
                "{} is not a directory",
                above.map(|a| a.display().to_string()).unwrap_or_default()
            ),
        )),
        // A dangling link above: nothing can be created below it.
        Some(Err(e)) => Err(std::io::Error::other(format!(
            "{}: {e}",
            above.map(|a| a.display().to_string()).unwrap_or_default()
        ))),
        _ => Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "does not exist yet",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_below_a_file_or_at_a_dangling_link_cannot_be_created_and_says_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("data");
        std::fs::write(&file, "x").expect("write");
        let below = probe_dir(&file.join("drafts"));
        assert!(!below.exists);
        assert!(!below.is_missing_but_creatable(), "{below:?}");
        let fresh = probe_dir(&dir.path().join("new/drafts"));
        assert!(fresh.is_missing_but_creatable(), "{fresh:?}");
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink("/nonexistent/nianbao", &link).expect("link");
            let state = probe_dir(&link);
            assert!(!state.is_missing_but_creatable(), "{state:?}");
        }
        let ok = probe_dir(dir.path());
        assert!(ok.writable.is_ok(), "{ok:?}");
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("ls").count(),
            2,
            "probe removed"
        );
    }
}
