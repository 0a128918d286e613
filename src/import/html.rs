//! A report saved from a government website: parsed with a real HTML parser (`scraper`, i.e.
//! html5ever), paragraphs to lines and each `<table>` to the grid it draws, with `rowspan` and
//! `colspan` resolved, written as tab-separated rows for the table readers. A spanning cell's
//! text stands in its first grid cell only, so a merged header or group label is read once.

use super::html_depth;
use scraper::{ElementRef, Html, Node};
use std::collections::HashSet;

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "center",
    "dt",
    "dd",
    "caption",
    "form",
    "ul",
    "ol",
];
/// Elements whose text is no part of the report.
const SKIPPED: &[&str] = &["script", "style", "head", "noscript", "template", "iframe"];
/// Spans larger than this are a broken page, not a table.
const MAX_SPAN: usize = 200;
/// Grid cells of one table at most (a report's largest has about 300); a page asking for
/// more is not a report table, and memory stays bounded.
const MAX_GRID: usize = 100_000;

/// True when the text is an HTML document rather than a report's plain text.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start();
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start.chars().take(4096).collect::<String>().to_lowercase();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<table",
        "<p",
        "<div",
        "<meta",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

/// A page read as text.
pub struct PageText {
    /// One paragraph per line, tables as tab-separated grid rows.
    pub text: String,
    /// The nesting the page asked for, when it was more than [`html_depth::MAX_DEPTH`] (the
    /// tags past it were left out).
    pub too_deep: Option<usize>,
}

/// The page's text, one paragraph per line, tables as tab-separated grid rows.
pub fn to_text(html: &str) -> PageText {
    let (bounded, too_deep) = html_depth::bound(html);
    let doc = Html::parse_document(&bounded);
    // Which elements hold a table, found once from each table upwards (asking each table
    // for its descendants would cost the square of the nesting).
    let mut holding = HashSet::new();
    for node in doc.root_element().descendants() {
        if node
            .value()
            .as_element()
            .is_some_and(|e| e.name() == "table")
        {
            for up in node.ancestors() {
                if !holding.insert(up.id()) {
                    break;
                }
            }
        }
    }
    let mut out = Out::default();
    walk(
        doc.root_element(),
        &|el| holding.contains(&el.id()),
        &mut out,
    );
    out.flush();
    PageText {
        text: out.lines.join("\n"),
        too_deep,
    }
}

#[derive(Default)]
struct Out {
    lines: Vec<String>,
    current: String,
}

impl Out {
    fn flush(&mut self) {
        let line = collapse(&self.current);
        if !line.is_empty() {
            self.lines.push(line);
        }
        self.current.clear();
    }
}

/// Runs of whitespace (HTML source line breaks, `&nbsp;`) to one space, trimmed. Full-width
/// spaces are kept: they may be deliberate separators.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// What is left to do, innermost last: walking is iterative, so no nesting exhausts the stack
/// (a worker thread of the folder check has a small one).
enum Step<'a> {
    Element(ElementRef<'a>),
    Text(&'a str),
    /// A data table, read as the grid it draws.
    Table(ElementRef<'a>),
    /// The end of a block: its last line is complete.
    Flush,
    /// A `<br>`: ends the line, or on an empty line is a blank line (`<p><br></p>` is how
    /// website editors, and our HTML export, write the blank line between paragraphs).
    Break,
}

/// Walks the page in document order. `holds_table` is true for a page-layout table (one with a
/// table inside it): its cells are read as paragraphs, the tables inside as tables.
fn walk<'a>(root: ElementRef<'a>, holds_table: &dyn Fn(&ElementRef) -> bool, out: &mut Out) {
    let mut todo = vec![Step::Element(root)];
    while let Some(step) = todo.pop() {
        let el = match step {
            Step::Text(t) => {
                out.current.push_str(t);
                continue;
            }
            Step::Flush => {
                out.flush();
                continue;
            }
            Step::Break => {
                if collapse(&out.current).is_empty() {
                    out.current.clear();
                    out.lines.push(String::new());
                } else {
                    out.flush();
                }
                continue;
            }
            Step::Table(el) => {
                out.flush();
                table(el, out);
                continue;
            }
            Step::Element(el) => el,
        };
        for child in el.children().rev() {
            match child.value() {
                Node::Text(t) => todo.push(Step::Text(t)),
                Node::Element(e) => {
                    let name = e.name();
                    if SKIPPED.contains(&name) {
                        continue;
                    }
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if name == "br" {
                        todo.push(Step::Break);
                    } else if name == "table" && !holds_table(&child_el) {
                        todo.push(Step::Table(child_el));
                    } else if BLOCKS.contains(&name) || name == "tr" {
                        todo.push(Step::Flush);
                        todo.push(Step::Element(child_el));
                        todo.push(Step::Flush);
                    } else {
                        todo.push(Step::Element(child_el));
                    }
                }
                _ => {}
            }
        }
    }
}

/// Text of a cell: every piece of text in it, line breaks inside a cell joined (a label
/// wrapped in its cell is one label).
fn cell_text(el: ElementRef) -> String {
    let joined: String = el
        .text()
        .map(|t| t.trim_matches(|c: char| c.is_whitespace() && c != '\u{3000}'))
        .collect::<Vec<_>>()
        .join("");
    collapse(&joined)
}

fn span(el: &ElementRef, attr: &str) -> usize {
    el.value()
        .attr(attr)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_SPAN)
}

/// Rows of this table (not of tables nested in it), in order.
fn rows<'a>(table: ElementRef<'a>) -> Vec<ElementRef<'a>> {
    let mut out = Vec::new();
    let mut todo: Vec<ElementRef<'a>> = table
        .children()
        .rev()
        .filter_map(ElementRef::wrap)
        .collect();
    while let Some(el) = todo.pop() {
        match el.value().name() {
            "tr" => out.push(el),
            "table" => {}
            _ => todo.extend(el.children().rev().filter_map(ElementRef::wrap)),
        }
    }
    out
}

fn table(el: ElementRef, out: &mut Out) {
    // grid[row][col]: Some(text) at a cell's origin, Some("") where a span covers it.
    let mut grid: Vec<Vec<Option<String>>> = Vec::new();
    let mut merged_number: HashSet<(usize, usize)> = HashSet::new();
    let mut allocated = 0usize;
    'rows: for (r, tr) in rows(el).into_iter().enumerate() {
        if grid.len() <= r {
            grid.resize(r + 1, Vec::new());
        }
        let mut c = 0;
        for td in tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "td" | "th"))
        {
            while grid[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            let (rs, cs) = (span(&td, "rowspan"), span(&td, "colspan"));
            allocated += rs * cs + c;
            if allocated > MAX_GRID {
                break 'rows;
            }
            let text = cell_text(td);
            for dr in 0..rs {
                let row = r + dr;
                if grid.len() <= row {
                    grid.resize(row + 1, Vec::new());
                }
                for dc in 0..cs {
                    let col = c + dc;
                    if grid[row].len() <= col {
                        grid[row].resize(col + 1, None);
                    }
                    grid[row][col] = Some(if dr == 0 && dc == 0 {
                        text.clone()
                    } else {
                        String::new()
                    });
                    // A number merged across columns (Word cells that straddle a grid line
                    // the header draws) is one value: the columns it covers are no blanks.
                    if dr == 0 && dc > 0 && numeric_text(&text) {
                        merged_number.insert((row, col));
                    }
                }
            }
            c += cs;
        }
    }
    // Where the numbers start: label cells before, spanned by merged labels, are layout
    // and not blank values.
    let numeric = |t: &Option<String>| t.as_deref().is_some_and(numeric_text);
    let data_start = grid
        .iter()
        .filter_map(|row| row.iter().position(numeric))
        .min()
        .unwrap_or(0);
    for (r, row) in grid.into_iter().enumerate() {
        let cells: Vec<String> = row
            .into_iter()
            .enumerate()
            .filter(|(c, _)| !merged_number.contains(&(r, *c)))
            .map(|(_, t)| t.unwrap_or_default())
            .collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if !cells.iter().any(|c| numeric(&Some(c.clone()))) {
            out.lines.push(cells.join("\t"));
            continue;
        }
        let split = data_start.min(cells.len());
        let mut parts: Vec<&str> = cells[..split]
            .iter()
            .filter(|c| !c.is_empty())
            .map(String::as_str)
            .collect();
        parts.extend(cells[split..].iter().map(String::as_str));
        out.lines.push(parts.join("\t"));
    }
}

fn numeric_text(t: &str) -> bool {
    super::tokens::as_number(&crate::value::normalize_width(t)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_merged_across_grid_columns_is_one_value() {
        // Word (and LibreOffice) let a cell straddle a grid line that only the header draws.
        let page = r#"<table><tr><td rowspan="2">行政复议</td><td>结果维持</td><td colspan="2">总计</td><td>未经复议</td></tr>
<tr><td>72</td><td colspan="2">351</td><td>13</td></tr></table>"#;
        let text = to_text(page).text;
        assert!(text.ends_with("72\t351\t13"), "{text:?}");
    }

    #[test]
    fn spans_are_resolved_into_the_grid_they_draw() {
        let page = r#"<html><head><title>t</title><style>p{}</style></head><body>
<p>一、总体情况</p><p>文字<br>第二行</p>
<table><tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td></tr>
<tr><td>（三）不予公开</td><td>1.属于国家秘密</td><td>2</td></tr></table>
<p>五、存在的主要问题及改进情况</p></body></html>"#;
        assert!(looks_like_html(page));
        assert_eq!(
            to_text(page).text,
            "一、总体情况\n文字\n第二行\n三、本年度办理结果\t（一）予以公开\t1\n（三）不予公开\t1.属于国家秘密\t2\n五、存在的主要问题及改进情况"
        );
        assert!(!looks_like_html("一、总体情况 <p>"));
        // A page laid out in a table: its cells are paragraphs, the inner table a table.
        let layout = "<html><body><table><tr><td>导航</td><td><p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table></body></html>";
        assert_eq!(to_text(layout).text, "导航\n一、总体情况\n规章\t1");
    }

    #[test]
    fn an_empty_paragraph_with_a_break_is_a_blank_line() {
        let page =
            "<html><body><p>甲</p>\n<p><br></p>\n<p>乙<br></p><p>丙<br><br>丁</p></body></html>";
        assert_eq!(to_text(page).text, "甲\n\n乙\n丙\n\n丁");
        // Empty paragraphs without a break stay invisible, as before.
        assert_eq!(to_text("<p>甲</p><p> </p><p>乙</p>").text, "甲\n乙");
    }
}
