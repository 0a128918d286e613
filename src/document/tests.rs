use super::fixture::{complete, complete_document};
use super::*;
use crate::rules::{Stage, evaluate};

#[test]
fn the_complete_fixture_passes_and_carries_its_metadata() {
    let (_, d, _) = complete();
    let doc = complete_document();
    assert!(doc.meta.passed_check, "{:?}", doc.diagnostics);
    assert_eq!(doc.meta.draft_id, "2024-abc123");
    assert_eq!(doc.meta.year, 2024);
    assert_eq!(doc.meta.agency, "淮河市生态环境局");
    assert_eq!(doc.meta.format_id, "gov-2021");
    assert_eq!(doc.meta.content_hash, content_hash(&d));
    assert_eq!(doc.title, "淮河市生态环境局2024年政府信息公开工作年度报告");
    assert_eq!(doc.sections.len(), 6);
    assert!(doc.sections[0].paragraphs.len() >= 5);
    let p = &doc.sections[0].paragraphs;
    assert!(!p[0].is_empty() && !p[p.len() - 1].is_empty());
    // The blank lines between paragraphs are kept: the text reads back the same.
    assert_eq!(p.join("\n"), d.section_text("s1").trim());
    assert_eq!(super::paragraphs("\n\n  \n"), Vec::<String>::new());
    assert_eq!(super::paragraphs("\na\n \nb\n\n"), ["a", "", "b"]);
}

#[test]
fn table_four_is_one_block_of_fifteen_columns_under_three_header_rows() {
    let doc = complete_document();
    let t4 = doc.tables().find(|t| t.id == "t4").expect("t4");
    assert_eq!(t4.blocks.len(), 1);
    let b = &t4.blocks[0];
    assert_eq!(b.columns.len(), 15);
    assert_eq!(b.header.len(), 3);
    // Every header row covers all 15 columns once cells spanning down from above are counted.
    let mut covered = [0usize; 3];
    for (level, row) in b.header.iter().enumerate() {
        for c in row {
            for n in covered.iter_mut().skip(level).take(c.rowspan) {
                *n += c.colspan;
            }
        }
    }
    assert_eq!(covered, [15, 15, 15]);
    assert_eq!(b.rows.len(), 1);
    assert_eq!(b.rows[0].cells.len(), 15);
    assert!(b.rows[0].cells.iter().any(|c| c.computed));
}

#[test]
fn table_three_has_group_rows_without_cells_and_a_corner_over_the_header() {
    let doc = complete_document();
    let t3 = doc.tables().find(|t| t.id == "t3").expect("t3");
    let b = &t3.blocks[0];
    assert_eq!(b.rows.iter().filter(|r| !r.group).count(), 25);
    let groups: Vec<&DocRow> = b.rows.iter().filter(|r| r.group).collect();
    assert!(groups.iter().all(|r| r.cells.is_empty()));
    assert!(groups.iter().any(|r| r.label.contains("不予公开")));
    assert_eq!(b.header[0][0].rowspan, b.header.len());
    assert!(
        b.columns
            .iter()
            .any(|c| c.flat_label("·") == "法人或其他组织·商业企业")
    );
    // Every data cell of the complete fixture has a value; totals are marked computed.
    let cells: Vec<&DocCell> = b.rows.iter().flat_map(|r| &r.cells).collect();
    assert!(cells.iter().all(|c| c.value.is_some()));
    assert!(cells.iter().any(|c| c.computed) && cells.iter().any(|c| !c.computed));
}

#[test]
fn errors_make_the_document_fail_the_check() {
    let (f, mut d, _) = complete();
    d.set_cell(f, &crate::format::CellRef::new("t3", "new", "natural"), "1");
    let e = evaluate(
        f,
        &d,
        Stage::Final,
        chrono::NaiveDate::from_ymd_opt(2025, 1, 10).expect("date"),
    );
    let doc = Document::build(f, &d, &e, &e.diagnostics);
    assert!(!doc.meta.passed_check);
    assert!(doc.meta.errors > 0);
}
