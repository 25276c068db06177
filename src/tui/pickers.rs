//! The project and tag pickers: the counts they list, and what choosing one does (a filter),
//! or, for a task's annotations, which one to remove.

use std::collections::BTreeMap;

use chrono::DateTime;

use super::actions::edit;
use super::app::{App, Effect};
use super::mode::{PickKind, Picker};
use super::query::Query;
use super::view::ViewKind;
use crate::task::Status;

/// Projects or tags of the pending tasks, with counts.
pub fn counts(app: &App, kind: PickKind) -> Picker {
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for task in app.tasks.values() {
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
            let Some(entry) = DateTime::from_timestamp(value, 0) else {
                return Vec::new();
            };
            return edit(app, &[*uuid], "denotate", |e| {
                e.remove_annotation(entry);
                Ok(())
            })
            .unwrap_or_default();
        }
    };
    match Query::parse(&filter, &app.query_context()) {
        Ok(q) => app.set_view_and_query(ViewKind::Next, filter, Some(q)),
        Err(e) => app.fail(e),
    }
    Vec::new()
}
