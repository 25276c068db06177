//! The burndown laid out as a grid of characters, the way Taskwarrior's `burndown` draws
//! it: the title, a y axis with three labels, one two-column bar per period (pending at the
//! bottom, then started, then done), the periods' labels under the x axis, a legend, and the
//! pace. The command line prints the grid; the interface draws the same grid in colour.
//!
//! Pure: the figures, the size and the words for the pace are passed in.

use chrono::Datelike;

use super::charts::{Bar, Period};

/// What a cell of the grid shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Text,
    Pending,
    Started,
    Done,
}

/// The burndown as rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<Vec<(char, Ink)>>,
}

impl Grid {
    fn blank(width: usize, height: usize) -> Grid {
        Grid {
            rows: vec![vec![(' ', Ink::Text); width]; height],
        }
    }

    /// Write `text` at `row`, `col`; words run past the right edge rather than be cut, as
    /// Taskwarrior's do (a screen cuts them anyway).
    fn put(&mut self, row: usize, col: usize, text: &str, ink: Ink) {
        let Some(line) = self.rows.get_mut(row) else {
            return;
        };
        for (i, c) in text.chars().enumerate() {
            match line.get_mut(col + i) {
                Some(cell) => *cell = (c, ink),
                None if ink == Ink::Text => {
                    line.resize(col + i, (' ', Ink::Text));
                    line.push((c, ink));
                }
                None => {}
            }
        }
    }

    /// The grid as plain text, each line without its trailing spaces: bars as Taskwarrior
    /// prints them without colour (` X` pending, ` +` started, ` .` done).
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for row in &self.rows {
            let line: String = row
                .iter()
                .map(|&(c, ink)| match (ink, c) {
                    (Ink::Text, c) => c,
                    (_, LEFT) => ' ',
                    (Ink::Pending, _) => 'X',
                    (Ink::Started, _) => '+',
                    (Ink::Done, _) => '.',
                })
                .collect();
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// A bar (and a legend's sample) is two cells: this one, then [`RIGHT`].
pub const LEFT: char = '[';
pub const RIGHT: char = ']';

const BAR: &str = "[]";

/// How many bars fit in `width` columns, leaving room for a y label of `label` digits.
pub fn bars_for(width: usize, label: usize) -> usize {
    width.saturating_sub(label + 14) / 3
}

/// The top of the y axis for a largest bar of `n`, rounded up as Taskwarrior rounds it.
fn axis_top(n: usize) -> usize {
    let up = |n: usize, to: usize| n + to - n % to;
    match n {
        0..20 => up(n, 2),
        20..50 => up(n, 10),
        50..100 => up(n, 20),
        _ => {
            let (mut half, mut full) = (500usize, 1000usize);
            loop {
                if n < half {
                    return up(n, half / 10);
                }
                if n < full {
                    return up(n, full / 10);
                }
                match (half.checked_mul(10), full.checked_mul(10)) {
                    (Some(h), Some(f)) => (half, full) = (h, f),
                    _ => return n,
                }
            }
        }
    }
}

/// The labels under a bar: the minor one (day, week or month number) and the major one
/// (month or year), as Taskwarrior writes them.
fn labels(period: Period, bar: &Bar) -> (String, String) {
    let d = bar.start;
    match period {
        Period::Day => (format!("{:02}", d.day()), d.format("%b").to_string()),
        Period::Week(_) => (format!("{:02}", d.iso_week().week()), d.year().to_string()),
        Period::Month | Period::Year => (format!("{:02}", d.month()), d.year().to_string()),
    }
}

/// The burndown of `bars` (oldest first; the newest that fit are drawn) in `width` by
/// `height` cells, with the pace's two lines under it; `None` when the room is too small
/// for a readable chart.
pub fn burndown_grid(
    bars: &[Bar],
    period: Period,
    width: usize,
    height: usize,
    pace: [&str; 2],
) -> Option<Grid> {
    let graph_height = height.checked_sub(7).filter(|h| *h >= 5)?;
    let most = |bars: &[Bar]| bars.iter().map(Bar::total).max().unwrap_or(0);
    // Room for the widest label any bar could need, then the axis of the bars that fit.
    let fit = bars_for(width, axis_top(most(bars)).to_string().len());
    if fit < 1 {
        return None;
    }
    let shown = &bars[bars.len().saturating_sub(fit)..];
    let top = axis_top(most(shown));
    let label = top.to_string().len();
    let mut grid = Grid::blank(width, height);
    let title = format!("{} Burndown", period.adjective());
    grid.put(0, width.saturating_sub(title.len()) / 2, &title, Ink::Text);
    // The legend, at the right, halfway up.
    let legend = width.saturating_sub(10);
    let middle = graph_height / 2;
    grid.put(middle.saturating_sub(1), legend, BAR, Ink::Done);
    grid.put(middle.saturating_sub(1), legend + 2, " Done", Ink::Text);
    grid.put(middle, legend, BAR, Ink::Started);
    grid.put(middle, legend + 2, " Started", Ink::Text);
    grid.put(middle + 1, legend, BAR, Ink::Pending);
    grid.put(middle + 1, legend + 2, " Pending", Ink::Text);
    // The y axis and its labels.
    for row in 1..=graph_height {
        grid.put(row, label + 1, "|", Ink::Text);
    }
    grid.put(1, 0, &format!("{top:>label$}"), Ink::Text);
    grid.put(1 + middle, 0, &format!("{:>label$}", top / 2), Ink::Text);
    grid.put(graph_height + 1, label.saturating_sub(1), "0", Ink::Text);
    // The x axis.
    let axis = height - 6;
    grid.put(axis, label + 1, "+", Ink::Text);
    let graph_width = width.saturating_sub(label + 14);
    grid.put(axis, label + 2, &"-".repeat(graph_width), Ink::Text);
    let mut major_before = String::new();
    for (i, bar) in shown.iter().enumerate() {
        let col = label + 3 + i * 3;
        let (minor, major) = labels(period, bar);
        grid.put(height - 5, col, &minor, Ink::Text);
        if major != major_before {
            grid.put(height - 4, col, &major, Ink::Text);
            major_before = major;
        }
        let scale = |n: usize| n * graph_height / top.max(1);
        let pending = scale(bar.pending);
        let started = scale(bar.pending + bar.started);
        let done = scale(bar.total());
        for b in 0..done {
            let ink = if b < pending {
                Ink::Pending
            } else if b < started {
                Ink::Started
            } else {
                Ink::Done
            };
            grid.put(graph_height - b, col, BAR, ink);
        }
    }
    grid.put(height - 2, label + 3, pace[0], Ink::Text);
    grid.put(height - 1, label + 3, pace[1], Ink::Text);
    Some(grid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_axis_is_rounded_up_as_taskwarrior_rounds_it() {
        let cases = [
            (0, 2),
            (5, 6),
            (6, 8),
            (19, 20),
            (23, 30),
            (60, 80),
            (120, 150),
        ];
        for (n, top) in cases {
            assert_eq!(axis_top(n), top, "{n}");
        }
        assert_eq!(axis_top(720), 800);
        assert_eq!(axis_top(4321), 4500);
    }

    #[test]
    fn bars_are_stacked_pending_started_done() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let bars = [
            Bar {
                start: day(29),
                pending: 2,
                started: 0,
                done: 0,
            },
            Bar {
                start: day(30),
                pending: 1,
                started: 1,
                done: 2,
            },
        ];
        let grid = burndown_grid(&bars, Period::Day, 40, 13, ["Net", "Done by"]).unwrap();
        let text = grid.plain();
        let expected = [
            "             Daily Burndown",
            "6 |",
            "  |                            . Done",
            "  |     .                      + Started",
            "3 |     .                      X Pending",
            "  |  X  +",
            "  |  X  X",
            "0 +-------------------------",
            "    29 30",
            "    Nov",
            "",
            "    Net",
            "    Done by",
        ]
        .map(|l| format!("{l}\n"))
        .concat();
        assert_eq!(text, expected, "\n{text}");
        assert!(burndown_grid(&bars, Period::Day, 40, 11, ["", ""]).is_none());
    }
}
