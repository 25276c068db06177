//! `limit:` in a filter: how many of the matching rows a report shows.

/// How many rows a report shows: `limit:N`, or `limit:page`, a screenful.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Rows(usize),
    Page,
}
