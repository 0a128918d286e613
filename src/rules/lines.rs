//! A section's lines, as `str::lines` gives them, with each line's end found by a vectorised
//! search (the `memchr` crate's, where the standard library's goes a word at a time): the
//! sentence rules and the numbering rule each read every line of every section.

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
        fn agrees_with_str_lines(text in "[a年\r\n ]{0,30}") {
            prop_assert_eq!(lines(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
        }
    }
}
