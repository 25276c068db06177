//! A task as text for `$EDITOR`, and the edited text taken back: `name: value` lines, one
//! `annotation:` line per annotation, `#` for comments. Checked in full before anything is
//! changed; the whole edit is one undo step. The text lies in a private temporary file while
//! the editor has it.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::core::{Core, Effect};
use super::edits;
use super::fields::{apply_field, fields_of, format_date};
use crate::task::Task;
use crate::text::quoted;

const HEADER: &str = "\
# Edit the task, then save and close the editor. Lines starting with # are ignored.
# Dates take Taskwarrior's forms (2026-12-24, fri, eow, now+3d); an empty value removes one.
# One annotation per line; delete a line to remove it, add one (with or without a date).
";

/// The task as text.
pub fn to_text(core: &Core, task: &Task) -> String {
    let mut out = String::from(HEADER);
    out.push_str(&format!("# uuid: {}\n", task.uuid()));
    for (name, text) in fields_of(core, task) {
        out.push_str(&format!("{name}: {}\n", escape(&text)));
    }
    for a in task.annotations() {
        out.push_str(&format!(
            "annotation: {} {}\n",
            format_date(core.tz, a.entry),
            escape(&a.description)
        ));
    }
    out
}

/// A new private file holding `text` for the editor: readable by its owner only, created
/// exclusively under a random name in the temporary folder (a file or link planted there in
/// advance is never written through), ending in `.txt` so editors pick a plain-text mode.
/// Removed when dropped.
pub fn temp_file(uuid: Uuid, text: &str) -> std::io::Result<tempfile::NamedTempFile> {
    use std::io::Write;
    let mut file = tempfile::Builder::new()
        .prefix(&format!("tcui-{}-", &uuid.simple().to_string()[..8]))
        .suffix(".txt")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    Ok(file)
}

/// Control characters would break the one-line-per-field layout: shown escaped, read back.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Apply the edited text to task `uuid` as one step; a mistake changes nothing.
pub fn take_back(core: &mut Core, uuid: Uuid, text: &str) -> Vec<Effect> {
    let Some(task) = core.tasks.get(&uuid) else {
        core.fail("the task is gone; nothing was changed");
        return Vec::new();
    };
    let before: Vec<(String, String)> = fields_of(core, task);
    let old_notes: Vec<(DateTime<Utc>, String)> = task
        .annotations()
        .into_iter()
        .map(|a| (a.entry, a.description))
        .collect();
    let result = parse(core, text, &before).and_then(|(fields, notes)| {
        edits::prepare(core, &[uuid], |e| {
            for (name, value) in &fields {
                let old = before
                    .iter()
                    .find(|(n, _)| n == name)
                    .map_or("", |(_, v)| v.as_str());
                if value.trim() != old.trim() {
                    apply_field(core, e, name, value, old)?;
                }
            }
            for (entry, description) in &old_notes {
                let kept = notes
                    .iter()
                    .any(|(when, d)| same_minute(*when, *entry) && d == description);
                if !kept {
                    e.remove_annotation(*entry);
                }
            }
            for (when, description) in &notes {
                let known = old_notes
                    .iter()
                    .any(|(entry, d)| same_minute(*when, *entry) && d == description);
                if !known {
                    e.add_annotation(description);
                }
            }
            Ok(())
        })
    });
    match result {
        Ok((ops, tasks)) => edits::commit(core, ops, tasks, "edit", &[uuid]),
        Err(e) => {
            core.fail(format!("{e}; nothing was changed"));
            Vec::new()
        }
    }
}

/// Annotation times are shown to the minute.
fn same_minute(shown: Option<DateTime<Utc>>, entry: DateTime<Utc>) -> bool {
    shown.is_some_and(|s| s.timestamp().div_euclid(60) == entry.timestamp().div_euclid(60))
}

type Parsed = (Vec<(String, String)>, Vec<(Option<DateTime<Utc>>, String)>);

/// The fields and annotations in `text`. Unknown names are an error, so a typo is not lost.
fn parse(core: &Core, text: &str, known: &[(String, String)]) -> Result<Parsed, String> {
    let mut fields = Vec::new();
    let mut notes = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!(
                "line {}: {} is not `name: value`",
                n + 1,
                quoted(line)
            ));
        };
        let (name, value) = (name.trim(), unescape(value.trim()));
        if name == "annotation" {
            notes.push(annotation(core, &value));
        } else if known.iter().any(|(k, _)| k == name) {
            fields.push((name.to_string(), value));
        } else {
            return Err(format!(
                "line {}: there is no field {} (fields: {})",
                n + 1,
                quoted(name),
                known
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    Ok((fields, notes))
}

/// `2026-11-20T10:15 text` (an existing annotation) or just `text` (a new one).
fn annotation(core: &Core, value: &str) -> (Option<DateTime<Utc>>, String) {
    if let Some((first, rest)) = value.split_once(' ')
        && first.len() == 16
        && let Ok(when) = core.query_context().date(first)
    {
        return (Some(when), rest.trim().to_string());
    }
    (None, value.to_string())
}
