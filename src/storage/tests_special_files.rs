//! Drafts replaced by FIFOs, devices and folders, drafts too large to save, and the modes of
//! the folders a store makes: nothing blocks, nothing fills memory, nothing is lost.

use super::*;
use crate::draft::AgencyKind;
use crate::format::Format;
use crate::i18n::Lang;

fn draft(id: &str) -> Draft {
    let f = Format::by_id("gov-2021").expect("format");
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now");
    Draft::new(id, f, "某局", AgencyKind::Department, 2025, now)
}

fn now() -> DateTime<FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-01-05T10:00:00+08:00").expect("now")
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_draft_replaced_by_a_fifo_or_a_device_link_is_named_and_nothing_blocks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    store.save(&draft("2025-0000f1")).expect("save");
    store.save(&draft("2025-0000f2")).expect("save");
    // A good draft as the .bak of the first, so that restore has something to put back.
    std::fs::copy(
        store.draft_path("2025-0000f1"),
        store.backup_path("2025-0000f1"),
    )
    .expect("bak");
    std::fs::remove_file(store.draft_path("2025-0000f1")).expect("rm");
    mkfifo(&store.draft_path("2025-0000f1"));
    std::fs::remove_file(store.draft_path("2025-0000f2")).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", store.draft_path("2025-0000f2")).expect("link");

    let e = store
        .load_id("2025-0000f1")
        .expect_err("a FIFO is no draft");
    assert!(
        e.message(Lang::Zh).contains("命名管道"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(e.message(Lang::Zh).contains("2025-0000f1.json"));
    let e = store
        .load_id("2025-0000f2")
        .expect_err("a device is no draft");
    assert!(e.message(Lang::En).contains("character device"), "{e}");

    // Both listed, as unreadable.
    let listed = store.list().expect("list");
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|l| l.draft.is_err()));

    // Restoring moves the FIFO aside (never reading it) and puts the backup back.
    let r = store.restore_backup("2025-0000f1", now()).expect("restore");
    assert!(r.moved_to.is_some());
    assert!(store.load_id("2025-0000f1").is_ok());
    // A save over the device link moves the link aside too.
    store.save(&draft("2025-0000f2")).expect("save");
    assert!(store.load_id("2025-0000f2").is_ok());
}

#[cfg(unix)]
#[test]
fn a_fifo_as_backup_or_lock_file_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    store.save(&draft("2025-0000f3")).expect("save");
    mkfifo(&store.backup_path("2025-0000f3"));
    let e = store
        .restore_backup("2025-0000f3", now())
        .expect_err("no usable backup");
    assert!(e.message(Lang::En).contains("FIFO"), "{e}");
    assert!(matches!(store.backup("2025-0000f3"), Some(Err(_))));
    mkfifo(&store.lock_path("2025-0000f3"));
    let e = store
        .lock("2025-0000f3", now())
        .expect_err("a FIFO is no lock");
    assert!(e.message(Lang::En).contains("FIFO"), "{e}");
}

#[test]
fn a_draft_too_large_to_open_again_is_not_saved_and_the_old_one_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let mut d = draft("2025-0000f4");
    store.save(&d).expect("save");
    let before = std::fs::read(store.draft_path(&d.id)).expect("read");
    d.set_section_text("s1", &"年".repeat((MAX_DRAFT_BYTES / 3) as usize + 10));
    let e = store.save(&d).expect_err("too large");
    assert!(matches!(e, StorageError::TooLarge { .. }), "{e}");
    assert!(
        e.message(Lang::Zh).contains("超过草稿上限 64 MiB"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(e.message(Lang::En).contains("64 MiB"), "{e}");
    assert_eq!(
        std::fs::read(store.draft_path(&d.id)).expect("read"),
        before
    );
    assert!(
        !store.backup_path(&d.id).exists(),
        "nothing written, not even the .bak"
    );
}

#[cfg(unix)]
#[test]
fn the_trash_folder_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let path = store.save(&draft("2025-0000f5")).expect("save");
    store.trash(&path, now()).expect("trash");
    let mode = std::fs::metadata(store.trash_dir())
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
}
