//! Taskwarrior's JSON, as `task export` writes it and `task import` reads it, to and from
//! tcui's task maps.
//!
//! Pure: no I/O and no clock (the time is passed in); UDA types come from the caller.
//! Reading turns `YYYYMMDDTHHMMSSZ` dates into epoch seconds, `tags`/`depends`/`annotations`
//! arrays into `tag_`/`dep_`/`annotation_` keys (with the legacy `tags` and `depends` lists
//! that [`TaskEdit`](crate::task::TaskEdit) keeps), and anything else into its string form.
//! Writing does the reverse, in the field order Taskwarrior uses.
//!
//! - `values`: dates, numbers and tag names as the JSON holds them;
//! - `read`: reading `task export` JSON into task maps, all or nothing;
//! - `scan`: where each record starts, for errors that name a line;
//! - `write`: writing tasks in `task export`'s field order.

mod read;
mod scan;
mod values;
mod write;

pub use read::{ImportError, Imported, fill_defaults, parse_export};
pub use values::{UdaTypes, format_export_date, parse_export_date};
pub use write::{
    export_document, export_task, format_significant, format_urgency, write_document, write_task,
};

#[cfg(test)]
mod tests;
