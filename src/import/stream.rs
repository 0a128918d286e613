//! Reads a table from text in any of the layouts reports are published in, except our own box
//! grids (see [`super::table`]): tab or pipe cells, space-separated rows, one cell per line,
//! PDF text with labels wrapped around their numbers and merged cells broken into fragments,
//! and web text with everything glued together.
//!
//! The region is cut into label text and runs of numbers ([`super::tokens`]). Row labels are
//! found in the text stream, in order, by their normalised form (merged-cell fragments may
//! interrupt a label and are stepped over); then each label is given the run of numbers that
//! belongs to it by an order-preserving alignment that prefers a run right after (or inside)
//! its label. Glued digits are cut with [`super::split`].

use super::labels::normalize;
use super::split::{self, Ambiguous, Equation};
use super::table::RowRead;
use super::tokens::{Token, tokenize};
use super::variants;
use crate::format::{CellRef, Format, Table};
use std::collections::HashMap;

/// What the reader found, for the importer to place and report.
#[derive(Debug, Default)]
pub struct TableRead {
    pub rows: Vec<RowRead>,
    /// Per body line: true when the line belongs to the table (row, header, fragment).
    pub table_lines: Vec<bool>,
    /// Text inside the table that is neither a label nor a header: (line, text).
    pub unplaced: Vec<(usize, String)>,
    pub notes: Vec<Note>,
}

/// Something the import report must say about the table.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Glued digits with several cuts consistent with the table.
    Ambiguous {
        row: String,
        line: usize,
        digits: String,
        ways: usize,
    },
    /// Glued digits no cut of which satisfies the row's own totals.
    NoSplit {
        row: String,
        line: usize,
        digits: String,
    },
    /// Fewer numbers than cells in a layout where blank cells cannot be seen.
    Short {
        row: String,
        line: usize,
        found: usize,
    },
    /// A label read through its numbering and a shortened or mistyped text.
    Variant {
        row: String,
        line: usize,
        printed: String,
    },
}

#[derive(Debug, Clone)]
enum Item {
    Text {
        chars: Vec<char>,
        line: usize,
        /// May be stepped over inside a label: a fragment of a header or merged cell.
        chrome: bool,
    },
    Run(Run),
}

#[derive(Debug, Clone)]
struct Run {
    /// `None` for an explicit blank cell.
    cells: Vec<Option<String>>,
    glued: bool,
    explicit: bool,
    line: usize,
    /// Line index of the last cell (runs may continue over lines).
    last_line: usize,
}

#[derive(Debug, Clone)]
struct Label {
    row: String,
    group: bool,
    subtotal: bool,
    first_item: usize,
    last_item: usize,
    line: usize,
    variant: Option<String>,
}

/// A row label in every form it may be printed in.
struct Form {
    row: String,
    group: bool,
    subtotal: bool,
    text: Vec<char>,
}

pub fn read(format: &Format, table: &Table, body: &[(usize, String)]) -> TableRead {
    let mut out = TableRead {
        table_lines: vec![false; body.len()],
        ..TableRead::default()
    };
    let vocab = vocabulary(table);
    let items = items(body, &vocab);
    let forms = forms(table);
    let (labels, skipped) = find_labels(&items, &forms);

    // Text nobody claimed: header words and merged-cell fragments are part of the table;
    // anything else is reported.
    for (item, text) in &skipped {
        if let Item::Text { line, .. } = &items[*item] {
            if is_chrome(text, &vocab) {
                out.table_lines[*line] = true;
            } else {
                out.unplaced.push((*line, text.iter().collect()));
            }
        }
    }
    for l in &labels {
        for it in &items[l.first_item..=l.last_item] {
            if let Item::Text { line, .. } = it {
                out.table_lines[*line] = true;
            }
        }
        out.table_lines[l.line] = true;
    }

    let runs: Vec<(usize, Run)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| match it {
            Item::Run(r) => Some((i, r.clone())),
            _ => None,
        })
        .collect();
    let labelled = table.blocks.iter().any(|b| b.has_row_labels());
    let width = |row: &str| {
        table
            .block_of_row(row)
            .map_or(0, |b| b.leaf_columns().len())
    };
    let mut assigned: Vec<(String, Run, usize)> = Vec::new();
    if !labelled {
        // Section 四: one unlabelled row; its numbers may stand on one line or several.
        let Some(row) = table
            .blocks
            .first()
            .and_then(|b| b.data_rows().first().copied())
        else {
            return out;
        };
        // Only numbers on lines of nothing but numbers and header words belong to it.
        // The numbers follow the header where there is one.
        let header = items.iter().position(|it| match it {
            Item::Text { chars, .. } => is_chrome(chars, &vocab),
            Item::Run(_) => false,
        });
        let data: Vec<&(usize, Run)> = runs
            .iter()
            .filter(|(i, _)| header.is_none_or(|h| *i > h))
            .filter(|(_, r)| {
                items.iter().all(|it| match it {
                    Item::Text { line, chars, .. } => *line != r.line || is_chrome(chars, &vocab),
                    Item::Run(_) => true,
                })
            })
            .collect();
        if let Some((_, first)) = data.first() {
            let mut all = first.clone();
            for (_, r) in &data[1..] {
                all.cells.extend(r.cells.iter().cloned());
                all.glued |= r.glued;
                all.explicit &= r.explicit;
                all.last_line = r.last_line;
            }
            assigned.push((row.id.clone(), all, first.line));
        }
    } else {
        let runs = chunk_runs(table, runs);
        let pairs = align(&items, &labels, &runs, &width);
        let mut used = vec![false; runs.len()];
        for (li, ri) in pairs {
            used[ri] = true;
            let l = &labels[li];
            assigned.push((l.row.clone(), runs[ri].1.clone(), l.line));
            if let Some(printed) = &l.variant {
                out.notes.push(Note::Variant {
                    row: l.row.clone(),
                    line: body.get(l.line).map_or(0, |b| b.0),
                    printed: printed.clone(),
                });
            }
        }
        let first_label = labels.first().map_or(usize::MAX, |l| l.first_item);
        let last_label = labels.last().map_or(0, |l| l.last_item);
        for (ri, (item, r)) in runs.iter().enumerate() {
            // Numbers before the first label or after the last are the section's text, unless
            // they stand in cells (a row whose label is not the format's).
            if !used[ri] && (r.explicit || (*item > first_label && *item < last_label)) {
                let text = r
                    .cells
                    .iter()
                    .map(|c| c.as_deref().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(" ");
                out.table_lines[r.line] = true;
                out.unplaced.push((r.line, text));
            }
        }
        // A label with no numbers still shows the row was there (reported as blank cells).
        for l in &labels {
            if !l.group && !assigned.iter().any(|(r, _, _)| *r == l.row) {
                out.rows.push(RowRead {
                    row: l.row.clone(),
                    values: Vec::new(),
                    surplus: 0,
                    line: body.get(l.line).map_or(0, |b| b.0),
                    part: 0,
                });
            }
        }
    }
    for (_, r, _) in &assigned {
        for line in r.line..=r.last_line {
            if let Some(t) = out.table_lines.get_mut(line) {
                *t = true;
            }
        }
    }
    values(format, table, body, assigned, &mut out);
    out.rows.sort_by_key(|r| r.line);
    // Markdown separator rows are table decoration wherever they stand.
    for (li, (_, line)) in body.iter().enumerate() {
        if !line.trim().is_empty() && tokenize(line).is_none() {
            out.table_lines[li] = true;
        }
    }
    let anchor = out
        .rows
        .iter()
        .map(|r| r.line)
        .min()
        .and_then(|n| body.iter().position(|b| b.0 == n));
    if let Some(anchor) = anchor {
        detach_stray_chrome(body, &mut out.table_lines, anchor);
    }
    out
}

/// Header-like words count as the table's only next to it: lines before the first row that
/// are separated from it by a blank line or by text are the section's text.
fn detach_stray_chrome(body: &[(usize, String)], table_lines: &mut [bool], anchor: usize) {
    let blank = |i: usize| body.get(i).is_none_or(|(_, l)| l.trim().is_empty());
    let mut keep_from = anchor.min(table_lines.len());
    while keep_from > 0 && table_lines[keep_from - 1] && !blank(keep_from - 1) {
        keep_from -= 1;
    }
    for t in table_lines.iter_mut().take(keep_from) {
        *t = false;
    }
}

/// Header words, captions, corner text and group labels: what a table prints besides its
/// row labels and numbers.
fn vocabulary(table: &Table) -> Vec<Vec<char>> {
    let mut v: Vec<String> = Vec::new();
    for b in &table.blocks {
        v.extend(b.caption.iter().map(|c| normalize(c)));
        v.extend(b.corner.iter().map(|c| normalize(c)));
        fn cols(cs: &[crate::format::ColumnNode], v: &mut Vec<String>) {
            for c in cs {
                v.push(normalize(&c.label));
                cols(&c.children, v);
            }
        }
        cols(&b.columns, &mut v);
        for (r, _) in b.all_rows() {
            if r.is_group() {
                v.push(normalize(&r.label));
            }
        }
    }
    v.extend(variants::get().table_words.iter().map(|w| normalize(w)));
    // The 2019 format's header words are a table's too (reported by the importer).
    v.extend(
        variants::get()
            .format_2019
            .words
            .iter()
            .map(|w| normalize(w)),
    );
    v.retain(|s| !s.is_empty());
    v.into_iter().map(|s| s.chars().collect()).collect()
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// True when `text` is made of pieces of the vocabulary (a single character only when it is
/// all there is: a merged cell printed one character per line).
fn is_chrome(text: &[char], vocab: &[Vec<char>]) -> bool {
    if text.len() == 1 {
        return vocab.iter().any(|v| v.contains(&text[0]));
    }
    let longest = vocab.iter().map(Vec::len).max().unwrap_or(0);
    let mut i = 0;
    while i < text.len() {
        let mut best = 0;
        for len in (2..=(text.len() - i).min(longest)).rev() {
            if vocab.iter().any(|v| contains(v, &text[i..i + len])) {
                best = len;
                break;
            }
        }
        if best == 0 {
            return false;
        }
        i += best;
    }
    true
}

/// Starts like a row label's numbering: `1.`, `(一)`, `一、`.
fn starts_numbered(chars: &[char]) -> bool {
    const CJK: &str = "一二三四五六七八九十";
    match chars {
        [d, '.', ..] if d.is_ascii_digit() => true,
        ['(', n, ')', ..] if CJK.contains(*n) => true,
        [n, '、', ..] if CJK.contains(*n) => true,
        _ => false,
    }
}

/// The region as a stream of text words and runs of numbers.
fn items(body: &[(usize, String)], vocab: &[Vec<char>]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for (li, (_, line)) in body.iter().enumerate() {
        if super::segment::is_page_footer(line) {
            continue;
        }
        let Some(tokens) = tokenize(line) else {
            continue;
        };
        let explicit = tokens.contains(&Token::Blank)
            || line.contains('\t')
            || crate::value::normalize_width(line).contains('|');
        let text_only = tokens.iter().all(|t| matches!(t, Token::Text { .. }));
        let has_text = tokens.iter().any(|t| matches!(t, Token::Text { .. }));
        let mut line_items: Vec<Item> = Vec::new();
        let mut run: Option<Run> = None;
        let mut seen_content = false;
        for (ti, tok) in tokens.iter().enumerate() {
            match tok {
                Token::Text { text, lead } => {
                    if let Some(r) = run.take() {
                        line_items.push(Item::Run(r));
                    }
                    let chars: Vec<char> = normalize(text).chars().collect();
                    if chars.is_empty() {
                        continue;
                    }
                    let next_numbered = tokens[ti + 1..].iter().find_map(|t| match t {
                        Token::Text { text, .. } => Some(starts_numbered(
                            &normalize(text).chars().collect::<Vec<_>>(),
                        )),
                        Token::Num { .. } => Some(false),
                        Token::Blank => None,
                    });
                    let fragment = vocab.iter().any(|v| contains(v, &chars));
                    let chrome = fragment && (text_only || (*lead && next_numbered == Some(true)));
                    line_items.push(Item::Text {
                        chars,
                        line: li,
                        chrome,
                    });
                    seen_content = true;
                }
                Token::Num { text, glued } => {
                    let r = run.get_or_insert(Run {
                        cells: Vec::new(),
                        glued: false,
                        explicit,
                        line: li,
                        last_line: li,
                    });
                    r.cells.push(Some(text.clone()));
                    r.glued |= *glued;
                    seen_content = true;
                }
                Token::Blank => {
                    // Blanks count inside a row (after its label, or in an unlabelled row).
                    if seen_content || !has_text {
                        let r = run.get_or_insert(Run {
                            cells: Vec::new(),
                            glued: false,
                            explicit: true,
                            line: li,
                            last_line: li,
                        });
                        r.cells.push(None);
                    }
                }
            }
        }
        if let Some(r) = run.take() {
            line_items.push(Item::Run(r));
        }
        // An all-blank run says nothing (a group row padded with tabs).
        line_items.retain(|it| match it {
            Item::Run(r) => r.cells.iter().any(Option::is_some),
            _ => true,
        });
        for it in line_items {
            // Numbers continuing on the next line (one cell per line) join the run.
            if let (Item::Run(r), Some(Item::Run(prev))) = (&it, items.last_mut())
                && !r.explicit
                && !prev.explicit
                && !r.glued
                && !prev.glued
                && prev.last_line + 1 == li
            {
                prev.cells.extend(r.cells.iter().cloned());
                prev.last_line = li;
                continue;
            }
            items.push(it);
        }
    }
    // Trailing blanks of explicit runs are padding.
    for it in &mut items {
        if let Item::Run(r) = it {
            while r.cells.last().is_some_and(Option::is_none) {
                r.cells.pop();
            }
        }
    }
    items
}

fn forms(table: &Table) -> Vec<Form> {
    let mut out = Vec::new();
    let extra = &variants::get().row_labels;
    for b in &table.blocks {
        for (r, _) in b.all_rows() {
            let mut texts: Vec<String> = vec![r.label.clone()];
            texts.extend(r.aliases.iter().cloned());
            if let Some(v) = extra.get(&format!("{}.{}", table.id, r.id)) {
                texts.extend(v.iter().cloned());
            }
            for t in texts {
                let n = normalize(&t);
                if n.is_empty() {
                    continue;
                }
                for text in std::iter::once(n.clone()).chain(numbering_variants(&n)) {
                    out.push(Form {
                        row: r.id.clone(),
                        group: r.is_group(),
                        subtotal: r.subtotal.is_some(),
                        text: text.chars().collect(),
                    });
                }
            }
        }
    }
    out
}

/// Every label found in the text stream, in order, and the text no label claimed.
fn find_labels(items: &[Item], forms: &[Form]) -> (Vec<Label>, Vec<(usize, Vec<char>)>) {
    // (item, char index) of every text character in order.
    let flat: Vec<(usize, usize)> = items
        .iter()
        .enumerate()
        .flat_map(|(i, it)| match it {
            Item::Text { chars, .. } => (0..chars.len()).map(|k| (i, k)).collect(),
            _ => Vec::new(),
        })
        .collect();
    let ch = |p: usize| -> char {
        let (i, k) = flat[p];
        match &items[i] {
            Item::Text { chars, .. } => chars[k],
            _ => ' ',
        }
    };
    let chrome = |i: usize| matches!(&items[i], Item::Text { chrome: true, .. });
    let mut labels = Vec::new();
    let mut skipped: Vec<(usize, Vec<char>)> = Vec::new();
    let mut p = 0;
    while p < flat.len() {
        let mut best: Option<(usize, &Form, Option<String>)> = None;
        for f in forms {
            if let Some(end) = match_form(&flat, &ch, &chrome, p, &f.text)
                && best.as_ref().is_none_or(|b| f.text.len() > b.1.text.len())
            {
                best = Some((end, f, None));
            }
        }
        if best.is_none() {
            best = match_numbered(&flat, &ch, p, forms);
        }
        match best {
            Some((end, f, variant)) => {
                let first_item = flat[p].0;
                let last_item = flat[end - 1].0;
                let line = match &items[first_item] {
                    Item::Text { line, .. } => *line,
                    _ => 0,
                };
                labels.push(Label {
                    row: f.row.clone(),
                    group: f.group,
                    subtotal: f.subtotal,
                    first_item,
                    last_item,
                    line,
                    variant,
                });
                p = end;
            }
            None => {
                let (i, _) = flat[p];
                match skipped.last_mut() {
                    Some((si, text)) if *si == i => text.push(ch(p)),
                    _ => skipped.push((i, vec![ch(p)])),
                }
                p += 1;
            }
        }
    }
    (labels, skipped)
}

/// Matches `form` at flat position `p`, stepping over whole chrome words that interrupt it;
/// returns the end position.
fn match_form(
    flat: &[(usize, usize)],
    ch: &impl Fn(usize) -> char,
    chrome: &impl Fn(usize) -> bool,
    p: usize,
    form: &[char],
) -> Option<usize> {
    let mut q = p;
    let mut k = 0;
    while k < form.len() {
        if q >= flat.len() {
            return None;
        }
        if ch(q) == form[k] {
            q += 1;
            k += 1;
            continue;
        }
        let (item, offset) = flat[q];
        if k > 0 && offset == 0 && chrome(item) {
            while q < flat.len() && flat[q].0 == item {
                q += 1;
            }
            continue;
        }
        return None;
    }
    Some(q)
}

/// Printed label text shorter than this is never read through its numbering alone.
const MIN_SHORTENED: usize = 3;
/// Longer than any label of the format (the longest has about 40 characters).
const MAX_LABEL: usize = 80;
/// Above this many label × run pairs the alignment is done greedily (a file holding many
/// copies of a table), keeping time and memory bounded.
const MAX_ALIGN_CELLS: usize = 250_000;

/// A label printed shortened or with a typo (`1.国家秘密`, `2.其他法律行政止公开`): the same
/// numbering as exactly one row, and the printed text, up to the end of its word, a
/// subsequence of that row's text.
fn match_numbered<'f>(
    flat: &[(usize, usize)],
    ch: &impl Fn(usize) -> char,
    p: usize,
    forms: &'f [Form],
) -> Option<(usize, &'f Form, Option<String>)> {
    let head: Vec<char> = (p..flat.len().min(p + 3)).map(ch).collect();
    let numbering_len = match head.as_slice() {
        ['(', _, ')', ..] => 3,
        [d, '.', ..] if d.is_ascii_digit() => 2,
        [_, '、', ..] => 2,
        _ => return None,
    };
    if !starts_numbered(&head) {
        return None;
    }
    let item = flat[p].0;
    let start = p + numbering_len;
    let mut end = start;
    while end < flat.len() && flat[end].0 == item {
        end += 1;
        // No label is this long: the word is text, not a shortened label.
        if end - start > MAX_LABEL {
            return None;
        }
    }
    if end - start < MIN_SHORTENED {
        return None;
    }
    let mut found: Vec<&Form> = Vec::new();
    for f in forms {
        if f.text.len() <= numbering_len || f.text[..numbering_len] != head[..numbering_len] {
            continue;
        }
        let body = &f.text[numbering_len..];
        let mut k = 0;
        let subsequence = (start..end).all(|q| match body[k..].iter().position(|c| *c == ch(q)) {
            Some(at) => {
                k += at + 1;
                true
            }
            None => false,
        });
        if subsequence && !found.iter().any(|g| g.row == f.row) {
            found.push(f);
        }
    }
    match found.as_slice() {
        [f] => {
            let printed: String = (p..end).map(ch).collect();
            Some((end, f, Some(printed)))
        }
        _ => None,
    }
}

/// The same label numbered the other usual ways: `(一)` ↔ `一、`, `1.` → `(1)`.
fn numbering_variants(text: &str) -> Vec<String> {
    const CJK: &str = "一二三四五六七八九十";
    let chars: Vec<char> = text.chars().collect();
    let rest = |n: usize| chars[n..].iter().collect::<String>();
    match chars.as_slice() {
        ['(', n, ')', ..] if CJK.contains(*n) => vec![format!("{n}、{}", rest(3))],
        [n, '、', ..] if CJK.contains(*n) => vec![format!("({n}){}", rest(2))],
        [d, '.', ..] if d.is_ascii_digit() => vec![format!("({d}){}", rest(2))],
        _ => Vec::new(),
    }
}

/// Splits a run that holds several rows' numbers (one cell per line, no labels between) into
/// rows when every row of the table has the same width.
fn chunk_runs(table: &Table, runs: Vec<(usize, Run)>) -> Vec<(usize, Run)> {
    let widths: Vec<usize> = table
        .blocks
        .iter()
        .map(|b| b.leaf_columns().len())
        .collect();
    let w = match widths.as_slice() {
        [w, rest @ ..] if rest.iter().all(|x| x == w) && *w > 0 => *w,
        _ => return runs,
    };
    let mut out = Vec::new();
    for (i, r) in runs {
        if !r.glued && !r.explicit && r.cells.len() > w && r.cells.len() % w == 0 {
            for chunk in r.cells.chunks(w) {
                out.push((
                    i,
                    Run {
                        cells: chunk.to_vec(),
                        ..r.clone()
                    },
                ));
            }
        } else {
            out.push((i, r));
        }
    }
    out
}

/// Order-preserving assignment of runs to labels at least cost: a data row without numbers
/// or numbers without a row cost most; a run right after or inside its label costs nothing,
/// one right before it a little (PDF text puts numbers before a wrapped label).
fn align(
    items: &[Item],
    labels: &[Label],
    runs: &[(usize, Run)],
    width: &impl Fn(&str) -> usize,
) -> Vec<(usize, usize)> {
    const MISSING: u32 = 10;
    let between_clear = |from: usize, to: usize| -> bool {
        (from..to).all(|i| match &items[i] {
            Item::Text { chrome, .. } => *chrome,
            Item::Run(_) => false,
        })
    };
    let cost = |l: &Label, (ri, r): &(usize, Run)| -> Option<u32> {
        if l.group && !l.subtotal {
            return None;
        }
        let w = width(&l.row);
        // Cells separated by tabs or pipes belong to the label on their line.
        if r.explicit {
            return (r.line == l.line && r.cells.len() <= w.max(1)).then_some(0);
        }
        let fits = r.cells.len() == w || (r.glued && r.cells.len() < w);
        let inside = *ri > l.first_item && *ri < l.last_item;
        let right_after = *ri > l.last_item && between_clear(l.last_item + 1, *ri);
        let base = if inside || right_after {
            0
        } else if *ri < l.first_item && between_clear(ri + 1, l.first_item) {
            1
        } else {
            // Numbers away from any label are not guessed at.
            return None;
        };
        Some(base + if fits { 0 } else { 5 } + u32::from(l.group))
    };
    let (m, n) = (labels.len(), runs.len());
    if m.saturating_mul(n) > MAX_ALIGN_CELLS {
        // Each label takes the next run that fits right after or inside it.
        let mut pairs = Vec::new();
        let mut j = 0;
        for (i, l) in labels.iter().enumerate() {
            while j < n && runs[j].0 < l.first_item {
                j += 1;
            }
            if j < n && cost(l, &runs[j]) == Some(0) {
                pairs.push((i, j));
                j += 1;
            }
        }
        return pairs;
    }
    let mut dp = vec![vec![u32::MAX; n + 1]; m + 1];
    dp[0][0] = 0;
    for i in 0..=m {
        for j in 0..=n {
            let here = dp[i][j];
            if here == u32::MAX {
                continue;
            }
            if j < n {
                let c = here + MISSING;
                if c < dp[i][j + 1] {
                    dp[i][j + 1] = c;
                }
            }
            if i < m {
                let skip = if labels[i].group { 0 } else { MISSING };
                if here + skip < dp[i + 1][j] {
                    dp[i + 1][j] = here + skip;
                }
                if j < n
                    && let Some(c) = cost(&labels[i], &runs[j])
                    && here + c < dp[i + 1][j + 1]
                {
                    dp[i + 1][j + 1] = here + c;
                }
            }
        }
    }
    // Walk back.
    let mut pairs = Vec::new();
    let (mut i, mut j) = (m, n);
    while i > 0 || j > 0 {
        let here = dp[i][j];
        if i > 0
            && j > 0
            && let Some(c) = cost(&labels[i - 1], &runs[j - 1])
            && dp[i - 1][j - 1] != u32::MAX
            && dp[i - 1][j - 1] + c == here
        {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
            continue;
        }
        if i > 0 {
            let skip = if labels[i - 1].group { 0 } else { MISSING };
            if dp[i - 1][j] != u32::MAX && dp[i - 1][j] + skip == here {
                i -= 1;
                continue;
            }
        }
        if j > 0 {
            j -= 1;
            continue;
        }
        i -= 1;
    }
    pairs.reverse();
    pairs
}

/// Turns each assigned run into the row's values: directly where the cells can be seen,
/// through the constrained split where digits were glued.
fn values(
    format: &Format,
    table: &Table,
    body: &[(usize, String)],
    assigned: Vec<(String, Run, usize)>,
    out: &mut TableRead,
) {
    let equations = split::equations(format, &table.id);
    // Web text that glued some cells glued them all: a short run there is glued too.
    let glued_table = assigned.iter().any(|(_, r, _)| r.glued);
    let mut known: HashMap<CellRef, i128> = HashMap::new();
    let mut pending: Vec<(Ambiguous, usize, String)> = Vec::new();
    let line_no = |li: usize| body.get(li).map_or(0, |b| b.0);
    let mut seen = std::collections::HashSet::new();
    for (row, run, li) in assigned {
        let Some(block) = table.block_of_row(&row) else {
            continue;
        };
        let columns: Vec<String> = block.leaf_columns().iter().map(|c| c.id.clone()).collect();
        let w = columns.len();
        let line = line_no(li);
        let mut read = RowRead {
            row: row.clone(),
            values: Vec::new(),
            surplus: 0,
            line,
            part: 0,
        };
        let first = seen.insert(row.clone());
        let cells = &run.cells;
        if (run.glued || (glued_table && !run.explicit))
            && cells.len() < w
            && cells.iter().all(Option::is_some)
        {
            let tokens: Vec<String> = cells.iter().flatten().cloned().collect();
            let digits = tokens.join("");
            let row_eqs: Vec<&Equation> = equations
                .iter()
                .filter(|e| e.cells().all(|c| c.row == row))
                .collect();
            let candidates: Option<Vec<Vec<String>>> =
                split::splits(&tokens, w, 20_000).map(|all| {
                    all.into_iter()
                        .filter(|cand| {
                            row_eqs.iter().all(|e| {
                                e.holds(|c| {
                                    let i = columns.iter().position(|x| *x == c.col)?;
                                    split::int(cand.get(i)?)
                                }) != Some(false)
                            })
                        })
                        .collect()
                });
            match candidates {
                Some(c) if c.len() == 1 => {
                    set_values(&mut read, &c[0], &columns, &table.id, &mut known, first)
                }
                Some(c) if c.is_empty() => out.notes.push(Note::NoSplit {
                    row: row.clone(),
                    line,
                    digits,
                }),
                Some(c) => pending.push((
                    Ambiguous {
                        row: row.clone(),
                        columns: columns.clone(),
                        candidates: c,
                    },
                    line,
                    digits,
                )),
                None => out.notes.push(Note::Ambiguous {
                    row: row.clone(),
                    line,
                    digits,
                    ways: 20_000,
                }),
            }
        } else if cells.len() < w && !run.explicit {
            out.notes.push(Note::Short {
                row: row.clone(),
                line,
                found: cells.len(),
            });
        } else {
            let texts: Vec<String> = cells
                .iter()
                .map(|c| c.clone().unwrap_or_default())
                .collect();
            set_values(&mut read, &texts, &columns, &table.id, &mut known, first);
        }
        out.rows.push(read);
    }
    if pending.is_empty() {
        return;
    }
    let rows: Vec<Ambiguous> = pending
        .iter()
        .map(|(a, _, _)| Ambiguous {
            row: a.row.clone(),
            columns: a.columns.clone(),
            candidates: a.candidates.clone(),
        })
        .collect();
    let settled = split::resolve(&table.id, &equations, &known, &rows, 50_000);
    for ((a, line, digits), result) in pending.into_iter().zip(settled) {
        match result {
            Ok(cells) => {
                if let Some(read) = out
                    .rows
                    .iter_mut()
                    .find(|r| r.row == a.row && r.line == line)
                {
                    let mut scratch = HashMap::new();
                    set_values(read, &cells, &a.columns, &table.id, &mut scratch, false);
                }
            }
            Err(ways) => out.notes.push(Note::Ambiguous {
                row: a.row,
                line,
                digits,
                ways,
            }),
        }
    }
}

fn set_values(
    read: &mut RowRead,
    cells: &[String],
    columns: &[String],
    table: &str,
    known: &mut HashMap<CellRef, i128>,
    record: bool,
) {
    for (i, text) in cells.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        if i >= columns.len() {
            read.surplus += 1;
            continue;
        }
        read.values.push((i, text.clone()));
        if record && let Some(v) = split::int(text) {
            known.insert(CellRef::new(table, &read.row, &columns[i]), v);
        }
    }
}
