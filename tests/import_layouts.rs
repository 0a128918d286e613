//! One correct report (tests/fixtures/complete-2024.txt) written in every layout reports are
//! published in imports to the same draft; and no input, however broken, panics the importer.

use nianbao::draft::Draft;
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
        kind: None,
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
                    .map(|(i, x)| match (*x, i % 4) {
                        ("0", 0) => "—",
                        ("0", 1) => "/",
                        ("0", 2) => "无",
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
        (
            "shortened and renumbered labels",
            relayout(|c| {
                let label = c[0]
                    .replacen("属于", "", 1)
                    .replace("（一）予以公开", "一、予以公开")
                    .replace(
                        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                        "(二)部分公开",
                    )
                    .replace("1.本机关不掌握相关政府信息", "1.本机关不掌握");
                let mut cells = vec![label.as_str()];
                cells.extend(&c[1..]);
                cells.join("\t")
            }),
        ),
        (
            "units and thousands separators",
            relayout(|c| {
                c.iter()
                    .map(|x| match *x {
                        "3001" => "3,001".to_string(),
                        "3119" => "3,119".to_string(),
                        "12.35" => "12.35万元".to_string(),
                        _ => x.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("\t")
            }),
        ),
        (
            "PDF text: numbers before wrapped labels, merged cells in fragments, footers",
            relayout(|c| {
                let nums: Vec<&str> = c[1..].iter().copied().filter(|x| !x.is_empty()).collect();
                match c[0] {
                    "1.属于国家秘密" => format!("{}\n三\n1.属于国家秘密", nums.join(" ")),
                    "2.其他法律行政法规禁止公开" => {
                        format!("本 2.其他法律行政法规禁止公开 {}", nums.join(" "))
                    }
                    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" =>
                    {
                        format!(
                            "（二）部分公开（区分处理的，只计这一情\n{}\n形，不计其他情形）",
                            nums.join(" ")
                        )
                    }
                    "（三）不予公开" => "（三）不\n- 4 -\n予公开".to_string(),
                    _ => format!("{} {}", c[0], nums.join(" ")).trim().to_string(),
                }
            }),
        ),
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

/// Web text as a crawler stores it: the whole report on one line, no separator between
/// cells. Every number placed must be the right one; a row whose digits allow more than one
/// reading is left blank and reported, never guessed.
#[test]
fn glued_web_text_places_only_numbers_it_can_prove() {
    let reference = import(&fixture());
    let glued: String = fixture()
        .lines()
        .map(|l| {
            if l.contains('\t') {
                l.split('\t').collect::<String>()
            } else {
                format!("{l} ")
            }
        })
        .collect();
    let out = import_text(format(), &glued, "UTF-8", &opts());
    let mut placed = 0;
    for (key, value) in &out.draft.cells {
        assert_eq!(reference.cells.get(key), Some(value), "{key}");
        placed += 1;
    }
    let reported: Vec<String> = out
        .report
        .problems
        .iter()
        .filter(|p| p.code == "import.ambiguous-digits" || p.code == "import.unsplittable-digits")
        .filter_map(|p| p.location.row.clone())
        .collect();
    for key in reference.cells.keys() {
        if !out.draft.cells.contains_key(key) {
            let row = key.split('.').nth(1).unwrap_or("");
            assert!(
                reported.iter().any(|r| r == row),
                "{key} blank but not reported"
            );
        }
    }
    // Most of the table is provable from its own totals.
    assert!(placed > 120, "{placed}: {reported:?}");
}

/// The tables as the official form draws them on a web page: merged header cells over two
/// and three levels, group labels spanning their sub-rows, values spanning unused columns.
fn official_html(d: &Draft) -> String {
    let f = format();
    let v = |t: &str, r: &str, c: &str| {
        let key = format!("{t}.{r}.{c}");
        d.cells.get(key.as_str()).cloned().unwrap_or_else(|| {
            // Totals are computed; the page prints them.
            let e = nianbao::rules::evaluate(
                f,
                d,
                nianbao::rules::Stage::Final,
                chrono::NaiveDate::from_ymd_opt(2026, 1, 10).expect("date"),
            );
            e.display(&nianbao::format::CellRef::new(t, r, c))
                .unwrap_or_default()
        })
    };
    let tds = |t: &str, r: &str, cols: &[&str]| -> String {
        cols.iter()
            .map(|c| format!("<td>{}</td>", v(t, r, c)))
            .collect()
    };
    let mut h = String::from(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>\n",
    );
    h.push_str(&format!(
        "<h1>{}{}年政府信息公开工作年度报告</h1>\n",
        d.agency, d.year
    ));
    for s in &f.sections {
        h.push_str(&format!("<p><strong>{}</strong></p>\n", s.heading));
        for para in d.section_text(&s.id).split('\n') {
            h.push_str(&format!("<p>{para}</p>\n"));
        }
        match s.table.as_deref() {
            Some("t2") => {
                h.push_str("<table>");
                for (caption, head, rows, cols) in [
                    (
                        "第二十条第（一）项",
                        "<td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td>",
                        vec![
                            ("regulations", "规章"),
                            ("normative_docs", "行政规范性文件"),
                        ],
                        vec!["issued", "repealed", "in_force"],
                    ),
                    (
                        "第二十条第（五）项",
                        "<td colspan=\"3\">本年处理决定数量</td>",
                        vec![("licensing", "行政许可")],
                        vec!["decisions"],
                    ),
                    (
                        "第二十条第（六）项",
                        "<td colspan=\"3\">本年处理决定数量</td>",
                        vec![("penalty", "行政处罚"), ("enforcement", "行政强制")],
                        vec!["decisions"],
                    ),
                    (
                        "第二十条第（八）项",
                        "<td colspan=\"3\">本年收费金额（单位：万元）</td>",
                        vec![("fees", "行政事业性收费")],
                        vec!["fee_amount"],
                    ),
                ] {
                    h.push_str(&format!(
                        "<tr><td colspan=\"4\">{caption}</td></tr><tr><td>信息内容</td>{head}</tr>"
                    ));
                    for (id, label) in rows {
                        let span = if cols.len() == 1 {
                            " colspan=\"3\""
                        } else {
                            ""
                        };
                        let cells: String = cols
                            .iter()
                            .map(|c| format!("<td{span}>{}</td>", v("t2", id, c)))
                            .collect();
                        h.push_str(&format!("<tr><td>{label}</td>{cells}</tr>"));
                    }
                }
                h.push_str("</table>\n");
            }
            Some("t3") => {
                let cols = [
                    "natural",
                    "commercial",
                    "research",
                    "nonprofit",
                    "legal_service",
                    "other",
                    "total",
                ];
                h.push_str("<table><tr><td colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>");
                h.push_str("<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>");
                h.push_str("<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>");
                let block = &f.table("t3").expect("t3").blocks[0];
                for top in &block.rows {
                    if top.children.is_empty() {
                        h.push_str(&format!(
                            "<tr><td colspan=\"3\">{}</td>{}</tr>",
                            top.label,
                            tds("t3", &top.id, &cols)
                        ));
                        continue;
                    }
                    let mut first = format!("<td rowspan=\"22\">{}</td>", top.label);
                    for mid in &top.children {
                        if mid.children.is_empty() {
                            h.push_str(&format!(
                                "<tr>{first}<td colspan=\"2\">{}</td>{}</tr>",
                                mid.label,
                                tds("t3", &mid.id, &cols)
                            ));
                            first.clear();
                            continue;
                        }
                        let mut group =
                            format!("<td rowspan=\"{}\">{}</td>", mid.children.len(), mid.label);
                        for leaf in &mid.children {
                            h.push_str(&format!(
                                "<tr>{first}{group}<td>{}</td>{}</tr>",
                                leaf.label,
                                tds("t3", &leaf.id, &cols)
                            ));
                            first.clear();
                            group.clear();
                        }
                    }
                }
                h.push_str("</table>\n");
            }
            Some("t4") => {
                let cols = [
                    "review_upheld",
                    "review_corrected",
                    "review_other",
                    "review_pending",
                    "review_total",
                    "direct_upheld",
                    "direct_corrected",
                    "direct_other",
                    "direct_pending",
                    "direct_total",
                    "after_upheld",
                    "after_corrected",
                    "after_other",
                    "after_pending",
                    "after_total",
                ];
                let four = "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>";
                h.push_str("<table><tr><td colspan=\"5\" rowspan=\"2\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>");
                h.push_str("<tr><td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>");
                h.push_str(&format!("<tr>{four}{four}{four}</tr>"));
                h.push_str(&format!("<tr>{}</tr></table>\n", tds("t4", "cases", &cols)));
            }
            _ => {}
        }
    }
    h.push_str("</body></html>");
    h
}

#[test]
fn a_web_page_with_the_official_merged_cells_imports_like_the_text() {
    let reference = import(&fixture());
    let page = official_html(&reference);
    let gbk_page = page.replace("charset=utf-8", "charset=gbk");
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_page);
    for (name, bytes) in [
        ("utf-8", page.as_bytes().to_vec()),
        ("gbk", gbk.into_owned()),
    ] {
        let (text, enc) = decode(&bytes).expect(name);
        let out = import_text(format(), &text, enc, &opts());
        assert_eq!(out.draft.cells, reference.cells, "{name}");
        // Paragraphs, without the blank lines between them.
        let paragraphs = |d: &Draft| -> Vec<String> {
            d.sections
                .values()
                .flat_map(|t| t.lines().filter(|l| !l.is_empty()).map(str::to_string))
                .collect()
        };
        assert_eq!(paragraphs(&out.draft), paragraphs(&reference), "{name}");
        assert!(
            out.report.unplaced.is_empty(),
            "{name}: {:?}",
            out.report.unplaced
        );
        assert!(
            out.report.encoding.contains("HTML"),
            "{}",
            out.report.encoding
        );
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

    /// Web pages with tables of any shape (spans overlapping, unclosed cells) never panic.
    #[test]
    fn arbitrary_tables_never_panic(parts in prop::collection::vec(prop_oneof![
        Just("<tr>".to_string()),
        Just("</tr>".to_string()),
        Just("</td>".to_string()),
        Just("<table>".to_string()),
        Just("</table>".to_string()),
        Just("<p>三、收到和处理政府信息公开申请情况</p>".to_string()),
        (0u32..300, 0u32..300).prop_map(|(r, c)| format!("<td rowspan=\"{r}\" colspan=\"{c}\">")),
        "[0-9]{1,4}",
        "[（一）予以公开总计合、.1-3]{0,5}",
    ], 0..40)) {
        let page = format!("<html><body>{}</body></html>", parts.concat());
        let _ = import_text(format(), &page, "UTF-8", &opts());
    }

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

/// A large, repetitive file (many copies of a report glued together) is read in bounded time:
/// nothing here is quadratic in the length of a line.
#[test]
fn a_large_glued_file_is_read() {
    let one: String = fixture()
        .lines()
        .map(|l| l.split('\t').collect::<String>() + " ")
        .collect();
    let many = one.repeat(40);
    let out = import_text(format(), &many, "UTF-8", &opts());
    assert!(out.report.sections.iter().all(|s| s.line.is_some()));
    let long_word = "1.".repeat(20_000);
    let _ = import_text(
        format(),
        &format!("三、收到和处理政府信息公开申请情况\n{long_word}"),
        "UTF-8",
        &opts(),
    );
}

fn import_report(text: &str) -> nianbao::import::ImportOutcome {
    import_text(format(), text, "UTF-8", &opts())
}

fn codes(out: &nianbao::import::ImportOutcome) -> Vec<String> {
    out.report.problems.iter().map(|p| p.code.clone()).collect()
}

/// A PDF/OCR converter's Markdown of the real 淮安市 2024 report: `#`/`###`/`**…**` headings,
/// a bold title with trailing spaces and without 工作, generic header rows (`| 类别 | 数据1 |`),
/// table 三 split at two page breaks (header repeated once, not the second time), table 四
/// under a generic header, section 五 headed `…及整改措施`.
fn ocr_markdown() -> String {
    std::fs::read_to_string("tests/fixtures/import/ocr-huaian-2024.md").expect("fixture")
}

#[test]
fn an_ocr_markdown_conversion_imports_every_cell() {
    let out = import_report(&ocr_markdown());
    let d = &out.draft;
    assert_eq!((d.agency.as_str(), d.year), ("淮安市人民政府", 2024));
    assert_eq!(out.report.year_source.as_deref(), Some("title"));
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/fixtures/import/huaian-2024.cells.json").expect("cells"),
    )
    .expect("json");
    let got = serde_json::to_value(d).expect("draft");
    let want = want["cells"].as_object().expect("cells");
    assert!(want.len() > 150);
    let wrong: Vec<String> = want
        .iter()
        .filter(|(k, v)| got["cells"].get(k.as_str()) != Some(v))
        .map(|(k, v)| format!("{k}: want {v}, got {:?}", got["cells"].get(k.as_str())))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Only the preamble's reminder: no unplaced header row, no missing section 五.
    assert_eq!(
        codes(&out),
        ["import.preamble"],
        "{:#?}",
        out.report.problems
    );
    assert!(out.report.unplaced.is_empty(), "{:#?}", out.report.unplaced);
    assert!(
        out.report.ignored.iter().any(|u| u.text.contains("数据1")),
        "header rows are listed as skipped"
    );
    assert!(d.section_text("s1").starts_with("2024"), "no `**` left");
    assert!(!d.section_text("s4").contains("存在的主要问题"));
}

#[test]
fn a_pipe_row_with_a_dropped_cell_is_left_blank_and_names_its_numbers() {
    let text = ocr_markdown()
        .replace(
            "| 二、上年结转政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34 |",
            "| 二、上年结转政府信息公开申请数量 | 34 | 0 | 34 |",
        )
        .replace(
            "| 3.补正后申请内容仍不明确 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            "| 3.补正后申请内容仍不明确 | 1 | 0 | 0 | 0 | 0 | 1 |",
        );
    let out = import_report(&text);
    for row in ["carried", "unavailable_unclear"] {
        for col in ["natural", "commercial", "research", "other", "total"] {
            let cell = nianbao::format::CellRef::new("t3", row, col);
            assert_eq!(out.draft.cell(&cell), None, "{row}.{col} must stay blank");
        }
    }
    let short: Vec<&str> = out
        .report
        .problems
        .iter()
        .filter(|p| p.code == "import.too-few-values")
        .map(|p| p.message.zh.as_str())
        .collect();
    assert_eq!(short.len(), 2, "{short:#?}");
    assert!(short[0].contains("二、上年结转") && short[0].contains("（34 0 34）"));
    assert!(short[1].contains("（1 0 0 0 0 1）"));
}

#[test]
fn sections_numbered_otherwise_are_found_by_their_words_and_reported() {
    let text = fixture()
        .replace("五、存在的主要问题及改进情况", "存在的主要问题及整改情况")
        .replace("六、其他需要报告的事项", "五、其他需要报告的事项");
    assert!(text.contains("五、其他需要报告的事项"));
    let out = import_report(&text);
    let d = import(&fixture());
    assert_eq!(out.draft.section_text("s4"), d.section_text("s4"));
    assert_eq!(out.draft.section_text("s5"), d.section_text("s5"));
    assert_eq!(out.draft.section_text("s6"), d.section_text("s6"));
    let renumbered: Vec<&str> = out
        .report
        .problems
        .iter()
        .filter(|p| p.code == "import.heading-numbering")
        .map(|p| p.message.zh.as_str())
        .collect();
    assert_eq!(renumbered.len(), 2, "{renumbered:#?}");
    assert!(renumbered[0].contains("“存在的主要问题及整改情况”"));
    assert!(renumbered[0].contains("“五、存在的主要问题及改进情况”"));
    assert!(renumbered[1].contains("“五、其他需要报告的事项”"));
    assert!(!codes(&out).iter().any(|c| c == "import.missing-section"));
}

#[test]
fn section_five_headed_with_rectification_words_is_section_five() {
    for printed in [
        "五、存在的主要问题及整改措施",
        "五、存在的主要问题及整改情况",
    ] {
        let text = fixture().replace("五、存在的主要问题及改进情况", printed);
        let out = import_report(&text);
        assert!(
            !codes(&out).iter().any(|c| c == "import.missing-section"),
            "{printed}"
        );
        assert_eq!(
            out.draft.section_text("s5"),
            import(&fixture()).section_text("s5")
        );
    }
}

#[test]
fn title_variants_and_where_the_year_came_from() {
    let body: String = fixture().split_once('\n').expect("title").1.to_string();
    for title in [
        "淮河市生态环境局2024年度政府信息公开年度报告",
        "淮河市生态环境局2024年度政府信息公开工作年度报告",
        "标题：淮河市生态环境局2024年政府信息公开工作年度报告",
        "名称：淮河市生态环境局2024年政府信息公开工作年度报告",
        "# 淮河市生态环境局2024年政府信息公开工作年度报告",
        "**淮河市生态环境局2024年政府信息公开工作年度报告**\\  ",
    ] {
        let out = import_report(&format!("{title}\n{body}"));
        assert_eq!(
            (out.draft.agency.as_str(), out.draft.year),
            ("淮河市生态环境局", 2024),
            "{title}"
        );
        assert_eq!(out.report.year_source.as_deref(), Some("title"));
    }
    // No year in the title: the statistics period, said in the report with its sentence.
    let text = format!(
        "淮河市生态环境局政府信息公开工作年度报告\n本报告所列数据统计期限自2024年1月1日至2024年12月31日。\n{body}"
    );
    let out = import_report(&text);
    assert_eq!(
        (out.draft.agency.as_str(), out.draft.year),
        ("淮河市生态环境局", 2024)
    );
    assert_eq!(out.report.year_source.as_deref(), Some("period"));
    let said: Vec<&str> = out
        .report
        .problems
        .iter()
        .filter(|p| p.code == "import.year-source")
        .map(|p| p.message.zh.as_str())
        .collect();
    assert_eq!(said.len(), 1);
    assert!(
        said[0].contains("统计期限") && said[0].contains("2024"),
        "{}",
        said[0]
    );
    // Neither: the closing date minus one.
    let signed = format!(
        "淮河市生态环境局政府信息公开工作年度报告\n{body}\n淮河市生态环境局\n2025年1月20日\n"
    );
    let out = import_report(&signed);
    assert_eq!(out.draft.agency, "淮河市生态环境局");
    assert_eq!(out.draft.year, 2024);
    assert_eq!(out.report.year_source.as_deref(), Some("published"));
    let said: Vec<&str> = out
        .report
        .problems
        .iter()
        .filter(|p| p.code == "import.year-source")
        .map(|p| p.message.zh.as_str())
        .collect();
    assert_eq!(said.len(), 1);
    assert!(
        said[0].contains("落款日期") && said[0].contains("2025年1月20日"),
        "{}",
        said[0]
    );
}

#[test]
fn the_kind_is_read_from_the_name_or_said_to_be_assumed() {
    use nianbao::draft::AgencyKind;
    let body: String = fixture().split_once('\n').expect("title").1.to_string();
    for (agency, kind, noted) in [
        ("淮安市人民政府", AgencyKind::Government, false),
        ("某某经济开发区管理委员会", AgencyKind::Government, false),
        ("某某高新区管委会", AgencyKind::Government, false),
        ("淮河市生态环境局", AgencyKind::Department, false),
        ("平潭综合实验区", AgencyKind::Department, true),
    ] {
        let out = import_report(&format!("{agency}2024年政府信息公开工作年度报告\n{body}"));
        assert_eq!(out.draft.agency_kind, kind, "{agency}");
        let note = out
            .report
            .problems
            .iter()
            .find(|p| p.code == "import.kind-assumed");
        assert_eq!(note.is_some(), noted, "{agency}");
        if let Some(n) = note {
            assert!(
                n.message.zh.contains("--kind government"),
                "{}",
                n.message.zh
            );
        }
    }
}

/// Web text of the real 平潭 2022 report, cut to what matters: table 二 with
/// `行政规范性文件8855698` (88 55 698 by the published page) and the sentences that state two
/// of its cells.
const GLUED_T2: &str = "平潭综合实验区2022年度政府信息公开工作年度报告\n 一、总体情况 集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。 二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件8855698第二十条第（五）项信息内容本年处理决定数量行政许可10690 三、收到和处理政府信息公开申请情况";

#[test]
fn the_text_chooses_between_splits_the_table_leaves_open() {
    use nianbao::format::CellRef;
    let out = import_report(GLUED_T2);
    let cell = |c: &str| {
        out.draft
            .cell(&CellRef::new("t2", "normative_docs", c))
            .map(str::to_string)
    };
    assert_eq!(
        (cell("issued"), cell("repealed"), cell("in_force")),
        (Some("88".into()), Some("55".into()), Some("698".into()))
    );
    let said: Vec<&str> = out
        .report
        .problems
        .iter()
        .filter(|p| p.code == "import.narrative-split")
        .map(|p| p.message.zh.as_str())
        .collect();
    assert_eq!(said.len(), 1, "{:#?}", out.report.problems);
    assert!(said[0].contains("制发的规范性文件88件") && said[0].contains("698件"));
    assert!(!codes(&out).iter().any(|c| c == "import.ambiguous-digits"));

    // A sentence that agrees with no split is no witness: the row stays blank.
    let wrong = GLUED_T2.replace("现行有效行政规范性文件698件", "现行有效行政规范性文件393件");
    let out = import_report(&wrong);
    assert_eq!(
        out.draft
            .cell(&CellRef::new("t2", "normative_docs", "issued")),
        None
    );
    assert!(codes(&out).iter().any(|c| c == "import.ambiguous-digits"));
    // One that leaves several splits (only 制发 stated) settles nothing either.
    let partial = GLUED_T2.replace("集中公开现行有效行政规范性文件698件，", "");
    let out = import_report(&partial);
    assert_eq!(
        out.draft
            .cell(&CellRef::new("t2", "normative_docs", "in_force")),
        None
    );
}

#[test]
fn a_pipe_row_of_zeros_missing_one_cell_is_zero_where_the_rows_sums_prove_it() {
    use nianbao::format::CellRef;
    let text = ocr_markdown()
        .replace(
            "| 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 |",
        )
        .replace("| 规章 | 1 | 0 | 11 |", "| 规章 | 0 | 0 |");
    let out = import_report(&text);
    // 表三's columns add up to its total: the dropped cell, whichever, is 0.
    for col in [
        "natural",
        "commercial",
        "research",
        "nonprofit",
        "legal_service",
        "other",
    ] {
        let c = CellRef::new("t3", "declined_publication", col);
        assert_eq!(out.draft.cell(&c), Some("0"), "{col}");
    }
    // 表二's 规章 has no equation: which cell was dropped cannot be told.
    for col in ["issued", "repealed", "in_force"] {
        let c = CellRef::new("t2", "regulations", col);
        assert_eq!(out.draft.cell(&c), None, "{col}");
    }
    let short: Vec<&str> = out
        .report
        .problems
        .iter()
        .filter(|p| p.code == "import.too-few-values")
        .map(|p| p.message.zh.as_str())
        .collect();
    assert_eq!(short.len(), 1, "{short:#?}");
    assert!(short[0].contains("规章") && short[0].contains("（0 0）"));
}
