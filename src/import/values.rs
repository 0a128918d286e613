//! A value as a report printed it, made into what the draft stores, where the reading is
//! certain but not plain: digits of another script (`٣٠٠١` → `3001`) and a plus sign
//! (`+3001` → `3001`), each said in a warning at the cell. Every other odd value (`-5`,
//! `1e9`, `NaN`) is stored as printed, and the check names why it is not a count.

use super::problem;
use super::report::ImportReport;
use crate::format::{CellRef, Format, Severity};
use crate::i18n::Localized;
use crate::rules::Location;
use crate::value::{ascii_digits, normalize_width, parse};

/// The text to store for `printed` in `cell`, read on `line`.
pub(super) fn stored_value(
    format: &Format,
    cell: &CellRef,
    printed: &str,
    line: usize,
    report: &mut ImportReport,
) -> String {
    let mut note = |pick: fn(&crate::i18n::Strings) -> &str, code: &str, value: &str| {
        report.problems.push(problem(
            Severity::Warning,
            code,
            Location::cell(format, cell).at_line(line),
            Localized::from_template(pick, &[("text", printed), ("value", value)]),
        ));
    };
    let mut text = printed.trim().to_string();
    if let Some(ascii) = ascii_digits(&text) {
        note(|s| s.import_value_digits, "import.value-digits", &ascii);
        text = ascii;
    }
    let narrow = normalize_width(&text);
    if let Some(rest) = narrow.strip_prefix('+')
        && let Some(ty) = format.cell_type(cell)
        && parse(rest, ty).is_ok()
    {
        note(|s| s.import_value_sign, "import.value-sign", rest);
        text = rest.to_string();
    }
    text
}
