//! A Word document (DOCX) read as the HTML page the importer already understands: each
//! paragraph a `<p>`, each table a `<table>` whose merged cells (gridSpan, vMerge) become
//! colspan / rowspan, and the numbers Word generates for automatic lists (`一、`, `（一）`,
//! `1.`: not in the text runs) written in front of their paragraphs. Text boxes, headers,
//! footers, footnotes, deleted text and field codes are no part of the report's text.

use std::collections::HashMap;
use std::io::Read;

/// Parts larger than this are not a report (a report's document.xml is well under 1 MB).
const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// Tables nested deeper than this are a broken file; their inner text is kept flat.
const MAX_TABLE_DEPTH: usize = 16;

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("not a Word document (DOCX): {0}")]
    NotDocx(String),
    #[error("the Word document is damaged: {0}")]
    Damaged(String),
}

/// True when the bytes are a ZIP archive (a DOCX, or some other Office file).
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The document's body as HTML.
pub fn to_html(bytes: &[u8]) -> Result<String, DocxError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::NotDocx(e.to_string()))?;
    let document = read_part(&mut zip, "word/document.xml")?.ok_or_else(|| {
        DocxError::NotDocx("word/document.xml is missing (an Excel or PowerPoint file?)".into())
    })?;
    let numbering = match read_part(&mut zip, "word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml),
        None => Numbering::default(),
    };
    convert(&document, numbering)
}

fn read_part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::Damaged(format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocxError::Damaged(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(DocxError::Damaged(format!(
            "{name} is larger than {} MB",
            MAX_PART_BYTES / (1024 * 1024)
        )));
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// One level of an automatic list: how its number is written.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The lists of numbering.xml: each `numId` to its levels, and the counters as the document
/// is read.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    nums: HashMap<String, String>,
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abs: Option<String> = None;
        let mut num: Option<String> = None;
        let mut lvl: Option<(u8, Level)> = None;
        loop {
            let event = match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            use quick_xml::events::Event;
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.local_name();
                    match name.as_ref() {
                        b"abstractNum" => abs = attr(e, b"abstractNumId"),
                        b"num" => num = attr(e, b"numId"),
                        b"abstractNumId" => {
                            if let (Some(id), Some(a)) = (&num, attr(e, b"val")) {
                                n.nums.insert(id.clone(), a);
                            }
                        }
                        b"lvl" => {
                            let ilvl = attr(e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            lvl = Some((
                                ilvl,
                                Level {
                                    start: 1,
                                    ..Level::default()
                                },
                            ));
                        }
                        b"start" => {
                            if let (Some((_, l)), Some(v)) = (&mut lvl, attr(e, b"val")) {
                                l.start = v.parse().unwrap_or(1);
                            }
                        }
                        b"numFmt" => {
                            if let (Some((_, l)), Some(v)) = (&mut lvl, attr(e, b"val")) {
                                l.format = v;
                            }
                        }
                        b"lvlText" => {
                            if let (Some((_, l)), Some(v)) = (&mut lvl, attr(e, b"val")) {
                                l.text = v;
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(a), Some((i, l))) = (&abs, lvl.take()) {
                            n.abstracts.entry(a.clone()).or_default().insert(i, l);
                        }
                    }
                    b"abstractNum" => abs = None,
                    b"num" => num = None,
                    _ => {}
                },
                _ => {}
            }
        }
        n
    }

    /// The number Word would show for the next paragraph of list `num_id` at level `ilvl`
    /// (`一、`, `（二）`, `3.`), advancing the counters; `None` for a bullet or an unknown list.
    fn next(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let abs = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let ilvl = ilvl.min(8);
        let counters = self.counters.entry(abs.clone()).or_insert_with(|| {
            let mut c = [0u32; 9];
            for (i, slot) in c.iter_mut().enumerate() {
                *slot = levels
                    .get(&(i as u8))
                    .map_or(0, |l| l.start.saturating_sub(1));
            }
            c
        });
        counters[ilvl as usize] += 1;
        // A new item restarts the levels below it.
        for (deeper, slot) in counters.iter_mut().enumerate().skip(ilvl as usize + 1) {
            *slot = levels
                .get(&(deeper as u8))
                .map_or(0, |l| l.start.saturating_sub(1));
        }
        let level = levels.get(&ilvl)?;
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let mut out = level.text.clone();
        for (i, value) in counters.iter().enumerate().take(ilvl as usize + 1) {
            let fmt = levels.get(&(i as u8)).map_or("decimal", |l| &l.format);
            out = out.replace(&format!("%{}", i + 1), &number_text(*value, fmt));
        }
        (!out.trim().is_empty()).then_some(out)
    }
}

/// A list counter written as Word writes it for `format` (decimal when unknown).
fn number_text(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographDigital"
        | "japaneseCounting" => chinese(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "ideographTraditional" if (1..=10).contains(&n) => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth(n as usize - 1)
            .map_or(n.to_string(), String::from),
        "lowerLetter" if (1..=26).contains(&n) => ((b'a' + (n - 1) as u8) as char).to_string(),
        "upperLetter" if (1..=26).contains(&n) => ((b'A' + (n - 1) as u8) as char).to_string(),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", D[rest as usize]),
                10..=19 => format!("一{}", chinese(rest)),
                _ => chinese(rest),
            };
            format!("{}百{tail}", D[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

fn attr(e: &quick_xml::events::BytesStart, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            let raw = String::from_utf8_lossy(&a.value);
            quick_xml::escape::unescape(&raw).map_or_else(|_| raw.to_string(), |v| v.into_owned())
        })
    })
}

/// A table cell as read: its text (paragraphs), how many grid columns it spans and its
/// vertical merge (`Some(true)` starts one, `Some(false)` continues the one above).
#[derive(Debug, Default)]
struct Cell {
    paragraphs: Vec<String>,
    span: usize,
    vmerge: Option<bool>,
}

#[derive(Debug, Default)]
struct TableState {
    rows: Vec<Vec<Cell>>,
}

/// Where the reader is inside the body.
#[derive(Default)]
struct State {
    html: String,
    tables: Vec<TableState>,
    paragraph: Option<String>,
    /// The paragraph's list (numId, ilvl), from its properties.
    list: (Option<String>, u8),
    in_text: bool,
    /// Inside a run (`w:r`): a `w:tab` there is a tab character, elsewhere a tab stop.
    in_run: bool,
    /// Inside a part that is no part of the body text: a text box, deleted text, a field's
    /// code (depth counts nesting).
    skip: usize,
    numbering: Numbering,
}

fn convert(xml: &str, numbering: Numbering) -> Result<String, DocxError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut s = State {
        html: String::from("<!DOCTYPE html><html><body>\n"),
        numbering,
        ..State::default()
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| DocxError::Damaged(format!("word/document.xml: {e}")))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if s.skip > 0 || matches!(name, b"txbxContent" | b"del" | b"instrText") {
                    s.skip += 1;
                    continue;
                }
                start(&mut s, name, &e, false);
            }
            Event::Empty(e) => {
                if s.skip > 0 {
                    continue;
                }
                let name = e.local_name();
                start(&mut s, name.as_ref(), &e, true);
            }
            Event::End(e) => {
                if s.skip > 0 {
                    s.skip -= 1;
                    continue;
                }
                end(&mut s, e.local_name().as_ref());
            }
            Event::Text(t) if s.skip == 0 && s.in_text => {
                let text = t
                    .decode()
                    .map_err(|e| DocxError::Damaged(format!("word/document.xml: {e}")))?;
                push_text(&mut s, &text);
            }
            Event::GeneralRef(r) if s.skip == 0 && s.in_text => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.decode().as_deref() {
                        Ok("amp") => "&".into(),
                        Ok("lt") => "<".into(),
                        Ok("gt") => ">".into(),
                        Ok("quot") => "\"".into(),
                        Ok("apos") => "'".into(),
                        _ => String::new(),
                    },
                };
                push_text(&mut s, &text);
            }
            _ => {}
        }
    }
    s.html.push_str("</body></html>\n");
    Ok(s.html)
}

fn push_text(s: &mut State, text: &str) {
    if let Some(p) = &mut s.paragraph {
        p.push_str(text);
    }
}

fn start(s: &mut State, name: &[u8], e: &quick_xml::events::BytesStart, empty: bool) {
    match name {
        b"p" => {
            s.paragraph = Some(String::new());
            s.list = (None, 0);
            if empty {
                end(s, b"p");
            }
        }
        b"numId" => s.list.0 = attr(e, b"val"),
        b"ilvl" => s.list.1 = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
        b"r" => s.in_run = !empty,
        b"t" => s.in_text = !empty,
        b"tab" if s.in_run => push_text(s, "\t"),
        b"br" | b"cr" if s.in_run => push_text(s, "\n"),
        b"tbl" => s.tables.push(TableState::default()),
        b"tr" => {
            if let Some(t) = s.tables.last_mut() {
                t.rows.push(Vec::new());
            }
        }
        b"tc" => {
            if let Some(row) = s.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                row.push(Cell {
                    span: 1,
                    ..Cell::default()
                });
            }
        }
        b"gridSpan" => {
            if let Some(cell) = current_cell(s) {
                cell.span = attr(e, b"val")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1)
                    .clamp(1, 200);
            }
        }
        b"vMerge" => {
            let restart = attr(e, b"val").as_deref() == Some("restart");
            if let Some(cell) = current_cell(s) {
                cell.vmerge = Some(restart);
            }
        }
        _ => {}
    }
}

fn current_cell(s: &mut State) -> Option<&mut Cell> {
    s.tables
        .last_mut()
        .and_then(|t| t.rows.last_mut())
        .and_then(|r| r.last_mut())
}

fn end(s: &mut State, name: &[u8]) {
    match name {
        b"t" => s.in_text = false,
        b"r" => s.in_run = false,
        b"p" => {
            let Some(mut text) = s.paragraph.take() else {
                return;
            };
            if let Some(num) = s.list.0.take() {
                // numId 0 switches numbering off for the paragraph.
                if num != "0"
                    && let Some(label) = s.numbering.next(&num, s.list.1)
                {
                    text = format!("{label}{text}");
                }
            }
            match current_cell(s) {
                Some(cell) => cell.paragraphs.push(text),
                None => {
                    s.html.push_str("<p>");
                    s.html.push_str(&escape(&text));
                    s.html.push_str("</p>\n");
                }
            }
        }
        b"tbl" => {
            let Some(table) = s.tables.pop() else {
                return;
            };
            let html = table_html(&table);
            let shallow = s.tables.len() < MAX_TABLE_DEPTH;
            match current_cell(s) {
                // A table inside a cell: its text joins the cell's (dropped beyond the bound).
                Some(cell) if shallow => cell.paragraphs.push(
                    table
                        .rows
                        .iter()
                        .flatten()
                        .flat_map(|c| c.paragraphs.iter().cloned())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                Some(_) => {}
                None => s.html.push_str(&html),
            }
        }
        _ => {}
    }
}

/// The table as HTML: a vertical merge becomes a rowspan on its first cell, its continuing
/// cells left out.
fn table_html(t: &TableState) -> String {
    // Grid column where each cell starts.
    let starts: Vec<Vec<usize>> = t
        .rows
        .iter()
        .map(|row| {
            let mut col = 0;
            row.iter()
                .map(|c| {
                    let at = col;
                    col += c.span;
                    at
                })
                .collect()
        })
        .collect();
    let mut html = String::from("<table>\n");
    for (r, row) in t.rows.iter().enumerate() {
        html.push_str("<tr>");
        for (c, cell) in row.iter().enumerate() {
            if cell.vmerge == Some(false) {
                continue;
            }
            let mut rowspan = 1;
            if cell.vmerge == Some(true) {
                let col = starts[r][c];
                for (below, below_starts) in t.rows.iter().zip(&starts).skip(r + 1) {
                    let continues = below_starts
                        .iter()
                        .position(|s| *s == col)
                        .is_some_and(|i| below[i].vmerge == Some(false));
                    if !continues {
                        break;
                    }
                    rowspan += 1;
                }
            }
            html.push_str("<td");
            if cell.span > 1 {
                html.push_str(&format!(" colspan=\"{}\"", cell.span));
            }
            if rowspan > 1 {
                html.push_str(&format!(" rowspan=\"{rowspan}\""));
            }
            html.push('>');
            let text: Vec<String> = cell.paragraphs.iter().map(|p| escape(p)).collect();
            html.push_str(&text.join("<br>"));
            html.push_str("</td>");
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n");
    html
}

/// Text as HTML, a line break inside a paragraph as `<br>`.
fn escape(text: &str) -> String {
    crate::export::html::esc(text).replace('\n', "<br>")
}

#[cfg(test)]
mod tests;
