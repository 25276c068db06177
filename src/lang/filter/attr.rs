//! Attribute terms (`name[.modifier]:value`): Taskwarrior's attribute and modifier names
//! with their abbreviations, and what each modifier means for text, dates, IDs and tags.
//!
//! Pure: no I/O; dates come from the resolver in the [`ParseContext`].

use chrono::{DateTime, Utc};

use super::ast::{DateOp, Field, FloatOp, NumOp, TagRef, Term, TextOp};
use super::context::ParseContext;
use super::error::FilterError;
use super::lex::Token;
use super::text::Needle;
use crate::task::{VirtualTag, keys};
use crate::time::calendar::{local_date, start_of_day};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modifier {
    Plain,
    Before,
    After,
    By,
    None,
    Any,
    Is,
    Not,
    Isnt,
    Has,
    Hasnt,
    StartsWith,
    EndsWith,
    Word,
    NoWord,
    /// `>=`, which has no modifier name in Taskwarrior.
    From,
}

const MODIFIERS: &[(&str, Modifier)] = &[
    ("before", Modifier::Before),
    ("under", Modifier::Before),
    ("below", Modifier::Before),
    ("after", Modifier::After),
    ("over", Modifier::After),
    ("above", Modifier::After),
    ("by", Modifier::By),
    ("none", Modifier::None),
    ("any", Modifier::Any),
    ("is", Modifier::Is),
    ("equals", Modifier::Is),
    ("not", Modifier::Not),
    ("isnt", Modifier::Isnt),
    ("has", Modifier::Has),
    ("contains", Modifier::Has),
    ("hasnt", Modifier::Hasnt),
    ("startswith", Modifier::StartsWith),
    ("left", Modifier::StartsWith),
    ("endswith", Modifier::EndsWith),
    ("right", Modifier::EndsWith),
    ("word", Modifier::Word),
    ("noword", Modifier::NoWord),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Description,
    Status,
    Uuid,
    Depends,
    Date,
    Id,
    Tags,
    Urgency,
}

const ATTRIBUTES: &[(&str, Kind)] = &[
    (keys::DESCRIPTION, Kind::Description),
    (keys::PROJECT, Kind::Text),
    (keys::PRIORITY, Kind::Text),
    (keys::STATUS, Kind::Status),
    (keys::DUE, Kind::Date),
    (keys::WAIT, Kind::Date),
    (keys::SCHEDULED, Kind::Date),
    (keys::UNTIL, Kind::Date),
    (keys::ENTRY, Kind::Date),
    (keys::START, Kind::Date),
    (keys::END, Kind::Date),
    (keys::MODIFIED, Kind::Date),
    (keys::TAGS, Kind::Tags),
    ("uuid", Kind::Uuid),
    ("id", Kind::Id),
    ("depends", Kind::Depends),
    (keys::RECUR, Kind::Text),
    (keys::PARENT, Kind::Text),
    ("urgency", Kind::Urgency),
    ("mask", Kind::Text),
    ("imask", Kind::Text),
    ("rtype", Kind::Text),
    ("template", Kind::Text),
    ("last", Kind::Text),
];

/// Find `word` among `names`: exactly, or as the start of exactly one meaning (at least
/// two letters, as Taskwarrior's `abbreviation.minimum`). `Ok(None)`: no name starts so.
fn expand<'n, T: Copy + PartialEq>(
    word: &str,
    names: impl Iterator<Item = (&'n str, T)> + Clone,
) -> Result<Option<(&'n str, T)>, String> {
    if let Some(hit) = names.clone().find(|(n, _)| *n == word) {
        return Ok(Some(hit));
    }
    let hits: Vec<(&str, T)> = names.filter(|(n, _)| n.starts_with(word)).collect();
    match hits.first() {
        Some(&first) if word.len() >= 2 && hits.iter().all(|(_, m)| *m == first.1) => {
            Ok(Some(first))
        }
        Some(_) => Err(hits.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")),
        None => Ok(None),
    }
}

/// Whether `name` (whole or abbreviated) is the `status` attribute.
pub(super) fn is_status(name: &str) -> bool {
    matches!(
        expand(name, ATTRIBUTES.iter().copied()),
        Ok(Some((keys::STATUS, _)))
    )
}

pub(super) fn attribute(
    tok: &Token,
    attr: &str,
    modifier: Option<&str>,
    value: &str,
    ctx: &ParseContext<'_>,
) -> Result<Term, FilterError> {
    let ambiguous = |word: &str, candidates: String| FilterError::Ambiguous {
        column: tok.column,
        term: tok.raw.clone(),
        word: word.to_string(),
        candidates,
    };
    let known = ATTRIBUTES.iter().copied();
    let udas = ctx
        .udas
        .iter()
        .filter(|u| !ATTRIBUTES.iter().any(|(n, _)| n == u))
        .map(|u| (u.as_str(), Kind::Text));
    let (name, kind) = match expand(attr, known.chain(udas)) {
        Ok(Some(hit)) => hit,
        Ok(None) => {
            return Err(FilterError::UnknownAttribute {
                column: tok.column,
                term: tok.raw.clone(),
                attribute: attr.to_string(),
            });
        }
        Err(candidates) => return Err(ambiguous(attr, candidates)),
    };
    let modifier = match modifier {
        None => Modifier::Plain,
        Some("from") => Modifier::From,
        Some(m) => match expand(m, MODIFIERS.iter().copied()) {
            Ok(Some((_, m))) => m,
            Ok(None) => {
                return Err(FilterError::UnknownModifier {
                    column: tok.column,
                    term: tok.raw.clone(),
                    modifier: m.to_string(),
                });
            }
            Err(candidates) => return Err(ambiguous(m, candidates)),
        },
    };
    let not_for = |problem: &'static str| FilterError::ModifierNotFor {
        column: tok.column,
        term: tok.raw.clone(),
        attribute: name.to_string(),
        problem,
    };
    let needs_value = matches!(
        modifier,
        Modifier::Before
            | Modifier::After
            | Modifier::By
            | Modifier::Has
            | Modifier::Hasnt
            | Modifier::StartsWith
            | Modifier::EndsWith
            | Modifier::Word
            | Modifier::NoWord
    );
    if needs_value && value.is_empty() {
        return Err(FilterError::MissingValue {
            column: tok.column,
            term: tok.raw.clone(),
        });
    }
    match kind {
        Kind::Date => {
            let key = ATTRIBUTES
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(keys::DUE, |(n, _)| *n);
            date_term(tok, key, modifier, value, ctx).map_err(|e| match e {
                DateProblem::Modifier => {
                    not_for("is a date: use before, after, by, is, not, isnt, none or any with it")
                }
                DateProblem::Value(e) => e,
            })
        }
        Kind::Urgency => urgency_term(modifier, value)
            .ok_or_else(|| not_for("is a number: compare it with <, <=, >, >=, = or !="))?
            .map_err(|reason| FilterError::BadNumber {
                column: tok.column,
                term: tok.raw.clone(),
                reason,
            }),
        Kind::Id => id_term(modifier, value)
            .ok_or_else(|| not_for("is a number: use before, after, by, is, not, none or any"))?
            .map_err(|reason| FilterError::BadId {
                column: tok.column,
                term: tok.raw.clone(),
                reason,
            }),
        Kind::Text | Kind::Description | Kind::Status | Kind::Uuid | Kind::Depends | Kind::Tags => {
            let field = match kind {
                Kind::Description => Field::Description,
                Kind::Status => Field::Status,
                Kind::Uuid => Field::Uuid,
                Kind::Depends => Field::Depends,
                Kind::Tags => Field::Tags,
                _ => Field::Key(name.to_string()),
            };
            Ok(text_term(field, modifier, value, ctx))
        }
    }
}

fn text_term(field: Field, modifier: Modifier, value: &str, ctx: &ParseContext<'_>) -> Term {
    let op = match modifier {
        Modifier::Plain => TextOp::Partial,
        Modifier::Is => TextOp::Equal,
        Modifier::Not => TextOp::NotPartial,
        Modifier::Isnt => TextOp::NotEqual,
        Modifier::None => TextOp::Missing,
        Modifier::Any => TextOp::Present,
        Modifier::Has => TextOp::Has,
        Modifier::Hasnt => TextOp::Hasnt,
        Modifier::StartsWith => TextOp::StartsWith,
        Modifier::EndsWith => TextOp::EndsWith,
        Modifier::Word => TextOp::Word,
        Modifier::NoWord => TextOp::NoWord,
        Modifier::Before => TextOp::Before,
        Modifier::After => TextOp::After,
        Modifier::By => TextOp::By,
        Modifier::From => TextOp::From,
    };
    // `status:waiting` means the WAITING virtual tag: waiting is no stored status.
    if field == Field::Status && value.eq_ignore_ascii_case("waiting") {
        match op {
            TextOp::Partial | TextOp::Equal => {
                return Term::Tag {
                    tag: TagRef::Virtual(VirtualTag::Waiting),
                    present: true,
                };
            }
            TextOp::NotPartial | TextOp::NotEqual => {
                return Term::Tag {
                    tag: TagRef::Virtual(VirtualTag::Waiting),
                    present: false,
                };
            }
            _ => {}
        }
    }
    if matches!(op, TextOp::Has | TextOp::Hasnt)
        && let Some(pattern) = super::patterns::regex_value(value, ctx)
    {
        return Term::TextPattern {
            field,
            pattern,
            present: op == TextOp::Has,
        };
    }
    let needle = match field {
        // Status and UUIDs are compared without case, as Taskwarrior does.
        Field::Status | Field::Uuid | Field::Depends => Needle::caseless(value),
        _ => Needle::with_case(value, ctx.search.case),
    };
    let order = match &field {
        Field::Key(key) => ctx
            .orders
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, order)| Box::new(order.clone())),
        _ => None,
    };
    Term::Text {
        field,
        op,
        needle,
        value: value.to_string(),
        order,
    }
}

enum DateProblem {
    Modifier,
    Value(FilterError),
}

fn date_term(
    tok: &Token,
    key: &'static str,
    modifier: Modifier,
    value: &str,
    ctx: &ParseContext<'_>,
) -> Result<Term, DateProblem> {
    let empty = value.is_empty();
    let op = match modifier {
        Modifier::None => DateOp::Missing,
        Modifier::Any => DateOp::Present,
        Modifier::Plain | Modifier::Is if empty => DateOp::Missing,
        Modifier::Not | Modifier::Isnt if empty => DateOp::Present,
        Modifier::Plain
        | Modifier::Is
        | Modifier::Not
        | Modifier::Isnt
        | Modifier::Before
        | Modifier::After
        | Modifier::By
        | Modifier::From => {
            let t = (ctx.date)(value).ok_or_else(|| {
                DateProblem::Value(FilterError::NotADate {
                    column: tok.column,
                    term: tok.raw.clone(),
                    value: value.to_string(),
                })
            })?;
            let (start, end) = local_day(t, ctx);
            match modifier {
                Modifier::Plain => DateOp::Within(start, end),
                Modifier::Not => DateOp::NotWithin(start, end),
                Modifier::Is => DateOp::Equal(t),
                Modifier::Isnt => DateOp::NotEqual(t),
                Modifier::Before => DateOp::Before(t),
                Modifier::After => DateOp::After(t),
                Modifier::From => DateOp::From(t),
                _ => DateOp::By(t),
            }
        }
        _ => return Err(DateProblem::Modifier),
    };
    Ok(Term::Date { key, op })
}

/// The local day holding `t`: `[midnight, next midnight)` at the context's offset.
fn local_day(t: DateTime<Utc>, ctx: &ParseContext<'_>) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = start_of_day(&ctx.offset, local_date(&ctx.offset, t)).unwrap_or(t);
    let end = start
        .checked_add_signed(chrono::TimeDelta::days(1))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    (start, end)
}

/// `None` if the modifier does not apply to IDs.
fn id_term(modifier: Modifier, value: &str) -> Option<Result<Term, &'static str>> {
    let n = || -> Result<u32, &'static str> {
        value
            .parse::<u32>()
            .map_err(|_| "an ID is a whole number such as 3")
    };
    let op = match modifier {
        Modifier::None => Ok(NumOp::Missing),
        Modifier::Any => Ok(NumOp::Present),
        Modifier::Plain | Modifier::Is if value.is_empty() => Ok(NumOp::Missing),
        Modifier::Not | Modifier::Isnt if value.is_empty() => Ok(NumOp::Present),
        Modifier::Plain | Modifier::Is => n().map(NumOp::Eq),
        Modifier::Not | Modifier::Isnt => n().map(NumOp::Ne),
        Modifier::Before => n().map(NumOp::Lt),
        Modifier::After => n().map(NumOp::Gt),
        Modifier::By => n().map(NumOp::Le),
        Modifier::From => n().map(NumOp::Ge),
        _ => return None,
    };
    Some(op.map(Term::Id))
}

/// `None` if the modifier does not apply to urgency, a number every task has.
fn urgency_term(modifier: Modifier, value: &str) -> Option<Result<Term, &'static str>> {
    let n = value
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or("urgency is a number such as 5 or 2.5");
    let op = match modifier {
        Modifier::Plain | Modifier::Is => n.map(FloatOp::Eq),
        Modifier::Not | Modifier::Isnt => n.map(FloatOp::Ne),
        Modifier::Before => n.map(FloatOp::Lt),
        Modifier::After => n.map(FloatOp::Gt),
        Modifier::By => n.map(FloatOp::Le),
        Modifier::From => n.map(FloatOp::Ge),
        _ => return None,
    };
    Some(op.map(Term::Urgency))
}
