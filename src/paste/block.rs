//! Reading a pasted block into rows of cells, whatever the terminal made of its line breaks.
//!
//! Excel and WPS copy a range as tab-separated cells with CRLF after each row (a cell holding
//! a tab or a line break is quoted). Terminals deliver a paste with LF turned into CR, so CRLF
//! arrives as CR CR: read naively, every other row is blank and the data shifts down.

/// The rows of a pasted block, each a list of trimmed cells.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Block {
    pub rows: Vec<Vec<String>>,
    /// Every line break came doubled (CR CR or LF LF) and was read as one.
    pub doubled: bool,
    /// Read so, but a one-column block: its blank lines may as well be blank cells (a column
    /// copied with LF line ends, every other cell blank). Only the clerk can tell.
    pub ambiguous: bool,
}

/// How a block whose every line break came doubled is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Breaks {
    /// Each pair is one break, unless the block has one column (then `ambiguous`).
    #[default]
    Guess,
    /// Each pair is one break.
    Paired,
    /// Every break ends a row: the blank lines are blank cells.
    AsTyped,
}

/// Reads a block: LF, CRLF and CR each end a row; when every break is doubled (CR CR, what a
/// terminal makes of CRLF), each pair ends one row; a break at the very end adds no row.
pub fn read(text: &str) -> Block {
    read_with(text, Breaks::Guess)
}

/// [`read`], with doubled breaks read as `breaks` says.
pub fn read_with(text: &str, how: Breaks) -> Block {
    let lines = split(text, true).unwrap_or_else(|| split(text, false).unwrap_or_default());
    // (cells, the break after the line: None at the end of the text).
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut breaks_seen: Vec<Break> = Vec::new();
    for (cells, brk) in lines {
        rows.push(cells);
        if let Some(b) = brk {
            breaks_seen.push(b);
        }
    }
    // A trailing break ends the last row; it does not start another.
    if rows.len() > breaks_seen.len() && rows.last().is_some_and(|r| is_bare(r)) {
        rows.pop();
    }
    while rows.len() > 1 && rows.last().is_some_and(|r| is_bare(r)) {
        rows.pop();
    }
    let doubled = is_doubled(&rows, &breaks_seen) && how != Breaks::AsTyped;
    if doubled {
        // Every odd line is the empty one between the two halves of a doubled break.
        rows = rows.into_iter().step_by(2).collect();
    }
    let ambiguous = doubled && how == Breaks::Guess && rows.iter().all(|r| r.len() == 1);
    if rows.len() == 1 && is_bare(&rows[0]) {
        rows.clear();
    }
    Block {
        rows,
        doubled,
        ambiguous,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    CrLf,
    Cr,
    Lf,
}

/// A line with nothing at all on it (not even a tab): what the middle of a doubled break is.
fn is_bare(row: &[String]) -> bool {
    row.len() == 1 && row[0].is_empty()
}

/// Every break doubled: no CRLF (a terminal that kept CRLF did not double anything), and
/// every line between two content lines' breaks comes in pairs.
fn is_doubled(rows: &[Vec<String>], breaks: &[Break]) -> bool {
    if rows.len() < 3 || breaks.contains(&Break::CrLf) {
        return false;
    }
    rows.len() % 2 == 1
        && rows.iter().skip(1).step_by(2).all(|r| is_bare(r))
        && breaks.chunks(2).all(|p| p.len() < 2 || p[0] == p[1])
}

/// Splits into lines of cells, with the break that ended each. With `quotes`, a cell that
/// starts with `"` runs to its closing quote (`""` inside is a quote); `None` when a quote
/// never closes (then the text is read again without quotes).
fn split(text: &str, quotes: bool) -> Option<Vec<(Vec<String>, Option<Break>)>> {
    let mut lines = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut fresh = true;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if quotes && fresh => quoted = true,
            '\t' => cells.push(std::mem::take(&mut cell).trim().to_string()),
            '\r' | '\n' => {
                let brk = if c == '\n' {
                    Break::Lf
                } else if chars.peek() == Some(&'\n') {
                    chars.next();
                    Break::CrLf
                } else {
                    Break::Cr
                };
                cells.push(std::mem::take(&mut cell).trim().to_string());
                lines.push((std::mem::take(&mut cells), Some(brk)));
                fresh = true;
                continue;
            }
            _ => cell.push(c),
        }
        fresh = c == '\t';
    }
    if quoted {
        return None;
    }
    cells.push(cell.trim().to_string());
    lines.push((cells, None));
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        read(text).rows
    }

    const WANT: [[&str; 2]; 3] = [["1", "2"], ["3", "4"], ["5", "6"]];

    #[test]
    fn every_line_break_style_ends_one_row() {
        for text in [
            "1\t2\n3\t4\n5\t6\n",
            "1\t2\r\n3\t4\r\n5\t6\r\n",
            "1\t2\r3\t4\r5\t6\r",
            "1\t2\r\r3\t4\r\r5\t6\r\r",
            "1\t2\n\n3\t4\n\n5\t6",
        ] {
            assert_eq!(rows(text), WANT, "{text:?}");
        }
        assert!(read("1\t2\r\r3\t4\r\r5\t6\r\r").doubled);
        assert!(!read("1\t2\r\n3\t4\r\n5\t6\r\n").doubled);
    }

    #[test]
    fn an_empty_row_stays_a_row_single_or_double_spaced() {
        // A blank line between rows: CRLF kept, and the same block with CRLF doubled to CRCR.
        let want = vec![vec!["1"], vec![""], vec!["3"]];
        assert_eq!(rows("1\r\n\r\n3\r\n"), want);
        assert_eq!(rows("1\r\r\r\r3\r\r"), want);
        // Excel's blank row in a two-column range is a lone tab, never a doubled break.
        assert_eq!(
            rows("1\t2\r\t\r3\t4\r"),
            vec![vec!["1", "2"], vec!["", ""], vec!["3", "4"]]
        );
        assert!(!read("1\t2\r\t\r3\t4\r").doubled);
    }

    #[test]
    fn a_doubled_one_column_block_is_ambiguous_until_the_clerk_says() {
        // `41`, blank, `42` copied with LF ends reads the same as `41`, `42` with CRLF doubled.
        for text in ["41\n\n42\n", "41\r\r42\r", "41\r\r42\r\r43\r\r"] {
            let guess = read(text);
            assert!(guess.doubled && guess.ambiguous, "{text:?}");
        }
        let paired = read_with("41\r\r42\r", Breaks::Paired);
        assert_eq!(paired.rows, vec![vec!["41"], vec!["42"]]);
        assert!(paired.doubled && !paired.ambiguous);
        let typed = read_with("41\r\r42\r", Breaks::AsTyped);
        assert_eq!(typed.rows, vec![vec!["41"], vec![""], vec!["42"]]);
        assert!(!typed.doubled && !typed.ambiguous);
        // Two columns: a blank row of a range is a lone tab, so a bare line is half a break.
        assert!(!read("1\t2\r\r3\t4\r\r").ambiguous);
        // Not every break doubled: nothing to ask.
        assert!(!read("41\n\n42\n43\n").ambiguous);
    }

    #[test]
    fn quoted_cells_keep_their_breaks_and_an_open_quote_is_text() {
        assert_eq!(
            rows("\"a\r\nb\"\t1\r\n\"x\"\"y\"\t2"),
            vec![vec!["a\r\nb", "1"], vec!["x\"y", "2"]]
        );
        assert_eq!(
            rows("\"abc\t1\n2\t3"),
            vec![vec!["\"abc", "1"], vec!["2", "3"]]
        );
    }

    #[test]
    fn nothing_but_breaks_is_no_row() {
        assert!(read("").rows.is_empty());
        assert!(read("\r\r\n").rows.is_empty());
    }
}
