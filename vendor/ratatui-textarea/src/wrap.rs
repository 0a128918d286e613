use crate::util::char_width;
#[cfg(feature = "arbitrary")]
use arbitrary::Arbitrary;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use std::ops::ControlFlow;
use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// Specify how logical lines are soft-wrapped at render time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum WrapMode {
    /// Disable soft wrapping and keep horizontal scrolling behavior.
    None,
    /// Wrap only at word boundaries. Words wider than viewport are not split.
    Word,
    /// Wrap at grapheme boundaries.
    Glyph,
    /// Wrap at word boundaries, and fall back to grapheme wrapping for long words.
    WordOrGlyph,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WrappedLine {
    pub row: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    pub start_col: usize,
    pub end_col: usize,
    pub first_in_row: bool,
    pub last_in_row: bool,
    /// (nianbao) The wrap starts this row afresh: at a word boundary (a grapheme boundary when
    /// wrapping by glyph) with nothing carried over from the row before, so wrapping the rest of
    /// the line from here gives the rows a wrap of the whole line gives. A row that continues a
    /// word split by glyph is not such a point. See `wrap_from`.
    pub restart: bool,
}

/// (nianbao) One row of a wrapped line, as `wrap_from` produces it: bytes `start..end`, and
/// whether the wrap starts afresh there (`WrappedLine::restart`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub start: usize,
    pub end: usize,
    pub restart: bool,
}

#[derive(Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
}

pub(crate) fn effective_wrap_width(total_width: u16, line_number_len: Option<u8>) -> usize {
    let total_width = total_width as usize;
    let reserved = line_number_len.map(|len| len as usize + 2).unwrap_or(0);
    if total_width > reserved {
        total_width - reserved
    } else {
        1
    }
}

pub(crate) fn wrapped_rows(
    lines: &[String],
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<WrappedLine> {
    let mut rows = Vec::new();

    for (row, line) in lines.iter().enumerate() {
        let ranges = line_ranges(line, mode, width, tab_len, mask);
        let mut start_col = 0usize;
        for (i, (start_byte, end_byte)) in ranges.iter().copied().enumerate() {
            let end_col = start_col + line[start_byte..end_byte].chars().count();
            rows.push(WrappedLine {
                row,
                start_byte,
                end_byte,
                start_col,
                end_col,
                first_in_row: i == 0,
                last_in_row: i + 1 == ranges.len(),
                restart: false,
            });
            start_col = end_col;
        }
    }

    rows
}

pub(crate) fn line_ranges(
    line: &str,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<(usize, usize)> {
    if mode == WrapMode::None {
        return vec![(0, line.len())];
    }

    let width = width.max(1);
    let mut out = match mode {
        WrapMode::None => vec![(0, line.len())],
        WrapMode::Glyph => {
            let mut chunks = Vec::new();
            split_range_by_grapheme_width(line, 0, line.len(), width, tab_len, mask, &mut chunks);
            chunks
        }
        WrapMode::Word => wrap_word_chunks(line, width, tab_len, mask, false),
        WrapMode::WordOrGlyph => wrap_word_chunks(line, width, tab_len, mask, true),
    };

    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

fn wrap_word_chunks(
    line: &str,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    fallback_to_glyph: bool,
) -> Vec<(usize, usize)> {
    // (nianbao) Words glued by the line-breaking rules (`Units`), upstream's words otherwise.
    let words = UnicodeSegmentation::split_word_bound_indices(line).map(|(start, text)| {
        let chunk = Chunk {
            start,
            end: start + text.len(),
        };
        (chunk, false)
    });
    let chunks: Vec<_> = Units::new(line, words).map(|(chunk, _)| chunk).collect();

    if chunks.is_empty() {
        return vec![(0, 0)];
    }

    let mut out = Vec::new();
    let mut i = 0usize;
    let mut seg_start = chunks[0].start;
    let mut seg_end = seg_start;
    let mut seg_width = 0usize;

    while i < chunks.len() {
        let chunk = chunks[i];
        if seg_end == seg_start {
            seg_start = chunk.start;
        }

        let chunk_width = display_width_from(chunk_text(line, chunk), seg_width, tab_len, mask);
        if seg_width + chunk_width <= width {
            seg_end = chunk.end;
            seg_width += chunk_width;
            i += 1;
            continue;
        }

        if seg_end > seg_start {
            out.push((seg_start, seg_end));
            seg_start = seg_end;
            seg_width = 0;
            continue;
        }

        if fallback_to_glyph {
            split_range_by_grapheme_width(
                line,
                chunk.start,
                chunk.end,
                width,
                tab_len,
                mask,
                &mut out,
            );
        } else {
            out.push((chunk.start, chunk.end));
        }

        i += 1;
        seg_start = chunk.end;
        seg_end = chunk.end;
        seg_width = 0;
    }

    if seg_end > seg_start {
        out.push((seg_start, seg_end));
    }

    out
}

fn split_range_by_grapheme_width(
    line: &str,
    start: usize,
    end: usize,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    out: &mut Vec<(usize, usize)>,
) {
    let mut segment_start = start;
    while segment_start < end {
        let mut segment_end = segment_start;
        let mut segment_width = 0usize;

        for (offset, grapheme) in
            UnicodeSegmentation::grapheme_indices(&line[segment_start..end], true)
        {
            let grapheme_start = segment_start + offset;
            let grapheme_end = grapheme_start + grapheme.len();
            let next_width = display_width_to(grapheme, segment_width, tab_len, mask);
            let grapheme_width = next_width.saturating_sub(segment_width);

            if segment_end != segment_start && segment_width + grapheme_width > width {
                break;
            }

            segment_end = grapheme_end;
            segment_width = next_width;
            if segment_width > width {
                break;
            }
        }

        if segment_end == segment_start {
            if let Some(ch) = line[segment_start..end].chars().next() {
                segment_end = segment_start + ch.len_utf8();
            } else {
                break;
            }
        }

        out.push((segment_start, segment_end));
        segment_start = segment_end;
    }
}

// (nianbao) The wrap again, as `line_ranges` does it, but able to start at any row marked
// `restart` and to stop early: `emit` gets each row in turn and breaks when it has what it needs.
// The screen map re-wraps an edited line from a row or two before the edit and stops once the
// rows fall back onto the old ones (`screen_map.rs`), so that a key typed in a long line costs
// a few rows, not the whole line. `line_ranges` above is upstream's code, unchanged but for
// the glue of `Units` (避头尾): it is the reference this one is tested against
// (`TextArea::check_screen_map`).
//
// Why starting at a `restart` row gives the rows of a whole-line wrap: at such a row the wrap's
// state is empty (no width used, the next chunk starts the row), and the chunks from there on
// are the same, because `split_word_bound_indices` starts each word in its start state with
// nothing carried over from the word before (unicode-segmentation's `UWordBounds::next`), and
// the graphemes of a row are taken from a slice starting at the row, by upstream's design.

/// Wraps `line` from byte `from`, which is 0 or the start of a row marked `restart` in the wrap
/// of the whole of `line` (when a row of an older text's wrap is one: `restart_row` in
/// `screen_map.rs`). Gives nothing for an empty rest (the caller gives an empty line its one
/// empty row, as `line_ranges` does).
pub(crate) fn wrap_from(
    line: &str,
    from: usize,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    emit: &mut dyn FnMut(Piece) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let width = width.max(1);
    match mode {
        WrapMode::None => {
            if from < line.len() {
                emit(Piece {
                    start: from,
                    end: line.len(),
                    restart: true,
                })?;
            }
            ControlFlow::Continue(())
        }
        WrapMode::Glyph => {
            split_by_grapheme_width_from(line, from, line.len(), width, tab_len, mask, true, emit)
        }
        WrapMode::Word => wrap_word_chunks_from(line, from, width, tab_len, mask, false, emit),
        WrapMode::WordOrGlyph => {
            wrap_word_chunks_from(line, from, width, tab_len, mask, true, emit)
        }
    }
}

/// Characters that are surely neither Extend, Format nor ZWJ (for word breaks) nor join a
/// grapheme to the one before: ASCII, CJK ideographs, CJK and fullwidth punctuation, curly
/// quotes. Others only make the re-wrap start earlier.
pub(crate) fn is_plain(c: char) -> bool {
    c.is_ascii()
        || matches!(
            c,
            '\u{4E00}'..='\u{9FFF}'
                | '\u{3001}'..='\u{3011}'
                | '\u{FF01}'..='\u{FF5E}'
                | '\u{2018}'
                | '\u{2019}'
                | '\u{201C}'
                | '\u{201D}'
        )
}

/// A CJK unified ideograph (the basic block): Unicode's word rules give it no class (it is not
/// ALetter), so it is a word of its own unless Extend, Format or ZWJ characters follow (WB4,
/// WB999), and it is two cells wide.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The chunks `split_word_bound_indices` gives for `line[from..]` (`from` at a word boundary),
/// with a shortcut for Chinese text: an ideograph followed by a `is_plain` character is its own
/// chunk, and the segmenter (a table search per character) is not asked. After such a chunk the
/// segmenter starts again at the next word, as it starts each word anyway (see `wrap_from`).
struct Chunks<'a> {
    line: &'a str,
    pos: usize,
    /// The segmenter, started at byte `.0` of the line, while it is in use.
    words: Option<(usize, UWordBoundIndices<'a>)>,
}

impl Iterator for Chunks<'_> {
    /// A chunk, and whether it is a lone ideograph (two cells wide, unless masked).
    type Item = (Chunk, bool);

    fn next(&mut self) -> Option<(Chunk, bool)> {
        let pos = self.pos;
        let rest = &self.line[pos..];
        let mut chars = rest.chars();
        let c = chars.next()?;
        if is_han(c) && chars.next().is_none_or(is_plain) {
            self.words = None;
            self.pos += c.len_utf8();
            let chunk = Chunk {
                start: pos,
                end: self.pos,
            };
            return Some((chunk, true));
        }
        let (base, words) = self
            .words
            .get_or_insert_with(|| (pos, UnicodeSegmentation::split_word_bound_indices(rest)));
        let (start, text) = words.next()?;
        let start = *base + start;
        self.pos = start + text.len();
        let chunk = Chunk {
            start,
            end: self.pos,
        };
        Some((chunk, false))
    }
}

/// (nianbao) Punctuation a row must not start with, and punctuation a row must not end with
/// (Chinese line-breaking rules, 避头尾; nianbao's `textwidth` keeps the same lists for the rest
/// of its screens and its text export, and its tests hold the editor to them).
pub const NO_ROW_START: &str = "，。、；：？！）》」』】”’%,.;:?!)]";
pub const NO_ROW_END: &str = "（《「『【“‘([";

/// (nianbao) The units the word wrap places: the chunks, with closing punctuation glued to the
/// chunk before it and opening punctuation to the chunk after it (`NO_ROW_START`,
/// `NO_ROW_END`), so that no row starts with `，` or ends with `（` unless a unit is wider than
/// a row (then `WordOrGlyph` splits it by glyph, as any word too long).
///
/// A unit is decided by its own chunks and the first character of the chunk after it, looking
/// only forward: units taken from any unit's start are those of the whole line, which is what
/// `wrap_from` needs; and a unit that ends by a row's start is decided by the text up to that
/// row's first characters, which is what `restart_row` (screen_map.rs) needs.
struct Units<'a, I: Iterator<Item = (Chunk, bool)>> {
    line: &'a str,
    chunks: std::iter::Peekable<I>,
}

impl<'a, I: Iterator<Item = (Chunk, bool)>> Units<'a, I> {
    fn new(line: &'a str, chunks: I) -> Self {
        Units {
            line,
            chunks: chunks.peekable(),
        }
    }
}

impl<I: Iterator<Item = (Chunk, bool)>> Iterator for Units<'_, I> {
    /// A unit, and whether it is a lone ideograph (as `Chunks` says).
    type Item = (Chunk, bool);

    fn next(&mut self) -> Option<(Chunk, bool)> {
        let (mut unit, mut ideograph) = self.chunks.next()?;
        let line = self.line;
        // Most chunks of a Chinese text are an ideograph, which is in neither list: answered
        // without searching them (a search of a short string per chunk was a third of the
        // wrap of a Chinese text).
        let opens = |c: Chunk| {
            line[c.start..c.end]
                .chars()
                .next_back()
                .is_some_and(|ch| !is_han(ch) && NO_ROW_END.contains(ch))
        };
        let closes = |c: Chunk| {
            line[c.start..c.end]
                .chars()
                .next()
                .is_some_and(|ch| !is_han(ch) && NO_ROW_START.contains(ch))
        };
        let mut last = unit;
        loop {
            let glue = match self.chunks.peek() {
                Some(&(next, _)) => opens(last) || closes(next),
                None => false,
            };
            if !glue {
                return Some((unit, ideograph));
            }
            if let Some((next, _)) = self.chunks.next() {
                unit.end = next.end;
                ideograph = false;
                last = next;
            }
        }
    }
}

/// `wrap_word_chunks`, from byte `from`, row by row.
fn wrap_word_chunks_from(
    line: &str,
    from: usize,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    fallback_to_glyph: bool,
    emit: &mut dyn FnMut(Piece) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let chunks = Chunks {
        line,
        pos: from,
        words: None,
    };
    let mut chunks = Units::new(line, chunks).peekable();

    let mut seg_start = from;
    let mut seg_end = seg_start;
    let mut seg_width = 0usize;

    while let Some(&(chunk, ideograph)) = chunks.peek() {
        if seg_end == seg_start {
            seg_start = chunk.start;
        }

        // An ideograph is two cells (`char_width`); most chunks of a Chinese text are one.
        let chunk_width = if ideograph && mask.is_none() {
            2
        } else {
            display_width_from(chunk_text(line, chunk), seg_width, tab_len, mask)
        };
        if seg_width + chunk_width <= width {
            seg_end = chunk.end;
            seg_width += chunk_width;
            chunks.next();
            continue;
        }

        // Every row emitted here starts where the row before ended, at a chunk, with no width
        // used: a restart point.
        if seg_end > seg_start {
            emit(Piece {
                start: seg_start,
                end: seg_end,
                restart: true,
            })?;
            seg_start = seg_end;
            seg_width = 0;
            continue;
        }

        if fallback_to_glyph {
            split_by_grapheme_width_from(
                line,
                chunk.start,
                chunk.end,
                width,
                tab_len,
                mask,
                false,
                emit,
            )?;
        } else {
            emit(Piece {
                start: chunk.start,
                end: chunk.end,
                restart: true,
            })?;
        }

        chunks.next();
        seg_start = chunk.end;
        seg_end = chunk.end;
        seg_width = 0;
    }

    if seg_end > seg_start {
        emit(Piece {
            start: seg_start,
            end: seg_end,
            restart: true,
        })?;
    }
    ControlFlow::Continue(())
}

/// `split_range_by_grapheme_width`, row by row. The first row is a restart point (it starts a
/// chunk, or the line when wrapping by glyph); the others are too only when `all_restart` (by
/// glyph, each row takes its graphemes afresh from its own start; inside a word split by glyph,
/// the rows continue the word).
#[allow(clippy::too_many_arguments)]
fn split_by_grapheme_width_from(
    line: &str,
    start: usize,
    end: usize,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    all_restart: bool,
    emit: &mut dyn FnMut(Piece) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let mut segment_start = start;
    while segment_start < end {
        let mut segment_end = segment_start;
        let mut segment_width = 0usize;

        for (offset, grapheme) in
            UnicodeSegmentation::grapheme_indices(&line[segment_start..end], true)
        {
            let grapheme_start = segment_start + offset;
            let grapheme_end = grapheme_start + grapheme.len();
            let next_width = display_width_to(grapheme, segment_width, tab_len, mask);
            let grapheme_width = next_width.saturating_sub(segment_width);

            if segment_end != segment_start && segment_width + grapheme_width > width {
                break;
            }

            segment_end = grapheme_end;
            segment_width = next_width;
            if segment_width > width {
                break;
            }
        }

        if segment_end == segment_start {
            if let Some(ch) = line[segment_start..end].chars().next() {
                segment_end = segment_start + ch.len_utf8();
            } else {
                break;
            }
        }

        emit(Piece {
            start: segment_start,
            end: segment_end,
            restart: all_restart || segment_start == start,
        })?;
        segment_start = segment_end;
    }
    ControlFlow::Continue(())
}

#[inline]
fn chunk_text(line: &str, chunk: Chunk) -> &str {
    &line[chunk.start..chunk.end]
}

fn display_width_from(text: &str, start_width: usize, tab_len: u8, mask: Option<char>) -> usize {
    display_width_to(text, start_width, tab_len, mask).saturating_sub(start_width)
}

fn display_width_to(text: &str, mut width: usize, tab_len: u8, mask: Option<char>) -> usize {
    for c in text.chars() {
        // A masked line is drawn as one mask character per char,
        // so each char is as wide as the mask.
        if let Some(mask) = mask {
            width += char_width(mask);
        } else if c == '\t' {
            if tab_len > 0 {
                let tab = tab_len as usize;
                let pad = tab - (width % tab);
                width += pad;
            }
        } else {
            width += char_width(c);
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(line: &str, mode: WrapMode, width: usize) -> Vec<&str> {
        line_ranges(line, mode, width, 4, None)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    fn masked_segments(line: &str, mode: WrapMode, width: usize, mask: char) -> Vec<&str> {
        line_ranges(line, mode, width, 4, Some(mask))
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    #[test]
    fn word_wrap_keeps_long_word() {
        let have = segments("helloworld", WrapMode::Word, 4);
        assert_eq!(have, vec!["helloworld"]);
    }

    #[test]
    fn word_or_glyph_wrap_splits_long_word() {
        let have = segments("helloworld", WrapMode::WordOrGlyph, 4);
        assert_eq!(have, vec!["hell", "owor", "ld"]);
    }

    #[test]
    fn glyph_wrap_handles_wide_chars() {
        let have = segments("ab犬猫", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["ab犬", "猫"]);
    }

    #[test]
    fn glyph_wrap_keeps_combining_grapheme_cluster() {
        let have = segments("e\u{301}x", WrapMode::Glyph, 1);
        assert_eq!(have, vec!["e\u{301}", "x"]);
    }

    #[test]
    fn tab_width_is_accounted_for_in_wrap() {
        let have = segments("\tX", WrapMode::WordOrGlyph, 2);
        assert_eq!(have, vec!["\t", "X"]);
    }

    #[test]
    fn glyph_wrap_preserves_full_mixed_width_row_capacity() {
        let have = segments("a中bcde", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["a中b", "cde"]);
    }

    #[test]
    fn mask_wraps_by_the_mask_width() {
        let have = masked_segments("a中\tcde", WrapMode::Glyph, 4, '*');
        assert_eq!(have, vec!["a中\tc", "de"]);
        let have = masked_segments("abcd", WrapMode::WordOrGlyph, 4, '＊');
        assert_eq!(have, vec!["ab", "cd"]);
    }

    // (nianbao) The ideograph shortcut of `Chunks` gives the segmenter's chunks: for every
    // ideograph before each kind of `is_plain` character, and at the end.
    #[test]
    fn ideograph_chunks_are_the_segmenters() {
        let next = [
            "", "a", "1", " ", "'", ".", ":", ",", "字", "，", "。", "：", "（", "“",
        ];
        for c in '\u{4E00}'..='\u{9FFF}' {
            for n in next {
                let text = format!("{c}{n}{c}");
                let mine: Vec<_> = Chunks {
                    line: &text,
                    pos: 0,
                    words: None,
                }
                .map(|(k, _)| (k.start, k.end))
                .collect();
                let theirs: Vec<_> = UnicodeSegmentation::split_word_bound_indices(text.as_str())
                    .map(|(i, w)| (i, i + w.len()))
                    .collect();
                assert_eq!(mine, theirs, "{text:?}");
            }
        }
    }

    // (nianbao) 避头尾: closing punctuation goes down with the character before it, opening
    // punctuation with the one after it; a unit wider than a row is still split by glyph.
    #[test]
    fn no_row_starts_with_closing_punctuation() {
        let have = segments("一二三，四五", WrapMode::WordOrGlyph, 6);
        assert_eq!(have, vec!["一二", "三，四", "五"]);
        let have = segments("一二（三四", WrapMode::WordOrGlyph, 6);
        assert_eq!(have, vec!["一二", "（三四"]);
        let have = segments("一二三。」四", WrapMode::WordOrGlyph, 6);
        assert_eq!(have, vec!["一二", "三。」", "四"]);
        let have = segments("ab, de", WrapMode::WordOrGlyph, 3);
        assert_eq!(have, vec!["ab,", " de"]);
        let have = segments("abc, de", WrapMode::WordOrGlyph, 3);
        assert_eq!(have, vec!["abc", ",", " de"]);
        let have = segments("三，", WrapMode::WordOrGlyph, 2);
        assert_eq!(have, vec!["三", "，"]);
        for text in ["一二三，四五（六）七。八", "第一，第二；第三：（一）“四”。"] {
            // Wide enough for the widest unit (`“四”。`, 8 cells).
            for width in 8..16 {
                let mut rows = Vec::new();
                let _ = wrap_from(text, 0, WrapMode::WordOrGlyph, width, 4, None, &mut |p| {
                    rows.push(&text[p.start..p.end]);
                    ControlFlow::Continue(())
                });
                assert_eq!(rows, segments(text, WrapMode::WordOrGlyph, width), "{text} {width}");
                for row in &rows[1..] {
                    let first = row.chars().next().unwrap();
                    assert!(!NO_ROW_START.contains(first), "{rows:?} at {width}");
                }
                for row in &rows[..rows.len() - 1] {
                    let last = row.chars().next_back().unwrap();
                    assert!(!NO_ROW_END.contains(last), "{rows:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn halfwidth_sound_marks_take_a_cell() {
        let have = segments("ｶﾞﾊﾟ", WrapMode::Glyph, 2);
        assert_eq!(have, vec!["ｶﾞ", "ﾊﾟ"]);
    }
}
