//! The core on one report: rule evaluation and totals of the largest realistic draft, its
//! autosave (atomic, fsynced), and import, check and export of one published-size report.
//!
//! `cargo bench --bench core`; divan prints fastest / slowest / median / mean per benchmark.
//! docs/PERFORMANCE.md records the medians.

#[path = "support/mod.rs"]
mod support;

use divan::Bencher;
use nianbao::check::check_text;
use nianbao::export::{self, Options, TableStyle};
use nianbao::import::import_text;
use nianbao::rules::{Stage, evaluate};
use nianbao::storage::Store;

fn main() {
    divan::main();
}

/// All rules and every total of the largest draft (every section ~40 000 字, every cell filled).
#[divan::bench]
fn rules_and_totals_largest_draft(b: Bencher) {
    let draft = support::largest_draft("2025-b16b16");
    let f = support::format();
    b.bench(|| evaluate(f, &draft, Stage::Final, support::today()));
}

/// What the TUI does two quiet seconds after a key: write the whole draft (~0.7 MB of JSON)
/// to a temporary file, fsync it, rename it over the old one.
#[divan::bench(sample_count = 60)]
fn autosave_largest_draft(b: Bencher) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let draft = support::largest_draft("2025-b16b16");
    store.save(&draft).expect("first save");
    b.bench(|| store.save(&draft).expect("save"));
}

/// The part of an autosave that is not the disk: the draft as pretty-printed JSON.
#[divan::bench]
fn autosave_serialize_only(b: Bencher) {
    let draft = support::largest_draft("2025-b16b16");
    b.bench(|| serde_json::to_vec_pretty(&draft).map(|v| v.len()));
}

/// What every process pays once before its first check: the embedded format asset, parsed
/// and validated (`Format::from_json`), and parsed alone.
#[divan::bench(args = ["parse_and_validate", "parse_only"])]
fn format_asset_load(b: Bencher, what: &str) {
    const ASSET: &str = include_str!("../assets/formats/gov-2021.json");
    if what == "parse_only" {
        b.bench(|| serde_json::from_str::<nianbao::format::Format>(ASSET).map(|f| f.rules.len()));
    } else {
        b.bench(|| {
            nianbao::format::Format::from_json("gov-2021.json", ASSET).map(|f| f.rules.len())
        });
    }
}

/// One generated report of published size (UTF-8 text, tables tab-separated or box-drawn).
fn one_report_text() -> String {
    // Report 1 of the default set is UTF-8, without a deliberate error.
    let g = support::generated_report(support::DEFAULT_SEED, 1);
    String::from_utf8(g.bytes).expect("report 1 is UTF-8")
}

#[divan::bench]
fn import_one_report(b: Bencher) {
    let text = one_report_text();
    let opts = support::import_options("bench");
    b.bench(|| import_text(support::format(), &text, "UTF-8", &opts));
}

/// Import and every rule, as `nianbao check FILE.txt` does after reading the file.
#[divan::bench]
fn check_one_report(b: Bencher) {
    let text = one_report_text();
    let opts = support::import_options("bench");
    b.bench(|| check_text(support::format(), &text, "UTF-8", &opts, support::today()));
}

#[divan::bench(args = ["grid", "tsv"])]
fn export_one_report(b: Bencher, style: &str) {
    let text = one_report_text();
    let f = support::format();
    let draft = import_text(f, &text, "UTF-8", &support::import_options("bench")).draft;
    let eval = evaluate(f, &draft, Stage::Final, support::today());
    let style = if style == "grid" {
        TableStyle::Grid
    } else {
        TableStyle::Tsv
    };
    let opts = Options { style, width: 100 };
    b.bench(|| export::render(f, &draft, &eval, opts));
}

/// The largest draft (every section ~40 000 字, every cell filled) as a Word document and as
/// a web page: the document model built and rendered, as `nianbao export --to docx|html` does
/// after loading the draft (the file is not written).
#[divan::bench(args = ["docx", "html"])]
fn export_largest_draft(b: Bencher, kind: &str) {
    let draft = support::largest_draft("2025-b16b16");
    let f = support::format();
    let eval = evaluate(f, &draft, Stage::Final, support::today());
    let kind = if kind == "docx" {
        export::ExportKind::Docx
    } else {
        export::ExportKind::Html
    };
    b.bench(|| {
        kind.render(f, &draft, &eval, &eval.diagnostics, Options::default())
            .map(|bytes| bytes.len())
    });
}
