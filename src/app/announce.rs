//! How the status line names the tasks a change is made to, and what it adds once a change
//! is committed: the IDs copies got, and where a new task went
//! when the view does not show it (waiting until a date, hidden by the filter).

use uuid::Uuid;

use super::core::{Core, FollowUp};

/// How a message names the tasks a change is made to: `3 "Buy milk"`, or `3 tasks (2, 5,
/// 7)`.
pub fn named(core: &Core, uuids: &[Uuid]) -> String {
    match uuids {
        [one] => core.describe(*one),
        many => counted(core, many),
    }
}

/// `2 tasks (3, 5)`, `1 task (4)`.
pub fn counted(core: &Core, uuids: &[Uuid]) -> String {
    const LISTED: usize = 8;
    let ids: Vec<String> = uuids.iter().take(LISTED).map(|u| id_of(core, *u)).collect();
    let more = if uuids.len() > LISTED { ", …" } else { "" };
    let tasks = if uuids.len() == 1 { "task" } else { "tasks" };
    format!("{} {tasks} ({}{more})", uuids.len(), ids.join(", "))
}

/// Add to the status message what there is to say about `committed` tasks awaited.
pub fn after_commit(core: &mut Core, committed: &[Uuid]) {
    if core.follow_ups.is_empty() {
        return;
    }
    let (now, later): (Vec<_>, Vec<_>) = std::mem::take(&mut core.follow_ups)
        .into_iter()
        .partition(|(uuid, _)| committed.contains(uuid));
    core.follow_ups = later;
    let mut notes = Vec::new();
    let copies: Vec<String> = now
        .iter()
        .filter(|(_, f)| *f == FollowUp::Copy)
        .map(|(uuid, _)| id_of(core, *uuid))
        .collect();
    match copies.as_slice() {
        [] => {}
        [one] => notes.push(format!("the copy is {one}")),
        many => notes.push(format!("the copies are {}", many.join(", "))),
    }
    for (uuid, what) in &now {
        if *what == FollowUp::Added
            && let Some(note) = not_shown(core, *uuid)
        {
            notes.push(note);
        }
    }
    if let Some(message) = core.message.as_mut().filter(|_| !notes.is_empty()) {
        message.text = format!("{}: {}", message.text, notes.join("; "));
    }
}

/// A task's working-set ID, else the start of its UUID.
fn id_of(core: &Core, uuid: Uuid) -> String {
    core.ids.get(&uuid).map_or_else(
        || uuid.simple().to_string()[..8].to_string(),
        u32::to_string,
    )
}

/// Why the view does not show task `uuid`, if it does not.
fn not_shown(core: &Core, uuid: Uuid) -> Option<String> {
    if core.list.rows().iter().any(|r| r.uuid == uuid) {
        return None;
    }
    let task = core.tasks.get(&uuid)?;
    let id = id_of(core, uuid);
    let key_for = |key: &str, what: &str| {
        if key.is_empty() {
            String::new()
        } else {
            format!(" ({key} {what})")
        }
    };
    let hints = &core.options.hints;
    // A template is shown through its instances.
    if task.status() == crate::task::Status::Recurring {
        let made: Vec<String> = crate::app::series::kin(core, uuid, true)
            .map(|kin| kin.instances.iter().map(|u| id_of(core, *u)).collect())
            .unwrap_or_default();
        return Some(match made.as_slice() {
            [] => format!("task {id} is a recurring template: no instance is owed yet"),
            [one] => format!("task {id} is a recurring template; its instance is {one}"),
            many => format!(
                "task {id} is a recurring template; its instances are {}",
                many.join(", ")
            ),
        });
    }
    if task.is_waiting(core.now)
        && let Some(wait) = task.wait()
    {
        return Some(format!(
            "task {id} waits until {}{}",
            wait.with_timezone(&core.tz).format("%Y-%m-%d %H:%M"),
            key_for(&hints.waiting_view, "shows waiting tasks")
        ));
    }
    if core.list.query().is_some() {
        return Some(format!(
            "the filter hides task {id}{}",
            key_for(&hints.clear_filter, "clears it")
        ));
    }
    Some(format!(
        "task {id} is not in the {} view",
        core.list.view().title()
    ))
}
