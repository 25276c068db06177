//! Reading dates as Taskwarrior 3 does in `due:`, `wait:`, `scheduled:` and `until:` values:
//! ISO 8601 forms, epoch seconds, named dates (`eow`, `fri`, `15th`, `easter`; see
//! `named_dates.rs`), times of day (`9am`, `17:30`), durations from now (`3d`) and date
//! arithmetic (`eow+1d`, `now-3d`).
//!
//! Pure: no I/O and no clock; `now` and its time zone are passed in, and results are UTC.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

use super::calendar::resolve_local;
use super::duration::{Period, parse_duration};
use super::epoch::{FIRST_SECOND, LAST_SECOND, in_date_range};
use super::error::DateError;
use super::named_dates::named_date;
use super::now::LocalNow;

/// Read a date as Taskwarrior does, relative to `now` in `now`'s time zone.
///
/// Accepted, in the order tried:
/// - epoch seconds: a plain integer from 315532800 (1980-01-01) to the end of 9999;
///
/// and always within [`FIRST_SECOND`] to [`LAST_SECOND`], the range Taskwarrior keeps.
/// - ISO 8601: `2026-11-21`, `2026-11`, `20261121`, each optionally followed by
///   `T14:30`, `T14:30:00`, `T1430` or `T143000` and then `Z`, `+05:30`, `+0530` or `+05`;
///   without a time it is local midnight, without a zone local time;
/// - a time of day: `9am`, `9a`, `9:30pm`, `17:30`, `17:30:15` — today at that time, or
///   tomorrow when that time has already passed today (Taskwarrior's rule);
/// - a named date (see [`DATE_SYNONYMS`](super::named_dates::DATE_SYNONYMS)), case-insensitive, with
///   Taskwarrior's abbreviations of at least three letters (`tom`, `fri`, `sept`);
/// - a duration, meaning now plus (or, with `-`, minus) it: `2d`, `3wks`, `-1h`;
/// - any of the above followed by durations to add or subtract: `eow+1d`, `now-3d`,
///   `tomorrow+9h-30min`. Months and years move along the calendar (`eom+1mo`).
///
/// Local times that a daylight-saving change skips move an hour forward; repeated ones
/// take the earlier instant. Results are whole seconds.
pub fn parse_date<Tz: TimeZone>(
    input: &str,
    now: &DateTime<Tz>,
) -> Result<DateTime<Utc>, DateError> {
    let s = input.trim();
    let t = parse_trimmed(s, &LocalNow::new(now))?;
    if !in_date_range(t) {
        return Err(DateError::OutOfRange(s.to_string()));
    }
    Ok(t)
}

/// [`parse_date`], first trying the user's `dateformat` (empty: none), as Taskwarrior reads
/// a date typed in it (`12/24/2026` with `M/D/Y`).
pub fn parse_date_as<Tz: TimeZone>(
    input: &str,
    now: &DateTime<Tz>,
    dateformat: &str,
) -> Result<DateTime<Utc>, DateError> {
    if !dateformat.is_empty()
        && let Some(local) =
            super::dateformat::parse_at(input.trim(), dateformat, now.naive_local())
        && let Some(t) = now.timezone().from_local_datetime(&local).earliest()
    {
        let t = t.with_timezone(&Utc);
        if in_date_range(t) {
            return Ok(t);
        }
    }
    parse_date(input, now)
}

fn parse_trimmed<Tz: TimeZone>(s: &str, now: &LocalNow<Tz>) -> Result<DateTime<Utc>, DateError> {
    if let Some(t) = base(now, s)? {
        return Ok(t);
    }
    if let Ok(period) = parse_duration(s) {
        return shift(now, now.now, period, s);
    }
    // Date arithmetic: the longest chain of durations after a date. The error kept is the
    // one from the longest date that was read.
    let mut error = None;
    for (i, c) in s.char_indices().skip(1) {
        if c != '+' && c != '-' {
            continue;
        }
        match base(now, &s[..i]) {
            Ok(Some(start)) => match offsets(&s[i..]) {
                Ok(period) => return shift(now, start, period, s),
                Err(e) => error = Some(e),
            },
            Ok(None) => {}
            Err(e) => error = Some(e),
        }
    }
    Err(error.unwrap_or_else(|| DateError::NotADate(s.to_string())))
}

/// `+1d-2h`: signed durations, summed.
fn offsets(s: &str) -> Result<Period, DateError> {
    let mut total = Period::default();
    let mut rest = s;
    while !rest.is_empty() {
        let end = rest[1..].find(['+', '-']).map_or(rest.len(), |i| i + 1);
        let p = parse_duration(&rest[..end])?;
        total = Period::new(
            total.months().saturating_add(p.months()),
            total.seconds().saturating_add(p.seconds()),
        );
        rest = &rest[end..];
    }
    Ok(total)
}

/// `t` moved by `period` on the local calendar; out of range names `input`.
fn shift<Tz: TimeZone>(
    now: &LocalNow<Tz>,
    t: DateTime<Utc>,
    period: Period,
    input: &str,
) -> Result<DateTime<Utc>, DateError> {
    period
        .add_to(t, &now.tz)
        .ok_or_else(|| DateError::OutOfRange(input.to_string()))
}

/// A date without arithmetic: epoch, ISO, time of day or a name. `Ok(None)` when `s`
/// is none of these; an error when it has a date's shape but names no real time.
fn base<Tz: TimeZone>(now: &LocalNow<Tz>, s: &str) -> Result<Option<DateTime<Utc>>, DateError> {
    // Every form is ASCII; checking once keeps the byte slicing below on char boundaries.
    if s.is_empty() || !s.is_ascii() {
        return Ok(None);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) && s.len() != 8 {
        return Ok(s
            .parse::<i64>()
            .ok()
            .filter(|n| (FIRST_SECOND..=LAST_SECOND).contains(n))
            .and_then(|n| DateTime::from_timestamp(n, 0)));
    }
    if let Some(t) = iso(now, s)? {
        return Ok(Some(t));
    }
    if let Some(time) = time_of_day(s) {
        let day = if time < now.local.time() {
            now.today().succ_opt()
        } else {
            Some(now.today())
        };
        return now.at(day.map(|d| d.and_time(time)), s).map(Some);
    }
    named_date(now, s)
}

/// ISO 8601 dates with an optional time and zone; see [`parse_date`].
fn iso<Tz: TimeZone>(now: &LocalNow<Tz>, s: &str) -> Result<Option<DateTime<Utc>>, DateError> {
    let b = s.as_bytes();
    let extended = b.len() >= 7 && b[4] == b'-';
    let (ymd, rest) = if extended && b.len() >= 10 && b[7] == b'-' {
        (
            digits(&s[..4]).zip(digits(&s[5..7])).zip(digits(&s[8..10])),
            &s[10..],
        )
    } else if extended && b.len() == 7 {
        (digits(&s[..4]).zip(digits(&s[5..7])).zip(Some(1)), "")
    } else if b.len() >= 8 && !extended {
        (
            digits(&s[..4]).zip(digits(&s[4..6])).zip(digits(&s[6..8])),
            &s[8..],
        )
    } else {
        return Ok(None);
    };
    let Some(((year, month), day)) = ymd else {
        return Ok(None);
    };
    let time_text = if rest.is_empty() {
        None
    } else if let Some(t) = rest.strip_prefix(['T', 't']) {
        Some(t)
    } else {
        return Ok(None);
    };
    let no_such = || DateError::NoSuchDate(s.to_string());
    if !(1980..=9999).contains(&year) {
        return Err(DateError::OutOfRange(s.to_string()));
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(no_such)?;
    let Some(time_text) = time_text else {
        return now.at(date.and_hms_opt(0, 0, 0), s).map(Some);
    };
    let Some((h, m, sec, zone)) = iso_time(time_text) else {
        return Ok(None);
    };
    let local = date.and_time(NaiveTime::from_hms_opt(h, m, sec).ok_or_else(no_such)?);
    match zone {
        None => now.at(Some(local), s).map(Some),
        Some(offset) => {
            let tz = FixedOffset::east_opt(offset).ok_or_else(no_such)?;
            Ok(resolve_local(&tz, local))
        }
    }
}

/// All ASCII digits, as a number.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `hh:mm[:ss]` or `hhmm[ss]`, then nothing, `Z`, or an offset `±hh[:mm]`/`±hhmm`.
/// Returns hours, minutes, seconds and the offset east of UTC in seconds.
fn iso_time(s: &str) -> Option<(u32, u32, u32, Option<i32>)> {
    let zone_at = s.find(['Z', 'z', '+', '-']).unwrap_or(s.len());
    let (hms, zone) = s.split_at(zone_at);
    let (h, m, sec) = match hms.len() {
        5 if hms.as_bytes()[2] == b':' => (&hms[..2], &hms[3..5], "0"),
        8 if hms.as_bytes()[2] == b':' && hms.as_bytes()[5] == b':' => {
            (&hms[..2], &hms[3..5], &hms[6..8])
        }
        4 => (&hms[..2], &hms[2..4], "0"),
        6 => (&hms[..2], &hms[2..4], &hms[4..6]),
        _ => return None,
    };
    let offset = match zone.as_bytes().first() {
        None => None,
        Some(b'Z' | b'z') if zone.len() == 1 => Some(0),
        Some(&sign @ (b'+' | b'-')) => {
            let z = &zone[1..];
            let (oh, om) = match z.len() {
                2 => (digits(z)?, 0),
                4 => (digits(&z[..2])?, digits(&z[2..])?),
                5 if z.as_bytes()[2] == b':' => (digits(&z[..2])?, digits(&z[3..])?),
                _ => return None,
            };
            let secs = i32::try_from(oh * 3600 + om * 60).ok()?;
            Some(if sign == b'-' { -secs } else { secs })
        }
        _ => return None,
    };
    Some((digits(h)?, digits(m)?, digits(sec)?, offset))
}

/// Taskwarrior's informal times: `9am`, `9a`, `12pm`, `9:30pm`, `17:30`, `17:30:15`.
/// Without a colon, `am`/`pm` is required; with one, hours 1 to 12.
fn time_of_day(s: &str) -> Option<NaiveTime> {
    let lower_end = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let designator = &s[lower_end.len()..];
    let is = |word: &str| designator.eq_ignore_ascii_case(word);
    let pm = if designator.is_empty() {
        None
    } else if is("am") || is("a") {
        Some(false)
    } else if is("pm") || is("p") {
        Some(true)
    } else {
        return None;
    };
    let mut parts = lower_end.split(':');
    let hour_text = parts.next()?;
    let minute = parts.next();
    let second = parts.next();
    if parts.next().is_some() || hour_text.is_empty() || hour_text.len() > 2 {
        return None;
    }
    if minute.is_none() && pm.is_none() {
        return None;
    }
    let two = |t: &str| if t.len() == 2 { digits(t) } else { None };
    let mut hour = digits(hour_text)?;
    let minute = minute.map_or(Some(0), two)?;
    let second = second.map_or(Some(0), two)?;
    if let Some(pm) = pm {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Friday 2026-05-15, 10:00 at UTC+2.
    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-05-15T10:00:00+02:00").unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn parse(s: &str) -> Result<DateTime<Utc>, DateError> {
        parse_date(s, &now())
    }

    #[track_caller]
    fn check(cases: &[(&str, &str)]) {
        for (input, want) in cases {
            assert_eq!(parse(input), Ok(at(want)), "{input}");
        }
    }

    #[test]
    fn iso_dates_and_times() {
        check(&[
            ("2026-11-21", "2026-11-21T00:00:00+02:00"),
            ("2026-11-21T14:30", "2026-11-21T14:30:00+02:00"),
            ("2026-11-21T14:30:15", "2026-11-21T14:30:15+02:00"),
            ("2026-11-21T14:30Z", "2026-11-21T14:30:00Z"),
            ("2026-11-21T14:30:00+05:30", "2026-11-21T14:30:00+05:30"),
            ("2026-11-21T14:30:00-0500", "2026-11-21T14:30:00-05:00"),
            ("2026-11-21T14:30-03", "2026-11-21T14:30:00-03:00"),
            ("20261121T143000Z", "2026-11-21T14:30:00Z"),
            ("20261121T1430", "2026-11-21T14:30:00+02:00"),
            ("20261121", "2026-11-21T00:00:00+02:00"),
            ("2026-11", "2026-11-01T00:00:00+02:00"),
            ("2026-11-21t14:30z", "2026-11-21T14:30:00Z"),
            ("  2026-11-21  ", "2026-11-21T00:00:00+02:00"),
        ]);
    }

    #[test]
    fn impossible_calendar_dates_say_so() {
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-11-21T25:00",
            "2026-11-21T10:61",
        ] {
            assert_eq!(parse(bad), Err(DateError::NoSuchDate(bad.into())), "{bad}");
        }
        assert_eq!(
            parse("1979-12-31"),
            Err(DateError::OutOfRange("1979-12-31".into()))
        );
    }

    #[test]
    fn dates_keep_to_taskwarriors_range() {
        assert_eq!(
            parse("1980-01-01T00:00:00Z").unwrap().timestamp(),
            FIRST_SECOND
        );
        assert_eq!(
            parse("9999-12-31T21:59:58Z").unwrap().timestamp(),
            LAST_SECOND
        );
        for past in [
            "1979-12-31T23:59:59Z",
            "1980-01-01T00:00:00+01:00",
            "9999-12-31T21:59:59Z",
            "9999-12-31T23:59:59Z",
            "later+1w",
        ] {
            assert_eq!(
                parse(past),
                Err(DateError::OutOfRange(past.into())),
                "{past}"
            );
        }
        assert_eq!(parse("253402293598").unwrap().timestamp(), LAST_SECOND);
        // A number past the range is no date at all, as a small one is not.
        assert!(matches!(parse("253402293599"), Err(DateError::NotADate(_))));
        assert!(
            DateError::OutOfRange("x".into())
                .to_string()
                .contains("between 1980-01-01 and 9999-12-31")
        );
    }

    #[test]
    fn epoch_seconds_from_1980() {
        check(&[
            ("1795265923", "2026-11-21T12:58:43Z"),
            ("315532800", "1980-01-01T00:00:00Z"),
        ]);
        for small in ["3", "42", "1730", "315532799", "253402293599"] {
            assert_eq!(
                parse(small),
                Err(DateError::NotADate(small.into())),
                "{small}"
            );
        }
    }

    #[test]
    fn times_of_day_are_today_or_tomorrow() {
        check(&[
            ("17:30", "2026-05-15T17:30:00+02:00"),
            ("10:00", "2026-05-15T10:00:00+02:00"),
            ("9:59", "2026-05-16T09:59:00+02:00"),
            ("9am", "2026-05-16T09:00:00+02:00"),
            ("9a", "2026-05-16T09:00:00+02:00"),
            ("12am", "2026-05-16T00:00:00+02:00"),
            ("12pm", "2026-05-15T12:00:00+02:00"),
            ("9:30pm", "2026-05-15T21:30:00+02:00"),
            ("9P", "2026-05-15T21:00:00+02:00"),
            ("23:59:59", "2026-05-15T23:59:59+02:00"),
        ]);
        for bad in [
            "13pm", "0am", "24:00", "9:60", "9", "9:5", "9:30:5", "1:2:3:4", "9xm",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations_count_from_now() {
        check(&[
            ("2d", "2026-05-17T10:00:00+02:00"),
            ("3wks", "2026-06-05T10:00:00+02:00"),
            ("1h", "2026-05-15T11:00:00+02:00"),
            ("-3d", "2026-05-12T10:00:00+02:00"),
            ("1mo", "2026-06-15T10:00:00+02:00"),
            ("weekly", "2026-05-22T10:00:00+02:00"),
            ("PT90M", "2026-05-15T11:30:00+02:00"),
        ]);
    }

    #[test]
    fn arithmetic_after_a_date() {
        check(&[
            ("eow+1d", "2026-05-18T23:59:59+02:00"),
            ("now-3d", "2026-05-12T10:00:00+02:00"),
            ("tomorrow+2h", "2026-05-16T02:00:00+02:00"),
            ("eom+1mo", "2026-06-30T23:59:59+02:00"),
            ("sow+2d-1h", "2026-05-12T23:00:00+02:00"),
            ("2026-11-21+1w", "2026-11-28T00:00:00+02:00"),
            ("2026-11-21-3d", "2026-11-18T00:00:00+02:00"),
            ("2026-11-21T10:00-05:00", "2026-11-21T15:00:00Z"),
            ("2026-11-21T10:00-05:00+1h", "2026-11-21T16:00:00Z"),
            ("9am+1d", "2026-05-17T09:00:00+02:00"),
            ("fri-P1D", "2026-05-21T00:00:00+02:00"),
        ]);
        assert_eq!(parse("eow+1x"), Err(DateError::NotADuration("+1x".into())));
        assert_eq!(
            parse("later+1y"),
            Err(DateError::OutOfRange("later+1y".into()))
        );
    }

    #[test]
    fn errors_name_the_input_and_suggest_forms() {
        let err = parse("fryday").unwrap_err();
        assert_eq!(err, DateError::NotADate("fryday".into()));
        assert_eq!(
            err.to_string(),
            "'fryday' is not a date: try 2026-12-24, fri, eow, 3d"
        );
        assert_eq!(parse(""), Err(DateError::NotADate(String::new())));
        assert_eq!(parse("+"), Err(DateError::NotADate("+".into())));
        assert_eq!(parse("now+"), Err(DateError::NotADuration("+".into())));
    }

    #[test]
    fn results_are_whole_seconds() {
        let now = DateTime::parse_from_rfc3339("2026-05-15T10:00:00.750+02:00").unwrap();
        assert_eq!(parse_date("now", &now), Ok(at("2026-05-15T10:00:00+02:00")));
    }

    #[test]
    fn other_zones_place_the_day_boundaries() {
        let ny = DateTime::parse_from_rfc3339("2026-05-15T23:30:00-04:00").unwrap();
        assert_eq!(parse_date("eod", &ny), Ok(at("2026-05-15T23:59:59-04:00")));
        assert_eq!(
            parse_date("tomorrow", &ny),
            Ok(at("2026-05-16T00:00:00-04:00"))
        );
    }
}
