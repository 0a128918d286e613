//! The closing signature: the last lines after the last section's text that name the agency
//! and/or the date (`2025年1月20日`, `2025 年 1 月 20 日`, `二〇二五年一月二十日`), on two
//! lines, on one (`某某局 2025年1月20日`), or either alone. They are taken off the section's
//! text, so that section 六 does not swallow them.

use super::variants;
use crate::value::normalize_width;

/// Longest line read as an agency's name.
const MAX_AGENCY: usize = 40;
/// Most characters (spaces not counted) a date the pattern reads can have: a year of four
/// numerals and a month and a day of up to three each (`二〇二五年二十一月二十一日`).
const MAX_DATE: usize = 13;

/// Splits the trailing signature off `lines` (the last section's text lines): returns how many
/// of `lines` remain the section's (blank lines before the signature included) and the
/// signature's lines, trimmed. `agency` is the agency read from the title (may be empty).
pub(super) fn split_signature(lines: &[(usize, &str)], agency: &str) -> (usize, Vec<String>) {
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].1.trim().is_empty())
        .collect();
    let Some(&last) = filled.last() else {
        return (lines.len(), Vec::new());
    };
    let text = |i: usize| lines[i].1.trim().to_string();
    let before = filled.len().checked_sub(2).map(|k| filled[k]);
    if is_date(lines[last].1) {
        // The date, with the agency on the line before when there is one.
        return match before.filter(|&b| is_agency(lines[b].1, agency)) {
            Some(b) => (b, vec![text(b), text(last)]),
            None => (last, vec![text(last)]),
        };
    }
    if is_agency_and_date(lines[last].1, agency) || is_agency(lines[last].1, agency) {
        return (last, vec![text(last)]);
    }
    (lines.len(), Vec::new())
}

/// A date as a signature prints it: year, month, day in Arabic digits (spaces allowed) or in
/// Chinese numerals (`二〇二五年一月二十日`).
pub(super) fn is_date(line: &str) -> bool {
    // A date ends with 日 and is short: most lines asked (a report's last line is often a
    // paragraph) are neither, and are not folded and collected.
    let end = line.trim_end();
    if !end.ends_with('日')
        || end
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(MAX_DATE)
            .is_some()
    {
        return false;
    }
    is_date_folded(line)
}

/// [`is_date`] without its quick refusal.
fn is_date_folded(line: &str) -> bool {
    let s: Vec<char> = normalize_width(line)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let Some(y) = s.iter().position(|&c| c == '年') else {
        return false;
    };
    let Some(m) = s.iter().position(|&c| c == '月') else {
        return false;
    };
    if s.last() != Some(&'日') || !(y < m && m + 1 < s.len() - 1) {
        return false;
    }
    let year = &s[..y];
    let month = &s[y + 1..m];
    let day = &s[m + 1..s.len() - 1];
    let arabic = |p: &[char], n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.iter().all(char::is_ascii_digit)
    };
    let chinese_digits = |p: &[char]| {
        p.len() == 4
            && p.iter()
                .all(|&c| !c.is_ascii_digit() && super::preamble::year_digit(c).is_some())
    };
    let chinese_small = |p: &[char]| {
        (1..=3).contains(&p.len()) && p.iter().all(|c| "一二三四五六七八九十".contains(*c))
    };
    (arabic(year, 4..=4) && arabic(month, 1..=2) && arabic(day, 1..=2))
        || (chinese_digits(year) && chinese_small(month) && chinese_small(day))
}

/// A short line that names an agency: no sentence punctuation, no digit, and ending as an
/// agency's name does (or holding the agency of the title).
pub(super) fn is_agency(line: &str, agency: &str) -> bool {
    let l = normalize_width(line.trim());
    let n = l.chars().count();
    if !(2..=MAX_AGENCY).contains(&n) {
        return false;
    }
    if l.chars().any(|c| {
        c.is_ascii_digit() || c.is_whitespace() || "。，；：,;:！？!?、“”\"'《》<>-—…|·".contains(c)
    }) {
        return false;
    }
    let agency = agency.trim();
    (!agency.is_empty() && l.contains(agency))
        || variants::get()
            .agency_suffixes
            .iter()
            .any(|s| l.ends_with(s.as_str()) && l.chars().count() > s.chars().count())
}

/// `某某局 2025年1月20日` on one line: an agency, white space, a date. The agency ends at
/// the first space of a run, within its first [`MAX_AGENCY`] characters (folding keeps one
/// character per character): a long line of text is not cut at each of its spaces.
fn is_agency_and_date(line: &str, agency: &str) -> bool {
    let l = line.trim();
    l.char_indices()
        .take(MAX_AGENCY + 1)
        .filter(|(_, c)| c.is_whitespace())
        .any(|(i, _)| is_agency(&l[..i], agency) && is_date(&l[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`is_agency_and_date`] cutting the line at every space: the reference.
    fn is_agency_and_date_at_every_space(line: &str, agency: &str) -> bool {
        let l = line.trim();
        l.char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .any(|(i, _)| is_agency(&l[..i], agency) && is_date(&l[i..]))
    }

    proptest! {
        #[test]
        fn a_date_is_refused_quickly_only_where_it_would_be_refused(
            pieces in proptest::collection::vec(
                prop::sample::select(vec![
                    "2025", "年", "1", "12", "月", "20", "日", "二〇二五", "一", "十二", "二十一",
                    " ", "\u{3000}", "２０２５", "１２", "，", "某",
                ]),
                0..16,
            ),
        ) {
            let line: String = pieces.concat();
            prop_assert_eq!(is_date(&line), is_date_folded(&line));
        }

        #[test]
        fn an_agency_and_date_is_found_where_any_space_would_find_it(
            pieces in proptest::collection::vec(
                prop::sample::select(vec![
                    "某某局", "人民政府", "办公室", " ", "\u{3000}", "  ", "2025年", "1月",
                    "20日", "二〇二五年", "一月", "二十日", "，", "的", "工作", "１",
                ]),
                0..40,
            ),
        ) {
            let line: String = pieces.concat();
            prop_assert_eq!(
                is_agency_and_date(&line, "某某局"),
                is_agency_and_date_at_every_space(&line, "某某局")
            );
        }
    }

    #[test]
    fn the_longest_date_the_pattern_reads_passes_the_quick_refusal() {
        // Numerals of three characters for month and day, as the pattern allows.
        let longest = "二〇二五年二十一月二十一日";
        assert!(is_date_folded(longest));
        assert!(is_date(longest));
        assert!(is_date(&format!(" {longest}\u{3000}")));
        assert!(!is_date(&format!("某{longest}")));
    }

    #[test]
    fn an_agency_then_many_spaces_then_a_date_is_a_signature() {
        let spaces = " ".repeat(60);
        let line = format!("某某县人民政府办公室{spaces}2025年1月20日");
        assert!(is_agency_and_date(&line, ""));
        let long = format!("{}{spaces}2025年1月20日", "某".repeat(41));
        assert!(!is_agency_and_date(&long, ""));
    }

    fn split(text: &str) -> (usize, Vec<String>) {
        let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
        split_signature(&lines, "某某市某某局")
    }

    #[test]
    fn dates_in_every_printed_form() {
        for d in [
            "2025年1月20日",
            "2025 年 1 月 20 日",
            "２０２５年１月２０日",
            "二〇二五年一月二十日",
            "二○二五年十二月三十一日",
        ] {
            assert!(is_date(d), "{d}");
        }
        for d in [
            "2025年1月",
            "1月20日",
            "自2024年1月1日至2024年12月31日",
            "2025年1月20日。",
        ] {
            assert!(!is_date(d), "{d}");
        }
    }

    #[test]
    fn agencies_and_what_is_not_one() {
        assert!(is_agency("淮安市人民政府办公室", ""));
        assert!(is_agency("某某县交通运输局", ""));
        assert!(is_agency("平潭综合实验区管委会", ""));
        assert!(is_agency("某某集团", "某某集团"));
        for l in [
            "无",
            "无。",
            "全年收取信息处理费 0 元。",
            "（一）其他事项",
            "局",
            "特此报告",
        ] {
            assert!(!is_agency(l, ""), "{l}");
        }
    }

    #[test]
    fn every_signature_layout() {
        let body = "全年未收取信息处理费。";
        assert_eq!(
            split(&format!("{body}\n\n某某市某某局\n2025年1月20日\n")),
            (2, vec!["某某市某某局".into(), "2025年1月20日".into()])
        );
        assert_eq!(
            split(&format!("{body}\n某某市某某局 2025年1月20日")),
            (1, vec!["某某市某某局 2025年1月20日".into()])
        );
        assert_eq!(
            split(&format!("{body}\n二〇二五年一月二十日")),
            (1, vec!["二〇二五年一月二十日".into()])
        );
        assert_eq!(
            split(&format!("{body}\n某某市某某局")),
            (1, vec!["某某市某某局".into()])
        );
        assert_eq!(split(body), (1, Vec::<String>::new()));
        assert_eq!(split("无"), (1, Vec::<String>::new()));
        assert_eq!(split(""), (0, Vec::<String>::new()));
    }
}
