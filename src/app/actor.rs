//! The replica's owner on a thread of its own: the app sends it commands and hears back
//! through events, so no keystroke waits for the disk; the sync task reaches the replica
//! through a [`ReplicaClient`], one short step at a time, never across the network.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::owner::{Command, Owner, ReplicaEvent};
use crate::replica::{PushedChange, Replica, ReplicaError, SyncPoint};
use crate::sync::{SyncError, SyncTarget};
use crate::task::{Operation, TaskData};

/// Work handed to the owner's thread by the sync task.
type Job = Box<dyn FnOnce(&mut Owner) + Send>;

enum Message {
    Command(Command),
    Job(Job),
}

/// The owner's thread.
pub struct Actor {
    sender: Sender<Message>,
    thread: JoinHandle<()>,
}

impl Actor {
    /// Start the owner's thread; the events that commands sent with [`Actor::send`] bring
    /// go to `events`. It runs until [`Command::Quit`] (or until no one can reach it any
    /// more), then closes the replica.
    pub fn spawn(owner: Owner, events: impl Fn(ReplicaEvent) + Send + 'static) -> Actor {
        let (sender, messages) = mpsc::channel();
        let thread = std::thread::spawn(move || serve(owner, &messages, &events));
        Actor { sender, thread }
    }

    /// Hand a command to the owner; its answer comes as events.
    pub fn send(&self, command: Command) {
        // The thread only ends after `Quit`, or after a failure it has no one to tell of.
        let _ = self.sender.send(Message::Command(command));
    }

    /// A way in for the sync task.
    pub fn client(&self) -> ReplicaClient {
        ReplicaClient {
            sender: self.sender.clone(),
        }
    }

    /// Finish every command sent, close the replica and wait for the thread; an error if
    /// the thread stopped on a failure.
    pub fn finish(self) -> std::thread::Result<()> {
        self.send(Command::Quit);
        self.thread.join()
    }
}

fn serve(mut owner: Owner, messages: &Receiver<Message>, send: &dyn Fn(ReplicaEvent)) {
    while let Ok(message) = messages.recv() {
        match message {
            Message::Command(Command::Quit) => break,
            // Each part goes out as soon as it is read: the working set is on screen while
            // every task is still being read.
            Message::Command(Command::Load) => {
                send(owner.load_working_set());
                owner.load_rest().into_iter().for_each(send);
            }
            Message::Command(other) => owner.handle(other).into_iter().for_each(send),
            Message::Job(job) => job(&mut owner),
        }
    }
    owner.close();
}

/// The replica as the sync task sees it: each call is carried out by the owner's thread
/// between the app's commands.
#[derive(Clone)]
pub struct ReplicaClient {
    sender: Sender<Message>,
}

impl ReplicaClient {
    /// Run `f` on the owner's thread and wait for its answer.
    pub fn ask<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Owner) -> T + Send + 'static,
    ) -> Result<T, ReplicaError> {
        let (answer, answered) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |owner| {
            let _ = answer.send(f(owner));
        });
        self.sender
            .send(Message::Job(job))
            .map_err(|_| ReplicaError::Closed)?;
        answered.recv().map_err(|_| ReplicaError::Closed)
    }

    fn replica<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Replica) -> crate::replica::Result<T> + Send + 'static,
    ) -> Result<T, SyncError> {
        Ok(self.ask(move |owner| f(owner.replica_mut()))??)
    }
}

impl SyncTarget for ReplicaClient {
    fn sync_point(&mut self, now: DateTime<Utc>) -> Result<SyncPoint, SyncError> {
        self.replica(move |r| Replica::sync_point(r, now))
    }

    fn start_from_snapshot(
        &mut self,
        version: Uuid,
        tasks: &[TaskData],
    ) -> Result<bool, SyncError> {
        let tasks = tasks.to_vec();
        self.replica(move |r| r.start_from_snapshot(version, &tasks))
    }

    fn finish_sync(
        &mut self,
        point: &SyncPoint,
        remote: &[Operation],
        version: Uuid,
    ) -> Result<bool, SyncError> {
        let (point, remote) = (point.clone(), remote.to_vec());
        self.replica(move |r| r.finish_sync(&point, &remote, version))
    }

    fn all_task_data(&mut self) -> Result<HashMap<Uuid, TaskData>, SyncError> {
        self.replica(|r| Replica::all_task_data(r))
    }

    fn task_data(&mut self, uuids: &[Uuid]) -> Result<Vec<Option<TaskData>>, SyncError> {
        let uuids = uuids.to_vec();
        self.replica(move |r| uuids.iter().map(|u| r.get_task_data(*u)).collect())
    }

    fn reset_to(&mut self, version: Uuid, tasks: &[TaskData]) -> Result<(), SyncError> {
        let tasks = tasks.to_vec();
        self.replica(move |r| r.reset_to(version, &tasks))
    }

    fn pushed_changes(
        &mut self,
        keys: &[(Uuid, String)],
    ) -> Result<Vec<Option<PushedChange>>, SyncError> {
        let keys = keys.to_vec();
        self.replica(move |r| Replica::pushed_changes(r, &keys))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;
    use crate::app::owner::tests::add;
    use crate::sync::{LocalServer, Syncer};

    #[test]
    fn commands_sent_before_quitting_are_carried_out_and_the_replica_closed() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("r.redb");
        let (tx, events) = mpsc::channel();
        let actor = Actor::spawn(Owner::new(Replica::open(&path).unwrap()), move |e| {
            let _ = tx.send(e);
        });
        let (uuid, ops) = add("kept");
        actor.send(Command::Commit {
            ops,
            label: "add".into(),
            recur: None,
            hooks: None,
        });
        actor.finish().unwrap();
        assert!(matches!(
            events.try_recv(),
            Ok(ReplicaEvent::Committed { .. })
        ));
        // Closed cleanly: it opens again at once, with the task.
        let replica = Replica::open(&path).unwrap();
        assert!(replica.get_task_data(uuid).unwrap().is_some());
    }

    #[test]
    fn a_sync_after_the_owner_quit_fails_with_a_closed_replica_and_writes_nothing() {
        let dir = tempfile::TempDir::new().unwrap();
        let folder = dir.path().join("f");
        std::fs::create_dir(&folder).unwrap();
        let actor = Actor::spawn(
            Owner::new(Replica::open(dir.path().join("r.redb")).unwrap()),
            |_| {},
        );
        let mut client = actor.client();
        actor.finish().unwrap();
        let mut server = LocalServer::open(&folder).unwrap();
        let err = Syncer::new(false)
            .sync(&mut client, &mut server)
            .unwrap_err();
        assert!(
            matches!(err, SyncError::Replica(ReplicaError::Closed)),
            "{err:?}"
        );
        assert!(err.to_string().contains("the replica is closed"), "{err}");
        assert!(crate::sync::Server::is_empty(&mut server).unwrap());
    }
}
