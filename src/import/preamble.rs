//! Before the first heading: the title (agency and year, in the format's template or a
//! published variant of it), the preamble after it (kept in the draft under the format's
//! preamble id), and whatever else stands there, listed so nothing is dropped.

use super::report::{ImportReport, Unplaced};
use super::{ImportOptions, problem, variants};
use crate::draft::Draft;
use crate::format::{Format, Severity};
use crate::i18n::Localized;
use crate::rules::Location;
use crate::value::normalize_width;

/// The lines before the first heading: the title gives agency and year (an explicit
/// `--agency`/`--year` wins); the lines after it are the preamble, imported with a warning to
/// check it (a web page's chrome may stand there too); lines before the title (or all, when
/// there is none) are listed in the report, with one warning for all of them.
pub(super) fn read_preamble(
    format: &Format,
    lines: &[(usize, String)],
    opts: &ImportOptions,
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    let prepared = super::prepared::prepared(format);
    let (templates, without_year) = (&prepared.titles, &prepared.titles_without_year);
    // Converter artefacts (`# `, `**`, `\`) and a label before the title do not count.
    let cleaned: Vec<(usize, String)> = lines
        .iter()
        .map(|(n, l)| (*n, clean_title_line(l)))
        .collect();
    let lines_read = lines;
    let lines = cleaned.as_slice();
    let mut title: Option<(usize, String, i32)> = None;
    // A title a PDF or a narrow page wrapped mid-word (`…工作年` / `度报告`) is read from its
    // lines joined; the lines it took are `span`.
    let mut span = 1;
    'search: for (i, (_, line)) in lines.iter().enumerate() {
        let Some(chars) = title_chars(line) else {
            continue;
        };
        for t in templates {
            if let Some((agency, year)) = t.read(&chars) {
                // A title split over two lines puts the agency on the line before (a blank
                // line between, as Markdown writes two headings).
                let before = lines[..i]
                    .iter()
                    .rev()
                    .take(2)
                    .map(|(_, l)| l.trim())
                    .find(|l| !l.is_empty());
                let agency = match before {
                    Some(b) if agency.is_empty() => b.to_string(),
                    _ => agency,
                };
                title = Some((i, agency, year));
                break 'search;
            }
        }
    }
    // Only when no line is a title by itself: lines joined, the fewest first.
    'joined: for n in 2..=3 {
        if title.is_some() {
            break;
        }
        for (i, group) in lines.windows(n).enumerate() {
            if group.iter().any(|(_, l)| l.trim().is_empty()) {
                continue;
            }
            let joined: String = group.iter().map(|(_, l)| l.trim()).collect();
            let Some(chars) = title_chars(&joined) else {
                continue;
            };
            for t in templates {
                if let Some((agency, year)) = t.read(&chars)
                    && !agency.is_empty()
                {
                    title = Some((i, agency, year));
                    span = n;
                    break 'joined;
                }
            }
        }
    }
    // Last, a title without its year (`某某局政府信息公开工作年度报告`), on a line of its own
    // and with an agency: the year is then looked for elsewhere (`year_elsewhere`).
    if title.is_none() {
        title = lines.iter().enumerate().find_map(|(i, (_, line))| {
            let chars = title_chars(line)?;
            without_year
                .iter()
                .find_map(|t| t.read(&chars))
                .filter(|(agency, _)| !agency.is_empty())
                .map(|(agency, _)| (i, agency, 0))
        });
    }
    let title_lines: Vec<usize> = match &title {
        Some((i, _, _)) if span > 1 => (*i..*i + span).collect(),
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
    // After the title: the preamble (编制依据, 统计期限, 联系方式), kept when the format has
    // one. Before it (or everything, without a title): listed, not imported.
    let lines = lines_read;
    let after = match (title_lines.last(), format.preamble_id()) {
        (Some(&t), Some(_)) => t + 1,
        _ => lines.len(),
    };
    let rest: Vec<&(usize, String)> = lines[..after]
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
    warn(report, &rest, |s| s.import_preamble);
    if let Some(id) = format.preamble_id() {
        // A web page's furniture after the title (当前位置, 索引号, 来源：…) is listed, not kept;
        // on a line that holds the preamble's opening as well, the preamble starts there.
        let mut body: Vec<(usize, String)> = Vec::new();
        for (n, l) in &lines[after.min(lines.len())..] {
            match without_chrome(l) {
                Chrome::None => body.push((*n, l.clone())),
                Chrome::Whole => report.unplaced.push(Unplaced {
                    line: *n,
                    text: l.clone(),
                }),
                Chrome::Before(at) => {
                    report.unplaced.push(Unplaced {
                        line: *n,
                        text: l[..at].trim().to_string(),
                    });
                    body.push((*n, l[at..].to_string()));
                }
            }
        }
        let kept: Vec<(usize, &str)> = body.iter().map(|(n, l)| (*n, l.as_str())).collect();
        super::set_text(draft, report, id, &kept);
        let filled: Vec<&(usize, String)> =
            body.iter().filter(|(_, l)| !l.trim().is_empty()).collect();
        warn(report, &filled, |s| s.import_preamble_kept);
        if let (Some(first), Some(part)) = (filled.first(), &format.preamble) {
            report.parts.push(super::Found {
                id: part.id.clone(),
                label: part.label.clone(),
                line: Some(first.0),
            });
        }
    }
    let (agency, year) = title
        .as_ref()
        .map(|(_, a, y)| (a.clone(), *y))
        .unwrap_or_default();
    report.title_line = title.as_ref().map(|(i, _, _)| lines[*i].0);
    draft.agency = opts.agency.clone().unwrap_or(agency).trim().to_string();
    draft.year = opts.year.unwrap_or(year);
    report.year_source = if opts.year.is_some() {
        Some("given".to_string())
    } else {
        title
            .as_ref()
            .filter(|(_, _, y)| *y != 0)
            .map(|_| "title".to_string())
    };
    if title.is_none() {
        report.problems.push(problem(
            Severity::Warning,
            "import.no-title",
            Location::report(""),
            Localized::from_template(|s| s.missing_title, &[("title", &format.title_template)]),
        ));
    }
}

/// A line as a title is read: without a Markdown converter's marks (`#`, `**`, `__`, a `\`
/// before punctuation) and without a label before it (`标题：`, data in the variants asset).
pub(super) fn clean_title_line(line: &str) -> String {
    let t = super::markdown::unmark(line);
    let mut t = t.trim().to_string();
    for p in &variants::get().title_prefixes {
        if let Some(rest) = t.strip_prefix(p.as_str()) {
            t = rest.trim().to_string();
            break;
        }
    }
    t
}

/// When neither `--year` nor the title gives the year: the statistics period the text states
/// (`统计期限自2024年1月1日…`), else the closing signature's date minus one; said in the
/// report with the sentence it came from.
pub(super) fn year_elsewhere(
    format: &Format,
    lines: &[(usize, String)],
    opts: &ImportOptions,
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    if opts.year.is_some() || draft.year != 0 {
        return;
    }
    let markers = &variants::get().period_markers;
    let from_period = lines.iter().find_map(|(n, l)| {
        let flat: String = normalize_width(l)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let at = markers.iter().filter_map(|m| flat.find(m.as_str())).min()?;
        let after: String = flat[at..].chars().take(24).collect();
        let year = first_year(&after)?;
        Some((year, *n, after))
    });
    let found = from_period
        .map(|(y, n, t)| (y, n, t, "period"))
        .or_else(|| {
            let id = format.signature_id()?;
            let signed = draft.section_text(id);
            let last = signed.lines().rev().find_map(|l| {
                let flat: String = normalize_width(l)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let y = first_year(&flat)?;
                (flat.contains('月') && flat.ends_with('日')).then_some((y - 1, flat))
            })?;
            let line = report
                .text_lines
                .get(id)
                .and_then(|ls| ls.last().copied())
                .unwrap_or(0);
            Some((last.0, line, last.1, "published"))
        });
    let Some((year, line, text, source)) = found else {
        return;
    };
    draft.year = year;
    report.year_source = Some(source.to_string());
    let (zh, en) = (&crate::i18n::ZH, &crate::i18n::EN);
    let (src_zh, src_en) = if source == "period" {
        ("统计期限", "the statistics period")
    } else {
        ("落款日期的前一年", "the year before the closing date")
    };
    let args = |s: &'static str| -> [(&'static str, String); 3] {
        [
            ("year", year.to_string()),
            ("source", s.to_string()),
            ("text", text.clone()),
        ]
    };
    let fill = |t: &str, a: [(&str, String); 3]| {
        let a: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::i18n::fill(t, &a)
    };
    let mut at = Location::report("");
    if line > 0 {
        at = at.at_line(line);
    }
    report.problems.push(super::problem(
        Severity::Warning,
        "import.year-source",
        at,
        Localized {
            zh: fill(zh.import_year_source, args(src_zh)),
            en: fill(en.import_year_source, args(src_en)),
        },
    ));
}

/// The first four digits followed by 年 (`2024年`, `二〇二四年`), as a year of this or the
/// last century.
fn first_year(s: &str) -> Option<i32> {
    let c: Vec<char> = s.chars().collect();
    (0..c.len().saturating_sub(4)).find_map(|i| {
        let before_ok = i == 0 || year_digit(c[i - 1]).is_none();
        (before_ok && c[i + 4] == '年')
            .then(|| year_of(&c[i..i + 4]))
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    })
}

/// Four digits as a year: ASCII, or the numerals a title writes a year in (`二〇二四`).
fn year_of(digits: &[char]) -> Option<i32> {
    digits
        .iter()
        .try_fold(0, |year, &c| Some(year * 10 + year_digit(c)? as i32))
}

/// A digit of a year: `0`–`9`, or a numeral a year is written in (`二〇二四`, `二零二四`,
/// `二○二四` with a circle for the zero). The closing signature's date reads years so too.
pub(super) fn year_digit(c: char) -> Option<u32> {
    c.to_digit(10).or_else(|| {
        let zero = matches!(c, '〇' | '零' | '○' | 'Ｏ').then_some(0);
        "一二三四五六七八九"
            .chars()
            .position(|n| n == c)
            .map(|d| d + 1)
            .or(zero)
            .map(|d| d as u32)
    })
}

/// One warning for `lines` (from the first to the last), when there are any.
fn warn(
    report: &mut ImportReport,
    lines: &[&(usize, String)],
    message: impl Fn(&crate::i18n::Strings) -> &str,
) {
    if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
        let shown: String = first.1.trim().chars().take(40).collect();
        report.problems.push(problem(
            Severity::Warning,
            "import.preamble",
            Location::report("").at_line(first.0),
            Localized::from_template(
                message,
                &[
                    ("from", &first.0.to_string()),
                    ("to", &last.0.to_string()),
                    ("text", &shown),
                ],
            ),
        ));
    }
}

/// What of a line after the title is a web page's furniture.
enum Chrome {
    None,
    Whole,
    /// Furniture up to this byte offset, the preamble from there.
    Before(usize),
}

fn without_chrome(line: &str) -> Chrome {
    let v = variants::get();
    // The leftmost mark, all looked for at once (each in turn set up a searcher per line).
    let first_mark = match variants::page_chrome() {
        Some(marks) => marks.find(line).map(|m| m.start()),
        None => v
            .page_chrome
            .iter()
            .filter_map(|m| line.find(m.as_str()))
            .min(),
    };
    let Some(first_mark) = first_mark else {
        return Chrome::None;
    };
    // The preamble's opening after the furniture's first mark.
    let start = v
        .preamble_starts
        .iter()
        .filter_map(|p| line[first_mark..].find(p.as_str()).map(|i| i + first_mark))
        .min();
    match start {
        Some(at) if at > 0 => Chrome::Before(at),
        _ => Chrome::Whole,
    }
}

/// Longest line read as a title (a title is short; this bounds the search below).
const MAX_TITLE: usize = 120;

/// A title in `template` (`{agency}` and `{year}` in either order) → (agency, year). The year
/// is four digits; spaces and full-width forms do not matter.
#[cfg(test)]
pub(super) fn parse_title(template: &str, line: &str) -> Option<(String, i32)> {
    TitleForm::new(template).read(&title_chars(line)?)
}

/// A line as a title is matched: full-width forms folded, spaces out; `None` when it is
/// too long to be one. Made once per line, whatever the number of templates.
pub(super) fn title_chars(line: &str) -> Option<Vec<char>> {
    let chars: Vec<char> = normalize_width(line)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    (chars.len() <= MAX_TITLE).then_some(chars)
}

/// A title template cut into its parts (`{agency}`, `{year}`, the words between) once per
/// format, not once per line read (the importer's cache keeps them).
pub(super) struct TitleForm {
    parts: Vec<Part>,
}

impl TitleForm {
    pub fn new(template: &str) -> TitleForm {
        let template: String = template.chars().filter(|c| !c.is_whitespace()).collect();
        let mut parts: Vec<Part> = Vec::new();
        let mut rest = template.as_str();
        while !rest.is_empty() {
            let next = [("{agency}", Part::Agency), ("{year}", Part::Year)]
                .into_iter()
                .filter_map(|(tag, part)| rest.find(tag).map(|i| (i, tag, part)))
                .min_by_key(|(i, _, _)| *i);
            match next {
                Some((i, tag, part)) => {
                    if i > 0 {
                        parts.push(Part::Lit(rest[..i].chars().collect()));
                    }
                    parts.push(part);
                    rest = &rest[i + tag.len()..];
                }
                None => {
                    parts.push(Part::Lit(rest.chars().collect()));
                    rest = "";
                }
            }
        }
        TitleForm { parts }
    }

    /// (agency, year) when `line` ([`title_chars`]) is a title of this form.
    pub fn read(&self, line: &[char]) -> Option<(String, i32)> {
        let (agency, year) = match_parts(&self.parts, line)?;
        Some((agency.iter().collect(), year))
    }
}

#[derive(Clone)]
enum Part {
    Lit(Vec<char>),
    Agency,
    Year,
}

/// The agency (possibly empty: printed on the line before) and year, when `line` is exactly
/// the parts. The agency is taken as long as possible, so a name ending in digits keeps them.
fn match_parts(parts: &[Part], line: &[char]) -> Option<(Vec<char>, i32)> {
    match parts.split_first() {
        None => line.is_empty().then(|| (Vec::new(), 0)),
        Some((Part::Lit(l), rest)) => match_parts(rest, line.strip_prefix(l.as_slice())?),
        Some((Part::Year, rest)) => {
            let year = year_of(line.get(..4)?)?;
            let (agency, _) = match_parts(rest, &line[4..])?;
            Some((agency, year))
        }
        Some((Part::Agency, rest)) => (0..=line.len()).rev().find_map(|n| {
            let (year_agency, year) = match_parts(rest, &line[n..])?;
            year_agency.is_empty().then(|| (line[..n].to_vec(), year))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_title;

    #[test]
    fn titles_in_either_order_and_with_spaces() {
        let t = "{agency}{year}年政府信息公开工作年度报告";
        assert_eq!(
            parse_title(t, "淮安市人民政府 2024 年政府信息公开工作年度报告"),
            Some(("淮安市人民政府".to_string(), 2024))
        );
        assert_eq!(
            parse_title(t, "2024 年政府信息公开工作年度报告"),
            Some((String::new(), 2024))
        );
        assert_eq!(
            parse_title(t, "某某12局2024年政府信息公开工作年度报告"),
            Some(("某某12局".to_string(), 2024))
        );
        assert_eq!(
            parse_title(
                "{year}年{agency}政府信息公开工作年度报告",
                "2023年度某市某局政府信息公开工作年度报告"
            ),
            Some(("度某市某局".to_string(), 2023))
        );
        assert_eq!(
            parse_title(
                "{year}年度{agency}政府信息公开工作年度报告",
                "2023年度某市某局政府信息公开工作年度报告"
            ),
            Some(("某市某局".to_string(), 2023))
        );
        assert_eq!(parse_title(t, "一、总体情况"), None);
    }

    #[test]
    fn a_year_in_chinese_numerals_is_a_year_not_part_of_the_agency() {
        let t = "{agency}{year}年政府信息公开工作年度报告";
        assert_eq!(
            parse_title(t, "某某镇人民政府二〇二四年政府信息公开工作年度报告"),
            Some(("某某镇人民政府".to_string(), 2024))
        );
        assert_eq!(
            parse_title(t, "某某局二零二三年政府信息公开工作年度报告"),
            Some(("某某局".to_string(), 2023))
        );
        assert_eq!(
            parse_title(t, "某某局二〇二年政府信息公开工作年度报告"),
            None
        );
        assert_eq!(super::first_year("统计期限为二〇二四年1月1日"), Some(2024));
        assert_eq!(super::first_year("三二〇二四年"), None);
        assert_eq!(super::first_year("2024年"), Some(2024));
        assert_eq!(super::first_year("二○二五年三月"), Some(2025));
    }
}
