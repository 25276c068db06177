//! The date picker (`ctrl-d`), driven without a terminal on a fixed clock (Saturday
//! 2026-11-21 12:00 UTC): on the edit form's date fields, where a picked date replaces the
//! field and keeps its time of day; in the add, modify and filter prompts, where it fills
//! the value of the date attribute being typed or adds a `due:`; `esc` changes nothing;
//! weeks start on `weekstart`. Then once in a real terminal, through the real binary.

use crate::support;

use chrono::{NaiveDate, TimeDelta};
use support::tmux::{Place, Tmux, status, title};
use support::tui::*;
use tcui::tui::mode::Mode;

/// `now()` moved by `hours`, as a stored date.
fn at(hours: i64) -> String {
    (now() + TimeDelta::hours(hours)).timestamp().to_string()
}

/// The stored form of a day in 2026 or 2027 at a time, UTC (the harness's zone).
fn stored_at(y: i32, m: u32, d: u32, hour: u32) -> String {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp()
        .to_string()
}

fn tasks(taskrc: &str) -> Harness {
    Harness::with_taskrc(taskrc, |r| {
        // Wednesday 25 November, 09:00.
        add_task(r, "Call Bob", &[("due", &at(4 * 24 - 3))]);
        add_task(r, "Pay rent", &[("due", &at(-1))]);
        add_task(r, "Plan the trip", &[("scheduled", &at(24 * 6))]);
    })
}

fn ctrl_d(h: &mut Harness) {
    h.press_with(KeyCode::Char('d'), KeyModifiers::CONTROL);
}

/// The form opened on "Call Bob", focused on field `field`.
fn form_on(h: &mut Harness, field: &str) {
    let uuid = task_named(h, "Call Bob");
    h.select_task(uuid);
    h.press(KeyCode::Char('e'));
    loop {
        let Mode::Form(form) = h.app.mode() else {
            panic!("no form open: {:?}", h.app.mode());
        };
        if form.fields[form.focus].name == field {
            return;
        }
        h.press(KeyCode::Tab);
    }
}

fn task_named(h: &Harness, description: &str) -> Uuid {
    h.stored()
        .into_iter()
        .find(|t| t.get("description") == Some(description))
        .map(|t| t.uuid())
        .unwrap()
}

fn stored(h: &Harness, description: &str, key: &str) -> Option<String> {
    h.stored()
        .into_iter()
        .find(|t| t.get("description") == Some(description))
        .and_then(|t| t.get(key).map(str::to_string))
}

/// The focused field's text on the open form.
fn field_text(h: &Harness) -> String {
    match h.app.mode() {
        Mode::Form(form) => form.fields[form.focus].input.text().to_string(),
        other => panic!("no form open: {other:?}"),
    }
}

fn prompt_text(h: &Harness) -> String {
    match h.app.mode() {
        Mode::Prompt(p) => p.input.text().to_string(),
        other => panic!("no prompt open: {other:?}"),
    }
}

fn picker_open(h: &Harness) -> bool {
    match h.app.mode() {
        Mode::Form(form) => form.picker.is_some(),
        Mode::Prompt(p) => p.picker().is_some(),
        _ => false,
    }
}

#[test]
fn on_the_form_a_picked_due_date_keeps_its_time_and_is_saved() {
    let mut h = tasks("");
    form_on(&mut h, "due");
    assert_eq!(field_text(&h), "2026-11-25T09:00");
    ctrl_d(&mut h);
    assert!(picker_open(&h));
    h.app.resize((120, 40));
    insta::assert_snapshot!("date_picker_form_120x40", h.screen());
    h.app.resize((80, 24));
    insta::assert_snapshot!("date_picker_form_80x24", h.screen());
    // A day on, a week on, a month on: 26 November, 3 December, 3 January.
    for key in ['l', 'j', 'L'] {
        h.press(KeyCode::Char(key));
    }
    let screen = h.screen();
    assert!(screen.contains("due · January 2027"), "{screen}");
    assert!(screen.contains("Sun 3 Jan 2027 09:00"), "{screen}");
    h.press(KeyCode::Enter);
    assert!(!picker_open(&h));
    assert_eq!(field_text(&h), "2027-01-03T09:00");
    h.press(KeyCode::Enter);
    assert_eq!(h.message(), "edit 1 \"Call Bob\"", "{}", h.screen());
    assert_eq!(
        stored(&h, "Call Bob", "due"),
        Some(stored_at(2027, 1, 3, 9))
    );
}

#[test]
fn an_empty_date_field_starts_on_today() {
    let mut h = tasks("");
    form_on(&mut h, "scheduled");
    ctrl_d(&mut h);
    let screen = h.screen();
    assert!(screen.contains("scheduled · November 2026"), "{screen}");
    assert!(screen.contains("Sat 21 Nov 2026 (today)"), "{screen}");
    // Back a week, to today again, then the day after and back a month and on one.
    for key in [
        KeyCode::Char('k'),
        KeyCode::Char('t'),
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ] {
        h.press(key);
    }
    h.press(KeyCode::Enter);
    assert_eq!(field_text(&h), "2026-11-22", "no time of day to keep");
    h.press(KeyCode::Enter);
    assert_eq!(
        stored(&h, "Call Bob", "scheduled"),
        Some(stored_at(2026, 11, 22, 0))
    );
}

#[test]
fn esc_leaves_the_field_as_it_was() {
    let mut h = tasks("");
    form_on(&mut h, "due");
    ctrl_d(&mut h);
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('L'));
    h.press(KeyCode::Esc);
    assert!(!picker_open(&h));
    assert!(matches!(h.app.mode(), Mode::Form(_)), "the form stays open");
    assert_eq!(field_text(&h), "2026-11-25T09:00");

    // In the prompt too.
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('a'));
    h.typed("Buy milk due:fri");
    ctrl_d(&mut h);
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Esc);
    assert!(
        matches!(h.app.mode(), Mode::Prompt(_)),
        "the prompt stays open"
    );
    assert_eq!(prompt_text(&h), "Buy milk due:fri");
}

#[test]
fn on_a_field_that_is_not_a_date_the_key_says_where_it_works() {
    let mut h = tasks("");
    form_on(&mut h, "project");
    ctrl_d(&mut h);
    assert!(!picker_open(&h));
    assert_eq!(field_text(&h), "");
    assert_eq!(
        h.message(),
        "ctrl-d picks a date on the due, scheduled, wait and until fields; project is not one"
    );
    assert!(
        h.screen().contains("ctrl-d picks a date"),
        "the form's hints name the key"
    );
}

#[test]
fn in_the_add_prompt_the_picked_date_follows_due() {
    let mut h = tasks("");
    h.press(KeyCode::Char('a'));
    h.typed("Buy milk due:");
    let screen = h.screen();
    assert!(
        screen.contains("ctrl-d: pick the due date on a calendar"),
        "{screen}"
    );
    ctrl_d(&mut h);
    assert!(h.screen().contains("due · November 2026"));
    // 22 November, 29 November, 29 December.
    for key in ['l', 'j', 'L'] {
        h.press(KeyCode::Char(key));
    }
    h.press(KeyCode::Enter);
    assert_eq!(prompt_text(&h), "Buy milk due:2026-12-29");
    h.press(KeyCode::Enter);
    assert_eq!(
        stored(&h, "Buy milk", "due"),
        Some(stored_at(2026, 12, 29, 0))
    );
}

#[test]
fn a_typed_value_or_abbreviation_is_replaced_and_elsewhere_a_due_is_added() {
    let mut h = tasks("");
    h.press(KeyCode::Char('a'));
    // Friday the 27th, then the day before.
    h.typed("Plan sched:fri +home");
    for _ in 0..6 {
        h.press(KeyCode::Left);
    }
    ctrl_d(&mut h);
    assert!(h.screen().contains("scheduled · November 2026"));
    h.press(KeyCode::Char('h'));
    h.press(KeyCode::Enter);
    assert_eq!(prompt_text(&h), "Plan sched:2026-11-26 +home");

    // With no date attribute under the cursor, a due date goes after the word.
    h.press(KeyCode::Home);
    h.press(KeyCode::Right);
    ctrl_d(&mut h);
    h.press(KeyCode::Enter);
    assert_eq!(
        prompt_text(&h),
        "Plan due:2026-11-21 sched:2026-11-26 +home"
    );
    h.press(KeyCode::Enter);
    assert_eq!(stored(&h, "Plan", "due"), Some(stored_at(2026, 11, 21, 0)));
    assert_eq!(
        stored(&h, "Plan", "scheduled"),
        Some(stored_at(2026, 11, 26, 0))
    );
}

#[test]
fn the_modify_and_filter_prompts_pick_dates_too() {
    let mut h = tasks("");
    let bob = task_named(&h, "Call Bob");
    h.select_task(bob);
    h.press(KeyCode::Char('m'));
    h.typed("wait:");
    ctrl_d(&mut h);
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Enter);
    h.press(KeyCode::Enter);
    assert_eq!(
        stored(&h, "Call Bob", "wait"),
        Some(stored_at(2026, 11, 22, 0))
    );

    // A filter applies the picked date at once.
    h.press(KeyCode::Char('/'));
    h.typed("due.before:");
    ctrl_d(&mut h);
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Enter);
    assert_eq!(prompt_text(&h), "due.before:2026-11-22");
    assert_eq!(h.app.core().list().query_text(), "due.before:2026-11-22");

    // An annotation is no place for a date: the key says where it works.
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('A'));
    h.typed("ring back");
    ctrl_d(&mut h);
    assert!(!picker_open(&h));
    assert_eq!(prompt_text(&h), "ring back");
    let screen = h.screen();
    assert!(
        screen.contains("ctrl-d picks a date in the add, modify and filter prompts"),
        "{screen}"
    );
}

#[test]
fn a_modify_starts_on_the_tasks_date_and_a_due_in_the_line_takes_the_pick() {
    let mut h = tasks("");
    let bob = task_named(&h, "Call Bob");
    h.select_task(bob);
    // `due:` with nothing after it: the calendar opens on Bob's due date, 25 November 09:00.
    h.press(KeyCode::Char('m'));
    h.typed("due:");
    ctrl_d(&mut h);
    let Mode::Prompt(p) = h.app.mode() else {
        panic!("{:?}", h.app.mode())
    };
    let picker = p.picker().unwrap();
    assert_eq!(picker.day, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Enter);
    assert_eq!(prompt_text(&h), "due:2026-11-26T09:00");
    h.press(KeyCode::Esc);

    // The cursor past another word: the due date typed already takes the pick.
    h.press(KeyCode::Char('a'));
    h.typed("Pay bills due:2027-01-01 +bills");
    ctrl_d(&mut h);
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Enter);
    assert_eq!(prompt_text(&h), "Pay bills due:2027-01-02 +bills");
    h.press(KeyCode::Esc);

    // An unreadable date is said, and the calendar starts on today.
    h.press(KeyCode::Char('a'));
    h.typed("Fix it due:2026-02-30");
    ctrl_d(&mut h);
    let screen = h.screen();
    assert!(
        screen.contains("does not read \"2026-02-30\" as a date"),
        "{screen}"
    );
}

#[test]
fn weeks_start_on_weekstart() {
    for (taskrc, name) in [
        ("", "date_picker_sunday_80x24"),
        ("weekstart=monday\n", "date_picker_monday_80x24"),
    ] {
        let mut h = tasks(taskrc);
        h.app.resize((80, 24));
        h.press(KeyCode::Char('a'));
        h.typed("Buy milk due:");
        ctrl_d(&mut h);
        let screen = h.screen();
        let weekdays = if taskrc.is_empty() {
            "Su    Mo    Tu    We    Th    Fr    Sa"
        } else {
            "Mo    Tu    We    Th    Fr    Sa    Su"
        };
        assert!(screen.contains(weekdays), "{screen}");
        insta::assert_snapshot!(name, screen);
    }
}

#[test]
fn picking_a_date_in_the_add_prompt_of_the_real_binary() {
    let place = Place::new();
    let tmux = Tmux::start(100, 30, &place.tcui_command_with(&[("TZ", "UTC")]));
    tmux.wait_for("the empty list", |s| title(s).contains("0 tasks"));
    tmux.send_keys(&["a"]);
    tmux.wait_for("the add prompt", |s| status(s) == "add:");
    tmux.send_text("Buy milk due:2030-05-15");
    tmux.wait_for("the typed line", |s| {
        status(s).starts_with("add: Buy milk due:2030-05-15")
    });
    tmux.send_keys(&["C-d"]);
    tmux.wait_for("the picker on May 2030", |s| {
        s.contains("due · May 2030") && s.contains("Wed 15 May 2030")
    });
    // A day, a week and a month on: 23 June 2030.
    tmux.send_keys(&["l", "j", "L"]);
    tmux.wait_for("the picker on 23 June", |s| s.contains("Sun 23 Jun 2030"));
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("the picked date in the prompt", |s| {
        status(s).starts_with("add: Buy milk due:2030-06-23")
    });
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("the task added", |s| status(s) == "add \"Buy milk\"");
    tmux.send_keys(&["q"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0");
    let export = place.ok(&["export"]);
    assert!(export.contains("\"due\":\"20300623T000000Z\""), "{export}");
}
