//! A report being written: who, which year, the text of each section and every cell value.

use crate::format::{CellId, CellRef, Compiled, Format, ValueType};
use crate::trim::trim;
use crate::value;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A cell's key in a draft (`table.row.col`): the compiled format's own text where the cell
/// was set through it (an import sets a few hundred: none is copied), else owned (a draft
/// read from its file).
pub type CellKey = Cow<'static, str>;

/// The draft file layout this binary writes. Older versions load through `storage::migrate`.
pub const SCHEMA_VERSION: u32 = 2;

/// Whose report it is; fixes the publication deadline (《条例》第四十九条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A 县级以上人民政府部门: publishes by 31 January.
    #[default]
    Department,
    /// A people's government's own report: published by 31 March.
    Government,
}

impl AgencyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Department => "department",
            AgencyKind::Government => "government",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub schema_version: u32,
    pub id: String,
    /// Id of the format asset, e.g. `gov-2021`.
    pub format: String,
    pub agency: String,
    #[serde(default)]
    pub agency_kind: AgencyKind,
    pub year: i32,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    /// How many times the draft has been saved (schema 2): tells which of two copies is newer.
    #[serde(default)]
    pub revision: u64,
    /// Section id → text; also the format's parts (the preamble, the closing signature) by
    /// their ids, so a draft from before the parts existed loads unchanged. Missing and empty
    /// mean the same: nothing written yet.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// `table.row.col` → the value as entered. A missing key is a blank cell, distinct from
    /// `"0"`. A computed cell holds a value only when a report stated one that differs from
    /// the computed total (kept so that the check can report it).
    #[serde(default)]
    pub cells: BTreeMap<CellKey, String>,
    /// Where the author left off (step and cursor), so reopening returns there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<Resume>,
    /// Last year's report of the same agency, when this draft was started from it (`new
    /// --from`) or checked against it (`check --previous`): kept in the draft so that the
    /// cross-year rules hold wherever the draft goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Box<PreviousYear>>,
    /// The extension of the file last exported from the TUI (`txt`, `docx`, `html`, `md`,
    /// `json`), which its export dialog proposes again. Absent in older drafts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_kind: Option<String>,
}

/// What the cross-year rules need of last year's report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PreviousYear {
    pub agency: String,
    pub year: i32,
    /// Where it came from (a draft id or a file name), for messages.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    #[serde(default)]
    pub cells: BTreeMap<CellKey, String>,
}

impl PreviousYear {
    /// Last year's values and texts out of its draft (its own `previous` is not carried).
    pub fn of(draft: &Draft, source: &str) -> PreviousYear {
        PreviousYear {
            agency: draft.agency.clone(),
            year: draft.year,
            source: source.to_string(),
            sections: draft.sections.clone(),
            cells: draft.cells.clone(),
        }
    }
}

/// The place in the draft the author was last editing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Resume {
    /// A section id, a table id, or a view such as `review`.
    pub step: String,
    #[serde(default)]
    pub row: usize,
    #[serde(default)]
    pub col: usize,
}

impl Draft {
    pub fn new(
        id: &str,
        format: &Format,
        agency: &str,
        kind: AgencyKind,
        year: i32,
        now: DateTime<FixedOffset>,
    ) -> Draft {
        Draft {
            schema_version: SCHEMA_VERSION,
            id: id.to_string(),
            format: format.id.clone(),
            agency: agency.trim().to_string(),
            agency_kind: kind,
            year,
            created: now,
            updated: now,
            revision: 0,
            sections: BTreeMap::new(),
            cells: BTreeMap::new(),
            resume: None,
            previous: None,
            export_kind: None,
        }
    }

    pub fn title(&self, format: &Format) -> String {
        format.title(&self.agency, self.year)
    }

    pub fn cell(&self, cell: &CellRef) -> Option<&str> {
        self.cells.get(cell.key().as_str()).map(String::as_str)
    }

    /// Sets a cell from typed text: blank text clears it; a valid number is stored in its
    /// canonical form; anything else is kept as typed, to be reported by the check.
    pub fn set_cell(&mut self, format: &Format, cell: &CellRef, text: &str) {
        self.store_cell(Cow::Owned(cell.key()), format.cell_type(cell), text);
    }

    /// [`Draft::set_cell`] for a cell already resolved in the format's compiled form (its key
    /// and type looked up once, by the caller).
    pub fn set_cell_id(&mut self, compiled: &Compiled, id: CellId, text: &str) {
        let info = compiled.info(id);
        self.store_cell(Cow::Borrowed(info.key), info.value_type.as_deref(), text);
    }

    /// [`Draft::set_cell_id`] for many cells in turn (an import's). Into a draft without
    /// cells they are built in one go (inserted one by one, each in a sorted tree of string
    /// keys, they were ~3 % of a folder check), and their ids returned in the order of the
    /// draft's cells, so that the check need not look each key up again.
    pub fn set_cells_id(
        &mut self,
        compiled: &Compiled,
        cells: Vec<(CellId, String)>,
    ) -> Option<Vec<CellId>> {
        if !self.cells.is_empty() {
            for (id, text) in cells {
                self.set_cell_id(compiled, id, &text);
            }
            return None;
        }
        // Each cell in its slot in the keys' order, as inserting in turn leaves it: the last
        // text set wins, a blank one clears. `collect` then finds the cells sorted.
        let mut slots: Vec<Option<(CellId, String)>> = Vec::new();
        slots.resize_with(compiled.len(), || None);
        for (id, text) in cells {
            slots[compiled.key_rank(id) as usize] = (!trim(&text).is_empty()).then_some((id, text));
        }
        let mut ids = Vec::with_capacity(slots.iter().flatten().count());
        self.cells = slots
            .into_iter()
            .flatten()
            .map(|(id, text)| {
                ids.push(id);
                let info = compiled.info(id);
                let value = match info.value_type.as_deref() {
                    Some(ty) => value::canonical_owned(text, ty),
                    None => stored_value(None, &text),
                };
                (Cow::Borrowed(info.key), value)
            })
            .collect();
        Some(ids)
    }

    fn store_cell(&mut self, key: CellKey, ty: Option<&ValueType>, text: &str) {
        if trim(text).is_empty() {
            self.cells.remove(&key);
            return;
        }
        self.cells.insert(key, stored_value(ty, text));
    }

    pub fn section_text(&self, id: &str) -> &str {
        self.sections.get(id).map(String::as_str).unwrap_or("")
    }

    /// Sets a section's text, with line endings normalised to `\n`.
    pub fn set_section_text(&mut self, id: &str, text: &str) {
        if trim(text).is_empty() {
            self.sections.remove(id);
            return;
        }
        // The section editor stores its whole text after every key: the old text's buffer is
        // reused and the text copied once (two `replace`s and a new `String` each key were
        // ~0.6 M instructions a key in a 40 000-字 section).
        let slot = match self.sections.get_mut(id) {
            Some(slot) => slot,
            None => self.sections.entry(id.to_string()).or_default(),
        };
        slot.clear();
        if text.contains('\r') {
            slot.push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
        } else {
            slot.push_str(text);
        }
    }

    /// [`Draft::set_section_text`] of a text the caller built for it (an import's sections,
    /// joined from their lines): moved in, not copied again.
    pub fn put_section_text(&mut self, id: &str, text: String) {
        if text.contains('\r') || trim(&text).is_empty() {
            self.set_section_text(id, &text);
            return;
        }
        match self.sections.get_mut(id) {
            Some(slot) => *slot = text,
            None => {
                self.sections.insert(id.to_string(), text);
            }
        }
    }

    /// The last day to publish this report.
    pub fn deadline(&self, format: &Format) -> Option<NaiveDate> {
        let d = match self.agency_kind {
            AgencyKind::Department => format.deadlines.department,
            AgencyKind::Government => format.deadlines.government,
        };
        NaiveDate::from_ymd_opt(self.year.checked_add(1)?, d.month, d.day)
    }

    /// Sections with text, and input cells filled, out of all (for the picker and `list`).
    pub fn completion(&self, format: &Format) -> Completion {
        let required: Vec<_> = format.sections.iter().filter(|s| s.text_required).collect();
        let compiled = format.compiled();
        let inputs: Vec<&str> = compiled
            .report_cells()
            .filter(|id| !compiled.is_computed(*id))
            .map(|id| compiled.info(id).key)
            .collect();
        Completion {
            sections_written: required
                .iter()
                .filter(|s| !self.section_text(&s.id).trim().is_empty())
                .count(),
            sections_required: required.len(),
            cells_filled: inputs
                .iter()
                .filter(|k| self.cells.contains_key(**k))
                .count(),
            cells_total: inputs.len(),
        }
    }
}

/// A non-blank cell's text as stored: a valid number in its canonical form, anything else as
/// typed (trimmed), to be reported by the check.
fn stored_value(ty: Option<&ValueType>, text: &str) -> String {
    match ty {
        Some(ty) => value::canonical(text, ty),
        None => text.trim().to_string(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Completion {
    pub sections_written: usize,
    pub sections_required: usize,
    pub cells_filled: usize,
    pub cells_total: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(kind: AgencyKind) -> (Draft, &'static Format) {
        let f = Format::by_id("gov-2021").expect("format");
        let now = DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00").expect("date");
        (Draft::new("d1", f, " 某某局 ", kind, 2025, now), f)
    }

    #[test]
    fn a_draft_without_an_export_kind_loads_and_one_with_it_keeps_it() {
        // A schema-2 draft as written before the export dialog remembered its format.
        let old = r#"{"schema_version":2,"id":"2024-abc123","format":"gov-2021",
            "agency":"某局","agency_kind":"department","year":2024,
            "created":"2025-01-06T09:12:00+08:00","updated":"2025-01-08T17:40:31+08:00",
            "revision":3,"sections":{"s1":"正文"},"cells":{},
            "resume":{"step":"s1","row":0,"col":2}}"#;
        let d: Draft = serde_json::from_str(old).expect("an old draft loads");
        assert_eq!(d.export_kind, None);
        assert_eq!(d.resume.as_ref().map(|r| r.col), Some(2));
        // Not written while unset, so an old draft's file does not change shape.
        let json = serde_json::to_string(&d).expect("json");
        assert!(!json.contains("export_kind"), "{json}");
        let mut d = d;
        d.export_kind = Some("docx".into());
        let back: Draft =
            serde_json::from_str(&serde_json::to_string(&d).expect("json")).expect("load");
        assert_eq!(back.export_kind.as_deref(), Some("docx"));
    }

    proptest::proptest! {
        /// Cells set together end as cells set one by one: the last of a cell set twice wins,
        /// a blank clears, numbers are stored canonical; into an empty draft or a filled one.
        #[test]
        fn cells_set_together_are_cells_set_in_turn(
            picks in proptest::collection::vec((0usize..6, 0usize..12), 0..12),
            filled in proptest::bool::ANY,
        ) {
            // Few cells, so that some are set twice; a blank now and then.
            const TEXTS: [&str; 12] =
                ["", "  ", "12", "０", "十二", " 7 ", "1,234", "3", "8", "９", "0", "42"];
            let (mut together, f) = draft(AgencyKind::Department);
            let compiled = f.compiled();
            let ids: Vec<CellId> = compiled.iter().map(|(id, _)| id).collect();
            if filled {
                together.set_cell_id(compiled, ids[0], "5");
            }
            let mut in_turn = together.clone();
            let cells: Vec<(CellId, String)> = picks
                .iter()
                .map(|&(i, t)| (ids[i], TEXTS[t].to_string()))
                .collect();
            for (id, text) in &cells {
                in_turn.set_cell_id(compiled, *id, text);
            }
            let known = together.set_cells_id(compiled, cells);
            proptest::prop_assert_eq!(&together.cells, &in_turn.cells);
            // Built in one go, the ids come back in the cells' order; the check computes
            // from them what it computes by looking each key up (and so from wrong ids).
            proptest::prop_assert_eq!(known.is_some(), !filled);
            if let Some(known) = known {
                let keys: Vec<&str> = together.cells.keys().map(|k| &**k).collect();
                let of_ids: Vec<&str> = known.iter().map(|id| compiled.info(*id).key).collect();
                proptest::prop_assert_eq!(keys, of_ids);
                let looked_up = crate::rules::computed(f, &together);
                let wrong: Vec<CellId> = known.iter().rev().copied().collect();
                proptest::prop_assert_eq!(&crate::rules::computed_with_ids(f, &together, &known), &looked_up);
                proptest::prop_assert_eq!(&crate::rules::computed_with_ids(f, &together, &wrong), &looked_up);
            }
        }
    }

    #[test]
    fn deadline_depends_on_the_agency_kind() {
        let (d, f) = draft(AgencyKind::Department);
        assert_eq!(d.deadline(f), NaiveDate::from_ymd_opt(2026, 1, 31));
        let (d, f) = draft(AgencyKind::Government);
        assert_eq!(d.deadline(f), NaiveDate::from_ymd_opt(2026, 3, 31));
    }

    #[test]
    fn blank_is_not_zero_and_bad_input_is_kept() {
        let (mut d, f) = draft(AgencyKind::Department);
        let c = CellRef::new("t3", "new", "natural");
        assert_eq!(d.cell(&c), None);
        d.set_cell(f, &c, "０");
        assert_eq!(d.cell(&c), Some("0"));
        d.set_cell(f, &c, "十二");
        assert_eq!(d.cell(&c), Some("十二"));
        d.set_cell(f, &c, "  ");
        assert_eq!(d.cell(&c), None);
        assert_eq!(d.agency, "某某局");
    }

    #[test]
    fn section_text_line_endings_are_normalised() {
        let (mut d, _) = draft(AgencyKind::Department);
        d.set_section_text("s1", "第一段\r\n第二段\r第三段");
        assert_eq!(d.section_text("s1"), "第一段\n第二段\n第三段");
    }

    #[test]
    fn a_text_put_in_is_stored_as_a_text_set_would_be() {
        let (mut d, _) = draft(AgencyKind::Department);
        for text in [
            "第一段\n第二段",
            "第一段\r\n第二段\r第三段",
            "  \n ",
            "",
            "改写",
        ] {
            let (mut set, mut put) = (d.clone(), d.clone());
            set.set_section_text("s1", text);
            put.put_section_text("s1", text.to_string());
            assert_eq!(set.sections, put.sections, "{text:?}");
            d = put;
        }
        assert_eq!(d.section_text("s1"), "改写");
    }

    #[test]
    fn completion_counts_inputs_not_totals() {
        let (mut d, f) = draft(AgencyKind::Department);
        let c = d.completion(f);
        // 175 + 10 + 15 cells, less 25 + 6 totals in 三 and 3 in 四.
        assert_eq!(c.cells_total, 200 - 34);
        assert_eq!(c.sections_required, 3);
        d.set_section_text("s1", "内容");
        d.set_cell(f, &CellRef::new("t2", "regulations", "issued"), "1");
        let c = d.completion(f);
        assert_eq!((c.sections_written, c.cells_filled), (1, 1));
    }
}
