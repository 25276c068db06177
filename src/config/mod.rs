//! Configuration from outside the replica: Taskwarrior's taskrc, for the sync settings.

pub mod taskrc;

pub use taskrc::{SYNC_KEYS, SyncSettings, Taskrc, TaskrcError, replace_sync};
