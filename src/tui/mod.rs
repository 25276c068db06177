//! The terminal interface on top of the application core (`crate::app`): its state (`app`:
//! the core, the cursor, the marks, the open overlay) and `App::update` (no I/O), the list's
//! key actions, the overlays and their keys, the keymap, the layout, and the loop that ties
//! them to the terminal and to the replica's owner.

pub mod actions;
pub mod app;
pub mod config;
pub mod draw;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod mode;
pub mod modes;
pub mod run;
pub mod update;

pub use app::{App, Event};
pub use config::Config;
