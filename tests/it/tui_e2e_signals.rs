//! The real binary in tmux when it is told to end: SIGHUP (the terminal closed) ends tcui
//! with the terminal and the replica put back in order and every committed change kept; and
//! quitting while the sync server is down takes a bounded time, keeps the changes unsynced,
//! and a key skips the wait for the last sync. The sync settings screen's `ctrl-t` is tried
//! here against the real server and folders, as only the binary reaches the taskrc.

use crate::support;
use crate::support::children::InTurn;
use crate::support::isolated;

use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use isolated::tcui_command;
use support::process::{tcui_pid, wait_until_gone};
use support::screen::in_box;
use support::tmux::{Place, TIMEOUT, Tmux, framed, row, status, title};

/// Add a task by the prompt and wait until it is committed (its message loses the `…`).
fn add(tmux: &Tmux, text: &str, description: &str) {
    tmux.send_keys(&["a"]);
    tmux.wait_for("the add prompt", |s| status(s) == "add:");
    tmux.send_text(text);
    tmux.wait_for("the typed task", |s| status(s) == format!("add: {text}"));
    tmux.send_keys(&["Enter"]);
    let committed = format!("add {description:?}");
    tmux.wait_for(&committed, |s| status(s) == committed);
}

/// Every task in the replica, as `tcui export` prints it.
fn export(place: &Place) -> Vec<serde_json::Value> {
    let dir = place.data().parent().unwrap().to_path_buf();
    let out = tcui_command(&dir, &["export"]).output_in_turn().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn task<'a>(tasks: &'a [serde_json::Value], description: &str) -> &'a serde_json::Value {
    tasks
        .iter()
        .find(|t| t["description"] == description)
        .unwrap_or_else(|| panic!("no task {description:?} in {tasks:#?}"))
}

/// Whether the replica was closed, not abandoned: redb opens a file read-only only after a
/// clean shutdown (otherwise it must be repaired first).
fn closed_cleanly(data: &Path) -> Result<(), String> {
    redb::ReadOnlyDatabase::open(data.join("replica.redb"))
        .map(drop)
        .map_err(|e| e.to_string())
}

#[test]
fn sighup_ends_tcui_cleanly_and_keeps_every_committed_change() {
    let place = Place::new();
    let tmux = Tmux::start(100, 30, &place.tcui_command());
    tmux.wait_for("the empty list", |s| status(s).starts_with("a add"));
    add(&tmux, "Pay rent project:home", "Pay rent");
    add(&tmux, "Water plants +garden", "Water plants");
    add(&tmux, "Call mum due:tomorrow", "Call mum");
    tmux.select("Water plants");
    tmux.send_keys(&["d"]);
    tmux.wait_for("the done committed", |s| {
        status(s).starts_with("done ") && status(s).ends_with("\"Water plants\"")
    });
    tmux.select("Pay rent");
    tmux.send_keys(&["m"]);
    tmux.wait_for("the modify prompt", |s| status(s) == "modify:");
    tmux.send_text("priority:H");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("the modify committed", |s| {
        status(s).starts_with("modify ") && status(s).ends_with("\"Pay rent\"")
    });

    let pid = tcui_pid(&place.data()).expect("the tcui process");
    let sent = Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status_in_turn()
        .unwrap();
    assert!(sent.success());
    assert_eq!(place.wait_for_exit_status(&tmux), "0", "tcui's exit status");
    place.assert_terminal_restored(&tmux);
    closed_cleanly(&place.data()).expect("the replica was left open");
    let tasks = export(&place);
    assert_eq!(tasks.len(), 3, "{tasks:#?}");
    assert_eq!(task(&tasks, "Water plants")["status"], "completed");
    assert_eq!(task(&tasks, "Pay rent")["priority"], "H");
    assert!(task(&tasks, "Call mum")["due"].is_string());
    drop(tmux);

    // The terminal itself goes away: tmux's server ends, its terminal hangs up, and the
    // kernel sends SIGHUP to tcui (and to the shell around it).
    let pid = add_and_hang_up(
        &place,
        &place.tcui_command(),
        "Pay rent",
        "Written before the hangup",
    );
    wait_until_gone(pid, TIMEOUT, "end when its terminal went away");
    closed_cleanly(&place.data()).expect("the replica was left open after the hangup");
    let tasks = export(&place);
    assert_eq!(tasks.len(), 4, "{tasks:#?}");
    assert_eq!(
        task(&tasks, "Written before the hangup")["status"],
        "pending"
    );

    // A shell that keeps the hangup to itself (as some remote shells do): no SIGHUP reaches
    // tcui, which must notice by itself that its terminal has gone, and end as on SIGHUP.
    let mut command = place.tcui_command();
    command[2] = format!("trap '' HUP; {}", command[2]);
    std::fs::remove_file(place.file("status")).unwrap();
    let pid = add_and_hang_up(
        &place,
        &command,
        "Written before the hangup",
        "Written before the quiet hangup",
    );
    wait_until_gone(pid, TIMEOUT, "notice that its terminal went away");
    let start = Instant::now();
    while !place.file("status").exists() {
        assert!(
            start.elapsed() < TIMEOUT,
            "the shell recorded no exit status"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(place.read("status").trim(), "0", "tcui's exit status");
    closed_cleanly(&place.data()).expect("the replica was left open after the quiet hangup");
    let tasks = export(&place);
    assert_eq!(tasks.len(), 5, "{tasks:#?}");
}

/// Start `command` in tmux, wait for the list to show `shown`, add a task `written`, then
/// end the tmux server, so that tcui's terminal goes away. Returns tcui's process id.
fn add_and_hang_up(place: &Place, command: &[String], shown: &str, written: &str) -> u32 {
    let tmux = Tmux::start(100, 30, command);
    tmux.wait_for("the list", |s| {
        row(s, shown).is_some() && status(s).starts_with("a add")
    });
    add(&tmux, written, written);
    let pid = tcui_pid(&place.data()).expect("the tcui process");
    drop(tmux);
    pid
}

/// The sync settings written to the taskrc: a server at `port` on 127.0.0.1.
fn server_at(place: &Place, port: u16) {
    std::fs::write(
        place.file("taskrc"),
        format!(
            "sync.server.url=http://127.0.0.1:{port}\n\
             sync.server.client_id=6b6f2c1e-0d7e-4a3c-9b59-3c1f1f6f4a10\n\
             sync.encryption_secret=not the real one\n"
        ),
    )
    .unwrap();
}

/// How many changes the replica holds unsynced, from tcui's summary.
fn unsynced(place: &Place) -> usize {
    let summary = place.summary();
    let line = summary
        .lines()
        .find(|l| l.starts_with("unsynced"))
        .unwrap_or_else(|| panic!("{summary}"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn quitting_while_the_server_is_down_is_quick_keeps_the_changes_and_a_key_skips_the_wait() {
    let place = Place::new();
    // A port nothing listens on: every connection is refused at once.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    server_at(&place, closed);
    let taskrc = place.read("taskrc");
    let tmux = Tmux::start(100, 30, &place.tcui_command());
    tmux.wait_for("the first sync failing", |s| {
        title(s).contains("sync failed")
    });

    // ctrl-t tests the settings on the screen: the server that is down, then folders.
    tmux.send_keys(&["C"]);
    tmux.wait_for("the sync settings", |s| {
        in_box(s).contains(&format!("server url http://127.0.0.1:{closed}"))
    });
    tmux.send_keys(&["C-t"]);
    tmux.wait_for("the server's test failing", |s| {
        in_box(s).contains("cannot be reached")
    });
    let folder = place.file("shared");
    std::fs::create_dir(&folder).unwrap();
    let folder = folder.to_string_lossy().into_owned();
    // From the server's address up to the choice of kind, on to the folder, down to its field.
    tmux.send_keys(&["Up", "Right", "Down"]);
    tmux.send_text(&folder);
    tmux.wait_for("the folder typed", |s| {
        in_box(s).contains("◂ a shared folder ▸") && in_box(s).contains(&format!("folder {folder}"))
    });
    tmux.send_keys(&["C-t"]);
    tmux.wait_for("the folder's test passing", |s| {
        in_box(s).contains("reachable; it holds no data yet")
    });
    tmux.send_keys(&["C-u"]);
    tmux.send_text(&format!("{folder}-missing"));
    tmux.send_keys(&["C-t"]);
    let screen = tmux.wait_for("the missing folder's test failing", |s| {
        in_box(s).contains("does not exist")
    });
    assert!(in_box(&screen).contains("-missing"), "{}", framed(&screen));
    tmux.send_keys(&["Escape"]);
    tmux.wait_for("the screen closed", |s| {
        status(s) == "sync settings left as they were"
    });
    assert_eq!(place.read("taskrc"), taskrc, "testing wrote to the taskrc");

    // A change made while the server is down, then q: the last sync fails at once.
    tmux.send_keys(&["a"]);
    tmux.wait_for("the add prompt", |s| status(s) == "add:");
    tmux.send_text("Written offline");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("the task committed, unsynced", |s| {
        row(s, "Written offline").is_some() && title(s).contains("unsynced")
    });
    let asked = Instant::now();
    tmux.send_keys(&["q"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0", "tcui's exit status");
    let took = asked.elapsed();
    assert!(
        took < Duration::from_secs(10),
        "quitting took {took:?} with the server refusing"
    );
    drop(tmux);
    closed_cleanly(&place.data()).expect("the replica was left open");
    let left = unsynced(&place);
    assert!(left > 0, "{}", place.summary());
    assert!(place.summary().contains("tasks     1 (1 with an ID)"));

    // A server that takes the connection and never answers: the last sync would wait for
    // it; any key quits at once.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    server_at(&place, silent.local_addr().unwrap().port());
    std::fs::remove_file(place.file("status")).unwrap();
    let tmux = Tmux::start(100, 30, &place.tcui_command());
    tmux.wait_for("the first sync waiting on the server", |s| {
        title(s).contains("syncing") && row(s, "Written offline").is_some()
    });
    let asked = Instant::now();
    tmux.send_keys(&["q"]);
    tmux.wait_for("the wait for the last sync", |s| {
        status(s) == "syncing before quitting… (any key quits at once)"
    });
    assert!(
        !place.file("status").exists(),
        "tcui did not wait for the last sync"
    );
    tmux.send_keys(&["x"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0", "tcui's exit status");
    let took = asked.elapsed();
    assert!(
        took < Duration::from_secs(10),
        "quitting took {took:?}: the key did not cut the wait short"
    );
    assert_eq!(
        place.read("stty.after"),
        place.read("stty.before"),
        "terminal modes"
    );
    drop(tmux);
    drop(silent);
    closed_cleanly(&place.data()).expect("the replica was left open by the sync not waited for");
    assert_eq!(unsynced(&place), left, "{}", place.summary());
    let tasks = export(&place);
    assert_eq!(task(&tasks, "Written offline")["status"], "pending");
}
