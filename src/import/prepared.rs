//! What the importer derives from a format to find its parts in a report — every heading's
//! forms, every table's row-label forms and header words — built once per format and kept,
//! not once per report: a folder check reads thousands of reports with one format.

use super::segment::HeadingForms;
use super::stream::TableWords;
use crate::format::{Compiled, Format, Table};
use std::sync::{Arc, Mutex, Weak};

/// One format's words.
pub(super) struct Prepared {
    pub headings: HeadingForms,
    /// In the order of the format's tables.
    tables: Vec<TableWords>,
}

impl Prepared {
    fn new(format: &Format) -> Self {
        Prepared {
            headings: HeadingForms::new(format),
            tables: format.tables.iter().map(TableWords::new).collect(),
        }
    }

    /// `table`'s words, when it is one of the format's own tables (not a copy).
    pub fn table(&self, format: &Format, table: &Table) -> Option<&TableWords> {
        let index = format.tables.iter().position(|t| std::ptr::eq(t, table))?;
        self.tables.get(index)
    }
}

/// The formats read so far (one in practice; tests load a few), each with whose words they
/// are: a format's compiled form lives exactly as long as the format.
static CACHE: Mutex<Vec<(Weak<Compiled>, Arc<Prepared>)>> = Mutex::new(Vec::new());

/// `format`'s words, built on first use.
pub(super) fn prepared(format: &Format) -> Arc<Prepared> {
    let compiled = format.compiled();
    let owned_by = |w: &Weak<Compiled>| w.upgrade().is_some_and(|c| Arc::ptr_eq(&c, compiled));
    // A poisoned lock only means another thread panicked while holding it: the list is
    // still whole (entries are pushed complete).
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, found)) = cache.iter().find(|(w, _)| owned_by(w)) {
        return Arc::clone(found);
    }
    // Formats dropped since (tests) make room.
    cache.retain(|(w, _)| w.strong_count() > 0);
    let made = Arc::new(Prepared::new(format));
    cache.push((Arc::downgrade(compiled), Arc::clone(&made)));
    made
}
