//! Display width of text in a terminal (a Han character takes two columns) and wrapping by
//! display width.

use unicode_width::UnicodeWidthChar;

/// Columns a character takes; control characters count as one (they are escaped on display).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(1)
}

pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Punctuation a line must not start with (Chinese line-breaking rules).
const NO_LINE_START: &str = "，。、；：？！）》」』】”’%,.;:?!)]";

/// Splits `s` into lines of at most `max` columns, breaking between characters (never inside
/// one) and never before closing punctuation. A character wider than `max` gets a line of
/// its own. Concatenating the lines gives `s` back, which is what lets the importer re-join
/// wrapped labels.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw > max && !line.is_empty() {
            let mut carry = String::new();
            if NO_LINE_START.contains(c) && line.chars().count() > 1 {
                // Take the last character down with the punctuation.
                if let Some(last) = line.pop() {
                    carry.push(last);
                }
            }
            lines.push(std::mem::take(&mut line));
            w = width(&carry);
            line = carry;
        }
        line.push(c);
        w += cw;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Pads `s` with spaces to `w` columns: left, right or centred.
pub fn pad(s: &str, w: usize, align: Align) -> String {
    let gap = w.saturating_sub(width(s));
    let (l, r) = match align {
        Align::Left => (0, gap),
        Align::Right => (gap, 0),
        Align::Center => (gap / 2, gap - gap / 2),
    };
    format!("{}{s}{}", " ".repeat(l), " ".repeat(r))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters_are_two_columns() {
        assert_eq!(width("总计12"), 6);
        assert_eq!(width("（一）"), 6);
    }

    #[test]
    fn wrapping_never_splits_a_character_and_joins_back() {
        let s = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
        let lines = wrap(s, 9);
        assert!(lines.iter().all(|l| width(l) <= 9), "{lines:?}");
        assert_eq!(lines.concat(), s);
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert_eq!(wrap("", 5), vec![String::new()]);
        assert_eq!(wrap("汉", 1), vec!["汉".to_string()]);
    }

    #[test]
    fn padding_aligns_by_display_width() {
        assert_eq!(pad("总计", 6, Align::Right), "  总计");
        assert_eq!(pad("总计", 7, Align::Center), " 总计  ");
    }
}
