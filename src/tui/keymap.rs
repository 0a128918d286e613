//! One keymap: (mode, key) → action. The help screen and the hint bar are generated from the
//! same table, so they never disagree with what the keys do.

use super::strings::UiStrings;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the focused part of the screen is doing; decides what a key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Picker,
    Outline,
    Section,
    Grid,
    CellEdit,
    Review,
    Preview,
    /// A form or confirmation popup.
    Dialog,
    Help,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Save,
    Help,
    Export,
    ToggleGuidance,
    /// Last year's value under each cell of a grid (F4).
    TogglePrevious,
    NextStep,
    PrevStep,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// The start / end of the whole text (Ctrl+Home / Ctrl+End).
    Top,
    Bottom,
    Tab,
    BackTab,
    Enter,
    Esc,
    Backspace,
    Delete,
    EditCell,
    Undo,
    Redo,
    ExternalEditor,
    New,
    Copy,
    DeleteDraft,
    Yes,
    No,
    Char(char),
}

/// A key as the help shows it.
struct Binding {
    modes: &'static [Mode],
    keys: &'static str,
    code: KeyCode,
    ctrl: bool,
    action: Action,
    help: fn(&UiStrings) -> &'static str,
}

use Mode::*;

const EVERYWHERE: &[Mode] = &[Picker, Outline, Section, Grid, CellEdit, Review, Preview];
/// Quitting works over a dialog or the help too (nothing is unsaved, so it never asks).
const ANYWHERE: &[Mode] = &[
    Picker, Outline, Section, Grid, CellEdit, Review, Preview, Dialog, Help,
];
const IN_DRAFT: &[Mode] = &[Outline, Section, Grid, CellEdit, Review, Preview];

static BINDINGS: &[Binding] = &[
    Binding {
        modes: ANYWHERE,
        keys: "Ctrl+Q",
        code: KeyCode::Char('q'),
        ctrl: true,
        action: Action::Quit,
        help: |s| s.key_quit,
    },
    Binding {
        modes: ANYWHERE,
        keys: "Ctrl+C",
        code: KeyCode::Char('c'),
        ctrl: true,
        action: Action::Quit,
        help: |s| s.key_quit,
    },
    Binding {
        modes: EVERYWHERE,
        keys: "F1",
        code: KeyCode::F(1),
        ctrl: false,
        action: Action::Help,
        help: |s| s.key_help,
    },
    Binding {
        modes: IN_DRAFT,
        keys: "Ctrl+S",
        code: KeyCode::Char('s'),
        ctrl: true,
        action: Action::Save,
        help: |s| s.key_save,
    },
    Binding {
        modes: IN_DRAFT,
        keys: "Ctrl+E",
        code: KeyCode::Char('e'),
        ctrl: true,
        action: Action::Export,
        help: |s| s.key_export,
    },
    Binding {
        modes: IN_DRAFT,
        keys: "F3",
        code: KeyCode::F(3),
        ctrl: false,
        action: Action::ToggleGuidance,
        help: |s| s.key_guidance,
    },
    Binding {
        modes: &[Grid],
        keys: "F4",
        code: KeyCode::F(4),
        ctrl: false,
        action: Action::TogglePrevious,
        help: |s| s.key_previous,
    },
    Binding {
        modes: IN_DRAFT,
        keys: "Ctrl+N",
        code: KeyCode::Char('n'),
        ctrl: true,
        action: Action::NextStep,
        help: |s| s.key_next_step,
    },
    Binding {
        modes: IN_DRAFT,
        keys: "Ctrl+P",
        code: KeyCode::Char('p'),
        ctrl: true,
        action: Action::PrevStep,
        help: |s| s.key_prev_step,
    },
    Binding {
        modes: &[Picker, Outline, Grid, Review],
        keys: "↑ ↓",
        code: KeyCode::Up,
        ctrl: false,
        action: Action::Up,
        help: |s| s.key_move,
    },
    Binding {
        modes: &[Picker],
        keys: "Enter",
        code: KeyCode::Enter,
        ctrl: false,
        action: Action::Enter,
        help: |s| s.key_open,
    },
    Binding {
        modes: &[Picker],
        keys: "n",
        code: KeyCode::Char('n'),
        ctrl: false,
        action: Action::New,
        help: |s| s.key_new,
    },
    Binding {
        modes: &[Picker],
        keys: "Esc",
        code: KeyCode::Esc,
        ctrl: false,
        action: Action::Esc,
        help: |s| s.key_quit_picker,
    },
    Binding {
        modes: &[Picker],
        keys: "c",
        code: KeyCode::Char('c'),
        ctrl: false,
        action: Action::Copy,
        help: |s| s.key_copy,
    },
    Binding {
        modes: &[Picker],
        keys: "d",
        code: KeyCode::Char('d'),
        ctrl: false,
        action: Action::DeleteDraft,
        help: |s| s.key_delete,
    },
    Binding {
        modes: &[Outline],
        keys: "Enter",
        code: KeyCode::Enter,
        ctrl: false,
        action: Action::Enter,
        help: |s| s.key_open,
    },
    Binding {
        modes: &[Outline],
        keys: "1-9",
        code: KeyCode::Null,
        ctrl: false,
        action: Action::Char('1'),
        help: |s| s.key_jump,
    },
    Binding {
        modes: &[Section, Grid, Review, Preview],
        keys: "Esc",
        code: KeyCode::Esc,
        ctrl: false,
        action: Action::Esc,
        help: |s| s.key_back,
    },
    Binding {
        modes: &[Section],
        keys: "…",
        code: KeyCode::Null,
        ctrl: false,
        action: Action::Char(' '),
        help: |s| s.key_type,
    },
    Binding {
        modes: &[Section],
        keys: "Ctrl+Home",
        code: KeyCode::Home,
        ctrl: true,
        action: Action::Top,
        help: |s| s.key_top,
    },
    Binding {
        modes: &[Section],
        keys: "Ctrl+End",
        code: KeyCode::End,
        ctrl: true,
        action: Action::Bottom,
        help: |s| s.key_bottom,
    },
    Binding {
        modes: &[Section, Grid],
        keys: "Ctrl+Z",
        code: KeyCode::Char('z'),
        ctrl: true,
        action: Action::Undo,
        help: |s| s.key_undo,
    },
    Binding {
        modes: &[Section, Grid],
        keys: "Ctrl+Y",
        code: KeyCode::Char('y'),
        ctrl: true,
        action: Action::Redo,
        help: |s| s.key_redo,
    },
    Binding {
        modes: &[Section],
        keys: "Ctrl+O",
        code: KeyCode::Char('o'),
        ctrl: true,
        action: Action::ExternalEditor,
        help: |s| s.key_editor,
    },
    Binding {
        modes: &[Grid],
        keys: "0-9",
        code: KeyCode::Null,
        ctrl: false,
        action: Action::Char('0'),
        help: |s| s.key_digits,
    },
    Binding {
        modes: &[Grid],
        keys: "F2",
        code: KeyCode::F(2),
        ctrl: false,
        action: Action::EditCell,
        help: |s| s.key_edit_cell,
    },
    Binding {
        modes: &[Grid],
        keys: "Del",
        code: KeyCode::Delete,
        ctrl: false,
        action: Action::Delete,
        help: |s| s.key_clear,
    },
    Binding {
        modes: &[Grid],
        // Pasting is the terminal's own key (Ctrl+V reaches the program as a plain key in
        // most terminals and does nothing here): say which.
        keys: "Ctrl+Shift+V",
        code: KeyCode::Null,
        ctrl: false,
        action: Action::Char('\t'),
        help: |s| s.key_paste,
    },
    Binding {
        modes: &[CellEdit],
        keys: "Enter",
        code: KeyCode::Enter,
        ctrl: false,
        action: Action::Enter,
        help: |s| s.key_commit,
    },
    Binding {
        modes: &[CellEdit],
        keys: "Esc",
        code: KeyCode::Esc,
        ctrl: false,
        action: Action::Esc,
        help: |s| s.key_cancel,
    },
    Binding {
        modes: &[Review],
        keys: "Enter",
        code: KeyCode::Enter,
        ctrl: false,
        action: Action::Enter,
        help: |s| s.key_jump,
    },
    Binding {
        modes: &[Preview],
        keys: "↑ ↓ PgUp PgDn",
        code: KeyCode::Null,
        ctrl: false,
        action: Action::Down,
        help: |s| s.key_scroll,
    },
    Binding {
        modes: &[Dialog],
        keys: "Tab",
        code: KeyCode::Tab,
        ctrl: false,
        action: Action::Tab,
        help: |s| s.key_next_field,
    },
    Binding {
        modes: &[Dialog],
        keys: "Enter",
        code: KeyCode::Enter,
        ctrl: false,
        action: Action::Enter,
        help: |s| s.key_confirm,
    },
    Binding {
        modes: &[Dialog],
        keys: "Esc",
        code: KeyCode::Esc,
        ctrl: false,
        action: Action::Esc,
        help: |s| s.key_cancel,
    },
];

/// The action of a key in a mode, if any.
pub fn action(mode: Mode, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let code = match key.code {
        // Ctrl+letter may come with the letter in upper case.
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        c => c,
    };
    if let Some(b) = BINDINGS
        .iter()
        .find(|b| b.ctrl == ctrl && b.code == code && b.modes.contains(&mode))
    {
        return Some(b.action.clone());
    }
    if ctrl || key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    Some(match code {
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::Left => Action::Left,
        KeyCode::Right => Action::Right,
        KeyCode::Home => Action::Home,
        KeyCode::End => Action::End,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Tab => Action::Tab,
        KeyCode::BackTab => Action::BackTab,
        KeyCode::Enter => Action::Enter,
        KeyCode::Esc => Action::Esc,
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Delete => Action::Delete,
        KeyCode::F(1) => Action::Help,
        KeyCode::F(2) => Action::EditCell,
        KeyCode::Char(c) if mode == Dialog && (c == 'y' || c == 'Y') => Action::Yes,
        KeyCode::Char(c) => Action::Char(c),
        _ => return None,
    })
}

/// (keys, description) for every binding of a mode, for the help screen.
pub fn help(mode: Mode, s: &UiStrings) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
        let text = (b.help)(s);
        match out.iter_mut().find(|(_, t)| *t == text) {
            // Ctrl+Q and Ctrl+C both quit: one line.
            Some(last) => {
                if !last.0.split(" / ").any(|k| k == b.keys) {
                    last.0 = format!("{} / {}", last.0, b.keys);
                }
            }
            None => out.push((b.keys.to_string(), text)),
        }
    }
    out
}

/// The few most useful keys of a mode, for the one-line hint bar.
pub fn hints(mode: Mode, s: &UiStrings) -> Vec<(String, &'static str)> {
    let wanted: &[&str] = match mode {
        Picker => &["Enter", "n", "c", "d", "F1", "Esc"],
        Outline => &["↑ ↓", "Enter", "Ctrl+E", "F3", "F1", "Ctrl+Q"],
        Section => &["Esc", "Ctrl+Z", "Ctrl+O", "Ctrl+N", "F1", "Ctrl+Q"],
        Grid => &["0-9", "F2", "Del", "Esc", "Ctrl+Z", "F1", "F4"],
        CellEdit => &["Enter", "Esc"],
        Review => &["Enter", "Esc", "Ctrl+E", "F1"],
        Preview => &["↑ ↓ PgUp PgDn", "Esc", "Ctrl+E"],
        Dialog => &["Tab", "Enter", "Esc"],
        Help => &[],
    };
    // In the order above, most useful first: a narrow bar drops the hints at its end.
    let all = help(mode, s);
    wanted
        .iter()
        .filter_map(|w| {
            all.iter()
                .find(|(k, _)| k.split(" / ").any(|p| p == *w))
                .cloned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_keys_the_readme_promises() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(action(Outline, key(KeyCode::Up, none)), Some(Action::Up));
        assert_eq!(
            action(Outline, key(KeyCode::Down, none)),
            Some(Action::Down)
        );
        assert_eq!(
            action(Outline, key(KeyCode::Enter, none)),
            Some(Action::Enter)
        );
        assert_eq!(action(Section, key(KeyCode::Esc, none)), Some(Action::Esc));
        assert_eq!(action(CellEdit, key(KeyCode::Esc, none)), Some(Action::Esc));
        assert_eq!(
            action(Grid, key(KeyCode::Char('s'), ctrl)),
            Some(Action::Save)
        );
        assert_eq!(
            action(Section, key(KeyCode::Char('e'), ctrl)),
            Some(Action::Export)
        );
        assert_eq!(action(Grid, key(KeyCode::F(1), none)), Some(Action::Help));
        assert_eq!(
            action(Section, key(KeyCode::Char('q'), ctrl)),
            Some(Action::Quit)
        );
        assert_eq!(
            action(Picker, key(KeyCode::Char('C'), ctrl)),
            Some(Action::Quit)
        );
        // In a text, letters are text.
        assert_eq!(
            action(Section, key(KeyCode::Char('n'), none)),
            Some(Action::Char('n'))
        );
        assert_eq!(
            action(Picker, key(KeyCode::Char('n'), none)),
            Some(Action::New)
        );
    }

    #[test]
    fn help_lists_each_description_once() {
        let h = help(Grid, &super::super::strings::ZH);
        let quit: Vec<_> = h
            .iter()
            .filter(|(_, t)| *t == super::super::strings::ZH.key_quit)
            .collect();
        assert_eq!(quit.len(), 1);
        assert_eq!(quit[0].0, "Ctrl+Q / Ctrl+C");
    }
}
