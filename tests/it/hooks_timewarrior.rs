//! Timewarrior's own `on-modify.timewarrior` hook, as its Debian package ships it, run by
//! tcui unmodified: starting a task starts tracking it with the task's description, project
//! and tags; stopping it closes the interval. Each test keeps Timewarrior's database in a
//! folder of its own (`TIMEWARRIORDB`).

use crate::support::children::InTurn;
use crate::support::isolated::tcui_command;
use crate::support::tui::*;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use tcui::app::hooks::{Hooks, Invocation};
use tempfile::TempDir;

/// Where the package puts the hook.
const SHIPPED: &str = "/usr/share/doc/timewarrior/ext/on-modify.timewarrior";

/// `timew` on the database in `db`: what it says with no command (the open interval).
fn tracking(db: &Path) -> String {
    let out = Command::new("timew")
        .env("TIMEWARRIORDB", db)
        .output_in_turn()
        .expect("timew is installed (scripts/test.sh installs the timewarrior package)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A home whose hooks folder holds Timewarrior's hook, and an empty Timewarrior database.
fn home() -> TempDir {
    let dir = TempDir::new().unwrap();
    let hooks = dir.path().join("hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::create_dir_all(dir.path().join("timew")).unwrap();
    std::fs::write(dir.path().join("timew/timewarrior.cfg"), "").unwrap();
    let hook = hooks.join("on-modify.timewarrior");
    std::fs::copy(SHIPPED, &hook).expect("the timewarrior package ships its hook");
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(
        dir.path().join("taskrc"),
        format!("hooks.location={}\n", hooks.display()),
    )
    .unwrap();
    dir
}

#[test]
fn start_and_stop_on_the_command_line_track_time_in_timewarrior() {
    let dir = home();
    let db = dir.path().join("timew");
    let tcui = |args: &[&str]| {
        tcui_command(dir.path(), args)
            .env("TIMEWARRIORDB", &db)
            .output_in_turn()
            .unwrap()
    };
    let out = tcui(&["add", "Write report", "project:work", "+docs"]);
    assert!(out.status.success(), "{out:?}");
    assert!(tracking(&db).starts_with("There is no active time tracking"));
    let out = tcui(&["1", "start"]);
    assert!(out.status.success(), "{out:?}");
    let now = tracking(&db);
    assert!(
        now.starts_with("Tracking \"Write report\" docs work"),
        "{now}"
    );
    // Timewarrior refuses an interval that ends in the second it began.
    std::thread::sleep(Duration::from_millis(1100));
    let out = tcui(&["1", "stop"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("Recorded \"Write report\" docs work"),
        "{out:?}"
    );
    assert!(tracking(&db).starts_with("There is no active time tracking"));
}

#[test]
fn start_and_stop_in_the_interface_track_time_in_timewarrior() {
    let dir = home();
    let db = dir.path().join("timew");
    // The shipped hook, run with this test's database (the environment is the process's).
    let wrapper = dir.path().join("wrapped");
    std::fs::create_dir_all(&wrapper).unwrap();
    let script = wrapper.join("on-modify.timewarrior");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nTIMEWARRIORDB={} exec {} \"$@\"\n",
            db.display(),
            dir.path().join("hooks/on-modify.timewarrior").display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut config = tcui::tui::Config::defaults();
    let hooks = Hooks::find(&wrapper, &Invocation::default(), Duration::from_secs(10));
    config.options.hooks = Some(Arc::new(hooks));
    let mut h = Harness::with_config(config, |r| {
        add_task(r, "Write report", &[("project", "work"), ("tag_docs", "x")]);
    });
    h.press(KeyCode::Char('s'));
    let now = tracking(&db);
    assert!(
        now.starts_with("Tracking \"Write report\" docs work"),
        "{now}\n{}",
        h.message()
    );
    std::thread::sleep(Duration::from_millis(1100));
    h.press(KeyCode::Char('s'));
    assert!(
        tracking(&db).starts_with("There is no active time tracking"),
        "{}",
        h.message()
    );
}

/// A place for the real binary in tmux whose hooks folder holds Timewarrior's hook, and
/// its Timewarrior database.
fn tmux_place() -> (crate::support::tmux::Place, std::path::PathBuf) {
    let place = crate::support::tmux::Place::new();
    let hooks = place.file("hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    let hook = hooks.join("on-modify.timewarrior");
    std::fs::copy(SHIPPED, &hook).expect("the timewarrior package ships its hook");
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(
        place.file("taskrc"),
        format!("hooks.location={}\n", hooks.display()),
    )
    .unwrap();
    let db = place.file("timew");
    std::fs::create_dir_all(&db).unwrap();
    std::fs::write(db.join("timewarrior.cfg"), "").unwrap();
    (place, db)
}

/// tcui in tmux on `place`, with Timewarrior's database `db`, once it shows its one task.
fn tmux_on(place: &crate::support::tmux::Place, db: &Path) -> crate::support::tmux::Tmux {
    use crate::support::tmux::{Tmux, title};
    let db_text = db.to_string_lossy().into_owned();
    let tmux = Tmux::start(
        100,
        30,
        &place.tcui_command_with(&[("TIMEWARRIORDB", &db_text)]),
    );
    tmux.wait_for("the task", |s| {
        title(s).contains("· 1 task") && s.contains("Write report")
    });
    tmux
}

/// Wait until `timew` on `db` says `want` (20 s at most).
fn tracked(tmux: &crate::support::tmux::Tmux, db: &Path, want: &str) {
    let began = std::time::Instant::now();
    loop {
        let now = tracking(db);
        if now.starts_with(want) {
            return;
        }
        assert!(
            began.elapsed() < Duration::from_secs(20),
            "waited for {want:?}; timew says {now}\n{}",
            tmux.capture()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The real binary in tmux: `s` starts the task under the cursor and Timewarrior tracks it;
/// `s` again stops it and the interval closes.
#[test]
fn start_and_stop_in_the_real_interface_in_tmux_track_time() {
    let (place, db) = tmux_place();
    place.ok(&["add", "Write report", "project:work", "+docs"]);
    let tmux = tmux_on(&place, &db);
    tmux.send_keys(&["s"]);
    tracked(&tmux, &db, "Tracking \"Write report\" docs work");
    std::thread::sleep(Duration::from_millis(1100));
    tmux.send_keys(&["s"]);
    tracked(&tmux, &db, "There is no active time tracking");
    tmux.send_keys(&["q"]);
}

/// A `taskchampion` replica on a shared folder that `taskrc` in `dir` also names, with
/// Timewarrior's hook opted in for synced changes; the task it added, synced to tcui.
fn synced_home(dir: &Path, sync_into: impl Fn()) -> (crate::support::peer::Peer, uuid::Uuid) {
    let folder = dir.join("folder");
    std::fs::create_dir_all(&folder).unwrap();
    let rc = dir.join("taskrc");
    let mut text = std::fs::read_to_string(&rc).unwrap();
    text.push_str(&format!(
        "hooks.sync=on-modify.timewarrior\nsync.local.server_dir={}\n",
        folder.display()
    ));
    std::fs::write(&rc, text).unwrap();
    let mut peer =
        crate::support::peer::Peer::new(taskchampion::ServerConfig::Local { server_dir: folder });
    let uuid = peer.add("Write report");
    peer.set(uuid, "project", Some("work"));
    peer.set(uuid, "tag_docs", Some(""));
    peer.sync();
    sync_into();
    (peer, uuid)
}

/// The other replica starts (or, with `None`, stops) the task and syncs.
fn start_elsewhere(peer: &mut crate::support::peer::Peer, uuid: uuid::Uuid, start: bool) {
    let now = chrono::Utc::now().timestamp().to_string();
    peer.set(uuid, "start", start.then_some(now.as_str()));
    peer.sync();
}

#[test]
fn a_start_that_comes_by_sync_tracks_time_when_the_hook_is_opted_in() {
    let dir = home();
    let db = dir.path().join("timew");
    let tcui = |args: &[&str]| {
        let out = tcui_command(dir.path(), args)
            .env("TIMEWARRIORDB", &db)
            .output_in_turn()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        out
    };
    let (mut peer, uuid) = synced_home(dir.path(), || {
        tcui(&["sync"]);
    });
    assert!(tracking(&db).starts_with("There is no active time tracking"));
    start_elsewhere(&mut peer, uuid, true);
    tcui(&["sync"]);
    let now = tracking(&db);
    assert!(
        now.starts_with("Tracking \"Write report\" docs work"),
        "{now}"
    );
    std::thread::sleep(Duration::from_millis(1100));
    start_elsewhere(&mut peer, uuid, false);
    let out = tcui(&["sync"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Recorded \"Write report\" docs work"),
        "{out:?}"
    );
    assert!(tracking(&db).starts_with("There is no active time tracking"));
}

/// The real binary in tmux with its background sync: a start made on another replica
/// reaches it at `S`, and Timewarrior tracks it; the stop closes the interval.
#[test]
fn a_start_that_comes_by_sync_to_the_real_interface_tracks_time() {
    let (place, db) = tmux_place();
    let dir = place.file("");
    let (mut peer, uuid) = synced_home(&dir, || {
        place.ok(&["sync"]);
    });
    let tmux = tmux_on(&place, &db);
    start_elsewhere(&mut peer, uuid, true);
    tmux.send_keys(&["S"]);
    tracked(&tmux, &db, "Tracking \"Write report\" docs work");
    std::thread::sleep(Duration::from_millis(1100));
    start_elsewhere(&mut peer, uuid, false);
    tmux.send_keys(&["S"]);
    tracked(&tmux, &db, "There is no active time tracking");
    tmux.wait_for("the hook's words", |s| {
        s.contains("Recorded \"Write report\"")
    });
    tmux.send_keys(&["q"]);
}
