//! The redb file: table layout, format checks, and one write transaction's view of it.
//!
//! Layout (format 1):
//! - `meta`: the app marker, the format version, base version, counters;
//! - `tasks_ws` / `tasks`: encoded task maps, split by whether the task is in the working set,
//!   so loading the working set's tasks is one sequential scan;
//! - `pending`: UUID → write sequence for every task whose status keeps it in the working set
//!   (a rebuild reads only this small table; the sequence orders newcomers by last write);
//! - `working_set`: index → UUID;
//! - `ops`: sequence → encoded operation; those up to `synced_through` have been synced;
//! - `ops_by_task`: (UUID, sequence) for per-task history.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use redb::{Database, ReadableDatabase, ReadableTable, Table, TableDefinition, WriteTransaction};
use uuid::Uuid;

use super::codec::{self, Malformed};
use super::error::ReplicaError;
use crate::task::{Operation, Status, TaskMap};

pub(crate) const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
pub(crate) const TASKS_WS: TableDefinition<u128, &[u8]> = TableDefinition::new("tasks_ws");
pub(crate) const TASKS: TableDefinition<u128, &[u8]> = TableDefinition::new("tasks");
pub(crate) const PENDING: TableDefinition<u128, u64> = TableDefinition::new("pending");
pub(crate) const WORKING_SET: TableDefinition<u64, u128> = TableDefinition::new("working_set");
pub(crate) const OPS: TableDefinition<u64, &[u8]> = TableDefinition::new("ops");
pub(crate) const OPS_BY_TASK: TableDefinition<(u128, u64), ()> =
    TableDefinition::new("ops_by_task");

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
            StoreError::Redb(source) => ReplicaError::Storage { path, source },
            StoreError::Malformed(m) => ReplicaError::Corrupt {
                path,
                detail: m.to_string(),
            },
            StoreError::Conflict(msg) => ReplicaError::Conflict(msg),
        }
    }
}

pub(crate) type SResult<T> = Result<T, StoreError>;

/// Open or create the file, refusing anything that is not a tcui replica of a known format.
///
/// An existing file is first inspected read-only, so a file that is not ours is never written.
pub(crate) fn open_database(path: &Path) -> Result<Database, ReplicaError> {
    let already_open = || ReplicaError::AlreadyOpen { path: path.into() };
    let not_ours = || ReplicaError::NotAReplica { path: path.into() };
    if has_content(path, &not_ours)? {
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
                }
            }
            Err(redb::DatabaseError::DatabaseAlreadyOpen) => return Err(already_open()),
            Err(redb::DatabaseError::UpgradeRequired(_)) => return Err(not_ours()),
            // Not shut down cleanly: the read-write open below repairs it, then checks again.
            Err(redb::DatabaseError::RepairAborted) => {}
            Err(other) => return Err(StoreError::from(other).at(path)),
        }
    }
    let db = Database::builder().create(path).map_err(|e| match e {
        redb::DatabaseError::DatabaseAlreadyOpen => already_open(),
        other => StoreError::from(other).at(path),
    })?;
    init_if_new(&db, path)?;
    Ok(db)
}

/// Whether the file exists with content; content that is not a redb file is refused.
fn has_content(path: &Path, not_ours: &dyn Fn() -> ReplicaError) -> Result<bool, ReplicaError> {
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
        Err(not_ours())
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
    txn.open_table(TASKS_WS).map_err(|e| err(e.into()))?;
    txn.open_table(TASKS).map_err(|e| err(e.into()))?;
    txn.open_table(PENDING).map_err(|e| err(e.into()))?;
    txn.open_table(WORKING_SET).map_err(|e| err(e.into()))?;
    txn.open_table(OPS).map_err(|e| err(e.into()))?;
    txn.open_table(OPS_BY_TASK).map_err(|e| err(e.into()))?;
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

/// Load the working set as a vector (element 0 `None`, no trailing holes).
pub(crate) fn load_working_set(
    table: &impl ReadableTable<u64, u128>,
) -> SResult<Vec<Option<Uuid>>> {
    let mut ws = vec![None];
    for entry in table.iter()? {
        let (k, v) = entry?;
        let index = usize::try_from(k.value()).map_err(|_| Malformed("working set"))?;
        if index == 0 || index > 100_000_000 {
            return Err(Malformed("working set").into());
        }
        if ws.len() <= index {
            ws.resize(index + 1, None);
        }
        ws[index] = Some(Uuid::from_u128(v.value()));
    }
    Ok(ws)
}

/// One write transaction, with every table open and the working-set membership at hand.
pub(crate) struct Writer<'t> {
    pub meta: Table<'t, &'static str, &'static [u8]>,
    pub tasks_ws: Table<'t, u128, &'static [u8]>,
    pub tasks: Table<'t, u128, &'static [u8]>,
    pub pending: Table<'t, u128, u64>,
    pub working_set: Table<'t, u64, u128>,
    pub ops: Table<'t, u64, &'static [u8]>,
    pub ops_by_task: Table<'t, (u128, u64), ()>,
    pub counters: Counters,
    /// UUIDs in the working set, as of this transaction.
    pub members: HashSet<Uuid>,
}

impl<'t> Writer<'t> {
    pub(crate) fn new(txn: &'t WriteTransaction, ws: &[Option<Uuid>]) -> SResult<Writer<'t>> {
        let meta = txn.open_table(META)?;
        let counters = Counters::load(&meta)?;
        Ok(Writer {
            meta,
            tasks_ws: txn.open_table(TASKS_WS)?,
            tasks: txn.open_table(TASKS)?,
            pending: txn.open_table(PENDING)?,
            working_set: txn.open_table(WORKING_SET)?,
            ops: txn.open_table(OPS)?,
            ops_by_task: txn.open_table(OPS_BY_TASK)?,
            counters,
            members: ws.iter().flatten().copied().collect(),
        })
    }

    /// Store the counters; call once before committing.
    pub(crate) fn finish(mut self) -> SResult<()> {
        let c = self.counters;
        c.store(&mut self.meta)
    }

    fn table_for(&mut self, uuid: &Uuid) -> &mut Table<'t, u128, &'static [u8]> {
        if self.members.contains(uuid) {
            &mut self.tasks_ws
        } else {
            &mut self.tasks
        }
    }

    pub(crate) fn get_task(&mut self, uuid: Uuid) -> SResult<Option<TaskMap>> {
        let raw = self.table_for(&uuid).get(uuid.as_u128())?;
        match raw {
            Some(raw) => Ok(Some(codec::decode_task(raw.value())?)),
            None => Ok(None),
        }
    }

    pub(crate) fn task_exists(&mut self, uuid: Uuid) -> SResult<bool> {
        Ok(self.table_for(&uuid).get(uuid.as_u128())?.is_some())
    }

    /// Write a task (creating it if needed); keeps the `pending` index and write order.
    pub(crate) fn put_task(&mut self, uuid: Uuid, map: &TaskMap) -> SResult<()> {
        let bytes = codec::encode_task(map);
        self.table_for(&uuid)
            .insert(uuid.as_u128(), bytes.as_slice())?;
        self.counters.write_seq += 1;
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
        let existed = self.table_for(&uuid).remove(uuid.as_u128())?.is_some();
        self.pending.remove(uuid.as_u128())?;
        Ok(existed)
    }

    /// Record that `uuid` joins or leaves the working set, moving its stored record.
    pub(crate) fn set_member(&mut self, uuid: Uuid, member: bool) -> SResult<()> {
        if self.members.contains(&uuid) == member {
            return Ok(());
        }
        let (from, to) = if member {
            (&mut self.tasks, &mut self.tasks_ws)
        } else {
            (&mut self.tasks_ws, &mut self.tasks)
        };
        if let Some(raw) = from.remove(uuid.as_u128())? {
            to.insert(uuid.as_u128(), raw.value())?;
        }
        if member {
            self.members.insert(uuid);
        } else {
            self.members.remove(&uuid);
        }
        Ok(())
    }

    /// Append one operation to the log, unsynced.
    pub(crate) fn append_op(&mut self, op: &Operation) -> SResult<()> {
        self.counters.last_op += 1;
        let seq = self.counters.last_op;
        self.ops.insert(seq, codec::encode_op(op).as_slice())?;
        match op.uuid() {
            Some(u) => {
                self.ops_by_task.insert((u.as_u128(), seq), ())?;
                self.counters.local_ops += 1;
            }
            None => self.counters.undo_points += 1,
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
                self.counters.local_ops -= 1;
            }
            None => self.counters.undo_points -= 1,
        }
        self.counters.last_op = seq - 1;
        Ok(())
    }

    /// Replace the stored working set with `new`, given the `old` one; moves task records.
    pub(crate) fn write_working_set(
        &mut self,
        old: &[Option<Uuid>],
        new: &[Option<Uuid>],
    ) -> SResult<()> {
        let len = old.len().max(new.len());
        for i in 1..len {
            let (o, n) = (old.get(i).copied().flatten(), new.get(i).copied().flatten());
            if o == n {
                continue;
            }
            match n {
                Some(u) => self.working_set.insert(i as u64, u.as_u128())?,
                None => self.working_set.remove(i as u64)?,
            };
        }
        let new_members: HashSet<Uuid> = new.iter().flatten().copied().collect();
        let leaving: Vec<Uuid> = self.members.difference(&new_members).copied().collect();
        let joining: Vec<Uuid> = new_members.difference(&self.members).copied().collect();
        for u in leaving {
            self.set_member(u, false)?;
        }
        for u in joining {
            self.set_member(u, true)?;
        }
        Ok(())
    }
}

/// Decode every task of one table into `(uuid, map)` pairs.
pub(crate) fn scan_tasks(
    table: &impl ReadableTable<u128, &'static [u8]>,
    out: &mut Vec<(Uuid, TaskMap)>,
) -> SResult<()> {
    for entry in table.iter()? {
        let (k, v) = entry?;
        out.push((Uuid::from_u128(k.value()), codec::decode_task(v.value())?));
    }
    Ok(())
}
