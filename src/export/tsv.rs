//! The `tsv` table style: one line per table row, cells separated by tabs, as agencies publish
//! it and as Word, WPS and website editors paste it into a table. A spanning header cell
//! is written in its first column and left empty in the others; a column label that spans
//! header rows downwards is written on the last header row, so that row names every column.

use crate::format::{BlockLayout, CellRef};
use crate::rules::Evaluation;

pub fn render_block(layout: &BlockLayout, eval: &Evaluation) -> Vec<String> {
    let mut lines = Vec::new();
    for level in 0..layout.levels {
        let mut cells = Vec::new();
        if layout.has_row_labels {
            let corner = if level == 0 {
                layout.block.corner.as_deref().unwrap_or("")
            } else {
                ""
            };
            cells.push(corner.to_string());
        }
        for i in 0..layout.columns.len() {
            let label = layout
                .header
                .iter()
                .find(|h| h.start == i && h.level + h.levels - 1 == level)
                .map(|h| h.label)
                .unwrap_or("");
            cells.push(label.to_string());
        }
        lines.push(cells.join("\t"));
    }
    for r in &layout.rows {
        let mut cells = Vec::new();
        if layout.has_row_labels {
            cells.push(r.label.to_string());
        }
        for c in &layout.columns {
            let v = if r.group {
                None
            } else {
                eval.display(&CellRef::new(&layout.table.id, r.id, c.id))
            };
            cells.push(v.unwrap_or_default());
        }
        lines.push(cells.join("\t"));
    }
    lines
}
