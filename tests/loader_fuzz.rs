//! The draft loader never panics, whatever the bytes: arbitrary bytes, and real draft files
//! truncated, with bytes overwritten, or with fields of the wrong type. Each case must end in
//! a draft or in an error that names the file.
//!
//! CI runs 10 000 cases per property; for a longer run:
//! `PROPTEST_CASES=1000000 cargo test --release --test loader_fuzz`.

use nianbao::draft::{AgencyKind, Draft};
use nianbao::format::Format;
use nianbao::storage::parse;
use proptest::prelude::*;
use std::path::Path;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn valid_json() -> Vec<u8> {
    let f = Format::by_id("gov-2021").expect("format");
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now");
    let mut d = Draft::new("2025-f00d00", f, "某局", AgencyKind::Government, 2025, now);
    d.set_section_text("s1", "内容\n第二行");
    d.cells.insert("t3.new.natural".into(), "3".into());
    serde_json::to_vec_pretty(&d).expect("json")
}

fn check(bytes: &[u8]) {
    let path = Path::new("fuzz.json");
    if let Err(e) = parse(path, bytes) {
        assert!(e.to_string().contains("fuzz.json"), "{e}");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes);
    }

    #[test]
    fn damaged_drafts_never_panic(
        cut in 0usize..2000,
        edits in proptest::collection::vec((0usize..2000, any::<u8>()), 0..4),
    ) {
        let mut bytes = valid_json();
        for (at, b) in edits {
            let n = bytes.len();
            bytes[at % n] = b;
        }
        bytes.truncate(cut.min(bytes.len()));
        check(&bytes);
    }

    #[test]
    fn wrong_types_and_versions_never_panic(
        field in prop::sample::select(vec![
            "schema_version", "id", "format", "agency", "agency_kind", "year", "created",
            "updated", "revision", "sections", "cells", "resume",
        ]),
        value in prop_oneof![
            Just(serde_json::Value::Null),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(serde_json::Value::from),
            ".{0,12}".prop_map(serde_json::Value::from),
            Just(serde_json::json!([1, "a"])),
            Just(serde_json::json!({"s1": 5})),
        ],
    ) {
        let mut v: serde_json::Value = serde_json::from_slice(&valid_json()).expect("valid");
        v[field] = value;
        check(&serde_json::to_vec(&v).expect("json"));
    }
}
