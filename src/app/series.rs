//! The other tasks of a recurring series that a change to one of them is carried to, as
//! Taskwarrior's `modify`, `delete`, `annotate`, `append` and `prepend` find them, and
//! whether to carry it (`recurrence.confirmation`).

use uuid::Uuid;

use super::Core;
use crate::task::{Status, Task, keys};

/// What `recurrence.confirmation` says of carrying a change to one recurring task over
/// to the rest of its series: ask (`prompt`, the default), always (a true value), never.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spread {
    Ask,
    Always,
    Never,
}

impl Spread {
    /// As the settings of `core` say.
    pub fn of(core: &Core) -> Spread {
        match core
            .options()
            .settings
            .get("recurrence.confirmation")
            .map(str::trim)
        {
            None | Some("prompt") => Spread::Ask,
            Some(v) if crate::config::is_true(v) => Spread::Always,
            Some(_) => Spread::Never,
        }
    }
}

/// The rest of a series a change is carried to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kin {
    /// Instances, each changed and named (in the order of their IDs).
    pub instances: Vec<Uuid>,
    /// The template of an instance: changed, not named.
    pub template: Option<Uuid>,
}

/// The rest of `uuid`'s series: for an instance, its unfinished siblings in the working set
/// and its template; for a template when `templates` is set, its instances in the working
/// set. `None` for a task of no series, and for a template with no instance (where
/// Taskwarrior does not ask).
pub fn kin(core: &Core, uuid: Uuid, templates: bool) -> Option<Kin> {
    let task = core.tasks().get(&uuid)?;
    let parent_of = |t: &Task| t.get(keys::PARENT).and_then(|p| Uuid::parse_str(p).ok());
    let mut ids: Vec<(u32, Uuid)> = core.ids().iter().map(|(u, id)| (*id, *u)).collect();
    ids.sort_unstable();
    let in_working_set = ids.into_iter().filter_map(|(_, u)| core.tasks().get(&u));
    if let Some(parent) = parent_of(task) {
        let instances = in_working_set
            .filter(|t| t.uuid() != uuid && parent_of(t) == Some(parent))
            .filter(|t| !matches!(t.status(), Status::Completed | Status::Deleted))
            .map(Task::uuid)
            .collect();
        return Some(Kin {
            instances,
            template: Some(parent),
        });
    }
    if !templates || task.status() != Status::Recurring {
        return None;
    }
    let instances: Vec<Uuid> = in_working_set
        .filter(|t| parent_of(t) == Some(uuid))
        .map(Task::uuid)
        .collect();
    (!instances.is_empty()).then_some(Kin {
        instances,
        template: None,
    })
}

/// The tasks `uuids` and the rest of their series, each once: those named in a series
/// first (in order), then the templates.
pub fn with_kin(core: &Core, uuids: &[Uuid], templates: bool) -> Vec<Uuid> {
    let mut all: Vec<Uuid> = uuids.to_vec();
    let mut parents = Vec::new();
    for uuid in uuids {
        let Some(kin) = kin(core, *uuid, templates) else {
            continue;
        };
        for other in kin.instances {
            if !all.contains(&other) {
                all.push(other);
            }
        }
        parents.extend(kin.template);
    }
    for parent in parents {
        if !all.contains(&parent) {
            all.push(parent);
        }
    }
    all
}
