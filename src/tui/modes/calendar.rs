//! The calendar (see [`crate::app::calendar`]): a month at a time, each day with how many
//! tasks are due or scheduled on it, coloured for overdue, due, scheduled and the taskrc's
//! holidays, weeks starting on `weekstart`; `enter` shows the tasks of the day under the
//! cursor.

use chrono::{Datelike, Days, Months, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::ctx::{Ctx, Request};
use crate::app::calendar::{
    DayCounts, counts, holidays, month_bounds, month_weeks, week_starts_monday,
};
use crate::text::fit;
use crate::tui::draw::boxes::{centred, clear};
use crate::tui::draw::theme::Theme;

/// The open calendar: the day under the cursor (its month is shown).
#[derive(Debug, Clone, Copy, Default)]
pub struct CalendarView {
    /// `None` until the first key: today.
    pub day: Option<NaiveDate>,
}

/// Each day's cell is this wide.
const CELL: usize = 8;

/// How a day with these counts is coloured: overdue, due, scheduled, or plain.
/// Where a key moves the day under the cursor: `h`/`l` (or the arrows) a day, `j`/`k` a
/// week, `H`/`L` (or page up and down) a month, `t` to `today`; the day itself when the move
/// would leave the calendar's range; `None` for a key that moves nothing.
pub(super) fn moved_day(code: KeyCode, day: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    let moved = match code {
        KeyCode::Char('l') | KeyCode::Right => day.checked_add_days(Days::new(1)),
        KeyCode::Char('h') | KeyCode::Left => day.checked_sub_days(Days::new(1)),
        KeyCode::Char('j') | KeyCode::Down => day.checked_add_days(Days::new(7)),
        KeyCode::Char('k') | KeyCode::Up => day.checked_sub_days(Days::new(7)),
        KeyCode::Char('L') | KeyCode::PageDown => day.checked_add_months(Months::new(1)),
        KeyCode::Char('H') | KeyCode::PageUp => day.checked_sub_months(Months::new(1)),
        KeyCode::Char('t') => Some(today),
        _ => return None,
    };
    Some(moved.unwrap_or(day))
}

/// A day's cell text: its number, then how many tasks fall on it (if any).
pub(super) fn day_text(d: NaiveDate, c: DayCounts) -> String {
    let mut text = format!("{:>2}", d.day());
    if c.tasks > 0 {
        text.push_str(&format!(" {}", c.tasks));
    }
    text
}

pub(super) fn day_style(c: DayCounts, theme: &Theme) -> Style {
    match c {
        DayCounts { overdue, .. } if overdue > 0 => theme.overdue,
        DayCounts { due, .. } if due > 0 => theme.due_soon,
        DayCounts { scheduled, .. } if scheduled > 0 => theme.active,
        _ => Style::default(),
    }
}

impl CalendarView {
    fn day(&self, ctx: &Ctx<'_>) -> NaiveDate {
        self.day.unwrap_or_else(|| ctx.core.today())
    }

    /// A key; the calendar stays open unless `None` comes back.
    pub fn key(self, key: &KeyEvent, ctx: &Ctx<'_>) -> (Option<CalendarView>, Request) {
        let day = self.day(ctx);
        // `[` and `]` also move a month here.
        let code = match key.code {
            KeyCode::Char('[') => KeyCode::PageUp,
            KeyCode::Char(']') => KeyCode::PageDown,
            code => code,
        };
        if code == KeyCode::Enter {
            let d = day.format("%Y-%m-%d");
            return (
                None,
                Request::FilterNext(format!("(due:{d} or scheduled:{d})")),
            );
        }
        match moved_day(code, day, ctx.core.today()) {
            Some(moved) => (Some(CalendarView { day: Some(moved) }), Request::Nothing),
            None => (None, Request::Nothing),
        }
    }

    pub fn draw(&self, frame: &mut Frame<'_>, ctx: &Ctx<'_>) {
        let core = ctx.core;
        let settings = &core.options().settings;
        let day = self.day(ctx);
        let today = core.today();
        let (first, last) = month_bounds(day);
        let monday = week_starts_monday(settings);
        let counted = counts(core.working_set_tasks(), first, last, core.tz(), core.now());
        let (holidays, _) = holidays(settings);
        let holiday = |d: NaiveDate| holidays.iter().find(|h| h.from <= d && d <= h.to);

        let area = centred(frame, (CELL * 7 + 2) as u16, 14);
        let width = area.width.saturating_sub(2) as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        let names = if monday {
            ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        } else {
            ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"]
        };
        lines.push(Line::styled(
            names
                .iter()
                .map(|n| format!("{n:<CELL$}"))
                .collect::<String>(),
            ctx.theme.header,
        ));
        for week in month_weeks(day, monday) {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for cell in week {
                let Some(d) = cell else {
                    spans.push(Span::raw(" ".repeat(CELL)));
                    continue;
                };
                let c = counted.get(&d).copied().unwrap_or_default();
                let mut text = day_text(d, c);
                if holiday(d).is_some() {
                    text.push('*');
                }
                let mut style = day_style(c, ctx.theme);
                if holiday(d).is_some() {
                    style = style.add_modifier(Modifier::UNDERLINED);
                }
                if d == today {
                    style = style.add_modifier(Modifier::BOLD);
                }
                if d == day {
                    style = ctx.theme.selected;
                }
                spans.push(Span::styled(format!("{text:<w$}", w = CELL - 1), style));
                spans.push(Span::raw(" "));
            }
            lines.push(Line::from(spans));
        }
        lines.resize(8, Line::default());
        // What the day under the cursor holds.
        let c = counted.get(&day).copied().unwrap_or_default();
        let mut said = format!("{}: ", day.format("%a %-d %b %Y"));
        said.push_str(&match (c.due, c.scheduled) {
            (0, 0) => "nothing due or scheduled".to_string(),
            (due, scheduled) => {
                let mut parts = Vec::new();
                if due > 0 {
                    parts.push(if c.overdue > 0 {
                        format!("{due} due ({} overdue)", c.overdue)
                    } else {
                        format!("{due} due")
                    });
                }
                if scheduled > 0 {
                    parts.push(format!("{scheduled} scheduled"));
                }
                parts.join(", ")
            }
        });
        if let Some(h) = holiday(day) {
            said.push_str(&format!(" · {}", h.name));
        }
        lines.push(Line::from(fit(&said, width)));
        lines.push(Line::default());
        lines.push(Line::from(fit(
            "h/l day, j/k week, H/L month · t today · enter: tasks",
            width,
        )));
        let title = format!(" {} ", first.format("%B %Y"));
        clear(frame, area);
        frame.render_widget(
            Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
            area,
        );
    }
}
