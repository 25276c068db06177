//! Taskwarrior's command line, read as `task` reads it: `[FILTER] COMMAND [WORDS]`. The
//! command is the first word that names one, whole or abbreviated; aliases are put in first;
//! words after `--` are text. With no command, IDs or UUIDs ask for `information`, anything
//! else for the default command (`next`).

/// How a command takes the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Takes {
    /// A filter before it and changes after it: `modify`, `done`, `annotate`, …
    FilterAndChanges,
    /// A filter, before or after it: the reports, `info`, `count`, `export`, …
    Filter,
    /// Changes only, wherever they stand: `add`, `log`.
    Changes,
    /// Words of its own after it: `undo`, `context`, `sync`, `version`, …
    Words,
}

use Takes::{Changes, Filter, FilterAndChanges, Words};

/// Taskwarrior 3.1.0's commands (its reports come from the settings).
pub(super) const COMMANDS: &[(&str, Takes)] = &[
    ("_aliases", Words),
    ("_columns", Words),
    ("_commands", Words),
    ("_config", Words),
    ("_context", Words),
    ("_get", Words),
    ("_ids", Filter),
    ("_projects", Filter),
    ("_show", Words),
    ("_tags", Filter),
    ("_udas", Words),
    ("_unique", Words),
    ("_urgency", Filter),
    ("_uuids", Filter),
    ("_version", Words),
    ("_zshattributes", Words),
    ("_zshcommands", Words),
    ("_zshids", Filter),
    ("_zshuuids", Filter),
    ("add", Changes),
    ("annotate", FilterAndChanges),
    ("append", FilterAndChanges),
    ("burndown.daily", Filter),
    ("burndown.monthly", Filter),
    ("burndown.weekly", Filter),
    ("calc", Words),
    ("calendar", Words),
    ("colors", Words),
    ("columns", Words),
    ("commands", Words),
    ("config", Words),
    ("context", Words),
    ("count", Filter),
    ("delete", FilterAndChanges),
    ("denotate", FilterAndChanges),
    ("diagnostics", Words),
    ("done", FilterAndChanges),
    ("duplicate", FilterAndChanges),
    ("edit", Filter),
    ("execute", Words),
    ("export", Filter),
    ("ghistory.annual", Filter),
    ("ghistory.daily", Filter),
    ("ghistory.monthly", Filter),
    ("ghistory.weekly", Filter),
    ("help", Words),
    ("history.annual", Filter),
    ("history.daily", Filter),
    ("history.monthly", Filter),
    ("history.weekly", Filter),
    ("ids", Filter),
    ("import", Words),
    ("information", Filter),
    ("log", Changes),
    ("logo", Words),
    ("modify", FilterAndChanges),
    ("news", Words),
    ("prepend", FilterAndChanges),
    ("projects", Filter),
    ("purge", Filter),
    ("reports", Words),
    ("show", Words),
    ("start", FilterAndChanges),
    ("stats", Filter),
    ("stop", FilterAndChanges),
    ("summary", Filter),
    ("synchronize", Words),
    ("tags", Filter),
    ("timesheet", Filter),
    ("udas", Words),
    ("undo", Words),
    ("uuids", Filter),
    ("version", Words),
];

/// Taskwarrior's own aliases, which the taskrc may change or add to.
pub(super) const DEFAULT_ALIASES: [(&str, &str); 4] = [
    ("burndown", "burndown.weekly"),
    ("ghistory", "ghistory.monthly"),
    ("history", "history.monthly"),
    ("rm", "delete"),
];

/// What the command line is read against.
pub(super) struct Known<'a> {
    /// The reports' names.
    pub reports: Vec<&'a str>,
    /// `alias.NAME=WORDS`.
    pub aliases: Vec<(String, String)>,
    /// `abbreviation.minimum`: the fewest letters that abbreviate a command.
    pub minimum: usize,
    /// `default.command`, split into words.
    pub default_command: Vec<String>,
}

/// A command line, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    /// The command's full name.
    pub command: String,
    pub takes: Takes,
    /// The filter: the words before the command, and for a command that takes only a
    /// filter, the words after it too.
    pub filter: Vec<String>,
    /// The changes (`add`, `modify`, …) or the command's own words, `--` kept.
    pub words: Vec<String>,
}

impl Known<'_> {
    /// How `name` (a full name) takes its words, if it is a command.
    pub(super) fn takes(&self, name: &str) -> Option<Takes> {
        if let Some((_, takes)) = COMMANDS.iter().find(|(n, _)| *n == name) {
            return Some(*takes);
        }
        self.reports.contains(&name).then_some(Filter)
    }

    /// The full name of the command `word` names, as Taskwarrior tells: the name itself,
    /// or the one name it begins, if it is at least `minimum` letters long.
    pub(super) fn command(&self, word: &str) -> Option<String> {
        // Reports and commands may share a name; a name counts once.
        let mut names: Vec<&str> = COMMANDS
            .iter()
            .map(|(n, _)| *n)
            .chain(self.reports.iter().copied())
            .collect();
        names.sort_unstable();
        names.dedup();
        match completions(word, &names, self.minimum).as_slice() {
            [one] => Some(names[*one].to_string()),
            _ => None,
        }
    }

    /// Read `args` (the words after the program's name, `rc.` words taken out).
    pub(super) fn read(&self, args: &[String]) -> Line {
        let words = self.expand_aliases(args);
        let end = words.iter().position(|w| w == "--").unwrap_or(words.len());
        let found = words[..end]
            .iter()
            .enumerate()
            .find_map(|(at, w)| Some((at, self.command(w)?)));
        let Some((at, command)) = found else {
            return self.without_command(words);
        };
        let takes = self.takes(&command).unwrap_or(Words);
        let (before, after) = (words[..at].to_vec(), words[at + 1..].to_vec());
        let (filter, words) = match takes {
            FilterAndChanges => (before, after),
            Filter => ([before, after].concat(), Vec::new()),
            Changes => (Vec::new(), [before, after].concat()),
            Words => (before, after),
        };
        Line {
            command,
            takes,
            filter,
            words,
        }
    }

    /// A line that names no command: `information` for IDs and UUIDs, the default command
    /// (with the words as its filter) for anything else.
    fn without_command(&self, words: Vec<String>) -> Line {
        let end = words.iter().position(|w| w == "--").unwrap_or(words.len());
        let names_tasks = words[..end]
            .iter()
            .any(|w| super::targets::is_id_or_uuid(w));
        let mut default = self.default_command.clone();
        let command = if names_tasks || default.is_empty() {
            default.clear();
            "information".to_string()
        } else {
            default.remove(0)
        };
        let takes = self.takes(&command).unwrap_or(Filter);
        Line {
            command,
            takes,
            filter: [default, words].concat(),
            words: Vec::new(),
        }
    }

    /// The words with aliases put in, as often as an alias's words hold another (to a limit),
    /// never after `--`.
    fn expand_aliases(&self, args: &[String]) -> Vec<String> {
        let mut words = args.to_vec();
        for _ in 0..10 {
            let mut changed = false;
            let mut out = Vec::with_capacity(words.len());
            let mut literal = false;
            for word in words {
                literal |= word == "--";
                match self.aliases.iter().find(|(name, _)| *name == word) {
                    Some((_, value)) if !literal => {
                        out.extend(value.split_whitespace().map(str::to_string));
                        changed = true;
                    }
                    _ => out.push(word),
                }
            }
            words = out;
            if !changed {
                break;
            }
        }
        words
    }
}

/// The positions in `list` that `partial` names, as Taskwarrior completes a word: an exact
/// match alone, else every item it starts, when it is `minimum` letters or longer.
pub(super) fn completions<S: AsRef<str>>(partial: &str, list: &[S], minimum: usize) -> Vec<usize> {
    if partial.is_empty() {
        return Vec::new();
    }
    if let Some(exact) = list.iter().position(|item| item.as_ref() == partial) {
        return vec![exact];
    }
    if partial.len() < minimum {
        return Vec::new();
    }
    list.iter()
        .enumerate()
        .filter(|(_, item)| item.as_ref().starts_with(partial))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known<'static> {
        Known {
            reports: vec![
                "next",
                "list",
                "ls",
                "long",
                "completed",
                "newest",
                "unblocked",
            ],
            aliases: DEFAULT_ALIASES
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            minimum: 2,
            default_command: vec!["next".to_string()],
        }
    }

    fn read(line: &str) -> Line {
        let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        known().read(&words)
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn the_first_word_naming_a_command_is_the_command() {
        let line = read("+home 1 modify +x due:fri");
        assert_eq!(line.command, "modify");
        assert_eq!(line.filter, words(&["+home", "1"]));
        assert_eq!(line.words, words(&["+x", "due:fri"]));
        // A report's filter stands on both sides; add's words are all changes.
        let line = read("project:Home list +next");
        assert_eq!(
            (line.command.as_str(), line.filter),
            ("list", words(&["project:Home", "+next"]))
        );
        let line = read("+x add buy list done");
        assert_eq!(line.command, "add");
        assert_eq!(line.words, words(&["+x", "buy", "list", "done"]));
    }

    #[test]
    fn commands_abbreviate_to_the_minimum_when_only_one_begins_so() {
        for (typed, command) in [
            ("1 mod +x", "modify"),
            ("1 do", "done"),
            ("proj", "projects"),
            ("inf 1", "information"),
            ("sync", "synchronize"),
            ("1 do", "done"),
            ("1 sto", "stop"),
            ("1 star", "start"),
            ("cou", "count"),
            ("lis", "list"),
        ] {
            assert_eq!(read(typed).command, command, "{typed}");
        }
        // Too short, or the start of more than one: a filter word, and the default command.
        for typed in ["1 d", "1 de", "co", "p", "1 st", "ne", "cal", "un", "lo x"] {
            let line = read(typed);
            assert!(
                ["next", "information"].contains(&line.command.as_str()),
                "{typed}: {line:?}"
            );
        }
        let mut strict = known();
        strict.minimum = 4;
        let proj = strict.read(&words(&["proj"]));
        assert_eq!(proj.command, "projects");
        assert_eq!(strict.read(&words(&["pro"])).command, "next");
    }

    #[test]
    fn ids_alone_ask_for_information_and_other_words_for_the_default_command() {
        let line = read("1");
        assert_eq!(
            (line.command.as_str(), line.filter),
            ("information", words(&["1"]))
        );
        assert_eq!(read("1 2").command, "information");
        assert_eq!(read("23070183").command, "information");
        let line = read("+home");
        assert_eq!(
            (line.command.as_str(), line.filter),
            ("next", words(&["+home"]))
        );
        assert_eq!(read("1-3").command, "next");
        assert_eq!(read("").command, "next");
    }

    #[test]
    fn after_two_dashes_words_are_text_and_aliases_stay() {
        let line = read("add -- list rm +x");
        assert_eq!(line.command, "add");
        assert_eq!(line.words, words(&["--", "list", "rm", "+x"]));
        let line = read("3 rm");
        assert_eq!(line.command, "delete");
        let mut own = known();
        own.aliases.push(("fin".into(), "done".into()));
        assert_eq!(own.read(&words(&["4", "fin"])).command, "done");
        // An alias naming itself ends.
        own.aliases.push(("loop".into(), "loop x".into()));
        assert_eq!(own.read(&words(&["loop"])).command, "next");
    }
}
