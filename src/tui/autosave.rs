//! When an edited draft is saved by itself. Two clocks: a pause in typing (the debounce), and
//! the age of the oldest unsaved edit (the max-delay), so that a clerk who never pauses still
//! loses at most about `MAX_DELAY` of typing to a crash. A failed save is retried on its own,
//! slower clock.

use std::time::{Duration, Instant};

/// Save once typing has paused this long…
pub const QUIET: Duration = Duration::from_secs(1);
/// …and at the latest this long after the first edit not yet on disk, pause or not.
pub const MAX_DELAY: Duration = Duration::from_secs(2);
/// After a failed save, try again this often.
pub const RETRY_AFTER: Duration = Duration::from_secs(5);

#[derive(Debug, Default, Clone)]
pub struct Autosave {
    /// The last edit.
    last_edit: Option<Instant>,
    /// The first edit since the last save that reached the disk.
    unsaved_since: Option<Instant>,
    /// The last failed save.
    failed_at: Option<Instant>,
}

impl Autosave {
    pub fn edited(&mut self, at: Instant) {
        self.last_edit = Some(at);
        self.unsaved_since.get_or_insert(at);
    }

    pub fn saved(&mut self) {
        self.unsaved_since = None;
        self.failed_at = None;
    }

    pub fn failed(&mut self, at: Instant) {
        self.failed_at = Some(at);
    }

    /// Whether a draft with unsaved changes should be saved at `now`.
    pub fn due(&self, now: Instant) -> bool {
        if let Some(t) = self.failed_at {
            return now.saturating_duration_since(t) >= RETRY_AFTER;
        }
        let quiet = self
            .last_edit
            .is_none_or(|t| now.saturating_duration_since(t) >= QUIET);
        let overdue = self
            .unsaved_since
            .is_some_and(|t| now.saturating_duration_since(t) >= MAX_DELAY);
        quiet || overdue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn steady_typing_is_saved_every_max_delay() {
        let start = Instant::now();
        let mut a = Autosave::default();
        let mut saves = 0;
        let mut oldest_unsaved: Option<Instant> = None;
        // A key every 150 ms for 10 s: never a pause of QUIET.
        for i in 0..=66u32 {
            let t = start + 150 * i * MS;
            a.edited(t);
            oldest_unsaved.get_or_insert(t);
            if a.due(t) {
                a.saved();
                saves += 1;
                oldest_unsaved = None;
            }
            // What a crash now would lose: never more than MAX_DELAY of typing.
            if let Some(o) = oldest_unsaved {
                assert!(t - o < MAX_DELAY, "{:?} unsaved at {:?}", t - o, t - start);
            }
        }
        assert!(saves >= 4, "{saves} saves");
    }

    #[test]
    fn a_pause_saves_before_the_max_delay() {
        let t0 = Instant::now();
        let mut a = Autosave::default();
        a.edited(t0);
        assert!(!a.due(t0 + 500 * MS));
        assert!(a.due(t0 + QUIET));
    }

    #[test]
    fn a_failed_save_waits_for_the_retry_clock() {
        let t0 = Instant::now();
        let mut a = Autosave::default();
        a.edited(t0);
        a.failed(t0 + QUIET);
        assert!(!a.due(t0 + QUIET + MAX_DELAY));
        assert!(a.due(t0 + QUIET + RETRY_AFTER));
        a.saved();
        a.edited(t0 + 10 * QUIET);
        assert!(!a.due(t0 + 10 * QUIET + 10 * MS));
    }
}
