//! Untrusted text stays text: control characters and terminal escape sequences from a draft or
//! an imported file are never sent raw to a terminal or written raw into an export. They are
//! shown visibly instead (ESC as `␛`, so `ESC[31m` reads `␛[31m`), which also lets the clerk
//! see and delete them.

use std::borrow::Cow;

/// Characters that change how a terminal or an editor shows text rather than being text:
/// C0 and C1 controls, DEL, the bidirectional marks, overrides and isolates ("Trojan source"),
/// the invisible ones (zero-width space and joiners, word joiner, BOM) that make two names
/// look alike, and the Unicode line and paragraph separators that some terminals and
/// JavaScript take as line breaks.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

fn escape_into(out: &mut String, c: char) {
    match c {
        // C0 controls have Unicode pictures of their own: ␀ … ␟.
        '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        '\u{7f}' => out.push('␡'),
        _ => out.push_str(&format!("<U+{:04X}>", c as u32)),
    }
}

/// Whether `s` holds a character [`is_unsafe`] says is, told from its bytes (every line of
/// a check's output is looked at: decoding each character was ~1 % of a batch). Looked at
/// 32 bytes at a time for a byte that may start one (a test the compiler does with SIMD);
/// only such a piece is looked at byte by byte.
fn any_unsafe(s: &str) -> bool {
    const PIECE: usize = 32;
    let b = s.as_bytes();
    let may_start = |lead: u8| {
        (lead < 0x20)
            | (lead == 0x7F)
            | (lead == 0xC2)
            | (lead == 0xD8)
            | (lead == 0xE2)
            | (lead == 0xEF)
    };
    b.chunks(PIECE).enumerate().any(|(k, piece)| {
        piece.iter().fold(false, |any, &lead| any | may_start(lead))
            && (k * PIECE..k * PIECE + piece.len()).any(|i| unsafe_at(b, i))
    })
}

/// Whether an unsafe character starts at byte `i` of `b`.
fn unsafe_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        0x00..=0x1F | 0x7F => true,
        // The leads of the unsafe characters beyond ASCII: C1 controls, U+061C, the
        // U+200B… and U+2060… ranges, U+FEFF.
        lead @ (0xC2 | 0xD8 | 0xE2 | 0xEF) => matches!(
            (lead, b.get(i + 1), b.get(i + 2)),
            (0xC2, Some(0x80..=0x9F), _)
                | (0xD8, Some(0x9C), _)
                | (0xE2, Some(0x80), Some(0x8B..=0x8F | 0xA8..=0xAE))
                | (0xE2, Some(0x81), Some(0xA0..=0xA4 | 0xA6..=0xA9))
                | (0xEF, Some(0xBB), Some(0xBF))
        ),
        _ => false,
    }
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !any_unsafe(s) || !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line for a terminal: every control character escaped, tab and newline included.
pub fn visible(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// Multi-line text (a section in an editor, a line printed by the command line): newline and
/// tab stay, everything else unsafe is escaped.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

/// JSON text (as `serde_json` writes it) safe for a terminal and still exactly the same
/// data: every unsafe character, which can only stand inside a string there, written as a
/// `\uXXXX` escape (C0 controls are escaped by `serde_json` already).
pub fn json(serialized: &str) -> Cow<'_, str> {
    if !any_unsafe(serialized) {
        return Cow::Borrowed(serialized);
    }
    let mut out = String::with_capacity(serialized.len() + 16);
    for c in serialized.chars() {
        if is_unsafe(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Looked at piece by piece, a character is found wherever it stands: at a piece's
    /// start or end, or across two.
    #[test]
    fn the_byte_test_finds_a_character_at_every_place_in_a_long_line() {
        for c in [
            '\u{7}', '\u{85}', '\u{200B}', '\u{2066}', '\u{FEFF}', '“', '—', '年', 'a',
        ] {
            for at in 0..70 {
                let line = format!("{}{c}{}", "a".repeat(at), "年报".repeat(20));
                assert_eq!(
                    any_unsafe(&line),
                    is_unsafe(c),
                    "U+{:04X} at {at}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn the_byte_test_finds_every_unsafe_character_and_no_other() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let one = &*c.encode_utf8(&mut buf);
            assert_eq!(any_unsafe(one), is_unsafe(c), "U+{:04X}", c as u32);
            // Among other text, and cut off at its end.
            let among = format!("年{one}报");
            assert_eq!(any_unsafe(&among), is_unsafe(c), "U+{:04X}", c as u32);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_byte_test_agrees_with_the_characters(s in "[\\u{0}-\\u{2100}年报\\u{feff}\\u{fffd}]{0,12}") {
            proptest::prop_assert_eq!(any_unsafe(&s), s.chars().any(is_unsafe));
        }
    }

    #[test]
    fn escape_sequences_become_visible_and_plain_text_is_untouched() {
        assert_eq!(visible("\u{1b}[31m红\u{7}"), "␛[31m红␇");
        assert_eq!(text("a\tb\nc\rd\u{9b}e"), "a\tb\nc␍d<U+009B>e");
        assert_eq!(visible("a\tb"), "a␉b");
        assert_eq!(text("\u{202e}txt"), "<U+202E>txt");
        assert!(matches!(text("普通文字，含全角（括号）"), Cow::Borrowed(_)));
    }

    #[test]
    fn invisible_separators_bidi_marks_and_c1_controls_are_made_visible() {
        for c in [
            '\u{2028}', '\u{2029}', '\u{200b}', '\u{200f}', '\u{061c}', '\u{feff}', '\u{202e}',
            '\u{80}', '\u{9f}', '\u{2066}',
        ] {
            let s = format!("a{c}b");
            let shown = visible(&s);
            assert!(!shown.contains(c), "{c:?}");
            assert_eq!(shown, format!("a<U+{:04X}>b", c as u32));
            assert_eq!(text(&s), shown);
        }
    }

    #[test]
    fn json_keeps_the_data_exact_and_the_terminal_safe() {
        let agency = "某局\u{2028}\u{202e}\u{85}\u{feff}\u{1b}[2J";
        let value = serde_json::json!({ "agency": agency });
        let raw = value.to_string();
        let safe = json(&raw);
        assert!(
            !safe.chars().any(|c| is_unsafe(c) || c == '\u{1b}'),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, value);
        assert!(matches!(json("{\"a\":\"普通\"}"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaping_is_idempotent() {
        let once = text("x\u{1b}]0;title\u{7}y\u{0}");
        assert_eq!(text(&once), once);
        assert!(
            !once
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
        );
    }

    #[test]
    fn exports_carry_no_raw_control_characters_but_keep_tabs_and_newlines() {
        use crate::draft::{AgencyKind, Draft};
        use crate::export::{Options, TableStyle, render};
        use crate::format::{CellRef, Format};
        use crate::rules::{Stage, evaluate};
        let f = Format::by_id("gov-2021").expect("format");
        let now = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now");
        let mut d = Draft::new("x", f, "某局\u{1b}[2J", AgencyKind::Department, 2025, now);
        d.set_section_text("s1", "第一段\u{1b}[31m红字\u{1b}[0m\t列\n第二段\u{7}");
        d.set_cell(f, &CellRef::new("t3", "new", "natural"), "1\u{1b}");
        let eval = evaluate(f, &d, Stage::Final, now.date_naive());
        for style in [TableStyle::Grid, TableStyle::Tsv] {
            let text = render(f, &d, &eval, Options { style, width: 100 });
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{style:?}"
            );
            assert!(text.contains("第一段␛[31m红字␛[0m\t列\n第二段␇"), "{text}");
            assert!(text.contains("某局␛[2J"), "{text}");
        }
    }
}
