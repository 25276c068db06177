//! A sync "server" that is a folder: the very SQLite file Taskwarrior 3 uses for
//! `sync.local.server_dir`, so `task sync` and tcui can share one folder.
//!
//! File `taskchampion-local-sync-server.sqlite3`; tables `data(key, value)` holding
//! `latest_version_id`, and `versions(version_id, parent_version_id, data)` with UUIDs as
//! hyphenated text and plain history segments stored as BLOBs (Taskwarrior reads no other
//! storage class). No encryption and no snapshots. Unlike the reference implementation, adding
//! a version is one immediate transaction, so two writers cannot both extend the same parent.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use uuid::Uuid;

use super::server::{AddVersionResult, GetVersionResult, SnapshotUrgency};

/// The file inside the folder.
pub const FILE_NAME: &str = "taskchampion-local-sync-server.sqlite3";

/// Why the folder could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    #[error("the sync folder {0} does not exist; create it, or fix sync.local.server_dir")]
    NoFolder(PathBuf),
    #[error("cannot use the sync file {path}: {source}. Check that the folder is writable")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "the sync file {path} holds a malformed {what}; it was not written by Taskwarrior or tcui"
    )]
    Malformed { path: PathBuf, what: &'static str },
    #[error("cannot create the sync file {path}: {source}. Check that the folder is writable")]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Create the sync file, empty and readable by this user only, unless it exists already
/// (SQLite gives its journal the same permissions).
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// A sync folder shared with Taskwarrior.
pub struct LocalServer {
    path: PathBuf,
    conn: Connection,
}

impl std::fmt::Debug for LocalServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalServer")
            .field("path", &self.path)
            .finish()
    }
}

impl LocalServer {
    /// Open (creating the file if needed) the sync file in `dir`, which must exist.
    pub fn open(dir: &Path) -> Result<LocalServer, LocalError> {
        if !dir.is_dir() {
            return Err(LocalError::NoFolder(dir.to_path_buf()));
        }
        let path = dir.join(FILE_NAME);
        let sql = |source| LocalError::Sqlite {
            path: path.clone(),
            source,
        };
        create_private(&path).map_err(|source| LocalError::Create {
            path: path.clone(),
            source,
        })?;
        let conn = Connection::open(&path).map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(sql)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS data (key STRING PRIMARY KEY, value STRING);
             CREATE TABLE IF NOT EXISTS versions (version_id STRING PRIMARY KEY, parent_version_id STRING, data STRING);",
        )
        .map_err(sql)?;
        // The index is tcui's own (Taskwarrior's tables have none; it reads and writes the
        // file the same with it): without it, finding each child scans every version, and a
        // new replica reading a long history from the start takes quadratic time. Only an
        // aid: a folder that cannot take it (read-only, say) is read without.
        let _ = conn.execute_batch(
            "CREATE INDEX IF NOT EXISTS versions_by_parent ON versions (parent_version_id);",
        );
        Ok(LocalServer { path, conn })
    }

    fn sql(&self, source: rusqlite::Error) -> LocalError {
        LocalError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn malformed(&self, what: &'static str) -> LocalError {
        LocalError::Malformed {
            path: self.path.clone(),
            what,
        }
    }

    fn parse_uuid(&self, text: &str, what: &'static str) -> Result<Uuid, LocalError> {
        Uuid::parse_str(text).map_err(|_| self.malformed(what))
    }

    /// The latest version, if any was ever added.
    pub fn latest(&self) -> Result<Option<Uuid>, LocalError> {
        read_latest(&self.conn, &self.path)
    }

    /// Add a version after `parent`, if `parent` is the latest (or there is none yet).
    pub fn add_version(
        &mut self,
        parent: Uuid,
        segment: &[u8],
    ) -> Result<(AddVersionResult, SnapshotUrgency), LocalError> {
        let path = self.path.clone();
        let sql = |source| LocalError::Sqlite {
            path: path.clone(),
            source,
        };
        let txn = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let latest = read_latest(&txn, &path)?.unwrap_or(Uuid::nil());
        if !latest.is_nil() && latest != parent {
            return Ok((
                AddVersionResult::ExpectedParentVersion(latest),
                SnapshotUrgency::None,
            ));
        }
        let version = Uuid::new_v4();
        txn.execute(
            "INSERT INTO versions (version_id, parent_version_id, data) VALUES (?, ?, ?)",
            params![version.to_string(), parent.to_string(), segment],
        )
        .map_err(sql)?;
        txn.execute(
            "INSERT OR REPLACE INTO data (key, value) VALUES ('latest_version_id', ?)",
            params![version.to_string()],
        )
        .map_err(sql)?;
        txn.commit().map_err(sql)?;
        Ok((AddVersionResult::Ok(version), SnapshotUrgency::None))
    }

    /// The version whose parent is `parent`, if any.
    pub fn get_child_version(&mut self, parent: Uuid) -> Result<GetVersionResult, LocalError> {
        let row: Option<(String, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT version_id, data FROM versions WHERE parent_version_id = ?",
                params![parent.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        match row {
            None if self.latest()?.is_none_or(|latest| latest == parent) => {
                Ok(GetVersionResult::NoSuchVersion)
            }
            None => Ok(GetVersionResult::Gone),
            Some((id, data)) => Ok(GetVersionResult::Version {
                version_id: self.parse_uuid(&id, "version id")?,
                parent_version_id: parent,
                history_segment: data,
            }),
        }
    }
}

/// The `latest_version_id` row, read in whatever transaction `conn` is in.
fn read_latest(conn: &Connection, path: &Path) -> Result<Option<Uuid>, LocalError> {
    let text: Option<String> = conn
        .query_row(
            "SELECT value FROM data WHERE key = 'latest_version_id'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|source| LocalError::Sqlite {
            path: path.to_path_buf(),
            source,
        })?;
    text.map(|t| {
        Uuid::parse_str(&t).map_err(|_| LocalError::Malformed {
            path: path.to_path_buf(),
            what: "latest version id",
        })
    })
    .transpose()
}

impl super::server::Server for LocalServer {
    fn folder(&self) -> Option<&Path> {
        self.path.parent()
    }

    fn add_version(
        &mut self,
        parent: Uuid,
        segment: Vec<u8>,
    ) -> Result<(AddVersionResult, SnapshotUrgency), super::server::ServerError> {
        LocalServer::add_version(self, parent, &segment)
            .map_err(|e| super::server::ServerError(e.to_string()))
    }

    fn get_child_version(
        &mut self,
        parent: Uuid,
    ) -> Result<GetVersionResult, super::server::ServerError> {
        LocalServer::get_child_version(self, parent)
            .map_err(|e| super::server::ServerError(e.to_string()))
    }

    /// A folder keeps no snapshots (and never asks for one).
    fn add_snapshot(
        &mut self,
        _version: Uuid,
        _snapshot: Vec<u8>,
    ) -> Result<(), super::server::ServerError> {
        Ok(())
    }

    fn get_snapshot(&mut self) -> Result<Option<(Uuid, Vec<u8>)>, super::server::ServerError> {
        Ok(None)
    }

    fn is_empty(&mut self) -> Result<bool, super::server::ServerError> {
        let versions: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM versions", [], |r| r.get(0))
            .map_err(|e| super::server::ServerError(self.sql(e).to_string()))?;
        let latest = self
            .latest()
            .map_err(|e| super::server::ServerError(e.to_string()))?;
        Ok(versions == 0 && latest.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_named() {
        let err = LocalServer::open(Path::new("/no/such/folder/anywhere")).unwrap_err();
        assert!(
            err.to_string()
                .contains("/no/such/folder/anywhere does not exist"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_new_sync_file_is_private_and_an_existing_one_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::TempDir::new().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let mut s = LocalServer::open(dir.path()).unwrap();
        s.add_version(Uuid::nil(), b"one").unwrap();
        assert_eq!(mode(&dir.path().join(FILE_NAME)), 0o600);
        let shared = tempfile::TempDir::new().unwrap();
        let file = shared.path().join(FILE_NAME);
        std::fs::write(&file, b"").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        LocalServer::open(shared.path()).unwrap();
        assert_eq!(mode(&file), 0o640);
    }

    #[test]
    fn finding_a_child_uses_an_index_not_a_scan() {
        let dir = tempfile::TempDir::new().unwrap();
        let s = LocalServer::open(dir.path()).unwrap();
        let plan: Vec<String> = s
            .conn
            .prepare("EXPLAIN QUERY PLAN SELECT version_id, data FROM versions WHERE parent_version_id = ?")
            .unwrap()
            .query_map([Uuid::nil().to_string()], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            plan.iter()
                .any(|p| p.contains("USING INDEX versions_by_parent")),
            "{plan:?}"
        );
    }

    #[test]
    fn versions_chain_and_a_stale_parent_is_refused() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut s = LocalServer::open(dir.path()).unwrap();
        assert_eq!(
            s.get_child_version(Uuid::nil()).unwrap(),
            GetVersionResult::NoSuchVersion
        );
        let (AddVersionResult::Ok(v1), SnapshotUrgency::None) =
            s.add_version(Uuid::nil(), b"one").unwrap()
        else {
            panic!("first version refused");
        };
        assert_eq!(
            s.add_version(Uuid::nil(), b"again").unwrap().0,
            AddVersionResult::ExpectedParentVersion(v1)
        );
        let AddVersionResult::Ok(v2) = s.add_version(v1, b"two").unwrap().0 else {
            panic!("second version refused");
        };
        assert_eq!(
            s.get_child_version(v1).unwrap(),
            GetVersionResult::Version {
                version_id: v2,
                parent_version_id: v1,
                history_segment: b"two".to_vec()
            }
        );
        // Segments are stored as BLOBs, which is all Taskwarrior reads.
        let kind: String = s
            .conn
            .query_row(
                "SELECT typeof(data) FROM versions WHERE version_id = ?",
                [v2.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kind, "blob");
    }
}
