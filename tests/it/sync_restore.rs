//! The interface, its background sync and a second replica on one folder: an edit made here
//! and sent, then replaced by one made elsewhere without having seen it, is listed as lost
//! (`c`) and brought back (`r`), and the restored value reaches the other replica.

use crate::support;
use crate::support::children::OpenInTurn;

use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::peer::{Peer, tcui_add};
use tcui::app::Effect;
use tcui::app::session::Session;
use tcui::app::sync_task::{self, SyncEvent, SyncHandle, SyncRequest, SyncTimes};
use tcui::replica::Replica;
use tcui::sync::{LocalServer, Server};
use tcui::tui::{App, Config, Event};
use tempfile::TempDir;

/// The app on a replica, with the real background sync on a folder.
struct Screen {
    app: App,
    session: Session,
    sync: SyncHandle,
    events: Receiver<SyncEvent>,
    /// Sync requests the app made, not yet passed on.
    asked: Vec<SyncRequest>,
}

impl Screen {
    fn new(replica: Replica, folder: std::path::PathBuf) -> Screen {
        let now: DateTime<Utc> = Utc::now();
        let (mut app, effects) =
            App::new(Config::defaults(), now, FixedOffset::east_opt(0).unwrap());
        app.resize((120, 40));
        app.with_core(|core| core.enable_sync());
        let session = Session::new(replica);
        let (tx, events) = mpsc::channel();
        let connect: sync_task::Connect = Box::new(move || {
            LocalServer::open(&folder)
                .map(|s| Box::new(s) as Box<dyn Server + Send>)
                .map_err(|e| sync_task::ConnectError::Failed(e.to_string()))
        });
        let times = SyncTimes {
            interval: Duration::from_secs(3600),
            after_edit: Duration::from_secs(3600),
            backoff: Duration::from_secs(3600),
            cap: Duration::from_secs(3600),
            poll: Duration::from_secs(3600),
        };
        let sync = sync_task::spawn(session.client(), connect, times, None, tx, |e| e);
        let mut screen = Screen {
            app,
            session,
            sync,
            events,
            asked: Vec::new(),
        };
        screen.run(effects);
        // The service syncs once as it starts; that sync ends before any asked for here begins.
        screen.until_finished();
        screen
    }

    fn run(&mut self, effects: Vec<Effect>) {
        let asked = &mut self.asked;
        self.session.run(&mut self.app, effects, &mut |_, effect| {
            if let Effect::Sync(request) = effect {
                asked.push(request);
            }
            Vec::new()
        });
    }

    fn press(&mut self, code: KeyCode) {
        let effects = self
            .app
            .update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self.run(effects);
    }

    fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// Sync now, and hand every event up to the end of that sync to the app.
    fn sync_now(&mut self) {
        self.asked.clear();
        self.sync.requests.send(SyncRequest::Now).unwrap();
        self.until_finished();
    }

    /// Hand every event up to the end of the sync under way (or the next) to the app.
    fn until_finished(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let event = self
                .events
                .recv_timeout(left)
                .expect("the sync did not end");
            let done = match &event {
                SyncEvent::Finished { .. } => true,
                SyncEvent::Failed { error, .. } => panic!("{error}"),
                _ => false,
            };
            let effects = self.app.update(Event::Sync(event));
            self.run(effects);
            if done {
                return;
            }
        }
    }

    fn screen(&self) -> String {
        let (w, h) = self.app.size();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| tcui::tui::draw::render(&self.app, f))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..h {
            for x in 0..w {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    fn project(&self, uuid: uuid::Uuid) -> Option<String> {
        let task = self
            .session
            .replica(move |r| r.get_task_data(uuid))
            .unwrap()
            .unwrap()
            .unwrap();
        task.get("project").map(str::to_owned)
    }
}

#[test]
fn an_edit_sent_then_replaced_unseen_from_elsewhere_can_be_restored() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("f");
    std::fs::create_dir(&folder).unwrap();
    let mut replica = Replica::open_in_turn(dir.path().join("b.redb")).unwrap();
    let shared = tcui_add(&mut replica, "shared task");
    let mut a = Peer::new(taskchampion::ServerConfig::Local {
        server_dir: folder.clone(),
    });
    let mut b = Screen::new(replica, folder);
    b.sync_now();
    a.sync();

    // B sets the project in the interface; A sets it too, a moment later, not having seen it.
    assert_eq!(b.app.current_uuid(), Some(shared));
    b.press(KeyCode::Char('m'));
    b.typed("project:fromB");
    b.press(KeyCode::Enter);
    assert_eq!(b.project(shared).as_deref(), Some("fromB"));
    assert!(b.asked.contains(&SyncRequest::Edited));
    std::thread::sleep(Duration::from_millis(5));
    a.set(shared, "project", Some("fromA"));
    // B's change goes out; A syncs, and its later change wins there; B syncs again.
    b.sync_now();
    a.sync();
    b.sync_now();
    assert_eq!(b.project(shared).as_deref(), Some("fromA"));

    b.press(KeyCode::Char('c'));
    let screen = b.screen();
    assert!(
        screen.contains("your project \"fromB\" lost to a later change"),
        "{screen}"
    );
    let at = b
        .app
        .core()
        .elsewhere()
        .iter()
        .position(|e| e.lost.is_some())
        .unwrap();
    for _ in 0..at {
        b.press(KeyCode::Char('j'));
    }
    b.press(KeyCode::Char('r'));
    assert_eq!(b.project(shared).as_deref(), Some("fromB"));
    assert!(b.asked.contains(&SyncRequest::Edited), "{:?}", b.asked);

    // The restore is an ordinary edit: it reaches A at the next syncs.
    b.sync_now();
    a.sync();
    assert_eq!(a.tasks()[&shared]["project"], "fromB");
    b.sync.requests.send(SyncRequest::Quit).unwrap();
}
