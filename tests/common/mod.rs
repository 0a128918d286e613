//! What the end-to-end tests share: the real binary in a pseudo-terminal, read through a
//! terminal emulator (vt100) as a person would see it.
// Each test binary uses its own part of this module.
#![allow(dead_code)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(20);
pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

pub struct Tui {
    master: Box<dyn portable_pty::MasterPty + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Tui {
    /// Runs `cmd` in a 100x30 pseudo-terminal, in Chinese.
    pub fn spawn(mut cmd: CommandBuilder) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        cmd.env("LANG", "zh_CN.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("VISUAL");
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::MIN.saturating_add(ROWS - 1),
            std::num::NonZeroU16::MIN.saturating_add(COLS - 1),
            0,
        )));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        Tui {
            master: pty.master,
            child,
            writer,
            screen,
        }
    }

    /// `nianbao ARGS` with drafts in `data`, started in `cwd`.
    pub fn nianbao(data: &Path, cwd: &Path, args: &[&str]) -> Tui {
        Tui::nianbao_with_editor(data, cwd, args, None)
    }

    /// The same, with `$EDITOR` set.
    pub fn nianbao_with_editor(
        data: &Path,
        cwd: &Path,
        args: &[&str],
        editor: Option<&Path>,
    ) -> Tui {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nianbao"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("NIANBAO_DATA_DIR", data);
        match editor {
            Some(e) => cmd.env("EDITOR", e),
            None => cmd.env_remove("EDITOR"),
        }
        Tui::spawn(cmd)
    }

    /// Whether the terminal is in canonical (line) mode, i.e. not raw; `None` if unknown.
    pub fn canonical(&self) -> Option<bool> {
        let t = self.master.get_termios()?;
        Some(format!("{:?}", t.local_flags).contains("ICANON"))
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Looks at the emulated terminal's state (modes, cursor, alternate screen).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        let parser = self.screen.lock().expect("screen");
        f(parser.screen())
    }

    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub fn cursor(&self) -> (u16, u16) {
        self.screen
            .lock()
            .map(|p| p.screen().cursor_position())
            .unwrap_or_default()
    }

    /// Waits (polling, never a fixed sleep) until the screen shows `needle`.
    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.contents();
            if screen.contains(needle) {
                return screen;
            }
            if start.elapsed() > WAIT {
                panic!("timed out waiting for {needle:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    /// Esc on its own: a following key sent at once would read as Alt+key.
    pub fn esc(&mut self, then_shows: &str) {
        self.send("\x1b");
        self.wait_for(then_shows);
    }

    /// Waits for the program to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!("did not exit; screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// SIGKILL: no destructor, no save on the way out, no terminal restore.
    pub fn sigkill(&mut self) {
        let pid = self.pid();
        let status = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        self.wait_exit();
    }
}

/// The binary run as a script runs it: drafts in a temporary folder, which is also the
/// working folder; Chinese messages.
pub struct Cli {
    pub dir: tempfile::TempDir,
}

impl Cli {
    pub fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    pub fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// `nianbao ARGS`, not yet run.
    pub fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("NIANBAO_DATA_DIR", self.data())
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("LC_ALL");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> std::process::Output {
        self.command(args).output().expect("run nianbao")
    }

    /// `nianbao new --agency AGENCY --year 2025`; the new draft's id.
    pub fn new_draft(&self, agency: &str) -> String {
        let o = self.run(&["new", "--agency", agency, "--year", "2025"]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o).trim().to_string()
    }
}

pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `nianbao new` in `data`; returns the new draft's id.
pub fn new_draft(data: &Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["new", "--agency", "某局", "--year", "2025"])
        .env("NIANBAO_DATA_DIR", data)
        .output()
        .expect("new");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
