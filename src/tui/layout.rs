//! Where each part of the screen goes, for the app's screen size and state: the renderer
//! draws in these areas, and paging, mouse clicks and scrolling use the same ones.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

use super::app::App;
use super::help;
use super::mode::Mode;

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
            Constraint::Length(status_height(app)),
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
    (offset < list.height.saturating_sub(1) as usize && index < app.list.rows().len())
        .then_some(index)
}

/// Lines the bottom part needs: two when a prompt has something to say under it.
pub fn status_height(app: &App) -> u16 {
    match &app.mode {
        Mode::Prompt(p) if p.error.is_some() || !p.hints.is_empty() => 2,
        _ => 1,
    }
}

/// How far the help scrolls: until its last line is at the bottom of its box, no further.
pub fn help_scroll_max(app: &App) -> u16 {
    let lines = help::lines(&app.config).len() as u16;
    let inside = lines.saturating_add(2).min(app.size.1).saturating_sub(2);
    lines.saturating_sub(inside)
}
