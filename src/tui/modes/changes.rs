//! The changes other replicas made since the user last looked, and local edits that lost to
//! them (which `r` sets again, as a new edit).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::ctx::{Ctx, Request};
use crate::text::{fit, quoted, visible};
use crate::tui::draw::boxes::{centred, clear};

/// The open list of changes, its cursor on one.
#[derive(Debug, Clone, Copy, Default)]
pub struct Changes {
    pub cursor: usize,
}

impl Changes {
    /// A key; the list stays open unless `None` comes back.
    pub fn key(self, key: &KeyEvent, ctx: &Ctx<'_>) -> (Option<Changes>, Request) {
        let elsewhere = ctx.core.elsewhere();
        let last = elsewhere.len().saturating_sub(1);
        let cursor = match key.code {
            KeyCode::Char('j') | KeyCode::Down => (self.cursor + 1).min(last),
            KeyCode::Char('k') | KeyCode::Up => self.cursor.saturating_sub(1),
            KeyCode::Char('r') => return (Some(self), Request::Restore(self.cursor)),
            KeyCode::Enter => {
                let request = elsewhere
                    .get(self.cursor)
                    .map_or(Request::Nothing, |e| Request::GoTo(e.uuid));
                return (None, request);
            }
            // Closing the panel means the user has seen these.
            _ => return (None, Request::ForgetElsewhere),
        };
        (Some(Changes { cursor }), Request::Nothing)
    }

    pub fn draw(&self, frame: &mut Frame<'_>, ctx: &Ctx<'_>) {
        let core = ctx.core;
        let area = centred(frame, 90, core.elsewhere().len() as u16 + 3);
        let inner_h = area.height.saturating_sub(3) as usize;
        let top = self.cursor.saturating_sub(inner_h.saturating_sub(1));
        let width = area.width.saturating_sub(2) as usize;
        let mut lines: Vec<Line<'static>> = core
            .elsewhere()
            .iter()
            .enumerate()
            .skip(top)
            .take(inner_h)
            .map(|(i, e)| {
                let what = match (&e.lost, e.twin) {
                    (None, Some(twin)) => format!(
                        "a twin made elsewhere ({}) was joined into it",
                        &twin.to_string()[..8]
                    ),
                    (None, None) => "changed elsewhere".to_string(),
                    (Some((property, value)), _) => format!(
                        "your {} {} lost to a later change (r restores it)",
                        visible(property),
                        value.as_deref().map_or("removal".to_string(), quoted)
                    ),
                };
                let text = format!(
                    "{:>5} ago  {}  {what}",
                    crate::time::format_age(e.at, core.now()),
                    core.describe(e.uuid)
                );
                let style = if i == self.cursor {
                    ctx.theme.selected
                } else {
                    Style::default()
                };
                Line::styled(fit(&text, width), style)
            })
            .collect();
        lines.push(Line::from(
            "j/k move · enter goes to the task · r restores · esc closes",
        ));
        clear(frame, area);
        frame.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" changed elsewhere "),
            ),
            area,
        );
    }
}
