//! Text on the TUI's screen: control characters in any field, message or error are shown
//! escaped; emoji, ZWJ sequences, flags and combining marks are shown as they are, measured
//! by grapheme cluster, never cut in half, and never left half-drawn in ratatui's buffer.

use crate::support;

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use support::tui::{Harness, add_task};
use tcui::app::sync_task::SyncEvent;
use tcui::text::width;
use tcui::tui::Event;
use unicode_segmentation::UnicodeSegmentation;

const FLAG: &str = "🇫🇷";
const FAMILY: &str = "👨\u{200d}👩\u{200d}👧";

#[test]
fn control_characters_in_every_field_are_shown_escaped() {
    let mut h = Harness::new(|r| {
        add_task(
            r,
            "Plain description",
            &[
                ("tag_\u{1b}]0;pwned\u{7}", "x"),
                ("project", "home\u{1b}[2J"),
                ("priority", "H\u{1b}[31m"),
                ("recur", "weekly\u{9b}K"),
                ("estimate\u{1b}", "3\u{1b}[5m"),
                ("annotation_1795000000", "note\u{1b}[8m"),
            ],
        );
    });
    let list = h.screen();
    assert!(
        list.contains("\\u{1b}]0;pwned"),
        "the tag in the list:\n{list}"
    );
    assert!(list.contains("home\\u{1b}[2J"), "{list}");
    h.press(KeyCode::Enter);
    let detail = h.screen();
    for shown in [
        "\\u{1b}]0;pwned\\u{7}",
        "H\\u{1b}[31m",
        "weekly\\u{9b}K",
        "estimate\\u{1b}",
        "3\\u{1b}[5m",
        "note\\u{1b}[8m",
    ] {
        assert!(detail.contains(shown), "no {shown} in\n{detail}");
    }
}

#[test]
fn messages_from_elsewhere_are_shown_escaped() {
    let mut h = Harness::new(|r| {
        add_task(r, "one", &[]);
    });
    h.app.with_core(|core| core.enable_sync());
    let effects = h.app.update(Event::Sync(SyncEvent::Failed {
        error: "the server said \u{1b}[2Jgotcha".into(),
        retry_in: std::time::Duration::from_secs(30),
        unsynced: 0,
    }));
    h.run(effects);
    let screen = h.screen();
    assert!(
        screen.contains("sync failed: the server said \\u{1b}[2Jgotcha"),
        "{screen}"
    );
}

#[test]
fn emoji_sequences_in_messages_are_shown_as_they_are() {
    let mut h = Harness::new(|_| {});
    h.press(KeyCode::Char('a'));
    h.typed(&format!("Dinner with the {FAMILY} in {FLAG} ❤\u{fe0f}"));
    h.press(KeyCode::Enter);
    let want = format!("add \"Dinner with the {FAMILY} in {FLAG} ❤\u{fe0f}\"");
    assert_eq!(h.message(), want);
    let screen = h.screen();
    assert!(
        screen.lines().last().unwrap().starts_with(&want),
        "{screen}"
    );
    assert!(!screen.contains("\\u{"), "{screen}");
}

/// Every cell of `buffer` is whole: a wide cluster is followed by the blank cells it covers
/// (nothing drawn over its right half), and no flag or ZWJ sequence is split across cells.
fn assert_whole(buffer: &Buffer, what: &str) {
    let area = buffer.area;
    let row = |y: u16| -> String { (0..area.width).map(|x| buffer[(x, y)].symbol()).collect() };
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            let regional = symbol
                .chars()
                .filter(|c| ('\u{1f1e6}'..='\u{1f1ff}').contains(c))
                .count();
            assert!(
                regional % 2 == 0,
                "{what}: half a flag at ({x}, {y}): {:?}",
                row(y)
            );
            assert!(
                !symbol.starts_with('\u{200d}') && !symbol.ends_with('\u{200d}'),
                "{what}: a ZWJ sequence cut at ({x}, {y}): {:?}",
                row(y)
            );
            assert!(
                symbol.graphemes(true).count() <= 1,
                "{what}: more than one cluster in a cell at ({x}, {y})"
            );
            let w = width(symbol).max(1) as u16;
            assert!(
                x + w <= area.width,
                "{what}: a wide cluster cut by the edge at ({x}, {y})"
            );
            for covered in x + 1..x + w {
                assert_eq!(
                    buffer[(covered, y)].symbol(),
                    " ",
                    "{what}: the right half of {symbol:?} at ({x}, {y}) is drawn over: {:?}",
                    row(y)
                );
            }
            x += w;
        }
    }
}

/// Tasks whose text is wide clusters at every column, odd and even.
fn wide_tasks() -> Harness {
    Harness::new(|r| {
        let flags = FLAG.repeat(60);
        add_task(r, &flags, &[("project", &format!("trip{FLAG}{FLAG}"))]);
        add_task(r, &format!("x{flags}"), &[(&format!("tag_fr{FLAG}"), "x")]);
        add_task(r, &format!("{FAMILY}e\u{301}").repeat(40), &[]);
        add_task(r, &format!("x{}", "日本".repeat(60)), &[]);
        add_task(r, &"❤\u{fe0f}".repeat(60), &[]);
    })
}

#[test]
fn no_cell_is_left_half_drawn() {
    let mut h = wide_tasks();
    for size in [(40, 10), (41, 12), (80, 24), (121, 40), (200, 40)] {
        h.app.resize(size);
        assert_whole(&h.buffer(), &format!("the list at {size:?}"));
        // Boxes drawn over the list, at odd and even places.
        for (open, close) in [
            (KeyCode::Char('?'), KeyCode::Esc),
            (KeyCode::Char('p'), KeyCode::Esc),
            (KeyCode::Char('t'), KeyCode::Esc),
            (KeyCode::Char('e'), KeyCode::Esc),
            (KeyCode::Enter, KeyCode::Enter),
        ] {
            h.press(open);
            assert_whole(&h.buffer(), &format!("{open:?} at {size:?}"));
            h.press(close);
        }
        // Messages and prompts holding them, cut at every width.
        h.press(KeyCode::Char('m'));
        h.typed(&FLAG.repeat(70));
        assert_whole(&h.buffer(), &format!("the prompt at {size:?}"));
        h.press(KeyCode::Esc);
        h.press(KeyCode::Char('/'));
        h.typed(&format!("x{}", FLAG.repeat(40)));
        assert_whole(&h.buffer(), &format!("the filter at {size:?}"));
        h.press(KeyCode::Esc);
        h.press(KeyCode::Char('j'));
        h.press(KeyCode::Char('s'));
        assert_whole(&h.buffer(), &format!("a message at {size:?}"));
    }
}

#[test]
fn the_detail_pane_is_whole_beside_and_under_the_list() {
    let mut h = wide_tasks();
    h.press(KeyCode::Enter);
    for size in [(120, 40), (121, 40), (133, 30), (80, 24), (81, 30)] {
        h.app.resize(size);
        for _ in 0..5 {
            let buffer = h.buffer();
            assert_whole(&buffer, &format!("the detail pane at {size:?}"));
            h.press(KeyCode::Char('j'));
        }
        h.press(KeyCode::Char('g'));
    }
}

/// tcui measures text without the terminal library; every cluster must take the cells the
/// library's buffer gives it, or columns would drift on the screen.
#[test]
fn widths_agree_with_the_screen_buffer_cluster_by_cluster() {
    use ratatui::buffer::CellWidth;
    let samples = [
        "plain ascii",
        FLAG,
        FAMILY,
        "e\u{301}",
        "日本語のテキスト",
        "ｶﾞｻﾞﾊﾟ",
        "\u{ff9e}\u{ff9f}",
        "が\u{3099}",
        "☕️ ⚠ ✔ 🧪",
        "ﬁ ß Ǆ 각",
        "\u{200b}\u{200d}\u{fe0f}",
        "Ａｂｃ ａｂｃ",
        "עברית العربية",
    ];
    let mut checked = 0;
    for sample in samples {
        for cluster in sample.graphemes(true) {
            assert_eq!(
                tcui::text::cluster_width(cluster),
                usize::from(cluster.cell_width()),
                "{cluster:?} in {sample:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} clusters checked");
}
