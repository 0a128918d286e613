//! Several phrases looked for in one text at once, as the text's own words: the spaces and line
//! breaks a PDF's text puts inside words are skipped, so `均已 按期办结` holds `均已按期办结`.
//!
//! The sentence rules ask of every line of every section whether it holds any of their phrases;
//! most lines hold none. Searching for each phrase in turn, in a copy of the line without its
//! spaces, cost a whole pass and a searcher's set-up per phrase and per line (two thirds of the
//! rules on a long report). Here a line is searched once per distinct first character, and a phrase
//! is compared only where that character stands.

use memchr::memmem;

/// A set of phrases, grouped by their first character.
#[derive(Debug)]
pub(super) struct Phrases<'a> {
    by_first: Vec<First<'a>>,
}

/// The phrases that start with one character, and a searcher for that character.
#[derive(Debug)]
struct First<'a> {
    c: char,
    finder: memmem::Finder<'static>,
    phrases: Vec<&'a str>,
}

impl<'a> Phrases<'a> {
    /// The non-empty phrases of `phrases` (an empty phrase would be in every text: the format's
    /// validation rejects one).
    pub(super) fn new(phrases: impl IntoIterator<Item = &'a str>) -> Phrases<'a> {
        let mut by_first: Vec<First<'a>> = Vec::new();
        for p in phrases {
            let Some(c) = p.chars().next() else {
                continue;
            };
            match by_first.iter_mut().find(|f| f.c == c) {
                Some(f) => {
                    if !f.phrases.contains(&p) {
                        f.phrases.push(p);
                    }
                }
                None => {
                    let mut buf = [0; 4];
                    let finder = memmem::Finder::new(c.encode_utf8(&mut buf).as_bytes());
                    by_first.push(First {
                        c,
                        finder: finder.into_owned(),
                        phrases: vec![p],
                    });
                }
            }
        }
        Phrases { by_first }
    }

    /// Whether `text`, its whitespace taken out, contains any of the phrases.
    pub(super) fn occur_in(&self, text: &str) -> bool {
        // The whole character is searched for (a SIMD scan for two of its bytes at once): a
        // `char` pattern stops at each of its last byte, which in Chinese text comes every few
        // dozen characters.
        self.by_first.iter().any(|f| {
            f.finder
                .find_iter(text.as_bytes())
                .any(|at| f.phrases.iter().any(|p| starts_squeezed(&text[at..], p)))
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
