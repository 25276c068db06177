//! tcui: a keyboard-driven terminal task manager with an embedded replica that is
//! wire-compatible with TaskChampion, the storage and sync engine of Taskwarrior 3.
//!
//! # Map
//!
//! ```text
//!  main.rs ──► cli        arguments, the data folder, commands without a terminal UI
//!                │  ├───► config     Taskwarrior's taskrc: where it is, its sync settings
//!                │  └───► transfer   import/export: `task export` JSON, Taskwarrior's database
//!                ▼
//!              sync       encryption, wire operations and their transform, the shared
//!                │        folder, HTTP, the sync algorithm (no terminal, no home folder)
//!                ▼
//!             replica     one redb file: tasks, operation log, working set, undo,
//!                │        expiration (synchronous API)
//!                │
//!                │         lang     the filter language, the add/modify language,
//!                │          │       completion and fuzzy search (pure)
//!                ▼          ▼
//!              task       the model: TaskData (UUID + string map), Operation, the typed
//!                │        Task with its edits, status, tags, annotations, the on-disk key
//!                │        spellings, the dependency map, urgency, virtual tags (pure)
//!                ▼
//!              time       calendar arithmetic, dates, durations, named dates, relative
//!                         text (pure)
//! ```
//!
//! Arrows point from a module to what it uses; nothing below uses anything above it.
//! `task`, `time` and `lang` never read the clock: the time is always passed in.
//!
//! - [`time`] reads and shows time as Taskwarrior does: [`time::parse_date`] (`eow+1d`,
//!   `fri`, `2026-12-24`), [`time::parse_duration`], the named dates, relative text
//!   ([`time::format_age`]) and the one calendar implementation (`time::calendar`) that
//!   named dates and virtual tags share. It uses nothing else in tcui.
//! - [`task`] owns the data model and knows nothing of storage or languages. Every change
//!   is an [`task::Operation`]; a user action is a batch of them, opened by an undo point.
//!   [`task::keys`] spells every property as it is stored. Reading tasks:
//!   [`task::urgency`] with coefficients from `urgency.*` settings and the virtual tags
//!   (`+READY`, `+OVERDUE`), worked out with the [`task::DependencyMap`].
//! - [`lang`] reads what users type: [`lang::Filter`] (Taskwarrior's filter language,
//!   parsed once, matched per task without allocating), [`lang::Modification`] (the
//!   add/modify language), [`lang::complete`] and [`lang::FuzzyQuery`].
//! - [`replica`] owns the file. A commit applies a batch and appends it to the log in one
//!   write transaction; undo reverts the newest step; the working set gives short IDs with
//!   TaskChampion's numbering rules; it builds the dependency map. A lock file beside the
//!   replica keeps other processes out; the file is opened read-only until the first
//!   write. It takes a path and never looks at the home folder, the terminal or
//!   configuration files (`tests/architecture.rs` checks this). Inside: `open` (telling a
//!   replica from any other file), `handle` (the lock and the open mode), `store` (tables
//!   and reads), `writer` (one write transaction), `apply` (the rules of commit, undo and
//!   rebuild), `bucket` and `codec` (how things are packed).
//! - [`sync`] moves operations between the replica and a server: it reads a sync point from
//!   the replica, talks to the server with no transaction open, and hands the result back in
//!   one write ([`sync::sync`]). Servers are given to it; it reads no configuration.
//! - [`transfer`] moves tasks between the replica and Taskwarrior: [`transfer::json`]
//!   reads and writes `task export` JSON (pure), [`transfer::taskwarrior_db`] reads
//!   Taskwarrior 3's database; an import is one undo step.
//! - [`config`] reads Taskwarrior's taskrc for the sync settings and writes back a generated
//!   client id.
//! - [`cli`] is the edge: it finds the data folder (`--data-dir`, `TCUI_DATA`, else the
//!   platform data folder), opens the replica and turns errors into messages.
//!
//! Data flow for an edit: the caller reads a task ([`replica::Replica::get_task_data`]),
//! changes it through [`task::TaskData`] (each change recorded as an operation, stamped
//! with the time the caller gives), and hands the operations to
//! [`replica::Replica::commit_operations`].

pub mod app;
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
