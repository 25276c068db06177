//! The sync algorithm: pull the server's new versions, transform them against local
//! changes, push what is left, and take the result into the replica in one write.
//!
//! Network work happens with no transaction open; the replica only accepts the result if no
//! local change was committed meanwhile, else the sync starts over from the new state.

use uuid::Uuid;

use super::op::{HistorySegment, SyncOp};
use super::server::{AddVersionResult, GetVersionResult, SnapshotUrgency};
use super::snapshot::{self, SnapshotError};
use crate::replica::{Replica, ReplicaError};
use crate::task::Operation;

/// A history segment is cut after this many bytes of operations (at least one goes in).
pub const BATCH_BYTES: usize = 1_000_000;
/// How often a sync starts over because local changes arrived while it ran.
const ATTEMPTS: usize = 5;

/// A failure reported by a server, in words that say what to fix.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ServerError(pub String);

/// The four transactions every sync server offers. Segments are plaintext JSON here;
/// a server that encrypts does so inside.
pub trait Server {
    fn add_version(
        &mut self,
        parent: Uuid,
        segment: Vec<u8>,
    ) -> Result<(AddVersionResult, SnapshotUrgency), ServerError>;
    fn get_child_version(&mut self, parent: Uuid) -> Result<GetVersionResult, ServerError>;
    fn add_snapshot(&mut self, version: Uuid, snapshot: Vec<u8>) -> Result<(), ServerError>;
    fn get_snapshot(&mut self) -> Result<Option<(Uuid, Vec<u8>)>, ServerError>;
}

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
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub started_from_snapshot: bool,
    pub versions_pulled: usize,
    pub operations_pulled: usize,
    pub versions_pushed: usize,
    pub operations_pushed: usize,
    pub snapshot_sent: bool,
    /// A snapshot the server asked for could not be sent; the sync itself succeeded.
    pub snapshot_error: Option<String>,
}

/// Sync `replica` with `server`. With `avoid_snapshots`, a snapshot is sent only when the
/// server's need is high.
pub fn sync(
    replica: &mut Replica,
    server: &mut dyn Server,
    avoid_snapshots: bool,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    let threshold = if avoid_snapshots {
        SnapshotUrgency::High
    } else {
        SnapshotUrgency::Low
    };
    for _ in 0..ATTEMPTS {
        let point = replica.sync_point()?;
        if point.empty
            && !report.started_from_snapshot
            && let Some((version, bytes)) = server.get_snapshot()?
        {
            let tasks = snapshot::decode(&bytes)?;
            report.started_from_snapshot = replica.start_from_snapshot(version, &tasks)?;
            continue;
        }
        let mut base = point.base_version;
        let mut local: Vec<SyncOp> = point
            .unsynced
            .iter()
            .filter_map(SyncOp::from_operation)
            .collect();
        let mut remote: Vec<SyncOp> = Vec::new();
        let mut requested_parent: Option<Uuid> = None;
        let mut snapshot_wanted = false;
        let mut round = SyncReport::default();
        loop {
            while let GetVersionResult::Version {
                version_id,
                history_segment,
                ..
            } = server.get_child_version(base)?
            {
                let segment = HistorySegment::from_json(&history_segment).map_err(|e| {
                    SyncError::BadSegment {
                        version: version_id,
                        reason: e.to_string(),
                    }
                })?;
                round.versions_pulled += 1;
                round.operations_pulled += segment.operations.len();
                for server_op in segment.operations {
                    let mut server_op = Some(server_op);
                    local = local
                        .into_iter()
                        .filter_map(|l| match server_op.take() {
                            Some(s) => {
                                let (s, l) = SyncOp::transform(s, l);
                                server_op = s;
                                l
                            }
                            None => Some(l),
                        })
                        .collect();
                    remote.extend(server_op);
                }
                base = version_id;
                // What was pulled since the last push makes any earlier snapshot request stale.
                snapshot_wanted = false;
            }
            if local.is_empty() {
                break;
            }
            let rest = local.split_off(batch_len(&local));
            let batch = std::mem::replace(&mut local, rest);
            let count = batch.len();
            let segment = HistorySegment { operations: batch };
            match server.add_version(base, segment.to_json())? {
                (AddVersionResult::Ok(version), urgency) => {
                    base = version;
                    round.versions_pushed += 1;
                    round.operations_pushed += count;
                    snapshot_wanted |= urgency >= threshold;
                }
                (AddVersionResult::ExpectedParentVersion(parent), _) => {
                    if requested_parent == Some(parent) {
                        return Err(SyncError::OutOfSync);
                    }
                    requested_parent = Some(parent);
                    let mut back = segment.operations;
                    back.append(&mut local);
                    local = back;
                }
            }
        }
        let remote: Vec<Operation> = remote.into_iter().map(SyncOp::into_operation).collect();
        if !replica.finish_sync(&point, &remote, base)? {
            continue;
        }
        report.versions_pulled += round.versions_pulled;
        report.operations_pulled += round.operations_pulled;
        report.versions_pushed += round.versions_pushed;
        report.operations_pushed += round.operations_pushed;
        if snapshot_wanted {
            let tasks = replica.all_task_data()?;
            match server.add_snapshot(base, snapshot::encode(tasks.values())) {
                Ok(()) => report.snapshot_sent = true,
                Err(e) => report.snapshot_error = Some(e.to_string()),
            }
        }
        return Ok(report);
    }
    Err(SyncError::Busy)
}

/// How many of `ops` go into the next segment.
fn batch_len(ops: &[SyncOp]) -> usize {
    let mut size = 0;
    for (i, op) in ops.iter().enumerate() {
        size += serde_json::to_string(op).map_or(0, |s| s.len());
        if i > 0 && size > BATCH_BYTES {
            return i;
        }
    }
    ops.len()
}
