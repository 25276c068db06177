//! Sync speed, tcui against `taskchampion` 3.1, through the same in-process
//! taskchampion-sync-server (its core, on 127.0.0.1), in one run:
//!
//! - `push_10k`: a replica with 10,000 local operations (2,000 new tasks, the same UUIDs and
//!   properties on both sides) syncs to an empty server: its operations up, then a snapshot
//!   (the server asks for one at once);
//! - `pull_10k`: a fresh replica joins a server holding 10,000 tasks (a snapshot and the
//!   versions after it) and syncs.
//!
//! - `s3_push_10k` and `s3_pull_10k`: the same through a bucket of moto's S3 server on
//!   127.0.0.1 (installed by `scripts/test.sh`), taskchampion configured as Taskwarrior is by
//!   `sync.aws.endpoint_url` and `sync.aws.force_path_style`. Each push goes to a bucket of
//!   its own; both sides ask for no snapshot (a bucket's server asks at random, and rarely
//!   with urgency).
//!
//! Key derivation happens before timing on both sides. Runs alternate between the sides, tcui
//! first in even runs; medians are printed, then `ratio <metric> <taskchampion time / tcui
//! time>` lines.
//!
//! After every push both replicas must hold the same tasks and working set with nothing left
//! unsynced, and the server must hold, for each side's client, the same versions with the same
//! operations and a snapshot of the same tasks, sent with the same requests; after every pull
//! both replicas must hold the server's tasks. Any difference aborts the benchmark.
//!
//! Run with `cargo bench --bench sync`.

// A benchmark that cannot unwrap what it set up stops, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/it/support/children.rs"]
#[allow(dead_code)]
mod children;
#[path = "../tests/it/support/http_server.rs"]
#[allow(dead_code)]
mod http_server;
#[path = "../tests/it/support/moto.rs"]
#[allow(dead_code)]
mod moto;
#[path = "support/order.rs"]
mod order;
#[path = "support/same_work.rs"]
#[allow(dead_code)]
mod same_work;
#[path = "../tests/it/support/served.rs"]
mod served;
#[path = "support/stats.rs"]
#[allow(dead_code)]
mod stats;
#[path = "support/sync_sides.rs"]
mod sync_sides;
#[path = "support/workload.rs"]
#[allow(dead_code)]
mod workload;

use std::time::{Duration, Instant};

use http_server::TestServer;
use order::alternate;
use same_work::{expect, same, same_tasks};
use stats::{Stat, ms};
use sync_sides::{
    Held, Tc, check_replicas, fill_tcui, secret, tcui_digest, tcui_props, tcui_server, uuids,
};
use tcui::replica::Replica;
use tcui::sync::Server;
use tcui::sync::cloud::{Bucket, CloudServer, ObjectBucket};
use tcui::sync::sync;
use tempfile::TempDir;
use uuid::Uuid;
use workload::Rng;

const RUNS: usize = 7;
const PUSH_TASKS: usize = 2_000;
/// Operations per task: the create and four updates.
const OPS_PER_TASK: usize = 5;
const SEED_FIRST: usize = 8_000;
const SEED_THEN: usize = 2_000;

/// The requests a sync made, by kind (`POST add-version`, …), in order.
fn requests_since(srv: &TestServer, from: usize) -> Vec<String> {
    srv.requests.lock().unwrap()[from..]
        .iter()
        .map(|r| {
            let (method, path) = r.split_once(' ').unwrap_or((r, ""));
            let kind = path.split('/').nth(3).unwrap_or(path);
            format!("{method} {kind}")
        })
        .collect()
}

fn request_count(srv: &TestServer) -> usize {
    srv.requests.lock().unwrap().len()
}

/// What one push did on both sides.
struct Pushed {
    ours: Duration,
    theirs: Duration,
    /// Each side's requests, in order.
    requests: (Vec<String>, Vec<String>),
    /// Each side's versions, and how many of them its snapshot covers.
    versions: usize,
    covers: (usize, usize),
}

/// One push of [`PUSH_TASKS`] new tasks from each side, each to its own client on `srv`.
fn push(srv: &TestServer, run: usize, tasks: &[Uuid]) -> Pushed {
    let url = srv.url();
    let phase = format!("push_10k run {}", run + 1);
    let dir = TempDir::new().unwrap();
    let mut ours = Replica::open(dir.path().join("r.redb")).unwrap();
    fill_tcui(&mut ours, tasks);
    let (ours_client, theirs_client) = (Uuid::new_v4(), Uuid::new_v4());
    let mut server = tcui_server(&url, ours_client);
    let mut theirs = Tc::new(&url, theirs_client);
    theirs.fill(tasks);
    let local = ours.num_local_operations().unwrap();
    same(
        &phase,
        "unsynced operations before the push",
        local,
        theirs.local_ops(),
    );
    expect(
        &phase,
        "unsynced operations before the push",
        local,
        PUSH_TASKS * OPS_PER_TASK,
    );

    let (mut sent_ours, mut sent_theirs) = (Vec::new(), Vec::new());
    let ((report, d_ours), d_theirs) = alternate(
        run,
        || {
            let from = request_count(srv);
            let start = Instant::now();
            let report = sync(&mut ours, &mut server, false).unwrap();
            let d = start.elapsed();
            sent_ours = requests_since(srv, from);
            (report, d)
        },
        || {
            let from = request_count(srv);
            let d = theirs.sync();
            sent_theirs = requests_since(srv, from);
            d
        },
    );
    check_replicas(&phase, &ours, &mut theirs);
    let (held_ours, held_theirs) = (
        Held::read(&url, ours_client),
        Held::read(&url, theirs_client),
    );
    held_ours.check(&phase, &held_theirs);
    expect(&phase, "operations pushed", held_ours.operations(), local);
    expect(
        &phase,
        "operations tcui reports pushed",
        report.operations_pushed,
        local,
    );
    expect(
        &phase,
        "versions tcui reports pushed",
        report.versions_pushed,
        held_ours.versions.len(),
    );
    expect(&phase, "snapshot sent", held_ours.snapshot.is_some(), true);
    let sorted = |r: &[String]| {
        let mut r = r.to_vec();
        r.sort();
        r
    };
    same(
        &phase,
        "requests to the server, by kind",
        sorted(&sent_ours),
        sorted(&sent_theirs),
    );
    let covers = |h: &Held| h.snapshot.as_ref().map_or(0, |s| s.0);
    Pushed {
        ours: d_ours,
        theirs: d_theirs,
        requests: (sent_ours, sent_theirs),
        versions: held_ours.versions.len(),
        covers: (covers(&held_ours), covers(&held_theirs)),
    }
}

/// One run's syncs through the bucket, alternated, each timed; neither asks for a snapshot.
fn timed_s3(
    run: usize,
    ours: &mut Replica,
    server: &mut CloudServer<ObjectBucket>,
    theirs: &mut Tc,
) -> (Duration, Duration) {
    alternate(
        run,
        || {
            let start = Instant::now();
            sync(ours, server, true).unwrap();
            start.elapsed()
        },
        || theirs.sync_with(true),
    )
}

/// The medians of `s3_push_10k` and `s3_pull_10k` (tcui, taskchampion), and what they did.
fn s3(moto: &moto::Moto, rng: &mut Rng) -> ([(Duration, Duration); 2], String) {
    let (mut push_ours, mut push_theirs) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        eprintln!("s3_push_10k run {}", run + 1);
        let phase = format!("s3_push_10k run {}", run + 1);
        let tasks = uuids(rng, PUSH_TASKS);
        let (ours_bucket, theirs_bucket) = (format!("push-tcui-{run}"), format!("push-tc-{run}"));
        moto.make_bucket(&ours_bucket);
        moto.make_bucket(&theirs_bucket);
        let dir = TempDir::new().unwrap();
        let mut ours = Replica::open(dir.path().join("r.redb")).unwrap();
        fill_tcui(&mut ours, &tasks);
        let mut server = moto.server(&ours_bucket, secret());
        let mut theirs = Tc::on(moto.taskchampion_config(&theirs_bucket, secret()));
        theirs.fill(&tasks);
        let (d_ours, d_theirs) = timed_s3(run, &mut ours, &mut server, &mut theirs);
        push_ours.push(d_ours);
        push_theirs.push(d_theirs);
        check_replicas(&phase, &ours, &mut theirs);
        let count = |bucket: &str, prefix: &str| moto.bucket(bucket).list(prefix).unwrap().len();
        same(
            &phase,
            "versions in the buckets",
            count(&ours_bucket, "v-"),
            count(&theirs_bucket, "v-"),
        );
        same(
            &phase,
            "snapshots in the buckets",
            count(&ours_bucket, "s-"),
            count(&theirs_bucket, "s-"),
        );
    }

    // One bucket holding 10,000 tasks: a snapshot of 8,000, then 2,000 more.
    moto.make_bucket("pull");
    let seed_dir = TempDir::new().unwrap();
    let mut seed = Replica::open(seed_dir.path().join("seed.redb")).unwrap();
    let covered;
    {
        let mut server = moto.server("pull", secret());
        fill_tcui(&mut seed, &uuids(rng, SEED_FIRST));
        sync(&mut seed, &mut server, true).unwrap();
        let latest = server.bucket().get("latest").unwrap().unwrap();
        let latest = Uuid::try_parse_ascii(&latest).unwrap();
        let tasks = seed.all_task_data().unwrap();
        server
            .add_snapshot(latest, tcui::sync::snapshot::encode(tasks.values()))
            .unwrap();
        covered = server.bucket().list("v-").unwrap().len();
        fill_tcui(&mut seed, &uuids(rng, SEED_THEN));
        sync(&mut seed, &mut server, true).unwrap();
    }
    let seeded = tcui_digest(&seed);
    let versions = moto.bucket("pull").list("v-").unwrap().len();
    let (mut pull_ours, mut pull_theirs) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        eprintln!("s3_pull_10k run {}", run + 1);
        let phase = format!("s3_pull_10k run {}", run + 1);
        let dir = TempDir::new().unwrap();
        let mut ours = Replica::open(dir.path().join("fresh.redb")).unwrap();
        let mut server = moto.server("pull", secret());
        let mut theirs = Tc::on(moto.taskchampion_config("pull", secret()));
        let (d_ours, d_theirs) = timed_s3(run, &mut ours, &mut server, &mut theirs);
        pull_ours.push(d_ours);
        pull_theirs.push(d_theirs);
        check_replicas(&phase, &ours, &mut theirs);
        same_tasks(&phase, &tcui_digest(&ours), &seeded, |u| {
            (tcui_props(&ours, u), tcui_props(&seed, u))
        });
        expect(
            &phase,
            "versions in the bucket",
            moto.bucket("pull").list("v-").unwrap().len(),
            versions,
        );
    }
    let said = format!(
        "  s3: moto's S3 server on 127.0.0.1; s3_push_10k: the same {} operations from each side \
         into a bucket of its own, the same number of versions and snapshots in both; \
         s3_pull_10k: a snapshot of {SEED_FIRST} tasks covering {covered} version(s), then {} \
         more; both end with the same {} tasks",
        PUSH_TASKS * OPS_PER_TASK,
        versions - covered,
        seeded.len()
    );
    (
        [
            (Stat::of(push_ours).median, Stat::of(push_theirs).median),
            (Stat::of(pull_ours).median, Stat::of(pull_theirs).median),
        ],
        said,
    )
}

fn main() {
    let srv = TestServer::start();
    let url = srv.url();
    let mut rng = Rng::new(0x5EED_5E4C_0000_0001);
    let (mut push_ours, mut push_theirs) = (Vec::new(), Vec::new());
    let mut last = None;
    for run in 0..RUNS {
        eprintln!("push_10k run {}", run + 1);
        let tasks = uuids(&mut rng, PUSH_TASKS);
        let pushed = push(&srv, run, &tasks);
        push_ours.push(pushed.ours);
        push_theirs.push(pushed.theirs);
        last = Some(pushed);
    }
    let pushed = last.unwrap();

    // One client whose server holds 10,000 tasks: a snapshot of 8,000, then 2,000 more.
    let client = Uuid::new_v4();
    let seed_dir = TempDir::new().unwrap();
    let mut seed = Replica::open(seed_dir.path().join("seed.redb")).unwrap();
    {
        let mut server = tcui_server(&url, client);
        fill_tcui(&mut seed, &uuids(&mut rng, SEED_FIRST));
        sync(&mut seed, &mut server, false).unwrap();
        fill_tcui(&mut seed, &uuids(&mut rng, SEED_THEN));
        sync(&mut seed, &mut server, false).unwrap();
    }
    let seeded = tcui_digest(&seed);
    expect(
        "seeding the server",
        "tasks",
        seeded.len(),
        SEED_FIRST + SEED_THEN,
    );
    let held = Held::read(&url, client);
    let (mut pull_ours, mut pull_theirs) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        eprintln!("pull_10k run {}", run + 1);
        let phase = format!("pull_10k run {}", run + 1);
        let dir = TempDir::new().unwrap();
        let mut ours = Replica::open(dir.path().join("fresh.redb")).unwrap();
        let mut server = tcui_server(&url, client);
        let mut theirs = Tc::new(&url, client);
        let (d_ours, d_theirs) = alternate(
            run,
            || {
                let start = Instant::now();
                sync(&mut ours, &mut server, false).unwrap();
                start.elapsed()
            },
            || theirs.sync(),
        );
        pull_ours.push(d_ours);
        pull_theirs.push(d_theirs);
        check_replicas(&phase, &ours, &mut theirs);
        same_tasks(&phase, &tcui_digest(&ours), &seeded, |u| {
            (tcui_props(&ours, u), tcui_props(&seed, u))
        });
        // Neither side pushed anything while pulling.
        let now = Held::read(&url, client);
        expect(
            &phase,
            "versions on the server",
            now.versions.len(),
            held.versions.len(),
        );
        let covers = |h: &Held| h.snapshot.as_ref().map(|s| s.0);
        expect(
            &phase,
            "versions the snapshot covers",
            covers(&now),
            covers(&held),
        );
    }

    let mut rows = vec![
        (
            "push_10k",
            Stat::of(push_ours).median,
            Stat::of(push_theirs).median,
        ),
        (
            "pull_10k",
            Stat::of(pull_ours).median,
            Stat::of(pull_theirs).median,
        ),
    ];
    let s3_said = match moto::installed() {
        Some(_) => {
            let moto = moto::Moto::start("");
            let ([push, pull], said) = s3(&moto, &mut rng);
            rows.push(("s3_push_10k", push.0, push.1));
            rows.push(("s3_pull_10k", pull.0, pull.1));
            said
        }
        None => "  s3: not measured; moto's S3 server is not in target/moto (scripts/test.sh \
                 installs it)"
            .to_string(),
    };
    println!(
        "sync benchmark: one in-process server on 127.0.0.1; medians of {RUNS} runs, alternated"
    );
    for &(name, ours, theirs) in &rows {
        println!(
            "{name:<12} tcui {:>9.1} ms   taskchampion {:>9.1} ms",
            ms(ours),
            ms(theirs)
        );
    }
    println!("conditions:");
    println!(
        "  push_10k: the same {} operations in the same {} versions from both sides; requests:",
        PUSH_TASKS * OPS_PER_TASK,
        pushed.versions,
    );
    for (name, requests, covers) in [
        ("tcui", &pushed.requests.0, pushed.covers.0),
        ("taskchampion", &pushed.requests.1, pushed.covers.1),
    ] {
        println!(
            "    {name}: {} (snapshot of every task at version {covers} of {})",
            requests.join(", "),
            pushed.versions
        );
    }
    println!(
        "  pull_10k: snapshot of {} tasks covering {} version(s), then {} more version(s); both end with the same {} tasks",
        held.snapshot.as_ref().map_or(0, |s| s.1.len()),
        held.snapshot.as_ref().map_or(0, |s| s.0),
        held.versions.len() - held.snapshot.as_ref().map_or(0, |s| s.0),
        seeded.len(),
    );
    println!("{s3_said}");
    for (name, ours, theirs) in rows {
        println!(
            "ratio {name} {:.3}",
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    }
}
