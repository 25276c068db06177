//! How single values travel in Taskwarrior's JSON: which attributes are dates or numbers
//! (the UDA types among them), the `YYYYMMDDTHHMMSSZ` date form, and which tag names
//! survive the trip.
//!
//! Pure: no I/O.

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::task::keys::{DATE_ATTRIBUTES, IMASK, LAST};

/// Attributes Taskwarrior types as numbers: written unquoted.
const NUMERIC_ATTRIBUTES: &[&str] = &[IMASK, LAST];

/// The types of the user's UDAs that change their JSON form (`uda.<name>.type`); any other
/// UDA is a string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UdaTypes {
    pub dates: Vec<String>,
    pub numbers: Vec<String>,
}

impl UdaTypes {
    /// From `(name, type)` pairs, as `uda.<name>.type=<type>` declares them.
    pub fn from_declarations<'a>(decls: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut types = UdaTypes::default();
        for (name, kind) in decls {
            match kind.trim() {
                "date" => types.dates.push(name.to_string()),
                "numeric" => types.numbers.push(name.to_string()),
                _ => {}
            }
        }
        types
    }

    pub(super) fn is_date(&self, key: &str) -> bool {
        DATE_ATTRIBUTES.contains(&key) || self.dates.iter().any(|d| d == key)
    }

    pub(super) fn is_number(&self, key: &str) -> bool {
        NUMERIC_ATTRIBUTES.contains(&key) || self.numbers.iter().any(|n| n == key)
    }
}

/// The form `task export` writes dates in: `20240515T100000Z`.
pub fn format_export_date(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A date as Taskwarrior's JSON may hold one: `YYYYMMDDTHHMMSSZ`, ISO 8601 with a zone
/// (`2024-05-15T10:00:00Z`), or epoch seconds; `None` for anything else and for a time
/// outside the range dates may name (see [`in_date_range`](crate::time::in_date_range)).
pub fn parse_export_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let t = if let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ") {
        t.and_utc()
    } else if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        t.with_timezone(&Utc)
    } else if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        DateTime::from_timestamp(text.parse().ok()?, 0)?
    } else {
        return None;
    };
    crate::time::in_date_range(t).then_some(t)
}

/// Whether a tag name survives the trip through JSON and the legacy comma-joined `tags`
/// list: not empty, no whitespace, no comma.
pub(super) fn portable_tag(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == ',')
}
