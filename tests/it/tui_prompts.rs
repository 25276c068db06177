//! Tab completion inside the add, modify and filter prompts, driven without a terminal:
//! attribute names, projects, tags and date names complete from what the replica holds, a
//! choice of several is listed under the prompt, and the completed line is what applies.

use crate::support;

use support::tui::*;
use tcui::tui::mode::Mode;

fn three() -> Harness {
    Harness::new(|r| {
        add_task(
            r,
            "Water the tomatoes",
            &[("project", "home.garden"), ("tag_outdoor", "x")],
        );
        add_task(
            r,
            "Send invoice",
            &[("project", "work"), ("tag_email", "x")],
        );
        add_task(r, "Buy milk", &[("tag_errand", "x")]);
    })
}

/// The prompt's text as typed so far.
fn prompt_text(h: &Harness) -> String {
    match &h.app.mode() {
        Mode::Prompt(p) => p.input.text().to_string(),
        other => panic!("no prompt open: {other:?}"),
    }
}

/// The line under the prompt, where completions are listed.
fn under_prompt(h: &mut Harness) -> String {
    h.screen().lines().last().unwrap_or("").to_string()
}

fn tab(h: &mut Harness) {
    h.press(KeyCode::Tab);
}

#[test]
fn tab_completes_attributes_projects_tags_and_dates_in_the_add_prompt() {
    let mut h = three();
    h.press(KeyCode::Char('a'));
    h.typed("Fix the gate pro");
    tab(&mut h);
    assert_eq!(prompt_text(&h), "Fix the gate project:");
    h.typed("ho");
    tab(&mut h);
    assert_eq!(prompt_text(&h), "Fix the gate project:home.garden");
    h.typed(" +out");
    tab(&mut h);
    assert_eq!(prompt_text(&h), "Fix the gate project:home.garden +outdoor");

    // Two attributes start with "pr": both are listed, the text keeps what they share.
    h.typed(" pr");
    tab(&mut h);
    assert!(prompt_text(&h).ends_with(" pr"), "{}", prompt_text(&h));
    let hints = under_prompt(&mut h);
    assert!(
        hints.contains("priority:") && hints.contains("project:"),
        "{hints}"
    );
    h.typed("i");
    tab(&mut h);
    assert!(
        prompt_text(&h).ends_with(" priority:"),
        "{}",
        prompt_text(&h)
    );
    h.typed("H due:tom");
    tab(&mut h);
    assert!(
        prompt_text(&h).ends_with(" due:tomorrow"),
        "{}",
        prompt_text(&h)
    );

    // Date names: several end-of-period names start with "eo".
    h.typed(" sc");
    tab(&mut h);
    assert!(
        prompt_text(&h).ends_with(" scheduled:"),
        "{}",
        prompt_text(&h)
    );
    h.typed("eo");
    tab(&mut h);
    let hints = under_prompt(&mut h);
    assert!(hints.starts_with("scheduled:eod  scheduled:eom"), "{hints}");
    h.typed("w");
    assert!(
        !under_prompt(&mut h).contains("scheduled:eom"),
        "typing clears the list"
    );
    h.press(KeyCode::Enter);

    let t = h
        .stored()
        .into_iter()
        .find(|t| t.get("description") == Some("Fix the gate"))
        .unwrap_or_else(|| panic!("not added: {}", h.message()));
    assert_eq!(t.get("project"), Some("home.garden"));
    assert_eq!(t.get("tag_outdoor"), Some("x"));
    assert_eq!(t.get("priority"), Some("H"));
    // Tomorrow, local midnight (the zone is UTC here).
    assert_eq!(t.get("due"), Some("1795305600"));
    assert!(t.get("scheduled").is_some());
}

#[test]
fn tab_completes_tags_and_projects_in_the_modify_prompt() {
    let mut h = three();
    let milk = h
        .app
        .core()
        .list()
        .rows()
        .iter()
        .position(|r| h.app.core().tasks()[&r.uuid].description() == "Buy milk")
        .unwrap();
    h.app.select(milk);
    h.press(KeyCode::Char('m'));
    h.typed("+em");
    tab(&mut h);
    assert_eq!(prompt_text(&h), "+email");
    h.typed(" -err");
    tab(&mut h);
    assert_eq!(prompt_text(&h), "+email -errand");
    h.typed(" pro:wo");
    tab(&mut h);
    assert_eq!(prompt_text(&h), "+email -errand pro:work");
    h.press(KeyCode::Enter);
    let t = h
        .stored()
        .into_iter()
        .find(|t| t.get("description") == Some("Buy milk"))
        .unwrap();
    assert_eq!(t.get("tag_email"), Some("x"));
    assert_eq!(t.get("tag_errand"), None);
    assert_eq!(t.get("project"), Some("work"));
}

#[test]
fn tab_completes_in_the_filter_prompt_and_the_list_follows_the_completed_filter() {
    let mut h = three();
    h.press(KeyCode::Char('/'));
    h.typed("+em");
    assert!(
        h.app.core().list().rows().is_empty(),
        "no task has the tag \"em\""
    );
    tab(&mut h);
    assert_eq!(prompt_text(&h), "+email");
    let listed: Vec<&str> = h
        .app
        .core()
        .list()
        .rows()
        .iter()
        .map(|r| h.app.core().tasks()[&r.uuid].description())
        .collect();
    assert_eq!(
        listed,
        ["Send invoice"],
        "the list shows what the prompt says"
    );

    // Projects, and date names after a date attribute with a modifier, as filters use them.
    h.press_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typed("project:ho");
    tab(&mut h);
    assert_eq!(prompt_text(&h), "project:home.garden");
    h.typed(" due.before:tom");
    tab(&mut h);
    assert_eq!(prompt_text(&h), "project:home.garden due.before:tomorrow");
    h.press(KeyCode::Enter);
    assert_eq!(
        h.app.core().list().query_text(),
        "project:home.garden due.before:tomorrow"
    );
}

#[test]
fn a_filter_with_comparisons_patterns_and_a_limit_applies_as_typed() {
    let mut h = three();
    h.press(KeyCode::Char('/'));
    h.typed("/^(send|buy)/");
    assert_eq!(h.app.core().list().rows().len(), 2, "{}", h.screen());
    h.typed(" limit:1");
    assert_eq!(h.app.core().list().rows().len(), 1);
    assert!(h.screen().contains("1 of 2 tasks"), "{}", h.screen());
    h.press(KeyCode::Enter);
    // An unknown name is said under the prompt, and Enter does not take it.
    h.press(KeyCode::Char('/'));
    h.press_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typed("colour:red");
    assert!(
        under_prompt(&mut h).contains("'colour' is neither an attribute"),
        "{}",
        h.screen()
    );
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.mode(), Mode::Prompt(_)));
    assert_eq!(prompt_text(&h), "colour:red");
}
