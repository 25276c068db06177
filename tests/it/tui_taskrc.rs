//! What else the taskrc says, seen in the interface: UDA labels and values, date formats.

use crate::support;

use support::tui::*;

#[test]
fn a_uda_shows_under_its_label_and_takes_only_its_values() {
    let rc = "uda.estimate.type=numeric\nuda.estimate.label=Est\nuda.size.type=string\nuda.size.values=S,M,L\n";
    let mut h = Harness::with_taskrc(rc, |r| {
        add_task(r, "Plan the trip", &[("estimate", "3"), ("size", "M")]);
    });
    h.press(KeyCode::Enter);
    let screen = h.screen();
    let line = screen.lines().find(|l| l.contains("│Est ")).unwrap_or("");
    assert!(line.contains(" 3 "), "{screen}");
    assert!(!screen.contains("│estimate "), "{screen}");
    h.press(KeyCode::Char('m'));
    h.typed("size:XL");
    h.press(KeyCode::Enter);
    // Refused under the prompt, which stays open to be corrected.
    let screen = h.screen();
    assert!(
        screen.contains("uda.size.values allows S, M, L"),
        "{screen}"
    );
    let stored = h.stored();
    assert_eq!(stored[0].get("size"), Some("M"));
}

#[test]
fn the_detail_pane_writes_dates_in_the_info_reports_formats() {
    // Due 2026-11-27 12:30:00 UTC, and an annotation a day later.
    let fill = |r: &mut tcui::replica::Replica| {
        add_task(
            r,
            "Pay rent",
            &[
                ("due", "1795782600"),
                ("annotation_1795869000", "ask about the deposit"),
            ],
        );
    };
    let detail = |rc: &str| {
        let mut h = Harness::with_taskrc(rc, fill);
        h.press(KeyCode::Enter);
        h.screen()
    };
    let screen = detail("");
    assert!(
        screen.contains("│Due         2026-11-27 12:30 ("),
        "{screen}"
    );
    // As in Taskwarrior, `dateformat` alone leaves the info report's format as it is…
    let screen = detail("dateformat=D.M.Y\n");
    assert!(
        screen.contains("│Due         2026-11-27 12:30 ("),
        "{screen}"
    );
    // … and takes over when `dateformat.info` is set empty.
    let screen = detail("dateformat=D.M.Y\ndateformat.info=\n");
    assert!(screen.contains("│Due         27.11.2026 ("), "{screen}");
    assert!(screen.contains("28.11.2026 ask about"), "{screen}");
    let screen =
        detail("dateformat=D.M.Y\ndateformat.info=Y-M-D H:N:S\ndateformat.annotation=m/d\n");
    assert!(
        screen.contains("│Due         2026-11-27 12:30:00 ("),
        "{screen}"
    );
    assert!(screen.contains("11/28 ask about"), "{screen}");
}

#[test]
fn the_taskrcs_colour_rules_colour_rows_and_tcuis_theme_the_others() {
    use ratatui::style::{Color, Modifier};
    let rc = "color.tag.urgent=bold red\ncolor.project.home=white on color4\n";
    let mut h = Harness::with_taskrc(rc, |r| {
        add_task(r, "Urgent thing", &[("tag_urgent", "x")]);
        add_task(r, "Home thing", &[("project", "home")]);
        add_task(r, "Plain thing", &[]);
        add_task(r, "Cursor here", &[]);
    });
    // The cursor away from the rows looked at.
    let row = |h: &mut Harness, d: &str| h.screen().lines().position(|l| l.contains(d)).unwrap();
    let cursor = row(&mut h, "Cursor here");
    h.app.select(cursor - 2);
    let buffer = h.buffer();
    let style = |y: usize| buffer[(1, y as u16)].style();
    let urgent = style(row(&mut h, "Urgent thing"));
    assert_eq!(urgent.fg, Some(Color::Indexed(1)));
    assert!(urgent.add_modifier.contains(Modifier::BOLD));
    let home = style(row(&mut h, "Home thing"));
    assert_eq!(
        (home.fg, home.bg),
        (Some(Color::Indexed(7)), Some(Color::Indexed(4)))
    );
    // No rule: tcui's own look.
    let plain = style(row(&mut h, "Plain thing"));
    let unset = |c: Option<Color>| c.is_none_or(|c| c == Color::Reset);
    assert!(unset(plain.fg) && unset(plain.bg), "{plain:?}");
    // A spec that cannot be read is said, and the other rules still apply.
    let h = Harness::with_taskrc("color.tag.x=purple haze\n", |_| {});
    assert!(h.message().contains("color.tag.x"), "{}", h.message());
}

#[test]
fn keyword_colours_follow_search_case_sensitive_as_in_reports() {
    use ratatui::style::Color;
    for (case, coloured) in [("yes", false), ("no", true)] {
        let rc = format!("color.keyword.milk=red\nsearch.case.sensitive={case}\n");
        let mut h = Harness::with_taskrc(&rc, |r| {
            add_task(r, "Buy MILK", &[]);
            add_task(r, "Cursor here", &[]);
        });
        let y = h
            .screen()
            .lines()
            .position(|l| l.contains("Buy MILK"))
            .unwrap();
        let cursor = h
            .screen()
            .lines()
            .position(|l| l.contains("Cursor here"))
            .unwrap();
        h.app.select(cursor - 2);
        let fg = h.buffer()[(1, y as u16)].style().fg;
        assert_eq!(fg == Some(Color::Indexed(1)), coloured, "{case}: {fg:?}");
    }
}

#[test]
fn the_taskrcs_label_colours_colour_the_lists_labels() {
    use ratatui::style::Color;
    let fill = |r: &mut tcui::replica::Replica| {
        add_task(r, "Something", &[]);
    };
    // The next report sorts by urgency only.
    let label_fg = |rc: &str, label: &str| {
        let mut h = Harness::with_taskrc(rc, fill);
        let screen = h.screen();
        let (y, line) = screen
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("Description"))
            .unwrap();
        let x = line[..line.find(label).unwrap()].chars().count();
        h.buffer()[(x as u16, y as u16)].style().fg
    };
    let unset = |c: Option<Color>| c.is_none_or(|c| c == Color::Reset);
    assert!(unset(label_fg("", "Description")));
    let rc = "color.label=red\ncolor.label.sort=blue\n";
    assert_eq!(label_fg(rc, "Description"), Some(Color::Indexed(1)));
    assert_eq!(label_fg(rc, "Urg"), Some(Color::Indexed(4)));
    // As `task`: without `color.label.sort`, sorted columns' labels are plain.
    assert!(unset(label_fg("color.label=red\n", "Urg")));
    assert_eq!(
        label_fg("color.label=red\n", "Description"),
        Some(Color::Indexed(1))
    );
    assert!(unset(label_fg(
        "color=off\ncolor.label=red\n",
        "Description"
    )));
    let h = Harness::with_taskrc("color.label=purple haze\n", fill);
    assert!(h.message().contains("color.label"), "{}", h.message());
}
