//! Property: for random drafts (with or without a preamble and a closing signature), export →
//! import → export gives the same text, in both table styles and at any width.

use chrono::{DateTime, NaiveDate};
use nianbao::draft::{AgencyKind, Draft};
use nianbao::export::{self, Options, TableStyle};
use nianbao::format::Format;
use nianbao::import::{ImportOptions, import_text};
use nianbao::rules::{Stage, evaluate};
use proptest::prelude::*;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn export(d: &Draft, opts: Options) -> String {
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    export::render(
        format(),
        d,
        &evaluate(format(), d, Stage::Drafting, today),
        opts,
    )
}

fn text_line() -> impl Strategy<Value = String> {
    prop::string::string_regex(
        "[政务公开信息年度报告工作情况本机关依申请处理 ，。abcXYZ0-9“”（）]{0,40}",
    )
    .expect("regex")
}

fn section_text() -> impl Strategy<Value = String> {
    prop::collection::vec(text_line(), 0..5).prop_map(|lines| lines.join("\n"))
}

/// A closing signature as reports print it: agency and/or date, on one line or two, or none.
fn signature() -> impl Strategy<Value = String> {
    let agency = prop::string::string_regex("[某市县区]{1,6}(局|委员会|人民政府|办公室)")
        .expect("regex")
        .boxed();
    let date = prop_oneof![
        (2022u32..2027, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}年{m}月{d}日")),
        Just("二〇二五年一月二十日".to_string()),
        Just("2025 年 1 月 20 日".to_string()),
    ]
    .boxed();
    prop_oneof![
        Just(String::new()),
        (agency.clone(), date.clone()).prop_map(|(a, d)| format!("{a}\n{d}")),
        (agency.clone(), date.clone()).prop_map(|(a, d)| format!("{a} {d}")),
        agency,
        date,
    ]
}

fn cell_value() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        6 => (0u32..5000).prop_map(|n| Some(n.to_string())),
        1 => (0u32..100000, 1u32..9999).prop_map(|(a, b)| Some(format!("{a}.{b}"))),
        1 => prop_oneof![Just("-3"), Just("12a"), Just("1.5")].prop_map(|s| Some(s.to_string())),
    ]
}

fn draft() -> impl Strategy<Value = Draft> {
    let cells = format().cells();
    let n = cells.len();
    (
        prop::string::string_regex("[某市县区局委办公室0-9]{1,12}").expect("regex"),
        2021i32..=2026,
        prop::collection::vec(section_text(), 6),
        prop::collection::vec(cell_value(), n),
        any::<bool>(),
        (section_text(), signature()),
    )
        .prop_map(
            move |(agency, year, texts, values, gov, (preamble, signature))| {
                let f = format();
                let now = DateTime::parse_from_rfc3339("2026-06-01T09:00:00+08:00").expect("now");
                let kind = if gov {
                    AgencyKind::Government
                } else {
                    AgencyKind::Department
                };
                let mut d = Draft::new("p", f, &agency, kind, year, now);
                for (s, t) in f.sections.iter().zip(&texts) {
                    d.set_section_text(&s.id, t);
                }
                d.set_section_text("preamble", &preamble);
                d.set_section_text("signature", &signature);
                for (c, v) in cells.iter().zip(values) {
                    if let Some(v) = v {
                        d.set_cell(f, c, &v);
                    }
                }
                d
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn export_import_export_is_identical(d in draft(), width in 30usize..160, tsv in any::<bool>()) {
        let opts = Options { style: if tsv { TableStyle::Tsv } else { TableStyle::Grid }, width };
        let first = export(&d, opts);
        let import_opts = ImportOptions {
            id: "back".into(),
            agency: None,
            year: None,
            kind: Some(d.agency_kind),
            now: d.created,
        };
        let back = import_text(format(), &first, "UTF-8", &import_opts);
        prop_assert!(back.report.unplaced.is_empty(), "unplaced: {:?}\n{}", back.report.unplaced, first);
        let second = export(&back.draft, opts);
        prop_assert_eq!(&first, &second);
    }
}
