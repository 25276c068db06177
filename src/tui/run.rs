//! The loop that runs the TUI on a real terminal: a thread reading keys, the thread owning
//! the replica, and this one drawing after each batch of events. The terminal is put
//! back as it was on every exit, a panic included.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::{Local, Utc};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use uuid::Uuid;

use super::app::{App, Event};
use super::config::Config;
use crate::app::Effect;
use crate::app::background::{Background, SyncPlan};
use crate::app::context::SaveContext;
use crate::app::setup::{self, SyncSetup};
use crate::app::sync_state::SyncState;
use crate::app::sync_task::{Connect, SyncRequest, SyncTimes};
use crate::replica::Replica;

/// How often the clock ticks for relative dates.
const TICK: Duration = Duration::from_secs(30);

/// How long quitting waits for the last sync.
const QUIT_WAIT: Duration = Duration::from_secs(20);

/// What the TUI may use besides the replica: none of these in `tcui demo`.
#[derive(Default)]
pub struct Services {
    /// A background sync with this server, on this schedule.
    pub sync: Option<(Connect, SyncTimes)>,
    /// Reading and writing the sync settings.
    pub setup: Option<Arc<dyn SyncSetup>>,
    /// Writing the active context to the taskrc.
    pub save_context: Option<SaveContext>,
    /// Serve other tcui processes through a socket beside the replica.
    pub serve: bool,
}

/// Run the TUI on `replica` until the user quits: the tasks its changes left as they are
/// (for the `on-exit` hook scripts; kept only when there are some).
pub fn run(
    mut replica: Replica,
    config: Config,
    services: Services,
) -> Result<Vec<crate::task::TaskData>> {
    let Services {
        sync,
        setup,
        save_context,
        serve,
    } = services;
    let folder = replica.path().parent().map(Path::to_path_buf);
    // Like `task`, renumber at start-up; the IDs then stay put while tcui runs.
    replica
        .renumber_working_set()
        .context("cannot renumber the working set")?;
    let (events_tx, events) = mpsc::channel::<Event>();
    let plan = sync.map(|(connect, times)| SyncPlan {
        connect,
        times,
        hooks: config.options.hooks.as_ref().and_then(|h| h.for_sync()),
        wrap: Event::Sync,
    });
    let background = Background::spawn(replica, &events_tx, Event::Replica, plan);
    #[cfg(unix)]
    let door = match folder.as_deref().filter(|_| serve) {
        Some(folder) => open_door(folder, &background, &events_tx)?,
        None => None,
    };
    let paused = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let reader = spawn_reader(events_tx.clone(), paused.clone(), stop.clone());
    watch_signals(events_tx.clone());

    let mut terminal = start_terminal()?;
    let tz = *Local::now().offset();
    let (mut app, effects) = App::new(config, Utc::now(), tz);
    if background.syncing() {
        app.with_core(|core| core.enable_sync());
    }
    if let Ok(size) = terminal.size() {
        app.resize((size.width, size.height));
    }
    let mut trail = crate::tui::draw::trail::WideTrail::default();
    let mut quit_deadline: Option<Instant> = None;
    let mut result = Ok(());
    let mut pending = effects;
    'outer: loop {
        for effect in std::mem::take(&mut pending) {
            if effect == Effect::Sync(SyncRequest::Quit) {
                quit_deadline = Some(Instant::now() + QUIT_WAIT);
            }
            let Some(effect) = background.carry_out(effect) else {
                continue;
            };
            match effect {
                Effect::Quit => break 'outer,
                Effect::Setup(request) => match &setup {
                    Some(setup) => {
                        let (setup, events) = (setup.clone(), events_tx.clone());
                        std::thread::spawn(move || {
                            let answer = setup::answer(&*setup, request);
                            let _ = events.send(Event::Setup(answer));
                        });
                    }
                    None => app.fail("sync settings cannot be changed from the demo"),
                },
                Effect::SaveContext(name) => {
                    let answer = match &save_context {
                        Some(save) => save(name.as_deref()),
                        None => Err("the demo has no taskrc to write the context to".into()),
                    };
                    pending.extend(app.update(Event::ContextSaved(answer)));
                }
                Effect::Editor { uuid, text } => {
                    let edited = edit_outside(&mut terminal, &paused, uuid, &text);
                    pending.extend(app.update(Event::Edited { uuid, text: edited }));
                }
                // Handed to the owner or the sync above.
                Effect::Replica(_) | Effect::Sync(_) => {}
            }
        }
        // Effects can bring more (the text back from the editor is a change to commit): all
        // are carried out before drawing and waiting, or they would wait for a key.
        if !pending.is_empty() {
            continue;
        }
        #[cfg(unix)]
        if let Some(door) = &door {
            let to = door.lent_to();
            app.with_core(|core| core.set_lent_to(to));
        }
        let drawn = terminal.draw(|f| {
            crate::tui::draw::render(&app, f);
            trail.mark(f.buffer_mut());
        });
        if let Err(e) = drawn {
            result = Err(e).context("cannot draw on the terminal");
            break;
        }
        // While a sync runs (or quitting waits for one), or a change waits for the replica's
        // owner (and its hook scripts), wake up to move the spinner.
        let busy = quit_deadline.is_some()
            || matches!(app.core().sync().state, SyncState::Running { .. })
            || app
                .core()
                .message()
                .is_some_and(|m| m.waiting_since.is_some());
        // Otherwise, wake when the clock alone changes what is shown (a relative date, how
        // long ago the sync was), and not before.
        let wait = if busy {
            Some(Duration::from_millis(100))
        } else {
            app.next_change().map(|at| {
                (at - Utc::now())
                    .to_std()
                    .unwrap_or_default()
                    .max(Duration::from_millis(10))
            })
        };
        let first = match wait {
            Some(wait) => match events.recv_timeout(wait) {
                Ok(e) => Some(e),
                // Only the clock moved: drawn again with it (the data's order stands).
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            },
            None => match events.recv() {
                Ok(e) => Some(e),
                Err(_) => break,
            },
        };
        if quit_deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        app.set_clock(Utc::now());
        let Some(first) = first else { continue };
        pending.extend(app.update(first));
        // Take what is already waiting before drawing again, but draw after each key (and
        // after a few milliseconds of other work), so a keystroke is never held back.
        let batch = Instant::now();
        while batch.elapsed() < Duration::from_millis(8) {
            let Ok(next) = events.try_recv() else { break };
            let key = matches!(next, Event::Key(_));
            pending.extend(app.update(next));
            if key {
                break;
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    stop_terminal();
    // Dropped with the cursor hidden, ratatui's terminal shows it and prints to stderr if it
    // cannot, which aborts tcui when stderr was a terminal that has gone away.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    // The reader stops within one poll. One reading a terminal that has gone away never
    // returns (crossterm spins on a hung-up terminal): it is left to end with the process.
    let given_up = Instant::now() + Duration::from_millis(500);
    while !reader.is_finished() && Instant::now() < given_up {
        std::thread::sleep(Duration::from_millis(10));
    }
    if reader.is_finished() {
        let _ = reader.join();
    }
    if let Some(folder) = folder.as_ref().filter(|_| serve && background.syncing()) {
        // Where the sync stands, for `tcui status` once this has ended.
        let last = app.core().last_sync();
        if last.at.is_some() || last.error.is_some() {
            let _ = last.write(&folder.join(crate::app::status::LAST_SYNC_FILE));
        }
    }
    #[cfg(unix)]
    if let Some(door) = door {
        if let Some(to) = door.lent_to() {
            eprintln!("tcui: waiting for `{to}`, which has the replica, to finish");
        }
        drop(door);
    }
    // The owner finishes what was sent (the last commits) and closes the replica.
    if background.finish().is_err() {
        anyhow::bail!(
            "the replica's owner stopped unexpectedly; changes committed before are kept"
        );
    }
    result.map(|()| app.with_core(|core| core.take_changed()))
}

/// Serve other tcui processes on a socket in `folder`: lend them the replica, tell them
/// the status. A folder where no socket can be made leaves the interface without one.
#[cfg(unix)]
fn open_door(
    folder: &Path,
    background: &Background,
    events: &Sender<Event>,
) -> Result<Option<crate::app::socket::Door>> {
    use crate::app::socket::{Door, Handlers};
    let replica_events = events.clone();
    let status_events = events.clone();
    let handlers = Handlers {
        owner: background.client(),
        events: Arc::new(move |e| {
            let _ = replica_events.send(Event::Replica(e));
        }),
        status: Arc::new(move || {
            let (answer, answered) = mpsc::channel();
            status_events.send(Event::Status(answer)).ok()?;
            answered.recv_timeout(Duration::from_secs(2)).ok()
        }),
    };
    match Door::open(folder, handlers) {
        Ok(door) => Ok(Some(door)),
        // Another tcui serves it: that one holds the replica, so this one never got here.
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => Err(e.into()),
        // A path too long for a socket, say: commands beside it are refused as before.
        Err(_) => Ok(None),
    }
}

type Term = ratatui::DefaultTerminal;

fn start_terminal() -> Result<Term> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        stop_terminal();
        previous(info);
    }));
    let terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture);
    Ok(terminal)
}

fn stop_terminal() {
    // Errors are ignored: on a terminal that has gone away there is nothing to restore, and
    // no stderr to tell it on.
    let _ = crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
}

/// On SIGTERM or SIGHUP, leave as on `q` (terminal restored, commits finished) instead of
/// dying with the terminal in raw mode. A terminal that goes away without a SIGHUP reaching
/// tcui (its parent kept it) is noticed within a second, and ends tcui the same way.
fn watch_signals(events: Sender<Event>) {
    #[cfg(unix)]
    std::thread::spawn(move || {
        use std::io::IsTerminal;
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
        else {
            return;
        };
        rt.block_on(async {
            let (Ok(mut term), Ok(mut hup)) = (
                signal(SignalKind::terminate()),
                signal(SignalKind::hangup()),
            ) else {
                return;
            };
            let mut every_second = tokio::time::interval(Duration::from_secs(1));
            let terminal_gone = async {
                loop {
                    every_second.tick().await;
                    if !std::io::stdout().is_terminal() {
                        return;
                    }
                }
            };
            tokio::select! {
                _ = term.recv() => {}
                _ = hup.recv() => {}
                _ = terminal_gone => {}
            }
            let _ = events.send(Event::Terminate);
        });
    });
    #[cfg(not(unix))]
    drop(events);
}

/// Read terminal events into the channel, and tick the clock, until `stop`.
fn spawn_reader(
    events: Sender<Event>,
    paused: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut last_tick = Instant::now();
        while !stop.load(Ordering::Relaxed) {
            if last_tick.elapsed() >= TICK {
                last_tick = Instant::now();
                if events.send(Event::Tick(Utc::now())).is_err() {
                    return;
                }
            }
            if paused.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            match event::poll(Duration::from_millis(50)) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(_) => return,
            }
            let sent = match event::read() {
                Ok(event::Event::Key(k)) => events.send(Event::Key(k)),
                Ok(event::Event::Mouse(m)) => events.send(Event::Mouse(m)),
                Ok(event::Event::Resize(w, h)) => events.send(Event::Resize(w, h)),
                Ok(_) => Ok(()),
                Err(_) => return,
            };
            if sent.is_err() {
                return;
            }
        }
    })
}

/// Leave the screen, run `$VISUAL`/`$EDITOR` (else `vi`) on `text`, and come back.
fn edit_outside(
    terminal: &mut Term,
    paused: &AtomicBool,
    uuid: Uuid,
    text: &str,
) -> Result<String, String> {
    paused.store(true, Ordering::Relaxed);
    // Let the reader see the pause before the editor takes the keyboard.
    std::thread::sleep(Duration::from_millis(60));
    stop_terminal();
    let result = run_editor(uuid, text);
    if let Ok(t) = ratatui::try_init() {
        *terminal = t;
    }
    let _ = crossterm::execute!(std::io::stdout(), EnableMouseCapture);
    let _ = terminal.clear();
    paused.store(false, Ordering::Relaxed);
    result
}

/// Run `$VISUAL`/`$EDITOR` (else `vi`) on `text` in a private temporary file, and read it back.
pub(crate) fn run_editor(uuid: Uuid, text: &str) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let file = crate::app::editor::temp_file(uuid, text)
        .map_err(|e| format!("cannot write the task to a temporary file: {e}"))?;
    let path = file.path().to_path_buf();
    let status = if cfg!(windows) {
        std::process::Command::new("cmd")
            .arg("/C")
            .arg(format!("{editor} \"{}\"", path.display()))
            .status()
    } else {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("tcui-editor")
            .arg(&path)
            .status()
    };
    let result = match status {
        Ok(s) if s.success() => std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read back {}: {e}", path.display())),
        Ok(s) => Err(format!(
            "the editor ({editor}) exited with {s}; nothing was changed"
        )),
        Err(e) => Err(format!(
            "cannot run the editor {editor:?}: {e}; set $EDITOR to one that exists"
        )),
    };
    drop(file);
    result
}
