//! The embedded replica: tasks, the operation log, the working set and undo, on redb.
//!
//! Semantics follow TaskChampion's replica exactly (forgiving commits, working-set rules,
//! undo of the last step, expiration), so the same operations give the same tasks, IDs and
//! undo results. Synchronous; every commit is one write transaction. Must not depend on
//! terminals, configuration files or the home directory: it is given a path.

mod apply;
mod bucket;
mod codec;
mod error;
mod handle;
mod open;
mod pushed;
mod steps;
mod store;
mod sync_point;
mod sync_side;
mod working_set;
mod writer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use redb::ReadableTable;
use uuid::Uuid;

pub use codec::LoggedOp;
pub use error::{ReplicaError, Result};
pub use open::FORMAT_VERSION;
pub use sync_point::{PushedChange, SyncPoint};
use working_set::Renumber;
pub use working_set::{UuidHasher, UuidMap, UuidSet, WorkingSet};

use apply::{apply_forgiving, rebuild_in, revert};
use store::{Counters, SResult, StoreError};
use writer::Writer;

use crate::task::{DependencyMap, Operation, Operations, Status, TaskData, keys};

/// How long a deleted task is kept before [`Replica::expire_tasks`] purges it.
pub const EXPIRE_AFTER_DAYS: i64 = 180;

/// Where the operation log stood: its newest operation's key and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryMark {
    last: u64,
    count: u64,
}

impl HistoryMark {
    /// Whether the log at `later` holds everything it held at this mark, with `added`
    /// operations after them.
    pub fn only_added(&self, later: HistoryMark, added: usize) -> bool {
        later.count == self.count + added as u64 && later.last >= self.last
    }
}

/// A task replica stored in one redb file, owned by one process at a time.
pub struct Replica {
    handle: handle::Handle,
    path: PathBuf,
    working_set: WorkingSet,
    depmap: Option<Arc<DependencyMap>>,
    /// Write transactions committed through this handle.
    writes: u64,
}

impl std::fmt::Debug for Replica {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replica").field("path", &self.path).finish()
    }
}

impl Replica {
    /// Open the replica at `path`, creating it if the file does not exist. The folder must
    /// exist. A file that is not a tcui replica is refused and left untouched.
    pub fn open(path: impl AsRef<Path>) -> Result<Replica> {
        let path = path.as_ref().to_path_buf();
        let handle = handle::Handle::open(&path)?;
        let ws = (|| -> SResult<_> {
            let txn = handle.begin_read()?;
            store::load_working_set(&txn.open_table(store::WORKING_SET)?)
        })()
        .map_err(|e| e.at(&path))?;
        Ok(Replica {
            handle,
            path,
            working_set: WorkingSet::new(ws),
            depmap: None,
            writes: 0,
        })
    }

    /// How many write transactions this handle has committed since it was opened: each is a
    /// disk flush, so work that changes nothing should leave it as it was.
    pub fn writes(&self) -> u64 {
        self.writes
    }

    /// Where this replica lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// [`Replica::open`], waiting up to `limit` while another process has the file open (a
    /// command about to end, say).
    pub fn open_waiting(path: impl AsRef<Path>, limit: std::time::Duration) -> Result<Replica> {
        let began = std::time::Instant::now();
        loop {
            match Replica::open(path.as_ref()) {
                Err(ReplicaError::AlreadyOpen { .. }) if began.elapsed() < limit => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => return other,
            }
        }
    }

    /// Open the file again after [`Replica::close`] (another process may have changed it
    /// meanwhile), waiting up to `limit` while another process has it open: the working set
    /// is read afresh.
    pub fn reopen(&mut self, limit: std::time::Duration) -> Result<()> {
        let fresh = Replica::open_waiting(&self.path, limit)?;
        *self = Replica {
            writes: self.writes,
            ..fresh
        };
        Ok(())
    }

    /// Where the operation log stands: compared with a later mark, whether operations were
    /// only added since (see [`Replica::operations_after`]) or some were also taken away.
    pub fn history_mark(&self) -> Result<HistoryMark> {
        use redb::ReadableTableMetadata;
        self.read(|txn| {
            let ops = txn.open_table(store::OPS)?;
            Ok(HistoryMark {
                last: ops.last()?.map_or(0, |(k, _)| k.value()),
                count: ops.len()?,
            })
        })
    }

    /// The operations logged after `mark`, oldest first.
    pub fn operations_after(&self, mark: HistoryMark) -> Result<Operations> {
        self.read(|txn| {
            let ops = txn.open_table(store::OPS)?;
            let mut out = Vec::new();
            for entry in ops.range(mark.last.saturating_add(1)..)? {
                out.push(codec::decode_op(entry?.1.value())?);
            }
            Ok(out)
        })
    }

    /// Close the file now, leaving it cleanly shut down, even if other threads still hold
    /// this replica (dropping it closes it too, but only once the last of them lets go).
    /// Everything asked of it afterwards fails.
    pub fn close(&mut self) {
        self.handle.close();
    }

    /// Run `f` in one write transaction; the working set it leaves becomes current on commit.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>, &mut Vec<Option<Uuid>>) -> SResult<T>,
    ) -> Result<T> {
        self.write_unless(|_| false, f)
    }

    /// [`Replica::write`], but the transaction is dropped unwritten (nothing synced to disk)
    /// when `unchanged` says that `f` changed nothing, given what it returned.
    fn write_unless<T>(
        &mut self,
        unchanged: impl FnOnce(&T) -> bool,
        f: impl FnOnce(&mut Writer<'_>, &mut Vec<Option<Uuid>>) -> SResult<T>,
    ) -> Result<T> {
        let mut ws = self.working_set.as_slice().to_vec();
        let start = &self.working_set;
        let txn = self.handle.begin_write()?;
        let result = (|| -> SResult<T> {
            let out = {
                let mut w = Writer::new(&txn, start)?;
                let out = f(&mut w, &mut ws)?;
                w.finish(start.as_slice(), &ws)?;
                out
            };
            if unchanged(&out) {
                txn.abort()?;
            } else {
                txn.commit()?;
            }
            Ok(out)
        })();
        if result.is_ok() {
            self.writes += 1;
        }
        let out = match result {
            Ok(out) => out,
            Err(e) => {
                if matches!(e, StoreError::Redb(_)) {
                    self.handle.recover();
                }
                return Err(e.at(&self.path));
            }
        };
        if ws != self.working_set.as_slice() {
            self.working_set = WorkingSet::new(ws);
        }
        Ok(out)
    }

    fn read<T>(&self, f: impl FnOnce(&redb::ReadTransaction) -> SResult<T>) -> Result<T> {
        (|| -> SResult<T> {
            let txn = self.handle.begin_read()?;
            f(&txn)
        })()
        .map_err(|e| e.at(&self.path))
    }

    /// Apply and record `ops` in one transaction. Tasks whose status changes from something
    /// else to pending or recurring join the working set.
    pub fn commit_operations(&mut self, ops: Operations) -> Result<()> {
        if ops.is_empty() {
            return Ok(());
        }
        self.write(|w, ws| {
            apply_forgiving(w, &ops)?;
            for op in &ops {
                if let Operation::Update {
                    uuid,
                    property,
                    old_value,
                    value,
                    ..
                } = op
                {
                    let is_pr =
                        |v: &Option<String>| v.as_deref().is_some_and(Status::keeps_in_working_set);
                    if property == keys::STATUS
                        && !is_pr(old_value)
                        && is_pr(value)
                        && !w.is_member(uuid)
                    {
                        ws.push(Some(*uuid));
                        w.set_member(*uuid, true)?;
                    }
                }
            }
            for op in &ops {
                w.append_op(op)?;
            }
            Ok(())
        })?;
        self.depmap = None;
        Ok(())
    }

    /// One task's data, if it exists.
    pub fn get_task_data(&self, uuid: Uuid) -> Result<Option<TaskData>> {
        let member = self.working_set.contains(&uuid);
        self.read(|txn| store::read_task(txn, uuid, member))
    }

    /// Every task.
    pub fn all_task_data(&self) -> Result<HashMap<Uuid, TaskData>> {
        let all = self.every_task_data()?;
        Ok(all.into_iter().map(|t| (t.uuid(), t)).collect())
    }

    /// Every task, the working set's first, in no other order. The tasks outside the
    /// working set are read in two halves at once.
    pub fn every_task_data(&self) -> Result<Vec<TaskData>> {
        const HALF: u128 = 1 << 127;
        self.read(|txn| {
            let (lower, upper) = crate::parallel::join(
                || -> SResult<Vec<TaskData>> {
                    let mut all = Vec::new();
                    store::scan_working_set_tasks(&txn.open_table(store::WS_TASKS)?, &mut all)?;
                    store::scan_other_tasks(&txn.open_table(store::TASKS)?, ..HALF, &mut all)?;
                    Ok(all)
                },
                || -> SResult<Vec<TaskData>> {
                    let mut out = Vec::new();
                    store::scan_other_tasks(&txn.open_table(store::TASKS)?, HALF.., &mut out)?;
                    Ok(out)
                },
            );
            let mut all = lower?;
            all.extend(upper?);
            Ok(all)
        })
    }

    /// Every task's UUID.
    pub fn all_task_uuids(&self) -> Result<Vec<Uuid>> {
        self.read(|txn| {
            let mut out = Vec::new();
            for entry in txn.open_table(store::WS_TASKS)?.iter()? {
                out.extend(bucket::uuids(entry?.1.value())?);
            }
            for entry in txn.open_table(store::TASKS)?.iter()? {
                out.push(Uuid::from_u128(entry?.0.value()));
            }
            Ok(out)
        })
    }

    /// The values of `keys` of each task in the working set (`None` where a task has none),
    /// in no particular order, read without copying the tasks: for counting quickly.
    pub fn visit_pending<const N: usize>(
        &self,
        keys: [&str; N],
        mut f: impl FnMut([Option<&str>; N]),
    ) -> Result<()> {
        self.read(|txn| {
            store::visit_working_set_tasks(&txn.open_table(store::WS_TASKS)?, keys, &mut f)
        })
    }

    /// Every operation in the log, synced or not, oldest first, read in place (updates of
    /// properties not in `properties` as [`LoggedOp::Other`]): for charts of how the tasks
    /// went, over logs of millions of operations.
    pub fn visit_operations(&self, properties: &[&str], f: impl FnMut(LoggedOp<'_>)) -> Result<()> {
        self.visit_log(.., properties, f)
    }

    /// The operations whose keys are in `range`, oldest first, read in place.
    fn visit_log(
        &self,
        range: impl std::ops::RangeBounds<u64>,
        properties: &[&str],
        mut f: impl FnMut(LoggedOp<'_>),
    ) -> Result<()> {
        self.read(|txn| {
            for entry in txn.open_table(store::OPS)?.range(range)? {
                let (_, raw) = entry?;
                f(codec::peek_op(raw.value(), properties)?);
            }
            Ok(())
        })
    }

    /// [`Replica::visit_operations`] with the log cut in two, both halves read at once (on
    /// two cores, once [`crate::parallel`]'s workers are started): each half's operations,
    /// oldest first, go to its own `T`, made by `make`; the older half's comes first.
    pub fn visit_operations_in_halves<T: Send>(
        &self,
        properties: &[&str],
        make: impl Fn() -> T + Sync,
        f: impl Fn(&mut T, LoggedOp<'_>) + Sync,
    ) -> Result<[T; 2]> {
        let bounds = self.read(|txn| {
            let ops = txn.open_table(store::OPS)?;
            let first = ops.first()?.map(|(k, _)| k.value());
            let last = ops.last()?.map(|(k, _)| k.value());
            Ok(first.zip(last))
        })?;
        let Some((first, last)) = bounds else {
            return Ok([make(), make()]);
        };
        let middle = first + (last - first) / 2;
        let half = |range: std::ops::RangeInclusive<u64>| {
            let mut acc = make();
            self.visit_log(range, properties, |op| f(&mut acc, op))
                .map(|()| acc)
        };
        let (older, newer) = crate::parallel::join(
            || half(first..=middle),
            || half(middle.saturating_add(1)..=last),
        );
        Ok([older?, newer?])
    }

    /// The tasks in the working set (pending and recurring ones, plus any completed or
    /// deleted since the last rebuild), in ID order.
    pub fn pending_task_data(&self) -> Result<Vec<TaskData>> {
        let tasks = self.read(|txn| {
            let mut out = Vec::with_capacity(self.working_set.len());
            store::scan_working_set_tasks(&txn.open_table(store::WS_TASKS)?, &mut out)?;
            Ok(out)
        })?;
        let largest = self.working_set.largest_index();
        if largest > 2 * tasks.len() + 1024 {
            // Mostly holes: sort rather than lay out a slot per ID.
            let mut keyed: Vec<(usize, TaskData)> = tasks
                .into_iter()
                .map(|t| (self.working_set.by_uuid(t.uuid()).unwrap_or(usize::MAX), t))
                .collect();
            keyed.sort_unstable_by_key(|(i, _)| *i);
            return Ok(keyed.into_iter().map(|(_, t)| t).collect());
        }
        // Place each task at its ID rather than sorting: IDs are unique and dense.
        let mut slots: Vec<Option<TaskData>> = Vec::new();
        slots.resize_with(largest + 1, || None);
        let mut strays = Vec::new();
        for task in tasks {
            match self.working_set.by_uuid(task.uuid()) {
                Some(i) if slots[i].is_none() => slots[i] = Some(task),
                _ => strays.push(task),
            }
        }
        let mut out = Vec::with_capacity(slots.len());
        out.extend(slots.into_iter().flatten());
        out.append(&mut strays);
        Ok(out)
    }

    /// The working set as of the last commit.
    pub fn working_set(&self) -> &WorkingSet {
        &self.working_set
    }

    /// Recompute the working set. With `renumber`, tasks that stop qualifying now are
    /// dropped and later IDs move up; otherwise they leave a gap.
    pub fn rebuild_working_set(&mut self, renumber: bool) -> Result<()> {
        self.rebuild_as(if renumber {
            Renumber::Yes
        } else {
            Renumber::No
        })
    }

    /// [`Replica::rebuild_working_set`] renumbering, and closing the gaps earlier rebuilds
    /// without renumbering left (as tcui's interface leaves them, keeping IDs steady while
    /// it runs): the IDs a Taskwarrior user expects after a report.
    pub fn renumber_working_set(&mut self) -> Result<()> {
        self.rebuild_as(Renumber::Compact)
    }

    fn rebuild_as(&mut self, renumber: Renumber) -> Result<()> {
        // A rebuild that would move no task (the usual case before a report) is seen from a
        // read: the file is not opened for writing at all, which would flush it to disk.
        if self.rebuild_keeps_working_set(renumber)? {
            return Ok(());
        }
        self.write_unless(
            |same| *same,
            |w, ws| {
                let before = ws.clone();
                rebuild_in(w, ws, renumber)?;
                Ok(*ws == before)
            },
        )?;
        Ok(())
    }

    /// Whether a rebuild would leave the working set as it is: its members are exactly the
    /// tasks whose status keeps them there, and it ends with a member (and, closing gaps,
    /// has none).
    fn rebuild_keeps_working_set(&self, renumber: Renumber) -> Result<bool> {
        let ws = self.working_set.as_slice();
        if ws.len() > 1 && ws.last().is_some_and(Option::is_none) {
            return Ok(false);
        }
        if renumber == Renumber::Compact && ws.iter().skip(1).any(Option::is_none) {
            return Ok(false);
        }
        self.read(|txn| {
            use redb::ReadableTableMetadata;
            let pending = txn.open_table(store::PENDING)?;
            let members: Vec<&Uuid> = ws.iter().flatten().collect();
            if pending.len()? != members.len() as u64 {
                return Ok(false);
            }
            for uuid in members {
                if pending.get(uuid.as_u128())?.is_none() {
                    return Ok(false);
                }
            }
            Ok(true)
        })
    }

    /// Which working-set tasks wait on which pending tasks; cached until the next commit.
    pub fn dependency_map(&mut self, force: bool) -> Result<Arc<DependencyMap>> {
        if force || self.depmap.is_none() {
            let map = self.read(|txn| {
                let mut ws_tasks = Vec::new();
                store::scan_working_set_tasks(&txn.open_table(store::WS_TASKS)?, &mut ws_tasks)?;
                dependencies_of(txn, &ws_tasks)
            })?;
            self.depmap = Some(Arc::new(map));
        }
        Ok(self.depmap.clone().unwrap_or_default())
    }

    /// [`Replica::pending_task_data`] with [`Replica::dependency_map`], the map worked out
    /// from the tasks just read when it is not cached.
    pub fn working_set_and_dependencies(&mut self) -> Result<(Vec<TaskData>, Arc<DependencyMap>)> {
        let tasks = self.pending_task_data()?;
        if self.depmap.is_none() {
            let map = self.read(|txn| dependencies_of(txn, &tasks))?;
            self.depmap = Some(Arc::new(map));
        }
        Ok((tasks, self.depmap.clone().unwrap_or_default()))
    }

    /// Every recorded operation on one task, synced or not, oldest first.
    pub fn get_task_operations(&self, uuid: Uuid) -> Result<Operations> {
        self.read(|txn| {
            let index = txn.open_table(store::OPS_BY_TASK)?;
            let ops = txn.open_table(store::OPS)?;
            let mut out = Vec::new();
            for entry in index.range((uuid.as_u128(), 0)..=(uuid.as_u128(), u64::MAX))? {
                let (_, seq) = entry?.0.value();
                if let Some(raw) = ops.get(seq)? {
                    out.push(codec::decode_op(raw.value())?);
                }
            }
            Ok(out)
        })
    }

    /// The operations the next undo would revert: unsynced ones from the last undo point on
    /// (all unsynced ones if there is no undo point).
    pub fn get_undo_operations(&self) -> Result<Operations> {
        self.read(|txn| {
            let counters = Counters::load(&txn.open_table(store::META)?)?;
            let ops = txn.open_table(store::OPS)?;
            let mut out = Vec::new();
            for entry in ops.range(counters.unsynced())?.rev() {
                let op = codec::decode_op(entry?.1.value())?;
                let stop = op.is_undo_point();
                out.push(op);
                if stop {
                    break;
                }
            }
            out.reverse();
            Ok(out)
        })
    }

    /// Revert `ops`, which must be exactly the newest unsynced operations (as
    /// [`Replica::get_undo_operations`] gave them), and drop them from the log. Returns false,
    /// changing nothing, if they are not; true if anything was reverted.
    pub fn commit_reversed_operations(&mut self, ops: Operations) -> Result<bool> {
        if ops.is_empty() {
            return Ok(false);
        }
        let matches = self.read(|txn| {
            let counters = Counters::load(&txn.open_table(store::META)?)?;
            let log = txn.open_table(store::OPS)?;
            let mut tail = log.range(counters.unsynced())?.rev();
            for expected in ops.iter().rev() {
                match tail.next() {
                    Some(entry) => {
                        if &codec::decode_op(entry?.1.value())? != expected {
                            return Ok(false);
                        }
                    }
                    None => return Ok(false),
                }
            }
            Ok(true)
        })?;
        if !matches {
            return Ok(false);
        }
        let applied = self.write(|w, ws| {
            let mut applied = false;
            for op in ops.iter().rev() {
                applied |= revert(w, op)?;
                w.remove_last_op(op)?;
            }
            if applied {
                rebuild_in(w, ws, Renumber::No)?;
            }
            Ok(applied)
        })?;
        if applied {
            self.depmap = None;
        }
        Ok(applied)
    }

    /// Unsynced operations that are not undo points.
    pub fn num_local_operations(&self) -> Result<usize> {
        Ok(self.counters()?.local_ops as usize)
    }

    /// Unsynced undo points.
    pub fn num_undo_points(&self) -> Result<usize> {
        Ok(self.counters()?.undo_points as usize)
    }

    /// The last server version this replica has synced to (nil before the first sync).
    pub fn base_version(&self) -> Result<Uuid> {
        self.read(|txn| store::base_version(&txn.open_table(store::META)?))
    }

    /// Every unsynced operation, undo points included, oldest first.
    pub fn unsynced_operations(&self) -> Result<Operations> {
        self.read(|txn| {
            let counters = Counters::load(&txn.open_table(store::META)?)?;
            store::read_unsynced(&txn.open_table(store::OPS)?, &counters)
        })
    }

    /// Record a finished sync: the replica is at `version`, every local operation has reached
    /// the server (so nothing before it can be undone), and the history of tasks that no longer
    /// exist is dropped.
    pub fn complete_sync(&mut self, version: Uuid) -> Result<()> {
        self.write(|w, _| {
            w.set_base_version(version)?;
            w.complete_sync()
        })
    }

    fn counters(&self) -> Result<Counters> {
        self.read(|txn| Counters::load(&txn.open_table(store::META)?))
    }

    /// Purge deleted tasks last modified more than [`EXPIRE_AFTER_DAYS`] before `now`.
    pub fn expire_tasks(&mut self, now: DateTime<Utc>) -> Result<()> {
        let cutoff = now - Duration::days(EXPIRE_AFTER_DAYS);
        let mut ops = Operations::new();
        for (_, mut task) in self.all_task_data()? {
            let expired = task.get(keys::STATUS) == Some("deleted")
                && task
                    .get(keys::MODIFIED)
                    .and_then(|m| m.parse::<i64>().ok())
                    .and_then(|s| DateTime::from_timestamp(s, 0))
                    .is_some_and(|m| m < cutoff);
            if expired {
                task.delete(&mut ops);
            }
        }
        self.commit_operations(ops)
    }
}

/// The dependency map of the working set's tasks, `ws_tasks` (all of them): a dependency
/// outside the working set is looked up in `txn`.
fn dependencies_of(txn: &redb::ReadTransaction, ws_tasks: &[TaskData]) -> SResult<DependencyMap> {
    let pending = |t: &TaskData| t.get(keys::STATUS) == Some("pending");
    let mut by_uuid: Option<HashMap<Uuid, &TaskData>> = None;
    let mut outside: HashMap<Uuid, bool> = HashMap::new();
    DependencyMap::build(ws_tasks, |dep| {
        let by_uuid =
            by_uuid.get_or_insert_with(|| ws_tasks.iter().map(|t| (t.uuid(), t)).collect());
        match by_uuid.get(&dep) {
            Some(t) => Ok(pending(t)),
            None => match outside.get(&dep) {
                Some(p) => Ok(*p),
                None => {
                    let p = store::read_task(txn, dep, false)?.is_some_and(|t| pending(&t));
                    outside.insert(dep, p);
                    Ok(p)
                }
            },
        }
    })
}
