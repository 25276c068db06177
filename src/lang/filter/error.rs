//! Why a filter could not be parsed: each error names the column (1-based, in characters)
//! and the term, and says what to do.
//!
//! Pure: no I/O.

use thiserror::Error;

/// A filter that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FilterError {
    #[error("column {column}: the {quote} is never closed; add a closing {quote}")]
    UnclosedQuote { column: usize, quote: char },
    #[error("column {column}: this '(' is never closed; add a ')'")]
    UnclosedParen { column: usize },
    #[error("column {column}: this ')' has no matching '('; remove it or add a '(' before it")]
    UnmatchedParen { column: usize },
    #[error("column {column}: '()' holds nothing; put a term inside or remove it")]
    EmptyParens { column: usize },
    #[error(
        "column {column}: parentheses and 'not' are nested more than {limit} deep here; \
         write the filter with fewer levels"
    )]
    TooDeep { column: usize, limit: usize },
    #[error("column {column}: '{op}' needs a term after it")]
    NothingAfter { column: usize, op: &'static str },
    #[error("column {column}: '{op}' needs a term before it")]
    NothingBefore { column: usize, op: &'static str },
    #[error(
        "'{term}' at column {column}: unknown modifier '{modifier}'; use one of before, \
         after, by, is, not, isnt, none, any, has, hasnt, startswith, endswith, word, noword"
    )]
    UnknownModifier {
        column: usize,
        term: String,
        modifier: String,
    },
    #[error("'{term}' at column {column}: '{word}' could mean {candidates}; type more of it")]
    Ambiguous {
        column: usize,
        term: String,
        word: String,
        candidates: String,
    },
    #[error("'{term}' at column {column}: {attribute} {problem}")]
    ModifierNotFor {
        column: usize,
        term: String,
        attribute: String,
        problem: &'static str,
    },
    #[error(
        "'{term}' at column {column}: '{value}' is not a date; try a date such as 2026-01-31 \
         or a name such as today, eow or now+3d"
    )]
    NotADate {
        column: usize,
        term: String,
        value: String,
    },
    #[error(
        "'{term}' at column {column}: '{attribute}' is neither an attribute nor a declared UDA \
         (uda.{attribute}.type); to search for the text, put it in quotes"
    )]
    UnknownAttribute {
        column: usize,
        term: String,
        attribute: String,
    },
    #[error("'{term}' at column {column}: {reason}")]
    BadPattern {
        column: usize,
        term: String,
        reason: String,
    },
    #[error("'{term}' at column {column}: {reason}")]
    BadNumber {
        column: usize,
        term: String,
        reason: &'static str,
    },
    #[error("'{term}' at column {column}: needs a value to compare with")]
    MissingValue { column: usize, term: String },
    #[error("'{term}' at column {column}: not an ID: {reason}")]
    BadId {
        column: usize,
        term: String,
        reason: &'static str,
    },
    #[error("'{term}' at column {column}: {reason}")]
    BadTag {
        column: usize,
        term: String,
        reason: String,
    },
}

impl FilterError {
    /// The 1-based character column the error points at.
    pub fn column(&self) -> usize {
        match self {
            FilterError::UnclosedQuote { column, .. }
            | FilterError::UnclosedParen { column }
            | FilterError::UnmatchedParen { column }
            | FilterError::EmptyParens { column }
            | FilterError::TooDeep { column, .. }
            | FilterError::NothingAfter { column, .. }
            | FilterError::NothingBefore { column, .. }
            | FilterError::UnknownModifier { column, .. }
            | FilterError::Ambiguous { column, .. }
            | FilterError::ModifierNotFor { column, .. }
            | FilterError::NotADate { column, .. }
            | FilterError::MissingValue { column, .. }
            | FilterError::BadId { column, .. }
            | FilterError::BadTag { column, .. }
            | FilterError::UnknownAttribute { column, .. }
            | FilterError::BadNumber { column, .. }
            | FilterError::BadPattern { column, .. } => *column,
        }
    }
}
