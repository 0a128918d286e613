//! One function per subcommand.

use super::output::{counts, diagnostic_line, import_report};
use super::print::{self, StdoutFailed, failed_status, note};
use super::target::{Loaded, expand, load, read_text};
use super::{Cli, Command, EncodingArg, EolArg, KindArg, StyleArg, ToArg};
use crate::draft::{AgencyKind, Draft};
use crate::export::{self, ExportKind, LineEnding, Options, TableStyle, TextEncoding, TextFile};
use crate::format::Format;
use crate::i18n::{Lang, fill};
use crate::import::{ImportOptions, import_text};
use crate::rules::{Stage, evaluate};
use crate::storage::Store;
use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use clap::CommandFactory;

const OK: i32 = 0;
const HAS_ERRORS: i32 = 1;
const FAILURE: i32 = 2;

struct Ctx {
    store: Store,
    lang: Lang,
    now: DateTime<FixedOffset>,
}

impl Ctx {
    fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    fn fail(&self, msg: &str) -> i32 {
        // File names and quoted text may hold control characters: never raw to the terminal.
        let msg = crate::sanitize::visible(msg);
        note(format!(
            "nianbao: {}: {msg}",
            self.lang.strings().error_prefix
        ));
        FAILURE
    }

    fn import_options(&self, id: &str, kind: Option<AgencyKind>) -> ImportOptions {
        ImportOptions {
            id: id.to_string(),
            agency: None,
            year: None,
            kind,
            now: self.now,
        }
    }
}

pub fn dispatch(cli: Cli, lang: Lang) -> i32 {
    let store = match Store::resolve(cli.data_dir.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            note(format!("nianbao: {}", e.message(lang)));
            return FAILURE;
        }
    };
    warn_if_shared(&store, lang);
    let ctx = Ctx {
        store,
        lang,
        now: Local::now().fixed_offset(),
    };
    match cli.command {
        None => tui(ctx, cli.ascii, None),
        Some(Command::Open { id }) => tui(ctx, cli.ascii, Some(&id)),
        Some(Command::New {
            agency,
            year,
            kind,
            format,
            from: Some(previous),
            copy_text,
        }) => super::previous::new_from(
            &ctx.store,
            ctx.lang,
            ctx.now,
            &previous,
            super::previous::Given {
                agency,
                year,
                kind: kind.map(Into::into),
                format,
                copy_text,
            },
        )
        .map_or_else(|m| ctx.fail(&m), |id| print_saved_id(&ctx, &id, None)),
        Some(Command::New {
            agency: Some(agency),
            year: Some(year),
            kind,
            format,
            ..
        }) => new(
            &ctx,
            &agency,
            year,
            // As the TUI suggests it: …人民政府 publishes by 31 March, a department by 31 January.
            kind.map_or_else(|| crate::import::kind_from_name(&agency), Into::into),
            format.as_deref(),
        ),
        Some(Command::New { .. }) => ctx.fail("--agency and --year, or --from"),
        Some(Command::List { json }) => {
            list(&ctx, json).unwrap_or_else(|e| failed_status(&e, lang))
        }
        Some(Command::Check {
            targets,
            json,
            previous,
            no_pairs,
            summary,
            sort,
        }) => {
            let summary = match summary {
                None => None,
                Some(path) => match crate::summary::SummaryKind::from_path(&path) {
                    Some(kind) => Some(super::batch::SummaryRequest {
                        path,
                        kind,
                        sort: sort.into(),
                    }),
                    None => {
                        let path = path.display().to_string();
                        return ctx.fail(&fill(
                            ctx.lang.strings().summary_kind_unknown,
                            &[("path", &path)],
                        ));
                    }
                },
            };
            let mut options = super::batch::BatchOptions {
                json,
                previous: None,
                pair: !no_pairs,
                summary,
            };
            match previous {
                None => check(&ctx, &targets, options),
                Some(p) => {
                    match super::previous::load_previous(&ctx.store, ctx.lang, ctx.now, &p) {
                        Ok(_) if targets.len() != 1 => ctx.fail(match ctx.lang {
                            Lang::Zh => "--previous 只能与一个报告同用",
                            Lang::En => "--previous goes with one report",
                        }),
                        Ok(prev) => {
                            options.previous = Some(prev);
                            options.pair = false;
                            check(&ctx, &targets, options)
                        }
                        Err(m) => ctx.fail(&m),
                    }
                }
            }
        }
        Some(Command::Diff { a, b, json, all }) => {
            super::diff::run(&ctx.store, ctx.lang, ctx.now, (&a, &b), json, all)
                .unwrap_or_else(|m| ctx.fail(&m))
        }
        Some(Command::Export {
            target,
            output,
            to,
            table_style,
            width,
            encoding,
            eol,
            indent,
            force,
            mode,
        }) => {
            let style = match table_style {
                StyleArg::Grid => TableStyle::Grid,
                StyleArg::Tsv => TableStyle::Tsv,
            };
            let opts = Options {
                style,
                width: width as usize,
            };
            let kind = match to {
                Some(ToArg::Txt) => Some(ExportKind::Txt),
                Some(ToArg::Html) => Some(ExportKind::Html),
                Some(ToArg::Md) => Some(ExportKind::Markdown),
                Some(ToArg::Json) => Some(ExportKind::Json),
                Some(ToArg::Docx) => Some(ExportKind::Docx),
                None => None,
            };
            let file = TextFile {
                encoding: match encoding {
                    EncodingArg::Utf8 => TextEncoding::Utf8,
                    EncodingArg::Utf8Bom => TextEncoding::Utf8Bom,
                    EncodingArg::Gb18030 => TextEncoding::Gb18030,
                },
                eol: match eol {
                    EolArg::Lf => LineEnding::Lf,
                    EolArg::Crlf => LineEnding::Crlf,
                },
                indent,
            };
            let req = ExportRequest {
                output: output.as_deref(),
                kind,
                opts,
                file,
                force,
                mode,
            };
            export_cmd(&ctx, &target, &req)
        }
        Some(Command::Import {
            file,
            agency,
            year,
            kind,
            json,
            encoding,
        }) => import(
            &ctx,
            &file,
            agency,
            year,
            kind.map(Into::into),
            json,
            encoding.as_deref(),
        ),
        Some(Command::Formats) => formats(lang).unwrap_or_else(|e| failed_status(&e, lang)),
        Some(Command::Doctor) => super::doctor::doctor(&ctx.store, lang, ctx.now)
            .unwrap_or_else(|e| failed_status(&e, lang)),
        Some(Command::Restore { id }) => {
            match super::doctor::restore(&ctx.store, &id, lang, ctx.now) {
                Ok(Ok(())) => OK,
                Ok(Err(e)) => failed_status(&e, lang),
                Err(e) => ctx.fail(&e),
            }
        }
    }
}

/// A data folder other users can enter: said on every start until it is made private. It
/// may be a folder the user chose (`--data-dir`), so it is not changed behind their back;
/// the drafts and trash folders inside are ours and made 0700 when written.
fn warn_if_shared(store: &Store, lang: Lang) {
    let Some(mode) = store.shared_root_mode() else {
        return;
    };
    let dir = store.root().display();
    note(match lang {
        Lang::Zh => format!(
            "nianbao: 警告: 数据目录 {dir} 其他用户也能访问（权限 {mode:o}），建议执行 chmod 700 {dir}"
        ),
        Lang::En => format!(
            "nianbao: warning: other users can access the data folder {dir} (mode {mode:o}); chmod 700 {dir} advised"
        ),
    });
}

/// Prints the id of a draft just saved. Should stdout be gone, the id goes to stderr: the
/// draft exists, and its id must not be lost with the output.
fn print_saved_id(ctx: &Ctx, id: &str, json: Option<serde_json::Value>) -> i32 {
    let printed = match &json {
        Some(v) => print::json_line(v),
        None => print::line(id),
    };
    match printed {
        Ok(()) => OK,
        Err(e) => {
            note(fill(ctx.lang.strings().saved_as, &[("id", id)]));
            failed_status(&e, ctx.lang)
        }
    }
}

impl From<KindArg> for AgencyKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Department => AgencyKind::Department,
            KindArg::Government => AgencyKind::Government,
        }
    }
}

fn tui(ctx: Ctx, ascii: bool, open: Option<&str>) -> i32 {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        if let Some(id) = open {
            return ctx.fail(&fill(ctx.lang.strings().needs_terminal, &[("id", id)]));
        }
        let _ = super::Cli::command().print_help();
        return FAILURE;
    }
    match crate::tui::run(
        ctx.store.clone(),
        ctx.lang,
        crate::tui::Theme::from_env(ascii),
        open,
    ) {
        Ok(()) => OK,
        Err(e) => ctx.fail(&e),
    }
}

fn new(ctx: &Ctx, agency: &str, year: i32, kind: AgencyKind, format: Option<&str>) -> i32 {
    let format = match format.map(Format::by_id) {
        Some(Ok(f)) => f,
        Some(Err(e)) => return ctx.fail(&e.to_string()),
        None => match Format::default_format() {
            Some(f) => f,
            None => return ctx.fail("no format built in"),
        },
    };
    let id = ctx.store.new_id(year);
    let draft = Draft::new(&id, format, agency, kind, year, ctx.now);
    match ctx.store.save(&draft) {
        Ok(_) => print_saved_id(ctx, &id, None),
        Err(e) => ctx.fail(&e.message(ctx.lang)),
    }
}

fn list(ctx: &Ctx, json: bool) -> Result<i32, StdoutFailed> {
    let listed = match ctx.store.list() {
        Ok(l) => l,
        Err(e) => return Ok(ctx.fail(&e.message(ctx.lang))),
    };
    let s = ctx.lang.strings();
    let mut rows = Vec::new();
    for item in &listed {
        let path = item.path.display().to_string();
        match &item.draft {
            Ok(d) => {
                let (errors, warnings, completion) = match Format::by_id(&d.format) {
                    Ok(f) => {
                        let e = evaluate(f, d, Stage::Drafting, ctx.today());
                        (e.errors(), e.warnings(), Some(d.completion(f)))
                    }
                    Err(_) => (0, 0, None),
                };
                rows.push(serde_json::json!({
                    "id": d.id, "agency": d.agency, "year": d.year, "kind": d.agency_kind.as_str(),
                    "format": d.format, "updated": d.updated.to_rfc3339(), "errors": errors,
                    "warnings": warnings, "completion": completion, "path": path,
                }));
                if !json {
                    let updated = d.updated.with_timezone(&Local).format("%Y-%m-%d %H:%M");
                    say!(
                        "{}\t{}\t{}\t{updated}\t{errors}\t{warnings}",
                        d.id,
                        crate::sanitize::visible(&d.agency),
                        d.year
                    );
                }
            }
            Err(e) => {
                rows.push(serde_json::json!({ "path": path, "error": e.message(ctx.lang) }));
                if !json {
                    note(crate::sanitize::visible(&fill(
                        s.list_broken,
                        &[("path", &path), ("reason", &e.reason(ctx.lang))],
                    )));
                }
            }
        }
    }
    if json {
        print::json_line(&serde_json::Value::Array(rows))?;
    } else if listed.is_empty() {
        say!("{}", s.list_empty);
    }
    Ok(OK)
}

fn check(ctx: &Ctx, args: &[String], options: super::batch::BatchOptions) -> i32 {
    super::batch::check(&ctx.store, ctx.lang, ctx.now, args, options)
}

/// What `export` was asked for.
struct ExportRequest<'a> {
    output: Option<&'a std::path::Path>,
    /// `--to`; when not given, `-o`'s extension decides, else text.
    kind: Option<ExportKind>,
    opts: Options,
    /// Encoding, line endings and indent of a text-like file.
    file: TextFile,
    force: bool,
    mode: u32,
}

fn export_cmd(ctx: &Ctx, arg: &str, req: &ExportRequest) -> i32 {
    let ExportRequest {
        output,
        opts,
        file,
        force,
        mode,
        ..
    } = *req;
    let kind = req
        .kind
        .or_else(|| {
            output
                .filter(|p| !p.is_dir())
                .and_then(ExportKind::from_path)
        })
        .unwrap_or_default();
    if file.encoding != TextEncoding::Utf8 && !kind.takes_encoding() {
        note(match ctx.lang {
            Lang::Zh => format!(
                "提示：--encoding 只用于 txt 和 md，{} 文件不受影响（html、json 总是 UTF-8）",
                kind.extension()
            ),
            Lang::En => format!(
                "note: --encoding applies to txt and md only; the {} file is unaffected (html and json are always UTF-8)",
                kind.extension()
            ),
        });
    }
    let target = match expand(&ctx.store, arg, ctx.lang) {
        Ok(mut t) if t.len() == 1 => t.remove(0),
        Ok(_) => return ctx.fail(&format!("{arg}: one report at a time")),
        Err(msg) => return ctx.fail(&msg),
    };
    let name = target.name();
    let import_opts = ctx.import_options("export", None);
    let (draft, diags) = match load(&ctx.store, &target, ctx.lang, &import_opts, ctx.today()) {
        Ok(Loaded::Draft(d)) => {
            let diags = match Format::by_id(&d.format) {
                Ok(f) => crate::check::check_draft(f, &d, ctx.today()),
                Err(e) => return ctx.fail(&e.message(ctx.lang)),
            };
            (*d, diags)
        }
        Ok(Loaded::Text(outcome, diags)) => (outcome.draft, diags),
        Err(msg) => return ctx.fail(&msg),
    };
    let format = match Format::by_id(&draft.format) {
        Ok(f) => f,
        Err(e) => return ctx.fail(&format!("{name}: {}", e.message(ctx.lang))),
    };
    let (errors, _) = counts(&diags);
    if errors > 0 && !force {
        let s = ctx.lang.strings();
        note(fill(s.export_refused, &[("errors", &errors.to_string())]));
        for d in diags
            .iter()
            .filter(|d| d.severity == crate::format::Severity::Error)
        {
            note(diagnostic_line(&name, d, ctx.lang));
        }
        return HAS_ERRORS;
    }
    let eval = evaluate(format, &draft, Stage::Final, ctx.today());
    let text = match kind.render_file(format, &draft, &eval, &diags, opts, file) {
        Ok(bytes) => bytes,
        Err(e) => return ctx.fail(&e.to_string()),
    };
    match output {
        None => {
            if let Err(e) = print::bytes(&text) {
                return failed_status(&e, ctx.lang);
            }
        }
        Some(path) => {
            // A folder: the file in it is named after the report's title.
            let path = if path.is_dir() {
                path.join(export::file_name_for(
                    &export::export_file_name(&draft.title(format)),
                    kind,
                ))
            } else {
                path.to_path_buf()
            };
            if let Err(e) = export::write_export(&ctx.store, &path, &text, mode) {
                return ctx.fail(&e.message(ctx.lang));
            }
            let written = fill(
                ctx.lang.strings().export_written,
                &[("path", &path.display().to_string())],
            );
            if let Err(e) = print::line(written) {
                return failed_status(&e, ctx.lang);
            }
        }
    }
    OK
}

fn import(
    ctx: &Ctx,
    file: &std::path::Path,
    agency: Option<String>,
    year: Option<i32>,
    kind: Option<AgencyKind>,
    json: bool,
    forced: Option<&str>,
) -> i32 {
    let read = match forced {
        Some(label) => read_as(file, label, ctx.lang),
        None => read_text(file, ctx.lang),
    };
    let (text, encoding) = match read {
        Ok(t) => t,
        Err(msg) => return ctx.fail(&msg),
    };
    let Some(format) = Format::default_format() else {
        return ctx.fail("no format built in");
    };
    let mut opts = ctx.import_options("pending", kind);
    opts.agency = agency;
    opts.year = year;
    let mut outcome = import_text(format, &text, encoding, &opts);
    let name = file.display().to_string();
    if json {
        // The report goes to stdout as data; the id is part of it.
    } else {
        for line in import_report(&outcome.report, &name, ctx.lang) {
            note(line);
        }
    }
    if outcome.draft.year == 0 {
        return ctx.fail(match ctx.lang {
            Lang::Zh => "无法从标题识别报告年度，请用 --year 指定",
            Lang::En => "the report year could not be read from a title; give it with --year",
        });
    }
    outcome.draft.id = ctx.store.new_id(outcome.draft.year);
    crate::import::ready_for_editing(&mut outcome.draft);
    if let Err(e) = ctx.store.save(&outcome.draft) {
        return ctx.fail(&e.message(ctx.lang));
    }
    let id = &outcome.draft.id;
    if json {
        let value = serde_json::json!({ "id": id, "report": outcome.report });
        print_saved_id(ctx, id, Some(value))
    } else {
        // The id is on stderr already.
        note(fill(ctx.lang.strings().import_saved, &[("id", id)]));
        print::line(id).map_or_else(|e| failed_status(&e, ctx.lang), |()| OK)
    }
}

/// Reads a report in the encoding the user named with `--encoding`.
fn read_as(
    file: &std::path::Path,
    label: &str,
    lang: Lang,
) -> Result<(String, &'static str), String> {
    let Some(enc) = crate::import::encoding_for_label(label) else {
        return Err(match lang {
            Lang::Zh => format!("未知的编码“{label}”（可用 utf-8、gbk、gb18030、utf-16le 等）"),
            Lang::En => format!("unknown encoding “{label}” (utf-8, gbk, gb18030, utf-16le, …)"),
        });
    };
    let bytes = super::target::read_input(file, lang)?;
    crate::import::decode_as(&bytes, enc).ok_or_else(|| match lang {
        Lang::Zh => format!("{}：不是有效的 {} 文本", file.display(), enc.name()),
        Lang::En => format!("{}: not valid {} text", file.display(), enc.name()),
    })
}

fn formats(lang: Lang) -> Result<i32, StdoutFailed> {
    for f in Format::builtin() {
        let name = if lang == Lang::En {
            &f.name_en
        } else {
            &f.name
        };
        say!("{}\t{}\t{}\t{}", f.id, f.first_year, f.document, name);
    }
    Ok(OK)
}
