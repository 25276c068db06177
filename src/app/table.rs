//! A report laid out as Taskwarrior lays one out on the command line: one column per report
//! column, as wide as its widest cell or label; columns no row has a value for left out;
//! when the width is short, the columns that wrap (descriptions, projects, tag lists) are
//! broken between words, or inside a word with a hyphen; when even their longest words do
//! not fit, the two widest columns are cut down; one space between columns, trailing spaces trimmed, and a blank line before a row
//! whose break value differs from the row above it. The cells are kept as laid out, each
//! filled to its column's width, for `table_colour` to paint.

use crate::text::width;

/// One column's heading and how its cells sit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableColumn {
    pub label: String,
    pub right_aligned: bool,
    pub wrap: Wrap,
}

/// Whether a column's text may be broken over several lines to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrap {
    /// Never: a text wider than the column runs past it (IDs, dates, numbers).
    Never,
    /// Between words; a word wider than the column is cut without a mark (tag lists).
    Words,
    /// Between words; a word wider than the column is cut with a hyphen (descriptions,
    /// projects, text UDAs, with `hyphenate` on).
    Hyphenated,
}

/// The rows to lay out: each row's cells (a `\n` starts another line within a cell), and
/// whether a blank line goes before it.
#[derive(Debug, Clone, Default)]
pub struct TableRows {
    pub cells: Vec<Vec<String>>,
    pub breaks: Vec<bool>,
    /// Each cell's least and best width, where the caller knows better than the text (a
    /// column may reserve room its text does not take); empty: measured from the text.
    pub measures: Vec<Vec<(usize, usize)>>,
}

/// How the table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The width to fit in (0: no limit).
    pub width: usize,
    /// Keep columns no row has a value for (`print.empty.columns`).
    pub empty_columns: bool,
    /// Dashes under the labels (without colour); with colour, the caller underlines them.
    pub dashes: bool,
    /// Stop after this many lines of rows (0: no limit).
    pub max_lines: usize,
}

/// The table's lines, and for each row, the range of lines it took (for colouring).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The label line (and the dashes, if asked for).
    pub header: Vec<String>,
    pub lines: Vec<String>,
    pub rows: Vec<std::ops::Range<usize>>,
    /// Whether the line limit cut the table short.
    pub truncated: bool,
    /// The least width the table needs, when even cutting its two widest columns down
    /// does not fit it in the width asked for (it is then wider than that width).
    pub too_narrow: Option<usize>,
    /// The columns shown, as indices into the columns given.
    pub shown: Vec<usize>,
    /// The shown columns' widths.
    pub widths: Vec<usize>,
    /// The shown columns' labels, each filled to its column's width.
    pub labels: Vec<String>,
    /// Each line's cells, each filled to its column's width; none for a blank line.
    pub cells: Vec<Vec<String>>,
}

/// Lay out `rows` under `columns`. Columns whose layout fails are shown anyway: a table that
/// does not fit the width is wider than the width, never an error.
pub fn render(columns: &[TableColumn], rows: &TableRows, layout: Layout) -> Rendered {
    let n = columns.len();
    let mut minimal = vec![0usize; n];
    let mut ideal = vec![0usize; n];
    for (r, row) in rows.cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().take(n) {
            if let Some(&(least, best)) = rows.measures.get(r).and_then(|m| m.get(c)) {
                minimal[c] = minimal[c].max(least);
                ideal[c] = ideal[c].max(best);
                continue;
            }
            for line in cell.split('\n') {
                let w = width(line);
                ideal[c] = ideal[c].max(w);
                let least = if columns[c].wrap != Wrap::Never {
                    line.split_whitespace().map(width).max().unwrap_or(0)
                } else {
                    w
                };
                minimal[c] = minimal[c].max(least);
            }
        }
    }
    let shown: Vec<usize> = (0..n)
        .filter(|&c| layout.empty_columns || minimal[c] > 0)
        .collect();
    for &c in &shown {
        let label = width(&columns[c].label);
        minimal[c] = minimal[c].max(label);
        ideal[c] = ideal[c].max(label);
    }
    let min: Vec<usize> = shown.iter().map(|&c| minimal[c]).collect();
    let best: Vec<usize> = shown.iter().map(|&c| ideal[c]).collect();
    let (widths, too_narrow) = widths(&min, &best, layout.width, shown.len().saturating_sub(1));

    let mut out = Rendered {
        too_narrow,
        labels: shown
            .iter()
            .zip(&widths)
            .map(|(&c, &w)| place(&columns[c].label, w, false))
            .collect(),
        ..Rendered::default()
    };
    out.header.push(trimmed(&out.labels.join(" ")));
    if layout.dashes {
        let dashes: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        out.header.push(dashes.join(" "));
    }
    out.shown = shown.clone();
    out.widths = widths.clone();
    for (r, row) in rows.cells.iter().enumerate() {
        if r > 0 && rows.breaks.get(r).copied().unwrap_or(false) {
            out.lines.push(String::new());
            out.cells.push(Vec::new());
        }
        let start = out.lines.len();
        let blocks: Vec<Vec<String>> = shown
            .iter()
            .zip(&widths)
            .map(|(&c, &w)| {
                let text = row.get(c).map_or("", String::as_str);
                match columns[c].wrap {
                    Wrap::Never => text.split('\n').map(str::to_owned).collect(),
                    Wrap::Words => wrap_text(text, w, false),
                    Wrap::Hyphenated => wrap_text(text, w, true),
                }
            })
            .collect();
        let height = blocks.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for i in 0..height {
            let parts: Vec<String> = shown
                .iter()
                .zip(&widths)
                .zip(&blocks)
                .map(|((&c, &w), block)| {
                    place(
                        block.get(i).map_or("", String::as_str),
                        w,
                        columns[c].right_aligned,
                    )
                })
                .collect();
            out.lines.push(trimmed(&parts.join(" ")));
            out.cells.push(parts);
            if layout.max_lines > 0 && out.lines.len() >= layout.max_lines {
                out.rows.push(start..out.lines.len());
                out.truncated = r + 1 < rows.cells.len() || i + 1 < height;
                return out;
            }
        }
        out.rows.push(start..out.lines.len());
    }
    out
}

/// Each column's width: the widest cell when all fit; else the room left over from the
/// least each needs, shared one cell at a time; else the widest column cut down, or the two
/// widest, as Taskwarrior's `ViewTask` does. When even that fails, the least widths (the
/// widest levelled with the second) and the least width the table needs.
fn widths(
    minimal: &[usize],
    ideal: &[usize],
    width: usize,
    gaps: usize,
) -> (Vec<usize>, Option<usize>) {
    let sum_min: usize = minimal.iter().sum::<usize>() + gaps;
    let sum_ideal: usize = ideal.iter().sum::<usize>() + gaps;
    if width == 0 || sum_ideal <= width {
        return (ideal.to_vec(), None);
    }
    let mut widths = minimal.to_vec();
    if sum_min <= width {
        let mut overage = width - sum_min;
        let mut needed = true;
        while overage > 0 && needed {
            needed = false;
            for (w, best) in widths.iter_mut().zip(ideal) {
                if overage > 0 && *w < *best {
                    *w += 1;
                    overage -= 1;
                    needed = true;
                }
            }
        }
        return (widths, None);
    }
    // The widest column and the one after it; ties keep the earlier one, as a scan from
    // the left that moves the widest down to second place finds them.
    let (mut longest, mut second) = (0, 0);
    for (j, m) in minimal.iter().enumerate() {
        if *m > minimal[longest] {
            second = longest;
            longest = j;
        } else if *m > minimal[second] {
            second = j;
        }
    }
    let short = sum_min - width;
    let (Some(&widest), Some(&next)) = (minimal.get(longest), minimal.get(second)) else {
        return (widths, Some(sum_min));
    };
    if widest >= next + short {
        // The widest stays the widest: it gives up all.
        widths[longest] = widest - short;
        return (widths, None);
    }
    // Level the widest with the second, then both give up half of what is still short
    // (rounded up), if that leaves each at least two cells between them.
    widths[longest] = next;
    let short = short - (widest - next);
    if short + 4 <= 2 * next {
        // When the widest is also the first column, no other counts as second: the one
        // column gives up both halves.
        let half = short.div_ceil(2);
        // Taskwarrior would leave it less than nothing: it does not fit.
        if longest == second && next < 2 * half + 2 {
            return (widths, Some(sum_min));
        }
        for c in [longest, second] {
            widths[c] = widths[c].saturating_sub(half);
        }
        return (widths, None);
    }
    (widths, Some(sum_min))
}

/// `text` in `width` cells, to the right or the left; a text wider than that is kept whole.
fn place(text: &str, width: usize, right: bool) -> String {
    let gap = width.saturating_sub(self::width(text));
    if right {
        format!("{:gap$}{text}", "")
    } else {
        format!("{text}{:gap$}", "")
    }
}

fn trimmed(line: &str) -> String {
    line.trim_end_matches(' ').to_string()
}

/// `text` in lines of at most `width` cells, as Taskwarrior wraps a column's text: a
/// `\n` ends a line; a line too long is broken at its last space, or, in a word longer than
/// the line, inside the word (with a hyphen if `hyphenate`, taking the word's last cell
/// that fits for it). A character wider than the whole line is shown as `.`.
pub fn wrap_text(text: &str, width: usize, hyphenate: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut offset = 0;
    while offset < text.len() {
        let (line, next) = next_line(text, width, hyphenate, offset);
        lines.push(line);
        // Every way of ending a line moves on; should one not, take a character whole.
        offset = if next > offset {
            next
        } else {
            offset + text[offset..].chars().next().map_or(1, char::len_utf8)
        };
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The line of `text` starting at byte `offset`, and where the next one starts. Positions
/// are bytes of `text`, so a space counts as a place to break only after the line's start
/// (as in Taskwarrior, where a space at the very start of the text is not one).
fn next_line(text: &str, width: usize, hyphenate: bool, offset: usize) -> (String, usize) {
    use unicode_segmentation::UnicodeSegmentation;
    let is_space = |at: usize| text.as_bytes().get(at) == Some(&b' ');
    let mut last = offset;
    let mut last_space = 0;
    let mut used = 0;
    let mut clusters = text[offset..].grapheme_indices(true);
    loop {
        let before_last = last;
        let Some((at, cluster)) = clusters.next() else {
            return (text[offset..].to_string(), text.len());
        };
        last = offset + at;
        let next = last + cluster.len();
        if cluster.starts_with('\n') || cluster.starts_with("\r\n") {
            return (text[offset..last].to_string(), next);
        }
        if cluster == " " {
            last_space = last;
        }
        let w = crate::text::cluster_width(cluster);
        if used + w > width {
            let (prev_space, this_space) = (is_space(before_last), is_space(last));
            if !prev_space && this_space {
                return (text[offset..last].to_string(), last + 1);
            }
            if prev_space && !this_space && last_space != 0 {
                return (text[offset..last - 1].to_string(), last);
            }
            if !prev_space && !this_space {
                if last_space != 0 {
                    return (text[offset..last_space].to_string(), last_space + 1);
                }
                if w > width && last == offset {
                    return (".".to_string(), next);
                }
                if !hyphenate {
                    return (text[offset..last].to_string(), last);
                }
                if used < width {
                    return (format!("{}-", &text[offset..last]), last);
                }
                if before_last > offset {
                    return (format!("{}-", &text[offset..before_last]), before_last);
                }
                return (text[offset..last].to_string(), last);
            }
        }
        used += w;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(label: &str, right: bool, wraps: bool) -> TableColumn {
        TableColumn {
            label: label.into(),
            right_aligned: right,
            wrap: if wraps { Wrap::Hyphenated } else { Wrap::Never },
        }
    }

    fn rows(cells: &[&[&str]]) -> TableRows {
        TableRows {
            cells: cells
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            breaks: vec![false; cells.len()],
            measures: Vec::new(),
        }
    }

    const FREE: Layout = Layout {
        width: 0,
        empty_columns: false,
        dashes: true,
        max_lines: 0,
    };

    #[test]
    fn columns_are_as_wide_as_their_widest_cell_and_empty_ones_go() {
        // `task list` on two tasks, as Taskwarrior 3.1.0 printed it.
        let columns = [
            col("ID", true, false),
            col("Age", true, false),
            col("P", false, false),
            col("Project", false, false),
            col("Description", false, true),
            col("Urg", true, false),
        ];
        let r = render(
            &columns,
            &rows(&[
                &["1", "5s", "", "work", "hello", "1.8"],
                &["12", "2min", "", "", "x", "0"],
            ]),
            FREE,
        );
        assert_eq!(
            r.header,
            [
                "ID Age  Project Description Urg",
                "-- ---- ------- ----------- ---"
            ]
        );
        assert_eq!(
            r.lines,
            [
                " 1   5s work    hello       1.8",
                "12 2min         x             0"
            ]
        );
        assert_eq!(r.rows, [0..1, 1..2]);
    }

    #[test]
    fn a_short_width_wraps_the_description_between_words() {
        let columns = [col("ID", true, false), col("Description", false, true)];
        let r = render(
            &columns,
            &rows(&[&["1", "water the tomatoes before noon\n  2026-11-30 ask Ann"]]),
            Layout { width: 20, ..FREE },
        );
        assert_eq!(
            r.lines,
            [
                " 1 water the",
                "   tomatoes before",
                "   noon",
                "     2026-11-30 ask",
                "   Ann"
            ]
        );
    }

    #[test]
    fn breaks_and_line_limits() {
        let columns = [
            col("Project", false, false),
            col("Description", false, true),
        ];
        let mut data = rows(&[&["a", "one"], &["a", "two"], &["b", "three"]]);
        data.breaks = vec![false, false, true];
        let r = render(&columns, &data, FREE);
        assert_eq!(r.lines, ["a       one", "a       two", "", "b       three"]);
        let r = render(
            &columns,
            &data,
            Layout {
                max_lines: 2,
                ..FREE
            },
        );
        assert_eq!(r.lines.len(), 2);
        assert!(r.truncated);
    }

    #[test]
    fn long_words_are_broken_inside() {
        assert_eq!(
            wrap_text("abcdefgh ij", 3, false),
            ["abc", "def", "gh", "ij"]
        );
        assert_eq!(
            wrap_text("abcdefgh ij", 3, true),
            ["ab-", "cd-", "ef-", "gh", "ij"]
        );
        assert_eq!(wrap_text("", 5, true), [""]);
        // As Taskwarrior 3.1.0 wrapped an annotation in an 18-cell description column.
        assert_eq!(
            wrap_text(
                "Water the tomatoes\n  2026-11-26 use the rain barrel",
                18,
                true
            ),
            ["Water the tomatoes", "  2026-11-26 use", "the rain barrel"]
        );
        // In a 10-cell column: the indent's first space is where the first line breaks.
        assert_eq!(
            wrap_text(
                "Water the tomatoes\n  2026-11-26 use the rain barrel",
                10,
                true
            ),
            [
                "Water the",
                "tomatoes",
                " ",
                "2026-11-26",
                "use the",
                "rain",
                "barrel"
            ]
        );
        assert_eq!(
            wrap_text("A rather long description that will", 10, true),
            ["A rather", "long", "descripti-", "on that", "will"]
        );
        assert_eq!(wrap_text("home.garden", 10, true), ["home.gard-", "en"]);
        // A character wider than the column.
        assert_eq!(wrap_text("日x", 1, true), [".", "x"]);
    }

    #[test]
    fn too_narrow_cuts_the_widest_columns_as_taskwarrior_does() {
        // Room to spare: each column gets at least its least.
        assert_eq!(
            widths(&[2, 10, 4], &[2, 20, 4], 20, 2),
            (vec![2, 12, 4], None)
        );
        // The widest stays the widest: it gives up all that is short.
        assert_eq!(
            widths(&[2, 10, 4], &[2, 20, 4], 15, 2),
            (vec![2, 7, 4], None)
        );
        // Levelled with the second, then both give up half, rounded up.
        assert_eq!(
            widths(&[2, 10, 9], &[2, 20, 9], 17, 2),
            (vec![2, 6, 6], None)
        );
        // Down to two cells each.
        assert_eq!(
            widths(&[2, 10, 9], &[2, 20, 9], 8, 2),
            (vec![2, 2, 2], None)
        );
        // Not even two cells each: the least widths, levelled, and what was needed.
        assert_eq!(
            widths(&[2, 10, 9], &[2, 20, 9], 5, 2),
            (vec![2, 9, 9], Some(23))
        );
        // The first column the widest: it is both, and gives up twice.
        assert_eq!(widths(&[10, 3], &[20, 3], 10, 1), (vec![6, 3], None));
        // … and does not fit when that would leave it under two cells.
        assert_eq!(
            widths(&[8, 2, 7], &[8, 2, 7], 7, 2),
            (vec![8, 2, 7], Some(19))
        );
    }
}
