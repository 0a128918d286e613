//! What an import found, placed and could not place: printed for people, serialised for
//! scripts (`--json`).

use crate::format::{CellId, Compiled, RowId};
use crate::rules::Diagnostic;
use compact_str::CompactString;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Serialize, Default)]
pub struct ImportReport {
    pub format: String,
    pub encoding: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_line: Option<usize>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    /// Where the year came from: `given` (--year), `title`, `period` (the statistics period
    /// the preamble states) or `published` (the closing date, minus one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_source: Option<String>,
    /// `department` or `government` (given, or read from an agency named 人民政府).
    pub kind: Option<String>,
    /// Set when the report follows an older format in places (e.g. the 2019 trial format).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format_variant: Option<String>,
    pub sections: Vec<Found>,
    pub tables: Vec<Found>,
    /// The preamble and the closing signature, each listed when found (by the format's part
    /// id and label, and the line it starts on).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Found>,
    pub placed: PlacedValues,
    pub unplaced: Vec<Unplaced>,
    /// Lines deliberately left out: page footers of a PDF's text, header rows of Markdown
    /// pipe tables.
    pub ignored: Vec<Unplaced>,
    /// Missing sections, tables and rows, duplicated rows, surplus values.
    pub problems: Vec<Diagnostic>,
    /// For each section, the file line of each line of its text (to point text diagnostics
    /// at the file).
    #[serde(skip)]
    pub text_lines: BTreeMap<String, Vec<usize>>,
    /// (table, row) whose absence is already reported otherwise (the sub-rows of a group
    /// printed as one row), so neither a missing row nor its blank cells are reported again.
    #[serde(skip)]
    pub covered: std::collections::BTreeSet<(String, String)>,
    /// The file line each table row was read from.
    #[serde(skip)]
    pub row_lines: RowLines,
    /// Cells printed with a word for zero (`—`, `/`, `无`) and read as 0: the cell, the
    /// printed word and its line.
    #[serde(skip)]
    pub zero_cells: Vec<(crate::format::CellRef, String, usize)>,
}

/// A section, table or part: found (on which line) or not.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    pub id: String,
    pub label: String,
    pub line: Option<usize>,
}

/// The values an import placed, in the order read: each a cell of the format (as an id of its
/// compiled form, so no cell's ids are copied per report), the value and its file line.
#[derive(Clone, Default)]
pub struct PlacedValues {
    compiled: Option<Arc<Compiled>>,
    /// Inline when short, as numbers are: no allocation per value beside the draft's own.
    values: Vec<(CellId, CompactString, usize)>,
}

/// One placed value, with its cell's ids (serialised as such for `import --json`).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Placed<'a> {
    pub table: &'a str,
    pub row: &'a str,
    pub column: &'a str,
    pub value: &'a str,
    pub line: usize,
}

impl PlacedValues {
    /// Placed values in the cells of `compiled`.
    pub fn new(compiled: Arc<Compiled>) -> PlacedValues {
        PlacedValues {
            compiled: Some(compiled),
            values: Vec::new(),
        }
    }

    /// Adds a value placed in cell `id` (of the compiled format given to [`PlacedValues::new`]).
    pub fn push(&mut self, id: CellId, value: &str, line: usize) {
        self.values.push((id, value.into(), line));
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = Placed<'_>> {
        let compiled = self.compiled.as_deref();
        self.values.iter().filter_map(move |(id, value, line)| {
            let cell = compiled?.cell(*id);
            Some(Placed {
                table: &cell.table,
                row: &cell.row,
                column: &cell.col,
                value,
                line: *line,
            })
        })
    }
}

impl Serialize for PlacedValues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl std::fmt::Debug for PlacedValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The file line each table row was first read from, by the row's id in the compiled format
/// (a map keyed by two copied ids cost two strings per row read, compared at every insert).
#[derive(Clone, Default)]
pub struct RowLines {
    compiled: Option<Arc<Compiled>>,
    /// By [`RowId`]: the line, for each row read.
    lines: Vec<Option<usize>>,
}

impl RowLines {
    /// Lines of the rows of `compiled`.
    pub fn new(compiled: Arc<Compiled>) -> RowLines {
        RowLines {
            compiled: Some(compiled),
            lines: Vec::new(),
        }
    }

    /// `row` was read on `line`: kept unless the row was read before.
    pub fn first(&mut self, row: RowId, line: usize) {
        if self.lines.len() <= row.index() {
            let rows = self.compiled.as_ref().map_or(0, |c| c.row_count());
            self.lines.resize(rows.max(row.index() + 1), None);
        }
        self.lines[row.index()].get_or_insert(line);
    }

    /// The line the row `row` of table `table` was read from, if it was.
    pub fn get(&self, table: &str, row: &str) -> Option<usize> {
        let id = self.compiled.as_ref()?.row_id(table, row)?;
        self.lines.get(id.index()).copied().flatten()
    }

    /// Every row read, as (table id, row id), with its line.
    pub fn iter(&self) -> impl Iterator<Item = ((&str, &str), usize)> {
        let compiled = self.compiled.as_deref();
        self.lines.iter().enumerate().filter_map(move |(i, line)| {
            let row = compiled?.row_name(RowId::new(i));
            Some((row, (*line)?))
        })
    }
}

impl std::fmt::Debug for RowLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Unplaced {
    pub line: usize,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Format;

    #[test]
    fn row_lines_keep_each_rows_first_line_by_its_names() {
        let f = Format::by_id("gov-2021").expect("embedded");
        let compiled = f.compiled();
        let mut lines = RowLines::new(compiled.clone());
        assert_eq!(lines.iter().count(), 0);
        let total = compiled.row_id("t3", "total").expect("a row of table 三");
        let new = compiled.row_id("t3", "new").expect("a row of table 三");
        lines.first(total, 40);
        lines.first(new, 12);
        // Read again (a grid's second part): the first line stays.
        lines.first(total, 90);
        assert_eq!(lines.get("t3", "total"), Some(40));
        assert_eq!(lines.get("t3", "new"), Some(12));
        assert_eq!(lines.get("t3", "carried"), None);
        assert_eq!(lines.get("t9", "total"), None);
        let mut all: Vec<((&str, &str), usize)> = lines.iter().collect();
        all.sort();
        assert_eq!(all, [(("t3", "new"), 12), (("t3", "total"), 40)]);
    }
}
