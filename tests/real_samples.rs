//! Every real published report in `../shared/samples/real/` imports with every table cell in
//! the right place (values from the folder's INDEX.md) and checks with exactly the problems it
//! has.

use nianbao::format::CellRef;
use nianbao::format::Format;
use nianbao::import::{ImportOptions, decode, import_text};
use nianbao::rules::{Stage, evaluate};
use std::path::Path;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn opts() -> ImportOptions {
    ImportOptions {
        id: "real".into(),
        agency: None,
        year: None,
        kind: None,
        now: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now"),
    }
}

fn sample(name: &str) -> Option<String> {
    let path = Path::new("../shared/samples/real").join(name);
    match std::fs::read(&path) {
        Ok(bytes) => decode(&bytes).map(|(t, _)| t),
        Err(_) => {
            eprintln!("skipped: {} not found", path.display());
            None
        }
    }
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 10).expect("date")
}

/// Section 三's rows in INDEX.md order; `(六)` is the single row printed by 02 and 03.
const T3_ROWS: [&str; 25] = [
    "new",
    "carried",
    "granted",
    "partial",
    "withheld_secret",
    "withheld_prohibited",
    "withheld_security",
    "withheld_third_party",
    "withheld_internal",
    "withheld_process",
    "withheld_enforcement",
    "withheld_inquiry",
    "unavailable_not_held",
    "unavailable_to_create",
    "unavailable_unclear",
    "declined_petition",
    "declined_repeat",
    "declined_publication",
    "declined_mass",
    "declined_confirm",
    "other_no_correction",
    "other_unpaid",
    "other_other",
    "total",
    "carry_next",
];
const T3_COLS: [&str; 7] = [
    "natural",
    "commercial",
    "research",
    "nonprofit",
    "legal_service",
    "other",
    "total",
];
const T4_COLS: [&str; 15] = [
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
const T2_CELLS: [(&str, &str); 10] = [
    ("regulations", "issued"),
    ("regulations", "repealed"),
    ("regulations", "in_force"),
    ("normative_docs", "issued"),
    ("normative_docs", "repealed"),
    ("normative_docs", "in_force"),
    ("licensing", "decisions"),
    ("penalty", "decisions"),
    ("enforcement", "decisions"),
    ("fees", "fee_amount"),
];

struct Expected {
    file: &'static str,
    agency: &'static str,
    year: i32,
    government: bool,
    /// Section 二 as printed; `_` where glued digits cannot be told apart (reported).
    t2: &'static str,
    /// Section 三, one INDEX.md row per entry; `_` for a blank cell.
    t3: [&'static str; 25],
    /// The single （六）其他处理 row of 02/03, printed instead of its three sub-rows.
    other_handling: Option<&'static str>,
    t4: &'static str,
    /// `code location` of every problem `check` must report, in any order.
    problems: &'static [&'static str],
    /// Paragraphs of each section with text after re-flow: a PDF's line ends are no
    /// paragraphs (web text 04–07 arrives with the whole report on one or two lines).
    paragraphs: &'static [(&'static str, usize)],
}

const ZERO: &str = "0 0 0 0 0 0 0";
const BLANK: &str = "_ _ _ _ _ _ _";

fn expected() -> Vec<Expected> {
    vec![
        Expected {
            file: "01-huaianshi-2024.txt",
            agency: "淮安市人民政府",
            year: 2024,
            government: true,
            t2: "1 0 11 8 26 66 447228 3985758 88283 96171.6",
            t3: [
                "3001 53 0 0 61 4 3119",
                "34 0 0 0 0 0 34",
                "1288 21 0 0 50 3 1362",
                "447 7 0 0 0 0 454",
                "2 0 0 0 0 0 2",
                "30 1 0 0 0 0 31",
                "5 0 0 0 0 0 5",
                "6 0 0 0 0 0 6",
                "7 1 0 0 0 0 8",
                "12 0 0 0 0 0 12",
                "9 0 0 0 0 0 9",
                "105 0 0 0 0 0 105",
                "746 12 0 0 10 1 769",
                "11 0 0 0 0 0 11",
                "1 0 0 0 0 0 1",
                "56 6 0 0 0 0 62",
                "25 0 0 0 0 0 25",
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                "67 3 0 0 1 0 71",
                "6 0 0 0 0 0 6",
                "108 2 0 0 0 0 110",
                "2932 53 0 0 61 4 3050",
                "103 0 0 0 0 0 103",
            ],
            other_handling: None,
            t4: "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20",
            problems: &["import.preamble 第 3 行"],
            paragraphs: &[("s1", 6), ("s5", 2), ("s6", 1)],
        },
        Expected {
            file: "02-hongzequ-2023.txt",
            agency: "洪泽区人民政府",
            year: 2023,
            government: true,
            t2: "0 0 0 0 5 5 550 4119 195 7730.28",
            t3: [
                "21 0 0 0 0 0 21",
                ZERO,
                ZERO,
                "4 0 0 0 0 0 4",
                "1 0 0 0 0 0 1",
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                "1 0 0 0 0 0 1",
                ZERO,
                "10 0 0 0 0 0 10",
                "3 0 0 0 0 0 3",
                ZERO,
                "1 0 0 0 0 0 1",
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                BLANK,
                BLANK,
                BLANK,
                "21 0 0 0 0 0 21",
                ZERO,
            ],
            other_handling: Some("0 0 0 0 0 0 0"),
            t4: "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0",
            // 行政复议 总计 printed 0 for 10+1+0+0; 复议后起诉 总计 printed 0 for 5+0+0+0.
            problems: &[
                "import.preamble 第 3 行",
                "import.label-variant 三、（三）不予公开 2.其他法律行政法规禁止公开",
                "import.single-row-group 三、（六）其他处理",
                "t4.group-total 四、行政复议 总计",
                "t4.group-total 四、行政诉讼 复议后起诉 总计",
            ],
            paragraphs: &[("s1", 7), ("s5", 1), ("s6", 1)],
        },
        Expected {
            file: "03-hongzequ-2024.txt",
            agency: "淮安市洪泽区人民政府",
            year: 2024,
            government: true,
            t2: "0 0 0 3 0 8 9487 2776 84 7545",
            t3: [
                "95 0 0 0 0 0 95",
                ZERO,
                "50 0 0 0 0 0 50",
                "9 0 0 0 0 0 9",
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                "1 0 0 0 0 0 1",
                ZERO,
                "31 0 0 0 0 0 31",
                "1 0 0 0 0 0 1",
                ZERO,
                "1 0 0 0 0 0 1",
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                BLANK,
                BLANK,
                BLANK,
                "95 0 0 0 0 0 95",
                ZERO,
            ],
            other_handling: Some("0 0 0 0 0 0 0"),
            t4: "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3",
            problems: &[
                "import.preamble 第 3 行",
                "import.label-variant 三、（三）不予公开 2.其他法律行政法规禁止公开",
                "import.single-row-group 三、（六）其他处理",
                // INDEX.md: the text says the office handled 17 applications, table 三 95.
                "text.numbers 一、总体情况",
            ],
            paragraphs: &[("s1", 6), ("s5", 2), ("s6", 1)],
        },
        Expected {
            file: "04-pingtan-2022.txt",
            agency: "平潭综合实验区",
            year: 2022,
            government: false,
            // 行政规范性文件 `8855698` = 88 55 698 (INDEX.md): the text says 制发…88件 and 现行有效…698件.
            t2: "0 0 0 88 55 698 10690 2113 0 9116.36",
            t3: [
                "71 3 0 0 0 0 74",
                "1 0 0 0 0 0 1",
                "21 0 0 0 0 0 21",
                "8 1 0 0 0 0 9",
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                "2 0 0 0 0 0 2",
                "1 0 0 0 0 0 1",
                ZERO,
                "37 0 0 0 0 0 37",
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                "2 0 0 0 0 0 2",
                ZERO,
                "0 2 0 0 0 0 2",
                "72 3 0 0 0 0 75",
                ZERO,
            ],
            other_handling: None,
            t4: "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0",
            // 行政规范性文件 `8855698`: no equation ties its three cells together; the text's
            // sentences (制发…88件, 现行有效…698件) choose the split, and the report says so.
            problems: &[
                // 平潭综合实验区: neither …人民政府 nor …管委会 in the name; the kind assumed is said.
                "import.kind-assumed ",
                "import.narrative-split 二、行政规范性文件",
                "import.preamble 第 2 行",
                "import.heading-variant 四、政府信息公开行政复议、行政诉讼情况",
            ],
            paragraphs: &[("s1", 1), ("s5", 1), ("s6", 1)],
        },
        Expected {
            file: "05-pingtan-2023.txt",
            agency: "平潭综合实验区",
            year: 2023,
            government: false,
            t2: "0 0 0 _ _ _ 2629 1330 54 5949.088667",
            t3: [
                "80 1 0 0 0 0 81",
                ZERO,
                "22 0 0 0 0 0 22",
                "19 1 0 0 0 0 20",
                ZERO,
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                ZERO,
                "1 0 0 0 0 0 1",
                "1 0 0 0 0 0 1",
                "2 0 0 0 0 0 2",
                "31 0 0 0 0 0 31",
                ZERO,
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                ZERO,
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                ZERO,
                "1 0 0 0 0 0 1",
                "80 1 0 0 0 0 81",
                ZERO,
            ],
            other_handling: None,
            t4: "1 1 0 0 2 4 0 0 1 5 1 0 1 0 2",
            // 5949.088667 万元 has six decimals; the format allows four.
            problems: &[
                // 平潭综合实验区: neither …人民政府 nor …管委会 in the name; the kind assumed is said.
                "import.kind-assumed ",
                "import.ambiguous-digits 二、行政规范性文件",
                "value.decimals 二、行政事业性收费 / 本年收费金额（单位：万元）",
                "import.preamble 第 2 行",
            ],
            paragraphs: &[("s1", 1), ("s5", 1), ("s6", 1)],
        },
        Expected {
            file: "06-pingtan-2021.txt",
            agency: "平潭综合实验区",
            year: 2021,
            government: false,
            t2: "0 0 0 _ _ _ 2293 1282 42 24252.311082",
            t3: [
                "64 0 0 2 0 4 70",
                ZERO,
                "27 0 0 2 0 1 30",
                "5 0 0 0 0 0 5",
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                ZERO,
                "6 0 0 0 0 0 6",
                "1 0 0 0 0 0 1",
                "22 0 0 0 0 3 25",
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                "63 0 0 2 0 4 69",
                "1 0 0 0 0 0 1",
            ],
            other_handling: None,
            t4: "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0",
            problems: &[
                // 平潭综合实验区: neither …人民政府 nor …管委会 in the name; the kind assumed is said.
                "import.kind-assumed ",
                "import.ambiguous-digits 二、行政规范性文件",
                "value.decimals 二、行政事业性收费 / 本年收费金额（单位：万元）",
                "import.preamble 第 2 行",
            ],
            paragraphs: &[("s1", 1), ("s5", 1), ("s6", 1)],
        },
        Expected {
            file: "07-pingtan-2024.txt",
            agency: "平潭综合实验区",
            year: 2024,
            government: false,
            t2: "0 0 0 _ _ _ 4529 1100 65 18651.06",
            t3: [
                "217 1 0 0 0 0 218",
                ZERO,
                "71 0 0 0 0 0 71",
                "29 0 0 0 0 0 29",
                "4 0 0 0 0 0 4",
                ZERO,
                ZERO,
                "3 0 0 0 0 0 3",
                "32 0 0 0 0 0 32",
                ZERO,
                ZERO,
                ZERO,
                "75 0 0 0 0 0 75",
                ZERO,
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                ZERO,
                ZERO,
                ZERO,
                "1 0 0 0 0 0 1",
                ZERO,
                "1 1 0 0 0 0 2",
                "217 1 0 0 0 0 218",
                ZERO,
            ],
            other_handling: None,
            t4: "2 1 3 1 7 0 0 0 0 0 13 2 4 0 19",
            problems: &[
                // 平潭综合实验区: neither …人民政府 nor …管委会 in the name; the kind assumed is said.
                "import.kind-assumed ",
                "import.ambiguous-digits 二、行政规范性文件",
                "import.preamble 第 2 行",
            ],
            paragraphs: &[("s1", 1), ("s5", 1), ("s6", 1)],
        },
    ]
}

#[test]
fn every_cell_of_every_real_sample_is_where_index_md_says() {
    for e in expected() {
        let Some(text) = sample(e.file) else { continue };
        let out = import_text(format(), &text, "UTF-8", &opts());
        let d = &out.draft;
        assert_eq!(
            (d.agency.as_str(), d.year),
            (e.agency, e.year),
            "{}",
            e.file
        );
        assert_eq!(
            d.agency_kind == nianbao::draft::AgencyKind::Government,
            e.government,
            "{}",
            e.file
        );
        let eval = evaluate(format(), d, Stage::Final, today());
        let shown = |t: &str, r: &str, c: &str| {
            eval.display(&CellRef::new(t, r, c))
                .unwrap_or_else(|| "_".to_string())
        };
        let t2: Vec<String> = T2_CELLS.iter().map(|(r, c)| shown("t2", r, c)).collect();
        assert_eq!(t2.join(" "), e.t2, "{} 表二", e.file);
        for (row, want) in T3_ROWS.iter().zip(e.t3) {
            let got: Vec<String> = T3_COLS.iter().map(|c| shown("t3", row, c)).collect();
            assert_eq!(got.join(" "), want, "{} 表三 {row}", e.file);
        }
        let six: Vec<String> = T3_COLS
            .iter()
            .map(|c| shown("t3", "other_handling", c))
            .collect();
        if let Some(want) = e.other_handling {
            assert_eq!(six.join(" "), want, "{} 表三 （六）", e.file);
        }
        let t4: Vec<String> = T4_COLS.iter().map(|c| shown("t4", "cases", c)).collect();
        assert_eq!(t4.join(" "), e.t4, "{} 表四", e.file);
        let paragraphs: Vec<(&str, usize)> = format()
            .sections
            .iter()
            .map(|s| {
                let n = d
                    .section_text(&s.id)
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .count();
                (s.id.as_str(), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        assert_eq!(
            paragraphs, e.paragraphs,
            "{} paragraphs after re-flow",
            e.file
        );
        for s in &format().sections {
            assert!(
                out.report
                    .sections
                    .iter()
                    .any(|f| f.id == s.id && f.line.is_some()),
                "{} {}",
                e.file,
                s.heading
            );
        }
    }
}

#[test]
fn check_reports_exactly_the_problems_each_real_sample_has() {
    for e in expected() {
        let Some(text) = sample(e.file) else { continue };
        let (_, diags) = nianbao::check::check_text(format(), &text, "UTF-8", &opts(), today());
        let mut got: Vec<String> = diags
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d.code,
                    d.location.describe(nianbao::i18n::Lang::Zh)
                )
            })
            .collect();
        let mut want: Vec<String> = e.problems.iter().map(|p| p.to_string()).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}", e.file);
    }
}

#[test]
fn a_group_printed_as_one_row_still_counts_towards_the_grand_total() {
    let Some(text) = sample("02-hongzequ-2023.txt") else {
        return;
    };
    // （六） now holds 2 requests and 一 two more, but （七）总计 only one more: off by one.
    let changed = text
        .replace(
            "（六）其他处理 0 0 0 0 0 0 0",
            "（六）其他处理 2 0 0 0 0 0 2",
        )
        .replace("（七）总计 21 0 0 0 0 0 21", "（七）总计 22 0 0 0 0 0 22")
        .replace(
            "一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21",
            "一、本年新收政府信息公开申请数量 22 0 0 0 0 0 22",
        );
    assert_ne!(changed, text);
    let (_, diags) = nianbao::check::check_text(format(), &changed, "UTF-8", &opts(), today());
    let totals: Vec<String> = diags
        .iter()
        .filter(|d| d.code == "t3.results-total")
        .map(|d| {
            format!(
                "{:?} {} {}",
                d.location.line,
                d.location.describe(nianbao::i18n::Lang::Zh),
                d.message.zh
            )
        })
        .collect();
    assert_eq!(
        totals,
        ["Some(102) 三、（七）总计 / 自然人 分项之和为 23，填写为 22，相差 1"]
    );
}

#[test]
fn real_samples_in_gbk_utf16_and_crlf_import_identically() {
    for e in expected() {
        let Some(text) = sample(e.file) else { continue };
        let reference = import_text(format(), &text, "UTF-8", &opts()).draft;
        let (gbk, _, had_errors) = encoding_rs::GB18030.encode(&text);
        assert!(!had_errors, "{}", e.file);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let crlf = text.replace('\n', "\r\n").into_bytes();
        for (name, bytes) in [
            ("gb18030", gbk.into_owned()),
            ("utf-16", utf16),
            ("crlf", crlf),
        ] {
            let (decoded, enc) = decode(&bytes).expect(name);
            let got = import_text(format(), &decoded, enc, &opts()).draft;
            assert_eq!(got.cells, reference.cells, "{} {name}", e.file);
            assert_eq!(got.sections, reference.sections, "{} {name}", e.file);
        }
    }
}

#[test]
fn a_sentence_never_changes_a_value_the_table_settles() {
    let Some(text) = sample("04-pingtan-2022.txt") else {
        return;
    };
    // 新收 `713000074` splits one way only (71 3 0 0 0 0 74); a sentence stating another
    // total does not move it, and nothing is credited to the text.
    let changed = text.replacen(
        "一、总体情况",
        "一、总体情况 本年新收政府信息公开申请99件。",
        1,
    );
    assert_ne!(changed, text);
    let out = import_text(format(), &changed, "UTF-8", &opts());
    let new: Vec<String> = ["natural", "commercial", "research"]
        .iter()
        .map(|c| {
            out.draft
                .cell(&CellRef::new("t3", "new", c))
                .unwrap_or("_")
                .to_string()
        })
        .collect();
    assert_eq!(new.join(" "), "71 3 0");
    let credited: Vec<&str> = out
        .report
        .problems
        .iter()
        .filter(|p| p.code == "import.narrative-split")
        .map(|p| p.message.zh.as_str())
        .collect();
    assert_eq!(credited.len(), 1, "only 行政规范性文件: {credited:#?}");
    assert!(credited[0].contains("行政规范性文件"));
}
