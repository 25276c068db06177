//! What a sync reads from the replica and what it asks about the replica's own sent values:
//! plain data, so that the sync steps (`sync_side`, `pushed`) and the replica's face share it
//! without depending on each other.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::task::{Operation, Operations};

/// The replica's state at the start of a sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncPoint {
    /// The last server version this replica has.
    pub base_version: Uuid,
    /// Local operations not yet on the server, undo points included, oldest first.
    pub unsynced: Operations,
    /// Whether the replica has nothing at all (no tasks, IDs, history or base version), so
    /// it may start from the server's snapshot.
    pub empty: bool,
    /// When the sync began (nothing sent in it can have been seen elsewhere before).
    pub began: DateTime<Utc>,
    /// When the latest remembered sync that sent local changes began, if any: values this
    /// replica set and sent are only recognised as its own through such syncs.
    pub last_push: Option<DateTime<Utc>>,
    pub(super) last_op: u64,
    /// Whether an undo since the last sync left history to drop at the next one.
    pub(super) undone: bool,
}

/// One of this replica's own values, still in effect, and when the sync that sent it began.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushedChange {
    /// The update that set it, as logged.
    pub update: Operation,
    /// Others could not have seen it before this.
    pub since: DateTime<Utc>,
}
