//! The project and tag pickers: the counts they list, and what choosing one does (a filter),
//! or, for a task's annotations, which one to remove.

use std::collections::BTreeMap;

use super::app::App;
use super::mode::{PickKind, Picker};
use crate::app::{Core, Effect, edits};
use crate::task::Status;

/// Projects or tags of the pending tasks, with counts.
pub fn counts(core: &Core, kind: PickKind) -> Picker {
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for task in core.tasks().values() {
        if task.status() != Status::Pending {
            continue;
        }
        match kind {
            PickKind::Project => {
                if let Some(p) = task.project() {
                    *counts.entry(p.to_string()).or_default() += 1;
                }
            }
            _ => {
                for tag in task.tags() {
                    *counts.entry(tag.to_string()).or_default() += 1;
                }
            }
        }
    }
    Picker {
        kind,
        entries: counts.into_iter().collect(),
        cursor: 0,
    }
}

/// Enter in a picker.
pub fn picked(app: &mut App, kind: &PickKind, label: &str, value: i64) -> Vec<Effect> {
    let filter = match kind {
        PickKind::Project => format!("project:{label}"),
        PickKind::Tag => format!("+{label}"),
        PickKind::Annotation(uuid) => {
            let uuid = *uuid;
            return app.edit(|core| Ok(edits::denotate(core, uuid, value)));
        }
    };
    app.cursor = 0;
    app.scroll = 0;
    if let Err(e) = app.with_core(|core| core.filter_next(filter)) {
        app.fail(e);
    }
    Vec::new()
}
