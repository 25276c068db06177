//! Calendar arithmetic, written once for everything that reads or tests dates: moving a
//! date by days and months, the first day of its week, month, quarter or year, and the
//! instant a local date and time names in a time zone.
//!
//! Pure: no I/O and no clock; dates and time zones are passed in.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use chrono::{TimeZone, Utc};

/// Seconds in a minute, an hour, a day and a week, as Taskwarrior counts them.
pub(crate) const MINUTE: i64 = 60;
pub(crate) const HOUR: i64 = 3600;
pub(crate) const DAY: i64 = 86_400;
pub(crate) const WEEK: i64 = 7 * DAY;

/// `date` moved by `n` days, either way; `None` past chrono's range.
pub(crate) fn shift_days(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let d = Days::new(n.unsigned_abs());
    if n >= 0 {
        date.checked_add_days(d)
    } else {
        date.checked_sub_days(d)
    }
}

/// `date` moved by `n` months, either way, the day clamped to the length of the month it
/// lands in (Jan 31 + 1 month = Feb 28); `None` past chrono's range.
pub(crate) fn shift_months(date: NaiveDate, n: i32) -> Option<NaiveDate> {
    let m = Months::new(n.unsigned_abs());
    if n >= 0 {
        date.checked_add_months(m)
    } else {
        date.checked_sub_months(m)
    }
}

/// A stretch of the calendar that named dates (`sow`, `eoq`) and virtual tags (`+WEEK`,
/// `+QUARTER`) speak of. Weeks start on Monday, as Taskwarrior's `sow` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CalendarUnit {
    Week,
    Month,
    Quarter,
    Year,
}

impl CalendarUnit {
    /// The first day of the unit that holds `date`.
    pub(crate) fn start_of(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            CalendarUnit::Week => {
                shift_days(date, -i64::from(date.weekday().num_days_from_monday()))
            }
            CalendarUnit::Month => date.with_day(1),
            CalendarUnit::Quarter => {
                NaiveDate::from_ymd_opt(date.year(), date.month0() / 3 * 3 + 1, 1)
            }
            CalendarUnit::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1),
        }
    }

    /// `start` moved by `n` whole units, either way.
    pub(crate) fn shift(self, start: NaiveDate, n: i32) -> Option<NaiveDate> {
        match self {
            CalendarUnit::Week => shift_days(start, 7 * i64::from(n)),
            CalendarUnit::Month => shift_months(start, n),
            CalendarUnit::Quarter => shift_months(start, n.checked_mul(3)?),
            CalendarUnit::Year => shift_months(start, n.checked_mul(12)?),
        }
    }

    /// The unit holding `date`, as the local dates `[first day, first day of the next)`.
    pub(crate) fn holding(self, date: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let start = self.start_of(date);
        (start, start.and_then(|d| self.shift(d, 1)))
    }
}

/// The instant a local date and time names in `tz`. A time skipped by a daylight-saving
/// change moves an hour forward; a repeated one takes the earlier instant.
pub(crate) fn resolve_local<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            let later = local.checked_add_signed(TimeDelta::hours(1))?;
            tz.from_local_datetime(&later).earliest()
        })
        .map(|t| t.with_timezone(&Utc))
}

/// The instant the local `date` begins in `tz`.
pub(crate) fn start_of_day<Tz: TimeZone>(tz: &Tz, date: NaiveDate) -> Option<DateTime<Utc>> {
    resolve_local(tz, date.and_time(NaiveTime::MIN))
}

/// The local date `t` falls on in `tz`.
pub(crate) fn local_date<Tz: TimeZone>(tz: &Tz, t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_clamp_to_the_month_they_land_in() {
        assert_eq!(shift_months(d("2026-01-31"), 1), Some(d("2026-02-28")));
        assert_eq!(shift_months(d("2024-03-31"), -1), Some(d("2024-02-29")));
        assert_eq!(shift_days(d("2026-03-01"), -1), Some(d("2026-02-28")));
        assert_eq!(shift_days(NaiveDate::MAX, 1), None);
    }

    #[test]
    fn units_start_where_taskwarrior_starts_them() {
        // Sunday 2026-05-17: its week began on Monday the 11th.
        let sunday = d("2026-05-17");
        let cases = [
            (CalendarUnit::Week, "2026-05-11", "2026-05-18"),
            (CalendarUnit::Month, "2026-05-01", "2026-06-01"),
            (CalendarUnit::Quarter, "2026-04-01", "2026-07-01"),
            (CalendarUnit::Year, "2026-01-01", "2027-01-01"),
        ];
        for (unit, start, next) in cases {
            assert_eq!(
                unit.holding(sunday),
                (Some(d(start)), Some(d(next))),
                "{unit:?}"
            );
            assert_eq!(unit.shift(d(next), -1), Some(d(start)), "{unit:?}");
        }
    }

    #[test]
    fn days_begin_at_local_midnight() {
        let tz = FixedOffset::east_opt(2 * 3600).unwrap();
        let start = start_of_day(&tz, d("2026-05-15")).unwrap();
        assert_eq!(start.to_rfc3339(), "2026-05-14T22:00:00+00:00");
        assert_eq!(local_date(&tz, start), d("2026-05-15"));
        assert_eq!(
            local_date(&tz, start - TimeDelta::seconds(1)),
            d("2026-05-14")
        );
    }
}
