//! Label and title variants seen in published reports, and the marks of the older 2019 trial
//! format: data in `assets/import/variants.json`, embedded like the format assets.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const JSON: &str = include_str!("../../assets/import/variants.json");

/// A unit a report may print a cell in that is smaller than the cell type's.
#[derive(Debug, Deserialize, Default)]
pub struct SmallerUnit {
    /// As printed after a number (`元`).
    pub unit: String,
    /// The type's unit it is smaller than (`万元`).
    pub of: String,
    /// `of` is 10^shift `unit`s.
    pub shift: usize,
    /// Words in a table's section that say its amounts are in `unit` (`单位：元`).
    #[serde(default)]
    pub marks: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
pub struct Variants {
    /// Title forms besides the format's own template.
    #[serde(default)]
    pub title_templates: Vec<String>,
    /// Section id → further printed forms of its heading.
    #[serde(default)]
    pub headings: BTreeMap<String, Vec<String>>,
    /// An agency whose name ends so is a people's government.
    #[serde(default)]
    pub government_suffixes: Vec<String>,
    /// An agency whose name ends so is a department: its kind needs no note.
    #[serde(default)]
    pub department_suffixes: Vec<String>,
    /// Words a converter or a page puts before the title (`标题：`).
    #[serde(default)]
    pub title_prefixes: Vec<String>,
    /// Where the preamble states the statistics period (`统计期限`): the year read after it
    /// when the title gives none.
    #[serde(default)]
    pub period_markers: Vec<String>,
    /// What a report prints in a numeric cell for zero (`—`, `/`, `无`): read as 0.
    #[serde(default)]
    pub zero_spellings: Vec<String>,
    /// Units printed after a number in a cell that leave it as it is (`19件`, `12.5万元`).
    #[serde(default)]
    pub value_units: Vec<String>,
    /// Units smaller than a cell type's own (`元` for `万元`): the value is converted.
    #[serde(default)]
    pub smaller_units: Vec<SmallerUnit>,
    /// How an agency's name ends: a short last line so ended is read as the signature's
    /// agency (see `signature`).
    #[serde(default)]
    pub agency_suffixes: Vec<String>,
    /// Words a table prints besides its labels (captions, units).
    #[serde(default)]
    pub table_words: Vec<String>,
    /// `table.row` → further printed forms of the row's label.
    #[serde(default)]
    pub row_labels: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub format_2019: Format2019,
    /// Marks of a web page's furniture (`当前位置`, `索引号`, `来源：`): a line after the title
    /// holding one is no part of the preamble.
    #[serde(default)]
    pub page_chrome: Vec<String>,
    /// How a preamble opens (`本报告`, `根据《…条例》`): on a line that also holds page
    /// furniture, the preamble starts there.
    #[serde(default)]
    pub preamble_starts: Vec<String>,
    /// Phrases of the report's text that state a cell's value (`{n}` the number): witnesses
    /// for glued digits the table's equations cannot split alone.
    #[serde(default)]
    pub narrative: Vec<NarrativeCell>,
}

#[derive(Debug, Deserialize, Default)]
pub struct NarrativeCell {
    /// `table.row.col`.
    pub cell: String,
    pub phrases: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
pub struct Format2019 {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    /// Header words and row labels only the 2019 format has.
    #[serde(default)]
    pub words: Vec<String>,
    /// `table.row` of groups the 2019 format printed as one row.
    #[serde(default)]
    pub single_row_groups: Vec<String>,
    /// Tables whose columns differ in the 2019 format: their numbers are listed, not placed.
    #[serde(default)]
    pub tables_differ: Vec<String>,
}

/// The embedded variants (empty if the asset were malformed; a unit test guards that).
pub fn get() -> &'static Variants {
    static V: OnceLock<Variants> = OnceLock::new();
    V.get_or_init(|| serde_json::from_str(JSON).unwrap_or_default())
}

/// [`Variants::page_chrome`] as one searcher: its leftmost match starts where the first of
/// the marks does (`None` if it could not be built, which a few short words never fail).
pub fn page_chrome() -> Option<&'static aho_corasick::AhoCorasick> {
    static A: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    A.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            // As crate::char_search: cheap to build, the prefilter searches.
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&get().page_chrome)
            .ok()
    })
    .as_ref()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_first_chrome_mark_is_found_where_searching_for_each_finds_it() {
        let marks = &super::get().page_chrome;
        for line in [
            "首页 > 当前位置：政务公开 索引号：123 来源：某局",
            "来源：某局 浏览次数：5",
            "本报告根据条例编制",
            "-->当前位置",
            "",
        ] {
            let each = marks.iter().filter_map(|m| line.find(m.as_str())).min();
            let once = super::page_chrome()
                .and_then(|a| a.find(line))
                .map(|m| m.start());
            assert_eq!(once, each, "{line}");
        }
    }

    #[test]
    fn the_asset_parses() {
        let v: super::Variants = serde_json::from_str(super::JSON).expect("variants.json");
        assert!(!v.title_templates.is_empty());
        assert!(!v.format_2019.words.is_empty());
        assert!(v.zero_spellings.iter().any(|z| z == "—"));
    }
}
