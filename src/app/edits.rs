//! The changes a user makes to tasks, made in memory at once (the list shows them) and sent
//! to the replica's owner as one undo step each: add, modify, annotate, delete, start and
//! stop, dependencies, copies, removing an annotation, restoring a value lost to a sync.

use chrono::DateTime;
use uuid::Uuid;

use super::Command;
use super::announce;
use super::core::{Core, Effect, FollowUp};
use super::lang;
use crate::task::{
    Operation, Status, Task, TaskData, TaskEdit, Transition, find_cycle, recurrence,
};

/// Change `uuids` in one step: each gets its own edit session; all or nothing.
pub fn edit(
    core: &mut Core,
    uuids: &[Uuid],
    verb: &str,
    change: impl FnMut(&mut TaskEdit<'_>) -> Result<(), String>,
) -> Result<Vec<Effect>, String> {
    let (ops, changed) = prepare(core, uuids, change)?;
    Ok(commit(core, ops, changed, verb, uuids))
}

/// The operations and new task data of a change to `uuids`, nothing applied yet. A change
/// that would make a dependency cycle is refused; recurring templates get the marks of the
/// instances changed, in the same step.
pub fn prepare(
    core: &Core,
    uuids: &[Uuid],
    mut change: impl FnMut(&mut TaskEdit<'_>) -> Result<(), String>,
) -> Result<(Vec<Operation>, Vec<TaskData>), String> {
    let mut ops = vec![Operation::UndoPoint];
    let mut changed = Vec::new();
    for uuid in uuids {
        let Some(task) = core.tasks.get(uuid) else {
            continue;
        };
        let mut task = task.clone();
        {
            let mut session = task.edit(&mut ops, core.now);
            change(&mut session)?;
        }
        changed.push(task);
    }
    let stored = |u: &Uuid| core.tasks.get(u);
    if let Some(cycle) = find_cycle(&changed, stored) {
        return Err(circular(core, &cycle));
    }
    recurrence::mark_templates(&mut changed, stored, &mut ops, core.now);
    Ok((ops, changed.into_iter().map(Task::into_data).collect()))
}

/// Why a dependency cycle is refused, naming its tasks.
fn circular(core: &Core, cycle: &[Uuid]) -> String {
    let chain: Vec<String> = cycle.iter().map(|u| core.describe(*u)).collect();
    format!(
        "circular dependency refused: {} (each would depend on the next); remove one of \
         these dependencies first",
        chain.join(" → ")
    )
}

/// The first of `uuids` that cannot take `transition`, as a message naming it.
pub fn refusal(core: &Core, uuids: &[Uuid], transition: Transition) -> Option<String> {
    let mut refused = uuids.iter().filter_map(|u| {
        let why = core.tasks.get(u)?.allows(transition).err()?;
        Some(format!("{} {why}", core.describe(*u)))
    });
    let first = refused.next()?;
    Some(match refused.count() {
        0 => first,
        more => format!("{first}, and {more} more like it; unmark them to go on"),
    })
}

/// Show `changed` at once and send `ops` to the replica's owner, labelled for the undo message.
pub fn commit(
    core: &mut Core,
    ops: Vec<Operation>,
    changed: Vec<TaskData>,
    verb: &str,
    uuids: &[Uuid],
) -> Vec<Effect> {
    commit_as(core, ops, changed, verb, |core| {
        format!("{verb} {}", announce::named(core, uuids))
    })
}

/// [`commit`] with a label of its own, made once the change is shown (so that it names
/// tasks as they are after it).
fn commit_as(
    core: &mut Core,
    ops: Vec<Operation>,
    changed: Vec<TaskData>,
    verb: &str,
    label: impl FnOnce(&Core) -> String,
) -> Vec<Effect> {
    if ops.len() <= 1 {
        core.say(format!("{verb}: nothing to change"));
        return Vec::new();
    }
    // Shown at once; the owner confirms (or corrects) when it has committed.
    core.take_changes(changed, &[], None, None);
    let label = label(core);
    core.say_waiting(format!("{label}…"));
    vec![Effect::Replica(Command::Commit {
        ops,
        label,
        recur: core.options.recurrence,
        hooks: core.options.hooks.clone(),
    })]
}

/// Two steps made one: the second's operations join the first's commit, so that one undo
/// takes back both (a copy and the changes made to it).
pub fn joined(mut first: Vec<Effect>, second: Vec<Effect>) -> Vec<Effect> {
    let target = first.iter_mut().find_map(|e| match e {
        Effect::Replica(Command::Commit { ops, .. }) => Some(ops),
        _ => None,
    });
    let Some(target) = target else {
        return second;
    };
    let mut rest = Vec::new();
    for effect in second {
        match effect {
            Effect::Replica(Command::Commit { ops, .. }) => {
                target.extend(ops.into_iter().filter(|op| !op.is_undo_point()));
            }
            other => rest.push(other),
        }
    }
    first.extend(rest);
    first
}

/// `a`: a new task from Taskwarrior's add syntax.
pub fn add(core: &mut Core, text: &str) -> Result<Vec<Effect>, String> {
    let (task, ops) = lang::new_task(core, text)?;
    let uuid = task.uuid();
    let description = task.get("description").unwrap_or("").to_string();
    core.take_changes(vec![task], &[], None, None);
    core.focus = Some(uuid);
    core.follow_ups.push((uuid, FollowUp::Added));
    let label = format!("add {}", crate::text::quoted(&description));
    core.say_waiting(format!("{label}…"));
    Ok(vec![Effect::Replica(Command::Commit {
        ops,
        label,
        recur: core.options.recurrence,
        hooks: core.options.hooks.clone(),
    })])
}

/// `m`: Taskwarrior's modify syntax on the targets.
pub fn modify(core: &mut Core, uuids: &[Uuid], text: &str) -> Result<Vec<Effect>, String> {
    let modification = lang::Modification::parse(core, text)?;
    edit(core, uuids, "modify", |e| modification.apply(e))
}

/// `append` (or, with `before`, `prepend`): the line's plain words added after (before)
/// each task's description, its other changes made as `modify` makes them.
pub fn append(
    core: &mut Core,
    uuids: &[Uuid],
    text: &str,
    before: bool,
) -> Result<Vec<Effect>, String> {
    let verb = if before { "prepend" } else { "append" };
    if text.trim().is_empty() {
        return Err(format!("{verb} needs the words to add to the description"));
    }
    let mut modification = lang::Modification::parse(core, text)?;
    let words = modification.take_description().unwrap_or_default();
    if words.trim().is_empty() {
        return Err(format!("{verb} needs the words to add to the description"));
    }
    edit(core, uuids, verb, |e| {
        let old = e.data().get("description").unwrap_or("").to_string();
        let new = match (before, old.is_empty()) {
            (_, true) => words.clone(),
            (true, false) => format!("{words} {old}"),
            (false, false) => format!("{old} {words}"),
        };
        e.set_description(&new);
        modification.apply(e)
    })
}

pub fn annotate(core: &mut Core, uuids: &[Uuid], text: &str) -> Result<Vec<Effect>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("an annotation needs some text".into());
    }
    edit(core, uuids, "annotate", |e| {
        e.add_annotation(text);
        Ok(())
    })
}

/// Delete `uuids`, or none of them if one cannot be deleted.
pub fn delete(core: &mut Core, uuids: &[Uuid]) -> Result<Vec<Effect>, String> {
    transition(core, uuids, Transition::Delete)
}

/// `target` becomes a dependency of each of `dependents` (but not of itself).
pub fn add_dependency(
    core: &mut Core,
    target: Uuid,
    dependents: &[Uuid],
) -> Result<Vec<Effect>, String> {
    let others: Vec<Uuid> = dependents
        .iter()
        .copied()
        .filter(|u| *u != target)
        .collect();
    if others.is_empty() {
        return Err("a task cannot depend on itself; pick another".into());
    }
    edit(core, &others, "depend", |e| {
        e.add_dependency(target)
            .map(|_| ())
            .map_err(|err| err.to_string())
    })
}

pub fn duplicate(core: &mut Core, uuids: Vec<Uuid>) -> Result<Vec<Effect>, String> {
    let mut ops = vec![Operation::UndoPoint];
    let mut created = Vec::new();
    for uuid in &uuids {
        let Some(original) = core.tasks.get(uuid) else {
            continue;
        };
        let mut copy = TaskData::create(core.uuids.next(), &mut ops);
        let now = crate::time::format_timestamp(core.now);
        for (key, value) in original.data().iter() {
            if recurrence::copy_leaves_out(original, key) {
                continue;
            }
            let value = match key {
                "start" | "end" | "modified" => continue,
                // A template's copy is a template too (Taskwarrior makes it one again).
                "status" if original.status() == Status::Recurring => value.to_string(),
                "status" => Status::Pending.as_stored().to_string(),
                "entry" => now.clone(),
                _ => value.to_string(),
            };
            copy.update(key, Some(value), core.now, &mut ops);
        }
        created.push(copy);
    }
    let copies: Vec<Uuid> = created.iter().map(TaskData::uuid).collect();
    let effects = commit(core, ops, created, "duplicate", &uuids);
    if !effects.is_empty() {
        core.follow_ups
            .extend(copies.into_iter().map(|u| (u, FollowUp::Copy)));
    }
    Ok(effects)
}

/// Start the targets that are not started and stop those that are, in one step, saying
/// which was done to how many.
pub fn start_stop(core: &mut Core, uuids: Vec<Uuid>) -> Result<Vec<Effect>, String> {
    let (active, idle): (Vec<Uuid>, Vec<Uuid>) = uuids
        .iter()
        .partition(|u| core.tasks.get(u).is_some_and(|t| t.data().has("start")));
    let (ops, changed) = prepare(core, &uuids, |e| {
        if e.data().has("start") {
            e.stop();
        } else {
            e.start();
        }
        Ok(())
    })?;
    let label = match (idle.is_empty(), active.is_empty()) {
        (false, true) => format!("started {}", announce::named(core, &idle)),
        (true, false) => format!("stopped {}", announce::named(core, &active)),
        _ => format!(
            "started {} and stopped {}",
            announce::counted(core, &idle),
            announce::counted(core, &active)
        ),
    };
    Ok(commit_as(core, ops, changed, "start/stop", |_| label))
}

/// `r` in the changes panel: set the value the user had, as a new edit.
pub fn restore(core: &mut Core, index: usize) -> Vec<Effect> {
    let Some(entry) = core.elsewhere.get(index).cloned() else {
        return Vec::new();
    };
    let Some((property, value)) = entry.lost else {
        core.fail("that change was not yours: nothing to restore");
        return Vec::new();
    };
    if !core.tasks.contains_key(&entry.uuid) {
        core.fail("the task was removed elsewhere: nothing to restore");
        return Vec::new();
    }
    let effects = edit(core, &[entry.uuid], "restore", |e| {
        e.set_value(&property, value.clone());
        Ok(())
    })
    .unwrap_or_default();
    core.elsewhere.remove(index);
    effects
}

/// Remove the annotation of task `uuid` made at `entry` (seconds since the epoch).
pub fn denotate(core: &mut Core, uuid: Uuid, entry: i64) -> Vec<Effect> {
    let Some(entry) = DateTime::from_timestamp(entry, 0) else {
        return Vec::new();
    };
    edit(core, &[uuid], "denotate", |e| {
        e.remove_annotation(entry);
        Ok(())
    })
    .unwrap_or_default()
}

/// Mark `uuids` done, or none of them if one cannot be done.
pub fn done(core: &mut Core, uuids: &[Uuid]) -> Result<Vec<Effect>, String> {
    transition(core, uuids, Transition::Done)
}

/// Take `uuids` through `to` in one step, or none of them if one refuses it.
fn transition(core: &mut Core, uuids: &[Uuid], to: Transition) -> Result<Vec<Effect>, String> {
    if let Some(why) = refusal(core, uuids, to) {
        return Err(why);
    }
    let verb = match to {
        Transition::Done => "done",
        Transition::Delete => "delete",
    };
    edit(core, uuids, verb, |e| {
        match to {
            Transition::Done => e.done(),
            Transition::Delete => e.delete(),
        };
        Ok(())
    })
}

/// Put each `(field, text, text before)` of task `uuid` back as one step (see
/// [`super::fields::apply_field`]).
pub fn set_fields(
    core: &mut Core,
    uuid: Uuid,
    changed: &[(String, String, String)],
) -> Result<Vec<Effect>, String> {
    let (ops, tasks) = prepare(core, &[uuid], |e| {
        for (name, text, before) in changed {
            super::fields::apply_field(core, e, name, text, before)?;
        }
        Ok(())
    })?;
    Ok(commit(core, ops, tasks, "edit", &[uuid]))
}
