//! `tcui calendar`, `tcui [FILTER] summary` and `tcui [FILTER] stats`: Taskwarrior's overview
//! commands, printing what `task` prints. `calendar` lays months out as `task calendar` does,
//! with today and the days pending tasks are due in colour on a terminal; `summary` shows how
//! far along each project is; `stats` counts what the tasks hold. `summary` and `stats` keep
//! to the context, as `task count` does.
//!
//! The text is made by pure functions (tasks, `now` and the time zone passed in), so that it
//! can be checked against Taskwarrior's own output without a replica.

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;

use anyhow::{Result, bail};
use chrono::{DateTime, Datelike, Local, NaiveDate, TimeZone, Utc};

use super::args::Cli;
use super::report::Verbose;
use super::transfer::Selection;
use crate::app::charts::{SUMMARY_COLOURS, chart_colours};
use crate::app::colour_rules::Colour;
pub(super) use crate::app::progress::{indent_project, parent_projects, project_order};
use crate::config::{Settings, is_true};
use crate::replica::Replica;
use crate::task::{DependencyMap, Status, Task};
use crate::text::visible;
use crate::transfer::Matched;

/// `tcui calendar [due] [MONTH YEAR | YEAR MONTH | YEAR] [y]`.
pub(super) fn calendar(cli: &Cli, words: &[String]) -> Result<()> {
    let options = cli.options();
    let settings = &options.settings;
    let args = calendar_args(words, number(settings, "abbreviation.minimum", 2))?;
    let monday = week_starts_monday(settings.get("weekstart").unwrap_or("sunday"))?;
    let colours = colours(settings);
    let width = terminal_width(settings, colours.terminal);
    let layout = CalendarLayout {
        per_line: months_per_line(settings, width),
        monday,
        week_numbers: flag(settings, "displayweeknumber", true),
        blank: Verbose::of(settings.get("verbose")).blank,
        paint: colours
            .wanted
            .then(|| CalendarColours::from_settings(settings, colours)),
    };
    // The tasks matter only for `due` and for colouring the days they fall on.
    let tasks: Vec<Task> = if args.due || layout.paint.is_some() {
        let replica = cli.open_renumbered()?;
        replica
            .pending_task_data()?
            .into_iter()
            .map(Task::new)
            .collect()
    } else {
        Vec::new()
    };
    let now = Utc::now();
    let marks = calendar_marks(&tasks, now, &Local);
    let offset = flag(settings, "calendar.offset", false)
        .then(|| integer(settings, "calendar.offset.value", -1));
    let earliest = args.due.then(|| earliest_due(&tasks, &Local)).flatten();
    let span = calendar_span(&args, marks.today, earliest, layout.per_line, offset);
    print!("{}", render_calendar(span, &layout, &marks));
    Ok(())
}

/// `tcui [FILTER] summary`: each project's open tasks, their average age and how much is done.
pub(super) fn summary(cli: &Cli, filter: &[String]) -> Result<()> {
    let picked = Picked::read(cli, filter)?;
    let settings = &picked.selection.config.settings;
    let verbose = Verbose::of(settings.get("verbose"));
    let all = flag(settings, "summary.all.projects", false);
    let now = picked.selection.settings().now;
    let tasks: Vec<&Task> = picked.found.iter().map(|m| &m.task).collect();
    let colours = colours(settings);
    let look = SummaryLook {
        blank: verbose.blank,
        table: colours.table(settings, false),
        bar: colours.wanted.then(|| {
            let [done, rest] = chart_colours(&settings.taskwarrior_colours(), SUMMARY_COLOURS);
            (done, rest)
        }),
    };
    let text = summary_text(&tasks, now, all, &look);
    print!("{}", text.as_deref().unwrap_or("No projects.\n"));
    picked.footnote(&verbose);
    if text.is_none() {
        return Err(super::Shortfall.into());
    }
    Ok(())
}

/// `tcui [FILTER] stats`: what the tasks picked hold, and the replica's unsynced history.
pub(super) fn stats(cli: &Cli, filter: &[String]) -> Result<()> {
    let mut picked = Picked::read(cli, filter)?;
    let depmap = picked.replica.dependency_map(false)?;
    let backlog = Backlog {
        undo: picked.replica.num_undo_points()?,
        local: picked.replica.num_local_operations()?,
    };
    let settings = &picked.selection.config.settings;
    let verbose = Verbose::of(settings.get("verbose"));
    let dateformat = settings
        .get("dateformat")
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .unwrap_or("Y-M-D");
    let (now, offset) = {
        let s = picked.selection.settings();
        (s.now, s.offset)
    };
    let tasks: Vec<&Task> = picked.found.iter().map(|m| &m.task).collect();
    let look = StatsLook {
        dateformat,
        blank: verbose.blank,
        table: colours(settings).table(settings, true),
    };
    print!(
        "{}",
        stats_text(&tasks, &depmap, now, &offset, backlog, &look)
    );
    picked.footnote(&verbose);
    Ok(())
}

/// The tasks a filter picks within the context in force, as `task count` picks them.
pub(super) struct Picked {
    pub(super) selection: Selection,
    pub(super) replica: Replica,
    pub(super) found: Vec<Matched>,
    /// The context in force, by name.
    context: Option<String>,
}

impl Picked {
    /// The tasks `words` picks, within the context in force.
    pub(super) fn read(cli: &Cli, words: &[String]) -> Result<Picked> {
        let selection = Selection::new(cli)?;
        let context = {
            let contexts = &selection.config.contexts;
            contexts
                .in_force()
                .and_then(|name| Some((name.to_string(), contexts.get(name)?.read.clone())))
        };
        let filter = selection.filter(words, context.as_ref().map(|(_, read)| read.as_str()))?;
        let mut replica = cli.open_renumbered()?;
        let found = crate::transfer::matching(&mut replica, &filter, &selection.settings())?;
        Ok(Picked {
            selection,
            replica,
            found,
            context: context.map(|(name, _)| name),
        })
    }

    /// The footnote naming the context in force, on standard error, as `count` writes it.
    pub(super) fn footnote(&self, verbose: &Verbose) {
        if let Some(name) = self.context.as_ref().filter(|_| verbose.footnote) {
            eprintln!(
                "Context '{}' set. Use 'tcui context none' to remove.",
                visible(name)
            );
        }
    }
}

/// A whole-number setting, or `default` when it is unset or not a number.
pub(super) fn number(settings: &Settings, key: &str, default: usize) -> usize {
    settings
        .get(key)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// A signed whole-number setting, or `default`.
fn integer(settings: &Settings, key: &str, default: i32) -> i32 {
    settings
        .get(key)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// A yes/no setting, or `default` when it is unset.
fn flag(settings: &Settings, key: &str, default: bool) -> bool {
    settings.get(key).map_or(default, is_true)
}

/// Whether to print in colour, and whether on a terminal: as in Taskwarrior, `_forcecolor`
/// colours what is not in a table even when standard output is not a terminal, but tables
/// are painted only on one.
#[derive(Debug, Clone, Copy)]
pub(super) struct Colours {
    pub(super) wanted: bool,
    pub(super) terminal: bool,
}

/// Whether the settings and standard output call for colour.
pub(super) fn colours(settings: &Settings) -> Colours {
    let terminal = std::io::stdout().is_terminal();
    Colours {
        wanted: super::report_colours::wanted(
            settings,
            terminal,
            super::report_colours::no_colour_env(),
        ),
        terminal,
    }
}

impl Colours {
    /// How a table is painted: as Taskwarrior paints its tables on a terminal (labels in
    /// `color.label`, underlined with `fontunderline` and else over dashes, every other row
    /// in `color.alternate`, and with `ends` at the ends of those rows too), plain otherwise.
    pub(super) fn table(self, settings: &Settings, ends: bool) -> TableLook {
        if !(self.wanted && self.terminal) {
            return TableLook::default();
        }
        let set = settings.taskwarrior_colours();
        let spec = |key: &str| set.get(key).map_or("", String::as_str);
        let underline = flag(settings, "fontunderline", true);
        let label = if underline {
            format!("underline {}", spec("color.label"))
        } else {
            spec("color.label").to_string()
        };
        TableLook {
            label: Colour::parse(&label).unwrap_or_default(),
            underline,
            alternate: Colour::parse(spec("color.alternate")).unwrap_or_default(),
            ends,
            painted: true,
        }
    }
}

// ---------------------------------------------------------------------------------------
// calendar

/// The months' names, as Taskwarrior writes them.
pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The weekdays' first two letters, Sunday first.
const DAYS: [&str; 7] = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];

/// The columns Taskwarrior counts for one month: its table and the space after it.
const MONTH_WIDTH: usize = 26;

/// Taskwarrior's own colours for the calendar, used where the taskrc sets none.
const CALENDAR_COLOURS: [(&str, &str); 7] = [
    ("color.calendar.today", "color15 on rgb013"),
    ("color.calendar.due", "color0 on color1"),
    ("color.calendar.due.today", "color15 on color1"),
    ("color.calendar.overdue", "color0 on color9"),
    ("color.calendar.scheduled", "rgb013 on color15"),
    ("color.calendar.weekend", "on color235"),
    ("color.calendar.weeknumber", "rgb013"),
];

/// What the words after `calendar` ask for, as `task calendar` reads them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct CalendarArgs {
    /// `1`-`12`, or 0 when no month was named.
    month: u32,
    /// The year, or 0 when none was named.
    year: i32,
    /// `y`: twelve months.
    whole_year: bool,
    /// `due`: start at the month of the earliest due date among the pending tasks.
    due: bool,
}

/// Read the words as `task calendar` does, in any order: `due`, `y`, a four-digit year, a
/// one- or two-digit month, a month's name (or the start of one, `minimum` letters at
/// least). The command's own name is passed over.
fn calendar_args(words: &[String], minimum: usize) -> Result<CalendarArgs> {
    let names: Vec<String> = MONTHS.iter().map(|m| m.to_lowercase()).collect();
    let mut args = CalendarArgs::default();
    for word in words {
        let lower = word.to_lowercase();
        let digits = !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit());
        if super::grammar::completions(&lower, &["calendar"], minimum).len() == 1 {
            continue;
        }
        if super::grammar::completions(&lower, &["due"], minimum).len() == 1 {
            args.due = true;
        } else if lower == "y" {
            args.whole_year = true;
        } else if digits && word.len() == 4 {
            args.year = word.parse().unwrap_or(0);
        } else if digits && word.len() <= 2 {
            args.month = word.parse().unwrap_or(0);
            if !(1..=12).contains(&args.month) {
                bail!("Argument '{word}' is not a valid month.");
            }
        } else {
            match super::grammar::completions(&lower, &names, minimum).as_slice() {
                [one] => args.month = *one as u32 + 1,
                _ => bail!("Could not recognize argument '{word}'."),
            }
        }
    }
    Ok(args)
}

/// Whether `weekstart` says Monday; Sunday and Monday are the only days Taskwarrior takes,
/// named in full or by their first three letters or more, in any case.
fn week_starts_monday(weekstart: &str) -> Result<bool> {
    let day = weekstart.trim().to_lowercase();
    let names = |full: &str| day == full || (day.len() >= 3 && full.starts_with(day.as_str()));
    if names("sunday") {
        Ok(false)
    } else if names("monday") {
        Ok(true)
    } else {
        bail!("The 'weekstart' configuration variable may only contain 'Sunday' or 'Monday'.")
    }
}

/// The width to fill: the terminal's, else `defaultwidth` (80 unless set); a `defaultwidth`
/// of 0 is no limit, as in Taskwarrior.
pub(super) fn terminal_width(settings: &Settings, terminal: bool) -> usize {
    let default = number(settings, "defaultwidth", 80);
    if default == 0 {
        return usize::from(u16::MAX) + 1;
    }
    let columns = terminal
        .then(crossterm::terminal::size)
        .and_then(Result::ok)
        .map(|(w, _)| usize::from(w));
    match columns {
        Some(w) if flag(settings, "avoidlastcolumn", false) => w.saturating_sub(1),
        Some(w) => w,
        None => default,
    }
}

/// How many months fit on a line of `width` columns, or fewer if `calendar.monthsperline`
/// (formerly `monthsperline`) asks for fewer. At least one.
fn months_per_line(settings: &Settings, width: usize) -> usize {
    let key = if settings.get("calendar.monthsperline").is_some() {
        "calendar.monthsperline"
    } else {
        "monthsperline"
    };
    let preferred = integer(settings, key, 0);
    let fit = width / MONTH_WIDTH;
    let per_line = match usize::try_from(preferred) {
        Ok(p) if p != 0 && p < fit => p,
        Ok(_) => fit,
        // Taskwarrior takes a negative count too, and then shows nothing, forever.
        Err(_) => 1,
    };
    per_line.max(1)
}

/// Which months to show: the first, as a year and a month, and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    year: i32,
    month: u32,
    count: usize,
}

/// The months the arguments ask for, as Taskwarrior picks them: a line of months from this
/// one; twelve with `y`; a whole year for a year alone; from the month and year named; from
/// the month of `earliest` (the earliest due date) with `due`; moved by
/// `calendar.offset.value` months when `calendar.offset` is on (`offset`).
fn calendar_span(
    args: &CalendarArgs,
    today: NaiveDate,
    earliest: Option<NaiveDate>,
    per_line: usize,
    offset: Option<i32>,
) -> Span {
    let mut count = per_line;
    let (mut year, mut month) = (today.year(), today.month() as i32);
    if args.whole_year || (args.year != 0 && args.month == 0) {
        count = 12;
    }
    if args.year != 0 {
        month = if args.month == 0 {
            1
        } else {
            args.month as i32
        };
        year = args.year;
    }
    if let Some(due) = earliest.filter(|_| args.due) {
        year = due.year();
        month = due.month() as i32;
    }
    if let Some(value) = offset {
        month += value % 12;
        year += value / 12;
        if month < 1 {
            month += 12;
            year -= 1;
        } else if month > 12 {
            month -= 12;
            year += 1;
        }
    }
    Span {
        year,
        month: month.clamp(1, 12) as u32,
        count,
    }
}

/// How the calendar is laid out and painted.
struct CalendarLayout {
    per_line: usize,
    /// Weeks start on Monday rather than Sunday.
    monday: bool,
    /// `displayweeknumber`: a column of ISO week numbers before each month.
    week_numbers: bool,
    /// `verbose` has `blank`: a blank line under each line of month names.
    blank: bool,
    /// The colours, when the calendar is shown in colour.
    paint: Option<CalendarColours>,
}

/// The calendar's colours, from the taskrc's `color.calendar.*` and Taskwarrior's defaults.
struct CalendarColours {
    today: Colour,
    due: Colour,
    due_today: Colour,
    overdue: Colour,
    scheduled: Colour,
    weekend: Colour,
    week_number: Colour,
    /// The labels and the rows, painted as other tables are.
    table: TableLook,
    /// `calendar.legend`: a line naming the colours under the months.
    legend: bool,
    /// `calendar.details` is not `none`: the days tasks are due or scheduled are coloured.
    details: bool,
    /// The days are painted too, not only the legend: standard output is a terminal.
    in_table: bool,
}

impl CalendarColours {
    /// The colours the settings give, with Taskwarrior's for those they leave out.
    fn from_settings(settings: &Settings, colours: Colours) -> CalendarColours {
        let set = settings.taskwarrior_colours();
        let colour = |key: &str| {
            let default = CALENDAR_COLOURS
                .iter()
                .find(|(k, _)| *k == key)
                .map_or("", |(_, v)| *v);
            let spec = set.get(key).map_or(default, String::as_str);
            Colour::parse(spec).unwrap_or_default()
        };
        CalendarColours {
            today: colour("color.calendar.today"),
            due: colour("color.calendar.due"),
            due_today: colour("color.calendar.due.today"),
            overdue: colour("color.calendar.overdue"),
            scheduled: colour("color.calendar.scheduled"),
            weekend: colour("color.calendar.weekend"),
            week_number: colour("color.calendar.weeknumber"),
            table: colours.table(settings, false),
            legend: flag(settings, "calendar.legend", true),
            details: settings.get("calendar.details").map(str::trim) != Some("none"),
            in_table: colours.terminal,
        }
    }
}

/// Why a day is coloured: a pending task scheduled or due on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Scheduled,
    Due,
    DueToday,
    Overdue,
}

/// Today and the days pending tasks mark, each day's marks in the tasks' order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marks {
    today: NaiveDate,
    days: BTreeMap<NaiveDate, Vec<Mark>>,
}

/// Whether Taskwarrior's calendar looks at `task`: pending (or waiting), without `+nocal`.
fn on_calendar(task: &Task) -> bool {
    task.status() == Status::Pending && !task.tag_names().any(|t| t == "nocal")
}

/// The marks the pending tasks put on days, in the time zone `tz`: scheduled, and due later,
/// later today, or already past.
fn calendar_marks<Tz: TimeZone>(tasks: &[Task], now: DateTime<Utc>, tz: &Tz) -> Marks {
    let today = now.with_timezone(tz).date_naive();
    let mut days: BTreeMap<NaiveDate, Vec<Mark>> = BTreeMap::new();
    for task in tasks.iter().filter(|t| on_calendar(t)) {
        if let Some(scheduled) = task.scheduled() {
            let day = scheduled.with_timezone(tz).date_naive();
            days.entry(day).or_default().push(Mark::Scheduled);
        }
        if let Some(due) = task.due() {
            let day = due.with_timezone(tz).date_naive();
            let mark = if day < today || (day == today && due < now) {
                Mark::Overdue
            } else if day == today {
                Mark::DueToday
            } else {
                Mark::Due
            };
            days.entry(day).or_default().push(mark);
        }
    }
    Marks { today, days }
}

/// The day of the earliest due date among the pending tasks, for `calendar due`.
fn earliest_due<Tz: TimeZone>(tasks: &[Task], tz: &Tz) -> Option<NaiveDate> {
    tasks
        .iter()
        .filter(|t| on_calendar(t))
        .filter_map(Task::due)
        .min()
        .map(|due| due.with_timezone(tz).date_naive())
}

/// A month counted from year 0: `year * 12 + month - 1`.
fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

/// The year and month (`1`-`12`) of a month counted from year 0.
fn year_month(index: i64) -> (i32, u32) {
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
    (year, index.rem_euclid(12) as u32 + 1)
}

/// The days in a month, or 0 for a month outside the dates chrono knows.
fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let (next_year, next_month) = year_month(month_index(year, month) + 1);
    let next = NaiveDate::from_ymd_opt(next_year, next_month, 1);
    match (first, next) {
        (Some(a), Some(b)) => u32::try_from((b - a).num_days()).unwrap_or(0),
        _ => 0,
    }
}

/// The calendar as `task calendar` prints it: a blank line, then for each line of months
/// their names centred over 26 columns, then (after a blank line when `blank`) a table of
/// weeks, Taskwarrior's table with its label line, dashes and right-trimmed rows; in
/// colour, the legend at the end.
fn render_calendar(span: Span, layout: &CalendarLayout, marks: &Marks) -> String {
    let per_line = layout.per_line.max(1);
    let first = month_index(span.year, span.month);
    let last = first + span.count.max(1) as i64 - 1;
    let mut out = String::from("\n");
    let mut at = first;
    while at <= last {
        for i in 0..per_line {
            let (year, month) = year_month(at + i as i64);
            let name = MONTHS[month as usize - 1];
            let label = name.len() + 5;
            let left = MONTH_WIDTH / 2 - label / 2;
            let right = MONTH_WIDTH.saturating_sub(left + label);
            out.push_str(&" ".repeat(left.max(1)));
            out.push_str(&format!("{name} {year}"));
            out.push_str(&" ".repeat(right.max(1)));
        }
        out.push('\n');
        if layout.blank {
            out.push('\n');
        }
        out.push_str(&month_table(at, layout, marks));
        out.push('\n');
        at += per_line as i64;
    }
    if let Some(paint) = layout.paint.as_ref().filter(|p| p.legend) {
        out.push_str(&legend(paint, layout.blank));
    }
    out
}

/// A table cell: its text and colour.
type Cell = Option<(String, Colour)>;

/// The table of one line of months, from the month `first` (counted from year 0): for each
/// month a week-number column and seven day columns, at most six rows of weeks.
fn month_table(first: i64, layout: &CalendarLayout, marks: &Marks) -> String {
    let per_line = layout.per_line.max(1);
    let columns = per_line * 8;
    let mut rows: Vec<Vec<Cell>> = vec![vec![None; columns]; 6];
    for m in 0..per_line {
        let (year, month) = year_month(first + m as i64);
        let days = days_in_month(year, month);
        let mut row = 0;
        for day in 1..=days {
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                continue;
            };
            let dow = date.weekday().num_days_from_sunday() as usize;
            let paint = layout.paint.as_ref().filter(|p| p.in_table);
            if layout.week_numbers {
                let colour = paint.map_or_else(Colour::default, |p| p.week_number);
                rows[row][8 * m] = Some((date.iso_week().week().to_string(), colour));
            }
            let mut column = dow + usize::from(!layout.monday);
            if column == 0 {
                column = 7;
            }
            let colour = paint.map_or_else(Colour::default, |p| day_colour(p, date, marks));
            rows[row][8 * m + column] = Some((day.to_string(), colour));
            let end_of_week = if layout.monday { 0 } else { 6 };
            if dow == end_of_week && day < days {
                row += 1;
            }
        }
    }
    let week_width = if layout.week_numbers { 4 } else { 0 };
    let width = |c: usize| if c.is_multiple_of(8) { week_width } else { 2 };
    let mut names = DAYS.to_vec();
    if layout.monday {
        names.rotate_left(1);
    }
    let look = layout
        .paint
        .as_ref()
        .map_or_else(TableLook::default, |p| p.table);
    let mut out = String::new();
    let mut line = String::new();
    for c in 0..columns {
        if c > 0 {
            line.push(' ');
        }
        let label = if c % 8 == 0 { "" } else { names[c % 8 - 1] };
        line.push_str(&look.label.paint(&format!("{label:>w$}", w = width(c))));
    }
    push_line(&mut out, &line);
    if !look.underline {
        let dashes: Vec<String> = (0..columns)
            .map(|c| look.label.paint(&"-".repeat(width(c))))
            .collect();
        out.push_str(&dashes.join(" "));
        out.push('\n');
    }
    for (r, row) in rows.iter().enumerate() {
        if row.iter().all(Option::is_none) {
            continue;
        }
        // Taskwarrior counts rows from one: the first, third and fifth are the odd ones.
        let row_colour = if r % 2 == 0 {
            look.alternate
        } else {
            Colour::default()
        };
        line.clear();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str(&row_colour.paint(" "));
            }
            let mut colour = row_colour;
            let text = match cell {
                Some((text, own)) => {
                    colour.blend(own);
                    format!("{text:>w$}", w = width(c))
                }
                None => " ".repeat(width(c)),
            };
            line.push_str(&colour.paint(&text));
        }
        push_line(&mut out, &line);
    }
    out
}

/// The colour of a day's number: weekend, today, then what the tasks on it mark, blended in
/// that order, as Taskwarrior blends them (a due date wins over a scheduled one).
fn day_colour(paint: &CalendarColours, date: NaiveDate, marks: &Marks) -> Colour {
    let mut colour = Colour::default();
    let dow = date.weekday().num_days_from_sunday();
    if dow == 0 || dow == 6 {
        colour.blend(&paint.weekend);
    }
    if date == marks.today {
        colour.blend(&paint.today);
    }
    if paint.details {
        let mut due = false;
        for mark in marks.days.get(&date).into_iter().flatten() {
            match mark {
                Mark::Scheduled if !due => colour.blend(&paint.scheduled),
                Mark::Scheduled => {}
                Mark::Due | Mark::DueToday | Mark::Overdue => {
                    due = true;
                    colour.blend(match mark {
                        Mark::Due => &paint.due,
                        Mark::DueToday => &paint.due_today,
                        _ => &paint.overdue,
                    });
                }
            }
        }
    }
    colour
}

/// The line naming the calendar's colours, each in its colour.
fn legend(paint: &CalendarColours, blank: bool) -> String {
    let mut out = format!(
        "Legend: {}, {}, ",
        paint.today.paint("today"),
        paint.weekend.paint("weekend")
    );
    if paint.details {
        for (colour, name) in [
            (&paint.due, "due"),
            (&paint.due_today, "due-today"),
            (&paint.overdue, "overdue"),
            (&paint.scheduled, "scheduled"),
        ] {
            out.push_str(&colour.paint(name));
            out.push_str(", ");
        }
    }
    out.push_str(&paint.week_number.paint("weeknumber"));
    out.push('.');
    if blank {
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Add `line` to `out` without its trailing spaces, as Taskwarrior's tables end each line.
fn push_line(out: &mut String, line: &str) {
    out.push_str(line.trim_end_matches(' '));
    out.push('\n');
}

// ---------------------------------------------------------------------------------------
// summary and stats

/// A task's status as Taskwarrior counts it, with `waiting` for a pending task whose wait
/// date is still to come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Counted {
    Pending,
    Waiting,
    Completed,
    Deleted,
    Recurring,
}

/// How Taskwarrior counts `task` at `now`.
fn counted(task: &Task, now: DateTime<Utc>) -> Counted {
    match task.status() {
        Status::Pending if task.is_waiting(now) => Counted::Waiting,
        Status::Pending => Counted::Pending,
        Status::Completed => Counted::Completed,
        Status::Deleted => Counted::Deleted,
        Status::Recurring => Counted::Recurring,
        // Taskwarrior reads a status by its first letter.
        Status::Unknown(word) => match word.chars().next() {
            Some('c') => Counted::Completed,
            Some('d') => Counted::Deleted,
            Some('r') => Counted::Recurring,
            _ => Counted::Pending,
        },
    }
}

/// Epoch seconds of a date property, 0 when it is missing (as Taskwarrior reads one).
fn seconds(date: Option<DateTime<Utc>>) -> i64 {
    date.map_or(0, |d| d.timestamp())
}

/// A span of seconds in Taskwarrior's vague form (`36s`, `1min`, `3d`), and nothing for a
/// span under a second.
pub(super) fn vague(secs: i64) -> String {
    if secs >= 1 {
        crate::time::Vague(secs).to_string()
    } else {
        String::new()
    }
}

/// What `summary` adds up for one project, its subprojects' tasks included.
#[derive(Debug, Default)]
struct Tally {
    tasks: usize,
    pending: usize,
    completed: usize,
    /// Seconds: the age of open tasks, and how long completed ones were open.
    age: f64,
}

/// The width of `summary`'s bar, in columns.
const BAR: usize = 30;

/// How `summary` is printed.
#[derive(Debug, Default)]
struct SummaryLook {
    /// Blank lines around the table.
    blank: bool,
    table: TableLook,
    /// In colour, the bar is coloured spaces: `color.summary.bar` for the part done,
    /// `color.summary.background` for the rest. Without, `=` for the part done.
    bar: Option<(Colour, Colour)>,
}

/// `task summary`'s text: a line per project with open tasks (every project with
/// `summary.all.projects`), sorted and indented as Taskwarrior does, then `N projects`; `None`
/// when there is no project to show.
fn summary_text(
    tasks: &[&Task],
    now: DateTime<Utc>,
    all_projects: bool,
    look: &SummaryLook,
) -> Option<String> {
    let shown: BTreeSet<&str> = tasks
        .iter()
        .filter(|t| all_projects || counted(t, now) == Counted::Pending)
        .map(|t| t.project().unwrap_or(""))
        .collect();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let now_secs = now.timestamp();
    for task in tasks {
        let project = task.project().unwrap_or("");
        let status = counted(task, now);
        let entry = seconds(task.entry());
        let end = seconds(task.end());
        for name in parent_projects(project).into_iter().chain([project]) {
            let tally = tallies.entry(name).or_default();
            tally.tasks += 1;
            match status {
                Counted::Pending | Counted::Waiting => {
                    tally.pending += 1;
                    if entry != 0 {
                        tally.age += (now_secs - entry) as f64;
                    }
                }
                Counted::Completed => {
                    tally.completed += 1;
                    if entry != 0 && end != 0 {
                        tally.age += (end - entry) as f64;
                    }
                }
                Counted::Deleted | Counted::Recurring => {}
            }
        }
    }
    let order = project_order(&shown);
    if order.is_empty() {
        return None;
    }
    let empty = Tally::default();
    let rows: Vec<Vec<String>> = order
        .iter()
        .map(|name| {
            let tally = tallies.get(name).unwrap_or(&empty);
            let (done, open) = (tally.completed, tally.pending);
            let name = if name.is_empty() {
                "(none)".to_string()
            } else {
                indent_project(&visible(name))
            };
            let age = if tally.tasks > 0 {
                vague((tally.age / tally.tasks as f64) as i64)
            } else {
                String::new()
            };
            let (bar, percent) = match done + open {
                0 => (0, 0),
                all => (done * BAR / all, 100 * done / all),
            };
            vec![
                name,
                open.to_string(),
                age,
                format!("{percent}%"),
                match look.bar {
                    Some((done, rest)) => format!(
                        "{}{}",
                        done.paint(&" ".repeat(bar)),
                        rest.paint(&" ".repeat(BAR - bar))
                    ),
                    None => format!("{}{}", "=".repeat(bar), " ".repeat(BAR - bar)),
                },
            ]
        })
        .collect();
    let labels = [
        ("Project", false),
        ("Remaining", true),
        ("Avg age", true),
        ("Complete", true),
        ("0%                        100%", false),
    ];
    let mut out = String::new();
    if look.blank {
        out.push('\n');
    }
    out.push_str(&table(&labels, &rows, 1, &look.table));
    if look.blank {
        out.push('\n');
    }
    out.push_str(&format!("{} projects\n", rows.len()));
    Some(out)
}

/// What `stats` reports from the replica rather than the tasks.
#[derive(Debug, Clone, Copy)]
struct Backlog {
    /// Changes `undo` can take back.
    undo: usize,
    /// Operations not yet synced.
    local: usize,
}

/// How `stats` writes dates and whether it puts blank lines around the table.
struct StatsLook<'a> {
    dateformat: &'a str,
    blank: bool,
    table: TableLook,
}

/// `task stats`'s Category/Data table for `tasks`: counts by status, annotations, tags,
/// projects, dependencies, the replica's `backlog`, then (when there are tasks) the share
/// tagged, the oldest and newest entry dates in `tz` and how often tasks were added,
/// completed and deleted, the average time open and the average description length.
fn stats_text<Tz: TimeZone>(
    tasks: &[&Task],
    depmap: &DependencyMap,
    now: DateTime<Utc>,
    tz: &Tz,
    backlog: Backlog,
    look: &StatsLook<'_>,
) -> String {
    let now_secs = now.timestamp();
    let (mut earliest, mut latest) = (now_secs, 1_i64);
    let mut by_status: BTreeMap<Counted, usize> = BTreeMap::new();
    let (mut blocked, mut blocking, mut tagged, mut annotations) = (0, 0, 0, 0);
    let mut description = 0;
    // Taskwarrior adds up days in single precision; doing the same keeps its rounding.
    let mut days_open: f32 = 0.0;
    let mut tags: BTreeSet<&str> = BTreeSet::new();
    let mut projects: BTreeSet<&str> = BTreeSet::new();
    for task in tasks {
        let status = counted(task, now);
        *by_status.entry(status).or_default() += 1;
        blocked += usize::from(depmap.is_blocked(task.uuid()));
        blocking += usize::from(depmap.is_blocking(task.uuid()));
        let entry = seconds(task.entry());
        earliest = earliest.min(entry);
        latest = latest.max(entry);
        let open = match status {
            Counted::Completed => Some(seconds(task.end()) - entry),
            Counted::Pending => Some(now_secs - entry),
            _ => None,
        };
        if let Some(open) = open {
            days_open = (f64::from(days_open) + open as f64 / 86400.0) as f32;
        }
        description += task.description().len();
        annotations += task.annotation_count();
        let mut any = false;
        for tag in task.tag_names() {
            tags.insert(tag);
            any = true;
        }
        tagged += usize::from(any);
        if let Some(project) = task.project().filter(|p| !p.is_empty()) {
            projects.insert(project);
        }
    }
    let count = |status: Counted| by_status.get(&status).copied().unwrap_or(0);
    let (pending, completed, deleted) = (
        count(Counted::Pending),
        count(Counted::Completed),
        count(Counted::Deleted),
    );
    let total = tasks.len();
    let mut rows: Vec<(&str, String)> = vec![
        ("Pending", pending.to_string()),
        ("Waiting", count(Counted::Waiting).to_string()),
        ("Recurring", count(Counted::Recurring).to_string()),
        ("Completed", completed.to_string()),
        ("Deleted", deleted.to_string()),
        ("Total", total.to_string()),
        ("Annotations", annotations.to_string()),
        ("Unique tags", tags.len().to_string()),
        ("Projects", projects.len().to_string()),
        ("Blocked tasks", blocked.to_string()),
        ("Blocking tasks", blocking.to_string()),
        ("Undo transactions", backlog.undo.to_string()),
        ("Sync backlog transactions", backlog.local.to_string()),
    ];
    if total > 0 {
        let share = 100.0 * tagged as f64 / total as f64;
        rows.push(("Tasks tagged", format!("{}%", three_figures(share))));
        let date = |secs: i64| {
            DateTime::from_timestamp(secs, 0).map_or_else(String::new, |t| {
                crate::time::dateformat::format(
                    &t.with_timezone(tz).fixed_offset(),
                    look.dateformat,
                )
            })
        };
        let used = latest - earliest;
        let every = |n: usize| vague(used / n as i64);
        rows.push(("Oldest task", date(earliest)));
        rows.push(("Newest task", date(latest)));
        rows.push(("Task used for", vague(used)));
        rows.push(("Task added every", every(total)));
        if completed > 0 {
            rows.push(("Task completed every", every(completed)));
        }
        if deleted > 0 {
            rows.push(("Task deleted every", every(deleted)));
        }
    }
    if pending + completed > 0 {
        let average = days_open / (pending + completed) as f32 * 86400.0;
        rows.push(("Average time pending", vague(average as i64)));
    }
    if let Some(average) = description.checked_div(total) {
        rows.push(("Average desc length", format!("{average} characters")));
    }
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(name, value)| vec![name.to_string(), value])
        .collect();
    let mut out = String::new();
    if look.blank {
        out.push('\n');
    }
    let labels = [("Category", false), ("Data", false)];
    out.push_str(&table(&labels, &rows, 2, &look.table));
    if look.blank {
        out.push('\n');
    }
    out
}

/// A number with three significant figures, as C++ streams write a `double` by default with
/// `setprecision(3)` (`%g`): `90`, `66.7`, `5.26`, `0.5`, and exponents for the very small.
fn three_figures(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    crate::transfer::json::format_significant(value, 3)
}

/// How a table is painted, as Taskwarrior paints its tables; the default is no colour, the
/// labels over dashes.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TableLook {
    /// The labels' colour.
    label: Colour,
    /// The labels are underlined (by `label`), with no dashes under them.
    underline: bool,
    /// The colour of the first, third, fifth… rows.
    alternate: Colour,
    /// Those rows' colour is also put at each end of them (as `stats` does).
    ends: bool,
    /// Painted at all.
    painted: bool,
}

impl TableLook {
    /// Whether the table is printed in colour.
    pub(super) fn coloured(&self) -> bool {
        self.painted
    }
}

/// A table as Taskwarrior prints one: the labels, dashes under them unless they are
/// underlined, then the rows, columns `gap` spaces apart and as wide as their widest text,
/// each line without its trailing spaces. A label's flag says whether its column is aligned
/// right. Colour codes in a cell take no room.
pub(super) fn table(
    labels: &[(&str, bool)],
    rows: &[Vec<String>],
    gap: usize,
    look: &TableLook,
) -> String {
    let widths: Vec<usize> = labels
        .iter()
        .enumerate()
        .map(|(c, (label, _))| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|t| shown_width(t))
                .chain([shown_width(label)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let between = " ".repeat(gap);
    let pad = |c: usize, text: &str| {
        let room = " ".repeat(widths[c].saturating_sub(shown_width(text)));
        if labels[c].1 {
            format!("{room}{text}")
        } else {
            format!("{text}{room}")
        }
    };
    let mut out = String::new();
    let heads: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(c, (label, _))| look.label.paint(&pad(c, label)))
        .collect();
    push_line(&mut out, &heads.join(&between));
    if !look.underline {
        let dashes: Vec<String> = widths
            .iter()
            .map(|&w| look.label.paint(&"-".repeat(w)))
            .collect();
        out.push_str(&dashes.join(&between));
        out.push('\n');
    }
    for (r, row) in rows.iter().enumerate() {
        // Taskwarrior counts rows from one: the first, third and fifth are the odd ones.
        let colour = if r % 2 == 0 {
            look.alternate
        } else {
            Colour::default()
        };
        let end = if look.ends {
            colour.paint("")
        } else {
            String::new()
        };
        let cells: Vec<String> = (0..labels.len())
            .map(|c| colour.paint(&pad(c, row.get(c).map_or("", String::as_str))))
            .collect();
        let line = format!("{end}{}{end}", cells.join(&colour.paint(&between)));
        push_line(&mut out, &line);
    }
    out
}

/// The columns `text` takes on the screen, its colour codes left out.
fn shown_width(text: &str) -> usize {
    let mut plain = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        plain.push_str(&rest[..at]);
        let code = &rest[at..];
        let skip = code.find('m').map_or(code.len(), |m| m + 1);
        rest = &code[skip..];
    }
    plain.push_str(rest);
    crate::text::width(&plain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::{TaskData, TaskMap};
    use uuid::Uuid;

    /// Taskwarrior 3.1.0's `task calendar 12 2026`, defaultwidth=100, not on a terminal.
    const DECEMBER_2026: &str = "
       December 2026             January 2027              February 2027      

     Su Mo Tu We Th Fr Sa      Su Mo Tu We Th Fr Sa      Su Mo Tu We Th Fr Sa
---- -- -- -- -- -- -- -- ---- -- -- -- -- -- -- -- ---- -- -- -- -- -- -- --
  49        1  2  3  4  5   53                 1  2    5     1  2  3  4  5  6
  50  6  7  8  9 10 11 12    1  3  4  5  6  7  8  9    6  7  8  9 10 11 12 13
  51 13 14 15 16 17 18 19    2 10 11 12 13 14 15 16    7 14 15 16 17 18 19 20
  52 20 21 22 23 24 25 26    3 17 18 19 20 21 22 23    8 21 22 23 24 25 26 27
  53 27 28 29 30 31          4 24 25 26 27 28 29 30    8 28
                             4 31

";

    /// Taskwarrior 3.1.0's `task calendar 2026 1`.
    const JANUARY_2026: &str = "
       January 2026              February 2026              March 2026        

     Su Mo Tu We Th Fr Sa      Su Mo Tu We Th Fr Sa      Su Mo Tu We Th Fr Sa
---- -- -- -- -- -- -- -- ---- -- -- -- -- -- -- -- ---- -- -- -- -- -- -- --
   1              1  2  3    6  1  2  3  4  5  6  7   10  1  2  3  4  5  6  7
   2  4  5  6  7  8  9 10    7  8  9 10 11 12 13 14   11  8  9 10 11 12 13 14
   3 11 12 13 14 15 16 17    8 15 16 17 18 19 20 21   12 15 16 17 18 19 20 21
   4 18 19 20 21 22 23 24    9 22 23 24 25 26 27 28   13 22 23 24 25 26 27 28
   5 25 26 27 28 29 30 31                             14 29 30 31

";

    /// Taskwarrior 3.1.0's `task rc.weekstart=monday calendar 1 2026`.
    const JANUARY_2026_MONDAY: &str = "
       January 2026              February 2026              March 2026        

     Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su
---- -- -- -- -- -- -- -- ---- -- -- -- -- -- -- -- ---- -- -- -- -- -- -- --
   1           1  2  3  4    5                    1    9                    1
   2  5  6  7  8  9 10 11    6  2  3  4  5  6  7  8   10  2  3  4  5  6  7  8
   3 12 13 14 15 16 17 18    7  9 10 11 12 13 14 15   11  9 10 11 12 13 14 15
   4 19 20 21 22 23 24 25    8 16 17 18 19 20 21 22   12 16 17 18 19 20 21 22
   5 26 27 28 29 30 31       9 23 24 25 26 27 28      13 23 24 25 26 27 28 29
                                                      14 30 31

";

    /// Taskwarrior 3.1.0's `task rc.displayweeknumber=0 rc.verbose=nothing
    /// rc.defaultwidth=60 calendar 2026 11`.
    const NOVEMBER_2026_BARE: &str = "
       November 2026             December 2026      
 Su Mo Tu We Th Fr Sa  Su Mo Tu We Th Fr Sa
 -- -- -- -- -- -- --  -- -- -- -- -- -- --
  1  2  3  4  5  6  7         1  2  3  4  5
  8  9 10 11 12 13 14   6  7  8  9 10 11 12
 15 16 17 18 19 20 21  13 14 15 16 17 18 19
 22 23 24 25 26 27 28  20 21 22 23 24 25 26
 29 30                 27 28 29 30 31

";

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn plain(per_line: usize) -> CalendarLayout {
        CalendarLayout {
            per_line,
            monday: false,
            week_numbers: true,
            blank: true,
            paint: None,
        }
    }

    fn no_marks() -> Marks {
        Marks {
            today: day(2026, 12, 1),
            days: BTreeMap::new(),
        }
    }

    fn three_months(year: i32, month: u32) -> Span {
        Span {
            year,
            month,
            count: 3,
        }
    }

    /// A task with these properties (epoch seconds for dates).
    fn task(props: &[(&str, &str)]) -> Task {
        let map: TaskMap = props
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Task::new(TaskData::new(Uuid::new_v4(), map))
    }

    #[test]
    fn calendar_is_taskwarriors_byte_for_byte() {
        let marks = no_marks();
        assert_eq!(
            render_calendar(three_months(2026, 12), &plain(3), &marks),
            DECEMBER_2026
        );
        assert_eq!(
            render_calendar(three_months(2026, 1), &plain(3), &marks),
            JANUARY_2026
        );
        let monday = CalendarLayout {
            monday: true,
            ..plain(3)
        };
        assert_eq!(
            render_calendar(three_months(2026, 1), &monday, &marks),
            JANUARY_2026_MONDAY
        );
        let bare = CalendarLayout {
            week_numbers: false,
            blank: false,
            ..plain(2)
        };
        let span = Span {
            year: 2026,
            month: 11,
            count: 2,
        };
        assert_eq!(render_calendar(span, &bare, &marks), NOVEMBER_2026_BARE);
    }

    #[test]
    fn twelve_months_come_in_lines_of_the_months_that_fit() {
        let span = Span {
            year: 2026,
            month: 12,
            count: 12,
        };
        let text = render_calendar(span, &plain(3), &no_marks());
        // The first line of months is the three-month calendar's.
        assert!(text.starts_with(DECEMBER_2026), "{text}");
        let titles: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(" 202"))
            .map(str::trim)
            .collect();
        assert_eq!(titles.len(), 4, "{text}");
        assert!(titles[3].starts_with("September 2027"), "{titles:?}");
        assert!(titles[3].ends_with("November 2027"), "{titles:?}");
        assert!(text.contains("\n  35           1  2  3  4   39"), "{text}");
    }

    #[test]
    fn arguments_are_read_as_task_calendar_reads_them() {
        let read = |w: &[&str]| calendar_args(&words(w), 2);
        assert_eq!(read(&[]).unwrap(), CalendarArgs::default());
        let december = CalendarArgs {
            month: 12,
            year: 2026,
            ..CalendarArgs::default()
        };
        assert_eq!(read(&["12", "2026"]).unwrap(), december);
        assert_eq!(read(&["2026", "12"]).unwrap(), december);
        assert_eq!(read(&["dec", "2026"]).unwrap(), december);
        assert_eq!(read(&["December", "2026"]).unwrap(), december);
        assert_eq!(read(&["calendar", "12", "2026"]).unwrap(), december);
        let year = read(&["2027"]).unwrap();
        assert_eq!((year.year, year.month, year.whole_year), (2027, 0, false));
        assert!(read(&["y"]).unwrap().whole_year);
        assert!(read(&["due"]).unwrap().due);
        let err = |w: &[&str]| read(w).unwrap_err().to_string();
        assert_eq!(err(&["13", "2026"]), "Argument '13' is not a valid month.");
        assert_eq!(err(&["0"]), "Argument '0' is not a valid month.");
        // `ma` could be March or May.
        assert_eq!(err(&["ma", "2026"]), "Could not recognize argument 'ma'.");
        assert_eq!(err(&["foo"]), "Could not recognize argument 'foo'.");
    }

    #[test]
    fn the_months_shown_follow_the_arguments() {
        let today = day(2026, 12, 1);
        let span = |w: &[&str], earliest, offset| {
            let args = calendar_args(&words(w), 2).unwrap();
            let s = calendar_span(&args, today, earliest, 3, offset);
            (s.year, s.month, s.count)
        };
        assert_eq!(span(&[], None, None), (2026, 12, 3));
        assert_eq!(span(&["y"], None, None), (2026, 12, 12));
        assert_eq!(span(&["2027"], None, None), (2027, 1, 12));
        assert_eq!(span(&["2026", "1"], None, None), (2026, 1, 3));
        assert_eq!(span(&["3", "2027", "y"], None, None), (2027, 3, 12));
        // A month without a year is passed over, as Taskwarrior does.
        assert_eq!(span(&["3"], None, None), (2026, 12, 3));
        let due = Some(day(2025, 6, 30));
        assert_eq!(span(&["due"], due, None), (2025, 6, 3));
        assert_eq!(span(&["due"], None, None), (2026, 12, 3));
        // calendar.offset: the default value, -1, starts a month earlier.
        assert_eq!(span(&["2026", "1"], None, Some(-1)), (2025, 12, 3));
        assert_eq!(span(&[], None, Some(2)), (2027, 2, 3));
    }

    #[test]
    fn week_start_and_width_settings() {
        assert!(!week_starts_monday("sunday").unwrap());
        assert!(week_starts_monday("Monday").unwrap());
        assert!(week_starts_monday("mon").unwrap());
        assert_eq!(
            week_starts_monday("tuesday").unwrap_err().to_string(),
            "The 'weekstart' configuration variable may only contain 'Sunday' or 'Monday'."
        );
        let settings = |pairs: &[(&str, &str)]| Settings {
            values: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Settings::default()
        };
        assert_eq!(months_per_line(&settings(&[]), 80), 3);
        assert_eq!(months_per_line(&settings(&[]), 100), 3);
        assert_eq!(months_per_line(&settings(&[]), 60), 2);
        assert_eq!(months_per_line(&settings(&[]), 10), 1);
        let two = settings(&[("calendar.monthsperline", "2")]);
        assert_eq!(months_per_line(&two, 100), 2);
        assert_eq!(
            months_per_line(&settings(&[("monthsperline", "1")]), 100),
            1
        );
        // A preference only narrows.
        assert_eq!(months_per_line(&two, 30), 1);
        assert_eq!(terminal_width(&settings(&[]), false), 80);
        assert_eq!(
            terminal_width(&settings(&[("defaultwidth", "100")]), false),
            100
        );
    }

    #[test]
    fn on_a_terminal_today_and_due_days_are_coloured() {
        let now = utc("2026-12-10T12:00:00Z");
        let at = |s: &str| utc(s).timestamp().to_string();
        let (last_year, sixteenth, fifteenth, twelfth, seventeenth) = (
            at("2025-12-15T09:00:00Z"),
            at("2026-12-16T00:00:00Z"),
            at("2026-12-15T08:00:00Z"),
            at("2026-12-12T08:00:00Z"),
            at("2026-12-17T08:00:00Z"),
        );
        let tasks = [
            task(&[("status", "pending"), ("due", &last_year)]),
            task(&[("status", "pending"), ("due", &sixteenth)]),
            task(&[("status", "pending"), ("due", &fifteenth)]),
            task(&[("status", "pending"), ("due", &twelfth), ("tag_nocal", "")]),
            task(&[("status", "completed"), ("due", &seventeenth)]),
        ];
        let marks = calendar_marks(&tasks, now, &Utc);
        assert_eq!(marks.today, day(2026, 12, 10));
        assert_eq!(
            marks.days.keys().copied().collect::<Vec<_>>(),
            [day(2025, 12, 15), day(2026, 12, 15), day(2026, 12, 16)]
        );
        assert_eq!(marks.days[&day(2025, 12, 15)], [Mark::Overdue]);
        assert_eq!(marks.days[&day(2026, 12, 16)], [Mark::Due]);
        assert_eq!(earliest_due(&tasks, &Utc), Some(day(2025, 12, 15)));
        let paint = CalendarColours {
            today: Colour::parse("inverse").unwrap(),
            due: Colour::parse("red").unwrap(),
            due_today: Colour::parse("yellow").unwrap(),
            overdue: Colour::parse("magenta").unwrap(),
            scheduled: Colour::parse("blue").unwrap(),
            weekend: Colour::default(),
            week_number: Colour::default(),
            table: TableLook::default(),
            legend: true,
            details: true,
            in_table: true,
        };
        let layout = CalendarLayout {
            paint: Some(paint),
            ..plain(1)
        };
        let span = Span {
            year: 2026,
            month: 12,
            count: 1,
        };
        let text = render_calendar(span, &layout, &marks);
        let red = Colour::parse("red").unwrap();
        let inverse = Colour::parse("inverse").unwrap();
        assert!(text.contains(&red.paint("15")), "{text:?}");
        assert!(text.contains(&red.paint("16")), "{text:?}");
        assert!(text.contains(&inverse.paint("10")), "{text:?}");
        assert!(!text.contains(&red.paint("17")), "{text:?}");
        assert!(text.contains("Legend: "), "{text:?}");
        // Without colour, no escape codes at all.
        let bare = render_calendar(span, &plain(1), &marks);
        assert!(!bare.contains('\u{1b}'), "{bare:?}");
    }

    #[test]
    fn projects_are_ordered_and_indented_as_taskwarrior_does() {
        assert_eq!(parent_projects("A.b.c"), ["A", "A.b"]);
        assert!(parent_projects("A").is_empty());
        assert!(parent_projects("A.").is_empty());
        assert!(parent_projects(".A").is_empty());
        assert_eq!(indent_project("Home.Garden"), "  Garden");
        assert_eq!(indent_project("A.b.c"), "    c");
        assert_eq!(indent_project("A."), "A.");
        let set: BTreeSet<&str> = ["Home", "Home.Garden", "Work", "X.y"].into();
        assert_eq!(
            project_order(&set),
            ["Home", "Home.Garden", "Work", "X", "X.y"]
        );
        // Taskwarrior puts each child directly under its parent, so siblings come out in
        // reverse order.
        let set: BTreeSet<&str> = ["A", "A.b", "A.c"].into();
        assert_eq!(project_order(&set), ["A", "A.c", "A.b"]);
    }

    /// The reference data set's tasks, as Taskwarrior 3.1.0's `summary` and `stats` saw
    /// them: all entered at `ENTRY`, 63 seconds before `NOW`.
    const ENTRY: &str = "1796121008";

    fn reference_tasks() -> Vec<Task> {
        let p = |project: &str, desc: &str, tags: &[&str], extra: &[(&str, &str)]| {
            let mut props = vec![
                ("status", "pending"),
                ("entry", ENTRY),
                ("description", desc),
            ];
            if !project.is_empty() {
                props.push(("project", project));
            }
            let keys: Vec<String> = tags.iter().map(|t| format!("tag_{t}")).collect();
            for key in &keys {
                props.push((key.as_str(), ""));
            }
            props.extend_from_slice(extra);
            task(&props)
        };
        vec![
            p("Home", "Buy milk", &["shopping"], &[]),
            p("Home.Garden", "Fix the fence", &["outdoor", "weekend"], &[]),
            p("Work", "Write quarterly report", &["urgent"], &[]),
            p(
                "Home",
                "Call the plumber",
                &["phone"],
                &[
                    ("annotation_1796121009", "Ask about the boiler"),
                    ("annotation_1796121010", "Get a quote first"),
                ],
            ),
            p("Work", "Prepare slides", &["meeting"], &[]),
            p("", "Renew passport", &["admin"], &[("wait", "1799971200")]),
            p("Home", "Pay rent", &["bills"], &[("status", "recurring")]),
            p("Home", "Pay rent", &["bills"], &[]),
            p(
                "Home",
                "Old chore",
                &["chore"],
                &[("status", "completed"), ("end", ENTRY)],
            ),
            p(
                "Home.Garden",
                "Cancelled outing",
                &[],
                &[("status", "deleted"), ("end", ENTRY)],
            ),
        ]
    }

    fn reference_now() -> DateTime<Utc> {
        DateTime::from_timestamp(1796121008 + 63, 0).unwrap()
    }

    #[test]
    fn summary_is_taskwarriors_table() {
        let tasks = reference_tasks();
        // A later property wins in the map: the template's and the done task's status.
        assert_eq!(tasks[6].status(), Status::Recurring);
        let refs: Vec<&Task> = tasks.iter().collect();
        let spaced = SummaryLook {
            blank: true,
            ..SummaryLook::default()
        };
        let tight = SummaryLook::default();
        let text = summary_text(&refs, reference_now(), false, &spaced).unwrap();
        assert_eq!(
            text,
            "
Project  Remaining Avg age Complete 0%                        100%
-------- --------- ------- -------- ------------------------------
Home             4     36s      20% ======
  Garden         1     31s       0%
Work             2    1min       0%

3 projects
"
        );
        let quiet = summary_text(&refs, reference_now(), false, &tight).unwrap();
        assert!(quiet.starts_with("Project "), "{quiet}");
        assert!(quiet.ends_with("1min       0%\n3 projects\n"), "{quiet}");
        // Every project, and tasks without one, with summary.all.projects.
        let all = summary_text(&refs, reference_now(), true, &tight).unwrap();
        assert!(
            all.contains("\n(none)           1    1min       0%\n"),
            "{all}"
        );
        assert!(all.ends_with("4 projects\n"), "{all}");
        // Nothing open: nothing to show.
        let done: Vec<&Task> = refs[8..].to_vec();
        assert_eq!(summary_text(&done, reference_now(), false, &spaced), None);
    }

    #[test]
    fn stats_is_taskwarriors_table() {
        let tasks = reference_tasks();
        let refs: Vec<&Task> = tasks.iter().collect();
        let backlog = Backlog {
            undo: 15,
            local: 100,
        };
        let look = StatsLook {
            dateformat: "Y-M-D",
            blank: true,
            table: TableLook::default(),
        };
        let text = stats_text(
            &refs,
            &DependencyMap::new(),
            reference_now(),
            &Utc,
            backlog,
            &look,
        );
        assert_eq!(
            text,
            "
Category                   Data
-------------------------  -------------
Pending                    6
Waiting                    1
Recurring                  1
Completed                  1
Deleted                    1
Total                      10
Annotations                2
Unique tags                9
Projects                   3
Blocked tasks              0
Blocking tasks             0
Undo transactions          15
Sync backlog transactions  100
Tasks tagged               90%
Oldest task                2026-12-01
Newest task                2026-12-01
Task used for
Task added every
Task completed every
Task deleted every
Average time pending       54s
Average desc length        12 characters

"
        );
        // No tasks: only the counts, as Taskwarrior prints them.
        let empty = stats_text(
            &[],
            &DependencyMap::new(),
            reference_now(),
            &Utc,
            Backlog { undo: 0, local: 0 },
            &look,
        );
        assert!(
            empty.ends_with("Sync backlog transactions  0\n\n"),
            "{empty}"
        );
        assert!(
            empty.contains("\n-------------------------  ----\n"),
            "{empty}"
        );
    }

    #[test]
    fn stats_counts_dependencies_and_spans() {
        let first = task(&[
            ("status", "pending"),
            ("entry", "1767225600"), // 2026-01-01
            ("description", "a"),
        ]);
        let second = task(&[
            ("status", "pending"),
            ("entry", "1769904000"), // 2026-02-01
            ("description", "abc"),
            ("tag_x", ""),
        ]);
        let third = task(&[
            ("status", "completed"),
            ("entry", "1767225600"),
            ("end", "1767830400"), // a week later
            ("description", "ab"),
        ]);
        let mut depmap = DependencyMap::new();
        depmap.add_dependency(second.uuid(), first.uuid());
        let look = StatsLook {
            dateformat: "D.M.Y",
            blank: false,
            table: TableLook::default(),
        };
        let now = utc("2026-03-01T00:00:00Z");
        let refs = [&first, &second, &third];
        let backlog = Backlog { undo: 1, local: 2 };
        let text = stats_text(&refs, &depmap, now, &Utc, backlog, &look);
        let line = |name: &str| {
            text.lines()
                .find(|l| l.starts_with(name))
                .map(|l| l[name.len()..].trim().to_string())
                .unwrap()
        };
        assert_eq!(line("Blocked tasks"), "1");
        assert_eq!(line("Blocking tasks"), "1");
        assert_eq!(line("Tasks tagged"), "33.3%");
        assert_eq!(line("Oldest task"), "01.01.2026");
        assert_eq!(line("Newest task"), "01.02.2026");
        assert_eq!(line("Task used for"), "4w");
        assert_eq!(line("Task added every"), "10d");
        assert_eq!(line("Task completed every"), "4w");
        // (59 + 28 + 7 days) / 3.
        assert_eq!(line("Average time pending"), "4w");
        assert_eq!(line("Average desc length"), "2 characters");
        assert!(text.starts_with("Category "), "{text}");
    }

    #[test]
    fn tables_on_a_terminal_are_painted_as_taskwarrior_paints_them() {
        let grey = Colour::parse("on gray2").unwrap();
        let underline = Colour::parse("underline").unwrap();
        let look = TableLook {
            label: underline,
            underline: true,
            alternate: grey,
            ends: true,
            painted: true,
        };
        let rows = vec![
            vec!["Pending".to_string(), "2".to_string()],
            vec!["Total".to_string(), "10".to_string()],
        ];
        let text = table(&[("Category", false), ("Data", false)], &rows, 2, &look);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text:?}");
        assert_eq!(
            lines[0],
            format!(
                "{}  {}",
                underline.paint("Category"),
                underline.paint("Data")
            )
        );
        // The first row is an odd one: painted whole, its ends too.
        let end = grey.paint("");
        assert_eq!(
            lines[1],
            format!(
                "{end}{}{}{}{end}",
                grey.paint("Pending "),
                grey.paint("  "),
                grey.paint("2   ")
            )
        );
        assert_eq!(lines[2], "Total     10");
        // Colour codes in a cell take no room.
        let bar = vec![vec![format!("{}x", grey.paint("  "))]];
        let text = table(&[("Bar", false)], &bar, 1, &TableLook::default());
        assert_eq!(text, format!("Bar\n---\n{}x\n", grey.paint("  ")));
    }

    #[test]
    fn shares_are_written_with_three_figures() {
        assert_eq!(three_figures(90.0), "90");
        assert_eq!(three_figures(100.0), "100");
        assert_eq!(three_figures(200.0 / 3.0), "66.7");
        assert_eq!(three_figures(100.0 / 3.0), "33.3");
        assert_eq!(three_figures(100.0 / 19.0), "5.26");
        assert_eq!(three_figures(0.5), "0.5");
        assert_eq!(three_figures(0.001234), "0.00123");
        assert_eq!(three_figures(0.00001), "1e-05");
        assert_eq!(three_figures(0.0), "0");
    }
}
