//! The command line: a thin layer that parses arguments, calls the core and prints.
//!
//! Exit status: 0 success (for `check`, no errors), 1 the report has errors (`check`, a refused
//! `export`), 2 a usage or I/O error.

/// `println!` that returns a closed or failing stdout as `Err(StdoutFailed)` from the calling
/// function instead of panicking, with the text neutralised (see `print`).
macro_rules! say {
    ($($arg:tt)*) => {
        crate::cli::print::line(format_args!($($arg)*))?
    };
}

mod batch;
mod commands;
mod diff;
mod doctor;
mod output;
mod pairs;
mod previous;
mod print;
mod target;
mod walk;

use crate::i18n::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告：起草、检查、导出 / draft, check and export the annual report on government information disclosure"
)]
pub struct Cli {
    /// 草稿保存目录 / where drafts live (default: $NIANBAO_DATA_DIR, else the user data directory)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// 界面语言 / language of messages (default: from LANG/LC_ALL, else zh)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// 用 ASCII 字符画边框（终端把制表符显示成双宽时）/ ASCII borders, for terminals that draw box characters double width
    #[arg(long, global = true)]
    pub ascii: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// 部门（1月31日前公布）/ a department: publish by 31 January
    Department,
    /// 人民政府（3月31日前公布）/ a people's government: publish by 31 March
    Government,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    /// 无法读取的、错误多的、不齐全的、警告多的在前 / unreadable, most errors, incomplete, most warnings first
    Worst,
    /// 按机关名称 / by agency name
    Agency,
    /// 按错误数 / by the number of errors
    Errors,
    /// 按年度 / by year
    Year,
}

impl From<SortArg> for crate::summary::SortBy {
    fn from(s: SortArg) -> Self {
        match s {
            SortArg::Worst => crate::summary::SortBy::Worst,
            SortArg::Agency => crate::summary::SortBy::Agency,
            SortArg::Errors => crate::summary::SortBy::Errors,
            SortArg::Year => crate::summary::SortBy::Year,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ToArg {
    /// 文本 / text
    Txt,
    /// 网页（可粘贴进网站编辑器）/ a self-contained web page
    Html,
    /// Markdown（GFM 表格）/ Markdown with GFM tables
    Md,
    /// JSON（字段见 docs/EXPORT-JSON.md）/ JSON, see docs/EXPORT-JSON.md
    Json,
    /// Word 文档（公文版式）/ a Word document laid out as a 公文
    Docx,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StyleArg {
    /// 制表符画线的表格 / box-drawing tables aligned for reading
    Grid,
    /// 制表符分隔，可粘贴进 Word/WPS / tab-separated, pastes into Word or WPS as a table
    Tsv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8（默认）/ UTF-8 (the default)
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// 带 BOM 的 UTF-8，旧版 Windows 记事本可正确识别 / UTF-8 with a byte order mark, which
    /// Notepad on an old Windows needs
    #[value(name = "utf-8-bom", alias = "utf8-bom")]
    Utf8Bom,
    /// GB18030（兼容 GBK）/ GB18030 (a superset of GBK)
    #[value(name = "gb18030")]
    Gb18030,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EolArg {
    /// 换行为 LF（默认）/ LF line endings (the default)
    Lf,
    /// 换行为 CRLF（Windows 记事本）/ CRLF line endings, for Windows Notepad
    Crlf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 在交互界面中打开草稿 / open a draft in the interactive interface
    Open {
        #[arg(value_name = "ID")]
        id: String,
    },
    /// 新建草稿，输出其编号 / create a draft and print its id
    New {
        /// 机关名称 / agency name (with --from: last year's)
        #[arg(long, required_unless_present = "from")]
        agency: Option<String>,
        /// 报告年度 / report year (with --from: last year's + 1)
        #[arg(long, required_unless_present = "from")]
        year: Option<i32>,
        /// 机关类型（默认由名称判断：…人民政府为政府，否则为部门；--from 时沿用上一年）/ kind of
        /// agency (default from the name: …人民政府 a government, else a department; with --from,
        /// last year's)
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// 报告格式 / report format id (see `nianbao formats`)
        #[arg(long)]
        format: Option<String>,
        /// 从上一年的报告新建：草稿编号或任何可导入的文件；沿用机关、类型，年度加一，上年结转取自其结转下年度，
        /// 现行有效件数作为起点 / start from last year's report (a draft id or any file `import`
        /// reads): agency and kind carried, year + 1, 上年结转 from its 结转下年度, 现行有效件数 as
        /// the starting point, and last year kept for the cross-year check
        #[arg(long, value_name = "PREVIOUS")]
        from: Option<String>,
        /// 与 --from 同用：复制上一年的各部分文字（未改写前会提示内容雷同）/ with --from: copy last
        /// year's section texts too (flagged as the same text until rewritten)
        #[arg(long, requires = "from")]
        copy_text: bool,
    },
    /// 列出草稿 / list drafts
    List {
        #[arg(long)]
        json: bool,
    },
    /// 检查草稿或报告文本 / check drafts (id or file) or report text files; folders are searched
    Check {
        #[arg(required = true, value_name = "TARGET")]
        targets: Vec<String>,
        #[arg(long)]
        json: bool,
        /// 同一机关上一年的报告（草稿编号或文件），另查跨年度规则 / last year's report of the same
        /// agency (a draft id or a file): the cross-year rules are checked too
        #[arg(long, value_name = "PREVIOUS")]
        previous: Option<String>,
        /// 不把同一机关相邻年度的报告配对检查（默认配对：按标题中的机关和年度，后一年对照前一年）/ do
        /// not check one agency's reports for consecutive years against each other (by default
        /// they are paired by the agency and year in their titles)
        #[arg(long)]
        no_pairs: bool,
        /// 把每份报告一行的汇总表写入文件（.xlsx、.csv 或 .html），另附全部问题清单 / write a
        /// summary, one row per report and every finding, to an .xlsx, .csv or .html file
        #[arg(long, value_name = "FILE")]
        summary: Option<PathBuf>,
        /// 汇总表的排序：问题最多的在前（默认）、按机关、按错误数、按年度 / the summary's order:
        /// worst first (default), by agency, by errors, by year
        #[arg(long, value_enum, default_value = "worst", requires = "summary")]
        sort: SortArg,
    },
    /// 比较两份报告（草稿或文件）：每个单元格的变化与百分比，各部分文字的改动 / compare two
    /// reports (drafts or files): every cell's change and percentage, each part's text changes
    Diff {
        #[arg(value_name = "A")]
        a: String,
        #[arg(value_name = "B")]
        b: String,
        /// 以 JSON 输出 / print as JSON
        #[arg(long)]
        json: bool,
        /// 也列出未变的单元格和文字 / list unchanged cells and text too
        #[arg(long)]
        all: bool,
    },
    /// 导出为文本、网页、Markdown、JSON 或 Word / export as text, HTML, Markdown, JSON or DOCX
    Export {
        #[arg(value_name = "TARGET")]
        target: String,
        /// 输出文件（默认标准输出）/ output file (default: standard output)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// 导出格式，默认由 -o 的扩展名判断，否则为文本 / the kind of file; read from -o's
        /// extension when not given, else text
        #[arg(long, value_enum)]
        to: Option<ToArg>,
        #[arg(long, value_enum, default_value = "grid")]
        table_style: StyleArg,
        /// grid 表格的最大显示宽度 / display columns a grid table may take
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u16).range(20..))]
        width: u16,
        /// 文本编码，用于 txt 和 md；html、json 总是 UTF-8，docx 不适用 / the encoding of a txt
        /// or md export; html and json are always UTF-8, docx does not apply
        #[arg(long, value_enum, default_value = "utf-8")]
        encoding: EncodingArg,
        /// 换行符，用于 txt、md、html、json；docx 不适用 / line endings of a txt, md, html or
        /// json export; docx does not apply
        #[arg(long, value_enum, default_value = "lf")]
        eol: EolArg,
        /// 文本导出中段落首行缩进两个全角空格（　　）/ start each paragraph of a txt export with
        /// two full-width spaces (　　)
        #[arg(long)]
        indent: bool,
        /// 有错误也导出 / export even with errors
        #[arg(long)]
        force: bool,
        /// 输出文件的权限（八进制，默认 600 仅本人可读）/ the output file's permission bits, octal
        /// (default 600: only you can read it, the figures are not yet published)
        #[arg(long, value_name = "OCTAL", default_value = "600", value_parser = parse_mode)]
        mode: u32,
    },
    /// 导入报告文本为草稿，输出其编号 / import a report's text as a draft and print its id
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        /// 报告类型，默认由标题判断（…人民政府为政府本级报告）/ the kind of report; read from the
        /// title when not given (an agency named …人民政府 is a government's own report)
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// 以 JSON 输出导入报告 / print the import report as JSON
        #[arg(long)]
        json: bool,
        /// 指定文本编码（如 gbk、utf-16le），默认自动识别 / the file's encoding (e.g. gbk,
        /// utf-16le); detected when not given
        #[arg(long)]
        encoding: Option<String>,
    },
    /// 列出内置的报告格式 / list the report formats built in
    Formats,
    /// 草稿、备份、导出的位置，以及能否写入、哪些草稿损坏 / where drafts, backups and exports live, whether they are writable, which drafts are damaged
    #[command(visible_alias = "paths")]
    Doctor,
    /// 用备份（.bak）恢复草稿，原文件改名保留 / put a draft's backup (.bak) back; the replaced file is kept
    Restore {
        #[arg(value_name = "ID")]
        id: String,
    },
}

/// `644`, `0644` or `0o644`: permission bits, nothing beyond `777`.
fn parse_mode(text: &str) -> Result<u32, String> {
    let digits = text.trim_start_matches("0o");
    match u32::from_str_radix(digits, 8) {
        Ok(m) if m <= 0o777 => Ok(m),
        _ => Err(format!(
            "“{text}”: 应为 000–777 的八进制权限 / octal permission bits 000–777"
        )),
    }
}

/// Runs the command line; returns the process exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let lang = Lang::detect(cli.lang.map(|l| match l {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    }));
    commands::dispatch(cli, lang)
}
