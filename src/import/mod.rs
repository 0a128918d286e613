//! Reading a report from text: the title (agency, year), the six headings, each section's text
//! and each table's rows by their labels. Everything that could not be placed goes into the
//! import report with its line number; nothing is silently dropped.
//!
//! The pipeline is: decode → lines → headings → per-section text and table lines
//! ([`table::TableReader`]) → placement into a draft. New layouts plug in at the table reader.

mod decode;
mod labels;
mod report;
mod table;

pub use decode::decode;
pub use labels::normalize as normalize_label;
pub use report::{Found, ImportReport, Placed, Unplaced};

use crate::draft::{AgencyKind, Draft};
use crate::format::{CellRef, Format, Severity};
use crate::i18n::Localized;
use crate::rules::{Diagnostic, Location, Stage, computed_cells, evaluate};
use crate::value::normalize_width;
use chrono::{DateTime, FixedOffset};
use table::{LineKind, TableReader};

pub struct ImportOptions {
    pub id: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub kind: AgencyKind,
    pub now: DateTime<FixedOffset>,
}

pub struct ImportOutcome {
    pub draft: Draft,
    pub report: ImportReport,
}

/// Imports a report already decoded to text. `encoding` is recorded in the report.
pub fn import_text(
    format: &Format,
    text: &str,
    encoding: &str,
    opts: &ImportOptions,
) -> ImportOutcome {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    let mut draft = Draft::new(&opts.id, format, "", opts.kind, 0, opts.now);
    let mut report = ImportReport {
        format: format.id.clone(),
        encoding: encoding.to_string(),
        ..ImportReport::default()
    };

    let headings = find_headings(format, &lines);
    let first_heading = headings.first().map_or(lines.len(), |h| h.0);
    read_preamble(
        format,
        &lines[..first_heading],
        opts,
        &mut draft,
        &mut report,
    );

    let mut stated: Vec<(CellRef, String)> = Vec::new();
    for (k, &(start, si)) in headings.iter().enumerate() {
        let end = headings.get(k + 1).map_or(lines.len(), |h| h.0);
        let section = &format.sections[si];
        let body: Vec<(usize, &str)> = (start + 1..end).map(|i| (i + 1, lines[i])).collect();
        let mut text_lines: Vec<(usize, &str)> = Vec::new();
        match section.table.as_deref().and_then(|t| format.table(t)) {
            None => text_lines = body,
            Some(table) => {
                let mut reader = TableReader::new(table);
                let kinds: Vec<LineKind> = body.iter().map(|(n, l)| reader.line(*n, l)).collect();
                let first_table = kinds.iter().position(|k| *k != LineKind::Text);
                let last_table = kinds.iter().rposition(|k| *k != LineKind::Text);
                for (i, (&(n, l), kind)) in body.iter().zip(&kinds).enumerate() {
                    let outside = first_table.is_none_or(|f| i < f)
                        || last_table.is_some_and(|last| i > last);
                    match kind {
                        LineKind::Text if outside => text_lines.push((n, l)),
                        LineKind::Text if l.trim().is_empty() => {}
                        LineKind::Text | LineKind::Unplaced => unplaced(&mut report, n, l),
                        LineKind::Table => {}
                    }
                }
                place_rows(format, table, &reader, &mut draft, &mut report, &mut stated);
                report.tables.push(Found {
                    id: table.id.clone(),
                    label: section.heading.clone(),
                    line: body
                        .iter()
                        .zip(&kinds)
                        .find(|(_, k)| **k == LineKind::Table)
                        .map(|((n, _), _)| *n),
                });
            }
        }
        set_text(&mut draft, &mut report, &section.id, &text_lines);
    }

    keep_differing_totals(format, &mut draft, stated, opts);
    report_missing(format, &headings, &mut report);
    report.agency = Some(draft.agency.clone()).filter(|a| !a.is_empty());
    report.year = Some(draft.year).filter(|y| *y != 0);
    ImportOutcome { draft, report }
}

/// (line index, section index) of each heading found, in file order; each section once.
fn find_headings(format: &Format, lines: &[&str]) -> Vec<(usize, usize)> {
    let keys: Vec<Vec<String>> = format
        .sections
        .iter()
        .map(|s| {
            std::iter::once(&s.heading)
                .chain(&s.heading_aliases)
                .map(|h| labels::normalize(h))
                .collect()
        })
        .collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let n = labels::normalize(line);
        if n.is_empty() {
            continue;
        }
        if let Some(si) = keys.iter().position(|k| k.contains(&n))
            && !found.iter().any(|f| f.1 == si)
        {
            found.push((i, si));
        }
    }
    found
}

/// The lines before the first heading: the title gives agency and year (an explicit
/// `--agency`/`--year` wins); anything else is reported, not dropped.
fn read_preamble(
    format: &Format,
    lines: &[&str],
    opts: &ImportOptions,
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    let mut title: Option<(usize, String, i32)> = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some((agency, year)) = parse_title(&format.title_template, line) {
            // A title split over two lines puts the agency on the line before.
            let agency = if agency.is_empty() && i > 0 && !lines[i - 1].trim().is_empty() {
                lines[i - 1].trim().to_string()
            } else {
                agency
            };
            title = Some((i, agency, year));
            break;
        }
    }
    let title_lines: Vec<usize> = match &title {
        Some((i, agency, _))
            if !agency.is_empty()
                && lines[*i].trim() != agency
                && *i > 0
                && lines[*i - 1].trim() == agency =>
        {
            vec![*i - 1, *i]
        }
        Some((i, _, _)) => vec![*i],
        None => vec![],
    };
    for (i, line) in lines.iter().enumerate() {
        if !line.trim().is_empty() && !title_lines.contains(&i) {
            unplaced(report, i + 1, line);
        }
    }
    let (agency, year) = title
        .as_ref()
        .map(|(_, a, y)| (a.clone(), *y))
        .unwrap_or_default();
    report.title_line = title.as_ref().map(|(i, _, _)| i + 1);
    draft.agency = opts.agency.clone().unwrap_or(agency).trim().to_string();
    draft.year = opts.year.unwrap_or(year);
    if title.is_none() {
        report.problems.push(problem(
            Severity::Warning,
            "import.no-title",
            Location::report(""),
            Localized::from_template(|s| s.missing_title, &[("title", &format.title_template)]),
        ));
    }
}

/// `{agency}{year}<suffix>` → (agency, year), using the format's title template.
fn parse_title(template: &str, line: &str) -> Option<(String, i32)> {
    let (head, suffix) = template.split_once("{year}")?;
    let prefix = head.split("{agency}").next().unwrap_or("");
    let between = head.split_once("{agency}").map_or("", |(_, b)| b);
    let line: String = normalize_width(line)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let suffix: String = suffix.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = line.strip_prefix(prefix)?.strip_suffix(suffix.as_str())?;
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    // The year is the last four digits (an agency name may itself end in digits).
    if digits < 4 {
        return None;
    }
    let (agency, year) = rest.split_at(rest.len() - 4);
    let agency = agency.strip_suffix(between).unwrap_or(agency);
    Some((agency.to_string(), year.parse().ok()?))
}

fn set_text(draft: &mut Draft, report: &mut ImportReport, section: &str, lines: &[(usize, &str)]) {
    let start = lines.iter().position(|(_, l)| !l.trim().is_empty());
    let end = lines.iter().rposition(|(_, l)| !l.trim().is_empty());
    let (Some(start), Some(end)) = (start, end) else {
        return;
    };
    let kept = &lines[start..=end];
    let text: Vec<&str> = kept.iter().map(|(_, l)| *l).collect();
    draft.set_section_text(section, &text.join("\n"));
    report
        .text_lines
        .insert(section.to_string(), kept.iter().map(|(n, _)| *n).collect());
}

fn place_rows(
    format: &Format,
    table: &crate::format::Table,
    reader: &TableReader,
    draft: &mut Draft,
    report: &mut ImportReport,
    stated: &mut Vec<(CellRef, String)>,
) {
    let computed = computed_cells(format);
    let mut seen = std::collections::HashSet::new();
    for row in &reader.rows {
        let label = format
            .row(&table.id, &row.row)
            .map(|r| r.node.label.clone())
            .unwrap_or_default();
        // Grid parts repeat a row once per part, each with other columns.
        let first_time = seen.insert((row.row.clone(), row.part));
        if !first_time {
            report.problems.push(problem(
                Severity::Warning,
                "import.duplicate-row",
                Location::row(format, &table.id, &row.row).at_line(row.line),
                Localized::from_template(|s| s.duplicate_row, &[("row", &label)]),
            ));
            continue;
        }
        report
            .row_lines
            .entry((table.id.clone(), row.row.clone()))
            .or_insert(row.line);
        if row.surplus > 0 {
            let expected = table
                .block_of_row(&row.row)
                .map_or(0, |b| b.leaf_columns().len());
            report.problems.push(problem(
                Severity::Error,
                "import.surplus-values",
                Location::row(format, &table.id, &row.row).at_line(row.line),
                Localized::from_template(
                    |s| s.values_dropped,
                    &[
                        ("row", &label),
                        ("found", &(row.values.len() + row.surplus).to_string()),
                        ("expected", &expected.to_string()),
                    ],
                ),
            ));
        }
        for (index, text) in &row.values {
            let Some(cell) = reader.cell(&row.row, *index) else {
                continue;
            };
            if !format.cell_exists(&cell) {
                unplaced(report, row.line, text);
                continue;
            }
            let is_group = format
                .row(&cell.table, &cell.row)
                .is_some_and(|r| r.node.is_group());
            if computed.contains(&cell) || is_group {
                stated.push((cell.clone(), text.clone()));
            } else {
                draft.set_cell(format, &cell, text);
            }
            report.placed.push(Placed {
                table: cell.table.clone(),
                row: cell.row.clone(),
                column: cell.col.clone(),
                value: text.clone(),
                line: row.line,
            });
        }
    }
}

/// Totals a report printed are kept only where they differ from what the rows add up to (so
/// the check reports them); subtotal rows are always kept (the check verifies them).
fn keep_differing_totals(
    format: &Format,
    draft: &mut Draft,
    stated: Vec<(CellRef, String)>,
    opts: &ImportOptions,
) {
    let today = opts.now.date_naive();
    let eval = evaluate(format, draft, Stage::Drafting, today);
    for (cell, text) in stated {
        let state = eval.cells.get(&cell);
        let computed = state.and_then(|s| s.computed);
        let typed = format
            .cell_type(&cell)
            .and_then(|ty| crate::value::parse(&text, ty).ok());
        let is_group = format
            .row(&cell.table, &cell.row)
            .is_some_and(|r| r.node.is_group());
        if is_group || typed.is_none() || typed != computed {
            draft.set_cell(format, &cell, &text);
        }
    }
}

fn report_missing(format: &Format, headings: &[(usize, usize)], report: &mut ImportReport) {
    for (si, section) in format.sections.iter().enumerate() {
        let found = headings.iter().find(|h| h.1 == si).map(|h| h.0 + 1);
        report.sections.push(Found {
            id: section.id.clone(),
            label: section.heading.clone(),
            line: found,
        });
        if found.is_none() {
            report.problems.push(problem(
                Severity::Error,
                "import.missing-section",
                Location::section(format, &section.id),
                Localized::from_template(|s| s.missing_section, &[("heading", &section.heading)]),
            ));
        }
        let Some(table) = section.table.as_deref().and_then(|t| format.table(t)) else {
            continue;
        };
        let table_line = report
            .tables
            .iter()
            .find(|t| t.id == table.id)
            .and_then(|t| t.line);
        if table_line.is_none() {
            if !report.tables.iter().any(|t| t.id == table.id) {
                report.tables.push(Found {
                    id: table.id.clone(),
                    label: section.heading.clone(),
                    line: None,
                });
            }
            let mut loc = Location::section(format, &section.id);
            loc.table = Some(table.id.clone());
            report.problems.push(problem(
                Severity::Error,
                "import.missing-table",
                loc,
                Localized::from_template(|s| s.missing_table, &[("heading", &section.heading)]),
            ));
            continue;
        }
        for block in &table.blocks {
            for row in block.data_rows() {
                if !report
                    .row_lines
                    .contains_key(&(table.id.clone(), row.id.clone()))
                {
                    report.problems.push(problem(
                        Severity::Error,
                        "import.missing-row",
                        Location::row(format, &table.id, &row.id),
                        Localized::from_template(|s| s.missing_row, &[("row", &row.label)]),
                    ));
                }
            }
        }
    }
}

fn unplaced(report: &mut ImportReport, line: usize, text: &str) {
    report.unplaced.push(Unplaced {
        line,
        text: text.to_string(),
    });
    let shown: String = text.trim().chars().take(60).collect();
    report.problems.push(problem(
        Severity::Warning,
        "import.unplaced",
        Location::report("").at_line(line),
        Localized::from_template(|s| s.unplaced_line, &[("text", &shown)]),
    ));
}

fn problem(severity: Severity, code: &str, location: Location, message: Localized) -> Diagnostic {
    Diagnostic {
        severity,
        code: code.to_string(),
        location,
        message,
    }
}

#[cfg(test)]
mod tests;
