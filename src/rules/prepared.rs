//! What the rules derive from a format once, not once per report: the phrase searchers of
//! the sentence rules, by rule.

use super::phrases::Phrases;
use crate::format::{Format, Mention, PerFormat, RuleKind};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::sync::Arc;

/// One format's searchers.
pub(super) struct Prepared {
    /// For each rule (same index as `Format::rules`): the phrases a line must hold for the
    /// rule to read it — a `text_numbers` rule's units, a `text_contradictions` rule's
    /// claims; `None` for the other rules.
    phrases: Vec<Option<Phrases>>,
    /// For each rule: a `text_numbers` rule's mentions' words, found in a clause at once.
    words: Vec<Option<MentionWords>>,
}

impl Prepared {
    fn new(format: &Format) -> Prepared {
        let phrases = format
            .rules
            .iter()
            .map(|rule| match &rule.kind {
                RuleKind::TextNumbers { mentions } => {
                    Some(Phrases::new(mentions.iter().map(|m| m.unit.as_str())))
                }
                RuleKind::TextContradictions { claims } => Some(Phrases::new(
                    claims.iter().flat_map(|c| c.any.iter().map(String::as_str)),
                )),
                _ => None,
            })
            .collect();
        let words = format
            .rules
            .iter()
            .map(|rule| match &rule.kind {
                RuleKind::TextNumbers { mentions } => Some(MentionWords::new(mentions)),
                _ => None,
            })
            .collect();
        Prepared { phrases, words }
    }

    /// The mentions' words of rule number `r` (a `text_numbers` rule).
    pub fn words(&self, r: usize) -> Option<&MentionWords> {
        self.words.get(r)?.as_ref()
    }

    /// The phrases of rule number `r` ([`Prepared::phrases`]).
    pub fn phrases(&self, r: usize) -> Option<&Phrases> {
        self.phrases.get(r)?.as_ref()
    }
}

static CACHE: PerFormat<Prepared> = PerFormat::new();

/// `format`'s searchers, built on first use.
pub(super) fn prepared(format: &Format) -> Arc<Prepared> {
    CACHE.get(format, Prepared::new)
}

/// The words of a `text_numbers` rule's mentions (`any`, `all`, `none`), each distinct word
/// once: which of them a clause holds is found in one pass, not a search per word and mention
/// (most clauses name no mention's words).
pub(super) struct MentionWords {
    /// Finds every occurrence of every distinct non-empty word (overlapping).
    finder: Option<AhoCorasick>,
    /// The number of distinct non-empty words (the finder's patterns).
    count: usize,
    /// Per mention, its `any`, `all` and `none` words as pattern numbers (`None`: an empty
    /// word, which every text holds).
    mentions: Vec<[Vec<Option<usize>>; 3]>,
}

impl MentionWords {
    fn new(mentions: &[Mention]) -> MentionWords {
        let mut distinct: Vec<String> = Vec::new();
        let mut number = |w: &String| -> Option<usize> {
            if w.is_empty() {
                return None;
            }
            Some(match distinct.iter().position(|d| d == w) {
                Some(i) => i,
                None => {
                    distinct.push(w.clone());
                    distinct.len() - 1
                }
            })
        };
        let mentions = mentions
            .iter()
            .map(|m| [&m.any, &m.all, &m.none].map(|ws| ws.iter().map(&mut number).collect()))
            .collect();
        // A contiguous NFA, not the DFA the builder would pick for so few words: the DFA's
        // table takes ~1.9 M instructions to build, a third of checking one report, and
        // saves only ~5 000 a report in the search.
        let finder = (!distinct.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&distinct)
                    .ok()
            })
            .flatten();
        MentionWords {
            finder,
            count: distinct.len(),
            mentions,
        }
    }

    /// Which words `text` holds (by pattern number).
    pub fn held(&self, text: &str) -> Vec<bool> {
        let mut held = vec![false; self.count];
        if let Some(finder) = &self.finder {
            for m in finder.find_overlapping_iter(text) {
                held[m.pattern().as_usize()] = true;
            }
        }
        held
    }

    /// Whether mention number `m`'s words are as a clause holding `held` needs: one of its
    /// `any`, all of its `all`, none of its `none`.
    pub fn names(&self, m: usize, held: &[bool]) -> bool {
        let Some([any, all, none]) = self.mentions.get(m) else {
            return false;
        };
        let has = |w: &Option<usize>| w.is_none_or(|i| held.get(i) == Some(&true));
        any.iter().any(has) && all.iter().all(has) && !none.iter().any(has)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn mention(any: Vec<String>, all: Vec<String>, none: Vec<String>) -> Mention {
        Mention {
            cells: Vec::new(),
            or: Vec::new(),
            any,
            all,
            none,
            unit: "件".to_string(),
        }
    }

    proptest! {
        /// The words found at once name the mentions that searching the clause for each word
        /// names (words shared between mentions, inside each other, empty).
        #[test]
        fn words_found_at_once_name_what_each_search_names(
            clause in "[受理申请件结转上复议a]{0,16}",
            words in proptest::collection::vec(
                (
                    proptest::collection::vec("[受理申请结转上复议]{0,3}", 0..3),
                    proptest::collection::vec("[受理申请结转上复议]{0,2}", 0..2),
                    proptest::collection::vec("[受理申请结转上复议]{0,2}", 0..2),
                ),
                1..5,
            ),
        ) {
            let mentions: Vec<Mention> = words
                .iter()
                .map(|(a, l, n)| mention(a.clone(), l.clone(), n.clone()))
                .collect();
            let found = MentionWords::new(&mentions);
            let held = found.held(&clause);
            for (i, m) in mentions.iter().enumerate() {
                let has = |w: &String| clause.contains(w.as_str());
                let expected = m.any.iter().any(has) && m.all.iter().all(has) && !m.none.iter().any(has);
                prop_assert_eq!(found.names(i, &held), expected, "mention {}", i);
            }
        }
    }
}
