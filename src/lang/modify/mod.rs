//! The add/modify command-line language: `project:home +errand -old due:fri pri:H
//! depends:3,7 Buy milk` read into a [`Modification`] and applied through a
//! [`TaskEdit`](crate::task::TaskEdit).
//!
//! Pure: no I/O; the clock, the configured UDAs and the lookup of task IDs are passed in.
//!
//! - `names`: the attribute names and their abbreviations (shared with completion);
//! - `depref`: how a command names a task (`3`, a UUID or its start);
//! - `change`: the changes a line makes and the errors that refuse one;
//! - `parser`: reading the words into changes;
//! - `modification`: the parsed line and applying it to a task.

mod change;
mod depref;
mod modification;
pub(crate) mod names;
mod parser;

pub use change::{Change, ModifyError, ModifyErrorKind};
pub use depref::DepRef;
pub use modification::Modification;
pub use parser::ModifyContext;
