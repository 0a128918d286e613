//! The tab reader is a shortcut: wherever it reads a table, the import must come out as the
//! stream reader's would, but for the one difference it makes on purpose (see [`alike`]).
//! Compared on our exports, on every kind of damage to them, and on every fixture and sample.

use super::is_plain_number;
use crate::export::{self, Options, TableStyle};
use crate::import::tests::{format, opts};
use crate::import::{decode, import_text};
use crate::rules::{Stage, evaluate};
use std::cell::Cell;

thread_local! {
    /// Set: every table goes to the stream reader.
    pub(super) static STREAM_ONLY: Cell<bool> = const { Cell::new(false) };
    /// Tables the tab reader took since last reset.
    pub(super) static ACCEPTED: Cell<usize> = const { Cell::new(0) };
}

fn import(text: &str, stream_only: bool) -> (crate::import::ImportOutcome, usize) {
    STREAM_ONLY.set(stream_only);
    ACCEPTED.set(0);
    let out = import_text(format(), text, "UTF-8", &opts());
    STREAM_ONLY.set(false);
    (out, ACCEPTED.get())
}

fn json(out: &crate::import::ImportOutcome) -> String {
    format!(
        "{}\n{}",
        serde_json::to_string_pretty(&out.draft).expect("draft"),
        serde_json::to_string_pretty(&out.report).expect("report")
    )
}

/// Where the two imports differ, the first few lines of each.
fn differ(name: &str, fast: &str, slow: &str, text: &str) -> ! {
    let first = fast
        .lines()
        .zip(slow.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    let show = |s: &str| {
        s.lines()
            .skip(first.saturating_sub(3))
            .take(8)
            .collect::<Vec<_>>()
            .join("\n")
    };
    panic!(
        "{name}: the tab reader and the stream reader disagree at line {first}\n--- tab reader\n{}\n--- stream reader\n{}\n--- text\n{text}",
        show(fast),
        show(slow)
    );
}

/// Imports `text` both ways; they must agree. Returns the tables the tab reader took.
///
/// One difference is intended: beside a clean, complete tab table, a sentence that names a
/// row with a number (`其中行政许可4424件。`) is the section's text to the tab reader, and the
/// table's numbers stand; the stream reader takes it for the row printed again (the first
/// printing wins: a sentence before the table gives the cell its number) and drops it from the
/// text. So where they differ: the lines the stream reader took (as rows or unplaced) must be
/// lines the tab reader kept as text, and with those lines blank the two must read alike, the
/// tab reader reading the table as it did with them.
fn alike(name: &str, text: &str) -> usize {
    let (fast, accepted) = import(text, false);
    let (slow, _) = import(text, true);
    let (fast_json, slow_json) = (json(&fast), json(&slow));
    if fast_json == slow_json {
        return accepted;
    }
    let kept_as_text: Vec<usize> = fast.report.text_lines.values().flatten().copied().collect();
    let taken: Vec<usize> = slow
        .report
        .unplaced
        .iter()
        .map(|u| u.line)
        .chain(slow.report.row_lines.iter().map(|(_, l)| l))
        .filter(|l| kept_as_text.contains(l))
        .collect();
    // Only rows the tab table printed: a row it lacks, printed elsewhere, is the stream
    // reader's to read.
    let printed_again = slow
        .report
        .row_lines
        .iter()
        .filter(|(_, l)| taken.contains(l))
        .all(|((t, r), _)| fast.report.row_lines.get(t, r).is_some());
    if accepted == 0 || taken.is_empty() || !printed_again {
        differ(name, &fast_json, &slow_json, text);
    }
    let blanked: Vec<&str> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| if taken.contains(&(i + 1)) { "" } else { l })
        .collect();
    let blanked = blanked.join("\n");
    let (fast2, _) = import(&blanked, false);
    let (slow2, _) = import(&blanked, true);
    let (fast2_json, slow2_json) = (json(&fast2), json(&slow2));
    if fast2_json != slow2_json {
        differ(
            &format!("{name} (lines {taken:?} blank)"),
            &fast2_json,
            &slow2_json,
            &blanked,
        );
    }
    assert_eq!(
        fast.draft.cells, fast2.draft.cells,
        "{name}: the table's numbers"
    );
    accepted
}

fn tsv(d: &crate::draft::Draft) -> String {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 10).expect("date");
    let e = evaluate(format(), d, Stage::Final, today);
    export::render(
        format(),
        d,
        &e,
        Options {
            style: TableStyle::Tsv,
            width: 100,
        },
    )
}

/// Exports of a consistent draft: as it is, with bigger numbers, with a decimal fee, with
/// blank cells.
fn exports() -> Vec<String> {
    let d = crate::rules::tests_support::consistent();
    let mut big = d.clone();
    for v in big.cells.values_mut() {
        if let Ok(n) = v.parse::<u64>() {
            *v = (n * 1_234).to_string();
        }
    }
    let mut fee = d.clone();
    for (k, v) in fee.cells.iter_mut() {
        if k.starts_with("t2.") && k.ends_with(".fee") || k.contains("amount") {
            *v = "12.35".to_string();
        }
    }
    let mut blanks = d.clone();
    let keys: Vec<crate::draft::CellKey> = blanks.cells.keys().cloned().collect();
    for k in keys.iter().step_by(7) {
        blanks.cells.remove(k);
    }
    [d, big, fee, blanks].iter().map(tsv).collect()
}

#[test]
fn our_tsv_export_is_read_by_the_tab_reader_exactly_as_by_the_stream_reader() {
    for (i, text) in exports().iter().enumerate() {
        assert_eq!(
            alike(&format!("export {i}"), text),
            3,
            "tables 二, 三 and 四"
        );
    }
}

/// A small deterministic generator (the cases are the same on every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// One kind of damage a clerk, an editor or a converter does to a tab-separated table, at
/// line `at` of `lines`.
fn damage(lines: &mut Vec<String>, at: usize, kind: usize, rng: &mut Lcg) {
    const ODD: [&str; 9] = [
        "1,234", "19件", "４２", "12 34", "1.2.3", "-3", "0.50", "", "1 234",
    ];
    const PROSE: [&str; 4] = [
        "注：本表数据截至12月31日。",
        "注\t说明",
        "其中行政许可4424件，行政处罚2590件。",
        "一、本年新收政府信息公开申请数量 42 3 0 0 0 0 45",
    ];
    let line = lines[at].clone();
    let mut cells: Vec<&str> = line.split('\t').collect();
    match kind {
        0 => {
            // An editor's trailing whitespace trim, or a last cell dropped.
            let keep = cells.len().saturating_sub(1);
            cells.truncate(keep);
            lines[at] = cells.join("\t");
        }
        1 if cells.len() > 1 => {
            let c = 1 + rng.below(cells.len() - 1);
            cells[c] = ODD[rng.below(ODD.len())];
            lines[at] = cells.join("\t");
        }
        2 => lines.insert(at + 1, PROSE[rng.below(PROSE.len())].to_string()),
        3 => lines.insert(at, line),
        4 => {
            lines.remove(at);
        }
        5 if at + 1 < lines.len() => lines.swap(at, at + 1),
        6 => lines[at] = format!("{line}\t5"),
        7 if at + 1 < lines.len() => {
            let next = lines.remove(at + 1);
            lines[at] = format!("{}\t{next}", line.trim_end_matches('\t'));
        }
        8 => {
            // A label without its numbering, or with another.
            let label = cells[0];
            let bare = label.trim_start_matches(|c: char| {
                c.is_ascii_digit() || "（）()一二三四五六七、.．".contains(c)
            });
            let bare = if bare.is_empty() { "合计" } else { bare };
            cells[0] = bare;
            lines[at] = cells.join("\t");
        }
        9 => lines[at] = line.replace('\t', "  "),
        10 => lines[at] = format!(" {line}"),
        11 => lines[at] = line.replace('\t', "\t\t"),
        12 => lines.insert(at, PROSE[rng.below(PROSE.len())].to_string()),
        _ => lines[at] = format!("{line}\r"),
    }
}

#[test]
fn a_damaged_tab_table_reads_as_the_stream_reader_reads_it_or_goes_to_it() {
    let texts = exports();
    let mut rng = Lcg(std::env::var("SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15));
    let (mut taken, mut left) = (0, 0);
    for case in 0..1000 {
        let text = &texts[case % texts.len()];
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        // Damage lands on a table's lines (those with a tab) or right next to them.
        let tabbed: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].contains('\t'))
            .collect();
        for _ in 0..1 + rng.below(2) {
            let at = tabbed[rng.below(tabbed.len())].min(lines.len() - 1);
            let kind = rng.below(14);
            damage(&mut lines, at, kind, &mut rng);
        }
        let damaged = lines.join("\n");
        match alike(&format!("case {case}"), &damaged) {
            3 => taken += 1,
            _ => left += 1,
        }
    }
    // Both ways were exercised: damage that leaves a table clean, and damage that does not.
    assert!(taken > 20 && left > 100, "taken {taken}, left {left}");
}

#[test]
fn every_fixture_and_sample_reads_alike_either_way() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![
        root.join("tests/fixtures/import"),
        root.join("tests/fixtures/import/unseen"),
    ];
    let shared = root.join("../shared/samples");
    if shared.is_dir() {
        dirs.push(shared.clone());
        dirs.push(shared.join("real"));
    } else {
        println!("../shared/samples not found: the repository's fixtures only");
    }
    let mut read = 0;
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            let text_like = path
                .extension()
                .is_some_and(|e| ["txt", "md", "html", "htm"].iter().any(|x| e == *x));
            if !text_like {
                continue;
            }
            let bytes = std::fs::read(&path).expect("read");
            let Some((text, _)) = decode(&bytes) else {
                continue;
            };
            alike(&path.display().to_string(), &text);
            read += 1;
        }
    }
    assert!(read >= 25, "{read} files");
}

#[test]
fn plain_numbers_are_digits_with_one_point_between_digits() {
    for v in ["0", "42014", "12.35", "0.5"] {
        assert!(is_plain_number(v), "{v}");
    }
    for v in [
        "", "1,234", "19件", "1.2.3", ".5", "5.", "-1", "４２", "1 2",
    ] {
        assert!(!is_plain_number(v), "{v}");
    }
}

#[test]
fn a_sentence_beside_a_tab_table_stays_the_sections_text_and_the_table_stands() {
    let text = exports().remove(0);
    let at = text.find("\n\n三、").expect("section 三");
    let before = "其中行政许可100件。";
    let after = "其中行政处罚7件。";
    let text = format!("{}\n\n{after}{}", &text[..at], &text[at..]).replacen(
        "\n\n第二十条第（一）项",
        &format!("\n\n{before}\n\n第二十条第（一）项"),
        1,
    );
    let (out, accepted) = import(&text, false);
    assert_eq!(accepted, 3);
    // The table's numbers (1 each in this draft), not the sentences'.
    assert_eq!(
        out.draft
            .cells
            .get("t2.licensing.decisions")
            .map(String::as_str),
        Some("1")
    );
    assert!(out.draft.section_text("s2").contains(before));
    assert!(out.draft.section_text("s2").contains(after));
    assert!(
        out.report
            .problems
            .iter()
            .all(|p| p.code != "import.duplicate-row" && p.code != "import.unplaced"),
        "{:#?}",
        out.report.problems
    );
    // The stream reader alone gives the cell the sentence's number: what this shortcut avoids.
    let (slow, _) = import(&text, true);
    assert_eq!(
        slow.draft
            .cells
            .get("t2.licensing.decisions")
            .map(String::as_str),
        Some("100")
    );
    assert_eq!(alike("sentences", &text), 3);
}

#[test]
fn a_row_the_tab_table_lacks_printed_beside_it_is_left_to_the_stream_reader() {
    let text = exports().remove(0);
    let row = text
        .lines()
        .find(|l| l.starts_with("行政许可\t"))
        .expect("the row")
        .to_string();
    let at = text.find("\n\n三、").expect("section 三");
    let moved = format!("{}\n\n行政许可 5{}", &text[..at], &text[at..]).replacen(
        &format!("{row}\n"),
        "",
        1,
    );
    assert_eq!(alike("moved", &moved), 2, "二 to the stream reader");
    let (out, _) = import(&moved, false);
    assert_eq!(
        out.draft
            .cells
            .get("t2.licensing.decisions")
            .map(String::as_str),
        Some("5")
    );
}
