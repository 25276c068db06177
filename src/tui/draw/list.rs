//! The task list: the report's columns for the rows on screen, sized from them, coloured by
//! what the task is (overdue, due today, active, blocked, blocking, done).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use crate::app::report::RowKind;
use crate::app::report_columns::ReportColumns;
use crate::text::{fit as fit_text, pad_left, quoted, width as text_width};
use crate::tui::app::App;
use crate::tui::draw::theme::style_of;

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
    let core = &app.core;
    let report = &core.list().view().columns;
    let ctx = core.tag_context();
    let mut lines: Vec<(Vec<String>, Style)> = Vec::with_capacity(visible_rows.len());
    for (at, row) in visible_rows.iter().enumerate() {
        let Some(task) = core.tasks().get(&row.uuid) else {
            continue;
        };
        let cells = report.cells(task, &core.row_context(&row.uuid, row.urgency), true);
        let mut style = match theme.rules.colour_of(task, &ctx) {
            Some(colour) => style_of(&colour),
            None => row_style(app, RowKind::of(task, &ctx)),
        };
        if app.marks.contains(&row.uuid) {
            style = style.patch(theme.marked);
        }
        if app.scroll + at == app.cursor {
            style = style.patch(theme.selected);
        }
        lines.push((cells, style));
    }
    let cells_need = measured(app, &lines);
    let widths = fit(report, &cells_need, area.width as usize);
    // The taskrc's label colours, as `task` colours a report's labels, over tcui's header.
    let sorts = |i: usize| {
        let attr = &report.specs[i].attr;
        core.list()
            .view()
            .def
            .sort
            .iter()
            .any(|key| key.attr == *attr)
    };
    let header = Row::new(widths.iter().map(|(i, _)| {
        let style = match theme.labels {
            Some((_, sorted)) if sorts(*i) => sorted,
            Some((label, _)) => label,
            None => Style::default(),
        };
        Cell::from(report.labels[*i].clone()).style(style)
    }))
    .style(theme.header);
    let table_rows = lines.iter().map(|(cells, style)| {
        Row::new(widths.iter().map(|(i, w)| {
            let text = cells.get(*i).map_or("", String::as_str);
            // Right-aligned cells keep Taskwarrior's padding (`4w  ` under `3mo `), so that
            // numbers and units line up; a column narrowed below its padded width loses the
            // padding in every row.
            let padded = cells_need.get(*i).is_some_and(|(_, full)| *w >= *full);
            let text = if report.right[*i] && padded {
                pad_left(text, *w)
            } else if report.right[*i] {
                pad_left(text.trim_end(), *w)
            } else {
                fit_text(text, *w)
            };
            Cell::from(Line::from(text))
        }))
        .style(*style)
    });
    let constraints = widths.iter().map(|(_, w)| Constraint::Length(*w as u16));
    frame.render_widget(
        Table::new(table_rows, constraints)
            .header(header)
            .column_spacing(1),
        area,
    );
}

/// Lists up to this long are measured whole when their rows change.
const MEASURE_WHOLE: usize = 1_000;

/// The cells each column needs: over the whole list when it is short, else over what has
/// been on screen since its rows last changed; never less than the rows on screen need.
fn measured(app: &App, lines: &[(Vec<String>, Style)]) -> Vec<(usize, usize)> {
    let core = &app.core;
    let view = core.list().view();
    let report = &view.columns;
    let mut cache = app.widths.borrow_mut();
    let current = cache.rows_version == core.rows_version()
        && cache.view == view.title()
        && cache.widths.len() == report.specs.len();
    if !current {
        cache.rows_version = core.rows_version();
        cache.view = view.title().to_string();
        cache.widths = vec![(0, 0); report.specs.len()];
        let rows = core.list().rows();
        if rows.len() <= MEASURE_WHOLE {
            for row in rows {
                if let Some(task) = core.tasks().get(&row.uuid) {
                    let context = core.row_context(&row.uuid, row.urgency);
                    grow(
                        &mut cache.widths,
                        &report.right,
                        &report.cells(task, &context, true),
                    );
                }
            }
        }
    }
    for (cells, _) in lines {
        grow(&mut cache.widths, &report.right, cells);
    }
    cache.widths.clone()
}

fn grow(widths: &mut [(usize, usize)], right: &[bool], cells: &[String]) {
    for (((least, full), cell), right) in widths.iter_mut().zip(cells).zip(right) {
        let trimmed = text_width(cell.trim_end());
        *least = (*least).max(trimmed);
        *full = (*full).max(if *right { text_width(cell) } else { trimmed });
    }
}

/// Which columns a narrow screen leaves out first (higher first; among equals, the one
/// furthest right): the due date, project and tags are kept longest, the ID always.
fn drop_first(attr: &str) -> u8 {
    match attr {
        "id" => 0,
        "due" => 1,
        "project" => 2,
        "tags" => 3,
        "urgency" => 4,
        "priority" => 5,
        _ => 6,
    }
}

/// The description keeps at least this many cells (or all it needs, if less).
const DESCRIPTION_ROOM: usize = 16;

/// The columns shown and their widths, in `width` cells: each as wide as its label and the
/// widest cell on screen, columns with nothing on screen left out (as Taskwarrior leaves
/// them out), the description given what is left; when that is too little, columns go as
/// [`drop_first`] says.
fn fit(report: &ReportColumns, cells: &[(usize, usize)], width: usize) -> Vec<(usize, usize)> {
    let description = report.description();
    let label = |i: usize| text_width(&report.labels[i]);
    let mut shown: Vec<(usize, usize)> = (0..report.specs.len())
        .filter_map(|i| {
            let (_, full) = cells.get(i).copied().unwrap_or((0, 0));
            (full > 0 || Some(i) == description).then(|| (i, full.max(label(i))))
        })
        .collect();
    let need = |shown: &[(usize, usize)]| -> usize {
        shown
            .iter()
            .map(|(i, w)| {
                if Some(*i) == description {
                    (*w).min(DESCRIPTION_ROOM)
                } else {
                    *w
                }
            })
            .sum::<usize>()
            + shown.len().saturating_sub(1)
    };
    // Short of room, the padding goes first.
    if need(&shown) > width {
        for (i, w) in &mut shown {
            let (least, _) = cells.get(*i).copied().unwrap_or((0, 0));
            *w = least.max(label(*i));
        }
    }
    while need(&shown) > width {
        let Some(drop) = shown
            .iter()
            .enumerate()
            .filter(|(_, (i, _))| Some(*i) != description)
            .max_by_key(|(at, (i, _))| (drop_first(&report.specs[*i].attr), *at))
            .map(|(at, _)| at)
            .filter(|at| report.specs[shown[*at].0].attr != "id")
        else {
            break;
        };
        shown.remove(drop);
    }
    let others: usize = shown
        .iter()
        .filter(|(i, _)| Some(*i) != description)
        .map(|(_, w)| *w)
        .sum::<usize>()
        + shown.len().saturating_sub(1);
    for (i, w) in &mut shown {
        if Some(*i) == description {
            *w = width.saturating_sub(others);
        }
    }
    shown
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
