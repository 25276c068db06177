//! A report laid out as Taskwarrior lays one out on the command line: one column per report
//! column, as wide as its widest cell or label; columns no row has a value for left out;
//! when the width is short, the columns that wrap (descriptions) give way first, broken between
//! words; one space between columns, trailing spaces trimmed, and a blank line before a row
//! whose break value differs from the row above it. The cells are kept as laid out, each
//! filled to its column's width, for `table_colour` to paint.

use crate::text::width;

/// One column's heading and how its cells sit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableColumn {
    pub label: String,
    pub right_aligned: bool,
    /// Its text may be broken over several lines to fit (descriptions, annotations).
    pub wraps: bool,
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
                let least = if columns[c].wraps {
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
    let widths = widths(&min, &best, layout.width, shown.len().saturating_sub(1));

    let mut out = Rendered {
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
                text.split('\n')
                    .flat_map(|line| {
                        if columns[c].wraps {
                            wrap_words(line, w)
                        } else {
                            vec![line.to_string()]
                        }
                    })
                    .collect()
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
/// least each needs, shared one cell at a time; else the widest columns cut down.
fn widths(minimal: &[usize], ideal: &[usize], width: usize, gaps: usize) -> Vec<usize> {
    let sum_min: usize = minimal.iter().sum::<usize>() + gaps;
    let sum_ideal: usize = ideal.iter().sum::<usize>() + gaps;
    if width == 0 || sum_ideal <= width {
        return ideal.to_vec();
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
        return widths;
    }
    // Too narrow even for the least: the two widest columns give up the difference (never
    // below two cells); what still does not fit runs past the width.
    let mut short = sum_min - width;
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by(|a, b| widths[*b].cmp(&widths[*a]));
    for &c in order.iter().take(2) {
        let give = widths[c]
            .saturating_sub(2)
            .min(short.div_ceil(2).max(1))
            .min(short);
        widths[c] -= give;
        short -= give;
    }
    widths
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

/// `text` broken between words into lines of at most `width` cells; a word wider than a
/// line is broken inside. Spaces the text starts with (an annotation's indent) stay in
/// front of its first line.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let width = width.max(1);
    let mut lines = Vec::new();
    let body = text.trim_start_matches(' ');
    let indent = (text.len() - body.len()).min(width.saturating_sub(1));
    let mut line = " ".repeat(indent);
    let mut used = indent;
    let mut first = true;
    for word in body.split(' ').filter(|w| !w.is_empty()) {
        // The indent alone is not a word: the first word goes after it on the same line.
        let joined = if first { 0 } else { 1 };
        first = false;
        let w = self::width(word);
        if used > 0 && used + joined + w <= width {
            if joined > 0 {
                line.push(' ');
            }
            line.push_str(word);
            used += joined + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w <= width {
            line.push_str(word);
            used = w;
            continue;
        }
        for cluster in word.graphemes(true) {
            let cw = crate::text::cluster_width(cluster);
            if used + cw > width && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push_str(cluster);
            used += cw;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(label: &str, right: bool, wraps: bool) -> TableColumn {
        TableColumn {
            label: label.into(),
            right_aligned: right,
            wraps,
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
        assert_eq!(wrap_words("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrap_words("", 5), [""]);
        // As Taskwarrior wrapped an annotation in an 18-cell description column.
        assert_eq!(
            wrap_words("  2026-11-26 use the rain barrel", 18),
            ["  2026-11-26 use", "the rain barrel"]
        );
    }
}
