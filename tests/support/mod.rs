//! Helpers shared by the sync tests: a test server and a `taskchampion` peer replica.
#![allow(dead_code)]

pub mod http_server;
pub mod peer;
