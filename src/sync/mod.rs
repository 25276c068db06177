//! Sync with the servers Taskwarrior 3 uses: the encryption envelope, operations as they
//! travel, and their transform against concurrent changes.
//!
//! Must not depend on terminals, configuration files or the home directory: servers and
//! secrets are handed in by the caller.

mod app_id;
pub mod cloud;
pub mod encryption;
pub mod engine;
mod error;
pub mod http;
pub mod local;
mod lost;
pub mod op;
mod pull;
pub mod server;
pub mod snapshot;
mod target;
mod transport;

pub use encryption::{CryptoError, Cryptor};
pub use engine::{ServerStart, SyncReport, Syncer, sync};
pub use error::SyncError;
pub use http::HttpServer;
pub use local::{LocalError, LocalServer};
pub use op::{HistorySegment, SyncOp};
pub use pull::MAX_VERSIONS;
pub use server::{AddVersionResult, GetVersionResult, Server, ServerError, SnapshotUrgency};
pub use target::SyncTarget;
pub use transport::{HttpOptions, MAX_BODY, redact_url};
