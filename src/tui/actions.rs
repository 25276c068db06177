//! What each list action does: movement, views and pickers, and the task changes, which are
//! made in memory at once and committed by the replica's owner as one undo step per action.

use uuid::Uuid;

use super::announce::{self, FollowUp};
use super::app::{App, Effect};
use super::keymap::Action;
use super::lang;
use super::mode::{Mode, PickKind, Picker, Prompt, PromptKind};
use super::pickers;
use super::sync_state::SyncState;
use super::view::ViewKind;
use crate::app::Command;
use crate::app::sync_task::SyncRequest;
use crate::task::{
    Operation, Status, Task, TaskData, TaskEdit, Transition, find_cycle, recurrence,
};

/// Carry out a list action.
pub fn run(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page().max(1) as isize;
    match action {
        Action::Down => app.move_cursor(1),
        Action::Up => app.move_cursor(-1),
        Action::PageDown => app.move_cursor(page),
        Action::PageUp => app.move_cursor(-page),
        Action::Top => app.move_cursor(isize::MIN / 2),
        Action::Bottom => app.move_cursor(isize::MAX / 2),
        Action::ToggleDetail => app.show_detail = !app.show_detail,
        Action::Add => app.mode = Mode::Prompt(Prompt::new(PromptKind::Add, "")),
        Action::Modify => with_targets(app, |app, t| {
            app.mode = Mode::Prompt(Prompt::new(PromptKind::Modify(t), ""));
        }),
        Action::Annotate => with_targets(app, |app, t| {
            app.mode = Mode::Prompt(Prompt::new(PromptKind::Annotate(t), ""));
        }),
        Action::EditForm => {
            if let Some(uuid) = app.current_uuid() {
                app.mode = Mode::Form(Box::new(super::form::Form::new(app, uuid)));
            }
        }
        Action::EditInEditor => {
            if let Some(task) = app.current() {
                let text = super::editor::to_text(app, task);
                return vec![Effect::Editor {
                    uuid: task.uuid(),
                    text,
                }];
            }
        }
        Action::Done => {
            return report(app, |app, t| {
                if let Some(why) = refusal(app, &t, Transition::Done) {
                    return Err(why);
                }
                edit(app, &t, "done", |e| {
                    e.done();
                    Ok(())
                })
            });
        }
        Action::Delete => with_targets(app, |app, t| {
            if let Some(why) = refusal(app, &t, Transition::Delete) {
                app.fail(why);
                return;
            }
            let question = match t.as_slice() {
                [one] => format!("delete {}?", app.describe(*one)),
                many => format!("delete {} tasks?", many.len()),
            };
            app.mode = Mode::Confirm { question, uuids: t };
        }),
        Action::StartStop => return report(app, start_stop),
        Action::Denotate => {
            if let Some(task) = app.current() {
                let entries: Vec<(String, i64)> = task
                    .annotations()
                    .into_iter()
                    .map(|a| (a.description, a.entry.timestamp()))
                    .collect();
                if entries.is_empty() {
                    app.fail("this task has no annotations");
                } else {
                    app.mode = Mode::Pick(Picker {
                        kind: PickKind::Annotation(task.uuid()),
                        entries,
                        cursor: 0,
                    });
                }
            }
        }
        Action::Duplicate => return report(app, duplicate),
        Action::PickDependency => with_targets(app, |app, t| {
            app.say("move to the task these depend on and press enter (esc: cancel)");
            app.mode = Mode::PickDependency { dependents: t };
        }),
        Action::Mark => {
            if let Some(uuid) = app.current_uuid() {
                let marked = !app.marks.remove(&uuid);
                if marked {
                    app.marks.insert(uuid);
                }
                let what = app.describe(uuid);
                let now = announce::marks_note(app);
                app.say(if marked {
                    format!("marked {what} ({now})")
                } else {
                    format!("unmarked {what} ({now})")
                });
                app.move_cursor(1);
            }
        }
        Action::MarkAll => {
            let uuids: Vec<Uuid> = app.list.rows().iter().map(|r| r.uuid).collect();
            app.marks.extend(uuids);
            let now = announce::marks_note(app);
            app.say(now);
        }
        Action::ClearMarks => app.marks.clear(),
        Action::Undo => return vec![Effect::Replica(Command::Undo { now: app.now })],
        Action::Redo => return vec![Effect::Replica(Command::Redo)],
        Action::Filter => app.mode = Mode::Prompt(Prompt::live(PromptKind::Filter, app)),
        Action::Fuzzy => app.mode = Mode::Prompt(Prompt::live(PromptKind::Fuzzy, app)),
        Action::ClearFilter => {
            if app.list.query().is_some() {
                app.set_query(String::new(), None);
            } else {
                app.marks.clear();
            }
        }
        Action::ViewNext => app.set_view(ViewKind::Next),
        Action::ViewAll => app.set_view(ViewKind::All),
        Action::ViewCompleted => app.set_view(ViewKind::Completed),
        Action::ViewWaiting => app.set_view(ViewKind::Waiting),
        Action::ViewBlocked => app.set_view(ViewKind::Blocked),
        Action::ViewRecurring => app.set_view(ViewKind::Recurring),
        Action::ViewProjects => app.mode = Mode::Pick(pickers::counts(app, PickKind::Project)),
        Action::ViewTags => app.mode = Mode::Pick(pickers::counts(app, PickKind::Tag)),
        Action::SyncNow => {
            if !app.sync.enabled {
                app.fail("background sync is off here");
            } else if let SyncState::NotConfigured(why) = &app.sync.state {
                let why = why.clone();
                app.fail(why);
                return vec![Effect::Sync(SyncRequest::Now)];
            } else if let SyncState::Failed { error, .. } = &app.sync.state {
                let error = error.clone();
                app.fail(format!("syncing again; the last try failed: {error}"));
                app.sync.asked = true;
                return vec![Effect::Sync(SyncRequest::Now)];
            } else {
                app.say("syncing…");
                app.sync.asked = true;
                return vec![Effect::Sync(SyncRequest::Now)];
            }
        }
        Action::ChangedElsewhere => {
            if app.elsewhere.is_empty() {
                app.say("nothing changed elsewhere since you last looked");
            } else {
                app.mode = Mode::Changes { cursor: 0 };
            }
        }
        Action::SyncSettings => return super::sync_form::open(app),
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::Quit => return app.quit(),
    }
    Vec::new()
}

fn with_targets(app: &mut App, f: impl FnOnce(&mut App, Vec<Uuid>)) {
    let targets = app.targets();
    if targets.is_empty() {
        app.fail("no task here");
    } else {
        f(app, targets);
    }
}

/// Run a change on the targets; an error goes to the status bar.
fn report(
    app: &mut App,
    f: impl FnOnce(&mut App, Vec<Uuid>) -> Result<Vec<Effect>, String>,
) -> Vec<Effect> {
    let targets = app.targets();
    if targets.is_empty() {
        app.fail("no task here");
        return Vec::new();
    }
    match f(app, targets) {
        Ok(effects) => effects,
        Err(e) => {
            app.fail(e);
            Vec::new()
        }
    }
}

/// Change `uuids` in one step: each gets its own edit session; all or nothing.
pub fn edit(
    app: &mut App,
    uuids: &[Uuid],
    verb: &str,
    change: impl FnMut(&mut TaskEdit<'_>) -> Result<(), String>,
) -> Result<Vec<Effect>, String> {
    let (ops, changed) = prepare(app, uuids, change)?;
    Ok(commit(app, ops, changed, verb, uuids))
}

/// The operations and new task data of a change to `uuids`, nothing applied yet. A change
/// that would make a dependency cycle is refused; recurring templates get the marks of the
/// instances changed, in the same step.
pub fn prepare(
    app: &App,
    uuids: &[Uuid],
    mut change: impl FnMut(&mut TaskEdit<'_>) -> Result<(), String>,
) -> Result<(Vec<Operation>, Vec<TaskData>), String> {
    let mut ops = vec![Operation::UndoPoint];
    let mut changed = Vec::new();
    for uuid in uuids {
        let Some(task) = app.tasks.get(uuid) else {
            continue;
        };
        let mut task = task.clone();
        {
            let mut session = task.edit(&mut ops, app.now);
            change(&mut session)?;
        }
        changed.push(task);
    }
    let stored = |u: &Uuid| app.tasks.get(u);
    if let Some(cycle) = find_cycle(&changed, stored) {
        return Err(circular(app, &cycle));
    }
    recurrence::mark_templates(&mut changed, stored, &mut ops, app.now);
    Ok((ops, changed.into_iter().map(Task::into_data).collect()))
}

/// Why a dependency cycle is refused, naming its tasks.
fn circular(app: &App, cycle: &[Uuid]) -> String {
    let chain: Vec<String> = cycle.iter().map(|u| app.describe(*u)).collect();
    format!(
        "circular dependency refused: {} (each would depend on the next); remove one of \
         these dependencies first",
        chain.join(" → ")
    )
}

/// The first of `uuids` that cannot take `transition`, as a message naming it.
pub fn refusal(app: &App, uuids: &[Uuid], transition: Transition) -> Option<String> {
    let mut refused = uuids.iter().filter_map(|u| {
        let why = app.tasks.get(u)?.allows(transition).err()?;
        Some(format!("{} {why}", app.describe(*u)))
    });
    let first = refused.next()?;
    Some(match refused.count() {
        0 => first,
        more => format!("{first}, and {more} more like it; unmark them to go on"),
    })
}

/// Show `changed` at once and send `ops` to the replica's owner, labelled for the undo message.
pub fn commit(
    app: &mut App,
    ops: Vec<Operation>,
    changed: Vec<TaskData>,
    verb: &str,
    uuids: &[Uuid],
) -> Vec<Effect> {
    let label = format!("{verb} {}", announce::named(app, uuids));
    commit_as(app, ops, changed, verb, label)
}

/// [`commit`] with a label of its own.
fn commit_as(
    app: &mut App,
    ops: Vec<Operation>,
    changed: Vec<TaskData>,
    verb: &str,
    label: String,
) -> Vec<Effect> {
    if ops.len() <= 1 {
        app.say(format!("{verb}: nothing to change"));
        return Vec::new();
    }
    // Shown at once; the owner confirms (or corrects) when it has committed.
    app.take_changes(changed, &[], None, None);
    app.marks.clear();
    app.mode = Mode::List;
    app.say(format!("{label}…"));
    vec![Effect::Replica(Command::Commit { ops, label })]
}

/// `a`: a new task from Taskwarrior's add syntax.
pub fn add(app: &mut App, text: &str) -> Result<Vec<Effect>, String> {
    let (task, ops) = lang::new_task(app, text)?;
    let uuid = task.uuid();
    let description = task.get("description").unwrap_or("").to_string();
    app.take_changes(vec![task], &[], None, None);
    if let Some(i) = app.list.rows().iter().position(|r| r.uuid == uuid) {
        app.cursor = i;
        app.keep_cursor_visible();
    }
    app.mode = Mode::List;
    app.follow_ups.push((uuid, FollowUp::Added));
    let label = format!("add {}", crate::text::quoted(&description));
    app.say(format!("{label}…"));
    Ok(vec![Effect::Replica(Command::Commit { ops, label })])
}

/// `m`: Taskwarrior's modify syntax on the targets.
pub fn modify(app: &mut App, uuids: &[Uuid], text: &str) -> Result<Vec<Effect>, String> {
    let modification = lang::Modification::parse(app, text)?;
    edit(app, uuids, "modify", |e| modification.apply(e))
}

pub fn annotate(app: &mut App, uuids: &[Uuid], text: &str) -> Result<Vec<Effect>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("an annotation needs some text".into());
    }
    edit(app, uuids, "annotate", |e| {
        e.add_annotation(text);
        Ok(())
    })
}

pub fn delete(app: &mut App, uuids: &[Uuid]) -> Vec<Effect> {
    let result = match refusal(app, uuids, Transition::Delete) {
        Some(why) => Err(why),
        None => edit(app, uuids, "delete", |e| {
            e.delete();
            Ok(())
        }),
    };
    result.unwrap_or_else(|e| {
        app.fail(e);
        Vec::new()
    })
}

/// The task under the cursor becomes a dependency of each of `dependents`.
pub fn add_dependency(app: &mut App, dependents: &[Uuid]) -> Vec<Effect> {
    let Some(target) = app.current_uuid() else {
        return Vec::new();
    };
    let others: Vec<Uuid> = dependents
        .iter()
        .copied()
        .filter(|u| *u != target)
        .collect();
    if others.is_empty() {
        app.fail("a task cannot depend on itself; pick another");
        app.mode = Mode::PickDependency {
            dependents: dependents.to_vec(),
        };
        return Vec::new();
    }
    edit(app, &others, "depend", |e| {
        e.add_dependency(target)
            .map(|_| ())
            .map_err(|err| err.to_string())
    })
    .unwrap_or_else(|e| {
        app.fail(e);
        Vec::new()
    })
}

fn duplicate(app: &mut App, uuids: Vec<Uuid>) -> Result<Vec<Effect>, String> {
    let mut ops = vec![Operation::UndoPoint];
    let mut created = Vec::new();
    for uuid in &uuids {
        let Some(original) = app.tasks.get(uuid) else {
            continue;
        };
        let mut copy = TaskData::create(app.uuids.next(), &mut ops);
        let now = crate::time::format_timestamp(app.now);
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
            copy.update(key, Some(value), app.now, &mut ops);
        }
        created.push(copy);
    }
    let copies: Vec<Uuid> = created.iter().map(TaskData::uuid).collect();
    let effects = commit(app, ops, created, "duplicate", &uuids);
    if !effects.is_empty() {
        app.follow_ups
            .extend(copies.into_iter().map(|u| (u, FollowUp::Copy)));
    }
    Ok(effects)
}

/// Start the targets that are not started and stop those that are, in one step, saying
/// which was done to how many.
fn start_stop(app: &mut App, uuids: Vec<Uuid>) -> Result<Vec<Effect>, String> {
    let (active, idle): (Vec<Uuid>, Vec<Uuid>) = uuids
        .iter()
        .partition(|u| app.tasks.get(u).is_some_and(|t| t.data().has("start")));
    let (ops, changed) = prepare(app, &uuids, |e| {
        if e.data().has("start") {
            e.stop();
        } else {
            e.start();
        }
        Ok(())
    })?;
    let label = match (idle.is_empty(), active.is_empty()) {
        (false, true) => format!("started {}", announce::named(app, &idle)),
        (true, false) => format!("stopped {}", announce::named(app, &active)),
        _ => format!(
            "started {} and stopped {}",
            announce::counted(app, &idle),
            announce::counted(app, &active)
        ),
    };
    Ok(commit_as(app, ops, changed, "start/stop", label))
}

/// `r` in the changes panel: set the value the user had, as a new edit.
pub fn restore(app: &mut App, index: usize) -> Vec<Effect> {
    let Some(entry) = app.elsewhere.get(index).cloned() else {
        return Vec::new();
    };
    let Some((property, value)) = entry.lost else {
        app.fail("that change was not yours: nothing to restore");
        return Vec::new();
    };
    if !app.tasks.contains_key(&entry.uuid) {
        app.fail("the task was removed elsewhere: nothing to restore");
        return Vec::new();
    }
    let effects = edit(app, &[entry.uuid], "restore", |e| {
        e.set_value(&property, value.clone());
        Ok(())
    })
    .unwrap_or_default();
    app.elsewhere.remove(index);
    effects
}
