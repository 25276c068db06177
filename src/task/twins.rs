//! Twins: two or more instances of one recurring template at one index, made by replicas
//! that each generated it before they synced (Taskwarrior gives its instances random
//! UUIDs, so two Taskwarriors, or Taskwarrior and tcui, make twins). They are joined into
//! one, the same one on every replica whatever order the twins arrived in:
//!
//! - the one kept is the instance with the UUID tcui derives from the template and index
//!   (see [`super::series::instance_uuid`]), else the one with the smallest UUID;
//! - a property only a twin has is carried over; where they differ, the twin changed last
//!   (`modified`, then UUID) wins; a twin that was completed or deleted passes that on to a
//!   kept one still pending (a user finished it on one side);
//! - the others are removed.
//!
//! Pure: the tasks are passed in.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::data::TaskMap;
use super::keys;
use super::recurrence::instance_of;
use super::series::instance_uuid;
use super::status::Status;
use super::task::Task;

/// One set of twins joined: the task kept, what it is to become, and the twins removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub kept: Uuid,
    /// The kept task's properties once joined.
    pub properties: TaskMap,
    pub removed: Vec<Uuid>,
    /// The template and index the twins are instances of.
    pub template: Uuid,
    pub index: usize,
}

/// The twins among `tasks`, each set joined; tasks that are no instance, or have no twin,
/// are left out.
pub fn join_twins<'a>(tasks: impl IntoIterator<Item = &'a Task>) -> Vec<Joined> {
    let mut groups: BTreeMap<(Uuid, usize), Vec<&Task>> = BTreeMap::new();
    for task in tasks {
        if let Some(key) = instance_of(task) {
            let group = groups.entry(key).or_default();
            if !group.iter().any(|t| t.uuid() == task.uuid()) {
                group.push(task);
            }
        }
    }
    groups
        .into_iter()
        .filter(|(_, twins)| twins.len() > 1)
        .map(|((template, index), twins)| join(template, index, twins))
        .collect()
}

fn join(template: Uuid, index: usize, mut twins: Vec<&Task>) -> Joined {
    let derived = instance_uuid(template, index);
    let kept = twins
        .iter()
        .map(|t| t.uuid())
        .find(|u| *u == derived)
        .or_else(|| twins.iter().map(|t| t.uuid()).min())
        .unwrap_or(derived);
    // Oldest change first, so that later ones win.
    let changed = |t: &Task| (t.modified().map(|m| m.timestamp()), t.uuid());
    twins.sort_by_key(|t| changed(t));
    let mut properties = TaskMap::new();
    for twin in &twins {
        for (key, value) in twin.data().iter() {
            properties.insert(key.to_string(), value.to_string());
        }
    }
    let finished = |t: &&&Task| matches!(t.status(), Status::Completed | Status::Deleted);
    let still_open = properties
        .get(keys::STATUS)
        .is_none_or(|s| s == Status::Pending.as_stored());
    if still_open && let Some(done) = twins.iter().rev().find(finished) {
        for key in [keys::STATUS, keys::END] {
            match done.get(key) {
                Some(v) => properties.insert(key.to_string(), v.to_string()),
                None => properties.remove(key),
            };
        }
    }
    Joined {
        kept,
        properties,
        removed: twins
            .iter()
            .map(|t| t.uuid())
            .filter(|u| *u != kept)
            .collect(),
        template,
        index,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::TaskData;

    const TEMPLATE: Uuid = Uuid::from_u128(0x8839fa23_e79d_4e70_82cd_2e47149a33e9);

    fn twin(uuid: Uuid, pairs: &[(&str, &str)]) -> Task {
        let parent = TEMPLATE.to_string();
        let mut map: TaskMap = [
            ("description", "Take out trash"),
            ("status", "pending"),
            ("parent", parent.as_str()),
            ("imask", "3"),
            ("due", "1796000000"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (k, v) in pairs {
            map.insert(k.to_string(), v.to_string());
        }
        Task::new(TaskData::new(uuid, map))
    }

    #[test]
    fn the_derived_instance_is_kept_and_takes_what_the_others_were_given() {
        let ours = twin(instance_uuid(TEMPLATE, 3), &[("modified", "1796000100")]);
        let theirs = twin(
            Uuid::from_u128(1),
            &[
                ("modified", "1796000200"),
                ("annotation_1796000150", "bring the blue bin"),
                ("priority", "H"),
            ],
        );
        let joined = join_twins([&ours, &theirs]);
        let [j] = joined.as_slice() else {
            panic!("{joined:?}")
        };
        assert_eq!(j.kept, ours.uuid());
        assert_eq!(j.removed, [theirs.uuid()]);
        assert_eq!((j.template, j.index), (TEMPLATE, 3));
        assert_eq!(j.properties["annotation_1796000150"], "bring the blue bin");
        assert_eq!(j.properties["priority"], "H");
        assert_eq!(j.properties["modified"], "1796000200");
        assert_eq!(j.properties["status"], "pending");
        // The same whatever order the twins come in.
        assert_eq!(join_twins([&theirs, &ours]), joined);
    }

    #[test]
    fn a_twin_finished_on_one_side_finishes_the_one_kept() {
        let ours = twin(
            instance_uuid(TEMPLATE, 3),
            &[("modified", "1796000300"), ("priority", "L")],
        );
        let done = twin(
            Uuid::from_u128(7),
            &[
                ("modified", "1796000200"),
                ("status", "completed"),
                ("end", "1796000200"),
            ],
        );
        let [j] = join_twins([&done, &ours]).try_into().unwrap();
        assert_eq!(j.kept, ours.uuid());
        assert_eq!(j.properties["status"], "completed");
        assert_eq!(j.properties["end"], "1796000200");
        // Ours changed last: its priority stands.
        assert_eq!(j.properties["priority"], "L");
    }

    #[test]
    fn without_a_derived_instance_the_smallest_uuid_is_kept() {
        let a = twin(Uuid::from_u128(5), &[("modified", "1796000300")]);
        let b = twin(Uuid::from_u128(3), &[("modified", "1796000100")]);
        let c = twin(Uuid::from_u128(9), &[]);
        let [j] = join_twins([&a, &b, &c]).try_into().unwrap();
        assert_eq!(j.kept, Uuid::from_u128(3));
        let mut removed = j.removed.clone();
        removed.sort();
        assert_eq!(removed, [Uuid::from_u128(5), Uuid::from_u128(9)]);
    }

    #[test]
    fn instances_without_twins_and_plain_tasks_are_left_alone() {
        let one = twin(Uuid::from_u128(5), &[]);
        let other_index = twin(Uuid::from_u128(6), &[("imask", "4")]);
        let plain = Task::new(TaskData::new(Uuid::from_u128(8), TaskMap::new()));
        assert!(join_twins([&one, &other_index, &plain, &one]).is_empty());
    }
}
