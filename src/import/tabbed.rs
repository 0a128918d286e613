//! Tables printed as tab-separated rows, one row a line (our own `tsv` export; a table copied
//! out of Word or WPS into a text file), read by the grid's [`table::TableReader`], which
//! knows such rows exactly, instead of searching the stream for labels and runs of numbers
//! (several times the work, for what these rows already say).
//!
//! It is a shortcut, so it must read exactly what the stream reader would (a test holds the
//! two together on our exports, on a thousand kinds of damage to them, and on every fixture
//! and sample). So only a clean table is read here: every line from its first to its last is
//! a caption, a header or a row (not a blank line between: the stream reader would part the
//! header from the rows there), each row printed once, with plain numbers only; and the text
//! around it holds nothing the stream reader would take for the table's (a sentence naming a
//! row with its number, a row in another layout). Anything else — a sentence inside the
//! table, `1,234`, `19件`, glued digits — goes to the stream reader, which reads every layout.

use super::stream;
use super::table::{self, LineKind, RowRead};
use crate::format::{Format, Table};
use crate::trim::trim;

/// What the tab reader found: each body line's kind, and the rows.
pub struct Tabbed {
    pub kinds: Vec<LineKind>,
    pub rows: Vec<RowRead>,
}

/// `table` read from a section's `body` when it is printed as clean tab-separated rows; `None`
/// when the stream reader must read it. `text` is the whole report (see [`stream::read`]).
pub fn read(
    format: &Format,
    table: &Table,
    body: &[(usize, String)],
    text: &[(usize, String)],
) -> Option<Tabbed> {
    #[cfg(test)]
    if tests::STREAM_ONLY.get() {
        return None;
    }
    if !body
        .iter()
        .any(|(_, l)| memchr::memchr(b'\t', l.as_bytes()).is_some())
    {
        return None;
    }
    let (kinds, rows) = table::reading(format, table, |reader| {
        let mut kinds = Vec::with_capacity(body.len());
        for (n, l) in body {
            let kind = reader.line(*n, l);
            let tabbed = memchr::memchr(b'\t', l.as_bytes()).is_some();
            if kind == LineKind::Unplaced || (tabbed && kind != LineKind::Table) {
                return None;
            }
            kinds.push(kind);
        }
        Some((kinds, std::mem::take(&mut reader.rows)))
    })?;
    let first = kinds.iter().position(|k| *k == LineKind::Table)?;
    let last = kinds.iter().rposition(|k| *k == LineKind::Table)?;
    // Not even a blank line: the stream reader takes header lines a blank line parts from the
    // rows for the section's text, and the two must agree.
    let unbroken = kinds[first..=last].iter().all(|k| *k == LineKind::Table);
    if !unbroken || rows.is_empty() {
        return None;
    }
    let clean = rows.iter().enumerate().all(|(i, r)| {
        r.surplus == 0
            && rows[..i].iter().all(|o| o.row != r.row)
            && r.values.iter().all(|(_, v)| is_plain_number(v))
    });
    // The text around the table is the section's, unless the stream reader would find some of
    // the table in it (a row printed again in a sentence, or in another layout): then the
    // stream reader reads it all.
    let clean = clean
        && [&body[..first], &body[last + 1..]]
            .iter()
            .all(|around| nothing_of_the_table(format, table, around, text));
    #[cfg(test)]
    tests::ACCEPTED.set(tests::ACCEPTED.get() + usize::from(clean));
    clean.then_some(Tabbed { kinds, rows })
}

/// Whether the stream reader finds no row, number or header of `table` in `lines`.
fn nothing_of_the_table(
    format: &Format,
    table: &Table,
    lines: &[(usize, String)],
    text: &[(usize, String)],
) -> bool {
    if lines.iter().all(|(_, l)| trim(l).is_empty()) {
        return true;
    }
    let read = stream::read(format, table, lines, text);
    read.rows.is_empty()
        && read.unplaced.is_empty()
        && read.notes.is_empty()
        && !read.table_lines.contains(&true)
}

/// Digits, with at most one decimal point between digits: what every reader reads alike.
fn is_plain_number(v: &str) -> bool {
    let (whole, fraction) = v.split_once('.').unwrap_or((v, "1"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

#[cfg(test)]
mod tests;
