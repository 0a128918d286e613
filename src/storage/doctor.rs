//! Facts for `nianbao doctor`: does a directory exist, is it private, can we write in it.

use std::path::Path;

/// What a directory looks like to this process.
#[derive(Debug)]
pub struct DirState {
    pub exists: bool,
    /// Something that is not a directory stands where the directory should be.
    pub not_a_directory: bool,
    /// Unix permission bits, when known.
    pub mode: Option<u32>,
    /// Creating and removing a file in it: `Err` with the OS error when that fails.
    pub writable: Result<(), std::io::Error>,
}

impl DirState {
    /// Readable by others (group or world bits set).
    pub fn is_shared(&self) -> bool {
        self.mode.is_some_and(|m| m & 0o077 != 0)
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
    let writable = if exists && !not_a_directory {
        let probe = dir.join(format!(".nianbao-probe-{}", std::process::id()));
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&probe)
            .map(drop)
            .and_then(|()| std::fs::remove_file(&probe))
    } else if not_a_directory {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            "not a directory",
        ))
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "does not exist yet",
        ))
    };
    DirState {
        exists,
        not_a_directory,
        mode,
        writable,
    }
}
