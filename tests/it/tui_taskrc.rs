//! What else the taskrc says, seen in the interface: UDA labels and values.

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
