//! The terminal interface's state: the application core, and what only a screen has (the
//! cursor, the scroll, the marks, the detail pane, the open overlay, the keys and colours),
//! with the changes that keep it whole (the cursor stays on its task and in view, marks
//! leave with their tasks). `super::update` takes events into it.

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyEvent, MouseEvent};
use uuid::Uuid;

use super::config::Config;
use super::keymap::KeyMap;
use super::layout::Screen;
use super::mode::Mode;
use super::modes::ctx::Ctx;
use crate::app::setup::SetupEvent;
use crate::app::sync_state::SyncState;
use crate::app::sync_task::{SyncEvent, SyncRequest};
use crate::app::{Command, Core, Effect, ReplicaEvent};
use crate::replica::UuidSet;
use crate::task::Task;
use crate::tui::draw::theme::Theme;

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
    /// The taskrc now names the active context (or could not be written).
    ContextSaved(Result<(), String>),
    /// `tcui status` beside the interface asks for the status: the answer (JSON) goes back
    /// on this.
    Status(std::sync::mpsc::Sender<String>),
}

impl From<ReplicaEvent> for Event {
    fn from(e: ReplicaEvent) -> Event {
        Event::Replica(e)
    }
}

/// Everything the screen shows, and what the keys act on.
pub struct App {
    pub(super) core: Core,
    pub(super) keymap: KeyMap,
    pub(super) theme: Theme,
    pub(super) cursor: usize,
    pub(super) scroll: usize,
    pub(super) marks: UuidSet,
    pub(super) show_detail: bool,
    pub(super) mode: Mode,
    pub(super) size: (u16, u16),
    pub(super) quitting: bool,
    /// The widths the list's columns need, for the rows they were measured for.
    pub(super) widths: std::cell::RefCell<ColumnWidths>,
}

/// The cells each of the list's columns needs, and which rows that was measured for (the
/// rows' version and the view): small lists are measured whole, larger ones by what has
/// been on screen since their rows changed, so that widths do not shrink while scrolling.
#[derive(Debug, Default)]
pub struct ColumnWidths {
    pub rows_version: u64,
    pub view: String,
    /// Per column: the cells its text needs without Taskwarrior's padding, and with it.
    pub widths: Vec<(usize, usize)>,
}

impl App {
    /// A new app; the effects load the tasks.
    pub fn new(config: Config, now: DateTime<Utc>, tz: FixedOffset) -> (App, Vec<Effect>) {
        let Config {
            keymap,
            theme,
            options,
        } = config;
        let (core, effects) = Core::new(options, now, tz);
        let app = App {
            core,
            keymap,
            theme,
            cursor: 0,
            scroll: 0,
            marks: UuidSet::default(),
            show_detail: false,
            mode: Mode::List,
            size: (80, 24),
            quitting: false,
            widths: Default::default(),
        };
        (app, effects)
    }

    /// The application core.
    pub fn core(&self) -> &Core {
        &self.core
    }

    /// Change the core with `f`, keeping the cursor on its task where the rows moved, on a
    /// task just added, and off tasks that are gone.
    pub fn with_core<T>(&mut self, f: impl FnOnce(&mut Core) -> T) -> T {
        let keep = self.current_uuid();
        let version = self.core.rows_version();
        let removals = self.core.removals();
        let out = f(&mut self.core);
        let focus = self.core.take_focus();
        let rows = self.core.list().rows();
        if self.core.rows_version() != version {
            if let Some(uuid) = keep
                && rows.get(self.cursor).is_none_or(|r| r.uuid != uuid)
                && let Some(i) = rows.iter().position(|r| r.uuid == uuid)
            {
                self.cursor = i;
            }
            self.cursor = self.cursor.min(rows.len().saturating_sub(1));
        }
        if let Some(uuid) = focus
            && let Some(i) = rows.iter().position(|r| r.uuid == uuid)
        {
            self.cursor = i;
        }
        if !self.marks.is_empty() && self.core.removals() != removals {
            let tasks = self.core.tasks();
            self.marks.retain(|u| tasks.contains_key(u));
        }
        self.keep_cursor_visible();
        out
    }

    /// Run an edit of the core; once it is sent to be committed, the marks are cleared and
    /// the list has the keys again. An error goes to the status bar.
    pub(crate) fn edit(
        &mut self,
        f: impl FnOnce(&mut Core) -> Result<Vec<Effect>, String>,
    ) -> Vec<Effect> {
        match self.with_core(f) {
            Ok(effects) => {
                if effects.iter().any(Effect::is_commit) {
                    self.marks.clear();
                    self.mode = Mode::List;
                }
                effects
            }
            Err(e) => {
                self.core.fail(e);
                Vec::new()
            }
        }
    }

    /// The time for what happens next (nothing shown changes: a tick does that).
    pub fn set_clock(&mut self, now: DateTime<Utc>) {
        self.core.set_clock(now);
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn marks(&self) -> &UuidSet {
        &self.marks
    }

    /// Mark task `uuid`: changes apply to the marked tasks.
    pub fn mark(&mut self, uuid: Uuid) {
        self.marks.insert(uuid);
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// The terminal is `size` (columns, rows) now.
    pub fn resize(&mut self, size: (u16, u16)) {
        self.size = size;
        self.keep_cursor_visible();
    }

    /// Put the cursor on row `row` (the last row if there are fewer).
    pub fn select(&mut self, row: usize) {
        self.cursor = row.min(self.core.list().rows().len().saturating_sub(1));
        self.keep_cursor_visible();
    }

    /// The task under the cursor.
    pub fn current(&self) -> Option<&Task> {
        self.core
            .list()
            .rows()
            .get(self.cursor)
            .and_then(|r| self.core.tasks().get(&r.uuid))
    }

    pub fn current_uuid(&self) -> Option<Uuid> {
        self.core.list().rows().get(self.cursor).map(|r| r.uuid)
    }

    /// The tasks an action applies to: the marked ones, else the one under the cursor.
    pub fn targets(&self) -> Vec<Uuid> {
        if self.marks.is_empty() {
            return self.current_uuid().into_iter().collect();
        }
        self.core
            .list()
            .rows()
            .iter()
            .map(|r| r.uuid)
            .filter(|u| self.marks.contains(u))
            .collect()
    }

    /// The app as an open overlay sees it.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            core: &self.core,
            keymap: &self.keymap,
            theme: &self.theme,
            size: self.size,
            marked: self.marks.len(),
        }
    }

    /// What the screen's layout depends on.
    pub fn screen(&self) -> Screen {
        let status_height = match &self.mode {
            Mode::Prompt(p) => p.height(&self.core.options().udas),
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

    /// Quit; with sync running, sync once more first (any key skips it).
    pub fn quit(&mut self) -> Vec<Effect> {
        self.quitting = true;
        let sync = self.core.sync();
        let syncing = sync.enabled
            && !matches!(
                sync.state,
                SyncState::NotConfigured(_) | SyncState::Starting
            );
        if syncing && sync.unsynced > 0 {
            self.core
                .say("syncing before quitting… (any key quits at once)");
            return vec![Effect::Sync(SyncRequest::Quit)];
        }
        vec![Effect::Replica(Command::Quit), Effect::Quit]
    }

    /// Move the cursor by `delta` rows, staying in the list.
    pub fn move_cursor(&mut self, delta: isize) {
        let rows = self.core.list().rows().len();
        if rows == 0 {
            self.cursor = 0;
            return;
        }
        self.cursor = self.cursor.saturating_add_signed(delta).min(rows - 1);
        self.keep_cursor_visible();
    }

    /// When what is on screen may next change with the clock alone (see
    /// [`crate::app::Core::next_change`]), for the rows on screen.
    pub fn next_change(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let rows = self.core.list().rows();
        let from = self.scroll.min(rows.len());
        let to = (self.scroll + self.page().max(1)).min(rows.len());
        self.core
            .next_change(rows[from..to].iter().map(|r| &r.uuid))
    }

    pub fn keep_cursor_visible(&mut self) {
        let page = self.page().max(1);
        if self.cursor < self.scroll {
            self.scroll = self.cursor;
        } else if self.cursor >= self.scroll + page {
            self.scroll = self.cursor + 1 - page;
        }
        let max_scroll = self.core.list().rows().len().saturating_sub(page);
        self.scroll = self.scroll.min(max_scroll);
    }

    /// Show the report `name`, from its top; a report that cannot be shown is said.
    pub fn set_view(&mut self, name: &str) {
        self.cursor = 0;
        self.scroll = 0;
        if let Err(e) = self.with_core(|core| core.set_view(name)) {
            self.fail(e);
        }
    }

    /// Filter the list by `query`, typed as `text` (`None` and "" for no filter).
    pub fn set_query(&mut self, text: String, query: Option<crate::app::query::Query>) {
        self.with_core(|core| core.set_query(text, query));
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.core.say(text);
    }

    pub fn fail(&mut self, text: impl Into<String>) {
        self.core.fail(text);
    }
}
