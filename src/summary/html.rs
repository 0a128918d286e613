//! The summary as one self-contained web page: two plain tables (reports, then every
//! diagnostic), readable without scripts, printable on A4 landscape.

use super::{Cell, Summary};
use crate::export::html::esc;

const STYLE: &str = "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;margin:1.5em;color:#111}\
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}\
table{border-collapse:collapse;width:100%;font-size:.9em}\
th,td{border:1px solid #999;padding:.25em .45em;vertical-align:top;text-align:left}\
th{background:#eee;position:sticky;top:0}td.n{text-align:right;white-space:nowrap}\
tr.bad td{background:#fdecea}td{white-space:pre-wrap}\
@media print{@page{size:A4 landscape;margin:12mm}th{position:static}tr{break-inside:avoid}}";

pub fn to_html(summary: &Summary) -> String {
    let s = summary.lang.strings();
    let lang = match summary.lang {
        crate::i18n::Lang::Zh => "zh-CN",
        crate::i18n::Lang::En => "en",
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
        title = esc(s.summary_title)
    );
    out.push_str(&format!("<h2>{}</h2>\n", esc(s.summary_reports_sheet)));
    let rows = summary.entries.iter().map(|e| {
        let bad = e.unreadable.is_some() || e.errors > 0;
        (bad, summary.report_row(e))
    });
    table(&mut out, &summary.report_headings(), rows);
    out.push_str(&format!("<h2>{}</h2>\n", esc(s.summary_findings_sheet)));
    let findings = summary.finding_rows().into_iter().map(|r| (false, r));
    table(&mut out, &summary.finding_headings(), findings);
    out.push_str("</body>\n</html>\n");
    out
}

fn table(out: &mut String, headings: &[String], rows: impl Iterator<Item = (bool, Vec<Cell>)>) {
    out.push_str("<table>\n<thead><tr>");
    for h in headings {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (bad, cells) in rows {
        out.push_str(if bad { "<tr class=\"bad\">" } else { "<tr>" });
        for c in &cells {
            match c {
                Cell::Number(_) => out.push_str(&format!("<td class=\"n\">{}</td>", c.as_text())),
                _ => out.push_str(&format!("<td>{}</td>", esc(&c.as_text()))),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
