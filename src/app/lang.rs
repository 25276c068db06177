//! What the user types, bound to the core: filters and fuzzy searches, add and modify lines,
//! dates, task references and completion, read with the app's clock, time zone, working
//! set and UDAs.

use std::ops::Range;

use uuid::Uuid;

use super::core::Core;
use crate::lang::{CompletionSource, DepRef, ModifyContext};
use crate::task::{Operation, Operations, Status, Task, TaskData, TaskEdit};
use crate::text::quoted;

/// A task named by working-set ID, UUID or its first 8 or more characters (which name no
/// task when several UUIDs start with them).
pub fn resolve_task(core: &Core, word: &str) -> Result<Uuid, String> {
    let reference =
        DepRef::parse(word).ok_or_else(|| format!("{} is not an ID or a UUID", quoted(word)))?;
    resolve(core, &reference).ok_or_else(|| {
        let DepRef::ShortUuid(prefix) = &reference else {
            return format!("there is no task {word}");
        };
        let mut buf = Uuid::encode_buffer();
        let sharing = core
            .tasks
            .keys()
            .filter(|u| u.hyphenated().encode_lower(&mut buf).starts_with(prefix))
            .count();
        if sharing > 1 {
            format!(
                "{} starts the UUIDs of {sharing} tasks; give more of the UUID to name one",
                quoted(word)
            )
        } else {
            format!("there is no task {word}")
        }
    })
}

fn resolve(core: &Core, reference: &DepRef) -> Option<Uuid> {
    let by_id = |id: u64| {
        core.ids
            .iter()
            .find(|(_, i)| u64::from(**i) == id)
            .map(|(u, _)| *u)
    };
    match reference {
        DepRef::Uuid(u) => core.tasks.contains_key(u).then_some(*u),
        other => other.resolve(by_id, core.tasks.keys().copied()),
    }
}

/// Run `f` with what reading an add or modify line needs: the core's clock in its time
/// zone, its UDAs, and task references resolved against its tasks.
fn with_modify_context<T>(
    core: &Core,
    f: impl FnOnce(&ModifyContext<'_, chrono::FixedOffset>) -> T,
) -> T {
    let now = core.now.with_timezone(&core.tz);
    let resolve = |r: &DepRef| resolve(core, r);
    let ctx = ModifyContext {
        now: &now,
        udas: &core.options.udas,
        resolve: &resolve,
        dateformat: &core.options.dateformat,
    };
    f(&ctx)
}

/// A parsed add or modify line.
pub struct Modification(crate::lang::Modification);

impl Modification {
    pub fn parse(core: &Core, text: &str) -> Result<Modification, String> {
        let m = with_modify_context(core, |ctx| crate::lang::Modification::parse(text, ctx))
            .map_err(|e| e.to_string())?;
        if m.is_empty() {
            return Err("nothing to change: type attributes, +tags or a new description".into());
        }
        check_values(core, &m)?;
        Ok(Modification(m))
    }

    /// Make the changes, and what they mean for recurrence (see
    /// [`crate::task::recurrence::settle`]).
    pub fn apply(&self, edit: &mut TaskEdit<'_>) -> Result<(), String> {
        let before = crate::task::recurrence::Before::of(edit.data());
        self.0.apply(edit).map_err(|e| e.to_string())?;
        crate::task::recurrence::settle(edit, before).map_err(str::to_string)
    }

    /// Take out the words meant as a new description (see
    /// [`crate::lang::Modification::take_description`]).
    pub fn take_description(&mut self) -> Option<String> {
        self.0.take_description()
    }
}

/// A new pending task from an add line, and the operations that make it (one undo step).
/// The operations of a new task with each property set once, to the value it ends with, as
/// Taskwarrior makes a task: a task added as completed never passes through pending, and so
/// never takes a place in the working set on the way.
fn made_at_once(ops: Operations) -> Operations {
    let mut out: Operations = Vec::with_capacity(ops.len());
    for op in ops {
        let Operation::Update {
            uuid,
            property,
            value,
            timestamp,
            ..
        } = op
        else {
            out.push(op);
            continue;
        };
        let earlier = out.iter_mut().find_map(|o| match o {
            Operation::Update {
                uuid: u,
                property: p,
                value: v,
                timestamp: t,
                ..
            } if *u == uuid && *p == property => Some((v, t)),
            _ => None,
        });
        match earlier {
            Some((v, t)) => {
                *v = value;
                *t = timestamp;
            }
            None => out.push(Operation::Update {
                uuid,
                property,
                old_value: None,
                value,
                timestamp,
            }),
        }
    }
    // A property set and then removed again leaves nothing to say.
    out.retain(|op| !matches!(op, Operation::Update { value: None, .. }));
    out
}

pub fn new_task(core: &Core, text: &str) -> Result<(TaskData, Operations), String> {
    let m = with_modify_context(core, |ctx| crate::lang::Modification::parse_new(text, ctx))
        .map_err(|e| e.to_string())?;
    // As in Taskwarrior, the context's write filter comes first: what the line says wins.
    let write = match core.context.as_ref().map(|c| &c.def) {
        Some(def) if !def.write.trim().is_empty() => Some(
            with_modify_context(core, |ctx| {
                crate::lang::Modification::parse(&def.write, ctx)
            })
            .map_err(|e| {
                format!(
                    "context {}: its write filter (context.{}.write) {e}",
                    def.name, def.name
                )
            })?,
        ),
        _ => None,
    };
    let mut ops = vec![Operation::UndoPoint];
    let data = TaskData::create(core.uuids.next(), &mut ops);
    let mut task = Task::new(data);
    {
        let mut edit = task.edit(&mut ops, core.now);
        edit.set_status(Status::Pending);
        edit.set_entry(Some(core.now));
        if let Some(write) = &write {
            write.apply(&mut edit).map_err(|e| e.to_string())?;
        }
        m.apply(&mut edit).map_err(|e| e.to_string())?;
    }
    check_values(core, &m)?;
    // Then, as Taskwarrior does, the defaults for what is still missing.
    let defaults = defaults_missing(core, &task);
    if !defaults.is_empty() {
        let line = defaults.join(" ");
        let d = with_modify_context(core, |ctx| crate::lang::Modification::parse(&line, ctx))
            .map_err(|e| format!("the defaults in the settings ({line}): {e}"))?;
        let mut edit = task.edit(&mut ops, core.now);
        d.apply(&mut edit).map_err(|e| e.to_string())?;
    }
    let before = crate::task::recurrence::Before::default();
    crate::task::recurrence::settle(&mut task.edit(&mut ops, core.now), before)?;
    Ok((task.into_data(), made_at_once(ops)))
}

/// `name:value` words for the defaults the settings give (`default.project`, `default.due`,
/// `default.scheduled`, `uda.NAME.default`) that `task` does not have yet.
fn defaults_missing(core: &Core, task: &Task) -> Vec<String> {
    let mut words = Vec::new();
    let settings = &core.options.settings;
    for attr in ["project", "due", "scheduled"] {
        if let Some(value) = settings.get(&format!("default.{attr}")).map(str::trim)
            && !value.is_empty()
            && task.get(attr).is_none()
        {
            words.push(format!("{attr}:{}", quote_word(value)));
        }
    }
    for name in &core.options.udas {
        if let Some(value) = settings.get(&format!("uda.{name}.default")).map(str::trim)
            && !value.is_empty()
            && task.get(name).is_none()
        {
            words.push(format!("{name}:{}", quote_word(value)));
        }
    }
    words
}

/// A value as one word of an add or modify line.
fn quote_word(value: &str) -> String {
    if value.contains(char::is_whitespace) || value.contains(['"', '\'']) {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_string()
    }
}

/// A UDA given a value its `uda.NAME.values` list does not have is refused, as Taskwarrior
/// refuses it.
fn check_values(core: &Core, m: &crate::lang::Modification) -> Result<(), String> {
    for change in m.changes() {
        let crate::lang::Change::Uda {
            name,
            value: Some(value),
        } = change
        else {
            continue;
        };
        let Some(allowed) = uda_values(core, name) else {
            continue;
        };
        if !allowed.contains(&value.as_str()) {
            let shown: Vec<&str> = allowed.iter().copied().filter(|v| !v.is_empty()).collect();
            return Err(format!(
                "{name} cannot be {}: uda.{name}.values allows {}",
                crate::text::quoted(value),
                shown.join(", ")
            ));
        }
    }
    Ok(())
}

/// The values `uda.NAME.values` allows, if it lists them.
fn uda_values<'a>(core: &'a Core, name: &str) -> Option<Vec<&'a str>> {
    let list = core.options.settings.get(&format!("uda.{name}.values"))?;
    Some(list.split(',').map(str::trim).collect())
}

/// Completions for the word before byte `cursor` of a filter, add or modify line: its byte
/// range and the candidates.
pub fn complete(core: &Core, text: &str, cursor: usize) -> (Range<usize>, Vec<String>) {
    let mut projects: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for task in core.tasks.values() {
        if task.status() != Status::Pending {
            continue;
        }
        if let Some(p) = task.project() {
            projects.push(p.to_string());
        }
        tags.extend(task.tag_names().map(str::to_owned));
    }
    for list in [&mut projects, &mut tags] {
        list.sort_unstable();
        list.dedup();
    }
    let uda_values: Vec<(String, Vec<String>)> = core
        .options
        .udas
        .iter()
        .filter_map(|name| {
            let values = uda_values(core, name)?;
            Some((
                name.clone(),
                values.into_iter().map(str::to_owned).collect(),
            ))
        })
        .collect();
    let source = CompletionSource {
        uda_values: &uda_values,
        projects: &projects,
        tags: &tags,
        udas: &core.options.udas,
    };
    let c = crate::lang::complete(text, cursor, &source);
    (c.range, c.candidates)
}
