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
    gbk_table();
}

/// Every pair of bytes with a lead of 0x80–0xFF (lead - 0x80, then trail, 256 each) as
/// encoding_rs decodes it as GBK/GB18030, in four bytes: its UTF-8, padded to three, and its
/// length (0 where the pair is not exactly one character of at most three bytes: an error, a
/// four-byte sequence's first half, or a lead or trail out of range). One lookup per pair,
/// no range test, read by `src/import/decode.rs`'s fast path.
fn gbk_table() {
    let mut table = Vec::with_capacity(128 * 256 * 4);
    for lead in 0x80u8..=0xFF {
        for trail in 0x00u8..=0xFF {
            let pair = [lead, trail];
            let mut entry = [0u8; 4];
            let in_range = (0x81..=0xFE).contains(&lead) && (0x40..=0xFE).contains(&trail);
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&pair);
            let mut chars = text.chars();
            if let (true, false, Some(c), None) = (in_range, had_errors, chars.next(), chars.next())
                && c.len_utf8() <= 3
            {
                c.encode_utf8(&mut entry[..3]);
                entry[3] = c.len_utf8() as u8;
            }
            table.extend_from_slice(&entry);
        }
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("gbk2.bin");
    fs::write(dest, table).expect("write gbk2.bin");
}
