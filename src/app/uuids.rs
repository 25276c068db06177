//! Where new UUIDs come from: random in the program, a repeatable sequence where output
//! must not depend on chance (tests, benchmarks, the demo).

use std::sync::atomic::{AtomicU64, Ordering};

use uuid::Uuid;

/// A source of new task UUIDs.
#[derive(Debug, Default)]
pub enum UuidSource {
    /// Version 4 UUIDs from the system's random numbers.
    #[default]
    Random,
    /// Version 4 UUIDs made from a counter: the same seed gives the same UUIDs in turn.
    Sequence(AtomicU64),
}

impl UuidSource {
    pub fn sequence(seed: u64) -> UuidSource {
        UuidSource::Sequence(AtomicU64::new(seed))
    }

    pub fn next(&self) -> Uuid {
        match self {
            UuidSource::Random => Uuid::new_v4(),
            UuidSource::Sequence(counter) => {
                let n = counter.fetch_add(1, Ordering::Relaxed);
                let mixed = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (n >> 7);
                let bytes = (u128::from(mixed) << 64 | u128::from(n)).to_be_bytes();
                uuid::Builder::from_random_bytes(bytes).into_uuid()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sequence_repeats_from_its_seed_and_never_repeats_within() {
        let (a, b) = (UuidSource::sequence(7), UuidSource::sequence(7));
        let first: Vec<Uuid> = (0..1000).map(|_| a.next()).collect();
        let again: Vec<Uuid> = (0..1000).map(|_| b.next()).collect();
        assert_eq!(first, again);
        let distinct: std::collections::HashSet<_> = first.iter().collect();
        assert_eq!(distinct.len(), first.len());
        assert!(first.iter().all(|u| u.get_version_num() == 4));
        assert_ne!(UuidSource::Random.next(), UuidSource::Random.next());
    }
}
