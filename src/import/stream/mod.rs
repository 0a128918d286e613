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

mod align;
mod chrome;
mod find;
mod words;

use super::labels::normalize_chars;
use super::split::{self, Ambiguous, Equation};
use super::table::RowRead;
use super::tokens::{Token, tokenize};
use crate::format::{CellRef, Format, Table};
use align::{align, chunk_runs};
use chrome::{Vocabulary, contains, starts_numbered};
use find::find_labels;
pub use find::rows_named;
use std::collections::HashMap;
pub use words::TableWords;

/// What the reader found, for the importer to place and report.
#[derive(Debug, Default)]
pub struct TableRead {
    pub rows: Vec<RowRead>,
    /// Per body line: true when the line belongs to the table (row, header, fragment).
    pub table_lines: Vec<bool>,
    /// Text on the table's lines that is neither a label nor a header: (line, text).
    pub unplaced: Vec<(usize, String)>,
    pub notes: Vec<Note>,
    /// Of a table of one block: the header words before its first row, a line's words
    /// together, in order, as (block, words) ([`super::columns`]).
    pub headers: Vec<(usize, Vec<compact_str::CompactString>)>,
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
    /// Glued digits the equations left open, settled by a sentence of the report.
    Narrative {
        row: String,
        line: usize,
        digits: String,
        values: String,
        sentence: String,
        sentence_line: usize,
    },
    /// Fewer numbers than cells in a layout where blank cells cannot be seen.
    Short {
        row: String,
        line: usize,
        found: usize,
        /// The numbers the row printed, in order.
        seen: Vec<String>,
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
    /// A Markdown pipe row: every cell printed, so fewer cells than the table means one was
    /// dropped (a merged cell), not that the last ones are blank.
    piped: bool,
    /// Cells printed, trailing blanks included.
    printed: usize,
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

/// Reads `table` from a section's `body`; `text` is the whole report, whose sentences may
/// witness glued digits the table's equations leave open (`narrative`).
pub fn read(
    format: &Format,
    table: &Table,
    body: &[(usize, String)],
    text: &[(usize, String)],
) -> TableRead {
    let mut out = TableRead {
        table_lines: vec![false; body.len()],
        ..TableRead::default()
    };
    let prepared = super::prepared::prepared(format);
    let fresh;
    let words = match prepared.table(format, table) {
        Some(words) => words,
        None => {
            fresh = TableWords::new(table);
            &fresh
        }
    };
    let vocab = &words.vocab;
    let (items, decoration) = items(body, vocab);
    let (labels, skipped) = find_labels(&items, words);
    if table.blocks.len() == 1 {
        out.headers = header_words(&items, &labels, vocab);
    }

    // Text nobody claimed: header words and merged-cell fragments are part of the table;
    // anything else is reported if its line turns out to be the table's (`unclaimed`), the
    // rest is the section's text (most of it: the prose around the table).
    let mut unclaimed: Vec<(usize, &[char])> = Vec::new();
    for (item, text) in &skipped {
        if let Item::Text { line, .. } = &items[*item] {
            if vocab.is_chrome(text) {
                out.table_lines[*line] = true;
            } else {
                unclaimed.push((*line, text));
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
        format
            .compiled()
            .row_columns(&table.id, row)
            .map_or(0, <[String]>::len)
    };
    let mut assigned: Vec<(String, Run, usize)> = Vec::new();
    if !labelled {
        // Section 四: one unlabelled row; its numbers may stand on one line or several.
        let Some(row) = table
            .blocks
            .first()
            .and_then(|b| b.data_rows().first().copied())
        else {
            return with_unclaimed(out, &unclaimed);
        };
        // Only numbers on lines of nothing but numbers and header words belong to it.
        // The numbers follow the header where there is one.
        // A header word has two characters at least (one alone may be stray text).
        let header_word = |chars: &[char]| chars.len() > 1 && vocab.is_chrome(chars);
        // The header starts at its first whole word (`行政复议`): a piece of one before it
        // (`公开` of the 2019 format's `本年新公开数量`, glued to a number in the section's
        // text, `公开0`) is no header; a header glued into one run of words has only pieces.
        let whole_word = |chars: &[char]| vocab.words.iter().any(|w| w.as_slice() == chars);
        let first = |is: &dyn Fn(&[char]) -> bool| {
            items.iter().position(|it| match it {
                Item::Text { chars, .. } => is(chars),
                Item::Run(_) => false,
            })
        };
        let header = first(&whole_word).or_else(|| first(&header_word));
        let data: Vec<&(usize, Run)> = runs
            .iter()
            .filter(|(i, _)| header.is_none_or(|h| *i > h))
            .filter(|(_, r)| {
                items.iter().all(|it| match it {
                    Item::Text { line, chars, .. } => *line != r.line || header_word(chars),
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
        let pairs = whole_runs_only(align(&items, &labels, &runs, &width), &runs);
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
        let chunked = |item: usize| runs.iter().filter(|(i, _)| *i == item).count() > 1;
        for (ri, (item, r)) in runs.iter().enumerate() {
            // Numbers before the first label or after the last are the section's text, unless
            // they stand in cells (a row whose label is not the format's) or are several rows'
            // worth in one stream (the table's numbers, in an order no label tells).
            if !used[ri]
                && (r.explicit || chunked(*item) || (*item > first_label && *item < last_label))
            {
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
    values(format, table, body, text, assigned, &mut out);
    out.rows.sort_by_key(|r| r.line);
    // Markdown separator rows are table decoration wherever they stand.
    for li in decoration {
        out.table_lines[li] = true;
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
    with_unclaimed(out, &unclaimed)
}

/// `pairs` without the runs cut from one stream of numbers (`chunk_runs`) unless every part of
/// that stream went to a label: a label that took one part of a stream holding several rows'
/// numbers (a PDF's table read column by column) took a guess, and a wrong number is worse
/// than a blank one.
fn whole_runs_only(pairs: Vec<(usize, usize)>, runs: &[(usize, Run)]) -> Vec<(usize, usize)> {
    let parts = |item: usize| runs.iter().filter(|(i, _)| *i == item).count();
    let taken = |item: usize| pairs.iter().filter(|(_, r)| runs[*r].0 == item).count();
    pairs
        .iter()
        .copied()
        .filter(|(_, r)| {
            let item = runs[*r].0;
            parts(item) == 1 || taken(item) == parts(item)
        })
        .collect()
}

/// `out` with the unclaimed text of its table lines first among the unplaced, in order; the
/// unclaimed text of other lines is the section's and is not reported here.
fn with_unclaimed(mut out: TableRead, unclaimed: &[(usize, &[char])]) -> TableRead {
    let mine: Vec<(usize, String)> = unclaimed
        .iter()
        .filter(|(line, _)| out.table_lines.get(*line) == Some(&true))
        .map(|(line, text)| (*line, text.iter().collect()))
        .collect();
    out.unplaced.splice(0..0, mine);
    out
}

/// The header words before the first row's label or numbers, a line's words together, as
/// the words of the table's one block.
fn header_words(
    items: &[Item],
    labels: &[Label],
    vocab: &Vocabulary,
) -> Vec<(usize, Vec<compact_str::CompactString>)> {
    let first_row = items
        .iter()
        .position(|it| matches!(it, Item::Run(_)))
        .into_iter()
        .chain(labels.first().map(|l| l.first_item))
        .min()
        .unwrap_or(items.len());
    let mut lines: Vec<(usize, Vec<compact_str::CompactString>)> = Vec::new();
    for it in &items[..first_row] {
        if let Item::Text { chars, line, .. } = it
            && vocab.is_chrome(chars)
        {
            let word: compact_str::CompactString = chars.iter().collect();
            match lines.last_mut() {
                Some((l, words)) if l == line => words.push(word),
                _ => lines.push((*line, vec![word])),
            }
        }
    }
    lines.into_iter().map(|(_, words)| (0, words)).collect()
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

/// The region as a stream of text words and runs of numbers, and the lines that are only
/// table decoration (Markdown separator rows; tokenised here once for both).
fn items(body: &[(usize, String)], vocab: &Vocabulary) -> (Vec<Item>, Vec<usize>) {
    let mut items: Vec<Item> = Vec::new();
    let mut decoration: Vec<usize> = Vec::new();
    for (li, (_, line)) in body.iter().enumerate() {
        let footer = super::segment::is_page_footer(line);
        // A CSV row is read as the TAB row it would be (its label's `，` kept).
        let csv = super::tokens::csv_as_tabs(line);
        let line = crate::value::normalize_width(csv.as_deref().unwrap_or(line));
        let line = line.as_ref();
        let Some(tokens) = tokenize(line) else {
            if !line.trim().is_empty() {
                decoration.push(li);
            }
            continue;
        };
        if footer {
            continue;
        }
        let piped = line.contains('|');
        let explicit = (tokens.contains(&Token::Blank) || line.contains('\t') || piped)
            && !super::tokens::has_spaced_cell(line);
        let text_only = tokens.iter().all(|t| matches!(t, Token::Text { .. }));
        let has_text = tokens.iter().any(|t| matches!(t, Token::Text { .. }));
        let mut line_items: Vec<Item> = Vec::new();
        let mut run: Option<Run> = None;
        let mut seen_content = false;
        // Each text token's normalised characters, once (a text is also asked whether the
        // one after it starts with a numbering).
        let mut normalized: Vec<Option<Vec<char>>> = tokens
            .iter()
            .map(|t| match t {
                Token::Text { text, .. } => Some(normalize_chars(text)),
                _ => None,
            })
            .collect();
        for (ti, tok) in tokens.iter().enumerate() {
            match tok {
                Token::Text { lead, .. } => {
                    if let Some(r) = run.take() {
                        line_items.push(Item::Run(r));
                    }
                    let next_numbered = || {
                        tokens[ti + 1..].iter().zip(&normalized[ti + 1..]).find_map(
                            |(t, n)| match t {
                                Token::Text { .. } => {
                                    Some(starts_numbered(n.as_deref().unwrap_or_default()))
                                }
                                Token::Num { .. } => Some(false),
                                Token::Blank => None,
                            },
                        )
                    };
                    // Where it stands first (cheap), then whether a header word is in it: a
                    // line of prose is mostly words that could be neither.
                    let placed = text_only || (*lead && next_numbered() == Some(true));
                    let chars: Vec<char> = normalized[ti].take().unwrap_or_default();
                    if chars.is_empty() {
                        continue;
                    }
                    let chrome = placed && vocab.words.iter().any(|v| contains(v, &chars));
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
                        piped,
                        printed: 0,
                        line: li,
                        last_line: li,
                    });
                    r.cells.push(Some(text.to_string()));
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
                            piped,
                            printed: 0,
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
            r.printed = r.cells.len();
            while r.cells.last().is_some_and(Option::is_none) {
                r.cells.pop();
            }
        }
    }
    (items, decoration)
}

/// Turns each assigned run into the row's values: directly where the cells can be seen,
/// through the constrained split where digits were glued.
fn values(
    format: &Format,
    table: &Table,
    body: &[(usize, String)],
    text: &[(usize, String)],
    assigned: Vec<(String, Run, usize)>,
    out: &mut TableRead,
) {
    let equations = split::equations(format, &table.id);
    // Web text that glued some cells glued them all: a short run there is glued too.
    let glued_table = assigned.iter().any(|(_, r, _)| r.glued);
    let mut pending: Vec<(Ambiguous, usize, String)> = Vec::new();
    let line_no = |li: usize| body.get(li).map_or(0, |b| b.0);
    let mut seen = std::collections::HashSet::new();
    // Indices in `out.rows` of each row's first reading.
    let mut firsts: Vec<usize> = Vec::new();
    for (row, run, li) in assigned {
        let Some(columns) = format.compiled().row_columns(&table.id, &row) else {
            continue;
        };
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
        let lead = spanned_lead(&run, w);
        let repeats = repeated_merge(&run, w);
        let run = Run {
            cells: run.cells[lead..run.cells.len() - repeats].to_vec(),
            printed: run.printed.saturating_sub(lead + repeats),
            ..run
        };
        let cells = &run.cells;
        if (run.glued || (glued_table && !run.explicit))
            && cells.len() < w
            && cells.iter().all(Option::is_some)
        {
            let tokens: Vec<String> = cells
                .iter()
                .flatten()
                .map(|t| super::tokens::value_of(t).to_string())
                .collect();
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
                Some(c) if c.len() == 1 => set_values(&mut read, &c[0], columns),
                Some(c) if c.is_empty() => out.notes.push(Note::NoSplit {
                    row: row.clone(),
                    line,
                    digits,
                }),
                Some(c) => pending.push((
                    Ambiguous {
                        row: row.clone(),
                        columns: columns.to_vec(),
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
        } else if run.piped
            && run.printed + 1 == w
            && cells.len() + 1 == w
            && cells
                .iter()
                .all(|c| c.as_deref().map(super::tokens::value_of) == Some("0"))
            && zero_proven(&equations, &table.id, &row, columns)
        {
            // One cell dropped, every other one 0: whichever it was, the row's own sums make
            // it 0 too.
            let zeros = vec!["0".to_string(); w];
            set_values(&mut read, &zeros, columns);
        } else if (cells.len() < w && !run.explicit)
            || (run.piped && run.printed < w && cells.iter().any(Option::is_some))
        {
            // Which cell is missing cannot be seen: the row stays blank, its numbers listed.
            out.notes.push(Note::Short {
                row: row.clone(),
                line,
                found: cells.iter().flatten().count(),
                seen: cells.iter().flatten().cloned().collect(),
            });
        } else {
            let texts: Vec<String> = cells
                .iter()
                .map(|c| c.clone().unwrap_or_default())
                .collect();
            set_values(&mut read, &texts, columns);
        }
        out.rows.push(read);
        if first {
            firsts.push(out.rows.len() - 1);
        }
    }
    if pending.is_empty() {
        return;
    }
    // What the rows read so far say, for the equations to settle the open rows by: each
    // row's first reading (a repeated row is reported, not believed).
    let mut known: HashMap<CellRef, i128> = HashMap::new();
    for read in firsts.iter().filter_map(|i| out.rows.get(*i)) {
        let Some(columns) = format.compiled().row_columns(&table.id, &read.row) else {
            continue;
        };
        for (i, text) in &read.values {
            if let Some(v) = split::int(super::tokens::value_of(text)) {
                known.insert(CellRef::new(&table.id, &read.row, &columns[*i]), v);
            }
        }
    }
    let rows: Vec<Ambiguous> = pending
        .iter()
        .map(|(a, _, _)| Ambiguous {
            row: a.row.clone(),
            columns: a.columns.clone(),
            candidates: a.candidates.clone(),
        })
        .collect();
    let mut settled = split::resolve(&table.id, &equations, &known, &rows, 50_000);
    let mut witnessed: Vec<Option<super::narrative::Hint>> = vec![None; rows.len()];
    if settled.iter().any(Result::is_err) && !text.is_empty() {
        (settled, witnessed) = by_narrative(&table.id, &equations, &known, &rows, settled, text);
    }
    for (((a, line, digits), result), witness) in pending.into_iter().zip(settled).zip(witnessed) {
        if let (Ok(cells), Some(w)) = (&result, witness) {
            out.notes.push(Note::Narrative {
                row: a.row.clone(),
                line,
                digits: digits.clone(),
                values: cells.join(" "),
                sentence: w.sentence,
                sentence_line: w.line,
            });
        }
        match result {
            Ok(cells) => {
                if let Some(read) = out
                    .rows
                    .iter_mut()
                    .find(|r| r.row == a.row && r.line == line)
                {
                    set_values(read, &cells, &a.columns);
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

/// Blank cells at the start of an explicit run beyond the row's `width`: the label's own
/// spanned cells (a label over two columns, `label⇥⇥3001⇥…`), not values. Only as many as the
/// count proves: a run of exactly `width` cells keeps a leading blank as its first cell.
fn spanned_lead(run: &Run, width: usize) -> usize {
    if !run.explicit {
        return 0;
    }
    let blanks = run.cells.iter().take_while(|c| c.is_none()).count();
    blanks.min(run.cells.len().saturating_sub(width))
}

/// Cells of an explicit run that repeat a one-cell row's value: a converter (docling) writes
/// a merged cell's value into every column it spans (`| 行政许可 | 349 | 349 | 349 |`). Only
/// when every cell holds the same value: anything else is not guessed at.
fn repeated_merge(run: &Run, width: usize) -> usize {
    let Some(Some(first)) = run.cells.first() else {
        return 0;
    };
    let repeats = run.explicit
        && width == 1
        && run.cells.len() > 1
        && run.cells.iter().all(|c| c.as_ref() == Some(first));
    if repeats { run.cells.len() - 1 } else { 0 }
}

/// Whether every column of `row` stands in an equation of the row's own cells: then, the row's
/// cells being counts (never negative), one unknown cell among zeros is 0.
fn zero_proven(equations: &[Equation], table: &str, row: &str, columns: &[String]) -> bool {
    columns.iter().all(|col| {
        equations.iter().any(|e| {
            e.cells().all(|c| c.table == table && c.row == row) && e.cells().any(|c| c.col == *col)
        })
    })
}

/// A row's split as `split::resolve` returns it: the cells, or how many splits were left.
type Settled = Result<Vec<String>, usize>;

/// Rows the equations left open, tried again with only the splits that agree with what the
/// text's sentences state for their cells (a row none agrees with keeps all its splits; a row
/// already settled keeps its split). Returns the results and, per row newly settled, the
/// sentence that chose.
fn by_narrative(
    table: &str,
    equations: &[Equation],
    known: &HashMap<CellRef, i128>,
    rows: &[Ambiguous],
    first: Vec<Settled>,
    text: &[(usize, String)],
) -> (Vec<Settled>, Vec<Option<super::narrative::Hint>>) {
    let hints = super::narrative::hints(table, text);
    let none = vec![None; rows.len()];
    if hints.is_empty() {
        return (first, none);
    }
    let mut used: Vec<Option<super::narrative::Hint>> = none.clone();
    let narrowed: Vec<Ambiguous> = rows
        .iter()
        .zip(&first)
        .zip(used.iter_mut())
        .map(|((r, res), used)| {
            let candidates = match res {
                Ok(cells) => vec![cells.clone()],
                Err(_) => {
                    let stated: Vec<(usize, &super::narrative::Hint)> = hints
                        .iter()
                        .filter(|h| h.cell.row == r.row)
                        .filter_map(|h| Some((r.columns.iter().position(|c| *c == h.cell.col)?, h)))
                        .collect();
                    let agree: Vec<Vec<String>> = r
                        .candidates
                        .iter()
                        .filter(|c| {
                            stated.iter().all(|(i, h)| {
                                c.get(*i).and_then(|v| split::int(v)) == Some(h.value)
                            })
                        })
                        .cloned()
                        .collect();
                    if stated.is_empty() || agree.is_empty() {
                        r.candidates.clone()
                    } else {
                        // The sentences that chose, in the order the text has them.
                        let mut said: Vec<&super::narrative::Hint> =
                            stated.iter().map(|(_, h)| *h).collect();
                        said.sort_by_key(|h| h.line);
                        said.dedup_by(|a, b| a.sentence == b.sentence);
                        *used = said.first().map(|h| super::narrative::Hint {
                            sentence: said
                                .iter()
                                .map(|h| h.sentence.as_str())
                                .collect::<Vec<_>>()
                                .join("”“"),
                            ..(*h).clone()
                        });
                        agree
                    }
                }
            };
            Ambiguous {
                row: r.row.clone(),
                columns: r.columns.clone(),
                candidates,
            }
        })
        .collect();
    if used.iter().all(Option::is_none) {
        return (first, none);
    }
    let second = split::resolve(table, equations, known, &narrowed, 50_000);
    // Only a row the text settled is credited to the text.
    let credited = used
        .into_iter()
        .zip(&first)
        .zip(&second)
        .map(|((u, a), b)| u.filter(|_| a.is_err() && b.is_ok()))
        .collect();
    (second, credited)
}

fn set_values(read: &mut RowRead, cells: &[String], columns: &[String]) {
    for (i, text) in cells.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        if i >= columns.len() {
            read.surplus += 1;
            continue;
        }
        read.values.push((i, text.as_str().into()));
    }
}
