//! tcui: a terminal task manager with an embedded TaskChampion-compatible replica.

pub mod cli;
pub mod replica;
pub mod task;
