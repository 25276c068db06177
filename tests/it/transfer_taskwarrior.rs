//! Importing Taskwarrior 3's `taskchampion.sqlite3`, in both layouts, read-only: tasks come
//! in exactly, a second import changes nothing, the source is never touched, and a damaged or
//! foreign file fails with nothing written.

use crate::support;
use crate::support::children::OpenInTurn;

use std::fs;
use std::path::Path;

use chrono::{DateTime, Utc};
use support::peer::tcui_tasks;
use support::taskwarrior::{
    Map, OLDER_SCHEMA, sample, snapshot, uuid, write_current_layout, write_older_layout,
};
use tcui::replica::Replica;
use tcui::transfer::{ImportSummary, Layout, TaskwarriorError, TransferError, import_taskwarrior};
use tempfile::TempDir;
use uuid::Uuid;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_715_767_200, 0).unwrap()
}

fn expected() -> std::collections::BTreeMap<Uuid, Map> {
    sample().into_iter().collect()
}

fn ws_order() -> Vec<Uuid> {
    (1..=5).map(uuid).collect()
}

fn summary(new: usize, updated: usize, unchanged: usize) -> ImportSummary {
    ImportSummary {
        new,
        updated,
        unchanged,
    }
}

/// Import from `tw` into a fresh replica, twice; check the maps, the IDs, that the second
/// run adds no operation, and that `tw` is byte for byte as it was.
fn import_twice(tw: &Path, layout: Layout) {
    let before = snapshot(tw);
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("replica.redb")).unwrap();

    let (read, s) = import_taskwarrior(&mut rep, tw, now()).unwrap();
    assert_eq!(read.layout, layout);
    assert_eq!(read.path, tw.join("taskchampion.sqlite3"));
    assert_eq!(s, summary(7, 0, 0));
    assert_eq!(tcui_tasks(&rep), expected());
    for (i, u) in ws_order().iter().enumerate() {
        assert_eq!(rep.working_set().by_uuid(*u), Some(i + 1), "ID of {u}");
    }
    assert_eq!(rep.num_undo_points().unwrap(), 1, "one undo step");
    let ops = rep.num_local_operations().unwrap();

    let (_, s) = import_taskwarrior(&mut rep, tw, now()).unwrap();
    assert_eq!(s, summary(0, 0, 7));
    assert_eq!(
        rep.num_local_operations().unwrap(),
        ops,
        "nothing added twice"
    );
    assert_eq!(rep.num_undo_points().unwrap(), 1);

    assert_eq!(snapshot(tw), before, "the source folder is unchanged");
}

#[test]
fn the_current_layout_written_by_taskchampion_imports_exactly() {
    let tw = TempDir::new().unwrap();
    write_current_layout(tw.path(), &sample());
    assert!(!tw.path().join("taskchampion.sqlite3-wal").exists());
    import_twice(tw.path(), Layout::Current { major: 0, minor: 2 });
}

#[test]
fn the_older_layout_of_taskwarrior_3_1_imports_exactly_and_is_not_upgraded() {
    let tw = TempDir::new().unwrap();
    write_older_layout(tw.path(), &sample(), &ws_order());
    import_twice(tw.path(), Layout::Older);
    let conn = rusqlite::Connection::open(tw.path().join("taskchampion.sqlite3")).unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0);
}

#[test]
fn the_file_itself_may_be_named() {
    let tw = TempDir::new().unwrap();
    let file = write_older_layout(tw.path(), &sample(), &ws_order());
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("replica.redb")).unwrap();
    let (read, s) = import_taskwarrior(&mut rep, &file, now()).unwrap();
    assert_eq!((read.path, s), (file, summary(7, 0, 0)));
}

#[test]
fn a_changed_task_gets_updates_for_the_changed_properties_only() {
    let tw = TempDir::new().unwrap();
    let mut tasks = sample();
    write_older_layout(tw.path(), &tasks, &ws_order());
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("replica.redb")).unwrap();
    import_taskwarrior(&mut rep, tw.path(), now()).unwrap();
    let ops_before = rep.num_local_operations().unwrap();

    // In Taskwarrior: task 2 is done and loses its UDA; task 3 gets a project.
    let t2 = &mut tasks[1].1;
    t2.insert("status".into(), "completed".into());
    t2.insert("end".into(), "1715000000".into());
    t2.insert("modified".into(), "1715000000".into());
    t2.remove("estimate");
    tasks[2].1.insert("project".into(), "Admin".into());
    fs::remove_file(tw.path().join("taskchampion.sqlite3")).unwrap();
    write_older_layout(tw.path(), &tasks, &ws_order());

    let (_, s) = import_taskwarrior(&mut rep, tw.path(), now()).unwrap();
    assert_eq!(s, summary(0, 2, 5));
    assert_eq!(rep.num_local_operations().unwrap(), ops_before + 5);
    assert_eq!(rep.num_undo_points().unwrap(), 2);
    let got = tcui_tasks(&rep);
    assert_eq!(got, tasks.into_iter().collect());
    let changed: Vec<_> = rep
        .get_task_operations(uuid(2))
        .unwrap()
        .into_iter()
        .skip(1 + 6)
        .filter_map(|op| match op {
            tcui::task::Operation::Update {
                property, value, ..
            } => Some((property, value)),
            _ => None,
        })
        .collect();
    assert_eq!(
        changed,
        vec![
            ("end".to_string(), Some("1715000000".to_string())),
            ("modified".to_string(), Some("1715000000".to_string())),
            ("status".to_string(), Some("completed".to_string())),
            ("estimate".to_string(), None),
        ]
    );
}

#[test]
fn changes_still_in_the_write_ahead_log_are_read_and_left_alone() {
    let tw = TempDir::new().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let storage = rt
        .block_on(taskchampion::SqliteStorage::new(
            tw.path(),
            taskchampion::storage::AccessMode::ReadWrite,
            true,
        ))
        .unwrap();
    let mut held = taskchampion::Replica::new(storage);
    support::taskwarrior::fill(&rt, &mut held, &sample());
    let wal = tw.path().join("taskchampion.sqlite3-wal");
    assert!(
        wal.metadata().unwrap().len() > 0,
        "Taskwarrior still has it open"
    );
    let before = snapshot(tw.path());

    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("replica.redb")).unwrap();
    let (_, s) = import_taskwarrior(&mut rep, tw.path(), now()).unwrap();
    assert_eq!(s, summary(7, 0, 0));
    assert_eq!(tcui_tasks(&rep), expected());
    assert_eq!(snapshot(tw.path()), before);
    drop(held);
}

/// The import fails with the error `check` accepts, and the replica stays empty.
fn fails_with_nothing_written(path: &Path, check: impl Fn(&TaskwarriorError) -> bool) {
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("replica.redb")).unwrap();
    match import_taskwarrior(&mut rep, path, now()) {
        Err(TransferError::Taskwarrior(e)) => assert!(check(&e), "{e}"),
        other => panic!("expected a Taskwarrior error, got {other:?}"),
    }
    assert!(rep.all_task_uuids().unwrap().is_empty());
    assert_eq!(rep.num_local_operations().unwrap(), 0);
}

#[test]
fn a_truncated_file_fails_cleanly() {
    let tw = TempDir::new().unwrap();
    let many: Vec<(Uuid, Map)> = (0..400u32)
        .map(|i| {
            let mut m = sample()[0].1.clone();
            m.insert(
                "description".into(),
                format!("task {i} {}", "x".repeat(200)),
            );
            (Uuid::from_u128(i as u128 + 1), m)
        })
        .collect();
    let file = write_current_layout(tw.path(), &many);
    let bytes = fs::read(&file).unwrap();
    fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let before = snapshot(tw.path());
    fails_with_nothing_written(tw.path(), |e| {
        matches!(e, TaskwarriorError::Unreadable { .. })
            && e.to_string().contains("Nothing was imported")
    });
    assert_eq!(snapshot(tw.path()), before);
}

#[test]
fn foreign_files_are_refused_with_a_reason() {
    let tw = TempDir::new().unwrap();
    let file = tw.path().join("taskchampion.sqlite3");
    fs::write(&file, "this is not a database, just text\n".repeat(50)).unwrap();
    fails_with_nothing_written(tw.path(), |e| {
        matches!(e, TaskwarriorError::Unreadable { .. })
    });

    fs::remove_file(&file).unwrap();
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch("CREATE TABLE notes (id INTEGER, text STRING);")
        .unwrap();
    drop(conn);
    fails_with_nothing_written(tw.path(), |e| {
        e.to_string()
            .contains("not Taskwarrior 3's task database (it has no tasks or working_set or operations table)")
    });

    fs::remove_file(&file).unwrap();
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch(OLDER_SCHEMA).unwrap();
    conn.execute_batch(
        "CREATE TABLE version (singleton INTEGER PRIMARY KEY, major INTEGER, minor INTEGER);
         INSERT INTO version VALUES (0, 1, 0);",
    )
    .unwrap();
    drop(conn);
    fails_with_nothing_written(tw.path(), |e| {
        matches!(e, TaskwarriorError::TooNew { major: 1, .. })
    });

    fs::remove_file(&file).unwrap();
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch(OLDER_SCHEMA).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO tasks VALUES ('{}', '{{\"description\":\"ok\"}}');
         INSERT INTO tasks VALUES ('{}', '{{\"description\":7}}');",
        uuid(1),
        uuid(2)
    ))
    .unwrap();
    drop(conn);
    fails_with_nothing_written(tw.path(), |e| {
        matches!(e, TaskwarriorError::BadTask { .. })
            && e.to_string().contains(&uuid(2).to_string())
    });
}

#[test]
fn a_missing_file_or_taskwarrior_2_data_says_what_to_do() {
    let tw = TempDir::new().unwrap();
    fails_with_nothing_written(tw.path(), |e| {
        matches!(e, TaskwarriorError::Missing { .. }) && e.to_string().contains("data.location")
    });
    fs::write(tw.path().join("pending.data"), "[description:\"old\"]\n").unwrap();
    fails_with_nothing_written(tw.path(), |e| {
        e.to_string()
            .contains("run `task export > tasks.json`, then `tcui import tasks.json`")
    });
}
