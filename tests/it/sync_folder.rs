//! tcui and the real `taskchampion` crate syncing through one shared folder: each sees the
//! other's changes, and concurrent edits end the same on both.

use crate::support;
use crate::support::children::OpenInTurn;

use chrono::{DateTime, Utc};
use support::peer::{Peer, tcui_tasks as tasks};
use tcui::replica::Replica;
use tcui::sync::{LocalServer, sync};
use tcui::task::{Operation, TaskData};
use tempfile::TempDir;
use uuid::Uuid;

fn set(rep: &mut Replica, uuid: Uuid, prop: &str, value: Option<&str>, at: DateTime<Utc>) {
    let mut ops = vec![Operation::UndoPoint];
    let mut t = match rep.get_task_data(uuid).unwrap() {
        Some(t) => t,
        None => TaskData::create(uuid, &mut ops),
    };
    t.update(prop, value.map(str::to_owned), at, &mut ops);
    rep.commit_operations(ops).unwrap();
}

fn now() -> DateTime<Utc> {
    Utc::now()
}

#[test]
fn changes_travel_both_ways_and_conflicts_settle_alike() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("sync");
    std::fs::create_dir(&folder).unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("tcui.redb")).unwrap();
    let mut server = LocalServer::open(&folder).unwrap();
    let mut peer = Peer::new(taskchampion::ServerConfig::Local {
        server_dir: folder.clone(),
    });

    // tcui pushes, taskchampion pulls.
    let a = Uuid::new_v4();
    set(&mut ours, a, "status", Some("pending"), now());
    set(&mut ours, a, "description", Some("from tcui"), now());
    let report = sync(&mut ours, &mut server, false).unwrap();
    assert_eq!(report.versions_pushed, 1);
    assert_eq!(report.operations_pushed, 3);
    assert_eq!(ours.num_local_operations().unwrap(), 0);
    peer.sync();
    assert_eq!(peer.tasks(), tasks(&ours));

    // taskchampion pushes, tcui pulls.
    let b = Uuid::new_v4();
    peer.set(b, "status", Some("pending"));
    peer.set(b, "description", Some("from taskchampion"));
    peer.set(a, "project", Some("shared"));
    peer.sync();
    let report = sync(&mut ours, &mut server, false).unwrap();
    assert_eq!(
        report.versions_pulled, 1,
        "one sync of the peer is one version"
    );
    assert_eq!(report.operations_pulled, 4);
    assert_eq!(tasks(&ours), peer.tasks());
    assert!(
        ours.working_set().by_uuid(b).is_some(),
        "a pulled pending task gets an ID"
    );

    // Both change the same property and delete against update: everyone ends alike.
    set(
        &mut ours,
        a,
        "description",
        Some("tcui's word, later"),
        now() + chrono::Duration::seconds(30),
    );
    peer.set(a, "description", Some("taskchampion's word"));
    peer.set(b, "priority", Some("H"));
    let mut ops = vec![Operation::UndoPoint];
    ours.get_task_data(b).unwrap().unwrap().delete(&mut ops);
    ours.commit_operations(ops).unwrap();
    peer.sync();
    sync(&mut ours, &mut server, false).unwrap();
    peer.sync();
    assert_eq!(tasks(&ours), peer.tasks());
    assert_eq!(tasks(&ours)[&a]["description"], "tcui's word, later");
    assert!(
        !tasks(&ours).contains_key(&b),
        "the delete wins over the update"
    );
}

#[test]
fn a_missing_folder_fails_cleanly_and_keeps_local_changes() {
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("tcui.redb")).unwrap();
    set(&mut ours, Uuid::new_v4(), "status", Some("pending"), now());
    let err = LocalServer::open(&dir.path().join("nope")).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(ours.num_local_operations().unwrap(), 2);
}
