//! A yes-or-no question on the status line before tasks are deleted.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use uuid::Uuid;

use super::ctx::{Ctx, Request};
use crate::text::{fit, visible};

/// Delete these tasks? (y/n)
#[derive(Debug, Clone)]
pub struct Confirm {
    pub question: String,
    pub uuids: Vec<Uuid>,
}

impl Confirm {
    /// `y` deletes; any other key says nothing was.
    pub fn key(self, key: &KeyEvent) -> Request {
        if matches!(key.code, KeyCode::Char('y' | 'Y')) {
            Request::Delete(self.uuids)
        } else {
            Request::Say(format!("{} no: nothing was deleted", self.question))
        }
    }

    /// The question on the status line `area`.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        frame.render_widget(
            Paragraph::new(fit(
                &format!("{} (y/n)", visible(&self.question)),
                area.width as usize,
            ))
            .style(ctx.theme.error),
            Rect { height: 1, ..area },
        );
    }
}
