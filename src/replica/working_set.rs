//! The working set: short task IDs, index → UUID, with index 0 never used.
//!
//! Also the pure part of a rebuild, so its rules can be tested without storage.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use uuid::Uuid;

/// A hasher for keys that are already random (UUIDs): folds the bytes with a multiply,
/// several times cheaper than the default SipHash for the lookups a large working set needs.
#[derive(Default)]
pub struct UuidHasher(u64);

impl Hasher for UuidHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

/// A map keyed by UUID.
pub type UuidMap<V> = HashMap<Uuid, V, BuildHasherDefault<UuidHasher>>;

/// A set of UUIDs.
pub type UuidSet = HashSet<Uuid, BuildHasherDefault<UuidHasher>>;

/// Working-set IDs as the user sees them (`task 3 done`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkingSet {
    by_index: Vec<Option<Uuid>>,
    by_uuid: UuidMap<usize>,
}

impl WorkingSet {
    /// Build from a vector whose element `i` is the task at ID `i`; element 0 is ignored.
    pub fn new(mut by_index: Vec<Option<Uuid>>) -> Self {
        if by_index.is_empty() {
            by_index.push(None);
        }
        by_index[0] = None;
        let used = by_index.iter().filter(|u| u.is_some()).count();
        let mut by_uuid = UuidMap::with_capacity_and_hasher(used, Default::default());
        by_uuid.extend(
            by_index
                .iter()
                .enumerate()
                .filter_map(|(i, u)| u.map(|u| (u, i))),
        );
        WorkingSet { by_index, by_uuid }
    }

    /// Number of IDs in use.
    pub fn len(&self) -> usize {
        self.by_uuid.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_uuid.is_empty()
    }

    /// The highest index, used or not (trailing gaps do not count).
    pub fn largest_index(&self) -> usize {
        self.by_index.len().saturating_sub(1)
    }

    pub fn by_index(&self, index: usize) -> Option<Uuid> {
        self.by_index.get(index).copied().flatten()
    }

    pub fn by_uuid(&self, uuid: Uuid) -> Option<usize> {
        self.by_uuid.get(&uuid).copied()
    }

    /// `(index, uuid)` for every ID in use, in index order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, Uuid)> + '_ {
        self.by_index
            .iter()
            .enumerate()
            .filter_map(|(i, u)| u.map(|u| (i, u)))
    }

    /// The raw vector, element 0 always `None`.
    pub fn as_slice(&self) -> &[Option<Uuid>] {
        &self.by_index
    }

    pub(crate) fn contains(&self, uuid: &Uuid) -> bool {
        self.by_uuid.contains_key(uuid)
    }
}

/// How a task in the old working set fares in a rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// Still pending or recurring.
    Qualifies,
    /// Exists but no longer qualifies.
    Drops,
    /// No such task any more.
    Missing,
}

/// How a rebuild numbers the tasks that stay in the working set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Renumber {
    /// Each keeps its ID; a task that leaves leaves a gap.
    No,
    /// As TaskChampion renumbers: the tasks that leave take their IDs with them, and the
    /// rest move up; a gap left by an earlier rebuild stays.
    Yes,
    /// As [`Renumber::Yes`], and earlier gaps close too, as Taskwarrior's IDs read after a
    /// `task` session that never left one.
    Compact,
}

/// The working set after a rebuild, following TaskChampion's rules exactly: tasks that still
/// qualify keep their relative order; a task that stops qualifying leaves a hole unless
/// `renumber`; holes already there stay; a missing task is always compacted away; then
/// `newcomers` (qualifying tasks not yet in the set, in the order given) are appended.
pub(crate) fn rebuild(
    old: &[Option<Uuid>],
    standing: impl Fn(Uuid) -> Standing,
    newcomers: impl IntoIterator<Item = Uuid>,
    renumber: Renumber,
) -> Vec<Option<Uuid>> {
    let compact = renumber == Renumber::Compact;
    let renumber = renumber != Renumber::No;
    let mut new = vec![None];
    let mut seen = UuidSet::default();
    for slot in old.iter().skip(1) {
        match slot {
            None if compact => {}
            None => new.push(None),
            Some(uuid) => match standing(*uuid) {
                Standing::Qualifies => {
                    new.push(Some(*uuid));
                    seen.insert(*uuid);
                }
                Standing::Drops if !renumber => new.push(None),
                Standing::Drops | Standing::Missing => {}
            },
        }
    }
    new.extend(
        newcomers
            .into_iter()
            .filter(|u| !seen.contains(u))
            .map(Some),
    );
    // Newcomers past the old length are stored as TaskChampion's SQLite storage does, each at
    // one past the highest index then in use: holes left at the end of the old part close up.
    let old_len = old.len().max(1);
    if new.len() > old_len {
        let tail = new.split_off(old_len);
        trim_trailing_holes(&mut new);
        new.extend(tail);
    }
    trim_trailing_holes(&mut new);
    new
}

/// The stored set has no trailing holes: its length is the highest index + 1.
fn trim_trailing_holes(ws: &mut Vec<Option<Uuid>>) {
    while ws.len() > 1 && ws.last() == Some(&None) {
        ws.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn holes_from_earlier_rebuilds_stay_even_when_renumbering() {
        // [-,A,B,C] → done(A) → rebuild(false) → [-,-,B,C]
        let (a, b, c) = (u(1), u(2), u(3));
        let old = vec![None, Some(a), Some(b), Some(c)];
        let done_a = |x: Uuid| {
            if x == a {
                Standing::Drops
            } else {
                Standing::Qualifies
            }
        };
        let step1 = rebuild(&old, done_a, [], Renumber::No);
        assert_eq!(step1, vec![None, None, Some(b), Some(c)]);
        // rebuild(true) keeps the hole
        let step2 = rebuild(&step1, done_a, [], Renumber::Yes);
        assert_eq!(step2, vec![None, None, Some(b), Some(c)]);
        // done(B) → rebuild(true) → [-,-,C]
        let done_b = |x: Uuid| {
            if x == b {
                Standing::Drops
            } else {
                Standing::Qualifies
            }
        };
        assert_eq!(
            rebuild(&step2, done_b, [], Renumber::Yes),
            vec![None, None, Some(c)]
        );
        // tcui's reports close the hole too.
        assert_eq!(
            rebuild(&step1, done_a, [], Renumber::Compact),
            vec![None, Some(b), Some(c)]
        );
    }

    #[test]
    fn missing_tasks_are_compacted_even_without_renumber() {
        let old = vec![None, Some(u(1)), Some(u(2))];
        let gone = |x: Uuid| {
            if x == u(1) {
                Standing::Missing
            } else {
                Standing::Qualifies
            }
        };
        assert_eq!(
            rebuild(&old, gone, [], Renumber::No),
            vec![None, Some(u(2))]
        );
    }

    #[test]
    fn newcomers_are_appended_once_and_trailing_holes_vanish() {
        let old = vec![None, Some(u(1)), Some(u(2))];
        let st = |x: Uuid| {
            if x == u(2) {
                Standing::Drops
            } else {
                Standing::Qualifies
            }
        };
        assert_eq!(rebuild(&old, st, [], Renumber::No), vec![None, Some(u(1))]);
        assert_eq!(
            rebuild(&old, st, [u(1), u(5)], Renumber::No),
            vec![None, Some(u(1)), Some(u(5))]
        );
    }

    #[test]
    fn newcomers_fill_holes_left_at_the_end_of_the_old_set() {
        // [-,A,B]: A stays, B drops, C arrives → C takes index 2, not 3.
        let old = vec![None, Some(u(1)), Some(u(2))];
        let st = |x: Uuid| {
            if x == u(2) {
                Standing::Drops
            } else {
                Standing::Qualifies
            }
        };
        assert_eq!(
            rebuild(&old, st, [u(3)], Renumber::No),
            vec![None, Some(u(1)), Some(u(3))]
        );
        // [-,B]: B drops, A arrives → [-,A]
        let old = vec![None, Some(u(2))];
        assert_eq!(
            rebuild(&old, st, [u(1)], Renumber::No),
            vec![None, Some(u(1))]
        );
        // A newcomer within the old length keeps its computed place: [-,A,B,C] with A missing
        // and renumbering → [-,B,C] then D lands at 3.
        let old = vec![None, Some(u(1)), Some(u(2)), Some(u(3))];
        let gone = |x: Uuid| {
            if x == u(1) {
                Standing::Missing
            } else {
                Standing::Qualifies
            }
        };
        assert_eq!(
            rebuild(&old, gone, [u(4)], Renumber::Yes),
            vec![None, Some(u(2)), Some(u(3)), Some(u(4))]
        );
    }

    #[test]
    fn lookups() {
        let ws = WorkingSet::new(vec![None, None, Some(u(7))]);
        assert_eq!(ws.len(), 1);
        assert_eq!(ws.largest_index(), 2);
        assert_eq!(ws.by_index(2), Some(u(7)));
        assert_eq!(ws.by_uuid(u(7)), Some(2));
        assert_eq!(ws.iter().collect::<Vec<_>>(), vec![(2, u(7))]);
        assert!(WorkingSet::new(vec![]).is_empty());
    }
}
