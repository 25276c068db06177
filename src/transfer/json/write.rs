//! Writing tasks as `task export` does, so that `task import` (and `tcui import`) read them.
//!
//! Field order follows Taskwarrior's `Task::composeJSON`: `id`, the attributes by name
//! (with `uuid` among them), then `annotations`, `tags`, `depends` and `urgency`. Empty
//! values are left out. Keys whose suffix cannot travel in the arrays (an annotation key that
//! is not epoch seconds, a dependency that is not a UUID) are written as plain attributes,
//! which reading keeps as they are. Pure.

use std::fmt::Write as _;

use uuid::Uuid;

use super::values::{UdaTypes, portable_tag};
use crate::task::Task;
use crate::task::keys::{self, ANNOTATION_PREFIX, DEP_PREFIX, TAG_PREFIX};
use crate::time::{civil_utc, parse_seconds};

/// One task as a JSON object on one line. `id` is its working-set ID, 0 when it has none.
pub fn export_task(task: &Task, id: usize, urgency: f64, udas: &UdaTypes) -> String {
    let mut out = String::new();
    write_task(&mut out, task, id, urgency, udas);
    out
}

/// A value written after its key.
enum Value<'a> {
    Text(&'a str),
    /// Epoch seconds.
    Date(i64),
    Number(String),
}

/// [`export_task`], written at the end of `out`: no value is built apart and copied in, so
/// that exporting many tasks costs little more than the bytes written.
pub fn write_task(out: &mut String, task: &Task, id: usize, urgency: f64, udas: &UdaTypes) {
    let data = task.data();
    let mut uuid_buffer = Uuid::encode_buffer();
    let uuid: &str = task.uuid().hyphenated().encode_lower(&mut uuid_buffer);
    let mut annotations = Vec::new();
    let mut tags = Vec::new();
    let mut depends = Vec::new();
    let _ = write!(out, "{{\"id\":{id}");
    let field = |out: &mut String, key: &str, value: Value<'_>| {
        out.push(',');
        push_string(out, key);
        out.push(':');
        match value {
            Value::Text(text) => push_string(out, text),
            Value::Date(t) => push_date(out, t),
            Value::Number(n) => out.push_str(&n),
        }
    };
    // A task's keys come in order, so its fields are written as they come, `uuid` (which is
    // no key of the map) in its place among them.
    let mut uuid_written = false;
    for (key, value) in data.iter() {
        if key == keys::TAGS || key == keys::DEPENDS {
            continue;
        }
        if let Some(name) = key.strip_prefix(TAG_PREFIX)
            && portable_tag(name)
        {
            tags.push(name);
            continue;
        }
        if let Some(dep) = key.strip_prefix(DEP_PREFIX)
            && let Ok(dep) = Uuid::parse_str(dep)
        {
            depends.push(dep);
            continue;
        }
        if let Some(entry) = key.strip_prefix(ANNOTATION_PREFIX).and_then(parse_seconds) {
            annotations.push((entry, value));
            continue;
        }
        if value.is_empty() || key == "uuid" {
            continue;
        }
        if !uuid_written && key > "uuid" {
            field(out, "uuid", Value::Text(uuid));
            uuid_written = true;
        }
        field(out, key, typed(key, value, udas));
    }
    if !uuid_written {
        field(out, "uuid", Value::Text(uuid));
    }
    annotations.sort();
    push_array(out, "annotations", &annotations, |out, (entry, text)| {
        out.push_str("{\"entry\":");
        push_date(out, *entry);
        out.push_str(",\"description\":");
        push_string(out, text);
        out.push('}');
    });
    push_array(out, keys::TAGS, &tags, |out, tag| push_string(out, tag));
    push_array(out, keys::DEPENDS, &depends, |out, dep| {
        let _ = write!(out, "\"{}\"", dep.hyphenated());
    });
    out.push_str(",\"urgency\":");
    push_significant(out, urgency, 6);
    out.push('}');
}

/// Objects as `task export` prints them: an array, one task per line.
pub fn export_document(tasks: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from("[\n");
    let mut any = false;
    for task in tasks {
        if any {
            out.push_str(",\n");
        }
        out.push_str(&task);
        any = true;
    }
    if any {
        out.push('\n');
    }
    out.push_str("]\n");
    out
}

/// [`export_document`] of tasks written by `write(out, each)` straight into the document.
pub fn write_document<T>(
    tasks: impl IntoIterator<Item = T>,
    size_hint: usize,
    mut write: impl FnMut(&mut String, T),
) -> String {
    let mut out = String::with_capacity(size_hint);
    out.push_str("[\n");
    let mut any = false;
    for task in tasks {
        if any {
            out.push_str(",\n");
        }
        write(&mut out, task);
        any = true;
    }
    if any {
        out.push('\n');
    }
    out.push_str("]\n");
    out
}

/// A number as C++'s default stream output writes it (`%g`, six significant digits), which
/// is how Taskwarrior prints urgency.
pub fn format_urgency(x: f64) -> String {
    format_significant(x, 6)
}

/// A number as C++'s `%g` writes it with `digits` significant digits (at least 1): fixed
/// notation without trailing zeros, or `1.5e+07` for the very large and very small; `0` for
/// zero and for what is not a number.
pub fn format_significant(x: f64, digits: usize) -> String {
    let mut out = String::new();
    push_significant(&mut out, x, digits);
    out
}

/// [`format_significant`], written at the end of `out`.
pub(super) fn push_significant(out: &mut String, x: f64, digits: usize) {
    if !x.is_finite() || x == 0.0 {
        out.push('0');
        return;
    }
    let digits = digits.max(1);
    let exp = x.abs().log10().floor() as i32;
    let top = i32::try_from(digits).unwrap_or(i32::MAX);
    if !(-4..top).contains(&exp) {
        let text = format!("{x:.prec$e}", prec = digits - 1);
        let (mantissa, e) = text.split_once('e').unwrap_or((&text, "0"));
        let e: i32 = e.parse().unwrap_or(0);
        let sign = if e < 0 { '-' } else { '+' };
        let _ = write!(out, "{}e{sign}{:02}", trim_zeros(mantissa), e.abs());
        return;
    }
    let decimals = (top - 1 - exp).max(0) as usize;
    if !push_fixed_quickly(out, x, decimals, digits) {
        out.push_str(trim_zeros(&format!("{x:.decimals$}")));
    }
}

/// `x` with `decimals` decimals, trailing zeros trimmed, by integer arithmetic: the number
/// scaled to an integer of at most `digits` digits is rounded, unless it lies so near a half
/// that the rounding of the scaling could decide it (then `false`, nothing written, and the
/// exact formatter is left to do it).
fn push_fixed_quickly(out: &mut String, x: f64, decimals: usize, digits: usize) -> bool {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    // Powers of ten up to 1e22 are exact, so the product is off by half a unit in the last
    // place at most: far below the margin kept from a half while the integer has up to nine
    // digits.
    let Some(&scale) = POWERS.get(decimals) else {
        return false;
    };
    let scaled = x.abs() * scale;
    if digits > 9 || scaled >= 1e9 {
        return false;
    }
    let fraction = scaled - scaled.floor();
    if (fraction - 0.5).abs() < 1e-6 {
        return false;
    }
    let mut n = scaled.round() as u64;
    // The digits, least significant first, then turned around.
    let mut text = [0u8; 32];
    let mut len = 0;
    loop {
        text[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 && len > decimals {
            break;
        }
        if len == text.len() {
            return false;
        }
    }
    // Trailing zeros of the decimals go, and the point with them if nothing is left.
    let zeros = text[..decimals].iter().take_while(|&&d| d == b'0').count();
    if x < 0.0 {
        out.push('-');
    }
    for (i, &d) in text[..len].iter().enumerate().skip(zeros).rev() {
        out.push(char::from(d));
        if i == decimals && zeros < decimals {
            out.push('.');
        }
    }
    true
}

fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

fn typed<'a>(key: &str, value: &'a str, udas: &UdaTypes) -> Value<'a> {
    // Stored dates and numbers start with a digit or a sign: most values need no lookup.
    if !value.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.') {
        return Value::Text(value);
    }
    if udas.is_date(key)
        && let Some(t) = parse_seconds(value)
    {
        return Value::Date(t);
    }
    if udas.is_number(key)
        && let Ok(n) = serde_json::from_str::<serde_json::Number>(value)
    {
        return Value::Number(n.to_string());
    }
    Value::Text(value)
}

/// `,"name":[…]`, each item written by `each`; nothing for no items.
fn push_array<T>(out: &mut String, name: &str, items: &[T], mut each: impl FnMut(&mut String, &T)) {
    if items.is_empty() {
        return;
    }
    let _ = write!(out, ",\"{name}\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(out, item);
    }
    out.push(']');
}

/// Epoch seconds `t` as Taskwarrior's JSON writes dates, quoted: `"20261101T080000Z"`.
fn push_date(out: &mut String, t: i64) {
    let (year, month, day, hour, minute, second) = civil_utc(t);
    // Digits by hand: the formatting machinery costs more than the export's other work.
    let mut text = *b"\"00000000T000000Z\"";
    let mut put = |at: usize, width: usize, mut n: u32| {
        for i in (at..at + width).rev() {
            text[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    // Dates stay within years 1980 to 9999 (see `in_date_range`).
    put(1, 4, year.clamp(0, 9999) as u32);
    put(5, 2, month);
    put(7, 2, day);
    put(10, 2, hour);
    put(12, 2, minute);
    put(14, 2, second);
    out.push_str(std::str::from_utf8(&text).unwrap_or("\"\""));
}

/// `text` as a JSON string, escaped as serde_json escapes it: quotes, backslashes and
/// control characters; everything else as it is.
fn push_string(out: &mut String, text: &str) {
    out.push('"');
    let mut rest = text;
    // Bytes: every character to escape is ASCII, and no byte of another character is ASCII.
    while let Some(at) = rest
        .bytes()
        .position(|b| b == b'"' || b == b'\\' || b < b' ')
    {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or(' ');
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            other => {
                let _ = write!(out, "\\u{:04x}", u32::from(other));
            }
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out.push('"');
}
