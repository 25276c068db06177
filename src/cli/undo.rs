//! `tcui undo`: take back the newest change not yet synced, whichever run of tcui made it,
//! as `task undo` does, after saying readably what it changed and asking (unless
//! `confirmation` is off).

use std::io::{BufRead, Write};

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
    if confirm && !ask("Undo this? (yes/no) ")? {
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
    let mut order: Vec<uuid::Uuid> = Vec::new();
    let mut lines: std::collections::HashMap<uuid::Uuid, Vec<String>> = Default::default();
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
                if property == "modified" {
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
                (
                    *uuid,
                    format!(
                        "{}: {} → {}",
                        visible(property),
                        show(old_value),
                        show(value)
                    ),
                )
            }
        };
        if !order.contains(&uuid) {
            order.push(uuid);
        }
        lines.entry(uuid).or_default().push(line);
    }
    let mut out = String::from("The newest change not yet synced, which undo takes back:\n");
    for uuid in order {
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
        for line in lines.get(&uuid).into_iter().flatten() {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out
}

/// Ask `question` and read the answer: yes (`y`, `yes`, any case) or anything else, which
/// is no, as is no answer at all.
fn ask(question: &str) -> Result<bool> {
    print!("{question}");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    let stdin = std::io::stdin();
    stdin.lock().read_line(&mut answer)?;
    // An answer from a pipe was not shown: end the question's line.
    if !std::io::IsTerminal::is_terminal(&stdin) {
        println!();
    }
    let answer = answer.trim().to_ascii_lowercase();
    Ok(matches!(answer.as_str(), "y" | "yes"))
}
