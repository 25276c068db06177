//! The work that runs beside an interface: the replica's owner on its thread and, if asked
//! for, the background sync, both sending their news into one channel of the interface's
//! events. The terminal's loop and the interface benchmark run through this, so they carry
//! out the same effects the same way.

use std::sync::mpsc::Sender;

use super::core::Effect;
use super::sync_task::{self, Connect, SyncEvent, SyncHandle, SyncTimes};
use super::{Actor, Owner, ReplicaClient, ReplicaEvent};
use crate::replica::Replica;

/// The background sync to run: how to reach the server, how often, and how its news is
/// wrapped as an event.
pub struct SyncPlan<E> {
    pub connect: Connect,
    pub times: SyncTimes,
    /// The hook scripts that see synced changes.
    pub hooks: Option<super::hooks::Hooks>,
    pub wrap: fn(SyncEvent) -> E,
}

/// The replica's owner and the background sync, running.
pub struct Background {
    owner: Actor,
    sync: Option<SyncHandle>,
}

impl Background {
    /// Start the owner of `replica`, and the sync if planned; their news goes to `events`.
    pub fn spawn<E: Send + 'static>(
        replica: Replica,
        events: &Sender<E>,
        wrap: fn(ReplicaEvent) -> E,
        sync: Option<SyncPlan<E>>,
    ) -> Background {
        let owner = {
            // An interface that has gone away hears nothing more; the owner stays for the
            // sync task until it is told to quit.
            let events = events.clone();
            Actor::spawn(Owner::new(replica), move |e| {
                let _ = events.send(wrap(e));
            })
        };
        let sync = sync.map(|plan| {
            sync_task::spawn(
                owner.client(),
                plan.connect,
                plan.times,
                plan.hooks,
                events.clone(),
                plan.wrap,
            )
        });
        Background { owner, sync }
    }

    /// Whether a background sync runs.
    pub fn syncing(&self) -> bool {
        self.sync.is_some()
    }

    /// Hand an effect for the replica or the sync to them; any other comes back.
    pub fn carry_out(&self, effect: Effect) -> Option<Effect> {
        match effect {
            Effect::Replica(command) => self.owner.send(command),
            Effect::Sync(request) => {
                if let Some(sync) = &self.sync {
                    let _ = sync.requests.send(request);
                }
            }
            other => return Some(other),
        }
        None
    }

    /// The replica as the sync task reaches it.
    pub fn client(&self) -> ReplicaClient {
        self.owner.client()
    }

    /// Let the owner finish what was sent and close the replica, even if a last sync not
    /// waited for is still winding down (its next step finds the replica closed; whatever
    /// it had not finished is synced next time). A sync that has ended is joined first.
    /// An error if the owner's thread stopped on a failure.
    pub fn finish(self) -> std::thread::Result<()> {
        if let Some(sync) = self.sync
            && sync.thread.is_finished()
        {
            let _ = sync.thread.join();
        }
        self.owner.finish()
    }

    /// Stop now: the sync is told to quit, the owner finishes what was sent and closes the
    /// replica (a last sync under way finds it closed and ends), then the sync's thread is
    /// waited for.
    pub fn finish_all(self) -> std::thread::Result<()> {
        if let Some(sync) = &self.sync {
            let _ = sync.requests.send(super::sync_task::SyncRequest::Quit);
        }
        let finished = self.owner.finish();
        if let Some(sync) = self.sync {
            let _ = sync.thread.join();
        }
        finished
    }
}
