//! A table's words as the reader looks for them — its label forms (indexed by first
//! character) and its vocabulary of header words — derived from the format once, not once per
//! report: a folder check reads thousands of reports with one format.

use super::Form;
use super::chrome::{Vocabulary, vocabulary};
use super::find::forms;
use crate::format::{Compiled, Format, Table};
use std::sync::{Arc, Mutex, Weak};

/// One table's words.
pub(super) struct TableWords {
    pub forms: Vec<Form>,
    /// First character → the indexes of the forms starting with it, in the forms' order;
    /// sorted by character.
    pub by_first: Vec<(char, Vec<usize>)>,
    pub vocab: Vocabulary,
}

impl TableWords {
    pub fn new(table: &Table) -> Self {
        let forms = forms(table);
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, f) in forms.iter().enumerate() {
            let Some(&first) = f.text.first() else {
                continue;
            };
            match by_first.iter_mut().find(|(c, _)| *c == first) {
                Some((_, fs)) => fs.push(i),
                None => by_first.push((first, vec![i])),
            }
        }
        by_first.sort_by_key(|(c, _)| *c);
        TableWords {
            forms,
            by_first,
            vocab: vocabulary(table),
        }
    }

    /// The forms starting with `c`, in their order.
    pub fn starting(&self, c: char) -> &[usize] {
        self.by_first
            .binary_search_by_key(&c, |(k, _)| *k)
            .map_or(&[], |i| self.by_first[i].1.as_slice())
    }
}

/// Every table's words of one format, in the order of its tables.
struct FormatWords {
    /// Whose words these are: the format's compiled form lives exactly as long as the format.
    owner: Weak<Compiled>,
    tables: Vec<Arc<TableWords>>,
}

/// The formats read so far (one in practice; tests load a few).
static CACHE: Mutex<Vec<FormatWords>> = Mutex::new(Vec::new());

/// `table`'s words: built once per format and kept; built afresh for a table that is not one
/// of `format`'s own (a copy).
pub(super) fn table_words(format: &Format, table: &Table) -> Arc<TableWords> {
    let Some(index) = format.tables.iter().position(|t| std::ptr::eq(t, table)) else {
        return Arc::new(TableWords::new(table));
    };
    let compiled = format.compiled();
    let owned_by = |w: &FormatWords| w.owner.upgrade().is_some_and(|c| Arc::ptr_eq(&c, compiled));
    // A poisoned lock only means another thread panicked while holding it: the list is
    // still whole (entries are pushed complete).
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = cache.iter().find(|w| owned_by(w)) {
        return Arc::clone(&found.tables[index]);
    }
    // Formats dropped since (tests) make room.
    cache.retain(|w| w.owner.strong_count() > 0);
    let words = FormatWords {
        owner: Arc::downgrade(compiled),
        tables: format
            .tables
            .iter()
            .map(|t| Arc::new(TableWords::new(t)))
            .collect(),
    };
    let found = Arc::clone(&words.tables[index]);
    cache.push(words);
    found
}
