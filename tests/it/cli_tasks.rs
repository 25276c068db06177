//! The task commands for scripts, run as a user runs them: `tcui add`, `tcui list`, and
//! `tcui ID done|modify|annotate|delete`, with exit codes and messages on stderr.

use crate::support::children::InTurn;
use crate::support::isolated;

use std::path::Path;
use std::process::Output;

use isolated::tcui_command;
use tempfile::TempDir;

fn tcui(dir: &Path, args: &[&str]) -> Output {
    tcui_command(dir, args).output_in_turn().unwrap()
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
    assert_eq!(stdout(&out), "Created task 1.\n");
    let out = tcui(dir.path(), &["add", "Water", "plants", "-tag", "pri:H"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Piped: Taskwarrior's list report as a plain table with no colour codes, the columns
    // nobody has a value for left out.
    let out = tcui(dir.path(), &["list"]);
    let table = stdout(&out);
    assert!(!table.contains('\u{1b}'), "{table:?}");
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "");
    let header: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "ID",
            "Age",
            "P",
            "Project",
            "Tags",
            "Due",
            "Description",
            "Urg"
        ]
    );
    assert!(lines[2].starts_with("-- "), "{table}");
    assert!(
        lines[3].contains(" Pay rent ") || lines[4].contains(" Pay rent "),
        "{table}"
    );
    assert_eq!(lines[lines.len() - 2..], ["", "2 tasks"]);

    let out = tcui(dir.path(), &["list", "+bills"]);
    assert!(stdout(&out).contains("Pay rent") && !stdout(&out).contains("Water"));

    // A limit shows the first rows and says how many there were, as `task` does.
    let out = tcui(dir.path(), &["list", "limit:1"]);
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 6, "{lines:?}");
    assert_eq!(lines.last().map(String::as_str), Some("2 tasks, 1 shown"));
    // Comparisons, urgency and patterns; an unknown name is an error, not an empty list.
    let out = tcui(dir.path(), &["list", "urgency", ">", "0", "/rent$/"]);
    assert!(stdout(&out).contains("Pay rent") && !stdout(&out).contains("Water"));
    let out = tcui(dir.path(), &["list", "colour:red"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("'colour' is neither an attribute"),
        "{}",
        stderr(&out)
    );

    let out = tcui(dir.path(), &["1", "modify", "project:work", "-bills"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Modifying task 1 'Pay rent'.\nModified 1 task.\n"
    );
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
        // Taskwarrior 3.1 could not export or show a date before 1980.
        (
            &["add", "Call", "mum", "due:1975-01-01"],
            "between 1980-01-01 and 9999-12-31",
        ),
        // Nothing found: `task`'s footnotes, and exit status 1.
        (&["9", "done"], "No tasks specified."),
        (&["1", "explode"], "No matches."),
        (&["frobnicate"], "No matches."),
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

/// A data folder holding the tasks of `json` (as `task export` writes them).
fn imported(json: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let file = dir.path().join("tasks.json");
    std::fs::write(&file, json).unwrap();
    let out = tcui(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

/// The exported task with this UUID, as JSON.
fn exported(dir: &Path, uuid: &str) -> serde_json::Value {
    let out = tcui(dir, &["export"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    all.into_iter()
        .find(|t| t["uuid"] == uuid)
        .unwrap_or_else(|| panic!("{uuid} not exported"))
}

/// Run tcui with a deadline, killing it if it takes longer.
fn tcui_within(dir: &Path, args: &[&str], limit: std::time::Duration) -> Output {
    let mut child = tcui_command(dir, args)
        .env("TMPDIR", dir.join("tmp"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn_in_turn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("tcui {args:?} took more than {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

const TEMPLATE: &str = "aaaaaaaa-0000-4000-8000-000000000001";
const FIRST: &str = "aaaaaaaa-0000-4000-8000-000000000002";
const SECOND: &str = "aaaaaaaa-0000-4000-8000-000000000003";

fn recurring() -> String {
    format!(
        r#"[
{{"description":"Water the plants","due":"20261101T080000Z","entry":"20261001T080000Z","mask":"--","recur":"weekly","rtype":"periodic","status":"recurring","uuid":"{TEMPLATE}"}},
{{"description":"Water the plants","due":"20261101T080000Z","entry":"20261001T080001Z","imask":0,"parent":"{TEMPLATE}","recur":"weekly","status":"pending","uuid":"{FIRST}"}},
{{"description":"Water the plants","due":"20261108T080000Z","entry":"20261001T080002Z","imask":1,"parent":"{TEMPLATE}","recur":"weekly","status":"pending","uuid":"{SECOND}"}}
]"#
    )
}

#[test]
fn done_and_delete_of_an_instance_update_the_templates_mask() {
    let dir = imported(&recurring());
    // The instances owed since are made too (one `-` each after the first two).
    let mask = |dir: &Path| {
        let mask = exported(dir, TEMPLATE)["mask"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(mask[2..].chars().all(|c| c == '-'), "{mask}");
        mask[..2].to_string()
    };
    let out = tcui(dir.path(), &[FIRST, "done"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mask(dir.path()), "+-");
    let out = tcui(dir.path(), &[SECOND, "delete", "rc.confirmation=off"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mask(dir.path()), "+X");
}

#[test]
fn circular_dependencies_are_refused() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    for words in [
        &["add", "Buy paint"][..],
        &["add", "Paint the fence", "depends:1"],
        &["add", "Admire the fence", "depends:2"],
    ] {
        let out = tcui(dir.path(), words);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    for (args, says) in [
        (&["1", "modify", "depends:2"][..], "circular"),
        (&["1", "modify", "depends:3"], "circular"),
        (&["1,2", "modify", "depends:3"], "circular"),
    ] {
        let out = tcui(dir.path(), args);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    let out = tcui(dir.path(), &["export"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let buy = all
        .iter()
        .find(|t| t["description"] == "Buy paint")
        .unwrap();
    assert!(buy.get("depends").is_none(), "{buy}");
}

const DONE: &str = "bbbbbbbb-0000-4000-8000-000000000001";
const GONE: &str = "bbbbbbbb-0000-4000-8000-000000000002";

fn closed() -> String {
    format!(
        r#"[
{{"description":"File the taxes","end":"20261101T080000Z","entry":"20261001T080000Z","status":"completed","uuid":"{DONE}"}},
{{"description":"Call the plumber","end":"20261101T080000Z","entry":"20261001T080000Z","status":"deleted","uuid":"{GONE}"}}
]"#
    )
}

#[test]
fn completed_and_deleted_tasks_follow_taskwarriors_transitions() {
    let dir = imported(&closed());
    // As `task` says it (a task with no ID by the start of its UUID), on standard output,
    // with exit status 1.
    for (args, says) in [
        (
            &[DONE, "done"][..],
            format!(
                "Task {} 'File the taxes' is neither pending nor waiting.\n",
                &DONE[..8]
            ),
        ),
        (
            &[GONE, "done"],
            format!(
                "Task {} 'Call the plumber' is neither pending nor waiting.\n",
                &GONE[..8]
            ),
        ),
        (
            &[GONE, "delete"],
            format!("Task {} 'Call the plumber' is not deletable.\n", &GONE[..8]),
        ),
    ] {
        let out = tcui(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stdout(&out).starts_with(&says),
            "{args:?}: {}",
            stdout(&out)
        );
    }
    assert_eq!(exported(dir.path(), DONE)["end"], "20261101T080000Z");

    // A completed task can still be deleted; a deleted one can be made pending again.
    let out = tcui(dir.path(), &[DONE, "delete", "rc.confirmation=off"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(exported(dir.path(), DONE)["status"], "deleted");
    let out = tcui(dir.path(), &[GONE, "modify", "status:pending"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let gone = exported(dir.path(), GONE);
    assert_eq!(gone["status"], "pending");
    assert!(gone.get("end").is_none(), "{gone}");

    // Starting a deleted task makes it pending and active, never "active and deleted".
    let out = tcui(dir.path(), &[DONE, "start"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let done = exported(dir.path(), DONE);
    assert_eq!(done["status"], "pending");
    assert!(
        done.get("start").is_some() && done.get("end").is_none(),
        "{done}"
    );
}

#[test]
fn a_waiting_task_is_reported_with_its_own_id() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let out = tcui(dir.path(), &["add", "Renew", "the", "passport", "wait:3d"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Created task 1.\n");
    for d in ["one", "two"] {
        assert!(tcui(dir.path(), &["add", d]).status.success());
    }
    let out = tcui(dir.path(), &["add", "Book", "a", "table", "wait:2d"]);
    assert_eq!(stdout(&out), "Created task 4.\n");
}

#[test]
fn an_all_digit_uuid_prefix_names_the_task() {
    let uuid = "23070183-0000-4000-8000-000000000001";
    let dir = imported(&format!(
        r#"[{{"description":"Digits only","status":"pending","uuid":"{uuid}"}}]"#
    ));
    let out = tcui(dir.path(), &["23070183", "modify", "+found"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(exported(dir.path(), uuid)["tags"][0], "found");
    let out = tcui(dir.path(), &["list", "23070183"]);
    assert!(stdout(&out).contains("Digits only"), "{}", stdout(&out));
}

#[test]
fn a_huge_id_range_a_huge_demo_and_a_deep_filter_end_at_once_with_a_message() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    std::fs::create_dir(dir.path().join("tmp")).unwrap();
    for d in ["one", "two"] {
        assert!(tcui(dir.path(), &["add", d]).status.success());
    }
    let limit = std::time::Duration::from_secs(60);
    let out = tcui_within(dir.path(), &["1-4000000000,2", "done"], limit);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "This command will alter 2 tasks.\nCompleted task 1 'one'.\nCompleted task 2 'two'.\n\
         Completed 2 tasks.\n",
        "each task once"
    );
    // Nothing left to list: said on stderr, as `task` says it, with a failing status.
    let out = tcui(dir.path(), &["list"]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out), "No matches.\n");

    let out = tcui_within(dir.path(), &["demo", "4000000000"], limit);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("at most"), "{}", stderr(&out));
    let left: Vec<_> = std::fs::read_dir(dir.path().join("tmp")).unwrap().collect();
    assert!(left.is_empty(), "the demo left {left:?}");

    let deep = format!("{}+home{}", "(".repeat(5000), ")".repeat(5000));
    for command in ["list", "export"] {
        let out = tcui_within(dir.path(), &[command, &deep], limit);
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr(&out));
        assert!(stderr(&out).contains("nested"), "{}", stderr(&out));
    }
}

#[test]
fn a_substitution_changes_part_of_the_text_and_says_the_new_one() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let out = tcui(dir.path(), &["add", "pay", "rent", "and", "rent", "again"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tcui(dir.path(), &["1", "modify", "/rent/RENT/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Modifying task 1 'pay RENT and rent again'.\nModified 1 task.\n"
    );
    let out = tcui(dir.path(), &["1", "modify", "/nowhere/x/"]);
    assert_eq!(stdout(&out), "Modified 0 tasks.\n");
    let out = tcui(dir.path(), &["1", "modify", "/re(/x/"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not a regular expression"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn latest_is_the_task_with_the_largest_id_as_in_taskwarrior() {
    let dir = TempDir::new().unwrap();
    for d in ["one", "two", "three"] {
        assert!(tcui(dir.path(), &["add", d]).status.success());
    }
    let latest = |dir: &Path| stdout(&tcui(dir, &["rc.verbose=nothing", "minimal", "+LATEST"]));
    assert_eq!(latest(dir.path()), " 3 three\n");
    let exported = stdout(&tcui(dir.path(), &["export", "+LATEST"]));
    assert!(
        exported.contains("\"three\"") && !exported.contains("\"two\""),
        "{exported}"
    );
    // Done, it leaves the working set when the next command renumbers, as in Taskwarrior.
    assert!(tcui(dir.path(), &["3", "done"]).status.success());
    assert_eq!(latest(dir.path()), " 2 two\n");
    let others = stdout(&tcui(
        dir.path(),
        &["rc.verbose=nothing", "minimal", "-LATEST"],
    ));
    assert_eq!(others, " 1 one\n");
}

/// What `task add` printed in Taskwarrior 3.1.0 for the same commands: the new ID, or the
/// UUID for a task that has none or when `verbose` asks for `new-uuid`.
#[test]
fn add_says_created_task_as_taskwarrior_does() {
    let dir = with_empty_taskrc();
    let said = |args: &[&str]| succeeds(dir.path(), args);
    let uuid_said = |text: String| {
        let uuid = text
            .strip_prefix("Created task ")
            .and_then(|t| t.strip_suffix(".\n"))
            .unwrap_or_default();
        assert!(uuid::Uuid::parse_str(uuid).is_ok(), "{text:?}");
    };
    assert_eq!(said(&["add", "one"]), "Created task 1.\n");
    assert_eq!(said(&["add", "two", "wait:3d"]), "Created task 2.\n");
    uuid_said(said(&["add", "three", "status:completed"]));
    uuid_said(said(&["rc.verbose=new-uuid", "add", "four"]));
    uuid_said(said(&["rc.verbose=yes", "add", "five"]));
    // The completed task took no ID: Taskwarrior 3.1.0 also said 5.
    assert_eq!(
        said(&["rc.verbose=new-id", "add", "six"]),
        "Created task 5.\n"
    );
    assert_eq!(said(&["rc.verbose=nothing", "add", "seven"]), "");
    assert_eq!(said(&["rc.verbose=affected", "add", "eight"]), "");
}

/// `tcui undo` takes back the newest change not yet synced, made by any run before it: it
/// says what that change did, asks, and does nothing without a yes (as `task undo`).
#[test]
fn undo_takes_back_the_last_change_of_an_earlier_run() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let undo = |answer: &str, extra: &[&str]| {
        let mut args = extra.to_vec();
        args.push("undo");
        let out = crate::support::cli_run::answering(dir.path(), &args, answer);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let project = || {
        let out = tcui(dir.path(), &["export"]);
        let tasks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        tasks
            .iter()
            .map(|t| t["project"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert!(
        tcui(dir.path(), &["add", "Pay", "rent", "project:home"])
            .status
            .success()
    );
    assert!(
        tcui(dir.path(), &["1", "modify", "project:work"])
            .status
            .success()
    );

    let said = undo("no\n", &[]);
    assert_eq!(
        said,
        "The newest change not yet synced, which undo takes back:\n  task 1 \"Pay rent\"\n    \
         project: \"home\" → \"work\"\nUndo this? (yes/no) Nothing was undone.\n"
    );
    assert_eq!(project(), ["work"]);
    assert!(
        undo("", &[]).ends_with("Nothing was undone.\n"),
        "no answer is no"
    );
    assert_eq!(project(), ["work"]);

    let said = undo("yes\n", &[]);
    // The project, and `modified` too when the modify fell in a later second than the add.
    assert!(
        said.ends_with("undone: 1 change on 1 task\n")
            || said.ends_with("undone: 2 changes on 1 task\n"),
        "{said}"
    );
    assert_eq!(project(), ["home"]);
    // Without confirmation, no question: the add goes too, and then there is nothing left.
    let said = undo("", &["rc.confirmation=off"]);
    assert!(
        !said.contains("(yes/no)") && said.contains("    created\n"),
        "{said}"
    );
    assert!(project().is_empty());
    assert_eq!(undo("", &[]), "No operations to undo.\n");
}

/// `append`, `prepend`, `denotate` and `duplicate` by ID, as `task` has them: words go
/// after or before the description while the rest of the line modifies; an annotation is
/// found by its text or part of it.
#[test]
fn append_prepend_denotate_and_duplicate() {
    let dir = with_empty_taskrc();
    let ok = |args: &[&str]| succeeds(dir.path(), args);
    let tasks = || {
        let out = tcui(dir.path(), &["export"]);
        serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).unwrap()
    };
    ok(&["add", "Pay", "rent"]);
    ok(&["add", "Call", "bank"]);
    assert_eq!(
        ok(&["1", "append", "now", "+urgent"]),
        "Appending to task 1 'Pay rent now'.\nAppended 1 task.\n"
    );
    assert_eq!(
        ok(&["1", "prepend", "Please"]),
        "Prepending to task 1 'Please Pay rent now'.\nPrepended 1 task.\n"
    );
    ok(&["1,2", "append", "x"]);
    let t = tasks();
    assert_eq!(t[0]["description"], "Please Pay rent now x");
    assert_eq!(t[0]["tags"], serde_json::json!(["urgent"]));
    assert_eq!(t[1]["description"], "Call bank x");

    ok(&["1", "annotate", "note", "one"]);
    ok(&["1", "annotate", "second", "thing"]);
    ok(&["1", "denotate", "note"]);
    let notes = tasks()[0]["annotations"].clone();
    assert_eq!(notes.as_array().map(Vec::len), Some(1), "{notes}");
    assert_eq!(notes[0]["description"], "second thing");
    let out = tcui(dir.path(), &["1", "denotate", "nothing"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "Did not find any matching annotation to be deleted for 'nothing'.\nDenotated 0 tasks.\n"
    );
    let out = tcui(dir.path(), &["2", "denotate", "nothing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("The specified task has no annotations that can be deleted."),
        "{}",
        stderr(&out)
    );

    assert_eq!(
        ok(&["1", "duplicate"]),
        "Duplicated task 1 'Please Pay rent now x'.\nCreated task 3.\nDuplicated 1 task.\n"
    );
    let t = tasks();
    assert_eq!(t.len(), 3);
    assert_eq!(t[2]["description"], "Please Pay rent now x");
    assert_ne!(t[2]["uuid"], t[0]["uuid"]);
    let out = tcui(dir.path(), &["2", "append"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Additional text must be provided."),
        "{}",
        stderr(&out)
    );
    // A copy takes changes, in the same step: one undo takes back both.
    let said = ok(&["2", "duplicate", "+copy", "project:home"]);
    assert!(said.contains("Created task 4."), "{said}");
    let t = tasks();
    assert_eq!(t[3]["tags"], serde_json::json!(["copy"]));
    assert_eq!(t[3]["project"], "home");
    ok(&["undo", "rc.confirmation=off"]);
    assert_eq!(tasks().len(), 3);
}

/// A home whose taskrc is empty.
fn with_empty_taskrc() -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    dir
}

/// `tcui ARGS`'s output, after checking it succeeded.
fn succeeds(dir: &Path, args: &[&str]) -> String {
    let out = tcui(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// `tcui log` records a task done already, as `task log` does: completed, ended now, said
/// only with `verbose=new-uuid`; a task that would wait is refused with Taskwarrior's words.
#[test]
fn log_records_a_task_done_already() {
    let dir = with_empty_taskrc();
    assert_eq!(
        succeeds(dir.path(), &["log", "Bought", "bread", "due:tomorrow"]),
        ""
    );
    let said = succeeds(dir.path(), &["rc.verbose=new-uuid", "log", "Bought", "jam"]);
    assert!(
        said.starts_with("Logged task ") && said.ends_with(".\n"),
        "{said}"
    );
    let out = tcui(dir.path(), &["log", "Later", "wait:tomorrow"]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out), "tcui: You cannot log waiting tasks.\n");
    let out = tcui(dir.path(), &["export"]);
    let tasks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tasks.len(), 2);
    for t in &tasks {
        assert_eq!(t["status"], "completed", "{t}");
        assert!(
            t["end"].is_string() && t.get("id") == Some(&serde_json::json!(0)),
            "{t}"
        );
    }
    assert_eq!(succeeds(dir.path(), &["count", "status:pending"]), "0\n");
}
