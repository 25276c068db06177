//! The title line (view, counts, filter, marks) and the bottom lines: a prompt with its
//! error or completions, a question, or the last message and key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::{fit, visible, width};
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::mode::Mode;

pub(super) fn title(app: &App, frame: &mut Frame<'_>, area: Rect) {
    frame.render_widget(
        Paragraph::new(title_text(app, area.width as usize)).style(app.theme.status_bar),
        area,
    );
}

/// The title line in `width` cells. The view, the context, the count and the marks always
/// show; when room is short, the name goes first, then the sync state and the loading note
/// shorten, and last the filter is cut.
pub(super) fn title_text(app: &App, width: usize) -> String {
    let n = app.core.list().rows().len();
    let matched = app.core.list().matched();
    let count = if matched > n {
        format!("{n} of {matched} tasks")
    } else {
        format!("{n} {}", if n == 1 { "task" } else { "tasks" })
    };
    let filter = (!app.core.list().query_text().is_empty())
        .then(|| format!("filter: {}", visible(app.core.list().query_text())));
    let marks = (!app.marks.is_empty()).then(|| format!("{} marked", app.marks.len()));
    let context = app
        .core
        .context()
        .map(|c| format!("context: {}", visible(c.name())));
    let loading = app.core.list().view().needs_all() && !app.core.all_loaded();
    let left = |name: bool, filter: Option<&str>, long: bool| -> String {
        let mut parts = Vec::new();
        if name {
            parts.push("tcui");
        }
        parts.push(app.core.list().view().title());
        parts.extend(context.as_deref());
        parts.push(&count);
        parts.extend(filter);
        parts.extend(marks.as_deref());
        if loading {
            parts.push(if long {
                "loading every task…"
            } else {
                "loading…"
            });
        }
        format!(" {}", parts.join(" · "))
    };
    let sync = [
        crate::app::sync_state::describe(&app.core),
        crate::app::sync_state::describe_short(&app.core),
    ];
    let line = |left: &str, right: &str| -> Option<String> {
        let right = if right.is_empty() {
            String::new()
        } else {
            format!("{right} ")
        };
        let gap = width.checked_sub(self::width(left) + self::width(&right))?;
        (gap >= 1 || right.is_empty()).then(|| format!("{left}{:gap$}{right}", ""))
    };
    for (name, right, long) in [(true, 0, true), (false, 0, true), (false, 1, false)] {
        if let Some(text) = line(&left(name, filter.as_deref(), long), &sync[right]) {
            return text;
        }
    }
    // The filter takes what room is left, if that is enough to tell one is in force.
    let without = left(false, None, false);
    let room = width.saturating_sub(self::width(&without) + self::width(&sync[1]) + 5);
    let filter = filter
        .filter(|_| room >= self::width("filter…"))
        .map(|f| fit(&f, room));
    let text = line(&left(false, filter.as_deref(), false), &sync[1])
        .unwrap_or_else(|| left(false, filter.as_deref(), false));
    fit(&text, width)
}

pub(super) fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    let line_area = Rect { height: 1, ..area };
    match &app.mode {
        Mode::Prompt(prompt) => prompt.draw(frame, area, &app.ctx()),
        Mode::Confirm(confirm) => confirm.draw(frame, area, &app.ctx()),
        _ => {
            let line = match &app.core.message() {
                Some(m) => Line::from(Span::styled(
                    fit(&waited(app, m), area.width as usize),
                    if m.error { theme.error } else { theme.message },
                )),
                None => Line::from(fit(&hints(app), area.width as usize)),
            };
            frame.render_widget(Paragraph::new(line), line_area);
        }
    }
}

/// A message, with a spinner once a change has waited for the replica's owner for a moment
/// (its hook scripts run before it is committed, or a command beside it has the replica).
fn waited(app: &App, m: &crate::app::Message) -> String {
    let text = visible(&m.text);
    let now = app.core.now();
    match m.waiting_since {
        Some(since) if now - since >= chrono::TimeDelta::milliseconds(300) => {
            let spin = crate::app::sync_state::spinner(since, now);
            let why = match app.core.lent_to() {
                Some(to) => format!(" (waiting for `{}`, which has the replica)", visible(to)),
                None if app.core.options().hooks.is_some() => " (hook scripts running)".into(),
                None => String::new(),
            };
            format!("{spin} {text}{why}")
        }
        _ => text.into_owned(),
    }
}

/// The most used keys, from the key map in use.
fn hints(app: &App) -> String {
    let keymap = &app.keymap;
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
