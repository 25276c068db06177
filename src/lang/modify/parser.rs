//! Reading the words of a command line into changes: attribute names and their
//! abbreviations, tags, dependencies and description words.
//!
//! Pure: no I/O; dates are read against the `now` in the caller's context.

use std::ops::Range;

use chrono::{DateTime, TimeZone};
use uuid::Uuid;

use super::change::{Change, ModifyErrorKind, Substitution};
use super::depref::DepRef;
use super::names::{DATE_ATTRIBUTES, Lookup, lookup};
use crate::lang::words::Word;
use crate::task::{Status, Tag, VirtualTag, keys};
use crate::time::parse_date_as;

/// What parsing needs besides the text.
pub struct ModifyContext<'a, Tz: TimeZone> {
    /// The time dates are read against, in the user's time zone.
    pub now: &'a DateTime<Tz>,
    /// The UDA names configured, settable as `name:value`.
    pub udas: &'a [String],
    /// Finds the task a `depends:` reference names.
    pub resolve: &'a dyn Fn(&DepRef) -> Option<Uuid>,
    /// The user's `dateformat` (empty: none), tried first for dates.
    pub dateformat: &'a str,
}

/// The word (as typed, and where) that a change came from, for errors found later.
pub(super) type Origin = (String, Range<usize>);

pub(super) struct Parser<'c, 'a, Tz: TimeZone> {
    ctx: &'c ModifyContext<'a, Tz>,
    input: &'c str,
    changes: Vec<Change>,
    origins: Vec<Origin>,
    /// The description words, in order.
    pub(super) text: Vec<&'c Word>,
}

/// The status `status:` sets: `pending` (or `waiting`, which Taskwarrior 3 stores as
/// pending), `completed` or `deleted`, or any start of them, as Taskwarrior reads the first
/// letter. A recurring template is made by `recur:`, not by naming its status.
fn status_value(value: &str) -> Result<Status, ModifyErrorKind> {
    let lower = value.to_ascii_lowercase();
    let is = |full: &str| !lower.is_empty() && full.starts_with(&lower);
    if is("pending") || is("waiting") {
        Ok(Status::Pending)
    } else if is("completed") {
        Ok(Status::Completed)
    } else if is("deleted") {
        Ok(Status::Deleted)
    } else {
        Err(ModifyErrorKind::Status(value.to_string()))
    }
}

/// Whether `name` looks like an attribute someone meant to type: a letter, then letters,
/// digits, `_`, `-` or `.`.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// `+name` or `-name` when `name` starts with a letter or `_`; `-5` and `->` are words.
fn tag_op(text: &str) -> Result<Option<(bool, Tag)>, ModifyErrorKind> {
    let add = match text.as_bytes().first() {
        Some(b'+') => true,
        Some(b'-') => false,
        _ => return Ok(None),
    };
    let name = &text[1..];
    if !name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
    {
        return Ok(None);
    }
    if VirtualTag::from_name(name).is_some() {
        return Err(ModifyErrorKind::VirtualTag(text.to_string()));
    }
    Tag::new(name)
        .map(|t| Some((add, t)))
        .map_err(ModifyErrorKind::Tag)
}

impl<'c, 'a, Tz: TimeZone> Parser<'c, 'a, Tz> {
    pub(super) fn new(ctx: &'c ModifyContext<'a, Tz>, input: &'c str) -> Self {
        Parser {
            ctx,
            input,
            changes: Vec::new(),
            origins: Vec::new(),
            text: Vec::new(),
        }
    }

    fn push(&mut self, change: Change, word: &Word) {
        self.changes.push(change);
        self.origins
            .push((self.input[word.span.clone()].to_string(), word.span.clone()));
    }

    /// A `/from/to/` word.
    pub(super) fn substitute(&mut self, sub: Substitution, word: &Word) {
        self.push(Change::Substitute(sub), word);
    }

    /// One unquoted word before any `--`.
    pub(super) fn word(&mut self, word: &'c Word) -> Result<(), ModifyErrorKind> {
        let text = word.text.as_str();
        if let Some((add, tag)) = tag_op(text)? {
            let change = if add {
                Change::AddTag(tag)
            } else {
                Change::RemoveTag(tag)
            };
            self.push(change, word);
            return Ok(());
        }
        if let Some(sep) = text.find([':', '=']) {
            let (name, value) = (&text[..sep], &text[sep + 1..]);
            match lookup(name, self.ctx.udas) {
                Lookup::Settable(attribute) => return self.attribute(attribute, value, word),
                Lookup::Uda(uda) => {
                    let value = (!value.is_empty()).then(|| value.to_string());
                    let name = uda.to_string();
                    self.push(Change::Uda { name, value }, word);
                    return Ok(());
                }
                Lookup::Status => {
                    let status = status_value(value)?;
                    self.push(Change::Status(status), word);
                    return Ok(());
                }
                Lookup::ReadOnly(a) => return Err(ModifyErrorKind::ReadOnly(a)),
                Lookup::Ambiguous(candidates) => {
                    return Err(ModifyErrorKind::AmbiguousAttribute {
                        name: name.to_string(),
                        candidates,
                    });
                }
                Lookup::Unknown => {
                    // `foo:bar` is most likely a mistyped attribute; URLs (`https://x`),
                    // times (`10:30`), `a=b` and words ending in `:` stay text.
                    let url = value.starts_with("//");
                    if text.as_bytes()[sep] == b':'
                        && is_identifier(name)
                        && !value.is_empty()
                        && !url
                    {
                        return Err(ModifyErrorKind::UnknownAttribute(name.to_string()));
                    }
                }
            }
        }
        self.text.push(word);
        Ok(())
    }

    fn attribute(
        &mut self,
        attribute: &'static str,
        value: &str,
        word: &Word,
    ) -> Result<(), ModifyErrorKind> {
        let some = (!value.is_empty()).then(|| value.to_string());
        let change = match attribute {
            keys::DESCRIPTION => {
                Change::Description(some.ok_or(ModifyErrorKind::EmptyDescription)?)
            }
            keys::PROJECT => Change::Project(some),
            keys::PRIORITY => Change::Priority(match value.to_ascii_uppercase().as_str() {
                "" => None,
                p @ ("H" | "M" | "L") => Some(p.to_string()),
                _ => return Err(ModifyErrorKind::Priority(value.to_string())),
            }),
            keys::DEPENDS => return self.dependencies(value, word),
            keys::RECUR => {
                if let Some(period) = &some {
                    crate::time::check_recurrence(period)
                        .map_err(|e| ModifyErrorKind::Recur(e.to_string()))?;
                }
                Change::Recur(some)
            }
            keys::RTYPE => match value {
                "periodic" | "chained" => Change::RecurType(value.to_string()),
                _ => return Err(ModifyErrorKind::RecurType(value.to_string())),
            },
            _ => {
                debug_assert!(DATE_ATTRIBUTES.contains(&attribute));
                let value = match value {
                    "" => None,
                    v => Some(
                        parse_date_as(v, self.ctx.now, self.ctx.dateformat)
                            .map_err(|source| ModifyErrorKind::Date { attribute, source })?,
                    ),
                };
                Change::Date { attribute, value }
            }
        };
        self.push(change, word);
        Ok(())
    }

    /// `depends:3,7`, `depends:-3`, `depends:` (remove all).
    fn dependencies(&mut self, value: &str, word: &Word) -> Result<(), ModifyErrorKind> {
        if value.is_empty() {
            self.push(Change::ClearDependencies, word);
            return Ok(());
        }
        for item in value.split(',') {
            let (remove, reference) = match item.strip_prefix('-') {
                Some(r) => (true, r),
                None => (false, item),
            };
            let dep = DepRef::parse(reference)
                .ok_or_else(|| ModifyErrorKind::BadDependency(item.to_string()))?;
            let uuid = (self.ctx.resolve)(&dep)
                .ok_or_else(|| ModifyErrorKind::UnknownTask(dep.describe()))?;
            let change = if remove {
                Change::RemoveDependency(uuid)
            } else {
                Change::AddDependency(uuid)
            };
            self.push(change, word);
        }
        Ok(())
    }

    /// The description from the plain words, joined with single spaces.
    /// Returns the changes, each with the word it came from.
    pub(super) fn finish(mut self) -> (Vec<Change>, Vec<Origin>) {
        if let (Some(first), Some(last)) = (self.text.first(), self.text.last()) {
            let span = first.span.start..last.span.end;
            let words: Vec<&str> = self.text.iter().map(|w| w.text.as_str()).collect();
            self.changes.push(Change::Description(words.join(" ")));
            self.origins
                .push((self.input[span.clone()].to_string(), span));
        }
        (self.changes, self.origins)
    }
}
