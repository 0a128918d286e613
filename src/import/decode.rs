//! Bytes of a report file to text: UTF-8 (with or without BOM), UTF-16 with BOM, and
//! GB18030/GBK (what Windows Notepad and many CMS exports write), detected in that order.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// The text and the name of the encoding it was read in; `None` when no encoding reads the
/// bytes without errors. A web page's `<meta charset>` is believed when it reads cleanly.
pub fn decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (!had_errors).then(|| (text.into_owned(), enc.name()));
    }
    if let Some(enc) = meta_charset(bytes)
        && let Some(found) = decode_as(bytes, enc)
    {
        return Some(found);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), UTF_8.name()));
    }
    decode_as(bytes, GB18030)
}

/// Reads the bytes in the encoding the user named (`--encoding gbk`); a BOM of that encoding
/// is skipped. `None` when the bytes are not valid in it.
pub fn decode_as(bytes: &[u8], enc: &'static Encoding) -> Option<(String, &'static str)> {
    let bytes = match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    (!had_errors).then(|| (text.into_owned(), enc.name()))
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
        assert_eq!(encoding_for_label("GBK").map(|e| e.name()), Some("GBK"));
    }
}
