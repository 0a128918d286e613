//! The `grid` table style: box drawing, columns aligned by display width, long labels wrapped
//! inside their cells, and a table too wide for the page split into parts that each repeat
//! the row labels.

use super::canvas::{Canvas, Cell};
use crate::document::DocBlock;
use crate::textwidth::{Align, width};
use std::ops::Range;

/// Narrowest a value column gets: two Han characters.
const MIN_VALUE: usize = 4;
/// Value columns wider than this are narrowed first (their headers wrap).
const SOFT_MAX_VALUE: usize = 8;
/// Row labels keep this width while value columns can still give.
const COMFORT_LABEL: usize = 24;
/// Narrowest the row-label column gets.
const MIN_LABEL: usize = 12;
/// Spaces of indentation per level of the row tree.
const INDENT: usize = 2;

/// A header cell of the block placed on the grid of data columns (the corner left out).
struct Head<'a> {
    level: usize,
    levels: usize,
    start: usize,
    span: usize,
    label: &'a str,
}

/// A block of the document as the grid draws it: header cells with their columns.
struct Layout<'a> {
    block: &'a DocBlock,
    header: Vec<Head<'a>>,
    levels: usize,
}

impl<'a> Layout<'a> {
    /// Places the header rows' merged cells (HTML's table model: each cell takes the first
    /// column not covered by a cell spanning down from above).
    fn of(block: &'a DocBlock) -> Layout<'a> {
        let levels = block.header.len();
        let off = usize::from(block.has_row_labels);
        let cols = block.columns.len() + off;
        let mut taken = vec![vec![false; cols]; levels];
        let mut header = Vec::new();
        for (level, row) in block.header.iter().enumerate() {
            let mut x = 0;
            for cell in row {
                while x < cols && taken[level][x] {
                    x += 1;
                }
                for line in taken.iter_mut().skip(level).take(cell.rowspan.max(1)) {
                    for slot in line.iter_mut().skip(x).take(cell.colspan) {
                        *slot = true;
                    }
                }
                if x >= off {
                    header.push(Head {
                        level,
                        levels: cell.rowspan.max(1),
                        start: x - off,
                        span: cell.colspan,
                        label: &cell.text,
                    });
                }
                x += cell.colspan;
            }
        }
        Layout {
            block,
            header,
            levels,
        }
    }

    /// The value of body row `row` in data column `col`, if any.
    fn value(&self, row: usize, col: usize) -> Option<&'a str> {
        self.block.rows[row].cells.get(col)?.value.as_deref()
    }
}

struct Widths {
    label: Option<(usize, usize)>,
    /// (min, natural) per leaf column.
    values: Vec<(usize, usize)>,
}

fn measure(layout: &Layout) -> Widths {
    let label = layout.block.has_row_labels.then(|| {
        let natural = layout
            .block
            .rows
            .iter()
            .map(|r| r.depth * INDENT + width(&r.label))
            .max()
            .unwrap_or(0);
        (natural.clamp(2, MIN_LABEL), natural.max(2))
    });
    let values = layout
        .block
        .columns
        .iter()
        .enumerate()
        .map(|(j, c)| {
            let widest_value = (0..layout.block.rows.len())
                .filter_map(|i| layout.value(i, j))
                .map(width)
                .max()
                .unwrap_or(0);
            let min = widest_value.max(MIN_VALUE);
            (min, width(&c.label).max(min))
        })
        .collect();
    Widths { label, values }
}

/// Total line width of a part drawn with these content widths.
fn line_width(label: Option<usize>, values: &[usize]) -> usize {
    let cols = values.len() + usize::from(label.is_some());
    label.unwrap_or(0) + values.iter().sum::<usize>() + 3 * cols + 1
}

fn fits(w: &Widths, range: &Range<usize>, max: usize) -> bool {
    let mins: Vec<usize> = w.values[range.clone()].iter().map(|v| v.0).collect();
    line_width(w.label.map(|l| l.0), &mins) <= max
}

/// Splits the leaf columns into parts that fit `max`, cutting at the widest column groups
/// possible (行政复议 | 行政诉讼 before 未经复议直接起诉 | 复议后起诉 before single columns).
fn parts(layout: &Layout, w: &Widths, max: usize) -> Vec<Range<usize>> {
    fn units(
        layout: &Layout,
        w: &Widths,
        range: Range<usize>,
        level: usize,
        max: usize,
    ) -> Vec<Range<usize>> {
        if fits(w, &range, max) || range.len() == 1 {
            return vec![range];
        }
        let children: Vec<Range<usize>> = layout
            .header
            .iter()
            .filter(|h| {
                h.level == level + 1 && h.start >= range.start && h.start + h.span <= range.end
            })
            .map(|h| h.start..h.start + h.span)
            .collect();
        let children = if children.is_empty() || children.len() == 1 && children[0] == range {
            if level + 1 < layout.levels && !children.is_empty() {
                return units(layout, w, range, level + 1, max);
            }
            range.clone().map(|i| i..i + 1).collect()
        } else {
            children
        };
        children
            .into_iter()
            .flat_map(|r| units(layout, w, r, level + 1, max))
            .collect()
    }
    let top: Vec<Range<usize>> = layout
        .header
        .iter()
        .filter(|h| h.level == 0)
        .map(|h| h.start..h.start + h.span)
        .collect();
    let mut out: Vec<Range<usize>> = Vec::new();
    for unit in top.into_iter().flat_map(|r| units(layout, w, r, 0, max)) {
        match out.last_mut() {
            Some(last) if fits(w, &(last.start..unit.end), max) => last.end = unit.end,
            _ => out.push(unit),
        }
    }
    out
}

/// Content widths for one part: natural widths, narrowed until the line fits (or every column
/// is at its minimum) in this order: wide value headers down to 8 columns, the row labels
/// down to 24, value columns down to their minimum, the row labels down to theirs.
fn distribute(w: &Widths, range: &Range<usize>, max: usize) -> (Option<usize>, Vec<usize>) {
    let mut label = w.label.map(|l| l.1);
    let mut values: Vec<usize> = w.values[range.clone()].iter().map(|v| v.1).collect();
    let mins: Vec<usize> = w.values[range.clone()].iter().map(|v| v.0).collect();
    let label_min = w.label.map(|l| l.0).unwrap_or(0);
    let too_wide =
        |label: Option<usize>, values: &[usize]| line_width(label, values).saturating_sub(max);
    for i in 0..values.len() {
        let excess = too_wide(label, &values);
        let floor = SOFT_MAX_VALUE.max(mins[i]);
        if values[i] > floor {
            values[i] -= excess.min(values[i] - floor);
        }
    }
    let shrink_label = |label: &mut Option<usize>, floor: usize, excess: usize| {
        if let Some(l) = label {
            *l -= excess.min(l.saturating_sub(floor.max(label_min)));
        }
    };
    let excess = too_wide(label, &values);
    shrink_label(&mut label, COMFORT_LABEL, excess);
    while too_wide(label, &values) > 0 {
        let Some(i) = (0..values.len())
            .filter(|&i| values[i] > mins[i])
            .max_by_key(|&i| values[i])
        else {
            break;
        };
        // Even widths keep Han text wrapping two columns at a time.
        values[i] = values[i].saturating_sub(2).max(mins[i]);
    }
    let excess = too_wide(label, &values);
    shrink_label(&mut label, label_min, excess);
    (label, values)
}

/// Draws one block of a table, in as many parts as `max` columns need.
pub fn render_block(block: &DocBlock, max: usize) -> Vec<Vec<String>> {
    let layout = Layout::of(block);
    let w = measure(&layout);
    parts(&layout, &w, max)
        .into_iter()
        .map(|range| {
            let (label_w, values_w) = distribute(&w, &range, max);
            part(&layout, &range, label_w, values_w).render()
        })
        .collect()
}

fn part(layout: &Layout, range: &Range<usize>, label: Option<usize>, values: Vec<usize>) -> Canvas {
    let off = usize::from(label.is_some());
    // Header cells of this part, clipped to its columns.
    let header: Vec<(usize, usize, usize, usize, &str)> = layout
        .header
        .iter()
        .filter_map(|h| {
            let start = h.start.max(range.start);
            let end = (h.start + h.span).min(range.end);
            (start < end).then_some((h.level, h.level + h.levels, start, end, h.label))
        })
        .collect();
    // Header levels where no cell of this part starts are folded away (a part holding only
    // 行政复议 needs two header rows, not three).
    let mut used: Vec<usize> = header.iter().map(|h| h.0).collect();
    used.sort_unstable();
    used.dedup();
    let compact = |level: usize| used.iter().filter(|&&u| u < level).count();
    let levels = used.len();
    let mut cells = Vec::new();
    let mut widths = Vec::new();
    if let Some(l) = label {
        widths.push(l);
        cells.push(Cell {
            row: 0,
            rows: levels,
            col: 0,
            cols: 1,
            text: layout
                .block
                .header
                .first()
                .and_then(|r| r.first())
                .map(|c| c.text.clone())
                .unwrap_or_default(),
            align: Align::Left,
            indent: 0,
        });
    }
    widths.extend(values);
    for (top, bottom, start, end, text) in header {
        let row = compact(top);
        cells.push(Cell {
            row,
            rows: compact(bottom) - row,
            col: start - range.start + off,
            cols: end - start,
            text: text.to_string(),
            align: Align::Center,
            indent: 0,
        });
    }
    for (i, r) in layout.block.rows.iter().enumerate() {
        let row = levels + i;
        if label.is_some() {
            cells.push(Cell {
                row,
                rows: 1,
                col: 0,
                cols: 1,
                text: r.label.clone(),
                align: Align::Left,
                indent: r.depth * INDENT,
            });
        }
        for (j, col) in range.clone().enumerate() {
            // A group row has no cells.
            let text = layout.value(i, col).unwrap_or_default().to_string();
            cells.push(Cell {
                row,
                rows: 1,
                col: j + off,
                cols: 1,
                text,
                align: Align::Right,
                indent: 0,
            });
        }
    }
    Canvas {
        widths,
        rows: levels + layout.block.rows.len(),
        header_rows: levels,
        cells,
    }
}
