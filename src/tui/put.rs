//! Writing a line of spans straight into the frame's buffer: what `Paragraph` does for one
//! unwrapped line, without its per-grapheme machinery. The grids draw thousands of cells a
//! frame, and a digit typed must reach the screen within a millisecond.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthChar;

/// A character that is a grapheme of its own and one or two columns wide: every character of
/// a table's labels and numbers. Anything else (combining marks, joiners, variation selectors,
/// Hangul jamo, characters outside the BMP) goes through ratatui's grapheme-aware writer.
fn simple(c: char) -> Option<u16> {
    if c >= '\u{10000}' || ('\u{1100}'..='\u{11FF}').contains(&c) || c.is_control() {
        return None;
    }
    match c.width() {
        Some(w @ 1..=2) => Some(w as u16),
        _ => None,
    }
}

/// Writes `lines` one per row from the top of `area`, each cut at the area's width, as a
/// `Paragraph` without wrapping would (cells of wide characters' second half reset).
pub fn lines(buf: &mut Buffer, area: Rect, lines: &[Line]) {
    let area = area.intersection(buf.area);
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        one(buf, area.x, y, area.right(), line);
    }
}

fn one(buf: &mut Buffer, mut x: u16, y: u16, end: u16, line: &Line) {
    for span in &line.spans {
        let style = line.style.patch(span.style);
        if !span.content.chars().all(|c| simple(c).is_some()) {
            let (nx, _) = buf.set_stringn(x, y, &span.content, (end - x) as usize, style);
            x = nx;
            continue;
        }
        for c in span.content.chars() {
            let w = simple(c).unwrap_or(1);
            if x + w > end {
                return;
            }
            buf[(x, y)].set_char(c).set_style(style);
            for hidden in x + 1..x + w {
                buf[(hidden, y)].reset();
            }
            x += w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};
    use ratatui::text::Span;
    use ratatui::widgets::{Paragraph, Widget};

    /// The same lines drawn by `Paragraph` and by `lines` give the same cells, whatever the
    /// width cuts through (a wide character at the edge, combining marks, an emoji).
    #[test]
    fn the_same_cells_as_a_paragraph() {
        let samples = [
            vec![
                Span::raw("一、本年新收政府信息公开申请数量 "),
                Span::styled("  3001", Style::default().fg(Color::Red)),
            ],
            vec![Span::raw("abc"), Span::raw("宽字符在边上"), Span::raw("x")],
            vec![Span::raw("e\u{301}combining 한글 가"), Span::raw("👩‍👩‍👧 ok")],
            vec![Span::styled("（七）总计", Style::default().fg(Color::Cyan))],
            vec![],
        ];
        for width in 1..40u16 {
            let area = Rect::new(2, 1, width, samples.len() as u16);
            let all: Vec<Line> = samples.iter().map(|s| Line::from(s.clone())).collect();
            let mut expect = Buffer::empty(Rect::new(0, 0, 45, 7));
            Paragraph::new(all.clone()).render(area, &mut expect);
            let mut got = Buffer::empty(Rect::new(0, 0, 45, 7));
            lines(&mut got, area, &all);
            assert_eq!(got, expect, "width {width}");
        }
    }
}
