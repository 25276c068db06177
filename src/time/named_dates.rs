//! Taskwarrior's named dates (`eod`, `sow`, `fri`, `jan`, `15th`, `easter`, ...), with the
//! meanings of Taskwarrior 3's date parser (libshared `Datetime::parse_named`).
//!
//! Pure: no I/O and no clock; `now` comes in through the caller's [`LocalNow`].

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};

use super::calendar::{CalendarUnit, shift_days, shift_months};
use super::error::DateError;
use super::now::LocalNow;

/// Every named date, for completion and help, in a stable order. Also accepted: the older
/// spellings `socw`, `eocw`, `socm`, `eocm`, `socq`, `eocq`, `socy`, `eocy` (the same as
/// `sow`, `eow`, ...), abbreviations of day and month names and of `yesterday`, `today`,
/// `tomorrow`, `later` (three letters or more) and `someday` (four), ordinals `1st`..`31st`
/// and the alias `juhannus` for `midsommarafton`.
pub const DATE_SYNONYMS: &[&str] = &[
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "sod",
    "eod",
    "sopd",
    "eopd",
    "sond",
    "eond",
    "sow",
    "eow",
    "sopw",
    "eopw",
    "sonw",
    "eonw",
    "soww",
    "eoww",
    "sopww",
    "eopww",
    "sonww",
    "eonww",
    "som",
    "eom",
    "sopm",
    "eopm",
    "sonm",
    "eonm",
    "soq",
    "eoq",
    "sopq",
    "eopq",
    "sonq",
    "eonq",
    "soy",
    "eoy",
    "sopy",
    "eopy",
    "sony",
    "eony",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "later",
    "someday",
    "easter",
    "eastermonday",
    "goodfriday",
    "ascension",
    "pentecost",
    "midsommar",
    "midsommarafton",
];

const DAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The months' names, January first (the date formats read and write them too).
pub(super) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Where a name points: the start of a local day, or the last second before one begins
/// (Taskwarrior's "end of" dates end at 23:59:59 local).
enum Mark {
    Start(Option<NaiveDate>),
    EndBefore(Option<NaiveDate>),
}

/// The date `s` names, if it is a name (`Ok(None)` if not). `s` is ASCII.
pub(crate) fn named_date<Tz: TimeZone>(
    now: &LocalNow<Tz>,
    s: &str,
) -> Result<Option<DateTime<Utc>>, DateError> {
    if s.eq_ignore_ascii_case("now") {
        return Ok(Some(now.now));
    }
    let Some(mark) = mark(now, s) else {
        return Ok(None);
    };
    let local = match mark {
        Mark::Start(day) => day.map(|d| d.and_time(NaiveTime::MIN)),
        Mark::EndBefore(day) => day
            .and_then(|d| d.pred_opt())
            .and_then(|d| d.and_hms_opt(23, 59, 59)),
    };
    now.at(local, s).map(Some)
}

fn mark<Tz: TimeZone>(now: &LocalNow<Tz>, s: &str) -> Option<Mark> {
    let today = now.today();
    let is = |name: &str| s.eq_ignore_ascii_case(name);
    let days = |n: i64| shift_days(today, n);
    // The work week is Taskwarrior's Sunday-based one: Monday to Friday after the Sunday.
    let sunday = -i64::from(today.weekday().num_days_from_sunday());
    // The first day of the unit holding today, moved by `n` units.
    let unit = |u: CalendarUnit, n: i32| u.start_of(today).and_then(|start| u.shift(start, n));
    let week = |n| unit(CalendarUnit::Week, n);
    let month = |n| unit(CalendarUnit::Month, n);
    let quarter = |n| unit(CalendarUnit::Quarter, n);
    let year = |n| unit(CalendarUnit::Year, n);
    use Mark::{EndBefore as End, Start};
    let period_marks: [(&str, &str, Mark); 20] = [
        ("sod", "", Start(days(0))),
        ("sopd", "yesterday", Start(days(-1))),
        ("sond", "tomorrow", Start(days(1))),
        ("eod", "", End(days(1))),
        ("eopd", "", End(days(0))),
        ("eond", "", End(days(2))),
        ("sow", "socw", Start(week(0))),
        ("sopw", "", Start(week(-1))),
        ("sonw", "", Start(week(1))),
        ("eow", "eocw", End(week(1))),
        ("eopw", "", End(week(0))),
        ("eonw", "", End(week(2))),
        ("soww", "", Start(days(sunday + 1))),
        ("sopww", "", Start(days(sunday - 6))),
        ("sonww", "", Start(days(sunday + 8))),
        ("eoww", "", End(days(sunday + 6))),
        ("eopww", "", End(days(-((-sunday + 1) % 7)))),
        ("eonww", "", End(days(sunday + 13))),
        ("som", "socm", Start(month(0))),
        ("eom", "eocm", End(month(1))),
    ];
    let more: [(&str, &str, Mark); 16] = [
        ("sopm", "", Start(month(-1))),
        ("sonm", "", Start(month(1))),
        ("eopm", "", End(month(0))),
        ("eonm", "", End(month(2))),
        ("soq", "socq", Start(quarter(0))),
        ("sopq", "", Start(quarter(-1))),
        ("sonq", "", Start(quarter(1))),
        ("eoq", "eocq", End(quarter(1))),
        ("eopq", "", End(quarter(0))),
        ("eonq", "", End(quarter(2))),
        ("soy", "socy", Start(year(0))),
        ("sopy", "", Start(year(-1))),
        ("sony", "", Start(year(1))),
        ("eoy", "eocy", End(year(1))),
        ("eopy", "", End(year(0))),
        ("eony", "", End(year(2))),
    ];
    if let Some((_, _, m)) = period_marks
        .into_iter()
        .chain(more)
        .find(|(name, alias, _)| is(name) || (!alias.is_empty() && is(alias)))
    {
        return Some(m);
    }
    if let Some(date) = holiday(now, s) {
        return Some(Start(date));
    }
    let abbreviates = |word: &str, min: usize| {
        s.len() >= min && s.len() <= word.len() && word[..s.len()].eq_ignore_ascii_case(s)
    };
    if abbreviates("today", 3) {
        return Some(Start(days(0)));
    }
    if abbreviates("yesterday", 3) {
        return Some(Start(days(-1)));
    }
    if abbreviates("tomorrow", 3) {
        return Some(Start(days(1)));
    }
    if abbreviates("later", 3) || abbreviates("someday", 4) {
        return Some(Start(NaiveDate::from_ymd_opt(9999, 12, 30)));
    }
    // Day names: the next such day, strictly after today.
    if let Some(i) = DAY_NAMES.iter().position(|d| abbreviates(d, 3)) {
        let ahead = (i as i64 - i64::from(today.weekday().num_days_from_monday())).rem_euclid(7);
        return Some(Start(days(if ahead == 0 { 7 } else { ahead })));
    }
    // Month names: the first of the next such month, strictly after this one.
    if let Some(i) = MONTH_NAMES.iter().position(|m| abbreviates(m, 3)) {
        let month = i as u32 + 1;
        let year = today.year() + i32::from(today.month() >= month);
        return Some(Start(NaiveDate::from_ymd_opt(year, month, 1)));
    }
    ordinal(s).map(|n| Start(next_day_of_month(today, n)))
}

/// `1st`, `2nd`, `3rd`, `4th`, ..., `11th`, `12th`, `13th`, `21st`, ... `31st`, with the
/// English suffix each number takes.
fn ordinal(s: &str) -> Option<u32> {
    let split = s.find(|c: char| !c.is_ascii_digit())?;
    let (digits, suffix) = s.split_at(split);
    let n: u32 = digits.parse().ok().filter(|n| (1..=31).contains(n))?;
    let want = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    suffix.eq_ignore_ascii_case(want).then_some(n)
}

/// The next day numbered `n` strictly after today: this month if still ahead, else the
/// next month that has such a day (`31st` in late June is July 31st).
fn next_day_of_month(today: NaiveDate, n: u32) -> Option<NaiveDate> {
    let mut first = today.with_day(1)?;
    if n <= today.day() {
        first = shift_months(first, 1)?;
    }
    for _ in 0..12 {
        if let Some(d) = first.with_day(n) {
            return Some(d);
        }
        first = shift_months(first, 1)?;
    }
    None
}

/// Easter and the holidays fixed to it, and Swedish midsummer: this year's date, or next
/// year's once this year's has begun before `now`.
fn holiday<Tz: TimeZone>(now: &LocalNow<Tz>, s: &str) -> Option<Option<NaiveDate>> {
    let is = |name: &str| s.eq_ignore_ascii_case(name);
    let rule: fn(i32) -> Option<NaiveDate> = if is("easter") {
        easter
    } else if is("eastermonday") {
        |y| easter(y).and_then(|d| shift_days(d, 1))
    } else if is("goodfriday") {
        |y| easter(y).and_then(|d| shift_days(d, -2))
    } else if is("ascension") {
        |y| easter(y).and_then(|d| shift_days(d, 39))
    } else if is("pentecost") {
        |y| easter(y).and_then(|d| shift_days(d, 49))
    } else if is("midsommar") {
        midsommar
    } else if is("midsommarafton") || is("juhannus") {
        |y| midsommar(y).and_then(|d| d.pred_opt())
    } else {
        return None;
    };
    let year = now.today().year();
    let this_year = rule(year);
    let begun = this_year
        .and_then(|d| now.at(Some(d.and_time(NaiveTime::MIN)), s).ok())
        .is_none_or(|t| t < now.now);
    Some(if begun { rule(year + 1) } else { this_year })
}

/// Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Midsommardagen: the Saturday from June 20th to 26th.
fn midsommar(year: i32) -> Option<NaiveDate> {
    let june20 = NaiveDate::from_ymd_opt(year, 6, 20)?;
    let ahead = 6 - i64::from(june20.weekday().num_days_from_sunday());
    shift_days(june20, ahead)
}

#[cfg(test)]
mod tests {
    use crate::time::dates::parse_date;
    use crate::time::error::DateError;
    use chrono::{DateTime, FixedOffset, Utc};

    /// Friday 2026-05-15, 10:00 at UTC+2.
    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-05-15T10:00:00+02:00").unwrap()
    }

    #[track_caller]
    fn check_at(now: &str, cases: &[(&str, &str)]) {
        let now = DateTime::parse_from_rfc3339(now).unwrap();
        for (input, want) in cases {
            let want = DateTime::parse_from_rfc3339(want)
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(parse_date(input, &now), Ok(want), "{input} at {now}");
        }
    }

    #[track_caller]
    fn check(cases: &[(&str, &str)]) {
        check_at(&now().to_rfc3339(), cases);
    }

    #[test]
    fn days() {
        check(&[
            ("now", "2026-05-15T10:00:00+02:00"),
            ("today", "2026-05-15T00:00:00+02:00"),
            ("sod", "2026-05-15T00:00:00+02:00"),
            ("yesterday", "2026-05-14T00:00:00+02:00"),
            ("sopd", "2026-05-14T00:00:00+02:00"),
            ("tomorrow", "2026-05-16T00:00:00+02:00"),
            ("sond", "2026-05-16T00:00:00+02:00"),
            ("eod", "2026-05-15T23:59:59+02:00"),
            ("eopd", "2026-05-14T23:59:59+02:00"),
            ("eond", "2026-05-16T23:59:59+02:00"),
            ("tod", "2026-05-15T00:00:00+02:00"),
            ("tom", "2026-05-16T00:00:00+02:00"),
            ("yest", "2026-05-14T00:00:00+02:00"),
            ("EOD", "2026-05-15T23:59:59+02:00"),
        ]);
    }

    #[test]
    fn weeks_start_on_monday() {
        check(&[
            ("sow", "2026-05-11T00:00:00+02:00"),
            ("socw", "2026-05-11T00:00:00+02:00"),
            ("sopw", "2026-05-04T00:00:00+02:00"),
            ("sonw", "2026-05-18T00:00:00+02:00"),
            ("eow", "2026-05-17T23:59:59+02:00"),
            ("eocw", "2026-05-17T23:59:59+02:00"),
            ("eopw", "2026-05-10T23:59:59+02:00"),
            ("eonw", "2026-05-24T23:59:59+02:00"),
        ]);
        // On a Sunday the week is still the one that began on Monday.
        check_at(
            "2026-05-17T10:00:00+02:00",
            &[
                ("sow", "2026-05-11T00:00:00+02:00"),
                ("eow", "2026-05-17T23:59:59+02:00"),
            ],
        );
    }

    #[test]
    fn work_weeks() {
        check(&[
            ("soww", "2026-05-11T00:00:00+02:00"),
            ("sopww", "2026-05-04T00:00:00+02:00"),
            ("sonww", "2026-05-18T00:00:00+02:00"),
            ("eoww", "2026-05-15T23:59:59+02:00"),
            ("eopww", "2026-05-08T23:59:59+02:00"),
            ("eonww", "2026-05-22T23:59:59+02:00"),
        ]);
        // Taskwarrior's work week follows the Sunday: on a Sunday it is the coming one.
        check_at(
            "2026-05-17T10:00:00+02:00",
            &[
                ("soww", "2026-05-18T00:00:00+02:00"),
                ("eoww", "2026-05-22T23:59:59+02:00"),
                ("eopww", "2026-05-15T23:59:59+02:00"),
            ],
        );
    }

    #[test]
    fn months_quarters_years() {
        check(&[
            ("som", "2026-05-01T00:00:00+02:00"),
            ("socm", "2026-05-01T00:00:00+02:00"),
            ("sopm", "2026-04-01T00:00:00+02:00"),
            ("sonm", "2026-06-01T00:00:00+02:00"),
            ("eom", "2026-05-31T23:59:59+02:00"),
            ("eocm", "2026-05-31T23:59:59+02:00"),
            ("eopm", "2026-04-30T23:59:59+02:00"),
            ("eonm", "2026-06-30T23:59:59+02:00"),
            ("soq", "2026-04-01T00:00:00+02:00"),
            ("socq", "2026-04-01T00:00:00+02:00"),
            ("sopq", "2026-01-01T00:00:00+02:00"),
            ("sonq", "2026-07-01T00:00:00+02:00"),
            ("eoq", "2026-06-30T23:59:59+02:00"),
            ("eocq", "2026-06-30T23:59:59+02:00"),
            ("eopq", "2026-03-31T23:59:59+02:00"),
            ("eonq", "2026-09-30T23:59:59+02:00"),
            ("soy", "2026-01-01T00:00:00+02:00"),
            ("socy", "2026-01-01T00:00:00+02:00"),
            ("sopy", "2025-01-01T00:00:00+02:00"),
            ("sony", "2027-01-01T00:00:00+02:00"),
            ("eoy", "2026-12-31T23:59:59+02:00"),
            ("eocy", "2026-12-31T23:59:59+02:00"),
            ("eopy", "2025-12-31T23:59:59+02:00"),
            ("eony", "2027-12-31T23:59:59+02:00"),
        ]);
        check_at(
            "2026-12-20T10:00:00+02:00",
            &[
                ("eonm", "2027-01-31T23:59:59+02:00"),
                ("sonq", "2027-01-01T00:00:00+02:00"),
                ("eonq", "2027-03-31T23:59:59+02:00"),
            ],
        );
    }

    #[test]
    fn day_names_are_strictly_ahead() {
        check(&[
            ("monday", "2026-05-18T00:00:00+02:00"),
            ("mon", "2026-05-18T00:00:00+02:00"),
            ("tues", "2026-05-19T00:00:00+02:00"),
            ("wed", "2026-05-20T00:00:00+02:00"),
            ("thursday", "2026-05-21T00:00:00+02:00"),
            ("fri", "2026-05-22T00:00:00+02:00"),
            ("Friday", "2026-05-22T00:00:00+02:00"),
            ("sat", "2026-05-16T00:00:00+02:00"),
            ("sun", "2026-05-17T00:00:00+02:00"),
        ]);
    }

    #[test]
    fn month_names_are_strictly_ahead() {
        check(&[
            ("january", "2027-01-01T00:00:00+02:00"),
            ("jan", "2027-01-01T00:00:00+02:00"),
            ("may", "2027-05-01T00:00:00+02:00"),
            ("jun", "2026-06-01T00:00:00+02:00"),
            ("sept", "2026-09-01T00:00:00+02:00"),
            ("december", "2026-12-01T00:00:00+02:00"),
        ]);
    }

    #[test]
    fn ordinals() {
        check(&[
            ("1st", "2026-06-01T00:00:00+02:00"),
            ("2nd", "2026-06-02T00:00:00+02:00"),
            ("3rd", "2026-06-03T00:00:00+02:00"),
            ("11th", "2026-06-11T00:00:00+02:00"),
            ("12th", "2026-06-12T00:00:00+02:00"),
            ("13th", "2026-06-13T00:00:00+02:00"),
            ("15th", "2026-06-15T00:00:00+02:00"),
            ("16th", "2026-05-16T00:00:00+02:00"),
            ("21st", "2026-05-21T00:00:00+02:00"),
            ("22nd", "2026-05-22T00:00:00+02:00"),
            ("23rd", "2026-05-23T00:00:00+02:00"),
            ("31st", "2026-05-31T00:00:00+02:00"),
        ]);
        check_at(
            "2026-06-20T10:00:00+02:00",
            &[("31st", "2026-07-31T00:00:00+02:00")],
        );
        check_at(
            "2026-01-31T10:00:00+02:00",
            &[("31st", "2026-03-31T00:00:00+02:00")],
        );
        for bad in ["11st", "2th", "3nd", "32nd", "0th", "1", "st"] {
            assert_eq!(
                parse_date(bad, &now()),
                Err(DateError::NotADate(bad.into()))
            );
        }
    }

    #[test]
    fn later_and_holidays() {
        check(&[
            ("later", "9999-12-30T00:00:00+02:00"),
            ("someday", "9999-12-30T00:00:00+02:00"),
            ("some", "9999-12-30T00:00:00+02:00"),
            ("easter", "2027-03-28T00:00:00+02:00"),
            ("eastermonday", "2027-03-29T00:00:00+02:00"),
            ("goodfriday", "2027-03-26T00:00:00+02:00"),
            ("ascension", "2027-05-06T00:00:00+02:00"),
            ("pentecost", "2026-05-24T00:00:00+02:00"),
            ("midsommar", "2026-06-20T00:00:00+02:00"),
            ("midsommarafton", "2026-06-19T00:00:00+02:00"),
            ("juhannus", "2026-06-19T00:00:00+02:00"),
        ]);
        check_at(
            "2017-03-05T12:34:56+01:00",
            &[
                ("easter", "2017-04-16T00:00:00+01:00"),
                ("goodfriday", "2017-04-14T00:00:00+01:00"),
                ("ascension", "2017-05-25T00:00:00+01:00"),
                ("pentecost", "2017-06-04T00:00:00+01:00"),
                ("midsommar", "2017-06-24T00:00:00+01:00"),
                ("midsommarafton", "2017-06-23T00:00:00+01:00"),
            ],
        );
    }

    #[test]
    fn synonym_list_parses() {
        for name in super::DATE_SYNONYMS {
            assert!(parse_date(name, &now()).is_ok(), "{name}");
        }
    }
}
