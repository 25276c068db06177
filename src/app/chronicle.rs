//! How each task went, read from the operation log: when it was added, started, stopped,
//! completed, deleted or reopened. The charts of progress (see [`super::charts`]) count
//! these lives by day, week or month.
//!
//! The log says when each change was made; a task's own dates say when its user says it
//! happened (`task log … end:…`, an import, `entry:` given on add). So the steps are read
//! from the log, and the first step is dated by `entry`, the last by `end` (completed or
//! deleted) or `start` (started), as Taskwarrior dates them. A task the log never saw made
//! (a replica started from a snapshot) is read from those dates alone.

use std::sync::Arc;

use crate::replica::{LoggedOp, Replica, UuidMap};
use crate::task::Task;

/// What a task is at one time, as the charts count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Pending,
    Started,
    Completed,
    Deleted,
    /// A recurring template: never counted.
    Template,
}

impl State {
    /// The state of a task whose status starts with `first` (Taskwarrior reads a status by
    /// its first letter).
    fn of(first: Option<u8>, started: bool) -> State {
        match first {
            Some(b'c') => State::Completed,
            Some(b'd') => State::Deleted,
            Some(b'r') => State::Template,
            _ if started => State::Started,
            _ => State::Pending,
        }
    }
}

/// One task's life: the state it entered at each time (epoch seconds), oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Life {
    pub steps: Vec<(i64, State)>,
}

impl Life {
    /// When the task was added, unless it is a recurring template.
    pub fn added(&self) -> Option<i64> {
        match self.steps.first() {
            Some(&(at, state)) if state != State::Template => Some(at),
            _ => None,
        }
    }
}

/// What the log says happened to a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// Made (again, after a purge).
    Create,
    /// Purged.
    Delete,
    /// The status set, by its first letter (`None`: removed or empty).
    Status(Option<u8>),
    Start(bool),
}

/// The properties the log is read for.
const WANTED: [&str; 2] = ["status", "start"];

/// The log read once, task by task: feed it every operation, oldest first (or read it with
/// [`Recorder::read`]), then ask for the lives of the tasks to chart.
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    seen: UuidMap<Vec<(i64, Event)>>,
}

/// A finished reading of the log, shared with whoever draws from it.
pub type Recorded = Arc<Recorder>;

impl Recorder {
    /// Read the whole log of `replica`, its two halves at once.
    pub fn read(replica: &Replica) -> crate::replica::Result<Recorder> {
        let [mut older, newer] = replica.visit_operations_in_halves(
            &WANTED,
            Recorder::default,
            |r: &mut Recorder, op| r.record(op),
        )?;
        for (uuid, events) in newer.seen {
            older.seen.entry(uuid).or_default().extend(events);
        }
        Ok(older)
    }

    pub fn record(&mut self, op: LoggedOp<'_>) {
        let (uuid, at, event) = match op {
            LoggedOp::UndoPoint | LoggedOp::Other => return,
            LoggedOp::Create(uuid) => (uuid, i64::MIN, Event::Create),
            LoggedOp::Delete(uuid) => (uuid, i64::MIN, Event::Delete),
            LoggedOp::Update {
                uuid,
                property,
                value,
                at,
            } => match property {
                "status" => (
                    uuid,
                    at,
                    Event::Status(value.and_then(|v| v.as_bytes().first().copied())),
                ),
                "start" => (uuid, at, Event::Start(value.is_some())),
                _ => return,
            },
        };
        self.seen.entry(uuid).or_default().push((at, event));
    }

    /// How many tasks the log speaks of.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Whether the log holds the task's making, and the states it went through.
    fn replay(&self, uuid: &uuid::Uuid) -> (bool, Vec<(i64, State)>) {
        let mut born = false;
        let mut status = None;
        let mut started = false;
        let mut steps: Vec<(i64, State)> = Vec::new();
        for &(at, event) in self.seen.get(uuid).map_or(&[][..], Vec::as_slice) {
            match event {
                Event::Create | Event::Delete => {
                    born = event == Event::Create;
                    status = None;
                    started = false;
                    steps.clear();
                    continue;
                }
                Event::Status(first) => status = Some(first),
                Event::Start(on) => started = on,
            }
            let Some(first) = status else {
                continue;
            };
            let state = State::of(first, started);
            if steps.last().map(|s| s.1) != Some(state) {
                steps.push((at, state));
            }
        }
        (born, steps)
    }

    /// The lives of `tasks`, in their order, shared out between two cores for many tasks.
    pub fn lives(&self, tasks: &[&Task]) -> Vec<Life> {
        if tasks.len() < 4096 {
            return tasks.iter().map(|t| self.life(t)).collect();
        }
        let (a, b) = tasks.split_at(tasks.len() / 2);
        let (mut a, b) = crate::parallel::join(|| self.lives(a), || self.lives(b));
        a.extend(b);
        a
    }

    /// The life of `task` as it is now.
    pub fn life(&self, task: &Task) -> Life {
        let entry = task.entry().map(|d| d.timestamp());
        let now_state = State::of(
            task.get("status")
                .and_then(|s| s.as_bytes().first().copied()),
            task.start().is_some(),
        );
        let own_end = match now_state {
            State::Completed | State::Deleted => task.end(),
            State::Started => task.start(),
            _ => None,
        }
        .map(|d| d.timestamp());
        let (born, logged) = self.replay(&task.uuid());
        let mut steps = if logged.is_empty() {
            let Some(at) = entry.or(own_end) else {
                return Life::default();
            };
            vec![(at, now_state)]
        } else {
            logged
        };
        let opened = match steps[0].1 {
            State::Completed | State::Deleted => true,
            State::Template => false,
            State::Pending | State::Started => !born,
        };
        if opened {
            // Made before the log begins, or logged as already done: open from its entry.
            let first = steps[0].0;
            steps.insert(0, (entry.unwrap_or(first).min(first), State::Pending));
        }
        if let Some(entry) = entry {
            steps[0].0 = entry;
        }
        // The task's own dates for where it is now.
        let several = steps.len() > 1;
        match steps.last_mut() {
            Some(last) if last.1 == now_state => {
                if let Some(at) = own_end.filter(|_| several) {
                    last.0 = at;
                }
            }
            _ => steps.push((own_end.unwrap_or(i64::MIN), now_state)),
        }
        // Never backwards in time.
        for i in 1..steps.len() {
            steps[i].0 = steps[i].0.max(steps[i - 1].0);
        }
        steps.dedup_by(|later, earlier| later.1 == earlier.1);
        Life { steps }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    const U: Uuid = Uuid::from_u128(7);

    fn set(recorder: &mut Recorder, property: &str, value: Option<&str>, at: i64) {
        recorder.record(LoggedOp::Update {
            uuid: U,
            property,
            value,
            at,
        });
    }

    fn completed(entry: &str, end: &str) -> Task {
        task(&[("status", "completed"), ("entry", entry), ("end", end)])
    }

    /// Open from 1,700,000,100, then completed at `end`.
    fn open_then_done(end: i64) -> Vec<(i64, State)> {
        vec![(1_700_000_100, State::Pending), (end, State::Completed)]
    }

    fn task(props: &[(&str, &str)]) -> Task {
        let mut map = crate::task::TaskMap::new();
        for (k, v) in props {
            map.insert(k.to_string(), v.to_string());
        }
        Task::new(crate::task::TaskData::new(U, map))
    }

    #[test]
    fn each_change_of_state_is_a_step() {
        let mut r = Recorder::default();
        r.record(LoggedOp::Create(U));
        set(&mut r, "entry", Some("1700001000"), 1_700_001_000);
        set(&mut r, "status", Some("pending"), 1_700_001_000);
        set(&mut r, "description", Some("x"), 1_700_001_000);
        set(&mut r, "start", Some("1700002000"), 1_700_002_000);
        set(&mut r, "start", None, 1_700_003_000);
        set(&mut r, "status", Some("completed"), 1_700_004_000);
        set(&mut r, "end", Some("1700004000"), 1_700_004_000);
        set(&mut r, "status", Some("pending"), 1_700_005_000);
        set(&mut r, "end", None, 1_700_005_000);
        let now = task(&[("status", "pending"), ("entry", "1700001000")]);
        assert_eq!(
            r.life(&now).steps,
            vec![
                (1_700_001_000, State::Pending),
                (1_700_002_000, State::Started),
                (1_700_003_000, State::Pending),
                (1_700_004_000, State::Completed),
                (1_700_005_000, State::Pending),
            ]
        );
    }

    #[test]
    fn the_tasks_own_dates_date_its_first_and_last_steps() {
        // `task log "x" entry:… end:…` made today: the dates given win over the log's.
        let mut r = Recorder::default();
        r.record(LoggedOp::Create(U));
        set(&mut r, "status", Some("completed"), 1_700_009_000);
        let now = completed("1700000100", "1700000500");
        assert_eq!(r.life(&now).steps, open_then_done(1_700_000_500));
        // A task added with an earlier entry, then completed with an earlier end.
        let mut r = Recorder::default();
        r.record(LoggedOp::Create(U));
        set(&mut r, "status", Some("pending"), 1_700_009_000);
        set(&mut r, "status", Some("completed"), 1_700_009_500);
        let now = completed("1700000100", "1700000500");
        assert_eq!(r.life(&now).steps, open_then_done(1_700_000_500));
    }

    #[test]
    fn a_task_the_log_never_saw_made_is_read_from_its_dates() {
        let r = Recorder::default();
        let done = completed("1700000100", "1700000500");
        assert_eq!(r.life(&done).steps, open_then_done(1_700_000_500));
        let started = task(&[
            ("status", "pending"),
            ("entry", "1700000100"),
            ("start", "1700000300"),
        ]);
        assert_eq!(
            r.life(&started).steps,
            vec![
                (1_700_000_100, State::Pending),
                (1_700_000_300, State::Started)
            ]
        );
        let template = task(&[("status", "recurring"), ("entry", "1700000100")]);
        assert_eq!(r.life(&template).added(), None);
        // Known from a snapshot, completed here later: open from its entry until then.
        let mut r = Recorder::default();
        set(&mut r, "status", Some("completed"), 1_700_000_800);
        let done = completed("1700000100", "1700000800");
        assert_eq!(r.life(&done).steps, open_then_done(1_700_000_800));
    }

    #[test]
    fn a_purged_task_made_again_starts_a_new_life() {
        let mut r = Recorder::default();
        r.record(LoggedOp::Create(U));
        set(&mut r, "status", Some("pending"), 1_700_000_010);
        r.record(LoggedOp::Delete(U));
        r.record(LoggedOp::Create(U));
        set(&mut r, "status", Some("completed"), 1_700_000_500);
        let now = task(&[("status", "completed"), ("end", "1700000500")]);
        assert_eq!(
            r.life(&now).steps,
            vec![
                (1_700_000_500, State::Pending),
                (1_700_000_500, State::Completed)
            ]
        );
        assert_eq!(r.len(), 1);
    }
}
