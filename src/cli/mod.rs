//! The command line: what each command does (the arguments are in `args`).

mod about;
mod args;
#[cfg(unix)]
pub mod borrow;
mod change;
mod charts;
mod cloud;
mod confirm;
mod context;
mod edit;
mod grammar;
mod helpers;
mod info;
mod line;
mod overview;
mod prompt;
mod report;
mod report_colours;
mod session;
mod start_over;
mod status;
mod sync;
mod targets;
mod tasks;
mod transfer;
mod undo;

use std::io::IsTerminal;

use anyhow::{Context, Result, bail};

use crate::config::taskrc::Places;
use crate::replica::Replica;

pub use args::{Cli, Command, ConfigCommand, REPLICA_FILE, RcWords};
pub use report::Shortfall;
pub use session::HookRefusal;
pub use sync::{check_server, configured_server, describe, show_sync_settings};

/// Run what the command line asks for.
pub fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Some(Command::Demo { tasks }) => return demo(&cli, *tasks),
        Some(Command::Task(args)) => return line::run(&cli, args),
        // The settings are the taskrc's: no replica is opened, so this works beside a running tcui.
        Some(Command::Config { what }) => return config(&cli, what),
        Some(Command::Status { json, format }) => {
            return status::status(&cli, *json, format.as_deref());
        }
        // Not in a terminal, as `task` alone: the default command.
        None if !(std::io::stdout().is_terminal() && std::io::stdin().is_terminal()) => {
            return line::run(&cli, &[]);
        }
        _ => {}
    }
    let mut replica = match cli.command {
        // A second interface would hold the first one's replica for its whole session.
        None => cli.open_replica_alone()?,
        _ => cli.open_replica()?,
    };
    let places = cli.places();
    match cli.command {
        None => {
            crate::parallel::start_workers();
            let config = cli.tui_config();
            let times = config.options.sync_times;
            let services = crate::tui::run::Services {
                sync: Some((background_connect(cli.places()), times)),
                setup: Some(std::sync::Arc::new(sync::TaskrcSetup::new(cli.places()))),
                save_context: Some(context::saver(cli.places())),
                serve: true,
            };
            let hooks = config.options.hooks.clone();
            // As around a `task` command: `on-launch` first (which may stop it), `on-exit`
            // after, with the tasks changed; what they say is printed once the screen is
            // back.
            use crate::app::hooks::Event;
            let mut said = Vec::new();
            if let Some(hooks) = &hooks {
                said.extend(line::launch_or_exit(hooks.notify(Event::Launch, &[]))?);
            }
            let changed = crate::tui::run::run(replica, config, services)?;
            if let Some(hooks) = &hooks {
                let changed: Vec<String> = changed
                    .into_iter()
                    .map(crate::app::hooks::as_json)
                    .collect();
                let ended = line::launch_or_exit(hooks.notify(Event::Exit, &changed));
                said.iter().for_each(|l| eprintln!("{l}"));
                said = ended?;
            }
            said.iter().for_each(|l| eprintln!("{l}"));
        }
        Some(Command::Demo { .. } | Command::Task(_)) => {}
        Some(Command::Sync { start_over }) => {
            if start_over {
                let data_dir = cli.data_dir()?;
                start_over::start_over(&mut replica, &places, &data_dir)?;
            } else {
                sync::sync_once(&mut replica, &places, &cli.options())?;
            }
        }
        Some(Command::Import { taskwarrior, path }) => {
            transfer::import(&mut replica, taskwarrior, path, &places)?
        }
        Some(Command::Config { .. } | Command::Status { .. }) => {}
    }
    Ok(())
}

/// `tcui config …`.
fn config(cli: &Cli, what: &ConfigCommand) -> Result<()> {
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
    sync::config_sync(&cli.places(), args)
}

/// How the background sync reaches the server the taskrc names (read afresh each time; a
/// server it made is outdated, and made afresh, once the taskrc's sync settings change).
fn background_connect(places: Places) -> crate::app::sync_task::Connect {
    use crate::app::sync_task::ConnectError;
    Box::new(move || {
        if let Some(why) = sync::sync_setup_missing(&places) {
            return Err(ConnectError::NotConfigured(why));
        }
        // Read after connecting, which may write a new client id to the taskrc.
        sync::configured_server_with(&places, &mut |_| {})
            .map(|server| sync::from_settings(server, places.clone(), sync::sync_values(&places)))
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
        crate::tui::run::run(replica, cli.tui_config(), Default::default()).map(|_| ())
    } else {
        print!("{}", about::summary(&replica)?);
        Ok(())
    }
}
