//! Writing tasks as `task export` does, so that `task import` (and `tcui import`) read them.
//!
//! Field order follows Taskwarrior's `Task::composeJSON`: `id`, the attributes by name
//! (with `uuid` among them), then `annotations`, `tags`, `depends` and `urgency`. Empty
//! values are left out. Keys whose suffix cannot travel in the arrays (an annotation key that
//! is not epoch seconds, a dependency that is not a UUID) are written as plain attributes,
//! which reading keeps as they are. Pure.

use std::fmt::Write as _;

use uuid::Uuid;

use super::values::{UdaTypes, format_export_date, portable_tag};
use crate::task::Task;
use crate::task::keys::{self, ANNOTATION_PREFIX, DEP_PREFIX, TAG_PREFIX};
use crate::time::parse_timestamp;

/// One task as a JSON object on one line. `id` is its working-set ID, 0 when it has none.
pub fn export_task(task: &Task, id: usize, urgency: f64, udas: &UdaTypes) -> String {
    let data = task.data();
    let mut fields: Vec<(String, String)> = Vec::with_capacity(data.len() + 1);
    let mut annotations = Vec::new();
    let mut tags = Vec::new();
    let mut depends = Vec::new();
    for (key, value) in data.iter() {
        if key == keys::TAGS || key == keys::DEPENDS {
            continue;
        }
        if let Some(name) = key.strip_prefix(TAG_PREFIX)
            && portable_tag(name)
        {
            tags.push(json_string(name));
            continue;
        }
        if let Some(dep) = key.strip_prefix(DEP_PREFIX)
            && let Ok(dep) = Uuid::parse_str(dep)
        {
            depends.push(json_string(&dep.to_string()));
            continue;
        }
        if let Some(entry) = key
            .strip_prefix(ANNOTATION_PREFIX)
            .and_then(parse_timestamp)
        {
            annotations.push((entry, value));
            continue;
        }
        if value.is_empty() {
            continue;
        }
        fields.push((key.to_string(), json_value(key, value, udas)));
    }
    fields.push(("uuid".into(), json_string(&task.uuid().to_string())));
    fields.sort_by(|a, b| a.0.cmp(&b.0));

    let mut out = format!("{{\"id\":{id}");
    for (key, value) in &fields {
        let _ = write!(out, ",{}:{value}", json_string(key));
    }
    if !annotations.is_empty() {
        annotations.sort();
        out.push_str(",\"annotations\":[");
        for (i, (entry, text)) in annotations.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                "{{\"entry\":\"{}\",\"description\":{}}}",
                format_export_date(*entry),
                json_string(text)
            );
        }
        out.push(']');
    }
    for (name, items) in [(keys::TAGS, &tags), (keys::DEPENDS, &depends)] {
        if !items.is_empty() {
            let _ = write!(out, ",\"{name}\":[{}]", items.join(","));
        }
    }
    let _ = write!(out, ",\"urgency\":{}}}", format_urgency(urgency));
    out
}

/// Objects as `task export` prints them: an array, one task per line.
pub fn export_document(tasks: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from("[\n");
    let mut any = false;
    for task in tasks {
        if any {
            out.push_str(",\n");
        }
        out.push_str(&task);
        any = true;
    }
    if any {
        out.push('\n');
    }
    out.push_str("]\n");
    out
}

/// A number as C++'s default stream output writes it (`%g`, six significant digits), which
/// is how Taskwarrior prints urgency.
pub fn format_urgency(x: f64) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    if x == 0.0 {
        return "0".into();
    }
    let exp = x.abs().log10().floor() as i32;
    if !(-4..6).contains(&exp) {
        let text = format!("{x:.5e}");
        let (mantissa, e) = text.split_once('e').unwrap_or((&text, "0"));
        let e: i32 = e.parse().unwrap_or(0);
        let sign = if e < 0 { '-' } else { '+' };
        return format!("{}e{sign}{:02}", trim_zeros(mantissa), e.abs());
    }
    let decimals = (5 - exp).max(0) as usize;
    trim_zeros(&format!("{x:.decimals$}")).to_string()
}

fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

fn json_value(key: &str, value: &str, udas: &UdaTypes) -> String {
    if udas.is_date(key)
        && let Some(t) = parse_timestamp(value)
    {
        return json_string(&format_export_date(t));
    }
    if udas.is_number(key)
        && let Ok(n) = serde_json::from_str::<serde_json::Number>(value)
    {
        return n.to_string();
    }
    json_string(value)
}

fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}
