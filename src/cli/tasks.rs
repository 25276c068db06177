//! Task commands for scripts: `tcui add …`, `tcui list [FILTER]`, `tcui ID done|modify|
//! annotate|delete …`. They run the application core and the replica's owner that the
//! interface runs on, so the parsers, views and edits are exactly the interface's.

use anyhow::{Result, anyhow, bail};
use uuid::Uuid;

use super::args::Cli;
use super::session::Session;
use crate::app::{Command, Effect, edits};
use crate::task::{Operation, Status, Task};

/// `tcui add <Taskwarrior add syntax>`.
pub(super) fn add(cli: &Cli, words: &[String]) -> Result<()> {
    // Not renumbered, as `task add` does not: the IDs a user just read still name the same
    // tasks, and the new task takes the next free one.
    let mut s = Session::open(cli, false)?;
    let text = super::transfer::joined(words);
    let result = edits::add(&mut s.app, &text);
    let effects = result.map_err(|e| anyhow!(e))?;
    // The task created, which need not be the one under the cursor (a waiting task is in
    // no row of the next view).
    let uuid = created(&effects);
    s.run(effects)?;
    let Some(uuid) = uuid else {
        return Ok(());
    };
    let verbose = super::report::Verbose::of(s.app.options().settings.get("verbose"));
    let status = s.app.tasks().get(&uuid).map(Task::status);
    let id = s.app.ids().get(&uuid).copied();
    let template = " (recurrence template)";
    let recurring = status == Some(Status::Recurring);
    // As `task add` says it: the UUID when asked for, or for a task that has no ID.
    match (status, id) {
        (_, _) if verbose.new_uuid && recurring => println!("Created task {uuid}{template}."),
        (Some(Status::Pending | Status::Recurring), Some(id))
            if verbose.new_id && !verbose.new_uuid =>
        {
            let note = if recurring { template } else { "" };
            println!("Created task {id}{note}.");
        }
        _ if verbose.new_uuid || verbose.new_id => println!("Created task {uuid}."),
        _ => {}
    }
    Ok(())
}

/// `tcui log <add syntax>`: a task done already, as `task log` records one; a task that
/// would wait or recur is refused, as there.
pub(super) fn log(cli: &Cli, words: &[String]) -> Result<()> {
    let mut s = Session::open(cli, false)?;
    let text = super::transfer::joined(words);
    let (task, _) = crate::app::lang::new_task(&s.app, &text).map_err(|e| anyhow!(e))?;
    if task.get("recur").is_some() {
        bail!("You cannot log recurring tasks.");
    }
    if task.get("wait").is_some() {
        bail!("You cannot log waiting tasks.");
    }
    let effects =
        edits::add(&mut s.app, &format!("status:completed {text}")).map_err(|e| anyhow!(e))?;
    let uuid = created(&effects);
    s.run(effects)?;
    let verbose = super::report::Verbose::of(s.app.options().settings.get("verbose"));
    if let (true, Some(uuid)) = (verbose.new_uuid, uuid) {
        println!("Logged task {uuid}.");
    }
    Ok(())
}

/// The task a commit creates, if it creates one.
fn created(effects: &[Effect]) -> Option<Uuid> {
    all_created(effects).into_iter().next()
}

/// The tasks a commit creates, in order.
pub(super) fn all_created(effects: &[Effect]) -> Vec<Uuid> {
    effects
        .iter()
        .flat_map(|e| match e {
            Effect::Replica(Command::Commit { ops, .. }) => ops.as_slice(),
            _ => &[],
        })
        .filter_map(|op| match op {
            Operation::Create { uuid } => Some(*uuid),
            _ => None,
        })
        .collect()
}
