//! What a sync needs from the replica, for a replica owned outright and for one shared
//! between threads (locked for each step, never across the network).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::error::SyncError;
use crate::replica::{PushedChange, Replica, SyncPoint};
use crate::task::{Operation, TaskData};

/// What a sync needs from the replica. Each call is short and none spans the network, so a
/// replica shared with an interface (behind a mutex) is only held for those moments.
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

/// A replica shared between threads: locked for each step, never across the network.
impl SyncTarget for &Mutex<Replica> {
    fn sync_point(&mut self, now: DateTime<Utc>) -> Result<SyncPoint, SyncError> {
        Ok(lock(self)?.sync_point(now)?)
    }

    fn start_from_snapshot(
        &mut self,
        version: Uuid,
        tasks: &[TaskData],
    ) -> Result<bool, SyncError> {
        Ok(lock(self)?.start_from_snapshot(version, tasks)?)
    }

    fn finish_sync(
        &mut self,
        point: &SyncPoint,
        remote: &[Operation],
        version: Uuid,
    ) -> Result<bool, SyncError> {
        Ok(lock(self)?.finish_sync(point, remote, version)?)
    }

    fn all_task_data(&mut self) -> Result<HashMap<Uuid, TaskData>, SyncError> {
        Ok(lock(self)?.all_task_data()?)
    }

    fn reset_to(&mut self, version: Uuid, tasks: &[TaskData]) -> Result<(), SyncError> {
        Ok(lock(self)?.reset_to(version, tasks)?)
    }

    fn pushed_changes(
        &mut self,
        keys: &[(Uuid, String)],
    ) -> Result<Vec<Option<PushedChange>>, SyncError> {
        Ok(lock(self)?.pushed_changes(keys)?)
    }
}

fn lock(replica: &Mutex<Replica>) -> Result<MutexGuard<'_, Replica>, SyncError> {
    replica.lock().map_err(|_| SyncError::Unavailable)
}
