//! The backend: a thread that owns the replica. The UI sends it [`Command`]s and hears back
//! through [`BackendEvent`]s, so no keystroke ever waits for the disk.

use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use uuid::Uuid;

use crate::replica::{Replica, UuidSet};
use crate::task::DependencyMap;
use crate::task::{Operation, Operations, TaskData, TaskMap};

/// A request to the backend.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Send the working set's tasks, then the others in parts.
    Load,
    /// Commit one user action (its operations start with an undo point).
    Commit { ops: Operations, label: String },
    /// Take back the last action.
    Undo,
    /// Do again the last action taken back.
    Redo,
    /// Send the change history of one task.
    History(Uuid),
    /// Finish and close the replica.
    Quit,
}

/// What the backend tells the UI.
#[derive(Debug, Clone)]
pub enum BackendEvent {
    /// Tasks from the replica: the working set's first, then the others in parts; `all` is
    /// set on the part that completes them.
    Loaded {
        tasks: Vec<TaskData>,
        working_set: Vec<Option<Uuid>>,
        depmap: Arc<DependencyMap>,
        all: bool,
        /// Local changes not yet synced.
        unsynced: usize,
    },
    /// An action was committed, undone or redone: the tasks it touched as they are now.
    Committed {
        tasks: Vec<TaskData>,
        removed: Vec<Uuid>,
        working_set: Vec<Option<Uuid>>,
        depmap: Arc<DependencyMap>,
        message: String,
        unsynced: usize,
    },
    /// One task's history, oldest first.
    History { uuid: Uuid, ops: Operations },
    /// Nothing was changed, and why; the tasks the action touched, as stored, replace the
    /// UI's copies (which may show the change that did not happen).
    Failed {
        message: String,
        tasks: Vec<TaskData>,
        removed: Vec<Uuid>,
    },
}

/// One action as committed, kept so that it can be undone or redone.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    ops: Operations,
}

/// The replica (shared with the background sync, each locking it for one step at a time)
/// and the undo and redo stacks of this session.
pub struct Backend {
    replica: Arc<Mutex<Replica>>,
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl Backend {
    pub fn new(replica: Replica) -> Backend {
        Backend {
            replica: Arc::new(Mutex::new(replica)),
            done: Vec::new(),
            undone: Vec::new(),
        }
    }

    /// The replica, for the background sync to share.
    pub fn shared(&self) -> Arc<Mutex<Replica>> {
        self.replica.clone()
    }

    /// The replica, locked (tests and tools).
    pub fn replica(&self) -> MutexGuard<'_, Replica> {
        self.replica.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Run on a thread of its own until `Quit` or until the UI goes away.
    pub fn spawn<E: From<BackendEvent> + Send + 'static>(
        self,
        commands: Receiver<Command>,
        events: Sender<E>,
    ) -> JoinHandle<()> {
        std::thread::spawn(move || {
            let mut backend = self;
            while let Ok(command) = commands.recv() {
                let send = |event| events.send(E::from(event)).is_ok();
                let sent = match command {
                    Command::Quit => break,
                    // Each part goes out as soon as it is read: the working set is on
                    // screen while every task is still being read.
                    Command::Load => {
                        send(backend.load_working_set())
                            && backend.load_rest().into_iter().all(send)
                    }
                    other => backend.handle(other).into_iter().all(send),
                };
                if !sent {
                    return;
                }
            }
        })
    }

    /// The working set's tasks (`all` false) or every task.
    fn load_working_set(&self) -> BackendEvent {
        match self.replica.lock() {
            Ok(mut r) => load_working_set(&mut r),
            Err(_) => unavailable(),
        }
    }

    fn load_rest(&self) -> Vec<BackendEvent> {
        match self.replica.lock() {
            Ok(mut r) => load_rest(&mut r),
            Err(_) => vec![unavailable()],
        }
    }

    /// Carry out one command, holding the replica for its duration.
    pub fn handle(&mut self, command: Command) -> Vec<BackendEvent> {
        let shared = self.replica.clone();
        let Ok(mut guard) = shared.lock() else {
            return vec![unavailable()];
        };
        let r = &mut *guard;
        match command {
            Command::Load => {
                let mut events = vec![load_working_set(r)];
                events.extend(load_rest(r));
                events
            }
            Command::Commit { ops, label } => {
                let event = commit(r, ops.clone(), &label);
                if matches!(event, BackendEvent::Committed { .. }) {
                    self.done.push(Step { label, ops });
                    self.undone.clear();
                }
                vec![event]
            }
            Command::Undo => vec![self.undo(r)],
            Command::Redo => vec![self.redo(r)],
            Command::History(uuid) => vec![match r.get_task_operations(uuid) {
                Ok(ops) => BackendEvent::History { uuid, ops },
                Err(e) => failed(r, format!("cannot read the history: {e}"), &[]),
            }],
            Command::Quit => Vec::new(),
        }
    }

    /// Undo the last action: straight from the log if it is still the newest unsynced step,
    /// else (it was synced meanwhile) by new operations that put the old values back.
    fn undo(&mut self, r: &mut Replica) -> BackendEvent {
        let Some(step) = self.done.pop() else {
            return failed(r, "nothing to undo".into(), &[]);
        };
        let touched = touched(&step.ops);
        let message = format!("undone: {}", step.label);
        let in_log = r.get_undo_operations().is_ok_and(|ops| ops == step.ops);
        let result = if in_log {
            r.commit_reversed_operations(step.ops.clone()).map(|_| ())
        } else {
            r.commit_operations(reverse(&step.ops))
        };
        match result {
            Ok(()) => {
                self.undone.push(step);
                committed(r, &touched, message)
            }
            Err(e) => {
                self.done.push(step);
                failed(r, format!("cannot undo: {e}"), &touched)
            }
        }
    }

    fn redo(&mut self, r: &mut Replica) -> BackendEvent {
        let Some(step) = self.undone.pop() else {
            return failed(r, "nothing to redo".into(), &[]);
        };
        let touched = touched(&step.ops);
        match r.commit_operations(step.ops.clone()) {
            Ok(()) => {
                let message = format!("redone: {}", step.label);
                self.done.push(step);
                committed(r, &touched, message)
            }
            Err(e) => {
                self.undone.push(step);
                failed(r, format!("cannot redo: {e}"), &touched)
            }
        }
    }
}

fn unavailable() -> BackendEvent {
    BackendEvent::Failed {
        message: "the replica is unavailable after a failure; restart tcui (committed changes \
                  are kept)"
            .into(),
        tasks: Vec::new(),
        removed: Vec::new(),
    }
}

/// Tasks outside the working set go to the UI in parts of this many, so that keys are
/// answered between parts.
const PART: usize = 10_000;

/// The tasks outside the working set (the working set's were sent first), in parts; the
/// last part says every task is loaded.
fn load_rest(r: &mut Replica) -> Vec<BackendEvent> {
    let rest: Vec<TaskData> = match r.all_task_data() {
        Ok(all) => all
            .into_values()
            .filter(|t| !r.working_set().contains(&t.uuid()))
            .collect(),
        Err(e) => return vec![failed(r, format!("cannot read the tasks: {e}"), &[])],
    };
    let depmap = match r.dependency_map(false) {
        Ok(d) => d,
        Err(e) => return vec![failed(r, format!("cannot read the tasks: {e}"), &[])],
    };
    let working_set = r.working_set().as_slice().to_vec();
    let unsynced = r.num_local_operations().unwrap_or(0);
    let parts = rest.len().div_ceil(PART).max(1);
    let mut rest = rest.into_iter();
    (0..parts)
        .map(|i| BackendEvent::Loaded {
            tasks: rest.by_ref().take(PART).collect(),
            working_set: working_set.clone(),
            depmap: depmap.clone(),
            all: i + 1 == parts,
            unsynced,
        })
        .collect()
}

/// The working set's tasks, first of all.
fn load_working_set(r: &mut Replica) -> BackendEvent {
    match (r.pending_task_data(), r.dependency_map(false)) {
        (Ok(tasks), Ok(depmap)) => BackendEvent::Loaded {
            tasks,
            working_set: r.working_set().as_slice().to_vec(),
            depmap,
            all: false,
            unsynced: r.num_local_operations().unwrap_or(0),
        },
        (Err(e), _) | (_, Err(e)) => failed(r, format!("cannot read the tasks: {e}"), &[]),
    }
}

fn commit(r: &mut Replica, ops: Operations, message: &str) -> BackendEvent {
    let touched = touched(&ops);
    match r.commit_operations(ops) {
        Ok(()) => committed(r, &touched, message.to_string()),
        Err(e) => failed(r, format!("{message}: not saved: {e}"), &touched),
    }
}

fn committed(r: &mut Replica, touched: &[Uuid], message: String) -> BackendEvent {
    match (read(r, touched), r.dependency_map(false)) {
        (Ok((tasks, removed)), Ok(depmap)) => BackendEvent::Committed {
            tasks,
            removed,
            working_set: r.working_set().as_slice().to_vec(),
            depmap,
            message,
            unsynced: r.num_local_operations().unwrap_or(0),
        },
        (Err(e), _) | (_, Err(e)) => failed(r, format!("{message}, but: {e}"), &[]),
    }
}

fn failed(r: &Replica, message: String, touched: &[Uuid]) -> BackendEvent {
    let (tasks, removed) = read(r, touched).unwrap_or_default();
    BackendEvent::Failed {
        message,
        tasks,
        removed,
    }
}

/// The tasks as stored, and which of them no longer exist.
fn read(r: &Replica, uuids: &[Uuid]) -> crate::replica::Result<(Vec<TaskData>, Vec<Uuid>)> {
    let (mut tasks, mut removed) = (Vec::new(), Vec::new());
    for uuid in uuids {
        match r.get_task_data(*uuid)? {
            Some(t) => tasks.push(t),
            None => removed.push(*uuid),
        }
    }
    Ok((tasks, removed))
}

/// The tasks named by `ops`, each once, in order of first mention.
fn touched(ops: &[Operation]) -> Vec<Uuid> {
    let mut seen = UuidSet::default();
    ops.iter()
        .filter_map(Operation::uuid)
        .filter(|u| seen.insert(*u))
        .collect()
}

/// Operations that undo `ops` when applied after them, as one new step.
fn reverse(ops: &[Operation]) -> Operations {
    let mut out = vec![Operation::UndoPoint];
    for op in ops.iter().rev() {
        match op {
            Operation::UndoPoint => {}
            Operation::Create { uuid } => out.push(Operation::Delete {
                uuid: *uuid,
                old_task: TaskMap::new(),
            }),
            Operation::Delete { uuid, old_task } => {
                out.push(Operation::Create { uuid: *uuid });
                let now = chrono::Utc::now();
                for (property, value) in old_task {
                    out.push(Operation::Update {
                        uuid: *uuid,
                        property: property.clone(),
                        old_value: None,
                        value: Some(value.clone()),
                        timestamp: now,
                    });
                }
            }
            Operation::Update {
                uuid,
                property,
                old_value,
                value,
                ..
            } => out.push(Operation::Update {
                uuid: *uuid,
                property: property.clone(),
                old_value: value.clone(),
                value: old_value.clone(),
                timestamp: chrono::Utc::now(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backend() -> (tempfile::TempDir, Backend) {
        let dir = tempfile::TempDir::new().unwrap();
        let replica = Replica::open(dir.path().join("r.redb")).unwrap();
        (dir, Backend::new(replica))
    }

    fn add(description: &str) -> (Uuid, Operations) {
        let uuid = Uuid::new_v4();
        let mut ops = vec![Operation::UndoPoint];
        let mut t = TaskData::create(uuid, &mut ops);
        let now = chrono::Utc::now();
        t.update("status", Some("pending".into()), now, &mut ops);
        t.update("description", Some(description.into()), now, &mut ops);
        (uuid, ops)
    }

    fn description(b: &Backend, uuid: Uuid) -> Option<String> {
        b.replica()
            .get_task_data(uuid)
            .unwrap()
            .and_then(|t| t.get("description").map(str::to_owned))
    }

    #[test]
    fn commit_undo_redo_round_trip() {
        let (_dir, mut b) = backend();
        let (uuid, ops) = add("first");
        let events = b.handle(Command::Commit {
            ops,
            label: "add".into(),
        });
        let [BackendEvent::Committed { working_set, .. }] = events.as_slice() else {
            panic!("{events:?}")
        };
        assert_eq!(working_set.get(1), Some(&Some(uuid)));
        b.handle(Command::Undo);
        assert_eq!(description(&b, uuid), None);
        assert_eq!(b.replica().num_local_operations().unwrap(), 0);
        b.handle(Command::Redo);
        assert_eq!(description(&b, uuid).as_deref(), Some("first"));
        let events = b.handle(Command::Redo);
        let [BackendEvent::Failed { message, .. }] = events.as_slice() else {
            panic!("{events:?}")
        };
        assert_eq!(message, "nothing to redo");
    }

    #[test]
    fn a_synced_step_is_undone_by_new_operations() {
        let (_dir, mut b) = backend();
        let (uuid, ops) = add("kept");
        b.handle(Command::Commit {
            ops,
            label: "add".into(),
        });
        let mut task = b.replica().get_task_data(uuid).unwrap().unwrap();
        let mut ops = vec![Operation::UndoPoint];
        let now = chrono::Utc::now();
        task.update("description", Some("changed".into()), now, &mut ops);
        b.handle(Command::Commit {
            ops,
            label: "modify".into(),
        });
        b.replica().complete_sync(Uuid::new_v4()).unwrap();
        let events = b.handle(Command::Undo);
        assert!(
            matches!(&events[0], BackendEvent::Committed { message, .. } if message == "undone: modify"),
            "{events:?}"
        );
        assert_eq!(description(&b, uuid).as_deref(), Some("kept"));
        // The undo is itself a change that will sync.
        assert_eq!(b.replica().num_local_operations().unwrap(), 1);
        b.handle(Command::Undo);
        assert!(b.replica().get_task_data(uuid).unwrap().is_none());
    }

    #[test]
    fn load_sends_the_working_set_then_the_rest() {
        let (_dir, mut b) = backend();
        for name in ["one", "two"] {
            let (_, ops) = add(name);
            b.handle(Command::Commit {
                ops,
                label: "add".into(),
            });
        }
        let done = b.replica().working_set().by_index(2).unwrap();
        let mut task = b.replica().get_task_data(done).unwrap().unwrap();
        let mut ops = vec![Operation::UndoPoint];
        let now = chrono::Utc::now();
        task.update("status", Some("completed".into()), now, &mut ops);
        b.handle(Command::Commit {
            ops,
            label: "done".into(),
        });
        b.replica().rebuild_working_set(true).unwrap();
        let events = b.handle(Command::Load);
        let alls: Vec<(usize, bool)> = events
            .iter()
            .map(|e| match e {
                BackendEvent::Loaded { tasks, all, .. } => (tasks.len(), *all),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(alls, [(1, false), (1, true)]);
    }
}
