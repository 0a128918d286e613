//! What a table prints besides its row labels and numbers (header words, captions, the corner
//! note, group labels): recognised so that its fragments, wherever a PDF's text layer scatters
//! them, are neither mistaken for labels nor reported as lost.

use super::super::labels::normalize;
use super::super::variants;
use crate::format::Table;

/// Header words, captions, corner text and group labels: what a table prints besides its
/// row labels and numbers.
pub(super) fn vocabulary(table: &Table) -> Vocabulary {
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
    Vocabulary::new(v.into_iter().map(|s| s.chars().collect()).collect())
}

pub(super) fn contains(hay: &[char], needle: &[char]) -> bool {
    // The first character first: comparing every window whole was a call to memcmp each.
    let Some(first) = needle.first() else {
        return false;
    };
    hay.windows(needle.len())
        .any(|w| w[0] == *first && w == needle)
}

/// A table's vocabulary, with where each character stands in it.
pub(super) struct Vocabulary {
    pub words: Vec<Vec<char>>,
    /// (character, word, place) for every character of every word, sorted: a piece of text
    /// is matched only against the places its first character stands (not every character
    /// of every word).
    places: Vec<(char, u32, u32)>,
}

impl Vocabulary {
    pub fn new(words: Vec<Vec<char>>) -> Self {
        let mut places: Vec<(char, u32, u32)> = words
            .iter()
            .enumerate()
            .flat_map(|(w, word)| {
                word.iter()
                    .enumerate()
                    .map(move |(p, &c)| (c, w as u32, p as u32))
            })
            .collect();
        places.sort_unstable();
        Vocabulary { words, places }
    }

    /// Where `c` stands in the words.
    fn places_of(&self, c: char) -> &[(char, u32, u32)] {
        let from = self.places.partition_point(|p| p.0 < c);
        let to = self.places.partition_point(|p| p.0 <= c);
        &self.places[from..to]
    }

    /// True when `text` is made of pieces of the vocabulary (a single character only when it
    /// is all there is: a merged cell printed one character per line).
    pub fn is_chrome(&self, text: &[char]) -> bool {
        if text.len() == 1 {
            return !self.places_of(text[0]).is_empty();
        }
        let mut i = 0;
        while i < text.len() {
            // The longest piece of the vocabulary that `text` continues with at `i`: the
            // longest common start of `text[i..]` and any word's tail.
            let rest = &text[i..];
            let mut best = 0;
            for &(_, w, p) in self.places_of(rest[0]) {
                let tail = &self.words[w as usize][p as usize..];
                let len = tail.iter().zip(rest).take_while(|(a, b)| a == b).count();
                best = best.max(len);
            }
            if best < 2 {
                return false;
            }
            i += best;
        }
        true
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The greedy cut as first written: at each place, the longest length (2 and up) whose
    /// piece stands in some word.
    fn is_chrome_reference(text: &[char], vocab: &[Vec<char>]) -> bool {
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

    fn chars(alphabet: &'static str, max: usize) -> impl Strategy<Value = Vec<char>> {
        let all: Vec<char> = alphabet.chars().collect();
        prop::collection::vec(prop::sample::select(all), 0..max)
    }

    proptest! {
        #[test]
        fn the_cut_is_the_reference_cut(
            vocab in prop::collection::vec(chars("申请人情况自然法组织", 7), 0..8),
            text in chars("申请人情况自然法组织", 12),
        ) {
            let indexed = Vocabulary::new(vocab.clone());
            prop_assert_eq!(indexed.is_chrome(&text), is_chrome_reference(&text, &vocab));
        }
    }

    #[test]
    fn header_pieces_are_chrome_and_labels_are_not() {
        let vocab = Vocabulary::new(
            ["申请人情况", "自然人", "法人或其他组织"]
                .iter()
                .map(|w| w.chars().collect())
                .collect(),
        );
        let is = |t: &str| vocab.is_chrome(&t.chars().collect::<Vec<_>>());
        assert!(is("申请人情况自然人"));
        assert!(is("情况自然"));
        assert!(is("人"));
        assert!(!is("本年新收"));
        assert!(!is("自然人x"));
    }
}
