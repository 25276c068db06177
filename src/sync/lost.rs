//! Which of this replica's own changes lost to changes made elsewhere that never saw them, so
//! an interface can offer them back.
//!
//! Three cases, each about one property of one task:
//! - a local change not yet sent loses in the transform to a pulled one (with a later
//!   timestamp, or deleting the task), and no later local change wins back: the pulled one
//!   cannot have seen it;
//! - a value this replica set and sent earlier in the same sync is replaced by a pulled change
//!   made before the sync began;
//! - a value this replica set and sent in an earlier sync, still in effect, is replaced by a
//!   pulled change made before that sync began (the other replica held it unsent meanwhile,
//!   and its later timestamp won there).
//!
//! A change made elsewhere after this replica's value reached the server may or may not have
//! seen it; that is not reported (timestamps cannot tell), so every reported loss is a real
//! one, as far as the replicas' clocks agree. Only the latest own change per property is
//! reported. A task deleted elsewhere takes sent values with it unreported: there is
//! nothing left to restore them on.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::error::SyncError;
use super::op::SyncOp;
use super::target::SyncTarget;
use crate::task::Operation;

/// A task's property (`None`: the task itself, for creations and deletions).
type Key = (Uuid, Option<String>);
/// The values pulled changes gave one property, in order, and when each was made.
type Pulled = Vec<(Option<String>, DateTime<Utc>)>;

fn key(op: &SyncOp) -> Key {
    match op {
        SyncOp::Update { uuid, property, .. } => (*uuid, Some(property.clone())),
        SyncOp::Create { uuid } | SyncOp::Delete { uuid } => (*uuid, None),
    }
}

/// The losses of one round of a sync, gathered as it pulls and pushes.
#[derive(Debug)]
pub(crate) struct Losses {
    began: DateTime<Utc>,
    /// When the latest remembered sync that sent changes began.
    last_push: Option<DateTime<Utc>>,
    /// Properties that local changes of this round set.
    local: HashSet<Key>,
    /// Local changes that lost, the latest per property, in the order first lost.
    lost: Vec<SyncOp>,
    /// The last value sent in this round per property.
    sent: HashMap<Key, SyncOp>,
    /// Properties whose sent value a pulled change has replaced already.
    decided: HashSet<Key>,
    /// Pulled updates of properties no local change of this round set, in order.
    pulled: Vec<(Uuid, String, Option<String>, DateTime<Utc>)>,
}

impl Losses {
    /// A round beginning at `began` with these local changes; `last_push` is when the latest
    /// sync that sent changes (that the replica remembers) began.
    pub(crate) fn new(
        local: &[SyncOp],
        began: DateTime<Utc>,
        last_push: Option<DateTime<Utc>>,
    ) -> Losses {
        Losses {
            began,
            last_push,
            local: local.iter().map(key).collect(),
            lost: Vec::new(),
            sent: HashMap::new(),
            decided: HashSet::new(),
            pulled: Vec::new(),
        }
    }

    /// `beaten`, local changes a pulled change won over (it stays in effect).
    pub(crate) fn beaten(&mut self, beaten: Vec<SyncOp>) {
        for op in beaten {
            let k = key(&op);
            match self.lost.iter_mut().find(|l| key(l) == k) {
                Some(slot) => *slot = op,
                None => self.lost.push(op),
            }
        }
    }

    /// Local changes sent to the server in this round.
    pub(crate) fn sent(&mut self, batch: &[SyncOp]) {
        for op in batch {
            let k = key(op);
            self.decided.remove(&k);
            self.sent.insert(k, op.clone());
        }
    }

    /// A pulled change that stays in effect.
    pub(crate) fn pulled(&mut self, op: &SyncOp) {
        let SyncOp::Update {
            uuid,
            property,
            value,
            timestamp,
        } = op
        else {
            return;
        };
        let k = key(op);
        if let Some(own) = self.sent.get(&k) {
            if !self.decided.contains(&k) && value_of(own) != Some(value) {
                self.decided.insert(k);
                if *timestamp < self.began {
                    self.beaten(vec![own.clone()]);
                }
            }
        } else if !self.local.contains(&k) && self.last_push.is_some() {
            // Kept only if some sync that sent values began later than it was made: only
            // then can it have replaced one of them unseen.
            self.pulled
                .push((*uuid, property.clone(), value.clone(), *timestamp));
        }
    }

    /// Every loss of the round: those seen in it, and values sent in earlier syncs that a
    /// pulled change replaced (looked up in the replica, which remembers syncs that sent
    /// changes).
    pub(crate) fn finish(mut self, replica: &mut dyn SyncTarget) -> Result<Vec<SyncOp>, SyncError> {
        let Some(last_push) = self.last_push else {
            return Ok(self.lost);
        };
        // Only a change made before some sync that sent values can have replaced one unseen.
        let mut order: Vec<(Uuid, String)> = Vec::new();
        let mut by_key: HashMap<(Uuid, String), Pulled> = HashMap::new();
        for (uuid, property, value, at) in std::mem::take(&mut self.pulled) {
            let k = (uuid, property);
            let seen = by_key.entry(k.clone()).or_insert_with(|| {
                order.push(k.clone());
                Vec::new()
            });
            seen.push((value, at));
        }
        order.retain(|k| by_key[k].iter().any(|(_, at)| *at < last_push));
        if order.is_empty() {
            return Ok(self.lost);
        }
        let own = replica.pushed_changes(&order)?;
        for (k, own) in order.iter().zip(own) {
            let Some(own) = own else { continue };
            let Operation::Update {
                uuid,
                property,
                value,
                timestamp,
                ..
            } = own.update
            else {
                continue;
            };
            // The first pulled change that set another value replaced this one.
            if let Some((_, at)) = by_key[k].iter().find(|(v, _)| *v != value)
                && *at < own.since
            {
                self.lost.push(SyncOp::Update {
                    uuid,
                    property,
                    value,
                    timestamp,
                });
            }
        }
        Ok(self.lost)
    }
}

fn value_of(op: &SyncOp) -> Option<&Option<String>> {
    match op {
        SyncOp::Update { value, .. } => Some(value),
        _ => None,
    }
}
