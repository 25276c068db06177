//! The filter's syntax tree: boolean nodes over terms, each term resolved at parse time
//! (tags to keys, dates to instants, values folded) so that matching only compares.
//!
//! Pure: no I/O.

use chrono::{DateTime, Utc};

use super::text::Needle;
use crate::task::keys::tag_key;
use crate::task::{Tag, VirtualTag};

/// A parsed filter expression.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Term(Term),
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
    /// True when an odd number of the parts are: `a xor b xor c` chained, kept flat so that
    /// a long chain does not nest.
    Xor(Vec<Node>),
}

/// One resolved term.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Term {
    /// A search word: in the description or any annotation.
    Word(Needle),
    /// `/pattern/`: a regular expression found in the description or any annotation.
    Pattern(Pattern),
    /// `field.has:` / `field.hasnt:` a regular expression (with `regex` on).
    TextPattern {
        field: Field,
        pattern: Pattern,
        present: bool,
    },
    Tag {
        tag: TagRef,
        present: bool,
    },
    /// Bare IDs and UUIDs; a task matches if it has any of them.
    Ids(IdSet),
    Text {
        field: Field,
        op: TextOp,
        needle: Needle,
        /// The raw value, for ordered comparisons.
        value: String,
        /// How values are ordered, if not as text (or as numbers when both are).
        order: Option<Box<super::context::ValueOrder>>,
    },
    Date {
        key: &'static str,
        op: DateOp,
    },
    Id(NumOp),
    Urgency(FloatOp),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum TagRef {
    Virtual(VirtualTag),
    /// The property key, `tag_<name>`.
    Key(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct IdSet {
    pub ranges: Vec<(u32, u32)>,
    /// Lowercase UUID prefixes (whole UUIDs included).
    pub uuids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Field {
    Description,
    Status,
    Uuid,
    /// The task's tags as Taskwarrior 3 shows `tags` to a filter: its user tags in order,
    /// joined by commas (so `tags:home` is a left match on the first of them).
    Tags,
    /// The UUIDs a task depends on, as Taskwarrior 3 shows `depends` to a filter: sorted,
    /// joined by commas (so `depends:UUID` is a left match on the first of them).
    Depends,
    /// Any other property read as text: project, priority, recur, UDAs.
    Key(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TextOp {
    /// No modifier: Taskwarrior's left match (`project:home` matches `home.garden`).
    Partial,
    NotPartial,
    Equal,
    NotEqual,
    Missing,
    Present,
    Has,
    Hasnt,
    StartsWith,
    EndsWith,
    Word,
    NoWord,
    Before,
    After,
    By,
    From,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateOp {
    /// On the local day `[start, end)`.
    Within(DateTime<Utc>, DateTime<Utc>),
    NotWithin(DateTime<Utc>, DateTime<Utc>),
    Equal(DateTime<Utc>),
    NotEqual(DateTime<Utc>),
    Before(DateTime<Utc>),
    After(DateTime<Utc>),
    By(DateTime<Utc>),
    /// At or after.
    From(DateTime<Utc>),
    Missing,
    Present,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumOp {
    Eq(u32),
    Ne(u32),
    Lt(u32),
    Gt(u32),
    Le(u32),
    Ge(u32),
    Missing,
    Present,
}

/// A comparison with a task's urgency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum FloatOp {
    Eq(f64),
    Ne(f64),
    Lt(f64),
    Gt(f64),
    Le(f64),
    Ge(f64),
}

impl TagRef {
    /// The tag a name after `+` or `-` means: a virtual tag, or the key of a user
    /// tag. The error says what is wrong with the name.
    pub(super) fn parse(name: &str) -> Result<TagRef, String> {
        if let Some(tag) = VirtualTag::from_name(name) {
            return Ok(TagRef::Virtual(tag));
        }
        if name.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(format!(
                "{name} is not a virtual tag; virtual tags include READY, ACTIVE, OVERDUE, DUE, \
                 TODAY, WAITING and BLOCKED"
            ));
        }
        match Tag::new(name) {
            Ok(_) => Ok(TagRef::Key(tag_key(name))),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// A compiled `/pattern/`, compared by its text.
#[derive(Debug, Clone)]
pub(super) struct Pattern(pub regex::Regex);

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}
