//! The edit form: one line per field, Tab and Shift-Tab (or the arrows) to move, each field
//! checked as it is left, Enter to save every change as one step, Esc to leave unchanged;
//! on a date field `ctrl-d` opens the date picker (see [`super::date_picker`]). Drawn as a
//! box over the list.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use uuid::Uuid;

use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::ctx::{Ctx, Request};
use super::date_picker::{self, DatePicker, Picked};
use crate::app::Core;
use crate::app::fields::{self, DATE_FIELDS, apply_field};
use crate::task::Operation;
use crate::text::{fit, pad, visible, width};
use crate::tui::draw::boxes::{centred, clear};
use crate::tui::input::LineInput;

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
    /// The date picker, open over the focused date field.
    pub picker: Option<DatePicker>,
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
            picker: None,
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

impl Form {
    /// A key; the form stays open unless `None` comes back.
    pub fn key(mut self, key: &KeyEvent, ctx: &Ctx<'_>) -> (Option<Form>, Request) {
        if let Some(picker) = self.picker.take() {
            match picker.key(key, ctx) {
                Picked::Open(picker) => self.picker = Some(picker),
                Picked::Chosen(text) => {
                    if let Some(field) = self.fields.get_mut(self.focus) {
                        field.input.set(&text);
                        field.error = None;
                    }
                }
                Picked::Cancelled => {}
            }
            return (Some(self), Request::Nothing);
        }
        if date_picker::opens(key) {
            return self.open_picker(ctx.core);
        }
        match key.code {
            KeyCode::Esc => {
                return (None, Request::Say("edit cancelled: nothing changed".into()));
            }
            KeyCode::Tab | KeyCode::Down if !key.modifiers.contains(KeyModifiers::SHIFT) => {
                self.move_focus(ctx.core, true)
            }
            KeyCode::BackTab | KeyCode::Tab | KeyCode::Up => self.move_focus(ctx.core, false),
            KeyCode::Enter => return self.save(ctx.core),
            _ => {
                if let Some(field) = self.fields.get_mut(self.focus) {
                    field.input.key(key);
                    field.error = None;
                }
            }
        }
        (Some(self), Request::Nothing)
    }

    /// The date picker on the focused field, if it holds a date.
    fn open_picker(mut self, core: &Core) -> (Option<Form>, Request) {
        let Some(field) = self.fields.get(self.focus) else {
            return (Some(self), Request::Nothing);
        };
        if !DATE_FIELDS.contains(&field.name.as_str()) {
            let names = match DATE_FIELDS.split_last() {
                Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                None => String::new(),
            };
            let why = format!(
                "{} picks a date on the {names} fields; {} is not one",
                date_picker::KEY,
                field.name
            );
            return (Some(self), Request::Say(why));
        }
        self.picker = Some(DatePicker::open(core, &field.name, field.input.text()));
        (Some(self), Request::Nothing)
    }

    /// Every changed field, to apply as one step; on an error the form stays, on that
    /// field.
    fn save(mut self, core: &Core) -> (Option<Form>, Request) {
        let changed: Vec<(usize, String, String, String)> = self
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
        if let Some(task) = core.tasks().get(&self.uuid) {
            let mut task = task.clone();
            let mut ops: Vec<Operation> = Vec::new();
            let mut edit = task.edit(&mut ops, core.now());
            for (i, name, text, before) in &changed {
                if let Err(e) = apply_field(core, &mut edit, name, text, before) {
                    self.fields[*i].error = Some(e);
                    first_bad.get_or_insert(*i);
                }
            }
        }
        if let Some(i) = first_bad {
            self.focus = i;
            let why = "fix the marked field, or Esc to leave the task as it was";
            return (Some(self), Request::Fail(why.into()));
        }
        let changed = changed
            .into_iter()
            .map(|(_, name, text, before)| (name, text, before))
            .collect();
        (None, Request::SetFields(self.uuid, changed))
    }

    pub fn draw(&self, frame: &mut Frame<'_>, ctx: &Ctx<'_>) {
        let area = centred(frame, 76, self.fields.len() as u16 * 2 + 3);
        let label_w = 13usize;
        let value_w = area.width.saturating_sub(2 + label_w as u16) as usize;
        let mut lines = Vec::new();
        let mut cursor = None;
        for (i, field) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            let style = if focused {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            let value = visible(field.input.text()).into_owned();
            lines.push(Line::from(vec![
                Span::styled(pad(&visible(&field.name), label_w), style),
                Span::raw(fit(&value, value_w)),
            ]));
            if focused {
                let x = width(&visible(field.input.before_cursor())).min(value_w);
                cursor = Some((x as u16, lines.len() as u16 - 1));
            }
            match &field.error {
                Some(e) => lines.push(Line::styled(
                    format!("{:label_w$}{}", "", fit(&visible(e), value_w)),
                    ctx.theme.error,
                )),
                None => lines.push(Line::from("")),
            }
        }
        lines.push(Line::from(fit(
            &format!(
                "tab/shift-tab move · enter saves · esc cancels · {} picks a date",
                date_picker::KEY
            ),
            area.width.saturating_sub(2) as usize,
        )));
        clear(frame, area);
        frame.render_widget(
            Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(" edit ")),
            area,
        );
        let Some((x, y)) = cursor else {
            return;
        };
        let value_at = Position::new(area.x + 1 + label_w as u16, area.y + 1 + y);
        match &self.picker {
            Some(picker) => picker.draw(frame, value_at, ctx),
            None => frame.set_cursor_position(Position::new(value_at.x + x, value_at.y)),
        }
    }
}
