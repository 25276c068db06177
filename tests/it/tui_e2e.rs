//! The real binary in a real terminal: tmux runs `tcui` in a detached session of a fixed size
//! on its own server socket, the tests type keys (`send-keys`) and read the screen
//! (`capture-pane`), waiting by polling the screen, never by sleeping a guessed time.
//!
//! tmux is required: without it these tests fail and say how to install it (`.ci/run`
//! installs it). The user's tmux server, settings, taskrc and tcui settings are never touched.

use crate::support;
use crate::support::children::{InTurn, OpenInTurn};

use std::process::Command;

use support::process::tcui_pid;
use support::tmux::{Place, Tmux, flat, framed, row, shows_description, status, title};
use tcui::replica::Replica;

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
    for column in ["ID", "Age", "Project", "Tag", "Due", "Description", "Urg"] {
        assert!(header.contains(column), "no {column} in {header:?}");
    }
    let rent = row(&screen, "Pay rent").expect("a Pay rent row");
    assert!(shows_project_tag_and_due(rent, "home", "bills"), "{rent:?}");
    let plants = row(&screen, "Water plants").expect("a Water plants row");
    assert!(shows_project_tag_and_due(plants, "garden", "outdoor"));
    // A new task gets the cursor.
    let cursor = tmux.cursor_row().unwrap_or_default();
    assert!(shows_description(&cursor, "Water plants"), "{cursor:?}");

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
    place.assert_terminal_restored(&tmux);
    assert_eq!(tmux.format("#{cursor_flag}"), "1", "the cursor is hidden");
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
    let mut replica = Replica::open_in_turn(place.data().join("replica.redb")).unwrap();
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

#[test]
fn sigterm_ends_tcui_cleanly_with_the_terminal_restored() {
    let place = Place::new();
    let tmux = Tmux::start(100, 30, &place.tcui_command());
    tmux.wait_for("the first screen", |s| status(s).starts_with("a add"));
    let pid = tcui_pid(&place.data()).expect("the tcui process");
    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status_in_turn()
        .unwrap();
    assert!(killed.success());
    assert_eq!(place.wait_for_exit_status(&tmux), "0", "tcui's exit status");
    place.assert_terminal_restored(&tmux);
}
