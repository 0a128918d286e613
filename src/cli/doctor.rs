//! `nianbao doctor` (alias `paths`): where drafts, backups and exports live, whether they can
//! be written, and which drafts are damaged, open elsewhere or have a backup; `nianbao restore`
//! puts a draft's `.bak` back. Strings live here, beside their only user, in both languages
//! (kept apart from `i18n.rs` so that this command can be added or moved without touching it).

use super::print::StdoutFailed;
use crate::i18n::{Lang, fill};
use crate::storage::{DirState, Store, probe_dir};
use chrono::{DateTime, FixedOffset};
use std::path::Path;

struct DoctorStrings {
    data_dir: &'static str,
    drafts_dir: &'static str,
    backups: &'static str,
    trash_dir: &'static str,
    export_dir: &'static str,
    ok_private: &'static str,
    ok_writable: &'static str,
    ok_shared: &'static str,
    missing: &'static str,
    not_a_dir: &'static str,
    not_writable: &'static str,
    drafts_summary: &'static str,
    damaged: &'static str,
    damaged_backup: &'static str,
    damaged_no_backup: &'static str,
    in_use: &'static str,
    temporary: &'static str,
    all_well: &'static str,
    problems: &'static str,
    restored: &'static str,
    restored_moved: &'static str,
}

static ZH: DoctorStrings = DoctorStrings {
    data_dir: "数据目录",
    drafts_dir: "草稿",
    backups: "备份",
    trash_dir: "回收站",
    export_dir: "导出",
    ok_private: "可写，仅本人可访问",
    ok_writable: "可写",
    ok_shared: "可写，但其他用户也能访问（权限 {mode}；建议 chmod 700）",
    missing: "尚不存在，第一次保存时创建",
    not_a_dir: "这里是一个文件，不是目录：请移走它，或用 --data-dir 指定别的目录",
    not_writable: "不可写：{error}",
    drafts_summary: "{good} 份草稿可读，{bad} 份无法读取",
    damaged: "{name}：无法读取：{reason}",
    damaged_backup: "  有 {time} 保存的可用备份：nianbao restore {id}（损坏的文件会改名保留）",
    damaged_no_backup: "  没有可用的备份",
    in_use: "{id}：{holder}",
    temporary: "清理了 {count} 个中断的保存留下的临时文件",
    all_well: "一切正常。",
    problems: "发现 {count} 个问题。",
    restored: "已用备份恢复草稿 {id}",
    restored_moved: "原来的文件改名保留为 {path}",
};

static EN: DoctorStrings = DoctorStrings {
    data_dir: "data",
    drafts_dir: "drafts",
    backups: "backups",
    trash_dir: "trash",
    export_dir: "exports",
    ok_private: "writable, private to you",
    ok_writable: "writable",
    ok_shared: "writable, but other users can access it (mode {mode}; chmod 700 advised)",
    missing: "does not exist yet; created at the first save",
    not_a_dir: "a file stands here, not a directory: move it away or use --data-dir",
    not_writable: "not writable: {error}",
    drafts_summary: "{good} drafts readable, {bad} cannot be read",
    damaged: "{name}: cannot be read: {reason}",
    damaged_backup: "  a usable backup saved {time}: nianbao restore {id} (the damaged file is kept under a new name)",
    damaged_no_backup: "  no usable backup",
    in_use: "{id}: {holder}",
    temporary: "removed {count} temporary files left by interrupted saves",
    all_well: "All is well.",
    problems: "{count} problems found.",
    restored: "Restored draft {id} from its backup",
    restored_moved: "the file it replaced is kept as {path}",
};

fn strings(lang: Lang) -> &'static DoctorStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// One line about a directory; `true` when it is a problem.
/// `private`: the directory should be private (data and drafts, not the export folder).
fn dir_line(
    label: &str,
    path: &Path,
    state: &DirState,
    private: bool,
    s: &DoctorStrings,
) -> (String, bool) {
    let (text, problem) = if state.not_a_directory {
        (s.not_a_dir.to_string(), true)
    } else if state.is_missing_but_creatable() {
        (s.missing.to_string(), false)
    } else if let Err(e) = &state.writable {
        (fill(s.not_writable, &[("error", &e.to_string())]), true)
    } else if !private {
        (s.ok_writable.to_string(), false)
    } else if state.is_shared() {
        let mode = format!("{:o}", state.mode.unwrap_or(0));
        (fill(s.ok_shared, &[("mode", &mode)]), false)
    } else {
        (s.ok_private.to_string(), false)
    };
    let mark = if problem { "✗" } else { "✓" };
    (
        format!("{mark} {}{}  {text}", label_cell(label), path.display()),
        problem,
    )
}

fn label_cell(label: &str) -> String {
    crate::textwidth::pad(label, 10, crate::textwidth::Align::Left)
}

/// Prints the report; returns the exit status (0 all well, 1 problems found).
pub fn doctor(store: &Store, lang: Lang, now: DateTime<FixedOffset>) -> Result<i32, StdoutFailed> {
    let s = strings(lang);
    let mut problems = 0;
    let export_dir = std::env::current_dir().unwrap_or_default();
    let dirs = [
        (s.data_dir, store.root().to_path_buf(), true),
        (s.drafts_dir, store.drafts_dir(), true),
        (s.trash_dir, store.trash_dir(), true),
        (s.export_dir, export_dir, false),
    ];
    for (label, path, private) in &dirs {
        let (line, problem) = dir_line(label, path, &probe_dir(path), *private, s);
        problems += usize::from(problem);
        say!("{}", crate::sanitize::visible(&line));
    }
    say!(
        "  {}{}",
        label_cell(s.backups),
        store.backup_path("<id>").display()
    );
    let removed = store.clean_temporary();
    if !removed.is_empty() {
        say!(
            "{}",
            fill(s.temporary, &[("count", &removed.len().to_string())])
        );
    }
    let listed = match store.list() {
        Ok(l) => l,
        Err(e) => {
            say!("✗ {}", e.message(lang));
            return Ok(1);
        }
    };
    let bad = listed.iter().filter(|l| l.draft.is_err()).count();
    say!(
        "{}",
        fill(
            s.drafts_summary,
            &[
                ("good", &(listed.len() - bad).to_string()),
                ("bad", &bad.to_string())
            ]
        )
    );
    for item in &listed {
        match &item.draft {
            Err(e) => {
                problems += 1;
                let name = item.path.file_name().unwrap_or_default().to_string_lossy();
                let line = fill(s.damaged, &[("name", &name), ("reason", &e.reason(lang))]);
                say!("✗ {}", crate::sanitize::visible(&line));
                match store.backup(&item.id) {
                    Some(Ok(bak)) => {
                        let time = bak.updated.format("%Y-%m-%d %H:%M").to_string();
                        say!(
                            "{}",
                            fill(s.damaged_backup, &[("time", &time), ("id", &item.id)])
                        );
                    }
                    _ => say!("{}", s.damaged_no_backup),
                }
            }
            Ok(_) => {
                // Only tells; the lock is released at once. A draft never opened has no
                // lock file, and doctor does not create one.
                if store.lock_path(&item.id).exists()
                    && let Err(e) = store.lock(&item.id, now)
                    && e.is_locked()
                {
                    let line = fill(s.in_use, &[("id", &item.id), ("holder", &e.reason(lang))]);
                    say!("· {line}");
                }
            }
        }
    }
    if problems == 0 {
        say!("{}", s.all_well);
        Ok(0)
    } else {
        say!("{}", fill(s.problems, &[("count", &problems.to_string())]));
        Ok(1)
    }
}

/// `nianbao restore ID`: the `.bak` back in place, the replaced file kept. The outer error
/// is a failed restore, the inner one a failed stdout after it.
pub fn restore(
    store: &Store,
    id: &str,
    lang: Lang,
    now: DateTime<FixedOffset>,
) -> Result<Result<(), StdoutFailed>, String> {
    let r = store.restore_backup(id, now).map_err(|e| e.message(lang))?;
    Ok(print_restored(id, r.moved_to.as_deref(), strings(lang)))
}

fn print_restored(
    id: &str,
    moved_to: Option<&Path>,
    s: &DoctorStrings,
) -> Result<(), StdoutFailed> {
    say!("{}", fill(s.restored, &[("id", id)]));
    if let Some(p) = moved_to {
        say!(
            "{}",
            fill(s.restored_moved, &[("path", &p.display().to_string())])
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_tables_use_the_same_parameters() {
        fn params(s: &str) -> Vec<&str> {
            let mut v: Vec<&str> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n))
                .collect();
            v.sort();
            v
        }
        let pairs = [
            (ZH.ok_shared, EN.ok_shared),
            (ZH.not_writable, EN.not_writable),
            (ZH.drafts_summary, EN.drafts_summary),
            (ZH.damaged, EN.damaged),
            (ZH.damaged_backup, EN.damaged_backup),
            (ZH.in_use, EN.in_use),
            (ZH.temporary, EN.temporary),
            (ZH.problems, EN.problems),
            (ZH.restored, EN.restored),
            (ZH.restored_moved, EN.restored_moved),
        ];
        for (zh, en) in pairs {
            assert_eq!(params(zh), params(en), "{zh} / {en}");
        }
    }
}
