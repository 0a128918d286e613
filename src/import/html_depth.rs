//! A bound on how deeply a saved web page nests its elements, applied to the HTML source before
//! it is parsed. The parser (html5ever) scans its stack of open elements for many tags, so
//! 100 000 nested `<div>` cost minutes; and nesting that deep is never a report. Start tags past
//! [`MAX_DEPTH`] open elements (and their end tags) are left out, their text kept; a page within
//! the bound passes unchanged.
//!
//! The scan is a tokenizer's rough sketch, not a tree builder: it counts the elements whose
//! nesting a page shows in its tree (`div`, `table`, `span`, …), not those the parser closes by
//! itself (`p`, `li`, `td`, …). Formatting tags (`b`, `font`, …) are bounded on their own:
//! sloppy pages leave them open by the hundred without nesting anything, and leaving one out
//! loses no text. Where the sketch and the parser differ, the sketch errs towards counting
//! more (e.g. `<div/>`, which opens a `div` in HTML).

use std::borrow::Cow;
use std::collections::HashMap;

/// Open elements a page may nest (real report pages stay under 40).
pub const MAX_DEPTH: usize = 256;

/// Elements with no content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "isindex",
];
/// Elements the parser closes when a sibling starts, and the document's own frame. Not the
/// ruby parts (`rb`, `rt`, `rp`, `rtc`) nor `optgroup`: they close their siblings only inside
/// `<ruby>` / `<select>`, and nest anywhere else (100 000 nested `<rt>` took the parser a minute).
const IMPLIED: &[&str] = &[
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead", "tfoot", "caption",
    "colgroup", "html", "head", "body",
];
/// Formatting elements: the parser reopens them where they were left open, never deeper.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
/// Elements whose content is text up to their end tag.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// The page bounded to [`MAX_DEPTH`], and the deepest nesting it asked for when that was more.
pub fn bound(html: &str) -> (Cow<'_, str>, Option<usize>) {
    let mut scan = Scan::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    // Byte ranges of tags left out.
    let mut cut: Vec<(usize, usize)> = Vec::new();
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let start = i + off;
        let Some(tag) = tag_at(html, start) else {
            i = start + 1;
            continue;
        };
        i = tag.end;
        match tag.kind {
            Kind::Start => {
                if RAW.contains(&tag.name.as_str()) {
                    i = raw_end(html, i, &tag.name);
                } else if scan.open(&tag.name) == Kept::No {
                    cut.push((start, tag.end));
                }
            }
            Kind::End => {
                if scan.close(&tag.name) == Kept::No {
                    cut.push((start, tag.end));
                }
            }
            Kind::Other => {}
        }
    }
    if cut.is_empty() {
        return (Cow::Borrowed(html), None);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (a, b) in cut {
        out.push_str(&html[from..a]);
        from = b;
    }
    out.push_str(&html[from..]);
    (Cow::Owned(out), Some(scan.deepest))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kept {
    Yes,
    No,
}

/// The open counted elements: each with whether its tags were kept and whether it is a
/// formatting element, and per name where it stands (so an end tag finds its element without
/// walking the stack).
#[derive(Default)]
struct Scan {
    stack: Vec<(String, Kept, bool)>,
    by_name: HashMap<String, Vec<usize>>,
    /// Open formatting elements, and the others.
    formatting: usize,
    structure: usize,
    deepest: usize,
}

impl Scan {
    fn open(&mut self, name: &str) -> Kept {
        if VOID.contains(&name) || IMPLIED.contains(&name) {
            return Kept::Yes;
        }
        let is_formatting = FORMATTING.contains(&name);
        let depth = if is_formatting {
            self.formatting += 1;
            self.formatting
        } else {
            self.structure += 1;
            self.structure
        };
        self.deepest = self.deepest.max(depth);
        let kept = if depth > MAX_DEPTH {
            Kept::No
        } else {
            Kept::Yes
        };
        self.by_name
            .entry(name.to_string())
            .or_default()
            .push(self.stack.len());
        self.stack.push((name.to_string(), kept, is_formatting));
        kept
    }

    /// An end tag closes its element and every element opened inside it.
    fn close(&mut self, name: &str) -> Kept {
        let Some(&at) = self.by_name.get(name).and_then(|v| v.last()) else {
            return Kept::Yes;
        };
        let mut kept = Kept::Yes;
        while self.stack.len() > at {
            let Some((n, k, is_formatting)) = self.stack.pop() else {
                break;
            };
            if is_formatting {
                self.formatting -= 1;
            } else {
                self.structure -= 1;
            }
            if let Some(v) = self.by_name.get_mut(&n) {
                v.pop();
            }
            kept = k;
        }
        kept
    }
}

enum Kind {
    Start,
    End,
    /// A comment, doctype or processing instruction.
    Other,
}

struct Tag {
    kind: Kind,
    name: String,
    /// Byte just after the tag.
    end: usize,
}

/// The tag starting at `start` (a `<`), or `None` where the `<` is text.
fn tag_at(html: &str, start: usize) -> Option<Tag> {
    let rest = &html[start + 1..];
    if let Some(body) = rest.strip_prefix("!--") {
        // `<!-->` and `<!--->` are whole (empty) comments; `--!>` also ends one.
        let abrupt = [">", "->"].iter().find(|p| body.starts_with(**p));
        let end = match abrupt {
            Some(p) => start + 4 + p.len(),
            None => ["-->", "--!>"]
                .iter()
                .filter_map(|close| body.find(close).map(|e| start + 4 + e + close.len()))
                .min()
                .unwrap_or(html.len()),
        };
        return Some(Tag {
            kind: Kind::Other,
            name: String::new(),
            end,
        });
    }
    if rest.starts_with(['!', '?']) {
        let end = rest.find('>').map_or(html.len(), |e| start + 1 + e + 1);
        return Some(Tag {
            kind: Kind::Other,
            name: String::new(),
            end,
        });
    }
    let (kind, name_at) = match rest.strip_prefix('/') {
        Some(_) => (Kind::End, start + 2),
        None => (Kind::Start, start + 1),
    };
    let name: String = html[name_at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = tag_end(html.as_bytes(), name_at + name.len());
    Some(Tag { kind, name, end })
}

/// The byte after a tag's `>`. A quote opens a value only right after `=` (as the parser
/// reads it), and a quoted value may hold `>`.
fn tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut after_eq = false;
    while let Some(&b) = bytes.get(i) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if after_eq && (b == b'"' || b == b'\'') => quote = Some(b),
            None if b == b'>' => return i + 1,
            None if b == b'=' => after_eq = true,
            None if b.is_ascii_whitespace() => {}
            None => after_eq = false,
        }
        i += 1;
    }
    bytes.len()
}

/// The byte where the raw text of `name` ends: at its end tag, or the end of the page.
fn raw_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let at = i + off;
        let after = at + 2 + name.len();
        if bytes.get(at + 1) == Some(&b'/')
            && bytes
                .get(at + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return at;
        }
        i = at + 1;
    }
    html.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_normal_page_passes_unchanged() {
        let page = "<html><body><div class=\"a>b\"><p>一<p>二<font>三</p><table><tr><td>1</td></tr></table></div><script>if (a<b) {}</script><!-- <div> --></body></html>";
        let (out, deepest) = bound(page);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(deepest, None);
    }

    #[test]
    fn nesting_past_the_bound_is_left_out_with_its_text_kept() {
        let n = MAX_DEPTH + 10;
        let page = format!("{}文字{}<p>后</p>", "<div>".repeat(n), "</div>".repeat(n));
        let (out, deepest) = bound(&page);
        assert_eq!(deepest, Some(n));
        let expected = format!(
            "{}文字{}<p>后</p>",
            "<div>".repeat(MAX_DEPTH),
            "</div>".repeat(MAX_DEPTH)
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn tricks_that_hide_nesting_from_a_naive_scan_are_counted() {
        let n = MAX_DEPTH + 5;
        for (open, close) in [
            // `<div/>` opens a div in HTML.
            ("<div/>", ""),
            // A quote not after `=` belongs to the attribute's name: the tag ends at `>`.
            ("<div x\">", "</div>"),
            // Different attributes defeat the parser's own bound on formatting elements.
            ("<font size=1>", "</font>"),
        ] {
            let page = format!("{}x{}", open.repeat(n), close.repeat(n));
            let (out, _) = bound(&page);
            let kept = if close.is_empty() { 1 } else { 2 } * MAX_DEPTH;
            assert_eq!(out.matches('<').count(), kept, "{open}");
        }
        // An abrupt comment hides nothing.
        let page = format!("<!-->{}", "<div>".repeat(n));
        assert_eq!(bound(&page).1, Some(n));
    }
}
