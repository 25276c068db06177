//! The command line: arguments, where the data lives, and the commands that need no terminal UI.

mod prompt;
mod start_over;
mod sync;
mod tasks;
mod transfer;

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};

use crate::config::taskrc::Places;
use crate::replica::{Replica, ReplicaError};

pub use sync::{check_server, configured_server, describe, show_sync_settings};

/// The replica file's name inside the data directory.
pub const REPLICA_FILE: &str = "replica.redb";

/// A keyboard-driven task manager that shares its tasks with Taskwarrior 3.
#[derive(Debug, Parser)]
#[command(
    name = "tcui",
    version,
    about,
    after_help = "With no command, in a terminal: the task list and everything else, by keyboard \
                  (? shows the keys).\n\
                  tcui ID done|modify|annotate|delete|start|stop ...: change tasks by ID (3, 3,5, \
                  1-4) or UUID, e.g. `tcui 3 modify project:home +errand due:fri`."
)]
pub struct Cli {
    /// Folder holding tcui's replica (default: the platform data folder, e.g. ~/.local/share/tcui).
    #[arg(long, env = "TCUI_DATA", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// tcui's settings file: keys, colours, urgency (default: the platform config folder,
    /// e.g. ~/.config/tcui/config.rc).
    #[arg(long, env = "TCUI_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a task, in Taskwarrior's syntax: `tcui add Pay rent project:home +bills due:eom`.
    Add {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        words: Vec<String>,
    },
    /// List tasks (the next report), with an optional Taskwarrior filter: `tcui list +home`.
    List {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        filter: Vec<String>,
    },
    /// `tcui ID done|modify|annotate|delete|start|stop …`: change tasks by ID (`3`, `3,5`,
    /// `1-4`) or UUID, for scripts.
    #[command(external_subcommand)]
    Task(Vec<String>),
    /// Try tcui on a throwaway replica filled with realistic tasks (deleted on exit).
    Demo {
        /// How many tasks (two thirds of them pending).
        #[arg(default_value_t = 300)]
        tasks: usize,
    },
    /// Sync once with the server or folder configured in Taskwarrior's taskrc.
    Sync {
        /// Start again from the server's data when it no longer has this replica's history:
        /// a copy of the replica and its unsynced changes are saved first, beside it. A server
        /// that holds nothing is refused.
        #[arg(long)]
        start_over: bool,
    },
    /// Bring in tasks: a file from `task export` (`-`: standard input), or with --taskwarrior
    /// Taskwarrior 3's database (default: the taskrc's data.location, else ~/.task). Running
    /// it again adds nothing twice.
    Import {
        /// Read Taskwarrior 3's taskchampion.sqlite3 (read-only) from PATH or its data folder.
        #[arg(long)]
        taskwarrior: bool,
        path: Option<PathBuf>,
    },
    /// Print tasks as `task export` does (JSON that `task import` reads), optionally filtered.
    Export {
        /// A Taskwarrior filter, e.g. `project:Home +next status:pending`.
        #[arg(allow_hyphen_values = true)]
        filter: Vec<String>,
    },
    /// Show settings.
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show the taskrc's sync settings (the secret masked), or change them:
    /// `tcui config sync server.url=https://… server.client_id=… --ask-secret`.
    /// `KEY=VALUE` sets a key and keeps the others (`KEY=` removes one); `--replace` or
    /// `--from` replaces the whole section. What a change removes is named, and the settings
    /// before it are saved in a private file beside the taskrc.
    Sync {
        /// Also tell whether the server or folder answers and the data opens.
        #[arg(long)]
        check: bool,
        /// Show the settings as a JSON object.
        #[arg(long, conflicts_with_all = ["settings", "ask_secret"])]
        json: bool,
        /// Replace the settings with a JSON object read from FILE (`-`: standard input);
        /// a null value removes a key.
        #[arg(long, value_name = "FILE", conflicts_with = "settings")]
        from: Option<PathBuf>,
        /// Make the KEY=VALUE settings the whole sync section: every other sync key is removed.
        #[arg(long, requires = "settings")]
        replace: bool,
        /// Type the encryption secret at a prompt that does not show it, rather than on the
        /// command line (where `ps` and the shell's history would keep it).
        #[arg(long)]
        ask_secret: bool,
        /// The settings to change, `KEY=VALUE` (the `sync.` prefix may be left out).
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

    /// The TUI's settings: the defaults, the taskrc's urgency lines, then the user's file.
    pub fn tui_config(&self) -> crate::tui::Config {
        let places = Places::from_env();
        let taskrc = places
            .find()
            .and_then(|p| crate::config::Taskrc::read(&p, places.home.as_deref()).ok());
        let file = self.config.clone().or_else(|| {
            directories::BaseDirs::new().map(|b| b.config_dir().join("tcui").join("config.rc"))
        });
        let settings = crate::config::Settings::load(file.as_deref(), taskrc.as_ref());
        crate::tui::Config::from_settings(&settings)
    }

    /// Open the replica, creating its folder on first run.
    pub fn open_replica(&self) -> Result<Replica> {
        let dir = self.data_dir()?;
        private_folder(&dir, self.data_dir.is_none())
            .with_context(|| format!("cannot create the data folder {}", dir.display()))?;
        Replica::open(dir.join(REPLICA_FILE)).map_err(|e| match e {
            ReplicaError::NotAReplica { .. } | ReplicaError::AlreadyOpen { .. } => {
                anyhow!("{e} (--data-dir or TCUI_DATA chooses another data folder)")
            }
            other => other.into(),
        })
    }
}

/// Create `dir` (and its parents) readable by its owner only. An existing folder keeps its
/// mode, unless it is tcui's own (`own`: the platform's data folder) and open to others.
fn private_folder(dir: &std::path::Path, own: bool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        if own
            && let Ok(meta) = std::fs::metadata(dir)
            && meta.is_dir()
            && meta.permissions().mode() & 0o077 != 0
        {
            let mode = meta.permissions().mode() & 0o7700;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode))?;
        }
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        let _ = own;
        std::fs::create_dir_all(dir)
    }
}

/// Run what the command line asks for.
pub fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Some(Command::Demo { tasks }) => return demo(&cli, *tasks),
        Some(Command::Add { words }) => return tasks::add(&cli, words),
        Some(Command::List { filter }) => return tasks::list(&cli, filter),
        Some(Command::Task(args)) => return tasks::act(&cli, args),
        // The settings are the taskrc's: no replica is opened, so this works beside a running tcui.
        Some(Command::Config { what }) => return config(what),
        _ => {}
    }
    let mut replica = cli.open_replica()?;
    match cli.command {
        None if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() => {
            let config = cli.tui_config();
            let times = config.sync_times;
            let services = crate::tui::run::Services {
                sync: Some((background_connect(), times)),
                setup: Some(std::sync::Arc::new(sync::TaskrcSetup::from_env())),
            };
            crate::tui::run::run(replica, config, services)?
        }
        None => print!("{}", summary(&replica)?),
        Some(Command::Demo { .. }) => {}
        Some(Command::Add { .. } | Command::List { .. } | Command::Task(_)) => {}
        Some(Command::Sync { start_over }) => {
            let places = Places::from_env();
            if start_over {
                let data_dir = cli.data_dir()?;
                start_over::start_over(&mut replica, &places, &data_dir)?;
            } else {
                sync::sync_once(&mut replica, &places)?;
            }
        }
        Some(Command::Import { taskwarrior, path }) => {
            transfer::import(&mut replica, taskwarrior, path)?
        }
        Some(Command::Export { ref filter }) => transfer::export(&cli, &mut replica, filter)?,
        Some(Command::Config { .. }) => {}
    }
    Ok(())
}

/// `tcui config …`.
fn config(what: &ConfigCommand) -> Result<()> {
    let ConfigCommand::Sync {
        check,
        json,
        from,
        replace,
        ask_secret,
        settings,
    } = what;
    let args = sync::ConfigSync {
        check: *check,
        json: *json,
        from: from.clone(),
        replace: *replace,
        ask_secret: *ask_secret,
        settings: settings.clone(),
    };
    sync::config_sync(&Places::from_env(), args)
}

/// How the background sync reaches the server the taskrc names (read afresh each time, so a
/// changed taskrc takes effect at the next try).
fn background_connect() -> crate::app::sync_task::Connect {
    use crate::app::sync_task::ConnectError;
    Box::new(|| {
        let places = Places::from_env();
        if let Some(why) = sync::sync_setup_missing(&places) {
            return Err(ConnectError::NotConfigured(why));
        }
        sync::configured_server_with(&places, &mut |_| {})
            .map_err(|e| ConnectError::Failed(format!("{e:#}")))
    })
}

/// `tcui demo N`: a replica in a temporary folder, filled, then the TUI on it. The folder
/// goes when the demo ends, however it ends.
fn demo(cli: &Cli, tasks: usize) -> Result<()> {
    let max = crate::demo::MAX_TASKS;
    if tasks > max {
        bail!("a demo holds at most {max} tasks; ask for that many or fewer");
    }
    let temp = std::env::temp_dir();
    let dir = crate::demo::DemoFolder::create(&temp)
        .with_context(|| format!("cannot create a demo folder in {}", temp.display()))?;
    let mut replica = Replica::open(dir.path().join(REPLICA_FILE))?;
    let ops = crate::demo::demo_operations(tasks, tasks * 2 / 3, chrono::Utc::now(), 42);
    replica.commit_operations(ops)?;
    if std::io::stdout().is_terminal() {
        crate::tui::run::run(replica, cli.tui_config(), Default::default())
    } else {
        print!("{}", summary(&replica)?);
        Ok(())
    }
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
