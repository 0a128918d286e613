//! Planning a paste into a statistics table: which cells a block copied from Excel/WPS goes
//! to, and everything it would otherwise lose, shift or contradict without a word. No terminal
//! here: the grid asks for a `Plan`, writes `Plan::writes` as one undo step and reports the
//! rest, with the totals `verify` finds disagreeing once the paste is in. A paste into a
//! section's text is made clean by [`text::clean`].

mod block;
mod labels;
pub mod text;

pub use block::{Block, Breaks, read, read_with};

use crate::draft::Draft;
use crate::format::{BlockLayout, CellRef, Format};
use crate::rules::{Stage, computed_cells, evaluate};
use labels::Named;

/// Where the paste starts: a data row of the table (in the grid's order) and a leaf column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub row: usize,
    pub col: usize,
}

/// Why nothing was pasted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasteError {
    #[error("the pasted text holds no cells")]
    Empty,
    #[error("the block has {width} columns; there are {room} from the cursor")]
    TooWide {
        width: usize,
        room: usize,
        /// The label of the row that is too narrow, when rows of the block differ in room
        /// (table 二's blocks: 3 columns, then 1).
        row: Option<String>,
    },
    #[error("the block has {height} rows; there are {room} from the cursor")]
    TooTall { height: usize, room: usize },
    #[error("no table {0}")]
    NoTable(String),
    /// Every line break of a one-column block came doubled: `paired` rows if each pair is one
    /// break, `as_typed` if the blank lines are blank cells (see [`Breaks`]).
    #[error("every line break came doubled: {paired} rows read as pairs, {as_typed} as typed")]
    Ambiguous { paired: usize, as_typed: usize },
}

/// What a paste does: cells to write and everything the summary must mention.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Non-blank values for cells one can type into, in block order.
    pub writes: Vec<(CellRef, String)>,
    /// Of `writes`, the values that are not valid for their cell (text, negative numbers):
    /// written all the same, so nothing is lost, and named.
    pub invalid: Vec<(CellRef, String)>,
    /// Values that fell on computed totals: never written, compared by `verify`.
    pub totals: Vec<(CellRef, String)>,
    /// Blank cells of the block on cells one can type into: left as they are.
    pub blanks: Vec<CellRef>,
    /// Rows of the block that were entirely blank (their cells are left as they are).
    pub empty_rows: usize,
    /// Column-label rows at the top, skipped.
    pub header_rows: usize,
    /// The block came with its row labels, and each row went to the row it names.
    pub labelled: bool,
    /// Every line break came doubled and was read as one.
    pub doubled: bool,
    /// Label text of rows that name no row of the table, with values: not pasted.
    pub unknown_rows: Vec<String>,
    /// Group rows (subtotals such as （三）不予公开) that came with values: the grid has no
    /// cells for them, so not pasted.
    pub group_rows: Vec<String>,
    /// The top-left and bottom-right cells the block covers.
    pub span: Option<(CellRef, CellRef)>,
}

/// A pasted total that disagrees with the total computed after the paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub cell: CellRef,
    pub pasted: String,
    /// None when nothing it adds up is filled.
    pub computed: Option<String>,
}

/// Plans pasting `text` into table `table_id` at `cursor`. A block that does not fit is
/// refused whole (blank cells past the edge do not count): nothing is ever cut off.
pub fn plan(
    format: &Format,
    table_id: &str,
    cursor: Cursor,
    text: &str,
) -> Result<Plan, PasteError> {
    plan_with(format, table_id, cursor, text, Breaks::Guess)
}

/// [`plan`], with doubled line breaks read as `breaks` says (the clerk's answer when
/// [`plan`] found them [`PasteError::Ambiguous`]).
pub fn plan_with(
    format: &Format,
    table_id: &str,
    cursor: Cursor,
    text: &str,
    breaks: Breaks,
) -> Result<Plan, PasteError> {
    let table = format
        .table(table_id)
        .ok_or_else(|| PasteError::NoTable(table_id.to_string()))?;
    let layouts = BlockLayout::of_table(table);
    // The grid's data rows: (block, row id), in order.
    let data: Vec<(usize, &str)> = layouts
        .iter()
        .enumerate()
        .flat_map(|(b, l)| l.rows.iter().filter(|r| !r.group).map(move |r| (b, r.id)))
        .collect();
    let block = read_with(text, breaks);
    if block.ambiguous {
        return Err(PasteError::Ambiguous {
            paired: block.rows.len(),
            as_typed: read_with(text, Breaks::AsTyped).rows.len(),
        });
    }
    let mut plan = Plan {
        doubled: block.doubled,
        ..Plan::default()
    };
    let mut rows = block.rows;
    plan.header_rows = rows
        .iter()
        .take_while(|r| labels::is_header(&layouts, r))
        .count();
    rows.drain(..plan.header_rows);
    let filled = |r: &[String]| r.iter().any(|c| !c.is_empty());
    let Some(last) = rows.iter().rposition(|r| filled(r)) else {
        return Err(PasteError::Empty);
    };
    rows.truncate(last + 1);
    let widest = layouts.iter().map(|l| l.columns.len()).max().unwrap_or(0);
    let label_cols = labels::label_columns(table, &rows, widest);
    plan.labelled = label_cols > 0;

    // Each block row: its target data row (None: not pasted) and its values.
    let mut targets: Vec<(Option<usize>, &[String])> = Vec::new();
    if plan.labelled {
        let mut group: Option<String> = None;
        for r in &rows {
            // A number where a label could be starts the values (a row without a sub-label).
            let lead = r
                .iter()
                .take(label_cols)
                .position(|c| labels::looks_numeric(c))
                .unwrap_or(label_cols.min(r.len()));
            let (names, values) = r.split_at(lead);
            let has_values = filled(values);
            let target = match labels::named(format, table, names, group.as_deref()) {
                Named::Row(id) => data.iter().position(|(_, d)| *d == id),
                Named::Group(id) => {
                    if has_values {
                        plan.group_rows.push(id.clone());
                    }
                    group = Some(id);
                    None
                }
                Named::Unknown(text) if has_values => {
                    plan.unknown_rows.push(text);
                    None
                }
                Named::NoLabel if has_values => {
                    plan.unknown_rows.push(String::new());
                    None
                }
                _ => None,
            };
            targets.push((target, values));
        }
    } else {
        let room = data.len().saturating_sub(cursor.row);
        if rows.len() > room {
            return Err(PasteError::TooTall {
                height: rows.len(),
                room,
            });
        }
        for (i, r) in rows.iter().enumerate() {
            targets.push((Some(cursor.row + i), r.as_slice()));
        }
    }

    // Where the values start: a labelled block as wide as its rows starts at the first
    // column (a copy of whole rows); anything else at the cursor's column.
    let raw_width = targets.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    let start_of = |d: usize| {
        let cols = layouts[data[d].0].columns.len();
        if plan.labelled && raw_width == cols {
            0
        } else {
            cursor.col
        }
    };
    let extent = |v: &[String]| v.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    let width = targets.iter().map(|(_, v)| extent(v)).max().unwrap_or(0);
    let mut first_room = None;
    for (d, v) in &targets {
        if let Some(d) = *d {
            let r = layouts[data[d].0].columns.len().saturating_sub(start_of(d));
            let first = *first_room.get_or_insert(r);
            if extent(v) > r {
                let row = (r != first).then(|| {
                    format
                        .row(table_id, data[d].1)
                        .map_or_else(|| data[d].1.to_string(), |n| n.node.label.clone())
                });
                return Err(PasteError::TooWide {
                    width,
                    room: r,
                    row,
                });
            }
        }
    }

    let computed = computed_cells(format);
    let mut span: Option<(usize, usize, usize, usize)> = None;
    for (d, values) in &targets {
        let Some(d) = *d else { continue };
        let (b, row_id) = data[d];
        let cols = &layouts[b].columns;
        let start = start_of(d);
        if !filled(values) {
            plan.empty_rows += 1;
        }
        let last_col = start + width.max(1) - 1;
        span = Some(match span {
            None => (d, d, start, last_col),
            Some((r0, r1, c0, c1)) => (r0.min(d), r1.max(d), c0.min(start), c1.max(last_col)),
        });
        for (j, value) in values.iter().enumerate() {
            let Some(col) = cols.get(start + j) else {
                continue;
            };
            let cell = CellRef::new(&table.id, row_id, col.id);
            let is_total = computed.contains(&cell);
            match (value.is_empty(), is_total) {
                (true, true) => {}
                (true, false) => plan.blanks.push(cell),
                (false, true) => plan.totals.push((cell, value.clone())),
                (false, false) => {
                    let valid = format
                        .cell_type(&cell)
                        .is_some_and(|ty| crate::value::parse(value, ty).is_ok());
                    if !valid {
                        plan.invalid.push((cell.clone(), value.clone()));
                    }
                    plan.writes.push((cell, value.clone()));
                }
            }
        }
    }
    plan.span = span.and_then(|(r0, r1, c0, c1)| {
        let cell = |d: usize, c: usize| {
            let (b, id) = data[d];
            let cols = &layouts[b].columns;
            let col = cols.get(c).or(cols.last())?;
            Some(CellRef::new(&table.id, id, col.id))
        };
        Some((cell(r0, c0)?, cell(r1, c1)?))
    });
    Ok(plan)
}

/// The pasted totals that disagree with the totals of the draft after the paste.
pub fn verify(format: &Format, draft: &Draft, plan: &Plan) -> Vec<Mismatch> {
    if plan.totals.is_empty() {
        return Vec::new();
    }
    // Totals do not depend on the date; only the year check does, and it is not looked at.
    let eval = evaluate(format, draft, Stage::Drafting, chrono::NaiveDate::default());
    let mut out = Vec::new();
    for (cell, pasted) in &plan.totals {
        let computed = eval.cells.get(cell).and_then(|s| s.computed);
        let read = format
            .cell_type(cell)
            .and_then(|ty| crate::value::parse(pasted, ty).ok());
        if read.is_none() || read != computed {
            out.push(Mismatch {
                cell: cell.clone(),
                pasted: pasted.clone(),
                computed: computed.map(|n| n.to_string()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
