//! Styles and borders. `NO_COLOR` drops colours (emphasis stays); the ASCII border set is for
//! terminals that draw box-drawing characters two columns wide.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    pub fn from_env(ascii: bool) -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            ascii: ascii || std::env::var_os("NIANBAO_ASCII").is_some_and(|v| !v.is_empty()),
        }
    }

    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    pub fn computed(&self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::ITALIC)
    }

    pub fn error(&self) -> Style {
        if self.color {
            Style::default().fg(Color::White).bg(Color::Red)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    /// A cell that takes part in a sum or balance that does not hold (its own value may be
    /// fine): red text, underlined; without colour, underlined and italic (a bad value is
    /// underlined and bold).
    pub fn rule_broken(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::UNDERLINED)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC)
        }
    }

    pub fn error_text(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning_text(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn ok_text(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn banner(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
}
