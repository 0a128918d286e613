//! Cell values, computed totals and the arithmetic rules (sums, balances, value types,
//! blank cells).

use super::{Diagnostic, Location, Stage};
use crate::draft::Draft;
use crate::format::{Axis, CellId, CellRef, Compiled, Format, Rule, RuleKind, ValueType};
use crate::i18n::{Localized, Strings};
use crate::value::{self, Bounds, Number, ValueError};
use compact_str::CompactString;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

mod partial;

/// What the engine knows of one cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellState {
    /// The text stored in the draft, if any (inline when short, as numbers are).
    pub text: Option<CompactString>,
    /// The text as a number, when it is a valid value of the cell's type.
    pub parsed: Option<Number>,
    /// Set when the text is not a valid value.
    pub error: Option<ValueError>,
    /// True for a cell computed by a formula (a total).
    pub is_computed: bool,
    /// For a computed cell: the sum of the filled terms.
    pub computed: Option<Number>,
    /// For a computed cell: every input it depends on is filled and valid.
    pub complete: bool,
}

impl CellState {
    /// A computed cell shows the number a report stated for it (when it differs, the check
    /// says so), else its computed value; an input cell shows what was entered.
    pub fn display(&self) -> Option<String> {
        match (&self.text, self.is_computed) {
            (Some(t), _) => Some(t.to_string()),
            (None, true) => self.computed.map(|n| n.to_string()),
            (None, false) => None,
        }
    }
}

/// A value as used by the arithmetic: the number (when anything is filled) and whether
/// every input behind it is filled and valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Val {
    num: Option<Number>,
    complete: bool,
}

impl Val {
    fn sum(vals: impl IntoIterator<Item = Val>) -> Val {
        let mut num: Option<Number> = None;
        let mut complete = true;
        for v in vals {
            complete &= v.complete;
            if let Some(n) = v.num {
                num = Some(num.unwrap_or(Number::ZERO).checked_add(n).unwrap_or(n));
            }
        }
        Val { num, complete }
    }

    /// The number, when it can be compared: complete and present.
    fn settled(self) -> Option<Number> {
        self.num.filter(|_| self.complete)
    }
}

/// Every cell's state, in a dense array indexed by the format's compiled cell ids
/// ([`crate::format::Compiled`]); looked up by reference, key or id.
#[derive(Debug, Clone, Default)]
pub struct CellStates {
    compiled: Option<Arc<Compiled>>,
    states: Vec<CellState>,
}

impl CellStates {
    /// The state of a cell of the format (`None` for a cell the format does not have).
    pub fn get(&self, cell: &CellRef) -> Option<&CellState> {
        self.by_id(self.compiled.as_ref()?.id(cell)?)
    }

    /// The state of the cell a draft stores under `key` (`table.row.col`).
    pub fn get_key(&self, key: &str) -> Option<(CellId, &CellState)> {
        let id = self.compiled.as_ref()?.id_of_key(key)?;
        Some((id, self.by_id(id)?))
    }

    pub fn by_id(&self, id: CellId) -> Option<&CellState> {
        self.states.get(id.index())
    }

    /// The reference of a cell by id.
    pub fn cell(&self, id: CellId) -> Option<&CellRef> {
        let c = self.compiled.as_ref()?;
        (id.index() < c.len()).then(|| c.cell(id))
    }
}

/// One cell's number without evaluating the whole draft: the value the draft holds when it is
/// a valid one, else, for a computed cell, the sum of its terms' values (`None` when none of
/// them has one). Cell by cell, without sharing: the reference [`cell_values`] is tested
/// against.
#[cfg(test)]
pub(crate) fn cell_value(format: &Format, draft: &Draft, cell: &CellRef) -> Option<Number> {
    let c = format.compiled();
    id_value(c, draft, c.id(cell)?, 0)
}

/// The numbers of a few cells of a draft (by key), as `cell_value` gives each, for the same
/// few cells of many drafts (a folder's summary): a term several of them sum is read once.
pub fn cell_values(format: &Format, draft: &Draft, keys: &[&str]) -> Vec<Option<Number>> {
    let c = format.compiled();
    let mut memo: Vec<Option<Option<Number>>> = vec![None; c.len()];
    keys.iter()
        .map(|k| {
            let id = c.id_of_key(k)?;
            memo_value(c, draft, id, &mut memo)
        })
        .collect()
}

fn memo_value(
    c: &Compiled,
    draft: &Draft,
    id: CellId,
    memo: &mut [Option<Option<Number>>],
) -> Option<Number> {
    if let Some(v) = memo[id.index()] {
        return v;
    }
    // Marked before the terms are read: a cycle (the asset check forbids them) reads as no
    // number rather than recursing for ever.
    memo[id.index()] = Some(None);
    let info = c.info(id);
    let stated = match (draft.cells.get(info.key), &info.value_type) {
        (Some(t), Some(ty)) => value::parse(t, ty).ok(),
        _ => None,
    };
    let v = stated.or_else(|| {
        c.terms(id)?
            .iter()
            .filter_map(|t| memo_value(c, draft, *t, memo))
            .reduce(|a, b| a.checked_add(b).unwrap_or(a))
    });
    memo[id.index()] = Some(v);
    v
}

#[cfg(test)]
fn id_value(c: &Compiled, draft: &Draft, id: CellId, depth: usize) -> Option<Number> {
    let info = c.info(id);
    if let (Some(t), Some(ty)) = (draft.cells.get(info.key), &info.value_type)
        && let Ok(n) = value::parse(t, ty)
    {
        return Some(n);
    }
    // The formulas are acyclic (validated); the depth guard only stops a bad asset.
    if depth > 64 {
        return None;
    }
    c.terms(id)?
        .iter()
        .filter_map(|t| id_value(c, draft, *t, depth + 1))
        .reduce(|a, b| a.checked_add(b).unwrap_or(a))
}

/// The cells computed by a formula (totals): shown, never typed.
pub fn computed_cells(format: &Format) -> BTreeSet<CellRef> {
    format.compiled().computed_refs()
}

/// Every cell's state and its value for the arithmetic, as [`computed`] makes them for a
/// draft: an import keeps its own for the check that follows it (one computation per check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    states: Vec<CellState>,
    vals: Vec<Val>,
}

/// Every cell's state and its value for the arithmetic: the draft's text parsed by the cell's
/// type, then the formulas in order (terms before totals).
pub fn computed(format: &Format, draft: &Draft) -> Computed {
    compute(format.compiled(), draft, &[])
}

/// [`computed`] of a draft whose cells' ids are known, in the order of its cells (an
/// import's: [`Draft::set_cells_id`]), so no key is looked up again; a key that is not its
/// id's is looked up.
pub fn computed_with_ids(format: &Format, draft: &Draft, ids: &[CellId]) -> Computed {
    compute(format.compiled(), draft, ids)
}

impl Computed {
    /// The state of a cell of the format.
    pub fn get(&self, format: &Format, cell: &CellRef) -> Option<&CellState> {
        self.by_id(format.compiled().id(cell)?)
    }

    /// The state of a cell of the format's compiled form.
    pub fn by_id(&self, id: CellId) -> Option<&CellState> {
        self.states.get(id.index())
    }

    /// The same as [`computed`] of `draft` again, after only the cells `changed` were set in
    /// it since: those read again, the formulas redone (the texts of the others are not
    /// parsed twice).
    pub fn restate(&mut self, format: &Format, draft: &Draft, changed: &[CellId]) {
        if changed.is_empty() {
            return;
        }
        let compiled = format.compiled();
        let mut bounds = TypeBounds::default();
        for &id in changed {
            let mut state = CellState::default();
            if let Some(text) = draft.cells.get(compiled.info(id).key) {
                read_text(compiled, id, text, &mut bounds, &mut state);
            }
            self.vals[id.index()] = Val {
                num: state.parsed,
                complete: state.parsed.is_some(),
            };
            self.states[id.index()] = state;
        }
        self.formulas(compiled);
    }

    /// The computed cells, terms before totals.
    fn formulas(&mut self, compiled: &Compiled) {
        for &id in compiled.computation_order() {
            let terms = compiled.terms(id).unwrap_or(&[]);
            let sum = Val::sum(terms.iter().map(|t| self.vals[t.index()]));
            let state = &mut self.states[id.index()];
            state.is_computed = true;
            state.computed = sum.num;
            state.complete = sum.complete;
            if state.text.is_none() {
                self.vals[id.index()] = sum;
            }
        }
    }
}

/// A cell's stored text into its state: parsed by its type.
fn read_text<'a>(
    compiled: &'a Compiled,
    id: CellId,
    text: &str,
    bounds: &mut TypeBounds<'a>,
    state: &mut CellState,
) {
    if let Some(ty) = &compiled.info(id).value_type {
        match value::parse_within(text, ty, bounds.of(ty)) {
            Ok(n) => state.parsed = Some(n),
            Err(e) => state.error = Some(e),
        }
    }
    state.text = Some(CompactString::from(text));
}

/// [`computed`] of a format's compiled cells; `ids`, where given, the ids of the draft's
/// cells in their order.
fn compute(compiled: &Compiled, draft: &Draft, ids: &[CellId]) -> Computed {
    let mut bounds = TypeBounds::default();
    // Each state made, not cloned from a default: a clone of one costs a look at each field.
    let mut states: Vec<CellState> = std::iter::repeat_with(CellState::default)
        .take(compiled.len())
        .collect();
    for (i, (key, text)) in draft.cells.iter().enumerate() {
        let id = match ids.get(i) {
            Some(&id) if compiled.info(id).key == *key => id,
            _ => match compiled.id_of_key(key) {
                Some(id) => id,
                None => continue,
            },
        };
        read_text(compiled, id, text, &mut bounds, &mut states[id.index()]);
    }
    let vals: Vec<Val> = states
        .iter()
        .map(|s| Val {
            num: s.parsed,
            complete: s.parsed.is_some(),
        })
        .collect();
    let mut computed = Computed { states, vals };
    computed.formulas(compiled);
    computed
}

/// The bounds of each value type met, read once per draft: the cells share a format's few
/// types (the format layer knows nothing of numbers to keep them in).
#[derive(Default)]
struct TypeBounds<'a>(Vec<(&'a ValueType, Bounds)>);

impl<'a> TypeBounds<'a> {
    fn of(&mut self, ty: &'a ValueType) -> &Bounds {
        let at = match self.0.iter().position(|(t, _)| std::ptr::eq(*t, ty)) {
            Some(at) => at,
            None => {
                self.0.push((ty, Bounds::of(ty)));
                self.0.len() - 1
            }
        };
        &self.0[at].1
    }
}

struct Engine<'a> {
    format: &'a Format,
    compiled: &'a Compiled,
    cells: Vec<CellState>,
    /// Each cell's value for the arithmetic: its own number, or for a computed cell nobody
    /// stated a number for, the sum of its terms.
    vals: Vec<Val>,
    /// Every equation found not to hold: `Σ sign·cell = residual` (≠ 0), for locating the cell
    /// a single typing mistake would explain.
    mismatches: Vec<(Vec<(CellId, bool)>, Number)>,
    /// Each failing sum or balance: its diagnostic's index in `out`, and every cell in it.
    involved: Vec<(usize, Vec<CellId>)>,
}

impl Engine<'_> {
    /// A computed cell nobody stated a number for: any inconsistency in it is already
    /// reported on the cells it is computed from.
    fn is_derived(&self, id: CellId) -> bool {
        self.compiled.is_computed(id) && self.cells[id.index()].text.is_none()
    }

    fn val(&self, id: CellId) -> Val {
        self.vals[id.index()]
    }

    fn state(&self, id: CellId) -> &CellState {
        &self.cells[id.index()]
    }

    fn cell(&self, id: CellId) -> &CellRef {
        self.compiled.cell(id)
    }
}

/// The cells' states, and for each failing equation the index of its diagnostic in `out`
/// with the cells it ties together (to mark them all where they are shown).
pub(super) type Evaluated = (CellStates, Vec<(usize, Vec<CellRef>)>);

/// The arithmetic rules of `draft`, from its cells as [`computed`] (made here when `None`).
pub(super) fn evaluate(
    format: &Format,
    draft: &Draft,
    stage: Stage,
    computed: Option<Computed>,
    out: &mut Vec<Diagnostic>,
) -> Evaluated {
    let compiled = format.compiled();
    let Computed {
        states: cells,
        vals,
    } = computed.unwrap_or_else(|| compute(compiled, draft, &[]));
    let mut engine = Engine {
        format,
        compiled,
        cells,
        vals,
        mismatches: Vec::new(),
        involved: Vec::new(),
    };
    for (i, rule) in format.rules.iter().enumerate() {
        apply(&mut engine, rule, compiled.sets(i), stage, out);
    }
    partial::evaluate(&mut engine, stage, out);
    suspects(&mut engine, stage, out);
    let involved = engine
        .involved
        .iter()
        .map(|(i, set)| {
            (
                *i,
                set.iter().map(|id| compiled.cell(*id).clone()).collect(),
            )
        })
        .collect();
    let states = CellStates {
        compiled: Some(Arc::clone(compiled)),
        states: engine.cells,
    };
    (states, involved)
}

fn apply(
    engine: &mut Engine,
    rule: &Rule,
    sets: &[Box<[CellId]>],
    stage: Stage,
    out: &mut Vec<Diagnostic>,
) {
    let format = engine.format;
    let compiled = engine.compiled;
    let severity = rule.severity.at(stage);
    let push = |out: &mut Vec<Diagnostic>, location: Location, message: Localized| {
        out.push(Diagnostic {
            severity,
            code: rule.code.clone(),
            location,
            message,
        })
    };
    match &rule.kind {
        RuleKind::ValueType => {
            for &id in compiled.in_ref_order() {
                let state = engine.state(id);
                let (Some(text), Some(err)) = (&state.text, &state.error) else {
                    continue;
                };
                let Some(ty) = &compiled.info(id).value_type else {
                    continue;
                };
                let message = Localized {
                    zh: value_message(&crate::i18n::ZH, text, &ty.name, err),
                    en: value_message(&crate::i18n::EN, text, &ty.name_en, err),
                };
                push(out, Location::cell(format, engine.cell(id)), message);
            }
        }
        RuleKind::ValueDecimals => {
            for &id in compiled.in_ref_order() {
                let state = engine.state(id);
                let (Some(text), Some(n)) = (&state.text, &state.parsed) else {
                    continue;
                };
                let Some(ty) = &compiled.info(id).value_type else {
                    continue;
                };
                let Some((digits, max)) = value::extra_decimals(text, ty) else {
                    continue;
                };
                let vars = [
                    ("value", text.as_str()),
                    ("digits", &digits.to_string()),
                    ("max", &max.to_string()),
                    ("rounded", &n.to_string()),
                ];
                let message = Localized::from_template(|s| s.value_extra_decimals, &vars);
                push(out, Location::cell(format, engine.cell(id)), message);
            }
        }
        RuleKind::NoBlankCells => {
            for id in compiled.report_cells() {
                if compiled.is_computed(id) {
                    continue;
                }
                if engine.state(id).text.is_none() {
                    let msg = Localized::from_template(|s| s.cell_blank, &[]);
                    push(out, Location::cell(format, engine.cell(id)), msg);
                }
            }
        }
        RuleKind::Sum {
            optional_target, ..
        } => {
            for set in sets {
                let target = set[0];
                let stated = engine.state(target).parsed;
                let has_text = engine.state(target).text.is_some();
                if *optional_target && !has_text {
                    continue;
                }
                let sum = Val::sum(set[1..].iter().map(|t| engine.val(*t)));
                if let (Some(stated), Some(sum)) = (stated, sum.settled())
                    && stated != sum
                {
                    let diff = distance(stated, sum);
                    let msg = Localized::from_template(
                        |s| s.sum_mismatch,
                        &[
                            ("sum", &sum.to_string()),
                            ("value", &stated.to_string()),
                            ("diff", &diff.to_string()),
                        ],
                    );
                    engine.involved.push((out.len(), set.to_vec()));
                    push(out, Location::cell(format, engine.cell(target)), msg);
                    let mut eq = vec![(target, true)];
                    eq.extend(set[1..].iter().map(|c| (*c, false)));
                    engine
                        .mismatches
                        .push((eq, stated.checked_sub(sum).unwrap_or_default()));
                }
            }
        }
        RuleKind::Balance { each, left, .. } => {
            for set in sets {
                if set.iter().all(|c| engine.is_derived(*c)) {
                    continue;
                }
                let (l, r) = set.split_at(left.len().min(set.len()));
                let lv = Val::sum(l.iter().map(|c| engine.val(*c)));
                let rv = Val::sum(r.iter().map(|c| engine.val(*c)));
                if let (Some(a), Some(b)) = (lv.settled(), rv.settled())
                    && a != b
                {
                    let note = |en: bool| {
                        if en {
                            rule.note_en.clone()
                        } else {
                            rule.note.clone()
                        }
                        .unwrap_or_default()
                    };
                    let side = |cells: &[CellId]| {
                        cells
                            .iter()
                            .map(|c| super::short_row_name(format, compiled.cell(*c)))
                            .collect::<Vec<_>>()
                            .join("+")
                    };
                    let diff = distance(a, b);
                    let args = |en: bool| {
                        vec![
                            ("note".to_string(), note(en)),
                            ("lhs".to_string(), side(l)),
                            ("rhs".to_string(), side(r)),
                            ("left".to_string(), a.to_string()),
                            ("right".to_string(), b.to_string()),
                            ("diff".to_string(), diff.to_string()),
                        ]
                    };
                    let fill = |s: &Strings, en: bool| {
                        let a = args(en);
                        let refs: Vec<(&str, &str)> =
                            a.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                        crate::i18n::fill(s.balance_mismatch, &refs)
                    };
                    let msg = Localized {
                        zh: fill(&crate::i18n::ZH, false),
                        en: fill(&crate::i18n::EN, true),
                    };
                    engine.involved.push((out.len(), set.to_vec()));
                    push(
                        out,
                        balance_location(format, engine.cell(set[0]), *each),
                        msg,
                    );
                    let eq = l
                        .iter()
                        .map(|c| (*c, true))
                        .chain(r.iter().map(|c| (*c, false)))
                        .collect();
                    engine
                        .mismatches
                        .push((eq, a.checked_sub(b).unwrap_or_default()));
                }
            }
        }
        _ => {}
    }
}

/// A cell that two or more failing equations (its row's and its column's, say) would all
/// be fixed by changing to one same number: most likely the one mistyped. Says so, with the
/// number entered and the number the totals imply.
fn suspects(engine: &mut Engine, stage: Stage, out: &mut Vec<Diagnostic>) {
    // Keyed by reference: the findings come in the order of the cells' ids, as they always have.
    let mut fixes: BTreeMap<&CellRef, (CellId, Vec<Option<Number>>)> = BTreeMap::new();
    for (eq, residual) in &engine.mismatches {
        for (id, plus) in eq {
            let state = engine.state(*id);
            let Some(value) = state.parsed.filter(|_| state.text.is_some()) else {
                continue;
            };
            let fixed = if *plus {
                value.checked_sub(*residual)
            } else {
                value.checked_add(*residual)
            };
            fixes
                .entry(engine.cell(*id))
                .or_insert_with(|| (*id, Vec::new()))
                .1
                .push(fixed);
        }
    }
    let severity = engine
        .format
        .rules
        .iter()
        .find(|r| matches!(r.kind, RuleKind::Sum { .. }))
        .map_or(crate::format::Severity::Error, |r| r.severity.at(stage));
    let mut suspected = Vec::new();
    for (cell, (id, fixed)) in fixes {
        let Some(Some(first)) = fixed.first().copied() else {
            continue;
        };
        if fixed.len() < 2 || fixed.iter().any(|f| *f != Some(first)) {
            continue;
        }
        let entered = engine.state(id).parsed.unwrap_or_default();
        suspected.push((out.len(), vec![id]));
        out.push(Diagnostic {
            severity,
            code: "cell.suspect".to_string(),
            location: Location::cell(engine.format, cell),
            message: Localized::from_template(
                |s| s.cell_suspect,
                &[
                    ("value", &entered.to_string()),
                    ("expected", &first.to_string()),
                    ("count", &fixed.len().to_string()),
                ],
            ),
        });
    }
    engine.involved.extend(suspected);
}

/// How far apart two numbers are.
pub fn distance(a: Number, b: Number) -> Number {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    hi.checked_sub(lo).unwrap_or_default()
}

/// A balance holds along a column (or row): point at that column, not at one cell.
fn balance_location(format: &Format, any_cell: &CellRef, each: Axis) -> Location {
    match each {
        Axis::Column => Location::column(format, any_cell),
        Axis::Row => Location::row(format, &any_cell.table, &any_cell.row),
    }
}

fn value_message(s: &Strings, text: &str, type_name: &str, err: &ValueError) -> String {
    let reason = match err {
        ValueError::NotANumber => s.reason_not_a_number.to_string(),
        ValueError::Negative => s.reason_negative.to_string(),
        ValueError::NotInteger => s.reason_not_integer.to_string(),
        ValueError::TooManyDecimals(n) => {
            crate::i18n::fill(s.reason_too_many_decimals, &[("n", &n.to_string())])
        }
        ValueError::TooLarge => s.reason_too_large.to_string(),
        ValueError::AboveMax(max) => crate::i18n::fill(s.reason_above_max, &[("max", max)]),
        ValueError::Exponent => s.reason_exponent.to_string(),
        ValueError::OtherDigits => s.reason_other_digits.to_string(),
    };
    crate::i18n::fill(
        s.value_invalid,
        &[("text", text), ("type", type_name), ("reason", &reason)],
    )
}

#[cfg(test)]
mod reference_tests;
