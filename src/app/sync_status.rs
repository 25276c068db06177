//! What the core knows of the background sync: its state for the status bar, and the
//! changes other replicas made (and local edits that lost to them) since the user looked.

use chrono::{DateTime, Utc};
use uuid::Uuid;

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
    /// A twin another replica made of this instance (same template and index), joined
    /// into it and removed.
    pub twin: Option<Uuid>,
}
