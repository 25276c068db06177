//! The command line's arguments, and what they decide: the data folder, the replica opened
//! there, and the interface's settings.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};

use crate::config::taskrc::Places;
use crate::replica::{Replica, ReplicaError};

/// The replica file's name inside the data directory.
pub const REPLICA_FILE: &str = "replica.redb";

/// A keyboard-driven task manager that shares its tasks with Taskwarrior 3.
#[derive(Debug, Parser)]
#[command(
    name = "tcui",
    version,
    about,
    after_help = "With no command, in a terminal: the task list and everything else, by keyboard \
                  (? shows the keys).\n\n\
                  Otherwise tcui reads Taskwarrior's command line, [FILTER] COMMAND [WORDS], \
                  as task does (commands abbreviate, `--` ends the filter and changes):\n  \
                  add, log, modify, done, delete, start, stop, annotate, denotate, append, \
                  prepend, duplicate, edit, undo: `tcui 3 modify project:home +errand due:fri`, \
                  `tcui +home done`\n  \
                  REPORT (next, list, all, completed, waiting, …, or the taskrc's own), \
                  information (or just an ID), count, ids, uuids, projects, tags, summary, \
                  stats, calendar, history.*, ghistory.*, burndown.*: `tcui project:home list`, \
                  `tcui 3`, `tcui burndown.daily`\n  \
                  context, export, import, sync, version, help, completion, and the helpers \
                  completion scripts call (_commands, _ids, _projects, _tags, …)\n\
                  rc.NAME=VALUE and rc:FILE anywhere override the taskrc for one command."
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

    /// The Taskwarrior command the line names, once read: what hook scripts are told.
    #[arg(skip)]
    pub invoked: std::sync::OnceLock<String>,

    /// `rc:FILE` and `rc.NAME=VALUE` words, taken out of the arguments before they are read.
    #[arg(skip)]
    pub rc: RcWords,
}

/// What `task` takes from `rc:FILE` (the taskrc to read) and `rc.NAME=VALUE` or
/// `rc.NAME:VALUE` (a setting that wins over the file's), wherever they stand on the line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RcWords {
    pub taskrc: Option<PathBuf>,
    pub overrides: Vec<(String, String)>,
    /// The `rc.NAME=VALUE` words as typed, for the footnotes that name them.
    pub typed: Vec<String>,
}

impl RcWords {
    /// Take the rc words out of `args` (the program name first), as `task` does; words after
    /// `--` are left alone.
    pub fn take(args: Vec<std::ffi::OsString>) -> Result<(RcWords, Vec<std::ffi::OsString>)> {
        let mut rc = RcWords::default();
        let mut rest = Vec::with_capacity(args.len());
        let mut literal = false;
        for (i, arg) in args.into_iter().enumerate() {
            let text = arg.to_str().filter(|_| i > 0 && !literal);
            // After `_get`, `rc.NAME` is a reference to read, as `task _get rc.NAME` reads it.
            if text == Some("--") || text == Some("_get") {
                literal = true;
            }
            if let Some(file) = text.and_then(|t| t.strip_prefix("rc:")) {
                if file.is_empty() {
                    bail!("rc: needs a file after it, e.g. rc:~/.taskrc-work");
                }
                rc.taskrc = Some(PathBuf::from(file));
                continue;
            }
            if let Some(setting) = text.and_then(|t| t.strip_prefix("rc.")) {
                let Some(at) = setting.find(['=', ':']) else {
                    bail!(
                        "{text:?} sets nothing: write rc.NAME=VALUE, e.g. rc.context=none",
                        text = arg.to_string_lossy()
                    );
                };
                let (name, value) = (&setting[..at], &setting[at + 1..]);
                if name.is_empty() {
                    bail!(
                        "{:?} names no setting: write rc.NAME=VALUE",
                        arg.to_string_lossy()
                    );
                }
                rc.overrides.push((name.to_string(), value.to_string()));
                rc.typed.push(arg.to_string_lossy().into_owned());
                continue;
            }
            rest.push(arg);
        }
        Ok((rc, rest))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Taskwarrior's command line, `[FILTER] COMMAND [WORDS]`, as `task` reads it.
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
    /// Show settings.
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
    /// For status bars: pending, overdue, due today and active tasks, unsynced changes and
    /// the last sync, in one line (answered by a running tcui when there is one).
    Status {
        /// One JSON object instead of a line.
        #[arg(long)]
        json: bool,
        /// The line, with {pending}, {overdue}, {due_today}, {active}, {waiting},
        /// {unsynced}, {synced} (how long ago), {sync_error} and {sync} filled in.
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
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

    /// Where the taskrc is, and the command line's overrides of it.
    pub fn places(&self) -> Places {
        let mut places = Places::from_env();
        if let Some(file) = &self.rc.taskrc {
            places.taskrc = Some(crate::config::taskrc::expand_home(
                file,
                places.home.as_deref(),
            ));
        }
        places.overrides = self.rc.overrides.clone();
        places
    }

    /// The settings: the defaults, the taskrc's urgency lines, then the user's file.
    pub fn settings(&self) -> crate::config::Settings {
        let places = self.places();
        let taskrc = places.taskrc().ok().flatten();
        let file = self.config.clone().or_else(|| {
            directories::BaseDirs::new().map(|b| b.config_dir().join("tcui").join("config.rc"))
        });
        crate::config::Settings::load(file.as_deref(), taskrc.as_ref())
    }

    /// The terminal interface's settings, with the user's hook scripts.
    pub fn tui_config(&self) -> crate::tui::Config {
        let settings = self.settings();
        let mut config = crate::tui::Config::from_settings(&settings);
        let timeout = config.options.hook_timeout;
        let hooks = self.hooks(&settings, timeout);
        config
            .options
            .warnings
            .extend(synced_missing(hooks.as_ref()));
        config.options.hooks = hooks.map(std::sync::Arc::new);
        config
    }

    /// The application core's settings, with the user's hook scripts.
    pub fn options(&self) -> crate::app::Options {
        let settings = self.settings();
        let mut options = crate::app::Options::from_settings(&settings);
        let hooks = self.hooks(&settings, options.hook_timeout);
        options.warnings.extend(synced_missing(hooks.as_ref()));
        options.hooks = hooks.map(|h| std::sync::Arc::new(h.showing_errors()));
        options
    }

    /// The hook scripts in Taskwarrior's hooks folder (`hooks.location`, else
    /// `data.location/hooks`), unless `hooks` is off; `None` when there are none.
    pub fn hooks(
        &self,
        settings: &crate::config::Settings,
        timeout: std::time::Duration,
    ) -> Option<crate::app::hooks::Hooks> {
        use crate::app::hooks::{Hooks, Invocation};
        if settings
            .get("hooks")
            .is_some_and(|v| !crate::config::is_true(v))
        {
            return None;
        }
        let places = self.places();
        // The taskrc's `data.location` is among the settings.
        let data = places.taskwarrior_data(settings.get("data.location"));
        let folder = match settings.get("hooks.location").map(str::trim) {
            Some(dir) if !dir.is_empty() => crate::config::taskrc::expand_home(
                std::path::Path::new(dir),
                places.home.as_deref(),
            ),
            _ => data.clone()?.join("hooks"),
        };
        let invocation = Invocation {
            // A word that is not UTF-8 is passed on as near as it can be, not refused.
            args: std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(" "),
            command: self.invoked.get().cloned().unwrap_or_default(),
            rc: places
                .find()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            data: data.map(|d| d.display().to_string()).unwrap_or_default(),
        };
        // The scripts that also run on changes that come by sync, by file name.
        let synced = settings
            .get("hooks.sync")
            .map(|v| {
                v.split([',', ' '])
                    .filter(|n| !n.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let hooks = Hooks::find(&folder, &invocation, timeout).with_synced(synced);
        hooks.found().then_some(hooks)
    }

    /// Open the replica with its IDs renumbered, as `task` renumbers before a report and the
    /// commands that list or count tasks.
    pub fn open_renumbered(&self) -> Result<Replica> {
        let mut replica = self.open_replica()?;
        replica.renumber_working_set()?;
        Ok(replica)
    }

    /// Open the replica, creating its folder on first run.
    pub fn open_replica(&self) -> Result<Replica> {
        self.open_replica_from(true)
    }

    /// Open the replica, never borrowing it from a running interface (for an interface).
    pub fn open_replica_alone(&self) -> Result<Replica> {
        self.open_replica_from(false)
    }

    /// Open the replica. Held by a running interface, it is borrowed through the
    /// interface's socket (`borrow`); held by another command, it is waited for a moment.
    fn open_replica_from(&self, borrow: bool) -> Result<Replica> {
        let dir = self.data_dir()?;
        private_folder(&dir, self.data_dir.is_none())
            .with_context(|| format!("cannot create the data folder {}", dir.display()))?;
        let path = dir.join(REPLICA_FILE);
        let began = std::time::Instant::now();
        loop {
            let e = match Replica::open(&path) {
                Ok(replica) => return Ok(replica),
                Err(e) => e,
            };
            let held = matches!(e, ReplicaError::AlreadyOpen { .. });
            #[cfg(unix)]
            if held && borrow && !super::borrow::borrowed() {
                if matches!(self.command, Some(Command::Sync { start_over: true })) {
                    bail!(
                        "tcui is running in another terminal on {}; quit it before starting \
                         over",
                        dir.display()
                    );
                }
                if super::borrow::borrow(&dir, &self.label(), self.syncs())? {
                    // Another command that opened it directly in that moment (not through
                    // the interface) is waited for.
                    return Replica::open_waiting(&path, std::time::Duration::from_secs(30))
                        .map_err(Into::into);
                }
            }
            if held && began.elapsed() < std::time::Duration::from_secs(3) {
                // Another command's, most likely: it will be done in a moment.
                std::thread::sleep(std::time::Duration::from_millis(20));
                continue;
            }
            return Err(match e {
                ReplicaError::NotAReplica { .. } | ReplicaError::AlreadyOpen { .. } => {
                    anyhow!("{e} (--data-dir or TCUI_DATA chooses another data folder)")
                }
                other => other.into(),
            });
        }
    }

    /// The command line, as an interface that lends the replica names the change (without
    /// the options that choose the data folder and settings file, the same for both).
    fn label(&self) -> String {
        let mut words = vec!["tcui".to_string()];
        let mut args = std::env::args_os().skip(1);
        while let Some(arg) = args.next() {
            let arg = arg.to_string_lossy().into_owned();
            if arg == "--data-dir" || arg == "--config" {
                args.next();
            } else if !(arg.starts_with("--data-dir=") || arg.starts_with("--config=")) {
                words.push(arg);
            }
        }
        words.join(" ")
    }

    /// Whether the command syncs: what it brings is no undo step of the interface's.
    fn syncs(&self) -> bool {
        matches!(self.command, Some(Command::Sync { .. }))
            || self.invoked.get().is_some_and(|c| c == "synchronize")
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

/// A warning for each name in `hooks.sync` that names no hook script.
fn synced_missing(hooks: Option<&crate::app::hooks::Hooks>) -> Vec<String> {
    hooks
        .map(|h| h.synced_missing())
        .unwrap_or_default()
        .into_iter()
        .map(|n| {
            format!("hooks.sync: there is no executable hook script named {n} in the hooks folder")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(args: &[&str]) -> Result<(RcWords, Vec<String>)> {
        let args = args.iter().map(std::ffi::OsString::from).collect();
        let (rc, rest) = RcWords::take(args)?;
        Ok((
            rc,
            rest.into_iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
        ))
    }

    #[test]
    fn rc_words_are_taken_wherever_they_stand_as_task_takes_them() {
        let (rc, rest) = take(&[
            "tcui",
            "rc.context=none",
            "list",
            "rc:~/work.rc",
            "+home",
            "rc.dateformat:D.M.Y",
            "rc.verbose=",
        ])
        .unwrap();
        assert_eq!(rest, ["tcui", "list", "+home"]);
        assert_eq!(rc.taskrc, Some(PathBuf::from("~/work.rc")));
        assert_eq!(
            rc.overrides,
            [
                ("context".to_string(), "none".to_string()),
                ("dateformat".into(), "D.M.Y".into()),
                ("verbose".into(), String::new()),
            ]
        );
        // After `--` they are text; the program's own name is never one.
        let (rc, rest) = take(&["rc.x=1", "add", "--", "rc.y=2"]).unwrap();
        assert_eq!(rc, RcWords::default());
        assert_eq!(rest, ["rc.x=1", "add", "--", "rc.y=2"]);
        // `_get rc.NAME` reads a setting.
        let (rc, rest) = take(&["tcui", "_get", "rc.defaultwidth"]).unwrap();
        assert_eq!(rc, RcWords::default());
        assert_eq!(rest, ["tcui", "_get", "rc.defaultwidth"]);
        for bad in ["rc.context", "rc:", "rc.=x"] {
            assert!(take(&["tcui", bad, "list"]).is_err(), "{bad}");
        }
    }
}
