//! What the rules derive from a format once, not once per report: the phrase searchers of
//! the sentence rules, by rule.

use super::phrases::Phrases;
use crate::format::{Format, PerFormat, RuleKind};
use std::sync::Arc;

/// One format's searchers.
pub(super) struct Prepared {
    /// For each rule (same index as `Format::rules`): the phrases a line must hold for the
    /// rule to read it — a `text_numbers` rule's units, a `text_contradictions` rule's
    /// claims; `None` for the other rules.
    phrases: Vec<Option<Phrases>>,
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
        Prepared { phrases }
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
