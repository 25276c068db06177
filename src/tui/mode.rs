//! What the keys go to: the list, or the overlay open over it (see `super::modes`).

pub use super::modes::agenda::AgendaView;
pub use super::modes::calendar::CalendarView;
pub use super::modes::changes::Changes;
pub use super::modes::charts::ChartsView;
pub use super::modes::confirm::Confirm;
pub use super::modes::depend::PickDependency;
pub use super::modes::form::Form;
pub use super::modes::help::Help;
pub use super::modes::picker::{PickKind, Picker};
pub use super::modes::prompt::{Prompt, PromptKind};
pub use super::modes::sync_form::SyncForm;
pub use super::modes::tree::TreeView;

/// The current mode.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    #[default]
    List,
    Prompt(Prompt),
    Confirm(Confirm),
    Pick(Picker),
    PickDependency(PickDependency),
    Form(Box<Form>),
    Help(Help),
    Changes(Changes),
    Agenda(AgendaView),
    Calendar(CalendarView),
    Tree(Box<TreeView>),
    SyncForm(Box<SyncForm>),
    Charts(Box<ChartsView>),
}
