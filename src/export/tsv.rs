//! The `tsv` table style: one line per table row, cells separated by tabs, as agencies publish
//! it and as Word, WPS and website editors paste it into a table. A spanning header cell
//! is written in its first column and left empty in the others; a column label that spans
//! header rows downwards is written on the last header row, so that row names every column.

use crate::document::DocBlock;

pub fn render_block(block: &DocBlock) -> Vec<String> {
    let off = usize::from(block.has_row_labels);
    let levels = block.header.len();
    // Each header row as one line: a cell's text goes in its first column on the last header
    // row it spans (HTML's table model places the merged cells).
    let width = off + block.columns.len();
    let mut lines = vec![vec![String::new(); width]; levels];
    let mut taken = vec![vec![false; width]; levels];
    for (level, row) in block.header.iter().enumerate() {
        let mut x = 0;
        for cell in row {
            while x < width && taken[level][x] {
                x += 1;
            }
            let rowspan = cell.rowspan.max(1);
            for line in taken.iter_mut().skip(level).take(rowspan) {
                for slot in line.iter_mut().skip(x).take(cell.colspan) {
                    *slot = true;
                }
            }
            // The corner stays on the first header row.
            let at = if x < off { level } else { level + rowspan - 1 };
            if let Some(slot) = lines.get_mut(at).and_then(|l| l.get_mut(x)) {
                *slot = cell.text.clone();
            }
            x += cell.colspan;
        }
    }
    let mut out: Vec<String> = lines.into_iter().map(|l| l.join("\t")).collect();
    for r in &block.rows {
        let mut cells = Vec::new();
        if block.has_row_labels {
            cells.push(r.label.clone());
        }
        // A group row has no cells: its values are empty.
        cells.extend((0..block.columns.len()).map(|j| {
            r.cells
                .get(j)
                .and_then(|c| c.value.clone())
                .unwrap_or_default()
        }));
        out.push(cells.join("\t"));
    }
    out
}
