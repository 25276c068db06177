//! The overlays, one file each holding its state, its keys and its drawing: the prompt, the
//! delete question, the pickers, the dependency pick, the edit form, the date picker (held
//! by the form and the prompt), the help, the changes from elsewhere and the sync settings.
//! A key handler sees the app through [`ctx::Ctx`] and answers with the overlay's next
//! state and a [`ctx::Request`] for the app.

pub mod agenda;
pub mod calendar;
pub mod changes;
pub mod charts;
pub mod confirm;
pub mod ctx;
pub mod date_picker;
pub mod depend;
pub mod form;
pub mod help;
pub mod picker;
pub mod prompt;
pub mod sync_form;
pub mod tree;
