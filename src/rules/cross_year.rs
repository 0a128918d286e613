//! Rules across two years of the same agency's report, which a single year's tables cannot
//! show: 上年结转 against last year's 结转下年度继续办理, 现行有效件数 against last year's with
//! this year's 制发 and 废止, and sections copied from last year (内容雷同). Which rows and
//! columns, and the threshold, are the format asset's; this module knows only the kinds.

use super::{Diagnostic, Location, Stage};
use crate::draft::{Draft, PreviousYear};
use crate::format::{CellRef, Format, RuleKind};
use crate::i18n::Localized;
use crate::value;

/// The diagnostics of `draft` against `previous`, last year's report of the same agency.
pub fn evaluate(
    format: &Format,
    draft: &Draft,
    previous: &PreviousYear,
    stage: Stage,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let number = |cells: &std::collections::BTreeMap<crate::draft::CellKey, String>,
                  cell: &CellRef| {
        let text = cells.get(cell.key().as_str())?;
        value::parse(text, format.cell_type(cell)?).ok()
    };
    let last_year = previous.year.to_string();
    for rule in &format.rules {
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
            RuleKind::CarryOver {
                table,
                row,
                from_row,
            } => {
                let Some(block) = format.table(table).and_then(|t| t.block_of_row(row)) else {
                    continue;
                };
                for col in block.leaf_columns() {
                    let here = CellRef::new(table, row, &col.id);
                    let there = CellRef::new(table, from_row, &col.id);
                    let (Some(now), Some(then)) =
                        (number(&draft.cells, &here), number(&previous.cells, &there))
                    else {
                        continue;
                    };
                    if now != then {
                        let from = crate::rules::Location::cell_text(format, &there);
                        push(
                            Location::cell(format, &here),
                            Localized::from_template(
                                |s| s.cross_carry_over,
                                &[
                                    ("now", &now.to_string()),
                                    ("then", &then.to_string()),
                                    ("year", &last_year),
                                    ("from", &from),
                                ],
                            ),
                        );
                    }
                }
            }
            RuleKind::StockFlow {
                table,
                rows,
                stock,
                inflow,
                outflow,
            } => {
                for row in rows {
                    let cell = |c: &str| CellRef::new(table, row, c);
                    let (Some(now), Some(then), Some(added), Some(removed)) = (
                        number(&draft.cells, &cell(stock)),
                        number(&previous.cells, &cell(stock)),
                        number(&draft.cells, &cell(inflow)),
                        number(&draft.cells, &cell(outflow)),
                    ) else {
                        continue;
                    };
                    let Some(expected) =
                        then.checked_add(added).and_then(|n| n.checked_sub(removed))
                    else {
                        continue;
                    };
                    if now != expected {
                        push(
                            Location::cell(format, &cell(stock)),
                            Localized::from_template(
                                |s| s.cross_stock_flow,
                                &[
                                    ("now", &now.to_string()),
                                    ("then", &then.to_string()),
                                    ("added", &added.to_string()),
                                    ("removed", &removed.to_string()),
                                    ("expected", &expected.to_string()),
                                    ("year", &last_year),
                                ],
                            ),
                        );
                    }
                }
            }
            RuleKind::SameText {
                threshold,
                min_chars,
            } => {
                for s in &format.sections {
                    let now = draft.section_text(&s.id);
                    let then = previous.sections.get(&s.id).map_or("", String::as_str);
                    let Some(share) = crate::lcs::unchanged_share(then, now, *min_chars) else {
                        continue;
                    };
                    if share >= *threshold {
                        let percent = format!("{:.0}", share * 100.0);
                        push(
                            Location::section(format, &s.id),
                            Localized::from_template(
                                |s| s.cross_same_text,
                                &[("percent", &percent), ("year", &last_year)],
                            ),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Texts longer than this are compared by lines first (a character diff of two long texts
/// costs the product of their lengths at worst).
#[cfg(test)]
const CHAR_DIFF_LIMIT: usize = 20_000;

/// The share of `now`'s characters (spaces aside) that stand unchanged from `then`, when
/// `now` has at least `min_chars` of them — by a character diff: the reference the rule's
/// bit-parallel LCS (`crate::lcs`) is tested against, not used by the rule itself.
#[cfg(test)]
pub fn unchanged_share(then: &str, now: &str, min_chars: usize) -> Option<f64> {
    let squeeze = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let (then, now) = (squeeze(then), squeeze(now));
    let total = now.chars().count();
    if total < min_chars.max(1) || then.is_empty() {
        return None;
    }
    let diff = if then.len() + now.len() > CHAR_DIFF_LIMIT {
        similar::TextDiff::configure()
            .timeout(std::time::Duration::from_millis(200))
            .diff_chars(&then, &now)
    } else {
        similar::TextDiff::from_chars(&then, &now)
    };
    let same: usize = diff
        .ops()
        .iter()
        .filter_map(|op| match op {
            similar::DiffOp::Equal { len, .. } => Some(*len),
            _ => None,
        })
        .sum();
    Some(same as f64 / total as f64)
}

#[cfg(test)]
mod tests;

/// A new draft started from last year's report (`new --from`): last year's values where the
/// format's cross-year rules say they carry (上年结转 from 结转下年度; 现行有效件数 as the
/// starting point), its texts when `copy_text`, and last year kept for the cross-year check.
pub fn start_from(
    format: &Format,
    previous: &Draft,
    source: &str,
    draft: &mut Draft,
    copy_text: bool,
) {
    for rule in &format.rules {
        match &rule.kind {
            RuleKind::CarryOver {
                table,
                row,
                from_row,
            } => {
                let Some(block) = format.table(table).and_then(|t| t.block_of_row(row)) else {
                    continue;
                };
                for col in block.leaf_columns() {
                    if let Some(v) = previous.cell(&CellRef::new(table, from_row, &col.id)) {
                        draft.set_cell(format, &CellRef::new(table, row, &col.id), v);
                    }
                }
            }
            RuleKind::StockFlow {
                table, rows, stock, ..
            } => {
                for row in rows {
                    let cell = CellRef::new(table, row, stock);
                    if let Some(v) = previous.cell(&cell) {
                        draft.set_cell(format, &cell, v);
                    }
                }
            }
            _ => {}
        }
    }
    if copy_text {
        for (id, text) in &previous.sections {
            draft.set_section_text(id, text);
        }
    }
    draft.previous = Some(Box::new(PreviousYear::of(previous, source)));
}
