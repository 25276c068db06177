//! The command line: arguments, where the data lives, and the commands that need no terminal UI.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};
use uuid::Uuid;

use crate::config::taskrc::Places;
use crate::config::{SyncSettings, Taskrc};
use crate::replica::{Replica, ReplicaError};
use crate::sync::{HttpServer, LocalServer, Server, SyncReport};

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
    Sync,
    /// Show settings.
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show the sync settings from the taskrc (the secret masked).
    Sync {
        /// Also tell whether the server or folder answers and the data opens.
        #[arg(long)]
        check: bool,
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
        Some(Command::Sync) => {
            let mut server = configured_server(&Places::from_env())?;
            let report = crate::sync::sync(&mut replica, server.as_mut(), false)?;
            println!("{}", describe(&report));
        }
        Some(Command::Config {
            what: ConfigCommand::Sync { check },
        }) => {
            let places = Places::from_env();
            print!("{}", show_sync_settings(&places)?);
            if check {
                let mut server = configured_server(&places)?;
                println!("{}", check_server(server.as_mut())?);
            }
        }
    }
    Ok(())
}

/// The taskrc's `sync.*` keys, the secret masked, and which kind of sync they select.
pub fn show_sync_settings(places: &Places) -> Result<String> {
    let Some(path) = places.find() else {
        return Ok("no taskrc found (looked at $TASKRC, ~/.taskrc and ~/.config/task/taskrc): sync is not configured\n".into());
    };
    let home = places.home.as_deref();
    let rc = Taskrc::read(&path, home)?;
    let mut out = format!("taskrc    {}\n", path.display());
    for (key, value) in rc.values.iter().filter(|(k, _)| k.starts_with("sync.")) {
        let shown = if key.contains("secret") && !value.is_empty() {
            "********".to_string()
        } else {
            value.clone()
        };
        out.push_str(&format!("{key}={shown}\n"));
    }
    let mode = match rc.sync(home) {
        SyncSettings::NotConfigured => "sync is not configured".to_string(),
        SyncSettings::Folder(dir) => format!("syncs with the folder {}", dir.display()),
        SyncSettings::Server { url, .. } => format!("syncs with the server {url}"),
        SyncSettings::Unsupported(kind) => {
            format!("asks for {kind}, which tcui does not support yet")
        }
    };
    out.push_str(&format!("=> {mode}\n"));
    Ok(out)
}

/// Ask the server for something that changes nothing, and open it if there is data.
pub fn check_server(server: &mut dyn Server) -> Result<String> {
    if server.get_snapshot()?.is_some() {
        return Ok("check: the server answers, and its snapshot opens with this secret".into());
    }
    match server.get_child_version(Uuid::nil())? {
        crate::sync::GetVersionResult::Version { .. } => {
            Ok("check: reachable, and its data can be read".into())
        }
        crate::sync::GetVersionResult::NoSuchVersion => {
            Ok("check: reachable; it holds no data yet".into())
        }
    }
}

/// The sync server the taskrc names, ready to use.
pub fn configured_server(places: &Places) -> Result<Box<dyn Server>> {
    let Some(path) = places.find() else {
        bail!(
            "sync is not configured: no taskrc found (looked at $TASKRC, ~/.taskrc and \
             ~/.config/task/taskrc); set sync.server.url, sync.server.client_id and \
             sync.encryption_secret, or sync.local.server_dir, there"
        );
    };
    let home = places.home.as_deref();
    let mut rc = Taskrc::read(&path, home)?;
    match rc.sync(home) {
        SyncSettings::NotConfigured => bail!(
            "sync is not configured in {}: set sync.server.url, sync.server.client_id and \
             sync.encryption_secret, or sync.local.server_dir",
            path.display()
        ),
        SyncSettings::Unsupported(kind) => bail!(
            "{} asks for sync with {kind}, which tcui does not support yet; use a \
             taskchampion-sync-server (sync.server.url) or a shared folder \
             (sync.local.server_dir)",
            path.display()
        ),
        SyncSettings::Folder(dir) => Ok(Box::new(LocalServer::open(&dir)?)),
        SyncSettings::Server {
            url,
            client_id,
            secret,
        } => {
            let Some(secret) = secret else {
                bail!(
                    "sync.encryption_secret is not set in {}; set it to the secret your other replicas use",
                    path.display()
                );
            };
            let client_id = match client_id {
                Some(text) => Uuid::parse_str(&text).map_err(|_| {
                    anyhow!("sync.server.client_id in {} is {text:?}, not a UUID; set it to the client id your other replicas use", path.display())
                })?,
                None => {
                    let id = Uuid::new_v4();
                    rc.write_client_id(id)?;
                    eprintln!("tcui: no sync.server.client_id was set; wrote a new one ({id}) to {}", path.display());
                    id
                }
            };
            Ok(Box::new(HttpServer::new(
                &url,
                client_id,
                secret.as_bytes(),
            )?))
        }
    }
}

/// One line on what a sync did.
pub fn describe(report: &SyncReport) -> String {
    let mut parts = Vec::new();
    if report.started_from_snapshot {
        parts.push("started from the server's snapshot".to_string());
    }
    parts.push(format!(
        "pulled {} changes in {} versions",
        report.operations_pulled, report.versions_pulled
    ));
    parts.push(format!(
        "pushed {} changes in {} versions",
        report.operations_pushed, report.versions_pushed
    ));
    if report.snapshot_sent {
        parts.push("sent a snapshot".into());
    }
    if let Some(e) = &report.snapshot_error {
        parts.push(format!(
            "could not send the snapshot the server asked for ({e})"
        ));
    }
    format!("synced: {}", parts.join("; "))
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
