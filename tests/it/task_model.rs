//! The typed task view reads any map, however contradictory, without panicking, and edits
//! keep Taskwarrior's invariants (legacy lists in step, `modified` bumped once per session).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Utc};
use proptest::prelude::*;
use tcui::task::DependencyMap;
use tcui::task::keys::KNOWN_ATTRIBUTES;
use tcui::task::{Operations, Status, Tag, TagContext, Task, TaskData, VirtualTag};
use uuid::Uuid;

fn arb_key() -> impl Strategy<Value = String> {
    let mut names: Vec<&str> = KNOWN_ATTRIBUTES.to_vec();
    names.extend([
        "tag_home",
        "tag_",
        "dep_",
        "annotation_",
        "annotation_12",
        "template",
    ]);
    prop_oneof![
        prop::sample::select(names).prop_map(str::to_owned),
        "(tag_|dep_|annotation_)?[a-zA-Z0-9:+ -]{0,12}",
        "dep_[0-9a-f-]{36}",
    ]
}

fn arb_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "pending",
            "completed",
            "deleted",
            "recurring",
            "waiting",
            "P",
            "",
            "x",
            "H",
            "0",
            "-1",
            "1795265923",
            "99999999999999999999",
            "9223372036854775807",
            "-9223372036854775808",
            " 1795265923 ",
            "1e9",
            "2026-11-21",
        ])
        .prop_map(str::to_owned),
        ".{0,16}",
    ]
}

proptest! {
    #[test]
    fn any_map_reads_without_panic(
        map in prop::collection::btree_map(arb_key(), arb_value(), 0..16),
        now_secs in -10_000_000_000i64..10_000_000_000,
        offset_h in -12i32..=14,
    ) {
        let now = DateTime::from_timestamp(now_secs, 0).unwrap();
        let offset = FixedOffset::east_opt(offset_h * 3600).unwrap();
        let task = Task::new(TaskData::new(Uuid::from_u128(1), map.into_iter().collect()));
        let _ = (task.status(), task.description(), task.project(), task.priority());
        for p in ["entry", "modified", "start", "end", "due", "wait", "scheduled", "until"] {
            let _ = task.timestamp(p);
        }
        let _ = (task.tags(), task.annotations(), task.dependencies(), task.udas());
        let _ = (task.is_active(), task.is_waiting(now));
        let depmap = DependencyMap::new();
        let ctx = TagContext::new(now, offset, &depmap).with_latest(Some(7));
        for id in [None, Some(3), Some(7)] {
            let tags = task.virtual_tags(id, &ctx);
            for tag in VirtualTag::ALL {
                prop_assert_eq!(tags.contains(&tag), task.has_virtual_tag_as(tag, id, &ctx));
            }
        }
    }

    #[test]
    fn edits_keep_legacy_lists_in_step(
        start in prop::collection::btree_map(arb_key(), arb_value(), 0..10),
        adds in prop::collection::vec("[a-z][a-z0-9]{0,6}", 0..5),
        removes in prop::collection::vec("[a-z][a-z0-9]{0,6}", 0..5),
    ) {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut task = Task::new(TaskData::new(Uuid::from_u128(1), start.into_iter().collect()));
        let mut ops = Operations::new();
        {
            let mut edit = task.edit(&mut ops, now);
            for name in &adds {
                edit.add_tag(&Tag::new(name).unwrap());
            }
            for name in &removes {
                edit.remove_tag(&Tag::new(name).unwrap());
            }
        }
        if ops.is_empty() {
            return Ok(());
        }
        let raw: Vec<&str> = task.data().properties().filter_map(|k| k.strip_prefix("tag_")).collect();
        let expected = (!raw.is_empty()).then(|| raw.join(","));
        prop_assert_eq!(task.get("tags"), expected.as_deref());
        let modified_updates = ops.iter().filter(|o| matches!(o, tcui::task::Operation::Update { property, .. } if property == "modified")).count();
        prop_assert!(modified_updates <= 1);
        prop_assert_eq!(task.modified(), Some(now));
    }
}

#[test]
fn done_then_pending_round_trips_end_and_status() {
    let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    let mut map = BTreeMap::new();
    map.insert("status".to_string(), "pending".to_string());
    let mut task = Task::new(TaskData::new(Uuid::from_u128(3), map));
    let mut ops = Operations::new();
    task.edit(&mut ops, now).done();
    assert_eq!(task.status(), Status::Completed);
    assert_eq!(task.end(), Some(now));
    let later: DateTime<Utc> = now + chrono::Duration::seconds(60);
    task.edit(&mut ops, later).set_status(Status::Pending);
    assert_eq!(task.status(), Status::Pending);
    assert_eq!(task.end(), None);
    assert_eq!(task.modified(), Some(later));
}
