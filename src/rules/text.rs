//! Rules on the text of the report: empty sections, numbering that collides with the
//! report's headings, required mentions, the year and the agency.

use super::{Diagnostic, Location, Stage};
use crate::draft::Draft;
use crate::format::{Format, RuleKind};
use crate::i18n::{Localized, fill};
use chrono::{Datelike, NaiveDate};

/// How much of an offending line a message quotes.
const EXCERPT_CHARS: usize = 24;

/// Which of the text rules to run: those that read only the sections' texts can be kept
/// while only cells change (a digit typed into a grid); the year and agency rules cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    All,
    Texts,
    Facts,
}

impl Part {
    fn includes(self, kind: &RuleKind) -> bool {
        let facts = matches!(kind, RuleKind::YearRange | RuleKind::AgencyRequired);
        match self {
            Part::All => true,
            Part::Texts => !facts,
            Part::Facts => facts,
        }
    }
}

pub(super) fn evaluate(
    format: &Format,
    draft: &Draft,
    stage: Stage,
    today: NaiveDate,
    part: Part,
    out: &mut Vec<Diagnostic>,
) {
    for rule in &format.rules {
        if !part.includes(&rule.kind) {
            continue;
        }
        let severity = rule.severity.at(stage);
        let mut push = |location: Location, message: Localized| {
            out.push(Diagnostic {
                severity,
                code: rule.code.clone(),
                location,
                message,
            })
        };
        match &rule.kind {
            RuleKind::SectionText => {
                for s in format.sections.iter().filter(|s| s.text_required) {
                    if draft.section_text(&s.id).trim().is_empty() {
                        push(
                            Location::section(format, &s.id),
                            Localized::from_template(|t| t.section_empty, &[]),
                        );
                    }
                }
            }
            RuleKind::NumberingCollision {
                markers,
                separators,
                suggest,
            } => {
                for s in &format.sections {
                    for (i, line) in super::lines::lines(draft.section_text(&s.id)).enumerate() {
                        let line = line.trim_start();
                        // The first marker and separator (in the asset's order) the line starts
                        // with, no prefix built: a marker is compared only when its first byte
                        // is the line's (an empty one always).
                        let first = line.as_bytes().first();
                        let Some((m, sep)) = markers
                            .iter()
                            .filter(|m| m.as_bytes().first().is_none_or(|b| first == Some(b)))
                            .flat_map(|m| separators.iter().map(move |sep| (m, sep)))
                            .find(|(m, sep)| {
                                line.strip_prefix(m.as_str())
                                    .is_some_and(|rest| rest.starts_with(sep.as_str()))
                            })
                        else {
                            continue;
                        };
                        let marker = &format!("{m}{sep}");
                        let excerpt: String = line.chars().take(EXCERPT_CHARS).collect();
                        let excerpt = if line.chars().count() > EXCERPT_CHARS {
                            format!("{excerpt}…")
                        } else {
                            excerpt
                        };
                        let n = (i + 1).to_string();
                        let mut loc = Location::section(format, &s.id);
                        loc.section_line = Some(i + 1);
                        push(
                            loc,
                            Localized::from_template(
                                |t| t.numbering_collision,
                                &[
                                    ("line", &n),
                                    ("excerpt", &excerpt),
                                    ("marker", marker),
                                    ("suggest", suggest),
                                ],
                            ),
                        );
                    }
                }
            }
            RuleKind::TextMentions { section, any_of } => {
                let text = draft.section_text(section);
                if !text.trim().is_empty() && !any_of.iter().any(|p| text.contains(p.as_str())) {
                    let phrases = any_of.join("”或“");
                    let msg = Localized {
                        zh: fill(
                            crate::i18n::ZH.text_missing_phrase,
                            &[
                                ("phrases", &phrases),
                                ("note", rule.note.as_deref().unwrap_or("")),
                            ],
                        ),
                        en: fill(
                            crate::i18n::EN.text_missing_phrase,
                            &[
                                ("phrases", &phrases),
                                ("note", rule.note_en.as_deref().unwrap_or("")),
                            ],
                        ),
                    };
                    push(Location::section(format, section), msg);
                }
            }
            RuleKind::SectionSubstance {
                section,
                placeholders,
                min_chars,
            } => {
                let text = draft.section_text(section);
                // Only what is said counts: spaces and punctuation (`无。`) say nothing.
                let said_of = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).count();
                // A text that says more than `min_chars` and than every placeholder is neither
                // too short nor a placeholder: read no further (a section may be 40 000 字).
                let enough = placeholders
                    .iter()
                    .map(|p| said_of(p))
                    .fold(*min_chars, usize::max);
                let said: String = text
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .take(enough + 1)
                    .collect();
                if said.is_empty() {
                    // An empty section is the `section_text` rule's.
                    continue;
                }
                if said.chars().count() > enough {
                    continue;
                }
                let placeholder = placeholders
                    .iter()
                    .any(|p| p.chars().filter(|c| c.is_alphanumeric()).eq(said.chars()));
                if placeholder || said.chars().count() < *min_chars {
                    let quote: String = text.trim().chars().take(EXCERPT_CHARS).collect();
                    push(
                        Location::section(format, section),
                        Localized::from_template(
                            |t| t.section_in_name_only,
                            &[("text", &quote), ("min", &min_chars.to_string())],
                        ),
                    );
                }
            }
            RuleKind::YearRange => {
                let year = draft.year.to_string();
                if draft.year > today.year() {
                    let current = today.year().to_string();
                    push(
                        Location::report(""),
                        Localized::from_template(
                            |t| t.year_in_future,
                            &[("year", &year), ("current", &current)],
                        ),
                    );
                } else if draft.year < format.first_year {
                    let first = format.first_year.to_string();
                    push(
                        Location::report(""),
                        Localized::from_template(
                            |t| t.year_before_format,
                            &[("year", &year), ("first", &first)],
                        ),
                    );
                }
            }
            RuleKind::AgencyRequired if draft.agency.trim().is_empty() => {
                push(
                    Location::report(""),
                    Localized::from_template(|t| t.agency_empty, &[]),
                );
            }
            _ => {}
        }
    }
}
