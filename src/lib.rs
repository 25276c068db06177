//! tcui: a keyboard-driven terminal task manager with an embedded replica that is
//! wire-compatible with TaskChampion, the storage and sync engine of Taskwarrior 3.
//!
//! # Map
//!
//! ```text
//!  main.rs ──► cli        arguments, the data folder, commands without a terminal UI
//!                │  └───► config     Taskwarrior's taskrc: where it is, its sync settings
//!                ▼
//!              sync       encryption, wire operations and their transform, the shared
//!                │        folder, HTTP, the sync algorithm (no terminal, no home folder)
//!                ▼
//!             replica     one redb file: tasks, operation log, working set, undo,
//!                │        dependency map, expiration (synchronous API)
//!                ▼
//!              task       TaskData (UUID + string map), Operation, Status, the typed
//!                         Task view with its edits, tags and virtual tags; urgency,
//!                         the filter language and fuzzy search (pure)
//! ```
//!
//! - [`task`] owns the data model and knows nothing of storage. Every change is an
//!   [`task::Operation`]; a user action is a batch of them, opened by an undo point.
//!   Reading tasks: [`task::urgency`] with coefficients from `urgency.*` settings,
//!   [`task::Filter`] (Taskwarrior's filter language, parsed once, matched per task) and
//!   [`task::FuzzyQuery`]; none of them reads the clock or allocates per task.
//! - [`replica`] owns the file. A commit applies a batch and appends it to the log in one
//!   write transaction; undo reverts the newest step; the working set gives short IDs with
//!   TaskChampion's numbering rules. A lock file beside the replica keeps other processes out;
//!   the file is opened read-only until the first write. It takes a path and never looks at
//!   the home folder, the terminal or configuration files (`tests/architecture.rs` checks
//!   this). Inside: `open` (telling a replica from any other file), `handle` (the lock and
//!   the open mode), `store` (tables and reads), `writer` (one write transaction), `apply`
//!   (the rules of commit, undo and rebuild), `bucket` and `codec` (how things are packed).
//! - [`sync`] moves operations between the replica and a server: it reads a sync point from
//!   the replica, talks to the server with no transaction open, and hands the result back in
//!   one write ([`sync::sync`]). Servers are given to it; it reads no configuration.
//! - [`config`] reads Taskwarrior's taskrc for the sync settings and writes back a generated
//!   client id.
//! - [`cli`] is the edge: it finds the data folder (`--data-dir`, `TCUI_DATA`, else the
//!   platform data folder), opens the replica and turns errors into messages.
//!
//! Data flow for an edit: the caller reads a task ([`replica::Replica::get_task_data`]),
//! changes it through [`task::TaskData`] (each change recorded as an operation), and hands
//! the operations to [`replica::Replica::commit_operations`].

pub mod cli;
pub mod config;
pub mod demo;
pub mod lang;
pub mod replica;
pub mod sync;
pub mod task;
pub mod time;
pub mod transfer;
pub mod tui;
pub mod ui;
