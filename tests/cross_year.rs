//! Year over year on real published reports: 洪泽区 2023 → 2024 and 平潭 2021 → 2022 → 2023 →
//! 2024 carry their 结转 as published (X1 holds), a mutated copy is caught with both numbers,
//! and the command line starts a year from the last (`new --from`) and checks against it
//! (`check --previous`).

mod common;
use common::{Cli, stderr, stdout};
use nianbao::draft::{Draft, PreviousYear};
use nianbao::format::{CellRef, Format};
use nianbao::import::{ImportOptions, decode, import_text};
use nianbao::rules::{Stage, cross_year};
use std::path::{Path, PathBuf};

const SAMPLES: &str = "../shared/samples/real";

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn sample_path(name: &str) -> Option<PathBuf> {
    let path = Path::new(SAMPLES).join(name);
    if path.exists() {
        // The binary runs in a temporary folder: the path must hold from anywhere.
        path.canonicalize().ok()
    } else {
        println!("skipped: {} not found", path.display());
        None
    }
}

fn import(name: &str) -> Option<Draft> {
    let bytes = std::fs::read(sample_path(name)?).ok()?;
    let (text, _) = decode(&bytes)?;
    let opts = ImportOptions {
        id: "x".into(),
        agency: None,
        year: None,
        kind: None,
        now: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now"),
    };
    Some(import_text(format(), &text, "UTF-8", &opts).draft)
}

const PAIRS: [(&str, &str); 4] = [
    ("02-hongzequ-2023.txt", "03-hongzequ-2024.txt"),
    ("06-pingtan-2021.txt", "04-pingtan-2022.txt"),
    ("04-pingtan-2022.txt", "05-pingtan-2023.txt"),
    ("05-pingtan-2023.txt", "07-pingtan-2024.txt"),
];

#[test]
fn published_pairs_carry_their_applications_over_as_x1_demands() {
    for (last, this) in PAIRS {
        let (Some(last), Some(this)) = (import(last), import(this)) else {
            continue;
        };
        assert_eq!(this.year, last.year + 1);
        let prev = PreviousYear::of(&last, "last");
        let found = cross_year::evaluate(format(), &this, &prev, Stage::Final);
        let x1: Vec<_> = found.iter().filter(|d| d.code == "x1.carried").collect();
        assert!(x1.is_empty(), "{} {}: {x1:#?}", this.agency, this.year);
    }
}

#[test]
fn a_mutated_copy_breaks_x1_and_the_message_has_both_numbers() {
    let (Some(last), Some(mut this)) = (import(PAIRS[0].0), import(PAIRS[0].1)) else {
        return;
    };
    let cell = CellRef::new("t3", "carried", "natural");
    let then = last
        .cell(&CellRef::new("t3", "carry_next", "natural"))
        .expect("published")
        .to_string();
    let wrong = (then.parse::<i64>().expect("number") + 7).to_string();
    this.set_cell(format(), &cell, &wrong);
    let prev = PreviousYear::of(&last, "last");
    let found = cross_year::evaluate(format(), &this, &prev, Stage::Final);
    let x1: Vec<_> = found.iter().filter(|d| d.code == "x1.carried").collect();
    assert_eq!(x1.len(), 1, "{found:#?}");
    let msg = x1[0].render(nianbao::i18n::Lang::Zh);
    assert!(
        msg.contains(&format!("本年填写 {wrong}")) && msg.contains(&format!("为 {then}")),
        "{msg}"
    );
}

#[test]
fn new_from_a_published_file_and_from_a_draft_start_the_next_year() {
    let Some(last) = sample_path(PAIRS[0].0) else {
        return;
    };
    let env = Cli::new();
    let o = env.run(&["new", "--from", &last.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).trim().to_string();
    let read = |id: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(env.data().join("drafts").join(format!("{id}.json")))
            .expect("draft");
        serde_json::from_str(&text).expect("json")
    };
    let d = read(&id);
    assert_eq!(d["year"], 2024);
    let published = import(PAIRS[0].0).expect("sample");
    assert_eq!(d["agency"], published.agency.as_str());
    assert_eq!(d["agency_kind"], "government");
    for col in [
        "natural",
        "commercial",
        "research",
        "nonprofit",
        "legal_service",
        "other",
    ] {
        let want = published
            .cell(&CellRef::new("t3", "carry_next", col))
            .map(str::to_string);
        assert!(
            want.is_some(),
            "the published report has 结转下年度 / {col}"
        );
        let got = d["cells"][format!("t3.carried.{col}")]
            .as_str()
            .map(str::to_string);
        assert_eq!(got, want, "上年结转 / {col}");
    }
    assert_eq!(d["previous"]["year"], 2023);
    assert!(d["sections"]["s1"].as_str().unwrap_or("").is_empty());
    // From that draft: the year after.
    let o = env.run(&["new", "--from", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read(stdout(&o).trim())["year"], 2025);
    // With the texts copied: each copied section is flagged as last year's text.
    let o = env.run(&["new", "--from", &last.display().to_string(), "--copy-text"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let copied = stdout(&o).trim().to_string();
    assert_eq!(
        read(&copied)["sections"]["s1"].as_str(),
        Some(published.section_text("s1"))
    );
    let check = env.run(&["check", &copied]);
    let out = stdout(&check);
    assert!(
        out.contains("x3.same-text") && out.contains("100%"),
        "{out}"
    );
}

#[test]
fn check_previous_reads_last_years_file_and_says_what_does_not_carry() {
    let (Some(last), Some(this)) = (sample_path(PAIRS[0].0), sample_path(PAIRS[0].1)) else {
        return;
    };
    let env = Cli::new();
    // As published: no cross-year finding.
    let o = env.run(&[
        "check",
        &this.display().to_string(),
        "--previous",
        &last.display().to_string(),
    ]);
    assert!(!stdout(&o).contains("x1."), "{}", stdout(&o));
    // A copy whose 上年结转 was changed: caught.
    let text = std::fs::read_to_string(&this).expect("sample");
    let changed = env.path("changed.txt");
    let line = text
        .lines()
        .find(|l| l.contains("二、上年结转"))
        .expect("carried row")
        .to_string();
    let mutated = line.replacen(" 0 ", " 9 ", 1);
    assert_ne!(line, mutated, "the row has a zero to change: {line}");
    std::fs::write(&changed, text.replacen(&line, &mutated, 1)).expect("write");
    let o = env.run(&[
        "check",
        &changed.display().to_string(),
        "--previous",
        &last.display().to_string(),
    ]);
    assert!(stdout(&o).contains("x1.carried"), "{}", stdout(&o));
    // One report at a time.
    let o = env.run(&[
        "check",
        &this.display().to_string(),
        &changed.display().to_string(),
        "--previous",
        &last.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn diff_of_the_published_pair_exits_0_and_an_unreadable_side_2() {
    let (Some(last), Some(this)) = (sample_path(PAIRS[0].0), sample_path(PAIRS[0].1)) else {
        return;
    };
    let env = Cli::new();
    let (last, this) = (last.display().to_string(), this.display().to_string());
    let o = env.run(&["diff", &last, &this]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("三、一、本年新收政府信息公开申请数量 / 自然人  21 → 95  +74  +352.4%"),
        "{}",
        stdout(&o)
    );
    let o = env.run(&["diff", &last, &this, "--json", "--all", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(json["a"]["year"], 2023);
    assert_eq!(json["cells"].as_array().map(Vec::len), Some(200));
    let o = env.run(&["diff", &last, "no-such-report.txt", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("no-such-report.txt"), "{}", stderr(&o));
}
