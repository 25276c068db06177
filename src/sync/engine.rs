//! The sync algorithm: pull the server's new versions, transform them against local
//! changes, push what is left, and take the result into the replica in one write.
//!
//! Network work happens with no transaction open; the replica only accepts the result if no
//! local change was committed meanwhile, else the sync starts over from the new state.

use chrono::Utc;
use uuid::Uuid;

use super::error::SyncError;
use super::lost::Losses;
use super::op::{HistorySegment, SyncOp};
use super::pull::{MAX_VERSIONS, Pull};
use super::server::{AddVersionResult, GetVersionResult, Server, SnapshotUrgency};
use super::snapshot;
use super::target::SyncTarget;
use crate::replica::{Replica, SyncPoint};
use crate::task::{Operation, TaskData, TaskMap};

/// A history segment is cut after this many bytes of operations (at least one goes in).
pub const BATCH_BYTES: usize = 1_000_000;
/// How often a sync starts over because local changes arrived while it ran.
const ATTEMPTS: usize = 5;
/// How often one round sends its changes again after the server asked it to pull first. Each
/// retry must have pulled something new; this bounds a server that keeps asking anyway.
const CONFLICTS: usize = 64;

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub started_from_snapshot: bool,
    pub versions_pulled: usize,
    pub operations_pulled: usize,
    pub versions_pushed: usize,
    pub operations_pushed: usize,
    pub snapshot_sent: bool,
    /// The server was new and empty, so every task was sent to it.
    pub seeded_tasks: Option<usize>,
    /// Tasks that changes from other replicas touched, in the order first touched.
    pub changed: Vec<Uuid>,
    /// This replica's own changes that lost to a change of the same property (or a deletion)
    /// made elsewhere without having seen them, and so are not in effect: the latest per
    /// property (see the `lost` module for how they are told apart).
    pub lost: Vec<SyncOp>,
    /// How each task in `changed` was before the sync (`None`: it was not there), for a
    /// syncer [`Syncer::remembering`] it; never for the sync that fills an empty replica.
    pub before: Vec<(Uuid, Option<TaskMap>)>,
    /// A snapshot the server asked for could not be sent; the sync itself succeeded.
    pub snapshot_error: Option<String>,
}

/// Where a replica starting over begins: the server's snapshot (or nothing, for a server
/// whose history is followed from its start).
#[derive(Debug, Clone)]
pub struct ServerStart {
    pub version: Uuid,
    pub tasks: Vec<TaskData>,
}

/// Sync `replica` with `server` once. With `avoid_snapshots`, a snapshot is sent only when
/// the server's need is high.
pub fn sync(
    replica: &mut Replica,
    server: &mut dyn Server,
    avoid_snapshots: bool,
) -> Result<SyncReport, SyncError> {
    Syncer::new(avoid_snapshots).sync(replica, server)
}

/// Syncs one replica with one server, again and again, remembering between syncs which base
/// version the server is known to hold (so the check for a new, empty server costs nothing
/// after the first sync).
#[derive(Debug, Clone)]
pub struct Syncer {
    avoid_snapshots: bool,
    confirmed: Option<Uuid>,
    max_versions: usize,
    remember: bool,
}

impl Default for Syncer {
    fn default() -> Self {
        Syncer::new(false)
    }
}

impl Syncer {
    pub fn new(avoid_snapshots: bool) -> Syncer {
        Syncer {
            avoid_snapshots,
            confirmed: None,
            max_versions: MAX_VERSIONS,
            remember: false,
        }
    }

    /// Tell, in each report, how the tasks the sync changed were before it
    /// ([`SyncReport::before`]).
    pub fn remembering(mut self) -> Syncer {
        self.remember = true;
        self
    }

    /// Pull at most `limit` versions in one sync (instead of [`MAX_VERSIONS`]).
    pub fn with_max_versions(mut self, limit: usize) -> Syncer {
        self.max_versions = limit;
        self
    }

    /// One sync.
    pub fn sync(
        &mut self,
        replica: &mut dyn SyncTarget,
        server: &mut dyn Server,
    ) -> Result<SyncReport, SyncError> {
        let mut report = SyncReport::default();
        for _ in 0..ATTEMPTS {
            let point = replica.sync_point(Utc::now())?;
            if point.empty
                && !report.started_from_snapshot
                && let Some((version, bytes)) = server.get_snapshot()?
            {
                let tasks = snapshot::decode(&bytes)?;
                report.started_from_snapshot = replica.start_from_snapshot(version, &tasks)?;
                if report.started_from_snapshot {
                    // Every task came from elsewhere: an interface showing this replica must
                    // learn of them like of any pulled change.
                    report.changed = tasks.iter().map(TaskData::uuid).collect();
                }
                continue;
            }
            if let Some(round) = self.round(replica, server, &point)? {
                report.add(round);
                return Ok(report);
            }
        }
        Err(SyncError::Busy)
    }

    /// Throw away the replica's tasks and history and start again from the server's data:
    /// its snapshot if it has one, then every version after it. Unsynced local changes are
    /// dropped, so the caller saves them first ([`Syncer::fetch_start`] and
    /// [`Syncer::start_over_from`] leave room for that). Nothing changes if the server holds
    /// nothing, cannot be read, or cannot be followed from the start.
    pub fn start_over(
        &mut self,
        replica: &mut dyn SyncTarget,
        server: &mut dyn Server,
    ) -> Result<SyncReport, SyncError> {
        let start = Syncer::fetch_start(server)?;
        self.start_over_from(replica, server, start)
    }

    /// Where starting over would begin, read from `server` without changing anything here.
    /// A server that holds nothing at all (no snapshot, no versions: a new server, a wrong
    /// address, or one answering 404 to everything) is refused, since starting over from it
    /// would delete every task.
    pub fn fetch_start(server: &mut dyn Server) -> Result<ServerStart, SyncError> {
        match server.get_snapshot()? {
            Some((version, bytes)) => Ok(ServerStart {
                version,
                tasks: snapshot::decode(&bytes)?,
            }),
            None => match server.get_child_version(Uuid::nil())? {
                GetVersionResult::Gone => Err(SyncError::NoStart),
                GetVersionResult::NoSuchVersion => Err(SyncError::EmptyServer),
                GetVersionResult::Version { .. } => Ok(ServerStart {
                    version: Uuid::nil(),
                    tasks: Vec::new(),
                }),
            },
        }
    }

    /// Replace everything in the replica with `start`, then sync from there.
    pub fn start_over_from(
        &mut self,
        replica: &mut dyn SyncTarget,
        server: &mut dyn Server,
        start: ServerStart,
    ) -> Result<SyncReport, SyncError> {
        replica.reset_to(start.version, &start.tasks)?;
        self.confirmed = None;
        let mut report = self.sync(replica, server)?;
        report.started_from_snapshot |= !start.version.is_nil();
        Ok(report)
    }

    /// Pull, transform and push from `point`; `None` if the replica changed meanwhile.
    fn round(
        &mut self,
        replica: &mut dyn SyncTarget,
        server: &mut dyn Server,
        point: &SyncPoint,
    ) -> Result<Option<SyncReport>, SyncError> {
        let threshold = if self.avoid_snapshots {
            SnapshotUrgency::High
        } else {
            SnapshotUrgency::Low
        };
        let mut round = SyncReport::default();
        let mut base = point.base_version;
        let mut local: Vec<SyncOp> = point
            .unsynced
            .iter()
            .filter_map(SyncOp::from_operation)
            .collect();
        let mut remote: Vec<SyncOp> = Vec::new();
        let mut losses = Losses::new(&local, point.began, point.last_push);
        let mut requested_parent: Option<Uuid> = None;
        let mut snapshot_wanted = false;
        let mut first_pull = true;
        let mut pull = Pull::new(base, self.max_versions);
        let mut conflicts = 0;
        let mut pulled_since_conflict = true;
        loop {
            loop {
                let answer = server.get_child_version(base)?;
                let first = std::mem::replace(&mut first_pull, false);
                let (version_id, history_segment) = match answer {
                    GetVersionResult::Version {
                        version_id,
                        parent_version_id,
                        history_segment,
                    } => {
                        pull.accept(base, parent_version_id, version_id)?;
                        (version_id, history_segment)
                    }
                    GetVersionResult::Gone => return Err(SyncError::Gone { version: base }),
                    GetVersionResult::NoSuchVersion => {
                        if first
                            && !base.is_nil()
                            && self.confirmed != Some(base)
                            && server.is_empty()?
                        {
                            // A new server: it must get every task, not only the unsynced
                            // changes, and from the start of its history.
                            let tasks = replica.all_task_data()?;
                            round.seeded_tasks = Some(tasks.len());
                            local = seed_operations(tasks.values());
                            base = Uuid::nil();
                        }
                        break;
                    }
                };
                pulled_since_conflict = true;
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
                    let mut beaten = Vec::new();
                    local = local
                        .into_iter()
                        .filter_map(|l| match server_op.take() {
                            Some(s) => {
                                let before = (s.uuid() == l.uuid()).then(|| l.clone());
                                let (s, l) = SyncOp::transform(s, l);
                                if l.is_none() && s.is_some() {
                                    // The other replica's change won over this one (unless
                                    // a later local change wins over it in turn).
                                    beaten.extend(before);
                                }
                                server_op = s;
                                l
                            }
                            None => Some(l),
                        })
                        .collect();
                    if let Some(op) = &server_op {
                        losses.beaten(beaten);
                        losses.pulled(op);
                    }
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
                    pull.pushed(version)?;
                    losses.sent(&segment.operations);
                    base = version;
                    round.versions_pushed += 1;
                    round.operations_pushed += count;
                    snapshot_wanted |= urgency >= threshold;
                }
                (AddVersionResult::ExpectedParentVersion(parent), _)
                    if parent.is_nil()
                        && !base.is_nil()
                        && round.seeded_tasks.is_none()
                        && server.is_empty()? =>
                {
                    // The server was emptied since this replica last synced with it: as a
                    // new server, it gets every task, from the start of its history.
                    let tasks = replica.all_task_data()?;
                    round.seeded_tasks = Some(tasks.len());
                    local = seed_operations(tasks.values());
                    base = Uuid::nil();
                }
                (AddVersionResult::ExpectedParentVersion(parent), _) => {
                    // Asked to pull first: that must bring something new each time.
                    conflicts += 1;
                    if requested_parent == Some(parent)
                        || !pulled_since_conflict
                        || conflicts > CONFLICTS
                    {
                        return Err(SyncError::OutOfSync);
                    }
                    pulled_since_conflict = false;
                    requested_parent = Some(parent);
                    let mut back = segment.operations;
                    back.append(&mut local);
                    local = back;
                }
            }
        }
        round.lost = losses.finish(replica)?;
        let remote: Vec<Operation> = remote.into_iter().map(SyncOp::into_operation).collect();
        let mut seen = std::collections::HashSet::new();
        round.changed = remote
            .iter()
            .filter_map(Operation::uuid)
            .filter(|u| seen.insert(*u))
            .collect();
        // Read before the result is taken in, which only happens if nothing changed since
        // `point`: so this is how the tasks were just before.
        let before = if self.remember && !point.empty {
            replica.task_data(&round.changed)?
        } else {
            Vec::new()
        };
        if !replica.finish_sync(point, &remote, base)? {
            return Ok(None);
        }
        round.before = round
            .changed
            .iter()
            .zip(before)
            .map(|(u, t)| (*u, t.map(|t| t.to_map())))
            .collect();
        self.confirmed = Some(base);
        if snapshot_wanted {
            let tasks = replica.all_task_data()?;
            match server.add_snapshot(base, snapshot::encode(tasks.values())) {
                Ok(()) => round.snapshot_sent = true,
                Err(e) => round.snapshot_error = Some(e.to_string()),
            }
        }
        Ok(Some(round))
    }
}

impl SyncReport {
    fn add(&mut self, round: SyncReport) {
        self.versions_pulled += round.versions_pulled;
        self.operations_pulled += round.operations_pulled;
        self.versions_pushed += round.versions_pushed;
        self.operations_pushed += round.operations_pushed;
        self.snapshot_sent |= round.snapshot_sent;
        self.snapshot_error = round.snapshot_error.or(self.snapshot_error.take());
        self.seeded_tasks = round.seeded_tasks.or(self.seeded_tasks);
        let mut seen: std::collections::HashSet<Uuid> = self.changed.iter().copied().collect();
        self.changed
            .extend(round.changed.into_iter().filter(|u| seen.insert(*u)));
        self.lost.extend(round.lost);
        self.before.extend(round.before);
    }
}

/// Operations that create `tasks` as they are now, for a server that has none of them.
fn seed_operations<'a>(tasks: impl Iterator<Item = &'a TaskData>) -> Vec<SyncOp> {
    let now = Utc::now();
    let mut ops = Vec::new();
    for task in tasks {
        let uuid = task.uuid();
        ops.push(SyncOp::Create { uuid });
        for (property, value) in task.iter() {
            ops.push(SyncOp::Update {
                uuid,
                property: property.to_string(),
                value: Some(value.to_string()),
                timestamp: now,
            });
        }
    }
    ops
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
