//! What the app knows of the background sync: its state for the status bar, and the
//! changes other replicas made (and local edits that lost to them) since the user looked.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::app::{App, Effect};
use crate::app::sync_task::SyncEvent;
use crate::sync::SyncOp;

/// The sync's state, as the status bar shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncState {
    /// No word from the sync task yet.
    Starting,
    /// Sync is not set up; how to set it up.
    NotConfigured(String),
    Idle,
    Running {
        since: DateTime<Utc>,
    },
    Failed {
        error: String,
        retry_at: DateTime<Utc>,
    },
}

/// The sync's state and history in this session.
#[derive(Debug, Clone)]
pub struct SyncStatus {
    pub state: SyncState,
    pub last_success: Option<DateTime<Utc>>,
    pub unsynced: usize,
    /// Whether a background sync runs at all (not in tests or `tcui demo`).
    pub enabled: bool,
    /// The user asked for the sync under way (`S`): its end is told even with nothing new.
    pub asked: bool,
}

impl Default for SyncStatus {
    fn default() -> Self {
        SyncStatus {
            state: SyncState::Starting,
            last_success: None,
            unsynced: 0,
            enabled: false,
            asked: false,
        }
    }
}

/// A change from elsewhere that the user has not looked at yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Elsewhere {
    pub uuid: Uuid,
    pub at: DateTime<Utc>,
    /// A local edit that lost: property and the value the user had set.
    pub lost: Option<(String, Option<String>)>,
}

/// Take in news from the sync task.
pub fn update(app: &mut App, event: SyncEvent) -> Vec<Effect> {
    match event {
        SyncEvent::NotConfigured(why) => app.sync.state = SyncState::NotConfigured(why),
        SyncEvent::Started => app.sync.state = SyncState::Running { since: app.now },
        SyncEvent::Finished { report, delta } => {
            app.sync.state = SyncState::Idle;
            app.sync.last_success = Some(app.now);
            app.sync.unsynced = delta.unsynced;
            let before = app.elsewhere.len();
            // Joining from a snapshot brings every task at once: not news to list one by one.
            let news: &[Uuid] = if report.started_from_snapshot {
                &[]
            } else {
                &report.changed
            };
            for uuid in news {
                if !app
                    .elsewhere
                    .iter()
                    .any(|e| e.uuid == *uuid && e.lost.is_none())
                {
                    app.elsewhere.push(Elsewhere {
                        uuid: *uuid,
                        at: app.now,
                        lost: None,
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
                    app.elsewhere.push(Elsewhere {
                        uuid: *uuid,
                        at: app.now,
                        lost: Some((property.clone(), value.clone())),
                    });
                }
            }
            if !delta.tasks.is_empty() || !delta.removed.is_empty() {
                app.take_delta(delta);
            }
            let new = app.elsewhere.len() - before;
            if report.started_from_snapshot {
                let n = app.tasks.len();
                app.say(format!(
                    "synced: {n} {} from the server's snapshot",
                    if n == 1 { "task" } else { "tasks" }
                ));
            } else if new > 0 {
                let key = app
                    .config
                    .keymap
                    .hint(super::keymap::Action::ChangedElsewhere);
                let changes = if new == 1 { "change" } else { "changes" };
                app.say(format!(
                    "synced: {new} {changes} from elsewhere ({key} shows them)"
                ));
            } else if app.sync.asked {
                let sent = report.operations_pushed;
                app.say(match sent {
                    0 => "synced: nothing new from elsewhere".to_string(),
                    1 => "synced: 1 change sent, nothing new from elsewhere".to_string(),
                    n => format!("synced: {n} changes sent, nothing new from elsewhere"),
                });
            }
            app.sync.asked = false;
        }
        SyncEvent::Failed {
            error,
            retry_in,
            unsynced,
        } => {
            app.sync.unsynced = unsynced;
            let retry_at = app.now
                + chrono::TimeDelta::from_std(retry_in).unwrap_or(chrono::TimeDelta::zero());
            app.fail(format!("sync failed: {error}"));
            app.sync.asked = false;
            app.sync.state = SyncState::Failed { error, retry_at };
        }
        SyncEvent::Stopped => {
            if app.quitting {
                return vec![Effect::Quit];
            }
        }
    }
    Vec::new()
}

/// The fewest words for the sync, for a narrow title line.
pub fn describe_short(app: &App) -> String {
    let s = &app.sync;
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

/// The status bar's words for the sync.
pub fn describe(app: &App) -> String {
    let s = &app.sync;
    if !s.enabled {
        return String::new();
    }
    let unsynced = if s.unsynced > 0 {
        format!(" · {} unsynced", s.unsynced)
    } else {
        String::new()
    };
    let spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
    let text = match &s.state {
        SyncState::Starting => "sync starting".to_string(),
        SyncState::NotConfigured(_) => "sync not configured".to_string(),
        SyncState::Running { since } => {
            let tick = (app.now - *since).num_milliseconds().max(0) / 100;
            format!("{} syncing", spinner[tick as usize % spinner.len()])
        }
        SyncState::Idle => match s.last_success {
            Some(t) => format!("synced {} ago", crate::time::format_age(t, app.now)),
            None => "synced".into(),
        },
        SyncState::Failed { retry_at, .. } => {
            let secs = (*retry_at - app.now).num_seconds().max(0);
            format!("sync failed, retry in {secs}s")
        }
    };
    format!("{text}{unsynced}")
}
