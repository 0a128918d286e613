//! Which file an export writes: text, a web page, Markdown or JSON, named by `--to` or read
//! from the output file's extension.

use super::docx::{self, DocxError};
use super::{Options, TextFile, html, json, markdown};
use crate::document::Document;
use crate::draft::Draft;
use crate::format::Format;
use crate::rules::{Diagnostic, Evaluation};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportKind {
    /// The text export (grid or tsv tables).
    #[default]
    Txt,
    Html,
    Markdown,
    Json,
    /// A Word document (bytes, not text).
    Docx,
}

impl ExportKind {
    /// The file name extension written for this kind.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Txt => "txt",
            ExportKind::Html => "html",
            ExportKind::Markdown => "md",
            ExportKind::Json => "json",
            ExportKind::Docx => "docx",
        }
    }

    /// The kind a file name's extension asks for; `None` for any other (text is the default).
    pub fn from_path(path: &Path) -> Option<ExportKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(ExportKind::Txt),
            "html" | "htm" => Some(ExportKind::Html),
            "md" | "markdown" => Some(ExportKind::Markdown),
            "json" => Some(ExportKind::Json),
            "docx" => Some(ExportKind::Docx),
            _ => None,
        }
    }

    /// The report in this kind, as the file's bytes (UTF-8, LF). `diagnostics` are the
    /// check's findings: the text, the page and the document mark a report that did not pass,
    /// JSON carries them.
    pub fn render(
        self,
        format: &Format,
        draft: &Draft,
        eval: &Evaluation,
        diagnostics: &[Diagnostic],
        opts: Options,
    ) -> Result<Vec<u8>, DocxError> {
        self.render_file(format, draft, eval, diagnostics, opts, TextFile::default())
    }

    /// [`Self::render`] written as `file` asks where it applies: the encoding to text and
    /// Markdown (a page declares `charset=utf-8` and JSON is UTF-8 by its standard), the line
    /// ending to every kind but DOCX, the paragraph indent to text.
    pub fn render_file(
        self,
        format: &Format,
        draft: &Draft,
        eval: &Evaluation,
        diagnostics: &[Diagnostic],
        opts: Options,
        file: TextFile,
    ) -> Result<Vec<u8>, DocxError> {
        let doc = Document::build(format, draft, eval, diagnostics);
        let utf8 = TextFile {
            encoding: super::TextEncoding::Utf8,
            ..file
        };
        Ok(match self {
            ExportKind::Txt => file.encode(&super::render_document(&doc, opts, file.indent)),
            ExportKind::Html => utf8.encode(&html::render(&doc)),
            ExportKind::Markdown => file.encode(&markdown::render(&doc)),
            ExportKind::Json => utf8.encode(&json::render(&doc)),
            ExportKind::Docx => docx::render(&doc)?,
        })
    }

    /// Whether `--encoding` changes this kind's bytes.
    pub fn takes_encoding(self) -> bool {
        matches!(self, ExportKind::Txt | ExportKind::Markdown)
    }
}

/// `name` (a file name ending in `.txt`, as [`super::export_file_name`] makes) with the
/// extension of `kind`.
pub fn file_name_for(name: &str, kind: ExportKind) -> String {
    let stem = name.strip_suffix(".txt").unwrap_or(name);
    format!("{stem}.{}", kind.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_follows_the_extension_in_any_case() {
        for (name, kind) in [
            ("a.html", Some(ExportKind::Html)),
            ("a.HTM", Some(ExportKind::Html)),
            ("a.md", Some(ExportKind::Markdown)),
            ("a.json", Some(ExportKind::Json)),
            ("a.txt", Some(ExportKind::Txt)),
            ("报告", None),
            ("a.docx", Some(ExportKind::Docx)),
            ("a.doc", None),
        ] {
            assert_eq!(ExportKind::from_path(Path::new(name)), kind, "{name}");
        }
    }

    #[test]
    fn a_title_file_name_takes_the_kind_s_extension() {
        assert_eq!(
            file_name_for("某局.2024.txt", ExportKind::Json),
            "某局.2024.json"
        );
        assert_eq!(file_name_for("report.txt", ExportKind::Txt), "report.txt");
    }

    #[test]
    fn every_kind_renders_the_title() {
        let (f, d, e) = crate::document::fixture::complete();
        for kind in [
            ExportKind::Txt,
            ExportKind::Html,
            ExportKind::Markdown,
            ExportKind::Json,
        ] {
            let out = kind
                .render(f, &d, &e, &e.diagnostics, Options::default())
                .expect("render");
            let out = String::from_utf8(out).expect("utf-8");
            assert!(out.contains(&d.title(f)), "{kind:?}");
        }
    }
}
