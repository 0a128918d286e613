//! Last year's report on the command line: `new --from PREVIOUS` starts this year's draft
//! from it, `check --previous PREVIOUS` checks a report against it. PREVIOUS is a draft id or
//! any file `import` reads.

use crate::draft::{AgencyKind, Draft, PreviousYear};
use crate::format::Format;
use crate::i18n::Lang;
use crate::storage::Store;
use chrono::{DateTime, FixedOffset};

/// What `new --from` was told besides the previous report (each overrides what it carries).
pub struct Given {
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<AgencyKind>,
    pub format: Option<String>,
    pub copy_text: bool,
}

/// Reads last year's report: a draft as it is, a file imported.
fn load_previous_draft(
    store: &Store,
    lang: Lang,
    now: DateTime<FixedOffset>,
    arg: &str,
) -> Result<(Draft, String), String> {
    super::target::load_one(store, lang, now, arg, || match lang {
        Lang::Zh => format!("{arg}：上一年的报告只能是一个草稿或文件"),
        Lang::En => format!("{arg}: last year's report is one draft or one file"),
    })
}

/// Last year's report, for `check --previous`.
pub fn load_previous(
    store: &Store,
    lang: Lang,
    now: DateTime<FixedOffset>,
    arg: &str,
) -> Result<PreviousYear, String> {
    let (draft, name) = load_previous_draft(store, lang, now, arg)?;
    Ok(PreviousYear::of(&draft, &name))
}

/// Creates this year's draft from last year's report; its id.
pub fn new_from(
    store: &Store,
    lang: Lang,
    now: DateTime<FixedOffset>,
    arg: &str,
    given: Given,
) -> Result<String, String> {
    let (previous, name) = load_previous_draft(store, lang, now, arg)?;
    let format_id = given.format.as_deref().unwrap_or(&previous.format);
    let format = Format::by_id(format_id).map_err(|e| e.to_string())?;
    if previous.year == 0 {
        return Err(match lang {
            Lang::Zh => format!("{name}：读不出上一年报告的年度，请用 --year 指定本年度"),
            Lang::En => {
                format!("{name}: last year's report has no year; give this year with --year")
            }
        });
    }
    let year = given.year.unwrap_or(previous.year + 1);
    let agency = given.agency.unwrap_or_else(|| previous.agency.clone());
    let kind = given.kind.unwrap_or(previous.agency_kind);
    let id = store.new_id(year);
    let mut draft = Draft::new(&id, format, &agency, kind, year, now);
    crate::rules::cross_year::start_from(format, &previous, &name, &mut draft, given.copy_text);
    store.save(&draft).map_err(|e| e.message(lang))?;
    Ok(id)
}
