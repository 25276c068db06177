//! The object-store sync through a real S3 server on 127.0.0.1 (moto, see
//! `support::moto`): the bucket's conditional writes, two replicas converging, a new one
//! starting from the snapshot, and the faults a user meets (no such bucket, nothing
//! listening, keys refused, a clock too far off, a damaged version) said clearly with nothing
//! lost.

use crate::support::canned::Canned;
use crate::support::children::OpenInTurn;
use crate::support::cloud_checks;
use crate::support::moto::{self, Moto};
use crate::support::peer::tcui_add;
use tcui::replica::Replica;
use tcui::sync::ServerError;
use tcui::sync::cloud::{CloudServer, ObjectBucket};
use tempfile::TempDir;

const BUCKET: &str = "tasks";

fn server(moto: &Moto) -> CloudServer<ObjectBucket> {
    moto.server(BUCKET, b"shared secret")
}

/// The bucket at `url`, asked once, without the client's retries.
fn bucket_at(url: &str) -> ObjectBucket {
    let store = moto::client(url, BUCKET)
        .with_retry(object_store::RetryConfig {
            max_retries: 0,
            ..Default::default()
        })
        .build()
        .unwrap();
    moto::as_bucket(std::sync::Arc::new(store), BUCKET)
}

#[test]
fn the_bucket_swaps_only_what_it_was_told() {
    let moto = Moto::start(BUCKET);
    cloud_checks::swaps_only_what_it_was_told(&mut moto.bucket(BUCKET));
}

#[test]
fn replicas_converge_through_s3_and_a_new_one_starts_from_the_snapshot() {
    let moto = Moto::start(BUCKET);
    cloud_checks::replicas_converge_and_a_new_one_starts_from_the_snapshot(|| server(&moto));
}

#[test]
fn damage_in_the_bucket_is_said_and_loses_nothing() {
    let moto = Moto::start(BUCKET);
    cloud_checks::damage_is_said_and_loses_nothing(|| server(&moto));
}

#[test]
fn a_bucket_that_cannot_be_used_is_said_and_loses_nothing() {
    let moto = Moto::start(BUCKET);
    let dir = TempDir::new().unwrap();
    let mut a = Replica::open_in_turn(dir.path().join("a.redb")).unwrap();
    tcui_add(&mut a, "kept");
    let mut try_sync =
        |s: Result<CloudServer<ObjectBucket>, ServerError>| cloud_checks::failed_sync(&mut a, s);

    // No such bucket.
    let e = try_sync(CloudServer::new(moto.bucket("missing"), b"s"));
    assert!(e.contains("the S3 bucket missing"), "{e}");
    assert!(e.contains("check that the bucket exists"), "{e}");

    // Nothing listening.
    let port = Moto::start("").port;
    let e = try_sync(CloudServer::new(
        bucket_at(&format!("http://127.0.0.1:{port}")),
        b"s",
    ));
    assert!(e.contains("the S3 bucket tasks failed"), "{e}");
    assert!(e.contains("check sync.aws.endpoint_url"), "{e}");

    // Keys the store does not know: 403, and the settings to check.
    let guarded = Moto::start_guarded(BUCKET);
    let e = try_sync(CloudServer::new(bucket_at(&guarded.url()), b"s"));
    assert!(e.contains("refused tcui"), "{e}");
    assert!(e.contains("InvalidAccessKeyId"), "{e}");
    assert!(
        e.contains("check sync.aws.access_key_id and sync.aws.secret_access_key"),
        "{e}"
    );

    // A clock too far from the store's, as S3 answers it.
    let skewed = Canned::start(
        403,
        "application/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>RequestTimeTooSkewed</Code>\
         <Message>The difference between the request time and the current time is too \
         large.</Message></Error>",
    );
    let e = try_sync(CloudServer::new(bucket_at(&skewed.url()), b"s"));
    assert!(e.contains("RequestTimeTooSkewed"), "{e}");
    assert!(e.contains("set the clock right"), "{e}");
    assert!(!e.contains("check sync.aws"), "{e}");
    assert!(!e.contains('\n'), "{e}");
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
    // `tcui status` tells of that failure, though the bucket could not even be opened.
    let said = ok(
        missing.path(),
        &["status", "--format", "{sync}|{sync_error}"],
    );
    assert!(said.starts_with(", sync failed|"), "{said}");
    assert!(said.contains("the S3 bucket nosuchbucket"), "{said}");
}
