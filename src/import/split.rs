//! Cell boundaries lost in web text (`713000074` for 71 3 0 0 0 0 74): every way to cut the
//! digits into the row's cells, kept only where the table's own equations hold. Never a guess:
//! when more than one way survives, the cells stay blank.

use crate::format::{CellRef, Format};
use std::collections::HashMap;

/// Longest digit string read as one cell (larger counts do not occur in these tables, and it
/// keeps sums far from overflow).
const MAX_CELL_DIGITS: usize = 12;

/// How many partial cuts one row may try before it counts as too ambiguous: a bound on the
/// time a hostile or garbled line can cost.
const MAX_STEPS: usize = 200_000;

/// Every way to cut `tokens` (digit strings; a boundary between two tokens is always a cell
/// boundary) into exactly `cells` numbers without leading zeros (a lone `0` is fine). `None`
/// when there are more than `limit` ways (too ambiguous to be worth enumerating).
pub fn splits(tokens: &[String], cells: usize, limit: usize) -> Option<Vec<Vec<String>>> {
    let toks: Vec<&[u8]> = tokens.iter().map(|t| t.as_bytes()).collect();
    if toks.is_empty()
        || toks
            .iter()
            .any(|t| t.is_empty() || !t.iter().all(u8::is_ascii_digit))
    {
        return Some(Vec::new());
    }
    let total: usize = toks.iter().map(|t| t.len()).sum();
    if total < cells || toks.len() > cells || total > cells * MAX_CELL_DIGITS {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut search = Search {
        out: &mut out,
        limit,
        steps: 0,
    };
    walk(&toks, 0, 0, cells, &mut cur, &mut search).then_some(out)
}

/// The cuts found so far and what the search may still spend.
struct Search<'a> {
    out: &'a mut Vec<Vec<String>>,
    limit: usize,
    steps: usize,
}

/// Extends `cur` from token `t`, byte `pos`; false when the limit of cuts or of steps was
/// exceeded.
fn walk(
    toks: &[&[u8]],
    t: usize,
    pos: usize,
    left: usize,
    cur: &mut Vec<String>,
    search: &mut Search,
) -> bool {
    search.steps += 1;
    if search.steps > MAX_STEPS {
        return false;
    }
    if t == toks.len() {
        if left == 0 {
            if search.out.len() >= search.limit {
                return false;
            }
            search.out.push(cur.clone());
        }
        return true;
    }
    let tok = toks[t];
    let rest_tokens = toks.len() - t - 1;
    let rest_digits: usize = toks[t + 1..].iter().map(|x| x.len()).sum();
    if left == 0 || left < rest_tokens + 1 {
        return true;
    }
    let remaining_here = tok.len() - pos;
    for len in 1..=remaining_here.min(MAX_CELL_DIGITS) {
        let piece = &tok[pos..pos + len];
        if len > 1 && piece[0] == b'0' {
            break;
        }
        let end = pos + len;
        let after_left = left - 1;
        // The cells left must be able to hold every digit left.
        let digits_after = rest_digits + (tok.len() - end);
        if digits_after > after_left * MAX_CELL_DIGITS {
            continue;
        }
        let ok = if end == tok.len() {
            // Token done: the remaining tokens need at least one cell each.
            after_left >= rest_tokens && after_left <= rest_digits
        } else {
            // More digits of this token follow: at least one more cell here.
            after_left > rest_tokens && after_left <= rest_digits + (tok.len() - end)
        };
        if !ok {
            continue;
        }
        cur.push(String::from_utf8_lossy(piece).into_owned());
        let cont = if end == tok.len() {
            walk(toks, t + 1, 0, after_left, cur, search)
        } else {
            walk(toks, t, end, after_left, cur, search)
        };
        cur.pop();
        if !cont {
            return false;
        }
    }
    true
}

/// `Σ plus = Σ minus` over cells of one table, from the format's sum and balance rules; the
/// cells are the compiled format's own (nothing is copied per report).
#[derive(Debug, Clone, PartialEq)]
pub struct Equation<'a> {
    pub plus: Vec<&'a CellRef>,
    pub minus: Vec<&'a CellRef>,
}

impl<'a> Equation<'a> {
    pub fn cells(&self) -> impl Iterator<Item = &'a CellRef> + '_ {
        self.plus.iter().chain(&self.minus).copied()
    }

    /// `Some(true/false)` when every cell is known, `None` otherwise.
    pub fn holds(&self, value: impl Fn(&CellRef) -> Option<i128>) -> Option<bool> {
        let mut sum: i128 = 0;
        for c in &self.plus {
            sum = sum.checked_add(value(c)?)?;
        }
        for c in &self.minus {
            sum = sum.checked_sub(value(c)?)?;
        }
        Some(sum == 0)
    }
}

/// Every equation the format's rules state for `table`: each sum's target = its terms, each
/// balance's left = its right, for every row or column the rule covers (the compiled format's
/// expansion, [`crate::format::compiled::Compiled::sets`]).
pub fn equations<'a>(format: &'a Format, table: &str) -> Vec<Equation<'a>> {
    let compiled = format.compiled();
    let mut out = Vec::new();
    for (i, rule) in format.rules.iter().enumerate() {
        let Some((t, split)) = rule.kind.equation_sides() else {
            continue;
        };
        if t != table {
            continue;
        }
        for set in compiled.sets(i) {
            let (plus, minus) = set.split_at(split.min(set.len()));
            out.push(Equation {
                plus: plus.iter().map(|id| compiled.cell(*id)).collect(),
                minus: minus.iter().map(|id| compiled.cell(*id)).collect(),
            });
        }
    }
    out
}

/// A plain non-negative integer as the equations use it.
pub fn int(text: &str) -> Option<i128> {
    if text.is_empty() || text.len() > 30 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A row whose glued digits allow several cuts.
pub struct Ambiguous {
    pub row: String,
    pub columns: Vec<String>,
    pub candidates: Vec<Vec<String>>,
}

/// Picks, for each ambiguous row, the one candidate consistent with the table's equations
/// given the `known` cells. Rows not settled map to the number of combinations left.
pub fn resolve(
    table: &str,
    equations: &[Equation],
    known: &HashMap<CellRef, i128>,
    rows: &[Ambiguous],
    limit: usize,
) -> Vec<Result<Vec<String>, usize>> {
    let combos: usize = rows
        .iter()
        .map(|r| r.candidates.len().max(1))
        .try_fold(1usize, |a, n| a.checked_mul(n))
        .unwrap_or(usize::MAX);
    if rows.is_empty() {
        return Vec::new();
    }
    if combos > limit || rows.iter().any(|r| r.candidates.is_empty()) {
        return rows.iter().map(|r| Err(r.candidates.len())).collect();
    }
    // Only the equations touching an ambiguous row matter.
    let touched: Vec<&Equation> = equations
        .iter()
        .filter(|e| e.cells().any(|c| rows.iter().any(|r| r.row == c.row)))
        .collect();
    let mut pick = vec![0usize; rows.len()];
    let mut survivors: Vec<Vec<usize>> = Vec::new();
    loop {
        let value = |c: &CellRef| -> Option<i128> {
            if let Some(i) = rows.iter().position(|r| r.row == c.row && c.table == table) {
                let col = rows[i].columns.iter().position(|x| *x == c.col)?;
                return int(rows[i].candidates[pick[i]].get(col)?);
            }
            known.get(c).copied()
        };
        if touched.iter().all(|e| e.holds(value) != Some(false)) {
            survivors.push(pick.clone());
        }
        // Next combination.
        let mut k = 0;
        loop {
            if k == rows.len() {
                return settle(rows, &survivors);
            }
            pick[k] += 1;
            if pick[k] < rows[k].candidates.len() {
                break;
            }
            pick[k] = 0;
            k += 1;
        }
    }
}

fn settle(rows: &[Ambiguous], survivors: &[Vec<usize>]) -> Vec<Result<Vec<String>, usize>> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let mut picks: Vec<usize> = survivors.iter().map(|s| s[i]).collect();
            picks.sort_unstable();
            picks.dedup();
            match picks.as_slice() {
                [one] => Ok(r.candidates[*one].clone()),
                _ => Err(picks.len()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn cuts_respect_token_boundaries_and_leading_zeros() {
        let all = splits(&s(&["000"]), 3, 100).expect("few");
        assert_eq!(all, vec![s(&["0", "0", "0"])]);
        let all = splits(&s(&["500000", "5"]), 7, 100).expect("few");
        assert_eq!(all, vec![s(&["5", "0", "0", "0", "0", "0", "5"])]);
        let all = splits(&s(&["1000001"]), 7, 100).expect("few");
        assert_eq!(all.len(), 1);
        assert!(splits(&s(&["12"]), 3, 100).expect("few").is_empty());
        // 71 3 0 0 0 0 74 is one of several cuts of 713000074.
        let all = splits(&s(&["713000074"]), 7, 1000).expect("few");
        assert!(all.contains(&s(&["71", "3", "0", "0", "0", "0", "74"])));
        assert!(all.iter().all(|c| c.len() == 7));
        assert!(splits(&s(&["1".repeat(60).as_str()]), 15, 10).is_none());
    }

    /// The equations taken from the compiled format are those the rules expand to, in order,
    /// for every table (the expansion done here directly, as the importer did before).
    #[test]
    fn equations_are_the_rules_expanded() {
        let format = crate::format::Format::by_id("gov-2021").expect("format");
        let mut tables = 0;
        for table in &format.tables {
            let mut expected = Vec::new();
            for rule in &format.rules {
                let Some((t, each, over, ids)) = rule.kind.equation_ids() else {
                    continue;
                };
                if t != table.id {
                    continue;
                }
                let Some((_, split)) = rule.kind.equation_sides() else {
                    continue;
                };
                let sets = crate::format::validate::expand(
                    format,
                    t,
                    each,
                    over,
                    &ids,
                    &mut vec![],
                    CellRef::new,
                );
                for set in sets {
                    let (plus, minus) = set.split_at(split.min(set.len()));
                    expected.push((plus.to_vec(), minus.to_vec()));
                }
            }
            let got: Vec<_> = equations(format, &table.id)
                .into_iter()
                .map(|e| {
                    let own = |v: Vec<&CellRef>| v.into_iter().cloned().collect::<Vec<_>>();
                    (own(e.plus), own(e.minus))
                })
                .collect();
            assert_eq!(got, expected, "table {}", table.id);
            tables += usize::from(!got.is_empty());
        }
        assert!(tables >= 2, "the tables with sums: {tables}");
    }

    #[test]
    fn a_long_digit_run_with_no_cut_ends_at_once() {
        // More digits than the cells can hold: no cut, found without searching.
        let none = splits(&s(&["1".repeat(200).as_str()]), 15, 20_000);
        assert_eq!(none, Some(Vec::new()));
        // Digits that fit, but a cut blocked by zeros everywhere: the search gives up (too
        // ambiguous) rather than running on.
        let run = format!("1{}", "0".repeat(170));
        let result = splits(&s(&[run.as_str()]), 15, 20_000);
        assert!(result.is_none_or(|cuts| cuts.is_empty()));
        // Many cuts: bounded by the limit or the step budget, either way it returns.
        assert!(splits(&s(&["12".repeat(60).as_str()]), 15, 20_000).is_none());
    }
}
