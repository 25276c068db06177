//! What every object store must do for the cloud sync, checked the same way on each real
//! server (moto's S3, fake-gcs-server): the bucket's conditional writes and listing, two
//! replicas converging, a new one starting from the snapshot, and damage said with nothing
//! lost.

use tcui::replica::Replica;
use tcui::sync::cloud::{Bucket, CloudServer};
use tcui::sync::{Server, ServerError, sync};
use tempfile::TempDir;

use super::children::OpenInTurn;
use super::peer::{tcui_add, tcui_tasks};

fn names(b: &mut impl Bucket, prefix: &str) -> Vec<String> {
    b.list(prefix)
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect()
}

/// The bucket's compare-and-swap, listing and deletion.
pub fn swaps_only_what_it_was_told(b: &mut impl Bucket) {
    assert_eq!(b.get("latest").unwrap(), None);
    // Made only if absent, once.
    assert!(b.compare_and_swap("latest", None, b"one").unwrap());
    assert!(!b.compare_and_swap("latest", None, b"two").unwrap());
    // Replaced only from what it holds.
    assert!(!b.compare_and_swap("latest", Some(b"zero"), b"two").unwrap());
    assert!(b.compare_and_swap("latest", Some(b"one"), b"two").unwrap());
    assert_eq!(b.get("latest").unwrap().as_deref(), Some(&b"two"[..]));
    // Listing is by the raw start of the name.
    for name in ["v-aa-1", "v-aa-2", "v-ab-1", "s-1"] {
        b.put(name, b"x").unwrap();
    }
    assert_eq!(names(b, "v-aa-"), ["v-aa-1", "v-aa-2"]);
    assert_eq!(names(b, "v-"), ["v-aa-1", "v-aa-2", "v-ab-1"]);
    let made = b.list("s-").unwrap()[0].creation;
    let now = chrono::Utc::now().timestamp() as u64;
    assert!(made.abs_diff(now) < 600, "made at {made}, now {now}");
    b.del("v-aa-1").unwrap();
    b.del("v-aa-1").unwrap();
    assert_eq!(names(b, "v-aa-"), ["v-aa-2"]);
}

/// Two replicas converge through the bucket, and a new one starts from a snapshot once the
/// versions are gone.
pub fn replicas_converge_and_a_new_one_starts_from_the_snapshot<B: Bucket>(
    server: impl Fn() -> CloudServer<B>,
) {
    let dir = TempDir::new().unwrap();
    let open = |name: &str| Replica::open_in_turn(dir.path().join(name)).unwrap();
    let (mut a, mut b) = (open("a.redb"), open("b.redb"));
    tcui_add(&mut a, "from a");
    sync(&mut a, &mut server(), false).unwrap();
    tcui_add(&mut b, "from b");
    sync(&mut b, &mut server(), false).unwrap();
    sync(&mut a, &mut server(), false).unwrap();
    assert_eq!(tcui_tasks(&a), tcui_tasks(&b));
    assert_eq!(tcui_tasks(&a).len(), 2);

    let mut s = server();
    let latest = s.bucket().get("latest").unwrap().unwrap();
    let latest = uuid::Uuid::try_parse_ascii(&latest).unwrap();
    let tasks = a.all_task_data().unwrap();
    s.add_snapshot(latest, tcui::sync::snapshot::encode(tasks.values()))
        .unwrap();
    for o in s.bucket().list("v-").unwrap() {
        s.bucket().del(&o.name).unwrap();
    }
    let mut fresh = open("fresh.redb");
    sync(&mut fresh, &mut server(), false).unwrap();
    assert_eq!(tcui_tasks(&fresh), tcui_tasks(&a));
}

/// A damaged version object, and a `latest` naming a version the bucket does not hold: each
/// sync fails saying what happened, and the local changes stay to be sent.
pub fn damage_is_said_and_loses_nothing<B: Bucket>(server: impl Fn() -> CloudServer<B>) {
    let dir = TempDir::new().unwrap();
    let open = |name: &str| Replica::open_in_turn(dir.path().join(name)).unwrap();
    let mut a = open("a.redb");
    tcui_add(&mut a, "kept");
    sync(&mut a, &mut server(), false).unwrap();

    let mut s = server();
    let version = s.bucket().list("v-").unwrap().remove(0).name;
    s.bucket().put(&version, b"garbage").unwrap();
    let mut b = open("b.redb");
    tcui_add(&mut b, "local");
    let e = sync(&mut b, &mut server(), false).unwrap_err();
    assert!(e.to_string().contains("cannot open"), "{e}");
    assert_eq!(tcui_tasks(&b).len(), 1);
    assert!(
        b.num_local_operations().unwrap() > 0,
        "the local change is still to send"
    );

    let bogus = uuid::Uuid::new_v4().simple().to_string();
    s.bucket().put("latest", bogus.as_bytes()).unwrap();
    let e = sync(&mut a, &mut server(), false).unwrap_err();
    assert!(e.to_string().contains("Starting over"), "{e}");
    tcui_add(&mut a, "made after");
    let e = sync(&mut a, &mut server(), false).unwrap_err();
    assert!(e.to_string().contains("no longer has version"), "{e}");
    assert_eq!(tcui_tasks(&a).len(), 2);
    assert!(a.num_local_operations().unwrap() > 0);
}

/// What a sync of `replica` through `opened` (a server, or why none could be opened) said in
/// failing, as it must; the replica keeps its one task and its change to send.
pub fn failed_sync<B: Bucket>(
    replica: &mut Replica,
    opened: Result<CloudServer<B>, ServerError>,
) -> String {
    let e = match opened {
        Ok(mut s) => sync(replica, &mut s, false).unwrap_err().to_string(),
        Err(e) => e.to_string(),
    };
    assert_eq!(tcui_tasks(replica).len(), 1);
    assert!(replica.num_local_operations().unwrap() > 0, "{e}");
    e
}
