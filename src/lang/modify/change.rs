//! What a modification does and why one is refused: the changes a command line makes, in
//! the order typed, and the errors that name the word at fault.
//!
//! Pure: no I/O.

use std::ops::Range;

use chrono::{DateTime, Utc};
use thiserror::Error;
use uuid::Uuid;

use crate::task::{EditError, Status, Tag, TagError};
use crate::time::DateError;

/// One change a modification makes, in the order typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Description(String),
    Project(Option<String>),
    /// `H`, `M` or `L`, or `None` to remove.
    Priority(Option<String>),
    /// A date attribute (`due`, `wait`, ...) set or removed.
    Date {
        attribute: &'static str,
        value: Option<DateTime<Utc>>,
    },
    /// `recur:`, the period a recurring task repeats by, stored as typed; `None` removes it.
    Recur(Option<String>),
    /// `rtype:`, how a recurring task's instances follow one another: `periodic` (on
    /// fixed dates) or `chained` (each a period after the one before was finished).
    RecurType(String),
    /// A configured UDA, stored as typed.
    Uda {
        name: String,
        value: Option<String>,
    },
    AddTag(Tag),
    RemoveTag(Tag),
    AddDependency(Uuid),
    RemoveDependency(Uuid),
    /// `depends:` with no value: drop every dependency.
    ClearDependencies,
    /// `status:pending`, `status:completed` or `status:deleted` (`end` follows).
    Status(Status),
    /// `/from/to/` (the first match) or `/from/to/g` (every match): in the description, else
    /// in the annotations, oldest first.
    Substitute(Substitution),
}

/// A substitution's regular expression, replacement and reach.
#[derive(Debug, Clone)]
pub struct Substitution {
    pub pattern: regex::Regex,
    pub replacement: String,
    pub global: bool,
}

impl PartialEq for Substitution {
    fn eq(&self, other: &Substitution) -> bool {
        self.pattern.as_str() == other.pattern.as_str()
            && self.replacement == other.replacement
            && self.global == other.global
    }
}

impl Eq for Substitution {}

impl Substitution {
    /// `/from/to/` or `/from/to/g` (a `/` inside written `\/`); `None` if `word` is not one.
    /// The error says why `from` is not a regular expression.
    pub fn parse(word: &str) -> Option<Result<Substitution, String>> {
        let body = word.strip_prefix('/')?;
        let mut parts = Vec::new();
        let mut current = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('/') => current.push('/'),
                    Some(other) => {
                        current.push('\\');
                        current.push(other);
                    }
                    None => current.push('\\'),
                },
                '/' => parts.push(std::mem::take(&mut current)),
                c => current.push(c),
            }
        }
        let global = match (parts.len(), current.as_str()) {
            (2, "") => false,
            (2, "g") => true,
            _ => return None,
        };
        if parts[0].is_empty() {
            return None;
        }
        let built = crate::lang::pattern::compile(&parts[0], false);
        Some(built.map(|pattern| Substitution {
            pattern,
            // Taskwarrior's replacement is literal text.
            replacement: parts[1].replace('$', "$$"),
            global,
        }))
    }

    /// `text` with the substitution made, if the pattern is found in it.
    pub fn apply_to(&self, text: &str) -> Option<String> {
        if !self.pattern.is_match(text) {
            return None;
        }
        let limit = if self.global { 0 } else { 1 };
        Some(
            self.pattern
                .replacen(text, limit, self.replacement.as_str())
                .into_owned(),
        )
    }
}

/// Why a command line was refused, with the word at fault and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{kind}")]
pub struct ModifyError {
    /// The word as typed.
    pub token: String,
    /// Its byte range in the input.
    pub span: Range<usize>,
    pub kind: ModifyErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModifyErrorKind {
    #[error("{0}")]
    BadSubstitution(String),
    #[error("unknown attribute '{0}' (quote the word to keep it in the description)")]
    UnknownAttribute(String),
    #[error("'{name}' could be {}: type more of the name", .candidates.join(" or "))]
    AmbiguousAttribute {
        name: String,
        candidates: Vec<String>,
    },
    #[error(
        "status '{0}' cannot be set: use status:pending, status:completed or status:deleted \
         (a task recurs through recur: and due:)"
    )]
    Status(String),
    #[error("'{0}' is kept by Taskwarrior itself and cannot be set here")]
    ReadOnly(&'static str),
    #[error("{attribute}: {source}")]
    Date {
        attribute: &'static str,
        source: DateError,
    },
    #[error(
        "recur: {0} (periods are daily, weekdays, weekly, biweekly, monthly, quarterly, \
         semiannual, yearly, or a count and a unit such as 3d, 2w, 6m, P1M)"
    )]
    Recur(String),
    #[error(
        "rtype: '{0}' is neither periodic (on fixed dates) nor chained (each a period after the one before was finished)"
    )]
    RecurType(String),
    #[error("priority '{0}' is not H, M or L (leave it empty to remove the priority)")]
    Priority(String),
    #[error(transparent)]
    Tag(TagError),
    #[error("{0} is a virtual tag, worked out from the task: it cannot be added or removed")]
    VirtualTag(String),
    #[error("depends: '{0}' is not a task: use an ID such as 3, a UUID, or its first 8 digits")]
    BadDependency(String),
    #[error("depends: there is no task {0}")]
    UnknownTask(String),
    #[error("a task needs a description: add some words")]
    EmptyDescription,
    #[error("unclosed quote: add the closing {0}")]
    UnclosedQuote(char),
    #[error(transparent)]
    Edit(EditError),
}
