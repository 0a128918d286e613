//! Reading a file that a user names, safely: only regular files are read (a FIFO would block
//! for ever, `/dev/zero` would fill memory, a directory is no report), and never more than a
//! limit, checked while reading — the size in the metadata can lie (`/proc`, a file still
//! growing).

use crate::i18n::Lang;
#[cfg(not(unix))]
use std::io::Read;
use std::path::Path;

/// Largest report or page that `import` and `check` read (real reports are well under 1 MiB;
/// a saved web page with inline images a few MiB).
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a regular file ({kind})")]
    NotRegular { kind: &'static str },
    #[error("larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl ReadError {
    /// The reason in the user's language (the path is added by the caller).
    pub fn reason(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReadError::NotRegular { kind }, Lang::Zh) => {
                format!("不是普通文件（{}），不读取", kind_zh(kind))
            }
            (ReadError::NotRegular { kind }, Lang::En) => {
                format!("not a regular file ({kind}); not read")
            }
            (ReadError::TooLarge { limit }, Lang::Zh) => {
                format!("文件超过 {} MiB，不读取", limit >> 20)
            }
            (ReadError::TooLarge { limit }, Lang::En) => {
                format!("larger than {} MiB; not read", limit >> 20)
            }
            (ReadError::Io(e), _) => e.to_string(),
        }
    }
}

fn kind_zh(kind: &str) -> &'static str {
    match kind {
        "directory" => "目录",
        "FIFO" => "命名管道",
        "character device" => "字符设备",
        "block device" => "块设备",
        "socket" => "套接字",
        _ => "特殊文件",
    }
}

/// What kind of file `meta` describes, when it is not a regular file.
pub fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("FIFO");
        }
        if ft.is_char_device() {
            return Some("character device");
        }
        if ft.is_block_device() {
            return Some("block device");
        }
        if ft.is_socket() {
            return Some("socket");
        }
    }
    Some("special file")
}

/// Reads `path` (following links) when it is a regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path)?;
    if len > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let bytes = read_up_to(file, len, limit + 1)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The first `limit` bytes of `path` (following links) when it is a regular file, and
/// whether they are the whole file.
pub fn read_head(path: &Path, limit: u64) -> Result<(Vec<u8>, bool), ReadError> {
    let (file, len) = open_regular(path)?;
    let mut bytes = read_up_to(file, len, limit + 1)?;
    let whole = bytes.len() as u64 <= limit;
    bytes.truncate(limit as usize);
    Ok((bytes, whole))
}

/// At most `max` bytes of `file`, whose size the metadata says is `size`: read into room for
/// them and one byte more, so that a file as large as it says takes one read (`read_to_end`
/// through `take` reads 8 KiB at a time, whatever the room, and once more to see the end).
/// A read that stops short exactly at that size is at the end (a folder check saved a
/// system call per report); a file that grew since is read on, up to `max`.
fn read_up_to(mut file: std::fs::File, size: u64, max: u64) -> std::io::Result<Vec<u8>> {
    let mut room = size.saturating_add(1).min(max) as usize;
    let mut bytes: Vec<u8> = Vec::with_capacity(room);
    loop {
        if bytes.len() == room {
            if room as u64 >= max {
                break;
            }
            room = (room as u64).saturating_mul(2).clamp(64, max) as usize;
            bytes.reserve_exact(room - bytes.len());
        }
        match read_into_spare(&mut file, &mut bytes, room) {
            Ok(0) => break,
            Ok(_) => {
                if bytes.len() as u64 == size && bytes.len() < room {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(bytes)
}

/// One read of `file` appended to `bytes`, up to `room` bytes in all (within its capacity),
/// into the vector's spare capacity: zeroing the room first, only to read over it, was ~2 %
/// of a folder check's instructions.
fn read_into_spare(
    file: &mut std::fs::File,
    bytes: &mut Vec<u8>,
    room: usize,
) -> std::io::Result<usize> {
    let want = room.min(bytes.capacity()) - bytes.len();
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let spare = bytes.spare_capacity_mut();
        debug_assert!(want <= spare.len());
        // SAFETY: read(2) writes at most `want` bytes at the start of the spare capacity,
        // which is valid for that many (`want <= spare.len()`); the ones it reports written
        // are then initialised, and only those are added to the length.
        let n = unsafe { libc::read(file.as_raw_fd(), spare.as_mut_ptr().cast(), want) };
        if n < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let n = (n as usize).min(want);
        // SAFETY: see above: `n` bytes past the length were written by the read.
        unsafe { bytes.set_len(bytes.len() + n) };
        Ok(n)
    }
    #[cfg(not(unix))]
    {
        let start = bytes.len();
        bytes.resize(start + want, 0);
        let n = file.read(&mut bytes[start..]);
        bytes.truncate(start + *n.as_ref().unwrap_or(&0));
        n
    }
}

/// `path` opened for reading when it is a regular file, and its size as the metadata says.
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Opened without blocking (a FIFO without a writer would block the open) and without
        // becoming the process's terminal; what was opened is checked before a byte is read.
        // (One stat per file, not a stat of the path first: a folder check opens thousands.)
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    #[cfg(not(unix))]
    {
        // Elsewhere the path is checked before it is opened.
        if let Some(kind) = special_kind(&std::fs::metadata(path)?) {
            return Err(ReadError::NotRegular { kind });
        }
    }
    let file = match options.open(path) {
        Ok(file) => file,
        // What cannot be opened may still be named for what it is (a socket).
        Err(e) => {
            return Err(
                match std::fs::metadata(path).ok().and_then(|m| special_kind(&m)) {
                    Some(kind) => ReadError::NotRegular { kind },
                    None => e.into(),
                },
            );
        }
    };
    let meta = file.metadata()?;
    if let Some(kind) = special_kind(&meta) {
        return Err(ReadError::NotRegular { kind });
    }
    Ok((file, meta.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "年报").unwrap();
        assert_eq!(read_regular(&p, 100).unwrap(), "年报".as_bytes());
        assert!(matches!(
            read_regular(&p, 3),
            Err(ReadError::TooLarge { limit: 3 })
        ));
    }

    #[test]
    fn a_head_is_the_first_bytes_and_says_whether_it_is_all() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "abcdef").unwrap();
        assert_eq!(read_head(&p, 4).unwrap(), (b"abcd".to_vec(), false));
        assert_eq!(read_head(&p, 6).unwrap(), (b"abcdef".to_vec(), true));
        assert!(matches!(
            read_head(dir.path(), 4),
            Err(ReadError::NotRegular { .. })
        ));
    }

    #[test]
    fn reads_whole_files_of_every_size_and_one_whose_size_says_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        for len in [0usize, 1, 63, 64, 65, 8191, 8192, 8193, 100_000] {
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            std::fs::write(&p, &data).unwrap();
            assert_eq!(read_regular(&p, 1 << 20).unwrap(), data, "{len}");
            let (head, whole) = read_head(&p, 8192).unwrap();
            assert_eq!(head, data[..len.min(8192)], "{len}");
            assert_eq!(whole, len <= 8192, "{len}");
        }
        // `/proc` says 0 bytes and holds more: read on until the end (or the limit).
        let status = Path::new("/proc/self/status");
        if status.exists() {
            let text = read_regular(status, 1 << 20).unwrap();
            assert!(text.len() > 200 && text.ends_with(b"\n"), "{}", text.len());
            assert!(matches!(
                read_regular(status, 100),
                Err(ReadError::TooLarge { limit: 100 })
            ));
            assert_eq!(read_head(status, 100).unwrap().0.len(), 100);
        }
    }

    /// The size a stat said is a hint: a file that grew or shrank since is read as it is.
    #[test]
    fn a_file_whose_size_changed_since_its_stat_is_read_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        let data: Vec<u8> = (0..1000).map(|i| (i % 251) as u8).collect();
        std::fs::write(&p, &data).unwrap();
        for stated in [0, 1, 50, 999, 1000, 1001, 5000] {
            let file = std::fs::File::open(&p).unwrap();
            assert_eq!(read_up_to(file, stated, 1 << 20).unwrap(), data, "{stated}");
        }
    }

    #[test]
    fn refuses_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), 100).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular { kind: "directory" }));
        assert!(e.reason(Lang::Zh).contains("目录"));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_devices_and_fifos_without_blocking() {
        let e = read_regular(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(matches!(
            e,
            ReadError::NotRegular {
                kind: "character device"
            }
        ));
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let e = read_regular(&fifo, 100).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular { kind: "FIFO" }));
        // A link to a device is the device.
        let link = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(
            read_regular(&link, 100),
            Err(ReadError::NotRegular { .. })
        ));
        // A socket cannot be opened at all: still named for what it is.
        let socket = dir.path().join("report.txt");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let e = read_head(&socket, 100).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular { kind: "socket" }), "{e}");
        // Nor is a path that is not there: the system's own reason.
        let e = read_regular(&dir.path().join("gone.txt"), 100).unwrap_err();
        assert!(
            matches!(&e, ReadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound),
            "{e}"
        );
    }
}
