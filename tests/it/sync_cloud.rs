//! Replicas syncing through the object-store layout over one bucket (in memory here): edits
//! on both sides converge, a push that loses the race to `latest` pulls and pushes again,
//! and a new replica starts from the bucket's snapshot.

use std::cell::RefCell;
use std::rc::Rc;

use crate::support::children::OpenInTurn;
use crate::support::peer::{tcui_add, tcui_tasks};
use tcui::replica::Replica;
use tcui::sync::cloud::{Bucket, BucketError, CloudServer, MemoryBucket, ObjectInfo};
use tcui::sync::sync;
use tempfile::TempDir;

/// One bucket that several servers use, as several machines use one S3 bucket.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<MemoryBucket>>);

impl Bucket for Shared {
    fn put(&mut self, n: &str, v: &[u8]) -> Result<(), BucketError> {
        self.0.borrow_mut().put(n, v)
    }
    fn get(&mut self, n: &str) -> Result<Option<Vec<u8>>, BucketError> {
        self.0.borrow_mut().get(n)
    }
    fn del(&mut self, n: &str) -> Result<(), BucketError> {
        self.0.borrow_mut().del(n)
    }
    fn list(&mut self, p: &str) -> Result<Vec<ObjectInfo>, BucketError> {
        self.0.borrow_mut().list(p)
    }
    fn compare_and_swap(
        &mut self,
        n: &str,
        old: Option<&[u8]>,
        new: &[u8],
    ) -> Result<bool, BucketError> {
        self.0.borrow_mut().compare_and_swap(n, old, new)
    }
}

fn replica(dir: &TempDir, name: &str) -> Replica {
    Replica::open_in_turn(dir.path().join(name)).unwrap()
}

fn server(bucket: &Shared) -> CloudServer<Shared> {
    CloudServer::new(bucket.clone(), b"shared secret").unwrap()
}

#[test]
fn two_replicas_converge_through_one_bucket() {
    let dir = TempDir::new().unwrap();
    let bucket = Shared::default();
    let (mut a, mut b) = (replica(&dir, "a.redb"), replica(&dir, "b.redb"));
    tcui_add(&mut a, "from a");
    sync(&mut a, &mut server(&bucket), false).unwrap();
    tcui_add(&mut b, "from b");
    // b's push finds a's version first: it pulls, then pushes on top.
    sync(&mut b, &mut server(&bucket), false).unwrap();
    sync(&mut a, &mut server(&bucket), false).unwrap();
    assert_eq!(tcui_tasks(&a), tcui_tasks(&b));
    assert_eq!(tcui_tasks(&a).len(), 2);
    // Nothing in the bucket is readable without the secret.
    let objects = bucket.0.borrow();
    for (name, (value, _)) in &objects.objects {
        if name.starts_with("v-") || name.starts_with("s-") {
            assert!(!value.windows(6).any(|w| w == b"from a"), "{name}");
        }
    }
}

#[test]
fn a_new_replica_starts_from_the_snapshot() {
    let dir = TempDir::new().unwrap();
    let bucket = Shared::default();
    let mut a = replica(&dir, "a.redb");
    for i in 0..5 {
        tcui_add(&mut a, &format!("task {i}"));
    }
    sync(&mut a, &mut server(&bucket), false).unwrap();
    // The snapshot a replica uploads when the server asks for one (by chance, in this
    // layout): made here at the latest version.
    let latest = bucket.0.borrow().objects["latest"].0.clone();
    let latest = uuid::Uuid::try_parse_ascii(&latest).unwrap();
    let tasks = a.all_task_data().unwrap();
    let bytes = tcui::sync::snapshot::encode(tasks.values());
    tcui::sync::Server::add_snapshot(&mut server(&bucket), latest, bytes).unwrap();
    // The versions the snapshot holds are gone, as a clean-up removes them after half a
    // year: only the snapshot can start a new replica now.
    let versions: Vec<String> = bucket
        .clone()
        .list("v-")
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert!(!versions.is_empty());
    for name in versions {
        bucket.clone().del(&name).unwrap();
    }
    let mut fresh = replica(&dir, "fresh.redb");
    sync(&mut fresh, &mut server(&bucket), false).unwrap();
    assert_eq!(tcui_tasks(&fresh), tcui_tasks(&a));
    assert_eq!(tcui_tasks(&fresh).len(), 5);
}

/// Every object of the bucket removed, as a user emptying it by hand.
fn empty(bucket: &mut Shared) {
    for prefix in ["v-", "s-", "latest", "salt"] {
        for o in bucket.list(prefix).unwrap() {
            bucket.del(&o.name).unwrap();
        }
    }
}

#[test]
fn a_bucket_emptied_under_a_running_sync_is_started_afresh_and_others_can_join() {
    let dir = TempDir::new().unwrap();
    let mut bucket = Shared::default();
    let mut a = replica(&dir, "a.redb");
    // One server and one syncer kept from sync to sync, as the interface keeps them.
    let mut s = server(&bucket);
    let mut syncer = tcui::sync::Syncer::new(true);
    tcui_add(&mut a, "before");
    syncer.sync(&mut a, &mut s).unwrap();

    empty(&mut bucket);
    tcui_add(&mut a, "after");
    syncer.sync(&mut a, &mut s).unwrap();
    // The chain starts at nil again, under the salt the key came from.
    let versions = bucket.list("v-").unwrap();
    assert!(
        versions.iter().any(|o| o
            .name
            .starts_with(&format!("v-{}-", uuid::Uuid::nil().simple()))),
        "{versions:?}"
    );
    let mut b = replica(&dir, "b.redb");
    sync(&mut b, &mut server(&bucket), true).unwrap();
    assert_eq!(tcui_tasks(&b), tcui_tasks(&a));
    assert_eq!(tcui_tasks(&b).len(), 2);

    // Emptied again, and another replica came first and made a salt of its own: said, and
    // a server opened on the bucket as it is now sends every task, which the other gets.
    empty(&mut bucket);
    let mut c = replica(&dir, "c.redb");
    sync(&mut c, &mut server(&bucket), true).unwrap();
    tcui_add(&mut a, "later");
    let e = syncer.sync(&mut a, &mut s).unwrap_err();
    assert!(e.to_string().contains("with a new salt"), "{e}");
    assert!(a.num_local_operations().unwrap() > 0);
    let report = syncer.sync(&mut a, &mut server(&bucket)).unwrap();
    assert_eq!(report.seeded_tasks, Some(3));
    sync(&mut c, &mut server(&bucket), true).unwrap();
    assert_eq!(tcui_tasks(&c), tcui_tasks(&a));

    // Emptied, and another replica pushed first: this one's history is gone from the
    // bucket, which is said, with nothing lost here.
    empty(&mut bucket);
    let mut d = replica(&dir, "d.redb");
    tcui_add(&mut d, "from d");
    sync(&mut d, &mut server(&bucket), true).unwrap();
    tcui_add(&mut a, "last");
    let e = syncer.sync(&mut a, &mut server(&bucket)).unwrap_err();
    assert!(e.to_string().contains("no longer has version"), "{e}");
    assert_eq!(tcui_tasks(&a).len(), 4);
    assert!(a.num_local_operations().unwrap() > 0);
}
