//! The date picker: a month on a small calendar, opened with `ctrl-d` wherever a date is
//! typed, to pick the date instead of typing it. On the edit form it works on the date
//! fields (due, scheduled, wait, until); in the add, modify and filter prompts on the date
//! attribute under or just before the cursor (`due:`, `sched:fri`, `due.before:eow`), whose
//! value the picked date replaces. Anywhere else in a prompt the picked date goes in a new
//! `due:` word after the word under the cursor (before a `--`, so that it stays an
//! attribute): a date picked with nothing named is most often a due date.
//!
//! The picker starts on the date the field or value already reads as (`fri`, `eom`,
//! `2026-12-24T09:00`), else on today. `h`/`l` move a day, `j`/`k` a week, `H`/`L` a month,
//! `t` goes to today, `enter` writes the date as `YYYY-MM-DD`, `esc` goes back with the text
//! unchanged. A time of day other than midnight that the old value had is kept
//! (`2026-12-24T09:00`), so that moving a meeting to another day keeps its hour. Weeks
//! start on the taskrc's `weekstart`; each day shows how many tasks are due or scheduled on
//! it, coloured as in the calendar (`M`). The form and the prompt each hold the picker
//! while it is open and draw it over themselves.

use chrono::{NaiveDate, NaiveTime, Timelike};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::calendar::{day_style, day_text, moved_day};
use super::ctx::Ctx;
use crate::app::Core;
use crate::app::calendar::{counts, month_bounds, month_weeks, week_starts_monday};
use crate::text::{fit, visible};
use crate::tui::draw::boxes::clear;

/// The key that opens the picker, as the hints name it.
pub const KEY: &str = "ctrl-d";

/// Whether `key` opens the picker.
pub fn opens(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('d') && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// The open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePicker {
    /// What is being picked for (`due`), for the title.
    pub field: String,
    /// The day under the cursor.
    pub day: NaiveDate,
    /// The time of day the old value had, kept in the picked date (never midnight).
    pub time: Option<NaiveTime>,
}

/// What a key in the picker comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// Still open.
    Open(DatePicker),
    /// This date, as text to put in the field.
    Chosen(String),
    /// Closed, the field left as it was.
    Cancelled,
}

/// Each day's cell is this wide, its gap included.
const CELL: usize = 6;
/// The box: seven cells and the borders wide; the weekdays, six weeks, a blank line, two
/// lines about the day and two of keys, and the borders, tall.
const SIZE: (u16, u16) = (CELL as u16 * 7 + 2, 14);

impl DatePicker {
    /// A picker for `field`, on the instant `t` (a task's date as stored), else today.
    pub fn at(core: &Core, field: &str, t: Option<chrono::DateTime<chrono::Utc>>) -> DatePicker {
        let local = t.map(|t| t.with_timezone(&core.tz()).naive_local());
        DatePicker {
            field: field.to_string(),
            day: local.map_or_else(|| core.today(), |t| t.date()),
            time: local.map(|t| t.time()).filter(|t| *t != NaiveTime::MIN),
        }
    }

    /// A picker for `field`, on the date `value` reads as (else today).
    pub fn open(core: &Core, field: &str, value: &str) -> DatePicker {
        let value = value.trim();
        let read = (!value.is_empty())
            .then(|| core.query_context().date(value).ok())
            .flatten();
        DatePicker::at(core, field, read)
    }

    /// The picked date as the field takes it: `2026-12-24`, or `2026-12-24T09:00` with the
    /// time kept (seconds only when it had some).
    pub fn text(&self) -> String {
        let day = self.day.format("%Y-%m-%d");
        match self.time {
            None => day.to_string(),
            Some(t) if t.second() == 0 => format!("{day}T{}", t.format("%H:%M")),
            Some(t) => format!("{day}T{}", t.format("%H:%M:%S")),
        }
    }

    /// A key. Keys the picker does not use are ignored: it stays open until `enter` or
    /// `esc`.
    pub fn key(mut self, key: &KeyEvent, ctx: &Ctx<'_>) -> Picked {
        match key.code {
            KeyCode::Enter => return Picked::Chosen(self.text()),
            KeyCode::Esc => return Picked::Cancelled,
            code => {
                if let Some(day) = moved_day(code, self.day, ctx.core.today()) {
                    self.day = day;
                }
            }
        }
        Picked::Open(self)
    }

    /// Draw the picker next to `at`, the place on screen of the text it picks for: below
    /// it if there is room, else above it, else in the middle of the screen.
    pub fn draw(&self, frame: &mut Frame<'_>, at: Position, ctx: &Ctx<'_>) {
        let area = place(frame.area(), at);
        let core = ctx.core;
        let today = core.today();
        let monday = week_starts_monday(&core.options().settings);
        let (first, last) = month_bounds(self.day);
        let counted = counts(core.working_set_tasks(), first, last, core.tz(), core.now());
        let width = area.width.saturating_sub(2) as usize;

        let names = if monday {
            ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        } else {
            ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"]
        };
        let mut lines: Vec<Line<'static>> = vec![Line::styled(
            names
                .iter()
                .map(|n| format!("{n:<CELL$}"))
                .collect::<String>(),
            ctx.theme.header,
        )];
        for week in month_weeks(self.day, monday) {
            let mut spans = Vec::new();
            for cell in week {
                let Some(d) = cell else {
                    spans.push(Span::raw(" ".repeat(CELL)));
                    continue;
                };
                let c = counted.get(&d).copied().unwrap_or_default();
                let text = day_text(d, c);
                let mut style = day_style(c, ctx.theme);
                if d == today {
                    style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
                }
                if d == self.day {
                    style = ctx.theme.selected.add_modifier(Modifier::BOLD);
                }
                let text = fit(&text, CELL - 1);
                spans.push(Span::styled(format!("{text:<w$}", w = CELL - 1), style));
                spans.push(Span::raw(" "));
            }
            lines.push(Line::from(spans));
        }
        lines.resize(8, Line::default());

        let mut day = self.day.format("%a %-d %b %Y").to_string();
        if let Some(t) = self.time {
            day.push_str(&t.format(" %H:%M").to_string());
        }
        if self.day == today {
            day.push_str(" (today)");
        }
        let c = counted.get(&self.day).copied().unwrap_or_default();
        let mut held = Vec::new();
        if c.due > 0 {
            held.push(match c.overdue {
                0 => format!("{} due", c.due),
                overdue => format!("{} due ({overdue} overdue)", c.due),
            });
        }
        if c.scheduled > 0 {
            held.push(format!("{} scheduled", c.scheduled));
        }
        let held = if held.is_empty() {
            "nothing due or scheduled".to_string()
        } else {
            held.join(", ")
        };
        for text in [
            day,
            held,
            "h/l day · j/k week · H/L month".into(),
            "t today · enter picks · esc cancels".into(),
        ] {
            lines.push(Line::from(fit(&text, width)));
        }

        let title = format!(" {} · {} ", visible(&self.field), first.format("%B %Y"));
        clear(frame, area);
        frame.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(fit(&title, width)),
            ),
            area,
        );
    }
}

/// Where the box goes on `screen` for text at `at`: its inside lined up with the text
/// (kept on screen), its top on the line below, or its bottom on the line above, or in the
/// middle.
fn place(screen: Rect, at: Position) -> Rect {
    let (w, h) = (SIZE.0.min(screen.width), SIZE.1.min(screen.height));
    let x =
        at.x.saturating_sub(1)
            .min(screen.right().saturating_sub(w))
            .max(screen.x);
    let y = if at.y.saturating_add(1).saturating_add(h) <= screen.bottom() {
        at.y + 1
    } else if at.y >= screen.y.saturating_add(h) {
        at.y - h
    } else {
        screen.y + (screen.height - h) / 2
    };
    Rect::new(x, y, w, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_goes_below_above_or_in_the_middle() {
        let screen = Rect::new(0, 0, 80, 24);
        assert_eq!(
            place(screen, Position::new(16, 9)),
            Rect::new(15, 10, 44, 14)
        );
        assert_eq!(
            place(screen, Position::new(16, 15)),
            Rect::new(15, 1, 44, 14)
        );
        // A prompt on the last line, its cursor far right: above it, kept on screen.
        assert_eq!(
            place(screen, Position::new(70, 23)),
            Rect::new(36, 9, 44, 14)
        );
        let short = Rect::new(0, 0, 30, 16);
        assert_eq!(place(short, Position::new(5, 8)), Rect::new(0, 1, 30, 14));
    }

    #[test]
    fn the_picked_date_keeps_a_time_of_day() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 24).unwrap();
        let at = |h, m, s| NaiveTime::from_hms_opt(h, m, s);
        let picked = |time| {
            DatePicker {
                field: "due".into(),
                day,
                time,
            }
            .text()
        };
        assert_eq!(picked(None), "2026-12-24");
        assert_eq!(picked(at(9, 0, 0)), "2026-12-24T09:00");
        assert_eq!(picked(at(23, 59, 59)), "2026-12-24T23:59:59");
    }
}
