//! The interface's background sync task on its own: against a real sync server on 127.0.0.1,
//! it starts a new replica from the server's snapshot and hands every task to the interface,
//! retries by itself after failures until the server is back, and stays quiet when sync is
//! not configured.

use crate::support;
use crate::support::children::OpenInTurn;

use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use support::http_server::{Fault, TestServer};
use support::peer::Peer;
use tcui::app::sync_task::{self, ConnectError, SyncEvent, SyncRequest, SyncTimes};
use tcui::app::{Actor, Owner};
use tcui::replica::Replica;
use tcui::sync::{Cryptor, HttpOptions, HttpServer, Server};
use tempfile::TempDir;
use uuid::Uuid;

const SECRET: &[u8] = b"service secret";

fn times() -> SyncTimes {
    SyncTimes {
        interval: Duration::from_secs(3600),
        after_edit: Duration::from_millis(50),
        backoff: Duration::from_millis(100),
        cap: Duration::from_millis(200),
        poll: Duration::from_secs(3600),
    }
}

fn connect_to(url: String, client: Uuid) -> sync_task::Connect {
    Box::new(move || {
        HttpServer::new(&url, client, SECRET)
            .map(|s| Box::new(s) as Box<dyn Server + Send>)
            .map_err(|e| ConnectError::Failed(e.to_string()))
    })
}

/// The sync task on `replica` (reached through its owner, as in the interface), and its events.
fn start(
    replica: Replica,
    connect: sync_task::Connect,
) -> (sync_task::SyncHandle, Receiver<SyncEvent>) {
    // The owner's thread lasts as long as the sync task can reach it.
    let owner = Actor::spawn(Owner::new(replica), |_| {});
    let (tx, events) = mpsc::channel();
    let handle = sync_task::spawn(owner.client(), connect, times(), None, tx, |e| e);
    (handle, events)
}

/// The next event that `pick` accepts, within 30 s; others are skipped.
fn next<T>(events: &Receiver<SyncEvent>, pick: impl Fn(SyncEvent) -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(e) => {
                if let Some(t) = pick(e) {
                    return t;
                }
            }
            Err(e) => panic!("no such sync event: {e}"),
        }
    }
}

#[test]
fn a_new_replica_starts_from_the_snapshot_and_gets_every_task() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    for d in ["one", "two", "three"] {
        peer.add(d);
    }
    peer.sync();
    let dir = TempDir::new().unwrap();
    let replica = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let (handle, events) = start(replica, connect_to(srv.url(), client));
    let (report, tasks, unsynced) = next(&events, |e| match e {
        SyncEvent::Finished { report, delta, .. } => Some((report, delta.tasks, delta.unsynced)),
        SyncEvent::Failed { error, .. } => panic!("{error}"),
        _ => None,
    });
    assert!(report.started_from_snapshot);
    assert_eq!(tasks.len(), 3, "every task reaches the interface");
    assert_eq!(unsynced, 0);
    handle.requests.send(SyncRequest::Quit).unwrap();
    next(&events, |e| matches!(e, SyncEvent::Stopped).then_some(()));
    handle.thread.join().unwrap();
}

#[test]
fn failures_are_retried_by_themselves_until_the_server_is_back() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let dir = TempDir::new().unwrap();
    let mut replica = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    support::peer::tcui_add(&mut replica, "made while the server was down");
    // Down before the first sync.
    srv.stop();
    let (handle, events) = start(replica, connect_to(srv.url(), client));
    let (error, retry_in, unsynced) = next(&events, |e| match e {
        SyncEvent::Failed {
            error,
            retry_in,
            unsynced,
        } => Some((error, retry_in, unsynced)),
        _ => None,
    });
    assert!(error.contains("cannot be reached"), "{error}");
    assert!(retry_in <= Duration::from_millis(200), "{retry_in:?}");
    assert_eq!(unsynced, 3);
    // A second failure, then the server returns: the next retry goes through unasked.
    next(&events, |e| {
        matches!(e, SyncEvent::Failed { .. }).then_some(())
    });
    srv.restart();
    let unsynced = next(&events, |e| match e {
        SyncEvent::Finished { delta, .. } => Some(delta.unsynced),
        _ => None,
    });
    assert_eq!(unsynced, 0);
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    peer.sync();
    assert_eq!(peer.tasks().len(), 1);
    handle.requests.send(SyncRequest::Quit).unwrap();
    handle.thread.join().unwrap();
}

#[test]
fn without_sync_configured_nothing_runs_until_asked() {
    let dir = TempDir::new().unwrap();
    let replica = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let tries = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = tries.clone();
    let connect: sync_task::Connect = Box::new(move || {
        counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Err(ConnectError::NotConfigured("set it up".into()))
    });
    let (handle, events) = start(replica, connect);
    let why = next(&events, |e| match e {
        SyncEvent::NotConfigured(why) => Some(why),
        _ => None,
    });
    assert_eq!(why, "set it up");
    // Edits and time pass: no new attempt.
    handle.requests.send(SyncRequest::Edited).unwrap();
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(tries.load(std::sync::atomic::Ordering::Relaxed), 1);
    // Asked for, it looks again.
    handle.requests.send(SyncRequest::Now).unwrap();
    next(&events, |e| {
        matches!(e, SyncEvent::NotConfigured(_)).then_some(())
    });
    assert_eq!(tries.load(std::sync::atomic::Ordering::Relaxed), 2);
    handle.requests.send(SyncRequest::Quit).unwrap();
    next(&events, |e| matches!(e, SyncEvent::Stopped).then_some(()));
}

#[test]
fn a_hostile_server_never_holds_the_background_sync() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let dir = TempDir::new().unwrap();
    let mut replica = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    support::peer::tcui_add(&mut replica, "synced");
    tcui::sync::sync(
        &mut replica,
        &mut HttpServer::new(&srv.url(), client, SECRET).unwrap(),
        false,
    )
    .unwrap();
    // Three more versions from elsewhere; the server then names the third as the first.
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    let mut watcher = Replica::open_in_turn(dir.path().join("w.redb")).unwrap();
    let mut ids = Vec::new();
    for n in 0..3 {
        peer.add(&format!("version {n}"));
        peer.sync();
        tcui::sync::sync(
            &mut watcher,
            &mut HttpServer::new(&srv.url(), client, SECRET).unwrap(),
            false,
        )
        .unwrap();
        ids.push(watcher.base_version().unwrap());
    }
    srv.always(Some(Fault::Cycle {
        at: ids[1],
        claim: ids[0],
    }));
    let url = srv.url();
    let connect: sync_task::Connect = Box::new(move || {
        let options = HttpOptions {
            deadline: Duration::from_secs(2),
            ..HttpOptions::default()
        };
        HttpServer::with_options(
            &url,
            client,
            Cryptor::cached(client.as_bytes(), SECRET),
            options,
        )
        .map(|s| Box::new(s) as Box<dyn Server + Send>)
        .map_err(|e| ConnectError::Failed(e.to_string()))
    });
    let (handle, events) = start(replica, connect);
    let error = next(&events, |e| match e {
        SyncEvent::Failed { error, .. } => Some(error),
        SyncEvent::Finished { .. } => panic!("synced with a circular history"),
        _ => None,
    });
    assert!(error.contains("leads in a circle"), "{error}");
    // An answer dripped a byte at a time ends at the deadline, and is retried.
    srv.always(Some(Fault::Drip {
        every: Duration::from_millis(300),
    }));
    next(&events, |e| match e {
        SyncEvent::Failed { error, .. } => error.contains("within 2 s").then_some(()),
        _ => None,
    });
    srv.always(None);
    let (report, unsynced) = next(&events, |e| match e {
        SyncEvent::Finished { report, delta, .. } => Some((report, delta.unsynced)),
        _ => None,
    });
    assert_eq!(report.versions_pulled, 3);
    assert_eq!(unsynced, 0);
    handle.requests.send(SyncRequest::Quit).unwrap();
    handle.thread.join().unwrap();
}

/// Polled over HTTP with nothing new, again and again, the background sync writes nothing to
/// the replica: no write transaction, the file unchanged.
#[test]
fn idle_polls_write_nothing_to_the_replica() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("r.redb");
    let mut replica = Replica::open_in_turn(&path).unwrap();
    support::peer::tcui_add(&mut replica, "synced once");
    let owner = Actor::spawn(Owner::new(replica), |_| {});
    let (tx, events) = mpsc::channel();
    let times = SyncTimes {
        poll: Duration::from_millis(20),
        ..times()
    };
    let handle = sync_task::spawn(
        owner.client(),
        connect_to(srv.url(), client),
        times,
        None,
        tx,
        |e| e,
    );
    let finished = |events: &Receiver<SyncEvent>| {
        next(events, |e| match e {
            SyncEvent::Finished { report, .. } => Some(report),
            SyncEvent::Failed { error, .. } => panic!("{error}"),
            _ => None,
        })
    };
    let first = finished(&events);
    assert_eq!(first.versions_pushed, 1, "{first:?}");
    let writes = owner.client().ask(|o| o.replica().writes()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    for _ in 0..4 {
        let report = finished(&events);
        assert_eq!((report.versions_pulled, report.versions_pushed), (0, 0));
    }
    assert_eq!(
        owner.client().ask(|o| o.replica().writes()).unwrap(),
        writes
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    handle.requests.send(SyncRequest::Quit).unwrap();
    next(&events, |e| matches!(e, SyncEvent::Stopped).then_some(()));
}

/// A folder server that says it is outdated once `stale` is set.
struct Flagged {
    inner: tcui::sync::LocalServer,
    stale: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Server for Flagged {
    fn add_version(
        &mut self,
        parent: Uuid,
        segment: Vec<u8>,
    ) -> Result<(tcui::sync::AddVersionResult, tcui::sync::SnapshotUrgency), tcui::sync::ServerError>
    {
        Server::add_version(&mut self.inner, parent, segment)
    }
    fn get_child_version(
        &mut self,
        parent: Uuid,
    ) -> Result<tcui::sync::GetVersionResult, tcui::sync::ServerError> {
        Server::get_child_version(&mut self.inner, parent)
    }
    fn add_snapshot(
        &mut self,
        version: Uuid,
        snapshot: Vec<u8>,
    ) -> Result<(), tcui::sync::ServerError> {
        Server::add_snapshot(&mut self.inner, version, snapshot)
    }
    fn get_snapshot(&mut self) -> Result<Option<(Uuid, Vec<u8>)>, tcui::sync::ServerError> {
        Server::get_snapshot(&mut self.inner)
    }
    fn outdated(&mut self) -> bool {
        self.stale.load(std::sync::atomic::Ordering::SeqCst)
    }
}

#[test]
fn a_server_whose_settings_changed_is_connected_afresh_before_the_next_sync() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let replica = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let (connects, stale) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicBool::new(false)),
    );
    let (counted, flag) = (connects.clone(), stale.clone());
    let connect: sync_task::Connect = Box::new(move || {
        counted.fetch_add(1, Ordering::SeqCst);
        flag.store(false, Ordering::SeqCst);
        tcui::sync::LocalServer::open(&folder)
            .map(|inner| {
                Box::new(Flagged {
                    inner,
                    stale: flag.clone(),
                }) as Box<dyn Server + Send>
            })
            .map_err(|e| ConnectError::Failed(e.to_string()))
    });
    let (handle, events) = start(replica, connect);
    let synced = |events: &Receiver<SyncEvent>| {
        next(events, |e| {
            matches!(e, SyncEvent::Finished { .. }).then_some(())
        })
    };
    synced(&events);
    handle.requests.send(SyncRequest::Now).unwrap();
    synced(&events);
    assert_eq!(connects.load(Ordering::SeqCst), 1, "kept while current");
    stale.store(true, Ordering::SeqCst);
    handle.requests.send(SyncRequest::Now).unwrap();
    synced(&events);
    assert_eq!(
        connects.load(Ordering::SeqCst),
        2,
        "made afresh once outdated"
    );
    handle.requests.send(SyncRequest::Quit).unwrap();
    handle.thread.join().unwrap();
}
