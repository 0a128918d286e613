use super::*;
use crate::check::check_text;
use crate::format::CellRef;
use crate::import::ImportOptions;
use chrono::DateTime;
use std::collections::BTreeMap;

const COMPLETE: &str = include_str!("../../tests/fixtures/complete-2024.txt");

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

/// A report checked as `check DIR` checks it, on a fixed day.
fn check(text: &str) -> (crate::import::ImportOutcome, Vec<Diagnostic>) {
    let now = DateTime::parse_from_rfc3339("2025-01-20T10:00:00+08:00").expect("now");
    let opts = ImportOptions {
        id: "check".into(),
        agency: None,
        year: None,
        kind: None,
        now,
    };
    check_text(format(), text, "UTF-8", &opts, now.date_naive())
}

fn checked(file: &str, text: &str, lang: Lang) -> Entry {
    let (outcome, diags) = check(text);
    Entry::checked(format(), file, &outcome.draft, &diags, lang)
}

#[test]
fn the_embedded_figures_name_cells_of_their_format() {
    for text in FIGURE_ASSETS {
        let figs: Figures = serde_json::from_str(text).expect("summary asset parses");
        let format = Format::by_id(&figs.format).expect("its format is embedded");
        for f in &figs.figures {
            for key in f.sum.iter().chain(&f.over) {
                let cell = CellRef::parse_key(key).unwrap_or_else(|| panic!("{key}"));
                assert!(
                    format.cell_exists(&cell),
                    "{}: {key} is no cell of {}",
                    f.id,
                    figs.format
                );
            }
        }
    }
    assert!(!figures("gov-2021").is_empty());
}

#[test]
fn a_complete_report_gives_its_key_figures() {
    let e = checked("complete-2024.txt", COMPLETE, Lang::Zh);
    assert_eq!(e.errors, 0, "{:?}", e.findings);
    assert!(e.complete(), "{:?}", e.missing);
    assert_eq!(e.year, Some(2024));
    let by_id: BTreeMap<&str, Option<f64>> = figures("gov-2021")
        .iter()
        .map(|f| f.id.as_str())
        .zip(e.figures.iter().copied())
        .collect();
    assert_eq!(by_id["new_total"], Some(3119.0));
    // (1362 + 454) / 3050
    assert_eq!(by_id["disclosed_share"], Some(59.5));
    assert_eq!(by_id["review_total"], Some(351.0));
    // 64 / 351
    assert_eq!(by_id["review_corrected_share"], Some(18.2));
    assert_eq!(by_id["litigation_total"], Some(46.0));
    assert_eq!(by_id["fees"], Some(12.35));
}

#[test]
fn a_report_without_sections_three_and_four_is_incomplete_and_says_which() {
    let text = COMPLETE
        .split("三、收到和处理政府信息公开申请情况")
        .next()
        .expect("head")
        .to_string()
        + "\n五、存在的主要问题及改进情况\n问题。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n";
    let e = checked("cut.txt", &text, Lang::Zh);
    assert!(!e.complete());
    assert!(
        e.missing.iter().any(|m| m.contains("收到和处理")),
        "{:?}",
        e.missing
    );
    assert!(e.errors > 0);
}

fn sample_entries() -> Vec<Entry> {
    let good = checked("a/好报告.txt", COMPLETE, Lang::Zh);
    let bad = checked(
        "b/差报告.txt",
        &COMPLETE.replace("（七）总计	2932", "（七）总计	2933"),
        Lang::Zh,
    );
    let gone = Entry::unreadable("c/坏文件.txt", "不是文本文件");
    let mut odd = checked("=cmd|' /C calc'!A0.txt", COMPLETE, Lang::Zh);
    odd.agency = "某局, \"引号\"\n第二行".into();
    odd.cross_year = vec!["二、上年结转 / 自然人：与上年结转下年度不符（本年 2，上年 9）".into()];
    vec![good, bad, gone, odd]
}

#[test]
fn worst_first_puts_the_unreadable_then_the_errors_first() {
    let mut entries = sample_entries();
    sort(&mut entries, SortBy::Worst);
    let files: Vec<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(files[0], "c/坏文件.txt");
    assert_eq!(files[1], "b/差报告.txt");
    // Equal rows keep the order they were named in.
    assert_eq!(&files[2..], ["a/好报告.txt", "=cmd|' /C calc'!A0.txt"]);
    sort(&mut entries, SortBy::Agency);
    assert_eq!(
        entries.last().map(|e| e.file.as_str()),
        Some("c/坏文件.txt")
    );
}

#[test]
fn csv_has_a_bom_crlf_quoting_and_no_formulas() {
    let entries = sample_entries();
    let s = Summary {
        lang: Lang::Zh,
        figures: figures("gov-2021"),
        entries: &entries,
    };
    let bytes = to_csv(&s);
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("\r\n"));
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    assert!(
        first.starts_with("文件,机关,年度,类型,错误,警告,章节与表格,本年新收申请"),
        "{first}"
    );
    assert!(text.contains("\"某局, \"\"引号\"\"\n第二行\""), "{text}");
    assert!(
        text.contains("'=cmd|"),
        "a formula-like file name stays text"
    );
    assert!(!text.contains(",=cmd"), "{text}");
    // The good report's row: numbers as written, the share to one decimal.
    assert!(
        text.contains("a/好报告.txt,") && text.contains(",3119,59.5,351,18.2,46,12.35,"),
        "{text}"
    );
    // The diagnostics follow, with their own heading, and the unreadable file's reason.
    assert!(text.contains("文件,行,位置,代码,级别,说明"));
    assert!(text.contains("c/坏文件.txt,,,,错误,不是文本文件"));
    assert!(
        text.contains("t3.results-total") || text.contains("t3.balance"),
        "{text}"
    );
}

#[test]
fn html_is_one_escaped_page_with_both_tables() {
    let entries = sample_entries();
    let s = Summary {
        lang: Lang::En,
        figures: figures("gov-2021"),
        entries: &entries,
    };
    let page = to_html(&s);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<table>").count(), 2);
    assert!(page.contains("&quot;引号&quot;"));
    assert!(!page.contains("<script"));
    assert!(page.contains("<th>Requests received</th>"));
    assert!(page.contains("<td class=\"n\">3119</td>"));
    assert!(page.contains("<tr class=\"bad\">"));
}

#[test]
fn the_workbook_reads_back_row_by_row_with_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx};
    let mut entries = sample_entries();
    sort(&mut entries, SortBy::Worst);
    let s = Summary {
        lang: Lang::Zh,
        figures: figures("gov-2021"),
        entries: &entries,
    };
    let bytes = to_xlsx(&s).expect("workbook");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("xlsx opens");
    assert_eq!(book.sheet_names(), ["报告", "问题清单"]);
    let reports = book.worksheet_range("报告").expect("reports sheet");
    let rows: Vec<&[Data]> = reports.rows().collect();
    assert_eq!(rows.len(), 1 + entries.len());
    assert_eq!(rows[0][0], Data::String("文件".into()));
    for (row, e) in rows[1..].iter().zip(&entries) {
        assert_eq!(row[0], Data::String(e.file.clone()));
        if e.unreadable.is_some() {
            assert_eq!(row[4], Data::Empty);
            assert_eq!(
                row.last().cloned(),
                Some(Data::String("不是文本文件".into()))
            );
        } else {
            assert_eq!(row[2], Data::Float(2024.0));
            assert_eq!(row[4], Data::Float(e.errors as f64));
            assert_eq!(row[5], Data::Float(e.warnings as f64));
            assert_eq!(row[7], Data::Float(3119.0), "本年新收 is a number");
        }
    }
    // Every finding is a row of the second sheet.
    let findings = book.worksheet_range("问题清单").expect("findings sheet");
    let want: usize = entries.iter().map(|e| e.findings.len()).sum::<usize>() + 1;
    assert_eq!(findings.rows().count(), 1 + want);
}

#[test]
fn totals_left_blank_count_as_the_sum_of_their_terms() {
    let (outcome, diags) = check(COMPLETE);
    let mut draft = outcome.draft.clone();
    let before = Entry::checked(format(), "x", &draft, &diags, Lang::Zh).figures;
    // Every computed total blank: the grid's state of a draft typed by hand.
    let computed = crate::rules::computed_cells(format());
    draft
        .cells
        .retain(|k, _| CellRef::parse_key(k).is_none_or(|c| !computed.contains(&c)));
    assert!(!draft.cells.contains_key("t3.total.total"));
    let after = Entry::checked(format(), "x", &draft, &diags, Lang::Zh).figures;
    assert_eq!(before, after);
    assert!(after.iter().all(Option::is_some), "{after:?}");
}

/// The figures as `rules::cell_value` gives them, cell by cell (what `figure_values` replaced).
fn figures_one_cell_at_a_time(draft: &Draft) -> Vec<Option<f64>> {
    let number = |key: &str| {
        let cell = CellRef::parse_key(key)?;
        crate::rules::cell_value(format(), draft, &cell).map(|n| n.to_f64())
    };
    figures("gov-2021")
        .iter()
        .map(|f| f.value(number))
        .collect()
}

#[test]
fn cells_read_once_give_what_each_cell_read_alone_gives() {
    let (outcome, _) = check(COMPLETE);
    let computed = crate::rules::computed_cells(format());
    // The report as read; every total blank; every total blank and some terms not numbers;
    // a total that is no number above terms that are; nothing at all.
    let stated = outcome.draft.clone();
    let mut blank = stated.clone();
    blank
        .cells
        .retain(|k, _| CellRef::parse_key(k).is_none_or(|c| !computed.contains(&c)));
    let mut broken = blank.clone();
    for (i, v) in broken.cells.values_mut().enumerate() {
        if i % 3 == 0 {
            *v = "十二".into();
        }
    }
    let mut odd_total = stated.clone();
    odd_total
        .cells
        .insert("t3.total.total".into(), "两千".into());
    let mut empty = stated.clone();
    empty.cells.clear();
    // Every computed cell and every cell it sums, read together, against cell_value.
    let all: Vec<CellRef> = computed
        .iter()
        .cloned()
        .chain(stated.cells.keys().filter_map(|k| CellRef::parse_key(k)))
        .collect();
    let keys: Vec<String> = all.iter().map(CellRef::key).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    for draft in [&stated, &blank, &broken, &odd_total, &empty] {
        let want: Vec<_> = all
            .iter()
            .map(|c| crate::rules::cell_value(format(), draft, c))
            .collect();
        assert_eq!(crate::rules::cell_values(format(), draft, &keys), want);
        assert_eq!(
            figure_values(format(), draft),
            figures_one_cell_at_a_time(draft)
        );
    }
    assert!(
        figures_one_cell_at_a_time(&broken)
            .iter()
            .any(Option::is_some)
            && figures_one_cell_at_a_time(&empty)
                .iter()
                .all(Option::is_none)
    );
}
