//! HTML tables inside a text (a PDF converter's Markdown, such as MinerU's, writes each table
//! as `<table>…</table>` between its paragraphs): each table is read as a web page's table
//! would be, and the text around it is kept as it is.

/// `text` with every HTML table that starts a line turned into text lines, or `None` when it
/// has none (most texts: one search).
pub fn inline_tables(text: &str) -> Option<String> {
    // Most texts have no `<` at all (a report's 《》 are other characters).
    memchr::memchr(b'<', text.as_bytes())?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(start) = table_start(rest) {
        let Some(end) = table_end(&rest[start..]) else {
            break;
        };
        out.push_str(&rest[..start]);
        let page = super::html::to_text(&rest[start..start + end]);
        out.push_str(&page.text);
        rest = &rest[start + end..];
        changed = true;
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Where a `<table` that starts a line (after spaces) begins.
fn table_start(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = find_ci(&text[from..], "<table").map(|i| from + i) {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..at].trim().is_empty() {
            return Some(at);
        }
        from = at + "<table".len();
    }
    None
}

/// The end of the table `text` starts with (just past its `</table>`), nested tables
/// counted; `None` when it never closes.
fn table_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        let open = find_ci(&text[at..], "<table").map(|i| at + i);
        let close = find_ci(&text[at..], "</table").map(|i| at + i)?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                at = o + "<table".len();
            }
            _ => {
                depth = depth.saturating_sub(1);
                let gt = text[close..]
                    .find('>')
                    .map_or(text.len(), |i| close + i + 1);
                if depth == 0 {
                    return Some(gt);
                }
                at = gt;
            }
        }
    }
}

/// The first place `needle` (ASCII, starting with `<`) occurs in `hay`, in any case: only
/// where a `<` stands is the rest compared.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    memchr::memchr_iter(b'<', h).find(|&at| {
        h.get(at..at + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_in_markdown_becomes_lines_and_the_text_stays() {
        let md = "# 二、主动公开政府信息情况\n\n<table><tr><td>规章</td><td>1</td><td>0</td></tr>\n<tr><td>行政许可</td><td>12</td></tr></table>\n\n# 三、收到\n";
        let out = inline_tables(md).expect("a table");
        assert!(out.starts_with("# 二、主动公开政府信息情况\n\n"), "{out}");
        assert!(out.contains("规章"), "{out}");
        assert!(out.contains("行政许可"), "{out}");
        assert!(!out.contains("<td>"), "{out}");
        assert!(out.ends_with("\n\n# 三、收到\n"), "{out}");
    }

    #[test]
    fn text_without_a_table_at_a_line_start_is_left_alone() {
        assert_eq!(inline_tables("一、总体情况\n本年无表格。"), None);
        assert_eq!(inline_tables("文中提到 <table> 标签"), None);
        // Never closed: left as it is.
        assert_eq!(inline_tables("<table><tr><td>1</td></tr>"), None);
    }

    #[test]
    fn nested_tables_end_with_the_outer_one() {
        let t = "<TABLE><tr><td><table><tr><td>1</td></tr></table></td></tr></TABLE>\n后文";
        let out = inline_tables(t).expect("a table");
        assert!(out.ends_with("后文"), "{out}");
        assert!(out.contains('1') && !out.contains("</"), "{out}");
        // Any case of the tag.
        assert!(inline_tables("<Table><tr><td>规章</td></tr></Table>").is_some());
    }
}
