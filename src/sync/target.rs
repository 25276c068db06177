//! What a sync needs from the replica: a few short steps, none spanning the network, so
//! whoever owns the replica can carry them out between its other work.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::error::SyncError;
use crate::replica::{PushedChange, Replica, SyncPoint};
use crate::task::{Operation, TaskData};

/// What a sync needs from the replica. Each call is short and none spans the network.
pub trait SyncTarget {
    fn sync_point(&mut self, now: DateTime<Utc>) -> Result<SyncPoint, SyncError>;
    fn start_from_snapshot(&mut self, version: Uuid, tasks: &[TaskData])
    -> Result<bool, SyncError>;
    fn finish_sync(
        &mut self,
        point: &SyncPoint,
        remote: &[Operation],
        version: Uuid,
    ) -> Result<bool, SyncError>;
    fn all_task_data(&mut self) -> Result<HashMap<Uuid, TaskData>, SyncError>;
    /// The tasks `uuids` name, as stored now (`None` for one that is not).
    fn task_data(&mut self, uuids: &[Uuid]) -> Result<Vec<Option<TaskData>>, SyncError>;
    fn reset_to(&mut self, version: Uuid, tasks: &[TaskData]) -> Result<(), SyncError>;
    fn pushed_changes(
        &mut self,
        keys: &[(Uuid, String)],
    ) -> Result<Vec<Option<PushedChange>>, SyncError>;
}

impl SyncTarget for Replica {
    fn sync_point(&mut self, now: DateTime<Utc>) -> Result<SyncPoint, SyncError> {
        Ok(Replica::sync_point(self, now)?)
    }

    fn start_from_snapshot(
        &mut self,
        version: Uuid,
        tasks: &[TaskData],
    ) -> Result<bool, SyncError> {
        Ok(Replica::start_from_snapshot(self, version, tasks)?)
    }

    fn finish_sync(
        &mut self,
        point: &SyncPoint,
        remote: &[Operation],
        version: Uuid,
    ) -> Result<bool, SyncError> {
        Ok(Replica::finish_sync(self, point, remote, version)?)
    }

    fn all_task_data(&mut self) -> Result<HashMap<Uuid, TaskData>, SyncError> {
        Ok(Replica::all_task_data(self)?)
    }

    fn task_data(&mut self, uuids: &[Uuid]) -> Result<Vec<Option<TaskData>>, SyncError> {
        Ok(uuids
            .iter()
            .map(|u| self.get_task_data(*u))
            .collect::<Result<_, _>>()?)
    }

    fn reset_to(&mut self, version: Uuid, tasks: &[TaskData]) -> Result<(), SyncError> {
        Ok(Replica::reset_to(self, version, tasks)?)
    }

    fn pushed_changes(
        &mut self,
        keys: &[(Uuid, String)],
    ) -> Result<Vec<Option<PushedChange>>, SyncError> {
        Ok(Replica::pushed_changes(self, keys)?)
    }
}
