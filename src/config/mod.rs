//! Configuration from outside the replica: Taskwarrior's taskrc (sync settings, urgency) and
//! tcui's own settings (keys, colours).

pub mod settings;
pub mod taskrc;

pub use settings::Settings;
pub use taskrc::{SYNC_KEYS, SyncSettings, Taskrc, TaskrcError, replace_sync};
