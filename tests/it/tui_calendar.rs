//! The calendar (`M`), driven without a terminal on a fixed clock (Saturday 2026-11-21
//! 12:00 UTC): each day's count of due and scheduled tasks, the taskrc's holidays and
//! `weekstart`; moving by day, week and month; `enter` shows the day's tasks.

use crate::support::tui::*;

use chrono::TimeDelta;

/// `now()` moved by `days`, as a stored date.
fn in_days(days: i64) -> String {
    (now() + TimeDelta::days(days)).timestamp().to_string()
}

const TASKRC: &str = "weekstart=monday\n\
    holiday.stn.name=St Nicholas\nholiday.stn.date=20261206\n\
    holiday.break.name=Winter break\nholiday.break.start=20261224\nholiday.break.end=20261231\n";

fn month() -> Harness {
    Harness::with_taskrc(TASKRC, |r| {
        add_task(r, "Pay rent", &[("due", &in_days(-1))]);
        add_task(r, "Call Bob", &[("due", &in_days(2))]);
        add_task(r, "Call Alice", &[("due", &in_days(2))]);
        add_task(r, "Plan the trip", &[("scheduled", &in_days(4))]);
        add_task(r, "Next month", &[("due", &in_days(15))]);
    })
}

#[test]
fn the_month_shows_each_days_tasks_and_holidays() {
    let mut h = month();
    h.app.resize((120, 40));
    h.press(KeyCode::Char('M'));
    insta::assert_snapshot!("calendar_120x40", h.screen());
    h.app.resize((80, 24));
    insta::assert_snapshot!("calendar_80x24", h.screen());
    // Next month: its holiday, and the task due in it.
    h.press(KeyCode::Char('L'));
    let screen = h.screen();
    assert!(screen.contains("December 2026"), "{screen}");
    // St Nicholas (a holiday, *), with the task due that day.
    assert!(screen.contains(" 6 1*"), "{screen}");
    // The 21st of December, a Monday; then the 24th, in the winter break.
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('l'));
    let screen = h.screen();
    assert!(
        screen.contains("Thu 24 Dec 2026: nothing due or scheduled · Winter break"),
        "{screen}"
    );
}

#[test]
fn enter_shows_the_tasks_of_the_day() {
    let mut h = month();
    h.app.resize((100, 30));
    h.press(KeyCode::Char('M'));
    // From the 21st to the 23rd.
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('l'));
    let screen = h.screen();
    assert!(screen.contains("Mon 23 Nov 2026: 2 due"), "{screen}");
    h.press(KeyCode::Enter);
    let rows: Vec<String> = h
        .app
        .core()
        .list()
        .rows()
        .iter()
        .map(|r| h.app.core().tasks()[&r.uuid].description().to_string())
        .collect();
    let mut rows = rows;
    rows.sort();
    assert_eq!(rows, ["Call Alice", "Call Bob"]);
}
