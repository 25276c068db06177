//! Hook scripts in the interface: the replica's owner runs them before it commits a
//! change, off the interface's thread; what they change is in the same undo step, a
//! refusal puts the task back as it was and says why.

use crate::support::tui::*;

use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;
use std::time::Duration;

use tcui::app::hooks::{Hooks, Invocation};
use tcui::tui::Config;

/// An interface whose hooks folder holds these scripts, on the tasks `fill` adds; the
/// folder is kept with it.
fn with_hooks(
    scripts: &[(&str, &str)],
    fill: impl FnOnce(&mut tcui::replica::Replica),
) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::TempDir::new().unwrap();
    for (name, text) in scripts {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut config = Config::defaults();
    let hooks = Hooks::find(dir.path(), &Invocation::default(), Duration::from_secs(2));
    config.options.hooks = Some(Arc::new(hooks));
    (dir, Harness::with_config(config, fill))
}

#[test]
fn a_script_tags_what_is_added_and_one_undo_takes_both_back() {
    let (_dir, mut h) = with_hooks(
        &[(
            "on-add-tag",
            "#!/usr/bin/env python3\nimport sys, json\nt = json.loads(sys.stdin.readline())\n\
         t['tags'] = ['hooked']\nprint(json.dumps(t))\nprint('tagged it')\n",
        )],
        |_| {},
    );
    h.press(KeyCode::Char('a'));
    h.typed("Buy milk");
    h.press(KeyCode::Enter);
    let stored = h.stored();
    assert_eq!(stored[0].get("tag_hooked"), Some("x"), "{stored:?}");
    assert!(h.message().contains("tagged it"), "{}", h.message());
    h.press(KeyCode::Char('u'));
    assert!(h.stored().is_empty());
}

#[test]
fn a_refusal_or_a_hang_puts_the_task_back_and_says_why() {
    let mut uuid = Uuid::nil();
    let (_dir, mut h) = with_hooks(
        &[
            (
                "on-modify-refuse",
                "#!/bin/sh\ncat >/dev/null\necho 'not today'\nexit 1\n",
            ),
            ("on-add-hang", "#!/bin/sh\nsleep 30\n"),
        ],
        |r| uuid = add_task(r, "Buy milk", &[]),
    );
    h.press(KeyCode::Char('m'));
    h.typed("pri:H");
    h.press(KeyCode::Enter);
    assert!(h.message().contains("not today"), "{}", h.message());
    assert_eq!(h.app.core().tasks()[&uuid].get("priority"), None);
    h.press(KeyCode::Char('a'));
    h.typed("Pay rent");
    h.press(KeyCode::Enter);
    assert!(
        h.message()
            .contains("on-add-hang did not finish within 2 s"),
        "{}",
        h.message()
    );
    assert!(
        h.stored()
            .iter()
            .all(|t| t.get("description") != Some("Pay rent"))
    );
    assert!(
        h.app
            .core()
            .tasks()
            .values()
            .all(|t| t.description() != "Pay rent")
    );
}

/// While the owner runs the scripts, the status line says so with a spinner, and keys go
/// on; the answer replaces it.
#[test]
fn a_change_waiting_for_its_scripts_shows_a_spinner() {
    let (_dir, mut h) = with_hooks(&[("on-add-same", "#!/bin/sh\ncat\n")], |_| {});
    h.press(KeyCode::Char('a'));
    h.typed("Buy milk");
    // Enter, without the owner answering yet.
    let key = crossterm::event::KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    let effects = h.app.update(Event::Key(key));
    assert!(!effects.is_empty());
    let later = now() + chrono::Duration::milliseconds(1000);
    let ticked = h.app.update(Event::Tick(later));
    assert!(ticked.is_empty());
    assert!(
        h.screen()
            .contains("⠋ add \"Buy milk\"… (hook scripts running)"),
        "{}",
        h.screen()
    );
    h.run(effects);
    assert!(
        !h.screen().contains("hook scripts running"),
        "{}",
        h.screen()
    );
    assert_eq!(h.stored().len(), 1);
}

/// Around a session of the real interface (in tmux), as around a `task` command:
/// `on-launch` before it, `on-exit` after it with the tasks it changed.
#[test]
fn on_launch_and_on_exit_run_around_a_session() {
    use crate::support::tmux::{Place, Tmux, status, title};
    let place = Place::new();
    let hooks = place.file("hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    let launched = place.file("launched");
    let exited = place.file("exited");
    for (name, text) in [
        (
            "on-launch-mark",
            format!("#!/bin/sh\ntouch {}\n", launched.display()),
        ),
        (
            "on-exit-keep",
            format!("#!/bin/sh\ncat > {}\n", exited.display()),
        ),
    ] {
        let path = hooks.join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(
        place.file("taskrc"),
        format!("hooks.location={}\n", hooks.display()),
    )
    .unwrap();
    let tmux = Tmux::start(100, 30, &place.tcui_command());
    tmux.wait_for("the empty list", |s| title(s).contains("· 0 tasks"));
    assert!(launched.exists(), "on-launch ran before the interface");
    tmux.send_keys(&["a"]);
    tmux.wait_for("the add prompt", |s| status(s) == "add:");
    tmux.send_text("Buy milk");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("the task added", |s| status(s) == "add \"Buy milk\"");
    tmux.send_keys(&["q"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0");
    let changed = std::fs::read_to_string(&exited).unwrap();
    assert_eq!(changed.lines().count(), 1, "{changed}");
    assert!(
        changed.contains("\"description\":\"Buy milk\""),
        "{changed}"
    );
}
