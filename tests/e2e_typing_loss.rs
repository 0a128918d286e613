//! What a crash, a closed terminal or a full disk costs a clerk who types without pausing: the
//! real binary in a pseudo-terminal, Chinese typed steadily, then killed, hung up on, or left
//! with a drafts folder that will not take the save.
//!
//! `NIANBAO_CRASH_RUNS=50 cargo test --release --test e2e_typing_loss -- --nocapture` repeats
//! the SIGKILL run and prints the worst loss (docs/RELIABILITY.md records the figure).

mod common;

use common::{Tui, new_draft};
use portable_pty::CommandBuilder;
use std::time::{Duration, Instant};

/// The promise: at most about 2 s of typing lost; 3 s leaves room for a loaded machine.
const MAX_LOSS: Duration = Duration::from_secs(3);
const TYPING: Duration = Duration::from_secs(10);

/// A different character at every position, so that what was saved is an exact prefix.
fn nth_char(i: usize) -> char {
    const CHARS: &str = "政府信息公开工作年度报告主动依申请办理复议诉讼收费平台建设监督保障";
    let chars: Vec<char> = CHARS.chars().collect();
    chars[i % chars.len()]
}

fn open_section(data: &std::path::Path, cwd: &std::path::Path, id: &str) -> Tui {
    let mut t = Tui::nianbao(data, cwd, &["open", id]);
    t.wait_for("目录");
    t.send("\r"); // into section 一
    t.wait_for("Ctrl+O");
    t
}

fn saved_text(data: &std::path::Path, id: &str) -> String {
    nianbao::storage::Store::at(data)
        .load_id(id)
        .expect("the draft loads")
        .section_text("s1")
        .to_string()
}

/// Types for `TYPING` at a key every 100–200 ms, SIGKILLs, and returns how much typing (in
/// time) the draft on disk lacks.
fn type_steadily_then_kill(run: usize) -> Duration {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let id = new_draft(&data);
    let mut t = open_section(&data, dir.path(), &id);
    let mut sent: Vec<Instant> = Vec::new();
    let start = Instant::now();
    let mut i = 0;
    while start.elapsed() < TYPING {
        t.send(&nth_char(i).to_string());
        sent.push(Instant::now());
        i += 1;
        // 100–200 ms, varied without a random source.
        std::thread::sleep(Duration::from_millis(
            100 + ((i * 37 + run * 11) % 101) as u64,
        ));
    }
    let killed = Instant::now();
    t.sigkill();
    let typed: String = (0..i).map(nth_char).collect();
    let saved = saved_text(&data, &id);
    assert!(
        typed.starts_with(&saved),
        "the saved text is not what was typed:\n{saved}\n{typed}"
    );
    let kept = saved.chars().count();
    assert!(kept > 0, "nothing of 10 s of typing was saved");
    match sent.get(kept) {
        Some(first_lost) => killed.duration_since(*first_lost),
        None => Duration::ZERO,
    }
}

#[cfg(unix)]
#[test]
fn steady_typing_then_sigkill_loses_at_most_the_last_seconds() {
    let runs: usize = std::env::var("NIANBAO_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut losses = Vec::new();
    for run in 0..runs {
        let lost = type_steadily_then_kill(run);
        println!("run {run}: {lost:?} of typing lost");
        losses.push(lost);
    }
    losses.sort();
    let worst = losses[losses.len() - 1];
    println!(
        "{runs} runs of {TYPING:?} steady typing then SIGKILL: typing lost median {:?}, max {worst:?}",
        losses[losses.len() / 2]
    );
    assert!(worst <= MAX_LOSS, "lost {worst:?} of typing");
}

/// Sends `signal` to the TUI right after typing (before any autosave): the text is saved.
#[cfg(unix)]
fn signal_saves(signal: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let id = new_draft(&data);
    let mut t = open_section(&data, dir.path(), &id);
    t.send("关闭终端前的最后一句");
    t.wait_for("最后一句");
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &t.pid().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    t.wait_exit();
    assert_eq!(
        saved_text(&data, &id),
        "关闭终端前的最后一句",
        "after {signal}"
    );
}

#[cfg(unix)]
#[test]
fn sigterm_saves_before_exiting() {
    signal_saves("TERM");
}

#[cfg(unix)]
#[test]
fn sighup_saves_before_exiting() {
    signal_saves("HUP");
}

/// `tmux -L SOCKET ARGS`, its output.
fn tmux(socket: &str, args: &[&str]) -> String {
    let out = std::process::Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < common::WAIT,
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The terminal window closed under the program (tmux's server killed: the pseudo-terminal
/// goes away, as with a closed window or a dropped SSH session). crossterm alone would spin
/// for ever on the dead terminal; the program must end, with the text saved.
#[cfg(unix)]
#[test]
fn a_closed_terminal_ends_the_program_with_the_text_saved() {
    if std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_err()
    {
        println!("skipped: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let id = new_draft(&data);
    let socket = format!("nianbao-test-{}", std::process::id());
    let cmd = format!(
        "exec env NIANBAO_DATA_DIR='{}' LANG=zh_CN.UTF-8 '{}' open {id}",
        data.display(),
        env!("CARGO_BIN_EXE_nianbao")
    );
    tmux(
        &socket,
        &["new", "-d", "-s", "t", "-x", "100", "-y", "30", &cmd],
    );
    let screen = || tmux(&socket, &["capture-pane", "-p", "-t", "t"]);
    wait_until("the outline", || screen().contains("目录"));
    tmux(&socket, &["send-keys", "-t", "t", "Enter"]);
    wait_until("the editor", || screen().contains("Ctrl+O"));
    tmux(&socket, &["send-keys", "-t", "t", "-l", "窗口关掉前的一句"]);
    wait_until("the text", || screen().contains("前的一句"));
    // The pane's first process is the program itself (`env` execs it). Watch it through
    // /proc rather than pgrep, which a bare machine may lack (procps).
    let pid = tmux(&socket, &["display", "-p", "-t", "t", "#{pane_pid}"])
        .trim()
        .to_string();
    assert!(
        !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()),
        "tmux gave no pane pid: {pid:?}"
    );
    tmux(&socket, &["kill-server"]);
    let running = || {
        // Gone, or a zombie waiting for init to reap it: either way it has ended.
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map(|stat| {
                let state = stat.rsplit(')').next().unwrap_or("").trim_start();
                !state.starts_with('Z') && !state.starts_with('X')
            })
            .unwrap_or(false)
    };
    wait_until("the program to end after its terminal closed", || {
        !running()
    });
    assert_eq!(saved_text(&data, &id), "窗口关掉前的一句");
}

#[cfg(unix)]
#[test]
fn quitting_on_a_full_disk_writes_the_text_elsewhere_and_says_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let id = new_draft(&data);
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nianbao"));
    cmd.args(["open", &id]);
    cmd.cwd(dir.path());
    cmd.env("NIANBAO_DATA_DIR", &data);
    cmd.env("HOME", &home);
    let mut t = Tui::spawn(cmd);
    t.wait_for("目录");
    t.send("\r");
    t.wait_for("Ctrl+O");
    // The drafts folder stops taking saves (a file in its place fails for root too).
    let drafts = data.join("drafts");
    std::fs::rename(&drafts, data.join("drafts.moved")).expect("move");
    std::fs::write(&drafts, "").expect("block");
    t.send("磁盘满了也不能丢的字");
    t.wait_for("不能丢的字");
    t.send("\x11"); // Ctrl+Q
    t.wait_for("有未保存的修改");
    t.send("w");
    assert_eq!(t.wait_exit(), 0);
    let copy = std::fs::read_dir(&home)
        .expect("home")
        .map(|e| e.expect("entry").path())
        .next()
        .expect("an emergency copy in the home folder");
    let draft = nianbao::storage::load(&copy).expect("a whole draft");
    assert_eq!(draft.section_text("s1"), "磁盘满了也不能丢的字");
    let screen = t.wait_for("另存为");
    assert!(screen.contains("unsaved"), "{screen}");
}
