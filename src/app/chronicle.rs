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

use crate::replica::{LoggedOp, UuidMap};
use crate::task::{Status, Task};

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
    fn of(status: &str, started: bool) -> State {
        // Taskwarrior reads a status by its first letter.
        match status.as_bytes().first() {
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

/// What the log says of one task so far.
#[derive(Debug, Clone, Default)]
struct Seen {
    /// The log holds the task's creation.
    born: bool,
    status: Option<Box<str>>,
    started: bool,
    steps: Vec<(i64, State)>,
}

/// The log read once, task by task. Feed it every operation, oldest first, then ask for the
/// lives of the tasks to chart.
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    seen: UuidMap<Seen>,
}

/// A finished reading of the log, shared with whoever draws from it.
pub type Recorded = Arc<Recorder>;

impl Recorder {
    pub fn record(&mut self, op: LoggedOp<'_>) {
        match op {
            LoggedOp::UndoPoint => {}
            LoggedOp::Create(uuid) => {
                let seen = self.seen.entry(uuid).or_default();
                *seen = Seen {
                    born: true,
                    ..Seen::default()
                };
            }
            LoggedOp::Delete(uuid) => {
                self.seen.remove(&uuid);
            }
            LoggedOp::Update {
                uuid,
                property,
                value,
                at,
            } => {
                let seen = match property {
                    "status" | "start" => self.seen.entry(uuid).or_default(),
                    _ => return,
                };
                if property == "status" {
                    seen.status = value.map(Into::into);
                } else {
                    seen.started = value.is_some();
                }
                let Some(status) = seen.status.as_deref() else {
                    return;
                };
                let state = State::of(status, seen.started);
                if seen.steps.last().map(|s| s.1) != Some(state) {
                    seen.steps.push((at, state));
                }
            }
        }
    }

    /// How many tasks the log speaks of.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// The life of `task` as it is now.
    pub fn life(&self, task: &Task) -> Life {
        let entry = task.entry().map(|d| d.timestamp());
        let now_state = State::of(status_word(task), task.start().is_some());
        let own_end = match now_state {
            State::Completed | State::Deleted => task.end(),
            State::Started => task.start(),
            _ => None,
        }
        .map(|d| d.timestamp());
        let mut steps = match self.seen.get(&task.uuid()) {
            Some(seen) if !seen.steps.is_empty() => seen.steps.clone(),
            _ => {
                let Some(at) = entry.or(own_end) else {
                    return Life::default();
                };
                vec![(at, now_state)]
            }
        };
        let born = self.seen.get(&task.uuid()).is_some_and(|s| s.born);
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

/// The status as its stored word, `Unknown` ones included.
fn status_word(task: &Task) -> &str {
    match task.status() {
        Status::Pending => "pending",
        Status::Completed => "completed",
        Status::Deleted => "deleted",
        Status::Recurring => "recurring",
        Status::Unknown(_) => task.get("status").unwrap_or("pending"),
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
        let now = task(&[
            ("status", "completed"),
            ("entry", "1700000100"),
            ("end", "1700000500"),
        ]);
        assert_eq!(
            r.life(&now).steps,
            vec![
                (1_700_000_100, State::Pending),
                (1_700_000_500, State::Completed)
            ]
        );
        // A task added with an earlier entry, then completed with an earlier end.
        let mut r = Recorder::default();
        r.record(LoggedOp::Create(U));
        set(&mut r, "status", Some("pending"), 1_700_009_000);
        set(&mut r, "status", Some("completed"), 1_700_009_500);
        let now = task(&[
            ("status", "completed"),
            ("entry", "1700000100"),
            ("end", "1700000500"),
        ]);
        assert_eq!(
            r.life(&now).steps,
            vec![
                (1_700_000_100, State::Pending),
                (1_700_000_500, State::Completed)
            ]
        );
    }

    #[test]
    fn a_task_the_log_never_saw_made_is_read_from_its_dates() {
        let r = Recorder::default();
        let done = task(&[
            ("status", "completed"),
            ("entry", "1700000100"),
            ("end", "1700000500"),
        ]);
        assert_eq!(
            r.life(&done).steps,
            vec![
                (1_700_000_100, State::Pending),
                (1_700_000_500, State::Completed)
            ]
        );
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
        let done = task(&[
            ("status", "completed"),
            ("entry", "1700000100"),
            ("end", "1700000800"),
        ]);
        assert_eq!(
            r.life(&done).steps,
            vec![
                (1_700_000_100, State::Pending),
                (1_700_000_800, State::Completed)
            ]
        );
    }

    #[test]
    fn a_purged_task_is_forgotten() {
        let mut r = Recorder::default();
        r.record(LoggedOp::Create(U));
        set(&mut r, "status", Some("pending"), 10);
        r.record(LoggedOp::Delete(U));
        assert!(r.is_empty());
    }
}
