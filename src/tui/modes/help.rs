//! The help: every action with its keys (from the key map in use), then the keys of
//! prompts and forms (the date picker's among them), then where the settings are;
//! scrolled with the movement keys.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::ctx::Ctx;
use crate::text::{label, visible};
use crate::tui::draw::boxes::{centred, clear};
use crate::tui::keymap::{Action, KeyMap};

/// The open help, scrolled this many lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Help {
    pub scroll: u16,
}

impl Help {
    /// A key: the movement keys scroll, any other closes.
    pub fn key(self, key: &KeyEvent, ctx: &Ctx<'_>) -> Option<Help> {
        // Past the last line stays at the last line, so that one step back shows it move.
        let last = scroll_max(ctx_lines(ctx).len(), ctx.size.1);
        let scroll = self.scroll.min(last);
        let scroll = match key.code {
            KeyCode::Char('j') | KeyCode::Down => scroll.saturating_add(1).min(last),
            KeyCode::Char('k') | KeyCode::Up => scroll.saturating_sub(1),
            KeyCode::PageDown => scroll.saturating_add(10).min(last),
            KeyCode::PageUp => scroll.saturating_sub(10),
            _ => return None,
        };
        Some(Help { scroll })
    }

    pub fn draw(&self, frame: &mut Frame<'_>, ctx: &Ctx<'_>) {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let lines: Vec<Line<'static>> = ctx_lines(ctx)
            .into_iter()
            .map(|line| match line {
                HelpLine::Keys { keys, what } => {
                    Line::from(vec![Span::styled(label(&keys, 14), bold), Span::raw(what)])
                }
                HelpLine::Blank => Line::from(""),
                HelpLine::Text(text) => Line::from(text),
            })
            .collect();
        let area = centred(frame, 72, lines.len() as u16 + 2);
        // A screen made taller since the help was scrolled shows as much of it as fits.
        let scroll = self.scroll.min(scroll_max(lines.len(), ctx.size.1));
        clear(frame, area);
        frame.render_widget(
            Paragraph::new(lines).scroll((scroll, 0)).block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" keys (esc closes) "),
            ),
            area,
        );
    }
}

fn ctx_lines(ctx: &Ctx<'_>) -> Vec<HelpLine> {
    lines(ctx.keymap, ctx.core.options().path.as_deref())
}

/// How far `lines` lines of help scroll on a screen `height` lines tall: until the last
/// line is at the bottom of the box, no further.
fn scroll_max(lines: usize, height: u16) -> u16 {
    let lines = u16::try_from(lines).unwrap_or(u16::MAX);
    let inside = lines.saturating_add(2).min(height).saturating_sub(2);
    lines.saturating_sub(inside)
}

/// One line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// Keys, and what they do.
    Keys {
        keys: String,
        what: &'static str,
    },
    Blank,
    Text(String),
}

/// The help's lines for these keys and this settings file.
pub fn lines(keymap: &KeyMap, settings: Option<&Path>) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for action in Action::ALL {
        let keys = visible(&keymap.keys(action).join(" ")).into_owned();
        if !keys.is_empty() {
            out.push(HelpLine::Keys {
                keys,
                what: action.describe(),
            });
        }
    }
    out.push(HelpLine::Blank);
    for (keys, what) in [
        ("tab", "in a prompt: complete; in the form: next field"),
        (
            super::date_picker::KEY,
            "in a date field or after due: in a prompt: pick a date",
        ),
        ("enter / esc", "in a prompt or form: apply / cancel"),
        ("ctrl-c", "quit from anywhere"),
    ] {
        out.push(HelpLine::Keys {
            keys: keys.to_string(),
            what,
        });
    }
    if let Some(path) = settings {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Text(format!(
            "settings: {} (key.<name>=<keys>)",
            visible(&path.display().to_string())
        )));
    }
    out
}
