//! The agenda (see [`crate::app::agenda`]): overdue first, then day by day what is due,
//! scheduled, waking up or recurring; an entry moves a day or a week with a key, as one undo
//! step.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::ctx::{Ctx, Request};
use crate::app::agenda::{Agenda, Entry, Kind};
use crate::text::{fit, visible};
use crate::tui::draw::boxes::{centred, clear};

/// How many days the agenda shows, and the longer span `w` switches to.
const WEEK: u64 = 7;
const MONTH: u64 = 28;

/// The open agenda: the entry under the cursor and how far it looks ahead.
#[derive(Debug, Clone, Copy)]
pub struct AgendaView {
    pub cursor: usize,
    pub days: u64,
}

impl Default for AgendaView {
    fn default() -> Self {
        AgendaView {
            cursor: 0,
            days: WEEK,
        }
    }
}

/// A line of the agenda as drawn: a heading, or an entry (its index among the entries).
enum Row {
    Heading(String),
    /// An entry, its index among the entries, and whether its date is shown (overdue).
    Entry(usize, Entry, bool),
    Nothing,
}

impl AgendaView {
    /// The agenda as the core's tasks stand.
    pub fn agenda(&self, ctx: &Ctx<'_>) -> Agenda {
        let core = ctx.core;
        Agenda::of(core.working_set_tasks(), core.now(), core.tz(), self.days)
    }

    /// The agenda with its cursor on `entry` once it has moved by `days`.
    pub fn following(self, entry: &Entry, days: i64, ctx: &Ctx<'_>) -> AgendaView {
        let moved = entry.at + chrono::TimeDelta::days(days);
        let cursor = self
            .agenda(ctx)
            .entries()
            .position(|e| e.uuid == entry.uuid && e.kind == entry.kind && e.at == moved)
            .unwrap_or(self.cursor);
        AgendaView { cursor, ..self }
    }

    /// A key; the agenda stays open unless `None` comes back.
    pub fn key(self, key: &KeyEvent, ctx: &Ctx<'_>) -> (Option<AgendaView>, Request) {
        let agenda = self.agenda(ctx);
        let entries: Vec<Entry> = agenda.entries().copied().collect();
        let last = entries.len().saturating_sub(1);
        let here = entries.get(self.cursor.min(last)).copied();
        let shift = |days: i64| match here {
            Some(entry) => Request::Shift(entry, days),
            None => Request::Say("nothing to move".into()),
        };
        let moved = |cursor: usize| AgendaView { cursor, ..self };
        match key.code {
            KeyCode::Char('j') | KeyCode::Down => {
                (Some(moved((self.cursor + 1).min(last))), Request::Nothing)
            }
            KeyCode::Char('k') | KeyCode::Up => {
                (Some(moved(self.cursor.saturating_sub(1))), Request::Nothing)
            }
            KeyCode::Char('g') | KeyCode::Home => (Some(moved(0)), Request::Nothing),
            KeyCode::Char('G') | KeyCode::End => (Some(moved(last)), Request::Nothing),
            KeyCode::Char('l') | KeyCode::Right => (Some(self), shift(1)),
            KeyCode::Char('h') | KeyCode::Left => (Some(self), shift(-1)),
            KeyCode::Char('L') => (Some(self), shift(7)),
            KeyCode::Char('H') => (Some(self), shift(-7)),
            KeyCode::Char('w') => {
                let days = if self.days == WEEK { MONTH } else { WEEK };
                (Some(AgendaView { days, ..self }), Request::Nothing)
            }
            KeyCode::Enter => match here {
                Some(entry) => (None, Request::GoTo(entry.uuid)),
                None => (None, Request::Nothing),
            },
            KeyCode::Char('u') => (Some(self), Request::List(crate::tui::keymap::Action::Undo)),
            _ => (None, Request::Nothing),
        }
    }

    pub fn draw(&self, frame: &mut Frame<'_>, ctx: &Ctx<'_>) {
        let core = ctx.core;
        let agenda = self.agenda(ctx);
        let area = centred(frame, 100, frame.area().height.saturating_sub(2).max(5));
        let width = area.width.saturating_sub(2) as usize;
        let inner_h = area.height.saturating_sub(3) as usize;
        let today = core.today();
        // A week shows every day; four weeks only the days with something on them.
        let rows = rows(&agenda, today, self.days <= WEEK);
        let count = agenda.entries().count();
        let cursor = self.cursor.min(count.saturating_sub(1));
        // The row of the cursor's entry, kept in view with its heading when it fits.
        let at = rows
            .iter()
            .position(|r| matches!(r, Row::Entry(i, ..) if *i == cursor))
            .unwrap_or(0);
        let top = (at + 1).saturating_sub(inner_h).min(at.saturating_sub(1));
        let mut lines: Vec<Line<'static>> = rows
            .iter()
            .skip(top)
            .take(inner_h)
            .map(|row| match row {
                Row::Heading(text) => Line::styled(
                    fit(text, width),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Row::Nothing => Line::styled(fit("  nothing", width), ctx.theme.completed),
                Row::Entry(i, entry, dated) => {
                    let local = entry.at.with_timezone(&core.tz());
                    // Under a day's heading the time is enough; overdue ones need the date.
                    let time = if *dated {
                        local.format("%a %-d %b %H:%M").to_string()
                    } else {
                        local.format("%H:%M").to_string()
                    };
                    let what = match entry.kind {
                        Kind::Recurs => format!("{} (projected)", core.describe(entry.uuid)),
                        _ => core.describe(entry.uuid),
                    };
                    let text = format!("  {time}  {:<9}  {}", entry.kind.word(), visible(&what));
                    let style = if *i == cursor {
                        ctx.theme.selected
                    } else if entry.at < core.now() {
                        ctx.theme.overdue
                    } else if entry.kind == Kind::Recurs {
                        ctx.theme.completed
                    } else {
                        Style::default()
                    };
                    Line::styled(fit(&text, width), style)
                }
            })
            .collect();
        // The keys on the box's last line.
        lines.resize(inner_h, Line::default());
        lines.push(Line::from(fit(
            "j/k move · h/l a day earlier/later · H/L a week · w 7/28 days · enter: to the task · u undo · esc",
            width,
        )));
        clear(frame, area);
        let title = format!(" agenda: the next {} days ", self.days);
        frame.render_widget(
            Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
            area,
        );
    }
}

/// The agenda's lines: the overdue heading and entries, then each day's (with `empty`, also
/// the days with nothing on them).
fn rows(agenda: &Agenda, today: chrono::NaiveDate, empty: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut index = 0;
    let mut push = |rows: &mut Vec<Row>, entries: &[Entry], dated: bool| {
        if entries.is_empty() {
            rows.push(Row::Nothing);
        }
        for entry in entries {
            rows.push(Row::Entry(index, *entry, dated));
            index += 1;
        }
    };
    if !agenda.overdue.is_empty() {
        rows.push(Row::Heading(format!("Overdue ({})", agenda.overdue.len())));
        push(&mut rows, &agenda.overdue, true);
    }
    for (date, entries) in &agenda.days {
        if entries.is_empty() && !empty {
            continue;
        }
        let name = match (*date - today).num_days() {
            0 => " · today",
            1 => " · tomorrow",
            _ => "",
        };
        rows.push(Row::Heading(format!("{}{name}", date.format("%a %-d %b"))));
        push(&mut rows, entries, false);
    }
    rows
}
