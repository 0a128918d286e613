//! The TUI's side of crash safety: a draft another process edits opens read-only (and stays
//! unchanged), a damaged draft offers its backup, and the restore keeps the damaged file.

use super::*;

#[test]
fn a_locked_draft_is_offered_read_only_and_cannot_be_changed() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let other = f.store.lock(&id, now()).expect("another editor's lock");
    let mut app = app(&f);
    key(&mut app, KeyCode::Enter);
    let (screen, _) = draw(&mut app, 80, 24);
    let pid = std::process::id().to_string();
    assert!(
        screen.contains(&format!("该草稿正在由进程 {pid}")),
        "{screen}"
    );
    assert!(screen.contains("以只读方式查看吗"), "{screen}");
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.mode(), Mode::Outline);
    let (screen, _) = draw(&mut app, 120, 40);
    assert!(screen.contains("只读查看"), "{screen}");
    // Into the first section and type: refused, nothing changes, nothing is saved.
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "改动");
    assert!(
        app.message.as_ref().is_some_and(|m| m.0.contains("只读")),
        "{:?}",
        app.message
    );
    app.save_now();
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(view.draft.section_text("s1"), "");
    assert_eq!(f.store.load_id(&id).expect("load").revision, 0);
    drop(other);
}

#[test]
fn an_unlocked_draft_opens_for_editing_and_holds_the_lock_until_closed() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Outline);
    assert!(
        f.store.lock(&id, now()).is_err(),
        "the open draft is locked"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Picker);
    assert!(f.store.lock(&id, now()).is_ok(), "closing released it");
}

#[test]
fn a_damaged_draft_offers_its_backup_and_the_restore_keeps_the_damaged_file() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut d = f.store.load_id(&id).expect("load");
    d.set_section_text("s1", "第二次保存的内容");
    f.store.save(&d).expect("second save");
    std::fs::write(f.store.draft_path(&id), "{\"schema_version\": 2, \"id\"").expect("damage");
    let mut app = app(&f);
    let (screen, _) = draw(&mut app, 120, 40);
    assert!(
        screen.contains("无法读取") && screen.contains("有备份"),
        "{screen}"
    );
    key(&mut app, KeyCode::Enter);
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("用备份恢复吗"), "{screen}");
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.mode(), Mode::Outline);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.0.contains("corrupt-")),
        "{:?}",
        app.message
    );
    assert_eq!(
        f.store.load_id(&id).expect("restored").section_text("s1"),
        ""
    );
    let kept = std::fs::read_dir(f.store.drafts_dir())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .count();
    assert_eq!(kept, 1);
}

#[test]
fn a_damaged_draft_without_backup_is_explained_and_left_alone() {
    let f = fixture();
    saved_draft(&f, false);
    std::fs::create_dir_all(f.store.drafts_dir()).expect("mkdir");
    let broken = f.store.draft_path("2025-0000ff");
    std::fs::write(&broken, "\u{1b}[31mnot json").expect("write");
    let mut app = app(&f);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let (screen, _) = draw(&mut app, 120, 40);
    assert!(screen.contains("也没有可用的备份"), "{screen}");
    assert_eq!(app.mode(), Mode::Picker);
    assert_eq!(
        std::fs::read(&broken).expect("read"),
        b"\x1b[31mnot json",
        "never overwritten"
    );
}

#[test]
fn control_characters_in_a_draft_are_shown_escaped_never_raw() {
    let f = fixture();
    let mut d = Draft::new(
        "2025-00e5c0",
        format(),
        "某局\u{1b}]0;title\u{7}",
        AgencyKind::Department,
        2025,
        now(),
    );
    d.set_section_text("s1", "正文\u{1b}[31m红\u{9b}2J");
    f.store.save(&d).expect("save");
    let mut app = app(&f);
    let (screen, _) = draw(&mut app, 120, 40);
    assert!(screen.contains("某局␛]0;title␇"), "{screen}");
    app.open(&d.id).expect("open");
    key(&mut app, KeyCode::Enter);
    let (screen, _) = draw(&mut app, 120, 40);
    assert!(screen.contains("正文␛[31m红<U+009B>2J"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
}

#[test]
fn a_failed_save_names_the_path_and_is_retried_until_it_works() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "重要的文字");
    let drafts = f.store.drafts_dir();
    let moved = drafts.with_extension("moved");
    std::fs::rename(&drafts, &moved).expect("move");
    std::fs::write(&drafts, "").expect("a file in the way");
    ctrl(&mut app, 's');
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    let error = view.save_error.clone().expect("save failed");
    assert!(
        error.contains(&drafts.display().to_string()) && error.contains("os error"),
        "{error}"
    );
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("保存失败"), "{screen}");
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(
        view.draft.section_text("s1"),
        "重要的文字",
        "kept in memory"
    );
    // The disk comes back; the retry waits its turn, then saves.
    std::fs::remove_file(&drafts).expect("unblock");
    std::fs::rename(&moved, &drafts).expect("move back");
    let t = std::time::Instant::now();
    app.tick(t);
    assert!(
        f.store
            .load_id(&id)
            .expect("load")
            .section_text("s1")
            .is_empty()
    );
    app.tick(t + std::time::Duration::from_secs(6));
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert!(view.save_error.is_none());
    let saved = f.store.load_id(&id).expect("load");
    assert_eq!(saved.section_text("s1"), "重要的文字");
    assert_eq!(saved.revision, 1, "the failed attempt did not count");
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(!screen.contains("保存失败"), "{screen}");
}

#[cfg(unix)]
#[test]
fn a_draft_that_cannot_be_locked_is_still_readable() {
    let f = fixture();
    let id = saved_draft(&f, false);
    // A directory where the lock file should be: locking fails, for root too.
    std::fs::create_dir_all(f.store.lock_path(&id)).expect("block the lock");
    let mut app = app(&f);
    key(&mut app, KeyCode::Enter);
    let (screen, _) = draw(&mut app, 120, 40);
    assert!(
        screen.contains("无法加锁") && screen.contains("以只读方式查看吗"),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.mode(), Mode::Outline);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert!(view.read_only.is_some());
}

#[cfg(unix)]
#[test]
fn the_external_editor_file_is_private_and_never_follows_a_planted_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("victim.txt");
    std::fs::write(&target, "unchanged").expect("write");
    let path = dir.path().join("nianbao-1.txt");
    std::os::unix::fs::symlink(&target, &path).expect("planted link");
    crate::tui::write_private(&path, "草稿正文").expect("write");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "unchanged");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "草稿正文");
    let mode = std::fs::symlink_metadata(&path)
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// A drafts folder that stops taking saves while a draft is open (a full disk, a folder gone
/// read-only: a file in the folder's place fails for root too).
fn block_saves(f: &Fixture) {
    let drafts = f.store.drafts_dir();
    std::fs::rename(&drafts, drafts.with_extension("moved")).expect("move");
    std::fs::write(&drafts, "").expect("a file in the way");
}

fn typed_then_blocked(f: &Fixture) -> App {
    let id = saved_draft(f, false);
    let mut app = app(f);
    app.emergency_dirs = vec![f.export_dir.clone()];
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    block_saves(f);
    type_text(&mut app, "磁盘满时打的字");
    app
}

#[test]
fn quitting_while_saves_fail_asks_and_never_drops_the_text() {
    let f = fixture();
    let mut app = typed_then_blocked(&f);
    ctrl(&mut app, 'q');
    assert!(!app.quit, "quit with the text unsaved");
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("有未保存的修改"), "{screen}");
    assert!(
        screen.contains("r  重试保存") && screen.contains("Esc"),
        "{screen}"
    );
    // The temporary folder's name, the same width on every run.
    let tmp = f.store.root().parent().expect("tmp").display().to_string();
    let screen = screen.replace(&tmp, &"T".repeat(tmp.chars().count()));
    insta::assert_snapshot!("unsaved_on_quit_80x24", screen);
    // Ctrl+Q again, or an unknown key, does not throw it away either.
    ctrl(&mut app, 'q');
    key(&mut app, KeyCode::Char('x'));
    assert!(!app.quit);
    // Esc: back to the text, still there.
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none() && !app.quit);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(view.draft.section_text("s1"), "磁盘满时打的字");
    // Retrying while the disk is still full asks again.
    ctrl(&mut app, 'q');
    key(&mut app, KeyCode::Char('r'));
    assert!(!app.quit && app.popup.is_some());
    // The copy elsewhere: the whole draft, named on the way out.
    key(&mut app, KeyCode::Char('w'));
    assert!(app.quit);
    let said = app.farewell.join("\n");
    let copy = std::fs::read_dir(&f.export_dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.to_string_lossy().contains("unsaved"))
        .expect("an emergency copy");
    assert!(said.contains(&copy.display().to_string()), "{said}");
    let back = crate::storage::load(&copy).expect("a loadable draft");
    assert_eq!(back.section_text("s1"), "磁盘满时打的字");
    // Nothing more is tried on the way out.
    app.finish();
    assert_eq!(app.farewell.len(), 1);
}

#[test]
fn discarding_is_the_clerks_explicit_choice() {
    let f = fixture();
    let mut app = typed_then_blocked(&f);
    key(&mut app, KeyCode::Esc); // to the outline
    key(&mut app, KeyCode::Esc); // back to the picker: asks too
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("有未保存的修改"), "{screen}");
    // The picker needs the folder back to list the drafts.
    let drafts = f.store.drafts_dir();
    std::fs::remove_file(&drafts).expect("unblock");
    std::fs::rename(drafts.with_extension("moved"), &drafts).expect("move back");
    key(&mut app, KeyCode::Char('d'));
    assert!(matches!(app.screen, Screen::Picker(_)));
    assert!(app.farewell.is_empty());
    assert!(
        f.store.list().expect("list").iter().all(|l| l
            .draft
            .as_ref()
            .is_ok_and(|d| d.section_text("s1").is_empty())),
        "discarded means not saved"
    );
    assert!(
        std::fs::read_dir(&f.export_dir)
            .expect("dir")
            .next()
            .is_none(),
        "no copy was asked for"
    );
}

#[test]
fn a_way_out_without_asking_writes_the_copy_elsewhere() {
    // A signal, a lost terminal, a panic: `finish` saves, and when it cannot, writes the copy.
    let f = fixture();
    let mut app = typed_then_blocked(&f);
    app.finish();
    let said = app.farewell.join("\n");
    assert!(said.contains("已另存为"), "{said}");
    let copy = std::fs::read_dir(&f.export_dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .next()
        .expect("a copy");
    assert_eq!(
        crate::storage::load(&copy)
            .expect("draft")
            .section_text("s1"),
        "磁盘满时打的字"
    );
}
