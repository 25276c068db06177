//! Rendering only: the screen drawn from the app state, with no changes to it, in the areas
//! of `tui::layout` (which paging and mouse clicks use too, so they agree with the screen).

pub mod boxes;
mod detail;
pub mod list;
mod status;
pub mod theme;
pub mod trail;

use ratatui::Frame;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::layout::{MIN_SIZE, areas};
use crate::tui::mode::Mode;

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
    let ctx = app.ctx();
    match app.mode() {
        Mode::Help(help) => help.draw(frame, &ctx),
        Mode::Pick(picker) => picker.draw(frame, &ctx),
        Mode::Form(form) => form.draw(frame, &ctx),
        Mode::Changes(changes) => changes.draw(frame, &ctx),
        Mode::Agenda(agenda) => agenda.draw(frame, &ctx),
        Mode::Tree(view) => view.draw(frame, &ctx),
        Mode::Calendar(view) => view.draw(frame, &ctx),
        Mode::Charts(view) => view.draw(frame, &ctx),
        Mode::SyncForm(form) => form.draw(frame, &ctx),
        _ => {}
    }
}
