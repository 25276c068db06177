//! Expected output written with placeholders for dates that move with the clock.

use chrono::{DateTime, Duration, Utc};

/// `text` with each `{DAYS_HOURS}` replaced by the date (`Y-M-D`) that many days and hours
/// from `now`.
pub fn dated(text: &str, now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').unwrap();
        let (days, hours) = rest[open + 1..close].split_once('_').unwrap();
        let when =
            now + Duration::days(days.parse().unwrap()) + Duration::hours(hours.parse().unwrap());
        out.push_str(&when.format("%Y-%m-%d").to_string());
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}
