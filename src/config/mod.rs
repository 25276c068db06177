//! Configuration from outside the replica: Taskwarrior's taskrc, for the sync settings.

pub mod taskrc;

pub use taskrc::{SyncSettings, Taskrc, TaskrcError};
