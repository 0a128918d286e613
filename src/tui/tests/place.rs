//! The clerk's place is kept: the text cursor comes back where it was, a look without a change
//! leaves the draft's 最后保存 alone, Ctrl+Home/End in a section, and the new-draft dialog
//! suggests the kind from the name.

use super::*;

#[test]
fn reopening_puts_the_text_cursor_back_mid_line() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "甲乙丙丁");
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Left);
    ctrl(&mut app, 'q');
    assert!(app.quit);
    drop(app);
    let mut again = self::app(&f);
    again.open(&id).expect("open");
    type_text(&mut again, "X");
    let Screen::Draft(view) = &again.screen else {
        panic!("draft")
    };
    assert_eq!(view.draft.section_text("s1"), "甲乙X丙丁");
}

#[test]
fn a_look_without_a_change_keeps_the_last_saved_time() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let before = f.store.load_id(&id).expect("load").updated;
    let later = now() + chrono::Duration::hours(3);
    let mut app = app_in(&f, Lang::Zh, Box::new(move || later));
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'q');
    app.finish();
    let after = f.store.load_id(&id).expect("load");
    assert_eq!(after.updated, before, "最后保存 moved without a change");
    // The place was kept all the same.
    assert!(after.resume.is_some());
}

#[test]
fn ctrl_home_and_ctrl_end_go_to_the_start_and_end_of_the_section() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    app.on_paste("第一行\n第二行\n第三行");
    app.on_key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
    type_text(&mut app, "A");
    app.on_key(KeyEvent::new(KeyCode::End, KeyModifiers::CONTROL));
    type_text(&mut app, "Z");
    let Screen::Draft(view) = &app.screen else {
        panic!("draft")
    };
    assert_eq!(view.draft.section_text("s1"), "A第一行\n第二行\n第三行Z");
}

#[test]
fn the_new_draft_dialog_suggests_the_kind_from_the_name_until_changed() {
    let f = fixture();
    let mut app = app(&f);
    key(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "某某区人民政府");
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("人民政府（3月31日前公布）"), "{screen}");
    assert!(screen.contains("←/→ 切换"), "{screen}");
    // The clerk says otherwise: the name no longer decides.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "办公室");
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("部门（1月31日前公布）"), "{screen}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "某某经济开发区管委会");
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("人民政府（3月31日前公布）"), "{screen}");
}

#[test]
fn the_english_interface_writes_half_width_punctuation() {
    let f = fixture();
    saved_draft(&f, false);
    let mut app = app_in(&f, Lang::En, Box::new(now));
    key(&mut app, KeyCode::Char('n'));
    let (screen, _) = draw(&mut app, 100, 30);
    for mark in ['：', '（', '）', '，'] {
        // Chinese labels of the report itself may hold them; the dialog's own words do not.
        let dialog: String = screen
            .lines()
            .filter(|l| l.contains("Agency") || l.contains("Report of"))
            .collect();
        assert!(!dialog.contains(mark), "{mark} in {dialog}");
    }
}

#[test]
fn the_export_dialog_writes_the_format_its_file_name_asks_for() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let mut app = app(&f);
    app.open(&id).expect("open");
    ctrl(&mut app, 'e');
    let (screen, _) = draw(&mut app, 100, 30);
    assert!(screen.contains(".docx"), "{screen}");
    let Some(super::super::app::Popup::Export(form)) = &mut app.popup else {
        panic!("export dialog")
    };
    let target = f.export_dir.join("报告.html");
    form.path = super::super::textfield::TextField::new(&target.display().to_string());
    key(&mut app, KeyCode::Enter);
    let page = std::fs::read_to_string(&target).expect("written");
    assert!(
        page.contains("<table") && page.contains("予以公开"),
        "{page}"
    );
}

/// The lines of the section pane that hold any text (the editor's inner area at 80x24).
fn filled_pane_lines(screen: &str) -> usize {
    screen.lines().filter(|l| l.contains("行文")).count()
}

fn numbered_lines(from: usize, to: usize) -> String {
    (from..to)
        .map(|i| format!("第{i}行文字"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn page_down_past_the_end_keeps_the_text_in_view() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    app.on_paste(&numbered_lines(1, 31));
    app.on_key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
    draw(&mut app, 80, 24);
    let full = filled_pane_lines(&draw(&mut app, 80, 24).0);
    assert!(full >= 5, "the pane shows the text to begin with");
    for _ in 0..5 {
        key(&mut app, KeyCode::PageDown);
        draw(&mut app, 80, 24);
    }
    let (screen, _) = draw(&mut app, 80, 24);
    assert_eq!(
        filled_pane_lines(&screen),
        full,
        "PgDn past the end emptied the pane:\n{screen}"
    );
    assert!(
        screen.contains("第30行文字"),
        "the last line shows:\n{screen}"
    );
    // And the cursor is on that last line: typing lands there.
    type_text(&mut app, "末");
    let Screen::Draft(view) = &app.screen else {
        panic!("draft")
    };
    let text = view.draft.section_text("s1");
    assert_eq!(text.lines().count(), 30);
    assert!(
        text.lines().last().is_some_and(|l| l.contains('末')),
        "PgDn to the end puts the caret on the last line: {text}"
    );
}

#[test]
fn undoing_a_long_paste_keeps_the_text_in_view() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    app.on_paste(&numbered_lines(1, 31));
    draw(&mut app, 80, 24);
    let full = filled_pane_lines(&draw(&mut app, 80, 24).0);
    app.on_paste(&format!("\n{}", numbered_lines(31, 91)));
    draw(&mut app, 80, 24);
    ctrl(&mut app, 'z');
    let (screen, _) = draw(&mut app, 80, 24);
    assert_eq!(
        filled_pane_lines(&screen),
        full,
        "undoing the paste left the pane looking empty:\n{screen}"
    );
    assert!(
        screen.contains("第30行文字"),
        "the paste's place shows:\n{screen}"
    );
}
