//! A laid-out table in Taskwarrior's colours, as `task` prints a report when it uses colour:
//! each cell, and each gap between cells, painted on its own in its row's colour; the
//! labels underlined (or over dashes) in `color.label`, or `color.label.sort` for the
//! columns the report sorts by.
//!
//! Pure: the colours come decided; this only puts them around the text `table` laid out.

use super::colour_rules::Colour;
use super::table::Rendered;

/// The colours a table is painted in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableColours {
    /// Each row's colour, by row (see [`row_colour`]).
    pub rows: Vec<Colour>,
    /// `color.label`.
    pub label: Colour,
    /// `color.label.sort`.
    pub sort_label: Colour,
    /// Whether each column, as given to the layout, is one the report sorts by.
    pub sorted: Vec<bool>,
    /// Underline the labels instead of putting dashes under them (`fontunderline`).
    pub underline: bool,
}

/// The painted lines: the header (the labels, and the dashes unless underlined), then the
/// table's lines, one for each of [`Rendered::lines`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Painted {
    pub header: Vec<String>,
    pub lines: Vec<String>,
}

/// The colour of the row at `index` (from 0): `alternate` on odd rows, with the colour
/// rules' colour for its task blended over it, as Taskwarrior works it out.
pub fn row_colour(index: usize, alternate: Colour, rule: Option<Colour>) -> Colour {
    let mut colour = if index % 2 == 1 {
        alternate
    } else {
        Colour::default()
    };
    if let Some(rule) = rule {
        colour.blend(&rule);
    }
    colour
}

/// `table` in `colours`.
pub fn paint(table: &Rendered, colours: &TableColours) -> Painted {
    Painted {
        header: header(table, colours),
        lines: lines(table, colours),
    }
}

/// The label line, and the dashes under it unless the labels are underlined. A column with
/// no label is left blank in `color.label` (neither underlined nor dashed); with no label at
/// all, there is no header.
fn header(table: &Rendered, colours: &TableColours) -> Vec<String> {
    let underline = Colour {
        underline: true,
        ..Colour::default()
    };
    let mut labels = Vec::new();
    let mut dashes = Vec::new();
    let mut any = false;
    for (i, text) in table.labels.iter().enumerate() {
        let width = table.widths.get(i).copied().unwrap_or(0);
        if text.trim_matches(' ').is_empty() {
            labels.push(colours.label.paint(text));
            dashes.push(colours.label.paint(text));
            continue;
        }
        any = true;
        let sorted = table
            .shown
            .get(i)
            .and_then(|&c| colours.sorted.get(c))
            .copied()
            .unwrap_or(false);
        let mut colour = if sorted {
            colours.sort_label
        } else {
            colours.label
        };
        if colours.underline {
            colour.blend(&underline);
        }
        labels.push(colour.paint(text));
        dashes.push(colour.paint(&"-".repeat(width)));
    }
    if !any {
        return Vec::new();
    }
    let mut header = vec![trimmed(labels.join(" "))];
    if !colours.underline {
        header.push(trimmed(dashes.join(" ")));
    }
    header
}

/// Every line of every row with its cells and the gaps between them in the row's colour;
/// blank lines between rows stay blank.
fn lines(table: &Rendered, colours: &TableColours) -> Vec<String> {
    let mut out = table.lines.clone();
    for (r, range) in table.rows.iter().enumerate() {
        let colour = colours.rows.get(r).copied().unwrap_or_default();
        let gap = colour.paint(" ");
        for l in range.clone() {
            let (Some(line), Some(cells)) = (out.get_mut(l), table.cells.get(l)) else {
                continue;
            };
            let painted: Vec<String> = cells.iter().map(|c| colour.paint(c)).collect();
            *line = trimmed(painted.join(&gap));
        }
    }
    out
}

/// Spaces at the end go, as they do without colour; a painted end keeps its spaces.
fn trimmed(line: String) -> String {
    let end = line.trim_end_matches(' ').len();
    let mut line = line;
    line.truncate(end);
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::table::{Layout, TableColumn, TableRows, Wrap, render};

    fn colour(spec: &str) -> Colour {
        Colour::parse(spec).unwrap()
    }

    fn table() -> Rendered {
        let columns = [
            TableColumn {
                label: "ID".into(),
                right_aligned: true,
                wrap: Wrap::Never,
            },
            TableColumn {
                label: "Project".into(),
                right_aligned: false,
                wrap: Wrap::Never,
            },
            TableColumn {
                label: "Description".into(),
                right_aligned: false,
                wrap: Wrap::Hyphenated,
            },
        ];
        let rows = TableRows {
            cells: vec![
                vec!["1".into(), "".into(), "one".into()],
                vec!["2".into(), "".into(), "two words".into()],
                vec!["3".into(), "".into(), "three".into()],
            ],
            breaks: vec![false, false, true],
            measures: Vec::new(),
        };
        render(
            &columns,
            &rows,
            Layout {
                width: 0,
                empty_columns: false,
                dashes: false,
                max_lines: 0,
            },
        )
    }

    /// As Taskwarrior 3.1.0 printed `list` with `_forcecolor=on`: every cell and gap on its
    /// own, the alternate colour on the second row under the rule's.
    #[test]
    fn rows_paint_each_cell_and_gap() {
        let alternate = colour("on gray2");
        let colours = TableColours {
            rows: vec![
                row_colour(0, alternate, Some(colour("color9"))),
                row_colour(1, alternate, None),
                row_colour(2, alternate, None),
            ],
            label: Colour::default(),
            sort_label: colour("red"),
            sorted: vec![false, true, true],
            underline: true,
        };
        let painted = paint(&table(), &colours);
        assert_eq!(
            painted.header,
            ["\x1b[4mID\x1b[0m \x1b[4;31mDescription\x1b[0m"]
        );
        assert_eq!(
            painted.lines,
            [
                "\x1b[38;5;9m 1\x1b[0m\x1b[38;5;9m \x1b[0m\x1b[38;5;9mone        \x1b[0m",
                "\x1b[48;5;234m 2\x1b[0m\x1b[48;5;234m \x1b[0m\x1b[48;5;234mtwo words  \x1b[0m",
                "",
                " 3 three",
            ]
        );
    }

    #[test]
    fn without_underline_the_dashes_are_painted_too() {
        let colours = TableColours {
            label: colour("blue"),
            sorted: vec![false; 3],
            ..TableColours::default()
        };
        let painted = paint(&table(), &colours);
        assert_eq!(
            painted.header,
            [
                "\x1b[34mID\x1b[0m \x1b[34mDescription\x1b[0m",
                "\x1b[34m--\x1b[0m \x1b[34m-----------\x1b[0m"
            ]
        );
        assert_eq!(painted.lines[0], " 1 one", "no colour: as without");
    }

    #[test]
    fn a_column_without_a_label_is_blank_in_the_label_colour() {
        let mut t = table();
        t.labels[0] = "  ".into();
        let colours = TableColours {
            label: colour("red"),
            underline: true,
            ..TableColours::default()
        };
        assert_eq!(
            paint(&t, &colours).header,
            ["\x1b[31m  \x1b[0m \x1b[4;31mDescription\x1b[0m"]
        );
        t.labels[1] = String::new();
        assert!(paint(&t, &colours).header.is_empty());
    }

    #[test]
    fn odd_rows_take_the_alternate_under_the_rule() {
        let alternate = colour("on gray2");
        assert_eq!(row_colour(0, alternate, None), Colour::default());
        assert_eq!(row_colour(1, alternate, None), alternate);
        assert_eq!(
            row_colour(3, alternate, Some(colour("white on color8"))).ansi(),
            "\x1b[38;5;7m\x1b[48;5;8m"
        );
        assert_eq!(
            row_colour(1, alternate, Some(colour("color255"))).ansi(),
            "\x1b[38;5;255m\x1b[48;5;234m"
        );
    }
}
