//! A content hash that names a draft's content in every export, so that a published copy can
//! be traced to the draft revision it came from. FNV-1a (64 bit) over a fixed serialization:
//! `std`'s `DefaultHasher` may change between Rust releases, this never does.

use crate::draft::Draft;

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(OFFSET, |h, b| (h ^ u64::from(*b)).wrapping_mul(PRIME))
}

/// The hash of what a report says (format, agency, kind, year, every section and cell — the
/// preamble and the signature are kept with the sections, under their part ids), as 16
/// hex digits. Saving again, the id or the timestamps do not change it; any edit does.
pub fn content_hash(draft: &Draft) -> String {
    let mut text = String::new();
    // Every field is length-prefixed, so that no two different contents serialize alike.
    let mut field = |s: &str| {
        text.push_str(&s.len().to_string());
        text.push(':');
        text.push_str(s);
    };
    field(&draft.format);
    field(&draft.agency);
    field(draft.agency_kind.as_str());
    field(&draft.year.to_string());
    // BTreeMaps iterate in key order: the serialization is the same on every run.
    for (k, v) in &draft.sections {
        field(k);
        field(v);
    }
    field("");
    for (k, v) in &draft.cells {
        field(k);
        field(v);
    }
    format!("{:016x}", fnv1a(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::AgencyKind;
    use crate::format::Format;

    fn draft() -> Draft {
        let f = Format::by_id("gov-2021").expect("format");
        let now = chrono::DateTime::parse_from_rfc3339("2025-01-02T09:00:00+08:00").expect("now");
        let mut d = Draft::new("x", f, "某局", AgencyKind::Department, 2024, now);
        d.set_section_text("s1", "总体情况");
        d
    }

    #[test]
    fn fnv_matches_the_published_test_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn the_hash_follows_content_not_id_or_revision() {
        let a = draft();
        let mut b = a.clone();
        b.id = "y".into();
        b.revision = 9;
        assert_eq!(content_hash(&a), content_hash(&b));
        b.set_section_text("s1", "总体情况。");
        assert_ne!(content_hash(&a), content_hash(&b));
        // Moving text between fields changes the hash too (length prefixes).
        let mut c = a.clone();
        c.agency = "某".into();
        c.sections.insert("s1".into(), "局总体情况".into());
        assert_ne!(content_hash(&a), content_hash(&c));
        assert_eq!(content_hash(&a).len(), 16);
    }

    #[test]
    fn the_hash_covers_the_preamble_and_the_signature() {
        let a = draft();
        let mut b = a.clone();
        b.set_section_text("preamble", "本报告根据《条例》编制。");
        assert_ne!(content_hash(&a), content_hash(&b));
        let mut c = a.clone();
        c.set_section_text("signature", "某局\n2025年1月20日");
        assert_ne!(content_hash(&a), content_hash(&c));
        assert_ne!(content_hash(&b), content_hash(&c));
        // Written and cleared again: the same content, the same hash.
        c.set_section_text("signature", "");
        assert_eq!(content_hash(&a), content_hash(&c));
    }
}
