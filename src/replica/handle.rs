//! The open replica file: an exclusive lock beside it, and a read-only view of the file
//! until the first write asks for more.
//!
//! Opening redb for writing flushes its header to disk; deferring that to the first change
//! keeps start-up free of disk flushes. The lock file (`<replica>.lock`) keeps a second tcui
//! process out even while the file itself is only open for reading; it also marks the replica
//! as one tcui made. Both files are readable by their owner only.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use redb::{Database, ReadOnlyDatabase, ReadTransaction, ReadableDatabase, WriteTransaction};

use super::error::ReplicaError;
use super::open::{self, Found, Opened};
use super::store::StoreError;

enum Db {
    Reading(ReadOnlyDatabase),
    Writing(Database),
    /// Between dropping the read-only view and opening for writing.
    Closed,
    /// Closed for good by [`Handle::close`]: never opened again.
    Shut,
}

pub(crate) struct Handle {
    path: PathBuf,
    db: Db,
    /// Held while the file is open; let go on [`Handle::close`].
    lock: Option<File>,
}

impl Handle {
    pub(crate) fn open(path: &Path) -> Result<Handle, ReplicaError> {
        let not_ours = || ReplicaError::NotAReplica { path: path.into() };
        let lock_path = lock_path(path);
        let known = lock_path.exists();
        // A file that is not a redb database, or an unfinished one tcui did not begin, is
        // refused before anything is created beside it.
        if open::inspect(path)? == Found::Unfinished && !known {
            return Err(not_ours());
        }
        let lock = take_lock(&lock_path, path)?;
        let opened = (|| {
            open::remove_stale_temporaries(path);
            match open::inspect(path)? {
                Found::Nothing => open::create(path)?,
                Found::Unfinished if known => open::create(path)?,
                Found::Unfinished => return Err(not_ours()),
                Found::Database => {}
            }
            open::open_database(path, known)
        })();
        let db = match opened {
            Ok(Opened::Reading(ro)) => Db::Reading(ro),
            Ok(Opened::Writing(rw)) => Db::Writing(rw),
            Err(e) => {
                // Leave no trace beside a file that was refused.
                drop(lock);
                if !known {
                    let _ = std::fs::remove_file(&lock_path);
                }
                return Err(e);
            }
        };
        // Files an older tcui made readable by everyone hold the user's tasks: tighten them.
        private::tighten(path);
        private::tighten(&lock_path);
        Ok(Handle {
            path: path.to_path_buf(),
            db,
            lock: Some(lock),
        })
    }

    pub(crate) fn begin_read(&self) -> Result<ReadTransaction, StoreError> {
        match &self.db {
            Db::Reading(db) => Ok(db.begin_read()?),
            Db::Writing(db) => Ok(db.begin_read()?),
            Db::Closed | Db::Shut => Err(redb::StorageError::DatabaseClosed.into()),
        }
    }

    /// Close the file for good, so that redb records a clean shutdown even while other
    /// threads still hold the replica; what they ask of it afterwards fails. Another
    /// process may open it from then on.
    pub(crate) fn close(&mut self) {
        self.db = Db::Shut;
        self.lock = None;
    }

    /// A write transaction, reopening the file for writing the first time.
    pub(crate) fn begin_write(&mut self) -> Result<WriteTransaction, ReplicaError> {
        if matches!(self.db, Db::Shut) {
            return Err(StoreError::from(redb::StorageError::DatabaseClosed).at(&self.path));
        }
        if !matches!(self.db, Db::Writing(_)) {
            // The read-only view holds a shared lock that a writer would wait on: close it first.
            self.db = Db::Closed;
            match reopen_writable(&self.path) {
                Ok(db) => self.db = Db::Writing(db),
                Err(e) => {
                    if let Ok(ro) = ReadOnlyDatabase::open(&self.path) {
                        self.db = Db::Reading(ro);
                    }
                    return Err(e);
                }
            }
        }
        match &self.db {
            Db::Writing(db) => db
                .begin_write()
                .map_err(|e| StoreError::from(e).at(&self.path)),
            _ => Err(StoreError::from(redb::StorageError::DatabaseClosed).at(&self.path)),
        }
    }
}

impl Handle {
    /// After a failed write (a full disk, an I/O error), redb refuses further work on the same
    /// handle: reopen the file so the next attempt can succeed once the cause is gone.
    pub(crate) fn recover(&mut self) {
        if matches!(self.db, Db::Shut) {
            return;
        }
        self.db = Db::Closed;
        if let Ok(db) = reopen_writable(&self.path) {
            self.db = Db::Writing(db);
        } else if let Ok(ro) = ReadOnlyDatabase::open(&self.path) {
            self.db = Db::Reading(ro);
        }
    }
}

/// How long a reopen for writing waits for the file's lock.
const REOPEN_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Open the file for writing while this process holds the replica's lock file. No other
/// tcui can hold the file then, but a child process being started (an editor, a hook) holds
/// copies of this process's open files, the read-only view's shared lock among them, until
/// it runs its program: a refusal is waited out for a moment.
fn reopen_writable(path: &Path) -> Result<redb::Database, ReplicaError> {
    let deadline = std::time::Instant::now() + REOPEN_WAIT;
    loop {
        match open::open_writable(path) {
            Err(ReplicaError::AlreadyOpen { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

/// The lock file beside a replica: `<path>.lock`.
fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Take the exclusive lock on the lock file, creating it (private) if needed.
fn take_lock(lock_path: &Path, path: &Path) -> Result<File, ReplicaError> {
    let io = |e: std::io::Error| StoreError::Io(e).at(path);
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    private::new_files_private(&mut options);
    let file = options.open(lock_path).map_err(io)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(ReplicaError::AlreadyOpen { path: path.into() }),
        Err(TryLockError::Error(e)) => Err(io(e)),
    }
}

/// Owner-only modes for the files that hold the user's tasks.
mod private {
    use std::fs::OpenOptions;
    use std::path::Path;

    /// A file `options` creates is readable by its owner only.
    #[cfg(unix)]
    pub(super) fn new_files_private(options: &mut OpenOptions) {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }

    #[cfg(not(unix))]
    pub(super) fn new_files_private(_options: &mut OpenOptions) {}

    /// Take away the group's and others' access to `path`, if it has any. Best effort: a
    /// file on a read-only disk keeps its mode and still opens.
    #[cfg(unix)]
    pub(super) fn tighten(path: &Path) {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        let mode = meta.permissions().mode();
        if meta.is_file() && mode & 0o077 != 0 {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o7700));
        }
    }

    #[cfg(not(unix))]
    pub(super) fn tighten(_path: &Path) {}
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::replica::Replica;
    use crate::task::{Operation, TaskData};

    #[test]
    fn a_write_waits_out_a_moment_when_a_copy_of_the_read_view_still_holds_the_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("r.redb");
        drop(Replica::open(&path).unwrap());
        let mut replica = Replica::open(&path).unwrap();
        // A second read-only view of the file, as a child being started holds a copy of
        // this process's: the writer's lock must wait for it to go.
        let other = redb::ReadOnlyDatabase::open(&path).unwrap();
        let held = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150));
            drop(other);
        });
        let mut ops = vec![Operation::UndoPoint];
        let uuid = uuid::Uuid::new_v4();
        let mut t = TaskData::create(uuid, &mut ops);
        t.update(
            "description",
            Some("kept".into()),
            chrono::Utc::now(),
            &mut ops,
        );
        replica.commit_operations(ops).unwrap();
        held.join().unwrap();
        assert!(replica.get_task_data(uuid).unwrap().is_some());
    }
}
