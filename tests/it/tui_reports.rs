//! Taskwarrior's reports drive the list: the views are its built-in reports, as the taskrc
//! may change them; `R` picks any report, the taskrc's own included; a report's filter, sort
//! and `context` setting decide the rows.

use crate::support;

use support::tui::*;
use tcui::tui::mode::Mode;

fn tasks(taskrc: &str) -> Harness {
    Harness::with_taskrc(taskrc, |r| {
        add_task(r, "Water the tomatoes", &[("project", "home.garden")]);
        add_task(
            r,
            "Send invoice",
            &[("project", "work"), ("due", "1700000000")],
        );
        add_task(r, "Call the bank", &[("project", "work.admin")]);
        add_task(r, "Buy milk", &[("project", "home")]);
    })
}

fn rows(h: &Harness) -> Vec<String> {
    let core = h.app.core();
    core.list()
        .rows()
        .iter()
        .map(|r| core.tasks().get(&r.uuid).unwrap().description().to_string())
        .collect()
}

fn title(h: &mut Harness) -> String {
    h.screen().lines().next().unwrap_or("").to_string()
}

/// Open the report picker and choose `name`.
fn pick(h: &mut Harness, name: &str) {
    h.press(KeyCode::Char('R'));
    let Mode::Pick(picker) = h.app.mode() else {
        panic!("no picker: {}", h.screen());
    };
    let at = picker.entries.iter().position(|(n, _)| n == name).unwrap();
    h.press(KeyCode::Char('g'));
    for _ in 0..at {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Enter);
}

const MINE: &str = "\
report.mine.description=Home, by description
report.mine.columns=id,project,description
report.mine.filter=status:pending project:home
report.mine.sort=description+
";

#[test]
fn the_picker_lists_every_report_with_its_description_and_shows_the_chosen_one() {
    let mut h = tasks(MINE);
    h.press(KeyCode::Char('R'));
    let screen = h.screen();
    for line in [
        "next",
        "Most urgent tasks",
        "mine",
        "Home, by description",
        "overdue",
    ] {
        assert!(screen.contains(line), "{line}: {screen}");
    }
    h.press(KeyCode::Esc);
    pick(&mut h, "mine");
    assert_eq!(rows(&h), ["Buy milk", "Water the tomatoes"]);
    assert!(title(&mut h).contains("mine"), "{}", title(&mut h));
    pick(&mut h, "overdue");
    assert_eq!(rows(&h), ["Send invoice"]);
}

#[test]
fn the_taskrc_changes_a_built_in_report_and_the_list_starts_on_it() {
    let mut h =
        tasks("report.next.filter=status:pending project:work\nreport.next.sort=description+\n");
    assert_eq!(rows(&h), ["Call the bank", "Send invoice"]);
    h.press(KeyCode::Char('2'));
    assert_eq!(rows(&h).len(), 4);
    h.press(KeyCode::Char('1'));
    assert_eq!(rows(&h), ["Call the bank", "Send invoice"]);
}

#[test]
fn a_report_that_cannot_be_read_is_said_and_the_list_stays() {
    let mut h = tasks("report.bad.columns=id\nreport.bad.filter=colour:red\n");
    let before = rows(&h);
    pick(&mut h, "bad");
    assert!(h.message().contains("report.bad.filter"), "{}", h.message());
    assert_eq!(rows(&h), before);
    // A broken next report: Taskwarrior's own is shown, and the message says why.
    let h = tasks("report.next.sort=colour+\n");
    assert!(h.message().contains("report.next.sort"), "{}", h.message());
    assert_eq!(rows(&h).len(), 4);
}

#[test]
fn the_context_narrows_a_report_unless_the_report_says_not_to() {
    let rc = "context.work.read=project:work\ncontext=work\nreport.everything.columns=id,description\nreport.everything.context=0\n";
    let mut h = tasks(rc);
    assert_eq!(rows(&h).len(), 2);
    pick(&mut h, "everything");
    assert_eq!(rows(&h).len(), 4);
}

#[test]
fn the_list_starts_on_the_report_default_command_names() {
    let h = tasks(&format!("{MINE}default.command=mine +urgent\n"));
    assert_eq!(h.app.core().list().view().title(), "mine");
    assert_eq!(rows(&h), ["Buy milk", "Water the tomatoes"]);
    // A command that is not a report: the next report.
    let h = tasks("default.command=summary\n");
    assert_eq!(h.app.core().list().view().title(), "next");
}

#[test]
fn a_reports_limit_holds_in_the_list_unless_the_filter_gives_one() {
    let mut h = tasks(
        "report.few.columns=id,description\nreport.few.filter=limit:2\nreport.few.sort=description+\n",
    );
    pick(&mut h, "few");
    assert_eq!(rows(&h), ["Buy milk", "Call the bank"]);
    assert!(title(&mut h).contains("2 of 4 tasks"), "{}", title(&mut h));
    h.press(KeyCode::Char('/'));
    h.typed("limit:3");
    h.press(KeyCode::Enter);
    assert_eq!(rows(&h).len(), 3);
}
