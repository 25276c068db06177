//! The real binary in a real terminal: tmux runs `tcui` in a detached session of a fixed size
//! on its own server socket, the tests type keys (`send-keys`) and read the screen
//! (`capture-pane`), waiting by polling the screen, never by sleeping a guessed time.
//!
//! tmux is required: without it these tests fail and say how to install it (`.ci/run`
//! installs it). The user's tmux server, settings, taskrc and tcui settings are never touched.

mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use support::tmux::{POLL, TIMEOUT, Tmux, flat, framed, row, shell_quote, status, title};
use tcui::replica::Replica;
use tempfile::TempDir;

/// Where one test keeps its replica, home folder and what the shell around tcui records.
struct Place {
    dir: TempDir,
}

impl Place {
    fn new() -> Place {
        let place = Place {
            dir: TempDir::new().unwrap(),
        };
        std::fs::create_dir(place.home()).unwrap();
        // An empty taskrc of its own: no sync configured, and the user's taskrc never read.
        std::fs::write(place.file("taskrc"), "").unwrap();
        place
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// tcui on this replica, with no settings of the user's (an empty taskrc, a settings file
    /// that does not exist), inside a shell that records the
    /// terminal settings before and after and tcui's exit status, then waits for a line, so
    /// that the terminal can be looked at after tcui and before tmux marks the pane dead
    /// (which hides the cursor).
    fn tcui_command(&self) -> Vec<String> {
        let q = |p: PathBuf| shell_quote(&p.to_string_lossy());
        let script = format!(
            "stty -g > {before}; \
             env -u TCUI_DATA TCUI_CONFIG={none} TASKRC={taskrc} HOME={home} \
             TERM=xterm-256color {bin} --data-dir {data}; \
             status=$?; stty -g > {after}; echo $status > {status}.new; mv {status}.new {status}; \
             read line; exit $status",
            before = q(self.file("stty.before")),
            none = q(self.file("no-config.rc")),
            taskrc = q(self.file("taskrc")),
            home = q(self.home()),
            bin = shell_quote(env!("CARGO_BIN_EXE_tcui")),
            data = q(self.data()),
            after = q(self.file("stty.after")),
            status = q(self.file("status")),
        );
        vec!["sh".into(), "-c".into(), script]
    }

    /// Poll until tcui has ended, and return its exit status.
    fn wait_for_exit_status(&self, tmux: &Tmux) -> String {
        let start = Instant::now();
        loop {
            if let Ok(status) = std::fs::read_to_string(self.file("status")) {
                return status.trim().to_string();
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "tcui did not end within {TIMEOUT:?}; the screen was:\n{}",
                    framed(&tmux.capture())
                );
            }
            std::thread::sleep(POLL);
        }
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name))
            .unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
    }

    /// tcui's summary of the replica, without a terminal.
    fn summary(&self) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_tcui"))
            .arg("--data-dir")
            .arg(self.data())
            .env_remove("TCUI_DATA")
            .env("HOME", self.home())
            .env("TASKRC", self.file("taskrc"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// Whether `row` shows `project`, then `tag`, then a due date like `6h`, `10d` or `-2min`.
fn shows_project_tag_and_due(row: &str, project: &str, tag: &str) -> bool {
    let words: Vec<&str> = row.split_whitespace().collect();
    let Some(i) = words.iter().position(|w| *w == project) else {
        return false;
    };
    let due = words.get(i + 2).map_or("", |w| w.trim_start_matches('-'));
    let unit = due.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    words.get(i + 1) == Some(&tag)
        && unit.len() < due.len()
        && ["s", "min", "h", "d", "w", "mo", "y"].contains(&unit)
}

#[test]
fn add_modify_filter_done_undo_and_quit_in_a_real_terminal() {
    let place = Place::new();
    let tmux = Tmux::start(100, 30, &place.tcui_command());

    // The bottom line is drawn last, so a frame is whole once it shows.
    tmux.wait_for("the empty next view", |s| {
        title(s).contains("tcui · next · 0 tasks")
            && s.contains("no next tasks (a adds one)")
            && status(s).starts_with("a add  m modify  d done  u undo")
    });

    // Add two tasks; each is committed when its message loses the `…`.
    for (text, description) in [
        ("Pay rent project:home +bills due:tomorrow", "Pay rent"),
        (
            "Water plants project:garden +outdoor due:10d",
            "Water plants",
        ),
    ] {
        tmux.send_keys(&["a"]);
        tmux.wait_for("the add prompt", |s| status(s) == "add:");
        tmux.send_text(text);
        tmux.wait_for("the typed task in the prompt", |s| {
            status(s) == format!("add: {text}")
        });
        tmux.send_keys(&["Enter"]);
        let committed = format!("add {description:?}");
        tmux.wait_for(&committed, |s| status(s) == committed);
    }
    let screen = tmux.wait_for("two tasks", |s| title(s).contains("· 2 tasks"));
    let header = screen.lines().nth(1).unwrap();
    for column in ["ID", "Age", "Project", "Tags", "Due", "Description"] {
        assert!(header.contains(column), "no {column} in {header:?}");
    }
    let rent = row(&screen, "Pay rent").expect("a Pay rent row");
    assert!(shows_project_tag_and_due(rent, "home", "bills"), "{rent:?}");
    let plants = row(&screen, "Water plants").expect("a Water plants row");
    assert!(shows_project_tag_and_due(plants, "garden", "outdoor"));
    // A new task gets the cursor.
    let cursor = tmux.cursor_row().unwrap_or_default();
    assert!(cursor.trim_end().ends_with("Water plants"), "{cursor:?}");

    // Modify the task under the cursor.
    tmux.send_keys(&["m"]);
    tmux.wait_for("the modify prompt", |s| status(s) == "modify:");
    tmux.send_text("project:work");
    tmux.send_keys(&["Enter"]);
    let screen = tmux.wait_for("the modify committed", |s| {
        status(s).starts_with("modify ") && status(s).ends_with("\"Water plants\"")
    });
    let plants = row(&screen, "Water plants").unwrap();
    assert!(
        shows_project_tag_and_due(plants, "work", "outdoor"),
        "{plants:?}"
    );
    let rent = row(&screen, "Pay rent").unwrap();
    assert!(shows_project_tag_and_due(rent, "home", "bills"), "{rent:?}");

    // The filter applies as it is typed; Enter keeps it, Esc in the list clears it.
    tmux.send_keys(&["/"]);
    tmux.wait_for("the filter prompt", |s| status(s) == "filter:");
    tmux.send_text("project:work");
    tmux.wait_for("the live filter", |s| {
        title(s).contains("· 1 task · filter: project:work") && row(s, "Pay rent").is_none()
    });
    tmux.send_keys(&["Enter"]);
    let screen = tmux.wait_for("the filter kept", |s| !status(s).starts_with("filter:"));
    assert!(
        title(&screen).contains("· 1 task · filter: project:work"),
        "{}",
        framed(&screen)
    );
    assert!(row(&screen, "Water plants").is_some());
    assert!(row(&screen, "Pay rent").is_none());
    tmux.send_keys(&["Escape"]);
    let screen = tmux.wait_for("the filter cleared", |s| {
        !title(s).contains("filter:") && row(s, "Pay rent").is_some()
    });
    assert!(title(&screen).contains("· 2 tasks"));

    // Done takes the task out of the next view; undo brings it back.
    tmux.select("Water plants");
    tmux.send_keys(&["d"]);
    let screen = tmux.wait_for("the done committed", |s| {
        status(s).starts_with("done ") && status(s).ends_with("\"Water plants\"")
    });
    assert!(
        row(&screen, "Water plants").is_none(),
        "{}",
        framed(&screen)
    );
    assert!(title(&screen).contains("· 1 task"));
    tmux.send_keys(&["u"]);
    let screen = tmux.wait_for("the undo committed", |s| {
        status(s).starts_with("undone: done ") && status(s).ends_with("\"Water plants\"")
    });
    assert!(
        row(&screen, "Water plants").is_some(),
        "{}",
        framed(&screen)
    );
    assert!(title(&screen).contains("· 2 tasks"));

    // q ends tcui and gives the terminal back as it was.
    tmux.send_keys(&["q"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0", "tcui's exit status");
    assert_eq!(
        place.read("stty.after"),
        place.read("stty.before"),
        "terminal modes"
    );
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "still on the alternate screen"
    );
    assert_eq!(tmux.format("#{cursor_flag}"), "1", "the cursor is hidden");
    assert_eq!(
        tmux.format("#{mouse_any_flag}"),
        "0",
        "mouse capture left on"
    );
    let screen = tmux.capture();
    assert!(screen.trim().is_empty(), "{}", framed(&screen));
    tmux.send_keys(&["Enter"]);
    tmux.wait_for_pane_dead();
    drop(tmux);

    let summary = place.summary();
    assert!(summary.contains("tasks     2 (2 with an ID)"), "{summary}");
}

#[test]
fn a_window_too_small_says_so_and_growing_it_shows_the_list() {
    let place = Place::new();
    std::fs::create_dir(place.data()).unwrap();
    let mut replica = Replica::open(place.data().join("replica.redb")).unwrap();
    replica
        .commit_operations(tcui::demo::demo_operations(40, 30, chrono::Utc::now(), 7))
        .unwrap();
    drop(replica);

    let tmux = Tmux::start(30, 6, &place.tcui_command());
    let screen = tmux.wait_for("the size message", |s| {
        flat(s).contains("The terminal is 30×6; tcui needs at least 40×8.")
    });
    assert!(!screen.contains("tcui · next"), "{}", framed(&screen));

    tmux.resize(100, 30);
    // Once the bottom line shows the key hints, the whole screen is there.
    let screen = tmux.wait_for("the list", |s| {
        title(s).starts_with(" tcui · next · ")
            && s.lines().nth(1).is_some_and(|h| h.starts_with("ID"))
            && status(s).starts_with("a add")
    });
    let words: Vec<&str> = title(&screen).split_whitespace().collect();
    let tasks: usize = words
        .windows(2)
        .find_map(|w| (w[1] == "tasks" || w[1] == "task").then(|| w[0].parse().ok())?)
        .expect("a task count in the title");
    let rows = screen
        .lines()
        .skip(2)
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|w| w.parse::<u32>().is_ok())
        })
        .count();
    // 30 lines: the title, the header and the bottom line leave 27 for tasks.
    assert!(tasks > 0);
    assert_eq!(rows, tasks.min(27), "{}", framed(&screen));

    // One column short of the minimum is too small again.
    tmux.resize(39, 8);
    tmux.wait_for("the size message again", |s| {
        flat(s).contains("The terminal is 39×8; tcui needs at least 40×8.")
    });
    tmux.send_keys(&["q"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0", "tcui's exit status");
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "still on the alternate screen"
    );
}

/// The pid of the tcui process running on `data` (not the shell around it), from /proc.
fn tcui_pid(data: &std::path::Path) -> Option<u32> {
    let data = data.to_string_lossy().into_owned();
    std::fs::read_dir("/proc").ok()?.find_map(|entry| {
        let entry = entry.ok()?;
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
        let args: Vec<String> = cmdline
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let is_tcui = args.first().is_some_and(|a| a.ends_with("/tcui"));
        (is_tcui && args.contains(&data)).then_some(pid)
    })
}

#[test]
fn sigterm_ends_tcui_cleanly_with_the_terminal_restored() {
    let place = Place::new();
    let tmux = Tmux::start(100, 30, &place.tcui_command());
    tmux.wait_for("the first screen", |s| status(s).starts_with("a add"));
    let pid = tcui_pid(&place.data()).expect("the tcui process");
    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(place.wait_for_exit_status(&tmux), "0", "tcui's exit status");
    assert_eq!(
        place.read("stty.after"),
        place.read("stty.before"),
        "terminal modes"
    );
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "0",
        "still on the alternate screen"
    );
    assert_eq!(
        tmux.format("#{mouse_any_flag}"),
        "0",
        "mouse capture left on"
    );
}
