//! Taking changed tasks into the app: the working set, the urgency of what a change can
//! reach, and the rows of the view (recomputed only when the data has changed).

use std::sync::Arc;

use uuid::Uuid;

use super::context::Active;
use super::core::{Core, Effect};
use super::list_view::ListView;
use super::query::Query;
use super::view::{View, ViewInput};
use crate::app::Delta;
use crate::replica::UuidSet;
use crate::task::DependencyMap;
use crate::task::{Status, Task, TaskData, urgency};
use crate::text::quoted;

/// The most changed tasks the list's order is patched for; with more it is worked out anew.
const PATCH_AT_MOST: usize = 2_000;

impl Core {
    /// Take tasks as the replica now holds them, with its working set and dependency map.
    pub fn take_delta(&mut self, delta: Delta) {
        let Delta {
            tasks,
            removed,
            working_set,
            depmap,
            ..
        } = delta;
        self.take_changes(tasks, &removed, Some(&working_set), Some(depmap));
    }

    /// Take changed tasks (from the replica's owner, a sync, or an edit made here), with the working
    /// set and dependency map if they changed; urgency is refreshed where it can have
    /// changed.
    pub fn take_changes(
        &mut self,
        tasks: Vec<TaskData>,
        removed: &[Uuid],
        working_set: Option<&[Option<Uuid>]>,
        depmap: Option<Arc<DependencyMap>>,
    ) {
        let old = self.depmap.clone();
        let patchable = removed.is_empty() && self.list.is_current(self.generation);
        self.generation += 1;
        let mut touched: Vec<Uuid> = tasks.iter().map(TaskData::uuid).collect();
        let recurring = !removed.is_empty() || tasks.iter().any(crate::task::recurrence::in_series);
        touched.extend_from_slice(removed);
        if !removed.is_empty() {
            self.removals += 1;
        }
        for uuid in removed {
            self.tasks.remove(uuid);
        }
        for t in tasks {
            self.tasks.insert(Task::new(t));
        }
        // Tasks whose ID changed sort elsewhere among equals: they count as changed too.
        let mut renumbered = Vec::new();
        if let Some(ws) = working_set {
            let before = std::mem::take(&mut self.ids);
            self.set_working_set(ws);
            renumbered.extend(
                before
                    .iter()
                    .filter(|(u, id)| self.ids.get(*u) != Some(*id))
                    .map(|(u, _)| *u),
            );
            renumbered.extend(self.ids.keys().filter(|u| !before.contains_key(*u)));
        }
        if let Some(d) = depmap {
            self.depmap = d;
        }
        if recurring {
            self.refresh_next_due();
        }
        let mut affected = self.refresh_urgency(&touched, &old);
        affected.extend(renumbered);
        // Patching places each task on its own, at a cost that grows with the rows: for
        // many (a sync, the instances of a thousand templates) sorting afresh is cheaper.
        if patchable && affected.len() <= PATCH_AT_MOST {
            // Only the changed tasks (and those whose urgency or blocked state moved) change
            // place: the rest of the view's order stands.
            self.refresh_list(|list, generation, input| list.patch(generation, &affected, input));
        }
        self.rebuild_rows();
    }

    pub(super) fn set_working_set(&mut self, ws: &[Option<Uuid>]) {
        // Index 0 is never used: a working set of one slot has no ID.
        self.latest = u32::try_from(ws.len().saturating_sub(1))
            .ok()
            .filter(|n| *n > 0);
        self.ids.clear();
        for (id, uuid) in ws.iter().enumerate() {
            if let Some(uuid) = uuid {
                self.ids.insert(*uuid, id as u32);
            }
        }
    }

    /// Recompute urgency for every task a view may sort by it, and which tasks are pending.
    pub fn refresh_urgency_all(&mut self) {
        self.urgency.clear();
        self.pending.clear();
        let uuids: Vec<Uuid> = self.tasks.values().map(Task::uuid).collect();
        self.refresh_one_by_one(&uuids);
    }

    /// Recompute urgency and pending-ness for `touched` and for the tasks whose blocked or
    /// blocking state they can have changed: their neighbours in the old and new dependency
    /// maps. Everything else keeps its urgency.
    pub(super) fn refresh_urgency(&mut self, touched: &[Uuid], old: &DependencyMap) -> Vec<Uuid> {
        let mut affected = UuidSet::default();
        for uuid in touched {
            affected.insert(*uuid);
            for map in [old, &*self.depmap] {
                affected.extend(map.dependencies(*uuid));
                affected.extend(map.dependents(*uuid));
            }
        }
        let affected: Vec<Uuid> = affected.into_iter().collect();
        self.refresh_one_by_one(&affected);
        affected
    }

    pub(super) fn refresh_one_by_one(&mut self, uuids: &[Uuid]) {
        let ctx = self
            .options
            .tag_context(self.now, self.tz, &self.depmap)
            .with_latest(self.latest);
        for uuid in uuids {
            self.urgency.remove(uuid);
            self.pending.remove(uuid);
            let Some(task) = self.tasks.get(uuid) else {
                continue;
            };
            let status = task.get("status");
            // As `Task::status` reads it.
            if status.is_none_or(|s| s == Status::Pending.as_stored()) {
                self.pending.insert(*uuid);
            }
            if status.is_some_and(Status::keeps_in_working_set) {
                self.urgency
                    .insert(*uuid, urgency(task, &self.options.coefficients, &ctx));
            }
        }
    }

    /// Recompute the rows.
    pub fn rebuild_rows(&mut self) {
        self.refresh_list(|list, generation, input| list.rebuild(generation, input));
    }

    /// The report `name` as a view, or why it cannot be shown.
    pub fn view_of(&self, name: &str) -> Result<Arc<View>, String> {
        let def = self.options.reports.get(name).ok_or_else(|| {
            format!("there is no report {name:?}; report.{name}.columns in the taskrc defines one")
        })?;
        View::new(def, &self.query_context(), &self.options.settings).map(Arc::new)
    }

    /// Show the report `name`, loading every task first if it needs them.
    pub fn set_view(&mut self, name: &str) -> Result<(), String> {
        let view = self.view_of(name)?;
        let all = view.needs_all();
        self.refresh_list(|list, generation, input| list.set_view(view, generation, input));
        self.loading_note(all);
        Ok(())
    }

    /// Show the report `name` filtered by `query`, typed as `text`.
    pub fn set_view_and_query(
        &mut self,
        name: &str,
        text: String,
        query: Option<Query>,
    ) -> Result<(), String> {
        let view = self.view_of(name)?;
        let all = view.needs_all();
        self.refresh_list(|list, generation, input| {
            list.set_both(view, (text, query), generation, input)
        });
        self.loading_note(all);
        Ok(())
    }

    fn loading_note(&mut self, needs_all: bool) {
        if needs_all && !self.all_loaded {
            self.say("loading every task…");
        }
    }

    /// Put the context `name` in force (`None`: no context), and compute the rows again.
    pub fn set_context(&mut self, name: Option<&str>) -> Result<(), String> {
        self.context = match name {
            None => None,
            Some(name) => Some(Active::new(
                &self.options.contexts,
                name,
                &self.query_context(),
            )?),
        };
        self.list.forget_order();
        self.rebuild_rows();
        Ok(())
    }

    /// Put the context `name` in force (`None` or `"none"`: none), say so, and ask for the
    /// taskrc to say so too.
    pub fn switch_context(&mut self, name: Option<&str>) -> Result<Vec<Effect>, String> {
        let name = name.filter(|n| *n != "none");
        self.set_context(name)?;
        let said = match (name, self.context()) {
            (None, _) => "no context: every task".to_string(),
            (Some(n), Some(c)) if !c.def.read.trim().is_empty() => {
                format!("context {n}: only tasks matching {}", quoted(&c.def.read))
            }
            (Some(n), _) => format!("context {n}: its read filter is empty, every task shows"),
        };
        self.say(said);
        Ok(vec![Effect::SaveContext(name.map(str::to_owned))])
    }

    /// Filter the list by `query`, typed as `text` (`None` and "" for no filter).
    pub fn set_query(&mut self, text: String, query: Option<Query>) {
        self.refresh_list(|list, generation, input| list.set_query(text, query, generation, input));
    }

    /// Change the list with `change` (which computes its rows).
    fn refresh_list(&mut self, change: impl FnOnce(&mut ListView, u64, &ViewInput<'_>)) {
        let ctx = self
            .options
            .tag_context(self.now, self.tz, &self.depmap)
            .with_latest(self.latest);
        let input = ViewInput {
            tasks: &self.tasks,
            ids: &self.ids,
            urgency: &self.urgency,
            pending: &self.pending,
            ctx: &ctx,
            context: self.context.as_ref().and_then(|c| c.read.as_ref()),
        };
        change(&mut self.list, self.generation, &input);
        self.rows_version += 1;
    }
}
