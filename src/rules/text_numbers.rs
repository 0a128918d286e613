//! The report's text against its tables: a sentence that states what a table counts (`受理政府
//! 信息公开申请 17 件`) must agree with the cell (三、一、本年新收 / 总计). Which words tie a
//! clause to which cells is the format asset's (`text_numbers` rules); a number said to be
//! approximate (`5500 余条`, `约 20 件`) is never compared, and a clause is compared only when
//! the table's cells are all known.

use super::arithmetic::CellState;
use super::{Diagnostic, Location, Stage};
use crate::draft::Draft;
use crate::format::{CellRef, Format, Mention, RuleKind};
use crate::i18n::Localized;
use crate::value::Number;
use std::collections::BTreeMap;

/// Marks of an approximate number, before or after it.
const APPROXIMATE: &[&str] = &["余", "多", "约", "近", "超过", "以上", "左右", "逾", "上下"];
/// Where a clause ends.
const CLAUSE_ENDS: &[char] = &[
    '，', '。', '；', '：', '（', '）', '、', ',', ';', '(', ')', '\n',
];
/// How much of a sentence a message quotes.
const QUOTE_CHARS: usize = 40;

pub(super) fn evaluate(
    format: &Format,
    draft: &Draft,
    cells: &BTreeMap<CellRef, CellState>,
    stage: Stage,
    out: &mut Vec<Diagnostic>,
) {
    for rule in &format.rules {
        let RuleKind::TextNumbers { mentions } = &rule.kind else {
            continue;
        };
        let severity = rule.severity.at(stage);
        for section in &format.sections {
            let text = draft.section_text(&section.id);
            for (line_no, line) in text.lines().enumerate() {
                for clause in line.split(CLAUSE_ENDS) {
                    for m in mentions {
                        let Some(stated) = stated_number(clause, m) else {
                            continue;
                        };
                        let Some((table, refs)) = table_value(&m.cells, cells) else {
                            continue;
                        };
                        let agrees = stated == table
                            || m.or.iter().any(|set| {
                                table_value(set, cells).is_some_and(|(v, _)| v == stated)
                            });
                        if agrees {
                            // One finding per clause at most, and none when it agrees.
                            break;
                        }
                        let quote: String = clause.trim().chars().take(QUOTE_CHARS).collect();
                        let names: Vec<String> = refs
                            .iter()
                            .map(|c| Location::cell(format, c).text)
                            .collect();
                        out.push(Diagnostic {
                            severity,
                            code: rule.code.clone(),
                            location: Location {
                                section_line: Some(line_no + 1),
                                ..Location::section(format, &section.id)
                            },
                            message: Localized::from_template(
                                |s| s.text_number_mismatch,
                                &[
                                    ("quote", &quote),
                                    ("stated", &stated.to_string()),
                                    ("cell", &names.join(" + ")),
                                    ("value", &table.to_string()),
                                ],
                            ),
                        });
                        // One finding per clause: the first mention that names it.
                        break;
                    }
                }
            }
        }
    }
}

/// The number a clause states for mention `m`: its words are there, the number is followed
/// by the unit, and nothing marks it as approximate.
fn stated_number(clause: &str, m: &Mention) -> Option<Number> {
    let squeezed: String = clause.chars().filter(|c| !c.is_whitespace()).collect();
    if !m.any.iter().any(|w| squeezed.contains(w.as_str()))
        || !m.all.iter().all(|w| squeezed.contains(w.as_str()))
        || m.none.iter().any(|w| squeezed.contains(w.as_str()))
    {
        return None;
    }
    // The first number followed by the unit (after the words, so `2024年…17件` gives 17).
    let chars: Vec<char> = squeezed.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let rest: String = chars[i..].iter().collect();
        let before: String = chars[..start].iter().collect();
        if rest.starts_with(m.unit.as_str()) {
            let approximate = APPROXIMATE
                .iter()
                .any(|a| rest.starts_with(a) || before.ends_with(a))
                || APPROXIMATE
                    .iter()
                    .any(|a| rest[m.unit.len()..].starts_with(a));
            if approximate {
                return None;
            }
            let digits: String = chars[start..i].iter().collect();
            let n: i64 = digits.parse().ok()?;
            return Some(Number::from_int(n));
        }
        // A number with another unit or a marker in between (`5500余件`): approximate.
        if APPROXIMATE.iter().any(|a| rest.starts_with(a)) {
            return None;
        }
    }
    None
}

/// The sum of the cells `keys`, when every one is known.
fn table_value(
    keys: &[String],
    cells: &BTreeMap<CellRef, CellState>,
) -> Option<(Number, Vec<CellRef>)> {
    let mut sum = Number::ZERO;
    let mut refs = Vec::new();
    for key in keys {
        let cell = CellRef::parse_key(key)?;
        let state = cells.get(&cell)?;
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
