//! Snapshots through a real taskchampion-sync-server (its core, on 127.0.0.1): the server
//! asks for one when it holds none, and again once 100 versions follow the last; tcui sends
//! it, and a fresh replica, tcui's or taskchampion's, starts from it instead of replaying
//! the history. (A shared folder keeps no snapshots, so it never asks.)

use crate::support;
use crate::support::children::OpenInTurn;

use support::http_server::TestServer;
use support::peer::{Peer, tcui_add as add, tcui_tasks as tasks};
use tcui::replica::Replica;
use tcui::sync::{HttpServer, sync};
use tempfile::TempDir;
use uuid::Uuid;

const SECRET: &[u8] = b"a shared secret";

/// The requests the server has had since the first `from`, without version ids.
fn requests_since(srv: &TestServer, from: usize) -> Vec<String> {
    srv.requests.lock().unwrap()[from..]
        .iter()
        .map(|r| r.split('/').take(4).collect::<Vec<_>>().join("/"))
        .collect()
}

#[test]
fn a_snapshot_goes_up_after_100_versions_and_a_fresh_replica_starts_from_it() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("a.redb")).unwrap();
    let mut http = HttpServer::new(&srv.url(), client, SECRET).unwrap();
    add(&mut ours, "task 0");
    let report = sync(&mut ours, &mut http, false).unwrap();
    assert!(
        report.snapshot_sent,
        "a server with no snapshot asks at once"
    );

    // One version per sync. The server counts the versions after its snapshot and asks for
    // a new one (urgency low) with the next version once there are 100.
    let mut sent_with = Vec::new();
    for n in 1..=101 {
        add(&mut ours, &format!("task {n}"));
        let report = sync(&mut ours, &mut http, false).unwrap();
        assert_eq!(report.versions_pushed, 1);
        assert_eq!(report.snapshot_error, None);
        if report.snapshot_sent {
            sent_with.push(n);
        }
    }
    assert_eq!(
        sent_with,
        [101],
        "versions after the first that sent a snapshot"
    );
    let snapshots = requests_since(&srv, 0)
        .iter()
        .filter(|r| *r == "POST /v1/client/add-snapshot")
        .count();
    assert_eq!(snapshots, 2);

    // A fresh tcui replica starts from the new snapshot, with no version after it to pull.
    let mut fresh = Replica::open_in_turn(dir.path().join("b.redb")).unwrap();
    let mut http2 = HttpServer::new(&srv.url(), client, SECRET).unwrap();
    let report = sync(&mut fresh, &mut http2, false).unwrap();
    assert!(report.started_from_snapshot);
    assert_eq!(report.versions_pulled, 0);
    assert_eq!(tasks(&fresh), tasks(&ours));
    assert_eq!(fresh.working_set().len(), 102);

    // So does taskchampion, from the snapshot tcui made: it asks for the snapshot and then
    // for the version after it, which there is not.
    let before = srv.requests.lock().unwrap().len();
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    peer.sync();
    assert_eq!(
        requests_since(&srv, before),
        [
            "GET /v1/client/snapshot",
            "GET /v1/client/get-child-version"
        ]
    );
    assert_eq!(peer.tasks(), tasks(&ours));
}
