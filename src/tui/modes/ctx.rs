//! What an open overlay sees of the app (read only, to answer a key or to draw itself), and
//! what its keys ask of the app beyond the overlay's own state.

use uuid::Uuid;

use crate::app::query::Query;
use crate::app::{Core, Effect};
use crate::tui::draw::theme::Theme;
use crate::tui::keymap::{Action, KeyMap};

/// The app as an overlay sees it.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub core: &'a Core,
    pub keymap: &'a KeyMap,
    pub theme: &'a Theme,
    /// Columns and lines of the terminal.
    pub size: (u16, u16),
    /// How many tasks are marked.
    pub marked: usize,
}

/// What a key in an overlay asks the app to do.
#[derive(Debug, Clone)]
pub enum Request {
    Nothing,
    Say(String),
    Fail(String),
    /// Filter the list by `query`, typed as `text`, from its first row.
    Filter(String, Option<Query>),
    /// Put back a filter that was in force (the cursor stays on its task).
    Refilter(String, Option<Query>),
    /// Show the next view filtered by this text.
    FilterNext(String),
    /// A new task from Taskwarrior's add syntax.
    Add(String),
    /// Taskwarrior's modify syntax on these tasks.
    Modify(Vec<Uuid>, String),
    Annotate(Vec<Uuid>, String),
    Delete(Vec<Uuid>),
    /// These tasks depend on the one under the cursor from now on.
    Depend(Vec<Uuid>),
    /// Put each `(field, text, text before)` of the task back as one step.
    SetFields(Uuid, Vec<(String, String, String)>),
    /// Remove the annotation of the task made at this time (seconds since the epoch).
    Denotate(Uuid, i64),
    /// Set again the value the user had, lost to the change from elsewhere at this index.
    Restore(usize),
    /// Put this context in force (`none`: no context).
    Context(String),
    /// Show this report.
    Report(String),
    /// Put the cursor on this task.
    GoTo(Uuid),
    /// Move the date this agenda entry shows by this many days, as one step.
    Shift(crate::app::agenda::Entry, i64),
    /// The user has seen the changes from elsewhere.
    ForgetElsewhere,
    /// Carry out a list action (moving the cursor while an overlay waits for a pick).
    List(Action),
    Effects(Vec<Effect>),
}
