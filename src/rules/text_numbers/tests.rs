//! Sentences against cells: a stated count that differs is found with both numbers, one that
//! agrees (or counts the carried-over applications too) is not, approximate numbers are
//! never compared.

use crate::format::{CellRef, Format};
use crate::rules::tests_support::consistent;
use crate::rules::{Stage, evaluate};
use chrono::NaiveDate;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn findings(text: &str) -> Vec<String> {
    let mut d = consistent();
    d.set_section_text("s1", text);
    let today = NaiveDate::from_ymd_opt(2026, 1, 10).expect("date");
    evaluate(format(), &d, Stage::Final, today)
        .diagnostics
        .into_iter()
        .filter(|x| x.code == "text.numbers")
        .map(|x| x.render(crate::i18n::Lang::Zh))
        .collect()
}

fn cell(row: &str, col: &str) -> String {
    let d = consistent();
    let today = NaiveDate::from_ymd_opt(2026, 1, 10).expect("date");
    evaluate(format(), &d, Stage::Final, today)
        .display(&CellRef::new("t3", row, col))
        .expect("value")
}

#[test]
fn a_stated_count_that_differs_from_the_table_names_both_numbers_and_the_cell() {
    let table = cell("new", "total");
    let stated: i64 = table.parse::<i64>().expect("n") + 78;
    let found = findings(&format!(
        "2024 年，区政府办代表区政府受理政府信息公开申请 {stated} 件，均已在法定期限内予以答复。"
    ));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains(&format!("说 {stated}")) && found[0].contains(&format!("为 {table}")),
        "{}",
        found[0]
    );
    assert!(found[0].contains("本年新收"), "{}", found[0]);
    assert!(
        found[0].contains("第 1 行"),
        "the line of the section: {}",
        found[0]
    );
}

#[test]
fn agreeing_numbers_and_received_counting_the_carried_over_are_no_finding() {
    let new: i64 = cell("new", "total").parse().expect("n");
    let carried: i64 = cell("carried", "total").parse().expect("n");
    assert!(findings(&format!("全年共收到政府信息公开申请{new}件。")).is_empty());
    assert!(
        findings(&format!(
            "全年收到政府信息公开申请{}件，均按时答复。",
            new + carried
        ))
        .is_empty()
    );
    assert!(findings(&format!("上年结转申请{carried}件。")).is_empty());
}

#[test]
fn approximate_numbers_and_numbers_of_other_things_are_left_alone() {
    for text in [
        "全年共收到政府信息公开申请约 9999 件。",
        "全年收到政府信息公开申请9999余件。",
        "全年收到政府信息公开申请 9999 多件。",
        "网站发布信息5500余条，收到申请的咨询电话9999个。",
        "收到行政复议申请9999件。",
    ] {
        let found = findings(text);
        // The last one speaks of 行政复议: compared with table 四, not with table 三.
        assert!(
            found.iter().all(|f| !f.contains("本年新收")),
            "{text}: {found:#?}"
        );
    }
}

/// [`super::stated_number`] as it was written first, character by character: the reference
/// the byte-wise one must agree with.
fn stated_number_by_chars(squeezed: &str, unit: &str) -> Option<crate::value::Number> {
    if !squeezed.contains(unit) {
        return None;
    }
    let chars: Vec<char> = squeezed.chars().collect();
    let unit: Vec<char> = unit.chars().collect();
    let approx: Vec<Vec<char>> = super::APPROXIMATE
        .iter()
        .map(|a| a.chars().collect())
        .collect();
    let starts_at = |at: usize, w: &[char]| chars.get(at..at + w.len()) == Some(w);
    let ends_at = |end: usize, w: &[char]| end >= w.len() && &chars[end - w.len()..end] == w;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if starts_at(i, &unit) {
            let approximate = approx
                .iter()
                .any(|a| starts_at(i, a) || ends_at(start, a) || starts_at(i + unit.len(), a));
            if approximate {
                return None;
            }
            let digits: String = chars[start..i].iter().collect();
            let n: i64 = digits.parse().ok()?;
            return Some(crate::value::Number::from_int(n));
        }
        if approx.iter().any(|a| starts_at(i, a)) {
            return None;
        }
    }
    None
}

fn mention(unit: &str) -> crate::format::Mention {
    crate::format::Mention {
        cells: Vec::new(),
        or: Vec::new(),
        any: Vec::new(),
        all: Vec::new(),
        none: Vec::new(),
        unit: unit.to_string(),
    }
}

#[test]
fn a_stated_number_is_the_first_before_its_unit_unless_marked_approximate() {
    let m = mention("件");
    let n = |t: &str| super::stated_number(t, &m).map(|n| n.to_string());
    assert_eq!(n("2024年收到申请17件"), Some("17".into()));
    assert_eq!(n("收到申请约17件"), None);
    assert_eq!(n("收到申请17余件"), None);
    assert_eq!(n("收到申请17件左右"), None);
    assert_eq!(n("收到申请超过17件"), None);
    assert_eq!(n("收到申请17条，办结3件"), Some("3".into()));
    assert_eq!(n("收到申请17条"), None);
    assert_eq!(n("收到申请99999999999999999999件"), None);
}

proptest::proptest! {
    #[test]
    fn stated_numbers_read_as_bytes_are_those_read_as_characters(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "1", "7", "20", "年", "件", "条", "余", "多", "约", "近", "超过", "以上",
                "左右", "逾", "上下", "收到", "申请", "，", "a", "é", "件件",
            ]),
            0..12,
        ),
        unit in proptest::sample::select(vec!["件", "条", "件件", "个", ""]),
    ) {
        let text: String = pieces.concat();
        let m = mention(unit);
        proptest::prop_assert_eq!(
            super::stated_number(&text, &m),
            stated_number_by_chars(&text, unit)
        );
    }

    #[test]
    fn a_number_and_its_unit_with_words_around_read_alike_as_bytes_and_characters(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "", "年", "余", "多", "约", "近", "超过", "以上", "左右", "逾", "上下", "申请",
                "，", "件", "条",
            ]),
            3,
        ),
        digits in "[0-9]{1,3}",
        unit in proptest::sample::select(vec!["件", "条"]),
    ) {
        let text = format!("{}{digits}{}{unit}{}", words[0], words[1], words[2]);
        let m = mention(unit);
        proptest::prop_assert_eq!(
            super::stated_number(&text, &m),
            stated_number_by_chars(&text, unit)
        );
    }
}
