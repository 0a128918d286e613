//! Sums and balances with some cells still blank, evaluated over the filled cells: counts
//! are never negative, so when one side is complete and the filled cells of the other
//! already exceed it, no value in the blanks can make it hold (`partial_sum` rules, case
//! `exceeds`); when they fall short and only a few cells are blank, the blanks are the only
//! way to balance, and the message says by how much (`还差 1，空白单元格为 …`, case `short`).
//! A computed total stands for the cells it sums, so a blank behind it counts as a blank.

use super::{Diagnostic, Engine, Location, Stage, balance_location, distance};
use crate::format::{CellId, PartialCase, RuleKind};
use crate::i18n::Localized;
use crate::value::Number;

/// One side of an equation over the filled cells: the sum of what is filled, how many cells
/// are, and the cells still blank.
struct Side {
    sum: Number,
    filled: usize,
    blanks: Vec<CellId>,
}

pub(super) fn evaluate(engine: &mut Engine, stage: Stage, out: &mut Vec<Diagnostic>) {
    let format = engine.format;
    let compiled = engine.compiled;
    let rules: Vec<(&crate::format::Rule, PartialCase, Option<usize>)> = format
        .rules
        .iter()
        .filter_map(|r| match &r.kind {
            RuleKind::PartialSum { case, max_blanks } => Some((r, *case, *max_blanks)),
            _ => None,
        })
        .collect();
    if rules.is_empty() {
        return;
    }
    // The same blanks short (or over) by the same amount are said once per rule (a blank of
    // 自然人 also leaves the 总计 column short).
    let mut said: Vec<(usize, Vec<CellId>, Number)> = Vec::new();
    for (i, equation) in format.rules.iter().enumerate() {
        let sets = compiled.sets(i);
        let (left_len, each) = match &equation.kind {
            RuleKind::Sum { each, .. } => (1, *each),
            RuleKind::Balance { left, each, .. } => (left.len(), *each),
            _ => continue,
        };
        let is_sum = matches!(equation.kind, RuleKind::Sum { .. });
        for set in sets {
            // A sum's target is compared only where a report stated it.
            if is_sum && engine.state(set[0]).text.is_none() {
                continue;
            }
            // Every cell filled (through its totals): the rule itself decides. The values are
            // memoised, so this costs a lookup per cell; a finished report stops here.
            if set.iter().all(|c| engine.val(*c).complete) {
                continue;
            }
            let (l, r) = set.split_at(left_len.min(set.len()));
            let (Some(lv), Some(rv)) = (side(engine, l), side(engine, r)) else {
                continue;
            };
            // Exactly one side complete, and something filled on it.
            let (whole, part, whole_cells, part_cells) =
                match (lv.blanks.is_empty(), rv.blanks.is_empty()) {
                    (true, false) => (lv, rv, l, r),
                    (false, true) => (rv, lv, r, l),
                    _ => continue,
                };
            if whole.filled == 0 {
                continue;
            }
            let diff = distance(whole.sum, part.sum);
            for (ri, (rule, case, max_blanks)) in rules.iter().enumerate() {
                let found = match case {
                    PartialCase::Exceeds => part.sum > whole.sum,
                    PartialCase::Short => {
                        part.sum < whole.sum && max_blanks.is_none_or(|m| part.blanks.len() <= m)
                    }
                };
                let key = (ri, part.blanks.clone(), diff);
                if !found || said.contains(&key) {
                    continue;
                }
                said.push(key);
                let name = |cells: &[CellId]| -> String {
                    if is_sum {
                        cells
                            .iter()
                            .map(|c| Location::cell_text(format, compiled.cell(*c)))
                            .collect::<Vec<_>>()
                            .join("、")
                    } else {
                        cells
                            .iter()
                            .map(|c| crate::rules::short_row_name(format, compiled.cell(*c)))
                            .collect::<Vec<_>>()
                            .join("+")
                    }
                };
                let blanks: Vec<String> = part
                    .blanks
                    .iter()
                    .map(|c| Location::cell_text(format, compiled.cell(*c)))
                    .collect();
                let vars = [
                    ("target", name(whole_cells)),
                    ("value", whole.sum.to_string()),
                    ("filled", name(part_cells)),
                    ("sum", part.sum.to_string()),
                    ("diff", diff.to_string()),
                    ("blanks", blanks.join("、")),
                ];
                let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let message = match case {
                    PartialCase::Exceeds => Localized::from_template(|s| s.sum_exceeds, &vars),
                    PartialCase::Short => Localized::from_template(|s| s.sum_short, &vars),
                };
                let location = if is_sum {
                    Location::cell(format, compiled.cell(set[0]))
                } else {
                    balance_location(format, compiled.cell(set[0]), each)
                };
                if *case == PartialCase::Exceeds {
                    engine.involved.push((out.len(), set.to_vec()));
                }
                out.push(Diagnostic {
                    severity: rule.severity.at(stage),
                    code: rule.code.clone(),
                    location,
                    message,
                });
            }
        }
    }
}

/// A side's filled sum and blank cells, a computed total without a stated number standing
/// for the cells it sums.
fn side(engine: &Engine, cells: &[CellId]) -> Option<Side> {
    let mut acc = Side {
        sum: Number::ZERO,
        filled: 0,
        blanks: Vec::new(),
    };
    for c in cells {
        add(engine, *c, &mut acc, 0)?;
    }
    Some(acc)
}

fn add(engine: &Engine, cell: CellId, acc: &mut Side, depth: usize) -> Option<()> {
    let state = engine.state(cell);
    if let Some(n) = state.parsed {
        acc.sum = acc.sum.checked_add(n)?;
        acc.filled += 1;
        return Some(());
    }
    if state.text.is_some() {
        // Not a value: the value rule reports it, and nothing can be said of the sum.
        return None;
    }
    match engine.compiled.terms(cell) {
        Some(terms) if depth < 64 => {
            for t in terms {
                add(engine, *t, acc, depth + 1)?;
            }
        }
        _ => acc.blanks.push(cell),
    }
    Some(())
}

#[cfg(test)]
mod tests;
