//! The terminal UI: the app state and its `update` (no I/O), the actions and modes, the
//! backend thread that owns the replica, and the loop that ties them to the terminal.

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
pub mod refresh;
pub mod run;
pub mod session;
pub mod sync_form;
pub mod sync_state;
pub mod view;

pub use app::{App, Effect, Event};
pub use config::Config;
