//! A value as a report printed it, made into what the draft stores, where the reading is
//! certain but not plain: digits of another script (`٣٠٠١` → `3001`) and a plus sign
//! (`+3001` → `3001`), each said in a warning at the cell; a word printed for zero (`—`, `/`,
//! `无`) is `0`, and the table's cells so read are named in one warning (`report_zero_cells`). Every other odd value (`-5`,
//! `1e9`, `NaN`) is stored as printed, and the check names why it is not a count.

use super::report::ImportReport;
use super::variants::SmallerUnit;
use super::{labels, problem};
use crate::format::{CellRef, Format, Severity};
use crate::i18n::Localized;
use crate::rules::Location;
use crate::trim::trim;
use crate::value::{ascii_digits, normalize_width, parse};

/// The text to store for `printed` in `cell`, read on `line`; `announced` is the smaller
/// unit the table's section says its amounts are in (see [`announced_unit`]).
pub(super) fn stored_value(
    format: &Format,
    cell: &CellRef,
    printed: &str,
    line: usize,
    announced: Option<&SmallerUnit>,
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
    if let Some(ty) = format.cell_type(cell)
        && let Some(of) = ty.unit.as_deref()
        && let Some((unit, number)) = in_smaller_unit(&text, of, announced)
        && let Some(value) = shift_decimal(number, unit.shift)
    {
        report.problems.push(problem(
            Severity::Warning,
            "import.value-unit",
            Location::cell(format, cell).at_line(line),
            Localized::from_template(
                |s| s.import_value_unit,
                &[
                    ("text", printed),
                    ("unit", &unit.unit),
                    ("value", &value),
                    ("of", of),
                ],
            ),
        ));
        return value;
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

/// The smaller unit a table's section says its amounts are printed in (`单位：元` above a
/// column of 万元), if any: a line naming the unit is looked at closely.
pub(super) fn announced_unit(body: &[(usize, String)]) -> Option<&'static SmallerUnit> {
    super::variants::get().smaller_units.iter().find(|unit| {
        let marks: Vec<String> = unit.marks.iter().map(|m| labels::normalize(m)).collect();
        let finder = memchr::memmem::Finder::new(unit.unit.as_bytes());
        body.iter().any(|(_, l)| {
            names_alone(l, &finder, &unit.of) && {
                let norm = labels::normalize(l);
                marks
                    .iter()
                    .any(|m| !m.is_empty() && norm.contains(m.as_str()))
            }
        })
    })
}

/// Whether `line` holds `unit` somewhere it is not the end of `of` (`元` not in `万元`): what a
/// mark needs, asked before a line is normalised (prose speaks of 万元 often).
fn names_alone(line: &str, unit: &memchr::memmem::Finder, of: &str) -> bool {
    let len = unit.needle().len();
    len > 0
        && unit
            .find_iter(line.as_bytes())
            .any(|at| !line.as_bytes()[..at + len].ends_with(of.as_bytes()))
}

/// `text` as a number in a unit smaller than `of`: printed after it (`914135241.60元`), or
/// a plain number under a section that announced the unit. The number without its unit.
fn in_smaller_unit<'t>(
    text: &'t str,
    of: &str,
    announced: Option<&'t SmallerUnit>,
) -> Option<(&'t SmallerUnit, &'t str)> {
    if text.ends_with(of) {
        return None;
    }
    let printed = super::variants::get()
        .smaller_units
        .iter()
        .filter(|u| u.of == of)
        .find_map(|u| Some((u, trim(text.strip_suffix(u.unit.as_str())?))));
    printed.or_else(|| {
        announced
            .filter(|u| u.of == of && text.bytes().any(|b| b.is_ascii_digit()))
            .map(|u| (u, text))
    })
}

/// `number` (digits, thousands commas, a decimal point) divided by 10^`places`, exactly, in
/// its shortest form: `914135241.60`, 4 → `91413.52416`. `None` for anything else.
fn shift_decimal(number: &str, places: usize) -> Option<String> {
    let plain: String = number.chars().filter(|c| *c != ',').collect();
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let digits_only = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits_only(int) || !digits_only(frac) {
        return None;
    }
    let digits = format!("{int}{frac}");
    let (whole, part) = match int.len().checked_sub(places) {
        Some(point) if point > 0 => (digits[..point].to_string(), digits[point..].to_string()),
        _ => (
            String::new(),
            "0".repeat(places - int.len()) + digits.as_str(),
        ),
    };
    let whole = whole.trim_start_matches('0');
    let part = part.trim_end_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    Some(if part.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{part}")
    })
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
            .map(|(c, _, _)| Location::cell_text(format, c))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decimal_is_divided_exactly() {
        for (n, places, out) in [
            ("914135241.60", 4, "91413.52416"),
            ("914,135,241.60", 4, "91413.52416"),
            ("500", 4, "0.05"),
            ("12345", 4, "1.2345"),
            ("10000", 4, "1"),
            ("0", 4, "0"),
            ("0.5", 4, "0.00005"),
            ("7", 0, "7"),
        ] {
            assert_eq!(shift_decimal(n, places).as_deref(), Some(out), "{n}");
        }
        for bad in ["", "1.2.3", "12a", ".5", "-3"] {
            assert_eq!(shift_decimal(bad, 4), None, "{bad}");
        }
    }

    #[test]
    fn a_section_says_its_amounts_are_in_yuan() {
        let lines = |ls: &[&str]| -> Vec<(usize, String)> {
            ls.iter()
                .enumerate()
                .map(|(i, l)| (i + 1, l.to_string()))
                .collect()
        };
        let yuan = announced_unit(&lines(&["信息内容\t本年收费金额（单位：元）"]));
        assert_eq!(yuan.map(|u| u.unit.as_str()), Some("元"));
        assert!(announced_unit(&lines(&["信息内容\t本年收费金额（单位: 元）"])).is_some());
        for ls in [
            &["信息内容\t本年收费金额（单位：万元）"][..],
            &["行政事业性收费\t12.5万元", "共收费 3 万元"][..],
        ] {
            assert!(announced_unit(&lines(ls)).is_none(), "{ls:?}");
        }
    }
}
