//! A question on the status line before a change: tasks to delete, or a change to one
//! recurring task that may be carried to the rest of its series.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::ctx::{Ctx, Request};
use crate::text::{fit, visible};

/// A question, the keys that answer it, and what is said on any other key.
#[derive(Debug, Clone)]
pub struct Confirm {
    /// The question with its choices (`(y/n)`).
    pub question: String,
    pub choices: Vec<(char, Request)>,
    /// Said when the key is none of the choices: nothing was done.
    pub refused: String,
}

impl Confirm {
    /// A choice's key (either case) carries it out; any other says nothing was done.
    pub fn key(self, key: &KeyEvent) -> Request {
        let KeyCode::Char(typed) = key.code else {
            return Request::Say(self.refused);
        };
        let typed = typed.to_ascii_lowercase();
        match self.choices.into_iter().find(|(c, _)| *c == typed) {
            Some((_, request)) => request,
            None => Request::Say(self.refused),
        }
    }

    /// The question on the status line `area`.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        frame.render_widget(
            Paragraph::new(fit(&visible(&self.question), area.width as usize))
                .style(ctx.theme.error),
            Rect { height: 1, ..area },
        );
    }
}
