//! Every on-disk spelling of a task property, in one place: the attribute names
//! Taskwarrior and TaskChampion write (`status`, `entry`, `depends`, ...), the prefixes of
//! keys that carry a name in their suffix (`tag_home`, `annotation_1795265923`, `dep_<uuid>`),
//! and the value written for tag and dependency keys. Code reads and writes properties
//! through these names rather than string literals.
//!
//! Pure data: no I/O.

use uuid::Uuid;

pub const DESCRIPTION: &str = "description";
pub const STATUS: &str = "status";
pub const PROJECT: &str = "project";
pub const PRIORITY: &str = "priority";
pub const ENTRY: &str = "entry";
pub const MODIFIED: &str = "modified";
pub const START: &str = "start";
pub const END: &str = "end";
pub const DUE: &str = "due";
pub const WAIT: &str = "wait";
pub const SCHEDULED: &str = "scheduled";
pub const UNTIL: &str = "until";
pub const RECUR: &str = "recur";
pub const MASK: &str = "mask";
pub const IMASK: &str = "imask";
pub const PARENT: &str = "parent";
pub const RTYPE: &str = "rtype";
pub const TEMPLATE: &str = "template";
pub const LAST: &str = "last";
/// The legacy comma-joined list of tag names, kept in step with the `tag_` keys.
pub const TAGS: &str = "tags";
/// The legacy comma-joined list of dependency UUIDs, kept in step with the `dep_` keys.
pub const DEPENDS: &str = "depends";

/// The prefix of a tag's key: `tag_<name>`.
pub const TAG_PREFIX: &str = "tag_";
/// The prefix of an annotation's key: `annotation_<epoch seconds>`.
pub const ANNOTATION_PREFIX: &str = "annotation_";
/// The prefix of a dependency's key: `dep_<uuid>`.
pub const DEP_PREFIX: &str = "dep_";

/// The value Taskwarrior writes for tag and dependency keys (TaskChampion writes `""`).
pub const MARKER: &str = "x";

/// Attributes Taskwarrior types as dates: epoch seconds on disk.
pub const DATE_ATTRIBUTES: &[&str] = &[ENTRY, MODIFIED, START, END, DUE, WAIT, SCHEDULED, UNTIL];

/// Properties Taskwarrior itself defines; any other plain key is a UDA.
pub const KNOWN_ATTRIBUTES: &[&str] = &[
    DESCRIPTION,
    STATUS,
    PROJECT,
    PRIORITY,
    ENTRY,
    MODIFIED,
    START,
    END,
    DUE,
    WAIT,
    SCHEDULED,
    UNTIL,
    RECUR,
    MASK,
    IMASK,
    PARENT,
    RTYPE,
    TEMPLATE,
    LAST,
    TAGS,
    DEPENDS,
];

/// Whether `key` is a user-defined attribute: not a known attribute and not a tag,
/// annotation or dependency key.
pub fn is_uda_key(key: &str) -> bool {
    !KNOWN_ATTRIBUTES.contains(&key)
        && !key.starts_with(TAG_PREFIX)
        && !key.starts_with(ANNOTATION_PREFIX)
        && !key.starts_with(DEP_PREFIX)
}

/// The key of the tag `name`: `tag_<name>`.
pub fn tag_key(name: &str) -> String {
    format!("{TAG_PREFIX}{name}")
}

/// The key of an annotation made at `secs` since the epoch: `annotation_<secs>`.
pub fn annotation_key(secs: i64) -> String {
    format!("{ANNOTATION_PREFIX}{secs}")
}

/// The key of a dependency on `dep`: `dep_<uuid>`, hyphenated and lowercase.
pub fn dep_key(dep: Uuid) -> String {
    format!("{DEP_PREFIX}{dep}")
}
