//! The calendar's facts: per day, how many pending tasks are due (and overdue) or scheduled;
//! the taskrc's holidays (`holiday.NAME.name` with `.date`, or `.start` and `.end`, read in
//! `dateformat.holiday`, `YMD` by default, as Taskwarrior reads them); and which day a week
//! starts on (`weekstart`, Sunday unless it says Monday, as in Taskwarrior), with a month laid
//! out as weeks from that day.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate, Utc};

use crate::config::Settings;
use crate::task::{Status, Task};
use crate::time::calendar::local_date;

/// What falls on one day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayCounts {
    /// The tasks due or scheduled on the day (one both due and scheduled counts once).
    pub tasks: usize,
    pub due: usize,
    /// Of those due, how many are past due now.
    pub overdue: usize,
    pub scheduled: usize,
}

/// A holiday from the taskrc: one day, or the days from `from` to `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The counts per local day (in `offset`) of the pending `tasks` that are not waiting (as
/// the lists show them), for the days from `from` to `to` (both included).
pub fn counts<'a>(
    tasks: impl Iterator<Item = &'a Task>,
    from: NaiveDate,
    to: NaiveDate,
    offset: FixedOffset,
    now: DateTime<Utc>,
) -> HashMap<NaiveDate, DayCounts> {
    let mut out: HashMap<NaiveDate, DayCounts> = HashMap::new();
    let day = |t: DateTime<Utc>| Some(local_date(&offset, t)).filter(|d| (from..=to).contains(d));
    for task in tasks.filter(|t| t.status() == Status::Pending && !t.is_waiting(now)) {
        let due = task.due().and_then(|due| Some((due, day(due)?)));
        if let Some((at, d)) = due {
            let c = out.entry(d).or_default();
            c.tasks += 1;
            c.due += 1;
            c.overdue += usize::from(at < now);
        }
        if let Some(d) = task.scheduled().and_then(day) {
            let c = out.entry(d).or_default();
            c.scheduled += 1;
            c.tasks += usize::from(due.is_none_or(|(_, due_day)| due_day != d));
        }
    }
    out
}

/// The taskrc's holidays, and what could not be read in them.
pub fn holidays(settings: &Settings) -> (Vec<Holiday>, Vec<String>) {
    let format = settings.get("dateformat.holiday").unwrap_or("YMD");
    let read = |key: &str, text: &str| {
        parse_date(text.trim(), format).ok_or_else(|| {
            format!("{key}: {text:?} is not a date in dateformat.holiday ({format})")
        })
    };
    let mut names: Vec<&str> = settings
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("holiday.")?.strip_suffix(".name"))
        .collect();
    names.sort_unstable();
    names.dedup();
    let (mut out, mut warnings) = (Vec::new(), Vec::new());
    for id in names {
        let key = |part: &str| format!("holiday.{id}.{part}");
        let name = settings.get(&key("name")).unwrap_or(id).to_string();
        let span = match (
            settings.get(&key("date")),
            settings.get(&key("start")),
            settings.get(&key("end")),
        ) {
            (Some(date), _, _) => read(&key("date"), date).map(|d| (d, d)),
            (None, Some(start), Some(end)) => {
                read(&key("start"), start).and_then(|s| Ok((s, read(&key("end"), end)?)))
            }
            _ => Err(format!(
                "{}: no date (or start and end) for it",
                key("name")
            )),
        };
        match span {
            Ok((from, to)) => out.push(Holiday { name, from, to }),
            Err(why) => warnings.push(why),
        }
    }
    out.sort_by(|a, b| (a.from, &a.name).cmp(&(b.from, &b.name)));
    (out, warnings)
}

/// `text` in Taskwarrior's date format `format` (`Y` year, `M`/`m` month, `D`/`d` day,
/// anything else literal); ISO `YYYY-MM-DD` is taken too.
fn parse_date(text: &str, format: &str) -> Option<NaiveDate> {
    let mut pattern = String::new();
    for c in format.chars() {
        match c {
            'Y' => pattern.push_str("%Y"),
            'y' => pattern.push_str("%y"),
            'M' | 'm' => pattern.push_str("%m"),
            'D' | 'd' => pattern.push_str("%d"),
            '%' => pattern.push_str("%%"),
            other => pattern.push(other),
        }
    }
    NaiveDate::parse_from_str(text, &pattern)
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

/// The first and last day of the month `day` is in.
pub fn month_bounds(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first);
    (first, last)
}

/// The month `day` is in as a grid: its weeks, each of seven days from Monday (`monday`) or
/// Sunday, with the cells before its first day and after its last left `None`.
pub fn month_weeks(day: NaiveDate, monday: bool) -> Vec<[Option<NaiveDate>; 7]> {
    let (first, last) = month_bounds(day);
    let lead = if monday {
        first.weekday().num_days_from_monday()
    } else {
        first.weekday().num_days_from_sunday()
    } as usize;
    let mut weeks = vec![[None; 7]];
    let mut column = lead;
    let mut d = first;
    loop {
        if column == 7 {
            weeks.push([None; 7]);
            column = 0;
        }
        if let Some(week) = weeks.last_mut() {
            week[column] = Some(d);
        }
        column += 1;
        match d.succ_opt().filter(|n| *n <= last) {
            Some(next) => d = next,
            None => return weeks,
        }
    }
}

/// Whether weeks start on Monday (`weekstart=monday`); Sunday otherwise, as in Taskwarrior.
pub fn week_starts_monday(settings: &Settings) -> bool {
    settings
        .get("weekstart")
        .is_some_and(|w| w.trim().eq_ignore_ascii_case("monday"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{at, stored as ts, task};

    fn settings(lines: &str) -> Settings {
        let path = std::path::Path::new("/nowhere/taskrc");
        let taskrc = crate::config::Taskrc::parse(path, lines, None).unwrap();
        Settings::load(None, Some(&taskrc))
    }

    #[test]
    fn a_month_as_weeks_from_weekstart() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
        // November 2026 starts on a Sunday and ends on a Monday.
        let sunday = month_weeks(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(), false);
        assert_eq!(sunday.len(), 5);
        assert_eq!(sunday[0][0], day(1));
        assert_eq!(sunday[4][1], day(30));
        assert_eq!(sunday[4][2], None);
        let monday = month_weeks(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(), true);
        assert_eq!(monday.len(), 6);
        assert_eq!(monday[0], [None, None, None, None, None, None, day(1)]);
        assert_eq!(monday[5][0], day(30));
        // February 2026 fills four whole weeks from Sunday.
        let february = month_weeks(NaiveDate::from_ymd_opt(2026, 2, 10).unwrap(), false);
        assert_eq!(february.len(), 4);
        assert_eq!(february[3][6], NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(
            month_bounds(NaiveDate::from_ymd_opt(2028, 2, 15).unwrap()),
            (
                NaiveDate::from_ymd_opt(2028, 2, 1).unwrap(),
                NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()
            )
        );
    }

    #[test]
    fn days_count_what_is_due_and_scheduled_on_them() {
        let now = at("2026-12-10T12:00:00Z");
        let tasks = [
            task(&[("status", "pending"), ("due", &ts("2026-12-05T09:00:00Z"))]),
            task(&[
                ("status", "pending"),
                ("due", &ts("2026-12-05T18:00:00Z")),
                ("scheduled", &ts("2026-12-03T08:00:00Z")),
            ]),
            task(&[
                ("status", "completed"),
                ("due", &ts("2026-12-05T09:00:00Z")),
            ]),
            task(&[("status", "pending"), ("due", &ts("2027-01-05T09:00:00Z"))]),
            // Waiting: the lists do not show it yet, so neither does the calendar.
            task(&[
                ("status", "pending"),
                ("due", &ts("2026-12-05T09:00:00Z")),
                ("wait", &ts("2026-12-12T00:00:00Z")),
            ]),
            // Due and scheduled on one day: one task.
            task(&[
                ("status", "pending"),
                ("due", &ts("2026-12-07T09:00:00Z")),
                ("scheduled", &ts("2026-12-07T08:00:00Z")),
            ]),
        ];
        let utc = FixedOffset::east_opt(0).unwrap();
        let (from, to) = (
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        );
        let c = counts(tasks.iter(), from, to, utc, now);
        let day = |d| c[&NaiveDate::from_ymd_opt(2026, 12, d).unwrap()];
        assert_eq!(c.len(), 3);
        let counted = |tasks, due, overdue, scheduled| DayCounts {
            tasks,
            due,
            overdue,
            scheduled,
        };
        assert_eq!(day(5), counted(2, 2, 2, 0));
        assert_eq!(day(3), counted(1, 0, 0, 1));
        assert_eq!(day(7), counted(1, 1, 1, 1));
    }

    #[test]
    fn holidays_are_read_as_taskwarrior_reads_them() {
        let s = settings(
            "holiday.xmas.name=Christmas Day\nholiday.xmas.date=20261225\n\
             holiday.break.name=Winter break\nholiday.break.start=20261228\nholiday.break.end=20261231\n\
             holiday.bad.name=Oops\nholiday.bad.date=25.12.2026\n",
        );
        let (days, warnings) = holidays(&s);
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(
            days,
            [
                Holiday {
                    name: "Christmas Day".into(),
                    from: d(12, 25),
                    to: d(12, 25)
                },
                Holiday {
                    name: "Winter break".into(),
                    from: d(12, 28),
                    to: d(12, 31)
                },
            ]
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("holiday.bad.date"), "{warnings:?}");
        let s = settings("dateformat.holiday=D.M.Y\nholiday.x.name=X\nholiday.x.date=25.12.2026\n");
        assert_eq!(holidays(&s).0[0].from, d(12, 25));
        assert!(!week_starts_monday(&s));
        assert!(week_starts_monday(&settings("weekstart=Monday\n")));
    }
}
