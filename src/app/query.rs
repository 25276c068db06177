//! The list's query: a filter in Taskwarrior's language or a fuzzy search, read with a
//! small context (the time, the time zone, the UDAs) rather than the whole app.

use chrono::{DateTime, FixedOffset, Utc};

use crate::lang::{Filter, FuzzyQuery, Limit, MatchContext, ParseContext, Search, ValueOrder};
use crate::task::{TagContext, Task};

/// What reading a filter needs: dates are read at `now` in `tz`; `udas` are the
/// user-defined attributes a filter may name.
#[derive(Debug, Clone, Copy)]
pub struct QueryContext<'a> {
    pub now: DateTime<Utc>,
    pub tz: FixedOffset,
    pub udas: &'a [String],
    /// How the values of numeric UDAs and UDAs with listed values are ordered.
    pub orders: &'a [(String, ValueOrder)],
    /// How search words and text values are matched.
    pub search: Search,
    /// The user's `dateformat` (empty: none), tried first for dates.
    pub dateformat: &'a str,
}

impl QueryContext<'_> {
    /// A date as Taskwarrior reads one, at this context's time and zone.
    pub fn date(&self, text: &str) -> Result<DateTime<Utc>, String> {
        crate::time::parse_date_as(text, &self.now.with_timezone(&self.tz), self.dateformat)
            .map_err(|e| e.to_string())
    }
}

/// A filter in Taskwarrior's language, or a fuzzy search.
#[derive(Debug, Clone)]
pub struct Query(Kind);

#[derive(Debug, Clone)]
enum Kind {
    Filter(Filter),
    Fuzzy(FuzzyQuery),
}

impl Query {
    /// A filter, with dates read at `ctx`'s time and zone.
    pub fn parse(text: &str, ctx: &QueryContext<'_>) -> Result<Query, String> {
        let date = |s: &str| ctx.date(s).ok();
        let ctx = ParseContext {
            date: &date,
            udas: ctx.udas,
            offset: ctx.tz,
            search: ctx.search,
            orders: ctx.orders,
        };
        Filter::parse(text, &ctx)
            .map(|f| Query(Kind::Filter(f)))
            .map_err(|e| e.to_string())
    }

    pub fn fuzzy(text: &str) -> Query {
        Query(Kind::Fuzzy(FuzzyQuery::new(text)))
    }

    /// `limit:N` (or `limit:page`) in a filter: show the first N rows.
    pub fn limit(&self) -> Option<Limit> {
        match &self.0 {
            Kind::Filter(f) => f.limit(),
            Kind::Fuzzy(_) => None,
        }
    }

    /// Whether only tasks whose status reads as pending can match.
    pub fn requires_pending(&self) -> bool {
        match &self.0 {
            Kind::Filter(f) => f.requires_pending(),
            Kind::Fuzzy(_) => false,
        }
    }

    /// Whether every task this query matches, `wider` matches too (when it cannot tell:
    /// no), so that its rows can be picked from `wider`'s.
    pub fn narrows(&self, wider: &Query) -> bool {
        match (&self.0, &wider.0) {
            (Kind::Filter(a), Kind::Filter(b)) => a.narrows(b),
            (Kind::Fuzzy(a), Kind::Fuzzy(b)) => a.narrows(b),
            _ => false,
        }
    }

    pub fn is_fuzzy(&self) -> bool {
        matches!(self.0, Kind::Fuzzy(_))
    }

    /// `None` if the task does not match; else a score (higher first), 0 for a filter.
    /// `urgency` gives a task's urgency, for filters that compare it.
    pub fn score(
        &self,
        task: &Task,
        id: Option<u32>,
        tags: &TagContext<'_>,
        urgency: &dyn Fn(&Task) -> Option<f64>,
    ) -> Option<u32> {
        match &self.0 {
            Kind::Filter(f) => {
                let ctx = MatchContext { id, tags, urgency };
                f.matches(task, &ctx).then_some(0)
            }
            Kind::Fuzzy(q) => q.score(task),
        }
    }
}
