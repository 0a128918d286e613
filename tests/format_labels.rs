//! Every official label in the format asset matches ../shared/format-2021.md character for
//! character, and the rows of section 三 come in its order.

use nianbao::format::{BlockLayout, Format};

const REFERENCE: &str = "../shared/format-2021.md";

fn reference() -> Option<String> {
    match std::fs::read_to_string(REFERENCE) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("skipped: {REFERENCE} not readable ({e})");
            None
        }
    }
}

fn gov2021() -> &'static Format {
    Format::by_id("gov-2021").expect("gov-2021 embedded")
}

#[test]
fn every_official_label_appears_in_the_reference() {
    let Some(md) = reference() else { return };
    let f = gov2021();
    let mut labels: Vec<&str> = vec![f.document.as_str()];
    for s in &f.sections {
        labels.push(&s.heading);
    }
    for layout in BlockLayout::all(f) {
        labels.extend(layout.block.caption.as_deref());
        labels.extend(layout.block.corner.as_deref());
        labels.extend(layout.header.iter().map(|h| h.label));
        labels.extend(
            layout
                .rows
                .iter()
                .map(|r| r.label)
                .filter(|l| !l.is_empty()),
        );
    }
    let missing: Vec<&&str> = labels.iter().filter(|l| !md.contains(**l)).collect();
    assert!(missing.is_empty(), "labels not in {REFERENCE}: {missing:?}");
}

#[test]
fn section_headings_come_in_the_reference_order() {
    let Some(md) = reference() else { return };
    // The reference's table of sections: `| 一 | 一、总体情况 | … |`.
    let headings: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("| ").and_then(|l| l.split(" | ").nth(1)))
        .filter(|h| h.contains('、') && h.ends_with("情况") || h.ends_with("事项"))
        .collect();
    let ours: Vec<&str> = gov2021()
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(headings, ours);
}

#[test]
fn section_three_rows_match_the_reference_tree() {
    let Some(md) = reference() else { return };
    // The code block after "**Rows**" lists every row, one per line, with notes after "←" or
    // "(label only)".
    let start = md.find("**Rows**").expect("rows block");
    let block = &md[start..];
    let body = block.split("```").nth(1).expect("code block");
    let reference: Vec<String> = body
        .lines()
        .map(|l| {
            l.split('←')
                .next()
                .unwrap_or("")
                .replace("(label only)", "")
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect();
    let f = gov2021();
    let t3 = f.table("t3").expect("t3");
    let ours: Vec<String> = BlockLayout::new(t3, &t3.blocks[0])
        .rows
        .iter()
        .map(|r| r.label.to_string())
        .collect();
    assert_eq!(reference, ours);
}

#[test]
fn section_four_columns_match_the_reference() {
    let Some(md) = reference() else { return };
    let f = gov2021();
    let t4 = f.table("t4").expect("t4");
    let layout = BlockLayout::new(t4, &t4.blocks[0]);
    let leaves: Vec<&str> = layout.columns.iter().map(|c| c.label).collect();
    let line = md
        .lines()
        .find(|l| l.starts_with("结果维持 结果纠正"))
        .expect("column line");
    let reference: Vec<&str> = line.split([' ', '|']).filter(|s| !s.is_empty()).collect();
    assert_eq!(reference, leaves);
}
