//! The next report's rows as text, built once for the screen and for `tcui list`: each
//! row's cells and what its task is (overdue, active, blocked, …), which the screen shows
//! with the theme's colours and the command line with ANSI codes.

use uuid::Uuid;

use super::columns::cells;
use super::core::Core;
use super::view::Row;
use crate::task::{Status, TagContext, Task, VirtualTag};

/// One row of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    /// Its place among the rows given.
    pub at: usize,
    pub uuid: Uuid,
    pub id: Option<u32>,
    pub urgency: f64,
    /// ID, age, project, tags, due, urgency, description.
    pub cells: [String; 7],
    pub kind: RowKind,
}

/// The report's rows for `rows` of the app's list (rows whose task is gone are skipped).
pub fn rows<'a>(core: &'a Core, rows: &'a [Row]) -> impl Iterator<Item = ReportRow> + 'a {
    let ctx = core.tag_context();
    rows.iter().enumerate().filter_map(move |(at, row)| {
        let task = core.tasks.get(&row.uuid)?;
        let id = core.ids.get(&row.uuid).copied();
        Some(ReportRow {
            at,
            uuid: row.uuid,
            id,
            urgency: row.urgency,
            cells: cells(task, id, row.urgency, core.now),
            kind: RowKind::of(task, &ctx),
        })
    })
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
