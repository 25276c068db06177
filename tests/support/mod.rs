//! Helpers shared by the tests: a sync server, a `taskchampion` peer replica, and tmux.
#![allow(dead_code)]

pub mod http_server;
pub mod peer;
pub mod taskwarrior;
pub mod tmux;
