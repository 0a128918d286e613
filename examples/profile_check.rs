//! Checks N generated reports in one thread, for a profiler (callgrind, perf): what
//! `nianbao check DIR` spends per report, without the process, the folder walk or threads.
//!
//! ```text
//! cargo run --release --example profile_check -- [N]
//! valgrind --tool=callgrind --toggle-collect='*check_text*' target/release/examples/profile_check 50
//! ```

#[path = "../benches/support/mod.rs"]
mod support;

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let opts = support::import_options("profile");
    let texts: Vec<String> = (0..n)
        .map(|i| support::generated_report(support::DEFAULT_SEED, i).bytes)
        .filter_map(|b| String::from_utf8(b).ok())
        .collect();
    let mut findings = 0;
    for text in &texts {
        let (_, diagnostics) =
            nianbao::check::check_text(support::format(), text, "UTF-8", &opts, support::today());
        findings += diagnostics.len();
    }
    println!("{} reports, {findings} findings", texts.len());
}
