//! The complete fixture as the export tests use it (test builds only).

use super::Document;
use crate::draft::Draft;
use crate::format::Format;
use crate::import::{ImportOptions, import_text};
use crate::rules::{Evaluation, Stage, evaluate};

const COMPLETE: &str = include_str!("../../tests/fixtures/complete-2024.txt");

/// The complete fixture, imported as a clerk would: draft, evaluation and the document.
pub fn complete() -> (&'static Format, Draft, Evaluation) {
    let f = Format::by_id("gov-2021").expect("format");
    let now = chrono::DateTime::parse_from_rfc3339("2025-01-10T09:00:00+08:00").expect("now");
    let opts = ImportOptions {
        id: "2024-abc123".into(),
        agency: None,
        year: None,
        kind: None,
        now,
    };
    let draft = import_text(f, COMPLETE, "UTF-8", &opts).draft;
    let eval = evaluate(f, &draft, Stage::Final, now.date_naive());
    (f, draft, eval)
}

pub fn complete_document() -> Document {
    let (f, d, e) = complete();
    Document::build(f, &d, &e, &e.diagnostics)
}
