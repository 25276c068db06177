//! The task model: raw task data, operations, and typed views. Pure: no I/O, no terminal,
//! no configuration files.

mod data;
mod status;

pub use data::{Operation, Operations, TaskData, TaskMap, apply_forgiving};
pub use status::Status;
