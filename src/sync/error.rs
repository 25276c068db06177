//! Why a sync failed, in words that say what to do. Local changes are intact after any of
//! these.

use uuid::Uuid;

use super::server::ServerError;
use super::snapshot::SnapshotError;
use crate::replica::ReplicaError;

/// Why a sync failed. Local changes are intact after any of these.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Server(#[from] ServerError),
    #[error(transparent)]
    Replica(#[from] ReplicaError),
    #[error(
        "version {version} on the server is not a valid history segment ({reason}); the server's data is damaged or was written by something else"
    )]
    BadSegment { version: Uuid, reason: String },
    #[error("the server's snapshot cannot be read: {0}")]
    BadSnapshot(#[from] SnapshotError),
    #[error(
        "this replica is out of step with the server: the server keeps asking for a version it \
         does not then accept; its history may have been reset"
    )]
    OutOfSync,
    #[error("local changes kept arriving while syncing; try again in a moment")]
    Busy,
    #[error(
        "the server no longer has version {version}, which this replica builds on: its history \
         was reset or pruned, or this replica is an old copy. Starting over from the server's \
         data is needed; local changes not yet synced must be saved first"
    )]
    Gone { version: Uuid },
    #[error(
        "the server's history cannot be followed from its start and it has no snapshot to \
         start from, so no replica can join it; nothing was changed here"
    )]
    NoStart,
    #[error(
        "asked for the version after {asked}, the server answered with version {version}, which \
         follows {got}: it is replaying old data or is not a faithful sync server. Nothing was \
         changed here; check that the sync settings name the server your other replicas use"
    )]
    WrongParent {
        asked: Uuid,
        got: Uuid,
        version: Uuid,
    },
    #[error(
        "the server sent version {version} again within one sync: its history leads in a circle \
         (replayed or damaged data). Nothing was changed here; check that the sync settings name \
         the server your other replicas use, or ask its operator"
    )]
    Repeated { version: Uuid },
    #[error(
        "the server sent more than {limit} versions in one sync and had still more: its history \
         may run on without end. Nothing was changed here. If the history is really that long, \
         sync first from a replica that already has the tasks, so the server keeps a snapshot"
    )]
    TooManyVersions { limit: usize },
    #[error(
        "the server holds no data (no snapshot and no versions), so starting over from it would \
         delete every task here; nothing was changed. Check that the sync settings name the \
         server or folder your other replicas use (and, for a server, the same client id)"
    )]
    EmptyServer,
}
