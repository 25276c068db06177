//! Taking back one step (a user action's operations) whatever has happened since: straight
//! from the log while it is still the newest unsynced step, else by new operations that put
//! the old values back, stamped with the time given.

use chrono::{DateTime, Utc};

use super::Replica;
use super::error::Result;
use crate::task::{Operation, Operations, TaskMap};

impl Replica {
    /// Undo `step`, the operations of one committed action. While it is the newest step in
    /// the log and not yet synced it is simply removed; once synced (or followed by others) it
    /// is reversed by a new step stamped `now`, which itself syncs.
    pub fn undo_step(&mut self, step: &[Operation], now: DateTime<Utc>) -> Result<()> {
        let in_log = self.get_undo_operations().is_ok_and(|ops| ops == step);
        if in_log {
            self.commit_reversed_operations(step.to_vec()).map(|_| ())
        } else {
            self.commit_operations(reverse(step, now))
        }
    }
}

/// Operations that undo `ops` when applied after them, as one new step stamped `now`.
fn reverse(ops: &[Operation], now: DateTime<Utc>) -> Operations {
    let mut out = vec![Operation::UndoPoint];
    for op in ops.iter().rev() {
        match op {
            Operation::UndoPoint => {}
            Operation::Create { uuid } => out.push(Operation::Delete {
                uuid: *uuid,
                old_task: TaskMap::new(),
            }),
            Operation::Delete { uuid, old_task } => {
                out.push(Operation::Create { uuid: *uuid });
                for (property, value) in old_task {
                    out.push(Operation::Update {
                        uuid: *uuid,
                        property: property.clone(),
                        old_value: None,
                        value: Some(value.clone()),
                        timestamp: now,
                    });
                }
            }
            Operation::Update {
                uuid,
                property,
                old_value,
                value,
                ..
            } => out.push(Operation::Update {
                uuid: *uuid,
                property: property.clone(),
                old_value: value.clone(),
                value: old_value.clone(),
                timestamp: now,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;
    use crate::task::TaskData;

    #[test]
    fn a_synced_step_is_reversed_by_a_new_step_stamped_with_the_time_given() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut r = Replica::open(dir.path().join("r.redb")).unwrap();
        let uuid = Uuid::new_v4();
        let t0 = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let mut ops = vec![Operation::UndoPoint];
        let mut task = TaskData::create(uuid, &mut ops);
        task.update("description", Some("first".into()), t0, &mut ops);
        r.commit_operations(ops).unwrap();
        let mut step = vec![Operation::UndoPoint];
        task.update("description", Some("second".into()), t0, &mut step);
        r.commit_operations(step.clone()).unwrap();

        // Still the newest unsynced step: removed from the log, nothing new to sync.
        r.undo_step(&step, t0).unwrap();
        assert_eq!(
            r.get_task_data(uuid).unwrap().unwrap().get("description"),
            Some("first")
        );
        assert_eq!(r.num_local_operations().unwrap(), 2);

        // Synced: reversed by a new step at the time given.
        r.commit_operations(step.clone()).unwrap();
        r.complete_sync(Uuid::new_v4()).unwrap();
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        r.undo_step(&step, now).unwrap();
        assert_eq!(
            r.get_task_data(uuid).unwrap().unwrap().get("description"),
            Some("first")
        );
        let undo = r.get_undo_operations().unwrap();
        assert!(
            undo.iter()
                .any(|op| matches!(op, Operation::Update { timestamp, .. } if *timestamp == now)),
            "{undo:?}"
        );
    }
}
