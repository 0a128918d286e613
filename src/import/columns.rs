//! The columns a table's header printed, in the order it printed them: most reports keep the
//! format's order, but some put 总计 first, and some print 法人或其他组织 as one column without
//! its five. A row's numbers are then placed by what its header says, not by position (which
//! put 3 079 under 自然人 and the natural persons' 2 961 under 商业企业).
//!
//! Only what the text shows for certain is used: labels side by side on one line are in that
//! order (left to right); labels on different lines say nothing of each other (a label merged
//! over two header lines may be printed on either). Where the format's own order agrees with
//! everything the header shows, nothing changes.

use super::labels::normalize;
use super::table::RowRead;
use crate::format::{Block, ColumnNode, Format, Severity, Table};
use crate::i18n::Localized;
use crate::rules::Location;
use compact_str::CompactString;

/// Where each printed value position goes: a leaf column of the block, or nowhere (a group's
/// column printed without its parts: the format has no cell for the sum).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub slots: Vec<Slot>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Leaf(usize),
    /// A group column, with its label.
    Group(String),
}

/// One column of the block's tree, flattened.
struct Node {
    label: String,
    printed: String,
    parent: Option<usize>,
    children: Vec<usize>,
    /// The leaf's index among the block's leaf columns.
    leaf: Option<usize>,
}

/// A block's column tree flattened, its labels normalised: built once per format (the
/// importer's prepared words keep it), not once per report.
pub(super) struct BlockColumns {
    nodes: Vec<Node>,
    /// The header cell above the row labels, as the format prints it (no column's).
    corner: Option<String>,
}

impl BlockColumns {
    pub fn new(block: &Block) -> BlockColumns {
        BlockColumns {
            nodes: flatten(&block.columns),
            corner: block.corner.clone(),
        }
    }

    /// The label of leaf column `index`, as the format prints it.
    fn leaf_label(&self, index: usize) -> String {
        let leaf = self.nodes.iter().find(|n| n.leaf == Some(index));
        leaf.map_or_else(String::new, |n| n.printed.clone())
    }

    /// The node a header cell names: `Err` when it names several (a label the block has
    /// twice); `Ok(None)` when none.
    fn find(&self, cell: &str) -> Result<Option<usize>, ()> {
        if self.corner.as_deref() == Some(cell) {
            return Ok(None);
        }
        // Most reports print the format's labels as they are: compared before normalising.
        let by = |eq: &dyn Fn(&Node) -> bool| {
            let mut found = self.nodes.iter().enumerate().filter(|(_, n)| eq(n));
            match (found.next(), found.next()) {
                (Some(_), Some(_)) => Err(()),
                (Some((i, _)), None) => Ok(Some(i)),
                (None, _) => Ok(None),
            }
        };
        match by(&|n| n.printed == cell)? {
            Some(i) => Ok(Some(i)),
            None => {
                let n = normalize(cell);
                by(&|node| node.label == n)
            }
        }
    }
}

fn flatten(columns: &[ColumnNode]) -> Vec<Node> {
    fn walk(cs: &[ColumnNode], parent: Option<usize>, nodes: &mut Vec<Node>, leaves: &mut usize) {
        for c in cs {
            let i = nodes.len();
            nodes.push(Node {
                label: normalize(&c.label),
                printed: c.label.clone(),
                parent,
                children: Vec::new(),
                leaf: None,
            });
            if let Some(p) = parent {
                nodes[p].children.push(i);
            }
            if c.children.is_empty() {
                nodes[i].leaf = Some(*leaves);
                *leaves += 1;
            } else {
                walk(&c.children, Some(i), nodes, leaves);
            }
        }
    }
    let mut nodes = Vec::new();
    walk(columns, None, &mut nodes, &mut 0);
    nodes
}

impl ColumnMap {
    /// The map `header` (its lines' cells, in order, as printed) gives for `block`; `None` when
    /// it says the format's order, or does not say enough to tell (a label the block has twice,
    /// a column it does not name, sides that contradict each other).
    pub fn from_header(
        columns: &BlockColumns,
        header: &[&Vec<CompactString>],
    ) -> Option<ColumnMap> {
        let nodes = &columns.nodes;
        // (line, position on the line) of each column the header names.
        let mut at: Vec<Option<(usize, usize)>> = vec![None; nodes.len()];
        // Whether every line names its columns in the format's order (nodes are numbered so).
        let mut in_order = true;
        for (l, cells) in header.iter().enumerate() {
            let mut pos = 0;
            let mut last = None;
            for cell in cells.iter().filter(|c| !c.is_empty()) {
                // A label the block has twice (行政复议's and 行政诉讼's 结果维持), or printed
                // twice: which column is meant cannot be told.
                let Some(i) = columns.find(cell).ok()? else {
                    continue;
                };
                if at[i].is_some() {
                    return None;
                }
                in_order &= last.is_none_or(|j| j < i);
                last = Some(i);
                at[i] = Some((l, pos));
                pos += 1;
            }
        }
        // Most headers: every line in the format's order, every leaf named (so no group is a
        // column of its own). Then the format's order is the header's.
        let every_leaf = || {
            nodes
                .iter()
                .zip(&at)
                .all(|(n, a)| n.leaf.is_none() || a.is_some())
        };
        if in_order && every_leaf() {
            return None;
        }
        let named = |i: usize| at[i].is_some();
        let has_named_below = |i: usize| -> bool {
            let mut stack = nodes[i].children.clone();
            while let Some(c) = stack.pop() {
                if named(c) {
                    return true;
                }
                stack.extend(&nodes[c].children);
            }
            false
        };
        // A group's label names a column of its own only beside a column the header names
        // that is a cell's (`自然人 法人或其他组织 总计`); alone (`申请人情况` over all) or
        // beside other groups only (`行政复议 行政诉讼`, their parts' labels run together) it
        // says nothing of where its parts' numbers stand.
        let beside_another = |i: usize| {
            (0..nodes.len()).any(|j| {
                j != i && nodes[j].parent == nodes[i].parent && named(j) && nodes[j].leaf.is_some()
            })
        };
        // Every leaf under exactly one column the header names at the bottom.
        let is_slot: Vec<bool> = (0..nodes.len())
            .map(|i| {
                named(i) && !has_named_below(i) && (nodes[i].leaf.is_some() || beside_another(i))
            })
            .collect();
        for (i, n) in nodes.iter().enumerate() {
            if n.leaf.is_none() {
                continue;
            }
            let mut k = Some(i);
            let mut covered = false;
            while let Some(j) = k {
                covered |= is_slot[j];
                k = nodes[j].parent;
            }
            if !covered {
                return None;
            }
        }
        let roots: Vec<usize> = (0..nodes.len())
            .filter(|&i| nodes[i].parent.is_none())
            .collect();
        let mut slots = Vec::new();
        order(nodes, &at, &is_slot, &roots, &mut slots)?;
        let format_order: Vec<Slot> = nodes
            .iter()
            .filter_map(|n| n.leaf.map(Slot::Leaf))
            .collect();
        (slots != format_order).then_some(ColumnMap { slots })
    }

    /// `row`'s values moved to the columns their positions name; the values of a group's
    /// column are returned (no cell takes them), and those past the header's last column are
    /// counted as surplus.
    pub fn remap(&self, row: &mut RowRead) -> Vec<(String, CompactString)> {
        let mut lost = Vec::new();
        let mut values = Vec::with_capacity(row.values.len());
        for (i, v) in std::mem::take(&mut row.values) {
            match self.slots.get(i) {
                Some(Slot::Leaf(leaf)) => values.push((*leaf, v)),
                Some(Slot::Group(label)) => lost.push((label.clone(), v)),
                None => row.surplus += 1,
            }
        }
        values.sort_by_key(|(i, _)| *i);
        row.values = values;
        lost
    }
}

/// `rows` of `table` placed by the columns their blocks' `headers` name, where a header names
/// them otherwise than the format (said in the report, with the values no cell can take).
pub(super) fn by_header(
    format: &Format,
    table: &Table,
    headers: &[(usize, Vec<CompactString>)],
    rows: &mut [RowRead],
    report: &mut super::ImportReport,
) {
    if headers.is_empty() {
        return;
    }
    let prepared = super::prepared::prepared(format);
    let fresh: Vec<BlockColumns>;
    let columns = match prepared.columns(format, table) {
        Some(c) => c,
        None => {
            // A table that is not the format's own (a test's copy).
            fresh = table.blocks.iter().map(BlockColumns::new).collect();
            &fresh
        }
    };
    for (b, (block, columns)) in table.blocks.iter().zip(columns).enumerate() {
        let header: Vec<&Vec<CompactString>> = headers
            .iter()
            .filter(|(hb, _)| *hb == b)
            .map(|(_, cells)| cells)
            .collect();
        if header.is_empty() {
            continue;
        }
        let Some(map) = ColumnMap::from_header(columns, &header) else {
            continue;
        };
        let ids: Vec<&str> = block
            .all_rows()
            .into_iter()
            .map(|(r, _)| r.id.as_str())
            .collect();
        let mut first_line = None;
        // Per group column: how many values it held.
        let mut lost: Vec<(String, usize)> = Vec::new();
        for row in rows.iter_mut().filter(|r| ids.contains(&r.row.as_str())) {
            first_line = first_line.or(Some(row.line));
            for (column, _) in map.remap(row) {
                match lost.iter_mut().find(|(c, _)| *c == column) {
                    Some((_, n)) => *n += 1,
                    None => lost.push((column, 1)),
                }
            }
        }
        let location = || {
            let l = Location::section(format, &table.section);
            match first_line {
                Some(n) => l.at_line(n),
                None => l,
            }
        };
        let printed: Vec<String> = map
            .slots
            .iter()
            .map(|s| match s {
                Slot::Leaf(i) => columns.leaf_label(*i),
                Slot::Group(label) => label.clone(),
            })
            .collect();
        report.problems.push(super::problem(
            Severity::Warning,
            "import.column-order",
            location(),
            Localized::from_template(
                |s| s.import_column_order,
                &[("columns", &printed.join("、"))],
            ),
        ));
        for (column, count) in lost {
            report.problems.push(super::problem(
                Severity::Warning,
                "import.group-column",
                location(),
                Localized::from_template(
                    |s| s.import_group_column,
                    &[("column", &column), ("count", &count.to_string())],
                ),
            ));
        }
    }
}

/// The slots under `siblings`, in the order the header shows for them (the format's where it
/// shows none); `None` when the header contradicts itself.
fn order(
    nodes: &[Node],
    at: &[Option<(usize, usize)>],
    is_slot: &[bool],
    siblings: &[usize],
    out: &mut Vec<Slot>,
) -> Option<()> {
    // Where each sibling (or what the header names under it) stands: (line, position).
    let places: Vec<Vec<(usize, usize)>> = siblings
        .iter()
        .map(|&s| {
            let mut found = Vec::new();
            let mut stack = vec![s];
            while let Some(c) = stack.pop() {
                found.extend(at[c]);
                stack.extend(&nodes[c].children);
            }
            found
        })
        .collect();
    // a before b: on some line, a's label stands left of b's; both ways is a contradiction.
    let before = |a: usize, b: usize| {
        places[a]
            .iter()
            .any(|(la, pa)| places[b].iter().any(|(lb, pb)| la == lb && pa < pb))
    };
    let n = siblings.len();
    let mut placed = vec![false; n];
    for _ in 0..n {
        // The first in the format's order that nothing left must precede.
        let next =
            (0..n).find(|&a| !placed[a] && (0..n).all(|b| placed[b] || b == a || !before(b, a)))?;
        placed[next] = true;
        let s = siblings[next];
        if places[next].is_empty() {
            continue;
        }
        if is_slot[s] {
            out.push(match nodes[s].leaf {
                Some(leaf) => Slot::Leaf(leaf),
                None => Slot::Group(nodes[s].printed.clone()),
            });
        } else {
            order(nodes, at, is_slot, &nodes[s].children, out)?;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Format;

    fn t3() -> &'static Block {
        let format = Format::by_id("gov-2021").expect("format");
        &format.table("t3").expect("t3").blocks[0]
    }

    fn header(lines: &[&str]) -> Vec<Vec<CompactString>> {
        lines
            .iter()
            .map(|l| l.split_whitespace().map(CompactString::from).collect())
            .collect()
    }

    fn from(columns: &BlockColumns, lines: &[&str]) -> Option<ColumnMap> {
        let header = header(lines);
        ColumnMap::from_header(columns, &header.iter().collect::<Vec<_>>())
    }

    fn leaves(map: &ColumnMap) -> Vec<String> {
        let format = Format::by_id("gov-2021").expect("format");
        let layout = crate::format::BlockLayout::new(format.table("t3").expect("t3"), t3());
        map.slots
            .iter()
            .map(|s| match s {
                Slot::Leaf(i) => layout.columns[*i].id.to_string(),
                Slot::Group(label) => format!("[{label}]"),
            })
            .collect()
    }

    #[test]
    fn the_formats_order_in_any_line_layout_changes_nothing() {
        for lines in [
            &[
                "申请人情况",
                "自然人 法人或其他组织 总计",
                "商业企业 科研机构 社会公益组织 法律服务机构 其他",
            ][..],
            // 自然人 and 总计 merged over two lines, printed on the lower one.
            &[
                "申请人情况",
                "法人或其他组织",
                "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计",
            ],
            &["自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"],
            // Words that are no column's do not count.
            &[
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 单位：件",
            ],
            // Groups only: their parts' labels were not read.
            &["申请人情况", "法人或其他组织"],
            &[],
        ] {
            assert_eq!(from(&BlockColumns::new(t3()), lines), None, "{lines:?}");
        }
    }

    #[test]
    fn a_total_printed_first_is_read_first() {
        let map = from(
            &BlockColumns::new(t3()),
            &[
                "申请人情况",
                "总计 自然人 法人或其他组织",
                "商业企业 科研机构 社会公益组织 法律服务机构 其他",
            ],
        )
        .expect("a map");
        assert_eq!(
            leaves(&map),
            [
                "total",
                "natural",
                "commercial",
                "research",
                "nonprofit",
                "legal_service",
                "other"
            ]
        );
    }

    #[test]
    fn a_group_printed_without_its_parts_is_a_column_of_its_own() {
        let map = from(&BlockColumns::new(t3()), &["自然人 法人或其他组织 总计"]).expect("a map");
        assert_eq!(leaves(&map), ["natural", "[法人或其他组织]", "total"]);
        let mut row = RowRead {
            row: "new".into(),
            values: vec![
                (0, "1294".into()),
                (1, "74".into()),
                (2, "1368".into()),
                (3, "9".into()),
            ],
            surplus: 0,
            line: 7,
            part: 0,
        };
        let lost = map.remap(&mut row);
        let natural = 0;
        let total = 6;
        assert_eq!(
            row.values,
            vec![(natural, "1294".into()), (total, "1368".into())]
        );
        assert_eq!(lost, vec![("法人或其他组织".to_string(), "74".into())]);
        assert_eq!(row.surplus, 1);
    }

    /// Table 四 names 结果维持 under 行政复议 and under both kinds of 行政诉讼: its header
    /// tells no column apart, and its groups alone say nothing.
    #[test]
    fn table_four_is_never_remapped() {
        let format = Format::by_id("gov-2021").expect("format");
        let t4 = &format.table("t4").expect("t4").blocks[0];
        for lines in [
            &["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉"][..],
            &[
                "行政复议 行政诉讼",
                "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
            ],
        ] {
            assert_eq!(from(&BlockColumns::new(t4), lines), None, "{lines:?}");
        }
    }

    #[test]
    fn a_header_that_cannot_be_told_changes_nothing() {
        for lines in [
            // A column not named at all: where its numbers stand is unknown.
            &["自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他"][..],
            // A label twice.
            &["总计 自然人 法人或其他组织 总计"],
            // Two lines that contradict each other.
            &["总计 自然人 法人或其他组织", "自然人 总计"],
        ] {
            assert_eq!(from(&BlockColumns::new(t3()), lines), None, "{lines:?}");
        }
    }
}
