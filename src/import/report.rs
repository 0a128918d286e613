//! What an import found, placed and could not place: printed for people, serialised for
//! scripts (`--json`).

use crate::format::{CellId, Compiled};
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
    pub row_lines: BTreeMap<(String, String), usize>,
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

#[derive(Debug, Clone, Serialize)]
pub struct Unplaced {
    pub line: usize,
    pub text: String,
}
