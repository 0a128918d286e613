//! `str::trim`, with a shortcut for the text that is most of a report: a word, cell or line
//! that neither starts nor ends with a space is returned as it is after a look at the bytes of
//! each end (std's `trim` decodes the characters and goes through its general pattern
//! machinery, on every cell and word of every report).

/// Exactly `s.trim()`.
#[inline]
pub fn trim(s: &str) -> &str {
    if unspaced_ends(s) {
        return s;
    }
    padded(s)
}

/// Whether `s` neither starts nor ends with a space, told from the bytes of its ends; false
/// when unsure (it ends with a four-byte character, rare: none is a space). Always inlined:
/// a call cost as much as the test, on every cell and word of every report.
#[inline(always)]
fn unspaced_ends(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    // The last character's first byte: the last byte if ASCII, else the lead of a two- or
    // three-byte character.
    let last = match b.last() {
        Some(z) if z.is_ascii() => n - 1,
        Some(_) if n >= 2 && b[n - 2] & 0xE0 == 0xC0 => n - 2,
        Some(_) if n >= 3 && b[n - 3] & 0xF0 == 0xE0 => n - 3,
        _ => return false,
    };
    !is_space_at(b) && !is_space_at(&b[last..])
}

/// [`trim`] of a text with a space at an end: the ASCII spaces a grid pads its cells with
/// skipped a byte at a time first (std's `trim` decodes each as a character), then std's
/// `trim` only when another space is left at an end.
fn padded(s: &str) -> &str {
    let b = s.as_bytes();
    let start = b.iter().position(|c| *c != b' ').unwrap_or(b.len());
    let end = b.iter().rposition(|c| *c != b' ').map_or(start, |i| i + 1);
    // Cut at ASCII bytes: character boundaries.
    let inner = &s[start..end];
    if inner.is_empty() || unspaced_ends(inner) {
        return inner;
    }
    inner.trim()
}

/// Whether the character `b` starts with is a space (`char::is_whitespace`: Unicode's
/// White_Space), read from its UTF-8 bytes without decoding it.
fn is_space_at(b: &[u8]) -> bool {
    matches!(
        b,
        [b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ', ..]
            | [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

#[cfg(test)]
mod tests {
    use super::{is_space_at, trim};
    use proptest::prelude::*;

    #[test]
    fn every_character_is_a_space_exactly_when_std_says_so() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(
                is_space_at(bytes),
                c.is_whitespace(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn trims_as_std_does() {
        for s in [
            "",
            " ",
            "12",
            " 12 ",
            "\t规章\t",
            "\u{3000}行政许可\u{3000}",
            "行政许可",
            "\u{a0}1\u{a0}",
            "1\u{85}",
            "\u{2003}x",
            "x\u{205f}",
            "\u{1680}",
            "（一）予以公开",
            "é",
            "\u{7f}a\u{7f}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn trims_any_text_as_std_does(s in "\\PC{0,6}|[ \\t\u{3000}\u{a0}\u{2003}a一]{0,6}") {
            prop_assert_eq!(trim(&s), s.trim());
        }

        #[test]
        fn trims_any_characters_as_std_does(v in proptest::collection::vec(any::<char>(), 0..5)) {
            let s: String = v.into_iter().collect();
            prop_assert_eq!(trim(&s), s.trim());
        }
    }
}
