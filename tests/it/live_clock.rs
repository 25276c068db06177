//! Times on screen stay fresh with no key pressed: the interface wakes when the clock alone
//! would change what it shows (an age, a due date's distance, how long ago the sync was),
//! and not more often.

use crate::support::tmux::{Place, Tmux, row, title};
use crate::support::tui::*;

use chrono::TimeDelta;

/// `now()` moved by `secs`, as a stored date.
fn at(secs: i64) -> String {
    (now() + TimeDelta::seconds(secs)).timestamp().to_string()
}

#[test]
fn the_interface_wakes_when_a_shown_time_would_change_and_not_before() {
    // Only old tasks: their ages change by the day; the entry is far back.
    let h = Harness::new(|r| {
        add_task(r, "old", &[("entry", &at(-30 * 86_400 - 3_600))]);
    });
    let next = h.app.next_change().expect("an age is shown");
    assert_eq!(next - now(), TimeDelta::seconds(86_400 - 3_600));

    // A due date 90 seconds ahead: its distance changes at the next whole minute left.
    let mut h2 = Harness::new(|r| {
        add_task(r, "soon", &[("due", &at(90))]);
    });
    assert_eq!(
        h2.app.next_change().unwrap() - now(),
        TimeDelta::seconds(31)
    );

    // A task made 5 s ago: its age is in seconds, so every second.
    let h3 = Harness::new(|r| {
        add_task(r, "fresh", &[("entry", &at(-5))]);
    });
    assert_eq!(h3.app.next_change().unwrap() - now(), TimeDelta::seconds(1));
    // 31 s later it is 59 s away, shown in seconds: every second from then on.
    h2.app.set_clock(now() + TimeDelta::seconds(31));
    assert_eq!(
        h2.app.next_change().unwrap() - now(),
        TimeDelta::seconds(32)
    );
}

#[test]
fn how_long_ago_the_sync_was_is_redrawn_as_it_changes() {
    let mut h = Harness::new(|r| {
        add_task(r, "old", &[("entry", &at(-400 * 86_400))]);
    });
    h.app.with_core(|core| core.enable_sync());
    // The last sync went through 125 s ago.
    h.app.set_clock(now() - TimeDelta::seconds(125));
    let finished = tcui::app::sync_task::SyncEvent::Finished {
        report: Box::default(),
        delta: h.delta(Vec::new()),
        hooks: Default::default(),
    };
    let effects = h.app.update(Event::Sync(finished));
    h.run(effects);
    h.app.set_clock(now());
    // "synced 2min ago" becomes "3min" 55 s later.
    assert_eq!(h.app.next_change().unwrap() - now(), TimeDelta::seconds(55));
}

/// The real binary in tmux: a task's age counts up on screen with no key pressed.
#[test]
fn an_age_on_screen_counts_up_with_no_key_pressed() {
    let place = Place::new();
    place.ok(&["add", "Fresh task"]);
    let tmux = Tmux::start(80, 10, &place.tcui_command());
    let age = |screen: &str| {
        row(screen, "Fresh task")
            .and_then(|r| r.split_whitespace().nth(1).map(str::to_string))
            .unwrap_or_default()
    };
    // Under a second old it shows no age; then seconds.
    let first = tmux.wait_for("an age in seconds", |s| {
        title(s).contains("1 task") && age(s).ends_with('s')
    });
    let was = age(&first);
    tmux.wait_within(
        std::time::Duration::from_secs(5),
        "the age to move on",
        |s| {
            let now = age(s);
            now.ends_with('s') && now != was
        },
    );
    tmux.send_keys(&["q"]);
}
