//! A supervisor's summary of many checked reports (`nianbao check DIR --summary FILE`): one
//! row per report — who, which year, how many errors and warnings, whether every section and
//! table is there, the key figures, the findings against last year — and every diagnostic
//! with its place. Written as a workbook (XLSX), CSV or one HTML page.
//!
//! The key figures are data (`assets/summary/<format>.json`), like the format itself.

mod csv;
mod html;
mod xlsx;

#[cfg(test)]
mod tests;

pub use csv::to_csv;
pub use html::to_html;
pub use xlsx::to_xlsx;

use crate::draft::{AgencyKind, Draft};
use crate::format::{Format, RuleKind, Severity};
use crate::i18n::{Lang, fill};
use crate::rules::Diagnostic;
use serde::Deserialize;
use std::sync::OnceLock;

/// The summaries' key figures of every embedded format.
const FIGURE_ASSETS: &[&str] = &[include_str!("../../assets/summary/gov-2021.json")];

/// One key figure: the sum of `sum`, or that sum as a percentage of `over`.
#[derive(Debug, Deserialize)]
pub struct Figure {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub sum: Vec<String>,
    #[serde(default)]
    pub over: Option<String>,
}

impl Figure {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The figure, from the numbers of its cells (`number` of a key; `None` where the report
    /// gives none). A share also needs a total above zero.
    fn value(&self, number: impl Fn(&str) -> Option<f64>) -> Option<f64> {
        let mut sum = None;
        for key in &self.sum {
            if let Some(n) = number(key) {
                sum = Some(sum.unwrap_or(0.0) + n);
            }
        }
        match &self.over {
            None => sum,
            Some(over) => {
                let total = number(over)?;
                (total > 0.0).then(|| (sum.unwrap_or(0.0) / total * 1000.0).round() / 10.0)
            }
        }
    }
}

/// The format's key figures in a report, in the format's order. A total the report left blank
/// counts as the sum of its terms (`rules::cell_values`, as `rules::cell_value` cell by cell,
/// each cell read once).
fn figure_values(format: &Format, draft: &Draft) -> Vec<Option<f64>> {
    let figures = figures(&format.id);
    let keys: Vec<&str> = figures
        .iter()
        .flat_map(|f| f.sum.iter().chain(&f.over))
        .map(String::as_str)
        .collect();
    let values = crate::rules::cell_values(format, draft, &keys);
    let number = |key: &str| {
        let i = keys.iter().position(|k| *k == key)?;
        values[i].map(|n| n.to_f64())
    };
    figures.iter().map(|f| f.value(number)).collect()
}

#[derive(Debug, Deserialize)]
pub struct Figures {
    pub format: String,
    pub figures: Vec<Figure>,
}

/// The key figures of a format (none for a format without a summary asset).
pub fn figures(format_id: &str) -> &'static [Figure] {
    static ALL: OnceLock<Vec<Figures>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        FIGURE_ASSETS
            .iter()
            // The embedded assets are checked by a unit test; a broken one gives no figures.
            .filter_map(|text| serde_json::from_str(text).ok())
            .collect()
    });
    all.iter()
        .find(|f| f.format == format_id)
        .map_or(&[][..], |f| f.figures.as_slice())
}

/// One diagnostic of one report, as the summary lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub line: Option<usize>,
    pub location: String,
    pub code: String,
    pub severity: Severity,
    pub message: String,
}

/// One report's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file (or draft id) as named on the command line.
    pub file: String,
    pub agency: String,
    pub year: Option<i32>,
    pub kind: Option<AgencyKind>,
    pub errors: usize,
    pub warnings: usize,
    /// The sections and tables the report lacks (their headings).
    pub missing: Vec<String>,
    /// The format's key figures, in its order; `None` where the report does not give them.
    pub figures: Vec<Option<f64>>,
    /// Findings against last year's report (carried over, in force, copied text).
    pub cross_year: Vec<String>,
    /// Last year's report it was checked against (a file or draft id), when there was one.
    pub compared_with: Option<String>,
    /// Why the report could not be read; the other fields are then empty.
    pub unreadable: Option<String>,
    pub findings: Vec<Finding>,
}

/// Codes of the diagnostics that say a section or table is not there at all.
fn is_missing_part(code: &str) -> bool {
    matches!(
        code,
        "import.missing-section" | "import.missing-table" | "section.empty"
    )
}

/// The codes of a format's rules that compare with last year's report.
fn cross_year_codes(format: &Format) -> Vec<&str> {
    format
        .rules
        .iter()
        .filter(|r| {
            matches!(
                r.kind,
                RuleKind::CarryOver { .. } | RuleKind::StockFlow { .. } | RuleKind::SameText { .. }
            )
        })
        .map(|r| r.code.as_str())
        .collect()
}

impl Entry {
    /// The row of a report that was read and checked: its draft and its diagnostics.
    pub fn checked(
        format: &Format,
        file: &str,
        draft: &Draft,
        diagnostics: &[Diagnostic],
        lang: Lang,
    ) -> Entry {
        let cross = cross_year_codes(format);
        let mut entry = Entry {
            file: file.to_string(),
            agency: draft.agency.clone(),
            // An import that found no year leaves 0.
            year: (draft.year > 0).then_some(draft.year),
            kind: Some(draft.agency_kind),
            errors: 0,
            warnings: 0,
            missing: Vec::new(),
            figures: figure_values(format, draft),
            cross_year: Vec::new(),
            compared_with: None,
            unreadable: None,
            findings: Vec::with_capacity(diagnostics.len()),
        };
        for d in diagnostics {
            match d.severity {
                Severity::Error => entry.errors += 1,
                Severity::Warning => entry.warnings += 1,
            }
            if is_missing_part(&d.code) {
                let place = d.location.text.clone();
                if !place.is_empty() && !entry.missing.contains(&place) {
                    entry.missing.push(place);
                }
            }
            if cross.contains(&d.code.as_str()) {
                entry.cross_year.push(d.render(lang));
            }
            entry.findings.push(Finding {
                line: d.location.line,
                location: d.location.describe(lang),
                code: d.code.clone(),
                severity: d.severity,
                message: d.message.get(lang).to_string(),
            });
        }
        entry
    }

    /// The row of a report that could not be read: a row all the same, with the reason.
    pub fn unreadable(file: &str, reason: &str) -> Entry {
        Entry {
            file: file.to_string(),
            agency: String::new(),
            year: None,
            kind: None,
            errors: 0,
            warnings: 0,
            missing: Vec::new(),
            figures: Vec::new(),
            cross_year: Vec::new(),
            compared_with: None,
            unreadable: Some(reason.to_string()),
            findings: Vec::new(),
        }
    }

    pub fn complete(&self) -> bool {
        self.unreadable.is_none() && self.missing.is_empty()
    }
}

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Unreadable reports, then the most errors, the incomplete, the most warnings.
    #[default]
    Worst,
    Agency,
    Errors,
    Year,
}

/// Sorts the rows; ties keep the order the reports were named in (the file order).
pub fn sort(entries: &mut [Entry], by: SortBy) {
    let worst = |e: &Entry| {
        (
            std::cmp::Reverse(e.unreadable.is_some()),
            std::cmp::Reverse(e.errors),
            e.complete(),
            std::cmp::Reverse(e.warnings),
        )
    };
    match by {
        SortBy::Worst => entries.sort_by_key(|e| worst(e)),
        SortBy::Errors => entries.sort_by_key(|e| (std::cmp::Reverse(e.errors), worst(e))),
        SortBy::Agency => entries.sort_by(|a, b| {
            (a.unreadable.is_some(), &a.agency, a.year).cmp(&(
                b.unreadable.is_some(),
                &b.agency,
                b.year,
            ))
        }),
        SortBy::Year => entries.sort_by_key(|e| (e.year.is_none(), e.year, e.agency.clone())),
    }
}

/// What a summary holds, ready for a writer: the rows and the words of its headings.
pub struct Summary<'a> {
    pub lang: Lang,
    pub figures: &'a [Figure],
    pub entries: &'a [Entry],
}

/// The summary file's kind, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryKind {
    Xlsx,
    Csv,
    Html,
}

impl SummaryKind {
    pub fn from_path(path: &std::path::Path) -> Option<SummaryKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(SummaryKind::Xlsx),
            "csv" => Some(SummaryKind::Csv),
            "html" | "htm" => Some(SummaryKind::Html),
            _ => None,
        }
    }
}

/// Why a summary could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    #[error("the workbook could not be made: {0}")]
    Xlsx(String),
}

/// The summary as the bytes of a file of `kind`.
pub fn render(summary: &Summary, kind: SummaryKind) -> Result<Vec<u8>, SummaryError> {
    match kind {
        SummaryKind::Xlsx => to_xlsx(summary),
        SummaryKind::Csv => Ok(to_csv(summary)),
        SummaryKind::Html => Ok(to_html(summary).into_bytes()),
    }
}

/// The cells of a row as the writers show them, and the headings over them: shared so that
/// the three files say the same. Numbers stay numbers (`Cell::Number`) for the workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => format_number(*n),
            Cell::Empty => String::new(),
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Summary<'_> {
    pub fn report_headings(&self) -> Vec<String> {
        let s = self.lang.strings();
        let mut h: Vec<String> = s.summary_columns.iter().map(|c| c.to_string()).collect();
        h.extend(self.figures.iter().map(|f| f.label(self.lang).to_string()));
        h.push(s.summary_cross_year.to_string());
        h.push(s.summary_unreadable.to_string());
        h
    }

    pub fn report_row(&self, e: &Entry) -> Vec<Cell> {
        let s = self.lang.strings();
        let text = |t: &str| {
            if t.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(t.to_string())
            }
        };
        let kind = match e.kind {
            Some(AgencyKind::Department) => text(s.kind_department),
            Some(AgencyKind::Government) => text(s.kind_government),
            None => Cell::Empty,
        };
        let complete = if e.unreadable.is_some() {
            Cell::Empty
        } else if e.missing.is_empty() {
            text(s.summary_complete)
        } else {
            Cell::Text(format!("{}{}", s.summary_lacks, e.missing.join(s.list_sep)))
        };
        let counted = |n: usize| {
            if e.unreadable.is_some() {
                Cell::Empty
            } else {
                Cell::Number(n as f64)
            }
        };
        let mut row = vec![
            text(&e.file),
            text(&e.agency),
            e.year.map_or(Cell::Empty, |y| Cell::Number(y as f64)),
            kind,
            counted(e.errors),
            counted(e.warnings),
            complete,
        ];
        row.extend((0..self.figures.len()).map(|i| {
            e.figures
                .get(i)
                .copied()
                .flatten()
                .map_or(Cell::Empty, Cell::Number)
        }));
        let cross = match (&e.compared_with, e.cross_year.is_empty()) {
            (Some(source), true) => fill(s.summary_compared_clean, &[("source", source)]),
            _ => e.cross_year.join("\n"),
        };
        row.push(text(&cross));
        row.push(text(e.unreadable.as_deref().unwrap_or("")));
        row
    }

    pub fn finding_headings(&self) -> Vec<String> {
        self.lang
            .strings()
            .summary_finding_columns
            .iter()
            .map(|c| c.to_string())
            .collect()
    }

    /// Every diagnostic, report by report in the rows' order; an unreadable report is one
    /// line with its reason.
    pub fn finding_rows(&self) -> Vec<Vec<Cell>> {
        let s = self.lang.strings();
        let mut out = Vec::new();
        for e in self.entries {
            if let Some(why) = &e.unreadable {
                out.push(vec![
                    Cell::Text(e.file.clone()),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Text(s.error.to_string()),
                    Cell::Text(why.clone()),
                ]);
            }
            for f in &e.findings {
                let severity = match f.severity {
                    Severity::Error => s.error,
                    Severity::Warning => s.warning,
                };
                out.push(vec![
                    Cell::Text(e.file.clone()),
                    f.line.map_or(Cell::Empty, |l| Cell::Number(l as f64)),
                    Cell::Text(f.location.clone()),
                    Cell::Text(f.code.clone()),
                    Cell::Text(severity.to_string()),
                    Cell::Text(f.message.clone()),
                ]);
            }
        }
        out
    }
}
