//! The command line against hostile inputs: FIFOs, devices, link loops, unreadable folders,
//! inputs too large for a draft. Nothing may hang, fill memory or stop the rest of the work.
//! Every run has a deadline: a hang is a failure, not a stuck test suite.

use std::path::Path;

mod common;
use common::{Cli, stderr, stdout};

/// `nianbao ARGS` in `env`, killed if it runs past the deadline.
fn run(env: &Cli, args: &[&str]) -> Output {
    run_with_deadline(env.command(args))
}
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(30);

/// Runs `cmd` with stdin closed; kills it and fails when it outlives [`DEADLINE`].
fn run_with_deadline(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nianbao");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nianbao {:?} hung for {DEADLINE:?}", cmd.get_args());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[cfg(unix)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(unix)]
#[test]
fn import_and_check_of_a_fifo_or_a_device_say_what_it_is_and_never_block() {
    let env = Cli::new();
    let fifo = env.path("report.txt");
    mkfifo(&fifo);
    let fifo = fifo.display().to_string();
    for args in [
        vec!["import", fifo.as_str(), "--year", "2024"],
        vec!["import", fifo.as_str(), "--encoding", "gbk"],
        vec!["check", fifo.as_str()],
    ] {
        let o = run(&env, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("report.txt"), "{}", stderr(&o));
        assert!(stderr(&o).contains("命名管道"), "{}", stderr(&o));
    }
    let o = run(&env, &["import", "/dev/zero", "--year", "2024"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/zero"), "{}", stderr(&o));
    assert!(stderr(&o).contains("字符设备"), "{}", stderr(&o));
}

#[test]
fn an_input_too_large_for_a_draft_is_refused_before_reading() {
    let env = Cli::new();
    let big = env.path("big.txt");
    // Sparse: the size is what counts, nothing is written.
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(200 << 20).expect("set_len");
    let o = run(
        &env,
        &["import", &big.display().to_string(), "--year", "2024"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("big.txt"), "{}", stderr(&o));
    assert!(stderr(&o).contains("超过 64 MiB"), "{}", stderr(&o));
    assert!(
        !env.data().join("drafts").exists() || {
            let n = std::fs::read_dir(env.data().join("drafts"))
                .expect("ls")
                .count();
            n == 0
        }
    );
}

#[cfg(unix)]
#[test]
fn a_draft_replaced_by_a_fifo_or_a_device_link_is_named_by_list_doctor_and_restore() {
    let env = Cli::new();
    let fifo_id = env.new_draft("某局");
    let dev_id = env.new_draft("某局");
    let drafts = env.data().join("drafts");
    let fifo = drafts.join(format!("{fifo_id}.json"));
    std::fs::copy(&fifo, drafts.join(format!("{fifo_id}.json.bak"))).expect("bak");
    std::fs::remove_file(&fifo).expect("rm");
    mkfifo(&fifo);
    let dev = drafts.join(format!("{dev_id}.json"));
    std::fs::remove_file(&dev).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", &dev).expect("link");

    let o = run(&env, &["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{fifo_id}.json")),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("命名管道"), "{}", stderr(&o));
    assert!(stderr(&o).contains("字符设备"), "{}", stderr(&o));

    let o = run(&env, &["doctor"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("命名管道"), "{}", stdout(&o));
    assert!(stdout(&o).contains("字符设备"), "{}", stdout(&o));

    let o = run(&env, &["check", &fifo_id]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("命名管道"), "{}", stderr(&o));

    let o = run(&env, &["restore", &fifo_id]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&env, &["check", &fifo_id]);
    assert_ne!(o.status.code(), Some(2), "restored: {}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn link_loops_in_a_checked_folder_end_and_each_report_is_checked_once() {
    let env = Cli::new();
    let root = env.path("reports");
    std::fs::create_dir_all(root.join("sub")).expect("mkdir");
    let report = std::fs::read_to_string("tests/fixtures/complete-2024.txt").expect("fixture");
    std::fs::write(root.join("sub/a.txt"), &report).expect("write");
    std::os::unix::fs::symlink(".", root.join("sub/self1")).expect("link");
    std::os::unix::fs::symlink(".", root.join("sub/self2")).expect("link");
    std::os::unix::fs::symlink("..", root.join("sub/loop")).expect("link");
    let o = run(&env, &["check", &root.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.matches("a.txt").count(), 1, "{out}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_subfolder_is_named_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        eprintln!("skipped: running as root, which reads a chmod 000 folder anyway");
        return;
    }
    let env = Cli::new();
    let root = env.path("reports");
    let report = std::fs::read_to_string("tests/fixtures/complete-2024.txt").expect("fixture");
    for sub in ["a", "locked", "z"] {
        std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        std::fs::write(root.join(sub).join("r.txt"), &report).expect("write");
    }
    let locked = root.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let o = run(&env, &["check", &root.display().to_string()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("locked"), "{}", stderr(&o));
    assert!(stderr(&o).contains("无法读取此文件夹"), "{}", stderr(&o));
    assert!(stdout(&o).contains("a/r.txt"), "{}", stdout(&o));
    assert!(stdout(&o).contains("z/r.txt"), "{}", stdout(&o));
}
