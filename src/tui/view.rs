//! Which tasks a view shows, and in what order: the rows of the list, computed from the
//! tasks in memory, the filter and the urgency cache.

use uuid::Uuid;

use super::lang::Query;
use super::store::TaskStore;
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
    pub fn pending_only(self) -> bool {
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
    pub tasks: &'a TaskStore,
    pub ids: &'a UuidMap<u32>,
    pub urgency: &'a UuidMap<f64>,
    /// The tasks whose status reads as pending (a missing status counts); the next and
    /// blocked views look at these only.
    pub pending: &'a UuidSet,
    pub ctx: &'a TagContext<'a>,
    pub query: Option<&'a Query>,
}

/// Everything a row is sorted by, worked out once per row so that sorting looks nothing up.
#[derive(Debug, Clone, Copy)]
struct SortKey {
    /// Ascending: the search score negated, or a time.
    primary: i64,
    /// Descending.
    urgency: f64,
    id: u32,
    uuid: u128,
}

/// Views over more tasks than this are filtered on several threads.
const PARALLEL_FROM: usize = 20_000;

/// The rows of `kind`, filtered and sorted.
pub fn rows(kind: ViewKind, input: &ViewInput<'_>) -> Vec<Row> {
    let mut out: Vec<(SortKey, Row)> = Vec::new();
    if kind.pending_only() {
        out.extend(
            input
                .pending
                .iter()
                .filter_map(|uuid| input.tasks.get(uuid))
                .filter_map(|task| row_of(kind, input, task)),
        );
    } else {
        // In load order: the tasks' data is read front to back.
        let tasks = input.tasks.as_slice();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if tasks.len() < PARALLEL_FROM || threads < 2 {
            out.extend(tasks.iter().filter_map(|task| row_of(kind, input, task)));
        } else {
            let part = tasks.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let handles: Vec<_> = tasks
                    .chunks(part)
                    .map(|chunk| {
                        scope.spawn(move || {
                            chunk
                                .iter()
                                .filter_map(|task| row_of(kind, input, task))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                for h in handles {
                    // A panic in a worker is a bug; show no rows from it rather than crash.
                    out.extend(h.join().unwrap_or_default());
                }
            });
        }
    }
    out.sort_unstable_by(|(a, _), (b, _)| {
        a.primary
            .cmp(&b.primary)
            .then(b.urgency.total_cmp(&a.urgency))
            .then(a.id.cmp(&b.id))
            .then(a.uuid.cmp(&b.uuid))
    });
    out.into_iter().map(|(_, row)| row).collect()
}

/// One task's row and sort key, if the view shows it.
fn row_of(kind: ViewKind, input: &ViewInput<'_>, task: &Task) -> Option<(SortKey, Row)> {
    if !kind.shows(task, input.ctx) {
        return None;
    }
    let uuid = task.uuid();
    let id = input.ids.get(&uuid).copied();
    let score = match input.query {
        Some(q) => q.score(task, id, input.ctx)?,
        None => 0,
    };
    let urgency = input.urgency.get(&uuid).copied().unwrap_or(0.0);
    let primary = match kind {
        // Most recently done first; those without an end date last.
        ViewKind::Completed => task.end().map_or(i64::MAX, |e| -e.timestamp()),
        // Soonest to wake first.
        ViewKind::Waiting => task.wait().map_or(i64::MAX, |w| w.timestamp()),
        _ => -i64::from(score),
    };
    Some((
        SortKey {
            primary,
            urgency: if matches!(kind, ViewKind::Completed | ViewKind::Waiting) {
                0.0
            } else {
                urgency
            },
            id: id.unwrap_or(u32::MAX),
            uuid: uuid.as_u128(),
        },
        Row { uuid, urgency },
    ))
}
