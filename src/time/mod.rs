//! Time as Taskwarrior reads and shows it. Pure: no I/O and no clock (`now` and the time
//! zone are always passed in); depends on nothing else in tcui.
//!
//! - `calendar`: calendar arithmetic, the one place dates are moved by days and months
//!   and the starts of weeks, months, quarters and years are found;
//! - `epoch`: epoch seconds, the stored form of an instant, and the range dates may name;
//! - `dates`: reading a date (`2026-12-24`, `fri`, `eow+1d`, `9am`) against `now`;
//! - `named_dates`: the named dates (`eod`, `sow`, `15th`, `easter`);
//! - `now`: `now` broken down once for the readers;
//! - `duration`: durations (`3d`, `monthly`, `P1M`), moving an instant by one, and the
//!   flat seconds Taskwarrior shows for a stored one (`P30D`);
//! - `dateformat`: Taskwarrior's date format strings (`Y-M-D`, `M/D/Y H:N`), out and in;
//! - `recurrence`: from one due date of a recurring task to the next, as Taskwarrior steps;
//! - `vague`: spans as relative text (`3d`, `-2w`, `1.2y`);
//! - `error`: why a date or duration was refused.

pub(crate) mod calendar;
pub mod dateformat;
mod dates;
mod duration;
mod epoch;
mod error;
mod named_dates;
mod now;
mod recurrence;
mod vague;

pub use dates::{parse_date, parse_date_as};
pub use duration::{Period, flat_seconds, format_iso_seconds, parse_duration};
pub use epoch::{
    FIRST_SECOND, LAST_SECOND, civil_utc, format_timestamp, in_date_range, parse_seconds,
    parse_timestamp,
};
pub use error::DateError;
pub use named_dates::DATE_SYNONYMS;
pub use recurrence::{RecurError, Recurrence, check_recurrence, next_recurrence};
pub use vague::{Vague, format_age, format_relative, next_change};
