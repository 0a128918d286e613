//! Editing one section's text: a wrapping multi-line editor with undo, paste and the real
//! terminal cursor at the caret (so the input method's candidate window follows it).

use super::keymap::Action;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Block;
use ratatui_textarea::{CursorMove, Scrolling, TextArea, WrapMode};

pub struct SectionEditor {
    area: TextArea<'static>,
}

impl SectionEditor {
    /// Control characters in the text (from an imported file, say) are shown as visible
    /// symbols (`␛`), which they become in the draft once the section is edited.
    pub fn new(text: &str) -> SectionEditor {
        let text = crate::sanitize::text(text);
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new_wrapped(lines, WrapMode::WordOrGlyph);
        // We draw the real cursor ourselves; the widget's painted one would be a second cursor.
        area.set_cursor_style(Style::default());
        area.set_cursor_line_style(Style::default());
        area.set_max_histories(200);
        SectionEditor { area }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Replaces the whole text (after an external editor), as one undoable step.
    pub fn set_text(&mut self, text: &str) {
        self.area.select_all();
        self.area.cut();
        self.area.insert_str(crate::sanitize::text(text));
    }

    /// Number of characters, not counting line breaks and spaces (what a clerk calls 字数).
    pub fn char_count(&self) -> usize {
        self.area
            .lines()
            .iter()
            .map(|l| non_whitespace_chars(l))
            .sum()
    }

    /// Actions the editor handles itself while the clerk types (no other part of the view is
    /// concerned).
    pub fn edits_or_moves(action: &Action) -> bool {
        matches!(
            action,
            Action::Char(_)
                | Action::Enter
                | Action::Backspace
                | Action::Delete
                | Action::Undo
                | Action::Redo
                | Action::Left
                | Action::Right
                | Action::Up
                | Action::Down
                | Action::Home
                | Action::End
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
        )
    }

    /// Applies an editing action; true when the text changed.
    pub fn act(&mut self, action: &Action) -> bool {
        let a = &mut self.area;
        match action {
            Action::Char(c) => {
                a.insert_char(*c);
                true
            }
            Action::Enter => {
                a.insert_newline();
                true
            }
            Action::Backspace => a.delete_char(),
            Action::Delete => a.delete_next_char(),
            Action::Undo => a.undo(),
            Action::Redo => a.redo(),
            Action::Left => {
                a.move_cursor(CursorMove::Back);
                false
            }
            Action::Right => {
                a.move_cursor(CursorMove::Forward);
                false
            }
            Action::Up => {
                a.move_cursor(CursorMove::Up);
                false
            }
            Action::Down => {
                a.move_cursor(CursorMove::Down);
                false
            }
            Action::Home => {
                a.move_cursor(CursorMove::Head);
                false
            }
            Action::End => {
                a.move_cursor(CursorMove::End);
                false
            }
            Action::PageUp => {
                a.scroll(Scrolling::PageUp);
                false
            }
            Action::PageDown => {
                a.scroll(Scrolling::PageDown);
                false
            }
            Action::Top => {
                a.move_cursor(CursorMove::Top);
                a.move_cursor(CursorMove::Head);
                false
            }
            Action::Bottom => {
                a.move_cursor(CursorMove::Bottom);
                a.move_cursor(CursorMove::End);
                false
            }
            _ => false,
        }
    }

    /// Inserts pasted text made clean ([`crate::paste::text::clean`]); says what was done to
    /// it, and whether anything was inserted.
    pub fn paste(&mut self, text: &str) -> (crate::paste::text::Cleaned, bool) {
        let mut cleaned = crate::paste::text::clean(text);
        let inserted = self.area.insert_str(std::mem::take(&mut cleaned.text));
        (cleaned, inserted)
    }

    /// Moves the caret to a line of the text (from a diagnostic).
    pub fn go_to_line(&mut self, line: usize) {
        self.area
            .move_cursor(CursorMove::Jump(line.min(u16::MAX as usize) as u16, 0));
    }

    /// Moves the caret to a line and column (where the clerk left it).
    pub fn go_to(&mut self, row: usize, col: usize) {
        self.area.move_cursor(CursorMove::Jump(
            row.min(u16::MAX as usize) as u16,
            col.min(u16::MAX as usize) as u16,
        ));
    }

    /// The widget keeps its old top line while the caret is inside the pane, so after PgDn
    /// past the end, or undoing a long paste, the pane would show one line at its top and
    /// blank below. Pull the top back so the text's end is at the pane's bottom at most
    /// (never past the caret), without moving the caret.
    fn keep_text_in_view(&mut self, height: u16) {
        let (top, _) = self.area.scroll_offset();
        if top == 0 || height == 0 {
            return;
        }
        let (row, col) = self.cursor();
        let caret_row = self.area.screen_cursor().row;
        // Where the pane is full for sure, finding the text's last row (a walk over the whole
        // wrapped text, on every frame of a long section) is not needed: the caret on the
        // pane's last row, or more lines after the caret than the pane holds.
        let lines_after = self.area.lines().len().saturating_sub(row + 1);
        if caret_row + 1 >= top as usize + height as usize || lines_after >= height as usize {
            return;
        }
        self.area.move_cursor(CursorMove::Bottom);
        self.area.move_cursor(CursorMove::End);
        let last_row = self.area.screen_cursor().row;
        let max_top = (last_row + 1).saturating_sub(height as usize);
        let target = max_top.min(caret_row);
        if (top as usize) > target {
            let up = (top as usize - target).min(i16::MAX as usize) as i16;
            self.area.scroll(Scrolling::Delta { rows: -up, cols: 0 });
        }
        // Scrolling may pull the caret into the old pane's rows; it stays where it was.
        self.area.move_cursor(CursorMove::Jump(
            row.min(u16::MAX as usize) as u16,
            col.min(u16::MAX as usize) as u16,
        ));
    }

    /// The wrapped rows kept edit by edit equal a fresh wrap (see tests/section_wrap.rs).
    #[cfg(test)]
    pub fn check_wrap(&self) -> Result<(), String> {
        self.area.check_screen_map()
    }

    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    /// Draws the editor in `block` and puts the terminal cursor at the caret when focused.
    pub fn render(&mut self, frame: &mut Frame, area: Rect, block: Block, focused: bool) {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        self.keep_text_in_view(inner.height);
        frame.render_widget(&self.area, inner);
        if focused && inner.width > 0 && inner.height > 0 {
            let sc = self.area.screen_cursor();
            let (top, left) = self.area.scroll_offset();
            let row = sc.row.saturating_sub(top as usize);
            let col = sc.col.saturating_sub(left as usize);
            let x = inner.x + (col as u16).min(inner.width - 1);
            let y = inner.y + (row as u16).min(inner.height - 1);
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

/// The characters of `s` that are not whitespace (`char::is_whitespace`). The count is drawn on
/// every frame, and decoding a 40 000-字 section character by character for it cost ~1.7 M
/// instructions a frame; this reads the bytes instead, in blocks whose counts fit a byte
/// (~0.6 M; the test below holds it to `char::is_whitespace`).
fn non_whitespace_chars(s: &str) -> usize {
    let b = s.as_bytes();
    let n = b.len();
    let mut total = 0;
    let mut i = 0;
    while i + 2 < n {
        let end = (i + 255).min(n - 2);
        let mut block = 0u8;
        let (xs, ys, zs) = (&b[i..end], &b[i + 1..end + 1], &b[i + 2..end + 2]);
        for ((&x, &y), &z) in xs.iter().zip(ys).zip(zs) {
            block += u8::from(counts(x, y, z));
        }
        total += usize::from(block);
        i = end;
    }
    for j in i..n {
        total += usize::from(counts(b[j], b.get(j + 1).copied().unwrap_or(0), 0));
    }
    total
}

/// Whether the byte `x` (followed by `y` and `z`) starts a character that is not whitespace.
/// Whitespace is U+0009–U+000D and U+0020, and U+0085, U+00A0 (C2 ..), U+1680 (E1 9A 80),
/// U+2000–U+200A, U+2028, U+2029, U+202F (E2 80 ..), U+205F (E2 81 9F), U+3000 (E3 80 80).
/// Written without branches, so that the loop over the bytes is one straight run.
#[inline(always)]
fn counts(x: u8, y: u8, z: u8) -> bool {
    let starts = (x as i8) >= -0x40; // not 0b10xx_xxxx, a continuation byte
    let ascii = (x == b' ') | (b'\t'..=b'\r').contains(&x);
    let c2 = (x == 0xC2) & ((y == 0x85) | (y == 0xA0));
    let e1 = (x == 0xE1) & (y == 0x9A) & (z == 0x80);
    let e2 = (x == 0xE2)
        & (((y == 0x80) & ((z <= 0x8A) | (z == 0xA8) | (z == 0xA9) | (z == 0xAF)))
            | ((y == 0x81) & (z == 0x9F)));
    let e3 = (x == 0xE3) & (y == 0x80) & (z == 0x80);
    starts & !(ascii | c2 | e1 | e2 | e3)
}

#[cfg(test)]
mod tests {
    use super::non_whitespace_chars;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the text, with every kind of whitespace in it.
        #[test]
        fn non_whitespace_chars_counts_like_char_is_whitespace(
            parts in prop::collection::vec(
                prop_oneof![
                    any::<char>().prop_map(String::from),
                    prop::sample::select(vec![
                        " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{1680}",
                        "\u{2000}", "\u{200a}", "\u{200b}", "\u{2028}", "\u{2029}", "\u{202f}",
                        "\u{205f}", "\u{3000}", "\u{3001}", "字", "，", "é", "\u{feff}",
                    ])
                    .prop_map(str::to_string),
                ],
                0..60,
            )
        ) {
            let s = parts.concat();
            let expected = s.chars().filter(|c| !c.is_whitespace()).count();
            prop_assert_eq!(non_whitespace_chars(&s), expected);
        }
    }
}
