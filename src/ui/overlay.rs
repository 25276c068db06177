//! Boxes drawn over the list: the help (generated from the key map in use), pickers, and the
//! edit form.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::text::{fit, label, pad, quoted, visible, width, wrap};
use crate::tui::app::App;
use crate::tui::form::Form;
use crate::tui::help::{self, HelpLine};
use crate::tui::layout;
use crate::tui::mode::{Mode, PickKind, Picker};
use crate::tui::sync_form::{FIELDS, SyncForm};

pub(super) fn render(app: &App, frame: &mut Frame<'_>) {
    match &app.mode {
        Mode::Help { scroll } => help(app, frame, *scroll),
        Mode::Pick(picker) => pick(app, frame, picker),
        Mode::Form(form) => form_box(app, frame, form),
        Mode::Changes { cursor } => changes(app, frame, *cursor),
        Mode::SyncForm(form) => sync_form(app, frame, form),
        _ => {}
    }
}

/// A box of at most `w`×`h` in the middle of the screen.
fn centred(frame: &Frame<'_>, w: u16, h: u16) -> Rect {
    let area = frame.area();
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Clear `area` for a box drawn over the list. A wide character just left of the box, whose
/// right half the box covers, is blanked as well: left in place it would be drawn over the
/// box's left border.
fn clear(frame: &mut Frame<'_>, area: Rect) {
    frame.render_widget(Clear, area);
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        for back in 1..=2u16 {
            let Some(x) = area.x.checked_sub(back) else {
                break;
            };
            if let Some(cell) = buffer.cell_mut((x, y))
                && width(cell.symbol()) > usize::from(back)
            {
                cell.reset();
            }
        }
    }
}

/// The help's lines, styled.
fn help_lines(app: &App) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    help::lines(&app.keymap, app.core.options().path.as_deref())
        .into_iter()
        .map(|line| match line {
            HelpLine::Keys { keys, what } => {
                Line::from(vec![Span::styled(label(&keys, 14), bold), Span::raw(what)])
            }
            HelpLine::Blank => Line::from(""),
            HelpLine::Text(text) => Line::from(text),
        })
        .collect()
}

fn help(app: &App, frame: &mut Frame<'_>, scroll: u16) {
    let lines = help_lines(app);
    let area = centred(frame, 72, lines.len() as u16 + 2);
    // A screen made taller since the help was scrolled shows as much of it as fits.
    let scroll = scroll.min(layout::help_scroll_max(
        &app.keymap,
        app.core.options().path.as_deref(),
        app.size.1,
    ));
    clear(frame, area);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" keys (esc closes) "),
        ),
        area,
    );
}

fn pick(app: &App, frame: &mut Frame<'_>, picker: &Picker) {
    let title = match picker.kind {
        PickKind::Project => " projects (enter filters) ",
        PickKind::Tag => " tags (enter filters) ",
        PickKind::Annotation(_) => " remove which annotation? ",
    };
    let area = centred(frame, 60, picker.entries.len() as u16 + 2);
    let inner_h = area.height.saturating_sub(2) as usize;
    let top = picker.cursor.saturating_sub(inner_h.saturating_sub(1));
    let lines: Vec<Line<'static>> = picker
        .entries
        .iter()
        .enumerate()
        .skip(top)
        .take(inner_h)
        .map(|(i, (label, n))| {
            let text = match picker.kind {
                PickKind::Annotation(_) => visible(label).into_owned(),
                _ => format!("{} {n:>5}", pad(&visible(label), 40)),
            };
            let style = if i == picker.cursor {
                app.theme.selected
            } else {
                Style::default()
            };
            Line::styled(fit(&text, area.width.saturating_sub(2) as usize), style)
        })
        .collect();
    clear(frame, area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

fn form_box(app: &App, frame: &mut Frame<'_>, form: &Form) {
    let area = centred(frame, 76, form.fields.len() as u16 * 2 + 3);
    let label_w = 13usize;
    let value_w = area.width.saturating_sub(2 + label_w as u16) as usize;
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let style = if focused {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        let value = visible(field.input.text()).into_owned();
        lines.push(Line::from(vec![
            Span::styled(pad(&visible(&field.name), label_w), style),
            Span::raw(fit(&value, value_w)),
        ]));
        if focused {
            let x = width(&visible(field.input.before_cursor())).min(value_w);
            cursor = Some((x as u16, lines.len() as u16 - 1));
        }
        match &field.error {
            Some(e) => lines.push(Line::styled(
                format!("{:label_w$}{}", "", fit(&visible(e), value_w)),
                app.theme.error,
            )),
            None => lines.push(Line::from("")),
        }
    }
    lines.push(Line::from("tab/shift-tab move · enter saves · esc cancels"));
    clear(frame, area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(" edit ")),
        area,
    );
    if let Some((x, y)) = cursor {
        frame.set_cursor_position(Position::new(
            area.x + 1 + label_w as u16 + x,
            area.y + 1 + y,
        ));
    }
}

/// The changes from other replicas, and local edits that lost to them.
fn changes(app: &App, frame: &mut Frame<'_>, cursor: usize) {
    let area = centred(frame, 90, app.core.elsewhere().len() as u16 + 3);
    let inner_h = area.height.saturating_sub(3) as usize;
    let top = cursor.saturating_sub(inner_h.saturating_sub(1));
    let width = area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line<'static>> = app
        .core
        .elsewhere()
        .iter()
        .enumerate()
        .skip(top)
        .take(inner_h)
        .map(|(i, e)| {
            let what = match &e.lost {
                None => "changed elsewhere".to_string(),
                Some((property, value)) => format!(
                    "your {} {} lost to a later change (r restores it)",
                    visible(property),
                    value.as_deref().map_or("removal".to_string(), quoted)
                ),
            };
            let text = format!(
                "{:>5} ago  {}  {what}",
                crate::time::format_age(e.at, app.core.now()),
                app.core.describe(e.uuid)
            );
            let style = if i == cursor {
                app.theme.selected
            } else {
                Style::default()
            };
            Line::styled(fit(&text, width), style)
        })
        .collect();
    lines.push(Line::from(
        "j/k move · enter goes to the task · r restores · esc closes",
    ));
    clear(frame, area);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" changed elsewhere "),
        ),
        area,
    );
}

/// The sync settings screen.
fn sync_form(app: &App, frame: &mut Frame<'_>, form: &SyncForm) {
    // The answer to a test gets three lines: why a server or folder is refused, and what to
    // do about it, is long.
    const SAID: usize = 3;
    let area = centred(frame, 80, FIELDS.len() as u16 + 6 + SAID as u16);
    let label_w = 13usize;
    let value_w = area.width.saturating_sub(2 + label_w as u16) as usize;
    let mut lines = vec![Line::from(
        "A taskchampion-sync-server (url, client id, secret) or a shared folder:",
    )];
    let mut cursor = None;
    for (i, (_, label)) in FIELDS.iter().enumerate().take(form.fields.len()) {
        let style = if i == form.focus {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        // Secrets are masked on screen; the form keeps what was typed.
        let (shown, at) = form.shown(i);
        let value = visible(&shown).into_owned();
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<label_w$}"), style),
            Span::raw(fit(&value, value_w)),
        ]));
        if i == form.focus {
            let x = width(&visible(shown.get(..at).unwrap_or(&shown))).min(value_w);
            cursor = Some((x as u16, lines.len() as u16 - 1));
        }
    }
    lines.push(Line::from(""));
    let said_at = lines.len();
    if let Some((ok, said)) = &form.status {
        let style = if *ok {
            app.theme.message
        } else {
            app.theme.error
        };
        let width = area.width.saturating_sub(2) as usize;
        for line in wrap(&visible(said), width, SAID) {
            lines.push(Line::styled(line, style));
        }
    } else {
        lines.push(Line::from("all empty turns sync off"));
    }
    lines.resize(said_at + SAID, Line::from(""));
    lines.push(Line::from(
        "tab moves · ctrl-t tests · enter tests and saves to the taskrc · esc cancels",
    ));
    clear(frame, area);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" sync settings "),
        ),
        area,
    );
    if let Some((x, y)) = cursor {
        frame.set_cursor_position(Position::new(
            area.x + 1 + label_w as u16 + x,
            area.y + 1 + y,
        ));
    }
}
