//! The typed, read-only view of one task over its raw [`TaskData`].
//!
//! Reading is best-effort: a value that does not parse reads as absent and never panics, so
//! anything Taskwarrior or a peer wrote can be shown. Pure: no I/O, and the clock is always
//! passed in. Changes go through [`TaskEdit`](super::TaskEdit).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::annotation::Annotation;
use super::data::{Operations, TaskData};
use super::edit::TaskEdit;
use super::keys::{self, ANNOTATION_PREFIX, DEP_PREFIX, TAG_PREFIX, is_uda_key};
use super::status::Status;
use super::tag::Tag;
use crate::time::parse_timestamp;

/// A task, read through typed accessors. Owns its [`TaskData`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    data: TaskData,
}

impl From<TaskData> for Task {
    fn from(data: TaskData) -> Self {
        Task::new(data)
    }
}

impl Task {
    pub fn new(data: TaskData) -> Self {
        Task { data }
    }

    pub fn uuid(&self) -> Uuid {
        self.data.uuid()
    }

    pub fn data(&self) -> &TaskData {
        &self.data
    }

    pub fn into_data(self) -> TaskData {
        self.data
    }

    /// A raw property, as stored.
    pub fn get(&self, property: &str) -> Option<&str> {
        self.data.get(property)
    }

    /// The stored status; a missing status reads as pending, as in TaskChampion.
    pub fn status(&self) -> Status {
        self.data
            .get(keys::STATUS)
            .map_or(Status::Pending, Status::from_stored)
    }

    /// The description, or `""` when there is none.
    pub fn description(&self) -> &str {
        self.data.get(keys::DESCRIPTION).unwrap_or("")
    }

    pub fn project(&self) -> Option<&str> {
        self.data.get(keys::PROJECT)
    }

    pub fn priority(&self) -> Option<&str> {
        self.data.get(keys::PRIORITY)
    }

    /// Any property read as a timestamp; `None` when missing or not epoch seconds.
    pub fn timestamp(&self, property: &str) -> Option<DateTime<Utc>> {
        self.data.get(property).and_then(parse_timestamp)
    }

    pub fn entry(&self) -> Option<DateTime<Utc>> {
        self.timestamp(keys::ENTRY)
    }

    pub fn modified(&self) -> Option<DateTime<Utc>> {
        self.timestamp(keys::MODIFIED)
    }

    pub fn start(&self) -> Option<DateTime<Utc>> {
        self.timestamp(keys::START)
    }

    pub fn end(&self) -> Option<DateTime<Utc>> {
        self.timestamp(keys::END)
    }

    pub fn due(&self) -> Option<DateTime<Utc>> {
        self.timestamp(keys::DUE)
    }

    pub fn wait(&self) -> Option<DateTime<Utc>> {
        self.timestamp(keys::WAIT)
    }

    pub fn scheduled(&self) -> Option<DateTime<Utc>> {
        self.timestamp(keys::SCHEDULED)
    }

    pub fn until(&self) -> Option<DateTime<Utc>> {
        self.timestamp(keys::UNTIL)
    }

    /// The valid user tags from `tag_<name>` keys, sorted. Keys naming an invalid tag are
    /// skipped; the legacy `tags` list is not read.
    pub fn tags(&self) -> Vec<Tag> {
        let mut tags: Vec<Tag> = self
            .data
            .properties()
            .filter_map(|k| k.strip_prefix(TAG_PREFIX))
            .filter_map(|name| Tag::new(name).ok())
            .collect();
        tags.sort();
        tags
    }

    /// The names of the valid user tags, in key order, without allocating.
    pub fn tag_names(&self) -> impl Iterator<Item = &str> {
        self.data
            .with_prefix(TAG_PREFIX)
            .filter_map(|(k, _)| k.strip_prefix(TAG_PREFIX))
            .filter(|name| Tag::is_valid(name))
    }

    /// How many valid user tags the task has; the count [`Task::tags`] would give.
    pub fn tag_count(&self) -> usize {
        self.tag_names().count()
    }

    pub fn has_tag(&self, tag: &Tag) -> bool {
        self.data.has(&tag.key())
    }

    /// The annotations, oldest first. Keys whose suffix is not epoch seconds are skipped.
    pub fn annotations(&self) -> Vec<Annotation> {
        let mut annotations: Vec<Annotation> = self
            .data
            .iter()
            .filter_map(|(k, v)| {
                let entry = parse_timestamp(k.strip_prefix(ANNOTATION_PREFIX)?)?;
                Some(Annotation {
                    entry,
                    description: v.to_owned(),
                })
            })
            .collect();
        annotations.sort_by(|a, b| (a.entry, &a.description).cmp(&(b.entry, &b.description)));
        annotations
    }

    /// The annotation texts, in key order (not time order), without allocating. Keys whose
    /// suffix is not epoch seconds are skipped, as in [`Task::annotations`].
    pub fn annotation_texts(&self) -> impl Iterator<Item = &str> {
        self.data
            .with_prefix(ANNOTATION_PREFIX)
            .filter_map(|(k, v)| {
                k.strip_prefix(ANNOTATION_PREFIX)
                    .and_then(parse_timestamp)
                    .map(|_| v)
            })
    }

    /// How many annotations [`Task::annotations`] would give.
    pub fn annotation_count(&self) -> usize {
        self.annotation_texts().count()
    }

    /// The UUIDs this task depends on, from `dep_<uuid>` keys that parse, sorted.
    pub fn dependencies(&self) -> Vec<Uuid> {
        let mut deps: Vec<Uuid> = self
            .data
            .with_prefix(DEP_PREFIX)
            .filter_map(|(k, _)| k.strip_prefix(DEP_PREFIX))
            .filter_map(|u| Uuid::parse_str(u).ok())
            .collect();
        deps.sort();
        deps.dedup();
        deps
    }

    pub fn has_dependency(&self, dep: Uuid) -> bool {
        self.dependencies().contains(&dep)
    }

    /// Every user-defined attribute (see [`is_uda_key`]) with its raw value, sorted by name.
    pub fn udas(&self) -> Vec<(&str, &str)> {
        self.data.iter().filter(|(k, _)| is_uda_key(k)).collect()
    }

    /// Whether the task has been started and not stopped (a `start` key is present).
    pub fn is_active(&self) -> bool {
        self.data.has(keys::START)
    }

    /// Taskwarrior's waiting: the stored status is exactly `pending` and `wait` is after `now`.
    pub fn is_waiting(&self, now: DateTime<Utc>) -> bool {
        self.data.get(keys::STATUS) == Some("pending") && self.wait().is_some_and(|w| w > now)
    }

    /// Start an edit session; every change is recorded in `ops`, stamped `now`.
    pub fn edit<'a>(&'a mut self, ops: &'a mut Operations, now: DateTime<Utc>) -> TaskEdit<'a> {
        TaskEdit::new(&mut self.data, ops, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::data::TaskMap;
    use crate::task::keys::KNOWN_ATTRIBUTES;
    use crate::time::format_timestamp;

    fn task(pairs: &[(&str, &str)]) -> Task {
        let map: TaskMap = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Task::new(TaskData::new(Uuid::from_u128(7), map))
    }

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    #[test]
    fn plain_accessors() {
        let t = task(&[
            ("description", "write tests"),
            ("project", "Home.Garden"),
            ("priority", "H"),
            ("status", "completed"),
        ]);
        assert_eq!(t.uuid(), Uuid::from_u128(7));
        assert_eq!(t.description(), "write tests");
        assert_eq!(t.project(), Some("Home.Garden"));
        assert_eq!(t.priority(), Some("H"));
        assert_eq!(t.status(), Status::Completed);
        assert_eq!(t.get("project"), Some("Home.Garden"));
        assert_eq!(t.data().get("priority"), Some("H"));
        let data = t.clone().into_data();
        assert_eq!(Task::from(data), t);
    }

    #[test]
    fn missing_values_read_as_defaults() {
        let t = task(&[]);
        assert_eq!(t.status(), Status::Pending);
        assert_eq!(t.description(), "");
        assert_eq!(t.project(), None);
        assert_eq!(t.priority(), None);
        assert_eq!(t.entry(), None);
        assert!(t.tags().is_empty());
        assert!(t.annotations().is_empty());
        assert!(t.dependencies().is_empty());
        assert!(t.udas().is_empty());
        assert!(!t.is_active());
    }

    #[test]
    fn unknown_status_is_kept() {
        assert_eq!(
            task(&[("status", "P")]).status(),
            Status::Unknown("P".into())
        );
    }

    #[test]
    fn timestamps_parse_epoch_seconds() {
        let t = task(&[
            ("entry", "1700000001"),
            ("modified", "1700000002"),
            ("start", "1700000003"),
            ("end", "1700000004"),
            ("due", "1700000005"),
            ("wait", "1700000006"),
            ("scheduled", "1700000007"),
            ("until", " 1700000008 "),
            ("birthday", "315532800"),
        ]);
        let at = |n: i64| at(1_700_000_000 + n);
        assert_eq!(t.entry(), Some(at(1)));
        assert_eq!(t.modified(), Some(at(2)));
        assert_eq!(t.start(), Some(at(3)));
        assert_eq!(t.end(), Some(at(4)));
        assert_eq!(t.due(), Some(at(5)));
        assert_eq!(t.wait(), Some(at(6)));
        assert_eq!(t.scheduled(), Some(at(7)));
        assert_eq!(t.until(), Some(at(8)));
        assert_eq!(t.timestamp("birthday"), Some(at(-1_384_467_200)));
        assert_eq!(format_timestamp(at(95_265_923)), "1795265923");
    }

    #[test]
    fn garbage_timestamps_read_as_none() {
        for bad in [
            "",
            "soon",
            "2024-05-15",
            "20240515T100000Z",
            "1.5",
            "12abc",
            "99999999999999999999",
            "9223372036854775807",
            // Outside the years Taskwarrior reads: past 9999-12-31T21:59:58Z, before 1980.
            "253402293599",
            "315532799",
            "5",
            "-86400",
        ] {
            let t = task(&[("due", bad), ("wait", bad), ("entry", bad)]);
            assert_eq!(t.due(), None, "{bad:?}");
            assert_eq!(t.wait(), None, "{bad:?}");
            assert_eq!(t.entry(), None, "{bad:?}");
            assert!(!t.is_waiting(at(0)));
        }
    }

    #[test]
    fn tags_come_from_tag_keys_sorted_and_valid_only() {
        let t = task(&[
            ("tag_zeta", "x"),
            ("tag_alpha", ""),
            ("tag_READY", "x"),
            ("tag_1bad", "x"),
            ("tags", "legacy,ignored"),
        ]);
        let names: Vec<String> = t.tags().iter().map(Tag::to_string).collect();
        assert_eq!(names, ["alpha", "zeta"]);
        assert!(t.has_tag(&Tag::new("zeta").unwrap()));
        assert_eq!(t.tag_names().collect::<Vec<_>>(), ["alpha", "zeta"]);
        assert_eq!(t.tag_count(), 2);
        assert!(!t.has_tag(&Tag::new("legacy").unwrap()));
    }

    #[test]
    fn annotations_sorted_by_time_not_key_text() {
        let t = task(&[
            ("annotation_1000000000", "second"),
            ("annotation_999999999", "first"),
            ("annotation_abc", "skipped"),
            ("annotation_", "skipped"),
        ]);
        assert_eq!(
            t.annotations(),
            vec![
                Annotation {
                    entry: at(999_999_999),
                    description: "first".into()
                },
                Annotation {
                    entry: at(1_000_000_000),
                    description: "second".into()
                },
            ]
        );
    }

    #[test]
    fn annotation_texts_and_count_skip_bad_keys() {
        let t = task(&[
            ("annotation_1000000000", "second"),
            ("annotation_999999999", "first"),
            ("annotation_abc", "skipped"),
            ("description", "not a note"),
        ]);
        assert_eq!(
            t.annotation_texts().collect::<Vec<_>>(),
            ["second", "first"]
        );
        assert_eq!(t.annotation_count(), 2);
        assert_eq!(task(&[]).annotation_count(), 0);
    }

    #[test]
    fn dependencies_from_dep_keys_that_parse() {
        let a = Uuid::from_u128(1);
        let b = Uuid::from_u128(2);
        let t = task(&[
            (&format!("dep_{b}"), "x"),
            (&format!("dep_{a}"), ""),
            (&format!("dep_{}", a.to_string().to_uppercase()), "x"),
            ("dep_not-a-uuid", "x"),
            ("depends", "ignored"),
        ]);
        assert_eq!(t.dependencies(), vec![a, b]);
        assert!(t.has_dependency(b));
        assert!(!t.has_dependency(Uuid::from_u128(3)));
    }

    #[test]
    fn udas_are_the_unknown_plain_keys() {
        let mut pairs: Vec<(&str, &str)> = KNOWN_ATTRIBUTES.iter().map(|k| (*k, "v")).collect();
        pairs.extend([
            ("tag_a", "x"),
            ("annotation_1", "n"),
            ("dep_x", "x"),
            ("estimate", "3"),
            ("brainpower", "low"),
        ]);
        let t = task(&pairs);
        assert_eq!(t.udas(), vec![("brainpower", "low"), ("estimate", "3")]);
        assert!(is_uda_key("estimate"));
        assert!(!is_uda_key("recur"));
    }

    #[test]
    fn active_means_start_present() {
        assert!(task(&[("start", "1")]).is_active());
        assert!(task(&[("start", "garbage")]).is_active());
        assert!(!task(&[("end", "1")]).is_active());
    }

    #[test]
    fn waiting_needs_pending_status_and_future_wait() {
        let now = at(1_700_001_000);
        let pending = |wait: &str| task(&[("status", "pending"), ("wait", wait)]);
        assert!(pending("1700001001").is_waiting(now));
        assert!(!pending("1700001000").is_waiting(now));
        assert!(!pending("1700000999").is_waiting(now));
        assert!(!task(&[("status", "completed"), ("wait", "1700002000")]).is_waiting(now));
        assert!(!task(&[("wait", "1700002000")]).is_waiting(now));
        assert!(!task(&[("status", "pending")]).is_waiting(now));
    }
}
