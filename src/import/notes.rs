//! What the import report says about a table beyond its values: digits that could not be
//! split, labels read through their numbering, groups printed as one row, the 2019 format,
//! and the kind of agency a title names.

use super::report::ImportReport;
use super::table::RowRead;
use super::{ImportOptions, labels, problem, stream, variants};
use crate::draft::{AgencyKind, Draft};
use crate::format::{Format, Severity, Table};
use crate::i18n::Localized;
use crate::rules::{Diagnostic, Location};

pub(super) fn note_problem(format: &Format, table: &Table, note: &stream::Note) -> Diagnostic {
    use stream::Note;
    let label = |row: &str| {
        format
            .row(&table.id, row)
            .map(|r| r.node.label.clone())
            .unwrap_or_default()
    };
    let at = |row: &str, line: usize| Location::row(format, &table.id, row).at_line(line);
    match note {
        Note::Ambiguous {
            row,
            line,
            digits,
            ways,
        } => problem(
            Severity::Error,
            "import.ambiguous-digits",
            at(row, *line),
            Localized::from_template(
                |s| s.import_ambiguous_digits,
                &[
                    ("row", &label(row)),
                    ("digits", digits),
                    ("ways", &ways.to_string()),
                ],
            ),
        ),
        Note::NoSplit { row, line, digits } => problem(
            Severity::Error,
            "import.unsplittable-digits",
            at(row, *line),
            Localized::from_template(
                |s| s.import_no_split,
                &[("row", &label(row)), ("digits", digits)],
            ),
        ),
        Note::Narrative {
            row,
            line,
            digits,
            values,
            sentence,
            sentence_line,
        } => problem(
            Severity::Warning,
            "import.narrative-split",
            at(row, *line),
            Localized::from_template(
                |s| s.import_narrative_split,
                &[
                    ("row", &label(row)),
                    ("digits", digits),
                    ("values", values),
                    ("sentence", sentence),
                    ("line", &sentence_line.to_string()),
                ],
            ),
        ),
        Note::Short {
            row,
            line,
            found,
            seen,
        } => {
            let expected = table
                .block_of_row(row)
                .map_or(0, |b| b.leaf_columns().len());
            problem(
                Severity::Error,
                "import.too-few-values",
                at(row, *line),
                Localized::from_template(
                    |s| s.import_too_few_values,
                    &[
                        ("row", &label(row)),
                        ("found", &found.to_string()),
                        ("expected", &expected.to_string()),
                        ("values", &seen.join(" ")),
                    ],
                ),
            )
        }
        Note::Variant { row, line, printed } => problem(
            Severity::Warning,
            "import.label-variant",
            at(row, *line),
            Localized::from_template(
                |s| s.import_label_variant,
                &[("printed", printed), ("row", &label(row))],
            ),
        ),
    }
}

/// A group printed as one row with numbers instead of its sub-rows (the 2019 format's
/// （六）其他处理): its numbers are kept as the group's subtotal, and the missing sub-rows are
/// reported once, here, instead of row by row.
pub(super) fn report_single_row_groups(
    format: &Format,
    table: &Table,
    rows: &[RowRead],
    report: &mut ImportReport,
) {
    for block in &table.blocks {
        for (node, _) in block.all_rows() {
            if !node.is_group() {
                continue;
            }
            let Some(read) = rows
                .iter()
                .find(|r| r.row == node.id && !r.values.is_empty())
            else {
                continue;
            };
            let children: Vec<&str> = node.children.iter().map(|c| c.id.as_str()).collect();
            if rows.iter().any(|r| children.contains(&r.row.as_str())) {
                continue;
            }
            let key = format!("{}.{}", table.id, node.id);
            let v2019 = &variants::get().format_2019;
            let as_2019 = v2019.single_row_groups.contains(&key);
            if as_2019 {
                report.format_variant = Some(v2019.name.clone());
            }
            for c in &children {
                report.covered.insert((table.id.clone(), c.to_string()));
            }
            report.problems.push(problem(
                Severity::Error,
                "import.single-row-group",
                Location::row(format, &table.id, &node.id).at_line(read.line),
                per_language(
                    |s| s.import_single_row_group,
                    &[("row", &node.label), ("count", &children.len().to_string())],
                    if as_2019 {
                        (
                            format!("（{}的写法）", v2019.name),
                            format!(" (as in the {})", v2019.name_en),
                        )
                    } else {
                        Default::default()
                    },
                ),
            ));
        }
    }
}

/// Header words and rows only the 2019 trial format has: the report is marked as following
/// it, and each such line is named (its numbers have no cell in the 2021 form).
pub(super) fn report_2019_words(
    format: &Format,
    section: &str,
    body: &[(usize, String)],
    report: &mut ImportReport,
) -> bool {
    let v = &variants::get().format_2019;
    let Words2019 {
        words,
        finders,
        needs,
    } = words_2019();
    let mut in_line: Vec<Option<bool>> = vec![None; finders.len()];
    let mut found = false;
    for (n, line) in body {
        in_line.fill(None);
        let mut has = |i: usize| {
            *in_line[i].get_or_insert_with(|| finders[i].find(line.as_bytes()).is_some())
        };
        if !needs.iter().any(|need| need.iter().all(|&i| has(i))) {
            continue;
        }
        let norm = labels::normalize(line);
        let Some((word, _)) = words.iter().find(|(_, w)| norm.contains(w.as_str())) else {
            continue;
        };
        found = true;
        report.format_variant = Some(v.name.clone());
        report.problems.push(problem(
            Severity::Warning,
            "import.format-2019",
            Location::section(format, section).at_line(*n),
            per_language(
                |s| s.import_format_2019,
                &[("word", word)],
                (v.name.clone(), v.name_en.clone()),
            ),
        ));
    }
    found
}

/// The 2019 format's words, normalised, and what a line must hold to hold one of them.
struct Words2019 {
    /// (as printed in the asset, normalised).
    words: Vec<(&'static String, String)>,
    /// A searcher for each character some word needs (see `needs`).
    finders: Vec<memchr::memmem::Finder<'static>>,
    /// For each word, the characters (indices into `finders`) a line must hold.
    needs: Vec<Vec<usize>>,
}

/// Built once: the words are data of the binary, and searchers cost more to set up than to
/// run on one line.
fn words_2019() -> &'static Words2019 {
    static WORDS: std::sync::OnceLock<Words2019> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let v = &variants::get().format_2019;
        let words: Vec<(&'static String, String)> = v
            .words
            .iter()
            .filter(|w| !w.is_empty())
            .map(|w| (w, labels::normalize(w)))
            .collect();
        // Every character of a normalised text that is neither ASCII nor `、` (which may
        // come from a `.`) stands as it is in the text it came from: a line lacking one of a
        // word's such characters cannot hold it (most lines lack one; normalising each line
        // was a share of every import). The words share characters (本, 年, 数, 量…): each
        // is searched for once a line, when a word first needs it.
        let mut chars: Vec<char> = Vec::new();
        let needs: Vec<Vec<usize>> = words
            .iter()
            .map(|(_, w)| {
                w.chars()
                    .filter(|c| !c.is_ascii() && *c != '、')
                    .map(|c| {
                        chars.iter().position(|k| *k == c).unwrap_or_else(|| {
                            chars.push(c);
                            chars.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let finders = chars
            .iter()
            .map(|c| memchr::memmem::Finder::new(c.to_string().as_bytes()).into_owned())
            .collect();
        Words2019 {
            words,
            finders,
            needs,
        }
    })
}

/// A message whose `{format}` names the format in each language.
fn per_language(
    pick: impl Fn(&crate::i18n::Strings) -> &str,
    args: &[(&str, &str)],
    (zh, en): (String, String),
) -> Localized {
    let with = |name: &str| {
        let mut all = args.to_vec();
        all.push(("format", name));
        all.iter()
            .map(|(k, v)| (*k, v.to_string()))
            .collect::<Vec<_>>()
    };
    let fill = |template: &str, args: Vec<(&str, String)>| {
        let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        crate::i18n::fill(template, &pairs)
    };
    Localized {
        zh: fill(pick(&crate::i18n::ZH), with(&zh)),
        en: fill(pick(&crate::i18n::EN), with(&en)),
    }
}

/// An agency named a people's government is one, whatever the default kind said.
pub(super) fn infer_kind(opts: &ImportOptions, draft: &mut Draft, report: &mut ImportReport) {
    if opts.kind.is_some() {
        return;
    }
    if kind_from_name(&draft.agency) == AgencyKind::Government {
        draft.agency_kind = AgencyKind::Government;
        return;
    }
    let agency = draft.agency.trim();
    let tells = variants::get()
        .department_suffixes
        .iter()
        .any(|s| !s.is_empty() && agency.ends_with(s.as_str()));
    // No name at all is said by the missing title already.
    if tells || agency.is_empty() {
        return;
    }
    // Neither a government's nor a department's ending: say which kind was assumed.
    let (zh, en) = (&crate::i18n::ZH, &crate::i18n::EN);
    let message = |s: &crate::i18n::Strings, kind: &str| {
        crate::i18n::fill(
            s.import_kind_assumed,
            &[("agency", agency), ("kind", kind), ("other", "government")],
        )
    };
    report.problems.push(problem(
        Severity::Warning,
        "import.kind-assumed",
        Location::report(""),
        Localized {
            zh: message(zh, zh.kind_department),
            en: message(en, en.kind_department),
        },
    ));
}

/// The kind of report an agency's name suggests: …人民政府 and …管理委员会 (管委会) publish on
/// a government's timetable (the endings are data: assets/import/variants.json).
pub fn kind_from_name(agency: &str) -> AgencyKind {
    let agency = agency.trim();
    if variants::get()
        .government_suffixes
        .iter()
        .any(|s| !s.is_empty() && agency.ends_with(s.as_str()))
    {
        AgencyKind::Government
    } else {
        AgencyKind::Department
    }
}
