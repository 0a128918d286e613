//! Key event → frame drawn, for each TUI screen, on ratatui's `TestBackend` at 200x50 with the
//! largest realistic draft (every section ~40 000 字, every cell filled). Prints p50 and p99.
//!
//! `cargo bench --bench tui_frame` (own harness: divan and criterion give no percentiles).
//! `NIANBAO_BENCH_ITERS=50` makes it a quick smoke run.

#[path = "support/mod.rs"]
mod support;

use nianbao::i18n::Lang;
use nianbao::storage::Store;
use nianbao::tui::{App, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;
const LARGEST_ID: &str = "2025-b16b16";
/// Drafts in the picker besides the largest one.
const OTHER_DRAFTS: u64 = 20;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

struct Bench {
    _dir: tempfile::TempDir,
    largest: nianbao::draft::Draft,
    store: Store,
    export_dir: std::path::PathBuf,
}

impl Bench {
    fn new() -> Bench {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path().join("data"));
        let largest = support::largest_draft(LARGEST_ID);
        store.save(&largest).expect("save the largest draft");
        for i in 0..OTHER_DRAFTS {
            let mut d = support::complete_draft(&format!("2024-{i:06x}"));
            d.agency = format!("第{i}号测试机关");
            store.save(&d).expect("save a draft");
        }
        let export_dir = dir.path().join("exports");
        Bench {
            _dir: dir,
            largest,
            store,
            export_dir,
        }
    }

    fn app(&self) -> App {
        let theme = Theme {
            color: true,
            ascii: false,
        };
        App::new(
            self.store.clone(),
            Lang::Zh,
            theme,
            Box::new(support::now),
            self.export_dir.clone(),
        )
    }

    /// The app with the largest draft open, after `keys`, in the mode named `expect`.
    fn at(&self, keys: &[KeyCode], expect: &str) -> App {
        self.at_with(&self.largest, keys, expect)
    }

    /// The same with `draft` saved as the largest draft first.
    fn at_with(&self, draft: &nianbao::draft::Draft, keys: &[KeyCode], expect: &str) -> App {
        // Leaving a step saves where the author was; start every screen from the same draft.
        self.store.save(draft).expect("save the largest draft");
        let mut app = self.app();
        app.open(LARGEST_ID).expect("open the largest draft");
        for k in keys {
            app.on_key(key(*k));
        }
        let mode = format!("{:?}", app.mode());
        assert_eq!(mode, expect, "navigation to the {expect} screen");
        app
    }
}

/// What one screen's keys cost: wall-clock time, and the CPU time of this thread (which a
/// busy neighbour does not add to: on a shared machine the two tell load from work).
struct Samples {
    /// The keys of the cycle, for `NIANBAO_BENCH_SPLIT`.
    cycle: Vec<KeyCode>,
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into `t`, which lives on this stack frame.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Whether `NIANBAO_BENCH_ONLY`, if set, selects the screen called `name`.
fn selected(name: &str) -> bool {
    std::env::var("NIANBAO_BENCH_ONLY").map_or(true, |only| name.contains(&only))
}

/// Times `iters` rounds of: one key from `cycle` (in turn), then a full frame drawn. With
/// `NIANBAO_BENCH_ONLY=WORD` (for profiling one screen), only screens whose name has WORD.
fn measure(name: &str, app: &mut App, cycle: &[KeyCode], iters: usize) -> Samples {
    let mut samples = Samples {
        cycle: cycle.to_vec(),
        wall: Vec::with_capacity(iters),
        cpu: Vec::with_capacity(iters),
    };
    if !selected(name) {
        return samples;
    }
    let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    // The first frame lays out scroll positions; it is the start-up cost, not a key's.
    term.draw(|f| app.render(f)).expect("draw");
    for i in 0..iters {
        let k = key(cycle[i % cycle.len()]);
        let (start, cpu) = (Instant::now(), thread_cpu());
        app.on_key(k);
        term.draw(|f| app.render(f)).expect("draw");
        samples.wall.push(start.elapsed());
        samples.cpu.push(thread_cpu().saturating_sub(cpu));
        if std::env::var_os("NIANBAO_BENCH_SLOW").is_some()
            && samples.wall.last().is_some_and(|d| d.as_micros() > 1000)
        {
            eprintln!("slow key {i}: {:?}", samples.wall.last());
        }
    }
    samples
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn line(name: &str, mut wall: Vec<Duration>, mut cpu: Vec<Duration>) {
    wall.sort();
    cpu.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{name:<28} p50 {:>8.3} ms   p99 {:>8.3} ms   max {:>8.3} ms   cpu p50 {:>6.3} p99 {:>6.3} ms   n={}",
        ms(percentile(&wall, 0.50)),
        ms(percentile(&wall, 0.99)),
        ms(*wall.last().unwrap_or(&Duration::ZERO)),
        ms(percentile(&cpu, 0.50)),
        ms(percentile(&cpu, 0.99)),
        wall.len()
    );
}

fn report(name: &str, s: Samples) {
    if s.wall.is_empty() {
        return;
    }
    // `NIANBAO_BENCH_SPLIT=1`: each key of the cycle on its own line too (which one costs).
    let split = std::env::var_os("NIANBAO_BENCH_SPLIT").is_some() && s.cycle.len() > 1;
    let own = |v: &[Duration], j: usize| -> Vec<Duration> {
        v.iter().skip(j).step_by(s.cycle.len()).copied().collect()
    };
    let parts: Vec<(String, Vec<Duration>, Vec<Duration>)> = if split {
        s.cycle
            .iter()
            .enumerate()
            .map(|(j, code)| (format!("  {code:?}"), own(&s.wall, j), own(&s.cpu, j)))
            .collect()
    } else {
        Vec::new()
    };
    line(name, s.wall, s.cpu);
    for (label, wall, cpu) in parts {
        line(&label, wall, cpu);
    }
}

/// The same fixed work (about as long as a grid frame) timed like a key: its p99 above its
/// p50 is what the machine adds — a shared VM's stolen time — not what a key costs.
fn noise_floor(iters: usize) {
    if std::env::var("NIANBAO_BENCH_ONLY").is_ok_and(|o| !"noise floor".contains(&o)) {
        return;
    }
    let data: Vec<u64> = (0..40_000u64).collect();
    let mut samples = Samples {
        cycle: Vec::new(),
        wall: Vec::with_capacity(iters),
        cpu: Vec::with_capacity(iters),
    };
    let mut sink = 0u64;
    for _ in 0..iters {
        let (start, cpu) = (Instant::now(), thread_cpu());
        for _ in 0..6 {
            sink = data
                .iter()
                .fold(sink, |a, x| a.rotate_left(5) ^ x.wrapping_mul(0x9E37_79B9));
        }
        samples.wall.push(start.elapsed());
        samples.cpu.push(thread_cpu().saturating_sub(cpu));
    }
    std::hint::black_box(sink);
    report("noise floor (fixed work)", samples);
}

fn main() {
    // `cargo test --benches` runs bench targets with `--test`-like arguments; only time when
    // asked to bench (cargo bench passes `--bench`).
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let iters: usize = std::env::var("NIANBAO_BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let bench = Bench::new();
    println!("key → frame at {WIDTH}x{HEIGHT}, largest draft, {iters} keys per screen");
    noise_floor(iters);

    let mut picker = bench.app();
    let name = "picker (Down/Up)";
    report(
        name,
        measure(name, &mut picker, &[KeyCode::Down, KeyCode::Up], iters),
    );

    // Outline → first section's editor; a character typed then deleted keeps the size.
    let mut section = bench.at(&[KeyCode::Enter], "Section");
    let name = "section editor (type/del)";
    report(
        name,
        measure(
            name,
            &mut section,
            &[KeyCode::Char('字'), KeyCode::Backspace],
            iters,
        ),
    );
    let name = "section editor (Down/Up)";
    report(
        name,
        measure(name, &mut section, &[KeyCode::Down, KeyCode::Up], iters),
    );
    // The next screens open the same draft: this app's editing lock goes first.
    drop(section);

    // A section written as one paragraph: its ~40 000 字 in one line (the generated sections
    // have a line break every 6-11 sentences), typed into well inside the line, where every
    // row after the caret moves.
    let name = "section editor, one paragraph (type/del)";
    if selected(name) {
        let mut one_paragraph = bench.largest.clone();
        for text in one_paragraph.sections.values_mut() {
            *text = text.replace('\n', "");
        }
        // To the end of the line, then 200 rows up (the rows exist once it is drawn): about
        // 12 000 字 of the paragraph follow the caret in this pane.
        let mut section = bench.at_with(&one_paragraph, &[KeyCode::Enter, KeyCode::End], "Section");
        let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        term.draw(|f| section.render(f)).expect("draw");
        for _ in 0..200 {
            section.on_key(key(KeyCode::Up));
        }
        report(
            name,
            measure(
                name,
                &mut section,
                &[KeyCode::Char('字'), KeyCode::Backspace],
                iters,
            ),
        );
    }

    // Outline steps: 5 is section 三's table, 7 section 四's.
    for (name, step) in [("section 3 grid", '5'), ("section 4 grid", '7')] {
        let mut grid = bench.at(&[KeyCode::Char(step), KeyCode::Enter], "Grid");
        let moves = format!("{name} (Right/Left)");
        report(
            &moves,
            measure(&moves, &mut grid, &[KeyCode::Right, KeyCode::Left], iters),
        );
        // Typing a digit, then Enter commits it (re-evaluating every rule and total) and
        // moves down; Up comes back. The digit alternates so that every commit changes the
        // cell: with one digit, every commit after the first was a no-op and the figure
        // measured no evaluation at all.
        let typing = format!("{name} (type digit)");
        report(
            &typing,
            measure(
                &typing,
                &mut grid,
                &[
                    KeyCode::Char('7'),
                    KeyCode::Enter,
                    KeyCode::Up,
                    KeyCode::Char('8'),
                    KeyCode::Enter,
                    KeyCode::Up,
                ],
                iters,
            ),
        );
    }

    // The last step of the outline (after 六, 前言, 落款 and 检查结果).
    let mut preview = bench.at(
        &[KeyCode::Char('9'), KeyCode::End, KeyCode::Enter],
        "Preview",
    );
    let name = "preview (PageDown/PageUp)";
    report(
        name,
        measure(
            name,
            &mut preview,
            &[KeyCode::PageDown, KeyCode::PageUp],
            iters,
        ),
    );
}
