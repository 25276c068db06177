//! The task model: raw task data, operations, typed views, urgency, filters and search.
//! Pure: no I/O, no terminal, no configuration files; the clock is passed in.

mod annotation;
mod data;
mod edit;
pub mod filter;
mod fuzzy;
mod status;
mod tag;
#[allow(clippy::module_inception)]
mod task;
mod urgency;
mod virtual_tags;

pub use annotation::Annotation;
pub(crate) use data::Packed;
pub use data::{Operation, Operations, TaskData, TaskMap, apply_forgiving};
pub use edit::{EditError, TaskEdit};
pub use filter::{Filter, FilterError, MatchContext, ParseContext};
pub use fuzzy::FuzzyQuery;
pub use status::Status;
pub use tag::{INVALID_FIRST_CHARS, Tag, TagError};
pub use task::{KNOWN_ATTRIBUTES, Task, format_timestamp, is_uda_key, parse_timestamp};
pub use urgency::{UrgencyCoefficients, inherit_urgency, urgency};
pub use virtual_tags::{DEFAULT_DUE_DAYS, TagContext, VirtualTag};
