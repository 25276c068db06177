//! Two real tcui processes, each in a tmux server of its own, syncing in the background with
//! one test server on 127.0.0.1, like two machines of one user (one taskrc: same server,
//! client id and secret; a data folder each). Nothing is pressed to make them sync: the
//! tests wait, by polling the screens, for the timer to do it. A third replica, the real
//! `taskchampion` crate, makes a conflicting edit.
//!
//! The schedule is made fast in tcui's settings file (a 2 s timer, 1 s after an edit, retries
//! after 1 s up to 2 s); the waits still allow many intervals for a loaded machine.
//!
//! tmux is required, as for `tui_e2e.rs`.

use crate::support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::http_server::TestServer;
use support::peer::Peer;
use support::tmux::{POLL, TIMEOUT, Tmux, framed, row, shell_quote, status, title};
use tempfile::TempDir;
use uuid::Uuid;

/// For steps that take several sync intervals (and a key derivation each, at first).
const SLOW: Duration = Duration::from_secs(40);

const SECRET: &str = "two machines, one secret";

const SETTINGS: &str = "background_sync.interval=2s\n\
                        background_sync.after_edit=1s\n\
                        background_sync.retry=1s\n\
                        background_sync.retry_max=2s\n";

/// The shared taskrc and settings, and a folder per machine.
struct World {
    dir: TempDir,
    client_id: Uuid,
}

impl World {
    fn new(url: &str) -> World {
        let client_id = Uuid::new_v4();
        World::with_sync(
            client_id,
            &format!("sync.server.url={url}\nsync.server.client_id={client_id}\n"),
        )
    }

    /// The taskrc's sync settings are `sync` and the secret.
    fn with_sync(client_id: Uuid, sync: &str) -> World {
        let world = World {
            dir: TempDir::new().unwrap(),
            client_id,
        };
        std::fs::write(
            world.dir.path().join("taskrc"),
            format!("{sync}sync.encryption_secret={SECRET}\n"),
        )
        .unwrap();
        std::fs::write(world.dir.path().join("config.rc"), SETTINGS).unwrap();
        world
    }

    /// tcui on a machine of its own, in a 160×30 terminal.
    fn start(&self, name: &str) -> Machine {
        let dir = self.dir.path().join(name);
        std::fs::create_dir_all(dir.join("home")).unwrap();
        let q = |p: &Path| shell_quote(&p.to_string_lossy());
        let script = format!(
            "env -u TCUI_DATA TCUI_CONFIG={config} TASKRC={taskrc} HOME={home} \
             TERM=xterm-256color {bin} --data-dir {data}; \
             echo $? > {status}.new; mv {status}.new {status}",
            config = q(&self.dir.path().join("config.rc")),
            taskrc = q(&self.dir.path().join("taskrc")),
            home = q(&dir.join("home")),
            bin = shell_quote(env!("CARGO_BIN_EXE_tcui")),
            data = q(&dir.join("data")),
            status = q(&dir.join("status")),
        );
        Machine {
            name: name.to_string(),
            tmux: Tmux::start(160, 30, &["sh".into(), "-c".into(), script]),
            dir,
        }
    }
}

struct Machine {
    name: String,
    tmux: Tmux,
    dir: PathBuf,
}

impl Machine {
    fn wait(&self, limit: Duration, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.tmux
            .wait_within(limit, &format!("{what} on {}", self.name), ok)
    }

    /// Add a task with the `a` prompt; it shows at once, whatever the sync is doing.
    fn add(&self, text: &str, description: &str) -> String {
        self.prompt("a", "add", text);
        self.wait(TIMEOUT, &format!("{description:?} added"), |s| {
            row(s, description).is_some()
        })
    }

    /// Modify the task showing `description` with the `m` prompt.
    fn modify(&self, description: &str, text: &str, ok: impl Fn(&str) -> bool) -> String {
        self.tmux.select(description);
        self.prompt("m", "modify", text);
        self.wait(TIMEOUT, &format!("{description:?} modified"), |s| {
            row(s, description).is_some_and(&ok)
        })
    }

    fn prompt(&self, key: &str, label: &str, text: &str) {
        self.tmux.send_keys(&[key]);
        self.wait(TIMEOUT, &format!("the {label} prompt"), |s| {
            status(s) == format!("{label}:")
        });
        self.tmux.send_text(text);
        self.wait(TIMEOUT, "the typed text in the prompt", |s| {
            status(s) == format!("{label}: {text}")
        });
        self.tmux.send_keys(&["Enter"]);
    }

    /// Poll until tcui has ended, and return its exit status.
    fn wait_for_exit_status(&self) -> String {
        let file = self.dir.join("status");
        let start = Instant::now();
        loop {
            if let Ok(status) = std::fs::read_to_string(&file) {
                return status.trim().to_string();
            }
            if start.elapsed() > SLOW {
                panic!(
                    "tcui on {} did not end within {SLOW:?}; the screen was:\n{}",
                    self.name,
                    framed(&self.tmux.capture())
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

/// The title shows a sync that went through and nothing waiting to be sent.
fn in_sync(screen: &str) -> bool {
    let t = title(screen);
    t.contains("synced") && !t.contains("unsynced") && !t.contains("failed")
}

/// The title's task count.
fn count(screen: &str) -> Option<usize> {
    let words: Vec<&str> = title(screen).split_whitespace().collect();
    words
        .windows(2)
        .find_map(|w| (w[1] == "tasks" || w[1] == "task").then(|| w[0].parse().ok())?)
}

/// The descriptions of the list's rows, read from under the header's `Description`.
fn descriptions(screen: &str) -> BTreeSet<String> {
    let lines: Vec<&str> = screen.lines().collect();
    let Some(col) = lines
        .get(1)
        .and_then(|h| h.find("Description"))
        .map(|at| lines[1][..at].chars().count())
    else {
        return BTreeSet::new();
    };
    lines[2..lines.len().saturating_sub(1)]
        .iter()
        .map(|l| {
            // The description's cell, up to the urgency after it.
            let cell: String = l.chars().skip(col).collect();
            cell.split("  ").next().unwrap_or("").trim().to_string()
        })
        .filter(|d| !d.is_empty())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Whether the row has `word` as a column (a project or tag).
fn shows(row: &str, word: &str) -> bool {
    row.split_whitespace().any(|w| w == word)
}

fn project_is(screen: &str, description: &str, project: &str) -> bool {
    row(screen, description).is_some_and(|r| shows(r, project))
}

/// Sync the peer until `ok` holds for the project of its task `uuid`.
fn peer_until(peer: &mut Peer, uuid: Uuid, what: &str, ok: impl Fn(Option<&str>) -> bool) {
    let start = Instant::now();
    loop {
        peer.sync();
        let tasks = peer.tasks();
        let project = tasks.get(&uuid).and_then(|t| t.get("project"));
        if ok(project.map(String::as_str)) {
            return;
        }
        assert!(
            start.elapsed() < SLOW,
            "waited {SLOW:?} for {what} on the peer; it has {:?}",
            tasks.get(&uuid)
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn two_tcui_processes_sync_by_themselves_through_an_outage_and_a_conflict() {
    let server = TestServer::start();
    // The peer comes in by a door of its own, so it can sync while tcui's is shut.
    let side_door = server.second_door();
    let world = World::new(&server.url());
    let a = world.start("a");
    let b = world.start("b");
    for m in [&a, &b] {
        m.wait(SLOW, "the first sync", |s| {
            in_sync(s) && status(s).starts_with("a add")
        });
    }

    // 1. A task added in A shows in B, with no key pressed in B. (B's replica is empty, so
    // it joins from the snapshot the server asked A for.)
    a.add("Pay rent project:home", "Pay rent");
    let added = Instant::now();
    let screen = b.wait(TIMEOUT, "A's task", |s| {
        row(s, "Pay rent").is_some() && status(s) == "synced: 1 task from the server's snapshot"
    });
    eprintln!("A's task reached B's screen in {:?}", added.elapsed());
    assert!(
        project_is(&screen, "Pay rent", "home"),
        "{}",
        framed(&screen)
    );
    assert_eq!(count(&screen), Some(1), "{}", framed(&screen));

    // 2. The server stops: both say so and why, and both go on taking edits.
    server.stop();
    let unreachable = format!(
        "failed: the sync server at {}/ cannot be reached; check sync.server.url and the network",
        server.url()
    );
    for m in [&a, &b] {
        m.wait(TIMEOUT, "the sync failure", |s| {
            title(s).contains("sync failed, retry in ")
                && status(s).starts_with("sync failed: ")
                && status(s).ends_with(&unreachable)
        });
    }
    a.add("Buy milk +errand", "Buy milk");
    b.add("Call mom", "Call mom");
    b.modify("Call mom", "project:family", |r| shows(r, "family"));
    for m in [&a, &b] {
        let screen = m.wait(TIMEOUT, "edits waiting to be synced", |s| {
            title(s).contains("sync failed, retry in ") && title(s).contains(" unsynced")
        });
        assert_eq!(count(&screen), Some(2), "{}", framed(&screen));
    }

    // 3. The server returns: both send their edits and take the other's, by themselves.
    server.restart();
    let everything = set(&["Pay rent", "Buy milk", "Call mom"]);
    for m in [&a, &b] {
        m.wait(SLOW, "every task, in sync", |s| {
            in_sync(s) && descriptions(s) == everything && count(s) == Some(3)
        });
    }
    for m in [&a, &b] {
        let screen = m.tmux.capture();
        assert!(in_sync(&screen), "{}", framed(&screen));
        assert_eq!(descriptions(&screen), everything, "{}", framed(&screen));
        let milk = row(&screen, "Buy milk").unwrap();
        assert!(shows(milk, "errand"), "{}", framed(&screen));
        assert!(project_is(&screen, "Call mom", "family"));
    }

    // 4. A conflict: A's edit is older than the peer's, which reaches the server first.
    // What A has seen so far is cleared by opening and closing its changes panel.
    a.tmux.send_keys(&["c"]);
    let screen = a.wait(TIMEOUT, "the changes panel", |s| {
        s.contains(" changed elsewhere ")
            || status(s) == "nothing changed elsewhere since you last looked"
    });
    if screen.contains(" changed elsewhere ") {
        a.tmux.send_keys(&["Escape"]);
        a.wait(TIMEOUT, "the panel closed", |s| {
            !s.contains(" changed elsewhere ")
        });
    }

    let mut peer = Peer::remote(&side_door, world.client_id, SECRET.as_bytes());
    peer.sync();
    let rent = peer
        .tasks()
        .into_iter()
        .find(|(_, t)| t.get("description").map(String::as_str) == Some("Pay rent"))
        .map(|(uuid, _)| uuid)
        .expect("the peer has Pay rent");
    server.stop();
    a.modify("Pay rent", "project:mine", |r| shows(r, "mine"));
    peer.set(rent, "project", Some("theirs"));
    peer.sync();
    server.restart();
    let screen = a.wait(SLOW, "the peer's later project", |s| {
        in_sync(s) && project_is(s, "Pay rent", "theirs")
    });
    assert!(
        status(&screen).starts_with("synced: ") && status(&screen).contains("(c shows them)"),
        "{}",
        framed(&screen)
    );

    // The lost edit is in the changes panel, and r brings it back as a new edit.
    a.tmux.send_keys(&["c"]);
    let lost = "your project \"mine\" lost to a later change (r restores it)";
    let screen = a.wait(TIMEOUT, "the lost edit in the changes panel", |s| {
        s.contains(lost)
    });
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.contains(" changed elsewhere "))
        .unwrap();
    let at = lines[top + 1..]
        .iter()
        .position(|l| l.contains(lost))
        .unwrap();
    assert!(
        lines[top + 1 + at].contains("\"Pay rent\""),
        "{}",
        framed(&screen)
    );
    for _ in 0..at {
        a.tmux.send_keys(&["j"]);
    }
    a.tmux.send_keys(&["r"]);
    a.wait(TIMEOUT, "the project restored", |s| {
        project_is(s, "Pay rent", "mine")
    });
    a.tmux.send_keys(&["Escape"]);
    a.wait(TIMEOUT, "the panel closed", |s| {
        !s.contains(" changed elsewhere ")
    });
    // It is a new edit, so it wins over the peer's and everyone ends with it.
    a.wait(SLOW, "the restored project synced", |s| {
        in_sync(s) && project_is(s, "Pay rent", "mine")
    });
    peer_until(&mut peer, rent, "the restored project", |p| {
        p == Some("mine")
    });
    b.wait(SLOW, "the restored project", |s| {
        in_sync(s) && project_is(s, "Pay rent", "mine")
    });
    for m in [&a, &b] {
        let screen = m.tmux.capture();
        assert_eq!(descriptions(&screen), everything, "{}", framed(&screen));
    }

    // 5. q right after an edit syncs it first (unless the timer was quicker), then ends.
    b.add("Last words", "Last words");
    // The edit timer leaves a second before it syncs by itself.
    b.wait(TIMEOUT, "the new task counted as unsynced", |s| {
        title(s).contains(" unsynced")
    });
    b.tmux.send_keys(&["q"]);
    assert_eq!(b.wait_for_exit_status(), "0", "tcui's exit status on b");
    a.wait(SLOW, "B's last task", |s| {
        in_sync(s) && row(s, "Last words").is_some() && count(s) == Some(4)
    });
    a.tmux.send_keys(&["q"]);
    assert_eq!(a.wait_for_exit_status(), "0", "tcui's exit status on a");
}

#[test]
fn tcui_syncs_by_itself_through_an_s3_bucket_with_taskchampion() {
    use support::moto::Moto;
    let moto = Moto::start("tasks");
    let world = World::with_sync(
        Uuid::nil(),
        &format!(
            "sync.aws.bucket=tasks\nsync.aws.region=us-east-1\nsync.aws.endpoint_url={}\n\
             sync.aws.force_path_style=true\nsync.aws.access_key_id=test\n\
             sync.aws.secret_access_key=test\n",
            moto.url()
        ),
    );
    let mut peer = Peer::new(moto.taskchampion_config("tasks", SECRET.as_bytes()));
    let theirs = peer.add("Renew passport");
    peer.sync();

    // taskchampion's task shows with no key pressed, and the title says all is sent.
    let a = world.start("a");
    let screen = a.wait(SLOW, "the peer's task, synced", |s| {
        row(s, "Renew passport").is_some() && in_sync(s)
    });
    assert_eq!(count(&screen), Some(1), "{}", framed(&screen));

    // A task added here reaches taskchampion by the background sync alone.
    a.add("Book flights project:trip", "Book flights");
    let start = Instant::now();
    let mine = loop {
        peer.sync();
        let found = peer
            .tasks()
            .into_iter()
            .find(|(_, t)| t.get("description").map(String::as_str) == Some("Book flights"));
        if let Some((uuid, t)) = found {
            assert_eq!(t.get("project").map(String::as_str), Some("trip"));
            break uuid;
        }
        assert!(
            start.elapsed() < SLOW,
            "tcui's task did not reach the bucket"
        );
        std::thread::sleep(Duration::from_millis(200));
    };

    // taskchampion changes both; tcui's screen follows by itself.
    peer.set(mine, "project", Some("holiday"));
    peer.set(theirs, "status", Some("completed"));
    peer.set(theirs, "end", Some("1800000000"));
    peer.sync();
    let screen = a.wait(SLOW, "taskchampion's changes", |s| {
        project_is(s, "Book flights", "holiday") && row(s, "Renew passport").is_none()
    });
    assert_eq!(
        descriptions(&screen),
        set(&["Book flights"]),
        "{}",
        framed(&screen)
    );
    a.tmux.send_keys(&["q"]);
    assert_eq!(a.wait_for_exit_status(), "0", "tcui's exit status");
    peer_until(&mut peer, mine, "the project kept", |p| {
        p == Some("holiday")
    });
}
