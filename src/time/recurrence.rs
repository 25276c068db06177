//! Recurrence periods as Taskwarrior steps through them: from one due date of a recurring
//! task to the next (`getNextRecurrence` in Taskwarrior's `recur.cpp`).
//!
//! The stored `recur` value is the text the user typed, and Taskwarrior reads it in a fixed
//! order, quirks included, which this follows exactly:
//!
//! - `monthly`, `P1M`, `Nm` (`2m`), `Nq`, `quarterly`, `semiannual` and `bimonthly` move
//!   along the local calendar by months, the day clamped to the month's length (Jan 31
//!   monthly: Feb 28, Mar 28, ...: the clamped day carries on), keeping the time of day;
//! - `PnM` (`P2M`, `P3M`) does the same but lands at local midnight;
//! - `annual`, `yearly`, `P1Y` add a year (Feb 29 becomes Feb 28), and `biannual`,
//!   `biyearly`, `P2Y` two (Feb 29 rolls over to Mar 1);
//! - `weekdays` skips from Friday and Saturday to Monday, counting days of 86,400 seconds;
//! - anything else is a duration of flat seconds (`weekly` 7 days, `2mo` 60 days, `1y`
//!   365 days, `P1D`), added to the instant, so the local time moves across a daylight
//!   saving change.
//!
//! Pure: no I/O and no clock; the time zone is passed in.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use super::calendar::{DAY, resolve_local};
use super::duration::flat_seconds_checked;

/// Why a recurrence period cannot be stepped through.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecurError {
    /// Taskwarrior's own words for a period it cannot read.
    #[error("the recurrence value '{0}' is not valid")]
    Invalid(String),
    /// A number of months or quarters that is not positive (`0m`).
    #[error("the recurrence period '{0}' is equivalent to {1} and hence invalid")]
    NotPositive(String, i64),
    /// A duration of no time or less (`0d`): the series would never move on.
    #[error("the recurrence period '{0}' does not move the due date forward")]
    Standstill(String),
    /// The next date is beyond the dates a task may hold.
    #[error("the recurrence period '{0}' leads past the year 9999")]
    OutOfRange(String),
}

/// The due date after `current` in a series recurring every `period`, with local dates
/// and times read in `tz`.
pub fn next_recurrence<Tz: TimeZone>(
    current: DateTime<Utc>,
    period: &str,
    tz: &Tz,
) -> Result<DateTime<Utc>, RecurError> {
    Recurrence::parse(period)?.after(current, tz)
}

/// A period read once, in Taskwarrior's order, to step through a series with: the same
/// steps as [`next_recurrence`], without reading the period again at each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    period: String,
    rule: Rule,
}

/// How a period moves a due date on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Months on the local calendar, the day clamped; at local midnight when `midnight`.
    Months { n: i64, midnight: bool },
    /// A day on, three from a Friday, two from a Saturday.
    Weekdays,
    /// A year on, Feb 29 becoming Feb 28.
    Year,
    /// Two years on, the day not clamped (Feb 29 becomes Mar 1, as `mktime` reads it).
    TwoYears,
    /// Flat seconds.
    Seconds(i64),
}

impl Recurrence {
    /// Read `period` as Taskwarrior's `getNextRecurrence` reads it.
    pub fn parse(period: &str) -> Result<Recurrence, RecurError> {
        let invalid = || RecurError::Invalid(period.to_string());
        let counted = |n: i64| -> Result<i64, RecurError> {
            if n <= 0 {
                Err(RecurError::NotPositive(period.to_string(), n))
            } else {
                Ok(n)
            }
        };
        let months = |n: i64, midnight: bool| Rule::Months { n, midnight };
        let leading = leading_number(period);
        let rule = if matches!(period, "monthly" | "P1M") {
            months(1, false)
        } else if period == "weekdays" {
            Rule::Weekdays
        } else if let Some(n) = leading.filter(|_| period.ends_with('m')) {
            months(counted(n)?, false)
        } else if let Some(n) = period
            .strip_prefix('P')
            .and_then(|rest| rest.strip_suffix('M'))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            months(counted(n.parse().map_err(|_| invalid())?)?, true)
        } else if period == "quarterly" {
            months(3, false)
        } else if let Some(n) = leading.filter(|_| period.ends_with('q')) {
            let n = counted(n)?
                .checked_mul(3)
                .ok_or_else(|| RecurError::OutOfRange(period.to_string()))?;
            months(n, false)
        } else {
            match period {
                "semiannual" => months(6, false),
                "bimonthly" => months(2, false),
                "biannual" | "biyearly" | "P2Y" => Rule::TwoYears,
                "annual" | "yearly" | "P1Y" => Rule::Year,
                _ => {
                    let seconds = flat_seconds_checked(period).ok_or_else(invalid)?;
                    if seconds <= 0 {
                        return Err(RecurError::Standstill(period.to_string()));
                    }
                    Rule::Seconds(seconds)
                }
            }
        };
        Ok(Recurrence {
            period: period.to_string(),
            rule,
        })
    }

    /// The due date after `current`, with local dates and times read in `tz`.
    pub fn after<Tz: TimeZone>(
        &self,
        current: DateTime<Utc>,
        tz: &Tz,
    ) -> Result<DateTime<Utc>, RecurError> {
        let out_of_range = || RecurError::OutOfRange(self.period.clone());
        // The local date and time, worked out only for the periods that read them (a flat
        // duration does not, and a time zone's rules are costly to look up).
        let local = || current.with_timezone(tz).naive_local();
        let at_local = |date: Option<NaiveDate>, time: NaiveTime| {
            resolve_local(tz, date.ok_or_else(out_of_range)?.and_time(time))
                .ok_or_else(out_of_range)
        };
        let next = match self.rule {
            Rule::Seconds(seconds) => add_seconds(current, seconds).ok_or_else(out_of_range)?,
            Rule::Weekdays => {
                let days = match local().date().weekday() {
                    Weekday::Fri => 3,
                    Weekday::Sat => 2,
                    _ => 1,
                };
                add_seconds(current, days * DAY).ok_or_else(out_of_range)?
            }
            Rule::Months { n, midnight } => {
                let local = local();
                let time = if midnight {
                    NaiveTime::MIN
                } else {
                    local.time()
                };
                at_local(add_months_clamped(local.date(), n), time)?
            }
            Rule::TwoYears => {
                let (date, time) = (local().date(), local().time());
                at_local(rolled_over(date.year() + 2, date.month(), date.day()), time)?
            }
            Rule::Year => {
                let (date, time) = (local().date(), local().time());
                let day = if date.month() == 2 && date.day() == 29 {
                    28
                } else {
                    date.day()
                };
                at_local(
                    NaiveDate::from_ymd_opt(date.year() + 1, date.month(), day),
                    time,
                )?
            }
        };
        if next.timestamp() > super::LAST_SECOND {
            return Err(out_of_range());
        }
        Ok(next)
    }
}

/// Whether `period` is one a recurring task can repeat by: one Taskwarrior stores (it reads
/// as a duration) and can step through.
pub fn check_recurrence(period: &str) -> Result<(), RecurError> {
    if flat_seconds_checked(period).is_none() {
        return Err(RecurError::Invalid(period.to_string()));
    }
    let sample = DateTime::from_timestamp(946_684_800, 0).unwrap_or_default();
    next_recurrence(sample, period, &Utc).map(|_| ())
}

/// The number a period starts with, read as C's `strtol` reads it there (the digits up to
/// the first other character), when it starts with a digit.
fn leading_number(period: &str) -> Option<i64> {
    let digits = period.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    // Too many digits for a number saturates, as `strtol` does.
    Some(period[..digits].parse().unwrap_or(i64::MAX))
}

/// `date` moved `n` months on, the day lowered until the date exists.
fn add_months_clamped(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let months0 = i64::from(date.month0()).checked_add(n)?;
    let year = i32::try_from(i64::from(date.year()).checked_add(months0.div_euclid(12))?).ok()?;
    let month = u32::try_from(months0.rem_euclid(12)).ok()? + 1;
    (1..=date.day())
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
}

/// The date `day` days into the month (so Feb 29 of a common year is Mar 1).
fn rolled_over(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?.checked_add_days(chrono::Days::new(u64::from(day) - 1))
}

fn add_seconds(t: DateTime<Utc>, seconds: i64) -> Option<DateTime<Utc>> {
    t.checked_add_signed(chrono::TimeDelta::try_seconds(seconds)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, LocalResult, NaiveDateTime};

    /// A local date and time.
    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    /// The first `n` due dates of the series from `start` (local, in `tz`), in UTC as
    /// `task export` writes them.
    fn dates<Tz: TimeZone>(tz: &Tz, start: &str, period: &str, n: usize) -> Vec<String> {
        let mut t = resolve_local(tz, local(start)).unwrap();
        let mut out = vec![];
        for _ in 0..n {
            out.push(t.format("%Y%m%dT%H%M%SZ").to_string());
            t = next_recurrence(t, period, tz).unwrap();
        }
        out
    }

    /// What `task` 3.1.0 generated (`TZ=UTC`, `rc.recurrence.limit=4`) for `add X
    /// due:START recur:PERIOD`: the first four due dates of each series. Months clamp and
    /// the clamped day carries on; `PnM` lands at midnight; Feb 29 a year on is Feb 28, two
    /// years on Mar 1; `weekdays` skips the weekend; `2mo`, `1y` and the rest are flat
    /// seconds (60 and 365 days).
    #[test]
    fn series_as_taskwarrior_generated_them() {
        let cases: &[(&str, &str, [&str; 4])] = &[
            (
                "monthly",
                "2027-01-31 09:30:00",
                [
                    "20270131T093000Z",
                    "20270228T093000Z",
                    "20270328T093000Z",
                    "20270428T093000Z",
                ],
            ),
            (
                "P1M",
                "2027-11-30 08:00:00",
                [
                    "20271130T080000Z",
                    "20271230T080000Z",
                    "20280130T080000Z",
                    "20280229T080000Z",
                ],
            ),
            (
                "2m",
                "2027-08-31 08:00:00",
                [
                    "20270831T080000Z",
                    "20271031T080000Z",
                    "20271231T080000Z",
                    "20280229T080000Z",
                ],
            ),
            (
                "quarterly",
                "2027-11-30 08:00:00",
                [
                    "20271130T080000Z",
                    "20280229T080000Z",
                    "20280529T080000Z",
                    "20280829T080000Z",
                ],
            ),
            (
                "2q",
                "2027-05-31 08:00:00",
                [
                    "20270531T080000Z",
                    "20271130T080000Z",
                    "20280530T080000Z",
                    "20281130T080000Z",
                ],
            ),
            (
                "semiannual",
                "2027-08-31 08:00:00",
                [
                    "20270831T080000Z",
                    "20280229T080000Z",
                    "20280829T080000Z",
                    "20290228T080000Z",
                ],
            ),
            (
                "bimonthly",
                "2027-12-31 08:00:00",
                [
                    "20271231T080000Z",
                    "20280229T080000Z",
                    "20280429T080000Z",
                    "20280629T080000Z",
                ],
            ),
            (
                "P2M",
                "2027-01-31 09:30:00",
                [
                    "20270131T093000Z",
                    "20270331T000000Z",
                    "20270531T000000Z",
                    "20270731T000000Z",
                ],
            ),
            (
                "P3M",
                "2027-01-15 09:30:00",
                [
                    "20270115T093000Z",
                    "20270415T000000Z",
                    "20270715T000000Z",
                    "20271015T000000Z",
                ],
            ),
            (
                "yearly",
                "2028-02-29 10:00:00",
                [
                    "20280229T100000Z",
                    "20290228T100000Z",
                    "20300228T100000Z",
                    "20310228T100000Z",
                ],
            ),
            (
                "biyearly",
                "2028-02-29 10:00:00",
                [
                    "20280229T100000Z",
                    "20300301T100000Z",
                    "20320301T100000Z",
                    "20340301T100000Z",
                ],
            ),
            (
                "1y",
                "2028-02-29 10:00:00",
                [
                    "20280229T100000Z",
                    "20290228T100000Z",
                    "20300228T100000Z",
                    "20310228T100000Z",
                ],
            ),
            (
                "1y",
                "2027-03-01 10:00:00",
                [
                    "20270301T100000Z",
                    "20280229T100000Z",
                    "20290228T100000Z",
                    "20300228T100000Z",
                ],
            ),
            (
                "weekdays",
                "2027-01-07 17:00:00",
                [
                    "20270107T170000Z",
                    "20270108T170000Z",
                    "20270111T170000Z",
                    "20270112T170000Z",
                ],
            ),
            (
                "weekdays",
                "2027-01-09 17:00:00",
                [
                    "20270109T170000Z",
                    "20270111T170000Z",
                    "20270112T170000Z",
                    "20270113T170000Z",
                ],
            ),
            (
                "2mo",
                "2027-01-31 09:30:00",
                [
                    "20270131T093000Z",
                    "20270401T093000Z",
                    "20270531T093000Z",
                    "20270730T093000Z",
                ],
            ),
            (
                "weekly",
                "2027-01-01 09:30:00",
                [
                    "20270101T093000Z",
                    "20270108T093000Z",
                    "20270115T093000Z",
                    "20270122T093000Z",
                ],
            ),
            (
                "P1DT12H",
                "2027-01-01 09:30:00",
                [
                    "20270101T093000Z",
                    "20270102T213000Z",
                    "20270104T093000Z",
                    "20270105T213000Z",
                ],
            ),
            (
                "biweekly",
                "2027-01-01 09:30:00",
                [
                    "20270101T093000Z",
                    "20270115T093000Z",
                    "20270129T093000Z",
                    "20270212T093000Z",
                ],
            ),
        ];
        for (period, start, want) in cases {
            assert_eq!(dates(&Utc, start, period, 4), want, "{period} from {start}");
        }
    }

    #[test]
    fn a_period_read_once_steps_as_next_recurrence_steps() {
        let t = resolve_local(&Utc, local("2027-01-31 09:30:00")).unwrap();
        for period in [
            "daily", "weekly", "2w", "2mo", "1y", "P1DT12H", "biweekly", "3d", "monthly", "P1M",
            "2m", "3q", "P2M", "weekdays", "yearly", "P2Y",
        ] {
            let read = Recurrence::parse(period).unwrap();
            let (mut a, mut b) = (t, t);
            for _ in 0..5 {
                a = read.after(a, &Utc).unwrap();
                b = next_recurrence(b, period, &Utc).unwrap();
                assert_eq!(a, b, "{period}");
            }
        }
        for bad in ["0d", "0m", "sometimes"] {
            assert_eq!(
                Recurrence::parse(bad).map(|_| ()),
                next_recurrence(t, bad, &Utc).map(|_| ()),
                "{bad}"
            );
        }
    }

    /// Central European time in 2027: UTC+1, and UTC+2 from 28 March 01:00 UTC to
    /// 31 October 01:00 UTC.
    #[derive(Debug, Clone, Copy)]
    struct Berlin2027;

    impl Berlin2027 {
        fn offset_at(utc: NaiveDateTime) -> FixedOffset {
            let start = local("2027-03-28 01:00:00");
            let end = local("2027-10-31 01:00:00");
            let hours = if (start..end).contains(&utc) { 2 } else { 1 };
            FixedOffset::east_opt(hours * 3600).unwrap()
        }
    }

    impl TimeZone for Berlin2027 {
        type Offset = FixedOffset;

        fn from_offset(_: &FixedOffset) -> Self {
            Berlin2027
        }

        fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<FixedOffset> {
            self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
        }

        fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<FixedOffset> {
            // Each offset that, taken from the local time, gives an instant it holds at.
            let fits = |hours: i32| {
                let offset = FixedOffset::east_opt(hours * 3600).unwrap();
                (Berlin2027::offset_at(*local - offset) == offset).then_some(offset)
            };
            match (fits(2), fits(1)) {
                (Some(summer), Some(winter)) => LocalResult::Ambiguous(summer, winter),
                (Some(one), None) | (None, Some(one)) => LocalResult::Single(one),
                (None, None) => LocalResult::None,
            }
        }

        fn offset_from_utc_date(&self, utc: &NaiveDate) -> FixedOffset {
            Berlin2027::offset_at(utc.and_time(NaiveTime::MIN))
        }

        fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
            Berlin2027::offset_at(*utc)
        }
    }

    /// The due dates `task` 3.1.0 wrote (UTC) with `TZ=Europe/Berlin` and
    /// `rc.recurrence.limit=3` for `add X due:DUE recur:PERIOD`.
    #[test]
    fn across_daylight_saving_as_taskwarrior_steps() {
        let utc_series = |start: &str, period: &str| dates(&Berlin2027, start, period, 3);
        // Days of 86,400 seconds: 09:00 in winter is 10:00 in summer.
        assert_eq!(
            utc_series("2027-03-27 09:00:00", "daily"),
            ["20270327T080000Z", "20270328T080000Z", "20270329T080000Z"]
        );
        // Months keep the local time of day.
        assert_eq!(
            utc_series("2027-02-28 09:00:00", "monthly"),
            ["20270228T080000Z", "20270328T070000Z", "20270428T070000Z"]
        );
        assert_eq!(
            utc_series("2027-01-31 09:30:00", "P2M"),
            ["20270131T083000Z", "20270330T220000Z", "20270530T220000Z"]
        );
        assert_eq!(
            utc_series("2027-03-26 09:00:00", "weekdays"),
            ["20270326T080000Z", "20270329T080000Z", "20270330T080000Z"]
        );
        // 02:30 on 28 March does not exist: it is an hour later, and stays there.
        assert_eq!(
            utc_series("2027-02-28 02:30:00", "monthly"),
            ["20270228T013000Z", "20270328T013000Z", "20270428T013000Z"]
        );
    }

    #[test]
    fn periods_that_cannot_be_stepped_through_say_why() {
        let t = resolve_local(&Utc, local("2027-01-01 00:00:00")).unwrap();
        assert_eq!(
            next_recurrence(t, "0m", &Utc),
            Err(RecurError::NotPositive("0m".into(), 0))
        );
        assert_eq!(
            next_recurrence(t, "P0M", &Utc),
            Err(RecurError::NotPositive("P0M".into(), 0))
        );
        assert_eq!(
            next_recurrence(t, "0q", &Utc),
            Err(RecurError::NotPositive("0q".into(), 0))
        );
        assert_eq!(
            next_recurrence(t, "0d", &Utc),
            Err(RecurError::Standstill("0d".into()))
        );
        for bad in ["", "PM", "fortnightly-ish", "soon"] {
            assert_eq!(
                next_recurrence(t, bad, &Utc),
                Err(RecurError::Invalid(bad.into())),
                "{bad}"
            );
        }
        let last = DateTime::from_timestamp(super::super::LAST_SECOND, 0).unwrap();
        assert!(matches!(
            next_recurrence(last, "yearly", &Utc),
            Err(RecurError::OutOfRange(_))
        ));
        assert!(matches!(
            next_recurrence(last, "daily", &Utc),
            Err(RecurError::OutOfRange(_))
        ));
    }
}
