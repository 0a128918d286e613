//! Text export of a draft: the title, the preamble (when written), the six headings in order,
//! each section's text and each table under its section with every official row and column
//! label, and the closing signature (when written). Drawn, as every other export, from
//! [`crate::document::Document`].

mod canvas;
pub mod docx;
mod grid;
pub mod html;
pub mod json;
mod kind;
pub mod markdown;
mod textfile;
mod tsv;
mod write;

pub use kind::{ExportKind, file_name_for};
pub use textfile::{LineEnding, TextEncoding, TextFile};
pub use write::{ExportWriteError, PRIVATE_MODE, export_file_name, write_export};

use crate::document::{DocBlock, Document};
use crate::draft::Draft;
use crate::format::Format;
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

/// Two full-width spaces: the first-line indent of a paragraph in a Chinese document.
pub const PARAGRAPH_INDENT: &str = "\u{3000}\u{3000}";

/// The whole report as text (UTF-8, LF line endings, one trailing newline), without the check's
/// verdict (see [`render_document`] for a forced export's mark).
pub fn render(format: &Format, draft: &Draft, eval: &Evaluation, opts: Options) -> String {
    render_document(&Document::build(format, draft, eval, &[]), opts, false)
}

/// The document as text. A document that did not pass the check opens with a mark saying so;
/// `indent` starts every paragraph with [`PARAGRAPH_INDENT`].
pub fn render_document(doc: &Document, opts: Options, indent: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    if !doc.meta.passed_check {
        out.push(html::unchecked_mark(doc.meta.errors));
        out.push(String::new());
    }
    out.push(doc.title.clone());
    out.push(String::new());
    let paragraph = |p: &String| {
        if indent && !p.trim().is_empty() {
            format!("{PARAGRAPH_INDENT}{}", p.trim_start())
        } else {
            p.clone()
        }
    };
    if !doc.preamble.is_empty() {
        out.extend(doc.preamble.iter().map(paragraph));
        out.push(String::new());
    }
    for section in &doc.sections {
        out.push(section.heading.clone());
        out.push(String::new());
        if !section.paragraphs.is_empty() {
            out.extend(section.paragraphs.iter().map(paragraph));
            out.push(String::new());
        }
        if let Some(table) = &section.table {
            for block in &table.blocks {
                out.extend(render_block(block, opts));
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
    if !doc.signature.is_empty() {
        out.push(String::new());
        out.extend(doc.signature.iter().cloned());
    }
    let mut text = out.join("\n");
    text.push('\n');
    // Control characters and escape sequences from a draft's text never reach an export raw.
    crate::sanitize::text(&text).into_owned()
}

/// The line above a `grid` table drawn in `parts` parts because it is wider than `width`
/// columns, so that a reader knows the parts are one table (shortened when the page is too
/// narrow for the whole sentence).
pub fn split_note(parts: usize, width: usize) -> String {
    let long = format!("{SPLIT_NOTE_START}本表较宽，分为 {parts} 部分排列{SPLIT_NOTE_END}");
    if crate::textwidth::width(&long) <= width {
        long
    } else {
        format!("{SPLIT_NOTE_START}分为 {parts} 部分{SPLIT_NOTE_END}")
    }
}

const SPLIT_NOTE_START: &str = "（";
const SPLIT_NOTE_END: &str = "）";

/// A line [`split_note`] wrote (the importer passes over it).
pub fn is_split_note(line: &str) -> bool {
    let Some(inner) = line
        .trim()
        .strip_prefix(SPLIT_NOTE_START)
        .and_then(|l| l.strip_suffix(SPLIT_NOTE_END))
    else {
        return false;
    };
    let inner = inner.strip_prefix("本表较宽，").unwrap_or(inner);
    inner
        .strip_prefix("分为 ")
        .and_then(|l| {
            l.strip_suffix(" 部分排列")
                .or_else(|| l.strip_suffix(" 部分"))
        })
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// One block of a table (with its caption) in the chosen style, followed by a blank line.
pub fn render_block(block: &DocBlock, opts: Options) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(caption) = &block.caption {
        out.push(caption.clone());
    }
    match opts.style {
        TableStyle::Tsv => out.extend(tsv::render_block(block)),
        TableStyle::Grid => {
            let parts = grid::render_block(block, opts.width);
            if parts.len() > 1 {
                out.push(split_note(parts.len(), opts.width));
            }
            for (i, part) in parts.into_iter().enumerate() {
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

#[cfg(test)]
mod tests;
