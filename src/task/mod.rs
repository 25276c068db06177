//! The task model: raw task data and the operations that change it, the typed view of a
//! task and its edits, status, tags, annotations, dependencies, urgency and virtual tags.
//! Pure: no I/O, no terminal, no configuration files, no clock (the time is always passed
//! in). Builds on `time` and on nothing else in tcui: not on storage, sync or the languages
//! that read tasks (those are in `replica`, `sync` and `lang`).
//!
//! - `keys`: every on-disk spelling of a property (`status`, `tag_`, `dep_`, ...);
//! - `data`: [`TaskData`] (a UUID and a string map) and the [`Operation`]s that change it;
//! - `packed`: properties as read from storage, packed into a shared buffer;
//! - `task`: [`Task`], the typed, read-only view of one task;
//! - `edit`: [`TaskEdit`], an edit session recording its changes as operations;
//! - `status`, `tag`, `annotation`: the values a task holds;
//! - `transition`: which status changes a task takes (`done`, `delete`);
//! - `depmap`: the dependency map, and `cycle`: refusing circular dependencies;
//! - `recurrence`: a recurring template's mask of what became of its instances,
//!   `series`: the due dates its instances are kept for, and `twins`: joining instances
//!   that two replicas made of one due date;
//! - `virtual_tags`: `+READY`, `+OVERDUE` and the rest, worked out from a task;
//! - `urgency`: Taskwarrior's urgency and its coefficients.

mod annotation;
mod cycle;
mod data;
mod depmap;
mod edit;
pub mod keys;
mod packed;
pub mod recurrence;
mod series;
mod status;
mod tag;
#[allow(clippy::module_inception)]
mod task;
mod transition;
mod twins;
mod urgency;
mod virtual_tags;

pub use annotation::Annotation;
pub use cycle::find_cycle;
pub use data::{Operation, Operations, TaskData, TaskMap, apply_forgiving};
pub use depmap::DependencyMap;
pub use edit::{EditError, TaskEdit};
pub(crate) use packed::Packed;
pub use series::{Links, Owed, Series, SeriesOf, instance, instance_uuid, is_chained, owed};
pub use status::Status;
pub use tag::{INVALID_FIRST_CHARS, Tag, TagError};
pub use task::Task;
pub use transition::{Transition, TransitionError};
pub use twins::{Joined, join_twins};
pub use urgency::{UrgencyCoefficients, inherit_urgency, urgency, urgency_terms};
pub use virtual_tags::{DEFAULT_DUE_DAYS, TagContext, VirtualTag};
