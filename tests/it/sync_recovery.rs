//! Moving to a new, empty server brings every task there; a server that lost this replica's
//! history is reported and the replica can start over from the server's data; a server that
//! stops in the middle of a sync loses nothing.

use crate::support;
use crate::support::children::OpenInTurn;

use std::fs;

use support::http_server::{Fault, TestServer};
use support::peer::{Peer, tcui_add as add, tcui_tasks as tasks};
use tcui::replica::Replica;
use tcui::sync::{HttpServer, LocalServer, SyncError, Syncer, sync};
use tcui::task::Operation;
use tempfile::TempDir;
use uuid::Uuid;

const SECRET: &[u8] = b"another shared secret";

/// Set one property of a tcui task, as one undo step.
fn set(rep: &mut Replica, uuid: Uuid, property: &str, value: &str) {
    let mut task = rep.get_task_data(uuid).unwrap().unwrap();
    let mut ops = vec![Operation::UndoPoint];
    task.update(property, Some(value.into()), chrono::Utc::now(), &mut ops);
    rep.commit_operations(ops).unwrap();
}

#[test]
fn a_new_empty_http_server_gets_every_task() {
    let old = TestServer::start();
    let new = TestServer::start();
    let client = Uuid::new_v4();
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let first = add(&mut ours, "synced long ago");
    add(&mut ours, "also synced");
    sync(
        &mut ours,
        &mut HttpServer::new(&old.url(), client, SECRET).unwrap(),
        false,
    )
    .unwrap();
    // One change the old server never saw.
    set(&mut ours, first, "project", "moved");
    add(&mut ours, "not synced yet");

    let mut syncer = Syncer::new(false);
    let mut http = HttpServer::new(&new.url(), client, SECRET).unwrap();
    let report = syncer.sync(&mut ours, &mut http).unwrap();
    assert_eq!(report.seeded_tasks, Some(3));
    assert!(report.snapshot_sent);
    assert_eq!(ours.num_local_operations().unwrap(), 0);

    // A fresh taskchampion replica on the new server sees all of it.
    let mut peer = Peer::remote(&new.url(), client, SECRET);
    peer.sync();
    assert_eq!(peer.tasks(), tasks(&ours));
    assert_eq!(peer.tasks()[&first]["project"], "moved");

    // The next syncs are ordinary: nothing is sent twice, the peer's changes come back.
    let report = syncer.sync(&mut ours, &mut http).unwrap();
    assert_eq!((report.seeded_tasks, report.versions_pushed), (None, 0));
    peer.add("added on the new server");
    peer.sync();
    let fresh = Syncer::new(false)
        .sync(
            &mut ours,
            &mut HttpServer::new(&new.url(), client, SECRET).unwrap(),
        )
        .unwrap();
    assert_eq!((fresh.seeded_tasks, fresh.versions_pulled), (None, 1));
    assert_eq!(peer.tasks(), tasks(&ours));
}

#[test]
fn a_new_empty_folder_gets_every_task_as_versions_from_the_start() {
    let dir = TempDir::new().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    fs::create_dir(&old).unwrap();
    fs::create_dir(&new).unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    add(&mut ours, "one");
    add(&mut ours, "two");
    sync(&mut ours, &mut LocalServer::open(&old).unwrap(), false).unwrap();

    let report = sync(&mut ours, &mut LocalServer::open(&new).unwrap(), false).unwrap();
    assert_eq!(report.seeded_tasks, Some(2));
    // A folder has no snapshots: taskchampion reads the versions from the first one on.
    let mut peer = Peer::new(taskchampion::ServerConfig::Local { server_dir: new });
    peer.sync();
    assert_eq!(peer.tasks(), tasks(&ours));
}

#[test]
fn lost_history_is_reported_and_starting_over_takes_the_servers_data() {
    let srv = TestServer::start();
    let (mine, theirs) = (Uuid::new_v4(), Uuid::new_v4());
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    add(&mut ours, "known to the first history");
    sync(
        &mut ours,
        &mut HttpServer::new(&srv.url(), mine, SECRET).unwrap(),
        false,
    )
    .unwrap();
    // Another history, whose versions never include ours: as after a server reset.
    let mut peer = Peer::remote(&srv.url(), theirs, SECRET);
    peer.add("on the server now");
    peer.sync();
    add(&mut ours, "made after the reset");

    let mut http = HttpServer::new(&srv.url(), theirs, SECRET).unwrap();
    let mut syncer = Syncer::new(false);
    let err = syncer.sync(&mut ours, &mut http).unwrap_err();
    assert!(matches!(err, SyncError::Gone { .. }), "{err}");
    assert!(err.to_string().contains("no longer has version"), "{err}");
    assert_eq!(
        ours.num_local_operations().unwrap(),
        3,
        "nothing was dropped"
    );

    let report = syncer.start_over(&mut ours, &mut http).unwrap();
    assert!(report.started_from_snapshot);
    assert_eq!(tasks(&ours), peer.tasks());
    assert_eq!(ours.num_local_operations().unwrap(), 0);
    assert_eq!(ours.num_undo_points().unwrap(), 0);
    assert_eq!(ours.working_set().len(), 1);
    // And it is an ordinary member of that history now.
    let id = add(&mut ours, "after starting over");
    syncer.sync(&mut ours, &mut http).unwrap();
    peer.sync();
    assert!(peer.tasks().contains_key(&id));
}

#[test]
fn a_server_without_a_usable_start_is_not_started_over_from() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("f");
    fs::create_dir(&folder).unwrap();
    // A folder whose first version hangs off a version it does not have (as an older
    // taskchampion leaves it when it moves to an empty folder).
    let mut broken = LocalServer::open(&folder).unwrap();
    broken
        .add_version(Uuid::new_v4(), br#"{"operations":[]}"#)
        .unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let kept = add(&mut ours, "kept");
    let err = Syncer::new(false)
        .start_over(&mut ours, &mut broken)
        .unwrap_err();
    assert!(matches!(err, SyncError::NoStart), "{err}");
    assert!(ours.get_task_data(kept).unwrap().is_some());
    assert_eq!(ours.num_local_operations().unwrap(), 3);
}

#[test]
fn a_server_that_stops_mid_sync_loses_nothing() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let mut http = HttpServer::new(&srv.url(), client, SECRET).unwrap();
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    peer.add("theirs");
    peer.sync();
    add(&mut ours, "mine");

    // The pull goes through; the server is gone before the push.
    srv.fail_next([Fault::Pass, Fault::Pass, Fault::Stop]);
    let err = sync(&mut ours, &mut http, false).unwrap_err().to_string();
    assert!(err.contains("sync.server.url"), "{err}");
    assert_eq!(ours.num_local_operations().unwrap(), 3);
    let err = sync(&mut ours, &mut http, false).unwrap_err().to_string();
    assert!(err.contains("cannot be reached"), "{err}");

    srv.restart();
    sync(&mut ours, &mut http, false).unwrap();
    peer.sync();
    assert_eq!(tasks(&ours), peer.tasks());
    assert_eq!(ours.num_local_operations().unwrap(), 0);
}

#[test]
fn changes_from_elsewhere_and_lost_local_edits_are_reported() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("f");
    fs::create_dir(&folder).unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let shared = add(&mut ours, "shared task");
    let quiet = add(&mut ours, "nobody touches this");
    sync(&mut ours, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    let mut peer = Peer::new(taskchampion::ServerConfig::Local {
        server_dir: folder.clone(),
    });
    peer.sync();

    // Our edit first, theirs later: theirs wins the project; our description stays.
    set(&mut ours, shared, "project", "mine");
    set(&mut ours, shared, "description", "renamed here");
    std::thread::sleep(std::time::Duration::from_millis(5));
    peer.set(shared, "project", Some("theirs"));
    peer.sync();

    let report = sync(&mut ours, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    assert_eq!(report.changed, vec![shared]);
    let lost: Vec<(Uuid, String, Option<String>)> = report
        .lost
        .iter()
        .filter_map(|op| match op {
            tcui::sync::SyncOp::Update {
                uuid,
                property,
                value,
                ..
            } if property != "modified" => Some((*uuid, property.clone(), value.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        lost,
        vec![(shared, "project".to_string(), Some("mine".to_string()))]
    );
    let task = ours.get_task_data(shared).unwrap().unwrap();
    assert_eq!(task.get("project"), Some("theirs"));
    assert_eq!(task.get("description"), Some("renamed here"));
    assert!(!report.changed.contains(&quiet));
}

#[test]
fn starting_over_from_a_server_that_holds_nothing_is_refused() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("empty");
    fs::create_dir(&folder).unwrap();
    let srv = TestServer::start();
    srv.always(Some(Fault::Status(404)));
    let mut ours = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let kept = add(&mut ours, "kept");
    let before = tasks(&ours);
    let servers: Vec<Box<dyn tcui::sync::Server>> = vec![
        Box::new(LocalServer::open(&folder).unwrap()),
        Box::new(HttpServer::new(&srv.url(), Uuid::new_v4(), SECRET).unwrap()),
    ];
    for mut server in servers {
        let err = Syncer::new(false)
            .start_over(&mut ours, server.as_mut())
            .unwrap_err();
        assert!(matches!(err, SyncError::EmptyServer), "{err}");
        assert_eq!(tasks(&ours), before);
        assert!(ours.get_task_data(kept).unwrap().is_some());
        assert_eq!(ours.num_local_operations().unwrap(), 3);
    }
}

/// The `project` values in `lost`.
fn lost_projects(report: &tcui::sync::SyncReport) -> Vec<(Uuid, Option<String>)> {
    report
        .lost
        .iter()
        .filter_map(|op| match op {
            tcui::sync::SyncOp::Update {
                uuid,
                property,
                value,
                ..
            } if property == "project" => Some((*uuid, value.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn an_edit_already_sent_that_a_change_made_without_seeing_it_replaces_is_reported_lost() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("f");
    fs::create_dir(&folder).unwrap();
    let mut b = Replica::open_in_turn(dir.path().join("b.redb")).unwrap();
    let shared = add(&mut b, "shared task");
    sync(&mut b, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    let mut a = Peer::new(taskchampion::ServerConfig::Local {
        server_dir: folder.clone(),
    });
    a.sync();

    // B sets the project; A sets it too, later, before B's change reaches the folder.
    set(&mut b, shared, "project", "fromB");
    std::thread::sleep(std::time::Duration::from_millis(5));
    a.set(shared, "project", Some("fromA"));
    // B sends its change; A then syncs, and its later change wins there; B pulls it.
    let report = sync(&mut b, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    assert!(report.lost.is_empty(), "{report:?}");
    a.sync();
    let report = sync(&mut b, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    assert_eq!(report.changed, vec![shared]);
    assert_eq!(
        lost_projects(&report),
        vec![(shared, Some("fromB".to_string()))]
    );
    assert_eq!(
        b.get_task_data(shared).unwrap().unwrap().get("project"),
        Some("fromA")
    );
    // Reported once: the next sync has nothing to say.
    let report = sync(&mut b, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    assert!(report.lost.is_empty(), "{report:?}");

    // A change made elsewhere after B's value reached the folder saw it: no loss.
    set(&mut b, shared, "project", "again B");
    sync(&mut b, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    a.sync();
    a.set(shared, "project", Some("A, knowingly"));
    a.sync();
    let report = sync(&mut b, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    assert_eq!(report.changed, vec![shared]);
    assert!(report.lost.is_empty(), "{report:?}");
}

#[test]
fn only_the_latest_own_change_that_really_lost_is_reported() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("f");
    fs::create_dir(&folder).unwrap();
    let mut b = Replica::open_in_turn(dir.path().join("b.redb")).unwrap();
    let shared = add(&mut b, "shared task");
    sync(&mut b, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    let mut a = Peer::new(taskchampion::ServerConfig::Local {
        server_dir: folder.clone(),
    });
    a.sync();
    let pause = || std::thread::sleep(std::time::Duration::from_millis(5));

    // Two local values, then one from elsewhere that is later than both: only the second
    // local value is reported.
    set(&mut b, shared, "project", "first here");
    pause();
    set(&mut b, shared, "project", "second here");
    pause();
    a.set(shared, "project", Some("there"));
    a.sync();
    let report = sync(&mut b, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    assert_eq!(
        lost_projects(&report),
        vec![(shared, Some("second here".to_string()))]
    );

    // One local value, one from elsewhere, then a later local value: the one from elsewhere
    // loses in the end, so nothing of this replica's was lost.
    a.sync();
    set(&mut b, shared, "project", "before theirs");
    pause();
    a.set(shared, "project", Some("theirs"));
    pause();
    set(&mut b, shared, "project", "after theirs");
    a.sync();
    let report = sync(&mut b, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    assert!(lost_projects(&report).is_empty(), "{report:?}");
    assert_eq!(
        b.get_task_data(shared).unwrap().unwrap().get("project"),
        Some("after theirs")
    );
}
