//! Waiting for the terminal ourselves, to see it hang up. crossterm's reader retries a read
//! that fails with EIO (what a closed pseudo-terminal gives) in a loop that never returns:
//! the program would spin, unsaved, for ever after a closed window or a dropped SSH session.

use std::time::Duration;

#[derive(Debug, PartialEq, Eq)]
pub enum Tty {
    /// Input is waiting.
    Ready,
    /// Nothing came within the time.
    Quiet,
    /// The terminal is gone.
    HungUp,
    /// Standard input is no terminal (crossterm reads /dev/tty): nothing to watch.
    Unwatched,
}

/// Waits up to `timeout` for input on the terminal (standard input when it is one).
#[cfg(unix)]
pub fn wait(timeout: Duration) -> Tty {
    // SAFETY: isatty and poll only read the descriptor and the one pollfd given.
    if unsafe { libc::isatty(0) } != 1 {
        return Tty::Unwatched;
    }
    let mut fd = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        // Interrupted by a signal: the loop looks at its flag.
        return Tty::Quiet;
    }
    if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Tty::HungUp;
    }
    if n > 0 { Tty::Ready } else { Tty::Quiet }
}

#[cfg(not(unix))]
pub fn wait(_timeout: Duration) -> Tty {
    Tty::Unwatched
}
