//! Which tasks a view shows, and in what order: the rows of the list, computed from the
//! tasks in memory, the filter and the urgency cache.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::lang::Query;
use crate::replica::UuidMap;
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

    fn shows(self, task: &Task, ctx: &TagContext<'_>) -> bool {
        let status = task.status();
        match self {
            ViewKind::Next => status == Status::Pending && !task.is_waiting(ctx.now),
            ViewKind::All => true,
            ViewKind::Completed => status == Status::Completed,
            ViewKind::Waiting => task.is_waiting(ctx.now) || task.get("status") == Some("waiting"),
            ViewKind::Blocked => status == Status::Pending && ctx.depmap.is_blocked(task.uuid()),
            ViewKind::Recurring => status == Status::Recurring || task.get("recur").is_some(),
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
    pub ctx: &'a TagContext<'a>,
    pub query: Option<&'a Query>,
}

/// The rows of `kind`, filtered and sorted.
pub fn rows(kind: ViewKind, input: &ViewInput<'_>) -> Vec<Row> {
    let mut out: Vec<(Row, u32)> = Vec::new();
    for (uuid, task) in input.tasks {
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
