//! Replica benchmark: tcui's redb replica against `taskchampion` 3.1 with `SqliteStorage`.
//!
//! Both sides run the same deterministic workload, each in its own temporary directory; the
//! runs of each metric alternate between the two sides, so that drifts in disk latency (every
//! commit waits for an fsync) fall on both alike:
//!
//! - `create_1k`: 1,000 tasks, one commit each (median of 3 fresh replicas);
//! - `create_100k`: 100,000 tasks in commits of 1,000 (10,000 pending, 90,000 completed),
//!   then `rebuild_working_set(true)`; measured once;
//! - `open_pending`: open the 100k replica and load the 10,000 pending tasks;
//! - `rebuild`: `rebuild_working_set(false)` on the 100k replica;
//! - `commit_one`: one undo point plus an update of `description` and `modified`;
//! - `undo`: `get_undo_operations` plus `commit_reversed_operations` after a small change.
//!
//! It also reports the size of the replica files after the 100k load, and ends with one
//! `ratio <metric> <taskchampion / tcui>` line per metric (above 1 means tcui is faster).
//!
//! Run with `cargo bench --bench replica`.

#[path = "support/stats.rs"]
#[allow(dead_code)]
mod stats;

use stats::{Stat, ms};
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use uuid::Uuid;

const BASE_EPOCH: u64 = 1_700_000_000;
const BIG_TASKS: usize = 100_000;
const BIG_BATCH: usize = 1_000;
const BIG_PENDING_EVERY: usize = 10;
const BIG_PENDING: usize = BIG_TASKS / BIG_PENDING_EVERY;
const CREATE_1K_TASKS: usize = 1_000;
const CREATE_1K_REPS: usize = 3;
const OPEN_RUNS: usize = 11;
const REBUILD_RUNS: usize = 11;
const COMMIT_RUNS: usize = 200;
const UNDO_RUNS: usize = 50;

const WORDS: &[&str] = &[
    "call",
    "fix",
    "review",
    "write",
    "plan",
    "buy",
    "clean",
    "update",
    "check",
    "send",
    "the",
    "garden",
    "invoice",
    "report",
    "kitchen",
    "server",
    "budget",
    "draft",
    "notes",
    "tickets",
    "backup",
    "meeting",
    "release",
    "bike",
    "groceries",
    "letter",
    "design",
    "tests",
];
const PROJECTS: &[&str] = &["home", "work", "work.infra", "garden", "errands", "bench"];
const TAGS: &[&str] = &[
    "next", "home", "work", "urgent", "someday", "phone", "waiting",
];
const PRIORITIES: &[&str] = &["H", "M", "L"];

/// xorshift64*: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    fn description(&mut self) -> String {
        let mut s = String::new();
        while s.len() < 36 {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(self.pick(WORDS));
        }
        s
    }
}

/// One task to create: its UUID and its properties, in the order they are set.
struct Spec {
    uuid: Uuid,
    props: Vec<(String, String)>,
}

fn spec_simple(rng: &mut Rng, i: usize) -> Spec {
    let ts = (BASE_EPOCH + i as u64 * 60).to_string();
    Spec {
        uuid: rng.uuid(),
        props: vec![
            ("status".into(), "pending".into()),
            ("description".into(), rng.description()),
            ("entry".into(), ts.clone()),
            ("modified".into(), ts),
            ("project".into(), rng.pick(PROJECTS).into()),
            ("tag_x".into(), String::new()),
        ],
    }
}

fn spec_realistic(rng: &mut Rng, i: usize) -> Spec {
    let pending = i.is_multiple_of(BIG_PENDING_EVERY);
    let entry = BASE_EPOCH + i as u64 * 30;
    let modified = entry + rng.below(86_400 * 30) as u64;
    let mut props: Vec<(String, String)> = vec![
        (
            "status".into(),
            if pending { "pending" } else { "completed" }.into(),
        ),
        ("description".into(), rng.description()),
        ("entry".into(), entry.to_string()),
        ("modified".into(), modified.to_string()),
    ];
    if rng.chance(80) {
        props.push(("project".into(), rng.pick(PROJECTS).into()));
    }
    let ntags = rng.below(4);
    let first = rng.below(TAGS.len());
    for k in 0..ntags {
        props.push((
            format!("tag_{}", TAGS[(first + k) % TAGS.len()]),
            String::new(),
        ));
    }
    if rng.chance(20) {
        let due = entry + rng.below(86_400 * 60) as u64;
        props.push(("due".into(), due.to_string()));
    }
    if rng.chance(25) {
        props.push(("priority".into(), rng.pick(PRIORITIES).into()));
    }
    if rng.chance(10) {
        let at = entry + rng.below(86_400) as u64;
        props.push((format!("annotation_{at}"), rng.description()));
    }
    if !pending {
        props.push(("end".into(), modified.to_string()));
    }
    Spec {
        uuid: rng.uuid(),
        props,
    }
}

/// The operations one side needs for the benchmark.
trait Side: Sized {
    const NAME: &'static str;
    /// Open (or create) the replica kept in `dir`.
    fn open(dir: &Path) -> Self;
    /// One commit: an undo point, then every task in `specs` created with its properties.
    fn commit_specs(&mut self, specs: &[Spec]);
    /// Load the pending tasks (kept for later changes); returns how many there are.
    fn load_pending(&mut self) -> usize;
    /// Index the loaded pending tasks by UUID.
    fn index_held(&mut self);
    /// The description of a loaded task.
    fn held_description(&self, uuid: Uuid) -> Option<String>;
    /// Whether every loaded task has a non-empty description.
    fn held_all_described(&self) -> bool;
    fn working_set_len(&mut self) -> usize;
    fn rebuild(&mut self, renumber: bool);
    /// One commit: an undo point plus updates of `description` and `modified` on a loaded task.
    fn change(&mut self, uuid: Uuid, description: String, modified: String);
    /// Re-read a loaded task from the replica.
    fn refresh(&mut self, uuid: Uuid);
    /// Undo the last step; true if anything was reverted.
    fn undo(&mut self) -> bool;
    /// Bytes on disk of the replica files in `dir` (replica closed).
    fn file_size(dir: &Path) -> u64;
}

struct Tcui {
    rep: tcui::replica::Replica,
    held: Vec<tcui::task::TaskData>,
    pos: HashMap<Uuid, usize>,
}

fn tcui_path(dir: &Path) -> std::path::PathBuf {
    dir.join("tcui.redb")
}

impl Side for Tcui {
    const NAME: &'static str = "tcui";

    fn open(dir: &Path) -> Self {
        Tcui {
            rep: tcui::replica::Replica::open(tcui_path(dir)).unwrap(),
            held: Vec::new(),
            pos: HashMap::new(),
        }
    }

    fn commit_specs(&mut self, specs: &[Spec]) {
        use tcui::task::{Operation, Operations, TaskData};
        let mut ops: Operations = vec![Operation::UndoPoint];
        for spec in specs {
            let mut td = TaskData::create(spec.uuid, &mut ops);
            for (k, v) in &spec.props {
                td.update(k.clone(), Some(v.clone()), &mut ops);
            }
        }
        self.rep.commit_operations(ops).unwrap();
    }

    fn load_pending(&mut self) -> usize {
        self.held = self.rep.pending_task_data().unwrap();
        self.held.len()
    }

    fn index_held(&mut self) {
        self.pos = self
            .held
            .iter()
            .enumerate()
            .map(|(i, t)| (t.uuid(), i))
            .collect();
    }

    fn held_description(&self, uuid: Uuid) -> Option<String> {
        self.held[self.pos[&uuid]]
            .get("description")
            .map(str::to_string)
    }

    fn held_all_described(&self) -> bool {
        self.held
            .iter()
            .all(|t| t.get("description").is_some_and(|d| !d.is_empty()))
    }

    fn working_set_len(&mut self) -> usize {
        self.rep.working_set().len()
    }

    fn rebuild(&mut self, renumber: bool) {
        self.rep.rebuild_working_set(renumber).unwrap();
    }

    fn change(&mut self, uuid: Uuid, description: String, modified: String) {
        use tcui::task::Operation;
        let mut ops = vec![Operation::UndoPoint];
        let td = &mut self.held[self.pos[&uuid]];
        td.update("description", Some(description), &mut ops);
        td.update("modified", Some(modified), &mut ops);
        self.rep.commit_operations(ops).unwrap();
    }

    fn refresh(&mut self, uuid: Uuid) {
        self.held[self.pos[&uuid]] = self.rep.get_task_data(uuid).unwrap().unwrap();
    }

    fn undo(&mut self) -> bool {
        let ops = self.rep.get_undo_operations().unwrap();
        self.rep.commit_reversed_operations(ops).unwrap()
    }

    fn file_size(dir: &Path) -> u64 {
        std::fs::metadata(tcui_path(dir)).unwrap().len()
    }
}

fn rt() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
    })
}

struct Tc {
    rep: taskchampion::Replica<taskchampion::SqliteStorage>,
    held: Vec<taskchampion::TaskData>,
    pos: HashMap<Uuid, usize>,
}

impl Side for Tc {
    const NAME: &'static str = "taskchampion";

    fn open(dir: &Path) -> Self {
        let storage = rt()
            .block_on(taskchampion::SqliteStorage::new(
                dir,
                taskchampion::storage::AccessMode::ReadWrite,
                true,
            ))
            .unwrap();
        Tc {
            rep: taskchampion::Replica::new(storage),
            held: Vec::new(),
            pos: HashMap::new(),
        }
    }

    fn commit_specs(&mut self, specs: &[Spec]) {
        use taskchampion::{Operation, Operations, TaskData};
        let mut ops: Operations = vec![Operation::UndoPoint];
        for spec in specs {
            let mut td = TaskData::create(spec.uuid, &mut ops);
            for (k, v) in &spec.props {
                td.update(k.clone(), Some(v.clone()), &mut ops);
            }
        }
        rt().block_on(self.rep.commit_operations(ops)).unwrap();
    }

    fn load_pending(&mut self) -> usize {
        self.held = rt().block_on(self.rep.pending_task_data()).unwrap();
        self.held.len()
    }

    fn index_held(&mut self) {
        self.pos = self
            .held
            .iter()
            .enumerate()
            .map(|(i, t)| (t.get_uuid(), i))
            .collect();
    }

    fn held_description(&self, uuid: Uuid) -> Option<String> {
        self.held[self.pos[&uuid]]
            .get("description")
            .map(str::to_string)
    }

    fn held_all_described(&self) -> bool {
        self.held
            .iter()
            .all(|t| t.get("description").is_some_and(|d| !d.is_empty()))
    }

    fn working_set_len(&mut self) -> usize {
        rt().block_on(self.rep.working_set()).unwrap().len()
    }

    fn rebuild(&mut self, renumber: bool) {
        rt().block_on(self.rep.rebuild_working_set(renumber))
            .unwrap();
    }

    fn change(&mut self, uuid: Uuid, description: String, modified: String) {
        use taskchampion::Operation;
        let mut ops = vec![Operation::UndoPoint];
        let td = &mut self.held[self.pos[&uuid]];
        td.update("description", Some(description), &mut ops);
        td.update("modified", Some(modified), &mut ops);
        rt().block_on(self.rep.commit_operations(ops)).unwrap();
    }

    fn refresh(&mut self, uuid: Uuid) {
        let i = self.pos[&uuid];
        self.held[i] = rt()
            .block_on(self.rep.get_task_data(uuid))
            .unwrap()
            .unwrap();
    }

    fn undo(&mut self) -> bool {
        rt().block_on(async {
            let ops = self.rep.get_undo_operations().await.unwrap();
            self.rep.commit_reversed_operations(ops).await.unwrap()
        })
    }

    fn file_size(dir: &Path) -> u64 {
        [
            "taskchampion.sqlite3",
            "taskchampion.sqlite3-wal",
            "taskchampion.sqlite3-shm",
        ]
        .iter()
        .filter_map(|name| std::fs::metadata(dir.join(name)).ok())
        .map(|m| m.len())
        .sum()
    }
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// Samples of one metric for both sides.
#[derive(Default)]
struct Samples {
    ours: Vec<Duration>,
    theirs: Vec<Duration>,
}

/// One metric's result on both sides.
struct Row {
    name: &'static str,
    ours: Stat,
    theirs: Stat,
}

impl Samples {
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

/// A side's 100k replica, opened or not.
struct Big<S> {
    dir: tempfile::TempDir,
    side: Option<S>,
}

impl<S: Side> Big<S> {
    fn side(&mut self) -> &mut S {
        self.side.as_mut().unwrap()
    }
}

fn create_1k<S: Side>(small: &[Spec]) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let mut side = S::open(dir.path());
    let ((), d) = timed(|| {
        for spec in small {
            side.commit_specs(std::slice::from_ref(spec));
        }
    });
    assert_eq!(side.load_pending(), CREATE_1K_TASKS);
    d
}

fn create_100k<S: Side>(big: &[Spec]) -> (Big<S>, Duration) {
    eprintln!("  loading {BIG_TASKS} tasks into {}", S::NAME);
    let dir = tempfile::tempdir().unwrap();
    let mut side = S::open(dir.path());
    let ((), d) = timed(|| {
        for batch in big.chunks(BIG_BATCH) {
            side.commit_specs(batch);
        }
        side.rebuild(true);
    });
    assert_eq!(side.working_set_len(), BIG_PENDING);
    (
        Big {
            dir,
            side: Some(side),
        },
        d,
    )
}

fn open_pending<S: Side>(big: &mut Big<S>) -> Duration {
    drop(big.side.take());
    let (side, d) = timed(|| {
        let mut s = S::open(big.dir.path());
        assert_eq!(s.load_pending(), BIG_PENDING);
        s
    });
    big.side = Some(side);
    d
}

fn rebuild<S: Side>(big: &mut Big<S>) -> Duration {
    timed(|| big.side().rebuild(false)).1
}

fn commit_one<S: Side>(
    big: &mut Big<S>,
    uuid: Uuid,
    description: &str,
    modified: &str,
) -> Duration {
    let (description, modified) = (description.to_string(), modified.to_string());
    timed(|| big.side().change(uuid, description, modified)).1
}

fn undo<S: Side>(big: &mut Big<S>, uuid: Uuid, description: &str, modified: &str) -> Duration {
    let side = big.side();
    let before = side.held_description(uuid);
    side.change(uuid, description.to_string(), modified.to_string());
    let (reverted, d) = timed(|| side.undo());
    assert!(reverted);
    side.refresh(uuid);
    assert_eq!(side.held_description(uuid), before);
    d
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
    for _ in 0..CREATE_1K_REPS {
        s.ours.push(create_1k::<Tcui>(&small));
        s.theirs.push(create_1k::<Tc>(&small));
    }
    rows.push(s.row("create_1k"));

    eprintln!("create_100k");
    let (mut ours, d_ours) = create_100k::<Tcui>(&big);
    let (mut theirs, d_theirs) = create_100k::<Tc>(&big);
    rows.push(
        Samples {
            ours: vec![d_ours],
            theirs: vec![d_theirs],
        }
        .row("create_100k"),
    );
    drop(ours.side.take());
    drop(theirs.side.take());
    let size_ours = Tcui::file_size(ours.dir.path());
    let size_theirs = Tc::file_size(theirs.dir.path());

    eprintln!("open_pending");
    let mut s = Samples::default();
    for run in 0..=OPEN_RUNS {
        let (a, b) = (open_pending(&mut ours), open_pending(&mut theirs));
        if run > 0 {
            s.ours.push(a);
            s.theirs.push(b);
        }
    }
    rows.push(s.row("open_pending"));
    assert!(ours.side().held_all_described());
    ours.side().index_held();
    assert!(theirs.side().held_all_described());
    theirs.side().index_held();

    eprintln!("rebuild");
    ours.side().rebuild(false);
    theirs.side().rebuild(false);
    let mut s = Samples::default();
    for _ in 0..REBUILD_RUNS {
        s.ours.push(rebuild(&mut ours));
        s.theirs.push(rebuild(&mut theirs));
    }
    rows.push(s.row("rebuild"));
    assert_eq!(ours.side().working_set_len(), BIG_PENDING);
    assert_eq!(theirs.side().working_set_len(), BIG_PENDING);

    let mut rng = Rng::new(0xC0FF_EE00);
    eprintln!("commit_one");
    let mut s = Samples::default();
    for run in 0..COMMIT_RUNS {
        let uuid = pending[rng.below(BIG_PENDING)];
        let description = rng.description();
        let modified = (BASE_EPOCH + 10_000_000 + run as u64).to_string();
        s.ours
            .push(commit_one(&mut ours, uuid, &description, &modified));
        s.theirs
            .push(commit_one(&mut theirs, uuid, &description, &modified));
    }
    rows.push(s.row("commit_one"));

    eprintln!("undo");
    let mut s = Samples::default();
    for run in 0..UNDO_RUNS {
        let uuid = pending[rng.below(BIG_PENDING)];
        let description = rng.description();
        let modified = (BASE_EPOCH + 20_000_000 + run as u64).to_string();
        s.ours.push(undo(&mut ours, uuid, &description, &modified));
        s.theirs
            .push(undo(&mut theirs, uuid, &description, &modified));
    }
    rows.push(s.row("undo"));
    assert_eq!(ours.side().working_set_len(), BIG_PENDING);
    assert_eq!(theirs.side().working_set_len(), BIG_PENDING);
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
