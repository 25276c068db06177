//! Sync with the servers Taskwarrior 3 uses: the encryption envelope, operations as they
//! travel, and their transform against concurrent changes.
//!
//! Must not depend on terminals, configuration files or the home directory: servers and
//! secrets are handed in by the caller.

mod app_id;
pub mod encryption;
pub mod engine;
pub mod http;
pub mod local;
pub mod op;
pub mod server;
pub mod snapshot;

pub use encryption::{CryptoError, Cryptor};
pub use engine::{Server, ServerError, SyncError, SyncReport, Syncer, sync};
pub use http::HttpServer;
pub use local::{LocalError, LocalServer};
pub use op::{HistorySegment, SyncOp};
pub use server::{AddVersionResult, GetVersionResult, SnapshotUrgency};
