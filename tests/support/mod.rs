//! Helpers shared by the tests: a sync server, a `taskchampion` peer replica, tmux, tcui's
//! processes, the text of a screen, and the TUI driven without a terminal.
#![allow(dead_code)]

pub mod http_server;
pub mod peer;
pub mod process;
pub mod screen;
pub mod taskwarrior;
pub mod tmux;
pub mod tui;
