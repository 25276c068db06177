//! tcui: a keyboard-driven terminal task manager with an embedded replica that is
//! wire-compatible with TaskChampion, the storage and sync engine of Taskwarrior 3.
//!
//! # Map
//!
//! ```text
//!  main.rs ──► cli        arguments, the data folder, the commands; wires the rest
//!                │
//!                ├──────► tui + ui    the terminal: keys, modes, layout, the loop (tui);
//!                │          │         drawing the screen from the app state (ui)
//!                │          ▼
//!                │        app         no terminal: the replica's single owner (an actor:
//!                │          │         commands in, events out, one Delta type), the sync
//!                │          │         task, the session driver, where new UUIDs come from
//!                ▼          ▼
//!   config   transfer    sync        encryption, wire operations and their transform, the
//!   taskrc,  import/       │         shared folder, HTTP, the sync algorithm
//!   settings export        ▼
//!                        replica     one redb file: tasks, operation log, working set,
//!                │         │         undo of a step, expiration (synchronous API)
//!                │         │
//!                │         │    lang     the filter language, the add/modify language,
//!                │         │     │       completion and fuzzy search (pure)
//!                ▼         ▼     ▼
//!                         task       the model: TaskData (UUID + string map), Operation, the
//!                          │         typed Task with its edits, status, tags, annotations,
//!                          │         the on-disk key spellings, the dependency map, urgency,
//!                          ▼         virtual tags (pure)
//!                         time       calendar arithmetic, dates, durations, named dates,
//!                                    relative text (pure)
//! ```
//!
//! Arrows point from a module to what it uses; nothing below uses anything above it, and no
//! two files import each other (`tests/it/architecture.rs` checks both, and that `time`,
//! `task` and `lang` never read the clock or draw random numbers: both are passed in).
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
//!   configuration files (`tests/it/architecture.rs` checks this). Inside: `open` (telling a
//!   replica from any other file), `handle` (the lock and the open mode), `store` (tables
//!   and reads), `writer` (one write transaction), `apply` (the rules of commit, undo and
//!   rebuild), `bucket` and `codec` (how things are packed).
//! - [`sync`] moves operations between the replica and a server: it reads a sync point from
//!   the replica, talks to the server with no transaction open, and hands the result back in
//!   one write ([`sync::sync`]). Servers are given to it; it reads no configuration.
//! - [`transfer`] moves tasks between the replica and Taskwarrior: [`transfer::json`]
//!   reads and writes `task export` JSON (pure), [`transfer::taskwarrior_db`] reads
//!   Taskwarrior 3's database; an import is one undo step.
//! - [`config`] reads Taskwarrior's taskrc (its sync settings and urgency coefficients) and
//!   tcui's own settings file, and writes back a generated client id.
//! - [`app`] is the application without a terminal. [`app::Owner`] alone reads and writes
//!   the replica and keeps the session's undo and redo; [`app::Actor`] runs it on a thread
//!   of its own, and [`app::ReplicaClient`] is how the background sync
//!   ([`app::sync_task`]: timer, debounce after edits, backoff) reaches it one short step at
//!   a time, never across the network.
//! - [`tui`] is the interface: the app state ([`tui::App`], whose `update` takes keys and
//!   events and returns effects, with no I/O), its list ([`tui::list_view`]) and catalog of
//!   tasks, the next report's rows ([`tui::report`], for the screen and `tcui list`), the
//!   modes and prompts, the layout, and [`tui::run`], the loop on a real terminal. [`tui::session`] drives the same app without a terminal for the command
//!   line and the tests. [`ui`] draws the screen from the app state and
//!   changes nothing.
//! - [`demo`] makes the demo's tasks, and the benchmarks' and tests' big replicas.
//! - [`cli`] is the edge: it reads the arguments (`cli::args`), finds the data folder
//!   (`--data-dir`, `TCUI_DATA`, else the platform data folder), opens the replica, wires
//!   the interface to its services and turns errors into messages.
//!
//! Data flow for an edit: the caller reads a task ([`replica::Replica::get_task_data`]),
//! changes it through [`task::TaskData`] (each change recorded as an operation, stamped
//! with the time the caller gives), and hands the operations to
//! [`replica::Replica::commit_operations`].

#![warn(unreachable_pub)]

pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod lang;
pub mod replica;
pub mod sync;
pub mod task;
pub mod text;
pub mod time;
pub mod transfer;
pub mod tui;
