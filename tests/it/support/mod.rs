//! Helpers shared by the tests: a sync server, a `taskchampion` peer replica, tmux, tcui's
//! processes run as a user runs them, the text of a screen, and the TUI driven without a
//! terminal, and the import graph of the library.

pub mod canned;
pub mod children;
pub mod cli_run;
pub mod cloud_checks;
pub mod dated;
pub mod fake_gcs;
pub mod http_server;
pub mod imports;
pub mod isolated;
pub mod logbook;
pub mod moto;
pub mod peer;
pub mod process;
pub mod screen;
pub mod served;
pub mod taskwarrior;
pub mod tmux;
pub mod tui;
