//! Reads the lines of one section that hold its table, in either of our layouts: tab-separated
//! rows (as agencies publish and as `tsv` export writes) or box-drawing grids (as `grid` export
//! writes, wrapped labels and split parts included).

use super::labels::normalize;
use crate::format::{BlockLayout, Format, Table};
use crate::trim::trim;
use compact_str::CompactString;
use rustc_hash::FxHashMap;

/// What one line of a table section turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Part of the table (caption, header, row, border).
    Table,
    /// Looked like a table line but could not be placed.
    Unplaced,
    /// Not a table line: section text.
    Text,
}

/// A row read from the table: which row, its values by leaf column index, and its line.
#[derive(Debug, Clone)]
pub struct RowRead {
    pub row: String,
    /// (leaf column index within the block, text) for each non-empty value (inline when
    /// short, as numbers are: a report's cells are not an allocation each).
    pub values: Vec<(usize, CompactString)>,
    /// Non-empty values beyond the block's last column.
    pub surplus: usize,
    pub line: usize,
    /// First leaf column of the grid part the row was read in (0 for tab-separated rows).
    pub part: usize,
}

/// What a table reader matches lines against, normalised once per format (see
/// [`super::prepared`]), not once per report.
pub struct ReaderWords {
    /// Each normalised label or alias: the rows printed so, as (block, id, whether a group),
    /// the first of each block, in block order.
    by_form: FxHashMap<String, Rows>,
    /// Each label and alias exactly as the format writes it: its rows as in `by_form`. A
    /// report that prints the labels as they are (most do) is read without normalising them.
    /// Not a form that normalises to a header's label: such a cell needs the header test.
    by_raw: FxHashMap<String, Rows>,
    /// For each block, the normalised labels a header line may hold (its column headings and
    /// its corner), and its normalised caption.
    header_labels: Vec<Vec<String>>,
    captions: Vec<Option<String>>,
    /// In characters: a line with more is no caption.
    longest_caption: Option<usize>,
    /// The first character of each normalised caption: a line starting otherwise is none.
    caption_firsts: Vec<char>,
    /// What a reader needs of each block's layout, laid out once per format.
    blocks: Vec<BlockFacts>,
}

/// Of one block: whether its rows print labels, its number of leaf columns, and its first
/// row that is not a group's (where a row without a label goes).
struct BlockFacts {
    has_row_labels: bool,
    columns: usize,
    first_leaf_row: Option<String>,
}

/// The rows a label names, as (block, row id, whether a group): the first of each block, in
/// block order.
type Rows = Vec<(usize, String, bool)>;

impl ReaderWords {
    pub fn new(table: &Table) -> Self {
        let layouts = BlockLayout::of_table(table);
        let mut by_form: FxHashMap<String, Rows> = FxHashMap::default();
        let mut raw_forms: Vec<(&str, String)> = Vec::new();
        for (b, l) in layouts.iter().enumerate() {
            for (r, _) in l.block.all_rows() {
                for form in std::iter::once(&r.label).chain(&r.aliases) {
                    let normalized = normalize(form);
                    raw_forms.push((form, normalized.clone()));
                    let found = by_form.entry(normalized).or_default();
                    if !found.iter().any(|(fb, _, _)| *fb == b) {
                        found.push((b, r.id.clone(), r.is_group()));
                    }
                }
            }
        }
        let header_labels: Vec<Vec<String>> = layouts
            .iter()
            .map(|l| {
                let headings = l.header.iter().map(|h| normalize(h.label));
                headings
                    .chain(l.block.corner.iter().map(|c| normalize(c)))
                    .collect()
            })
            .collect();
        let captions: Vec<Option<String>> = layouts
            .iter()
            .map(|l| l.block.caption.as_deref().map(normalize))
            .collect();
        let longest_caption = captions.iter().flatten().map(|c| c.chars().count()).max();
        let caption_firsts = captions
            .iter()
            .flatten()
            .filter_map(|c| c.chars().next())
            .collect();
        let blocks = layouts
            .iter()
            .map(|l| BlockFacts {
                has_row_labels: l.has_row_labels,
                columns: l.columns.len(),
                first_leaf_row: l.rows.iter().find(|r| !r.group).map(|r| r.id.to_string()),
            })
            .collect();
        let by_raw = raw_forms
            .into_iter()
            .filter(|(_, n)| !n.is_empty() && !header_labels.iter().flatten().any(|h| h == n))
            .filter_map(|(raw, n)| Some((raw.to_string(), by_form.get(&n)?.clone())))
            .collect();
        ReaderWords {
            by_form,
            by_raw,
            header_labels,
            captions,
            longest_caption,
            caption_firsts,
            blocks,
        }
    }
}

pub struct TableReader<'f> {
    words: &'f ReaderWords,
    block: Option<usize>,
    group: Option<String>,
    // Grid state.
    in_box: bool,
    in_body: bool,
    caption_since_box: bool,
    last_box_block: Option<usize>,
    offset: usize,
    part_cols: usize,
    /// Each cell's text so far, its lines joined (a wrapped cell continues on the next line).
    fragments: Vec<CompactString>,
    fragment_line: usize,
    pub rows: Vec<RowRead>,
    /// The header lines read before a block's first row, as (block, cells): what its columns
    /// are and in which order they were printed ([`super::columns`]).
    pub headers: Vec<(usize, Vec<CompactString>)>,
    /// The block of the last row read (a header after it is the header printed again).
    last_row_block: Option<usize>,
}

/// Runs `read` with a reader of `table` whose words are the format's, prepared once.
pub fn reading<R>(format: &Format, table: &Table, read: impl FnOnce(&mut TableReader) -> R) -> R {
    let prepared = super::prepared::prepared(format);
    let fresh;
    let words = match prepared.reader(format, table) {
        Some(words) => words,
        None => {
            // A table that is not the format's own (a test's copy).
            fresh = ReaderWords::new(table);
            &fresh
        }
    };
    read(&mut TableReader::new(table, words))
}

impl<'f> TableReader<'f> {
    /// A reader of `table` with its `words` (built by [`ReaderWords::new`] of the same table).
    pub fn new(table: &'f Table, words: &'f ReaderWords) -> Self {
        let single = (table.blocks.len() == 1).then_some(0);
        TableReader {
            words,
            block: single,
            group: None,
            in_box: false,
            in_body: false,
            caption_since_box: false,
            last_box_block: None,
            offset: 0,
            part_cols: 0,
            fragments: Vec::new(),
            fragment_line: 0,
            rows: Vec::new(),
            headers: Vec::new(),
            last_row_block: None,
        }
    }

    /// Reads one line (1-based `line` number) and says what it was.
    pub fn line(&mut self, line: usize, text: &str) -> LineKind {
        let trimmed = trim(text);
        if trimmed.is_empty() {
            return LineKind::Text;
        }
        let first = trimmed.chars().next().unwrap_or(' ');
        if let Some(b) = self.caption(trimmed) {
            self.block = Some(b);
            self.group = None;
            self.caption_since_box = true;
            return LineKind::Table;
        }
        match first {
            '┌' => {
                let continues = !self.caption_since_box
                    && self.last_box_block.is_some()
                    && self.last_box_block == self.block;
                self.offset = if continues {
                    self.offset + self.part_cols
                } else {
                    0
                };
                self.part_cols = 0;
                self.in_box = true;
                self.in_body = false;
                self.caption_since_box = false;
                self.last_box_block = self.block;
                LineKind::Table
            }
            '╞' if self.in_box => {
                self.in_body = true;
                LineKind::Table
            }
            '├' | '└' if self.in_box => {
                let kind = self.flush_fragments();
                if first == '└' {
                    self.in_box = false;
                }
                kind
            }
            '│' if self.in_box => {
                if !self.in_body {
                    return LineKind::Table;
                }
                let inner = trimmed.trim_matches('│');
                let cells = bar_cells(inner).map(trim);
                if self.fragments.is_empty() {
                    self.fragment_line = line;
                    self.fragments = cells.map(CompactString::from).collect();
                    LineKind::Table
                } else if bar_cells(inner).count() == self.fragments.len() {
                    for (f, c) in self.fragments.iter_mut().zip(cells) {
                        f.push_str(c);
                    }
                    LineKind::Table
                } else {
                    LineKind::Unplaced
                }
            }
            // memchr's vectorised search: std's `contains('\t')` goes a word at a time, and
            // most lines of a report hold no tab.
            _ if memchr::memchr(b'\t', text.as_bytes()).is_some() => {
                self.row(line, tab_cells(text), false)
            }
            _ => LineKind::Text,
        }
    }

    /// Ends a multi-line grid row: joins each cell's wrapped pieces and reads the row.
    fn flush_fragments(&mut self) -> LineKind {
        if self.fragments.is_empty() {
            return LineKind::Table;
        }
        let cells = std::mem::take(&mut self.fragments);
        match self.row(self.fragment_line, cells, true) {
            // The row's own lines were already counted as table lines; an unplaced row is
            // reported by its first line.
            LineKind::Unplaced => LineKind::Unplaced,
            _ => LineKind::Table,
        }
    }

    fn caption(&self, trimmed: &str) -> Option<usize> {
        // Normalising keeps one character per character that is not whitespace: a line with
        // more of them than the longest caption is none (most lines of a table region are
        // rows or text, and long).
        let longest = self.words.longest_caption?;
        // A normalised line starts with its first character folded to half width (a line
        // is trimmed: that character is no space): most lines of a table are rows, whose
        // first character (a bar, a digit, a row's label) starts no caption.
        let first = trimmed.chars().next().map(crate::value::narrow)?;
        if !first.is_whitespace() && !self.words.caption_firsts.contains(&first) {
            return None;
        }
        if trimmed
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(longest)
            .is_some()
        {
            return None;
        }
        let n = normalize(trimmed);
        self.words
            .captions
            .iter()
            .position(|c| c.as_deref() == Some(n.as_str()))
    }

    /// Every label a header line of a block may hold; `first` is the first cell normalised.
    fn is_header(&self, first: &str, rest: &[CompactString]) -> bool {
        let labels = &self.words.header_labels;
        let candidates = match self.block {
            Some(b) => &labels[b..=b],
            None => &labels[..],
        };
        // Cell by cell, each normalised once: a row's label settles it at its first cell.
        let mut alive: Vec<bool> = vec![true; candidates.len()];
        let mut any = false;
        let rest = rest.iter().map(|c| std::borrow::Cow::Owned(normalize(c)));
        for c in std::iter::once(std::borrow::Cow::Borrowed(first)).chain(rest) {
            if c.is_empty() {
                continue;
            }
            any = true;
            for (a, labels) in alive.iter_mut().zip(candidates) {
                *a = *a && labels.iter().any(|l| *l == *c);
            }
            if !alive.contains(&true) {
                return false;
            }
        }
        any
    }

    /// Finds a row by its printed label: in the current block first (under the current group
    /// first), then in the other blocks.
    fn find_row(&self, label: &str) -> Option<(usize, &'f str, bool)> {
        self.find_normalized(&normalize(label))
    }

    /// [`Self::find_row`] of a label already normalised.
    fn find_normalized(&self, n: &str) -> Option<(usize, &'f str, bool)> {
        if n.is_empty() {
            return None;
        }
        let words: &'f ReaderWords = self.words;
        self.choose(words.by_form.get(n)?)
    }

    /// Of the rows a label names, the one in the current block, else the first.
    fn choose(&self, found: &'f Rows) -> Option<(usize, &'f str, bool)> {
        let (b, id, group) = found
            .iter()
            .find(|(b, _, _)| Some(*b) == self.block)
            .or_else(|| found.first())?;
        Some((*b, id.as_str(), *group))
    }

    fn row(&mut self, line: usize, mut cells: Vec<CompactString>, grid: bool) -> LineKind {
        // A label printed as the format writes it is a row's, and no header's (`by_raw`).
        let words: &'f ReaderWords = self.words;
        let raw = cells.first().and_then(|c| words.by_raw.get(c.as_str()));
        let first = match raw {
            Some(_) => String::new(),
            None => cells.first().map(|c| normalize(c)).unwrap_or_default(),
        };
        if raw.is_none() && !grid && self.is_header(&first, cells.get(1..).unwrap_or_default()) {
            if let Some(b) = self.block
                && self.last_row_block != Some(b)
            {
                self.headers.push((b, cells));
            }
            return LineKind::Table;
        }
        let has_labels = match self.block {
            Some(b) => self.words.blocks[b].has_row_labels,
            None => true,
        };
        let row_id = if has_labels {
            if cells.is_empty() {
                return LineKind::Unplaced;
            }
            let found = match raw {
                Some(rows) => self.choose(rows),
                None => self.find_normalized(&first),
            };
            let Some((b, mut id, mut group)) = found else {
                return LineKind::Unplaced;
            };
            self.block = Some(b);
            cells.remove(0);
            // A group label printed on the line of its first sub-row (copied from a web page).
            if group
                && let Some(next) = cells.first().cloned()
                && let Some((b2, id2, g2)) = self.find_row(&next)
                && b2 == b
                && !g2
            {
                self.group = Some(id.to_string());
                id = id2;
                group = false;
                cells.remove(0);
            }
            if group {
                self.group = Some(id.to_string());
            }
            id.to_string()
        } else {
            let all_values = cells.iter().all(|c| {
                c.is_empty()
                    || c.chars()
                        .any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch))
            });
            if !all_values {
                return LineKind::Unplaced;
            }
            let Some(b) = self.block else {
                return LineKind::Unplaced;
            };
            match &self.words.blocks[b].first_leaf_row {
                Some(id) => id.clone(),
                None => return LineKind::Unplaced,
            }
        };
        let Some(b) = self.block else {
            return LineKind::Unplaced;
        };
        let ncols = self.words.blocks[b].columns;
        if grid && self.part_cols == 0 {
            // Every row of a grid part has all the part's cells, blank or not.
            self.part_cols = cells.len();
        }
        let offset = if grid { self.offset } else { 0 };
        let mut values = Vec::with_capacity(cells.len().min(ncols));
        let mut surplus = 0;
        for (i, v) in cells.into_iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            if offset + i < ncols {
                values.push((offset + i, v));
            } else {
                surplus += 1;
            }
        }
        self.rows.push(RowRead {
            row: row_id,
            values,
            surplus,
            line,
            part: offset,
        });
        self.last_row_block = Some(b);
        LineKind::Table
    }
}

/// The trimmed cells of a line between its tabs, as `text.split('\t')` gives them: found by
/// memchr's vectorised search (std's split searches for each tab anew, a word at a time),
/// with room for all of them at once.
fn tab_cells(text: &str) -> Vec<CompactString> {
    let tabs = || memchr::memchr_iter(b'\t', text.as_bytes());
    let mut cells = Vec::with_capacity(tabs().count() + 1);
    let mut from = 0;
    for at in tabs() {
        // A tab is ASCII: both ends are character boundaries.
        cells.push(CompactString::from(trim(&text[from..at])));
        from = at + 1;
    }
    cells.push(CompactString::from(trim(&text[from..])));
    cells
}

/// The cells of a grid line between its `│` bars, as `split('│')` gives them: std's search
/// for a `char` stops at every byte 0x82 (the bar's last), which Chinese text is full of;
/// here at the bar's first byte, 0xE2, which only punctuation and drawing shares.
fn bar_cells(line: &str) -> impl Iterator<Item = &str> + Clone {
    const BAR: &[u8] = "│".as_bytes();
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let s = rest?;
        let b = s.as_bytes();
        let mut from = 0;
        while let Some(i) = memchr::memchr(BAR[0], &b[from..]) {
            let at = from + i;
            if b[at..].starts_with(BAR) {
                rest = Some(&s[at + BAR.len()..]);
                return Some(&s[..at]);
            }
            from = at + 1;
        }
        rest = None;
        Some(s)
    })
}

#[cfg(test)]
mod bar_tests {
    use super::bar_cells;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn tab_cells_split_and_trim_as_std_does(line in "[\t 申请,0-9\u{3000}]{0,30}") {
            let ours: Vec<String> = super::tab_cells(&line).iter().map(|c| c.to_string()).collect();
            let std: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn bar_cells_split_as_std_does(line in "[│├─┼申请 ,“”…0-9\u{2500}-\u{257F}]{0,30}") {
            let ours: Vec<&str> = bar_cells(&line).collect();
            let std: Vec<&str> = line.split('│').collect();
            prop_assert_eq!(ours, std);
        }
    }
}
