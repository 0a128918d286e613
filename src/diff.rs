//! Two reports of the same format side by side (`nianbao diff A B`): every table cell with the
//! change and the percentage, then every section, the preamble and the signature as a text
//! diff. Pure: no terminal, no files; the command line prints what [`render`] writes or the
//! [`Diff`] as JSON.
//!
//! Texts are compared by lines (a paragraph is one line in a report), and a changed paragraph
//! by characters within it: a Chinese paragraph of three hundred characters that differs in
//! one figure shows that figure, not the whole paragraph twice.

use crate::draft::Draft;
use crate::format::{CellRef, Format};
use crate::i18n::Lang;
use crate::rules::{Location, Stage, evaluate};
use crate::value::{self, Number};
use serde::Serialize;

/// Which report a side of the diff is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The draft id or file name it was read from.
    pub source: String,
    pub agency: String,
    pub year: i32,
}

/// How a cell or a line differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    /// Blank in A, filled in B (a cell); only in B (a line).
    Added,
    /// Filled in A, blank in B; only in A.
    Removed,
    Changed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellDiff {
    pub table: String,
    pub row: String,
    pub column: String,
    /// The cell's official name, e.g. `三、一、本年新收政府信息公开申请数量 / 总计`.
    pub label: String,
    /// A total the format computes (shown as computed when not stated).
    pub computed: bool,
    pub before: Option<String>,
    pub after: Option<String>,
    pub change: Change,
    /// `after − before`, signed (`+41`), when both are numbers.
    pub delta: Option<String>,
    /// The change in percent of `before`, one decimal (`+5.8%`), when `before` is a number
    /// other than zero.
    pub percent: Option<String>,
}

/// A stretch of a line: unchanged, only in A, or only in B.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub change: Change,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineDiff {
    pub change: Change,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextDiff {
    /// A section id, or the preamble's or signature's part id.
    pub id: String,
    pub heading: String,
    pub heading_en: String,
    pub change: Change,
    /// Every line when `all`, else only the lines that differ.
    pub lines: Vec<LineDiff>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub format: String,
    pub a: Side,
    pub b: Side,
    /// Whether unchanged cells and lines are included.
    pub all: bool,
    pub cells: Vec<CellDiff>,
    pub texts: Vec<TextDiff>,
}

/// Compares `a` and `b` (drafts of `format`): cells in table order, then the preamble, the
/// sections and the signature in document order.
pub fn diff(format: &Format, a: (&Draft, &str), b: (&Draft, &str), all: bool) -> Diff {
    let side = |(d, source): (&Draft, &str)| Side {
        source: source.to_string(),
        agency: d.agency.clone(),
        year: d.year,
    };
    // Only the computed totals are read from the evaluation: the date does not matter.
    let day = |d: &Draft| {
        chrono::NaiveDate::from_ymd_opt(d.year.saturating_add(1), 1, 1).unwrap_or_default()
    };
    let eval_a = evaluate(format, a.0, Stage::Drafting, day(a.0));
    let eval_b = evaluate(format, b.0, Stage::Drafting, day(b.0));
    let computed = crate::rules::computed_cells(format);
    let mut cells = Vec::new();
    for cell in format.cells() {
        let before = eval_a.display(&cell);
        let after = eval_b.display(&cell);
        let change = match (&before, &after) {
            (None, None) => Change::Same,
            (None, Some(_)) => Change::Added,
            (Some(_), None) => Change::Removed,
            (Some(x), Some(y)) if same_value(format, &cell, x, y) => Change::Same,
            _ => Change::Changed,
        };
        if change == Change::Same && !all {
            continue;
        }
        let (delta, percent) = match (&before, &after) {
            (Some(x), Some(y)) if change == Change::Changed => numbers(format, &cell, x, y),
            _ => (None, None),
        };
        cells.push(CellDiff {
            label: Location::cell_text(format, &cell),
            computed: computed.contains(&cell),
            table: cell.table,
            row: cell.row,
            column: cell.col,
            before,
            after,
            change,
            delta,
            percent,
        });
    }
    let mut texts = Vec::new();
    let mut text = |id: &str, heading: &str, heading_en: &str| {
        let t = text_diff(a.0.section_text(id), b.0.section_text(id), all);
        if t.0 != Change::Same || all {
            texts.push(TextDiff {
                id: id.to_string(),
                heading: heading.to_string(),
                heading_en: heading_en.to_string(),
                change: t.0,
                lines: t.1,
            });
        }
    };
    if let Some(p) = &format.preamble {
        text(&p.id, &p.label, &p.label_en);
    }
    for s in &format.sections {
        text(&s.id, &s.heading, &s.heading);
    }
    if let Some(p) = &format.signature {
        text(&p.id, &p.label, &p.label_en);
    }
    Diff {
        format: format.id.clone(),
        a: side(a),
        b: side(b),
        all,
        cells,
        texts,
    }
}

fn number(format: &Format, cell: &CellRef, text: &str) -> Option<Number> {
    value::parse(text, format.cell_type(cell)?).ok()
}

fn same_value(format: &Format, cell: &CellRef, x: &str, y: &str) -> bool {
    match (number(format, cell, x), number(format, cell, y)) {
        (Some(m), Some(n)) => m == n,
        _ => x == y,
    }
}

/// The signed difference and the percentage, when both are numbers.
fn numbers(format: &Format, cell: &CellRef, x: &str, y: &str) -> (Option<String>, Option<String>) {
    let (Some(m), Some(n)) = (number(format, cell, x), number(format, cell, y)) else {
        return (None, None);
    };
    let Some(d) = n.checked_sub(m) else {
        return (None, None);
    };
    let sign = if d > Number::ZERO { "+" } else { "" };
    let delta = format!("{sign}{d}");
    let as_f64 = |n: Number| n.to_string().parse::<f64>().ok();
    let percent = match (as_f64(d), as_f64(m)) {
        (Some(d), Some(m)) if m != 0.0 => {
            let p = d / m * 100.0;
            let sign = if p > 0.0 { "+" } else { "" };
            Some(format!("{sign}{p:.1}%"))
        }
        _ => None,
    };
    (Some(delta), percent)
}

/// Texts longer than this (in bytes, both together) get a time limit on the character diff of
/// a changed paragraph, as in the cross-year 内容雷同 rule.
const CHAR_DIFF_LIMIT: usize = 20_000;

/// Lines first; a run of changed lines is then compared by characters.
fn text_diff(a: &str, b: &str, all: bool) -> (Change, Vec<LineDiff>) {
    let mut lines: Vec<LineDiff> = Vec::new();
    let whole = if a == b {
        Change::Same
    } else if a.is_empty() {
        Change::Added
    } else if b.is_empty() {
        Change::Removed
    } else {
        Change::Changed
    };
    let split = |t: &str| -> Vec<String> { t.lines().map(str::to_string).collect() };
    let (la, lb) = (split(a), split(b));
    let ra: Vec<&str> = la.iter().map(String::as_str).collect();
    let rb: Vec<&str> = lb.iter().map(String::as_str).collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &ra, &rb);
    for op in ops {
        match op {
            similar::DiffOp::Equal { old_index, len, .. } => {
                for line in &ra[old_index..old_index + len] {
                    lines.push(whole_line(Change::Same, line));
                }
            }
            similar::DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for line in &ra[old_index..old_index + old_len] {
                    lines.push(whole_line(Change::Removed, line));
                }
            }
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for line in &rb[new_index..new_index + new_len] {
                    lines.push(whole_line(Change::Added, line));
                }
            }
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let old = ra[old_index..old_index + old_len].join("\n");
                let new = rb[new_index..new_index + new_len].join("\n");
                lines.extend(char_diff(&old, &new));
            }
        }
    }
    if !all {
        lines.retain(|l| l.change != Change::Same);
    }
    (whole, lines)
}

fn whole_line(change: Change, text: &str) -> LineDiff {
    LineDiff {
        change,
        spans: vec![Span {
            change,
            text: text.to_string(),
        }],
    }
}

/// Below this share of characters in common, a changed run of lines is shown as removed and
/// added, not inline.
const REWRITTEN: f32 = 0.6;

/// A changed run of lines, by characters: each line of the result holds the unchanged text
/// with what A had and what B has in its place.
fn char_diff(old: &str, new: &str) -> Vec<LineDiff> {
    let diff = if old.len() + new.len() > CHAR_DIFF_LIMIT {
        similar::TextDiff::configure()
            .timeout(std::time::Duration::from_millis(200))
            .diff_chars(old, new)
    } else {
        similar::TextDiff::from_chars(old, new)
    };
    // Rewritten rather than edited: a character diff would only pair the odd 的 and 是.
    if diff.ratio() < REWRITTEN {
        let lines = |text: &str, change| -> Vec<LineDiff> {
            text.lines().map(|l| whole_line(change, l)).collect()
        };
        let mut out = lines(old, Change::Removed);
        out.extend(lines(new, Change::Added));
        return out;
    }
    let mut out = vec![Vec::<Span>::new()];
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            similar::ChangeTag::Equal => Change::Same,
            similar::ChangeTag::Delete => Change::Removed,
            similar::ChangeTag::Insert => Change::Added,
        };
        let text = change.value();
        if text == "\n" {
            // A line break in either text ends the line here.
            out.push(Vec::new());
            continue;
        }
        let line = out.last_mut().expect("one line at least");
        match line.last_mut() {
            Some(span) if span.change == kind => span.text.push_str(text),
            _ => line.push(Span {
                change: kind,
                text: text.to_string(),
            }),
        }
    }
    out.into_iter()
        .filter(|spans| !spans.is_empty())
        .map(|spans| {
            let change = if spans.iter().all(|s| s.change == Change::Same) {
                Change::Same
            } else if spans.iter().all(|s| s.change == Change::Added) {
                Change::Added
            } else if spans.iter().all(|s| s.change == Change::Removed) {
                Change::Removed
            } else {
                Change::Changed
            };
            LineDiff { change, spans }
        })
        .collect()
}

/// The diff as text, one language: a heading, the cells (`label  before → after  +Δ  +%`),
/// then each text that differs, a line each, marked `-` (only in A), `+` (only in B) or `~`
/// (changed: `[-A's-]{+B's+}` inline).
pub fn render(diff: &Diff, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let blank = if zh { "（空）" } else { "(blank)" };
    let mut out = String::new();
    let side = |s: &Side| {
        if zh {
            format!("{}（{}，{}年）", s.source, s.agency, s.year)
        } else {
            format!("{} ({}, {})", s.source, s.agency, s.year)
        }
    };
    out.push_str(&format!("{} → {}\n", side(&diff.a), side(&diff.b)));
    out.push('\n');
    let changed = diff
        .cells
        .iter()
        .filter(|c| c.change != Change::Same)
        .count();
    out.push_str(&if zh {
        format!("表格：{changed} 个单元格不同\n")
    } else {
        format!("Tables: {changed} cells differ\n")
    });
    for c in &diff.cells {
        let value = |v: &Option<String>| v.clone().unwrap_or_else(|| blank.to_string());
        let mut line = format!("{}  {} → {}", c.label, value(&c.before), value(&c.after));
        for extra in [&c.delta, &c.percent].into_iter().flatten() {
            line.push_str("  ");
            line.push_str(extra);
        }
        if c.computed {
            line.push_str(if zh { "  （合计）" } else { "  (computed)" });
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    let changed = diff
        .texts
        .iter()
        .filter(|t| t.change != Change::Same)
        .count();
    out.push_str(&if zh {
        format!("文字：{changed} 部分不同（- 仅在前者，+ 仅在后者，~ 有改动：[-原文-]{{+新文+}}）\n")
    } else {
        format!(
            "Texts: {changed} parts differ (- only in the first, + only in the second, ~ changed: [-old-]{{+new+}})\n"
        )
    });
    for t in &diff.texts {
        let heading = if zh { &t.heading } else { &t.heading_en };
        let note = match (t.change, zh) {
            (Change::Same, true) => "（相同）",
            (Change::Same, false) => " (the same)",
            (Change::Added, true) => "（仅在后者）",
            (Change::Added, false) => " (only in the second)",
            (Change::Removed, true) => "（仅在前者）",
            (Change::Removed, false) => " (only in the first)",
            (Change::Changed, _) => "",
        };
        out.push_str(&format!("== {heading}{note}\n"));
        for l in &t.lines {
            let mark = match l.change {
                Change::Same => ' ',
                Change::Added => '+',
                Change::Removed => '-',
                Change::Changed => '~',
            };
            let mut text = String::new();
            for s in &l.spans {
                match (l.change, s.change) {
                    (Change::Changed, Change::Removed) => {
                        text.push_str(&format!("[-{}-]", s.text));
                    }
                    (Change::Changed, Change::Added) => {
                        text.push_str(&format!("{{+{}+}}", s.text));
                    }
                    _ => text.push_str(&s.text),
                }
            }
            out.push_str(&format!("{mark} {text}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
