//! Embeds every format asset in `assets/formats/` into the binary, so a new revision of the
//! format is a new JSON file and no code change.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("assets/formats");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("assets/formats must exist")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = String::from("/// (file name, contents) of every embedded format asset.\n");
    out.push_str("pub const FORMAT_ASSETS: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).expect("utf-8 name");
        // Relative to the crate being compiled, not an absolute path written into OUT_DIR:
        // a copied target/ (another worktree) must embed its own checkout's assets.
        out.push_str(&format!(
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/assets/formats/{name}\"))),\n"
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("format_assets.rs");
    fs::write(dest, out).expect("write format_assets.rs");
}
