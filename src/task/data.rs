//! Raw task data and the operations that change it.
//!
//! This is the layer that is stored and synced: a task is a UUID plus a map of string
//! properties, and every change is an [`Operation`]. Pure data: no I/O and no clock: every
//! change is stamped with the time its caller gives.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::packed::Packed;

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
///
/// Properties read from storage stay packed (one text buffer and an index of offsets) until
/// the first change, which turns them into a [`TaskMap`]; loading thousands of tasks thus
/// costs two allocations per task rather than two per property.
#[derive(Clone)]
pub struct TaskData {
    uuid: Uuid,
    props: Props,
}

#[derive(Clone)]
enum Props {
    Map(TaskMap),
    Packed(Packed),
}

impl TaskData {
    pub fn new(uuid: Uuid, map: TaskMap) -> Self {
        TaskData {
            uuid,
            props: Props::Map(map),
        }
    }

    pub(crate) fn from_packed(uuid: Uuid, packed: Packed) -> Self {
        TaskData {
            uuid,
            props: Props::Packed(packed),
        }
    }

    /// A new, empty task; records its `Create`.
    pub fn create(uuid: Uuid, ops: &mut Operations) -> Self {
        ops.push(Operation::Create { uuid });
        TaskData::new(uuid, TaskMap::new())
    }

    pub fn uuid(&self) -> Uuid {
        self.uuid
    }

    /// The properties as a map.
    pub fn to_map(&self) -> TaskMap {
        match &self.props {
            Props::Map(m) => m.clone(),
            Props::Packed(_) => self
                .iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }

    pub fn into_map(self) -> TaskMap {
        match self.props {
            Props::Map(m) => m,
            Props::Packed(_) => self.to_map(),
        }
    }

    fn map_mut(&mut self) -> &mut TaskMap {
        if let Props::Packed(_) = self.props {
            self.props = Props::Map(self.to_map());
        }
        match &mut self.props {
            Props::Map(m) => m,
            Props::Packed(_) => unreachable!("packed properties were just unpacked"),
        }
    }

    pub fn get(&self, property: &str) -> Option<&str> {
        match &self.props {
            Props::Map(m) => m.get(property).map(String::as_str),
            Props::Packed(p) => p.find(property).map(|i| p.value(i)),
        }
    }

    pub fn has(&self, property: &str) -> bool {
        self.get(property).is_some()
    }

    /// How many properties the task has.
    pub fn len(&self) -> usize {
        match &self.props {
            Props::Map(m) => m.len(),
            Props::Packed(p) => p.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Property names, in sorted order.
    pub fn properties(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(k, _)| k)
    }

    /// The `(name, value)` pairs whose name starts with `prefix`, sorted by name; found by
    /// search, not by reading every property.
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
        let from = match &self.props {
            Props::Map(m) => Entries::Map(m.range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))),
            Props::Packed(p) => Entries::Packed(p.entries_from(p.prefix_start(prefix))),
        };
        from.take_while(move |(k, _)| k.starts_with(prefix))
    }

    /// `(name, value)` pairs, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        match &self.props {
            Props::Map(m) => Entries::Map(m.range::<str, _>(..)),
            Props::Packed(p) => Entries::Packed(p.entries_from(0)),
        }
    }

    /// Set or remove one property, recording the old value and the given timestamp.
    pub fn update(
        &mut self,
        property: impl Into<String>,
        value: Option<String>,
        timestamp: DateTime<Utc>,
        ops: &mut Operations,
    ) {
        let property = property.into();
        let map = self.map_mut();
        let old_value = match &value {
            Some(v) => map.insert(property.clone(), v.clone()),
            None => map.remove(&property),
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
        let old_task = std::mem::replace(&mut self.props, Props::Map(TaskMap::new()));
        let old_task = match old_task {
            Props::Map(m) => m,
            Props::Packed(p) => TaskData::from_packed(self.uuid, p).into_map(),
        };
        ops.push(Operation::Delete {
            uuid: self.uuid,
            old_task,
        });
    }
}

impl PartialEq for TaskData {
    fn eq(&self, other: &Self) -> bool {
        self.uuid == other.uuid && self.iter().eq(other.iter())
    }
}

impl Eq for TaskData {}

impl std::fmt::Debug for TaskData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaskData")
            .field("uuid", &self.uuid)
            .field("props", &DebugProps(self))
            .finish()
    }
}

struct DebugProps<'a>(&'a TaskData);

impl std::fmt::Debug for DebugProps<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.0.iter()).finish()
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

/// The properties of either form of a task, in name order.
enum Entries<'a> {
    Map(std::collections::btree_map::Range<'a, String, String>),
    Packed(super::packed::Entries<'a>),
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Entries::Map(m) => m.next().map(|(k, v)| (k.as_str(), v.as_str())),
            Entries::Packed(p) => p.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn packed(pairs: &[(&str, &str)]) -> Option<Packed> {
        Packed::from_pairs(pairs)
    }

    #[test]
    fn the_often_read_properties_are_found_in_small_and_huge_tasks() {
        let p = TaskData::from_packed(
            Uuid::nil(),
            packed(&[("description", "d"), ("entry", "1"), ("status", "pending")]).unwrap(),
        );
        assert_eq!(p.get("description"), Some("d"));
        assert_eq!(p.get("status"), Some("pending"));
        assert_eq!((p.get("due"), p.get("project")), (None, None));
        // More properties than the noted positions can count: found by searching.
        let names: Vec<String> = (0..300).map(|i| format!("a{i:03}")).collect();
        let mut pairs: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "x")).collect();
        pairs.extend([("description", "late"), ("project", "p"), ("status", "s")]);
        let big = TaskData::from_packed(Uuid::nil(), packed(&pairs).unwrap());
        assert_eq!(big.get("description"), Some("late"));
        assert_eq!(big.get("project"), Some("p"));
        assert_eq!(big.get("status"), Some("s"));
        assert_eq!(big.get("due"), None);
        assert_eq!(big.get("a150"), Some("x"));
    }

    /// The same task packed (as read from the replica) and as a map (as edited).
    fn both_forms(pairs: &[(&str, &str)]) -> (TaskData, TaskData) {
        let uuid = Uuid::from_u128(9);
        let p = TaskData::from_packed(uuid, packed(pairs).unwrap());
        let m = TaskData::new(
            uuid,
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        (p, m)
    }

    #[test]
    fn properties_with_a_prefix_are_found_in_both_forms() {
        let pairs = [
            ("annotation_1", "a"),
            ("annotation_2", "b"),
            ("annotationx", "not one"),
            ("dep_x", "x"),
            ("description", "d"),
            ("tag_a", "x"),
            ("tag_b", "x"),
            ("tags", "a,b"),
        ];
        let (p, m) = both_forms(&pairs);
        for t in [&p, &m] {
            let keys = |prefix| t.with_prefix(prefix).map(|(k, _)| k).collect::<Vec<_>>();
            assert_eq!(keys("annotation_"), ["annotation_1", "annotation_2"]);
            assert_eq!(keys("tag_"), ["tag_a", "tag_b"]);
            assert_eq!(keys("dep_"), ["dep_x"]);
            assert!(keys("zzz").is_empty());
            assert_eq!(keys("").len(), pairs.len());
        }
    }

    #[test]
    fn packed_and_map_forms_read_and_compare_alike() {
        let pairs = [
            ("description", "écrire"),
            ("due", "1800000000"),
            ("status", "pending"),
        ];
        let (p, m) = both_forms(&pairs);
        assert_eq!(p, m);
        assert_eq!(p.get("due"), Some("1800000000"));
        assert_eq!(p.get("description"), Some("écrire"));
        assert_eq!(p.get("entry"), None);
        assert_eq!(
            p.properties().collect::<Vec<_>>(),
            vec!["description", "due", "status"]
        );
        assert_eq!(p.to_map(), m.to_map());
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn tasks_can_share_one_buffer() {
        let text = Arc::new("a1b2c3".to_string());
        let ends = Arc::new(vec![(1, 2), (3, 4), (1, 2)]);
        let first = Packed::new(text.clone(), 0, ends.clone(), 0, 2).unwrap();
        let second = Packed::new(text, 4, ends, 2, 3).unwrap();
        let first = TaskData::from_packed(Uuid::from_u128(1), first);
        let second = TaskData::from_packed(Uuid::from_u128(2), second);
        assert_eq!(
            first.iter().collect::<Vec<_>>(),
            vec![("a", "1"), ("b", "2")]
        );
        assert_eq!(second.iter().collect::<Vec<_>>(), vec![("c", "3")]);
        assert_eq!(second.get("c"), Some("3"));
        assert_eq!(first.get("c"), None);
    }

    #[test]
    fn packed_is_unpacked_by_the_first_change() {
        let uuid = Uuid::from_u128(9);
        let mut t = TaskData::from_packed(uuid, packed(&[("a", "1"), ("b", "2")]).unwrap());
        let mut ops = Operations::new();
        let ts = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        t.update("a", None, ts, &mut ops);
        t.update("c", Some("3".into()), ts, &mut ops);
        assert_eq!(t.iter().collect::<Vec<_>>(), vec![("b", "2"), ("c", "3")]);
        match &ops[0] {
            Operation::Update { old_value, .. } => assert_eq!(old_value.as_deref(), Some("1")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn update_records_old_value_and_removal() {
        let uuid = Uuid::from_u128(7);
        let mut ops = Operations::new();
        let mut t = TaskData::create(uuid, &mut ops);
        let ts = DateTime::from_timestamp(1_700_000_000, 5).unwrap();
        t.update("description", Some("a".into()), ts, &mut ops);
        t.update("description", Some("b".into()), ts, &mut ops);
        t.update("description", None, ts, &mut ops);
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
        let uuid = Uuid::from_u128(7);
        let mut ops = Operations::new();
        let mut t = TaskData::create(uuid, &mut ops);
        let ts = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        t.update("status", Some("pending".into()), ts, &mut ops);
        t.delete(&mut ops);
        assert!(t.is_empty());
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
