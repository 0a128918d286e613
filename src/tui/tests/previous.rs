//! Last year in the TUI: F4 shows last year's value under each cell of a grid when the draft
//! knows its last year (and says so when it does not); the review lists the cross-year
//! findings with the rest.

use super::*;
use crate::draft::PreviousYear;
use crate::rules::{Stage, cross_year};

/// The complete report, with last year kept in it: last year is the same report a year
/// earlier, except that its 结转下年度 / 自然人 is `carry_next` (this year's 上年结转 is 2).
fn with_previous(f: &Fixture, carry_next: &str) -> String {
    let id = saved_draft(f, true);
    let mut draft = f.store.load_id(&id).expect("load");
    let mut last = draft.clone();
    last.year -= 1;
    last.cells
        .insert("t3.carry_next.natural".into(), carry_next.into());
    last.cells.insert("t3.new.natural".into(), "2950".into());
    draft.previous = Some(Box::new(PreviousYear::of(&last, "2023-aaaaaa")));
    f.store.save(&draft).expect("save");
    id
}

#[test]
fn f4_shows_last_years_values_under_the_cells() {
    let f = fixture();
    let carried = {
        let id = saved_draft(&f, true);
        let d = f.store.load_id(&id).expect("load");
        d.cell(&CellRef::new("t3", "carried", "natural"))
            .expect("published")
            .to_string()
    };
    let id = with_previous(&f, &carried);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    let (before, _) = draw(&mut app, 80, 24);
    assert!(!before.contains("上年 "), "{before}");
    key(&mut app, KeyCode::F(4));
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("上年"), "{screen}");
    assert!(
        screen.contains("2950"),
        "last year's 新收 under this year's:\n{screen}"
    );
    // Under the grid, the current cell with last year's value.
    assert!(screen.contains("（上年 2950）"), "{screen}");
    insta::assert_snapshot!("grid_previous_80x24", screen);
    // F4 again hides it.
    key(&mut app, KeyCode::F(4));
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(!screen.contains("2950"), "{screen}");
}

#[test]
fn f4_without_last_year_says_so_in_the_status_line() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    key(&mut app, KeyCode::F(4));
    let (screen, _) = draw(&mut app, 200, 40);
    assert!(screen.contains("本草稿没有上一年的报告"), "{screen}");
    // The key is in the grid's help.
    key(&mut app, KeyCode::F(1));
    let (help, _) = draw(&mut app, 120, 40);
    assert!(help.contains("F4"), "{help}");
}

#[test]
fn the_review_lists_a_carry_over_that_does_not_hold() {
    let f = fixture();
    let id = with_previous(&f, "9");
    let draft = f.store.load_id(&id).expect("load");
    let previous = draft.previous.as_deref().expect("previous");
    let found = cross_year::evaluate(format(), &draft, previous, Stage::Final);
    let x1 = found
        .iter()
        .find(|d| d.code == "x1.carried")
        .expect("x1 fails");
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_review(&mut app);
    let (screen, _) = draw(&mut app, 250, 60);
    let text = x1.render(Lang::Zh);
    assert!(screen.contains(&text), "{text}\n{screen}");
}
