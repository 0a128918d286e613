//! Reading a report from text: the title (agency, year), the preamble after it, the six
//! headings, each section's text and each table's rows by their labels, the closing signature
//! after the last section (`signature`). Everything that could not be placed goes into the
//! import report with its line number; nothing is silently dropped.
//!
//! The pipeline is: decode (`decode`; a saved web page to text by `html`) → lines →
//! headings, also inside long lines of web text (`segment`) → the preamble's title
//! (`preamble`) → per section, its text and its table: our own box grids by
//! `table::TableReader`, clean tab-separated rows by the same reader (`tabbed`, a shortcut that
//! reads exactly what the stream reader would), every other layout by `stream` (labels found
//! in the text, runs of numbers aligned to them, glued digits cut by `split`) → placement into
//! a draft, with what the report must say about it (`notes`). Label variants are data
//! (`variants`).

mod columns;
mod damage;
mod decode;
pub mod docx;
mod embedded_html;
mod flattened;
mod groups;
mod html;
mod html_depth;
mod labels;
mod markdown;
mod narrative;
mod notes;
pub mod pdf;
mod preamble;
mod prepared;
mod reflow;
mod report;
mod segment;
mod signature;
mod split;
mod stream;
mod tabbed;
mod table;
mod title;
mod tokens;
mod values;
mod variants;

pub use decode::{decode, decode_as, decode_owned, encoding_for_label};
pub use groups::single_row_group_sums;
pub use labels::normalize as normalize_label;
pub use notes::kind_from_name;
pub use report::{Found, ImportReport, Placed, PlacedValues, Unplaced};
pub use stream::rows_named;
pub use title::read_title;

use crate::draft::{AgencyKind, Draft};
use crate::format::{CellId, Format, Severity};
use crate::i18n::Localized;
use crate::rules::{Computed, Diagnostic, Location, computed_with_ids};
use chrono::{DateTime, FixedOffset};
use notes::{infer_kind, note_problem, report_2019_words, report_single_row_groups};
use preamble::read_preamble;
use rustc_hash::FxHashSet;
use table::LineKind;

/// The name of a format variant the import recognised (`ImportReport::format_variant`), in
/// the user's language.
pub fn variant_name(name: &str, lang: crate::i18n::Lang) -> String {
    let v = &variants::get().format_2019;
    if lang == crate::i18n::Lang::En && name == v.name {
        v.name_en.clone()
    } else {
        name.to_string()
    }
}

pub struct ImportOptions {
    pub id: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    /// The kind of report, when the user says; else read from the title (an agency named
    /// …人民政府 is a government's own report), a department's by default.
    pub kind: Option<AgencyKind>,
    pub now: DateTime<FixedOffset>,
}

pub struct ImportOutcome {
    pub draft: Draft,
    pub report: ImportReport,
}

/// Imports a report already decoded to text (plain text or a saved web page). `encoding` is
/// recorded in the report.
pub fn import_text(
    format: &Format,
    text: &str,
    encoding: &str,
    opts: &ImportOptions,
) -> ImportOutcome {
    import_computed(format, text, encoding, opts).0
}

/// [`import_text`], with the draft's cells as [`computed`] (which the import needed for the
/// totals it keeps): the check of the draft as imported starts from them.
pub fn import_computed(
    format: &Format,
    text: &str,
    encoding: &str,
    opts: &ImportOptions,
) -> (ImportOutcome, Computed) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut too_deep = None;
    // Borrowed unless a page's text or line ends must be made: the lines are copied anyway.
    let (text, encoding): (std::borrow::Cow<str>, String) = if html::looks_like_html(text) {
        let page = html::to_text(text);
        too_deep = page.too_deep;
        (page.text.into(), format!("{encoding} (HTML)"))
    } else if let Some(inlined) = embedded_html::inline_tables(text) {
        // A converter's Markdown with its tables in HTML: each table read as a page's.
        (inlined.into(), encoding.to_string())
    } else {
        (text.into(), encoding.to_string())
    };
    // Most files have no CR at all: no copy then.
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text
    };
    // memchr's SIMD search for the line ends (std's split walks a word at a time).
    let mut raw: Vec<(usize, String)> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
        raw.push((raw.len() + 1, text[start..end].to_string()));
        start = end + 1;
    }
    if raw.last().is_some_and(|(_, l)| l.is_empty()) {
        raw.pop();
    }
    let mut header_rows = Vec::new();
    // Whether the lines are still the text's own, as cut from it.
    let mut verbatim = true;
    if markdown::may_be_markdown(&text) && markdown::looks_like_markdown(&raw) {
        verbatim = false;
        for (_, l) in raw.iter_mut() {
            *l = markdown::unmark(l);
        }
        // A pipe table's header row (`| 类别 | 数据1 |`, repeated at each page) holds no value.
        (raw, header_rows) = markdown::take_header_rows(raw);
    } else if flattened::may_be_flattened(&text) && flattened::looks_flattened(&raw) {
        // A crawler's one cell per line, bars kept: each row on one line again.
        raw = flattened::rejoin(raw);
        verbatim = false;
    }
    let mut draft = Draft::new(
        &opts.id,
        format,
        "",
        opts.kind.unwrap_or(AgencyKind::Department),
        0,
        opts.now,
    );
    let mut report = ImportReport {
        format: format.id.clone(),
        encoding,
        placed: PlacedValues::new(format.compiled().clone()),
        row_lines: report::RowLines::new(format.compiled().clone()),
        ..ImportReport::default()
    };
    if let Some(depth) = too_deep {
        damage::report_too_deep(depth, &mut report);
    }
    // Lines are searched for damage only in a text that holds some.
    if memchr::memmem::find(text.as_bytes(), "\u{FFFD}".as_bytes()).is_some() {
        damage::report_bad_bytes(&raw, &mut report);
    }
    for (line, text) in header_rows {
        report.ignored.push(Unplaced { line, text });
    }
    let (lines, headings) = segment::headings(format, raw, verbatim.then_some(&*text));
    let first_heading = headings
        .iter()
        .map(|h| h.index)
        .min()
        .unwrap_or(lines.len());
    read_preamble(
        format,
        &lines[..first_heading],
        opts,
        &mut draft,
        &mut report,
    );
    let mut starts: Vec<&segment::Heading> = headings.iter().collect();
    starts.sort_by_key(|h| h.index);

    let mut stated: Vec<(CellId, String)> = Vec::new();
    let mut cells: Vec<(CellId, String)> = Vec::new();
    for (k, h) in starts.iter().enumerate() {
        let (start, si) = (h.index, h.section);
        let section = &format.sections[si];
        if let Some(printed) = &h.variant {
            report.problems.push(problem(
                Severity::Warning,
                "import.heading-variant",
                Location::section(format, &section.id).at_line(lines[start].0),
                Localized::from_template(
                    |s| s.import_heading_variant,
                    &[("printed", printed), ("heading", &section.heading)],
                ),
            ));
        }
        if let Some(printed) = &h.renumbered {
            report.problems.push(problem(
                Severity::Warning,
                "import.heading-numbering",
                Location::section(format, &section.id).at_line(lines[start].0),
                Localized::from_template(
                    |s| s.import_heading_numbering,
                    &[("printed", printed), ("heading", &section.heading)],
                ),
            ));
        }
        let end = starts.get(k + 1).map_or(lines.len(), |h| h.index);
        // The section's lines as they are, unless page footers stand among them (a PDF's).
        let section_lines = &lines[start + 1..end];
        let body: std::borrow::Cow<[(usize, String)]> = if section_lines
            .iter()
            .any(|(_, l)| segment::is_page_footer(l))
        {
            let mut body = Vec::with_capacity(section_lines.len());
            for (n, l) in section_lines {
                if segment::is_page_footer(l) {
                    report.ignored.push(Unplaced {
                        line: *n,
                        text: l.clone(),
                    });
                } else {
                    body.push((*n, l.clone()));
                }
            }
            body.into()
        } else {
            section_lines.into()
        };
        let mut text_lines: Vec<(usize, &str)> = Vec::new();
        match section.table.as_deref().and_then(|t| format.table(t)) {
            None => text_lines = body.iter().map(|(n, l)| (*n, l.as_str())).collect(),
            Some(table) => {
                // Our own grids print the format's columns; other layouts' headers may not.
                let rows = if body.iter().any(|(_, l)| is_box_line(l)) {
                    read_grid(format, table, &body, &mut text_lines, &mut report)
                } else if let Some(mut read) = tabbed::read(format, table, &body) {
                    table_lines(&body, &read.kinds, false, &mut text_lines, &mut report);
                    columns::by_header(format, table, &read.headers, &mut read.rows, &mut report);
                    read.rows
                } else {
                    read_stream(format, table, &body, &lines, &mut text_lines, &mut report)
                };
                let old_columns = report_2019_words(format, &section.id, &body, &mut report)
                    && variants::get()
                        .format_2019
                        .tables_differ
                        .contains(&table.id);
                let rows = if old_columns {
                    // Same row names, other columns: a number placed would be in the wrong cell.
                    for r in &rows {
                        if let Some((n, l)) = body.iter().find(|(n, _)| *n == r.line) {
                            unplaced(&mut report, *n, l);
                        }
                    }
                    Vec::new()
                } else {
                    rows
                };
                // Asked only of a table with amounts a smaller unit may stand for.
                let announced = prepared::prepared(format)
                    .amounts(format, table)
                    .then(|| values::announced_unit(&body))
                    .flatten();
                let placing = Placing {
                    table,
                    announced,
                    rows: &rows,
                };
                place_rows(format, &placing, &mut cells, &mut report, &mut stated);
                report_single_row_groups(format, table, &rows, &mut report);
                report.tables.push(Found {
                    id: table.id.clone(),
                    label: section.heading.clone(),
                    line: rows.iter().map(|r| r.line).min(),
                });
            }
        }
        if k + 1 == starts.len()
            && let Some(id) = format.signature_id()
        {
            // The last section's text ends where a closing signature begins.
            let (keep, lines) = signature::split_signature(&text_lines, &draft.agency);
            if !lines.is_empty() {
                let signed: Vec<(usize, &str)> = text_lines[keep..]
                    .iter()
                    .copied()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .collect();
                draft.put_section_text(id, lines.join("\n"));
                if let Some(part) = &format.signature {
                    report.parts.push(Found {
                        id: part.id.clone(),
                        label: part.label.clone(),
                        line: signed.first().map(|(n, _)| *n),
                    });
                }
                report
                    .text_lines
                    .insert(id.to_string(), signed.iter().map(|(n, _)| *n).collect());
                text_lines.truncate(keep);
            }
        }
        set_text(&mut draft, &mut report, &section.id, &text_lines);
    }
    reflow_sections(format, &mut draft, &mut report);
    values::report_zero_cells(format, &mut report);

    let ids = draft.set_cells_id(format.compiled(), cells);
    let cells_computed = keep_differing_totals(format, &mut draft, stated, ids.as_deref());
    let found: Vec<(usize, usize)> = headings
        .iter()
        .map(|h| (lines[h.index].0, h.section))
        .collect();
    report_missing(format, &found, &mut report);
    preamble::year_elsewhere(format, &lines, opts, &mut draft, &mut report);
    infer_kind(opts, &mut draft, &mut report);
    report.agency = Some(draft.agency.clone()).filter(|a| !a.is_empty());
    report.year = Some(draft.year).filter(|y| *y != 0);
    report.kind = Some(draft.agency_kind.as_str().to_string());
    (ImportOutcome { draft, report }, cells_computed)
}

/// Lines up to this long are reported whole when part of them could not be placed.
const WHOLE_LINE: usize = 200;

/// A line of a box-drawing grid (our own `grid` export).
fn is_box_line(l: &str) -> bool {
    l.trim_start().starts_with(['┌', '│', '├', '└', '╞'])
}

/// Our own box grids: read by [`TableReader`], which knows their parts and wrapped cells.
fn read_grid<'a>(
    format: &Format,
    table: &crate::format::Table,
    body: &'a [(usize, String)],
    text_lines: &mut Vec<(usize, &'a str)>,
    report: &mut ImportReport,
) -> Vec<table::RowRead> {
    let (kinds, rows) = table::reading(format, table, |reader| {
        let kinds: Vec<LineKind> = body.iter().map(|(n, l)| reader.line(*n, l)).collect();
        (kinds, std::mem::take(&mut reader.rows))
    });
    table_lines(body, &kinds, true, text_lines, report);
    rows
}

/// The section's text from the lines a [`TableReader`] did not take (before and after the
/// table); a line inside the table that was no part of it is reported. A grid's own note
/// that it is drawn in parts is neither.
fn table_lines<'a>(
    body: &'a [(usize, String)],
    kinds: &[LineKind],
    grid: bool,
    text_lines: &mut Vec<(usize, &'a str)>,
    report: &mut ImportReport,
) {
    let first_table = kinds.iter().position(|k| *k != LineKind::Text);
    let last_table = kinds.iter().rposition(|k| *k != LineKind::Text);
    for (i, ((n, l), kind)) in body.iter().zip(kinds).enumerate() {
        let outside = first_table.is_none_or(|f| i < f) || last_table.is_some_and(|last| i > last);
        match kind {
            // The export's own note that a wide table is drawn in parts.
            LineKind::Text if grid && crate::export::is_split_note(l) => {}
            LineKind::Text if outside => text_lines.push((*n, l)),
            LineKind::Text if l.trim().is_empty() => {}
            LineKind::Text | LineKind::Unplaced => unplaced(report, *n, l),
            LineKind::Table => {}
        }
    }
}

/// Every other layout: see [`stream`].
fn read_stream<'a>(
    format: &Format,
    table: &crate::format::Table,
    body: &'a [(usize, String)],
    text: &[(usize, String)],
    text_lines: &mut Vec<(usize, &'a str)>,
    report: &mut ImportReport,
) -> Vec<table::RowRead> {
    let read = stream::read(format, table, body, text);
    let first_table = read.table_lines.iter().position(|t| *t);
    let last_table = read.table_lines.iter().rposition(|t| *t);
    for (i, ((n, l), is_table)) in body.iter().zip(&read.table_lines).enumerate() {
        let outside = first_table.is_none_or(|f| i < f) || last_table.is_some_and(|last| i > last);
        if *is_table {
            continue;
        }
        if outside {
            text_lines.push((*n, l));
        } else if !l.trim().is_empty() {
            unplaced(report, *n, l);
        }
    }
    // A short line that could not be placed entirely is reported whole; a long line of web
    // text by the pieces that could not be placed.
    let mut reported: Vec<usize> = Vec::new();
    for (li, text) in &read.unplaced {
        let Some((n, line)) = body.get(*li) else {
            continue;
        };
        if read.table_lines.get(*li) != Some(&true) || reported.contains(li) {
            continue;
        }
        if line.chars().count() <= WHOLE_LINE {
            reported.push(*li);
            unplaced(report, *n, line);
        } else {
            unplaced(report, *n, text);
        }
    }
    for note in &read.notes {
        report.problems.push(note_problem(format, table, note));
        // The row's blank cells are explained by this problem.
        if let stream::Note::Ambiguous { row, .. }
        | stream::Note::NoSplit { row, .. }
        | stream::Note::Short { row, .. } = note
        {
            report.covered.insert((table.id.clone(), row.clone()));
        }
    }
    let mut rows = read.rows;
    columns::by_header(format, table, &read.headers, &mut rows, report);
    rows
}

/// An imported draft made ready for editing: its sections' texts without the characters an
/// editor hides and an export prints as `␌` or `<U+200B>` (a web page's zero-width spaces,
/// `pdftotext`'s page breaks). Tabs and line breaks stay, so every line keeps its number.
/// Not done for `check`, which reads a report as published and exports nothing.
pub fn ready_for_editing(draft: &mut Draft) {
    let keep = |c: char| matches!(c, '\t' | '\n' | '\r') || !crate::sanitize::is_unsafe(c);
    for text in draft.sections.values_mut() {
        if !text.chars().all(keep) {
            *text = text.chars().filter(|&c| keep(c)).collect();
        }
    }
}

pub(super) fn set_text(
    draft: &mut Draft,
    report: &mut ImportReport,
    section: &str,
    lines: &[(usize, &str)],
) {
    let start = lines.iter().position(|(_, l)| !l.trim().is_empty());
    let end = lines.iter().rposition(|(_, l)| !l.trim().is_empty());
    let (Some(start), Some(end)) = (start, end) else {
        return;
    };
    let kept = &lines[start..=end];
    let text: Vec<&str> = kept.iter().map(|(_, l)| *l).collect();
    draft.put_section_text(section, text.join("\n"));
    report
        .text_lines
        .insert(section.to_string(), kept.iter().map(|(n, _)| *n).collect());
}

/// Lines a PDF's layout broke are one paragraph again, in every section, at the width the
/// whole report was wrapped at (a two-line section cannot tell it alone); each paragraph
/// keeps its first line's number in the report.
fn reflow_sections(format: &Format, draft: &mut Draft, report: &mut ImportReport) {
    // Only a PDF's text: read from a PDF, or with its page footers. Text of any other kind
    // (a web page, our own export, a clerk's short lines) keeps every line as it is.
    let from_pdf = report.encoding.starts_with("PDF") || !report.ignored.is_empty();
    if !from_pdf {
        return;
    }
    // The six sections and the preamble (the signature's lines are lines of their own).
    let ids: Vec<&str> = format
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .chain(format.preamble_id())
        .collect();
    let all: Vec<String> = ids
        .iter()
        .flat_map(|id| draft.section_text(id).lines().map(str::to_string))
        .collect();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let Some(wrap) = reflow::wrap_width(&all) else {
        return;
    };
    for id in ids {
        let text = draft.section_text(id).to_string();
        let lines: Vec<&str> = text.lines().collect();
        let paragraphs = reflow::reflow(&lines, wrap);
        if paragraphs.len() == lines.len() {
            continue;
        }
        let joined: Vec<&str> = paragraphs.iter().map(|(_, l)| l.as_str()).collect();
        draft.put_section_text(id, joined.join("\n"));
        if let Some(numbers) = report.text_lines.get_mut(id) {
            *numbers = paragraphs
                .iter()
                .filter_map(|(i, _)| numbers.get(*i).copied())
                .collect();
        }
    }
}

/// One table's rows as read, to be placed.
struct Placing<'a> {
    table: &'a crate::format::Table,
    rows: &'a [table::RowRead],
    /// The smaller unit the table's section prints its amounts in (`单位：元`).
    announced: Option<&'static variants::SmallerUnit>,
}

fn place_rows(
    format: &Format,
    placing: &Placing,
    placed: &mut Vec<(CellId, String)>,
    report: &mut ImportReport,
    stated: &mut Vec<(CellId, String)>,
) {
    let Placing {
        table,
        rows,
        announced,
    } = placing;
    let compiled = format.compiled();
    let mut seen: FxHashSet<(&str, usize)> = FxHashSet::default();
    seen.reserve(rows.len());
    for row in rows.iter() {
        // Only a warning names the row: looked up then.
        let label = || {
            let row = format
                .row(&table.id, &row.row)
                .map(|r| r.node.label.clone());
            // Section 四's one row has no label: its section's heading names it.
            row.filter(|l| !l.is_empty())
                .or_else(|| format.section(&table.section).map(|s| s.heading.clone()))
                .unwrap_or_default()
        };
        // Grid parts repeat a row once per part, each with other columns.
        let first_time = seen.insert((&row.row, row.part));
        if !first_time {
            report.problems.push(problem(
                Severity::Warning,
                "import.duplicate-row",
                Location::row(format, &table.id, &row.row).at_line(row.line),
                Localized::from_template(|s| s.duplicate_row, &[("row", &label())]),
            ));
            continue;
        }
        // The row's cells, looked up once (not each value by its three names).
        let cells = compiled.row_cells(&table.id, &row.row);
        if let Some(cells) = &cells {
            report.row_lines.first(cells.row, row.line);
        }
        if row.surplus > 0 {
            let expected = cells.map_or(0, |c| c.columns.len());
            report.problems.push(problem(
                Severity::Error,
                "import.surplus-values",
                Location::row(format, &table.id, &row.row).at_line(row.line),
                Localized::from_template(
                    |s| s.values_dropped,
                    &[
                        ("row", &label()),
                        ("found", &(row.values.len() + row.surplus).to_string()),
                        ("expected", &expected.to_string()),
                    ],
                ),
            ));
        }
        // A row with more values than columns cannot be lined up (a number wrapped onto two
        // lines, a column the format lacks): a wrong number is worse than a blank.
        let Some(cells) = cells.filter(|_| row.surplus == 0) else {
            continue;
        };
        for (index, printed) in &row.values {
            if *index >= cells.columns.len() {
                continue;
            }
            // Looked up once: whether it exists, is a total or a group's, its key and type.
            let Some(id) = cells.id(*index) else {
                unplaced(report, row.line, printed);
                continue;
            };
            let cell = compiled.cell(id);
            let text = values::stored_value(format, cell, printed, row.line, *announced, report);
            report.placed.push(id, &text, row.line);
            if compiled.is_computed(id) || compiled.info(id).group {
                stated.push((id, text));
            } else {
                placed.push((id, text));
            }
        }
    }
}

/// Totals a report printed are kept only where they differ from what the rows add up to (so
/// the check reports them); subtotal rows are always kept (the check verifies them).
/// Returns the draft's cells as [`computed`], for the check.
fn keep_differing_totals(
    format: &Format,
    draft: &mut Draft,
    stated: Vec<(CellId, String)>,
    ids: Option<&[CellId]>,
) -> Computed {
    // Only the totals are needed, not the rules: the check evaluates those once, later.
    let mut values = computed_with_ids(format, draft, ids.unwrap_or_default());
    let compiled = format.compiled();
    let mut kept = Vec::new();
    for (id, text) in stated {
        let computed = values.by_id(id).and_then(|s| s.computed);
        let info = compiled.info(id);
        let typed = info
            .value_type
            .as_deref()
            .and_then(|ty| crate::value::parse(&text, ty).ok());
        if info.group || typed.is_none() || typed != computed {
            draft.set_cell_id(compiled, id, &text);
            kept.push(id);
        }
    }
    values.restate(format, draft, &kept);
    values
}

fn report_missing(format: &Format, headings: &[(usize, usize)], report: &mut ImportReport) {
    for (si, section) in format.sections.iter().enumerate() {
        let found = headings.iter().find(|h| h.1 == si).map(|h| h.0);
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
        // The table's rows explained otherwise (no key copied for each row asked).
        let covered: FxHashSet<&str> = report
            .covered
            .iter()
            .filter(|(t, _)| *t == table.id)
            .map(|(_, r)| r.as_str())
            .collect();
        for block in &table.blocks {
            for row in block.data_rows() {
                let read = report.row_lines.get(&table.id, &row.id).is_some();
                if !read && !covered.contains(row.id.as_str()) {
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
