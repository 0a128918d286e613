//! A report's agency and year from its first lines only, read as [`super::import_text`]
//! reads them (the title, else the statistics period the preamble states): what pairing a
//! folder's reports year over year needs, without importing every report twice.

use super::preamble::{read_preamble, year_elsewhere};
use super::{ImportOptions, ImportReport};
use crate::draft::{AgencyKind, Draft};
use crate::format::Format;

/// Agency and year from `head`, a report's plain text up to its first section (a web page is
/// imported whole instead: its text is not its markup). An empty agency or year 0 when the
/// head does not give them.
pub fn read_title(format: &Format, head: &str, opts: &ImportOptions) -> (String, i32) {
    let head = head.strip_prefix('\u{feff}').unwrap_or(head);
    // Old Mac line ends too (a line end is a line end); most heads have no `\r` to replace.
    let head: std::borrow::Cow<str> = if head.contains('\r') {
        head.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        head.into()
    };
    let lines: Vec<(usize, String)> = head
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect();
    let kind = opts.kind.unwrap_or(AgencyKind::Department);
    let mut draft = Draft::new(&opts.id, format, "", kind, 0, opts.now);
    let mut report = ImportReport::default();
    read_preamble(format, &lines, opts, &mut draft, &mut report);
    year_elsewhere(format, &lines, opts, &mut draft, &mut report);
    (draft.agency, draft.year)
}
