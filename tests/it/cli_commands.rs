//! Taskwarrior's command line through the real binary: the grammar (abbreviations, `--`,
//! IDs alone), exit codes, questions before changes, the reading commands, `edit`, shell
//! completion, and a script written for `task` run with `alias task=tcui`. Expected texts
//! and exit codes are those Taskwarrior 3.1.0 gives for the same command lines.

use std::path::Path;
use std::process::Output;

use crate::support::children::InTurn;
use crate::support::cli_run::{answering, exported, home, ok, stderr, stdout, tcui};
use crate::support::isolated::tcui_command;

/// Three tasks: 1 `Buy milk` (Home, +shopping), 2 `Fix the fence` (Home.Garden), 3 `Write
/// the report` (Work, with an annotation).
fn three_tasks() -> tempfile::TempDir {
    let dir = home();
    let d = dir.path();
    for args in [
        &["add", "Buy", "milk", "project:Home", "+shopping"][..],
        &["add", "Fix", "the", "fence", "project:Home.Garden"],
        &["add", "Write", "the", "report", "project:Work"],
        &["3", "annotate", "ask", "Sam"],
    ] {
        ok(d, args);
    }
    dir
}

/// `bash -c PROGRAM` with the tcui binary's folder first on the PATH and `d` as home, taskrc
/// and data folder, as a user's shell would run it.
fn bash(d: &Path, program: &str) -> Output {
    shell(d, "bash", &["-c", program])
}

/// The shell `name` run with `args`, the tcui binary's folder first on the PATH and `d` as
/// home, taskrc and data folder.
fn shell(d: &Path, name: &str, args: &[&str]) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_tcui"));
    std::process::Command::new(name)
        .args(args)
        .env(
            "PATH",
            format!("{}:/usr/bin:/bin", bin.parent().unwrap().display()),
        )
        .env("OUT", d)
        .env("HOME", d)
        .env("TASKRC", d.join("taskrc"))
        .env("TCUI_DATA", d.join("data"))
        .env("TCUI_CONFIG", d.join("none.rc"))
        .output_in_turn()
        .unwrap()
}

fn descriptions(d: &Path, status: &str) -> Vec<String> {
    let mut found: Vec<String> = exported(d)
        .iter()
        .filter(|t| t["status"] == status)
        .map(|t| t["description"].as_str().unwrap().to_string())
        .collect();
    found.sort();
    found
}

#[test]
fn commands_abbreviate_and_ids_alone_show_the_task() {
    let dir = three_tasks();
    let d = dir.path();
    assert_eq!(
        ok(d, &["1", "mod", "+x"]),
        "Modifying task 1 'Buy milk'.\nModified 1 task.\n"
    );
    assert!(ok(d, &["proj"]).contains("3 projects (3 tasks)"));
    // `1` alone, like `1 info` and `1 inf`, is the task's information.
    for args in [
        &["1"][..],
        &["1", "info"],
        &["1", "inf"],
        &["information", "1"],
    ] {
        let said = ok(d, args);
        assert!(said.contains("\nID            1\n"), "{args:?}: {said}");
        assert!(said.contains("Description   Buy milk\n"), "{said}");
        assert!(said.contains("Tags          shopping x\n"), "{said}");
    }
    let said = ok(d, &["3"]);
    assert!(
        said.contains("Write the report\n                "),
        "{said}"
    );
    assert!(said.contains(" ask Sam\n"), "{said}");
    // Too short or the start of several commands: a word of the filter, as in Taskwarrior.
    for args in [&["1", "d"][..], &["1", "de"], &["co"], &["1", "st"]] {
        let out = tcui(d, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stdout(&out));
        assert_eq!(stderr(&out), "No matches.\n", "{args:?}");
    }
    // A range alone is a filter for the default report.
    let said = ok(d, &["2-3"]);
    assert!(
        said.contains("Fix the fence") && !said.contains("Buy milk"),
        "{said}"
    );
    assert!(ok(d, &["rc.abbreviation.minimum=4", "proj"]).contains("projects"));
    let out = tcui(d, &["rc.abbreviation.minimum=4", "1", "mod", "+y"]);
    assert_eq!(out.status.code(), Some(1));
    // The taskrc's aliases, and Taskwarrior's own `rm`.
    std::fs::write(d.join("taskrc"), "alias.fin=done\nconfirmation=off\n").unwrap();
    assert!(ok(d, &["1", "fin"]).contains("Completed task 1 'Buy milk'."));
    assert!(ok(d, &["2", "rm"]).contains("Deleting task 2 'Fix the fence'."));
}

/// Sorting by a UDA with listed values, as Taskwarrior 3.1.0 sorted the same tasks: the list
/// runs from the highest value down, and a value not in it ranks above them all.
#[test]
fn listed_values_sort_as_taskwarrior_sorts_them() {
    let dir = home();
    let d = dir.path();
    std::fs::write(
        d.join("taskrc"),
        "uda.size.type=string\nuda.size.values=big,mid,small\n",
    )
    .unwrap();
    for args in [
        &["add", "pH", "priority:H"][..],
        &["add", "pM", "priority:M"],
        &["add", "pL", "priority:L"],
        &["add", "p"],
        &["add", "sbig", "size:big"],
        &["add", "ssmall", "size:small"],
    ] {
        ok(d, args);
    }
    let order = |sort: &str| -> Vec<String> {
        let said = ok(
            d,
            &[
                &format!("rc.report.minimal.sort={sort}"),
                "rc.verbose=nothing",
                "minimal",
            ],
        );
        said.lines()
            .map(|l| l.split_whitespace().last().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(
        order("priority-,id+"),
        ["pH", "pM", "pL", "p", "sbig", "ssmall"]
    );
    assert_eq!(
        order("priority+,id+"),
        ["p", "sbig", "ssmall", "pL", "pM", "pH"]
    );
    assert_eq!(
        order("size-,id+"),
        ["pH", "pM", "pL", "p", "sbig", "ssmall"]
    );
}

#[test]
fn after_two_dashes_words_are_text() {
    let dir = home();
    let d = dir.path();
    ok(d, &["add", "--", "foo", "+bar", "due:x"]);
    ok(d, &["add", "plain", "--", "list", "+baz"]);
    let tasks = exported(d);
    assert_eq!(tasks[0]["description"], "foo +bar due:x");
    assert!(tasks[0].get("tags").is_none() && tasks[0].get("due").is_none());
    assert_eq!(tasks[1]["description"], "plain list +baz");
    ok(d, &["1", "modify", "--", "+y"]);
    assert_eq!(exported(d)[0]["description"], "+y");
}

#[test]
fn exit_codes_are_taskwarriors() {
    let dir = three_tasks();
    let d = dir.path();
    std::fs::write(d.join("taskrc"), "confirmation=off\n").unwrap();
    for (args, code) in [
        (&["1", "start"][..], 0),
        (&["1", "start"], 1),
        (&["99", "done"], 1),
        (&["recurring"], 1),
        (&["+nosuchtag", "modify", "+y"], 1),
        (&["3", "denotate", "zzz"], 1),
        (&["2", "denotate", "zzz"], 2),
        (&["add"], 2),
        (&["add", "x", "due:notadate"], 2),
        (&["context", "nosuch"], 2),
        (&["calendar", "13", "2026"], 2),
        (&["1", "modify"], 0),
        (&["count"], 0),
    ] {
        let out = tcui(d, args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn delete_asks_and_many_changes_ask_task_by_task() {
    let dir = three_tasks();
    let d = dir.path();
    // No answer (the end of the input) is no, as for `task`.
    let out = answering(d, &["1", "delete"], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "Delete task 1 'Buy milk'? (yes/no) Task not deleted.\nDeleted 0 tasks.\n"
    );
    let out = answering(d, &["1", "delete"], "junk\ny\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "Delete task 1 'Buy milk'? (yes/no) Delete task 1 'Buy milk'? (yes/no) \
         Deleting task 1 'Buy milk'.\nDeleted 1 task.\n"
    );
    assert_eq!(descriptions(d, "deleted"), ["Buy milk"]);
    // One or two tasks change without a question; three (`bulk`) and more ask each, even
    // with `confirmation` off.
    // (Listing the tasks above renumbered them: 1 and 2 are the other two.)
    ok(d, &["1-2", "modify", "+two"]);
    let out = answering(d, &["1-2", "done", "rc.bulk=2"], "no\nyes\n");
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    assert!(
        said.starts_with("This command will alter 2 tasks.\n  - "),
        "{said}"
    );
    assert!(
        said.contains("Complete task 1 'Fix the fence'? (yes/no/all/quit) Task not completed.\n\n"),
        "{said}"
    );
    assert!(
        said.ends_with(
            "Complete task 2 'Write the report'? (yes/no/all/quit) Completed task 2 'Write \
             the report'.\nCompleted 1 task.\n"
        ),
        "{said}"
    );
    let out = answering(
        d,
        &["1", "modify", "+q", "rc.bulk=1", "rc.confirmation=off"],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    for (answer, changed) in [("quit\n", false), ("all\n", true)] {
        ok(d, &["add", "more"]);
        ok(d, &["add", "again"]);
        let out = answering(d, &["+PENDING", "modify", "+bulk"], answer);
        let tagged = exported(d)
            .iter()
            .filter(|t| t["tags"].to_string().contains("bulk"))
            .count();
        assert_eq!(tagged > 0, changed, "{answer}: {}", stdout(&out));
        assert_eq!(out.status.code(), Some(if changed { 0 } else { 1 }));
    }
    // A change to every task asks first; with no answer, nothing happens.
    let out = answering(d, &["modify", "+all"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Command prevented from running."));
}

#[test]
fn the_reading_commands_print_what_task_prints() {
    let dir = three_tasks();
    let d = dir.path();
    assert_eq!(
        ok(d, &["projects"]),
        "\nProject  Tasks\n-------- -----\nHome         2\n  Garden     1\nWork         1\n\n\
         3 projects (3 tasks)\n"
    );
    let out = tcui(d, &["tags"]);
    assert_eq!(
        stdout(&out),
        "\nTag      Count\n-------- -----\nshopping     1\n\n\n"
    );
    assert_eq!(stderr(&out), "1 tag\n(3 tasks)\n");
    let out = tcui(d, &["+nosuch", "projects"]);
    assert_eq!(
        (out.status.code(), stdout(&out).as_str()),
        (Some(1), "No projects.\n")
    );
    assert_eq!(
        ok(
            d,
            &[
                "_get",
                "1.description",
                "1.tags",
                "3.annotations.1.description",
                "9.due"
            ]
        ),
        "Buy milk shopping ask Sam \n"
    );
    assert_eq!(
        ok(
            d,
            &[
                "rc.defaultwidth=77",
                "_get",
                "rc.defaultwidth",
                "system.version"
            ]
        ),
        format!("77 {}\n", env!("CARGO_PKG_VERSION"))
    );
    let out = tcui(d, &["_get", "1.nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        ok(d, &["_zshids"]),
        "1:Buy milk\n2:Fix the fence\n3:Write the report\n"
    );
    assert_eq!(ok(d, &["_unique", "project"]), "Home\nHome.Garden\nWork\n");
    assert_eq!(ok(d, &["_aliases"]), "burndown\nghistory\nhistory\nrm\n");
    let commands = ok(d, &["_commands"]);
    for name in ["add", "modify", "next", "information", "_zshids"] {
        assert!(commands.lines().any(|l| l == name), "{name}: {commands}");
    }
    assert!(commands.lines().any(|l| l == "burndown.weekly"));
    assert!(!commands.lines().any(|l| l == "timesheet"));
    assert_eq!(
        ok(d, &["_version"]),
        format!("{}\n", env!("CARGO_PKG_VERSION"))
    );
    assert!(ok(d, &["version"]).contains("tcui"));
    // What tcui does not have is named, not silently taken for a filter.
    let out = tcui(d, &["timesheet"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("timesheet"), "{}", stderr(&out));
    // Taskwarrior's alias `burndown` is its weekly chart.
    assert!(ok(d, &["burndown"]).contains("Weekly Burndown"));
    assert!(ok(d, &["diagnostics"]).contains("tasks     3 (3 with an ID)"));
    // `export REPORT` exports what the report's filter finds; a filter word with spaces is
    // read as `task` reads it.
    ok(d, &["3", "done"]);
    let count = |args: &[&str]| {
        let tasks: Vec<serde_json::Value> = serde_json::from_str(&ok(d, args)).unwrap();
        tasks.len()
    };
    assert_eq!(count(&["export"]), 3);
    assert_eq!(count(&["export", "next"]), 2);
    assert_eq!(count(&["export", "milk"]), 1);
    assert_eq!(ok(d, &["/Fix the/", "count"]), "1\n");
    assert_eq!(ok(d, &["description~Buy milk", "count"]), "1\n");
    assert_eq!(ok(d, &["+shopping or project:Work", "count"]), "2\n");
}

#[test]
fn edit_changes_a_task_as_text_in_the_editor() {
    let dir = three_tasks();
    let d = dir.path();
    let edit = |script: &str| {
        tcui_command(d, &["1", "edit"])
            .env("VISUAL", script)
            .output_in_turn()
            .unwrap()
    };
    let out = edit("sed -i -e s/^project:.*/project:Garden/ -e 's/^tags:.*/tags:a b/'");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "Edits were detected.\n");
    let task = &exported(d)[0];
    assert_eq!(task["project"], "Garden");
    assert_eq!(task["tags"], serde_json::json!(["a", "b"]));
    let out = edit("true");
    assert_eq!(stdout(&out), "No edits were detected.\n");
    let out = edit("sed -i s/^due:.*/due:notadate/");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nothing was changed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(exported(d)[0]["project"], "Garden");
    // One step: undo takes the whole edit back.
    ok(d, &["undo", "rc.confirmation=off"]);
    assert_eq!(exported(d)[0]["project"], "Home");
}

#[test]
fn bash_completion_offers_commands_ids_projects_and_tags() {
    let dir = three_tasks();
    let d = dir.path();
    let script = d.join("completion.bash");
    std::fs::write(&script, ok(d, &["completion", "bash"])).unwrap();
    // `line` as typed, and the words bash splits it into (at spaces, and around `:`).
    let complete = |line: &str, words: &str| {
        let program = format!(
            "source {script}\nCOMP_LINE={line:?}\nCOMP_POINT=${{#COMP_LINE}}\n\
             COMP_WORDS=({words})\nCOMP_CWORD=$((${{#COMP_WORDS[@]}}-1))\n_tcui\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            script = script.display()
        );
        let out = bash(d, &program);
        let mut found: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
        found.sort();
        found
    };
    assert_eq!(complete("tcui 1 mo", "tcui 1 mo"), ["modify"]);
    // Bash puts what comes back after the colon.
    assert_eq!(
        complete("tcui project:Ho", "tcui project : Ho"),
        ["Home", "Home.Garden"]
    );
    assert_eq!(complete("tcui +sh", "tcui +sh"), ["+shopping"]);
    assert!(complete("tcui 2", "tcui 2").contains(&"2".to_string()));
}

/// zsh's completion function, run with the two completion builtins it calls replaced by
/// ones that print what they are given (they work only inside a completion widget).
#[test]
fn zsh_completion_offers_commands_ids_projects_and_tags() {
    let dir = three_tasks();
    let d = dir.path();
    let script = ok(d, &["completion", "zsh"]);
    // The script's last line runs the function, as zsh's autoloading expects.
    let function = script.trim_end().strip_suffix("_tcui \"$@\"").unwrap();
    std::fs::write(d.join("_tcui"), function).unwrap();
    let complete = |prefix: &str| {
        let program = format!(
            "_describe() {{ local name=$4; print -l -- \"${{(@P)name}}\" }}\n\
             compset() {{ [[ $1 == -P ]] && PREFIX=${{PREFIX#${{~2}}}} }}\n\
             source {}\nwords=(tcui {prefix}); PREFIX={prefix:?}; _tcui\n",
            d.join("_tcui").display()
        );
        let out = shell(d, "zsh", &["-f", "-c", &program]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let said = complete("mo");
    assert!(said.lines().any(|l| l.starts_with("modify:")), "{said}");
    assert!(said.lines().any(|l| l == "2:Fix the fence"), "{said}");
    let said = complete("project:Ho");
    assert!(said.lines().any(|l| l == "Home.Garden"), "{said}");
    let said = complete("+sh");
    assert!(said.lines().any(|l| l == "shopping"), "{said}");
}

#[test]
fn fish_completion_offers_commands_ids_projects_and_tags() {
    let dir = three_tasks();
    let d = dir.path();
    std::fs::write(d.join("tcui.fish"), ok(d, &["completion", "fish"])).unwrap();
    let complete = |line: &str| {
        let program = format!(
            "source {}; complete -C {line:?}",
            d.join("tcui.fish").display()
        );
        let out = shell(d, "fish", &["--no-config", "-c", &program]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    assert_eq!(complete("tcui 1 mo"), "modify\tChange tasks\n");
    let ids = complete("tcui 2");
    assert!(ids.contains("2\tFix the fence\n"), "{ids}");
    assert_eq!(
        complete("tcui project:Ho"),
        "project:Home\nproject:Home.Garden\n"
    );
    assert_eq!(complete("tcui +sh"), "+shopping\n");
}

/// A script written for `task`, run unchanged with `alias task=tcui`.
const SCRIPT: &str = r#"set -e
task add Buy milk project:Home +shopping due:tomorrow
task add Call the bank project:Work
task add "Plan the trip" +travel
task +shopping list
task project:Work count
task 2 done
task rc.confirmation=off undo
task 1 modify priority:H
task status:pending export > "$OUT/export.json"
task +travel _ids > "$OUT/ids.txt"
if task 99 done; then exit 9; fi
echo finished
"#;

#[test]
fn a_script_written_for_task_runs_with_task_as_an_alias() {
    let dir = home();
    let d = dir.path();
    let bin = env!("CARGO_BIN_EXE_tcui");
    let program = format!("shopt -s expand_aliases\nalias task='{bin}'\n{SCRIPT}");
    let out = bash(d, &program);
    let said = stdout(&out);
    assert!(out.status.success(), "{said}\n{}", stderr(&out));
    for line in [
        "Created task 1.\n",
        "Created task 3.\n",
        "Buy milk",
        "\n1\n",
        "Completed task 2 'Call the bank'.\n",
        "Modifying task 1 'Buy milk'.\n",
        "finished\n",
    ] {
        assert!(said.contains(line), "{line:?} in {said}");
    }
    assert!(stderr(&out).contains("No tasks specified."));
    let json = std::fs::read_to_string(d.join("export.json")).unwrap();
    let tasks: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = tasks
        .iter()
        .map(|t| t["description"].as_str().unwrap())
        .collect();
    // The undo brought the bank task back.
    assert_eq!(names, ["Buy milk", "Call the bank", "Plan the trip"]);
    assert_eq!(tasks[0]["priority"], "H");
    assert_eq!(std::fs::read_to_string(d.join("ids.txt")).unwrap(), "3\n");
}
