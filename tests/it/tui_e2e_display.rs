//! What the real binary draws in a real terminal (tmux, as in `tui_e2e.rs`): wide characters
//! leave nothing behind and keep the boxes in line, a small terminal still shows the
//! descriptions with columns that stay put, and an edit made in `$EDITOR` shows as soon as
//! it is committed, with no key pressed.

use crate::support;

use support::tmux::{Place, Tmux, framed, status, title};
use tcui::task::{Operation, TaskData};
use tcui::text::width;
use uuid::Uuid;

const FLAG: &str = "🇫🇷";
const FLAGS: &str = "🇫🇷🇩🇪🇮🇹";
const FAMILY: &str = "👨\u{200d}👩\u{200d}👧";

/// Tasks with these descriptions (and projects), committed before tcui starts.
fn fill(place: &Place, tasks: &[(&str, Option<&str>)]) {
    let mut replica = place.replica();
    let mut ops = vec![Operation::UndoPoint];
    for (i, (description, project)) in tasks.iter().enumerate() {
        let mut t = TaskData::create(Uuid::new_v4(), &mut ops);
        let now = chrono::Utc::now();
        t.update("status", Some("pending".into()), now, &mut ops);
        t.update("description", Some(description.to_string()), now, &mut ops);
        let entry = (1_795_000_000 + i).to_string();
        t.update("entry", Some(entry), now, &mut ops);
        if let Some(p) = project {
            t.update("project", Some(p.to_string()), now, &mut ops);
        }
    }
    replica.commit_operations(ops).unwrap();
}

/// Every line of the screen takes no more than `w` cells, and every line of a box is closed
/// by its right border in the same column as its top line.
fn assert_in_line(screen: &str, w: usize) {
    let mut right: Option<usize> = None;
    for line in screen.lines() {
        assert!(
            width(line) <= w,
            "a line wider than {w}:\n{}",
            framed(screen)
        );
        if line.contains('┌') {
            right = line.rfind('┐').map(|at| width(&line[..at]));
        } else if line.contains('└') {
            right = None;
        } else if let Some(r) = right {
            let at = line.rfind('│').map(|at| width(&line[..at]));
            assert_eq!(at, Some(r), "a box border out of line:\n{}", framed(screen));
        }
    }
}

#[test]
fn wide_characters_are_shown_whole_and_leave_nothing_behind() {
    let place = Place::new();
    let long = format!("Trip {}", FLAGS.repeat(25));
    fill(
        &place,
        &[
            (&long, Some("travel")),
            (&format!("x{}", FLAGS.repeat(25)), None),
            (&format!("Call the {FAMILY} about 日本"), Some("home")),
        ],
    );
    let tmux = Tmux::start(80, 24, &place.tcui_command());
    let screen = tmux.wait_for("the list", |s| status(s).starts_with("a add"));
    assert_in_line(&screen, 80);

    // A message holding a ZWJ sequence and a flag shows them as they are.
    let text = format!("Dinner {FAMILY} in {FLAG} Paris");
    tmux.send_keys(&["a"]);
    tmux.wait_for("the add prompt", |s| status(s) == "add:");
    tmux.send_text(&text);
    tmux.send_keys(&["Enter"]);
    let said = format!("add \"{text}\"");
    let screen = tmux.wait_for(&said, |s| status(s) == said);
    assert_in_line(&screen, 80);

    // The message gives way to a prompt, and back, leaving nothing of itself behind.
    tmux.send_keys(&["m"]);
    tmux.wait_for("the modify prompt alone", |s| status(s) == "modify:");
    tmux.send_keys(&["Escape"]);
    tmux.wait_for("the message back", |s| status(s) == said);

    // The detail pane under the list keeps its borders in line for every task.
    tmux.send_keys(&["Enter"]);
    let mut shown = tmux.wait_for("the detail pane", |s| s.contains("┌ detail"));
    tmux.send_keys(&["g"]);
    for _ in 0..3 {
        assert_in_line(&shown, 80);
        tmux.send_keys(&["j"]);
        tmux.wait_for("the next task's detail", |s| s != shown);
        // A capture taken while the terminal is still being redrawn would mix two frames.
        shown = settled(&tmux);
    }
    assert_in_line(&shown, 80);
    // Wider, the pane sits beside the list.
    tmux.resize(121, 30);
    tmux.wait_for("the pane beside the list", |s| {
        s.lines().nth(1).is_some_and(|l| l.contains("┌ detail"))
    });
    assert_in_line(&settled(&tmux), 121);
    tmux.send_keys(&["q"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0");
}

#[test]
fn a_small_terminal_keeps_the_description_and_columns_stay_put() {
    let place = Place::new();
    let mut replica = place.replica();
    replica
        .commit_operations(tcui::demo::demo_operations(300, 200, chrono::Utc::now(), 7))
        .unwrap();
    drop(replica);
    let tmux = Tmux::start(40, 10, &place.tcui_command());
    tmux.wait_for("the list", |s| {
        s.lines().nth(1).is_some_and(|h| h.starts_with("ID")) && status(s).starts_with("a add")
    });
    // Columns are sized from the whole view once every task is loaded, which the screen does not
    // show: wait until it has stayed the same for a while.
    let screen = settled(&tmux);
    let header = screen.lines().nth(1).unwrap().to_string();
    assert!(header.ends_with("Description"), "{}", framed(&screen));
    // The view and its count stay; the name gives way to the sync state.
    assert!(
        title(&screen).starts_with(" next · ") && title(&screen).contains(" tasks"),
        "{}",
        framed(&screen)
    );
    let start = width(&header[..header.find("Description").unwrap()]);
    for line in screen.lines().skip(2).take(7) {
        let description: String = line.chars().skip(start).collect();
        assert!(description.trim().len() >= 10, "{}", framed(&screen));
    }
    // Page through the list, and to its end: the header never moves.
    let mut shown = screen;
    for key in ["NPage", "NPage", "NPage", "NPage", "NPage", "End"] {
        tmux.send_keys(&[key]);
        shown = tmux.wait_for("the next rows", |s| {
            s.lines().nth(2) != shown.lines().nth(2)
        });
        assert_eq!(
            shown.lines().nth(1),
            Some(header.as_str()),
            "{}",
            framed(&shown)
        );
    }
    tmux.send_keys(&["q"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0");
}

/// The screen once it has not changed for half a second (within 20 s).
fn settled(tmux: &Tmux) -> String {
    let start = std::time::Instant::now();
    let mut last = tmux.capture();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(500));
        let now = tmux.capture();
        if now == last || start.elapsed() > std::time::Duration::from_secs(20) {
            return now;
        }
        last = now;
    }
}

#[test]
fn an_edit_in_the_editor_shows_without_a_key() {
    let place = Place::new();
    fill(&place, &[("Renew the passport", None)]);
    let editor = place.file("edit.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/^project:.*$/project: admin/' \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let editor = editor.to_string_lossy().into_owned();
    let tmux = Tmux::start(
        80,
        24,
        &place.tcui_command_with(&[("EDITOR", &editor), ("VISUAL", &editor)]),
    );
    tmux.wait_for("the list", |s| status(s).starts_with("a add"));
    tmux.send_keys(&["E"]);
    // No other key: the commit and its message must show by themselves.
    let screen = tmux.wait_for("the edit committed", |s| {
        status(s) == "edit 1 \"Renew the passport\""
    });
    assert!(
        screen
            .lines()
            .any(|l| l.contains("admin") && l.contains(" Renew the passport ")),
        "{}",
        framed(&screen)
    );
    tmux.send_keys(&["q"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0");
}
