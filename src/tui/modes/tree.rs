//! The dependency tree (see [`crate::app::tree`]): the tasks that take part in a
//! dependency, each under the task it blocks, or the other way round; folded and unfolded by
//! key; cycles marked.

use std::collections::HashSet;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use uuid::Uuid;

use super::ctx::{Ctx, Request};
use crate::app::tree::{Node, Way, tree};
use crate::text::{fit, visible};
use crate::tui::draw::boxes::{centred, clear};

/// The open tree: the line under the cursor, which way it hangs, what is folded.
#[derive(Debug, Clone, Default)]
pub struct TreeView {
    pub cursor: usize,
    pub way: Way,
    pub folded: HashSet<Uuid>,
}

impl TreeView {
    /// The tree's lines as the core's tasks stand.
    pub fn lines(&self, ctx: &Ctx<'_>) -> Vec<Node> {
        let core = ctx.core;
        tree(core.depmap(), self.way, &self.folded, |u| {
            (core.ids().get(&u).map_or(u64::MAX, |id| u64::from(*id)), u)
        })
    }

    /// A key; the tree stays open unless `None` comes back.
    pub fn key(mut self, key: &KeyEvent, ctx: &Ctx<'_>) -> (Option<TreeView>, Request) {
        let lines = self.lines(ctx);
        let last = lines.len().saturating_sub(1);
        let here = lines.get(self.cursor.min(last)).copied();
        match key.code {
            KeyCode::Char('j') | KeyCode::Down => self.cursor = (self.cursor + 1).min(last),
            KeyCode::Char('k') | KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Char('g') | KeyCode::Home => self.cursor = 0,
            KeyCode::Char('G') | KeyCode::End => self.cursor = last,
            // Fold or unfold what hangs under the task.
            KeyCode::Char(' ') | KeyCode::Char('z') => {
                if let Some(node) = here.filter(|n| n.children > 0 && !n.cycle && !n.seen)
                    && !self.folded.remove(&node.uuid)
                {
                    self.folded.insert(node.uuid);
                }
            }
            KeyCode::Char('h') | KeyCode::Left => {
                if let Some(node) = here.filter(|n| n.children > 0) {
                    self.folded.insert(node.uuid);
                }
            }
            KeyCode::Char('l') | KeyCode::Right => {
                if let Some(node) = here {
                    self.folded.remove(&node.uuid);
                }
            }
            KeyCode::Char('r') => {
                self.way = self.way.other();
                self.cursor = 0;
            }
            KeyCode::Enter => {
                return (
                    None,
                    here.map_or(Request::Nothing, |n| Request::GoTo(n.uuid)),
                );
            }
            _ => return (None, Request::Nothing),
        }
        (Some(self), Request::Nothing)
    }

    pub fn draw(&self, frame: &mut Frame<'_>, ctx: &Ctx<'_>) {
        let core = ctx.core;
        let lines = self.lines(ctx);
        let area = centred(frame, 100, frame.area().height.saturating_sub(2).max(5));
        let width = area.width.saturating_sub(2) as usize;
        let inner_h = area.height.saturating_sub(3) as usize;
        let cursor = self.cursor.min(lines.len().saturating_sub(1));
        let top = (cursor + 1).saturating_sub(inner_h);
        let mut shown: Vec<Line<'static>> = lines
            .iter()
            .enumerate()
            .skip(top)
            .take(inner_h)
            .map(|(i, node)| {
                let marker = match (node.children, node.folded) {
                    (0, _) => "·",
                    (_, true) => "▸",
                    _ => "▾",
                };
                let note = if node.cycle {
                    " ↻ cycle".to_string()
                } else if node.seen {
                    " (shown above)".to_string()
                } else if node.folded {
                    format!(" (+{})", node.children)
                } else {
                    String::new()
                };
                let text = format!(
                    "{}{marker} {}{note}",
                    "  ".repeat(node.depth),
                    visible(&core.describe(node.uuid))
                );
                let style = if i == cursor {
                    ctx.theme.selected
                } else if node.cycle {
                    ctx.theme.error
                } else if node.seen {
                    ctx.theme.completed
                } else {
                    Style::default()
                };
                Line::styled(fit(&text, width), style)
            })
            .collect();
        if lines.is_empty() {
            shown.push(Line::from(fit(
                "no pending task depends on another (D makes one depend on a task you pick)",
                width,
            )));
        }
        shown.resize(inner_h, Line::default());
        shown.push(Line::from(fit(
            "j/k move · space h l fold/unfold · r the other way · enter: to the task · esc",
            width,
        )));
        let title = match self.way {
            Way::Goals => " dependencies: each task under what it blocks ",
            Way::FirstSteps => " dependencies: each task under what it waits on ",
        };
        clear(frame, area);
        frame.render_widget(
            Paragraph::new(shown).block(Block::default().borders(Borders::ALL).title(title)),
            area,
        );
    }
}
