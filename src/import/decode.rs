//! Bytes of a report file to text: UTF-8 (with or without BOM), UTF-16 with BOM, and
//! GB18030/GBK (what Windows Notepad and many CMS exports write), detected in that order.
//!
//! A file that is clearly in one encoding but has a few damaged bytes (one flipped bit, a
//! truncated character) is read leniently: the damaged bytes become U+FFFD, which the import
//! reports by line (`import.bad-bytes`), instead of the whole report being unreadable.

use encoding_rs::{Encoding, GB18030, UTF_8};
use std::borrow::Cow;

/// At most one damaged byte sequence per this many well-formed non-ASCII characters for a
/// reading to count as clearly right. A GBK file read as UTF-8 has more damaged sequences
/// than good characters; a UTF-8 report with a flipped byte has thousands of good ones.
const GOOD_PER_DAMAGED: usize = 20;

/// The text and the name of the encoding it was read in; `None` when no encoding reads the
/// bytes without errors, or with few enough to be clearly the file's. A web page's
/// `<meta charset>` is believed when it reads cleanly.
pub fn decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    decode_cow(Cow::Borrowed(bytes))
}

/// [`decode`] of bytes the caller gives up: a UTF-8 file (most reports) becomes its text
/// without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Option<(String, &'static str)> {
    decode_cow(Cow::Owned(bytes))
}

fn decode_cow(owned: Cow<[u8]>) -> Option<(String, &'static str)> {
    let bytes: &[u8] = &owned;
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return lenient(&bytes[bom..], enc);
    }
    if let Some(enc) = meta_charset(bytes)
        && let Some(found) = strict(bytes, enc)
    {
        return Some(found);
    }
    // simdutf8: std's check walks Chinese text a character at a time (1 in 4 of the bytes
    // of a batch is checked here).
    if simdutf8::basic::from_utf8(bytes).is_ok() {
        let text = match owned {
            // SAFETY: the bytes were just checked to be UTF-8 (std's check would walk them
            // a character at a time again).
            Cow::Owned(bytes) => unsafe { String::from_utf8_unchecked(bytes) },
            // SAFETY: as above.
            Cow::Borrowed(bytes) => unsafe { std::str::from_utf8_unchecked(bytes) }.to_string(),
        };
        return Some((text, UTF_8.name()));
    }
    // Nearly all of it UTF-8: a damaged UTF-8 file, even where GB18030 happens to read it
    // (as mojibake) without errors. Counted without decoding: a GBK file read as UTF-8
    // is damage at every other byte, which encoding_rs replaces one by one.
    if utf8_reads_clearly(bytes) {
        let utf8 = reading(bytes, UTF_8);
        return Some((utf8.text, UTF_8.name()));
    }
    if let Some(found) = strict(bytes, GB18030) {
        return Some(found);
    }
    let gb = reading(bytes, GB18030);
    gb.clear().then(|| (gb.text, GB18030.name()))
}

/// A lenient reading and how much of it went wrong.
struct Reading {
    text: String,
    damage: Damage,
}

/// How much of a reading went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Damage {
    /// Non-ASCII characters read well.
    good: usize,
    /// Byte sequences replaced by U+FFFD (and U+FFFD the file held already).
    damaged: usize,
}

impl Damage {
    /// Damage rare enough that this is the file's encoding.
    fn clear(self) -> bool {
        self.damaged.saturating_mul(GOOD_PER_DAMAGED) <= self.good
    }
}

impl Reading {
    fn clear(&self) -> bool {
        self.damage.clear()
    }
}

fn reading(bytes: &[u8], enc: &'static Encoding) -> Reading {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let (mut good, mut damaged) = (0, 0);
    for c in text.chars() {
        match c {
            '\u{FFFD}' => damaged += 1,
            c if !c.is_ascii() => good += 1,
            _ => {}
        }
    }
    Reading {
        text: text.into_owned(),
        damage: Damage { good, damaged },
    }
}

/// Whether [`reading`] as UTF-8 would be [`Damage::clear`], without building the text:
/// each invalid piece of `utf8_chunks` is one U+FFFD (both follow the Unicode "maximal
/// subpart" practice). Stops as soon as the bytes left could not make up for the damage
/// (a GBK file read as UTF-8 is damage at every other byte: a twentieth of it decides).
fn utf8_reads_clearly(bytes: &[u8]) -> bool {
    // Set up once: a GBK file read as UTF-8 is thousands of chunks of a byte or two.
    let replacement = memchr::memmem::Finder::new("\u{FFFD}".as_bytes());
    let (mut good, mut damaged, mut read) = (0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid().as_bytes();
        // A non-ASCII character starts with a byte of 0xC0 or more in well-formed UTF-8.
        let chars = valid.iter().filter(|b| **b >= 0xC0).count();
        let replacements = if chars == 0 {
            0
        } else {
            replacement.find_iter(valid).count()
        };
        good += chars - replacements;
        damaged += replacements + usize::from(!chunk.invalid().is_empty());
        read += valid.len() + chunk.invalid().len();
        // A non-ASCII character takes two bytes at least.
        let best = Damage {
            good: good + (bytes.len() - read) / 2,
            damaged,
        };
        if !best.clear() {
            return false;
        }
    }
    Damage { good, damaged }.clear()
}

/// The bytes in `enc` when that reads them cleanly.
fn strict(bytes: &[u8], enc: &'static Encoding) -> Option<(String, &'static str)> {
    // GBK's decoder is GB18030's (WHATWG); most such reports are ASCII and two-byte
    // characters only, read here ~5x faster than by encoding_rs's general decoder.
    if (enc == GB18030 || enc == encoding_rs::GBK)
        && let Some(text) = two_byte_gbk(bytes)
    {
        return Some((text, enc.name()));
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    (!had_errors).then(|| (text.into_owned(), enc.name()))
}

/// Each pair of bytes with a lead of 0x80 or more, at `(lead - 0x80) * 256 + trail`: its
/// character's UTF-8, padded to three bytes, and its length (0: not one character of GBK's
/// two-byte range) (build.rs). Its size in the type: an index below 128 × 256 needs no
/// check.
static GBK_PAIRS: &[u8; 4 * 128 * 256] = include_bytes!(concat!(env!("OUT_DIR"), "/gbk2.bin"));

/// `bytes` read as GB18030 when they are ASCII and two-byte characters only, exactly as
/// encoding_rs reads them; `None` at anything else (four-byte sequences, errors), which the
/// general decoder then reads.
fn two_byte_gbk(bytes: &[u8]) -> Option<String> {
    // A pair becomes at most three bytes, and four are always written (the length byte
    // overwritten by what follows); an ASCII byte becomes one, and eight are written at once
    // in a run of them. So `o <= i + i / 2` throughout, and each write below ends within
    // `n + n / 2 + 4`. Written into spare capacity: zeroing the buffer first was ~2 % of a
    // batch check; without a bounds check per write: the loop is ~5 % of one.
    let n = bytes.len();
    let room = n + n / 2 + 4;
    let mut out: Vec<u8> = Vec::with_capacity(room);
    let at = out.spare_capacity_mut().as_mut_ptr().cast::<u8>();
    let pairs: &[[u8; 4]] = GBK_PAIRS.as_chunks::<4>().0;
    let (mut i, mut o) = (0, 0);
    while i < n {
        debug_assert!(o <= i + i / 2);
        let lead = bytes[i];
        if lead < 0x80 {
            // Tables pad with runs of spaces: eight ASCII bytes in one step.
            if let Some(eight) = bytes
                .get(i..i + 8)
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
                && u64::from_ne_bytes(eight) & 0x8080_8080_8080_8080 == 0
            {
                // SAFETY: `i + 8 <= n`, so `o + 8 <= i + i / 2 + 8 <= n + n / 2 + 4`.
                unsafe { at.add(o).cast::<[u8; 8]>().write_unaligned(eight) };
                o += 8;
                i += 8;
                continue;
            }
            // SAFETY: `i < n`, so `o < n + n / 2 + 1`.
            unsafe { at.add(o).write(lead) };
            o += 1;
            i += 1;
            continue;
        }
        // A lead byte alone at the end is damage: the general decoder says so.
        let trail = *bytes.get(i + 1)?;
        // As one word: one load and one store (as bytes, the compiler moves them in pieces).
        let entry =
            u32::from_le_bytes(*pairs.get(usize::from(lead - 0x80) << 8 | usize::from(trail))?);
        let len = (entry >> 24) as usize;
        if len == 0 {
            return None;
        }
        // SAFETY: `i + 2 <= n`, so `o + 4 <= i + i / 2 + 4 <= n + n / 2 + 4`.
        unsafe { at.add(o).cast::<u32>().write_unaligned(entry.to_le()) };
        o += len;
        i += 2;
    }
    debug_assert!(o <= room);
    // SAFETY: the first `o` bytes of the spare capacity were written above (each step
    // writes at least up to its new `o`).
    unsafe { out.set_len(o) };
    // ASCII bytes and whole characters of the table only (`every_gbk_pair_is_one_character`):
    // UTF-8 without a second look.
    debug_assert!(simdutf8::basic::from_utf8(&out).is_ok());
    // SAFETY: as said above, and tested on every entry of the table.
    Some(unsafe { String::from_utf8_unchecked(out) })
}

/// The bytes in `enc`, with damaged bytes replaced, when the damage is rare.
fn lenient(bytes: &[u8], enc: &'static Encoding) -> Option<(String, &'static str)> {
    let r = reading(bytes, enc);
    r.clear().then(|| (r.text, enc.name()))
}

/// Reads the bytes in the encoding the user named (`--encoding gbk`); a BOM of that encoding
/// is skipped. Damaged bytes are replaced when they are rare; `None` when the bytes are
/// mostly not in that encoding.
pub fn decode_as(bytes: &[u8], enc: &'static Encoding) -> Option<(String, &'static str)> {
    let bytes = match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    };
    lenient(bytes, enc)
}

/// An encoding by any of its WHATWG labels (`utf-8`, `gbk`, `gb2312`, `gb18030`,
/// `utf-16le`, …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// The `charset` a page declares near its start (`<meta charset="gbk">` or the older
/// `http-equiv` form).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    if head[start] != b'<' {
        return None;
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let value: Vec<u8> = lower[at..]
        .iter()
        .copied()
        .skip_while(|b| *b == b'"' || *b == b'\'' || *b == b' ')
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        .collect();
    Encoding::for_label(&value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What makes [`two_byte_gbk`]'s output UTF-8 without checking it: each entry of the
    /// table with a length is one character's UTF-8 of exactly that length, as encoding_rs
    /// reads the pair.
    #[test]
    fn every_gbk_pair_is_one_character() {
        let mut entries = 0;
        for (k, entry) in GBK_PAIRS.chunks_exact(4).enumerate() {
            let len = usize::from(entry[3]);
            if len == 0 {
                continue;
            }
            entries += 1;
            let text = std::str::from_utf8(&entry[..len]).expect("UTF-8");
            assert_eq!(text.chars().count(), 1, "entry {k}");
            let pair = [(0x80 + k / 256) as u8, (k % 256) as u8];
            let (read, had_errors) = GB18030.decode_without_bom_handling(&pair);
            assert!(!had_errors);
            assert_eq!(read, text, "entry {k}");
        }
        // GBK's two-byte range: 126 leads by 190 trails.
        assert_eq!(entries, 126 * 190);
    }

    #[test]
    fn utf8_utf16_and_gbk_are_recognised() {
        let s = "一、总体情况";
        assert_eq!(decode(s.as_bytes()), Some((s.to_string(), "UTF-8")));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom), Some((s.to_string(), "UTF-8")));
        let (gbk, _, _) = GB18030.encode(s);
        assert_eq!(decode(&gbk), Some((s.to_string(), "gb18030")));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&utf16), Some((s.to_string(), "UTF-16LE")));
    }

    #[test]
    fn a_page_declaring_its_charset_is_read_in_it() {
        let page =
            "<html><head><meta charset=\"gb2312\"></head><body><p>一、总体情况</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let (text, enc) = decode(&bytes).expect("decodes");
        assert_eq!(text, page);
        assert_eq!(enc, "GBK");
        let forced = decode_as(&bytes, GB18030).expect("gb18030 reads gbk");
        assert_eq!(forced.0, page);
        assert!(decode_as(&[0xff, 0xfe, 0x00], UTF_8).is_none());
        // GBK forced as UTF-8 is mostly damage: refused, not read as replacement characters.
        assert!(decode_as(&bytes, UTF_8).is_none());
        assert_eq!(encoding_for_label("GBK").map(|e| e.name()), Some("GBK"));
    }

    fn report_bytes() -> Vec<u8> {
        "一、总体情况\n本机关全年主动公开政府信息共计条。\n"
            .repeat(20)
            .into_bytes()
    }

    #[test]
    fn a_utf8_report_with_a_damaged_byte_is_read_with_a_replacement() {
        let mut bytes = report_bytes();
        // The first byte of “总”: a flipped bit leaves a lone continuation byte.
        bytes[3] ^= 0x40;
        let (text, enc) = decode(&bytes).expect("read leniently");
        assert_eq!(enc, "UTF-8");
        // The lead byte and its two orphaned continuation bytes.
        assert_eq!(text.matches('\u{FFFD}').count(), 3, "{text}");
        assert!(text.starts_with("一\u{FFFD}"), "{text}");
        assert_eq!(text.lines().count(), 40);
        // A byte truncated at the end.
        let mut cut = report_bytes();
        cut.truncate(cut.len() - 2);
        assert!(decode(&cut).is_some_and(|(t, e)| e == "UTF-8" && t.ends_with('\u{FFFD}')));
        // With a UTF-8 BOM the encoding is declared: read leniently too.
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(&bytes);
        assert_eq!(decode(&bom).map(|(t, _)| t), Some(text));
    }

    proptest::proptest! {
        /// The verdict without decoding is the decoder's own, on text with any damage:
        /// Chinese, ASCII, U+FFFD already in the file, GBK, bytes flipped anywhere.
        #[test]
        fn utf8_verdict_is_the_decoders(
            text in "[一-龥a-z0-9，。\u{FFFD}\n]{0,80}",
            flips in proptest::collection::vec((0usize..200, 0u8..=255), 0..6),
            gbk in proptest::bool::ANY,
        ) {
            let mut bytes = if gbk {
                GB18030.encode(&text).0.into_owned()
            } else {
                text.into_bytes()
            };
            for (at, byte) in flips {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = byte;
                }
            }
            proptest::prop_assert_eq!(utf8_reads_clearly(&bytes), reading(&bytes, UTF_8).clear());
        }
    }

    #[test]
    fn utf8_verdict_at_the_limit_of_one_damage_per_twenty_characters() {
        for good in [19, 20, 21] {
            // Each character but the first is good; the first loses its last byte.
            let mut bytes = "总".repeat(good + 1).into_bytes();
            bytes.remove(2);
            assert_eq!(reading(&bytes, UTF_8).damage, Damage { good, damaged: 1 });
            assert_eq!(
                utf8_reads_clearly(&bytes),
                good >= GOOD_PER_DAMAGED,
                "{good}"
            );
            // The damage at the end: decided only by the last chunk.
            let mut bytes = "总".repeat(good + 1).into_bytes();
            bytes.pop();
            assert_eq!(
                utf8_reads_clearly(&bytes),
                good >= GOOD_PER_DAMAGED,
                "{good}"
            );
        }
    }

    #[test]
    fn damaged_gbk_is_still_gbk_and_garbage_is_refused() {
        let text = String::from_utf8(report_bytes()).expect("utf8");
        let (gbk, _, _) = GB18030.encode(&text);
        let mut gbk = gbk.into_owned();
        assert_eq!(decode(&gbk).map(|(_, e)| e), Some("gb18030"));
        // A lead byte followed by an invalid trail byte.
        gbk[0] = 0x81;
        gbk[1] = 0x7F;
        let (text, enc) = decode(&gbk).expect("read leniently");
        assert_eq!(enc, "gb18030");
        assert!(
            text.contains('\u{FFFD}') && text.contains("总体情况"),
            "{text}"
        );
        // Binary noise: GB18030 reads most byte pairs, but not one in eight.
        let noise: Vec<u8> = (0..2000u32)
            .map(|i| {
                if i % 8 == 0 {
                    0xFF
                } else {
                    (i * 7919 % 251) as u8 | 0x80
                }
            })
            .collect();
        assert!(decode(&noise).is_none());
    }

    /// encoding_rs's strict reading of `bytes` as GB18030: the text, or `None` on an error.
    fn reference(bytes: &[u8]) -> Option<String> {
        let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
        (!had_errors).then(|| text.into_owned())
    }

    #[test]
    fn every_two_byte_sequence_reads_as_encoding_rs_reads_it() {
        let mut read = 0;
        for lead in 0x80u8..=0xFF {
            for trail in 0x00u8..=0xFF {
                let bytes = [b'a', lead, trail, b'\n'];
                let fast = two_byte_gbk(&bytes);
                match reference(&bytes) {
                    // Four-byte sequences' first halves are errors here: never read.
                    None => assert_eq!(fast, None, "{lead:02x} {trail:02x}"),
                    Some(text) if lead != 0x80 && lead != 0xFF && trail >= 0x40 => {
                        assert_eq!(
                            fast.as_deref(),
                            Some(text.as_str()),
                            "{lead:02x} {trail:02x}"
                        );
                        read += 1;
                    }
                    // Left to the general decoder (`€` at 0x80, a pair ending in ASCII).
                    Some(text) => assert!(fast.is_none_or(|f| f == text), "{lead:02x} {trail:02x}"),
                }
            }
        }
        // GBK's 21 886 characters and the user-defined area: the fast path is the common path.
        assert!(read > 23_000, "{read}");
    }

    /// A piece of a file: its bytes, and whether it is ASCII or a GBK character (two bytes).
    fn piece() -> impl proptest::strategy::Strategy<Value = (Vec<u8>, bool)> {
        use proptest::prelude::*;
        prop_oneof![
            // Up to 20: runs of eight and more are read eight at a time.
            "[ -~\t\n]{0,20}".prop_map(|s| (s.into_bytes(), true)),
            // GBK's hanzi (U+4E00–U+9FA5); beyond them GB18030 takes four bytes.
            proptest::char::range('\u{4E00}', '\u{9FA5}')
                .prop_map(|c| (GB18030.encode(&c.to_string()).0.into_owned(), true)),
            any::<char>().prop_map(|c| (GB18030.encode(&c.to_string()).0.into_owned(), false)),
            proptest::collection::vec(any::<u8>(), 1..3).prop_map(|b| (b, false)),
        ]
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_reads_what_encoding_rs_reads_or_leaves_it(
            pieces in proptest::collection::vec(piece(), 0..24)
        ) {
            let bytes: Vec<u8> = pieces.iter().flat_map(|p| p.0.clone()).collect();
            let fast = two_byte_gbk(&bytes);
            if fast.is_some() {
                proptest::prop_assert_eq!(&fast, &reference(&bytes));
            }
            // ASCII and GBK's hanzi only: always read on the fast path.
            if pieces.iter().all(|p| p.1) {
                proptest::prop_assert!(fast.is_some());
            }
        }
    }
}
