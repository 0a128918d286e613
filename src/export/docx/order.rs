//! The property elements in the order of the OOXML schema (ECMA-376 part 1, §17). docx-rs
//! writes some children out of their sequence (`w:sz` before `w:rFonts`, `w:rPr` first in
//! `w:pPr`, `w:ind` before `w:spacing`, the footer reference last in `w:sectPr`); LibreOffice
//! reads that, but Word drops a run property that comes out of sequence (the fonts, the bold
//! and the colour) and strict validators reject the file. Every such element is rewritten with
//! its children sorted by the schema's order; a child the list does not name keeps its place
//! after the named ones.

/// `CT_RPr` (EG_RPrBase).
const RUN: &[&str] = &[
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
];

/// `CT_PPr` (CT_PPrBase, then rPr, sectPr, pPrChange).
const PARAGRAPH: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// `CT_TcPr`.
const CELL: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
];

/// `CT_TblPr`.
const TABLE: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
];

/// `CT_SectPr`.
const SECTION: &[&str] = &[
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

/// `xml` (a part of the package) with the children of every run, paragraph, cell, table and
/// section property element in schema order. Run properties first: a paragraph's own `w:rPr`
/// is then moved whole.
pub(super) fn canonical(xml: &str) -> String {
    let mut out = xml.to_string();
    for (tag, order) in [
        ("rPr", RUN),
        ("pPr", PARAGRAPH),
        ("tcPr", CELL),
        ("tblPr", TABLE),
        ("sectPr", SECTION),
    ] {
        out = sort_every(&out, tag, order);
    }
    out
}

/// `w:gridCol` without the `w:type` docx-rs gives it: the schema's `CT_TblGridCol` has only
/// `w:w` (always in twentieths of a point).
pub(super) fn plain_grid_columns(xml: &str) -> String {
    let mut parts = xml.split("<w:gridCol ");
    let mut out = parts.next().unwrap_or("").to_string();
    for part in parts {
        out.push_str("<w:gridCol ");
        let end = part.find("/>").unwrap_or(0);
        out.push_str(&part[..end].replace(" w:type=\"dxa\"", ""));
        out.push_str(&part[end..]);
    }
    out
}

/// Every `<w:TAG>…</w:TAG>` of `xml` with its children sorted by `order`.
fn sort_every(xml: &str, tag: &str, order: &[&str]) -> String {
    let open = format!("<w:{tag}>");
    let close = format!("</w:{tag}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let inner_start = start + open.len();
        let Some(len) = rest[inner_start..].find(&close) else {
            break;
        };
        out.push_str(&rest[..inner_start]);
        let inner = &rest[inner_start..inner_start + len];
        match children(inner) {
            Some(mut kids) => {
                // Stable: equal ranks (unknown children) keep their order.
                kids.sort_by_key(|(name, _)| {
                    order.iter().position(|o| o == name).unwrap_or(order.len())
                });
                kids.into_iter().for_each(|(_, text)| out.push_str(text));
            }
            None => out.push_str(inner),
        }
        out.push_str(&close);
        rest = &rest[inner_start + len + close.len()..];
    }
    out.push_str(rest);
    out
}

/// The top-level elements of `inner` as (local name, text); `None` when it is not a plain
/// sequence of `w:` elements (text, comments), which is then left as it is.
fn children(inner: &str) -> Option<Vec<(&str, &str)>> {
    let mut kids = Vec::new();
    let mut at = 0;
    while at < inner.len() {
        let rest = &inner[at..];
        let name_start = rest.strip_prefix("<w:")?;
        let name_len = name_start.find([' ', '/', '>'])?;
        let name = &name_start[..name_len];
        let tag_end = rest.find('>')? + 1;
        let end = if rest[..tag_end].ends_with("/>") {
            tag_end
        } else {
            let close = format!("</w:{name}>");
            rest.find(&close)? + close.len()
        };
        kids.push((name, &rest[..end]));
        at += end;
    }
    Some(kids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_and_paragraph_properties_follow_the_schema() {
        let xml = "<w:p><w:pPr><w:rPr><w:sz w:val=\"32\" /><w:rFonts w:ascii=\"x\" /></w:rPr>\
                   <w:ind w:firstLine=\"640\" /><w:spacing w:line=\"560\" /><w:jc w:val=\"center\" />\
                   </w:pPr><w:r><w:rPr><w:sz w:val=\"32\" /><w:szCs w:val=\"32\" />\
                   <w:color w:val=\"C00000\" /><w:b /><w:rFonts w:ascii=\"x\" /></w:rPr>\
                   <w:t>a</w:t></w:r></w:p>";
        assert_eq!(
            canonical(xml),
            "<w:p><w:pPr><w:spacing w:line=\"560\" /><w:ind w:firstLine=\"640\" />\
             <w:jc w:val=\"center\" /><w:rPr><w:rFonts w:ascii=\"x\" /><w:sz w:val=\"32\" />\
             </w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"x\" /><w:b />\
             <w:color w:val=\"C00000\" /><w:sz w:val=\"32\" /><w:szCs w:val=\"32\" /></w:rPr>\
             <w:t>a</w:t></w:r></w:p>"
        );
    }

    #[test]
    fn the_footer_reference_opens_the_section_and_odd_content_is_left_alone() {
        let xml =
            "<w:sectPr><w:pgSz w:w=\"1\" /><w:cols /><w:footerReference r:id=\"f\" /></w:sectPr>";
        assert_eq!(
            canonical(xml),
            "<w:sectPr><w:footerReference r:id=\"f\" /><w:pgSz w:w=\"1\" /><w:cols /></w:sectPr>"
        );
        assert_eq!(
            plain_grid_columns("<w:tblGrid><w:gridCol w:w=\"2\" w:type=\"dxa\" /></w:tblGrid>"),
            "<w:tblGrid><w:gridCol w:w=\"2\" /></w:tblGrid>"
        );
        let odd = "<w:rPr>text<w:b /></w:rPr>";
        assert_eq!(canonical(odd), odd);
    }
}
