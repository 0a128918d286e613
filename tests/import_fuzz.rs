//! The text and HTML importers never panic or stall, whatever a report's bytes: real and
//! generated reports with bytes flipped, HTML nesting inserted, odd numbers in cells, cut
//! short, or re-encoded in GBK. Invariants checked per case: decoding and the check end; every
//! value placed in a cell was in the input (after reading full-width and other-script digits
//! as ASCII; `0` also stands for a printed zero spelling such as `—`); every line number
//! reported is a line of the text.
//!
//! The default run is small (256 cases). For the long run:
//! `NIANBAO_FUZZ_CASES=100000 cargo test --release --test import_fuzz -- --nocapture`
//! (figures in docs/FUZZ.md).

use chrono::{DateTime, NaiveDate};
use nianbao::check::check_text;
use nianbao::format::Format;
use nianbao::import::{ImportOptions, decode};
use nianbao::value::{normalize_width, other_digit};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn cases() -> u32 {
    std::env::var("NIANBAO_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// Real reports to start from: the fixture and the shared samples when present.
fn seeds() -> Vec<Vec<u8>> {
    let mut out = vec![std::fs::read("tests/fixtures/complete-2024.txt").expect("fixture")];
    if let Ok(dir) = std::fs::read_dir("/work/shared/samples/real") {
        let mut paths: Vec<_> = dir
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        out.extend(paths.iter().filter_map(|p| std::fs::read(p).ok()));
    }
    // The fixture as a web page: its lines as paragraphs, its table rows as a table.
    let text = String::from_utf8_lossy(&out[0]).into_owned();
    let mut page = String::from("<html><head><meta charset=\"utf-8\"></head><body>");
    let mut in_table = false;
    for line in text.lines() {
        if line.contains('\t') {
            if !in_table {
                page.push_str("<table>");
                in_table = true;
            }
            page.push_str("<tr>");
            for cell in line.split('\t') {
                page.push_str(&format!("<td>{cell}</td>"));
            }
            page.push_str("</tr>\n");
        } else {
            if in_table {
                page.push_str("</table>\n");
                in_table = false;
            }
            page.push_str(&format!("<p>{line}</p>\n"));
        }
    }
    page.push_str("</body></html>");
    out.push(page.into_bytes());
    out
}

/// One way to damage a report.
#[derive(Debug, Clone)]
enum Edit {
    FlipBit { at: usize, bit: u8 },
    SetByte { at: usize, byte: u8 },
    Insert { at: usize, text: String },
    Truncate { at: usize },
    Gbk,
}

fn odd_number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("-5".to_string()),
        Just("+3001".to_string()),
        Just("1e9".to_string()),
        Just("NaN".to_string()),
        Just("٣٠٠١".to_string()),
        Just("٣۰".to_string()),
        Just("99999999999999999999999999".to_string()),
        Just("1,2,3".to_string()),
        Just("—".to_string()),
        Just("１２".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        "[0-9]{1,40}",
    ]
}

fn nesting() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "div", "table", "span", "b", "td", "tr", "ul", "p", "rt", "optgroup", "li",
        ]),
        0usize..600,
        any::<bool>(),
    )
        .prop_map(|(tag, n, close)| {
            let mut s = format!("<{tag}>").repeat(n);
            if close {
                s.push_str(&format!("</{tag}>").repeat(n));
            }
            s
        })
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0usize..100_000;
    prop_oneof![
        4 => (at.clone(), 0u8..8).prop_map(|(at, bit)| Edit::FlipBit { at, bit }),
        2 => (at.clone(), any::<u8>()).prop_map(|(at, byte)| Edit::SetByte { at, byte }),
        3 => (at.clone(), odd_number()).prop_map(|(at, n)| Edit::Insert { at, text: format!(" {n} ") }),
        1 => (at.clone(), odd_number()).prop_map(|(at, n)| Edit::Insert { at, text: format!("\t{n}\t") }),
        2 => (at.clone(), nesting()).prop_map(|(at, text)| Edit::Insert { at, text }),
        1 => (at.clone(), "[\\t\\n |<>/a-z0-9一二三、（）]{0,20}").prop_map(|(at, text)| Edit::Insert { at, text }),
        1 => at.prop_map(|at| Edit::Truncate { at }),
        1 => Just(Edit::Gbk),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len().max(1);
        match e {
            Edit::FlipBit { at, bit } => {
                if let Some(b) = bytes.get_mut(at % n) {
                    *b ^= 1 << bit;
                }
            }
            Edit::SetByte { at, byte } => {
                if let Some(b) = bytes.get_mut(at % n) {
                    *b = *byte;
                }
            }
            Edit::Insert { at, text } => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, text.bytes());
            }
            Edit::Truncate { at } => bytes.truncate(at % n),
            Edit::Gbk => {
                // GB18030 encodes every character; GBK would write the rest as `&#…;`
                // references, which only a page reads back.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                bytes = encoding_rs::GB18030.encode(&text).0.into_owned();
            }
        }
    }
    bytes
}

/// The input as the importer may legitimately rewrite it: full-width and other-script digits
/// read as ASCII, whitespace dropped (a cell's wrapped pieces are joined), and for a page its
/// tags dropped (a cell's text is the text of everything in it).
fn readable(text: &str, page: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    let chars: Vec<char> = normalize_width(text).chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // A `<` starts a tag only before a name, `/` or `!`; else it is text.
        let opens = chars
            .get(i + 1)
            .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
        match c {
            '<' if page && opens => in_tag = true,
            '>' if page && in_tag => in_tag = false,
            _ if in_tag || c.is_whitespace() => {}
            c => out.push(match other_digit(c) {
                Some((_, v)) => char::from_digit(v, 10).unwrap_or(c),
                None => c,
            }),
        }
    }
    out
}

fn check_case(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Some((text, enc)) = decode(bytes) else {
        return Ok(());
    };
    let opts = ImportOptions {
        id: "fuzz".into(),
        agency: None,
        year: None,
        kind: None,
        now: DateTime::parse_from_rfc3339("2025-01-10T09:00:00+08:00").expect("now"),
    };
    let today = NaiveDate::from_ymd_opt(2025, 1, 10).expect("date");
    let (outcome, diags) = check_text(format(), &text, enc, &opts, today);
    let page = outcome.report.encoding.ends_with("(HTML)");
    // A page's text as a tokenizer reads it is approximated both ways: tags dropped, and
    // markup kept (a `<` the parser took for text).
    let stripped = readable(&text, page);
    let raw = readable(&text, false);
    for p in outcome.report.placed.iter() {
        let value = readable(p.value, false);
        prop_assert!(
            p.value == "0" || stripped.contains(&value) || raw.contains(&value),
            "placed {:?} not in the input",
            p
        );
    }
    // Lines of the text the importer read (for a page: the lines of its text, fewer or more).
    let limit = text.lines().count().max(1) + text.matches('<').count() + 1;
    for d in &diags {
        if let Some(line) = d.location.line {
            prop_assert!(line >= 1 && line <= limit, "line {line} of {limit}: {d:?}");
        }
    }
    Ok(())
}

#[test]
fn damaged_reports_never_panic_and_place_only_what_they_hold() {
    let seeds = seeds();
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (0usize..seeds.len(), prop::collection::vec(edit(), 1..5));
    let started = std::time::Instant::now();
    let ran = std::sync::atomic::AtomicUsize::new(0);
    let result = runner.run(&strategy, |(seed, edits)| {
        ran.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        check_case(&apply(seeds[seed].clone(), &edits))
    });
    println!(
        "import_fuzz: {} cases run (of {}) over {} seeds in {:.1?}",
        ran.into_inner(),
        cases(),
        seeds.len(),
        started.elapsed()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}
