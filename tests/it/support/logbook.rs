//! Operation logs written by hand, each change at a known time, for the charts of progress.

use chrono::{DateTime, NaiveDate, Utc};
use tcui::task::Operation;
use uuid::Uuid;

/// `date` at `hour`:00 UTC.
pub fn t(date: &str, hour: u32) -> DateTime<Utc> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
        .and_utc()
}

pub fn set(uuid: Uuid, property: &str, value: Option<&str>, at: DateTime<Utc>) -> Operation {
    Operation::Update {
        uuid,
        property: property.into(),
        old_value: None,
        value: value.map(Into::into),
        timestamp: at,
    }
}

/// A task made at `at`, as `task add` makes it, with `props` besides.
pub fn made(
    uuid: Uuid,
    what: &str,
    status: &str,
    at: DateTime<Utc>,
    props: &[(&str, &str)],
) -> Vec<Operation> {
    let secs = at.timestamp().to_string();
    let mut ops = vec![
        Operation::UndoPoint,
        Operation::Create { uuid },
        set(uuid, "description", Some(what), at),
        set(uuid, "entry", Some(&secs), at),
        set(uuid, "status", Some(status), at),
    ];
    ops.extend(props.iter().map(|(k, v)| set(uuid, k, Some(v), at)));
    ops
}

/// Completed or deleted at `at`, with its end date.
pub fn ended(uuid: Uuid, status: &str, at: DateTime<Utc>) -> Vec<Operation> {
    let secs = at.timestamp().to_string();
    vec![
        Operation::UndoPoint,
        set(uuid, "status", Some(status), at),
        set(uuid, "end", Some(&secs), at),
    ]
}

/// Started (`true`) or stopped at `at`.
pub fn started(uuid: Uuid, on: bool, at: DateTime<Utc>) -> Operation {
    let secs = at.timestamp().to_string();
    set(uuid, "start", on.then_some(secs.as_str()), at)
}
