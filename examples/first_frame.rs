//! Starts a program in a pseudo-terminal and reports how long it took to draw its first
//! complete frame; optionally sends keys afterwards and reports the peak memory (VmHWM).
//!
//! ```text
//! first_frame [--size COLSxROWS] [--key BYTES]... [--quit BYTES] [--rss] -- PROGRAM ARGS...
//! ```
//!
//! The first frame is complete when the bottom row shows something (both nianbao and nano
//! draw their key hints there) and the program then writes nothing for a quiet period; the
//! time reported is that of the last byte before the quiet period. `--key` arguments are sent
//! one by one after the first frame (`\e`, `\r`, `\xNN` escapes), each followed by a pause;
//! `--rss` then reads the program's peak resident memory from /proc. Prints
//! `first_frame_ms=… [peak_rss_kb=…]`.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const QUIET: Duration = Duration::from_millis(150);
const KEY_PAUSE: Duration = Duration::from_millis(400);
const GIVE_UP: Duration = Duration::from_secs(20);

struct Shared {
    parser: vt100::Parser,
    last_byte: Option<Instant>,
}

fn main() {
    match run() {
        Ok(line) => println!("{line}"),
        Err(e) => {
            eprintln!("first_frame: {e}");
            std::process::exit(2);
        }
    }
}

/// `\e`, `\r`, `\n`, `\t` and `\xNN` in an argument become the bytes they name.
fn unescape(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'e' => out.push(0x1b),
                b'r' => out.push(b'\r'),
                b'n' => out.push(b'\n'),
                b't' => out.push(b'\t'),
                b'x' => {
                    let hex = s.get(i + 2..i + 4).ok_or("bad \\x escape")?;
                    out.push(u8::from_str_radix(hex, 16).map_err(|e| format!("{hex}: {e}"))?);
                    i += 2;
                }
                other => out.push(other),
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(out)
}

fn run() -> Result<String, String> {
    let mut args = std::env::args().skip(1);
    let (mut cols, mut rows) = (200u16, 50u16);
    let mut keys = Vec::new();
    let mut quit = Vec::new();
    let mut rss = false;
    let mut command = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--size" => {
                let v = args.next().ok_or("--size needs COLSxROWS")?;
                let (c, r) = v.split_once('x').ok_or("--size needs COLSxROWS")?;
                cols = c.parse().map_err(|e| format!("{c}: {e}"))?;
                rows = r.parse().map_err(|e| format!("{r}: {e}"))?;
            }
            "--key" => keys.push(unescape(&args.next().ok_or("--key needs bytes")?)?),
            "--quit" => quit = unescape(&args.next().ok_or("--quit needs bytes")?)?,
            "--rss" => rss = true,
            "--" => {
                command.extend(args.by_ref());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let program = command.first().ok_or("no program given after --")?;

    let pty = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| e.to_string())?;
    let mut cmd = CommandBuilder::new(program);
    cmd.args(&command[1..]);
    if let Ok(cwd) = std::env::current_dir() {
        cmd.cwd(cwd);
    }
    cmd.env("TERM", "xterm-256color");
    let nonzero = |n: u16| std::num::NonZeroU16::new(n).ok_or("--size must not be zero");
    let shared = Arc::new(Mutex::new(Shared {
        parser: vt100::Parser::new(nonzero(rows)?, nonzero(cols)?, 0),
        last_byte: None,
    }));
    let mut reader = pty.master.try_clone_reader().map_err(|e| e.to_string())?;
    let mut writer = pty.master.take_writer().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let mut child = pty
        .slave
        .spawn_command(cmd)
        .map_err(|e| format!("{program}: {e}"))?;
    drop(pty.slave);
    let feed = Arc::clone(&shared);
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let now = Instant::now();
            if let Ok(mut s) = feed.lock() {
                s.parser.process(&buf[..n]);
                s.last_byte = Some(now);
            }
        }
    });

    // Wait for the bottom row, then for the quiet period.
    let first_frame = loop {
        std::thread::sleep(Duration::from_millis(2));
        if start.elapsed() > GIVE_UP {
            let _ = child.kill();
            return Err(format!("{program}: no complete frame within {GIVE_UP:?}"));
        }
        let s = shared.lock().map_err(|_| "reader thread failed")?;
        let bottom = s
            .parser
            .screen()
            .contents_between(rows - 1, 0, rows - 1, cols);
        if let Some(last) = s.last_byte
            && !bottom.trim().is_empty()
            && last.elapsed() >= QUIET
        {
            break last - start;
        }
    };
    let mut line = format!("first_frame_ms={:.1}", first_frame.as_secs_f64() * 1e3);

    for k in &keys {
        writer.write_all(k).map_err(|e| e.to_string())?;
        writer.flush().map_err(|e| e.to_string())?;
        std::thread::sleep(KEY_PAUSE);
    }
    if rss {
        let pid = child.process_id().ok_or("no process id")?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .map_err(|e| format!("/proc/{pid}/status: {e}"))?;
        let hwm = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .map(|v| v.trim().trim_end_matches("kB").trim().to_string())
            .ok_or("no VmHWM in /proc status")?;
        line.push_str(&format!(" peak_rss_kb={hwm}"));
    }
    if !quit.is_empty() {
        let _ = writer.write_all(&quit);
        let _ = writer.flush();
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(line)
}
