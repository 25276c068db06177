//! The application without a terminal: the tasks as the replica's owner last told them, with
//! their IDs, urgency and dependencies, the list view and its query, the sync's state, and
//! the status message. `Core::update` takes news (from the replica's owner, the sync, the
//! clock, `$EDITOR`) and answers with [`Effect`]s; the edits in `super::edits` do the same
//! for what a user asks. No I/O here. The terminal interface and the command line both run
//! on it.

use crate::lang::ValueOrder;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use uuid::Uuid;

use super::catalog::Catalog;
use super::cells::RowContext;
use super::context::{Active, Contexts};
use super::list_view::ListView;
use super::query::{Query, QueryContext};
use super::reports::Reports;
use super::setup::SetupRequest;
use super::sync_status::{Elsewhere, SyncStatus};
use super::sync_task::{SyncEvent, SyncRequest, SyncTimes};
use super::view::View;
use super::{Command, ReplicaEvent, UuidSource};
use crate::config::Settings;
use crate::lang::{Case, Search};
use crate::replica::{UuidMap, UuidSet};
use crate::task::{DependencyMap, Operations, TagContext, UrgencyCoefficients};
use crate::text::{fit, quoted, visible};

/// News for the core.
#[derive(Debug, Clone)]
pub enum Event {
    Replica(ReplicaEvent),
    /// The clock moved on (dates shown relative to now are shown again).
    Tick(DateTime<Utc>),
    /// News from the background sync.
    Sync(SyncEvent),
    /// `$EDITOR` finished on a task's text (or could not run).
    Edited {
        uuid: Uuid,
        text: Result<String, String>,
    },
    /// The taskrc now names the active context (or says why it could not be written).
    ContextSaved(Result<(), String>),
}

/// What the application asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Replica(Command),
    /// Suspend the screen and edit `text` in `$EDITOR`; answer with [`Event::Edited`].
    Editor {
        uuid: Uuid,
        text: String,
    },
    /// Ask the background sync for something.
    Sync(SyncRequest),
    /// Read, check or write the sync settings.
    Setup(SetupRequest),
    /// Write `context=NAME` to the taskrc (`None`: remove it), as `task context` does;
    /// answer with [`Event::ContextSaved`].
    SaveContext(Option<String>),
    Quit,
}

impl Effect {
    /// Whether this sends a change to the replica's owner to be committed.
    pub fn is_commit(&self) -> bool {
        matches!(self, Effect::Replica(Command::Commit { .. }))
    }
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    /// Said of a change sent to the replica's owner (which runs the hook scripts before it
    /// commits): since when it has waited for the answer.
    pub waiting_since: Option<DateTime<Utc>>,
}

/// The keys an interface gives to what messages point the user to (empty: no key to name).
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Shows the changes other replicas made.
    pub changes_elsewhere: String,
    /// Shows the waiting tasks.
    pub waiting_view: String,
    /// Clears the filter.
    pub clear_filter: String,
}

/// The settings the core runs with: urgency, UDAs, due days, sync timing.
#[derive(Debug, Clone)]
pub struct Options {
    pub coefficients: UrgencyCoefficients,
    pub udas: Vec<String>,
    /// How filters order the values of numeric UDAs and UDAs with listed values.
    pub orders: Vec<(String, ValueOrder)>,
    pub due_days: i64,
    /// `recurrence.limit` while `recurrence` is on: how many due dates after now each
    /// recurring template has instances for; `None` when recurrence is off.
    pub recurrence: Option<i64>,
    /// The user's hook scripts, when hooks are on and there are any.
    pub hooks: Option<std::sync::Arc<super::hooks::Hooks>>,
    /// How long a hook script may run before it is stopped and its change refused
    /// (`hooks.timeout`).
    pub hook_timeout: std::time::Duration,
    pub sync_times: SyncTimes,
    /// The user's settings file.
    pub path: Option<PathBuf>,
    /// What was wrong in the settings.
    pub warnings: Vec<String>,
    pub hints: Hints,
    /// The contexts the taskrc defines, and the active one.
    pub contexts: Contexts,
    /// The reports: Taskwarrior's built-in ones as the settings leave them, and new ones.
    pub reports: Reports,
    /// Every setting, for what is read where it is used (formats, UDA definitions).
    pub settings: Settings,
    /// `search.case.sensitive` (smart case unless the settings say yes or no) and `regex`.
    pub search: Search,
    /// `dateformat`, for reading dates typed in it (empty: none set).
    pub dateformat: String,
}

impl Options {
    /// Read from the user's settings; mistakes are listed in `warnings`.
    pub fn from_settings(settings: &Settings) -> Options {
        let mut warnings = settings.warnings.clone();
        let (coefficients, w) = UrgencyCoefficients::from_settings(
            settings.iter().filter(|(k, _)| k.starts_with("urgency.")),
        );
        warnings.extend(w);
        let mut sync_times = SyncTimes::default();
        let mut hook_timeout = std::time::Duration::from_secs(10);
        for (key, slot) in [
            ("hooks.timeout", &mut hook_timeout),
            ("background_sync.interval", &mut sync_times.interval),
            ("background_sync.after_edit", &mut sync_times.after_edit),
            ("background_sync.retry", &mut sync_times.backoff),
            ("background_sync.retry_max", &mut sync_times.cap),
            ("background_sync.poll", &mut sync_times.poll),
        ] {
            if let Some(text) = settings.get(key) {
                match crate::time::parse_duration(text) {
                    Ok(p) if p.months() == 0 && p.seconds() > 0 => {
                        *slot = std::time::Duration::from_secs(p.seconds() as u64);
                    }
                    _ => warnings.push(format!(
                        "{key}: {} is not a positive duration like 5min or 30s",
                        quoted(text)
                    )),
                }
            }
        }
        let recurrence = settings
            .get("recurrence")
            .is_none_or(crate::config::is_true)
            .then(|| match settings.get("recurrence.limit") {
                None => 1,
                Some(text) => text.trim().parse().unwrap_or_else(|_| {
                    warnings.push(format!(
                        "recurrence.limit: {} is not a whole number; 1 is used",
                        quoted(text)
                    ));
                    1
                }),
            });
        Options {
            coefficients,
            udas: settings.udas(),
            orders: value_orders(settings),
            due_days: settings.due_days(),
            recurrence,
            // Found by the command line or the interface, which know where to look.
            hooks: None,
            hook_timeout,
            sync_times,
            path: settings.path.clone(),
            warnings,
            hints: Hints::default(),
            contexts: Contexts::from_settings(settings.iter()),
            reports: Reports::from_settings(settings.iter()),
            settings: settings.clone(),
            search: Search {
                case: match settings.get("search.case.sensitive") {
                    None => Case::Smart,
                    Some(v) if crate::config::is_true(v) => Case::Sensitive,
                    Some(_) => Case::Insensitive,
                },
                regex: settings.get("regex").is_none_or(crate::config::is_true),
            },
            dateformat: settings.get("dateformat").unwrap_or("").trim().to_string(),
        }
    }

    /// What reading a filter needs at `now` in `tz`, with these settings.
    pub fn query_context(&self, now: DateTime<Utc>, tz: FixedOffset) -> QueryContext<'_> {
        QueryContext {
            now,
            tz,
            udas: &self.udas,
            orders: &self.orders,
            search: self.search,
            dateformat: &self.dateformat,
        }
    }

    /// The virtual-tag context at `now` in `tz`, with these settings' due days and UDAs.
    pub fn tag_context<'a>(
        &'a self,
        now: DateTime<Utc>,
        tz: FixedOffset,
        depmap: &'a DependencyMap,
    ) -> TagContext<'a> {
        TagContext::new(now, tz, depmap)
            .with_due_days(self.due_days)
            .with_udas(&self.udas)
    }
}

/// How filters order the UDAs' values: numeric ones as numbers, those with `values` (and
/// Taskwarrior's own `priority`) by the list.
fn value_orders(settings: &Settings) -> Vec<(String, ValueOrder)> {
    let defs = super::cells::UdaDefs::from_settings(settings.iter());
    defs.names()
        .filter_map(|name| {
            let def = defs.get(name)?;
            let order = if def.kind == super::cells::UdaType::Numeric {
                ValueOrder::Numeric
            } else if !def.values.is_empty() {
                ValueOrder::Listed(def.values.clone())
            } else {
                return None;
            };
            Some((name.to_string(), order))
        })
        .collect()
}

/// The view the list starts on: the report `default.command` names (as `task` alone runs it;
/// Taskwarrior's default is `next`), as the settings define it, or Taskwarrior's own next
/// report when that one cannot be used (which the message then says).
fn first_view(
    options: &Options,
    ctx: &QueryContext<'_>,
    message: &mut Option<Message>,
) -> Arc<View> {
    let name = options
        .settings
        .get("default.command")
        .and_then(|c| c.split_whitespace().next())
        .filter(|n| options.reports.get(n).is_some())
        .unwrap_or("next");
    let own = options
        .reports
        .get(name)
        .ok_or_else(|| "there is no next report (report.next.columns)".to_string())
        .and_then(|def| View::new(def, ctx, &options.settings));
    match own {
        Ok(view) => Arc::new(view),
        Err(e) => {
            message.get_or_insert(Message {
                text: format!("{e}; Taskwarrior's own next report is shown instead"),
                error: true,
                waiting_since: None,
            });
            let defaults = Settings::defaults();
            let shipped = Reports::from_settings(defaults.iter());
            let view = shipped
                .get("next")
                .and_then(|def| View::new(def, ctx, &defaults).ok());
            // The shipped next report always reads (a test holds it to that).
            Arc::new(view.unwrap_or_else(View::empty))
        }
    }
}

/// A task to say more about when its commit comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// A copy made by duplicate: the ID it got.
    Copy,
    /// A task just added: where it is, if the view does not show it.
    Added,
}

/// The tasks and what is shown of them.
pub struct Core {
    pub(super) options: Options,
    pub(super) now: DateTime<Utc>,
    pub(super) tz: FixedOffset,
    pub(super) tasks: Catalog,
    pub(super) ids: UuidMap<u32>,
    /// The working set's largest index (the ID `+LATEST` names).
    pub(super) latest: Option<u32>,
    pub(super) depmap: Arc<DependencyMap>,
    pub(super) urgency: UuidMap<f64>,
    /// The tasks whose status reads as pending (a missing status counts), refreshed with
    /// the urgency.
    pub(super) pending: UuidSet,
    pub(super) loaded: bool,
    pub(super) all_loaded: bool,
    /// The view, the filter and the rows they leave.
    pub(super) list: ListView,
    /// Bumped whenever the rows are computed again.
    pub(super) rows_version: u64,
    /// Bumped whenever tasks are removed.
    pub(super) removals: u64,
    pub(super) history: Option<(Uuid, Operations)>,
    pub(super) message: Option<Message>,
    pub(super) sync: SyncStatus,
    /// The command line the replica is lent to now (beside this interface), if any.
    lent_to: Option<String>,
    /// Changes from other replicas the user has not looked at yet.
    pub(super) elsewhere: Vec<Elsewhere>,
    /// When each recurring template's next pending instance is due.
    pub(super) next_due: UuidMap<DateTime<Utc>>,
    /// What hook scripts said of changes, until the command line prints it.
    pub(super) said: Vec<String>,
    /// A hook script refused a change since this was last asked.
    pub(super) refused: bool,
    /// The tasks as each change left them, for the `on-exit` scripts (kept only when
    /// there are some).
    pub(super) changed: Vec<crate::task::TaskData>,
    /// Bumped whenever tasks, IDs, urgency or the clock change: views computed for an older
    /// generation are computed again.
    pub(super) generation: u64,
    /// Where the UUIDs of new tasks come from.
    pub(super) uuids: UuidSource,
    /// Tasks to say more about when their commit comes back.
    pub(super) follow_ups: Vec<(Uuid, FollowUp)>,
    /// A task just added, for the interface to put its cursor on.
    pub(super) focus: Option<Uuid>,
    /// The context in force, if any.
    pub(super) context: Option<Active>,
}

impl Core {
    /// A new core; the effects load the tasks.
    pub fn new(options: Options, now: DateTime<Utc>, tz: FixedOffset) -> (Core, Vec<Effect>) {
        let mut message = options.warnings.first().map(|w| Message {
            text: format!("settings: {w}"),
            error: true,
            waiting_since: None,
        });
        let ctx = options.query_context(now, tz);
        // As in Taskwarrior, `context=none` (or a name nothing defines) narrows nothing; a
        // name that is not defined is said, a filter that does not parse too.
        let context = options.contexts.in_force().and_then(|name| {
            Active::new(&options.contexts, name, &ctx)
                .map_err(|e| {
                    message.get_or_insert(Message {
                        text: format!("{e}; no context is applied"),
                        error: true,
                        waiting_since: None,
                    });
                })
                .ok()
        });
        let list = ListView::new(first_view(&options, &ctx, &mut message));
        let core = Core {
            options,
            now,
            tz,
            tasks: Catalog::default(),
            ids: UuidMap::default(),
            latest: None,
            depmap: Arc::default(),
            urgency: UuidMap::default(),
            pending: UuidSet::default(),
            loaded: false,
            all_loaded: false,
            list,
            rows_version: 0,
            removals: 0,
            history: None,
            message,
            sync: SyncStatus::default(),
            lent_to: None,
            elsewhere: Vec::new(),
            next_due: UuidMap::default(),
            said: Vec::new(),
            refused: false,
            changed: Vec::new(),
            generation: 0,
            uuids: UuidSource::Random,
            follow_ups: Vec::new(),
            focus: None,
            context,
        };
        (core, vec![Effect::Replica(Command::Load)])
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The time for what happens next; what is shown is not computed again (a
    /// [`Event::Tick`] does that).
    pub fn set_clock(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    /// The replica is lent to this command line now (`None`: to none).
    pub fn set_lent_to(&mut self, to: Option<String>) {
        self.lent_to = to;
    }

    /// The command line the replica is lent to now, if any.
    pub fn lent_to(&self) -> Option<&str> {
        self.lent_to.as_deref()
    }

    pub fn tz(&self) -> FixedOffset {
        self.tz
    }

    /// The local date now.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::time::calendar::local_date(&self.tz, self.now)
    }

    pub fn tasks(&self) -> &Catalog {
        &self.tasks
    }

    /// When text shown now may next change with the clock alone: how long ago the sync
    /// was, the retry countdown, and the relative dates of the tasks `shown`. `None`:
    /// nothing shown depends on the clock that way.
    pub fn next_change<'a>(&self, shown: impl Iterator<Item = &'a Uuid>) -> Option<DateTime<Utc>> {
        use super::sync_state::SyncState;
        let now = self.now;
        let after = |secs: i64| now + chrono::TimeDelta::seconds(secs);
        let mut next: Option<DateTime<Utc>> = None;
        let mut at = |t: DateTime<Utc>| next = Some(next.map_or(t, |n| n.min(t)));
        match (&self.sync.state, self.sync.last_success) {
            (SyncState::Failed { .. }, _) if self.sync.enabled => at(after(1)),
            (SyncState::Idle, Some(last)) if self.sync.enabled => {
                at(after(crate::time::next_change(last, now)))
            }
            _ => {}
        }
        for uuid in shown {
            let Some(task) = self.tasks.get(uuid) else {
                continue;
            };
            let dates = [
                task.entry(),
                task.modified(),
                task.start(),
                task.end(),
                task.due(),
                task.wait(),
                task.scheduled(),
                task.until(),
            ];
            for date in dates.into_iter().flatten() {
                at(after(crate::time::next_change(date, now)));
            }
        }
        next
    }

    /// The tasks with IDs: every pending, waiting and recurring one.
    pub fn working_set_tasks(&self) -> impl Iterator<Item = &crate::task::Task> {
        self.ids.keys().filter_map(|u| self.tasks.get(u))
    }

    /// Where the sync stands: when it last went through, and why the last try failed.
    pub fn last_sync(&self) -> super::status::LastSync {
        let error = match &self.sync.state {
            super::sync_state::SyncState::Failed { error, .. } => Some(error.clone()),
            _ => None,
        };
        super::status::LastSync {
            at: self.sync.last_success,
            error,
        }
    }

    /// What `tcui status` tells, from the tasks as last told and the sync's state.
    pub fn status(&self) -> super::status::Status {
        // The tasks with IDs are every pending one.
        super::status::Status::count(self.working_set_tasks(), self.now, self.tz)
            .with_sync(self.sync.unsynced, self.last_sync())
    }

    /// Working-set IDs.
    pub fn ids(&self) -> &UuidMap<u32> {
        &self.ids
    }

    pub fn depmap(&self) -> &DependencyMap {
        &self.depmap
    }

    pub fn urgency(&self) -> &UuidMap<f64> {
        &self.urgency
    }

    /// Whether the first part of the tasks has arrived.
    pub fn loaded(&self) -> bool {
        self.loaded
    }

    /// Whether every task has arrived (done and deleted ones are loaded last).
    pub fn all_loaded(&self) -> bool {
        self.all_loaded
    }

    pub fn list(&self) -> &ListView {
        &self.list
    }

    /// Changes whenever the rows are computed again.
    pub fn rows_version(&self) -> u64 {
        self.rows_version
    }

    /// Changes whenever tasks are removed.
    pub fn removals(&self) -> u64 {
        self.removals
    }

    /// The history of one task, as last asked for.
    pub fn history(&self) -> Option<&(Uuid, Operations)> {
        self.history.as_ref()
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub fn sync(&self) -> &SyncStatus {
        &self.sync
    }

    /// Turn the background sync's reporting on (it is off in tests and the demo).
    pub fn enable_sync(&mut self) {
        self.sync.enabled = true;
    }

    pub fn elsewhere(&self) -> &[Elsewhere] {
        &self.elsewhere
    }

    /// The user has looked at the changes from elsewhere.
    pub fn forget_elsewhere(&mut self) {
        self.elsewhere.clear();
    }

    /// A new UUID from the core's source (for a task, or a sync client).
    pub fn new_uuid(&self) -> Uuid {
        self.uuids.next()
    }

    /// The task just added, if the interface has not taken it yet.
    pub fn take_focus(&mut self) -> Option<Uuid> {
        self.focus.take()
    }

    /// The context in force, if any.
    pub fn context(&self) -> Option<&Active> {
        self.context.as_ref()
    }

    /// Whether `task` is inside the context in force (every task is, without one).
    pub fn in_context(&self, task: &crate::task::Task) -> bool {
        let Some(read) = self.context.as_ref().and_then(|c| c.read.as_ref()) else {
            return true;
        };
        let ctx = self.tag_context();
        let id = self.ids.get(&task.uuid()).copied();
        let urgency = |t: &crate::task::Task| self.urgency.get(&t.uuid()).copied();
        read.score(task, id, &ctx, &urgency).is_some()
    }

    /// What a row's cells need besides the task: the clock, and the task's ID and urgency.
    pub fn row_context(&self, uuid: &Uuid, urgency: f64) -> RowContext<'_> {
        RowContext {
            now: self.now,
            tz: self.tz,
            id: self.ids.get(uuid).copied(),
            urgency,
            ids: &self.ids,
            next_due: &self.next_due,
        }
    }

    /// The tasks changed since this was last asked, each as its last change left it, for
    /// the `on-exit` scripts.
    pub fn take_changed(&mut self) -> Vec<crate::task::TaskData> {
        let mut seen = crate::replica::UuidSet::default();
        let mut changed: Vec<crate::task::TaskData> = std::mem::take(&mut self.changed)
            .into_iter()
            .rev()
            .filter(|t| seen.insert(t.uuid()))
            .collect();
        changed.reverse();
        changed
    }

    /// Whether a hook script refused a change since this was last asked.
    pub fn take_refused(&mut self) -> bool {
        std::mem::take(&mut self.refused)
    }

    /// What hook scripts have said of changes since this was last asked.
    pub fn take_said(&mut self) -> Vec<String> {
        std::mem::take(&mut self.said)
    }

    /// When each recurring template's next pending instance (in the working set) is due.
    pub fn next_due(&self) -> &UuidMap<DateTime<Utc>> {
        &self.next_due
    }

    /// Work out [`Core::next_due`] again.
    pub(super) fn refresh_next_due(&mut self) {
        self.next_due.clear();
        // Field by field (not `working_set_tasks`): `next_due` is written meanwhile.
        for task in self.ids.keys().filter_map(|u| self.tasks.get(u)) {
            let Some((template, _)) = crate::task::recurrence::instance_of(task) else {
                continue;
            };
            let (crate::task::Status::Pending, Some(due)) = (task.status(), task.due()) else {
                continue;
            };
            let next = self.next_due.entry(template).or_insert(due);
            *next = (*next).min(due);
        }
    }

    /// What reading a filter needs: the time, the time zone and the UDAs.
    pub fn query_context(&self) -> QueryContext<'_> {
        self.options.query_context(self.now, self.tz)
    }

    /// The virtual-tag context for now.
    pub fn tag_context(&self) -> TagContext<'_> {
        self.options
            .tag_context(self.now, self.tz, &self.depmap)
            .with_latest(self.latest)
    }

    /// `12 "Buy milk"`: how messages name a task.
    pub fn describe(&self, uuid: Uuid) -> String {
        let description = self
            .tasks
            .get(&uuid)
            .map(|t| quoted(&fit(&visible(t.description()), 40)))
            .unwrap_or_default();
        match self.ids.get(&uuid) {
            Some(id) => format!("{id} {description}"),
            None => description,
        }
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
            waiting_since: None,
        });
    }

    /// Say that a change was sent to the replica's owner, and is waited for.
    pub fn say_waiting(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
            waiting_since: Some(self.now),
        });
    }

    pub fn clear_message(&mut self) {
        self.message = None;
    }

    pub fn fail(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
            waiting_since: None,
        });
    }

    /// Compute the rows of the view again from scratch, as for a new generation of data.
    pub fn recompute_rows(&mut self) {
        self.generation += 1;
        self.rebuild_rows();
    }

    /// Parse `text` as a filter and show the next view through it.
    pub fn filter_next(&mut self, text: String) -> Result<(), String> {
        let query = Query::parse(&text, &self.query_context())?;
        self.set_view_and_query("next", text, Some(query))
    }
}
