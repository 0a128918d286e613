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
    assert_eq!(tbls.len(), blocks.len());
    let t3 = blocks.iter().position(|b| b.id == "requests").expect("t3");
    let t3x = rows(tbls[t3]);
    // Header rows, then 25 rows of numbers and the 5 group rows of table 三.
    assert_eq!(t3x.len(), blocks[t3].header.len() + 30);
    assert!(tbls[t3].contains("<w:vMerge w:val=\"restart\""));
    assert!(tbls[t3].contains("<w:vMerge w:val=\"continue\""));
    let t4 = blocks.iter().position(|b| b.id == "cases").expect("t4");
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
