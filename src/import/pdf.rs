//! A PDF's text layer, read with poppler's `pdftotext -layout` (the rows of a table stay on
//! one line each, in their columns). No Rust crate read the Chinese text of CID-keyed fonts
//! right in our trials, so the one external program is used when it is installed, and its
//! absence is said plainly. A PDF without a text layer (a scan) is said to be one.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A PDF that takes longer than this to convert is given up (a hostile or broken file).
const TIMEOUT: Duration = Duration::from_secs(120);
/// Text beyond this is not a report.
const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("pdftotext (poppler-utils) is not installed")]
    NoPdftotext,
    #[error("pdftotext failed: {0}")]
    Failed(String),
    #[error("pdftotext took more than {0} seconds")]
    TimedOut(u64),
    #[error("the PDF has no text layer (a scanned image)")]
    NoText,
}

/// True when the bytes are a PDF file.
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// The text of the PDF at `path`, pages one after another.
pub fn to_text(path: &Path) -> Result<String, PdfError> {
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PdfError::NoPdftotext,
            _ => PdfError::Failed(e.to_string()),
        })?;
    // Read the output on a thread so a large page cannot fill the pipe while we wait.
    let drain = |pipe: Option<Box<dyn Read + Send>>, max: u64| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(p) = pipe {
                let _ = p.take(max).read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let reader = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        MAX_TEXT_BYTES,
    );
    let errors = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        64 * 1024,
    );
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::TimedOut(TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(PdfError::Failed(e.to_string())),
        }
    };
    let bytes = reader.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&errors.join().unwrap_or_default()).into_owned();
    if !status.success() {
        // The first lines say why (damaged, encrypted …).
        let err: String = err.lines().take(3).collect::<Vec<_>>().join("; ");
        return Err(PdfError::Failed(if err.trim().is_empty() {
            status.to_string()
        } else {
            err.chars().take(300).collect()
        }));
    }
    // Pages are separated by form feeds.
    let text = String::from_utf8_lossy(&bytes).replace('\u{c}', "\n");
    if text.chars().all(char::is_whitespace) {
        return Err(PdfError::NoText);
    }
    Ok(text)
}
