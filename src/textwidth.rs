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
pub const NO_LINE_START: &str = "，。、；：？！）》」』】”’%,.;:?!)]";

/// Punctuation a line must not end with.
pub const NO_LINE_END: &str = "（《「『【“‘([";

/// Part of a number or a Latin word, which a line break must not split (`3062`, `12.5`).
fn in_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '%' || c == '_'
}

/// Splits `s` into lines of at most `max` columns, breaking between characters (never inside
/// one), never before closing punctuation or after opening punctuation, and not inside a
/// number or Latin word that fits on a line (Chinese line-breaking rules, 避头尾).
/// A character wider than `max` gets a line of its own. Concatenating the lines gives `s`
/// back, which is what lets the importer re-join wrapped labels.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw > max && !line.is_empty() {
            let carry = carry_down(&mut line, c, max);
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

/// What of a full `line` moves down to the next one, when `next` starts it.
fn carry_down(line: &mut String, next: char, max: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut take = 0;
    if in_word(next) || NO_LINE_START.contains(next) {
        // A number or word running over the break goes down whole, when it fits a line;
        // closing punctuation takes at least the last character down with it.
        let run = chars.iter().rev().take_while(|c| in_word(**c)).count();
        if run > 0 && run < chars.len() && run < max {
            take = run;
        } else if NO_LINE_START.contains(next) && chars.len() > 1 {
            take = 1;
            // What goes down must not start with closing punctuation either (`三、”` before
            // `。`: the `三` goes down with all three).
            while take < chars.len() - 1 && NO_LINE_START.contains(chars[chars.len() - take]) {
                take += 1;
            }
        }
    }
    let mut kept = chars.len() - take;
    // Opening punctuation never ends a line.
    while kept > 1 && NO_LINE_END.contains(chars[kept - 1]) {
        kept -= 1;
    }
    let carry: String = chars[kept..].iter().collect();
    *line = chars[..kept].iter().collect();
    carry
}

/// Cuts `s` to at most `max` columns, ending a cut with `…`. Two columns are kept for the
/// `…`: terminals set up for CJK draw it two wide, others one; either way it stays inside.
pub fn cut(s: &str, max: usize) -> String {
    cut_marked(s, max, '…', 2)
}

/// Cuts `s` to at most `max` columns, ending a cut with `mark`, for which `mark_w` columns
/// are kept (nothing is marked when not even the mark fits).
pub fn cut_marked(s: &str, max: usize, mark: char, mark_w: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw + mark_w > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    if max >= mark_w {
        out.push(mark);
    }
    out
}

/// Pads `s` with spaces to `w` columns: left, right or centred.
pub fn pad(s: &str, w: usize, align: Align) -> String {
    let gap = w.saturating_sub(width(s));
    let (l, r) = match align {
        Align::Left => (0, gap),
        Align::Right => (gap, 0),
        Align::Center => (gap / 2, gap - gap / 2),
    };
    // One allocation of the final size: the grids pad every cell of every frame.
    let mut out = String::with_capacity(l + s.len() + r);
    out.extend(std::iter::repeat_n(' ', l));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', r));
    out
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
    fn a_cut_ends_with_an_ellipsis_that_fits_even_drawn_two_wide() {
        assert_eq!(cut("二、主动公开政府信息情况", 12), "二、主动公…");
        assert_eq!(cut("短", 12), "短");
        assert!(width(&cut("二、主动公开政府信息情况", 11)) < 11);
        assert_eq!(cut("总计", 1), "");
    }

    #[test]
    fn numbers_and_opening_brackets_are_not_split_from_what_follows() {
        let lines = wrap("后者为 3062，相差 27", 11);
        assert_eq!(lines.concat(), "后者为 3062，相差 27");
        assert!(lines.iter().any(|l| l.starts_with("3062")), "{lines:?}");
        let lines = wrap("之和；（七）总计为", 12);
        assert!(lines.iter().all(|l| !l.ends_with('（')), "{lines:?}");
        assert_eq!(lines.concat(), "之和；（七）总计为");
        for s in [
            "，。、；：？！）》」』】",
            "12345678901234567890",
            "（（（（（（（（",
        ] {
            let lines = wrap(s, 4);
            assert_eq!(lines.concat(), s);
            assert!(
                lines.iter().all(|l| width(l) <= 4 && !l.is_empty()),
                "{lines:?}"
            );
        }
    }

    /// 避头尾 on the text the screens wrap most: every guidance of the format, in both
    /// languages, at every pane width from 20 to 80.
    #[test]
    fn no_wrapped_guidance_line_starts_with_closing_punctuation() {
        let format = crate::format::Format::by_id("gov-2021").expect("format");
        let texts = format
            .sections
            .iter()
            .flat_map(|s| [&s.guidance, &s.guidance_en]);
        for text in texts {
            for para in text.lines() {
                for w in 20..=80 {
                    let lines = wrap(para, w);
                    assert_eq!(lines.concat(), para);
                    for pair in lines.windows(2) {
                        let first = pair[1].chars().next().unwrap_or(' ');
                        assert!(
                            !NO_LINE_START.contains(first),
                            "width {w}: {:?} / {:?}",
                            pair[0],
                            pair[1]
                        );
                        let last = pair[0].chars().next_back().unwrap_or(' ');
                        assert!(!NO_LINE_END.contains(last), "width {w}: {pair:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn padding_aligns_by_display_width() {
        assert_eq!(pad("总计", 6, Align::Right), "  总计");
        assert_eq!(pad("总计", 7, Align::Center), " 总计  ");
    }
}
