//! Text pasted into a section (or brought back from `$EDITOR`), made the report's text: line
//! breaks as the clerk meant them, and nothing the editor would hide but an export would print
//! (a zero-width space from a web page, Word's soft return, an escape sequence).

/// A pasted text as it goes into a section, and what was done to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    /// Every line break came doubled (a terminal's CR CR for CRLF) and each pair was read as one.
    pub doubled_breaks: bool,
    /// Invisible and control characters taken out.
    pub removed: usize,
}

/// `text` with its line breaks made `\n` and its invisible characters out:
/// - CRLF, CR, a vertical tab (Word's soft return), a form feed (a page break), NEL and the
///   Unicode line and paragraph separators each end a line;
/// - when the text has no LF and every run of CRs is of even length, each pair is one break:
///   terminals deliver a paste with LF turned into CR, so Word's CRLF arrives as CR CR;
/// - no-break spaces become spaces;
/// - every other character [`crate::sanitize::is_unsafe`] names (controls but tab, bidi marks,
///   zero-width characters, BOM) and soft hyphens are taken out.
pub fn clean(text: &str) -> Cleaned {
    let doubled_breaks = is_doubled(text);
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                // The second CR of a doubled pair, or the LF of a CRLF, is the same break.
                if doubled_breaks || chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push('\t'),
            '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
            '\u{ad}' => removed += 1,
            c if crate::sanitize::is_unsafe(c) => removed += 1,
            c => out.push(c),
        }
    }
    Cleaned {
        text: out,
        doubled_breaks,
        removed,
    }
}

/// No LF at all, and CRs only in runs of even length (at least one run).
fn is_doubled(text: &str) -> bool {
    if !text.contains('\r') || text.contains('\n') {
        return false;
    }
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' {
            let run = b[i..].iter().take_while(|&&x| x == b'\r').count();
            if run % 2 == 1 {
                return false;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_of_every_kind_end_a_line() {
        assert_eq!(clean("甲\r\n乙\r丙\n丁").text, "甲\n乙\n丙\n丁");
        assert_eq!(
            clean("软回车\u{b}之后\u{c}分页\u{2028}行\u{2029}段").text,
            "软回车\n之后\n分页\n行\n段"
        );
        assert!(!clean("甲\r\n乙").doubled_breaks);
    }

    #[test]
    fn a_terminals_doubled_breaks_are_read_as_one() {
        // Word's CRLF through a terminal that turns LF into CR.
        let c = clean("甲行\r\r乙行\r\r\r\r丙行\r\r");
        assert_eq!(c.text, "甲行\n乙行\n\n丙行\n");
        assert!(c.doubled_breaks);
        // A break that is not doubled: every CR is a break of its own.
        let c = clean("甲\r乙\r\r丙");
        assert_eq!(c.text, "甲\n乙\n\n丙");
        assert!(!c.doubled_breaks);
        // LF anywhere: the terminal did not turn LF into CR.
        assert_eq!(clean("甲\r\r乙\n丙").text, "甲\n\n乙\n丙");
    }

    #[test]
    fn invisible_and_control_characters_are_taken_out_and_counted() {
        let c = clean(
            "不换行\u{a0}空格零\u{200b}宽\u{feff}第二行\u{1b}[2J\u{1b}]0;T\u{7}有\u{8}转\u{0}义\u{202e}\u{ad}",
        );
        assert_eq!(c.text, "不换行 空格零宽第二行[2J]0;T有转义");
        assert_eq!(c.removed, 9);
        let plain = "（一）主动公开。\t全年公开 1 条。\n第二段";
        assert_eq!(clean(plain).text, plain);
        assert_eq!(clean(plain).removed, 0);
    }

    proptest::proptest! {
        /// Nothing the editor hides is left, and nothing else is lost: the text's visible
        /// characters stay, in order.
        #[test]
        fn no_unsafe_character_is_left_and_the_visible_ones_stay(
            text in "[甲乙 a1\t\r\n\u{b}\u{c}\u{a0}\u{200b}\u{1b}\u{7}\u{feff}\u{202e}\u{2028}]{0,40}"
        ) {
            let c = clean(&text);
            proptest::prop_assert!(c.text.chars().all(|ch| ch == '\n' || ch == '\t' || !crate::sanitize::is_unsafe(ch)));
            let visible = |s: &str| s.chars().filter(|ch| !ch.is_whitespace() && !crate::sanitize::is_unsafe(*ch)).collect::<String>();
            proptest::prop_assert_eq!(visible(&c.text), visible(&text));
            proptest::prop_assert!(!c.text.contains('\r'));
        }
    }
}
