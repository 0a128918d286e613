//! The report as Markdown with GFM tables. GFM has no merged cells, so a column's heading is
//! its groups and label joined with `·` (`法人或其他组织·商业企业`) and a group row such as
//! （三）不予公开 is a row with empty cells.

use crate::document::{DocBlock, Document};

/// Joins a column's group labels and its own in a flattened heading.
pub const HEADING_JOIN: &str = "·";

pub fn render(doc: &Document) -> String {
    let mut out = Vec::new();
    if !doc.meta.passed_check {
        out.push(format!(
            "> **{}**",
            cell(&super::html::unchecked_mark(doc.meta.errors))
        ));
        out.push(String::new());
    }
    out.push(format!("# {}", inline(&doc.title)));
    out.push(String::new());
    for p in doc.preamble.iter().filter(|p| !p.is_empty()) {
        out.push(inline(p));
        out.push(String::new());
    }
    for s in &doc.sections {
        out.push(format!("## {}", inline(&s.heading)));
        out.push(String::new());
        // A blank line between paragraphs is Markdown's paragraph break already.
        for p in s.paragraphs.iter().filter(|p| !p.is_empty()) {
            out.push(inline(p));
            out.push(String::new());
        }
        for b in s.table.iter().flat_map(|t| &t.blocks) {
            block(&mut out, b);
        }
    }
    // The signature as one paragraph, a hard line break (`\\` at the end) between its lines:
    // Markdown cannot align right.
    let n = doc.signature.len();
    for (i, line) in doc.signature.iter().enumerate() {
        let brk = if i + 1 < n { "\\" } else { "" };
        out.push(format!("{}{brk}", inline(line)));
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.push(format!(
        "<!-- nianbao {} draft {} revision {} hash {} -->",
        env!("CARGO_PKG_VERSION"),
        doc.meta.draft_id.replace("--", "- -"),
        doc.meta.revision,
        doc.meta.content_hash
    ));
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn block(out: &mut Vec<String>, b: &DocBlock) {
    if let Some(c) = &b.caption {
        out.push(format!("**{}**", inline(c)));
        out.push(String::new());
    }
    let mut head = Vec::new();
    if b.has_row_labels {
        head.push(
            b.header
                .first()
                .and_then(|r| r.first())
                .map(|c| cell(&c.text))
                .unwrap_or_default(),
        );
    }
    head.extend(b.columns.iter().map(|c| cell(&c.flat_label(HEADING_JOIN))));
    out.push(row(&head));
    out.push(row(&vec!["---".to_string(); head.len()]));
    for r in &b.rows {
        let mut cells = Vec::new();
        if b.has_row_labels {
            cells.push(cell(&r.label));
        }
        if r.group {
            cells.extend(std::iter::repeat_n(String::new(), b.columns.len()));
        }
        cells.extend(
            r.cells
                .iter()
                .map(|c| cell(c.value.as_deref().unwrap_or(""))),
        );
        out.push(row(&cells));
    }
    out.push(String::new());
}

fn row(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

/// Text in a table cell: a `|` would end the cell, a line break the row.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|").replace('\n', " ")
}

/// Text that Markdown or an HTML-aware viewer would otherwise read as markup.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            // At a line's start these would make a heading, a list or a quote.
            '#' | '-' | '+' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::fixture::complete_document;

    #[test]
    fn every_label_and_number_is_in_the_markdown() {
        let doc = complete_document();
        let md = render(&doc);
        assert!(md.starts_with(&format!("# {}\n", doc.title)));
        for s in &doc.sections {
            assert!(md.contains(&format!("## {}\n", s.heading)), "{}", s.heading);
            for b in s.table.iter().flat_map(|t| &t.blocks) {
                for c in &b.columns {
                    assert!(
                        md.contains(&cell(&c.flat_label(HEADING_JOIN))),
                        "{}",
                        c.label
                    );
                }
                for r in b.rows.iter().filter(|_| b.has_row_labels) {
                    let line = md
                        .lines()
                        .find(|l| l.starts_with(&format!("| {} |", cell(&r.label))))
                        .expect("row line");
                    let values: Vec<&str> =
                        r.cells.iter().filter_map(|c| c.value.as_deref()).collect();
                    let shown: Vec<&str> =
                        line.trim_matches('|').split(" | ").map(str::trim).collect();
                    let expected_len = b.columns.len() + usize::from(b.has_row_labels);
                    assert_eq!(shown.len(), expected_len, "{line}");
                    if !r.group {
                        assert_eq!(&shown[1..], &values[..], "{}", r.label);
                    }
                }
            }
        }
        assert!(md.contains("法人或其他组织·商业企业"));
        assert!(md.contains(&doc.meta.content_hash));
        assert!(!md.contains("未通过检查"));
    }

    #[test]
    fn table_four_is_one_gfm_table_of_fifteen_columns() {
        let doc = complete_document();
        let md = render(&doc);
        let sep = format!("| {} |", vec!["---"; 15].join(" | "));
        assert_eq!(md.lines().filter(|l| *l == sep).count(), 1);
        let t4 = doc.tables().find(|t| t.id == "t4").expect("t4");
        let values: Vec<&str> = t4.blocks[0].rows[0]
            .cells
            .iter()
            .filter_map(|c| c.value.as_deref())
            .collect();
        assert!(md.contains(&row(
            &values.iter().map(|v| v.to_string()).collect::<Vec<_>>()
        )));
    }

    #[test]
    fn markup_in_text_stays_text() {
        assert_eq!(cell("a|b*c"), "a\\|b\\*c");
        assert_eq!(inline("# 不是标题"), "\\# 不是标题");
        assert_eq!(inline("1-2"), "1-2");
    }

    #[test]
    fn preamble_after_the_title_and_signature_at_the_end() {
        let mut doc = complete_document();
        assert!(doc.preamble.is_empty() && doc.signature.is_empty());
        let plain = render(&doc);
        doc.preamble = vec![
            "本报告根据《条例》编制。".into(),
            String::new(),
            "如有疑问请联系。".into(),
        ];
        doc.signature = vec!["某某市某某局".into(), "2025年1月20日".into()];
        let md = render(&doc);
        assert!(md.starts_with(&format!(
            "# {}\n\n本报告根据《条例》编制。\n\n如有疑问请联系。\n\n## ",
            doc.title
        )));
        assert!(
            md.contains("\n\n某某市某某局\\\n2025年1月20日\n<!-- nianbao"),
            "{md}"
        );
        // Without them, nothing changes.
        assert!(!plain.contains("2025年1月20日"));
    }
}
