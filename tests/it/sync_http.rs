//! tcui against a real taskchampion-sync-server (its core, on 127.0.0.1) with the real
//! `taskchampion` crate as the other replica: both directions, snapshots, a wrong secret,
//! and a server that fails, answers garbage or hangs up.

use crate::support;
use crate::support::children::OpenInTurn;

use support::http_server::{Fault, TestServer};
use support::peer::{Peer, tcui_add as add, tcui_tasks as tasks};
use tcui::replica::Replica;
use tcui::sync::{Cryptor, HttpServer, sync};
use tempfile::TempDir;
use uuid::Uuid;

const SECRET: &[u8] = b"a shared secret";

#[test]
fn both_directions_through_an_http_server_with_snapshots() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("a.redb")).unwrap();
    let mut http = HttpServer::new(&srv.url(), client, SECRET).unwrap();

    add(&mut ours, "written by tcui");
    let report = sync(&mut ours, &mut http, false).unwrap();
    assert_eq!(report.versions_pushed, 1);
    assert!(
        report.snapshot_sent,
        "a server without a snapshot asks for one at once"
    );
    // The shape of the exchange, version ids left out.
    let seen: Vec<String> = srv
        .requests
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.split('/').take(4).collect::<Vec<_>>().join("/"))
        .collect();
    assert_eq!(
        seen,
        [
            "GET /v1/client/get-child-version",
            "POST /v1/client/add-version",
            "GET /v1/client/get-child-version",
            "POST /v1/client/add-snapshot",
        ]
    );

    // A fresh taskchampion replica starts from tcui's snapshot.
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    peer.sync();
    assert_eq!(peer.tasks(), tasks(&ours));

    // taskchampion pushes; tcui pulls.
    peer.add("written by taskchampion");
    peer.sync();
    let report = sync(&mut ours, &mut http, false).unwrap();
    assert_eq!(report.versions_pulled, 1);
    assert_eq!(tasks(&ours), peer.tasks());

    // A fresh tcui replica starts from the snapshot, then pulls the rest.
    let mut fresh = Replica::open_in_turn(dir.path().join("b.redb")).unwrap();
    let mut http2 =
        HttpServer::with_cryptor(&srv.url(), client, Cryptor::new(client.as_bytes(), SECRET))
            .unwrap();
    let report = sync(&mut fresh, &mut http2, false).unwrap();
    assert!(report.started_from_snapshot);
    assert_eq!(tasks(&fresh), peer.tasks());
    // Each task it now has is reported once, as come from elsewhere, so an interface shows it.
    let mut changed = report.changed.clone();
    changed.sort();
    assert_eq!(changed, peer.tasks().into_keys().collect::<Vec<_>>());
    assert_eq!(fresh.working_set().len(), 2);
}

#[test]
fn a_wrong_secret_is_named_and_changes_stay() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    peer.add("sealed with the right secret");
    peer.sync();

    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("a.redb")).unwrap();
    add(&mut ours, "mine");
    let mut wrong = HttpServer::new(&srv.url(), client, b"not the secret").unwrap();
    let err = sync(&mut ours, &mut wrong, false).unwrap_err().to_string();
    assert!(err.contains("sync.encryption_secret"), "{err}");
    assert_eq!(ours.num_local_operations().unwrap(), 3);

    let mut right = HttpServer::new(&srv.url(), client, SECRET).unwrap();
    sync(&mut ours, &mut right, false).unwrap();
    peer.sync();
    assert_eq!(tasks(&ours), peer.tasks());
}

#[test]
fn faults_lose_nothing_and_the_next_sync_converges() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("a.redb")).unwrap();
    let mut http = HttpServer::new(&srv.url(), client, SECRET).unwrap();
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    peer.add("theirs");
    peer.sync();

    for (fault, words) in [
        (Fault::Status(500), "answered 500"),
        (Fault::Status(403), "client id"),
        (Fault::Garbage, "cannot be opened"),
        (Fault::Hangup, "failed"),
    ] {
        add(&mut ours, &format!("before {fault:?}"));
        let before = ours.num_local_operations().unwrap();
        srv.fail_next([fault.clone()]);
        let err = sync(&mut ours, &mut http, false).unwrap_err().to_string();
        assert!(err.contains(words), "{fault:?}: {err}");
        assert_eq!(
            ours.num_local_operations().unwrap(),
            before,
            "{fault:?} lost local changes"
        );
    }
    // A push accepted by the server but a failure right after: the next sync still converges.
    add(&mut ours, "pushed, then the server failed");
    srv.fail_next([Fault::Pass, Fault::Pass, Fault::Status(500)]);
    assert!(sync(&mut ours, &mut http, false).is_err());
    sync(&mut ours, &mut http, false).unwrap();
    peer.sync();
    assert_eq!(tasks(&ours), peer.tasks());
    assert_eq!(ours.num_local_operations().unwrap(), 0);
}

#[test]
fn a_server_that_keeps_refusing_or_breaks_off_is_reported() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("a.redb")).unwrap();
    let mut http = HttpServer::new(&srv.url(), client, SECRET).unwrap();
    add(&mut ours, "mine");

    // Asks for a parent, then refuses it again: divergence, not an endless loop.
    let other = Uuid::new_v4();
    srv.fail_next([
        Fault::Pass,
        Fault::Conflict(other),
        Fault::Pass,
        Fault::Conflict(other),
    ]);
    let err = sync(&mut ours, &mut http, false).unwrap_err().to_string();
    assert!(err.contains("out of step"), "{err}");
    assert_eq!(ours.num_local_operations().unwrap(), 3);

    // A body cut short.
    srv.fail_next([Fault::Truncated]);
    let err = sync(&mut ours, &mut http, false).unwrap_err().to_string();
    assert!(err.contains("broke off"), "{err}");
    assert_eq!(ours.num_local_operations().unwrap(), 3);

    // With the server behaving again, the change goes through.
    sync(&mut ours, &mut http, false).unwrap();
    assert_eq!(ours.num_local_operations().unwrap(), 0);
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    peer.sync();
    assert_eq!(peer.tasks(), tasks(&ours));
}
