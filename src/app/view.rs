//! Which tasks a view shows, and in what order: the rows of the list, computed from the
//! tasks in memory, the report's filter and sort keys, the context, the list's own filter and
//! the urgency cache.

use uuid::Uuid;

use std::sync::Arc;

use super::catalog::Catalog;
use super::query::{Query, QueryContext};
use super::report_columns::ReportColumns;
use super::reports::{ReportDef, SortContext, SortKey, SortValue, order, sort_value, sortable};
use crate::config::Settings;
use crate::replica::{UuidMap, UuidSet};
use crate::task::{TagContext, Task};

/// A report as the list shows it: its definition, its filter read, and what sorting needs.
#[derive(Debug, Clone)]
pub struct View {
    pub def: ReportDef,
    filter: Option<Query>,
    /// Only tasks whose status reads as pending can be in it.
    pending_only: bool,
    /// Its columns, read.
    pub columns: ReportColumns,
}

impl View {
    /// The report `def`, its filter read at `ctx`; a filter or sort key that cannot be used
    /// is an error that names the setting.
    pub fn new(
        def: &ReportDef,
        ctx: &QueryContext<'_>,
        settings: &Settings,
    ) -> Result<View, String> {
        def.check()?;
        let columns = ReportColumns::new(def, settings)?;
        let filter = match def.filter.trim() {
            "" => None,
            text => Some(Query::parse(text, ctx).map_err(|e| {
                format!(
                    "report {}: its filter (report.{}.filter) {e}",
                    def.name, def.name
                )
            })?),
        };
        if let Some(key) = def.sort.iter().find(|k| !sortable(&k.attr, &columns.udas)) {
            return Err(format!(
                "report {}: {:?} in report.{}.sort is not something tasks can be sorted by",
                def.name, key.attr, def.name
            ));
        }
        Ok(View {
            def: def.clone(),
            pending_only: filter.as_ref().is_some_and(Query::requires_pending),
            filter,
            columns,
        })
    }

    /// A view of every task, unsorted: what is left when no report can be read.
    pub fn empty() -> View {
        let def = ReportDef {
            name: "next".into(),
            description: String::new(),
            columns: vec!["id".into(), "description".into()],
            labels: Vec::new(),
            sort: Vec::new(),
            filter: String::new(),
            context: true,
        };
        View {
            columns: ReportColumns::minimal(),
            def,
            filter: None,
            pending_only: false,
        }
    }

    /// The report's name, as the title shows it.
    pub fn title(&self) -> &str {
        &self.def.name
    }

    /// Whether the view shows tasks outside the working set (so every task must be loaded).
    pub fn needs_all(&self) -> bool {
        !self.pending_only
    }

    /// Whether the view can show only tasks whose status reads as pending.
    pub fn pending_only(&self) -> bool {
        self.pending_only
    }

    /// The report's `limit:`, if any.
    pub fn limit(&self) -> Option<crate::lang::Limit> {
        self.filter.as_ref().and_then(Query::limit)
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
    pub tasks: &'a Catalog,
    pub ids: &'a UuidMap<u32>,
    pub urgency: &'a UuidMap<f64>,
    /// The tasks whose status reads as pending (a missing status counts); the next and
    /// blocked views look at these only.
    pub pending: &'a UuidSet,
    pub ctx: &'a TagContext<'a>,
    /// The context's read filter: tasks outside it are in no view.
    pub context: Option<&'a Query>,
}

/// Everything a row is sorted by, worked out once per row so that sorting looks nothing up.
#[derive(Debug, Clone)]
pub struct RowKey {
    /// The first key's value (most reports sort by one key: no allocation for those), and
    /// the others'.
    first: Option<SortValue>,
    rest: Vec<SortValue>,
    id: Option<u32>,
    uuid: Uuid,
}

impl RowKey {
    fn order(&self, other: &RowKey, keys: &[SortKey]) -> std::cmp::Ordering {
        order(
            (self.first.iter().chain(&self.rest), self.id, self.uuid),
            (other.first.iter().chain(&other.rest), other.id, other.uuid),
            keys,
        )
    }
}

/// Views over more tasks than this are filtered on several threads.
const PARALLEL_FROM: usize = 20_000;

/// A view's rows without a filter, in order, and each task's place among them: a filter
/// then only picks rows, and a keystroke never sorts the whole list again.
#[derive(Debug, Clone)]
pub struct Ordered {
    pub view: Arc<View>,
    /// The app's data generation it was computed for.
    pub generation: u64,
    rows: Vec<Row>,
    /// Each row's sort key and load-order position in the store, beside `rows`.
    keys: Vec<RowKey>,
    at: Vec<u32>,
    /// By load-order position in the store: the row's place, or `u32::MAX` if not shown.
    rank: Vec<u32>,
    /// By load-order position in the store: the task's ID, or [`NO_ID`]; a filter reads
    /// them in the order it reads the tasks.
    ids: Vec<u32>,
}

/// In [`Ordered`]'s IDs: the task has none.
const NO_ID: u32 = u32::MAX;

impl Ordered {
    /// Compute the view's unfiltered rows.
    pub fn new(view: Arc<View>, generation: u64, input: &ViewInput<'_>) -> Ordered {
        let mut keyed: Vec<(RowKey, Row)> = if view.pending_only() {
            input
                .pending
                .iter()
                .filter_map(|uuid| input.tasks.position(uuid))
                .filter_map(|at| row_of(&view, input, input.tasks.at(at)?))
                .collect()
        } else {
            scan(input.tasks.as_slice(), |_, task| row_of(&view, input, task))
        };
        let sort = &view.def.sort;
        keyed.sort_unstable_by(|(a, ..), (b, ..)| a.order(b, sort));
        let mut keys = Vec::with_capacity(keyed.len());
        let mut rows = Vec::with_capacity(keyed.len());
        for (key, row) in keyed {
            keys.push(key);
            rows.push(row);
        }
        let at = rows
            .iter()
            .map(|r| input.tasks.position(&r.uuid).map_or(u32::MAX, |i| i as u32))
            .collect();
        let mut ordered = Ordered {
            view,
            generation,
            rows,
            keys,
            at,
            rank: Vec::new(),
            ids: Vec::new(),
        };
        ordered.rank(input.tasks.len());
        ordered
    }

    fn rank(&mut self, tasks: usize) {
        self.rank.clear();
        self.rank.resize(tasks, u32::MAX);
        self.ids.clear();
        self.ids.resize(tasks, NO_ID);
        for (place, at) in self.at.iter().enumerate() {
            if let Some(slot) = self.rank.get_mut(*at as usize) {
                *slot = place as u32;
            }
            if let (Some(slot), Some(id)) = (
                self.ids.get_mut(*at as usize),
                self.keys.get(place).and_then(|k| k.id),
            ) {
                *slot = id;
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
        for uuid in &changed_set {
            let Some((task, at)) = input
                .tasks
                .position(uuid)
                .and_then(|i| Some((input.tasks.get(uuid)?, i as u32)))
            else {
                continue;
            };
            let fits = !self.view.pending_only() || input.pending.contains(uuid);
            if let Some((key, row)) = row_of(&self.view, input, task).filter(|_| fits) {
                let sort = &self.view.def.sort;
                let place = self.keys.partition_point(|k| k.order(&key, sort).is_lt());
                self.keys.insert(place, key);
                self.rows.insert(place, row);
                self.at.insert(place, at);
            }
        }
        self.rank(input.tasks.len());
        self.generation = generation;
    }

    /// Every row, in the view's order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The rows at `places`, in that order.
    pub fn rows_at(&self, places: &[u32]) -> Vec<Row> {
        places
            .iter()
            .filter_map(|p| self.rows.get(*p as usize).copied())
            .collect()
    }

    /// The places of the rows `query` keeps, in the view's order (fuzzy matches best
    /// first): among every row, or only among the places `within` (in the view's order),
    /// when those are known to hold all the query can match.
    pub fn filter(&self, input: &ViewInput<'_>, query: &Query, within: Option<&[u32]>) -> Vec<u32> {
        // Only the rows `within` need a look; the tasks are still read in the store's
        // order, which is the order they lie in memory.
        let allowed = within.map(|places| self.marked(places.iter().copied()));
        let urgency = |t: &Task| input.urgency.get(&t.uuid()).copied();
        let mut hits: Vec<(u32, u32)> = scan(input.tasks.as_slice(), |i, task| {
            let place = *self.rank.get(i)?;
            if place == u32::MAX
                || allowed
                    .as_ref()
                    .is_some_and(|a| !a.get(place as usize).copied().unwrap_or(false))
            {
                return None;
            }
            let id = self.ids.get(i).copied().filter(|id| *id != NO_ID);
            let score = query.score(task, id, input.ctx, &urgency)?;
            Some((u32::MAX - score, place))
        });
        if query.is_fuzzy() {
            hits.sort_unstable();
            return hits.into_iter().map(|(_, place)| place).collect();
        }
        // A filter scores every match alike: the view's order is the places' order, which
        // marking them gives without sorting.
        let kept = self.marked(hits.iter().map(|(_, place)| *place));
        (0..self.rows.len() as u32)
            .zip(kept)
            .filter_map(|(place, keep)| keep.then_some(place))
            .collect()
    }

    /// For each row, whether its place is among `places`.
    fn marked(&self, places: impl Iterator<Item = u32>) -> Vec<bool> {
        let mut marks = vec![false; self.rows.len()];
        for place in places {
            if let Some(slot) = marks.get_mut(place as usize) {
                *slot = true;
            }
        }
        marks
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

/// One task's row and sort key, if the view shows it.
fn row_of(view: &View, input: &ViewInput<'_>, task: &Task) -> Option<(RowKey, Row)> {
    let uuid = task.uuid();
    let id = input.ids.get(&uuid).copied();
    let urgency_of = |t: &Task| input.urgency.get(&t.uuid()).copied();
    for filter in [
        view.filter.as_ref(),
        input.context.filter(|_| view.def.context),
    ]
    .into_iter()
    .flatten()
    {
        filter.score(task, id, input.ctx, &urgency_of)?;
    }
    let urgency = input.urgency.get(&uuid).copied().unwrap_or(0.0);
    let sort = SortContext {
        ids: input.ids,
        urgency: input.urgency,
        udas: &view.columns.udas,
    };
    let mut values = view
        .def
        .sort
        .iter()
        .map(|k| sort_value(task, &k.attr, &sort));
    let first = values.next();
    let rest = values.collect();
    Some((
        RowKey {
            first,
            rest,
            id,
            uuid,
        },
        Row { uuid, urgency },
    ))
}
