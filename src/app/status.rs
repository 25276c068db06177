//! `tcui status`, for status bars: a few counts over the tasks with IDs and where the sync
//! stands, as one line from a format of the user's or as JSON.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::task::{Task, keys};
use crate::time::calendar::{local_date, start_of_day};

/// The file beside the replica that keeps where the sync stands between processes (written
/// when a sync is asked for on the command line and when the interface ends, not at each
/// background sync).
pub const LAST_SYNC_FILE: &str = "last-sync.json";

/// The format used when none is given.
pub const DEFAULT_FORMAT: &str =
    "{pending} pending, {overdue} overdue, {due_today} due today, {active} active{sync}";

/// What `tcui status` tells.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// Pending and not waiting (Taskwarrior's `+PENDING`).
    pub pending: usize,
    /// `+OVERDUE`: due before now.
    pub overdue: usize,
    /// `+TODAY`: due today (local time).
    pub due_today: usize,
    /// `+ACTIVE`: started.
    pub active: usize,
    /// Waiting (`+WAITING`).
    pub waiting: usize,
    /// Local changes not yet synced.
    pub unsynced: usize,
    /// When the last sync went through, if known.
    pub last_sync: Option<DateTime<Utc>>,
    /// Why the last sync failed, if it did.
    pub sync_error: Option<String>,
}

/// Where the sync stands, kept beside the replica between processes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastSync {
    pub at: Option<DateTime<Utc>>,
    pub error: Option<String>,
}

impl LastSync {
    /// Read from `path`; nothing known when it is missing or cannot be read.
    pub fn read(path: &std::path::Path) -> LastSync {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Write to `path` (readable by its owner only), unless it already says this.
    pub fn write(&self, path: &std::path::Path) -> std::io::Result<()> {
        if LastSync::read(path) == *self {
            return Ok(());
        }
        let text = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        let dir = path.parent().unwrap_or(std::path::Path::new("."));
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut file, &text)?;
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The counts, built one task at a time from the little they depend on.
#[derive(Debug, Clone)]
pub struct Counter {
    pub status: Status,
    now: DateTime<Utc>,
    /// Today in local time, as UTC instants.
    today: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

impl Counter {
    pub fn new(now: DateTime<Utc>, offset: FixedOffset) -> Counter {
        let local = local_date(&offset, now);
        let midnight = |day| start_of_day(&offset, day);
        Counter {
            status: Status::default(),
            now,
            today: midnight(local).zip(local.succ_opt().and_then(midnight)),
        }
    }

    /// One task: its stored status (a missing one reads as pending), `wait`, `due`, and
    /// whether it is started.
    pub fn add(
        &mut self,
        status: Option<&str>,
        wait: Option<DateTime<Utc>>,
        due: Option<DateTime<Utc>>,
        started: bool,
    ) {
        if status.is_some_and(|s| s != "pending") {
            return;
        }
        // Taskwarrior's waiting: stored as exactly `pending`, its wait still ahead.
        if status.is_some() && wait.is_some_and(|w| w > self.now) {
            self.status.waiting += 1;
            return;
        }
        let s = &mut self.status;
        s.pending += 1;
        if let Some(due) = due {
            s.overdue += usize::from(due < self.now);
            s.due_today +=
                usize::from(self.today.is_some_and(|(from, to)| from <= due && due < to));
        }
        s.active += usize::from(started);
    }

    /// One task as stored values: `status`, `wait`, `due` and `start` (see
    /// [`COUNTED_KEYS`]).
    pub fn add_values(&mut self, values: [Option<&str>; 4]) {
        let [status, wait, due, start] = values;
        let date = |v: Option<&str>| v.and_then(crate::time::parse_timestamp);
        self.add(status, date(wait), date(due), start.is_some());
    }
}

/// The properties [`Counter::add_values`] takes, in its order.
pub const COUNTED_KEYS: [&str; 4] = [keys::STATUS, keys::WAIT, keys::DUE, keys::START];

impl Status {
    /// The counts over `tasks` (those with IDs are enough) at `now`, days placed by
    /// `offset`, as Taskwarrior's virtual tags count them.
    pub fn count<'a>(
        tasks: impl Iterator<Item = &'a Task>,
        now: DateTime<Utc>,
        offset: FixedOffset,
    ) -> Status {
        let mut counter = Counter::new(now, offset);
        for task in tasks {
            counter.add(
                task.get(keys::STATUS),
                task.wait(),
                task.due(),
                task.is_active(),
            );
        }
        counter.status
    }

    /// With where the sync stands.
    pub fn with_sync(mut self, unsynced: usize, last: LastSync) -> Status {
        self.unsynced = unsynced;
        self.last_sync = last.at;
        self.sync_error = last.error;
        self
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// `format` with its fields filled in: `{pending}`, `{overdue}`, `{due_today}`,
    /// `{active}`, `{waiting}`, `{unsynced}`, `{synced}` (how long ago the last sync
    /// was, `never`), `{sync_error}` (empty when none) and `{sync}` (a short word on the
    /// sync when there is something to say: unsynced changes or a failure). `{{` and `}}`
    /// are braces; an unknown field is an error naming it.
    pub fn format(&self, format: &str, now: DateTime<Utc>) -> Result<String, String> {
        let mut out = String::with_capacity(format.len() + 16);
        let mut rest = format;
        while let Some(i) = rest.find(['{', '}']) {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                out.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            let Some(end) = tail.find('}').filter(|_| tail.starts_with('{')) else {
                return Err(format!(
                    "the format has a lone {}; write {{{{ or }}}} for a brace",
                    &tail[..1]
                ));
            };
            out.push_str(&self.field(&tail[1..end], now)?);
            rest = &tail[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn field(&self, name: &str, now: DateTime<Utc>) -> Result<String, String> {
        Ok(match name {
            "pending" => self.pending.to_string(),
            "overdue" => self.overdue.to_string(),
            "due_today" => self.due_today.to_string(),
            "active" => self.active.to_string(),
            "waiting" => self.waiting.to_string(),
            "unsynced" => self.unsynced.to_string(),
            "synced" => match self.last_sync {
                Some(at) => format!("{} ago", crate::time::format_age(at, now)),
                None => "never".into(),
            },
            "sync_error" => self.sync_error.clone().unwrap_or_default(),
            "sync" => match (&self.sync_error, self.unsynced) {
                (Some(_), _) => ", sync failed".into(),
                (None, 0) => String::new(),
                (None, n) => format!(", {n} unsynced"),
            },
            other => {
                return Err(format!(
                    "the format names {{{other}}}, which tcui status does not know; it knows \
                     pending, overdue, due_today, active, waiting, unsynced, synced, \
                     sync_error and sync"
                ));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{at, task};
    use crate::task::TaskData;
    use uuid::Uuid;

    #[test]
    fn counts_follow_taskwarriors_virtual_tags() {
        let now = at("2026-12-01T12:00:00Z");
        let ts = |s: &str| at(s).timestamp().to_string();
        let tasks = [
            task(&[("status", "pending")]),
            task(&[("status", "pending"), ("due", &ts("2026-11-30T09:00:00Z"))]),
            task(&[("status", "pending"), ("due", &ts("2026-12-01T09:00:00Z"))]),
            task(&[("status", "pending"), ("due", &ts("2026-12-01T20:00:00Z"))]),
            task(&[
                ("status", "pending"),
                ("start", &ts("2026-12-01T08:00:00Z")),
            ]),
            task(&[("status", "pending"), ("wait", &ts("2026-12-05T00:00:00Z"))]),
            task(&[
                ("status", "completed"),
                ("due", &ts("2026-11-30T09:00:00Z")),
            ]),
            task(&[
                ("status", "recurring"),
                ("due", &ts("2026-11-30T09:00:00Z")),
            ]),
        ];
        let utc = FixedOffset::east_opt(0).unwrap();
        let s = Status::count(tasks.iter(), now, utc);
        // As the virtual tags say.
        let depmap = crate::task::DependencyMap::default();
        let ctx = crate::task::TagContext::new(now, utc, &depmap);
        let tagged = |tag| {
            tasks
                .iter()
                .filter(|t| t.has_virtual_tag(crate::task::VirtualTag::Pending, &ctx))
                .filter(|t| t.has_virtual_tag(tag, &ctx))
                .count()
        };
        use crate::task::VirtualTag::{Active, Overdue, Pending, Today};
        assert_eq!(
            (s.pending, s.overdue, s.due_today, s.active),
            (
                tagged(Pending),
                tagged(Overdue),
                tagged(Today),
                tagged(Active)
            )
        );
        assert_eq!(
            (s.pending, s.overdue, s.due_today, s.active, s.waiting),
            (5, 2, 2, 1, 1)
        );
    }

    #[test]
    fn counting_stored_values_in_place_agrees_with_counting_tasks() {
        use crate::replica::Replica;
        use crate::task::Operation;
        let now = Utc::now();
        let ts = |hours: i64| {
            (now + chrono::TimeDelta::hours(hours))
                .timestamp()
                .to_string()
        };
        let dir = tempfile::TempDir::new().unwrap();
        let mut replica = Replica::open(dir.path().join("r.redb")).unwrap();
        let mut ops = vec![Operation::UndoPoint];
        let tasks: [&[(&str, String)]; 6] = [
            &[("status", "pending".into())],
            &[("status", "pending".into()), ("due", ts(-3))],
            &[
                ("status", "pending".into()),
                ("due", ts(1)),
                ("start", ts(-1)),
            ],
            &[("status", "pending".into()), ("wait", ts(30))],
            &[("status", "recurring".into()), ("due", ts(-3))],
            &[("status", "completed".into()), ("due", ts(-3))],
        ];
        for props in tasks {
            let mut t = TaskData::create(Uuid::new_v4(), &mut ops);
            t.update("description", Some("x".into()), now, &mut ops);
            for (k, v) in props {
                t.update(*k, Some(v.clone()), now, &mut ops);
            }
        }
        replica.commit_operations(ops).unwrap();
        let offset = *chrono::Local::now().offset();
        let read: Vec<Task> = replica
            .pending_task_data()
            .unwrap()
            .into_iter()
            .map(Task::new)
            .collect();
        let by_tasks = Status::count(read.iter(), now, offset);
        let mut counter = Counter::new(now, offset);
        replica
            .visit_pending(COUNTED_KEYS, |v| counter.add_values(v))
            .unwrap();
        assert_eq!(counter.status, by_tasks);
        assert_eq!(
            (
                by_tasks.pending,
                by_tasks.overdue,
                by_tasks.active,
                by_tasks.waiting
            ),
            (3, 1, 1, 1)
        );
    }

    #[test]
    fn a_format_is_filled_in_and_a_wrong_one_is_named() {
        let now = at("2026-12-01T12:00:00Z");
        let s = Status {
            pending: 4,
            overdue: 1,
            unsynced: 3,
            last_sync: Some(at("2026-12-01T11:55:00Z")),
            ..Status::default()
        };
        assert_eq!(
            s.format(DEFAULT_FORMAT, now).unwrap(),
            "4 pending, 1 overdue, 0 due today, 0 active, 3 unsynced"
        );
        assert_eq!(
            s.format("{{ {overdue}! synced {synced} }}", now).unwrap(),
            "{ 1! synced 5min ago }"
        );
        assert!(s.format("{later}", now).unwrap_err().contains("{later}"));
        assert!(s.format("a } b", now).unwrap_err().contains("lone }"));
        let back: Status = serde_json::from_str(&s.to_json()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn the_last_sync_is_kept_in_a_file_and_rewritten_only_when_it_changes() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("last-sync.json");
        assert_eq!(LastSync::read(&path), LastSync::default());
        let last = LastSync {
            at: Some(at("2026-12-01T11:55:00Z")),
            error: None,
        };
        last.write(&path).unwrap();
        assert_eq!(LastSync::read(&path), last);
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        last.write(&path).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified
        );
        std::fs::write(&path, "not json").unwrap();
        assert_eq!(LastSync::read(&path), LastSync::default());
    }
}
