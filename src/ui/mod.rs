//! Rendering only: the screen drawn from the app state, with no changes to it. The layout
//! is shared with the app, so that paging and mouse clicks agree with what is on screen.

pub mod columns;
mod detail;
pub mod list;
mod overlay;
mod status;
pub mod text;
pub mod theme;
pub mod trail;

pub use overlay::help_scroll_max;

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::app::App;

/// The smallest screen tcui draws on.
pub const MIN_SIZE: (u16, u16) = (40, 8);

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    /// The list, its header row included.
    pub list: Rect,
    pub detail: Option<Rect>,
    pub status: Rect,
}

/// The layout for the app's screen size; `None` when the screen is too small.
pub fn areas(app: &App) -> Option<Areas> {
    let (w, h) = app.size;
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
        return None;
    }
    let screen = Rect::new(0, 0, w, h);
    let rows = Layout::default()
        .direction(Direction::Vertical)
        .constraints([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(status::height(app)),
        ])
        .split(screen);
    let (list, detail) = if app.show_detail {
        let wide = w >= 120;
        let parts = Layout::default()
            .direction(if wide {
                Direction::Horizontal
            } else {
                Direction::Vertical
            })
            .constraints([Constraint::Percentage(55), Constraint::Percentage(45)])
            .split(rows[1]);
        (parts[0], Some(parts[1]))
    } else {
        (rows[1], None)
    };
    Some(Areas {
        title: rows[0],
        list,
        detail,
        status: rows[2],
    })
}

/// How many task rows the list shows.
pub fn list_height(app: &App) -> u16 {
    areas(app).map_or(1, |a| a.list.height.saturating_sub(1).max(1))
}

/// The row index under a click, if it is on a task.
pub fn row_at(app: &App, column: u16, row: u16) -> Option<usize> {
    let list = areas(app)?.list;
    if column < list.x || column >= list.x + list.width || row <= list.y {
        return None;
    }
    let offset = (row - list.y - 1) as usize;
    let index = app.scroll + offset;
    (offset < list.height.saturating_sub(1) as usize && index < app.rows.len()).then_some(index)
}

/// Draw the whole screen.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let Some(areas) = areas(app) else {
        let (w, h) = app.size;
        let text = format!(
            "The terminal is {w}×{h}; tcui needs at least {}×{}. Make it larger (q quits).",
            MIN_SIZE.0, MIN_SIZE.1
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), frame.area());
        return;
    };
    status::title(app, frame, areas.title);
    list::render(app, frame, areas.list);
    if let Some(area) = areas.detail {
        detail::render(app, frame, area);
    }
    status::render(app, frame, areas.status);
    overlay::render(app, frame);
}
