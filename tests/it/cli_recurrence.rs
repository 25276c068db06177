//! Recurring templates on the command line: the instances a template is owed are made when
//! the tasks are first read, as Taskwarrior makes them when a report runs, once only, each
//! with the UUID its template and index give it.

use crate::support::children::InTurn;
use crate::support::cli_run::answering;
use crate::support::isolated::tcui_command;

use std::path::Path;
use std::process::Output;

use chrono::{Duration, Utc};
use serde_json::Value;
use tempfile::TempDir;

const TEMPLATE: &str = "8839fa23-e79d-4e70-82cd-2e47149a33e9";

fn tcui(dir: &Path, args: &[&str]) -> Output {
    tcui_command(dir, args)
        .env("TZ", "UTC")
        .output_in_turn()
        .unwrap()
}

/// A weekly template whose first due date was three weeks and an hour ago, imported as
/// Taskwarrior exports one (no mask: no instance made yet), with `taskrc` as the settings.
fn home_with_template(taskrc: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), taskrc).unwrap();
    let due = Utc::now() - Duration::days(21) - Duration::hours(1);
    let template = serde_json::json!([{
        "uuid": TEMPLATE, "description": "Take out trash", "status": "recurring",
        "recur": "weekly", "rtype": "periodic", "tags": ["home"],
        "due": due.format("%Y%m%dT%H%M%SZ").to_string(),
        "entry": (due - Duration::days(1)).format("%Y%m%dT%H%M%SZ").to_string(),
    }]);
    import_into(dir.path(), &template);
    dir
}

/// Now moved by `by`, as `task export` writes dates.
fn stamp(by: Duration) -> String {
    (Utc::now() + by).format("%Y%m%dT%H%M%SZ").to_string()
}

/// Import `tasks` (as `task export` writes them) into the home at `dir`.
fn import_into(dir: &Path, tasks: &Value) {
    let file = dir.join("t.json");
    std::fs::write(&file, tasks.to_string()).unwrap();
    let out = tcui(dir, &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
}

fn export(dir: &Path) -> Vec<Value> {
    let out = tcui(dir, &["export"]);
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn template(tasks: &[Value]) -> &Value {
    tasks.iter().find(|t| t["uuid"] == TEMPLATE).unwrap()
}

fn instances(tasks: &[Value]) -> Vec<&Value> {
    let mut found: Vec<&Value> = tasks.iter().filter(|t| t["parent"] == TEMPLATE).collect();
    found.sort_by_key(|t| t["imask"].as_u64());
    found
}

#[test]
fn a_report_makes_the_instances_owed_once_with_derived_uuids() {
    let dir = home_with_template("");
    let out = tcui(dir.path(), &["list"]);
    assert!(out.status.success(), "{out:?}");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.ends_with("\n5 tasks\n"), "{shown}");
    let tasks = export(dir.path());
    assert_eq!(template(&tasks)["mask"], "-----");
    let made = instances(&tasks);
    // Three past, the one an hour ago, and one ahead (`recurrence.limit` 1).
    assert_eq!(made.len(), 5);
    let template_due = template(&tasks)["due"].as_str().unwrap().to_string();
    let template_uuid = uuid::Uuid::parse_str(TEMPLATE).unwrap();
    for (index, instance) in made.iter().enumerate() {
        assert_eq!(instance["imask"], index);
        assert_eq!(instance["status"], "pending");
        assert_eq!(instance["description"], "Take out trash");
        assert_eq!(instance["tags"], serde_json::json!(["home"]));
        assert_eq!(instance["recur"], "weekly");
        assert!(instance.get("mask").is_none());
        let want = uuid::Uuid::new_v5(
            &template_uuid,
            format!("recurrence instance {index}").as_bytes(),
        );
        assert_eq!(instance["uuid"], want.to_string());
    }
    assert_eq!(made[0]["due"], template_due.as_str());
    // A week apart.
    let due = |t: &Value| {
        chrono::NaiveDateTime::parse_from_str(t["due"].as_str().unwrap(), "%Y%m%dT%H%M%SZ").unwrap()
    };
    assert_eq!(due(made[4]) - due(made[3]), Duration::days(7));
    // Read again: nothing more is owed, nothing more made.
    assert!(tcui(dir.path(), &["list"]).status.success());
    assert_eq!(export(dir.path()).len(), 6);
}

#[test]
fn undo_takes_the_instances_back_and_does_not_make_them_again() {
    let dir = home_with_template("");
    assert!(tcui(dir.path(), &["next"]).status.success());
    assert_eq!(export(dir.path()).len(), 6);
    let out = answering(dir.path(), &["undo"], "yes\n");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(said.contains("undone: "), "{said}");
    // Read without making them again (`export` would, as `task export` does).
    let out = tcui(dir.path(), &["export", "rc.recurrence=off"]);
    let tasks: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tasks.len(), 1);
    assert!(template(&tasks).get("mask").is_none());
}

#[test]
fn recurrence_off_makes_none_and_the_limit_counts_due_dates_ahead() {
    let off = home_with_template("recurrence=off\n");
    // The template is no task `list` shows: nothing matches.
    assert_eq!(tcui(off.path(), &["list"]).status.code(), Some(1));
    assert_eq!(export(off.path()).len(), 1);
    let three = home_with_template("recurrence.limit=3\n");
    assert!(tcui(three.path(), &["list"]).status.success());
    let tasks = export(three.path());
    assert_eq!(instances(&tasks).len(), 7);
    assert_eq!(template(&tasks)["mask"], "-------");
}

#[test]
fn a_finished_template_past_until_is_deleted() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let at = |days: i64| stamp(Duration::days(days));
    // Four daily instances made and finished, the last past `until`.
    let template = serde_json::json!([{
        "uuid": TEMPLATE, "description": "Water the seedlings", "status": "recurring",
        "recur": "daily", "rtype": "periodic", "due": at(-4), "until": at(-2),
        "mask": "++X+", "entry": at(-5),
    }]);
    import_into(dir.path(), &template);
    assert!(
        !tcui(dir.path(), &["list"]).status.success(),
        "no task left"
    );
    let tasks = export(dir.path());
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["status"], "deleted");
    assert!(tasks[0].get("end").is_some());
}

#[test]
fn add_and_modify_with_recur_make_templates_and_refuse_what_taskwarrior_refuses() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let out = tcui(
        dir.path(),
        &["add", "Take out trash", "due:tomorrow", "recur:weekly"],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Created task 1 (recurrence template).\n"
    );
    let tasks = export(dir.path());
    let template = tasks.iter().find(|t| t["status"] == "recurring").unwrap();
    assert_eq!(template["rtype"], "periodic");
    assert_eq!(template["recur"], "weekly");
    assert_eq!(template["mask"], "-");
    let made: Vec<&Value> = tasks
        .iter()
        .filter(|t| t["parent"] == template["uuid"])
        .collect();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0]["due"], template["due"]);
    // A plain task with a due date becomes a template when given a period.
    assert!(
        tcui(dir.path(), &["add", "Water the plants", "due:tomorrow"])
            .status
            .success()
    );
    let ids = String::from_utf8_lossy(&tcui(dir.path(), &["ids"]).stdout).to_string();
    let plain = ids.trim().rsplit(['-', ' ']).next().unwrap().to_string();
    let out = tcui(dir.path(), &[&plain, "modify", "recur:2d"]);
    assert!(out.status.success(), "{out:?}");
    let tasks = export(dir.path());
    let watered = tasks
        .iter()
        .find(|t| t["description"] == "Water the plants" && t["status"] == "recurring")
        .unwrap();
    assert_eq!(watered["recur"], "2d");
    // Refused, as Taskwarrior refuses them, with nothing stored.
    for (args, says) in [
        (
            &["add", "No date", "recur:weekly"][..],
            "must also have a 'due' date",
        ),
        (
            &["add", "Odd", "due:tomorrow", "recur:sometimes"],
            "is not valid",
        ),
        (
            &["add", "None", "due:tomorrow", "recur:0m"],
            "equivalent to 0",
        ),
    ] {
        let out = tcui(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{out:?}"
        );
    }
    assert_eq!(export(dir.path()).len(), tasks.len());
}

/// Twins, as a sync leaves them when Taskwarrior and tcui both made the instance of one
/// due date: one task is left, tcui's, with what was added to the other.
#[test]
fn twins_from_another_replica_are_joined_into_one() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let template_uuid = uuid::Uuid::parse_str(TEMPLATE).unwrap();
    let ours = uuid::Uuid::new_v5(&template_uuid, b"recurrence instance 0").to_string();
    let theirs = "0b7e3c1a-7d41-4a43-9c43-5f3a1d2b9e10";
    let at = |days: i64| stamp(Duration::days(days));
    let instance = |uuid: &str, modified: i64| {
        serde_json::json!({
            "uuid": uuid, "description": "Take out trash", "status": "pending",
            "parent": TEMPLATE, "imask": 0, "recur": "weekly", "due": at(3),
            "entry": at(-1), "modified": at(modified),
        })
    };
    let mut theirs_task = instance(theirs, 0);
    theirs_task["annotations"] = serde_json::json!([{"entry": at(0), "description": "blue bin"}]);
    let tasks = serde_json::json!([
        {"uuid": TEMPLATE, "description": "Take out trash", "status": "recurring",
         "recur": "weekly", "rtype": "periodic", "due": at(3), "mask": "-", "entry": at(-1)},
        instance(&ours, -1),
        theirs_task,
    ]);
    import_into(dir.path(), &tasks);
    assert!(tcui(dir.path(), &["list"]).status.success());
    let tasks = export(dir.path());
    let left = instances(&tasks);
    assert_eq!(left.len(), 1, "{tasks:?}");
    assert_eq!(left[0]["uuid"], ours.as_str());
    assert_eq!(left[0]["annotations"][0]["description"], "blue bin");
    assert!(tasks.iter().all(|t| t["uuid"] != theirs));
    assert_eq!(template(&tasks)["mask"], "-");
}

/// As `task` 3.1.0 did on `add plain until:now+2s` and, three seconds later, `list`
/// ("Task 1 'plain' expired and was deleted."): deleted, with `end` and `modified` now.
#[test]
fn a_pending_task_past_its_until_is_deleted() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let at = |hours: i64| stamp(Duration::hours(hours));
    let tasks = serde_json::json!([
        {"uuid": "5e7a0c1d-7d41-4a43-9c43-5f3a1d2b9e10", "description": "Expired",
         "status": "pending", "until": at(-1), "entry": at(-2)},
        {"uuid": "5e7a0c1d-7d41-4a43-9c43-5f3a1d2b9e11", "description": "Not yet",
         "status": "pending", "until": at(1), "entry": at(-2)},
    ]);
    import_into(dir.path(), &tasks);
    let out = tcui(dir.path(), &["list"]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        !shown.contains("Expired") && shown.contains("Not yet"),
        "{shown}"
    );
    let tasks = export(dir.path());
    let expired = tasks
        .iter()
        .find(|t| t["description"] == "Expired")
        .unwrap();
    assert_eq!(expired["status"], "deleted");
    assert!(expired.get("end").is_some());
    let kept = tasks
        .iter()
        .find(|t| t["description"] == "Not yet")
        .unwrap();
    assert_eq!(kept["status"], "pending");
    // As Taskwarrior's, whether recurrence is on or off.
    let later = serde_json::json!([
        {"uuid": "5e7a0c1d-7d41-4a43-9c43-5f3a1d2b9e12", "description": "Expired too",
         "status": "pending", "until": at(-1), "entry": at(-2)},
    ]);
    let file = dir.path().join("later.json");
    std::fs::write(&file, later.to_string()).unwrap();
    let out = tcui(
        dir.path(),
        &["rc.recurrence=off", "import", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{out:?}");
    let out = tcui(dir.path(), &["rc.recurrence=off", "list"]);
    assert!(out.status.success(), "{out:?}");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(!shown.contains("Expired too"), "{shown}");
}

/// `task export` and `task count` make the instances owed first; so do tcui's.
#[test]
fn export_and_count_see_to_the_templates_first() {
    let dir = home_with_template("");
    let out = tcui(dir.path(), &["count"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "5\n");
    let other = home_with_template("");
    assert_eq!(instances(&export(other.path())).len(), 5);
}

/// A daily template from three days ago, seen to by a report: instances 2 to 5, each
/// with its ID in the order of its due date, and the template 1.
fn daily_series() -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let out = tcui(dir.path(), &["add", "Trash", "due:today-2d", "recur:daily"]);
    assert!(out.status.success(), "{out:?}");
    assert!(tcui(dir.path(), &["list"]).status.success());
    dir
}

/// `(status, imask or -1 for the template, description)` of every task, in that order.
fn series(dir: &Path) -> Vec<(String, i64, String, String)> {
    let mut all: Vec<_> = export(dir)
        .iter()
        .map(|t| {
            (
                t["status"].as_str().unwrap().to_string(),
                t["imask"].as_i64().unwrap_or(-1),
                t["description"].as_str().unwrap().to_string(),
                t["mask"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    all.sort_by_key(|t| t.1);
    all
}

/// What `task` 3.1.0 printed and stored for the same commands and answers on the same
/// series (the template's mask is the last field).
#[test]
fn a_change_to_one_recurring_task_is_carried_to_the_others_when_agreed() {
    let dir = daily_series();
    let out = answering(dir.path(), &["2", "delete"], "yes\nno\n");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Delete task 2 'Trash'? (yes/no) Deleting task 2 'Trash'.\n\
         This is a recurring task.  Do you want to delete all pending recurrences of this \
         same task? (yes/no) Deleted 1 task.\n"
    );
    let statuses: Vec<&str> = series(dir.path())
        .iter()
        .map(|t| match t.0.as_str() {
            "recurring" => "r",
            "deleted" => "d",
            _ => "p",
        })
        .collect();
    assert_eq!(statuses, ["r", "d", "p", "p", "p"]);
    assert_eq!(series(dir.path())[0].3, "X---");

    // The listing renumbered: the instances left are 2 to 4.
    let out = answering(dir.path(), &["3", "append", "more"], "yes\n");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Appending to task 3 'Trash more'.\n\
         This is a recurring task.  Do you want to append to all pending recurrences of \
         this same task? (yes/no) Appending to recurring task 2 'Trash more'.\n\
         Appending to recurring task 4 'Trash more'.\n\
         Appended 3 tasks.\n"
    );
    let after = series(dir.path());
    // The template takes the change too; the deleted instance does not.
    let described: Vec<&str> = after.iter().map(|t| t.2.as_str()).collect();
    assert_eq!(
        described,
        [
            "Trash more",
            "Trash",
            "Trash more",
            "Trash more",
            "Trash more"
        ]
    );

    // `recurrence.confirmation=yes` carries a change to a template to its instances
    // without asking; `no` neither asks nor carries.
    let out = answering(
        dir.path(),
        &["rc.recurrence.confirmation=yes", "1", "delete"],
        "yes\n",
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.ends_with(
            "Deleting recurring task 2 'Trash more'.\n\
             Deleting recurring task 3 'Trash more'.\n\
             Deleting recurring task 4 'Trash more'.\n\
             Deleted 4 tasks.\n"
        ),
        "{said}"
    );
    let after = series(dir.path());
    assert!(after.iter().all(|t| t.0 == "deleted"), "{after:?}");
    assert_eq!(after[0].3, "XXXX");
}

#[test]
fn answering_no_or_setting_no_changes_one_task_only() {
    let dir = daily_series();
    let out = tcui(
        dir.path(),
        &["rc.recurrence.confirmation=no", "3", "modify", "+x"],
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Modifying task 3 'Trash'.\nModified 1 task.\n"
    );
    let tagged: Vec<bool> = export(dir.path())
        .iter()
        .map(|t| t["tags"].as_array().is_some())
        .collect();
    assert_eq!(tagged.iter().filter(|t| **t).count(), 1);
}

/// `task` 3.1.0 refuses these with the same words, and stores nothing.
#[test]
fn a_recurring_task_keeps_its_period_and_due_date() {
    let dir = daily_series();
    let before = export(dir.path());
    for (args, says) in [
        (
            &["2", "modify", "recur:"][..],
            "You cannot remove the recurrence from a recurring task.",
        ),
        (
            &["1", "modify", "due:"],
            "You cannot remove the due date from a recurring task.",
        ),
    ] {
        let out = tcui(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{out:?}"
        );
    }
    assert_eq!(export(dir.path()), before);
}

/// Completing an instance marks its template at once, in the same step: one undo takes
/// back both.
#[test]
fn done_marks_the_template_in_the_same_undo_step() {
    let dir = daily_series();
    let out = tcui(dir.path(), &["2", "done"]);
    assert!(out.status.success(), "{out:?}");
    let shown = |dir: &Path| {
        let out = tcui(dir, &["export", "rc.recurrence=off"]);
        let tasks: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        let template = tasks
            .iter()
            .find(|t| t["status"] == "recurring")
            .cloned()
            .unwrap();
        let done = tasks.iter().filter(|t| t["status"] == "completed").count();
        (template["mask"].as_str().unwrap().to_string(), done)
    };
    assert_eq!(shown(dir.path()), ("+---".to_string(), 1));
    let out = answering(dir.path(), &["undo"], "yes\n");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(shown(dir.path()), ("----".to_string(), 0));
}

/// `rtype:chained` (which Taskwarrior 3.1.0 refuses: "The 'rtype' attribute does not allow a
/// value of 'chained'."): one instance at a time, the next made when one is completed or
/// deleted, due a period after that, in the same step.
#[test]
fn a_chained_task_comes_back_a_period_after_it_was_done() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let out = tcui(
        dir.path(),
        &[
            "add",
            "Mow the lawn",
            "due:today-10d",
            "recur:weekly",
            "rtype:chained",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let pending = |dir: &Path| -> Vec<Value> {
        export(dir)
            .into_iter()
            .filter(|t| t["status"] == "pending")
            .collect()
    };
    // Ten days overdue, and still one only.
    let first = pending(dir.path());
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(
        (first[0]["imask"].as_u64(), &first[0]["rtype"]),
        (Some(0), &Value::from("chained"))
    );
    let out = tcui(dir.path(), &["2", "done"]);
    assert!(out.status.success(), "{out:?}");
    let week = |from: &str| {
        let from = chrono::NaiveDateTime::parse_from_str(from, "%Y%m%dT%H%M%SZ").unwrap();
        (from + Duration::days(7))
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    };
    let done = export(dir.path())
        .into_iter()
        .find(|t| t["status"] == "completed")
        .unwrap();
    let second = pending(dir.path());
    assert_eq!(second.len(), 1);
    assert_eq!(second[0]["imask"].as_u64(), Some(1));
    assert_eq!(
        second[0]["due"],
        week(done["end"].as_str().unwrap()).as_str()
    );
    // Deleted (skipped) without the rest of the series: the next comes a week later.
    let out = answering(dir.path(), &["2", "delete"], "yes\nno\n");
    assert!(out.status.success(), "{out:?}");
    let third = pending(dir.path());
    assert_eq!(third.len(), 1);
    assert_eq!(third[0]["imask"].as_u64(), Some(2));
    let template = export(dir.path())
        .into_iter()
        .find(|t| t["status"] == "recurring")
        .unwrap();
    assert_eq!(template["mask"], "+X-");
    // Refused: a type that is none of the two, or without a period.
    for args in [
        &["add", "x", "due:today", "recur:daily", "rtype:sometimes"][..],
        &["add", "x", "rtype:chained"],
    ] {
        assert_eq!(tcui(dir.path(), args).status.code(), Some(2), "{args:?}");
    }
}

/// `info` lists Taskwarrior's older virtual tag names beside the new ones, as `task` 3.1.0
/// printed them for the same series (`CHILD … INSTANCE`, `PARENT … TEMPLATE`).
#[test]
fn info_names_the_old_virtual_tags_too() {
    let dir = daily_series();
    let line = |id: &str| {
        let out = tcui(dir.path(), &[id, "info"]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find(|l| l.starts_with("Virtual tags"))
            .unwrap_or_default()
            .to_string()
    };
    let instance = line("2");
    assert!(
        instance.contains(" CHILD ") && instance.contains(" INSTANCE "),
        "{instance}"
    );
    assert!(!instance.contains("PARENT"), "{instance}");
    let template = line("1");
    assert!(
        template.contains(" PARENT ") && template.contains(" TEMPLATE "),
        "{template}"
    );
    assert!(!template.contains("CHILD"), "{template}");
}
