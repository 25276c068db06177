//! The object-store sync through a real Google Cloud Storage server on 127.0.0.1
//! (fake-gcs-server, see `support::fake_gcs`): the bucket's conditional writes, replicas
//! converging, a new one starting from the snapshot, damage and refusals said with nothing
//! lost, and `tcui sync` with the taskrc's `sync.gcp.*`.

use crate::support::canned::Canned;
use crate::support::children::{InTurn, OpenInTurn};
use crate::support::cli_run::{ok, stderr};
use crate::support::cloud_checks;
use crate::support::fake_gcs::FakeGcs;
use crate::support::isolated::tcui_command;
use crate::support::peer::tcui_add;
use tcui::replica::Replica;
use tcui::sync::ServerError;
use tcui::sync::cloud::{CloudServer, GcsAccess, GcsBucket};
use tempfile::TempDir;

const BUCKET: &str = "tasks";

#[test]
fn the_bucket_swaps_only_what_it_was_told() {
    let gcs = FakeGcs::start(BUCKET);
    cloud_checks::swaps_only_what_it_was_told(&mut gcs.bucket(BUCKET));
}

#[test]
fn replicas_converge_through_gcs_and_a_new_one_starts_from_the_snapshot() {
    let gcs = FakeGcs::start(BUCKET);
    cloud_checks::replicas_converge_and_a_new_one_starts_from_the_snapshot(|| {
        gcs.server(BUCKET, b"shared secret")
    });
}

#[test]
fn damage_in_the_bucket_is_said_and_loses_nothing() {
    let gcs = FakeGcs::start(BUCKET);
    cloud_checks::damage_is_said_and_loses_nothing(|| gcs.server(BUCKET, b"shared secret"));
}

#[test]
fn a_bucket_that_cannot_be_used_is_said_and_loses_nothing() {
    let gcs = FakeGcs::start(BUCKET);
    let dir = TempDir::new().unwrap();
    let mut a = Replica::open_in_turn(dir.path().join("a.redb")).unwrap();
    tcui_add(&mut a, "kept");
    let mut try_sync =
        |s: Result<CloudServer<GcsBucket>, ServerError>| cloud_checks::failed_sync(&mut a, s);
    let at = |url: &str| {
        GcsBucket::new(BUCKET, GcsAccess::Emulator(url), "sync.gcp.credential_path").unwrap()
    };

    // No such bucket.
    let e = try_sync(CloudServer::new(gcs.bucket("missing"), b"s"));
    assert!(e.contains("the Google Cloud Storage bucket missing"), "{e}");
    assert!(e.contains("check that the bucket exists"), "{e}");

    // Nothing listening.
    let port = FakeGcs::start("").url();
    let e = try_sync(CloudServer::new(at(&port), b"s"));
    assert!(
        e.contains("the Google Cloud Storage bucket tasks failed"),
        "{e}"
    );

    // No permission, as Google answers it.
    let refused = Canned::start(
        403,
        "application/json",
        r#"{"error":{"code":403,"message":"sync@example.iam.gserviceaccount.com does not have storage.objects.get access to the Google Cloud Storage object.","errors":[{"domain":"global","reason":"forbidden","message":"no access"}]}}"#,
    );
    let e = try_sync(CloudServer::new(at(&refused.url()), b"s"));
    assert!(e.contains("refused tcui"), "{e}");
    assert!(
        e.contains("does not have storage.objects.get access"),
        "{e}"
    );
    assert!(e.contains("check sync.gcp.credential_path"), "{e}");
}

/// A home whose taskrc syncs with `bucket`, with `more` lines.
fn gcs_home(bucket: &str, more: &str) -> TempDir {
    let home = TempDir::new().unwrap();
    std::fs::write(
        home.path().join("taskrc"),
        format!("sync.gcp.bucket={bucket}\nsync.encryption_secret=shared secret\n{more}"),
    )
    .unwrap();
    home
}

/// `tcui ARGS` in `home`, with the emulator at `url`.
fn on_emulator(home: &TempDir, url: &str, args: &[&str]) -> std::process::Output {
    tcui_command(home.path(), args)
        .env("STORAGE_EMULATOR_HOST", url.trim_start_matches("http://"))
        .output_in_turn()
        .unwrap()
}

#[test]
fn tcui_sync_with_the_taskrcs_gcs_settings() {
    let gcs = FakeGcs::start(BUCKET);
    let (one, two) = (gcs_home(BUCKET, ""), gcs_home(BUCKET, ""));
    ok(one.path(), &["add", "Water the plants"]);
    let out = on_emulator(&one, &gcs.url(), &["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("pushed"));
    let out = on_emulator(&two, &gcs.url(), &["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = ok(two.path(), &["rc.verbose=nothing", "list"]);
    assert!(listed.contains("Water the plants"), "{listed}");
    let shown = ok(one.path(), &["config", "sync"]);
    assert!(
        shown.contains("syncs with the Google Cloud Storage bucket tasks"),
        "{shown}"
    );
    let keyed = gcs_home(BUCKET, "sync.gcp.credential_path=/nowhere/key.json\n");
    let out = on_emulator(&keyed, &gcs.url(), &["config", "sync"]);
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("unsigned: sync.gcp.credential_path is not used"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = on_emulator(&one, &gcs.url(), &["config", "sync", "--check"]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains(&format!("bucket tasks on the emulator at {}", gcs.url())),
        "{shown}"
    );
    // The first sync may have sent a snapshot (the bucket asks for one at random).
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        shown.contains("check: reachable, and its data can be read")
            || shown.contains("check: the server answers, and its snapshot opens"),
        "{shown}"
    );

    // A misspelt bucket.
    let wrong = gcs_home("taks", "");
    let out = on_emulator(&wrong, &gcs.url(), &["sync"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("the Google Cloud Storage bucket taks"),
        "{}",
        stderr(&out)
    );

    // A key file that is not there, or not a key: what to fix, before any request.
    for (file, text) in [("gone.json", None), ("bad.json", Some("{\"type\": 1"))] {
        let home = gcs_home(BUCKET, "");
        let path = home.path().join(file);
        if let Some(text) = text {
            std::fs::write(&path, text).unwrap();
        }
        let taskrc = home.path().join("taskrc");
        let rc = std::fs::read_to_string(&taskrc).unwrap();
        std::fs::write(
            &taskrc,
            format!("{rc}sync.gcp.credential_path={}\n", path.display()),
        )
        .unwrap();
        ok(home.path(), &["add", "Still here"]);
        let out = crate::support::cli_run::tcui(home.path(), &["sync"]);
        assert!(!out.status.success());
        let said = stderr(&out);
        assert!(said.contains("cannot sign in"), "{said}");
        assert!(said.contains(&path.display().to_string()), "{said}");
        assert!(said.contains("check sync.gcp.credential_path"), "{said}");
        let listed = ok(home.path(), &["rc.verbose=nothing", "list"]);
        assert!(listed.contains("Still here"), "{listed}");
    }
}
