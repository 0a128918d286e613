//! The grid builds only the lines in view: whatever the pane's height, the cursor's row and
//! F4's last-year lines, what it shows is a window of the whole table, in order, with the
//! cursor's row in it.

use super::*;
use crate::rules::{Stage, evaluate};
use crate::tui::grid::{TableGrid, View};
use ratatui::layout::Rect;

/// The grid's lines (blank ones left out), and which of them holds the cursor's cell.
fn render(grid: &mut TableGrid, view: &View, w: u16, h: u16) -> (Vec<String>, Option<usize>) {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| grid.render(f, Rect::new(0, 0, w, h), view))
        .expect("draw");
    let buf = term.backend().buffer();
    let mut lines = Vec::new();
    let mut cursor = None;
    for (y, line) in screen_text(&term).lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let selected = (0..w).any(|x| buf[(x, y as u16)].modifier.contains(Modifier::REVERSED));
        if selected {
            cursor = Some(lines.len());
        }
        lines.push(line.to_string());
    }
    (lines, cursor)
}

#[test]
fn every_height_and_cursor_row_shows_a_window_of_the_whole_table() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let draft = f.store.load_id(&id).expect("load");
    let today = now().date_naive();
    let eval = evaluate(format(), &draft, Stage::Drafting, today);
    let mut last = draft.clone();
    last.year -= 1;
    let last_eval = evaluate(format(), &last, Stage::Drafting, today);
    let theme = Theme {
        color: false,
        ascii: false,
    };
    let mut checked = 0;
    for table in ["t2", "t3", "t4"] {
        for with_previous in [false, true] {
            let view = View {
                format: format(),
                eval: &eval,
                previous: with_previous.then_some(&last_eval),
                theme,
                strings: super::super::strings::strings(Lang::Zh),
                lang: Lang::Zh,
                focused: true,
            };
            let mut grid = TableGrid::new(format(), table).expect("grid");
            let mut cur = 0;
            loop {
                grid.set_position(cur, 0);
                if grid.cur != cur {
                    break; // past the last data row
                }
                let (whole, at) = render(&mut grid, &view, 100, 400);
                let at = at.expect("the cursor's cell in the whole table");
                for h in 2..30u16 {
                    let (shown, shown_at) = render(&mut grid, &view, 100, h);
                    // Frozen headings at the top are the whole table's first lines; the rest
                    // is one unbroken run of the whole table's lines.
                    let frozen = shown.iter().zip(&whole).take_while(|(a, b)| a == b).count();
                    let body = &shown[frozen..];
                    // (Rows can read alike — last year's lines — so any place they fit will do.)
                    assert!(
                        (0..whole.len()).any(|start| whole[start..].starts_with(body)),
                        "{table} h={h} cur={cur} previous={with_previous}: not a window of the table\n{}",
                        shown.join("\n")
                    );
                    let shown_at = shown_at.unwrap_or_else(|| {
                        panic!(
                            "{table} h={h} cur={cur} previous={with_previous}: cursor not in view\n{}",
                            shown.join("\n")
                        )
                    });
                    assert_eq!(shown[shown_at], whole[at], "{table} h={h} cur={cur}");
                    checked += 1;
                }
                cur += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}
