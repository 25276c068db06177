//! The charts of progress counted from an operation log written by hand, with every change
//! at a known time: `tcui history.*` and `ghistory.*` as a user runs them, and the burndown's
//! figures through the library with a fixed clock.

use crate::support::children::{InTurn, OpenInTurn};
use crate::support::cli_run::{home, stderr, stdout};
use crate::support::isolated::tcui_command;

use crate::support::logbook::{ended, made, set, started, t};

use chrono::Utc;
use tcui::app::charts::{Period, burndown, history};
use tcui::app::chronicle::{Life, Recorder};
use tcui::replica::Replica;
use tcui::task::Task;
use uuid::Uuid;

fn uuid(n: u128) -> Uuid {
    Uuid::from_u128(0x0c00_0000_0000_4000_8000_0000_0000_0000 + n)
}

/// The log, by hand, in March 2026 (UTC):
/// A added on the 2nd, started on the 4th, completed on the 6th;
/// B added on the 3rd, deleted on the 5th;
/// C added on the 5th at 9:00, completed at 17:00, reopened on the 7th;
/// D a recurring template made on the 2nd;
/// E added on the 9th, started at noon, stopped on the 10th.
fn write_log(path: &std::path::Path) {
    let (a, b, c, d, e) = (uuid(1), uuid(2), uuid(3), uuid(4), uuid(5));
    let mut ops = Vec::new();
    ops.extend(made(a, "A", "pending", t("2026-03-02", 10), &[]));
    ops.extend(made(d, "D", "recurring", t("2026-03-02", 11), &[]));
    ops.extend(made(b, "B", "pending", t("2026-03-03", 10), &[]));
    ops.push(set(a, "start", Some("x"), t("2026-03-04", 9)));
    ops.extend(made(c, "C", "pending", t("2026-03-05", 9), &[]));
    ops.extend(ended(b, "deleted", t("2026-03-05", 12)));
    ops.extend(ended(c, "completed", t("2026-03-05", 17)));
    ops.extend(ended(a, "completed", t("2026-03-06", 9)));
    ops.push(set(a, "start", None, t("2026-03-06", 9)));
    ops.push(set(c, "status", Some("pending"), t("2026-03-07", 9)));
    ops.push(set(c, "end", None, t("2026-03-07", 9)));
    ops.extend(made(e, "E", "pending", t("2026-03-09", 10), &[]));
    ops.push(started(e, true, t("2026-03-09", 12)));
    ops.push(started(e, false, t("2026-03-10", 8)));
    let mut replica = Replica::open_in_turn(path).unwrap();
    replica.commit_operations(ops).unwrap();
}

fn lives(path: &std::path::Path) -> Vec<Life> {
    let replica = Replica::open_in_turn(path).unwrap();
    let recorder = Recorder::read(&replica).unwrap();
    let tasks: Vec<Task> = replica
        .all_task_data()
        .unwrap()
        .into_values()
        .map(Task::new)
        .collect();
    let one_by_one: Vec<Life> = tasks.iter().map(|t| recorder.life(t)).collect();
    let refs: Vec<&Task> = tasks.iter().collect();
    assert_eq!(recorder.lives(&refs), one_by_one);
    one_by_one
}

#[test]
fn history_counts_what_the_log_says_happened_each_day() {
    let dir = home();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    write_log(&dir.path().join("data/replica.redb"));
    let run = |args: &[&str]| {
        let out = tcui_command(dir.path(), args)
            .env("TZ", "UTC")
            .output_in_turn()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let daily = run(&["rc.verbose=nothing", "history.daily"]);
    let expected = [
        "Year Month     Day Added Completed Deleted Net",
        "---- ----- ------- ----- --------- ------- ---",
        "2026 March       2     1         0       0   1",
        "                 3     1         0       0   1",
        "                 5     1         0       1   0",
        "                 6     0         1       0  -1",
        "                 9     1         0       0   1",
        "",
        "           Average     0         0       0   0",
        "",
    ]
    .map(|l| format!("{l}\n"))
    .concat();
    assert_eq!(daily, expected, "\n{daily}");
    let monthly = run(&["rc.verbose=nothing", "history.monthly"]);
    assert!(
        monthly.contains("2026 March       4         1       1   2\n"),
        "\n{monthly}"
    );
    // A filter narrows the tasks counted: A alone.
    let one = run(&["rc.verbose=nothing", "description:A", "history.monthly"]);
    assert!(
        one.contains("2026 March       1         1       0   0\n"),
        "\n{one}"
    );
    let bars = run(&[
        "rc.verbose=nothing",
        "rc.defaultwidth=40",
        "ghistory.monthly",
    ]);
    assert!(
        bars.contains("2026 March ++++++++++++++++XXXX----\n"),
        "\n{bars}"
    );
    // The burndown as Taskwarrior lays it out, not on a terminal: 80 by 24.
    let chart = run(&["burndown.monthly"]);
    let lines: Vec<&str> = chart.lines().collect();
    assert_eq!(lines.len(), 22, "\n{chart}");
    assert_eq!(lines[0].trim(), "Monthly Burndown");
    assert!(lines[16].starts_with("0 +---"), "\n{chart}");
    assert!(chart.contains(" X Pending"), "\n{chart}");
    assert!(chart.contains("Estimated completion: 20"), "\n{chart}");
    let small = run(&["rc.defaultheight=10", "burndown.daily"]);
    assert_eq!(small, "Terminal window too small to draw a graph.\n");
    // Nothing picked: Taskwarrior's words and exit code.
    let out = tcui_command(dir.path(), &["description:nothing", "history.monthly"])
        .output_in_turn()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("No tasks."));
}

#[test]
fn the_burndown_counts_each_days_end() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("r.redb");
    write_log(&path);
    let lives = lives(&path);
    let now = t("2026-03-10", 12);
    let bars = burndown(&lives, Period::Day, 10, now, &Utc);
    let got: Vec<(u32, usize, usize, usize)> = bars
        .iter()
        .map(|b| {
            (
                chrono::Datelike::day(&b.start),
                b.pending,
                b.started,
                b.done,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (1, 0, 0, 0),
            (2, 1, 0, 0),
            (3, 2, 0, 0),
            (4, 1, 1, 0),
            (5, 0, 1, 1),
            (6, 0, 0, 2),
            (7, 1, 0, 1),
            (8, 1, 0, 1),
            (9, 1, 1, 1),
            (10, 2, 0, 1),
        ]
    );
    let rows = history(&lives, Period::Week(true), &Utc);
    let weeks: Vec<(u32, usize, usize, usize)> = rows
        .iter()
        .map(|r| {
            (
                chrono::Datelike::day(&r.start),
                r.added,
                r.completed,
                r.deleted,
            )
        })
        .collect();
    // Weeks from Monday: 2 March (A, B, C added; A done, C reopened since; B deleted),
    // 9 March (E).
    assert_eq!(weeks, vec![(2, 3, 1, 1), (9, 1, 0, 0)]);
}
