//! Changing a task: one edit session records its changes as operations.
//!
//! Follows Taskwarrior's writing conventions (`tag_<name>` = `x`, the legacy `tags` and
//! `depends` lists kept in step, `modified` bumped on change). Pure: no I/O; the session's
//! clock is given by the caller.

use chrono::{DateTime, Utc};
use thiserror::Error;
use uuid::Uuid;

use super::annotation::Annotation;
use super::data::{Operations, TaskData};
use super::keys::{self, DEP_PREFIX, MARKER, TAG_PREFIX, annotation_key, dep_key};
use super::status::Status;
use super::tag::Tag;
use crate::time::format_timestamp;

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("task {0} cannot depend on itself; pick a different task to depend on")]
    SelfDependency(Uuid),
}

/// An edit session over one task, from [`Task::edit`](super::Task::edit).
///
/// Every change is applied to the task and recorded in the operations with the session's
/// timestamp. The first change of a session first sets `modified` to the session's time;
/// a set that leaves the stored value as it was records nothing.
#[derive(Debug)]
pub struct TaskEdit<'a> {
    data: &'a mut TaskData,
    ops: &'a mut Operations,
    now: DateTime<Utc>,
    changed: bool,
}

impl<'a> TaskEdit<'a> {
    pub(crate) fn new(data: &'a mut TaskData, ops: &'a mut Operations, now: DateTime<Utc>) -> Self {
        TaskEdit {
            data,
            ops,
            now,
            changed: false,
        }
    }

    /// Whether this session has changed anything yet.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The task's data as it stands mid-session.
    pub fn data(&self) -> &TaskData {
        self.data
    }

    /// Set or remove any property as given (UDAs and anything without its own method).
    ///
    /// Setting a `tag_`/`dep_` key this way still keeps the legacy `tags`/`depends` list in
    /// step. Setting `modified` first in a session stands in for the automatic bump.
    pub fn set_value(&mut self, property: &str, value: Option<String>) -> &mut Self {
        if self.put(property, value) {
            if property.starts_with(TAG_PREFIX) {
                self.sync_legacy_list(TAG_PREFIX, keys::TAGS);
            } else if property.starts_with(DEP_PREFIX) {
                self.sync_legacy_list(DEP_PREFIX, keys::DEPENDS);
            }
        }
        self
    }

    pub fn set_description(&mut self, description: &str) -> &mut Self {
        self.put(keys::DESCRIPTION, Some(description.to_string()));
        self
    }

    /// Set the project; `None` or `""` removes it, as `project:` does in Taskwarrior.
    pub fn set_project(&mut self, project: Option<&str>) -> &mut Self {
        self.put(keys::PROJECT, non_empty(project));
        self
    }

    /// Set the priority (`H`, `M`, `L`); `None` or `""` removes it.
    pub fn set_priority(&mut self, priority: Option<&str>) -> &mut Self {
        self.put(keys::PRIORITY, non_empty(priority));
        self
    }

    /// Set the status, adjusting `end` first: removed for pending/recurring, set to now for
    /// completed/deleted when missing. Operations come in the order modified, end, status.
    pub fn set_status(&mut self, status: Status) -> &mut Self {
        match status {
            Status::Pending | Status::Recurring => {
                self.put(keys::END, None);
            }
            Status::Completed | Status::Deleted => {
                if !self.data.has(keys::END) {
                    self.put(keys::END, Some(format_timestamp(self.now)));
                }
            }
            Status::Unknown(_) => {}
        }
        self.put(keys::STATUS, Some(status.as_stored().to_string()));
        self
    }

    /// Complete the task as `task done` does: status completed, `end` set, and a started
    /// task stopped.
    pub fn done(&mut self) -> &mut Self {
        self.set_status(Status::Completed);
        self.stop()
    }

    /// Mark the task deleted (Taskwarrior's meaning: it stays stored until expired).
    pub fn delete(&mut self) -> &mut Self {
        self.set_status(Status::Deleted)
    }

    /// Start the task: `start` = now, unless it is already active. A completed or deleted
    /// task becomes pending again first (its `end` removed), as `task start` does: a task is
    /// never active and closed at once.
    pub fn start(&mut self) -> &mut Self {
        if self.data.has(keys::START) {
            return self;
        }
        if matches!(
            self.data.get(keys::STATUS).map(Status::from_stored),
            Some(Status::Completed | Status::Deleted)
        ) {
            self.set_status(Status::Pending);
        }
        self.put(keys::START, Some(format_timestamp(self.now)));
        self
    }

    /// Stop the task: remove `start`.
    pub fn stop(&mut self) -> &mut Self {
        self.put(keys::START, None);
        self
    }

    /// Set or remove a timestamp property, stored as epoch seconds.
    pub fn set_timestamp(&mut self, property: &str, value: Option<DateTime<Utc>>) -> &mut Self {
        self.put(property, value.map(format_timestamp));
        self
    }

    pub fn set_due(&mut self, due: Option<DateTime<Utc>>) -> &mut Self {
        self.set_timestamp(keys::DUE, due)
    }

    pub fn set_wait(&mut self, wait: Option<DateTime<Utc>>) -> &mut Self {
        self.set_timestamp(keys::WAIT, wait)
    }

    pub fn set_scheduled(&mut self, scheduled: Option<DateTime<Utc>>) -> &mut Self {
        self.set_timestamp(keys::SCHEDULED, scheduled)
    }

    pub fn set_until(&mut self, until: Option<DateTime<Utc>>) -> &mut Self {
        self.set_timestamp(keys::UNTIL, until)
    }

    pub fn set_entry(&mut self, entry: Option<DateTime<Utc>>) -> &mut Self {
        self.set_timestamp(keys::ENTRY, entry)
    }

    /// Add a tag (`tag_<name>` = `x`) and refresh the legacy `tags` list; nothing if present.
    pub fn add_tag(&mut self, tag: &Tag) -> &mut Self {
        let key = tag.key();
        if !self.data.has(&key) {
            self.put(&key, Some(MARKER.to_string()));
            self.sync_legacy_list(TAG_PREFIX, keys::TAGS);
        }
        self
    }

    /// Remove a tag and refresh the legacy `tags` list (removed when no tag is left).
    pub fn remove_tag(&mut self, tag: &Tag) -> &mut Self {
        if self.put(&tag.key(), None) {
            self.sync_legacy_list(TAG_PREFIX, keys::TAGS);
        }
        self
    }

    /// Annotate at the session's time, one second later per clash as Taskwarrior does, and
    /// return the annotation as stored.
    pub fn add_annotation(&mut self, text: &str) -> Annotation {
        let mut secs = self.now.timestamp();
        while self.data.has(&annotation_key(secs)) {
            secs += 1;
        }
        self.put(&annotation_key(secs), Some(text.to_string()));
        Annotation {
            entry: DateTime::from_timestamp(secs, 0).unwrap_or(self.now),
            description: text.to_string(),
        }
    }

    /// Remove the annotation made at `entry` (to the second).
    pub fn remove_annotation(&mut self, entry: DateTime<Utc>) -> &mut Self {
        self.put(&annotation_key(entry.timestamp()), None);
        self
    }

    /// Depend on `dep` (`dep_<uuid>` = `x`) and refresh the legacy `depends` list. Nothing
    /// happens if the dependency is already there, under any spelling of the UUID.
    pub fn add_dependency(&mut self, dep: Uuid) -> Result<&mut Self, EditError> {
        if dep == self.data.uuid() {
            return Err(EditError::SelfDependency(dep));
        }
        if self.dep_keys(dep).is_empty() {
            self.put(&dep_key(dep), Some(MARKER.to_string()));
            self.sync_legacy_list(DEP_PREFIX, keys::DEPENDS);
        }
        Ok(self)
    }

    /// Stop depending on `dep`, under any spelling of its key, and refresh `depends`.
    pub fn remove_dependency(&mut self, dep: Uuid) -> &mut Self {
        let keys = self.dep_keys(dep);
        if !keys.is_empty() {
            for key in keys {
                self.put(&key, None);
            }
            self.sync_legacy_list(DEP_PREFIX, keys::DEPENDS);
        }
        self
    }

    /// The `dep_` keys whose suffix parses as `dep`.
    fn dep_keys(&self, dep: Uuid) -> Vec<String> {
        self.data
            .properties()
            .filter(|k| {
                k.strip_prefix(DEP_PREFIX)
                    .and_then(|u| Uuid::parse_str(u).ok())
                    == Some(dep)
            })
            .map(str::to_owned)
            .collect()
    }

    /// Rewrite a legacy list (`tags`, `depends`) as the comma-joined suffixes of the keys
    /// with `prefix`, in key order, as Taskwarrior's `fixTagsAttribute` does.
    fn sync_legacy_list(&mut self, prefix: &str, legacy: &str) {
        let names: Vec<&str> = self
            .data
            .properties()
            .filter_map(|k| k.strip_prefix(prefix))
            .collect();
        let value = (!names.is_empty()).then(|| names.join(","));
        self.put(legacy, value);
    }

    /// Apply one change if it changes anything, bumping `modified` first in the session.
    /// Returns whether an operation was recorded.
    fn put(&mut self, property: &str, value: Option<String>) -> bool {
        if self.data.get(property) == value.as_deref() {
            return false;
        }
        if !self.changed && property != keys::MODIFIED {
            let stamp = format_timestamp(self.now);
            if self.data.get(keys::MODIFIED) != Some(stamp.as_str()) {
                self.data
                    .update(keys::MODIFIED, Some(stamp), self.now, self.ops);
            }
        }
        self.changed = true;
        self.data.update(property, value, self.now, self.ops);
        true
    }
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value.filter(|v| !v.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::data::{Operation, TaskMap};
    use crate::task::task::Task;

    const NOW: i64 = 1_715_767_200; // 2024-05-15T10:00:00Z

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn task(pairs: &[(&str, &str)]) -> Task {
        let map: TaskMap = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Task::new(TaskData::new(Uuid::from_u128(42), map))
    }

    /// The `(property, value)` of each update, in order.
    fn updates(ops: &Operations) -> Vec<(String, Option<String>)> {
        ops.iter()
            .map(|op| match op {
                Operation::Update {
                    property, value, ..
                } => (property.clone(), value.clone()),
                other => panic!("unexpected operation {other:?}"),
            })
            .collect()
    }

    fn up(property: &str, value: Option<&str>) -> (String, Option<String>) {
        (property.to_string(), value.map(str::to_string))
    }

    const NOW_S: &str = "1715767200";

    #[test]
    fn first_change_bumps_modified_once() {
        let mut t = task(&[("modified", "1")]);
        let mut ops = Operations::new();
        let mut e = t.edit(&mut ops, at(NOW));
        assert!(!e.changed());
        e.set_description("a")
            .set_project(Some("p"))
            .set_priority(Some("H"));
        assert!(e.changed());
        assert_eq!(e.data().get("project"), Some("p"));
        assert_eq!(
            updates(&ops),
            vec![
                up("modified", Some(NOW_S)),
                up("description", Some("a")),
                up("project", Some("p")),
                up("priority", Some("H")),
            ]
        );
        for op in &ops {
            match op {
                Operation::Update {
                    uuid, timestamp, ..
                } => {
                    assert_eq!(*uuid, Uuid::from_u128(42));
                    assert_eq!(*timestamp, at(NOW));
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(t.modified(), Some(at(NOW)));
    }

    #[test]
    fn each_session_bumps_again() {
        let mut t = task(&[]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).set_description("a");
        t.edit(&mut ops, at(NOW + 60)).set_description("b");
        assert_eq!(
            updates(&ops),
            vec![
                up("modified", Some(NOW_S)),
                up("description", Some("a")),
                up("modified", Some("1715767260")),
                up("description", Some("b")),
            ]
        );
    }

    #[test]
    fn no_op_sets_record_nothing_and_do_not_bump() {
        let mut t = task(&[
            ("description", "a"),
            ("project", "p"),
            ("start", "5"),
            ("tag_home", ""),
            ("status", "completed"),
            ("end", "9"),
            ("due", NOW_S),
        ]);
        let mut ops = Operations::new();
        let mut e = t.edit(&mut ops, at(NOW));
        e.set_description("a")
            .set_project(Some("p"))
            .set_priority(None)
            .set_priority(Some(""))
            .start()
            .set_status(Status::Completed)
            .add_tag(&Tag::new("home").unwrap())
            .remove_tag(&Tag::new("work").unwrap())
            .remove_annotation(at(1))
            .remove_dependency(Uuid::from_u128(1))
            .set_due(Some(at(NOW)))
            .set_wait(None)
            .set_value("estimate", None);
        assert!(!e.changed());
        assert!(ops.is_empty(), "{ops:?}");
    }

    #[test]
    fn modified_already_now_is_not_rewritten() {
        let mut t = task(&[("modified", NOW_S)]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).set_description("a");
        assert_eq!(updates(&ops), vec![up("description", Some("a"))]);
    }

    #[test]
    fn setting_modified_first_replaces_the_bump() {
        let mut t = task(&[]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW))
            .set_value("modified", Some("7".into()))
            .set_description("a");
        assert_eq!(
            updates(&ops),
            vec![up("modified", Some("7")), up("description", Some("a"))]
        );
    }

    #[test]
    fn set_status_completed_sets_end_in_order() {
        let mut t = task(&[("status", "pending")]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).set_status(Status::Completed);
        assert_eq!(
            updates(&ops),
            vec![
                up("modified", Some(NOW_S)),
                up("end", Some(NOW_S)),
                up("status", Some("completed")),
            ]
        );
    }

    #[test]
    fn set_status_keeps_an_existing_end() {
        let mut t = task(&[("status", "pending"), ("end", "1715000000")]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).set_status(Status::Deleted);
        assert_eq!(
            updates(&ops),
            vec![up("modified", Some(NOW_S)), up("status", Some("deleted"))]
        );
        assert_eq!(t.end(), Some(at(1_715_000_000)));
    }

    #[test]
    fn set_status_pending_or_recurring_removes_end() {
        for (status, word) in [
            (Status::Pending, "pending"),
            (Status::Recurring, "recurring"),
        ] {
            let mut t = task(&[("status", "completed"), ("end", "5")]);
            let mut ops = Operations::new();
            t.edit(&mut ops, at(NOW)).set_status(status);
            assert_eq!(
                updates(&ops),
                vec![
                    up("modified", Some(NOW_S)),
                    up("end", None),
                    up("status", Some(word)),
                ]
            );
        }
    }

    #[test]
    fn set_status_unknown_leaves_end_alone() {
        let mut t = task(&[("status", "pending"), ("end", "5")]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW))
            .set_status(Status::Unknown("odd".into()));
        assert_eq!(
            updates(&ops),
            vec![up("modified", Some(NOW_S)), up("status", Some("odd"))]
        );
    }

    #[test]
    fn done_completes_and_stops() {
        let mut t = task(&[("status", "pending"), ("start", "5")]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).done();
        assert_eq!(
            updates(&ops),
            vec![
                up("modified", Some(NOW_S)),
                up("end", Some(NOW_S)),
                up("status", Some("completed")),
                up("start", None),
            ]
        );
        assert_eq!(t.status(), Status::Completed);
        assert!(!t.is_active());
    }

    #[test]
    fn delete_marks_deleted_and_keeps_the_task() {
        let mut t = task(&[("status", "pending"), ("description", "d")]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).delete();
        assert_eq!(t.status(), Status::Deleted);
        assert_eq!(t.end(), Some(at(NOW)));
        assert_eq!(t.description(), "d");
        assert!(ops.iter().all(|o| matches!(o, Operation::Update { .. })));
    }

    #[test]
    fn start_and_stop() {
        let mut t = task(&[]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).start();
        assert_eq!(t.start(), Some(at(NOW)));
        ops.clear();
        t.edit(&mut ops, at(NOW + 5)).start();
        assert!(ops.is_empty(), "already active: {ops:?}");
        assert_eq!(t.start(), Some(at(NOW)));
        t.edit(&mut ops, at(NOW + 5)).stop();
        assert_eq!(
            updates(&ops),
            vec![up("modified", Some("1715767205")), up("start", None)]
        );
        assert!(!t.is_active());
        ops.clear();
        t.edit(&mut ops, at(NOW + 9)).stop();
        assert!(ops.is_empty(), "already stopped: {ops:?}");
    }

    #[test]
    fn starting_a_closed_task_reopens_it_as_taskwarrior_does() {
        for status in ["completed", "deleted"] {
            let mut t = task(&[("status", status), ("end", "5")]);
            let mut ops = Operations::new();
            t.edit(&mut ops, at(NOW)).start();
            assert_eq!(t.status(), Status::Pending, "{status}");
            assert_eq!(t.end(), None);
            assert_eq!(t.start(), Some(at(NOW)));
        }
        // Already active: left exactly as it is, as `task start` refuses it.
        let mut t = task(&[("status", "deleted"), ("start", "5"), ("end", "6")]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).start();
        assert!(ops.is_empty(), "{ops:?}");
    }

    #[test]
    fn timestamps_are_written_as_epoch_seconds() {
        let mut t = task(&[("until", "3")]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW))
            .set_due(Some(at(100)))
            .set_wait(Some(at(-5)))
            .set_scheduled(Some(at(300)))
            .set_until(None)
            .set_entry(Some(at(1)))
            .set_timestamp("reviewed", Some(at(9)));
        assert_eq!(
            updates(&ops),
            vec![
                up("modified", Some(NOW_S)),
                up("due", Some("100")),
                up("wait", Some("-5")),
                up("scheduled", Some("300")),
                up("until", None),
                up("entry", Some("1")),
                up("reviewed", Some("9")),
            ]
        );
        // Stored as given; read back only within the years dates may name.
        assert_eq!(t.wait(), None);
        assert_eq!(t.due(), None);
    }

    #[test]
    fn empty_project_or_priority_removes_it() {
        let mut t = task(&[("project", "p"), ("priority", "H")]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW))
            .set_project(Some(""))
            .set_priority(Some(""));
        assert_eq!(t.project(), None);
        assert_eq!(t.priority(), None);
    }

    #[test]
    fn tags_keep_the_legacy_list_in_step() {
        let home = Tag::new("home").unwrap();
        let alpha = Tag::new("alpha").unwrap();
        let mut t = task(&[]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).add_tag(&home).add_tag(&alpha);
        assert_eq!(
            updates(&ops),
            vec![
                up("modified", Some(NOW_S)),
                up("tag_home", Some("x")),
                up("tags", Some("home")),
                up("tag_alpha", Some("x")),
                up("tags", Some("alpha,home")),
            ]
        );
        ops.clear();
        t.edit(&mut ops, at(NOW)).remove_tag(&alpha);
        assert_eq!(
            updates(&ops),
            vec![up("tag_alpha", None), up("tags", Some("home"))]
        );
        ops.clear();
        t.edit(&mut ops, at(NOW)).remove_tag(&home);
        assert_eq!(updates(&ops), vec![up("tag_home", None), up("tags", None)]);
        assert!(t.tags().is_empty());
        assert!(!t.data().has("tags"));
    }

    #[test]
    fn adding_a_tag_repairs_a_missing_legacy_list() {
        let mut t = task(&[("tag_old", "")]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).add_tag(&Tag::new("new").unwrap());
        assert_eq!(t.get("tags"), Some("new,old"));
        assert_eq!(t.get("tag_old"), Some(""), "existing value left alone");
    }

    #[test]
    fn set_value_on_a_tag_key_keeps_the_legacy_list_in_step() {
        let mut t = task(&[]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW))
            .set_value("tag_b", Some(String::new()))
            .set_value("estimate", Some("3".into()));
        assert_eq!(t.get("tags"), Some("b"));
        assert_eq!(t.get("estimate"), Some("3"));
    }

    #[test]
    fn annotation_keys_skip_to_a_free_second() {
        let mut t = task(&[(&format!("annotation_{}", NOW + 1), "someone else's")]);
        let mut ops = Operations::new();
        let mut e = t.edit(&mut ops, at(NOW));
        let a = e.add_annotation("one");
        let b = e.add_annotation("two");
        let c = e.add_annotation("three");
        assert_eq!(a.entry, at(NOW));
        assert_eq!(b.entry, at(NOW + 2));
        assert_eq!(c.entry, at(NOW + 3));
        assert_eq!(c.description, "three");
        assert_eq!(
            updates(&ops),
            vec![
                up("modified", Some(NOW_S)),
                up("annotation_1715767200", Some("one")),
                up("annotation_1715767202", Some("two")),
                up("annotation_1715767203", Some("three")),
            ]
        );
        let texts: Vec<String> = t.annotations().into_iter().map(|a| a.description).collect();
        assert_eq!(texts, ["one", "someone else's", "two", "three"]);
    }

    #[test]
    fn remove_annotation_by_entry() {
        let mut t = task(&[
            ("annotation_1715000100", "a"),
            ("annotation_1715000200", "b"),
        ]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW))
            .remove_annotation(DateTime::from_timestamp(1_715_000_100, 500).unwrap());
        assert_eq!(
            updates(&ops),
            vec![
                up("modified", Some(NOW_S)),
                up("annotation_1715000100", None)
            ]
        );
        assert_eq!(t.annotations().len(), 1);
    }

    #[test]
    fn dependencies_keep_the_legacy_list_in_step() {
        let a = Uuid::from_u128(1);
        let b = Uuid::from_u128(2);
        let mut t = task(&[]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW))
            .add_dependency(b)
            .unwrap()
            .add_dependency(a)
            .unwrap()
            .add_dependency(a)
            .unwrap();
        assert_eq!(
            updates(&ops),
            vec![
                up("modified", Some(NOW_S)),
                up(&format!("dep_{b}"), Some("x")),
                up("depends", Some(&b.to_string())),
                up(&format!("dep_{a}"), Some("x")),
                up("depends", Some(&format!("{a},{b}"))),
            ]
        );
        assert_eq!(t.dependencies(), vec![a, b]);
        ops.clear();
        let mut e = t.edit(&mut ops, at(NOW));
        e.remove_dependency(a).remove_dependency(b);
        assert_eq!(
            updates(&ops),
            vec![
                up(&format!("dep_{a}"), None),
                up("depends", Some(&b.to_string())),
                up(&format!("dep_{b}"), None),
                up("depends", None),
            ]
        );
    }

    #[test]
    fn dependencies_match_any_spelling_of_the_uuid() {
        let a = Uuid::from_u128(0xabc);
        let upper = format!("dep_{}", a.to_string().to_uppercase());
        let mut t = task(&[(&upper, "")]);
        let mut ops = Operations::new();
        t.edit(&mut ops, at(NOW)).add_dependency(a).unwrap();
        assert!(ops.is_empty(), "{ops:?}");
        t.edit(&mut ops, at(NOW)).remove_dependency(a);
        assert!(!t.data().has(&upper));
        assert!(t.dependencies().is_empty());
    }

    #[test]
    fn a_task_cannot_depend_on_itself() {
        let mut t = task(&[]);
        let mut ops = Operations::new();
        let err = t
            .edit(&mut ops, at(NOW))
            .add_dependency(Uuid::from_u128(42))
            .map(|_| ())
            .unwrap_err();
        assert_eq!(err, EditError::SelfDependency(Uuid::from_u128(42)));
        assert!(err.to_string().contains("cannot depend on itself"));
        assert!(ops.is_empty());
    }
}
