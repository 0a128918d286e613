//! Bytes of a report file to text: UTF-8 (with or without BOM), UTF-16 with BOM, and
//! GB18030/GBK (what Windows Notepad and many CMS exports write), detected in that order.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// The text and the name of the encoding it was read in; `None` when no encoding reads the
/// bytes without errors.
pub fn decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (!had_errors).then(|| (text.into_owned(), enc.name()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), UTF_8.name()));
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    (!had_errors).then(|| (text.into_owned(), GB18030.name()))
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
}
