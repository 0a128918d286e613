//! The application: which screen is showing, which popup is open, and the one place where a
//! key becomes an action (through the keymap) and an action changes state. Rendering reads the
//! state and draws; it changes only layout-dependent view state (scroll positions).

use super::dialogs::{self, Confirm, ConfirmAction, ExportForm, Leave, NewDraftForm, Unsaved};
use super::draft_view::{DraftView, Request};
use super::keymap::{self, Action, Mode};
use super::picker::{Entry, Picker};
use super::strings::{UiStrings, strings};
use super::theme::Theme;
use crate::draft::{AgencyKind, Draft};
use crate::export::{self, Options, TableStyle};
use crate::format::{Format, Severity};
use crate::i18n::{Lang, fill};
use crate::rules::{Stage, evaluate};
use crate::storage::{StorageError, Store};
use chrono::{DateTime, Datelike, FixedOffset};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Smallest terminal the screens are laid out for; below it a message asks for more room.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub enum Screen {
    Picker(Picker),
    Draft(Box<DraftView>),
}

pub enum Popup {
    Help(Mode),
    /// A message too long for the bottom lines, whole (scrolls as the help does).
    Report(String),
    New(NewDraftForm),
    Export(ExportForm),
    Confirm(Confirm),
    Unsaved(Unsaved),
}

/// The most lines a message at the bottom of the screen takes.
const MAX_MESSAGE_LINES: usize = 6;

pub type Clock = Box<dyn Fn() -> DateTime<FixedOffset>>;

pub struct App {
    pub store: Store,
    pub lang: Lang,
    s: &'static UiStrings,
    pub theme: Theme,
    clock: Clock,
    export_dir: PathBuf,
    pub screen: Screen,
    pub popup: Option<Popup>,
    /// The terminal's width at the last frame (a long message is shown whole in a box).
    width: u16,
    /// A one-line message (and whether it is an error), shown until the next key.
    pub message: Option<(String, bool)>,
    pub quit: bool,
    /// Text to hand to `$EDITOR`; the event loop runs it with the terminal restored.
    pub editor_request: Option<String>,
    /// How far the help popup is scrolled.
    help_scroll: u16,
    /// What to print once the terminal is restored (where an emergency copy went).
    pub farewell: Vec<String>,
    /// Where a draft the drafts folder will not take is written instead.
    pub emergency_dirs: Vec<PathBuf>,
    /// The picker is read (every draft loaded and checked) only when it is first shown: not
    /// at all when `nianbao open ID` goes straight to a draft.
    picker_pending: bool,
    /// The last frame was too small to show anything but "请放大终端窗口": keys then do
    /// nothing a clerk cannot see, only quit (which saves) works.
    too_small: bool,
}

impl App {
    pub fn new(store: Store, lang: Lang, theme: Theme, clock: Clock, export_dir: PathBuf) -> App {
        let s = strings(lang);
        let picker = Picker {
            entries: Vec::new(),
            sel: 0,
        };
        App {
            store,
            lang,
            s,
            theme,
            clock,
            export_dir,
            screen: Screen::Picker(picker),
            popup: None,
            width: 80,
            message: None,
            quit: false,
            editor_request: None,
            help_scroll: 0,
            farewell: Vec::new(),
            emergency_dirs: crate::storage::emergency_dirs(),
            picker_pending: true,
            too_small: false,
        }
    }

    /// Reads the drafts for the picker the first time it is on screen.
    fn ensure_picker(&mut self) {
        if self.picker_pending && matches!(self.screen, Screen::Picker(_)) {
            self.back_to_picker();
        }
    }

    fn now(&self) -> DateTime<FixedOffset> {
        (self.clock)()
    }

    /// Opens a draft by id for editing (`nianbao open ID`, or Enter in the picker), under its
    /// lock. A draft another program is editing (or that cannot be locked) is offered
    /// read-only; a damaged one offers its `.bak`. `Err` only for what can be neither opened
    /// nor offered.
    pub fn open(&mut self, id: &str) -> Result<(), String> {
        let now = self.now();
        // A mistyped id is said before its lock file (and the drafts folder) is made.
        self.store.find(id).map_err(|e| e.message(self.lang))?;
        let lock = match self.store.lock(id, now) {
            Ok(l) => l,
            // Held by another program, or not lockable at all (a read-only disk): the draft
            // can still be read.
            Err(e) if self.store.draft_path(id).exists() => {
                let holder = e.reason(self.lang);
                self.popup = Some(Popup::Confirm(Confirm {
                    message: fill(self.s.read_only_offer, &[("holder", &holder)]),
                    action: ConfirmAction::OpenReadOnly(id.to_string()),
                }));
                return Ok(());
            }
            Err(e) => return Err(e.message(self.lang)),
        };
        let draft = match self.store.load_id(id) {
            Ok(d) => d,
            Err(e @ StorageError::NoSuchDraft { .. }) => return Err(e.message(self.lang)),
            Err(e) => {
                drop(lock);
                return self.offer_backup(id, &e);
            }
        };
        let mut view = self.view(draft)?;
        view.hold(lock);
        self.screen = Screen::Draft(Box::new(view));
        Ok(())
    }

    fn view(&self, draft: Draft) -> Result<DraftView, String> {
        let format = Format::by_id(&draft.format).map_err(|e| e.message(self.lang))?;
        Ok(DraftView::open(draft, format, self.now(), self.lang))
    }

    /// A draft whose file cannot be read: offer its `.bak` when that one is good.
    fn offer_backup(&mut self, id: &str, error: &StorageError) -> Result<(), String> {
        let error = crate::sanitize::visible(&error.message(self.lang)).into_owned();
        match self.store.backup(id) {
            Some(Ok(bak)) => {
                let time = bak
                    .updated
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string();
                let mut message = fill(
                    self.s.broken_offer_backup,
                    &[("error", &error), ("time", &time), ("id", id)],
                );
                // What the backup lacks: the damaged file was written after it was made.
                let written = std::fs::metadata(self.store.draft_path(id))
                    .and_then(|m| m.modified())
                    .map(chrono::DateTime::<chrono::Local>::from);
                if let Ok(written) = written
                    && written > bak.updated + chrono::Duration::minutes(1)
                {
                    let written = written.format("%Y-%m-%d %H:%M").to_string();
                    message.push_str(&fill(self.s.broken_backup_older, &[("written", &written)]));
                }
                self.popup = Some(Popup::Confirm(Confirm {
                    message,
                    action: ConfirmAction::RestoreBackup(id.to_string()),
                }));
                Ok(())
            }
            _ => Err(fill(self.s.broken_no_backup, &[("error", &error)])),
        }
    }

    /// Opens a draft without its lock: to look, not to change.
    fn open_read_only(&mut self, id: &str) {
        let holder = match self.store.lock(id, self.now()) {
            // The other program quit meanwhile: open it normally.
            Ok(lock) => {
                drop(lock);
                if let Err(e) = self.open(id) {
                    self.message = Some((e, true));
                }
                return;
            }
            Err(e) => e.reason(self.lang),
        };
        match self.store.load_id(id).map_err(|e| e.message(self.lang)) {
            Ok(d) => match self.view(d) {
                Ok(mut view) => {
                    view.read_only = Some(holder);
                    self.screen = Screen::Draft(Box::new(view));
                }
                Err(e) => self.message = Some((e, true)),
            },
            Err(e) => self.message = Some((e, true)),
        }
    }

    fn restore_backup(&mut self, id: &str) {
        let now = self.now();
        match self.store.restore_backup(id, now) {
            Ok(r) => {
                if let Err(e) = self.open(id) {
                    self.message = Some((e, true));
                    return;
                }
                let moved = r
                    .moved_to
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.message = Some((fill(self.s.restored, &[("path", &moved)]), false));
            }
            Err(e) => self.message = Some((e.message(self.lang), true)),
        }
    }

    fn back_to_picker(&mut self) {
        self.picker_pending = false;
        let today = self.now().date_naive();
        match Picker::load(&self.store, self.s, today) {
            Ok(p) => self.screen = Screen::Picker(p),
            Err(e) => self.message = Some((e, true)),
        }
    }

    pub fn mode(&self) -> Mode {
        match (&self.popup, &self.screen) {
            (Some(Popup::Help(_) | Popup::Report(_)), _) => Mode::Help,
            (Some(_), _) => Mode::Dialog,
            (None, Screen::Picker(_)) => Mode::Picker,
            (None, Screen::Draft(d)) => d.mode(),
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        self.ensure_picker();
        let mode = self.mode();
        let Some(action) = keymap::action(mode, key) else {
            return;
        };
        // Typing into a screen that cannot be seen would change the draft blind.
        if self.too_small && action != Action::Quit {
            return;
        }
        self.message = None;
        self.step(mode, action);
    }

    /// Applies one action in one mode.
    pub fn step(&mut self, mode: Mode, action: Action) {
        let now = self.now();
        if action == Action::Quit
            && matches!(mode, Mode::Help | Mode::Dialog)
            && !matches!(self.popup, Some(Popup::Unsaved(_)))
        {
            // Over a dialog or the help: the dialog is dropped, the draft saved on the way out.
            self.popup = None;
            self.leave(Leave::Quit);
            return;
        }
        match mode {
            Mode::Help => match action {
                Action::Esc | Action::Help | Action::Enter => {
                    self.popup = None;
                    self.help_scroll = 0;
                }
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Down => self.help_scroll = self.help_scroll.saturating_add(1),
                Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(10),
                Action::PageDown => self.help_scroll = self.help_scroll.saturating_add(10),
                Action::Home => self.help_scroll = 0,
                _ => {}
            },
            Mode::Dialog => self.dialog(action),
            Mode::Picker => self.picker(action),
            _ => {
                let Screen::Draft(view) = &mut self.screen else {
                    return;
                };
                if action == Action::Help {
                    self.popup = Some(Popup::Help(mode));
                    return;
                }
                match view.act(action, &self.store, now, self.s) {
                    Request::None => {}
                    Request::Message(m) => self.message = Some((m, false)),
                    Request::Help => self.popup = Some(Popup::Help(mode)),
                    Request::Export => {
                        // The kind last exported from this draft, else text.
                        let kind = view
                            .draft
                            .export_kind
                            .as_deref()
                            .and_then(|ext| {
                                export::ExportKind::from_path(Path::new(&format!("x.{ext}")))
                            })
                            .unwrap_or_default();
                        let name = export::file_name_for(
                            &export::export_file_name(&view.draft.title(view.format)),
                            kind,
                        );
                        let path = self.export_dir.join(name);
                        self.popup =
                            Some(Popup::Export(ExportForm::new(&path.display().to_string())));
                    }
                    Request::Quit => self.leave(Leave::Quit),
                    Request::BackToPicker => self.leave(Leave::Picker),
                    Request::ExternalEditor(text) => self.editor_request = Some(text),
                    // Only a paste asks this (`on_paste`).
                    Request::AskPasteBreaks(m) => self.message = Some((m, false)),
                }
                self.save_error_message();
            }
        }
    }

    /// Leaves the open draft (to quit, or for the picker) once it is saved. When it cannot be
    /// saved, asks: nothing typed is thrown away without the clerk's say.
    fn leave(&mut self, to: Leave) {
        let now = self.now();
        if let Screen::Draft(view) = &mut self.screen {
            view.save(&self.store, now);
            if let Some(error) = view.unsaved_error() {
                self.popup = Some(Popup::Unsaved(Unsaved {
                    error,
                    leave: to,
                    copy_failed: None,
                }));
                return;
            }
        }
        match to {
            Leave::Quit => self.quit = true,
            Leave::Picker => self.back_to_picker(),
        }
    }

    /// A key in the unsaved-changes dialog.
    fn unsaved(&mut self, mut u: Unsaved, action: Action) {
        match action {
            Action::Char('r' | 'R') => self.leave(u.leave),
            Action::Char('w' | 'W') => match self.emergency_copy() {
                Some(Ok(msg)) => {
                    if let Screen::Draft(view) = &mut self.screen {
                        view.discard_changes();
                    }
                    match u.leave {
                        Leave::Quit => {
                            self.farewell.push(msg);
                            self.quit = true;
                        }
                        Leave::Picker => {
                            self.back_to_picker();
                            self.message = Some((msg, false));
                        }
                    }
                }
                Some(Err(e)) => {
                    u.copy_failed = Some(e);
                    self.popup = Some(Popup::Unsaved(u));
                }
                None => self.leave(u.leave),
            },
            Action::Char('d' | 'D') => {
                if let Screen::Draft(view) = &mut self.screen {
                    view.discard_changes();
                }
                self.leave(u.leave);
            }
            Action::Esc => {}
            _ => self.popup = Some(Popup::Unsaved(u)),
        }
    }

    /// Writes the open draft outside the drafts folder; the message says where and how to
    /// get it back. `None` when no draft is open.
    fn emergency_copy(&self) -> Option<Result<String, String>> {
        let Screen::Draft(view) = &self.screen else {
            return None;
        };
        Some(
            crate::storage::write_emergency_copy(&view.draft, self.now(), &self.emergency_dirs)
                .map(|path| {
                    fill(
                        self.s.emergency_written,
                        &[
                            ("path", &path.display().to_string()),
                            ("dir", &self.store.drafts_dir().display().to_string()),
                        ],
                    )
                }),
        )
    }

    /// The last save, on every way out that does not ask (a signal, a lost terminal, an
    /// error or a panic): when the drafts folder will not take the draft, a copy goes
    /// elsewhere and `farewell` says where.
    pub fn finish(&mut self) {
        self.save_now();
        let unsaved = match &self.screen {
            Screen::Draft(view) => view.unsaved_error(),
            Screen::Picker(_) => None,
        };
        if let Some(error) = unsaved {
            let msg = match self.emergency_copy() {
                Some(Ok(m)) => m,
                Some(Err(e)) => fill(
                    self.s.emergency_failed,
                    &[("error", &format!("{error}; {e}"))],
                ),
                None => return,
            };
            self.farewell.push(msg);
            if let Screen::Draft(view) = &mut self.screen {
                view.discard_changes();
            }
        }
    }

    /// Shows a failed save; once a later save works, takes that message away again.
    fn save_error_message(&mut self) {
        let Screen::Draft(v) = &self.screen else {
            return;
        };
        match &v.save_error {
            Some(e) => self.message = Some((fill(self.s.save_failed, &[("error", e)]), true)),
            None => {
                let prefix = self.s.save_failed.split('{').next().unwrap_or_default();
                if self
                    .message
                    .as_ref()
                    .is_some_and(|(m, err)| *err && m.starts_with(prefix))
                {
                    self.message = None;
                }
            }
        }
    }

    fn picker(&mut self, action: Action) {
        let Screen::Picker(p) = &mut self.screen else {
            return;
        };
        match action {
            Action::Quit | Action::Esc => self.quit = true,
            Action::Help => self.popup = Some(Popup::Help(Mode::Picker)),
            Action::Up => p.up(),
            Action::Down => p.down(),
            Action::New => {
                let now = self.now();
                // Reports are written early in the year for the year before: departments
                // publish by 31 January, people's governments by 31 March.
                let year = if now.month() <= 3 {
                    now.year() - 1
                } else {
                    now.year()
                };
                self.popup = Some(Popup::New(NewDraftForm::new(year)));
            }
            Action::Enter => match p.selected() {
                Some(Entry::Good { id, .. }) => {
                    let id = id.clone();
                    if let Err(e) = self.open(&id) {
                        self.message = Some((e, true));
                    }
                }
                Some(Entry::Broken { id, .. }) => {
                    let id = id.clone();
                    if let Err(e) = self.open(&id) {
                        self.message = Some((e, true));
                    }
                }
                None => {}
            },
            Action::Copy => {
                // Asks for the copy's agency and year (the year after, by default).
                if let Some(Entry::Good { id, .. }) = p.selected() {
                    let id = id.clone();
                    match self.store.load_id(&id) {
                        Ok(d) => {
                            let government = d.agency_kind == AgencyKind::Government;
                            self.popup = Some(Popup::New(NewDraftForm::copy(
                                &id, &d.agency, d.year, government,
                            )));
                        }
                        Err(e) => self.message = Some((e.message(self.lang), true)),
                    }
                }
            }
            Action::DeleteDraft => {
                let (name, path) = match p.selected() {
                    Some(Entry::Good {
                        agency, year, path, ..
                    }) => (format!("{agency} {year}"), path.clone()),
                    Some(Entry::Broken { path, .. }) => (path.display().to_string(), path.clone()),
                    None => return,
                };
                let dir = self.store.trash_dir().display().to_string();
                self.popup = Some(Popup::Confirm(Confirm {
                    message: fill(self.s.confirm_delete, &[("name", &name), ("dir", &dir)]),
                    action: ConfirmAction::Delete(path),
                }));
            }
            _ => {}
        }
    }

    /// Starts a new draft of `agency`, `year` and `kind` from draft `id`, as `new --from
    /// --copy-text` does: last year's carried values (上年结转, 现行有效件数) and texts (flagged
    /// 内容雷同 until rewritten), with last year kept for the cross-year check.
    fn copy(&mut self, id: &str, agency: &str, year: i32, kind: AgencyKind) -> Result<(), String> {
        let now = self.now();
        let source = self.store.load_id(id).map_err(|e| e.message(self.lang))?;
        let format =
            crate::format::Format::by_id(&source.format).map_err(|e| e.message(self.lang))?;
        let mut d = Draft::new(&self.store.new_id(year), format, agency, kind, year, now);
        crate::rules::cross_year::start_from(format, &source, &source.id, &mut d, true);
        self.store.save(&d).map_err(|e| e.message(self.lang))?;
        self.back_to_picker();
        self.message = Some((fill(self.s.copied, &[("id", &d.id)]), false));
        Ok(())
    }

    fn dialog(&mut self, action: Action) {
        let Some(popup) = self.popup.take() else {
            return;
        };
        match popup {
            Popup::Help(_) | Popup::Report(_) => {}
            Popup::New(mut form) => match action {
                Action::Esc => {}
                Action::Enter => {
                    if let Err(e) = self.create(&form) {
                        form.error = Some(e);
                        self.popup = Some(Popup::New(form));
                    }
                }
                a => {
                    form.act(&a);
                    self.popup = Some(Popup::New(form));
                }
            },
            Popup::Export(mut form) => match action {
                Action::Esc => {}
                Action::Enter => self.export(
                    PathBuf::from(form.path.text().trim()),
                    form.style,
                    false,
                    false,
                ),
                a => {
                    form.act(&a);
                    self.popup = Some(Popup::Export(form));
                }
            },
            Popup::Unsaved(u) => self.unsaved(u, action),
            Popup::Confirm(c) => match action {
                Action::Yes => match c.action {
                    ConfirmAction::Delete(path) => {
                        let now = self.now();
                        match self.store.trash(&path, now) {
                            Ok(_) => {
                                self.back_to_picker();
                                let dir = self.store.trash_dir().display().to_string();
                                self.message =
                                    Some((fill(self.s.deleted, &[("dir", &dir)]), false));
                            }
                            Err(e) => self.message = Some((e.message(self.lang), true)),
                        }
                    }
                    ConfirmAction::ExportAnyway(path, style) => {
                        self.export(path, style, true, false)
                    }
                    ConfirmAction::Overwrite(path, style) => self.export(path, style, true, true),
                    ConfirmAction::OpenReadOnly(id) => self.open_read_only(&id),
                    ConfirmAction::RestoreBackup(id) => self.restore_backup(&id),
                    ConfirmAction::PasteBreaks(text) => {
                        self.paste_read_as(&text, crate::paste::Breaks::Paired)
                    }
                },
                // "No" to how a paste is read is an answer too: its blank lines are cells.
                Action::Char('n' | 'N') | Action::No => {
                    if let ConfirmAction::PasteBreaks(text) = &c.action {
                        self.paste_read_as(text, crate::paste::Breaks::AsTyped);
                    }
                }
                Action::Esc => {
                    if matches!(c.action, ConfirmAction::PasteBreaks(_)) {
                        self.message = Some((self.s.paste_not_pasted.to_string(), false));
                    }
                }
                _ => self.popup = Some(Popup::Confirm(c)),
            },
        }
    }

    fn create(&mut self, form: &NewDraftForm) -> Result<(), String> {
        let agency = form.agency.text().trim().to_string();
        if agency.is_empty() {
            return Err(self.s.agency_required.to_string());
        }
        let format = Format::default_format().ok_or("no format")?;
        let now = self.now();
        let year: i32 = crate::value::normalize_width(form.year.text())
            .trim()
            .parse()
            .unwrap_or(0);
        if !(format.first_year..=now.year()).contains(&year) {
            return Err(fill(
                self.s.year_invalid,
                &[
                    ("first", &format.first_year.to_string()),
                    ("last", &now.year().to_string()),
                ],
            ));
        }
        let kind = if form.government {
            AgencyKind::Government
        } else {
            AgencyKind::Department
        };
        if let Some(source) = &form.copy_of {
            return self.copy(source, &agency, year, kind);
        }
        let id = self.store.new_id(year);
        let draft = Draft::new(&id, format, &agency, kind, year, now);
        self.store.save(&draft).map_err(|e| e.message(self.lang))?;
        self.open(&id)
    }

    /// Exports the open draft: asks first when the report has errors or the file exists.
    fn export(&mut self, path: PathBuf, style: TableStyle, errors_ok: bool, overwrite_ok: bool) {
        let now = self.now();
        let Screen::Draft(view) = &mut self.screen else {
            return;
        };
        let final_eval = evaluate(view.format, &view.draft, Stage::Final, now.date_naive());
        let errors = final_eval
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if errors > 0 && !errors_ok {
            self.popup = Some(Popup::Confirm(Confirm {
                message: fill(self.s.export_has_errors, &[("errors", &errors.to_string())]),
                action: ConfirmAction::ExportAnyway(path, style),
            }));
            return;
        }
        if path.exists() && !overwrite_ok {
            self.popup = Some(Popup::Confirm(Confirm {
                message: fill(
                    self.s.export_overwrite,
                    &[("path", &path.display().to_string())],
                ),
                action: ConfirmAction::Overwrite(path, style),
            }));
            return;
        }
        // The file's extension chooses the format (.txt, .html, .md, .json, .docx), as on the
        // command line; anything else is text.
        let kind = export::ExportKind::from_path(&path).unwrap_or_default();
        let bytes = match kind.render(
            view.format,
            &view.draft,
            &final_eval,
            &final_eval.diagnostics,
            Options { style, width: 100 },
        ) {
            Ok(b) => b,
            Err(e) => {
                self.message = Some((
                    fill(self.s.export_failed, &[("error", &e.to_string())]),
                    true,
                ));
                return;
            }
        };
        let result = export::write_export(&self.store, &path, &bytes, export::PRIVATE_MODE);
        if result.is_ok() {
            // The dialog proposes this kind next time, for this draft.
            view.remember_export_kind(kind.extension());
        }
        // The message names the file in full, wherever the dialog's path was relative to.
        let full = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        self.message = Some(match result {
            Ok(()) => (
                fill(self.s.export_done, &[("path", &full.display().to_string())]),
                false,
            ),
            Err(e) => (
                fill(self.s.export_failed, &[("error", &e.message(self.lang))]),
                true,
            ),
        });
    }

    pub fn on_paste(&mut self, text: &str) {
        self.ensure_picker();
        // As for keys: nothing is pasted where it cannot be seen (the clipboard still has it).
        if self.too_small {
            return;
        }
        self.message = None;
        match (&mut self.popup, &mut self.screen) {
            (Some(Popup::New(form)), _) => form.paste(text),
            (Some(Popup::Export(form)), _) => form.path.insert_str(text),
            (Some(_), _) => {}
            (None, Screen::Draft(view)) => match view.paste(text, self.s) {
                Request::Message(m) => self.paste_report(m),
                Request::AskPasteBreaks(question) => {
                    self.popup = Some(Popup::Confirm(Confirm {
                        message: question,
                        action: ConfirmAction::PasteBreaks(text.to_string()),
                    }));
                }
                _ => {}
            },
            (None, Screen::Picker(_)) => {}
        }
    }

    /// The clerk's answer to how a pasted block's doubled line breaks are read.
    fn paste_read_as(&mut self, text: &str, breaks: crate::paste::Breaks) {
        if let Screen::Draft(view) = &mut self.screen
            && let Request::Message(m) = view.paste_with(text, breaks, self.s)
        {
            self.paste_report(m);
        }
    }

    /// A paste's report at the bottom of the screen; whole in a box when it would not fit
    /// there (nothing it says — a total that disagrees, a value refused — may be cut off).
    fn paste_report(&mut self, m: String) {
        let lines = crate::textwidth::wrap(&crate::sanitize::visible(&m), self.width as usize);
        if lines.len() > MAX_MESSAGE_LINES {
            self.help_scroll = 0;
            self.popup = Some(Popup::Report(m));
        } else {
            self.message = Some((m, false));
        }
    }

    /// The text edited in `$EDITOR` (or why that failed).
    pub fn on_external_editor(&mut self, result: Result<Option<String>, String>) {
        match result {
            Ok(Some(text)) => {
                if let Screen::Draft(view) = &mut self.screen {
                    view.external_text(&text);
                }
            }
            Ok(None) => self.message = Some((self.s.editor_unchanged.to_string(), false)),
            Err(e) => self.message = Some((fill(self.s.editor_failed, &[("error", &e)]), true)),
        }
    }

    pub fn editor_unavailable(&mut self) {
        self.message = Some((self.s.editor_unset.to_string(), true));
    }

    /// Called when no key came for a while: checks what was typed, and saves when due.
    pub fn tick(&mut self, now: Instant) {
        if let Screen::Draft(view) = &mut self.screen {
            // Typing has paused: check what was typed.
            view.settle();
        }
        self.autosave(now);
    }

    /// Saves when an autosave is due. Called after every key too, so that steady typing
    /// (which never lets `tick` run) is saved as well.
    pub fn autosave(&mut self, now: Instant) {
        let time = self.now();
        if let Screen::Draft(view) = &mut self.screen
            && view.autosave_due(now)
        {
            view.save(&self.store, time);
            self.save_error_message();
        }
    }

    /// Saves before the program ends (quit, error, suspend).
    pub fn save_now(&mut self) {
        let time = self.now();
        if let Screen::Draft(view) = &mut self.screen {
            view.save(&self.store, time);
        }
    }

    pub fn render(&mut self, frame: &mut Frame) {
        self.ensure_picker();
        let area = frame.area();
        self.width = area.width;
        self.too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        if self.too_small {
            let text = Paragraph::new(self.s.too_small)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true });
            let y = area.height / 2;
            frame.render_widget(
                text,
                Rect::new(area.x, area.y + y, area.width, area.height - y),
            );
            return;
        }
        // A long message (a paste report) wraps over up to a few lines rather than being cut.
        let hint_h = self.message.as_ref().map_or(1, |(m, _)| {
            crate::textwidth::wrap(&crate::sanitize::visible(m), area.width as usize)
                .len()
                .clamp(1, MAX_MESSAGE_LINES)
        }) as u16;
        let [main, hints] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(hint_h)]).areas(area);
        let now = self.now();
        let mode = self.mode();
        match &mut self.screen {
            Screen::Picker(p) => p.render(frame, main, self.theme, self.s),
            Screen::Draft(view) => view.render(frame, main, self.theme, self.s, self.lang, now),
        }
        let hint_lines: Vec<Line> = match &self.message {
            Some((m, err)) => {
                let style = if *err {
                    self.theme.banner()
                } else {
                    self.theme.ok_text()
                };
                let text = crate::sanitize::visible(m).into_owned();
                crate::textwidth::wrap(&text, area.width as usize)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, style)))
                    .collect()
            }
            None => {
                // Whole hints only: one that does not fit is left out, never cut mid-word.
                // A question's keys are the question's own.
                let own = match &self.popup {
                    Some(Popup::Confirm(_)) => Some(self.s.hints_confirm),
                    Some(Popup::Unsaved(_)) => Some(self.s.hints_unsaved),
                    Some(Popup::Help(_) | Popup::Report(_)) => Some(self.s.hints_help),
                    _ => None,
                };
                let shown: Vec<(String, &str)> = match own {
                    Some(h) => h.iter().map(|(k, d)| (k.to_string(), *d)).collect(),
                    None => keymap::hints(mode, self.s),
                };
                let mut spans = Vec::new();
                let mut used = 0;
                for (k, d) in shown {
                    let text = format!(" {d}  ");
                    let w = crate::textwidth::width(&k) + crate::textwidth::width(text.trim_end());
                    if used + w > hints.width as usize {
                        break;
                    }
                    used += w + 2;
                    spans.push(Span::styled(k, self.theme.key()));
                    spans.push(Span::raw(text));
                }
                vec![Line::from(spans)]
            }
        };
        frame.render_widget(Paragraph::new(hint_lines), hints);
        match &self.popup {
            Some(Popup::Help(m)) => {
                // Above the hint bar, which says how to scroll.
                dialogs::render_help(frame, main, *m, self.theme, self.s, &mut self.help_scroll)
            }
            Some(Popup::Report(text)) => {
                dialogs::render_report(frame, main, text, self.theme, self.s, &mut self.help_scroll)
            }
            Some(Popup::New(f)) => f.render(frame, area, self.theme, self.s),
            Some(Popup::Export(f)) => f.render(frame, area, self.theme, self.s),
            Some(Popup::Confirm(c)) => c.render(frame, area, self.theme, self.s),
            Some(Popup::Unsaved(u)) => u.render(frame, area, self.theme, self.s),
            None => {}
        }
    }
}
