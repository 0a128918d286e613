//! The command line against hostile inputs: FIFOs, devices, link loops, unreadable folders,
//! inputs too large for a draft. Nothing may hang, fill memory or stop the rest of the work.
//! Every run has a deadline: a hang is a failure, not a stuck test suite.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(30);

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_nianbao"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("NIANBAO_DATA_DIR", self.data())
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("LC_ALL");
        run_with_deadline(cmd)
    }

    fn new_draft(&self) -> String {
        let o = self.run(&["new", "--agency", "某局", "--year", "2025"]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o).trim().to_string()
    }
}

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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
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
    let env = Env::new();
    let fifo = env.path("report.txt");
    mkfifo(&fifo);
    let fifo = fifo.display().to_string();
    for args in [
        vec!["import", fifo.as_str(), "--year", "2024"],
        vec!["import", fifo.as_str(), "--encoding", "gbk"],
        vec!["check", fifo.as_str()],
    ] {
        let o = env.run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("report.txt"), "{}", stderr(&o));
        assert!(stderr(&o).contains("命名管道"), "{}", stderr(&o));
    }
    let o = env.run(&["import", "/dev/zero", "--year", "2024"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/zero"), "{}", stderr(&o));
    assert!(stderr(&o).contains("字符设备"), "{}", stderr(&o));
}

#[test]
fn an_input_too_large_for_a_draft_is_refused_before_reading() {
    let env = Env::new();
    let big = env.path("big.txt");
    // Sparse: the size is what counts, nothing is written.
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(200 << 20).expect("set_len");
    let o = env.run(&["import", &big.display().to_string(), "--year", "2024"]);
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
    let env = Env::new();
    let fifo_id = env.new_draft();
    let dev_id = env.new_draft();
    let drafts = env.data().join("drafts");
    let fifo = drafts.join(format!("{fifo_id}.json"));
    std::fs::copy(&fifo, drafts.join(format!("{fifo_id}.json.bak"))).expect("bak");
    std::fs::remove_file(&fifo).expect("rm");
    mkfifo(&fifo);
    let dev = drafts.join(format!("{dev_id}.json"));
    std::fs::remove_file(&dev).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", &dev).expect("link");

    let o = env.run(&["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{fifo_id}.json")),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("命名管道"), "{}", stderr(&o));
    assert!(stderr(&o).contains("字符设备"), "{}", stderr(&o));

    let o = env.run(&["doctor"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("命名管道"), "{}", stdout(&o));
    assert!(stdout(&o).contains("字符设备"), "{}", stdout(&o));

    let o = env.run(&["check", &fifo_id]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    let o = env.run(&["restore", &fifo_id]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = env.run(&["check", &fifo_id]);
    assert_ne!(o.status.code(), Some(2), "restored: {}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn link_loops_in_a_checked_folder_end_and_each_report_is_checked_once() {
    let env = Env::new();
    let root = env.path("reports");
    std::fs::create_dir_all(root.join("sub")).expect("mkdir");
    let report = std::fs::read_to_string("tests/fixtures/complete-2024.txt").expect("fixture");
    std::fs::write(root.join("sub/a.txt"), &report).expect("write");
    std::os::unix::fs::symlink(".", root.join("sub/self1")).expect("link");
    std::os::unix::fs::symlink(".", root.join("sub/self2")).expect("link");
    std::os::unix::fs::symlink("..", root.join("sub/loop")).expect("link");
    let o = env.run(&["check", &root.display().to_string()]);
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
    let env = Env::new();
    let root = env.path("reports");
    let report = std::fs::read_to_string("tests/fixtures/complete-2024.txt").expect("fixture");
    for sub in ["a", "locked", "z"] {
        std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        std::fs::write(root.join(sub).join("r.txt"), &report).expect("write");
    }
    let locked = root.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let o = env.run(&["check", &root.display().to_string()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("locked"), "{}", stderr(&o));
    assert!(stderr(&o).contains("无法读取此文件夹"), "{}", stderr(&o));
    assert!(stdout(&o).contains("a/r.txt"), "{}", stdout(&o));
    assert!(stdout(&o).contains("z/r.txt"), "{}", stdout(&o));
}
