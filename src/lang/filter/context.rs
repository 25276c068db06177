//! What a filter needs from outside: at parse time, the date reader, the configured UDAs
//! and the local offset; when matching, the task's working-set ID and what virtual tags
//! depend on.
//!
//! Pure: no I/O.

use chrono::{DateTime, FixedOffset, Utc};

use crate::task::{TagContext, Task};

/// What parsing needs from outside.
pub struct ParseContext<'a> {
    /// Resolves a date value (`2026-01-31`, `eow`, `now+3d`); `None` if it is not a date.
    pub date: &'a dyn Fn(&str) -> Option<DateTime<Utc>>,
    /// The configured UDA names: they take part in name abbreviation.
    pub udas: &'a [String],
    /// The local UTC offset, which places the day of `due:today`.
    pub offset: FixedOffset,
    /// How search words and text values are matched.
    pub search: Search,
    /// Attributes whose values are ordered otherwise than as text, for `before`, `after`
    /// and `<`, `>`: numeric UDAs and UDAs with a list of values (`priority`).
    pub orders: &'a [(String, ValueOrder)],
}

/// How the values of an attribute are ordered when a filter compares them, as Taskwarrior
/// orders them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueOrder {
    /// As numbers; a task without a value is below every number.
    Numeric,
    /// By the UDA's `values`, the last the lowest (`H,M,L,`: none, then L, M, H); a task
    /// without a value is where the empty value is listed, a value not listed above all.
    Listed(Vec<String>),
}

/// How search words and text values are matched (`search.case.sensitive`, `regex`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Search {
    pub case: Case,
    /// Search words and `~`/`.has` values with regular-expression characters are regular
    /// expressions (on unless the settings turn it off, as in Taskwarrior); one that does
    /// not compile is taken as plain text.
    pub regex: bool,
}

impl Default for Search {
    fn default() -> Search {
        Search {
            case: Case::Smart,
            regex: true,
        }
    }
}

/// How search words and text values treat case (`search.case.sensitive`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Case {
    /// Case-sensitive only when the value has an uppercase letter.
    #[default]
    Smart,
    Sensitive,
    Insensitive,
}

/// What matching one task needs besides the task.
#[derive(Clone, Copy)]
pub struct MatchContext<'a> {
    /// The task's working-set ID; `None` for tasks outside the working set.
    pub id: Option<u32>,
    pub tags: &'a TagContext<'a>,
    /// A task's urgency, asked for only by filters that compare it; a task with none
    /// known compares as 0.
    pub urgency: &'a dyn Fn(&Task) -> Option<f64>,
}
