//! The attribute names of the add/modify language: which can be set, which are kept by
//! Taskwarrior itself, and what a name or its abbreviation (`pro`, `du`) refers to. Shared
//! by the parser and by completion.
//!
//! Pure: no I/O.

use crate::task::keys;

/// Attributes that can be set here, in the order abbreviations are listed.
pub(crate) const SETTABLE: &[&str] = &[
    keys::DEPENDS,
    keys::DESCRIPTION,
    keys::DUE,
    keys::END,
    keys::ENTRY,
    keys::PRIORITY,
    keys::PROJECT,
    keys::RECUR,
    keys::RTYPE,
    keys::SCHEDULED,
    keys::START,
    keys::UNTIL,
    keys::WAIT,
];

/// The date attributes among [`SETTABLE`].
pub(crate) const DATE_ATTRIBUTES: &[&str] = &[
    keys::DUE,
    keys::END,
    keys::ENTRY,
    keys::SCHEDULED,
    keys::START,
    keys::UNTIL,
    keys::WAIT,
];

/// Attributes Taskwarrior keeps itself; naming one in full is an error.
const READ_ONLY: &[&str] = &[
    "id",
    keys::IMASK,
    keys::LAST,
    keys::MASK,
    keys::MODIFIED,
    keys::PARENT,
    keys::TAGS,
    keys::TEMPLATE,
    "urgency",
    "uuid",
];

/// Taskwarrior's shortest abbreviation of an attribute name (`abbreviation.minimum`).
const MIN_ABBREVIATION: usize = 2;

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
