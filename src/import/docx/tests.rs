//! DOCX read as HTML: our own Word export back to the same draft, Word's automatic numbers,
//! merged cells, and the parts that are no part of the text.

use super::*;
use crate::import::{ImportOptions, import_text};
use std::io::Write;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn docx(document: &str, numbering: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).expect("start");
    zip.write_all(document.as_bytes()).expect("write");
    if let Some(n) = numbering {
        zip.start_file("word/numbering.xml", opts).expect("start");
        zip.write_all(n.as_bytes()).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

fn body(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{inner}</w:body></w:document>"#
    )
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn numbered(num: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn opts() -> ImportOptions {
    ImportOptions {
        id: "2024-docx01".into(),
        agency: None,
        year: None,
        kind: None,
        now: chrono::DateTime::parse_from_rfc3339("2025-01-10T09:00:00+08:00").expect("now"),
    }
}

#[test]
fn our_own_word_export_reads_back_to_the_same_draft() {
    let (f, original, eval) = crate::document::fixture::complete();
    let doc = crate::document::Document::build(f, &original, &eval, &eval.diagnostics);
    let bytes = crate::export::docx::render(&doc).expect("docx");
    let html = to_html(&bytes).expect("read");
    let back = import_text(f, &html, "DOCX", &opts()).draft;
    let mut cells = 0;
    {
        for cell in f.cells() {
            assert_eq!(
                back.cell(&cell),
                original.cell(&cell),
                "{cell:?} differs after DOCX export and import"
            );
            cells += 1;
        }
    }
    assert!(cells > 100, "every table's cells compared ({cells})");
    // Word has no blank line between paragraphs (each is a paragraph of its own).
    let paragraphs = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    for s in &f.sections {
        assert_eq!(
            paragraphs(back.section_text(&s.id)),
            paragraphs(original.section_text(&s.id)),
            "section {} differs",
            s.id
        );
    }
    assert_eq!(back.agency, original.agency);
    assert_eq!(back.year, original.year);
}

#[test]
fn word_numbers_are_written_in_front_of_their_paragraphs() {
    let numbering = format!(
        r#"<w:numbering {W}>
        <w:abstractNum w:abstractNumId="7">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="8">
          <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
        <w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>
        </w:numbering>"#
    );
    let doc = body(
        &[
            numbered(3, 0, "总体情况"),
            numbered(3, 1, "主动公开"),
            numbered(3, 1, "依申请公开"),
            numbered(3, 2, "第一点"),
            numbered(3, 0, "主动公开政府信息情况"),
            numbered(3, 1, "又一个"),
            numbered(4, 0, "要点"),
        ]
        .concat(),
    );
    let html = to_html(&docx(&doc, Some(&numbering))).expect("read");
    for expected in [
        "<p>一、总体情况</p>",
        "<p>（一）主动公开</p>",
        "<p>（二）依申请公开</p>",
        "<p>1.第一点</p>",
        "<p>二、主动公开政府信息情况</p>",
        // A new level-one item restarts the level below it.
        "<p>（一）又一个</p>",
        // Bullets are no number.
        "<p>要点</p>",
    ] {
        assert!(html.contains(expected), "{expected} missing in:\n{html}");
    }
}

#[test]
fn merged_cells_become_colspan_and_rowspan() {
    let tc = |props: &str, text: &str| {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    };
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        tc(r#"<w:vMerge w:val="restart"/>"#, "信息内容"),
        tc(r#"<w:gridSpan w:val="2"/>"#, "申请人情况"),
        tc("<w:vMerge/>", ""),
        tc("", "自然人"),
        tc("", "商业企业"),
        tc("", "规章"),
        tc("", "3"),
        tc("", "4"),
    );
    let html = to_html(&docx(&body(&table), None)).expect("read");
    assert!(html.contains(r#"<td rowspan="2">信息内容</td>"#), "{html}");
    assert!(
        html.contains(r#"<td colspan="2">申请人情况</td>"#),
        "{html}"
    );
    // The continuing cell is left out; the row keeps its two other cells.
    assert!(
        html.contains("<tr><td>自然人</td><td>商业企业</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><td>规章</td><td>3</td><td>4</td></tr>"),
        "{html}"
    );
}

#[test]
fn text_boxes_deleted_text_and_field_codes_are_left_out() {
    let doc = body(concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">正文 </w:t></w:r>"#,
        r#"<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>"#,
        r#"<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"#,
        r#"<w:r><w:t>继续&amp;&#x4E00;</w:t></w:r><w:r><w:tab/><w:t>末</w:t></w:r></w:p>"#,
    ));
    let html = to_html(&docx(&doc, None)).expect("read");
    assert!(html.contains("<p>正文 继续&amp;一\t末</p>"), "{html}");
    for gone in ["文本框", "删掉的", "PAGE"] {
        assert!(!html.contains(gone), "{gone} kept:\n{html}");
    }
}

#[test]
fn what_is_not_a_word_document_says_so() {
    assert!(matches!(to_html(b"plain text"), Err(DocxError::NotDocx(_))));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .expect("start");
    zip.write_all(b"<workbook/>").expect("write");
    let xlsx = zip.finish().expect("finish").into_inner();
    match to_html(&xlsx) {
        Err(DocxError::NotDocx(m)) => assert!(m.contains("word/document.xml"), "{m}"),
        other => panic!("an Excel file read as {other:?}"),
    }
    // A document.xml cut in the middle is damaged, not a panic.
    let cut = docx(&body(&p("一、总体情况"))[..60], None);
    assert!(to_html(&cut).is_ok_and(|h| !h.contains("总体")) || to_html(&cut).is_err());
}

#[test]
fn chinese_counting_is_written_as_word_writes_it() {
    for (n, s) in [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (35, "三十五"),
        (105, "一百零五"),
        (110, "一百一十"),
    ] {
        assert_eq!(chinese(n), s);
    }
}
