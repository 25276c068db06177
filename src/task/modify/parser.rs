//! Reading the words of a command line into changes: attribute names and their
//! abbreviations, tags, dependencies and description words.
//!
//! Pure: no I/O; dates are read against the `now` in the caller's context.

use chrono::TimeZone;

use super::{
    Change, DATE_ATTRIBUTES, DepRef, Modification, ModifyContext, ModifyErrorKind, READ_ONLY,
    SETTABLE,
};
use crate::task::Status;
use crate::task::tag::Tag;
use crate::task::virtual_tags::VirtualTag;
use crate::task::words::Word;
use crate::time::parse_date;

/// Taskwarrior's shortest abbreviation of an attribute name (`abbreviation.minimum`).
const MIN_ABBREVIATION: usize = 2;

pub(super) struct Parser<'c, 'a, Tz: TimeZone> {
    pub(super) ctx: &'c ModifyContext<'a, Tz>,
    pub(super) input: &'c str,
    pub(super) m: Modification,
    /// The description words, in order.
    pub(super) text: Vec<&'c Word>,
}

/// What an attribute name (or abbreviation) before `:` or `=` refers to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Lookup<'u> {
    Settable(&'static str),
    Uda(&'u str),
    Status,
    ReadOnly(&'static str),
    Ambiguous(Vec<String>),
    Unknown,
}

/// Whether `name` is `full` or a start of it, ignoring ASCII case.
pub(crate) fn abbreviates(name: &str, full: &str) -> bool {
    name.len() <= full.len() && full.as_bytes()[..name.len()].eq_ignore_ascii_case(name.as_bytes())
}

/// Find the attribute `name` means: an exact name first, then an unambiguous start of a
/// settable attribute, `status` or a UDA, at least two letters long.
pub(crate) fn lookup<'u>(name: &str, udas: &'u [String]) -> Lookup<'u> {
    if let Some(a) = SETTABLE.iter().find(|a| a.eq_ignore_ascii_case(name)) {
        return Lookup::Settable(a);
    }
    if name.eq_ignore_ascii_case("status") {
        return Lookup::Status;
    }
    if let Some(a) = READ_ONLY.iter().find(|a| a.eq_ignore_ascii_case(name)) {
        return Lookup::ReadOnly(a);
    }
    if let Some(u) = udas.iter().find(|u| u.eq_ignore_ascii_case(name)) {
        return Lookup::Uda(u);
    }
    if name.len() < MIN_ABBREVIATION {
        return Lookup::Unknown;
    }
    let mut hits: Vec<Lookup<'u>> = SETTABLE
        .iter()
        .filter(|a| abbreviates(name, a))
        .map(|a| Lookup::Settable(a))
        .collect();
    if abbreviates(name, "status") {
        hits.push(Lookup::Status);
    }
    hits.extend(
        udas.iter()
            .filter(|u| abbreviates(name, u))
            .map(|u| Lookup::Uda(u)),
    );
    match hits.len() {
        0 => Lookup::Unknown,
        1 => hits.remove(0),
        _ => Lookup::Ambiguous(
            hits.into_iter()
                .map(|h| match h {
                    Lookup::Settable(a) => a.to_string(),
                    Lookup::Uda(u) => u.to_string(),
                    _ => "status".to_string(),
                })
                .collect(),
        ),
    }
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

impl<'c, Tz: TimeZone> Parser<'c, '_, Tz> {
    fn push(&mut self, change: Change, word: &Word) {
        self.m.changes.push(change);
        self.m
            .origins
            .push((self.input[word.span.clone()].to_string(), word.span.clone()));
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
            "description" => Change::Description(some.ok_or(ModifyErrorKind::EmptyDescription)?),
            "project" => Change::Project(some),
            "priority" => Change::Priority(match value.to_ascii_uppercase().as_str() {
                "" => None,
                p @ ("H" | "M" | "L") => Some(p.to_string()),
                _ => return Err(ModifyErrorKind::Priority(value.to_string())),
            }),
            "depends" => return self.dependencies(value, word),
            _ => {
                debug_assert!(DATE_ATTRIBUTES.contains(&attribute));
                let value = match value {
                    "" => None,
                    v => Some(
                        parse_date(v, self.ctx.now)
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
    pub(super) fn finish(mut self) -> Modification {
        if let (Some(first), Some(last)) = (self.text.first(), self.text.last()) {
            let span = first.span.start..last.span.end;
            let words: Vec<&str> = self.text.iter().map(|w| w.text.as_str()).collect();
            self.m.changes.push(Change::Description(words.join(" ")));
            self.m
                .origins
                .push((self.input[span.clone()].to_string(), span));
        }
        self.m
    }
}
