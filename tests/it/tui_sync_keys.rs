//! The sync keys, driven without a terminal: `S` syncs at once with the real background sync
//! on a shared folder (a task made by another replica shows up), and `ctrl-t` on the sync
//! settings screen tests what is typed without saving it.

use crate::support;
use crate::support::children::OpenInTurn;

use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use support::screen::in_box;
use support::tui::*;
use tcui::app::sync_task::{self, ConnectError, SyncEvent, SyncRequest, SyncTimes};
use tcui::replica::Replica;
use tcui::sync::{LocalServer, Server};
use tcui::tui::mode::Mode;
use tempfile::TempDir;

/// Send the sync requests the app made to the sync task.
fn forward(h: &mut Harness, handle: &sync_task::SyncHandle) {
    for request in std::mem::take(&mut h.syncs) {
        handle.requests.send(request).unwrap();
    }
}

/// An interface on one task, "Made here", with the background sync on.
fn synced_harness() -> Harness {
    let mut h = Harness::new(|r| {
        add_task(r, "Made here", &[]);
    });
    h.app.with_core(|core| core.enable_sync());
    h
}

/// Syncs an hour apart, but `after_edit` after an edit.
fn hourly(after_edit: Duration) -> SyncTimes {
    let hour = Duration::from_secs(3600);
    SyncTimes {
        interval: hour,
        after_edit,
        backoff: hour,
        cap: hour,
        poll: hour,
    }
}

/// The background sync's way to the shared `folder`.
fn folder_connect(folder: &std::path::Path) -> sync_task::Connect {
    let folder = folder.to_path_buf();
    Box::new(move || {
        LocalServer::open(&folder)
            .map(|s| Box::new(s) as Box<dyn Server + Send>)
            .map_err(|e| ConnectError::Failed(e.to_string()))
    })
}

/// Hand the sync task's events to the app until a sync has finished.
fn until_synced(h: &mut Harness, events: &Receiver<SyncEvent>) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let event = events
            .recv_timeout(left)
            .unwrap_or_else(|e| panic!("no sync finished within 30 s: {e}"));
        let finished = match &event {
            SyncEvent::Finished { .. } => true,
            SyncEvent::Failed { error, .. } => panic!("the sync failed: {error}"),
            _ => false,
        };
        let effects = h.app.update(Event::Sync(event));
        h.run(effects);
        if finished {
            return;
        }
    }
}

#[test]
fn s_syncs_at_once_and_shows_a_task_from_another_replica() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let mut h = synced_harness();
    // Only the first sync comes by itself; every later one must be asked for.
    let times = hourly(Duration::from_secs(3600));
    let connect = folder_connect(&folder);
    let (tx, events) = mpsc::channel();
    let handle = sync_task::spawn(h.session.client(), connect, times, None, tx, |e| e);
    until_synced(&mut h, &events);
    assert_eq!(
        h.app.core().sync().unsynced,
        0,
        "the first sync sent what was made here"
    );

    // Another replica adds a task through the same folder.
    let mut other = Replica::open_in_turn(dir.path().join("other.redb")).unwrap();
    let theirs = support::peer::tcui_add(&mut other, "Made elsewhere");
    tcui::sync::sync(&mut other, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    assert!(!h.app.core().tasks().contains_key(&theirs));

    h.press(KeyCode::Char('S'));
    assert_eq!(h.message(), "syncing…");
    assert_eq!(h.syncs, [SyncRequest::Now]);
    forward(&mut h, &handle);
    until_synced(&mut h, &events);
    assert!(h.app.core().list().rows().iter().any(|r| r.uuid == theirs));
    let screen = h.screen();
    assert!(screen.contains("Made elsewhere"), "{screen}");
    assert!(
        screen.lines().next().unwrap().contains("synced 0s ago"),
        "{screen}"
    );
    assert_eq!(
        h.message(),
        "synced: 1 change from elsewhere (c shows them)"
    );

    // Asked again with nothing new, it says so.
    h.press(KeyCode::Char('S'));
    forward(&mut h, &handle);
    until_synced(&mut h, &events);
    assert_eq!(h.message(), "synced: nothing new from elsewhere");

    handle.requests.send(SyncRequest::Quit).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !matches!(
        events.recv_timeout(deadline.saturating_duration_since(Instant::now())),
        Ok(SyncEvent::Stopped)
    ) {
        assert!(Instant::now() < deadline, "the sync task did not stop");
    }
    handle.thread.join().unwrap();
}

/// A hook script named in `hooks.sync` runs on a task that a sync brings, on the sync's
/// thread: its change shows, is its own undo step, and goes out with the next sync.
#[test]
fn a_hook_opted_in_for_sync_tags_a_task_that_arrives_and_its_change_goes_back() {
    use std::os::unix::fs::PermissionsExt;
    use tcui::app::hooks::{Hooks, Invocation};
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("shared");
    let hooks = dir.path().join("hooks");
    std::fs::create_dir(&folder).unwrap();
    std::fs::create_dir(&hooks).unwrap();
    let script = hooks.join("on-add.tagger");
    std::fs::write(
        &script,
        "#!/usr/bin/env python3\nimport sys, json\nt = json.loads(sys.stdin.readline())\n\
         t.setdefault('tags', []).append('arrived')\nprint(json.dumps(t))\nprint('tagged it')\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let found = Hooks::find(&hooks, &Invocation::default(), Duration::from_secs(10))
        .with_synced(vec!["on-add.tagger".into()]);
    let mut h = synced_harness();
    let times = hourly(Duration::from_millis(50));
    let connect = folder_connect(&folder);
    let (tx, events) = mpsc::channel();
    let handle = sync_task::spawn(
        h.session.client(),
        connect,
        times,
        found.for_sync(),
        tx,
        |e| e,
    );
    until_synced(&mut h, &events);

    let mut other = Replica::open_in_turn(dir.path().join("other.redb")).unwrap();
    let sync_other = |other: &mut Replica| {
        tcui::sync::sync(other, &mut LocalServer::open(&folder).unwrap(), false).unwrap();
    };
    sync_other(&mut other);
    let theirs = support::peer::tcui_add(&mut other, "Made elsewhere");
    sync_other(&mut other);
    h.press(KeyCode::Char('S'));
    forward(&mut h, &handle);
    until_synced(&mut h, &events);
    let tagged = |h: &Harness| {
        h.app.core().tasks()[&theirs]
            .tags()
            .iter()
            .any(|t| t.as_ref() == "arrived")
    };
    assert!(tagged(&h), "the hook's change shows");
    assert_eq!(
        h.message(),
        "synced: 1 change from elsewhere (c shows them) — tagged it"
    );
    // The hook's change goes out by itself, as an edit would.
    until_synced(&mut h, &events);
    assert_eq!(h.app.core().sync().unsynced, 0);
    sync_other(&mut other);
    let there = other.get_task_data(theirs).unwrap().unwrap();
    assert!(there.get("tag_arrived").is_some(), "{:?}", there.to_map());
    // It is a step of its own: undone, the tag goes, the task stays.
    h.press(KeyCode::Char('u'));
    assert!(!tagged(&h));
    assert!(h.app.core().tasks().contains_key(&theirs));
    handle.requests.send(SyncRequest::Quit).unwrap();
    let _ = handle.thread.join();
}

#[test]
fn s_without_sync_says_why_and_asks_nothing() {
    let mut h = Harness::new(|_| {});
    h.press(KeyCode::Char('S'));
    assert_eq!(h.message(), "background sync is off here");
    assert!(h.syncs.is_empty());
}

/// The line of the sync settings screen that tells what the last test said.
fn said(h: &mut Harness) -> String {
    let screen = h.screen();
    let Mode::SyncForm(form) = &h.app.mode() else {
        panic!("the sync settings screen closed:\n{screen}");
    };
    let (_, text) = form.status.clone().unwrap_or_default();
    assert!(
        in_box(&screen).contains(&text),
        "the screen does not show {text:?}:\n{screen}"
    );
    text
}

#[test]
fn ctrl_t_tests_what_is_typed_shows_the_answer_and_saves_nothing() {
    let mut h = Harness::new(|_| {});
    h.setup.current = vec![("sync.local.server_dir".into(), "/srv/tasks".into())];
    h.press(KeyCode::Char('C'));
    let ctrl_t = |h: &mut Harness| h.press_with(KeyCode::Char('t'), KeyModifiers::CONTROL);

    ctrl_t(&mut h);
    assert_eq!(said(&mut h), "reachable");
    let tested = h.setup.checked.last().expect("a test").clone();
    assert_eq!(
        tested[3],
        (
            "sync.local.server_dir".to_string(),
            "/srv/tasks".to_string()
        )
    );

    // A folder that is wrong: the reason shows, the screen stays open with the text typed.
    h.setup.check_fails = Some(
        "the sync folder /srv/taks does not exist; create it, or fix sync.local.server_dir".into(),
    );
    // The screen opens on the folder, the kind of sync set, with the focus on its field.
    for _ in 0.."tasks".len() {
        h.press(KeyCode::Backspace);
    }
    h.typed("taks");
    ctrl_t(&mut h);
    assert!(said(&mut h).contains("/srv/taks does not exist"));
    assert_eq!(
        h.setup.checked.last().unwrap()[3].1,
        "/srv/taks",
        "what is tested is what is typed"
    );

    // Nothing was written, and the background sync was not touched.
    assert_eq!(h.setup.checked.len(), 2);
    assert!(h.setup.saved.is_empty());
    assert!(h.syncs.is_empty());
    h.press(KeyCode::Esc);
    assert_eq!(h.message(), "sync settings left as they were");
    assert!(h.setup.saved.is_empty());
}
