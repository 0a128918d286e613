//! Saves, backups, damage, locks, failures and migration, on real temporary directories.

use super::*;
use crate::draft::AgencyKind;
use crate::format::Format;
use crate::i18n::Lang;

fn draft(id: &str) -> Draft {
    let f = Format::by_id("gov-2021").expect("format");
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now");
    let mut d = Draft::new(id, f, "某局", AgencyKind::Government, 2025, now);
    d.set_section_text("s1", "内容\n第二行");
    d.cells.insert("t3.new.natural".into(), "3".into());
    d
}

#[test]
fn a_saved_draft_loads_back_equal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let d = draft("2025-abc123");
    let path = store.save(&d).expect("save");
    assert_eq!(store.load_id("2025-abc123").expect("load"), d);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("\"schema_version\": 2"), "{text}");
    assert!(text.contains("\"agency_kind\": \"government\""), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn bad_files_give_errors_naming_the_file_and_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("x.json");
    let cases: [(&[u8], &str); 6] = [
        (b"{\"schema_version\": 1, \"id\": ", "line 1, column"),
        (b"[1, 2]", "no schema_version"),
        (b"{\"schema_version\": 1}", "missing field"),
        (b"{\"schema_version\": 99}", "newer nianbao"),
        (b"{\"schema_version\": 0}", "unknown schema_version 0"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
    ];
    for (bytes, expect) in cases {
        std::fs::write(&p, bytes).expect("write");
        let e = load(&p).expect_err("must fail");
        let msg = e.to_string();
        assert!(msg.contains("x.json") && msg.contains(expect), "{msg}");
        assert!(e.message(Lang::Zh).contains("x.json"));
    }
}

#[test]
fn listing_shows_good_and_broken_drafts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    store.save(&draft("2025-000001")).expect("save");
    std::fs::write(store.draft_path("2025-000002"), "{ broken").expect("write");
    std::fs::write(store.drafts_dir().join("notes.txt"), "not a draft").expect("write");
    let listed = store.list().expect("list");
    assert_eq!(listed.len(), 2);
    assert!(listed[0].draft.is_ok());
    assert!(listed[1].draft.is_err());
}

#[test]
fn trashed_drafts_are_moved_not_deleted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let path = store.save(&draft("2025-000009")).expect("save");
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now");
    let moved = store.trash(&path, now).expect("trash");
    assert!(!path.exists());
    assert_eq!(load(&moved).expect("still a draft").id, "2025-000009");
    assert!(store.list().expect("list").is_empty());
}

#[test]
fn new_ids_are_unused_and_look_like_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let a = store.new_id(2025);
    assert!(Store::is_id(&a) && a.starts_with("2025-"), "{a}");
    assert!(!Store::is_id("../x") && !Store::is_id("a.json"));
}

#[test]
fn a_file_where_the_data_directory_should_be_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocker = dir.path().join("data");
    std::fs::write(&blocker, "").expect("write");
    let e = Store::at(&blocker)
        .save(&draft("2025-000003"))
        .expect_err("must fail");
    assert!(e.to_string().contains("data"), "{e}");
}

fn now() -> DateTime<FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now")
}

/// Names in the drafts directory, sorted.
fn names(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(store.drafts_dir())
        .expect("read_dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn each_save_keeps_the_previous_one_as_bak() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let mut d = draft("2025-00000a");
    store.save(&d).expect("first save");
    assert!(
        store.backup("2025-00000a").is_none(),
        "nothing to back up yet"
    );
    let first = d.clone();
    d.set_section_text("s2", "第二次保存");
    d.revision += 1;
    store.save(&d).expect("second save");
    let bak = store
        .backup("2025-00000a")
        .expect("a .bak")
        .expect("readable");
    assert_eq!(bak, first);
    assert_eq!(store.load_id("2025-00000a").expect("load"), d);
    assert_eq!(names(&store), ["2025-00000a.json", "2025-00000a.json.bak"]);
}

#[test]
fn a_damaged_draft_is_moved_aside_not_overwritten_and_the_bak_restores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let mut d = draft("2025-00000b");
    store.save(&d).expect("save");
    d.revision = 1;
    store.save(&d).expect("save again");
    let path = store.draft_path(&d.id);
    let garbage = b"{\"schema_version\": 2, \"id\": \"trunc";
    std::fs::write(&path, garbage).expect("damage");
    assert!(store.load_id(&d.id).is_err());
    let restored = store.restore_backup(&d.id, now()).expect("restore");
    assert_eq!(restored.draft.revision, 0, "the save before the last");
    let moved = restored.moved_to.expect("damaged file kept");
    assert!(
        moved
            .to_string_lossy()
            .contains(".json.corrupt-20260105T090000")
    );
    assert_eq!(std::fs::read(&moved).expect("read"), garbage);
    assert_eq!(store.load_id(&d.id).expect("loads"), restored.draft);
    // A save over a damaged file keeps the damaged bytes too.
    std::fs::write(&path, b"garbage").expect("damage again");
    store.save(&d).expect("save over damage");
    let kept: Vec<String> = names(&store)
        .into_iter()
        .filter(|n| n.contains("corrupt"))
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    // The backup is still a good draft, not the garbage.
    assert!(store.backup(&d.id).expect("bak").is_ok());
}

#[test]
fn restoring_without_a_good_backup_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    store.save(&draft("2025-00000c")).expect("save");
    std::fs::write(store.draft_path("2025-00000c"), "x").expect("damage");
    let e = store
        .restore_backup("2025-00000c", now())
        .expect_err("no bak");
    assert!(e.message(Lang::Zh).contains("没有可用的备份"), "{e}");
    std::fs::write(store.backup_path("2025-00000c"), "[]").expect("bad bak");
    assert!(store.restore_backup("2025-00000c", now()).is_err());
    assert_eq!(
        std::fs::read(store.draft_path("2025-00000c")).expect("read"),
        b"x"
    );
}

#[test]
fn a_second_lock_names_the_holder_and_a_released_lock_is_free() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let first = store.lock("2025-00000d", now()).expect("first lock");
    let e = store.lock("2025-00000d", now()).expect_err("second lock");
    assert!(e.is_locked());
    let zh = e.message(Lang::Zh);
    let pid = std::process::id().to_string();
    assert!(
        zh.contains(&format!("该草稿正在由进程 {pid}（主机 ")),
        "{zh}"
    );
    assert!(zh.contains("开始于 2026-01-05 09:00:00）编辑"), "{zh}");
    // Another draft is not affected, and a restore respects the lock.
    assert!(store.lock("2025-00000e", now()).is_ok());
    assert!(store.restore_backup("2025-00000d", now()).is_err());
    drop(first);
    assert!(store.lock("2025-00000d", now()).is_ok());
}

#[test]
fn a_short_write_fails_naming_the_file_and_leaves_the_old_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let old = draft("2025-00000f");
    store.save(&old).expect("save");
    let mut new = old.clone();
    new.set_section_text("s1", "新内容");
    let mut half = |out: &mut dyn Write, bytes: &[u8]| {
        out.write_all(&bytes[..bytes.len() / 2])?;
        Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
    };
    let e = store
        .save_with(&new, super::Backup::Previous, &mut half)
        .expect_err("disk full");
    let msg = e.message(Lang::En);
    assert!(
        msg.contains("2025-00000f.json") && msg.contains("cannot write"),
        "{msg}"
    );
    assert_eq!(store.load_id(&old.id).expect("old draft intact"), old);
    assert!(
        names(&store).iter().all(|n| !n.starts_with('.')),
        "no temporary file left: {:?}",
        names(&store)
    );
}

#[test]
fn a_read_only_directory_gives_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    store.save(&draft("2025-000010")).expect("save");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let drafts = store.drafts_dir();
        std::fs::set_permissions(&drafts, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        if probe_dir(&drafts).writable.is_ok() {
            println!("skipped: running as a user (root) that may write to read-only directories");
        } else {
            let e = store.save(&draft("2025-000010")).expect_err("read-only");
            let msg = e.message(Lang::Zh);
            assert!(msg.contains("drafts") && msg.contains("ermission"), "{msg}");
            assert!(store.load_id("2025-000010").is_ok());
        }
        std::fs::set_permissions(&drafts, std::fs::Permissions::from_mode(0o700))
            .expect("chmod back");
    }
}

#[test]
fn temporary_backup_lock_and_aside_files_are_never_listed_as_drafts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    store.save(&draft("2025-000011")).expect("save");
    store.save(&draft("2025-000011")).expect("save again");
    let _lock = store.lock("2025-000011", now()).expect("lock");
    let drafts = store.drafts_dir();
    for name in [
        ".2025-000011.json.Ab3dEf",
        "2025-000011.json.corrupt-20260101T000000",
        "a.b.json",
    ] {
        std::fs::write(drafts.join(name), "{").expect("write");
    }
    let listed = store.list().expect("list");
    assert_eq!(listed.len(), 1, "{:?}", names(&store));
    assert_eq!(listed[0].id, "2025-000011");
    // Young temporary files may belong to a save in progress; old ones are removed.
    assert!(store.clean_temporary().is_empty());
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(drafts.join(".2025-000011.json.Ab3dEf"))
        .and_then(|f| f.set_modified(old))
        .expect("age it");
    assert_eq!(store.clean_temporary().len(), 1);
    assert!(!drafts.join(".2025-000011.json.Ab3dEf").exists());
}

#[test]
fn the_file_name_is_the_id_so_a_crafted_id_cannot_write_elsewhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let mut d = draft("2025-000012");
    store.save(&d).expect("save");
    let copy = store.draft_path("2025-000013");
    std::fs::copy(store.draft_path("2025-000012"), &copy).expect("copy by hand");
    assert_eq!(
        store.load_id("2025-000013").expect("load").id,
        "2025-000013"
    );
    d.id = "../escape".into();
    assert!(store.save(&d).is_err());
    assert!(!dir.path().join("escape.json").exists());
    assert!(store.load_id("../drafts/2025-000012").is_err());
}

#[test]
fn a_schema_1_draft_loads_through_the_migration_and_saves_as_schema_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    std::fs::create_dir_all(store.drafts_dir()).expect("mkdir");
    let v1 = include_str!("../../tests/fixtures/draft-v1.json");
    assert!(v1.contains("\"schema_version\": 1") && !v1.contains("revision"));
    std::fs::write(store.draft_path("2024-5e1f00"), v1).expect("write");
    let d = store.load_id("2024-5e1f00").expect("migrates");
    assert_eq!((d.schema_version, d.revision), (SCHEMA_VERSION, 0));
    assert_eq!(d.agency, "某某市生态环境局");
    assert_eq!(
        d.cell(&crate::format::CellRef::new("t3", "new", "natural")),
        Some("12")
    );
    assert!(d.section_text("s1").starts_with("2024年"));
    // Written before the preamble and the signature existed: both are simply empty.
    assert_eq!(
        (d.section_text("preamble"), d.section_text("signature")),
        ("", "")
    );
    store.save(&d).expect("save");
    let text = std::fs::read_to_string(store.draft_path(&d.id)).expect("read");
    assert!(text.contains("\"schema_version\": 2") && text.contains("\"revision\": 0"));
    // The .bak keeps the file as it was, in the old layout.
    let bak = std::fs::read_to_string(store.backup_path(&d.id)).expect("bak");
    assert_eq!(bak, v1);
}

#[test]
fn a_directory_where_the_draft_file_should_be_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    std::fs::create_dir_all(store.draft_path("2025-000014")).expect("a directory");
    let e = store.save(&draft("2025-000014")).expect_err("must fail");
    let msg = e.message(Lang::En);
    assert!(
        msg.contains("2025-000014.json") && msg.contains("directory"),
        "{msg}"
    );
    // Listed as unreadable, not skipped: `doctor` and the picker name it.
    let listed = store.list().expect("list");
    assert_eq!(listed.len(), 1);
    assert!(listed[0].draft.is_err());
}

#[test]
fn a_draft_from_a_newer_nianbao_is_kept_as_newer_when_the_backup_is_restored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let d = draft("2025-000015");
    store.save(&d).expect("save");
    store.save(&d).expect("save again");
    let newer = b"{\"schema_version\": 7, \"id\": \"2025-000015\"}";
    std::fs::write(store.draft_path(&d.id), newer).expect("newer");
    let listed = store.list().expect("list");
    let e = listed[0].draft.as_ref().expect_err("newer");
    assert!(e.message(Lang::Zh).contains("请升级"), "{e}");
    let r = store.restore_backup(&d.id, now()).expect("restore");
    let moved = r.moved_to.expect("moved");
    assert!(
        moved.to_string_lossy().contains(".json.newer-"),
        "{moved:?}"
    );
    assert_eq!(std::fs::read(moved).expect("read"), newer);
}
