//! A group printed as one row (the 2019 format's （六）其他处理) stands for its sub-rows: the
//! sums that include those sub-rows are checked with the group's numbers in their place, as
//! a reviewer would, so such a report's （七）总计 is still verified.

use super::report::ImportReport;
use crate::format::{CellRef, Format, RuleKind};
use crate::i18n::Localized;
use crate::rules::{Diagnostic, Location, Stage};
use crate::value::{self, Number};
use std::collections::HashMap;

/// Sum rules broken once the groups printed as one row stand in for their sub-rows.
pub fn single_row_group_sums(format: &Format, report: &ImportReport) -> Vec<Diagnostic> {
    let groups: Vec<(String, String)> = report
        .problems
        .iter()
        .filter(|p| p.code == "import.single-row-group")
        .filter_map(|p| Some((p.location.table.clone()?, p.location.row.clone()?)))
        .collect();
    if groups.is_empty() {
        return Vec::new();
    }
    let mut placed: HashMap<CellRef, &str> = HashMap::new();
    for p in report.placed.iter() {
        placed
            .entry(CellRef::new(p.table, p.row, p.column))
            .or_insert(p.value);
    }
    let number = |c: &CellRef| -> Option<Number> {
        let ty = format.cell_type(c)?;
        value::parse(placed.get(c)?, ty).ok()
    };
    let mut out = Vec::new();
    for rule in &format.rules {
        let RuleKind::Sum {
            table,
            each,
            target,
            terms,
            over,
            ..
        } = &rule.kind
        else {
            continue;
        };
        let mut ids = vec![target.clone()];
        ids.extend(terms.iter().cloned());
        for set in crate::format::validate::expand(
            format,
            table,
            *each,
            over,
            &ids,
            &mut vec![],
            CellRef::new,
        ) {
            let (head, rest) = set.split_at(1);
            let mut terms: Vec<CellRef> = rest.to_vec();
            let mut substituted = false;
            for (gt, group) in &groups {
                let Some(info) = format.row(gt, group) else {
                    continue;
                };
                let children: Vec<&str> =
                    info.node.children.iter().map(|c| c.id.as_str()).collect();
                let col = match terms.iter().find(|c| children.contains(&c.row.as_str())) {
                    Some(c) if c.table == *gt => c.col.clone(),
                    _ => continue,
                };
                if children
                    .iter()
                    .all(|ch| terms.iter().any(|t| t.row == *ch && t.col == col))
                {
                    terms.retain(|t| !children.contains(&t.row.as_str()));
                    terms.push(CellRef::new(gt, group, &col));
                    substituted = true;
                }
            }
            if !substituted {
                continue;
            }
            let Some(stated) = number(&head[0]) else {
                continue;
            };
            let mut sum = Number::ZERO;
            let mut complete = true;
            for t in &terms {
                match number(t).and_then(|n| sum.checked_add(n)) {
                    Some(s) => sum = s,
                    None => complete = false,
                }
            }
            if complete && sum != stated {
                let mut loc = Location::cell(format, &head[0]);
                loc.line = report.row_lines.get(&head[0].table, &head[0].row);
                out.push(Diagnostic {
                    severity: rule.severity.at(Stage::Final),
                    code: rule.code.clone(),
                    location: loc,
                    message: Localized::from_template(
                        |s| s.sum_mismatch,
                        &[
                            ("sum", &sum.to_string()),
                            ("value", &stated.to_string()),
                            ("diff", &crate::rules::distance(sum, stated).to_string()),
                        ],
                    ),
                });
            }
        }
    }
    out
}
