//! Cell values, computed totals and the arithmetic rules (sums, balances, value types,
//! blank cells).

use super::{Diagnostic, Location, Stage};
use crate::draft::Draft;
use crate::format::{Axis, CellRef, Format, Rule, RuleKind, Selection};
use crate::i18n::{Localized, Strings};
use crate::value::{self, Number, ValueError};
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod partial;

/// What the engine knows of one cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellState {
    /// The text stored in the draft, if any.
    pub text: Option<String>,
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
            (Some(t), _) => Some(t.clone()),
            (None, true) => self.computed.map(|n| n.to_string()),
            (None, false) => None,
        }
    }
}

/// A value as used by the arithmetic: the number (when anything is filled) and whether
/// every input behind it is filled and valid.
#[derive(Debug, Clone, Copy)]
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

/// What the engine derives from a format once (kept in the format, see `Format::derived`).
#[derive(Debug)]
pub struct Derived {
    /// Every cell a formula computes, with the cells it sums.
    formulas: HashMap<CellRef, Vec<CellRef>>,
    /// For each rule (same index as `Format::rules`): the cells of each equation a sum or
    /// balance rule covers; empty for other rules.
    sets: Vec<Vec<Vec<CellRef>>>,
    /// Every data cell of the format's tables.
    cells: Vec<CellRef>,
}

/// One cell's number without evaluating the whole draft: the value the draft holds when it is
/// a valid one, else, for a computed cell, the sum of its terms' values (`None` when none of
/// them has one). The grids and the check use `evaluate`; the same few cells of many drafts
/// (a folder's summary), `CellValues`, which gives the same numbers.
pub fn cell_value(format: &Format, draft: &Draft, cell: &CellRef) -> Option<Number> {
    // The formulas are acyclic (validated), so the recursion ends; the depth is the tree's.
    if let (Some(t), Some(ty)) = (draft.cell(cell), format.cell_type(cell))
        && let Ok(n) = value::parse(t, ty)
    {
        return Some(n);
    }
    let terms = derived(format).formulas.get(cell)?;
    terms
        .iter()
        .filter_map(|t| cell_value(format, draft, t))
        .reduce(|a, b| a.checked_add(b).unwrap_or(a))
}

/// The numbers of a few cells, as `cell_value` gives each, for many drafts of one format (a
/// folder's summary). Every cell of their formula trees is resolved once, here: its key in the
/// draft, its value type and its terms. A draft then costs one map lookup and one parse per
/// cell read, and each cell is read at most once however many of the wanted cells sum it
/// (`cell_value` formats the key, walks the format for the type and reads a shared term again
/// for every total above it: about 0.9 M instructions per report for the summary's figures,
/// 3 % of checking the report).
#[derive(Debug)]
pub struct CellValues {
    nodes: Vec<ValueNode>,
    /// The wanted cells' nodes, in the order asked.
    wanted: Vec<usize>,
}

#[derive(Debug)]
struct ValueNode {
    /// The cell's key in `Draft::cells`.
    key: String,
    /// `None` for a cell the format does not have (it has no number).
    ty: Option<crate::format::ValueType>,
    /// A computed cell's terms (indices into `nodes`).
    terms: Option<Vec<usize>>,
}

impl CellValues {
    pub fn new(format: &Format, cells: &[CellRef]) -> CellValues {
        fn add(
            format: &Format,
            cell: &CellRef,
            nodes: &mut Vec<ValueNode>,
            index: &mut HashMap<CellRef, usize>,
        ) -> usize {
            if let Some(&i) = index.get(cell) {
                return i;
            }
            let i = nodes.len();
            index.insert(cell.clone(), i);
            nodes.push(ValueNode {
                key: cell.key(),
                ty: format.cell_type(cell).cloned(),
                terms: None,
            });
            if let Some(terms) = derived(format).formulas.get(cell) {
                let terms = terms.iter().map(|t| add(format, t, nodes, index)).collect();
                nodes[i].terms = Some(terms);
            }
            i
        }
        let (mut nodes, mut index) = (Vec::new(), HashMap::new());
        let wanted = cells
            .iter()
            .map(|c| add(format, c, &mut nodes, &mut index))
            .collect();
        CellValues { nodes, wanted }
    }

    /// The wanted cells' numbers in `draft`, in the order they were asked for.
    pub fn values(&self, draft: &Draft) -> Vec<Option<Number>> {
        let mut memo = vec![None; self.nodes.len()];
        self.wanted
            .iter()
            .map(|&i| self.value(i, draft, &mut memo))
            .collect()
    }

    fn value(
        &self,
        i: usize,
        draft: &Draft,
        memo: &mut [Option<Option<Number>>],
    ) -> Option<Number> {
        if let Some(v) = memo[i] {
            return v;
        }
        // Marked before the terms are read: a cycle (the asset check forbids them) reads as no
        // number rather than recursing for ever.
        memo[i] = Some(None);
        let node = &self.nodes[i];
        let stated = match (draft.cells.get(&node.key), &node.ty) {
            (Some(t), Some(ty)) => value::parse(t, ty).ok(),
            _ => None,
        };
        let v = stated.or_else(|| {
            node.terms
                .as_ref()?
                .iter()
                .filter_map(|&t| self.value(t, draft, memo))
                .reduce(|a, b| a.checked_add(b).unwrap_or(a))
        });
        memo[i] = Some(v);
        v
    }
}

fn derived(format: &Format) -> &Derived {
    format.derived.get_or_init(|| Derived {
        formulas: formulas(format),
        sets: format.rules.iter().map(|r| rule_sets(format, r)).collect(),
        cells: format.cells(),
    })
}

/// Every cell a formula computes, with the cells it sums.
fn formulas(format: &Format) -> HashMap<CellRef, Vec<CellRef>> {
    let mut out = HashMap::new();
    for rule in &format.rules {
        if let RuleKind::Sum {
            table,
            each,
            target,
            terms,
            over,
            computes: true,
            ..
        } = &rule.kind
        {
            for set in expand(format, table, *each, over, target, terms) {
                out.insert(set[0].clone(), set[1..].to_vec());
            }
        }
    }
    out
}

/// The equations of a sum rule (target first, then the terms) or of a balance rule (the left
/// side, then the right).
fn rule_sets(format: &Format, rule: &Rule) -> Vec<Vec<CellRef>> {
    match &rule.kind {
        RuleKind::Sum {
            table,
            each,
            target,
            terms,
            over,
            ..
        } => expand(format, table, *each, over, target, terms),
        RuleKind::Balance {
            table,
            each,
            left,
            right,
            over,
        } => match left.split_first() {
            Some((first, rest)) => {
                let mut rest: Vec<String> = rest.to_vec();
                rest.extend(right.iter().cloned());
                expand(format, table, *each, over, first, &rest)
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The cells computed by a formula (totals): shown, never typed.
pub fn computed_cells(format: &Format) -> BTreeSet<CellRef> {
    derived(format).formulas.keys().cloned().collect()
}

/// Target first, then the terms, for each row/column the rule covers.
fn expand(
    format: &Format,
    table: &str,
    each: Axis,
    over: &Selection,
    first: &str,
    rest: &[String],
) -> Vec<Vec<CellRef>> {
    let mut ids = vec![first.to_string()];
    ids.extend(rest.iter().cloned());
    crate::format::validate::expand(format, table, each, over, &ids, &mut Vec::new())
}

struct Engine<'a> {
    format: &'a Format,
    formulas: &'a HashMap<CellRef, Vec<CellRef>>,
    cells: BTreeMap<CellRef, CellState>,
    memo: HashMap<CellRef, Val>,
    /// Every equation found not to hold: `Σ sign·cell = residual` (≠ 0), for locating the cell
    /// a single typing mistake would explain.
    mismatches: Vec<(Vec<(CellRef, bool)>, Number)>,
    /// Each failing sum or balance: its diagnostic's index in `out`, and every cell in it.
    involved: Vec<(usize, Vec<CellRef>)>,
}

impl Engine<'_> {
    /// A computed cell nobody stated a number for: any inconsistency in it is already
    /// reported on the cells it is computed from.
    fn is_derived(&self, cell: &CellRef) -> bool {
        self.formulas.contains_key(cell) && self.cells.get(cell).is_none_or(|s| s.text.is_none())
    }

    fn val(&mut self, cell: &CellRef, depth: usize) -> Val {
        if let Some(v) = self.memo.get(cell) {
            return *v;
        }
        let state = self.cells.get(cell).cloned().unwrap_or_default();
        let own = Val {
            num: state.parsed,
            complete: state.parsed.is_some(),
        };
        let formulas = self.formulas;
        let v = match formulas.get(cell) {
            // The asset check forbids cycles; the depth guard only keeps a bad asset from
            // overflowing the stack.
            Some(terms) if depth < 64 => {
                let sum = Val::sum(
                    terms
                        .iter()
                        .map(|t| self.val(t, depth + 1))
                        .collect::<Vec<_>>(),
                );
                let entry = self.cells.entry(cell.clone()).or_default();
                entry.is_computed = true;
                entry.computed = sum.num;
                entry.complete = sum.complete;
                if state.text.is_some() { own } else { sum }
            }
            _ => own,
        };
        self.memo.insert(cell.clone(), v);
        v
    }
}

/// The cells' states, and for each failing equation the index of its diagnostic in `out`
/// with the cells it ties together (to mark them all where they are shown).
pub(super) type Evaluated = (BTreeMap<CellRef, CellState>, Vec<(usize, Vec<CellRef>)>);

pub(super) fn evaluate(
    format: &Format,
    draft: &Draft,
    stage: Stage,
    out: &mut Vec<Diagnostic>,
) -> Evaluated {
    let derived = derived(format);
    let mut cells = BTreeMap::new();
    let mut all: Vec<CellRef> = derived.cells.clone();
    // Subtotals of group rows exist only when a report states them.
    let known: std::collections::HashSet<&CellRef> = derived.cells.iter().collect();
    let extra: Vec<CellRef> = draft
        .cells
        .keys()
        .filter_map(|k| CellRef::parse_key(k))
        .filter(|c| !known.contains(c) && format.cell_exists(c))
        .collect();
    all.extend(extra);
    for cell in all {
        let text = draft.cell(&cell).map(str::to_string);
        let (parsed, error) = match (&text, format.cell_type(&cell)) {
            (Some(t), Some(ty)) => match value::parse(t, ty) {
                Ok(n) => (Some(n), None),
                Err(e) => (None, Some(e)),
            },
            _ => (None, None),
        };
        cells.insert(
            cell,
            CellState {
                text,
                parsed,
                error,
                ..CellState::default()
            },
        );
    }
    let mut engine = Engine {
        format,
        formulas: &derived.formulas,
        cells,
        memo: HashMap::new(),
        mismatches: Vec::new(),
        involved: Vec::new(),
    };
    let computed: Vec<CellRef> = engine.formulas.keys().cloned().collect();
    for c in &computed {
        engine.val(c, 0);
    }
    for (rule, sets) in format.rules.iter().zip(&derived.sets) {
        apply(&mut engine, rule, sets, stage, out);
    }
    partial::evaluate(&mut engine, &derived.sets, stage, out);
    suspects(&mut engine, stage, out);
    (engine.cells, engine.involved)
}

fn apply(
    engine: &mut Engine,
    rule: &Rule,
    sets: &[Vec<CellRef>],
    stage: Stage,
    out: &mut Vec<Diagnostic>,
) {
    let format = engine.format;
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
            for (cell, state) in &engine.cells {
                let (Some(text), Some(err)) = (&state.text, &state.error) else {
                    continue;
                };
                let Some(ty) = format.cell_type(cell) else {
                    continue;
                };
                let message = Localized {
                    zh: value_message(&crate::i18n::ZH, text, &ty.name, err),
                    en: value_message(&crate::i18n::EN, text, &ty.name_en, err),
                };
                push(out, Location::cell(format, cell), message);
            }
        }
        RuleKind::ValueDecimals => {
            for (cell, state) in &engine.cells {
                let (Some(text), Some(n)) = (&state.text, &state.parsed) else {
                    continue;
                };
                let Some(ty) = format.cell_type(cell) else {
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
                push(out, Location::cell(format, cell), message);
            }
        }
        RuleKind::NoBlankCells => {
            for cell in &derived(format).cells {
                if engine.formulas.contains_key(cell) {
                    continue;
                }
                if engine.cells.get(cell).is_none_or(|s| s.text.is_none()) {
                    let msg = Localized::from_template(|s| s.cell_blank, &[]);
                    push(out, Location::cell(format, cell), msg);
                }
            }
        }
        RuleKind::Sum {
            optional_target, ..
        } => {
            for set in sets {
                let target_cell = &set[0];
                let stated = engine.cells.get(target_cell).and_then(|s| s.parsed);
                let has_text = engine
                    .cells
                    .get(target_cell)
                    .is_some_and(|s| s.text.is_some());
                if *optional_target && !has_text {
                    continue;
                }
                let sum = Val::sum(
                    set[1..]
                        .iter()
                        .map(|t| engine.val(t, 0))
                        .collect::<Vec<_>>(),
                );
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
                    engine.involved.push((out.len(), set.clone()));
                    push(out, Location::cell(format, target_cell), msg);
                    let mut eq = vec![(target_cell.clone(), true)];
                    eq.extend(set[1..].iter().map(|c| (c.clone(), false)));
                    engine
                        .mismatches
                        .push((eq, stated.checked_sub(sum).unwrap_or_default()));
                }
            }
        }
        RuleKind::Balance { each, left, .. } => {
            for set in sets {
                if set.iter().all(|c| engine.is_derived(c)) {
                    continue;
                }
                let (l, r) = set.split_at(left.len());
                let lv = Val::sum(l.iter().map(|c| engine.val(c, 0)).collect::<Vec<_>>());
                let rv = Val::sum(r.iter().map(|c| engine.val(c, 0)).collect::<Vec<_>>());
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
                    let side = |cells: &[CellRef]| {
                        cells
                            .iter()
                            .map(|c| super::short_row_name(format, c))
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
                    engine.involved.push((out.len(), set.clone()));
                    push(out, balance_location(format, &set[0], *each), msg);
                    let eq = l
                        .iter()
                        .map(|c| (c.clone(), true))
                        .chain(r.iter().map(|c| (c.clone(), false)))
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
    let mut fixes: BTreeMap<&CellRef, Vec<Option<Number>>> = BTreeMap::new();
    for (eq, residual) in &engine.mismatches {
        for (cell, plus) in eq {
            let Some(value) = engine
                .cells
                .get(cell)
                .filter(|s| s.text.is_some())
                .and_then(|s| s.parsed)
            else {
                continue;
            };
            let fixed = if *plus {
                value.checked_sub(*residual)
            } else {
                value.checked_add(*residual)
            };
            fixes.entry(cell).or_default().push(fixed);
        }
    }
    let severity = engine
        .format
        .rules
        .iter()
        .find(|r| matches!(r.kind, RuleKind::Sum { .. }))
        .map_or(crate::format::Severity::Error, |r| r.severity.at(stage));
    let mut suspected = Vec::new();
    for (cell, fixed) in fixes {
        let Some(Some(first)) = fixed.first().copied() else {
            continue;
        };
        if fixed.len() < 2 || fixed.iter().any(|f| *f != Some(first)) {
            continue;
        }
        let entered = engine
            .cells
            .get(cell)
            .and_then(|s| s.parsed)
            .unwrap_or_default();
        suspected.push((out.len(), vec![cell.clone()]));
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
