//! The wrong year: sentences of real reports (shared/samples/real), copied into the next
//! year's report, are flagged with both years; years in other roles never are.

use crate::format::Format;
use crate::rules::tests_support::consistent;
use crate::rules::{Stage, evaluate};
use chrono::NaiveDate;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

/// The `text.year` findings of a report for `year` whose section `section` is `text`.
fn findings(year: i32, section: &str, text: &str) -> Vec<String> {
    let mut d = consistent();
    d.year = year;
    d.set_section_text(section, text);
    let today = NaiveDate::from_ymd_opt(2026, 3, 10).expect("date");
    evaluate(format(), &d, Stage::Final, today)
        .diagnostics
        .into_iter()
        .filter(|x| x.code == "text.year")
        .map(|x| x.render(crate::i18n::Lang::Zh))
        .collect()
}

/// Sentences of the real reports that state the year's work, with the year they name.
const OF_WORK: &[(i32, &str)] = &[
    // 01-huaianshi-2024.txt
    (
        2024,
        "（一）主动公开情况。2024 年，市政府网站主动公开各类政府信息 5500 余条，全年新增公开市政府文件 62 件。",
    ),
    (
        2024,
        "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年结转）。",
    ),
    // 02-hongzequ-2023.txt
    (
        2023,
        "2023 年，我区在政府网站平台主动公开政府信息 1136 条。",
    ),
    (
        2023,
        "2023 年全区受理政府信息公开申请 21 件，均在法定期限答复。",
    ),
    // 03-hongzequ-2024.txt
    (
        2024,
        "2024 年，我区在政府网站平台主动发布各类政府信息 2428 条，公开政府常务会议 12 次。",
    ),
    // 04-pingtan-2022.txt, 05-pingtan-2023.txt (web text: no spaces)
    (
        2022,
        "2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。",
    ),
    (
        2023,
        "2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。",
    ),
    // The issue's own examples.
    (2024, "本单位2024年度通过门户网站主动公开政府信息356条。"),
    (2024, "我局2024年受理政府信息公开申请12件。"),
];

#[test]
fn a_sentence_of_last_year_copied_into_this_year_names_both_years_at_its_line() {
    for (year, sentence) in OF_WORK {
        let text = format!("（一）主动公开\n{sentence}");
        let found = findings(year + 1, "s1", &text);
        assert_eq!(found.len(), 1, "{sentence}: {found:#?}");
        let (old, new) = (year.to_string(), (year + 1).to_string());
        assert!(
            found[0].contains(&format!("写的是 {old} 年")) && found[0].contains(&new),
            "{}",
            found[0]
        );
        assert!(found[0].contains("第 2 行"), "{}", found[0]);
        // In its own year, the same sentence is right.
        assert!(findings(*year, "s1", &text).is_empty(), "{sentence}");
    }
}

#[test]
fn english_names_both_years_too() {
    let mut d = consistent();
    d.set_section_text("s1", "我局2024年受理政府信息公开申请12件。");
    let today = NaiveDate::from_ymd_opt(2026, 3, 10).expect("date");
    let eval = evaluate(format(), &d, Stage::Drafting, today);
    let d = eval
        .diagnostics
        .iter()
        .find(|x| x.code == "text.year")
        .expect("found");
    let en = d.render(crate::i18n::Lang::En);
    assert!(en.contains("2024") && en.contains("2025"), "{en}");
}

/// Years in other roles, from the real reports (and the issue): in a report for 2025 none
/// of them is a wrong year.
const NOT_OF_WORK: &[&str] = &[
    // Plans for the next year (03-hongzequ-2024, 04/05/07-pingtan).
    "针对存在问题，2026 年我们将切实抓好以下工作：一是扎实推进依申请公开工作。",
    "2026年，我区将采取以下措施加以改进。一是丰富意见征集形式。",
    "2026年，将重点从以下方面做好改进：一是优化主动公开目录。",
    // Deadlines, dates, points of reference.
    "各单位须于2024年1月31日前公开上一年度报告。",
    "按要求在 2024 年 1 月 31 日前发布年度报告。",
    "自2023年起，我局在门户网站主动公开行政许可信息。",
    "2023年以来，我局累计主动公开政府信息5000余条。",
    "截至2024年底，我局共办理政府信息公开申请300余件。",
    "与2024年相比，受理政府信息公开申请增加12件。",
    "较2024年，主动公开信息数量增长15%。",
    "该平台于2023年上线，本年度发布信息1200条。",
    // Titles and document numbers.
    "按照《2024年政务公开工作要点》，主动公开重点领域信息120条。",
    "根据《国务院办公厅关于印发2024年政务公开工作要点的通知》，发布各类信息。",
    "按照国办公开办函〔2021〕30号的要求发布年度报告。",
    // Last year's report and what it described.
    "针对2024年度报告中指出的问题，已办理整改。",
    "对2024年发布的规范性文件开展清理。",
    // The statistics period and the publication date (01-huaianshi-2024).
    "报告所列统计期限自 2025 年 1 月 1 日至 2025 年 12 月 31 日。",
    "淮安市人民政府办公室 2026 年 1 月 20 日",
    // Years with no work (06-pingtan-2021: 文化发展规划（2021-2035）).
    "编制国土空间总体规划、文化发展规划（2021-2035）、村庄规划等专项规划。",
    "2024年，我区以习近平新时代中国特色社会主义思想为指导，全面贯彻党的精神。",
    // Far from the report year: not a copied report.
    "2019年受理的申请已全部办结归档。",
];

#[test]
fn years_in_other_roles_are_no_finding() {
    for sentence in NOT_OF_WORK {
        for section in ["s1", "s5", "s6"] {
            let found = findings(2025, section, sentence);
            assert!(found.is_empty(), "{sentence}: {found:#?}");
        }
    }
}

#[test]
fn every_sentence_of_the_real_samples_is_no_finding_in_its_own_year() {
    // The real reports' texts as published: read whole, each in its own year.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/real");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // the shared samples are not part of the repository
    };
    let opts_now = chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00+08:00").expect("now");
    let mut read = 0;
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let opts = crate::import::ImportOptions {
            id: "t".to_string(),
            agency: None,
            year: None,
            kind: None,
            now: opts_now,
        };
        let (_, diags) =
            crate::check::check_text(format(), &text, "UTF-8", &opts, opts_now.date_naive());
        let year: Vec<_> = diags.iter().filter(|d| d.code == "text.year").collect();
        assert!(year.is_empty(), "{}: {year:#?}", path.display());
        read += 1;
    }
    assert!(read > 0 || !dir.exists());
}

/// The format's own words for the wrong-year rule.
fn words() -> &'static crate::format::WrongYear {
    format()
        .rules
        .iter()
        .find_map(|r| match &r.kind {
            crate::format::RuleKind::WrongYear(w) => Some(w),
            _ => None,
        })
        .expect("a wrong_year rule")
}

proptest::proptest! {
    /// A sentence without a digit before a `年` (whitespace between allowed) names no year
    /// of work: the quick look says so wherever the full reading would find one.
    #[test]
    fn a_year_of_work_has_a_digit_before_its_nian(
        text in "[0-9年 \u{3000}\t发布收到公开共，a]{0,24}"
    ) {
        let found = super::read_years(&text, words());
        if !found.is_empty() {
            proptest::prop_assert!(super::digit_before_nian(&text), "{text:?} {found:?}");
        }
    }
}

#[test]
fn a_year_spaced_from_its_nian_is_still_read() {
    assert_eq!(
        super::years_of_work("2024　年共收到申请", words()),
        vec![2024]
    );
    assert_eq!(
        super::years_of_work("2024\t年共收到申请", words()),
        vec![2024]
    );
    assert!(super::years_of_work("共收到申请，年", words()).is_empty());
}
