//! Every screen at every size: borders intact, messages whole. And a broken 勾稽关系 shown
//! where it is: each cell of the failing rule marked, the rule in words with both sides.

use super::*;
use crate::tui::draft_view::Guidance;

/// The complete report with 四、结转下年度继续办理 / 自然人 mistyped (103 → 130): the row
/// total, the column's balance and the suspect cell all fail.
fn broken_balance(f: &Fixture) -> String {
    let id = saved_draft(f, true);
    let mut draft = f.store.load_id(&id).expect("load");
    draft
        .cells
        .insert("t3.carry_next.natural".into(), "130".into());
    f.store.save(&draft).expect("save");
    id
}

fn down(app: &mut App, n: usize) {
    for _ in 0..n {
        key(app, KeyCode::Down);
    }
}

#[test]
fn a_broken_balance_marks_every_cell_in_it_and_says_both_sides() {
    let f = fixture();
    let id = broken_balance(&f);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    // At the top, on 一、本年新收 / 自然人: a cell of the balance with nothing wrong of its own.
    for _ in 0..40 {
        key(&mut app, KeyCode::Up);
    }
    for _ in 0..8 {
        key(&mut app, KeyCode::Left);
    }
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("三、一、本年新收"), "{screen}");
    assert!(
        screen.contains("一+二 = 3035，（七）总计+四 = 3062，相差 27"),
        "{screen}"
    );
    insta::assert_snapshot!("broken_balance_on_its_first_cell_80x24", screen);
    // Every cell of the failing balance is marked, in its own style (not the one of a value
    // that is not a number): move off the column and look.
    key(&mut app, KeyCode::Right);
    let (screen, term) = draw(&mut app, 80, 24);
    let buf = term.backend().buffer();
    let marked = |x: u16, y: u16| buf[(x, y)].modifier.contains(Modifier::UNDERLINED);
    let (x, y) = find(&screen, "3001").expect("一 / 自然人");
    assert!(marked(x, y), "一 / 自然人 unmarked:\n{screen}");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::ITALIC),
        "the style of a rule, not of a bad value"
    );
    let (x, y) = find(&screen, "  34").expect("二 / 自然人");
    assert!(marked(x + 2, y), "二 / 自然人 unmarked:\n{screen}");
    // The 商业企业 column's balance holds: unmarked.
    let (x, y) = find(&screen, "53").expect("一 / 商业企业");
    assert!(!marked(x, y), "a column whose balance holds is marked");
    // Down at the bottom: （七）总计 (computed) and 四 are marked too.
    key(&mut app, KeyCode::Left);
    down(&mut app, 40);
    let (screen, term) = draw(&mut app, 80, 24);
    let buf = term.backend().buffer();
    let (x, y) = find(&screen, "=2932").expect("（七）总计 / 自然人");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::UNDERLINED),
        "the computed total takes part in the balance:\n{screen}"
    );
    assert!(
        screen.contains("四、结转下年度继续办理 / 自然人：130"),
        "{screen}"
    );
}

#[test]
fn the_review_wraps_every_message_and_enter_shows_it_on_the_cell() {
    let f = fixture();
    let id = broken_balance(&f);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '1');
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    let (screen, _) = draw(&mut app, 80, 24);
    // Whole, though wrapped: every number is there.
    let joined: String = screen
        .lines()
        .map(|l| l.trim_end_matches('│').trim_end().trim_start_matches('│'))
        .collect();
    for needle in ["3035", "3062", "相差 27"] {
        assert!(joined.contains(needle), "{needle} cut:\n{screen}");
    }
    insta::assert_snapshot!("review_broken_balance_80x24", screen);
    // Enter lands on the balance's first cell, the message shown there.
    key(&mut app, KeyCode::Enter);
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("（七）总计+四 = 3062"), "{screen}");
    assert!(screen.contains("三、一、本年新收"), "{screen}");
}

#[test]
fn one_count_everywhere_now_and_for_export() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    let (picker, _) = draw(&mut app, 100, 30);
    app.open(&id).expect("open");
    let (screen, _) = draw(&mut app, 100, 30);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft")
    };
    let final_errors = view.eval.errors_at(format(), crate::rules::Stage::Final);
    assert!(final_errors > 0);
    let both = format!("错误 0 · 导出前须处理 {final_errors}");
    assert!(screen.contains(&both), "{screen}");
    assert!(picker.contains(&format!("0（{final_errors}）")), "{picker}");
    open_step(&mut app, '1');
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    let (review, _) = draw(&mut app, 100, 30);
    assert!(
        review.contains(&format!("{final_errors} 个错误")),
        "{review}"
    );
}

const SWEEP: [(u16, u16); 9] = [
    (20, 5),
    (40, 10),
    (41, 12),
    (60, 20),
    (80, 24),
    (100, 30),
    (133, 41),
    (200, 50),
    (300, 100),
];

/// Whether the right edge of the screen is a border on every line between the title and the
/// status bar, and the outline's right edge too: nothing drawn over either.
fn borders_intact(term: &Terminal<TestBackend>, outline_right: Option<u16>) -> Result<(), String> {
    let buf = term.backend().buffer();
    let (w, h) = (buf.area.width, buf.area.height);
    let is_border = |s: &str| "│┐┘┤|+".contains(s) && !s.is_empty();
    for y in 1..h.saturating_sub(2) {
        let mut edges = vec![w - 1];
        edges.extend(outline_right);
        for x in edges {
            let sym = buf[(x, y)].symbol();
            if !is_border(sym) {
                return Err(format!("({x}, {y}) holds {sym:?}"));
            }
        }
    }
    Ok(())
}

#[test]
fn every_screen_at_every_size_keeps_its_borders() {
    let f = fixture();
    let id = broken_balance(&f);
    for lang in [Lang::Zh, Lang::En] {
        let mut app = app_in(&f, lang, Box::new(now));
        // The picker and the help over it.
        for (w, h) in SWEEP {
            draw(&mut app, w, h);
        }
        app.open(&id).expect("open");
        for step in 0..11 {
            for (focus_main, guidance) in [
                (false, Guidance::Pane),
                (true, Guidance::Pane),
                (false, Guidance::Full),
                (true, Guidance::Full),
            ] {
                let Screen::Draft(view) = &mut app.screen else {
                    panic!("draft")
                };
                view.step = step;
                view.focus_main = focus_main;
                view.guidance = guidance;
                // Somewhere in the middle of a grid, on a cell with a long label.
                if focus_main && matches!(step, 2 | 4 | 6) {
                    down(&mut app, 12);
                }
                for (w, h) in SWEEP {
                    let (screen, term) = draw(&mut app, w, h);
                    if w < super::super::app::MIN_WIDTH || h < super::super::app::MIN_HEIGHT {
                        let small = super::super::strings::strings(lang).too_small;
                        let first = small.split_whitespace().next().unwrap_or(small);
                        assert!(screen.contains(first), "{screen}");
                        continue;
                    }
                    let outline = screen
                        .lines()
                        .nth(1)
                        .and_then(|l| l.find("┐┌").or_else(|| l.find("++")))
                        .map(|i| {
                            crate::textwidth::width(&screen.lines().nth(1).unwrap_or("")[..i])
                                as u16
                        });
                    if let Err(e) = borders_intact(&term, outline) {
                        panic!(
                            "{lang:?} step {step} focus {focus_main} {guidance:?} at {w}x{h}: \
                             {e}\n{screen}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_help_scrolls_at_any_size_and_a_question_shows_its_own_keys() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '3');
    key(&mut app, KeyCode::F(1));
    let (top, _) = draw(&mut app, 40, 12);
    assert!(top.contains("↑ ↓ PgUp PgDn 滚动"), "{top}");
    for _ in 0..30 {
        key(&mut app, KeyCode::Down);
    }
    let (bottom, _) = draw(&mut app, 40, 12);
    assert_ne!(top, bottom, "the help did not scroll");
    assert!(
        bottom.contains("按 Esc 或 F1 关闭"),
        "the end is reachable:\n{bottom}"
    );
    key(&mut app, KeyCode::Esc);
    // The paste line names the terminal's paste, not a Ctrl+V that does nothing.
    key(&mut app, KeyCode::F(1));
    let (help, _) = draw(&mut app, 120, 40);
    assert!(!help.contains("Ctrl+V "), "{help}");
    assert!(help.contains("Ctrl+Shift+V"), "{help}");
}

/// The grid's headings are cut to their columns; the line under the grid names the focused
/// cell with its labels whole, units included, at any width (wrapped, not cut).
#[test]
fn the_focused_cell_names_its_column_in_full_units_included() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '3');
    for _ in 0..30 {
        key(&mut app, KeyCode::Down);
    }
    for (w, h) in [(60, 24), (80, 24), (200, 50)] {
        let (screen, _) = draw(&mut app, w, h);
        // The main pane's text, row after row (between the outline and the right border).
        let pane: String = screen
            .lines()
            .filter_map(|l| l.split('│').nth(3))
            .map(|l| l.replace(' ', ""))
            .collect();
        assert!(
            pane.contains("行政事业性收费/本年收费金额（单位：万元）"),
            "{w}x{h}: the focused fee cell's column is not named in full:\n{screen}"
        );
    }
}
