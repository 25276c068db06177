//! Reading `task export` JSON into task maps, all or nothing.
//!
//! Follows Taskwarrior's `Task::parseJSON` and `task import`: `id` and `urgency` are
//! ignored, `depends` may be an array or a comma-separated string, an annotation without an
//! entry is dated now, a missing status is pending and `waiting` is stored as pending. An
//! empty value means the attribute is absent. Pure: the time and new UUIDs are passed in.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use thiserror::Error;
use uuid::Uuid;

use super::scan::{lines_of, record_starts};
use super::values::{UdaTypes, parse_export_date, portable_tag};
use crate::task::keys::{self, DEP_PREFIX, MARKER, TAG_PREFIX, annotation_key};
use crate::task::{TaskData, TaskMap};
use crate::time::format_timestamp;

/// One task read from the JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub uuid: Uuid,
    pub map: TaskMap,
}

/// Why the JSON cannot be imported: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}{reason}", where_(*record, *line))]
pub struct ImportError {
    /// 1-based position of the record, when the problem is inside one.
    pub record: Option<usize>,
    /// 1-based line where that record starts (or where the syntax breaks, outside records).
    pub line: Option<usize>,
    pub reason: String,
}

fn where_(record: Option<usize>, line: Option<usize>) -> String {
    match (record, line) {
        (Some(r), Some(l)) => format!("record {r} (line {l}): "),
        (Some(r), None) => format!("record {r}: "),
        (None, Some(l)) => format!("line {l}: "),
        (None, None) => String::new(),
    }
}

/// Read every task in `text`: one JSON array of objects, or one object per line.
///
/// `now` dates annotations that have no entry; `new_uuid` names tasks that have no UUID.
pub fn parse_export(
    text: &str,
    udas: &UdaTypes,
    now: DateTime<Utc>,
    new_uuid: &mut dyn FnMut() -> Uuid,
) -> Result<Vec<Imported>, ImportError> {
    let starts = lines_of(text, &record_starts(text));
    // The record a syntax error falls in: the last one starting at or before its line.
    let record_at_line = |line: usize| {
        let n = starts.partition_point(|&s| s <= line);
        (n > 0).then(|| (n, starts[n - 1]))
    };
    let mut values = Vec::new();
    for value in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
        match value {
            Ok(v) => values.push(v),
            Err(e) => {
                let reason = if e.is_eof() {
                    "not valid JSON: the text ends inside this record (is the file cut short?)"
                        .to_string()
                } else {
                    let said = e.to_string();
                    let said = said
                        .rsplit_once(" at line ")
                        .map_or(said.as_str(), |(m, _)| m);
                    format!(
                        "not valid JSON at line {}, column {}: {said}",
                        e.line(),
                        e.column()
                    )
                };
                let at = record_at_line(e.line());
                return Err(ImportError {
                    record: at.map(|(r, _)| r),
                    line: at.map(|(_, l)| l).or(Some(e.line()).filter(|&l| l > 0)),
                    reason,
                });
            }
        }
    }
    let records = match values.as_slice() {
        [Value::Array(_)] => match values.pop() {
            Some(Value::Array(items)) => items,
            _ => unreachable!("the slice pattern matched one array"),
        },
        _ => values,
    };
    records
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let line = starts.get(i).copied();
            let fail = |reason: String| ImportError {
                record: Some(i + 1),
                line,
                reason,
            };
            match value {
                Value::Object(obj) => convert(obj, udas, now, new_uuid).map_err(fail),
                other => Err(fail(format!(
                    "a task must be a JSON object, not {}",
                    kind(&other)
                ))),
            }
        })
        .collect()
}

/// Give a read task the values Taskwarrior's import gives one that lacks them: `entry` and
/// `modified` (and `end` when completed or deleted) from the task already stored, else now.
pub fn fill_defaults(map: &mut TaskMap, existing: Option<&TaskData>, now: DateTime<Utc>) {
    let closed = matches!(
        map.get(keys::STATUS).map(String::as_str),
        Some("completed" | "deleted")
    );
    for key in [keys::ENTRY, keys::MODIFIED, keys::END] {
        if map.contains_key(key) || (key == keys::END && !closed) {
            continue;
        }
        let value = existing
            .and_then(|t| t.get(key))
            .map_or_else(|| format_timestamp(now), str::to_owned);
        map.insert(key.to_string(), value);
    }
}

fn convert(
    obj: Map<String, Value>,
    udas: &UdaTypes,
    now: DateTime<Utc>,
    new_uuid: &mut dyn FnMut() -> Uuid,
) -> Result<Imported, String> {
    let mut map = TaskMap::new();
    let mut uuid = None;
    for (key, value) in obj {
        match key.as_str() {
            "id" | "urgency" => {}
            "uuid" => {
                let text = string(&key, &value)?;
                uuid = Some(
                    Uuid::parse_str(text.trim())
                        .map_err(|_| format!("\"uuid\" is not a UUID: {text:?}"))?,
                );
            }
            keys::TAGS => {
                for name in list(&key, &value)? {
                    if !portable_tag(&name) {
                        return Err(format!(
                            "tag {name:?} cannot be stored: tags must not be empty or \
                             contain spaces or commas"
                        ));
                    }
                    map.insert(format!("{TAG_PREFIX}{name}"), MARKER.into());
                }
            }
            keys::DEPENDS => {
                for dep in list(&key, &value)? {
                    let cleaned: String = dep.chars().filter(|c| !"[]\"".contains(*c)).collect();
                    let dep = Uuid::parse_str(cleaned.trim())
                        .map_err(|_| format!("\"depends\" holds {dep:?}, which is not a UUID"))?;
                    map.insert(format!("{DEP_PREFIX}{dep}"), MARKER.into());
                }
            }
            "annotations" => annotations(&value, now, &mut map)?,
            keys::STATUS => {
                let status = string(&key, &value)?;
                let stored = match status.as_str() {
                    "pending" | "waiting" => "pending",
                    "completed" | "deleted" | "recurring" => status.as_str(),
                    "" => continue,
                    other => {
                        return Err(format!(
                            "\"status\" is {other:?}; it must be pending, waiting, completed, \
                             deleted or recurring"
                        ));
                    }
                };
                map.insert(key, stored.to_string());
            }
            keys::DESCRIPTION | keys::PROJECT | keys::PRIORITY => {
                let text = string(&key, &value)?;
                if !text.is_empty() {
                    map.insert(key, text);
                }
            }
            _ => {
                // Taskwarrior's old name for `modified` (TW-1274).
                let key = if key == "modification" {
                    keys::MODIFIED.to_string()
                } else {
                    key
                };
                let Some(text) = scalar(&key, &value)? else {
                    continue;
                };
                if text.is_empty() {
                    continue;
                }
                let text = if udas.is_date(&key) {
                    let t = parse_export_date(&text).ok_or_else(|| {
                        format!(
                            "{key:?} is not a date: {text:?} (expected YYYYMMDDTHHMMSSZ, as \
                             `task export` writes, from 1980-01-01 to 9999-12-31)"
                        )
                    })?;
                    format_timestamp(t)
                } else {
                    text
                };
                map.insert(key, text);
            }
        }
    }
    if !map.contains_key(keys::DESCRIPTION) {
        return Err("the task has no description; Taskwarrior requires one".into());
    }
    map.entry(keys::STATUS.into())
        .or_insert_with(|| "pending".into());
    legacy_list(&mut map, TAG_PREFIX, keys::TAGS);
    legacy_list(&mut map, DEP_PREFIX, keys::DEPENDS);
    Ok(Imported {
        uuid: uuid.unwrap_or_else(new_uuid),
        map,
    })
}

/// Keep the legacy comma-joined list in step with the keys, as `TaskEdit` does.
fn legacy_list(map: &mut TaskMap, prefix: &str, legacy: &str) {
    let names: Vec<&str> = map
        .range::<str, _>((
            std::ops::Bound::Included(prefix),
            std::ops::Bound::Unbounded,
        ))
        .take_while(|(k, _)| k.starts_with(prefix))
        .map(|(k, _)| &k[prefix.len()..])
        .collect();
    if names.is_empty() {
        map.remove(legacy);
    } else {
        let joined = names.join(",");
        map.insert(legacy.to_string(), joined);
    }
}

fn annotations(value: &Value, now: DateTime<Utc>, map: &mut TaskMap) -> Result<(), String> {
    let Value::Array(items) = value else {
        return Err(format!(
            "\"annotations\" must be an array, not {}",
            kind(value)
        ));
    };
    for (n, item) in items.iter().enumerate() {
        let Value::Object(a) = item else {
            return Err(format!(
                "annotation {} must be an object with entry and description, not {}",
                n + 1,
                kind(item)
            ));
        };
        let description = match a.get("description") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                return Err(format!(
                    "annotation {}: the description must be a string, not {}",
                    n + 1,
                    kind(other)
                ));
            }
            None => return Err(format!("annotation {} has no description", n + 1)),
        };
        let entry = match a.get("entry") {
            None | Some(Value::Null) => now,
            Some(Value::String(s)) => parse_export_date(s).ok_or_else(|| {
                format!(
                    "annotation {}: the entry is not a date from 1980-01-01 to \
                         9999-12-31: {s:?}",
                    n + 1
                )
            })?,
            Some(other) => {
                return Err(format!(
                    "annotation {}: the entry must be a date string, not {}",
                    n + 1,
                    kind(other)
                ));
            }
        };
        // One second later per clash, as Taskwarrior does.
        let mut secs = entry.timestamp();
        while map.contains_key(&annotation_key(secs)) {
            secs += 1;
        }
        map.insert(annotation_key(secs), description);
    }
    Ok(())
}

fn string(key: &str, value: &Value) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Null => Ok(String::new()),
        other => Err(format!("{key:?} must be a string, not {}", kind(other))),
    }
}

/// A string or number as its stored text; `None` for null.
fn scalar(key: &str, value: &Value) -> Result<Option<String>, String> {
    match value {
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Null => Ok(None),
        other => Err(format!(
            "{key:?} must be a string or a number, not {}",
            kind(other)
        )),
    }
}

/// An array of strings, or one comma-separated string.
fn list(key: &str, value: &Value) -> Result<Vec<String>, String> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(format!(
                    "{key:?} must hold strings, but holds {}",
                    kind(other)
                )),
            })
            .collect(),
        Value::String(s) => Ok(s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()),
        Value::Null => Ok(Vec::new()),
        other => Err(format!(
            "{key:?} must be an array of strings, not {}",
            kind(other)
        )),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
