//! The redb file's tables, errors and the reading helpers shared by the replica.
//!
//! Layout (format 1):
//! - `meta`: the app marker, the format version, base version, counters;
//! - `ws_tasks`: the working set's tasks, packed into a fixed number of buckets by UUID, so
//!   loading them all reads a few large values instead of thousands of small ones, while a
//!   commit rewrites only the buckets it touches;
//! - `tasks`: every other task, one encoded record per UUID;
//! - `pending`: UUID → write sequence for every task whose status keeps it in the working set
//!   (a rebuild reads only this small table; the sequence orders newcomers by last write);
//! - `working_set`: chunks of consecutive IDs → UUIDs;
//! - `ops`: sequence → encoded operation; those up to `synced_through` have been synced;
//! - `ops_by_task`: (UUID, sequence) for per-task history;
//! - `undone`: tasks an undo removed since the last sync (their history goes at the next one).

use std::path::Path;

use redb::{ReadableTable, Table, TableDefinition};
use uuid::Uuid;

use super::bucket::{self, CHUNK, bucket_of};
use super::codec::{self, Malformed};
use super::error::ReplicaError;
use crate::task::TaskData;

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
pub(crate) const BASE_VERSION: &str = "base_version";

/// The last version known to be on the server (nil if none).
pub(crate) fn base_version(
    meta: &impl ReadableTable<&'static str, &'static [u8]>,
) -> SResult<Uuid> {
    match meta.get(BASE_VERSION)? {
        Some(raw) => Uuid::from_slice(raw.value()).map_err(|_| Malformed("base version").into()),
        None => Ok(Uuid::nil()),
    }
}

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

    /// The sequence numbers of the operations not yet synced.
    pub(crate) fn unsynced(&self) -> std::ops::RangeFrom<u64> {
        self.synced_through.saturating_add(1)..
    }

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

    pub(crate) fn store(&self, meta: &mut Table<&'static str, &'static [u8]>) -> SResult<()> {
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
pub(crate) fn next(counter: u64) -> SResult<u64> {
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

/// The values of `keys` of each task of the working set, read in place.
pub(crate) fn visit_working_set_tasks<const N: usize>(
    table: &impl ReadableTable<u32, &'static [u8]>,
    keys: [&str; N],
    f: &mut dyn FnMut([Option<&str>; N]),
) -> SResult<()> {
    for entry in table.iter()? {
        bucket::visit(entry?.1.value(), keys, f)?;
    }
    Ok(())
}

/// The tasks outside the working set whose UUIDs fall in `range`, decoded.
pub(crate) fn scan_other_tasks(
    table: &impl ReadableTable<u128, &'static [u8]>,
    range: impl std::ops::RangeBounds<u128>,
    out: &mut Vec<TaskData>,
) -> SResult<()> {
    let mut batch = codec::TaskBatch::default();
    for entry in table.range(range)? {
        let (k, v) = entry?;
        batch.push(Uuid::from_u128(k.value()), v.value())?;
        if batch.len() == codec::TaskBatch::SIZE {
            batch.finish(out)?;
        }
    }
    batch.finish(out)?;
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

/// Every operation not yet synced, oldest first.
pub(crate) fn read_unsynced(
    ops: &impl ReadableTable<u64, &'static [u8]>,
    counters: &Counters,
) -> SResult<crate::task::Operations> {
    let mut out = Vec::new();
    for entry in ops.range(counters.unsynced())? {
        out.push(codec::decode_op(entry?.1.value())?);
    }
    Ok(out)
}
