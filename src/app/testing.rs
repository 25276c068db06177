//! Tasks and instants for the app's unit tests.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::task::{Task, TaskData};

/// An instant written in RFC 3339.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// An instant written in RFC 3339, as a stored date (epoch seconds).
pub fn stored(s: &str) -> String {
    at(s).timestamp().to_string()
}

/// A task with a new UUID and these properties.
pub fn task(props: &[(&str, &str)]) -> Task {
    let map = props
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Task::new(TaskData::new(Uuid::new_v4(), map))
}
