//! Raw task data and the operations that change it.
//!
//! This is the layer that is stored and synced: a task is a UUID plus a map of string
//! properties, and every change is an [`Operation`]. Pure data: no I/O, no clock of its own
//! except where a caller asks for "now".

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The properties of one task, as stored. Any map is a valid task.
pub type TaskMap = BTreeMap<String, String>;

/// One change to the replica, as recorded in the operation log.
///
/// The serde form is TaskChampion's (externally tagged), so logs written by either side read
/// the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operation {
    /// A task with this UUID comes into being, empty.
    Create { uuid: Uuid },
    /// The task is removed; `old_task` keeps what it held, for undo.
    Delete { uuid: Uuid, old_task: TaskMap },
    /// One property is set (`value` is `Some`) or removed (`None`).
    Update {
        uuid: Uuid,
        property: String,
        old_value: Option<String>,
        value: Option<String>,
        timestamp: DateTime<Utc>,
    },
    /// The boundary of one user action, for undo.
    UndoPoint,
}

impl Operation {
    pub fn is_undo_point(&self) -> bool {
        matches!(self, Operation::UndoPoint)
    }

    /// The task this operation touches; `None` for an undo point.
    pub fn uuid(&self) -> Option<Uuid> {
        match self {
            Operation::Create { uuid }
            | Operation::Delete { uuid, .. }
            | Operation::Update { uuid, .. } => Some(*uuid),
            Operation::UndoPoint => None,
        }
    }
}

/// A batch of operations committed together.
pub type Operations = Vec<Operation>;

/// A task's UUID and raw properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskData {
    uuid: Uuid,
    map: TaskMap,
}

impl TaskData {
    pub fn new(uuid: Uuid, map: TaskMap) -> Self {
        TaskData { uuid, map }
    }

    /// A new, empty task; records its `Create`.
    pub fn create(uuid: Uuid, ops: &mut Operations) -> Self {
        ops.push(Operation::Create { uuid });
        TaskData::new(uuid, TaskMap::new())
    }

    pub fn uuid(&self) -> Uuid {
        self.uuid
    }

    pub fn map(&self) -> &TaskMap {
        &self.map
    }

    pub fn into_map(self) -> TaskMap {
        self.map
    }

    pub fn get(&self, property: &str) -> Option<&str> {
        self.map.get(property).map(String::as_str)
    }

    pub fn has(&self, property: &str) -> bool {
        self.map.contains_key(property)
    }

    pub fn properties(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.map.iter()
    }

    /// Set or remove one property, stamped with the current time.
    pub fn update(
        &mut self,
        property: impl Into<String>,
        value: Option<String>,
        ops: &mut Operations,
    ) {
        self.update_at(property, value, Utc::now(), ops);
    }

    /// Set or remove one property, recording the old value and the given timestamp.
    pub fn update_at(
        &mut self,
        property: impl Into<String>,
        value: Option<String>,
        timestamp: DateTime<Utc>,
        ops: &mut Operations,
    ) {
        let property = property.into();
        let old_value = match &value {
            Some(v) => self.map.insert(property.clone(), v.clone()),
            None => self.map.remove(&property),
        };
        ops.push(Operation::Update {
            uuid: self.uuid,
            property,
            old_value,
            value,
            timestamp,
        });
    }

    /// Remove the task; records a `Delete` carrying the old properties.
    pub fn delete(&mut self, ops: &mut Operations) {
        ops.push(Operation::Delete {
            uuid: self.uuid,
            old_task: std::mem::take(&mut self.map),
        });
    }
}

/// Apply one operation to a map of tasks with the forgiving semantics of a local commit:
/// creating an existing task, or updating or deleting a missing one, does nothing.
pub fn apply_forgiving(tasks: &mut std::collections::HashMap<Uuid, TaskMap>, op: &Operation) {
    match op {
        Operation::Create { uuid } => {
            tasks.entry(*uuid).or_default();
        }
        Operation::Delete { uuid, .. } => {
            tasks.remove(uuid);
        }
        Operation::Update {
            uuid,
            property,
            value,
            ..
        } => {
            if let Some(task) = tasks.get_mut(uuid) {
                match value {
                    Some(v) => task.insert(property.clone(), v.clone()),
                    None => task.remove(property),
                };
            }
        }
        Operation::UndoPoint => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_records_old_value_and_removal() {
        let uuid = Uuid::new_v4();
        let mut ops = Operations::new();
        let mut t = TaskData::create(uuid, &mut ops);
        let ts = DateTime::from_timestamp(1_700_000_000, 5).unwrap();
        t.update_at("description", Some("a".into()), ts, &mut ops);
        t.update_at("description", Some("b".into()), ts, &mut ops);
        t.update_at("description", None, ts, &mut ops);
        assert_eq!(t.get("description"), None);
        let olds: Vec<_> = ops
            .iter()
            .filter_map(|o| match o {
                Operation::Update { old_value, .. } => Some(old_value.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(olds, vec![None, Some("a".into()), Some("b".into())]);
    }

    #[test]
    fn delete_carries_old_task() {
        let uuid = Uuid::new_v4();
        let mut ops = Operations::new();
        let mut t = TaskData::create(uuid, &mut ops);
        t.update("status", Some("pending".into()), &mut ops);
        t.delete(&mut ops);
        assert!(t.map().is_empty());
        match ops.last() {
            Some(Operation::Delete { old_task, .. }) => {
                assert_eq!(old_task.get("status").map(String::as_str), Some("pending"))
            }
            other => panic!("expected a Delete, got {other:?}"),
        }
    }

    #[test]
    fn operation_json_matches_taskchampion_shape() {
        let uuid: Uuid = "56e0be07-c61f-494c-a54c-bdcfdd52d2a7".parse().unwrap();
        let op = Operation::Update {
            uuid,
            property: "tag_home".into(),
            old_value: None,
            value: Some("".into()),
            timestamp: DateTime::from_timestamp(1_795_265_923, 956_296_235).unwrap(),
        };
        let json = serde_json::to_string(&op).unwrap();
        assert_eq!(
            json,
            r#"{"Update":{"uuid":"56e0be07-c61f-494c-a54c-bdcfdd52d2a7","property":"tag_home","old_value":null,"value":"","timestamp":"2026-11-21T12:58:43.956296235Z"}}"#
        );
        assert_eq!(
            serde_json::to_string(&Operation::UndoPoint).unwrap(),
            r#""UndoPoint""#
        );
        let back: Operation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, op);
    }
}
