//! Reading Taskwarrior 3's replica, `taskchampion.sqlite3`, strictly read-only.
//!
//! Plain SQL on a connection opened `mode=ro&immutable=1`, so nothing is written beside the
//! file and no schema upgrade runs (opening Taskwarrior 3.0–3.2's older layout with a newer
//! TaskChampion would upgrade it in place). Both layouts keep tasks the same way, in
//! `tasks(uuid, data)` with `data` a JSON object of strings, and IDs in
//! `working_set(id, uuid)`; the newer one adds a `version` table. The `tasks` table already
//! holds local changes that were never synced, so the operation log is not replayed.
//!
//! If a non-empty write-ahead log lies beside the file (Taskwarrior is running, or stopped
//! without closing it), the file and its log are copied to a private temporary folder and
//! the copy is read, so changes still in the log are seen and the originals stay untouched.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use thiserror::Error;
use uuid::Uuid;

use crate::task::{TaskMap, keys};

/// The replica file's name inside Taskwarrior's data folder.
pub const FILE_NAME: &str = "taskchampion.sqlite3";

/// Which schema the file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// TaskChampion 0.x (Taskwarrior 3.0–3.2): four plain tables, no `version` table.
    Older,
    /// TaskChampion 1.0 and later, with its schema version.
    Current { major: i64, minor: i64 },
}

/// Everything an import needs from the file.
#[derive(Debug, Clone)]
pub struct TaskwarriorTasks {
    pub path: PathBuf,
    pub layout: Layout,
    /// Every task; those with a Taskwarrior ID first, in ID order, then the rest by entry
    /// date and UUID.
    pub tasks: Vec<(Uuid, TaskMap)>,
}

/// Why Taskwarrior's tasks cannot be read. Nothing has been written when this is returned.
#[derive(Debug, Error)]
pub enum TaskwarriorError {
    #[error("there is no {FILE_NAME} in {dir}; pass Taskwarrior's data folder (its data.location)")]
    Missing { dir: PathBuf },
    #[error(
        "{dir} holds Taskwarrior 2 data (pending.data, completed.data), which tcui cannot read \
         directly; with Taskwarrior 2 run `task export > tasks.json`, then `tcui import tasks.json`"
    )]
    Taskwarrior2 { dir: PathBuf },
    #[error(
        "{path} cannot be read as an SQLite database ({detail}); it may be damaged or not \
         Taskwarrior's. Nothing was imported"
    )]
    Unreadable { path: PathBuf, detail: String },
    #[error("{path} is not Taskwarrior 3's task database ({detail}). Nothing was imported")]
    NotTaskwarrior { path: PathBuf, detail: String },
    #[error(
        "{path} has schema version {major}.{minor}, newer than tcui knows; \
         export with `task export > tasks.json` and run `tcui import tasks.json`"
    )]
    TooNew {
        path: PathBuf,
        major: i64,
        minor: i64,
    },
    #[error("{path}: task {uuid}: {detail}. Nothing was imported")]
    BadTask {
        path: PathBuf,
        uuid: String,
        detail: String,
    },
    #[error("cannot copy {path} to read it beside its write-ahead log: {source}")]
    Copy {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The file to read for `path`: the file itself, or `taskchampion.sqlite3` in a folder.
/// A folder with only Taskwarrior 2's files gets [`TaskwarriorError::Taskwarrior2`].
pub fn locate(path: &Path) -> Result<PathBuf, TaskwarriorError> {
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    let file = path.join(FILE_NAME);
    if file.is_file() {
        return Ok(file);
    }
    if ["pending.data", "completed.data"]
        .iter()
        .any(|f| path.join(f).is_file())
    {
        return Err(TaskwarriorError::Taskwarrior2 {
            dir: path.to_path_buf(),
        });
    }
    Err(TaskwarriorError::Missing {
        dir: path.to_path_buf(),
    })
}

/// Read every task from the database file at `path`.
pub fn read(path: &Path) -> Result<TaskwarriorTasks, TaskwarriorError> {
    let unreadable = |e: rusqlite::Error| TaskwarriorError::Unreadable {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let wal = with_suffix(path, "-wal");
    let copy = if wal.metadata().is_ok_and(|m| m.len() > 0) {
        Some(PrivateCopy::new(path, &wal)?)
    } else {
        None
    };
    let conn = match &copy {
        Some(c) => Connection::open_with_flags(&c.db, OpenFlags::SQLITE_OPEN_READ_WRITE),
        None => open_immutable(path),
    }
    .map_err(unreadable)?;
    let result = read_from(&conn, path);
    drop(conn);
    drop(copy);
    result
}

fn read_from(conn: &Connection, path: &Path) -> Result<TaskwarriorTasks, TaskwarriorError> {
    let unreadable = |e: rusqlite::Error| TaskwarriorError::Unreadable {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(unreadable)?;
    if check != "ok" {
        return Err(TaskwarriorError::Unreadable {
            path: path.to_path_buf(),
            detail: format!("integrity check: {check}"),
        });
    }
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(unreadable)?;
    let has = |t: &str| tables.iter().any(|n| n == t);
    let missing: Vec<&str> = ["tasks", "working_set", "operations"]
        .into_iter()
        .filter(|t| !has(t))
        .collect();
    if !missing.is_empty() {
        return Err(TaskwarriorError::NotTaskwarrior {
            path: path.to_path_buf(),
            detail: format!("it has no {} table", missing.join(" or ")),
        });
    }
    let layout = if has("version") {
        let (major, minor) = conn
            .query_row("SELECT major, minor FROM version", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(unreadable)?;
        if major > 0 {
            return Err(TaskwarriorError::TooNew {
                path: path.to_path_buf(),
                major,
                minor,
            });
        }
        Layout::Current { major, minor }
    } else {
        Layout::Older
    };

    let rows: Vec<(Option<String>, Option<String>)> = conn
        .prepare("SELECT uuid, data FROM tasks")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(unreadable)?;
    let mut tasks = Vec::with_capacity(rows.len());
    for (uuid, data) in rows {
        let uuid_text = uuid.unwrap_or_default();
        let bad = |detail: String| TaskwarriorError::BadTask {
            path: path.to_path_buf(),
            uuid: uuid_text.clone(),
            detail,
        };
        let uuid = Uuid::parse_str(&uuid_text).map_err(|_| bad("the key is not a UUID".into()))?;
        let map: TaskMap = serde_json::from_str(data.as_deref().unwrap_or("{}"))
            .map_err(|e| bad(format!("its data is not a JSON object of strings ({e})")))?;
        tasks.push((uuid, map));
    }

    let ids: HashMap<Uuid, i64> = conn
        .prepare("SELECT id, uuid FROM working_set WHERE uuid IS NOT NULL")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(unreadable)?
        .into_iter()
        .filter_map(|(id, u)| Some((Uuid::parse_str(&u).ok()?, id)))
        .collect();
    let entry = |m: &TaskMap| m.get(keys::ENTRY).and_then(|e| e.parse::<i64>().ok());
    tasks.sort_by_cached_key(|(uuid, map)| {
        (
            ids.get(uuid).copied().unwrap_or(i64::MAX),
            entry(map),
            *uuid,
        )
    });
    Ok(TaskwarriorTasks {
        path: path.to_path_buf(),
        layout,
        tasks,
    })
}

/// Open read-only and immutable: SQLite then takes no locks and writes no journal, log or
/// shared-memory file.
fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let uri = format!("file:{}?mode=ro&immutable=1", uri_path(&abs));
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// A path in a `file:` URI, with everything but unreserved characters and `/` escaped.
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The database and its write-ahead log, copied to a private folder of their own (0700, a
/// random name, the copies 0600: they hold the user's tasks) that is removed when this is
/// dropped.
struct PrivateCopy {
    /// Held for its removal on drop.
    _folder: tempfile::TempDir,
    db: PathBuf,
}

impl PrivateCopy {
    fn new(db: &Path, wal: &Path) -> Result<PrivateCopy, TaskwarriorError> {
        let err = |source| TaskwarriorError::Copy {
            path: db.to_path_buf(),
            source,
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix("tcui-import-");
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let dir = builder.tempdir().map_err(err)?;
        let copy = dir.path().join(FILE_NAME);
        copy_private(db, &copy).map_err(err)?;
        copy_private(wal, &with_suffix(&copy, "-wal")).map_err(err)?;
        Ok(PrivateCopy {
            _folder: dir,
            db: copy,
        })
    }
}

/// Copy `from` to a new file `to` that only its owner can read (not `from`'s mode).
fn copy_private(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(to)?;
    std::io::copy(&mut std::fs::File::open(from)?, &mut out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_private_copy_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::TempDir::new().unwrap();
        let (db, wal) = (dir.path().join(FILE_NAME), dir.path().join("x-wal"));
        std::fs::write(&db, b"database").unwrap();
        std::fs::write(&wal, b"log").unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o777)).unwrap();
        std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o644)).unwrap();
        let copy = PrivateCopy::new(&db, &wal).unwrap();
        let folder = copy.db.parent().unwrap().to_path_buf();
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&copy.db), 0o600);
        assert_eq!(mode(&with_suffix(&copy.db, "-wal")), 0o600);
        assert_eq!(std::fs::read(&copy.db).unwrap(), b"database");
        drop(copy);
        assert!(!folder.exists());
    }

    #[test]
    fn uri_paths_escape_what_sqlite_would_read_as_syntax() {
        assert_eq!(
            uri_path(Path::new("/tmp/a b/x?y#z%.sqlite3")),
            "/tmp/a%20b/x%3Fy%23z%25.sqlite3"
        );
    }
}
