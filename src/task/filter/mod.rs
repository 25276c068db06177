//! Taskwarrior's filter language (`+home project:work due.before:eow or 3,5`), parsed once
//! into a [`Filter`] and then matched cheaply against each task.
//!
//! Pure: no I/O and no clock. Date values are resolved at parse time by the function in
//! [`ParseContext`]; the time, working-set ID and dependency map come in the
//! [`MatchContext`].
//!
//! Semantics follow Taskwarrior 3 (`CLI2::desugarFilterAttributes` and libshared's
//! `Variant`), with these choices of tcui's:
//! - Text comparisons use smart case: a value with no uppercase letter matches any case;
//!   Taskwarrior is case-sensitive unless `search.case.sensitive=no`.
//! - `has`, `startswith`, `endswith`, `word` and `noword` compare literal text; Taskwarrior
//!   reads their values as regular expressions.
//! - Bare IDs and UUIDs joined by `and` (or nothing) form one set, as Taskwarrior's `1 3 5`;
//!   joined by `or` they are ordinary alternatives.
//! - `before`/`after`/`by` on a text attribute compare numbers when both sides are
//!   numbers, and text otherwise.

mod attr;
mod error;
mod eval;
mod lex;
mod parse;
mod term;
#[cfg(test)]
mod tests;
mod text;

use chrono::{DateTime, FixedOffset, Utc};

pub use error::FilterError;

use super::{TagContext, Task};

/// What parsing needs from outside.
pub struct ParseContext<'a> {
    /// Resolves a date value (`2026-01-31`, `eow`, `now+3d`); `None` if it is not a date.
    pub date: &'a dyn Fn(&str) -> Option<DateTime<Utc>>,
    /// The configured UDA names: they take part in name abbreviation.
    pub udas: &'a [String],
    /// The local UTC offset, which places the day of `due:today`.
    pub offset: FixedOffset,
}

/// What matching one task needs besides the task.
#[derive(Clone, Copy)]
pub struct MatchContext<'a> {
    /// The task's working-set ID; `None` for tasks outside the working set.
    pub id: Option<u32>,
    pub tags: &'a TagContext<'a>,
}

/// A parsed filter. The empty filter matches every task.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    root: Option<parse::Node>,
}

impl Filter {
    /// Parse `text`. See the module documentation for the language.
    pub fn parse(text: &str, ctx: &ParseContext<'_>) -> Result<Filter, FilterError> {
        let tokens = lex::lex(text)?;
        Ok(Filter {
            root: parse::parse(&tokens, ctx)?,
        })
    }

    /// Whether the filter has no terms, and so matches everything.
    pub fn is_empty(&self) -> bool {
        self.root.is_none()
    }

    pub fn matches(&self, task: &Task, ctx: &MatchContext<'_>) -> bool {
        self.root
            .as_ref()
            .is_none_or(|root| root.matches(task, ctx))
    }
}
