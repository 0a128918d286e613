//! `doctor`, `restore`, and the command line meeting damaged drafts, locks and a data
//! directory that cannot be used.

use nianbao::storage::Store;
use std::path::Path;
use std::process::{Command, Output};

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(data.parent().unwrap_or(data))
        .env("NIANBAO_DATA_DIR", data)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .expect("run nianbao")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn new_draft(data: &Path) -> String {
    let o = run(data, &["new", "--agency", "某局", "--year", "2025"]);
    assert!(o.status.success(), "{}", err(&o));
    out(&o).trim().to_string()
}

#[test]
fn doctor_names_every_place_and_a_damaged_draft_with_its_backup_restores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let o = run(&data, &["doctor"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("尚不存在"), "{}", out(&o));

    let good = new_draft(&data);
    let broken = new_draft(&data);
    let store = Store::at(&data);
    std::fs::copy(store.draft_path(&broken), store.backup_path(&broken)).expect("a .bak");
    std::fs::write(store.draft_path(&broken), "\u{1b}]0;pwned\u{7}{\"trunc").expect("damage");

    let o = run(&data, &["list"]);
    assert!(
        out(&o).contains(&good),
        "the good draft is listed: {}",
        out(&o)
    );
    assert!(err(&o).contains(&format!("{broken}.json")), "{}", err(&o));
    assert!(
        !err(&o).contains('\u{1b}'),
        "no raw escape reaches the terminal"
    );

    let o = run(&data, &["paths"]);
    assert_eq!(o.status.code(), Some(1), "a damaged draft is a problem");
    let text = out(&o);
    assert!(
        text.contains(&data.join("drafts").display().to_string()),
        "{text}"
    );
    assert!(
        text.contains(&format!("nianbao restore {broken}")),
        "{text}"
    );
    assert!(text.contains("仅本人可访问"), "{text}");

    let o = run(&data, &["restore", &broken]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains(".corrupt-"), "{}", out(&o));
    assert!(store.load_id(&broken).is_ok());
    assert_eq!(run(&data, &["doctor"]).status.code(), Some(0));
}

#[test]
fn restore_respects_the_lock_of_a_draft_being_edited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let id = new_draft(&data);
    let store = Store::at(&data);
    std::fs::copy(store.draft_path(&id), store.backup_path(&id)).expect("a .bak");
    let now = chrono::Local::now().fixed_offset();
    let lock = store.lock(&id, now).expect("lock");
    let o = run(&data, &["restore", &id]);
    assert_eq!(o.status.code(), Some(2));
    let pid = std::process::id();
    assert!(
        err(&o).contains(&format!("该草稿正在由进程 {pid}（主机 ")),
        "{}",
        err(&o)
    );
    drop(lock);
    assert!(run(&data, &["restore", &id]).status.success());
}

#[test]
fn a_file_where_the_data_directory_should_be_is_named_with_the_os_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::write(&data, "").expect("a file");
    let o = run(&data, &["new", "--agency", "某局", "--year", "2025"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains(&data.display().to_string()), "{}", err(&o));
    assert!(err(&o).contains("os error"), "{}", err(&o));
    let o = run(&data, &["doctor"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("这里是一个文件"), "{}", out(&o));
}

#[test]
fn checking_a_report_with_escape_sequences_prints_them_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let report = dir.path().join("bad\u{1b}[2J.txt");
    std::fs::write(
        &report,
        "某局\u{1b}]0;pwned\u{7}2024年政府信息公开工作年度报告\n一、总体情况\n\u{1b}[31m内容\n",
    )
    .expect("write");
    let o = run(&data, &["check", &report.display().to_string()]);
    let all = format!("{}{}", out(&o), err(&o));
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
    assert!(all.contains("␛"), "{all}");
}

#[cfg(unix)]
#[test]
fn doctor_warns_about_a_drafts_folder_others_can_read_and_a_save_makes_it_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    new_draft(&data);
    let drafts = data.join("drafts");
    std::fs::set_permissions(&drafts, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let o = run(&data, &["doctor"]);
    assert!(
        out(&o).contains("其他用户也能访问（权限 755"),
        "{}",
        out(&o)
    );
    new_draft(&data);
    let mode = std::fs::metadata(&drafts)
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
    assert!(!out(&run(&data, &["doctor"])).contains("其他用户"));
}
