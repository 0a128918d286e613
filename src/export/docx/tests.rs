//! The DOCX read back (zip + XML): page, fonts, the tables' merged header cells and every
//! label and number.

use super::*;
use crate::document::fixture::complete_document;
use std::io::Read;

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut f = zip.by_name(name).expect(name);
    let mut s = String::new();
    f.read_to_string(&mut s).expect("read");
    s
}

/// The `<w:tbl>…</w:tbl>` elements of the document, in order.
fn tables(xml: &str) -> Vec<&str> {
    xml.split("<w:tbl>")
        .skip(1)
        .map(|t| t.split("</w:tbl>").next().unwrap_or(""))
        .collect()
}

fn rows(tbl: &str) -> Vec<&str> {
    tbl.split("<w:tr>").skip(1).collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn the_docx_holds_the_official_tables_with_merged_headers() {
    let doc = complete_document();
    let bytes = render(&doc).expect("docx");
    let xml = part(&bytes, "word/document.xml");
    let text = unescape(&xml);
    assert!(text.contains(&doc.title));
    assert!(
        xml.contains("w:w=\"11906\"") && xml.contains("w:h=\"16838\""),
        "A4"
    );
    assert!(xml.contains(&format!("w:top=\"{}\"", mm(37.0))));
    assert!(xml.contains(FONTS.title) && xml.contains(FONTS.heading1));
    let blocks: Vec<&DocBlock> = doc.tables().flat_map(|t| &t.blocks).collect();
    let tbls = tables(&xml);
    // One Word table per statistics table: table 二's four blocks are rows of one table.
    assert_eq!(tbls.len(), doc.tables().count());
    let t2 = doc.tables().position(|t| t.blocks.len() == 4).expect("t2");
    assert_eq!(
        rows(tbls[t2]).len(),
        4 * 2 + 6,
        "4 captions, 4 headers, 6 rows"
    );
    let t3 = doc
        .tables()
        .position(|t| t.blocks.iter().any(|b| b.id == "requests"))
        .expect("t3");
    let t3b = blocks
        .iter()
        .find(|b| b.id == "requests")
        .expect("t3 block");
    let t3x = rows(tbls[t3]);
    // Header rows, then 25 rows of numbers and the 5 group rows of table 三.
    assert_eq!(t3x.len(), t3b.header.len() + 30);
    assert!(tbls[t3].contains("<w:vMerge w:val=\"restart\""));
    assert!(tbls[t3].contains("<w:vMerge w:val=\"continue\""));
    let t4 = doc
        .tables()
        .position(|t| t.blocks.iter().any(|b| b.id == "cases"))
        .expect("t4");
    assert!(tbls[t4].contains("<w:gridSpan w:val=\"5\""));
    assert!(tbls[t4].contains("<w:gridSpan w:val=\"10\""));
    assert_eq!(tbls[t4].matches("<w:gridCol ").count(), 15);
    // Every label and every number.
    for b in &blocks {
        for c in &b.columns {
            assert!(text.contains(&format!(">{}<", c.label)), "{}", c.label);
        }
        for r in &b.rows {
            assert!(text.contains(&r.label), "{}", r.label);
            for c in &r.cells {
                let v = c.value.as_deref().expect("value");
                assert!(text.contains(&format!(">{v}<")), "{v}");
            }
        }
    }
    let custom = part(&bytes, "docProps/custom.xml");
    assert!(custom.contains(&doc.meta.content_hash));
    assert!(!text.contains("未通过检查"));
}

#[test]
fn a_header_with_rowspans_is_placed_as_a_browser_would() {
    let h = |text: &str, colspan, rowspan| DocHeaderCell {
        text: text.into(),
        colspan,
        rowspan,
    };
    let header = vec![
        vec![h("corner", 1, 2), h("A", 2, 1)],
        vec![h("a1", 1, 1), h("a2", 1, 1)],
    ];
    let placed = placed_header(&header, 3);
    assert_eq!(placed[0][0].merge, Some(true));
    assert_eq!(placed[1][0].merge, Some(false));
    assert_eq!((placed[1][1].text, placed[1][1].start), ("a1", 1));
    assert_eq!((placed[1][2].text, placed[1][2].start), ("a2", 2));
}

#[test]
fn a_level_two_heading_leads_its_paragraph_in_the_heading_font() {
    let doc = complete_document();
    let xml = part(&render(&doc).expect("docx"), "word/document.xml");
    let at = xml.find("（一）主动公开情况。<").expect("heading run");
    let before = &xml[..at];
    let run_start = before.rfind("<w:r>").expect("run");
    assert!(before[run_start..].contains(FONTS.heading2));
    let after = &xml[at..];
    let next = after.find("<w:r>").expect("next run");
    assert!(
        after[next..]
            .split("</w:r>")
            .next()
            .unwrap_or("")
            .contains(FONTS.body)
    );
}

/// The attribute `name="…"` of the first element in `xml`.
fn attr<'x>(xml: &'x str, name: &str) -> Option<&'x str> {
    let at = xml.find(&format!("{name}=\""))? + name.len() + 2;
    xml[at..].split('"').next()
}

/// What Word or WPS would repair: per table, the grid's columns are what every row spans, every
/// cell holds a paragraph, a vertical merge continues a cell of the same place in the row
/// above; the section's references come first; the page number field is whole.
#[test]
fn the_docx_xml_is_well_formed_as_word_reads_it() {
    let bytes = render(&complete_document()).expect("docx");
    let xml = part(&bytes, "word/document.xml");
    for (i, tbl) in tables(&xml).into_iter().enumerate() {
        let grid = tbl.matches("<w:gridCol ").count();
        for col in tbl.split("<w:gridCol ").skip(1) {
            let col = col.split("/>").next().unwrap_or("");
            assert!(!col.contains("w:type"), "w:gridCol has only w:w: {col}");
        }
        let mut above: Vec<(usize, usize, Option<String>)> = Vec::new();
        for (r, row) in rows(tbl).into_iter().enumerate() {
            let mut col = 0;
            let mut here = Vec::new();
            for tc in row.split("<w:tc>").skip(1) {
                assert!(
                    tc.contains("<w:p "),
                    "table {i} row {r}: a cell without a paragraph"
                );
                let span: usize =
                    attr(tc, "<w:gridSpan w:val").map_or(1, |v| v.parse().expect("span"));
                let merge = tc
                    .split("</w:tcPr>")
                    .next()
                    .and_then(|pr| attr(pr, "<w:vMerge w:val"))
                    .map(str::to_string);
                if merge.as_deref() == Some("continue") {
                    assert!(
                        above
                            .iter()
                            .any(|(c, s, m)| *c == col && *s == span && m.is_some()),
                        "table {i} row {r} column {col}: continues no merge"
                    );
                }
                here.push((col, span, merge));
                col += span;
            }
            assert_eq!(
                col, grid,
                "table {i} row {r}: spans {col} of {grid} grid columns"
            );
            above = here;
        }
        // Borders on every cell: the table draws all six.
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            assert!(
                tbl.contains(&format!("<w:{side} w:val=\"single\"")),
                "{side}"
            );
        }
    }
    // Word drops a run property out of the schema's sequence: fonts, bold, colour, size.
    for rpr in xml.split("<w:rPr>").skip(1) {
        let rpr = rpr.split("</w:rPr>").next().unwrap_or("");
        let at = |tag: &str| {
            rpr.find(&format!("<w:{tag} "))
                .or(rpr.find(&format!("<w:{tag}>")))
        };
        let seq: Vec<usize> = ["rFonts", "b", "color", "sz", "szCs"]
            .iter()
            .filter_map(|t| at(t))
            .collect();
        assert!(
            seq.windows(2).all(|w| w[0] < w[1]),
            "w:rPr out of order: {rpr}"
        );
    }
    for ppr in xml.split("<w:pPr>").skip(1) {
        let ppr = ppr.split("</w:pPr>").next().unwrap_or("");
        let seq: Vec<usize> = ["<w:keepNext", "<w:spacing", "<w:ind", "<w:jc", "<w:rPr"]
            .iter()
            .filter_map(|t| ppr.find(t))
            .collect();
        assert!(
            seq.windows(2).all(|w| w[0] < w[1]),
            "w:pPr out of order: {ppr}"
        );
    }
    let sect = xml.rsplit("<w:sectPr>").next().expect("sectPr");
    let (footer, size) = (
        sect.find("<w:footerReference").expect("footer"),
        sect.find("<w:pgSz").expect("size"),
    );
    assert!(footer < size, "references first in w:sectPr");
    assert_eq!(attr(sect, "w:left"), Some(mm(28.0).to_string().as_str()));
    let footer = part(&bytes, "word/footer1.xml");
    for c in ["begin", "separate", "end"] {
        assert_eq!(footer.matches(&format!("w:fldCharType=\"{c}\"")).count(), 1);
    }
    assert!(footer.contains(">— <") && footer.contains("> —<"));
    let fonts = part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains(FONTS.body) && fonts.contains("<w:altName w:val=\"仿宋\""));
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(FONTS.body), "the body font is the default");
}

#[test]
fn table_three_repeats_its_header_rows_and_keeps_its_rows_whole() {
    let doc = complete_document();
    let xml = part(&render(&doc).expect("docx"), "word/document.xml");
    let t3 = doc
        .tables()
        .position(|t| t.blocks.iter().any(|b| b.id == "requests"))
        .expect("t3");
    let levels = doc.tables().nth(t3).expect("t3").blocks[0].header.len();
    let tbl = tables(&xml)[t3];
    assert_eq!(tbl.matches("<w:tblHeader />").count(), levels);
    assert_eq!(tbl.matches("<w:cantSplit />").count(), rows(tbl).len());
    // Table 二 opens with a caption row: nothing to repeat.
    assert!(!tables(&xml)[0].contains("<w:tblHeader"));
}

#[test]
fn a_forced_export_says_at_its_top_that_it_did_not_pass_and_properties_trace_it() {
    let mut doc = complete_document();
    doc.meta.passed_check = false;
    doc.meta.errors = 3;
    let bytes = render(&doc).expect("docx");
    let text = unescape(&part(&bytes, "word/document.xml"));
    let mark = crate::export::html::unchecked_mark(3);
    let (at_mark, at_title) = (
        text.find(&mark).expect("mark"),
        text.find(&doc.title).expect("title"),
    );
    assert!(at_mark < at_title, "the mark comes first");
    let custom = part(&bytes, "docProps/custom.xml");
    for v in [
        doc.meta.draft_id.as_str(),
        &doc.meta.revision.to_string(),
        doc.meta.content_hash.as_str(),
        "failed",
    ] {
        assert!(custom.contains(&format!(">{v}<")), "{v}");
    }
}

#[test]
fn the_preamble_follows_the_title_and_the_signature_closes_right_aligned() {
    let mut doc = complete_document();
    doc.preamble = vec!["本报告根据《中华人民共和国政府信息公开条例》编制。".to_string()];
    doc.signature = vec!["淮河市生态环境局".to_string(), "2025年1月20日".to_string()];
    let bytes = render(&doc).expect("docx");
    let xml = unescape(&part(&bytes, "word/document.xml"));
    let at = |t: &str| xml.find(t).unwrap_or_else(|| panic!("{t} missing"));
    assert!(at(&doc.title) < at("本报告根据"));
    assert!(at("本报告根据") < at(&doc.sections[0].heading));
    let last_section = at(&doc.sections[5].heading);
    let agency = at("<w:t xml:space=\"preserve\">淮河市生态环境局</w:t>");
    assert!(last_section < agency && agency < at("2025年1月20日"));
    // Right-aligned: the paragraph holding the date says so.
    let date_paragraph = xml[..at("2025年1月20日")]
        .rsplit("<w:p>")
        .next()
        .unwrap_or_default();
    assert!(
        date_paragraph.contains(r#"<w:jc w:val="right" />"#),
        "{date_paragraph}"
    );
}

#[test]
fn every_part_is_deflated_and_content_types_come_first() {
    let bytes = render(&complete_document()).expect("docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).expect("zip");
    let first = zip.by_index(0).expect("first").name().to_string();
    assert_eq!(first, "[Content_Types].xml");
    for i in 0..zip.len() {
        let part = zip.by_index(i).expect("part");
        assert_eq!(
            part.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            part.name()
        );
    }
}
