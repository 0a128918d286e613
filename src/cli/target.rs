//! What a TARGET argument names: a draft by id, a draft file, a report's text, or a folder of
//! them.

use crate::draft::Draft;
use crate::format::Format;
use crate::i18n::{Lang, fill};
use crate::import::{ImportOptions, ImportOutcome, decode};
use crate::storage::{self, Store};
use std::path::{Path, PathBuf};

pub enum Loaded {
    Draft(Draft),
    Text(Box<ImportOutcome>, Vec<crate::rules::Diagnostic>),
}

/// One thing to check or export, not yet read.
pub enum Target {
    Id(String),
    DraftFile(PathBuf),
    TextFile(PathBuf),
}

impl Target {
    pub fn name(&self) -> String {
        match self {
            Target::Id(id) => id.clone(),
            Target::DraftFile(p) | Target::TextFile(p) => p.display().to_string(),
        }
    }
}

/// Expands an argument into targets: an id in the store, a file, or every `.txt`, `.htm(l)` and `.json`
/// file below a folder (sorted).
pub fn expand(store: &Store, arg: &str, lang: Lang) -> Result<Vec<Target>, String> {
    let path = Path::new(arg);
    if Store::is_id(arg) && store.draft_path(arg).is_file() {
        return Ok(vec![Target::Id(arg.to_string())]);
    }
    if path.is_dir() {
        let mut files = Vec::new();
        walk(path, &mut files).map_err(|e| format!("{}: {e}", path.display()))?;
        files.sort();
        return Ok(files.into_iter().map(classify).collect());
    }
    if path.is_file() {
        return Ok(vec![classify(path.to_path_buf())]);
    }
    Err(fill(lang.strings().target_not_found, &[("target", arg)]))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|x| x == "txt" || x == "json" || x == "html" || x == "htm")
        {
            out.push(path);
        }
    }
    Ok(())
}

fn classify(path: PathBuf) -> Target {
    if path.extension().is_some_and(|x| x == "json") {
        Target::DraftFile(path)
    } else {
        Target::TextFile(path)
    }
}

/// Reads a target: a draft as it is, a text report imported (and checked) on the fly.
pub fn load(
    store: &Store,
    target: &Target,
    lang: Lang,
    opts: &ImportOptions,
    today: chrono::NaiveDate,
) -> Result<Loaded, String> {
    match target {
        Target::Id(id) => store
            .load_id(id)
            .map(Loaded::Draft)
            .map_err(|e| e.message(lang)),
        Target::DraftFile(p) => storage::load(p)
            .map(Loaded::Draft)
            .map_err(|e| e.message(lang)),
        Target::TextFile(p) => {
            let (text, encoding) = read_text(p, lang)?;
            let format = Format::default_format().ok_or("no format")?;
            let (outcome, diags) = crate::check::check_text(format, &text, encoding, opts, today);
            Ok(Loaded::Text(Box::new(outcome), diags))
        }
    }
}

/// Reads and decodes a report file.
pub fn read_text(path: &Path, lang: Lang) -> Result<(String, &'static str), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    decode(&bytes).ok_or_else(|| match lang {
        Lang::Zh => format!(
            "{}：无法识别的文本编码（支持 UTF-8、UTF-16、GB18030/GBK）",
            path.display()
        ),
        Lang::En => format!(
            "{}: unknown text encoding (UTF-8, UTF-16 and GB18030/GBK are read)",
            path.display()
        ),
    })
}
