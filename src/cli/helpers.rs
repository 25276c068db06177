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
}

const NAMES: [(&str, Helper); 7] = [
    ("count", Helper::Count),
    ("ids", Helper::Ids),
    ("uuids", Helper::Uuids),
    ("_ids", Helper::IdLines),
    ("_uuids", Helper::UuidLines),
    ("_projects", Helper::Projects),
    ("_tags", Helper::Tags),
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
    let context = (helper == Helper::Count)
        .then(|| {
            let contexts = &selection.config.contexts;
            let name = contexts.in_force()?;
            Some((name.to_string(), contexts.get(name)?.read.clone()))
        })
        .flatten();
    let filter = selection.filter(words, context.as_ref().map(|(_, read)| read.as_str()))?;
    let mut replica = cli.open_replica()?;
    let found = crate::transfer::matching(&mut replica, &filter, &selection.settings())?;
    print!("{}", output(helper, &found, &selection));
    let verbose = Verbose::of(selection.config.settings.get("verbose"));
    if let Some((name, _)) = context.filter(|_| verbose.footnote) {
        eprintln!(
            "Context '{}' set. Use 'tcui context none' to remove.",
            crate::text::visible(&name)
        );
    }
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
    match helper {
        Helper::Count => format!("{}\n", found.len()),
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
