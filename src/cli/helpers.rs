//! Taskwarrior's small reading commands, for scripts, shell completion and status bars:
//! `count`, `ids`, `uuids`, `_ids`, `_uuids`, `_projects` and `_tags`, with a filter before
//! or after the command word, printing what `task` prints. `count` keeps to the context, as
//! `task count` does; the others read every task.

use std::collections::BTreeSet;

use anyhow::Result;

use super::args::Cli;
use super::report::Verbose;
use super::transfer::Selection;
use crate::task::{Status, VirtualTag};
use crate::transfer::Matched;

/// One of the commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Helper {
    Count,
    Ids,
    Uuids,
    IdLines,
    UuidLines,
    Projects,
    Tags,
    /// `projects`: each project with its open tasks, in a table.
    ProjectTable,
    /// `tags`: each tag with its open tasks, in a table.
    TagTable,
    /// `_zshids`, `_zshuuids`: `ID:description` of each open task.
    ZshIds,
    ZshUuids,
}

const NAMES: [(&str, Helper); 11] = [
    ("count", Helper::Count),
    ("ids", Helper::Ids),
    ("uuids", Helper::Uuids),
    ("_ids", Helper::IdLines),
    ("_uuids", Helper::UuidLines),
    ("_projects", Helper::Projects),
    ("_tags", Helper::Tags),
    ("projects", Helper::ProjectTable),
    ("tags", Helper::TagTable),
    ("_zshids", Helper::ZshIds),
    ("_zshuuids", Helper::ZshUuids),
];

/// Tags Taskwarrior offers besides the task's own: the names of virtual tags it accepts
/// (the old ones too) and the special tags it acts on.
const OLD_VIRTUAL: [&str; 3] = ["CHILD", "DUETODAY", "PARENT"];
const SPECIAL: [&str; 4] = ["nocal", "nocolor", "nonag", "next"];

impl Helper {
    pub(super) fn named(word: &str) -> Option<Helper> {
        NAMES.iter().find(|(n, _)| *n == word).map(|(_, h)| *h)
    }
}

/// Run `helper` with the filter `words`.
pub(super) fn run(cli: &Cli, helper: Helper, words: &[String]) -> Result<()> {
    let selection = Selection::new(cli)?;
    let uses_context = matches!(
        helper,
        Helper::Count | Helper::ProjectTable | Helper::TagTable
    );
    let context = uses_context
        .then(|| {
            let contexts = &selection.config.contexts;
            let name = contexts.in_force()?;
            Some((name.to_string(), contexts.get(name)?.read.clone()))
        })
        .flatten();
    let filter = selection.filter(words, context.as_ref().map(|(_, read)| read.as_str()))?;
    let mut replica = cli.open_renumbered()?;
    super::transfer::see_to_recurrence(&mut replica, selection.config.recurrence, &[])?;
    let verbose = Verbose::of(selection.config.settings.get("verbose"));
    // Counting needs no order and keeps no task.
    let found = if helper == Helper::Count {
        let n = crate::transfer::count_matching(&mut replica, &filter, &selection.settings())?;
        println!("{n}");
        Vec::new()
    } else {
        crate::transfer::matching(&mut replica, &filter, &selection.settings())?
    };
    let (text, footnotes, found_none) = match helper {
        Helper::Count => (String::new(), Vec::new(), false),
        Helper::ProjectTable => project_table(&found, &selection, &verbose),
        Helper::TagTable => tag_table(&found, &selection, &verbose),
        _ => (output(helper, &found, &selection), Vec::new(), false),
    };
    print!("{text}");
    if verbose.footnote {
        for line in footnotes {
            eprintln!("{line}");
        }
        if let Some((name, _)) = context {
            eprintln!(
                "Context '{}' set. Use 'tcui context none' to remove.",
                crate::text::visible(&name)
            );
        }
    }
    if found_none {
        return Err(super::report::Shortfall.into());
    }
    Ok(())
}

/// Whether a task counts in `projects` and `tags`: not deleted, and not completed unless
/// `list.all.NAME` says so.
fn counted(m: &Matched, selection: &Selection, all_key: &str) -> bool {
    let all = selection
        .config
        .settings
        .get(all_key)
        .is_some_and(crate::config::is_true);
    match m.task.status() {
        Status::Deleted => false,
        Status::Completed => all,
        _ => true,
    }
}

/// `projects`: each project and every project above it, indented by depth, with how many
/// counted tasks are in it or below it; `(none)` for tasks with no project.
fn project_table(
    found: &[Matched],
    selection: &Selection,
    verbose: &Verbose,
) -> (String, Vec<String>, bool) {
    let counted: Vec<&Matched> = found
        .iter()
        .filter(|m| counted(m, selection, "list.all.projects"))
        .collect();
    let projects: BTreeSet<&str> = counted.iter().filter_map(|m| m.task.project()).collect();
    if projects.is_empty() {
        return ("No projects.\n".to_string(), Vec::new(), true);
    }
    let tasks = counted.len();
    let none = counted
        .iter()
        .filter(|m| m.task.project().is_none())
        .count();
    // Taskwarrior's order, parents added where only their subprojects have tasks; each
    // counts its subprojects' tasks too.
    let order = super::overview::project_order(&projects);
    let named = order.len();
    let mut rows: Vec<(String, String)> = Vec::new();
    if none > 0 {
        rows.push(("(none)".to_string(), none.to_string()));
    }
    for project in order {
        let below = format!("{project}.");
        let count = counted
            .iter()
            .filter_map(|m| m.task.project())
            .filter(|p| *p == project || p.starts_with(&below))
            .count();
        let name = super::overview::indent_project(project);
        rows.push((crate::text::visible(&name).into_owned(), count.to_string()));
    }
    // Taskwarrior labels this table whatever `verbose` says.
    let labelled = Verbose {
        label: true,
        ..*verbose
    };
    let mut out = table(&["Project", "Tasks"], &rows, &labelled);
    if verbose.blank {
        out.push('\n');
    }
    out.push_str(&format!(
        "{} ({})\n",
        plural(named, "project"),
        plural(tasks, "task")
    ));
    (out, Vec::new(), false)
}

/// `tags`: each tag of the counted tasks with how many have it.
fn tag_table(
    found: &[Matched],
    selection: &Selection,
    verbose: &Verbose,
) -> (String, Vec<String>, bool) {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let mut tasks = 0;
    for m in found
        .iter()
        .filter(|m| counted(m, selection, "list.all.tags"))
    {
        tasks += 1;
        for tag in m.task.tag_names() {
            *counts.entry(tag.to_string()).or_default() += 1;
        }
    }
    if counts.is_empty() {
        return (String::new(), vec!["No tags.".to_string()], true);
    }
    let rows: Vec<(String, String)> = counts
        .iter()
        .map(|(tag, n)| (crate::text::visible(tag).into_owned(), n.to_string()))
        .collect();
    let mut out = table(&["Tag", "Count"], &rows, verbose);
    if verbose.blank {
        out.push_str("\n\n");
    }
    let notes = vec![
        plural(counts.len(), "tag"),
        format!("({})", plural(tasks, "task")),
    ];
    (out, notes, false)
}

/// `n word`, or `n words` unless `n` is 1.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A two-column table as `task` prints one: labels (if the verbosity shows them), dashes
/// under them, the second column on the right.
fn table(labels: &[&str; 2], rows: &[(String, String)], verbose: &Verbose) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(a, b)| vec![a.clone(), b.clone()])
        .collect();
    let look = super::overview::TableLook::default();
    let text = super::overview::table(&[(labels[0], false), (labels[1], true)], &rows, 1, &look);
    let mut out = String::new();
    if verbose.blank {
        out.push('\n');
    }
    let skip = if verbose.label { 0 } else { 2 };
    for line in text.lines().skip(skip) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `_unique ATTRIBUTE [FILTER]`: each value the attribute has among the tasks the filter
/// finds, sorted, once.
pub(super) fn unique(cli: &Cli, words: &[String]) -> Result<()> {
    let Some((attribute, filter)) = words.split_first() else {
        anyhow::bail!("say which attribute: `tcui _unique project`");
    };
    let selection = Selection::new(cli)?;
    let filter = selection.filter(filter, None)?;
    let mut replica = cli.open_renumbered()?;
    let found = crate::transfer::matching(&mut replica, &filter, &selection.settings())?;
    let values: BTreeSet<String> = found
        .iter()
        .filter_map(|m| match attribute.as_str() {
            "tags" => {
                let tags: Vec<&str> = m.task.tag_names().collect();
                (!tags.is_empty()).then(|| tags.join(","))
            }
            name => m.task.get(name).map(str::to_string),
        })
        .collect();
    let mut out = String::new();
    for value in values {
        out.push_str(&crate::text::visible(&value));
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

fn output(helper: Helper, found: &[Matched], selection: &Selection) -> String {
    let mut ids: Vec<usize> = found.iter().filter_map(|m| m.id).collect();
    ids.sort_unstable();
    let mut uuids: Vec<String> = found.iter().map(|m| m.task.uuid().to_string()).collect();
    uuids.sort();
    let lines = |items: Vec<String>| items.into_iter().map(|i| i + "\n").collect::<String>();
    let settings = &selection.config.settings;
    let all = |key: &str| settings.get(key).is_some_and(crate::config::is_true);
    // Taskwarrior lists only what open tasks have, unless `list.all.*` says otherwise.
    let open = |m: &&Matched| m.task.status() == Status::Pending;
    let described =
        |m: &Matched, by: String| format!("{by}:{}\n", crate::text::visible(m.task.description()));
    match helper {
        Helper::ProjectTable | Helper::TagTable => String::new(),
        Helper::ZshIds => found
            .iter()
            .filter(|m| m.id.is_some())
            .map(|m| described(m, m.id.map(|i| i.to_string()).unwrap_or_default()))
            .collect(),
        Helper::ZshUuids => found
            .iter()
            .filter(open)
            .map(|m| described(m, m.task.uuid().to_string()))
            .collect(),
        Helper::Count => String::new(),
        Helper::Ids => format!("{}\n", ranges(&ids)),
        Helper::Uuids => format!("{}\n", uuids.join(" ")),
        Helper::IdLines => lines(ids.iter().map(usize::to_string).collect()),
        Helper::UuidLines => lines(uuids),
        Helper::Projects => {
            let projects: BTreeSet<String> = found
                .iter()
                .filter(|m| all("list.all.projects") || open(m))
                .filter_map(|m| m.task.project().map(str::to_owned))
                .collect();
            lines(projects.into_iter().collect())
        }
        Helper::Tags => {
            let mut tags: BTreeSet<String> = VirtualTag::ALL
                .iter()
                .map(|t| t.name().to_string())
                .chain(OLD_VIRTUAL.iter().chain(&SPECIAL).map(|t| t.to_string()))
                .collect();
            tags.extend(
                found
                    .iter()
                    .filter(|m| all("list.all.tags") || open(m))
                    .flat_map(|m| m.task.tag_names().map(str::to_owned).collect::<Vec<_>>()),
            );
            lines(tags.into_iter().collect())
        }
    }
}

/// Sorted IDs as Taskwarrior writes a list of them: runs as `first-last`, spaces between
/// (`1 3-4 6`).
fn ranges(ids: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ids.len() {
        let start = ids[i];
        let mut end = start;
        while i + 1 < ids.len() && ids[i + 1] == end + 1 {
            i += 1;
            end = ids[i];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_lists_are_written_as_runs() {
        assert_eq!(ranges(&[]), "");
        assert_eq!(ranges(&[4]), "4");
        assert_eq!(ranges(&[1, 2, 3, 4, 5, 6]), "1-6");
        assert_eq!(ranges(&[1, 3, 4, 6]), "1 3-4 6");
        assert_eq!(ranges(&[2, 3, 9, 10, 11]), "2-3 9-11");
    }

    #[test]
    fn command_words_are_taskwarriors() {
        assert_eq!(Helper::named("count"), Some(Helper::Count));
        assert_eq!(Helper::named("_uuids"), Some(Helper::UuidLines));
        assert_eq!(Helper::named("pay"), None);
    }
}
