//! How much of a text stands unchanged in another (内容雷同, rule X3): the length of the two
//! texts' longest common subsequence of characters, which is exactly what a minimal character
//! diff leaves equal — computed bit-parallel (Allison–Dix, Crochemore et al.): 64 characters
//! of one text per machine word, so two sections of 1 000 字 take some 16 000 word steps
//! instead of the million a diff needs, and a batch can compare thousands of pairs.

use rustc_hash::FxHashMap;

/// The share of `now`'s characters (spaces aside) that stand unchanged from `then`, when
/// `now` has at least `min_chars` of them; `None` when it has fewer or `then` is empty.
pub fn unchanged_share(then: &str, now: &str, min_chars: usize) -> Option<f64> {
    let squeeze = |t: &str| -> Vec<char> { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let (then, now) = (squeeze(then), squeeze(now));
    let total = now.len();
    if total < min_chars.max(1) || then.is_empty() {
        return None;
    }
    Some(lcs_len(&then, &now) as f64 / total as f64)
}

/// The length of the longest common subsequence of `a` and `b`.
pub fn lcs_len(a: &[char], b: &[char]) -> usize {
    // A common prefix and suffix are part of every longest common subsequence: a text copied
    // from last year with a few changes leaves only the changed middle to compare.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    prefix + suffix + lcs_bits(a, b)
}

/// [`lcs_len`] without the shortcut, bit-parallel.
fn lcs_bits(a: &[char], b: &[char]) -> usize {
    // The shorter one in the bit vectors: fewer words per step.
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if a.is_empty() {
        return 0;
    }
    let words = a.len().div_ceil(64);
    // Each distinct character of `a` numbered, and per number the positions where it stands,
    // as bits (`words` words each, in one vector): a character of `b` is one fast lookup.
    let mut index: FxHashMap<char, usize> = FxHashMap::default();
    let mut masks: Vec<u64> = Vec::new();
    for (i, &c) in a.iter().enumerate() {
        let next = index.len();
        let k = *index.entry(c).or_insert(next);
        if k == next {
            masks.resize(masks.len() + words, 0);
        }
        masks[k * words + i / 64] |= 1 << (i % 64);
    }
    // A zero bit at i: a common subsequence ends a row at position i of `a`.
    let mut v = vec![u64::MAX; words];
    for c in b {
        // A character `a` lacks leaves the row as it is.
        let Some(&k) = index.get(c) else {
            continue;
        };
        let m = &masks[k * words..(k + 1) * words];
        let mut carry = false;
        for (vk, &mk) in v.iter_mut().zip(m) {
            let u = *vk & mk;
            let (sum, c1) = vk.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *vk = sum | (*vk & !mk);
        }
    }
    let tail = a.len() % 64;
    v.iter()
        .enumerate()
        .map(|(k, w)| {
            let live = if k + 1 == words && tail != 0 {
                (1u64 << tail) - 1
            } else {
                u64::MAX
            };
            (!w & live).count_ones() as usize
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook table, for comparison.
    fn lcs_table(a: &[char], b: &[char]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for &x in a {
            let mut diag = 0;
            for (j, &y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
                diag = up;
            }
        }
        row[b.len()]
    }

    fn text(seed: &mut u64, len: usize, alphabet: &[char]) -> Vec<char> {
        (0..len)
            .map(|_| {
                *seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                alphabet[(*seed >> 33) as usize % alphabet.len()]
            })
            .collect()
    }

    #[test]
    fn equals_the_table_across_word_boundaries() {
        let alphabets: [&[char]; 3] = [&['甲', '乙'], &['甲', '乙', '丙', '丁', '戊'], &['a'; 1]];
        let mut seed = 7;
        for alphabet in alphabets {
            for (la, lb) in [
                (0, 5),
                (1, 1),
                (63, 64),
                (64, 64),
                (65, 130),
                (200, 129),
                (7, 300),
            ] {
                let a = text(&mut seed, la, alphabet);
                let b = text(&mut seed, lb, alphabet);
                assert_eq!(lcs_len(&a, &b), lcs_table(&a, &b), "{la}×{lb}");
                assert_eq!(lcs_len(&b, &a), lcs_table(&a, &b), "{lb}×{la}");
            }
        }
    }

    #[test]
    fn a_shared_beginning_and_end_change_nothing() {
        let alphabet = ['甲', '乙', '丙'];
        let mut seed = 3;
        for (lp, lm, ln, ls) in [(5, 0, 7, 3), (70, 40, 0, 65), (1, 64, 63, 1), (0, 9, 9, 0)] {
            let prefix = text(&mut seed, lp, &alphabet);
            let suffix = text(&mut seed, ls, &alphabet);
            let (m, n) = (
                text(&mut seed, lm, &alphabet),
                text(&mut seed, ln, &alphabet),
            );
            let a: Vec<char> = [&prefix[..], &m, &suffix].concat();
            let b: Vec<char> = [&prefix[..], &n, &suffix].concat();
            assert_eq!(lcs_len(&a, &b), lcs_table(&a, &b), "{lp} {lm} {ln} {ls}");
            assert_eq!(lcs_len(&a, &a), a.len());
        }
    }

    #[test]
    fn equals_what_a_minimal_character_diff_leaves_equal() {
        let then = "全年主动公开政府信息1260条，其中环境质量信息420条。严格落实保密审查制度，完善公开目录。";
        let now = "全年主动公开政府信息1388条，其中环境质量信息465条。严格落实保密审查，完善公开指南和目录。";
        let diff = similar::TextDiff::from_chars(then, now);
        let equal: usize = diff
            .ops()
            .iter()
            .filter_map(|op| match op {
                similar::DiffOp::Equal { len, .. } => Some(*len),
                _ => None,
            })
            .sum();
        let (a, b): (Vec<char>, Vec<char>) = (then.chars().collect(), now.chars().collect());
        assert_eq!(lcs_len(&a, &b), equal);
    }

    #[test]
    fn gives_the_share_the_diff_of_the_rule_gives() {
        let phrases = [
            "依法依规答复申请",
            "加强政务新媒体监管",
            "完善公开目录",
            "，",
            "。\n",
        ];
        let mut seed: u64 = 11;
        for round in 0..20 {
            let mut pick = |n: usize| -> String {
                (0..n)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1_442_695_040_888_963_407);
                        phrases[(seed >> 33) as usize % phrases.len()]
                    })
                    .collect()
            };
            let common = pick(20 + round * 3);
            let then = format!("{}{common}", pick(round));
            let now = format!("{common}{}", pick(30 - round));
            assert_eq!(
                unchanged_share(&then, &now, 1),
                crate::rules::cross_year::unchanged_share(&then, &now, 1),
                "round {round}"
            );
        }
    }

    #[test]
    fn the_share_counts_characters_not_spaces() {
        assert_eq!(unchanged_share("甲乙丙丁", "甲乙丙丁", 1), Some(1.0));
        assert_eq!(unchanged_share("甲乙丙丁", "甲乙戊己", 1), Some(0.5));
        assert_eq!(unchanged_share("甲 乙\n丙丁", "甲乙丙丁", 1), Some(1.0));
        assert_eq!(unchanged_share("甲乙", "甲乙", 10), None);
        assert_eq!(unchanged_share("", "甲乙丙丁", 1), None);
    }
}
