//! Which run of numbers belongs to which label: an order-preserving assignment at least cost.

use super::{Item, Label, Run};
use crate::format::Table;

/// Above this many label × run pairs the alignment is done greedily (a file holding many
/// copies of a table), keeping time and memory bounded.
const MAX_ALIGN_CELLS: usize = 250_000;

/// Splits a run that holds several rows' numbers (one cell per line, no labels between) into
/// rows when every row of the table has the same width.
pub(super) fn chunk_runs(table: &Table, runs: Vec<(usize, Run)>) -> Vec<(usize, Run)> {
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
pub(super) fn align(
    items: &[Item],
    labels: &[Label],
    runs: &[(usize, Run)],
    width: &impl Fn(&str) -> usize,
) -> Vec<(usize, usize)> {
    const MISSING: u32 = 10;
    // The cost is asked for every label × run pair: what it needs of the labels and the items
    // between them is computed once. `blocking[i]`: how many of the items before `i` are not
    // page chrome.
    let mut blocking = Vec::with_capacity(items.len() + 1);
    blocking.push(0usize);
    for item in items {
        let clear = matches!(item, Item::Text { chrome: true, .. });
        blocking.push(blocking.last().copied().unwrap_or(0) + usize::from(!clear));
    }
    let between_clear = |from: usize, to: usize| -> bool {
        from >= to || blocking[to.min(items.len())] == blocking[from.min(items.len())]
    };
    let widths: Vec<usize> = labels.iter().map(|l| width(&l.row)).collect();
    let cost = |li: usize, (ri, r): &(usize, Run)| -> Option<u32> {
        let l = &labels[li];
        if l.group && !l.subtotal {
            return None;
        }
        let w = widths[li];
        // Cells separated by tabs or pipes belong to the label on their line.
        if r.explicit {
            let mut cells = r.cells.len() - super::spanned_lead(r, w);
            if cells > w.max(1) {
                cells -= super::repeated_merge(r, w);
            }
            return (r.line == l.line && cells <= w.max(1)).then_some(0);
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
            if j < n && cost(i, &runs[j]) == Some(0) {
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
                    && let Some(c) = cost(i, &runs[j])
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
            && let Some(c) = cost(i - 1, &runs[j - 1])
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
