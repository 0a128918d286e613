//! A value as a report printed it, made into what the draft stores, where the reading is
//! certain but not plain: digits of another script (`٣٠٠١` → `3001`) and a plus sign
//! (`+3001` → `3001`), each said in a warning at the cell; a word printed for zero (`—`, `/`,
//! `无`) is `0`, and the table's cells so read are named in one warning (`report_zero_cells`). Every other odd value (`-5`,
//! `1e9`, `NaN`) is stored as printed, and the check names why it is not a count.

use super::problem;
use super::report::ImportReport;
use crate::format::{CellRef, Format, Severity};
use crate::i18n::Localized;
use crate::rules::Location;
use crate::trim::trim;
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
    let mut text = trim(printed).to_string();
    if super::tokens::zero_spelled(&text) {
        report.zero_cells.push((cell.clone(), text, line));
        return "0".to_string();
    }
    // Plain ASCII digits, as most cells are: no other script's digits, width or sign.
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text;
    }
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

/// Most cells a zero-spelling warning names; the rest are counted.
const ZERO_CELLS_NAMED: usize = 12;

/// One warning per table whose cells were printed with a word for zero, naming the cells,
/// under the format's `zero_spelling` rule (none when the format has no such rule).
pub(super) fn report_zero_cells(format: &Format, report: &mut ImportReport) {
    let Some(rule) = format
        .rules
        .iter()
        .find(|r| matches!(r.kind, crate::format::RuleKind::ZeroSpelling))
    else {
        return;
    };
    let cells = std::mem::take(&mut report.zero_cells);
    for table in &format.tables {
        let here: Vec<&(CellRef, String, usize)> = cells
            .iter()
            .filter(|(c, _, _)| c.table == table.id)
            .collect();
        let Some(first_line) = here.iter().map(|(_, _, l)| *l).min() else {
            continue;
        };
        let mut spellings: Vec<&str> = here.iter().map(|(_, s, _)| s.as_str()).collect();
        spellings.sort_unstable();
        spellings.dedup();
        let mut names: Vec<String> = here
            .iter()
            .take(ZERO_CELLS_NAMED)
            .map(|(c, _, _)| Location::cell(format, c).text)
            .collect();
        if here.len() > ZERO_CELLS_NAMED {
            names.push(format!("… (+{})", here.len() - ZERO_CELLS_NAMED));
        }
        let mut location = format
            .table_section(table)
            .map(|s| Location::section(format, &s.id))
            .unwrap_or_default()
            .at_line(first_line);
        location.table = Some(table.id.clone());
        report.problems.push(problem(
            rule.severity.at(crate::rules::Stage::Final),
            &rule.code,
            location,
            Localized::from_template(
                |s| s.zero_spelling,
                &[
                    ("count", &here.len().to_string()),
                    ("spellings", &spellings.join("”“")),
                    ("cells", &names.join("、")),
                ],
            ),
        ));
    }
    report.zero_cells = cells;
}
