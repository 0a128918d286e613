//! Contradictions between the text and the tables: a sentence saying some cells hold nothing
//! (`所有申请均已按期办结`: nothing carried over to next year; `未发生行政复议`; `本年度未收到政府
//! 信息公开申请`) while the table has more than 0 there. The phrases and their cells are the
//! format asset's (`text_contradictions` rules); the scan keeps every sentence that makes a
//! claim, and the cells decide when the rules are evaluated.

use super::arithmetic::CellStates;
use super::text_numbers::{Statement, table_value};
use super::{Diagnostic, Location, Stage};
use crate::draft::Draft;
use crate::format::{Claim, Format, Rule};
use crate::i18n::Localized;
use crate::value::Number;

/// Where a sentence ends.
static SENTENCE_ENDS: super::lines::Ends =
    super::lines::Ends::new(&['。', '！', '？', '；', '!', '?', ';']);
/// How much of a sentence a message quotes.
const QUOTE_CHARS: usize = 40;

/// Every sentence of the sections that makes one of the claims of rule number `r`.
pub(super) fn scan(
    format: &Format,
    draft: &Draft,
    r: usize,
    claims: &[Claim],
    out: &mut Vec<Statement>,
) {
    let prepared = super::prepared::prepared(format);
    let Some(phrases) = prepared.phrases(r) else {
        return;
    };
    for section in &format.sections {
        let text = draft.section_text(&section.id);
        for (line_no, line) in super::lines::lines(text).enumerate() {
            // A line holding none of the phrases makes no claim: one pass per first character
            // (spaces skipped, as a PDF's text puts them inside words).
            if !phrases.occur_in(line) {
                continue;
            }
            for sentence in super::lines::split(line, &SENTENCE_ENDS) {
                let squeezed: String = sentence.chars().filter(|c| !c.is_whitespace()).collect();
                let made = claims
                    .iter()
                    .position(|c| c.any.iter().any(|p| squeezed.contains(p.as_str())));
                if let Some(claim) = made {
                    out.push(Statement {
                        rule: r,
                        mention: claim,
                        section: section.id.clone(),
                        line: line_no + 1,
                        stated: Number::ZERO,
                        quote: sentence.trim().chars().take(QUOTE_CHARS).collect(),
                    });
                }
            }
        }
    }
}

/// A claim the table's cells contradict (they are all known and add up to more than 0), as
/// a diagnostic naming the sentence and the cells.
pub(super) fn judge(
    format: &Format,
    rule: &Rule,
    claims: &[Claim],
    st: &Statement,
    cells: &CellStates,
    stage: Stage,
) -> Option<Diagnostic> {
    let claim = claims.get(st.mention)?;
    let (value, refs) = table_value(&claim.cells, cells)?;
    if value <= Number::ZERO {
        return None;
    }
    let names: Vec<String> = refs
        .iter()
        .map(|c| Location::cell_text(format, c))
        .collect();
    Some(Diagnostic {
        severity: rule.severity.at(stage),
        code: rule.code.clone(),
        location: Location {
            section_line: Some(st.line),
            ..Location::section(format, &st.section)
        },
        message: Localized::from_template(
            |s| s.text_contradiction,
            &[
                ("quote", &st.quote),
                ("cell", &names.join(" + ")),
                ("value", &value.to_string()),
            ],
        ),
    })
}

#[cfg(test)]
mod tests;
