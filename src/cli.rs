//! The command line: arguments, where the data lives, and the commands that need no terminal UI.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use clap::Parser;

use crate::replica::{Replica, ReplicaError};

/// The replica file's name inside the data directory.
pub const REPLICA_FILE: &str = "replica.redb";

/// A keyboard-driven task manager that shares its tasks with Taskwarrior 3.
#[derive(Debug, Parser)]
#[command(name = "tcui", version, about)]
pub struct Cli {
    /// Folder holding tcui's replica (default: the platform data folder, e.g. ~/.local/share/tcui).
    #[arg(long, env = "TCUI_DATA", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
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
    let replica = cli.open_replica()?;
    print!("{}", summary(&replica)?);
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
