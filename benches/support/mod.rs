//! Reports for the benchmarks and the whole-process script, made from a fixed seed: the same
//! seed gives the same bytes on every machine, so runs compare.
//!
//! Shared by `benches/*.rs` and `examples/gen_reports.rs` (included with `#[path]`).

#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, NaiveDate};
use nianbao::draft::Draft;
use nianbao::export::{self, Options, TableStyle};
use nianbao::format::{CellRef, Format};
use nianbao::import::{ImportOptions, import_text};
use nianbao::rules::{Stage, evaluate};

/// The hand-checked complete report: every section written, every cell filled, consistent.
pub const COMPLETE: &str = include_str!("../../tests/fixtures/complete-2024.txt");

/// Characters of text per section in the largest realistic draft.
pub const LARGEST_SECTION_CHARS: usize = 40_000;

/// The seed of the report set that bench/run.sh measures.
pub const DEFAULT_SEED: u64 = 202_130;

/// A small, fast generator (SplitMix64); good enough to vary reports, and seedable.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

pub fn format() -> &'static Format {
    Format::by_id("gov-2021").expect("the built-in format")
}

/// A fixed clock, so that generated drafts and checks do not depend on the day they run.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-01-10T10:00:00+08:00").expect("fixed time")
}

pub fn today() -> NaiveDate {
    now().date_naive()
}

pub fn import_options(id: &str) -> ImportOptions {
    ImportOptions {
        id: id.to_string(),
        agency: None,
        year: None,
        kind: None,
        now: now(),
    }
}

/// The complete report as a draft.
pub fn complete_draft(id: &str) -> Draft {
    import_text(format(), COMPLETE, "UTF-8", &import_options(id)).draft
}

/// Phrases of the kind these reports are written in; sentences are drawn from them.
const PHRASES: &[&str] = &[
    "全年通过门户网站主动公开政府信息",
    "严格落实政府信息公开保密审查制度",
    "依法依规答复政府信息公开申请",
    "进一步规范政府信息公开申请办理流程",
    "加强政务新媒体日常监管和内容审核",
    "围绕重点领域加大信息公开力度",
    "及时回应社会关切和群众诉求",
    "组织开展政务公开业务培训",
    "完善政府信息公开目录和公开指南",
    "推进行政执法公示制度落实",
    "强化政策解读和政务舆情回应",
    "健全政府信息公开工作考核评议机制",
];

/// About `chars` characters of plausible report prose, in paragraphs, without the numbering
/// (一、二、) that the checker warns about.
pub fn prose(rng: &mut Rng, chars: usize) -> String {
    let mut out = String::with_capacity(chars * 3 + 64);
    let mut count = 0;
    let mut in_paragraph = 0;
    while count < chars {
        let sentence = format!(
            "{}，{}{}条，{}。",
            rng.pick(PHRASES),
            rng.pick(PHRASES),
            rng.below(5000),
            rng.pick(PHRASES)
        );
        count += sentence.chars().count();
        in_paragraph += 1;
        out.push_str(&sentence);
        if in_paragraph >= 6 + rng.below(6) as usize && count < chars {
            out.push('\n');
            count += 1;
            in_paragraph = 0;
        }
    }
    out
}

/// The largest realistic draft: the complete report with every section ~40 000 字.
pub fn largest_draft(id: &str) -> Draft {
    let mut draft = complete_draft(id);
    let mut rng = Rng::new(0x006e_6961_6e62_616f);
    let f = format();
    for s in &f.sections {
        let text = format!(
            "{}\n{}",
            draft.section_text(&s.id),
            prose(&mut rng, LARGEST_SECTION_CHARS)
        );
        draft.set_section_text(&s.id, &text);
    }
    draft
}

/// One generated report file.
pub struct Generated {
    pub bytes: Vec<u8>,
    /// Encoded as GBK (else UTF-8).
    pub gbk: bool,
    /// Carries a deliberate inconsistency that `check` must report.
    pub has_error: bool,
}

const PLACES: &[&str] = &[
    "淮河市",
    "临江市",
    "青山县",
    "白水区",
    "东湖区",
    "南山县",
    "北川市",
    "西岭县",
];
const BODIES: &[&str] = &[
    "生态环境局",
    "教育局",
    "交通运输局",
    "卫生健康委员会",
    "自然资源局",
    "市场监督管理局",
    "人民政府办公室",
    "财政局",
];

/// Report `index` of the set made from `seed`: a department's published report, its numbers
/// scaled (every sum rule stays true), its sections lengthened, in one of the two table styles;
/// one in five with an error, one in four in GBK.
pub fn generated_report(seed: u64, index: u64) -> Generated {
    let (draft, has_error, rng) = generated_draft(seed, index);
    render_generated(draft, has_error, rng)
}

/// The draft of report `index`, whether it carries an error, and the generator's state for
/// rendering it.
fn generated_draft(seed: u64, index: u64) -> (Draft, bool, Rng) {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
    let f = format();
    let mut draft = complete_draft("gen");
    draft.agency = format!("{}{}", rng.pick(PLACES), rng.pick(BODIES));
    draft.year = 2021 + rng.below(5) as i32;
    // Multiplying every count by one factor keeps every total and the balance true.
    let factor = 1 + rng.below(20);
    let keys: Vec<nianbao::draft::CellKey> = draft.cells.keys().cloned().collect();
    for key in keys {
        if let Some(v) = draft.cells.get(&key).and_then(|v| v.parse::<u64>().ok()) {
            draft.cells.insert(key, (v * factor).to_string());
        }
    }
    for s in &f.sections {
        let chars = 100 + rng.below(600) as usize;
        let extra = prose(&mut rng, chars);
        let text = format!("{}\n{extra}", draft.section_text(&s.id));
        draft.set_section_text(&s.id, &text);
    }
    let has_error = rng.below(5) == 0;
    if has_error {
        // One more request carried into next year than the balance allows.
        let cell = CellRef::new("t3", "carry_next", "natural");
        let v: u64 = draft.cell(&cell).and_then(|v| v.parse().ok()).unwrap_or(0);
        draft.set_cell(f, &cell, &(v + 1).to_string());
    }
    (draft, has_error, rng)
}

/// The report's file: one of the two table styles, one in four in GBK.
fn render_generated(draft: Draft, has_error: bool, mut rng: Rng) -> Generated {
    let f = format();
    let style = if rng.below(2) == 0 {
        TableStyle::Grid
    } else {
        TableStyle::Tsv
    };
    let eval = evaluate(f, &draft, Stage::Final, today());
    let text = export::render(f, &draft, &eval, Options { style, width: 100 });
    let gbk = rng.below(4) == 0;
    let bytes = if gbk {
        encoding_rs::GBK.encode(&text).0.into_owned()
    } else {
        text.into_bytes()
    };
    Generated {
        bytes,
        gbk,
        has_error,
    }
}

/// Report `index` of a set of pairs (`gen_reports reports DIR COUNT SEED --pairs`): reports
/// `2k` and `2k + 1` are one agency's (its name unique to the pair) for two consecutive
/// years, the later one carrying the earlier one's 结转下年度 as its 上年结转 and its
/// 现行有效件数 forward (X1 and X2 hold unless the earlier one has the generated error); each
/// is otherwise made as [`generated_report`] makes report `index`.
pub fn generated_paired_report(seed: u64, index: u64) -> Generated {
    let pair = index / 2;
    let (first, first_error, first_rng) = generated_draft(seed, pair * 2);
    let mut names = Rng::new(seed ^ pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x7061_6972);
    let agency = format!("{}第{pair}片区{}", names.pick(PLACES), names.pick(BODIES));
    let year = 2021 + (pair % 4) as i32;
    let retitle = |mut d: Draft, year: i32| {
        d.agency = agency.clone();
        d.year = year;
        d
    };
    if index.is_multiple_of(2) {
        return render_generated(retitle(first, year), first_error, first_rng);
    }
    let (second, has_error, rng) = generated_draft(seed, index);
    let mut second = retitle(second, year + 1);
    carry_forward(&first, &mut second);
    render_generated(second, has_error, rng)
}

/// `this` year continues `last`: 上年结转 = last year's 结转下年度 per column (this year's
/// 结转下年度 moved by as much, so the balance still holds), 现行有效件数 = last year's +
/// 制发 − 废止.
fn carry_forward(last: &Draft, this: &mut Draft) {
    let f = format();
    let number =
        |d: &Draft, c: &CellRef| -> u64 { d.cell(c).and_then(|v| v.parse().ok()).unwrap_or(0) };
    let Some(block) = f.table("t3").and_then(|t| t.block_of_row("carried")) else {
        return;
    };
    for col in block.leaf_columns() {
        let carried = CellRef::new("t3", "carried", &col.id);
        let next = CellRef::new("t3", "carry_next", &col.id);
        let then = number(last, &CellRef::new("t3", "carry_next", &col.id));
        let (was, going) = (number(this, &carried), number(this, &next));
        this.set_cell(f, &carried, &then.to_string());
        this.set_cell(f, &next, &(going + then).saturating_sub(was).to_string());
    }
    for row in ["regulations", "normative_docs"] {
        let cell = |c: &str| CellRef::new("t2", row, c);
        let in_force = (number(last, &cell("in_force")) + number(this, &cell("issued")))
            .saturating_sub(number(this, &cell("repealed")));
        this.set_cell(f, &cell("in_force"), &in_force.to_string());
    }
}
