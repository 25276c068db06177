//! What tcui says about itself: `version`, `help`, and the lists completion scripts read
//! (`_commands`, `_zshcommands`, `_aliases`, `_context`).

use anyhow::Result;
use clap::CommandFactory;

use super::args::Cli;
use super::grammar::Known;
use crate::app::Options;

/// The commands tcui carries out, by their full names; Taskwarrior's others are refused.
pub(super) const CARRIED_OUT: &[&str] = &[
    "_aliases",
    "_commands",
    "_context",
    "_get",
    "_ids",
    "_projects",
    "_tags",
    "_unique",
    "_uuids",
    "_version",
    "_zshcommands",
    "_zshids",
    "_zshuuids",
    "add",
    "annotate",
    "append",
    "burndown.daily",
    "burndown.monthly",
    "burndown.weekly",
    "calendar",
    "context",
    "count",
    "delete",
    "denotate",
    "diagnostics",
    "done",
    "duplicate",
    "edit",
    "export",
    "ghistory.annual",
    "ghistory.daily",
    "ghistory.monthly",
    "ghistory.weekly",
    "help",
    "history.annual",
    "history.daily",
    "history.monthly",
    "history.weekly",
    "ids",
    "import",
    "information",
    "log",
    "modify",
    "prepend",
    "projects",
    "start",
    "stats",
    "stop",
    "summary",
    "synchronize",
    "tags",
    "undo",
    "uuids",
    "version",
];

/// `version` (and `_version`, the number alone).
pub(super) fn version(command: &str) -> Result<()> {
    let number = env!("CARGO_PKG_VERSION");
    if command == "_version" {
        println!("{number}");
    } else {
        println!(
            "\ntcui {number}\nA terminal task manager that shares its tasks with Taskwarrior 3 \
             (TaskChampion's replica and sync formats).\n"
        );
    }
    Ok(())
}

/// `completion SHELL`: the completion script for bash, zsh or fish, which asks tcui for its
/// commands, IDs, projects and tags as it completes.
pub(super) fn completion(words: &[String]) -> Result<()> {
    let script = match words.first().map(String::as_str) {
        Some("bash") => include_str!("../../assets/completion/tcui.bash"),
        Some("zsh") => include_str!("../../assets/completion/tcui.zsh"),
        Some("fish") => include_str!("../../assets/completion/tcui.fish"),
        _ => anyhow::bail!(
            "say which shell: `tcui completion bash`, `tcui completion zsh` or `tcui \
             completion fish` (the script's first lines say where it goes)"
        ),
    };
    print!("{script}");
    Ok(())
}

/// `help`: the command line's help.
pub(super) fn help() -> Result<()> {
    Cli::command().print_long_help()?;
    Ok(())
}

/// `_commands` (one name a line) and `_zshcommands` (`name:category:description`): the
/// commands and reports tcui carries out, sorted.
pub(super) fn commands(options: &Options, command: &str) -> Result<()> {
    let mut names: Vec<(&str, &str, &str)> = CARRIED_OUT
        .iter()
        .map(|name| (*name, category(name), description(name)))
        .chain(
            options
                .reports
                .all()
                .map(|r| (r.name.as_str(), "report", r.description.as_str())),
        )
        .collect();
    names.sort_unstable();
    names.dedup_by_key(|(name, _, _)| *name);
    let mut out = String::new();
    for (name, category, description) in names {
        if command == "_zshcommands" {
            out.push_str(&format!("{name}:{category}:{description}\n"));
        } else {
            out.push_str(&format!("{name}\n"));
        }
    }
    print!("{out}");
    Ok(())
}

/// `_aliases`: the aliases' names.
pub(super) fn aliases(known: &Known<'_>) -> Result<()> {
    let mut names: Vec<&str> = known.aliases.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    for name in names {
        println!("{name}");
    }
    Ok(())
}

/// `_context`: the contexts' names.
pub(super) fn contexts(options: &Options) -> Result<()> {
    for context in &options.contexts.defined {
        println!("{}", context.name);
    }
    Ok(())
}

fn category(name: &str) -> &'static str {
    match name {
        "add" | "annotate" | "append" | "delete" | "denotate" | "done" | "duplicate" | "edit"
        | "log" | "modify" | "prepend" | "start" | "stop" | "undo" => "operation",
        "calendar" | "summary" => "graphs",
        n if n.contains("history.") || n.starts_with("burndown.") => "graphs",
        "context" | "synchronize" | "export" | "import" => "migration",
        "help" | "version" | "diagnostics" => "misc",
        n if n.starts_with('_') => "internal",
        _ => "metadata",
    }
}

fn description(name: &str) -> &'static str {
    match name {
        "add" => "Create a task",
        "annotate" => "Add a note to tasks",
        "append" => "Add words to the end of descriptions",
        "calendar" => "Print months, due days marked",
        n if n.starts_with("burndown.") => "Pending, started and done tasks over time",
        n if n.starts_with("ghistory.") => "Added, completed and deleted, as bars",
        n if n.starts_with("history.") => "Added, completed and deleted, by period",
        "context" => "Put a context in force, or list them",
        "count" => "How many tasks the filter finds",
        "delete" => "Mark tasks deleted",
        "denotate" => "Remove a note from tasks",
        "diagnostics" => "Where the replica is and what it holds",
        "done" => "Mark tasks completed",
        "duplicate" => "Copy tasks",
        "edit" => "Change a task as text in $EDITOR",
        "export" => "Print tasks as JSON",
        "help" => "How to use tcui",
        "ids" => "The IDs the filter finds, as ranges",
        "import" => "Bring in tasks from JSON",
        "information" => "Everything about tasks, with their history",
        "log" => "Record a task done already",
        "modify" => "Change tasks",
        "prepend" => "Add words to the start of descriptions",
        "projects" => "Projects and their open tasks",
        "start" => "Start working on tasks",
        "stats" => "Figures about all tasks",
        "stop" => "Stop working on tasks",
        "summary" => "Projects: open tasks, age, progress",
        "synchronize" => "Sync with the server in the taskrc",
        "tags" => "Tags and their open tasks",
        "undo" => "Take back the newest change",
        "uuids" => "The UUIDs the filter finds",
        "version" => "tcui's version",
        _ => "For shell completion",
    }
}

/// A short account of the replica: where it is and what it holds.
pub(super) fn summary(replica: &crate::replica::Replica) -> Result<String> {
    let tasks = replica.all_task_uuids()?.len();
    let ws = replica.working_set();
    Ok(format!(
        "replica   {}\ntasks     {} ({} with an ID)\nunsynced  {} changes in {} steps\n",
        replica.path().display(),
        tasks,
        ws.len(),
        replica.num_local_operations()?,
        replica.num_undo_points()?,
    ))
}
