//! A table of the document: per block, the header as rows of merged cells (text, colspan,
//! rowspan) and the body rows with their values, drawn from the format's [`BlockLayout`].

use crate::format::{BlockLayout, CellRef, Table};
use crate::rules::Evaluation;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct DocTable {
    pub id: String,
    pub blocks: Vec<DocBlock>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DocHeaderCell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocColumn {
    pub id: String,
    pub label: String,
    /// Labels of the groups above it, outermost first (one over every column left out).
    pub groups: Vec<String>,
}

impl DocColumn {
    /// The groups and the label joined with `sep`, e.g. `法人或其他组织·商业企业`.
    pub fn flat_label(&self, sep: &str) -> String {
        let mut parts = self.groups.clone();
        parts.push(self.label.clone());
        parts.join(sep)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DocCell {
    pub column: String,
    pub value: Option<String>,
    /// A total the program computed (or compares a stated value against).
    pub computed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocRow {
    pub id: String,
    pub label: String,
    pub depth: usize,
    /// A group label such as （三）不予公开: no numbers of its own, `cells` is empty.
    pub group: bool,
    pub cells: Vec<DocCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocBlock {
    pub id: String,
    pub caption: Option<String>,
    /// The first column holds row labels (table 四 has none).
    pub has_row_labels: bool,
    /// Header rows, top first; with row labels the corner cell opens the first row and spans
    /// every header row.
    pub header: Vec<Vec<DocHeaderCell>>,
    pub columns: Vec<DocColumn>,
    pub rows: Vec<DocRow>,
}

impl DocTable {
    pub fn build(table: &Table, eval: &Evaluation) -> DocTable {
        DocTable {
            id: table.id.clone(),
            blocks: BlockLayout::of_table(table)
                .iter()
                .map(|l| DocBlock::build(l, eval))
                .collect(),
        }
    }

    /// Data columns of the widest block.
    pub fn data_columns(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.columns.len())
            .max()
            .unwrap_or(0)
    }
}

impl DocBlock {
    fn build(layout: &BlockLayout, eval: &Evaluation) -> DocBlock {
        let mut header: Vec<Vec<DocHeaderCell>> = vec![Vec::new(); layout.levels];
        if layout.has_row_labels
            && let Some(first) = header.first_mut()
        {
            first.push(DocHeaderCell {
                text: layout.block.corner.clone().unwrap_or_default(),
                colspan: 1,
                rowspan: layout.levels,
            });
        }
        // The layout's cells are sorted by level, then by first column: row order as drawn.
        for h in &layout.header {
            if let Some(row) = header.get_mut(h.level) {
                row.push(DocHeaderCell {
                    text: h.label.to_string(),
                    colspan: h.span,
                    rowspan: h.levels,
                });
            }
        }
        let columns = layout
            .columns
            .iter()
            .map(|c| DocColumn {
                id: c.id.to_string(),
                label: c.label.to_string(),
                groups: c.groups.iter().map(|g| g.to_string()).collect(),
            })
            .collect();
        let rows = layout
            .rows
            .iter()
            .map(|r| DocRow {
                id: r.id.to_string(),
                label: r.label.to_string(),
                depth: r.depth,
                group: r.group,
                cells: if r.group {
                    Vec::new()
                } else {
                    layout
                        .columns
                        .iter()
                        .map(|c| {
                            let cell = CellRef::new(&layout.table.id, r.id, c.id);
                            let state = eval.cells.get(&cell);
                            DocCell {
                                column: c.id.to_string(),
                                value: state
                                    .and_then(|s| s.display())
                                    .map(|v| crate::sanitize::text(&v).into_owned()),
                                computed: state.is_some_and(|s| s.is_computed),
                            }
                        })
                        .collect()
                },
            })
            .collect();
        DocBlock {
            id: layout.block.id.clone(),
            caption: layout.block.caption.clone(),
            has_row_labels: layout.has_row_labels,
            header,
            columns,
            rows,
        }
    }
}
