//! Configuration from outside the replica: Taskwarrior's taskrc (sync settings, urgency) and
//! tcui's own settings (keys, colours).

pub mod secret;
pub mod settings;
pub mod sync_write;
pub mod taskrc;
pub mod variable;

pub use secret::Secret;
pub use settings::Settings;
pub use sync_write::{SyncChange, SyncWritten, WriteMode, write_sync};
pub use taskrc::{
    AwsCredentials, AwsSettings, SYNC_KEYS, SyncSettings, Taskrc, TaskrcError, is_true,
};
pub use variable::{Written, set_variable};
