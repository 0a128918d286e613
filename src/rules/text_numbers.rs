//! The report's text against its tables: a sentence that states what a table counts (`受理政府
//! 信息公开申请 17 件`) must agree with the cell (三、一、本年新收 / 总计). Which words tie a
//! clause to which cells is the format asset's (`text_numbers` rules); a number said to be
//! approximate (`5500 余条`, `约 20 件`) is never compared, and a clause is compared only when
//! the table's cells are all known.

use super::arithmetic::CellStates;
use super::{Diagnostic, Location, Stage};
use crate::draft::Draft;
use crate::format::{CellRef, Format, Mention, RuleKind};
use crate::i18n::Localized;
use crate::value::Number;

/// Marks of an approximate number, before or after it.
const APPROXIMATE: &[&str] = &["余", "多", "约", "近", "超过", "以上", "左右", "逾", "上下"];
/// Where a clause ends.
static CLAUSE_ENDS: super::lines::Ends = super::lines::Ends::new(&[
    '，', '。', '；', '：', '（', '）', '、', ',', ';', '(', ')', '\n',
]);
/// How much of a sentence a message quotes.
const QUOTE_CHARS: usize = 40;

/// A count the report's text states: where, which mention of which rule, and the number.
/// Depends on the texts only, so a caller that knows the texts did not change (the TUI,
/// while numbers are typed into a grid) keeps these and skips the scan.
/// The other rules that read sentences keep what they found here too (`wrong_year`: the
/// year a sentence of work names, in `stated`; `claims`: the claim, in `mention`).
#[derive(Debug, Clone)]
pub struct Statement {
    pub(super) rule: usize,
    pub(super) mention: usize,
    pub(super) section: String,
    pub(super) line: usize,
    pub(super) stated: Number,
    pub(super) quote: String,
}

/// Every count the texts state for the format's `text_numbers` rules (one per clause), and
/// every sentence the `wrong_year` and `text_contradictions` rules read.
pub fn statements(format: &Format, draft: &Draft) -> Vec<Statement> {
    let mut out = Vec::new();
    for (r, rule) in format.rules.iter().enumerate() {
        match &rule.kind {
            RuleKind::TextNumbers { mentions } => counts(format, draft, r, mentions, &mut out),
            RuleKind::WrongYear(w) => super::wrong_year::scan(format, draft, r, w, &mut out),
            RuleKind::TextContradictions { claims } => {
                super::claims::scan(format, draft, r, claims, &mut out)
            }
            _ => {}
        }
    }
    out
}

/// The counts the texts state for one `text_numbers` rule.
fn counts(
    format: &Format,
    draft: &Draft,
    r: usize,
    mentions: &[Mention],
    out: &mut Vec<Statement>,
) {
    // The mentions share their units (`件`): each is looked for once.
    let prepared = super::prepared::prepared(format);
    let (Some(units), Some(words)) = (prepared.phrases(r), prepared.words(r)) else {
        return;
    };
    for section in &format.sections {
        let text = draft.section_text(&section.id);
        for (line_no, line) in super::lines::lines(text).enumerate() {
            // A line that names no unit states no count (one fast search per unit).
            if !units.occur_in(line) {
                continue;
            }
            for clause in super::lines::split(line, &CLAUSE_ENDS) {
                // Every mention needs a digit and its unit in the clause.
                if !clause.bytes().any(|b| b.is_ascii_digit()) || !units.occur_in(clause) {
                    continue;
                }
                // Words are matched without the spaces a PDF's text puts inside them.
                let squeezed: std::borrow::Cow<str> = if clause.contains(char::is_whitespace) {
                    clause.chars().filter(|c| !c.is_whitespace()).collect()
                } else {
                    clause.into()
                };
                // The first mention that names the clause (its words found once for all).
                let held = words.held(&squeezed);
                let found = mentions
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| words.names(*i, &held))
                    .find_map(|(i, m)| stated_number(&squeezed, m).map(|n| (i, n)));
                if let Some((mention, stated)) = found {
                    out.push(Statement {
                        rule: r,
                        mention,
                        section: section.id.clone(),
                        line: line_no + 1,
                        stated,
                        quote: clause.trim().chars().take(QUOTE_CHARS).collect(),
                    });
                }
            }
        }
    }
}

/// The statements that disagree with the tables' cells (or, for `wrong_year`, with the
/// report's year), as diagnostics.
pub(super) fn evaluate(
    format: &Format,
    statements: &[Statement],
    cells: &CellStates,
    year: i32,
    stage: Stage,
    out: &mut Vec<Diagnostic>,
) {
    for st in statements {
        let Some(rule) = format.rules.get(st.rule) else {
            continue;
        };
        let mentions = match &rule.kind {
            RuleKind::TextNumbers { mentions } => mentions,
            RuleKind::WrongYear(w) => {
                out.extend(super::wrong_year::judge(format, rule, w, st, year, stage));
                continue;
            }
            RuleKind::TextContradictions { claims } => {
                out.extend(super::claims::judge(format, rule, claims, st, cells, stage));
                continue;
            }
            _ => continue,
        };
        let Some(m) = mentions.get(st.mention) else {
            continue;
        };
        let Some((table, refs)) = table_value(&m.cells, cells) else {
            continue;
        };
        let agrees = st.stated == table
            || m.or
                .iter()
                .any(|set| table_value(set, cells).is_some_and(|(v, _)| v == st.stated));
        if agrees {
            continue;
        }
        let names: Vec<String> = refs
            .iter()
            .map(|c| Location::cell_text(format, c))
            .collect();
        out.push(Diagnostic {
            severity: rule.severity.at(stage),
            code: rule.code.clone(),
            location: Location {
                section_line: Some(st.line),
                ..Location::section(format, &st.section)
            },
            message: Localized::from_template(
                |s| s.text_number_mismatch,
                &[
                    ("quote", &st.quote),
                    ("stated", &st.stated.to_string()),
                    ("cell", &names.join(" + ")),
                    ("value", &table.to_string()),
                ],
            ),
        });
    }
}

/// The number a clause (its spaces taken out) whose words name mention `m` states for it:
/// the number is followed by the unit, and nothing marks it as approximate. Linear in the
/// clause: a long section is scanned on every check. Compared as bytes: a digit is ASCII, so
/// a run of them starts and ends on characters' boundaries, and a word found there as bytes
/// is found there as characters.
fn stated_number(squeezed: &str, m: &Mention) -> Option<Number> {
    let unit = m.unit.as_str();
    // Most clauses state no count in this unit.
    if !squeezed.contains(unit) {
        return None;
    }
    let bytes = squeezed.as_bytes();
    // The first number followed by the unit (after the words, so `2024年…17件` gives 17).
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let (before, after) = (&squeezed[..start], &squeezed[i..]);
        if let Some(past_unit) = after.strip_prefix(unit) {
            let approximate = APPROXIMATE
                .iter()
                .any(|a| after.starts_with(a) || before.ends_with(a) || past_unit.starts_with(a));
            if approximate {
                return None;
            }
            let n: i64 = squeezed[start..i].parse().ok()?;
            return Some(Number::from_int(n));
        }
        // A number with a marker before its unit (`5500余件`): approximate.
        if APPROXIMATE.iter().any(|a| after.starts_with(a)) {
            return None;
        }
    }
    None
}

/// The sum of the cells `keys`, when every one is known.
pub(super) fn table_value<'c>(
    keys: &[String],
    cells: &'c CellStates,
) -> Option<(Number, Vec<&'c CellRef>)> {
    let mut sum = Number::ZERO;
    let mut refs = Vec::new();
    for key in keys {
        let (id, state) = cells.get_key(key)?;
        let cell = cells.cell(id)?;
        let n = match (state.parsed, state.is_computed, state.complete) {
            (Some(n), _, _) => n,
            (None, true, true) => state.computed?,
            _ => return None,
        };
        sum = sum.checked_add(n)?;
        refs.push(cell);
    }
    Some((sum, refs))
}

#[cfg(test)]
mod tests;
