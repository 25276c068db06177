//! The command-line languages: Taskwarrior's filter language, the add/modify language,
//! Tab completion for both, and fuzzy search. Pure: no I/O and no clock (the time, the
//! configured UDAs and lookups of tasks are passed in); built on `task` and `time`.
//!
//! - `words`: splitting a command line into words, with quotes;
//! - `filter`: the filter language, lexed, parsed once into a tree and matched per task;
//! - `modify`: the add/modify language, read into changes applied through a task edit;
//! - `complete`: completing the word under the cursor;
//! - `date_slot`: where a date picked on a calendar goes in a line;
//! - `fuzzy`: scoring a task against a fuzzy query;
//! - `pattern`: compiling the regular expressions users type.

mod complete;
mod date_slot;
mod filter;
mod fuzzy;
mod modify;
mod pattern;
mod words;

pub use complete::{Completion, CompletionSource, complete};
pub use date_slot::{DateSlot, date_slot};
pub use filter::{
    Case, Filter, FilterError, Limit, MatchContext, ParseContext, Search, ValueOrder,
};
pub use fuzzy::FuzzyQuery;
pub use modify::{Change, DepRef, Modification, ModifyContext, ModifyError, ModifyErrorKind};
