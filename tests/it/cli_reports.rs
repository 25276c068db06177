//! Taskwarrior's built-in reports on the command line, compared with what Taskwarrior 3.1.0
//! printed for the same tasks: every report of `task reports` (but `information`), and a few
//! filters, byte for byte. The tasks' dates are set relative to now, as they were when
//! Taskwarrior printed them, so the ages, countdowns and urgencies come out the same.

use crate::support::children::InTurn;
use crate::support::dated::dated;
use crate::support::isolated::tcui_command;

use std::path::Path;
use std::process::Output;

use chrono::{Duration, Utc};
use tempfile::TempDir;

mod expected;

fn tcui(dir: &Path, args: &[&str]) -> Output {
    tcui_command(dir, args)
        .env("TZ", "UTC")
        .output_in_turn()
        .unwrap()
}

/// The data set, as `task export` writes it: dates `days` and `hours` from `now`.
fn tasks(now: chrono::DateTime<Utc>) -> String {
    let at = |days: i64, hours: i64| {
        (now + Duration::days(days) + Duration::hours(hours))
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    };
    let u = |n: u8| format!("00000000-0000-0000-0000-{n:012}");
    serde_json::json!([
        {"uuid": u(1), "description": "Pay rent", "project": "home.bills", "tags": ["bills"],
         "due": at(3, 1), "priority": "H", "entry": at(-10, 0), "modified": at(-10, 0),
         "status": "pending"},
        {"uuid": u(2), "description": "Water the tomatoes", "project": "home.garden",
         "tags": ["garden", "outdoor"], "entry": at(-20, 0), "modified": at(-5, 0),
         "status": "pending", "scheduled": at(-1, 0),
         "annotations": [{"entry": at(-5, 0), "description": "use the rain barrel"}]},
        {"uuid": u(3), "description": "Send invoice", "project": "work", "due": at(-2, 0),
         "entry": at(-40, 0), "modified": at(0, -1), "start": at(0, -1), "status": "pending"},
        {"uuid": u(4), "description": "Call the bank", "project": "work.admin",
         "depends": [u(3)], "entry": at(-3, 0), "modified": at(-3, 0), "priority": "L",
         "status": "pending"},
        {"uuid": u(5), "description": "Read the book", "tags": ["someday"], "wait": at(5, 1),
         "entry": at(-100, 0), "modified": at(-100, 0), "status": "pending"},
        {"uuid": u(6), "description": "Old done thing", "project": "home", "entry": at(-30, 0),
         "end": at(-7, 0), "modified": at(-7, 0), "status": "completed"},
        {"uuid": u(7), "description": "Deleted one", "entry": at(-31, 0), "end": at(-1, 0),
         "modified": at(-1, 0), "status": "deleted"},
        {"uuid": u(8), "description":
         "A rather long description that will need to be wrapped when the report is narrow",
         "project": "work", "entry": at(-2, 0), "modified": at(-2, 0), "status": "pending",
         "due": at(20, 0)}
    ])
    .to_string()
}

/// A home with an empty taskrc and the data set imported, dated from now.
fn imported() -> (TempDir, chrono::DateTime<Utc>) {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let now = Utc::now();
    let file = dir.path().join("tasks.json");
    std::fs::write(&file, tasks(now)).unwrap();
    let out = tcui(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, now)
}

/// Import `tasks` (as `task export` writes them) into the home at `dir`.
fn import_values(dir: &Path, tasks: &[serde_json::Value]) {
    let file = dir.join("tasks.json");
    std::fs::write(&file, serde_json::to_string(tasks).unwrap()).unwrap();
    assert!(
        tcui(dir, &["import", file.to_str().unwrap()])
            .status
            .success()
    );
}

#[test]
fn every_built_in_report_prints_what_taskwarrior_printed() {
    let (dir, now) = imported();
    let mut wrong = Vec::new();
    for (args, found, printed) in expected::REPORTS {
        let out = tcui(dir.path(), args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() != *found {
            wrong.push(format!("{args:?}: exit status {} ({stderr})", out.status));
        } else if !found && !stderr.contains("No matches.") {
            wrong.push(format!("{args:?}: {stderr}"));
        }
        let want = dated(printed, now);
        if stdout != want {
            wrong.push(format!("{args:?}:\n--- task\n{want}--- tcui\n{stdout}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn narrow_reports_wrap_cut_and_complain_as_taskwarrior_does() {
    let (dir, now) = imported();
    let mut wrong = Vec::new();
    for (args, status, printed, said) in expected::NARROW {
        let out = tcui(dir.path(), args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(*status) {
            wrong.push(format!("{args:?}: exit status {} ({stderr})", out.status));
        }
        let want = dated(printed, now);
        if stdout != want {
            wrong.push(format!("{args:?}:\n--- task\n{want}--- tcui\n{stdout}"));
        }
        if stderr != *said {
            wrong.push(format!(
                "{args:?} on stderr:\n--- task\n{said}--- tcui\n{stderr}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn limit_page_fills_the_page_as_taskwarrior_counts_it() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let at = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let tasks: Vec<serde_json::Value> = (1..=40)
        .map(|n| {
            serde_json::json!({"uuid": format!("00000000-0000-0000-0000-{n:012}"),
                "description": format!("task number {n}"), "entry": at, "status": "pending"})
        })
        .collect();
    import_values(dir.path(), &tasks);
    // Taskwarrior 3.1.0, piped (24 lines high): 17 rows, and this count.
    let out = tcui(dir.path(), &["next"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 22, "{text}");
    assert_eq!(lines.last(), Some(&"40 tasks, truncated to 17 lines"));
    // The `rc.` word makes a footnote, which takes a line of the page, as in Taskwarrior
    // 3.1.0.
    let out = tcui(dir.path(), &["next", "rc.defaultheight=10"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.ends_with("40 tasks, truncated to 2 lines\n"), "{text}");
    // No height: every row.
    let out = tcui(dir.path(), &["next", "rc.defaultheight=0"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.ends_with("\n40 tasks\n"), "{text}");
}

#[test]
fn only_the_rows_on_the_page_are_measured_as_taskwarrior_measures_them() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let at = (Utc::now() - Duration::days(1))
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    // The last task by urgency has the widest description, and is not on the page.
    let tasks: Vec<serde_json::Value> = (1..=40)
        .map(|n| {
            let mut task = serde_json::json!({
                "uuid": format!("00000000-0000-0000-0000-{n:012}"),
                "description": format!("task number {n}"), "entry": at, "status": "pending",
                "priority": "L"});
            if n == 30 {
                task["description"] = "a later task whose description is much longer than \
                    the others and wider"
                    .into();
                task.as_object_mut().unwrap().remove("priority");
            }
            task
        })
        .collect();
    import_values(dir.path(), &tasks);
    // What Taskwarrior 3.1.0 printed for `task next rc.defaultheight=12` on these tasks.
    let out = tcui(dir.path(), &["next", "rc.defaultheight=12"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "\nID Age  P Description   Urg\n-- ---- - ------------- ----\n \
         1 1d   L task number 1 1.81\n 2 1d   L task number 2 1.81\n \
         3 1d   L task number 3 1.81\n 4 1d   L task number 4 1.81\n\n\
         40 tasks, truncated to 4 lines\n"
    );
    // With no page, every row is measured, the last one too, which widens the column.
    let out = tcui(dir.path(), &["next", "rc.defaultheight=0"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let header = text.lines().nth(1).unwrap_or_default();
    assert!(header.len() > 60, "{text}");
    assert!(text.contains("a later task whose"), "{text}");
}

/// Taskwarrior's reading commands on the same tasks, with what Taskwarrior 3.1.0 printed
/// (a filter before or after the command word; `count` keeps to the context).
#[test]
fn counting_and_listing_commands_print_what_taskwarrior_printed() {
    let (dir, _) = imported();
    let u = |n: u8| format!("00000000-0000-0000-0000-{n:012}");
    let all: Vec<String> = (1..=8).map(u).collect();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (vec!["count"], "8\n".into()),
        (vec!["count", "+bills"], "1\n".into()),
        (vec!["status:completed", "count"], "1\n".into()),
        (vec!["+nothing", "count"], "0\n".into()),
        (vec!["ids"], "1-6\n".into()),
        (vec!["+bills", "ids"], "1\n".into()),
        (vec!["ids", "+bills"], "1\n".into()),
        (vec!["1,3,4,6", "ids"], "1 3-4 6\n".into()),
        (vec!["+nothing", "ids"], "\n".into()),
        (vec!["uuids"], format!("{}\n", all.join(" "))),
        (
            vec!["_uuids"],
            all.iter().map(|u| format!("{u}\n")).collect(),
        ),
        (vec!["_ids"], "1\n2\n3\n4\n5\n6\n".into()),
        (
            vec!["_projects"],
            "home.bills\nhome.garden\nwork\nwork.admin\n".into(),
        ),
        (
            vec!["rc.list.all.projects=1", "_projects"],
            "home\nhome.bills\nhome.garden\nwork\nwork.admin\n".into(),
        ),
        (
            vec!["_tags"],
            "ACTIVE\nANNOTATED\nBLOCKED\nBLOCKING\nCHILD\nCOMPLETED\nDELETED\nDUE\nDUETODAY\n\
             INSTANCE\nLATEST\nMONTH\nORPHAN\nOVERDUE\nPARENT\nPENDING\nPRIORITY\nPROJECT\n\
             QUARTER\nREADY\nSCHEDULED\nTAGGED\nTEMPLATE\nTODAY\nTOMORROW\nUDA\nUNBLOCKED\n\
             UNTIL\nWAITING\nWEEK\nYEAR\nYESTERDAY\nbills\ngarden\nnext\nnocal\nnocolor\n\
             nonag\noutdoor\nsomeday\n"
                .into(),
        ),
    ];
    let mut wrong = Vec::new();
    for (args, want) in &cases {
        let out = tcui(dir.path(), args);
        let found = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || found != *want {
            wrong.push(format!("{args:?}: {} {found:?}, not {want:?}", out.status));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // In a context, `count` counts its tasks and says so; `ids` reads every task.
    std::fs::write(
        dir.path().join("taskrc"),
        "context.w.read=project:work\ncontext=w\n",
    )
    .unwrap();
    let out = tcui(dir.path(), &["count"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "3\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Context 'w' set. Use 'tcui context none' to remove.\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&tcui(dir.path(), &["+bills", "count"]).stdout),
        "0\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&tcui(dir.path(), &["ids"]).stdout),
        "1-6\n"
    );
}
