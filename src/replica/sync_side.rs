//! The replica's side of a sync: what to send, and taking in what came back, in one write.
//!
//! A sync reads a [`SyncPoint`], talks to the server with no transaction open, then hands
//! the server's changes to [`Replica::finish_sync`], which writes them only if no local change
//! was committed in between (otherwise the sync starts over, so no change is ever transformed
//! against the wrong history).

use chrono::{DateTime, Utc};
use redb::{ReadableTable, ReadableTableMetadata};
use uuid::Uuid;

use super::Replica;
use super::apply::{apply_remote, rebuild_in};
use super::error::Result;
use super::pushed::{self, Mark};
use super::store::{self, Counters};
use super::sync_point::SyncPoint;
use super::working_set::Renumber;
use crate::task::{Operation, TaskData};

/// The newest operation's sequence number.
fn last_op(
    ops: &impl ReadableTable<u64, &'static [u8]>,
    counters: &Counters,
) -> store::SResult<u64> {
    Ok(ops
        .last()?
        .map_or(0, |(k, _)| k.value())
        .max(counters.last_op))
}

impl Replica {
    fn last_op(&self) -> Result<u64> {
        self.read(|txn| {
            let counters = Counters::load(&txn.open_table(store::META)?)?;
            last_op(&txn.open_table(store::OPS)?, &counters)
        })
    }

    /// Where a sync beginning at `now` starts from.
    pub fn sync_point(&self, now: DateTime<Utc>) -> Result<SyncPoint> {
        let empty_ws = self.working_set().is_empty() && self.working_set().largest_index() == 0;
        self.read(|txn| {
            let meta = txn.open_table(store::META)?;
            let counters = Counters::load(&meta)?;
            let base_version = store::base_version(&meta)?;
            let ops = txn.open_table(store::OPS)?;
            let unsynced = store::read_unsynced(&ops, &counters)?;
            let no_tasks = txn.open_table(store::WS_TASKS)?.is_empty()?
                && txn.open_table(store::TASKS)?.is_empty()?;
            let undone = !txn.open_table(store::UNDONE)?.is_empty()?;
            let last_push = pushed::load(&meta)?.last().map(|m| m.began);
            let last_op = ops
                .last()?
                .map_or(0, |(k, _)| k.value())
                .max(counters.last_op);
            Ok(SyncPoint {
                empty: no_tasks && empty_ws && base_version.is_nil() && unsynced.is_empty(),
                base_version,
                unsynced,
                began: now,
                last_push,
                last_op,
                undone,
            })
        })
    }

    /// Take in a finished sync: apply `remote` (the server's changes, already transformed
    /// against the local ones), record them, set the base to `version`, mark every operation
    /// synced and rebuild the working set without renumbering. If anything was committed
    /// locally since `point` was read, nothing is written and `false` comes back.
    ///
    /// A sync that pulled nothing, pushed nothing and left the base where it was writes
    /// nothing at all (no transaction, no disk flush): a background sync on a timer is then
    /// free.
    pub fn finish_sync(
        &mut self,
        point: &SyncPoint,
        remote: &[Operation],
        version: Uuid,
    ) -> Result<bool> {
        if self.last_op()? != point.last_op {
            return Ok(false);
        }
        let nothing_to_record = remote.is_empty()
            && version == point.base_version
            && point.unsynced.is_empty()
            && !point.undone;
        if nothing_to_record {
            return Ok(true);
        }
        let sent = point.unsynced.iter().any(|op| op.uuid().is_some());
        self.write(|w, ws| {
            if sent {
                // Every local operation up to the point was sent (or lost to one from
                // elsewhere) in this sync; remember which, and since when.
                let mark = Mark {
                    first: w.counters.synced_through.saturating_add(1),
                    last: point.last_op,
                    began: point.began,
                };
                pushed::record(&mut w.meta, mark)?;
            }
            for op in remote {
                apply_remote(w, op)?;
            }
            for op in remote {
                w.append_op(op)?;
            }
            w.set_base_version(version)?;
            w.complete_sync()?;
            rebuild_in(w, ws, Renumber::No)
        })?;
        self.depmap = None;
        Ok(true)
    }

    /// Start an empty replica from a server snapshot of `version`. Refused (false) if the
    /// replica holds anything.
    pub fn start_from_snapshot(&mut self, version: Uuid, tasks: &[TaskData]) -> Result<bool> {
        if !self.sync_point(Utc::now())?.empty {
            return Ok(false);
        }
        self.write(|w, ws| {
            for task in tasks {
                w.put_task(task.uuid(), &task.to_map())?;
            }
            w.set_base_version(version)?;
            rebuild_in(w, ws, Renumber::No)
        })?;
        self.depmap = None;
        Ok(true)
    }

    /// Replace everything (tasks, history, undo points, working set) with `tasks` at server
    /// version `version`, as a replica that just joined would have it. Working-set IDs are
    /// numbered afresh. Unsynced local changes are gone afterwards: save them first.
    pub fn reset_to(&mut self, version: Uuid, tasks: &[TaskData]) -> Result<()> {
        let existing = self.all_task_uuids()?;
        self.write(|w, ws| {
            for uuid in existing {
                w.remove_task(uuid)?;
            }
            w.clear_history()?;
            pushed::clear(&mut w.meta)?;
            for task in tasks {
                w.put_task(task.uuid(), &task.to_map())?;
            }
            w.set_base_version(version)?;
            rebuild_in(w, ws, Renumber::Yes)
        })?;
        self.depmap = None;
        Ok(())
    }
}
