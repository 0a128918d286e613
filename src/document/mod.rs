//! The finished report as a document: title, the optional preamble, the six sections with
//! their paragraphs, the optional closing signature, the
//! tables with merged header cells and body rows, and the metadata that traces a copy back to
//! its draft. Every renderer (HTML, Markdown, JSON) draws from this one model; the model draws
//! every label and table shape from the format asset.

mod hash;
mod table;

pub use hash::{content_hash, fnv1a};
pub use table::{DocBlock, DocCell, DocColumn, DocHeaderCell, DocRow, DocTable};

use crate::draft::Draft;
use crate::format::{Format, Severity};
use crate::rules::{Diagnostic, Evaluation};
use serde::Serialize;

/// Where a copy comes from and whether it passed the check.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Metadata {
    pub draft_id: String,
    pub revision: u64,
    /// [`content_hash`] of the draft: the same content gives the same hash on every run.
    pub content_hash: String,
    pub agency: String,
    pub year: i32,
    /// `department` or `government`.
    pub kind: &'static str,
    pub format_id: String,
    /// No error in the diagnostics the document was built with.
    pub passed_check: bool,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocSection {
    pub id: String,
    pub heading: String,
    /// The section's lines, each one paragraph; an empty one is a blank line the author left
    /// between paragraphs (kept, so that an export reads back to the same text). None leads
    /// or trails.
    pub paragraphs: Vec<String>,
    pub table: Option<DocTable>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub meta: Metadata,
    /// The preamble: paragraphs between the title and the first section (编制依据, 统计期限,
    /// 联系方式), one per line as in [`DocSection::paragraphs`]; empty when none was written.
    /// Rendered as body paragraphs right after the title.
    pub preamble: Vec<String>,
    pub sections: Vec<DocSection>,
    /// The closing signature: its lines (usually the agency's name, then the date such as
    /// `2025年1月20日`), blank lines dropped; empty when none was written. Rendered after the
    /// last section, each line on its own, right-aligned where the output can align.
    pub signature: Vec<String>,
    /// The check's findings, for the renderers that carry them (JSON).
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// The document of `draft`; `diagnostics` are the check's findings (those of `eval`, or
    /// more for a report read from text), which decide [`Metadata::passed_check`].
    pub fn build(
        format: &Format,
        draft: &Draft,
        eval: &Evaluation,
        diagnostics: &[Diagnostic],
    ) -> Document {
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        let errors = count(Severity::Error);
        let meta = Metadata {
            draft_id: draft.id.clone(),
            revision: draft.revision,
            content_hash: content_hash(draft),
            agency: clean(&draft.agency),
            year: draft.year,
            kind: draft.agency_kind.as_str(),
            format_id: format.id.clone(),
            passed_check: errors == 0,
            errors,
            warnings: count(Severity::Warning),
        };
        let sections = format
            .sections
            .iter()
            .map(|s| DocSection {
                id: s.id.clone(),
                heading: s.heading.clone(),
                paragraphs: paragraphs(draft.section_text(&s.id)),
                table: s
                    .table
                    .as_deref()
                    .and_then(|t| format.table(t))
                    .map(|t| DocTable::build(t, eval)),
            })
            .collect();
        let part = |id: Option<&str>| id.map(|id| paragraphs(draft.section_text(id)));
        Document {
            title: clean(&draft.title(format)),
            meta,
            preamble: part(format.preamble_id()).unwrap_or_default(),
            sections,
            signature: part(format.signature_id())
                .unwrap_or_default()
                .into_iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.trim().to_string())
                .collect(),
            diagnostics: diagnostics.to_vec(),
        }
    }

    /// Every table of the document, in order.
    pub fn tables(&self) -> impl Iterator<Item = &DocTable> {
        self.sections.iter().filter_map(|s| s.table.as_ref())
    }
}

fn paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<String> = text.lines().map(|l| clean(l.trim_end())).collect();
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines[s..=e]
            .iter()
            .map(|l| {
                if l.trim().is_empty() {
                    String::new()
                } else {
                    l.clone()
                }
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Control characters and escape sequences from a draft never reach an export raw.
fn clean(text: &str) -> String {
    crate::sanitize::text(text).into_owned()
}

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;
