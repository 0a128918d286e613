//! What the import says about damaged input: bytes that could not be decoded (read as U+FFFD,
//! reported by line) and a web page nested too deeply to be read as it asked.

use super::report::ImportReport;
use super::{html_depth, problem};
use crate::format::Severity;
use crate::i18n::Localized;
use crate::rules::Location;

/// Lines with damaged bytes reported one by one, at most; the rest are counted in one more.
const MAX_LINES_NAMED: usize = 20;
/// Characters of a damaged line shown around its first damaged byte.
const SHOWN: usize = 30;

/// One warning per line holding U+FFFD (bytes the decoder could not read).
pub(super) fn report_bad_bytes(lines: &[(usize, String)], report: &mut ImportReport) {
    // The whole encoding searched for: a `char` search runs memchr on its last byte, which
    // Chinese text is full of.
    let replacement = memchr::memmem::Finder::new("\u{FFFD}".as_bytes());
    let damaged: Vec<&(usize, String)> = lines
        .iter()
        .filter(|(_, l)| replacement.find(l.as_bytes()).is_some())
        .collect();
    for (n, line) in damaged.iter().take(MAX_LINES_NAMED) {
        report.problems.push(problem(
            Severity::Warning,
            "import.bad-bytes",
            Location::report("").at_line(*n),
            Localized::from_template(|s| s.import_bad_bytes, &[("text", &around_damage(line))]),
        ));
    }
    if let Some((n, _)) = damaged.get(MAX_LINES_NAMED) {
        report.problems.push(problem(
            Severity::Warning,
            "import.bad-bytes",
            Location::report("").at_line(*n),
            Localized::from_template(
                |s| s.import_bad_bytes_more,
                &[("count", &(damaged.len() - MAX_LINES_NAMED).to_string())],
            ),
        ));
    }
}

/// The line's text near its first U+FFFD.
fn around_damage(line: &str) -> String {
    let chars: Vec<char> = line.trim().chars().collect();
    let at = chars.iter().position(|c| *c == '\u{FFFD}').unwrap_or(0);
    let start = at.saturating_sub(SHOWN / 2);
    chars.iter().skip(start).take(SHOWN).collect()
}

/// A page nesting its elements `depth` levels deep, past the bound.
pub(super) fn report_too_deep(depth: usize, report: &mut ImportReport) {
    report.problems.push(problem(
        Severity::Warning,
        "import.html-too-deep",
        Location::report(""),
        Localized::from_template(
            |s| s.import_html_too_deep,
            &[
                ("depth", &depth.to_string()),
                ("limit", &html_depth::MAX_DEPTH.to_string()),
            ],
        ),
    ));
}
