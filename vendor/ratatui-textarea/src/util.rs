use ratatui_core::buffer::CellWidth as _;

pub fn spaces(size: u8) -> &'static str {
    const SPACES: &str = "                                                                                                                                                                                                                                                                ";
    &SPACES[..size as usize]
}

/// The number of cells ratatui draws `c` in. Unlike `UnicodeWidthChar::width`, this counts the
/// halfwidth katakana sound marks `ﾞ` and `ﾟ` as one cell each. Control chars are not drawn, so
/// they take no cells.
pub fn char_width(c: char) -> usize {
    // (nianbao) The characters of a Chinese text, without encoding them for ratatui: the values
    // the general case below gives (a printable ASCII char is one cell; a CJK unified ideograph,
    // CJK punctuation 、。《》「」【】 and the fullwidth forms ，：；？！（） two; tested in `tests`
    // below). The rows after an edit in a long paragraph are measured character by character.
    if c.is_ascii_graphic() || c == ' ' {
        return 1;
    }
    if matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3001}'..='\u{3011}' | '\u{FF01}'..='\u{FF5E}') {
        return 2;
    }
    if c.is_control() {
        0
    } else {
        c.encode_utf8(&mut [0; 4]).cell_width().into()
    }
}

pub fn num_digits(i: usize) -> u8 {
    f64::log10(i as f64) as u8 + 1
}

#[derive(Debug, Clone)]
pub struct Pos {
    pub row: usize,
    pub col: usize,
    pub offset: usize,
}

impl Pos {
    pub fn new(row: usize, col: usize, offset: usize) -> Self {
        Self { row, col, offset }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // (nianbao) The shortcuts of `char_width` give what the general case gives.
    #[test]
    fn char_width_shortcuts_agree_with_ratatui() {
        let general = |c: char| -> usize {
            if c.is_control() {
                0
            } else {
                c.encode_utf8(&mut [0; 4]).cell_width().into()
            }
        };
        let ranges = [
            '\0'..='\u{7f}',
            '\u{3000}'..='\u{3012}',
            '\u{4E00}'..='\u{9FFF}',
            '\u{FF00}'..='\u{FF5F}',
        ];
        for c in ranges.into_iter().flatten() {
            assert_eq!(char_width(c), general(c), "{c:?}");
        }
    }
}
