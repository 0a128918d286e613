//! The section editor's wrapped rows are updated edit by edit (the vendored ratatui-textarea
//! re-wraps a changed line only from a row or two before the change, until its rows fall back
//! onto the old ones: see vendor/ratatui-textarea/VENDORED.md). After any sequence of edits
//! they must be the rows a wrap of the whole text from scratch gives, both by the same code and
//! by upstream's unchanged code (`TextArea::check_screen_map`).
//!
//! `PROPTEST_CASES=20000 cargo test --lib tui::tests::section_wrap` for a longer run.

use crate::tui::keymap::Action;
use crate::tui::section::SectionEditor;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::Block;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// What a clerk types: Chinese (including the punctuation no row may start with), digits and
/// Latin words a wrap keeps together, spaces.
const CLERK: &[&str] = &[
    "政", "府", "信", "息", "公", "开", "年", "度", "报", "告", "，", "。", "、", "；", "：", "？",
    "！", "）", "》", "」", "（", "《", "“", "”", "3062", "12.5", "%", "2025", "PDF", "app", " ",
    "a", "1",
];

/// Any ideograph of the basic block (the wrap has a shortcut for them).
fn han() -> impl Strategy<Value = char> {
    prop::char::range('\u{4E00}', '\u{9FFF}')
}

fn clerk_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            20 => prop::sample::select(CLERK).prop_map(str::to_string),
            5 => han().prop_map(String::from),
            1 => Just("\n".to_string()),
        ],
        0..max,
    )
    .prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
enum Op {
    Act(Action),
    Paste(String),
    GoTo(usize, usize),
    Replace(String),
    /// The pane's width changes (a resized terminal): every line is re-wrapped.
    Width(u16),
}

fn op() -> impl Strategy<Value = Op> {
    let action = prop_oneof![
        8 => prop::sample::select(CLERK)
            .prop_map(|s| Action::Char(s.chars().next().unwrap_or('字'))),
        2 => han().prop_map(Action::Char),
        2 => Just(Action::Enter),
        4 => Just(Action::Backspace),
        2 => Just(Action::Delete),
        2 => Just(Action::Undo),
        1 => Just(Action::Redo),
        6 => prop::sample::select(vec![
            Action::Left,
            Action::Right,
            Action::Up,
            Action::Down,
            Action::Home,
            Action::End,
            Action::PageUp,
            Action::PageDown,
            Action::Top,
            Action::Bottom,
        ]),
    ];
    prop_oneof![
        20 => action.prop_map(Op::Act),
        3 => clerk_text(40).prop_map(Op::Paste),
        // A paste copied from Windows.
        1 => clerk_text(20).prop_map(|t| Op::Paste(t.replace('\n', "\r\n"))),
        5 => (0usize..12, 0usize..400).prop_map(|(r, c)| Op::GoTo(r, c)),
        1 => clerk_text(200).prop_map(Op::Replace),
        1 => (6u16..40).prop_map(Op::Width),
    ]
}

fn draw(term: &mut Terminal<TestBackend>, editor: &mut SectionEditor, width: u16) {
    term.draw(|f| {
        let mut area = f.area();
        area.width = width.min(area.width);
        editor.render(f, area, Block::bordered(), true);
    })
    .expect("draw");
}

proptest! {
    #![proptest_config(config())]

    /// Typing, deleting, pasting, undoing and redoing anywhere in a section, including in one
    /// long line (a section written as one paragraph), at any pane width.
    #[test]
    fn edited_rows_are_the_rows_of_a_fresh_wrap(
        start in prop_oneof![
            clerk_text(60),
            // One long paragraph: dozens of rows in one line.
            clerk_text(600).prop_map(|t| t.replace('\n', "")),
            clerk_text(600),
        ],
        width in 6u16..40,
        ops in prop::collection::vec(op(), 1..60),
    ) {
        let mut term = Terminal::new(TestBackend::new(42, 12)).expect("terminal");
        let mut editor = SectionEditor::new(&start);
        let mut width = width;
        draw(&mut term, &mut editor, width);
        prop_assert_eq!(editor.check_wrap(), Ok(()));
        for (i, op) in ops.iter().enumerate() {
            match op {
                Op::Act(a) => {
                    editor.act(a);
                }
                Op::Paste(t) => {
                    editor.paste(t);
                }
                Op::GoTo(r, c) => editor.go_to(*r, *c),
                Op::Replace(t) => editor.set_text(t),
                Op::Width(w) => width = *w,
            }
            // The map is updated by the edit itself (the caret's row is read before drawing)…
            prop_assert_eq!(editor.check_wrap(), Ok(()), "after op {} {:?}", i, op);
            // …and by drawing, when the pane's width changed.
            draw(&mut term, &mut editor, width);
            prop_assert_eq!(editor.check_wrap(), Ok(()), "drawn after op {} {:?}", i, op);
        }
    }
}

/// Text where Unicode's word and grapheme rules look past the next character: letters joined by
/// `'` `.` `:`, numbers by `,` `.`, combining marks, ZWJ emoji sequences, flags (regional
/// indicator pairs), tabs, wide characters, a Hebrew letter with `"`.
const TRICKY: &[&str] = &[
    "a",
    "b",
    "e\u{301}",
    "\u{301}",
    "'",
    ".",
    ":",
    ",",
    "1",
    "2",
    " ",
    "  ",
    "\t",
    "犬",
    "，",
    "字\u{301}",
    "字\u{200d}",
    "：",
    "。",
    "\u{200d}",
    "👩\u{200d}🔬",
    "🇨🇳",
    "\u{1F1E8}",
    "\u{200b}",
    "\u{ad}",
    "א\"ב",
    "can't",
    "e.g.",
    "3.14",
    "ｶﾞ",
    "_",
];

fn tricky_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            12 => prop::sample::select(TRICKY).prop_map(str::to_string),
            1 => Just("\n".to_string()),
        ],
        0..max,
    )
    .prop_map(|v| v.concat())
}

fn any_wrap_mode() -> impl Strategy<Value = WrapMode> {
    prop::sample::select(vec![
        WrapMode::Word,
        WrapMode::Glyph,
        WrapMode::WordOrGlyph,
        WrapMode::None,
    ])
}

#[derive(Debug, Clone)]
enum TaOp {
    Insert(String),
    Delete(usize),
    Backspace,
    Newline,
    Undo,
    Redo,
    Jump(u16, u16),
    CutSelection(u16, u16),
}

fn ta_op() -> impl Strategy<Value = TaOp> {
    prop_oneof![
        6 => tricky_text(8).prop_map(TaOp::Insert),
        3 => (1usize..6).prop_map(TaOp::Delete),
        3 => Just(TaOp::Backspace),
        1 => Just(TaOp::Newline),
        2 => Just(TaOp::Undo),
        1 => Just(TaOp::Redo),
        4 => (0u16..6, 0u16..80).prop_map(|(r, c)| TaOp::Jump(r, c)),
        1 => (0u16..6, 0u16..80).prop_map(|(r, c)| TaOp::CutSelection(r, c)),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// The same for every wrap mode of the text area, with the characters whose breaks depend
    /// on what follows them (where a re-wrap starting too late would go wrong).
    #[test]
    fn edited_rows_are_fresh_rows_in_every_mode_and_script(
        start in tricky_text(200),
        mode in any_wrap_mode(),
        width in 1u16..24,
        ops in prop::collection::vec(ta_op(), 1..40),
    ) {
        let lines: Vec<String> = start.split('\n').map(str::to_string).collect();
        let mut ta = TextArea::new(lines);
        ta.set_wrap_mode(mode);
        let area = ratatui::layout::Rect::new(0, 0, width, 8);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        ratatui::widgets::Widget::render(&ta, area, &mut buf);
        prop_assert_eq!(ta.check_screen_map(), Ok(()));
        for (i, op) in ops.iter().enumerate() {
            apply(&mut ta, op);
            prop_assert_eq!(ta.check_screen_map(), Ok(()), "after op {} {:?}", i, op);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// A text area is made without its screen map (built when first needed), and a jump moves
    /// the caret without it: edited and moved before its first frame, then drawn, then edited
    /// again, its rows are a fresh wrap's, and a jump lands where the text clamps it.
    #[test]
    fn a_text_area_used_before_its_first_frame_has_fresh_rows(
        start in tricky_text(200),
        mode in any_wrap_mode(),
        width in 1u16..24,
        before in prop::collection::vec(ta_op(), 0..10),
        after in prop::collection::vec(ta_op(), 0..10),
    ) {
        let lines: Vec<String> = start.split('\n').map(str::to_string).collect();
        let mut ta = TextArea::new_wrapped(lines, mode);
        for op in &before {
            apply(&mut ta, op);
            prop_assert_eq!(ta.check_screen_map(), Ok(()), "before the frame, after {:?}", op);
        }
        let area = ratatui::layout::Rect::new(0, 0, width, 8);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        ratatui::widgets::Widget::render(&ta, area, &mut buf);
        prop_assert_eq!(ta.check_screen_map(), Ok(()));
        for op in &after {
            apply(&mut ta, op);
            prop_assert_eq!(ta.check_screen_map(), Ok(()), "after the frame, after {:?}", op);
        }
    }
}

/// The ops of [`TaOp`] on a text area; a jump's landing place checked against the text.
fn apply(ta: &mut TextArea, op: &TaOp) {
    match op {
        TaOp::Insert(s) => {
            ta.insert_str(s);
        }
        TaOp::Delete(n) => {
            ta.delete_str(*n);
        }
        TaOp::Backspace => {
            ta.delete_char();
        }
        TaOp::Newline => ta.insert_newline(),
        TaOp::Undo => {
            ta.undo();
        }
        TaOp::Redo => {
            ta.redo();
        }
        TaOp::Jump(r, c) => {
            ta.move_cursor(CursorMove::Jump(*r, *c));
            let row = (*r as usize).min(ta.lines().len() - 1);
            let col = (*c as usize).min(ta.lines()[row].chars().count());
            assert_eq!(ta.cursor(), (row, col), "jump to {r}, {c}");
        }
        TaOp::CutSelection(r, c) => {
            ta.start_selection();
            ta.move_cursor(CursorMove::Jump(*r, *c));
            ta.cut();
        }
    }
}

/// A section of one 3 000-character paragraph, typed into at its start, middle and end and
/// cut and pasted back: the rows stay those of a fresh wrap (a fixed case beside the random
/// ones above, long enough for a re-wrap that never falls back onto the old rows to show).
#[test]
fn typing_in_one_long_paragraph_keeps_fresh_rows() {
    let text: String = "政府信息公开工作年度报告，依申请公开3062件。"
        .chars()
        .cycle()
        .take(3000)
        .collect();
    let mut term = Terminal::new(TestBackend::new(60, 20)).expect("terminal");
    let mut editor = SectionEditor::new(&text);
    draw(&mut term, &mut editor, 60);
    for col in [0, 1, 57, 1500, 2999, 3000] {
        editor.go_to(0, col);
        for c in "，字A".chars() {
            editor.act(&Action::Char(c));
            assert_eq!(editor.check_wrap(), Ok(()), "typed {c} at {col}");
        }
        editor.act(&Action::Enter);
        assert_eq!(editor.check_wrap(), Ok(()), "Enter at {col}");
        editor.act(&Action::Backspace);
        assert_eq!(editor.check_wrap(), Ok(()), "Backspace at {col}");
        editor.paste("第一段\n第二段，");
        assert_eq!(editor.check_wrap(), Ok(()), "paste at {col}");
        editor.act(&Action::Undo);
        assert_eq!(editor.check_wrap(), Ok(()), "undo at {col}");
        draw(&mut term, &mut editor, 60);
    }
    assert_eq!(editor.char_count(), 3000 + 6 * 3);
}

/// 避头尾 in the editor as in the rest of the program: the vendored text area glues closing
/// punctuation to the character before it and opening punctuation to the one after it, with the
/// lists `textwidth` uses for the guidance, the preview and the text export. Typed into the
/// editor and drawn at every pane width from 20 to 80, no row starts with closing punctuation
/// and none but the last ends with opening punctuation.
#[test]
fn no_row_starts_with_closing_punctuation() {
    assert_eq!(
        ratatui_textarea::NO_ROW_START,
        crate::textwidth::NO_LINE_START
    );
    assert_eq!(ratatui_textarea::NO_ROW_END, crate::textwidth::NO_LINE_END);
    let text = "本年度，我局依申请公开政府信息3062件（其中：自然人2980件、法人或其他组织82件），\
                按时办结率100%。主要做法：一是“建机制”；二是“强督办”；三是《公开指南》\
                修订后，于2025年6月在门户网站【政府信息公开】专栏发布。存在的问题？\
                一是主动公开的及时性不够！二是政策解读（图解、视频）形式单一。";
    for width in 20u16..=80 {
        let mut term = Terminal::new(TestBackend::new(82, 60)).expect("terminal");
        let mut editor = SectionEditor::new("");
        draw(&mut term, &mut editor, width);
        for c in text.chars() {
            editor.act(&Action::Char(c));
        }
        draw(&mut term, &mut editor, width);
        assert_eq!(editor.check_wrap(), Ok(()));
        let buffer = term.backend().buffer().clone();
        let rows: Vec<String> = (1..59u16)
            .map(|y| {
                // A wide character's second cell is drawn blank: skip it.
                let mut row = String::new();
                let mut x = 1;
                while x < width - 1 {
                    let symbol = buffer[(x, y)].symbol();
                    row.push_str(symbol);
                    x += crate::textwidth::width(symbol).max(1) as u16;
                }
                row.trim_end().to_string()
            })
            .filter(|row| !row.is_empty())
            .collect();
        assert_eq!(
            rows.concat(),
            text,
            "the whole text is shown at width {width}"
        );
        for (i, row) in rows.iter().enumerate() {
            let first = row.chars().next().unwrap_or(' ');
            let last = row.chars().next_back().unwrap_or(' ');
            assert!(
                i == 0 || !crate::textwidth::NO_LINE_START.contains(first),
                "row {i} starts with {first:?} at width {width}: {rows:#?}"
            );
            assert!(
                i + 1 == rows.len() || !crate::textwidth::NO_LINE_END.contains(last),
                "row {i} ends with {last:?} at width {width}: {rows:#?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// The vendored text area draws its rows straight into the buffer (`draw_rows`); drawn the
    /// way upstream drew them (through `Text`, `clip_line` and `Paragraph`) every cell is the
    /// same: any script, wrap mode, width and place on screen, scrolled sideways when lines
    /// are not wrapped (wide characters cut by either edge), with the caret's line styled, a
    /// selection, line numbers and a block.
    #[test]
    fn rows_drawn_directly_are_the_rows_paragraph_drew(
        start in tricky_text(200),
        mode in any_wrap_mode(),
        width in 0u16..24,
        height in 0u16..8,
        at in (0u16..3, 0u16..3),
        jumps in prop::collection::vec((0u16..6, 0u16..80), 1..6),
        select in prop::option::of((0u16..6, 0u16..80)),
        numbers in any::<bool>(),
        block in any::<bool>(),
    ) {
        use ratatui::style::{Color, Modifier, Style};
        let lines: Vec<String> = start.split('\n').map(str::to_string).collect();
        let mut ta = TextArea::new(lines);
        ta.set_wrap_mode(mode);
        ta.set_style(Style::default().fg(Color::Yellow));
        ta.set_cursor_line_style(Style::default().add_modifier(Modifier::UNDERLINED));
        ta.set_selection_style(Style::default().bg(Color::Blue));
        if numbers {
            ta.set_line_number_style(Style::default().fg(Color::DarkGray));
        }
        if block {
            ta.set_block(Block::bordered());
        }
        let screen = ratatui::layout::Rect::new(0, 0, 30, 12);
        let area = ratatui::layout::Rect::new(at.0, at.1, width, height);
        for (i, (r, c)) in jumps.iter().enumerate() {
            ta.move_cursor(CursorMove::Jump(*r, *c));
            if i + 1 == jumps.len()
                && let Some((r, c)) = select
            {
                ta.start_selection();
                ta.move_cursor(CursorMove::Jump(r, c));
            }
            // Both from the same scroll position: the reference first (each stores the one it
            // drew at, the same for both).
            let mut reference = ratatui::buffer::Buffer::empty(screen);
            ta.render_reference(area, &mut reference);
            let mut direct = ratatui::buffer::Buffer::empty(screen);
            ratatui::widgets::Widget::render(&ta, area, &mut direct);
            prop_assert_eq!(&direct, &reference, "after jump {} to {:?}", i, (r, c));
        }
    }
}
