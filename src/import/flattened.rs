//! Tables a crawler flattened one cell per line, with the bars of the page's cell borders
//! kept: `cell |` on each line, an empty cell a bare `|`, a row ended by a line of bars
//! (`||`, `|||`, …), or (another crawler) a row opened by `| ` before its first cell and
//! each cell's text followed by a bare `|` on the next line. The cells of a row are joined
//! into one tab-separated line, which every reader already understands as explicit cells
//! (blanks kept); the row keeps the line number of its first cell.

use crate::trim::trim;

/// Numbered lines of the text.
type Lines = Vec<(usize, String)>;

/// Below this many one-bar cell lines a text is not read as flattened (a stray `|` in prose).
const MIN_CELL_LINES: usize = 20;
/// And lines of bars that end a row.
const MIN_ROW_ENDS: usize = 2;

#[derive(Debug, PartialEq)]
enum Shape<'a> {
    /// Nothing but bars, two or more: the end of a row.
    RowEnd,
    /// `| text`: the start of a row and its first cell's text.
    RowStart(&'a str),
    /// `text |` (or a bare `|`, text empty): a cell and its end.
    Cell(&'a str),
    /// Anything else.
    Other,
}

fn shape(line: &str) -> Shape<'_> {
    let t = trim(line);
    // `|` is one byte in UTF-8 and no other character's part: counted as bytes.
    let bars = memchr::memchr_iter(b'|', t.as_bytes()).count();
    if bars >= 2 && t.chars().all(|c| c == '|' || c.is_whitespace()) {
        return Shape::RowEnd;
    }
    if bars != 1 {
        return Shape::Other;
    }
    if let Some(text) = t.strip_suffix('|') {
        return Shape::Cell(text.trim());
    }
    match t.strip_prefix('|') {
        Some(text) => Shape::RowStart(text.trim()),
        None => Shape::Other,
    }
}

/// Whether `text` holds bars enough to be flattened (one count over the whole text, not a
/// look at each line): each cell line has one bar and each row end two or more.
pub(super) fn may_be_flattened(text: &str) -> bool {
    memchr::memchr_iter(b'|', text.as_bytes()).count() >= MIN_CELL_LINES + 2 * MIN_ROW_ENDS
}

/// Whether the text holds tables flattened this way (and is not a Markdown pipe table,
/// whose lines have a bar at each end).
pub(super) fn looks_flattened(lines: &[(usize, String)]) -> bool {
    let (mut cells, mut ends) = (0, 0);
    for (_, l) in lines {
        match shape(l) {
            Shape::Cell(_) | Shape::RowStart(_) => cells += 1,
            Shape::RowEnd => ends += 1,
            Shape::Other => {}
        }
    }
    cells >= MIN_CELL_LINES && ends >= MIN_ROW_ENDS
}

/// The text with each flattened row joined into one tab-separated line.
pub(super) fn rejoin(lines: Lines) -> Lines {
    let mut out: Lines = Vec::with_capacity(lines.len());
    let mut row: Vec<String> = Vec::new();
    let mut row_line = 0;
    // A cell's text printed on the line before its bar.
    let mut pending: Option<String> = None;
    let flush = |row: &mut Vec<String>, row_line: usize, out: &mut Lines| {
        if !row.is_empty() {
            out.push((row_line, row.join("\t")));
            row.clear();
        }
    };
    for i in 0..lines.len() {
        let (n, line) = &lines[i];
        let next_is_bar = lines
            .get(i + 1)
            .is_some_and(|(_, l)| shape(l) == Shape::Cell(""));
        match shape(line) {
            Shape::RowEnd => {
                if let Some(p) = pending.take() {
                    row.push(p);
                }
                flush(&mut row, row_line, &mut out);
            }
            Shape::RowStart(text) => {
                if let Some(p) = pending.take() {
                    row.push(p);
                }
                flush(&mut row, row_line, &mut out);
                row_line = *n;
                pending = Some(text.to_string());
            }
            Shape::Cell(text) => {
                if row.is_empty() && pending.is_none() {
                    row_line = *n;
                }
                let cell = match pending.take() {
                    Some(p) if text.is_empty() => p,
                    Some(p) => {
                        row.push(p);
                        text.to_string()
                    }
                    None => text.to_string(),
                };
                row.push(cell);
            }
            Shape::Other if next_is_bar && !line.trim().is_empty() && pending.is_none() => {
                if row.is_empty() {
                    row_line = *n;
                }
                pending = Some(line.trim().to_string());
            }
            Shape::Other => {
                if let Some(p) = pending.take() {
                    row.push(p);
                }
                flush(&mut row, row_line, &mut out);
                out.push((*n, line.clone()));
            }
        }
    }
    if let Some(p) = pending.take() {
        row.push(p);
    }
    flush(&mut row, row_line, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The count of the whole text's bars rules out only texts that do not look flattened.
        #[test]
        fn a_text_ruled_out_does_not_look_flattened(
            cells in proptest::collection::vec("[一a1 ]{0,3}\\|", 0..30),
            ends in 0usize..4,
        ) {
            let mut text = cells.join("\n");
            for _ in 0..ends {
                text.push_str("\n| |");
            }
            let lines = numbered(&text);
            proptest::prop_assert!(!looks_flattened(&lines) || may_be_flattened(&text));
        }
    }

    fn numbered(text: &str) -> Lines {
        text.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string()))
            .collect()
    }

    #[test]
    fn cells_ending_in_a_bar_are_joined_up_to_the_row_end() {
        let text = "标题\n一、本年新收 |\n56 |\n|\n|\n56 |\n||\n二、上年结转 |\n0 |\n正文";
        let got = rejoin(numbered(text));
        assert_eq!(
            got,
            vec![
                (1, "标题".to_string()),
                (2, "一、本年新收\t56\t\t\t56".to_string()),
                (8, "二、上年结转\t0".to_string()),
                (10, "正文".to_string()),
            ]
        );
    }

    #[test]
    fn rows_opened_by_a_bar_with_each_bar_on_the_next_line_are_joined() {
        let text = "| 规章\n|\n1\n|\n0\n|\n11\n|\n| 行政规范性文件\n|\n8\n|\n三、收到";
        let got = rejoin(numbered(text));
        assert_eq!(
            got,
            vec![
                (1, "规章\t1\t0\t11".to_string()),
                (9, "行政规范性文件\t8".to_string()),
                (13, "三、收到".to_string()),
            ]
        );
    }

    #[test]
    fn markdown_tables_and_prose_are_not_flattened_tables() {
        let md: Lines = numbered(&"| 规章 | 1 | 0 | 11 |\n".repeat(30));
        assert!(!looks_flattened(&md));
        let prose: Lines = numbered(&"他说 | 是\n".repeat(30));
        assert!(!looks_flattened(&prose));
    }
}
