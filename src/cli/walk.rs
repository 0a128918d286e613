//! Finding the reports below a folder for `check DIR`: links are followed (a folder of links
//! to reports is common), but each folder is entered once and each file checked once, by
//! device and inode, so link loops end and a file reached by two ways counts once. A folder
//! that cannot be read is reported and the walk goes on.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a walk found: the report files (sorted, each once) and the folders it could not read.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub unreadable: Vec<(PathBuf, std::io::Error)>,
}

/// Identity of a file: device and inode where there are such, else the canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

fn key(path: &Path, meta: &std::fs::Metadata) -> Option<Key> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        Some(Key::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        std::fs::canonicalize(path).ok().map(Key::Path)
    }
}

/// A file `check` reads in a folder: report text, a web page, a Word document, a PDF, or a
/// draft. (Markdown is read when named, not in folders: notes and READMEs are Markdown too.)
fn is_report(path: &Path) -> bool {
    path.extension().is_some_and(|x| {
        ["txt", "json", "html", "htm", "docx", "pdf"]
            .iter()
            .any(|e| x.eq_ignore_ascii_case(e))
    })
}

/// One entry of a folder, and, when the listing itself says it is a regular file (no link),
/// its inode: such a file needs no stat of its own (a stat per file was half the walk).
struct Listed {
    path: PathBuf,
    regular_inode: Option<u64>,
}

/// Every report file below `root`.
pub fn walk(root: &Path) -> Found {
    walk_with(root, &|dir| {
        std::fs::read_dir(dir)?
            .map(|e| {
                e.map(|e| Listed {
                    regular_inode: regular_inode(&e),
                    path: e.path(),
                })
            })
            .collect()
    })
}

/// The inode of a regular file as its folder lists it (`d_type`, `d_ino`: no stat).
fn regular_inode(entry: &std::fs::DirEntry) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirEntryExt;
        entry.file_type().ok()?.is_file().then(|| entry.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = entry;
        None
    }
}

/// The walk, listing folders with `read_dir` (tests make it fail where they want).
fn walk_with(root: &Path, read_dir: &dyn Fn(&Path) -> std::io::Result<Vec<Listed>>) -> Found {
    let mut found = Found::default();
    let mut entered: HashSet<Key> = HashSet::new();
    let mut files: Vec<(PathBuf, Option<Key>)> = Vec::new();
    let root_key = std::fs::metadata(root).ok().and_then(|m| key(root, &m));
    if let Some(k) = &root_key {
        entered.insert(k.clone());
    }
    // A stack, not recursion: a deep tree cannot overflow the stack. Each folder with its
    // own identity: a regular file in it is on its device.
    let mut pending = vec![(root.to_path_buf(), root_key)];
    while let Some((dir, dir_key)) = pending.pop() {
        let entries = match read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                found.unreadable.push((dir, e));
                continue;
            }
        };
        for Listed {
            path,
            regular_inode,
        } in entries
        {
            if let Some(ino) = regular_inode {
                if is_report(&path) {
                    files.push((path.clone(), file_key(&path, dir_key.as_ref(), ino)));
                }
                continue;
            }
            // Follows links; a dangling link fails here and, when it looks like a report, is
            // kept so that reading it names the problem.
            match std::fs::metadata(&path) {
                // Unknown identity: entered anyway (no loop can be proven, none is likely).
                Ok(meta) if meta.is_dir() => {
                    let k = key(&path, &meta);
                    let first_time = k.as_ref().is_none_or(|k| entered.insert(k.clone()));
                    if first_time {
                        pending.push((path, k));
                    }
                }
                Ok(meta) if is_report(&path) => {
                    let k = key(&path, &meta);
                    files.push((path, k));
                }
                Err(_) if is_report(&path) => files.push((path, None)),
                _ => {}
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut seen: HashSet<Key> = HashSet::new();
    found.files = files
        .into_iter()
        .filter(|(_, k)| k.as_ref().is_none_or(|k| seen.insert(k.clone())))
        .map(|(p, _)| p)
        .collect();
    found.unreadable.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The identity of a regular file listed in a folder (`dir`'s): its folder's device and
/// its inode, as a stat of it would say.
fn file_key(path: &Path, dir: Option<&Key>, ino: u64) -> Option<Key> {
    #[cfg(unix)]
    if let Some(Key::Inode(dev, _)) = dir {
        return Some(Key::Inode(*dev, ino));
    }
    let _ = (dir, ino);
    std::fs::metadata(path).ok().and_then(|m| key(path, &m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &Found, root: &Path) -> Vec<String> {
        found
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_end_and_each_file_is_checked_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir(root.join("a")).expect("mkdir");
        std::fs::write(root.join("a/r.txt"), "x").expect("write");
        std::fs::write(root.join("top.txt"), "x").expect("write");
        // Two links to their own folder, one link back to the root, one to a file.
        std::os::unix::fs::symlink(".", root.join("a/self1")).expect("link");
        std::os::unix::fs::symlink(".", root.join("a/self2")).expect("link");
        std::os::unix::fs::symlink("..", root.join("a/up")).expect("link");
        std::os::unix::fs::symlink("top.txt", root.join("same.txt")).expect("link");
        let found = walk(root);
        assert_eq!(names(&found, root), ["a/r.txt", "same.txt"]);
        assert!(found.unreadable.is_empty());
    }

    /// A file listed as itself (its inode from the folder's listing, no stat) and reached by
    /// a link or a hard link elsewhere (a stat) is the same file: checked once.
    #[cfg(unix)]
    #[test]
    fn a_file_listed_and_reached_by_links_is_checked_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir(root.join("b")).expect("mkdir");
        std::fs::write(root.join("a.txt"), "x").expect("write");
        std::fs::hard_link(root.join("a.txt"), root.join("b/hard.txt")).expect("hard link");
        std::os::unix::fs::symlink("../a.txt", root.join("b/soft.txt")).expect("link");
        std::fs::write(root.join("b/other.txt"), "y").expect("write");
        let found = walk(root);
        assert_eq!(names(&found, root), ["a.txt", "b/other.txt"]);
    }

    #[test]
    fn a_folder_that_cannot_be_read_is_reported_and_the_rest_walked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for sub in ["a", "locked", "z"] {
            std::fs::create_dir(root.join(sub)).expect("mkdir");
            std::fs::write(root.join(sub).join("r.txt"), "x").expect("write");
        }
        let found = walk_with(root, &|d| {
            if d.ends_with("locked") {
                return Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
            }
            std::fs::read_dir(d)?
                .map(|e| {
                    e.map(|e| Listed {
                        path: e.path(),
                        regular_inode: None,
                    })
                })
                .collect()
        });
        assert_eq!(names(&found, root), ["a/r.txt", "z/r.txt"]);
        assert_eq!(found.unreadable.len(), 1);
        assert!(found.unreadable[0].0.ends_with("locked"));
    }

    #[test]
    fn a_dangling_link_named_like_a_report_is_kept_for_reading_to_name_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::write(root.join("a.txt"), "x").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink("gone.txt", root.join("b.txt")).expect("link");
        let found = walk(root);
        #[cfg(unix)]
        assert_eq!(names(&found, root), ["a.txt", "b.txt"]);
        #[cfg(not(unix))]
        assert_eq!(names(&found, root), ["a.txt"]);
    }
}
