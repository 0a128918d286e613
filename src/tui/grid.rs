//! A statistics table as a spreadsheet-like grid: row labels frozen on the left, value columns
//! scrolled sideways with their group headers, totals shown computed and locked, invalid cells
//! highlighted, Excel-style editing and pasting of tab-separated blocks.

use super::keymap::Action;
use super::strings::UiStrings;
use super::textfield::TextField;
use super::theme::Theme;
use crate::draft::Draft;
use crate::format::{BlockLayout, CellRef, Format, Severity};
use crate::i18n::{Lang, fill};
use crate::rules::Evaluation;
use crate::textwidth::{Align, pad, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use std::collections::BTreeSet;

const MIN_COL: usize = 6;
const MAX_COL: usize = 10;
/// How wide a column may grow to show its whole label when the terminal has room for all.
const ROOMY_COL: usize = 16;

struct Col {
    id: String,
    /// The display width of the column's label.
    natural: usize,
    width: usize,
}

struct BlockInfo {
    caption: Option<String>,
    corner: String,
    /// (level, start, span, label)
    header: Vec<(usize, usize, usize, String)>,
    cols: Vec<Col>,
}

enum Row {
    Caption(usize),
    Header(usize, usize),
    Group {
        label: String,
        depth: usize,
    },
    Data {
        block: usize,
        id: String,
        label: String,
        depth: usize,
    },
}

/// One cell's value before and after an edit, for undo.
#[derive(Clone)]
struct Change {
    cell: CellRef,
    before: Option<String>,
    after: Option<String>,
}

pub struct TableGrid {
    pub table: String,
    blocks: Vec<BlockInfo>,
    rows: Vec<Row>,
    /// Indexes of `rows` that hold data.
    data: Vec<usize>,
    computed: BTreeSet<CellRef>,
    pub cur: usize,
    pub col: usize,
    col_offset: usize,
    scroll: usize,
    pub edit: Option<TextField>,
    undo: Vec<Vec<Change>>,
    redo: Vec<Vec<Change>>,
}

/// What the grid needs from its surroundings to draw itself.
pub struct View<'a> {
    pub format: &'a Format,
    pub eval: &'a Evaluation,
    /// Last year's cells, shown under each row's (F4), when asked for and known.
    pub previous: Option<&'a Evaluation>,
    pub theme: Theme,
    pub strings: &'static UiStrings,
    pub lang: Lang,
    pub focused: bool,
}

/// The result of an action on the grid, for the status line.
pub enum Outcome {
    Nothing,
    Changed,
    /// Nothing changed, and this says why (a total cannot be typed over …).
    Message(String),
    /// Cells changed, and this says which (a paste).
    ChangedWith(String),
    /// Nothing changed: the paste can be read two ways, and this asks which.
    Ask(String),
}

impl TableGrid {
    /// Narrow columns (labels cut) on a small terminal; whole labels in each block whose
    /// columns all fit that way.
    fn fit_columns(&mut self, avail: usize) {
        for block in &mut self.blocks {
            let roomy: usize = block
                .cols
                .iter()
                .map(|c| c.natural.clamp(MIN_COL, ROOMY_COL) + 1)
                .sum();
            for c in &mut block.cols {
                c.width = if roomy <= avail {
                    c.natural.clamp(MIN_COL, ROOMY_COL)
                } else {
                    c.natural.clamp(MIN_COL, MAX_COL)
                };
            }
        }
    }

    pub fn new(format: &Format, table_id: &str) -> Option<TableGrid> {
        let table = format.table(table_id)?;
        let mut blocks = Vec::new();
        let mut rows = Vec::new();
        for (b, layout) in BlockLayout::of_table(table).iter().enumerate() {
            let cols: Vec<Col> = layout
                .columns
                .iter()
                .map(|c| Col {
                    id: c.id.to_string(),
                    natural: width(c.label),
                    width: width(c.label).clamp(MIN_COL, MAX_COL),
                })
                .collect();
            blocks.push(BlockInfo {
                caption: layout.block.caption.clone(),
                corner: layout.block.corner.clone().unwrap_or_default(),
                header: layout
                    .header
                    .iter()
                    .map(|h| (h.level, h.start, h.span, h.label.to_string()))
                    .collect(),
                cols,
            });
            if layout.block.caption.is_some() {
                rows.push(Row::Caption(b));
            }
            for level in 0..layout.levels {
                rows.push(Row::Header(b, level));
            }
            for r in &layout.rows {
                if r.group {
                    rows.push(Row::Group {
                        label: r.label.to_string(),
                        depth: r.depth,
                    });
                } else {
                    rows.push(Row::Data {
                        block: b,
                        id: r.id.to_string(),
                        label: r.label.to_string(),
                        depth: r.depth,
                    });
                }
            }
        }
        let data = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Row::Data { .. }))
            .map(|(i, _)| i)
            .collect();
        Some(TableGrid {
            table: table_id.to_string(),
            blocks,
            rows,
            data,
            computed: crate::rules::computed_cells(format),
            cur: 0,
            col: 0,
            col_offset: 0,
            scroll: 0,
            edit: None,
            undo: Vec::new(),
            redo: Vec::new(),
        })
    }

    fn data_row(&self, i: usize) -> Option<(usize, &str)> {
        match self.rows.get(*self.data.get(i)?)? {
            Row::Data { block, id, .. } => Some((*block, id.as_str())),
            _ => None,
        }
    }

    fn cols_of(&self, i: usize) -> usize {
        self.data_row(i)
            .map_or(0, |(b, _)| self.blocks[b].cols.len())
    }

    pub fn current(&self) -> Option<CellRef> {
        self.cell_at(self.cur, self.col)
    }

    fn cell_at(&self, row: usize, col: usize) -> Option<CellRef> {
        let (b, id) = self.data_row(row)?;
        let c = self.blocks[b].cols.get(col)?;
        Some(CellRef::new(&self.table, id, &c.id))
    }

    /// Puts the cursor on a cell (from a diagnostic or a saved position).
    pub fn jump(&mut self, row: &str, col: Option<&str>) {
        if let Some(i) =
            (0..self.data.len()).find(|i| self.data_row(*i).is_some_and(|(_, id)| id == row))
        {
            self.cur = i;
            let b = self.data_row(i).map_or(0, |(b, _)| b);
            self.col = col
                .and_then(|c| self.blocks[b].cols.iter().position(|x| x.id == c))
                .unwrap_or(0);
        }
    }

    pub fn set_position(&mut self, row: usize, col: usize) {
        self.cur = row.min(self.data.len().saturating_sub(1));
        self.col = col.min(self.cols_of(self.cur).saturating_sub(1));
    }

    fn is_computed(&self, cell: &CellRef) -> bool {
        self.computed.contains(cell)
    }

    /// Handles a key while not editing a cell.
    pub fn act(
        &mut self,
        action: &Action,
        format: &Format,
        draft: &mut Draft,
        s: &UiStrings,
    ) -> Outcome {
        let last = self.data.len().saturating_sub(1);
        match action {
            Action::Up => self.set_position(self.cur.saturating_sub(1), self.col),
            Action::Down | Action::Enter => self.set_position((self.cur + 1).min(last), self.col),
            Action::PageUp => self.set_position(self.cur.saturating_sub(10), self.col),
            Action::PageDown => self.set_position((self.cur + 10).min(last), self.col),
            Action::Left => self.col = self.col.saturating_sub(1),
            Action::Right => {
                self.col = (self.col + 1).min(self.cols_of(self.cur).saturating_sub(1))
            }
            Action::Home => self.col = 0,
            Action::End => self.col = self.cols_of(self.cur).saturating_sub(1),
            Action::Tab => self.next_editable(true),
            Action::BackTab => self.next_editable(false),
            Action::EditCell => return self.begin_edit(None, draft, s),
            Action::Char(c) if !c.is_control() && *c != ' ' => {
                return self.begin_edit(Some(*c), draft, s);
            }
            Action::Delete | Action::Backspace => {
                let Some(cell) = self.current() else {
                    return Outcome::Nothing;
                };
                if self.is_computed(&cell) && draft.cell(&cell).is_none() {
                    return Outcome::Message(s.computed_cell.to_string());
                }
                // Clearing a total drops a stated number and shows the computed one again.
                return self.apply(vec![(cell, None)], format, draft);
            }
            Action::Undo => return self.undo_redo(true, format, draft, s),
            Action::Redo => return self.undo_redo(false, format, draft, s),
            _ => {}
        }
        Outcome::Nothing
    }

    /// Tab and Shift+Tab: the next cell that can be typed into, row by row.
    fn next_editable(&mut self, forward: bool) {
        let mut positions = Vec::new();
        for r in 0..self.data.len() {
            for c in 0..self.cols_of(r) {
                positions.push((r, c));
            }
        }
        let Some(here) = positions.iter().position(|p| *p == (self.cur, self.col)) else {
            return;
        };
        let n = positions.len();
        for step in 1..=n {
            let i = if forward {
                (here + step) % n
            } else {
                (here + n - step) % n
            };
            let (r, c) = positions[i];
            if self
                .cell_at(r, c)
                .is_some_and(|cell| !self.is_computed(&cell))
            {
                self.cur = r;
                self.col = c;
                return;
            }
        }
    }

    fn begin_edit(&mut self, first: Option<char>, draft: &Draft, s: &UiStrings) -> Outcome {
        let Some(cell) = self.current() else {
            return Outcome::Nothing;
        };
        if self.is_computed(&cell) {
            return Outcome::Message(s.computed_cell.to_string());
        }
        self.edit = Some(match first {
            Some(c) => TextField::new(&c.to_string()),
            None => TextField::new(draft.cell(&cell).unwrap_or("")),
        });
        Outcome::Nothing
    }

    /// Handles a key while a cell is being edited.
    pub fn act_editing(&mut self, action: &Action, format: &Format, draft: &mut Draft) -> Outcome {
        let Some(field) = self.edit.as_mut() else {
            return Outcome::Nothing;
        };
        match action {
            Action::Char(c) => field.insert(*c),
            Action::Backspace => field.backspace(),
            Action::Delete => field.delete(),
            Action::Left => field.left(),
            Action::Right => field.right(),
            Action::Home => field.home(),
            Action::End => field.end(),
            Action::Esc => self.edit = None,
            Action::Enter | Action::Tab | Action::Down | Action::Up => {
                let text = field.text().to_string();
                self.edit = None;
                let outcome = match self.current() {
                    Some(cell) => self.apply(vec![(cell, Some(text))], format, draft),
                    None => Outcome::Nothing,
                };
                let last = self.data.len().saturating_sub(1);
                match action {
                    Action::Tab => self.next_editable(true),
                    Action::Up => self.set_position(self.cur.saturating_sub(1), self.col),
                    _ => self.set_position((self.cur + 1).min(last), self.col),
                }
                return outcome;
            }
            _ => {}
        }
        Outcome::Nothing
    }

    /// Sets cells (None clears) as one undoable step.
    fn apply(
        &mut self,
        changes: Vec<(CellRef, Option<String>)>,
        format: &Format,
        draft: &mut Draft,
    ) -> Outcome {
        let mut step = Vec::new();
        for (cell, value) in changes {
            let before = draft.cell(&cell).map(str::to_string);
            draft.set_cell(format, &cell, value.as_deref().unwrap_or(""));
            let after = draft.cell(&cell).map(str::to_string);
            if before != after {
                step.push(Change {
                    cell,
                    before,
                    after,
                });
            }
        }
        if step.is_empty() {
            return Outcome::Nothing;
        }
        self.undo.push(step);
        self.redo.clear();
        Outcome::Changed
    }

    fn undo_redo(
        &mut self,
        undo: bool,
        format: &Format,
        draft: &mut Draft,
        s: &UiStrings,
    ) -> Outcome {
        let popped = if undo {
            self.undo.pop()
        } else {
            self.redo.pop()
        };
        let Some(step) = popped else {
            return Outcome::Message(s.nothing_to_undo.to_string());
        };
        for ch in step.iter().rev() {
            let value = if undo { &ch.before } else { &ch.after };
            draft.set_cell(format, &ch.cell, value.as_deref().unwrap_or(""));
        }
        if let Some(first) = step.first() {
            let (row, col) = (first.cell.row.clone(), first.cell.col.clone());
            self.jump(&row, Some(&col));
        }
        if undo {
            self.redo.push(step);
        } else {
            self.undo.push(step);
        }
        Outcome::Changed
    }

    /// Pastes a block copied from Excel or WPS (see `crate::paste`): from the cursor, or by its
    /// row labels; one undo step; the message names what was filled and all it did not write.
    pub fn paste(
        &mut self,
        text: &str,
        breaks: crate::paste::Breaks,
        format: &Format,
        draft: &mut Draft,
        s: &UiStrings,
    ) -> Outcome {
        let cursor = crate::paste::Cursor {
            row: self.cur,
            col: self.col,
        };
        let plan = match crate::paste::plan_with(format, &self.table, cursor, text, breaks) {
            Ok(plan) => plan,
            Err(e @ crate::paste::PasteError::Ambiguous { .. }) => {
                return Outcome::Ask(super::paste_report::refusal(&e, s));
            }
            Err(e) => return Outcome::Message(super::paste_report::refusal(&e, s)),
        };
        let kept = plan
            .blanks
            .iter()
            .filter(|c| draft.cell(c).is_some())
            .count();
        let writes = plan
            .writes
            .iter()
            .map(|(cell, value)| (cell.clone(), Some(value.clone())))
            .collect();
        let changed = !matches!(self.apply(writes, format, draft), Outcome::Nothing);
        let mismatches = crate::paste::verify(format, draft, &plan);
        let msg = super::paste_report::summary(format, &self.table, &plan, &mismatches, kept, s);
        if changed {
            Outcome::ChangedWith(msg)
        } else {
            Outcome::Message(msg)
        }
    }

    /// The full labels and value of the current cell, and every diagnostic about it or about
    /// a failing rule it takes part in (errors first): the area under the grid.
    pub fn status(&self, v: &View) -> (String, Vec<(Severity, String)>) {
        let Some(cell) = self.current() else {
            return (String::new(), Vec::new());
        };
        let location = crate::rules::Location::cell_text(v.format, &cell);
        let value = v
            .eval
            .display(&cell)
            .unwrap_or_else(|| v.strings.blank.to_string());
        let text = fill(
            v.strings.cell_status,
            &[("location", &location), ("value", &value)],
        );
        let text = match v.previous {
            Some(last) => {
                let then = last
                    .display(&cell)
                    .unwrap_or_else(|| v.strings.blank.to_string());
                fill(
                    v.strings.cell_status_previous,
                    &[("status", &text), ("value", &then)],
                )
            }
            None => text,
        };
        let mut diags: Vec<(Severity, String)> = Vec::new();
        for d in v.eval.at_cell(&cell) {
            diags.push((d.severity, d.message.get(v.lang).to_string()));
        }
        for d in v.eval.rules_involving(&cell) {
            // A rule about a column or row names where it holds; the cell names itself above.
            let msg = d.render(v.lang);
            if !diags.iter().any(|(_, m)| msg.ends_with(m.as_str())) {
                diags.push((d.severity, msg));
            }
        }
        diags.sort_by_key(|(s, _)| *s != Severity::Error);
        (text, diags)
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, v: &View) {
        if area.width < 4 || area.height < 2 {
            return;
        }
        let total = area.width as usize;
        let max_label = self
            .rows
            .iter()
            .map(|r| match r {
                Row::Data { label, depth, .. } | Row::Group { label, depth } => {
                    width(label) + 2 * depth
                }
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        let has_labels = !self.rows.iter().all(|r| match r {
            Row::Data { label, .. } => label.is_empty(),
            _ => true,
        });
        let label_w = if has_labels {
            max_label.min(total * 7 / 20).max(6.min(total))
        } else {
            0
        };
        let cur_block = self.data_row(self.cur).map_or(0, |(b, _)| b);
        // Scroll columns so the cursor's column is visible.
        let avail = total.saturating_sub(label_w + usize::from(has_labels));
        self.fit_columns(avail);
        self.col_offset = self.col_offset.min(self.col);
        loop {
            let used: usize = self.blocks[cur_block].cols[self.col_offset
                ..=self
                    .col
                    .min(self.blocks[cur_block].cols.len().saturating_sub(1))]
                .iter()
                .map(|c| c.width + 1)
                .sum();
            if used <= avail || self.col_offset >= self.col {
                break;
            }
            self.col_offset += 1;
        }
        let with_previous = usize::from(v.previous.is_some());
        let heading = |row: &Row| matches!(row, Row::Caption(_) | Row::Header(..));
        // One block's headings stay put while its rows scroll, unless the pane is too low to
        // show them and the cursor's row (then they scroll with the rest).
        let freeze = self.blocks.len() == 1
            && self.rows.iter().filter(|r| heading(r)).count() + 1 + with_previous
                <= area.height as usize;
        let is_frozen = |row: &Row| freeze && heading(row);
        // Where each row's line falls in the scrolled body, counted before any line is built:
        // only the lines in view are built (a table holds far more cells than a pane shows).
        let mut frozen_h = 0;
        let mut body_len = 0;
        let mut cursor_line = 0;
        for (i, row) in self.rows.iter().enumerate() {
            if is_frozen(row) {
                frozen_h += 1;
                continue;
            }
            if self.data.get(self.cur) == Some(&i) {
                cursor_line = body_len;
            }
            body_len += 1 + if matches!(row, Row::Data { .. }) {
                with_previous
            } else {
                0
            };
        }
        let body_h = (area.height as usize).saturating_sub(frozen_h).max(1);
        // Never leave empty lines below the table when it could fill them.
        self.scroll = self.scroll.min(body_len.saturating_sub(body_h));
        // With last year's line under each row, the cursor's row keeps it in view too.
        let cursor_last = cursor_line + with_previous;
        if cursor_line < self.scroll {
            self.scroll = cursor_line;
        } else if cursor_last >= self.scroll + body_h {
            self.scroll = (cursor_last + 1 - body_h).min(cursor_line);
        }
        let shown = self.scroll..self.scroll + body_h;
        let mut frozen: Vec<Line> = Vec::new();
        let mut body: Vec<Line> = Vec::new();
        let mut at = 0;
        let mut cursor_pos: Option<(usize, usize)> = None;
        for (i, row) in self.rows.iter().enumerate() {
            let frozen_row = is_frozen(row);
            let own_lines = 1 + if matches!(row, Row::Data { .. }) {
                with_previous
            } else {
                0
            };
            if !frozen_row {
                let first = at;
                at += own_lines;
                if first + own_lines <= shown.start || first >= shown.end {
                    continue;
                }
                // A row cut at the top: its lines above the pane are dropped below.
            }
            let y = if frozen_row { 0 } else { at - own_lines };
            let block = match row {
                Row::Caption(b) | Row::Header(b, _) => *b,
                Row::Data { block, .. } => *block,
                Row::Group { .. } => cur_block,
            };
            let offset = if block == cur_block {
                self.col_offset
            } else {
                0
            };
            let visible = visible_cols(&self.blocks[block].cols, offset, avail);
            let line = match row {
                Row::Caption(b) => Line::from(Span::styled(
                    self.blocks[*b].caption.clone().unwrap_or_default(),
                    v.theme.title(),
                )),
                Row::Header(b, level) => self.header_line(*b, *level, label_w, &visible, v),
                Row::Group { label, depth } => Line::from(Span::styled(
                    cut(&format!("{}{label}", "  ".repeat(*depth)), label_w),
                    v.theme.dim(),
                )),
                Row::Data {
                    block,
                    id,
                    label,
                    depth,
                } => {
                    let mut spans = vec![Span::raw(pad(
                        &cut(&format!("{}{label}", "  ".repeat(*depth)), label_w),
                        label_w,
                        Align::Left,
                    ))];
                    if has_labels {
                        spans.push(Span::raw(" "));
                    }
                    let is_cur_row = self.data.get(self.cur) == Some(&i);
                    let mut x = label_w + usize::from(has_labels);
                    for c in &visible {
                        let col = &self.blocks[*block].cols[*c];
                        let cell = CellRef::new(&self.table, id, &col.id);
                        let is_cursor = is_cur_row && *c == self.col;
                        let computed = self.is_computed(&cell);
                        let (text, style) = if is_cursor && self.edit.is_some() {
                            let (shown, cur) = self
                                .edit
                                .as_ref()
                                .map(|f| f.view(col.width))
                                .unwrap_or_default();
                            cursor_pos = Some((x + cur, y));
                            (pad(&shown, col.width, Align::Left), v.theme.selected())
                        } else {
                            let value = v.eval.display(&cell).unwrap_or_default();
                            // Imported or hand-edited values may hold control characters.
                            let value = crate::sanitize::visible(&value).into_owned();
                            let value = if computed && !value.is_empty() {
                                format!("={value}")
                            } else {
                                value
                            };
                            let has_error =
                                v.eval.at_cell(&cell).any(|d| d.severity == Severity::Error);
                            let in_broken_rule = v
                                .eval
                                .rules_involving(&cell)
                                .any(|d| d.severity == Severity::Error);
                            let style = if is_cursor && v.focused {
                                v.theme.selected()
                            } else if has_error
                                && v.eval.cells.get(&cell).is_some_and(|c| c.error.is_some())
                            {
                                v.theme.error()
                            } else if has_error || in_broken_rule {
                                v.theme.rule_broken()
                            } else if computed {
                                v.theme.computed()
                            } else {
                                ratatui::style::Style::default()
                            };
                            (pad(&cut(&value, col.width), col.width, Align::Right), style)
                        };
                        spans.push(Span::styled(text, style));
                        spans.push(Span::raw(" "));
                        x += col.width + 1;
                    }
                    Line::from(spans)
                }
            };
            let mut lines = vec![line];
            if let (
                Row::Data {
                    block, id, depth, ..
                },
                Some(last),
            ) = (row, v.previous)
            {
                lines.push(self.previous_line(*block, id, *depth, label_w, &visible, last, v));
            }
            if frozen_row {
                frozen.extend(lines);
            } else {
                // Lines of this row above the pane (a row cut at the top) are left out.
                let skip = shown.start.saturating_sub(y);
                body.extend(lines.into_iter().skip(skip));
            }
        }
        body.truncate(body_h);
        let mut lines = frozen;
        lines.extend(body);
        super::put::lines(frame.buffer_mut(), area, &lines);
        if let Some((x, y)) = cursor_pos
            && v.focused
            && y >= self.scroll
        {
            let y = frozen_h + y - self.scroll;
            if (y as u16) < area.height {
                frame.set_cursor_position(Position::new(
                    area.x + (x as u16).min(area.width - 1),
                    area.y + y as u16,
                ));
            }
        }
    }

    /// Last year's values of a data row, dim, under it: `上年` in the label column.
    #[allow(clippy::too_many_arguments)]
    fn previous_line(
        &self,
        block: usize,
        row: &str,
        depth: usize,
        label_w: usize,
        visible: &[usize],
        last: &Evaluation,
        v: &View,
    ) -> Line<'static> {
        let label = format!("{}  {}", "  ".repeat(depth), v.strings.previous_row);
        let mut spans = vec![Span::styled(
            pad(&cut(&label, label_w), label_w, Align::Left),
            v.theme.dim(),
        )];
        if label_w > 0 {
            spans.push(Span::raw(" "));
        }
        for c in visible {
            let col = &self.blocks[block].cols[*c];
            let cell = CellRef::new(&self.table, row, &col.id);
            let value = last.display(&cell).unwrap_or_default();
            let value = crate::sanitize::visible(&value).into_owned();
            spans.push(Span::styled(
                pad(&cut(&value, col.width), col.width, Align::Right),
                v.theme.dim(),
            ));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }

    fn header_line(
        &self,
        b: usize,
        level: usize,
        label_w: usize,
        visible: &[usize],
        v: &View,
    ) -> Line<'static> {
        let block = &self.blocks[b];
        let corner = if level == 0 {
            cut(&block.corner, label_w)
        } else {
            String::new()
        };
        let mut spans = vec![Span::styled(
            pad(&corner, label_w, Align::Left),
            v.theme.dim(),
        )];
        if label_w > 0 {
            spans.push(Span::raw(" "));
        }
        let mut i = 0;
        while i < visible.len() {
            let c = visible[i];
            // The header cell of this level over column c (a leaf that ends higher up leaves
            // this level blank under it).
            let cell = block
                .header
                .iter()
                .find(|(l, start, span, _)| *l == level && *start <= c && c < start + span);
            match cell {
                Some((_, start, span, label)) => {
                    let covered: Vec<usize> = visible[i..]
                        .iter()
                        .copied()
                        .take_while(|x| *x < start + span)
                        .collect();
                    let w: usize = covered
                        .iter()
                        .map(|x| block.cols[*x].width + 1)
                        .sum::<usize>()
                        - 1;
                    spans.push(Span::styled(
                        pad(&cut(label, w), w, Align::Center),
                        v.theme.title(),
                    ));
                    spans.push(Span::raw(" "));
                    i += covered.len();
                }
                _ => {
                    spans.push(Span::raw(" ".repeat(block.cols[c].width + 1)));
                    i += 1;
                }
            }
        }
        Line::from(spans)
    }
}

/// The columns from `offset` that fit in `avail` display columns (at least one).
fn visible_cols(cols: &[Col], offset: usize, avail: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut used = 0;
    for (i, c) in cols.iter().enumerate().skip(offset) {
        if used + c.width + 1 > avail && !out.is_empty() {
            break;
        }
        used += c.width + 1;
        out.push(i);
    }
    out
}

/// Cuts text to `max` display columns, marking the cut with `~` (an ASCII mark, one column:
/// grid cells are narrow).
fn cut(s: &str, max: usize) -> String {
    crate::textwidth::cut_marked(s, max, '~', 1)
}
