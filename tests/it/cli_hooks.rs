//! Taskwarrior's hooks on the command line: the user's scripts in the hooks folder run on
//! each task a command adds or changes, may change it or refuse, and what they say follows
//! the command's own output on standard error, as with `task` 3.1.0 (which printed, for the
//! same scripts, `Created task 1.` then `tagged it`; and `Modifying task 1 'Buy milk'.` then
//! `no changes on Sundays`, changing nothing).

use crate::support::children::InTurn;
use crate::support::isolated::tcui_command;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use tempfile::TempDir;

fn tcui(dir: &Path, args: &[&str]) -> Output {
    tcui_command(dir, args).output_in_turn().unwrap()
}

/// A home whose taskrc names `dir/hooks` as the hooks folder, holding these scripts.
fn home_with_hooks(scripts: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    let hooks = dir.path().join("hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::write(
        dir.path().join("taskrc"),
        format!("hooks.location={}\n", hooks.display()),
    )
    .unwrap();
    for (name, text) in scripts {
        let path = hooks.join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

const TAGGER: &str = "#!/usr/bin/env python3
import sys, json
t = json.loads(sys.stdin.read().splitlines()[-1])
t.setdefault('tags', []).append('hooked')
print(json.dumps(t))
print('tagged it')
";

const REFUSER: &str = "#!/bin/sh
cat >/dev/null
echo 'no changes on Sundays'
exit 1
";

fn export(dir: &Path) -> Vec<Value> {
    let out = tcui(dir, &["export"]);
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn an_on_add_script_changes_the_new_task_and_its_words_follow() {
    let dir = home_with_hooks(&[("on-add-tag", TAGGER)]);
    let out = tcui(dir.path(), &["add", "Buy milk"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Created task 1.\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "tagged it\n");
    let tasks = export(dir.path());
    assert_eq!(tasks[0]["tags"], serde_json::json!(["hooked"]));
    // In the same undo step as the add.
    let out = crate::support::cli_run::answering(dir.path(), &["undo"], "yes\n");
    assert!(out.status.success(), "{out:?}");
    assert!(export(dir.path()).is_empty());
}

#[test]
fn an_on_modify_script_that_refuses_leaves_the_task_as_it_was() {
    let dir = home_with_hooks(&[("on-modify-refuse", REFUSER)]);
    assert!(tcui(dir.path(), &["add", "Buy milk"]).status.success());
    let before = export(dir.path());
    let out = tcui(dir.path(), &["1", "modify", "pri:H"]);
    // As `task` 3.1.0 exits and says it.
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Modifying task 1 'Buy milk'.\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "no changes on Sundays\n"
    );
    assert_eq!(export(dir.path()), before);
    // With hooks off, the change is made.
    let out = tcui(dir.path(), &["rc.hooks=off", "1", "modify", "pri:H"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(export(dir.path())[0]["priority"], "H");
}

/// `on-launch` runs before the command and may stop it; `on-exit` runs after it with the
/// tasks it changed, one JSON line each.
#[test]
fn on_launch_may_stop_a_command_and_on_exit_hears_of_the_tasks_changed() {
    let dir = home_with_hooks(&[(
        "on-exit-count",
        "#!/bin/sh\necho \"$(grep -c uuid) task(s) changed\"\n",
    )]);
    let out = tcui(dir.path(), &["add", "Buy milk"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "1 task(s) changed\n");
    let out = tcui(dir.path(), &["list"]);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "0 task(s) changed\n");

    let dir = home_with_hooks(&[(
        "on-launch-closed",
        "#!/bin/sh\necho 'the shop is closed'\nexit 1\n",
    )]);
    let out = tcui(dir.path(), &["add", "Buy milk"]);
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "the shop is closed\n");
    let out = tcui(dir.path(), &["rc.hooks=off", "export"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[\n]");
}

/// A script that does not finish in `hooks.timeout` is stopped, and its change refused.
#[test]
fn a_script_that_hangs_is_stopped_after_the_timeout() {
    let dir = home_with_hooks(&[("on-add-hang", "#!/bin/sh\nsleep 30\n")]);
    let began = std::time::Instant::now();
    let out = tcui(dir.path(), &["rc.hooks.timeout=1s", "add", "Buy milk"]);
    assert!(began.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("the hook script on-add-hang did not finish within 1 s and was stopped"),
        "{out:?}"
    );
    assert!(export(dir.path()).is_empty());
}
