//! The report as one self-contained web page: inline CSS, no script, nothing fetched; real
//! `<table>`s with `rowspan`/`colspan`, so it opens in a browser and pastes into a website's
//! editor. `<meta>` tags trace the page to its draft revision. The importer reads the page
//! back to the same draft: paragraphs are `<p>`, and a caption is a paragraph before its table
//! as in the text export.

use crate::document::{DocBlock, Document};

const STYLE: &str = "body{font-family:\"FangSong\",\"仿宋\",\"仿宋_GB2312\",serif;max-width:60em;\
margin:2em auto;padding:0 1em;line-height:1.8}\
h1{text-align:center;font-size:1.6em}h2{font-size:1.2em}\
p{text-indent:2em;margin:.3em 0}p.caption{text-indent:0;font-weight:bold;margin-top:1em}\
p.unchecked{text-indent:0;color:#b00;border:2px solid #b00;padding:.5em;font-weight:bold}\
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}\
th,td{border:1px solid #000;padding:.2em .4em}td{text-align:center}\
th.row{text-align:left;font-weight:normal}th.d1{padding-left:1.5em}th.d2{padding-left:3em}\
td.total{font-weight:bold}p.signature{text-indent:0;text-align:right}p.signature.first{margin-top:2em}";

/// What a forced export of a report with errors says at its top, so that an unfinished draft
/// is never mistaken for the final one.
pub(crate) fn unchecked_mark(errors: usize) -> String {
    format!(
        "未通过检查（{errors} 个错误），不是定稿 / did not pass the check ({errors} errors): not final"
    )
}

/// The whole page.
pub fn render(doc: &Document) -> String {
    let m = &doc.meta;
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    let metas = [
        (
            "generator",
            format!("nianbao {}", env!("CARGO_PKG_VERSION")),
        ),
        ("nianbao-draft-id", m.draft_id.clone()),
        ("nianbao-revision", m.revision.to_string()),
        ("nianbao-content-hash", m.content_hash.clone()),
        ("nianbao-format", m.format_id.clone()),
        (
            "nianbao-check",
            if m.passed_check { "passed" } else { "failed" }.to_string(),
        ),
    ];
    for (name, content) in metas {
        out += &format!("<meta name=\"{name}\" content=\"{}\">\n", esc(&content));
    }
    out += &format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&doc.title)
    );
    if !m.passed_check {
        out += &format!(
            "<p class=\"unchecked\">{}</p>\n",
            esc(&unchecked_mark(m.errors))
        );
    }
    out += &format!("<h1>{}</h1>\n", esc(&doc.title));
    paragraphs(&mut out, &doc.preamble);
    for s in &doc.sections {
        out += &format!("<h2>{}</h2>\n", esc(&s.heading));
        paragraphs(&mut out, &s.paragraphs);
        for b in s.table.iter().flat_map(|t| &t.blocks) {
            block(&mut out, b);
        }
    }
    // The signature right-aligned, one paragraph a line; the inline style survives a paste
    // into a website editor that drops the style sheet.
    for (i, line) in doc.signature.iter().enumerate() {
        let first = if i == 0 { " first" } else { "" };
        out += &format!(
            "<p class=\"signature{first}\" style=\"text-align:right\">{}</p>\n",
            esc(line)
        );
    }
    out += "</body>\n</html>\n";
    out
}

fn paragraphs(out: &mut String, lines: &[String]) {
    for p in lines {
        if p.is_empty() {
            // An empty paragraph as website editors write it; the importer reads it back
            // as a blank line.
            *out += "<p><br></p>\n";
        } else {
            *out += &format!("<p>{}</p>\n", esc(p));
        }
    }
}

fn block(out: &mut String, b: &DocBlock) {
    if let Some(c) = &b.caption {
        *out += &format!("<p class=\"caption\">{}</p>\n", esc(c));
    }
    *out += "<table>\n<thead>\n";
    for row in &b.header {
        *out += "<tr>";
        for c in row {
            *out += "<th";
            if c.colspan > 1 {
                *out += &format!(" colspan=\"{}\"", c.colspan);
            }
            if c.rowspan > 1 {
                *out += &format!(" rowspan=\"{}\"", c.rowspan);
            }
            *out += &format!(">{}</th>", esc(&c.text));
        }
        *out += "</tr>\n";
    }
    *out += "</thead>\n<tbody>\n";
    for r in &b.rows {
        *out += "<tr>";
        if b.has_row_labels {
            *out += &format!(
                "<th class=\"row d{}\" scope=\"row\">{}</th>",
                r.depth.min(2),
                esc(&r.label)
            );
        }
        if r.group {
            *out += &"<td></td>".repeat(b.columns.len());
        }
        for c in &r.cells {
            let class = if c.computed { " class=\"total\"" } else { "" };
            *out += &format!("<td{class}>{}</td>", esc(c.value.as_deref().unwrap_or("")));
        }
        *out += "</tr>\n";
    }
    *out += "</tbody>\n</table>\n";
}

/// Text as HTML: the five characters that could end an element or an attribute escaped.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::fixture::complete;
    use crate::import::{ImportOptions, import_text};

    fn reimport(html: &str) -> crate::draft::Draft {
        let (f, d, _) = complete();
        let opts = ImportOptions {
            id: d.id.clone(),
            agency: None,
            year: None,
            kind: None,
            now: d.created,
        };
        import_text(f, html, "UTF-8", &opts).draft
    }

    #[test]
    fn the_page_imports_back_to_the_identical_draft() {
        let (f, d, e) = complete();
        let html = render(&Document::build(f, &d, &e, &e.diagnostics));
        let back = reimport(&html);
        assert_eq!(back.agency, d.agency);
        assert_eq!(back.year, d.year);
        assert_eq!(back.agency_kind, d.agency_kind);
        assert_eq!(back.sections, d.sections);
        assert_eq!(back.cells, d.cells);
        assert!(!d.cells.is_empty());
    }

    #[test]
    fn preamble_and_signature_render_and_import_back_identical() {
        let (f, mut d, _) = complete();
        d.set_section_text(
            "preamble",
            "本报告根据《中华人民共和国政府信息公开条例》编制。\n\n如对本报告有疑问，请与某某局联系（电话：010-12345678）。",
        );
        d.set_section_text("signature", "某某市某某局\n2025年1月20日");
        let e = crate::rules::evaluate(f, &d, crate::rules::Stage::Final, d.created.date_naive());
        let doc = Document::build(f, &d, &e, &e.diagnostics);
        assert_eq!(doc.preamble.len(), 3);
        assert_eq!(doc.signature, vec!["某某市某某局", "2025年1月20日"]);
        let html = render(&doc);
        let preamble = html.find("<p>本报告根据").expect("preamble");
        assert!(html.find("</h1>").expect("title") < preamble);
        assert!(preamble < html.find("<h2>").expect("heading"));
        assert!(html.contains(
            "<p class=\"signature first\" style=\"text-align:right\">某某市某某局</p>\n\
             <p class=\"signature\" style=\"text-align:right\">2025年1月20日</p>\n</body>"
        ));
        let back = reimport(&html);
        assert_eq!(back.sections, d.sections);
        assert_eq!(back.cells, d.cells);
    }

    #[test]
    fn the_page_is_self_contained_and_traceable() {
        let (f, d, e) = complete();
        let html = render(&Document::build(f, &d, &e, &e.diagnostics));
        for forbidden in ["<script", "<link", "src=", "http://", "https://", "@import"] {
            assert!(!html.contains(forbidden), "{forbidden}");
        }
        assert!(html.contains(&format!(
            "<meta name=\"nianbao-content-hash\" content=\"{}\">",
            crate::document::content_hash(&d)
        )));
        assert!(html.contains("<meta name=\"nianbao-draft-id\" content=\"2024-abc123\">"));
        assert!(html.contains("<meta name=\"nianbao-check\" content=\"passed\">"));
        assert!(!html.contains("unchecked\">"));
        assert_eq!(
            html.matches("<table>").count(),
            html.matches("</table>").count()
        );
        // Table 四 is one table: 行政复议 over 5 columns, 行政诉讼 over 10, in one header row.
        assert!(
            html.contains(
                "<tr><th colspan=\"5\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>"
            )
        );
    }

    #[test]
    fn a_forced_page_of_a_report_with_errors_says_so_at_the_top() {
        let (f, mut d, _) = complete();
        d.set_cell(f, &crate::format::CellRef::new("t3", "new", "natural"), "1");
        let e = crate::rules::evaluate(f, &d, crate::rules::Stage::Final, d.created.date_naive());
        let doc = Document::build(f, &d, &e, &e.diagnostics);
        let html = render(&doc);
        let mark = html.find("class=\"unchecked\"").expect("mark");
        assert!(mark < html.find("<h1>").expect("title"));
        assert!(html.contains(&esc(&unchecked_mark(doc.meta.errors))));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
