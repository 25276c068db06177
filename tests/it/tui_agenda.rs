//! The agenda (`w`), driven without a terminal on a fixed clock (Saturday 2026-11-21 12:00
//! UTC): overdue first, then day by day; `l`/`h` and `L`/`H` move the entry under the
//! cursor a day or a week, one undo step each; recurring templates show their coming due
//! dates as projections.

use crate::support::tui::*;

use chrono::TimeDelta;

/// `now()` moved by `hours`, as a stored date.
fn at(hours: i64) -> String {
    (now() + TimeDelta::hours(hours)).timestamp().to_string()
}

fn planned() -> Harness {
    Harness::new(|r| {
        add_task(r, "Pay rent", &[("due", &at(-30))]);
        add_task(r, "Call Bob", &[("due", &at(22)), ("project", "work")]);
        add_task(r, "Plan the trip", &[("scheduled", &at(48))]);
        add_task(
            r,
            "Renew passport",
            &[("wait", &at(70)), ("status", "pending")],
        );
        add_task(
            r,
            "Water the plants",
            &[
                ("status", "recurring"),
                ("recur", "weekly"),
                ("due", &at(-3 * 24)),
                ("mask", "-"),
            ],
        );
    })
}

fn due_of(h: &Harness, description: &str) -> Option<String> {
    h.stored()
        .into_iter()
        .find(|t| t.get("description") == Some(description))
        .and_then(|t| t.get("due").map(str::to_string))
}

#[test]
fn the_agenda_shows_overdue_first_then_each_day() {
    let mut h = planned();
    h.app.resize((120, 40));
    h.press(KeyCode::Char('w'));
    let screen = h.screen();
    insta::assert_snapshot!("agenda_120x40", screen);
    h.app.resize((80, 24));
    insta::assert_snapshot!("agenda_80x24", h.screen());
    // Four weeks: the weekly template's coming due dates, as projections.
    h.press(KeyCode::Char('w'));
    h.press(KeyCode::Char('G'));
    let screen = h.screen();
    assert!(screen.contains("agenda: the next 28 days"), "{screen}");
    assert!(
        !screen.contains("nothing"),
        "days with nothing are left out: {screen}"
    );
    assert!(
        screen.contains("Water the plants\" (projected)"),
        "{screen}"
    );
}

#[test]
fn moving_an_entry_is_one_undo_step_and_the_cursor_follows_it() {
    let mut h = planned();
    h.app.resize((100, 30));
    let before = due_of(&h, "Call Bob");
    h.press(KeyCode::Char('w'));
    // Overdue: Pay rent; then Call Bob tomorrow.
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('l'));
    assert_eq!(h.message(), "due a day later: 2 \"Call Bob\"");
    let moved = due_of(&h, "Call Bob");
    assert_eq!(moved, Some(at(22 + 24)));
    // Still open, on the moved entry: a week later.
    h.press(KeyCode::Char('L'));
    assert_eq!(due_of(&h, "Call Bob"), Some(at(22 + 24 + 7 * 24)));
    let screen = h.screen();
    assert!(screen.contains("agenda: the next 7 days"), "{screen}");
    // Two steps: two undos bring it back.
    h.press(KeyCode::Char('u'));
    assert_eq!(due_of(&h, "Call Bob"), moved);
    h.press(KeyCode::Char('u'));
    assert_eq!(due_of(&h, "Call Bob"), before);
    // A scheduled entry moves its scheduled date.
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('h'));
    let trip = h
        .stored()
        .into_iter()
        .find(|t| t.get("description") == Some("Plan the trip"))
        .unwrap();
    assert_eq!(trip.get("scheduled"), Some(at(24).as_str()));
}

#[test]
fn a_projection_cannot_be_moved_and_says_why() {
    let mut h = planned();
    h.press(KeyCode::Char('w'));
    h.press(KeyCode::Char('w'));
    h.press(KeyCode::Char('G'));
    h.press(KeyCode::Char('l'));
    assert!(
        h.message().contains("projected recurrence has no task yet"),
        "{}",
        h.message()
    );
}

/// The real binary in tmux: open the agenda, move a task a day later, undo.
#[test]
fn in_the_real_interface_an_entry_moves_and_undo_brings_it_back() {
    use crate::support::tmux::{Place, Tmux, title};
    let place = Place::new();
    place.ok(&["add", "Call Bob", "due:tomorrow+10h"]);
    let due = |place: &Place| {
        let out = place.ok(&["_get", "1.due"]);
        out.trim().to_string()
    };
    let before = due(&place);
    let tmux = Tmux::start(100, 24, &place.tcui_command());
    tmux.wait_for("the task", |s| title(s).contains("1 task"));
    tmux.send_keys(&["w"]);
    tmux.wait_for("the agenda", |s| s.contains("agenda: the next 7 days"));
    tmux.send_keys(&["l"]);
    tmux.wait_for("the move", |s| {
        s.contains("due a day later: 1 \"Call Bob\"")
    });
    tmux.send_keys(&["u"]);
    tmux.wait_for("the undo", |s| s.contains("undone: due a day later"));
    tmux.send_keys(&["Escape"]);
    tmux.wait_for("the list", |s| !s.contains("agenda: the next"));
    tmux.send_keys(&["q"]);
    place.wait_for_exit_status(&tmux);
    assert_eq!(due(&place), before);
}

#[test]
fn enter_on_a_task_the_list_does_not_show_says_where_it_is() {
    let mut h = planned();
    h.press(KeyCode::Char('w'));
    // Pay rent, Call Bob, Plan the trip, then Renew passport, waking up.
    for _ in 0..3 {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Enter);
    assert_eq!(
        h.message(),
        "4 \"Renew passport\" is not in this list (a waiting task shows in view 4, a recurring \
         template in view 6)"
    );
}
