//! The compiled engine against a straightforward reference: on random drafts, every cell's
//! state and every failing sum and balance are those of an evaluation that walks the format's
//! trees and expands its rules directly, as the engine did before it was compiled into
//! indices. The reference is kept simple on purpose (recursion, maps of references).

use super::super::{Location, Stage, evaluate};
use super::CellState;
use crate::draft::Draft;
use crate::format::{Axis, CellRef, ColumnNode, Format, RowNode, RuleKind, ValueType};
use crate::value::{self, Number};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

/// The value type of a cell, found by walking its block's row and column trees.
fn walked_type<'f>(f: &'f Format, cell: &CellRef) -> Option<&'f ValueType> {
    fn holds(rows: &[RowNode], id: &str) -> bool {
        rows.iter().any(|r| r.id == id || holds(&r.children, id))
    }
    fn path<'c>(cols: &'c [ColumnNode], id: &str) -> Option<Vec<&'c ColumnNode>> {
        for c in cols {
            if c.id == id {
                return Some(vec![c]);
            }
            if let Some(mut p) = path(&c.children, id) {
                p.insert(0, c);
                return Some(p);
            }
        }
        None
    }
    let table = f.tables.iter().find(|t| t.id == cell.table)?;
    let block = table.blocks.iter().find(|b| holds(&b.rows, &cell.row))?;
    let name = path(&block.columns, &cell.col)?
        .iter()
        .rev()
        .find_map(|c| c.value_type.as_deref())
        .unwrap_or("count");
    f.value_types.get(name)
}

/// Every equation of a rule: target (or left side) first.
fn equations(f: &Format, kind: &RuleKind) -> Vec<Vec<CellRef>> {
    kind.equation_ids()
        .map_or(Vec::new(), |(table, each, over, ids)| {
            crate::format::validate::expand(
                f,
                table,
                each,
                over,
                &ids,
                &mut Vec::new(),
                CellRef::new,
            )
        })
}

struct Reference {
    states: BTreeMap<CellRef, CellState>,
    formulas: BTreeMap<CellRef, Vec<CellRef>>,
}

impl Reference {
    fn new(f: &Format, d: &Draft) -> Reference {
        let mut formulas = BTreeMap::new();
        for rule in &f.rules {
            if let RuleKind::Sum { computes: true, .. } = rule.kind {
                for eq in equations(f, &rule.kind) {
                    formulas.insert(eq[0].clone(), eq[1..].to_vec());
                }
            }
        }
        let mut cells: BTreeSet<CellRef> = f.cells().into_iter().collect();
        // A group row's subtotal, where the draft states one.
        for key in d.cells.keys() {
            if let Some(c) = CellRef::parse_key(key) {
                let subtotal = f
                    .row(&c.table, &c.row)
                    .is_some_and(|r| r.node.is_group() && r.node.subtotal.is_some());
                if subtotal && walked_type(f, &c).is_some() {
                    cells.insert(c);
                }
            }
        }
        let mut states = BTreeMap::new();
        for c in cells {
            let text = d.cell(&c).map(str::to_string);
            let mut s = CellState {
                text: text.as_deref().map(Into::into),
                ..CellState::default()
            };
            if let (Some(t), Some(ty)) = (&text, walked_type(f, &c)) {
                match value::parse(t, ty) {
                    Ok(n) => s.parsed = Some(n),
                    Err(e) => s.error = Some(e),
                }
            }
            states.insert(c, s);
        }
        let mut r = Reference { states, formulas };
        let computed: Vec<CellRef> = r.formulas.keys().cloned().collect();
        for c in computed {
            let (num, complete) = r.sum(&r.formulas[&c].clone());
            let s = r.states.entry(c).or_default();
            s.is_computed = true;
            s.computed = num;
            s.complete = complete;
        }
        r
    }

    /// A cell's number for the arithmetic and whether everything behind it is filled.
    fn value(&self, c: &CellRef) -> (Option<Number>, bool) {
        let s = self.states.get(c).cloned().unwrap_or_default();
        match self.formulas.get(c) {
            Some(terms) if s.text.is_none() => self.sum(terms),
            _ => (s.parsed, s.parsed.is_some()),
        }
    }

    fn sum(&self, cells: &[CellRef]) -> (Option<Number>, bool) {
        let mut num: Option<Number> = None;
        let mut complete = true;
        for c in cells {
            let (n, done) = self.value(c);
            complete &= done;
            if let Some(n) = n {
                num = Some(num.unwrap_or(Number::ZERO).checked_add(n).unwrap_or(n));
            }
        }
        (num, complete)
    }

    /// Each failing sum and balance, as (rule code, where it is reported).
    fn failing(&self, f: &Format) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for rule in &f.rules {
            for eq in equations(f, &rule.kind) {
                let settled = |(n, done): (Option<Number>, bool)| n.filter(|_| done);
                let failed = match &rule.kind {
                    RuleKind::Sum {
                        optional_target, ..
                    } => {
                        let target = self.states.get(&eq[0]).cloned().unwrap_or_default();
                        if *optional_target && target.text.is_none() {
                            continue;
                        }
                        let sum = settled(self.sum(&eq[1..]));
                        target.parsed.zip(sum).is_some_and(|(a, b)| a != b)
                    }
                    RuleKind::Balance { left, .. } => {
                        let derived = |c: &CellRef| {
                            self.formulas.contains_key(c)
                                && self.states.get(c).is_none_or(|s| s.text.is_none())
                        };
                        if eq.iter().all(derived) {
                            continue;
                        }
                        let (l, r) = eq.split_at(left.len());
                        let a = settled(self.sum(l));
                        let b = settled(self.sum(r));
                        a.zip(b).is_some_and(|(a, b)| a != b)
                    }
                    _ => false,
                };
                if failed {
                    let place = match &rule.kind {
                        RuleKind::Balance {
                            each: Axis::Column, ..
                        } => Location::column(f, &eq[0]),
                        RuleKind::Balance { .. } => Location::row(f, &eq[0].table, &eq[0].row),
                        _ => Location::cell(f, &eq[0]),
                    };
                    out.push((rule.code.clone(), place.text));
                }
            }
        }
        out.sort();
        out
    }
}

/// What may be typed into a cell: blank, a count, a count near a total's, a decimal, text
/// that is no number.
fn entry() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        6 => (0u32..40).prop_map(|n| Some(n.to_string())),
        1 => (0u32..3).prop_map(|n| Some(format!("{n}.5"))),
        1 => prop::sample::select(vec!["abc", "-3", "１２", "—", "1e3"]).prop_map(|s| Some(s.to_string())),
    ]
}

/// A random draft: every cell of the format (totals and subtotals included) blank or filled.
fn draft() -> impl Strategy<Value = Draft> {
    let f = format();
    let cells: Vec<CellRef> = f.compiled().iter().map(|(_, i)| i.cell.clone()).collect();
    prop::collection::vec(entry(), cells.len()).prop_map(move |entries| {
        let mut d = crate::rules::tests_support::consistent();
        d.cells.clear();
        for (cell, e) in cells.iter().zip(entries) {
            if let Some(text) = e {
                d.set_cell(f, cell, &text);
            }
        }
        d
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_compiled_engine_agrees_with_the_reference(d in draft()) {
        let f = format();
        let reference = Reference::new(f, &d);
        let e = evaluate(f, &d, Stage::Final, chrono::NaiveDate::MIN);
        // Every cell's state.
        for (cell, want) in &reference.states {
            let got = e.cells.get(cell);
            prop_assert_eq!(got, Some(want), "{:?}", cell);
        }
        // Every failing sum and balance, where it is reported.
        let codes: BTreeSet<&str> = f
            .rules
            .iter()
            .filter(|r| matches!(r.kind, RuleKind::Sum { .. } | RuleKind::Balance { .. }))
            .map(|r| r.code.as_str())
            .collect();
        let mut got: Vec<(String, String)> = e
            .diagnostics
            .iter()
            .filter(|d| codes.contains(d.code.as_str()))
            .map(|d| (d.code.clone(), d.location.text.clone()))
            .collect();
        got.sort();
        prop_assert_eq!(got, reference.failing(f));
    }
}

#[test]
fn the_reference_sees_a_broken_total() {
    // The property above would hold vacuously if the reference never found a failing rule.
    let f = format();
    let mut d = crate::rules::tests_support::consistent();
    d.set_cell(f, &CellRef::new("t3", "carry_next", "natural"), "7");
    let failing = Reference::new(f, &d).failing(f);
    assert!(!failing.is_empty());
    let e = evaluate(f, &d, Stage::Final, chrono::NaiveDate::MIN);
    assert!(e.errors() > 0);
}
