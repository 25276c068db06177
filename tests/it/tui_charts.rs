//! The charts of progress (`b`), driven without a terminal on a fixed clock (Saturday
//! 2026-11-21 12:00 UTC) over an operation log written by hand: the burndown, the history
//! and the projects, by day and by week, and the context in force.

use crate::support::logbook::{ended, made, set, started, t};
use crate::support::tui::*;

/// The week before the clock (UTC):
/// A (Home) added Mon 16, started Tue 17, completed Wed 18;
/// B (Home.Garden) added Mon 16, deleted Thu 19;
/// C (Work) added Wed 18 at 9:00, completed at 17:00, reopened Fri 20;
/// E (Work) added Thu 19, started Fri 20;
/// F (Home) added Fri 20.
fn week(taskrc: &str) -> Harness {
    Harness::with_taskrc(taskrc, |r| {
        let [a, b, c, e, f] = [1u128, 2, 3, 5, 6].map(|n| Uuid::from_u128(0x0d00 + n));
        let mut ops = Vec::new();
        ops.extend(made(
            a,
            "A",
            "pending",
            t("2026-11-16", 9),
            &[("project", "Home")],
        ));
        ops.extend(made(
            b,
            "B",
            "pending",
            t("2026-11-16", 10),
            &[("project", "Home.Garden")],
        ));
        ops.push(started(a, true, t("2026-11-17", 9)));
        ops.extend(made(
            c,
            "C",
            "pending",
            t("2026-11-18", 9),
            &[("project", "Work")],
        ));
        ops.extend(ended(a, "completed", t("2026-11-18", 10)));
        ops.extend(ended(c, "completed", t("2026-11-18", 17)));
        ops.extend(ended(b, "deleted", t("2026-11-19", 9)));
        ops.extend(made(
            e,
            "E",
            "pending",
            t("2026-11-19", 10),
            &[("project", "Work")],
        ));
        ops.push(set(c, "status", Some("pending"), t("2026-11-20", 9)));
        ops.push(set(c, "end", None, t("2026-11-20", 9)));
        ops.push(started(e, true, t("2026-11-20", 12)));
        ops.extend(made(
            f,
            "F",
            "pending",
            t("2026-11-20", 13),
            &[("project", "Home")],
        ));
        r.commit_operations(ops).unwrap();
    })
}

#[test]
fn each_chart_at_both_sizes() {
    let mut h = week("");
    h.app.resize((120, 40));
    h.press(KeyCode::Char('b'));
    insta::assert_snapshot!("charts_burndown_120x40", h.screen());
    h.press(KeyCode::Char('2'));
    insta::assert_snapshot!("charts_history_120x40", h.screen());
    h.press(KeyCode::Char('3'));
    insta::assert_snapshot!("charts_projects_120x40", h.screen());
    h.app.resize((80, 24));
    h.press(KeyCode::Char('1'));
    insta::assert_snapshot!("charts_burndown_80x24", h.screen());
    h.press(KeyCode::Char('2'));
    insta::assert_snapshot!("charts_history_80x24", h.screen());
    h.press(KeyCode::Char('3'));
    insta::assert_snapshot!("charts_projects_80x24", h.screen());
    h.press(KeyCode::Esc);
    assert!(!h.screen().contains("Burndown"));
}

/// The figures on screen are the log's, counted by hand: the bars' heights are read from
/// the grid, the history's from the chart's values.
#[test]
fn the_burndown_shows_each_days_end() {
    let mut h = week("");
    h.app.resize((120, 40));
    h.press(KeyCode::Char('b'));
    let screen = h.screen();
    assert!(screen.contains("Daily Burndown"), "{screen}");
    // The net fix rate: the peak was two days ago, so no pace yet.
    assert!(
        screen.contains("Estimated completion: no convergence"),
        "{screen}"
    );
    // By week: the week from Sunday 15 November holds everything.
    h.press(KeyCode::Char('w'));
    assert!(h.screen().contains("Weekly Burndown"));
    h.press(KeyCode::Char('2'));
    let screen = h.screen();
    assert!(screen.contains("Weekly history"), "{screen}");
    assert!(screen.contains("w46"), "{screen}");
    // Added 5 (A, B, C, E and F; the reopened C is not added again), completed 1 (A; C was
    // reopened since), deleted 1 (B): the bars' values, at their feet.
    assert!(screen.contains("█5█ █1█ █1█"), "{screen}");
}

#[test]
fn charts_keep_to_the_context() {
    let mut h = week("context.home.read=project:Home\ncontext=home\n");
    h.app.resize((120, 40));
    h.press(KeyCode::Char('b'));
    h.press(KeyCode::Char('3'));
    let screen = h.screen();
    assert!(screen.contains("Home"), "{screen}");
    assert!(!screen.contains("Work"), "{screen}");
    // Home: A done, F open (B deleted): 50%.
    assert!(screen.contains("50%"), "{screen}");
}

#[test]
fn the_charts_move_in_time_stay_open_and_follow_changes() {
    let mut h = week("");
    h.app.resize((80, 24));
    h.press(KeyCode::Char('b'));
    h.press(KeyCode::Char('2'));
    let screen = h.screen();
    // The newest day with something in it: Friday the 20th (F added; C reopened).
    assert!(
        screen.contains("Daily history · Nov 20: 1 added, 0 completed, 0 deleted"),
        "{screen}"
    );
    // A screen back: nothing older than the 16th, so the 16th is the newest shown.
    h.press(KeyCode::Char('h'));
    let screen = h.screen();
    assert!(
        screen.contains("Daily history · Nov 16: 2 added"),
        "{screen}"
    );
    h.press(KeyCode::Char('l'));
    assert!(h.screen().contains("Nov 20: 1 added"));
    // A key the charts do not use leaves them open.
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::PageDown);
    assert!(h.screen().contains("Daily history"));
    // F is completed now, by a change the charts did not make: counted in at once.
    let f = Uuid::from_u128(0x0d06);
    let ops = ended(f, "completed", now());
    h.run(vec![tcui::app::Effect::Replica(
        tcui::app::Command::Commit {
            ops,
            label: "done".into(),
            recur: None,
            hooks: None,
        },
    )]);
    let screen = h.screen();
    assert!(
        screen.contains("Daily history · Nov 21: 0 added, 1 completed, 0 deleted"),
        "{screen}"
    );
    h.press(KeyCode::Char('q'));
    assert!(!h.screen().contains("history"));
}
