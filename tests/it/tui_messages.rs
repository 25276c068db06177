//! What the status line tells after each action: marks, the prompt for marked tasks, start
//! and stop, duplicates, a new task the view does not show, and a sync the user asked for.

use crate::support;

use crossterm::event::KeyCode;
use support::tui::{Harness, add_task};
use tcui::app::sync_task::SyncEvent;
use tcui::sync::SyncReport;
use tcui::tui::Event;

fn three() -> Harness {
    Harness::new(|r| {
        for d in ["one", "two", "three"] {
            add_task(r, d, &[]);
        }
    })
}

fn status_line(h: &mut Harness) -> String {
    h.screen().lines().last().unwrap_or("").to_string()
}

#[test]
fn marking_says_what_it_did_and_what_marks_mean() {
    let mut h = three();
    h.press(KeyCode::Char(' '));
    assert_eq!(
        h.message(),
        "marked 1 \"one\" (1 marked: changes apply to the marked tasks; ctrl-v clears them)"
    );
    h.press(KeyCode::Char(' '));
    assert!(
        h.message().starts_with("marked 2 \"two\" (2 marked:"),
        "{}",
        h.message()
    );
    h.press(KeyCode::Char('k'));
    h.press(KeyCode::Char(' '));
    assert!(
        h.message().starts_with("unmarked 2 \"two\" (1 marked:"),
        "{}",
        h.message()
    );
    h.press(KeyCode::Char('g'));
    h.press(KeyCode::Char(' '));
    assert_eq!(h.message(), "unmarked 1 \"one\" (none marked)");
    h.press(KeyCode::Char('V'));
    assert!(h.message().starts_with("3 marked"), "{}", h.message());
}

#[test]
fn the_prompt_says_how_many_marked_tasks_it_will_change() {
    let mut h = three();
    h.press(KeyCode::Char('m'));
    assert_eq!(status_line(&mut h), "modify:");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('m'));
    assert_eq!(status_line(&mut h), "modify 2 marked tasks:");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('A'));
    assert_eq!(status_line(&mut h), "annotate 2 marked tasks:");
    h.typed("called");
    h.press(KeyCode::Enter);
    assert_eq!(h.message(), "annotate 2 tasks (1, 2)");
}

#[test]
fn start_and_stop_say_which_was_done() {
    let mut h = three();
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('s'));
    assert_eq!(h.message(), "started 2 tasks (1, 2)");
    h.press(KeyCode::Char('g'));
    h.press(KeyCode::Char('s'));
    assert_eq!(h.message(), "stopped 1 \"one\"");
    h.press(KeyCode::Char('u'));
    assert_eq!(h.message(), "undone: stopped 1 \"one\"");
    // One started, one not: both are said.
    h.press(KeyCode::Char('V'));
    h.press(KeyCode::Char('s'));
    assert_eq!(
        h.message(),
        "started 1 task (3) and stopped 2 tasks (1, 2)",
        "{}",
        h.screen()
    );
}

#[test]
fn duplicate_gives_the_copy_its_id() {
    let mut h = three();
    h.press(KeyCode::Char('y'));
    assert_eq!(h.message(), "duplicate 1 \"one\": the copy is 4");
    h.press(KeyCode::Char('V'));
    h.press(KeyCode::Char('y'));
    assert!(
        h.message().ends_with(": the copies are 5, 6, 7, 8"),
        "{}",
        h.message()
    );
}

#[test]
fn a_new_task_the_view_does_not_show_is_accounted_for() {
    let mut h = three();
    h.press(KeyCode::Char('a'));
    h.typed("Call back wait:5d");
    h.press(KeyCode::Enter);
    assert_eq!(
        h.message(),
        "add \"Call back\": task 4 waits until 2026-11-26 12:00 (4 shows waiting tasks)"
    );
    h.press(KeyCode::Char('/'));
    h.typed("+work");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    h.typed("Not for work");
    h.press(KeyCode::Enter);
    assert_eq!(
        h.message(),
        "add \"Not for work\": the filter hides task 5 (esc clears it)"
    );
    // A task the view shows gets the cursor, and nothing more is said.
    h.press(KeyCode::Char('a'));
    h.typed("For work +work");
    h.press(KeyCode::Enter);
    assert_eq!(h.message(), "add \"For work\"");
    assert_eq!(h.app.current().unwrap().description(), "For work");
}

fn finished(h: &Harness, report: SyncReport) -> SyncEvent {
    let mut delta = h.delta(Vec::new());
    delta.unsynced = 0;
    SyncEvent::Finished {
        report: Box::new(report),
        delta,
        hooks: Default::default(),
    }
}

#[test]
fn a_sync_asked_for_says_when_it_is_over() {
    let mut h = three();
    h.app.with_core(|core| core.enable_sync());
    h.press(KeyCode::Char('S'));
    assert_eq!(h.message(), "syncing…");
    for event in [
        SyncEvent::Started,
        finished(
            &h,
            SyncReport {
                operations_pushed: 12,
                ..Default::default()
            },
        ),
    ] {
        let effects = h.app.update(Event::Sync(event));
        h.run(effects);
    }
    assert_eq!(
        h.message(),
        "synced: 12 changes sent, nothing new from elsewhere"
    );
    // A sync on the timer, with nothing new, leaves the message alone.
    h.press(KeyCode::Char('s'));
    let effects = h
        .app
        .update(Event::Sync(finished(&h, SyncReport::default())));
    h.run(effects);
    assert_eq!(h.message(), "started 1 \"one\"");
}
