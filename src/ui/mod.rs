//! Rendering only: the screen drawn from the app state, with no changes to it, in the areas
//! of `tui::layout` (which paging and mouse clicks use too, so they agree with the screen).

mod detail;
pub mod list;
mod overlay;
mod status;
pub mod theme;
pub mod trail;

use ratatui::Frame;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::layout::{MIN_SIZE, areas};

/// Draw the whole screen.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let Some(areas) = areas(app.screen()) else {
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
