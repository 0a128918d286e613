//! The pre-pass's title reading and the stash where last years wait.

use super::*;
use crate::pairing::Seen;
use std::sync::Arc;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-01-10T10:00:00+08:00").expect("now")
}

fn previous(year: i32, text: &str) -> PreviousYear {
    let mut p = PreviousYear {
        agency: "某某局".into(),
        year,
        ..PreviousYear::default()
    };
    p.sections.insert("s1".into(), text.into());
    p
}

fn plan_of_two() -> Plan {
    // Report 0 is 2023, report 1 its 2024.
    Plan::new(&[
        Seen {
            key: Key::of("某某局", 2023),
            has_previous: false,
        },
        Seen {
            key: Key::of("某某局", 2024),
            has_previous: false,
        },
    ])
}

#[test]
fn a_kept_last_year_is_taken_once_and_its_bytes_given_back() {
    let stash = Stash::new(&plan_of_two(), 2, 1 << 20);
    let k = stash.begin(0).expect("report 0 has a successor");
    k.keep(previous(2023, "去年的文字"));
    assert!(stash.held() > 0);
    assert!(matches!(stash.take(0), Taken::Ready(p) if p.year == 2023));
    assert_eq!(stash.held(), 0);
    assert!(matches!(stash.take(0), Taken::Nothing));
}

#[test]
fn a_successor_first_reads_last_year_itself_and_last_year_keeps_nothing() {
    let stash = Stash::new(&plan_of_two(), 2, 1 << 20);
    assert!(matches!(stash.take(0), Taken::ReadAgain));
    assert!(stash.begin(0).is_none());
    assert!(stash.begin(1).is_none(), "report 1 has no successor");
}

#[test]
fn beyond_the_budget_last_year_is_not_kept_and_is_read_again() {
    let stash = Stash::new(&plan_of_two(), 2, 8);
    stash
        .begin(0)
        .expect("slot")
        .keep(previous(2023, "很长的去年的文字"));
    assert_eq!(stash.held(), 0);
    assert!(matches!(stash.take(0), Taken::ReadAgain));
}

#[test]
fn an_unreadable_or_panicking_last_year_lets_its_successor_go() {
    let stash = Stash::new(&plan_of_two(), 2, 1 << 20);
    drop(stash.begin(0).expect("slot"));
    assert!(matches!(stash.take(0), Taken::Nothing));
}

#[test]
fn a_successor_waits_while_last_year_is_being_read() {
    let stash = Arc::new(Stash::new(&plan_of_two(), 2, 1 << 20));
    let keeping_started = std::sync::Barrier::new(2);
    std::thread::scope(|s| {
        let st = Arc::clone(&stash);
        let barrier = &keeping_started;
        s.spawn(move || {
            let k = st.begin(0).expect("slot");
            barrier.wait();
            std::thread::sleep(std::time::Duration::from_millis(50));
            k.keep(previous(2023, "去年"));
        });
        keeping_started.wait();
        // Not "read it again": the worker reading it is waited for.
        assert!(matches!(stash.take(0), Taken::Ready(p) if p.year == 2023));
    });
}

#[test]
fn a_head_ends_at_a_line_break_in_every_encoding() {
    assert_eq!(up_to_last_line(b"ab\ncd"), b"ab\n");
    assert_eq!(up_to_last_line(b"abcd"), b"abcd");
    // UTF-16LE: 0x0A inside a character (U+0A4E) is no line break.
    let le = [0xFF, 0xFE, 0x4E, 0x0A, 0x0A, 0x00, 0x41, 0x00, 0x42];
    assert_eq!(up_to_last_line(&le), &le[..6]);
    let be = [0xFE, 0xFF, 0x00, 0x41, 0x00, 0x0A, 0x00];
    assert_eq!(up_to_last_line(&be), &be[..6]);
    assert_eq!(first_bytes("一二\n三四", 7), "一二\n");
    assert_eq!(first_bytes("一二三四", 7), "一二");
    assert_eq!(first_bytes("短", 7), "短");
    let report = "某局2024年政府信息公开工作年度报告\n前言\n一．总体情况\n正文\n";
    assert_eq!(
        before_first_section(report),
        "某局2024年政府信息公开工作年度报告\n前言\n"
    );
    assert_eq!(before_first_section("一、总体情况\n"), "一、总体情况\n");
}

#[test]
fn the_title_is_read_from_the_head_of_a_long_file_in_gbk_and_utf_16() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "一、总体情况\n".to_string() + &"本年度工作稳步推进。\n".repeat(2000);
    let text = format!("某某市教育局\n2024年政府信息公开工作年度报告\n{body}");
    let gbk = dir.path().join("gbk.txt");
    std::fs::write(&gbk, encoding_rs::GBK.encode(&text).0).expect("write");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let u16p = dir.path().join("utf16.txt");
    std::fs::write(&u16p, utf16).expect("write");
    let want = Key::of("某某市教育局", 2024);
    assert!(want.is_some());
    assert_eq!(title_of(&gbk, now()), want);
    assert_eq!(title_of(&u16p, now()), want);
    let untitled = dir.path().join("untitled.txt");
    std::fs::write(&untitled, body).expect("write");
    assert_eq!(title_of(&untitled, now()), None);
    assert_eq!(title_of(&dir.path().join("missing.txt"), now()), None);
}

#[test]
fn the_pre_pass_reads_the_title_the_import_reads() {
    let mut files = vec![std::path::PathBuf::from("tests/fixtures/complete-2024.txt")];
    match std::fs::read_dir("../shared/samples/real") {
        Ok(dir) => files.extend(
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        ),
        Err(_) => println!("../shared/samples/real not found: the fixture only"),
    }
    let format = Format::default_format().expect("format");
    for path in files {
        let (text, encoding) = read_text(&path, Lang::En).expect("read");
        let opts = ImportOptions {
            id: "x".into(),
            agency: None,
            year: None,
            kind: None,
            now: now(),
        };
        let draft = import_text(format, &text, encoding, &opts).draft;
        let key = title_of(&path, now());
        assert!(key.is_some(), "{}", path.display());
        assert_eq!(
            key,
            Key::of(&draft.agency, draft.year),
            "{}",
            path.display()
        );
    }
}
