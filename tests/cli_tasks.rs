//! The task commands for scripts, run as a user runs them: `tcui add`, `tcui list`, and
//! `tcui ID done|modify|annotate|delete`, with exit codes and messages on stderr.

use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;

fn tcui(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tcui"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .args(args)
        .env("HOME", dir)
        .env("TASKRC", dir.join("taskrc"))
        .env("TCUI_CONFIG", dir.join("none.rc"))
        .env_remove("TCUI_DATA")
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn add_list_change_and_fail_like_a_script_expects() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let out = tcui(
        dir.path(),
        &["add", "Pay", "rent", "project:home", "+bills", "due:3d"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "created task 1: Pay rent\n");
    let out = tcui(dir.path(), &["add", "Water", "plants", "-tag", "pri:H"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Piped: a plain table with no colour codes.
    let out = tcui(dir.path(), &["list"]);
    let table = stdout(&out);
    assert!(!table.contains('\u{1b}'), "{table:?}");
    let lines: Vec<&str> = table.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        ["ID", "Age", "Project", "Tags", "Due", "Urg", "Description"]
    );
    assert!(
        lines[1].ends_with("Pay rent") || lines[2].ends_with("Pay rent"),
        "{table}"
    );
    assert_eq!(lines.last(), Some(&"2 tasks"));

    let out = tcui(dir.path(), &["list", "+bills"]);
    assert!(stdout(&out).contains("Pay rent") && !stdout(&out).contains("Water"));

    let out = tcui(dir.path(), &["1", "modify", "project:work", "-bills"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "modify 1 \"Pay rent\"\n");
    let out = tcui(dir.path(), &["1,2", "annotate", "checked", "twice"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tcui(dir.path(), &["1", "done"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tcui(dir.path(), &["list"]);
    assert!(!stdout(&out).contains("Pay rent"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("Water plants [1]"),
        "{}",
        stdout(&out)
    );

    // Failures: a message on stderr, nothing on stdout, a non-zero exit, nothing changed.
    for (args, says) in [
        (
            &["add", "Call", "mum", "due:fryday"][..],
            "'fryday' is not a date",
        ),
        (
            &["add", "Call", "mum", "colour:blue"],
            "unknown attribute 'colour'",
        ),
        (&["9", "done"], "there is no task 9"),
        (&["1", "explode"], "is not something tcui does"),
        (&["frobnicate"], "is not a command or a task ID"),
        (&["list", "project:"], ""),
    ] {
        let out = tcui(dir.path(), args);
        if says.is_empty() {
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
            continue;
        }
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
    }
    let out = tcui(dir.path(), &["list"]);
    assert_eq!(stdout(&out).lines().last(), Some("1 task"));
}
