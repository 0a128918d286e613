//! Draws a table with box-drawing characters: cells may span rows and columns, text is wrapped
//! inside its cell by display width, and every border joint gets the right character.
//!
//! The line under the header rows is drawn double (`╞═╪═╡`), so a reader (and our importer)
//! can tell the header from the body.

use crate::textwidth::{Align, char_width, pad, wrap};

#[derive(Debug, Clone)]
pub struct Cell {
    pub row: usize,
    pub rows: usize,
    pub col: usize,
    pub cols: usize,
    pub text: String,
    pub align: Align,
    /// Spaces before every wrapped line (row-label indentation).
    pub indent: usize,
}

#[derive(Debug)]
pub struct Canvas {
    /// Content width of each column, in display columns.
    pub widths: Vec<usize>,
    pub rows: usize,
    /// Rows above the double line.
    pub header_rows: usize,
    pub cells: Vec<Cell>,
}

const UP: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const RIGHT: u8 = 8;

#[derive(Clone, Copy)]
enum Slot {
    Empty,
    Border(u8),
    Text(char),
    /// The right half of a wide character.
    Cont,
}

impl Canvas {
    fn span_width(&self, col: usize, cols: usize) -> usize {
        self.widths[col..col + cols].iter().sum::<usize>() + 3 * (cols - 1)
    }

    fn wrapped(&self, c: &Cell) -> Vec<String> {
        let w = self
            .span_width(c.col, c.cols)
            .saturating_sub(c.indent)
            .max(1);
        let indent = " ".repeat(c.indent);
        c.text
            .split('\n')
            .flat_map(|p| wrap(p, w))
            .map(|l| {
                if l.is_empty() {
                    l
                } else {
                    format!("{indent}{l}")
                }
            })
            .collect()
    }

    /// Heights of each row so every cell's text fits.
    fn heights(&self) -> Vec<usize> {
        let mut h = vec![1; self.rows];
        let mut cells: Vec<&Cell> = self.cells.iter().collect();
        cells.sort_by_key(|c| c.rows);
        for c in cells {
            let need = self.wrapped(c).len();
            let have: usize = h[c.row..c.row + c.rows].iter().sum::<usize>() + (c.rows - 1);
            if need > have {
                h[c.row + c.rows - 1] += need - have;
            }
        }
        h
    }

    pub fn render(&self) -> Vec<String> {
        let heights = self.heights();
        let mut xs = vec![0];
        for w in &self.widths {
            xs.push(xs[xs.len() - 1] + w + 3);
        }
        let mut ys = vec![0];
        for h in &heights {
            ys.push(ys[ys.len() - 1] + h + 1);
        }
        let (wid, hei) = (xs[xs.len() - 1] + 1, ys[ys.len() - 1] + 1);
        let mut grid = vec![vec![Slot::Empty; wid]; hei];
        let mut mark = |y: usize, x: usize, f: u8| {
            if let Slot::Border(old) = grid[y][x] {
                grid[y][x] = Slot::Border(old | f);
            } else {
                grid[y][x] = Slot::Border(f);
            }
        };
        for c in &self.cells {
            let (x0, x1) = (xs[c.col], xs[c.col + c.cols]);
            let (y0, y1) = (ys[c.row], ys[c.row + c.rows]);
            for y in [y0, y1] {
                for x in x0..x1 {
                    mark(y, x, RIGHT);
                    mark(y, x + 1, LEFT);
                }
            }
            for x in [x0, x1] {
                for y in y0..y1 {
                    mark(y, x, DOWN);
                    mark(y + 1, x, UP);
                }
            }
        }
        for c in &self.cells {
            let w = self.span_width(c.col, c.cols);
            for (i, line) in self.wrapped(c).iter().enumerate() {
                let y = ys[c.row] + 1 + i;
                let mut x = xs[c.col] + 2;
                for ch in pad(line, w, c.align).chars() {
                    let cw = char_width(ch);
                    grid[y][x] = Slot::Text(ch);
                    if cw == 2 {
                        grid[y][x + 1] = Slot::Cont;
                    }
                    x += cw;
                }
            }
        }
        let double_at =
            (self.header_rows > 0 && self.header_rows < self.rows).then(|| ys[self.header_rows]);
        grid.iter()
            .enumerate()
            .map(|(y, line)| {
                line.iter()
                    .filter_map(|s| match *s {
                        Slot::Empty => Some(' '),
                        Slot::Text(c) => Some(c),
                        Slot::Cont => None,
                        Slot::Border(f) => Some(joint(f, Some(y) == double_at)),
                    })
                    .collect()
            })
            .collect()
    }
}

fn joint(f: u8, double: bool) -> char {
    let (u, d, l, r) = (f & UP != 0, f & DOWN != 0, f & LEFT != 0, f & RIGHT != 0);
    match (u, d, l || r, double) {
        (true, true, false, _) | (true, false, false, _) | (false, true, false, _) => '│',
        _ if !double => match (u, d, l, r) {
            (false, true, false, true) => '┌',
            (false, true, true, false) => '┐',
            (true, false, false, true) => '└',
            (true, false, true, false) => '┘',
            (true, true, false, true) => '├',
            (true, true, true, false) => '┤',
            (false, true, true, true) => '┬',
            (true, false, true, true) => '┴',
            (true, true, true, true) => '┼',
            _ => '─',
        },
        _ => match (u, d, l, r) {
            (false, true, false, true) => '╒',
            (false, true, true, false) => '╕',
            (true, false, false, true) => '╘',
            (true, false, true, false) => '╛',
            (true, true, false, true) => '╞',
            (true, true, true, false) => '╡',
            (false, true, true, true) => '╤',
            (true, false, true, true) => '╧',
            (true, true, true, true) => '╪',
            _ => '═',
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: usize, rows: usize, col: usize, cols: usize, text: &str) -> Cell {
        Cell {
            row,
            rows,
            col,
            cols,
            text: text.into(),
            align: Align::Left,
            indent: 0,
        }
    }

    #[test]
    fn spans_get_the_right_joints() {
        let canvas = Canvas {
            widths: vec![4, 2, 2],
            rows: 3,
            header_rows: 2,
            cells: vec![
                cell(0, 2, 0, 1, "项目"),
                cell(0, 1, 1, 2, "合计"),
                cell(1, 1, 1, 1, "甲"),
                cell(1, 1, 2, 1, "乙"),
                cell(2, 1, 0, 1, "行"),
                cell(2, 1, 1, 1, "1"),
                cell(2, 1, 2, 1, "2"),
            ],
        };
        let lines = canvas.render();
        let expected = [
            "┌──────┬─────────┐",
            "│ 项目 │ 合计    │",
            "│      ├────┬────┤",
            "│      │ 甲 │ 乙 │",
            "╞══════╪════╪════╡",
            "│ 行   │ 1  │ 2  │",
            "└──────┴────┴────┘",
        ];
        assert_eq!(lines, expected);
    }

    #[test]
    fn long_text_wraps_and_grows_the_row() {
        let canvas = Canvas {
            widths: vec![4],
            rows: 1,
            header_rows: 0,
            cells: vec![cell(0, 1, 0, 1, "一二三四五")],
        };
        assert_eq!(
            canvas.render(),
            ["┌──────┐", "│ 一二 │", "│ 三四 │", "│ 五   │", "└──────┘"]
        );
    }
}
