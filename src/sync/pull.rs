//! Guards on one pull: every answer must follow the version asked for, no version may come
//! twice, and a pull ends after a bounded number of versions, whatever the server does.
//!
//! A server that does not know the secret can only re-serve segments it holds, each sealed
//! for its own parent; answering with the wrong parent is refused here, and walking real
//! versions in a circle repeats an id, so such a server is stopped within as many requests
//! as it holds versions. The count bound is for a server (or a folder) that invents ever
//! new versions.

use std::collections::HashSet;

use uuid::Uuid;

use super::error::SyncError;

/// The most versions one sync pulls. A legitimate history stays far below: one version is
/// made per sync that sends changes, so a replica syncing a hundred times a day for twenty
/// years makes about 730,000, and a new replica reading a folder (which has no snapshot)
/// from its start reads all of them. Holding the seen ids costs at most some 40 MB.
pub const MAX_VERSIONS: usize = 1_000_000;

/// The versions one round of a sync has passed through.
#[derive(Debug)]
pub(crate) struct Pull {
    seen: HashSet<Uuid>,
    pulled: usize,
    limit: usize,
}

impl Pull {
    /// A pull starting at `base`, stopping after `limit` versions.
    pub(crate) fn new(base: Uuid, limit: usize) -> Pull {
        Pull {
            seen: HashSet::from([Uuid::nil(), base]),
            pulled: 0,
            limit,
        }
    }

    /// Check an answer to "the child of `asked`" before anything of it is read.
    pub(crate) fn accept(
        &mut self,
        asked: Uuid,
        parent: Uuid,
        version: Uuid,
    ) -> Result<(), SyncError> {
        if parent != asked {
            return Err(SyncError::WrongParent {
                asked,
                got: parent,
                version,
            });
        }
        if !self.seen.insert(version) {
            return Err(SyncError::Repeated { version });
        }
        self.pulled += 1;
        if self.pulled > self.limit {
            return Err(SyncError::TooManyVersions { limit: self.limit });
        }
        Ok(())
    }

    /// A version this replica added itself: the server must not offer it again.
    pub(crate) fn pushed(&mut self, version: Uuid) -> Result<(), SyncError> {
        if self.seen.insert(version) {
            Ok(())
        } else {
            Err(SyncError::Repeated { version })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_parent_a_repeat_and_too_many_are_refused() {
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let mut pull = Pull::new(a, 2);
        assert!(matches!(
            pull.accept(a, c, b),
            Err(SyncError::WrongParent { asked, got, version }) if (asked, got, version) == (a, c, b)
        ));
        pull.accept(a, a, b).unwrap();
        assert!(
            matches!(pull.accept(b, b, a), Err(SyncError::Repeated { version }) if version == a)
        );
        assert!(matches!(
            pull.accept(b, b, Uuid::nil()),
            Err(SyncError::Repeated { .. })
        ));
        pull.accept(b, b, c).unwrap();
        assert!(matches!(
            pull.accept(c, c, Uuid::from_u128(4)),
            Err(SyncError::TooManyVersions { limit: 2 })
        ));
        let mut pull = Pull::new(a, 10);
        pull.pushed(b).unwrap();
        assert!(matches!(
            pull.accept(a, a, b),
            Err(SyncError::Repeated { .. })
        ));
    }
}
