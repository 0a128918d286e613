//! A one-line text field (dialog fields, grid cells) that knows display widths, so the real
//! cursor — where the input method draws its candidates — sits after the last character typed.

use crate::textwidth::{char_width, width};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl TextField {
    pub fn new(text: &str) -> TextField {
        TextField {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
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
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
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
}
