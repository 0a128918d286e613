use super::*;
use crate::draft::AgencyKind;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn t3(row: &str, col: &str) -> CellRef {
    CellRef::new("t3", row, col)
}

fn at(row: usize, col: usize) -> Cursor {
    Cursor { row, col }
}

fn written(plan: &Plan) -> Vec<(String, String, String)> {
    plan.writes
        .iter()
        .map(|(c, v)| (c.row.clone(), c.col.clone(), v.clone()))
        .collect()
}

fn w(row: &str, col: &str, v: &str) -> (String, String, String) {
    (row.into(), col.into(), v.into())
}

fn draft() -> Draft {
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-10T10:00:00+08:00").expect("now");
    Draft::new(
        "2025-000001",
        format(),
        "某局",
        AgencyKind::Department,
        2025,
        now,
    )
}

#[test]
fn every_separator_style_fills_the_same_cells() {
    let want = vec![
        w("new", "natural", "1"),
        w("new", "commercial", "2"),
        w("carried", "natural", "3"),
        w("carried", "commercial", "4"),
    ];
    for text in [
        "1\t2\n3\t4\n",
        "1\t2\r\n3\t4\r\n",
        "1\t2\r3\t4\r",
        "1\t2\r\r3\t4\r\r",
    ] {
        let plan = plan(format(), "t3", at(0, 0), text).expect(text);
        assert_eq!(written(&plan), want, "{text:?}");
        assert!(plan.blanks.is_empty() && plan.empty_rows == 0, "{text:?}");
        assert_eq!(plan.doubled, text.contains("\r\r"));
    }
}

#[test]
fn an_empty_row_keeps_its_cells_and_is_counted() {
    // CRLF kept; and doubled to CR CR, a one-column block the clerk said was paired.
    for (text, breaks) in [
        ("1\r\n\r\n3\r\n", Breaks::Guess),
        ("1\r\r\r\r3\r\r", Breaks::Paired),
    ] {
        let plan = plan_with(format(), "t3", at(0, 0), text, breaks).expect(text);
        assert_eq!(
            written(&plan),
            vec![w("new", "natural", "1"), w("granted", "natural", "3")]
        );
        assert_eq!(plan.empty_rows, 1);
        assert_eq!(plan.blanks, vec![t3("carried", "natural")]);
    }
    // Unasked, that block is not guessed at: read as typed it is 1, three blanks, 3.
    assert_eq!(
        plan(format(), "t3", at(0, 0), "1\r\r\r\r3\r\r"),
        Err(PasteError::Ambiguous {
            paired: 3,
            as_typed: 5
        })
    );
}

/// Table 三 as copied from a spreadsheet with its header and three label columns (merged
/// label cells copy as blanks), rows abridged.
const LABELLED: &str = "\t申请人情况\r\n\
    \t自然人\t法人或其他组织\t\t\t\t\t总计\r\n\
    \t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\r\n\
    一、本年新收政府信息公开申请数量\t\t\t10\t1\t0\t0\t0\t0\t11\r\n\
    三、本年度办理结果\t（一）予以公开\t\t4\t0\t0\t0\t0\t0\t4\r\n\
    \t（三）不予公开\t1.属于国家秘密\t2\t0\t0\t0\t0\t0\t2\r\n\
    \t（四）无法提供\t1.本机关不掌握相关政府信息\t3\t1\t0\t0\t0\t0\t4\r\n";

#[test]
fn a_labelled_block_goes_to_the_rows_it_names_wherever_the_cursor_is() {
    let plan = plan(format(), "t3", at(20, 4), LABELLED).expect("plan");
    assert!(plan.labelled);
    assert_eq!(plan.header_rows, 3);
    let w = written(&plan);
    assert_eq!(w.len(), 4 * 6);
    assert_eq!(w[0], ("new".into(), "natural".into(), "10".into()));
    assert!(w.contains(&("granted".into(), "natural".into(), "4".into())));
    assert!(w.contains(&("withheld_secret".into(), "natural".into(), "2".into())));
    assert!(w.contains(&(
        "unavailable_not_held".into(),
        "commercial".into(),
        "1".into()
    )));
    assert_eq!(plan.totals.len(), 4);
    assert!(plan.unknown_rows.is_empty() && plan.group_rows.is_empty());
    assert_eq!(
        plan.span,
        Some((t3("new", "natural"), t3("unavailable_not_held", "total")))
    );
}

#[test]
fn labels_in_other_spellings_are_recognised() {
    let text = "(一) 予以公开\t5\r\n\
        一、本年新收政府信息公开申请数\t6\r\n\
        1、申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请\t7\r\n";
    // Without a header: the label column is skipped, values start at the cursor's column.
    let plan = plan(format(), "t3", at(0, 2), text).expect("plan");
    assert!(plan.labelled);
    assert_eq!(
        written(&plan),
        vec![
            w("granted", "research", "5"),
            w("new", "research", "6"),
            w("other_no_correction", "research", "7"),
        ]
    );
}

#[test]
fn rows_a_labelled_block_cannot_place_are_named() {
    let text = "（一）予以公开\t5\r\n合计\t9\r\n（三）不予公开\t3\r\n单位：件\r\n";
    let plan = plan(format(), "t3", at(0, 0), text).expect("plan");
    assert_eq!(written(&plan), vec![w("granted", "natural", "5")]);
    assert_eq!(plan.unknown_rows, vec!["合计".to_string()]);
    assert_eq!(plan.group_rows, vec!["withheld".to_string()]);
}

#[test]
fn a_block_too_wide_or_too_tall_is_refused_whole() {
    let six = "1\t2\t3\t4\t5\t6";
    assert_eq!(
        plan(format(), "t3", at(0, 3), six),
        Err(PasteError::TooWide {
            width: 6,
            room: 4,
            row: None
        })
    );
    // Table 二: three columns for 规章, one for 行政许可 two rows down.
    assert_eq!(
        plan(format(), "t2", at(0, 0), "1\t2\t3\n4\t5\t6\n7\t8\t9\n"),
        Err(PasteError::TooWide {
            width: 3,
            room: 1,
            row: Some("行政许可".to_string())
        })
    );
    // Blank cells past the edge lose nothing.
    assert!(plan(format(), "t3", at(0, 5), "1\t2\t\t").is_ok());
    let ten = "1\n".repeat(10);
    assert_eq!(
        plan(format(), "t3", at(20, 0), &ten),
        Err(PasteError::TooTall {
            height: 10,
            room: 5
        })
    );
    assert_eq!(
        plan(format(), "t3", at(0, 0), "\r\n\t\r\n"),
        Err(PasteError::Empty)
    );
}

#[test]
fn pasted_totals_are_compared_not_written() {
    let mut d = draft();
    // 自然人 of every row that adds up to （七）总计: 81 in all, the block says 80.
    let text = "40\t0\t0\t0\t0\t0\t40\r\n41\t0\t0\t0\t0\t0\t41\r\n";
    let p = plan(format(), "t3", at(2, 0), text).expect("plan");
    assert_eq!(p.totals.len(), 2);
    for (cell, v) in &p.writes {
        d.set_cell(format(), cell, v);
    }
    assert!(verify(format(), &d, &p).is_empty());
    let total_row = plan(format(), "t3", at(23, 0), "80").expect("plan");
    assert!(total_row.writes.is_empty());
    assert_eq!(
        verify(format(), &d, &total_row),
        vec![Mismatch {
            cell: t3("total", "natural"),
            pasted: "80".into(),
            computed: Some("81".into()),
        }]
    );
}

#[test]
fn values_that_are_not_counts_are_written_and_named() {
    let p = plan(format(), "t3", at(0, 0), "abc\t-3\t5").expect("plan");
    assert_eq!(p.writes.len(), 3);
    assert_eq!(
        p.invalid,
        vec![
            (t3("new", "natural"), "abc".to_string()),
            (t3("new", "commercial"), "-3".to_string()),
        ]
    );
}
