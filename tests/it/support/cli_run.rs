//! The real binary run as a user runs it, on an isolated data folder, and what it said.

use super::children::InTurn;

use std::path::Path;
use std::process::Output;

use super::isolated::tcui_command;
use tempfile::TempDir;

/// A folder with an empty taskrc, for `tcui_command` to use as home and data folder.
pub fn home() -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    dir
}

pub fn tcui(dir: &Path, args: &[&str]) -> Output {
    tcui_command(dir, args).output_in_turn().unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `tcui ARGS` with `input` on its standard input.
pub fn answering(dir: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = tcui_command(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn_in_turn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Run `args`, which must succeed, and return what it printed.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let out = tcui(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Run `args`, which must fail with an error (exit code 2, as `task`'s errors) and a message
/// on stderr containing `says`, printing nothing on stdout.
pub fn fails(dir: &Path, args: &[&str], says: &str) {
    fails_with(dir, args, 2, says);
}

/// Run `args`, which must find nothing to do (exit code 1, as `task`'s) and say `says` on
/// stderr, printing nothing on stdout.
pub fn finds_nothing(dir: &Path, args: &[&str], says: &str) {
    fails_with(dir, args, 1, says);
}

fn fails_with(dir: &Path, args: &[&str], code: i32, says: &str) {
    let out = tcui(dir, args);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
    assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
}

/// Every task, as `tcui export` writes it.
pub fn exported(dir: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(dir, &["export"])).unwrap()
}

/// Import `json` (as `task export` writes it) into the replica.
pub fn import(dir: &Path, json: &str) {
    let file = dir.join("import.json");
    std::fs::write(&file, json).unwrap();
    ok(dir, &["import", file.to_str().unwrap()]);
}
