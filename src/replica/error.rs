//! Errors from the replica, each saying what to do about it.

use std::path::PathBuf;

/// Something went wrong opening or using a replica.
#[derive(Debug, thiserror::Error)]
pub enum ReplicaError {
    #[error(
        "{path} is not a tcui replica; it was left untouched. Move it away, or open a replica \
         somewhere else"
    )]
    NotAReplica { path: PathBuf },

    #[error(
        "{path} was not closed cleanly and tcui has not opened it before (there is no \
         {path}.lock beside it), so it may not be a tcui replica; it was left untouched. If it \
         is a tcui replica copied without its lock file, create that empty file and start tcui \
         again to repair it"
    )]
    Unverified { path: PathBuf },

    #[error(
        "{path} is already open by another tcui process; close that one first, or open a \
         replica somewhere else"
    )]
    AlreadyOpen { path: PathBuf },

    #[error(
        "{path} was written by a newer tcui (replica format {found}, this tcui reads up to \
         {supported}); upgrade tcui to open it"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error(
        "the replica {path} is damaged ({detail}); restore it from a backup, or sync into a \
         fresh data directory"
    )]
    Corrupt { path: PathBuf, detail: String },

    #[error(
        "cannot use the replica {path}: {source}. Check that the folder exists, is writable and the disk has space"
    )]
    Storage {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },

    /// The replica's owner has closed it (tcui is ending, or the owner stopped on a failure).
    #[error(
        "the replica is closed (tcui is ending, or stopped on a failure); nothing more was \
         written to it. Start tcui again"
    )]
    Closed,

    /// A strict operation could not be applied, e.g. an undo whose task changed underneath.
    #[error("{0}")]
    Conflict(String),
}

pub type Result<T, E = ReplicaError> = std::result::Result<T, E>;
