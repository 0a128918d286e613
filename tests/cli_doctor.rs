//! `doctor` sees what would lose work: a disk that cannot take a save, a draft replaced by a
//! folder, a data folder that is a file.

use std::path::Path;
use std::process::{Command, Output};

fn doctor(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    cmd.arg("doctor")
        .current_dir(data.parent().unwrap_or(data))
        .env("NIANBAO_DATA_DIR", data)
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL");
    cmd
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn new_draft(data: &Path) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["new", "--agency", "某局", "--year", "2025"])
        .env("NIANBAO_DATA_DIR", data)
        .output()
        .expect("run");
    assert!(o.status.success());
    out(&o).trim().to_string()
}

/// A disk that takes no more than 16 KiB per file, as a full disk or a quota would: a file
/// size limit (with its signal ignored, so that a write fails instead of killing).
#[cfg(target_os = "linux")]
#[test]
fn a_disk_that_refuses_data_is_a_problem_not_all_is_well() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    new_draft(&data);
    let o = doctor(&data).output().expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));

    let mut cmd = doctor(&data);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 16 << 10,
                rlim_max: 16 << 10,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).contains("不可写"), "{}", out(&o));
    assert!(!out(&o).contains("一切正常"), "{}", out(&o));
    // The probe is gone.
    let left: Vec<_> = std::fs::read_dir(data.join("drafts"))
        .expect("ls")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("probe"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_draft_replaced_by_a_folder_and_a_data_folder_that_is_a_file_are_problems() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let id = new_draft(&data);
    let draft = data.join("drafts").join(format!("{id}.json"));
    std::fs::remove_file(&draft).expect("rm");
    std::fs::create_dir(&draft).expect("mkdir");
    let o = doctor(&data).output().expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).contains(&format!("{id}.json")), "{}", out(&o));
    assert!(out(&o).contains("目录"), "{}", out(&o));

    let file = dir.path().join("datafile");
    std::fs::write(&file, "x").expect("write");
    let o = doctor(&file).output().expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(
        !out(&o).contains("尚不存在"),
        "drafts below a file cannot be created: {}",
        out(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_data_folder_other_users_can_enter_is_warned_on_every_start() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    new_draft(&data);
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    for args in [["list"], ["formats"]] {
        let o = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .env("NIANBAO_DATA_DIR", &data)
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("LC_ALL")
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("权限 755") && err.contains("chmod 700"),
            "{args:?}: {err}"
        );
    }
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let o = doctor(&data).output().expect("run");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("chmod"));
}
