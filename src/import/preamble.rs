//! Before the first heading: the title (agency and year, in the format's template or a
//! published variant of it) and whatever else stands there, listed so nothing is dropped.

use super::report::{ImportReport, Unplaced};
use super::{ImportOptions, problem, variants};
use crate::draft::Draft;
use crate::format::{Format, Severity};
use crate::i18n::Localized;
use crate::rules::Location;
use crate::value::normalize_width;

/// The lines before the first heading: the title gives agency and year (an explicit
/// `--agency`/`--year` wins); the rest (an introduction, page chrome of a web page) is listed
/// in the report, with one warning for all of it.
pub(super) fn read_preamble(
    format: &Format,
    lines: &[(usize, String)],
    opts: &ImportOptions,
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    let templates: Vec<&str> = std::iter::once(format.title_template.as_str())
        .chain(variants::get().title_templates.iter().map(String::as_str))
        .collect();
    let mut title: Option<(usize, String, i32)> = None;
    'search: for (i, (_, line)) in lines.iter().enumerate() {
        for t in &templates {
            if let Some((agency, year)) = parse_title(t, line) {
                // A title split over two lines puts the agency on the line before.
                let agency = if agency.is_empty() && i > 0 && !lines[i - 1].1.trim().is_empty() {
                    lines[i - 1].1.trim().to_string()
                } else {
                    agency
                };
                title = Some((i, agency, year));
                break 'search;
            }
        }
    }
    let title_lines: Vec<usize> = match &title {
        Some((i, agency, _))
            if !agency.is_empty()
                && lines[*i].1.trim() != agency
                && *i > 0
                && lines[*i - 1].1.trim() == agency =>
        {
            vec![*i - 1, *i]
        }
        Some((i, _, _)) => vec![*i],
        None => vec![],
    };
    let rest: Vec<&(usize, String)> = lines
        .iter()
        .enumerate()
        .filter(|(i, (_, l))| !l.trim().is_empty() && !title_lines.contains(i))
        .map(|(_, l)| l)
        .collect();
    for (n, l) in &rest {
        report.unplaced.push(Unplaced {
            line: *n,
            text: l.clone(),
        });
    }
    if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
        let shown: String = first.1.trim().chars().take(40).collect();
        report.problems.push(problem(
            Severity::Warning,
            "import.preamble",
            Location::report("").at_line(first.0),
            Localized::from_template(
                |s| s.import_preamble,
                &[
                    ("from", &first.0.to_string()),
                    ("to", &last.0.to_string()),
                    ("text", &shown),
                ],
            ),
        ));
    }
    let (agency, year) = title
        .as_ref()
        .map(|(_, a, y)| (a.clone(), *y))
        .unwrap_or_default();
    report.title_line = title.as_ref().map(|(i, _, _)| lines[*i].0);
    draft.agency = opts.agency.clone().unwrap_or(agency).trim().to_string();
    draft.year = opts.year.unwrap_or(year);
    if title.is_none() {
        report.problems.push(problem(
            Severity::Warning,
            "import.no-title",
            Location::report(""),
            Localized::from_template(|s| s.missing_title, &[("title", &format.title_template)]),
        ));
    }
}

/// `{agency}{year}<suffix>` → (agency, year), using the format's title template.
pub(super) fn parse_title(template: &str, line: &str) -> Option<(String, i32)> {
    let (head, suffix) = template.split_once("{year}")?;
    let prefix = head.split("{agency}").next().unwrap_or("");
    let between = head.split_once("{agency}").map_or("", |(_, b)| b);
    let line: String = normalize_width(line)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let suffix: String = suffix.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = line.strip_prefix(prefix)?.strip_suffix(suffix.as_str())?;
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    // The year is the last four digits (an agency name may itself end in digits).
    if digits < 4 {
        return None;
    }
    let (agency, year) = rest.split_at(rest.len() - 4);
    let agency = agency.strip_suffix(between).unwrap_or(agency);
    Some((agency.to_string(), year.parse().ok()?))
}
