//! Matching labels as reports print them against the format's labels: by a normalised form
//! (full/half-width, spaces, numbering punctuation), never by fuzzy guesses that could put a
//! number in the wrong row.

use crate::value::narrow;

const CJK_NUMERALS: &str = "一二三四五六七八九十";

/// The form labels are compared in: full-width ASCII folded to ASCII (so `（一）` and `(一)`
/// meet), whitespace removed, `一.`/`一．` read as `一、`, and `1、` read as `1.`.
pub fn normalize(s: &str) -> String {
    // One pass, into one allocation: every line of an import is normalised.
    let mut out = String::with_capacity(s.len());
    out.extend(normalized(s));
    out
}

/// [`normalize`] as characters (the table reader compares characters: no string between).
pub fn normalize_chars(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len() / 2);
    out.extend(normalized(s));
    out
}

fn normalized(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut prev: Option<char> = None;
    s.chars()
        .map(narrow)
        .filter(|c| !c.is_whitespace())
        .map(move |c| {
            let c = match (prev, c) {
                (Some(p), '.') if CJK_NUMERALS.contains(p) => '、',
                (Some(p), '、') if p.is_ascii_digit() => '.',
                _ => c,
            };
            prev = Some(c);
            c
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_a_label_meet() {
        assert_eq!(normalize("（一）予以公开"), normalize("(一) 予以公开"));
        assert_eq!(normalize("一、总体情况"), normalize("一．总体情况"));
        assert_eq!(normalize("一、总体情况"), normalize("一、 总体情况"));
        assert_eq!(normalize("3、其他"), normalize("3.其他"));
        assert_ne!(normalize("1.属于国家秘密"), normalize("2.属于国家秘密"));
        for s in ["（一） 予以公开", "3、其他", "一．总体", ""] {
            assert_eq!(normalize_chars(s), normalize(s).chars().collect::<Vec<_>>());
        }
    }
}
