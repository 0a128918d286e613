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
