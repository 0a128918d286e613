//! The format compiled once into indices: every cell that can hold a number is a small
//! integer ([`CellId`]) with its key, its value type and its place resolved at load; every
//! formula and every equation of a sum or balance rule is a list of them, and the formulas
//! come in an order that computes terms before their totals.
//!
//! The rule engine keeps a draft's values in a dense array indexed by these ids, and the
//! importer, the grids and the lookups below ask here instead of walking the format's row and
//! column trees (which was most of the cost of checking a report). Nothing here knows a
//! label or a rule of a particular format: it is all derived from the asset.

use super::{BlockLayout, CellRef, ColumnNode, Format, RowNode, RuleKind, ValueType};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Lookups by string run for every cell of every report: a fast hash, not a DoS-proof one
/// (the keys are the format's own ids).
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A cell's index in its format's [`Compiled`] form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellId(u32);

impl CellId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A row's index in its format's [`Compiled`] form (a row of any table, group rows too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowId(u32);

impl RowId {
    /// The id of row number `index` (as [`RowId::index`] gives it).
    pub fn new(index: usize) -> RowId {
        RowId(index as u32)
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One cell that can hold a number.
#[derive(Debug)]
pub struct CellInfo {
    pub cell: CellRef,
    /// The key a draft stores it under (`table.row.col`).
    /// Lives as long as the process: a format is compiled once (the built-in ones are
    /// static), and a draft's cells borrow it (a report's import keys hundreds).
    pub key: &'static str,
    /// The nearest `type` on its column path (else `count`); `None` only when the asset
    /// names a type it does not define, which validation forbids.
    pub value_type: Option<Arc<ValueType>>,
    /// A group row's cell: it exists only when a report states a subtotal.
    pub group: bool,
}

/// Where a row sits: its table, its block, and the path of child indexes from the block's
/// top-level rows down to it.
#[derive(Debug, Clone)]
struct RowPos {
    id: RowId,
    table: usize,
    block: usize,
    path: Vec<usize>,
    /// The id of the row's first cell (its cells are one per leaf column of its block, in
    /// order); `None` for a group row without a subtotal.
    first_cell: Option<u32>,
}

/// A row's leaf column ids and its cells' ids, which follow each other in the columns' order.
#[derive(Debug, Clone, Copy)]
pub struct RowCells<'a> {
    pub row: RowId,
    pub columns: &'a [String],
    /// `None` for a group row without a subtotal (no cells).
    first: Option<u32>,
}

impl RowCells<'_> {
    /// The id of the cell under column number `index`: [`Compiled::id_of`] with that
    /// column's id, without looking it up by name.
    pub fn id(&self, index: usize) -> Option<CellId> {
        if index >= self.columns.len() {
            return None;
        }
        Some(CellId(self.first? + index as u32))
    }
}

#[derive(Debug)]
pub struct Compiled {
    cells: Vec<CellInfo>,
    /// `cells[..report_cells]` are [`Format::cells`], in table order; the rest are the
    /// subtotal cells of group rows.
    report_cells: usize,
    by_key: HashMap<&'static str, CellId>,
    /// table id → row id → where the row is.
    rows: HashMap<String, HashMap<String, RowPos>>,
    /// Each row's table and row ids, by [`RowId`].
    row_names: Vec<(String, String)>,
    /// For each table and block (by index), the ids of its leaf columns in order.
    leaves: Vec<Vec<Vec<String>>>,
    /// For each table and block (by index), each leaf column's id and full label (`行政诉讼
    /// 未经复议直接起诉 结果维持`): every message about a cell names its column so.
    column_labels: Vec<Vec<Vec<(String, String)>>>,
    /// For each cell (by index), the cells its formula sums, when a formula computes it.
    formulas: Vec<Option<Box<[CellId]>>>,
    /// Every computed cell, each after the computed cells it depends on.
    order: Vec<CellId>,
    /// Every cell, in the order of their references (table, row and column ids).
    sorted: Vec<CellId>,
    /// For each cell (by index), its place among all cells in the order of their keys: the
    /// order a draft keeps them in.
    key_ranks: Vec<u32>,
    /// For each rule (same index as `Format::rules`): the cells of each equation of a sum
    /// (target first, then the terms) or a balance (the left side, then the right); empty
    /// for other rules.
    sets: Vec<Vec<Box<[CellId]>>>,
}

impl Compiled {
    pub(super) fn new(format: &Format) -> Compiled {
        let mut cells = Vec::new();
        let mut report_cells = 0;
        let mut rows = HashMap::default();
        let mut row_names = Vec::new();
        for (ti, table) in format.tables.iter().enumerate() {
            let rows_of_table: &mut HashMap<String, RowPos> =
                rows.entry(table.id.clone()).or_default();
            for (bi, block) in table.blocks.iter().enumerate() {
                walk_rows(&block.rows, &mut Vec::new(), &mut |node, path| {
                    rows_of_table.entry(node.id.clone()).or_insert_with(|| {
                        row_names.push((table.id.clone(), node.id.clone()));
                        RowPos {
                            id: RowId(row_names.len() as u32 - 1),
                            table: ti,
                            block: bi,
                            path: path.to_vec(),
                            first_cell: None,
                        }
                    });
                });
            }
        }
        // The report's cells first, in `Format::cells` order, then the group rows' subtotals.
        // Each leaf column's type is found once per block, not once per cell.
        let mut types = TypeCache::default();
        for subtotals in [false, true] {
            for table in &format.tables {
                for (bi, block) in table.blocks.iter().enumerate() {
                    let mut leaves = Vec::new();
                    leaf_types(&block.columns, None, &mut leaves);
                    for (row, _) in block.all_rows() {
                        let wanted = if subtotals {
                            row.is_group() && row.subtotal.is_some()
                        } else {
                            !row.is_group()
                        };
                        if !wanted {
                            continue;
                        }
                        // A row id met again (an asset validation refuses) keeps its first.
                        if let Some(pos) = rows.get_mut(&table.id).and_then(|r| r.get_mut(&row.id))
                            && pos.block == bi
                            && pos.first_cell.is_none()
                        {
                            pos.first_cell = Some(cells.len() as u32);
                        }
                        for (col, type_name) in &leaves {
                            let cell = CellRef::new(&table.id, &row.id, &col.id);
                            cells.push(CellInfo {
                                key: Box::leak(cell.key().into_boxed_str()),
                                value_type: types.get(format, type_name.unwrap_or("count")),
                                group: subtotals,
                                cell,
                            });
                        }
                    }
                }
            }
            if !subtotals {
                report_cells = cells.len();
            }
        }
        let leaves = format
            .tables
            .iter()
            .map(|t| {
                t.blocks
                    .iter()
                    .map(|b| b.leaf_columns().iter().map(|c| c.id.clone()).collect())
                    .collect()
            })
            .collect();
        let column_labels = format
            .tables
            .iter()
            .map(|t| {
                t.blocks
                    .iter()
                    .map(|b| {
                        let layout = BlockLayout::new(t, b);
                        let labels = layout.columns.iter();
                        labels.map(|c| (c.id.to_string(), c.full_label())).collect()
                    })
                    .collect()
            })
            .collect();
        let mut by_key = HashMap::default();
        for (i, c) in cells.iter().enumerate() {
            by_key.entry(c.key).or_insert(CellId(i as u32));
        }
        let mut compiled = Compiled {
            cells,
            report_cells,
            by_key,
            rows,
            row_names,
            leaves,
            column_labels,
            formulas: Vec::new(),
            order: Vec::new(),
            sorted: Vec::new(),
            key_ranks: Vec::new(),
            sets: Vec::new(),
        };
        compiled.sets = format
            .rules
            .iter()
            .map(|rule| compiled.rule_sets(format, &rule.kind))
            .collect();
        // A computing sum's equations are the formulas: target first, then its terms.
        compiled.formulas = vec![None; compiled.cells.len()];
        for (rule, sets) in format.rules.iter().zip(&compiled.sets) {
            if let RuleKind::Sum { computes: true, .. } = rule.kind {
                for set in sets {
                    if let Some((first, rest)) = set.split_first() {
                        compiled.formulas[first.index()] = Some(rest.into());
                    }
                }
            }
        }
        compiled.order = compiled.evaluation_order();
        let mut sorted: Vec<CellId> = compiled.iter().map(|(id, _)| id).collect();
        sorted.sort_by(|a, b| compiled.cell(*a).cmp(compiled.cell(*b)));
        // The keys' order is nearly the references' (`t1.a.b` against `t1.a-b.c` differ): the
        // references' order sorted again by key is found in a few runs.
        let mut by_key = sorted.clone();
        by_key.sort_by(|a, b| compiled.info(*a).key.cmp(compiled.info(*b).key));
        compiled.sorted = sorted;
        compiled.key_ranks = vec![0; compiled.cells.len()];
        for (rank, id) in by_key.into_iter().enumerate() {
            compiled.key_ranks[id.index()] = rank as u32;
        }
        compiled
    }

    /// `id`'s place in the order of the cells' keys (`a.b.c` as text): sorting ids by it
    /// sorts their keys without comparing strings.
    pub fn key_rank(&self, id: CellId) -> u32 {
        self.key_ranks[id.index()]
    }

    /// How many cells there are (report cells and subtotal cells).
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    pub fn id(&self, cell: &CellRef) -> Option<CellId> {
        self.id_of(&cell.table, &cell.row, &cell.col)
    }

    /// [`Compiled::id`] without a [`CellRef`]: the row's first cell plus the column's place
    /// among its block's leaf columns.
    pub fn id_of(&self, table: &str, row: &str, col: &str) -> Option<CellId> {
        let pos = self.rows.get(table)?.get(row)?;
        let first = pos.first_cell?;
        let leaves = self.leaves.get(pos.table)?.get(pos.block)?;
        let at = leaves.iter().position(|c| c == col)?;
        Some(CellId(first + at as u32))
    }

    /// The id of a draft key (`table.row.col`).
    pub fn id_of_key(&self, key: &str) -> Option<CellId> {
        self.by_key.get(key).copied()
    }

    pub fn info(&self, id: CellId) -> &CellInfo {
        &self.cells[id.index()]
    }

    pub fn cell(&self, id: CellId) -> &CellRef {
        &self.cells[id.index()].cell
    }

    /// Every cell with its id: the report's cells, then the subtotal cells.
    pub fn iter(&self) -> impl Iterator<Item = (CellId, &CellInfo)> {
        self.cells
            .iter()
            .enumerate()
            .map(|(i, c)| (CellId(i as u32), c))
    }

    /// Every cell, in the order of their references (table, row and column ids; the order
    /// the value rules have always reported in).
    pub fn in_ref_order(&self) -> &[CellId] {
        &self.sorted
    }

    /// The ids of the cells that belong in a finished report ([`Format::cells`]).
    pub fn report_cells(&self) -> impl Iterator<Item = CellId> {
        (0..self.report_cells as u32).map(CellId)
    }

    /// The cells a formula sums to compute `id`, when one does.
    pub fn terms(&self, id: CellId) -> Option<&[CellId]> {
        self.formulas[id.index()].as_deref()
    }

    pub fn is_computed(&self, id: CellId) -> bool {
        self.formulas[id.index()].is_some()
    }

    /// Every computed cell, each after the computed cells its formula reads.
    pub fn computation_order(&self) -> &[CellId] {
        &self.order
    }

    /// The equations of rule number `rule` (see [`Compiled::sets`]).
    pub fn sets(&self, rule: usize) -> &[Box<[CellId]>] {
        self.sets.get(rule).map_or(&[], Vec::as_slice)
    }

    /// The computed cells, as references.
    pub fn computed_refs(&self) -> BTreeSet<CellRef> {
        self.order.iter().map(|id| self.cell(*id).clone()).collect()
    }

    /// Finds a row by table and row id: its table and block indexes and the child indexes
    /// down to it.
    pub(super) fn row_position(&self, table: &str, row: &str) -> Option<(usize, usize, &[usize])> {
        let p = self.rows.get(table)?.get(row)?;
        Some((p.table, p.block, &p.path))
    }

    /// A row's cells, looked up once for all of them (see [`RowCells`]).
    pub fn row_cells(&self, table: &str, row: &str) -> Option<RowCells<'_>> {
        let p = self.rows.get(table)?.get(row)?;
        Some(RowCells {
            row: p.id,
            columns: self.leaves.get(p.table)?.get(p.block)?.as_slice(),
            first: p.first_cell,
        })
    }

    /// A row's id, by its table's id and its own.
    pub fn row_id(&self, table: &str, row: &str) -> Option<RowId> {
        Some(self.rows.get(table)?.get(row)?.id)
    }

    /// A row's table id and row id.
    pub fn row_name(&self, id: RowId) -> (&str, &str) {
        let (table, row) = &self.row_names[id.index()];
        (table, row)
    }

    /// How many rows there are, in all tables.
    pub fn row_count(&self) -> usize {
        self.row_names.len()
    }

    /// The leaf column ids of the block holding a row, in order.
    pub fn row_columns(&self, table: &str, row: &str) -> Option<&[String]> {
        Some(self.row_cells(table, row)?.columns)
    }

    /// The full label of a column of the block holding a row, as
    /// [`super::LeafColumn::full_label`] makes it.
    pub fn column_label(&self, table: &str, row: &str, col: &str) -> Option<&str> {
        let p = self.rows.get(table)?.get(row)?;
        let labels = self.column_labels.get(p.table)?.get(p.block)?;
        labels
            .iter()
            .find(|(id, _)| id == col)
            .map(|(_, l)| l.as_str())
    }

    /// The equations of a sum or balance as ids (see [`RuleKind::equation_ids`]). An equation
    /// naming a cell the format lacks is left out (validation reports it; a validated asset
    /// has none).
    fn rule_sets(&self, format: &Format, kind: &RuleKind) -> Vec<Box<[CellId]>> {
        let Some((table, each, over, ids)) = kind.equation_ids() else {
            return Vec::new();
        };
        let id = |t: &str, r: &str, c: &str| self.id_of(t, r, c);
        super::validate::expand(format, table, each, over, &ids, &mut Vec::new(), id)
            .into_iter()
            .filter_map(|set| set.into_iter().collect::<Option<Box<[_]>>>())
            .collect()
    }

    /// The computed cells in an order where every computed term comes before its total (a
    /// depth-first walk; the asset check forbids cycles, and a cell met again while it is
    /// being walked is not walked twice, so a bad asset cannot loop).
    fn evaluation_order(&self) -> Vec<CellId> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let mut marks = vec![Mark::New; self.cells.len()];
        let mut order = Vec::new();
        for start in 0..self.cells.len() {
            if self.formulas[start].is_none() || marks[start] != Mark::New {
                continue;
            }
            // (cell, next term to visit)
            let mut stack = vec![(start, 0usize)];
            marks[start] = Mark::Open;
            while let Some((cell, next)) = stack.last_mut() {
                let terms = self.formulas[*cell].as_deref().unwrap_or(&[]);
                if let Some(term) = terms.get(*next) {
                    *next += 1;
                    let t = term.index();
                    if self.formulas[t].is_some() && marks[t] == Mark::New {
                        marks[t] = Mark::Open;
                        stack.push((t, 0));
                    }
                } else {
                    marks[*cell] = Mark::Done;
                    order.push(CellId(*cell as u32));
                    stack.pop();
                }
            }
        }
        order
    }
}

/// Each distinct value type, shared by the cells of its columns.
#[derive(Default)]
struct TypeCache(Vec<(String, Option<Arc<ValueType>>)>);

impl TypeCache {
    fn get(&mut self, format: &Format, name: &str) -> Option<Arc<ValueType>> {
        if let Some((_, t)) = self.0.iter().find(|(n, _)| n == name) {
            return t.clone();
        }
        let t = format.value_type(name).cloned().map(Arc::new);
        self.0.push((name.to_string(), t.clone()));
        t
    }
}

/// The leaf columns in order, each with the nearest `type` on its path (`None`: the default).
fn leaf_types<'f>(
    cols: &'f [ColumnNode],
    inherited: Option<&'f str>,
    out: &mut Vec<(&'f ColumnNode, Option<&'f str>)>,
) {
    for c in cols {
        let here = c.value_type.as_deref().or(inherited);
        if c.children.is_empty() {
            out.push((c, here));
        } else {
            leaf_types(&c.children, here, out);
        }
    }
}

fn walk_rows<'f>(
    rows: &'f [RowNode],
    path: &mut Vec<usize>,
    f: &mut impl FnMut(&'f RowNode, &[usize]),
) {
    for (i, r) in rows.iter().enumerate() {
        path.push(i);
        f(r, path);
        walk_rows(&r.children, path, f);
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format() -> &'static Format {
        Format::by_id("gov-2021").expect("embedded")
    }

    #[test]
    fn every_row_has_an_id_that_names_it_back() {
        let f = format();
        let c = f.compiled();
        let mut seen = 0;
        for table in &f.tables {
            for block in &table.blocks {
                for (row, _) in block.all_rows() {
                    let id = c.row_id(&table.id, &row.id).expect("every row has an id");
                    assert_eq!(c.row_name(id), (table.id.as_str(), row.id.as_str()));
                    if let Some(cells) = c.row_cells(&table.id, &row.id) {
                        assert_eq!(cells.row, id);
                    }
                    seen += 1;
                }
            }
        }
        assert_eq!(seen, c.row_count());
        assert_eq!(c.row_id("t3", "no-such-row"), None);
    }

    #[test]
    fn key_ranks_sort_the_cells_as_their_keys_sort() {
        let c = format().compiled();
        let mut by_rank: Vec<CellId> = c.iter().map(|(id, _)| id).collect();
        by_rank.sort_by_key(|id| c.key_rank(*id));
        let keys: Vec<&str> = by_rank.iter().map(|id| c.info(*id).key).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted);
        // The groups' subtotal cells too, and no rank given twice.
        let mut ranks: Vec<u32> = c.iter().map(|(id, _)| c.key_rank(id)).collect();
        ranks.sort_unstable();
        ranks.dedup();
        assert_eq!(ranks.len(), c.iter().count());
    }

    #[test]
    fn every_report_cell_has_an_id_its_key_and_its_type() {
        let f = format();
        let c = f.compiled();
        let cells = f.cells();
        assert_eq!(c.report_cells().count(), cells.len());
        for (id, cell) in c.report_cells().zip(&cells) {
            assert_eq!(c.cell(id), cell);
            assert_eq!(c.id(cell), Some(id));
            assert_eq!(c.id_of_key(&cell.key()), Some(id));
            assert_eq!(
                c.info(id).value_type.as_ref().map(|t| t.name.clone()),
                f.column(&cell.table, &cell.row, &cell.col).and_then(|c| {
                    let name = c.path.iter().rev().find_map(|n| n.value_type.as_deref());
                    f.value_type(name.unwrap_or("count"))
                        .map(|t| t.name.clone())
                }),
                "{cell:?}"
            );
            assert!(!c.info(id).group);
        }
        // The group rows that may carry a subtotal have cells too, after the report's.
        assert!(c.len() > cells.len());
        for (id, info) in c.iter().skip(cells.len()) {
            assert!(info.group);
            assert_eq!(c.id(&info.cell), Some(id));
            let row = f.row(&info.cell.table, &info.cell.row).expect("row");
            assert!(row.node.is_group() && row.node.subtotal.is_some());
        }
        // No id for what is no cell: a group row without a subtotal, a column or row the
        // table lacks, a column of another block.
        let mut none = 0;
        for table in &f.tables {
            for block in &table.blocks {
                for (row, _) in block.all_rows() {
                    if row.is_group() && row.subtotal.is_none() {
                        let col = &block.leaf_columns()[0].id;
                        assert_eq!(c.id_of(&table.id, &row.id, col), None, "{}", row.id);
                        none += 1;
                    }
                    assert_eq!(c.id_of(&table.id, &row.id, "no-such-column"), None);
                }
            }
            assert_eq!(c.id_of(&table.id, "no-such-row", "no-such-column"), None);
            for (a, b) in table.blocks.iter().zip(table.blocks.iter().skip(1)) {
                let row = &a.data_rows()[0].id;
                for col in b.leaf_columns() {
                    if !a.leaf_columns().iter().any(|x| x.id == col.id) {
                        assert_eq!(c.id_of(&table.id, row, &col.id), None, "{row} {}", col.id);
                        none += 1;
                    }
                }
            }
        }
        assert!(none > 0, "no place without a cell was asked about");
    }

    #[test]
    fn computed_cells_come_after_the_computed_cells_they_sum() {
        let c = format().compiled();
        assert!(!c.computation_order().is_empty());
        let position: HashMap<CellId, usize> = c
            .computation_order()
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        for (i, id) in c.computation_order().iter().enumerate() {
            for term in c.terms(*id).expect("a formula") {
                if let Some(p) = position.get(term) {
                    assert!(
                        *p < i,
                        "{:?} before its term {:?}",
                        c.cell(*id),
                        c.cell(*term)
                    );
                }
            }
        }
        let formulas = c.formulas.iter().filter(|f| f.is_some()).count();
        assert_eq!(c.computation_order().len(), formulas);
    }

    #[test]
    fn rows_are_found_where_the_tree_has_them() {
        let f = format();
        for table in &f.tables {
            for block in &table.blocks {
                for (row, _) in block.all_rows() {
                    let info = f.row(&table.id, &row.id).expect("found");
                    assert_eq!(info.node.id, row.id);
                    assert!(std::ptr::eq(info.block, block));
                }
            }
        }
        assert!(f.row("t3", "no-such-row").is_none());
        assert!(f.row("no-such-table", "new").is_none());
    }
}
