//! Rendering and behaviour of every screen, on ratatui's `TestBackend` (snapshots with insta)
//! at 80x24 and 120x40; keys go through the same keymap as in the terminal.

use super::app::{App, Popup, Screen};
use super::keymap::Mode;
use super::theme::Theme;
use crate::draft::{AgencyKind, Draft};
use crate::format::{CellRef, Format};
use crate::i18n::Lang;
use crate::import::{ImportOptions, import_text};
use crate::storage::Store;
use chrono::{DateTime, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-01-10T10:00:00+08:00").expect("now")
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    export_dir: std::path::PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path().join("data"));
    let export_dir = dir.path().join("exports");
    std::fs::create_dir_all(&export_dir).expect("mkdir");
    Fixture {
        _dir: dir,
        store,
        export_dir,
    }
}

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

/// A draft saved in the store: empty, or the complete hand-checked report.
fn saved_draft(f: &Fixture, complete: bool) -> String {
    let draft = if complete {
        let text = include_str!("../../tests/fixtures/complete-2024.txt");
        let opts = ImportOptions {
            id: "2024-c0ffee".into(),
            agency: None,
            year: None,
            kind: None,
            now: now(),
        };
        import_text(format(), text, "UTF-8", &opts).draft
    } else {
        Draft::new(
            "2025-000001",
            format(),
            "某县生态环境局",
            AgencyKind::Department,
            2025,
            now(),
        )
    };
    f.store.save(&draft).expect("save");
    draft.id
}

fn app(f: &Fixture) -> App {
    app_exporting_to(f, f.export_dir.clone())
}

/// An app whose export dialog proposes files in `export_dir` (a fixed relative path keeps
/// snapshots free of temporary directory names).
fn app_exporting_to(f: &Fixture, export_dir: std::path::PathBuf) -> App {
    let theme = Theme {
        color: false,
        ascii: false,
    };
    App::new(f.store.clone(), Lang::Zh, theme, Box::new(now), export_dir)
}

/// An app in `lang` whose clock says `clock()`, without colours.
fn app_in(f: &Fixture, lang: Lang, clock: super::app::Clock) -> App {
    let theme = Theme {
        color: false,
        ascii: false,
    };
    App::new(f.store.clone(), lang, theme, clock, f.export_dir.clone())
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Draws and returns the screen as text: wide characters once (without the blank cell
/// `TestBackend` keeps after them), and the cursor position when it is shown.
fn draw(app: &mut App, w: u16, h: u16) -> (String, Terminal<TestBackend>) {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| app.render(f)).expect("draw");
    let text = screen_text(&term);
    (text, term)
}

fn screen_text(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        let mut line = String::new();
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += (crate::textwidth::width(sym) as u16).max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let backend = term.backend();
    if backend.cursor_visible() {
        let p = backend.cursor_position();
        out.push_str(&format!("cursor: ({}, {})\n", p.x, p.y));
    }
    out
}

fn snapshot_both_sizes(name: &str, app: &mut App) {
    for (w, h) in SIZES {
        let (text, _) = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

#[test]
fn picker_lists_drafts_and_broken_files() {
    let f = fixture();
    saved_draft(&f, false);
    saved_draft(&f, true);
    std::fs::write(f.store.draft_path("2025-broken"), "{ not json").expect("write");
    let mut app = app(&f);
    assert_eq!(app.mode(), Mode::Picker);
    snapshot_both_sizes("picker", &mut app);
}

#[test]
fn copy_and_delete_from_the_picker_keep_files_recoverable() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut source = f.store.load_id(&id).expect("load");
    source.set_cell(
        format(),
        &crate::format::CellRef::new("t3", "carry_next", "natural"),
        "7",
    );
    f.store.save(&source).expect("save");
    let mut app = app(&f);
    // `c` asks for the copy's agency and year first (the year after, by default).
    key(&mut app, KeyCode::Char('c'));
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(
        screen.contains("复制为新草稿") && screen.contains("2026"),
        "{screen}"
    );
    assert_eq!(f.store.list().expect("list").len(), 1);
    key(&mut app, KeyCode::Enter);
    assert_eq!(f.store.list().expect("list").len(), 2);
    let listed = f.store.list().expect("list");
    let copy = listed
        .iter()
        .filter_map(|l| l.draft.as_ref().ok())
        .find(|d| d.year == 2026 && d.agency == "某县生态环境局")
        .expect("the copy");
    let source = listed
        .iter()
        .filter_map(|l| l.draft.as_ref().ok())
        .find(|d| d.year == 2025)
        .expect("the source");
    // Started from last year: 上年结转 from its 结转下年度, last year kept for the check.
    let carried = |d: &crate::draft::Draft, row: &str| {
        d.cell(&crate::format::CellRef::new("t3", row, "natural"))
            .map(str::to_string)
    };
    assert!(
        carried(source, "carry_next").is_some(),
        "the source has the row"
    );
    assert_eq!(carried(copy, "carried"), carried(source, "carry_next"));
    assert_eq!(copy.previous.as_ref().map(|p| p.year), Some(2025));
    assert_eq!(
        carried(copy, "new"),
        None,
        "this year's numbers start blank"
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.0.starts_with("已复制为"))
    );
    key(&mut app, KeyCode::Char('d'));
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("删除草稿"), "{screen}");
    // Anything but y keeps it.
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(f.store.list().expect("list").len(), 2);
    key(&mut app, KeyCode::Char('d'));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(f.store.list().expect("list").len(), 1);
    // The draft went to the trash (with its backup, the draft having been saved twice).
    assert_eq!(
        std::fs::read_dir(f.store.trash_dir())
            .expect("trash")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
            .count(),
        1
    );
}

#[test]
fn a_new_draft_from_the_picker_opens_on_the_outline() {
    let f = fixture();
    let mut app = app(&f);
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.mode(), Mode::Dialog);
    type_text(&mut app, "某乡人民政府");
    // Until April the default year is last year.
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("报告年度：2025"), "{screen}");
    // The name says it: a government's report, without touching the kind.
    snapshot_both_sizes("new_draft_dialog", &mut app);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Outline);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(view.draft.agency, "某乡人民政府");
    assert_eq!(view.draft.agency_kind, AgencyKind::Government);
    assert_eq!(f.store.list().expect("list").len(), 1);
}

/// An agency and a year copied from two cells (`某县自然资源局⏎2023`) and pasted into the
/// agency field fill both fields; the line break never ends up inside the name.
#[test]
fn a_name_and_year_pasted_together_fill_both_fields() {
    let f = fixture();
    let mut app = app(&f);
    key(&mut app, KeyCode::Char('n'));
    app.on_paste("某县自然资源局\r\n2023\r\n");
    key(&mut app, KeyCode::Enter);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen: {:?}", app.message)
    };
    assert_eq!(view.draft.agency, "某县自然资源局");
    assert_eq!(view.draft.year, 2023);
}

/// The year field holds a suggestion: last year until the end of March (people's governments
/// publish by 31 March), this year from April; a year typed over it replaces it, as it looks
/// selected.
#[test]
fn the_suggested_year_is_replaced_by_the_year_typed() {
    let f = fixture();
    for (date, suggested) in [
        ("2026-03-31T23:00:00+08:00", "2025"),
        ("2026-04-01T09:00:00+08:00", "2026"),
    ] {
        let mut app = app_in(
            &f,
            Lang::Zh,
            Box::new(move || DateTime::parse_from_rfc3339(date).expect("date")),
        );
        key(&mut app, KeyCode::Char('n'));
        let (screen, _) = draw(&mut app, 80, 24);
        assert!(
            screen.contains(&format!("报告年度：{suggested}")),
            "{date}\n{screen}"
        );
    }
    let mut app = app(&f);
    key(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "某县交通运输局");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "2024");
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("报告年度：2024 "), "{screen}");
    key(&mut app, KeyCode::Enter);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(view.draft.year, 2024);
}

#[test]
fn the_preamble_and_the_signature_are_written_like_a_section() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Char('9'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Section);
    type_text(&mut app, "本报告根据《条例》编制。");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Section);
    let (screen, _) = draw(&mut app, 100, 30);
    assert!(screen.contains("落款 · 0 字"), "{screen}");
    assert!(
        screen.contains("发布机关名称"),
        "the guidance is shown:\n{screen}"
    );
    type_text(&mut app, "淮河市生态环境局");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "2025年1月20日");
    key(&mut app, KeyCode::Esc);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(
        view.draft.section_text("preamble"),
        "本报告根据《条例》编制。"
    );
    assert_eq!(
        view.draft.section_text("signature"),
        "淮河市生态环境局\n2025年1月20日"
    );
    let (preview, _) = {
        key(&mut app, KeyCode::End);
        key(&mut app, KeyCode::Enter);
        draw(&mut app, 100, 30)
    };
    assert!(preview.contains("本报告根据《条例》编制。"), "{preview}");
}

#[test]
fn typing_chinese_in_a_section_places_the_cursor_after_it() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Section);
    type_text(
        &mut app,
        "（一）主动公开情况。本年度共主动公开政府信息1260条。",
    );
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "第二段");
    // While keys come, the outline and the counts wait; a pause brings them up to date.
    let (typing, _) = draw(&mut app, 80, 24);
    assert!(typing.contains("[ ] 1 一、总体情况"), "{typing}");
    app.tick(std::time::Instant::now());
    let (screen, term) = draw(&mut app, 80, 24);
    assert!(screen.contains("[v] 1 一、总体情况"), "{screen}");
    // The text starts after the outline (24 columns) and the border, on line 2 (title, border);
    // "第二段" is 6 columns wide, and the caret is after it, on the second line.
    let (x, y) = find(&screen, "第二段").expect("text shown");
    assert_eq!((x, y), (25, 3), "{screen}");
    assert_eq!(
        term.backend().cursor_position(),
        ratatui::layout::Position::new(x + 6, y),
        "{screen}"
    );
    snapshot_both_sizes("section_chinese", &mut app);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(
        view.draft.section_text("s1"),
        "（一）主动公开情况。本年度共主动公开政府信息1260条。\n第二段"
    );
    // Undo and redo.
    ctrl(&mut app, 'z');
    ctrl(&mut app, 'z');
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(
        view.draft.section_text("s1"),
        "（一）主动公开情况。本年度共主动公开政府信息1260条。\n第"
    );
    ctrl(&mut app, 'y');
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert!(view.draft.section_text("s1").ends_with("第二"));
}

/// Text typed or pasted while the outline has the focus lands in the section shown beside
/// it (it was dropped): only the digits 1–9 move between steps there.
#[test]
fn typing_in_the_outline_goes_to_the_section_shown() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    assert_eq!(app.mode(), Mode::Outline);
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('1'));
    type_text(&mut app, "（一）无其他事项。");
    assert_eq!(app.mode(), Mode::Section);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Outline);
    app.on_paste("第二段");
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(view.draft.section_text("s1"), "（一）无其他事项。第二段");
    assert_eq!(app.mode(), Mode::Section);
}

/// A damaged draft whose file was written after its backup: the offer to restore says that
/// the changes in between are not in the backup.
#[test]
fn restoring_an_older_backup_says_what_it_lacks() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let Ok(mut d) = f.store.load_id(&id) else {
        panic!("draft")
    };
    d.set_section_text("s1", "第二次保存");
    f.store
        .save(&d)
        .expect("second save: the first becomes the .bak");
    let path = f.store.draft_path(&id);
    let bytes = std::fs::read(&path).expect("draft");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("cut in half");
    let mut app = app(&f);
    let _ = app.open(&id);
    let Some(Popup::Confirm(c)) = &app.popup else {
        panic!("a restore offer: {:?}", app.message)
    };
    assert!(c.message.contains("比备份晚"), "{}", c.message);
}

#[test]
fn pasted_text_keeps_its_line_breaks() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    app.on_paste("第一行\r第二行\r\n第三行");
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(view.draft.section_text("s1"), "第一行\n第二行\n第三行");
}

/// Word's CRLF through a terminal that turns LF into CR (CR CR), a zero-width space from a
/// web page, Word's soft return and an escape sequence: the text is what the clerk sees, no
/// blank line after every line, nothing hidden that an export would print; the status line
/// says what was done, and one undo takes the paste back.
#[test]
fn a_pasted_text_comes_in_clean_and_the_status_line_says_how() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    app.on_paste("甲行\r\r乙\u{200b}行\u{b}软回车\r\r丙\u{1b}[2J行\r\r");
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(
        view.draft.section_text("s1"),
        "甲行\n乙行\n软回车\n丙[2J行\n"
    );
    let (message, _) = app.message.clone().expect("a note");
    assert!(
        message.contains("成对的换行") && message.contains("去掉了 2 个"),
        "{message}"
    );
    ctrl(&mut app, 'z');
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(view.draft.section_text("s1"), "");
    // A clean paste says nothing.
    app.on_paste("丁行");
    assert_eq!(app.message, None);
}

/// From the outline: past section 六, the preamble and the signature, into the review.
fn open_review(app: &mut App) {
    key(app, KeyCode::Char('9'));
    for _ in 0..3 {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Review);
}

fn open_step(app: &mut App, step: char) {
    key(app, KeyCode::Char(step));
    key(app, KeyCode::Enter);
}

#[test]
fn the_section_three_grid_computes_totals_as_numbers_are_typed() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    assert_eq!(app.mode(), Mode::Grid);
    type_text(&mut app, "12");
    assert_eq!(app.mode(), Mode::CellEdit);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Grid);
    // Full-width digits, as a Chinese input method types them.
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Right);
    type_text(&mut app, "３");
    key(&mut app, KeyCode::Enter);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(
        view.eval
            .display(&CellRef::new("t3", "new", "total"))
            .as_deref(),
        Some("15")
    );
    assert_eq!(
        view.draft.cell(&CellRef::new("t3", "new", "commercial")),
        Some("3")
    );
    // A total cannot be typed into.
    key(&mut app, KeyCode::End);
    type_text(&mut app, "5");
    assert_eq!(app.mode(), Mode::Grid);
    assert_eq!(
        app.message.as_ref().map(|m| m.0.as_str()),
        Some("合计由系统自动计算，不能直接填写")
    );
    // Esc cancels an edit and keeps the old value.
    key(&mut app, KeyCode::Home);
    type_text(&mut app, "99");
    key(&mut app, KeyCode::Esc);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(
        view.draft.cell(&CellRef::new("t3", "carried", "natural")),
        None
    );
    assert_eq!(app.mode(), Mode::Grid);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Outline);
}

#[test]
fn a_pasted_block_fills_cells_and_skips_totals() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    app.on_paste("1\t2\t3\t4\t5\t6\t21\r\n7\t8\t9\t10\t11\t12\t57\r\n");
    assert_eq!(
        app.message.as_ref().map(|m| m.0.as_str()),
        Some(
            "已粘贴 三、一、本年新收政府信息公开申请数量 至 二、上年结转政府信息公开申请数量，\
             自然人 至 总计：12 个单元格；2 个合计与计算一致（合计不写入）"
        )
    );
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(
        view.eval
            .display(&CellRef::new("t3", "new", "total"))
            .as_deref(),
        Some("21")
    );
    assert_eq!(
        view.eval
            .display(&CellRef::new("t3", "carried", "total"))
            .as_deref(),
        Some("57")
    );
    // One undo takes the whole paste back.
    ctrl(&mut app, 'z');
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert!(view.draft.cells.is_empty());
}

/// A one-column block whose every line is followed by a blank line (`41`, blank, `42` copied
/// with LF ends; or `41`, `42` with CRLF doubled by the terminal): never guessed, asked.
#[test]
fn a_column_pasted_with_every_break_doubled_is_asked_about() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let cell = |app: &App, row: &str| {
        let Screen::Draft(view) = &app.screen else {
            panic!("draft screen")
        };
        view.draft
            .cell(&CellRef::new("t3", row, "natural"))
            .map(str::to_string)
    };
    // n: the blank line is a blank cell; 42 goes two rows down.
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    for _ in 0..2 {
        key(&mut app, KeyCode::Down);
    }
    app.on_paste("41\n\n42\n");
    assert!(matches!(app.popup, Some(Popup::Confirm(_))), "asked");
    assert_eq!(
        cell(&app, "granted"),
        None,
        "nothing pasted before the answer"
    );
    key(&mut app, KeyCode::Char('n'));
    assert!(app.popup.is_none());
    assert_eq!(cell(&app, "granted").as_deref(), Some("41"));
    assert_eq!(cell(&app, "partial"), None);
    assert_eq!(cell(&app, "withheld_secret").as_deref(), Some("42"));
    // y: each pair of breaks is one; 42 goes to the next row.
    ctrl(&mut app, 'z');
    app.on_paste("41\r\r42\r");
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(cell(&app, "granted").as_deref(), Some("41"));
    assert_eq!(cell(&app, "partial").as_deref(), Some("42"));
    // Esc: nothing pasted, and it says so.
    ctrl(&mut app, 'z');
    app.on_paste("41\r\r42\r");
    key(&mut app, KeyCode::Esc);
    assert_eq!(cell(&app, "granted"), None);
    assert_eq!(app.message.as_ref().map(|m| m.0.as_str()), Some("未粘贴"));
}

/// A paste whose report does not fit the bottom lines at 80 columns (ten totals that
/// disagree) is shown whole in a box: no disagreement is cut off.
#[test]
fn a_long_paste_report_is_shown_whole() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    draw(&mut app, 80, 24);
    open_step(&mut app, '5');
    let block = "1\t0\t0\t0\t0\t0\t2\r\n".repeat(10);
    app.on_paste(&block);
    let Some(Popup::Report(text)) = &app.popup else {
        panic!("a box, not the bottom lines: {:?}", app.message)
    };
    assert_eq!(text.matches("计算得 1").count(), 10, "{text}");
    let (shown, _) = draw(&mut app, 80, 24);
    insta::assert_snapshot!("paste_report_80x24", shown);
    // Scrolled to its end, the last disagreement is in the box.
    for _ in 0..3 {
        key(&mut app, KeyCode::PageDown);
    }
    let (end, _) = draw(&mut app, 80, 24);
    assert!(
        end.contains("6.属于四类过程性信息 / 总计：粘贴的是 2，计算得 1"),
        "{end}"
    );
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    // A short report stays at the bottom.
    app.on_paste("5\t0\t0\t0\t0\t0\t5\r\n");
    assert!(app.popup.is_none() && app.message.is_some());
}

#[test]
fn the_grids_scroll_sideways_with_labels_frozen() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    key(&mut app, KeyCode::End);
    for _ in 0..30 {
        key(&mut app, KeyCode::Down);
    }
    snapshot_both_sizes("grid_three_scrolled", &mut app);
    key(&mut app, KeyCode::Esc);
    open_step(&mut app, '7');
    for _ in 0..12 {
        key(&mut app, KeyCode::Right);
    }
    snapshot_both_sizes("grid_four_scrolled", &mut app);
}

#[test]
fn an_inconsistent_total_is_highlighted_and_explained() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let mut draft = f.store.load_id(&id).expect("load");
    // The report states 2933 where its rows add up to 2932.
    draft.cells.insert("t3.total.natural".into(), "2933".into());
    f.store.save(&draft).expect("save");
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    // With the cursor next to it, the stated total is highlighted as an error.
    for _ in 0..23 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Right);
    let (screen, term) = draw(&mut app, 120, 40);
    let buf = term.backend().buffer();
    let (x, y) = find(&screen, "=2933").expect("stated total shown");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::UNDERLINED),
        "{screen}"
    );
    // On the cell, the status line names it and both numbers.
    key(&mut app, KeyCode::Left);
    let (screen, _) = draw(&mut app, 120, 40);
    assert!(
        screen.contains("三、（七）总计 / 自然人：=2933")
            || screen.contains("三、（七）总计 / 自然人：2933"),
        "{screen}"
    );
    assert!(screen.contains("分项之和为 2932，填写为 2933"), "{screen}");
    snapshot_both_sizes("grid_error", &mut app);
    // Delete on a stated total drops it: the computed total shows again.
    key(&mut app, KeyCode::Delete);
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert_eq!(view.eval.errors(), 0);
}

/// Column and row of the first occurrence of `needle` on screen (in cells).
fn find(screen: &str, needle: &str) -> Option<(u16, u16)> {
    for (y, line) in screen.lines().enumerate() {
        if let Some(i) = line.find(needle) {
            let x = crate::textwidth::width(&line[..i]);
            return Some((x as u16, y as u16));
        }
    }
    None
}

#[test]
fn help_export_review_and_preview_screens() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let mut app = app_exporting_to(&f, "报告".into());
    app.open(&id).expect("open");
    key(&mut app, KeyCode::F(1));
    assert_eq!(app.mode(), Mode::Help);
    snapshot_both_sizes("help_outline", &mut app);
    key(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'e');
    assert_eq!(app.mode(), Mode::Dialog);
    snapshot_both_sizes("export_dialog", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('9'));
    // After section 六: the optional preamble and signature, with their guidance, then the
    // review.
    key(&mut app, KeyCode::Down);
    snapshot_both_sizes("preamble_step", &mut app);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Review);
    snapshot_both_sizes("review", &mut app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Preview);
    snapshot_both_sizes("preview", &mut app);
}

/// The review lists a table's problems in the order of its rows and columns (the rules
/// report by cell id: 二、上年结转 came before 一、本年新收, 商业企业 before 自然人).
#[test]
fn the_review_lists_problems_in_the_order_of_the_report() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let Ok(mut d) = f.store.load_id(&id) else {
        panic!("draft")
    };
    for (row, col) in [
        ("carried", "natural"),
        ("new", "commercial"),
        ("new", "natural"),
    ] {
        d.set_cell(format(), &CellRef::new("t3", row, col), "abc");
    }
    f.store.save(&d).expect("save");
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_review(&mut app);
    let (screen, _) = draw(&mut app, 200, 50);
    let at = |needle: &str| {
        screen
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {screen}"))
    };
    let first = at("一、本年新收政府信息公开申请数量 / 自然人");
    assert!(
        first < at("一、本年新收政府信息公开申请数量 / 法人或其他组织 商业企业"),
        "{screen}"
    );
    assert!(
        first < at("二、上年结转政府信息公开申请数量 / 自然人"),
        "{screen}"
    );
}

/// The review scrolled to the end of a long list, then most problems fixed: the ones left
/// are shown, none hidden above the view.
#[test]
fn a_review_list_that_shrank_shows_what_is_left() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let Ok(mut d) = f.store.load_id(&id) else {
        panic!("draft")
    };
    for row in ["regulations", "normative_docs"] {
        d.set_cell(format(), &CellRef::new("t2", row, "issued"), "abc");
    }
    f.store.save(&d).expect("save");
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    app.on_paste(&"x\tx\tx\tx\tx\tx\r\n".repeat(6));
    if matches!(app.popup, Some(Popup::Report(_))) {
        key(&mut app, KeyCode::Esc);
    }
    key(&mut app, KeyCode::Esc);
    open_review(&mut app);
    for _ in 0..10 {
        key(&mut app, KeyCode::PageDown);
    }
    draw(&mut app, 80, 24);
    // Fixed: the paste taken back.
    key(&mut app, KeyCode::Esc);
    open_step(&mut app, '5');
    ctrl(&mut app, 'z');
    key(&mut app, KeyCode::Esc);
    open_review(&mut app);
    let (screen, _) = draw(&mut app, 80, 24);
    assert_eq!(screen.matches("规章 / 本年制发件数").count(), 1, "{screen}");
    assert_eq!(
        screen.matches("行政规范性文件 / 本年制发件数").count(),
        1,
        "{screen}"
    );
}

#[test]
fn export_from_the_dialog_writes_the_text_export() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let mut app = app(&f);
    app.open(&id).expect("open");
    ctrl(&mut app, 'e');
    // Past the file and the format, to the table style.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    let path = f
        .export_dir
        .join("淮河市生态环境局2024年政府信息公开工作年度报告.txt");
    let written = std::fs::read_to_string(&path).expect("exported");
    assert_eq!(
        written,
        include_str!("../../tests/fixtures/complete-2024.txt")
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.0.starts_with("已导出到"))
    );
    // Again: the file exists, so it asks first.
    ctrl(&mut app, 'e');
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Dialog);
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("覆盖吗"), "{screen}");
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.mode(), Mode::Outline);
}

/// The path in the open export dialog.
fn dialog_path(app: &App) -> String {
    let Some(super::app::Popup::Export(form)) = &app.popup else {
        panic!("export dialog")
    };
    form.path.text().to_string()
}

#[test]
fn the_export_dialog_offers_every_format_and_switches_the_extension() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let mut app = app(&f);
    app.open(&id).expect("open");
    ctrl(&mut app, 'e');
    let (screen, _) = draw(&mut app, 80, 24);
    for ext in [".txt", ".docx", ".html", ".md", ".json"] {
        assert!(screen.contains(ext), "{ext}: {screen}");
    }
    assert!(dialog_path(&app).ends_with(".txt"));
    key(&mut app, KeyCode::Tab);
    for ext in ["docx", "html", "md", "json", "txt", "docx"] {
        key(&mut app, KeyCode::Right);
        assert!(
            dialog_path(&app).ends_with(&format!("年度报告.{ext}")),
            "{}",
            dialog_path(&app)
        );
    }
    key(&mut app, KeyCode::Left);
    assert!(dialog_path(&app).ends_with(".txt"), "{}", dialog_path(&app));
    // Typing another extension chooses that kind: the format line follows.
    key(&mut app, KeyCode::BackTab);
    for _ in 0..3 {
        key(&mut app, KeyCode::Backspace);
    }
    for c in "md".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("<.md>"), "{screen}");
}

#[test]
fn the_export_dialog_remembers_the_last_format_per_draft_and_names_the_full_path() {
    let f = fixture();
    let id = saved_draft(&f, true);
    let other = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    ctrl(&mut app, 'e');
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right);
    assert!(dialog_path(&app).ends_with(".docx"));
    key(&mut app, KeyCode::Enter);
    let path = f
        .export_dir
        .join("淮河市生态环境局2024年政府信息公开工作年度报告.docx");
    assert!(path.exists(), "{path:?}");
    let message = app
        .message
        .as_ref()
        .map(|m| m.0.clone())
        .unwrap_or_default();
    let full = std::path::absolute(&path).expect("absolute");
    assert!(full.is_absolute());
    assert_eq!(message, format!("已导出到 {}", full.display()));
    // Reopened, the draft's dialog proposes .docx again; the other draft still .txt.
    ctrl(&mut app, 'q');
    assert!(app.quit);
    let on_disk = f.store.load_id(&id).expect("load");
    assert_eq!(on_disk.export_kind.as_deref(), Some("docx"));
    // The first session's lock goes with it.
    drop(app);
    let mut app = self::app(&f);
    app.open(&id).expect("open");
    ctrl(&mut app, 'e');
    assert!(
        dialog_path(&app).ends_with("年度报告.docx"),
        "{}",
        dialog_path(&app)
    );
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("<.docx>"), "{screen}");
    let mut app = self::app(&f);
    app.open(&other).expect("open");
    ctrl(&mut app, 'e');
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(app.popup.is_some(), "{screen}");
    assert!(dialog_path(&app).ends_with(".txt"), "{}", dialog_path(&app));
}

#[test]
fn export_with_errors_asks_before_exporting_anyway() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    ctrl(&mut app, 'e');
    key(&mut app, KeyCode::Enter);
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("仍要导出吗"), "{screen}");
    // Named as the status bar names them (错误 0 · 导出前须处理 N): blank cells are warnings
    // while drafting, errors for export.
    assert!(screen.contains("导出前须处理"), "{screen}");
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(std::fs::read_dir(&f.export_dir).expect("dir").count(), 0);
}

#[test]
fn quitting_saves_and_reopening_returns_to_the_same_place() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Right);
    type_text(&mut app, "7");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'q');
    assert!(app.quit);
    app.save_now();
    let saved = f.store.load_id(&id).expect("load");
    assert_eq!(
        saved.cell(&CellRef::new("t3", "carried", "commercial")),
        Some("7")
    );
    // The program ends: its lock goes with it.
    drop(app);
    let mut again = self::app(&f);
    again.open(&id).expect("open");
    assert_eq!(again.mode(), Mode::Grid);
    type_text(&mut again, "4");
    key(&mut again, KeyCode::Enter);
    let Screen::Draft(view) = &again.screen else {
        panic!("draft screen")
    };
    // The cursor came back one row below the last edit.
    assert_eq!(
        view.draft
            .cell(&CellRef::new("t3", "granted", "commercial")),
        Some("4")
    );
}

#[test]
fn autosave_waits_for_two_quiet_seconds() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "文字");
    let start = std::time::Instant::now();
    app.tick(start);
    assert_eq!(f.store.load_id(&id).expect("load").section_text("s1"), "");
    app.tick(start + std::time::Duration::from_secs(3));
    assert_eq!(
        f.store.load_id(&id).expect("load").section_text("s1"),
        "文字"
    );
}

#[test]
fn tiny_terminals_get_a_message_not_a_panic() {
    let f = fixture();
    saved_draft(&f, true);
    let mut app = app(&f);
    for (w, h) in [(1, 1), (20, 5), (39, 30), (80, 9)] {
        let (screen, _) = draw(&mut app, w, h);
        assert!(w < 20 || screen.contains("请放大"), "{w}x{h}: {screen}");
    }
    app.open("2024-c0ffee").expect("open");
    for (w, h) in [(1, 1), (20, 5), (40, 10), (41, 11)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn keys_and_pastes_do_not_edit_a_screen_too_small_to_show_them() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    type_text(&mut app, "看得见");
    let (screen, _) = draw(&mut app, 20, 5);
    assert!(screen.contains("请放大"), "{screen}");
    type_text(&mut app, "看不见");
    key(&mut app, KeyCode::Backspace);
    app.on_paste("贴不上");
    let text = |app: &App| match &app.screen {
        Screen::Draft(view) => view.draft.section_text("s1").to_string(),
        Screen::Picker(_) => panic!("draft screen"),
    };
    assert!(text(&app).ends_with("看得见"), "{}", text(&app));
    // Back to a usable size, typing goes on where it was.
    draw(&mut app, 80, 24);
    type_text(&mut app, "又看得见");
    assert!(text(&app).ends_with("看得见又看得见"), "{}", text(&app));
    // Quitting still works (and saves) while too small.
    draw(&mut app, 20, 5);
    ctrl(&mut app, 'q');
    assert!(app.quit);
}

#[test]
fn the_deadline_depends_on_the_kind_of_report() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    let (screen, _) = draw(&mut app, 120, 40);
    assert!(
        screen.contains("距公布截止（2026年1月31日）还有 21 天"),
        "{screen}"
    );
    let Screen::Draft(view) = &mut app.screen else {
        panic!("draft screen")
    };
    view.draft.agency_kind = AgencyKind::Government;
    let (screen, _) = draw(&mut app, 120, 40);
    assert!(
        screen.contains("距公布截止（2026年3月31日）还有 80 天"),
        "{screen}"
    );
}

/// `nianbao open` with a mistyped id: said, and nothing made (no lock file piling up with
/// each typo, no drafts folder where there was none).
#[test]
fn opening_a_mistyped_id_says_so_and_leaves_nothing_behind() {
    let f = fixture();
    let mut app = app(&f);
    let e = app.open("2099-abcdef").expect_err("no such draft");
    assert!(e.contains("2099-abcdef"), "{e}");
    assert!(!f.store.drafts_dir().exists(), "the drafts folder was made");
    let id = saved_draft(&f, false);
    let typo = format!("{}f", &id[..id.len() - 1]);
    assert!(app.open(&typo).is_err());
    assert!(!f.store.lock_path(&typo).exists(), "a lock file was left");
    app.open(&id).expect("the real id opens");
}

/// A draft a newer nianbao wrote, in a format this one does not have: said in the
/// interface's language, with what to do.
#[test]
fn a_draft_in_an_unknown_format_is_refused_in_the_clerks_language() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let path = f.store.draft_path(&id);
    let text = std::fs::read_to_string(&path).expect("draft");
    assert!(text.contains("\"gov-2021\""));
    std::fs::write(&path, text.replace("\"gov-2021\"", "\"gov-2031\"")).expect("write");
    let mut app = app(&f);
    let e = app.open(&id).expect_err("no such format here");
    assert!(e.contains("gov-2031") && e.contains("升级"), "{e}");
}

#[test]
fn english_interface() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let theme = Theme {
        color: false,
        ascii: true,
    };
    let mut app = App::new(
        f.store.clone(),
        Lang::En,
        theme,
        Box::new(now),
        f.export_dir.clone(),
    );
    app.open(&id).expect("open");
    let (screen, _) = draw(&mut app, 100, 30);
    assert!(
        screen.contains("Outline") && screen.contains("21 days left"),
        "{screen}"
    );
    assert!(
        screen.contains('+') && !screen.contains('┌'),
        "ASCII borders: {screen}"
    );
}

mod grid_window;
/// Locks, read-only viewing, damaged drafts and their backups.
mod place;
mod previous;
mod screens;
mod storage;

/// Pasting blocks copied from spreadsheets into the grids.
mod paste;
/// The section editor's rows, updated edit by edit, against a fresh wrap.
mod section_wrap;

#[test]
fn quitting_works_over_a_dialog_and_over_the_help() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    ctrl(&mut app, 'e');
    assert_eq!(app.mode(), Mode::Dialog);
    ctrl(&mut app, 'q');
    assert!(app.quit, "Ctrl+Q over the export dialog");
    let mut app = self::app(&f);
    key(&mut app, KeyCode::F(1));
    assert_eq!(app.mode(), Mode::Help);
    ctrl(&mut app, 'c');
    assert!(app.quit, "Ctrl+C over the help");
}

#[test]
fn the_backup_is_the_draft_as_it_was_opened() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "第一稿");
    ctrl(&mut app, 's');
    type_text(&mut app, "，第二稿");
    ctrl(&mut app, 's');
    key(&mut app, KeyCode::Esc);
    // Saving with nothing new writes nothing.
    let before = std::fs::read(f.store.draft_path(&id)).expect("draft");
    ctrl(&mut app, 's');
    assert_eq!(
        std::fs::read(f.store.draft_path(&id)).expect("draft"),
        before
    );
    let saved = f.store.load_id(&id).expect("load");
    assert_eq!(saved.section_text("s1"), "第一稿，第二稿");
    let backup = backup_of(&f, &id);
    assert_eq!(
        backup.section_text("s1"),
        "",
        "the backup is the draft as opened"
    );
}

fn backup_of(f: &Fixture, id: &str) -> Draft {
    let path = f.store.backup_path(id);
    crate::storage::load(&path).expect("backup")
}

#[test]
fn typing_over_a_total_says_why_and_changes_nothing() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    open_step(&mut app, '5');
    // The 总计 column is the last of section 三's table.
    for _ in 0..6 {
        key(&mut app, KeyCode::Right);
    }
    key(&mut app, KeyCode::Char('7'));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.0.contains("自动计算")),
        "{:?}",
        app.message
    );
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    assert!(!view.dirty, "a refused key is no edit");
}

/// At 80x24 the guidance pane has four lines and says that it goes on; F3 shows all of it
/// (the main pane giving up the room), F3 again hides it, and once more brings the pane back.
#[test]
fn f3_shows_the_whole_guidance_then_hides_it() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    key(&mut app, KeyCode::Char('5')); // table 三, whose guidance is long
    let (pane, _) = draw(&mut app, 80, 24);
    assert!(pane.contains("填写说明 (F3)"), "{pane}");
    assert!(pane.contains('…'), "the pane says that it goes on:\n{pane}");
    let Screen::Draft(view) = &app.screen else {
        panic!("draft screen")
    };
    let section = view.format.section("s3").expect("section 三");
    // Every piece of the guidance's text shows in full (its lines as wrapped on the screen).
    let words: String = section
        .guidance
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    key(&mut app, KeyCode::F(3));
    let (full, _) = draw(&mut app, 80, 24);
    let shown: String = full
        .lines()
        .filter_map(|l| l.rsplit_once('│').map(|(l, _)| l))
        .filter_map(|l| l.rsplit('│').next())
        .collect::<Vec<_>>()
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(
        shown.contains(&words),
        "the whole guidance is shown:\n{full}"
    );
    assert!(!shown.contains('…'), "{full}");
    insta::assert_snapshot!("guidance_full_80x24", full);
    key(&mut app, KeyCode::F(3));
    let (hidden, _) = draw(&mut app, 80, 24);
    assert!(!hidden.contains("填写说明 (F3)"), "{hidden}");
    key(&mut app, KeyCode::F(3));
    let (back, _) = draw(&mut app, 80, 24);
    assert_eq!(back, pane);
}

/// The quit and restore questions with long paths in them (a read-only drafts folder, a
/// damaged draft): every line in its box, every choice shown, file names not split oddly.
#[test]
fn long_questions_fit_their_boxes() {
    let f = fixture();
    let id = saved_draft(&f, false);
    let mut app = app(&f);
    app.open(&id).expect("open");
    app.popup = Some(Popup::Unsaved(super::dialogs::Unsaved {
        error: "无法写入 /tmp/rt/tui/rohome/.local/share/nianbao/drafts/.2024-469cc7.json.vo73mU：Permission denied (os error 13)".into(),
        leave: super::dialogs::Leave::Quit,
        copy_failed: None,
    }));
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("│Esc  返回，继续编辑"), "{screen}");
    insta::assert_snapshot!("unsaved_long_error_80x24", screen);
    app.popup = Some(Popup::Confirm(super::dialogs::Confirm {
        message: "草稿 2024-469cc7 无法读取：/tmp/rt/tui/data/drafts/2024-469cc7.json：第 52 行第 3 列不是有效的 JSON（文件被截断）。有一份 2026-12-01 11:37 保存的备份可用。用备份恢复吗？损坏的文件会改名保留（2024-469cc7.json.corrupt-…），不会删除。".into(),
        action: super::dialogs::ConfirmAction::RestoreBackup(id.clone()),
    }));
    let (screen, _) = draw(&mut app, 80, 24);
    assert!(screen.contains("2024-469cc7.json.corrupt-…"), "{screen}");
    assert!(screen.contains("│y 是 / n 否"), "{screen}");
    insta::assert_snapshot!("restore_long_message_80x24", screen);
}
