//! The wrong year in the text, the sign of a report copied from last year's: in a 2025
//! report, `2024年共收到政府信息公开申请…`. A year is read as the year of the work a sentence
//! states only when a verb of that work follows it (publishing, receiving, handling) and
//! nothing gives it another role: a date (`2024年1月31日前`), a point of reference (`自2023年
//! 起`, `较2024年`), a title (`《…2024年政务公开工作要点》`), a plan (`2026年，我局将…`). All
//! those words are the format asset's (`wrong_year` rules); the scan keeps every year of work
//! it finds, and the report's year decides which are wrong when the rules are evaluated (so
//! the TUI keeps the scan while numbers are typed).

use super::text_numbers::Statement;
use super::{Diagnostic, Location, Stage};
use crate::draft::Draft;
use crate::format::{Format, Rule, WrongYear};
use crate::i18n::Localized;
use crate::value::Number;
use memchr::memmem;

/// Where a sentence ends.
static SENTENCE_ENDS: super::lines::Ends =
    super::lines::Ends::new(&['。', '！', '？', '；', '!', '?', ';']);
/// How much of a sentence a message quotes.
const QUOTE_CHARS: usize = 40;
/// Numerals a month may be written in after `年` (`2024年1月`, `2024年十二月`).
const MONTH_DIGITS: &str = "0123456789一二三四五六七八九十";

/// Every year of work the sections' sentences state, for rule number `r`.
pub(super) fn scan(
    format: &Format,
    draft: &Draft,
    r: usize,
    w: &WrongYear,
    out: &mut Vec<Statement>,
) {
    let nian = memmem::Finder::new("年");
    for section in &format.sections {
        let text = draft.section_text(&section.id);
        for (line_no, line) in super::lines::lines(text).enumerate() {
            if !names_a_year(line, &nian) {
                continue;
            }
            for sentence in super::lines::split(line, &SENTENCE_ENDS) {
                for year in years_of_work(sentence, w) {
                    out.push(Statement {
                        rule: r,
                        mention: 0,
                        section: section.id.clone(),
                        line: line_no + 1,
                        stated: Number::from_int(i64::from(year)),
                        quote: sentence.trim().chars().take(QUOTE_CHARS).collect(),
                    });
                }
            }
        }
    }
}

/// Whether a line has a digit before a `年` (spaces between allowed): most lines have none,
/// and are not cut into sentences.
fn names_a_year(line: &str, nian: &memmem::Finder) -> bool {
    // `年` found as a whole (a `char` pattern stops at each of its last byte, common in Chinese).
    nian.find_iter(line.as_bytes()).any(|at| {
        line[..at]
            .bytes()
            .rev()
            .find(|b| *b != b' ')
            .is_some_and(|b| b.is_ascii_digit())
    })
}

/// A year of work other than the report's, and near it, as a diagnostic.
pub(super) fn judge(
    format: &Format,
    rule: &Rule,
    w: &WrongYear,
    st: &Statement,
    year: i32,
    stage: Stage,
) -> Option<Diagnostic> {
    let report = Number::from_int(i64::from(year));
    let apart = super::distance(st.stated, report);
    if year == 0 || st.stated == report || apart > Number::from_int(i64::from(w.max_apart)) {
        return None;
    }
    Some(Diagnostic {
        severity: rule.severity.at(stage),
        code: rule.code.clone(),
        location: Location {
            section_line: Some(st.line),
            ..Location::section(format, &st.section)
        },
        message: Localized::from_template(
            |s| s.text_wrong_year,
            &[
                ("quote", &st.quote),
                ("found", &st.stated.to_string()),
                ("year", &year.to_string()),
            ],
        ),
    })
}

/// The years (`2024年`, spaces allowed: `2024 年`) a sentence names as the time of the work it
/// states, each once.
pub(crate) fn years_of_work(sentence: &str, w: &WrongYear) -> Vec<i32> {
    // Most sentences of a line that names a year name none themselves: not copied then.
    if !digit_before_nian(sentence) {
        return Vec::new();
    }
    read_years(sentence, w)
}

/// [`years_of_work`] without the quick look first.
fn read_years(sentence: &str, w: &WrongYear) -> Vec<i32> {
    let chars: Vec<char> = sentence.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found: Vec<i32> = Vec::new();
    let mut plans: Option<bool> = None;
    for i in 0..chars.len().saturating_sub(4) {
        if chars[i + 4] != '年'
            || !chars[i..i + 4].iter().all(char::is_ascii_digit)
            || (i > 0 && chars[i - 1].is_ascii_digit())
        {
            continue;
        }
        let Ok(year) = chars[i..i + 4].iter().collect::<String>().parse::<i32>() else {
            continue;
        };
        if found.contains(&year) || !of_work(&chars, i, w) {
            continue;
        }
        // A plan speaks of another year on purpose (`2025年，我局将…`).
        let plan = *plans.get_or_insert_with(|| w.plans.iter().any(|p| has(&chars, 0, p)));
        if plan {
            return Vec::new();
        }
        found.push(year);
    }
    found
}

/// Whether an ASCII digit stands before a `年` of `text`, whitespace between skipped: what a
/// year of [`years_of_work`] needs, looked for without decoding the rest of the text.
fn digit_before_nian(text: &str) -> bool {
    memmem::find_iter(text.as_bytes(), "年".as_bytes()).any(|at| {
        text[..at]
            .chars()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// Whether the year at `chars[at..at + 4]` (its `年` after it) is the time of a work the
/// sentence states.
fn of_work(chars: &[char], at: usize, w: &WrongYear) -> bool {
    let after = at + 5;
    let ends_before = |word: &String| {
        let n = word.chars().count();
        at >= n && chars[at - n..at].iter().copied().eq(word.chars())
    };
    if w.before.iter().any(ends_before) || w.after.iter().any(|a| starts(chars, after, a)) {
        return false;
    }
    // A date: `2024年1月31日`, `2024年十二月`.
    let month = chars[after..]
        .iter()
        .take(3)
        .position(|c| !MONTH_DIGITS.contains(*c));
    if month.is_some_and(|m| m > 0 && chars.get(after + m) == Some(&'月')) {
        return false;
    }
    if w.quotes
        .iter()
        .any(|(open, close)| inside(chars, at, open, close))
    {
        return false;
    }
    // A verb of the work after the year, not describing something (`2024年发布的…`).
    w.verbs.iter().any(|v| {
        at_each(chars, after, v).any(|i| {
            !w.attributive
                .iter()
                .any(|a| starts(chars, i + v.chars().count(), a))
        })
    })
}

/// Every position from `from` on where `word` stands: compared whole only where its first
/// character is (most positions are not: one comparison each, not a decoding of `word`).
fn at_each<'a>(chars: &'a [char], from: usize, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    let first = word.chars().next();
    (from..chars.len()).filter(move |&i| Some(chars[i]) == first && starts(chars, i, word))
}

/// Whether `word` stands at `chars[at..]`.
fn starts(chars: &[char], at: usize, word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .enumerate()
            .all(|(k, c)| chars.get(at + k) == Some(&c))
}

/// Whether `word` stands anywhere from `from` on.
fn has(chars: &[char], from: usize, word: &str) -> bool {
    at_each(chars, from, word).next().is_some()
}

/// Whether position `at` is inside a pair of quotation marks opened before it.
fn inside(chars: &[char], at: usize, open: &str, close: &str) -> bool {
    let (Some(o), Some(c)) = (open.chars().next(), close.chars().next()) else {
        return false;
    };
    let last_open = chars[..at].iter().rposition(|x| *x == o);
    let last_close = chars[..at].iter().rposition(|x| *x == c);
    match (last_open, last_close) {
        (Some(lo), Some(lc)) => lo > lc || (o == c && lo == lc),
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
