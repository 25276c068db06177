//! `tcui [FILTER] history.daily|weekly|monthly|annual`, `ghistory.*` and
//! `burndown.daily|weekly|monthly`: Taskwarrior's charts of progress, printed as `task`
//! prints them, with the figures counted from the operation log (see
//! [`crate::app::chronicle`]). They keep to the context, as `task` does.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use super::overview::{Colours, MONTHS, Picked, TableLook, colours, number, table, terminal_width};
use super::report::Verbose;
use crate::app::charts::{
    BURNDOWN_COLOURS, HISTORY_COLOURS, HistoryRow, Pace, Period, burndown, chart_colours, history,
    pace,
};
use crate::app::chronicle::{Life, Recorder};
use crate::app::colour_rules::Colour;
use crate::app::plot::{Ink, LEFT, bars_for, burndown_grid};
use crate::config::Settings;

/// The chart a command name asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Chart {
    History(Period),
    Graphical(Period),
    Burndown(Period),
}

impl Chart {
    /// The chart `command` names. Weeks start on Sunday whatever `weekstart` says, as
    /// Taskwarrior's charts start them.
    pub(super) fn named(command: &str) -> Option<Chart> {
        let (kind, unit) = command.split_once('.')?;
        let period = match unit {
            "daily" => Period::Day,
            "weekly" => Period::Week(false),
            "monthly" => Period::Month,
            "annual" if kind != "burndown" => Period::Year,
            _ => return None,
        };
        match kind {
            "history" => Some(Chart::History(period)),
            "ghistory" => Some(Chart::Graphical(period)),
            "burndown" => Some(Chart::Burndown(period)),
            _ => None,
        }
    }
}

/// Print `chart` for the tasks `filter` picks.
pub(super) fn run(cli: &super::args::Cli, chart: Chart, filter: &[String]) -> Result<()> {
    let picked = Picked::read(cli, filter)?;
    let settings = &picked.selection.config.settings;
    let recorder = Recorder::read(&picked.replica)?;
    let tasks: Vec<&crate::task::Task> = picked.found.iter().map(|m| &m.task).collect();
    let lives: Vec<Life> = recorder.lives(&tasks);
    let (now, tz) = {
        let s = picked.selection.settings();
        (s.now, s.offset)
    };
    let verbose = Verbose::of(settings.get("verbose"));
    let colours = colours(settings);
    let width = terminal_width(settings, colours.terminal);
    let text = match chart {
        Chart::History(period) => {
            let rows = history(&lives, period, &tz);
            history_table(
                &rows,
                period,
                &colours.table(settings, false),
                verbose.blank,
            )
        }
        Chart::Graphical(period) => {
            let rows = history(&lives, period, &tz);
            graphical(&rows, period, width, settings, colours, verbose.blank)
        }
        Chart::Burndown(period) => {
            let height = terminal_height(settings, colours.terminal)
                .saturating_sub(number(settings, "reserved.lines", 1) + 1);
            let fit = bars_for(width, 1).max(1);
            let bars = burndown(&lives, period, fit, now, &tz);
            let words = pace_words(pace(&lives, now), now, &tz, settings);
            Some(
                match burndown_grid(&bars, period, width, height, [&words[0], &words[1]]) {
                    Some(grid) if colours.wanted => painted(&grid.rows, settings),
                    Some(grid) => grid.plain(),
                    None => "Terminal window too small to draw a graph.\n".to_string(),
                },
            )
        }
    };
    picked.footnote(&verbose);
    match text {
        Some(text) => {
            print!("{text}");
            Ok(())
        }
        None => {
            println!("No tasks.");
            Err(super::Shortfall.into())
        }
    }
}

/// The terminal's height, or `defaultheight` when standard output is not one.
fn terminal_height(settings: &Settings, terminal: bool) -> usize {
    terminal
        .then(crossterm::terminal::size)
        .and_then(Result::ok)
        .map_or_else(
            || number(settings, "defaultheight", 24),
            |(_, h)| usize::from(h),
        )
}

/// The date columns of a history row, as Taskwarrior fills them: the year when it changes,
/// the month when it or the year changes (every row, by month), the day.
fn date_cells(period: Period, start: NaiveDate, before: Option<NaiveDate>) -> Vec<String> {
    let year_changed = before.is_none_or(|b| b.year() != start.year());
    let month_changed = year_changed || before.is_some_and(|b| b.month() != start.month());
    let year = if year_changed {
        start.year().to_string()
    } else {
        String::new()
    };
    let month = MONTHS[start.month0() as usize].to_string();
    match period {
        Period::Year => vec![year],
        Period::Month => vec![year, month],
        Period::Day | Period::Week(_) => vec![
            year,
            if month_changed { month } else { String::new() },
            start.day().to_string(),
        ],
    }
}

/// The date columns' labels, and whether each is aligned right.
fn date_labels(period: Period) -> Vec<(&'static str, bool)> {
    match period {
        Period::Year => vec![("Year", false)],
        Period::Month => vec![("Year", false), ("Month", false)],
        Period::Day | Period::Week(_) => vec![("Year", false), ("Month", false), ("Day", true)],
    }
}

/// `history.*`: a row per period with something in it, then the average; `None` when there
/// is nothing to show.
fn history_table(
    rows: &[HistoryRow],
    period: Period,
    look: &TableLook,
    blank: bool,
) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let mut labels = date_labels(period);
    let dates = labels.len();
    labels.extend([
        ("Added", true),
        ("Completed", true),
        ("Deleted", true),
        ("Net", true),
    ]);
    let paint = |colour: &str, text: String| match look.coloured() {
        true => Colour::parse(colour).unwrap_or_default().paint(&text),
        false => text,
    };
    let mut cells: Vec<Vec<String>> = Vec::new();
    let mut before = None;
    for row in rows {
        let mut line = date_cells(period, row.start, before);
        before = Some(row.start);
        let net = row.net();
        line.extend([
            row.added.to_string(),
            row.completed.to_string(),
            row.deleted.to_string(),
            match net {
                0 => net.to_string(),
                n if n > 0 => paint("red", n.to_string()),
                n => paint("green", n.to_string()),
            },
        ]);
        cells.push(line);
    }
    let n = rows.len() as i64;
    let sum = |f: fn(&HistoryRow) -> i64| rows.iter().map(f).sum::<i64>() / n;
    cells.push(Vec::new());
    let mut average = vec![String::new(); dates - 1];
    average.push("Average".to_string());
    average.extend([
        sum(|r| r.added as i64).to_string(),
        sum(|r| r.completed as i64).to_string(),
        sum(|r| r.deleted as i64).to_string(),
        sum(HistoryRow::net).to_string(),
    ]);
    cells.push(average.into_iter().map(|c| paint("bold", c)).collect());
    let mut out = String::new();
    if blank {
        out.push('\n');
    }
    out.push_str(&table(&labels, &cells, 1, look));
    out.push('\n');
    Some(out)
}

/// `ghistory.*`: a bar per period: added to the left of a common line, completed and
/// deleted to its right, each as long as its share of the widest.
fn graphical(
    rows: &[HistoryRow],
    period: Period,
    width: usize,
    settings: &Settings,
    colours: Colours,
    blank: bool,
) -> Option<String> {
    let most_added = rows.iter().map(|r| r.added).max()?;
    let most_removed = rows.iter().map(|r| r.completed + r.deleted).max()?;
    let most = most_added + most_removed;
    if most == 0 {
        return None;
    }
    let label_width = match period {
        Period::Year => 5,
        Period::Month => 15,
        Period::Day | Period::Week(_) => 19,
    };
    let room = width.saturating_sub(label_width);
    let scale = |n: usize| room * n / most;
    let offset = scale(most_added);
    let paints = colours
        .wanted
        .then(|| chart_colours(&settings.taskwarrior_colours(), HISTORY_COLOURS));
    let mut labels = date_labels(period);
    labels.push(("Number Added/Completed/Deleted", false));
    let mut cells = Vec::new();
    let mut before = None;
    for row in rows {
        let mut line = date_cells(period, row.start, before);
        before = Some(row.start);
        let parts = [row.added, row.completed, row.deleted];
        let marks = ['+', 'X', '-'];
        let pieces: Vec<String> = parts
            .iter()
            .zip(marks)
            .map(|(&n, mark)| match &paints {
                // In colour, the count written at the right end of its bar.
                Some(_) if n > 0 => format!("{n:>w$}", w = scale(n)),
                Some(_) => String::new(),
                None => mark.to_string().repeat(scale(n)),
            })
            .collect();
        let mut bar = " ".repeat(offset.saturating_sub(pieces[0].len()));
        for (i, piece) in pieces.iter().enumerate() {
            bar.push_str(&match &paints {
                Some(p) if !piece.is_empty() => p[i].paint(piece),
                _ => piece.clone(),
            });
        }
        line.push(bar);
        cells.push(line);
    }
    let mut out = String::new();
    if blank {
        out.push('\n');
    }
    out.push_str(&table(&labels, &cells, 1, &colours.table(settings, false)));
    out.push('\n');
    match &paints {
        Some([add, done, delete]) => {
            out.push_str(&format!(
                "Legend: {}, {}, {}\n",
                add.paint("Added"),
                done.paint("Completed"),
                delete.paint("Deleted")
            ));
            if blank {
                out.push('\n');
            }
        }
        None => out.push_str("Legend: + Added, X Completed, - Deleted\n"),
    }
    Some(out)
}

/// The burndown's two lines on the pace, as Taskwarrior words them.
fn pace_words(
    pace: Pace,
    now: chrono::DateTime<chrono::Utc>,
    tz: &chrono::FixedOffset,
    settings: &Settings,
) -> [String; 2] {
    let format = ["dateformat.report", "dateformat"]
        .iter()
        .find_map(|k| settings.get(k).map(str::trim).filter(|f| !f.is_empty()))
        .unwrap_or("Y-M-D");
    match pace {
        Pace::Idle => ["Net Fix Rate:         -".to_string(), String::new()],
        Pace::NotConverging => [
            "Net Fix Rate:         -".to_string(),
            "Estimated completion: No convergence".to_string(),
        ],
        Pace::Falling { per_day, done_by } => {
            let left = (done_by - now).num_seconds();
            [
                format!("Net Fix Rate:         {per_day:.1}/d"),
                format!(
                    "Estimated completion: {} ({})",
                    crate::time::dateformat::format(&done_by.with_timezone(tz), format),
                    crate::time::Vague(left)
                ),
            ]
        }
    }
}

/// The grid in colour: bars and the legend's samples as coloured blanks, in Taskwarrior's
/// `color.burndown.*`.
fn painted(rows: &[Vec<(char, Ink)>], settings: &Settings) -> String {
    let [pending, started, done] = chart_colours(&settings.taskwarrior_colours(), BURNDOWN_COLOURS);
    let mut out = String::new();
    for row in rows {
        let end = row
            .iter()
            .rposition(|&(c, ink)| c != ' ' || ink != Ink::Text)
            .map_or(0, |i| i + 1);
        let mut i = 0;
        while i < end {
            let (c, ink) = row[i];
            if ink == Ink::Text {
                out.push(c);
                i += 1;
                continue;
            }
            let paint = match ink {
                Ink::Pending => &pending,
                Ink::Started => &started,
                _ => &done,
            };
            // A bar is two cells; paint both as one run.
            let run = if c == LEFT { 2 } else { 1 };
            out.push_str(&paint.paint(&" ".repeat(run)));
            i += run;
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn row(s: &str, added: usize, completed: usize, deleted: usize) -> HistoryRow {
        HistoryRow {
            start: d(s),
            added,
            completed,
            deleted,
        }
    }

    /// Taskwarrior 3.1.0's `task history.monthly` with verbose=nothing, over six tasks made
    /// with `entry:`/`end:` dates (see the README's comparison): the same figures, the same
    /// text.
    #[test]
    fn history_monthly_prints_as_taskwarrior_does() {
        let rows = [
            row("2026-09-01", 3, 0, 0),
            row("2026-10-01", 2, 1, 0),
            row("2026-11-01", 1, 1, 0),
            row("2026-12-01", 0, 0, 1),
        ];
        let text = history_table(&rows, Period::Month, &TableLook::default(), false).unwrap();
        let expected = [
            "Year Month     Added Completed Deleted Net",
            "---- --------- ----- --------- ------- ---",
            "2026 September     3         0       0   3",
            "     October       2         1       0   1",
            "     November      1         1       0   0",
            "     December      0         0       1  -1",
            "",
            "     Average       1         0       0   0",
            "",
        ]
        .map(|l| format!("{l}\n"))
        .concat();
        assert_eq!(text, expected, "\n{text}");
    }

    #[test]
    fn history_by_day_and_year_prints_as_taskwarrior_does() {
        let rows = [
            row("2026-09-03", 1, 0, 0),
            row("2026-09-10", 1, 0, 0),
            row("2026-10-02", 0, 1, 0),
            row("2027-01-05", 1, 0, 0),
        ];
        let text = history_table(&rows, Period::Day, &TableLook::default(), false).unwrap();
        let expected = [
            "Year Month         Day Added Completed Deleted Net",
            "---- --------- ------- ----- --------- ------- ---",
            "2026 September       3     1         0       0   1",
            "                    10     1         0       0   1",
            "     October         2     0         1       0  -1",
            "2027 January         5     1         0       0   1",
            "",
            "               Average     0         0       0   0",
            "",
        ]
        .map(|l| format!("{l}\n"))
        .concat();
        assert_eq!(text, expected, "\n{text}");
        let annual = history_table(
            &[row("2026-01-01", 6, 2, 1)],
            Period::Year,
            &TableLook::default(),
            false,
        )
        .unwrap();
        let expected = [
            "Year    Added Completed Deleted Net",
            "------- ----- --------- ------- ---",
            "2026        6         2       1   3",
            "",
            "Average     6         2       1   3",
            "",
        ]
        .map(|l| format!("{l}\n"))
        .concat();
        assert_eq!(annual, expected, "\n{annual}");
        assert!(history_table(&[], Period::Day, &TableLook::default(), false).is_none());
    }

    /// Taskwarrior 3.1.0's `task ghistory.monthly rc.defaultwidth=80` over the same tasks.
    #[test]
    fn graphical_history_prints_as_taskwarrior_does() {
        let rows = [
            row("2026-09-01", 3, 0, 0),
            row("2026-10-01", 2, 1, 0),
            row("2026-11-01", 1, 1, 0),
            row("2026-12-01", 0, 0, 1),
        ];
        let plain = Colours {
            wanted: false,
            terminal: false,
        };
        let text = graphical(&rows, Period::Month, 80, &Settings::default(), plain, false).unwrap();
        let bar = |spaces: usize, plus: usize, x: usize, minus: usize| {
            format!(
                "{}{}{}{}",
                " ".repeat(spaces),
                "+".repeat(plus),
                "X".repeat(x),
                "-".repeat(minus)
            )
        };
        let expected = [
            "Year Month     Number Added/Completed/Deleted".to_string(),
            format!("---- --------- {}", "-".repeat(64)),
            format!("2026 September {}", bar(0, 48, 0, 0)),
            format!("     October   {}", bar(16, 32, 16, 0)),
            format!("     November  {}", bar(32, 16, 16, 0)),
            format!("     December  {}", bar(48, 0, 0, 16)),
            String::new(),
            "Legend: + Added, X Completed, - Deleted".to_string(),
        ]
        .map(|l| format!("{l}\n"))
        .concat();
        assert_eq!(text, expected, "\n{text}");
    }

    #[test]
    fn chart_names_are_taskwarriors() {
        assert_eq!(
            Chart::named("burndown.weekly"),
            Some(Chart::Burndown(Period::Week(false)))
        );
        assert_eq!(
            Chart::named("ghistory.annual"),
            Some(Chart::Graphical(Period::Year))
        );
        assert_eq!(Chart::named("burndown.annual"), None);
        assert_eq!(Chart::named("history"), None);
    }
}
