//! The list's layout on small and large screens: the description always keeps room, columns
//! are sized from the whole view (so they stay put while scrolling), and the title keeps
//! the view, its count and the marks however narrow the screen.

use crate::support;

use crossterm::event::KeyCode;
use support::tui::Harness;
use tcui::app::sync_task::SyncEvent;
use tcui::text::width;
use tcui::tui::Event;

/// The header line of a screen.
fn header(screen: &str) -> &str {
    screen.lines().nth(1).unwrap_or("")
}

/// The cells of `line` from cell `from` on.
fn cells_from(line: &str, from: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in line.chars() {
        if used >= from {
            out.push(c);
        }
        used += width(c.encode_utf8(&mut [0; 4]));
    }
    out
}

#[test]
fn at_40_columns_the_description_keeps_room() {
    let mut h = Harness::demo(300);
    h.app.resize((40, 10));
    let screen = h.screen();
    let head = header(&screen);
    assert!(head.ends_with("Description"), "{screen}");
    let at = width(&head[..head.find("Description").unwrap()]);
    assert!(at <= 40 - 16, "the description starts at {at}:\n{screen}");
    for row in screen.lines().skip(2).take(7) {
        let description = cells_from(row, at);
        assert!(
            description.trim().len() >= 10,
            "{row:?} shows {description:?}:\n{screen}"
        );
    }
    insta::assert_snapshot!("next_40x10", screen);
}

#[test]
fn columns_stay_put_while_scrolling() {
    let mut h = Harness::demo(300);
    for size in [(40, 10), (80, 24), (120, 40)] {
        h.app.resize(size);
        h.press(KeyCode::Char('g'));
        let first = h.screen();
        let rows = h.app.core().list().rows().len();
        assert!(rows > 100, "{rows} rows");
        for step in 0..rows {
            let screen = h.screen();
            assert_eq!(
                header(&screen),
                header(&first),
                "{size:?}, {step} rows down:\n{screen}"
            );
            h.press(KeyCode::Char('j'));
        }
        // A filter measures its own rows, and keeps them put too.
        h.press(KeyCode::Char('/'));
        h.typed("+next");
        h.press(KeyCode::Enter);
        let filtered = h.screen();
        for _ in 0..h.app.core().list().rows().len() {
            h.press(KeyCode::Char('j'));
            assert_eq!(header(&h.screen()), header(&filtered), "{size:?}");
        }
        h.press(KeyCode::Esc);
    }
}

#[test]
fn the_title_keeps_its_essentials_when_narrow() {
    let mut h = Harness::demo(300);
    h.app.with_core(|core| core.enable_sync());
    let effects = h.app.update(Event::Sync(SyncEvent::Failed {
        error: "the sync server at http://127.0.0.1:9 cannot be reached".into(),
        retry_in: std::time::Duration::from_secs(40),
        unsynced: 12,
    }));
    h.run(effects);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('/'));
    h.typed("project:home or project:work.reports");
    h.press(KeyCode::Enter);
    let n = h.app.core().list().rows().len();
    for w in [40, 50, 60, 80] {
        h.app.resize((w, 10));
        let screen = h.screen();
        let title = screen.lines().next().unwrap();
        assert!(width(title) <= w as usize, "{title:?}");
        for part in [
            format!("next · {n} tasks"),
            "2 marked".to_string(),
            "sync failed".to_string(),
        ] {
            assert!(title.contains(&part), "no {part:?} in {title:?} at {w}");
        }
        // At the very least width, a filter is the one thing that has no room.
        assert!(w < 50 || title.contains(" · filter"), "{title:?} at {w}");
    }
    h.app.resize((140, 10));
    let title = h.screen().lines().next().unwrap().to_string();
    assert!(title.starts_with(" tcui · next · "), "{title:?}");
    assert!(
        title.contains("filter: project:home or project:work.reports"),
        "{title:?}"
    );
    assert!(
        title.contains("sync failed, retry in 40s · 12 unsynced"),
        "{title:?}"
    );
}
