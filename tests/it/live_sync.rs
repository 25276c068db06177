//! Changes from other machines in seconds, through the real binary in tmux with the default
//! five-minute timer: a shared folder is watched, so a task another replica syncs into it is
//! on screen within 3 s; a sync server over HTTP is asked for news on the (short) poll
//! interval.

use crate::support;
use crate::support::tmux::{Place, Tmux, row, title};

use std::time::Duration;

use support::http_server::TestServer;
use support::peer::Peer;
use uuid::Uuid;

#[test]
fn a_task_synced_into_the_shared_folder_is_on_the_other_screen_within_seconds() {
    let folder = tempfile::TempDir::new().unwrap();
    let settings = format!("sync.local.server_dir={}\n", folder.path().display());
    let (a, b) = (Place::new(), Place::new());
    for place in [&a, &b] {
        std::fs::write(place.file("taskrc"), &settings).unwrap();
        place.ok(&["add", "Seen by both"]);
        place.ok(&["sync"]);
    }
    a.ok(&["sync"]);
    let tmux_a = Tmux::start(100, 20, &a.tcui_command());
    let tmux_b = Tmux::start(100, 20, &b.tcui_command());
    for tmux in [&tmux_a, &tmux_b] {
        tmux.wait_for("both tasks", |s| title(s).contains("2 tasks"));
    }
    // Beside A's interface: a task made and synced on the command line.
    a.ok(&["add", "Made in A"]);
    a.ok(&["sync"]);
    tmux_a.wait_for("the task in A", |s| row(s, "Made in A").is_some());
    tmux_b.wait_within(Duration::from_secs(3), "the task in B", |s| {
        row(s, "Made in A").is_some() && title(s).contains("3 tasks")
    });
    tmux_a.send_keys(&["q"]);
    tmux_b.send_keys(&["q"]);
}

#[test]
fn a_task_synced_to_an_http_server_is_on_screen_within_the_poll_interval() {
    let srv = TestServer::start();
    let client = Uuid::new_v4();
    let place = Place::new();
    std::fs::write(
        place.file("taskrc"),
        format!(
            "sync.server.url={}\nsync.server.client_id={client}\nsync.encryption_secret=poll\n",
            srv.url()
        ),
    )
    .unwrap();
    // tcui's own settings: ask every second at first (the timer stays at five minutes;
    // with nothing new the wait doubles, so a few seconds may pass).
    std::fs::write(place.file("no-config.rc"), "background_sync.poll=1s\n").unwrap();
    place.ok(&["add", "Here first"]);
    place.ok(&["sync"]);
    let tmux = Tmux::start(100, 20, &place.tcui_command());
    tmux.wait_for("the task", |s| title(s).contains("1 task"));
    let mut peer = Peer::remote(&srv.url(), client, b"poll");
    peer.sync();
    peer.add("From the phone");
    peer.sync();
    tmux.wait_within(Duration::from_secs(10), "the phone's task", |s| {
        row(s, "From the phone").is_some()
    });
    tmux.send_keys(&["q"]);
}
