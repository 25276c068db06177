//! The object-store sync through a real S3 server on 127.0.0.1 (moto, see
//! `support::moto`): the bucket's conditional writes, two replicas converging, a new one
//! starting from the snapshot, and the faults a user meets (no such bucket, nothing
//! listening, a damaged version) said clearly with nothing lost.

use crate::support::children::OpenInTurn;
use crate::support::moto::Moto;
use crate::support::peer::{tcui_add, tcui_tasks};
use tcui::replica::Replica;
use tcui::sync::cloud::{Bucket, CloudServer, ObjectBucket};
use tcui::sync::{Server, sync};
use tempfile::TempDir;

const BUCKET: &str = "tasks";

fn bucket(moto: &Moto, name: &str) -> ObjectBucket {
    moto.bucket(name)
}

fn server(moto: &Moto) -> CloudServer<ObjectBucket> {
    moto.server(BUCKET, b"shared secret")
}

#[test]
fn the_bucket_swaps_only_what_it_was_told() {
    let moto = Moto::start(BUCKET);
    let mut b = bucket(&moto, BUCKET);
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
    let names = |b: &mut ObjectBucket, p: &str| -> Vec<String> {
        b.list(p).unwrap().into_iter().map(|o| o.name).collect()
    };
    assert_eq!(names(&mut b, "v-aa-"), ["v-aa-1", "v-aa-2"]);
    assert_eq!(names(&mut b, "v-"), ["v-aa-1", "v-aa-2", "v-ab-1"]);
    b.del("v-aa-1").unwrap();
    b.del("v-aa-1").unwrap();
    assert_eq!(names(&mut b, "v-aa-"), ["v-aa-2"]);
}

#[test]
fn replicas_converge_through_s3_and_a_new_one_starts_from_the_snapshot() {
    let moto = Moto::start(BUCKET);
    let dir = TempDir::new().unwrap();
    let open = |name: &str| Replica::open_in_turn(dir.path().join(name)).unwrap();
    let (mut a, mut b) = (open("a.redb"), open("b.redb"));
    tcui_add(&mut a, "from a");
    sync(&mut a, &mut server(&moto), false).unwrap();
    tcui_add(&mut b, "from b");
    sync(&mut b, &mut server(&moto), false).unwrap();
    sync(&mut a, &mut server(&moto), false).unwrap();
    assert_eq!(tcui_tasks(&a), tcui_tasks(&b));
    assert_eq!(tcui_tasks(&a).len(), 2);

    // A snapshot at the latest version, and the versions gone: a new replica starts from it.
    let mut s = server(&moto);
    let latest = s.bucket().get("latest").unwrap().unwrap();
    let latest = uuid::Uuid::try_parse_ascii(&latest).unwrap();
    let tasks = a.all_task_data().unwrap();
    s.add_snapshot(latest, tcui::sync::snapshot::encode(tasks.values()))
        .unwrap();
    for o in s.bucket().list("v-").unwrap() {
        s.bucket().del(&o.name).unwrap();
    }
    let mut fresh = open("fresh.redb");
    sync(&mut fresh, &mut server(&moto), false).unwrap();
    assert_eq!(tcui_tasks(&fresh), tcui_tasks(&a));
}

#[test]
fn faults_are_said_and_lose_nothing() {
    let moto = Moto::start(BUCKET);
    let dir = TempDir::new().unwrap();
    let mut a = Replica::open_in_turn(dir.path().join("a.redb")).unwrap();
    tcui_add(&mut a, "kept");

    // No such bucket.
    let e = CloudServer::new(bucket(&moto, "missing"), b"s")
        .err()
        .unwrap();
    assert!(e.0.contains("S3 bucket missing"), "{e}");

    // Nothing listening.
    let gone = Moto::start("");
    let port = gone.port;
    drop(gone);
    let store = object_store::aws::AmazonS3Builder::new()
        .with_endpoint(format!("http://127.0.0.1:{port}"))
        .with_allow_http(true)
        .with_virtual_hosted_style_request(false)
        .with_region("us-east-1")
        .with_bucket_name(BUCKET)
        .with_access_key_id("test")
        .with_secret_access_key("test")
        .with_retry(object_store::RetryConfig {
            max_retries: 0,
            ..Default::default()
        })
        .build()
        .unwrap();
    let unreachable =
        ObjectBucket::new(std::sync::Arc::new(store), "the S3 bucket tasks", "x").unwrap();
    let e = CloudServer::new(unreachable, b"s").err().unwrap();
    assert!(e.0.contains("the S3 bucket tasks failed"), "{e}");

    // A damaged version: the sync fails with what to do, and the local change stays.
    sync(&mut a, &mut server(&moto), false).unwrap();
    let mut s = server(&moto);
    let version = s.bucket().list("v-").unwrap().remove(0).name;
    s.bucket().put(&version, b"garbage").unwrap();
    let dir2 = TempDir::new().unwrap();
    let mut b = Replica::open_in_turn(dir2.path().join("b.redb")).unwrap();
    tcui_add(&mut b, "local");
    let e = sync(&mut b, &mut server(&moto), false).unwrap_err();
    assert!(e.to_string().contains("cannot open"), "{e}");
    assert_eq!(tcui_tasks(&b).len(), 1);
    assert!(
        b.num_local_operations().unwrap() > 0,
        "the local change is still to send"
    );

    // `latest` naming a version the bucket does not hold: refused, the local change kept.
    let mut s = server(&moto);
    let bogus = uuid::Uuid::new_v4().simple().to_string();
    s.bucket().put("latest", bogus.as_bytes()).unwrap();
    let e = sync(&mut a, &mut server(&moto), false).unwrap_err();
    assert!(e.to_string().contains("Starting over"), "{e}");
    tcui_add(&mut a, "made after");
    let e = sync(&mut a, &mut server(&moto), false).unwrap_err();
    assert!(e.to_string().contains("no longer has version"), "{e}");
    assert_eq!(tcui_tasks(&a).len(), 2);
    assert!(a.num_local_operations().unwrap() > 0);
}

/// A home whose taskrc syncs with `bucket` on `moto`, signed in by `sign_in` lines.
fn s3_home(moto: &Moto, bucket: &str, sign_in: &str) -> TempDir {
    let home = crate::support::cli_run::home();
    std::fs::write(
        home.path().join("taskrc"),
        format!(
            "sync.aws.bucket={bucket}\nsync.aws.region=us-east-1\n\
             sync.aws.endpoint_url={}\nsync.aws.force_path_style=true\n\
             sync.encryption_secret=shared secret\n{sign_in}",
            moto.url()
        ),
    )
    .unwrap();
    home
}

#[test]
fn tcui_sync_with_the_taskrcs_s3_settings() {
    use crate::support::cli_run::{ok, stderr, tcui};
    let moto = Moto::start(BUCKET);
    let keys = "sync.aws.access_key_id=test\nsync.aws.secret_access_key=test\n";
    let (one, two) = (s3_home(&moto, BUCKET, keys), s3_home(&moto, BUCKET, ""));
    // The second signs in with a profile of its credentials file.
    std::fs::create_dir_all(two.path().join(".aws")).unwrap();
    std::fs::write(
        two.path().join(".aws/credentials"),
        "[default]\naws_access_key_id=x\naws_secret_access_key=y\n\
         [sync]\naws_access_key_id=test\naws_secret_access_key=test\n",
    )
    .unwrap();
    let taskrc = two.path().join("taskrc");
    let text = std::fs::read_to_string(&taskrc).unwrap();
    std::fs::write(&taskrc, format!("{text}sync.aws.profile=sync\n")).unwrap();

    ok(one.path(), &["add", "Pay rent"]);
    let said = ok(one.path(), &["sync"]);
    assert!(said.contains("pushed"), "{said}");
    ok(two.path(), &["sync"]);
    let listed = ok(two.path(), &["rc.verbose=nothing", "list"]);
    assert!(listed.contains("Pay rent"), "{listed}");
    let shown = ok(one.path(), &["config", "sync"]);
    assert!(
        shown.contains("syncs with the bucket tasks at http://127.0.0.1"),
        "{shown}"
    );
    assert!(!shown.contains("secret_access_key=test"), "{shown}");

    // Two ways to sign in at once, or none: what to fix.
    let both = s3_home(
        &moto,
        BUCKET,
        &format!("{keys}sync.aws.default_credentials=true\n"),
    );
    let out = tcui(both.path(), &["sync"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("set only one of"), "{}", stderr(&out));
    let none = s3_home(&moto, BUCKET, "");
    let out = tcui(none.path(), &["sync"]);
    assert!(
        stderr(&out).contains("say how to sign in"),
        "{}",
        stderr(&out)
    );
    // A bucket that is not there.
    let missing = s3_home(&moto, "nosuchbucket", keys);
    let out = tcui(missing.path(), &["sync"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("the S3 bucket nosuchbucket"),
        "{}",
        stderr(&out)
    );
}
