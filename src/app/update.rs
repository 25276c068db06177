//! How the core takes in news: what the replica's owner answered (tasks loaded, a change
//! committed or refused, a task's history), the clock, the sync, and `$EDITOR`'s text.

use uuid::Uuid;

use super::core::{Core, Effect, Event};
use super::owner::Command;
use super::sync_task::SyncRequest;
use super::{Delta, ReplicaEvent};
use crate::task::{Status, Task, TaskData};

impl Core {
    /// Take in one piece of news.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Replica(event) => self.replica(event),
            Event::Tick(now) => {
                let day = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&self.tz).date_naive();
                let new_day = day(now) != day(self.now);
                self.now = now;
                self.generation += 1;
                // A new day may bring due dates into the recurring templates' reach.
                if new_day {
                    return self.recur_if(Vec::new());
                }
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

    /// Ask for the instances recurring templates are owed (and for pending tasks past
    /// their `until` to be deleted), when recurrence is on and some template is loaded or
    /// some task has an `until`. With recurrence off, only expired tasks are deleted, as
    /// in Taskwarrior.
    pub(super) fn recur_if(&self, also: Vec<Uuid>) -> Vec<Effect> {
        let Some(limit) = self.options.recurrence else {
            let now = self.now;
            let expired = |t: &Task| crate::task::recurrence::expired(t, now);
            if !self.tasks.values().any(expired) {
                return Vec::new();
            }
            return vec![Effect::Replica(Command::Recur {
                now,
                limit: None,
                also: Vec::new(),
            })];
        };
        let templates: Vec<Uuid> = self
            .tasks
            .values()
            .filter(|t| t.status() == Status::Recurring)
            .map(Task::uuid)
            .collect();
        // A task with `until` may expire (Taskwarrior's `handleUntil`). The status is
        // checked first: it is found without a search, and most tasks are not pending.
        let ending = || {
            self.tasks
                .values()
                .any(|t| t.status() == Status::Pending && t.until().is_some())
        };
        if templates.is_empty() && !ending() {
            return Vec::new();
        }
        // The tasks a sync brought may hold twins of tasks not loaded: the owner looks.
        if also.is_empty() && !self.recurrence_work(&templates, limit) {
            return Vec::new();
        }
        vec![Effect::Replica(Command::Recur {
            now: self.now,
            limit: Some(limit),
            also,
        })]
    }

    /// Whether the recurrence step has anything to do among the tasks loaded: a template
    /// owed an instance or spent, a pending task past its `until`, pending twins, or a mask
    /// that does not say what became of a pending instance. Asking the replica's owner
    /// costs a read of the working set; this costs one look at each task of it.
    fn recurrence_work(&self, templates: &[Uuid], limit: i64) -> bool {
        use crate::task::keys;
        use crate::task::recurrence::{instance_of, mask_char};
        let now = self.now;
        let owed = templates.iter().filter_map(|u| self.tasks.get(u)).any(|t| {
            let links = crate::task::is_chained(t).then(|| {
                crate::task::Links::of(t, self.working_set_tasks(), |u| self.tasks.get(&u).cloned())
            });
            crate::task::owed(t, now, limit, &chrono::Local, links)
                .is_ok_and(|o| o.is_some_and(|o| o.spent || !o.instances.is_empty()))
        });
        if owed {
            return true;
        }
        let mut seen: std::collections::HashSet<(Uuid, usize)> = Default::default();
        for task in self.ids.keys().filter_map(|u| self.tasks.get(u)) {
            if task.status() != Status::Pending {
                continue;
            }
            if crate::task::recurrence::expired(task, now) {
                return true;
            }
            let Some((parent, index)) = instance_of(task) else {
                continue;
            };
            if !seen.insert((parent, index)) {
                return true;
            }
            if let Some(template) = self.tasks.get(&parent) {
                let stored = template.get(keys::MASK).and_then(|m| m.chars().nth(index));
                if stored != Some(mask_char(task, now)) {
                    return true;
                }
            }
        }
        false
    }

    /// The twins a commit joined, each with the instance it was joined into: a twin is
    /// removed (no other step removes an instance), and its instance is the task left
    /// with its template and index.
    fn twins_joined(&self, delta: &Delta) -> Vec<(Uuid, Uuid)> {
        use crate::task::recurrence::instance_of;
        let mut joined = Vec::new();
        for twin in &delta.removed {
            let Some(at) = self.tasks.get(twin).and_then(instance_of) else {
                continue;
            };
            let stays = |uuid: Uuid| uuid != *twin && !delta.removed.contains(&uuid);
            let from_delta = delta.tasks.iter().map(|t| (t.uuid(), Task::new(t.clone())));
            let kept = from_delta
                .filter(|(u, t)| stays(*u) && instance_of(t) == Some(at))
                .map(|(u, _)| u)
                .next()
                .or_else(|| {
                    let derived = crate::task::instance_uuid(at.0, at.1);
                    self.tasks
                        .values()
                        .find(|t| stays(t.uuid()) && instance_of(t) == Some(at))
                        .map(Task::uuid)
                        .or(self.tasks.contains_key(&derived).then_some(derived))
                });
            if let Some(kept) = kept {
                joined.push((kept, *twin));
            }
        }
        joined
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
                self.refresh_next_due();
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
                // The working set holds every template: they are seen to at once.
                if first {
                    return self.recur_if(Vec::new());
                }
            }
            ReplicaEvent::Committed {
                delta,
                message,
                said,
            } => {
                // The hook scripts' words follow the change's, as `task` prints them after.
                let message = if said.is_empty() {
                    message
                } else {
                    format!("{message} — {}", super::hooks::one_line(&said))
                };
                self.said.extend(said);
                // Kept for the `on-exit` scripts, when there are any.
                if let Some(hooks) = &self.options.hooks
                    && hooks.any(super::hooks::Event::Exit)
                {
                    self.changed.extend(delta.tasks.iter().cloned());
                }
                // What a change means for recurrence the owner made part of its step.
                let committed: Vec<Uuid> = delta.tasks.iter().map(TaskData::uuid).collect();
                let twins = self.twins_joined(&delta);
                self.sync.unsynced = delta.unsynced;
                self.take_delta(delta);
                for (kept, twin) in twins {
                    self.elsewhere.push(super::sync_state::Elsewhere {
                        uuid: kept,
                        at: self.now,
                        lost: None,
                        twin: Some(twin),
                    });
                }
                // An empty message: only the IDs moved (a report beside the interface
                // renumbered them), nothing to say.
                if !message.is_empty() {
                    self.say(message);
                }
                super::announce::after_commit(self, &committed);
                if self.sync.enabled && !committed.is_empty() {
                    return vec![Effect::Sync(SyncRequest::Edited)];
                }
            }
            ReplicaEvent::History { uuid, ops } => {
                self.history = Some((uuid, ops));
            }
            // The chart view takes it; a failure is said.
            ReplicaEvent::Chronicle(Ok(_)) => {}
            ReplicaEvent::Chronicle(Err(e)) => self.fail(e),
            ReplicaEvent::Failed {
                message,
                tasks,
                removed,
                refusal,
            } => {
                self.take_changes(tasks, &removed, None, None);
                self.fail(message);
                if let Some(said) = refusal {
                    self.said.extend(said);
                    self.refused = true;
                }
                // Nothing more is to be said of tasks whose change did not happen.
                self.follow_ups.clear();
            }
        }
        Vec::new()
    }
}
