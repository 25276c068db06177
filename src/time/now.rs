//! The moment dates are read against: the caller's `now` in its time zone, broken down
//! once into whole seconds and a local date and time.
//!
//! Pure: `now` is given; nothing here reads a clock.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

use super::calendar::resolve_local;
use super::error::DateError;

/// `now` broken down once for all the forms a date may take.
pub(crate) struct LocalNow<Tz: TimeZone> {
    pub(crate) tz: Tz,
    /// `now` to the whole second.
    pub(crate) now: DateTime<Utc>,
    /// `now` on the local clock.
    pub(crate) local: NaiveDateTime,
}

impl<Tz: TimeZone> LocalNow<Tz> {
    pub(crate) fn new(now: &DateTime<Tz>) -> Self {
        let secs = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(DateTime::UNIX_EPOCH);
        LocalNow {
            tz: now.timezone(),
            now: secs,
            local: secs.with_timezone(&now.timezone()).naive_local(),
        }
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.local.date()
    }

    /// The instant of a local date and time; `None` in means out of range.
    pub(crate) fn at(
        &self,
        local: Option<NaiveDateTime>,
        input: &str,
    ) -> Result<DateTime<Utc>, DateError> {
        local
            .and_then(|l| resolve_local(&self.tz, l))
            .ok_or_else(|| DateError::OutOfRange(input.to_string()))
    }
}
