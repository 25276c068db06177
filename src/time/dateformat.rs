//! Taskwarrior's date format strings (`dateformat`, `dateformat.report`,
//! `report.NAME.dateformat`; `Y-M-D` unless set): writing a date in one, the width a report
//! reserves for one, and reading a date typed in one (`dateformat=M/D/Y` makes `12/24/2026`
//! a date).
//!
//! Pure: no I/O and no clock; the date, and `now` where the format leaves parts out, are
//! passed in.
//!
//! The letters, on output:
//!
//! | letter | meaning | letter | meaning |
//! |---|---|---|---|
//! | `m` | month, `1`–`12` | `M` | month, `01`–`12` |
//! | `d` | day, `1`–`31` | `D` | day, `01`–`31` |
//! | `y` | year, two digits | `Y` | year, four digits |
//! | `h` | hour, `0`–`23` | `H` | hour, `00`–`23` |
//! | `n` | minute, `0`–`59` | `N` | minute, `00`–`59` |
//! | `s` | second, `0`–`59` | `S` | second, `00`–`59` |
//! | `v` | ISO week, `1`–`53` | `V` | ISO week, `01`–`53` |
//! | `j` | day of the year, `1`–`366` | `J` | day of the year, `001`–`366` |
//! | `a` | weekday, `Sun` | `A` | weekday, `Sunday` |
//! | `b` | month, `Jan` | `B` | month, `January` |
//! | `w` | weekday number, `0` (Sunday)–`6` | | |
//!
//! Any other character stands for itself. On input `j`, `J` and `w` are such characters
//! too (Taskwarrior does not read them), and the weekday and week are read but do not
//! change the date.

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, Timelike};

use super::named_dates::MONTH_NAMES;

const DAY_NAMES: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];

/// `t` written in the date format `fmt`, in `t`'s own offset.
pub fn format(t: &DateTime<FixedOffset>, fmt: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(fmt.len() + 8);
    let weekday = t.weekday().num_days_from_sunday() as usize;
    let month = t.month0() as usize;
    for c in fmt.chars() {
        let _ = match c {
            'm' => write!(out, "{}", t.month()),
            'M' => write!(out, "{:02}", t.month()),
            'd' => write!(out, "{}", t.day()),
            'D' => write!(out, "{:02}", t.day()),
            'y' => write!(out, "{:02}", t.year().rem_euclid(100)),
            'Y' => write!(out, "{}", t.year()),
            'a' => write!(out, "{}", &capitalised(DAY_NAMES[weekday])[..3]),
            'A' => write!(out, "{}", capitalised(DAY_NAMES[weekday])),
            'b' => write!(out, "{}", &capitalised(MONTH_NAMES[month])[..3]),
            'B' => write!(out, "{}", capitalised(MONTH_NAMES[month])),
            'v' => write!(out, "{}", t.iso_week().week()),
            'V' => write!(out, "{:02}", t.iso_week().week()),
            'h' => write!(out, "{}", t.hour()),
            'H' => write!(out, "{:02}", t.hour()),
            'n' => write!(out, "{}", t.minute()),
            'N' => write!(out, "{:02}", t.minute()),
            's' => write!(out, "{}", t.second()),
            'S' => write!(out, "{:02}", t.second()),
            'j' => write!(out, "{}", t.ordinal()),
            'J' => write!(out, "{:03}", t.ordinal()),
            'w' => write!(out, "{weekday}"),
            other => {
                out.push(other);
                Ok(())
            }
        };
    }
    out
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// The width Taskwarrior reserves for a date in `fmt`: two cells for most letters, three
/// for `a`, `b`, `j` and `J`, four for `Y`, ten for `A` and `B`; one for `w` and any other
/// printable ASCII character, none for a control character; and a non-ASCII character
/// counts one cell per byte of its UTF-8 encoding, as Taskwarrior measures it (`Y年`
/// reserves 7).
pub fn length(fmt: &str) -> usize {
    fmt.chars()
        .map(|c| match c {
            'm' | 'M' | 'd' | 'D' | 'y' | 'v' | 'V' | 'h' | 'H' | 'n' | 'N' | 's' | 'S' => 2,
            'b' | 'j' | 'J' | 'a' => 3,
            'Y' => 4,
            'A' | 'B' => 10,
            c if c.is_ascii_control() => 0,
            c => c.len_utf8(),
        })
        .sum()
}

/// Read `text` written in the date format `fmt`, when `fmt` names the year; a format
/// without one needs today's date (see [`parse_at`]) and gives `None` here. Parts the
/// format leaves out are the start of their period: `Y-M` is the first of the month at
/// midnight.
pub fn parse(text: &str, fmt: &str) -> Option<NaiveDateTime> {
    read(text, fmt)?.resolve(None)
}

/// Read `text` written in the date format `fmt`, as Taskwarrior reads a date typed in its
/// `dateformat`. `now` is the local date and time, for the parts a format leaves out.
///
/// - The whole text must follow the format; trailing whitespace is allowed.
/// - Lowercase number letters take one digit or two (`m` reads `1` and `12`), uppercase
///   ones exactly two (`Y` four); `a` and `b` take three letters of a name, `A` and `B` a
///   name up to the character that follows them in the format, at least three letters
///   long; names are matched without regard to case.
/// - Parts left out are filled from the larger end: without a year, the year is this
///   year, and then without a month, this month, and so on down to the second (`D`
///   alone is that day of this month at midnight, `H:N` is that time today); whatever is
///   still missing is the start of its period.
/// - A day of `00` is the first; a time may reach `24:00:00` (the next midnight), and
///   minutes or seconds past 59 carry over, as long as the time does not pass a day.
/// - Years from 1900 to 9999 are read; anything else, and days past the end of the
///   month, are refused.
pub fn parse_at(text: &str, fmt: &str, now: NaiveDateTime) -> Option<NaiveDateTime> {
    read(text, fmt)?.resolve(Some(now))
}

/// The parts `text` names, read as `fmt` says; `None` when it does not follow `fmt`.
fn read(text: &str, fmt: &str) -> Option<Parts> {
    if fmt.is_empty() {
        return None;
    }
    let mut input = Input { rest: text };
    let mut parts = Parts::default();
    let mut format = fmt.chars().peekable();
    while let Some(letter) = format.next() {
        match letter {
            'm' => parts.month = Some(input.lenient(1..=1)?),
            'd' => parts.day = Some(input.lenient(1..=3)?),
            'h' => parts.hour = Some(input.lenient(1..=2)?),
            'n' => parts.minute = Some(input.lenient(0..=5)?),
            's' => parts.second = Some(input.lenient(0..=5)?),
            'v' => {
                input.lenient(0..=5)?;
            }
            'M' => parts.month = Some(input.digits(2)?),
            'D' => parts.day = Some(input.digits(2)?),
            'H' => parts.hour = Some(input.digits(2)?),
            'N' => parts.minute = Some(input.digits(2)?),
            'S' => parts.second = Some(input.digits(2)?),
            'V' => {
                input.digits(2)?;
            }
            'y' => parts.year = Some(2000 + input.digits(2)?),
            'Y' => parts.year = Some(input.digits(4)?),
            'a' => {
                input.short_name(&DAY_NAMES)?;
            }
            'b' => parts.month = Some(input.short_name(&MONTH_NAMES)? + 1),
            'A' => {
                input.long_name(&DAY_NAMES, format.peek().copied())?;
            }
            'B' => {
                if let Some(month) = input.long_name(&MONTH_NAMES, format.peek().copied())? {
                    parts.month = Some(month + 1);
                }
            }
            literal => input.literal(literal)?,
        }
    }
    input.rest.trim().is_empty().then_some(parts)
}

/// What a format has read so far; `None` for a part it has not named.
#[derive(Default)]
struct Parts {
    year: Option<u32>,
    month: Option<u32>,
    day: Option<u32>,
    hour: Option<u32>,
    minute: Option<u32>,
    second: Option<u32>,
}

impl Parts {
    /// The date and time named, the parts left out filled from `now` (none without it).
    fn resolve(mut self, now: Option<NaiveDateTime>) -> Option<NaiveDateTime> {
        if self.year.is_none() {
            let now = now?;
            self.year = Some(now.year().try_into().ok()?);
            if self.month.is_none() {
                self.month = Some(now.month());
                if self.day.is_none() {
                    self.day = Some(now.day());
                    if self.hour.is_none() {
                        self.hour = Some(now.hour());
                        if self.minute.is_none() {
                            self.minute = Some(now.minute());
                            if self.second.is_none() {
                                self.second = Some(now.second());
                            }
                        }
                    }
                }
            }
        }
        let year = i32::try_from(self.year?).ok()?;
        let month = self.month.unwrap_or(1);
        let day = self.day.unwrap_or(1).max(1);
        if !(1900..=9999).contains(&year) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        let seconds = self.hour.unwrap_or(0) * 3600
            + self.minute.unwrap_or(0) * 60
            + self.second.unwrap_or(0);
        if seconds > 86_400 {
            return None;
        }
        date.and_hms_opt(0, 0, 0)?
            .checked_add_signed(TimeDelta::seconds(i64::from(seconds)))
    }
}

/// The text still to be read.
struct Input<'a> {
    rest: &'a str,
}

impl Input<'_> {
    fn digit(&mut self) -> Option<u32> {
        let d = self.rest.chars().next()?.to_digit(10)?;
        self.rest = &self.rest[1..];
        Some(d)
    }

    /// Exactly `n` digits.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let head = self.rest.get(..n)?;
        if !head.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.rest = &self.rest[n..];
        head.parse().ok()
    }

    /// One digit or two, as Taskwarrior reads its lowercase letters: a leading `0` is
    /// skipped over, and a second digit is read after a first in `tens` (`1` for months,
    /// `1..=3` for days, `1..=2` for hours, `0..=5` for minutes, seconds and weeks). So
    /// `012` is a month of 12, and `055` a minute of 55.
    fn lenient(&mut self, tens: RangeInclusive<u32>) -> Option<u32> {
        let mut n = self.digit()?;
        if n == 0 {
            n = self.digit().unwrap_or(0);
        }
        if tens.contains(&n)
            && let Some(unit) = self.digit()
        {
            n = n * 10 + unit;
        }
        Some(n)
    }

    /// Three letters starting one of `names`; its index.
    fn short_name(&mut self, names: &[&str]) -> Option<u32> {
        let end = self
            .rest
            .char_indices()
            .nth(3)
            .map_or(self.rest.len(), |(i, _)| i);
        let index = find_name(names, &self.rest[..end])?;
        self.rest = &self.rest[end..];
        Some(index)
    }

    /// A name up to `until` (or the end of the text); its index, or `None` inside when
    /// the text has ended already (which Taskwarrior lets pass).
    fn long_name(&mut self, names: &[&str], until: Option<char>) -> Option<Option<u32>> {
        if self.rest.is_empty() {
            return Some(None);
        }
        let end = until
            .and_then(|stop| self.rest.find(stop))
            .unwrap_or(self.rest.len());
        let index = find_name(names, &self.rest[..end])?;
        self.rest = &self.rest[end..];
        Some(Some(index))
    }

    fn literal(&mut self, c: char) -> Option<()> {
        self.rest = self.rest.strip_prefix(c)?;
        Some(())
    }
}

/// The name `attempt` spells, in full or by its first three letters or more, ignoring
/// case.
fn find_name(names: &[&str], attempt: &str) -> Option<u32> {
    let found = names.iter().position(|name| {
        attempt.len() >= 3
            && attempt.len() <= name.len()
            && name.as_bytes()[..attempt.len()].eq_ignore_ascii_case(attempt.as_bytes())
    })?;
    u32::try_from(found).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap()
    }

    fn naive(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    /// Each expected text is what `task` 3.1.0 printed for a task due at that instant in a
    /// report with `report.t.dateformat` set to the format (`TZ=UTC`, or
    /// `TZ=Asia/Kolkata` for the `+05:30` rows).
    #[test]
    fn formats_as_taskwarrior_prints_them() {
        for (when, fmt, want) in [
            ("2031-03-09T14:05:07Z", "Y-M-D", "2031-03-09"),
            ("2031-03-09T14:05:07Z", "m/d/y", "3/9/31"),
            ("2031-03-09T14:05:07Z", "a A b B", "Sun Sunday Mar March"),
            ("2031-03-09T14:05:07Z", "v V j J w W", "10 10 68 068 0 W"),
            ("2031-03-09T14:05:07Z", "h:n:s H:N:S", "14:5:7 14:05:07"),
            ("2031-03-09T14:05:07Z", "D.M.Y", "09.03.2031"),
            ("2031-03-09T14:05:07Z", "x Q, z", "x Q, z"),
            ("2031-03-09T14:05:07Z", "D·M·Y", "09·03·2031"),
            ("2031-03-09T14:05:07Z", "AB", "SundayMarch"),
            (
                "2031-03-09T19:35:07+05:30",
                "Y-M-D H:N:S",
                "2031-03-09 19:35:07",
            ),
            (
                "2033-01-01T05:29:59+05:30",
                "Y-M-D H:N:S",
                "2033-01-01 05:29:59",
            ),
            (
                "2005-02-28T07:08:09Z",
                "v V j J w a A",
                "9 09 59 059 1 Mon Monday",
            ),
            (
                "2021-01-03T01:02:03Z",
                "v V j J w a A",
                "53 53 3 003 0 Sun Sunday",
            ),
            (
                "2024-02-29T12:00:00Z",
                "v V j J w a A",
                "9 09 60 060 4 Thu Thursday",
            ),
            (
                "2024-12-30T23:59:59Z",
                "v V j J w a A",
                "1 01 365 365 1 Mon Monday",
            ),
            (
                "2026-12-31T18:30:00Z",
                "v V j J w a A",
                "53 53 365 365 4 Thu Thursday",
            ),
            (
                "2027-01-01T00:00:00Z",
                "v V j J w a A",
                "53 53 1 001 5 Fri Friday",
            ),
            ("2005-02-28T07:08:09Z", "y-m-d h:n:s", "05-2-28 7:8:9"),
            ("2024-02-29T12:00:00Z", "y-m-d h:n:s", "24-2-29 12:0:0"),
            ("2026-12-31T18:30:00Z", "y-m-d h:n:s", "26-12-31 18:30:0"),
            ("2005-02-28T07:08:09Z", "b B d, Y", "Feb February 28, 2005"),
            ("2024-12-30T23:59:59Z", "b B d, Y", "Dec December 30, 2024"),
            ("2027-01-01T00:00:00Z", "b B d, Y", "Jan January 1, 2027"),
            ("2024-02-29T12:00:00Z", "YMD", "20240229"),
            ("2021-01-03T01:02:03Z", "D/M/y H:N", "03/01/21 01:02"),
            ("2024-12-30T23:59:59Z", "", ""),
        ] {
            assert_eq!(format(&at(when), fmt), want, "{when} in {fmt:?}");
        }
    }

    /// The widths `task` 3.1.0 gave a one-date column (`report.t.dateformat` set, the
    /// date shorter than the width where it says so).
    #[test]
    fn length_is_the_width_taskwarrior_reserves() {
        for (fmt, want) in [
            ("Y-M-D", 10),
            ("Y-M-D H:N:S", 19),
            ("m/d/y", 8),
            ("a b", 7),
            ("AB", 20),
            ("w", 1),
            ("J", 3),
            ("j", 3),
            ("v V", 5),
            ("D·M·Y", 12),
            ("Y年", 7),
            ("Y😀", 8),
            ("Yé", 6),
            ("Y\tM", 6),
            ("", 0),
        ] {
            assert_eq!(length(fmt), want, "{fmt:?}");
        }
    }

    /// Each case was typed into `task` 3.1.0 as `task rc.dateformat=FMT add x due:TEXT`
    /// (`TZ=UTC`, on 2026-12-01) and the result read back with `task _get 1.due`; `None`
    /// where `task` answered "'TEXT' is not a valid date in the 'FMT' format".
    #[test]
    fn parses_as_taskwarrior_reads_them() {
        let now = naive("2026-12-01T03:30:04");
        for (fmt, text, want) in [
            ("M/D/Y", "12/24/2026", Some("2026-12-24T00:00:00")),
            ("M/D/Y", "1/2/2026", None),
            ("m/d/Y", "1/2/2026", Some("2026-01-02T00:00:00")),
            ("m/d/Y", "12/31/2026", Some("2026-12-31T00:00:00")),
            ("m/d/Y", "012/31/2026", Some("2026-12-31T00:00:00")),
            ("m/d/Y", "13/01/2026", None),
            ("D/M/Y", "31/02/2026", None),
            ("D/M/Y", "29/02/2028", Some("2028-02-29T00:00:00")),
            ("D/M/Y", "29/02/2027", None),
            ("M/D/Y", "12/24/2026x", None),
            ("D.M.y", "24.12.26", Some("2026-12-24T00:00:00")),
            ("D.M.y", "24.12.99", Some("2099-12-24T00:00:00")),
            ("D.M.Y-H:N", "24.12.2026-09:30", Some("2026-12-24T09:30:00")),
            ("D.M.Y-h:n", "24.12.2026-9:5", Some("2026-12-24T09:05:00")),
            (
                "D.M.Y-H:N:S",
                "24.12.2026-24:00:00",
                Some("2026-12-25T00:00:00"),
            ),
            (
                "D.M.Y-H:N:S",
                "24.12.2026-23:59:60",
                Some("2026-12-25T00:00:00"),
            ),
            ("D.M.Y-H:N", "24.12.2026-00:75", Some("2026-12-24T01:15:00")),
            ("D.M.Y-H", "24.12.2026-25", None),
            ("b-D-Y", "dec-24-2026", Some("2026-12-24T00:00:00")),
            ("b-D-Y", "DEC-24-2026", Some("2026-12-24T00:00:00")),
            ("B-D-Y", "december-24-2026", Some("2026-12-24T00:00:00")),
            ("B-D-Y", "decem-24-2026", Some("2026-12-24T00:00:00")),
            ("B-D-Y", "de-24-2026", None),
            // The weekday is read, and need not be the date's (the 24th is a Thursday).
            ("a-D.M.Y", "fri-24.12.2026", Some("2026-12-24T00:00:00")),
            ("a-D.M.Y", "xyz-24.12.2026", None),
            (
                "A,D.M.Y",
                "thursday,24.12.2026",
                Some("2026-12-24T00:00:00"),
            ),
            ("M/D", "12/24", Some("2026-12-24T00:00:00")),
            ("D", "15", Some("2026-12-15T00:00:00")),
            ("Y", "2027", Some("2027-01-01T00:00:00")),
            ("Y-M", "2027-03", Some("2027-03-01T00:00:00")),
            ("Y-M-D", "2027-03-00", Some("2027-03-01T00:00:00")),
            ("Y-M-D", "2027-00-10", None),
            ("jD.M.Y", "j24.12.2026", Some("2026-12-24T00:00:00")),
            ("D.M.YjX", "24.12.2026jX", Some("2026-12-24T00:00:00")),
            ("V/D.M.Y", "52/24.12.2026", Some("2026-12-24T00:00:00")),
            ("d.m.Y", "05.06.2026", Some("2026-06-05T00:00:00")),
            ("d.m.Y", "5.6.2026", Some("2026-06-05T00:00:00")),
            ("d.m.Y", "40.6.2026", None),
            ("Y-M-D", "1899-12-31", None),
            ("Y-M-D", "1979-06-01", Some("1979-06-01T00:00:00")),
        ] {
            let got = parse_at(text, fmt, now);
            assert_eq!(got, want.map(naive), "{text:?} in {fmt:?}");
        }
    }

    #[test]
    fn parse_without_now_needs_a_year() {
        assert_eq!(
            parse("12/24/2026", "M/D/Y"),
            Some(naive("2026-12-24T00:00:00"))
        );
        assert_eq!(parse("12/24", "M/D"), None);
        assert_eq!(parse("", "Y-M-D"), None);
        assert_eq!(parse("2026-12-24", ""), None);
        assert_eq!(
            parse("2026-12-24 ", "Y-M-D"),
            Some(naive("2026-12-24T00:00:00"))
        );
        assert_eq!(parse("2026-12-24 09:00", "Y-M-D"), None);
        assert_eq!(
            parse("2026-12-24 09:00", "Y-M-D H:N"),
            Some(naive("2026-12-24T09:00:00"))
        );
    }

    /// Also typed into `task` 3.1.0, on 2026-12-01 at 03:39 UTC (so `S` took 03:39).
    #[test]
    fn missing_parts_fill_from_the_larger_end() {
        let now = naive("2026-12-01T03:39:21");
        // Without a year, the parts down to the first one named come from now.
        for (fmt, text, want) in [
            ("H:N", "09:30", "2026-12-01T09:30:00"),
            ("S", "07", "2026-12-01T03:39:07"),
            ("M", "03", "2026-03-01T00:00:00"),
        ] {
            assert_eq!(
                parse_at(text, fmt, now),
                Some(naive(want)),
                "{text:?} in {fmt:?}"
            );
        }
    }

    /// Also typed into `task` 3.1.0.
    #[test]
    fn lenient_digits_read_as_taskwarrior_reads_them() {
        let now = naive("2026-12-01T03:39:21");
        for (fmt, text, want) in [
            ("D.M.Y/h", "24.12.2026/005", None),
            ("D.M.Y/n", "24.12.2026/055", Some("2026-12-24T00:55:00")),
            ("D.M.Y/h", "24.12.2026/23", Some("2026-12-24T23:00:00")),
            ("D.M.Y/h", "24.12.2026/3", Some("2026-12-24T03:00:00")),
            ("D.M.Y/h", "24.12.2026/24", Some("2026-12-25T00:00:00")),
            ("M.Y/d", "12.2026/007", None),
            ("M.Y/d", "12.2026/012", Some("2026-12-12T00:00:00")),
        ] {
            assert_eq!(
                parse_at(text, fmt, now),
                want.map(naive),
                "{text:?} in {fmt:?}"
            );
        }
    }
}
