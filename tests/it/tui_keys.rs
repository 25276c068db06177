//! Keys and the mouse on the list, driven without a terminal: the wheel and clicks, `N`
//! (remove an annotation), `y` (duplicate), the waiting and recurring views, the tag counts,
//! the help scrolled to its end, and marks leaving with their tasks.

use crate::support;

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use support::tui::*;
use tcui::tui::mode::{Mode, PickKind};

/// The stored task with this UUID.
fn stored_task(h: &Harness, uuid: Uuid) -> TaskData {
    h.replica(move |r| r.get_task_data(uuid)).unwrap().unwrap()
}

fn shown(h: &Harness) -> Vec<Uuid> {
    h.app.core().list().rows().iter().map(|r| r.uuid).collect()
}

fn mouse(h: &mut Harness, kind: MouseEventKind, column: u16, row: u16) {
    let effects = h.app.update(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
    h.run(effects);
}

/// The two words before the urgency in the first task row (below the title and the
/// header): its description, for these tasks.
fn first_row(screen: &str) -> String {
    let words: Vec<&str> = screen
        .lines()
        .nth(2)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let end = words.len().saturating_sub(1);
    words[end.saturating_sub(2)..end].join(" ")
}

#[test]
fn the_wheel_scrolls_the_list_and_a_click_selects_the_row_under_it() {
    // Fifty tasks alike but for their names: the next view lists them by ID, "task 01" first.
    let mut h = Harness::new(|r| {
        for i in 1..=50 {
            add_task(r, &format!("task {i:02}"), &[]);
        }
    });
    h.app.resize((80, 20));
    let page = h.app.page();
    assert!(page < 50, "the list must be longer than the screen");
    assert_eq!(first_row(&h.screen()), "task 01");

    // The wheel moves down through the list and brings its end into view.
    let (x, y) = (10, 10);
    mouse(&mut h, MouseEventKind::ScrollDown, x, y);
    assert!(h.app.cursor() > 0, "one turn of the wheel moves down");
    for _ in 0..30 {
        mouse(&mut h, MouseEventKind::ScrollDown, x, y);
    }
    let screen = h.screen();
    assert!(screen.contains("task 50"), "{screen}");
    assert!(!screen.contains("task 01"), "{screen}");
    assert_eq!(h.app.current().unwrap().description(), "task 50");
    for _ in 0..30 {
        mouse(&mut h, MouseEventKind::ScrollUp, x, y);
    }
    let screen = h.screen();
    assert_eq!(first_row(&screen), "task 01", "{screen}");
    assert_eq!(h.app.cursor(), 0);

    // A click selects the row under it: screen row 5 is the fourth task row.
    mouse(&mut h, MouseEventKind::Down(MouseButton::Left), 30, 5);
    assert_eq!(h.app.current().unwrap().description(), "task 04");
    // Scrolled down, a click takes the row shown there, not the row that was there before.
    for _ in 0..10 {
        mouse(&mut h, MouseEventKind::ScrollDown, x, y);
    }
    let screen = h.screen();
    let top = first_row(&screen);
    assert_ne!(top, "task 01", "{screen}");
    mouse(&mut h, MouseEventKind::Down(MouseButton::Left), 30, 2);
    assert_eq!(h.app.current().unwrap().description(), top, "{screen}");
    // The selected task is the one keys act on.
    h.press(KeyCode::Char('d'));
    let done: Vec<String> = h
        .stored()
        .into_iter()
        .filter(|t| t.get("status") == Some("completed"))
        .map(|t| t.get("description").unwrap_or("").to_string())
        .collect();
    assert_eq!(done, [top]);

    // The header and the status line are not rows: clicking them changes nothing.
    let before = h.app.cursor();
    mouse(&mut h, MouseEventKind::Down(MouseButton::Left), 30, 1);
    mouse(&mut h, MouseEventKind::Down(MouseButton::Left), 30, 19);
    assert_eq!(h.app.cursor(), before);
}

#[test]
fn n_removes_the_annotation_picked_and_says_so_when_there_is_none() {
    let (mut noted, mut bare) = (Uuid::nil(), Uuid::nil());
    let mut h = Harness::new(|r| {
        noted = add_task(
            r,
            "Call the bank",
            &[
                ("annotation_1795000000", "ask about the fees"),
                ("annotation_1795100000", "bring the card"),
            ],
        );
        bare = add_task(r, "Buy stamps", &[]);
    });
    h.select_task(noted);
    h.press(KeyCode::Char('N'));
    let screen = h.screen();
    assert!(screen.contains(" remove which annotation? "), "{screen}");
    assert!(screen.contains("ask about the fees"), "{screen}");
    assert!(screen.contains("bring the card"), "{screen}");
    // Esc leaves both.
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.mode(), Mode::List));
    assert!(
        stored_task(&h, noted)
            .get("annotation_1795100000")
            .is_some()
    );

    // The second one, picked, goes; the first stays.
    h.press(KeyCode::Char('N'));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Enter);
    let t = stored_task(&h, noted);
    assert_eq!(t.get("annotation_1795100000"), None);
    assert_eq!(t.get("annotation_1795000000"), Some("ask about the fees"));
    assert!(
        h.message().starts_with("denotate ") && h.message().contains("\"Call the bank\""),
        "{}",
        h.message()
    );
    h.press(KeyCode::Char('u'));
    let t = stored_task(&h, noted);
    assert_eq!(t.get("annotation_1795100000"), Some("bring the card"));

    h.select_task(bare);
    h.press(KeyCode::Char('N'));
    assert!(matches!(h.app.mode(), Mode::List));
    assert_eq!(h.message(), "this task has no annotations");
}

#[test]
fn y_makes_a_pending_copy_that_starts_afresh_and_says_its_id() {
    let mut original = Uuid::nil();
    let mut h = Harness::new(|r| {
        add_task(r, "Water the plants", &[]);
        original = add_task(
            r,
            "Renew passport",
            &[
                ("project", "admin"),
                ("tag_papers", "x"),
                ("priority", "H"),
                ("due", "1796000000"),
                ("start", "1795100000"),
                ("annotation_1795000000", "photo booth on Main St"),
            ],
        );
    });
    h.select_task(original);
    let before = stored_task(&h, original);
    h.press(KeyCode::Char('y'));
    let stored = h.stored();
    assert_eq!(stored.len(), 3);
    let copy = stored
        .iter()
        .find(|t| t.uuid() != original && t.get("description") == Some("Renew passport"))
        .expect("a copy");
    for key in [
        "description",
        "project",
        "tag_papers",
        "priority",
        "due",
        "annotation_1795000000",
    ] {
        assert_eq!(copy.get(key), before.get(key), "{key}");
    }
    assert_eq!(copy.get("status"), Some("pending"));
    assert_eq!(copy.get("entry"), Some("1795262400"), "entered now");
    assert_eq!(copy.get("start"), None, "the copy is not started");
    assert_eq!(
        stored_task(&h, original),
        before,
        "the original is untouched"
    );
    let id = h.app.core().ids()[&copy.uuid()];
    assert_eq!(
        h.message(),
        format!("duplicate 2 \"Renew passport\": the copy is {id}")
    );
    assert!(shown(&h).contains(&copy.uuid()), "the copy is listed");

    // One undo takes the copy away.
    h.press(KeyCode::Char('u'));
    assert_eq!(h.stored().len(), 2);
    assert!(!shown(&h).contains(&copy.uuid()));
}

#[test]
fn view_4_lists_the_waiting_tasks_and_view_6_the_recurring_ones() {
    let (mut waiting, mut woke, mut plain, mut template, mut instance, mut done) =
        Default::default();
    let mut h = Harness::new(|r| {
        // Now is 1795262400: one waits till later, one waited till earlier. The series'
        // first due date is ahead, and its instance made: nothing more is owed.
        waiting = add_task(r, "Renew the lease", &[("wait", "1796000000")]);
        woke = add_task(r, "Pay the gas bill", &[("wait", "1795000000")]);
        plain = add_task(r, "Buy milk", &[]);
        template = add_task(
            r,
            "Water the plants",
            &[
                ("status", "recurring"),
                ("recur", "weekly"),
                ("due", "1795300000"),
                ("mask", "-"),
            ],
        );
        let parent = template.to_string();
        instance = add_task(
            r,
            "Water the plants",
            &[
                ("parent", parent.as_str()),
                ("imask", "0"),
                ("recur", "weekly"),
                ("due", "1795300000"),
            ],
        );
        done = add_task(
            r,
            "Filed the taxes",
            &[("status", "completed"), ("end", "1795100000")],
        );
    });
    let next = shown(&h);
    for uuid in [woke, plain, instance] {
        assert!(next.contains(&uuid), "the next view lists {uuid}");
    }
    for uuid in [waiting, template, done] {
        assert!(!next.contains(&uuid), "the next view leaves out {uuid}");
    }

    h.press(KeyCode::Char('4'));
    assert_eq!(shown(&h), [waiting]);
    let screen = h.screen();
    assert!(screen.starts_with(" tcui · waiting · 1 task"), "{screen}");
    assert!(screen.contains("Renew the lease"), "{screen}");
    assert!(!screen.contains("Pay the gas bill"), "{screen}");

    // `6`: the templates, each with its next due date and instances.
    h.press(KeyCode::Char('6'));
    assert_eq!(shown(&h), [template]);
    let screen = h.screen();
    assert!(screen.starts_with(" tcui · templates · 1 task"), "{screen}");
    assert!(screen.contains("1 pending, 0 done, 0 deleted"), "{screen}");
    assert!(!screen.contains("Buy milk"), "{screen}");
    // Taskwarrior's `recurring` report, from the picker: templates and instances.
    h.app.set_view("recurring");
    let mut recurring = shown(&h);
    recurring.sort();
    let mut want = vec![template, instance];
    want.sort();
    assert_eq!(recurring, want);

    // A task set to wait leaves the next view for the waiting one.
    h.press(KeyCode::Char('1'));
    h.select_task(plain);
    h.press(KeyCode::Char('m'));
    h.typed("wait:2026-12-24");
    h.press(KeyCode::Enter);
    assert!(!shown(&h).contains(&plain));
    h.press(KeyCode::Char('4'));
    assert_eq!(shown(&h), [waiting, plain], "soonest to wake first");
}

#[test]
fn t_counts_the_tags_of_pending_tasks_and_picking_one_filters() {
    let mut h = Harness::new(|r| {
        add_task(r, "Buy milk", &[("tag_home", "x"), ("tag_errand", "x")]);
        add_task(r, "Fix the tap", &[("tag_home", "x")]);
        add_task(
            r,
            "Renew the lease",
            &[("tag_home", "x"), ("wait", "1796000000")],
        );
        add_task(
            r,
            "Paint the fence",
            &[
                ("tag_home", "x"),
                ("status", "completed"),
                ("end", "1795100000"),
            ],
        );
        add_task(
            r,
            "Old report",
            &[
                ("tag_work", "x"),
                ("status", "deleted"),
                ("end", "1795100000"),
            ],
        );
    });
    h.press(KeyCode::Char('t'));
    let Mode::Pick(picker) = &h.app.mode() else {
        panic!("no picker: {:?}", h.app.mode());
    };
    assert_eq!(picker.kind, PickKind::Tag);
    assert_eq!(
        picker.entries,
        [("errand".to_string(), 1), ("home".to_string(), 3)]
    );
    let screen = h.screen();
    assert!(screen.contains(" tags (enter filters) "), "{screen}");
    let count_of = |tag: &str| -> Vec<String> {
        let line = screen
            .lines()
            .find(|l| l.contains(&format!("│{tag} ")))
            .unwrap_or_else(|| panic!("no {tag} line in\n{screen}"));
        let inside = line.split('│').nth(1).unwrap_or("");
        inside.split_whitespace().map(str::to_owned).collect()
    };
    assert_eq!(count_of("errand"), ["errand", "1"]);
    assert_eq!(count_of("home"), ["home", "3"]);
    assert!(!screen.contains("│work"), "{screen}");

    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Enter);
    assert_eq!(h.app.core().list().query_text(), "+home");
    let mut listed: Vec<&str> = h
        .app
        .core()
        .list()
        .rows()
        .iter()
        .map(|r| h.app.core().tasks()[&r.uuid].description())
        .collect();
    listed.sort_unstable();
    assert_eq!(listed, ["Buy milk", "Fix the tap"]);
}

#[test]
fn the_help_scrolls_to_its_last_line_and_no_further() {
    let mut h = Harness::new(|_| {});
    h.app.resize((80, 24));
    h.press(KeyCode::Char('?'));
    let last = "quit from anywhere";
    let screen = h.screen();
    assert!(screen.contains("next task"), "{screen}");
    assert!(
        !screen.contains(last),
        "the help must be taller than the screen for this test:\n{screen}"
    );
    // Row 22 is the box's last inside row, above its bottom border.
    let bottom_inside = |screen: &str| screen.lines().nth(22).unwrap_or("").to_string();
    for _ in 0..100 {
        h.press(KeyCode::Char('j'));
    }
    let screen = h.screen();
    assert!(bottom_inside(&screen).contains(last), "{screen}");
    assert!(
        screen.lines().nth(23).unwrap_or("").contains('└'),
        "{screen}"
    );
    for _ in 0..10 {
        h.press(KeyCode::PageDown);
    }
    assert_eq!(h.screen(), screen, "past the end stays at the end");
    // One step back up shows the line before the last at the bottom.
    h.press(KeyCode::Char('k'));
    let up = h.screen();
    assert!(!up.contains(last), "{up}");
    assert!(bottom_inside(&up).contains("apply / cancel"), "{up}");
    // Back at the top, the first line shows again.
    h.press(KeyCode::PageUp);
    h.press(KeyCode::PageUp);
    h.press(KeyCode::PageUp);
    let top = h.screen();
    assert!(
        top.lines().nth(1).unwrap_or("").contains("next task"),
        "{top}"
    );
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.mode(), Mode::List));
}

#[test]
fn a_mark_leaves_with_its_task_when_an_undo_removes_the_task() {
    let mut h = Harness::new(|r| {
        add_task(r, "stays", &[]);
    });
    h.press(KeyCode::Char('a'));
    h.typed("goes away again");
    h.press(KeyCode::Enter);
    let added = h
        .app
        .core()
        .tasks()
        .values()
        .find(|t| t.description() == "goes away again")
        .map(|t| t.uuid())
        .unwrap();
    h.select_task(added);
    h.press(KeyCode::Char(' '));
    assert!(h.app.marks().contains(&added));
    assert!(h.screen().contains("1 marked"));
    // Undoing the add removes the task; the mark goes with it.
    h.press(KeyCode::Char('u'));
    assert!(h.app.core().tasks().get(&added).is_none());
    assert!(h.app.marks().is_empty(), "{:?}", h.app.marks());
    assert!(!h.screen().contains("marked"), "{}", h.screen());
}
