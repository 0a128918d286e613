//! The interactive terminal interface. It holds view state, maps keys to actions and draws;
//! every rule, total, label and save goes through the core.

mod app;
mod autosave;
mod dialogs;
mod draft_view;
pub(crate) mod grid;
mod hangup;
mod keymap;
mod paste_report;
mod picker;
mod put;
mod section;
mod signals;
mod strings;
#[doc(hidden)]
pub mod terminal; // public only for the end-to-end test of the panic path
mod textfield;
mod theme;

#[cfg(test)]
mod tests;

pub use app::App;
pub use theme::Theme;

use crate::i18n::Lang;
use crate::storage::Store;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::time::{Duration, Instant};

/// How long to wait for a key before checking whether an autosave is due.
const POLL: Duration = Duration::from_millis(250);

/// Runs the TUI until the user quits. `open` opens a draft directly.
pub fn run(store: Store, lang: Lang, theme: Theme, open: Option<&str>) -> Result<(), String> {
    // Temporary files of saves a crash interrupted (an hour old or more) are of no use.
    store.clean_temporary();
    let export_dir = std::env::current_dir().unwrap_or_default();
    let mut app = App::new(
        store,
        lang,
        theme,
        Box::new(|| chrono::Local::now().fixed_offset()),
        export_dir,
    );
    if let Some(id) = open {
        app.open(id)?;
    }
    // A closed terminal (SIGHUP), a logout or `kill` (SIGTERM): leave the loop and save,
    // instead of dying with the text in memory.
    let stop = signals::on_termination().map_err(|e| e.to_string())?;
    let mut term = terminal::init().map_err(|e| e.to_string())?;
    let guard = terminal::Guard;
    // A panic too ends with the draft saved (the hook has restored the terminal already).
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut term, &mut app, &stop)
    }));
    // Whatever happened, what was typed is saved, or written elsewhere and said where.
    app.finish();
    drop(guard);
    for line in &app.farewell {
        eprintln!("{}", crate::sanitize::visible(line));
    }
    match result {
        Ok(r) => r,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

fn event_loop(
    term: &mut terminal::Term,
    app: &mut App,
    stop: &std::sync::atomic::AtomicBool,
) -> Result<(), String> {
    while !app.quit {
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(());
        }
        term.draw(|f| app.render(f)).map_err(|e| e.to_string())?;
        // A terminal that went away (closed window, dropped SSH) is seen here, before
        // crossterm reads it: crossterm's reader loops for ever on a hung-up terminal.
        if hangup::wait(Duration::ZERO) == hangup::Tty::HungUp {
            return Ok(());
        }
        // Events crossterm holds already come first; then wait on the terminal ourselves.
        let mut ready = event::poll(Duration::ZERO).map_err(|e| e.to_string())?;
        if !ready {
            ready = match hangup::wait(POLL) {
                hangup::Tty::HungUp => return Ok(()),
                hangup::Tty::Ready => event::poll(Duration::ZERO).map_err(|e| e.to_string())?,
                hangup::Tty::Quiet => false,
                hangup::Tty::Unwatched => event::poll(POLL).map_err(|e| e.to_string())?,
            };
        }
        if ready {
            match event::read().map_err(|e| e.to_string())? {
                // Key releases (Windows, kitty protocol) would double every key.
                Event::Key(k) if k.kind != KeyEventKind::Release => app.on_key(k),
                Event::Paste(text) => app.on_paste(&text),
                _ => {}
            }
            app.autosave(Instant::now());
        } else {
            app.tick(Instant::now());
        }
        if let Some(text) = app.editor_request.take() {
            app.save_now();
            match external_editor_command() {
                None => app.editor_unavailable(),
                Some(cmd) => {
                    let result = terminal::suspended(term, || edit_externally(&cmd, &text))
                        .map_err(|e| e.to_string())?;
                    app.on_external_editor(result);
                }
            }
        }
    }
    Ok(())
}

/// `$VISUAL`, else `$EDITOR`, else nano or vi if installed; split into program and arguments.
fn external_editor_command() -> Option<Vec<String>> {
    for var in ["VISUAL", "EDITOR"] {
        if let Ok(v) = std::env::var(var) {
            let parts: Vec<String> = v.split_whitespace().map(str::to_string).collect();
            if !parts.is_empty() {
                return Some(parts);
            }
        }
    }
    ["nano", "vi"]
        .iter()
        .find(|p| which(p))
        .map(|p| vec![p.to_string()])
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

/// Writes `text` to a temporary `.txt` file, runs the editor on it and reads it back.
/// `Ok(None)` when the editor changed nothing or failed with a non-zero exit.
fn edit_externally(cmd: &[String], text: &str) -> Result<Option<String>, String> {
    let dir = std::env::temp_dir();
    let path = dir.join(format!("nianbao-{}.txt", std::process::id()));
    write_private(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    let status = std::process::Command::new(&cmd[0])
        .args(&cmd[1..])
        .arg(&path)
        .status();
    let result = match status {
        Ok(s) if s.success() => {
            let back =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let back = back.strip_suffix('\n').unwrap_or(&back).to_string();
            Ok((back != text).then_some(back))
        }
        Ok(_) => Ok(None),
        Err(e) => Err(format!("{}: {e}", cmd[0])),
    };
    let _ = std::fs::remove_file(&path);
    result
}

/// Creates `path` readable only by the user (0600 on Unix; /tmp is shared), replacing any
/// file left there by an earlier run.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let _ = std::fs::remove_file(path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(text.as_bytes())
}
