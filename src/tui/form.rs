//! The edit form: one line per field, Tab and Shift-Tab (or the arrows) to move, each field
//! checked as it is left, Enter to save every change as one step, Esc to leave unchanged.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use uuid::Uuid;

use super::app::App;
use super::input::LineInput;
use super::mode::Mode;
use crate::app::fields::{self, apply_field};
use crate::app::{Core, Effect, edits};
use crate::task::Operation;

/// One field of the form.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub input: LineInput,
    pub original: String,
    pub error: Option<String>,
}

/// The form over one task.
#[derive(Debug, Clone)]
pub struct Form {
    pub uuid: Uuid,
    pub fields: Vec<Field>,
    pub focus: usize,
}

impl Form {
    pub fn new(core: &Core, uuid: Uuid) -> Form {
        let fields = core
            .tasks()
            .get(&uuid)
            .map(|task| fields::fields_of(core, task))
            .unwrap_or_default()
            .into_iter()
            .map(|(name, text)| Field {
                name,
                input: LineInput::new(&text),
                original: text,
                error: None,
            })
            .collect();
        Form {
            uuid,
            fields,
            focus: 0,
        }
    }

    /// Check the focused field on its own, leaving the reason on it.
    fn check_focused(&mut self, core: &Core) {
        let Some(task) = core.tasks().get(&self.uuid) else {
            return;
        };
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let mut task = task.clone();
        let mut ops = Vec::new();
        let mut edit = task.edit(&mut ops, core.now());
        field.error = apply_field(
            core,
            &mut edit,
            &field.name,
            field.input.text(),
            &field.original,
        )
        .err();
    }

    fn move_focus(&mut self, core: &Core, forward: bool) {
        self.check_focused(core);
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }
}

/// A key while the form is open.
pub fn key(app: &mut App, mut form: Form, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => {
            app.say("edit cancelled: nothing changed");
            return Vec::new();
        }
        KeyCode::Tab | KeyCode::Down if !key.modifiers.contains(KeyModifiers::SHIFT) => {
            form.move_focus(app.core(), true)
        }
        KeyCode::BackTab | KeyCode::Tab | KeyCode::Up => form.move_focus(app.core(), false),
        KeyCode::Enter => return save(app, form),
        _ => {
            if let Some(field) = form.fields.get_mut(form.focus) {
                field.input.key(&key);
                field.error = None;
            }
        }
    }
    app.mode = Mode::Form(Box::new(form));
    Vec::new()
}

/// Apply every changed field as one step; on an error the form stays, on that field.
fn save(app: &mut App, mut form: Form) -> Vec<Effect> {
    let changed: Vec<(usize, String, String, String)> = form
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.input.text().trim() != f.original.trim())
        .map(|(i, f)| {
            (
                i,
                f.name.clone(),
                f.input.text().to_string(),
                f.original.clone(),
            )
        })
        .collect();
    // Check all first, so that nothing is committed if any field is wrong.
    let mut first_bad = None;
    let core = app.core();
    if let Some(task) = core.tasks().get(&form.uuid) {
        let mut task = task.clone();
        let mut ops: Vec<Operation> = Vec::new();
        let mut edit = task.edit(&mut ops, core.now());
        for (i, name, text, before) in &changed {
            if let Err(e) = apply_field(core, &mut edit, name, text, before) {
                form.fields[*i].error = Some(e);
                first_bad.get_or_insert(*i);
            }
        }
    }
    if let Some(i) = first_bad {
        form.focus = i;
        app.fail("fix the marked field, or Esc to leave the task as it was");
        app.mode = Mode::Form(Box::new(form));
        return Vec::new();
    }
    let uuid = form.uuid;
    let changed: Vec<(String, String, String)> = changed
        .into_iter()
        .map(|(_, name, text, before)| (name, text, before))
        .collect();
    app.edit(|core| edits::set_fields(core, uuid, &changed))
}
