//! `tcui calendar`, `tcui summary` and `tcui stats` run as a user runs them, not on a
//! terminal: Taskwarrior 3.1.0's layout, exit codes and messages, on tasks imported from a
//! `task export`.

use crate::support::children::InTurn;
use crate::support::cli_run::{home, import, stderr, stdout};
use crate::support::isolated::tcui_command;

use std::path::Path;
use std::process::Output;

/// Run `args` in UTC, so that dates fall on the same days wherever the tests run.
fn tcui(dir: &Path, args: &[&str]) -> Output {
    tcui_command(dir, args)
        .env("TZ", "UTC")
        .output_in_turn()
        .unwrap()
}

/// Run `args`, which must succeed, and return what it printed.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = tcui(dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Lines of Taskwarrior 3.1.0's `task calendar 1 2026` at its default width, not on a
/// terminal (the whole text is compared in the unit tests of `cli::overview`).
const JANUARY_2026: [&str; 3] = [
    "       January 2026              February 2026              March 2026        \n",
    "   1              1  2  3    6  1  2  3  4  5  6  7   10  1  2  3  4  5  6  7\n",
    "   5 25 26 27 28 29 30 31                             14 29 30 31\n\n",
];

/// Six tasks: four open in Home, Home.Garden and Work, one done and one deleted, all
/// entered on 2025-01-01 or 2025-03-01.
const TASKS: &str = r#"[
{"uuid":"0a000000-0000-4000-8000-000000000001","status":"pending","entry":"20250101T000000Z","description":"Buy milk","project":"Home","tags":["shopping"],"due":"20260115T120000Z"},
{"uuid":"0a000000-0000-4000-8000-000000000002","status":"pending","entry":"20250101T000000Z","description":"Fix the fence","project":"Home.Garden","tags":["outdoor","weekend"]},
{"uuid":"0a000000-0000-4000-8000-000000000003","status":"pending","entry":"20250301T000000Z","description":"Write report","project":"Work","annotations":[{"entry":"20250302T000000Z","description":"draft first"}]},
{"uuid":"0a000000-0000-4000-8000-000000000004","status":"completed","entry":"20250101T000000Z","end":"20250111T000000Z","description":"Old chore","project":"Home"},
{"uuid":"0a000000-0000-4000-8000-000000000005","status":"deleted","entry":"20250101T000000Z","end":"20250102T000000Z","description":"Outing","project":"Home.Garden"},
{"uuid":"0a000000-0000-4000-8000-000000000006","status":"pending","entry":"20250101T000000Z","description":"Call mum"}
]"#;

/// A home with `taskrc` as its taskrc and the six tasks imported.
fn with_tasks(taskrc: &str) -> tempfile::TempDir {
    let dir = home();
    std::fs::write(dir.path().join("taskrc"), taskrc).unwrap();
    import(dir.path(), TASKS);
    dir
}

/// The words of the line of `text` that starts with `first`.
fn row(text: &str, first: &str) -> Vec<String> {
    text.lines()
        .find(|l| l.trim_start().starts_with(first))
        .unwrap_or_else(|| panic!("no line starting {first:?} in:\n{text}"))
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn calendar_prints_taskwarriors_months_and_refuses_a_bad_month() {
    let dir = with_tasks("");
    let d = dir.path();
    // Not on a terminal: no colour, the default width of 80 holds three months.
    let january = ok(d, &["calendar", "1", "2026"]);
    for line in JANUARY_2026 {
        assert!(january.contains(line), "{line:?} in {january}");
    }
    assert_eq!(january.lines().count(), 11, "{january}");
    assert_eq!(ok(d, &["calendar", "2026", "1"]), january);
    assert_eq!(ok(d, &["calendar", "jan", "2026"]), january);
    // The earliest due date of a pending task picks the first month.
    assert_eq!(ok(d, &["calendar", "due"]), january);

    let year = ok(d, &["calendar", "2026"]);
    assert!(year.starts_with(&january), "{year}");
    assert!(year.contains("       October 2026 "), "{year}");
    assert!(year.contains("December 2026"), "{year}");
    assert!(!year.contains("2027"), "{year}");

    let wide = ok(d, &["calendar", "1", "2026", "rc.defaultwidth=60"]);
    assert!(wide.contains("February 2026"), "{wide}");
    assert!(!wide.contains("March 2026"), "{wide}");
    let monday = ok(d, &["calendar", "1", "2026", "rc.weekstart=monday"]);
    assert!(
        monday.contains("\n     Mo Tu We Th Fr Sa Su      Mo"),
        "{monday}"
    );

    for (args, says) in [
        (
            &["calendar", "13", "2026"][..],
            "Argument '13' is not a valid month.",
        ),
        (
            &["calendar", "soon"],
            "Could not recognize argument 'soon'.",
        ),
        (
            &["calendar", "rc.weekstart=friday"],
            "may only contain 'Sunday' or 'Monday'",
        ),
    ] {
        let out = tcui(d, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
    }
}

#[test]
fn summary_shows_each_projects_progress_and_says_when_there_is_none() {
    let dir = with_tasks("");
    let d = dir.path();
    let text = ok(d, &["summary"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "", "{text}");
    assert_eq!(
        lines[1],
        "Project  Remaining Avg age Complete 0%                        100%"
    );
    assert_eq!(
        lines[2],
        "-------- --------- ------- -------- ------------------------------"
    );
    // The open task without a project comes first.
    assert!(lines[3].starts_with("(none)           1 "), "{text}");
    // Home: two open (one in the garden), one done of three; its deleted task counts only
    // towards the average age.
    let home = row(&text, "Home");
    assert_eq!((home[1].as_str(), home[3].as_str()), ("2", "33%"), "{text}");
    assert_eq!(home[4], "==========", "{text}");
    assert!(lines[5].starts_with("  Garden         1 "), "{text}");
    assert!(lines[5].ends_with("       0%"), "{text}");
    assert!(lines[6].starts_with("Work             1 "), "{text}");
    assert_eq!(lines[7..], ["", "4 projects"]);

    let work = ok(d, &["project:Work", "summary", "rc.verbose=nothing"]);
    assert!(work.starts_with("Project "), "{work}");
    assert!(work.ends_with("\n1 projects\n"), "{work}");

    let out = tcui(d, &["project:Nowhere", "summary"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), "No projects.\n");
}

#[test]
fn summary_and_stats_keep_to_the_context() {
    let dir = with_tasks("context.work.read=project:Work\ncontext=work\n");
    let d = dir.path();
    let out = tcui(d, &["summary"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("\n1 projects\n"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("Context 'work' set."),
        "{}",
        stderr(&out)
    );
    let out = tcui(d, &["stats"]);
    assert_eq!(row(&stdout(&out), "Total")[1], "1", "{}", stdout(&out));
    assert!(
        stderr(&out).contains("Context 'work' set."),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stats_counts_the_tasks_and_the_replicas_history() {
    let dir = with_tasks("dateformat=D.M.Y\n");
    let d = dir.path();
    let text = ok(d, &["stats"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..2],
        ["", "Category                   Data"],
        "{text}"
    );
    // The data column is as wide as its widest value, `9 characters`.
    assert_eq!(
        lines[2], "-------------------------  ------------",
        "{text}"
    );
    let value = |name: &str| {
        let line = text
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name:?} in:\n{text}"));
        line[name.len()..].trim().to_string()
    };
    assert_eq!(value("Pending"), "4");
    assert_eq!(value("Waiting"), "0");
    assert_eq!(value("Completed"), "1");
    assert_eq!(value("Deleted"), "1");
    assert_eq!(value("Total"), "6");
    assert_eq!(value("Annotations"), "1");
    assert_eq!(value("Unique tags"), "3");
    assert_eq!(value("Projects"), "3");
    assert_eq!(value("Blocked tasks"), "0");
    assert!(
        value("Undo transactions").parse::<usize>().is_ok(),
        "{text}"
    );
    assert!(
        value("Sync backlog transactions").parse::<usize>().unwrap() > 0,
        "{text}"
    );
    assert_eq!(value("Tasks tagged"), "33.3%");
    assert_eq!(value("Oldest task"), "01.01.2025");
    assert_eq!(value("Newest task"), "01.03.2025");
    assert_eq!(value("Task used for"), "8w");
    assert_eq!(value("Task completed every"), "8w");
    assert_eq!(value("Average desc length"), "9 characters");
    assert_eq!(lines.last(), Some(&""), "{text}");

    // No tasks: the counts alone.
    let empty = home();
    let text = ok(empty.path(), &["stats"]);
    assert!(text.contains("\nTotal                      0\n"), "{text}");
    assert!(!text.contains("Oldest task"), "{text}");
}
