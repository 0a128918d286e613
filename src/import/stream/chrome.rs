//! What a table prints besides its row labels and numbers (header words, captions, the corner
//! note, group labels): recognised so that its fragments, wherever a PDF's text layer scatters
//! them, are neither mistaken for labels nor reported as lost.

use super::super::labels::normalize;
use super::super::variants;
use crate::format::Table;

/// Header words, captions, corner text and group labels: what a table prints besides its
/// row labels and numbers.
pub(super) fn vocabulary(table: &Table) -> Vec<Vec<char>> {
    let mut v: Vec<String> = Vec::new();
    for b in &table.blocks {
        v.extend(b.caption.iter().map(|c| normalize(c)));
        v.extend(b.corner.iter().map(|c| normalize(c)));
        fn cols(cs: &[crate::format::ColumnNode], v: &mut Vec<String>) {
            for c in cs {
                v.push(normalize(&c.label));
                cols(&c.children, v);
            }
        }
        cols(&b.columns, &mut v);
        for (r, _) in b.all_rows() {
            if r.is_group() {
                v.push(normalize(&r.label));
            }
        }
    }
    v.extend(variants::get().table_words.iter().map(|w| normalize(w)));
    // The 2019 format's header words are a table's too (reported by the importer).
    v.extend(
        variants::get()
            .format_2019
            .words
            .iter()
            .map(|w| normalize(w)),
    );
    v.retain(|s| !s.is_empty());
    v.into_iter().map(|s| s.chars().collect()).collect()
}

pub(super) fn contains(hay: &[char], needle: &[char]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// True when `text` is made of pieces of the vocabulary (a single character only when it is
/// all there is: a merged cell printed one character per line).
pub(super) fn is_chrome(text: &[char], vocab: &[Vec<char>]) -> bool {
    if text.len() == 1 {
        return vocab.iter().any(|v| v.contains(&text[0]));
    }
    let longest = vocab.iter().map(Vec::len).max().unwrap_or(0);
    let mut i = 0;
    while i < text.len() {
        let mut best = 0;
        for len in (2..=(text.len() - i).min(longest)).rev() {
            if vocab.iter().any(|v| contains(v, &text[i..i + len])) {
                best = len;
                break;
            }
        }
        if best == 0 {
            return false;
        }
        i += best;
    }
    true
}

/// Starts like a row label's numbering: `1.`, `(一)`, `一、`.
pub(super) fn starts_numbered(chars: &[char]) -> bool {
    const CJK: &str = "一二三四五六七八九十";
    match chars {
        [d, '.', ..] if d.is_ascii_digit() => true,
        ['(', n, ')', ..] if CJK.contains(*n) => true,
        [n, '、', ..] if CJK.contains(*n) => true,
        _ => false,
    }
}
