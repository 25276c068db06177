//! The command line: arguments, where the data lives, and the commands that need no terminal UI.

mod sync;

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use clap::{Parser, Subcommand};

use crate::config::taskrc::Places;
use crate::replica::{Replica, ReplicaError};

pub use sync::{check_server, configured_server, describe, show_sync_settings};

/// The replica file's name inside the data directory.
pub const REPLICA_FILE: &str = "replica.redb";

/// A keyboard-driven task manager that shares its tasks with Taskwarrior 3.
#[derive(Debug, Parser)]
#[command(name = "tcui", version, about)]
pub struct Cli {
    /// Folder holding tcui's replica (default: the platform data folder, e.g. ~/.local/share/tcui).
    #[arg(long, env = "TCUI_DATA", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sync once with the server or folder configured in Taskwarrior's taskrc.
    Sync {
        /// Start again from the server's data when it no longer has this replica's history:
        /// unsynced local changes are first saved to a file in the data folder.
        #[arg(long)]
        start_over: bool,
    },
    /// Show settings.
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show the taskrc's sync settings (the secret masked), or replace them all:
    /// `tcui config sync sync.server.url=https://… sync.server.client_id=… sync.encryption_secret=…`.
    /// Keys left out are removed; `KEY=` removes a key.
    Sync {
        /// Also tell whether the server or folder answers and the data opens.
        #[arg(long)]
        check: bool,
        /// Show the settings as a JSON object.
        #[arg(long, conflicts_with = "settings")]
        json: bool,
        /// Replace the settings with a JSON object read from FILE (`-`: standard input);
        /// a null value removes a key.
        #[arg(long, value_name = "FILE", conflicts_with = "settings")]
        from: Option<PathBuf>,
        /// The new settings, `KEY=VALUE` (the `sync.` prefix may be left out).
        #[arg(value_name = "KEY=VALUE")]
        settings: Vec<String>,
    },
}

impl Cli {
    /// The data folder: the flag or `TCUI_DATA`, else the platform's data folder.
    pub fn data_dir(&self) -> Result<PathBuf> {
        if let Some(dir) = &self.data_dir {
            return Ok(dir.clone());
        }
        let base = directories::BaseDirs::new().ok_or_else(|| {
            anyhow!("cannot tell where your home folder is; pass --data-dir or set TCUI_DATA")
        })?;
        Ok(base.data_dir().join("tcui"))
    }

    /// Open the replica, creating its folder on first run.
    pub fn open_replica(&self) -> Result<Replica> {
        let dir = self.data_dir()?;
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the data folder {}", dir.display()))?;
        Replica::open(dir.join(REPLICA_FILE)).map_err(|e| match e {
            ReplicaError::NotAReplica { .. } | ReplicaError::AlreadyOpen { .. } => {
                anyhow!("{e} (--data-dir or TCUI_DATA chooses another data folder)")
            }
            other => other.into(),
        })
    }
}

/// Run what the command line asks for.
pub fn run(cli: Cli) -> Result<()> {
    let mut replica = cli.open_replica()?;
    match cli.command {
        None => print!("{}", summary(&replica)?),
        Some(Command::Sync { start_over }) => {
            let places = Places::from_env();
            if start_over {
                let data_dir = cli.data_dir()?;
                sync::start_over(&mut replica, &places, &data_dir)?;
            } else {
                sync::sync_once(&mut replica, &places)?;
            }
        }
        Some(Command::Config {
            what:
                ConfigCommand::Sync {
                    check,
                    json,
                    from,
                    settings,
                },
        }) => sync::config_sync(&Places::from_env(), check, json, from, &settings)?,
    }
    Ok(())
}

/// A short account of the replica: where it is and what it holds.
pub fn summary(replica: &Replica) -> Result<String> {
    let tasks = replica.all_task_uuids()?.len();
    let ws = replica.working_set();
    Ok(format!(
        "replica   {}\ntasks     {} ({} with an ID)\nunsynced  {} changes in {} steps\n",
        replica.path().display(),
        tasks,
        ws.len(),
        replica.num_local_operations()?,
        replica.num_undo_points()?,
    ))
}
