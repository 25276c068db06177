//! Epoch seconds: the stored form of an instant (`1795265923`) and the range of instants a
//! date may name.
//!
//! Pure: no I/O and no clock.

use chrono::{DateTime, Utc};

/// The first instant a date may name: 1980-01-01T00:00:00Z.
///
/// Dates are kept to Taskwarrior's range wherever they enter: typed in add or modify,
/// given in a filter, imported, or read back from the replica. Taskwarrior 3.1 reads a
/// stored date only from 1980 up to 9999-12-31T21:59:58Z: one outside makes `task export`
/// and `task info` fail for every task, and a year past 9999 has no `task export` form.
/// The same bounds decide which plain integers are epoch seconds (`3` is not a date).
pub const FIRST_SECOND: i64 = 315_532_800;

/// The last instant a date may name: 9999-12-31T21:59:58Z (see [`FIRST_SECOND`]).
pub const LAST_SECOND: i64 = 253_402_293_598;

/// Whether `t` is within the range dates may name (see [`FIRST_SECOND`]).
pub fn in_date_range(t: DateTime<Utc>) -> bool {
    (FIRST_SECOND..=LAST_SECOND).contains(&t.timestamp())
}

/// Read a stored timestamp (decimal epoch seconds); anything else, and a time outside the
/// range dates may name (1980 to 9999, see [`in_date_range`]), is `None`.
pub fn parse_timestamp(value: &str) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(parse_seconds(value)?, 0)
}

/// [`parse_timestamp`] as plain seconds, for those that only count or print them.
pub fn parse_seconds(value: &str) -> Option<i64> {
    let secs: i64 = value.trim().parse().ok()?;
    (FIRST_SECOND..=LAST_SECOND).contains(&secs).then_some(secs)
}

/// The UTC calendar date and time of epoch seconds `secs`, as
/// `(year, month, day, hour, minute, second)`: integer arithmetic on the proleptic
/// Gregorian calendar's 400-year cycles, for printing many dates at little cost.
pub fn civil_utc(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    let (days, in_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Days counted from 0000-03-01, so that a leap day ends its year.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let in_day = in_day as u32;
    (
        year,
        month,
        day,
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60,
    )
}

/// The stored form of a timestamp: decimal epoch seconds.
pub fn format_timestamp(t: DateTime<Utc>) -> String {
    t.timestamp().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike};

    fn by_chrono(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
        let t = DateTime::from_timestamp(secs, 0).unwrap();
        let y = i64::from(t.year());
        (y, t.month(), t.day(), t.hour(), t.minute(), t.second())
    }

    proptest::proptest! {
        #[test]
        fn civil_dates_are_chronos(secs in -100_000_000_000i64..LAST_SECOND + 86_400 * 400) {
            proptest::prop_assert_eq!(civil_utc(secs), by_chrono(secs));
        }
    }

    #[test]
    fn civil_dates_at_the_edges_of_days_months_and_leap_years() {
        for secs in [
            0,
            -1,
            FIRST_SECOND,
            LAST_SECOND,
            951_782_399,   // 2000-02-28T23:59:59
            951_868_799,   // 2000-02-29T23:59:59
            4_107_542_399, // 2100-02-28T23:59:59
            4_107_542_400, // 2100-03-01
            1_798_761_599, // 2026-12-31T23:59:59
        ] {
            assert_eq!(civil_utc(secs), by_chrono(secs), "{secs}");
        }
    }

    #[test]
    fn seconds_parse_within_the_date_range_only() {
        assert_eq!(parse_seconds(" 315532800 "), Some(FIRST_SECOND));
        assert_eq!(parse_seconds("315532799"), None);
        assert_eq!(parse_seconds(&LAST_SECOND.to_string()), Some(LAST_SECOND));
        assert_eq!(parse_seconds(&(LAST_SECOND + 1).to_string()), None);
        assert_eq!(parse_seconds("17e8"), None);
        assert_eq!(
            parse_timestamp("1700000000").map(|t| t.timestamp()),
            Some(1_700_000_000)
        );
    }
}
