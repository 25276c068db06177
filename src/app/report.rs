//! What a row's task is (overdue, active, blocked, …), which the list shows with the
//! theme's colours.

use crate::task::{Status, TagContext, Task, VirtualTag};

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
