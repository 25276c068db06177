//! How the status line names the tasks a change is made to, what it says of the marks, and
//! what it adds once a change is committed: the IDs copies got, and where a new task went
//! when the view does not show it (waiting until a date, hidden by the filter).

use uuid::Uuid;

use super::app::App;
use super::keymap::Action;

/// How a message names the tasks a change is made to: `3 "Buy milk"`, or `3 tasks (2, 5,
/// 7)`.
pub fn named(app: &App, uuids: &[Uuid]) -> String {
    match uuids {
        [one] => app.describe(*one),
        many => counted(app, many),
    }
}

/// `2 tasks (3, 5)`, `1 task (4)`.
pub fn counted(app: &App, uuids: &[Uuid]) -> String {
    const LISTED: usize = 8;
    let ids: Vec<String> = uuids.iter().take(LISTED).map(|u| id_of(app, *u)).collect();
    let more = if uuids.len() > LISTED { ", …" } else { "" };
    let tasks = if uuids.len() == 1 { "task" } else { "tasks" };
    format!("{} {tasks} ({}{more})", uuids.len(), ids.join(", "))
}

/// How many tasks are marked, and what that means.
pub fn marks_note(app: &App) -> String {
    match app.marks.len() {
        0 => "none marked".into(),
        n => {
            let clear = app.config.keymap.hint(Action::ClearMarks);
            let clear = if clear.is_empty() {
                String::new()
            } else {
                format!("; {clear} clears them")
            };
            format!("{n} marked: changes apply to the marked tasks{clear}")
        }
    }
}

/// A task to say more about when its commit comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// A copy made by duplicate: the ID it got.
    Copy,
    /// A task just added: where it is, if the view does not show it.
    Added,
}

/// Add to the status message what there is to say about `committed` tasks awaited.
pub fn after_commit(app: &mut App, committed: &[Uuid]) {
    if app.follow_ups.is_empty() {
        return;
    }
    let (now, later): (Vec<_>, Vec<_>) = std::mem::take(&mut app.follow_ups)
        .into_iter()
        .partition(|(uuid, _)| committed.contains(uuid));
    app.follow_ups = later;
    let mut notes = Vec::new();
    let copies: Vec<String> = now
        .iter()
        .filter(|(_, f)| *f == FollowUp::Copy)
        .map(|(uuid, _)| id_of(app, *uuid))
        .collect();
    match copies.as_slice() {
        [] => {}
        [one] => notes.push(format!("the copy is {one}")),
        many => notes.push(format!("the copies are {}", many.join(", "))),
    }
    for (uuid, what) in &now {
        if *what == FollowUp::Added
            && let Some(note) = not_shown(app, *uuid)
        {
            notes.push(note);
        }
    }
    if let Some(message) = app.message.as_mut().filter(|_| !notes.is_empty()) {
        message.text = format!("{}: {}", message.text, notes.join("; "));
    }
}

/// A task's working-set ID, else the start of its UUID.
fn id_of(app: &App, uuid: Uuid) -> String {
    app.ids.get(&uuid).map_or_else(
        || uuid.simple().to_string()[..8].to_string(),
        u32::to_string,
    )
}

/// Why the view does not show task `uuid`, if it does not.
fn not_shown(app: &App, uuid: Uuid) -> Option<String> {
    if app.list.rows().iter().any(|r| r.uuid == uuid) {
        return None;
    }
    let task = app.tasks.get(&uuid)?;
    let id = id_of(app, uuid);
    let keys = &app.config.keymap;
    let key_for = |action: Action, what: &str| {
        let key = keys.hint(action);
        if key.is_empty() {
            String::new()
        } else {
            format!(" ({key} {what})")
        }
    };
    if task.is_waiting(app.now)
        && let Some(wait) = task.wait()
    {
        return Some(format!(
            "task {id} waits until {}{}",
            wait.with_timezone(&app.tz).format("%Y-%m-%d %H:%M"),
            key_for(Action::ViewWaiting, "shows waiting tasks")
        ));
    }
    if app.list.query().is_some() {
        return Some(format!(
            "the filter hides task {id}{}",
            key_for(Action::ClearFilter, "clears it")
        ));
    }
    Some(format!(
        "task {id} is not in the {} view",
        app.list.kind().title()
    ))
}
