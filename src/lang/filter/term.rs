//! Filter terms: what one word of a filter means (`+tag`, IDs, UUIDs, a search word, or an
//! attribute term built in `attr.rs`), resolved once at parse time so that matching only
//! compares.
//!
//! Pure: no I/O.

use super::ast::{IdSet, TagRef, Term};
use super::attr::attribute;
use super::context::ParseContext;
use super::error::FilterError;
use super::lex::{Token, is_name};
use super::patterns::{pattern, regex_value};
use super::text::Needle;

/// What a word token means.
pub(super) fn classify(tok: &Token, ctx: &ParseContext<'_>) -> Result<Term, FilterError> {
    let text = tok.text.as_str();
    if tok.quoted {
        return Ok(Term::Word(Needle::with_case(text, ctx.search.case)));
    }
    if tok.pattern {
        return pattern(text, ctx.search.case)
            .map(Term::Pattern)
            .map_err(|reason| FilterError::BadPattern {
                column: tok.column,
                term: tok.raw.clone(),
                reason,
            });
    }
    if let Some(colon) = tok.colon {
        let (name, value) = (&text[..colon], &text[colon + 1..]);
        let (attr, modifier) = match name.split_once('.') {
            Some((a, m)) => (a, Some(m)),
            None => (name, None),
        };
        if is_name(attr) {
            return attribute(tok, attr, modifier, value, ctx);
        }
    }
    if let Some(name) = text.strip_prefix('+').or_else(|| text.strip_prefix('-'))
        && !name.is_empty()
    {
        let tag = TagRef::parse(name).map_err(|reason| FilterError::BadTag {
            column: tok.column,
            term: tok.raw.clone(),
            reason,
        })?;
        return Ok(Term::Tag {
            tag,
            present: text.starts_with('+'),
        });
    }
    if text
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '-')
        && !text.is_empty()
    {
        return ids(text).map_err(|reason| FilterError::BadId {
            column: tok.column,
            term: tok.raw.clone(),
            reason,
        });
    }
    if let Some(uuids) = uuid_list(text) {
        return Ok(Term::Ids(IdSet {
            ranges: Vec::new(),
            uuids,
        }));
    }
    Ok(word(text, ctx))
}

/// A search word: a regular expression when it has regular-expression characters, `regex` is
/// on, and it compiles; else plain text.
fn word(text: &str, ctx: &ParseContext<'_>) -> Term {
    match regex_value(text, ctx) {
        Some(p) => Term::Pattern(p),
        None => Term::Word(Needle::with_case(text, ctx.search.case)),
    }
}

/// `3`, `1-5`, `1,3,7-9`: a descending range is read in order, as Taskwarrior does; eight
/// digits name the task with that ID or whose UUID starts with them.
fn ids(text: &str) -> Result<Term, &'static str> {
    let mut set = IdSet::default();
    for part in text.split(',') {
        let (lo, hi) = match part.split_once('-') {
            Some((lo, hi)) => (lo, hi),
            None => (part, part),
        };
        let parse = |s: &str| -> Result<u32, &'static str> {
            if s.is_empty() {
                return Err("write IDs as 3, 1-5 or 1,3,7");
            }
            match s.parse::<u32>() {
                Ok(0) => Err("IDs start at 1"),
                Ok(n) => Ok(n),
                Err(_) => Err("write IDs as 3, 1-5 or 1,3,7 (each a whole number)"),
            }
        };
        // Eight digits are also the start of a UUID, as Taskwarrior reads them; as an ID
        // they may name none (`00000000`).
        if part.len() == 8 && !part.contains('-') {
            set.uuids.push(part.to_string());
            if let Ok(n) = parse(part) {
                set.ranges.push((n, n));
            }
            continue;
        }
        let (lo, hi) = (parse(lo)?, parse(hi)?);
        set.ranges.push((lo.min(hi), lo.max(hi)));
    }
    Ok(Term::Ids(set))
}

/// Comma-separated UUIDs or UUID prefixes of at least 8 hex digits, hyphens in place.
fn uuid_list(text: &str) -> Option<Vec<String>> {
    const SHAPE: &[u8] = b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    text.split(',')
        .map(|part| {
            let fits = part.len() >= 8
                && part.len() <= SHAPE.len()
                && part.bytes().zip(SHAPE).all(|(b, s)| match s {
                    b'-' => b == b'-',
                    _ => b.is_ascii_hexdigit(),
                });
            fits.then(|| part.to_ascii_lowercase())
        })
        .collect()
}
