//! What one report column shows for one task, as Taskwarrior 3.1.0 shows it: every column
//! and style of its reports (`id`, `due.relative`, `description.count`, `tags.indicator`,
//! UDAs), with its alignment and default header.
//!
//! - `spec`: a column as a report names it (`due.relative`), its alignment and header;
//! - `settings`: the UDAs, indicators and date formats the columns read from the settings;
//! - `render`: the text of one cell.

mod render;
mod settings;
mod spec;

pub use render::{CellContext, RowContext, cell};
pub use settings::{
    Indicators, UdaDef, UdaDefs, UdaType, annotation_dateformat, annotation_indent,
    report_dateformat,
};
pub use spec::{ColumnKind, ColumnSpec, default_label, right_aligned};

#[cfg(test)]
mod tests;
