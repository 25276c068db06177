//! The title line (view, counts, filter, marks) and the bottom lines: a prompt with its
//! error or completions, a question, or the last message and key hints.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{fit, visible, width};
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::mode::Mode;

/// Lines the bottom part needs: two when a prompt has something to say under it.
pub fn height(app: &App) -> u16 {
    match &app.mode {
        Mode::Prompt(p) if p.error.is_some() || !p.hints.is_empty() => 2,
        _ => 1,
    }
}

pub fn title(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let n = app.rows.len();
    let mut parts = vec![format!(
        " tcui · {} · {n} {}",
        app.view.title(),
        if n == 1 { "task" } else { "tasks" }
    )];
    if !app.query_text.is_empty() {
        parts.push(format!("filter: {}", visible(&app.query_text)));
    }
    if !app.marks.is_empty() {
        parts.push(format!("{} marked", app.marks.len()));
    }
    if app.view.needs_all() && !app.all_loaded {
        parts.push("loading every task…".into());
    }
    let left = parts.join(" · ");
    let right = crate::tui::sync_state::describe(app);
    let room = (area.width as usize).saturating_sub(width(&right) + 2);
    let left = fit(&left, room);
    let gap = (area.width as usize).saturating_sub(width(&left) + width(&right) + 1);
    let text = format!("{left}{:gap$}{right} ", "");
    frame.render_widget(
        Paragraph::new(fit(&text, area.width as usize)).style(app.config.theme.status_bar),
        area,
    );
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let line_area = Rect { height: 1, ..area };
    match &app.mode {
        Mode::Prompt(prompt) => {
            let label = format!("{}: ", prompt.kind.label());
            let text = visible(prompt.input.text()).into_owned();
            frame.render_widget(Paragraph::new(format!("{label}{text}")), line_area);
            let cursor = width(&label) + width(&visible(prompt.input.before_cursor()));
            frame.set_cursor_position(Position::new(
                area.x + (cursor as u16).min(area.width.saturating_sub(1)),
                area.y,
            ));
            let below = Rect {
                y: area.y + 1,
                height: 1,
                ..area
            };
            if let Some(e) = &prompt.error {
                frame.render_widget(
                    Paragraph::new(fit(e, area.width as usize)).style(theme.error),
                    below,
                );
            } else if !prompt.hints.is_empty() {
                let hints = prompt.hints.join("  ");
                frame.render_widget(Paragraph::new(fit(&hints, area.width as usize)), below);
            }
        }
        Mode::Confirm { question, .. } => {
            frame.render_widget(
                Paragraph::new(fit(&format!("{question} (y/n)"), area.width as usize))
                    .style(theme.error),
                line_area,
            );
        }
        _ => {
            let line = match &app.message {
                Some(m) => Line::from(Span::styled(
                    fit(&m.text, area.width as usize),
                    if m.error { theme.error } else { theme.message },
                )),
                None => Line::from(fit(&hints(app), area.width as usize)),
            };
            frame.render_widget(Paragraph::new(line), line_area);
        }
    }
}

/// The most used keys, from the key map in use.
fn hints(app: &App) -> String {
    let keymap = &app.config.keymap;
    [
        (Action::Add, "add"),
        (Action::Modify, "modify"),
        (Action::Done, "done"),
        (Action::Undo, "undo"),
        (Action::Filter, "filter"),
        (Action::ToggleDetail, "detail"),
        (Action::Help, "help"),
        (Action::Quit, "quit"),
    ]
    .into_iter()
    .filter_map(|(a, what)| {
        let key = keymap.hint(a);
        (!key.is_empty()).then(|| format!("{key} {what}"))
    })
    .collect::<Vec<_>>()
    .join("  ")
}
