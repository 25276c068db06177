//! How the core takes in news: what the replica's owner answered (tasks loaded, a change
//! committed or refused, a task's history), the clock, the sync, and `$EDITOR`'s text.

use uuid::Uuid;

use super::core::{Core, Effect, Event};
use super::sync_task::SyncRequest;
use super::{Delta, ReplicaEvent};
use crate::task::{Task, TaskData};

impl Core {
    /// Take in one piece of news.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Replica(event) => self.replica(event),
            Event::Tick(now) => {
                self.now = now;
                self.generation += 1;
                Vec::new()
            }
            Event::Sync(event) => super::sync_state::update(self, event),
            Event::ContextSaved(Err(e)) => {
                self.fail(format!(
                    "{e}; the context changed in tcui only, not for Taskwarrior"
                ));
                Vec::new()
            }
            Event::ContextSaved(Ok(())) => Vec::new(),
            Event::Edited { uuid, text } => match text {
                Ok(text) => super::editor::take_back(self, uuid, &text),
                Err(e) => {
                    self.fail(e);
                    Vec::new()
                }
            },
        }
    }

    fn replica(&mut self, event: ReplicaEvent) -> Vec<Effect> {
        match event {
            ReplicaEvent::Loaded { delta, all } => {
                let Delta {
                    tasks,
                    working_set,
                    depmap,
                    unsynced,
                    ..
                } = delta;
                self.sync.unsynced = unsynced;
                self.generation += 1;
                let uuids: Vec<Uuid> = tasks.iter().map(TaskData::uuid).collect();
                for t in tasks {
                    self.tasks.insert(Task::new(t));
                }
                self.set_working_set(&working_set);
                self.depmap = depmap;
                let first = !self.loaded;
                self.loaded = true;
                self.all_loaded |= all;
                if first {
                    self.refresh_urgency_all();
                } else {
                    self.refresh_one_by_one(&uuids);
                }
                // Later parts hold no pending task: the next view stays as it is.
                if first || all || !self.list.view().pending_only() {
                    self.rebuild_rows();
                }
            }
            ReplicaEvent::Committed { delta, message } => {
                let committed: Vec<Uuid> = delta.tasks.iter().map(TaskData::uuid).collect();
                self.sync.unsynced = delta.unsynced;
                self.take_delta(delta);
                self.say(message);
                super::announce::after_commit(self, &committed);
                if self.sync.enabled {
                    return vec![Effect::Sync(SyncRequest::Edited)];
                }
            }
            ReplicaEvent::History { uuid, ops } => {
                self.history = Some((uuid, ops));
            }
            ReplicaEvent::Failed {
                message,
                tasks,
                removed,
            } => {
                self.take_changes(tasks, &removed, None, None);
                self.fail(message);
                // Nothing more is to be said of tasks whose change did not happen.
                self.follow_ups.clear();
            }
        }
        Vec::new()
    }
}
