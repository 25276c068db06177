//! The charts of progress, counted from the tasks' lives (see [`super::chronicle`]):
//! the burndown (how many tasks were pending, started and done at the end of each day, week
//! or month) and the history (how many were added, completed and deleted in each). Both the
//! interface's chart view and `tcui burndown.*` / `history.*` draw from these figures.
//!
//! Periods are local: a day starts at local midnight, a week on the `weekstart` day, a month
//! on its first. Pure: the time zone and `now` are passed in.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};

use super::chronicle::{Life, State};
use super::colour_rules::Colour;
use crate::time::calendar::{local_date, shift_days, shift_months, start_of_day};

/// How long one bar or row of a chart is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    /// Weeks starting on Monday (`true`) or Sunday.
    Week(bool),
    Month,
    Year,
}

impl Period {
    /// The first day of the period holding `date`.
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => date,
            Period::Week(monday) => {
                let back = if monday {
                    date.weekday().num_days_from_monday()
                } else {
                    date.weekday().num_days_from_sunday()
                };
                shift_days(date, -i64::from(back)).unwrap_or(date)
            }
            Period::Month => date.with_day(1).unwrap_or(date),
            Period::Year => date.with_ordinal(1).unwrap_or(date),
        }
    }

    /// The first day of the period `n` periods after the one starting on `start`.
    pub fn shift(self, start: NaiveDate, n: i32) -> Option<NaiveDate> {
        match self {
            Period::Day => shift_days(start, i64::from(n)),
            Period::Week(_) => shift_days(start, 7 * i64::from(n)),
            Period::Month => shift_months(start, n),
            Period::Year => shift_months(start, n.checked_mul(12)?),
        }
    }

    /// The word for it in the chart's title: `Daily`, `Weekly`, `Monthly`, `Annual`.
    pub fn adjective(self) -> &'static str {
        match self {
            Period::Day => "Daily",
            Period::Week(_) => "Weekly",
            Period::Month => "Monthly",
            Period::Year => "Annual",
        }
    }
}

/// Taskwarrior's colour settings for its charts, each with Taskwarrior's default: the
/// burndown's pending, started and done, the history's added, completed and deleted, and the
/// summary's bar (the part done) and background.
pub const BURNDOWN_COLOURS: [(&str, &str); 3] = [
    ("color.burndown.pending", "on color9"),
    ("color.burndown.started", "on color11"),
    ("color.burndown.done", "on rgb010"),
];
pub const HISTORY_COLOURS: [(&str, &str); 3] = [
    ("color.history.add", "color0 on rgb500"),
    ("color.history.done", "color0 on rgb050"),
    ("color.history.delete", "color0 on rgb550"),
];
pub const SUMMARY_COLOURS: [(&str, &str); 2] = [
    ("color.summary.bar", "black on rgb141"),
    ("color.summary.background", "white on color0"),
];

/// The colours `keys` name among `set` (Taskwarrior's colour settings in force), each its
/// default where `set` has none (or one that does not read).
pub fn chart_colours<const N: usize>(
    set: &std::collections::BTreeMap<String, String>,
    keys: [(&str, &str); N],
) -> [Colour; N] {
    keys.map(|(key, default)| {
        Colour::parse(set.get(key).map_or(default, String::as_str)).unwrap_or_default()
    })
}

/// The instant the local `date` begins, in epoch seconds.
fn begins<Tz: TimeZone>(tz: &Tz, date: NaiveDate) -> i64 {
    start_of_day(tz, date).map_or(i64::MIN, |t| t.timestamp())
}

/// One row of the history: what happened in the period starting on `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryRow {
    pub start: NaiveDate,
    pub added: usize,
    pub completed: usize,
    pub deleted: usize,
}

impl HistoryRow {
    /// Added less completed and deleted.
    pub fn net(&self) -> i64 {
        self.added as i64 - self.completed as i64 - self.deleted as i64
    }
}

/// The history: each period in which a task was added, completed or deleted, oldest first.
/// As in Taskwarrior, a task counts as completed or deleted only if it still is (a task
/// reopened or restored counts as added alone), and a recurring template is not counted as
/// added.
pub fn history<Tz: TimeZone>(lives: &[Life], period: Period, tz: &Tz) -> Vec<HistoryRow> {
    // (time, 0 added / 1 completed / 2 deleted)
    let mut events: Vec<(i64, u8)> = Vec::with_capacity(lives.len() * 2);
    for life in lives {
        if let Some(at) = life.added() {
            events.push((at, 0));
        }
        match life.steps.last() {
            Some(&(at, State::Completed)) => events.push((at, 1)),
            Some(&(at, State::Deleted)) => events.push((at, 2)),
            _ => {}
        }
    }
    events.sort_unstable();
    let mut rows: Vec<HistoryRow> = Vec::new();
    let mut until = i64::MIN;
    for (at, kind) in events {
        if at >= until || rows.is_empty() {
            let Some(t) = DateTime::<Utc>::from_timestamp(at, 0) else {
                continue;
            };
            let start = period.start_of(local_date(tz, t));
            until = period
                .shift(start, 1)
                .map_or(i64::MAX, |next| begins(tz, next));
            rows.push(HistoryRow {
                start,
                added: 0,
                completed: 0,
                deleted: 0,
            });
        }
        if let Some(row) = rows.last_mut() {
            match kind {
                0 => row.added += 1,
                1 => row.completed += 1,
                _ => row.deleted += 1,
            }
        }
    }
    rows
}

/// One bar of the burndown: the tasks pending, started and done at the end of the period
/// starting on `start` (at `now` for the period holding it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bar {
    pub start: NaiveDate,
    pub pending: usize,
    pub started: usize,
    pub done: usize,
}

impl Bar {
    pub fn total(&self) -> usize {
        self.pending + self.started + self.done
    }
}

/// The burndown: `bars` periods, the last holding `now`, oldest first. A task counts as
/// pending while it was open, started while it was started and done once completed (a
/// task completed long ago counts as done in every bar); a deleted task stops counting when
/// it was deleted.
pub fn burndown<Tz: TimeZone>(
    lives: &[Life],
    period: Period,
    bars: usize,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Vec<Bar> {
    let last = period.start_of(local_date(tz, now));
    let starts: Vec<NaiveDate> = (0..bars)
        .rev()
        .filter_map(|back| period.shift(last, -(back as i32)))
        .collect();
    let bounds: Vec<i64> = starts.iter().map(|d| begins(tz, *d)).collect();
    let n = starts.len();
    // The bar a time falls in: -1 before the first.
    let bar_of = |at: i64| bounds.partition_point(|&b| b <= at) as isize - 1;
    // Differences: +1 where a state begins counting, -1 where it stops.
    let mut change = vec![[0i64; 3]; n + 1];
    for life in lives {
        for (i, &(at, state)) in life.steps.iter().enumerate() {
            let which = match state {
                State::Pending => 0,
                State::Started => 1,
                State::Completed => 2,
                State::Deleted | State::Template => continue,
            };
            let from = bar_of(at).max(0) as usize;
            let to = life
                .steps
                .get(i + 1)
                .map_or(n, |&(next, _)| (bar_of(next).max(0) as usize).min(n));
            if from < to {
                change[from][which] += 1;
                change[to][which] -= 1;
            }
        }
    }
    let mut running = [0i64; 3];
    starts
        .iter()
        .zip(&change)
        .map(|(&start, delta)| {
            for k in 0..3 {
                running[k] += delta[k];
            }
            Bar {
                start,
                pending: running[0].max(0) as usize,
                started: running[1].max(0) as usize,
                done: running[2].max(0) as usize,
            }
        })
        .collect()
}

/// How fast the open tasks are going down, from their highest count to now, as Taskwarrior's
/// burndown reports it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pace {
    /// Nothing is open.
    Idle,
    /// Fewer tasks are open than at the peak at least three days ago: `per_day` fewer a day,
    /// all done at `done_by` at that pace.
    Falling {
        per_day: f64,
        done_by: DateTime<Utc>,
    },
    /// No fewer open tasks than at the peak, or the peak is under three days old.
    NotConverging,
}

/// The pace at which the open (pending or started) tasks of `lives` go down, from the most
/// that were ever open at once to how many are open at `now`.
pub fn pace(lives: &[Life], now: DateTime<Utc>) -> Pace {
    let mut changes: Vec<(i64, i64)> = Vec::new();
    for life in lives {
        let mut open = false;
        for &(at, state) in &life.steps {
            let is_open = matches!(state, State::Pending | State::Started);
            if is_open != open {
                changes.push((at, if is_open { 1 } else { -1 }));
                open = is_open;
            }
        }
    }
    changes.sort_unstable();
    let (mut count, mut peak, mut peak_at) = (0i64, 0i64, 0i64);
    for (at, delta) in changes {
        count += delta;
        if count > peak {
            peak = count;
            peak_at = at;
        }
    }
    if count <= 0 {
        return Pace::Idle;
    }
    let elapsed = now.timestamp() - peak_at;
    if peak <= count || elapsed <= 3 * crate::time::calendar::DAY {
        return Pace::NotConverging;
    }
    let per_second = (peak - count) as f64 / elapsed as f64;
    let left = (count as f64 / per_second) as i64;
    match now.checked_add_signed(chrono::TimeDelta::seconds(left)) {
        Some(done_by) => Pace::Falling {
            per_day: per_second * crate::time::calendar::DAY as f64,
            done_by,
        },
        None => Pace::NotConverging,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn at(date: &str, hour: u32) -> i64 {
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        d.and_hms_opt(hour, 0, 0).unwrap().and_utc().timestamp()
    }

    fn d(date: &str) -> NaiveDate {
        NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap()
    }

    fn life(steps: &[(i64, State)]) -> Life {
        Life {
            steps: steps.to_vec(),
        }
    }

    /// Four tasks, by hand:
    /// A added Mon 2 Nov, started Wed 4, completed Fri 6.
    /// B added Tue 3 Nov, deleted Thu 5.
    /// C added Thu 5 Nov, completed Thu 5, reopened Sat 7 (still pending).
    /// D a recurring template made Mon 2 Nov.
    fn four() -> Vec<Life> {
        use State::*;
        vec![
            life(&[
                (at("2026-11-02", 9), Pending),
                (at("2026-11-04", 9), Started),
                (at("2026-11-06", 9), Completed),
            ]),
            life(&[
                (at("2026-11-03", 9), Pending),
                (at("2026-11-05", 9), Deleted),
            ]),
            life(&[
                (at("2026-11-05", 9), Pending),
                (at("2026-11-05", 17), Completed),
                (at("2026-11-07", 9), Pending),
            ]),
            life(&[(at("2026-11-02", 9), Template)]),
        ]
    }

    #[test]
    fn history_counts_each_task_in_the_periods_it_was_added_and_ended() {
        let rows = history(&four(), Period::Day, &Utc);
        let row = |s: &str, a, c, x| HistoryRow {
            start: d(s),
            added: a,
            completed: c,
            deleted: x,
        };
        assert_eq!(
            rows,
            vec![
                row("2026-11-02", 1, 0, 0),
                row("2026-11-03", 1, 0, 0),
                // C's completion is not counted: it was reopened.
                row("2026-11-05", 1, 0, 1),
                row("2026-11-06", 0, 1, 0),
            ]
        );
        // By week (starting Sunday 1 Nov): everything in one row.
        let weekly = history(&four(), Period::Week(false), &Utc);
        assert_eq!(weekly, vec![row("2026-11-01", 3, 1, 1)]);
        assert_eq!(weekly[0].net(), 1);
        // Local days: at UTC-10, 9:00 UTC on the 5th is the 4th.
        let west = FixedOffset::west_opt(10 * 3600).unwrap();
        let rows = history(&four(), Period::Day, &west);
        assert_eq!(rows[2], row("2026-11-04", 1, 0, 1));
    }

    #[test]
    fn burndown_counts_the_state_at_the_end_of_each_period() {
        let now = DateTime::from_timestamp(at("2026-11-08", 12), 0).unwrap();
        let bars = burndown(&four(), Period::Day, 8, now, &Utc);
        let got: Vec<(NaiveDate, usize, usize, usize)> = bars
            .iter()
            .map(|b| (b.start, b.pending, b.started, b.done))
            .collect();
        assert_eq!(
            got,
            vec![
                (d("2026-11-01"), 0, 0, 0),
                (d("2026-11-02"), 1, 0, 0),
                (d("2026-11-03"), 2, 0, 0),
                (d("2026-11-04"), 1, 1, 0),
                // B deleted (gone), C added and done the same day.
                (d("2026-11-05"), 0, 1, 1),
                (d("2026-11-06"), 0, 0, 2),
                // C reopened.
                (d("2026-11-07"), 1, 0, 1),
                (d("2026-11-08"), 1, 0, 1),
            ]
        );
        // Weekly: the week of 1 Nov ends with A done and C reopened.
        let weekly = burndown(&four(), Period::Week(false), 3, now, &Utc);
        let got: Vec<(NaiveDate, usize, usize)> = weekly
            .iter()
            .map(|b| (b.start, b.pending, b.done))
            .collect();
        assert_eq!(
            got,
            vec![
                (d("2026-10-25"), 0, 0),
                (d("2026-11-01"), 1, 1),
                (d("2026-11-08"), 1, 1)
            ]
        );
        // A task done before the chart's first bar is done in every bar.
        let old = vec![life(&[
            (at("2026-01-01", 9), State::Pending),
            (at("2026-02-01", 9), State::Completed),
        ])];
        let bars = burndown(&old, Period::Month, 3, now, &Utc);
        assert!(bars.iter().all(|b| b.done == 1 && b.pending == 0));
        assert_eq!(bars[0].start, d("2026-09-01"));
    }

    #[test]
    fn the_pace_is_taken_from_the_peak() {
        use State::*;
        let now = DateTime::from_timestamp(at("2026-11-11", 0), 0).unwrap();
        // Four open on 1 Nov; two done on the 3rd: 2 fewer over 10 days.
        let mut lives: Vec<Life> = (0..4)
            .map(|_| life(&[(at("2026-11-01", 0), Pending)]))
            .collect();
        for l in lives.iter_mut().take(2) {
            l.steps.push((at("2026-11-03", 0), Completed));
        }
        match pace(&lives, now) {
            Pace::Falling { per_day, done_by } => {
                assert!((per_day - 0.2).abs() < 1e-9, "{per_day}");
                assert_eq!(done_by.timestamp(), at("2026-11-21", 0));
            }
            other => panic!("{other:?}"),
        }
        // The peak is now: no convergence; nothing open: idle.
        let rising = vec![life(&[(at("2026-11-10", 0), Pending)])];
        assert_eq!(pace(&rising, now), Pace::NotConverging);
        let none = vec![life(&[(1, Pending), (2, Completed)])];
        assert_eq!(pace(&none, now), Pace::Idle);
    }
}
