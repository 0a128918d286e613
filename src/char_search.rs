//! A searcher for any of a few characters in a text (the first characters of headings,
//! phrases, gates): one pass for all of them, where a search per character would be a pass
//! each.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Finds any of `chars` in a text; the match's pattern number is the character's index in
/// `chars`. Leftmost-first lets it search with SIMD (Teddy); each pattern is one character,
/// so every occurrence is found either way. A contiguous NFA, not the DFA the builder would
/// pick for so few patterns: it is built in every process (a DFA's table cost more to build
/// than it saved), and the prefilter does the searching. `None` for no character.
pub fn any_of(chars: &[char]) -> Option<AhoCorasick> {
    if chars.is_empty() {
        return None;
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(chars.iter().map(char::to_string))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::any_of;

    #[test]
    fn finds_every_occurrence_of_each_character_by_its_index() {
        let finder = any_of(&['年', '报', 'a']).expect("built");
        let found: Vec<(usize, usize)> = finder
            .find_iter("a年度报告年报")
            .map(|m| (m.start(), m.pattern().as_usize()))
            .collect();
        assert_eq!(found, [(0, 2), (1, 0), (7, 1), (13, 0), (16, 1)]);
        assert!(any_of(&[]).is_none());
    }
}
