//! The report format, as described by a JSON asset in `assets/formats/`.
//!
//! Nothing in this module knows a label or a rule of any particular format: everything comes
//! from the asset. `Format::builtin()` gives the formats embedded in the binary.

mod compiled;
mod layout;
mod per_format;
pub(crate) mod validate;

pub use compiled::{CellId, CellInfo, Compiled, RowId};
pub use layout::{BlockLayout, BodyRow, HeaderCell, LeafColumn};
pub use per_format::PerFormat;
pub use validate::validate;

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

include!(concat!(env!("OUT_DIR"), "/format_assets.rs"));

/// Errors in a format asset. Only a broken build or a user-supplied asset can raise them.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("format asset {file}: not valid JSON: {source}")]
    Json {
        file: String,
        source: serde_json::Error,
    },
    #[error("format asset {file}: {problems:?}")]
    Inconsistent { file: String, problems: Vec<String> },
    #[error("unknown format id {0:?}")]
    Unknown(String),
}

/// A whole report format: sections, tables and rules.
#[derive(Debug, Deserialize)]
pub struct Format {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub document: String,
    /// The first report year this format applies to.
    pub first_year: i32,
    /// e.g. `{agency}{year}年政府信息公开工作年度报告`.
    pub title_template: String,
    pub deadlines: Deadlines,
    pub value_types: BTreeMap<String, ValueType>,
    /// The optional paragraph(s) between the title and the first section (编制依据, 统计期限,
    /// 联系方式). A format without one has none.
    #[serde(default)]
    pub preamble: Option<Part>,
    /// The optional closing signature after the last section (the agency's name and the
    /// date, one per line).
    #[serde(default)]
    pub signature: Option<Part>,
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    pub rules: Vec<Rule>,
    /// The format compiled into indices ([`Compiled`]), built on first use: a format never
    /// changes, and walking its trees for every lookup was most of the cost of checking a
    /// report. Shared (`Arc`) with the evaluations that index their cells by it.
    #[serde(skip)]
    compiled: OnceLock<Arc<Compiled>>,
}

#[derive(Debug, Deserialize)]
pub struct Deadlines {
    pub department: Deadline,
    pub government: Deadline,
}

/// Publication deadline: this month and day of the year after the report year.
#[derive(Debug, Deserialize, Clone, Copy)]
pub struct Deadline {
    pub month: u32,
    pub day: u32,
}

#[derive(Debug, Deserialize, Clone)]
pub struct ValueType {
    pub integer: bool,
    /// Lower bound, as a decimal string.
    pub min: Option<String>,
    /// Upper bound (a whole number), as a decimal string: larger values are not plausible.
    #[serde(default)]
    pub max: Option<String>,
    pub max_decimals: Option<u32>,
    pub unit: Option<String>,
    pub name: String,
    pub name_en: String,
}

#[derive(Debug, Deserialize)]
pub struct Section {
    pub id: String,
    /// The Chinese numeral, e.g. `三`.
    pub number: String,
    pub heading: String,
    #[serde(default)]
    pub heading_aliases: Vec<String>,
    pub text_required: bool,
    pub table: Option<String>,
    pub guidance: String,
    pub guidance_en: String,
}

/// A part of the report outside the numbered sections (the preamble, the closing
/// signature): its text is kept in the draft under `id`, like a section's.
#[derive(Debug, Deserialize)]
pub struct Part {
    pub id: String,
    pub label: String,
    pub label_en: String,
    /// The report is complete without it.
    #[serde(default)]
    pub optional: bool,
    pub guidance: String,
    pub guidance_en: String,
}

#[derive(Debug, Deserialize)]
pub struct Table {
    pub id: String,
    pub section: String,
    pub blocks: Vec<Block>,
}

/// One rectangular part of a table with its own header (section 二 has four).
#[derive(Debug, Deserialize)]
pub struct Block {
    pub id: String,
    pub caption: Option<String>,
    /// The header cell above the row labels.
    pub corner: Option<String>,
    pub columns: Vec<ColumnNode>,
    pub rows: Vec<RowNode>,
}

#[derive(Debug, Deserialize)]
pub struct ColumnNode {
    pub id: String,
    pub label: String,
    /// Value type of the cells in this column (leaf) or below it; default `count`.
    #[serde(rename = "type")]
    pub value_type: Option<String>,
    #[serde(default)]
    pub children: Vec<ColumnNode>,
}

#[derive(Debug, Deserialize)]
pub struct RowNode {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// For a group row: `optional` when reports may add a subtotal row the checker verifies.
    pub subtotal: Option<String>,
    #[serde(default)]
    pub children: Vec<RowNode>,
}

impl RowNode {
    pub fn is_group(&self) -> bool {
        !self.children.is_empty()
    }
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// For each row: the target column equals the sum of the term columns.
    Row,
    /// For each column: the target row equals the sum of the term rows.
    Column,
}

/// `"*"` for all, or a list of ids.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum Selection {
    All(String),
    Ids(Vec<String>),
}

#[derive(Debug, Deserialize, serde::Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// A severity that may depend on whether the report is still a draft or about to be exported.
#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(untagged)]
pub enum SeveritySpec {
    Fixed(Severity),
    Staged {
        drafting: Severity,
        r#final: Severity,
    },
}

#[derive(Debug, Deserialize)]
pub struct Rule {
    /// Stable diagnostic code, e.g. `t3.balance`.
    pub code: String,
    /// The rule's name in format-2021.md (R1 …), for reference.
    pub source: Option<String>,
    pub severity: SeveritySpec,
    pub note: Option<String>,
    pub note_en: Option<String>,
    #[serde(flatten)]
    pub kind: RuleKind,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleKind {
    /// Every filled cell parses as its column's value type.
    ValueType,
    /// A value with more decimals than its type's is read rounded; this says so.
    ValueDecimals,
    /// Target = sum of terms, for each row or column in `over`.
    Sum {
        table: String,
        each: Axis,
        target: String,
        terms: Vec<String>,
        over: Selection,
        /// The target cells are computed from the terms (not typed by the author).
        #[serde(default)]
        computes: bool,
        /// The target is a group row that reports may or may not give numbers for.
        #[serde(default)]
        optional_target: bool,
    },
    /// Sum of `left` = sum of `right`, for each row or column in `over`.
    Balance {
        table: String,
        each: Axis,
        left: Vec<String>,
        right: Vec<String>,
        over: Selection,
    },
    /// No input cell is blank.
    NoBlankCells,
    /// Every section marked `text_required` has text.
    SectionText,
    /// Section text must not number its own parts like the report's headings.
    NumberingCollision {
        markers: Vec<String>,
        separators: Vec<String>,
        suggest: String,
    },
    /// The section's text mentions at least one of the phrases.
    TextMentions {
        section: String,
        any_of: Vec<String>,
    },
    /// Across years: each cell of `row` equals last year's cell of `from_row` in the same
    /// column (上年结转 = last year's 结转下年度继续办理).
    CarryOver {
        table: String,
        row: String,
        from_row: String,
    },
    /// Across years: for each of `rows`, `stock` = last year's `stock` + `inflow` − `outflow`
    /// (现行有效件数 from last year's, 本年制发 and 本年废止).
    StockFlow {
        table: String,
        rows: Vec<String>,
        stock: String,
        inflow: String,
        outflow: String,
    },
    /// Across years: a section whose text is mostly last year's (内容雷同): flagged when the
    /// share of this year's characters unchanged from last year's reaches `threshold`
    /// (0–1), over sections of at least `min_chars` characters.
    SameText { threshold: f64, min_chars: usize },
    /// The text against the tables: a clause matching a mention states the number its cells
    /// hold (see `src/rules/text_numbers.rs`).
    TextNumbers { mentions: Vec<Mention> },
    /// A section written in name only: its text, without spaces and punctuation, is one of
    /// `placeholders` (`无`, `暂无`) or shorter than `min_chars` characters.
    SectionSubstance {
        section: String,
        placeholders: Vec<String>,
        min_chars: usize,
    },
    /// A year other than the report's in a sentence stating the year's work (a sign of text
    /// copied from last year's report): see `src/rules/wrong_year.rs`.
    WrongYear(Box<WrongYear>),
    /// Sentences that say a cell is zero (`未发生行政复议`) while it is not.
    TextContradictions { claims: Vec<Claim> },
    /// A sum or balance with blank cells, evaluated over the filled ones: `exceeds` when the
    /// filled cells of one side already exceed the other (complete) side, `short` when the
    /// blanks (at most `max_blanks` of them) are the only way to balance.
    PartialSum {
        case: PartialCase,
        #[serde(default)]
        max_blanks: Option<usize>,
    },
    /// A cell printed as a dash, a slash or `无` (spellings in `assets/import/variants.json`)
    /// was read as 0: one warning per table naming the cells.
    ZeroSpelling,
    /// The report year lies between the format's first year and the current year.
    YearRange,
    /// The agency name is not empty.
    AgencyRequired,
}

impl RuleKind {
    /// For a sum or a balance: its table, and how many of each equation's cells (in the order
    /// of [`RuleKind::equation_ids`]) stand on its first side — a sum's target, a balance's
    /// left side.
    pub fn equation_sides(&self) -> Option<(&str, usize)> {
        match self {
            RuleKind::Sum { table, .. } => Some((table, 1)),
            RuleKind::Balance { table, left, .. } => Some((table, left.len())),
            _ => None,
        }
    }

    /// For a sum or a balance: its table, its axis, what it covers, and the ids of each
    /// equation's cells — a sum's target then its terms, a balance's left side then its right.
    pub fn equation_ids(&self) -> Option<(&str, Axis, &Selection, Vec<String>)> {
        match self {
            RuleKind::Sum {
                table,
                each,
                target,
                terms,
                over,
                ..
            } => {
                let ids = std::iter::once(target).chain(terms).cloned().collect();
                Some((table, *each, over, ids))
            }
            RuleKind::Balance {
                table,
                each,
                left,
                right,
                over,
            } => Some((
                table,
                *each,
                over,
                left.iter().chain(right).cloned().collect(),
            )),
            _ => None,
        }
    }
}

/// A kind of sentence that states what cells count: a clause (between punctuation) holding
/// one of `any`, every one of `all` and none of `none`, with a number followed by `unit`,
/// states the sum of `cells` (keys `table.row.col`).
#[derive(Debug, Deserialize)]
pub struct Mention {
    pub cells: Vec<String>,
    /// Other sets of cells the number may equal instead (收到…件 may count the carried-over
    /// applications with the new ones).
    #[serde(default)]
    pub or: Vec<Vec<String>>,
    pub any: Vec<String>,
    #[serde(default)]
    pub all: Vec<String>,
    #[serde(default)]
    pub none: Vec<String>,
    pub unit: String,
}

/// The words that give a year's role in a sentence (see `WrongYear` rules).
#[derive(Debug, Deserialize)]
pub struct WrongYear {
    /// The sentence states the year's work: one of these follows the year in it.
    pub verbs: Vec<String>,
    /// A verb followed by one of these describes, not states (`2024年发布的文件`).
    #[serde(default)]
    pub attributive: Vec<String>,
    /// A year right after one of these is a point of reference (`自`, `截至`, `较`).
    #[serde(default)]
    pub before: Vec<String>,
    /// A year whose `年` is followed by one of these is no year of work (`起`, `以来`).
    #[serde(default)]
    pub after: Vec<String>,
    /// A sentence holding one of these speaks of plans (`将`, `计划`).
    #[serde(default)]
    pub plans: Vec<String>,
    /// Pairs of quotation marks (`《` `》`): a year inside is part of a title.
    #[serde(default)]
    pub quotes: Vec<(String, String)>,
    /// Only years at most this far from the report year are read as a wrong year.
    pub max_apart: i32,
}

/// A sentence that says some cells hold nothing: flagged when they sum to more than 0.
#[derive(Debug, Deserialize)]
pub struct Claim {
    /// Any of these phrases (spaces ignored) makes the claim.
    pub any: Vec<String>,
    /// Cells (`table.row.col`) the claim says are 0.
    pub cells: Vec<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PartialCase {
    Exceeds,
    Short,
}

/// Where a data cell sits: table, row and column ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub table: String,
    pub row: String,
    pub col: String,
}

impl CellRef {
    pub fn new(table: &str, row: &str, col: &str) -> Self {
        CellRef {
            table: table.to_string(),
            row: row.to_string(),
            col: col.to_string(),
        }
    }

    /// The key under which a draft stores the cell: `table.row.col`.
    pub fn key(&self) -> String {
        // Built by hand: `format!` costs several times more, and every cell of every imported
        // report is keyed.
        let mut key = String::with_capacity(self.table.len() + self.row.len() + self.col.len() + 2);
        key.push_str(&self.table);
        key.push('.');
        key.push_str(&self.row);
        key.push('.');
        key.push_str(&self.col);
        key
    }

    pub fn parse_key(key: &str) -> Option<CellRef> {
        let mut parts = key.splitn(3, '.');
        Some(CellRef::new(parts.next()?, parts.next()?, parts.next()?))
    }
}

impl Format {
    /// Parses and checks one asset.
    pub fn from_json(file: &str, json: &str) -> Result<Format, FormatError> {
        let format: Format = serde_json::from_str(json).map_err(|source| FormatError::Json {
            file: file.to_string(),
            source,
        })?;
        let problems = validate(&format);
        if problems.is_empty() {
            Ok(format)
        } else {
            Err(FormatError::Inconsistent {
                file: file.to_string(),
                problems,
            })
        }
    }

    /// Every format embedded in the binary. The assets are validated by a unit test
    /// (`every_embedded_asset_loads_and_is_consistent`), so a broken one cannot ship, and are only parsed here:
    /// validating them again on every start cost each run 0.24 ms. One that still fails to
    /// parse is skipped rather than taking the program down.
    pub fn builtin() -> &'static [Format] {
        static FORMATS: OnceLock<Vec<Format>> = OnceLock::new();
        FORMATS.get_or_init(|| {
            FORMAT_ASSETS
                .iter()
                .filter_map(|(_, json)| serde_json::from_str(json).ok())
                .collect()
        })
    }

    pub fn by_id(id: &str) -> Result<&'static Format, FormatError> {
        Format::builtin()
            .iter()
            .find(|f| f.id == id)
            .ok_or_else(|| FormatError::Unknown(id.to_string()))
    }

    /// The default format for new drafts: the newest one.
    pub fn default_format() -> Option<&'static Format> {
        Format::builtin().iter().max_by_key(|f| f.first_year)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The parts outside the sections, in document order: the preamble, then the signature.
    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        self.preamble.iter().chain(self.signature.iter())
    }

    /// The id of the preamble part, if the format has one.
    pub fn preamble_id(&self) -> Option<&str> {
        self.preamble.as_ref().map(|p| p.id.as_str())
    }

    /// The id of the signature part, if the format has one.
    pub fn signature_id(&self) -> Option<&str> {
        self.signature.as_ref().map(|p| p.id.as_str())
    }

    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The section a table belongs to.
    pub fn table_section(&self, table: &Table) -> Option<&Section> {
        self.section(&table.section)
    }

    pub fn value_type(&self, name: &str) -> Option<&ValueType> {
        self.value_types.get(name)
    }

    /// The title of a report, from the title template.
    pub fn title(&self, agency: &str, year: i32) -> String {
        self.title_template
            .replace("{agency}", agency)
            .replace("{year}", &year.to_string())
    }

    /// Every cell that belongs in a finished report (data rows × their block's leaf columns),
    /// in table order.
    pub fn cells(&self) -> Vec<CellRef> {
        let mut out = Vec::new();
        for table in &self.tables {
            for block in &table.blocks {
                let leaves = block.leaf_columns();
                for row in block.data_rows() {
                    for col in &leaves {
                        out.push(CellRef::new(&table.id, &row.id, &col.id));
                    }
                }
            }
        }
        out
    }

    /// The format compiled into indices, built on the first call.
    pub fn compiled(&self) -> &Arc<Compiled> {
        self.compiled.get_or_init(|| Arc::new(Compiled::new(self)))
    }

    /// Finds the row node, its block and its parent group, by table and row id.
    pub fn row(&self, table: &str, row: &str) -> Option<RowInfo<'_>> {
        let (ti, bi, path) = self.compiled().row_position(table, row)?;
        let block = self.tables.get(ti)?.blocks.get(bi)?;
        let (&last, above) = path.split_last()?;
        let mut rows = &block.rows;
        let mut parent = None;
        for &i in above {
            let node = rows.get(i)?;
            parent = Some(node);
            rows = &node.children;
        }
        Some(RowInfo {
            block,
            node: rows.get(last)?,
            parent,
        })
    }

    /// Finds the leaf or group column node in the block holding `row`.
    pub fn column(&self, table: &str, row: &str, col: &str) -> Option<ColumnInfo<'_>> {
        column_in(self.row(table, row)?, col)
    }

    /// The value type of a cell (the nearest `type` on its column path, else `count`).
    pub fn cell_type(&self, cell: &CellRef) -> Option<&ValueType> {
        let c = self.compiled();
        c.info(c.id(cell)?).value_type.as_deref()
    }

    /// True when a formula computes the cell (a total: shown, never typed).
    pub fn is_computed(&self, cell: &CellRef) -> bool {
        let c = self.compiled();
        c.id(cell).is_some_and(|id| c.is_computed(id))
    }

    /// True when the cell exists: a data row (or a group row that may carry a subtotal) and a
    /// leaf column of its block.
    pub fn cell_exists(&self, cell: &CellRef) -> bool {
        self.compiled().id(cell).is_some()
    }
}

fn column_in<'f>(info: RowInfo<'f>, col: &str) -> Option<ColumnInfo<'f>> {
    let path = find_column_path(&info.block.columns, col)?;
    Some(ColumnInfo {
        node: path[path.len() - 1],
        path,
    })
}

pub struct RowInfo<'f> {
    pub block: &'f Block,
    pub node: &'f RowNode,
    pub parent: Option<&'f RowNode>,
}

pub struct ColumnInfo<'f> {
    pub node: &'f ColumnNode,
    /// From the top-level column group down to the node.
    pub path: Vec<&'f ColumnNode>,
}

fn find_column_path<'f>(cols: &'f [ColumnNode], id: &str) -> Option<Vec<&'f ColumnNode>> {
    for c in cols {
        if c.id == id {
            return Some(vec![c]);
        }
        if let Some(mut path) = find_column_path(&c.children, id) {
            path.insert(0, c);
            return Some(path);
        }
    }
    None
}

impl Block {
    /// Leaf columns in order.
    pub fn leaf_columns(&self) -> Vec<&ColumnNode> {
        fn walk<'a>(cols: &'a [ColumnNode], out: &mut Vec<&'a ColumnNode>) {
            for c in cols {
                if c.children.is_empty() {
                    out.push(c);
                } else {
                    walk(&c.children, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.columns, &mut out);
        out
    }

    /// Rows that carry numbers, in order.
    pub fn data_rows(&self) -> Vec<&RowNode> {
        self.all_rows()
            .into_iter()
            .filter(|(r, _)| !r.is_group())
            .map(|(r, _)| r)
            .collect()
    }

    /// Every row node with its depth, in order (groups before their children).
    pub fn all_rows(&self) -> Vec<(&RowNode, usize)> {
        fn walk<'a>(rows: &'a [RowNode], depth: usize, out: &mut Vec<(&'a RowNode, usize)>) {
            for r in rows {
                out.push((r, depth));
                walk(&r.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.rows, 0, &mut out);
        out
    }

    /// True when the rows carry labels (section 四's single row has none).
    pub fn has_row_labels(&self) -> bool {
        self.corner.is_some() || self.all_rows().iter().any(|(r, _)| !r.label.is_empty())
    }
}

impl Table {
    /// The block holding a row id.
    pub fn block_of_row(&self, row: &str) -> Option<&Block> {
        // Called for every cell placed and checked: walk the tree without collecting it.
        fn holds(rows: &[RowNode], id: &str) -> bool {
            rows.iter().any(|r| r.id == id || holds(&r.children, id))
        }
        self.blocks.iter().find(|b| holds(&b.rows, row))
    }
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_asset_loads_and_is_consistent() {
        assert!(!FORMAT_ASSETS.is_empty(), "no format asset embedded");
        for (file, json) in FORMAT_ASSETS {
            if let Err(e) = Format::from_json(file, json) {
                panic!("{e}");
            }
        }
        assert_eq!(Format::builtin().len(), FORMAT_ASSETS.len());
    }

    #[test]
    fn gov_2021_has_the_official_shape() {
        let f = Format::by_id("gov-2021").expect("gov-2021 embedded");
        assert_eq!(f.sections.len(), 6);
        assert_eq!(f.tables.len(), 3);
        // The preamble and the closing signature are optional parts beside the sections.
        assert_eq!(f.preamble_id(), Some("preamble"));
        assert_eq!(f.signature_id(), Some("signature"));
        assert!(f.parts().all(|p| p.optional));
        // 6 + 1 + 2 + 1 cells in section 二, 25 × 7 in 三, 15 in 四.
        let count = |t: &str| f.cells().iter().filter(|c| c.table == t).count();
        assert_eq!(count("t2"), 10);
        assert_eq!(count("t3"), 175);
        assert_eq!(count("t4"), 15);
    }

    #[test]
    fn cell_keys_round_trip() {
        let c = CellRef::new("t3", "new", "natural");
        assert_eq!(c.key(), "t3.new.natural");
        assert_eq!(CellRef::parse_key(&c.key()), Some(c));
        assert_eq!(CellRef::parse_key("t3.new"), None);
    }

    #[test]
    fn a_second_format_file_loads_without_code_changes() {
        // A made-up revision: same shape, other id. Loading goes through the same path as the
        // embedded assets.
        let json = FORMAT_ASSETS[0]
            .1
            .replacen("\"gov-2021\"", "\"gov-2031\"", 1);
        let f = Format::from_json("gov-2031.json", &json).expect("loads");
        assert_eq!(f.id, "gov-2031");
    }
}
