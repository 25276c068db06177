//! The application without a terminal. The core (`core`) holds the tasks as last told, the
//! list view (`view`, `list_view`, `query`, `catalog`) and the context (`context`); reports
//! (`reports`: their definitions and sort keys, the list's view computing their rows for the
//! command line too; `report_columns` and `cells`: any Taskwarrior column's text; `table` and
//! `table_colour`: a report laid out and painted as `task` prints one; `report`: what a row's
//! task is) and their colours (`colour_rules`: Taskwarrior's `color.*` rules); the sync's
//! state (`sync_state`) and the status message;
//! `edits` makes the changes a user asks for (`series`: carried through a recurring
//! series), `editor` and `fields` are a task as text, `lang` reads what is typed. The replica has a single owner (`owner`, run by `actor` on its
//! own thread: commands in, past-tense events out, changed tasks as one delta), which the
//! background sync (`sync_task`) reaches only through it; `session` drives the core and the
//! owner one step at a time; `setup` asks for the sync settings; `uuids` is where new UUIDs
//! come from.

pub mod actor;
pub mod agenda;
pub mod announce;
pub mod background;
pub mod calendar;
pub mod catalog;
pub mod cells;
pub mod charts;
pub mod chronicle;
pub mod colour_rules;
pub mod context;
pub mod core;
pub mod editor;
pub mod edits;
pub mod fields;
pub mod hooks;
pub mod lang;
pub mod list_view;
pub mod owner;
pub mod plot;
pub mod progress;
pub mod query;
pub mod refresh;
pub mod report;
pub mod report_columns;
pub mod reports;
pub mod series;
pub mod session;
pub mod setup;
#[cfg(unix)]
pub mod socket;
pub mod status;
pub mod sync_state;
pub mod sync_status;
pub mod sync_task;
pub mod table;
pub mod table_colour;
#[cfg(test)]
pub mod testing;
pub mod tree;
pub mod update;
pub mod uuids;
pub mod view;

pub use actor::{Actor, ReplicaClient};
pub use core::{Core, Effect, Event, Hints, Message, Options};
pub use owner::{Command, Delta, Owner, ReplicaEvent};
pub use uuids::UuidSource;
