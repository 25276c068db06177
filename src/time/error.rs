//! Why a date or duration was refused: one error shared by the date, duration and
//! named-date readers, each message saying what would work.
//!
//! Pure: no I/O.

use thiserror::Error;

/// Why a date or duration was refused; the message says what would work.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    #[error("'{0}' is not a date: try 2026-12-24, fri, eow, 3d")]
    NotADate(String),
    #[error("'{0}' is not a duration: try 3d, 2w, 1mo, PT1H")]
    NotADuration(String),
    #[error("'{0}' is not on the calendar: check the month, the day and the time")]
    NoSuchDate(String),
    #[error("'{0}' is out of range: dates must fall between 1980-01-01 and 9999-12-31")]
    OutOfRange(String),
}
