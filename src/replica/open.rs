//! Opening the file: telling a tcui replica from anything else before writing a byte, and
//! giving a new file the replica layout.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use redb::{Database, ReadableDatabase, ReadableTable};

use super::error::ReplicaError;
use super::store::{
    Counters, META, OPS, OPS_BY_TASK, PENDING, StoreError, TASKS, UNDONE, WORKING_SET, WS_TASKS,
};

/// The marker that says a redb file is a tcui replica.
const APP_MARKER: &[u8] = b"tcui replica";
/// The replica format this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// redb's file signature.
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

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
