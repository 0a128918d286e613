//! Pasting blocks copied from a spreadsheet into table 三 of the real binary, through a
//! pseudo-terminal's bracketed paste, and every cell of the saved draft checked.

mod common;

use common::{Tui, new_draft};
use std::collections::BTreeMap;

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const CTRL_Q: &str = "\x11";

fn bracketed(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

#[test]
fn a_cr_separated_block_and_a_labelled_block_fill_exactly_their_cells() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let id = new_draft(&data);
    let mut t = Tui::nianbao(&data, dir.path(), &["open", &id]);
    t.wait_for("目录");
    t.send("5");
    t.send(ENTER);
    t.wait_for("F2 修改单元格");

    // 1. Rows 一 and 二 copied with CRLF, which the terminal doubled to CR CR.
    t.send(&bracketed("1\t2\t3\t4\t5\t6\r\r7\t8\t9\t10\t11\t12\r\r"));
    t.wait_for("成对的换行按一个换行读取");

    // 2. Two rows with their labels (three label columns, as merged cells copy) and the
    //    header; the cursor elsewhere.
    for _ in 0..6 {
        t.send(DOWN);
    }
    t.send(&bracketed(
        "\t\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\r\n\
         三、本年度办理结果\t（一）予以公开\t\t20\t1\t0\t0\t0\t0\t21\r\n\
         \t（三）不予公开\t2.其他法律行政法规禁止公开\t3\t0\t0\t0\t0\t1\t4\r\n",
    ));
    t.wait_for("按行标签对应到各行");
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);

    let draft = nianbao::storage::Store::at(&data)
        .load_id(&id)
        .expect("draft");
    let mut want: BTreeMap<String, String> = BTreeMap::new();
    let cols = [
        "natural",
        "commercial",
        "research",
        "nonprofit",
        "legal_service",
        "other",
    ];
    let rows: [(&str, [u32; 6]); 4] = [
        ("new", [1, 2, 3, 4, 5, 6]),
        ("carried", [7, 8, 9, 10, 11, 12]),
        ("granted", [20, 1, 0, 0, 0, 0]),
        ("withheld_prohibited", [3, 0, 0, 0, 0, 1]),
    ];
    for (row, values) in rows {
        for (col, v) in cols.iter().zip(values) {
            want.insert(format!("t3.{row}.{col}"), v.to_string());
        }
    }
    let got: BTreeMap<String, String> = draft
        .cells
        .iter()
        .filter(|(k, _)| k.starts_with("t3."))
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    assert_eq!(got, want);
}
