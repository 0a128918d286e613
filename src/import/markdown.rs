//! Text a PDF/OCR converter wrote as Markdown: headings as `#`/`##`, bold as `**…**`,
//! punctuation escaped with `\`. Their marks are taken off each line before the headings are
//! looked for, so `## 一、总体情况` is a heading and `**第二十条第（一）项**` a table caption;
//! pipe tables are read as tables already (`tokens`).

use crate::trim::trim;

/// Numbered lines of the text.
type Lines = Vec<(usize, String)>;

/// Whether `text` may be Markdown at all: it holds a `#` or a `|` (one search of the whole
/// text; most reports hold neither, and then no line is looked at).
pub(super) fn may_be_markdown(text: &str) -> bool {
    memchr::memchr2(b'#', b'|', text.as_bytes()).is_some()
}

/// Whether the text is Markdown: a line starts with `#` and a space, or a pipe table has its
/// `| --- |` rule.
pub(super) fn looks_like_markdown(lines: &[(usize, String)]) -> bool {
    lines.iter().any(|(_, l)| {
        let t = l.trim_start();
        let hashes = t.len() - t.trim_start_matches('#').len();
        (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) || is_rule_row(t)
    })
}

/// `| --- | :---: |`: the row under a pipe table's header.
pub(super) fn is_rule_row(t: &str) -> bool {
    let t = trim(t);
    t.starts_with('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Takes out the header rows of pipe tables: the first `|` row of a table, right above a rule
/// row, none of whose cells is a number (a converter that made the first data row the header keeps it).
pub(super) fn take_header_rows(lines: Lines) -> (Lines, Lines) {
    let header: Vec<bool> = (0..lines.len())
        .map(|i| {
            let t = lines[i].1.trim();
            t.starts_with('|')
                && !is_rule_row(t)
                && (i == 0 || !lines[i - 1].1.trim().starts_with('|'))
                && lines.get(i + 1).is_some_and(|(_, n)| is_rule_row(n))
                && !t.split('|').any(|c| {
                    let c = crate::value::normalize_width(c.trim());
                    !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
                })
        })
        .collect();
    let (mut kept, mut taken) = (Vec::new(), Vec::new());
    for (l, h) in lines.into_iter().zip(header) {
        if h { taken.push(l) } else { kept.push(l) }
    }
    (kept, taken)
}

/// A line without its Markdown marks: a heading's `#`s, `**` (and `__` around a whole line), a `\`
/// before punctuation (but `\|` inside a table cell stays a bar of the cell's text).
pub(super) fn unmark(line: &str) -> String {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    let mut s = if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
        t[hashes..].trim().to_string()
    } else {
        line.to_string()
    };
    if s.contains("**") {
        s = s.replace("**", "");
    }
    // A converter breaks a long label inside a pipe cell with `<br>`: the label is one.
    if s.contains('|') && s.contains('<') {
        s = without_line_breaks(&s);
    }
    // `__bold__` only as a whole line: `____` inside text is a blank to fill in.
    let t = s.trim();
    if t.len() > 4 && t.starts_with("__") && t.ends_with("__") && !t.trim_matches('_').is_empty() {
        s = t[2..t.len() - 2].to_string();
    }
    if s.contains('\\') {
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\'
                && chars
                    .peek()
                    .is_some_and(|n| n.is_ascii_punctuation() && *n != '|')
            {
                continue;
            }
            out.push(c);
        }
        s = out;
    }
    // A `\` ending a line is Markdown's hard line break.
    if let Some(t) = s.trim_end().strip_suffix('\\') {
        s = t.trim_end().to_string();
    }
    s
}

/// `s` without its HTML line breaks (`<br>`, `<br/>`, `<br />`, any case).
fn without_line_breaks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let end = tag.find('>').map(|e| e + 1);
        let is_break = end.is_some_and(|e| {
            let name: String = tag[1..e - 1]
                .chars()
                .filter(|c| !matches!(c, ' ' | '/'))
                .collect();
            name.eq_ignore_ascii_case("br")
        });
        match end {
            Some(e) if is_break => rest = &tag[e..],
            _ => {
                out.push('<');
                rest = &tag[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The search of the whole text rules out only texts no line of which is Markdown.
        #[test]
        fn a_text_ruled_out_has_no_markdown_line(text in "[#| \t:一a\n-]{0,40}") {
            let lines: Lines = text.split('\n').enumerate().map(|(i, l)| (i + 1, l.to_string())).collect();
            proptest::prop_assert!(!looks_like_markdown(&lines) || may_be_markdown(&text));
        }
    }

    #[test]
    fn marks_come_off() {
        assert_eq!(unmark("## 一、总体情况"), "一、总体情况");
        assert_eq!(unmark("**第二十条第（一）项**"), "第二十条第（一）项");
        assert_eq!(unmark("# **某某局\\*2024年** "), "某某局*2024年");
        assert_eq!(unmark("| a \\| b |"), "| a \\| b |");
        assert_eq!(unmark("#不是标题"), "#不是标题");
        assert_eq!(unmark("__一、总体情况__"), "一、总体情况");
        assert_eq!(unmark("于____年公开"), "于____年公开");
        assert_eq!(unmark("**某某局**\\  "), "某某局");
        // A label broken inside a pipe cell is one label; other `<` stay.
        assert_eq!(
            unmark("| 一、本年新收<br>政府信息公开<BR/>申请数量 | 3<br /> | a < b | <b>x</b> |"),
            "| 一、本年新收政府信息公开申请数量 | 3 | a < b | <b>x</b> |"
        );
        assert_eq!(unmark("正文<br>不在表中"), "正文<br>不在表中");
    }

    #[test]
    fn markdown_is_told_by_its_headings_or_table_rules() {
        let l = |s: &str| vec![(1, s.to_string())];
        assert!(looks_like_markdown(&l("## 一、总体情况")));
        assert!(looks_like_markdown(&l("| --- | :---: |")));
        assert!(!looks_like_markdown(&l("一、总体情况")));
        assert!(!looks_like_markdown(&l("- 3 -")));
    }
}
