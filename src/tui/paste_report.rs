//! The status-line report of a paste into a grid: what was filled, and everything the paste
//! left alone, could not place or found inconsistent (see `crate::paste`).

use super::strings::UiStrings;
use crate::format::{CellRef, Format};
use crate::i18n::fill;
use crate::paste::{Mismatch, PasteError, Plan};
use crate::rules::Location;

/// Why a paste changed nothing.
pub fn refusal(e: &PasteError, s: &UiStrings) -> String {
    match e {
        PasteError::TooWide {
            width,
            room,
            row: None,
        } => fill(
            s.paste_too_wide,
            &[("width", &width.to_string()), ("room", &room.to_string())],
        ),
        PasteError::TooWide {
            width,
            room,
            row: Some(row),
        } => fill(
            s.paste_too_wide_row,
            &[
                ("width", &width.to_string()),
                ("room", &room.to_string()),
                ("row", row),
            ],
        ),
        PasteError::TooTall { height, room } => fill(
            s.paste_too_tall,
            &[("height", &height.to_string()), ("room", &room.to_string())],
        ),
        PasteError::Ambiguous { paired, as_typed } => fill(
            s.paste_ambiguous,
            &[
                ("paired", &paired.to_string()),
                ("as_typed", &as_typed.to_string()),
            ],
        ),
        PasteError::Empty | PasteError::NoTable(_) => s.paste_empty.to_string(),
    }
}

/// What a paste did; `kept` counts blank cells of the block whose cell kept a value.
pub fn summary(
    format: &Format,
    table: &str,
    plan: &Plan,
    mismatches: &[Mismatch],
    kept: usize,
    s: &UiStrings,
) -> String {
    let (rows, cols) = match &plan.span {
        Some((first, last)) => span_names(format, first, last, s),
        None => (String::new(), String::new()),
    };
    let count = plan.writes.len().to_string();
    let mut out = if rows.is_empty() {
        fill(s.paste_summary_cols, &[("cols", &cols), ("count", &count)])
    } else {
        fill(
            s.paste_summary,
            &[("rows", &rows), ("cols", &cols), ("count", &count)],
        )
    };
    let mut clause = |template: &str, n: usize| {
        if n > 0 {
            out.push_str(&fill(template, &[("count", &n.to_string())]));
        }
    };
    clause(s.paste_header, plan.header_rows);
    clause(s.paste_empty_rows, plan.empty_rows);
    clause(s.paste_blanks_kept, kept);
    clause(s.paste_totals_ok, plan.totals.len() - mismatches.len());
    if plan.labelled {
        out.push_str(s.paste_labelled);
    }
    if plan.doubled {
        out.push_str(s.paste_doubled);
    }
    let list = |items: Vec<String>| items.join(s.paste_list_sep);
    let cell = |c: &CellRef| Location::cell_text(format, c);
    if !mismatches.is_empty() {
        let items = mismatches
            .iter()
            .map(|m| {
                let computed = m.computed.as_deref().unwrap_or(s.blank);
                fill(
                    s.paste_mismatch_item,
                    &[
                        ("location", &cell(&m.cell)),
                        ("pasted", &m.pasted),
                        ("computed", computed),
                    ],
                )
            })
            .collect();
        out.push_str(&fill(s.paste_mismatch, &[("list", &list(items))]));
    }
    if !plan.invalid.is_empty() {
        let items = plan
            .invalid
            .iter()
            .map(|(c, v)| {
                let value = crate::sanitize::visible(v);
                fill(
                    s.paste_invalid_item,
                    &[("location", &cell(c)), ("value", &value)],
                )
            })
            .collect();
        out.push_str(&fill(s.paste_invalid, &[("list", &list(items))]));
    }
    if !plan.unknown_rows.is_empty() {
        let items = plan
            .unknown_rows
            .iter()
            .map(|t| match t.as_str() {
                "" => s.paste_no_label.to_string(),
                t => crate::sanitize::visible(t).into_owned(),
            })
            .collect();
        out.push_str(&fill(s.paste_unknown_rows, &[("list", &list(items))]));
    }
    if !plan.group_rows.is_empty() {
        let items = plan
            .group_rows
            .iter()
            .map(|r| row_name(format, table, r))
            .collect();
        out.push_str(&fill(s.paste_group_rows, &[("list", &list(items))]));
    }
    out
}

/// `三、（一）予以公开 至 四、结转下年度继续办理` and `自然人 至 总计`: the section number once.
fn span_names(format: &Format, first: &CellRef, last: &CellRef, s: &UiStrings) -> (String, String) {
    let range = |a: String, b: String| {
        if a == b {
            a
        } else {
            fill(s.paste_range, &[("first", &a), ("last", &b)])
        }
    };
    let number = format
        .table(&first.table)
        .and_then(|t| format.table_section(t))
        .map(|sec| format!("{}、", sec.number))
        .unwrap_or_default();
    let bare = |text: String| {
        text.strip_prefix(&number)
            .map(str::to_string)
            .unwrap_or(text)
    };
    let col = |c: &CellRef| bare(Location::column(format, c).text);
    let cols = range(col(first), col(last));
    let first_row = bare(row_name(format, &first.table, &first.row));
    if first_row.is_empty() {
        // A table without row labels (四): the columns carry the section number.
        return (String::new(), format!("{number}{cols}"));
    }
    let rows = range(first_row, bare(row_name(format, &last.table, &last.row)));
    (format!("{number}{rows}"), cols)
}

fn row_name(format: &Format, table: &str, row: &str) -> String {
    Location::row(format, table, row).text
}
