//! Entering and leaving the terminal's full-screen mode, on every path: normal exit, error and
//! panic, and around an external editor.

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::{Terminal, backend::CrosstermBackend};
use std::io::{BufWriter, Stdout, stdout};

/// The frames go through a buffer of their own: standard output is line-buffered with a 1 KiB
/// buffer, so the first frame of a long draft at 200x50 (~35 KB of escapes and text) went out in
/// 35 writes, each cell's escapes through its lock and newline search. ratatui flushes the
/// backend at the end of every draw, so nothing waits in the buffer between frames.
pub type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Large enough for a whole frame of a large terminal in one write.
const FRAME_BUFFER: usize = 1 << 18;

/// Raw mode, alternate screen and bracketed paste; a panic restores the terminal before the
/// message is printed.
pub fn init() -> std::io::Result<Term> {
    install_panic_hook();
    enter()?;
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        FRAME_BUFFER,
        stdout(),
    )))
}

fn enter() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

/// Undoes `init`, in reverse order. Safe to call twice.
pub fn restore() {
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        cursor::Show,
        LeaveAlternateScreen
    );
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Leaves full-screen mode while `f` runs (an external editor), then comes back and repaints.
pub fn suspended<T>(term: &mut Term, f: impl FnOnce() -> T) -> std::io::Result<T> {
    restore();
    let out = f();
    enter()?;
    // `Terminal::clear` asks the terminal where its cursor is, which not every terminal
    // answers; clear the screen ourselves and forget the last frame so the next draw is whole.
    execute!(stdout(), Clear(ClearType::All))?;
    term.swap_buffers();
    Ok(out)
}

/// Restores the terminal when dropped, unless a panic is unwinding (the hook did it already).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            restore();
        }
    }
}
