//! Which tasks a view shows, and in what order: the rows of the list, computed from the
//! tasks in memory, the filter and the urgency cache.

use uuid::Uuid;

use super::catalog::Catalog;
use super::columns::Needs;
use super::query::Query;
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

impl SortKey {
    /// The view's order: the time if any, then urgency (highest first), ID, UUID.
    fn order(&self, other: &SortKey) -> std::cmp::Ordering {
        self.primary
            .cmp(&other.primary)
            .then(other.urgency.total_cmp(&self.urgency))
            .then(self.id.cmp(&other.id))
            .then(self.uuid.cmp(&other.uuid))
    }
}

/// What a view is computed from.
pub struct ViewInput<'a> {
    pub tasks: &'a Catalog,
    pub ids: &'a UuidMap<u32>,
    pub urgency: &'a UuidMap<f64>,
    /// The tasks whose status reads as pending (a missing status counts); the next and
    /// blocked views look at these only.
    pub pending: &'a UuidSet,
    pub ctx: &'a TagContext<'a>,
    /// The context's read filter: tasks outside it are in no view.
    pub context: Option<&'a Query>,
    /// Whether to measure the rows for the list's columns. Not while the first tasks are
    /// still coming in: the first screen is drawn sooner, its columns sized from the rows
    /// on it, and the view is measured once every task is there.
    pub measure: bool,
}

/// Everything a row is sorted by, worked out once per row so that sorting looks nothing up.
#[derive(Debug, Clone, Copy)]
pub struct SortKey {
    /// Ascending: a time, for the views sorted by one.
    primary: i64,
    /// Descending.
    urgency: f64,
    id: u32,
    uuid: u128,
}

/// Views over more tasks than this are filtered on several threads.
const PARALLEL_FROM: usize = 20_000;

/// A view's rows without a filter, in order, and each task's place among them: a filter
/// then only picks rows, and a keystroke never sorts the whole list again.
#[derive(Debug, Clone)]
pub struct Ordered {
    pub kind: ViewKind,
    /// The app's data generation it was computed for.
    pub generation: u64,
    rows: Vec<Row>,
    /// Each row's sort key and load-order position in the store, beside `rows`.
    keys: Vec<SortKey>,
    at: Vec<u32>,
    /// The cells each row needs in the list's columns, beside `rows`, and all of them together:
    /// the columns are sized from the whole view, not from the rows on screen.
    needs: Vec<Needs>,
    all_needs: Needs,
    /// By load-order position in the store: the row's place, or `u32::MAX` if not shown.
    rank: Vec<u32>,
}

impl Ordered {
    /// Compute the view's unfiltered rows.
    pub fn new(kind: ViewKind, generation: u64, input: &ViewInput<'_>) -> Ordered {
        let mut keyed: Vec<(SortKey, Row, Needs)> = if kind.pending_only() {
            input
                .pending
                .iter()
                .filter_map(|uuid| input.tasks.position(uuid))
                .filter_map(|at| row_of(kind, input, input.tasks.at(at)?, at))
                .collect()
        } else {
            scan(input.tasks.as_slice(), |at, task| {
                row_of(kind, input, task, at)
            })
        };
        keyed.sort_unstable_by(|(a, ..), (b, ..)| a.order(b));
        let mut keys = Vec::with_capacity(keyed.len());
        let mut rows = Vec::with_capacity(keyed.len());
        let mut needs = Vec::with_capacity(keyed.len());
        for (key, row, need) in keyed {
            keys.push(key);
            rows.push(row);
            needs.push(need);
        }
        let at = rows
            .iter()
            .map(|r| input.tasks.position(&r.uuid).map_or(u32::MAX, |i| i as u32))
            .collect();
        let mut ordered = Ordered {
            kind,
            generation,
            rows,
            keys,
            at,
            needs,
            all_needs: Needs::default(),
            rank: Vec::new(),
        };
        ordered.rank(input.tasks.len());
        ordered.sum_needs();
        ordered
    }

    fn sum_needs(&mut self) {
        self.all_needs = self
            .needs
            .iter()
            .fold(Needs::default(), |all, n| all.max(*n));
    }

    fn rank(&mut self, tasks: usize) {
        self.rank.clear();
        self.rank.resize(tasks, u32::MAX);
        for (place, at) in self.at.iter().enumerate() {
            if let Some(slot) = self.rank.get_mut(*at as usize) {
                *slot = place as u32;
            }
        }
    }

    /// Take in changes to `changed` (tasks changed, added, or whose urgency or blocked state
    /// moved), keeping every other row where it is: far cheaper than computing the view
    /// again. Only for changes that removed no task from the store (positions stay valid).
    pub fn patch(&mut self, generation: u64, changed: &[Uuid], input: &ViewInput<'_>) {
        let changed_set: crate::replica::UuidSet = changed.iter().copied().collect();
        let keep: Vec<bool> = self
            .rows
            .iter()
            .map(|r| !changed_set.contains(&r.uuid))
            .collect();
        let mut flags = keep.iter();
        self.rows.retain(|_| *flags.next().unwrap_or(&true));
        let mut flags = keep.iter();
        self.keys.retain(|_| *flags.next().unwrap_or(&true));
        let mut flags = keep.iter();
        self.at.retain(|_| *flags.next().unwrap_or(&true));
        let mut flags = keep.iter();
        self.needs.retain(|_| *flags.next().unwrap_or(&true));
        for uuid in &changed_set {
            let Some((task, at)) = input
                .tasks
                .position(uuid)
                .and_then(|i| Some((input.tasks.get(uuid)?, i as u32)))
            else {
                continue;
            };
            let fits = !self.kind.pending_only() || input.pending.contains(uuid);
            if let Some((key, row, need)) =
                row_of(self.kind, input, task, at as usize).filter(|_| fits)
            {
                let place = self.keys.partition_point(|k| k.order(&key).is_lt());
                self.keys.insert(place, key);
                self.rows.insert(place, row);
                self.at.insert(place, at);
                self.needs.insert(place, need);
            }
        }
        self.rank(input.tasks.len());
        self.sum_needs();
        self.generation = generation;
    }

    /// The rows `query` keeps, in the view's order (fuzzy matches best first), and the cells
    /// they need in the list's columns.
    pub fn filter(&self, input: &ViewInput<'_>, query: Option<&Query>) -> (Vec<Row>, Needs) {
        let Some(query) = query else {
            return (self.rows.clone(), self.all_needs);
        };
        let urgency = |t: &Task| input.urgency.get(&t.uuid()).copied();
        let mut hits: Vec<(u32, u32)> = scan(input.tasks.as_slice(), |i, task| {
            let place = *self.rank.get(i)?;
            if place == u32::MAX {
                return None;
            }
            let id = input.ids.get(&task.uuid()).copied();
            let score = query.score(task, id, input.ctx, &urgency)?;
            Some((u32::MAX - score, place))
        });
        hits.sort_unstable();
        let mut needs = Needs::default();
        let rows = hits
            .into_iter()
            .filter_map(|(_, place)| {
                if let Some(n) = self.needs.get(place as usize) {
                    needs = needs.max(*n);
                }
                self.rows.get(place as usize).copied()
            })
            .collect();
        (rows, needs)
    }
}

/// `pick` over every task (with its load-order position), on several threads for many.
fn scan<T: Send>(tasks: &[Task], pick: impl Fn(usize, &Task) -> Option<T> + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if tasks.len() < PARALLEL_FROM || threads < 2 {
        return tasks
            .iter()
            .enumerate()
            .filter_map(|(i, t)| pick(i, t))
            .collect();
    }
    let part = tasks.len().div_ceil(threads);
    let pick = &pick;
    std::thread::scope(|scope| {
        let handles: Vec<_> = tasks
            .chunks(part)
            .enumerate()
            .map(|(n, chunk)| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .enumerate()
                        .filter_map(|(i, t)| pick(n * part + i, t))
                        .collect::<Vec<T>>()
                })
            })
            .collect();
        let mut out = Vec::new();
        for h in handles {
            // A panic in a worker is a bug; show no rows from it rather than crash.
            out.extend(h.join().unwrap_or_default());
        }
        out
    })
}

/// One task's row, sort key and column needs, if the view shows it.
fn row_of(
    kind: ViewKind,
    input: &ViewInput<'_>,
    task: &Task,
    at: usize,
) -> Option<(SortKey, Row, Needs)> {
    if !kind.shows(task, input.ctx) {
        return None;
    }
    let uuid = task.uuid();
    let id = input.ids.get(&uuid).copied();
    if let Some(context) = input.context {
        let urgency = |t: &Task| input.urgency.get(&t.uuid()).copied();
        context.score(task, id, input.ctx, &urgency)?;
    }
    let urgency = input.urgency.get(&uuid).copied().unwrap_or(0.0);
    let primary = match kind {
        // Most recently done first; those without an end date last.
        ViewKind::Completed => task.end().map_or(i64::MAX, |e| -e.timestamp()),
        // Soonest to wake first.
        ViewKind::Waiting => task.wait().map_or(i64::MAX, |w| w.timestamp()),
        _ => 0,
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
        if input.measure {
            Needs::measured(&input.tasks.measure(at), id, urgency, input.ctx.now)
        } else {
            Needs::default()
        },
    ))
}
