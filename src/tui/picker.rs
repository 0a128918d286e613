//! The start screen: every draft with its agency, year, last save, progress and errors.

use super::strings::UiStrings;
use super::theme::Theme;
use crate::format::Format;
use crate::i18n::fill;
use crate::rules::{Stage, evaluate};
use crate::sanitize;
use crate::storage::Store;
use crate::textwidth::{Align, pad, width};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::path::PathBuf;

pub enum Entry {
    Good {
        id: String,
        agency: String,
        year: i32,
        updated: String,
        progress: String,
        /// Errors now, and at export.
        errors: (usize, usize),
        path: PathBuf,
    },
    Broken {
        /// The draft id from the file name, to open it (and be offered its backup).
        id: String,
        path: PathBuf,
        error: String,
        /// A good `.bak` exists.
        backup: bool,
    },
}

pub struct Picker {
    pub entries: Vec<Entry>,
    pub sel: usize,
}

impl Picker {
    pub fn load(store: &Store, s: &UiStrings, today: NaiveDate) -> Result<Picker, String> {
        let listed = store.list().map_err(|e| e.message(s.lang))?;
        let mut entries: Vec<Entry> = listed
            .into_iter()
            .map(|item| match item.draft {
                Ok(d) => {
                    let (progress, errors) = match Format::by_id(&d.format) {
                        Ok(f) => {
                            let c = d.completion(f);
                            let progress = fill(
                                s.completion,
                                &[
                                    ("sections", &c.sections_written.to_string()),
                                    ("sections_total", &c.sections_required.to_string()),
                                    ("cells", &c.cells_filled.to_string()),
                                    ("cells_total", &c.cells_total.to_string()),
                                ],
                            );
                            let eval = evaluate(f, &d, Stage::Drafting, today);
                            let errors = (eval.errors(), eval.errors_at(f, Stage::Final));
                            (progress, errors)
                        }
                        Err(e) => (e.to_string(), (0, 0)),
                    };
                    Entry::Good {
                        id: d.id,
                        agency: d.agency,
                        year: d.year,
                        updated: d
                            .updated
                            .with_timezone(&chrono::Local)
                            .format("%Y-%m-%d %H:%M")
                            .to_string(),
                        progress,
                        errors,
                        path: item.path,
                    }
                }
                Err(e) => Entry::Broken {
                    backup: store.backup(&item.id).is_some_and(|b| b.is_ok()),
                    id: item.id,
                    path: item.path,
                    error: e.reason(s.lang),
                },
            })
            .collect();
        // Most recently saved first.
        entries.sort_by(|a, b| match (a, b) {
            (Entry::Good { updated: x, .. }, Entry::Good { updated: y, .. }) => y.cmp(x),
            (Entry::Good { .. }, Entry::Broken { .. }) => std::cmp::Ordering::Less,
            (Entry::Broken { .. }, Entry::Good { .. }) => std::cmp::Ordering::Greater,
            _ => std::cmp::Ordering::Equal,
        });
        Ok(Picker { entries, sel: 0 })
    }

    pub fn selected(&self) -> Option<&Entry> {
        self.entries.get(self.sel)
    }

    pub fn up(&mut self) {
        self.sel = self.sel.saturating_sub(1);
    }

    pub fn down(&mut self) {
        self.sel = (self.sel + 1).min(self.entries.len().saturating_sub(1));
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: Theme, s: &UiStrings) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(
                format!("{} · {}", s.app_title, s.picker_title),
                theme.title(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.entries.is_empty() {
            frame.render_widget(Paragraph::new(s.picker_empty), inner);
            return;
        }
        // Agency takes what the fixed columns leave.
        let fixed = [6, 16, 23, 14];
        let agency_w = (inner.width as usize)
            .saturating_sub(fixed.iter().sum::<usize>() + 5)
            .max(8);
        let widths = [agency_w, fixed[0], fixed[1], fixed[2], fixed[3]];
        let header: Vec<Span> = s
            .picker_columns
            .iter()
            .zip(widths)
            .map(|(h, w)| {
                Span::styled(
                    format!("{} ", pad(&clip(h, w), w, Align::Left)),
                    theme.dim(),
                )
            })
            .collect();
        let mut lines = vec![Line::from(header)];
        // The selected draft in full at the bottom (its name may be cut in the list, and two
        // copies of one draft differ only in their files), when there is room for it.
        let details = self.details(s, inner.width as usize);
        let details_h = if inner.height as usize > details.len() + 3 {
            details.len()
        } else {
            0
        };
        let visible = (inner.height as usize).saturating_sub(1 + details_h);
        let first = self.sel.saturating_sub(visible.saturating_sub(1));
        for (i, e) in self.entries.iter().enumerate().skip(first).take(visible) {
            let style = if i == self.sel {
                theme.selected()
            } else {
                ratatui::style::Style::default()
            };
            let line = match e {
                Entry::Good {
                    agency,
                    year,
                    updated,
                    progress,
                    errors,
                    ..
                } => {
                    let cells = [
                        sanitize::visible(agency).into_owned(),
                        year.to_string(),
                        updated.clone(),
                        progress.clone(),
                        // The status bar's count: now, and before export where it differs.
                        fill(
                            s.picker_errors_export,
                            &[
                                ("errors", &errors.0.to_string()),
                                ("final", &errors.1.to_string()),
                            ],
                        ),
                    ];
                    let text: String = cells
                        .iter()
                        .zip(widths)
                        .map(|(c, w)| format!("{} ", pad(&clip(c, w), w, Align::Left)))
                        .collect();
                    Line::from(Span::styled(text, style))
                }
                Entry::Broken {
                    path,
                    error,
                    backup,
                    ..
                } => {
                    let name = path
                        .file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                    // The backup hint first: a long error is cut at the right edge.
                    let mut spans = vec![
                        Span::styled(format!("{} ", sanitize::visible(&name)), style),
                        Span::styled(s.picker_broken, theme.error_text()),
                    ];
                    if *backup {
                        spans.push(Span::styled(
                            format!("{}{}{}", s.parens[0], s.picker_backup_hint, s.parens[1]),
                            theme.ok_text(),
                        ));
                    }
                    spans.push(Span::styled(
                        format!("{}{}", s.colon, sanitize::visible(error)),
                        theme.error_text(),
                    ));
                    Line::from(spans)
                }
            };
            lines.push(line);
        }
        frame.render_widget(Paragraph::new(lines), inner);
        if details_h > 0 {
            let at = Rect::new(
                inner.x,
                inner.bottom() - details_h as u16,
                inner.width,
                details_h as u16,
            );
            let text: Vec<Line> = details
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.dim())))
                .collect();
            frame.render_widget(Paragraph::new(text), at);
        }
    }

    /// The selected entry whole, wrapped to `width`: the agency, year and file of a draft;
    /// the file and what is wrong with a damaged one.
    fn details(&self, s: &UiStrings, width: usize) -> Vec<String> {
        let file = |p: &std::path::Path| {
            p.file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned())
        };
        let text = match self.entries.get(self.sel) {
            Some(Entry::Good {
                agency, year, path, ..
            }) => format!(
                "{} {year} · {}",
                sanitize::visible(agency),
                sanitize::visible(&file(path))
            ),
            Some(Entry::Broken { path, error, .. }) => format!(
                "{}{}{}",
                sanitize::visible(&file(path)),
                s.colon,
                sanitize::visible(error)
            ),
            None => return Vec::new(),
        };
        crate::textwidth::wrap(&text, width.max(1))
            .into_iter()
            .take(DETAIL_LINES)
            .collect()
    }
}

/// The most lines the selected entry's details take at the bottom of the picker.
const DETAIL_LINES: usize = 3;

fn clip(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    crate::textwidth::wrap(s, w.saturating_sub(1))
        .into_iter()
        .next()
        .unwrap_or_default()
        + "~"
}
