//! Year over year in a batch check (`check DIR`): which report is last year's of which.
//!
//! Before checking, a pre-pass reads each report's title only — the lines before section 一
//! within the first 8 KiB of a text file (2 KiB read first: section 一 begins within them in
//! most reports), read by the importer's own title reader
//! ([`crate::import::read_title`]) so that agency and year are read exactly as the check
//! reads them (a web page, a Word file or a PDF is converted whole first: its title can stand
//! anywhere in it; a page is imported whole). [`crate::pairing::Plan`] pairs them. During the check, a report
//! with a successor in the batch leaves last year's part of it (the carried cells and the
//! section texts, [`crate::pairing::carried`]) in the [`Stash`]; the successor takes it and
//! drops it. A successor whose last year is still being read waits for it; one whose last
//! year has not started yet, or was not kept because the stash was full, reads it again
//! itself. So the output order, the streaming and the bounded window of the batch stay as
//! they were, and what is held for pairing is bounded by [`STASH_BYTES`].

use super::target::{Target, read_text};
use crate::draft::{Draft, PreviousYear};
use crate::format::Format;
use crate::fsread::read_head;
use crate::i18n::Lang;
use crate::import::{ImportOptions, decode, decode_owned, import_text};
use crate::pairing::{Key, Plan, Seen, carried, size_of};
use crate::storage::{self, Store};
use chrono::{DateTime, FixedOffset};
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use std::collections::HashMap;
use std::sync::{Condvar, Mutex};

/// Bytes of a text report read for its title (a title is a line near the top).
const HEAD_BYTES: u64 = 8 << 10;

/// Bytes read first: enough for the title and the heading of section 一 in most reports, the
/// rest of [`HEAD_BYTES`] only when the heading is not among them (a GBK head is decoded a
/// byte pair at a time: 8 KiB of it cost a batch more than reading the title).
const FIRST_BYTES: u64 = 2 << 10;

/// At most this many bytes of last years wait in the stash for their successors (about
/// 800 of the 20 KB generated reports, more of real ones); beyond it a successor re-reads.
pub const STASH_BYTES: usize = 16 << 20;

/// Agency-years with more than one report named one by one; the rest are counted.
const NOTES: usize = 5;

/// What the pre-pass found for every target, in order (read on every core).
pub fn read_titles(store: &Store, targets: &[Target], now: DateTime<FixedOffset>) -> Vec<Seen> {
    targets.par_iter().map(|t| seen(store, t, now)).collect()
}

fn seen(store: &Store, target: &Target, now: DateTime<FixedOffset>) -> Seen {
    let of_draft = |d: Draft| Seen {
        key: Key::of(&d.agency, d.year),
        has_previous: d.previous.is_some(),
    };
    match target {
        Target::Id(id) => store.load_id(id).map(of_draft).unwrap_or_default(),
        Target::DraftFile(p) => storage::load(p).map(of_draft).unwrap_or_default(),
        Target::TextFile(p) => Seen {
            key: title_of(p, now),
            has_previous: false,
        },
        Target::UnreadableDir(..) => Seen::default(),
    }
}

/// Agency and year from the title of a report file, as the importer reads them.
fn title_of(path: &std::path::Path, now: DateTime<FixedOffset>) -> Option<Key> {
    let format = Format::default_format()?;
    // The first bytes, when they hold the heading (or are all there is); else as many as
    // a title may need.
    let text = match head_text(path, FIRST_BYTES) {
        Some((text, whole)) if whole || section_start(&text).is_some() => text,
        _ => head_text(path, HEAD_BYTES)?.0,
    };
    let opts = ImportOptions {
        id: "title".to_string(),
        agency: None,
        year: None,
        kind: None,
        now,
    };
    let (agency, year) = if text.trim_start().starts_with('<') {
        // A web page (or a Word file, read as one): its text is not its markup.
        let draft = import_text(format, &text, "", &opts).draft;
        (draft.agency, draft.year)
    } else {
        let head = before_first_section(first_bytes(&text, HEAD_BYTES as usize));
        crate::import::read_title(format, head, &opts)
    };
    Key::of(&agency, year)
}

/// The text of the first `limit` bytes of a report file, up to their last line break, and
/// whether it is the whole file's (a Word file, a PDF and a web page are converted whole).
fn head_text(path: &std::path::Path, limit: u64) -> Option<(String, bool)> {
    let (bytes, whole) = read_head(path, limit).ok()?;
    let converted =
        crate::import::docx::looks_like_zip(&bytes) || crate::import::pdf::looks_like_pdf(&bytes);
    if converted {
        return Some((read_text(path, Lang::En).ok()?.0, true));
    }
    if whole {
        return Some((decode_owned(bytes)?.0, true));
    }
    let head = decode(up_to_last_line(&bytes))?.0;
    if head.trim_start().starts_with('<') {
        // A page is read whole: its title may follow a long head of markup.
        return Some((read_text(path, Lang::En).ok()?.0, true));
    }
    Some((head, false))
}

/// `bytes` up to and with their last line break, so no character is cut (a line break is
/// never part of another character in UTF-8 or GBK; in UTF-16 it is the unit 0x000A).
fn up_to_last_line(bytes: &[u8]) -> &[u8] {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some([0x0A, 0x00]),
        [0xFE, 0xFF, ..] => Some([0x00, 0x0A]),
        _ => None,
    };
    let end = match utf16 {
        Some(unit) => (2..bytes.len().saturating_sub(1))
            .step_by(2)
            .rev()
            .find(|&i| bytes[i..i + 2] == unit)
            .map(|i| i + 2),
        None => bytes.iter().rposition(|&b| b == b'\n').map(|i| i + 1),
    };
    &bytes[..end.unwrap_or(bytes.len())]
}

/// `text` up to the line that opens section 一 (`一、…`, `一．…`): the title stands before it.
fn before_first_section(text: &str) -> &str {
    section_start(text).map_or(text, |at| &text[..at])
}

/// Where the line that opens section 一 starts in `text`, below its first line.
fn section_start(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if at > 0 && crate::import::normalize_label(line).starts_with("一、") {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// The lines of `text` within its first `limit` bytes (all of it when shorter).
fn first_bytes(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    match text[..cut].rfind('\n') {
        Some(i) => &text[..=i],
        None => &text[..cut],
    }
}

/// Last year's report read again by its successor (it had not been read yet, or was not
/// kept): a draft as it is, a file imported. `None` when it cannot be read (it is named as
/// unreadable in its own place).
pub fn read_previous(
    store: &Store,
    target: &Target,
    now: DateTime<FixedOffset>,
) -> Option<PreviousYear> {
    let name = target.name();
    let draft = match target {
        Target::Id(id) => store.load_id(id).ok()?,
        Target::DraftFile(p) => storage::load(p).ok()?,
        Target::TextFile(p) => {
            let (text, encoding) = read_text(p, Lang::En).ok()?;
            let opts = ImportOptions {
                id: "previous".to_string(),
                agency: None,
                year: None,
                kind: None,
                now,
            };
            import_text(Format::default_format()?, &text, encoding, &opts).draft
        }
        Target::UnreadableDir(..) => return None,
    };
    let format = Format::by_id(&draft.format).ok()?;
    Some(carried(format, &draft, &name))
}

/// Where a report with a successor in the batch is, for that successor.
#[derive(Debug)]
enum Slot {
    /// Not started yet.
    Waiting,
    /// Being read and checked by a worker now.
    Reading,
    /// Read: last year's part of it, for the successor to take.
    Ready(PreviousYear, usize),
    /// Read but not kept (the stash was full): the successor reads it again.
    NotKept,
    /// Could not be read, or already taken (or claimed) by the successor.
    Gone,
}

/// What the successor gets.
#[derive(Debug)]
pub enum Taken {
    Ready(PreviousYear),
    /// Read it yourself.
    ReadAgain,
    /// Nothing to compare with.
    Nothing,
}

/// Last years waiting for their successors, shared by the workers of a batch.
pub struct Stash {
    state: Mutex<State>,
    changed: Condvar,
    budget: usize,
}

struct State {
    slots: HashMap<usize, Slot>,
    bytes: usize,
}

impl Stash {
    /// A slot for every report of `plan` that has a successor.
    pub fn new(plan: &Plan, len: usize, budget: usize) -> Stash {
        let slots = (0..len)
            .filter(|&i| plan.has_successor(i))
            .map(|i| (i, Slot::Waiting))
            .collect();
        Stash {
            state: Mutex::new(State { slots, bytes: 0 }),
            changed: Condvar::new(),
            budget,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A worker that panicked holding the lock left consistent slots: go on.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Report `i` is being read now; its successor waits for it rather than read it too.
    /// `None` when its successor has claimed it already (or it has none): nothing to keep.
    pub fn begin(&self, i: usize) -> Option<Keeping<'_>> {
        let mut state = self.lock();
        match state.slots.get_mut(&i) {
            Some(slot @ Slot::Waiting) => {
                *slot = Slot::Reading;
                Some(Keeping {
                    stash: self,
                    index: i,
                    kept: false,
                })
            }
            _ => None,
        }
    }

    fn finish(&self, i: usize, previous: Option<PreviousYear>) {
        let mut state = self.lock();
        let size = previous.as_ref().map_or(0, size_of);
        let fits = state.bytes.saturating_add(size) <= self.budget;
        let slot = match previous {
            Some(p) if fits => {
                state.bytes += size;
                Slot::Ready(p, size)
            }
            Some(_) => Slot::NotKept,
            None => Slot::Gone,
        };
        state.slots.insert(i, slot);
        drop(state);
        self.changed.notify_all();
    }

    /// Last year's report `i`, for its successor: taken out of the stash, waited for while
    /// a worker reads it, or to be read again.
    pub fn take(&self, i: usize) -> Taken {
        let mut state = self.lock();
        loop {
            let slot = state.slots.insert(i, Slot::Gone);
            match slot {
                Some(Slot::Reading) => {
                    state.slots.insert(i, Slot::Reading);
                    state = self.changed.wait(state).unwrap_or_else(|p| p.into_inner());
                }
                Some(Slot::Ready(p, size)) => {
                    state.bytes -= size;
                    return Taken::Ready(p);
                }
                Some(Slot::Waiting | Slot::NotKept) => return Taken::ReadAgain,
                Some(Slot::Gone) | None => return Taken::Nothing,
            }
        }
    }

    /// Bytes held now.
    #[cfg(test)]
    fn held(&self) -> usize {
        self.lock().bytes
    }
}

/// A report being read whose successor waits for it; dropped without [`Keeping::keep`] (the
/// report was unreadable, or its check panicked), the successor is let go with nothing.
pub struct Keeping<'a> {
    stash: &'a Stash,
    index: usize,
    kept: bool,
}

impl Keeping<'_> {
    pub fn keep(mut self, previous: PreviousYear) {
        self.stash.finish(self.index, Some(previous));
        self.kept = true;
    }
}

impl Drop for Keeping<'_> {
    fn drop(&mut self) {
        if !self.kept {
            self.stash.finish(self.index, None);
        }
    }
}

/// The pairs of a batch: the plan, the stash, and the targets to read a last year again.
pub struct Pairs<'a> {
    plan: Plan,
    stash: Stash,
    targets: &'a [Target],
}

impl<'a> Pairs<'a> {
    /// Reads every title (the pre-pass), plans the pairs and says on stderr, once each,
    /// which agency-years have more than one report and so are not paired.
    pub fn prepare(
        store: &Store,
        targets: &'a [Target],
        now: DateTime<FixedOffset>,
        lang: Lang,
    ) -> Pairs<'a> {
        let seen = read_titles(store, targets, now);
        let plan = Plan::new(&seen);
        for d in plan.duplicates.iter().take(NOTES) {
            super::print::note(duplicate_note(d, targets, lang));
        }
        if plan.duplicates.len() > NOTES {
            let more = plan.duplicates.len() - NOTES;
            super::print::note(match lang {
                Lang::Zh => {
                    format!("nianbao: 提示: 另有 {more} 个机关年度各有多份报告，均不做跨年度对照")
                }
                Lang::En => format!(
                    "nianbao: note: {more} more agency-years have more than one report each; none of them is checked year over year"
                ),
            });
        }
        let stash = Stash::new(&plan, targets.len(), STASH_BYTES);
        Pairs {
            plan,
            stash,
            targets,
        }
    }

    /// Report `i` is being checked now: when its successor is in the batch, what keeps its
    /// last-year part for it.
    pub fn begin(&self, i: usize) -> Option<Keeping<'_>> {
        self.plan
            .has_successor(i)
            .then(|| self.stash.begin(i))
            .flatten()
    }

    /// Last year's report of report `i`, when the batch holds it and it can be read.
    pub fn previous_for(
        &self,
        i: usize,
        store: &Store,
        now: DateTime<FixedOffset>,
    ) -> Option<PreviousYear> {
        let p = self.plan.previous_of(i)?;
        match self.stash.take(p) {
            Taken::Ready(previous) => Some(previous),
            Taken::ReadAgain => read_previous(store, self.targets.get(p)?, now),
            Taken::Nothing => None,
        }
    }
}

/// `某某局 2024 年有 2 份报告（a.txt、b.txt），该年度不做跨年度对照`.
fn duplicate_note(d: &crate::pairing::Duplicate, targets: &[Target], lang: Lang) -> String {
    const SHOWN: usize = 3;
    let mut names: Vec<String> = d
        .items
        .iter()
        .take(SHOWN)
        .filter_map(|&i| targets.get(i).map(Target::name))
        .collect();
    let (agency, year, n) = (&d.key.agency, d.key.year, d.items.len());
    match lang {
        Lang::Zh => {
            if n > SHOWN {
                names.push("等".to_string());
            }
            format!(
                "nianbao: 提示: {agency} {year} 年有 {n} 份报告（{}），该年度不做跨年度对照",
                names.join("、")
            )
        }
        Lang::En => {
            if n > SHOWN {
                names.push("…".to_string());
            }
            format!(
                "nianbao: note: {agency} has {n} reports for {year} ({}); that year is not checked year over year",
                names.join(", ")
            )
        }
    }
}

/// Cross-year findings of a batch's pair, each saying which report it was compared with.
pub fn against(
    mut diags: Vec<crate::rules::Diagnostic>,
    source: &str,
) -> Vec<crate::rules::Diagnostic> {
    let suffix = crate::i18n::Localized::from_template(|s| s.against_source, &[("source", source)]);
    for d in &mut diags {
        d.message.zh.push_str(&suffix.zh);
        d.message.en.push_str(&suffix.en);
    }
    diags
}

#[cfg(test)]
mod tests;
