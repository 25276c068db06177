//! Picking the task others depend on: the list keeps its movement keys, Enter picks the
//! task under the cursor, Esc gives up.

use crossterm::event::{KeyCode, KeyEvent};
use uuid::Uuid;

use super::ctx::{Ctx, Request};
use crate::tui::keymap::Action;

/// Move in the list and press Enter on the task these depend on.
#[derive(Debug, Clone)]
pub struct PickDependency {
    pub dependents: Vec<Uuid>,
}

impl PickDependency {
    /// A key; the pick goes on unless `None` comes back.
    pub fn key(self, key: &KeyEvent, ctx: &Ctx<'_>) -> (Option<PickDependency>, Request) {
        match (key.code, ctx.keymap.action(key)) {
            (KeyCode::Enter, _) => (None, Request::Depend(self.dependents)),
            (KeyCode::Esc, _) => (None, Request::Say("no dependency added".into())),
            (_, Some(action)) if is_movement(action) => (Some(self), Request::List(action)),
            _ => (Some(self), Request::Nothing),
        }
    }
}

fn is_movement(action: Action) -> bool {
    matches!(
        action,
        Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
    )
}
