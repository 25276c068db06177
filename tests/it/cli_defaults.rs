//! What the taskrc gives new tasks (`default.project`, `default.due`, `uda.NAME.default`) and
//! which values a UDA takes (`uda.NAME.values`): the same tasks Taskwarrior 3.1.0 made from
//! the same taskrc and commands.

use crate::support::children::InTurn;
use crate::support::isolated::tcui_command;

use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

fn tcui(dir: &Path, args: &[&str]) -> Output {
    tcui_command(dir, args)
        .env("TZ", "UTC")
        .output_in_turn()
        .unwrap()
}

const TASKRC: &str = "default.project=inbox\ndefault.due=eom\nuda.size.type=string\n\
uda.size.values=S,M,L\nuda.size.default=M\nuda.note.type=string\nuda.note.default=two words\n";

#[test]
fn new_tasks_take_the_defaults_and_uda_values_are_checked() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), TASKRC).unwrap();
    for args in [&["add", "x"][..], &["add", "y", "project:work", "size:L"]] {
        let out = tcui(dir.path(), args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for args in [&["add", "z", "size:XL"][..], &["1", "modify", "size:Q"]] {
        let out = tcui(dir.path(), args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("uda.size.values allows S, M, L"), "{err}");
    }
    let out = tcui(dir.path(), &["export"]);
    let tasks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let fields = |t: &serde_json::Value| {
        ["description", "project", "size", "note"].map(|k| t[k].as_str().unwrap_or("").to_string())
    };
    assert_eq!(tasks.len(), 2);
    assert_eq!(fields(&tasks[0]), ["x", "inbox", "M", "two words"]);
    assert_eq!(fields(&tasks[1]), ["y", "work", "L", "two words"]);
    // The last second of this month (in UTC here), as `task` gave 20261231T235959Z.
    use chrono::Datelike;
    let today = chrono::Utc::now().date_naive();
    let next_month = if today.month() == 12 {
        chrono::NaiveDate::from_ymd_opt(today.year() + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(today.year(), today.month() + 1, 1)
    }
    .unwrap();
    let last = next_month
        .pred_opt()
        .unwrap()
        .format("%Y%m%dT235959Z")
        .to_string();
    for t in &tasks {
        assert_eq!(t["due"].as_str(), Some(last.as_str()));
    }
}

#[test]
fn dates_are_read_in_the_taskrcs_dateformat_as_well_as_the_usual_ways() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "dateformat=M/D/Y\n").unwrap();
    for args in [
        &["add", "x", "due:12/24/2026"][..],
        &["add", "y", "due:2026-12-20"],
        &["add", "z", "due:13/45/2026"],
    ] {
        let out = tcui(dir.path(), args);
        let ok = args[1] != "z";
        assert_eq!(
            out.status.success(),
            ok,
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Taskwarrior 3.1.0 stored 20261224T000000Z and 20261220T000000Z (TZ=UTC), and listed
    // y for due.before:12/21/2026.
    let out = tcui(dir.path(), &["export"]);
    let tasks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let due: Vec<&str> = tasks
        .iter()
        .map(|t| t["due"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(due, ["20261224T000000Z", "20261220T000000Z"]);
    let out = tcui(dir.path(), &["export", "due.before:12/21/2026"]);
    let tasks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["description"], "y");
}
