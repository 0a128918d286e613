//! Several phrases looked for in one text at once, as the text's own words: the spaces and line
//! breaks a PDF's text puts inside words are skipped, so `均已 按期办结` holds `均已按期办结`.
//!
//! The sentence rules ask of every line of every section whether it holds any of their phrases;
//! most lines hold none. Searching for each phrase in turn, in a copy of the line without its
//! spaces, cost a whole pass and a searcher's set-up per phrase and per line (two thirds of the
//! rules on a long report); a pass per distinct first character still cost one pass each (and
//! `未`, `全` stand everywhere in Chinese text). Here one pass finds every phrase's first
//! character, and a phrase is compared only where its first character stands. A set is built
//! once per format and rule ([`super::prepared`]).

use aho_corasick::AhoCorasick;

/// A set of phrases, grouped by their first character.
#[derive(Debug)]
pub(super) struct Phrases {
    /// Finds any of the first characters ([`crate::char_search::any_of`]). `None` for no
    /// phrase at all.
    firsts: Option<AhoCorasick>,
    /// For each first character, in the searcher's pattern order, the phrases it starts.
    by_first: Vec<Vec<String>>,
}

impl Phrases {
    /// The non-empty phrases of `phrases` (an empty phrase would be in every text: the format's
    /// validation rejects one).
    pub(super) fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Phrases {
        let mut chars: Vec<char> = Vec::new();
        let mut by_first: Vec<Vec<String>> = Vec::new();
        for p in phrases {
            let Some(c) = p.chars().next() else {
                continue;
            };
            match chars.iter().position(|&f| f == c) {
                Some(i) => {
                    if !by_first[i].iter().any(|q| q == p) {
                        by_first[i].push(p.to_string());
                    }
                }
                None => {
                    chars.push(c);
                    by_first.push(vec![p.to_string()]);
                }
            }
        }
        Phrases {
            firsts: crate::char_search::any_of(&chars),
            by_first,
        }
    }

    /// Whether `text`, its whitespace taken out, contains any of the phrases.
    pub(super) fn occur_in(&self, text: &str) -> bool {
        let Some(firsts) = &self.firsts else {
            return false;
        };
        firsts.find_iter(text).any(|m| {
            self.by_first[m.pattern().as_usize()]
                .iter()
                .any(|p| starts_squeezed(&text[m.start()..], p))
        })
    }
}

/// Whether `text`, its whitespace skipped, starts with `phrase` (whose own whitespace, if it
/// had any, could then never match: as `contains` on the squeezed text).
fn starts_squeezed(text: &str, phrase: &str) -> bool {
    let mut rest = text.chars().filter(|c| !c.is_whitespace());
    phrase.chars().all(|p| rest.next() == Some(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn squeezed(t: &str) -> String {
        t.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn phrases_are_found_across_spaces_and_only_whole() {
        let p = Phrases::new(["均已按期办结", "全部办结", "未发生行政复议", ""]);
        assert!(p.occur_in("申请均已 按期\n办结。"));
        assert!(p.occur_in("本年度未发生行政复议"));
        assert!(p.occur_in("已全部办结"));
        assert!(!p.occur_in("均已按期"));
        assert!(!p.occur_in("全部 已办结"));
        assert!(!p.occur_in(""));
        assert!(!Phrases::new([""]).occur_in("任何文字"));
    }

    proptest! {
        /// The one-pass search says what searching a squeezed copy for each phrase says.
        #[test]
        fn agrees_with_contains_on_the_squeezed_text(
            text in "[未发生全部办结 \u{3000}\n件a1]{0,40}",
            phrases in proptest::collection::vec("[未发生全部办结 件a]{0,4}", 0..5),
        ) {
            let set = Phrases::new(phrases.iter().map(String::as_str));
            let s = squeezed(&text);
            let expected = phrases.iter().any(|p| !p.is_empty() && s.contains(p.as_str()));
            prop_assert_eq!(set.occur_in(&text), expected);
        }
    }
}
