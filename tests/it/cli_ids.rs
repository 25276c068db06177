//! Naming tasks on the command line: IDs, lists and ranges (`1-3,5`), whole UUIDs and their
//! first 8 or more characters. A name that fits no task, or more than one, changes nothing.

use crate::support::cli_run;

use std::collections::BTreeMap;
use std::path::Path;

use cli_run::{exported, fails, finds_nothing, home, import, ok, stdout, tcui};

/// Each task's description with its status and tags, in description order.
fn state(dir: &Path) -> BTreeMap<String, (String, Vec<String>)> {
    exported(dir)
        .into_iter()
        .map(|t| {
            let tags = t["tags"]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
                .unwrap_or_default();
            let description = t["description"].as_str().unwrap().to_owned();
            (
                description,
                (t["status"].as_str().unwrap().to_owned(), tags),
            )
        })
        .collect()
}

fn with_status(dir: &Path, status: &str) -> Vec<String> {
    state(dir)
        .into_iter()
        .filter(|(_, (s, _))| s == status)
        .map(|(d, _)| d)
        .collect()
}

const NAMES: [&str; 6] = ["one", "two", "three", "four", "five", "six"];

fn six_tasks() -> tempfile::TempDir {
    let dir = home();
    for (n, name) in NAMES.iter().enumerate() {
        let said = ok(dir.path(), &["add", name]);
        assert_eq!(said, format!("Created task {}.\n", n + 1));
    }
    dir
}

#[test]
fn lists_and_ranges_name_the_tasks_with_those_ids() {
    let dir = six_tasks();
    let d = dir.path();
    // Four tasks are more than `bulk` lets change without asking; a script says so.
    let said = ok(d, &["1-3,5", "done", "rc.bulk=0"]);
    assert_eq!(
        said,
        "This command will alter 4 tasks.\nCompleted task 1 'one'.\nCompleted task 2 'two'.\n\
         Completed task 3 'three'.\nCompleted task 5 'five'.\nCompleted 4 tasks.\n"
    );
    // As in Taskwarrior, the done tasks keep their IDs until a command that lists or counts
    // tasks renumbers them.
    let said = ok(d, &["2-4", "modify", "+left", "rc.bulk=0"]);
    assert_eq!(
        said,
        "This command will alter 3 tasks.\nModifying task 2 'two'.\nModifying task 3 'three'.\n\
         Modifying task 4 'four'.\nModified 3 tasks.\n"
    );
    assert_eq!(ok(d, &["ids"]), "1-2\n");
    assert_eq!(with_status(d, "completed"), ["five", "one", "three", "two"]);
    assert_eq!(with_status(d, "pending"), ["four", "six"]);
    // A range from high to low, and a task named twice, changed once.
    let said = ok(d, &["2-1,1", "start", "rc.verbose=affected"]);
    assert!(
        said.contains("Starting task 1 'four'.\nStarting task 2 'six'.\n"),
        "{said}"
    );
    // Lists spread over several words.
    let said = ok(d, &["2", "1", "stop"]);
    assert!(
        said.contains("Stopping task 1 'four'.\nStopping task 2 'six'.\n"),
        "{said}"
    );
    let tags = state(d);
    assert_eq!(tags["four"].1, ["left"]);
    assert_eq!(tags["two"].1, ["left"]);
    assert_eq!(tags["one"].1, Vec::<String>::new());
}

#[test]
fn an_id_that_names_no_task_changes_nothing() {
    let dir = six_tasks();
    let d = dir.path();
    ok(d, &["6", "done"]);
    // Its ID still names it (nothing has renumbered), and it cannot be done again.
    let out = tcui(d, &["6", "done"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "Task 6 'six' is neither pending nor waiting.\nCompleted 0 tasks.\n"
    );
    let before = state(d);
    // As `task` says it: nothing found is no error, but the exit status is 1.
    for args in [
        &["7", "done"][..],
        &["7-9", "delete"],
        &["8-9,7", "start"],
        &["0", "done"],
        // Eight digits or more are the start of a UUID, never an ID.
        &["99999999999", "done"],
    ] {
        finds_nothing(d, args, "No tasks specified.");
    }
    assert_eq!(state(d), before);
    // The IDs that name tasks are changed, as in Taskwarrior.
    let said = ok(d, &["1,7", "done"]);
    assert!(said.contains("Completed task 1 'one'."), "{said}");
}

const SHARED_1: &str = "a1b2c3d4-0000-4000-8000-000000000001";
const SHARED_2: &str = "a1b2c3d4-9999-4000-8000-000000000002";
const BEEF: &str = "feedbeef-1234-4000-8000-000000000003";
const DIGITS: &str = "20240501-0000-4000-8000-000000000004";

fn four_known_uuids() -> tempfile::TempDir {
    let dir = home();
    let tasks: Vec<String> = [
        (SHARED_1, "first shared"),
        (SHARED_2, "second shared"),
        (BEEF, "beef"),
        (DIGITS, "digits"),
    ]
    .iter()
    .map(|(u, d)| format!(r#"{{"description":"{d}","status":"pending","uuid":"{u}"}}"#))
    .collect();
    import(dir.path(), &format!("[{}]", tasks.join(",")));
    dir
}

#[test]
fn a_uuid_or_its_first_eight_or_more_characters_names_one_task() {
    let dir = four_known_uuids();
    let d = dir.path();
    ok(d, &[SHARED_2, "modify", "+whole"]);
    ok(d, &["feedbeef", "modify", "+eight"]);
    ok(d, &["FEEDBEEF-12", "modify", "+upper"]);
    // The first eight are shared; one more character tells the two apart.
    ok(d, &["a1b2c3d4-0", "modify", "+nine"]);
    // Eight digits with no task of that ID are a UUID prefix, in a list with others.
    let said = ok(d, &["20240501,a1b2c3d4-9", "done"]);
    assert!(
        said.contains("'digits'") && said.contains("'second shared'"),
        "{said}"
    );
    let s = state(d);
    assert_eq!(
        s["second shared"],
        ("completed".into(), vec!["whole".into()])
    );
    assert_eq!(
        s["beef"],
        ("pending".into(), vec!["eight".into(), "upper".into()])
    );
    assert_eq!(s["first shared"], ("pending".into(), vec!["nine".into()]));
    assert_eq!(s["digits"].0, "completed");
}

#[test]
fn a_uuid_prefix_of_no_task_or_of_several_changes_nothing() {
    let dir = four_known_uuids();
    let d = dir.path();
    let before = state(d);
    for (args, says) in [
        (
            &["a1b2c3d4", "done"][..],
            "\"a1b2c3d4\" starts the UUIDs of 2 tasks",
        ),
        (&["feedbeef,a1b2c3d4", "done"], "give more of the UUID"),
    ] {
        fails(d, args, says);
    }
    for args in [
        &["deadbeef", "done"][..],
        &["feedbeef-1234-4000-8000-000000000009", "delete"],
        // Fewer than eight characters are not a UUID prefix but words of a description.
        &["feedbee", "done"],
    ] {
        finds_nothing(d, args, "No tasks specified.");
    }
    assert_eq!(state(d), before);
}
