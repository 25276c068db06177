//! The real binary in tmux with a Taskwarrior user's taskrc: the active context narrows the
//! list and shows in the title, `@` switches it (and the taskrc says so afterwards, for
//! `task` to read), and `R` switches to a report the taskrc defines.

use crate::support;

use support::tmux::{Place, Tmux, row, title};

const TASKRC: &str = "# mine\ncontext.work.read=project:work\ncontext.home.read=project:home\n\
context=work\nreport.mine.description=Everything, by description\n\
report.mine.columns=id,project,description\nreport.mine.sort=description+\n\
report.mine.context=0\n";

#[test]
fn switching_context_and_report_in_a_real_terminal() {
    let place = Place::new();
    std::fs::write(place.file("taskrc"), TASKRC).unwrap();
    for words in [
        &["Send invoice", "project:work"][..],
        &["Water the tomatoes", "project:home"],
        &["Call the bank", "project:work"],
    ] {
        place.ok(&[&["add"][..], words].concat());
    }
    let tmux = Tmux::start(100, 30, &place.tcui_command());
    let screen = tmux.wait_for("the work context", |s| {
        title(s).contains("next · context: work · 2 tasks") && row(s, "Call the bank").is_some()
    });
    assert!(row(&screen, "Water the tomatoes").is_none(), "{screen}");

    // @: the picker, then `home` (one up from `work`, where the cursor starts).
    tmux.send_keys(&["@"]);
    tmux.wait_for("the context picker", |s| s.contains("read: project:home"));
    tmux.send_keys(&["k", "Enter"]);
    let screen = tmux.wait_for("the home context", |s| {
        title(s).contains("context: home · 1 task") && row(s, "Water the tomatoes").is_some()
    });
    assert!(row(&screen, "Send invoice").is_none(), "{screen}");
    let taskrc = std::fs::read_to_string(place.file("taskrc")).unwrap();
    assert_eq!(taskrc, TASKRC.replace("context=work", "context=home"));

    // R: the reports, then `mine`, which ignores the context and sorts by description.
    tmux.send_keys(&["R"]);
    tmux.wait_for("the report picker", |s| {
        s.contains("Everything, by description")
    });
    // By name: active all blocked blocking completed list long ls, then mine.
    tmux.send_keys(&["g"]);
    for _ in 0..8 {
        tmux.send_keys(&["j"]);
    }
    tmux.send_keys(&["Enter"]);
    let screen = tmux.wait_for("the mine report", |s| {
        title(s).contains("mine · context: home · 3 tasks")
    });
    let rows: Vec<&str> = ["Call the bank", "Send invoice", "Water the tomatoes"]
        .into_iter()
        .filter_map(|d| row(&screen, d))
        .collect();
    assert_eq!(rows.len(), 3, "{screen}");
    let at = |d: &str| screen.find(d).unwrap();
    assert!(
        at("Call the bank") < at("Send invoice") && at("Send invoice") < at("Water the tomatoes")
    );
    tmux.send_keys(&["q"]);
    assert_eq!(place.wait_for_exit_status(&tmux), "0");
}
