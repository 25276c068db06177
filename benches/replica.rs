//! Replica benchmark: tcui's redb replica against `taskchampion` 3.1 with `SqliteStorage`.
//!
//! Both sides run the same deterministic workload, each in its own temporary directory, each
//! through its own API. Runs alternate between the sides, tcui first in even runs and
//! taskchampion first in odd ones, so drifts in machine load and disk latency (every commit
//! waits for an fsync) fall on both alike:
//!
//! - `create_1k`: 1,000 tasks, one commit each (4 fresh replicas a side);
//! - `create_100k`: 100,000 tasks in commits of 1,000 (10,000 pending, 90,000 completed),
//!   then `rebuild_working_set(true)` (2 fresh replicas a side; the last pair is kept);
//! - `open_pending`: open the 100k replica read-only on both sides and load the 10,000
//!   pending tasks;
//! - `open_change`: open it for writing (taskchampion `ReadWrite`; tcui opens read-only and
//!   reopens for writing at the first change), load the pending tasks, change one, commit;
//! - `rebuild`: `rebuild_working_set(false)` on the 100k replica;
//! - `commit_one`: one undo point plus an update of `description` and `modified`;
//! - `undo_unsynced`: `get_undo_operations` plus `commit_reversed_operations` after a small
//!   change, with the whole never-synced log of the load behind it (about 875,000 operations);
//! - `undo_synced`: the same after both sides recorded a sync of every operation, so the
//!   unsynced log is the one change.
//!
//! After every phase both sides must hold the same tasks (a digest of all task data), the same
//! pending count and working set, and the same number of unsynced operations; each undo must
//! revert the same operations. Any difference aborts the benchmark.
//!
//! It also reports the size of the replica files after the 100k load, and ends with one
//! `ratio <metric> <taskchampion / tcui>` line per metric (above 1 means tcui is faster).
//!
//! Run with `cargo bench --bench replica`.

// A benchmark that cannot unwrap what it set up stops, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/order.rs"]
mod order;
#[path = "support/replica_pair.rs"]
mod replica_pair;
#[path = "support/replica_sides.rs"]
mod replica_sides;
#[path = "support/same_work.rs"]
#[allow(dead_code)]
mod same_work;
#[path = "support/stats.rs"]
#[allow(dead_code)]
mod stats;
#[path = "support/workload.rs"]
mod workload;

use std::time::{Duration, Instant};

use order::alternate;
use replica_pair::{Change, Pair, undo_both};
use replica_sides::{Access, Side, Tc, Tcui, timed};
use same_work::{expect, same};
use stats::{Stat, ms};
use uuid::Uuid;
use workload::{BIG_PENDING_EVERY, Rng, Spec, spec_realistic, spec_simple};

const BIG_TASKS: usize = 100_000;
const BIG_BATCH: usize = 1_000;
const BIG_PENDING: usize = BIG_TASKS / BIG_PENDING_EVERY;
const CREATE_1K_TASKS: usize = 1_000;
const CREATE_1K_RUNS: usize = 4;
const CREATE_100K_RUNS: usize = 2;
const OPEN_RUNS: usize = 11;
const REBUILD_RUNS: usize = 11;
const COMMIT_RUNS: usize = 200;
const UNDO_UNSYNCED_RUNS: usize = 9;
const UNDO_SYNCED_RUNS: usize = 21;

/// Samples of one metric for both sides.
#[derive(Default)]
struct Samples {
    ours: Vec<Duration>,
    theirs: Vec<Duration>,
}

impl Samples {
    fn push(&mut self, (ours, theirs): (Duration, Duration)) {
        self.ours.push(ours);
        self.theirs.push(theirs);
    }

    fn row(self, name: &'static str) -> Row {
        let row = Row {
            name,
            ours: Stat::of(self.ours),
            theirs: Stat::of(self.theirs),
        };
        eprintln!(
            "  {name}: tcui {:.3} ms, taskchampion {:.3} ms",
            ms(row.ours.median),
            ms(row.theirs.median)
        );
        row
    }
}

/// One metric's result on both sides.
struct Row {
    name: &'static str,
    ours: Stat,
    theirs: Stat,
}

/// `small`, one commit per task.
fn commit_each<S: Side>(side: &mut S, small: &[Spec]) -> Duration {
    timed(|| {
        for spec in small {
            side.commit_specs(std::slice::from_ref(spec));
        }
    })
    .1
}

/// `big` in commits of [`BIG_BATCH`], then a renumbering rebuild.
fn load<S: Side>(side: &mut S, big: &[Spec]) -> Duration {
    timed(|| {
        for batch in big.chunks(BIG_BATCH) {
            side.commit_specs(batch);
        }
        side.rebuild(true);
    })
    .1
}

fn create_1k(run: usize, small: &[Spec]) -> (Duration, Duration) {
    let mut pair = Pair::new();
    let (ours, theirs) = pair.sides();
    let d = alternate(
        run,
        || commit_each(ours, small),
        || commit_each(theirs, small),
    );
    pair.check("create_1k");
    let n = pair.ours().digest().len();
    expect("create_1k", "number of tasks", n, CREATE_1K_TASKS);
    d
}

fn create_100k(run: usize, big: &[Spec]) -> (Pair, (Duration, Duration)) {
    eprintln!(
        "  run {}: loading {BIG_TASKS} tasks into each side",
        run + 1
    );
    let mut pair = Pair::new();
    let (ours, theirs) = pair.sides();
    let d = alternate(run, || load(ours, big), || load(theirs, big));
    pair.check("create_100k");
    let n = pair.ours().working_set().len();
    expect("create_100k", "working-set length", n, BIG_PENDING);
    (pair, d)
}

fn main() {
    let mut rng = Rng::new(0x5EED_1234_ABCD_0001);
    let small: Vec<Spec> = (0..CREATE_1K_TASKS)
        .map(|i| spec_simple(&mut rng, i))
        .collect();
    let big: Vec<Spec> = (0..BIG_TASKS)
        .map(|i| spec_realistic(&mut rng, i))
        .collect();
    let pending: Vec<Uuid> = big
        .iter()
        .filter(|s| s.props.iter().any(|(k, v)| k == "status" && v == "pending"))
        .map(|s| s.uuid)
        .collect();
    assert_eq!(pending.len(), BIG_PENDING);

    let total = Instant::now();
    let mut rows = Vec::new();

    eprintln!("create_1k");
    let mut s = Samples::default();
    for run in 0..CREATE_1K_RUNS {
        s.push(create_1k(run, &small));
    }
    rows.push(s.row("create_1k"));

    eprintln!("create_100k");
    let mut s = Samples::default();
    let mut kept = None;
    for run in 0..CREATE_100K_RUNS {
        // The previous pair's files go first, so the disk holds one pair at a time.
        drop(kept.take());
        let (pair, d) = create_100k(run, &big);
        s.push(d);
        kept = Some(pair);
    }
    rows.push(s.row("create_100k"));
    let mut pair = kept.unwrap();
    let log_after_load = pair.ours().local_ops();
    // Closed, as after the last program that used them.
    pair.close();
    let size_ours = Tcui::file_size(pair.ours_dir.path());
    let size_theirs = Tc::file_size(pair.theirs_dir.path());

    eprintln!("open_pending");
    let mut s = Samples::default();
    for run in 0..=OPEN_RUNS {
        let d = pair.reopen_and_load(run, Access::Read, BIG_PENDING);
        // The first run warms the page cache.
        if run > 0 {
            s.push(d);
        }
        let (ours, theirs) = pair.sides();
        same(
            "open_pending",
            "pending tasks loaded",
            ours.held_digest(),
            theirs.held_digest(),
        );
    }
    rows.push(s.row("open_pending"));

    let mut rng = Rng::new(0xC0FF_EE00);
    eprintln!("open_change");
    let mut s = Samples::default();
    for run in 0..OPEN_RUNS {
        let open = pair.reopen_and_load(run, Access::Write, BIG_PENDING);
        let (ours, theirs) = pair.sides();
        ours.index_held();
        theirs.index_held();
        let change = Change::next(&mut rng, &pending, 5_000_000, run);
        let commit = change.timed_on_both(&mut pair, run);
        s.push((open.0 + commit.0, open.1 + commit.1));
        pair.check_task("open_change", change.uuid);
    }
    rows.push(s.row("open_change"));
    pair.check("open_change");

    eprintln!("rebuild");
    let (ours, theirs) = pair.sides();
    ours.rebuild(false);
    theirs.rebuild(false);
    let mut s = Samples::default();
    for run in 0..REBUILD_RUNS {
        let (ours, theirs) = pair.sides();
        s.push(alternate(
            run,
            || timed(|| ours.rebuild(false)).1,
            || timed(|| theirs.rebuild(false)).1,
        ));
        pair.check_working_set("rebuild");
    }
    rows.push(s.row("rebuild"));
    let n = pair.ours().working_set().len();
    expect("rebuild", "working-set length", n, BIG_PENDING);

    eprintln!("commit_one");
    let mut s = Samples::default();
    for run in 0..COMMIT_RUNS {
        let change = Change::next(&mut rng, &pending, 10_000_000, run);
        s.push(change.timed_on_both(&mut pair, run));
        pair.check_task("commit_one", change.uuid);
    }
    rows.push(s.row("commit_one"));
    pair.check("commit_one");

    let log_unsynced = pair.ours().local_ops();
    eprintln!("undo_unsynced ({log_unsynced} unsynced operations on each side)");
    let mut s = Samples::default();
    for run in 0..UNDO_UNSYNCED_RUNS {
        let change = Change::next(&mut rng, &pending, 20_000_000, run);
        s.push(undo_both(&mut pair, "undo_unsynced", run, &change));
    }
    rows.push(s.row("undo_unsynced"));
    pair.check("undo_unsynced");

    // What each side's own sync does at its end once the server holds every operation; no
    // server is involved, so only the local log changes.
    let version = Uuid::from_u128(0x5EED_0000_0000_4000_8000_0000_0000_0001);
    let (ours, theirs) = pair.sides();
    ours.mark_synced(version);
    theirs.mark_synced(version);
    pair.check("marked synced");
    let n = pair.ours().local_ops();
    expect("marked synced", "unsynced operations", n, 0);

    eprintln!("undo_synced");
    let mut s = Samples::default();
    for run in 0..UNDO_SYNCED_RUNS {
        let change = Change::next(&mut rng, &pending, 30_000_000, run);
        s.push(undo_both(&mut pair, "undo_synced", run, &change));
    }
    rows.push(s.row("undo_synced"));
    pair.check("undo_synced");
    let total = total.elapsed();

    println!();
    println!(
        "replica benchmark: {BIG_TASKS} tasks ({BIG_PENDING} pending), commits of {BIG_BATCH} for the load; median (p90, runs)"
    );
    for r in &rows {
        println!(
            "{:<14} tcui {:>10.3} ms (p90 {:>10.3}, n={:<3})   taskchampion {:>10.3} ms (p90 {:>10.3}, n={:<3})",
            r.name,
            ms(r.ours.median),
            ms(r.ours.p90),
            r.ours.runs,
            ms(r.theirs.median),
            ms(r.theirs.p90),
            r.theirs.runs,
        );
    }
    println!("total bench time {:.1} s", total.as_secs_f64());
    println!();
    println!("conditions:");
    println!(
        "  same work: after every phase both sides held the same tasks (digest of all task data),"
    );
    println!(
        "    pending count, working set and unsynced-operation count; every undo reverted the same operations"
    );
    println!("  runs alternate: tcui first in even runs, taskchampion first in odd ones");
    println!(
        "  create_100k: {CREATE_100K_RUNS} fresh replicas a side, log of {log_after_load} unsynced operations after the load"
    );
    println!(
        "  open_pending: both read-only (taskchampion AccessMode::ReadOnly; tcui opens read-only until its first write)"
    );
    println!(
        "  open_change: taskchampion AccessMode::ReadWrite; tcui opens read-only and reopens for writing at the change"
    );
    println!(
        "  undo_unsynced: never synced, {log_unsynced}+2 unsynced operations on each side before each undo"
    );
    println!(
        "  undo_synced: after each side recorded a sync of every operation (tcui complete_sync,"
    );
    println!(
        "    taskchampion StorageTxn::sync_complete), 2 unsynced operations on each side before each undo"
    );
    println!();
    println!("file sizes after the load, replicas closed:");
    println!("file_size tcui {size_ours}");
    println!("file_size taskchampion {size_theirs}");
    let open = rows.iter().find(|r| r.name == "open_pending").unwrap();
    println!("metric open_pending_ms {:.3}", ms(open.ours.median));
    for r in &rows {
        let ratio = r.theirs.median.as_secs_f64() / r.ours.median.as_secs_f64();
        println!("ratio {} {ratio:.3}", r.name);
    }
    println!(
        "ratio file_size {:.3}",
        size_theirs as f64 / size_ours as f64
    );
}
