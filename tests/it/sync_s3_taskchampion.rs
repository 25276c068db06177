//! tcui and the real `taskchampion` crate (what Taskwarrior 3 runs for `sync.aws.*`) syncing
//! through one bucket of moto's S3 server on 127.0.0.1: changes both ways, edits made on both
//! sides at once, a new replica of either starting from the other's snapshot, and pushes that
//! race for `latest`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

use crate::support::children::OpenInTurn;
use crate::support::moto::Moto;
use crate::support::peer::{Peer, Tasks, tcui_add, tcui_set, tcui_tasks};
use tcui::replica::Replica;
use tcui::sync::cloud::{Bucket, BucketError, CloudServer, ObjectBucket, ObjectInfo};
use tcui::sync::sync;
use tempfile::TempDir;

const BUCKET: &str = "tasks";
const SECRET: &[u8] = b"one secret for both";

/// A taskchampion replica on the bucket, as Taskwarrior's with `sync.aws.*`.
fn peer(moto: &Moto) -> Peer {
    Peer::new(moto.taskchampion_config(BUCKET, SECRET))
}

fn server(moto: &Moto) -> CloudServer<ObjectBucket> {
    moto.server(BUCKET, SECRET)
}

fn objects(moto: &Moto, prefix: &str) -> Vec<String> {
    let mut b = moto.bucket(BUCKET);
    b.list(prefix)
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect()
}

/// Remove every version object, as a clean-up does once a snapshot holds them.
fn drop_versions(moto: &Moto) {
    let mut b = moto.bucket(BUCKET);
    for name in objects(moto, "v-") {
        b.del(&name).unwrap();
    }
}

#[test]
fn changes_travel_both_ways_and_edits_on_both_sides_settle_alike() {
    let moto = Moto::start(BUCKET);
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("tcui.redb")).unwrap();
    let mut theirs = peer(&moto);

    // taskchampion first: it makes the salt, tcui finds and uses it.
    let from_tw = theirs.add("from taskwarrior");
    theirs.sync();
    sync(&mut ours, &mut server(&moto), true).unwrap();
    assert_eq!(
        tcui_tasks(&ours)[&from_tw]["description"],
        "from taskwarrior"
    );
    assert_eq!(objects(&moto, "salt"), ["salt"]);

    let from_tcui = tcui_add(&mut ours, "from tcui");
    sync(&mut ours, &mut server(&moto), true).unwrap();
    theirs.sync();
    assert_eq!(theirs.tasks()[&from_tcui]["description"], "from tcui");

    // Both change the same tasks before either syncs: different properties both stay, the
    // same property ends the same on both sides.
    theirs.set(from_tw, "priority", Some("H"));
    theirs.set(from_tcui, "project", Some("theirs"));
    tcui_set(&mut ours, from_tw, "project", Some("Home"));
    tcui_set(&mut ours, from_tcui, "project", Some("ours"));
    theirs.sync();
    sync(&mut ours, &mut server(&moto), true).unwrap();
    theirs.sync();
    let settled = tcui_tasks(&ours);
    assert_eq!(settled, theirs.tasks());
    assert_eq!(settled[&from_tw]["priority"], "H");
    assert_eq!(settled[&from_tw]["project"], "Home");
    assert!(["ours", "theirs"].contains(&settled[&from_tcui]["project"].as_str()));
}

#[test]
fn a_new_replica_of_either_starts_from_the_others_snapshot() {
    let moto = Moto::start(BUCKET);
    let dir = TempDir::new().unwrap();
    let open = |name: &str| Replica::open_in_turn(dir.path().join(name)).unwrap();

    // taskchampion sends a snapshot when the bucket's server asks (about one sync in nine).
    let mut theirs = peer(&moto);
    let mut made = 0;
    while objects(&moto, "s-").is_empty() {
        made += 1;
        assert!(made < 300, "taskchampion never sent a snapshot");
        theirs.add(&format!("task {made}"));
        theirs.sync();
    }
    drop_versions(&moto);
    let mut fresh = open("fresh.redb");
    sync(&mut fresh, &mut server(&moto), true).unwrap();
    assert_eq!(tcui_tasks(&fresh).len(), made);
    assert_eq!(tcui_tasks(&fresh), theirs.tasks());
    // The chain goes on from the snapshot's version.
    let later = theirs.add("after the snapshot");
    theirs.sync();
    sync(&mut fresh, &mut server(&moto), true).unwrap();
    assert!(tcui_tasks(&fresh).contains_key(&later));

    // And the other way: tcui's snapshot, read by a new taskchampion replica.
    let before: Vec<String> = objects(&moto, "s-");
    let mut rounds = 0;
    while objects(&moto, "s-") == before {
        rounds += 1;
        assert!(rounds < 300, "tcui never sent a snapshot");
        tcui_add(&mut fresh, &format!("tcui task {rounds}"));
        sync(&mut fresh, &mut server(&moto), false).unwrap();
    }
    // A clean-up keeps only the newest snapshot, which taskchampion reads first.
    server(&moto).cleanup().unwrap();
    assert_eq!(objects(&moto, "s-").len(), 1);
    drop_versions(&moto);
    let mut new_peer = peer(&moto);
    new_peer.sync();
    assert_eq!(new_peer.tasks(), tcui_tasks(&fresh));
    assert_eq!(new_peer.tasks().len(), made + 1 + rounds);
}

/// A bucket that runs `before` just before its first swap of `latest`, and counts the swaps
/// it lost.
struct Racing<'a> {
    inner: ObjectBucket,
    before: Option<Box<dyn FnOnce() + 'a>>,
    lost: Arc<AtomicUsize>,
}

impl Bucket for Racing<'_> {
    fn put(&mut self, name: &str, value: &[u8]) -> Result<(), BucketError> {
        self.inner.put(name, value)
    }
    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>, BucketError> {
        self.inner.get(name)
    }
    fn del(&mut self, name: &str) -> Result<(), BucketError> {
        self.inner.del(name)
    }
    fn list(&mut self, prefix: &str) -> Result<Vec<ObjectInfo>, BucketError> {
        self.inner.list(prefix)
    }
    fn compare_and_swap(
        &mut self,
        name: &str,
        existing: Option<&[u8]>,
        new: &[u8],
    ) -> Result<bool, BucketError> {
        if name == "latest"
            && let Some(before) = self.before.take()
        {
            before();
        }
        let swapped = self.inner.compare_and_swap(name, existing, new)?;
        if name == "latest" && !swapped {
            self.lost.fetch_add(1, Ordering::SeqCst);
        }
        Ok(swapped)
    }
}

#[test]
fn a_push_that_loses_the_race_for_latest_tries_again_and_loses_nothing() {
    let moto = Moto::start(BUCKET);
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("tcui.redb")).unwrap();
    let mut theirs = peer(&moto);
    theirs.add("first");
    theirs.sync();
    sync(&mut ours, &mut server(&moto), true).unwrap();

    // tcui has read `latest` and written its version; taskchampion pushes in between.
    let mine = tcui_add(&mut ours, "mine");
    let lost = Arc::new(AtomicUsize::new(0));
    let theirs_ref = &mut theirs;
    let racing = Racing {
        inner: moto.bucket(BUCKET),
        before: Some(Box::new(move || {
            theirs_ref.add("theirs");
            theirs_ref.sync();
        })),
        lost: lost.clone(),
    };
    let mut s = CloudServer::new(racing, SECRET).unwrap();
    sync(&mut ours, &mut s, true).unwrap();
    drop(s);
    assert_eq!(lost.load(Ordering::SeqCst), 1, "tcui's first swap lost");
    theirs.sync();
    let all = tcui_tasks(&ours);
    assert_eq!(all.len(), 3);
    assert!(all.contains_key(&mine));
    assert_eq!(all, theirs.tasks());
    // The lost version was not left in the chain: every version has its own parent.
    let versions = objects(&moto, "v-");
    let parents: std::collections::BTreeSet<&str> = versions.iter().map(|v| &v[2..34]).collect();
    assert_eq!(parents.len(), versions.len(), "{versions:?}");
}

#[test]
fn tcui_and_taskchampion_pushing_at_the_same_moment_lose_nothing() {
    const ROUNDS: usize = 12;
    let moto = Moto::start(BUCKET);
    let dir = TempDir::new().unwrap();
    // Both start from one chain and one salt.
    peer(&moto).sync();
    let start = Arc::new(Barrier::new(2));
    let lost = Arc::new(AtomicUsize::new(0));

    let (ours, theirs): (Tasks, Tasks) = std::thread::scope(|scope| {
        let tw = scope.spawn(|| {
            let mut theirs = peer(&moto);
            for round in 0..ROUNDS {
                theirs.add(&format!("theirs {round}"));
                start.wait();
                theirs.sync();
            }
            start.wait();
            theirs.sync();
            theirs.tasks()
        });
        let mut ours = Replica::open_in_turn(dir.path().join("tcui.redb")).unwrap();
        let mut s = CloudServer::new(
            Racing {
                inner: moto.bucket(BUCKET),
                before: None,
                lost: lost.clone(),
            },
            SECRET,
        )
        .unwrap();
        for round in 0..ROUNDS {
            tcui_add(&mut ours, &format!("ours {round}"));
            start.wait();
            sync(&mut ours, &mut s, true).unwrap();
        }
        // taskchampion's last sync runs after this one.
        sync(&mut ours, &mut s, true).unwrap();
        start.wait();
        let theirs = tw.join().unwrap();
        (tcui_tasks(&ours), theirs)
    });
    // What taskchampion's last sync brought, tcui has after one more.
    let mut ours_again = Replica::open_in_turn(dir.path().join("tcui.redb")).unwrap();
    sync(&mut ours_again, &mut server(&moto), true).unwrap();
    let ours_final = tcui_tasks(&ours_again);
    eprintln!(
        "tcui lost {} of its swaps of `latest` to taskchampion",
        lost.load(Ordering::SeqCst)
    );
    assert_eq!(ours_final.len(), 2 * ROUNDS, "{ours:?}");
    assert_eq!(theirs.len(), 2 * ROUNDS);
    assert_eq!(ours_final, theirs);
}
