//! Taskwarrior durations (`3d`, `2wks`, `monthly`, `P1Y2M`): reading them, moving an
//! instant by one along the local calendar, and the flat seconds Taskwarrior counts in a
//! stored one when it shows it (`monthly` as `P30D`).
//!
//! Pure: no I/O and no clock; the instants and time zones are passed in.

use chrono::{DateTime, NaiveDateTime, TimeDelta, TimeZone, Utc};

use super::calendar::{DAY, HOUR, MINUTE, WEEK, resolve_local, shift_months};
use super::error::DateError;

/// The longest span accepted, about 10,000 years, so that arithmetic cannot overflow.
const MAX_SECONDS: i64 = 10_000 * 366 * DAY;
const MAX_MONTHS: i64 = 10_000 * 12;

/// A Taskwarrior duration: calendar months plus seconds.
///
/// Months and years are kept as months so that adding them to a date follows the calendar
/// (`eom+1mo` lands on the same day of the next month, clamped to its length); everything
/// else is exact seconds, as Taskwarrior counts them (a day is 86,400 seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Period {
    months: i64,
    seconds: i64,
}

impl Period {
    pub const fn new(months: i64, seconds: i64) -> Period {
        Period { months, seconds }
    }

    pub const fn from_seconds(seconds: i64) -> Period {
        Period { months: 0, seconds }
    }

    pub const fn months(&self) -> i64 {
        self.months
    }

    pub const fn seconds(&self) -> i64 {
        self.seconds
    }

    pub const fn negated(self) -> Period {
        Period {
            months: -self.months,
            seconds: -self.seconds,
        }
    }

    fn checked_add(self, other: Period) -> Option<Period> {
        Some(Period {
            months: self.months.checked_add(other.months)?,
            seconds: self.seconds.checked_add(other.seconds)?,
        })
    }

    /// `t` moved by this period: months on the local calendar of `tz` (the day clamped to
    /// the length of the month), then the seconds. `None` when out of chrono's range.
    pub fn add_to<Tz: TimeZone>(&self, t: DateTime<Utc>, tz: &Tz) -> Option<DateTime<Utc>> {
        let moved = if self.months == 0 {
            t
        } else {
            let local = t.with_timezone(tz).naive_local();
            let date = shift_months(local.date(), i32::try_from(self.months).ok()?)?;
            resolve_local(tz, NaiveDateTime::new(date, local.time()))?
        };
        moved.checked_add_signed(TimeDelta::try_seconds(self.seconds)?)
    }
}

/// A duration unit: its spellings' meaning and whether it stands alone (`weekly`, `day`)
/// or needs a number (`3d`). The table is Taskwarrior's, except `sennight` (see below).
struct Unit {
    name: &'static str,
    months: i64,
    seconds: i64,
    standalone: bool,
}

const fn unit(name: &'static str, months: i64, seconds: i64, standalone: bool) -> Unit {
    Unit {
        name,
        months,
        seconds,
        standalone,
    }
}

/// Taskwarrior's units. Its months, quarters and years are 30, 91 and 365 days; here they
/// are calendar months. `m` is a month, as in Taskwarrior (minutes are `min`). `sennight`
/// is a week (Taskwarrior's table says 14 days, which is a fortnight).
const UNITS: &[Unit] = &[
    unit("annual", 12, 0, true),
    unit("biannual", 24, 0, true),
    unit("bimonthly", 2, 0, true),
    unit("biweekly", 0, 2 * WEEK, true),
    unit("biyearly", 24, 0, true),
    unit("daily", 0, DAY, true),
    unit("days", 0, DAY, false),
    unit("day", 0, DAY, true),
    unit("d", 0, DAY, false),
    unit("fortnight", 0, 2 * WEEK, true),
    unit("hours", 0, HOUR, false),
    unit("hour", 0, HOUR, true),
    unit("hrs", 0, HOUR, false),
    unit("hr", 0, HOUR, true),
    unit("h", 0, HOUR, false),
    unit("minutes", 0, MINUTE, false),
    unit("minute", 0, MINUTE, true),
    unit("mins", 0, MINUTE, false),
    unit("min", 0, MINUTE, true),
    unit("monthly", 1, 0, true),
    unit("months", 1, 0, false),
    unit("month", 1, 0, true),
    unit("mnths", 1, 0, false),
    unit("mths", 1, 0, false),
    unit("mth", 1, 0, true),
    unit("mos", 1, 0, false),
    unit("mo", 1, 0, true),
    unit("m", 1, 0, false),
    unit("quarterly", 3, 0, true),
    unit("quarters", 3, 0, false),
    unit("quarter", 3, 0, true),
    unit("qrtrs", 3, 0, false),
    unit("qrtr", 3, 0, true),
    unit("qtrs", 3, 0, false),
    unit("qtr", 3, 0, true),
    unit("q", 3, 0, false),
    unit("semiannual", 6, 0, true),
    unit("sennight", 0, WEEK, true),
    unit("seconds", 0, 1, false),
    unit("second", 0, 1, true),
    unit("secs", 0, 1, false),
    unit("sec", 0, 1, true),
    unit("s", 0, 1, false),
    unit("weekdays", 0, DAY, true),
    unit("weekly", 0, WEEK, true),
    unit("weeks", 0, WEEK, false),
    unit("week", 0, WEEK, true),
    unit("wks", 0, WEEK, false),
    unit("wk", 0, WEEK, true),
    unit("w", 0, WEEK, false),
    unit("yearly", 12, 0, true),
    unit("years", 12, 0, false),
    unit("year", 12, 0, true),
    unit("yrs", 12, 0, false),
    unit("yr", 12, 0, true),
    unit("y", 12, 0, false),
];

fn find_unit(name: &str) -> Option<&'static Unit> {
    UNITS.iter().find(|u| u.name.eq_ignore_ascii_case(name))
}

/// Parse a Taskwarrior duration: a number and a unit (`3d`, `1.5h`, `2 wks` is not one
/// word and so not accepted), a unit that stands alone (`weekly`, `day`), or ISO 8601
/// (`P1Y2M3DT4H5M6S`, `PT1H`, `P2W`). A leading `-` negates it; a leading `+` is allowed.
///
/// A bare number is not a duration (Taskwarrior reads numbers above 60 as seconds; here a
/// unit is always needed, so that `due:3` is refused rather than meaning three seconds).
pub fn parse_duration(input: &str) -> Result<Period, DateError> {
    let not = || DateError::NotADuration(input.to_string());
    let (negative, body) = match input.as_bytes().first() {
        Some(b'-') => (true, &input[1..]),
        Some(b'+') => (false, &input[1..]),
        _ => (false, input),
    };
    let period = parse_unsigned(body).ok_or_else(not)?;
    if period.months.abs() > MAX_MONTHS || period.seconds.abs() > MAX_SECONDS {
        return Err(DateError::OutOfRange(input.to_string()));
    }
    Ok(if negative { period.negated() } else { period })
}

fn parse_unsigned(s: &str) -> Option<Period> {
    if let Some(p) = parse_iso(s) {
        return Some(p);
    }
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, name) = s.split_at(split);
    let unit = find_unit(name)?;
    if number.is_empty() {
        return unit
            .standalone
            .then_some(Period::new(unit.months, unit.seconds));
    }
    scale(number, unit)
}

/// `number` units. Whole numbers are exact; a fraction of a calendar unit becomes days at
/// Taskwarrior's 30 days a month (`1.5mo` = 1 month and 15 days).
fn scale(number: &str, unit: &Unit) -> Option<Period> {
    if number.starts_with('.') || number.ends_with('.') || number.matches('.').count() > 1 {
        return None;
    }
    if let Ok(n) = number.parse::<i64>() {
        if n > MAX_SECONDS {
            return None;
        }
        return Some(Period::new(n * unit.months, n * unit.seconds));
    }
    let n: f64 = number.parse().ok()?;
    if n > MAX_SECONDS as f64 {
        return None;
    }
    let months_f = n * unit.months as f64;
    let months = months_f.trunc();
    let seconds = (months_f - months) * (30 * DAY) as f64 + n * unit.seconds as f64;
    Some(Period::new(months as i64, seconds as i64))
}

/// ISO 8601 durations: `P[nY][nM][nW][nD][T[nH][nM][nS]]`, at least one part, whole numbers.
fn parse_iso(s: &str) -> Option<Period> {
    let rest = s.strip_prefix(['P', 'p'])?;
    let (date_part, time_part) = match rest.find(['T', 't']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let mut period = Period::default();
    let mut parts = 0;
    let date_units: &[(char, Period)] = &[
        ('Y', Period::new(12, 0)),
        ('M', Period::new(1, 0)),
        ('W', Period::from_seconds(WEEK)),
        ('D', Period::from_seconds(DAY)),
    ];
    let time_units: &[(char, Period)] = &[
        ('H', Period::from_seconds(HOUR)),
        ('M', Period::from_seconds(MINUTE)),
        ('S', Period::from_seconds(1)),
    ];
    for (text, units) in [(Some(date_part), date_units), (time_part, time_units)] {
        let Some(mut text) = text else { continue };
        if units.len() == 3 && text.is_empty() {
            return None; // `PT` with nothing after it
        }
        let mut next_unit = 0;
        while !text.is_empty() {
            let digits = text.find(|c: char| !c.is_ascii_digit())?;
            let n: i64 = text[..digits].parse().ok().filter(|n| *n <= MAX_SECONDS)?;
            let designator = text[digits..].chars().next()?.to_ascii_uppercase();
            let offset = units[next_unit..]
                .iter()
                .position(|(c, _)| *c == designator)?;
            let (_, each) = units[next_unit + offset];
            next_unit += offset + 1;
            period = period.checked_add(Period::new(n * each.months, n * each.seconds))?;
            parts += 1;
            text = &text[digits + 1..];
        }
    }
    (parts > 0).then_some(period)
}

/// The seconds Taskwarrior counts in a stored duration (`recur`, a duration UDA) when it
/// shows one. It reads the value its own way, which differs from [`parse_duration`]: its
/// months are 30 days, quarters 91, half-years 183 and years 365 (`monthly` is 30 days,
/// `P1Y2M` 425); unit names match only in lowercase; `sennight` needs a number; and a
/// number may be followed by a space (`2 weeks`). A value it cannot read counts as 0.
pub fn flat_seconds(stored: &str) -> i64 {
    flat_seconds_checked(stored).unwrap_or(0)
}

/// [`flat_seconds`], `None` for a value Taskwarrior cannot read.
pub(super) fn flat_seconds_checked(stored: &str) -> Option<i64> {
    flat_designated(stored)
        .or_else(|| flat_weeks(stored))
        .or_else(|| flat_units(stored))
}

/// A span of seconds written the way Taskwarrior shows a duration: `P7D`, `P1DT12H`,
/// `PT2H30M`, and `PT0S` for none.
pub fn format_iso_seconds(seconds: i64) -> String {
    use std::fmt::Write;
    if seconds == 0 {
        return "PT0S".to_string();
    }
    let (s, m, h, d) = (
        seconds % 60,
        seconds / 60 % 60,
        seconds / 3600 % 24,
        seconds / DAY,
    );
    let mut out = String::from("P");
    if d != 0 {
        let _ = write!(out, "{d}D");
    }
    if h != 0 || m != 0 || s != 0 {
        out.push('T');
        for (n, unit) in [(h, 'H'), (m, 'M'), (s, 'S')] {
            if n != 0 {
                let _ = write!(out, "{n}{unit}");
            }
        }
    }
    out
}

/// Whether `rest` starts where a duration may end: not with a letter or a digit.
fn ends_word(rest: &str) -> bool {
    !rest.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// `digits` then `designator` at the start of `rest`: the number and what follows.
fn designated_part(rest: &str, designator: char) -> Option<(i64, &str)> {
    let end = rest.find(|c: char| !c.is_ascii_digit())?;
    let after = rest[end..].strip_prefix(designator)?;
    Some((rest[..end].parse().ok()?, after))
}

/// `P[nY][nM][nD][T[nH][nM][nS]]`, in that order and in capitals, at least one part.
fn flat_designated(s: &str) -> Option<i64> {
    let mut rest = s.strip_prefix('P').filter(|r| !r.is_empty())?;
    let mut total: i64 = 0;
    let mut add = |rest: &mut &str, designator: char, each: i64| {
        if let Some((n, after)) = designated_part(rest, designator) {
            total = total.saturating_add(n.saturating_mul(each));
            *rest = after;
        }
    };
    add(&mut rest, 'Y', 365 * DAY);
    add(&mut rest, 'M', 30 * DAY);
    add(&mut rest, 'D', DAY);
    if let Some(time) = rest.strip_prefix('T') {
        rest = time;
        if !rest.is_empty() {
            add(&mut rest, 'H', HOUR);
            add(&mut rest, 'M', MINUTE);
            add(&mut rest, 'S', 1);
        }
    }
    (s.len() - rest.len() >= 3 && ends_word(rest)).then_some(total)
}

/// `PnW`.
fn flat_weeks(s: &str) -> Option<i64> {
    let (n, rest) = designated_part(s.strip_prefix('P')?, 'W')?;
    ends_word(rest).then_some(n.saturating_mul(WEEK))
}

/// A unit that stands alone (`weekly`), or a number and a unit (`2wks`, `1.5 d`).
fn flat_units(s: &str) -> Option<i64> {
    // The first unit in the table that starts the text, as Taskwarrior looks them up.
    let prefix = |text: &str| UNITS.iter().find(|u| text.starts_with(u.name));
    if let Some(unit) = prefix(s) {
        let standalone = unit.standalone && unit.name != "sennight";
        return (ends_word(&s[unit.name.len()..]) && standalone).then(|| flat_unit(unit));
    }
    let sign = usize::from(s.starts_with(['+', '-']));
    let digits = s[sign..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(s.len() - sign);
    if digits == 0 {
        return None;
    }
    let mut end = sign + digits;
    if s[end..].starts_with('.') {
        end += 1 + s[end + 1..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(s.len() - end - 1);
    }
    let number: f64 = s[..end].trim_end_matches('.').parse().ok()?;
    let rest = s[end..].trim_start();
    let unit = prefix(rest)?;
    if unit.name == "d" && number > 10_000.0 {
        return None;
    }
    ends_word(&rest[unit.name.len()..]).then(|| (number * flat_unit(unit) as f64) as i64)
}

/// A unit's length in Taskwarrior's own table.
fn flat_unit(unit: &Unit) -> i64 {
    if unit.name == "sennight" {
        return 2 * WEEK;
    }
    let days = match unit.months {
        0 => return unit.seconds,
        2 => 61,
        3 => 91,
        6 => 183,
        12 => 365,
        24 => 730,
        months => months * 30,
    };
    days * DAY
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    /// What `task` 3.1.0 showed in a duration UDA column for each stored value (imported
    /// as written); `recur` shows the same.
    #[test]
    fn flat_seconds_as_taskwarrior_shows_them() {
        for (stored, shown) in [
            ("weekly", "P7D"),
            ("monthly", "P30D"),
            ("quarterly", "P91D"),
            ("yearly", "P365D"),
            ("annual", "P365D"),
            ("biannual", "P730D"),
            ("bimonthly", "P61D"),
            ("semiannual", "P183D"),
            ("2wks", "P14D"),
            ("1.5d", "P1DT12H"),
            ("P1Y", "P365D"),
            ("P2W", "P14D"),
            ("P1Y2M3DT4H5M6S", "P428DT4H5M6S"),
            ("PT90M", "PT1H30M"),
            ("PT2H30M", "PT2H30M"),
            ("P1M", "P30D"),
            ("sennight", "PT0S"),
            ("3600", "PT0S"),
            ("3days", "P3D"),
            ("10min", "PT10M"),
            ("mo", "P30D"),
            ("d", "PT0S"),
            ("Weekly", "PT0S"),
            ("2 weeks", "P14D"),
            ("-1d", "P-1D"),
            ("P", "PT0S"),
            ("PT", "PT0S"),
            ("P1DT", "P1D"),
            ("0d", "PT0S"),
            ("daily", "P1D"),
            ("weekdays", "P1D"),
            ("fortnight", "P14D"),
            ("1.5mo", "P45D"),
            ("2q", "P182D"),
            ("3 h", "PT3H"),
            ("1e3d", "PT0S"),
            ("P1D2", "PT0S"),
            ("day", "P1D"),
            ("", "PT0S"),
        ] {
            assert_eq!(
                format_iso_seconds(flat_seconds(stored)),
                shown,
                "{stored:?}"
            );
        }
    }

    fn p(months: i64, seconds: i64) -> Period {
        Period::new(months, seconds)
    }

    #[test]
    fn numbers_with_units() {
        for (input, want) in [
            ("3d", p(0, 3 * DAY)),
            ("3days", p(0, 3 * DAY)),
            ("1day", p(0, DAY)),
            ("2w", p(0, 2 * WEEK)),
            ("2wk", p(0, 2 * WEEK)),
            ("2wks", p(0, 2 * WEEK)),
            ("2weeks", p(0, 2 * WEEK)),
            ("1mo", p(1, 0)),
            ("1m", p(1, 0)),
            ("4months", p(4, 0)),
            ("1y", p(12, 0)),
            ("2yrs", p(24, 0)),
            ("3years", p(36, 0)),
            ("5h", p(0, 5 * HOUR)),
            ("5hrs", p(0, 5 * HOUR)),
            ("5hours", p(0, 5 * HOUR)),
            ("10min", p(0, 600)),
            ("10mins", p(0, 600)),
            ("10minutes", p(0, 600)),
            ("30s", p(0, 30)),
            ("30sec", p(0, 30)),
            ("30seconds", p(0, 30)),
            ("1q", p(3, 0)),
            ("2quarters", p(6, 0)),
            ("3D", p(0, 3 * DAY)),
            ("0d", p(0, 0)),
            ("1.5h", p(0, 5400)),
            ("1.5mo", p(1, 15 * DAY)),
            ("0.5y", p(6, 0)),
        ] {
            assert_eq!(parse_duration(input), Ok(want), "{input}");
        }
    }

    #[test]
    fn named_durations() {
        for (input, want) in [
            ("daily", p(0, DAY)),
            ("day", p(0, DAY)),
            ("weekdays", p(0, DAY)),
            ("weekly", p(0, WEEK)),
            ("week", p(0, WEEK)),
            ("biweekly", p(0, 2 * WEEK)),
            ("fortnight", p(0, 2 * WEEK)),
            ("sennight", p(0, WEEK)),
            ("monthly", p(1, 0)),
            ("bimonthly", p(2, 0)),
            ("quarterly", p(3, 0)),
            ("semiannual", p(6, 0)),
            ("annual", p(12, 0)),
            ("yearly", p(12, 0)),
            ("biannual", p(24, 0)),
            ("hour", p(0, HOUR)),
            ("Weekly", p(0, WEEK)),
        ] {
            assert_eq!(parse_duration(input), Ok(want), "{input}");
        }
    }

    #[test]
    fn iso_durations() {
        for (input, want) in [
            ("P1Y2M3DT4H5M6S", p(14, 3 * DAY + 4 * HOUR + 5 * MINUTE + 6)),
            ("PT1H", p(0, HOUR)),
            ("PT90M", p(0, 90 * MINUTE)),
            ("P2W", p(0, 2 * WEEK)),
            ("P1D", p(0, DAY)),
            ("P1M", p(1, 0)),
            ("pt5m", p(0, 5 * MINUTE)),
        ] {
            assert_eq!(parse_duration(input), Ok(want), "{input}");
        }
    }

    #[test]
    fn signs() {
        assert_eq!(parse_duration("-3d"), Ok(p(0, -3 * DAY)));
        assert_eq!(parse_duration("+3d"), Ok(p(0, 3 * DAY)));
        assert_eq!(parse_duration("-P1M"), Ok(p(-1, 0)));
        assert_eq!(parse_duration("-weekly"), Ok(p(0, -WEEK)));
    }

    #[test]
    fn refusals() {
        for bad in [
            "", "-", "3", "120", "d", "days", "s", "3x", "x3d", "3dd", "1..5d", ".5d", "5.d", "P",
            "PT", "P1H", "PT1D", "P1M1Y", "P1", "P1Y2", "3 d", "d3",
        ] {
            assert_eq!(
                parse_duration(bad),
                Err(DateError::NotADuration(bad.to_string())),
                "{bad:?}"
            );
        }
        assert_eq!(
            parse_duration("99999999y"),
            Err(DateError::OutOfRange("99999999y".into()))
        );
        assert!(parse_duration("99999999999999999999999d").is_err());
        let msg = parse_duration("3x").unwrap_err().to_string();
        assert_eq!(msg, "'3x' is not a duration: try 3d, 2w, 1mo, PT1H");
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn months_follow_the_local_calendar() {
        let tz = FixedOffset::east_opt(2 * 3600).unwrap();
        // 2026-01-31 23:00 local is 21:00 UTC.
        let t = utc("2026-01-31T21:00:00Z");
        assert_eq!(p(1, 0).add_to(t, &tz), Some(utc("2026-02-28T21:00:00Z")));
        assert_eq!(p(12, 0).add_to(t, &tz), Some(utc("2027-01-31T21:00:00Z")));
        assert_eq!(p(-2, 0).add_to(t, &tz), Some(utc("2025-11-30T21:00:00Z")));
        assert_eq!(p(0, DAY).add_to(t, &tz), Some(utc("2026-02-01T21:00:00Z")));
        assert_eq!(
            p(1, -HOUR).add_to(t, &tz),
            Some(utc("2026-02-28T20:00:00Z"))
        );
        assert_eq!(p(i64::MAX, 0).add_to(t, &tz), None);
    }
}
