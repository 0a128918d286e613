//! Contradictions between the text and the tables: a sentence saying nothing was carried
//! over, no 行政复议 happened or no application came in, while the table has some, is a
//! warning naming the sentence and the cell; the same sentence with the cell at 0 is not,
//! and real sentences that say something else are not.

use crate::draft::Draft;
use crate::format::{CellRef, Format};
use crate::rules::tests_support::consistent;
use crate::rules::{Stage, evaluate};
use chrono::NaiveDate;

fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("format")
}

fn findings(d: &Draft) -> Vec<String> {
    let today = NaiveDate::from_ymd_opt(2026, 3, 10).expect("date");
    evaluate(format(), d, Stage::Final, today)
        .diagnostics
        .into_iter()
        .filter(|x| x.code == "text.contradiction")
        .map(|x| x.render(crate::i18n::Lang::Zh))
        .collect()
}

fn with_text(section: &str, text: &str) -> Draft {
    let mut d = consistent();
    d.set_section_text(section, text);
    d
}

/// `consistent()` with every input cell of `table`.`row` at 0.
fn zero_row(mut d: Draft, table: &str, row: &str) -> Draft {
    let f = format();
    for c in f.cells() {
        if c.table == table && c.row == row && !crate::rules::computed_cells(f).contains(&c) {
            d.set_cell(f, &CellRef::new(table, row, &c.col), "0");
        }
    }
    d
}

#[test]
fn all_finished_while_some_are_carried_over_names_the_sentence_and_the_cell() {
    // 06-pingtan-2021's sentence, with the claim a copied report makes: its table carries 1
    // application over (as `consistent()` does).
    for claim in [
        "本年度全区共收到70件申请，所有申请均已按期办结。",
        "本年度申请已全部办结。",
        "收到的申请均已办理完毕。",
    ] {
        let text = format!("（二）依申请公开\n{claim}");
        let found = findings(&with_text("s1", &text));
        assert_eq!(found.len(), 1, "{claim}: {found:#?}");
        assert!(found[0].contains("第 2 行"), "{}", found[0]);
        assert!(found[0].contains("结转下年度继续办理"), "{}", found[0]);
        assert!(found[0].contains("为 1"), "{}", found[0]);
        // Nothing carried over: the sentence is true.
        let d = zero_row(with_text("s1", &text), "t3", "carry_next");
        // The balance breaks, but no contradiction is claimed.
        assert!(findings(&d).is_empty(), "{claim}");
    }
}

#[test]
fn no_review_while_table_four_has_reviews_is_a_warning() {
    let text = "本年度未发生行政复议和行政诉讼案件。";
    let found = findings(&with_text("s4", text));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("行政复议") && found[0].contains("为 4"),
        "{}",
        found[0]
    );
    let d = zero_row(with_text("s4", text), "t4", "cases");
    assert!(findings(&d).is_empty());
}

#[test]
fn no_application_while_new_applications_were_received_is_a_warning() {
    let text = "本年度未收到政府信息公开申请。";
    let found = findings(&with_text("s1", text));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("本年新收") && found[0].contains("为 20"),
        "{}",
        found[0]
    );
    let en = {
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).expect("date");
        evaluate(format(), &with_text("s1", text), Stage::Final, today)
            .diagnostics
            .into_iter()
            .find(|x| x.code == "text.contradiction")
            .map(|x| x.render(crate::i18n::Lang::En))
            .expect("found")
    };
    assert!(en.contains("contradicts the table"), "{en}");
}

#[test]
fn real_sentences_that_claim_nothing_are_no_finding() {
    // From the real reports: 06-pingtan-2021 (1 carried over, said so), 04-pingtan-2022,
    // 01-huaianshi-2024, 03-hongzequ-2024.
    for sentence in [
        "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
        "2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。",
        "全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。",
        "降低行政复议、行政诉讼发生率和纠错率。",
        "未发生相关责任人责任追究问题情况，未出现违反有关法律规定、造成不良影响的情况。",
        "上年结转的申请已全部答复。",
    ] {
        let found = findings(&with_text("s1", sentence));
        assert!(found.is_empty(), "{sentence}: {found:#?}");
    }
}
