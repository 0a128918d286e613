//! The report as a Word document (DOCX, written with `docx-rs`), laid out as offices lay out
//! 公文 (GB/T 9704-2012): A4, the standard margins, title, body and heading fonts set in
//! [`FONTS`], the tables with merged header cells (gridSpan / vMerge) and every cell bordered.
//! Custom document properties trace the file to its draft revision.

use crate::document::{DocBlock, DocHeaderCell, DocTable, Document};
use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType,
    PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table, TableBorder,
    TableBorderPosition, TableCell, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

/// The fonts of each kind of text: named as offices name them; Word or WPS substitutes a font
/// that is missing. The body font is also the document's default (styles.xml), so text no run
/// names (a field, an empty cell) is set in it too.
pub struct Fonts {
    pub title: &'static str,
    pub body: &'static str,
    pub heading1: &'static str,
    pub heading2: &'static str,
    /// The page number (GB/T 9704: 4号半角宋体阿拉伯数字, a dash either side).
    pub page_number: &'static str,
}

pub const FONTS: Fonts = Fonts {
    title: "方正小标宋简体",
    body: "仿宋_GB2312",
    heading1: "黑体",
    heading2: "楷体_GB2312",
    page_number: "宋体",
};

/// What Word or WPS uses where a font is missing (Windows has 仿宋 and 楷体, not the _GB2312
/// cuts), and each font's kind (`roman`: with serifs, `swiss`: without), written to the
/// font table.
const FALLBACKS: [(&str, Option<&str>, &str); 5] = [
    (FONTS.title, Some("宋体"), "roman"),
    (FONTS.body, Some("仿宋"), "roman"),
    (FONTS.heading1, Some("SimHei"), "swiss"),
    (FONTS.heading2, Some("楷体"), "roman"),
    (FONTS.page_number, Some("SimSun"), "roman"),
];

/// word/fontTable.xml naming the fonts above, with their fallbacks (GB2312 character set).
fn font_table() -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
    );
    for (name, alt, family) in FALLBACKS {
        xml.push_str(&format!("<w:font w:name=\"{name}\">"));
        if let Some(alt) = alt {
            xml.push_str(&format!("<w:altName w:val=\"{alt}\" />"));
        }
        xml.push_str(&format!(
            "<w:charset w:val=\"86\" /><w:family w:val=\"{family}\" /><w:pitch w:val=\"variable\" /></w:font>"
        ));
    }
    xml.push_str("</w:fonts>");
    xml.into_bytes()
}

/// Twentieths of a point per millimetre.
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}
const A4: (u32, u32) = (11906, 16838);
/// Font sizes in half points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小五 9 pt.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
const PAGE_NUMBER_SIZE: usize = 28;
const TABLE_SIZE: usize = 18;
/// Fixed line spacing of the body, 28 pt, in twentieths of a point.
const BODY_LINE: i32 = 560;
/// Table lines: single spacing of 小五, in twentieths of a point.
const TABLE_LINE: i32 = 240;
/// The row-label column: at least this wide, in twentieths of a point…
const LABEL_MIN_WIDTH: usize = 2000;
/// …and each number column at least this wide (four characters of 小五 and the cell margins).
const NUMBER_MIN_WIDTH: usize = 760;
/// One character of table text, and a cell's left and right margins, in twentieths of a point.
const TABLE_CHAR: usize = TABLE_SIZE * 10;
const CELL_MARGINS: usize = 2 * 108;
/// Table borders: ½ pt, in eighths of a point.
const BORDER: usize = 4;

/// Writes the document as DOCX bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, DocxError> {
    let (left, right) = (mm(28.0), mm(26.0));
    let text_width = A4.0 as usize - (left + right) as usize;
    let number_run = |r: Run| r.size(PAGE_NUMBER_SIZE).fonts(font(FONTS.page_number));
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(number_run(Run::new().add_text("— ")))
            .add_run(number_run(
                Run::new().add_field_char(FieldCharType::Begin, false),
            ))
            .add_run(number_run(
                Run::new().add_instr_text(InstrText::PAGE(InstrPAGE {})),
            ))
            .add_run(number_run(
                Run::new().add_field_char(FieldCharType::Separate, false),
            ))
            .add_run(number_run(Run::new().add_text("1")))
            .add_run(number_run(
                Run::new().add_field_char(FieldCharType::End, false),
            ))
            .add_run(number_run(Run::new().add_text(" —"))),
    );
    let mut docx = Docx::new()
        .default_fonts(font(FONTS.body))
        .default_size(BODY_SIZE)
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(left)
                .right(right),
        )
        .footer(footer)
        .custom_property("nianbao-draft-id", doc.meta.draft_id.as_str())
        .custom_property("nianbao-revision", doc.meta.revision.to_string())
        .custom_property("nianbao-content-hash", doc.meta.content_hash.as_str())
        .custom_property("nianbao-format", doc.meta.format_id.as_str())
        .custom_property(
            "nianbao-check",
            if doc.meta.passed_check {
                "passed"
            } else {
                "failed"
            },
        );
    if !doc.meta.passed_check {
        docx = docx.add_paragraph(
            Paragraph::new().add_run(
                body_run(&super::html::unchecked_mark(doc.meta.errors))
                    .bold()
                    .color("C00000"),
            ),
        );
    }
    docx = docx.add_paragraph(
        Paragraph::new().align(AlignmentType::Center).add_run(
            Run::new()
                .add_text(&doc.title)
                .size(TITLE_SIZE)
                .fonts(font(FONTS.title)),
        ),
    );
    // The preamble (本报告根据…编制…) in body paragraphs between the title and section 一.
    for p in doc.preamble.iter().filter(|p| !p.is_empty()) {
        docx = docx.add_paragraph(paragraph(p));
    }
    // Per table, in order: how many of its first rows are header rows, repeated on every page.
    let mut repeated = Vec::new();
    for s in &doc.sections {
        docx = docx.add_paragraph(body(&s.heading, FONTS.heading1).keep_next(true));
        for p in s.paragraphs.iter().filter(|p| !p.is_empty()) {
            docx = docx.add_paragraph(paragraph(p));
        }
        if let Some(t) = &s.table {
            let (table, header_rows) = table(t, text_width);
            docx = docx.add_table(table);
            repeated.push(header_rows);
        }
    }
    // The closing signature, agency and date, right-aligned under the text as 公文 end.
    if !doc.signature.is_empty() {
        docx = docx.add_paragraph(Paragraph::new().add_run(body_run("")));
        for line in &doc.signature {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .line_spacing(
                        LineSpacing::new()
                            .line_rule(LineSpacingType::Exact)
                            .line(BODY_LINE),
                    )
                    .add_run(body_run(line)),
            );
        }
    }
    let mut xml = docx.build();
    xml.font_table = font_table();
    xml.document = repeat_headers(&xml.document, &repeated);
    if let Ok(text) = std::str::from_utf8(&xml.document) {
        xml.document = order::plain_grid_columns(text).into_bytes();
    }
    for part in std::iter::once(&mut xml.document)
        .chain(std::iter::once(&mut xml.styles))
        .chain(xml.footers.iter_mut())
    {
        if let Ok(text) = std::str::from_utf8(part) {
            *part = order::canonical(text).into_bytes();
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| DocxError(e.to_string()))?;
    deflate(&out.into_inner()).map_err(|e| DocxError(e.to_string()))
}

/// docx-rs (without its default features) stores every part uncompressed: a report comes
/// out at ~170 KB where Word writes ~15 KB. The same parts deflated, `[Content_Types].xml`
/// first as Word writes it, folder entries (no part of a package) left out.
fn deflate(stored: &[u8]) -> Result<Vec<u8>, zip::result::ZipError> {
    use std::io::{Read, Write};
    const CONTENT_TYPES: &str = "[Content_Types].xml";
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut order: Vec<usize> = (0..from.len()).collect();
    order.sort_by_key(|i| from.name_for_index(*i) != Some(CONTENT_TYPES));
    for i in order {
        let mut part = from.by_index(i)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name().to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes)?;
        to.start_file(name, options)?;
        to.write_all(&bytes)?;
    }
    Ok(to.finish()?.into_inner())
}

/// Marks the first `counts[i]` rows of the `i`-th table as header rows (`w:tblHeader`: Word,
/// WPS and LibreOffice repeat them atop every page the table runs onto); docx-rs cannot.
fn repeat_headers(document: &[u8], counts: &[usize]) -> Vec<u8> {
    const ROW: &str = "<w:trPr><w:cantSplit /></w:trPr>";
    const HEADER: &str = "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>";
    let Ok(xml) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    let mut parts = xml.split("<w:tbl>");
    let mut out = parts.next().unwrap_or("").to_string();
    for (i, part) in parts.enumerate() {
        out.push_str("<w:tbl>");
        out.push_str(&part.replacen(ROW, HEADER, counts.get(i).copied().unwrap_or(0)));
    }
    out.into_bytes()
}

/// The DOCX could not be assembled.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the DOCX: {0}")]
pub struct DocxError(String);

fn font(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

fn body_run(text: &str) -> Run {
    Run::new()
        .add_text(text)
        .size(BODY_SIZE)
        .fonts(font(FONTS.body))
}

/// A body paragraph: first line indented two characters, fixed 28 pt lines.
fn body(text: &str, f: &str) -> Paragraph {
    Paragraph::new()
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(BODY_SIZE as i32 * 20)),
            None,
            None,
        )
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(BODY_LINE),
        )
        .add_run(Run::new().add_text(text).size(BODY_SIZE).fonts(font(f)))
}

/// A paragraph opening with （一）…。 leads with a level-two heading, as 公文 write it: that
/// sentence in the heading font, the rest in the body font.
fn paragraph(text: &str) -> Paragraph {
    let lead = text
        .starts_with('（')
        .then(|| text.find('。'))
        .flatten()
        .map(|i| i + '。'.len_utf8());
    match lead {
        Some(end) if end < text.len() => body(&text[..end], FONTS.heading2).add_run(
            Run::new()
                .add_text(&text[end..])
                .size(BODY_SIZE)
                .fonts(font(FONTS.body)),
        ),
        Some(_) => body(text, FONTS.heading2),
        None => body(text, FONTS.body),
    }
}

/// A table cell: one paragraph of 小五, single-spaced, vertically centred; an empty cell's
/// paragraph mark is 小五 too, so that it does not make its row taller.
fn cell(text: &str, span: usize, width: usize, align: AlignmentType) -> TableCell {
    let mut p = Paragraph::new()
        .align(align)
        .size(TABLE_SIZE)
        .fonts(font(FONTS.body))
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(TABLE_LINE)
                .before(0)
                .after(0),
        );
    if !text.is_empty() {
        p = p.add_run(
            Run::new()
                .add_text(text)
                .size(TABLE_SIZE)
                .fonts(font(FONTS.body)),
        );
    }
    TableCell::new()
        .add_paragraph(p)
        .vertical_align(VAlignType::Center)
        .grid_span(span)
        .width(width, WidthType::Dxa)
}

/// The column widths of a table, in twentieths of a point: the row labels as wide as their
/// longest label needs (between [`LABEL_MIN_WIDTH`] and what leaves every number column
/// [`NUMBER_MIN_WIDTH`]), the number columns share the rest.
fn grid(t: &DocTable, text_width: usize) -> Vec<usize> {
    let data = t.data_columns().max(1);
    let labelled = t.blocks.iter().any(|b| b.has_row_labels);
    if !labelled {
        return vec![text_width / data; data];
    }
    let longest = t
        .blocks
        .iter()
        .flat_map(|b| &b.rows)
        .map(|r| r.label.chars().count() + r.depth.min(2))
        .max()
        .unwrap_or(0);
    let room = text_width.saturating_sub(data * NUMBER_MIN_WIDTH);
    let label = (longest * TABLE_CHAR + CELL_MARGINS)
        .max(LABEL_MIN_WIDTH)
        .min(room.max(LABEL_MIN_WIDTH));
    let number = (text_width.saturating_sub(label)) / data;
    let mut grid = vec![label];
    grid.extend(std::iter::repeat_n(number, data));
    grid
}

/// The whole statistics table of a section as ONE Word table, as the official template draws
/// it: a block with a caption (table 二's 第二十条第（一）项 …) opens with a row spanning the
/// table, and a block with fewer columns than the widest lets its last column span the rest.
/// Also returns how many rows open the table as its header (none when a caption row comes
/// first).
fn table(t: &DocTable, text_width: usize) -> (Table, usize) {
    let grid = grid(t, text_width);
    let width = grid.len();
    let labelled = t.blocks.iter().any(|b| b.has_row_labels);
    let mut rows = Vec::new();
    let header_rows = match t.blocks.first() {
        Some(b) if b.caption.is_none() => b.header.len(),
        _ => 0,
    };
    for b in &t.blocks {
        if let Some(c) = &b.caption {
            let total = grid.iter().sum();
            rows.push(
                TableRow::new(vec![cell(c, width, total, AlignmentType::Center)]).cant_split(),
            );
        }
        rows.extend(block_rows(b, &grid, labelled));
    }
    let border = |p| TableBorder::new(p).size(BORDER).color("000000");
    let table = Table::new(rows)
        .set_grid(grid.clone())
        .layout(TableLayoutType::Fixed)
        .width(grid.iter().sum(), WidthType::Dxa)
        .set_border(border(TableBorderPosition::Top))
        .set_border(border(TableBorderPosition::Left))
        .set_border(border(TableBorderPosition::Bottom))
        .set_border(border(TableBorderPosition::Right))
        .set_border(border(TableBorderPosition::InsideH))
        .set_border(border(TableBorderPosition::InsideV));
    (table, header_rows)
}

/// A block's header and body rows on the table's grid.
fn block_rows(b: &DocBlock, grid: &[usize], labelled: bool) -> Vec<TableRow> {
    let label = usize::from(labelled);
    let own = usize::from(b.has_row_labels) + b.columns.len();
    // Block column → (first grid column, grid columns spanned): the last one takes the rest.
    let place = |start: usize, span: usize| -> (usize, usize) {
        let first = start + label - usize::from(b.has_row_labels);
        let end = if start + span >= own {
            grid.len()
        } else {
            first + span
        };
        (first, end.saturating_sub(first).max(1))
    };
    let width_of = |first: usize, span: usize| {
        grid[first..(first + span).min(grid.len())]
            .iter()
            .sum::<usize>()
    };
    let mut rows = Vec::new();
    for row in placed_header(&b.header, own) {
        let cells = row
            .into_iter()
            .map(|p| {
                let (first, span) = place(p.start, p.colspan);
                let c = cell(p.text, span, width_of(first, span), AlignmentType::Center);
                match p.merge {
                    Some(true) => c.vertical_merge(VMergeType::Restart),
                    Some(false) => c.vertical_merge(VMergeType::Continue),
                    None => c,
                }
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    let first_data = usize::from(b.has_row_labels);
    for r in &b.rows {
        let mut cells = Vec::new();
        if b.has_row_labels {
            let indent = "\u{3000}".repeat(r.depth.min(2));
            cells.push(cell(
                &format!("{indent}{}", r.label),
                1,
                grid[0],
                AlignmentType::Left,
            ));
        }
        let values: Vec<&str> = if r.group {
            vec![""; b.columns.len()]
        } else {
            r.cells
                .iter()
                .map(|c| c.value.as_deref().unwrap_or(""))
                .collect()
        };
        for (j, v) in values.into_iter().enumerate() {
            let (first, span) = place(first_data + j, 1);
            cells.push(cell(v, span, width_of(first, span), AlignmentType::Center));
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    rows
}

/// A header cell placed on the grid: `merge` is `Some(true)` where a vertical merge starts,
/// `Some(false)` where it continues from above.
#[derive(Debug, PartialEq)]
struct Placed<'d> {
    text: &'d str,
    start: usize,
    colspan: usize,
    merge: Option<bool>,
}

/// The header rows as grid rows, as a browser lays out `rowspan`: a cell goes in the first
/// column not covered from above, and every row repeats a covering cell as a continuation.
fn placed_header(header: &[Vec<DocHeaderCell>], width: usize) -> Vec<Vec<Placed<'_>>> {
    // Per column: rows still covered from above, and by which cell.
    let mut covered: Vec<(usize, Option<&DocHeaderCell>)> = vec![(0, None); width];
    let mut out = Vec::new();
    for row in header {
        let mut placed = Vec::new();
        let mut own = row.iter();
        let mut col = 0;
        while col < width {
            if let (n, Some(above)) = covered[col]
                && n > 0
            {
                placed.push(Placed {
                    text: "",
                    start: col,
                    colspan: above.colspan,
                    merge: Some(false),
                });
                for c in covered.iter_mut().skip(col).take(above.colspan) {
                    c.0 -= 1;
                }
                col += above.colspan.max(1);
                continue;
            }
            let Some(c) = own.next() else { break };
            let span = c.colspan.clamp(1, width - col);
            placed.push(Placed {
                text: &c.text,
                start: col,
                colspan: span,
                merge: (c.rowspan > 1).then_some(true),
            });
            for slot in covered.iter_mut().skip(col).take(span) {
                *slot = (c.rowspan.saturating_sub(1), Some(c));
            }
            col += span;
        }
        out.push(placed);
    }
    out
}

mod order;
#[cfg(test)]
mod tests;
