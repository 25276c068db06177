//! The application without a terminal: the replica's single owner (an actor on its own
//! thread: commands in, past-tense events out, changed tasks as one delta) and the
//! background sync task that reaches the replica only through it, and where new UUIDs
//! come from.

pub mod actor;
pub mod owner;
pub mod sync_task;
pub mod uuids;

pub use actor::{Actor, ReplicaClient};
pub use owner::{Command, Delta, Owner, ReplicaEvent};
pub use uuids::UuidSource;
