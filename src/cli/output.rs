//! Printing diagnostics and import reports, for people and as JSON.

use crate::format::Severity;
use crate::i18n::{Lang, fill};
use crate::import::ImportReport;
use crate::rules::Diagnostic;
use serde::Serialize;

/// `target:line: 错误 [code] location：message`, like a compiler.
pub fn diagnostic_line(target: &str, d: &Diagnostic, lang: Lang) -> String {
    let s = lang.strings();
    let sev = match d.severity {
        Severity::Error => s.error,
        Severity::Warning => s.warning,
    };
    let at = match d.location.line {
        Some(n) => format!("{target}:{n}"),
        None => target.to_string(),
    };
    let line = format!("{at}: {sev} [{}] {}", d.code, d.render(lang));
    // Quoted report text goes to a terminal: no raw control characters or escapes.
    crate::sanitize::visible(&line).into_owned()
}

pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let e = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (e, diags.len() - e)
}

pub fn summary(target: &str, diags: &[Diagnostic], lang: Lang) -> String {
    let (e, w) = counts(diags);
    let s = lang.strings();
    let target = &crate::sanitize::visible(target);
    if e + w == 0 {
        fill(s.check_clean, &[("target", target)])
    } else {
        fill(
            s.check_summary,
            &[
                ("target", target),
                ("errors", &e.to_string()),
                ("warnings", &w.to_string()),
            ],
        )
    }
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub target: &'a str,
    pub severity: Severity,
    pub code: &'a str,
    pub location: &'a crate::rules::Location,
    pub message: &'a str,
    pub message_zh: &'a str,
    pub message_en: &'a str,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(target: &'a str, d: &'a Diagnostic, lang: Lang) -> Self {
        JsonDiagnostic {
            target,
            severity: d.severity,
            code: &d.code,
            location: &d.location,
            message: d.message.get(lang),
            message_zh: &d.message.zh,
            message_en: &d.message.en,
        }
    }
}

/// The import report for people (on stderr).
pub fn import_report(r: &ImportReport, file: &str, lang: Lang) -> Vec<String> {
    let s = lang.strings();
    let unknown = "?".to_string();
    let mut out = vec![fill(
        s.import_recognised,
        &[
            ("format", &r.format),
            ("agency", r.agency.as_ref().unwrap_or(&unknown)),
            ("year", &r.year.map_or(unknown.clone(), |y| y.to_string())),
            ("encoding", &r.encoding),
        ],
    )];
    for f in r.sections.iter().chain(&r.tables).chain(&r.parts) {
        let status = match f.line {
            Some(n) => format!(
                "{} {}",
                s.import_found,
                fill(s.loc_line, &[("line", &n.to_string())])
            ),
            None => s.import_missing.to_string(),
        };
        let what = if r.tables.iter().any(|t| std::ptr::eq(t, f)) {
            format!("{} ▦", f.label)
        } else {
            f.label.clone()
        };
        let sep = if lang == Lang::Zh { "：" } else { ": " };
        out.push(format!("  {what}{sep}{status}"));
    }
    if let Some(kind) = &r.kind {
        let shown = match kind.as_str() {
            "government" => s.kind_government,
            _ => s.kind_department,
        };
        out.push(fill(s.import_kind, &[("kind", shown)]));
    }
    if let Some(v) = &r.format_variant {
        let name = crate::import::variant_name(v, lang);
        out.push(fill(s.import_variant, &[("format", &name)]));
    }
    out.push(fill(
        s.import_placed,
        &[("count", &r.placed.len().to_string())],
    ));
    // Each row's values on one line, in file order, so a reviewer can compare with the source.
    let mut rows: Vec<(usize, String, Vec<&str>)> = Vec::new();
    for p in r.placed.iter() {
        match rows.last_mut() {
            Some((line, row, values)) if *line == p.line && *row == p.row => values.push(p.value),
            _ => rows.push((p.line, p.row.to_string(), vec![p.value])),
        }
    }
    let format = crate::format::Format::by_id(&r.format).ok();
    for (line, row, values) in rows {
        let table = r.placed.iter().find(|p| p.row == row).map(|p| p.table);
        // A row without a label (section 四's) is named by its section.
        let label = format
            .zip(table)
            .and_then(|(f, t)| {
                let label = f.row(t, &row).map(|i| i.node.label.clone())?;
                if label.is_empty() {
                    let table = f.table(t)?;
                    f.table_section(table).map(|s| s.heading.clone())
                } else {
                    Some(label)
                }
            })
            .unwrap_or(row);
        out.push(fill(
            s.import_row_values,
            &[
                ("line", &line.to_string()),
                ("row", &label),
                ("values", &values.join(" ")),
            ],
        ));
    }
    for u in &r.unplaced {
        let text: String = u.text.trim().chars().take(80).collect();
        out.push(fill(
            s.import_not_placed,
            &[("line", &u.line.to_string()), ("text", &text)],
        ));
    }
    for u in &r.ignored {
        out.push(fill(
            s.import_footer,
            &[("line", &u.line.to_string()), ("text", u.text.trim())],
        ));
    }
    for p in &r.problems {
        out.push(diagnostic_line(file, p, lang));
    }
    // The agency comes from the imported file: no raw control characters to the terminal.
    out.into_iter()
        .map(|l| crate::sanitize::visible(&l).into_owned())
        .collect()
}
