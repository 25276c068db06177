//! `tcui context …` and the active context on the command line, with the words, the taskrc
//! edits and the narrowing Taskwarrior 3.1.0 showed for the same taskrc.

use crate::support::cli_run::{ok, stderr, tcui};

use std::path::Path;

use tempfile::TempDir;

const TASKRC: &str = "# my rc\ncontext.work.read=project:work\ncontext.work.write=project:work +job\n\
context.home=project:home # legacy\ncontext=home   # current\nverbose=nothing";

/// The description of each row of `tcui list` (its last word, the urgency aside), with
/// `rc.verbose=nothing` so that only the rows are printed.
fn listed(dir: &Path, filter: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "rc.verbose=nothing"];
    args.extend(filter);
    let text = ok(dir, &args);
    let mut rows: Vec<String> = text
        .lines()
        .map(|l| {
            // The urgency comes last in Taskwarrior's list report, and an annotation
            // count after the description.
            let mut words = l.split_whitespace().filter(|w| !w.starts_with('['));
            words.next_back();
            words.next_back().unwrap_or("").to_string()
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn contexts_are_listed_shown_set_and_unset_as_task_context_does() {
    let dir = TempDir::new().unwrap();
    let rc = dir.path().join("taskrc");
    std::fs::write(&rc, TASKRC).unwrap();
    ok(dir.path(), &["add", "a", "project:home"]);
    ok(dir.path(), &["add", "b", "project:work"]);
    ok(dir.path(), &["add", "c"]);

    assert_eq!(
        ok(dir.path(), &["context", "show"]),
        "Context 'home' with \n\n* read filter: 'project:home'\n* write filter: ''\n\nis \
         currently applied.\n"
    );
    assert_eq!(
        ok(dir.path(), &["context", "list"]),
        "Name Type  Definition        Active\n\
         ---- ----- ----------------- ------\n\
         home read  project:home      yes\n     write                   yes\n\
         work read  project:work      no\n     write project:work +job no\n"
    );
    assert_eq!(listed(dir.path(), &[]), ["a"]);
    // The note on stderr, with Taskwarrior's footnotes on (this taskrc turns them off).
    let out = tcui(dir.path(), &["list", "rc.verbose=on"]);
    assert!(
        stderr(&out).contains("Context 'home' set"),
        "{}",
        stderr(&out)
    );

    // Set: the line changes, its comment stays, every other byte as it was.
    assert_eq!(
        ok(dir.path(), &["context", "work"]),
        "Context 'work' set. Use 'tcui context none' to remove.\n"
    );
    assert_eq!(
        std::fs::read_to_string(&rc).unwrap(),
        TASKRC.replace("context=home   # current", "context=work  # current")
    );
    assert_eq!(listed(dir.path(), &[]), ["b"]);
    // The write filter goes onto new tasks; the line's own project wins.
    ok(dir.path(), &["add", "d"]);
    ok(dir.path(), &["add", "e", "project:other"]);
    assert_eq!(listed(dir.path(), &[]), ["b", "d"]);
    // IDs reach tasks outside the context, as in Taskwarrior.
    ok(dir.path(), &["1", "annotate", "seen"]);

    // Unset: the line goes.
    assert_eq!(ok(dir.path(), &["context", "none"]), "Context unset.\n");
    assert_eq!(
        std::fs::read_to_string(&rc).unwrap(),
        TASKRC.replace("context=home   # current\n", "")
    );
    assert_eq!(listed(dir.path(), &[]), ["a", "b", "c", "d", "e"]);
    let export = ok(dir.path(), &["export", "e"]);
    assert!(export.contains(r#""project":"other""#), "{export}");
    assert!(export.contains(r#""tags":["job"]"#), "{export}");
    assert_eq!(
        ok(dir.path(), &["context"]),
        "No context is currently applied.\n"
    );
}

#[test]
fn a_context_that_is_not_there_or_does_not_parse_is_refused_and_the_taskrc_kept() {
    let dir = TempDir::new().unwrap();
    let rc = dir.path().join("taskrc");
    let text = "context.work.read=project:work\ncontext.odd.read=colour:red\n";
    std::fs::write(&rc, text).unwrap();
    for (args, says) in [
        (
            &["context", "play"][..],
            "no context 'play'; the taskrc defines odd, work",
        ),
        (&["context", "odd"][..], "context.odd.read"),
        (&["context", "none"][..], "no context is in force"),
    ] {
        let out = tcui(dir.path(), args);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&rc).unwrap(), text);
    }
    // Put in force by hand: the commands that would mislead stop and say why.
    std::fs::write(&rc, format!("{text}context=odd\n")).unwrap();
    for args in [&["list"][..], &["add", "x"][..]] {
        let out = tcui(dir.path(), args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).contains("'colour' is neither"),
            "{}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("tcui context none"),
            "{}",
            stderr(&out)
        );
    }
    std::fs::write(&rc, "").unwrap();
    let out = tcui(dir.path(), &["context", "list"]);
    assert!(
        stderr(&out).contains("No contexts defined"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rc_words_override_the_taskrc_for_one_command_and_leave_it_as_it_was() {
    let dir = TempDir::new().unwrap();
    let rc = dir.path().join("taskrc");
    std::fs::write(&rc, TASKRC).unwrap();
    ok(dir.path(), &["add", "a", "project:home"]);
    ok(dir.path(), &["add", "b", "project:work"]);
    assert_eq!(listed(dir.path(), &[]), ["a"]);
    assert_eq!(listed(dir.path(), &["rc.context=work"]), ["b"]);
    assert_eq!(listed(dir.path(), &["rc.context:none"]), ["a", "b"]);
    assert_eq!(
        ok(dir.path(), &["rc.context=work", "context", "show"])
            .lines()
            .next(),
        Some("Context 'work' with ")
    );
    // rc:FILE reads another taskrc (`~/` is the home folder).
    std::fs::write(
        dir.path().join("other.rc"),
        "context.w.read=project:work\ncontext=w\n",
    )
    .unwrap();
    assert_eq!(listed(dir.path(), &["rc:~/other.rc"]), ["b"]);
    assert_eq!(std::fs::read_to_string(&rc).unwrap(), TASKRC);
    let out = tcui(dir.path(), &["list", "rc.context"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("rc.NAME=VALUE"), "{}", stderr(&out));
}
