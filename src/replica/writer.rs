//! One write transaction: every table open, the buckets and working-set chunks it changes,
//! and the counters, written back together at the end.

use std::collections::{HashMap, HashSet};

use redb::{ReadableTable, Table, WriteTransaction};
use uuid::Uuid;

use super::bucket::{self, CHUNK, bucket_of};
use super::codec;
use super::store::{
    BASE_VERSION, Counters, META, OPS, OPS_BY_TASK, PENDING, SResult, StoreError, TASKS, UNDONE,
    WORKING_SET, WS_TASKS, next,
};
use super::working_set::{UuidSet, WorkingSet};
use crate::task::{Operation, Status, TaskMap, keys};

/// One write transaction, with every table open and the working-set membership at hand.
pub(crate) struct Writer<'t> {
    pub meta: Table<'t, &'static str, &'static [u8]>,
    ws_tasks: Table<'t, u32, &'static [u8]>,
    pub tasks: Table<'t, u128, &'static [u8]>,
    pub pending: Table<'t, u128, u64>,
    working_set: Table<'t, u32, &'static [u8]>,
    pub ops: Table<'t, u64, &'static [u8]>,
    pub ops_by_task: Table<'t, (u128, u64), ()>,
    undone: Table<'t, u128, ()>,
    pub counters: Counters,
    /// The working set at the start of this transaction, and who joined or left since.
    start: &'t WorkingSet,
    joined: HashSet<Uuid>,
    left: HashSet<Uuid>,
    /// Working-set buckets read in this transaction, and which of them changed.
    buckets: HashMap<u32, Vec<(Uuid, Vec<u8>)>>,
    dirty: HashSet<u32>,
}

impl<'t> Writer<'t> {
    pub(crate) fn new(txn: &'t WriteTransaction, start: &'t WorkingSet) -> SResult<Writer<'t>> {
        let meta = txn.open_table(META)?;
        let mut counters = Counters::load(&meta)?;
        let ops = txn.open_table(OPS)?;
        // Never reuse a sequence number, whatever the stored counter says.
        if let Some((last, _)) = ops.last()? {
            counters.last_op = counters.last_op.max(last.value());
        }
        Ok(Writer {
            meta,
            ws_tasks: txn.open_table(WS_TASKS)?,
            tasks: txn.open_table(TASKS)?,
            pending: txn.open_table(PENDING)?,
            working_set: txn.open_table(WORKING_SET)?,
            ops,
            ops_by_task: txn.open_table(OPS_BY_TASK)?,
            undone: txn.open_table(UNDONE)?,
            counters,
            start,
            joined: HashSet::new(),
            left: HashSet::new(),
            buckets: HashMap::new(),
            dirty: HashSet::new(),
        })
    }

    /// Write what changed: buckets, the chunks of the working set that differ between `old`
    /// and `new`, and the counters. Call once before committing.
    pub(crate) fn finish(mut self, old: &[Option<Uuid>], new: &[Option<Uuid>]) -> SResult<()> {
        let chunks = old.len().max(new.len()).div_ceil(CHUNK);
        for k in 0..chunks {
            let range = |ws: &[Option<Uuid>]| -> Vec<Option<Uuid>> {
                let lo = (k * CHUNK).min(ws.len());
                let hi = ((k + 1) * CHUNK).min(ws.len());
                ws[lo..hi].to_vec()
            };
            let (before, after) = (range(old), range(new));
            if before == after {
                continue;
            }
            if after.iter().all(Option::is_none) {
                self.working_set.remove(k as u32)?;
            } else {
                self.working_set
                    .insert(k as u32, bucket::encode_chunk(&after).as_slice())?;
            }
        }
        for b in std::mem::take(&mut self.dirty) {
            match self.buckets.get(&b) {
                Some(entries) if !entries.is_empty() => {
                    self.ws_tasks.insert(b, bucket::join(entries)?.as_slice())?;
                }
                _ => {
                    self.ws_tasks.remove(b)?;
                }
            }
        }
        let c = self.counters;
        c.store(&mut self.meta)
    }

    /// The records of `uuid`'s bucket, read on first use.
    fn bucket(&mut self, uuid: &Uuid) -> SResult<&mut Vec<(Uuid, Vec<u8>)>> {
        let b = bucket_of(uuid);
        match self.buckets.entry(b) {
            std::collections::hash_map::Entry::Occupied(e) => Ok(e.into_mut()),
            std::collections::hash_map::Entry::Vacant(e) => {
                let records = match self.ws_tasks.get(b)? {
                    Some(blob) => bucket::split(blob.value())?,
                    None => Vec::new(),
                };
                Ok(e.insert(records))
            }
        }
    }

    /// Take a working-set task's record out of its bucket.
    fn take_from_bucket(&mut self, uuid: &Uuid) -> SResult<Option<Vec<u8>>> {
        let records = self.bucket(uuid)?;
        let Some(i) = records.iter().position(|(u, _)| u == uuid) else {
            return Ok(None);
        };
        let (_, bytes) = records.swap_remove(i);
        self.dirty.insert(bucket_of(uuid));
        Ok(Some(bytes))
    }

    /// Put a working-set task's record into its bucket, replacing any earlier one.
    fn put_in_bucket(&mut self, uuid: Uuid, bytes: Vec<u8>) -> SResult<()> {
        let records = self.bucket(&uuid)?;
        match records.iter_mut().find(|(u, _)| *u == uuid) {
            Some(slot) => slot.1 = bytes,
            None => records.push((uuid, bytes)),
        }
        self.dirty.insert(bucket_of(&uuid));
        Ok(())
    }

    pub(crate) fn get_task(&mut self, uuid: Uuid) -> SResult<Option<TaskMap>> {
        if self.is_member(&uuid) {
            let records = self.bucket(&uuid)?;
            match records.iter().find(|(u, _)| *u == uuid) {
                Some((_, bytes)) => Ok(Some(codec::decode_task(bytes)?)),
                None => Ok(None),
            }
        } else {
            match self.tasks.get(uuid.as_u128())? {
                Some(raw) => Ok(Some(codec::decode_task(raw.value())?)),
                None => Ok(None),
            }
        }
    }

    pub(crate) fn task_exists(&mut self, uuid: Uuid) -> SResult<bool> {
        if self.is_member(&uuid) {
            Ok(self.bucket(&uuid)?.iter().any(|(u, _)| *u == uuid))
        } else {
            Ok(self.tasks.get(uuid.as_u128())?.is_some())
        }
    }

    /// Whether `uuid` is in the working set as this transaction has left it.
    pub(crate) fn is_member(&self, uuid: &Uuid) -> bool {
        self.joined.contains(uuid) || (self.start.contains(uuid) && !self.left.contains(uuid))
    }

    /// Write a task (creating it if needed); keeps the `pending` index and write order.
    pub(crate) fn put_task(&mut self, uuid: Uuid, map: &TaskMap) -> SResult<()> {
        let bytes = codec::encode_task(map);
        if self.is_member(&uuid) {
            self.put_in_bucket(uuid, bytes)?;
        } else {
            self.tasks.insert(uuid.as_u128(), bytes.as_slice())?;
        }
        self.counters.write_seq = next(self.counters.write_seq)?;
        let qualifies = map
            .get(keys::STATUS)
            .is_some_and(|s| Status::keeps_in_working_set(s));
        if qualifies {
            self.pending
                .insert(uuid.as_u128(), self.counters.write_seq)?;
        } else {
            self.pending.remove(uuid.as_u128())?;
        }
        Ok(())
    }

    /// Remove a task; false if there was none.
    pub(crate) fn remove_task(&mut self, uuid: Uuid) -> SResult<bool> {
        let existed = if self.is_member(&uuid) {
            self.take_from_bucket(&uuid)?.is_some()
        } else {
            self.tasks.remove(uuid.as_u128())?.is_some()
        };
        self.pending.remove(uuid.as_u128())?;
        Ok(existed)
    }

    /// Record that `uuid` joins or leaves the working set, moving its stored record.
    pub(crate) fn set_member(&mut self, uuid: Uuid, member: bool) -> SResult<()> {
        if self.is_member(&uuid) == member {
            return Ok(());
        }
        if member {
            let raw = self
                .tasks
                .remove(uuid.as_u128())?
                .map(|r| r.value().to_vec());
            self.left.remove(&uuid);
            self.joined.insert(uuid);
            if let Some(bytes) = raw {
                self.put_in_bucket(uuid, bytes)?;
            }
        } else {
            let raw = self.take_from_bucket(&uuid)?;
            self.joined.remove(&uuid);
            self.left.insert(uuid);
            if let Some(bytes) = raw {
                self.tasks.insert(uuid.as_u128(), bytes.as_slice())?;
            }
        }
        Ok(())
    }

    /// Set the last version known to be on the server.
    pub(crate) fn set_base_version(&mut self, version: Uuid) -> SResult<()> {
        self.meta
            .insert(BASE_VERSION, version.as_bytes().as_slice())?;
        Ok(())
    }

    /// Mark every operation synced, and drop the history of tasks that no longer exist
    /// (undo points stay, as synced rows).
    ///
    /// Only tasks named since the last sync, or removed by an undo since, need checking: the
    /// history of any task gone before then was dropped at that sync, and a task only goes
    /// away through an operation or the undo of its creation.
    pub(crate) fn complete_sync(&mut self) -> SResult<()> {
        let mut named = UuidSet::default();
        for entry in self.ops.range(self.counters.unsynced())? {
            if let Some(uuid) = codec::decode_op(entry?.1.value())?.uuid() {
                named.insert(uuid);
            }
        }
        for entry in self.undone.iter()? {
            named.insert(Uuid::from_u128(entry?.0.value()));
        }
        self.undone.retain(|_, _| false)?;
        self.counters.synced_through = self.counters.last_op;
        self.counters.local_ops = 0;
        self.counters.undo_points = 0;
        for uuid in named {
            if self.task_exists(uuid)? {
                continue;
            }
            let key = uuid.as_u128();
            let mut seqs = Vec::new();
            for entry in self.ops_by_task.range((key, 0)..=(key, u64::MAX))? {
                seqs.push(entry?.0.value().1);
            }
            for seq in seqs {
                self.ops_by_task.remove((key, seq))?;
                self.ops.remove(seq)?;
            }
        }
        Ok(())
    }

    /// Forget every operation and undo point, as if all had been synced and dropped.
    pub(crate) fn clear_history(&mut self) -> SResult<()> {
        self.ops.retain(|_, _| false)?;
        self.ops_by_task.retain(|_, _| false)?;
        self.undone.retain(|_, _| false)?;
        self.counters.synced_through = self.counters.last_op;
        self.counters.local_ops = 0;
        self.counters.undo_points = 0;
        Ok(())
    }

    /// Note that an undo removed `uuid`, so the next sync drops its older history.
    pub(crate) fn note_undone(&mut self, uuid: Uuid) -> SResult<()> {
        self.undone.insert(uuid.as_u128(), ())?;
        Ok(())
    }

    /// Append one operation to the log, unsynced.
    pub(crate) fn append_op(&mut self, op: &Operation) -> SResult<()> {
        self.counters.last_op = next(self.counters.last_op)?;
        let seq = self.counters.last_op;
        self.ops.insert(seq, codec::encode_op(op).as_slice())?;
        match op.uuid() {
            Some(u) => {
                self.ops_by_task.insert((u.as_u128(), seq), ())?;
                self.counters.local_ops = self.counters.local_ops.saturating_add(1);
            }
            None => self.counters.undo_points = self.counters.undo_points.saturating_add(1),
        }
        Ok(())
    }

    /// Remove the newest unsynced operation, which must equal `op`.
    pub(crate) fn remove_last_op(&mut self, op: &Operation) -> SResult<()> {
        let last = self
            .ops
            .last()?
            .map(|(k, v)| (k.value(), v.value().to_vec()));
        let Some((seq, raw)) = last else {
            return Err(StoreError::Conflict("no operation left to remove".into()));
        };
        if seq <= self.counters.synced_through || &codec::decode_op(&raw)? != op {
            return Err(StoreError::Conflict(
                "the last operation does not match; it cannot be removed".into(),
            ));
        }
        self.ops.remove(seq)?;
        match op.uuid() {
            Some(u) => {
                self.ops_by_task.remove((u.as_u128(), seq))?;
                self.counters.local_ops = self.counters.local_ops.saturating_sub(1);
            }
            None => self.counters.undo_points = self.counters.undo_points.saturating_sub(1),
        }
        self.counters.last_op = seq.saturating_sub(1);
        Ok(())
    }

    /// Move task records so that exactly the members of `new` are kept in buckets.
    pub(crate) fn move_members(
        &mut self,
        old: &[Option<Uuid>],
        new: &[Option<Uuid>],
    ) -> SResult<()> {
        let new_members: UuidSet = new.iter().flatten().copied().collect();
        let old_members: UuidSet = old.iter().flatten().copied().collect();
        let leaving: Vec<Uuid> = old_members.difference(&new_members).copied().collect();
        let joining: Vec<Uuid> = new_members.difference(&old_members).copied().collect();
        for u in leaving {
            self.set_member(u, false)?;
        }
        for u in joining {
            self.set_member(u, true)?;
        }
        Ok(())
    }
}
