//! `nianbao check DIR` pairs one agency's reports for consecutive years: the later year is
//! checked against the earlier (X1 上年结转, X2 现行有效件数, X3 内容雷同), paired by the
//! agency and year of the titles, whatever the files' order; a year with two reports is not
//! paired and said once; `--no-pairs` turns it off; `--json` carries the findings.

mod common;
use common::{Cli, stderr, stdout};
use std::path::Path;

const COMPLETE: &str = include_str!("fixtures/complete-2024.txt");
const TITLE: &str = "淮河市生态环境局2024年政府信息公开工作年度报告";

/// The complete report under another agency and year (its tables unchanged: 上年结转 34,
/// 结转下年度 103 from natural persons).
fn report(agency: &str, year: i32) -> String {
    assert!(COMPLETE.starts_with(TITLE));
    COMPLETE.replacen(
        TITLE,
        &format!("{agency}{year}年政府信息公开工作年度报告"),
        1,
    )
}

/// The files in sorted order: a successor before its last year (1 → 3), an unrelated
/// agency, a year with two reports (4, 5) and its successor (6), an unreadable file, and a
/// pair in the natural order (8 → 9).
fn folder(env: &Cli) -> String {
    let dir = env.path("reports");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let files = [
        ("1-huaihe-2024.txt", report("淮河市生态环境局", 2024)),
        ("2-linjiang-2024.txt", report("临江市教育局", 2024)),
        ("3-huaihe-2023.txt", report("淮河市生态环境局", 2023)),
        ("4-qingshan-2023.txt", report("青山县财政局", 2023)),
        ("5-qingshan-2023-copy.txt", report("青山县 财政局", 2023)),
        ("6-qingshan-2024.txt", report("青山县财政局", 2024)),
        ("8-xiling-2022.txt", report("西岭县交通运输局", 2022)),
        ("9-xiling-2023.txt", report("西岭县交通运输局", 2023)),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write");
    }
    // No encoding reads it.
    std::fs::write(dir.join("7-broken.txt"), [0xFFu8; 64]).expect("write");
    dir.display().to_string()
}

/// The lines about `file` (named first on the line, not as the report compared with).
fn lines_of<'a>(out: &'a str, file: &str) -> Vec<&'a str> {
    out.lines()
        .filter(|l| l.split(".txt").next().is_some_and(|t| t.contains(file)))
        .collect()
}

#[test]
fn a_folder_checks_each_later_year_against_the_earlier_one() {
    let env = Cli::new();
    let dir = folder(&env);
    let o = env.run(&["check", &dir]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "the broken file: {out}{err}");
    // X1 on the later year, with both numbers and the report it was compared with.
    let x1: Vec<&str> = out.lines().filter(|l| l.contains("x1.carried")).collect();
    assert_eq!(x1.len(), 2, "{out}");
    assert!(x1[0].contains("1-huaihe-2024.txt:"), "{}", x1[0]);
    assert!(
        x1[0].contains("本年填写 34，2023 年为 103") && x1[0].contains("3-huaihe-2023.txt"),
        "{}",
        x1[0]
    );
    // At the line of the row in the file.
    let row = COMPLETE
        .lines()
        .position(|l| l.starts_with("二、上年结转"))
        .expect("row")
        + 1;
    assert!(
        x1[0].contains(&format!("1-huaihe-2024.txt:{row}:")),
        "{}",
        x1[0]
    );
    assert!(x1[1].contains("9-xiling-2023.txt:") && x1[1].contains("8-xiling-2022.txt"));
    // X2 and X3 too: the texts are the same, 现行有效 12 ≠ 12 + 3 − 1.
    for code in ["x2.in-force", "x3.same-text"] {
        assert!(
            lines_of(&out, "1-huaihe-2024")
                .iter()
                .any(|l| l.contains(code)),
            "{code}: {out}"
        );
    }
    // Nothing cross-year on the earlier years, the unrelated agency, the doubled year and
    // its successor.
    for file in [
        "2-linjiang",
        "3-huaihe",
        "4-qingshan",
        "5-qingshan",
        "6-qingshan",
        "8-xiling",
    ] {
        assert!(
            !lines_of(&out, file).iter().any(|l| l.contains("[x")),
            "{file}: {out}"
        );
    }
    // Input order kept.
    let at = |f: &str| out.find(&format!("{f}：")).unwrap_or(usize::MAX);
    assert!(at("1-huaihe-2024.txt") < at("3-huaihe-2023.txt"), "{out}");
    assert!(at("6-qingshan-2024.txt") < at("9-xiling-2023.txt"), "{out}");
    // The doubled year said once, as a note; the broken file named; nothing else.
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("青山县财政局")).collect();
    assert_eq!(notes.len(), 1, "{err}");
    assert!(
        notes[0].contains("2023 年有 2 份报告") && notes[0].contains("不做跨年度对照"),
        "{}",
        notes[0]
    );
    assert!(err.contains("7-broken.txt"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
    let last = out.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("共检查 9 份报告")
            && last.ends_with("其中 2 份与同一机关上一年度的报告对照"),
        "{last}"
    );
}

#[test]
fn json_carries_the_cross_year_findings_and_no_pairs_turns_them_off() {
    let env = Cli::new();
    let dir = folder(&env);
    let o = env.run(&["check", &dir, "--json", "--lang", "en"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let x1: Vec<&serde_json::Value> = json
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "x1.carried")
        .collect();
    assert_eq!(x1.len(), 2, "{json:#}");
    let target = x1[0]["target"].as_str().unwrap_or_default();
    assert!(target.ends_with("1-huaihe-2024.txt"), "{target}");
    assert_eq!(x1[0]["severity"], "error");
    let message = x1[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("34 this year, 103 in 2023") && message.contains("3-huaihe-2023.txt"),
        "{message}"
    );
    assert!(x1[0]["location"]["line"].is_u64(), "{:#}", x1[0]);

    let o = env.run(&["check", &dir, "--no-pairs"]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(!out.contains("[x"), "{out}");
    assert!(!err.contains("青山县财政局"), "{err}");
    assert!(!out.contains("上一年度的报告对照"), "{out}");
}

#[test]
fn two_files_named_on_the_command_line_pair_too() {
    let env = Cli::new();
    let (a, b) = (env.path("a.txt"), env.path("b.txt"));
    std::fs::write(&a, report("淮河市生态环境局", 2023)).expect("write");
    std::fs::write(&b, report("淮河市生态环境局", 2024)).expect("write");
    let o = env.run(&["check", &b.display().to_string(), &a.display().to_string()]);
    assert!(
        stdout(&o).contains("x1.carried"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
}

/// Reports whose title is followed by a long preamble (section 一 beyond the first bytes
/// read for titles, and beyond 8 KiB for one), in UTF-8 and in GBK, pair by their titles;
/// one whose title is not within the first 8 KiB is not paired.
#[test]
fn a_long_preamble_before_section_one_keeps_the_pair() {
    let env = Cli::new();
    let dir = env.path("long");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let preamble =
        |chars: usize| "本报告根据《中华人民共和国政府信息公开条例》编制。".repeat(chars / 25);
    let with_preamble = |agency: &str, year: i32, chars: usize| {
        report(agency, year).replacen(
            "\n\n一、总体情况",
            &format!("\n\n{}\n\n一、总体情况", preamble(chars)),
            1,
        )
    };
    let gbk = |text: &str| encoding_rs::GBK.encode(text).0.into_owned();
    for (name, agency, year, chars) in [
        ("a-2023.txt", "淮河市生态环境局", 2023, 1_000),
        ("b-2024.txt", "淮河市生态环境局", 2024, 1_000),
        ("c-2023.txt", "临江市教育局", 2023, 5_000),
        ("d-2024.txt", "临江市教育局", 2024, 5_000),
    ] {
        let text = with_preamble(agency, year, chars);
        // The later years in GBK.
        let bytes = if year == 2024 {
            gbk(&text)
        } else {
            text.into_bytes()
        };
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    let o = env.run(&["check", &dir.display().to_string()]);
    let out = stdout(&o);
    let x1: Vec<&str> = out.lines().filter(|l| l.contains("x1.carried")).collect();
    assert_eq!(x1.len(), 2, "{out}{}", stderr(&o));
    assert!(
        x1[0].contains("b-2024.txt:") && x1[0].contains("a-2023.txt"),
        "{}",
        x1[0]
    );
    assert!(
        x1[1].contains("d-2024.txt:") && x1[1].contains("c-2023.txt"),
        "{}",
        x1[1]
    );
    // A title that is not the first line, with 8 KiB of other text before it: not paired.
    let late = |year: i32| {
        format!(
            "{}\n{}",
            "页面导航。".repeat(600),
            report("西岭县交通运输局", year)
        )
    };
    std::fs::write(dir.join("e-2023.txt"), late(2023)).expect("write");
    std::fs::write(dir.join("f-2024.txt"), late(2024)).expect("write");
    let o = env.run(&["check", &dir.display().to_string()]);
    let out = stdout(&o);
    assert!(
        !out.lines()
            .any(|l| l.contains("x1.carried") && l.contains("f-2024.txt:")),
        "{out}"
    );
}

const SAMPLES: &str = "../shared/samples/real";

/// The published 平潭 reports, 2021 → 2024, as a folder: three pairs whose 结转 carries as
/// published (X1 holds); a copy of 2023 whose 上年结转 was changed is caught against 2022
/// with both numbers. The 洪泽区 reports are not paired: their titles name the agency
/// differently (洪泽区人民政府 in 2023, 淮安市洪泽区人民政府 in 2024).
#[test]
fn the_published_reports_pair_as_their_titles_name_them() {
    let samples = Path::new(SAMPLES);
    if !samples.exists() {
        println!("skipped: {SAMPLES} not found");
        return;
    }
    let env = Cli::new();
    let dir = env.path("real");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for name in [
        "02-hongzequ-2023.txt",
        "03-hongzequ-2024.txt",
        "04-pingtan-2022.txt",
        "05-pingtan-2023.txt",
        "06-pingtan-2021.txt",
        "07-pingtan-2024.txt",
    ] {
        std::fs::copy(samples.join(name), dir.join(name)).expect("copy");
    }
    let d = dir.display().to_string();
    let o = env.run(&["check", &d]);
    let out = stdout(&o);
    assert!(!out.contains("x1.carried"), "{out}");
    let last = out.lines().last().unwrap_or_default();
    assert!(
        last.ends_with("其中 3 份与同一机关上一年度的报告对照"),
        "{last}"
    );

    // 2023's 上年结转 (glued digits, as published: 0000000) made 1 for natural persons.
    let path = dir.join("05-pingtan-2023.txt");
    let text = std::fs::read_to_string(&path).expect("sample");
    let row = "二、上年结转政府信息公开申请数量0000000";
    assert!(text.contains(row));
    let changed = text.replacen(row, "二、上年结转政府信息公开申请数量1000001", 1);
    std::fs::write(&path, changed).expect("write");
    let o = env.run(&["check", &d]);
    let out = stdout(&o);
    let x1: Vec<&str> = out.lines().filter(|l| l.contains("x1.carried")).collect();
    assert_eq!(x1.len(), 1, "{out}");
    assert!(
        x1[0].contains("05-pingtan-2023.txt")
            && x1[0].contains("本年填写 1，2022 年为 0")
            && x1[0].contains("04-pingtan-2022.txt"),
        "{}",
        x1[0]
    );
}
