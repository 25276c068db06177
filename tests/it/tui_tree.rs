//! The dependency tree (`T`), driven without a terminal: tasks under what they block, or the
//! other way (`r`); folding (`space`); a cycle made elsewhere marked; `enter` goes to the task.

use crate::support::tui::*;

/// A release waits on tests, which wait on a fix; docs wait on the fix too. A task with no
/// dependency stays out of the tree.
fn linked() -> (Harness, [Uuid; 5]) {
    let (fix, tests, docs, release, alone) = (
        Uuid::from_u128(1),
        Uuid::from_u128(2),
        Uuid::from_u128(3),
        Uuid::from_u128(4),
        Uuid::from_u128(5),
    );
    let h = Harness::new(|r| {
        add_task_as(r, fix, "Fix the crash", &[]);
        add_task_as(r, tests, "Write the tests", &[(&format!("dep_{fix}"), "x")]);
        add_task_as(r, docs, "Update the docs", &[(&format!("dep_{fix}"), "x")]);
        add_task_as(r, release, "Ship 2.0", &[(&format!("dep_{tests}"), "x")]);
        add_task_as(r, alone, "Water the plants", &[]);
    });
    (h, [fix, tests, docs, release, alone])
}

#[test]
fn the_tree_hangs_each_task_under_what_it_blocks_and_turns_round() {
    let (mut h, _) = linked();
    h.app.resize((120, 40));
    h.press(KeyCode::Char('T'));
    insta::assert_snapshot!("tree_120x40", h.screen());
    h.app.resize((80, 24));
    insta::assert_snapshot!("tree_80x24", h.screen());
    h.press(KeyCode::Char('r'));
    let screen = h.screen();
    assert!(
        screen.contains("each task under what it waits on"),
        "{screen}"
    );
    let fix = screen.find("Fix the crash").unwrap();
    let tests = screen.find("Write the tests").unwrap();
    let ship = screen.find("Ship 2.0").unwrap();
    assert!(fix < tests && tests < ship, "{screen}");
    assert!(!screen.contains("Water the plants"), "{screen}");
}

#[test]
fn space_folds_and_enter_goes_to_the_task() {
    let (mut h, [fix, ..]) = linked();
    h.app.resize((100, 30));
    h.press(KeyCode::Char('T'));
    // Update the docs / Fix the crash / Ship 2.0 / Write the tests / Fix the crash (shown
    // above), by ID: fold the tests.
    for _ in 0..3 {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Char(' '));
    let screen = h.screen();
    assert!(screen.contains("▸ 2 \"Write the tests\" (+1)"), "{screen}");
    h.press(KeyCode::Char(' '));
    let screen = h.screen();
    assert!(screen.contains("▾ 2 \"Write the tests\""), "{screen}");
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Enter);
    assert_eq!(h.app.current_uuid(), Some(fix));
    assert!(!h.screen().contains("dependencies:"));
}

#[test]
fn a_cycle_made_elsewhere_is_marked() {
    let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
    let mut h = Harness::new(|r| {
        add_task_as(r, a, "Egg", &[(&format!("dep_{b}"), "x")]);
        add_task_as(r, b, "Chicken", &[(&format!("dep_{a}"), "x")]);
    });
    h.app.resize((100, 30));
    h.press(KeyCode::Char('T'));
    let screen = h.screen();
    assert!(screen.contains("1 \"Egg\" ↻ cycle"), "{screen}");
}
