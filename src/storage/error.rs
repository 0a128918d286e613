//! Everything that can go wrong with drafts on disk, each naming the file and the cause, in
//! Chinese or English.

use super::lock::Holder;
use crate::i18n::Lang;
use std::path::{Path, PathBuf};

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
    #[error("no home directory to keep drafts in; use --data-dir DIR or set {DATA_DIR_ENV}", DATA_DIR_ENV = super::DATA_DIR_ENV)]
    NoDataDir,
    #[error("{path}: {}", locked_en(.holder.as_ref()))]
    Locked {
        path: PathBuf,
        holder: Option<Holder>,
    },
    /// A FIFO, a device or a directory where a file should be, or a file past the size limit:
    /// not read (it would block, or fill memory).
    #[error("{path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: crate::fsread::ReadError,
    },
    /// A draft whose serialisation is past what the loader reads: saving it would make a
    /// draft that can never be opened again.
    #[error("{path}: the draft would be {size} bytes, more than the {} MiB a draft may have; not saved", .limit >> 20)]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: no usable backup: {reason}")]
    NoBackup {
        path: PathBuf,
        reason: Box<StorageError>,
    },
}

fn locked_en(holder: Option<&Holder>) -> String {
    match holder {
        Some(h) => format!(
            "this draft is being edited by process {} (host {}, since {})",
            h.pid,
            h.host,
            h.started.format("%Y-%m-%d %H:%M:%S")
        ),
        None => "this draft is being edited by another process".to_string(),
    }
}

/// Wraps a refused read (an OS error, a special file, too large) with the path.
pub(crate) fn read_error(
    path: &Path,
) -> impl FnOnce(crate::fsread::ReadError) -> StorageError + '_ {
    move |e| match e {
        crate::fsread::ReadError::Io(source) => StorageError::Io {
            path: path.to_path_buf(),
            action: "read",
            source,
        },
        source => StorageError::Unreadable {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// Wraps an OS error with the path and what was being done.
pub(crate) fn io<'a>(
    path: &'a Path,
    action: &'static str,
) -> impl FnOnce(std::io::Error) -> StorageError + 'a {
    move |source| StorageError::Io {
        path: path.to_path_buf(),
        action,
        source,
    }
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
            | StorageError::NewerSchema { path, .. }
            | StorageError::Locked { path, .. }
            | StorageError::Unreadable { path, .. }
            | StorageError::TooLarge { path, .. }
            | StorageError::NoBackup { path, .. } => Some(path),
            StorageError::NoSuchDraft { .. } | StorageError::NoDataDir => None,
        }
    }

    /// True when another running program holds the draft (open it read-only instead).
    pub fn is_locked(&self) -> bool {
        matches!(self, StorageError::Locked { .. })
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
                    "lock" => "加锁",
                    "rename" => "改名",
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
                let var = super::DATA_DIR_ENV;
                if en {
                    format!("no home directory to keep drafts in; use --data-dir DIR or set {var}")
                } else {
                    format!("找不到主目录来保存草稿；请用 --data-dir 目录 或设置 {var}")
                }
            }
            StorageError::Locked { holder, .. } => {
                if en {
                    return locked_en(holder.as_ref());
                }
                match holder {
                    Some(h) => format!(
                        "该草稿正在由进程 {}（主机 {}，开始于 {}）编辑",
                        h.pid,
                        h.host,
                        h.started.format("%Y-%m-%d %H:%M:%S")
                    ),
                    None => "该草稿正在由另一个程序编辑".to_string(),
                }
            }
            StorageError::Unreadable { source, .. } => source.reason(lang),
            StorageError::TooLarge { size, limit, .. } => {
                let (mib, limit) = (size.div_ceil(1 << 20), limit >> 20);
                if en {
                    format!(
                        "the draft would be {mib} MiB, more than the {limit} MiB a draft may have; not saved"
                    )
                } else {
                    format!("草稿将有 {mib} MiB，超过草稿上限 {limit} MiB，未保存")
                }
            }
            StorageError::NoBackup { reason, .. } => {
                if en {
                    format!("no usable backup: {}", reason.reason(lang))
                } else {
                    format!("没有可用的备份：{}", reason.reason(lang))
                }
            }
        }
    }
}
