//! `tcui import` and `tcui export`: tasks from Taskwarrior's database or `task export` JSON,
//! and back out as that JSON. Standard output carries only the JSON or the one-line summary;
//! anything that goes wrong is an error (standard error, non-zero exit) and writes nothing.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{Local, Utc};

use super::args::Cli;
use crate::config::Taskrc;
use crate::config::taskrc::Places;
use crate::lang::{Filter, ParseContext};
use crate::replica::Replica;
use crate::transfer::json::UdaTypes;
use crate::transfer::{self, ExportSettings, ImportSummary, Layout};

/// `tcui import [--taskwarrior] [PATH]`.
pub(super) fn import(
    replica: &mut Replica,
    taskwarrior: bool,
    path: Option<PathBuf>,
    places: &Places,
) -> Result<()> {
    let places = places.clone();
    let taskrc = read_taskrc(&places)?;
    let now = Utc::now();
    if taskwarrior {
        let dir = match path {
            Some(p) => p,
            None => taskwarrior_data(&places, taskrc.as_ref())?,
        };
        let (read, summary) = transfer::import_taskwarrior(replica, &dir, now)?;
        let layout = match read.layout {
            Layout::Older => "TaskChampion 0.x layout of Taskwarrior 3.0-3.2".to_string(),
            Layout::Current { major, minor } => format!("schema {major}.{minor}"),
        };
        println!(
            "read {} from {} ({layout}): {}",
            tasks(summary.total()),
            read.path.display(),
            counts(&summary)
        );
        return Ok(());
    }
    let Some(path) = path else {
        bail!(
            "name what to import: a file from `task export` (`-` for standard input), or \
             --taskwarrior for Taskwarrior 3's data folder"
        );
    };
    let (name, text) = read_json(&path)?;
    let summary = transfer::import_json(replica, &text, &uda_types(taskrc.as_ref()), now)
        .with_context(|| format!("cannot import {name}"))?;
    println!(
        "read {} from {name}: {}",
        tasks(summary.total()),
        counts(&summary)
    );
    Ok(())
}

/// `tcui export [FILTER]`.
pub(super) fn export(cli: &Cli, replica: &mut Replica, filter: &[String]) -> Result<()> {
    let selection = Selection::new(cli)?;
    see_to_recurrence(replica, selection.config.recurrence, &[])?;
    let filter = selection.filter(filter, None)?;
    let parts = transfer::export_parts(replica, &filter, &selection.settings())?;
    let mut out = std::io::stdout().lock();
    // As `task export` writes it: an array, a task a line.
    let written = (|| {
        out.write_all(b"[\n")?;
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(part.as_bytes())?;
        }
        if !parts.is_empty() {
            out.write_all(b"\n")?;
        }
        out.write_all(b"]\n")?;
        out.flush()
    })();
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write the export")
        }
        _ => Ok(()),
    }
}

/// What picking tasks by a filter among all of them needs, as `task export` and the other
/// commands that read every task pick them: the settings, the time and the UDAs' types.
pub(super) struct Selection {
    pub config: crate::app::Options,
    uda_types: UdaTypes,
    now: chrono::DateTime<Utc>,
    offset: chrono::FixedOffset,
}

impl Selection {
    pub(super) fn new(cli: &Cli) -> Result<Selection> {
        let taskrc = read_taskrc(&cli.places())?;
        Ok(Selection {
            config: cli.options(),
            uda_types: uda_types(taskrc.as_ref()),
            now: Utc::now(),
            offset: *Local::now().offset(),
        })
    }

    pub(super) fn settings(&self) -> ExportSettings<'_> {
        ExportSettings {
            now: self.now,
            offset: self.offset,
            due_days: self.config.due_days,
            udas: &self.config.udas,
            uda_types: &self.uda_types,
            coefficients: &self.config.coefficients,
        }
    }

    /// The filter of `words`, within `context` (a read filter) if given, as `task` puts
    /// the two together: `( context ) and ( words )`.
    pub(super) fn filter(&self, words: &[String], context: Option<&str>) -> Result<Filter> {
        let local_now = self.now.with_timezone(&self.offset);
        let date =
            |s: &str| crate::time::parse_date_as(s, &local_now, &self.config.dateformat).ok();
        let text = filter_text(words);
        let ctx = ParseContext {
            date: &date,
            udas: &self.config.udas,
            offset: self.offset,
            search: self.config.search,
            orders: &self.config.orders,
        };
        let filter = Filter::parse(&text, &ctx)
            .map_err(|e| anyhow!("cannot read the filter {text:?}: {e}"))?;
        let Some(read) = context.map(str::trim).filter(|r| !r.is_empty()) else {
            return Ok(filter);
        };
        let both = if text.trim().is_empty() {
            format!("( {read} )")
        } else {
            format!("( {read} ) and ( {text} )")
        };
        Filter::parse(&both, &ctx).map_err(|e| anyhow!("the context's filter {read:?}: {e}"))
    }
}

fn tasks(n: usize) -> String {
    if n == 1 {
        "1 task".into()
    } else {
        format!("{n} tasks")
    }
}

fn counts(s: &ImportSummary) -> String {
    format!(
        "{} new, {} updated, {} unchanged",
        s.new, s.updated, s.unchanged
    )
}

/// Words of the command line as one line of Taskwarrior's add and modify syntax: a word that
/// holds a space (the shell kept it whole) stays one piece of text, its quotes with it, or one
/// attribute (`project:my home`), as `task` keeps it.
pub(super) fn joined(words: &[String]) -> String {
    let pieces: Vec<String> = words
        .iter()
        .map(|word| {
            if !word.chars().any(char::is_whitespace) {
                word.clone()
            } else if let Some((name, value)) = word.split_once(':')
                && name
                    .split('.')
                    .all(|part| !part.is_empty() && part.chars().all(char::is_alphanumeric))
                && !value.contains('"')
            {
                // `project:my home`, kept whole: an attribute with spaces in its value.
                format!("{name}:\"{value}\"")
            } else if !word.contains('"') {
                format!("\"{word}\"")
            } else if !word.contains('\'') {
                format!("'{word}'")
            } else {
                word.clone()
            }
        })
        .collect();
    pieces.join(" ")
}

/// The words of a filter as one line, as `task` reads a word the shell kept whole: a
/// `/pattern/` or an `attribute:value` (also `~`, `=`, …) stays one term, spaces and all;
/// any other word with spaces is read as filter words (`'+home or +garden'`).
pub(super) fn filter_text(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            if !w.chars().any(char::is_whitespace) || w.contains(['"', '\'']) {
                return w.clone();
            }
            if w.len() > 1 && w.starts_with('/') && w.ends_with('/') {
                return w.clone();
            }
            match attribute_term(w) {
                Some((name, op, value)) => format!("{name}{op}\"{value}\""),
                None => w.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `name:value`, `name.modifier:value` or `name~value` (any of Taskwarrior's comparisons)
/// split as name (with its modifier, the comparison spelled as one), `:` and value.
fn attribute_term(word: &str) -> Option<(String, &'static str, &str)> {
    let at = word.find([':', '~', '=', '<', '>', '!'])?;
    let name = &word[..at];
    let plain = name.split('.').next().unwrap_or("");
    if name.is_empty()
        || name.contains(char::is_whitespace)
        || !plain.starts_with(char::is_alphabetic)
    {
        return None;
    }
    let rest = &word[at..];
    // Longest first, each with the modifier Taskwarrior spells it as.
    for (op, modifier) in [
        (":", ""),
        ("==", ".is"),
        ("!=", ".not"),
        ("<=", ".by"),
        (">=", ".from"),
        ("!~", ".hasnt"),
        ("<", ".before"),
        (">", ".after"),
        ("=", ""),
        ("~", ".has"),
    ] {
        if let Some(value) = rest.strip_prefix(op) {
            let name = if name.contains('.') || modifier.is_empty() {
                name.to_string()
            } else {
                format!("{name}{modifier}")
            };
            return Some((name, ":", value));
        }
    }
    None
}

/// The JSON to import and how to name it in messages.
fn read_json(path: &Path) -> Result<(String, String)> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read standard input as UTF-8 text")?;
        return Ok(("standard input".into(), text));
    }
    let name = path.display().to_string();
    if path.is_dir() {
        bail!(
            "{name} is a folder; to import Taskwarrior's database from it, run \
             `tcui import --taskwarrior {name}`"
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    if bytes.starts_with(b"SQLite format 3\0") {
        bail!(
            "{name} is an SQLite database, not JSON; if it is Taskwarrior's, run \
             `tcui import --taskwarrior {name}`"
        );
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "{name} is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((name, text))
}

/// The taskrc, if there is one; an unreadable one is an error rather than silently skipped.
pub(super) fn read_taskrc(places: &Places) -> Result<Option<Taskrc>> {
    Ok(places.taskrc()?)
}

/// Taskwarrior's data folder: `$TASKDATA`, else the taskrc's `data.location`, else `~/.task`.
fn taskwarrior_data(places: &Places, taskrc: Option<&Taskrc>) -> Result<PathBuf> {
    let data_location = taskrc.and_then(|rc| rc.get("data.location"));
    places.taskwarrior_data(data_location).ok_or_else(|| {
        anyhow!("cannot tell where your home folder is; name Taskwarrior's data folder")
    })
}

/// `uda.<name>.type` declarations from the taskrc.
pub(super) fn uda_types(taskrc: Option<&Taskrc>) -> UdaTypes {
    let decls = taskrc.into_iter().flat_map(|rc| {
        rc.values.iter().filter_map(|(k, v)| {
            let name = k.strip_prefix("uda.")?.strip_suffix(".type")?;
            Some((name, v.as_str()))
        })
    });
    UdaTypes::from_declarations(decls)
}

/// Before reading tasks without the interface's core, as `task` does before `export`,
/// `count` and the other listing commands, and after a sync: the instances recurring
/// templates are owed are made, twins (among the working set and `also`) joined and expired
/// tasks deleted, in one step (`recurrence` is its limit; with recurrence off, only expired
/// tasks are deleted). The step's label when there was one.
pub(super) fn see_to_recurrence(
    replica: &mut Replica,
    recurrence: Option<i64>,
    also: &[uuid::Uuid],
) -> Result<Option<String>> {
    let Some((ops, label)) =
        crate::app::owner::recurrence_step(replica, Utc::now(), recurrence, also)?
    else {
        return Ok(None);
    };
    replica.commit_operations(ops)?;
    Ok(Some(label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_words_with_spaces_stay_one_word() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            filter_text(&words(&[
                "project:Home",
                "+next",
                "project:my home",
                "/by Herbert/",
                "description~by Herbert",
                "+home or +garden",
            ])),
            "project:Home +next project:\"my home\" /by Herbert/ description.has:\"by Herbert\" \
             +home or +garden"
        );
    }

    #[test]
    fn change_words_with_spaces_stay_one_piece() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            joined(&words(&[
                "Read 'Dune' by Herbert",
                "+book",
                "project:my home",
                "say \"hi\"",
                "plain",
            ])),
            "\"Read 'Dune' by Herbert\" +book project:\"my home\" 'say \"hi\"' plain"
        );
    }
}
