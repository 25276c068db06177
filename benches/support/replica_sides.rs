//! The two replicas of the replica benchmark behind one trait: tcui's redb replica and
//! `taskchampion` 3.1 with `SqliteStorage`, each doing a step with its own API, and each able
//! to describe what it holds so the benchmark can check both did the same work.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::Utc;
use uuid::Uuid;

use crate::same_work::{SameOp, TaskDigest, sorted_props};
use crate::workload::Spec;

/// How a replica is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reading only; a change would be refused (taskchampion) or reopen the file (tcui).
    Read,
    /// Ready to write at once.
    Write,
}

/// What an undo did.
pub struct Undone {
    /// `get_undo_operations` plus `commit_reversed_operations`.
    pub time: Duration,
    pub reverted: bool,
    /// The operations it reverted, oldest first.
    pub ops: Vec<SameOp>,
}

/// The operations one side needs for the benchmark.
pub trait Side: Sized {
    /// Open (or create) the replica kept in `dir`.
    fn open(dir: &Path, access: Access) -> Self;
    /// One commit: an undo point, then every task in `specs` created with its properties.
    fn commit_specs(&mut self, specs: &[Spec]);
    /// Load the pending tasks (kept for later changes); returns how many there are.
    fn load_pending(&mut self) -> usize;
    /// Index the loaded pending tasks by UUID.
    fn index_held(&mut self);
    /// The loaded pending tasks.
    fn held_digest(&self) -> TaskDigest;
    /// Every task in the replica.
    fn digest(&mut self) -> TaskDigest;
    /// One task's properties, sorted.
    fn task_props(&mut self, uuid: Uuid) -> Option<Vec<(String, String)>>;
    /// The working set: (index, UUID) for every used index.
    fn working_set(&mut self) -> Vec<(usize, Uuid)>;
    fn rebuild(&mut self, renumber: bool);
    /// One commit: an undo point plus updates of `description` and `modified` on a loaded task.
    fn change(&mut self, uuid: Uuid, description: String, modified: String);
    /// Re-read a loaded task from the replica.
    fn refresh(&mut self, uuid: Uuid);
    /// Undo the last step.
    fn undo(&mut self) -> Undone;
    /// Operations not yet synced, undo points left out (`num_local_operations`).
    fn local_ops(&mut self) -> usize;
    /// Record a sync that sent every local operation to the server, now at `version`, as the
    /// replica's own sync does at its end.
    fn mark_synced(&mut self, version: Uuid);
    /// Bytes on disk of the replica files in `dir` (replica closed).
    fn file_size(dir: &Path) -> u64;
}

/// `f`'s result and how long it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

pub struct Tcui {
    rep: tcui::replica::Replica,
    held: Vec<tcui::task::TaskData>,
    pos: HashMap<Uuid, usize>,
}

fn tcui_path(dir: &Path) -> PathBuf {
    dir.join("tcui.redb")
}

impl Side for Tcui {
    /// tcui has one way to open: read-only until the first write, which reopens the file for
    /// writing (the TUI and the command line both open so).
    fn open(dir: &Path, _access: Access) -> Self {
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
                td.update(k.clone(), Some(v.clone()), Utc::now(), &mut ops);
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

    fn held_digest(&self) -> TaskDigest {
        TaskDigest::of(self.held.iter().map(|t| (t.uuid(), t.iter())))
    }

    fn digest(&mut self) -> TaskDigest {
        let all = self.rep.all_task_data().unwrap();
        TaskDigest::of(all.iter().map(|(u, t)| (*u, t.iter())))
    }

    fn task_props(&mut self, uuid: Uuid) -> Option<Vec<(String, String)>> {
        let task = self.rep.get_task_data(uuid).unwrap()?;
        Some(sorted_props(task.iter()))
    }

    fn working_set(&mut self) -> Vec<(usize, Uuid)> {
        self.rep.working_set().iter().collect()
    }

    fn rebuild(&mut self, renumber: bool) {
        self.rep.rebuild_working_set(renumber).unwrap();
    }

    fn change(&mut self, uuid: Uuid, description: String, modified: String) {
        use tcui::task::Operation;
        let mut ops = vec![Operation::UndoPoint];
        let td = &mut self.held[self.pos[&uuid]];
        // Each update stamped with the time it is made, as taskchampion's own is.
        td.update("description", Some(description), Utc::now(), &mut ops);
        td.update("modified", Some(modified), Utc::now(), &mut ops);
        self.rep.commit_operations(ops).unwrap();
    }

    fn refresh(&mut self, uuid: Uuid) {
        self.held[self.pos[&uuid]] = self.rep.get_task_data(uuid).unwrap().unwrap();
    }

    fn undo(&mut self) -> Undone {
        let (ops, t1) = timed(|| self.rep.get_undo_operations().unwrap());
        let same: Vec<SameOp> = ops.iter().map(SameOp::of_tcui).collect();
        let (reverted, t2) = timed(|| self.rep.commit_reversed_operations(ops).unwrap());
        Undone {
            time: t1 + t2,
            reverted,
            ops: same,
        }
    }

    fn local_ops(&mut self) -> usize {
        self.rep.num_local_operations().unwrap()
    }

    fn mark_synced(&mut self, version: Uuid) {
        self.rep.complete_sync(version).unwrap();
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

pub struct Tc {
    dir: PathBuf,
    rep: taskchampion::Replica<taskchampion::SqliteStorage>,
    held: Vec<taskchampion::TaskData>,
    pos: HashMap<Uuid, usize>,
}

fn tc_storage(dir: &Path, access: Access) -> taskchampion::SqliteStorage {
    use taskchampion::storage::AccessMode;
    let mode = match access {
        Access::Read => AccessMode::ReadOnly,
        Access::Write => AccessMode::ReadWrite,
    };
    rt().block_on(taskchampion::SqliteStorage::new(dir, mode, true))
        .unwrap()
}

impl Side for Tc {
    fn open(dir: &Path, access: Access) -> Self {
        Tc {
            dir: dir.to_path_buf(),
            rep: taskchampion::Replica::new(tc_storage(dir, access)),
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

    fn held_digest(&self) -> TaskDigest {
        TaskDigest::of(self.held.iter().map(|t| {
            (
                t.get_uuid(),
                t.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            )
        }))
    }

    fn digest(&mut self) -> TaskDigest {
        let all = rt().block_on(self.rep.all_task_data()).unwrap();
        TaskDigest::of(
            all.iter()
                .map(|(u, t)| (*u, t.iter().map(|(k, v)| (k.as_str(), v.as_str())))),
        )
    }

    fn task_props(&mut self, uuid: Uuid) -> Option<Vec<(String, String)>> {
        let task = rt().block_on(self.rep.get_task_data(uuid)).unwrap()?;
        Some(sorted_props(
            task.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        ))
    }

    fn working_set(&mut self) -> Vec<(usize, Uuid)> {
        rt().block_on(self.rep.working_set())
            .unwrap()
            .iter()
            .collect()
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

    fn undo(&mut self) -> Undone {
        let (ops, t1) = timed(|| rt().block_on(self.rep.get_undo_operations()).unwrap());
        let same: Vec<SameOp> = ops.iter().map(SameOp::of_taskchampion).collect();
        let (reverted, t2) = timed(|| {
            rt().block_on(self.rep.commit_reversed_operations(ops))
                .unwrap()
        });
        Undone {
            time: t1 + t2,
            reverted,
            ops: same,
        }
    }

    fn local_ops(&mut self) -> usize {
        rt().block_on(self.rep.num_local_operations()).unwrap()
    }

    /// taskchampion's sync ends with these two storage calls in one transaction; the
    /// replica is reopened on the storage they changed.
    fn mark_synced(&mut self, version: Uuid) {
        use taskchampion::storage::Storage;
        let mut storage = tc_storage(&self.dir, Access::Write);
        rt().block_on(async {
            let mut txn = storage.txn().await.unwrap();
            txn.set_base_version(version).await.unwrap();
            txn.sync_complete().await.unwrap();
            txn.commit().await.unwrap();
        });
        self.rep = taskchampion::Replica::new(storage);
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
