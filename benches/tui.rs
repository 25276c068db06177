//! TUI latency on a replica of 100,000 demo tasks (10,000 pending), drawn in-process on a
//! ratatui `TestBackend` of 120×40, so no terminal is needed:
//!
//! - `first_frame`: from `Replica::open` through the renumbering rebuild of the working set,
//!   the replica's owner spawned on its thread as `tui::run` does, `App::new` and its loading frame,
//!   the first `Loaded` event received and applied, to the first frame with tasks drawn.
//!   Each run reopens the replica; the time until the second `Loaded` (every task) has been
//!   applied and drawn is reported beside it, with the UI-thread time that event costs;
//! - keystroke to frame, with every task loaded: `app.update(Event::Key(..))` plus one
//!   `terminal.draw`, for `j` and `k` in the next view, typing the filter `project:work`
//!   (with `/` before and Esc after) in the next and the all view, and `d` on the task under
//!   the cursor; `done_committed` is the time from sending that commit to the owner's thread
//!   until its `Committed` event has been applied and drawn.
//!
//! - `done_all`: `d` in the all view, where the task stays (completed) and moves among
//!   100,000 rows;
//! - `during_sync`: `j`/`k` keystrokes (update + draw) while the background sync task pulls
//!   and applies 10,000 operations from a taskchampion-sync-server on 127.0.0.1 (its core,
//!   in-process), with the sync reaching the replica through its owner as in `tui::run`;
//!   `sync_applied` is the UI thread taking in the sync's result.
//!
//! - `recurring_*`: the first frame on a copy of the replica with 1,000 recurring templates
//!   added (daily, weekdays, weekly and monthly, first due up to months ago): `cold` on a
//!   fresh copy, where the instances owed are made after the first frame (the time until
//!   that step is applied and drawn is `recurred`, the UI thread's share `recur_applied`),
//!   `warm` once they are made.
//! - `agenda_*`, `calendar_*`, `tree_*`: opening the agenda (`w`), the calendar (`M`) and
//!   the dependency tree (`T`) over every task, and moving in each (`j`/`k`, `l`/`j`), each
//!   key with its frame;
//! - `charts_open`: `b` over every task, the owner reading the whole operation log (over a
//!   million operations) and the burndown drawn; `charts_keys`: switching periods and charts;
//! - `hooked_keys`: with an `on-modify` hook script that sleeps 200 ms installed, `d` and
//!   then `j`, `k`, `j`, `k` while the replica's owner runs the script; `hooked_commit`
//!   from `d` to its result drawn.
//! - `mine_*`: the same with a context and a report of the user's own over every task
//!   (`MINE_TASKRC`), which the list starts on: the first frame, `j`, and typing the filter.
//!
//! The table shows medians and p99 per metric, then `metric first_frame_ms <median>` and
//! `metric key_p99_ms <action> <p99>` lines. `TCUI_BENCH_KEEP=DIR` leaves the replica in
//! `DIR/replica.redb` for timing the real binary.
//!
//! Run with `cargo bench --bench tui`.

// A benchmark that cannot unwrap what it set up stops, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/it/support/http_server.rs"]
#[allow(dead_code)]
mod http_server;

#[path = "support/stats.rs"]
#[allow(dead_code)]
mod stats;
#[path = "support/steps.rs"]
mod steps;

use stats::{Stat, ms};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tcui::app::Effect;
use tcui::app::background::{Background, SyncPlan};
use tcui::app::sync_task::{self, ConnectError, SyncEvent, SyncRequest, SyncTimes};
use tcui::app::{Command, ReplicaEvent};
use tcui::replica::Replica;
use tcui::sync::{HttpServer, Server};
use tcui::task::{Operation, TaskData};
use tcui::tui::{App, Config, Event};
use uuid::Uuid;

const TASKS: usize = 100_000;
const PENDING: usize = 10_000;
/// Demo tasks come with an undo point every 1,000; this many go into one commit.
const TASKS_PER_COMMIT: usize = 10_000;
const SEED: u64 = 42;
/// The clock the demo tasks and the app share.
const NOW: i64 = 1_800_000_000;
const SIZE: (u16, u16) = (120, 40);
const FIRST_FRAME_RUNS: usize = 9;
const MOVES: usize = 300;
const FILTER: &str = "project:work";
const FILTER_ROUNDS: usize = 22;
const DONES: usize = 100;
/// Each of the agenda, calendar and tree is opened this many times, with this many moves
/// each way every time.
const VIEW_ROUNDS: usize = 10;
const VIEW_MOVES: usize = 10;
/// Demo tasks pushed by another replica for the app to pull: about 10,000 operations.
const SYNC_TASKS: usize = 1_250;
/// How often the sync is measured.
const SYNC_ROUNDS: usize = 3;
const SECRET: &[u8] = b"benchmark secret";
/// Recurring templates added for the `recurring_*` starts.
const TEMPLATES: usize = 1_000;
/// Commits made with the slow hook installed.
const HOOK_ROUNDS: usize = 20;
/// Fresh copies started cold (each makes every instance owed once).
const COLD_RUNS: usize = 5;
/// The replica file's name in a data folder (as `tcui --data-dir` expects it).
const REPLICA_FILE: &str = "replica.redb";

type Term = Terminal<TestBackend>;

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(NOW, 0).unwrap()
}

fn draw(terminal: &mut Term, app: &App) {
    terminal.draw(|f| tcui::tui::draw::render(app, f)).unwrap();
}

/// The second line, where an overlay's box has its title.
fn title_of_box(terminal: &Term) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, 1)].symbol())
        .collect()
}

/// The screen's first line.
fn title(terminal: &Term) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, 0)].symbol())
        .collect()
}

/// Create the replica: 100,000 demo tasks in commits of 10,000, working set renumbered.
fn create(path: &Path) -> Duration {
    let start = Instant::now();
    let mut replica = Replica::open(path).unwrap();
    let ops = tcui::demo::demo_operations(TASKS, PENDING, now(), SEED);
    steps::commit_in_steps(&mut replica, ops, TASKS_PER_COMMIT / 1_000).unwrap();
    replica.rebuild_working_set(true).unwrap();
    assert_eq!(replica.all_task_uuids().unwrap().len(), TASKS);
    assert_eq!(replica.pending_task_data().unwrap().len(), PENDING);
    start.elapsed()
}

/// A copy of the replica at `from`, at `to`, with [`TEMPLATES`] recurring templates added
/// in one step (no instance made yet), as a Taskwarrior user's would be.
fn with_templates(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    let mut replica = Replica::open(to).unwrap();
    let mut ops = vec![Operation::UndoPoint];
    let day = 86_400;
    for i in 0..TEMPLATES {
        let (recur, back) = match i % 4 {
            0 => ("daily", (i % 14 + 1) as i64 * day),
            1 => ("weekdays", (i % 10 + 1) as i64 * day),
            2 => ("weekly", (i % 12 + 1) as i64 * 7 * day),
            _ => ("monthly", (i % 6 + 1) as i64 * 30 * day),
        };
        let mut t = TaskData::create(Uuid::from_u128(0x5eed_0000 + i as u128), &mut ops);
        for (key, value) in [
            ("status", "recurring".to_string()),
            ("rtype", "periodic".to_string()),
            ("recur", recur.to_string()),
            ("description", format!("chore {i}")),
            ("project", format!("home.{}", i % 7)),
            ("entry", (NOW - back - day).to_string()),
            ("due", (NOW - back).to_string()),
        ] {
            t.update(key, Some(value), now(), &mut ops);
        }
    }
    replica.commit_operations(ops).unwrap();
    replica.rebuild_working_set(true).unwrap();
}

/// After [`start`] on a replica whose templates are owed instances: wait for the step
/// that makes them, apply and draw it. The time from the start's beginning, and the UI
/// thread's share.
fn recurred(run: &mut Running, began: Instant) -> (Duration, Duration) {
    let event = run.events.recv().unwrap();
    let Event::Replica(ReplicaEvent::Committed { message, .. }) = &event else {
        panic!("{event:?}")
    };
    assert!(message.starts_with("recurrence: "), "{message}");
    let t = Instant::now();
    let effects = run.app.update(event);
    run.send(effects);
    draw(&mut run.terminal, &run.app);
    (began.elapsed(), t.elapsed())
}

/// Wait for the owner's answer to a commit, apply it and draw: how long the answer took.
fn committed(run: &mut Running) -> Duration {
    let t = Instant::now();
    let event = run.events.recv().unwrap();
    let answered = t.elapsed();
    assert!(
        matches!(event, Event::Replica(ReplicaEvent::Committed { .. })),
        "{event:?}"
    );
    let effects = run.app.update(event);
    run.send(effects);
    draw(&mut run.terminal, &run.app);
    answered
}

/// [`HOOK_ROUNDS`] times: `d` on the task under the cursor with an `on-modify` script that
/// sleeps 200 ms installed, then `j` and `k` pressed while the owner runs it. Each key's
/// time (update + draw), and each commit's (from `d` to its result drawn).
fn with_slow_hook(
    path: &Path,
    config: &Config,
    tz: FixedOffset,
    dir: &Path,
) -> (Vec<Duration>, Vec<Duration>) {
    use std::os::unix::fs::PermissionsExt;
    use tcui::app::hooks::{Hooks, Invocation};
    let hooks = dir.join("hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    let script = hooks.join("on-modify.slow");
    std::fs::write(&script, "#!/bin/sh\nsleep 0.2\ntail -n 1\n").unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut config = config.clone();
    let found = Hooks::find(&hooks, &Invocation::default(), Duration::from_secs(10));
    config.options.hooks = Some(std::sync::Arc::new(found));
    let (mut run, _) = start(path, &config, tz);
    let (mut keys, mut commits) = (Vec::new(), Vec::new());
    for _ in 0..HOOK_ROUNDS {
        let t = Instant::now();
        let effects = run.app.update(key('d'));
        draw(&mut run.terminal, &run.app);
        keys.push(t.elapsed());
        run.send(effects);
        for c in ['j', 'k', 'j', 'k'] {
            keys.push(press(&mut run, key(c)));
        }
        committed(&mut run);
        commits.push(t.elapsed());
    }
    run.stop();
    (keys, commits)
}

/// The app, the replica's owner on its thread and the sync if any, wired as `tui::run`
/// wires them.
struct Running {
    app: App,
    terminal: Term,
    events: Receiver<Event>,
    background: Background,
}

impl Running {
    /// Carry out the effects for the owner and the sync (a benchmark asks for no others).
    fn send(&self, effects: Vec<Effect>) {
        for effect in effects {
            if let Some(other) = self.background.carry_out(effect) {
                panic!("the benchmark did not expect {other:?}");
            }
        }
    }

    /// Stop the sync (if any) and the owner and wait for them, so the replica is closed.
    fn stop(self) {
        self.background.finish_all().unwrap();
    }
}

/// One start: the times to the first frame with tasks, to the frame with every task, and
/// what applying every task took on the UI thread.
struct Start {
    /// When the start began.
    began: Instant,
    first_frame: Duration,
    first_event: Duration,
    all_loaded: Duration,
    apply_all: Duration,
    /// The longest the UI thread spent on one part of the tasks (a key waits at most that).
    worst_part: Duration,
}

fn start(path: &Path, config: &Config, tz: FixedOffset) -> (Running, Start) {
    start_on(path, config, tz, "next")
}

/// [`start`] with the list starting on the report `view` (whose title line begins so).
fn start_on(path: &Path, config: &Config, tz: FixedOffset, view: &str) -> (Running, Start) {
    let t0 = Instant::now();
    let mut replica = Replica::open(path).unwrap();
    replica.renumber_working_set().unwrap();
    let (events_tx, events) = mpsc::channel::<Event>();
    let background = Background::spawn(replica, &events_tx, Event::Replica, None);
    let terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap();
    let (mut app, effects) = App::new(config.clone(), now(), tz);
    app.resize(SIZE);
    let mut run = Running {
        app,
        terminal,
        events,
        background,
    };
    run.send(effects);
    // The loop draws once (showing "loading…") before it waits for events.
    draw(&mut run.terminal, &run.app);
    let first = run.events.recv().unwrap();
    let first_event = t0.elapsed();
    assert!(matches!(
        first,
        Event::Replica(ReplicaEvent::Loaded { all: false, .. })
    ));
    let effects = run.app.update(first);
    run.send(effects);
    draw(&mut run.terminal, &run.app);
    let first_frame = t0.elapsed();
    assert!(
        title(&run.terminal).starts_with(&format!(" tcui · {view} · ")),
        "{}",
        title(&run.terminal)
    );
    assert!(run.app.core().list().rows().len() > 4_000);

    // The other tasks arrive in parts; a key pressed meanwhile waits at most for one part.
    let mut apply_all = Duration::ZERO;
    let mut worst_part = Duration::ZERO;
    loop {
        let part = run.events.recv().unwrap();
        let last = matches!(part, Event::Replica(ReplicaEvent::Loaded { all: true, .. }));
        assert!(matches!(part, Event::Replica(ReplicaEvent::Loaded { .. })));
        let apply = Instant::now();
        let effects = run.app.update(part);
        run.send(effects);
        draw(&mut run.terminal, &run.app);
        let d = apply.elapsed();
        apply_all += d;
        worst_part = worst_part.max(d);
        if last {
            break;
        }
    }
    let all_loaded = t0.elapsed();
    assert!(run.app.core().tasks().len() >= TASKS);
    (
        run,
        Start {
            began: t0,
            first_frame,
            first_event,
            all_loaded,
            apply_all,
            worst_part,
        },
    )
}

/// Keys pressed while the background sync pulls about 10,000 operations, `rounds` times on
/// fresh clients; also the pulled operation count, the sync times and the UI thread's time to
/// take each result in.
fn during_sync(path: &Path, config: &Config, tz: FixedOffset, rounds: usize) -> DuringSync {
    let srv = http_server::TestServer::start();
    let mut out = DuringSync::default();
    for round in 0..rounds {
        // Another replica pushes the operations to a new client.
        let client = Uuid::new_v4();
        let seed_dir = tempfile::tempdir().unwrap();
        let mut seed = Replica::open(seed_dir.path().join(REPLICA_FILE)).unwrap();
        let ops = tcui::demo::demo_operations(SYNC_TASKS, SYNC_TASKS, now(), 1000 + round as u64);
        out.operations = ops.iter().filter(|o| o.uuid().is_some()).count();
        seed.commit_operations(ops).unwrap();
        let mut push = HttpServer::new(&srv.url(), client, SECRET).unwrap();
        tcui::sync::sync(&mut seed, &mut push, true).unwrap();
        // The app's replica counts as synced with the start of that history.
        Replica::open(path)
            .unwrap()
            .complete_sync(Uuid::nil())
            .unwrap();

        let mut replica = Replica::open(path).unwrap();
        replica.rebuild_working_set(true).unwrap();
        let (events_tx, events) = mpsc::channel::<Event>();
        let go = Arc::new(AtomicBool::new(false));
        let (url, flag) = (srv.url(), go.clone());
        // Nothing to sync with until every task is loaded, so that only the sync is timed.
        let connect: sync_task::Connect = Box::new(move || {
            if !flag.load(Ordering::Relaxed) {
                return Err(ConnectError::NotConfigured("not yet".into()));
            }
            HttpServer::new(&url, client, SECRET)
                .map(|s| Box::new(s) as Box<dyn Server + Send>)
                .map_err(|e| ConnectError::Failed(e.to_string()))
        });
        let times = SyncTimes {
            interval: Duration::from_secs(3600),
            ..SyncTimes::default()
        };
        let plan = SyncPlan {
            connect,
            times,
            hooks: None,
            wrap: Event::Sync,
        };
        let background = Background::spawn(replica, &events_tx, Event::Replica, Some(plan));
        let (mut app, effects) = App::new(config.clone(), now(), tz);
        app.resize(SIZE);
        app.with_core(|core| core.enable_sync());
        let mut run = Running {
            app,
            terminal: Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap(),
            events,
            background,
        };
        run.send(effects);
        while !run.app.core().all_loaded() {
            let e = run.events.recv().unwrap();
            let effects = run.app.update(e);
            run.send(effects);
        }
        go.store(true, Ordering::Relaxed);
        run.send(vec![Effect::Sync(SyncRequest::Now)]);
        let started = Instant::now();
        let mut down = true;
        loop {
            let mut finished = false;
            while let Ok(e) = run.events.try_recv() {
                let done = matches!(e, Event::Sync(SyncEvent::Finished { .. }));
                if let Event::Sync(SyncEvent::Failed { error, .. }) = &e {
                    panic!("the sync failed: {error}");
                }
                let t = Instant::now();
                let effects = run.app.update(e);
                run.send(effects);
                draw(&mut run.terminal, &run.app);
                if done {
                    out.applied.push(t.elapsed());
                    out.syncs.push(started.elapsed());
                    finished = true;
                }
            }
            if finished {
                break;
            }
            out.keys
                .push(press(&mut run, key(if down { 'j' } else { 'k' })));
            down = !down;
        }
        assert!(
            run.app.core().sync().unsynced == 0,
            "{}",
            run.app.core().sync().unsynced
        );
        run.stop();
    }
    out
}

#[derive(Default)]
struct DuringSync {
    operations: usize,
    keys: Vec<Duration>,
    syncs: Vec<Duration>,
    applied: Vec<Duration>,
}

/// One keystroke and the frame after it.
fn press(run: &mut Running, event: Event) -> Duration {
    let t = Instant::now();
    let effects = run.app.update(event);
    draw(&mut run.terminal, &run.app);
    let d = t.elapsed();
    run.send(effects);
    d
}

/// `rounds` times: `/`, the filter one key at a time, Esc; every keystroke timed.
fn type_filter(run: &mut Running, rounds: usize) -> Vec<Duration> {
    let shown = run.app.core().list().rows().len();
    let mut out = Vec::new();
    for _ in 0..rounds {
        out.push(press(run, key('/')));
        for c in FILTER.chars() {
            out.push(press(run, key(c)));
        }
        assert_eq!(run.app.core().list().query_text(), FILTER);
        assert!(
            run.app.core().list().rows().len() < shown && !run.app.core().list().rows().is_empty()
        );
        out.push(press(run, code(KeyCode::Esc)));
        assert_eq!(run.app.core().list().rows().len(), shown);
    }
    out
}

/// A context and a report of the user's own, over every task not deleted, that the list
/// starts on.
const MINE_TASKRC: &str = "\
context.focus.read=-someday
context=focus
report.mine.description=Everything not deleted, by project
report.mine.columns=id,project,tags,due.relative,description.count,urgency
report.mine.filter=status.not:deleted
report.mine.sort=project+,due+,urgency-
default.command=mine
";

fn mine_config() -> Config {
    let rc = tcui::config::Taskrc::parse(Path::new("/bench/taskrc"), MINE_TASKRC, None).unwrap();
    let settings = tcui::config::Settings::load(None, Some(&rc));
    let config = Config::from_settings(&settings);
    assert!(
        config.options.warnings.is_empty(),
        "{:?}",
        config.options.warnings
    );
    config
}

fn main() {
    // As the interface does when it starts.
    tcui::parallel::start_workers();
    let config = Config::defaults();
    let tz = FixedOffset::east_opt(0).unwrap();
    let keep = std::env::var_os("TCUI_BENCH_KEEP").map(std::path::PathBuf::from);
    let temp = tempfile::tempdir().unwrap();
    let dir = keep.clone().unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(REPLICA_FILE);
    assert!(!path.exists(), "{} exists already", path.display());

    eprintln!(
        "creating {TASKS} tasks ({PENDING} pending) in {}",
        path.display()
    );
    let created = create(&path);
    let size = std::fs::metadata(&path).unwrap().len();
    let logged = {
        let replica = Replica::open(&path).unwrap();
        let mut n = 0usize;
        replica.visit_operations(&[], |_| n += 1).unwrap();
        n
    };
    let total = Instant::now();

    // Before the runs below change the replica: the same tasks with recurring templates.
    eprintln!("recurring: {TEMPLATES} templates, {COLD_RUNS} cold starts");
    let recurring_path = dir.join("recurring.redb");
    let (mut cold_frame, mut cold_recurred, mut recur_applied) =
        (Vec::new(), Vec::new(), Vec::new());
    let mut instances = 0;
    for _ in 0..COLD_RUNS {
        let _ = std::fs::remove_file(&recurring_path);
        with_templates(&path, &recurring_path);
        let (mut run, s) = start(&recurring_path, &config, tz);
        let (all, ui) = recurred(&mut run, s.began);
        instances = run.app.core().tasks().len() - TASKS - TEMPLATES;
        run.stop();
        cold_frame.push(s.first_frame);
        cold_recurred.push(all);
        recur_applied.push(ui);
    }
    let mut warm_frame = Vec::new();
    for _ in 0..FIRST_FRAME_RUNS {
        let (run, s) = start(&recurring_path, &config, tz);
        run.stop();
        warm_frame.push(s.first_frame);
    }

    eprintln!("first_frame");
    let mut first_frame = Vec::new();
    let mut first_event = Vec::new();
    let mut all_loaded = Vec::new();
    let mut apply_all = Vec::new();
    let mut worst_part = Vec::new();
    for _ in 0..FIRST_FRAME_RUNS {
        let (run, s) = start(&path, &config, tz);
        run.stop();
        first_frame.push(s.first_frame);
        first_event.push(s.first_event);
        all_loaded.push(s.all_loaded);
        apply_all.push(s.apply_all);
        worst_part.push(s.worst_part);
    }

    let (mut run, _) = start(&path, &config, tz);
    assert!(run.app.core().all_loaded());

    eprintln!("j, k");
    let j: Vec<Duration> = (0..MOVES).map(|_| press(&mut run, key('j'))).collect();
    assert_eq!(run.app.cursor(), MOVES);
    let k: Vec<Duration> = (0..MOVES).map(|_| press(&mut run, key('k'))).collect();
    assert_eq!(run.app.cursor(), 0);

    eprintln!("filter");
    let filter_next = type_filter(&mut run, FILTER_ROUNDS);
    let to_all = press(&mut run, key('2'));
    assert_eq!(run.app.core().list().rows().len(), TASKS);
    let filter_all = type_filter(&mut run, FILTER_ROUNDS);
    let to_next = press(&mut run, key('1'));

    // The views over the plan: open each, move in it, close it (Esc).
    eprintln!("agenda, calendar, tree");
    let mut views: Vec<(&str, Vec<Duration>, &str, Vec<Duration>)> = Vec::new();
    for (open_name, move_name, open, moves) in [
        ("agenda_open", "agenda_move", 'w', ['j', 'k']),
        ("calendar_open", "calendar_move", 'M', ['l', 'j']),
        ("tree_open", "tree_move", 'T', ['j', 'k']),
    ] {
        let (mut opened, mut moved) = (Vec::new(), Vec::new());
        for _ in 0..VIEW_ROUNDS {
            opened.push(press(&mut run, key(open)));
            for m in moves {
                for _ in 0..VIEW_MOVES {
                    moved.push(press(&mut run, key(m)));
                }
            }
            press(&mut run, Event::Key(KeyEvent::from(KeyCode::Esc)));
        }
        views.push((open_name, opened, move_name, moved));
    }

    // The charts: `b` reads the whole operation log on the owner's thread; then the
    // periods and charts are switched, each key with its frame.
    eprintln!("charts");
    let (mut charts_open, mut charts_read, mut charts_keys) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..VIEW_ROUNDS {
        let t = Instant::now();
        let effects = run.app.update(key('b'));
        draw(&mut run.terminal, &run.app);
        run.send(effects);
        let asked = Instant::now();
        let event = run.events.recv().unwrap();
        charts_read.push(asked.elapsed());
        assert!(
            matches!(event, Event::Replica(ReplicaEvent::Chronicle(Ok(_)))),
            "{event:?}"
        );
        run.app.update(event);
        draw(&mut run.terminal, &run.app);
        charts_open.push(t.elapsed());
        assert!(title_of_box(&run.terminal).contains("Daily burndown"));
        for k in ['w', 'm', 'd', '2', 'w', 'm', 'y', 'd', '3', '1'] {
            charts_keys.push(press(&mut run, key(k)));
        }
        press(&mut run, Event::Key(KeyEvent::from(KeyCode::Esc)));
    }

    eprintln!("done");
    let mut done = Vec::new();
    let mut done_committed = Vec::new();
    let mut commit_only = Vec::new();
    for _ in 0..DONES {
        let before = run.app.core().list().rows().len();
        let t = Instant::now();
        let effects = run.app.update(key('d'));
        draw(&mut run.terminal, &run.app);
        done.push(t.elapsed());
        assert_eq!(run.app.core().list().rows().len(), before - 1);
        let [Effect::Replica(commit @ Command::Commit { .. })] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        let t = Instant::now();
        run.send(vec![Effect::Replica(commit.clone())]);
        commit_only.push(committed(&mut run));
        done_committed.push(t.elapsed());
    }

    // `d` in the all view: the task stays (now completed) and moves within 100,000 rows.
    eprintln!("done in the all view");
    press(&mut run, key('2'));
    let mut done_all = Vec::new();
    for _ in 0..DONES / 2 {
        let effects = {
            let t = Instant::now();
            let effects = run.app.update(key('d'));
            draw(&mut run.terminal, &run.app);
            done_all.push(t.elapsed());
            effects
        };
        run.send(effects);
        let event = run.events.recv().unwrap();
        let effects = run.app.update(event);
        run.send(effects);
        // The next pending task is further down once this one is done.
        while run
            .app
            .current()
            .is_some_and(|t| t.status() != tcui::task::Status::Pending)
        {
            run.app.update(key('j'));
        }
    }
    run.stop();

    // An on-modify hook that takes 200 ms: `d`, then `j`/`k` while the owner runs it.
    eprintln!("with a slow hook");
    let (hooked_keys, hooked_commits) = with_slow_hook(&path, &config, tz, &dir);

    // A Taskwarrior user's setup: a context, and a report of their own over every task that
    // the list starts on.
    eprintln!("with a context and a custom report");
    let mine = mine_config();
    let mut mine_frame = Vec::new();
    for _ in 0..FIRST_FRAME_RUNS {
        let (run, s) = start_on(&path, &mine, tz, "mine");
        run.stop();
        mine_frame.push(s.first_frame);
    }
    let (mut run, _) = start_on(&path, &mine, tz, "mine");
    let mine_rows = run.app.core().list().rows().len();
    assert!(mine_rows > 50_000, "{mine_rows}");
    let mine_j: Vec<Duration> = (0..MOVES).map(|_| press(&mut run, key('j'))).collect();
    let mine_filter = type_filter(&mut run, FILTER_ROUNDS);
    run.stop();

    eprintln!("during_sync");
    let during = during_sync(&path, &config, tz, SYNC_ROUNDS);
    let total = total.elapsed();

    let rows = [
        ("first_frame", Stat::of(first_frame)),
        ("  first_event", Stat::of(first_event)),
        ("all_loaded", Stat::of(all_loaded)),
        ("  apply_all", Stat::of(apply_all)),
        ("  worst_part", Stat::of(worst_part)),
        ("j", Stat::of(j)),
        ("k", Stat::of(k)),
        ("filter_next", Stat::of(filter_next)),
        ("filter_all", Stat::of(filter_all)),
        ("done", Stat::of(done)),
        ("done_committed", Stat::of(done_committed)),
        ("done_all", Stat::of(done_all)),
        ("  commit", Stat::of(commit_only)),
        ("recurring_cold", Stat::of(cold_frame)),
        ("  recurred", Stat::of(cold_recurred)),
        ("  recur_applied", Stat::of(recur_applied)),
        ("recurring_warm", Stat::of(warm_frame)),
        ("hooked_keys", Stat::of(hooked_keys)),
        ("  hooked_commit", Stat::of(hooked_commits)),
        ("mine_first_frame", Stat::of(mine_frame)),
        ("mine_j", Stat::of(mine_j)),
        ("mine_filter", Stat::of(mine_filter)),
        ("during_sync", Stat::of(during.keys)),
        ("  sync", Stat::of(during.syncs)),
        ("  sync_applied", Stat::of(during.applied)),
    ];
    let mut rows = rows.to_vec();
    for (open_name, opened, move_name, moved) in views {
        rows.push((open_name, Stat::of(opened)));
        rows.push((move_name, Stat::of(moved)));
    }
    rows.push(("charts_open", Stat::of(charts_open)));
    rows.push(("  log_read", Stat::of(charts_read)));
    rows.push(("charts_keys", Stat::of(charts_keys)));
    println!();
    println!(
        "tui benchmark: {TASKS} tasks ({PENDING} pending), TestBackend {}x{}; replica {size} bytes, created in {:.1} s",
        SIZE.0,
        SIZE.1,
        created.as_secs_f64()
    );
    println!(
        "the replica file was written just before the runs, so the OS cache holds it (warm starts)"
    );
    println!(
        "first_frame: open, renumber, spawn the owner, loading frame, first Loaded applied, drawn"
    );
    println!(
        "  first_event: until the first Loaded arrives; all_loaded: until every task is drawn"
    );
    println!(
        "  apply_all: the UI thread applying the other tasks (in parts) and drawing; \
         worst_part: the longest part"
    );
    println!(
        "keys: update + draw; filter: `/`, {FILTER:?} one key at a time, Esc; done_committed: send, Committed, update, draw"
    );
    println!(
        "during_sync: j/k while the background sync pulls {} operations ({} tasks) from a sync server on 127.0.0.1; sync: request to result; sync_applied: the UI taking the result in",
        during.operations, SYNC_TASKS
    );
    println!(
        "recurring_*: first frame with {TEMPLATES} templates added; cold: {instances} instances made after it \
         (recurred: until that step is drawn; recur_applied: the UI thread's share); warm: once made"
    );
    println!(
        "agenda/calendar/tree: w, M, T opened {VIEW_ROUNDS} times each, {VIEW_MOVES} moves each way per opening; each key with its frame"
    );
    println!(
        "charts_open: b, the owner reading the log of {logged} operations (log_read), the lives counted and the \
         burndown drawn; charts_keys: w m d 2 w m y d 3 1, each with its frame; target: charts_open < 200 ms"
    );
    println!(
        "hooked_keys: d, then j k j k while an on-modify script that sleeps 200 ms runs on the owner's thread; \
         hooked_commit: from d to its result drawn"
    );
    println!(
        "mine_*: the same with the taskrc lines below ({mine_rows} rows in the report):\n{}",
        MINE_TASKRC.trim_end()
    );
    println!("p99 of fewer than 100 samples is the maximum");
    println!(
        "{:<16} {:>10} {:>10} {:>6}",
        "metric", "median ms", "p99 ms", "n"
    );
    for (name, s) in &rows {
        println!(
            "{name:<16} {:>10.3} {:>10.3} {:>6}",
            ms(s.median),
            ms(s.p99),
            s.runs
        );
    }
    println!(
        "view switches: 2 (to all) {:.3} ms, 1 (to next) {:.3} ms",
        ms(to_all),
        ms(to_next)
    );
    println!("total bench time {:.1} s", total.as_secs_f64());
    if let Some(keep) = &keep {
        println!("replica kept in {}", keep.display());
    }
    println!();
    let get = |name: &str| &rows.iter().find(|(n, _)| *n == name).unwrap().1;
    println!("metric first_frame_ms {:.3}", ms(get("first_frame").median));
    println!(
        "metric charts_open_ms {:.3} (target 200)",
        ms(get("charts_open").median)
    );
    println!(
        "metric first_frame_ms mine {:.3}",
        ms(get("mine_first_frame").median)
    );
    for name in ["recurring_cold", "recurring_warm"] {
        println!("metric first_frame_ms {name} {:.3}", ms(get(name).median));
    }
    for name in [
        "mine_j",
        "mine_filter",
        "j",
        "k",
        "filter_next",
        "filter_all",
        "done",
        "done_committed",
        "done_all",
        "hooked_keys",
        "during_sync",
        "agenda_open",
        "agenda_move",
        "calendar_open",
        "calendar_move",
        "tree_open",
        "tree_move",
        "charts_keys",
    ] {
        println!("metric key_p99_ms {name} {:.3}", ms(get(name).p99));
    }
}
