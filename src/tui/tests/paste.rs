//! Pasting blocks copied from Excel/WPS into a grid: every report the paste gives, drawn at
//! 80x24, and what each paste does (and does not do) to the draft.

use super::*;
use crate::draft::CellKey;

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default()
}

fn draft_of(app: &App) -> &Draft {
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    &view.draft
}

fn snapshot(name: &str, app: &mut App) {
    let (text, _) = draw(app, 80, 24);
    insta::assert_snapshot!(name, text);
}

/// An app on table 三 of the complete report, and the draft's cells before anything.
fn on_table_three(f: &Fixture) -> (App, std::collections::BTreeMap<CellKey, String>) {
    let id = saved_draft(f, true);
    let mut app = app(f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    let before = draft_of(&app).cells.clone();
    (app, before)
}

/// The cells that differ from `before`, as `row.col=value`.
fn changes(app: &App, before: &std::collections::BTreeMap<CellKey, String>) -> Vec<String> {
    let after = &draft_of(app).cells;
    let mut keys: Vec<&CellKey> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| {
            let v = after.get(k).map_or("", String::as_str);
            format!("{}={v}", k.trim_start_matches("t3."))
        })
        .collect()
}

#[test]
fn a_block_whose_line_breaks_came_doubled_fills_consecutive_rows() {
    let f = fixture();
    let (mut app, before) = on_table_three(&f);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    // CRLF as a terminal delivers it: CR CR.
    app.on_paste("1\t2\t3\r\r4\t5\t6\r\r7\t8\t9\r\r");
    assert_eq!(
        changes(&app, &before),
        [
            "granted.commercial=2",
            "granted.natural=1",
            "granted.research=3",
            "partial.commercial=5",
            "partial.natural=4",
            "partial.research=6",
            "withheld_secret.commercial=8",
            "withheld_secret.natural=7",
            "withheld_secret.research=9",
        ]
    );
    assert!(
        message(&app).starts_with(
            "已粘贴 三、（一）予以公开 至 （三）不予公开 1.属于国家秘密，自然人 至 法人或其他组织 科研机构：9 个单元格"
        ),
        "{}",
        message(&app)
    );
    snapshot("paste_cr_block", &mut app);
    // One undo takes the whole paste back.
    ctrl(&mut app, 'z');
    assert!(changes(&app, &before).is_empty());
}

#[test]
fn a_block_with_its_labels_goes_to_the_rows_it_names() {
    let f = fixture();
    let (mut app, before) = on_table_three(&f);
    // The cursor far from the rows named, on another column.
    for _ in 0..10 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Right);
    app.on_paste(
        "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\r\n\
         (一) 予以公开\t1\t2\t0\t0\t0\t0\t3\r\n\
         （三）不予公开\t1.属于国家秘密\t5\t0\t0\t0\t0\t0\t5\r\n",
    );
    assert_eq!(
        changes(&app, &before),
        [
            "granted.commercial=2",
            "granted.legal_service=0",
            "granted.natural=1",
            "granted.other=0",
            "withheld_secret.natural=5",
        ]
    );
    snapshot("paste_labelled", &mut app);
}

#[test]
fn a_block_too_wide_is_refused_and_says_how_wide() {
    let f = fixture();
    let (mut app, before) = on_table_three(&f);
    for _ in 0..3 {
        key(&mut app, KeyCode::Right);
    }
    app.on_paste("1\t2\t3\t4\t5\t6\r\n");
    assert_eq!(
        message(&app),
        "粘贴的内容有 6 列，从当前单元格起只有 4 列，未粘贴"
    );
    assert!(changes(&app, &before).is_empty());
    snapshot("paste_too_wide", &mut app);
}

#[test]
fn a_pasted_total_that_disagrees_is_reported_not_written() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    // 一 and 二, with totals; 二's total is one short of its row.
    app.on_paste("40\t1\t0\t0\t0\t0\t41\n41\t0\t0\t0\t0\t0\t40\n");
    let draft = draft_of(&app);
    assert_eq!(draft.cell(&CellRef::new("t3", "carried", "total")), None);
    assert!(
        message(&app)
            .contains("三、二、上年结转政府信息公开申请数量 / 总计：粘贴的是 40，计算得 41"),
        "{}",
        message(&app)
    );
    snapshot("paste_total_disagrees", &mut app);
}
