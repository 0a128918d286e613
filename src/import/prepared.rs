//! What the importer derives from a format to find its parts in a report — every heading's
//! forms, every table's row-label forms and header words — built once per format and kept,
//! not once per report: a folder check reads thousands of reports with one format.

use super::columns::BlockColumns;
use super::preamble::TitleForm;
use super::segment::HeadingForms;
use super::stream::TableWords;
use super::table::ReaderWords;
use crate::format::{Format, PerFormat, Table};
use std::sync::Arc;

/// One format's words.
pub(super) struct Prepared {
    pub headings: HeadingForms,
    /// In the order of the format's tables: the stream reader's words, the table reader's.
    tables: Vec<TableWords>,
    readers: Vec<ReaderWords>,
    /// Per table, per block: its column tree for reading a header's order.
    columns: Vec<Vec<BlockColumns>>,
    /// Whether a table has a cell counted in a unit a smaller one may be printed for
    /// (`万元`, printed in `元`): only then does its section's announcement of it matter.
    amounts: Vec<bool>,
    /// The title's forms that name the year: the format's own template, then the variants'.
    pub titles: Vec<TitleForm>,
    /// The variants' title forms without a year (the year is then looked for elsewhere).
    pub titles_without_year: Vec<TitleForm>,
}

impl Prepared {
    fn new(format: &Format) -> Self {
        Prepared {
            headings: HeadingForms::new(format),
            tables: format.tables.iter().map(TableWords::new).collect(),
            readers: format.tables.iter().map(ReaderWords::new).collect(),
            columns: format
                .tables
                .iter()
                .map(|t| t.blocks.iter().map(BlockColumns::new).collect())
                .collect(),
            amounts: format
                .tables
                .iter()
                .map(|t| has_amounts(format, t))
                .collect(),
            titles: std::iter::once(&format.title_template)
                .chain(&super::variants::get().title_templates)
                .filter(|t| t.contains("{year}"))
                .map(|t| TitleForm::new(t))
                .collect(),
            titles_without_year: super::variants::get()
                .title_templates
                .iter()
                .filter(|t| !t.contains("{year}"))
                .map(|t| TitleForm::new(t))
                .collect(),
        }
    }

    /// Whether `table` has a cell a smaller unit may be printed for (true for a table that
    /// is not the format's own: then it is looked for).
    pub fn amounts(&self, format: &Format, table: &Table) -> bool {
        index_of(format, table).is_none_or(|i| self.amounts.get(i) != Some(&false))
    }

    /// `table`'s words, when it is one of the format's own tables (not a copy).
    pub fn table(&self, format: &Format, table: &Table) -> Option<&TableWords> {
        self.tables.get(index_of(format, table)?)
    }

    /// `table`'s blocks' column trees, likewise.
    pub fn columns(&self, format: &Format, table: &Table) -> Option<&[BlockColumns]> {
        self.columns
            .get(index_of(format, table)?)
            .map(Vec::as_slice)
    }

    /// `table`'s words for a [`super::table::TableReader`], likewise.
    pub fn reader(&self, format: &Format, table: &Table) -> Option<&ReaderWords> {
        self.readers.get(index_of(format, table)?)
    }
}

fn has_amounts(format: &Format, table: &Table) -> bool {
    let of: Vec<&str> = super::variants::get()
        .smaller_units
        .iter()
        .map(|u| u.of.as_str())
        .collect();
    format.compiled().iter().any(|(_, c)| {
        c.cell.table == table.id
            && c.value_type
                .as_ref()
                .and_then(|t| t.unit.as_deref())
                .is_some_and(|u| of.contains(&u))
    })
}

/// Which of the format's own tables `table` is (a copy is none of them).
fn index_of(format: &Format, table: &Table) -> Option<usize> {
    format.tables.iter().position(|t| std::ptr::eq(t, table))
}

/// The formats read so far, each with its words.
static CACHE: PerFormat<Prepared> = PerFormat::new();

/// `format`'s words, built on first use.
pub(super) fn prepared(format: &Format) -> Arc<Prepared> {
    CACHE.get(format, Prepared::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASSET: &str = include_str!("../../assets/formats/gov-2021.json");

    /// The asset with section `s1`'s heading printed otherwise.
    fn renamed(heading: &str) -> Format {
        let mut json: serde_json::Value = serde_json::from_str(ASSET).expect("asset");
        json["sections"][0]["heading"] = serde_json::Value::from(heading);
        Format::from_json("test", &json.to_string()).expect("format")
    }

    fn first_form(format: &Format) -> String {
        prepared(format).headings.first_form().iter().collect()
    }

    #[test]
    fn each_format_gets_its_own_words_and_keeps_them() {
        let a = renamed("一、甲乙丙");
        let b = renamed("一、丁戊己");
        assert_eq!(first_form(&a), "一、甲乙丙");
        assert_eq!(first_form(&b), "一、丁戊己");
        // Asked again: the same words, not rebuilt.
        assert!(Arc::ptr_eq(&prepared(&a), &prepared(&a)));
        // All three have the same id: a format dropped and another made gets its own words.
        drop(a);
        let c = renamed("一、庚辛壬");
        assert_eq!(first_form(&c), "一、庚辛壬");
        assert_eq!(first_form(&b), "一、丁戊己");
    }

    #[test]
    fn only_the_table_with_amounts_in_wan_yuan_asks_for_a_smaller_unit() {
        let format = renamed("一、甲乙丙");
        let words = prepared(&format);
        let asking: Vec<&str> = format
            .tables
            .iter()
            .filter(|t| words.amounts(&format, t))
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(asking, ["t2"]);
    }

    #[test]
    fn a_copy_of_a_table_is_not_taken_for_the_formats_own() {
        let format = renamed("一、甲乙丙");
        let words = prepared(&format);
        assert!(words.table(&format, &format.tables[0]).is_some());
        let asset: serde_json::Value = serde_json::from_str(ASSET).expect("asset");
        let copy: Table = serde_json::from_value(asset["tables"][0].clone()).expect("table");
        assert!(words.table(&format, &copy).is_none());
    }
}
