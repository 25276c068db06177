//! Background sync: a tokio task on a thread of its own that syncs the replica on a
//! timer (missed ticks skipped), a short while after the last edit, on demand and on quit.
//! Failures back off exponentially with jitter up to a cap and never stop the schedule. The
//! network work runs on a blocking thread; the replica's owner carries out each of its
//! short steps between the app's commands.

use std::sync::mpsc::Sender;
use std::time::Duration;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::time::Instant;
use uuid::Uuid;

use super::actor::ReplicaClient;
use super::hooks::Hooks;
use super::owner::{Command, Delta, ReplicaEvent};
use crate::sync::{Server, SyncError, SyncOp, SyncReport, Syncer};

/// What the UI asks of the sync task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncRequest {
    /// Sync now (the `S` key), even while backing off.
    Now,
    /// The user changed something: sync a short while after the last such change.
    Edited,
    /// The settings changed: connect afresh, then sync.
    Reconfigure,
    /// Sync once more, then stop.
    Quit,
    /// The shared folder the server keeps its data in changed: another replica may have
    /// synced.
    FolderChanged,
}

/// What the sync task tells the UI.
#[derive(Debug, Clone)]
pub enum SyncEvent {
    /// Sync is not set up; the text says how to set it up.
    NotConfigured(String),
    Started,
    /// A sync went through: what it did, and the tasks it changed as they are now.
    Finished {
        report: Box<SyncReport>,
        delta: Delta,
        /// What the hook scripts that see synced changes said of them, and where they
        /// refused or failed (the changes stay).
        hooks: HookNews,
    },
    Failed {
        error: String,
        retry_in: Duration,
        unsynced: usize,
    },
    /// The last sync before quitting is over (or there was nothing to do).
    Stopped,
}

/// What the hook scripts that see synced changes made of a sync.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HookNews {
    pub said: Vec<String>,
    pub failures: Vec<String>,
}

/// How the step that keeps what these scripts changed is labelled.
pub const SYNCED_HOOKS: &str = "hook scripts on synced changes";

/// A connection to the configured server, made on the sync thread (key derivation is slow).
pub type Connect = Box<dyn Fn() -> Result<Box<dyn Server + Send>, ConnectError> + Send>;

/// Why no server could be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectError {
    /// Nothing is configured: no schedule runs.
    NotConfigured(String),
    /// Configured, but unusable for now (a missing folder, say): retried like a failure.
    Failed(String),
}

/// How often to sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncTimes {
    pub interval: Duration,
    pub after_edit: Duration,
    /// The first retry after a failure; each further failure doubles it, up to `cap`.
    pub backoff: Duration,
    pub cap: Duration,
    /// How soon a server that cannot be watched (one over the network) is asked again for
    /// news: a sync with nothing to do is one request. Each time it finds nothing the wait
    /// doubles, up to `interval`; news or an edit bring it back to this.
    pub poll: Duration,
}

impl Default for SyncTimes {
    fn default() -> Self {
        SyncTimes {
            interval: Duration::from_secs(300),
            after_edit: Duration::from_secs(10),
            backoff: Duration::from_secs(15),
            cap: Duration::from_secs(900),
            poll: Duration::from_secs(30),
        }
    }
}

/// How long after a change in the watched folder the sync runs (changes come in bursts).
const SETTLE: Duration = Duration::from_millis(150);

/// When the next sync is due. Pure: times are passed in.
#[derive(Debug, Clone)]
pub struct Schedule {
    times: SyncTimes,
    failures: u32,
    timer: Instant,
    edit_due: Option<Instant>,
    retry_at: Option<Instant>,
    /// When to ask a server that cannot be watched for news, and how long the wait is now.
    poll_due: Option<Instant>,
    poll_wait: Duration,
    polling: bool,
}

impl Schedule {
    /// The first sync is due at once.
    pub fn new(times: SyncTimes, now: Instant) -> Schedule {
        Schedule {
            times,
            failures: 0,
            timer: now,
            edit_due: None,
            retry_at: None,
            poll_due: None,
            poll_wait: times.poll,
            polling: false,
        }
    }

    /// Ask the server for news between the timer's syncs (it cannot be watched), or not.
    pub fn polling(&mut self, on: bool) {
        self.polling = on;
        if !on {
            self.poll_due = None;
        }
    }

    /// The watched folder changed: sync soon.
    pub fn folder_changed(&mut self, now: Instant) {
        let soon = now + SETTLE;
        self.edit_due = Some(self.edit_due.map_or(soon, |e| e.min(soon)));
    }

    /// While backing off, only the retry counts; else the timer or a pending edit.
    pub fn next_due(&self) -> Instant {
        match self.retry_at {
            Some(at) => at,
            None => [self.edit_due, self.poll_due]
                .into_iter()
                .flatten()
                .fold(self.timer, Instant::min),
        }
    }

    pub fn edited(&mut self, now: Instant) {
        self.edit_due = Some(now + self.times.after_edit);
        self.poll_wait = self.times.poll;
    }

    /// A sync went through (`news`: it pulled or pushed something): the timer starts
    /// again from now (missed ticks are skipped), and the next poll is after the poll's
    /// wait, doubled if there was no news; `slower` (on battery, say) multiplies it.
    pub fn succeeded(&mut self, now: Instant, news: bool, slower: u32) {
        self.failures = 0;
        self.retry_at = None;
        self.edit_due = None;
        self.timer = now + self.times.interval;
        self.poll_wait = if news {
            self.times.poll
        } else {
            self.poll_wait.saturating_mul(2).min(self.times.interval)
        };
        self.poll_due = self
            .polling
            .then(|| now + self.poll_wait.saturating_mul(slower.max(1)));
    }

    /// A sync failed: the delay before the next try. `jitter` in [0, 1) spreads retries of
    /// many clients (the delay is scaled by 0.5 to 1.5).
    pub fn failed(&mut self, now: Instant, jitter: f64) -> Duration {
        self.failures = self.failures.saturating_add(1);
        let doublings = self.failures.saturating_sub(1).min(20);
        let base = self
            .times
            .backoff
            .saturating_mul(1u32 << doublings)
            .min(self.times.cap);
        let delay = base
            .mul_f64(0.5 + jitter.clamp(0.0, 1.0))
            .min(self.times.cap);
        self.retry_at = Some(now + delay);
        self.edit_due = None;
        self.timer = now + self.times.interval;
        delay
    }
}

/// The running sync task.
pub struct SyncHandle {
    pub requests: UnboundedSender<SyncRequest>,
    pub thread: std::thread::JoinHandle<()>,
}

/// Start the sync task. Events go to `events` wrapped by `wrap`.
pub fn spawn<E: Send + 'static>(
    replica: ReplicaClient,
    connect: Connect,
    times: SyncTimes,
    hooks: Option<Hooks>,
    events: Sender<E>,
    wrap: fn(SyncEvent) -> E,
) -> SyncHandle {
    let (requests, rx) = unbounded_channel();
    let wake = requests.clone();
    let thread = std::thread::spawn(move || {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
        else {
            let _ = events.send(wrap(SyncEvent::NotConfigured(
                "background sync could not start (no timer available)".into(),
            )));
            return;
        };
        rt.block_on(run(replica, connect, times, hooks, (wake, rx), move |e| {
            events.send(wrap(e)).is_ok()
        }));
    });
    SyncHandle { requests, thread }
}

/// What a sync on the blocking thread hands back.
struct Worker {
    syncer: Syncer,
    server: Option<Box<dyn Server + Send>>,
    connect: Connect,
    /// The hook scripts that see synced changes.
    hooks: Option<Hooks>,
    /// Where the watcher of the server's folder asks for a sync.
    wake: UnboundedSender<SyncRequest>,
    /// Watching the folder the server keeps its data in, if it has one.
    watcher: Option<notify::RecommendedWatcher>,
}

impl Worker {
    /// Forget the server, its watcher and what the syncer knew of it, so that the next sync
    /// connects afresh; the server, for the caller to drop.
    fn disconnect(&mut self) -> Option<Box<dyn Server + Send>> {
        self.syncer = super::hooks::syncer_for(self.hooks.as_ref());
        self.watcher = None;
        self.server.take()
    }
}

async fn run(
    replica: ReplicaClient,
    connect: Connect,
    times: SyncTimes,
    hooks: Option<Hooks>,
    (wake, mut rx): (UnboundedSender<SyncRequest>, UnboundedReceiver<SyncRequest>),
    send: impl Fn(SyncEvent) -> bool,
) {
    let mut schedule = Schedule::new(times, Instant::now());
    let mut worker = Some(Worker {
        syncer: super::hooks::syncer_for(hooks.as_ref()),
        server: None,
        connect,
        hooks,
        wake,
        watcher: None,
    });
    let mut configured = true;
    loop {
        let due = schedule.next_due();
        let quitting = tokio::select! {
            request = rx.recv() => match request {
                Some(SyncRequest::Edited) => {
                    schedule.edited(Instant::now());
                    continue;
                }
                Some(SyncRequest::FolderChanged) => {
                    schedule.folder_changed(Instant::now());
                    continue;
                }
                Some(SyncRequest::Now) => false,
                Some(SyncRequest::Reconfigure) => {
                    if let Some(old) = worker.as_mut().and_then(Worker::disconnect) {
                        // Dropped off the async thread (it may hold a blocking client).
                        let _ = tokio::task::spawn_blocking(move || drop(old)).await;
                    }
                    configured = true;
                    schedule.succeeded(Instant::now(), true, 1);
                    false
                }
                Some(SyncRequest::Quit) | None => true,
            },
            _ = tokio::time::sleep_until(due), if configured => false,
        };
        if configured || !quitting {
            let Some(w) = worker.take() else { break };
            let shared = replica.clone();
            if !send(SyncEvent::Started) {
                break;
            }
            let Ok((w, outcome)) = tokio::task::spawn_blocking(move || once(w, &shared)).await
            else {
                break;
            };
            // A server that cannot be watched is asked for news now and then.
            schedule.polling(w.server.as_ref().is_some_and(|s| s.folder().is_none()));
            worker = Some(w);
            let now = Instant::now();
            let event = match outcome {
                Outcome::NotConfigured(why) => {
                    configured = false;
                    SyncEvent::NotConfigured(why)
                }
                Outcome::Done { event, changed } => {
                    configured = true;
                    let news = changed
                        || matches!(&*event, SyncEvent::Finished { report, .. }
                            if report.versions_pulled + report.versions_pushed > 0);
                    schedule.succeeded(now, news, if on_battery() { 4 } else { 1 });
                    if changed {
                        // What the hook scripts changed goes out soon, as an edit would.
                        schedule.edited(now);
                    }
                    *event
                }
                Outcome::Failed { error, unsynced } => {
                    configured = true;
                    let retry_in = schedule.failed(now, jitter());
                    SyncEvent::Failed {
                        error,
                        retry_in,
                        unsynced,
                    }
                }
            };
            if !send(event) {
                break;
            }
        }
        if quitting {
            let _ = send(SyncEvent::Stopped);
            break;
        }
    }
    // The server (with its blocking HTTP client) is dropped off the async thread.
    if let Some(w) = worker {
        let _ = tokio::task::spawn_blocking(move || drop(w)).await;
    }
}

enum Outcome {
    NotConfigured(String),
    /// `changed`: the hook scripts changed tasks, to be sent.
    Done {
        event: Box<SyncEvent>,
        changed: bool,
    },
    Failed {
        error: String,
        unsynced: usize,
    },
}

/// One sync, on a blocking thread.
fn once(mut w: Worker, replica: &ReplicaClient) -> (Worker, Outcome) {
    let unsynced = || {
        replica
            .ask(|o| o.replica().num_local_operations().ok())
            .ok()
            .flatten()
            .unwrap_or(0)
    };
    // The settings changed since the connection was made (the taskrc was edited): connect
    // afresh, as after the sync settings screen.
    if w.server.as_mut().is_some_and(|s| s.outdated()) {
        w.disconnect();
    }
    if w.server.is_none() {
        match (w.connect)() {
            Ok(server) => {
                w.watcher = server.folder().and_then(|dir| watch(dir, w.wake.clone()));
                w.server = Some(server);
            }
            Err(ConnectError::NotConfigured(why)) => return (w, Outcome::NotConfigured(why)),
            Err(ConnectError::Failed(error)) => {
                let unsynced = unsynced();
                return (w, Outcome::Failed { error, unsynced });
            }
        }
    }
    let Some(server) = w.server.as_mut() else {
        return (
            w,
            Outcome::Failed {
                error: "no server".into(),
                unsynced: 0,
            },
        );
    };
    let result = w.syncer.sync(&mut replica.clone(), server.as_mut());
    let outcome = match result {
        Ok(report) => match read_back(replica, report, w.hooks.as_ref()) {
            Ok((event, changed)) => Outcome::Done {
                event: Box::new(event),
                changed,
            },
            Err(error) => Outcome::Failed {
                error,
                unsynced: unsynced(),
            },
        },
        Err(e) => {
            let error = match e {
                SyncError::Gone { .. } => format!(
                    "{e}. Quit and run `tcui sync --start-over` (it saves a copy of this replica and \
                     your unsynced changes first)"
                ),
                other => other.to_string(),
            };
            // A server that failed may hold a broken connection: connect afresh next time.
            w.server = None;
            w.watcher = None;
            Outcome::Failed {
                error,
                unsynced: unsynced(),
            }
        }
    };
    (w, outcome)
}

/// The tasks a sync changed, as stored now (after the hook scripts that see synced changes
/// ran on them), for the app; and whether the scripts changed any.
fn read_back(
    replica: &ReplicaClient,
    report: SyncReport,
    hooks: Option<&Hooks>,
) -> Result<(SyncEvent, bool), String> {
    let (news, changed) = match hooks {
        Some(hooks) => run_hooks(hooks, replica, &report),
        None => (HookNews::default(), false),
    };
    // After a start from the snapshot, `changed` names every task the snapshot brought.
    let mut touched: Vec<Uuid> = report.changed.clone();
    touched.extend(report.lost.iter().map(SyncOp::uuid));
    let delta = replica
        .ask(move |o| o.delta(&touched))
        .and_then(|d| d)
        .map_err(|e| e.to_string())?;
    let event = SyncEvent::Finished {
        report: Box::new(report),
        delta,
        hooks: news,
    };
    Ok((event, changed))
}

/// Run the hook scripts that see synced changes (on this thread, so that neither keys nor
/// the replica's owner wait for them) and commit what they changed as a step of its own;
/// and whether they changed anything.
fn run_hooks(hooks: &Hooks, replica: &ReplicaClient, report: &SyncReport) -> (HookNews, bool) {
    let mut synced =
        match super::hooks::after_sync(hooks, report, &mut replica.clone(), chrono::Utc::now()) {
            Ok(synced) => synced,
            Err(e) => {
                let failures = vec![format!("hook scripts on synced changes not run: {e}")];
                return (
                    HookNews {
                        said: Vec::new(),
                        failures,
                    },
                    false,
                );
            }
        };
    let step = synced.step();
    let mut news = HookNews {
        said: synced.said,
        failures: synced.failures,
    };
    let Some(ops) = step else {
        return (news, false);
    };
    let events = replica.ask(move |o| {
        o.handle(Command::Commit {
            ops,
            label: SYNCED_HOOKS.into(),
            recur: None,
            hooks: None,
        })
    });
    match events {
        Ok(events) => {
            let mut committed = false;
            for event in events {
                match event {
                    ReplicaEvent::Failed { message, .. } => news.failures.push(message),
                    ReplicaEvent::Committed { .. } => committed = true,
                    _ => {}
                }
            }
            (news, committed)
        }
        Err(e) => {
            news.failures
                .push(format!("{SYNCED_HOOKS}: not saved: {e}"));
            (news, false)
        }
    }
}

/// Watch `dir` for changes made by others (a file written or made), asking for a sync at
/// each; `None` if it cannot be watched (the timer's syncs still come).
fn watch(
    dir: &std::path::Path,
    wake: UnboundedSender<SyncRequest>,
) -> Option<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            )
        {
            let _ = wake.send(SyncRequest::FolderChanged);
        }
    })
    .ok()?;
    watcher.watch(dir, RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}

/// Whether this machine runs on battery now (as far as Linux's power supply folder tells
/// cheaply): polls are then further apart.
fn on_battery() -> bool {
    let Ok(supplies) = std::fs::read_dir("/sys/class/power_supply") else {
        return false;
    };
    supplies.filter_map(Result::ok).any(|s| {
        std::fs::read_to_string(s.path().join("status")).is_ok_and(|t| t.trim() == "Discharging")
    })
}

/// A number in [0, 1) that differs from one call (and one machine) to the next.
fn jitter() -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mixed = u64::from(nanos).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 11;
    mixed as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times() -> SyncTimes {
        SyncTimes {
            interval: Duration::from_secs(300),
            after_edit: Duration::from_secs(10),
            backoff: Duration::from_secs(15),
            cap: Duration::from_secs(120),
            poll: Duration::from_secs(30),
        }
    }

    #[test]
    fn a_server_that_cannot_be_watched_is_polled_less_often_while_nothing_happens() {
        let t0 = Instant::now();
        let mut s = Schedule::new(times(), t0);
        s.polling(true);
        s.succeeded(t0, true, 1);
        assert_eq!(
            s.next_due(),
            t0 + Duration::from_secs(30),
            "news: soon again"
        );
        let mut at = t0;
        let mut waits = Vec::new();
        for _ in 0..5 {
            at = s.next_due();
            s.succeeded(at, false, 1);
            waits.push((s.next_due() - at).as_secs());
        }
        assert_eq!(
            waits,
            [60, 120, 240, 300, 300],
            "doubled up to the interval"
        );
        s.edited(at);
        s.succeeded(at, false, 1);
        assert_eq!(
            s.next_due() - at,
            Duration::from_secs(60),
            "an edit starts over"
        );
        s.succeeded(at, true, 4);
        assert_eq!(
            s.next_due() - at,
            Duration::from_secs(120),
            "on battery: four times"
        );
        s.polling(false);
        s.succeeded(at, true, 1);
        assert_eq!(
            s.next_due() - at,
            Duration::from_secs(300),
            "a watched folder: no polls"
        );
    }

    #[test]
    fn a_change_in_the_watched_folder_brings_the_sync_forward() {
        let t0 = Instant::now();
        let mut s = Schedule::new(times(), t0);
        s.succeeded(t0, true, 1);
        s.folder_changed(t0 + Duration::from_secs(5));
        assert_eq!(s.next_due(), t0 + Duration::from_secs(5) + SETTLE);
    }

    #[test]
    fn edits_bring_the_sync_forward_and_success_restarts_the_timer() {
        let t0 = Instant::now();
        let mut s = Schedule::new(times(), t0);
        assert_eq!(s.next_due(), t0, "the first sync is at once");
        s.succeeded(t0, true, 1);
        assert_eq!(s.next_due(), t0 + Duration::from_secs(300));
        s.edited(t0 + Duration::from_secs(5));
        s.edited(t0 + Duration::from_secs(8));
        assert_eq!(
            s.next_due(),
            t0 + Duration::from_secs(18),
            "debounced to the last edit"
        );
        // A long pause (a sleeping laptop): one sync, then the timer from then on.
        let late = t0 + Duration::from_secs(3000);
        s.succeeded(late, true, 1);
        assert_eq!(s.next_due(), late + Duration::from_secs(300));
    }

    #[test]
    fn failures_back_off_with_jitter_up_to_the_cap_and_success_resets() {
        let t0 = Instant::now();
        let mut s = Schedule::new(times(), t0);
        let delays: Vec<u64> = (0..6).map(|_| s.failed(t0, 0.5).as_secs()).collect();
        assert_eq!(delays, [15, 30, 60, 120, 120, 120]);
        assert_eq!(s.failed(t0, 0.0).as_secs(), 60, "jitter halves at most");
        assert_eq!(
            s.failed(t0, 0.99).as_secs(),
            120,
            "and never passes the cap"
        );
        // Edits do not cut a backoff short.
        s.edited(t0);
        assert_eq!(s.next_due(), t0 + Duration::from_secs(120));
        s.succeeded(t0, true, 1);
        assert_eq!(s.failed(t0, 0.5).as_secs(), 15);
    }

    #[test]
    fn jitter_stays_in_range() {
        for _ in 0..100 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }
}
