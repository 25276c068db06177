//! What the status line adds once a change is committed, beyond the change itself: the IDs
//! copies got, and where a new task went when the view does not show it (waiting until a
//! date, hidden by the filter).

use uuid::Uuid;

use super::app::App;
use super::keymap::Action;

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
    if app.rows.iter().any(|r| r.uuid == uuid) {
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
    if app.query.is_some() {
        return Some(format!(
            "the filter hides task {id}{}",
            key_for(Action::ClearFilter, "clears it")
        ));
    }
    Some(format!("task {id} is not in the {} view", app.view.title()))
}
