//! A section's lines, as `str::lines` gives them, with each line's end found by a vectorised
//! search (the `memchr` crate's, where the standard library's goes a word at a time): the
//! sentence rules and the numbering rule each read every line of every section; and a line's
//! clauses or sentences, cut by their first bytes.

/// The lines of `text`, as `text.lines()` gives them: split at `\n`, a `\r` before it taken
/// off, no empty line after a final `\n`.
pub(super) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(at) => {
                let line = &rest[..at];
                rest = &rest[at + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
}

/// A set of characters a line is cut at (a clause's or a sentence's ends), looked for by
/// their first byte: `str::split` with a `&[char]` decodes every character of the line and
/// compares it with each end, and the sentence rules cut most lines of every report.
pub(super) struct Ends {
    /// Whether a byte is the first byte of one of the ends (never a continuation byte).
    leads: [bool; 256],
    ends: &'static [char],
}

impl Ends {
    pub(super) const fn new(ends: &'static [char]) -> Ends {
        let mut leads = [false; 256];
        let mut i = 0;
        while i < ends.len() {
            let mut first = [0u8; 4];
            ends[i].encode_utf8(&mut first);
            leads[first[0] as usize] = true;
            i += 1;
        }
        Ends { leads, ends }
    }
}

/// The pieces of `line` between the characters of `ends`, as `line.split(ends)` gives them
/// (an empty piece between two ends, and after a final one).
pub(super) fn split<'t>(line: &'t str, ends: &'t Ends) -> impl Iterator<Item = &'t str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let text = rest?;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // A lead byte starts a character: `at` is on a boundary.
            if ends.leads[usize::from(bytes[at])]
                && let Some(c) = text[at..].chars().next()
                && ends.ends.contains(&c)
            {
                rest = Some(&text[at + c.len_utf8()..]);
                return Some(&text[..at]);
            }
            at += 1;
        }
        rest = None;
        Some(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CUT: &[char] = &['，', '。', ';', '\n', '𠀀'];
    static CUT_ENDS: Ends = Ends::new(CUT);

    #[test]
    fn cuts_as_str_split_cuts() {
        for line in [
            "",
            "，",
            "a，b。",
            "a；b",
            "。。",
            "年，件",
            "x𠀀y;",
            "\u{ff0c}\u{ff0d}",
        ] {
            assert_eq!(
                split(line, &CUT_ENDS).collect::<Vec<_>>(),
                line.split(CUT).collect::<Vec<_>>(),
                "{line:?}"
            );
        }
    }

    #[test]
    fn ends_as_str_lines_ends() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\n",
            "a\r",
            "a\n\n",
            "\r\n\r\nb\rc\n",
            "年\n件",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>()
            );
        }
    }

    proptest! {
        #[test]
        fn cuts_where_str_split_cuts(line in "[a年，。；;\n𠀀\u{ff0d}\u{3002}\u{ff0c}]{0,30}") {
            prop_assert_eq!(
                split(&line, &CUT_ENDS).collect::<Vec<_>>(),
                line.split(CUT).collect::<Vec<_>>()
            );
        }

        #[test]
        fn agrees_with_str_lines(text in "[a年\r\n ]{0,30}") {
            prop_assert_eq!(lines(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
        }
    }
}
