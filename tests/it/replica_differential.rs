//! Differential test of tcui's replica against taskchampion 3.1.0's SQLite replica: the same
//! commits, undos, working-set rebuilds, expirations, reopenings and syncs (each alone with a
//! server folder of its own, so a sync only pushes and closes the undo history) must leave both
//! with the same tasks, working set, pending tasks, operation log, undo state and dependency
//! map, and must push the same history segments.
//!
//! Each side builds its operations with its own task-data API from its own state (updates take
//! their timestamps from the test's clock, so both logs can be compared); the two lists must be
//! equal before they are committed. Some pool tasks share a storage bucket, and bulk creations
//! of hundreds of tasks make working sets span several stored chunks.

use crate::support::children::OpenInTurn;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use tcui::replica::Replica;
use tcui::sync::LocalServer;
use tcui::task::{Operation, Operations, TaskData, TaskMap};
use uuid::Uuid;

type TcReplica = taskchampion::Replica<taskchampion::SqliteStorage>;
type Tasks = BTreeMap<Uuid, TaskMap>;
type Checked = Result<(), TestCaseError>;
/// Sorted `(task, dependency)` edges.
type Edges = Vec<(Uuid, Uuid)>;

/// Tasks that can be created.
const POOL: usize = 6;
/// Index of a UUID that no edit creates; edits to it are forgiving no-ops (though undoing a
/// `Delete` of it does create it).
const GHOST: usize = POOL;
/// The first three share a storage bucket (tcui buckets working-set tasks by the UUID's low
/// seven bits), the next two another; see `pool_tasks_share_buckets`.
const UUID_STRS: [&str; POOL + 1] = [
    "ae30c942-3a0b-4d6a-b40c-9120ab4a43a8",
    "de94c982-d185-4eff-b338-e1b5f94a1c28",
    "bc7d9b92-6815-47ce-8504-1ff63b3e08a8",
    "1109387a-de38-4d27-b887-47c5a4c5a8d7",
    "d60b69ed-fe43-4bba-9009-84e4a7006c57",
    "cdaa234c-284e-49d2-a2fb-0a1e6b8fa5df",
    "53b48a13-ffdc-4f23-8b16-a100a6c93346",
];

/// Bulk-created task `k`: UUIDs spread over every bucket, many to a bucket.
fn bulk_uuid(k: usize) -> Uuid {
    Uuid::from_u128(0x5eed_0000_0000_4000_8000_0000_0000_0000 | (k as u128 * 0x9e37_79b9))
}

fn uuid(i: usize) -> Uuid {
    Uuid::parse_str(UUID_STRS[i]).unwrap()
}

fn all_uuids() -> Vec<Uuid> {
    (0..=GHOST).map(uuid).collect()
}

const SET_PROPS: &[(&str, &[&str])] = &[
    (
        "description",
        &["Buy milk", "x", "", "ünïcödé ✓ \"quoted\""],
    ),
    ("project", &["Home", "Home.Garden", "Work"]),
    ("priority", &["H", "M", "L"]),
    ("due", &["1735689600", "1900000000"]),
    ("wait", &["1735689600", "4102444800"]),
    ("estimate", &["3", "P1D"]),
    ("modified", &["1000000000", "1999999999"]),
];

const REMOVE_PROPS: &[&str] = &[
    "description",
    "project",
    "priority",
    "due",
    "start",
    "end",
    "status",
    "estimate",
    "modified",
];

const TAGS: &[&str] = &["home", "next", "work"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
    Pending,
    Completed,
    Deleted,
    Recurring,
    /// A word that is not a status of the working set (matching is exact).
    Odd,
}

impl St {
    fn word(self) -> &'static str {
        match self {
            St::Pending => "pending",
            St::Completed => "completed",
            St::Deleted => "deleted",
            St::Recurring => "recurring",
            St::Odd => "Pending",
        }
    }
}

/// What to write into `modified`, which decides expiration.
#[derive(Debug, Clone, Copy)]
enum Modified {
    Keep,
    Ancient,
    Old,
    Recent,
    Garbage,
}

impl Modified {
    fn value(self, now: DateTime<Utc>) -> Option<String> {
        match self {
            Modified::Keep => None,
            Modified::Ancient => Some("1000000000".into()),
            Modified::Old => Some((now - Duration::days(200)).timestamp().to_string()),
            Modified::Recent => Some((now - Duration::days(10)).timestamp().to_string()),
            Modified::Garbage => Some("soon".into()),
        }
    }
}

/// How a `dep_` key spells the UUID.
#[derive(Debug, Clone, Copy)]
enum DepForm {
    Hyphenated,
    Simple,
    Upper,
    Invalid,
}

/// Which task an edit touches.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// The n-th (modulo) task that exists at this point of the batch, in pool order; pool
    /// task n if none does.
    Existing(usize),
    /// The n-th (modulo) pool task that does not exist at this point of the batch; pool task
    /// n if all do.
    Missing(usize),
    /// Pool task or ghost n, whether it exists or not.
    Raw(usize),
    /// The n-th (modulo) bulk-created task, whether it exists or not; pool task n if none
    /// was made.
    Bulk(usize),
}

#[derive(Debug, Clone)]
enum Edit {
    Create {
        task: Target,
        status: St,
        modified: Modified,
        desc: usize,
    },
    Set {
        task: Target,
        prop: usize,
        value: usize,
    },
    Remove {
        task: Target,
        prop: usize,
    },
    Tag {
        task: Target,
        tag: usize,
        add: bool,
    },
    Annotate {
        task: Target,
        offset: i64,
    },
    Dep {
        task: Target,
        on: usize,
        form: DepForm,
        add: bool,
    },
    Status {
        task: Target,
        status: St,
        end: bool,
        modified: Modified,
    },
    Start {
        task: Target,
    },
    Delete {
        task: Target,
    },
}

impl Edit {
    fn target(&self) -> Target {
        match self {
            Edit::Create { task, .. }
            | Edit::Set { task, .. }
            | Edit::Remove { task, .. }
            | Edit::Tag { task, .. }
            | Edit::Annotate { task, .. }
            | Edit::Dep { task, .. }
            | Edit::Status { task, .. }
            | Edit::Start { task }
            | Edit::Delete { task } => *task,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UndoKind {
    /// Exactly what `get_undo_operations` returned.
    Whole,
    /// Without its first operation (or without the whole run of expiration deletes that starts
    /// after it): still the tail of the log.
    Partial,
    /// The last operation altered: never the tail of the log.
    NotTail,
    Empty,
}

#[derive(Debug, Clone)]
enum Action {
    /// One commit; each edit comes with the nanoseconds the clock advances before it. `gc`
    /// rebuilds the working set first, as Taskwarrior does at the start of a command.
    Commit {
        gc: Option<bool>,
        undo_point: bool,
        edits: Vec<(Edit, u64)>,
    },
    Undo {
        gc: Option<bool>,
        kind: UndoKind,
    },
    Rebuild(bool),
    Expire,
    Reopen,
    Sync,
    /// One commit creating this many new tasks, most of them pending.
    Bulk(usize),
}

/// One side's task-data API, as a batch of edits uses it.
trait Side {
    type Data;
    type Op;
    /// The task as the replica holds it, if it does.
    fn get(&mut self, id: Uuid) -> Option<Self::Data>;
    /// A task with no properties that is not in the replica, made through the API (any
    /// operation that takes is dropped).
    fn blank(&self, id: Uuid) -> Self::Data;
    fn create(id: Uuid, ops: &mut Vec<Self::Op>) -> Self::Data;
    fn create_op(id: Uuid) -> Self::Op;
    fn undo_point() -> Self::Op;
    fn has(data: &Self::Data, property: &str) -> bool;
    fn update(
        data: &mut Self::Data,
        property: String,
        value: Option<String>,
        at: DateTime<Utc>,
        ops: &mut Vec<Self::Op>,
    );
    fn delete(data: &mut Self::Data, ops: &mut Vec<Self::Op>);
}

impl Side for Replica {
    type Data = TaskData;
    type Op = Operation;
    fn get(&mut self, id: Uuid) -> Option<TaskData> {
        self.get_task_data(id).unwrap()
    }
    fn blank(&self, id: Uuid) -> TaskData {
        TaskData::new(id, TaskMap::new())
    }
    fn create(id: Uuid, ops: &mut Operations) -> TaskData {
        TaskData::create(id, ops)
    }
    fn create_op(uuid: Uuid) -> Operation {
        Operation::Create { uuid }
    }
    fn undo_point() -> Operation {
        Operation::UndoPoint
    }
    fn has(data: &TaskData, property: &str) -> bool {
        data.has(property)
    }
    fn update(
        data: &mut TaskData,
        property: String,
        value: Option<String>,
        at: DateTime<Utc>,
        ops: &mut Operations,
    ) {
        data.update(property, value, at, ops);
    }
    fn delete(data: &mut TaskData, ops: &mut Operations) {
        data.delete(ops);
    }
}

/// taskchampion's replica with the runtime its calls need.
struct Theirs<'r>(&'r mut TcReplica, &'r tokio::runtime::Runtime);

impl Side for Theirs<'_> {
    type Data = taskchampion::TaskData;
    type Op = taskchampion::Operation;
    fn get(&mut self, id: Uuid) -> Option<taskchampion::TaskData> {
        self.1.block_on(self.0.get_task_data(id)).unwrap()
    }
    fn blank(&self, id: Uuid) -> taskchampion::TaskData {
        taskchampion::TaskData::create(id, &mut taskchampion::Operations::new())
    }
    fn create(id: Uuid, ops: &mut taskchampion::Operations) -> taskchampion::TaskData {
        taskchampion::TaskData::create(id, ops)
    }
    fn create_op(uuid: Uuid) -> taskchampion::Operation {
        taskchampion::Operation::Create { uuid }
    }
    fn undo_point() -> taskchampion::Operation {
        taskchampion::Operation::UndoPoint
    }
    fn has(data: &taskchampion::TaskData, property: &str) -> bool {
        data.has(property)
    }
    /// taskchampion stamps an update with the time of day; the batch gives it the test's
    /// clock instead, so both sides' logs stay comparable.
    fn update(
        data: &mut taskchampion::TaskData,
        property: String,
        value: Option<String>,
        at: DateTime<Utc>,
        ops: &mut taskchampion::Operations,
    ) {
        data.update(property, value, ops);
        if let Some(taskchampion::Operation::Update { timestamp, .. }) = ops.last_mut() {
            *timestamp = at;
        }
    }
    fn delete(data: &mut taskchampion::TaskData, ops: &mut taskchampion::Operations) {
        data.delete(ops);
    }
}

/// Operations for one commit, built with one side's API from that side's state.
struct Batch<'r, S: Side> {
    side: &'r mut S,
    /// Whether each touched task exists at this point of the batch, and its data.
    tasks: HashMap<Uuid, (bool, S::Data)>,
    /// The bulk-created tasks so far.
    bulk: &'r [Uuid],
    ops: Vec<S::Op>,
}

impl<'r, S: Side> Batch<'r, S> {
    fn new(side: &'r mut S, bulk: &'r [Uuid]) -> Self {
        Batch {
            side,
            tasks: HashMap::new(),
            bulk,
            ops: Vec::new(),
        }
    }

    /// Whether the task exists at this point of the batch; loads it into the batch.
    fn exists(&mut self, id: Uuid) -> bool {
        if !self.tasks.contains_key(&id) {
            let entry = match self.side.get(id) {
                Some(t) => (true, t),
                None => (false, self.side.blank(id)),
            };
            self.tasks.insert(id, entry);
        }
        self.tasks[&id].0
    }

    fn resolve(&mut self, target: Target) -> Uuid {
        match target {
            Target::Raw(i) => uuid(i),
            Target::Bulk(n) if self.bulk.is_empty() => uuid(n % POOL),
            Target::Bulk(n) => self.bulk[n % self.bulk.len()],
            Target::Existing(n) | Target::Missing(n) => {
                let wanted = matches!(target, Target::Existing(_));
                let found: Vec<Uuid> = (0..POOL)
                    .map(uuid)
                    .filter(|u| self.exists(*u) == wanted)
                    .collect();
                if found.is_empty() {
                    uuid(n % POOL)
                } else {
                    found[n % found.len()]
                }
            }
        }
    }

    fn apply(&mut self, edit: &Edit, ts: DateTime<Utc>, now: DateTime<Utc>) {
        let id = self.resolve(edit.target());
        self.exists(id);
        let (exists, td) = self.tasks.get_mut(&id).unwrap();
        let ops = &mut self.ops;
        let secs = ts.timestamp().to_string();
        let set = |td: &mut S::Data, name: &str, value: Option<String>, ops: &mut Vec<S::Op>| {
            S::update(td, name.to_string(), value, ts, ops)
        };
        match edit {
            Edit::Create {
                status,
                modified,
                desc,
                ..
            } => {
                if *exists {
                    ops.push(S::create_op(id));
                } else {
                    *td = S::create(id, ops);
                    *exists = true;
                }
                set(td, "status", Some(status.word().into()), ops);
                let description = SET_PROPS[0].1[desc % SET_PROPS[0].1.len()];
                set(td, "description", Some(description.into()), ops);
                set(td, "entry", Some(secs.clone()), ops);
                if matches!(status, St::Completed | St::Deleted) {
                    set(td, "end", Some(secs), ops);
                }
                if let Some(m) = modified.value(now) {
                    set(td, "modified", Some(m), ops);
                }
            }
            Edit::Set { prop, value, .. } => {
                let (name, values) = SET_PROPS[prop % SET_PROPS.len()];
                set(td, name, Some(values[value % values.len()].into()), ops);
            }
            Edit::Remove { prop, .. } => {
                set(td, REMOVE_PROPS[prop % REMOVE_PROPS.len()], None, ops);
            }
            Edit::Tag { tag, add, .. } => {
                let key = format!("tag_{}", TAGS[tag % TAGS.len()]);
                set(td, &key, add.then(String::new), ops);
            }
            Edit::Annotate { offset, .. } => {
                let key = format!("annotation_{}", ts.timestamp() + offset);
                set(td, &key, Some(format!("note {offset}")), ops);
            }
            Edit::Dep { on, form, add, .. } => {
                let dep = uuid(*on);
                let key = match form {
                    DepForm::Hyphenated => format!("dep_{}", dep.hyphenated()),
                    DepForm::Simple => format!("dep_{}", dep.simple()),
                    DepForm::Upper => format!("dep_{}", dep.hyphenated()).to_uppercase(),
                    DepForm::Invalid => "dep_not-a-uuid".to_string(),
                };
                set(td, &key, add.then(String::new), ops);
            }
            Edit::Status {
                status,
                end,
                modified,
                ..
            } => {
                if *end {
                    match status {
                        St::Completed | St::Deleted if !S::has(td, "end") => {
                            set(td, "end", Some(secs), ops)
                        }
                        St::Pending | St::Recurring if S::has(td, "end") => {
                            set(td, "end", None, ops)
                        }
                        _ => {}
                    }
                }
                if let Some(m) = modified.value(now) {
                    set(td, "modified", Some(m), ops);
                }
                set(td, "status", Some(status.word().into()), ops);
            }
            Edit::Start { .. } => {
                if !S::has(td, "start") {
                    set(td, "start", Some(secs), ops);
                }
            }
            Edit::Delete { .. } => {
                S::delete(td, ops);
                *exists = false;
            }
        }
    }
}

/// One commit's operations, built with one side's API: an undo point first if asked, then
/// the edits, each after its step of the clock. Returns them and the clock after.
fn build<S: Side>(
    side: &mut S,
    bulk: &[Uuid],
    mut clock: DateTime<Utc>,
    undo_point: bool,
    edits: &[(Edit, u64)],
    now: DateTime<Utc>,
) -> (Vec<S::Op>, DateTime<Utc>) {
    let mut batch = Batch::new(side, bulk);
    if undo_point {
        batch.ops.push(S::undo_point());
    }
    for (edit, step) in edits {
        clock += Duration::nanoseconds(*step as i64);
        batch.apply(edit, clock, now);
    }
    (batch.ops, clock)
}

/// The history segments of a server folder, oldest first, parsed.
fn pushed_segments(folder: &std::path::Path) -> Vec<serde_json::Value> {
    let db = rusqlite::Connection::open_with_flags(
        folder.join("taskchampion-local-sync-server.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut segments = Vec::new();
    let mut parent = Uuid::nil().to_string();
    loop {
        let row = db.query_row(
            "SELECT version_id, data FROM versions WHERE parent_version_id = ?",
            [&parent],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, rusqlite::types::Value>(1)?,
                ))
            },
        );
        let (version, data) = match row {
            Ok(row) => row,
            Err(rusqlite::Error::QueryReturnedNoRows) => return segments,
            Err(e) => panic!("reading {}: {e}", folder.display()),
        };
        let bytes = match data {
            rusqlite::types::Value::Blob(b) => b,
            rusqlite::types::Value::Text(t) => t.into_bytes(),
            other => panic!("a version's data is {other:?}"),
        };
        segments.push(serde_json::from_slice(&bytes).unwrap());
        parent = version;
    }
}

/// A segment's operations, sorted if `loose`.
fn segment_ops(segment: &serde_json::Value, loose: bool) -> Vec<serde_json::Value> {
    let mut ops = segment["operations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if loose {
        ops.sort_by_key(|op| op.to_string());
    }
    ops
}

fn to_tc(op: &Operation) -> taskchampion::Operation {
    match op {
        Operation::Create { uuid } => taskchampion::Operation::Create { uuid: *uuid },
        Operation::Delete { uuid, old_task } => taskchampion::Operation::Delete {
            uuid: *uuid,
            old_task: old_task
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        },
        Operation::Update {
            uuid,
            property,
            old_value,
            value,
            timestamp,
        } => taskchampion::Operation::Update {
            uuid: *uuid,
            property: property.clone(),
            old_value: old_value.clone(),
            value: value.clone(),
            timestamp: *timestamp,
        },
        Operation::UndoPoint => taskchampion::Operation::UndoPoint,
    }
}

fn from_tc(op: &taskchampion::Operation) -> Operation {
    match op {
        taskchampion::Operation::Create { uuid } => Operation::Create { uuid: *uuid },
        taskchampion::Operation::Delete { uuid, old_task } => Operation::Delete {
            uuid: *uuid,
            old_task: old_task
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        },
        taskchampion::Operation::Update {
            uuid,
            property,
            old_value,
            value,
            timestamp,
        } => Operation::Update {
            uuid: *uuid,
            property: property.clone(),
            old_value: old_value.clone(),
            value: value.clone(),
            timestamp: *timestamp,
        },
        taskchampion::Operation::UndoPoint => Operation::UndoPoint,
    }
}

fn tc_map(t: &taskchampion::TaskData) -> TaskMap {
    t.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// The same list with its last operation altered, so that it cannot be the log's tail.
fn not_tail(mut ops: Operations) -> Operations {
    match ops.pop() {
        None => ops.push(Operation::UndoPoint),
        Some(Operation::Update {
            uuid,
            property,
            old_value,
            value,
            timestamp,
        }) => ops.push(Operation::Update {
            uuid,
            property,
            old_value,
            value,
            timestamp: timestamp + Duration::nanoseconds(1),
        }),
        Some(Operation::Create { uuid }) => ops.push(Operation::Create {
            uuid: Uuid::from_u128(!uuid.as_u128()),
        }),
        Some(Operation::Delete { uuid, mut old_task }) => {
            old_task.insert("not-in-the-log".into(), "x".into());
            ops.push(Operation::Delete { uuid, old_task });
        }
        Some(Operation::UndoPoint) => ops.push(Operation::Create { uuid: uuid(0) }),
    }
    ops
}

/// A tcui replica and a taskchampion replica in one temporary folder, driven in lockstep.
struct Pair {
    ours: Replica,
    tc: TcReplica,
    rt: tokio::runtime::Runtime,
    /// The timestamp given to the next update.
    clock: DateTime<Utc>,
    /// Log positions `[start, end)` of expirations that deleted several tasks: taskchampion
    /// orders those deletes by hash-map iteration, so only their set is compared.
    unordered: Vec<(usize, usize)>,
    /// Each side's server folder.
    ours_server: LocalServer,
    server: Box<dyn taskchampion::Server>,
    /// How many pushed versions have been compared.
    pushed: usize,
    /// The bulk-created tasks, in order.
    bulk: Vec<Uuid>,
    /// Whether a sync came after the last check.
    just_synced: bool,
    dir: tempfile::TempDir,
}

impl Pair {
    fn new() -> Pair {
        let dir = tempfile::tempdir().unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let ours = Replica::open_in_turn(dir.path().join("tcui.redb")).unwrap();
        let tc = Self::open_tc(&rt, dir.path().to_path_buf());
        let (ours_dir, tc_dir) = (dir.path().join("srv-tcui"), dir.path().join("srv-tc"));
        std::fs::create_dir(&ours_dir).unwrap();
        std::fs::create_dir(&tc_dir).unwrap();
        let server = rt
            .block_on(taskchampion::ServerConfig::Local { server_dir: tc_dir }.into_server())
            .unwrap();
        Pair {
            ours_server: LocalServer::open(&ours_dir).unwrap(),
            server,
            pushed: 0,
            bulk: Vec::new(),
            just_synced: false,
            ours,
            tc,
            rt,
            clock: DateTime::from_timestamp(1_709_251_200, 123_456_789).unwrap(),
            unordered: Vec::new(),
            dir,
        }
    }

    fn open_tc(rt: &tokio::runtime::Runtime, dir: PathBuf) -> TcReplica {
        let storage = rt
            .block_on(taskchampion::SqliteStorage::new(
                dir,
                taskchampion::storage::AccessMode::ReadWrite,
                true,
            ))
            .unwrap();
        taskchampion::Replica::new(storage)
    }

    /// Close and reopen both replicas from disk (which also drops their cached state).
    fn reopen(&mut self) {
        let scratch = Replica::open_in_turn(self.dir.path().join("scratch.redb")).unwrap();
        drop(std::mem::replace(&mut self.ours, scratch));
        self.ours = Replica::open_in_turn(self.dir.path().join("tcui.redb")).unwrap();
        self.tc = Self::open_tc(&self.rt, self.dir.path().to_path_buf());
    }

    /// Length of taskchampion's unsynced operation log.
    fn tc_log_len(&mut self) -> usize {
        let local = self.rt.block_on(self.tc.num_local_operations()).unwrap();
        let undo = self.rt.block_on(self.tc.num_undo_points()).unwrap();
        local + undo
    }

    /// Sort the runs of `ops` (the tail of a log of `log_len` operations) that come from
    /// multi-task expirations.
    fn canonical(&self, mut ops: Operations, log_len: usize) -> Operations {
        let Some(start) = log_len.checked_sub(ops.len()) else {
            return ops;
        };
        for &(s, e) in &self.unordered {
            let (lo, hi) = (s.max(start) - start, e.min(log_len).saturating_sub(start));
            if lo < hi && hi <= ops.len() {
                ops[lo..hi].sort_by_key(Operation::uuid);
            }
        }
        ops
    }

    /// Commit the same operations on both sides.
    fn commit(&mut self, ops: Operations, ctx: &str) -> Checked {
        let tc_ops: Vec<_> = ops.iter().map(to_tc).collect();
        self.commit_each(ops, tc_ops, ctx)
    }

    fn commit_each(
        &mut self,
        ops: Operations,
        tc_ops: taskchampion::Operations,
        ctx: &str,
    ) -> Checked {
        let ours = self.ours.commit_operations(ops);
        let theirs = self.rt.block_on(self.tc.commit_operations(tc_ops));
        prop_assert!(
            ours.is_ok() && theirs.is_ok(),
            "{}: commit_operations: ours {:?}, taskchampion {:?}",
            ctx,
            ours,
            theirs
        );
        Ok(())
    }

    /// Build one commit's operations on each side with its own API from its own state; the two
    /// lists must be equal, and each side commits its own.
    fn commit_edits(&mut self, undo_point: bool, edits: &[(Edit, u64)], ctx: &str) -> Checked {
        let now = Utc::now();
        let (ours, clock) = build(
            &mut self.ours,
            &self.bulk,
            self.clock,
            undo_point,
            edits,
            now,
        );
        let mut side = Theirs(&mut self.tc, &self.rt);
        let (theirs, _) = build(&mut side, &self.bulk, self.clock, undo_point, edits, now);
        self.clock = clock;
        let built: Operations = theirs.iter().map(from_tc).collect();
        prop_assert_eq!(
            &ours,
            &built,
            "{}: the operations built with each side's API differ",
            ctx
        );
        self.commit_each(ours, theirs, ctx)
    }

    /// Create `count` new tasks in one commit.
    fn bulk_create(&mut self, count: usize, ctx: &str) -> Checked {
        let first = self.bulk.len();
        self.bulk.extend((first..first + count).map(bulk_uuid));
        let edits: Vec<(Edit, u64)> = (first..first + count)
            .map(|k| {
                let (status, modified) = match k % 11 {
                    0 => (St::Deleted, Modified::Ancient),
                    1 | 2 => (St::Completed, Modified::Keep),
                    _ => (St::Pending, Modified::Keep),
                };
                let task = Target::Bulk(k);
                (
                    Edit::Create {
                        task,
                        status,
                        modified,
                        desc: k,
                    },
                    1_000,
                )
            })
            .collect();
        self.commit_edits(true, &edits, ctx)
    }

    /// Sync each side with its own server folder; the versions pushed since the last call must
    /// hold the same operations (as a set where an expiration deleted several tasks, whose
    /// order taskchampion leaves to a hash map).
    fn sync(&mut self, ctx: &str) -> Checked {
        let ours = tcui::sync::sync(&mut self.ours, &mut self.ours_server, false);
        let theirs = self.rt.block_on(self.tc.sync(&mut self.server, false));
        prop_assert!(
            ours.is_ok() && theirs.is_ok(),
            "{}: sync: ours {:?}, tc {:?}",
            ctx,
            ours,
            theirs
        );
        let ours = pushed_segments(&self.dir.path().join("srv-tcui"));
        let theirs = pushed_segments(&self.dir.path().join("srv-tc"));
        prop_assert_eq!(ours.len(), theirs.len(), "{}: versions pushed", ctx);
        let loose = !self.unordered.is_empty();
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate().skip(self.pushed) {
            let (a, b) = (segment_ops(a, loose), segment_ops(b, loose));
            let first = a.iter().zip(&b).position(|(x, y)| x != y);
            prop_assert!(
                first.is_none() && a.len() == b.len(),
                "{}: pushed version {} differs: {} operations against taskchampion's {}; the first \
                 that differs: ours {:?}, taskchampion's {:?}",
                ctx,
                i,
                a.len(),
                b.len(),
                first.map(|k| a[k].to_string()),
                first.map(|k| b[k].to_string()),
            );
        }
        self.pushed = ours.len();
        self.unordered.clear();
        self.just_synced = true;
        Ok(())
    }

    /// What the next undo would revert, on each side.
    fn undo_lists(&mut self) -> (Operations, Operations) {
        let ours = self.ours.get_undo_operations().unwrap();
        let theirs = self
            .rt
            .block_on(self.tc.get_undo_operations())
            .unwrap()
            .iter()
            .map(from_tc)
            .collect();
        (ours, theirs)
    }

    /// Undo on both sides, each with its own list; returns taskchampion's outcome
    /// (`None` for an error).
    fn undo(&mut self, kind: UndoKind, ctx: &str) -> Result<Option<bool>, TestCaseError> {
        let log_len = self.tc_log_len();
        let (ours_ops, tc_ops) = self.undo_lists();
        prop_assert_eq!(
            self.canonical(ours_ops.clone(), log_len),
            self.canonical(tc_ops.clone(), log_len),
            "{}: get_undo_operations before undo",
            ctx
        );
        // A partial undo keeps a tail that starts outside any run compared only as a set, so
        // both sides revert the same operations.
        let start = log_len.saturating_sub(tc_ops.len());
        let mut cut = start + 1;
        for &(s, e) in &self.unordered {
            if s < cut && cut < e {
                cut = e;
            }
        }
        let shape = |ops: Operations| match kind {
            UndoKind::Whole => ops,
            UndoKind::Partial => ops.into_iter().skip(cut - start).collect(),
            UndoKind::NotTail => not_tail(ops),
            UndoKind::Empty => Operations::new(),
        };
        let ours = self.ours.commit_reversed_operations(shape(ours_ops));
        let tc_list = shape(tc_ops).iter().map(to_tc).collect();
        let theirs = self
            .rt
            .block_on(self.tc.commit_reversed_operations(tc_list));
        let outcome = match (&ours, &theirs) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a, b, "{}: commit_reversed_operations result", ctx);
                Some(*b)
            }
            (Err(_), Err(_)) => None,
            _ => {
                return Err(TestCaseError::fail(format!(
                    "{ctx}: commit_reversed_operations: ours {ours:?}, taskchampion {theirs:?}"
                )));
            }
        };
        if matches!(kind, UndoKind::NotTail | UndoKind::Empty) {
            prop_assert_eq!(
                outcome,
                Some(false),
                "{}: an empty list, or one that is not the log's tail, must be refused",
                ctx
            );
        }
        let new_len = self.tc_log_len();
        self.unordered.retain_mut(|r| {
            r.1 = r.1.min(new_len);
            r.1 > r.0 + 1
        });
        Ok(outcome)
    }

    fn rebuild(&mut self, renumber: bool, ctx: &str) -> Checked {
        let ours = self.ours.rebuild_working_set(renumber);
        let theirs = self.rt.block_on(self.tc.rebuild_working_set(renumber));
        prop_assert!(
            ours.is_ok() && theirs.is_ok(),
            "{}: rebuild_working_set: ours {:?}, taskchampion {:?}",
            ctx,
            ours,
            theirs
        );
        Ok(())
    }

    fn expire(&mut self, ctx: &str) -> Checked {
        let before = self.tc_log_len();
        let ours = self.ours.expire_tasks(Utc::now());
        let theirs = self.rt.block_on(self.tc.expire_tasks());
        prop_assert!(
            ours.is_ok() && theirs.is_ok(),
            "{}: expire_tasks: ours {:?}, taskchampion {:?}",
            ctx,
            ours,
            theirs
        );
        let after = self.tc_log_len();
        if after > before + 1 {
            self.unordered.push((before, after));
        }
        Ok(())
    }

    fn gc(&mut self, renumber: Option<bool>, ctx: &str) -> Checked {
        match renumber {
            Some(renumber) => self.rebuild(renumber, ctx),
            None => Ok(()),
        }
    }

    fn run(&mut self, action: &Action, ctx: &str) -> Checked {
        match action {
            Action::Commit {
                gc,
                undo_point,
                edits,
            } => {
                self.gc(*gc, ctx)?;
                self.commit_edits(*undo_point, edits, ctx)
            }
            Action::Undo { gc, kind } => {
                self.gc(*gc, ctx)?;
                self.undo(*kind, ctx).map(|_| ())
            }
            Action::Rebuild(renumber) => self.rebuild(*renumber, ctx),
            Action::Expire => self.expire(ctx),
            Action::Reopen => {
                self.reopen();
                Ok(())
            }
            Action::Sync => self.sync(ctx),
            Action::Bulk(count) => self.bulk_create(*count, ctx),
        }
    }

    /// The pool, the ghost and every `stride`-th bulk-created task.
    fn uuids(&self, stride: usize) -> Vec<Uuid> {
        let bulk = self.bulk.iter().step_by(stride).copied();
        all_uuids().into_iter().chain(bulk).collect()
    }

    fn working_sets(&mut self) -> (Vec<Option<Uuid>>, Vec<Option<Uuid>>) {
        let tc_ws = self.rt.block_on(self.tc.working_set()).unwrap();
        let theirs = (0..=tc_ws.largest_index())
            .map(|i| tc_ws.by_index(i))
            .collect();
        (self.ours.working_set().as_slice().to_vec(), theirs)
    }

    fn assert_ws(&mut self, expected: &[Option<Uuid>], ctx: &str) {
        let (ours, theirs) = self.working_sets();
        assert_eq!(theirs, expected, "{ctx}: taskchampion's working set");
        assert_eq!(ours, expected, "{ctx}: tcui's working set");
    }

    fn depmap_edges(&mut self, force: bool) -> (Edges, Edges) {
        let ours = self.ours.dependency_map(force).unwrap().edges();
        let dm = self.rt.block_on(self.tc.dependency_map(force)).unwrap();
        let mut theirs: Vec<_> = self
            .uuids(1)
            .into_iter()
            .flat_map(|t| dm.dependencies(t).map(move |d| (t, d)).collect::<Vec<_>>())
            .collect();
        theirs.sort();
        (ours, theirs)
    }

    /// Compare everything observable on both replicas.
    fn check(&mut self, ctx: &str) -> Checked {
        let ours_tasks: Tasks = self
            .ours
            .all_task_data()
            .unwrap()
            .into_iter()
            .map(|(u, t)| (u, t.into_map()))
            .collect();
        let tc_tasks: Tasks = self
            .rt
            .block_on(self.tc.all_task_data())
            .unwrap()
            .iter()
            .map(|(u, t)| (*u, tc_map(t)))
            .collect();
        prop_assert_eq!(&ours_tasks, &tc_tasks, "{}: all_task_data", ctx);
        let mut ours_uuids = self.ours.all_task_uuids().unwrap();
        ours_uuids.sort();
        let mut tc_uuids = self.rt.block_on(self.tc.all_task_uuids()).unwrap();
        tc_uuids.sort();
        prop_assert_eq!(ours_uuids, tc_uuids, "{}: all_task_uuids", ctx);
        for u in self.uuids(7) {
            let ours = self.ours.get_task_data(u).unwrap().map(TaskData::into_map);
            prop_assert_eq!(
                ours.as_ref(),
                tc_tasks.get(&u),
                "{}: get_task_data({})",
                ctx,
                u
            );
        }

        let tc_ws = self.rt.block_on(self.tc.working_set()).unwrap();
        let (ours_ws, theirs_ws) = self.working_sets();
        prop_assert_eq!(&ours_ws, &theirs_ws, "{}: working set", ctx);
        let ws = self.ours.working_set();
        prop_assert_eq!(ws.len(), tc_ws.len(), "{}: working set len", ctx);
        prop_assert_eq!(
            ws.largest_index(),
            tc_ws.largest_index(),
            "{}: working set largest_index",
            ctx
        );
        for u in self.uuids(7) {
            prop_assert_eq!(
                ws.by_uuid(u),
                tc_ws.by_uuid(u),
                "{}: working set by_uuid({})",
                ctx,
                u
            );
        }

        let ours_pending = self.ours.pending_task_data().unwrap();
        let tc_pending = self.rt.block_on(self.tc.pending_task_data()).unwrap();
        prop_assert_eq!(
            ours_pending.len(),
            tc_pending.len(),
            "{}: pending_task_data count",
            ctx
        );
        let ours_pending: Tasks = ours_pending
            .into_iter()
            .map(|t| (t.uuid(), t.into_map()))
            .collect();
        let tc_pending: Tasks = tc_pending
            .iter()
            .map(|t| (t.get_uuid(), tc_map(t)))
            .collect();
        prop_assert_eq!(ours_pending, tc_pending, "{}: pending_task_data", ctx);

        let local = self.rt.block_on(self.tc.num_local_operations()).unwrap();
        let undo_points = self.rt.block_on(self.tc.num_undo_points()).unwrap();
        prop_assert_eq!(
            self.ours.num_local_operations().unwrap(),
            local,
            "{}: num_local_operations",
            ctx
        );
        prop_assert_eq!(
            self.ours.num_undo_points().unwrap(),
            undo_points,
            "{}: num_undo_points",
            ctx
        );

        let log_len = local + undo_points;
        let (ours_undo, tc_undo) = self.undo_lists();
        prop_assert_eq!(
            self.canonical(ours_undo, log_len),
            self.canonical(tc_undo, log_len),
            "{}: get_undo_operations",
            ctx
        );

        for u in self.uuids(7) {
            let ours = self.ours.get_task_operations(u).unwrap();
            let theirs: Operations = self
                .rt
                .block_on(self.tc.get_task_operations(u))
                .unwrap()
                .iter()
                .map(from_tc)
                .collect();
            prop_assert_eq!(ours, theirs, "{}: get_task_operations({})", ctx, u);
        }

        // taskchampion keeps its cached map across a sync, though the sync may have changed
        // dependencies; tcui drops it. Right after a sync, tcui's map must be the fresh one.
        let (ours, theirs) = self.depmap_edges(false);
        let theirs = if std::mem::take(&mut self.just_synced) {
            self.depmap_edges(true).1
        } else {
            theirs
        };
        prop_assert_eq!(ours, theirs, "{}: dependency_map(false) edges", ctx);
        let (ours, theirs) = self.depmap_edges(true);
        prop_assert_eq!(ours, theirs, "{}: dependency_map(true) edges", ctx);
        Ok(())
    }
}

fn status_strategy() -> impl Strategy<Value = St> {
    prop_oneof![
        3 => Just(St::Pending),
        3 => Just(St::Completed),
        2 => Just(St::Deleted),
        1 => Just(St::Recurring),
        1 => Just(St::Odd),
    ]
}

fn modified_strategy() -> impl Strategy<Value = Modified> {
    prop_oneof![
        2 => Just(Modified::Keep),
        3 => Just(Modified::Ancient),
        1 => Just(Modified::Old),
        1 => Just(Modified::Recent),
        1 => Just(Modified::Garbage),
    ]
}

fn dep_form_strategy() -> impl Strategy<Value = DepForm> {
    prop_oneof![
        5 => Just(DepForm::Hyphenated),
        1 => Just(DepForm::Simple),
        1 => Just(DepForm::Upper),
        1 => Just(DepForm::Invalid),
    ]
}

fn target_strategy() -> impl Strategy<Value = Target> {
    prop_oneof![
        9 => (0..POOL).prop_map(Target::Existing),
        1 => (0..=GHOST).prop_map(Target::Raw),
        2 => (0..1000usize).prop_map(Target::Bulk),
    ]
}

fn create_target_strategy() -> impl Strategy<Value = Target> {
    prop_oneof![
        6 => (0..POOL).prop_map(Target::Missing),
        1 => (0..POOL).prop_map(Target::Raw),
    ]
}

fn create_strategy() -> impl Strategy<Value = Edit> {
    (
        create_target_strategy(),
        status_strategy(),
        modified_strategy(),
        0..4usize,
    )
        .prop_map(|(task, status, modified, desc)| Edit::Create {
            task,
            status,
            modified,
            desc,
        })
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => create_strategy(),
        3 => (target_strategy(), 0..SET_PROPS.len(), 0..4usize)
            .prop_map(|(task, prop, value)| Edit::Set { task, prop, value }),
        1 => (target_strategy(), 0..REMOVE_PROPS.len())
            .prop_map(|(task, prop)| Edit::Remove { task, prop }),
        1 => (target_strategy(), 0..TAGS.len(), any::<bool>())
            .prop_map(|(task, tag, add)| Edit::Tag { task, tag, add }),
        1 => (target_strategy(), 0..3i64).prop_map(|(task, offset)| Edit::Annotate { task, offset }),
        2 => (target_strategy(), 0..=GHOST, dep_form_strategy(), prop::bool::weighted(0.7))
            .prop_map(|(task, on, form, add)| Edit::Dep { task, on, form, add }),
        9 => (target_strategy(), status_strategy(), prop::bool::weighted(0.7), modified_strategy())
            .prop_map(|(task, status, end, modified)| Edit::Status { task, status, end, modified }),
        1 => target_strategy().prop_map(|task| Edit::Start { task }),
        2 => target_strategy().prop_map(|task| Edit::Delete { task }),
    ]
}

/// `n` cases, times `TCUI_CASE_FACTOR` (for longer runs than CI's).
fn cases(n: u32) -> u32 {
    let factor = std::env::var("TCUI_CASE_FACTOR")
        .ok()
        .and_then(|f| f.parse().ok());
    n * factor.unwrap_or(1)
}

fn step_strategy() -> impl Strategy<Value = u64> {
    prop_oneof![1 => Just(0u64), 4 => 1u64..5_000_000_000]
}

fn gc_strategy() -> impl Strategy<Value = Option<bool>> {
    prop_oneof![2 => Just(None), 4 => Just(Some(true)), 1 => Just(Some(false))]
}

fn undo_kind_strategy() -> impl Strategy<Value = UndoKind> {
    prop_oneof![
        5 => Just(UndoKind::Whole),
        1 => Just(UndoKind::Partial),
        1 => Just(UndoKind::NotTail),
        1 => Just(UndoKind::Empty),
    ]
}

/// Commits creating tasks, to start a history with something to edit.
fn seed_strategy() -> impl Strategy<Value = Vec<Action>> {
    let commit = (
        prop::bool::weighted(0.7),
        prop::collection::vec((create_strategy(), step_strategy()), 1..=3),
    )
        .prop_map(|(undo_point, edits)| Action::Commit {
            gc: None,
            undo_point,
            edits,
        });
    prop::collection::vec(commit, 0..=2)
}

fn history_strategy() -> impl Strategy<Value = Vec<Action>> {
    (
        seed_strategy(),
        prop::collection::vec(action_strategy(), 1..=28),
    )
        .prop_map(|(mut seed, actions)| {
            seed.extend(actions);
            seed
        })
}

fn action_strategy() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => (
            gc_strategy(),
            prop::bool::weighted(0.7),
            prop::collection::vec((edit_strategy(), step_strategy()), 1..=5)
        )
            .prop_map(|(gc, undo_point, edits)| Action::Commit { gc, undo_point, edits }),
        6 => (gc_strategy(), undo_kind_strategy())
            .prop_map(|(gc, kind)| Action::Undo { gc, kind }),
        2 => any::<bool>().prop_map(Action::Rebuild),
        2 => Just(Action::Expire),
        2 => Just(Action::Sync),
        1 => Just(Action::Reopen),
        1 => (150usize..=700).prop_map(Action::Bulk),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(64),
        max_shrink_iters: 1024,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn replicas_agree_on_random_histories(
        actions in history_strategy()
    ) {
        let mut pair = Pair::new();
        pair.check("initially")?;
        for (i, action) in actions.iter().enumerate() {
            let ctx = format!("step {i} ({action:?})");
            pair.run(action, &ctx)?;
            pair.check(&format!("after {ctx}"))?;
        }
    }
}

fn create(task: usize, status: St) -> (Edit, u64) {
    (
        Edit::Create {
            task: Target::Raw(task),
            status,
            modified: Modified::Keep,
            desc: task,
        },
        1_000,
    )
}

fn set_status(task: usize, status: St) -> (Edit, u64) {
    (
        Edit::Status {
            task: Target::Raw(task),
            status,
            end: true,
            modified: Modified::Keep,
        },
        1_000,
    )
}

#[test]
fn renumbering_keeps_holes_from_earlier_rebuilds() {
    let mut p = Pair::new();
    let (a, b, c) = (Some(uuid(0)), Some(uuid(1)), Some(uuid(2)));
    let ctx = "create A, B, C";
    p.commit_edits(
        true,
        &[
            create(0, St::Pending),
            create(1, St::Pending),
            create(2, St::Pending),
        ],
        ctx,
    )
    .unwrap();
    p.assert_ws(&[None, a, b, c], ctx);
    p.commit_edits(true, &[set_status(0, St::Completed)], "done(A)")
        .unwrap();
    p.assert_ws(&[None, a, b, c], "done(A)");
    p.rebuild(false, "rebuild(false)").unwrap();
    p.assert_ws(&[None, None, b, c], "rebuild(false)");
    p.rebuild(true, "rebuild(true)").unwrap();
    p.assert_ws(&[None, None, b, c], "rebuild(true) keeps the hole");
    p.commit_edits(true, &[set_status(1, St::Completed)], "done(B)")
        .unwrap();
    p.rebuild(true, "rebuild(true) after done(B)").unwrap();
    p.assert_ws(&[None, None, c], "rebuild(true) after done(B)");
    p.check("end").unwrap();
}

#[test]
fn undo_of_a_lone_undo_point_returns_false() {
    let mut p = Pair::new();
    p.commit_edits(true, &[create(0, St::Pending)], "create")
        .unwrap();
    p.commit(vec![Operation::UndoPoint], "lone undo point")
        .unwrap();
    assert_eq!(p.ours.num_undo_points().unwrap(), 2);
    assert_eq!(
        p.undo(UndoKind::Whole, "undo lone undo point").unwrap(),
        Some(false)
    );
    p.check("after undoing the lone undo point").unwrap();
    assert_eq!(p.ours.num_undo_points().unwrap(), 1);
    assert!(p.ours.get_task_data(uuid(0)).unwrap().is_some());
    assert_eq!(p.undo(UndoKind::Whole, "undo create").unwrap(), Some(true));
    p.check("after undoing the create").unwrap();
    assert!(p.ours.get_task_data(uuid(0)).unwrap().is_none());
    assert_eq!(p.ours.num_undo_points().unwrap(), 0);
    assert_eq!(p.ours.num_local_operations().unwrap(), 0);
}

#[test]
fn undo_of_a_delete_restores_the_task_and_its_id() {
    let mut p = Pair::new();
    let (a, b) = (Some(uuid(0)), Some(uuid(1)));
    p.commit_edits(
        true,
        &[create(0, St::Pending), create(1, St::Pending)],
        "create",
    )
    .unwrap();
    let before = p.ours.get_task_data(uuid(0)).unwrap().unwrap();
    let delete_a = [(
        Edit::Delete {
            task: Target::Raw(0),
        },
        1_000,
    )];

    p.commit_edits(true, &delete_a, "delete A").unwrap();
    p.assert_ws(&[None, a, b], "delete A");
    assert_eq!(p.undo(UndoKind::Whole, "undo").unwrap(), Some(true));
    p.check("undo in place").unwrap();
    p.assert_ws(&[None, a, b], "undo in place");
    assert_eq!(p.ours.get_task_data(uuid(0)).unwrap(), Some(before.clone()));

    p.commit_edits(true, &delete_a, "delete A again").unwrap();
    p.rebuild(true, "rebuild").unwrap();
    p.assert_ws(&[None, b], "rebuild drops the deleted task");
    assert_eq!(p.undo(UndoKind::Whole, "undo").unwrap(), Some(true));
    p.check("undo after rebuild").unwrap();
    p.assert_ws(&[None, b, a], "undo after rebuild appends the task");
    assert_eq!(p.ours.get_task_data(uuid(0)).unwrap(), Some(before));
}

#[test]
fn status_update_on_a_missing_task_joins_the_working_set() {
    let mut p = Pair::new();
    let ghost = Some(uuid(GHOST));
    p.commit_edits(true, &[set_status(GHOST, St::Pending)], "status of ghost")
        .unwrap();
    p.check("status of ghost").unwrap();
    p.assert_ws(&[None, ghost], "status of ghost");
    assert!(p.ours.all_task_data().unwrap().is_empty());
    assert_eq!(p.ours.num_local_operations().unwrap(), 1);
    assert_eq!(
        p.undo(UndoKind::Whole, "undo of an update to a missing task")
            .unwrap(),
        None,
        "reverting an update of a missing task is an error"
    );
    p.check("after the failed undo").unwrap();
    assert_eq!(p.ours.num_local_operations().unwrap(), 1);
    p.rebuild(false, "rebuild").unwrap();
    p.assert_ws(&[None], "rebuild compacts the missing task away");
    p.check("end").unwrap();
}

#[test]
fn working_set_membership_follows_the_old_value_of_the_op() {
    let mut p = Pair::new();
    let (a, b) = (uuid(0), uuid(1));
    p.commit_edits(
        true,
        &[create(0, St::Completed), create(1, St::Pending)],
        "create",
    )
    .unwrap();
    p.assert_ws(&[None, Some(b)], "create");
    let ts = p.clock + Duration::seconds(1);
    let raw = |uuid, old: &str, new: &str| Operation::Update {
        uuid,
        property: "status".into(),
        old_value: Some(old.into()),
        value: Some(new.into()),
        timestamp: ts,
    };
    p.commit(vec![raw(a, "pending", "pending")], "stale old value")
        .unwrap();
    p.check("stale old value").unwrap();
    p.assert_ws(&[None, Some(b)], "an old value of pending does not add");
    p.commit(vec![raw(b, "completed", "recurring")], "already present")
        .unwrap();
    p.assert_ws(&[None, Some(b)], "a task is never added twice");
    p.rebuild(false, "rebuild").unwrap();
    p.assert_ws(
        &[None, Some(b), Some(a)],
        "rebuild appends the pending task",
    );
    p.check("end").unwrap();
}

#[test]
fn expiry_purges_only_old_deleted_tasks() {
    let mut p = Pair::new();
    let deleted = |task, modified| {
        (
            Edit::Create {
                task: Target::Raw(task),
                status: St::Deleted,
                modified,
                desc: 0,
            },
            1_000,
        )
    };
    let completed_ancient = (
        Edit::Create {
            task: Target::Raw(4),
            status: St::Completed,
            modified: Modified::Ancient,
            desc: 0,
        },
        1_000,
    );
    p.commit_edits(
        true,
        &[
            deleted(0, Modified::Ancient),
            deleted(1, Modified::Old),
            deleted(2, Modified::Recent),
            deleted(3, Modified::Garbage),
            completed_ancient,
        ],
        "create",
    )
    .unwrap();
    p.expire("expire").unwrap();
    p.check("after expire").unwrap();
    let left: Vec<Uuid> = {
        let mut v: Vec<_> = p.ours.all_task_data().unwrap().into_keys().collect();
        v.sort();
        v
    };
    let mut expected = vec![uuid(2), uuid(3), uuid(4)];
    expected.sort();
    assert_eq!(left, expected);
    assert_eq!(p.undo(UndoKind::Whole, "undo").unwrap(), Some(true));
    p.check("after undo").unwrap();
    assert_eq!(p.ours.all_task_data().unwrap().len(), 0);
}

/// The rebuild after an undo deletes the rows of tasks that stop qualifying, then appends each
/// newcomer at `MAX(id) + 1` of what is left: a newcomer takes the place of holes at the end of
/// the set instead of following them.
#[test]
fn undo_puts_a_restored_task_in_place_of_new_trailing_holes() {
    for renumber in [true, false] {
        let mut p = Pair::new();
        let (a, b) = (uuid(0), uuid(1));
        p.commit_edits(
            true,
            &[create(0, St::Pending), create(1, St::Completed)],
            "create A pending, B completed",
        )
        .unwrap();
        p.assert_ws(&[None, Some(a)], "create");
        p.commit_edits(
            true,
            &[set_status(0, St::Completed), set_status(1, St::Pending)],
            "done(A), B pending",
        )
        .unwrap();
        p.assert_ws(&[None, Some(a), Some(b)], "done(A), B pending");
        let ctx = format!("rebuild({renumber})");
        p.rebuild(renumber, &ctx).unwrap();
        let expected = if renumber {
            vec![None, Some(b)]
        } else {
            vec![None, None, Some(b)]
        };
        p.assert_ws(&expected, &ctx);
        let ctx = format!("undo after rebuild({renumber})");
        assert_eq!(p.undo(UndoKind::Whole, &ctx).unwrap(), Some(true));
        p.assert_ws(&[None, Some(a)], &ctx);
        p.check(&ctx).unwrap();
    }
}

/// A `Create` of an existing task writes its pending changes at that point, in TaskChampion as
/// here, which decides the order in which tasks rejoin the working set.
#[test]
fn a_redundant_create_orders_newcomers_like_taskchampion() {
    fn upd(
        u: Uuid,
        p: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> (Operation, taskchampion::Operation) {
        let ts = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        (
            Operation::Update {
                uuid: u,
                property: p.into(),
                old_value: old.map(Into::into),
                value: new.map(Into::into),
                timestamp: ts,
            },
            taskchampion::Operation::Update {
                uuid: u,
                property: p.into(),
                old_value: old.map(Into::into),
                value: new.map(Into::into),
                timestamp: ts,
            },
        )
    }
    fn create(u: Uuid) -> (Operation, taskchampion::Operation) {
        (
            Operation::Create { uuid: u },
            taskchampion::Operation::Create { uuid: u },
        )
    }
    let dir = tempfile::TempDir::new().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut ours = Replica::open_in_turn(dir.path().join("tcui.redb")).unwrap();
    let storage = rt
        .block_on(taskchampion::SqliteStorage::new(
            dir.path(),
            taskchampion::storage::AccessMode::ReadWrite,
            true,
        ))
        .unwrap();
    let mut tc = taskchampion::Replica::new(storage);
    let (a, b) = (Uuid::from_u128(0xa), Uuid::from_u128(0xb));
    type Tc = taskchampion::Replica<taskchampion::SqliteStorage>;
    let commit = |ours: &mut Replica,
                  tc: &mut Tc,
                  rt: &tokio::runtime::Runtime,
                  pairs: Vec<(Operation, taskchampion::Operation)>| {
        let (o, t): (Vec<_>, Vec<_>) = pairs.into_iter().unzip();
        ours.commit_operations(o).unwrap();
        rt.block_on(tc.commit_operations(t)).unwrap();
    };
    commit(
        &mut ours,
        &mut tc,
        &rt,
        vec![
            create(a),
            upd(a, "status", None, Some("pending")),
            create(b),
            upd(b, "status", None, Some("pending")),
        ],
    );
    commit(
        &mut ours,
        &mut tc,
        &rt,
        vec![
            upd(a, "status", Some("pending"), Some("completed")),
            upd(b, "status", Some("pending"), Some("completed")),
        ],
    );
    ours.rebuild_working_set(true).unwrap();
    rt.block_on(tc.rebuild_working_set(true)).unwrap();
    // Old values that do not match: no working-set join at commit; the rebuild adds them.
    commit(
        &mut ours,
        &mut tc,
        &rt,
        vec![
            upd(a, "status", Some("pending"), Some("pending")),
            upd(b, "status", Some("pending"), Some("pending")),
            create(b),
        ],
    );
    ours.rebuild_working_set(false).unwrap();
    rt.block_on(tc.rebuild_working_set(false)).unwrap();
    let tws = rt.block_on(tc.working_set()).unwrap();
    let theirs: Vec<_> = (0..=tws.largest_index()).map(|i| tws.by_index(i)).collect();
    assert_eq!(theirs, vec![None, Some(b), Some(a)]);
    assert_eq!(ours.working_set().as_slice(), theirs.as_slice());
}

/// tcui keeps working-set tasks in buckets by the UUID's low seven bits: the pool must put
/// several tasks in one bucket, and bulk creation many.
#[test]
fn pool_tasks_share_buckets() {
    let bucket = |u: Uuid| u.as_u128() % 128;
    let pool: Vec<u128> = (0..POOL).map(|i| bucket(uuid(i))).collect();
    assert_eq!(pool[0], pool[1]);
    assert_eq!(pool[1], pool[2]);
    assert_eq!(pool[3], pool[4]);
    let mut sizes = HashMap::new();
    for k in 0..300 {
        *sizes.entry(bucket(bulk_uuid(k))).or_insert(0) += 1;
    }
    assert!(sizes.len() > 100 && sizes.values().all(|n| *n >= 1));
    assert!(sizes.values().any(|n| *n >= 3));
}

/// Several hundred tasks: working sets over three stored chunks, holes in the first and the
/// last, a renumbering rebuild, undo of the whole creation, and a sync of all of it.
#[test]
fn bulk_creations_span_working_set_chunks_like_taskchampion() {
    let mut p = Pair::new();
    p.bulk_create(720, "bulk 720").unwrap();
    p.check("after the bulk creation").unwrap();
    assert!(
        p.ours.working_set().largest_index() > 480,
        "three chunks of 240"
    );
    let done: Vec<(Edit, u64)> = [3usize, 250, 600]
        .iter()
        .map(|k| {
            let edit = Edit::Status {
                task: Target::Bulk(*k),
                status: St::Completed,
                end: true,
                modified: Modified::Keep,
            };
            (edit, 1_000)
        })
        .collect();
    p.commit_edits(true, &done, "complete three").unwrap();
    p.rebuild(false, "rebuild(false)").unwrap();
    p.check("holes in three chunks").unwrap();
    p.rebuild(true, "rebuild(true)").unwrap();
    p.check("renumbered").unwrap();
    p.sync("sync").unwrap();
    p.check("after the sync").unwrap();
    p.bulk_create(300, "bulk 300").unwrap();
    assert_eq!(
        p.undo(UndoKind::Whole, "undo bulk 300").unwrap(),
        Some(true)
    );
    p.check("after undoing the second creation").unwrap();
    p.sync("second sync").unwrap();
    p.check("after the second sync").unwrap();
    p.reopen();
    p.check("reopened").unwrap();
}

/// A sync rebuilds the working set, so a completed task's dependencies leave the map: tcui's
/// cached map is dropped by the sync, where taskchampion keeps serving its stale one until
/// something is committed.
#[test]
fn a_sync_refreshes_the_dependency_map() {
    let mut p = Pair::new();
    let dep = (
        Edit::Dep {
            task: Target::Raw(1),
            on: 0,
            form: DepForm::Hyphenated,
            add: true,
        },
        1_000,
    );
    p.commit_edits(
        true,
        &[create(0, St::Pending), create(1, St::Pending), dep],
        "create",
    )
    .unwrap();
    p.commit_edits(true, &[set_status(1, St::Completed)], "done(B)")
        .unwrap();
    p.check("before the sync").unwrap();
    assert_eq!(p.depmap_edges(false).0, vec![(uuid(1), uuid(0))]);
    p.sync("sync").unwrap();
    let (ours, stale) = p.depmap_edges(false);
    assert_eq!(ours, vec![], "B left the working set with the sync");
    assert_eq!(stale, vec![(uuid(1), uuid(0))], "taskchampion's cached map");
    assert_eq!(p.depmap_edges(true), (vec![], vec![]));
    p.check("after the sync").unwrap();
}
