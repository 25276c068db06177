//! The terminal UI: the app state and its `update` (no I/O), its list and catalog, the
//! actions and modes, the layout, the session driver, and the loop that ties them to the
//! terminal and to the replica's owner (`crate::app`).

pub mod actions;
pub mod announce;
pub mod app;
pub mod catalog;
pub mod config;
pub mod editor;
pub mod fields;
pub mod form;
pub mod help;
pub mod input;
pub mod keymap;
pub mod lang;
pub mod layout;
pub mod list_view;
pub mod mode;
pub mod pickers;
pub mod query;
pub mod refresh;
pub mod report;
pub mod run;
pub mod session;
pub mod sync_form;
pub mod sync_state;
pub mod view;

pub use app::{App, Effect, Event};
pub use config::Config;
