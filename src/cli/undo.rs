//! `tcui undo`: take back the newest change not yet synced, whichever run of tcui made it,
//! as `task undo` does, after saying readably what it changed and asking (unless
//! `confirmation` is off).

use anyhow::Result;
use chrono::{Local, Utc};

use super::args::Cli;
use super::session::Session;
use crate::app::{Command, Effect};
use crate::task::Operation;
use crate::task::keys::DATE_ATTRIBUTES;
use crate::text::visible;
use crate::time::parse_timestamp;

/// `tcui undo`.
pub(super) fn run(cli: &Cli) -> Result<()> {
    let mut s = Session::open(cli, false)?;
    let ops = s.undo_operations()?;
    if ops.iter().all(Operation::is_undo_point) {
        println!("No operations to undo.");
        return Ok(());
    }
    print!("{}", preview(&s, &ops));
    let confirm = s
        .app
        .options()
        .settings
        .get("confirmation")
        .is_none_or(crate::config::is_true);
    if confirm && !super::confirm::yes_no("Undo this?")? {
        println!("Nothing was undone.");
        return Ok(());
    }
    s.run(vec![Effect::Replica(Command::Undo { now: Utc::now() })])?;
    println!("{}", s.app.message().map_or("undone", |m| m.text.as_str()));
    Ok(())
}

/// What the step changed, task by task: each task by its ID (or UUID) and description, and
/// under it each property as it went, `old → new`, dates in local time.
fn preview(s: &Session, ops: &[Operation]) -> String {
    let mut out = String::from("The newest change not yet synced, which undo takes back:\n");
    for (uuid, lines) in by_task(ops) {
        let name = match s.app.tasks().get(&uuid) {
            Some(t) => format!("{:?}", visible(t.description())),
            None => "(a task that no longer exists)".to_string(),
        };
        let id = s
            .app
            .ids()
            .get(&uuid)
            .map_or_else(|| uuid.to_string(), u32::to_string);
        out.push_str(&format!("  task {id} {name}\n"));
        for line in lines {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out
}

/// The changes `ops` make, a line each (`property: old → new`), under `  - `: what a
/// question about a change shows first.
pub(super) fn change_lines(ops: &[Operation]) -> String {
    by_task(ops)
        .into_iter()
        .flat_map(|(_, lines)| lines)
        .map(|line| format!("  - {line}\n"))
        .collect()
}

/// Each task the operations touch, in order, with a line for each change made to it.
fn by_task(ops: &[Operation]) -> Vec<(uuid::Uuid, Vec<String>)> {
    let mut out: Vec<(uuid::Uuid, Vec<String>)> = Vec::new();
    for op in ops {
        let (uuid, line) = match op {
            Operation::UndoPoint => continue,
            Operation::Create { uuid } => (*uuid, "created".to_string()),
            Operation::Delete { uuid, .. } => (*uuid, "removed".to_string()),
            Operation::Update {
                uuid,
                property,
                old_value,
                value,
                ..
            } => {
                // The lists kept for old readers repeat what the `tag_`/`dep_` keys say.
                if matches!(property.as_str(), "modified" | "tags" | "depends") {
                    continue;
                }
                if let Some(line) = keyed_line(property, old_value.as_deref(), value.as_deref()) {
                    push(&mut out, *uuid, line);
                    continue;
                }
                let show = |v: &Option<String>| match v.as_deref() {
                    None => "(none)".to_string(),
                    Some(v) => match parse_timestamp(v)
                        .filter(|_| DATE_ATTRIBUTES.contains(&property.as_str()))
                    {
                        Some(t) => t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string(),
                        None => format!("{:?}", visible(v)),
                    },
                };
                let line = format!(
                    "{}: {} → {}",
                    visible(property),
                    show(old_value),
                    show(value)
                );
                (*uuid, line)
            }
        };
        push(&mut out, uuid, line);
    }
    out
}

fn push(out: &mut Vec<(uuid::Uuid, Vec<String>)>, uuid: uuid::Uuid, line: String) {
    match out.iter_mut().find(|(u, _)| *u == uuid) {
        Some((_, lines)) => lines.push(line),
        None => out.push((uuid, vec![line])),
    }
}

/// A change to a tag, a dependency or an annotation, in words: `tag next added`.
fn keyed_line(property: &str, old: Option<&str>, new: Option<&str>) -> Option<String> {
    let how = match (old, new) {
        (None, Some(_)) => "added",
        (Some(_), None) => "removed",
        _ => "changed",
    };
    if let Some(tag) = property.strip_prefix("tag_") {
        return Some(format!("tag {} {how}", visible(tag)));
    }
    if let Some(dep) = property.strip_prefix("dep_") {
        return Some(format!("dependency on {} {how}", visible(dep)));
    }
    if property.starts_with("annotation_") {
        let text = new.or(old).unwrap_or("");
        return Some(format!("annotation {:?} {how}", visible(text)));
    }
    None
}
