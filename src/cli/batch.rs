//! `nianbao check` over any number of reports: read and checked in parallel on every core,
//! printed in input order as soon as each is ready, with a progress bar on a terminal and a
//! summary at the end.
//!
//! Memory stays flat as the count grows: only the list of paths is held; a report's text lives
//! while one worker checks it, and its printed lines only until the reports before it are out.
//!
//! Reports of one agency for consecutive years are checked year over year (`pairs`), unless
//! `--no-pairs`.

use super::output::{JsonDiagnostic, counts, diagnostic_line, summary};
use super::pairs::{Pairs, against};
use super::print::note;
use super::target::{Loaded, Target, expand, load};
use crate::draft::PreviousYear;
use crate::format::Format;
use crate::i18n::{Lang, fill};
use crate::import::ImportOptions;
use crate::storage::Store;
use crate::summary::{Entry, SortBy, Summary, SummaryKind};
use chrono::{DateTime, FixedOffset};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// Reports checked ahead of the one being printed, at most, per worker thread: enough to keep
/// every core busy, few enough that memory does not grow with the number of files.
const AHEAD_PER_THREAD: usize = 16;

/// What checking one target gave, already rendered, so that the printing thread only writes.
struct Checked {
    /// Lines for stdout (the diagnostics and the per-file summary), or JSON array elements.
    text: String,
    errors: usize,
    warnings: usize,
    /// Why the target could not be read or checked (goes to stderr).
    unreadable: Option<String>,
    /// Checked against last year's report of the same agency found in the batch.
    paired: bool,
    /// The report's row of the summary (`--summary`).
    entry: Option<Box<Entry>>,
}

/// Totals for the closing summary.
#[derive(Default)]
struct Tally {
    files: usize,
    with_errors: usize,
    with_warnings: usize,
    unreadable: usize,
    errors: usize,
    warnings: usize,
    paired: usize,
}

impl Tally {
    fn add(&mut self, c: &Checked) {
        self.files += 1;
        self.paired += usize::from(c.paired);
        if c.unreadable.is_some() {
            self.unreadable += 1;
            return;
        }
        self.with_errors += usize::from(c.errors > 0);
        self.with_warnings += usize::from(c.warnings > 0);
        self.errors += c.errors;
        self.warnings += c.warnings;
    }

    fn line(&self, lang: Lang) -> String {
        let line = fill(
            lang.strings().check_total,
            &[
                ("files", &self.files.to_string()),
                ("with_errors", &self.with_errors.to_string()),
                ("with_warnings", &self.with_warnings.to_string()),
                ("unreadable", &self.unreadable.to_string()),
                ("errors", &self.errors.to_string()),
                ("warnings", &self.warnings.to_string()),
            ],
        );
        match self.paired {
            0 => line,
            n => fill(
                lang.strings().check_total_paired,
                &[("line", &line), ("n", &n.to_string())],
            ),
        }
    }
}

/// Everything a worker needs to check one target; shared read-only by all workers.
struct Job<'a> {
    store: &'a Store,
    lang: Lang,
    now: DateTime<FixedOffset>,
    json: bool,
    /// Last year's report, for the cross-year rules (`check --previous`).
    previous: Option<PreviousYear>,
    /// The batch's reports of one agency for consecutive years.
    pairs: Option<Pairs<'a>>,
    /// Whether each report's summary row is wanted (`--summary`).
    summary: bool,
}

impl Job<'_> {
    /// Checks target `i` of the batch.
    fn check(&self, i: usize, target: &Target) -> Checked {
        let name = target.name();
        let mut checked = self.check_named(i, target, &name);
        let Some(msg) = &checked.unreadable else {
            return checked;
        };
        // The message names the file first (`name: why`, `name：why`): the reason is the rest.
        let reason = [": ", "："]
            .iter()
            .find_map(|sep| msg.strip_prefix(&format!("{name}{sep}")))
            .unwrap_or(msg);
        // A report that could not be read is a row of the summary too, with the reason.
        if self.summary && checked.entry.is_none() {
            checked.entry = Some(Box::new(Entry::unreadable(&name, reason)));
        }
        // A script reading the JSON sees every target it named, the unreadable ones too.
        if self.json {
            checked.text = unreadable_json(&name, reason, self.lang);
        }
        checked
    }

    fn check_named(&self, i: usize, target: &Target, name: &str) -> Checked {
        let name = name.to_string();
        let today = self.now.date_naive();
        // Its successor waits for this report from now on, rather than read it again.
        let keeping = self.pairs.as_ref().and_then(|p| p.begin(i));
        let opts = ImportOptions {
            id: "check".to_string(),
            agency: None,
            year: None,
            kind: None,
            now: self.now,
        };
        let loaded = load(self.store, target, self.lang, &opts, today);
        // Its own last year only now: a worker reading that one at the same time (the two are
        // often next to each other in a folder) has most likely finished meanwhile.
        let paired = self
            .pairs
            .as_ref()
            .and_then(|p| p.previous_for(i, self.store, self.now));
        let (diags, mut entry) = match loaded {
            Ok(Loaded::Draft(mut d)) => match Format::by_id(&d.format) {
                Ok(f) => {
                    if let Some(p) = &self.previous {
                        d.previous = Some(Box::new(p.clone()));
                    }
                    let mut diags = crate::check::check_draft(f, &d, today);
                    if let Some(p) = &paired {
                        let found = crate::rules::cross_year::evaluate(
                            f,
                            &d,
                            p,
                            crate::rules::Stage::Final,
                        );
                        diags.extend(against(found, &p.source));
                    }
                    if let Some(k) = keeping {
                        k.keep(crate::pairing::carried(f, &d, &name));
                    }
                    let entry = self
                        .summary
                        .then(|| Box::new(Entry::checked(f, &name, &d, &diags, self.lang)));
                    (diags, entry)
                }
                Err(e) => return unreadable(format!("{name}: {e}")),
            },
            Ok(Loaded::Text(outcome, mut diags)) => {
                if let Ok(f) = Format::by_id(&outcome.draft.format) {
                    if let Some(p) = &self.previous {
                        diags.extend(crate::check::cross_year_text(f, &outcome, p));
                    }
                    if let Some(p) = &paired {
                        let found = crate::check::cross_year_text(f, &outcome, p);
                        diags.extend(against(found, &p.source));
                    }
                    if let Some(k) = keeping {
                        k.keep(crate::pairing::carried(f, &outcome.draft, &name));
                    }
                    // In the file's order, the cross-year findings at their lines too.
                    diags.sort_by_key(|d| {
                        (
                            d.location.line.unwrap_or(usize::MAX),
                            d.severity != crate::format::Severity::Error,
                        )
                    });
                }
                let entry = match Format::by_id(&outcome.draft.format) {
                    Ok(f) if self.summary => Some(Box::new(Entry::checked(
                        f,
                        &name,
                        &outcome.draft,
                        &diags,
                        self.lang,
                    ))),
                    _ => None,
                };
                (diags, entry)
            }
            Err(msg) => return unreadable(msg),
        };
        let (errors, warnings) = counts(&diags);
        let mut text = String::new();
        if self.json {
            // Exact data, terminal-safe: invisible and control characters as \uXXXX.
            let values = diags.iter().filter_map(|d| {
                serde_json::to_string(&JsonDiagnostic::new(&name, d, self.lang))
                    .ok()
                    .map(|j| crate::sanitize::json(&j).into_owned())
            });
            text = values.collect::<Vec<_>>().join(",");
        } else {
            for d in &diags {
                text.push_str(&diagnostic_line(&name, d, self.lang));
                text.push('\n');
            }
            text.push_str(&summary(&name, &diags, self.lang));
            text.push('\n');
        }
        if let Some(e) = entry.as_mut() {
            e.compared_with = paired
                .as_ref()
                .or(self.previous.as_ref())
                .map(|p| p.source.clone());
        }
        Checked {
            text,
            errors,
            warnings,
            unreadable: None,
            paired: paired.is_some(),
            entry,
        }
    }
}

fn unreadable(msg: String) -> Checked {
    Checked {
        text: String::new(),
        errors: 0,
        warnings: 0,
        unreadable: Some(msg),
        paired: false,
        entry: None,
    }
}

/// A target that could not be read, as one element of `check --json`: an error whose code is
/// `target.unreadable` (the reason is in the language of the run, in every message field).
fn unreadable_json(name: &str, reason: &str, lang: Lang) -> String {
    let d = crate::rules::Diagnostic {
        severity: crate::format::Severity::Error,
        code: "target.unreadable".into(),
        location: Default::default(),
        message: crate::i18n::Localized {
            zh: reason.into(),
            en: reason.into(),
        },
    };
    serde_json::to_string(&JsonDiagnostic::new(name, &d, lang))
        .map(|j| crate::sanitize::json(&j).into_owned())
        .unwrap_or_default()
}

/// Prints results in input order as they arrive, however the workers finish.
struct Printer {
    /// Not locked for the whole run: whichever worker emits a result writes it.
    /// Buffered when stdout is a file or a pipe (one write a report was ~10 000 system calls
    /// for a folder, made under the workers' lock); a terminal sees each report as it ends.
    out: std::io::BufWriter<std::io::Stdout>,
    lang: Lang,
    json: bool,
    /// Whether a JSON element was written already (for the separating comma).
    json_started: bool,
    bar: ProgressBar,
    tally: Tally,
    /// The summary's rows, in input order (`--summary`).
    entries: Vec<Entry>,
    /// The first write to stdout that failed (a full disk, a closed pipe): nothing more is
    /// written, and the exit status says so.
    failed: Option<std::io::Error>,
}

impl Printer {
    fn write(&mut self, mut c: Checked) {
        self.tally.add(&c);
        if let Some(e) = c.entry.take() {
            self.entries.push(*e);
        }
        let (out, lang) = (&mut self.out, self.lang);
        let (json, json_started) = (self.json, &mut self.json_started);
        let failed = &mut self.failed;
        // The bar and the results may share one terminal: hide the bar while writing.
        self.bar.suspend(|| {
            if let Some(msg) = &c.unreadable {
                // A file name may hold an escape sequence: neutralised like every message.
                kept(failed, || out.flush());
                note(format!("nianbao: {}: {msg}", lang.strings().error_prefix));
            }
            // JSON elements (an unreadable target's too); text lines of a target read.
            if json && !c.text.is_empty() {
                element(out, failed, json_started, &c.text);
            } else if !json && c.unreadable.is_none() {
                kept(failed, || out.write_all(c.text.as_bytes()));
            }
        });
        self.bar.inc(1);
    }

    /// Writes `bytes` unless an earlier write failed.
    fn put(&mut self, bytes: &[u8]) {
        let out = &mut self.out;
        kept(&mut self.failed, || out.write_all(bytes));
    }
}

/// Runs `write` unless a write failed before; keeps the first error.
fn kept(failed: &mut Option<std::io::Error>, write: impl FnOnce() -> std::io::Result<()>) {
    if failed.is_none()
        && let Err(e) = write()
    {
        *failed = Some(e);
    }
}

/// One element of the JSON array, after a comma unless it is the first.
fn element(
    out: &mut impl Write,
    failed: &mut Option<std::io::Error>,
    started: &mut bool,
    text: &str,
) {
    if *started {
        kept(failed, || out.write_all(b","));
    }
    kept(failed, || out.write_all(text.as_bytes()));
    *started = true;
}

/// What the results are gathered in before they are written, when not to a terminal.
const OUT_BUFFER: usize = 64 << 10;

/// Checks every target named by `args`; returns the exit status (0 clean, 1 errors found,
/// 2 a target missing or unreadable). With `pair`, reports of one agency for consecutive
/// years are checked year over year.
pub fn check(
    store: &Store,
    lang: Lang,
    now: DateTime<FixedOffset>,
    args: &[String],
    options: BatchOptions,
) -> i32 {
    let BatchOptions {
        json,
        previous,
        pair,
        summary,
    } = options;
    let mut failed = false;
    let mut targets = Vec::new();
    let mut missing = Vec::new();
    let mut missing_json = Vec::new();
    for arg in args {
        match expand(store, arg, lang) {
            Ok(t) => targets.extend(t),
            Err(msg) => {
                note(format!("nianbao: {}: {msg}", lang.strings().error_prefix));
                missing.push(Entry::unreadable(arg, &msg));
                missing_json.push((arg.as_str(), msg));
                failed = true;
            }
        }
    }
    // Many reports: throughput over memory (src/alloc.rs), from the pre-pass on (its reads
    // allocate too).
    if targets.len() >= 2 {
        crate::alloc::use_fast();
    }
    // Before the bar: the pre-pass may have notes to print.
    let pairs = (pair && previous.is_none() && targets.len() > 1)
        .then(|| Pairs::prepare(store, &targets, now, lang));
    let bar = progress_bar(targets.len());
    let mut printer = Printer {
        out: std::io::BufWriter::with_capacity(
            if std::io::stdout().is_terminal() {
                0
            } else {
                OUT_BUFFER
            },
            std::io::stdout(),
        ),
        lang,
        json,
        json_started: false,
        bar,
        tally: Tally::default(),
        entries: Vec::new(),
        failed: None,
    };
    if json {
        printer.put(b"[");
        // Named but not found: elements of the JSON as well as lines on stderr.
        for (arg, msg) in &missing_json {
            let text = unreadable_json(arg, msg, lang);
            element(
                &mut printer.out,
                &mut printer.failed,
                &mut printer.json_started,
                &text,
            );
        }
    }
    let job = Job {
        store,
        lang,
        now,
        json,
        previous,
        pairs,
        summary: summary.is_some(),
    };
    // One report is checked on this thread, with no other started.
    let threads = if targets.len() < 2 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    run_ordered(
        &targets,
        AHEAD_PER_THREAD * threads,
        threads,
        |i, t| job.check(i, t),
        |c| printer.write(c),
    );
    printer.bar.finish_and_clear();
    let tally = std::mem::take(&mut printer.tally);
    if json {
        printer.put(b"]\n");
    } else if tally.files > 1 {
        printer.put(format!("{}\n", tally.line(lang)).as_bytes());
    }
    let out = &mut printer.out;
    kept(&mut printer.failed, || out.flush());
    // A full disk or a closed stdout: said, and the status is 2 (0 for a reader that
    // stopped reading, as for every command).
    let stdout_failed = printer
        .failed
        .take()
        .is_some_and(|e| super::print::failed_status(&super::print::StdoutFailed(e), lang) != 0);
    if let Some(req) = summary {
        let mut entries = std::mem::take(&mut printer.entries);
        entries.extend(missing);
        failed |= !write_summary(store, lang, &req, entries);
    }
    if failed || stdout_failed || tally.unreadable > 0 {
        2
    } else if tally.with_errors > 0 {
        1
    } else {
        0
    }
}

/// How `check` runs over its targets.
pub struct BatchOptions {
    pub json: bool,
    /// Last year's report, for the cross-year rules (`check --previous`).
    pub previous: Option<PreviousYear>,
    /// Pair one agency's reports for consecutive years.
    pub pair: bool,
    /// Write a summary of every report to a file (`--summary`).
    pub summary: Option<SummaryRequest>,
}

/// `--summary FILE [--sort …]`.
pub struct SummaryRequest {
    pub path: std::path::PathBuf,
    pub kind: SummaryKind,
    pub sort: SortBy,
}

/// Sorts and writes the summary; says where on stderr. False when it could not be written.
fn write_summary(store: &Store, lang: Lang, req: &SummaryRequest, mut entries: Vec<Entry>) -> bool {
    crate::summary::sort(&mut entries, req.sort);
    // Every format's reports share one sheet: the columns are the default format's figures.
    let figures = Format::default_format().map_or(&[][..], |f| crate::summary::figures(&f.id));
    let summary = Summary {
        lang,
        figures,
        entries: &entries,
    };
    let prefix = lang.strings().error_prefix;
    let bytes = match crate::summary::render(&summary, req.kind) {
        Ok(b) => b,
        Err(e) => {
            note(format!("nianbao: {prefix}: {}: {e}", req.path.display()));
            return false;
        }
    };
    match crate::export::write_export(store, &req.path, bytes, crate::export::PRIVATE_MODE) {
        Ok(()) => {
            let path = req.path.display().to_string();
            let count = entries.len().to_string();
            note(fill(
                lang.strings().summary_written,
                &[("path", &path), ("count", &count)],
            ));
            true
        }
        Err(e) => {
            note(format!("nianbao: {prefix}: {}", e.message(lang)));
            false
        }
    }
}

/// A bar on stderr when stderr is a terminal and there is more than one report; else nothing.
fn progress_bar(len: usize) -> ProgressBar {
    if len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed_precise} ETA {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Checks `items` on `threads` threads and hands each result to `emit` in input order.
///
/// Workers take the next item from a shared counter; the worker that finishes the oldest
/// item not yet emitted emits it, and any finished ones after it, under the lock (no printing
/// thread to wake for every report). A worker whose item is `ahead` or more past that oldest
/// one waits, so at most `ahead` results are held however many items there are. The oldest
/// one itself never waits, so the window always moves.
fn run_ordered<T: Sync, R: Send>(
    items: &[T],
    ahead: usize,
    threads: usize,
    check: impl Fn(usize, &T) -> R + Sync,
    emit: impl FnMut(R) + Send,
) {
    // One report: starting threads would cost more than it could save.
    if items.len() < 2 || threads < 2 {
        let mut emit = emit;
        for (i, item) in items.iter().enumerate() {
            emit(check(i, item));
        }
        return;
    }
    let ahead = ahead.max(1);
    let taken = AtomicUsize::new(0);
    let order = Mutex::new(Order {
        next: 0,
        pending: BTreeMap::new(),
        emit,
        waiting: 0,
        check_panic: None,
        emit_panic: None,
    });
    let moved = Condvar::new();
    let work = || {
        loop {
            let i = taken.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return;
            };
            {
                // A poisoned lock cannot happen (emit runs under catch_unwind); go on if it does.
                let mut o = order.lock().unwrap_or_else(|p| p.into_inner());
                while o.emit_panic.is_none() && i >= o.next.saturating_add(ahead) {
                    o.waiting += 1;
                    o = moved.wait(o).unwrap_or_else(|p| p.into_inner());
                    o.waiting -= 1;
                }
                if o.emit_panic.is_some() {
                    return;
                }
            }
            // A check that panics (a bug) must not leave its place empty: the window would
            // never move past it and every worker behind would wait.
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| check(i, item)));
            let mut o = order.lock().unwrap_or_else(|p| p.into_inner());
            o.pending.insert(i, result);
            if o.deliver() && o.waiting > 0 {
                moved.notify_all();
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
    let o = order.into_inner().unwrap_or_else(|p| p.into_inner());
    // Every other item is out; now the bug is reported as the panic it was.
    if let Some(p) = o.emit_panic.or(o.check_panic) {
        std::panic::resume_unwind(p);
    }
}

type Panic = Box<dyn std::any::Any + Send>;

/// The results waiting for their turn, and who emits them.
struct Order<R, E> {
    /// The oldest item not yet emitted.
    next: usize,
    pending: BTreeMap<usize, std::thread::Result<R>>,
    emit: E,
    /// Workers waiting for the window to move.
    waiting: usize,
    /// The first check that panicked: raised once every other item is out.
    check_panic: Option<Panic>,
    /// `emit` panicked: nothing more is emitted, the workers stop, the panic is raised.
    emit_panic: Option<Panic>,
}

impl<R, E: FnMut(R)> Order<R, E> {
    /// Emits every finished result from the oldest on; whether the window moved.
    fn deliver(&mut self) -> bool {
        let before = self.next;
        while self.emit_panic.is_none() {
            let Some(r) = self.pending.remove(&self.next) else {
                break;
            };
            match r {
                Ok(r) => {
                    let emit = &mut self.emit;
                    if let Err(p) = std::panic::catch_unwind(AssertUnwindSafe(|| emit(r))) {
                        self.emit_panic = Some(p);
                        // Let the waiting workers go: they stop rather than hang.
                        return true;
                    }
                }
                Err(p) => {
                    self.check_panic.get_or_insert(p);
                }
            }
            self.next += 1;
        }
        self.next != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_out_in_input_order_whatever_the_finishing_order() {
        // Many more targets than the window holds, so workers wait for the printer.
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path());
        let targets: Vec<Target> = (0..500)
            .map(|i| Target::TextFile(dir.path().join(format!("missing-{i:04}.txt"))))
            .collect();
        let job = Job {
            store: &store,
            lang: Lang::En,
            now: DateTime::parse_from_rfc3339("2026-01-10T10:00:00+08:00").expect("now"),
            json: false,
            previous: None,
            pairs: None,
            summary: false,
        };
        let mut seen = Vec::new();
        run_ordered(
            &targets,
            8,
            3,
            |i, t| job.check(i, t),
            |c| seen.push(c.unreadable.unwrap_or_default()),
        );
        assert_eq!(seen.len(), 500);
        for (i, msg) in seen.iter().enumerate() {
            assert!(msg.contains(&format!("missing-{i:04}.txt")), "{i}: {msg}");
        }
    }

    #[test]
    fn workers_stay_within_the_window_while_the_oldest_item_is_slow() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::time::Duration;
        // Item 0 is slow; without the window the other workers would check all 300 meanwhile,
        // and every result would be held until item 0 is emitted.
        let ahead = 6;
        let started = AtomicUsize::new(0);
        let items: Vec<usize> = (0..300).collect();
        let mut most_started_before_emit = Vec::new();
        run_ordered(
            &items,
            ahead,
            3,
            |_, &i| {
                started.fetch_max(i, Ordering::SeqCst);
                if i == 0 {
                    std::thread::sleep(Duration::from_millis(100));
                }
                i
            },
            |i| most_started_before_emit.push((i, started.load(Ordering::SeqCst))),
        );
        assert_eq!(most_started_before_emit.len(), 300);
        for (n, (i, most)) in most_started_before_emit.iter().enumerate() {
            assert_eq!(*i, n, "in input order");
            // Nothing starts `ahead` or more past the oldest one not yet emitted.
            assert!(
                *most < n + ahead,
                "item {most} started before item {n} was emitted"
            );
        }
    }

    #[test]
    fn a_check_that_panics_stops_neither_the_others_nor_the_program() {
        let items: Vec<usize> = (0..200).collect();
        let mut seen = Vec::new();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            run_ordered(
                &items,
                4,
                3,
                |_, &i| {
                    assert!(i != 5, "a bug in checking report 5");
                    i
                },
                |i| seen.push(i),
            )
        }));
        // Every other report came out, in order; then the bug was raised, not swallowed.
        let want: Vec<usize> = items.iter().copied().filter(|&i| i != 5).collect();
        assert_eq!(seen, want);
        assert!(outcome.is_err());
    }

    #[test]
    fn an_emit_that_panics_lets_the_waiting_workers_go_and_is_raised() {
        let items: Vec<usize> = (0..300).collect();
        let mut seen = Vec::new();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            run_ordered(
                &items,
                2,
                3,
                |_, &i| i,
                |i| {
                    assert!(i != 7, "the printer failed on report 7");
                    seen.push(i);
                },
            )
        }));
        // Returned (no worker left waiting for a window that no longer moves), the panic
        // raised, and nothing emitted after it.
        assert!(outcome.is_err());
        assert_eq!(seen, (0..7).collect::<Vec<_>>());
    }

    #[test]
    fn the_tally_counts_files_not_diagnostics() {
        let mut t = Tally::default();
        for (errors, warnings) in [(2, 1), (0, 3), (0, 0)] {
            t.add(&Checked {
                text: String::new(),
                errors,
                warnings,
                unreadable: None,
                paired: false,
                entry: None,
            });
        }
        t.add(&unreadable("x".into()));
        assert_eq!(
            t.line(Lang::En),
            "4 reports checked: 1 with errors, 2 with warnings, 1 unreadable (2 errors, 4 warnings)"
        );
    }
}
