//! Naming tasks on the command line: IDs, lists and ranges (`1-3,5`), whole UUIDs and their
//! first 8 or more characters. A name that fits no task, or more than one, changes nothing.

use crate::support::cli_run;

use std::collections::BTreeMap;
use std::path::Path;

use cli_run::{exported, fails, home, import, ok};

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
    let said = ok(d, &["1-3,5", "done"]);
    assert_eq!(
        said,
        "done 1 \"one\"\ndone 2 \"two\"\ndone 3 \"three\"\ndone 5 \"five\"\n"
    );
    assert_eq!(with_status(d, "completed"), ["five", "one", "three", "two"]);
    assert_eq!(with_status(d, "pending"), ["four", "six"]);

    // The done tasks keep their places until `list` renumbers, but no longer have IDs: a
    // range over them names only the open tasks.
    let said = ok(d, &["1-6", "modify", "+left"]);
    assert_eq!(said, "modify 4 \"four\"\nmodify 6 \"six\"\n");
    // A range from high to low, and a task named twice, changed once.
    let said = ok(d, &["6-4,4", "start"]);
    assert_eq!(said, "start 4 \"four\"\nstart 6 \"six\"\n");
    // Lists spread over several words.
    ok(d, &["list"]);
    let said = ok(d, &["2", "1", "stop"]);
    assert_eq!(said, "stop 2 \"six\"\nstop 1 \"four\"\n");
    let tags = state(d);
    assert_eq!(tags["four"].1, ["left"]);
    assert_eq!(tags["one"].1, Vec::<String>::new());
}

#[test]
fn an_id_that_names_no_task_changes_nothing() {
    let dir = six_tasks();
    let d = dir.path();
    ok(d, &["6", "done"]);
    let before = state(d);
    for (args, says) in [
        (&["7", "done"][..], "there is no task 7"),
        (&["1,7", "done"], "there is no task 7"),
        (&["1", "7", "delete"], "there is no task 7"),
        (
            &["2-3,7-9", "delete"],
            "there is no task with an ID from 7 to 9",
        ),
        // Task 6 is done: until `list` renumbers, its ID still names it, but no range does.
        (&["6", "done"], "6 \"six\" is already completed"),
        (&["6-6", "start"], "there is no task with an ID from 6 to 6"),
        (&["0", "done"], "\"0\" is not an ID or a UUID"),
        (&["99999999999", "done"], "there is no task 99999999999"),
    ] {
        fails(d, args, says);
    }
    assert_eq!(state(d), before);
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
    assert!(said.contains("\"digits\"") && said.contains("\"second shared\""));
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
        (&["deadbeef", "done"], "there is no task deadbeef"),
        (
            &["feedbeef-1234-4000-8000-000000000009", "delete"],
            "there is no task feedbeef-1234-4000-8000-000000000009",
        ),
        // Fewer than eight characters are not a UUID prefix.
        (
            &["feedbee", "done"],
            "\"feedbee\" is not a command, a report or a task ID",
        ),
    ] {
        fails(d, args, says);
    }
    assert_eq!(state(d), before);
}
