//! Taskwarrior's filter language (`+home project:work due.before:eow or 3,5`), parsed once
//! into a [`Filter`] and then matched cheaply against each task.
//!
//! Pure: no I/O and no clock. Date values are resolved at parse time by the function in
//! [`ParseContext`]; the time, working-set ID and dependency map come in the
//! [`MatchContext`].
//!
//! Semantics follow Taskwarrior 3.1.0 (`CLI2::desugarFilterAttributes`, `Filter::pendingOnly`
//! and libshared's `Variant`), including where they surprise: a status term for the working
//! set reads no completed or deleted task, a task without an ID has ID 0, a numeric UDA a
//! task lacks is below every number, UDAs with `values` (`priority`) order by the list,
//! `tags` and `depends` are comma-joined text, and `status:pending` leaves out a task that is
//! waiting. These are tcui's own choices:
//! - Without `search.case.sensitive` in the settings, text comparisons use smart case (a
//!   value with no uppercase letter matches any case); Taskwarrior is case-sensitive then.
//! - `has`, `startswith`, `endswith`, `word` and `noword` compare literal text unless the
//!   value is a regular expression under `regex`; one that does not compile stays text,
//!   where Taskwarrior stops with an error.
//! - Bare IDs and UUIDs joined by `and` (or nothing) form one set, as Taskwarrior's `1 3 5`;
//!   joined by `or` they are ordinary alternatives.
//! - The algebraic comparisons (`due < eow`, `urgency>5`) stand for the modifiers: `<`
//!   before, `<=` by, `>` after, `>=` at or after, `=` the plain left match, `==` is,
//!   `!=` not, `~` has, `!~` hasnt. (Taskwarrior finds nothing for `==` on a number or a
//!   UUID.)
//! - `not` negates what follows; Taskwarrior 3.1.0 finds no task for a filter with `not`.
//! - A word that keeps its quotes is a search word; Taskwarrior reads it as a value.
//! - `/pattern/` is a regular expression searched in the description and annotations,
//!   with smart case like a search word.
//! - A name that is neither an attribute nor a declared UDA is an error, where Taskwarrior
//!   treats it inconsistently (`task foo:bar list` lists everything, `count` says 0).
//!
//! Parts, in the order text goes through them: `lex` (tokens), `term` and `attr` (what
//! one word means), `parse` (the boolean structure), `ast` (the resolved tree), `eval`
//! (matching, the hot path); beside them `text` (folded needles), `context` (what parsing
//! and matching need from outside), `pending_set` (which tasks a filter reads), `narrow`
//! (whether one filter keeps a subset of another's tasks) and `error`.

mod ast;
mod attr;
mod context;
mod error;
mod eval;
mod lex;
mod limit;
mod narrow;
mod parse;
mod patterns;
mod pending_set;
mod term;
#[cfg(test)]
mod tests;
mod text;

pub use context::{Case, MatchContext, ParseContext, Search, ValueOrder};
pub use error::FilterError;
pub use limit::Limit;

use crate::task::Task;

/// A parsed filter. The empty filter matches every task.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    root: Option<ast::Node>,
    /// `limit:N`: how many of the matching rows a report shows.
    limit: Option<Limit>,
    /// Only tasks of the working set can match, as Taskwarrior decides from the words (see
    /// `pending_set`).
    working_set: bool,
}

impl Filter {
    /// Parse `text`. See the module documentation for the language.
    pub fn parse(text: &str, ctx: &ParseContext<'_>) -> Result<Filter, FilterError> {
        let mut tokens = lex::desugar(lex::lex(text)?)?;
        let limit = lex::take_limit(&mut tokens)?;
        let root = parse::parse(&tokens, ctx)?;
        let working_set = pending_set::working_set_only(&tokens, root.as_ref());
        Ok(Filter {
            root,
            limit,
            working_set,
        })
    }

    /// `limit:N`: a report shows the first N matching rows. It is no condition on tasks.
    pub fn limit(&self) -> Option<Limit> {
        self.limit
    }

    /// Whether the filter has no terms, and so matches everything.
    pub fn is_empty(&self) -> bool {
        self.root.is_none() && self.limit.is_none()
    }

    /// Whether only tasks whose status is `pending` (or missing, which reads as pending)
    /// can match: the filter is `status:pending` and something else, at the top.
    pub fn requires_pending(&self) -> bool {
        let pending = |node: &ast::Node| {
            matches!(node, ast::Node::Term(ast::Term::Text {
                field: ast::Field::Status,
                op: ast::TextOp::Partial | ast::TextOp::Equal,
                value,
                ..
            }) if value == "pending")
        };
        match &self.root {
            Some(ast::Node::And(parts)) => parts.iter().any(pending),
            Some(node) => pending(node),
            None => false,
        }
    }

    pub fn matches(&self, task: &Task, ctx: &MatchContext<'_>) -> bool {
        if self.working_set
            && !task
                .get(crate::task::keys::STATUS)
                .is_none_or(crate::task::Status::keeps_in_working_set)
        {
            return false;
        }
        self.root
            .as_ref()
            .is_none_or(|root| root.matches(task, ctx))
    }
}
