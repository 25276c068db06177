//! Taskwarrior's contexts in the interface: the taskrc's active context narrows the list from
//! the start and shows in the title; `@` opens a picker that puts another in force (and asks
//! for the taskrc to say so); new tasks take the write filter's attributes.

use crate::support;

use support::tui::*;
use tcui::tui::mode::Mode;

const TASKRC: &str = "\
context.work.read=project:work
context.work.write=project:work +job
context.home=project:home
context.broken.read=colour:red
context=work
";

fn four(taskrc: &str) -> Harness {
    Harness::with_taskrc(taskrc, |r| {
        add_task(r, "Water the tomatoes", &[("project", "home.garden")]);
        add_task(r, "Send invoice", &[("project", "work")]);
        add_task(r, "Call the bank", &[("project", "work.admin")]);
        add_task(r, "Buy milk", &[]);
    })
}

fn descriptions(h: &Harness) -> Vec<String> {
    let core = h.app.core();
    let mut names: Vec<String> = core
        .list()
        .rows()
        .iter()
        .map(|r| core.tasks().get(&r.uuid).unwrap().description().to_string())
        .collect();
    names.sort();
    names
}

fn title(h: &mut Harness) -> String {
    h.screen().lines().next().unwrap_or("").to_string()
}

#[test]
fn the_active_context_narrows_every_view_and_shows_in_the_title() {
    let mut h = four(TASKRC);
    assert_eq!(descriptions(&h), ["Call the bank", "Send invoice"]);
    assert!(title(&mut h).contains("context: work"), "{}", title(&mut h));
    // Another view, and a filter on top: still inside the context.
    h.press(KeyCode::Char('2'));
    assert_eq!(descriptions(&h), ["Call the bank", "Send invoice"]);
    h.press(KeyCode::Char('/'));
    h.typed("bank");
    h.press(KeyCode::Enter);
    assert_eq!(descriptions(&h), ["Call the bank"]);
}

#[test]
fn the_picker_puts_another_context_in_force_and_asks_for_the_taskrc_to_say_so() {
    let mut h = four(TASKRC);
    h.press(KeyCode::Char('@'));
    let screen = h.screen();
    assert!(matches!(h.app.mode(), Mode::Pick(_)), "{screen}");
    assert!(screen.contains("read: project:work"), "{screen}");
    assert!(screen.contains("write: project:work +job"), "{screen}");
    // The list: none, broken, home, work; the cursor starts on the one in force.
    h.press(KeyCode::Char('k'));
    h.press(KeyCode::Enter);
    assert_eq!(descriptions(&h), ["Water the tomatoes"]);
    assert!(title(&mut h).contains("context: home"));
    assert_eq!(h.contexts_saved, [Some("home".to_string())]);
    // `none` shows every task and removes the line.
    h.press(KeyCode::Char('@'));
    h.press(KeyCode::Char('g'));
    h.press(KeyCode::Enter);
    assert_eq!(descriptions(&h).len(), 4);
    assert!(!title(&mut h).contains("context"));
    assert_eq!(h.contexts_saved.last(), Some(&None));
}

#[test]
fn a_context_whose_filter_is_wrong_is_refused_with_the_reason() {
    let mut h = four(TASKRC);
    h.press(KeyCode::Char('@'));
    h.press(KeyCode::Char('g'));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Enter);
    let message = h.message();
    assert!(message.contains("context.broken.read"), "{message}");
    assert!(message.contains("'colour' is neither"), "{message}");
    // Nothing changed: still work, nothing written.
    assert!(title(&mut h).contains("context: work"));
    assert!(h.contexts_saved.is_empty());
    // Started with it: every task shows, and the message says why.
    let mut h = four(&TASKRC.replace("context=work", "context=broken"));
    assert_eq!(descriptions(&h).len(), 4);
    assert!(
        h.message().contains("no context is applied"),
        "{}",
        h.message()
    );
    assert!(!title(&mut h).contains("context:"));
}

#[test]
fn a_taskrc_that_cannot_be_written_is_said_and_the_context_holds_for_the_session() {
    let mut h = four(TASKRC);
    h.context_save_fails = Some("cannot write /taskrc: read-only file system".into());
    h.press(KeyCode::Char('@'));
    h.press(KeyCode::Char('k'));
    h.press(KeyCode::Enter);
    let message = h.message();
    assert!(message.contains("read-only file system"), "{message}");
    assert!(message.contains("tcui only"), "{message}");
    assert_eq!(descriptions(&h), ["Water the tomatoes"]);
}

#[test]
fn new_tasks_take_the_write_filter_and_what_the_line_says_wins() {
    let mut h = four(TASKRC);
    h.press(KeyCode::Char('a'));
    h.typed("Draft the report");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('a'));
    h.typed("Plan the trip project:travel");
    h.press(KeyCode::Enter);
    let stored = h.stored();
    let find = |d: &str| {
        stored
            .iter()
            .find(|t| t.get("description") == Some(d))
            .unwrap()
    };
    let draft = find("Draft the report");
    assert_eq!(draft.get("project"), Some("work"));
    assert!(draft.get("tag_job").is_some());
    // As Taskwarrior 3.1.0 did with `task add foo project:other` in this context.
    let trip = find("Plan the trip");
    assert_eq!(trip.get("project"), Some("travel"));
    assert!(trip.get("tag_job").is_some());
    // Outside the read filter now: said, not lost.
    assert!(!descriptions(&h).contains(&"Plan the trip".to_string()));
}

#[test]
fn without_contexts_the_key_says_how_to_define_one() {
    let mut h = four("");
    h.press(KeyCode::Char('@'));
    assert!(!matches!(h.app.mode(), Mode::Pick(_)));
    assert!(h.message().contains("context.NAME.read"), "{}", h.message());
}
