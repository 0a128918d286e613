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
    let all = words_2019();
    let words = &all.words;
    let mut in_line: Vec<Option<bool>> = vec![None; all.finders.len()];
    let mut found = false;
    for (n, line) in body {
        if !all.may_hold(line, &mut in_line) {
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
    /// For each word, the characters (indices into `finders`) a line must hold, the rarest
    /// first (a line is given up at the first one it lacks).
    needs: Vec<Vec<usize>>,
    /// Finds any word's rarest character: a line without one holds no word (most lines).
    /// `None` when a word has no character to look for.
    gate: Option<aho_corasick::AhoCorasick>,
}

impl Words2019 {
    /// Whether `line` may hold a word: false only when it lacks a character some word needs
    /// for every word. `in_line` is scratch space, one entry per finder.
    fn may_hold(&self, line: &str, in_line: &mut [Option<bool>]) -> bool {
        if self.gate.as_ref().is_some_and(|g| !g.is_match(line)) {
            return false;
        }
        in_line.fill(None);
        let mut has = |i: usize| {
            *in_line[i].get_or_insert_with(|| self.finders[i].find(line.as_bytes()).is_some())
        };
        self.needs.iter().any(|need| need.iter().all(|&i| has(i)))
    }
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
        let mut needs: Vec<Vec<usize>> = words
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
        // Which characters are rare is read from the format's own prose (its headings and
        // guidance speak the reports' language): only the order of the tests depends on it,
        // never their outcome.
        let seen = prose_counts(&chars);
        for need in &mut needs {
            need.sort_by_key(|&i| seen[i]);
        }
        let mut gates: Vec<char> = needs
            .iter()
            .filter_map(|need| need.first().map(|&i| chars[i]))
            .collect();
        gates.sort_unstable();
        gates.dedup();
        let gate = if needs.iter().any(Vec::is_empty) {
            None
        } else {
            crate::char_search::any_of(&gates)
        };
        let finders = chars
            .iter()
            .map(|c| memchr::memmem::Finder::new(c.to_string().as_bytes()).into_owned())
            .collect();
        Words2019 {
            words,
            finders,
            needs,
            gate,
        }
    })
}

/// How often each of `chars` occurs in the default format's headings, guidance and table
/// labels.
fn prose_counts(chars: &[char]) -> Vec<usize> {
    let mut seen = vec![0; chars.len()];
    let Some(format) = Format::default_format() else {
        return seen;
    };
    let blocks = format.tables.iter().flat_map(|t| &t.blocks);
    let labels: Vec<&String> = blocks
        .flat_map(|b| {
            let rows = b.all_rows().into_iter().map(|(r, _)| &r.label);
            let columns = b.leaf_columns().into_iter().map(|c| &c.label);
            rows.chain(columns).collect::<Vec<_>>()
        })
        .collect();
    let prose = format
        .sections
        .iter()
        .flat_map(|s| [&s.heading, &s.guidance])
        .chain(format.parts().map(|p| &p.guidance))
        .chain(labels);
    for c in prose.flat_map(|t| t.chars()) {
        if let Some(i) = chars.iter().position(|k| *k == c) {
            seen[i] += 1;
        }
    }
    seen
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters of the words and others, in every width, with spaces and numbering marks.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let words: Vec<String> = variants::get().format_2019.words.clone();
        prop_oneof![
            proptest::sample::select(words),
            proptest::sample::select(vec![
                "本", "年", "数", "量", "公开", "项目", "１", "2", ".", "、", " ", "\u{3000}",
                "／", "/", "增", "减", "采购", "外", "集中", "政府", "制作", "一",
            ])
            .prop_map(str::to_string),
            "\\PC{0,3}",
        ]
    }

    proptest::proptest! {
        /// The shortcut rules out only lines the normalised search finds no word in.
        #[test]
        fn a_line_ruled_out_holds_no_word(
            pieces in proptest::collection::vec(piece(), 0..12),
        ) {
            let line: String = pieces.concat();
            let all = words_2019();
            let norm = labels::normalize(&line);
            let holds = all.words.iter().any(|(_, w)| norm.contains(w.as_str()));
            let mut in_line = vec![None; all.finders.len()];
            proptest::prop_assert!(!holds || all.may_hold(&line, &mut in_line), "{:?}", line);
        }
    }

    #[test]
    fn most_lines_of_a_2021_table_are_ruled_out_by_the_gate_alone() {
        let all = words_2019();
        let gate = all
            .gate
            .as_ref()
            .expect("every 2019 word has a character to look for");
        for line in [
            "（一）予以公开\t1\t2",
            "自然人\t商业企业",
            "全年通过门户网站主动公开政府信息1260条",
        ] {
            assert!(!gate.is_match(line), "{line}");
        }
        let mut in_line = vec![None; all.finders.len()];
        assert!(all.may_hold("信息内容 本年新制作数量", &mut in_line));
    }
}
