//! What a sync server offers, whatever carries it: four transactions on a linear chain of
//! versions, each version a sealed (or, for a local folder, plain) history segment.

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
