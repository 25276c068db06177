//! Applying operations to stored tasks: a commit's forgiving rules, undo's strict reversal,
//! and the working-set rebuild, each inside an open write.

use redb::ReadableTable;
use uuid::Uuid;

use super::store::{SResult, StoreError};
use super::working_set::{self, Renumber, Standing, UuidMap, UuidSet};
use super::writer::Writer;
use crate::task::{Operation, TaskMap};

/// Apply operations with a local commit's forgiving rules.
///
/// Updates collect in a cache and each changed task is written once at the end; a `Create`
/// writes at once (and first writes any pending change to the task it names), as
/// TaskChampion's storage does, so the order of last writes, which orders newcomers to the
/// working set, is the same.
pub(crate) fn apply_forgiving(w: &mut Writer<'_>, ops: &[Operation]) -> SResult<()> {
    let mut cache: UuidMap<Option<TaskMap>> = UuidMap::default();
    // Changed tasks not yet written, with the order in which they were first changed.
    let mut dirty: UuidMap<usize> = UuidMap::default();
    let mut changes = 0usize;
    for op in ops {
        match op {
            Operation::Create { uuid } => {
                if dirty.remove(uuid).is_some()
                    && let Some(Some(task)) = cache.get(uuid)
                {
                    w.put_task(*uuid, task)?;
                }
                let exists = match cache.get(uuid) {
                    Some(t) => t.is_some(),
                    None => w.task_exists(*uuid)?,
                };
                if !exists {
                    w.put_task(*uuid, &TaskMap::new())?;
                    cache.insert(*uuid, Some(TaskMap::new()));
                }
            }
            Operation::Delete { uuid, .. } => {
                w.remove_task(*uuid)?;
                cache.insert(*uuid, None);
                dirty.remove(uuid);
            }
            Operation::Update {
                uuid,
                property,
                value,
                ..
            } => {
                let entry = match cache.entry(*uuid) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => e.insert(w.get_task(*uuid)?),
                };
                if let Some(task) = entry {
                    match value {
                        Some(v) => task.insert(property.clone(), v.clone()),
                        None => task.remove(property),
                    };
                    dirty.entry(*uuid).or_insert(changes);
                    changes += 1;
                }
            }
            Operation::UndoPoint => {}
        }
    }
    let mut order: Vec<(usize, Uuid)> = dirty.into_iter().map(|(u, i)| (i, u)).collect();
    order.sort_unstable();
    for (_, uuid) in order {
        if let Some(Some(task)) = cache.get(&uuid) {
            w.put_task(uuid, task)?;
        }
    }
    Ok(())
}

/// Revert one logged operation with strict rules; true if it changed anything.
pub(crate) fn revert(w: &mut Writer<'_>, op: &Operation) -> SResult<bool> {
    let missing = |u: &Uuid| StoreError::Conflict(format!("Task {u} does not exist"));
    match op {
        Operation::UndoPoint => Ok(false),
        Operation::Create { uuid } => {
            if !w.remove_task(*uuid)? {
                return Err(missing(uuid));
            }
            w.note_undone(*uuid)?;
            Ok(true)
        }
        Operation::Delete { uuid, old_task } => {
            if w.task_exists(*uuid)? {
                return Err(StoreError::Conflict(format!("Task {uuid} already exists")));
            }
            w.put_task(*uuid, old_task)?;
            Ok(true)
        }
        Operation::Update {
            uuid,
            property,
            old_value,
            ..
        } => {
            let mut task = w.get_task(*uuid)?.ok_or_else(|| missing(uuid))?;
            match old_value {
                Some(v) => task.insert(property.clone(), v.clone()),
                None => task.remove(property),
            };
            w.put_task(*uuid, &task)?;
            Ok(true)
        }
    }
}

/// The working-set rebuild inside an open write.
pub(crate) fn rebuild_in(
    w: &mut Writer<'_>,
    ws: &mut Vec<Option<Uuid>>,
    renumber: Renumber,
) -> SResult<()> {
    let mut pending: Vec<(Uuid, u64)> = Vec::new();
    for entry in w.pending.iter()? {
        let (k, v) = entry?;
        pending.push((Uuid::from_u128(k.value()), v.value()));
    }
    let qualifying: UuidSet = pending.iter().map(|(u, _)| *u).collect();
    let mut standing = UuidMap::default();
    for uuid in ws.iter().flatten() {
        let s = if qualifying.contains(uuid) {
            Standing::Qualifies
        } else if w.task_exists(*uuid)? {
            Standing::Drops
        } else {
            Standing::Missing
        };
        standing.insert(*uuid, s);
    }
    pending.sort_unstable_by_key(|(_, seq)| *seq);
    let newcomers = pending.into_iter().map(|(u, _)| u);
    let new = working_set::rebuild(
        ws,
        |u| standing.get(&u).copied().unwrap_or(Standing::Missing),
        newcomers,
        renumber,
    );
    w.move_members(ws, &new)?;
    *ws = new;
    Ok(())
}

/// Apply one change pulled from a server with strict rules: a creation of a task that
/// exists, or a change to one that does not, is skipped. Returns whether it applied.
pub(crate) fn apply_remote(w: &mut Writer<'_>, op: &Operation) -> SResult<bool> {
    match op {
        Operation::UndoPoint => Ok(false),
        Operation::Create { uuid } => {
            if w.task_exists(*uuid)? {
                return Ok(false);
            }
            w.put_task(*uuid, &TaskMap::new())?;
            Ok(true)
        }
        Operation::Delete { uuid, .. } => w.remove_task(*uuid),
        Operation::Update {
            uuid,
            property,
            value,
            ..
        } => {
            let Some(mut task) = w.get_task(*uuid)? else {
                return Ok(false);
            };
            match value {
                Some(v) => task.insert(property.clone(), v.clone()),
                None => task.remove(property),
            };
            w.put_task(*uuid, &task)?;
            Ok(true)
        }
    }
}
