//! One correct report (tests/fixtures/complete-2024.txt) written in every layout reports are
//! published in imports to the same draft; and no input, however broken, panics the importer.

use nianbao::draft::{AgencyKind, Draft};
use nianbao::format::Format;
use nianbao::import::{ImportOptions, decode, import_text};
use proptest::prelude::*;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn opts() -> ImportOptions {
    ImportOptions {
        id: "layout".into(),
        agency: None,
        year: None,
        kind: AgencyKind::Department,
        now: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now"),
    }
}

fn fixture() -> String {
    std::fs::read_to_string("tests/fixtures/complete-2024.txt").expect("fixture")
}

fn import(text: &str) -> Draft {
    import_text(format(), text, "UTF-8", &opts()).draft
}

/// Rewrites every tab-separated line of the fixture with `row`.
fn relayout(row: impl Fn(&[&str]) -> String) -> String {
    fixture()
        .lines()
        .map(|l| {
            if l.contains('\t') {
                row(&l.split('\t').collect::<Vec<_>>())
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn non_empty(cells: &[&str]) -> Vec<String> {
    cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| c.to_string())
        .collect()
}

fn layouts() -> Vec<(&'static str, String)> {
    vec![
        ("spaces", relayout(|c| non_empty(c).join("  "))),
        ("single spaces", relayout(|c| non_empty(c).join(" "))),
        (
            "full-width spaces",
            relayout(|c| non_empty(c).join("\u{3000}")),
        ),
        ("one cell per line", relayout(|c| non_empty(c).join("\n"))),
        (
            "markdown pipes",
            relayout(|c| format!("| {} |", c.join(" | "))),
        ),
        (
            "markdown with separator rows",
            relayout(|c| {
                let sep = vec!["---"; c.len()].join("|");
                format!("|{}|\n|{sep}|", c.join("|"))
            }),
        ),
        (
            "zero spellings",
            relayout(|c| {
                c.iter()
                    .enumerate()
                    .map(|(i, x)| match (*x, i % 3) {
                        ("0", 0) => "—",
                        ("0", 1) => "/",
                        ("0", _) => "-",
                        _ => x,
                    })
                    .collect::<Vec<_>>()
                    .join("\t")
            }),
        ),
        (
            "full-width digits",
            relayout(|c| {
                c.iter()
                    .map(|x| {
                        x.chars()
                            .map(|ch| match ch {
                                '0'..='9' => char::from_u32(ch as u32 + 0xFEE0).unwrap_or(ch),
                                _ => ch,
                            })
                            .collect::<String>()
                    })
                    .collect::<Vec<_>>()
                    .join("\t")
            }),
        ),
        (
            "header split over lines",
            relayout(|c| {
                if c.first() == Some(&"") && c.contains(&"自然人") {
                    "自然人 商业 科研 社会公益 法律服务 其他 总计\n企业 机构 组织 机构".to_string()
                } else {
                    c.join("\t")
                }
            }),
        ),
        (
            "merged header repeated",
            relayout(|c| {
                if c.contains(&"法人或其他组织") {
                    ["法人或其他组织"; 5].join("\t")
                } else {
                    c.join("\t")
                }
            }),
        ),
        ("CRLF", fixture().replace('\n', "\r\n")),
        ("CR", fixture().replace('\n', "\r")),
        ("html", html()),
    ]
}

/// The fixture as a web page: paragraphs, and tables with the official merged cells.
fn html() -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>\n",
    );
    let text = fixture();
    let mut in_table = false;
    for line in text.lines() {
        if line.contains('\t') {
            if !in_table {
                out.push_str("<table border=\"1\">\n");
                in_table = true;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            let label = cells[0];
            let rest = &cells[1..];
            out.push_str("<tr>");
            if rest.iter().all(|c| c.is_empty()) && !label.is_empty() {
                // A group label spans the row-label column of its sub-rows.
                let span = if label.starts_with("三、") { 22 } else { 1 };
                out.push_str(&format!(
                    "<td rowspan=\"{span}\" colspan=\"1\">{label}</td>"
                ));
            } else {
                out.push_str(&format!("<td>{label}</td>"));
                for c in rest {
                    out.push_str(&format!("<td>{c}</td>"));
                }
            }
            out.push_str("</tr>\n");
        } else {
            if in_table {
                out.push_str("</table>\n");
                in_table = false;
            }
            if !line.is_empty() {
                out.push_str(&format!("<p>{line}</p>\n"));
            }
        }
    }
    if in_table {
        out.push_str("</table>\n");
    }
    out.push_str("</body></html>\n");
    out
}

#[test]
fn every_layout_imports_to_the_same_draft() {
    let reference = import(&fixture());
    assert!(reference.cells.len() > 150, "{}", reference.cells.len());
    for (name, text) in layouts() {
        let got = import(&text);
        assert_eq!(got.cells, reference.cells, "layout: {name}\n{text}");
        assert_eq!(
            (got.agency.as_str(), got.year),
            (reference.agency.as_str(), reference.year),
            "{name}"
        );
        if name != "html" && name != "one cell per line" {
            assert_eq!(got.sections, reference.sections, "{name}");
        }
    }
}

#[test]
fn gbk_and_utf16_copies_import_like_utf8() {
    let text = fixture();
    let reference = import(&text);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut utf16be = vec![0xFE, 0xFF];
    utf16be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
    for (name, bytes) in [
        ("gbk", gbk.into_owned()),
        ("utf-16le", utf16),
        ("utf-16be", utf16be),
    ] {
        let (decoded, enc) = decode(&bytes).expect(name);
        let out = import_text(format(), &decoded, enc, &opts());
        assert_eq!(out.draft.cells, reference.cells, "{name}");
        assert_eq!(out.draft.sections, reference.sections, "{name}");
        assert_eq!(out.report.encoding, enc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary bytes through decode and import never panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Some((text, enc)) = decode(&bytes) {
            let _ = import_text(format(), &text, enc, &opts());
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Text made of the pieces reports are made of, in any order, never panics (fewer cases:
    /// each one exercises the whole table reader).
    #[test]
    fn report_like_text_never_panics(parts in prop::collection::vec(prop_oneof![
        Just("一、总体情况".to_string()),
        Just("三、收到和处理政府信息公开申请情况".to_string()),
        Just("四、政府信息公开行政复议、行政诉讼情况".to_string()),
        Just("（三）不予公开".to_string()),
        Just("1.属于国家秘密".to_string()),
        Just("（七）总计".to_string()),
        Just("<table><tr><td rowspan=\"3\">".to_string()),
        Just("\t".to_string()),
        Just("|".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        Just("- 3 -".to_string()),
        "[0-9]{1,12}",
        "[一二三四、（）.0-9总计合]{0,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ], 0..30)) {
        let text: String = parts.concat();
        let _ = import_text(format(), &text, "UTF-8", &opts());
    }
}
