//! The rule engine: computes every computed cell and evaluates every rule of the format.
//!
//! Rules never stop a draft from being saved or edited; their diagnostics only gate export.

mod arithmetic;
mod claims;
pub mod cross_year;
mod lines;
mod phrases;
mod prepared;
mod text;
pub mod text_numbers;
mod wrong_year;

#[cfg(test)]
pub(crate) use arithmetic::cell_value;
pub use arithmetic::{
    CellState, CellStates, Computed, cell_values, computed, computed_cells, computed_with_ids,
    distance,
};

use crate::draft::Draft;
use crate::format::{CellRef, Format, Severity, SeveritySpec};
use crate::i18n::{Lang, Localized, fill};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// While drafting, incompleteness is a warning; for export it is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Drafting,
    Final,
}

impl SeveritySpec {
    pub fn at(self, stage: Stage) -> Severity {
        match (self, stage) {
            (SeveritySpec::Fixed(s), _) => s,
            (SeveritySpec::Staged { drafting, .. }, Stage::Drafting) => drafting,
            (SeveritySpec::Staged { r#final, .. }, Stage::Final) => r#final,
        }
    }
}

/// Where a diagnostic points. Ids are the format's; `text` is the human form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Line within the section's text (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section_line: Option<usize>,
    /// Line in the checked file (1-based), for reports read from text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// e.g. `三、（三）不予公开 1.属于国家秘密 / 自然人`.
    pub text: String,
}

impl Location {
    pub fn report(lang_neutral: &str) -> Location {
        Location {
            text: lang_neutral.to_string(),
            ..Location::default()
        }
    }

    /// The same place, at a line of the checked file.
    pub fn at_line(mut self, line: usize) -> Location {
        self.line = Some(line);
        self
    }

    /// The human form in one language: the labels (official, so the same in every language),
    /// with the line of a section's text, or the file's line when there is nothing else to say.
    pub fn describe(&self, lang: Lang) -> String {
        let s = lang.strings();
        match (self.section_line, self.line) {
            (Some(n), None) => fill(
                s.loc_section_line,
                &[("heading", &self.text), ("line", &n.to_string())],
            ),
            (_, Some(n)) if self.text.is_empty() => fill(s.loc_line, &[("line", &n.to_string())]),
            _ => self.text.clone(),
        }
    }

    pub fn section(format: &Format, section_id: &str) -> Location {
        Location {
            section: Some(section_id.to_string()),
            text: format
                .section(section_id)
                .map(|s| s.heading.clone())
                .unwrap_or_default(),
            ..Location::default()
        }
    }

    /// A table cell, named by its section number, row label (with its group) and column
    /// label (with its groups): `三、（三）不予公开 1.属于国家秘密 / 自然人`.
    pub fn cell(format: &Format, cell: &CellRef) -> Location {
        let section = format
            .table(&cell.table)
            .and_then(|t| format.table_section(t));
        Location {
            section: section.map(|s| s.id.clone()),
            table: Some(cell.table.clone()),
            row: Some(cell.row.clone()),
            column: Some(cell.col.clone()),
            text: cell_name(format, section, cell),
            ..Location::default()
        }
    }

    /// [`Location::cell`]'s text only (a message naming cells needs no more).
    pub fn cell_text(format: &Format, cell: &CellRef) -> String {
        let section = format
            .table(&cell.table)
            .and_then(|t| format.table_section(t));
        cell_name(format, section, cell)
    }

    /// A whole column of a table, named through any cell in it: `三、自然人`.
    pub fn column(format: &Format, any_cell: &CellRef) -> Location {
        let mut loc = Location::cell(format, any_cell);
        loc.row = None;
        let number = loc
            .section
            .as_deref()
            .and_then(|s| format.section(s))
            .map(|s| s.number.as_str())
            .unwrap_or("");
        loc.text = format!("{number}、{}", column_label(format, any_cell));
        loc
    }

    /// A row of a table: `二、行政强制`.
    pub fn row(format: &Format, table: &str, row: &str) -> Location {
        let section = format.table(table).and_then(|t| format.table_section(t));
        let number = section.map(|s| s.number.as_str()).unwrap_or("");
        Location {
            section: section.map(|s| s.id.clone()),
            table: Some(table.to_string()),
            row: Some(row.to_string()),
            text: format!("{number}、{}", row_label(format, table, row)),
            ..Location::default()
        }
    }
}

/// A cell's name in `section` (its table's): `三、（三）不予公开 1.属于国家秘密 / 自然人`.
fn cell_name(format: &Format, section: Option<&crate::format::Section>, cell: &CellRef) -> String {
    let number = section.map(|s| s.number.as_str()).unwrap_or("");
    let col_label = column_label(format, cell);
    let row_label = row_label(format, &cell.table, &cell.row);
    if row_label.is_empty() {
        format!("{number}、{col_label}")
    } else {
        fill(
            crate::i18n::ZH.loc_cell,
            &[
                ("section", number),
                ("row", &row_label),
                ("column", &col_label),
            ],
        )
    }
}

/// A row's label, preceded by its group's when the group is one of the labelled sub-tables
/// (`（三）不予公开 1.属于国家秘密`).
fn row_label(format: &Format, table: &str, row: &str) -> String {
    let Some(info) = format.row(table, row) else {
        return row.to_string();
    };
    let mut parts = Vec::new();
    if let Some(p) = info.parent.filter(|p| p.subtotal.is_some()) {
        parts.push(p.label.as_str());
    }
    parts.push(info.node.label.as_str());
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// A row as an equation names it: its number (`一`, `四`) when the label starts with one,
/// the whole label when it is short (`（七）总计`) — all from the format's labels.
pub fn short_row_name(format: &Format, cell: &CellRef) -> String {
    let label = format
        .row(&cell.table, &cell.row)
        .map(|info| info.node.label.clone())
        .unwrap_or_else(|| cell.row.clone());
    if label.chars().count() <= 6 {
        return label;
    }
    if let Some((number, _)) = label.split_once('、')
        && (1..=3).contains(&number.chars().count())
    {
        return number.to_string();
    }
    if label.starts_with('（')
        && let Some(end) = label.find('）')
    {
        return label[..end + '）'.len_utf8()].to_string();
    }
    label
}

/// A column's label with its groups: `行政诉讼 未经复议直接起诉 结果维持` (the format's, made once).
fn column_label(format: &Format, cell: &CellRef) -> String {
    format
        .compiled()
        .column_label(&cell.table, &cell.row, &cell.col)
        .unwrap_or(&cell.col)
        .to_string()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: String,
    pub location: Location,
    pub message: Localized,
}

impl Diagnostic {
    /// `位置：消息` in one language.
    pub fn render(&self, lang: Lang) -> String {
        let place = self.location.describe(lang);
        if place.is_empty() {
            self.message.get(lang).to_string()
        } else {
            let sep = if lang == Lang::Zh { "：" } else { ": " };
            format!("{place}{sep}{}", self.message.get(lang))
        }
    }
}

/// Everything the engine knows about a draft: each cell's state and every diagnostic.
#[derive(Debug, Default)]
pub struct Evaluation {
    /// Every cell's state (by reference, key or compiled id).
    pub cells: CellStates,
    pub diagnostics: Vec<Diagnostic>,
    /// For each cell that takes part in a failing sum or balance, the indexes of those
    /// diagnostics: the grid marks them all, not only the cell the location names.
    pub involved: BTreeMap<CellRef, Vec<usize>>,
    /// Each failing sum or balance (its diagnostic's index) with its cells in the rule's
    /// order: the left side first.
    pub failing: Vec<(usize, Vec<CellRef>)>,
    /// The indexes of the diagnostics located at each cell: the grid asks for every visible
    /// cell on every frame, so this is an index, not a scan.
    by_cell: BTreeMap<CellRef, Vec<usize>>,
}

impl Evaluation {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// How many errors the same draft has at `stage`. Every rule reports at both stages and
    /// only its severity depends on the stage, so this needs no second evaluation.
    pub fn errors_at(&self, format: &Format, stage: Stage) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| {
                let severity = format
                    .rules
                    .iter()
                    .find(|r| r.code == d.code)
                    .map_or(d.severity, |r| r.severity.at(stage));
                severity == Severity::Error
            })
            .count()
    }

    fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }

    /// The value to show for a cell: a computed total, or what was entered.
    pub fn display(&self, cell: &CellRef) -> Option<String> {
        self.cells.get(cell).and_then(CellState::display)
    }

    /// The failing sums and balances a cell takes part in (its own diagnostics aside).
    pub fn rules_involving<'a>(
        &'a self,
        cell: &CellRef,
    ) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.involved
            .get(cell)
            .into_iter()
            .flatten()
            .filter_map(|i| self.diagnostics.get(*i))
    }

    /// The first cell of the failing rule a diagnostic reports (where to show it).
    pub fn first_cell_of(&self, diagnostic: usize) -> Option<&CellRef> {
        self.failing
            .iter()
            .find(|(i, _)| *i == diagnostic)
            .and_then(|(_, cells)| cells.first())
    }

    /// Diagnostics about one cell.
    pub fn at_cell<'a>(&'a self, cell: &CellRef) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.by_cell
            .get(cell)
            .into_iter()
            .flatten()
            .filter_map(|i| self.diagnostics.get(*i))
    }
}

/// Computes totals and evaluates every rule of `format` on `draft`. `today` decides what
/// "the current year" is.
pub fn evaluate(format: &Format, draft: &Draft, stage: Stage, today: NaiveDate) -> Evaluation {
    let statements = text_numbers::statements(format, draft);
    evaluate_with(format, draft, stage, today, &statements, None)
}

/// [`evaluate`] from the draft's cells as already [`computed`] (by the import that made the
/// draft, which needed the totals too): one computation per check.
pub fn evaluate_computed(
    format: &Format,
    draft: &Draft,
    stage: Stage,
    today: NaiveDate,
    computed: Computed,
) -> Evaluation {
    let statements = text_numbers::statements(format, draft);
    evaluate_all(
        format,
        draft,
        stage,
        today,
        &statements,
        None,
        Some(computed),
    )
}

/// The findings of the rules that read only the sections' texts (empty sections, numbering
/// collisions, required mentions, 五's substance), at `stage`: the TUI keeps them, with the
/// texts' statements, while only numbers change.
pub fn text_findings(format: &Format, draft: &Draft, stage: Stage) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // `today` only matters to the year rule, which is not among these.
    let today = NaiveDate::MIN;
    text::evaluate(format, draft, stage, today, text::Part::Texts, &mut out);
    out
}

/// [`evaluate`] with the counts the texts state already read, and optionally the texts'
/// own findings ([`text_findings`] at the same stage): both depend on the texts only, and
/// the TUI keeps them while numbers are typed.
pub fn evaluate_with(
    format: &Format,
    draft: &Draft,
    stage: Stage,
    today: NaiveDate,
    statements: &[text_numbers::Statement],
    texts: Option<&[Diagnostic]>,
) -> Evaluation {
    evaluate_all(format, draft, stage, today, statements, texts, None)
}

fn evaluate_all(
    format: &Format,
    draft: &Draft,
    stage: Stage,
    today: NaiveDate,
    statements: &[text_numbers::Statement],
    texts: Option<&[Diagnostic]>,
    computed: Option<Computed>,
) -> Evaluation {
    let mut diagnostics = Vec::new();
    let (cells, failing) = arithmetic::evaluate(format, draft, stage, computed, &mut diagnostics);
    text_numbers::evaluate(
        format,
        statements,
        &cells,
        draft.year,
        stage,
        &mut diagnostics,
    );
    match texts {
        // The texts' findings as kept (they come before the year and agency rules in the
        // asset's order, so the list is the same as evaluated whole; a test holds it).
        Some(kept) => {
            diagnostics.extend(kept.iter().cloned());
            text::evaluate(
                format,
                draft,
                stage,
                today,
                text::Part::Facts,
                &mut diagnostics,
            );
        }
        None => text::evaluate(
            format,
            draft,
            stage,
            today,
            text::Part::All,
            &mut diagnostics,
        ),
    }
    if let Some(previous) = &draft.previous {
        diagnostics.extend(cross_year::evaluate(format, draft, previous, stage));
    }
    let mut involved: BTreeMap<CellRef, Vec<usize>> = BTreeMap::new();
    for (index, set) in &failing {
        for cell in set {
            let at = involved.entry(cell.clone()).or_default();
            if !at.contains(index) {
                at.push(*index);
            }
        }
    }
    let mut by_cell: BTreeMap<CellRef, Vec<usize>> = BTreeMap::new();
    for (index, d) in diagnostics.iter().enumerate() {
        let l = &d.location;
        if let (Some(table), Some(row), Some(col)) = (&l.table, &l.row, &l.column) {
            by_cell
                .entry(CellRef::new(table, row, col))
                .or_default()
                .push(index);
        }
    }
    Evaluation {
        cells,
        diagnostics,
        involved,
        failing,
        by_cell,
    }
}

#[cfg(test)]
mod tests;

/// Drafts for other modules' tests.
#[cfg(test)]
pub(crate) mod tests_support {
    pub(crate) use super::tests::consistent;
}
