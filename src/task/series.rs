//! A recurring template's series: the due dates Taskwarrior keeps instances for, up to now
//! and `recurrence.limit` dates ahead, and whether the template is spent
//! (`generateDueDates` in Taskwarrior's `recur.cpp`).
//!
//! Pure: the time, the time zone and the limit are passed in.

use chrono::{DateTime, TimeZone, Utc};

use super::keys;
use super::recurrence::MAX_MASK;
use super::task::Task;
use crate::time::{RecurError, next_recurrence};

/// The due dates of a series, from the template's own due date on, one per instance index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub due: Vec<DateTime<Utc>>,
    /// The series has passed `until` and every instance of it is done or deleted: the
    /// template has nothing left to give.
    pub spent: bool,
}

/// What one recurring template asks for.
#[derive(Debug, Clone, Copy)]
pub struct SeriesOf<'a> {
    pub due: DateTime<Utc>,
    pub recur: &'a str,
    pub until: Option<DateTime<Utc>>,
    /// What became of each instance so far (see [`super::recurrence::mask_char`]).
    pub mask: &'a str,
}

impl<'a> SeriesOf<'a> {
    /// The template's due date, period, end and mask; `None` without a due date or a
    /// period (Taskwarrior refuses to store such a template, and deletes one it finds
    /// without a due date; tcui leaves it be).
    pub fn of(template: &'a Task) -> Option<SeriesOf<'a>> {
        let recur = template.get(keys::RECUR).filter(|r| !r.trim().is_empty())?;
        Some(SeriesOf {
            due: template.due()?,
            recur,
            until: template.until(),
            mask: template.get(keys::MASK).unwrap_or(""),
        })
    }

    /// The series as Taskwarrior works it out at `now`: every due date from the first,
    /// through those already past, until `limit` of them lie ahead of `now` or one lies
    /// past `until` (that one included, as Taskwarrior includes it).
    pub fn series<Tz: TimeZone>(
        &self,
        now: DateTime<Utc>,
        limit: i64,
        tz: &Tz,
    ) -> Result<Series, RecurError> {
        let mut due = Vec::new();
        let mut ahead = 0;
        let mut at = self.due;
        loop {
            due.push(at);
            if let Some(until) = self.until
                && at > until
            {
                let marks = self.mask.chars().count();
                let spent = marks == due.len() && !self.mask.contains('-');
                return Ok(Series { due, spent });
            }
            if at > now {
                ahead += 1;
            }
            // A daily series begun long ago stops at the longest mask tcui keeps.
            if ahead >= limit || due.len() >= MAX_MASK {
                return Ok(Series { due, spent: false });
            }
            at = next_recurrence(at, self.recur, tz)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    fn dates(series: &Series) -> Vec<String> {
        series
            .due
            .iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect()
    }

    fn template<'a>(due: &str, recur: &'a str, until: Option<&str>, mask: &'a str) -> SeriesOf<'a> {
        SeriesOf {
            due: at(due),
            recur,
            until: until.map(at),
            mask,
        }
    }

    /// What `task` 3.1.0 made on 2026-12-01 of `add w due:2026-11-10 recur:weekly`, and
    /// with `rc.recurrence.limit=2`.
    #[test]
    fn past_dates_all_count_and_the_limit_counts_those_ahead() {
        let now = at("2026-12-01T14:00:00Z");
        let weekly = template("2026-11-10T00:00:00Z", "weekly", None, "");
        let one = weekly.series(now, 1, &Utc).unwrap();
        // 2026-12-01 00:00 is before now, so not ahead: the next one is.
        assert_eq!(
            dates(&one),
            [
                "2026-11-10",
                "2026-11-17",
                "2026-11-24",
                "2026-12-01",
                "2026-12-08"
            ]
        );
        assert!(!one.spent);
        let two = weekly.series(now, 2, &Utc).unwrap();
        assert_eq!(dates(&two).last().map(String::as_str), Some("2026-12-15"));
        // A limit of 0 or less still gives the first date, as Taskwarrior does.
        let none = weekly.series(now, 0, &Utc).unwrap();
        assert_eq!(dates(&none), ["2026-11-10"]);
    }

    /// What `task` 3.1.0 made on 2026-12-01 of `add trash due:today-3d recur:daily
    /// until:today-1d`: four instances, the last due after `until`; the mask stays `----`
    /// after they expire, so Taskwarrior never lets the template go.
    #[test]
    fn until_takes_one_date_past_it_and_a_finished_series_is_spent() {
        let now = at("2026-12-01T14:01:15Z");
        let mut daily = template(
            "2026-11-28T00:00:00Z",
            "daily",
            Some("2026-11-30T00:00:00Z"),
            "----",
        );
        let series = daily.series(now, 1, &Utc).unwrap();
        assert_eq!(
            dates(&series),
            ["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01"]
        );
        assert!(!series.spent);
        daily.mask = "+XX+";
        assert!(daily.series(now, 1, &Utc).unwrap().spent);
        // An instance not yet made is not a finished one.
        daily.mask = "+XX";
        assert!(!daily.series(now, 1, &Utc).unwrap().spent);
        // `task` 3.1.0 on the same day for `due:today recur:daily until:tomorrow`: two.
        let short = template(
            "2026-12-01T00:00:00Z",
            "daily",
            Some("2026-12-02T00:00:00Z"),
            "",
        );
        assert_eq!(
            dates(&short.series(now, 1, &Utc).unwrap()),
            ["2026-12-01", "2026-12-02"]
        );
    }

    #[test]
    fn a_long_series_stops_at_the_longest_mask_and_a_bad_period_is_an_error() {
        let now = at("2026-12-01T14:00:00Z");
        let hourly = template("1990-01-01T00:00:00Z", "1h", None, "");
        assert_eq!(hourly.series(now, 1, &Utc).unwrap().due.len(), MAX_MASK);
        let bad = template("2026-11-10T00:00:00Z", "sometimes", None, "");
        assert_eq!(
            bad.series(now, 1, &Utc),
            Err(RecurError::Invalid("sometimes".into()))
        );
    }

    #[test]
    fn a_template_needs_a_due_date_and_a_period() {
        let task = |pairs: &[(&str, &str)]| {
            let map = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            Task::new(super::super::TaskData::new(uuid::Uuid::nil(), map))
        };
        let full = task(&[
            ("due", "1795000000"),
            ("recur", "weekly"),
            ("until", "1796000000"),
            ("mask", "-+"),
        ]);
        let of = SeriesOf::of(&full).unwrap();
        assert_eq!((of.recur, of.mask), ("weekly", "-+"));
        assert_eq!(of.until.map(|u| u.timestamp()), Some(1_796_000_000));
        assert!(SeriesOf::of(&task(&[("recur", "weekly")])).is_none());
        assert!(SeriesOf::of(&task(&[("due", "1795000000"), ("recur", " ")])).is_none());
    }
}
