//! Which tasks a view shows, and in what order: the rows of the list, computed from the
//! tasks in memory, the filter and the urgency cache.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::lang::Query;
use crate::replica::{UuidMap, UuidSet};
use crate::task::{Status, TagContext, Task};

/// The views of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewKind {
    /// Pending, not waiting, by urgency: Taskwarrior's `next`.
    Next,
    All,
    Completed,
    Waiting,
    Blocked,
    Recurring,
}

impl ViewKind {
    pub fn title(self) -> &'static str {
        match self {
            ViewKind::Next => "next",
            ViewKind::All => "all",
            ViewKind::Completed => "completed",
            ViewKind::Waiting => "waiting",
            ViewKind::Blocked => "blocked",
            ViewKind::Recurring => "recurring",
        }
    }

    /// Whether the view shows tasks outside the working set (so every task must be loaded).
    pub fn needs_all(self) -> bool {
        matches!(self, ViewKind::All | ViewKind::Completed)
    }

    /// Whether the view can show only tasks whose status reads as pending.
    fn pending_only(self) -> bool {
        matches!(self, ViewKind::Next | ViewKind::Blocked)
    }

    fn shows(self, task: &Task, ctx: &TagContext<'_>) -> bool {
        // The status is read only where it matters: reading a property of each of 100,000
        // tasks is most of what a keystroke costs.
        match self {
            ViewKind::Next => task.status() == Status::Pending && !task.is_waiting(ctx.now),
            ViewKind::All => true,
            ViewKind::Completed => task.status() == Status::Completed,
            ViewKind::Waiting => task.is_waiting(ctx.now) || task.get("status") == Some("waiting"),
            ViewKind::Blocked => {
                task.status() == Status::Pending && ctx.depmap.is_blocked(task.uuid())
            }
            ViewKind::Recurring => {
                task.status() == Status::Recurring || task.get("recur").is_some()
            }
        }
    }
}

/// One line of the list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    pub uuid: Uuid,
    pub urgency: f64,
}

/// What a view is computed from.
pub struct ViewInput<'a> {
    pub tasks: &'a UuidMap<Task>,
    pub ids: &'a UuidMap<u32>,
    pub urgency: &'a UuidMap<f64>,
    /// The tasks whose status reads as pending (a missing status counts); the next and
    /// blocked views look at these only.
    pub pending: &'a UuidSet,
    pub ctx: &'a TagContext<'a>,
    pub query: Option<&'a Query>,
}

/// The rows of `kind`, filtered and sorted.
pub fn rows(kind: ViewKind, input: &ViewInput<'_>) -> Vec<Row> {
    let mut out: Vec<(Row, u32)> = Vec::new();
    let candidates: Box<dyn Iterator<Item = (&Uuid, &Task)>> = if kind.pending_only() {
        Box::new(
            input
                .pending
                .iter()
                .filter_map(|uuid| input.tasks.get_key_value(uuid)),
        )
    } else {
        Box::new(input.tasks.iter())
    };
    for (uuid, task) in candidates {
        if !kind.shows(task, input.ctx) {
            continue;
        }
        let id = input.ids.get(uuid).copied();
        let score = match input.query {
            Some(q) => match q.score(task, id, input.ctx) {
                Some(s) => s,
                None => continue,
            },
            None => 0,
        };
        let urgency = input.urgency.get(uuid).copied().unwrap_or(0.0);
        out.push((
            Row {
                uuid: *uuid,
                urgency,
            },
            score,
        ));
    }
    let key_time = |uuid: &Uuid, f: fn(&Task) -> Option<DateTime<Utc>>| {
        input.tasks.get(uuid).and_then(f).map(|t| t.timestamp())
    };
    let id_of = |uuid: &Uuid| input.ids.get(uuid).copied().unwrap_or(u32::MAX);
    match kind {
        ViewKind::Completed => out.sort_by(|(a, _), (b, _)| {
            key_time(&b.uuid, Task::end)
                .cmp(&key_time(&a.uuid, Task::end))
                .then(a.uuid.cmp(&b.uuid))
        }),
        ViewKind::Waiting => out.sort_by(|(a, _), (b, _)| {
            key_time(&a.uuid, Task::wait)
                .cmp(&key_time(&b.uuid, Task::wait))
                .then(id_of(&a.uuid).cmp(&id_of(&b.uuid)))
                .then(a.uuid.cmp(&b.uuid))
        }),
        _ => out.sort_by(|(a, sa), (b, sb)| {
            sb.cmp(sa)
                .then(b.urgency.total_cmp(&a.urgency))
                .then(id_of(&a.uuid).cmp(&id_of(&b.uuid)))
                .then(a.uuid.cmp(&b.uuid))
        }),
    }
    out.into_iter().map(|(row, _)| row).collect()
}
