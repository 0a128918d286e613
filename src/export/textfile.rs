//! How a text-like export is written as bytes: the encoding (UTF-8, UTF-8 with a byte order
//! mark, GB18030) and the line ending (LF, CRLF), so that Notepad on an old Windows, which
//! reads a file without a BOM as the ANSI code page and shows LF-only text as one line, shows
//! the report right.

/// The bytes a text export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    #[default]
    Utf8,
    /// UTF-8 opened by `EF BB BF`, which Notepad before Windows 10 1903 needs to read UTF-8.
    Utf8Bom,
    /// The national standard, a superset of GBK; covers all of Unicode.
    Gb18030,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEnding {
    #[default]
    Lf,
    Crlf,
}

/// How a text export becomes a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextFile {
    pub encoding: TextEncoding,
    pub eol: LineEnding,
    /// Paragraphs of the text export start with two full-width spaces.
    pub indent: bool,
}

impl TextFile {
    /// `text` (LF line endings) as the file's bytes.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        let text = match self.eol {
            LineEnding::Lf => std::borrow::Cow::Borrowed(text),
            LineEnding::Crlf => std::borrow::Cow::Owned(crlf(text)),
        };
        match self.encoding {
            TextEncoding::Utf8 => text.into_owned().into_bytes(),
            TextEncoding::Utf8Bom => {
                let mut bytes = b"\xEF\xBB\xBF".to_vec();
                bytes.extend_from_slice(text.as_bytes());
                bytes
            }
            TextEncoding::Gb18030 => {
                // GB18030 maps every Unicode scalar value, so nothing is ever replaced.
                let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
                debug_assert!(!unmappable);
                bytes.into_owned()
            }
        }
    }
}

/// Every line break as CRLF, a CRLF already there kept as one.
fn crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev = '\0';
    for c in text.chars() {
        if c == '\n' && prev != '\r' {
            out.push('\r');
        }
        out.push(c);
        prev = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_everywhere_and_no_lone_lf() {
        let f = TextFile {
            eol: LineEnding::Crlf,
            ..TextFile::default()
        };
        let bytes = f.encode("a\nb\r\n\nc\n");
        assert_eq!(bytes, b"a\r\nb\r\n\r\nc\r\n");
    }

    #[test]
    fn gb18030_reads_back_to_the_same_text_rare_characters_included() {
        // 𠀀 (Extension B, four bytes in GB18030), 䶮 (a name character), € and a full-width
        // space.
        let text = "某局报告\u{3000}\u{3000}𠀀䶮€〇\n";
        let f = TextFile {
            encoding: TextEncoding::Gb18030,
            ..TextFile::default()
        };
        let bytes = f.encode(text);
        assert_ne!(bytes, text.as_bytes());
        let (back, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
        assert!(!had_errors);
        assert_eq!(back, text);
    }

    #[test]
    fn the_bom_opens_the_file_only_when_asked() {
        let bom = TextFile {
            encoding: TextEncoding::Utf8Bom,
            ..TextFile::default()
        };
        assert_eq!(bom.encode("报"), b"\xEF\xBB\xBF\xE6\x8A\xA5");
        assert_eq!(TextFile::default().encode("报"), "报".as_bytes());
    }
}
