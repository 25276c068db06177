//! The agenda: day by day for the days ahead, what is due, scheduled or waking up (its
//! `wait` ends), with what is overdue first; the recurring templates' next due dates that
//! have no instance yet are shown as projections, not made. Moving an entry a day or a week
//! changes the date it shows, as one undo step.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeDelta, Utc};
use uuid::Uuid;

use super::core::{Core, Effect};
use crate::task::{Status, Task, keys};
use crate::time::calendar::{local_date, start_of_day};

/// Why a task is on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Due,
    Scheduled,
    /// Its wait ends: it shows up in the lists again.
    Wakes,
    /// A recurring template's due date with no instance yet: a projection.
    Recurs,
}

impl Kind {
    /// The task's property the entry shows (and a move changes); none for a projection.
    pub fn property(self) -> Option<&'static str> {
        match self {
            Kind::Due => Some(keys::DUE),
            Kind::Scheduled => Some(keys::SCHEDULED),
            Kind::Wakes => Some(keys::WAIT),
            Kind::Recurs => None,
        }
    }

    /// A word for the entry.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Due => "due",
            Kind::Scheduled => "scheduled",
            Kind::Wakes => "wakes",
            Kind::Recurs => "recurs",
        }
    }
}

/// One line of the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The task (the template, for a projection).
    pub uuid: Uuid,
    pub kind: Kind,
    pub at: DateTime<Utc>,
}

/// The agenda from one day on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    /// Due before now, oldest first.
    pub overdue: Vec<Entry>,
    /// Each day from today on, with what falls on it by time.
    pub days: Vec<(NaiveDate, Vec<Entry>)>,
}

impl Agenda {
    /// The agenda of `tasks` for `days` days from today (in `offset`), at `now`.
    pub fn of<'a>(
        tasks: impl Iterator<Item = &'a Task>,
        now: DateTime<Utc>,
        offset: FixedOffset,
        days: u64,
    ) -> Agenda {
        let today = local_date(&offset, now);
        let dates: Vec<NaiveDate> = (0..days)
            .filter_map(|d| today.checked_add_days(Days::new(d)))
            .collect();
        let end = dates
            .last()
            .and_then(|d| d.succ_opt())
            .and_then(|d| start_of_day(&offset, d))
            .unwrap_or(now);
        let start = start_of_day(&offset, today).unwrap_or(now);
        let mut overdue = Vec::new();
        let mut ahead: Vec<Entry> = Vec::new();
        for task in tasks {
            match task.status() {
                Status::Pending => {
                    let uuid = task.uuid();
                    if let Some(due) = task.due() {
                        let entry = Entry {
                            uuid,
                            kind: Kind::Due,
                            at: due,
                        };
                        if due < now {
                            overdue.push(entry);
                        } else if due < end {
                            ahead.push(entry);
                        }
                    }
                    for (kind, at) in [
                        (Kind::Scheduled, task.scheduled()),
                        (Kind::Wakes, task.wait()),
                    ] {
                        // From the start of today: what was scheduled this morning is today's.
                        if let Some(at) = at.filter(|at| *at >= start && *at < end) {
                            ahead.push(Entry { uuid, kind, at });
                        }
                    }
                }
                Status::Recurring => ahead.extend(projections(task, start.max(now), end, offset)),
                _ => {}
            }
        }
        overdue.sort_by_key(|e| (e.at, e.kind, e.uuid));
        ahead.sort_by_key(|e| (e.at, e.kind, e.uuid));
        let mut days: Vec<(NaiveDate, Vec<Entry>)> =
            dates.into_iter().map(|d| (d, Vec::new())).collect();
        for entry in ahead {
            let date = local_date(&offset, entry.at);
            if let Some((_, list)) = days.iter_mut().find(|(d, _)| *d == date) {
                list.push(entry);
            }
        }
        Agenda { overdue, days }
    }

    /// Every entry in the order shown: overdue first, then day by day.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.overdue
            .iter()
            .chain(self.days.iter().flat_map(|(_, list)| list.iter()))
    }
}

/// The due dates of `template` from `from` until `to` that no instance has yet.
fn projections(
    template: &Task,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    offset: FixedOffset,
) -> Vec<Entry> {
    let Some(series) = crate::task::SeriesOf::of(template) else {
        return Vec::new();
    };
    let made = series.mask.chars().count();
    let Ok(dates) = series.series(to, 1, &offset) else {
        return Vec::new();
    };
    dates
        .due
        .into_iter()
        .enumerate()
        .skip(made)
        .filter(|(_, at)| *at >= from && *at < to)
        .filter(|(_, at)| series.until.is_none_or(|u| *at <= u))
        .map(|(_, at)| Entry {
            uuid: template.uuid(),
            kind: Kind::Recurs,
            at,
        })
        .collect()
}

/// Move the date `entry` shows by `days` (negative: earlier), keeping its time of day, as
/// one undo step.
pub fn shift(core: &mut Core, entry: &Entry, days: i64) -> Result<Vec<Effect>, String> {
    let Some(property) = entry.kind.property() else {
        return Err("a projected recurrence has no task yet; move the template's due date".into());
    };
    let at = entry.at + TimeDelta::days(days);
    let verb = match days {
        1 => "a day later:".to_string(),
        -1 => "a day earlier:".to_string(),
        7 => "a week later:".to_string(),
        -7 => "a week earlier:".to_string(),
        n if n > 0 => format!("{n} days later:"),
        n => format!("{} days earlier:", -n),
    };
    let verb = format!("{} {verb}", entry.kind.word());
    super::edits::edit(core, &[entry.uuid], &verb, |e| {
        e.set_timestamp(property, Some(at));
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{at, stored as ts, task};

    #[test]
    fn entries_fall_on_their_local_days_with_overdue_first() {
        let now = at("2026-12-01T12:00:00Z");
        // Two hours ahead of UTC: 23:00 UTC on the 1st is the 2nd there.
        let offset = FixedOffset::east_opt(2 * 3600).unwrap();
        let late = task(&[("status", "pending"), ("due", &ts("2026-11-30T09:00:00Z"))]);
        let tonight = task(&[("status", "pending"), ("due", &ts("2026-12-01T23:00:00Z"))]);
        let planned = task(&[
            ("status", "pending"),
            ("scheduled", &ts("2026-12-03T08:00:00Z")),
            ("due", &ts("2026-12-20T08:00:00Z")),
        ]);
        let sleeping = task(&[("status", "pending"), ("wait", &ts("2026-12-04T06:00:00Z"))]);
        let done = task(&[
            ("status", "completed"),
            ("due", &ts("2026-12-02T09:00:00Z")),
        ]);
        // Scheduled this morning (09:00 there), before now: still today's.
        let morning = task(&[
            ("status", "pending"),
            ("scheduled", &ts("2026-12-01T07:00:00Z")),
        ]);
        let tasks = [
            late.clone(),
            tonight.clone(),
            planned.clone(),
            sleeping.clone(),
            done,
            morning.clone(),
        ];
        let agenda = Agenda::of(tasks.iter(), now, offset, 7);
        assert_eq!(agenda.overdue.len(), 1);
        assert_eq!(agenda.overdue[0].uuid, late.uuid());
        assert_eq!(agenda.days.len(), 7);
        let day = |n: usize| {
            agenda.days[n]
                .1
                .iter()
                .map(|e| (e.uuid, e.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(day(0), [(morning.uuid(), Kind::Scheduled)]);
        assert_eq!(day(1), [(tonight.uuid(), Kind::Due)], "the 2nd, locally");
        assert_eq!(day(2), [(planned.uuid(), Kind::Scheduled)]);
        assert_eq!(day(3), [(sleeping.uuid(), Kind::Wakes)]);
        assert_eq!(agenda.entries().count(), 5, "its due date is past the week");
    }

    #[test]
    fn a_template_shows_its_coming_due_dates_that_have_no_instance_yet() {
        let now = at("2026-12-01T12:00:00Z");
        let utc = FixedOffset::east_opt(0).unwrap();
        // Weekly from Monday 23 November; two instances made (23rd and 30th).
        let template = task(&[
            ("status", "recurring"),
            ("recur", "weekly"),
            ("due", &ts("2026-11-23T09:00:00Z")),
            ("mask", "--"),
        ]);
        let agenda = Agenda::of([template.clone()].iter(), now, utc, 14);
        let projected: Vec<DateTime<Utc>> = agenda.entries().map(|e| e.at).collect();
        assert_eq!(
            projected,
            [at("2026-12-07T09:00:00Z"), at("2026-12-14T09:00:00Z")]
        );
        assert!(
            agenda
                .entries()
                .all(|e| e.kind == Kind::Recurs && e.uuid == template.uuid())
        );
    }
}
