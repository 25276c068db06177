//! Regular expressions in filters: `/pattern/`, and search words or `~` values meant as
//! one, compiled minding case as a search word does.
//!
//! Pure: no I/O.

use super::ast::Pattern;
use super::context::{Case, ParseContext};

/// `/pattern/` as a regular expression, minding case as a search word does.
pub(super) fn pattern(text: &str, case: Case) -> Result<Pattern, String> {
    let ignore = match case {
        Case::Smart => !text.chars().any(char::is_uppercase),
        Case::Sensitive => false,
        Case::Insensitive => true,
    };
    crate::lang::pattern::compile(text, ignore).map(Pattern)
}

/// `text` as a regular expression, if it is meant as one (a search word or a `~` value).
pub(super) fn regex_value(text: &str, ctx: &ParseContext<'_>) -> Option<Pattern> {
    let meant = ctx.search.regex && regex::escape(text) != text;
    meant.then(|| pattern(text, ctx.search.case).ok()).flatten()
}
