//! Reports on the command line in Taskwarrior's colours, compared with what Taskwarrior 3.1.0
//! printed with `rc._forcecolor=on` for the same tasks, byte for byte: an overdue task, one
//! due today, an active one blocking another, a tag coloured by the taskrc, a priority H, odd
//! rows on the alternate colour, labels underlined or over dashes. Without colour (`NO_COLOR`,
//! or `color=off` on a terminal) the report is as a pipe gets it.

use crate::support::children::InTurn;
use crate::support::dated::dated;
use crate::support::isolated::tcui_command;
use crate::support::tmux::shell_quote;

use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, Duration, Utc};
use tempfile::TempDir;

mod expected;

/// The taskrc: a tag colour of its own, and no urgency from the due date (the task due
/// today would otherwise score by the time of day).
const TASKRC: &str = "color.tag.garden=bold green\nurgency.due.coefficient=0\n";

fn tcui(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = tcui_command(dir, args);
    command.env("TZ", "UTC").envs(env.iter().copied());
    command.output_in_turn().unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The data set, as `task export` writes it: dates `days` and `hours` from `now`, and the
/// end of today.
fn tasks(now: DateTime<Utc>) -> String {
    let at = |days: i64, hours: i64| {
        (now + Duration::days(days) + Duration::hours(hours))
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    };
    let today = now.format("%Y%m%dT235959Z").to_string();
    let u = |n: u8| format!("00000000-0000-0000-0000-{n:012}");
    serde_json::json!([
        {"uuid": u(1), "description": "Pay rent", "project": "home", "due": at(-2, 0),
         "entry": at(-10, 0), "modified": at(-10, 0), "status": "pending"},
        {"uuid": u(2), "description": "Renew the permit", "due": today, "entry": at(-1, 0),
         "modified": at(-1, 0), "status": "pending"},
        {"uuid": u(3), "description": "Send invoice", "project": "work", "start": at(0, -1),
         "entry": at(-4, 0), "modified": at(0, -1), "status": "pending"},
        {"uuid": u(4), "description": "Call the bank", "depends": [u(3)], "entry": at(-5, 0),
         "modified": at(-5, 0), "status": "pending"},
        {"uuid": u(5), "description": "Water the tomatoes", "tags": ["garden"],
         "entry": at(-3, 0), "modified": at(-3, 0), "status": "pending"},
        {"uuid": u(6), "description": "Fix the roof", "priority": "H", "entry": at(-6, 0),
         "modified": at(-6, 0), "status": "pending"},
        {"uuid": u(7), "description": "Plain one", "entry": at(-7, 0), "modified": at(-2, 0),
         "status": "pending", "annotations": [{"entry": at(-2, 0), "description": "ask Ann"}]}
    ])
    .to_string()
}

/// `text` with `^[` as the escape character and each `{DAYS_HOURS}` replaced by that date
/// from `now`.
fn printed(text: &str, now: DateTime<Utc>) -> String {
    dated(&text.replace("^[", "\x1b"), now)
}

/// A folder with the taskrc and the data set imported, and the time the dates count from.
fn setup() -> (TempDir, DateTime<Utc>) {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), TASKRC).unwrap();
    let now = Utc::now();
    let file = dir.path().join("tasks.json");
    std::fs::write(&file, tasks(now)).unwrap();
    stdout(&tcui(dir.path(), &["import", file.to_str().unwrap()], &[]));
    (dir, now)
}

/// tcui's output on an 80×24 terminal (`script` gives it one), its line ends as a pipe's.
fn on_a_terminal(dir: &Path, args: &[&str]) -> String {
    let mut line = format!(
        "stty cols 80 rows 24; exec {} --data-dir {}",
        shell_quote(env!("CARGO_BIN_EXE_tcui")),
        shell_quote(&dir.join("data").to_string_lossy())
    );
    for arg in args {
        line.push(' ');
        line.push_str(&shell_quote(arg));
    }
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("HOME", dir)
        .env("TASKRC", dir.join("taskrc"))
        .env("TCUI_CONFIG", dir.join("none.rc"))
        .env("TZ", "UTC")
        .env_remove("TCUI_DATA")
        .env_remove("NO_COLOR")
        .output_in_turn()
        .unwrap_or_else(|e| panic!("cannot run `script` (util-linux) for a terminal: {e}"));
    stdout(&out).replace("\r\n", "\n")
}

#[test]
fn reports_print_what_taskwarrior_printed_in_colour() {
    let (dir, now) = setup();
    let mut wrong = Vec::new();
    for (args, text) in expected::COLOURED {
        let out = tcui(dir.path(), args, &[]);
        let found = stdout(&out);
        let want = printed(text, now);
        if found != want {
            wrong.push(format!(
                "{args:?}:\n--- task\n{}--- tcui\n{}",
                want.replace('\x1b', "^["),
                found.replace('\x1b', "^[")
            ));
        }
        // Each `rc.` word noted under the report, in the footnote colour, as `task` does.
        let stderr = String::from_utf8_lossy(&out.stderr);
        let noted: String = args
            .iter()
            .filter(|a| a.starts_with("rc."))
            .map(|a| format!("\x1b[38;5;3mConfiguration override {a}\x1b[0m\n"))
            .collect();
        if stderr != noted {
            wrong.push(format!("{args:?}: {stderr}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_color_and_color_off_on_a_terminal_print_the_plain_report() {
    let (dir, _) = setup();
    let plain = stdout(&tcui(dir.path(), &["list"], &[]));
    assert!(!plain.contains('\x1b'), "{plain}");
    let forced = ["rc._forcecolor=on", "list"];
    let coloured = stdout(&tcui(dir.path(), &forced, &[]));
    assert_ne!(coloured, plain);
    let no_colour = stdout(&tcui(dir.path(), &forced, &[("NO_COLOR", "1")]));
    assert_eq!(no_colour, plain, "NO_COLOR wins over _forcecolor");
    let empty = stdout(&tcui(dir.path(), &forced, &[("NO_COLOR", "")]));
    assert_eq!(empty, coloured, "an empty NO_COLOR asks for nothing");

    // On a terminal, colour is on unless `color` is off, as for `task`.
    assert_eq!(on_a_terminal(dir.path(), &["list"]), coloured);
    // The `rc.` word is noted under the report, as `task` notes it.
    assert_eq!(
        on_a_terminal(dir.path(), &["rc.color=off", "list"]),
        format!("{plain}Configuration override rc.color=off\n")
    );
}

#[test]
fn an_unreadable_colour_is_named_once_and_the_report_still_prints() {
    let (dir, _) = setup();
    let args = ["rc._forcecolor=on", "rc.color.tag.garden=purple", "list"];
    let out = tcui(dir.path(), &args, &[]);
    let report = stdout(&out);
    assert!(report.contains("Water the tomatoes") && report.contains('\x1b'));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("is not a colour").count(), 1, "{stderr}");
    assert!(
        stderr.contains("color.tag.garden: \"purple\" is not a colour"),
        "{stderr}"
    );
    // The other rules still hold: the overdue task is in its colour.
    assert!(report.contains("\x1b[38;5;9m\x1b[48;5;234m 1"), "{report}");
    // Without colour the spec is never read.
    let plain = tcui(dir.path(), &args[1..], &[]);
    assert_eq!(
        String::from_utf8_lossy(&plain.stderr),
        "Configuration override rc.color.tag.garden=purple\n"
    );
}
