//! `nianbao check DIR --summary FILE`: one row per report (unreadable ones too), the key
//! figures, the cross-year findings of a pair in the folder and every diagnostic — as a
//! workbook read back with calamine, as CSV and as HTML.

mod common;
use calamine::{Data, Reader, Xlsx};
use common::{Cli, stderr, stdout};

const COMPLETE: &str = include_str!("fixtures/complete-2024.txt");
const TITLE: &str = "淮河市生态环境局2024年政府信息公开工作年度报告";

fn report(agency: &str, year: i32) -> String {
    assert!(COMPLETE.starts_with(TITLE));
    COMPLETE.replacen(
        TITLE,
        &format!("{agency}{year}年政府信息公开工作年度报告"),
        1,
    )
}

/// A pair (2023 → 2024: 上年结转 34 against last year's 结转下年度 103), a report with a
/// broken total, another agency's clean report and a file no encoding reads.
fn folder(env: &Cli) -> String {
    let dir = env.path("reports");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let broken = report("临江市教育局", 2024).replace("（七）总计	2932", "（七）总计	2933");
    let files = [
        ("a-huaihe-2023.txt", report("淮河市生态环境局", 2023)),
        ("b-huaihe-2024.txt", report("淮河市生态环境局", 2024)),
        ("c-linjiang-2024.txt", broken),
        ("d-xiling-2024.txt", report("西岭县交通运输局", 2024)),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write");
    }
    std::fs::write(dir.join("e-broken.txt"), [0xFFu8; 64]).expect("write");
    dir.display().to_string()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn a_folder_summary_workbook_has_a_row_per_report_worst_first() {
    let env = Cli::new();
    let dir = folder(&env);
    let out = env.path("汇总.xlsx");
    let o = env.run(&["check", &dir, "--summary", &out.display().to_string()]);
    assert_eq!(o.status.code(), Some(2), "the broken file: {}", stderr(&o));
    // The usual output is unchanged; where the summary went is said on stderr.
    assert!(stdout(&o).contains("c-linjiang-2024.txt"));
    assert!(stderr(&o).contains("汇总表已写入") && stderr(&o).contains("5 份报告"));
    let mut book: Xlsx<_> = calamine::open_workbook(&out).expect("xlsx");
    assert_eq!(book.sheet_names(), ["报告", "问题清单"]);
    let sheet = book.worksheet_range("报告").expect("sheet");
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(text).collect()).collect();
    let head = &rows[0];
    let col = |name: &str| {
        head.iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}: {head:?}"))
    };
    let (file, agency, year, errors) = (col("文件"), col("机关"), col("年度"), col("错误"));
    let (new, cross, why) = (
        col("本年新收申请"),
        col("与上年报告比对"),
        col("无法读取的原因"),
    );
    let files: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[file].rsplit('/').next().unwrap_or(""))
        .collect();
    // Worst first: the unreadable file, then the reports with errors (most first); ties in
    // the order the folder gave them.
    assert_eq!(files[0], "e-broken.txt", "{files:?}");
    assert_eq!(rows.len(), 6);
    let row = |name: &str| {
        rows.iter()
            .find(|r| r[file].ends_with(name))
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    assert!(!row("e-broken.txt")[why].is_empty());
    assert_eq!(row("e-broken.txt")[errors], "");
    let later = row("b-huaihe-2024.txt");
    assert_eq!(later[agency], "淮河市生态环境局");
    assert_eq!(later[year], "2024");
    assert_eq!(later[new], "3119", "a number, not text");
    assert!(
        later[cross].contains("34") && later[cross].contains("103"),
        "X1 with both numbers: {}",
        later[cross]
    );
    assert!(row("a-huaihe-2023.txt")[cross].is_empty());
    let broken = row("c-linjiang-2024.txt");
    assert!(
        broken[errors].parse::<f64>().is_ok_and(|n| n >= 1.0),
        "{broken:?}"
    );
    assert_eq!(row("d-xiling-2024.txt")[errors], "0");
    // Numbers are numbers in the workbook (sorting and sums work in Excel).
    assert!(matches!(
        sheet.get((
            1 + files
                .iter()
                .position(|f| *f == "d-xiling-2024.txt")
                .unwrap_or(0),
            new
        )),
        Some(Data::Float(_))
    ));
    // Every diagnostic on the second sheet, with its file and code.
    let findings = book.worksheet_range("问题清单").expect("findings");
    let codes: Vec<String> = findings.rows().skip(1).map(|r| text(&r[3])).collect();
    assert!(codes.iter().any(|c| c == "x1.carried"), "{codes:?}");
    assert!(
        codes
            .iter()
            .any(|c| c == "t3.balance" || c == "t3.results-total"),
        "{codes:?}"
    );
}

#[test]
fn csv_and_html_summaries_and_the_sort_orders() {
    let env = Cli::new();
    let dir = folder(&env);
    let csv = env.path("s.csv");
    let o = env.run(&[
        "check",
        &dir,
        "--summary",
        &csv.display().to_string(),
        "--sort",
        "agency",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let bytes = std::fs::read(&csv).expect("csv");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
    let text = String::from_utf8(bytes).expect("utf-8");
    // By agency (临 < 淮 < 西 in code-point order), the unreadable file (no agency) last.
    let report_rows = text.split("\r\n\r\n").next().unwrap_or("");
    let pos = |f: &str| {
        report_rows
            .find(f)
            .unwrap_or_else(|| panic!("{f} in\n{report_rows}"))
    };
    assert!(pos("c-linjiang-2024.txt") < pos("a-huaihe-2023.txt"));
    assert!(pos("b-huaihe-2024.txt") < pos("d-xiling-2024.txt"));
    assert!(pos("d-xiling-2024.txt") < pos("e-broken.txt"));
    // A cell holding a line break (several cross-year findings) is quoted, CRLF-separated rows.
    assert!(report_rows.lines().count() >= 6);
    let html = env.path("s.html");
    let o = env.run(&["check", &dir, "--summary", &html.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    let page = std::fs::read_to_string(&html).expect("html");
    assert!(page.contains("<table>") && page.contains("b-huaihe-2024.txt"));
    // A summary of an unknown kind is refused before anything is checked.
    let o = env.run(&["check", &dir, "--summary", "s.ods"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".xlsx"), "{}", stderr(&o));
}

#[test]
fn the_published_reports_summarised() {
    let real = std::path::Path::new("../shared/samples/real");
    if !real.is_dir() {
        eprintln!("skipped: ../shared/samples/real is absent");
        return;
    }
    let real = real.canonicalize().expect("the samples' folder");
    let env = Cli::new();
    let out = env.path("real.xlsx");
    let o = env.run(&[
        "check",
        &real.display().to_string(),
        "--summary",
        &out.display().to_string(),
        "--sort",
        "year",
    ]);
    assert!(o.status.code().is_some(), "{}", stderr(&o));
    let mut book: Xlsx<_> = calamine::open_workbook(&out).expect("xlsx");
    let sheet = book.worksheet_range("报告").expect("sheet");
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(text).collect()).collect();
    let txt = std::fs::read_dir(&real)
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "txt"))
        })
        .count();
    assert!(rows.len() > txt, "a row per report: {}", rows.len());
    // 淮安市 2024 as published: 本年新收 3119, its 行政复议 351 (18.2 % corrected).
    let huaian = rows
        .iter()
        .find(|r| r[0].ends_with("01-huaianshi-2024.txt"))
        .expect("淮安市 row");
    assert!(huaian.contains(&"3119".to_string()), "{huaian:?}");
    assert!(huaian.contains(&"351".to_string()), "{huaian:?}");
    assert!(huaian.contains(&"18.2".to_string()), "{huaian:?}");
    // Sorted by year: 平潭 2021 before the 2024 reports.
    let pos = |f: &str| rows.iter().position(|r| r[0].ends_with(f));
    assert!(pos("06-pingtan-2021.txt") < pos("07-pingtan-2024.txt"));
    // 平潭's consecutive years were compared.
    let p2024 = &rows[pos("07-pingtan-2024.txt").expect("平潭 2024")];
    assert!(
        p2024.iter().any(|c| c.contains("05-pingtan-2023.txt")),
        "{p2024:?}"
    );
}
