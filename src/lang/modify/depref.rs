//! How a command names a task (`3`, a UUID, or its first 8 or more characters), and
//! finding the task it names.
//!
//! Pure: the working set and the UUIDs to search are passed in.

use uuid::Uuid;

/// How a command names a task: a working-set ID, a UUID, or the start of one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DepRef {
    Id(u64),
    Uuid(Uuid),
    /// The start of a UUID as Taskwarrior reads one: 8 to 35 characters, lowercase hex
    /// digits with hyphens where a UUID has them (`a1b2c3d4`, `a1b2c3d4-00`).
    ShortUuid(String),
}

/// Where a UUID's hyphens are.
const UUID_SHAPE: &[u8] = b"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

impl DepRef {
    /// Read `3`, a UUID, or its first 8 or more characters. Eight digits are a UUID
    /// prefix, as in Taskwarrior (whose IDs never reach eight digits); [`resolve`] still
    /// takes them for an ID when the working set has one so high.
    ///
    /// [`resolve`]: DepRef::resolve
    pub fn parse(s: &str) -> Option<DepRef> {
        let b = s.as_bytes();
        let prefix = b.len() >= 8
            && b.len() <= UUID_SHAPE.len()
            && b.iter().zip(UUID_SHAPE).all(|(c, shape)| match shape {
                b'-' => *c == b'-',
                _ => c.is_ascii_hexdigit(),
            });
        if prefix {
            return Some(if b.len() == UUID_SHAPE.len() {
                DepRef::Uuid(Uuid::parse_str(s).ok()?)
            } else {
                DepRef::ShortUuid(s.to_ascii_lowercase())
            });
        }
        if !s.is_empty() && b.iter().all(u8::is_ascii_digit) {
            return s.parse().ok().filter(|id| *id > 0).map(DepRef::Id);
        }
        Uuid::parse_str(s).ok().map(DepRef::Uuid)
    }

    /// The task this names among `uuids`, with `by_id` for working-set IDs. An ambiguous
    /// prefix names no task.
    pub fn resolve(
        &self,
        by_id: impl Fn(u64) -> Option<Uuid>,
        uuids: impl IntoIterator<Item = Uuid>,
    ) -> Option<Uuid> {
        match self {
            DepRef::Id(id) => by_id(*id),
            DepRef::Uuid(u) => uuids.into_iter().find(|x| x == u),
            DepRef::ShortUuid(prefix) => {
                if prefix.bytes().all(|b| b.is_ascii_digit())
                    && let Some(u) = prefix.parse().ok().and_then(&by_id)
                {
                    return Some(u);
                }
                let mut buf = Uuid::encode_buffer();
                let mut found = uuids.into_iter().filter(|u| {
                    u.hyphenated()
                        .encode_lower(&mut buf)
                        .starts_with(prefix.as_str())
                });
                let first = found.next();
                if found.next().is_some() { None } else { first }
            }
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            DepRef::Id(id) => format!("with ID {id}"),
            DepRef::Uuid(u) => format!("with UUID {u}"),
            DepRef::ShortUuid(p) => format!("whose UUID starts with {p}"),
        }
    }
}
