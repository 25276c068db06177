//! A sync server kept in an object store, laid out as TaskChampion 3.1 lays it out, so that
//! Taskwarrior and tcui can share one bucket:
//!
//! - `salt`: 16 random bytes, made by the first replica to come (by compare-and-swap, so two
//!   at once agree), from which with the encryption secret the key is derived;
//! - `v-PARENT-CHILD`: each version's sealed history segment, UUIDs in simple form;
//! - `latest`: the newest version's UUID (simple form, not sealed). A version counts once
//!   `latest` names it, and `latest` only moves by compare-and-swap from the version's parent,
//!   so of two replicas pushing at once one wins and the other pulls first;
//! - `s-VERSION`: a sealed snapshot of every task at that version.
//!
//! Versions that can no longer join the chain from `latest`, snapshots older than the newest,
//! and versions over half a year old that a snapshot holds are deleted now and then after a
//! push, as TaskChampion does.

use std::collections::{HashMap, HashSet};

use ring::rand::{SecureRandom, SystemRandom};
use uuid::Uuid;

use super::bucket::{Bucket, BucketError, ObjectInfo};
use crate::sync::encryption::Cryptor;
use crate::sync::server::{
    AddVersionResult, GetVersionResult, Server, ServerError, SnapshotUrgency,
};

const LATEST: &str = "latest";
const SALT: &str = "salt";
/// Out of 256: how likely a push is to clean up (about 5%).
const CLEANUP_CHANCE: u8 = 13;
/// Versions older than this that a snapshot holds are deleted.
const MAX_VERSION_AGE_SECS: u64 = 3600 * 24 * 180;

/// The sync server in a bucket.
pub struct CloudServer<B: Bucket> {
    bucket: B,
    cryptor: Cryptor,
    /// The bucket's salt when this server was opened, which the key comes from.
    salt: Vec<u8>,
    /// Out of 256, the chance that the next push cleans up.
    cleanup_chance: u8,
    rng: SystemRandom,
    /// Seconds since the epoch, now.
    now: fn() -> u64,
}

fn system_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn store_error(e: BucketError) -> ServerError {
    ServerError(e.0)
}

fn version_name(parent: Uuid, child: Uuid) -> String {
    format!("v-{}-{}", parent.simple(), child.simple())
}

/// The parent and child a version's object name holds.
fn parse_version_name(name: &str) -> Option<(Uuid, Uuid)> {
    let rest = name.strip_prefix("v-")?;
    if rest.len() != 65 || rest.as_bytes().get(32) != Some(&b'-') {
        return None;
    }
    Some((
        Uuid::try_parse(rest.get(..32)?).ok()?,
        Uuid::try_parse(rest.get(33..)?).ok()?,
    ))
}

fn snapshot_name(version: Uuid) -> String {
    format!("s-{}", version.simple())
}

fn parse_snapshot_name(name: &str) -> Option<Uuid> {
    let rest = name.strip_prefix("s-")?;
    if rest.len() != 32 {
        return None;
    }
    Uuid::try_parse(rest).ok()
}

impl<B: Bucket> CloudServer<B> {
    /// The server in `bucket`, sealing with a key from `secret` and the bucket's salt (made
    /// now if the bucket has none).
    pub fn new(mut bucket: B, secret: &[u8]) -> Result<CloudServer<B>, ServerError> {
        let rng = SystemRandom::new();
        let mut tries = 0;
        let salt = loop {
            if let Some(salt) = bucket.get(SALT).map_err(store_error)? {
                break salt;
            }
            // Made by another replica between the read and the swap: read again, a few
            // times, but not forever against a store that never keeps it.
            tries += 1;
            if tries > 5 {
                return Err(ServerError(
                    "the bucket does not keep the `salt` object tcui writes to it; check that the bucket exists and that tcui may write to it"
                        .into(),
                ));
            }
            let mut fresh = [0u8; 16];
            rng.fill(&mut fresh)
                .map_err(|_| ServerError("the random number generator failed".into()))?;
            bucket
                .compare_and_swap(SALT, None, &fresh)
                .map_err(store_error)?;
        };
        Ok(CloudServer {
            bucket,
            cryptor: Cryptor::cached(&salt, secret),
            salt,
            cleanup_chance: CLEANUP_CHANCE,
            rng,
            now: system_now,
        })
    }

    /// Make sure the bucket holds the salt this server's key comes from, writing it back if
    /// the bucket was emptied.
    fn keep_salt(&mut self) -> Result<(), ServerError> {
        let kept = match self.bucket.get(SALT).map_err(store_error)? {
            Some(salt) => salt == self.salt,
            None => self
                .bucket
                .compare_and_swap(SALT, None, &self.salt)
                .map_err(store_error)?,
        };
        if kept {
            Ok(())
        } else {
            Err(ServerError(
                "the bucket was emptied and started anew by another replica, with a new salt, \
                 since tcui opened it; sync again to use it as it is now"
                    .into(),
            ))
        }
    }

    /// The bucket, for a look inside.
    pub fn bucket(&mut self) -> &mut B {
        &mut self.bucket
    }

    fn random_byte(&self) -> Result<u8, ServerError> {
        let mut byte = [0u8];
        self.rng
            .fill(&mut byte)
            .map_err(|_| ServerError("the random number generator failed".into()))?;
        Ok(byte[0])
    }

    fn latest(&mut self) -> Result<Option<Uuid>, ServerError> {
        let Some(raw) = self.bucket.get(LATEST).map_err(store_error)? else {
            return Ok(None);
        };
        let text = std::str::from_utf8(&raw).unwrap_or("");
        Uuid::try_parse(text.trim()).map(Some).map_err(|_| {
            ServerError(
                "the bucket's `latest` object does not hold a version; it was not written by \
                 Taskwarrior or tcui"
                    .into(),
            )
        })
    }

    fn children(&mut self, parent: Uuid) -> Result<Vec<Uuid>, ServerError> {
        let prefix = format!("v-{}-", parent.simple());
        Ok(self
            .bucket
            .list(&prefix)
            .map_err(store_error)?
            .into_iter()
            .filter_map(|o| parse_version_name(&o.name).map(|(_, c)| c))
            .collect())
    }

    fn urgency(&self) -> Result<SnapshotUrgency, ServerError> {
        Ok(match self.random_byte()? {
            0..2 => SnapshotUrgency::High,
            2..25 => SnapshotUrgency::Low,
            _ => SnapshotUrgency::None,
        })
    }

    fn unseal(&self, version: Uuid, sealed: &[u8], what: &str) -> Result<Vec<u8>, ServerError> {
        self.cryptor.unseal(version, sealed).map_err(|e| {
            ServerError(format!(
                "cannot open the {what} in the bucket: {}",
                e.naming_secret_only("sync.encryption_secret")
            ))
        })
    }

    /// Delete what can no longer be needed (see the module's header).
    pub fn cleanup(&mut self) -> Result<(), ServerError> {
        let mut versions: Vec<(Uuid, Uuid, u64)> = self
            .bucket
            .list("v-")
            .map_err(store_error)?
            .into_iter()
            .filter_map(|ObjectInfo { name, creation }| {
                parse_version_name(&name).map(|(p, c)| (c, p, creation))
            })
            .collect();
        versions.sort();
        let parent_of = |c: Uuid| {
            versions
                .binary_search_by_key(&c, |v| v.0)
                .ok()
                .map(|i| versions[i].1)
        };
        // The chain from `latest` back, child to parent.
        let latest = self.latest()?;
        let mut chain: HashMap<Uuid, Uuid> = HashMap::new();
        if let Some(mut c) = latest {
            let mut left = versions.len() + 1;
            while let Some(p) = parent_of(c) {
                chain.insert(c, p);
                c = p;
                left -= 1;
                if left == 0 {
                    return Err(ServerError(
                        "the bucket's versions make a cycle; it was not written by Taskwarrior \
                         or tcui"
                            .into(),
                    ));
                }
            }
        }
        let threshold = (self.now)().saturating_sub(MAX_VERSION_AGE_SECS);
        let old: HashSet<Uuid> = versions
            .iter()
            .filter(|(_, _, creation)| *creation < threshold)
            .map(|(c, _, _)| *c)
            .collect();
        // Versions off the chain that cannot join it (their parent is not `latest`).
        for (c, p, _) in &versions {
            if chain.get(c) != Some(p) && Some(*p) != latest {
                self.bucket
                    .del(&version_name(*p, *c))
                    .map_err(store_error)?;
            }
        }
        let snapshots: HashSet<Uuid> = self
            .bucket
            .list("s-")
            .map_err(store_error)?
            .iter()
            .filter_map(|o| parse_snapshot_name(&o.name))
            .collect();
        // The newest snapshot on the chain.
        let mut newest = None;
        let mut at = latest;
        while let Some(v) = at {
            if snapshots.contains(&v) {
                newest = Some(v);
                break;
            }
            at = chain.get(&v).copied();
        }
        let Some(newest) = newest else {
            return Ok(());
        };
        for v in snapshots.iter().filter(|v| **v != newest) {
            self.bucket.del(&snapshot_name(*v)).map_err(store_error)?;
        }
        // Old versions the snapshot holds.
        let mut v = newest;
        while let Some(p) = chain.get(&v).copied() {
            if old.contains(&v) {
                self.bucket.del(&version_name(p, v)).map_err(store_error)?;
            }
            v = p;
        }
        Ok(())
    }
}

impl<B: Bucket> Server for CloudServer<B> {
    fn add_version(
        &mut self,
        parent: Uuid,
        segment: Vec<u8>,
    ) -> Result<(AddVersionResult, SnapshotUrgency), ServerError> {
        let latest = self.latest()?;
        match latest {
            Some(l) if l != parent => {
                return Ok((AddVersionResult::ExpectedParentVersion(l), self.urgency()?));
            }
            None => {
                // A new bucket, or one emptied since this server was opened: its salt must
                // still be the one the key comes from, and its first version must start the
                // chain. (TaskChampion takes any parent here, leaving a chain no new replica
                // can follow; tcui starts it afresh.)
                self.keep_salt()?;
                if !parent.is_nil() {
                    return Ok((
                        AddVersionResult::ExpectedParentVersion(Uuid::nil()),
                        self.urgency()?,
                    ));
                }
            }
            Some(_) => {}
        }
        let version = Uuid::new_v4();
        let name = version_name(parent, version);
        let sealed = self
            .cryptor
            .seal(version, &segment)
            .map_err(|e| ServerError(format!("cannot seal the changes: {e}")))?;
        self.bucket.put(&name, &sealed).map_err(store_error)?;
        let old = latest.map(|l| l.simple().to_string());
        let new = version.simple().to_string();
        let swapped = self
            .bucket
            .compare_and_swap(LATEST, old.as_deref().map(str::as_bytes), new.as_bytes())
            .map_err(store_error)?;
        if !swapped {
            // Another replica got there first: its version is the latest now.
            self.bucket.del(&name).map_err(store_error)?;
            let latest = self.latest()?.unwrap_or(Uuid::nil());
            return Ok((
                AddVersionResult::ExpectedParentVersion(latest),
                self.urgency()?,
            ));
        }
        if self.random_byte()? < self.cleanup_chance {
            self.cleanup_chance = CLEANUP_CHANCE;
            // A failed clean-up loses nothing; the next one tries again.
            let _ = self.cleanup();
        }
        Ok((AddVersionResult::Ok(version), self.urgency()?))
    }

    fn get_child_version(&mut self, parent: Uuid) -> Result<GetVersionResult, ServerError> {
        let children = self.children(parent)?;
        let latest = self.latest()?;
        let child = if children.is_empty() {
            None
        } else {
            // There is something to clean up: do it at the next push.
            self.cleanup_chance = 255;
            match children.iter().find(|c| Some(**c) == latest) {
                Some(c) => Some(*c),
                None => {
                    // The one with children of its own is on the chain; a lost race's
                    // version has none.
                    let mut found = None;
                    for c in &children {
                        if !self.children(*c)?.is_empty() {
                            found = Some(*c);
                        }
                    }
                    found
                }
            }
        };
        let Some(child) = child else {
            return Ok(match latest {
                // Not the latest and with no child: this version is not (or no longer)
                // part of the bucket's history.
                Some(l) if l != parent => GetVersionResult::Gone,
                _ => GetVersionResult::NoSuchVersion,
            });
        };
        let Some(sealed) = self
            .bucket
            .get(&version_name(parent, child))
            .map_err(store_error)?
        else {
            return Ok(GetVersionResult::NoSuchVersion);
        };
        let history_segment = self.unseal(child, &sealed, "changes")?;
        Ok(GetVersionResult::Version {
            version_id: child,
            parent_version_id: parent,
            history_segment,
        })
    }

    fn add_snapshot(&mut self, version: Uuid, snapshot: Vec<u8>) -> Result<(), ServerError> {
        let sealed = self
            .cryptor
            .seal(version, &snapshot)
            .map_err(|e| ServerError(format!("cannot seal the snapshot: {e}")))?;
        self.bucket
            .put(&snapshot_name(version), &sealed)
            .map_err(store_error)
    }

    fn get_snapshot(&mut self) -> Result<Option<(Uuid, Vec<u8>)>, ServerError> {
        let listed: Vec<(u64, Uuid, String)> = self
            .bucket
            .list("s-")
            .map_err(store_error)?
            .into_iter()
            .filter_map(|o| parse_snapshot_name(&o.name).map(|v| (o.creation, v, o.name)))
            .collect();
        // Of several (a clean-up has not yet removed the older), the one at `latest`, else
        // the newest. (TaskChampion takes the first listed.)
        let latest = if listed.len() > 1 {
            self.latest()?
        } else {
            None
        };
        let Some((_, version, name)) = listed
            .into_iter()
            .max_by_key(|(made, v, _)| (Some(*v) == latest, *made))
        else {
            return Ok(None);
        };
        let Some(sealed) = self.bucket.get(&name).map_err(store_error)? else {
            return Ok(None);
        };
        Ok(Some((version, self.unseal(version, &sealed, "snapshot")?)))
    }
}

#[cfg(test)]
mod tests;
