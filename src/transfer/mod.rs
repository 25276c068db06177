//! Moving tasks between tcui's replica and Taskwarrior: import from Taskwarrior 3's database
//! or from `task export` JSON, and export as that JSON.
//!
//! An import brings each task's properties in exactly: a new task is a `Create` and one
//! `Update` per property; a task already here gets `Update`s only for the properties that
//! differ; an identical one is left alone. The whole import is one undo step, committed at
//! once or not at all. Takes paths and settings as arguments: no terminal, no home folder,
//! no configuration files.
//!
//! - this file: importing into and exporting from the replica;
//! - `json`: Taskwarrior's JSON, read and written without I/O;
//! - `taskwarrior_db`: reading Taskwarrior 3's own database.

pub mod json;
pub mod taskwarrior_db;

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use thiserror::Error;
use uuid::Uuid;

use crate::lang::{Filter, MatchContext};
use crate::replica::{Replica, ReplicaError};
use crate::task::{
    Operation, Operations, Status, TagContext, Task, TaskData, TaskMap, UrgencyCoefficients, keys,
    urgency,
};
use json::{ImportError, UdaTypes};

pub use taskwarrior_db::{Layout, TaskwarriorError, TaskwarriorTasks};

/// Why an import or export did not happen. Nothing was written.
#[derive(Debug, Error)]
pub enum TransferError {
    #[error("{0}; nothing was imported")]
    Json(#[from] ImportError),
    #[error(transparent)]
    Taskwarrior(#[from] TaskwarriorError),
    #[error(transparent)]
    Replica(#[from] ReplicaError),
}

/// What an import did, by task.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl ImportSummary {
    pub fn total(&self) -> usize {
        self.new + self.updated + self.unchanged
    }
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tasks = if self.total() == 1 { "task" } else { "tasks" };
        write!(
            f,
            "{} {tasks}: {} new, {} updated, {} unchanged",
            self.total(),
            self.new,
            self.updated,
            self.unchanged
        )
    }
}

/// The operations that make the replica's tasks equal to `incoming` (later records of one
/// UUID win), opened by one undo point; empty when nothing changes.
pub fn plan_import(
    existing: &HashMap<Uuid, TaskData>,
    incoming: Vec<(Uuid, TaskMap)>,
    now: DateTime<Utc>,
) -> (Operations, ImportSummary) {
    let mut order = Vec::new();
    let mut latest: HashMap<Uuid, TaskMap> = HashMap::new();
    for (uuid, map) in incoming {
        if latest.insert(uuid, map).is_none() {
            order.push(uuid);
        }
    }
    let mut ops = vec![Operation::UndoPoint];
    let mut summary = ImportSummary::default();
    for uuid in order {
        let want = &latest[&uuid];
        let mut task = match existing.get(&uuid) {
            Some(t) => t.clone(),
            None => TaskData::create(uuid, &mut ops),
        };
        let before = ops.len();
        // Status last, so that a task joins the working set with its properties in place.
        let mut order: Vec<&String> = want.keys().filter(|k| *k != keys::STATUS).collect();
        order.extend(want.get_key_value(keys::STATUS).map(|(k, _)| k));
        for key in order {
            if task.get(key) != Some(want[key].as_str()) {
                task.update(key.clone(), Some(want[key].clone()), now, &mut ops);
            }
        }
        let gone: Vec<String> = task
            .properties()
            .filter(|k| !want.contains_key(*k))
            .map(str::to_owned)
            .collect();
        for key in gone {
            task.update(key, None, now, &mut ops);
        }
        if !existing.contains_key(&uuid) {
            summary.new += 1;
        } else if ops.len() > before {
            summary.updated += 1;
        } else {
            summary.unchanged += 1;
        }
    }
    if ops.len() == 1 {
        ops.clear();
    }
    (ops, summary)
}

/// Bring `incoming` into the replica as one undo step (see [`plan_import`]).
pub fn import_tasks(
    replica: &mut Replica,
    incoming: Vec<(Uuid, TaskMap)>,
    now: DateTime<Utc>,
) -> Result<ImportSummary, TransferError> {
    let existing = replica.all_task_data()?;
    let (ops, summary) = plan_import(&existing, incoming, now);
    replica.commit_operations(ops)?;
    Ok(summary)
}

/// Import the text of `task export` (an array, or one object per line). A record without
/// `entry` or `modified` keeps the stored task's value, or gets `now`, as Taskwarrior does.
pub fn import_json(
    replica: &mut Replica,
    text: &str,
    udas: &UdaTypes,
    now: DateTime<Utc>,
) -> Result<ImportSummary, TransferError> {
    let records = json::parse_export(text, udas, now, &mut Uuid::new_v4)?;
    let existing = replica.all_task_data()?;
    let incoming = records
        .into_iter()
        .map(|mut r| {
            json::fill_defaults(&mut r.map, existing.get(&r.uuid), now);
            (r.uuid, r.map)
        })
        .collect();
    let (ops, summary) = plan_import(&existing, incoming, now);
    replica.commit_operations(ops)?;
    Ok(summary)
}

/// Import every task of Taskwarrior 3's database at `path` (the file, or the folder that
/// holds it). Returns what was read, for its path and layout, with the summary.
pub fn import_taskwarrior(
    replica: &mut Replica,
    path: &std::path::Path,
    now: DateTime<Utc>,
) -> Result<(TaskwarriorTasks, ImportSummary), TransferError> {
    let file = taskwarrior_db::locate(path)?;
    let mut read = taskwarrior_db::read(&file)?;
    let tasks = std::mem::take(&mut read.tasks);
    let summary = import_tasks(replica, tasks, now)?;
    Ok((read, summary))
}

/// What an export reads its clock, zone and urgency settings from.
pub struct ExportSettings<'a> {
    pub now: DateTime<Utc>,
    pub offset: FixedOffset,
    pub due_days: i64,
    /// The configured UDA names (for virtual tags in the filter).
    pub udas: &'a [String],
    pub uda_types: &'a UdaTypes,
    pub coefficients: &'a UrgencyCoefficients,
}

/// The tasks `filter` matches, as `task export` writes them: pending and recurring tasks by
/// ID first, then the rest (ID 0) by entry date and UUID.
pub fn export_json(
    replica: &mut Replica,
    filter: &Filter,
    settings: &ExportSettings<'_>,
) -> Result<String, TransferError> {
    let parts = export_parts(replica, filter, settings)?;
    let size = parts.iter().map(String::len).sum::<usize>() + 8;
    Ok(json::write_document(parts, size, |out, part| {
        out.push_str(&part)
    }))
}

/// [`export_json`]'s tasks in consecutive parts, each a run of lines without the array
/// around them (empty parts left out): for writing straight out, with no copy of the whole.
/// The parts are written at once, each on a core of its own if there are two, urgency
/// worked out there.
pub fn export_parts(
    replica: &mut Replica,
    filter: &Filter,
    settings: &ExportSettings<'_>,
) -> Result<Vec<String>, TransferError> {
    let (selected, depmap) = select_in_place(replica, filter, settings, true)?;
    let Selected {
        tasks,
        order,
        latest,
    } = &selected;
    let ctx = tag_context(settings, &depmap, *latest);
    let (first, second) = order.split_at(order.len() / 2);
    let write = |part: &[(usize, Option<usize>)]| {
        // About what a task takes on a line, so that the text is seldom copied as it grows.
        let mut out = String::with_capacity(part.len() * 400);
        for (i, (at, id)) in part.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            let task = &tasks[*at];
            let urgency = urgency(task, settings.coefficients, &ctx);
            json::write_task(&mut out, task, id.unwrap_or(0), urgency, settings.uda_types);
        }
        out
    };
    let (earlier, later) = crate::parallel::join(|| write(first), || write(second));
    let parts = [earlier, later];
    Ok(parts.into_iter().filter(|p| !p.is_empty()).collect())
}

/// What virtual tags and urgency are read with; `+LATEST` is the task with the largest ID,
/// `latest`, as the working set's largest index is once renumbered.
fn tag_context<'a>(
    settings: &ExportSettings<'a>,
    depmap: &'a crate::task::DependencyMap,
    latest: Option<usize>,
) -> TagContext<'a> {
    let latest = latest.and_then(|i| u32::try_from(i).ok());
    TagContext::new(settings.now, settings.offset, depmap)
        .with_due_days(settings.due_days)
        .with_udas(settings.udas)
        .with_latest(latest)
}

/// A task a filter matched, with its ID (none for a task out of the working set) and, when
/// asked for, its urgency.
#[derive(Debug, Clone)]
pub struct Matched {
    pub task: Task,
    pub id: Option<usize>,
    pub urgency: Option<f64>,
}

/// The tasks `filter` matches among every task, as `task` reads them: pending and recurring
/// tasks by ID first, then the rest by entry date and UUID.
pub fn matching(
    replica: &mut Replica,
    filter: &Filter,
    settings: &ExportSettings<'_>,
) -> Result<Vec<Matched>, TransferError> {
    select(replica, filter, settings, false, true)
}

/// How many tasks `filter` matches, recurring templates left out, as `task count` counts.
pub fn count_matching(
    replica: &mut Replica,
    filter: &Filter,
    settings: &ExportSettings<'_>,
) -> Result<usize, TransferError> {
    let recurring = |t: &TaskData| t.get(keys::STATUS) == Some(Status::Recurring.as_stored());
    if filter.is_empty() && !filter.requires_pending() {
        // Every task counts but the templates, which are all in the working set: no task
        // outside it is read.
        let all = replica.all_task_uuids()?.len();
        let templates = replica
            .pending_task_data()?
            .iter()
            .filter(|t| recurring(t))
            .count();
        return Ok(all.saturating_sub(templates));
    }
    let found = select(replica, filter, settings, false, false)?;
    Ok(found.iter().filter(|m| !recurring(m.task.data())).count())
}

/// The tasks read for a filter, and which of them it matched, in order, with their IDs.
struct Selected {
    tasks: Vec<Task>,
    /// Indexes into `tasks`, and each task's ID.
    order: Vec<(usize, Option<usize>)>,
    /// The largest ID among all the tasks read (`+LATEST`).
    latest: Option<usize>,
}

/// The tasks `filter` matches, found where they were read (nothing is moved): in `task`'s
/// order if `ordered`. A filter that only pending tasks can pass reads the working set only.
fn select_in_place(
    replica: &mut Replica,
    filter: &Filter,
    settings: &ExportSettings<'_>,
    ordered: bool,
) -> Result<(Selected, std::sync::Arc<crate::task::DependencyMap>), TransferError> {
    let (tasks, depmap) = if filter.requires_pending() {
        // Dependencies outside the working set are looked up one by one.
        let depmap = replica.dependency_map(true)?;
        (replica.pending_task_data()?, depmap)
    } else {
        let all = replica.every_task_data()?;
        let ws = replica.working_set();
        let members = all.iter().filter(|t| ws.by_uuid(t.uuid()).is_some());
        let depmap = crate::task::DependencyMap::of_tasks(&all, members);
        (all, std::sync::Arc::new(depmap))
    };
    let tasks: Vec<Task> = tasks.into_iter().map(Task::new).collect();
    let ws = replica.working_set();
    // As in Taskwarrior, where every command starts by renumbering: a completed or deleted
    // task has no ID, even while it is still in the working set.
    let ids: Vec<Option<usize>> = tasks
        .iter()
        .map(|t| {
            let open = |_: &usize| {
                t.get(keys::STATUS)
                    .is_some_and(Status::keeps_in_working_set)
            };
            ws.by_uuid(t.uuid()).filter(open)
        })
        .collect();
    let latest = ids.iter().flatten().copied().max();
    let ctx = tag_context(settings, &depmap, latest);
    let everything = filter.is_empty();
    let mut order: Vec<(usize, Option<usize>)> = ids
        .iter()
        .enumerate()
        .filter(|(at, id)| {
            everything || {
                let m = MatchContext {
                    id: id.map(|i| i as u32),
                    tags: &ctx,
                    urgency: &|t| Some(urgency(t, settings.coefficients, &ctx)),
                };
                filter.matches(&tasks[*at], &m)
            }
        })
        .map(|(at, id)| (at, *id))
        .collect();
    if ordered {
        order = in_task_order(&tasks, order);
    }
    Ok((
        Selected {
            tasks,
            order,
            latest,
        },
        depmap,
    ))
}

/// `order` as `task` lists tasks: those with an ID by ID, then the rest by entry date
/// (none first) and UUID.
fn in_task_order(
    tasks: &[Task],
    order: Vec<(usize, Option<usize>)>,
) -> Vec<(usize, Option<usize>)> {
    let (mut numbered, rest): (Vec<_>, Vec<_>) =
        order.into_iter().partition(|(_, id)| id.is_some());
    numbered.sort_unstable_by_key(|(_, id)| *id);
    // UUIDs are unique, so the keys are, and an unstable sort orders as a stable one would.
    let mut keyed: Vec<(i64, u128, usize)> = rest
        .into_iter()
        .map(|(at, _)| {
            let task = &tasks[at];
            let entry = task.entry().map_or(i64::MIN, |t| t.timestamp());
            (entry, task.uuid().as_u128(), at)
        })
        .collect();
    keyed.sort_unstable();
    numbered.extend(keyed.into_iter().map(|(_, _, at)| (at, None)));
    numbered
}

/// [`select_in_place`], each task taken out with its ID and, if `urgent`, its urgency.
fn select(
    replica: &mut Replica,
    filter: &Filter,
    settings: &ExportSettings<'_>,
    urgent: bool,
    ordered: bool,
) -> Result<Vec<Matched>, TransferError> {
    let (selected, depmap) = select_in_place(replica, filter, settings, ordered)?;
    let ctx = tag_context(settings, &depmap, selected.latest);
    let mut slots: Vec<Option<Task>> = selected.tasks.into_iter().map(Some).collect();
    Ok(selected
        .order
        .into_iter()
        .filter_map(|(at, id)| {
            let task = slots.get_mut(at)?.take()?;
            Some(Matched {
                urgency: urgent.then(|| urgency(&task, settings.coefficients, &ctx)),
                task,
                id,
            })
        })
        .collect())
}
