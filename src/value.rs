//! Cell values: parsing what a clerk typed (or a report printed) into exact numbers.
//!
//! Numbers are fixed-point with 4 decimals, so sums of amounts in 万元 are exact.

use crate::format::ValueType;
use crate::trim::trim;
use std::borrow::Cow;
use std::fmt;

const SCALE: i128 = 10_000;
const MAX_DECIMALS: u32 = 4;

/// An exact decimal number with up to 4 decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Number(i128);

impl Number {
    pub const ZERO: Number = Number(0);

    /// The number as a float, for figures in a summary (not for arithmetic).
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    pub fn from_int(n: i64) -> Number {
        Number(n as i128 * SCALE)
    }

    pub fn checked_add(self, other: Number) -> Option<Number> {
        self.0.checked_add(other.0).map(Number)
    }

    pub fn checked_sub(self, other: Number) -> Option<Number> {
        self.0.checked_sub(other.0).map(Number)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let int = abs / SCALE as u128;
        let frac = abs % SCALE as u128;
        if frac == 0 {
            write!(f, "{sign}{int}")
        } else {
            let digits = format!("{frac:04}");
            write!(f, "{sign}{int}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// Why a cell's text is not a valid value of its type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("not a number")]
    NotANumber,
    #[error("negative")]
    Negative,
    #[error("not a whole number")]
    NotInteger,
    #[error("more than {0} decimals")]
    TooManyDecimals(u32),
    #[error("too large")]
    TooLarge,
    /// Above the type's bound (`max` in the format asset).
    #[error("above {0}")]
    AboveMax(String),
    /// `1e9`: how a spreadsheet shows a large number, not how a report prints a count.
    #[error("exponent notation")]
    Exponent,
    /// Digits of another script (`٣٠٠١`) that could not be read as one number.
    #[error("digits of another script")]
    OtherDigits,
}

/// The first code point of each run of ten decimal digits (Unicode `Nd`) outside ASCII that a
/// report may plausibly contain; full-width digits are `normalize_width`'s.
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0x104A0, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
];

/// A decimal digit of another script: (the script's zero, the digit's value).
pub fn other_digit(c: char) -> Option<(u32, u32)> {
    let cp = c as u32;
    // Most text (ASCII, Latin, CJK below U+0660 … and the digits' scripts are few) ends here.
    if cp < DIGIT_ZEROS[0] {
        return None;
    }
    // The zeros are sorted and their scripts' digits do not overlap: the last zero at or
    // below the character is the only one it may be a digit of (a Chinese character is above
    // most of them; looking at each was a share of every import).
    let z = DIGIT_ZEROS[DIGIT_ZEROS.partition_point(|&z| z <= cp) - 1];
    (cp < z + 10).then_some((z, cp - z))
}

/// Digits of one other script read as ASCII digits (`٣٠٠١` → `3001`); `None` when the text
/// has none, or mixes scripts (then no reading is certain).
pub fn ascii_digits(text: &str) -> Option<String> {
    let mut script = None;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match other_digit(c) {
            Some((zero, v)) => {
                if script.is_some_and(|s| s != zero) {
                    return None;
                }
                script = Some(zero);
                out.push(char::from_digit(v, 10)?);
            }
            None if c.is_ascii_digit() || narrow(c).is_ascii_digit() => return None,
            None => out.push(c),
        }
    }
    script.map(|_| out)
}

/// Maps full-width ASCII (what a Chinese IME types: `１２３`, `．`, `，`) to ASCII and the
/// ideographic space to a space. Borrowed when there is nothing to fold, as in most lines.
pub fn normalize_width(s: &str) -> Cow<'_, str> {
    if !may_be_wide(s) {
        return Cow::Borrowed(s);
    }
    // Runs of unchanged text are copied whole: most of a report has nothing to fold, and
    // this runs over every line an import reads.
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let n = narrow(c);
        if n != c {
            out.push_str(&s[run..i]);
            out.push(n);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&s[run..]);
    Cow::Owned(out)
}

/// Whether `s` may hold a character [`narrow`] changes, by its UTF-8 bytes: U+3000 is
/// `E3 80 80`, U+FF01–U+FF5E start `EF BC` or `EF BD` (a few others that do too are only
/// looked at more closely).
fn may_be_wide(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(0xE3, 0xEF, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1), b.get(i + 2)),
            (0xE3, Some(0x80), Some(0x80)) | (0xEF, Some(0xBC | 0xBD), _)
        )
    })
}

/// One character of `normalize_width`.
pub fn narrow(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Parses a cell's text against its value type. Accepts full-width digits, surrounding
/// spaces, correctly grouped thousands separators and a trailing unit equal to the type's.
pub fn parse(text: &str, ty: &ValueType) -> Result<Number, ValueError> {
    parse_within(text, ty, &Bounds::of(ty))
}

/// A type's bounds as numbers, read once: a check parses every cell of every report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bounds {
    min: Option<Number>,
    max: Option<Number>,
}

impl Bounds {
    /// The bounds of `ty` (one that is not a whole number bounds nothing).
    pub fn of(ty: &ValueType) -> Bounds {
        let read = |b: &Option<String>| {
            b.as_deref()
                .and_then(|b| b.parse::<i64>().ok())
                .map(Number::from_int)
        };
        Bounds {
            min: read(&ty.min),
            max: read(&ty.max),
        }
    }
}

/// [`parse`] with the type's [`Bounds`] already read.
pub fn parse_within(text: &str, ty: &ValueType, bounds: &Bounds) -> Result<Number, ValueError> {
    // Most cells hold plain ASCII digits (the counts, as an import or the grid stores them):
    // what the general reading below gives them, without its copies of the text (no width,
    // space, unit, sign, separator or decimal to look at; ≤ 20 digits are not too large).
    if !text.is_empty() && text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit()) {
        let int: i128 = text.parse().map_err(|_| ValueError::TooLarge)?;
        return within_bounds(Number(int * SCALE), ty, bounds);
    }
    parse_general(text, ty, bounds)
}

/// `parse` of any text.
fn parse_general(text: &str, ty: &ValueType, bounds: &Bounds) -> Result<Number, ValueError> {
    // ASCII text (most of what is not plain digits: `1,234`, `12.5`) is read in place.
    let folded;
    let mut s: &str = if text.is_ascii() {
        trim(text)
    } else {
        folded = normalize_width(text);
        folded.trim()
    };
    if let Some(unit) = &ty.unit
        && let Some(stripped) = s.strip_suffix(unit.as_str())
    {
        s = stripped.trim_end();
    }
    if !s.is_ascii() && s.chars().any(|c| other_digit(c).is_some()) {
        return Err(ValueError::OtherDigits);
    }
    if is_exponent(s) {
        return Err(ValueError::Exponent);
    }
    let negative = s.starts_with('-') || s.starts_with('−');
    let body = s.trim_start_matches(['-', '−', '+']);
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let int_digits = strip_grouping(int_part).ok_or(ValueError::NotANumber)?;
    // `.5` is read as `0.5`.
    let int_digits = if int_digits.is_empty() && frac_part.is_some_and(|f| !f.is_empty()) {
        std::borrow::Cow::Borrowed("0")
    } else {
        int_digits
    };
    if int_digits.is_empty() || !int_digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::NotANumber);
    }
    let frac = frac_part.unwrap_or("");
    if frac_part.is_some() && (frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit())) {
        return Err(ValueError::NotANumber);
    }
    let frac_trimmed = frac.trim_end_matches('0');
    if negative && (int_digits.bytes().any(|b| b != b'0') || !frac_trimmed.is_empty()) {
        return Err(ValueError::Negative);
    }
    if ty.integer && !frac_trimmed.is_empty() {
        return Err(ValueError::NotInteger);
    }
    // Published amounts do carry more decimals than the type asks for (`4166.241619` 万元):
    // the value is read rounded half up to the type's decimals, and the `value_decimals`
    // rule says so (see [`extra_decimals`]).
    let max = ty.max_decimals.unwrap_or(MAX_DECIMALS).min(MAX_DECIMALS);
    if int_digits.len() > 20 {
        return Err(ValueError::TooLarge);
    }
    let int: i128 = int_digits.parse().map_err(|_| ValueError::TooLarge)?;
    let mut frac_val: i128 = 0;
    for (i, d) in frac_trimmed.bytes().take(max as usize).enumerate() {
        frac_val += (d - b'0') as i128 * 10_i128.pow(MAX_DECIMALS - 1 - i as u32);
    }
    if frac_trimmed
        .as_bytes()
        .get(max as usize)
        .is_some_and(|d| *d >= b'5')
    {
        frac_val += 10_i128.pow(MAX_DECIMALS - max);
    }
    within_bounds(Number(int * SCALE + frac_val), ty, bounds)
}

/// `n`, when within the type's bounds.
fn within_bounds(n: Number, ty: &ValueType, bounds: &Bounds) -> Result<Number, ValueError> {
    if bounds.min.is_some_and(|min| n < min) {
        return Err(ValueError::Negative);
    }
    if let (Some(bound), Some(max)) = (bounds.max, &ty.max)
        && n > bound
    {
        return Err(ValueError::AboveMax(max.clone()));
    }
    Ok(n)
}

/// How many decimals a valid value has beyond its type's (`Some((6, 4))` for `5949.088667`
/// as an amount of at most 4), when it has more.
pub fn extra_decimals(text: &str, ty: &ValueType) -> Option<(usize, u32)> {
    // Plain digits (most cells) have no decimals: not copied to be looked at.
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let max = ty.max_decimals.unwrap_or(MAX_DECIMALS).min(MAX_DECIMALS);
    let s = normalize_width(text);
    let s = trim(&s);
    let s = ty
        .unit
        .as_deref()
        .and_then(|u| s.strip_suffix(u))
        .unwrap_or(s)
        .trim_end();
    let (_, frac) = s.split_once('.')?;
    let digits = frac.trim_end_matches('0').len();
    (digits > max as usize && frac.bytes().all(|b| b.is_ascii_digit())).then_some((digits, max))
}

/// `1e9`, `2.5E+3`: a mantissa, `e`, an exponent.
fn is_exponent(s: &str) -> bool {
    let Some((mantissa, exp)) = s.split_once(['e', 'E']) else {
        return false;
    };
    let mantissa = mantissa.trim_start_matches(['-', '−', '+']);
    let exp = exp.trim_start_matches(['-', '+']);
    let number = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.');
    number(mantissa)
        && mantissa.chars().any(|c| c.is_ascii_digit())
        && number(exp)
        && exp.chars().all(|c| c.is_ascii_digit())
}

/// `1,234,567` → `1234567`; `None` when separators are misplaced (`12,34`).
fn strip_grouping(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !s.contains(',') {
        return Some(std::borrow::Cow::Borrowed(s));
    }
    let groups: Vec<&str> = s.split(',').collect();
    let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    (first_ok && rest_ok).then(|| std::borrow::Cow::Owned(groups.concat()))
}

/// `0`, or ASCII digits not starting with `0`.
fn is_plain_count(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
}

/// The text a draft stores for a typed value: the canonical number when it parses (full-width
/// digits and separators normalised, decimals kept as typed), otherwise the trimmed text as
/// typed, so a wrong entry is kept and reported, never lost.
pub fn canonical(text: &str, ty: &ValueType) -> String {
    let trimmed = trim(text);
    // Plain ASCII digits without a leading zero are stored as written whatever the type:
    // read, they print back the same, and unread (out of range), they are kept as written.
    // Most imported cells are such.
    if is_plain_count(trimmed) {
        return trimmed.to_string();
    }
    canonical_general(trimmed, ty)
}

/// [`canonical`] of a text the caller owns: kept as it is when it is already its own
/// canonical form (plain digits, as most imported cells are), not copied.
pub fn canonical_owned(text: String, ty: &ValueType) -> String {
    if is_plain_count(&text) {
        return text;
    }
    canonical(&text, ty)
}

/// [`canonical`] of any text (`trimmed` already trimmed).
fn canonical_general(trimmed: &str, ty: &ValueType) -> String {
    match parse(trimmed, ty) {
        Ok(n) if ty.integer => n.to_string(),
        Ok(n) => {
            // Keep the decimals the clerk wrote (e.g. 12.50), in ASCII.
            let ascii = normalize_width(trimmed);
            let digits: String = ascii
                .trim()
                .trim_end_matches(ty.unit.as_deref().unwrap_or("\u{0}"))
                .trim()
                .chars()
                .filter(|c| *c != ',' && *c != '+')
                .collect();
            if digits.starts_with('-') || digits.starts_with('−') {
                return n.to_string();
            }
            let leading = digits.trim_start_matches('0');
            let normal = if leading.is_empty() || leading.starts_with('.') {
                format!("0{leading}")
            } else {
                leading.to_string()
            };
            if parse(&normal, ty) == Ok(n) {
                normal
            } else {
                n.to_string()
            }
        }
        Err(_) => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count() -> ValueType {
        ValueType {
            integer: true,
            min: Some("0".into()),
            max: Some("1000000000".into()),
            max_decimals: None,
            unit: None,
            name: "非负整数".into(),
            name_en: "non-negative integer".into(),
        }
    }

    fn amount() -> ValueType {
        ValueType {
            integer: false,
            min: Some("0".into()),
            max: None,
            max_decimals: Some(4),
            unit: Some("万元".into()),
            name: "金额".into(),
            name_en: "amount".into(),
        }
    }

    proptest::proptest! {
        /// The shortcut for plain digits reads them as the general reading does: leading
        /// zeros, the largest counts, past the bound, too large.
        #[test]
        fn plain_digits_read_as_any_text_is_read(digits in "[0-9]{1,24}") {
            for ty in [count(), amount()] {
                proptest::prop_assert_eq!(
                    parse(&digits, &ty),
                    parse_general(&digits, &ty, &Bounds::of(&ty))
                );
            }
        }
    }

    proptest::proptest! {
        /// The shortcut for plain digits stores what the general path stores.
        #[test]
        fn plain_digits_stored_as_any_text_is_stored(digits in "[0-9]{1,24}") {
            for ty in [count(), amount()] {
                proptest::prop_assert_eq!(canonical(&digits, &ty), canonical_general(&digits, &ty));
            }
        }

        /// An owned text is stored as `canonical` stores it, whatever it is.
        #[test]
        fn an_owned_text_is_stored_as_a_borrowed_one(text in "[ 0-9,.０-９万元a-]{0,12}") {
            for ty in [count(), amount()] {
                proptest::prop_assert_eq!(canonical_owned(text.clone(), &ty), canonical(&text, &ty));
            }
        }
    }

    proptest::proptest! {
        /// The byte test that lets most lines through borrowed never misses a character to
        /// fold: the result is every character narrowed, from characters around the ranges.
        #[test]
        fn width_folds_every_character(
            s in "[a-z1 、。，（）\u{3000}\u{3001}\u{2FFF}\u{FF01}-\u{FF5E}\u{FF00}\u{FF5F}-\u{FF64}\u{EFFF}汉]{0,12}"
        ) {
            let expected: String = s.chars().map(narrow).collect();
            let folded = normalize_width(&s);
            proptest::prop_assert_eq!(folded.as_ref(), expected.as_str());
        }
    }

    #[test]
    fn counts_accept_plain_full_width_and_grouped_digits() {
        assert_eq!(parse("12", &count()), Ok(Number::from_int(12)));
        assert_eq!(parse("１２", &count()), Ok(Number::from_int(12)));
        assert_eq!(parse(" 0 ", &count()), Ok(Number::ZERO));
        assert_eq!(parse("1,234", &count()), Ok(Number::from_int(1234)));
        assert_eq!(parse("１，２３４", &count()), Ok(Number::from_int(1234)));
        assert_eq!(parse("3.0", &count()), Ok(Number::from_int(3)));
    }

    #[test]
    fn counts_reject_what_is_not_a_non_negative_integer() {
        assert_eq!(parse("-1", &count()), Err(ValueError::Negative));
        assert_eq!(parse("1.5", &count()), Err(ValueError::NotInteger));
        assert_eq!(parse("abc", &count()), Err(ValueError::NotANumber));
        assert_eq!(parse("", &count()), Err(ValueError::NotANumber));
        assert_eq!(parse("12,34", &count()), Err(ValueError::NotANumber));
        assert_eq!(parse("1.", &count()), Err(ValueError::NotANumber));
        assert_eq!(
            parse("99999999999999999999999", &count()),
            Err(ValueError::TooLarge)
        );
    }

    #[test]
    fn counts_name_why_an_odd_number_is_not_one() {
        assert_eq!(parse("1e9", &count()), Err(ValueError::Exponent));
        assert_eq!(parse("2.5E+3", &count()), Err(ValueError::Exponent));
        assert_eq!(parse("NaN", &count()), Err(ValueError::NotANumber));
        assert_eq!(parse("٣٠٠١", &count()), Err(ValueError::OtherDigits));
        assert_eq!(parse("-5", &count()), Err(ValueError::Negative));
        assert_eq!(
            parse("1000000000", &count()),
            Ok(Number::from_int(1_000_000_000))
        );
        assert_eq!(
            parse("1000000001", &count()),
            Err(ValueError::AboveMax("1000000000".into()))
        );
        assert_eq!(ascii_digits("٣٠٠١"), Some("3001".into()));
        assert_eq!(ascii_digits("۳,۰۰۱"), Some("3,001".into()));
        assert_eq!(ascii_digits("٣۰"), None, "two scripts");
        assert_eq!(ascii_digits("3٠"), None, "ASCII and another script");
        assert_eq!(ascii_digits("3001"), None);
    }

    #[test]
    fn amounts_allow_four_decimals_and_their_unit() {
        assert_eq!(
            parse("12.5", &amount()).map(|n| n.to_string()),
            Ok("12.5".into())
        );
        assert_eq!(
            parse("0.0001", &amount()).map(|n| n.to_string()),
            Ok("0.0001".into())
        );
        assert_eq!(
            parse("3万元", &amount()).map(|n| n.to_string()),
            Ok("3".into())
        );
        // More decimals than the type's are read rounded half up (the rule warns).
        assert_eq!(
            parse("5949.088667", &amount()).map(|n| n.to_string()),
            Ok("5949.0887".into())
        );
        assert_eq!(
            parse("0.00004", &amount()).map(|n| n.to_string()),
            Ok("0".into())
        );
        assert_eq!(extra_decimals("5949.088667", &amount()), Some((6, 4)));
        assert_eq!(extra_decimals("5949.0880", &amount()), None);
        assert_eq!(parse("-0.5", &amount()), Err(ValueError::Negative));
        assert_eq!(parse("-0", &amount()), Ok(Number::ZERO));
    }

    #[test]
    fn canonical_text_keeps_decimals_and_bad_input() {
        assert_eq!(canonical("１２", &count()), "12");
        assert_eq!(canonical("007", &count()), "7");
        assert_eq!(canonical("12.50", &amount()), "12.50");
        assert_eq!(canonical(".5", &amount()), "0.5");
        assert_eq!(canonical("1,234", &count()), "1234");
        assert_eq!(canonical(" 十二 ", &count()), "十二");
    }

    #[test]
    fn sums_are_exact() {
        let a = parse("0.1", &amount()).expect("a");
        let b = parse("0.2", &amount()).expect("b");
        assert_eq!(a.checked_add(b).map(|n| n.to_string()), Some("0.3".into()));
    }
}
