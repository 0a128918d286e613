//! SIGHUP (the terminal window closed, the SSH session dropped), SIGTERM (logout, `kill`) and
//! SIGINT from outside the terminal: each only raises a flag that the event loop reads, so the
//! draft is saved on the way out as on Ctrl+Q.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

#[cfg(unix)]
pub fn on_termination() -> std::io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [SIGHUP, SIGTERM, SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}

#[cfg(not(unix))]
pub fn on_termination() -> std::io::Result<Arc<AtomicBool>> {
    Ok(Arc::new(AtomicBool::new(false)))
}
