//! What a TARGET argument names: a draft by id, a draft file, a report's text, or a folder of
//! them.

use crate::draft::Draft;
use crate::format::Format;
use crate::fsread::{MAX_INPUT_BYTES, read_regular};
use crate::i18n::{Lang, fill};
use crate::import::{ImportOptions, ImportOutcome, decode_owned};
use crate::storage::{self, Store};
use std::path::{Path, PathBuf};

pub enum Loaded {
    Draft(Box<Draft>),
    Text(Box<ImportOutcome>, Vec<crate::rules::Diagnostic>),
}

/// One thing to check or export, not yet read.
pub enum Target {
    Id(String),
    DraftFile(PathBuf),
    TextFile(PathBuf),
    /// A folder below a checked folder that could not be listed, and why: reported in its
    /// place, the rest is still checked.
    UnreadableDir(PathBuf, String),
}

impl Target {
    pub fn name(&self) -> String {
        match self {
            Target::Id(id) => id.clone(),
            Target::DraftFile(p) | Target::TextFile(p) | Target::UnreadableDir(p, _) => {
                p.display().to_string()
            }
        }
    }
}

/// Expands an argument into targets: an id in the store, a file, or every `.txt`, `.htm(l)` and `.json`
/// file below a folder (sorted).
pub fn expand(store: &Store, arg: &str, lang: Lang) -> Result<Vec<Target>, String> {
    let path = Path::new(arg);
    // Whatever stands there: a draft replaced by a FIFO is named as one, not "not found".
    if Store::is_id(arg) && store.draft_path(arg).exists() {
        return Ok(vec![Target::Id(arg.to_string())]);
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let found = super::walk::walk(path);
            let mut targets: Vec<(PathBuf, Target)> = found
                .files
                .into_iter()
                .map(|p| (p.clone(), classify(p)))
                .collect();
            targets.extend(found.unreadable.into_iter().map(|(p, e)| {
                let reason = e.to_string();
                (p.clone(), Target::UnreadableDir(p, reason))
            }));
            targets.sort_by(|a, b| a.0.cmp(&b.0));
            Ok(targets.into_iter().map(|(_, t)| t).collect())
        }
        // Any other file, a FIFO or a device included: reading it says what it is.
        Ok(_) => Ok(vec![classify(path.to_path_buf())]),
        Err(_) => Err(fill(lang.strings().target_not_found, &[("target", arg)])),
    }
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
            .map(|d| Loaded::Draft(Box::new(d)))
            .map_err(|e| e.message(lang)),
        Target::DraftFile(p) => storage::load(p)
            .map(|d| Loaded::Draft(Box::new(d)))
            .map_err(|e| e.message(lang)),
        Target::TextFile(p) => {
            let (text, encoding) = read_text(p, lang)?;
            let format = Format::default_format().ok_or("no format")?;
            let (outcome, diags) = crate::check::check_text(format, &text, encoding, opts, today);
            Ok(Loaded::Text(Box::new(outcome), diags))
        }
        Target::UnreadableDir(p, reason) => Err(match lang {
            Lang::Zh => format!(
                "{}：无法读取此文件夹，其中的报告未检查：{reason}",
                p.display()
            ),
            Lang::En => format!(
                "{}: cannot read this folder; the reports in it were not checked: {reason}",
                p.display()
            ),
        }),
    }
}

/// Reads a report file a user named: only a regular file, at most [`MAX_INPUT_BYTES`]
/// (a FIFO would block, `/dev/zero` fill memory). The message names the file.
pub fn read_input(path: &Path, lang: Lang) -> Result<Vec<u8>, String> {
    read_regular(path, MAX_INPUT_BYTES).map_err(|e| {
        let sep = if lang == Lang::Zh { "：" } else { ": " };
        format!("{}{sep}{}", path.display(), e.reason(lang))
    })
}

/// Reads and decodes a report file: text or a saved web page in any of the encodings read,
/// a Word document (DOCX, read as a page), or a PDF's text layer.
pub fn read_text(path: &Path, lang: Lang) -> Result<(String, &'static str), String> {
    let bytes = read_input(path, lang)?;
    if crate::import::docx::looks_like_zip(&bytes) {
        return crate::import::docx::to_html(&bytes)
            .map(|html| (html, "DOCX"))
            .map_err(|e| docx_message(path, &e, lang));
    }
    if crate::import::pdf::looks_like_pdf(&bytes) {
        return crate::import::pdf::to_text(path)
            .map(|text| (text, "PDF"))
            .map_err(|e| pdf_message(path, &e, lang));
    }
    decode_owned(bytes).ok_or_else(|| match lang {
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

fn docx_message(path: &Path, e: &crate::import::docx::DocxError, lang: Lang) -> String {
    use crate::import::docx::DocxError;
    match (lang, e) {
        (Lang::Zh, DocxError::NotDocx(why)) => format!(
            "{}：不是 Word 文档（DOCX），无法导入（{why}）。Excel、PowerPoint 文件请先另存为文本",
            path.display()
        ),
        (Lang::Zh, DocxError::Damaged(why)) => {
            format!("{}：Word 文档已损坏，无法读取：{why}", path.display())
        }
        (Lang::En, e) => format!("{}: {e}", path.display()),
    }
}

fn pdf_message(path: &Path, e: &crate::import::pdf::PdfError, lang: Lang) -> String {
    use crate::import::pdf::PdfError;
    match (lang, e) {
        (Lang::Zh, PdfError::NoPdftotext) => format!(
            "{}：读取 PDF 需要 pdftotext（poppler-utils），本机未安装。请安装后重试（如 apt-get install poppler-utils），或把 PDF 另存为文本、Word 后导入",
            path.display()
        ),
        (Lang::Zh, PdfError::NoText) => format!(
            "{}：这个 PDF 没有文字层（是扫描的图片），无法读取其中的文字。请先做文字识别（OCR），或使用原 Word 文件",
            path.display()
        ),
        (Lang::Zh, PdfError::TimedOut(secs)) => {
            format!(
                "{}：pdftotext 超过 {secs} 秒仍未读完，已放弃",
                path.display()
            )
        }
        (Lang::Zh, PdfError::Failed(why)) => {
            format!("{}：pdftotext 无法读取这个 PDF：{why}", path.display())
        }
        (Lang::En, PdfError::NoPdftotext) => format!(
            "{}: reading a PDF needs pdftotext (poppler-utils), which is not installed; install it (e.g. apt-get install poppler-utils) or save the PDF as text or Word first",
            path.display()
        ),
        (Lang::En, PdfError::NoText) => format!(
            "{}: this PDF has no text layer (a scanned image); run OCR on it first, or use the original Word file",
            path.display()
        ),
        (Lang::En, e) => format!("{}: {e}", path.display()),
    }
}

/// Reads one report named on the command line as a draft: a draft as it is, a file imported
/// (as `check` reads it). `many` is the message when `arg` names several (a folder).
pub fn load_one(
    store: &Store,
    lang: Lang,
    now: chrono::DateTime<chrono::FixedOffset>,
    arg: &str,
    many: impl FnOnce() -> String,
) -> Result<(crate::draft::Draft, String), String> {
    let target = match expand(store, arg, lang)? {
        mut t if t.len() == 1 => t.remove(0),
        _ => return Err(many()),
    };
    let opts = ImportOptions {
        id: "one".to_string(),
        agency: None,
        year: None,
        kind: None,
        now,
    };
    let name = target.name();
    match load(store, &target, lang, &opts, now.date_naive())? {
        Loaded::Draft(d) => Ok((*d, name)),
        Loaded::Text(outcome, _) => Ok((outcome.draft, name)),
    }
}
