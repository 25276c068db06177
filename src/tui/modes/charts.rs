//! The charts of progress (see [`crate::app::charts`]): the burndown (pending, started and
//! done at the end of each day, week or month), the history (added, completed and deleted in
//! each) and each project's share done. The figures come from the operation log, read once
//! when the view opens; tasks outside the context in force are left out.
//!
//! Keys: `1` `2` `3` (or tab) pick the chart, `d` `w` `m` `y` the period, `h` `l` (or the
//! arrows, or page up and down) go a screen back and forth in time, esc or `q` closes. The
//! title says the figures of the newest period shown.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};

use super::ctx::{Ctx, Request};
use crate::app::Core;
use crate::app::charts::{
    BURNDOWN_COLOURS, HISTORY_COLOURS, Pace, Period, SUMMARY_COLOURS, burndown, chart_colours,
    history, pace,
};
use crate::app::chronicle::{Life, Recorded};
use crate::app::colour_rules::Colour;
use crate::app::plot::{Ink, bars_for, burndown_grid};
use crate::app::progress::{indent_project, progress};
use crate::text::fit;
use crate::tui::draw::boxes::clear;
use crate::tui::draw::theme::style_of;

/// Which chart is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Burndown,
    History,
    Projects,
}

/// The open chart view.
#[derive(Debug, Clone, Default)]
pub struct ChartsView {
    pub tab: Tab,
    /// `d`, `w`, `m` or `y`.
    pub unit: Unit,
    /// The lives of the tasks in context, once the log has been read.
    pub lives: Option<Arc<Vec<Life>>>,
    /// The figures of the chart shown, counted when it or its period was picked (so that
    /// drawing counts nothing).
    figures: Option<Arc<Figures>>,
    /// How many periods back from now the newest one shown is.
    pub back: usize,
    /// The charts' colours, read from the settings with the log (not at every frame).
    paints: Paints,
}

/// The charts' colours (see [`crate::app::charts::BURNDOWN_COLOURS`] and its kin), as
/// solid blocks take them.
#[derive(Debug, Clone, Default)]
struct Paints {
    burndown: [Style; 3],
    history: [Style; 3],
    summary: [Style; 2],
}

impl Paints {
    fn of(core: &Core) -> Paints {
        let set = core.options().settings.taskwarrior_colours();
        let solid = |c: Colour| solid(style_of(&c));
        Paints {
            burndown: chart_colours(&set, BURNDOWN_COLOURS).map(solid),
            history: chart_colours(&set, HISTORY_COLOURS).map(solid),
            summary: chart_colours(&set, SUMMARY_COLOURS).map(solid),
        }
    }
}

/// The columns one period takes in the history: three bars of 3, gaps of 1, and 3 after.
const GROUP: usize = 14;

/// What a chart shows.
#[derive(Debug, Clone)]
enum Figures {
    Burndown(Vec<crate::app::charts::Bar>, [String; 2]),
    History(Vec<crate::app::charts::HistoryRow>),
    Projects(Vec<crate::app::progress::Progress>),
}

/// The most bars a burndown is counted for; a narrower screen shows the newest.
const MOST_BARS: usize = 200;

/// The period picked by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    #[default]
    Day,
    Week,
    Month,
    Year,
}

impl ChartsView {
    /// Take in the log read for the view: the lives of the tasks in context.
    pub fn read(&mut self, recorded: &Recorded, core: &Core) {
        let tasks: Vec<&crate::task::Task> = core
            .tasks()
            .values()
            .filter(|t| core.in_context(t))
            .collect();
        self.lives = Some(Arc::new(recorded.lives(&tasks)));
        self.paints = Paints::of(core);
        self.count(core);
    }

    /// Count the figures of the chart and period picked.
    fn count(&mut self, core: &Core) {
        let Some(lives) = &self.lives else {
            return;
        };
        let period = self.period(core);
        let (now, tz) = (core.now(), core.tz());
        self.figures = Some(Arc::new(match self.tab {
            Tab::Burndown => Figures::Burndown(
                burndown(lives, period, MOST_BARS, now, &tz),
                pace_words(pace(lives, now), now, &tz),
            ),
            Tab::History => Figures::History(history(lives, period, &tz)),
            Tab::Projects => Figures::Projects(progress(
                core.tasks().values().filter(|t| core.in_context(t)),
            )),
        }));
    }

    fn period(&self, core: &Core) -> Period {
        let monday = crate::app::calendar::week_starts_monday(&core.options().settings);
        match self.unit {
            Unit::Day => Period::Day,
            Unit::Week => Period::Week(monday),
            // The burndown has no annual chart, as in Taskwarrior.
            Unit::Year if self.tab != Tab::Burndown => Period::Year,
            Unit::Month | Unit::Year => Period::Month,
        }
    }

    /// A key; the view stays open unless `None` comes back.
    pub fn key(mut self, key: &KeyEvent, ctx: &Ctx<'_>) -> (Option<ChartsView>, Request) {
        let before = (self.tab, self.unit);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return (None, Request::Nothing),
            KeyCode::Char('1') => self.tab = Tab::Burndown,
            KeyCode::Char('2') => self.tab = Tab::History,
            KeyCode::Char('3') => self.tab = Tab::Projects,
            KeyCode::Tab => {
                self.tab = match self.tab {
                    Tab::Burndown => Tab::History,
                    Tab::History => Tab::Projects,
                    Tab::Projects => Tab::Burndown,
                }
            }
            KeyCode::BackTab => {
                self.tab = match self.tab {
                    Tab::Burndown => Tab::Projects,
                    Tab::History => Tab::Burndown,
                    Tab::Projects => Tab::History,
                }
            }
            KeyCode::Char('d') => self.unit = Unit::Day,
            KeyCode::Char('w') => self.unit = Unit::Week,
            KeyCode::Char('m') => self.unit = Unit::Month,
            KeyCode::Char('y') => self.unit = Unit::Year,
            // Back and forth in time, a screen at a time.
            KeyCode::Char('h') | KeyCode::Left | KeyCode::PageUp => {
                self.back = (self.back + self.page(ctx)).min(self.most_back());
                return (Some(self), Request::Nothing);
            }
            KeyCode::Char('l') | KeyCode::Right | KeyCode::PageDown => {
                self.back = self.back.saturating_sub(self.page(ctx));
                return (Some(self), Request::Nothing);
            }
            // Other keys do nothing here, rather than close the charts and act on the list.
            _ => return (Some(self), Request::Nothing),
        }
        if (self.tab, self.unit) != before {
            self.back = 0;
            self.count(ctx.core);
        }
        (Some(self), Request::Nothing)
    }

    /// How many periods a screen shows of the chart open, at the terminal's width.
    fn page(&self, ctx: &Ctx<'_>) -> usize {
        let width = usize::from(ctx.size.0).saturating_sub(2);
        match self.tab {
            Tab::Burndown => bars_for(width, 3),
            Tab::History => width / GROUP,
            Tab::Projects => 0,
        }
        .max(1)
    }

    /// How far back the chart open can be moved: all but its oldest screen.
    fn most_back(&self) -> usize {
        match self.figures.as_deref() {
            Some(Figures::Burndown(bars, _)) => bars.len().saturating_sub(1),
            Some(Figures::History(rows)) => rows.len().saturating_sub(1),
            _ => 0,
        }
    }

    pub fn draw(&self, frame: &mut Frame<'_>, ctx: &Ctx<'_>) {
        // Everything between the title line and the key hints.
        let screen = frame.area();
        let area = Rect::new(
            screen.x,
            screen.y + 1,
            screen.width,
            screen.height.saturating_sub(2),
        );
        clear(frame, area);
        let period = self.period(ctx.core);
        let figures = self.figures.as_deref();
        // The newest period shown, and its figures.
        let newest = match figures {
            Some(Figures::Burndown(bars, _)) => upto(bars, self.back).last().map(|b| {
                format!(
                    "{}: {} pending, {} started, {} done",
                    label(period, b.start),
                    b.pending,
                    b.started,
                    b.done
                )
            }),
            Some(Figures::History(rows)) => upto(rows, self.back).last().map(|r| {
                format!(
                    "{}: {} added, {} completed, {} deleted",
                    label(period, r.start),
                    r.added,
                    r.completed,
                    r.deleted
                )
            }),
            _ => None,
        };
        let chart = if self.tab == Tab::Burndown {
            "burndown"
        } else {
            "history"
        };
        let title = match (self.tab, newest) {
            (Tab::Projects, _) => " Projects ".to_string(),
            (_, Some(newest)) => format!(" {} {chart} · {newest} ", period.adjective()),
            (_, None) => format!(" {} {chart} ", period.adjective()),
        };
        let block = Block::default().borders(Borders::ALL).title(title);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.height < 3 || inner.width < 20 {
            return;
        }
        let body = Rect::new(inner.x, inner.y, inner.width, inner.height - 1);
        let hint = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        let keys =
            "1 burndown · 2 history · 3 projects · d/w/m/y period · h/l earlier/later · esc close";
        frame.render_widget(
            Paragraph::new(fit(keys, hint.width as usize)).style(ctx.theme.header),
            hint,
        );
        let Some(figures) = figures else {
            frame.render_widget(Paragraph::new("reading the history…"), body);
            return;
        };
        let paints = &self.paints;
        match figures {
            Figures::Burndown(bars, words) => {
                draw_burndown(frame, body, upto(bars, self.back), words, period, paints)
            }
            Figures::History(rows) => {
                draw_history(frame, body, upto(rows, self.back), period, paints)
            }
            Figures::Projects(lines) => draw_projects(frame, body, lines, paints, ctx.theme.header),
        }
    }
}

/// `items` without the newest `back` of them.
fn upto<T>(items: &[T], back: usize) -> &[T] {
    &items[..items.len().saturating_sub(back)]
}

/// A Taskwarrior chart colour is a background for blanks; here bars are solid blocks, so
/// the background becomes the blocks' colour (and they show without colour too).
fn solid(style: Style) -> Style {
    Style::default().fg(style.bg.unwrap_or(ratatui::style::Color::Reset))
}

/// Pending, started and done, told apart without colour too.
const GLYPHS: [char; 3] = ['█', '▓', '░'];

/// The pace, in words.
fn pace_words(
    pace: Pace,
    now: chrono::DateTime<chrono::Utc>,
    tz: &chrono::FixedOffset,
) -> [String; 2] {
    match pace {
        Pace::Idle => ["Nothing is open.".to_string(), String::new()],
        Pace::NotConverging => [
            "Net fix rate: -".to_string(),
            "Estimated completion: no convergence".to_string(),
        ],
        Pace::Falling { per_day, done_by } => [
            format!("Net fix rate: {per_day:.1}/d"),
            format!(
                "Estimated completion: {} ({})",
                crate::time::calendar::local_date(tz, done_by).format("%Y-%m-%d"),
                crate::time::Vague((done_by - now).num_seconds())
            ),
        ],
    }
}

fn draw_burndown(
    frame: &mut Frame<'_>,
    body: Rect,
    bars: &[crate::app::charts::Bar],
    words: &[String; 2],
    period: Period,
    paints: &Paints,
) {
    let (width, height) = (body.width as usize, body.height as usize);
    let Some(grid) = burndown_grid(bars, period, width, height, [&words[0], &words[1]]) else {
        frame.render_widget(
            Paragraph::new("The window is too small for the chart.")
                .wrap(ratatui::widgets::Wrap { trim: true }),
            body,
        );
        return;
    };
    let styles = paints.burndown;
    let lines: Vec<Line<'static>> = grid
        .rows
        .iter()
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut text = String::new();
            let mut style = Style::default();
            for &(c, ink) in row {
                let (c, s) = match ink {
                    Ink::Text => (c, Style::default()),
                    Ink::Pending => (GLYPHS[0], styles[0]),
                    Ink::Started => (GLYPHS[1], styles[1]),
                    Ink::Done => (GLYPHS[2], styles[2]),
                };
                if s != style && !text.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut text), style));
                }
                style = s;
                text.push(c);
            }
            spans.push(Span::styled(text, style));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

/// A period's label under its group of bars.
fn label(period: Period, start: chrono::NaiveDate) -> String {
    match period {
        Period::Day => start.format("%b %-d").to_string(),
        Period::Week(_) => start.format("%G w%V").to_string(),
        Period::Month => start.format("%b %Y").to_string(),
        Period::Year => start.format("%Y").to_string(),
    }
}

fn draw_history(
    frame: &mut Frame<'_>,
    body: Rect,
    rows: &[crate::app::charts::HistoryRow],
    period: Period,
    paints: &Paints,
) {
    if rows.is_empty() {
        frame.render_widget(Paragraph::new("No tasks."), body);
        return;
    }
    let styles = paints.history;
    let fits = (body.width as usize / GROUP).max(1);
    let shown = &rows[rows.len().saturating_sub(fits)..];
    let mut chart = BarChart::default()
        .bar_width(3)
        .bar_gap(1)
        .group_gap(3)
        .value_style(Style::default().add_modifier(Modifier::BOLD));
    for row in shown {
        let bars = [row.added, row.completed, row.deleted]
            .iter()
            .zip(styles)
            .map(|(&n, s)| Bar::default().value(n as u64).style(s))
            .collect::<Vec<_>>();
        chart = chart.data(
            BarGroup::default()
                .label(Line::from(label(period, row.start)))
                .bars(&bars),
        );
    }
    let legend = Line::from(vec![
        Span::styled("██", styles[0]),
        Span::raw(" added  "),
        Span::styled("██", styles[1]),
        Span::raw(" completed  "),
        Span::styled("██", styles[2]),
        Span::raw(" deleted"),
    ]);
    let chart_area = Rect::new(
        body.x,
        body.y + 1,
        body.width,
        body.height.saturating_sub(1),
    );
    frame.render_widget(
        Paragraph::new(legend),
        Rect::new(body.x, body.y, body.width, 1),
    );
    frame.render_widget(chart, chart_area);
}

fn draw_projects(
    frame: &mut Frame<'_>,
    body: Rect,
    lines: &[crate::app::progress::Progress],
    paints: &Paints,
    header: Style,
) {
    if lines.is_empty() {
        frame.render_widget(Paragraph::new("No projects."), body);
        return;
    }
    let names: Vec<String> = lines
        .iter()
        .map(|p| match p.project.as_str() {
            "" => "(none)".to_string(),
            name => indent_project(&crate::text::visible(name)),
        })
        .collect();
    let name_width = names
        .iter()
        .map(|n| crate::text::width(n))
        .max()
        .unwrap_or(0)
        .clamp(7, 30);
    // Name, remaining and complete take `name_width + 23` columns before the bar.
    let bar_width = (body.width as usize)
        .saturating_sub(name_width + 23)
        .clamp(10, 50);
    let [done, rest] = paints.summary;
    let mut out = vec![Line::styled(
        format!(
            "{:<name_width$}  {:>9}  {:>8}  0%{:>w$}",
            "Project",
            "Remaining",
            "Complete",
            "100%",
            w = bar_width - 2
        ),
        header,
    )];
    for (p, name) in lines.iter().zip(&names) {
        let filled = bar_width * p.percent() / 100;
        out.push(Line::from(vec![
            Span::raw(format!(
                "{}  {:>9}  {:>7}%  ",
                crate::text::pad(&fit(name, name_width), name_width),
                p.open,
                p.percent()
            )),
            Span::styled("█".repeat(filled), done),
            Span::styled("░".repeat(bar_width - filled), rest),
        ]));
    }
    frame.render_widget(Paragraph::new(out), body);
}
