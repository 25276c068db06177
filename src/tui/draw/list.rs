//! The task list: Taskwarrior's next-report columns for the rows on screen, sized from the
//! whole view, coloured by what the task is (overdue, due today, active, blocked, blocking,
//! done).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::app::columns::{self, Needs};
use crate::app::report::{self, RowKind};
use crate::text::{fit, pad_left, quoted};
use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    if app.core.list().rows().is_empty() {
        let text = if !app.core.loaded() {
            "loading…".to_string()
        } else if app.core.list().query().is_some() {
            format!(
                "no {} task matches {} (esc clears the filter)",
                app.core.list().view().title(),
                quoted(app.core.list().query_text())
            )
        } else {
            format!(
                "no {} tasks ({} adds one)",
                app.core.list().view().title(),
                app.keymap.hint(crate::tui::keymap::Action::Add)
            )
        };
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let height = area.height.saturating_sub(1) as usize;
    let end = (app.scroll + height).min(app.core.list().rows().len());
    let visible_rows = &app.core.list().rows()[app.scroll.min(end)..end];
    // Sized from the whole view; the rows on screen count too, for dates that have moved
    // on with the clock since the view was measured.
    let mut needs = app.core.list().columns();
    let mut lines = Vec::with_capacity(visible_rows.len());
    for row in report::rows(&app.core, visible_rows) {
        let index = app.scroll + row.at;
        let mut style = row_style(app, row.kind);
        if app.marks.contains(&row.uuid) {
            style = style.patch(theme.marked);
        }
        if index == app.cursor {
            style = style.patch(theme.selected);
        }
        let measure = app
            .core
            .tasks()
            .position(&row.uuid)
            .map(|i| app.core.tasks().measure(i));
        needs = needs.max(Needs::measured(
            &measure.unwrap_or_default(),
            row.id,
            row.urgency,
            app.core.now(),
        ));
        lines.push((row.cells, style));
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

/// The colour of a task's row.
fn row_style(app: &App, kind: RowKind) -> Style {
    let theme = &app.theme;
    match kind {
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
