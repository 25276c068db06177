//! Epoch seconds: the stored form of an instant (`1795265923`) and the range of instants a
//! date may name.
//!
//! Pure: no I/O and no clock.

use chrono::{DateTime, Utc};

/// The first instant a date may name: 1980-01-01T00:00:00Z.
///
/// Dates are kept to Taskwarrior's range wherever they enter: typed in add or modify,
/// given in a filter, imported, or read back from the replica. Taskwarrior 3.1 reads a
/// stored date only from 1980 up to 9999-12-31T21:59:58Z: one outside makes `task export`
/// and `task info` fail for every task, and a year past 9999 has no `task export` form.
/// The same bounds decide which plain integers are epoch seconds (`3` is not a date).
pub const FIRST_SECOND: i64 = 315_532_800;

/// The last instant a date may name: 9999-12-31T21:59:58Z (see [`FIRST_SECOND`]).
pub const LAST_SECOND: i64 = 253_402_293_598;

/// Whether `t` is within the range dates may name (see [`FIRST_SECOND`]).
pub fn in_date_range(t: DateTime<Utc>) -> bool {
    (FIRST_SECOND..=LAST_SECOND).contains(&t.timestamp())
}

/// Read a stored timestamp (decimal epoch seconds); anything else, and a time outside the
/// range dates may name (1980 to 9999, see [`in_date_range`]), is `None`.
pub fn parse_timestamp(value: &str) -> Option<DateTime<Utc>> {
    let secs: i64 = value.trim().parse().ok()?;
    DateTime::from_timestamp(secs, 0).filter(|t| in_date_range(*t))
}

/// The stored form of a timestamp: decimal epoch seconds.
pub fn format_timestamp(t: DateTime<Utc>) -> String {
    t.timestamp().to_string()
}
