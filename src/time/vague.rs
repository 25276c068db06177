//! Time spans as relative text for list columns and messages: Taskwarrior's vague form
//! (`45s`, `3h`, `2w`, `1.2y`), its padded form for report columns (`3d  `), an age (`3d`)
//! and a distance from now (`-2d`).
//!
//! Pure: no I/O and no clock; the instants to compare are passed in.

use std::fmt::{self, Write};

use chrono::{DateTime, Utc};

use super::calendar::{DAY, HOUR, MINUTE};

/// A span of whole seconds shown as Taskwarrior's `Duration::formatVague` does: `45s`,
/// `12min`, `3h`, `2d` (under 14 days), `3w` (under 90 days), `5mo` (under a year, months
/// of 30 days), then years with one decimal, `1.2y`. Zero shows as `0s`; a negative span
/// shows its size with a `-` in front.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vague(pub i64);

impl Vague {
    /// The span as Taskwarrior's report columns show it (`formatVague(true)`): the unit
    /// padded to three cells (`3d  `, `2mo `, `1.2y  `, `12min`) so that numbers line up
    /// in a right-aligned column, and nothing at all for a span under a second. A negative
    /// span has a `-` in front, as with [`Vague`]'s `Display`.
    pub fn padded(self) -> String {
        let mut out = String::with_capacity(8);
        if self.0 == 0 {
            return out;
        }
        if self.0 < 0 {
            out.push('-');
        }
        let (number, unit) = split(self.0.unsigned_abs());
        let _ = write!(out, "{number}{unit:<3}");
        out
    }
}

/// The number in a vague span: whole units, or years with one decimal.
enum Number {
    Whole(u64),
    Years(f32),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Whole(n) => write!(f, "{n}"),
            Number::Years(y) => write!(f, "{y:.1}"),
        }
    }
}

/// The number and the unit of a span of `secs` seconds, rounded as Taskwarrior rounds.
fn split(secs: u64) -> (Number, &'static str) {
    // Taskwarrior divides in single precision; doing the same keeps the rounding at
    // the thresholds identical.
    let days = (secs as f32 as f64 / DAY as f64) as f32;
    let day = DAY as u64;
    if secs >= 365 * day {
        (Number::Years(days / 365.0), "y")
    } else if secs >= 90 * day {
        (Number::Whole((days / 30.0) as u64), "mo")
    } else if secs >= 14 * day {
        (Number::Whole((days / 7.0) as u64), "w")
    } else if secs >= day {
        (Number::Whole(days as u64), "d")
    } else if secs >= HOUR as u64 {
        (Number::Whole(secs / HOUR as u64), "h")
    } else if secs >= MINUTE as u64 {
        (Number::Whole(secs / MINUTE as u64), "min")
    } else {
        (Number::Whole(secs), "s")
    }
}

impl fmt::Display for Vague {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < 0 {
            f.write_str("-")?;
        }
        let (number, unit) = split(self.0.unsigned_abs());
        write!(f, "{number}{unit}")
    }
}

/// How long ago `from` was, for an age column (`entry`): `3d`, or `-3d` when `from` is
/// after `now`.
pub fn format_age(from: DateTime<Utc>, now: DateTime<Utc>) -> String {
    vague_string(now.timestamp().saturating_sub(from.timestamp()))
}

/// How far away `due` is, for a relative date column: `2d` ahead, `-2d` when it has passed.
pub fn format_relative(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    vague_string(due.timestamp().saturating_sub(now.timestamp()))
}

/// How many seconds after `now` the age of `at`, or its distance from now, may next be
/// shown differently (at least one): a redraw then keeps relative times fresh without
/// drawing more often than they change. Spans of a day or more are taken a day at a time.
pub fn next_change(at: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let age = now.timestamp().saturating_sub(at.timestamp());
    let unit = |size: i64| match size {
        s if s < MINUTE => 1,
        s if s < HOUR => MINUTE,
        s if s < DAY => HOUR,
        _ => DAY,
    };
    if age >= 0 {
        // Growing: at the next whole unit.
        let u = unit(age);
        u - age % u
    } else {
        // Shrinking towards now: when it drops below its whole units.
        let left = age.saturating_neg();
        left % unit(left) + 1
    }
}

fn vague_string(secs: i64) -> String {
    let mut out = String::with_capacity(8);
    let _ = write!(out, "{}", Vague(secs));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_change_is_when_the_vague_text_changes() {
        let now = utc("2026-12-01T12:00:00Z");
        let ago = |secs: i64| now - chrono::TimeDelta::seconds(secs);
        // Each answer is checked against the text itself, a second before and at it.
        for secs in [
            0, 5, 59, 60, 61, 125, 3599, 3600, 3661, 86399, 86400, 200_000, -5, -60, -61, -125,
            -3600, -3601, -90_000,
        ] {
            let at = ago(secs);
            let wait = next_change(at, now);
            assert!(wait >= 1, "{secs}: {wait}");
            let shown = |later: i64| {
                let then = now + chrono::TimeDelta::seconds(later);
                (format_age(at, then), format_relative(at, then))
            };
            assert_eq!(
                shown(wait - 1),
                shown(0),
                "{secs}s: unchanged before {wait}s"
            );
            if secs.abs() < DAY {
                assert_ne!(shown(wait), shown(0), "{secs}s: changed at {wait}s");
            }
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn vague_thresholds_match_taskwarrior() {
        for (secs, want) in [
            (0, "0s"),
            (1, "1s"),
            (59, "59s"),
            (60, "1min"),
            (3599, "59min"),
            (3600, "1h"),
            (DAY - 1, "23h"),
            (DAY, "1d"),
            (14 * DAY - 1, "13d"),
            (14 * DAY, "2w"),
            (90 * DAY - 1, "12w"),
            (90 * DAY, "3mo"),
            (364 * DAY, "12mo"),
            (365 * DAY, "1.0y"),
            (438 * DAY, "1.2y"),
            (3650 * DAY, "10.0y"),
            (-2 * DAY, "-2d"),
            (-45, "-45s"),
        ] {
            assert_eq!(Vague(secs).to_string(), want, "{secs}");
        }
        assert!(Vague(i64::MIN).to_string().ends_with('y'));
    }

    #[test]
    fn padded_as_report_columns_show_it() {
        // Seen in `task` 3.1.0 reports: `22s  `, `5min`, `3d  `, `4.3y  `, and a `-` alone
        // for an age of zero (a minus in front of nothing).
        for (secs, want) in [
            (0, ""),
            (22, "22s  "),
            (300, "5min"),
            (5 * HOUR, "5h  "),
            (3 * DAY, "3d  "),
            (20 * DAY, "2w  "),
            (100 * DAY, "3mo "),
            (1570 * DAY, "4.3y  "),
            (-3 * DAY, "-3d  "),
        ] {
            assert_eq!(Vague(secs).padded(), want, "{secs}");
        }
    }

    #[test]
    fn age_and_relative() {
        let now = utc("2026-05-15T10:00:00Z");
        assert_eq!(format_age(utc("2026-05-13T09:00:00Z"), now), "2d");
        assert_eq!(format_age(utc("2026-05-15T10:30:00Z"), now), "-30min");
        assert_eq!(format_relative(utc("2026-05-18T10:00:00Z"), now), "3d");
        assert_eq!(format_relative(utc("2026-05-13T10:00:00Z"), now), "-2d");
        assert_eq!(format_relative(utc("2026-07-14T10:00:00Z"), now), "8w");
        assert_eq!(format_relative(utc("2026-08-15T10:00:00Z"), now), "3mo");
        assert_eq!(format_relative(now, now), "0s");
    }
}
