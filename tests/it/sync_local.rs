//! A sync folder shared with the real `taskchampion` crate: what it pushes tcui reads, and
//! what tcui adds it pulls, through the very SQLite file Taskwarrior uses.

use crate::support;

use chrono::{DateTime, Utc};
use support::peer::Peer;
use tcui::sync::{AddVersionResult, GetVersionResult, HistorySegment, LocalServer, SyncOp};
use tcui::task::{Operations, TaskData};
use tempfile::TempDir;
use uuid::Uuid;

/// A taskchampion replica on the folder, as Taskwarrior with `sync.local.server_dir`.
fn peer(dir: &std::path::Path) -> Peer {
    Peer::new(taskchampion::ServerConfig::Local {
        server_dir: dir.to_path_buf(),
    })
}

#[test]
fn tcui_reads_what_taskchampion_pushed() {
    let dir = TempDir::new().unwrap();
    let mut peer = peer(dir.path());
    let uuid = peer.add("from taskchampion");
    peer.sync();

    let mut ours = LocalServer::open(dir.path()).unwrap();
    let GetVersionResult::Version {
        history_segment, ..
    } = ours.get_child_version(Uuid::nil()).unwrap()
    else {
        panic!("taskchampion's version is missing");
    };
    let segment = HistorySegment::from_json(&history_segment).unwrap();
    assert_eq!(segment.operations[0], SyncOp::Create { uuid });
    let description = segment.operations.iter().find_map(|op| match op {
        SyncOp::Update {
            property, value, ..
        } if property == "description" => value.clone(),
        _ => None,
    });
    assert_eq!(description.as_deref(), Some("from taskchampion"));
}

#[test]
fn taskchampion_pulls_what_tcui_added() {
    let dir = TempDir::new().unwrap();
    let uuid = Uuid::new_v4();
    let ts: DateTime<Utc> = DateTime::from_timestamp(1_800_000_000, 123_456_789).unwrap();
    let mut ops = Operations::new();
    let mut t = TaskData::create(uuid, &mut ops);
    t.update("status", Some("pending".into()), ts, &mut ops);
    t.update("description", Some("from tcui".into()), ts, &mut ops);
    t.update("tag_home", Some("x".into()), ts, &mut ops);
    let segment = HistorySegment {
        operations: ops.iter().filter_map(SyncOp::from_operation).collect(),
    };
    let mut ours = LocalServer::open(dir.path()).unwrap();
    let (AddVersionResult::Ok(_), _) = ours.add_version(Uuid::nil(), &segment.to_json()).unwrap()
    else {
        panic!("the empty folder refused the first version");
    };

    let mut peer = peer(dir.path());
    peer.sync();
    let theirs = peer.tasks().remove(&uuid).unwrap();
    assert_eq!(theirs, t.to_map());
}

#[test]
fn a_sync_file_that_cannot_be_used_says_to_check_the_folder() {
    let dir = TempDir::new().unwrap();
    // Where the SQLite file should be there is a folder: it cannot be opened or written.
    std::fs::create_dir(dir.path().join(tcui::sync::local::FILE_NAME)).unwrap();
    let err = LocalServer::open(dir.path()).unwrap_err().to_string();
    assert!(err.contains("cannot use the sync file"), "{err}");
    assert!(err.contains("Check that the folder is writable"), "{err}");
}

#[test]
fn a_remembering_sync_tells_how_each_changed_task_was_before_it() {
    use support::children::OpenInTurn;
    use tcui::replica::Replica;
    use tcui::sync::Syncer;
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let mut peer = peer(&folder);
    let old = peer.add("there from the start");
    peer.sync();
    let mut ours = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let mut server = LocalServer::open(&folder).unwrap();
    let mut syncer = Syncer::new(false).remembering();
    // The sync that fills an empty replica brings history, not news.
    let report = syncer.sync(&mut ours, &mut server).unwrap();
    assert_eq!(report.changed, vec![old]);
    assert!(report.before.is_empty(), "{:?}", report.before);

    let new = peer.add("added elsewhere");
    peer.set(old, "project", Some("home"));
    peer.sync();
    let report = syncer.sync(&mut ours, &mut server).unwrap();
    assert_eq!(report.changed, vec![new, old]);
    let before: std::collections::HashMap<_, _> = report.before.into_iter().collect();
    assert_eq!(before.len(), 2);
    assert_eq!(before[&new], None, "new: it was not there");
    let old_before = before[&old].as_ref().expect("it was there");
    assert_eq!(
        old_before.get("description").map(String::as_str),
        Some("there from the start")
    );
    assert_eq!(old_before.get("project"), None, "as it was, not as it is");
    let now = ours.get_task_data(old).unwrap().unwrap().to_map();
    assert_eq!(now.get("project").map(String::as_str), Some("home"));

    // A syncer not asked for it tells nothing.
    peer.set(old, "project", Some("work"));
    peer.sync();
    let report = Syncer::new(false).sync(&mut ours, &mut server).unwrap();
    assert_eq!(report.changed, vec![old]);
    assert!(report.before.is_empty());
}
