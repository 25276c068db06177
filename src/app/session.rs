//! The application driven one step at a time: the effects for the replica are carried out
//! by its owner and the answers handed back at once. The command line runs the core through
//! this, the tests run the terminal interface's state through it; the terminal's loop does
//! the same asynchronously.

use super::core::{Core, Effect, Event};
use super::{Actor, Command, Owner, ReplicaClient, ReplicaEvent};
use crate::replica::{Replica, ReplicaError};

/// What a session drives: the core, or an interface built on it.
pub trait Driven {
    /// Take an answer from the replica's owner.
    fn replica_event(&mut self, event: ReplicaEvent) -> Vec<Effect>;
}

impl Driven for Core {
    fn replica_event(&mut self, event: ReplicaEvent) -> Vec<Effect> {
        self.update(Event::Replica(event))
    }
}

/// The replica's owner, on its thread, answering the app's commands one at a time.
/// Dropping it closes the replica and waits for that.
pub struct Session {
    actor: Option<Actor>,
    client: ReplicaClient,
}

impl Session {
    pub fn new(replica: Replica) -> Session {
        // Commands go through `ask`, whose answer comes back directly: no events channel.
        let actor = Actor::spawn(Owner::new(replica), |_| {});
        let client = actor.client();
        Session {
            actor: Some(actor),
            client,
        }
    }

    /// Carry out `effects` for `app` in order: those for the replica here, the others by
    /// `outside`; the app's answers to each are carried out before the next. Returns why
    /// each replica command that failed did.
    pub fn run<A: Driven>(
        &mut self,
        app: &mut A,
        effects: Vec<Effect>,
        outside: &mut dyn FnMut(&mut A, Effect) -> Vec<Effect>,
    ) -> Vec<String> {
        let mut failures = Vec::new();
        for effect in effects {
            let more = match effect {
                // The session closes the replica when it ends.
                Effect::Replica(Command::Quit) => Vec::new(),
                Effect::Replica(command) => {
                    let events = match self.client.ask(move |o| o.handle(command)) {
                        Ok(events) => events,
                        Err(e) => vec![ReplicaEvent::Failed {
                            message: e.to_string(),
                            tasks: Vec::new(),
                            removed: Vec::new(),
                            refusal: None,
                        }],
                    };
                    let mut more = Vec::new();
                    for event in events {
                        if let ReplicaEvent::Failed { message, .. } = &event {
                            failures.push(message.clone());
                        }
                        more.extend(app.replica_event(event));
                    }
                    more
                }
                other => outside(app, other),
            };
            failures.extend(self.run(app, more, outside));
        }
        failures
    }

    /// Run `f` on the replica (tests and tools look at it, or change it as another
    /// program would).
    pub fn replica<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Replica) -> T + Send + 'static,
    ) -> Result<T, ReplicaError> {
        self.client.ask(move |o| f(o.replica_mut()))
    }

    /// The replica as the background sync reaches it.
    pub fn client(&self) -> ReplicaClient {
        self.client.clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(actor) = self.actor.take() {
            let _ = actor.finish();
        }
    }
}
