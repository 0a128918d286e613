//! Text export of a draft: the title, the preamble (when written), the six headings in order,
//! each section's text and each table under its section with every official row and column
//! label, and the closing signature (when written).

mod canvas;
pub mod docx;
mod grid;
pub mod html;
pub mod json;
mod kind;
pub mod markdown;
mod tsv;
mod write;

pub use kind::{ExportKind, file_name_for};
pub use write::{ExportWriteError, PRIVATE_MODE, export_file_name, write_export};

use crate::draft::Draft;
use crate::format::{BlockLayout, Format};
use crate::rules::Evaluation;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableStyle {
    /// Box drawing, aligned by display width; for reading and printing.
    #[default]
    Grid,
    /// Tab-separated; pastes into Word, WPS or a website editor as a table.
    Tsv,
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub style: TableStyle,
    /// Display columns a `grid` table may take (wider tables are split into parts).
    pub width: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            style: TableStyle::Grid,
            width: 100,
        }
    }
}

/// The whole report as text (UTF-8, LF line endings, one trailing newline).
pub fn render(format: &Format, draft: &Draft, eval: &Evaluation, opts: Options) -> String {
    let mut out: Vec<String> = vec![draft.title(format), String::new()];
    if let Some(id) = format.preamble_id() {
        let text = trim_blank_lines(draft.section_text(id));
        if !text.is_empty() {
            out.extend(text.lines().map(str::to_string));
            out.push(String::new());
        }
    }
    for section in &format.sections {
        out.push(section.heading.clone());
        out.push(String::new());
        let text = trim_blank_lines(draft.section_text(&section.id));
        if !text.is_empty() {
            out.extend(text.lines().map(str::to_string));
            out.push(String::new());
        }
        if let Some(table) = section.table.as_deref().and_then(|t| format.table(t)) {
            for layout in BlockLayout::of_table(table) {
                out.extend(render_block(&layout, eval, opts));
                // Tab-separated blocks of one table stay together, so they paste as one table.
                if opts.style == TableStyle::Tsv {
                    out.pop();
                }
            }
            if opts.style == TableStyle::Tsv {
                out.push(String::new());
            }
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    if let Some(id) = format.signature_id() {
        let lines: Vec<&str> = draft
            .section_text(id)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            out.push(String::new());
            out.extend(lines.iter().map(|l| l.to_string()));
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    // Control characters and escape sequences from a draft's text never reach an export raw.
    crate::sanitize::text(&text).into_owned()
}

/// One block of a table (with its caption) in the chosen style, followed by a blank line.
pub fn render_block(layout: &BlockLayout, eval: &Evaluation, opts: Options) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(caption) = &layout.block.caption {
        out.push(caption.clone());
    }
    match opts.style {
        TableStyle::Tsv => out.extend(tsv::render_block(layout, eval)),
        TableStyle::Grid => {
            for (i, part) in grid::render_block(layout, eval, opts.width)
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    out.push(String::new());
                }
                out.extend(part);
            }
        }
    }
    out.push(String::new());
    out
}

/// Section text without leading or trailing blank lines.
fn trim_blank_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

#[cfg(test)]
mod tests;
