//! Internal consistency of a format asset: ids unique, every reference resolves, every
//! computed cell has exactly one formula and formulas do not depend on themselves.

use super::{Axis, CellRef, Format, RuleKind, Selection};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Returns every problem found; empty means consistent.
pub fn validate(f: &Format) -> Vec<String> {
    let mut p = Vec::new();
    check_ids(f, &mut p);
    check_references(f, &mut p);
    check_rules(f, &mut p);
    p
}

fn check_ids(f: &Format, p: &mut Vec<String>) {
    let mut seen = HashSet::new();
    for s in &f.sections {
        if !seen.insert(&s.id) {
            p.push(format!("duplicate section id {}", s.id));
        }
    }
    // A part's text is kept in the draft beside the sections' texts: the ids share one space.
    for part in f.parts() {
        check_id_chars(&part.id, p);
        if !seen.insert(&part.id) {
            p.push(format!(
                "part id {} is also a section's or another part's",
                part.id
            ));
        }
    }
    let mut tables = HashSet::new();
    for t in &f.tables {
        if !tables.insert(&t.id) {
            p.push(format!("duplicate table id {}", t.id));
        }
        check_id_chars(&t.id, p);
        let mut rows = HashSet::new();
        let mut blocks = HashSet::new();
        for b in &t.blocks {
            if !blocks.insert(&b.id) {
                p.push(format!("{}: duplicate block id {}", t.id, b.id));
            }
            for (r, _) in b.all_rows() {
                check_id_chars(&r.id, p);
                if !rows.insert(&r.id) {
                    p.push(format!("{}: duplicate row id {}", t.id, r.id));
                }
                if r.subtotal.is_some() && !r.is_group() {
                    p.push(format!(
                        "{}: row {} has a subtotal but no children",
                        t.id, r.id
                    ));
                }
            }
            let mut cols = HashSet::new();
            fn walk<'a>(
                cs: &'a [super::ColumnNode],
                seen: &mut HashSet<&'a str>,
                p: &mut Vec<String>,
                t: &str,
            ) {
                for c in cs {
                    check_id_chars(&c.id, p);
                    if !seen.insert(&c.id) {
                        p.push(format!("{t}: duplicate column id {}", c.id));
                    }
                    walk(&c.children, seen, p, t);
                }
            }
            walk(&b.columns, &mut cols, p, &t.id);
            if b.leaf_columns().is_empty() || b.data_rows().is_empty() {
                p.push(format!("{}: block {} has no cells", t.id, b.id));
            }
        }
    }
}

fn check_id_chars(id: &str, p: &mut Vec<String>) {
    if id.is_empty() || id.contains('.') {
        p.push(format!("id {id:?} must be non-empty and contain no '.'"));
    }
}

fn check_references(f: &Format, p: &mut Vec<String>) {
    for s in &f.sections {
        if let Some(t) = &s.table {
            match f.table(t) {
                Some(table) if table.section == s.id => {}
                Some(_) => p.push(format!(
                    "section {} names table {t}, which names another section",
                    s.id
                )),
                None => p.push(format!("section {} names unknown table {t}", s.id)),
            }
        }
    }
    for t in &f.tables {
        if f.section(&t.section).is_none() {
            p.push(format!(
                "table {} names unknown section {}",
                t.id, t.section
            ));
        }
        for b in &t.blocks {
            fn walk(cs: &[super::ColumnNode], f: &Format, p: &mut Vec<String>) {
                for c in cs {
                    if let Some(ty) = &c.value_type
                        && f.value_type(ty).is_none()
                    {
                        p.push(format!("column {} has unknown type {ty}", c.id));
                    }
                    walk(&c.children, f, p);
                }
            }
            walk(&b.columns, f, p);
        }
    }
    if f.value_type("count").is_none() {
        p.push("value type `count` (the default) is missing".into());
    }
    if !f.title_template.contains("{agency}") || !f.title_template.contains("{year}") {
        p.push("title_template must contain {agency} and {year}".into());
    }
    for (name, d) in [
        ("department", f.deadlines.department),
        ("government", f.deadlines.government),
    ] {
        if chrono::NaiveDate::from_ymd_opt(2001, d.month, d.day).is_none() {
            p.push(format!("deadline {name} is not a date"));
        }
    }
}

/// The cells a sum or balance rule touches, for each row/column in `over`.
/// The cells of each equation of a rule over `table`, each given by `cell(table, row,
/// column)`: a [`CellRef`] (`CellRef::new`), or the compiled form's index without one.
pub(crate) fn expand<T>(
    f: &Format,
    table: &str,
    each: Axis,
    over: &Selection,
    ids: &[String],
    p: &mut Vec<String>,
    cell: impl Fn(&str, &str, &str) -> T,
) -> Vec<Vec<T>> {
    let Some(t) = f.table(table) else {
        p.push(format!("rule names unknown table {table}"));
        return Vec::new();
    };
    let over_ids: Vec<&str> = match over {
        Selection::Ids(ids) => ids.iter().map(String::as_str).collect(),
        Selection::All(s) if s == "*" => match each {
            Axis::Row => {
                // Every data row of the blocks whose columns include the first id.
                t.blocks
                    .iter()
                    .filter(|b| b.leaf_columns().iter().any(|c| ids.first() == Some(&c.id)))
                    .flat_map(|b| b.data_rows().into_iter().map(|r| r.id.as_str()))
                    .collect()
            }
            Axis::Column => match ids.first().and_then(|r| t.block_of_row(r)) {
                Some(b) => b.leaf_columns().iter().map(|c| c.id.as_str()).collect(),
                None => Vec::new(),
            },
        },
        Selection::All(s) => {
            p.push(format!("selection must be \"*\" or a list, not {s:?}"));
            Vec::new()
        }
    };
    over_ids
        .iter()
        .map(|o| {
            ids.iter()
                .map(|id| match each {
                    Axis::Row => cell(table, o, id),
                    Axis::Column => cell(table, id, o),
                })
                .collect()
        })
        .collect()
}

fn check_rules(f: &Format, p: &mut Vec<String>) {
    // cell key -> number of formulas computing it
    let mut computed: BTreeMap<String, usize> = BTreeMap::new();
    // cell key -> the cells its formula reads
    let mut deps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut codes = BTreeSet::new();
    for rule in &f.rules {
        codes.insert(rule.code.clone());
        match &rule.kind {
            RuleKind::Sum {
                table,
                each,
                target,
                terms,
                over,
                computes,
                optional_target,
            } => {
                let mut ids = vec![target.clone()];
                ids.extend(terms.iter().cloned());
                let sets = expand(f, table, *each, over, &ids, p, CellRef::new);
                if sets.is_empty() {
                    p.push(format!("rule {} covers no cells", rule.code));
                }
                if *computes && *optional_target {
                    p.push(format!(
                        "rule {}: a computed target cannot be optional",
                        rule.code
                    ));
                }
                for set in sets {
                    for c in &set {
                        if !f.cell_exists(c) {
                            p.push(format!(
                                "rule {} names cell {} that does not exist",
                                rule.code,
                                c.key()
                            ));
                        }
                    }
                    let target_cell = &set[0];
                    let is_group = f
                        .row(&target_cell.table, &target_cell.row)
                        .is_some_and(|r| r.node.is_group());
                    if is_group && !optional_target {
                        p.push(format!(
                            "rule {}: group row {} carries no numbers of its own",
                            rule.code, target_cell.row
                        ));
                    }
                    if *computes {
                        *computed.entry(target_cell.key()).or_default() += 1;
                        deps.insert(
                            target_cell.key(),
                            set[1..].iter().map(CellRef::key).collect(),
                        );
                    }
                }
            }
            RuleKind::Balance {
                table,
                each,
                left,
                right,
                over,
            } => {
                let ids: Vec<String> = left.iter().chain(right).cloned().collect();
                let sets = expand(f, table, *each, over, &ids, p, CellRef::new);
                if sets.is_empty() {
                    p.push(format!("rule {} covers no cells", rule.code));
                }
                for c in sets.iter().flatten() {
                    if !f.cell_exists(c) {
                        p.push(format!(
                            "rule {} names cell {} that does not exist",
                            rule.code,
                            c.key()
                        ));
                    }
                }
            }
            RuleKind::TextMentions { section, any_of } => {
                if f.section(section).is_none() {
                    p.push(format!(
                        "rule {} names unknown section {section}",
                        rule.code
                    ));
                }
                if any_of.is_empty() {
                    p.push(format!("rule {} lists no phrase", rule.code));
                }
            }
            RuleKind::NumberingCollision {
                markers,
                separators,
                ..
            } => {
                if markers.is_empty() || separators.is_empty() {
                    p.push(format!("rule {} needs markers and separators", rule.code));
                }
            }
            RuleKind::CarryOver {
                table,
                row,
                from_row,
            } => {
                for r in [row, from_row] {
                    if f.row(table, r).is_none() {
                        p.push(format!("rule {}: no row {table}.{r}", rule.code));
                    }
                }
            }
            RuleKind::StockFlow {
                table,
                rows,
                stock,
                inflow,
                outflow,
            } => {
                for r in rows {
                    for c in [stock, inflow, outflow] {
                        if !f.cell_exists(&CellRef::new(table, r, c)) {
                            p.push(format!("rule {}: no cell {table}.{r}.{c}", rule.code));
                        }
                    }
                }
            }
            RuleKind::TextNumbers { mentions } => {
                for m in mentions {
                    for key in m.cells.iter().chain(m.or.iter().flatten()) {
                        if !CellRef::parse_key(key).is_some_and(|c| f.cell_exists(&c)) {
                            p.push(format!("rule {}: no cell {key}", rule.code));
                        }
                    }
                    if m.any.is_empty() || m.unit.is_empty() {
                        p.push(format!(
                            "rule {}: a mention needs words and a unit",
                            rule.code
                        ));
                    }
                }
            }
            RuleKind::SameText { threshold, .. } => {
                if !(0.0..=1.0).contains(threshold) {
                    p.push(format!("rule {}: threshold must be within 0–1", rule.code));
                }
            }
            RuleKind::SectionSubstance {
                section,
                placeholders,
                ..
            } => {
                if f.section(section).is_none() {
                    p.push(format!(
                        "rule {} names unknown section {section}",
                        rule.code
                    ));
                }
                if placeholders.is_empty() {
                    p.push(format!("rule {} lists no placeholder", rule.code));
                }
            }
            RuleKind::WrongYear(w) => {
                if w.verbs.is_empty() || w.max_apart < 1 {
                    p.push(format!(
                        "rule {} needs verbs and max_apart of at least 1",
                        rule.code
                    ));
                }
            }
            RuleKind::TextContradictions { claims } => {
                for c in claims {
                    for key in &c.cells {
                        if !CellRef::parse_key(key).is_some_and(|c| f.cell_exists(&c)) {
                            p.push(format!("rule {}: no cell {key}", rule.code));
                        }
                    }
                    // An empty phrase would be in every sentence.
                    if c.any.is_empty() || c.any.iter().any(String::is_empty) || c.cells.is_empty()
                    {
                        p.push(format!(
                            "rule {}: a claim needs phrases (none empty) and cells",
                            rule.code
                        ));
                    }
                }
            }
            RuleKind::PartialSum { .. }
            | RuleKind::ZeroSpelling
            | RuleKind::ValueType
            | RuleKind::ValueDecimals
            | RuleKind::NoBlankCells
            | RuleKind::SectionText
            | RuleKind::YearRange
            | RuleKind::AgencyRequired => {}
        }
    }
    for (cell, n) in &computed {
        if *n > 1 {
            p.push(format!("cell {cell} is computed by {n} formulas"));
        }
    }
    // A formula may read computed cells, but never (through them) itself.
    for start in deps.keys() {
        let mut stack = deps[start].clone();
        let mut seen = HashSet::new();
        while let Some(k) = stack.pop() {
            if &k == start {
                p.push(format!("computed cell {start} depends on itself"));
                break;
            }
            if seen.insert(k.clone())
                && let Some(d) = deps.get(&k)
            {
                stack.extend(d.iter().cloned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::format::{FORMAT_ASSETS, Format};

    fn problems_after(edit: impl Fn(&str) -> String) -> String {
        let json = edit(FORMAT_ASSETS[0].1);
        match Format::from_json("edited.json", &json) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_rule_naming_a_missing_row_is_reported() {
        let e = problems_after(|j| {
            j.replacen(
                "\"left\": [\"new\", \"carried\"]",
                "\"left\": [\"new\", \"nosuchrow\"]",
                1,
            )
        });
        assert!(e.contains("nosuchrow"), "{e}");
    }

    #[test]
    fn a_cell_computed_twice_is_reported() {
        // Make R3 also compute the 总计 column: the corner cell then has two formulas.
        let e = problems_after(|j| {
            j.replacen(
                "\"over\": [\"natural\", \"commercial\", \"research\", \"nonprofit\", \"legal_service\", \"other\"]",
                "\"over\": \"*\"",
                1,
            )
        });
        assert!(
            e.contains("t3.total.total is computed by 2 formulas"),
            "{e}"
        );
    }

    #[test]
    fn duplicate_row_ids_are_reported() {
        let e = problems_after(|j| j.replacen("\"id\": \"carried\"", "\"id\": \"new\"", 1));
        assert!(e.contains("duplicate row id new"), "{e}");
    }

    #[test]
    fn unknown_value_type_is_reported() {
        let e = problems_after(|j| j.replacen("\"type\": \"amount\"", "\"type\": \"money\"", 1));
        assert!(e.contains("unknown type money"), "{e}");
    }

    #[test]
    fn a_part_sharing_a_section_id_is_reported() {
        let e = problems_after(|j| j.replacen("\"id\": \"signature\"", "\"id\": \"s6\"", 1));
        assert!(e.contains("part id s6"), "{e}");
    }

    #[test]
    fn a_format_without_parts_still_loads() {
        let mut v: serde_json::Value =
            serde_json::from_str(FORMAT_ASSETS[0].1).expect("asset is JSON");
        let o = v.as_object_mut().expect("object");
        o.remove("preamble");
        o.remove("signature");
        let f = Format::from_json("bare.json", &v.to_string()).expect("loads");
        assert_eq!(f.parts().count(), 0);
    }
}
