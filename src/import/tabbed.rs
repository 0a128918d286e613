//! Tables printed as tab-separated rows, one row a line (our own `tsv` export; a table copied
//! out of Word or WPS into a text file), read by the grid's [`table::TableReader`], which
//! knows such rows exactly, instead of searching the stream for labels and runs of numbers
//! (several times the work, for what these rows already say).
//!
//! It reads what the stream reader would (a test holds the two together on our exports, on a
//! thousand kinds of damage to them, and on every fixture and sample), with one difference on
//! purpose: a sentence beside the table that names a row with a number (`其中行政许可100件。`)
//! stays the section's text (checked against the table where the text-against-tables rule
//! knows the claim), and the table's number stands (the stream reader takes such a sentence for the row printed again, and
//! where it comes first, gives the cell its number). So only a clean, complete table is read
//! here: every line from its first to its last a caption, a header or a row (not a blank line
//! between: the stream reader parts the header from the rows there), a blank line on either
//! side, every row of the table printed once, plain numbers only. Anything else — a row
//! missing (it may be printed elsewhere in another layout), a sentence inside the table,
//! `1,234`, `19件`, glued digits — goes to the stream reader, which reads every layout.

use super::table::{self, LineKind, RowRead};
use crate::format::{Format, Table};
use crate::trim::trim;

/// What the tab reader found: each body line's kind, and the rows.
pub struct Tabbed {
    pub kinds: Vec<LineKind>,
    pub rows: Vec<RowRead>,
    /// The header lines before each block's rows, as (block, cells).
    pub headers: Vec<(usize, Vec<compact_str::CompactString>)>,
}

/// `table` read from a section's `body` when it is printed as clean tab-separated rows; `None`
/// when the stream reader must read it.
pub fn read(format: &Format, table: &Table, body: &[(usize, String)]) -> Option<Tabbed> {
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
    let (kinds, rows, headers) = table::reading(format, table, |reader| {
        let mut kinds = Vec::with_capacity(body.len());
        for (n, l) in body {
            let kind = reader.line(*n, l);
            let tabbed = memchr::memchr(b'\t', l.as_bytes()).is_some();
            if kind == LineKind::Unplaced || (tabbed && kind != LineKind::Table) {
                return None;
            }
            kinds.push(kind);
        }
        Some((
            kinds,
            std::mem::take(&mut reader.rows),
            std::mem::take(&mut reader.headers),
        ))
    })?;
    let first = kinds.iter().position(|k| *k == LineKind::Table)?;
    let last = kinds.iter().rposition(|k| *k == LineKind::Table)?;
    // Not even a blank line: the stream reader takes header lines a blank line parts from the
    // rows for the section's text, and the two must agree. A blank line (or none) on either
    // side: a header line whose tabs were made spaces may stand right next to the table.
    let unbroken = kinds[first..=last].iter().all(|k| *k == LineKind::Table);
    let blank = |i: Option<usize>| {
        i.and_then(|i| body.get(i))
            .is_none_or(|(_, l)| trim(l).is_empty())
    };
    let apart = blank(first.checked_sub(1)) && blank(Some(last + 1));
    if !unbroken || !apart {
        return None;
    }
    // Every row there, once, a group's row without a number (the importer would report one in
    // its own words), plain numbers only.
    let complete = table
        .blocks
        .iter()
        .flat_map(|b| b.all_rows())
        .all(|(r, _)| {
            rows.iter()
                .any(|read| read.row == r.id && (read.values.is_empty() || !r.is_group()))
        });
    let clean = complete
        && rows.iter().enumerate().all(|(i, r)| {
            r.surplus == 0
                && rows[..i].iter().all(|o| o.row != r.row)
                && r.values.iter().all(|(_, v)| is_plain_number(v))
        });
    #[cfg(test)]
    tests::ACCEPTED.set(tests::ACCEPTED.get() + usize::from(clean));
    clean.then_some(Tabbed {
        kinds,
        rows,
        headers,
    })
}

/// Digits, with at most one decimal point between digits: what every reader reads alike.
fn is_plain_number(v: &str) -> bool {
    let (whole, fraction) = v.split_once('.').unwrap_or((v, "1"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

#[cfg(test)]
mod tests;
