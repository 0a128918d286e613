//! Everything the command line prints goes through here, so that two things hold everywhere:
//! text from outside (file names, agency names, titles, messages) reaches the terminal
//! neutralised by [`crate::sanitize`], JSON included (escaped as `\uXXXX`, the data exact);
//! and a standard output that went away (`nianbao list | head -0`) or fails (a full disk) is
//! an error returned to the command, never a panic.

use crate::i18n::Lang;
use std::fmt::Display;
use std::io::Write;

/// Standard output could not be written.
#[derive(Debug)]
pub struct StdoutFailed(pub std::io::Error);

impl StdoutFailed {
    /// A reader that stopped reading (`| head`): the output is not wanted, nothing is wrong.
    pub fn is_closed_pipe(&self) -> bool {
        self.0.kind() == std::io::ErrorKind::BrokenPipe
    }
}

/// One line of text on stdout (tab and newline kept, everything unsafe made visible).
pub fn line(text: impl Display) -> Result<(), StdoutFailed> {
    let text = text.to_string();
    bytes(format!("{}\n", crate::sanitize::text(&text)).as_bytes())
}

/// A JSON value on one line of stdout.
pub fn json_line(value: &serde_json::Value) -> Result<(), StdoutFailed> {
    let text = value.to_string();
    bytes(format!("{}\n", crate::sanitize::json(&text)).as_bytes())
}

/// Bytes as they are (an export, already neutralised when it was rendered).
pub fn bytes(data: &[u8]) -> Result<(), StdoutFailed> {
    let mut out = std::io::stdout().lock();
    out.write_all(data)
        .and_then(|()| out.flush())
        .map_err(StdoutFailed)
}

/// One line on stderr. A stderr that is gone too leaves nobody to tell: ignored.
pub fn note(text: impl Display) {
    let text = text.to_string();
    let _ = writeln!(std::io::stderr().lock(), "{}", crate::sanitize::text(&text));
}

/// The exit status of a command whose stdout failed: quiet and 0 for a closed pipe (like
/// other Unix tools, the reader had what it wanted), else the error on stderr and 2.
pub fn failed_status(e: &StdoutFailed, lang: Lang) -> i32 {
    if e.is_closed_pipe() {
        return 0;
    }
    note(match lang {
        Lang::Zh => format!("nianbao: 错误: 无法写出到标准输出：{}", e.0),
        Lang::En => format!("nianbao: error: cannot write to standard output: {}", e.0),
    });
    2
}
