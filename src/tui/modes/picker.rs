//! The project and tag pickers (with counts; choosing one filters the next view), and the
//! choice of which annotation of a task to remove.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use uuid::Uuid;

use super::ctx::{Ctx, Request};
use crate::app::Core;
use crate::task::{Status, Task};
use crate::text::{fit, pad, visible};
use crate::tui::draw::boxes::{centred, clear};

/// A list to choose from: projects, tags, or a task's annotations.
#[derive(Debug, Clone)]
pub struct Picker {
    pub kind: PickKind,
    /// Label and count (or annotation entry time).
    pub entries: Vec<(String, i64)>,
    pub cursor: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickKind {
    Project,
    Tag,
    Annotation(Uuid),
    /// The taskrc's contexts (labels are names, `none` first).
    Context,
    /// The reports (labels are names).
    Report,
}

impl Picker {
    /// Projects or tags of the pending tasks, with counts.
    pub fn counts(core: &Core, kind: PickKind) -> Picker {
        let mut counts: BTreeMap<String, i64> = BTreeMap::new();
        for task in core.tasks().values() {
            if task.status() != Status::Pending || !core.in_context(task) {
                continue;
            }
            match kind {
                PickKind::Project => {
                    if let Some(p) = task.project() {
                        *counts.entry(p.to_string()).or_default() += 1;
                    }
                }
                _ => {
                    for tag in task.tags() {
                        *counts.entry(tag.to_string()).or_default() += 1;
                    }
                }
            }
        }
        Picker {
            kind,
            entries: counts.into_iter().collect(),
            cursor: 0,
        }
    }

    /// `none` and the contexts the taskrc defines, the cursor on the one in force; or why
    /// there is nothing to pick.
    pub fn contexts(core: &Core) -> Result<Picker, String> {
        let defined = &core.options().contexts.defined;
        if defined.is_empty() {
            return Err(
                "the taskrc defines no context (a line context.NAME.read=FILTER \
                        defines one)"
                    .into(),
            );
        }
        let active = core.context().map(|c| c.name());
        let entries: Vec<(String, i64)> = std::iter::once("none")
            .chain(defined.iter().map(|c| c.name.as_str()))
            .map(|n| (n.to_string(), 0))
            .collect();
        let cursor = active
            .and_then(|a| entries.iter().position(|(n, _)| n == a))
            .unwrap_or(0);
        Ok(Picker {
            kind: PickKind::Context,
            entries,
            cursor,
        })
    }

    /// Every report, the cursor on the one shown.
    pub fn reports(core: &Core) -> Picker {
        let entries: Vec<(String, i64)> = core
            .options()
            .reports
            .all()
            .map(|r| (r.name.clone(), 0))
            .collect();
        let shown = core.list().view().title();
        let cursor = entries.iter().position(|(n, _)| n == shown).unwrap_or(0);
        Picker {
            kind: PickKind::Report,
            entries,
            cursor,
        }
    }

    /// The annotations of `task`, or why there is nothing to pick.
    pub fn annotations(task: &Task) -> Result<Picker, String> {
        let entries: Vec<(String, i64)> = task
            .annotations()
            .into_iter()
            .map(|a| (a.description, a.entry.timestamp()))
            .collect();
        if entries.is_empty() {
            return Err("this task has no annotations".into());
        }
        Ok(Picker {
            kind: PickKind::Annotation(task.uuid()),
            entries,
            cursor: 0,
        })
    }

    /// A key; the picker stays open unless `None` comes back.
    pub fn key(mut self, key: &KeyEvent) -> (Option<Picker>, Request) {
        let last = self.entries.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return (None, Request::Nothing),
            KeyCode::Char('j') | KeyCode::Down => self.cursor = (self.cursor + 1).min(last),
            KeyCode::Char('k') | KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Char('g') | KeyCode::Home => self.cursor = 0,
            KeyCode::Char('G') | KeyCode::End => self.cursor = last,
            KeyCode::Enter => {
                let Some((label, value)) = self.entries.get(self.cursor) else {
                    return (None, Request::Nothing);
                };
                let request = match self.kind {
                    PickKind::Project => Request::FilterNext(format!("project:{label}")),
                    PickKind::Tag => Request::FilterNext(format!("+{label}")),
                    PickKind::Annotation(uuid) => Request::Denotate(uuid, *value),
                    PickKind::Context => Request::Context(label.clone()),
                    PickKind::Report => Request::Report(label.clone()),
                };
                return (None, request);
            }
            _ => {}
        }
        (Some(self), Request::Nothing)
    }

    pub fn draw(&self, frame: &mut Frame<'_>, ctx: &Ctx<'_>) {
        let width = if self.kind == PickKind::Context {
            76
        } else {
            60
        };
        let title = match self.kind {
            PickKind::Project => " projects (enter filters) ",
            PickKind::Tag => " tags (enter filters) ",
            PickKind::Annotation(_) => " remove which annotation? ",
            PickKind::Context => " context (enter puts it in force) ",
            PickKind::Report => " report (enter shows it) ",
        };
        let area = centred(frame, width, self.entries.len() as u16 + 2);
        let inner_h = area.height.saturating_sub(2) as usize;
        let top = self.cursor.saturating_sub(inner_h.saturating_sub(1));
        let lines: Vec<Line<'static>> = self
            .entries
            .iter()
            .enumerate()
            .skip(top)
            .take(inner_h)
            .map(|(i, (label, n))| {
                let text = match self.kind {
                    PickKind::Annotation(_) => visible(label).into_owned(),
                    PickKind::Context => context_line(ctx.core, label),
                    PickKind::Report => report_line(ctx.core, label),
                    _ => format!("{} {n:>5}", pad(&visible(label), 40)),
                };
                let style = if i == self.cursor {
                    ctx.theme.selected
                } else {
                    Style::default()
                };
                Line::styled(fit(&text, area.width.saturating_sub(2) as usize), style)
            })
            .collect();
        clear(frame, area);
        frame.render_widget(
            Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
            area,
        );
    }
}

/// A context's line in the picker: its name, whether it is in force, and its filters.
fn context_line(core: &Core, name: &str) -> String {
    let on = core.context().map_or("none", |c| c.name()) == name;
    let mark = if on { "●" } else { " " };
    let filters = match core.options().contexts.get(name) {
        None => "every task".to_string(),
        Some(c) if c.write.trim().is_empty() => format!("read: {}", visible(&c.read)),
        Some(c) => format!("read: {}   write: {}", visible(&c.read), visible(&c.write)),
    };
    format!("{mark} {} {filters}", pad(&visible(name), 14))
}

/// A report's line in the picker: its name, whether it is shown, and its description.
fn report_line(core: &Core, name: &str) -> String {
    let on = core.list().view().title() == name;
    let mark = if on { "●" } else { " " };
    let description = core
        .options()
        .reports
        .get(name)
        .map_or("", |r| r.description.as_str());
    format!(
        "{mark} {} {}",
        pad(&visible(name), 12),
        visible(description)
    )
}
