//! The task list: Taskwarrior's next-report columns for the rows on screen only, coloured by
//! what the task is (overdue, due today, active, blocked, blocking, done).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::text::{fit, visible, width};
use crate::task::{Status, TagContext, Task, VirtualTag};
use crate::task::{format_age, format_relative};
use crate::tui::app::App;

/// Widest a project or tags column gets.
const MAX_LABEL: usize = 16;

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    if app.rows.is_empty() {
        let text = if !app.loaded {
            "loading…".to_string()
        } else if app.query.is_some() {
            format!(
                "no {} task matches {:?} (esc clears the filter)",
                app.view.title(),
                app.query_text
            )
        } else {
            format!(
                "no {} tasks ({} adds one)",
                app.view.title(),
                app.config.keymap.hint(crate::tui::keymap::Action::Add)
            )
        };
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let height = area.height.saturating_sub(1) as usize;
    let end = (app.scroll + height).min(app.rows.len());
    let visible_rows = &app.rows[app.scroll.min(end)..end];
    let ctx = app.tag_context();

    struct Line5 {
        id: String,
        age: String,
        project: String,
        tags: String,
        due: String,
        urgency: String,
        description: String,
        style: Style,
    }
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
        let notes = task.annotation_count();
        let description = if notes > 0 {
            format!("{} [{notes}]", visible(task.description()))
        } else {
            visible(task.description()).into_owned()
        };
        lines.push(Line5 {
            id: app
                .ids
                .get(&row.uuid)
                .map_or_else(|| "-".to_string(), u32::to_string),
            age: task
                .entry()
                .map(|e| format_age(e, app.now))
                .unwrap_or_default(),
            project: visible(task.project().unwrap_or("")).into_owned(),
            tags: task.tag_names().collect::<Vec<_>>().join(" "),
            due: task
                .due()
                .map(|d| format_relative(d, app.now))
                .unwrap_or_default(),
            urgency: if task.get("status").is_some_and(Status::keeps_in_working_set) {
                format!("{:.1}", row.urgency)
            } else {
                String::new()
            },
            description,
            style,
        });
    }
    let col = |f: fn(&Line5) -> &str, header: &str, max: usize| -> u16 {
        lines
            .iter()
            .map(|l| width(f(l)))
            .max()
            .unwrap_or(0)
            .max(if lines.iter().any(|l| !f(l).is_empty()) {
                width(header)
            } else {
                0
            })
            .min(max) as u16
    };
    let widths = [
        col(|l| &l.id, "ID", 8).max(2),
        col(|l| &l.age, "Age", 6),
        col(|l| &l.project, "Project", MAX_LABEL),
        col(|l| &l.tags, "Tags", MAX_LABEL),
        col(|l| &l.due, "Due", 8),
        col(|l| &l.urgency, "Urg", 6),
    ];
    // Columns with nothing to show take no room at all.
    let shown: Vec<usize> = (0..widths.len()).filter(|i| widths[*i] > 0).collect();
    let used: u16 = shown.iter().map(|i| widths[*i] + 1).sum();
    let rest = area.width.saturating_sub(used) as usize;
    let headers = ["ID", "Age", "Project", "Tags", "Due", "Urg"];
    let header = Row::new(
        shown
            .iter()
            .map(|i| headers[*i])
            .chain(["Description"])
            .map(Cell::from),
    )
    .style(theme.header);
    let table_rows = lines.iter().map(|l| {
        let cells = [
            format!("{:>w$}", l.id, w = widths[0] as usize),
            l.age.clone(),
            fit(&l.project, widths[2] as usize),
            fit(&l.tags, widths[3] as usize),
            format!("{:>w$}", l.due, w = widths[4] as usize),
            format!("{:>w$}", l.urgency, w = widths[5] as usize),
        ];
        let description = fit(&l.description, rest);
        Row::new(
            shown
                .iter()
                .map(|i| cells[*i].clone())
                .chain([description])
                .map(|c| Cell::from(Line::from(c))),
        )
        .style(l.style)
    });
    let constraints = shown
        .iter()
        .map(|i| Constraint::Length(widths[*i]))
        .chain([Constraint::Min(1)]);
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
