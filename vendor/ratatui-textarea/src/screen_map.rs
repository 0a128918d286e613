use crate::cursor::{DataCursor, ScreenCursor};
use crate::textarea::TextArea;
use crate::util::{char_width, num_digits};
use crate::wrap::{
    Piece, WrapMode, WrappedLine, effective_wrap_width, is_plain, wrap_from, wrapped_rows,
};
use std::ops::ControlFlow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ScreenLine {
    pub wrapped: WrappedLine,
    pub screen_width: usize,
    pub cursor_max_col: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DataLine {
    pub first_screen_line: usize,
    pub screen_line_count: usize,
    pub pure_ascii: bool,
}

/// (nianbao) What a wrap depends on besides the text: a change of any of these re-wraps every
/// line. The rest of the area (its height, its place on screen) changes no row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WrapKey {
    /// Columns of text in a row; `None` when lines are not wrapped (one row each).
    width: Option<usize>,
    mode: WrapMode,
    tab_len: u8,
    mask: Option<char>,
}

impl WrapKey {
    fn wrap(
        &self,
        line: &str,
        from: usize,
        emit: &mut dyn FnMut(Piece) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        match self.width {
            Some(width) => wrap_from(line, from, self.mode, width, self.tab_len, self.mask, emit),
            None => wrap_from(line, from, WrapMode::None, 1, self.tab_len, self.mask, emit),
        }
    }

    fn screen_line(&self, line: &str, wrapped: WrappedLine) -> ScreenLine {
        screen_line(line, wrapped, self.tab_len, self.mask)
    }
}

/// (nianbao) The text the screen map was last built from, and with what. Upstream re-wrapped
/// every line on every edit (in nianbao's 40 000-字 sections, ~48 M instructions a key). The map
/// is now updated from a comparison with this copy: only the lines that differ are re-wrapped,
/// and in a line, from a row or two before the first changed byte until the rows fall back onto
/// the old ones after the last. Comparing the copy costs a memcmp of the text; it catches every
/// edit, whichever method (or undo, or redo) made it, without each having to report its range.
#[derive(Debug, Clone, Default)]
pub(crate) struct ScreenMapBasis {
    key: Option<WrapKey>,
    lines: Vec<String>,
}

fn is_pure_ascii(line: &str) -> bool {
    line.is_ascii() && !line.contains('\t')
}

fn char_display_width(c: char, col: usize, tab_len: u8, mask: Option<char>) -> usize {
    // A masked line is drawn as one mask character per char, so each char is as wide as the mask.
    if let Some(mask) = mask {
        char_width(mask)
    } else if c == '\t' {
        let tab = tab_len.max(1) as usize;
        let pad = tab - (col % tab);
        pad.max(1)
    } else {
        char_width(c)
    }
}

fn display_width(text: &str, tab_len: u8, mask: Option<char>) -> usize {
    let mut col = 0usize;
    for c in text.chars() {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn screen_col_for_char_offset(
    text: &str,
    char_offset: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    for c in text.chars().take(char_offset) {
        col += char_display_width(c, col, tab_len, mask);
    }
    col
}

fn char_offset_for_screen_col(
    text: &str,
    screen_col: usize,
    tab_len: u8,
    mask: Option<char>,
) -> usize {
    let mut col = 0usize;
    let mut chars = 0usize;
    for c in text.chars() {
        if col >= screen_col {
            break;
        }
        let width = char_display_width(c, col, tab_len, mask);
        if col + width > screen_col {
            break;
        }
        col += width;
        chars += 1;
    }
    chars
}

/// (nianbao) A row of the screen map: its widths, from its text, as upstream's
/// `screen_map_load` computed them (the last row of a line takes the cursor after its last
/// character, the others not).
fn screen_line(line: &str, wrapped: WrappedLine, tab_len: u8, mask: Option<char>) -> ScreenLine {
    let (_, screen_width, before_last) =
        measure(&line[wrapped.start_byte..wrapped.end_byte], tab_len, mask);
    ScreenLine {
        wrapped,
        screen_width,
        cursor_max_col: if wrapped.last_in_row {
            screen_width
        } else {
            before_last
        },
    }
}

/// (nianbao) A row's characters, its width, and the column of its last character (0 when empty),
/// in one pass: upstream's `display_width` and `screen_col_for_char_offset(.., count - 1, ..)`.
fn measure(fragment: &str, tab_len: u8, mask: Option<char>) -> (usize, usize, usize) {
    let (mut chars, mut col, mut before_last) = (0, 0, 0);
    for c in fragment.chars() {
        before_last = col;
        col += char_display_width(c, col, tab_len, mask);
        chars += 1;
    }
    (chars, col, before_last)
}

/// (nianbao) Updates `screen`/`pointers`, built from the lines `old` with `key`, to `new`, and
/// makes `old` a copy of `new`. With `old` empty (and the map too), builds the map of `new`.
fn update_screen_map(
    key: &WrapKey,
    old: &mut Vec<String>,
    new: &[String],
    screen: &mut Vec<ScreenLine>,
    pointers: &mut Vec<DataLine>,
) {
    // The lines that differ: `old[lo..old_hi]` became `new[lo..new_hi]`.
    let common = old.len().min(new.len());
    let mut lo = 0;
    while lo < common && old[lo] == new[lo] {
        lo += 1;
    }
    if lo == old.len() && lo == new.len() {
        return;
    }
    let mut same_tail = 0;
    while same_tail < old.len() - lo
        && same_tail < new.len() - lo
        && old[old.len() - 1 - same_tail] == new[new.len() - 1 - same_tail]
    {
        same_tail += 1;
    }
    let (old_hi, new_hi) = (old.len() - same_tail, new.len() - same_tail);
    let row_lo = pointers
        .get(lo)
        .map_or(screen.len(), |d| d.first_screen_line);
    let row_hi = pointers
        .get(old_hi)
        .map_or(screen.len(), |d| d.first_screen_line);

    let mut rows = Vec::new();
    let mut lines = Vec::with_capacity(new_hi - lo);
    {
        let old_rows = |i: usize| {
            let d = &pointers[i];
            &screen[d.first_screen_line..d.first_screen_line + d.screen_line_count]
        };
        // The first changed line keeps its rows up to a row or two before the first byte that
        // changed; the last, its rows after the last byte that changed, once the new rows
        // reach one of them. Between the two, every row is wrapped anew.
        let head = if old_hi > lo && new_hi > lo {
            common_prefix(old[lo].as_bytes(), new[lo].as_bytes())
        } else {
            0
        };
        for i in lo..new_hi {
            let line = &new[i];
            let keep = (i == lo && old_hi > lo).then(|| {
                let r = old_rows(lo);
                (r, restart_row(r, line, head))
            });
            let join = (i + 1 == new_hi && old_hi > lo).then(|| {
                let o = &old[old_hi - 1];
                // The shared tail must not reach into the shared head of the same line.
                let mut tail = common_suffix(o.as_bytes(), line.as_bytes());
                if old_hi - 1 == lo {
                    tail = tail.min(o.len() - head);
                }
                if i == lo {
                    tail = tail.min(line.len() - head);
                }
                Join {
                    rows: old_rows(old_hi - 1),
                    old_at: o.len() - tail,
                    new_at: line.len() - tail,
                }
            });
            let first = rows.len();
            wrap_line_rows(key, i, line, keep, join, &mut rows);
            lines.push(DataLine {
                first_screen_line: row_lo + first,
                screen_line_count: rows.len() - first,
                pure_ascii: is_pure_ascii(line),
            });
        }
    }

    let row_count = rows.len();
    let row_shift = row_count as isize - (row_hi - row_lo) as isize;
    let line_shift = new_hi as isize - old_hi as isize;
    screen.splice(row_lo..row_hi, rows);
    if line_shift != 0 {
        for s in &mut screen[row_lo + row_count..] {
            s.wrapped.row = s.wrapped.row.wrapping_add_signed(line_shift);
        }
    }
    pointers.splice(lo..old_hi, lines);
    if row_shift != 0 {
        for d in &mut pointers[new_hi..] {
            d.first_screen_line = d.first_screen_line.wrapping_add_signed(row_shift);
        }
    }

    if old_hi - lo == new_hi - lo {
        for i in lo..old_hi {
            old[i].clone_from(&new[i]);
        }
    } else {
        old.splice(lo..old_hi, new[lo..new_hi].iter().cloned());
    }
}

/// The old rows a changed line may end on: those of the old line that shares the new line's
/// tail from `old_at` (in the old line) and `new_at` (in the new one) on.
struct Join<'a> {
    rows: &'a [ScreenLine],
    old_at: usize,
    new_at: usize,
}

/// Pushes the rows of `line` (line number `row`) to `out`: `keep`'s rows before the index given,
/// then the wrap from there on, ending on `join`'s rows when the wrap reaches one of them.
fn wrap_line_rows(
    key: &WrapKey,
    row: usize,
    line: &str,
    keep: Option<(&[ScreenLine], usize)>,
    join: Option<Join<'_>>,
    out: &mut Vec<ScreenLine>,
) {
    let first = out.len();
    let (from, mut col) = match keep {
        Some((rows, upto)) => {
            out.extend_from_slice(&rows[..upto]);
            (rows[upto].wrapped.start_byte, rows[upto].wrapped.start_col)
        }
        None => (0, 0),
    };

    // Where the wrap met the old rows: the old row's index, and the new row's column.
    let mut joined: Option<(usize, usize)> = None;
    let mut k = 0;
    let _ = key.wrap(line, from, &mut |piece| {
        if let Some(j) = &join
            && piece.restart
            && piece.start >= j.new_at
        {
            // The rest of the line is the old line's rest: once a row starts afresh where an old
            // row started afresh, in the same text, every row after is the old one, moved.
            let at = piece.start - j.new_at + j.old_at;
            while k < j.rows.len() && j.rows[k].wrapped.start_byte < at {
                k += 1;
            }
            if k < j.rows.len() && j.rows[k].wrapped.start_byte == at && j.rows[k].wrapped.restart {
                joined = Some((k, col));
                return ControlFlow::Break(());
            }
        }
        // Widths as `screen_line` gives them for a row that is not the line's last (the last
        // is measured again below).
        let (chars, screen_width, cursor_max_col) =
            measure(&line[piece.start..piece.end], key.tab_len, key.mask);
        let wrapped = WrappedLine {
            row,
            start_byte: piece.start,
            end_byte: piece.end,
            start_col: col,
            end_col: col + chars,
            first_in_row: false,
            last_in_row: false,
            restart: piece.restart,
        };
        out.push(ScreenLine {
            wrapped,
            screen_width,
            cursor_max_col,
        });
        col += chars;
        ControlFlow::Continue(())
    });
    if let (Some((k, col)), Some(j)) = (joined, &join) {
        let old_col = j.rows[k].wrapped.start_col;
        out.extend(j.rows[k..].iter().map(|s| {
            let mut s = *s;
            s.wrapped.start_byte = s.wrapped.start_byte - j.old_at + j.new_at;
            s.wrapped.end_byte = s.wrapped.end_byte - j.old_at + j.new_at;
            s.wrapped.start_col = s.wrapped.start_col - old_col + col;
            s.wrapped.end_col = s.wrapped.end_col - old_col + col;
            s
        }));
    }
    if out.len() == first {
        // An empty line has one empty row.
        let wrapped = WrappedLine {
            row,
            start_byte: 0,
            end_byte: 0,
            start_col: 0,
            end_col: 0,
            first_in_row: true,
            last_in_row: true,
            restart: true,
        };
        out.push(key.screen_line(line, wrapped));
        return;
    }

    let last = out.len() - 1;
    for (i, s) in out[first..].iter_mut().enumerate() {
        s.wrapped.row = row;
        s.wrapped.first_in_row = i == 0;
        let is_last = first + i == last;
        if s.wrapped.last_in_row != is_last {
            // The last row's widths differ (see `screen_line`).
            s.wrapped.last_in_row = is_last;
            *s = key.screen_line(line, s.wrapped);
        }
    }
}

/// The index of the row of an old line to re-wrap its new text from, when both are the same up
/// to byte `head`. The rows before it must stay what a wrap of the whole new line gives: the
/// wrap decided each of them from the words (or graphemes) up to and including the one that
/// starts the next row, and unicode-segmentation decides where a word ends by looking past it,
/// up to its second character that is not Extend, Format or ZWJ (UAX #29's WB4, WB6-7 and
/// WB11-12). So the restart row `R` is the one before a restart row `R2` that has two
/// characters known to be none of those between its start and `head`: whatever starts `R` ends
/// by `R2`, and is decided by `head`.
fn restart_row(rows: &[ScreenLine], line: &str, head: usize) -> usize {
    let mut head = head.min(line.len());
    while !line.is_char_boundary(head) {
        head -= 1;
    }
    let mut i = rows.partition_point(|r| r.wrapped.start_byte <= head);
    while i > 1 {
        i -= 1;
        let r = rows[i].wrapped;
        if r.restart
            && line[r.start_byte..head]
                .chars()
                .filter(|c| is_plain(*c))
                .nth(1)
                .is_some()
        {
            let mut j = i - 1;
            while j > 0 && !rows[j].wrapped.restart {
                j -= 1;
            }
            return j;
        }
    }
    0 // The first row starts afresh.
}

/// Bytes `a` and `b` share at their start (compared a block at a time: the lines are long).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// Bytes `a` and `b` share at their end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 64;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + BLOCK <= n && a[n - i - BLOCK..n - i] == b[n - i - BLOCK..n - i] {
        i += BLOCK;
    }
    while i < n && a[n - i - 1] == b[n - i - 1] {
        i += 1;
    }
    i
}

/// `Err` naming the first difference between two screen maps (`restart`: compare the restart
/// marks too; upstream's map has none).
fn compare_maps(
    what: &str,
    screen: &[ScreenLine],
    pointers: &[DataLine],
    other: &[ScreenLine],
    other_pointers: &[DataLine],
    restart: bool,
) -> Result<(), String> {
    for (i, (a, b)) in screen.iter().zip(other).enumerate() {
        let mut b = *b;
        if !restart {
            b.wrapped.restart = a.wrapped.restart;
        }
        if *a != b {
            return Err(format!("row {i}: {a:?}, {what} has {b:?}"));
        }
    }
    if screen.len() != other.len() {
        return Err(format!("{} rows, {what} has {}", screen.len(), other.len()));
    }
    if pointers != other_pointers {
        let i = pointers
            .iter()
            .zip(other_pointers)
            .position(|(a, b)| a != b)
            .unwrap_or(pointers.len().min(other_pointers.len()));
        return Err(format!(
            "line {i}: {:?}, {what} has {:?}",
            pointers.get(i),
            other_pointers.get(i)
        ));
    }
    Ok(())
}

impl TextArea<'_> {
    fn fallback_rows(&self) -> Vec<WrappedLine> {
        self.lines
            .iter()
            .enumerate()
            .map(|(row, line)| WrappedLine {
                row,
                start_byte: 0,
                end_byte: line.len(),
                start_col: 0,
                end_col: line.chars().count(),
                first_in_row: true,
                last_in_row: true,
                restart: false,
            })
            .collect()
    }

    /// Upstream's screen map, built the way upstream's `screen_map_load` built it on every edit
    /// (whole text, `wrapped_rows`): the reference `check_screen_map` compares against.
    fn reference_screen_map(&self) -> (Vec<ScreenLine>, Vec<DataLine>) {
        let wrap_width = if self.wrap_mode() != WrapMode::None {
            let width = self.area.get().width;
            if width > 0 {
                let line_number_len = self
                    .line_number_style()
                    .map(|_| num_digits(self.lines.len()));
                Some(effective_wrap_width(width, line_number_len))
            } else {
                None
            }
        } else {
            None
        };

        let rows = match wrap_width {
            Some(width) => wrapped_rows(
                &self.lines,
                self.wrap_mode(),
                width,
                self.tab_length(),
                self.mask_char(),
            ),
            None => self.fallback_rows(),
        };

        let mut screen_lines = Vec::with_capacity(rows.len());
        let mut data_pointers = vec![DataLine::default(); self.lines.len()];
        let mut current_row = 0usize;

        for (screen_idx, wrapped) in rows.into_iter().enumerate() {
            while current_row < wrapped.row {
                current_row += 1;
            }

            if data_pointers[wrapped.row].screen_line_count == 0 {
                data_pointers[wrapped.row].first_screen_line = screen_idx;
                data_pointers[wrapped.row].pure_ascii = is_pure_ascii(&self.lines[wrapped.row]);
            }
            data_pointers[wrapped.row].screen_line_count += 1;

            let fragment = &self.lines[wrapped.row][wrapped.start_byte..wrapped.end_byte];
            let char_count = wrapped.end_col.saturating_sub(wrapped.start_col);
            let cursor_max_col = if wrapped.last_in_row {
                display_width(fragment, self.tab_length(), self.mask_char())
            } else {
                screen_col_for_char_offset(
                    fragment,
                    char_count.saturating_sub(1),
                    self.tab_length(),
                    self.mask_char(),
                )
            };
            screen_lines.push(ScreenLine {
                wrapped,
                screen_width: display_width(fragment, self.tab_length(), self.mask_char()),
                cursor_max_col,
            });
        }

        (screen_lines, data_pointers)
    }

    fn wrap_key(&self) -> WrapKey {
        // As upstream's `screen_map_load` chose the wrap width.
        let width = if self.wrap_mode() != WrapMode::None {
            let width = self.area.get().width;
            if width > 0 {
                let line_number_len = self
                    .line_number_style()
                    .map(|_| num_digits(self.lines.len()));
                Some(effective_wrap_width(width, line_number_len))
            } else {
                None
            }
        } else {
            None
        };
        WrapKey {
            width,
            mode: self.wrap_mode(),
            tab_len: self.tab_length(),
            mask: self.mask_char(),
        }
    }

    /// Brings the screen map up to date with the text: only what changed since it was last
    /// built is re-wrapped (see `ScreenMapBasis`), everything when the wrap settings changed.
    pub(crate) fn screen_map_load(&self) {
        let key = self.wrap_key();
        let mut basis = self.screen_basis.borrow_mut();
        let mut screen = self.screen_lines.borrow_mut();
        let mut pointers = self.data_pointers.borrow_mut();
        if basis.key != Some(key) {
            basis.key = Some(key);
            basis.lines.clear();
            screen.clear();
            pointers.clear();
        }
        update_screen_map(
            &key,
            &mut basis.lines,
            &self.lines,
            &mut screen,
            &mut pointers,
        );
    }

    /// (nianbao) Checks the screen map kept up to date edit by edit: it must equal one built
    /// afresh from the text by the same code, and, but for the restart marks, the one upstream's
    /// code builds (`Err` tells the first difference). For tests of the incremental re-wrap;
    /// it re-wraps the whole text twice.
    #[doc(hidden)]
    pub fn check_screen_map(&self) -> Result<(), String> {
        self.ensure_screen_map();
        let key = self.wrap_key();
        let basis = self.screen_basis.borrow();
        if basis.key != Some(key) {
            return Err(format!(
                "built for {:?}, the text area now wraps as {key:?}",
                basis.key
            ));
        }
        if basis.lines != self.lines {
            return Err("the copy of the text differs from the text".to_string());
        }
        let screen = self.screen_lines.borrow();
        let pointers = self.data_pointers.borrow();

        let (mut fresh, mut fresh_pointers) = (Vec::new(), Vec::new());
        update_screen_map(
            &key,
            &mut Vec::new(),
            &self.lines,
            &mut fresh,
            &mut fresh_pointers,
        );
        compare_maps(
            "a fresh build",
            &screen,
            &pointers,
            &fresh,
            &fresh_pointers,
            true,
        )?;

        let (upstream, upstream_pointers) = self.reference_screen_map();
        compare_maps(
            "upstream's build",
            &screen,
            &pointers,
            &upstream,
            &upstream_pointers,
            false,
        )
    }

    /// (nianbao) Builds the screen map if it was never built (a text area is made without
    /// one: see `TextArea::new_wrapped`); every reader of the map asks this first.
    pub(crate) fn ensure_screen_map(&self) {
        let built = self.screen_basis.borrow().key.is_some();
        if !built {
            self.screen_map_load();
        }
    }

    pub(crate) fn screen_lines_count(&self) -> usize {
        self.ensure_screen_map();
        self.screen_lines.borrow().len()
    }

    pub(crate) fn screen_line_width(&self, row: usize) -> usize {
        self.ensure_screen_map();
        self.screen_lines.borrow()[row].screen_width
    }

    pub(crate) fn screen_line_max_cursor_col(&self, row: usize) -> usize {
        self.ensure_screen_map();
        self.screen_lines.borrow()[row].cursor_max_col
    }

    pub(crate) fn screen_line(&self, row: usize) -> ScreenLine {
        self.ensure_screen_map();
        self.screen_lines.borrow()[row]
    }

    pub(crate) fn screen_to_array(&self, screen: ScreenCursor) -> DataCursor {
        if let Some(dc) = screen.dc {
            return dc;
        }

        let line = self.screen_line(screen.row);
        let fragment =
            &self.lines[line.wrapped.row][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset =
            char_offset_for_screen_col(fragment, screen.col, self.tab_length(), self.mask_char());
        DataCursor(line.wrapped.row, line.wrapped.start_col + char_offset)
    }

    pub(crate) fn array_to_screen(&self, array: DataCursor) -> ScreenCursor {
        self.ensure_screen_map();
        let data_line = &self.data_pointers.borrow()[array.0];
        let screen_lines = self.screen_lines.borrow();

        let mut screen_idx = data_line.first_screen_line;
        for idx in
            data_line.first_screen_line..data_line.first_screen_line + data_line.screen_line_count
        {
            let line = screen_lines[idx];
            let contains = if line.wrapped.last_in_row {
                line.wrapped.start_col <= array.1 && array.1 <= line.wrapped.end_col
            } else {
                line.wrapped.start_col <= array.1 && array.1 < line.wrapped.end_col
            };
            if contains {
                screen_idx = idx;
                break;
            }
        }

        let line = screen_lines[screen_idx];
        let fragment = &self.lines[array.0][line.wrapped.start_byte..line.wrapped.end_byte];
        let char_offset = array.1.saturating_sub(line.wrapped.start_col);
        let col =
            screen_col_for_char_offset(fragment, char_offset, self.tab_length(), self.mask_char());

        // (nianbao) The character at the cursor, found from its row's start rather than the
        // line's: a few rows' worth of characters, not up to 40 000, on each call.
        let char = self.lines[array.0][line.wrapped.start_byte..]
            .chars()
            .nth(array.1.saturating_sub(line.wrapped.start_col));
        ScreenCursor {
            row: screen_idx,
            col,
            char,
            dc: Some(array),
        }
    }

    pub(crate) fn data_cursor(&self, screen: ScreenCursor) -> DataCursor {
        screen.to_array_cursor(self)
    }

    pub(crate) fn increment_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 + 1))
    }

    pub(crate) fn decrement_screen_cursor(&self, screen: ScreenCursor) -> ScreenCursor {
        let dc = self.data_cursor(screen);
        self.array_to_screen(DataCursor(dc.0, dc.1 - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_core::layout::Rect;

    fn make_textarea(lines: &[&str], wrap_mode: WrapMode, width: u16) -> TextArea<'static> {
        let mut textarea = TextArea::from(lines.iter().copied());
        textarea.set_wrap_mode(wrap_mode);
        textarea.area.set(Rect {
            x: 0,
            y: 0,
            width,
            height: 40,
        });
        textarea.screen_map_load();
        textarea
    }

    fn assert_round_trips(textarea: &TextArea<'_>) {
        for (row, line) in textarea.lines.iter().enumerate() {
            for col in 0..=line.chars().count() {
                let dc = DataCursor(row, col);
                let sc = textarea.array_to_screen(dc);
                assert_eq!(textarea.screen_to_array(sc), dc);

                let detached = ScreenCursor { dc: None, ..sc };
                assert_eq!(textarea.screen_to_array(detached), dc);
                assert_eq!(
                    textarea.array_to_screen(textarea.screen_to_array(detached)),
                    sc
                );
            }
        }
    }

    #[test]
    fn screen_map_round_trips_ascii_word_wrap() {
        let textarea = make_textarea(
            &[
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
            ],
            WrapMode::Word,
            24,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_cjk_glyph_wrap() {
        let textarea = make_textarea(
            &["混合中文字符和ASCIIabc来验证屏幕坐标与数据坐标的往返转换。"],
            WrapMode::Glyph,
            12,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    #[test]
    fn screen_map_round_trips_multilingual_word_or_glyph_wrap() {
        let textarea = make_textarea(
            &[
                "ASCII and русский текст can share one buffer.",
                "第二行 mixed-width 内容 with English words.",
            ],
            WrapMode::WordOrGlyph,
            18,
        );

        assert!(textarea.screen_lines_count() > textarea.lines.len());
        assert_round_trips(&textarea);
    }

    // (nianbao) Edits update the map to what a fresh build gives; nianbao's
    // src/tui/tests/section_wrap.rs tests the same over random edits.
    #[test]
    fn edits_update_the_map_to_a_fresh_build() {
        let long: String = "混合中文字符，和ASCII abc来验证。".repeat(40);
        for mode in [
            WrapMode::Word,
            WrapMode::Glyph,
            WrapMode::WordOrGlyph,
            WrapMode::None,
        ] {
            let mut textarea = make_textarea(&[&long, "can't stop e.g. 3.14", ""], mode, 13);
            for (row, col) in [(0, 0), (0, 200), (0, 640), (1, 5), (2, 0)] {
                textarea.move_cursor(crate::CursorMove::Jump(row, col));
                textarea.insert_str("，x'y");
                textarea.check_screen_map().unwrap();
                textarea.insert_newline();
                textarea.check_screen_map().unwrap();
                textarea.delete_char();
                textarea.delete_str(3);
                textarea.check_screen_map().unwrap();
                textarea.undo();
                textarea.check_screen_map().unwrap();
            }
        }
    }
}
