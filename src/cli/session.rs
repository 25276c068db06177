//! The application core and the replica's owner for one command: opened, loaded, and
//! driven one step at a time.

use anyhow::{Result, bail};
use chrono::{Local, Utc};

use super::args::Cli;
use crate::app::{Command, Core, Effect, Options, session};

/// Which tasks a command loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    /// Every task.
    All,
    /// The working set's (the tasks with IDs): enough for a command on tasks named by ID,
    /// or a report of pending tasks.
    WorkingSet,
}

/// The core and the replica's owner, driven one step at a time.
pub(super) struct Session {
    /// Never freed: the process ends with the command, and freeing every task it loaded
    /// would only make it end later.
    pub(super) app: std::mem::ManuallyDrop<Core>,
    session: session::Session,
}

/// A hook script refused the change; what it said is printed when the command ends.
#[derive(Debug)]
pub struct HookRefusal;

impl std::fmt::Display for HookRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a hook script refused the change")
    }
}

impl std::error::Error for HookRefusal {}

/// What hook scripts said is printed when the command is done, on standard error, as
/// Taskwarrior prints its footnotes.
impl Drop for Session {
    fn drop(&mut self) {
        for line in self.app.take_said() {
            eprintln!("{line}");
        }
        let changed = self
            .app
            .take_changed()
            .into_iter()
            .map(crate::app::hooks::as_json);
        if let Ok(mut all) = CHANGED.lock() {
            all.extend(changed);
        }
    }
}

/// The tasks the command's sessions changed (JSON lines), for the `on-exit` scripts.
static CHANGED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// [`CHANGED`], taken.
pub(super) fn changed_tasks() -> Vec<String> {
    CHANGED
        .lock()
        .map(|mut c| std::mem::take(&mut *c))
        .unwrap_or_default()
}

impl Session {
    /// Open the replica and load every task. With `renumber`, working-set IDs are renumbered
    /// first, as `task` does before a report.
    pub(super) fn open(cli: &Cli, renumber: bool) -> Result<Session> {
        Session::open_with(cli, cli.options(), renumber)
    }

    /// [`Session::open`] with settings already read.
    pub(super) fn open_with(cli: &Cli, options: Options, renumber: bool) -> Result<Session> {
        Session::open_scoped(cli, options, renumber, Scope::All)
    }

    /// [`Session::open_with`], loading only the tasks `scope` says.
    pub(super) fn open_scoped(
        cli: &Cli,
        options: Options,
        renumber: bool,
        scope: Scope,
    ) -> Result<Session> {
        Session::open_prepared(cli, options, renumber, scope, |_| Ok(()))
    }

    /// [`Session::open_scoped`], `prepare` given the core before the tasks are loaded (to
    /// choose the view the rows are first worked out for).
    pub(super) fn open_prepared(
        cli: &Cli,
        options: Options,
        renumber: bool,
        scope: Scope,
        prepare: impl FnOnce(&mut Core) -> Result<()>,
    ) -> Result<Session> {
        let mut replica = cli.open_replica()?;
        if renumber {
            replica.renumber_working_set()?;
        }
        let (mut app, mut effects) = Core::new(options, Utc::now(), *Local::now().offset());
        if scope == Scope::WorkingSet {
            for effect in &mut effects {
                if matches!(effect, Effect::Replica(Command::Load)) {
                    *effect = Effect::Replica(Command::LoadWorkingSet);
                }
            }
        }
        // A context that cannot be put in force stops the command, as in Taskwarrior: a list
        // of every task, or a task added without the context's attributes, would mislead.
        if app.options().contexts.in_force().is_some() && app.context().is_none() {
            let why = app.message().map_or("", |m| m.text.as_str());
            bail!("{why} (`tcui context none` takes the context away)");
        }
        prepare(&mut app)?;
        let mut session = Session {
            app: std::mem::ManuallyDrop::new(app),
            session: session::Session::new(replica),
        };
        session.run(effects)?;
        Ok(session)
    }

    /// The operations an undo would take back now: the newest unsynced step of the log.
    pub(super) fn undo_operations(&self) -> Result<crate::task::Operations> {
        Ok(self.session.replica(|r| r.get_undo_operations())??)
    }

    /// Carry out effects; a failure reported by the replica's owner is an error.
    pub(super) fn run(&mut self, effects: Vec<Effect>) -> Result<()> {
        let failures = self
            .session
            .run(&mut *self.app, effects, &mut |_, _| Vec::new());
        // A hook script's refusal is said in its own words (printed when the command
        // ends), and exits 4, as with `task`.
        if !failures.is_empty() && self.app.take_refused() {
            return Err(HookRefusal.into());
        }
        match failures.into_iter().next() {
            Some(message) => bail!("{message}"),
            None => Ok(()),
        }
    }
}
