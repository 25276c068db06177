//! The replica's owner (as the interface and its background sync share it) carries out each
//! step of a sync on its own, and is free while the server is being asked.

use crate::support;
use crate::support::children::OpenInTurn;

use std::sync::mpsc;
use std::time::Duration;

use support::peer::{tcui_add, tcui_tasks};
use tcui::app::{Actor, Owner, ReplicaClient};
use tcui::replica::Replica;
use tcui::sync::{
    AddVersionResult, GetVersionResult, LocalServer, Server, ServerError, SnapshotUrgency, Syncer,
};
use tempfile::TempDir;
use uuid::Uuid;

/// A folder server that, at every request, checks whether the replica's owner answers, and
/// can commit to the replica in the middle of a sync (as a user typing would).
struct Watching {
    inner: LocalServer,
    replica: ReplicaClient,
    requests: usize,
    busy_during_request: usize,
    edit_at_request: Option<usize>,
}

impl Watching {
    fn look(&mut self) {
        self.requests += 1;
        let edit = self.edit_at_request == Some(self.requests);
        let (done, answered) = mpsc::channel();
        let replica = self.replica.clone();
        std::thread::spawn(move || {
            let _ = done.send(replica.ask(move |o| {
                if edit {
                    tcui_add(o.replica_mut(), "typed while syncing");
                }
            }));
        });
        match answered.recv_timeout(Duration::from_secs(20)) {
            Ok(answer) => answer.unwrap(),
            Err(_) => self.busy_during_request += 1,
        }
    }
}

/// The replica on its owner's thread.
fn owned(replica: Replica) -> ReplicaClient {
    Actor::spawn(Owner::new(replica), |_| {}).client()
}

/// Run `f` on the owner's thread.
fn with<T: Send + 'static>(
    replica: &ReplicaClient,
    f: impl FnOnce(&mut Replica) -> T + Send + 'static,
) -> T {
    replica.ask(move |o| f(o.replica_mut())).unwrap()
}

impl Server for Watching {
    fn add_version(
        &mut self,
        parent: Uuid,
        segment: Vec<u8>,
    ) -> Result<(AddVersionResult, SnapshotUrgency), ServerError> {
        self.look();
        Server::add_version(&mut self.inner, parent, segment)
    }

    fn get_child_version(&mut self, parent: Uuid) -> Result<GetVersionResult, ServerError> {
        self.look();
        Server::get_child_version(&mut self.inner, parent)
    }

    fn add_snapshot(&mut self, version: Uuid, snapshot: Vec<u8>) -> Result<(), ServerError> {
        self.look();
        Server::add_snapshot(&mut self.inner, version, snapshot)
    }

    fn get_snapshot(&mut self) -> Result<Option<(Uuid, Vec<u8>)>, ServerError> {
        self.look();
        Server::get_snapshot(&mut self.inner)
    }
}

#[test]
fn a_shared_replica_is_free_while_the_server_is_asked_and_edits_meanwhile_are_kept() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("f");
    std::fs::create_dir(&folder).unwrap();
    let mut replica = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    tcui_add(&mut replica, "before the sync");
    let shared = owned(replica);
    let mut server = Watching {
        inner: LocalServer::open(&folder).unwrap(),
        replica: shared.clone(),
        requests: 0,
        busy_during_request: 0,
        // The second request is the push: an edit lands between pull and finish.
        edit_at_request: Some(2),
    };
    let mut target = shared.clone();
    Syncer::new(false).sync(&mut target, &mut server).unwrap();
    assert!(server.requests >= 3, "{}", server.requests);
    assert_eq!(server.busy_during_request, 0);
    // The edit made mid-sync made the sync start over; both tasks reached the folder.
    let mut fresh = Replica::open_in_turn(dir.path().join("fresh.redb")).unwrap();
    tcui::sync::sync(&mut fresh, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    assert_eq!(tcui_tasks(&fresh), with(&shared, |r| tcui_tasks(r)));
    assert_eq!(tcui_tasks(&fresh).len(), 2);
}

#[test]
fn a_sync_with_nothing_to_pull_or_push_writes_nothing_to_a_shared_replica() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("f");
    std::fs::create_dir(&folder).unwrap();
    let path = dir.path().join("r.redb");
    let mut replica = Replica::open_in_turn(&path).unwrap();
    tcui_add(&mut replica, "synced once");
    let shared = owned(replica);
    let mut server = LocalServer::open(&folder).unwrap();
    let mut syncer = Syncer::new(false);
    let mut target = shared.clone();
    syncer.sync(&mut target, &mut server).unwrap();

    let writes = with(&shared, |r| r.writes());
    let bytes = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    for _ in 0..3 {
        let report = syncer.sync(&mut target, &mut server).unwrap();
        assert_eq!(
            (report.versions_pulled, report.versions_pushed),
            (0, 0),
            "{report:?}"
        );
    }
    // A new syncer (as after reconnecting) checks the server afresh, and still writes nothing.
    Syncer::new(false).sync(&mut target, &mut server).unwrap();
    assert_eq!(with(&shared, |r| r.writes()), writes);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}
