//! Recognising the labels a block was copied with: header rows (column labels) at the top and
//! row-label columns on the left, matched the way the importer matches them.

use crate::format::{BlockLayout, Format, Table, ValueType};
use crate::import::{normalize_label, rows_named};

/// A row whose every filled cell is a column label, the corner or a caption of the table.
pub fn is_header(layouts: &[BlockLayout], cells: &[String]) -> bool {
    let filled: Vec<String> = cells
        .iter()
        .map(|c| normalize_label(c))
        .filter(|c| !c.is_empty())
        .collect();
    !filled.is_empty()
        && layouts.iter().any(|l| {
            let labels: Vec<String> = l
                .header
                .iter()
                .map(|h| h.label)
                .chain(l.block.corner.as_deref())
                .chain(l.block.caption.as_deref())
                .map(normalize_label)
                .collect();
            filled.iter().all(|c| labels.contains(c))
        })
}

/// Text that reads as a number (valid or not: `-3` and `1.5` are numbers in the wrong place,
/// not labels).
pub fn looks_numeric(text: &str) -> bool {
    let any = ValueType {
        integer: false,
        min: None,
        max: None,
        max_decimals: None,
        unit: None,
        name: String::new(),
        name_en: String::new(),
    };
    !matches!(
        crate::value::parse(text, &any),
        Err(crate::value::ValueError::NotANumber)
    )
}

/// How many leading columns hold row labels: through the last column where a row's leading
/// text names a row of the table; 0 when none does. Merged label cells copy as blanks, so
/// wholly blank columns after them count too while the values would not fit otherwise.
pub fn label_columns(table: &Table, rows: &[Vec<String>], value_cols: usize) -> usize {
    let mut n = 0;
    for row in rows {
        for (j, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            if looks_numeric(cell) {
                break;
            }
            if !rows_named(table, cell).is_empty() {
                n = n.max(j + 1);
            }
        }
    }
    if n == 0 {
        return 0;
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    while width > n + value_cols && rows.iter().all(|r| r.get(n).is_none_or(String::is_empty)) {
        n += 1;
    }
    n
}

/// What the label cells of one row name.
#[derive(Debug, PartialEq, Eq)]
pub enum Named {
    Row(String),
    Group(String),
    /// Label text that names no row (a caption, a unit line, a label from another table).
    Unknown(String),
    NoLabel,
}

/// The row the label cells name: the rightmost cell that names one (`三、本年度办理结果`,
/// `（三）不予公开`, `1.属于国家秘密` → the last); among rows of the same label, the one under
/// `group` (the group named last, in this row or above).
pub fn named(format: &Format, table: &Table, labels: &[String], group: Option<&str>) -> Named {
    for cell in labels.iter().rev().filter(|c| !c.is_empty()) {
        let found = rows_named(table, cell);
        let under_group = |id: &str| {
            format
                .row(&table.id, id)
                .and_then(|r| r.parent)
                .is_some_and(|p| Some(p.id.as_str()) == group)
        };
        let best = found
            .iter()
            .find(|(id, _)| under_group(id))
            .or(found.first());
        match best {
            Some((id, true)) => return Named::Group(id.clone()),
            Some((id, false)) => return Named::Row(id.clone()),
            None => {}
        }
    }
    let text: Vec<&str> = labels
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .collect();
    if text.is_empty() {
        Named::NoLabel
    } else {
        Named::Unknown(text.join(" "))
    }
}
