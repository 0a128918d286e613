//! A block of a table flattened for display: header cells with their spans, leaf columns and
//! body rows in order. The text export and the TUI grid both draw from this.

use super::{Block, ColumnNode, Format, Table};

#[derive(Debug, Clone)]
pub struct LeafColumn<'f> {
    pub id: &'f str,
    pub label: &'f str,
    /// Labels of the groups above, outermost first (except one spanning every column).
    pub groups: Vec<&'f str>,
}

impl LeafColumn<'_> {
    /// Full label for messages, e.g. `行政诉讼 未经复议直接起诉 结果维持`.
    pub fn full_label(&self) -> String {
        let mut parts = self.groups.clone();
        parts.push(self.label);
        parts.join(" ")
    }
}

/// A header cell covering leaf columns `start..start + span` and header levels
/// `level..level + levels`.
#[derive(Debug, Clone)]
pub struct HeaderCell<'f> {
    pub label: &'f str,
    pub start: usize,
    pub span: usize,
    pub level: usize,
    pub levels: usize,
}

#[derive(Debug, Clone)]
pub struct BodyRow<'f> {
    pub id: &'f str,
    pub label: &'f str,
    pub depth: usize,
    /// A group label (no numbers of its own in the official table).
    pub group: bool,
}

#[derive(Debug)]
pub struct BlockLayout<'f> {
    pub table: &'f Table,
    pub block: &'f Block,
    pub has_row_labels: bool,
    /// Number of header levels (depth of the column tree).
    pub levels: usize,
    pub header: Vec<HeaderCell<'f>>,
    pub columns: Vec<LeafColumn<'f>>,
    pub rows: Vec<BodyRow<'f>>,
}

impl<'f> BlockLayout<'f> {
    pub fn new(table: &'f Table, block: &'f Block) -> Self {
        fn depth(cs: &[ColumnNode]) -> usize {
            cs.iter().map(|c| 1 + depth(&c.children)).max().unwrap_or(0)
        }
        let levels = depth(&block.columns);
        let mut header = Vec::new();
        let mut columns = Vec::new();
        fn walk<'f>(
            cs: &'f [ColumnNode],
            level: usize,
            levels: usize,
            groups: &mut Vec<&'f str>,
            header: &mut Vec<HeaderCell<'f>>,
            columns: &mut Vec<LeafColumn<'f>>,
        ) {
            for c in cs {
                let start = columns.len();
                if c.children.is_empty() {
                    columns.push(LeafColumn {
                        id: &c.id,
                        label: &c.label,
                        groups: groups.clone(),
                    });
                } else {
                    groups.push(&c.label);
                    walk(&c.children, level + 1, levels, groups, header, columns);
                    groups.pop();
                }
                header.push(HeaderCell {
                    label: &c.label,
                    start,
                    span: columns.len() - start,
                    level,
                    levels: if c.children.is_empty() {
                        levels - level
                    } else {
                        1
                    },
                });
            }
        }
        walk(
            &block.columns,
            0,
            levels,
            &mut Vec::new(),
            &mut header,
            &mut columns,
        );
        header.sort_by_key(|h| (h.level, h.start));
        // A group over every column (申请人情况) adds nothing to a column's full label.
        let total = columns.len();
        for h in header
            .iter()
            .filter(|h| h.span == total && h.levels == 1 && total > 1)
        {
            for c in &mut columns {
                c.groups.retain(|g| *g != h.label);
            }
        }
        let rows = block
            .all_rows()
            .into_iter()
            .map(|(r, depth)| BodyRow {
                id: &r.id,
                label: &r.label,
                depth,
                group: r.is_group(),
            })
            .collect();
        BlockLayout {
            table,
            block,
            has_row_labels: block.has_row_labels(),
            levels,
            header,
            columns,
            rows,
        }
    }

    /// Every block of every table of a format, in order.
    pub fn all(format: &'f Format) -> Vec<BlockLayout<'f>> {
        format
            .tables
            .iter()
            .flat_map(|t| t.blocks.iter().map(move |b| BlockLayout::new(t, b)))
            .collect()
    }

    /// The blocks of one table.
    pub fn of_table(table: &'f Table) -> Vec<BlockLayout<'f>> {
        table
            .blocks
            .iter()
            .map(|b| BlockLayout::new(table, b))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_four_has_three_header_levels_and_fifteen_columns() {
        let f = Format::by_id("gov-2021").expect("format");
        let t4 = f.table("t4").expect("t4");
        let l = BlockLayout::new(t4, &t4.blocks[0]);
        assert_eq!(l.levels, 3);
        assert_eq!(l.columns.len(), 15);
        assert!(!l.has_row_labels);
        // 行政复议's leaves span two levels down (levels 1 and 2).
        let leaf = l
            .header
            .iter()
            .find(|h| h.level == 1 && h.start == 0)
            .expect("leaf");
        assert_eq!((leaf.span, leaf.levels), (1, 2));
        assert_eq!(
            l.columns[5].full_label(),
            "行政诉讼 未经复议直接起诉 结果维持"
        );
    }

    #[test]
    fn section_three_rows_keep_group_labels_in_order() {
        let f = Format::by_id("gov-2021").expect("format");
        let t3 = f.table("t3").expect("t3");
        let l = BlockLayout::new(t3, &t3.blocks[0]);
        assert_eq!(l.rows.len(), 25 + 5);
        assert_eq!(l.rows.iter().filter(|r| r.group).count(), 5);
        assert_eq!(l.rows[2].depth, 0);
        assert!(l.rows[2].group);
    }
}
