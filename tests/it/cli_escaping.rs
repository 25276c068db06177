//! What tcui prints for scripts never carries a control character it was given: `tcui list`
//! and the messages on standard error show them escaped, as the interface does.

use crate::support::children::InTurn;
use crate::support::isolated;

use std::path::Path;
use std::process::Output;

use isolated::tcui_command;
use tempfile::TempDir;

fn tcui(dir: &Path, args: &[&str], input: Option<&str>) -> Output {
    let mut command = tcui_command(dir, args);
    match input {
        None => command.output_in_turn().unwrap(),
        Some(text) => {
            let file = dir.join("input.json");
            std::fs::write(&file, text).unwrap();
            command.arg(&file).output_in_turn().unwrap()
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An exported task whose tag, project, UDA and description hold terminal commands.
const HOSTILE: &str = r#"[{"uuid":"7c4a2e1d-3b6f-4a8e-9d2c-1f0e5b6a7c8d","status":"pending",
"entry":"20261101T120000Z","description":"Pay \u001b[2Jrent",
"project":"home\u001b]0;owned\u0007","tags":["\u001b]0;pwned\u0007","wipe\u001b[2J","ok"],
"estimate":"3\u001b[5m"}]"#;

#[test]
fn tcui_list_prints_control_characters_escaped() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let out = tcui(dir.path(), &["import"], Some(HOSTILE));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = tcui(dir.path(), &["list"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        !table.chars().any(|c| c.is_control() && c != '\n'),
        "{table:?}"
    );
    for shown in [
        "Pay \\u{1b}[2Jrent",
        "home\\u{1b}]0;owned\\u{7}",
        "\\u{1b}]0;pwned\\u{7}",
        "wipe\\u{1b}[2J",
    ] {
        assert!(table.contains(shown), "no {shown} in {table:?}");
    }
}

#[test]
fn errors_quoting_what_was_typed_print_it_escaped() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let out = tcui(dir.path(), &["import"], Some(HOSTILE));
    assert!(out.status.success(), "{}", text(&out.stderr));
    for args in [
        &["1", "modify", "due:\u{1b}[2J"][..],
        &["list", "due.before:\u{1b}]0;x\u{7}"][..],
    ] {
        let out = tcui(dir.path(), args, None);
        assert!(!out.status.success(), "{args:?} succeeded");
        let error = text(&out.stderr);
        assert!(
            !error.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {error:?}"
        );
        assert!(error.contains("\\u{1b}"), "{args:?}: {error:?}");
    }
}

#[test]
fn a_task_named_after_a_change_is_printed_escaped() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("taskrc"), "").unwrap();
    let out = tcui(
        dir.path(),
        &["add", "Buy\u{1b}]0;owned\u{7} milk\u{1b}[2J"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "Created task 1.\n");
    let out = tcui(dir.path(), &["1", "start"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        !said.chars().any(|c| c.is_control() && c != '\n'),
        "{said:?}"
    );
    assert_eq!(
        said,
        "Starting task 1 'Buy\\u{1b}]0;owned\\u{7} milk\\u{1b}[2J'.\nStarted 1 task.\n"
    );
}
