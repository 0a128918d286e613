//! Checking a report, whatever it is: a draft (by id or file) or a report's text. The command
//! line and the TUI both call these.

use crate::draft::Draft;
use crate::format::Format;
use crate::import::{ImportOptions, ImportOutcome, ImportReport, import_computed};
use crate::rules::{Diagnostic, Location, Stage, evaluate, evaluate_computed};
use chrono::NaiveDate;
use rustc_hash::FxHashSet;

/// The diagnostics of a draft about to be exported.
pub fn check_draft(format: &Format, draft: &Draft, today: NaiveDate) -> Vec<Diagnostic> {
    evaluate(format, draft, Stage::Final, today).diagnostics
}

/// Imports a report's text and checks it: the import's problems (missing sections, tables and
/// rows, lines it could not place) together with the rule diagnostics, each pointed at its
/// line in the file where that is known.
pub fn check_text(
    format: &Format,
    text: &str,
    encoding: &str,
    opts: &ImportOptions,
    today: NaiveDate,
) -> (ImportOutcome, Vec<Diagnostic>) {
    let (outcome, computed) = import_computed(format, text, encoding, opts);
    let report = &outcome.report;
    let mut out = report.problems.clone();
    out.extend(crate::import::single_row_group_sums(format, report));
    let rules =
        evaluate_computed(format, &outcome.draft, Stage::Final, today, computed).diagnostics;
    let missing = missing(report);
    out.extend(
        rules
            .into_iter()
            .filter(|d| !already_reported(report, &missing, d))
            .map(|d| with_line(format, report, d)),
    );
    out.sort_by_key(|d| {
        (
            d.location.line.unwrap_or(usize::MAX),
            d.severity != crate::format::Severity::Error,
        )
    });
    (outcome, out)
}

/// The cross-year findings of an imported report against last year's (`check --previous`,
/// a folder's pairs), each pointed at its line in the file where that is known.
pub fn cross_year_text(
    format: &Format,
    outcome: &ImportOutcome,
    previous: &crate::draft::PreviousYear,
) -> Vec<Diagnostic> {
    crate::rules::cross_year::evaluate(format, &outcome.draft, previous, Stage::Final)
        .into_iter()
        .map(|d| with_line(format, &outcome.report, d))
        .collect()
}

/// What the import reported missing, as (section, table, row).
type Missing<'a> = FxHashSet<(Option<&'a str>, Option<&'a str>, Option<&'a str>)>;

/// [`Missing`] of a report, gathered once per check (not once per diagnostic).
fn missing(report: &ImportReport) -> Missing<'_> {
    report
        .problems
        .iter()
        .filter(|p| p.code.starts_with("import.missing"))
        .map(|p| {
            (
                p.location.section.as_deref(),
                p.location.table.as_deref(),
                p.location.row.as_deref(),
            )
        })
        .collect()
}

/// A blank cell of a row the import already reported missing (or an empty section already
/// reported missing) says nothing new; nor do the year and agency rules when there was no
/// title to read them from.
fn already_reported(report: &ImportReport, missing: &Missing, d: &Diagnostic) -> bool {
    let loc = &d.location;
    match d.code.as_str() {
        "cell.blank" => {
            matches!((&loc.table, &loc.row), (Some(t), Some(r))
                if report.covered.contains(&(t.clone(), r.clone())))
                || missing.contains(&(
                    loc.section.as_deref(),
                    loc.table.as_deref(),
                    loc.row.as_deref(),
                ))
                || missing.contains(&(loc.section.as_deref(), loc.table.as_deref(), None))
        }
        "section.empty" => missing.contains(&(loc.section.as_deref(), None, None)),
        "report.year" | "report.agency" => report.title_line.is_none(),
        _ => false,
    }
}

fn with_line(format: &Format, report: &ImportReport, mut d: Diagnostic) -> Diagnostic {
    let loc = &d.location;
    match (&loc.section, loc.section_line, &loc.table, &loc.row) {
        (Some(s), Some(n), _, _) => {
            if let Some(line) = report
                .text_lines
                .get(s)
                .and_then(|lines| lines.get(n - 1))
                .copied()
            {
                // The file line now says where; the heading says which section.
                d.location = Location::section(format, s).at_line(line);
                d.location.section_line = Some(n);
            }
        }
        (_, _, Some(t), Some(r)) => d.location.line = report.row_lines.get(t, r),
        _ => {}
    }
    d
}

/// Here, not in `format`: the format knows no language (tests/layering.rs).
impl crate::format::FormatError {
    /// The error in the user's language (a draft written by a newer nianbao names a format
    /// this one does not have).
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            crate::format::FormatError::Unknown(id) => {
                crate::i18n::fill(lang.strings().unknown_format, &[("id", id)])
            }
            _ => self.to_string(),
        }
    }
}
