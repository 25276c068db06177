//! What the app knows of the background sync: its state for the status bar, and the
//! changes other replicas made (and local edits that lost to them) since the user looked.

use chrono::{DateTime, Utc};
use uuid::Uuid;

pub use super::sync_status::{Elsewhere, SyncState, SyncStatus};

use super::core::{Core, Effect};
use super::sync_task::{SyncEvent, SyncRequest};
use crate::sync::SyncOp;

/// Take in news from the sync task.
pub fn update(core: &mut Core, event: SyncEvent) -> Vec<Effect> {
    match event {
        SyncEvent::NotConfigured(why) => core.sync.state = SyncState::NotConfigured(why),
        SyncEvent::Started => core.sync.state = SyncState::Running { since: core.now },
        SyncEvent::Finished {
            report,
            delta,
            hooks,
        } => {
            core.sync.state = SyncState::Idle;
            core.sync.last_success = Some(core.now);
            core.sync.unsynced = delta.unsynced;
            let before = core.elsewhere.len();
            // Joining from a snapshot brings every task at once: not news to list one by one.
            let news: &[Uuid] = if report.started_from_snapshot {
                &[]
            } else {
                &report.changed
            };
            for uuid in news {
                if !core
                    .elsewhere
                    .iter()
                    .any(|e| e.uuid == *uuid && e.lost.is_none())
                {
                    core.elsewhere.push(Elsewhere {
                        uuid: *uuid,
                        at: core.now,
                        lost: None,
                        twin: None,
                    });
                }
            }
            for op in &report.lost {
                if let SyncOp::Update {
                    uuid,
                    property,
                    value,
                    ..
                } = op
                    && property != "modified"
                {
                    core.elsewhere.push(Elsewhere {
                        uuid: *uuid,
                        at: core.now,
                        lost: Some((property.clone(), value.clone())),
                        twin: None,
                    });
                }
            }
            // Changes from elsewhere may add or change recurring templates, or bring
            // instances another replica made of a due date this one made too.
            let mut effects = Vec::new();
            if !delta.tasks.is_empty() || !delta.removed.is_empty() {
                core.take_delta(delta);
                effects = core.recur_if(report.changed.clone());
            }
            let new = core.elsewhere.len() - before;
            let mut message = if report.started_from_snapshot {
                let n = core.tasks.len();
                Some(format!(
                    "synced: {n} {} from the server's snapshot",
                    if n == 1 { "task" } else { "tasks" }
                ))
            } else if new > 0 {
                let key = &core.options.hints.changes_elsewhere;
                let changes = if new == 1 { "change" } else { "changes" };
                let shows = if key.is_empty() {
                    String::new()
                } else {
                    format!(" ({key} shows them)")
                };
                Some(format!("synced: {new} {changes} from elsewhere{shows}"))
            } else if core.sync.asked {
                let sent = report.operations_pushed;
                Some(match sent {
                    0 => "synced: nothing new from elsewhere".to_string(),
                    1 => "synced: 1 change sent, nothing new from elsewhere".to_string(),
                    n => format!("synced: {n} changes sent, nothing new from elsewhere"),
                })
            } else {
                None
            };
            // What hook scripts said of the synced changes, as of a change made here.
            if !hooks.said.is_empty() {
                let said = super::hooks::one_line(&hooks.said);
                message = Some(match message {
                    Some(m) => format!("{m} — {said}"),
                    None => format!("synced — {said}"),
                });
            }
            if !hooks.failures.is_empty() {
                core.fail(hooks.failures.join("; "));
            } else if let Some(message) = message {
                core.say(message);
            }
            core.sync.asked = false;
            return effects;
        }
        SyncEvent::Failed {
            error,
            retry_in,
            unsynced,
        } => {
            core.sync.unsynced = unsynced;
            let retry_at = core.now
                + chrono::TimeDelta::from_std(retry_in).unwrap_or(chrono::TimeDelta::zero());
            core.fail(format!("sync failed: {error}"));
            core.sync.asked = false;
            core.sync.state = SyncState::Failed { error, retry_at };
        }
        // The interface decides whether this ends it.
        SyncEvent::Stopped => {}
    }
    Vec::new()
}

/// The fewest words for the sync, for a narrow title line.
pub fn describe_short(core: &Core) -> String {
    let s = &core.sync;
    if !s.enabled {
        return String::new();
    }
    match &s.state {
        SyncState::Starting => "sync…".into(),
        SyncState::NotConfigured(_) => "no sync".into(),
        SyncState::Running { .. } => "syncing".into(),
        SyncState::Idle if s.unsynced > 0 => format!("{} unsynced", s.unsynced),
        SyncState::Idle => "synced".into(),
        SyncState::Failed { .. } => "sync failed".into(),
    }
}

/// A spinner's frame for something running since `since`: one frame every 100 ms.
pub fn spinner(since: DateTime<Utc>, now: DateTime<Utc>) -> char {
    const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
    let tick = (now - since).num_milliseconds().max(0) / 100;
    FRAMES[tick as usize % FRAMES.len()]
}

/// The status bar's words for the sync.
pub fn describe(core: &Core) -> String {
    let s = &core.sync;
    if !s.enabled {
        return String::new();
    }
    let unsynced = if s.unsynced > 0 {
        format!(" · {} unsynced", s.unsynced)
    } else {
        String::new()
    };
    let text = match &s.state {
        SyncState::Starting => "sync starting".to_string(),
        SyncState::NotConfigured(_) => "sync not configured".to_string(),
        SyncState::Running { since } => format!("{} syncing", spinner(*since, core.now)),
        SyncState::Idle => match s.last_success {
            Some(t) => format!("synced {} ago", crate::time::format_age(t, core.now)),
            None => "synced".into(),
        },
        SyncState::Failed { retry_at, .. } => {
            let secs = (*retry_at - core.now).num_seconds().max(0);
            format!("sync failed, retry in {secs}s")
        }
    };
    format!("{text}{unsynced}")
}

/// The user asks for a sync now.
pub fn sync_now(core: &mut Core) -> Vec<Effect> {
    if !core.sync.enabled {
        core.fail("background sync is off here");
        return Vec::new();
    }
    match &core.sync.state {
        SyncState::NotConfigured(why) => {
            let why = why.clone();
            core.fail(why);
        }
        SyncState::Failed { error, .. } => {
            let error = error.clone();
            core.fail(format!("syncing again; the last try failed: {error}"));
            core.sync.asked = true;
        }
        _ => {
            core.say("syncing…");
            core.sync.asked = true;
        }
    }
    vec![Effect::Sync(SyncRequest::Now)]
}
