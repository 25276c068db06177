//! The task model: raw task data, operations, typed views, Taskwarrior's dates and
//! durations, the add/modify command line, urgency, filters and search. Pure: no I/O, no
//! terminal, no configuration files, no clock (the time is always passed in).

mod annotation;
mod complete;
mod cycle;
mod data;
mod depmap;
mod edit;
pub mod filter;
mod fuzzy;
pub mod json;
mod modify;
pub mod recurrence;
mod status;
mod tag;
#[allow(clippy::module_inception)]
mod task;
mod transition;
mod urgency;
mod virtual_tags;
mod words;

pub use annotation::Annotation;
pub use complete::{Completion, CompletionSource, complete};
pub use cycle::find_cycle;
pub(crate) use data::Packed;
pub use data::{Operation, Operations, TaskData, TaskMap, apply_forgiving};
pub use depmap::DependencyMap;
pub use edit::{EditError, TaskEdit};
pub use filter::{Filter, FilterError, MatchContext, ParseContext};
pub use fuzzy::FuzzyQuery;
pub use modify::{Change, DepRef, Modification, ModifyContext, ModifyError, ModifyErrorKind};
pub use status::Status;
pub use tag::{INVALID_FIRST_CHARS, Tag, TagError};
pub use task::{DATE_ATTRIBUTES, KNOWN_ATTRIBUTES, Task, is_uda_key};
pub use transition::{Transition, TransitionError};
pub use urgency::{UrgencyCoefficients, inherit_urgency, urgency};
pub use virtual_tags::{DEFAULT_DUE_DAYS, TagContext, VirtualTag};
