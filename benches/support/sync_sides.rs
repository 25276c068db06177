//! The two sides of the sync benchmark: tcui's replica and client, and `taskchampion` 3.1's,
//! filled with the same tasks; and what the server holds for a client, read back to check
//! that both sides sent the same.

use std::time::{Duration, Instant};

use tcui::replica::Replica;
use tcui::sync::{Cryptor, GetVersionResult, HistorySegment, HttpServer, Server, snapshot};
use tcui::task::{Operation, TaskData};
use tempfile::TempDir;
use uuid::Uuid;

use crate::same_work::{SameOp, TaskDigest, expect, same, same_tasks, sorted_props};
use crate::workload::Rng;

const SECRET: &[u8] = b"benchmark secret";

/// The properties of task `i`: four updates after the create.
fn props(i: usize) -> [(&'static str, String); 4] {
    [
        ("status", "pending".into()),
        (
            "description",
            format!("benchmark task number {i} with some words"),
        ),
        ("entry", "1795265923".into()),
        ("project", format!("p{}", i % 9)),
    ]
}

/// `n` task UUIDs, the same for both sides.
pub fn uuids(rng: &mut Rng, n: usize) -> Vec<Uuid> {
    (0..n).map(|_| rng.uuid()).collect()
}

/// One undo point, then the tasks of `uuids` created with their properties.
pub fn fill_tcui(rep: &mut Replica, uuids: &[Uuid]) {
    let mut ops = vec![Operation::UndoPoint];
    for (i, uuid) in uuids.iter().enumerate() {
        let mut t = TaskData::create(*uuid, &mut ops);
        for (k, v) in props(i) {
            t.update(k, Some(v), chrono::Utc::now(), &mut ops);
        }
    }
    rep.commit_operations(ops).unwrap();
}

pub fn tcui_digest(rep: &Replica) -> TaskDigest {
    let all = rep.all_task_data().unwrap();
    TaskDigest::of(all.iter().map(|(u, t)| (*u, t.iter())))
}

pub fn tcui_props(rep: &Replica, uuid: Uuid) -> Option<Vec<(String, String)>> {
    Some(sorted_props(rep.get_task_data(uuid).unwrap()?.iter()))
}

/// A tcui server handle, its key derived before any timing starts.
/// The secret both sides seal with.
pub fn secret() -> &'static [u8] {
    SECRET
}

pub fn tcui_server(url: &str, client: Uuid) -> HttpServer {
    HttpServer::with_cryptor(url, client, Cryptor::new(client.as_bytes(), SECRET)).unwrap()
}

pub struct Tc {
    rep: taskchampion::Replica<taskchampion::SqliteStorage>,
    server: Box<dyn taskchampion::Server>,
    rt: tokio::runtime::Runtime,
    _dir: TempDir,
}

impl Tc {
    pub fn new(url: &str, client: Uuid) -> Tc {
        Tc::on(taskchampion::ServerConfig::Remote {
            url: url.into(),
            client_id: client,
            encryption_secret: SECRET.to_vec(),
        })
    }

    /// A replica on the server `config` names.
    pub fn on(config: taskchampion::ServerConfig) -> Tc {
        let dir = TempDir::new().unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let storage = rt
            .block_on(taskchampion::SqliteStorage::new(
                dir.path(),
                taskchampion::storage::AccessMode::ReadWrite,
                true,
            ))
            .unwrap();
        let server = rt.block_on(config.into_server()).unwrap();
        Tc {
            rep: taskchampion::Replica::new(storage),
            server,
            rt,
            _dir: dir,
        }
    }

    /// One undo point, then the tasks of `uuids` created with their properties.
    pub fn fill(&mut self, uuids: &[Uuid]) {
        let mut ops = vec![taskchampion::Operation::UndoPoint];
        for (i, uuid) in uuids.iter().enumerate() {
            let mut t = taskchampion::TaskData::create(*uuid, &mut ops);
            for (k, v) in props(i) {
                t.update(k, Some(v), &mut ops);
            }
        }
        self.rt.block_on(self.rep.commit_operations(ops)).unwrap();
    }

    pub fn sync(&mut self) -> Duration {
        self.sync_with(false)
    }

    /// One sync; with `avoid_snapshots`, a snapshot is sent only if the server's need is high.
    pub fn sync_with(&mut self, avoid_snapshots: bool) -> Duration {
        let start = Instant::now();
        self.rt
            .block_on(self.rep.sync(&mut self.server, avoid_snapshots))
            .unwrap();
        start.elapsed()
    }

    pub fn local_ops(&mut self) -> usize {
        self.rt.block_on(self.rep.num_local_operations()).unwrap()
    }

    pub fn digest(&mut self) -> TaskDigest {
        let all = self.rt.block_on(self.rep.all_task_data()).unwrap();
        TaskDigest::of(
            all.iter()
                .map(|(u, t)| (*u, t.iter().map(|(k, v)| (k.as_str(), v.as_str())))),
        )
    }

    pub fn props(&mut self, uuid: Uuid) -> Option<Vec<(String, String)>> {
        let task = self.rt.block_on(self.rep.get_task_data(uuid)).unwrap()?;
        Some(sorted_props(
            task.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        ))
    }

    pub fn working_set(&mut self) -> Vec<(usize, Uuid)> {
        self.rt
            .block_on(self.rep.working_set())
            .unwrap()
            .iter()
            .collect()
    }
}

/// Stop the benchmark unless both replicas hold the same tasks and working set, with
/// nothing left unsynced.
pub fn check_replicas(phase: &str, ours: &Replica, theirs: &mut Tc) {
    let (a, b) = (tcui_digest(ours), theirs.digest());
    same_tasks(phase, &a, &b, |u| (tcui_props(ours, u), theirs.props(u)));
    let ws: Vec<(usize, Uuid)> = ours.working_set().iter().collect();
    same(phase, "working set", ws, theirs.working_set());
    let local = ours.num_local_operations().unwrap();
    same(phase, "unsynced operations", local, theirs.local_ops());
    expect(phase, "unsynced operations", local, 0);
}

/// What the server holds for one client, read back through tcui's client.
pub struct Held {
    /// Each version's operations, oldest version first.
    pub versions: Vec<Vec<SameOp>>,
    /// How many versions the snapshot covers, and its tasks.
    pub snapshot: Option<(usize, TaskDigest)>,
}

impl Held {
    pub fn read(url: &str, client: Uuid) -> Held {
        let mut server = tcui_server(url, client);
        let (mut ids, mut versions) = (Vec::new(), Vec::new());
        let mut parent = Uuid::nil();
        while let GetVersionResult::Version {
            version_id,
            history_segment,
            ..
        } = server.get_child_version(parent).unwrap()
        {
            let segment = HistorySegment::from_json(&history_segment).unwrap();
            versions.push(segment.operations.iter().map(SameOp::of_wire).collect());
            ids.push(version_id);
            parent = version_id;
        }
        let snapshot = server.get_snapshot().unwrap().map(|(version, bytes)| {
            let covers = ids.iter().position(|v| *v == version).unwrap() + 1;
            let tasks = snapshot::decode(&bytes).unwrap();
            (
                covers,
                TaskDigest::of(tasks.iter().map(|t| (t.uuid(), t.iter()))),
            )
        });
        Held { versions, snapshot }
    }

    pub fn operations(&self) -> usize {
        self.versions.iter().map(Vec::len).sum()
    }

    /// Stop the benchmark unless both clients' histories are the same.
    pub fn check(&self, phase: &str, theirs: &Held) {
        let sizes = |h: &Held| h.versions.iter().map(Vec::len).collect::<Vec<_>>();
        same(
            phase,
            "operations in each version pushed",
            sizes(self),
            sizes(theirs),
        );
        for (i, (a, b)) in self.versions.iter().zip(&theirs.versions).enumerate() {
            if let Some(j) = (0..a.len()).find(|&j| a[j] != b[j]) {
                let what = format!("operation {j} of version {i} pushed");
                same(phase, &what, &a[j], &b[j]);
            }
        }
        let sent = |h: &Held| h.snapshot.is_some();
        same(
            phase,
            "whether a snapshot was sent",
            sent(self),
            sent(theirs),
        );
        if let (Some((_, a)), Some((_, b))) = (&self.snapshot, &theirs.snapshot) {
            same_tasks(&format!("{phase}, in the snapshot"), a, b, |_| (None, None));
        }
    }
}
