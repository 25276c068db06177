//! The cloud server over a bucket in memory: the layout, the chain, lost races, clean-up and
//! the secret, with the cases TaskChampion's own cloud server is tested on.

use super::*;
use crate::sync::cloud::MemoryBucket;

const SECRET: &[u8] = b"the secret";

fn server(bucket: &mut MemoryBucket) -> CloudServer<&mut MemoryBucket> {
    CloudServer::new(bucket, SECRET).unwrap()
}

fn names(bucket: &MemoryBucket) -> Vec<String> {
    bucket.objects.keys().cloned().collect()
}

fn added(result: (AddVersionResult, SnapshotUrgency)) -> Uuid {
    match result.0 {
        AddVersionResult::Ok(v) => v,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_salt_is_made_once_and_kept() {
    let mut bucket = MemoryBucket::default();
    server(&mut bucket);
    let salt = bucket.objects["salt"].0.clone();
    assert_eq!(salt.len(), 16);
    server(&mut bucket);
    assert_eq!(bucket.objects["salt"].0, salt);
}

#[test]
fn versions_chain_from_latest() {
    let mut bucket = MemoryBucket::default();
    let mut s = server(&mut bucket);
    assert_eq!(
        s.get_child_version(Uuid::nil()).unwrap(),
        GetVersionResult::NoSuchVersion
    );
    let v1 = added(s.add_version(Uuid::nil(), b"first".to_vec()).unwrap());
    let v2 = added(s.add_version(v1, b"second".to_vec()).unwrap());
    // A push on an old parent is told the latest.
    assert_eq!(
        s.add_version(v1, b"late".to_vec()).unwrap().0,
        AddVersionResult::ExpectedParentVersion(v2)
    );
    assert_eq!(
        s.get_child_version(Uuid::nil()).unwrap(),
        GetVersionResult::Version {
            version_id: v1,
            parent_version_id: Uuid::nil(),
            history_segment: b"first".to_vec()
        }
    );
    assert!(matches!(
        s.get_child_version(v1).unwrap(),
        GetVersionResult::Version { version_id, history_segment, .. }
            if version_id == v2 && history_segment == b"second"
    ));
    assert_eq!(
        s.get_child_version(v2).unwrap(),
        GetVersionResult::NoSuchVersion
    );
    // A version the bucket never had.
    assert_eq!(
        s.get_child_version(Uuid::new_v4()).unwrap(),
        GetVersionResult::Gone
    );
    // The layout: simple UUIDs, `latest` in plain text, segments sealed.
    let listed = names(&bucket);
    let v1_name = format!("v-{}-{}", Uuid::nil().simple(), v1.simple());
    assert!(listed.contains(&v1_name), "{listed:?}");
    assert!(listed.contains(&format!("v-{}-{}", v1.simple(), v2.simple())));
    assert_eq!(
        bucket.objects["latest"].0,
        v2.simple().to_string().into_bytes()
    );
    let sealed = &bucket.objects[&v1_name].0;
    assert!(!sealed.windows(5).any(|w| w == b"first"));
}

#[test]
fn a_lost_race_leaves_nothing_behind() {
    let mut bucket = MemoryBucket::default();
    let v1 = added(
        server(&mut bucket)
            .add_version(Uuid::nil(), b"a".to_vec())
            .unwrap(),
    );
    // Another replica moves `latest` on between this one's read and its swap: here, a
    // bucket whose swap always fails once `latest` is read, as after such a race.
    struct Racing<'a> {
        inner: &'a mut MemoryBucket,
        winner: Uuid,
    }
    impl Bucket for Racing<'_> {
        fn put(&mut self, n: &str, v: &[u8]) -> Result<(), BucketError> {
            self.inner.put(n, v)
        }
        fn get(&mut self, n: &str) -> Result<Option<Vec<u8>>, BucketError> {
            self.inner.get(n)
        }
        fn del(&mut self, n: &str) -> Result<(), BucketError> {
            self.inner.del(n)
        }
        fn list(&mut self, p: &str) -> Result<Vec<ObjectInfo>, BucketError> {
            self.inner.list(p)
        }
        fn compare_and_swap(
            &mut self,
            n: &str,
            old: Option<&[u8]>,
            new: &[u8],
        ) -> Result<bool, BucketError> {
            if n == LATEST {
                let winner = self.winner.simple().to_string();
                self.inner.put(LATEST, winner.as_bytes())?;
            }
            self.inner.compare_and_swap(n, old, new)
        }
    }
    let winner = Uuid::new_v4();
    let before = names(&bucket);
    let mut racing = CloudServer::new(
        Racing {
            inner: &mut bucket,
            winner,
        },
        SECRET,
    )
    .unwrap();
    assert_eq!(
        racing.add_version(v1, b"b".to_vec()).unwrap().0,
        AddVersionResult::ExpectedParentVersion(winner)
    );
    let mut after = names(&bucket);
    after.retain(|n| n != "latest");
    let mut before = before;
    before.retain(|n| n != "latest");
    assert_eq!(after, before, "the loser's version object is gone");
}

#[test]
fn of_two_children_the_one_on_the_chain_is_followed() {
    let mut bucket = MemoryBucket::default();
    let mut s = server(&mut bucket);
    let v1 = added(s.add_version(Uuid::nil(), b"1".to_vec()).unwrap());
    let v2 = added(s.add_version(v1, b"2".to_vec()).unwrap());
    let v3 = added(s.add_version(v2, b"3".to_vec()).unwrap());
    // A version left by a replica that stopped between writing it and moving `latest`.
    let orphan = Uuid::new_v4();
    let sealed = s.cryptor.seal(orphan, b"orphan").unwrap();
    s.bucket().put(&version_name(v1, orphan), &sealed).unwrap();
    assert!(matches!(
        s.get_child_version(v1).unwrap(),
        GetVersionResult::Version { version_id, .. } if version_id == v2
    ));
    // Under `latest` itself, the child `latest` names wins.
    let stray = Uuid::new_v4();
    s.bucket().put(&version_name(v2, stray), &sealed).unwrap();
    assert!(matches!(
        s.get_child_version(v2).unwrap(),
        GetVersionResult::Version { version_id, .. } if version_id == v3
    ));
    // The clean-up takes both away: neither can join the chain.
    s.cleanup().unwrap();
    let listed = names(&bucket);
    assert!(
        !listed
            .iter()
            .any(|n| n.ends_with(&orphan.simple().to_string()))
    );
    assert!(
        !listed
            .iter()
            .any(|n| n.ends_with(&stray.simple().to_string()))
    );
    assert_eq!(listed.iter().filter(|n| n.starts_with("v-")).count(), 3);
}

#[test]
fn a_child_of_latest_may_still_join_and_is_kept() {
    let mut bucket = MemoryBucket::default();
    let mut s = server(&mut bucket);
    let v1 = added(s.add_version(Uuid::nil(), b"1".to_vec()).unwrap());
    // Written, `latest` not yet moved: another replica is mid-push.
    let pending = Uuid::new_v4();
    s.bucket().put(&version_name(v1, pending), b"x").unwrap();
    s.cleanup().unwrap();
    assert!(bucket.objects.contains_key(&version_name(v1, pending)));
}

#[test]
fn snapshots_round_trip_and_only_the_newest_is_kept() {
    let mut bucket = MemoryBucket::default();
    let mut s = server(&mut bucket);
    assert_eq!(s.get_snapshot().unwrap(), None);
    let v1 = added(s.add_version(Uuid::nil(), b"1".to_vec()).unwrap());
    s.add_snapshot(v1, b"tasks at 1".to_vec()).unwrap();
    assert_eq!(
        s.get_snapshot().unwrap(),
        Some((v1, b"tasks at 1".to_vec()))
    );
    let v2 = added(s.add_version(v1, b"2".to_vec()).unwrap());
    s.bucket().clock += 10;
    s.add_snapshot(v2, b"tasks at 2".to_vec()).unwrap();
    // Before a clean-up, of the two the one at `latest` is read, whatever the listing's order.
    assert_eq!(
        s.get_snapshot().unwrap(),
        Some((v2, b"tasks at 2".to_vec()))
    );
    let v3 = added(s.add_version(v2, b"3".to_vec()).unwrap());
    assert_eq!(
        s.get_snapshot().unwrap().map(|(v, _)| v),
        Some(v2),
        "then the newer, {v3} having none"
    );
    s.cleanup().unwrap();
    assert_eq!(
        s.get_snapshot().unwrap(),
        Some((v2, b"tasks at 2".to_vec()))
    );
    assert!(!bucket.objects.contains_key(&snapshot_name(v1)));
}

#[test]
fn old_versions_a_snapshot_holds_are_deleted() {
    let mut bucket = MemoryBucket {
        clock: 1_000,
        ..MemoryBucket::default()
    };
    let mut s = server(&mut bucket);
    s.now = || 1_000 + MAX_VERSION_AGE_SECS + 10;
    let v1 = added(s.add_version(Uuid::nil(), b"1".to_vec()).unwrap());
    let v2 = added(s.add_version(v1, b"2".to_vec()).unwrap());
    s.add_snapshot(v1, b"tasks at 1".to_vec()).unwrap();
    s.cleanup().unwrap();
    // v1 is in the snapshot and old: gone. v2 is old but after the snapshot: kept.
    assert!(!bucket.objects.contains_key(&version_name(Uuid::nil(), v1)));
    assert!(bucket.objects.contains_key(&version_name(v1, v2)));
    // A replica at nil now starts from the snapshot; one at v1 goes on.
    let mut s = server(&mut bucket);
    assert_eq!(
        s.get_child_version(Uuid::nil()).unwrap(),
        GetVersionResult::Gone
    );
    assert!(matches!(
        s.get_child_version(v1).unwrap(),
        GetVersionResult::Version { version_id, .. } if version_id == v2
    ));
}

#[test]
fn a_wrong_secret_or_a_damaged_bucket_is_said() {
    let mut bucket = MemoryBucket::default();
    added(
        server(&mut bucket)
            .add_version(Uuid::nil(), b"1".to_vec())
            .unwrap(),
    );
    let mut other = CloudServer::new(&mut bucket, b"another secret").unwrap();
    let e = other.get_child_version(Uuid::nil()).unwrap_err();
    assert!(
        e.0.contains("the encryption secret (sync.encryption_secret) differs"),
        "{e}"
    );
    assert!(!e.0.contains("client id"), "{e}");
    bucket.put(LATEST, b"not a version").unwrap();
    let e = server(&mut bucket)
        .add_version(Uuid::nil(), b"x".to_vec())
        .unwrap_err();
    assert!(e.0.contains("`latest`"), "{e}");
}

#[test]
fn names_read_back_as_written() {
    let (p, c) = (Uuid::new_v4(), Uuid::new_v4());
    assert_eq!(parse_version_name(&version_name(p, c)), Some((p, c)));
    assert_eq!(parse_snapshot_name(&snapshot_name(c)), Some(c));
    for bad in ["v-", "v-xyz", "s-123", "latest", "salt"] {
        assert_eq!(parse_version_name(bad), None);
        assert_eq!(parse_snapshot_name(bad), None);
    }
}

#[test]
fn a_store_that_never_keeps_the_salt_is_refused_not_looped_on() {
    struct Forgetful;
    impl Bucket for Forgetful {
        fn put(&mut self, _: &str, _: &[u8]) -> Result<(), BucketError> {
            Ok(())
        }
        fn get(&mut self, _: &str) -> Result<Option<Vec<u8>>, BucketError> {
            Ok(None)
        }
        fn del(&mut self, _: &str) -> Result<(), BucketError> {
            Ok(())
        }
        fn list(&mut self, _: &str) -> Result<Vec<ObjectInfo>, BucketError> {
            Ok(Vec::new())
        }
        fn compare_and_swap(
            &mut self,
            _: &str,
            _: Option<&[u8]>,
            _: &[u8],
        ) -> Result<bool, BucketError> {
            Ok(false)
        }
    }
    let e = CloudServer::new(Forgetful, SECRET).err().unwrap();
    assert!(e.0.contains("`salt`"), "{e}");
}
