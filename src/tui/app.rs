//! The application state and `App::update`: every event (a key, the mouse, a resize, news
//! from the replica's owner) changes the state in memory and may ask for [`Effect`]s. No I/O here.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use uuid::Uuid;

use super::announce::FollowUp;
use super::catalog::Catalog;
use super::config::Config;
use super::layout::Screen;
use super::list_view::ListView;
use super::mode::Mode;
use super::query::QueryContext;
use super::sync_form::{SetupEvent, SetupRequest};
use super::sync_state::{Elsewhere, SyncState, SyncStatus};
use crate::app::sync_task::{SyncEvent, SyncRequest};
use crate::app::{Command, Delta, ReplicaEvent, UuidSource};
use crate::replica::{UuidMap, UuidSet};
use crate::task::DependencyMap;
use crate::task::{Operations, TagContext, Task, TaskData};
use crate::text::{fit, quoted, visible};

/// Something that happened.
#[derive(Debug, Clone)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Replica(ReplicaEvent),
    /// The clock moved on (dates shown relative to now are redrawn).
    Tick(DateTime<Utc>),
    /// News from the background sync.
    Sync(SyncEvent),
    /// The process was asked to end (SIGTERM, or the terminal went away): leave cleanly,
    /// without waiting for a last sync.
    Terminate,
    /// The sync settings were read, checked or written.
    Setup(SetupEvent),
    /// `$EDITOR` finished on a task's text (or could not run).
    Edited {
        uuid: Uuid,
        text: Result<String, String>,
    },
}

impl From<ReplicaEvent> for Event {
    fn from(e: ReplicaEvent) -> Event {
        Event::Replica(e)
    }
}

/// What `update` asks the outside world to do.
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
    Quit,
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Everything the screen shows, and what the keys act on.
pub struct App {
    pub config: Config,
    pub now: DateTime<Utc>,
    pub tz: FixedOffset,
    pub tasks: Catalog,
    pub ids: UuidMap<u32>,
    pub depmap: Arc<DependencyMap>,
    pub urgency: UuidMap<f64>,
    /// The tasks whose status reads as pending (a missing status counts), refreshed with
    /// the urgency.
    pub pending: UuidSet,
    pub loaded: bool,
    pub all_loaded: bool,
    /// The view, the filter and the rows they leave.
    pub list: ListView,
    pub cursor: usize,
    pub scroll: usize,
    pub marks: UuidSet,
    pub show_detail: bool,
    pub history: Option<(Uuid, Operations)>,
    pub mode: Mode,
    pub message: Option<Message>,
    pub size: (u16, u16),
    pub quitting: bool,
    pub sync: SyncStatus,
    /// Changes from other replicas the user has not looked at yet.
    pub elsewhere: Vec<Elsewhere>,
    /// Bumped whenever tasks, IDs, urgency or the clock change: views computed for an older
    /// generation are computed again.
    pub generation: u64,
    /// Where the UUIDs of new tasks come from.
    pub uuids: UuidSource,
    /// Tasks to say more about when their commit comes back.
    pub(super) follow_ups: Vec<(Uuid, FollowUp)>,
}

impl App {
    /// A new app; the effects load the tasks.
    pub fn new(config: Config, now: DateTime<Utc>, tz: FixedOffset) -> (App, Vec<Effect>) {
        let message = config.warnings.first().map(|w| Message {
            text: format!("settings: {w}"),
            error: true,
        });
        let app = App {
            config,
            now,
            tz,
            tasks: Catalog::default(),
            ids: UuidMap::default(),
            depmap: Arc::default(),
            urgency: UuidMap::default(),
            pending: UuidSet::default(),
            loaded: false,
            all_loaded: false,
            list: ListView::default(),
            cursor: 0,
            scroll: 0,
            marks: UuidSet::default(),
            show_detail: false,
            history: None,
            mode: Mode::List,
            message,
            size: (80, 24),
            quitting: false,
            sync: SyncStatus::default(),
            elsewhere: Vec::new(),
            generation: 0,
            uuids: UuidSource::Random,
            follow_ups: Vec::new(),
        };
        (app, vec![Effect::Replica(Command::Load)])
    }

    /// Handle one event.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Event::Key(_) => Vec::new(),
            Event::Mouse(mouse) => {
                self.mouse(mouse);
                Vec::new()
            }
            Event::Resize(w, h) => {
                self.size = (w, h);
                self.keep_cursor_visible();
                Vec::new()
            }
            Event::Replica(event) => self.replica(event),
            Event::Tick(now) => {
                self.now = now;
                self.generation += 1;
                Vec::new()
            }
            Event::Edited { uuid, text } => self.edited(uuid, text),
            Event::Sync(event) => super::sync_state::update(self, event),
            Event::Terminate => {
                self.quitting = true;
                vec![Effect::Replica(Command::Quit), Effect::Quit]
            }
            Event::Setup(event) => super::sync_form::update(self, event),
        }
    }

    /// What reading a filter needs: the time, the time zone and the UDAs.
    pub fn query_context(&self) -> QueryContext<'_> {
        QueryContext {
            now: self.now,
            tz: self.tz,
            udas: &self.config.udas,
        }
    }

    /// The virtual-tag context for now.
    pub fn tag_context(&self) -> TagContext<'_> {
        self.config.tag_context(self.now, self.tz, &self.depmap)
    }

    /// The task under the cursor.
    pub fn current(&self) -> Option<&Task> {
        self.list
            .rows()
            .get(self.cursor)
            .and_then(|r| self.tasks.get(&r.uuid))
    }

    pub fn current_uuid(&self) -> Option<Uuid> {
        self.list.rows().get(self.cursor).map(|r| r.uuid)
    }

    /// The tasks an action applies to: the marked ones, else the one under the cursor.
    pub fn targets(&self) -> Vec<Uuid> {
        if self.marks.is_empty() {
            return self.current_uuid().into_iter().collect();
        }
        self.list
            .rows()
            .iter()
            .map(|r| r.uuid)
            .filter(|u| self.marks.contains(u))
            .collect()
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

    /// What the screen's layout depends on.
    pub fn screen(&self) -> Screen {
        let status_height = match &self.mode {
            Mode::Prompt(p) if p.error.is_some() || !p.hints.is_empty() => 2,
            _ => 1,
        };
        Screen {
            size: self.size,
            show_detail: self.show_detail,
            status_height,
        }
    }

    /// Rows that fit in the list.
    pub fn page(&self) -> usize {
        super::layout::list_height(self.screen()) as usize
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn fail(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Ctrl-C always leaves, whatever is open; while the last sync runs, any key does.
        let ctrl_c = key.code == KeyCode::Char('c')
            && key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL);
        if self.quitting || ctrl_c {
            return vec![Effect::Replica(Command::Quit), Effect::Quit];
        }
        // A screen too small shows only how to leave: no other key acts unseen.
        if super::layout::areas(self.screen()).is_none() {
            return match self.config.keymap.action(&key) {
                Some(super::keymap::Action::Quit) => self.quit(),
                _ => Vec::new(),
            };
        }
        let mut effects = if matches!(self.mode, Mode::List) {
            match self.config.keymap.action(&key) {
                Some(action) => super::actions::run(self, action),
                None => Vec::new(),
            }
        } else {
            super::mode::key(self, key)
        };
        effects.extend(self.history_wanted());
        effects
    }

    /// The detail pane shows the history of the task under the cursor: ask for it when the
    /// cursor has moved to another task.
    fn history_wanted(&self) -> Option<Effect> {
        let uuid = self.current_uuid()?;
        let shown = self.history.as_ref().map(|(u, _)| *u);
        (self.show_detail && !self.quitting && shown != Some(uuid))
            .then_some(Effect::Replica(Command::History(uuid)))
    }

    /// Quit; with sync running, sync once more first (any key skips it).
    pub fn quit(&mut self) -> Vec<Effect> {
        self.quitting = true;
        let syncing = self.sync.enabled
            && !matches!(
                self.sync.state,
                SyncState::NotConfigured(_) | SyncState::Starting
            );
        if syncing && self.sync.unsynced > 0 {
            self.say("syncing before quitting… (any key quits at once)");
            return vec![Effect::Sync(SyncRequest::Quit)];
        }
        vec![Effect::Replica(Command::Quit), Effect::Quit]
    }

    fn mouse(&mut self, mouse: MouseEvent) {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.move_cursor(3),
            MouseEventKind::ScrollUp => self.move_cursor(-3),
            MouseEventKind::Down(_) => {
                if let Some(row) = super::layout::row_at(
                    self.screen(),
                    self.scroll,
                    self.list.rows().len(),
                    mouse.column,
                    mouse.row,
                ) {
                    self.cursor = row;
                    self.keep_cursor_visible();
                }
            }
            _ => {}
        }
    }

    /// Move the cursor by `delta` rows, staying in the list.
    pub fn move_cursor(&mut self, delta: isize) {
        if self.list.rows().is_empty() {
            self.cursor = 0;
            return;
        }
        let last = self.list.rows().len() - 1;
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.keep_cursor_visible();
    }

    pub fn keep_cursor_visible(&mut self) {
        let page = self.page().max(1);
        if self.cursor < self.scroll {
            self.scroll = self.cursor;
        } else if self.cursor >= self.scroll + page {
            self.scroll = self.cursor + 1 - page;
        }
        let max_scroll = self.list.rows().len().saturating_sub(page);
        self.scroll = self.scroll.min(max_scroll);
    }

    fn replica(&mut self, event: ReplicaEvent) -> Vec<Effect> {
        match event {
            ReplicaEvent::Loaded { delta, all } => {
                let Delta {
                    tasks,
                    working_set,
                    depmap,
                    unsynced,
                    ..
                } = delta;
                self.sync.unsynced = unsynced;
                self.generation += 1;
                let uuids: Vec<Uuid> = tasks.iter().map(TaskData::uuid).collect();
                for t in tasks {
                    self.tasks.insert(Task::new(t));
                }
                self.set_working_set(&working_set);
                self.depmap = depmap;
                let first = !self.loaded;
                self.loaded = true;
                self.all_loaded |= all;
                if first {
                    self.refresh_urgency_all();
                } else {
                    self.refresh_one_by_one(&uuids);
                }
                // Later parts hold no pending task: the next view stays as it is.
                if first || all || !self.list.kind().pending_only() {
                    self.rebuild_rows();
                }
            }
            ReplicaEvent::Committed { delta, message } => {
                let committed: Vec<Uuid> = delta.tasks.iter().map(TaskData::uuid).collect();
                self.sync.unsynced = delta.unsynced;
                self.take_delta(delta);
                self.say(message);
                super::announce::after_commit(self, &committed);
                if self.sync.enabled {
                    return vec![Effect::Sync(SyncRequest::Edited)];
                }
            }
            ReplicaEvent::History { uuid, ops } => {
                self.history = Some((uuid, ops));
                return self.history_wanted().into_iter().collect();
            }
            ReplicaEvent::Failed {
                message,
                tasks,
                removed,
            } => {
                self.take_changes(tasks, &removed, None, None);
                self.fail(message);
                // Nothing more is to be said of tasks whose change did not happen.
                self.follow_ups.clear();
            }
        }
        Vec::new()
    }

    fn edited(&mut self, uuid: Uuid, text: Result<String, String>) -> Vec<Effect> {
        match text {
            Ok(text) => super::editor::take_back(self, uuid, &text),
            Err(e) => {
                self.fail(e);
                Vec::new()
            }
        }
    }
}
