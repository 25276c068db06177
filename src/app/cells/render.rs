//! One column's text for one task, as Taskwarrior 3.1.0 writes it into a report before
//! cutting it to the column's width: control characters escaped, nothing wrapped.

use chrono::{DateTime, FixedOffset, Utc};

use crate::replica::UuidMap;
use crate::task::{Task, keys};
use crate::text::visible;
use crate::time::dateformat;
use crate::time::{Vague, flat_seconds, format_iso_seconds, parse_timestamp};

use super::settings::{Indicators, UdaDefs};
use super::spec::{ColumnKind, ColumnSpec};

/// What a row's cells need besides the task and the report: the clock, and the row's ID
/// and urgency.
#[derive(Debug, Clone, Copy)]
pub struct RowContext<'a> {
    pub now: DateTime<Utc>,
    /// The local offset dates are shown in (`iso` dates are always UTC).
    pub tz: FixedOffset,
    /// The task's working-set ID; `None` (or 0) shows as `-`.
    pub id: Option<u32>,
    pub urgency: f64,
    /// The IDs a `depends` column may name: the working-set tasks that are neither
    /// completed nor deleted. Dependencies on other tasks are left out of its list, count
    /// and indicator, as Taskwarrior leaves them out.
    pub ids: &'a UuidMap<u32>,
    /// When each recurring template's next pending instance is due (see
    /// [`crate::app::Core::next_due`]).
    pub next_due: &'a UuidMap<DateTime<Utc>>,
}

/// What a cell needs besides the task: the row's context and the report's settings.
#[derive(Debug, Clone, Copy)]
pub struct CellContext<'a> {
    pub row: RowContext<'a>,
    /// The report's date format (see [`report_dateformat`](super::report_dateformat)).
    pub dateformat: &'a str,
    /// The annotations' date format in a description (see
    /// [`annotation_dateformat`](super::annotation_dateformat)).
    pub annotation_dateformat: &'a str,
    /// Spaces before each annotation line of a combined description (`indent.annotation`).
    pub annotation_indent: usize,
    pub udas: &'a UdaDefs,
    pub indicators: &'a Indicators,
}

/// What the column `spec` shows for `task`, on one line, except the combined description
/// (the default `description` style): it is the description, then one line per
/// annotation, oldest first, each `\n`, the indent, the annotation's date, a space and its
/// text. Stored line breaks are escaped (`\n` as the two characters), so only those joins
/// break lines.
///
/// The text is as Taskwarrior renders it, padding included: vague spans keep their
/// padded units (`3d  `), an urgency is at least 4 wide and a julian date 13, right-
/// aligned. `""` where Taskwarrior leaves the cell empty.
pub fn cell(task: &Task, spec: &ColumnSpec, ctx: &CellContext<'_>) -> String {
    let style = spec.style();
    let attr = spec.attr.as_str();
    let raw = || task.get(attr).map(|v| visible(v).into_owned());
    match spec.kind {
        ColumnKind::Id => match ctx.row.id {
            Some(id) if id > 0 => id.to_string(),
            _ => "-".to_string(),
        },
        ColumnKind::Uuid => short_or_long(&task.uuid().to_string(), style),
        ColumnKind::Status => status(task, style, ctx.row.now),
        ColumnKind::Description => description(task, style, ctx),
        ColumnKind::Project => task
            .project()
            .map(|p| visible(&project(p, style)).into_owned())
            .unwrap_or_default(),
        ColumnKind::Tags => tags(task, style, ctx.indicators),
        ColumnKind::Depends => depends(task, style, ctx),
        ColumnKind::Recur => match (task.get(keys::RECUR), style) {
            (None, _) => String::new(),
            (Some(_), "indicator") => visible(&ctx.indicators.recurrence).into_owned(),
            (Some(recur), _) => format_iso_seconds(flat_seconds(recur)),
        },
        ColumnKind::Parent | ColumnKind::Template => raw()
            .map(|uuid| short_or_long(&uuid, style))
            .unwrap_or_default(),
        ColumnKind::Urgency => urgency(ctx.row.urgency, style),
        ColumnKind::Mask | ColumnKind::IMask | ColumnKind::Last => raw().unwrap_or_default(),
        ColumnKind::RType => match raw() {
            Some(rtype) if style == "indicator" => {
                rtype.chars().take(1).flat_map(char::to_uppercase).collect()
            }
            Some(rtype) => rtype,
            None => String::new(),
        },
        ColumnKind::Start if style == "active" => {
            if task.is_active() && task.get(keys::END).is_none() {
                visible(&ctx.indicators.active).into_owned()
            } else {
                String::new()
            }
        }
        ColumnKind::Date | ColumnKind::Start => task
            .timestamp(attr)
            .map(|t| date(t, style, ctx))
            .unwrap_or_default(),
        ColumnKind::UdaString
        | ColumnKind::UdaNumeric
        | ColumnKind::UdaDate
        | ColumnKind::UdaDuration => uda(task, spec, style, ctx),
        ColumnKind::Series => series(task, style, ctx),
    }
}

/// A template's instances, counted from its mask (`2 pending, 5 done, 1 deleted`; waiting
/// ones count as pending), or (`next`) when the next pending one is due, as a formatted
/// date. Empty for a task that is no template.
fn series(task: &Task, style: &str, ctx: &CellContext<'_>) -> String {
    let Some(mask) = task.get(crate::task::keys::MASK) else {
        return String::new();
    };
    if style == "next" {
        return ctx
            .row
            .next_due
            .get(&task.uuid())
            .map(|t| date(*t, "formatted", ctx))
            .unwrap_or_default();
    }
    crate::task::recurrence::MaskCounts::of(mask).to_string()
}

/// A UUID in full, or its first eight characters (`short`).
fn short_or_long(uuid: &str, style: &str) -> String {
    if style == "short" {
        uuid.chars().take(8).collect()
    } else {
        uuid.to_string()
    }
}

/// Taskwarrior reads a status by its first letter; a pending task waiting until later
/// shows as `Waiting`.
fn status(task: &Task, style: &str, now: DateTime<Utc>) -> String {
    let stored = task.get(keys::STATUS).unwrap_or("pending");
    let (long, short) = match stored.chars().next() {
        _ if task.is_waiting(now) => ("Waiting", "W"),
        Some('p' | 'w') => ("Pending", "P"),
        Some('c') => ("Completed", "C"),
        Some('d') => ("Deleted", "D"),
        Some('r') => ("Recurring", "R"),
        _ if style == "short" => return String::new(),
        _ => return visible(stored).into_owned(),
    };
    if style == "short" { short } else { long }.to_string()
}

fn description(task: &Task, style: &str, ctx: &CellContext<'_>) -> String {
    let mut out = visible(task.description()).into_owned();
    match style {
        "combined" | "oneline" => {
            for note in task.annotations() {
                if style == "combined" {
                    out.push('\n');
                    out.extend(std::iter::repeat_n(' ', ctx.annotation_indent));
                } else {
                    out.push(' ');
                }
                let at = note.entry.with_timezone(&ctx.row.tz);
                out.push_str(&dateformat::format(&at, ctx.annotation_dateformat));
                out.push(' ');
                out.push_str(&visible(&note.description));
            }
        }
        "count" | "truncated_count" => {
            let notes = task.annotation_count();
            if notes > 0 {
                out.push_str(&format!(" [{notes}]"));
            }
        }
        _ => {}
    }
    out
}

/// `parent` is the top level (`Home` of `Home.Garden`); `indented` is the last level,
/// two spaces in for each level above it (`    Roses` for `Home.Garden.Roses`). A dot
/// that starts or ends the name does not count as a level.
fn project(name: &str, style: &str) -> String {
    match style {
        "parent" => name.split('.').next().unwrap_or(name).to_string(),
        "indented" => {
            let dots: Vec<usize> = name
                .match_indices('.')
                .map(|(i, _)| i)
                .filter(|&i| i > 0 && i + 1 < name.len())
                .collect();
            match dots.last() {
                Some(&last) => "  ".repeat(dots.len()) + &name[last + 1..],
                None => name.to_string(),
            }
        }
        _ => name.to_string(),
    }
}

fn tags(task: &Task, style: &str, indicators: &Indicators) -> String {
    let mut names: Vec<&str> = task.tag_names().collect();
    if names.is_empty() {
        return String::new();
    }
    match style {
        "indicator" => visible(&indicators.tag).into_owned(),
        "count" => format!("[{}]", names.len()),
        _ => {
            names.sort_unstable();
            names
                .iter()
                .map(|t| visible(t))
                .collect::<Vec<_>>()
                .join(" ")
        }
    }
}

/// The IDs of the dependencies still to do, lowest first.
fn depends(task: &Task, style: &str, ctx: &CellContext<'_>) -> String {
    let mut ids: Vec<u32> = task
        .dependencies()
        .iter()
        .filter_map(|dep| ctx.row.ids.get(dep).copied())
        .collect();
    if ids.is_empty() {
        return String::new();
    }
    match style {
        "indicator" => visible(&ctx.indicators.dependency).into_owned(),
        "count" => format!("[{}]", ids.len()),
        _ => {
            ids.sort_unstable();
            ids.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")
        }
    }
}

/// Taskwarrior holds urgency in single precision and writes it with three significant
/// digits at least four wide (`12.3`, `  10`, `0.46`, `1.23e+03`), or cut to a whole
/// number (`integer`).
fn urgency(value: f64, style: &str) -> String {
    let single = f64::from(value as f32);
    if style == "integer" {
        return (single as i32).to_string();
    }
    // Between 0 and 1, Taskwarrior first rounds to two decimals.
    let shown = if single > 0.0 && single < 1.0 {
        (single * 100.0).round() / 100.0
    } else {
        single
    };
    format!("{:>4}", general(shown, 3))
}

/// `value` with `precision` significant digits, as C's `%g` writes it: fixed notation
/// without trailing zeros, or scientific (`1.23e+03`) for very large or small values.
fn general(value: f64, precision: usize) -> String {
    if value == 0.0 {
        return if value.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    if !value.is_finite() {
        return if value.is_nan() {
            "nan".to_string()
        } else if value < 0.0 {
            "-inf".to_string()
        } else {
            "inf".to_string()
        };
    }
    let precision = precision.max(1);
    let scientific = format!("{:.*e}", precision - 1, value);
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if exponent < -4 || exponent >= precision as i32 {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!(
            "{}e{sign}{:02}",
            trim_fraction(mantissa),
            exponent.unsigned_abs()
        )
    } else {
        let decimals = (precision as i32 - 1 - exponent).max(0) as usize;
        trim_fraction(&format!("{value:.decimals$}")).to_string()
    }
}

fn trim_fraction(number: &str) -> &str {
    if number.contains('.') {
        number.trim_end_matches('0').trim_end_matches('.')
    } else {
        number
    }
}

fn date(t: DateTime<Utc>, style: &str, ctx: &CellContext<'_>) -> String {
    let (now, secs) = (ctx.row.now.timestamp(), t.timestamp());
    let span = |s: i64| Vague(s).padded();
    match style {
        "julian" => format!("{:>13}", general(secs as f64 / 86_400.0 + 2_440_587.5, 12)),
        "epoch" => secs.to_string(),
        "iso" => t.format("%Y%m%dT%H%M%SZ").to_string(),
        "age" if now > secs => span(now - secs),
        "age" => format!("-{}", span(secs - now)),
        "relative" if now < secs => span(secs - now),
        "relative" => format!("-{}", span(now - secs)),
        "remaining" | "countdown" if secs > now => span(secs - now),
        "remaining" | "countdown" => String::new(),
        _ => dateformat::format(&t.with_timezone(&ctx.row.tz), ctx.dateformat),
    }
}

fn uda(task: &Task, spec: &ColumnSpec, style: &str, ctx: &CellContext<'_>) -> String {
    let Some(value) = task.get(&spec.attr) else {
        return String::new();
    };
    if style == "indicator" {
        let set = ctx
            .udas
            .get(&spec.attr)
            .map_or("", |d| d.indicator.as_str());
        return visible(if set.is_empty() { "U" } else { set }).into_owned();
    }
    match spec.kind {
        ColumnKind::UdaDate => parse_timestamp(value)
            .map(|t| dateformat::format(&t.with_timezone(&ctx.row.tz), ctx.dateformat))
            .unwrap_or_default(),
        ColumnKind::UdaDuration => format_iso_seconds(flat_seconds(value)),
        _ => visible(value).into_owned(),
    }
}
