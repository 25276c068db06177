//! `tcui import` and `tcui export` as a user or a script runs them: the taskrc's
//! `data.location`, `~/.task`, standard input, pipes between two replicas, and failures
//! that exit non-zero with the message on standard error and nothing on standard output.

use crate::support;
use crate::support::children::{InTurn, OpenInTurn};

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use support::taskwarrior::{sample, snapshot, uuid, write_older_layout};
use tcui::cli::REPLICA_FILE;
use tcui::replica::Replica;
use tempfile::TempDir;

fn tcui_in(home: &Path, data: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tcui"))
        .arg("--data-dir")
        .arg(home.join(data))
        .args(args)
        .env("HOME", home)
        .env("TASKRC", home.join("taskrc"))
        .env("TCUI_CONFIG", home.join("tcui.rc"))
        .env_remove("TCUI_DATA")
        .env_remove("TASKDATA")
        .env_remove("XDG_CONFIG_HOME")
        .current_dir(home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn_in_turn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn tcui(home: &Path, args: &[&str]) -> Output {
    tcui_in(home, "data", args, None)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    assert_eq!(stderr(out), "");
    stdout(out)
}

fn tasks_in(home: &Path, data: &str) -> support::peer::Tasks {
    let rep = Replica::open_in_turn(home.join(data).join(REPLICA_FILE)).unwrap();
    support::peer::tcui_tasks(&rep)
}

fn ws() -> Vec<uuid::Uuid> {
    (1..=5).map(uuid).collect()
}

#[test]
fn import_taskwarrior_reads_the_taskrc_data_location_then_exports() {
    let home = TempDir::new().unwrap();
    let tw = home.path().join("tasks");
    fs::create_dir(&tw).unwrap();
    write_older_layout(&tw, &sample(), &ws());
    fs::write(home.path().join("taskrc"), "data.location=~/tasks\n").unwrap();
    let before = snapshot(&tw);

    let out = ok(&tcui(home.path(), &["import", "--taskwarrior"]));
    assert_eq!(
        out,
        format!(
            "read 7 tasks from {}/taskchampion.sqlite3 (TaskChampion 0.x layout of Taskwarrior \
             3.0-3.2): 7 new, 0 updated, 0 unchanged\n",
            tw.display()
        )
    );
    let out = ok(&tcui(home.path(), &["import", "--taskwarrior"]));
    assert!(out.ends_with(": 0 new, 0 updated, 7 unchanged\n"), "{out}");
    assert_eq!(snapshot(&tw), before);
    assert_eq!(
        tasks_in(home.path(), "data"),
        sample().into_iter().collect()
    );

    // The sample's template has been owed instances since; they are not made here.
    let json = ok(&tcui(home.path(), &["export", "rc.recurrence=off"]));
    let all: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(all.len(), 7);
    assert_eq!(all[0]["id"], 1);
    assert_eq!(all[0]["uuid"], uuid(1).to_string());
    assert_eq!(all[0]["tags"], serde_json::json!(["garden", "next"]));
    assert_eq!(all[6]["id"], 0);

    let json = ok(&tcui(
        home.path(),
        &["export", "+garden", "or", "project:Home", "status:pending"],
    ));
    let some: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = some
        .iter()
        .map(|t| t["description"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Plant the tomatoes", "Buy soil"]);
}

#[test]
fn without_a_data_location_the_default_is_dot_task() {
    let home = TempDir::new().unwrap();
    let tw = home.path().join(".task");
    fs::create_dir(&tw).unwrap();
    write_older_layout(&tw, &sample(), &ws());
    let out = ok(&tcui(home.path(), &["import", "--taskwarrior"]));
    assert!(out.contains(".task/taskchampion.sqlite3"), "{out}");
    assert!(out.ends_with("7 new, 0 updated, 0 unchanged\n"), "{out}");
}

#[test]
fn export_piped_into_another_replica_round_trips() {
    let home = TempDir::new().unwrap();
    write_older_layout(home.path(), &sample(), &ws());
    ok(&tcui(
        home.path(),
        &["import", "--taskwarrior", home.path().to_str().unwrap()],
    ));
    // The sample's template has been owed instances since; they are not made here.
    let json = ok(&tcui(home.path(), &["export", "rc.recurrence=off"]));
    let out = ok(&tcui_in(
        home.path(),
        "other",
        &["import", "-"],
        Some(&json),
    ));
    assert_eq!(
        out,
        "read 7 tasks from standard input: 7 new, 0 updated, 0 unchanged\n"
    );
    assert_eq!(
        tasks_in(home.path(), "other"),
        tasks_in(home.path(), "data")
    );
    // The same export, but for urgency, which moves with the clock between the two runs.
    let again = ok(&tcui_in(
        home.path(),
        "other",
        &["export", "rc.recurrence=off"],
        None,
    ));
    assert_eq!(without_urgency(&again), without_urgency(&json));
}

fn without_urgency(json: &str) -> Vec<serde_json::Value> {
    let mut all: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    for t in &mut all {
        t.as_object_mut().unwrap().remove("urgency");
    }
    all
}

/// The command fails: non-zero exit, nothing on standard output, the message on standard
/// error containing `want`; and the replica holds no task.
fn fails(home: &Path, args: &[&str], stdin: Option<&str>, want: &[&str]) {
    let out = tcui_in(home, "data", args, stdin);
    assert!(!out.status.success());
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    for w in want {
        assert!(err.contains(w), "{err:?} lacks {w:?}");
    }
    assert!(tasks_in(home, "data").is_empty());
}

#[test]
fn failures_exit_non_zero_with_the_reason_on_stderr() {
    let home = TempDir::new().unwrap();
    let h = home.path();
    fs::write(
        h.join("bad.json"),
        "[\n{\"description\":\"a\"},\n{\"description\":\"b\",\n",
    )
    .unwrap();
    fails(
        h,
        &["import", "bad.json"],
        None,
        &[
            "tcui: cannot import bad.json: record 2 (line 3): not valid JSON: the text ends",
            "nothing was imported",
        ],
    );
    let bad_date = "[\n{\"description\":\"a\"},\n{\"description\":\"b\"},\n{\"description\":\"c\",\"due\":\"tomorrow\"}\n]\n";
    fails(
        h,
        &["import", "-"],
        Some(bad_date),
        &["cannot import standard input: record 3 (line 4): \"due\" is not a date: \"tomorrow\""],
    );
    fails(
        h,
        &["import", "missing.json"],
        None,
        &["cannot read missing.json"],
    );
    fails(h, &["import"], None, &["name what to import"]);
    fails(
        h,
        &["import", "--taskwarrior", "nowhere"],
        None,
        &["there is no taskchampion.sqlite3 in nowhere"],
    );

    let tw2 = h.join("tw2");
    fs::create_dir(&tw2).unwrap();
    fs::write(
        tw2.join("pending.data"),
        "[description:\"old\" status:\"pending\"]\n",
    )
    .unwrap();
    fails(
        h,
        &["import", "--taskwarrior", tw2.to_str().unwrap()],
        None,
        &[
            "Taskwarrior 2 data",
            "`task export > tasks.json`",
            "`tcui import tasks.json`",
        ],
    );

    let tw = h.join("tw");
    fs::create_dir(&tw).unwrap();
    let db = write_older_layout(&tw, &sample(), &ws());
    fails(
        h,
        &["import", db.to_str().unwrap()],
        None,
        &[
            "is an SQLite database, not JSON",
            "tcui import --taskwarrior",
        ],
    );
    let bytes = fs::read(&db).unwrap();
    fs::write(&db, &bytes[..bytes.len() / 3]).unwrap();
    fails(
        h,
        &["import", "--taskwarrior", tw.to_str().unwrap()],
        None,
        &[
            "cannot be read as an SQLite database",
            "Nothing was imported",
        ],
    );

    fails(
        h,
        &["export", "due.before:"],
        None,
        &["cannot read the filter"],
    );
}
