//! The replica's owner: it alone reads and writes the replica, carrying out [`Command`]s and
//! answering with past-tense [`ReplicaEvent`]s whose changed tasks travel as one [`Delta`].
//! It also keeps this session's undo and redo stacks. Synchronous: the actor thread
//! (`super::actor`) runs it for the terminal, and `super::session` drives it in-line.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::hooks::{Event as HookEvent, HookError, Hooks};
use crate::task::{Operation, Operations, TaskData};
use crate::{replica::Replica, replica::UuidSet, task::DependencyMap};

/// A request to the replica's owner.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Send the working set's tasks, then the others in parts.
    Load,
    /// Send the working set's tasks only: for a command that needs no others.
    LoadWorkingSet,
    /// Commit one user action (its operations start with an undo point). With `recur`
    /// (the `recurrence.limit`), an action that touches a recurring template or instance
    /// is followed, in the same undo step, by what it means for recurrence: masks marked,
    /// instances made (see [`recurrence_step`]).
    Commit {
        ops: Operations,
        label: String,
        recur: Option<i64>,
        /// The user's `on-add` and `on-modify` scripts, run on each task the action adds
        /// or changes before anything is committed: they may change the task, or refuse.
        hooks: Option<Arc<Hooks>>,
    },
    /// Take back the last action; a step already synced is reversed by new operations
    /// stamped `now`.
    Undo { now: DateTime<Utc> },
    /// Do again the last action taken back.
    Redo,
    /// Make the instances recurring templates are owed at `now` (up to `limit` of their
    /// due dates after it), note them in the templates' masks, delete the templates that
    /// are spent and the pending tasks past their `until`, as one step labelled
    /// [`RECURRENCE`]; nothing when there is nothing to do.
    /// `also`: tasks outside the working set to look among for twins (those a sync brought).
    Recur {
        now: DateTime<Utc>,
        limit: Option<i64>,
        also: Vec<Uuid>,
    },
    /// Send the change history of one task.
    History(Uuid),
    /// Read the whole operation log for the charts of progress.
    Chronicle,
    /// Finish and close the replica.
    Quit,
}

/// Tasks as they are now in the replica, with what goes with them: the working set, the
/// dependency map and the number of local changes not yet synced.
#[derive(Debug, Clone, Default)]
pub struct Delta {
    pub tasks: Vec<TaskData>,
    /// Tasks that no longer exist.
    pub removed: Vec<Uuid>,
    pub working_set: Vec<Option<Uuid>>,
    pub depmap: Arc<DependencyMap>,
    pub unsynced: usize,
}

/// What the owner did.
#[derive(Debug, Clone)]
pub enum ReplicaEvent {
    /// Tasks were read: the working set's first, then the others in parts; `all` is set on
    /// the part that completes them.
    Loaded { delta: Delta, all: bool },
    /// An action was committed, undone or redone: the tasks it touched as they are now.
    Committed {
        delta: Delta,
        message: String,
        /// What the user's hook scripts said of the change (feedback lines).
        said: Vec<String>,
    },
    /// One task's history, oldest first.
    History { uuid: Uuid, ops: Operations },
    /// The operation log, read for the charts (or why it could not be).
    Chronicle(Result<super::chronicle::Recorded, String>),
    /// Nothing was changed, and why; the tasks the action touched, as stored, replace the
    /// app's copies (which may show the change that did not happen).
    Failed {
        message: String,
        tasks: Vec<TaskData>,
        removed: Vec<Uuid>,
        /// A hook script refused the change: what it said.
        refusal: Option<Vec<String>>,
    },
}

/// How the step that makes recurring instances is labelled (its message starts so).
const RECURRENCE: &str = "recurrence";

/// How an undone step's message starts.
const UNDONE: &str = "undone";

/// One action as committed, kept so that it can be undone or redone.
#[derive(Debug, Clone)]
struct Step {
    label: String,
    ops: Operations,
}

/// The replica and the undo and redo stacks of this session.
pub struct Owner {
    replica: Replica,
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl Owner {
    pub fn new(replica: Replica) -> Owner {
        Owner {
            replica,
            done: Vec::new(),
            undone: Vec::new(),
        }
    }

    /// The replica, to read (tests and tools).
    pub fn replica(&self) -> &Replica {
        &self.replica
    }

    /// The replica, to change outside the commands (tests, and the sync steps the actor
    /// carries out for the sync task).
    pub fn replica_mut(&mut self) -> &mut Replica {
        &mut self.replica
    }

    /// Close the replica's file now, leaving it cleanly shut down.
    pub fn close(&mut self) {
        self.replica.close();
    }

    /// Lend the replica to another tcui process: close the file, run `borrowed` (which
    /// returns once the borrower is done with it), open the file again and tell what the
    /// borrower changed, as a step of this session's undo labelled `label` (none for a
    /// sync, whose changes came from elsewhere). If the borrower took operations away (an
    /// undo), this session's undo and redo start afresh.
    pub fn lend(
        &mut self,
        borrowed: impl FnOnce(),
        label: &str,
        synced: bool,
    ) -> Vec<ReplicaEvent> {
        // What an undo there would take away: the newest step (read now, as it is cheap,
        // unlike every unsynced operation).
        let before = self
            .replica
            .history_mark()
            .and_then(|mark| Ok((mark, self.replica.get_undo_operations()?)));
        let ids_before = self.replica.working_set().as_slice().to_vec();
        self.replica.close();
        borrowed();
        // A borrower that has ended may not have closed the file yet, or another command may
        // have opened it meanwhile: waited for, up to a minute.
        if let Err(e) = self.replica.reopen(std::time::Duration::from_secs(60)) {
            return vec![self.failed(
                format!(
                    "the replica could not be opened again after `{label}`: {e}; quit tcui and \
                     start it again (nothing committed is lost)"
                ),
                &[],
            )];
        }
        let Ok((mark, newest)) = before else {
            return vec![self.failed(format!("cannot read the replica's history: {label}"), &[])];
        };
        let changed = self
            .replica
            .history_mark()
            .and_then(|now| Ok((now, self.replica.operations_after(mark)?)));
        let (now, added) = match changed {
            Ok(changed) => changed,
            Err(e) => return vec![self.failed(format!("cannot read the replica: {e}"), &[])],
        };
        let only_added = mark.only_added(now, added.len());
        let mut touched = touched(&added);
        if !only_added {
            // Taken away: an undo takes the newest step.
            let seen: UuidSet = touched.iter().copied().collect();
            touched.extend(
                self::touched(&newest)
                    .into_iter()
                    .filter(|u| !seen.contains(u)),
            );
            self.done.clear();
            self.undone.clear();
        } else if !synced && added.iter().any(|op| !op.is_undo_point()) {
            self.done.push(Step {
                label: label.to_string(),
                ops: added,
            });
            self.undone.clear();
        }
        if touched.is_empty() {
            // A report renumbers as `task` does: the interface takes the new IDs, quietly.
            if self.replica.working_set().as_slice() != ids_before.as_slice() {
                return vec![self.committed(&[], String::new())];
            }
            return Vec::new();
        }
        vec![self.committed(&touched, label.to_string())]
    }

    /// Carry out one command.
    pub fn handle(&mut self, command: Command) -> Vec<ReplicaEvent> {
        match command {
            Command::Load => {
                let mut events = vec![self.load_working_set()];
                events.extend(self.load_rest());
                events
            }
            Command::LoadWorkingSet => vec![self.load_working_set()],
            Command::Commit {
                ops,
                label,
                recur,
                hooks,
            } => {
                let touched = touched(&ops);
                // The scripts change only tasks the action touches.
                let (ops, said) = match hooks {
                    None => (ops, Vec::new()),
                    Some(hooks) => match self.hooked(ops, &hooks) {
                        Ok(hooked) => hooked,
                        Err(e) => {
                            let mut event =
                                self.failed(format!("{label}: not saved: {e}"), &touched);
                            if let (
                                ReplicaEvent::Failed { refusal, .. },
                                HookError::Refused(lines),
                            ) = (&mut event, e)
                            {
                                *refusal = Some(lines);
                            }
                            return vec![event];
                        }
                    },
                };
                if let Err(e) = self.replica.commit_operations(ops.clone()) {
                    return vec![self.failed(format!("{label}: not saved: {e}"), &touched)];
                }
                let mut step = Step { label, ops };
                let mut message = step.label.clone();
                let touched = match recur.map(|limit| self.recur_after(&step.ops, limit)) {
                    Some(Ok(Some(more))) => {
                        step.ops.extend(more);
                        self::touched(&step.ops)
                    }
                    Some(Err(e)) => {
                        message.push_str(&format!(", but recurrence was not kept: {e}"));
                        touched
                    }
                    _ => touched,
                };
                self.done.push(step);
                self.undone.clear();
                let mut event = self.committed(&touched, message);
                if let ReplicaEvent::Committed { said: all, .. } = &mut event {
                    *all = said;
                }
                vec![event]
            }
            Command::Recur { now, limit, also } => self.recur(now, limit, &also),
            Command::Undo { now } => vec![self.undo(now)],
            Command::Redo => vec![self.redo()],
            Command::History(uuid) => vec![match self.replica.get_task_operations(uuid) {
                Ok(ops) => ReplicaEvent::History { uuid, ops },
                Err(e) => self.failed(format!("cannot read the history: {e}"), &[]),
            }],
            Command::Chronicle => {
                let read = super::chronicle::Recorder::read(&self.replica);
                vec![ReplicaEvent::Chronicle(read.map(Arc::new).map_err(|e| {
                    format!("cannot read the history for the charts: {e}")
                }))]
            }
            Command::Quit => Vec::new(),
        }
    }

    /// The tasks named, as stored now, with the working set, dependency map and count of
    /// unsynced changes: what the app needs after any change to the replica.
    pub fn delta(&mut self, touched: &[Uuid]) -> crate::replica::Result<Delta> {
        let (tasks, removed) = self.read(touched)?;
        self.with_state(tasks, removed)
    }

    /// `tasks` and `removed` with the replica's working set, dependency map and count of
    /// unsynced operations as they are now.
    fn with_state(
        &mut self,
        tasks: Vec<TaskData>,
        removed: Vec<Uuid>,
    ) -> crate::replica::Result<Delta> {
        Ok(Delta {
            tasks,
            removed,
            working_set: self.replica.working_set().as_slice().to_vec(),
            depmap: self.replica.dependency_map(false)?,
            unsynced: self.replica.num_local_operations()?,
        })
    }

    /// The working set's tasks, first of all.
    pub fn load_working_set(&mut self) -> ReplicaEvent {
        // The dependency map is worked out from the tasks read, not read again.
        let loaded = self
            .replica
            .working_set_and_dependencies()
            .and_then(|(tasks, _)| self.with_state(tasks, Vec::new()));
        match loaded {
            Ok(delta) => ReplicaEvent::Loaded { delta, all: false },
            Err(e) => self.failed(format!("cannot read the tasks: {e}"), &[]),
        }
    }

    /// The tasks outside the working set (the working set's were sent first), in parts; the
    /// last part says every task is loaded.
    pub fn load_rest(&mut self) -> Vec<ReplicaEvent> {
        let r = &mut self.replica;
        let rest = r.all_task_data().map(|all| {
            all.into_values()
                .filter(|t| !r.working_set().contains(&t.uuid()))
                .collect::<Vec<TaskData>>()
        });
        let whole = match rest.and_then(|rest| self.with_state(rest, Vec::new())) {
            Ok(delta) => delta,
            Err(e) => return vec![self.failed(format!("cannot read the tasks: {e}"), &[])],
        };
        let parts = whole.tasks.len().div_ceil(PART).max(1);
        let mut rest = whole.tasks.into_iter();
        (0..parts)
            .map(|i| ReplicaEvent::Loaded {
                delta: Delta {
                    tasks: rest.by_ref().take(PART).collect(),
                    removed: Vec::new(),
                    working_set: whole.working_set.clone(),
                    depmap: whole.depmap.clone(),
                    unsynced: whole.unsynced,
                },
                all: i + 1 == parts,
            })
            .collect()
    }

    /// `ops` with what the `on-add` and `on-modify` scripts made of each task they add or
    /// change (the scripts' changes as more updates, stamped as the action's), and the
    /// scripts' feedback; or why a script refused.
    fn hooked(
        &self,
        ops: Operations,
        hooks: &Hooks,
    ) -> Result<(Operations, Vec<String>), HookError> {
        if !hooks.any(HookEvent::Add) && !hooks.any(HookEvent::Modify) {
            return Ok((ops, Vec::new()));
        }
        let now = stamped(&ops);
        let mut more = Vec::new();
        let mut said = Vec::new();
        for uuid in touched(&ops) {
            let before = self
                .replica
                .get_task_data(uuid)
                .map_err(|e| HookError::Start {
                    script: "(none)".into(),
                    why: format!("the task could not be read: {e}"),
                })?;
            let mut tasks = std::collections::HashMap::new();
            if let Some(b) = &before {
                tasks.insert(uuid, b.to_map());
            }
            for op in ops.iter().filter(|op| op.uuid() == Some(uuid)) {
                crate::task::apply_forgiving(&mut tasks, op);
            }
            // Removed by the action: no script hears of it, as in Taskwarrior.
            let Some(after) = tasks.remove(&uuid) else {
                continue;
            };
            let before = before.map(super::hooks::as_json);
            let after_json = super::hooks::map_as_json(uuid, &after);
            let (returned, feedback) =
                hooks.change(before.as_deref(), after_json.clone(), &uuid.to_string())?;
            said.extend(feedback);
            super::hooks::changes_made(uuid, &after, &after_json, &returned, now, &mut more)?;
        }
        let mut ops = ops;
        ops.extend(more);
        Ok((ops, said))
    }

    /// See [`Command::Recur`] and [`recurrence_step`].
    fn recur(
        &mut self,
        now: DateTime<Utc>,
        limit: Option<i64>,
        also: &[Uuid],
    ) -> Vec<ReplicaEvent> {
        match recurrence_step(&self.replica, now, limit, also) {
            Ok(None) => Vec::new(),
            Ok(Some((ops, label))) => self.handle(Command::Commit {
                ops,
                label,
                recur: None,
                hooks: None,
            }),
            Err(e) => vec![self.failed(format!("cannot read the tasks: {e}"), &[])],
        }
    }

    /// What the action just committed (`ops`) means for recurrence, committed as part of
    /// its step (no undo point of its own): `None` when it touched no recurring template
    /// or instance nor a task with `until`, or there was nothing to do. The step's clock
    /// is the action's.
    fn recur_after(
        &mut self,
        ops: &[Operation],
        limit: i64,
    ) -> crate::replica::Result<Option<Operations>> {
        use crate::task::{keys, recurrence};
        let (tasks, _) = self.read(&touched(ops))?;
        let recurring = tasks
            .iter()
            .any(|t| recurrence::in_series(t) || t.get(keys::UNTIL).is_some());
        if !recurring {
            return Ok(None);
        }
        let now = stamped(ops);
        let Some((more, _)) = recurrence_step(&self.replica, now, Some(limit), &[])? else {
            return Ok(None);
        };
        let more: Operations = more.into_iter().filter(|o| !o.is_undo_point()).collect();
        self.replica.commit_operations(more.clone())?;
        Ok(Some(more))
    }

    /// Undo the last action of this session; with none, the newest step in the replica's
    /// log that is not yet synced (an action of an earlier session, or of `tcui` on the
    /// command line), as `task undo` does.
    fn undo(&mut self, now: DateTime<Utc>) -> ReplicaEvent {
        let Some(step) = self.done.pop() else {
            return self.undo_logged();
        };
        let touched = touched(&step.ops);
        let message = format!("{UNDONE}: {}", step.label);
        match self.replica.undo_step(&step.ops, now) {
            Ok(()) => {
                self.undone.push(step);
                self.committed(&touched, message)
            }
            Err(e) => {
                self.done.push(step);
                self.failed(format!("cannot undo: {e}"), &touched)
            }
        }
    }

    /// Undo the newest unsynced step of the log.
    fn undo_logged(&mut self) -> ReplicaEvent {
        let ops = match self.replica.get_undo_operations() {
            Ok(ops) => ops,
            Err(e) => return self.failed(format!("cannot undo: {e}"), &[]),
        };
        if ops.iter().all(Operation::is_undo_point) {
            return self.failed("nothing to undo".into(), &[]);
        }
        let touched = touched(&ops);
        let label = format!(
            "{} on {}",
            plural(ops.iter().filter(|o| !o.is_undo_point()).count(), "change"),
            plural(touched.len(), "task")
        );
        match self.replica.commit_reversed_operations(ops.clone()) {
            Ok(_) => {
                // Redo puts the step back as it was, undo point first.
                let mut redo = ops;
                if !redo.first().is_some_and(Operation::is_undo_point) {
                    redo.insert(0, Operation::UndoPoint);
                }
                self.undone.push(Step {
                    label: label.clone(),
                    ops: redo,
                });
                self.committed(&touched, format!("{UNDONE}: {label}"))
            }
            Err(e) => self.failed(format!("cannot undo: {e}"), &touched),
        }
    }

    fn redo(&mut self) -> ReplicaEvent {
        let Some(step) = self.undone.pop() else {
            return self.failed("nothing to redo".into(), &[]);
        };
        let touched = touched(&step.ops);
        match self.replica.commit_operations(step.ops.clone()) {
            Ok(()) => {
                let message = format!("redone: {}", step.label);
                self.done.push(step);
                self.committed(&touched, message)
            }
            Err(e) => {
                self.undone.push(step);
                self.failed(format!("cannot redo: {e}"), &touched)
            }
        }
    }

    fn committed(&mut self, touched: &[Uuid], message: String) -> ReplicaEvent {
        match self.delta(touched) {
            Ok(delta) => ReplicaEvent::Committed {
                delta,
                message,
                said: Vec::new(),
            },
            Err(e) => self.failed(format!("{message}, but: {e}"), &[]),
        }
    }

    fn failed(&self, message: String, touched: &[Uuid]) -> ReplicaEvent {
        let (tasks, removed) = self.read(touched).unwrap_or_default();
        ReplicaEvent::Failed {
            message,
            tasks,
            removed,
            refusal: None,
        }
    }

    /// The tasks as stored, and which of them no longer exist.
    fn read(&self, uuids: &[Uuid]) -> crate::replica::Result<(Vec<TaskData>, Vec<Uuid>)> {
        let (mut tasks, mut removed) = (Vec::new(), Vec::new());
        for uuid in uuids {
            match self.replica.get_task_data(*uuid)? {
                Some(t) => tasks.push(t),
                None => removed.push(*uuid),
            }
        }
        Ok((tasks, removed))
    }
}

/// Tasks outside the working set go to the app in parts of this many, so that keys are
/// answered between parts.
const PART: usize = 10_000;

/// The tasks named by `ops`, each once, in order of first mention.
fn touched(ops: &[Operation]) -> Vec<Uuid> {
    let mut seen = UuidSet::default();
    ops.iter()
        .filter_map(Operation::uuid)
        .filter(|u| seen.insert(*u))
        .collect()
}

/// When an action was made: the latest time its updates are stamped with (now for one
/// that has none).
fn stamped(ops: &[Operation]) -> DateTime<Utc> {
    ops.iter()
        .filter_map(|op| match op {
            Operation::Update { timestamp, .. } => Some(*timestamp),
            _ => None,
        })
        .max()
        .unwrap_or_else(Utc::now)
}

/// `n thing` or `n things`.
fn plural(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// The step [`Command::Recur`] commits, labelled [`RECURRENCE`], or `None` when there is
/// nothing to do. Twins (instances of one template and index, from replicas that each made
/// it before they synced) are joined first, among the working set and `also`; then each
/// template is given what it is owed. Each instance made has a UUID of its template and
/// index, so one that another replica made already is not made again; a template whose
/// period cannot be stepped through is passed over (and named in the label). With
/// recurrence off (`limit` `None`) only expired tasks are deleted, as Taskwarrior's
/// `handleUntil` deletes them whatever `recurrence` says.
pub fn recurrence_step(
    replica: &Replica,
    now: DateTime<Utc>,
    limit: Option<i64>,
    also: &[Uuid],
) -> crate::replica::Result<Option<(Operations, String)>> {
    use crate::task::{Status, Task, instance_uuid, keys, recurrence};
    let mut tasks: Vec<Task> = replica
        .pending_task_data()?
        .into_iter()
        .map(Task::new)
        .collect();
    let mut known: UuidSet = tasks.iter().map(Task::uuid).collect();
    let mut fetch = |uuid: Uuid, tasks: &mut Vec<Task>| {
        if known.insert(uuid)
            && let Ok(Some(task)) = replica.get_task_data(uuid)
        {
            tasks.push(Task::new(task));
        }
    };
    for uuid in also {
        fetch(*uuid, &mut tasks);
    }
    // The instance tcui made of each due date seen, wherever it is now (a finished one
    // has left the working set): a twin of it is joined to it.
    let derived: Vec<Uuid> = tasks
        .iter()
        .filter_map(recurrence::instance_of)
        .map(|(template, index)| instance_uuid(template, index))
        .collect();
    for uuid in derived {
        fetch(uuid, &mut tasks);
    }
    let mut ops = vec![Operation::UndoPoint];
    // As Taskwarrior's `handleUntil`: a pending task past its `until` is deleted.
    let mut expired = 0;
    for task in tasks.iter_mut().filter(|t| recurrence::expired(t, now)) {
        task.edit(&mut ops, now).delete();
        expired += 1;
    }
    let Some(limit) = limit else {
        return Ok((expired > 0).then(|| {
            let label = format!("{RECURRENCE}: {expired} expired task(s) deleted");
            (ops, label)
        }));
    };
    let mut templates: Vec<Task> = tasks
        .iter()
        .filter(|t| t.status() == Status::Recurring)
        .cloned()
        .collect();
    // What became of each instance seen, by template and index: the mask is made to say
    // so, rather than trusted (two replicas writing it at once keep only one's).
    let mut marks: BTreeMap<(Uuid, usize), char> = BTreeMap::new();
    let joined = crate::task::join_twins(&tasks);
    let removed: UuidSet = joined
        .iter()
        .flat_map(|j| j.removed.iter().copied())
        .collect();
    for task in tasks.iter().filter(|t| !removed.contains(&t.uuid())) {
        if let Some(at) = recurrence::instance_of(task) {
            marks.insert(at, recurrence::mask_char(task, now));
        }
    }
    for j in &joined {
        let find = |u: &Uuid| tasks.iter().find(|t| t.uuid() == *u);
        let Some(kept) = find(&j.kept) else {
            continue;
        };
        let mut kept = kept.data().clone();
        for (key, value) in &j.properties {
            if kept.get(key) != Some(value.as_str()) {
                kept.update(key.clone(), Some(value.clone()), now, &mut ops);
            }
        }
        for twin in j.removed.iter().filter_map(find) {
            twin.data().clone().delete(&mut ops);
        }
        marks.insert(
            (j.template, j.index),
            recurrence::mask_char(&Task::new(kept), now),
        );
    }
    for template in &mut templates {
        let stored = template.get(keys::MASK).unwrap_or("").to_string();
        let mut mask = stored.clone();
        // A mask a sync changed may have lost to another replica's at the same time: each
        // of its marks is checked against the instance tcui made, not only the open ones.
        let synced = also.contains(&template.uuid());
        for (index, mark) in stored.chars().enumerate() {
            // An instance tcui made that has left the working set.
            let open = matches!(mark, '-' | 'W');
            if (open || synced) && !marks.contains_key(&(template.uuid(), index)) {
                let uuid = instance_uuid(template.uuid(), index);
                if let Ok(Some(instance)) = replica.get_task_data(uuid) {
                    marks.insert(
                        (template.uuid(), index),
                        recurrence::mask_char(&Task::new(instance), now),
                    );
                }
            }
        }
        let first = (template.uuid(), 0);
        let last = (template.uuid(), usize::MAX);
        for (&(_, index), &mark) in marks.range(first..=last) {
            if let Some(marked) = recurrence::marked_mask(&mask, index, mark) {
                mask = marked;
            }
        }
        if mask != stored {
            template
                .edit(&mut ops, now)
                .set_value(keys::MASK, Some(mask));
        }
    }
    let (mut made, mut ended, mut passed_over) = (0, 0, Vec::new());
    for mut template in templates {
        let links = crate::task::is_chained(&template).then(|| {
            let left = tasks.iter().filter(|t| !removed.contains(&t.uuid()));
            let find = |u| replica.get_task_data(u).ok().flatten().map(Task::new);
            crate::task::Links::of(&template, left, find)
        });
        let owed = match crate::task::owed(&template, now, limit, &chrono::Local, links) {
            Ok(Some(owed)) => owed,
            Ok(None) => continue,
            Err(e) => {
                passed_over.push(format!("{}: {e}", template.uuid()));
                continue;
            }
        };
        for (uuid, map) in owed.instances {
            // Made already, by this replica or another.
            if !matches!(replica.get_task_data(uuid), Ok(None)) {
                continue;
            }
            let mut instance = TaskData::create(uuid, &mut ops);
            for (key, value) in map {
                instance.update(key, Some(value), now, &mut ops);
            }
            made += 1;
        }
        let mut edit = template.edit(&mut ops, now);
        if let Some(mask) = owed.mask {
            edit.set_value(keys::MASK, Some(mask));
        }
        if owed.spent {
            edit.delete();
            ended += 1;
        }
    }
    if ops.len() == 1 {
        return Ok(None);
    }
    let mut label = format!("{RECURRENCE}: {made} instance(s) made");
    if expired > 0 {
        label.push_str(&format!(", {expired} expired task(s) deleted"));
    }
    if !joined.is_empty() {
        label.push_str(&format!(", {} twin(s) joined", joined.len()));
    }
    if ended > 0 {
        label.push_str(&format!(", {ended} finished template(s) deleted"));
    }
    if !passed_over.is_empty() {
        label.push_str(&format!("; passed over {}", passed_over.join("; ")));
    }
    Ok(Some((ops, label)))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn owner() -> (tempfile::TempDir, Owner) {
        let dir = tempfile::TempDir::new().unwrap();
        let replica = Replica::open(dir.path().join("r.redb")).unwrap();
        (dir, Owner::new(replica))
    }

    /// A new pending task with this description, as one step.
    pub(in crate::app) fn add(description: &str) -> (Uuid, Operations) {
        let uuid = Uuid::new_v4();
        let mut ops = vec![Operation::UndoPoint];
        let mut t = TaskData::create(uuid, &mut ops);
        t.update("status", Some("pending".into()), Utc::now(), &mut ops);
        t.update(
            "description",
            Some(description.into()),
            Utc::now(),
            &mut ops,
        );
        (uuid, ops)
    }

    fn description(b: &Owner, uuid: Uuid) -> Option<String> {
        b.replica()
            .get_task_data(uuid)
            .unwrap()
            .and_then(|t| t.get("description").map(str::to_owned))
    }

    fn commit(b: &mut Owner, ops: Operations) {
        b.handle(Command::Commit {
            ops,
            label: "add".into(),
            recur: None,
            hooks: None,
        });
    }

    #[test]
    fn a_lent_replicas_changes_come_back_as_a_step_of_this_session() {
        let (dir, mut b) = owner();
        let path = dir.path().join("r.redb");
        let (mine, ops) = add("made here");
        commit(&mut b, ops);
        let (theirs, ops) = add("made by the borrower");
        let events = b.lend(
            || {
                let mut other = Replica::open(&path).expect("the file is free while lent");
                other.commit_operations(ops).unwrap();
            },
            "tcui add made by the borrower",
            false,
        );
        let [ReplicaEvent::Committed { delta, message, .. }] = events.as_slice() else {
            panic!("{events:?}")
        };
        assert_eq!(message, "tcui add made by the borrower");
        assert_eq!(delta.tasks.len(), 1);
        assert_eq!(delta.tasks[0].uuid(), theirs);
        assert_eq!(delta.working_set.get(2), Some(&Some(theirs)));
        // Undo takes back the borrower's step first, then this session's.
        b.handle(Command::Undo { now: Utc::now() });
        assert_eq!(description(&b, theirs), None);
        assert_eq!(description(&b, mine).as_deref(), Some("made here"));
        b.handle(Command::Undo { now: Utc::now() });
        assert_eq!(description(&b, mine), None);

        // A borrower that only reads changes nothing and says nothing.
        let events = b.lend(|| drop(Replica::open(&path).unwrap()), "tcui list", false);
        assert!(events.is_empty(), "{events:?}");
    }

    #[test]
    fn a_borrower_that_undoes_leaves_this_session_nothing_to_undo() {
        let (dir, mut b) = owner();
        let path = dir.path().join("r.redb");
        let (mine, ops) = add("made here");
        commit(&mut b, ops);
        let events = b.lend(
            || {
                let mut other = Replica::open(&path).unwrap();
                let ops = other.get_undo_operations().unwrap();
                assert!(other.commit_reversed_operations(ops).unwrap());
            },
            "tcui undo",
            false,
        );
        let [ReplicaEvent::Committed { delta, .. }] = events.as_slice() else {
            panic!("{events:?}")
        };
        assert_eq!(delta.removed, vec![mine], "the interface hears it is gone");
        let events = b.handle(Command::Undo { now: Utc::now() });
        let [ReplicaEvent::Failed { message, .. }] = events.as_slice() else {
            panic!("{events:?}")
        };
        assert_eq!(message, "nothing to undo");
    }

    #[test]
    fn commit_undo_redo_round_trip() {
        let (_dir, mut b) = owner();
        let (uuid, ops) = add("first");
        let events = b.handle(Command::Commit {
            ops,
            label: "add".into(),
            recur: None,
            hooks: None,
        });
        let [ReplicaEvent::Committed { delta, .. }] = events.as_slice() else {
            panic!("{events:?}")
        };
        assert_eq!(delta.working_set.get(1), Some(&Some(uuid)));
        b.handle(Command::Undo { now: Utc::now() });
        assert_eq!(description(&b, uuid), None);
        assert_eq!(b.replica().num_local_operations().unwrap(), 0);
        b.handle(Command::Redo);
        assert_eq!(description(&b, uuid).as_deref(), Some("first"));
        let events = b.handle(Command::Redo);
        let [ReplicaEvent::Failed { message, .. }] = events.as_slice() else {
            panic!("{events:?}")
        };
        assert_eq!(message, "nothing to redo");
    }

    #[test]
    fn a_synced_step_is_undone_by_new_operations() {
        let (_dir, mut b) = owner();
        let (uuid, ops) = add("kept");
        b.handle(Command::Commit {
            ops,
            label: "add".into(),
            recur: None,
            hooks: None,
        });
        let mut task = b.replica().get_task_data(uuid).unwrap().unwrap();
        let mut ops = vec![Operation::UndoPoint];
        task.update("description", Some("changed".into()), Utc::now(), &mut ops);
        b.handle(Command::Commit {
            ops,
            label: "modify".into(),
            recur: None,
            hooks: None,
        });
        b.replica_mut().complete_sync(Uuid::new_v4()).unwrap();
        let events = b.handle(Command::Undo { now: Utc::now() });
        assert!(
            matches!(&events[0], ReplicaEvent::Committed { message, .. } if message == "undone: modify"),
            "{events:?}"
        );
        assert_eq!(description(&b, uuid).as_deref(), Some("kept"));
        // The undo is itself a change that will sync.
        assert_eq!(b.replica().num_local_operations().unwrap(), 1);
        b.handle(Command::Undo { now: Utc::now() });
        assert!(b.replica().get_task_data(uuid).unwrap().is_none());
    }

    #[test]
    fn load_sends_the_working_set_then_the_rest() {
        let (_dir, mut b) = owner();
        for name in ["one", "two"] {
            let (_, ops) = add(name);
            b.handle(Command::Commit {
                ops,
                label: "add".into(),
                recur: None,
                hooks: None,
            });
        }
        let done = b.replica().working_set().by_index(2).unwrap();
        let mut task = b.replica().get_task_data(done).unwrap().unwrap();
        let mut ops = vec![Operation::UndoPoint];
        task.update("status", Some("completed".into()), Utc::now(), &mut ops);
        b.handle(Command::Commit {
            ops,
            label: "done".into(),
            recur: None,
            hooks: None,
        });
        b.replica_mut().rebuild_working_set(true).unwrap();
        let events = b.handle(Command::Load);
        let alls: Vec<(usize, bool)> = events
            .iter()
            .map(|e| match e {
                ReplicaEvent::Loaded { delta, all } => (delta.tasks.len(), *all),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(alls, [(1, false), (1, true)]);
    }
}
