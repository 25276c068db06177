//! A task as named text fields, and each field's text put back with checks: what the edit
//! form and the `$EDITOR` text share.

use chrono::{DateTime, FixedOffset, Utc};
use uuid::Uuid;

use super::core::Core;
use super::lang;
use crate::task::{Tag, Task, TaskEdit};
use crate::text::quoted;

/// The date attributes a user edits.
pub const DATE_FIELDS: [&str; 4] = ["due", "scheduled", "wait", "until"];

/// The fields of a task, in form order: `(name, text)`.
pub fn fields_of(core: &Core, task: &Task) -> Vec<(String, String)> {
    let mut out = vec![
        ("description".to_string(), task.description().to_string()),
        (
            "project".to_string(),
            task.project().unwrap_or("").to_string(),
        ),
        (
            "priority".to_string(),
            task.priority().unwrap_or("").to_string(),
        ),
        (
            "tags".to_string(),
            task.tags()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        ),
    ];
    for name in DATE_FIELDS {
        let text = task
            .timestamp(name)
            .map(|t| format_date(core.tz, t))
            .unwrap_or_default();
        out.push((name.to_string(), text));
    }
    out.push((
        "recur".to_string(),
        task.get("recur").unwrap_or("").to_string(),
    ));
    let deps: Vec<String> = task
        .dependencies()
        .into_iter()
        .map(|u| dep_label(core, u))
        .collect();
    out.push(("depends".to_string(), deps.join(" ")));
    for uda in &core.options.udas {
        out.push((uda.clone(), task.get(uda).unwrap_or("").to_string()));
    }
    out
}

/// A date as the user reads and types it: local time, to the minute.
pub fn format_date(tz: FixedOffset, t: DateTime<Utc>) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

/// A dependency as its working-set ID, or its short UUID if it has none.
fn dep_label(core: &Core, uuid: Uuid) -> String {
    match core.ids.get(&uuid) {
        Some(id) => id.to_string(),
        None => uuid.simple().to_string()[..8].to_string(),
    }
}

/// Set field `name` to `text` (changed from `before`) in `edit`.
pub fn apply_field(
    core: &Core,
    edit: &mut TaskEdit<'_>,
    name: &str,
    text: &str,
    before: &str,
) -> Result<(), String> {
    let text = text.trim();
    let value = (!text.is_empty()).then(|| text.to_string());
    let was = crate::task::recurrence::Before::of(edit.data());
    match name {
        "description" => {
            if text.is_empty() {
                return Err("description: a task needs a description".into());
            }
            edit.set_description(text);
        }
        "project" => {
            edit.set_project(value.as_deref());
        }
        "priority" => {
            let p = text.to_ascii_uppercase();
            if !matches!(p.as_str(), "" | "H" | "M" | "L") {
                return Err(format!(
                    "priority: {} is not H, M, L or empty",
                    quoted(text)
                ));
            }
            edit.set_priority((!p.is_empty()).then_some(p.as_str()));
        }
        "tags" => {
            let wanted = tags(text)?;
            let had = tags(before).unwrap_or_default();
            for t in had.iter().filter(|t| !wanted.contains(t)) {
                edit.remove_tag(t);
            }
            for t in wanted.iter().filter(|t| !had.contains(t)) {
                edit.add_tag(t);
            }
        }
        "depends" => {
            let mut wanted = Vec::new();
            for word in text.split([' ', ',']).filter(|w| !w.is_empty()) {
                wanted.push(lang::resolve_task(core, word).map_err(|e| format!("depends: {e}"))?);
            }
            let had: Vec<Uuid> = edit_deps(edit);
            for d in had.iter().filter(|d| !wanted.contains(d)) {
                edit.remove_dependency(*d);
            }
            for d in wanted.iter().filter(|d| !had.contains(d)) {
                edit.add_dependency(*d).map_err(|e| e.to_string())?;
            }
        }
        date if DATE_FIELDS.contains(&date) => {
            let when = match value {
                Some(v) => Some(
                    core.query_context()
                        .date(&v)
                        .map_err(|e| format!("{date}: {e}"))?,
                ),
                None => None,
            };
            edit.set_timestamp(date, when);
        }
        "recur" => {
            if let Some(period) = &value {
                crate::time::check_recurrence(period).map_err(|e| format!("recur: {e}"))?;
            }
            edit.set_value("recur", value);
        }
        uda => {
            edit.set_value(uda, value);
        }
    }
    // A period, or the due date it needs: what that makes of the task (a template), or
    // why it is refused.
    if matches!(name, "recur" | "due") {
        crate::task::recurrence::settle(edit, was).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

fn tags(text: &str) -> Result<Vec<Tag>, String> {
    text.split_whitespace()
        .map(|w| Tag::new(w.trim_start_matches('+')).map_err(|e| format!("tags: {e}")))
        .collect()
}

fn edit_deps(edit: &TaskEdit<'_>) -> Vec<Uuid> {
    Task::new(edit.data().clone()).dependencies()
}
