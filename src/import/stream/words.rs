//! A table's words as the reader looks for them: its label forms (indexed by first character)
//! and its vocabulary of header words. Built once per format (the
//! importer's `prepared` cache).

use super::Form;
use super::chrome::{Vocabulary, vocabulary};
use super::find::forms;
use crate::format::Table;

/// One table's words.
pub struct TableWords {
    pub(super) forms: Vec<Form>,
    /// First character → the indexes of the forms starting with it, in the forms' order;
    /// sorted by character.
    by_first: Vec<(char, Vec<usize>)>,
    pub(super) vocab: Vocabulary,
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
    pub(super) fn starting(&self, c: char) -> &[usize] {
        self.by_first
            .binary_search_by_key(&c, |(k, _)| *k)
            .map_or(&[], |i| self.by_first[i].1.as_slice())
    }
}
