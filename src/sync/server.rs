//! What a sync server offers, whatever carries it: the [`Server`] trait, four transactions
//! on a linear chain of versions, each version a sealed (or, for a local folder, plain)
//! history segment, and how a server says it failed.

use uuid::Uuid;

/// The answer to adding a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddVersionResult {
    /// Accepted as the new latest version, with the id the server gave it.
    Ok(Uuid),
    /// Refused: the server's latest version is this one; pull it first.
    ExpectedParentVersion(Uuid),
}

/// How much the server would like a snapshot after an accepted version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SnapshotUrgency {
    None,
    Low,
    High,
}

/// The answer to asking for the child of a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GetVersionResult {
    /// The replica is up to date.
    NoSuchVersion,
    /// The server no longer has, or never had, that version as part of its history (it was
    /// reset or pruned): following it from there is impossible.
    Gone,
    /// The child: its id, the parent the server says it follows, and its plaintext. When
    /// that parent is not the version asked for, the answer is refused and the segment (left
    /// unopened, so empty) never read.
    Version {
        version_id: Uuid,
        parent_version_id: Uuid,
        history_segment: Vec<u8>,
    },
}

/// A failure reported by a server, in words that say what to fix.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ServerError(pub String);

/// The four transactions every sync server offers. Segments are plaintext JSON here;
/// a server that encrypts does so inside.
pub trait Server {
    fn add_version(
        &mut self,
        parent: Uuid,
        segment: Vec<u8>,
    ) -> Result<(AddVersionResult, SnapshotUrgency), ServerError>;
    fn get_child_version(&mut self, parent: Uuid) -> Result<GetVersionResult, ServerError>;
    fn add_snapshot(&mut self, version: Uuid, snapshot: Vec<u8>) -> Result<(), ServerError>;
    fn get_snapshot(&mut self) -> Result<Option<(Uuid, Vec<u8>)>, ServerError>;

    /// The folder on this machine the server keeps its data in, if it does: a watcher of
    /// it hears of other replicas' changes at once (a server without one is asked now and
    /// then instead).
    fn folder(&self) -> Option<&std::path::Path> {
        None
    }

    /// Whether the settings this server was made from have changed since (the background
    /// sync then connects afresh).
    fn outdated(&mut self) -> bool {
        false
    }

    /// Whether the server holds no versions and no snapshot at all, as a new server does.
    fn is_empty(&mut self) -> Result<bool, ServerError> {
        Ok(
            self.get_child_version(Uuid::nil())? == GetVersionResult::NoSuchVersion
                && self.get_snapshot()?.is_none(),
        )
    }
}
