//! The report's own sentences as witnesses for glued digits: `制发的规范性文件88件` says the
//! 本年制发件数 of 行政规范性文件 is 88. Which phrase names which cell is data
//! (`narrative` in assets/import/variants.json). A sentence only chooses between splits the
//! table's equations leave open; it never changes a value the table settles by itself.

use super::variants;
use crate::format::CellRef;
use crate::value::normalize_width;

/// A value a sentence states for a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    pub cell: CellRef,
    pub value: i128,
    /// The file line and the sentence (cut at its punctuation).
    pub line: usize,
    pub sentence: String,
}

/// Longest sentence quoted in the report.
const QUOTED: usize = 60;

/// Every value the text's sentences state for the cells of `table`; a cell stated twice with
/// different values is no witness at all.
pub fn hints(table: &str, lines: &[(usize, String)]) -> Vec<Hint> {
    let phrases: Vec<(CellRef, &str, &str)> = variants::get()
        .narrative
        .iter()
        .filter_map(|n| {
            let mut parts = n.cell.splitn(3, '.');
            let (t, r, c) = (parts.next()?, parts.next()?, parts.next()?);
            (t == table).then_some((CellRef::new(t, r, c), n))
        })
        .flat_map(|(cell, n)| {
            n.phrases.iter().filter_map(move |p| {
                let (pre, post) = p.split_once("{n}")?;
                Some((cell.clone(), pre, post))
            })
        })
        .collect();
    if phrases.is_empty() {
        return Vec::new();
    }
    // Cheap test first: most lines state nothing. The phrases share their first characters
    // (本年…, 本年度…): each distinct one is searched for once a line. A phrase starting with
    // the number itself may stand anywhere.
    let mut firsts: Vec<Option<char>> = phrases
        .iter()
        .map(|(_, pre, _)| pre.chars().next())
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    let anywhere = firsts.contains(&None);
    let firsts: Vec<char> = firsts.into_iter().flatten().collect();
    let mut out: Vec<Hint> = Vec::new();
    for (n, line) in lines {
        if !anywhere && !firsts.iter().any(|f| line.contains(*f)) {
            continue;
        }
        let flat: String = normalize_width(line)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for (cell, pre, post) in &phrases {
            let mut from = 0;
            while let Some(at) = flat[from..].find(pre) {
                let begin = from + at;
                let start = begin + pre.len();
                from = start;
                let digits: String = flat[start..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if digits.is_empty() || !flat[start + digits.len()..].starts_with(post) {
                    continue;
                }
                let Ok(value) = digits.parse::<i128>() else {
                    continue;
                };
                out.push(Hint {
                    cell: cell.clone(),
                    value,
                    line: *n,
                    sentence: sentence(&flat, begin, start + digits.len() + post.len()),
                });
            }
        }
    }
    let conflicting: Vec<CellRef> = out
        .iter()
        .filter(|h| out.iter().any(|o| o.cell == h.cell && o.value != h.value))
        .map(|h| h.cell.clone())
        .collect();
    out.retain(|h| !conflicting.contains(&h.cell));
    out
}

/// The clause around byte `at..end` of `text`: from the punctuation before it to the one after.
fn sentence(text: &str, at: usize, end: usize) -> String {
    let stops = ['。', '，', '；', '！', '？', ',', ';'];
    let start = text[..at].rfind(stops).map_or(0, |i| {
        i + text[i..].chars().next().map_or(0, char::len_utf8)
    });
    let stop = text[end..].find(stops).map_or(text.len(), |i| end + i);
    text[start..stop].chars().take(QUOTED).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_state_cells_and_conflicts_state_nothing() {
        let lines = vec![(
            3,
            "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。".to_string(),
        )];
        let h = hints("t2", &lines);
        let got: Vec<(String, i128)> = h
            .iter()
            .map(|h| (h.cell.row.clone() + "." + &h.cell.col, h.value))
            .collect();
        assert_eq!(
            got,
            [
                ("normative_docs.issued".to_string(), 88),
                ("normative_docs.in_force".to_string(), 698)
            ]
        );
        assert_eq!(h[0].sentence, "动态更新本年度制发的规范性文件88件");
        assert_eq!(h[1].sentence, "集中公开现行有效行政规范性文件698件");
        let twice = vec![
            (1, "本年度制发的规范性文件88件。".to_string()),
            (2, "本年度制发的规范性文件8件。".to_string()),
        ];
        assert!(hints("t2", &twice).is_empty());
        assert!(hints("t3", &lines).is_empty());
    }
}
