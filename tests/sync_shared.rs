//! A replica shared between threads (as the interface and its background sync share one)
//! is locked only for each step of a sync, never while the server is being asked.

mod support;

use std::sync::Mutex;

use support::peer::{tcui_add, tcui_tasks};
use tcui::replica::Replica;
use tcui::sync::{
    AddVersionResult, GetVersionResult, LocalServer, Server, ServerError, SnapshotUrgency, Syncer,
};
use tempfile::TempDir;
use uuid::Uuid;

/// A folder server that, at every request, checks whether the replica is free, and can
/// commit to it in the middle of a sync (as a user typing would).
struct Watching<'a> {
    inner: LocalServer,
    replica: &'a Mutex<Replica>,
    requests: usize,
    locked_during_request: usize,
    edit_at_request: Option<usize>,
}

impl Watching<'_> {
    fn look(&mut self) {
        self.requests += 1;
        match self.replica.try_lock() {
            Ok(mut r) => {
                if self.edit_at_request == Some(self.requests) {
                    tcui_add(&mut r, "typed while syncing");
                }
            }
            Err(_) => self.locked_during_request += 1,
        }
    }
}

impl Server for Watching<'_> {
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
    let shared = Mutex::new(Replica::open(dir.path().join("r.redb")).unwrap());
    tcui_add(&mut shared.lock().unwrap(), "before the sync");
    let mut server = Watching {
        inner: LocalServer::open(&folder).unwrap(),
        replica: &shared,
        requests: 0,
        locked_during_request: 0,
        // The second request is the push: an edit lands between pull and finish.
        edit_at_request: Some(2),
    };
    let mut target = &shared;
    Syncer::new(false).sync(&mut target, &mut server).unwrap();
    assert!(server.requests >= 3, "{}", server.requests);
    assert_eq!(server.locked_during_request, 0);
    // The edit made mid-sync made the sync start over; both tasks reached the folder.
    let mut fresh = Replica::open(dir.path().join("fresh.redb")).unwrap();
    tcui::sync::sync(&mut fresh, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    assert_eq!(tcui_tasks(&fresh), tcui_tasks(&shared.lock().unwrap()));
    assert_eq!(tcui_tasks(&fresh).len(), 2);
}
