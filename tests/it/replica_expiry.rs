//! Expiry of long-deleted tasks at its boundary: a deleted task whose `modified` is more than
//! 180 days before now is purged, one modified exactly 180 days before or later is kept, and
//! `modified` is read as taskchampion reads it (whole seconds, as a plain integer). Compared
//! with taskchampion's own `expire_tasks`.

use crate::support;
use crate::support::children::OpenInTurn;

use chrono::{DateTime, Duration, Utc};
use support::peer::{Tasks, tcui_tasks};
use taskchampion::storage::inmemory::InMemoryStorage;
use tcui::replica::{EXPIRE_AFTER_DAYS, Replica};
use tcui::task::{Operations, TaskData};
use tempfile::TempDir;
use uuid::Uuid;

/// One task: its status and how `modified` is written.
struct Case {
    status: &'static str,
    modified: String,
    kept: bool,
}

fn case(status: &'static str, modified: impl Into<String>, kept: bool) -> Case {
    Case {
        status,
        modified: modified.into(),
        kept,
    }
}

/// The tasks of `cases` in a fresh tcui replica, each with a description naming its case.
fn replica_with(dir: &TempDir, cases: &[Case]) -> (Replica, Vec<Uuid>) {
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let mut uuids = Vec::new();
    for (n, c) in cases.iter().enumerate() {
        let u = Uuid::new_v4();
        let mut ops = Operations::new();
        let mut t = TaskData::create(u, &mut ops);
        let now = Utc::now();
        t.update("description", Some(format!("case {n}")), now, &mut ops);
        t.update("status", Some(c.status.into()), now, &mut ops);
        t.update("modified", Some(c.modified.clone()), now, &mut ops);
        rep.commit_operations(ops).unwrap();
        uuids.push(u);
    }
    (rep, uuids)
}

/// The cases whose task is gone from `rep`, by index.
fn purged(rep: &Replica, uuids: &[Uuid]) -> Vec<usize> {
    (0..uuids.len())
        .filter(|n| rep.get_task_data(uuids[*n]).unwrap().is_none())
        .collect()
}

fn expected_purged(cases: &[Case]) -> Vec<usize> {
    (0..cases.len()).filter(|n| !cases[*n].kept).collect()
}

#[test]
fn a_deleted_task_is_purged_one_second_past_180_days_and_kept_at_180_days() {
    assert_eq!(EXPIRE_AFTER_DAYS, 180);
    let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    let cutoff = (now - Duration::days(180)).timestamp();
    let cases = [
        case("deleted", (cutoff - 1).to_string(), false),
        case("deleted", cutoff.to_string(), true),
        case("deleted", (cutoff + 1).to_string(), true),
        // 179 days, 23 hours and 59 minutes.
        case("deleted", (cutoff + 60).to_string(), true),
        case("deleted", (cutoff - 400 * 86_400).to_string(), false),
        // Only deleted tasks expire.
        case("completed", (cutoff - 1).to_string(), true),
        case("pending", (cutoff - 1).to_string(), true),
        case("recurring", (cutoff - 1).to_string(), true),
    ];
    let dir = TempDir::new().unwrap();
    let (mut rep, uuids) = replica_with(&dir, &cases);
    rep.expire_tasks(now).unwrap();
    assert_eq!(purged(&rep, &uuids), expected_purged(&cases));

    // With a clock half a second past a whole second, a task modified at the whole second
    // 180 days before is already older than 180 days; one second later it is not.
    let later = now + Duration::milliseconds(500);
    let cases = [
        case("deleted", cutoff.to_string(), false),
        case("deleted", (cutoff + 1).to_string(), true),
    ];
    let dir = TempDir::new().unwrap();
    let (mut rep, uuids) = replica_with(&dir, &cases);
    rep.expire_tasks(later).unwrap();
    assert_eq!(purged(&rep, &uuids), expected_purged(&cases));
}

/// taskchampion's replica with the same tasks as `rep`.
fn taskchampion_copy(
    rt: &tokio::runtime::Runtime,
    rep: &Replica,
) -> taskchampion::Replica<InMemoryStorage> {
    let mut tc = taskchampion::Replica::new(InMemoryStorage::new());
    rt.block_on(async {
        for (uuid, map) in tcui_tasks(rep) {
            let mut ops = taskchampion::Operations::new();
            let mut t = taskchampion::TaskData::create(uuid, &mut ops);
            for (k, v) in map {
                t.update(k, Some(v), &mut ops);
            }
            tc.commit_operations(ops).await.unwrap();
        }
    });
    tc
}

fn taskchampion_tasks(
    rt: &tokio::runtime::Runtime,
    tc: &mut taskchampion::Replica<InMemoryStorage>,
) -> Tasks {
    rt.block_on(tc.all_task_data())
        .unwrap()
        .into_iter()
        .map(|(u, t)| (u, t.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
        .collect()
}

#[test]
fn expiry_purges_the_same_tasks_as_taskchampion() {
    // taskchampion reads the clock itself, so the cases near the boundary keep ten minutes
    // from it: enough for a slow machine between reading the clock here and there.
    let cutoff = (Utc::now() - Duration::days(180)).timestamp();
    let margin = 600;
    let old = cutoff - margin;
    let cases = [
        case("deleted", old.to_string(), false),
        case("deleted", (cutoff + margin).to_string(), true),
        case("deleted", (old - 3 * 365 * 86_400).to_string(), false),
        case("completed", old.to_string(), true),
        case("pending", old.to_string(), true),
        case("waiting", old.to_string(), true),
        // `modified` as taskchampion parses it: an integer, a leading + allowed; anything
        // else is no date, and the task is kept.
        case("deleted", format!("+{old}"), false),
        case("deleted", format!("0{old}"), false),
        case("deleted", format!("{old}.0"), true),
        case("deleted", format!(" {old}"), true),
        case("deleted", "20200101T000000Z", true),
        case("deleted", "", true),
        case("deleted", "0", false),
        case("deleted", "-86400", false),
    ];
    let dir = TempDir::new().unwrap();
    let (mut rep, uuids) = replica_with(&dir, &cases);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut tc = taskchampion_copy(&rt, &rep);
    assert_eq!(taskchampion_tasks(&rt, &mut tc), tcui_tasks(&rep));

    rep.expire_tasks(Utc::now()).unwrap();
    rt.block_on(tc.expire_tasks()).unwrap();
    assert_eq!(purged(&rep, &uuids), expected_purged(&cases));
    assert_eq!(taskchampion_tasks(&rt, &mut tc), tcui_tasks(&rep));
}
