//! Paragraphs out of hard-wrapped lines. A PDF's text layer (and what converters make of it)
//! ends every printed line with a line break, so a paragraph arrives as lines of nearly the
//! same width, its last one shorter. Those lines are joined again; a short line, a blank
//! line, or a line that opens with a paragraph's numbering (`（二）`, `2.`, `一是`) still ends
//! a paragraph. Text whose lines do not look wrapped (a web page, our own export: one line
//! per paragraph) is left exactly as it is.

use crate::textwidth::width;

/// Lines of at least this share of the wrap width are "full": the text went on.
const FULL: f64 = 0.88;
/// At least this many full lines, and this share of all non-blank lines, before a text is
/// taken as wrapped.
const MIN_FULL_LINES: usize = 3;
const MIN_FULL_SHARE: f64 = 0.5;
/// A paragraph's first line is indented by two characters (four columns); a line at least
/// this much narrower than the wrap may be one.
const INDENT: usize = 3;
/// Wrapped lines are narrower than this (display columns); longer lines are paragraphs.
const MAX_WRAP: usize = 120;

/// The lines joined where a layout broke them at `wrap` columns (see [`wrap_width`]): each
/// output line with the index (into `lines`) of the first line it came from.
pub fn reflow(lines: &[&str], wrap: usize) -> Vec<(usize, String)> {
    let spaced = spaces_around_numbers(lines);
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.push((i, line.to_string()));
            open = false;
            continue;
        }
        // After a sentence that ended at the edge, a line narrower than the wrap by about
        // two characters is a new paragraph's first line: its indent was lost.
        let indented = out
            .last()
            .is_some_and(|(_, prev)| prev.ends_with(['。', '！', '？', '；', '：']))
            && width(line.trim_end()) + INDENT <= wrap;
        match out.last_mut() {
            Some((_, prev)) if open && !indented && !opens_paragraph(line) => {
                join(prev, trimmed, spaced)
            }
            _ => out.push((i, line.trim_end().to_string())),
        }
        // The paragraph goes on after a full line that does not end a sentence at its edge.
        let w = width(line.trim_end());
        open = (w as f64) >= FULL * wrap as f64;
    }
    out
}

/// The width the lines were wrapped at, when they look wrapped: the widest lines' width,
/// with enough lines close to it. `None` for text that is not wrapped (a web page, our own
/// export: one line per paragraph), which is then left exactly as it is.
pub fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| width(l.trim_end()))
        .filter(|w| *w > 0)
        .collect();
    if widths.len() < MIN_FULL_LINES {
        return None;
    }
    widths.sort_unstable();
    // The 90th percentile, so that one overlong line (a URL) does not set the width.
    let wrap = widths[(widths.len() - 1) * 9 / 10];
    if !(16..=MAX_WRAP).contains(&wrap) {
        return None;
    }
    let full = widths
        .iter()
        .filter(|w| **w as f64 >= FULL * wrap as f64)
        .count();
    (full >= MIN_FULL_LINES && full as f64 >= MIN_FULL_SHARE * widths.len() as f64).then_some(wrap)
}

/// A line that starts a paragraph of its own: indented, or opening with a heading's or an
/// item's numbering.
fn opens_paragraph(line: &str) -> bool {
    if line.starts_with("  ") || line.starts_with('\u{3000}') || line.starts_with('\t') {
        return true;
    }
    let t = line.trim_start();
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    let third = chars.next().unwrap_or(' ');
    const NUMERALS: &str = "一二三四五六七八九十";
    match first {
        '（' | '(' => NUMERALS.contains(second) || second.is_ascii_digit(),
        c if NUMERALS.contains(c) => {
            matches!(second, '、' | '是' | '．' | '.')
                || (NUMERALS.contains(second) && matches!(third, '、' | '是'))
        }
        c if c.is_ascii_digit() => {
            // `1.` `2、` `3．` — not `2024 年` (a number the line broke before).
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            let mut after = t.chars().skip(digits);
            digits <= 2
                && after
                    .next()
                    .is_some_and(|c| matches!(c, '.' | '、' | '．' | '）' | ')'))
                // `3.5 万元` is a number, not an item.
                && !after.next().is_some_and(|c| c.is_ascii_digit())
        }
        '①'..='⑳' | '第' => {
            first != '第' || t.chars().nth(2).is_some_and(|c| matches!(c, '、' | '是'))
        }
        _ => false,
    }
}

/// Whether the text writes a space between Chinese and a number (`公开 5500 余条`, as PDF
/// text layers often do): a join at such a place follows the text's own habit.
fn spaces_around_numbers(lines: &[&str]) -> bool {
    let (mut spaced, mut tight) = (0, 0);
    for line in lines {
        let chars: Vec<char> = line.chars().collect();
        for w in chars.windows(2) {
            if is_cjk(w[0]) && w[1].is_ascii_digit() {
                tight += 1;
            }
        }
        for w in chars.windows(3) {
            if is_cjk(w[0]) && w[1] == ' ' && w[2].is_ascii_digit() {
                spaced += 1;
            }
        }
    }
    spaced > tight
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Appends a wrapped line's continuation: words of Latin letters or digits cut by the wrap
/// keep a space between them; Chinese text none, unless the text spaces its numbers.
fn join(prev: &mut String, next: &str, spaced: bool) {
    let last = prev.chars().last().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    let words = last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric();
    let number = spaced
        && ((is_cjk(last) && first.is_ascii_digit()) || (last.is_ascii_digit() && is_cjk(first)));
    if words || number {
        prev.push(' ');
    }
    prev.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reflow(lines: &[&str]) -> Vec<(usize, String)> {
        match wrap_width(lines) {
            Some(w) => super::reflow(lines, w),
            None => lines
                .iter()
                .enumerate()
                .map(|(i, l)| (i, l.to_string()))
                .collect(),
        }
    }

    fn texts(out: &[(usize, String)]) -> Vec<&str> {
        out.iter().map(|(_, l)| l.as_str()).collect()
    }

    #[test]
    fn a_pdf_paragraph_is_one_line_again_and_paragraph_ends_are_kept() {
        let lines = [
            "2024 年，我市坚持以习近平新时代中国特色社会主义思想为",
            "指导，认真学习宣传贯彻党的二十大和二十届二中、三中全会精",
            "神，按照党中央国务院、省委省政府决策部署和市委工作要求，",
            "严格落实《中华人民共和国政府信息公开条例》各项规定，圆满",
            "完成了各项任务。",
            "（一）主动公开情况。2024 年，市政府网站主动公开各类政",
            "府信息 5500 余条，全年新增公开市政府规章 1 件、市政府及市",
            "政府办政策性文件 11 件，通过文字、图片等形式制作政策解读",
            "21 个。",
        ];
        let out = reflow(&lines);
        assert_eq!(
            texts(&out),
            vec![
                "2024 年，我市坚持以习近平新时代中国特色社会主义思想为指导，认真学习宣传贯彻党的二十大和二十届二中、三中全会精神，按照党中央国务院、省委省政府决策部署和市委工作要求，严格落实《中华人民共和国政府信息公开条例》各项规定，圆满完成了各项任务。",
                "（一）主动公开情况。2024 年，市政府网站主动公开各类政府信息 5500 余条，全年新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件，通过文字、图片等形式制作政策解读 21 个。",
            ]
        );
        assert_eq!(out[1].0, 5, "each paragraph names its first source line");
    }

    #[test]
    fn a_sentence_ending_at_the_edge_before_an_indented_first_line_ends_the_paragraph() {
        let lines = [
            "对照上级新要求和公众新期待，还有一些需要加强和改进的地方",
            "主要表现在：一是政策解读质量仍需提升，个别单位政策解读内容",
            "简单、形式单一；二是个别单位存在人员配备不足的问题。",
            "针对存在问题，下一步，我市将着力加强政策解读质效，",
            "点提升解读的针对性和通俗化，探索建立政社合作的新模式，",
            "做好政策宣传。",
        ];
        let out = reflow(&lines);
        assert_eq!(out.len(), 2, "{:#?}", texts(&out));
        assert!(out[1].1.starts_with("针对存在问题"));
    }

    #[test]
    fn text_that_is_not_wrapped_is_left_alone() {
        let lines = [
            "本年度，我局认真贯彻落实《条例》，各项工作有序推进。",
            "",
            "（一）主动公开。全年主动公开信息 120 条。",
            "（二）依申请公开。全年收到申请 3 件，均已按时答复。",
            "一是加强培训；",
            "二是完善制度。",
        ];
        let out = reflow(&lines);
        assert_eq!(texts(&out), lines.to_vec());
    }

    #[test]
    fn numbered_items_and_indents_start_new_paragraphs_even_after_a_full_line() {
        let lines = [
            "我们在本年度开展了大量工作，取得了一定的成效，具体情况如下",
            "所述，各项任务均按计划推进，群众满意度进一步得到了提升，",
            "为下一步工作打下了坚实的基础，也积累了一些有益的经验做法",
            "1.完善制度建设，修订了政府信息公开工作规范等三项制度文",
            "件，进一步明确了工作流程和责任分工，提升了工作规范化水平",
            "　　二是加强队伍建设，举办培训班两期，参训人员达到一百余",
            "人次。",
        ];
        let out = reflow(&lines);
        assert_eq!(out.len(), 3, "{:#?}", texts(&out));
        assert!(out[1].1.starts_with("1.完善"));
        assert!(out[2].1.starts_with("　　二是"));
    }

    #[test]
    fn words_cut_by_the_wrap_keep_their_space() {
        let mut s = String::from("办理时限为20");
        join(&mut s, "个工作日", false);
        assert!(s.ends_with("20个工作日"));
        let mut s = String::from("办理时限为 20");
        join(&mut s, "个工作日", true);
        assert!(s.ends_with("20 个工作日"));
        let mut s = String::from("open government");
        join(&mut s, "information", false);
        assert_eq!(s, "open government information");
    }
}
