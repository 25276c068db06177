//! Taskwarrior's colour rules: which colour a task's row takes from the taskrc's `color.*`
//! settings. The colours themselves (specs, merging, escape codes) are in `colour`.
//!
//! Pure: no I/O and no terminal crate.

mod colour;

pub use colour::{Basic, Colour, ColourError, Paint, RESET};
