//! Finding row labels in the stream of text: by their normalised form (stepping over merged-cell
//! fragments that interrupt them), or, for a shortened or mistyped label, by its numbering.

use super::super::labels::normalize;
use super::super::variants;
use super::chrome::starts_numbered;
use super::words::TableWords;
use super::{Form, Item, Label};
use crate::format::Table;

pub(super) fn forms(table: &Table) -> Vec<Form> {
    let mut out = Vec::new();
    let extra = &variants::get().row_labels;
    // `table.row`, the variants' key, built in one buffer.
    let mut key = String::new();
    for b in &table.blocks {
        for (r, _) in b.all_rows() {
            key.clear();
            key.push_str(&table.id);
            key.push('.');
            key.push_str(&r.id);
            let texts = std::iter::once(&r.label)
                .chain(&r.aliases)
                .chain(extra.get(&key).into_iter().flatten());
            for t in texts {
                let n = normalize(t);
                if n.is_empty() {
                    continue;
                }
                let variants = numbering_variants(&n);
                for text in std::iter::once(n.as_str()).chain(variants.iter().map(String::as_str)) {
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

/// The rows a label as printed names: its normalised form equals a row's label, alias or known
/// variant, in any numbering style (`（一）`, `(一)`, `一、`). Shared with the grid's paste.
pub fn rows_named(table: &Table, label: &str) -> Vec<(String, bool)> {
    let n: Vec<char> = normalize(label).chars().collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    if n.is_empty() {
        return out;
    }
    for f in forms(table) {
        if f.text == n && !out.iter().any(|(r, _)| *r == f.row) {
            out.push((f.row, f.group));
        }
    }
    out
}

/// Every label found in the text stream, in order, and the text no label claimed.
pub(super) fn find_labels(
    items: &[Item],
    words: &TableWords,
) -> (Vec<Label>, Vec<(usize, Vec<char>)>) {
    // (item, char index) of every text character in order, and the characters themselves
    // side by side: every position of the text is asked for its character, most of them
    // several times.
    let total = items
        .iter()
        .map(|it| match it {
            Item::Text { chars, .. } => chars.len(),
            Item::Run(_) => 0,
        })
        .sum();
    let mut flat: Vec<(usize, usize)> = Vec::with_capacity(total);
    let mut text: Vec<char> = Vec::with_capacity(total);
    for (i, it) in items.iter().enumerate() {
        if let Item::Text { chars, .. } = it {
            flat.extend((0..chars.len()).map(|k| (i, k)));
            text.extend_from_slice(chars);
        }
    }
    let ch = |p: usize| -> char { text[p] };
    let chrome = |i: usize| matches!(&items[i], Item::Text { chrome: true, .. });
    // A form matches only where its first character stands (chrome is stepped over only
    // inside a label): each position tries the forms starting with its character, in their
    // order, instead of every form (most characters of a report's text start none).
    let forms = &words.forms;
    let mut labels = Vec::new();
    let mut skipped: Vec<(usize, Vec<char>)> = Vec::new();
    let mut p = 0;
    while p < flat.len() {
        let mut best: Option<(usize, &Form, Option<String>)> = None;
        for f in words.starting(ch(p)).iter().map(|&i| &forms[i]) {
            if let Some(end) = match_form(&flat, &ch, &chrome, p, &f.text)
                && best.as_ref().is_none_or(|b| f.text.len() > b.1.text.len())
            {
                best = Some((end, f, None));
            }
        }
        match &best {
            None => best = match_numbered(&flat, &ch, p, forms),
            // A label's exact start with mistyped words after it in the same cell
            // (`（二）部分公开（…只计这一情况…）`): read whole through its numbering.
            Some((end, f, _)) if *end < flat.len() && flat[*end].0 == flat[p].0 => {
                if let Some(whole) = match_numbered(&flat, &ch, p, forms)
                    && whole.1.row == f.row
                    && whole.0 > *end
                {
                    best = Some(whole);
                }
            }
            Some(_) => {}
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
                let (i, k) = flat[p];
                match skipped.last_mut() {
                    Some((si, text)) if *si == i => text.push(ch(p)),
                    _ => {
                        // Room for the rest of the item: most skipped text is a whole word.
                        let rest = match &items[i] {
                            Item::Text { chars, .. } => chars.len() - k,
                            Item::Run(_) => 1,
                        };
                        let mut text = Vec::with_capacity(rest);
                        text.push(ch(p));
                        skipped.push((i, text));
                    }
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
/// A numbered label at least this long (after its numbering) may have one mistyped character.
const TYPO_MIN_LEN: usize = 6;

/// A label printed shortened or with a typo (`1.国家秘密`, `2.其他法律行政止公开`): the same
/// numbering as exactly one row, and the printed text, up to the end of its word, a
/// subsequence of that row's text.
#[inline]
fn match_numbered<'f>(
    flat: &[(usize, usize)],
    ch: &impl Fn(usize) -> char,
    p: usize,
    forms: &'f [Form],
) -> Option<(usize, &'f Form, Option<String>)> {
    // Asked at most positions of the text: a numbering is `(` first or `.`/`、` second.
    if ch(p) != '(' && (p + 1 >= flat.len() || !matches!(ch(p + 1), '.' | '、')) {
        return None;
    }
    numbered(flat, ch, p, forms)
}

/// [`match_numbered`] where a numbering may start.
#[inline(never)]
fn numbered<'f>(
    flat: &[(usize, usize)],
    ch: &impl Fn(usize) -> char,
    p: usize,
    forms: &'f [Form],
) -> Option<(usize, &'f Form, Option<String>)> {
    let mut buf = ['\0'; 3];
    let n = flat.len().min(p + 3) - p;
    for (k, slot) in buf.iter_mut().take(n).enumerate() {
        *slot = ch(p + k);
    }
    let head = &buf[..n];
    let numbering_len = match head {
        ['(', _, ')', ..] => 3,
        [d, '.', ..] if d.is_ascii_digit() => 2,
        [_, '、', ..] => 2,
        _ => return None,
    };
    if !starts_numbered(head) {
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
    // Forms whose text holds the printed text in order, with the fewest printed characters
    // it lacks: none (a shortened label), or one in a label long enough that a single
    // mistyped character (`三类内容事务`, `只计这一情况`) cannot make it another row's.
    let allowed = usize::from(end - start >= TYPO_MIN_LEN);
    let mut found: Vec<&Form> = Vec::new();
    let mut fewest = allowed + 1;
    for f in forms {
        if f.text.len() <= numbering_len || f.text[..numbering_len] != head[..numbering_len] {
            continue;
        }
        let body = &f.text[numbering_len..];
        let mut k = 0;
        let mut missing = 0;
        for q in start..end {
            match body[k..].iter().position(|c| *c == ch(q)) {
                Some(at) => k += at + 1,
                None => missing += 1,
            }
            if missing > allowed {
                break;
            }
        }
        if missing > allowed || missing > fewest {
            continue;
        }
        if missing < fewest {
            fewest = missing;
            found.clear();
        }
        if !found.iter().any(|g| g.row == f.row) {
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
