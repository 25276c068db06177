//! The task list: Taskwarrior's next-report columns for the rows on screen, sized from the
//! whole view, coloured by what the task is (overdue, due today, active, blocked, blocking,
//! done).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::columns::{self, Needs, cells};
use super::text::{fit, pad_left, quoted};
use crate::task::{Status, TagContext, Task, VirtualTag};
use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    if app.list.rows().is_empty() {
        let text = if !app.loaded {
            "loading…".to_string()
        } else if app.list.query().is_some() {
            format!(
                "no {} task matches {} (esc clears the filter)",
                app.list.kind().title(),
                quoted(app.list.query_text())
            )
        } else {
            format!(
                "no {} tasks ({} adds one)",
                app.list.kind().title(),
                app.config.keymap.hint(crate::tui::keymap::Action::Add)
            )
        };
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let height = area.height.saturating_sub(1) as usize;
    let end = (app.scroll + height).min(app.list.rows().len());
    let visible_rows = &app.list.rows()[app.scroll.min(end)..end];
    let ctx = app.tag_context();
    // Sized from the whole view; the rows on screen count too, for dates that have moved
    // on with the clock since the view was measured.
    let mut needs = app.list.columns();
    let mut lines = Vec::with_capacity(visible_rows.len());
    for (offset, row) in visible_rows.iter().enumerate() {
        let Some(task) = app.tasks.get(&row.uuid) else {
            continue;
        };
        let index = app.scroll + offset;
        let mut style = row_style(app, task, &ctx);
        if app.marks.contains(&row.uuid) {
            style = style.patch(theme.marked);
        }
        if index == app.cursor {
            style = style.patch(theme.selected);
        }
        let id = app.ids.get(&row.uuid).copied();
        let measure = app.tasks.position(&row.uuid).map(|i| app.tasks.measure(i));
        needs = needs.max(Needs::measured(
            &measure.unwrap_or_default(),
            id,
            row.urgency,
            app.now,
        ));
        lines.push((cells(task, id, row.urgency, app.now), style));
    }
    let widths = columns::fit(&needs, area.width);
    let header = Row::new(
        widths
            .shown()
            .map(|(_, c, _)| c.header())
            .chain(["Description"])
            .map(Cell::from),
    )
    .style(theme.header);
    let table_rows = lines.iter().map(|(cells, style)| {
        let shown = widths.shown().map(|(i, column, w)| {
            if column.right_aligned() {
                pad_left(&cells[i], w as usize)
            } else {
                fit(&cells[i], w as usize)
            }
        });
        let description = fit(&cells[6], widths.description as usize);
        Row::new(
            shown
                .chain([description])
                .map(|c| Cell::from(Line::from(c))),
        )
        .style(*style)
    });
    let constraints = widths
        .shown()
        .map(|(_, _, w)| Constraint::Length(w))
        .chain([Constraint::Length(widths.description)]);
    frame.render_widget(
        Table::new(table_rows, constraints)
            .header(header)
            .column_spacing(1),
        area,
    );
}

/// What a task's row shows it to be, by Taskwarrior's precedence: done, active, overdue,
/// due today, blocked, blocking, due soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Completed,
    Deleted,
    Active,
    Overdue,
    DueToday,
    Blocked,
    Blocking,
    DueSoon,
    Plain,
}

impl RowKind {
    pub fn of(task: &Task, ctx: &TagContext<'_>) -> RowKind {
        match task.status() {
            Status::Completed => RowKind::Completed,
            Status::Deleted => RowKind::Deleted,
            _ if task.is_active() => RowKind::Active,
            _ if task.has_virtual_tag(VirtualTag::Overdue, ctx) => RowKind::Overdue,
            _ if task.has_virtual_tag(VirtualTag::Today, ctx) => RowKind::DueToday,
            _ if ctx.depmap.is_blocked(task.uuid()) => RowKind::Blocked,
            _ if ctx.depmap.is_blocking(task.uuid()) => RowKind::Blocking,
            _ if task.has_virtual_tag(VirtualTag::Due, ctx) => RowKind::DueSoon,
            _ => RowKind::Plain,
        }
    }
}

/// The colour of a task's row.
fn row_style(app: &App, task: &Task, ctx: &TagContext<'_>) -> Style {
    let theme = &app.config.theme;
    match RowKind::of(task, ctx) {
        RowKind::Completed => theme.completed,
        RowKind::Deleted => theme.deleted,
        RowKind::Active => theme.active,
        RowKind::Overdue => theme.overdue,
        RowKind::DueToday => theme.due_today,
        RowKind::Blocked => theme.blocked,
        RowKind::Blocking => theme.blocking,
        RowKind::DueSoon => theme.due_soon,
        RowKind::Plain => Style::default(),
    }
}
