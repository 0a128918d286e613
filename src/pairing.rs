//! Year over year in a folder: which report of a batch is last year's report of which other,
//! paired by agency and year as the titles give them, and what of last year's report the
//! cross-year rules need (so that a batch keeps only that, not whole reports).
//!
//! Pure: the caller reads the titles and the reports; this module only plans and slims.

use crate::draft::{Draft, PreviousYear};
use crate::format::{CellRef, Format, RuleKind};
use crate::value::normalize_width;
use std::collections::{BTreeMap, HashMap};

/// An agency's report for one year, as read from its title.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// The agency's name in the form names are compared in ([`agency_key`]).
    pub agency: String,
    pub year: i32,
}

impl Key {
    /// The key of a report whose title gave `agency` and `year`; none when either is missing.
    pub fn of(agency: &str, year: i32) -> Option<Key> {
        let agency = agency_key(agency);
        (!agency.is_empty() && year != 0).then_some(Key { agency, year })
    }
}

/// An agency's name as the importer reads titles: full-width forms folded
/// (`ＡＢＣ` = `ABC`, the ideographic space a space) and whitespace removed, so that
/// `淮安市 洪泽区人民政府` and `淮安市洪泽区人民政府` are one agency. Nothing more: two
/// names that differ in a word (`洪泽区人民政府`, `淮安市洪泽区人民政府`) are two agencies.
pub fn agency_key(name: &str) -> String {
    normalize_width(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// What the pre-pass learnt of one report of the batch.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    /// Agency and year, when its title gave both.
    pub key: Option<Key>,
    /// A draft that already carries its last year (made with `new --from`): it is checked
    /// against that, never paired with another report of the batch.
    pub has_previous: bool,
}

/// More than one report of the batch for one agency and year: that year is not paired, with
/// the year before nor with the year after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub key: Key,
    /// The reports, by their index in the batch, in input order.
    pub items: Vec<usize>,
}

/// Which report of a batch is checked against which.
#[derive(Debug, Default)]
pub struct Plan {
    /// Per report: the index of last year's report of the same agency in the batch.
    previous: Vec<Option<usize>>,
    /// Per report: whether next year's report is in the batch and will ask for this one.
    successor: Vec<bool>,
    /// Agency-years with more than one report, by agency and year.
    pub duplicates: Vec<Duplicate>,
}

impl Plan {
    /// Pairs every report whose agency has exactly one report the year before and itself
    /// exactly one report that year.
    pub fn new(seen: &[Seen]) -> Plan {
        let mut by_key: HashMap<&Key, Vec<usize>> = HashMap::new();
        for (i, s) in seen.iter().enumerate() {
            if let Some(k) = &s.key {
                by_key.entry(k).or_default().push(i);
            }
        }
        let mut plan = Plan {
            previous: vec![None; seen.len()],
            successor: vec![false; seen.len()],
            duplicates: Vec::new(),
        };
        let mut duplicates: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
        for (key, items) in &by_key {
            if items.len() > 1 {
                duplicates.insert((*key).clone(), items.clone());
                continue;
            }
            let this = items[0];
            if seen[this].has_previous {
                continue;
            }
            let last = Key {
                agency: key.agency.clone(),
                year: key.year - 1,
            };
            if let Some([before]) = by_key.get(&last).map(Vec::as_slice) {
                plan.previous[this] = Some(*before);
                plan.successor[*before] = true;
            }
        }
        plan.duplicates = duplicates
            .into_iter()
            .map(|(key, items)| Duplicate { key, items })
            .collect();
        plan
    }

    /// The index of the report that is last year's of report `i`, when the batch holds it.
    pub fn previous_of(&self, i: usize) -> Option<usize> {
        self.previous.get(i).copied().flatten()
    }

    /// Whether next year's report of report `i`'s agency is in the batch.
    pub fn has_successor(&self, i: usize) -> bool {
        self.successor.get(i).copied().unwrap_or(false)
    }

    /// How many reports are checked against last year's.
    pub fn pairs(&self) -> usize {
        self.previous.iter().flatten().count()
    }
}

/// Last year's report as the cross-year rules of `format` read it: the cells they compare
/// (结转下年度, 现行有效件数) and, when the format compares texts, the sections' texts. The
/// rest of the report (the other cells, the preamble, the signature) is left out.
pub fn carried(format: &Format, draft: &Draft, source: &str) -> PreviousYear {
    let mut cells = BTreeMap::new();
    let mut texts = false;
    let mut keep = |key: String| {
        if let Some(v) = draft.cells.get(key.as_str()) {
            cells.insert(key.into(), v.clone());
        }
    };
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
                    keep(CellRef::new(table, from_row, &col.id).key());
                }
            }
            RuleKind::StockFlow {
                table, rows, stock, ..
            } => {
                for row in rows {
                    keep(CellRef::new(table, row, stock).key());
                }
            }
            RuleKind::SameText { .. } => texts = true,
            _ => {}
        }
    }
    let sections = if texts {
        format
            .sections
            .iter()
            .filter_map(|s| draft.sections.get(&s.id).map(|t| (s.id.clone(), t.clone())))
            .collect()
    } else {
        BTreeMap::new()
    };
    PreviousYear {
        agency: draft.agency.clone(),
        year: draft.year,
        source: source.to_string(),
        sections,
        cells,
    }
}

/// Bytes a slimmed last year holds, to bound what a batch keeps waiting for next year.
pub fn size_of(previous: &PreviousYear) -> usize {
    let texts: usize = previous.sections.values().map(String::len).sum();
    let cells: usize = previous.cells.iter().map(|(k, v)| k.len() + v.len()).sum();
    texts + cells + previous.agency.len() + previous.source.len()
}

#[cfg(test)]
mod tests;
