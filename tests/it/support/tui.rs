//! The TUI without a terminal, for the tests: `App::update` driven by keys, with the real
//! replica owner on a temporary replica answering its commands, screens drawn into ratatui's test
//! backend at fixed sizes with a fixed clock.

use super::children::OpenInTurn;

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::KeyEvent;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tcui::app::Delta;
use tcui::app::Effect;
use tcui::app::session::Session;
use tcui::app::setup::{SetupEvent, SetupRequest};
use tcui::app::sync_task::SyncRequest;
use tcui::replica::Replica;
use tcui::tui::{App, Config};
use tempfile::TempDir;

// What TUI tests use besides the harness, for `use support::tui::*`.
pub use crossterm::event::{KeyCode, KeyModifiers};
pub use tcui::task::{Operation, TaskData};
pub use tcui::tui::Event;
pub use uuid::Uuid;

/// Saturday 2026-11-21 12:00 UTC.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_262_400, 0).unwrap()
}

pub struct Harness {
    pub app: App,
    pub session: Session,
    pub editor: Option<(Uuid, String)>,
    pub syncs: Vec<SyncRequest>,
    pub quit: bool,
    /// What the sync settings screen reads, and what it was asked to check and save.
    pub setup: FakeSetup,
    /// The contexts written to the taskrc, in order, and why writing fails (if it should).
    pub contexts_saved: Vec<Option<String>>,
    pub context_save_fails: Option<String>,
    /// Last, so that the replica is closed before its folder goes.
    _dir: TempDir,
}

#[derive(Default)]
pub struct FakeSetup {
    pub current: Vec<(String, String)>,
    pub check_fails: Option<String>,
    pub checked: Vec<Vec<(String, String)>>,
    pub saved: Vec<Vec<(String, String)>>,
}

impl FakeSetup {
    fn check(&self) -> Result<String, String> {
        match &self.check_fails {
            Some(e) => Err(e.clone()),
            None => Ok("reachable".into()),
        }
    }
}

impl Harness {
    /// Put the cursor on the row of `uuid`.
    pub fn select_task(&mut self, uuid: Uuid) {
        let row = self
            .app
            .core()
            .list()
            .rows()
            .iter()
            .position(|r| r.uuid == uuid)
            .unwrap();
        self.app.select(row);
    }

    pub fn new(fill: impl FnOnce(&mut Replica)) -> Harness {
        Harness::with_config(Config::defaults(), fill)
    }

    /// With these taskrc lines (contexts, reports, UDAs…) read as tcui reads the taskrc.
    pub fn with_taskrc(taskrc: &str, fill: impl FnOnce(&mut Replica)) -> Harness {
        let rc =
            tcui::config::Taskrc::parse(std::path::Path::new("/taskrc"), taskrc, None).unwrap();
        let settings = tcui::config::Settings::load(None, Some(&rc));
        Harness::with_config(Config::from_settings(&settings), fill)
    }

    pub fn with_config(config: Config, fill: impl FnOnce(&mut Replica)) -> Harness {
        let dir = TempDir::new().unwrap();
        let mut replica = Replica::open_in_turn(dir.path().join("r.redb")).unwrap();
        fill(&mut replica);
        replica.renumber_working_set().unwrap();
        let (mut app, effects) = App::new(config, now(), FixedOffset::east_opt(0).unwrap());
        app.resize((120, 40));
        let mut h = Harness {
            _dir: dir,
            app,
            session: Session::new(replica),
            editor: None,
            syncs: Vec::new(),
            quit: false,
            setup: FakeSetup::default(),
            contexts_saved: Vec::new(),
            context_save_fails: None,
        };
        h.run(effects);
        h
    }

    pub fn demo(tasks: usize) -> Harness {
        Harness::new(|r| {
            r.commit_operations(tcui::demo::demo_operations(tasks, tasks * 2 / 3, now(), 42))
                .unwrap()
        })
    }

    /// Carry out effects the way the real loop does, the replica's answers included.
    pub fn run(&mut self, effects: Vec<Effect>) {
        let Harness {
            app,
            session,
            editor,
            syncs,
            quit,
            setup,
            contexts_saved,
            context_save_fails,
            ..
        } = self;
        session.run(app, effects, &mut |app, effect| match effect {
            Effect::Quit => {
                *quit = true;
                Vec::new()
            }
            Effect::Sync(request) => {
                syncs.push(request);
                Vec::new()
            }
            Effect::Setup(request) => {
                let answer = match request {
                    SetupRequest::Load => SetupEvent::Loaded(setup.current.clone()),
                    SetupRequest::Check(s) => {
                        setup.checked.push(s);
                        SetupEvent::Checked(setup.check())
                    }
                    SetupRequest::Save(s) => {
                        setup.checked.push(s.clone());
                        let result = setup.check();
                        if result.is_ok() {
                            setup.saved.push(s);
                        }
                        SetupEvent::Saved(result.map(|_| "written".to_string()))
                    }
                };
                app.update(Event::Setup(answer))
            }
            Effect::Editor { uuid, text } => {
                *editor = Some((uuid, text));
                Vec::new()
            }
            Effect::SaveContext(name) => {
                let answer = match context_save_fails {
                    Some(e) => Err(e.clone()),
                    None => {
                        contexts_saved.push(name);
                        Ok(())
                    }
                };
                app.update(Event::ContextSaved(answer))
            }
            Effect::Replica(_) => Vec::new(),
        });
    }

    /// The tasks named as the replica holds them now, with what goes with them, as the
    /// replica's owner reads them back after a change.
    pub fn delta(&self, touched: Vec<Uuid>) -> Delta {
        self.session
            .client()
            .ask(move |o| o.delta(&touched))
            .unwrap()
            .unwrap()
    }

    /// Run `f` on the replica, as its owner does.
    pub fn replica<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Replica) -> T + Send + 'static,
    ) -> T {
        self.session.replica(f).unwrap()
    }

    pub fn press(&mut self, code: KeyCode) {
        self.press_with(code, KeyModifiers::NONE);
    }

    pub fn press_with(&mut self, code: KeyCode, mods: KeyModifiers) {
        let effects = self.app.update(Event::Key(KeyEvent::new(code, mods)));
        self.run(effects);
    }

    pub fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// The screen as ratatui's buffer holds it.
    pub fn buffer(&self) -> Buffer {
        let (w, h) = self.app.size();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| tcui::tui::draw::render(&self.app, f))
            .unwrap();
        terminal.backend().buffer().clone()
    }

    /// Where the terminal's cursor is left after a frame is drawn.
    pub fn cursor(&self) -> (u16, u16) {
        use ratatui::backend::Backend as _;
        let (w, h) = self.app.size();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| tcui::tui::draw::render(&self.app, f))
            .unwrap();
        let p = terminal.backend_mut().get_cursor_position().unwrap();
        (p.x, p.y)
    }

    /// The screen as text, one line per row, trailing blanks trimmed, as a terminal shows it.
    pub fn screen(&mut self) -> String {
        let (w, h) = self.app.size();
        let buffer = self.buffer();
        let mut out = String::new();
        for y in 0..h {
            let mut line = String::new();
            let mut x = 0;
            while x < w {
                // A wide cluster covers the cells after it, as on a terminal.
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                x += tcui::text::width(symbol).max(1) as u16;
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    pub fn stored(&self) -> Vec<TaskData> {
        let mut tasks: Vec<TaskData> = self
            .replica(|r| r.all_task_data())
            .unwrap()
            .into_values()
            .collect();
        tasks.sort_by_key(|t| t.get("entry").unwrap_or("").to_string());
        tasks
    }

    pub fn message(&self) -> String {
        self.app
            .core()
            .message()
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }
}

pub fn add_task(r: &mut Replica, description: &str, props: &[(&str, &str)]) -> Uuid {
    add_task_as(r, Uuid::new_v4(), description, props)
}

/// [`add_task`] with the UUID given.
pub fn add_task_as(r: &mut Replica, uuid: Uuid, description: &str, props: &[(&str, &str)]) -> Uuid {
    let mut ops = vec![Operation::UndoPoint];
    let mut t = TaskData::create(uuid, &mut ops);
    let now = Utc::now();
    t.update("status", Some("pending".into()), now, &mut ops);
    t.update("description", Some(description.into()), now, &mut ops);
    t.update("entry", Some("1795000000".into()), now, &mut ops);
    for (k, v) in props {
        t.update(*k, Some(v.to_string()), now, &mut ops);
    }
    r.commit_operations(ops).unwrap();
    uuid
}
