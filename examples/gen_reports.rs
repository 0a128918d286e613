//! Writes the reports that `bench/run.sh` measures, from a fixed seed.
//!
//! ```text
//! gen_reports reports DIR COUNT [SEED]   COUNT reports in DIR/NN/NNNNN.txt (folders of 1000)
//! gen_reports reports DIR COUNT SEED --pairs
//!                                        the same, but reports 2k and 2k+1 are one agency's
//!                                        for two consecutive years (for `check`'s pairing)
//! gen_reports largest DATA_DIR           the largest realistic draft, saved in the draft store
//!                                        at DATA_DIR (prints its id), and its text export in
//!                                        DATA_DIR/largest.txt
//! ```

#[path = "../benches/support/mod.rs"]
mod support;

use nianbao::export::{self, Options, TableStyle};
use nianbao::rules::{Stage, evaluate};
use nianbao::storage::Store;
use std::path::Path;
use std::process::ExitCode;

const LARGEST_ID: &str = "2025-b16b16";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["reports", dir, count] => reports(Path::new(dir), count, support::DEFAULT_SEED, false),
        ["reports", dir, count, seed] => match seed.parse() {
            Ok(seed) => reports(Path::new(dir), count, seed, false),
            Err(e) => Err(format!("seed {seed}: {e}")),
        },
        ["reports", dir, count, seed, "--pairs"] => match seed.parse() {
            Ok(seed) => reports(Path::new(dir), count, seed, true),
            Err(e) => Err(format!("seed {seed}: {e}")),
        },
        ["largest", dir] => largest(Path::new(dir)),
        _ => Err(
            "usage: gen_reports reports DIR COUNT [SEED [--pairs]] | gen_reports largest DATA_DIR"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_reports: {e}");
            ExitCode::from(2)
        }
    }
}

fn reports(dir: &Path, count: &str, seed: u64, pairs: bool) -> Result<(), String> {
    let count: u64 = count.parse().map_err(|e| format!("count {count}: {e}"))?;
    let (mut errors, mut gbk, mut bytes) = (0, 0, 0);
    for i in 0..count {
        let g = if pairs {
            support::generated_paired_report(seed, i)
        } else {
            support::generated_report(seed, i)
        };
        let sub = dir.join(format!("{:02}", i / 1000));
        std::fs::create_dir_all(&sub).map_err(|e| format!("{}: {e}", sub.display()))?;
        let path = sub.join(format!("{i:05}.txt"));
        std::fs::write(&path, &g.bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        errors += usize::from(g.has_error);
        gbk += usize::from(g.gbk);
        bytes += g.bytes.len();
    }
    let paired = if pairs { ", in pairs of years" } else { "" };
    println!(
        "{count} reports, {errors} with an error, {gbk} in GBK, {bytes} bytes, seed {seed}{paired}"
    );
    Ok(())
}

fn largest(dir: &Path) -> Result<(), String> {
    let store = Store::at(dir);
    let draft = support::largest_draft(LARGEST_ID);
    store
        .save(&draft)
        .map_err(|e| e.message(nianbao::i18n::Lang::En))?;
    let f = support::format();
    let eval = evaluate(f, &draft, Stage::Final, support::today());
    let opts = Options {
        style: TableStyle::Grid,
        width: 100,
    };
    let text = export::render(f, &draft, &eval, opts);
    let path = dir.join("largest.txt");
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{LARGEST_ID}");
    Ok(())
}
