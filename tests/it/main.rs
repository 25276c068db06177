//! Every integration test, in one test binary: each file here is a module, declared below
//! (`layout.rs` checks that none is left out), and `support/` holds what they share.
//! `cargo test --test it MODULE::` runs one file's tests.

// A test that cannot unwrap what it set up fails, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod architecture;
mod cli;
mod cli_commands;
mod cli_config_sync;
mod cli_context;
mod cli_defaults;
mod cli_escaping;
mod cli_hooks;
mod cli_ids;
mod cli_overview;
mod cli_recurrence;
mod cli_report_colours;
mod cli_reports;
mod cli_sync;
mod cli_tasks;
mod cli_transfer;
mod filter_taskwarrior;
mod hooks_synced;
mod hooks_timewarrior;
mod input_fuzz;
mod kill_loop;
mod layout;
mod private_files;
mod replica_differential;
mod replica_expiry;
mod replica_full_disk;
mod replica_storage;
mod support;
mod sync_convergence;
mod sync_e2e;
mod sync_encryption;
mod sync_folder;
mod sync_hostile;
mod sync_http;
mod sync_local;
mod sync_recovery;
mod sync_recurrence;
mod sync_restore;
mod sync_service;
mod sync_shared;
mod sync_snapshots;
mod task_model;
mod taskrc_fuzz;
mod transfer_json;
mod transfer_taskwarrior;
mod tui_context;
mod tui_e2e;
mod tui_e2e_display;
mod tui_e2e_signals;
mod tui_e2e_taskrc;
mod tui_flow;
mod tui_hooks;
mod tui_keys;
mod tui_layout;
mod tui_messages;
mod tui_prompts;
mod tui_reports;
mod tui_sync_form;
mod tui_sync_keys;
mod tui_taskrc;
mod tui_text;
