//! The command line beside a running interface, through the real binary: the interface in
//! tmux lends its replica over its socket, so `tcui add`, `list`, `export` and `status` work
//! with the same output as alone, and what they change shows on its screen with no key
//! pressed and is undone by `u`. A killed interface's socket is cleaned up; a socket that
//! is not the user's alone is refused.

use crate::support::children::{InTurn, OpenInTurn};
use crate::support::tmux::{Place, Tmux, row, status, title};

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

use tcui::replica::Replica;

fn run(place: &Place, args: &[&str]) -> Output {
    place.run(args)
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Two tasks, one due tomorrow.
fn place_with_tasks() -> Place {
    let place = Place::new();
    place.ok(&["add", "Pay rent", "due:tomorrow", "+home"]);
    place.ok(&["add", "Call Bob", "project:work"]);
    place
}

#[test]
fn commands_beside_a_running_interface_answer_as_alone_and_show_on_its_screen() {
    let place = place_with_tasks();
    // A report without ages, which tick between the runs.
    let alone_list = place.ok(&["minimal"]);
    let alone_export = place.ok(&["export"]);
    let alone_status = place.ok(&["status", "--json"]);
    let bad = ["add", "due:blorp", "x"];
    let alone_bad = run(&place, &bad);
    let tmux = Tmux::start(100, 20, &place.tcui_command());
    tmux.wait_for("the tasks", |s| title(s).contains("2 tasks"));
    assert!(place.data().join("tcui.sock").exists());

    assert_eq!(place.ok(&["minimal"]), alone_list, "a report");
    assert_eq!(place.ok(&["export"]), alone_export, "export");
    assert_eq!(place.ok(&["status", "--json"]), alone_status, "status");
    let line = place.ok(&["status"]);
    assert!(
        line.starts_with("2 pending, 0 overdue, 0 due today, 0 active, ")
            && line.ends_with(" unsynced\n"),
        "{line}"
    );

    let out = place.ok(&["add", "Buy milk", "+shop"]);
    assert_eq!(out, "Created task 3.\n");
    // On the interface's screen, with no key pressed.
    let screen = tmux.wait_for("the added task", |s| {
        title(s).contains("3 tasks") && row(s, "Buy milk").is_some()
    });
    assert!(
        status(&screen).contains("tcui add Buy milk +shop"),
        "{screen}"
    );
    let out = run(&place, &["2", "done"]);
    assert!(out.status.success(), "{}", text(&out));
    tmux.wait_for("the task done", |s| {
        title(s).contains("2 tasks") && row(s, "Call Bob").is_none()
    });
    // Each command is an undo step of the interface's, newest first.
    tmux.send_keys(&["u"]);
    tmux.wait_for("the done undone", |s| row(s, "Call Bob").is_some());
    tmux.send_keys(&["u"]);
    tmux.wait_for("the add undone", |s| row(s, "Buy milk").is_none());
    assert!(!place.ok(&["list"]).contains("Buy milk"));

    // A command that fails beside it fails as alone, with the same words and code.
    let out = run(&place, &bad);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert_eq!(text(&out), text(&alone_bad));

    tmux.send_keys(&["q"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0");
    assert!(
        !place.data().join("tcui.sock").exists(),
        "the socket goes with the interface"
    );
}

#[test]
fn a_killed_interfaces_socket_is_cleaned_up_and_the_next_one_serves() {
    let place = place_with_tasks();
    let tmux = Tmux::start(100, 20, &place.tcui_command());
    tmux.wait_for("the tasks", |s| title(s).contains("2 tasks"));
    let shell = tmux.format("#{pane_pid}");
    let out = Command::new("pgrep")
        .args(["-P", &shell])
        .output_in_turn()
        .unwrap();
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "tcui's process");
    let killed = Command::new("kill")
        .args(["-9", &pid])
        .output_in_turn()
        .unwrap();
    assert!(killed.status.success());
    place.wait_for_exit_status(&tmux);
    assert!(place.data().join("tcui.sock").exists(), "left behind");

    // Commands work at once, and the socket left behind is removed.
    assert!(place.ok(&["list"]).contains("Call Bob"));
    place.ok(&["add", "After the crash"]);
    assert!(place.ok(&["status"]).starts_with("3 pending"));

    let tmux = Tmux::start(100, 20, &place.tcui_command());
    tmux.wait_for("the tasks", |s| title(s).contains("3 tasks"));
    assert!(place.ok(&["list"]).contains("After the crash"));
    tmux.send_keys(&["q"]);
}

#[test]
fn a_socket_that_is_not_the_users_alone_is_refused() {
    let place = place_with_tasks();
    // The replica is held (as by an interface) and a socket others may reach is beside it.
    let _held = Replica::open_in_turn(place.data().join("replica.redb")).unwrap();
    let path = place.data().join("tcui.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    let out = run(&place, &["list"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("is not a socket of yours that only you can reach"),
        "{}",
        text(&out)
    );
    // Another user's, where the test may make one (as root).
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let chowned = Command::new("chown")
        .args(["65534", &path.to_string_lossy()])
        .output_in_turn()
        .unwrap();
    if chowned.status.success() {
        let out = run(&place, &["list"]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(
            text(&out).contains("not a socket of yours"),
            "{}",
            text(&out)
        );
    }
}

#[test]
fn with_the_replica_held_and_no_interface_serving_the_refusal_says_so() {
    let place = place_with_tasks();
    let _held = Replica::open_in_turn(place.data().join("replica.redb")).unwrap();
    let out = run(&place, &["list"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("already open"), "{}", text(&out));
}

/// A command beside the interface runs its own hook scripts (with its environment), as
/// alone; while it has the replica, a change made in the interface waits, says for what, and
/// is committed once the command is done.
#[test]
fn a_change_in_the_interface_waits_for_a_command_that_has_the_replica() {
    let place = place_with_tasks();
    let hooks = place.file("hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    let hook = hooks.join("on-modify.slow");
    std::fs::write(
        &hook,
        "#!/bin/sh\nread before\nread after\nif [ -n \"$SLOW\" ]; then touch \"$SLOW\"; sleep 2; fi\necho \"$after\"\necho \"slow hook done\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(
        place.file("taskrc"),
        format!("hooks.location={}\n", hooks.display()),
    )
    .unwrap();
    let tmux = Tmux::start(110, 20, &place.tcui_command());
    tmux.wait_for("the tasks", |s| title(s).contains("2 tasks"));
    let mut slow = place.command(&["1", "modify", "+late"]);
    let started = place.file("hook-started");
    slow.env("SLOW", &started)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = slow.spawn_in_turn().unwrap();
    // The command has the replica (its hook sleeps): `d` on the task under the cursor waits.
    // Its hook runs while it has the replica: wait until it has begun.
    let began = std::time::Instant::now();
    while !started.exists() {
        assert!(
            began.elapsed() < std::time::Duration::from_secs(20),
            "the hook never ran"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    tmux.send_keys(&["d"]);
    tmux.wait_for("the wait to be told", |s| {
        status(s).contains("(waiting for `tcui 1 modify +late`, which has the replica)")
    });
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("slow hook done"), "{}", text(&out));
    // Then the interface's change goes through.
    tmux.wait_for("the change made", |s| title(s).contains("1 task"));
    let export = place.ok(&["export"]);
    assert!(export.contains("\"late\""), "{export}");
    assert!(export.contains("\"completed\""), "{export}");
    tmux.send_keys(&["q"]);
}

/// A report beside the interface renumbers as `task` does, so an ID typed next means what it
/// means alone; the interface takes the new IDs.
#[test]
fn a_report_beside_the_interface_renumbers_as_alone_and_the_interface_follows() {
    let place = place_with_tasks();
    let tmux = Tmux::start(100, 20, &place.tcui_command());
    tmux.wait_for("the tasks", |s| title(s).contains("2 tasks"));
    place.ok(&["1", "done"]);
    let list = place.ok(&["list"]);
    let bob = list
        .lines()
        .find(|l| l.contains("Call Bob"))
        .unwrap_or_default()
        .to_string();
    assert!(bob.trim_start().starts_with("1 "), "{list}");
    let out = place.ok(&["1", "annotate", "about the party"]);
    assert!(out.contains("'Call Bob'"), "{out}");
    tmux.wait_for("the new ID on screen", |s| {
        s.lines()
            .skip(2)
            .any(|l| l.contains("Call Bob") && l.trim_start().starts_with("1 "))
    });
    tmux.send_keys(&["q"]);
}

/// Commands run at once beside the interface (a status bar and a quick-capture hotkey, say)
/// all succeed: each waits its turn for the replica, whether it is lent or held by another.
#[test]
fn commands_run_at_once_beside_the_interface_all_succeed() {
    let place = place_with_tasks();
    let tmux = Tmux::start(100, 20, &place.tcui_command());
    tmux.wait_for("the tasks", |s| title(s).contains("2 tasks"));
    for round in 0..4 {
        let children: Vec<_> = (0..5)
            .map(|i| {
                let description = format!("task {round}.{i}");
                let args: Vec<&str> = if i == 4 {
                    vec!["list"]
                } else {
                    vec!["add", &description]
                };
                let mut command = place.command(&args);
                command
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped());
                command.spawn_in_turn().unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", text(&out));
        }
    }
    tmux.wait_for("every task", |s| title(s).contains("18 tasks"));
    let export = place.ok(&["export"]);
    assert_eq!(export.matches("\"uuid\"").count(), 18, "{export}");
    tmux.send_keys(&["q"]);
}
