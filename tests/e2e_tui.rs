//! The real binary in a pseudo-terminal, driven as a person would: create a draft, type Chinese
//! text, fill numbers and see the total, quit, start again, find everything, export.

mod common;

use common::{Tui, new_draft};

const ENTER: &str = "\r";
const UP: &str = "\x1b[A";
const RIGHT: &str = "\x1b[C";
const END: &str = "\x1b[F";
const CTRL_Q: &str = "\x11";
const CTRL_E: &str = "\x05";
const OUTLINE_HINT: &str = "Enter 打开";

#[test]
fn write_fill_quit_resume_and_export_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let cwd = dir.path().join("work");
    std::fs::create_dir_all(&cwd).expect("mkdir");

    // 1. A first start: no drafts; create one.
    let mut t = Tui::nianbao(&data, &cwd, &[]);
    t.wait_for("还没有草稿");
    t.send("n");
    t.wait_for("新建草稿");
    t.send("某县教育局");
    t.wait_for("某县教育局");
    t.send(ENTER);
    t.wait_for("目录");

    // 2. Section 一: Chinese text, as an input method commits it, then a bracketed paste.
    t.send(ENTER);
    t.wait_for("Ctrl+O");
    t.send("（一）主动公开情况。全年公开信息120条。");
    let screen = t.wait_for("全年公开信息120条。");
    let (row, col) = t.cursor();
    let line: String = screen.lines().nth(row as usize).unwrap_or("").to_string();
    assert!(
        line.contains("全年公开信息120条。"),
        "cursor on line {row}: {line}\n{screen}"
    );
    assert!(col > 40, "the caret follows the text (column {col})");
    t.send("\x1b[200~第二段\r第三段\x1b[201~");
    t.wait_for("第三段");
    t.esc(OUTLINE_HINT);

    // 3. The section 三 table: numbers typed, the total follows.
    t.send("5");
    t.send(ENTER);
    t.wait_for("F2 修改单元格");
    t.send("12");
    t.send(ENTER);
    t.send(UP);
    t.send(RIGHT);
    t.send("３");
    t.send(ENTER);
    t.send(UP);
    t.send(END);
    t.wait_for("=15");

    // 4. Quit: everything is saved, the terminal is given back.
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);

    // 5. Start again: the draft is listed; opening it returns to the table, totals there.
    let mut t = Tui::nianbao(&data, &cwd, &[]);
    t.wait_for("某县教育局");
    t.send(ENTER);
    t.wait_for("=15");
    t.esc(OUTLINE_HINT);
    t.send("1");
    t.wait_for("第三段");
    let screen = t.contents();
    assert!(
        screen.contains("（一）主动公开情况。全年公开信息120条。"),
        "{screen}"
    );

    // 6. Export: the report still has blank cells, so it asks; then the file is written.
    t.send(CTRL_E);
    t.wait_for("导出报告");
    t.send(ENTER);
    t.wait_for("仍要导出吗");
    t.send("y");
    t.wait_for("已导出到");
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);

    // The file is the text export of the saved draft, exactly.
    let store = nianbao::storage::Store::at(&data);
    let listed = store.list().expect("list");
    let draft = listed[0].draft.as_ref().expect("draft");
    assert_eq!(
        draft.section_text("s1"),
        "（一）主动公开情况。全年公开信息120条。第二段\n第三段"
    );
    let format = nianbao::format::Format::by_id(&draft.format).expect("format");
    let today = chrono::Local::now().date_naive();
    let eval = nianbao::rules::evaluate(format, draft, nianbao::rules::Stage::Final, today);
    // Exported anyway: the text says it did not pass the check, as on the command line.
    let expected = nianbao::export::ExportKind::Txt
        .render(
            format,
            draft,
            &eval,
            &eval.diagnostics,
            nianbao::export::Options::default(),
        )
        .expect("render");
    let expected = String::from_utf8(expected).expect("utf-8");
    assert!(expected.contains("未通过检查"), "{expected}");
    let path = cwd.join(format!("{}.txt", draft.title(format)));
    let written = std::fs::read_to_string(&path).expect("exported file");
    assert_eq!(written, expected);
    assert!(written.contains("│ 一、本年新收"), "{written}");
}

#[test]
fn long_text_in_an_external_editor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    // An "editor" that appends a paragraph to the file it is given, as a clerk would.
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf '\\n外部编辑器写的一段\\n' >> \"$1\"\n",
    )
    .expect("write editor");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let id = new_draft(&data);
    let mut t = Tui::nianbao_with_editor(&data, dir.path(), &["open", &id], Some(&editor));
    t.wait_for("目录");
    t.send(ENTER);
    t.wait_for("Ctrl+O");
    t.send("开头");
    t.wait_for("开头");
    t.send("\x0f");
    t.wait_for("外部编辑器写的一段");
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);
    let draft = nianbao::storage::Store::at(&data)
        .load_id(&id)
        .expect("load");
    assert_eq!(draft.section_text("s1"), "开头\n外部编辑器写的一段");
}

#[test]
fn open_by_id_and_help() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let id = new_draft(&data);
    let mut t = Tui::nianbao(&data, dir.path(), &["open", &id]);
    t.wait_for("目录");
    t.send("\x1bOP");
    t.wait_for("按 Esc 或 F1 关闭");
    t.esc(OUTLINE_HINT);
    assert!(!t.contents().contains("按 Esc 或 F1 关闭"));
    t.send("\x03");
    assert_eq!(t.wait_exit(), 0);
}
