//! tcui: a keyboard-driven terminal task manager with an embedded replica that is
//! wire-compatible with TaskChampion, the storage and sync engine of Taskwarrior 3.
//!
//! # Map
//!
//! ```text
//!  main.rs ──► cli        arguments, the data folder, the commands; wires the rest
//!                │
//!                ├──────► tui         the terminal: keys, the overlays (one file each: state,
//!                │          │         keys, drawing), layout, drawing, the loop
//!                │          ▼
//!                ├──────► app         no terminal: the core (tasks, list view, queries,
//!                │          │         report rows, edits, sync state), the replica's single
//!                │          │         owner (an actor: commands in, events out, one Delta
//!                │          │         type), the sync task, the session driver
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
//!
//!   text       control characters made visible, widths in terminal cells (pure; any layer)
//!   parallel   two halves of a job at once on worker threads, once started (any layer)
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
//! - [`text`] is text as it leaves tcui: [`text::visible`] escapes control characters,
//!   [`text::width`] measures terminal cells by grapheme cluster, [`text::fit`] cuts.
//! - [`app`] is the application without a terminal. [`app::Core`] holds the tasks as the
//!   replica's owner last told them (with IDs, urgency and dependencies), the list view and
//!   its query ([`app::list_view`], [`app::query`]), the sync's state and the status message;
//!   its fields are private and change only through its methods. `Core::update`
//!   (`app::update`) takes news from the owner, the sync, the clock and `$EDITOR`;
//!   [`app::edits`] makes the changes a user asks for (add, modify, done, …) in memory at
//!   once and asks the owner to commit them as one undo step; [`app::report`] builds the
//!   rows of the next report for the screen and `tcui list`. Both answer with
//!   [`app::Effect`]s and do no I/O. [`app::Owner`] alone reads and writes the replica and
//!   keeps the session's undo and redo; [`app::Actor`] runs it on a thread of its own, and
//!   [`app::ReplicaClient`] is how the background sync ([`app::sync_task`]: timer, debounce
//!   after edits, backoff) reaches it one short step at a time, never across the network.
//!   [`app::session`] drives a core (or the interface's state) and the owner one step at a
//!   time, for the command line and the tests; [`app::background`] runs the owner and the
//!   sync beside an interface, for the terminal's loop and the interface benchmark.
//! - [`tui`] is the interface: [`tui::App`] is the core plus what only a screen has (cursor,
//!   marks, the open overlay, keys and colours); `tui::update` takes keys and events into
//!   it; [`tui::actions`] carries out the list's keys; each overlay in `tui::modes` (prompt,
//!   question, pickers, edit form, help, changes, sync settings) holds its state, its keys
//!   and its drawing, sees the app through a read-only context and answers with a request;
//!   [`tui::draw`] draws the screen and changes nothing; [`tui::run`] is the loop on a real
//!   terminal.
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
pub mod parallel;
pub mod replica;
pub mod sync;
pub mod task;
pub mod text;
pub mod time;
pub mod transfer;
pub mod tui;
