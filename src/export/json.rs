//! The report as JSON for a supervisor's script or a spreadsheet: every section's text, every
//! cell with its ids and official labels, computed totals marked, the check's diagnostics and
//! where the copy comes from. The shape is documented in docs/EXPORT-JSON.md; bump
//! [`SCHEMA`] when it changes.

use crate::document::{Document, Metadata};
use crate::rules::Diagnostic;
use serde::Serialize;

/// Names the shape below; a reader checks it before reading on.
pub const SCHEMA: &str = "nianbao-export/2";

#[derive(Serialize)]
struct Export<'d> {
    schema: &'static str,
    nianbao_version: &'static str,
    title: &'d str,
    agency: &'d str,
    year: i32,
    kind: &'d str,
    format_id: &'d str,
    metadata: &'d Metadata,
    /// The preamble as written (lines joined with `\n`); empty when none.
    preamble: String,
    sections: Vec<Section<'d>>,
    /// The closing signature's lines; empty when none.
    signature: &'d [String],
    cells: Vec<Cell<'d>>,
    diagnostics: &'d [Diagnostic],
}

#[derive(Serialize)]
struct Section<'d> {
    id: &'d str,
    heading: &'d str,
    /// The section's text as written (lines joined with `\n`).
    text: String,
}

#[derive(Serialize)]
struct Cell<'d> {
    table: &'d str,
    block: &'d str,
    row: &'d str,
    column: &'d str,
    row_label: &'d str,
    /// The column's groups and label, outermost first.
    column_labels: Vec<&'d str>,
    value: Option<&'d str>,
    computed: bool,
}

/// The export, pretty-printed, with a trailing newline.
pub fn render(doc: &Document) -> String {
    let m = &doc.meta;
    let mut cells = Vec::new();
    for t in doc.tables() {
        for b in &t.blocks {
            for r in b.rows.iter().filter(|r| !r.group) {
                for (c, col) in r.cells.iter().zip(&b.columns) {
                    cells.push(Cell {
                        table: &t.id,
                        block: &b.id,
                        row: &r.id,
                        column: &col.id,
                        row_label: &r.label,
                        column_labels: col
                            .groups
                            .iter()
                            .chain(std::iter::once(&col.label))
                            .map(String::as_str)
                            .collect(),
                        value: c.value.as_deref(),
                        computed: c.computed,
                    });
                }
            }
        }
    }
    let export = Export {
        schema: SCHEMA,
        nianbao_version: env!("CARGO_PKG_VERSION"),
        title: &doc.title,
        agency: &m.agency,
        year: m.year,
        kind: m.kind,
        format_id: &m.format_id,
        metadata: m,
        preamble: doc.preamble.join("\n"),
        sections: doc
            .sections
            .iter()
            .map(|s| Section {
                id: &s.id,
                heading: &s.heading,
                text: s.paragraphs.join("\n"),
            })
            .collect(),
        signature: &doc.signature,
        cells,
        diagnostics: &doc.diagnostics,
    };
    // Plain data of strings, numbers and booleans: serializing it cannot fail.
    let mut text = serde_json::to_string_pretty(&export).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
