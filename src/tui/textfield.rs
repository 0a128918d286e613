//! A one-line text field (dialog fields, grid cells) that knows display widths, so the real
//! cursor — where the input method draws its candidates — sits after the last character typed.

use crate::textwidth::{char_width, width};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
    /// The text is a suggestion (a default year): the first character typed or pasted
    /// replaces it, Backspace or Delete clears it; moving the cursor keeps it for editing.
    suggested: bool,
}

impl TextField {
    pub fn new(text: &str) -> TextField {
        TextField {
            text: text.to_string(),
            cursor: text.chars().count(),
            suggested: false,
        }
    }

    /// A field holding a suggestion that typing replaces (a clerk typing a year into a field
    /// showing `2026` meant the year, not `20262025`).
    pub fn suggested(text: &str) -> TextField {
        TextField {
            suggested: true,
            ..TextField::new(text)
        }
    }

    /// Drops the suggestion before an edit that replaces it.
    fn take_suggestion(&mut self) -> bool {
        let was = std::mem::take(&mut self.suggested);
        if was {
            self.text.clear();
            self.cursor = 0;
        }
        was
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.take_suggestion();
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts pasted text as one line: line breaks and tabs become nothing.
    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars().filter(|c| !c.is_control()) {
            self.insert(c);
        }
    }

    pub fn backspace(&mut self) {
        if self.take_suggestion() {
            return;
        }
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.take_suggestion() {
            return;
        }
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.suggested = false;
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.suggested = false;
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.suggested = false;
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.suggested = false;
        self.cursor = self.text.chars().count();
    }

    /// The visible part for `max` columns and the cursor's column within it.
    pub fn view(&self, max: usize) -> (String, usize) {
        let before: String = self.text.chars().take(self.cursor).collect();
        let cursor_col = width(&before);
        // Scroll so the cursor stays visible.
        let mut skip_cols = cursor_col.saturating_sub(max.saturating_sub(1));
        let mut shown = String::new();
        let mut w = 0;
        for c in self.text.chars() {
            let cw = char_width(c);
            if skip_cols > 0 {
                skip_cols = skip_cols.saturating_sub(cw);
                continue;
            }
            if w + cw > max {
                break;
            }
            shown.push(c);
            w += cw;
        }
        let hidden = cursor_col.saturating_sub(max.saturating_sub(1));
        (shown, cursor_col - hidden.min(cursor_col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_column_counts_display_width() {
        let mut f = TextField::new("合计");
        f.insert('１');
        assert_eq!(f.text(), "合计１");
        assert_eq!(f.view(20), ("合计１".to_string(), 6));
        f.left();
        f.backspace();
        assert_eq!(f.text(), "合１");
        assert_eq!(f.view(20).1, 2);
        f.insert_str("a\r\nb\tc");
        assert_eq!(f.text(), "合abc１");
    }

    #[test]
    fn a_suggestion_is_replaced_by_typing_and_kept_by_moving() {
        let mut f = TextField::suggested("2026");
        f.insert('2');
        f.insert_str("025");
        assert_eq!(f.text(), "2025");
        assert_eq!(f.view(20).1, 4);

        let mut f = TextField::suggested("2026");
        f.insert_str("2024");
        assert_eq!(f.text(), "2024", "a paste replaces it too");

        let mut f = TextField::suggested("2026");
        f.backspace();
        assert_eq!((f.text(), f.view(20).1), ("", 0), "Backspace clears it");
        f.insert('7');
        assert_eq!(f.text(), "7");

        let mut f = TextField::suggested("2026");
        f.left();
        f.backspace();
        f.insert('1');
        assert_eq!(f.text(), "2016", "moved into, it is edited as any text");

        let mut f = TextField::suggested("2026");
        f.delete();
        assert_eq!(f.text(), "");
    }
}
