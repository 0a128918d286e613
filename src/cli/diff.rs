//! `nianbao diff A B`: two reports (drafts or files, read as `check` reads them) side by side.

use super::print::{StdoutFailed, failed_status, json_line};
use super::target::load_one;
use crate::draft::Draft;
use crate::format::Format;
use crate::i18n::Lang;
use crate::storage::Store;
use chrono::{DateTime, FixedOffset};

/// Reads one side: a draft as it is, a file imported.
fn load_side(
    store: &Store,
    lang: Lang,
    now: DateTime<FixedOffset>,
    arg: &str,
) -> Result<(Draft, String), String> {
    load_one(store, lang, now, arg, || match lang {
        Lang::Zh => format!("{arg}：比较的每一方只能是一个草稿或文件"),
        Lang::En => format!("{arg}: each side of a diff is one draft or one file"),
    })
}

/// Runs the command: 0 once both sides are read (whatever differs), 2 when one cannot be.
pub fn run(
    store: &Store,
    lang: Lang,
    now: DateTime<FixedOffset>,
    (a, b): (&str, &str),
    json: bool,
    all: bool,
) -> Result<i32, String> {
    let (a, a_name) = load_side(store, lang, now, a)?;
    let (b, b_name) = load_side(store, lang, now, b)?;
    if a.format != b.format {
        return Err(match lang {
            Lang::Zh => format!(
                "{a_name} 的格式为 {}，{b_name} 的格式为 {}：只能比较同一格式的报告",
                a.format, b.format
            ),
            Lang::En => format!(
                "{a_name} is in format {}, {b_name} in {}: only reports of one format compare",
                a.format, b.format
            ),
        });
    }
    let format = Format::by_id(&b.format).map_err(|e| e.message(lang))?;
    let d = crate::diff::diff(format, (&a, &a_name), (&b, &b_name), all);
    Ok(print(&d, lang, json).map_or_else(|e| failed_status(&e, lang), |()| 0))
}

fn print(d: &crate::diff::Diff, lang: Lang, json: bool) -> Result<(), StdoutFailed> {
    if json {
        let value = serde_json::to_value(d).unwrap_or_default();
        return json_line(&value);
    }
    for line in crate::diff::render(d, lang).lines() {
        say!("{line}");
    }
    Ok(())
}
