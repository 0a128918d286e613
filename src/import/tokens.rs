//! One line of a table region cut into label text and numbers, whatever separates them: tabs
//! or `|` pipes (explicit cells, blanks kept), runs of spaces or full-width spaces, or nothing
//! at all (web text whose cells were glued together).

use crate::trim::trim;
use crate::value::{normalize_width, other_digit};

/// A piece of a line: label text, or a number (or a blank cell, in explicit layouts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// Label text with whitespace removed; `lead` when it is the line's first word.
    Text { text: &'a str, lead: bool },
    /// A number as printed (zero spellings already read as `0`). `glued` when it touches
    /// text or another number with no separator, so its cell boundaries are lost.
    Num { text: &'a str, glued: bool },
    /// An empty cell between two separators (tab or pipe layouts only).
    Blank,
}

/// Whether a cell's text is a word printed for zero (or "nothing"): `—`, `/`, `无` (the
/// spellings are data, in `assets/import/variants.json`). Kept as printed through the table
/// reading, so the import can say which cells were read as 0 ([`value_of`]).
pub fn zero_spelled(s: &str) -> bool {
    let s = trim(s);
    // Asked of every word: one whose first byte starts no spelling is none (digits, most
    // Chinese characters).
    if let Some(&first) = s.as_bytes().first()
        && !zero_starts()[usize::from(first)]
    {
        return false;
    }
    super::variants::get().zero_spellings.iter().any(|z| z == s)
}

/// Which bytes start a zero spelling.
fn zero_starts() -> &'static [bool; 256] {
    static STARTS: std::sync::OnceLock<[bool; 256]> = std::sync::OnceLock::new();
    STARTS.get_or_init(|| {
        let mut starts = [false; 256];
        for z in &super::variants::get().zero_spellings {
            if let Some(&b) = z.as_bytes().first() {
                starts[usize::from(b)] = true;
            }
        }
        starts
    })
}

/// A cell's text as a number's digits: a zero spelling is `0`.
pub fn value_of(s: &str) -> &str {
    if zero_spelled(s) { "0" } else { s }
}

/// True for a table separator row of a Markdown table (`|---|:--:|`).
fn is_separator_cell(c: &str) -> bool {
    let t = trim(c);
    !t.is_empty() && t.chars().all(|ch| matches!(ch, '-' | ':' | '—' | '='))
}

/// Cuts a line, already folded to narrow characters ([`normalize_width`]), into tokens that
/// borrow from it. `None` for a line that is only table decoration (a Markdown separator row).
pub fn tokenize(line: &str) -> Option<Vec<Token<'_>>> {
    let trimmed = trim(line);
    // A line of nothing but pipes: the padding of a table copied out of a browser.
    if !trimmed.is_empty() && trimmed.chars().all(|c| c == '|' || c.is_whitespace()) {
        return None;
    }
    let piped = memchr::memchr(b'|', trimmed.as_bytes()).is_some();
    if piped || memchr::memchr(b'\t', line.as_bytes()).is_some() {
        let (body, separator) = if piped {
            (trimmed.trim_start_matches('|').trim_end_matches('|'), b'|')
        } else {
            (line, b'\t')
        };
        // Cut at an ASCII byte, which is never inside another character in UTF-8.
        let mut cells: Vec<&str> = Vec::new();
        let mut start = 0;
        for end in memchr::memchr_iter(separator, body.as_bytes()) {
            cells.push(&body[start..end]);
            start = end + 1;
        }
        cells.push(&body[start..]);
        if piped
            && cells
                .iter()
                .all(|c| is_separator_cell(c) || trim(c).is_empty())
        {
            return None;
        }
        return Some(cell_tokens(&cells));
    }
    Some(words(line))
}

/// The tokens of a line's explicit cells (TAB or pipe separated; a CSV row comes as TABs).
fn cell_tokens<'a>(cells: &[&'a str]) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        let c = trim(c);
        if c.is_empty() {
            out.push(Token::Blank);
        } else if let Some(n) = number_text(c) {
            out.push(Token::Num {
                text: n,
                glued: false,
            });
        } else if let Some(numbers) = spaced_numbers(c) {
            // Several numbers in one cell (`规章⇥1 0 11`): a cell each, but whether one
            // was left blank cannot be seen (`has_spaced_cell`).
            out.extend(
                numbers
                    .into_iter()
                    .map(|text| Token::Num { text, glued: false }),
            );
        } else if is_value_cell(c) || is_odd_value(c) {
            // A cell is a cell: a mistyped value (`12a`, `-3`) is kept for the check.
            out.push(Token::Num {
                text: c,
                glued: false,
            });
        } else {
            // A cell may itself hold label and glued digits (a web page copied into a
            // spreadsheet); read it as free text.
            let mut inner = words(c);
            if let Some(Token::Text { lead, .. }) = inner.first_mut() {
                *lead = i == 0;
            }
            out.extend(inner);
        }
    }
    out
}

/// A CSV cell without its quotes; `None` for a quote that does not close the cell.
fn unquote(c: &str) -> Option<&str> {
    let c = trim(c);
    match c.strip_prefix('"') {
        Some(inner) => inner.strip_suffix('"'),
        None => Some(c),
    }
}

/// A line of comma-separated cells, as a spreadsheet saves CSV (`规章,2,0,21`; merged label
/// cells left empty: `,,1.属于国家秘密,0,0`; a number with thousands separators in quotes:
/// `"3,001"`), with a TAB between its cells instead (then read as any TAB row). Only ASCII
/// commas outside quotes separate: a label's own `，` stays in it. Up to three label cells,
/// then nothing but numbers and blanks, three cells at least. `None` for anything else, which
/// is most lines with commas (prose; `1,234` alone, a thousands separator).
pub fn csv_as_tabs(line: &str) -> Option<String> {
    /// Label cells before the numbers: the format's tables have three label columns at most.
    const MAX_LABEL_CELLS: usize = 3;
    let t = trim(line);
    memchr::memchr(b',', t.as_bytes())?;
    if memchr::memchr2(b'\t', b'|', t.as_bytes()).is_some() {
        return None;
    }
    let mut cells: Vec<&str> = Vec::new();
    let mut labels = 0;
    let mut numbers = 0;
    // Each cell in turn: a label (or a merged label's blank) until the first number, then
    // numbers and blanks only. Given up at the first cell that breaks this (prose at once).
    let mut take = |cell: &str| -> Option<()> {
        let narrow = normalize_width(cell);
        let number = !narrow.contains(char::is_whitespace) && number_text(&narrow).is_some();
        if numbers == 0 && !number {
            let label = cell.is_empty() || !narrow.ends_with(|c: char| c.is_ascii_digit());
            labels += 1;
            (label && labels <= MAX_LABEL_CELLS).then_some(())
        } else if number {
            numbers += 1;
            Some(())
        } else {
            cell.is_empty().then_some(())
        }
    };
    let (mut start, mut quoted) = (0, false);
    for (i, b) in t.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                let cell = unquote(&t[start..i])?;
                take(cell)?;
                cells.push(cell);
                start = i + 1;
            }
            _ => {}
        }
    }
    if quoted {
        return None;
    }
    let last = unquote(&t[start..])?;
    take(last)?;
    cells.push(last);
    if numbers == 0 || cells.len() < 3 {
        return None;
    }
    // Only numbers: a row without a label (section 四), unless it is one number in groups of
    // three (`1,234,567`).
    if labels == 0
        && !t.contains('"')
        && cells[1..]
            .iter()
            .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some(cells.join("\t"))
}

/// A cell holding two or more numbers separated by spaces: each number as stored.
fn spaced_numbers(c: &str) -> Option<Vec<&str>> {
    is_spaced_numbers(c).then(|| c.split_whitespace().filter_map(number_text).collect())
}

/// [`spaced_numbers`] without the numbers: asked of every cell, most of which are one word.
fn is_spaced_numbers(c: &str) -> bool {
    let mut parts = c.split_whitespace();
    let (Some(first), Some(second)) = (parts.next(), parts.next()) else {
        return false;
    };
    [first, second]
        .into_iter()
        .chain(parts)
        .all(|p| number_text(p).is_some())
}

/// Whether a line of tab or pipe cells has a cell holding several numbers separated by spaces
/// (a label, a TAB, then the row's numbers): its cells are then not all explicit, since a
/// blank among space-separated numbers leaves no trace.
pub fn has_spaced_cell(line: &str) -> bool {
    let line = normalize_width(line);
    let t = trim(&line);
    if memchr::memchr(b'|', t.as_bytes()).is_some() {
        t.split('|').any(|c| is_spaced_numbers(trim(c)))
    } else if memchr::memchr(b'\t', line.as_bytes()).is_some() {
        line.split('\t').any(|c| is_spaced_numbers(trim(c)))
    } else {
        false
    }
}

/// An explicit cell holding digits that are not a label's numbering (`1.属于…`): a value,
/// valid or not.
fn is_value_cell(c: &str) -> bool {
    let mut head = c.chars();
    let numbering = head.next().is_some_and(|c| c.is_ascii_digit())
        && head.next().is_some_and(|c| matches!(c, '.' | '、'))
        && head.next().is_some_and(|c| !c.is_ascii_digit());
    !numbering
        && c.bytes().any(|b| b.is_ascii_digit())
        && !c.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// A whole cell or word that is one number (possibly with thousands separators, a unit, or a
/// zero spelling, returned as printed: see [`value_of`]). Returns the text to store.
pub fn as_number(s: &str) -> Option<String> {
    number_text(s).map(str::to_string)
}

/// [`as_number`] borrowed from `s`.
fn number_text(s: &str) -> Option<&str> {
    let s = trim(s);
    if zero_spelled(s) {
        return Some(s);
    }
    // A number starts with a digit (most words asked are label text: no unit looked for).
    if !s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (body, smaller) = strip_unit(s);
    let mut chars = body.chars().peekable();
    let mut digits = 0;
    let mut seen_dot = false;
    let mut prev_digit = false;
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => {
                digits += 1;
                prev_digit = true;
            }
            '.' if prev_digit && !seen_dot && chars.peek().is_some_and(|n| n.is_ascii_digit()) => {
                seen_dot = true;
                prev_digit = false;
            }
            ',' if prev_digit && !seen_dot => prev_digit = false,
            _ => return None,
        }
    }
    // A number in a smaller unit keeps its unit: the value is converted where its cell is
    // known (`values::stored_value`).
    (digits > 0 && prev_digit).then_some(if smaller { s } else { body })
}

/// Whether `word` is a unit by itself: `Some(true)` for a smaller unit (`元`), `Some(false)`
/// for one that leaves the number as it is (`件`).
fn unit_word(word: &str) -> Option<bool> {
    // Units are a few characters of another script.
    if word.len() > 12 || word.as_bytes().last().is_none_or(u8::is_ascii) {
        return None;
    }
    let v = super::variants::get();
    if v.value_units.iter().any(|u| u == word) {
        Some(false)
    } else if v.smaller_units.iter().any(|u| u.unit == word) {
        Some(true)
    } else {
        None
    }
}

/// `s` without a unit printed after its number (`19件`, `12.5 万元`: the asset's
/// `value_units`), and whether the unit is a smaller one (`元`: `smaller_units`).
fn strip_unit(s: &str) -> (&str, bool) {
    // Units are words of another script: a word ending in ASCII has none (most numbers).
    if s.as_bytes().last().is_none_or(u8::is_ascii) {
        return (s, false);
    }
    let v = super::variants::get();
    if let Some(body) = v
        .value_units
        .iter()
        .find_map(|u| s.strip_suffix(u.as_str()))
    {
        return (body.trim_end(), false);
    }
    match v
        .smaller_units
        .iter()
        .find_map(|u| s.strip_suffix(u.unit.as_str()))
    {
        Some(body) => (body.trim_end(), true),
        None => (s, false),
    }
}

/// A word printed where a number stands that is no plain number: signed (`-5`, `+3001`), in
/// exponent notation (`1e9`), not a number at all (`NaN`, `Infinity`), or in the digits of
/// another script (`٣٠٠١`).
fn is_odd_value(s: &str) -> bool {
    let body = s.trim_start_matches(['-', '+', '−']);
    let signed = body.len() < s.len();
    // Most words are label text: only a digit or the start of `nan`, `inf`, `∞` can begin one
    // of these (saves lower-casing every word).
    let Some(first) = body.chars().next() else {
        return false;
    };
    if !(first.is_ascii_digit()
        || matches!(first, 'n' | 'N' | 'i' | 'I' | '∞')
        || other_digit(first).is_some())
    {
        return false;
    }
    let lower = body.to_ascii_lowercase();
    if ["nan", "inf", "infinity", "∞"].contains(&lower.as_str()) {
        return true;
    }
    let (mantissa, exp) = match lower.split_once('e') {
        Some((m, e)) => (m, Some(e.trim_start_matches(['-', '+']))),
        None => (lower.as_str(), None),
    };
    let digit = |c: char| c.is_ascii_digit() || other_digit(c).is_some();
    let numeric =
        |t: &str| t.starts_with(digit) && t.chars().all(|c| digit(c) || c == ',' || c == '.');
    let other = mantissa.chars().any(|c| other_digit(c).is_some());
    numeric(mantissa)
        && exp.is_none_or(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_digit()))
        && (signed || exp.is_some() || other)
}

/// Free text: whitespace-separated words, each cut where digits meet text. A digit followed
/// by `.`/`、` and then text is a label's numbering (`2.重复申请`), not a value.
fn words(line: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::new();
    for (wi, word) in line.split_whitespace().enumerate() {
        // A unit standing apart after a number (`21 件`, `914,135,241.60 元`) is the number's.
        if let Some(Token::Num { text, glued: false }) = out.last_mut()
            && let Some(smaller) = unit_word(word)
        {
            if smaller {
                // The number with its unit, as one slice of the line (both borrow from it).
                let start = text.as_ptr() as usize - line.as_ptr() as usize;
                let end = word.as_ptr() as usize - line.as_ptr() as usize + word.len();
                if let Some(with_unit) = line.get(start..end)
                    && number_text(with_unit).is_some()
                {
                    *text = with_unit;
                }
            }
            continue;
        }
        if let Some(n) = number_text(word) {
            out.push(Token::Num {
                text: n,
                glued: false,
            });
            continue;
        }
        if is_odd_value(word) {
            // Kept as printed, in its cell: the check says why it is not a count.
            out.push(Token::Num {
                text: word,
                glued: false,
            });
            continue;
        }
        // Byte offsets: every character tested below is ASCII, so a step over one is one
        // byte; other characters are taken whole into the text. A text piece is one stretch
        // of the word (a numbering's digit joins the text right after it): `text` is its range.
        let bytes = word.as_bytes();
        let digit_at = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
        let mut i = 0;
        let mut pieces: Vec<Token> = Vec::new();
        let mut text: Option<(usize, usize)> = None;
        let extend = |text: &mut Option<(usize, usize)>, from: usize, to: usize| {
            *text = Some(text.map_or((from, to), |(s, _)| (s, to)));
        };
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                let start = i;
                let mut j = i;
                while j < bytes.len()
                    && (bytes[j].is_ascii_digit()
                        || (matches!(bytes[j], b'.' | b',') && digit_at(j + 1) && j > start))
                {
                    j += 1;
                }
                // `…00000002.其他`: the last digit numbers the next label.
                let rest = &word[j..];
                let numbering = (rest.starts_with('.') || rest.starts_with('、'))
                    && rest[rest.chars().next().map_or(0, char::len_utf8)..]
                        .chars()
                        .next()
                        .is_some_and(|c| !c.is_ascii_digit());
                let value_end = if numbering { j - 1 } else { j };
                // A numbering right after label text (`第2.`) cannot happen in the format; a
                // numbering at a word's start or after a number is a label start.
                if value_end > start {
                    if let Some((s, e)) = text.take() {
                        pieces.push(Token::Text {
                            text: &word[s..e],
                            lead: false,
                        });
                    }
                    pieces.push(Token::Num {
                        text: &word[start..value_end],
                        glued: true,
                    });
                }
                if numbering {
                    extend(&mut text, j - 1, j);
                }
                i = j;
            } else {
                // Up to the next ASCII digit, whole: no byte of another character is one.
                let end = bytes[i..]
                    .iter()
                    .position(u8::is_ascii_digit)
                    .map_or(bytes.len(), |k| i + k);
                extend(&mut text, i, end);
                i = end;
            }
        }
        if let Some((s, e)) = text {
            pieces.push(Token::Text {
                text: &word[s..e],
                lead: false,
            });
        }
        // A word that is nothing but one number was handled above; any number left here
        // touched text (or was cut off by a numbering), so it is glued.
        if let Some(Token::Text { lead, .. }) = pieces.first_mut() {
            *lead = wi == 0;
        }
        out.extend(pieces);
    }
    // Adjacent text tokens of different words stay apart (a leading word may be a merged
    // cell's fragment); numbers are marked glued when a neighbour touched them.
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(line: &str) -> Vec<String> {
        tokenize(&normalize_width(line))
            .unwrap_or_default()
            .into_iter()
            .map(|t| match t {
                Token::Text { text, .. } => format!("T:{text}"),
                Token::Num { text, glued } => format!("{}:{text}", if glued { "G" } else { "N" }),
                Token::Blank => "B".to_string(),
            })
            .collect()
    }

    #[test]
    fn layouts_cut_into_labels_and_numbers() {
        assert_eq!(show("规章\t1\t\t3"), ["T:规章", "N:1", "B", "N:3"]);
        assert_eq!(
            show("| 规章 | 1 | — | 3 |"),
            ["T:规章", "N:1", "N:—", "N:3"]
        );
        assert!(show("|---|:-:|").is_empty());
        assert!(tokenize("||").is_none());
        assert_eq!(show("规章 | 1 | 0 | 3 |"), ["T:规章", "N:1", "N:0", "N:3"]);
        assert_eq!(
            show("规章　１　０　１,234"),
            ["T:规章", "N:1", "N:0", "N:1,234"]
        );
        assert_eq!(
            show("三 2.其他法律行政止公开 0 0"),
            ["T:三", "T:2.其他法律行政止公开", "N:0", "N:0"]
        );
        assert_eq!(
            show("1.属于国家秘密00000002.其他"),
            ["T:1.属于国家秘密", "G:0000000", "T:2.其他"]
        );
        assert_eq!(show("规章000行政"), ["T:规章", "G:000", "T:行政"]);
        assert_eq!(
            show("收费9116.36 三、收到"),
            ["T:收费", "G:9116.36", "T:三、收到"]
        );
        assert_eq!(show("收费 12.5万元"), ["T:收费", "N:12.5"]);
        // A unit after each number (a count's, or a smaller money unit kept for conversion).
        assert_eq!(
            show("规范性文件\t19件\t16 件\t121件"),
            ["T:规范性文件", "N:19", "N:16", "N:121"]
        );
        assert_eq!(show("规章 2件 0件 21件"), ["T:规章", "N:2", "N:0", "N:21"]);
        assert_eq!(
            show("规章 2 件 0 件 21 件"),
            ["T:规章", "N:2", "N:0", "N:21"]
        );
        assert_eq!(
            show("收费 914,135,241.60 元"),
            ["T:收费", "N:914,135,241.60 元"]
        );
        // A unit after text, or a word that only ends like one, is text.
        assert_eq!(show("规章 件"), ["T:规章", "T:件"]);
        assert_eq!(show("规章 2 文件"), ["T:规章", "N:2", "T:文件"]);
        assert_eq!(show("收费\t914135241.60元"), ["T:收费", "N:914135241.60元"]);
        // Comma-separated cells (CSV), quoted thousands; prose and a grouped number are not.
        let csv = |l: &str| csv_as_tabs(l).map(|t| show(&t));
        assert_eq!(
            csv("规范性文件,19,\"3,001\",121").unwrap_or_default(),
            ["T:规范性文件", "N:19", "N:3,001", "N:121"]
        );
        assert_eq!(
            csv("规章,5,,2").unwrap_or_default(),
            ["T:规章", "N:5", "B", "N:2"]
        );
        assert_eq!(
            csv(",,1.属于国家秘密,0,\"3,093\",,2").unwrap_or_default(),
            ["B", "B", "T:1.属于国家秘密", "N:0", "N:3,093", "B", "N:2"]
        );
        // A label's own full-width commas stay in it.
        assert_eq!(
            csv_as_tabs(",（二）部分公开（区分处理的，只计这一情形，不计其他情形）,483,0")
                .as_deref(),
            Some("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t483\t0")
        );
        assert_eq!(
            csv("2,8,3,7").unwrap_or_default(),
            ["N:2", "N:8", "N:3", "N:7"]
        );
        for not_csv in [
            "1,234,567",
            "组织培训,围绕重点领域加大力度1399条,推进落实",
            "全年收到申请1,234件,办结1,200件",
            "收费 914,135,241.60 元",
            "规章,1",
        ] {
            assert_eq!(csv_as_tabs(not_csv), None, "{not_csv}");
        }
        // Not a unit after a number: text.
        assert_eq!(show("受理21件申请"), ["T:受理", "G:21", "T:件申请"]);
        assert_eq!(show("规章\t1 0 11"), ["T:规章", "N:1", "N:0", "N:11"]);
        assert!(has_spaced_cell("规章\t1 0 11") && !has_spaced_cell("规章\t1\t0\t11"));
        assert!(!has_spaced_cell("信息内容\t本年制发件数 本年废止件数"));
    }

    proptest::proptest! {
        /// The first-byte shortcut answers as the list does, for the spellings themselves,
        /// with spaces around them, and for anything else.
        #[test]
        fn zero_spellings_are_found_by_their_first_byte_as_by_the_list(
            any in "\\PC{0,4}",
            pick in 0usize..16,
            pad in proptest::sample::select(vec!["", " ", "\u{3000}", "\t"]),
        ) {
            let spellings = &super::super::variants::get().zero_spellings;
            let chosen = spellings.get(pick).map_or(any.as_str(), String::as_str);
            for s in [any.clone(), format!("{pad}{chosen}{pad}")] {
                let listed = spellings.iter().any(|z| z == trim(&s));
                proptest::prop_assert_eq!(zero_spelled(&s), listed, "{:?}", s);
            }
        }
    }

    #[test]
    fn odd_numbers_stay_one_value_in_their_cell() {
        assert_eq!(
            show("规章 -5 +3001 1e9 NaN ٣٠٠١ 7"),
            [
                "T:规章",
                "N:-5",
                "N:+3001",
                "N:1e9",
                "N:NaN",
                "N:٣٠٠١",
                "N:7"
            ]
        );
        assert_eq!(show("规章\tNaN\t٣٠٠١"), ["T:规章", "N:NaN", "N:٣٠٠١"]);
        // Not values: a label's numbering, a hyphenated word, text with an e.
        assert!(show("2-3 e5 1.属于").iter().all(|t| !t.starts_with("N:")));
    }
}
