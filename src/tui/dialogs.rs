//! Popups: the new-draft form, the export dialog, yes/no confirmations and the help screen.

use super::keymap::{self, Action, Mode};
use super::strings::UiStrings;
use super::textfield::TextField;
use super::theme::Theme;
use crate::export::{ExportKind, TableStyle};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use std::path::{Path, PathBuf};

/// A rectangle of at most `w`×`h` in the middle of `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clears the popup's rectangle, and a wide character just left of it whose right half the
/// popup covers (the terminal would draw it over the popup's border).
pub fn clear(frame: &mut Frame, r: Rect) {
    frame.render_widget(Clear, r);
    if r.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in r.y..r.y + r.height {
        let cell = &mut buf[(r.x - 1, y)];
        if crate::textwidth::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

fn frame_block(title: &str, theme: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .border_style(theme.title())
        .title(Span::styled(title.to_string(), theme.title()))
}

/// Draws a labelled field; puts the terminal cursor in it when focused.
fn field(frame: &mut Frame, area: Rect, label: &str, f: &TextField, focused: bool, theme: Theme) {
    let label_w = crate::textwidth::width(label) as u16;
    let avail = area.width.saturating_sub(label_w) as usize;
    let (shown, cur) = f.view(avail.max(1));
    let style = if focused {
        theme.selected()
    } else {
        ratatui::style::Style::default()
    };
    let line = Line::from(vec![
        Span::styled(label.to_string(), theme.dim()),
        Span::styled(shown, style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if focused {
        frame.set_cursor_position(Position::new(area.x + label_w + cur as u16, area.y));
    }
}

pub struct NewDraftForm {
    pub agency: TextField,
    pub year: TextField,
    pub government: bool,
    /// The clerk chose the kind with ←/→: the name no longer suggests it.
    kind_chosen: bool,
    pub focus: usize,
    pub error: Option<String>,
    /// Copying this draft (its id) rather than starting an empty one.
    pub copy_of: Option<String>,
}

impl NewDraftForm {
    pub fn new(year: i32) -> NewDraftForm {
        NewDraftForm {
            agency: TextField::default(),
            year: TextField::suggested(&year.to_string()),
            government: false,
            kind_chosen: false,
            focus: 0,
            error: None,
            copy_of: None,
        }
    }

    /// The form for a copy of a draft: its agency and kind, the year after its year.
    pub fn copy(id: &str, agency: &str, year: i32, government: bool) -> NewDraftForm {
        NewDraftForm {
            agency: TextField::new(agency),
            year: TextField::suggested(&(year + 1).to_string()),
            government,
            kind_chosen: true,
            focus: 1,
            error: None,
            copy_of: Some(id.to_string()),
        }
    }

    pub fn act(&mut self, a: &Action) {
        self.error = None;
        match (a, self.focus) {
            (Action::Tab | Action::Down, _) => self.focus = (self.focus + 1) % 3,
            (Action::BackTab | Action::Up, _) => self.focus = (self.focus + 2) % 3,
            (Action::Left | Action::Right | Action::Char(' '), 2) => {
                self.government = !self.government;
                self.kind_chosen = true;
            }
            (_, 0) => {
                edit(&mut self.agency, a);
                self.suggest_kind();
            }
            (_, 1) => edit(&mut self.year, a),
            _ => {}
        }
    }

    /// Pasted text goes into the focused field; each line break moves on to the next field
    /// (`某某局⏎2024` copied from two cells fills the agency and the year), never into a name.
    pub fn paste(&mut self, text: &str) {
        let mut parts = text
            .split(['\r', '\n'])
            .filter(|p| !p.trim().is_empty())
            .peekable();
        while let Some(part) = parts.next() {
            match self.focus {
                0 => {
                    self.agency.insert_str(part.trim());
                    self.suggest_kind();
                }
                1 => self.year.insert_str(part.trim()),
                _ => break,
            }
            if parts.peek().is_some() {
                self.focus += 1;
            }
        }
    }

    /// …人民政府, …管委会: the government timetable, until the clerk chooses otherwise.
    fn suggest_kind(&mut self) {
        if !self.kind_chosen {
            self.government = crate::import::kind_from_name(self.agency.text())
                == crate::draft::AgencyKind::Government;
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, s: &UiStrings) {
        let r = centered(area, 64, 9);
        clear(frame, r);
        let title = if self.copy_of.is_some() {
            s.copy_draft_title
        } else {
            s.new_draft_title
        };
        let block = frame_block(title, theme);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let row = |i: u16| Rect::new(inner.x + 1, inner.y + i, inner.width.saturating_sub(2), 1);
        field(
            frame,
            row(0),
            &format!("{}{}", s.field_agency, s.colon),
            &self.agency,
            self.focus == 0,
            theme,
        );
        field(
            frame,
            row(1),
            &format!("{}{}", s.field_year, s.colon),
            &self.year,
            self.focus == 1,
            theme,
        );
        let kind = if self.government {
            s.kind_government
        } else {
            s.kind_department
        };
        let style = if self.focus == 2 {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!("{}{}", s.field_kind, s.colon), theme.dim()),
                Span::styled(format!("< {kind} >"), style),
                Span::styled(format!("  {}", s.kind_switch_hint), theme.dim()),
            ])),
            row(2),
        );
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(Span::styled(e.clone(), theme.error_text())),
                row(4),
            );
        }
        hint_row(
            frame,
            Rect::new(
                inner.x + 1,
                inner.y + inner.height.saturating_sub(1),
                inner.width.saturating_sub(2),
                1,
            ),
            theme,
            s,
        );
    }
}

/// The kinds the export dialog offers, in the order ←/→ walks them.
pub const EXPORT_KINDS: [ExportKind; 5] = [
    ExportKind::Txt,
    ExportKind::Docx,
    ExportKind::Html,
    ExportKind::Markdown,
    ExportKind::Json,
];

/// The export dialog: the file (its extension chooses the kind, as on the command line), the
/// kind (←/→ rewrites the extension) and the text export's table style.
pub struct ExportForm {
    pub path: TextField,
    pub style: TableStyle,
    /// 0 the file, 1 the kind, 2 the table style.
    pub focus: usize,
}

impl ExportForm {
    pub fn new(path: &str) -> ExportForm {
        ExportForm {
            path: TextField::new(path),
            style: TableStyle::Grid,
            focus: 0,
        }
    }

    /// The kind the file's extension asks for (text for any other).
    pub fn kind(&self) -> ExportKind {
        ExportKind::from_path(Path::new(self.path.text().trim())).unwrap_or_default()
    }

    /// Moves to the next (`forward`) or previous kind, rewriting the file's extension.
    fn switch_kind(&mut self, forward: bool) {
        let n = EXPORT_KINDS.len();
        let i = EXPORT_KINDS
            .iter()
            .position(|k| *k == self.kind())
            .unwrap_or(0);
        let next = EXPORT_KINDS[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
        let text = self.path.text().trim().to_string();
        let path = Path::new(&text);
        let renamed = if ExportKind::from_path(path).is_some() {
            path.with_extension(next.extension()).display().to_string()
        } else {
            format!("{text}.{}", next.extension())
        };
        self.path = TextField::new(&renamed);
    }

    pub fn act(&mut self, a: &Action) {
        match (a, self.focus) {
            (Action::Tab | Action::Down, _) => self.focus = (self.focus + 1) % 3,
            (Action::BackTab | Action::Up, _) => self.focus = (self.focus + 2) % 3,
            (Action::Left, 1) => self.switch_kind(false),
            (Action::Right | Action::Char(' '), 1) => self.switch_kind(true),
            (Action::Left | Action::Right | Action::Char(' '), 2) => {
                self.style = match self.style {
                    TableStyle::Grid => TableStyle::Tsv,
                    TableStyle::Tsv => TableStyle::Grid,
                }
            }
            (_, 0) => edit(&mut self.path, a),
            _ => {}
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, s: &UiStrings) {
        let r = centered(area, (area.width * 9 / 10).max(40), 9);
        clear(frame, r);
        let block = frame_block(s.export_title, theme);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let row = |i: u16| Rect::new(inner.x + 1, inner.y + i, inner.width.saturating_sub(2), 1);
        field(
            frame,
            row(0),
            &format!("{}{}", s.export_path, s.colon),
            &self.path,
            self.focus == 0,
            theme,
        );
        let selected = |focused: bool| {
            if focused {
                theme.selected()
            } else {
                theme.key()
            }
        };
        // Every kind on one line, the chosen one marked.
        let kind = self.kind();
        let mut spans = vec![Span::styled(
            format!("{}{}", s.export_kind, s.colon),
            theme.dim(),
        )];
        for k in EXPORT_KINDS {
            let label = format!(" .{} ", k.extension());
            if k == kind {
                spans.push(Span::styled(
                    format!("<{}>", label.trim()),
                    selected(self.focus == 1),
                ));
            } else {
                spans.push(Span::raw(label));
            }
        }
        spans.push(Span::styled(
            format!("  {}", s.export_kind_hint),
            theme.dim(),
        ));
        frame.render_widget(Paragraph::new(Line::from(spans)), row(2));
        let style_name = match self.style {
            TableStyle::Grid => s.style_grid,
            TableStyle::Tsv => s.style_tsv,
        };
        let style = if self.focus == 2 {
            theme.selected()
        } else {
            ratatui::style::Style::default()
        };
        let mut spans = vec![
            Span::styled(format!("{}{}", s.export_style, s.colon), theme.dim()),
            Span::styled(format!("< {style_name} >"), style),
        ];
        if kind != ExportKind::Txt {
            spans.push(Span::styled(
                format!("  {}", s.export_style_txt_only),
                theme.dim(),
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), row(3));
        hint_row(
            frame,
            Rect::new(
                inner.x + 1,
                inner.y + inner.height.saturating_sub(1),
                inner.width.saturating_sub(2),
                1,
            ),
            theme,
            s,
        );
    }
}

fn edit(f: &mut TextField, a: &Action) {
    match a {
        Action::Char(c) => f.insert(*c),
        Action::Backspace => f.backspace(),
        Action::Delete => f.delete(),
        Action::Left => f.left(),
        Action::Right => f.right(),
        Action::Home => f.home(),
        Action::End => f.end(),
        _ => {}
    }
}

fn hint_row(frame: &mut Frame, area: Rect, theme: Theme, s: &UiStrings) {
    let mut spans = Vec::new();
    for (k, d) in keymap::hints(Mode::Dialog, s) {
        spans.push(Span::styled(k, theme.key()));
        spans.push(Span::raw(format!(" {d}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub enum ConfirmAction {
    Delete(PathBuf),
    ExportAnyway(PathBuf, TableStyle),
    Overwrite(PathBuf, TableStyle),
    /// Open this draft read-only (another process holds its lock).
    OpenReadOnly(String),
    /// Put the draft's `.bak` back in place of its damaged file.
    RestoreBackup(String),
    /// Paste this text into the grid, its doubled line breaks read as pairs (yes) or as
    /// typed (no).
    PasteBreaks(String),
}

pub struct Confirm {
    pub message: String,
    pub action: ConfirmAction,
}

impl Confirm {
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, s: &UiStrings) {
        // Wrapped here, by the rules the box's height is counted with (避头尾, a number or a
        // file name kept whole when it fits a line), so that nothing is cut or split oddly.
        let width = area.width.min(60);
        let inner_w = width.saturating_sub(2).max(1) as usize;
        let message = crate::sanitize::visible(&self.message);
        let mut text: Vec<Line> = crate::textwidth::wrap(&message, inner_w)
            .into_iter()
            .map(Line::from)
            .collect();
        text.push(Line::from(""));
        text.push(Line::from(Span::styled(s.yes_no, theme.key())));
        let r = centered(area, width, text.len() as u16 + 2);
        clear(frame, r);
        let block = frame_block("", theme);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        frame.render_widget(Paragraph::new(text), inner);
    }
}

/// The keys of the screen under the popup, generated from the keymap.
/// The keys of the screen under the popup, generated from the keymap; long descriptions
/// wrap, and the list scrolls (`scroll`, clamped here) when the terminal is short.
pub fn render_help(
    frame: &mut Frame,
    area: Rect,
    mode: Mode,
    theme: Theme,
    s: &UiStrings,
    scroll: &mut u16,
) {
    let entries = keymap::help(mode, s);
    let width = area.width.min(70);
    let inner_w = width.saturating_sub(2) as usize;
    let key_w = entries
        .iter()
        .map(|(k, _)| crate::textwidth::width(k))
        .max()
        .unwrap_or(0)
        .min(inner_w / 2);
    let desc_w = inner_w.saturating_sub(key_w + 2).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for (k, d) in entries {
        for (n, part) in crate::textwidth::wrap(d, desc_w).into_iter().enumerate() {
            let key = if n == 0 {
                crate::textwidth::cut(&k, key_w)
            } else {
                String::new()
            };
            lines.push(Line::from(vec![
                Span::styled(
                    crate::textwidth::pad(&key, key_w, crate::textwidth::Align::Left),
                    theme.key(),
                ),
                Span::raw(format!("  {part}")),
            ]));
        }
    }
    scrolling_box(frame, area, width, s.help_title, lines, theme, s, scroll);
}

/// `lines` in a box of `width` over `area`, closed by the help's own last line, scrolled by
/// `scroll` (clamped here): the help and a long report.
#[allow(clippy::too_many_arguments)]
fn scrolling_box(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    title: &str,
    mut lines: Vec<Line>,
    theme: Theme,
    s: &UiStrings,
    scroll: &mut u16,
) {
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(s.help_close, theme.dim())));
    let r = centered(area, width, lines.len() as u16 + 2);
    clear(frame, r);
    let block = frame_block(title, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
    *scroll = (*scroll).min(max_scroll);
    frame.render_widget(Paragraph::new(lines).scroll((*scroll, 0)), inner);
}

/// A message too long for the bottom of the screen (a paste's report at 80x24), whole, in a
/// box that scrolls like the help (`scroll`, clamped here).
pub fn render_report(
    frame: &mut Frame,
    area: Rect,
    text: &str,
    theme: Theme,
    s: &UiStrings,
    scroll: &mut u16,
) {
    let width = area.width.min(76);
    let inner_w = width.saturating_sub(2) as usize;
    // Each clause (a disagreeing total, a refused value) on lines of its own.
    let text = crate::sanitize::visible(text);
    let lines: Vec<Line> = text
        .split_inclusive(['；', ';'])
        .flat_map(|clause| crate::textwidth::wrap(clause.trim_start(), inner_w))
        .map(Line::from)
        .collect();
    scrolling_box(frame, area, width, s.report_title, lines, theme, s, scroll);
}

/// Where the clerk was going when a save failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    Quit,
    Picker,
}

/// The draft has changes the drafts folder would not take, and the clerk wants to leave:
/// never without their say. Retry, write a copy elsewhere, or discard — explicitly.
pub struct Unsaved {
    pub error: String,
    pub leave: Leave,
    /// Why the last attempt at an emergency copy failed.
    pub copy_failed: Option<String>,
}

impl Unsaved {
    pub fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, s: &UiStrings) {
        let mut text = vec![
            Line::from(Span::styled(
                crate::i18n::fill(s.unsaved_message, &[("error", &self.error)]),
                theme.banner(),
            )),
            Line::from(""),
        ];
        if let Some(e) = &self.copy_failed {
            text.push(Line::from(crate::i18n::fill(
                s.unsaved_copy_failed,
                &[("error", e)],
            )));
            text.push(Line::from(""));
        }
        for choice in s.unsaved_choices {
            text.push(Line::from(Span::styled(*choice, theme.key())));
        }
        // Wrapped here, by the same rules the height is counted with (see `Confirm`).
        let width = area.width.min(64);
        let inner_w = width.saturating_sub(2).max(1) as usize;
        let lines: Vec<Line> = text
            .into_iter()
            .flat_map(|l| {
                let style = l.spans.first().map(|s| s.style).unwrap_or_default();
                let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                let t = crate::sanitize::visible(&t).into_owned();
                crate::textwidth::wrap(&t, inner_w)
                    .into_iter()
                    .map(move |part| Line::from(Span::styled(part, style)))
            })
            .collect();
        let r = centered(area, width, lines.len() as u16 + 2);
        clear(frame, r);
        let block = frame_block(s.unsaved_title, theme);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
