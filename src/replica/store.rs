//! The redb file: table layout, format checks, and one write transaction's view of it.
//!
//! Layout (format 1):
//! - `meta`: the app marker, the format version, base version, counters;
//! - `ws_tasks`: the working set's tasks, packed into a fixed number of buckets by UUID, so
//!   loading them all reads a few large values instead of thousands of small ones, while a
//!   commit rewrites only the buckets it touches;
//! - `tasks`: every other task, one encoded record per UUID;
//! - `pending`: UUID → write sequence for every task whose status keeps it in the working set
//!   (a rebuild reads only this small table; the sequence orders newcomers by last write);
//! - `working_set`: index → UUID;
//! - `ops`: sequence → encoded operation; those up to `synced_through` have been synced;
//! - `ops_by_task`: (UUID, sequence) for per-task history;
//! - `undone`: tasks an undo removed since the last sync (their history goes at the next one).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::Path;

use redb::{Database, ReadableDatabase, ReadableTable, Table, TableDefinition, WriteTransaction};
use uuid::Uuid;

use super::bucket::{self, CHUNK, bucket_of};
use super::codec::{self, Malformed};
use super::error::ReplicaError;
use super::working_set::{UuidSet, WorkingSet};
use crate::task::{Operation, Status, TaskData, TaskMap};

pub(crate) const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
pub(crate) const WS_TASKS: TableDefinition<u32, &[u8]> = TableDefinition::new("ws_tasks");
pub(crate) const TASKS: TableDefinition<u128, &[u8]> = TableDefinition::new("tasks");
pub(crate) const PENDING: TableDefinition<u128, u64> = TableDefinition::new("pending");
pub(crate) const WORKING_SET: TableDefinition<u32, &[u8]> = TableDefinition::new("working_set");
pub(crate) const OPS: TableDefinition<u64, &[u8]> = TableDefinition::new("ops");
pub(crate) const OPS_BY_TASK: TableDefinition<(u128, u64), ()> =
    TableDefinition::new("ops_by_task");
/// Tasks removed by an undo since the last sync, whose older history a sync must drop.
pub(crate) const UNDONE: TableDefinition<u128, ()> = TableDefinition::new("undone");

/// The `meta` key of the base version.
const BASE_VERSION: &str = "base_version";

/// The last version known to be on the server (nil if none).
pub(crate) fn base_version(
    meta: &impl ReadableTable<&'static str, &'static [u8]>,
) -> SResult<Uuid> {
    match meta.get(BASE_VERSION)? {
        Some(raw) => Uuid::from_slice(raw.value()).map_err(|_| Malformed("base version").into()),
        None => Ok(Uuid::nil()),
    }
}

/// The marker that says a redb file is a tcui replica.
const APP_MARKER: &[u8] = b"tcui replica";
/// The replica format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// redb's file signature.
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

/// Failures inside the store, turned into a [`ReplicaError`] with the path at the boundary.
#[derive(Debug)]
pub(crate) enum StoreError {
    Redb(redb::Error),
    Io(std::io::Error),
    Malformed(Malformed),
    Conflict(String),
}

impl<E: Into<redb::Error>> From<E> for StoreError {
    fn from(e: E) -> Self {
        StoreError::Redb(e.into())
    }
}

impl From<Malformed> for StoreError {
    fn from(e: Malformed) -> Self {
        StoreError::Malformed(e)
    }
}

impl StoreError {
    pub(crate) fn at(self, path: &Path) -> ReplicaError {
        let path = path.to_path_buf();
        match self {
            StoreError::Redb(redb::Error::Corrupted(detail)) => {
                ReplicaError::Corrupt { path, detail }
            }
            StoreError::Redb(source) => ReplicaError::Storage {
                path,
                source: Box::new(source),
            },
            StoreError::Io(source) => ReplicaError::Storage {
                path,
                source: Box::new(source),
            },
            StoreError::Malformed(m) => ReplicaError::Corrupt {
                path,
                detail: m.to_string(),
            },
            StoreError::Conflict(msg) => ReplicaError::Conflict(msg),
        }
    }
}

pub(crate) type SResult<T> = Result<T, StoreError>;

/// What opening found: a replica to read, or a database that needed writing to open.
pub(crate) enum Opened {
    Reading(redb::ReadOnlyDatabase),
    Writing(Database),
}

/// Open or create the file, refusing anything that is not a tcui replica of a known format.
///
/// An existing, cleanly closed replica is opened read-only: nothing is written until the
/// first change, so a look at the tasks costs no disk flush and a file that is not ours is
/// never touched.
pub(crate) fn open_database(path: &Path, known: bool) -> Result<Opened, ReplicaError> {
    let already_open = || ReplicaError::AlreadyOpen { path: path.into() };
    let not_ours = || ReplicaError::NotAReplica { path: path.into() };
    if has_content(path)? {
        match redb::ReadOnlyDatabase::open(path) {
            Ok(ro) => {
                let txn = ro.begin_read().map_err(|e| StoreError::from(e).at(path))?;
                let has_tables = txn
                    .list_tables()
                    .map_err(|e| StoreError::from(e).at(path))?
                    .next()
                    .is_some();
                if has_tables {
                    let meta = txn.open_table(META).map_err(|_| not_ours())?;
                    check_meta(&meta, path)?;
                    drop(meta);
                    drop(txn);
                    return Ok(Opened::Reading(ro));
                }
            }
            Err(redb::DatabaseError::DatabaseAlreadyOpen) => return Err(already_open()),
            Err(redb::DatabaseError::UpgradeRequired(_)) => return Err(not_ours()),
            // Not shut down cleanly. Opening for writing repairs it (and checks it after), but
            // that writes to the file: do it only for a file tcui has opened before.
            Err(redb::DatabaseError::RepairAborted) if known => {}
            Err(redb::DatabaseError::RepairAborted) => {
                return Err(ReplicaError::Unverified { path: path.into() });
            }
            Err(other) => return Err(StoreError::from(other).at(path)),
        }
    }
    open_writable(path).map(Opened::Writing)
}

/// Open the file for writing, giving a new or empty one the replica layout.
pub(crate) fn open_writable(path: &Path) -> Result<Database, ReplicaError> {
    let db = Database::builder().create(path).map_err(|e| match e {
        redb::DatabaseError::DatabaseAlreadyOpen => ReplicaError::AlreadyOpen { path: path.into() },
        other => StoreError::from(other).at(path),
    })?;
    init_if_new(&db, path)?;
    Ok(db)
}

/// Whether the file exists with content; content that is not a redb file is refused.
pub(crate) fn has_content(path: &Path) -> Result<bool, ReplicaError> {
    let Ok(mut f) = File::open(path) else {
        return Ok(false);
    };
    let mut head = [0u8; 9];
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    if n == 0 {
        Ok(false)
    } else if n < head.len() || head != REDB_MAGIC {
        Err(ReplicaError::NotAReplica { path: path.into() })
    } else {
        Ok(true)
    }
}

/// Refuse a database without our marker, or of a newer format.
fn check_meta(
    meta: &impl ReadableTable<&'static str, &'static [u8]>,
    path: &Path,
) -> Result<(), ReplicaError> {
    let err = |e: StoreError| e.at(path);
    let marker = meta.get("app").map_err(|e| err(e.into()))?;
    if marker.as_ref().map(|m| m.value()) != Some(APP_MARKER) {
        return Err(ReplicaError::NotAReplica { path: path.into() });
    }
    let found = meta
        .get("format")
        .map_err(|e| err(e.into()))?
        .and_then(|v| <[u8; 4]>::try_from(v.value()).ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| ReplicaError::Corrupt {
            path: path.into(),
            detail: "no format version".into(),
        })?;
    if found > FORMAT_VERSION {
        return Err(ReplicaError::TooNew {
            path: path.into(),
            found,
            supported: FORMAT_VERSION,
        });
    }
    Ok(())
}

/// Give a database with no tables at all the replica layout; check any other one.
fn init_if_new(db: &Database, path: &Path) -> Result<(), ReplicaError> {
    let err = |e: StoreError| e.at(path);
    let txn = db.begin_write().map_err(|e| err(e.into()))?;
    let has_tables = txn
        .list_tables()
        .map_err(|e| err(e.into()))?
        .next()
        .is_some();
    if has_tables {
        let meta = txn.open_table(META).map_err(|e| err(e.into()))?;
        // Dropping the transaction without a commit leaves the file as it was.
        return check_meta(&meta, path);
    }
    {
        let mut meta = txn.open_table(META).map_err(|e| err(e.into()))?;
        meta.insert("app", APP_MARKER).map_err(|e| err(e.into()))?;
        meta.insert("format", FORMAT_VERSION.to_le_bytes().as_slice())
            .map_err(|e| err(e.into()))?;
        Counters::default().store(&mut meta).map_err(err)?;
    }
    // Create every table so readers never meet a missing one.
    txn.open_table(WS_TASKS).map_err(|e| err(e.into()))?;
    txn.open_table(TASKS).map_err(|e| err(e.into()))?;
    txn.open_table(PENDING).map_err(|e| err(e.into()))?;
    txn.open_table(WORKING_SET).map_err(|e| err(e.into()))?;
    txn.open_table(OPS).map_err(|e| err(e.into()))?;
    txn.open_table(OPS_BY_TASK).map_err(|e| err(e.into()))?;
    txn.open_table(UNDONE).map_err(|e| err(e.into()))?;
    txn.commit().map_err(|e| err(e.into()))?;
    Ok(())
}

/// Counters kept in `meta`, read at the start of a write and stored at its end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counters {
    /// The last sequence number given to a task write.
    pub write_seq: u64,
    /// The last operation sequence number used.
    pub last_op: u64,
    /// Operations with a sequence number up to this one are synced.
    pub synced_through: u64,
    /// Unsynced operations that are not undo points.
    pub local_ops: u64,
    /// Unsynced undo points.
    pub undo_points: u64,
}

impl Counters {
    const KEY: &'static str = "counters";

    pub(crate) fn load(
        meta: &impl ReadableTable<&'static str, &'static [u8]>,
    ) -> SResult<Counters> {
        let Some(raw) = meta.get(Self::KEY)? else {
            return Err(Malformed("counters").into());
        };
        let raw = raw.value();
        if raw.len() != 40 {
            return Err(Malformed("counters").into());
        }
        let word = |i: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&raw[i * 8..i * 8 + 8]);
            u64::from_le_bytes(b)
        };
        Ok(Counters {
            write_seq: word(0),
            last_op: word(1),
            synced_through: word(2),
            local_ops: word(3),
            undo_points: word(4),
        })
    }

    fn store(&self, meta: &mut Table<&'static str, &'static [u8]>) -> SResult<()> {
        let mut raw = Vec::with_capacity(40);
        for w in [
            self.write_seq,
            self.last_op,
            self.synced_through,
            self.local_ops,
            self.undo_points,
        ] {
            raw.extend_from_slice(&w.to_le_bytes());
        }
        meta.insert(Self::KEY, raw.as_slice())?;
        Ok(())
    }
}

/// The next sequence number; a counter at its limit means the file is damaged.
fn next(counter: u64) -> SResult<u64> {
    counter
        .checked_add(1)
        .ok_or_else(|| Malformed("counters").into())
}

/// The highest working-set ID a replica may have; a larger one means the file is damaged.
pub(crate) const MAX_WORKING_SET_ID: usize = 10_000_000;

/// Load the working set as a vector (element 0 `None`, no trailing holes).
pub(crate) fn load_working_set(
    table: &impl ReadableTable<u32, &'static [u8]>,
) -> SResult<Vec<Option<Uuid>>> {
    let mut ws = vec![None];
    for entry in table.iter()? {
        let (k, v) = entry?;
        let start = (k.value() as usize)
            .checked_mul(CHUNK)
            .filter(|s| *s < MAX_WORKING_SET_ID)
            .ok_or(Malformed("working set"))?;
        let slots = bucket::decode_chunk(v.value())?;
        if ws.len() < start + slots.len() {
            ws.resize(start + slots.len(), None);
        }
        ws[start..start + slots.len()].copy_from_slice(&slots);
    }
    ws[0] = None;
    while ws.len() > 1 && ws.last() == Some(&None) {
        ws.pop();
    }
    Ok(ws)
}

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
            .get("status")
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
        for entry in self
            .ops
            .range(self.counters.synced_through.saturating_add(1)..)?
        {
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

/// Every working-set task, decoded, in bucket order.
pub(crate) fn scan_working_set_tasks(
    table: &impl ReadableTable<u32, &'static [u8]>,
    out: &mut Vec<TaskData>,
) -> SResult<()> {
    for entry in table.iter()? {
        bucket::decode(entry?.1.value(), out)?;
    }
    Ok(())
}

/// Every task outside the working set, decoded.
pub(crate) fn scan_other_tasks(
    table: &impl ReadableTable<u128, &'static [u8]>,
    out: &mut Vec<TaskData>,
) -> SResult<()> {
    for entry in table.iter()? {
        let (k, v) = entry?;
        out.push(codec::decode_task_data(
            Uuid::from_u128(k.value()),
            v.value(),
        )?);
    }
    Ok(())
}

/// One task, from its bucket if it is in the working set, else from `tasks`.
pub(crate) fn read_task(
    txn: &redb::ReadTransaction,
    uuid: Uuid,
    member: bool,
) -> SResult<Option<TaskData>> {
    if member {
        let table = txn.open_table(WS_TASKS)?;
        match table.get(bucket_of(&uuid))? {
            Some(blob) => Ok(bucket::find(blob.value(), uuid)?),
            None => Ok(None),
        }
    } else {
        let table = txn.open_table(TASKS)?;
        match table.get(uuid.as_u128())? {
            Some(raw) => Ok(Some(codec::decode_task_data(uuid, raw.value())?)),
            None => Ok(None),
        }
    }
}
