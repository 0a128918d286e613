use super::*;
use crate::rules::{Stage, evaluate};
use crate::textwidth::width;
use chrono::NaiveDate;

fn sample() -> (String, String, String) {
    let f = Format::by_id("gov-2021").expect("format");
    let d = crate::rules::tests_support::consistent();
    let e = evaluate(
        f,
        &d,
        Stage::Final,
        NaiveDate::from_ymd_opt(2026, 1, 10).expect("date"),
    );
    let grid100 = render(
        f,
        &d,
        &e,
        Options {
            style: TableStyle::Grid,
            width: 100,
        },
    );
    let grid80 = render(
        f,
        &d,
        &e,
        Options {
            style: TableStyle::Grid,
            width: 80,
        },
    );
    let tsv = render(
        f,
        &d,
        &e,
        Options {
            style: TableStyle::Tsv,
            width: 100,
        },
    );
    (grid100, grid80, tsv)
}

#[test]
fn preamble_follows_the_title_and_the_signature_ends_the_text() {
    let f = Format::by_id("gov-2021").expect("format");
    let mut d = crate::rules::tests_support::consistent();
    let e = evaluate(
        f,
        &d,
        Stage::Final,
        NaiveDate::from_ymd_opt(2026, 1, 10).expect("date"),
    );
    let opts = Options::default();
    let plain = render(f, &d, &e, opts);
    d.set_section_text(
        "preamble",
        "\n本报告根据《条例》编制。\n\n如有疑问请联系。\n",
    );
    d.set_section_text("signature", "  某某市某某局\n\n2025年1月20日  \n");
    let text = render(f, &d, &e, opts);
    let title = d.title(f);
    assert!(text.starts_with(&format!(
        "{title}\n\n本报告根据《条例》编制。\n\n如有疑问请联系。\n\n一、"
    )));
    assert!(text.ends_with("本年度未收取信息处理费。\n\n某某市某某局\n2025年1月20日\n"));
    assert!(plain.ends_with("本年度未收取信息处理费。\n"));
}

#[test]
fn grid_export_snapshot_at_100_columns() {
    insta::assert_snapshot!(sample().0);
}

#[test]
fn grid_export_snapshot_at_80_columns() {
    insta::assert_snapshot!(sample().1);
}

#[test]
fn tsv_export_snapshot() {
    insta::assert_snapshot!(sample().2);
}

#[test]
fn grid_lines_fit_the_width_and_line_up() {
    for (text, max) in [(sample().0, 100), (sample().1, 80)] {
        for line in text.lines() {
            assert!(width(line) <= max, "{} > {max}: {line}", width(line));
        }
        // Within one box, every line has the same display width.
        let mut box_width = None;
        for line in text.lines() {
            let first = line.chars().next();
            if matches!(first, Some('┌')) {
                box_width = Some(width(line));
            }
            if matches!(first, Some('┌' | '│' | '├' | '╞' | '└')) {
                assert_eq!(Some(width(line)), box_width, "{line}");
            }
        }
    }
}

fn consistent_doc(diagnostics: bool) -> crate::document::Document {
    let f = Format::by_id("gov-2021").expect("format");
    let d = crate::rules::tests_support::consistent();
    let e = evaluate(
        f,
        &d,
        Stage::Final,
        NaiveDate::from_ymd_opt(2026, 1, 10).expect("date"),
    );
    let diags = if diagnostics { &e.diagnostics[..] } else { &[] };
    crate::document::Document::build(f, &d, &e, diags)
}

#[test]
fn a_table_split_to_fit_the_width_says_so_and_one_that_fits_does_not() {
    let doc = consistent_doc(false);
    let grid = |width| Options {
        style: TableStyle::Grid,
        width,
    };
    // Wide enough for every table: no note.
    let wide = render_document(&doc, grid(400), false);
    assert!(!wide.lines().any(is_split_note), "{wide}");
    for width in [100, 80, 60, 40] {
        let text = render_document(&doc, grid(width), false);
        // Exactly one note per block drawn in more than one part, naming the number of parts.
        for table in doc.tables() {
            for block in &table.blocks {
                let lines = render_block(block, grid(width));
                let parts = lines.iter().filter(|l| l.starts_with('┌')).count();
                let notes: Vec<&String> = lines.iter().filter(|l| is_split_note(l)).collect();
                if parts > 1 {
                    assert_eq!(notes.len(), 1, "{}: {lines:#?}", table.id);
                    assert!(notes[0].contains(&format!(" {parts} 部分")), "{}", notes[0]);
                } else {
                    assert!(notes.is_empty(), "{}: {lines:#?}", table.id);
                }
            }
        }
        // Table 四 is one table of 15 columns: at 100 columns or less it is split, and said so.
        let t4 = text
            .split("四、政府信息公开行政复议、行政诉讼情况")
            .nth(1)
            .expect("t4");
        assert!(t4.lines().any(is_split_note), "{width}: {t4}");
        // Tables and their notes fit (paragraphs are not wrapped).
        for line in text
            .lines()
            .filter(|l| is_split_note(l) || l.starts_with(['┌', '│', '├', '╞', '└']))
        {
            assert!(width >= crate::textwidth::width(line), "{width}: {line}");
        }
        // The importer passes over the note: the text reads back with nothing unplaced.
        let opts = crate::import::ImportOptions {
            id: "imp".into(),
            agency: None,
            year: None,
            kind: None,
            now: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now"),
        };
        let f = Format::by_id("gov-2021").expect("format");
        let back = crate::import::import_text(f, &text, "UTF-8", &opts);
        assert!(
            back.report.unplaced.is_empty(),
            "{:?}",
            back.report.unplaced
        );
    }
    assert!(is_split_note(&split_note(3, 100)));
    assert!(is_split_note(&split_note(3, 10)));
    assert!(!is_split_note("（本表较宽）"));
    assert!(!is_split_note("（分为 很多 部分）"));
}

#[test]
fn the_text_export_marks_a_report_that_did_not_pass_and_indents_when_asked() {
    let clean = consistent_doc(false);
    let text = render_document(&clean, Options::default(), false);
    assert!(!text.contains("未通过检查"));
    assert!(text.starts_with(&clean.title));
    let mut failed = clean.clone();
    failed.meta.passed_check = false;
    failed.meta.errors = 2;
    let text = render_document(&failed, Options::default(), false);
    let first = text.lines().next().expect("line");
    assert!(
        first.contains("未通过检查（2 个错误）") && first.contains("not final"),
        "{first}"
    );
    let indented = render_document(&clean, Options::default(), true);
    let paragraphs: Vec<&String> = clean
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .filter(|p| !p.is_empty())
        .collect();
    assert!(!paragraphs.is_empty());
    for p in paragraphs {
        assert!(
            indented
                .lines()
                .any(|l| l == format!("{PARAGRAPH_INDENT}{}", p.trim_start())),
            "{p}"
        );
    }
}
