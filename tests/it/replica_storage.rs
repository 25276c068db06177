//! The replica's storage behaviour: persistence across reopen, the operation log, undo,
//! working-set bookkeeping, and the errors for files that are not, or not yet, ours.

use crate::support::children::OpenInTurn;

use std::collections::BTreeMap;
use std::fs;

use chrono::{DateTime, Utc};
use tcui::replica::{FORMAT_VERSION, Replica, ReplicaError};
use tcui::task::{Operation, Operations, TaskData};
use tempfile::TempDir;
use uuid::Uuid;

fn ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 123_456_789).unwrap()
}

/// Commit one user action creating a pending task.
fn add_task(rep: &mut Replica, uuid: Uuid, description: &str) {
    let mut ops = vec![Operation::UndoPoint];
    let mut t = TaskData::create(uuid, &mut ops);
    t.update(
        "status",
        Some("pending".into()),
        ts(1_800_000_000),
        &mut ops,
    );
    t.update(
        "description",
        Some(description.into()),
        ts(1_800_000_000),
        &mut ops,
    );
    rep.commit_operations(ops).unwrap();
}

fn set(rep: &mut Replica, uuid: Uuid, prop: &str, value: Option<&str>) {
    let mut t = rep.get_task_data(uuid).unwrap().unwrap();
    let mut ops = vec![Operation::UndoPoint];
    t.update(prop, value.map(str::to_owned), ts(1_800_000_100), &mut ops);
    rep.commit_operations(ops).unwrap();
}

fn tasks(rep: &Replica) -> BTreeMap<Uuid, BTreeMap<String, String>> {
    rep.all_task_data()
        .unwrap()
        .into_iter()
        .map(|(u, t)| (u, t.into_map()))
        .collect()
}

#[test]
fn everything_survives_a_reopen() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let (before, ws, undo) = {
        let mut rep = Replica::open_in_turn(&path).unwrap();
        add_task(&mut rep, a, "first");
        add_task(&mut rep, b, "second");
        set(&mut rep, a, "status", Some("completed"));
        rep.rebuild_working_set(true).unwrap();
        (
            tasks(&rep),
            rep.working_set().clone(),
            rep.get_undo_operations().unwrap(),
        )
    };
    let rep = Replica::open_in_turn(&path).unwrap();
    assert_eq!(tasks(&rep), before);
    assert_eq!(rep.working_set(), &ws);
    assert_eq!(rep.working_set().by_index(1), Some(b));
    assert_eq!(rep.get_undo_operations().unwrap(), undo);
    assert_eq!(rep.num_local_operations().unwrap(), 7);
    assert_eq!(rep.num_undo_points().unwrap(), 3);
    assert_eq!(rep.get_task_operations(a).unwrap().len(), 4);
}

#[test]
fn pending_tasks_follow_working_set_membership() {
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let ids: Vec<Uuid> = (0..5).map(|_| Uuid::new_v4()).collect();
    for (i, u) in ids.iter().enumerate() {
        add_task(&mut rep, *u, &format!("task {i}"));
    }
    set(&mut rep, ids[1], "status", Some("completed"));
    // Completed but not yet rebuilt: still in the working set, still loaded.
    assert_eq!(rep.pending_task_data().unwrap().len(), 5);
    rep.rebuild_working_set(false).unwrap();
    let pending: Vec<Uuid> = rep
        .pending_task_data()
        .unwrap()
        .iter()
        .map(|t| t.uuid())
        .collect();
    assert_eq!(pending, vec![ids[0], ids[2], ids[3], ids[4]], "ID order");
    assert_eq!(
        rep.working_set().by_index(2),
        None,
        "a gap without renumbering"
    );
    // The completed task is still readable from the other table.
    let done = rep.get_task_data(ids[1]).unwrap().unwrap();
    assert_eq!(done.get("status"), Some("completed"));
    // Reopened to pending by a plain update: joins the working set again at the end.
    set(&mut rep, ids[1], "status", Some("pending"));
    assert_eq!(rep.working_set().by_uuid(ids[1]), Some(6));
    assert_eq!(
        rep.get_task_data(ids[1]).unwrap().unwrap().get("status"),
        Some("pending")
    );
}

#[test]
fn undo_reverts_one_step_and_refuses_a_stale_list() {
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let a = Uuid::new_v4();
    add_task(&mut rep, a, "write report");
    set(&mut rep, a, "description", Some("write the report"));
    let step = rep.get_undo_operations().unwrap();
    assert_eq!(step.len(), 2);
    // Something else happens first: the old list is no longer the tail.
    set(&mut rep, a, "project", Some("work"));
    assert!(!rep.commit_reversed_operations(step).unwrap());
    assert_eq!(
        rep.get_task_data(a).unwrap().unwrap().get("project"),
        Some("work")
    );
    // Undo twice: project, then the description change.
    for _ in 0..2 {
        let step = rep.get_undo_operations().unwrap();
        assert!(rep.commit_reversed_operations(step).unwrap());
    }
    let t = rep.get_task_data(a).unwrap().unwrap();
    assert_eq!(t.get("description"), Some("write report"));
    assert_eq!(t.get("project"), None);
    assert_eq!(rep.num_undo_points().unwrap(), 1);
    // Undo the creation: the task is gone, and so is its working-set entry after the rebuild.
    let step = rep.get_undo_operations().unwrap();
    assert!(rep.commit_reversed_operations(step).unwrap());
    assert!(rep.get_task_data(a).unwrap().is_none());
    assert!(rep.working_set().is_empty());
    assert_eq!(rep.num_local_operations().unwrap(), 0);
    assert!(!rep.commit_reversed_operations(Operations::new()).unwrap());
}

#[test]
fn undo_of_a_delete_brings_the_task_back() {
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let a = Uuid::new_v4();
    add_task(&mut rep, a, "keep me");
    let before = rep.get_task_data(a).unwrap().unwrap();
    let mut ops = vec![Operation::UndoPoint];
    rep.get_task_data(a).unwrap().unwrap().delete(&mut ops);
    rep.commit_operations(ops).unwrap();
    rep.rebuild_working_set(true).unwrap();
    assert!(rep.get_task_data(a).unwrap().is_none());
    assert!(rep.working_set().is_empty());
    let step = rep.get_undo_operations().unwrap();
    assert!(rep.commit_reversed_operations(step).unwrap());
    assert_eq!(rep.get_task_data(a).unwrap().unwrap(), before);
    assert_eq!(rep.working_set().by_uuid(a), Some(1));
}

#[test]
fn dependency_map_counts_only_pending_dependencies() {
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let (a, b, c) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    for (u, d) in [(a, "a"), (b, "b"), (c, "c")] {
        add_task(&mut rep, u, d);
    }
    set(&mut rep, a, &format!("dep_{b}"), Some(""));
    set(&mut rep, a, &format!("dep_{c}"), Some("x"));
    set(&mut rep, a, "dep_not-a-uuid", Some(""));
    let dm = rep.dependency_map(false).unwrap();
    assert_eq!(dm.edges(), {
        let mut e = vec![(a, b), (a, c)];
        e.sort();
        e
    });
    assert!(dm.is_blocked(a) && dm.is_blocking(b) && !dm.is_blocked(b));
    set(&mut rep, c, "status", Some("completed"));
    rep.rebuild_working_set(true).unwrap();
    let dm = rep.dependency_map(false).unwrap();
    assert_eq!(
        dm.edges(),
        vec![(a, b)],
        "a completed dependency no longer blocks"
    );
}

#[test]
fn expire_purges_old_deleted_tasks_only() {
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let now = ts(1_800_000_000);
    let old = now.timestamp() - 181 * 86_400;
    let recent = now.timestamp() - 179 * 86_400;
    let cases = [
        ("deleted", old.to_string(), false),
        ("deleted", recent.to_string(), true),
        ("completed", old.to_string(), true),
        ("deleted", "not a number".to_string(), true),
    ];
    let mut ids = Vec::new();
    for (status, modified, _) in &cases {
        let u = Uuid::new_v4();
        let mut ops = Operations::new();
        let mut t = TaskData::create(u, &mut ops);
        t.update("status", Some(status.to_string()), now, &mut ops);
        t.update("modified", Some(modified.clone()), now, &mut ops);
        rep.commit_operations(ops).unwrap();
        ids.push(u);
    }
    rep.expire_tasks(now).unwrap();
    for (u, (_, _, kept)) in ids.iter().zip(cases) {
        assert_eq!(rep.get_task_data(*u).unwrap().is_some(), kept);
    }
}

#[test]
fn a_foreign_file_is_named_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    let content = b"SQLite format 3\0 this is somebody else's data".repeat(100);
    fs::write(&path, &content).unwrap();
    let err = Replica::open_in_turn(&path).unwrap_err();
    assert!(matches!(err, ReplicaError::NotAReplica { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()) && msg.contains("not a tcui replica"),
        "{msg}"
    );
    assert_eq!(fs::read(&path).unwrap(), content);
}

#[test]
fn another_redb_database_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("other.redb");
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let def: redb::TableDefinition<&str, &str> = redb::TableDefinition::new("things");
            txn.open_table(def).unwrap().insert("k", "v").unwrap();
        }
        txn.commit().unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Replica::open_in_turn(&path).unwrap_err();
    assert!(matches!(err, ReplicaError::NotAReplica { .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_newer_format_is_refused_with_a_clear_message() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    drop(Replica::open_in_turn(&path).unwrap());
    {
        let db = redb::Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let def: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta");
            let mut meta = txn.open_table(def).unwrap();
            meta.insert("format", (FORMAT_VERSION + 1).to_le_bytes().as_slice())
                .unwrap();
        }
        txn.commit().unwrap();
    }
    let err = Replica::open_in_turn(&path).unwrap_err();
    assert!(matches!(err, ReplicaError::TooNew { .. }), "{err:?}");
    assert!(err.to_string().contains("newer tcui"), "{err}");
}

#[test]
fn a_second_open_is_refused_while_the_first_is_alive() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    let first = Replica::open_in_turn(&path).unwrap();
    let err = Replica::open_in_turn(&path).unwrap_err();
    assert!(matches!(err, ReplicaError::AlreadyOpen { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("already open by another tcui process"),
        "{err}"
    );
    drop(first);
    Replica::open_in_turn(&path).unwrap();
}

#[test]
fn an_empty_file_becomes_a_replica_and_a_missing_folder_is_an_error() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    fs::write(&path, b"").unwrap();
    let mut rep = Replica::open_in_turn(&path).unwrap();
    add_task(&mut rep, Uuid::new_v4(), "x");
    let err = Replica::open_in_turn(dir.path().join("no/such/folder/r.redb")).unwrap_err();
    assert!(matches!(err, ReplicaError::Storage { .. }), "{err:?}");
}

#[test]
fn commit_of_nothing_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    rep.commit_operations(Operations::new()).unwrap();
    assert_eq!(rep.num_local_operations().unwrap(), 0);
    assert_eq!(rep.num_undo_points().unwrap(), 0);
    assert!(rep.get_undo_operations().unwrap().is_empty());
}

#[test]
fn a_reopened_replica_is_exclusive_before_and_after_its_first_write() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    let a = Uuid::new_v4();
    add_task(&mut Replica::open_in_turn(&path).unwrap(), a, "before");
    // Opened for reading only: a second open is still refused.
    let mut first = Replica::open_in_turn(&path).unwrap();
    assert!(matches!(
        Replica::open_in_turn(&path),
        Err(ReplicaError::AlreadyOpen { .. })
    ));
    // The first write reopens the file for writing; both reads and writes go on working.
    set(&mut first, a, "description", Some("after"));
    assert!(matches!(
        Replica::open_in_turn(&path),
        Err(ReplicaError::AlreadyOpen { .. })
    ));
    assert_eq!(
        first.get_task_data(a).unwrap().unwrap().get("description"),
        Some("after")
    );
    let b = Uuid::new_v4();
    add_task(&mut first, b, "second");
    drop(first);
    let again = Replica::open_in_turn(&path).unwrap();
    assert_eq!(again.all_task_uuids().unwrap().len(), 2);
    assert_eq!(
        again.get_task_data(a).unwrap().unwrap().get("description"),
        Some("after")
    );
}

#[test]
fn a_completed_sync_closes_undo_and_drops_history_of_gone_tasks() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    let mut rep = Replica::open_in_turn(&path).unwrap();
    assert_eq!(rep.base_version().unwrap(), Uuid::nil());
    let (kept, gone) = (Uuid::new_v4(), Uuid::new_v4());
    add_task(&mut rep, kept, "kept");
    add_task(&mut rep, gone, "gone");
    let mut ops = vec![Operation::UndoPoint];
    rep.get_task_data(gone).unwrap().unwrap().delete(&mut ops);
    rep.commit_operations(ops).unwrap();
    let unsynced = rep.unsynced_operations().unwrap();
    assert_eq!(unsynced.len(), 10);
    assert_eq!(unsynced.iter().filter(|o| o.is_undo_point()).count(), 3);

    let version = Uuid::new_v4();
    rep.complete_sync(version).unwrap();
    assert_eq!(rep.base_version().unwrap(), version);
    assert_eq!(rep.num_local_operations().unwrap(), 0);
    assert_eq!(rep.num_undo_points().unwrap(), 0);
    assert!(rep.unsynced_operations().unwrap().is_empty());
    assert!(rep.get_undo_operations().unwrap().is_empty());
    assert!(rep.get_task_operations(gone).unwrap().is_empty());
    assert_eq!(rep.get_task_operations(kept).unwrap().len(), 3);

    // New work after the sync is undoable on its own; the synced past is not.
    set(&mut rep, kept, "project", Some("home"));
    let step = rep.get_undo_operations().unwrap();
    assert_eq!(step.len(), 2);
    assert!(rep.commit_reversed_operations(step).unwrap());
    assert!(rep.get_undo_operations().unwrap().is_empty());
    assert!(
        !rep.commit_reversed_operations(vec![Operation::UndoPoint])
            .unwrap()
    );
    drop(rep);
    let rep = Replica::open_in_turn(&path).unwrap();
    assert_eq!(rep.base_version().unwrap(), version);
    assert_eq!(
        rep.get_task_data(kept).unwrap().unwrap().get("description"),
        Some("kept")
    );
}

#[test]
fn a_sync_drops_the_history_of_a_task_an_undo_removed() {
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let a = Uuid::new_v4();
    add_task(&mut rep, a, "a");
    rep.complete_sync(Uuid::new_v4()).unwrap();
    // A redundant Create is logged; undoing it removes the task, and its Create with it.
    rep.commit_operations(vec![Operation::UndoPoint, Operation::Create { uuid: a }])
        .unwrap();
    let step = rep.get_undo_operations().unwrap();
    assert!(rep.commit_reversed_operations(step).unwrap());
    assert!(rep.get_task_data(a).unwrap().is_none());
    assert_eq!(
        rep.get_task_operations(a).unwrap().len(),
        3,
        "kept until the next sync"
    );
    rep.complete_sync(Uuid::new_v4()).unwrap();
    assert!(rep.get_task_operations(a).unwrap().is_empty());
}

/// Overwrite one value in a closed replica, as damage would.
fn damage<K: redb::Key + 'static, V: redb::Value + 'static>(
    path: &std::path::Path,
    table: redb::TableDefinition<K, V>,
    key: K::SelfType<'_>,
    value: V::SelfType<'_>,
) {
    let db = redb::Database::create(path).unwrap();
    let txn = db.begin_write().unwrap();
    txn.open_table(table).unwrap().insert(key, value).unwrap();
    txn.commit().unwrap();
}

fn counters(words: [u64; 5]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

#[test]
fn damaged_counters_give_errors_or_sane_answers_never_panics() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    let a = Uuid::new_v4();
    add_task(&mut Replica::open_in_turn(&path).unwrap(), a, "a");
    let meta: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta");

    // Write sequence at its limit: a commit is refused as damage.
    damage(&path, meta, "counters", &counters([u64::MAX, 4, 0, 3, 1]));
    let mut rep = Replica::open_in_turn(&path).unwrap();
    let mut ops = vec![Operation::UndoPoint];
    rep.get_task_data(a)
        .unwrap()
        .unwrap()
        .update("x", Some("y".into()), Utc::now(), &mut ops);
    let err = rep.commit_operations(ops).unwrap_err();
    assert!(matches!(err, ReplicaError::Corrupt { .. }), "{err:?}");
    drop(rep);

    // Counters lower than the log: undo still works and the counters do not wrap.
    damage(&path, meta, "counters", &counters([10, 0, 0, 0, 0]));
    let mut rep = Replica::open_in_turn(&path).unwrap();
    let step = rep.get_undo_operations().unwrap();
    assert_eq!(step.len(), 4);
    assert!(rep.commit_reversed_operations(step).unwrap());
    assert_eq!(rep.num_local_operations().unwrap(), 0);
    assert_eq!(rep.num_undo_points().unwrap(), 0);
    drop(rep);

    // Everything marked synced up to the end of time: nothing is undoable, nothing panics.
    damage(&path, meta, "counters", &counters([10, 0, u64::MAX, 0, 0]));
    let rep = Replica::open_in_turn(&path).unwrap();
    assert!(rep.get_undo_operations().unwrap().is_empty());
    assert!(rep.unsynced_operations().unwrap().is_empty());
}

#[test]
fn a_working_set_id_far_out_of_range_is_reported_as_damage() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    add_task(
        &mut Replica::open_in_turn(&path).unwrap(),
        Uuid::new_v4(),
        "a",
    );
    let chunks: redb::TableDefinition<u32, &[u8]> = redb::TableDefinition::new("working_set");
    let mut slot = vec![1u8];
    slot.extend_from_slice(Uuid::new_v4().as_bytes());
    damage(&path, chunks, 416_000, &slot);
    let err = Replica::open_in_turn(&path).unwrap_err();
    assert!(matches!(err, ReplicaError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn an_unclean_file_is_repaired_only_when_tcui_has_opened_it_before() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    let copy = dir.path().join("copy.redb");
    let a = Uuid::new_v4();
    {
        // Copied while open for writing: the copy looks like a replica after a crash.
        let mut rep = Replica::open_in_turn(&path).unwrap();
        add_task(&mut rep, a, "survives a crash");
        fs::copy(&path, &copy).unwrap();
    }
    let before = fs::read(&copy).unwrap();
    let err = Replica::open_in_turn(&copy).unwrap_err();
    assert!(matches!(err, ReplicaError::Unverified { .. }), "{err:?}");
    assert!(err.to_string().contains("copy.redb.lock"), "{err}");
    assert_eq!(fs::read(&copy).unwrap(), before, "left untouched");
    assert!(
        !dir.path().join("copy.redb.lock").exists(),
        "no trace left beside it"
    );
    // With its lock file back, it is repaired and opens with its tasks.
    fs::write(dir.path().join("copy.redb.lock"), b"").unwrap();
    let rep = Replica::open_in_turn(&copy).unwrap();
    assert_eq!(
        rep.get_task_data(a).unwrap().unwrap().get("description"),
        Some("survives a crash")
    );
}

#[test]
fn an_unclean_foreign_redb_file_is_not_written() {
    let dir = TempDir::new().unwrap();
    let theirs = dir.path().join("theirs.redb");
    let path = dir.path().join("replica.redb");
    let db = redb::Database::create(&theirs).unwrap();
    let txn = db.begin_write().unwrap();
    {
        let def: redb::TableDefinition<&str, &str> = redb::TableDefinition::new("things");
        txn.open_table(def).unwrap().insert("k", "v").unwrap();
    }
    txn.commit().unwrap();
    fs::copy(&theirs, &path).unwrap();
    drop(db);
    let before = fs::read(&path).unwrap();
    assert!(Replica::open_in_turn(&path).is_err());
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("replica.redb.lock").exists());
}

/// The first 320 bytes of a new redb file as redb writes them before its magic number: the
/// state a `kill -9` in the first moments of the very first run left behind.
fn header_without_magic() -> Vec<u8> {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("fresh.redb");
    drop(redb::Database::create(&path).unwrap());
    let mut header = fs::read(&path).unwrap()[..320].to_vec();
    header[..9].fill(0);
    header
}

#[test]
fn a_replica_file_left_empty_by_a_crash_is_made_anew() {
    let mut zeroed_header = header_without_magic();
    zeroed_header.resize(1 << 20, 0);
    let cases: [(&str, Vec<u8>); 4] = [
        ("all zero", vec![0; 1 << 20]),
        ("header without its magic number", zeroed_header),
        ("part of the magic number", b"redb\x1a".to_vec()),
        ("one zero byte", vec![0]),
    ];
    for (what, content) in cases {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("replica.redb");
        fs::write(&path, &content).unwrap();
        // Without the lock file tcui did not make it: refused, untouched, nothing beside it.
        let err = Replica::open_in_turn(&path).unwrap_err();
        assert!(
            matches!(err, ReplicaError::NotAReplica { .. }),
            "{what}: {err:?}"
        );
        assert_eq!(fs::read(&path).unwrap(), content, "{what}");
        assert!(!dir.path().join("replica.redb.lock").exists(), "{what}");
        // With it, the file is tcui's own, unfinished: it becomes a replica.
        fs::write(dir.path().join("replica.redb.lock"), b"").unwrap();
        let mut rep = Replica::open_in_turn(&path).unwrap_or_else(|e| panic!("{what}: {e}"));
        let a = Uuid::new_v4();
        add_task(&mut rep, a, what);
        drop(rep);
        let rep = Replica::open_in_turn(&path).unwrap();
        assert_eq!(rep.all_task_uuids().unwrap(), vec![a], "{what}");
    }
}

#[test]
fn a_file_without_a_header_but_with_data_is_refused_even_beside_a_lock_file() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    let mut content = header_without_magic();
    content.resize(1 << 20, 0);
    content[200_000..200_010].copy_from_slice(b"some data!");
    fs::write(&path, &content).unwrap();
    fs::write(dir.path().join("replica.redb.lock"), b"").unwrap();
    let err = Replica::open_in_turn(&path).unwrap_err();
    assert!(matches!(err, ReplicaError::NotAReplica { .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), content);
}

#[test]
fn a_new_replica_appears_whole_and_leaves_no_temporary_file() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    // A temporary file left by a creation that was killed half-way is cleared away.
    let stale = dir.path().join(".replica.redb.Ab12Cd.tcui-new");
    fs::write(&stale, vec![0; 4096]).unwrap();
    drop(Replica::open_in_turn(&path).unwrap());
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["replica.redb", "replica.redb.lock"]);
}

#[cfg(unix)]
#[test]
fn replica_files_are_private_and_too_open_ones_are_tightened() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    let lock = dir.path().join("replica.redb.lock");
    drop(Replica::open_in_turn(&path).unwrap());
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&lock), 0o600);
    // Made by an older tcui, readable by all: tightened once it is known to be a replica.
    for p in [&path, &lock] {
        fs::set_permissions(p, fs::Permissions::from_mode(0o644)).unwrap();
    }
    drop(Replica::open_in_turn(&path).unwrap());
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&lock), 0o600);
    // A file that is not a replica keeps its mode as well as its bytes.
    let foreign = dir.path().join("notes.redb");
    fs::write(&foreign, b"SQLite format 3\0 somebody else's").unwrap();
    fs::set_permissions(&foreign, fs::Permissions::from_mode(0o644)).unwrap();
    assert!(Replica::open_in_turn(&foreign).is_err());
    assert_eq!(mode(&foreign), 0o644);
}

/// A task finished while IDs are kept steady (the interface rebuilds without renumbering)
/// leaves a gap. Renumbering as TaskChampion does keeps that gap; `renumber_working_set`,
/// which tcui's reports use, closes it, as the IDs read after a `task` session.
#[test]
fn renumbering_for_a_report_closes_the_gaps_steady_ids_left() {
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("replica.redb")).unwrap();
    let (a, b, c) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    for (uuid, description) in [(a, "a"), (b, "b"), (c, "c")] {
        add_task(&mut rep, uuid, description);
    }
    rep.rebuild_working_set(true).unwrap();
    set(&mut rep, a, "status", Some("completed"));
    rep.rebuild_working_set(false).unwrap();
    rep.rebuild_working_set(true).unwrap();
    assert_eq!(
        rep.working_set().by_index(2),
        Some(b),
        "TaskChampion keeps the gap"
    );
    rep.renumber_working_set().unwrap();
    assert_eq!(rep.working_set().by_index(1), Some(b));
    assert_eq!(rep.working_set().by_index(2), Some(c));
    assert_eq!(rep.working_set().largest_index(), 2);
}
