//! Opening the file: telling a tcui replica from anything else before writing a byte, and
//! giving a new file the replica layout.
//!
//! A new replica is built in a temporary file beside its place and renamed there only once it
//! is whole, so a crash during the first run leaves either nothing or a complete replica. A file
//! that an older tcui began and never finished (redb's header without its magic number, nothing
//! after it) is made anew, but only beside tcui's lock file: anything else is left untouched.

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
/// redb's header (320 bytes) rounded up: anything past it is a table, a page, data.
const HEADER_REGION: u64 = 512;
/// How a replica being built is named: `.<name>.<random>.tcui-new` beside it.
const TEMP_SUFFIX: &str = ".tcui-new";

/// What lies at the replica's place before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// No file, or an empty one.
    Nothing,
    /// A file redb began and never finished: its magic number is missing (zero bytes, or only
    /// its first bytes written) and every byte past the header is zero, so it holds no data.
    Unfinished,
    /// A redb file.
    Database,
}

/// What the file at `path` is; content that is not a redb file, finished or not, is refused.
pub(crate) fn inspect(path: &Path) -> Result<Found, ReplicaError> {
    let not_ours = || ReplicaError::NotAReplica { path: path.into() };
    let io = |e: std::io::Error| StoreError::Io(e).at(path);
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(io(e)),
    };
    let mut head = [0u8; REDB_MAGIC.len()];
    let n = read_up_to(&mut file, &mut head).map_err(io)?;
    if n == 0 {
        return Ok(Found::Nothing);
    }
    if n == head.len() && head == REDB_MAGIC {
        return Ok(Found::Database);
    }
    let begun = head[..n]
        .iter()
        .zip(REDB_MAGIC)
        .all(|(b, m)| *b == 0 || *b == m);
    if !begun {
        return Err(not_ours());
    }
    // The header itself may be written; past it, one non-zero byte could be data.
    let mut skip = vec![0u8; (HEADER_REGION as usize).saturating_sub(n)];
    read_up_to(&mut file, &mut skip).map_err(io)?;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let k = read_up_to(&mut file, &mut chunk).map_err(io)?;
        if chunk[..k].iter().any(|b| *b != 0) {
            return Err(not_ours());
        }
        if k < chunk.len() {
            return Ok(Found::Unfinished);
        }
    }
}

/// Fill `buf` as far as the file goes; how many bytes were read.
fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// What opening found: a replica to read, or a database that needed writing to open.
pub(crate) enum Opened {
    Reading(redb::ReadOnlyDatabase),
    Writing(Database),
}

/// Open the redb file at `path`, refusing anything that is not a tcui replica of a known
/// format; `known` says tcui has opened it before (its lock file was there).
///
/// An existing, cleanly closed replica is opened read-only: nothing is written until the
/// first change, so a look at the tasks costs no disk flush and a file that is not ours is
/// never touched.
pub(crate) fn open_database(path: &Path, known: bool) -> Result<Opened, ReplicaError> {
    let already_open = || ReplicaError::AlreadyOpen { path: path.into() };
    let not_ours = || ReplicaError::NotAReplica { path: path.into() };
    if inspect(path)? == Found::Database {
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

/// Build a new replica in a private temporary file beside `path`, then rename it into place
/// (over an empty or unfinished file). The caller holds the lock.
///
/// Where `path` is a link to nowhere, the replica is made in place instead, as redb would: a
/// rename would replace the link itself.
pub(crate) fn create(path: &Path) -> Result<(), ReplicaError> {
    let io = |e: std::io::Error| StoreError::Io(e).at(path);
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = match std::fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) if is_link => return open_writable(path).map(drop),
        Err(_) => path.to_path_buf(),
    };
    let dir = folder_of(&target);
    let temp = tempfile::Builder::new()
        .prefix(&temp_prefix(&target))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(io)?;
    let file = temp.as_file().try_clone().map_err(io)?;
    let db = redb::backends::FileBackend::new(file)
        .and_then(|backend| Database::builder().create_with_backend(backend))
        .map_err(|e| StoreError::from(e).at(path))?;
    init_if_new(&db, path)?;
    drop(db);
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(&target).map_err(|e| io(e.error))?;
    if let Ok(d) = File::open(dir) {
        // Make the rename itself durable where the platform allows it.
        let _ = d.sync_all();
    }
    Ok(())
}

/// Remove what a creation killed half-way left beside `path`. The caller holds the lock, so
/// no other tcui is building one now.
pub(crate) fn remove_stale_temporaries(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or("replica".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.")
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
