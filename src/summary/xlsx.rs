//! The summary as a workbook (rust_xlsxwriter): a sheet of reports and a sheet of every
//! diagnostic, each with its header row frozen, filters on, numbers as numbers and columns
//! wide enough for their Chinese text.

use super::{Cell, Summary, SummaryError};
use crate::textwidth::width;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// Widest a column grows (in Excel's character units); longer text wraps.
const MAX_WIDTH: usize = 60;

pub fn to_xlsx(summary: &Summary) -> Result<Vec<u8>, SummaryError> {
    build(summary).map_err(|e| SummaryError::Xlsx(e.to_string()))
}

fn build(summary: &Summary) -> Result<Vec<u8>, XlsxError> {
    let s = summary.lang.strings();
    let mut book = Workbook::new();
    let rows: Vec<Vec<Cell>> = summary
        .entries
        .iter()
        .map(|e| summary.report_row(e))
        .collect();
    sheet(
        book.add_worksheet(),
        s.summary_reports_sheet,
        &summary.report_headings(),
        &rows,
    )?;
    sheet(
        book.add_worksheet(),
        s.summary_findings_sheet,
        &summary.finding_headings(),
        &summary.finding_rows(),
    )?;
    // Deflate level 3, as Excel itself saves: a third less compressing than the default 6
    // (the largest part of saving a folder's workbook, all of it after the last report is
    // checked) for a file about 7 % larger.
    book.set_zip_compression_level(3);
    book.save_to_buffer()
}

fn sheet(
    ws: &mut Worksheet,
    name: &str,
    headings: &[String],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let bold = Format::new().set_bold().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut widths: Vec<usize> = headings.iter().map(|h| width(h)).collect();
    for (c, h) in headings.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    // A column of text only is wrapped as a column: its cells then need no format of their own
    // (rust_xlsxwriter looks a cell's format up by hashing all of it, cell by cell) and are
    // written with the column's. A text cell in a column that also holds numbers keeps its own.
    let mut has_number = vec![false; headings.len()];
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            if matches!(cell, Cell::Number(_))
                && let Some(slot) = has_number.get_mut(c)
            {
                *slot = true;
            }
        }
    }
    let mut has_text = vec![false; headings.len()];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let w = match cell {
                Cell::Number(n) => {
                    ws.write_number(r, col, *n)?;
                    width(&super::format_number(*n))
                }
                Cell::Text(t) => {
                    // write_string: text stays text (a message starting with `=` is no formula).
                    if has_number.get(c).copied().unwrap_or(true) {
                        ws.write_string_with_format(r, col, t, &wrap)?;
                    } else {
                        ws.write_string(r, col, t)?;
                        has_text[c] = true;
                    }
                    t.lines().map(width).max().unwrap_or(0)
                }
                Cell::Empty => 0,
            };
            if let Some(slot) = widths.get_mut(c) {
                *slot = (*slot).max(w);
            }
        }
    }
    for (c, _) in has_text.iter().enumerate().filter(|(_, t)| **t) {
        ws.set_column_format(c as u16, &wrap)?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(4, MAX_WIDTH) as f64 + 1.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = headings.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len() as u32, last_col)?;
    Ok(())
}
