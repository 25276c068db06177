//! tcui against a hostile sync server on 127.0.0.1 (the real protocol with faults switched
//! on): replayed and circular histories, answers dripped a byte at a time, redirects and
//! huge bodies. Each sync ends within a bounded time with a message that says what happened,
//! loses nothing, and a later sync with the server behaving converges.

use crate::support;
use crate::support::children::OpenInTurn;

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use support::http_server::{Fault, TestServer};
use support::peer::{Peer, tcui_add as add, tcui_tasks as tasks};
use tcui::replica::Replica;
use tcui::sync::{
    Cryptor, HttpOptions, HttpServer, LocalServer, MAX_BODY, Server, SyncError, SyncReport, Syncer,
    sync,
};
use tempfile::TempDir;
use uuid::Uuid;

const SECRET: &[u8] = b"hostile secret";

/// Run `f` on a thread; fail the test if it takes longer than `limit`.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(t) => t,
        Err(_) => panic!("did not finish within {limit:?}"),
    }
}

/// One sync of `rep` with `server` on a thread, bounded in time; both come back.
fn bounded_sync(
    rep: Replica,
    mut server: Box<dyn Server + Send>,
    limit: Duration,
) -> (
    Replica,
    Box<dyn Server + Send>,
    Result<SyncReport, SyncError>,
) {
    within(limit, move || {
        let mut rep = rep;
        let result = sync(&mut rep, server.as_mut(), false);
        (rep, server, result)
    })
}

/// A tcui replica and a taskchampion peer on one client of `srv`, each with tasks of its own,
/// synced; the replica also holds one change not yet synced.
fn setup(srv: &TestServer, dir: &TempDir) -> (Replica, Peer, Uuid) {
    let client = Uuid::new_v4();
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    peer.add("from the peer");
    peer.sync();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    add(&mut rep, "synced from tcui");
    sync(&mut rep, &mut http(srv, client), false).unwrap();
    peer.sync();
    add(&mut rep, "not synced yet");
    (rep, peer, client)
}

fn http(srv: &TestServer, client: Uuid) -> HttpServer {
    HttpServer::new(&srv.url(), client, SECRET).unwrap()
}

/// Nothing was lost: the same tasks and unsynced changes as before; then a sync with the
/// server behaving again converges with the peer.
fn intact_then_converges(
    rep: &mut Replica,
    before: &support::peer::Tasks,
    unsynced: usize,
    srv: &TestServer,
    client: Uuid,
    peer: &mut Peer,
) {
    assert_eq!(&tasks(rep), before, "tasks changed");
    assert_eq!(
        rep.num_local_operations().unwrap(),
        unsynced,
        "unsynced changes lost"
    );
    srv.always(None);
    sync(rep, &mut http(srv, client), false).unwrap();
    peer.sync();
    assert_eq!(tasks(rep), peer.tasks());
    assert_eq!(rep.num_local_operations().unwrap(), 0);
}

#[test]
fn an_old_version_replayed_as_a_new_child_is_refused() {
    let srv = TestServer::start();
    let dir = TempDir::new().unwrap();
    let client = Uuid::new_v4();
    let mut peer = Peer::remote(&srv.url(), client, SECRET);
    let done = peer.add("finished on the peer");
    peer.sync();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    sync(&mut rep, &mut http(&srv, client), false).unwrap();
    peer.set(done, "status", Some("completed"));
    peer.sync();
    sync(&mut rep, &mut http(&srv, client), false).unwrap();
    assert_eq!(tasks(&rep)[&done]["status"], "completed");
    add(&mut rep, "not synced yet");
    let (before, unsynced) = (tasks(&rep), rep.num_local_operations().unwrap());

    // The first version (the task's creation, pending) again, as if it followed the latest:
    // with its true parent in the header, and with the parent asked for.
    for claim_asked in [false, true] {
        srv.fail_next([Fault::Replay {
            from: Uuid::nil(),
            claim_asked,
        }]);
        let err = sync(&mut rep, &mut http(&srv, client), false)
            .unwrap_err()
            .to_string();
        let expected = if claim_asked {
            "cannot be opened"
        } else {
            "replaying old data"
        };
        assert!(err.contains(expected), "{err}");
        assert_eq!(tasks(&rep)[&done]["status"], "completed");
    }
    intact_then_converges(&mut rep, &before, unsynced, &srv, client, &mut peer);
}

/// The peer adds three versions after the one `rep` has; returns the first two new ids.
fn three_more_versions(
    srv: &TestServer,
    client: Uuid,
    peer: &mut Peer,
    dir: &TempDir,
) -> (Uuid, Uuid) {
    let mut watcher = Replica::open_in_turn(dir.path().join("watcher.redb")).unwrap();
    let mut ids = Vec::new();
    for n in 0..3 {
        peer.add(&format!("version {n}"));
        peer.sync();
        sync(&mut watcher, &mut http(srv, client), false).unwrap();
        ids.push(watcher.base_version().unwrap());
    }
    (ids[0], ids[1])
}

#[test]
fn a_history_that_leads_back_is_stopped() {
    let srv = TestServer::start();
    let dir = TempDir::new().unwrap();
    let (rep, mut peer, client) = setup(&srv, &dir);
    let (before, unsynced) = (tasks(&rep), rep.num_local_operations().unwrap());
    let start = rep.base_version().unwrap();
    let (first, second) = three_more_versions(&srv, client, &mut peer, &dir);
    // After the second new version the server names its child as the first new one again
    // (the replica's own base as well, in a second round).
    let mut rep = rep;
    for claim in [first, start] {
        srv.always(Some(Fault::Cycle { at: second, claim }));
        let (back, _, result) =
            bounded_sync(rep, Box::new(http(&srv, client)), Duration::from_secs(60));
        rep = back;
        let err = result.unwrap_err();
        assert!(
            matches!(err, SyncError::Repeated { version } if version == claim),
            "{err}"
        );
        assert!(err.to_string().contains("leads in a circle"), "{err}");
    }
    intact_then_converges(&mut rep, &before, unsynced, &srv, client, &mut peer);
}

#[test]
fn a_folder_whose_history_leads_back_is_stopped() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("f");
    std::fs::create_dir(&folder).unwrap();
    let (v1, v2) = (Uuid::new_v4(), Uuid::new_v4());
    {
        let _ = LocalServer::open(&folder).unwrap();
        let conn =
            rusqlite::Connection::open(folder.join("taskchampion-local-sync-server.sqlite3"))
                .unwrap();
        let seg = |d: &str| {
            let u = Uuid::new_v4();
            format!(
                r#"{{"operations":[{{"Create":{{"uuid":"{u}"}}}},{{"Update":{{"uuid":"{u}","property":"description","value":"{d}","timestamp":"2026-01-01T00:00:00Z"}}}}]}}"#
            )
            .into_bytes()
        };
        for (id, parent) in [
            (v1.to_string(), Uuid::nil().to_string()),
            (v2.to_string(), v1.to_string()),
            // The same id as the first, spelled in capitals, after the second: a circle.
            (v1.to_string().to_uppercase(), v2.to_string()),
        ] {
            conn.execute(
                "INSERT INTO versions (version_id, parent_version_id, data) VALUES (?, ?, ?)",
                rusqlite::params![id, parent, seg("x")],
            )
            .unwrap();
        }
    }
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let mine = add(&mut rep, "mine");
    let (rep, _, result) = bounded_sync(
        rep,
        Box::new(LocalServer::open(&folder).unwrap()),
        Duration::from_secs(60),
    );
    let err = result.unwrap_err();
    assert!(
        matches!(err, SyncError::Repeated { version } if version == v1),
        "{err}"
    );
    assert!(rep.get_task_data(mine).unwrap().is_some());
    assert_eq!(rep.num_local_operations().unwrap(), 3);
}

#[test]
fn a_pull_is_bounded_and_a_history_within_the_bound_is_read() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("f");
    std::fs::create_dir(&folder).unwrap();
    let mut writer = Replica::open_in_turn(dir.path().join("w.redb")).unwrap();
    for n in 0..6 {
        add(&mut writer, &format!("task {n}"));
        sync(&mut writer, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    }
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let err = Syncer::new(false)
        .with_max_versions(5)
        .sync(&mut rep, &mut LocalServer::open(&folder).unwrap())
        .unwrap_err();
    assert!(
        matches!(err, SyncError::TooManyVersions { limit: 5 }),
        "{err}"
    );
    assert!(tasks(&rep).is_empty());
    let report = Syncer::new(false)
        .with_max_versions(6)
        .sync(&mut rep, &mut LocalServer::open(&folder).unwrap())
        .unwrap();
    assert_eq!(report.versions_pulled, 6);
    assert_eq!(tasks(&rep), tasks(&writer));
}

#[test]
fn a_server_that_keeps_asking_to_pull_first_without_anything_new_is_stopped() {
    let srv = TestServer::start();
    let dir = TempDir::new().unwrap();
    let (mut rep, mut peer, client) = setup(&srv, &dir);
    let (before, unsynced) = (tasks(&rep), rep.num_local_operations().unwrap());
    // Every push is refused with a new parent to pull from, which then has nothing.
    srv.always(Some(Fault::RefusePushes));
    let (back, _, result) =
        bounded_sync(rep, Box::new(http(&srv, client)), Duration::from_secs(60));
    rep = back;
    let err = result.unwrap_err();
    assert!(matches!(err, SyncError::OutOfSync), "{err}");
    intact_then_converges(&mut rep, &before, unsynced, &srv, client, &mut peer);
}

fn with_deadline(srv: &TestServer, client: Uuid, deadline: Duration) -> HttpServer {
    HttpServer::with_options(
        &srv.url(),
        client,
        Cryptor::cached(client.as_bytes(), SECRET),
        HttpOptions {
            deadline,
            snapshot_deadline: deadline,
            ..HttpOptions::default()
        },
    )
    .unwrap()
}

#[test]
fn an_answer_dripped_a_byte_at_a_time_is_cut_off_at_one_deadline() {
    let srv = TestServer::start();
    let dir = TempDir::new().unwrap();
    let (mut rep, mut peer, client) = setup(&srv, &dir);
    let (before, unsynced) = (tasks(&rep), rep.num_local_operations().unwrap());
    // A byte every 300 ms: each read is quick, the whole answer would take two minutes.
    for fault in [
        Fault::Drip {
            every: Duration::from_millis(300),
        },
        Fault::DripHead {
            every: Duration::from_millis(300),
        },
    ] {
        srv.always(Some(fault.clone()));
        let started = Instant::now();
        let server = with_deadline(&srv, client, Duration::from_secs(2));
        let (back, _, result) = bounded_sync(rep, Box::new(server), Duration::from_secs(60));
        rep = back;
        let err = result.unwrap_err().to_string();
        assert!(
            err.contains("did not finish answering within 2 s"),
            "{fault:?}: {err}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "{fault:?} took {:?}",
            started.elapsed()
        );
    }
    intact_then_converges(&mut rep, &before, unsynced, &srv, client, &mut peer);
}

#[test]
fn redirects_are_not_followed_and_name_where_they_point() {
    let srv = TestServer::start();
    let elsewhere = TestServer::start();
    let dir = TempDir::new().unwrap();
    let (mut rep, mut peer, client) = setup(&srv, &dir);
    let (before, unsynced) = (tasks(&rep), rep.num_local_operations().unwrap());
    for (status, on) in [
        (301, "get-child-version"),
        (302, "get-child-version"),
        (307, "get-child-version"),
        (308, "get-child-version"),
        // A redirected push must not turn into a request without its body elsewhere.
        (301, "add-version"),
        (307, "add-version"),
    ] {
        let location = format!("{}/v1/client/{on}/{}", elsewhere.url(), Uuid::nil());
        srv.always(Some(Fault::Redirect {
            status,
            location: location.clone(),
            on,
        }));
        let err = sync(&mut rep, &mut http(&srv, client), false)
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!("answered {status}")), "{err}");
        assert!(err.contains(&location), "{err}");
        assert!(err.contains("follows no redirects"), "{err}");
        assert!(
            elsewhere.requests.lock().unwrap().is_empty(),
            "the client id went to another server"
        );
    }
    intact_then_converges(&mut rep, &before, unsynced, &srv, client, &mut peer);
}

#[test]
fn huge_or_garbage_bodies_are_refused_quickly() {
    let srv = TestServer::start();
    let dir = TempDir::new().unwrap();
    let (mut rep, mut peer, client) = setup(&srv, &dir);
    let (before, unsynced) = (tasks(&rep), rep.num_local_operations().unwrap());
    let over = MAX_BODY * 2;
    for (fault, words) in [
        (
            Fault::Huge {
                length: over,
                declare: true,
            },
            "larger than",
        ),
        (
            Fault::Huge {
                length: over,
                declare: false,
            },
            "larger than",
        ),
        (
            Fault::Huge {
                length: 4 << 20,
                declare: true,
            },
            "cannot be opened",
        ),
    ] {
        srv.fail_next([fault.clone()]);
        let started = Instant::now();
        let (back, _, result) =
            bounded_sync(rep, Box::new(http(&srv, client)), Duration::from_secs(120));
        rep = back;
        let err = result.unwrap_err().to_string();
        assert!(err.contains(words), "{fault:?}: {err}");
        eprintln!("{fault:?}: refused in {:?}", started.elapsed());
    }
    // A new replica's first request is for the snapshot: the same there.
    let fresh = Replica::open_in_turn(dir.path().join("fresh.redb")).unwrap();
    srv.fail_next([Fault::Huge {
        length: over,
        declare: false,
    }]);
    let (_, _, result) = bounded_sync(
        fresh,
        Box::new(http(&srv, client)),
        Duration::from_secs(120),
    );
    let err = result.unwrap_err().to_string();
    assert!(
        err.contains("fetching a snapshot: the answer from the sync server at"),
        "{err}"
    );
    intact_then_converges(&mut rep, &before, unsynced, &srv, client, &mut peer);
}

#[test]
fn a_password_in_the_servers_address_is_never_shown() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let with_password = srv.url().replace("http://", "http://me:hunter2@");
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    add(&mut rep, "mine");
    let unreachable = "http://me:hunter2@127.0.0.1:9/".to_string();
    for (url, fault) in [
        (unreachable.as_str(), None),
        (with_password.as_str(), Some(Fault::Hangup)),
        (with_password.as_str(), Some(Fault::Status(500))),
        (with_password.as_str(), Some(Fault::Truncated)),
    ] {
        srv.fail_next(fault.clone());
        let err = sync(
            &mut rep,
            &mut HttpServer::new(url, client, SECRET).unwrap(),
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(!err.contains("hunter2"), "{fault:?}: {err}");
        if fault != Some(Fault::Status(500)) {
            assert!(err.contains("me:****@"), "{fault:?}: {err}");
        }
    }
    let err = HttpServer::new("http://me:hunter2@", client, SECRET)
        .unwrap_err()
        .to_string();
    assert!(!err.contains("hunter2"), "{err}");
    let debug = format!(
        "{:?}",
        HttpServer::new(&with_password, client, SECRET).unwrap()
    );
    assert!(!debug.contains("hunter2"), "{debug}");
}

#[test]
fn messages_name_the_setting_the_address_came_from() {
    let client = Uuid::new_v4();
    let options = HttpOptions {
        url_key: "sync.server.origin".into(),
        ..HttpOptions::default()
    };
    let server = |url: &str| {
        HttpServer::with_options(
            url,
            client,
            Cryptor::cached(client.as_bytes(), SECRET),
            options.clone(),
        )
    };
    let err = server("ftp://h").unwrap_err().to_string();
    assert!(err.starts_with("sync.server.origin "), "{err}");
    let dir = TempDir::new().unwrap();
    let mut rep = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
    let err = sync(&mut rep, &mut server("http://127.0.0.1:9").unwrap(), false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("check sync.server.origin"), "{err}");
    assert!(!err.contains("sync.server.url"), "{err}");
}

/// What a hostile answer is made of.
#[derive(Debug, Clone)]
struct Answer {
    request: u8,
    status: u16,
    version: Option<String>,
    parent: Option<String>,
    content_type: Option<&'static str>,
    extra: Option<(&'static str, String)>,
    body: Body,
}

#[derive(Debug, Clone)]
enum Body {
    Bytes(Vec<u8>),
    /// A segment sealed for the parent asked for, its plaintext arbitrary.
    Sealed(Vec<u8>),
}

fn arb_answer() -> impl proptest::strategy::Strategy<Value = Answer> {
    use proptest::prelude::*;
    let id = prop_oneof![
        Just("ASKED".to_string()),
        Just(Uuid::nil().to_string()),
        any::<u128>().prop_map(|n| Uuid::from_u128(n).to_string()),
        "[ -~]{0,40}",
    ];
    let content_type = prop_oneof![
        Just("application/vnd.taskchampion.history-segment"),
        Just("application/vnd.taskchampion.snapshot"),
        Just("text/html"),
    ];
    let extra = prop_oneof![
        (Just("Location"), "[ -~]{0,30}"),
        (
            Just("X-Snapshot-Request"),
            prop_oneof![Just("urgency=high".to_string()), "[ -~]{0,12}"],
        ),
        (
            Just("Content-Length"),
            prop_oneof![
                Just("99999999999".to_string()),
                Just("-1".to_string()),
                "[0-9]{1,4}"
            ],
        ),
        (Just("Transfer-Encoding"), Just("chunked".to_string())),
    ];
    let body = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200).prop_map(Body::Bytes),
        proptest::collection::vec(any::<u8>(), 0..200).prop_map(Body::Sealed),
        "\\{\"operations\":\\[.{0,60}".prop_map(|t| Body::Sealed(t.into_bytes())),
    ];
    (
        0u8..4,
        prop_oneof![
            Just(200u16),
            Just(404),
            Just(409),
            Just(410),
            Just(301),
            200u16..600
        ],
        proptest::option::of(id.clone()),
        proptest::option::of(id),
        proptest::option::of(content_type),
        proptest::option::of(extra),
        body,
    )
        .prop_map(
            |(request, status, version, parent, content_type, extra, body)| Answer {
                request,
                status,
                version,
                parent,
                content_type,
                extra,
                body,
            },
        )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, failure_persistence: None, ..Default::default() })]

    /// Whatever a server answers to any of the four requests (status, headers, body, even a
    /// properly sealed segment of arbitrary content), tcui returns an answer or an error
    /// within the deadline, and never panics.
    #[test]
    fn any_answer_is_an_error_or_an_answer_never_a_panic(answer in arb_answer()) {
        static SERVER: std::sync::OnceLock<TestServer> = std::sync::OnceLock::new();
        let srv = SERVER.get_or_init(TestServer::start);
        let client = Uuid::from_u128(42);
        let asked = Uuid::from_u128(7);
        let cryptor = Cryptor::from_key(&[3u8; 32]);
        let fill = |v: &Option<String>| v.as_ref().map(|v| v.replace("ASKED", &asked.to_string()));
        let mut headers = Vec::new();
        for (name, value) in [("X-Version-Id", fill(&answer.version)), ("X-Parent-Version-Id", fill(&answer.parent))] {
            if let Some(v) = value {
                headers.push((name.to_string(), v));
            }
        }
        if let Some(t) = answer.content_type {
            headers.push(("Content-Type".to_string(), t.to_string()));
        }
        if let Some((k, v)) = &answer.extra {
            headers.push((k.to_string(), v.clone()));
        }
        let body = match &answer.body {
            Body::Bytes(b) => b.clone(),
            Body::Sealed(plain) => cryptor.seal(asked, plain).unwrap(),
        };
        srv.faults.lock().unwrap().clear();
        srv.fail_next([Fault::Raw { status: answer.status, headers, body }]);
        let options = HttpOptions {
            deadline: Duration::from_secs(3),
            snapshot_deadline: Duration::from_secs(3),
            ..HttpOptions::default()
        };
        let mut http = HttpServer::with_options(&srv.url(), client, Cryptor::from_key(&[3u8; 32]), options).unwrap();
        let started = Instant::now();
        let _ = match answer.request {
            0 => http.get_child_version(asked).map(|_| ()),
            1 => http.get_snapshot().map(|_| ()),
            2 => http.add_version(asked, b"{\"operations\":[]}".to_vec()).map(|_| ()),
            _ => http.add_snapshot(asked, b"x".to_vec()),
        };
        proptest::prop_assert!(started.elapsed() < Duration::from_secs(20));
    }
}
