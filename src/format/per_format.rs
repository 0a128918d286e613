//! A cache of what another module derives from a format (the importer's words, the rules'
//! phrase searchers), built once per format and kept as long as the format lives: a folder
//! check reads thousands of reports with one format.

use super::{Compiled, Format};
use std::sync::{Arc, Mutex, Weak};

/// The formats seen so far (one in practice; tests load a few), each with what was derived
/// from it. A format's compiled form lives exactly as long as the format, so it names it.
pub struct PerFormat<T>(Mutex<Vec<(Weak<Compiled>, Arc<T>)>>);

impl<T> PerFormat<T> {
    pub const fn new() -> Self {
        PerFormat(Mutex::new(Vec::new()))
    }

    /// What was derived from `format`, made by `make` on first use.
    pub fn get(&self, format: &Format, make: impl FnOnce(&Format) -> T) -> Arc<T> {
        let compiled = format.compiled();
        let owned_by = |w: &Weak<Compiled>| w.upgrade().is_some_and(|c| Arc::ptr_eq(&c, compiled));
        // A poisoned lock only means another thread panicked while holding it: the list is
        // still whole (entries are pushed complete).
        let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, found)) = cache.iter().find(|(w, _)| owned_by(w)) {
            return Arc::clone(found);
        }
        // Formats dropped since (tests) make room.
        cache.retain(|(w, _)| w.strong_count() > 0);
        let made = Arc::new(make(format));
        cache.push((Arc::downgrade(compiled), Arc::clone(&made)));
        made
    }
}

impl<T> Default for PerFormat<T> {
    fn default() -> Self {
        Self::new()
    }
}
