//! The summary as CSV for Excel and WPS: UTF-8 with a byte-order mark (without it Excel on
//! Windows reads the Chinese as GBK), CRLF line ends, the reports first, then a blank line
//! and every diagnostic.

use super::{Cell, Summary};

pub fn to_csv(summary: &Summary) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    line(
        &mut out,
        summary.report_headings().into_iter().map(Cell::Text),
    );
    for e in summary.entries {
        line(&mut out, summary.report_row(e));
    }
    out.push_str("\r\n");
    line(
        &mut out,
        summary.finding_headings().into_iter().map(Cell::Text),
    );
    for row in summary.finding_rows() {
        line(&mut out, row);
    }
    out.into_bytes()
}

fn line(out: &mut String, cells: impl IntoIterator<Item = Cell>) {
    let fields: Vec<String> = cells.into_iter().map(|c| field(&c)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// One field, quoted when it holds a separator, a quote or a line break. Text that a
/// spreadsheet would take for a formula (`=…`, `+…`, `-…`, `@…`) is kept text with a leading
/// `'`: a file name or a message from a report must never run in the supervisor's Excel.
fn field(cell: &Cell) -> String {
    let text = match cell {
        Cell::Text(t) if t.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{t}"),
        other => other.as_text(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}
