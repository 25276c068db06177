//! Where each part of the screen goes, for a screen's size and what it shows: the renderer
//! draws in these areas, and paging, mouse clicks and scrolling use the same ones.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// What the layout depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    /// Columns and lines.
    pub size: (u16, u16),
    pub show_detail: bool,
    /// Lines the bottom part needs (two when a prompt has something to say under it).
    pub status_height: u16,
}

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

/// The layout of `screen`; `None` when it is too small.
pub fn areas(screen: Screen) -> Option<Areas> {
    let (w, h) = screen.size;
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
        return None;
    }
    let rows = Layout::default()
        .direction(Direction::Vertical)
        .constraints([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(screen.status_height),
        ])
        .split(Rect::new(0, 0, w, h));
    let (list, detail) = if screen.show_detail {
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
pub fn list_height(screen: Screen) -> u16 {
    areas(screen).map_or(1, |a| a.list.height.saturating_sub(1).max(1))
}

/// The index of the row under a click, if it is on one of `rows` rows shown from `scroll`.
pub fn row_at(screen: Screen, scroll: usize, rows: usize, column: u16, row: u16) -> Option<usize> {
    let list = areas(screen)?.list;
    if column < list.x || column >= list.x + list.width || row <= list.y {
        return None;
    }
    let offset = (row - list.y - 1) as usize;
    let index = scroll + offset;
    (offset < list.height.saturating_sub(1) as usize && index < rows).then_some(index)
}
