//! The draft screen: an outline of steps on the left (six sections, three tables, the check
//! results and the preview), the current step in the main pane, the format's guidance beside
//! it, and a status bar with the last save, the counts and the publication deadline.

use super::autosave::Autosave;
use super::grid::{Outcome, TableGrid, View};
use super::keymap::{Action, Mode};
use super::section::SectionEditor;
use super::strings::UiStrings;
use super::theme::Theme;
use crate::draft::{Draft, Resume};
use crate::export::{self, Options, TableStyle};
use crate::format::{Format, Severity};
use crate::i18n::{Lang, fill};
use crate::rules::{Evaluation, Stage, evaluate};
use crate::storage::{DraftLock, Store};
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::collections::HashMap;
use std::time::Instant;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Section(String),
    Table(String),
    Review,
    Preview,
}

impl Step {
    fn key(&self) -> String {
        match self {
            Step::Section(id) | Step::Table(id) => id.clone(),
            Step::Review => "review".into(),
            Step::Preview => "preview".into(),
        }
    }
}

/// What the draft screen asks of the application.
pub enum Request {
    None,
    Message(String),
    Export,
    Help,
    Quit,
    BackToPicker,
    ExternalEditor(String),
    /// A paste that can be read two ways: the question (the text is the caller's).
    AskPasteBreaks(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Empty,
    InProgress,
    Complete,
    Errors,
}

struct ReviewItem {
    severity: Severity,
    text: String,
    step: Option<Step>,
    row: Option<String>,
    col: Option<String>,
    line: Option<usize>,
}

/// The preview's wrapped lines, kept until the draft or the width changes.
struct PreviewCache {
    generation: u64,
    width: u16,
    lines: Vec<String>,
}

pub struct DraftView {
    pub draft: Draft,
    pub format: &'static Format,
    /// The draft's diagnostics while drafting (blank cells are warnings) …
    pub eval: Evaluation,
    /// … and as export will see them, for the review list: computed when the list is shown,
    /// for the draft as of `generation`.
    final_eval: Option<(u64, Evaluation)>,
    /// What the texts alone give — the counts they state (`text.numbers`) and the findings
    /// of the text rules while drafting — with the texts they were read from: numbers typed
    /// into a grid leave the texts alone, so the long texts are not scanned again (comparing
    /// them is a memcmp).
    statements: Option<TextScan>,
    /// How many of `eval`'s diagnostics are errors at export (the status bar shows it on
    /// every frame; counted once per refresh).
    final_errors: usize,
    /// The outline's mark of each step, from the evaluations above.
    statuses: Vec<Status>,
    /// Counts the refreshes, so that what is derived from the draft knows when it is stale.
    generation: u64,
    /// Text typed since the last refresh: checked when typing pauses (see `settle`), so that a
    /// long section does not re-check the whole report on every key.
    stale: bool,
    preview: Option<PreviewCache>,
    steps: Vec<Step>,
    pub step: usize,
    pub focus_main: bool,
    pub guidance: Guidance,
    /// F4: last year's value under each cell of a grid (when the draft knows its last year).
    pub show_previous: bool,
    /// Last year's cells as the engine sees them (its totals computed), made on the first F4.
    previous_eval: Option<Evaluation>,
    editors: HashMap<String, SectionEditor>,
    grids: HashMap<String, TableGrid>,
    review_sel: usize,
    /// The first review item on screen (kept while the selection stays in view).
    review_first: usize,
    preview_scroll: usize,
    pub dirty: bool,
    /// The cursor moved since the last save (saved, but not a change to the report).
    moved: bool,
    /// The clerk chose to leave without saving: nothing more is written.
    discarded: bool,
    autosave: Autosave,
    pub saved_at: Option<DateTime<FixedOffset>>,
    pub save_error: Option<String>,
    /// Why this view is read-only (who else is editing), or `None` when it is ours to edit.
    pub read_only: Option<String>,
    /// The editing lock, held while the view lives.
    _lock: Option<DraftLock>,
    today: NaiveDate,
    lang: Lang,
    /// Whether this session has saved once (and so made the opened draft the `.bak`).
    backed_up: bool,
}

/// What the rules read from the texts alone, with the texts it was read from.
struct TextScan {
    texts: std::collections::BTreeMap<String, String>,
    statements: Vec<crate::rules::text_numbers::Statement>,
    findings: Vec<crate::rules::Diagnostic>,
}

impl DraftView {
    pub fn open(
        draft: Draft,
        format: &'static Format,
        now: DateTime<FixedOffset>,
        lang: Lang,
    ) -> DraftView {
        let mut steps = Vec::new();
        for s in &format.sections {
            steps.push(Step::Section(s.id.clone()));
            if let Some(t) = &s.table {
                steps.push(Step::Table(t.clone()));
            }
        }
        // The preamble and the signature after the sections, so that the number keys 1–9
        // still open the sections and tables; their text is edited like a section's.
        for p in format.parts() {
            steps.push(Step::Section(p.id.clone()));
        }
        steps.push(Step::Review);
        steps.push(Step::Preview);
        let today = now.date_naive();
        let mut view = DraftView {
            saved_at: Some(draft.updated),
            draft,
            format,
            eval: Evaluation::default(),
            final_eval: None,
            final_errors: 0,
            statements: None,
            statuses: Vec::new(),
            generation: 0,
            stale: false,
            preview: None,
            steps,
            step: 0,
            focus_main: false,
            guidance: Guidance::Pane,
            show_previous: false,
            previous_eval: None,
            editors: HashMap::new(),
            grids: HashMap::new(),
            review_sel: 0,
            review_first: 0,
            preview_scroll: 0,
            dirty: false,
            moved: false,
            discarded: false,
            autosave: Autosave::default(),
            save_error: None,
            read_only: None,
            _lock: None,
            today,
            lang,
            backed_up: false,
        };
        view.refresh();
        if let Some(r) = view.draft.resume.clone()
            && let Some(i) = view.steps.iter().position(|s| s.key() == r.step)
        {
            view.step = i;
            view.focus_main = true;
            match view.steps[i].clone() {
                Step::Table(t) => view.grid(&t).set_position(r.row, r.col),
                Step::Section(s) => view.editor(&s).go_to(r.row, r.col),
                _ => {}
            }
        }
        view
    }

    /// Keeps the editing lock for as long as the view is open.
    pub fn hold(&mut self, lock: DraftLock) {
        self._lock = Some(lock);
    }

    /// True for actions that would change the draft (refused in a read-only view).
    fn edits(&self, action: &Action) -> bool {
        let moving = matches!(
            action,
            Action::Up
                | Action::Down
                | Action::Left
                | Action::Right
                | Action::Home
                | Action::End
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
                | Action::Tab
                | Action::BackTab
                | Action::Esc
        );
        matches!(self.mode(), Mode::Section | Mode::Grid | Mode::CellEdit) && !moving
    }

    pub fn current(&self) -> &Step {
        &self.steps[self.step]
    }

    fn editor(&mut self, id: &str) -> &mut SectionEditor {
        // The text is read only when the editor is made: a key and its frame look the editor
        // up four or five times, and copying a 40 000-字 section each time cost ~0.7 M
        // instructions a key.
        let draft = &self.draft;
        self.editors
            .entry(id.to_string())
            .or_insert_with(|| SectionEditor::new(draft.section_text(id)))
    }

    fn grid(&mut self, id: &str) -> &mut TableGrid {
        let format = self.format;
        self.grids.entry(id.to_string()).or_insert_with(|| {
            TableGrid::new(format, id).unwrap_or_else(|| unreachable_grid(format))
        })
    }

    pub fn mode(&self) -> Mode {
        if !self.focus_main {
            return Mode::Outline;
        }
        match self.current() {
            Step::Section(_) => Mode::Section,
            Step::Table(t) => match self.grids.get(t) {
                Some(g) if g.edit.is_some() => Mode::CellEdit,
                _ => Mode::Grid,
            },
            Step::Review => Mode::Review,
            Step::Preview => Mode::Preview,
        }
    }

    /// After any change: totals and diagnostics again, and the autosave clock restarted.
    fn edited(&mut self) {
        self.text_edited();
        self.refresh();
    }

    /// After typing in a section: the autosave clock restarts; the check waits for a pause.
    fn text_edited(&mut self) {
        self.dirty = true;
        self.autosave.edited(Instant::now());
        self.stale = true;
    }

    /// Checks what was typed, if anything (when typing pauses, and before anything else).
    pub fn settle(&mut self) {
        if self.stale {
            self.refresh();
        }
    }

    /// Diagnostics, totals and outline marks from the draft as it is now (the review list's
    /// export-stage check waits until the list is shown).
    fn refresh(&mut self) {
        let fresh = self
            .statements
            .as_ref()
            .is_some_and(|scan| scan.texts == self.draft.sections);
        if !fresh {
            self.statements = Some(TextScan {
                texts: self.draft.sections.clone(),
                statements: crate::rules::text_numbers::statements(self.format, &self.draft),
                findings: crate::rules::text_findings(self.format, &self.draft, Stage::Drafting),
            });
        }
        let (statements, findings) = self.statements.as_ref().map_or((&[][..], None), |scan| {
            (scan.statements.as_slice(), Some(scan.findings.as_slice()))
        });
        self.eval = crate::rules::evaluate_with(
            self.format,
            &self.draft,
            Stage::Drafting,
            self.today,
            statements,
            findings,
        );
        self.final_errors = self.eval.errors_at(self.format, Stage::Final);
        self.statuses = self.compute_statuses();
        self.generation += 1;
        self.stale = false;
    }

    fn remember_position(&mut self) {
        let step = self.current().clone();
        let (row, col) = match &step {
            Step::Table(t) => self.grids.get(t).map_or((0, 0), |g| (g.cur, g.col)),
            Step::Section(s) => self.editors.get(s).map_or((0, 0), |e| e.cursor()),
            _ => (0, 0),
        };
        let resume = Resume {
            step: step.key(),
            row,
            col,
        };
        if self.draft.resume.as_ref() != Some(&resume) {
            self.draft.resume = Some(resume);
            self.moved = true;
        }
    }

    /// Remembers the kind of file last exported (its extension), saved with the draft like
    /// the cursor's place: not a change to the report.
    pub fn remember_export_kind(&mut self, extension: &str) {
        if self.draft.export_kind.as_deref() != Some(extension) {
            self.draft.export_kind = Some(extension.to_string());
            self.moved = true;
        }
    }

    /// Saves now (atomically, through the core). On failure the draft stays in memory and the
    /// error is shown until a later save works.
    pub fn save(&mut self, store: &Store, now: DateTime<FixedOffset>) {
        if self.read_only.is_some() || self.discarded {
            return;
        }
        self.remember_position();
        if !self.dirty && !self.moved {
            // Nothing new: writing the same draft again would only wear the backup out.
            return;
        }
        // Only the place moved: the draft is kept where it was left, but its 最后保存 (and
        // its place in the list) stay those of the last change.
        let updated = self.draft.updated;
        if self.dirty {
            self.draft.updated = now;
        }
        // A failed save is retried under the same revision: it never reached the disk.
        let revision = self.draft.revision;
        self.draft.revision += 1;
        // The first save of the session keeps the draft as it was opened as `.bak`; later
        // saves leave that backup alone, so that it is still there to go back to.
        let saved = if self.backed_up {
            store.save_keeping_backup(&self.draft)
        } else {
            store.save(&self.draft)
        };
        match saved {
            Ok(_) => {
                self.backed_up = true;
                if self.dirty {
                    self.saved_at = Some(now);
                }
                self.dirty = false;
                self.moved = false;
                self.save_error = None;
                self.autosave.saved();
            }
            Err(e) => {
                self.autosave.failed(Instant::now());
                self.draft.updated = updated;
                self.draft.revision = revision;
                self.save_error = Some(e.message(self.lang));
            }
        }
    }

    /// Why the draft's changes are not on disk, when they are not (a read-only view has none
    /// of its own).
    pub fn unsaved_error(&self) -> Option<String> {
        (self.dirty && self.read_only.is_none() && !self.discarded)
            .then(|| self.save_error.clone().unwrap_or_default())
    }

    /// The clerk chose to leave without saving (or a copy went elsewhere): nothing left to
    /// save.
    pub fn discard_changes(&mut self) {
        self.dirty = false;
        self.discarded = true;
    }

    /// True when an autosave is due (see `autosave`): a pause in typing, the oldest unsaved
    /// edit growing old, or a retry after a failure.
    pub fn autosave_due(&self, now: Instant) -> bool {
        self.dirty && self.read_only.is_none() && !self.discarded && self.autosave.due(now)
    }

    fn go_to_step(&mut self, i: usize, store: &Store, now: DateTime<FixedOffset>) {
        if i < self.steps.len() && i != self.step {
            self.step = i;
            // Every step change saves.
            self.save(store, now);
        }
    }

    pub fn act(
        &mut self,
        action: Action,
        store: &Store,
        now: DateTime<FixedOffset>,
        s: &'static UiStrings,
    ) -> Request {
        // A session left open over midnight checks with the new date (the report-year rule).
        if now.date_naive() != self.today {
            self.today = now.date_naive();
            self.stale = true;
        }
        let typing = self.mode() == Mode::Section && SectionEditor::edits_or_moves(&action);
        if !typing {
            self.settle();
        }
        match action {
            Action::Quit => return Request::Quit,
            Action::Help => return Request::Help,
            Action::Export => return Request::Export,
            Action::Save => {
                self.save(store, now);
                return Request::None;
            }
            Action::ToggleGuidance => {
                self.guidance = self.guidance.next();
                return Request::None;
            }
            Action::TogglePrevious => {
                let Some(previous) = &self.draft.previous else {
                    return Request::Message(s.previous_none.to_string());
                };
                if self.previous_eval.is_none() {
                    let mut last = self.draft.clone();
                    last.year = previous.year;
                    last.cells = previous.cells.clone();
                    last.sections = previous.sections.clone();
                    last.previous = None;
                    self.previous_eval =
                        Some(evaluate(self.format, &last, Stage::Drafting, self.today));
                }
                self.show_previous = !self.show_previous;
                return Request::None;
            }
            Action::NextStep => {
                self.go_to_step(self.step + 1, store, now);
                return Request::None;
            }
            Action::PrevStep => {
                self.go_to_step(self.step.saturating_sub(1), store, now);
                return Request::None;
            }
            _ => {}
        }
        if (self.read_only.is_some() || self.discarded) && self.edits(&action) {
            return Request::Message(s.read_only_refused.to_string());
        }
        match self.mode() {
            Mode::Outline => match action {
                Action::Up => self.go_to_step(self.step.saturating_sub(1), store, now),
                Action::Down => self.go_to_step(self.step + 1, store, now),
                Action::Home => self.go_to_step(0, store, now),
                Action::End => self.go_to_step(self.steps.len() - 1, store, now),
                Action::Enter | Action::Right | Action::Tab => self.focus_main = true,
                Action::Char(c) if c.is_ascii_digit() && c != '0' => {
                    let n = c as usize - '1' as usize;
                    self.go_to_step(n, store, now);
                }
                // Typing while the outline has the focus goes to the section or table shown
                // beside it: nothing typed is dropped.
                Action::Char(c)
                    if !c.is_control()
                        && matches!(self.current(), Step::Section(_) | Step::Table(_)) =>
                {
                    self.focus_main = true;
                    return self.act(action, store, now, s);
                }
                Action::Esc => {
                    self.save(store, now);
                    return Request::BackToPicker;
                }
                _ => {}
            },
            Mode::Section => {
                let Step::Section(id) = self.current().clone() else {
                    return Request::None;
                };
                if action == Action::Esc {
                    self.focus_main = false;
                    self.save(store, now);
                    return Request::None;
                }
                if action == Action::ExternalEditor {
                    return Request::ExternalEditor(self.editor(&id).text());
                }
                if self.editor(&id).act(&action) {
                    let text = self.editor(&id).text();
                    self.draft.set_section_text(&id, &text);
                    self.text_edited();
                }
            }
            Mode::Grid | Mode::CellEdit => {
                let Step::Table(id) = self.current().clone() else {
                    return Request::None;
                };
                let editing = self.mode() == Mode::CellEdit;
                if action == Action::Esc && !editing {
                    self.focus_main = false;
                    self.save(store, now);
                    return Request::None;
                }
                let format = self.format;
                let grid = self.grids.entry(id.clone()).or_insert_with(|| {
                    TableGrid::new(format, &id).unwrap_or_else(|| unreachable_grid(format))
                });
                let outcome = if editing {
                    grid.act_editing(&action, format, &mut self.draft)
                } else {
                    grid.act(&action, format, &mut self.draft, s)
                };
                return self.outcome(outcome);
            }
            Mode::Review => match action {
                Action::Esc => self.focus_main = false,
                Action::Up => self.review_sel = self.review_sel.saturating_sub(1),
                Action::Down => self.review_sel += 1,
                Action::PageUp => self.review_sel = self.review_sel.saturating_sub(10),
                Action::PageDown => self.review_sel += 10,
                Action::Enter => self.jump_to_review_item(store, now, s),
                _ => {}
            },
            Mode::Preview => match action {
                Action::Esc => self.focus_main = false,
                Action::Up => self.preview_scroll = self.preview_scroll.saturating_sub(1),
                Action::Down => self.preview_scroll += 1,
                Action::PageUp => self.preview_scroll = self.preview_scroll.saturating_sub(20),
                Action::PageDown | Action::Char(' ') => self.preview_scroll += 20,
                Action::Home => self.preview_scroll = 0,
                _ => {}
            },
            _ => {}
        }
        Request::None
    }

    fn outcome(&mut self, outcome: Outcome) -> Request {
        match outcome {
            Outcome::Nothing => Request::None,
            Outcome::Changed => {
                self.edited();
                Request::None
            }
            Outcome::Message(m) => Request::Message(m),
            Outcome::ChangedWith(m) => {
                // A paste reports what it changed; the change itself happened already.
                self.edited();
                Request::Message(m)
            }
            Outcome::Ask(question) => Request::AskPasteBreaks(question),
        }
    }

    pub fn paste(&mut self, text: &str, s: &'static UiStrings) -> Request {
        self.paste_with(text, crate::paste::Breaks::Guess, s)
    }

    /// [`Self::paste`], with a block's doubled line breaks read as the clerk said.
    pub fn paste_with(
        &mut self,
        text: &str,
        breaks: crate::paste::Breaks,
        s: &'static UiStrings,
    ) -> Request {
        if self.read_only.is_some() {
            return Request::Message(s.read_only_refused.to_string());
        }
        match (self.mode(), self.current().clone()) {
            (Mode::Section, Step::Section(id)) => {
                let (cleaned, inserted) = self.editor(&id).paste(text);
                if inserted {
                    let t = self.editor(&id).text();
                    self.draft.set_section_text(&id, &t);
                    self.text_edited();
                }
                match text_paste_note(&cleaned, s) {
                    Some(m) => Request::Message(m),
                    None => Request::None,
                }
            }
            (Mode::Grid, Step::Table(id)) => {
                let format = self.format;
                self.grid(&id);
                let outcome = match self.grids.get_mut(&id) {
                    Some(grid) => grid.paste(text, breaks, format, &mut self.draft, s),
                    None => Outcome::Nothing,
                };
                self.outcome(outcome)
            }
            (Mode::CellEdit, Step::Table(id)) => {
                if let Some(f) = self.grid(&id).edit.as_mut() {
                    f.insert_str(text);
                }
                Request::None
            }
            // Pasted while the outline has the focus: into the step shown beside it.
            (Mode::Outline, Step::Section(_) | Step::Table(_)) => {
                self.focus_main = true;
                self.paste_with(text, breaks, s)
            }
            _ => Request::None,
        }
    }

    /// Text back from the external editor (made clean as a paste is).
    pub fn external_text(&mut self, text: &str) {
        if self.read_only.is_some() {
            return;
        }
        if let Step::Section(id) = self.current().clone() {
            let text = crate::paste::text::clean(text).text;
            self.editor(&id).set_text(&text);
            let t = self.editor(&id).text();
            self.draft.set_section_text(&id, &t);
            self.edited();
        }
    }

    /// Checks the draft as export will (blank cells are errors there), unless already done
    /// for the draft as it is.
    fn update_final_eval(&mut self) {
        let generation = self.generation;
        if self
            .final_eval
            .as_ref()
            .is_none_or(|(g, _)| *g != generation)
        {
            let eval = evaluate(self.format, &self.draft, Stage::Final, self.today);
            self.final_eval = Some((generation, eval));
        }
    }

    fn review_items(&mut self, s: &UiStrings, lang: Lang) -> Vec<ReviewItem> {
        self.update_final_eval();
        let Some((_, final_eval)) = &self.final_eval else {
            return Vec::new();
        };
        let mut items = Vec::new();
        let mut blanks: Vec<(String, usize, String, String)> = Vec::new();
        for (index, d) in final_eval.diagnostics.iter().enumerate() {
            let loc = &d.location;
            if d.code == "cell.blank"
                && let (Some(t), Some(r), Some(c)) = (&loc.table, &loc.row, &loc.column)
            {
                // One line per table for blank cells, pointing at the first.
                match blanks.iter_mut().find(|b| &b.0 == t) {
                    Some(b) => b.1 += 1,
                    None => blanks.push((t.clone(), 1, r.clone(), c.clone())),
                }
                continue;
            }
            let step = match (&loc.table, &loc.section) {
                (Some(t), _) => Some(Step::Table(t.clone())),
                (None, Some(sec)) => Some(Step::Section(sec.clone())),
                _ => None,
            };
            // A rule about a whole column (a balance) lands on its first cell, where the grid
            // shows the message.
            let (row, col) = match (&loc.row, final_eval.first_cell_of(index)) {
                (None, Some(cell)) => (Some(cell.row.clone()), Some(cell.col.clone())),
                _ => (loc.row.clone(), loc.column.clone()),
            };
            items.push(ReviewItem {
                severity: d.severity,
                text: d.render(lang),
                step,
                row,
                col,
                line: loc.section_line,
            });
        }
        for (t, count, r, c) in blanks {
            let heading = self
                .format
                .table(&t)
                .and_then(|t| self.format.table_section(t))
                .map_or(String::new(), |s| s.heading.clone());
            items.push(ReviewItem {
                severity: Severity::Error,
                text: format!(
                    "{heading}{}{}",
                    s.colon,
                    fill(s.review_blank_cells, &[("count", &count.to_string())])
                ),
                step: Some(Step::Table(t)),
                row: Some(r),
                col: Some(c),
                line: None,
            });
        }
        // Errors first, then in the order of the report: its steps, a table's cells row by
        // row (the rules report by cell id, which is not the order a clerk reads in), and a
        // section's lines.
        let compiled = self.format.compiled();
        let steps = &self.steps;
        items.sort_by_cached_key(|i| {
            let step = i
                .step
                .as_ref()
                .and_then(|s| steps.iter().position(|x| x == s))
                .unwrap_or(usize::MAX);
            let cell = match (&i.step, &i.row) {
                (Some(Step::Table(t)), Some(r)) => {
                    let at = |c: &str| compiled.id(&crate::format::CellRef::new(t, r, c));
                    i.col
                        .as_deref()
                        .and_then(at)
                        .or_else(|| compiled.row_cells(t, r).and_then(|cells| cells.id(0)))
                        .map_or(usize::MAX, |id| id.index())
                }
                _ => 0,
            };
            (i.severity != Severity::Error, step, cell, i.line)
        });
        items
    }

    fn jump_to_review_item(&mut self, store: &Store, now: DateTime<FixedOffset>, s: &UiStrings) {
        let items = self.review_items(s, s.lang);
        let Some(item) = items.get(self.review_sel.min(items.len().saturating_sub(1))) else {
            return;
        };
        let Some(step) = item.step.clone() else {
            return;
        };
        let Some(i) = self.steps.iter().position(|x| *x == step) else {
            return;
        };
        let (row, col, line) = (item.row.clone(), item.col.clone(), item.line);
        self.go_to_step(i, store, now);
        self.focus_main = true;
        match step {
            Step::Table(t) => {
                if let Some(r) = row {
                    self.grid(&t).jump(&r, col.as_deref());
                }
            }
            Step::Section(sec) => {
                if let Some(l) = line {
                    self.editor(&sec).go_to_line(l.saturating_sub(1));
                }
            }
            _ => {}
        }
    }

    /// The outline's marks. Computed after an edit, not while drawing: the review step's mark
    /// needs the whole report checked as export would.
    fn compute_statuses(&self) -> Vec<Status> {
        let compiled = self.format.compiled();
        let errors_in = |pred: &dyn Fn(&crate::rules::Location) -> bool| {
            self.eval
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error && pred(&d.location))
        };
        self.steps
            .iter()
            .map(|step| match step {
                Step::Section(id) => {
                    if errors_in(&|l| l.section.as_deref() == Some(id) && l.table.is_none()) {
                        Status::Errors
                    } else if self.draft.section_text(id).trim().is_empty()
                        && self.format.section(id).is_some_and(|s| s.text_required)
                    {
                        Status::Empty
                    } else {
                        Status::Complete
                    }
                }
                Step::Table(t) => {
                    if errors_in(&|l| l.table.as_deref() == Some(t)) {
                        return Status::Errors;
                    }
                    let inputs = compiled
                        .report_cells()
                        .filter(|id| !compiled.is_computed(*id) && compiled.cell(*id).table == *t);
                    let (total, filled) = inputs.fold((0, 0), |(n, f), id| {
                        let key = compiled.info(id).key;
                        (n + 1, f + usize::from(self.draft.cells.contains_key(key)))
                    });
                    if filled == 0 {
                        Status::Empty
                    } else if filled == total {
                        Status::Complete
                    } else {
                        Status::InProgress
                    }
                }
                // What export will say: incompleteness counts here.
                Step::Review if self.final_errors > 0 => Status::Errors,
                Step::Review | Step::Preview => Status::Complete,
            })
            .collect()
    }

    /// The format's part (preamble, signature) of this id, if it is one.
    fn part(&self, id: &str) -> Option<&'static crate::format::Part> {
        self.format.parts().find(|p| p.id == id)
    }

    fn part_label(&self, p: &'static crate::format::Part, lang: Lang) -> &'static str {
        if lang == Lang::En {
            &p.label_en
        } else {
            &p.label
        }
    }

    fn step_label(&self, step: &Step, s: &UiStrings) -> String {
        match step {
            Step::Section(id) => match (self.format.section(id), self.part(id)) {
                (Some(sec), _) => sec.heading.clone(),
                (None, Some(p)) => format!("{}{}", self.part_label(p, s.lang), s.step_optional),
                (None, None) => id.clone(),
            },
            Step::Table(t) => {
                let number = self
                    .format
                    .table(t)
                    .and_then(|t| self.format.table_section(t))
                    .map_or("", |s| s.number.as_str());
                format!("  {number}·{}", s.step_table)
            }
            Step::Review => s.step_review.to_string(),
            Step::Preview => s.step_preview.to_string(),
        }
    }

    pub fn render(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        theme: Theme,
        s: &'static UiStrings,
        lang: Lang,
        now: DateTime<FixedOffset>,
    ) {
        let [title, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Line::from(vec![Span::styled(
                crate::sanitize::visible(&self.draft.title(self.format)).into_owned(),
                theme.title(),
            )])),
            title,
        );
        // Whole headings from 100 columns up; below, cut with `…`.
        let outline_w = if body.width >= 100 {
            (self.outline_width(s) as u16).min(body.width / 2)
        } else {
            24.min(body.width / 3)
        };
        let [outline, main] =
            Layout::horizontal([Constraint::Length(outline_w), Constraint::Min(1)]).areas(body);
        self.render_outline(frame, outline, theme, s);
        let text = self.guidance_text(lang);
        let full = self.guidance == Guidance::Full;
        let (main, guide) = match text {
            Some(_) if self.guidance == Guidance::Hidden => (main, None),
            Some(_) if main.width >= 110 => {
                // Beside the main pane; in full, half the width.
                let w = if full { (main.width / 2).max(36) } else { 36 };
                let [m, g] =
                    Layout::horizontal([Constraint::Min(40), Constraint::Length(w)]).areas(main);
                (m, Some(g))
            }
            Some(text) if main.height >= 16 || (full && main.height >= 10) => {
                // Under the main pane: four lines, or in full every line the text needs, the
                // main pane keeping four rows of its own.
                let lines = if full {
                    guidance_lines(text, main.width.saturating_sub(2) as usize).len() as u16
                } else {
                    4
                };
                let h = (lines + 2).min(main.height.saturating_sub(4)).max(3);
                let [m, g] =
                    Layout::vertical([Constraint::Min(4), Constraint::Length(h)]).areas(main);
                (m, Some(g))
            }
            _ => (main, None),
        };
        self.render_main(frame, main, theme, s, lang);
        if let Some(g) = guide {
            self.render_guidance(frame, g, theme, s, lang);
        }
        self.render_status(frame, status, theme, s, now);
    }

    fn block(&self, title: String, focused: bool, theme: Theme) -> Block<'static> {
        let style = if focused { theme.title() } else { theme.dim() };
        Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .border_style(style)
            .title(Span::styled(title, style))
    }

    /// The outline's width with every step's label whole (borders included).
    fn outline_width(&self, s: &UiStrings) -> usize {
        self.steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                // `[v] 10 label`
                4 + (i + 1).to_string().len()
                    + 1
                    + crate::textwidth::width(&self.step_label(step, s))
            })
            .max()
            .unwrap_or(0)
            + 2
    }

    fn render_outline(&self, frame: &mut Frame, area: Rect, theme: Theme, s: &UiStrings) {
        let label_w = (area.width as usize).saturating_sub(2);
        let block = self.block(s.outline_title.to_string(), !self.focus_main, theme);
        let lines: Vec<Line> = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let status = self.statuses.get(i).copied().unwrap_or(Status::Empty);
                let (mark, style) = match status {
                    Status::Empty => ("[ ]", theme.dim()),
                    Status::InProgress => ("[~]", theme.warning_text()),
                    Status::Complete => ("[v]", theme.ok_text()),
                    Status::Errors => ("[!]", theme.error_text()),
                };
                let label = format!("{} {}", i + 1, self.step_label(step, s));
                let label = crate::textwidth::cut(&label, label_w.saturating_sub(4));
                let label_style = if i == self.step {
                    if self.focus_main {
                        Style::default().add_modifier(ratatui::style::Modifier::BOLD)
                    } else {
                        theme.selected()
                    }
                } else {
                    Style::default()
                };
                Line::from(vec![
                    Span::styled(mark, style),
                    Span::raw(" "),
                    Span::styled(label, label_style),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn render_main(
        &mut self,
        frame: &mut Frame,
        area: Rect,
        theme: Theme,
        s: &'static UiStrings,
        lang: Lang,
    ) {
        let focused = self.focus_main;
        match self.current().clone() {
            Step::Section(id) => {
                let part = self.part(&id);
                let heading = match (self.format.section(&id), part) {
                    (Some(x), _) => x.heading.clone(),
                    (None, Some(p)) => self.part_label(p, lang).to_string(),
                    (None, None) => id.clone(),
                };
                let optional = self.format.section(&id).is_some_and(|x| !x.text_required)
                    || part.is_some_and(|p| p.optional);
                let placeholder = if part.is_some() {
                    s.part_optional_text
                } else {
                    s.optional_text
                };
                let count = fill(
                    s.chars_count,
                    &[("count", &self.editor(&id).char_count().to_string())],
                );
                let block = self.block(format!("{heading} · {count}"), focused, theme);
                if optional && self.draft.section_text(&id).is_empty() && !focused {
                    let inner = block.inner(area);
                    frame.render_widget(block, area);
                    frame.render_widget(
                        Paragraph::new(placeholder)
                            .style(theme.dim())
                            .wrap(Wrap { trim: false }),
                        inner,
                    );
                } else {
                    self.editor(&id).render(frame, area, block, focused);
                }
            }
            Step::Table(t) => {
                let heading = self
                    .format
                    .table(&t)
                    .and_then(|x| self.format.table_section(x))
                    .map_or(t.clone(), |x| x.heading.clone());
                let block = self.block(heading, focused, theme);
                let inner = block.inner(area);
                frame.render_widget(block, area);
                if inner.height < 3 {
                    return;
                }
                let format = self.format;
                let grid = self.grids.entry(t.clone()).or_insert_with(|| {
                    TableGrid::new(format, &t).unwrap_or_else(|| unreachable_grid(format))
                });
                let view = View {
                    format,
                    eval: &self.eval,
                    previous: self.previous_eval.as_ref().filter(|_| self.show_previous),
                    theme,
                    strings: s,
                    lang,
                    focused,
                };
                // The area under the grid: the cell in one line, then every message about it
                // in full (wrapped, never cut); the grid gives up the lines they need.
                let (text, diags) = grid.status(&view);
                let w = inner.width.max(1) as usize;
                // The cell's full labels, units included, wrapped rather than cut: the grid's
                // headings are cut to the column width, this line is where they are whole.
                let mut lines: Vec<Line> = crate::textwidth::wrap(&text, w)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, theme.dim())))
                    .collect();
                for (sev, msg) in diags {
                    let style = if sev == Severity::Error {
                        theme.error_text()
                    } else {
                        theme.warning_text()
                    };
                    let msg = crate::sanitize::visible(&msg).into_owned();
                    for l in crate::textwidth::wrap(&msg, w) {
                        lines.push(Line::from(Span::styled(l, style)));
                    }
                }
                let status_h = (lines.len() as u16)
                    .max(2)
                    .min(inner.height.saturating_sub(3));
                let [grid_area, status_area] =
                    Layout::vertical([Constraint::Min(1), Constraint::Length(status_h)])
                        .areas(inner);
                grid.render(frame, grid_area, &view);
                frame.render_widget(Paragraph::new(lines), status_area);
            }
            Step::Review => {
                let items = self.review_items(s, lang);
                let block = self.block(s.review_title.to_string(), focused, theme);
                let inner = block.inner(area);
                frame.render_widget(block, area);
                // Counted as the status bar and the draft list count (blank cells one by one,
                // though listed one line per table).
                let (final_errors, final_warnings) = self
                    .final_eval
                    .as_ref()
                    .map_or((0, 0), |(_, e)| (e.errors(), e.warnings()));
                let head = if items.is_empty() {
                    Line::from(Span::styled(s.review_clean, theme.ok_text()))
                } else {
                    Line::from(fill(
                        s.review_summary,
                        &[
                            ("errors", &final_errors.to_string()),
                            ("warnings", &final_warnings.to_string()),
                        ],
                    ))
                };
                self.review_sel = self.review_sel.min(items.len().saturating_sub(1));
                // Every message in full: wrapped under its mark, never cut at the edge.
                let w = inner.width.max(1) as usize;
                let wrapped: Vec<Vec<Line>> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let (mark, style) = match item.severity {
                            Severity::Error => (s_err(lang), theme.error_text()),
                            Severity::Warning => (s_warn(lang), theme.warning_text()),
                        };
                        let text_style = if i == self.review_sel && focused {
                            theme.selected()
                        } else {
                            Style::default()
                        };
                        let indent = crate::textwidth::width(mark) + 1;
                        let text = crate::sanitize::visible(&item.text).into_owned();
                        crate::textwidth::wrap(&text, w.saturating_sub(indent).max(1))
                            .into_iter()
                            .enumerate()
                            .map(|(n, l)| {
                                let lead = if n == 0 {
                                    Span::styled(format!("{mark} "), style)
                                } else {
                                    Span::raw(" ".repeat(indent))
                                };
                                Line::from(vec![lead, Span::styled(l, text_style)])
                            })
                            .collect()
                    })
                    .collect();
                let visible = inner.height.saturating_sub(1) as usize;
                // The first item shown: as late as needed for the selected one to fit whole.
                let mut first = self.review_sel.min(wrapped.len().saturating_sub(1));
                let mut used = wrapped.get(first).map_or(0, Vec::len);
                while first > 0 && used + wrapped[first - 1].len() <= visible {
                    first -= 1;
                    used += wrapped[first].len();
                }
                let mut first = first.max(self.review_first.min(self.review_sel));
                // No room left empty below the last item while items above it are hidden (a
                // list that shrank since it was scrolled: the errors left must not hide).
                let mut below: usize = wrapped[first.min(wrapped.len())..]
                    .iter()
                    .map(Vec::len)
                    .sum();
                while first > 0 && below + wrapped[first - 1].len() <= visible {
                    first -= 1;
                    below += wrapped[first].len();
                }
                self.review_first = first;
                let mut lines = vec![head];
                for item in wrapped.into_iter().skip(first) {
                    if lines.len() > visible {
                        break;
                    }
                    lines.extend(item);
                }
                lines.truncate(visible + 1);
                frame.render_widget(Paragraph::new(lines), inner);
            }
            Step::Preview => {
                let block = self.block(s.preview_title.to_string(), focused, theme);
                let inner = block.inner(area);
                frame.render_widget(block, area);
                let opts = Options {
                    style: TableStyle::Grid,
                    width: (inner.width as usize).max(40),
                };
                let fresh = self
                    .preview
                    .as_ref()
                    .is_some_and(|p| p.generation == self.generation && p.width == inner.width);
                if !fresh {
                    let text = export::render(self.format, &self.draft, &self.eval, opts);
                    // Long paragraphs wrap as a text viewer would show them; tables already fit.
                    let lines = text
                        .lines()
                        .flat_map(|l| crate::textwidth::wrap(l, inner.width.max(1) as usize))
                        .collect();
                    self.preview = Some(PreviewCache {
                        generation: self.generation,
                        width: inner.width,
                        lines,
                    });
                }
                let lines = self.preview.as_ref().map_or(&[][..], |p| &p.lines[..]);
                self.preview_scroll = self
                    .preview_scroll
                    .min(lines.len().saturating_sub(inner.height as usize));
                let shown: Vec<Line> = lines
                    .iter()
                    .skip(self.preview_scroll)
                    .take(inner.height as usize)
                    .map(|l| Line::from(l.as_str()))
                    .collect();
                frame.render_widget(Paragraph::new(shown), inner);
            }
        }
    }

    /// The format's guidance for the current step, in the UI's language.
    fn guidance_text(&self, lang: Lang) -> Option<&'static str> {
        let section = match self.current() {
            Step::Section(id) => self.format.section(id),
            Step::Table(t) => self
                .format
                .table(t)
                .and_then(|t| self.format.table_section(t)),
            _ => None,
        };
        let part = match self.current() {
            Step::Section(id) => self.part(id),
            _ => None,
        };
        let (zh, en) = match (section, part) {
            (Some(x), _) => (&x.guidance, &x.guidance_en),
            (None, Some(p)) => (&p.guidance, &p.guidance_en),
            (None, None) => return None,
        };
        Some(if lang == Lang::En { en } else { zh })
    }

    fn render_guidance(
        &self,
        frame: &mut Frame,
        area: Rect,
        theme: Theme,
        s: &UiStrings,
        lang: Lang,
    ) {
        let Some(text) = self.guidance_text(lang) else {
            return;
        };
        let block = self.block(format!("{} (F3)", s.guidance_title), false, theme);
        let inner = block.inner(area);
        let w = inner.width.max(1) as usize;
        let mut lines = guidance_lines(text, w);
        // Guidance longer than its pane says that it goes on (F3 shows it all), rather than
        // stopping mid-word.
        let h = inner.height as usize;
        if h > 0 && lines.len() > h {
            lines.truncate(h);
            if let Some(last) = lines.last_mut() {
                *last = crate::textwidth::cut(&format!("{last}…"), w);
            }
        }
        let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn render_status(
        &self,
        frame: &mut Frame,
        area: Rect,
        theme: Theme,
        s: &UiStrings,
        now: DateTime<FixedOffset>,
    ) {
        if let Some(holder) = &self.read_only {
            frame.render_widget(
                Paragraph::new(fill(s.read_only_banner, &[("holder", holder)]))
                    .style(theme.banner()),
                area,
            );
            return;
        }
        // A failed save: said first, in the banner's style, with the counts and the deadline
        // still beside it (the whole error and what to do are on the message line).
        let saved = match self.saved_at {
            _ if self.save_error.is_some() => s.save_failed_short.to_string(),
            Some(t) => fill(
                s.saved_at,
                &[(
                    "time",
                    &t.with_timezone(&chrono::Local)
                        .format("%H:%M:%S")
                        .to_string(),
                )],
            ),
            None => s.not_saved_yet.to_string(),
        };
        // One count everywhere: now (drafting), and what export will demand where it differs
        // (blank cells and empty sections are errors there) — as the review screen counts.
        let final_errors = self.final_errors;
        let counts = fill(
            if final_errors > self.eval.errors() {
                s.errors_export_warnings
            } else {
                s.errors_warnings
            },
            &[
                ("errors", &self.eval.errors().to_string()),
                ("final", &final_errors.to_string()),
                ("warnings", &self.eval.warnings().to_string()),
            ],
        );
        let deadline = self.deadline_text(s, now.date_naive());
        let saved_style = if self.save_error.is_some() {
            theme.banner()
        } else {
            theme.ok_text()
        };
        let mut spans = vec![
            Span::styled(saved, saved_style),
            Span::raw(" │ "),
            Span::styled(
                counts,
                if self.eval.errors() > 0 {
                    theme.error_text()
                } else {
                    Style::default()
                },
            ),
        ];
        // The deadline without its date when it does not fit whole, then not at all; the
        // counts always stay.
        let used: usize = spans
            .iter()
            .map(|x| crate::textwidth::width(&x.content))
            .sum();
        let short = self.deadline_in(s, now.date_naive(), true);
        let fits = |t: &str| used + 3 + crate::textwidth::width(t) <= area.width as usize;
        if let Some(d) = [deadline, short].into_iter().find(|d| fits(d)) {
            spans.push(Span::raw(" │ "));
            spans.push(Span::raw(d));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    pub fn deadline_text(&self, s: &UiStrings, today: NaiveDate) -> String {
        self.deadline_in(s, today, false)
    }

    /// The deadline, with its date or (`short`) without.
    fn deadline_in(&self, s: &UiStrings, today: NaiveDate, short: bool) -> String {
        let Some(deadline) = self.draft.deadline(self.format) else {
            return String::new();
        };
        let date = match self.lang {
            Lang::Zh => deadline.format("%Y年%-m月%-d日").to_string(),
            Lang::En => deadline.format("%-d %B %Y").to_string(),
        };
        let days = (deadline - today).num_days();
        if short {
            let (template, n) = match days {
                d if d > 0 => (s.deadline_short[0], d),
                0 => (s.deadline_short[1], 0),
                d => (s.deadline_short[2], -d),
            };
            return fill(template, &[("days", &n.to_string())]);
        }
        match days {
            d if d > 0 => fill(
                s.deadline_left,
                &[("date", &date), ("days", &d.to_string())],
            ),
            0 => fill(s.deadline_today, &[("date", &date)]),
            d => fill(
                s.deadline_over,
                &[("date", &date), ("days", &(-d).to_string())],
            ),
        }
    }
}

fn s_err(lang: Lang) -> &'static str {
    lang.strings().error
}

fn s_warn(lang: Lang) -> &'static str {
    lang.strings().warning
}

/// Every table step comes from the format, so its grid always exists; a format asset that
/// says otherwise is caught by the asset check before it ships.
fn unreachable_grid(format: &Format) -> TableGrid {
    format
        .tables
        .first()
        .and_then(|t| TableGrid::new(format, &t.id))
        .expect("a format with a table step has at least one table")
}

/// How the format's guidance is shown beside a section or table (F3 cycles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guidance {
    /// A pane of four lines (a column beside the main pane on a wide terminal).
    Pane,
    /// Every line of it, the main pane giving up the room.
    Full,
    Hidden,
}

impl Guidance {
    fn next(self) -> Guidance {
        match self {
            Guidance::Pane => Guidance::Full,
            Guidance::Full => Guidance::Hidden,
            Guidance::Hidden => Guidance::Pane,
        }
    }
}

/// Guidance wrapped to `width` columns (Chinese line-breaking rules).
fn guidance_lines(text: &str, width: usize) -> Vec<String> {
    text.lines()
        .flat_map(|l| crate::textwidth::wrap(l, width.max(1)))
        .collect()
}

/// What the status line says of a paste into a section's text that was changed on the way in.
fn text_paste_note(cleaned: &crate::paste::text::Cleaned, s: &UiStrings) -> Option<String> {
    let mut parts = Vec::new();
    if cleaned.doubled_breaks {
        parts.push(s.text_paste_doubled.to_string());
    }
    if cleaned.removed > 0 {
        parts.push(fill(
            s.text_paste_hidden,
            &[("n", &cleaned.removed.to_string())],
        ));
    }
    (!parts.is_empty()).then(|| {
        fill(
            s.text_paste_note,
            &[("what", &parts.join(s.paste_list_sep))],
        )
    })
}
