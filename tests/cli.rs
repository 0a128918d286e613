//! The command line, driven as a script would: exit codes, stdout/stderr, files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const COMPLETE: &str = "tests/fixtures/complete-2024.txt";
const SAMPLE: &str = "../shared/samples/000_57487d18b5504ccf.txt";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .env("NIANBAO_DATA_DIR", self.data())
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("LC_ALL")
            .output()
            .expect("run nianbao")
    }

    fn file(&self, name: &str, text: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p.display().to_string()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn complete() -> String {
    std::fs::read_to_string(COMPLETE).expect("fixture")
}

#[test]
fn new_list_and_check_a_draft() {
    let env = Env::new();
    let out = env.run(&["new", "--agency", "某县教育局", "--year", "2025"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let id = stdout(&out).trim().to_string();
    assert!(id.starts_with("2025-"), "{id}");
    assert!(
        env.data()
            .join("drafts")
            .join(format!("{id}.json"))
            .is_file()
    );

    let out = env.run(&["list"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains(&id) && stdout(&out).contains("某县教育局"),
        "{}",
        stdout(&out)
    );

    let out = env.run(&["list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v[0]["id"], serde_json::json!(id));
    assert_eq!(v[0]["completion"]["cells_filled"], serde_json::json!(0));

    // An empty draft is not ready: blank cells and empty sections are errors for export.
    let out = env.run(&["check", &id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("[cell.blank] 二、规章 / 本年制发件数：未填写"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("[section.empty] 一、总体情况"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_flawed_sample_fails_with_each_flaw_located() {
    if !Path::new(SAMPLE).exists() {
        eprintln!("skipped: {SAMPLE} not present");
        return;
    }
    let env = Env::new();
    let out = env.run(&["check", SAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for expected in [
        "[import.missing-section] 三、收到和处理政府信息公开申请情况",
        "[import.missing-table] 三、收到和处理政府信息公开申请情况",
        "[import.missing-section] 四、政府信息公开行政复议、行政诉讼情况",
        "[import.missing-table] 四、政府信息公开行政复议、行政诉讼情况",
        "[import.missing-row] 二、行政强制",
        "[import.missing-row] 二、行政事业性收费",
        ":9: 警告 [text.numbering] 一、总体情况：“一、健全两项机制",
        ":15: 警告 [text.numbering] 一、总体情况：“二、建立两个规范",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }

    let out = env.run(&["check", "--json", SAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json array");
    let arr = v.as_array().expect("array");
    assert!(arr.iter().all(|d| d["target"].is_string()
        && d["severity"].is_string()
        && d["code"].is_string()
        && d["location"]["text"].is_string()
        && d["message"].is_string()
        && d["message_en"].is_string()));
    assert!(
        arr.iter()
            .any(|d| d["code"] == "import.missing-row" && d["location"]["row"] == "enforcement")
    );
}

#[test]
fn the_complete_report_checks_clean_exports_and_round_trips() {
    let env = Env::new();
    let out = env.run(&["check", COMPLETE]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );

    for style in ["grid", "tsv"] {
        let first = env.run(&["export", COMPLETE, "--table-style", style]);
        assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
        let exported = env.file(&format!("export-{style}.txt"), &stdout(&first));
        // Import the export as a draft, and export the draft again: the same text.
        let imported = env.run(&["import", &exported]);
        assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
        let id = stdout(&imported).trim().to_string();
        let again = env.run(&["export", &id, "--table-style", style]);
        assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
        assert_eq!(stdout(&again), stdout(&first), "{style}");
        let check = env.run(&["check", &id]);
        assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    }
    // The tsv export of the hand-written report is the report itself.
    let tsv = env.run(&["export", COMPLETE, "--table-style", "tsv"]);
    assert_eq!(stdout(&tsv), complete());
}

/// Changes one number in the table row starting with `label`: column `col` (0 = label).
fn change_cell(text: &str, label: &str, col: usize, to: &str) -> (String, String) {
    let mut old = String::new();
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            let mut cells: Vec<String> = l.split('\t').map(str::to_string).collect();
            if cells[0] == label && old.is_empty() {
                old = cells[col].clone();
                cells[col] = to.to_string();
                cells.join("\t")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(!old.is_empty(), "no row {label}");
    (lines.join("\n") + "\n", old)
}

#[test]
fn changing_any_single_number_fails_and_names_the_cell_and_both_numbers() {
    let env = Env::new();
    let text = complete();
    // Every number of section 三 (each row, each column, totals included): the check exits 1
    // and a message names the changed cell with both numbers — the number entered and the
    // number the totals imply (when two totals point at it), or the stated and the added-up
    // total (when the changed number is itself a total only its own row checks).
    let labels: Vec<String> = text
        .lines()
        .skip_while(|l| !l.starts_with("三、收到和处理"))
        .take_while(|l| !l.starts_with("四、政府信息公开"))
        .filter(|l| {
            l.split('\t').count() == 8
                && l.split('\t')
                    .nth(1)
                    .is_some_and(|c| c.parse::<u32>().is_ok())
        })
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(labels.len(), 25);
    let columns = [
        "自然人",
        "法人或其他组织 商业企业",
        "法人或其他组织 科研机构",
        "法人或其他组织 社会公益组织",
        "法人或其他组织 法律服务机构",
        "法人或其他组织 其他",
        "总计",
    ];
    for label in &labels {
        for (i, column) in columns.iter().enumerate() {
            let (changed, old) = change_cell(&text, label, i + 1, "9999");
            let file = env.file("changed.txt", &changed);
            let out = env.run(&["check", &file]);
            let report = stdout(&out);
            assert_eq!(out.status.code(), Some(1), "{label} / {column}: {report}");
            let named = report.lines().any(|l| {
                l.contains(&format!("{label} / {column}："))
                    && (l.contains("[cell.suspect]")
                        && l.contains("填写为 9999")
                        && l.contains(&format!("应为 {old}"))
                        || l.contains(&format!("分项之和为 {old}，填写为 9999")))
            });
            assert!(named, "{label} / {column} (was {old}):\n{report}");
        }
    }
}

#[test]
fn a_changed_group_total_in_section_four_names_both_numbers() {
    let env = Env::new();
    let text = complete();
    let lines: Vec<&str> = text.lines().collect();
    let idx = lines
        .iter()
        .position(|l| l.starts_with("结果维持\t"))
        .expect("t4 header")
        + 1;
    for col in 0..15 {
        let mut cells: Vec<String> = lines[idx].split('\t').map(str::to_string).collect();
        let old = cells[col].clone();
        cells[col] = "777".into();
        let mut new_lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        new_lines[idx] = cells.join("\t");
        let file = env.file("t4.txt", &(new_lines.join("\n") + "\n"));
        let out = env.run(&["check", &file]);
        assert_eq!(out.status.code(), Some(1), "column {col}");
        let report = stdout(&out);
        // One equation only: the message names the group's 总计 with both numbers.
        let group = [
            "行政复议",
            "行政诉讼 未经复议直接起诉",
            "行政诉讼 复议后起诉",
        ][col / 5];
        let total: i64 = lines[idx]
            .split('\t')
            .nth(col / 5 * 5 + 4)
            .and_then(|t| t.parse().ok())
            .expect("total");
        let old: i64 = old.parse().expect("number");
        let expected = if col % 5 == 4 {
            format!("四、{group} 总计：分项之和为 {total}，填写为 777")
        } else {
            format!(
                "四、{group} 总计：分项之和为 {}，填写为 {total}",
                total - old + 777
            )
        };
        assert!(
            report.contains(&expected),
            "column {col}: expected {expected}\n{report}"
        );
    }
}

#[test]
fn export_refuses_a_report_with_errors_unless_forced() {
    let env = Env::new();
    let id = stdout(&env.run(&["new", "--agency", "某局", "--year", "2025"]))
        .trim()
        .to_string();
    let out = env.run(&["export", &id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("未导出"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());

    let target = env.dir.path().join("out.txt");
    let out = env.run(&[
        "export",
        &id,
        "--force",
        "-o",
        target.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&target).expect("exported");
    // Forced: the text says first that it did not pass the check, then the title.
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("未通过检查"), "{text}");
    assert_eq!(lines[2], "某局2025年政府信息公开工作年度报告", "{text}");
    assert!(stdout(&out).contains("已导出到"));
}

#[test]
fn a_broken_draft_file_is_an_error_naming_it_and_others_still_list() {
    let env = Env::new();
    let id = stdout(&env.run(&["new", "--agency", "某局", "--year", "2025"]))
        .trim()
        .to_string();
    let broken = env.data().join("drafts").join("2025-broken.json");
    std::fs::write(&broken, "{\"schema_version\": 1, \"id\":").expect("write");
    let out = env.run(&["check", broken.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("2025-broken.json") && stderr(&out).contains("JSON"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["list"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains(&id));
    assert!(
        stderr(&out).contains("2025-broken.json"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_and_missing_targets_exit_2() {
    let env = Env::new();
    assert_eq!(env.run(&["check"]).status.code(), Some(2));
    assert_eq!(env.run(&["frobnicate"]).status.code(), Some(2));
    let out = env.run(&["check", "no-such-thing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-thing"));
}

#[test]
fn english_messages_with_lang_en() {
    let env = Env::new();
    let id = stdout(&env.run(&["new", "--agency", "某局", "--year", "2025"]))
        .trim()
        .to_string();
    let out = env.run(&["--lang", "en", "check", &id]);
    assert!(
        stdout(&out).contains("error [cell.blank]"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("blank (enter 0 if there were none)"));
}

#[test]
fn gbk_reports_are_read() {
    let env = Env::new();
    let text = complete();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let p = env.dir.path().join("gbk.txt");
    std::fs::write(&p, &gbk).expect("write");
    let out = env.run(&["check", p.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn formats_lists_the_builtin_format() {
    let out = Env::new().run(&["formats"]);
    assert!(
        stdout(&out).starts_with("gov-2021\t2021\t国办公开办函〔2021〕30号"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_over_a_folder_of_real_reports_lists_every_problem_and_a_total() {
    let real = Path::new("../shared/samples/real");
    if !real.is_dir() {
        eprintln!("skipped: {} not found", real.display());
        return;
    }
    let env = Env::new();
    let folder = env.dir.path().join("reports");
    std::fs::create_dir(&folder).expect("mkdir");
    for name in ["02-hongzequ-2023.txt", "01-huaianshi-2024.txt"] {
        std::fs::copy(real.join(name), folder.join(name)).expect("copy");
    }
    // The same report as a GBK web page.
    let html = format!(
        "<html><head><meta charset=\"gbk\"></head><body>{}</body></html>",
        complete()
            .lines()
            .map(|l| if l.contains('\t') {
                format!(
                    "<table><tr><td>{}</td></tr></table>",
                    l.split('\t').collect::<Vec<_>>().join("</td><td>")
                )
            } else {
                format!("<p>{l}</p>")
            })
            .collect::<String>()
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&html);
    std::fs::write(folder.join("web.html"), &gbk).expect("write");
    let out = env.run(&["check", &folder.display().to_string()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(text.contains("02-hongzequ-2023.txt:112: 错误 [t4.group-total] 四、行政复议 总计：分项之和为 11，填写为 0"), "{text}");
    assert!(
        text.contains("02-hongzequ-2023.txt：3 个错误，2 个警告"),
        "{text}"
    );
    assert!(
        text.contains("01-huaianshi-2024.txt：0 个错误，1 个警告"),
        "{text}"
    );
    assert!(text.contains("web.html：未发现问题"), "{text}");
    assert!(
        text.contains(
            "共检查 3 份报告：1 份有错误，2 份有警告，0 份无法读取（共 3 个错误，3 个警告）"
        ),
        "{text}"
    );
}

#[test]
fn import_with_a_named_encoding_and_json_report() {
    let env = Env::new();
    let text = complete();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let path = env.dir.path().join("gbk.txt");
    std::fs::write(&path, &gbk).expect("write");
    let p = path.display().to_string();
    let out = env.run(&["import", &p, "--encoding", "gbk", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["report"]["encoding"], "GBK");
    assert_eq!(v["report"]["agency"], "淮河市生态环境局");
    assert_eq!(v["report"]["sections"].as_array().map(Vec::len), Some(6));
    assert!(
        v["report"]["placed"]
            .as_array()
            .is_some_and(|p| p.len() > 150)
    );
    let wrong = env.run(&["import", &p, "--encoding", "utf-16le"]);
    assert_eq!(wrong.status.code(), Some(2), "{}", stderr(&wrong));
    let unknown = env.run(&["import", &p, "--encoding", "klingon"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("klingon"), "{}", stderr(&unknown));
}

#[test]
fn the_kind_of_report_is_read_from_the_title_unless_given() {
    let env = Env::new();
    let text = complete().replacen("淮河市生态环境局", "淮河市某某区人民政府", 1);
    let p = env.file("government.txt", &text);
    let kind_of = |args: &[&str]| {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
        assert_eq!(v["report"]["agency"], "淮河市某某区人民政府");
        v["report"]["kind"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(kind_of(&["import", &p, "--json"]), "government");
    assert_eq!(
        kind_of(&["import", &p, "--json", "--kind", "department"]),
        "department"
    );
}

#[test]
fn a_new_drafts_kind_is_read_from_the_agency_name_unless_given() {
    let env = Env::new();
    let kind_of = |args: &[&str]| {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let id = stdout(&out).trim().to_string();
        let path = env.data().join("drafts").join(format!("{id}.json"));
        let draft: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("draft")).expect("json");
        draft["agency_kind"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let government = ["new", "--agency", "某县人民政府", "--year", "2025"];
    assert_eq!(kind_of(&government), "government");
    assert_eq!(
        kind_of(&["new", "--agency", "某县教育局", "--year", "2025"]),
        "department"
    );
    let given = [
        "new",
        "--agency",
        "某县人民政府",
        "--year",
        "2025",
        "--kind",
        "department",
    ];
    assert_eq!(kind_of(&given), "department");
}
