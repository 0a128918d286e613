//! The report as a Word document (DOCX, written with `docx-rs`), laid out as offices lay out
//! 公文 (GB/T 9704-2012): A4, the standard margins, title, body and heading fonts set in
//! [`FONTS`], the tables with merged header cells (gridSpan / vMerge) and every cell bordered.
//! Custom document properties trace the file to its draft revision.

use crate::document::{DocBlock, DocHeaderCell, Document};
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts, SpecialIndentType, Table, TableCell, TableRow, VMergeType, WidthType,
};

/// The fonts of each kind of text: named as offices name them; Word or WPS substitutes a font
/// that is missing.
pub struct Fonts {
    pub title: &'static str,
    pub body: &'static str,
    pub heading1: &'static str,
    pub heading2: &'static str,
}

pub const FONTS: Fonts = Fonts {
    title: "方正小标宋简体",
    body: "仿宋_GB2312",
    heading1: "黑体",
    heading2: "楷体_GB2312",
};

/// Twentieths of a point per millimetre.
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}
const A4: (u32, u32) = (11906, 16838);
/// Font sizes in half points: 二号 22 pt, 三号 16 pt, 小五 9 pt.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
const TABLE_SIZE: usize = 18;
/// Fixed line spacing of the body, 28 pt, in twentieths of a point.
const BODY_LINE: i32 = 560;
/// The first column's width (row labels) in twentieths of a point.
const LABEL_WIDTH: usize = 2400;

/// Writes the document as DOCX bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, DocxError> {
    let (left, right) = (mm(28.0), mm(26.0));
    let text_width = A4.0 as usize - (left + right) as usize;
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(body_run("— "))
            .add_page_num(PageNum::new())
            .add_run(body_run(" —")),
    );
    let mut docx = Docx::new()
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
    for s in &doc.sections {
        docx = docx.add_paragraph(body(&s.heading, FONTS.heading1));
        for p in s.paragraphs.iter().filter(|p| !p.is_empty()) {
            docx = docx.add_paragraph(paragraph(p));
        }
        for b in s.table.iter().flat_map(|t| &t.blocks) {
            if let Some(c) = &b.caption {
                docx = docx.add_paragraph(body(c, FONTS.body));
            }
            docx = docx.add_table(table(b, text_width));
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| DocxError(e.to_string()))?;
    Ok(out.into_inner())
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

fn cell(text: &str, span: usize, width: usize, center: bool) -> TableCell {
    let align = if center {
        AlignmentType::Center
    } else {
        AlignmentType::Left
    };
    TableCell::new()
        .add_paragraph(
            Paragraph::new().align(align).add_run(
                Run::new()
                    .add_text(text)
                    .size(TABLE_SIZE)
                    .fonts(font(FONTS.body)),
            ),
        )
        .grid_span(span)
        .width(width, WidthType::Dxa)
}

fn table(b: &DocBlock, text_width: usize) -> Table {
    let label = usize::from(b.has_row_labels);
    let data = b.columns.len().max(1);
    let label_width = if label == 1 { LABEL_WIDTH } else { 0 };
    let col_width = (text_width - label_width) / data;
    let mut grid = vec![label_width; label];
    grid.extend(std::iter::repeat_n(col_width, b.columns.len()));
    let width_of = |start: usize, span: usize| grid[start..start + span].iter().sum::<usize>();
    let mut rows = Vec::new();
    for row in placed_header(&b.header, label + b.columns.len()) {
        let cells = row
            .into_iter()
            .map(|p| {
                let c = cell(p.text, p.colspan, width_of(p.start, p.colspan), true);
                match p.merge {
                    Some(true) => c.vertical_merge(VMergeType::Restart),
                    Some(false) => c.vertical_merge(VMergeType::Continue),
                    None => c,
                }
            })
            .collect();
        rows.push(TableRow::new(cells));
    }
    for r in &b.rows {
        let mut cells = Vec::new();
        if b.has_row_labels {
            let indent = "\u{3000}".repeat(r.depth.min(2));
            cells.push(cell(&format!("{indent}{}", r.label), 1, label_width, false));
        }
        if r.group {
            cells.extend((0..b.columns.len()).map(|_| cell("", 1, col_width, true)));
        }
        cells.extend(
            r.cells
                .iter()
                .map(|c| cell(c.value.as_deref().unwrap_or(""), 1, col_width, true)),
        );
        rows.push(TableRow::new(cells));
    }
    Table::new(rows).set_grid(grid)
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

#[cfg(test)]
mod tests;
