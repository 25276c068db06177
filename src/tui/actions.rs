//! What each list action does: movement, marks, views and pickers, and the task changes,
//! which go to the core's edits (`crate::app::edits`) for the marked tasks or the one under
//! the cursor.

use uuid::Uuid;

use super::app::App;
use super::keymap::Action;
use super::mode::{
    Changes, Confirm, Form, Help, Mode, PickDependency, PickKind, Picker, Prompt, PromptKind,
};
use super::modes::ctx::Request;
use crate::app::edits;
use crate::app::setup::SetupRequest;
use crate::app::{Command, Core, Effect};
use crate::task::Transition;

/// Carry out a list action.
pub fn run(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page().max(1) as isize;
    match action {
        Action::Down => app.move_cursor(1),
        Action::Up => app.move_cursor(-1),
        Action::PageDown => app.move_cursor(page),
        Action::PageUp => app.move_cursor(-page),
        Action::Top => app.move_cursor(isize::MIN / 2),
        Action::Bottom => app.move_cursor(isize::MAX / 2),
        Action::ToggleDetail => app.show_detail = !app.show_detail,
        Action::Add => app.mode = Mode::Prompt(Prompt::new(PromptKind::Add, "")),
        Action::Modify => with_targets(app, |app, t| {
            app.mode = Mode::Prompt(Prompt::new(PromptKind::Modify(t), ""));
        }),
        Action::Annotate => with_targets(app, |app, t| {
            app.mode = Mode::Prompt(Prompt::new(PromptKind::Annotate(t), ""));
        }),
        Action::EditForm => {
            if let Some(uuid) = app.current_uuid() {
                app.mode = Mode::Form(Box::new(Form::new(&app.core, uuid)));
            }
        }
        Action::EditInEditor => {
            if let Some(task) = app.current() {
                let text = crate::app::editor::to_text(&app.core, task);
                return vec![Effect::Editor {
                    uuid: task.uuid(),
                    text,
                }];
            }
        }
        Action::Done => {
            return report(app, |core, t| edits::done(core, &t));
        }
        Action::Delete => with_targets(app, |app, t| {
            if let Some(why) = edits::refusal(&app.core, &t, Transition::Delete) {
                app.fail(why);
                return;
            }
            app.mode = Mode::Confirm(deleting(&app.core, t));
        }),
        Action::StartStop => return report(app, edits::start_stop),
        Action::Denotate => match app.current().map(Picker::annotations) {
            Some(Ok(picker)) => app.mode = Mode::Pick(picker),
            Some(Err(why)) => app.fail(why),
            None => {}
        },
        Action::Duplicate => return report(app, edits::duplicate),
        Action::PickDependency => with_targets(app, |app, t| {
            app.say("move to the task these depend on and press enter (esc: cancel)");
            app.mode = Mode::PickDependency(PickDependency { dependents: t });
        }),
        Action::Mark => {
            if let Some(uuid) = app.current_uuid() {
                let marked = !app.marks.remove(&uuid);
                if marked {
                    app.marks.insert(uuid);
                }
                let what = app.core.describe(uuid);
                let now = marks_note(app);
                app.say(if marked {
                    format!("marked {what} ({now})")
                } else {
                    format!("unmarked {what} ({now})")
                });
                app.move_cursor(1);
            }
        }
        Action::MarkAll => {
            let uuids: Vec<Uuid> = app.core.list().rows().iter().map(|r| r.uuid).collect();
            app.marks.extend(uuids);
            let now = marks_note(app);
            app.say(now);
        }
        Action::ClearMarks => app.marks.clear(),
        Action::Undo => {
            return vec![Effect::Replica(Command::Undo {
                now: app.core.now(),
            })];
        }
        Action::Redo => return vec![Effect::Replica(Command::Redo)],
        Action::Filter => app.mode = Mode::Prompt(Prompt::live(PromptKind::Filter, &app.core)),
        Action::Fuzzy => app.mode = Mode::Prompt(Prompt::live(PromptKind::Fuzzy, &app.core)),
        Action::ClearFilter => {
            if app.core.list().query().is_some() {
                app.set_query(String::new(), None);
            } else {
                app.marks.clear();
            }
        }
        Action::ViewNext => app.set_view("next"),
        Action::ViewAll => app.set_view("all"),
        Action::ViewCompleted => app.set_view("completed"),
        Action::ViewWaiting => app.set_view("waiting"),
        Action::ViewBlocked => app.set_view("blocked"),
        Action::ViewRecurring => app.set_view("templates"),
        Action::ViewProjects => app.mode = Mode::Pick(Picker::counts(&app.core, PickKind::Project)),
        Action::ViewTags => app.mode = Mode::Pick(Picker::counts(&app.core, PickKind::Tag)),
        Action::PickReport => app.mode = Mode::Pick(Picker::reports(&app.core)),
        Action::PickContext => match Picker::contexts(&app.core) {
            Ok(picker) => app.mode = Mode::Pick(picker),
            Err(e) => app.fail(e),
        },
        Action::SyncNow => return app.with_core(crate::app::sync_state::sync_now),
        Action::ChangedElsewhere => {
            if app.core.elsewhere().is_empty() {
                app.say("nothing changed elsewhere since you last looked");
            } else {
                app.mode = Mode::Changes(Changes::default());
            }
        }
        Action::Agenda => app.mode = Mode::Agenda(Default::default()),
        Action::Tree => app.mode = Mode::Tree(Default::default()),
        Action::Calendar => app.mode = Mode::Calendar(Default::default()),
        Action::Charts => {
            app.mode = Mode::Charts(Default::default());
            return vec![Effect::Replica(Command::Chronicle)];
        }
        Action::SyncSettings => {
            // First the settings are read; the screen opens with them.
            app.say("reading the sync settings…");
            return vec![Effect::Setup(SetupRequest::Load)];
        }
        Action::Help => app.mode = Mode::Help(Help::default()),
        Action::Quit => return app.quit(),
    }
    Vec::new()
}

fn with_targets(app: &mut App, f: impl FnOnce(&mut App, Vec<Uuid>)) {
    let targets = app.targets();
    if targets.is_empty() {
        app.fail("no task here");
    } else {
        f(app, targets);
    }
}

/// Run a change of the core on the targets; an error goes to the status bar.
fn report(
    app: &mut App,
    f: impl FnOnce(&mut Core, Vec<Uuid>) -> Result<Vec<Effect>, String>,
) -> Vec<Effect> {
    let targets = app.targets();
    if targets.is_empty() {
        app.fail("no task here");
        return Vec::new();
    }
    app.edit(|core| f(core, targets))
}

/// How many tasks are marked, and what that means.
pub(crate) fn marks_note(app: &App) -> String {
    match app.marks.len() {
        0 => "none marked".into(),
        n => {
            let clear = app.keymap.hint(Action::ClearMarks);
            let clear = if clear.is_empty() {
                String::new()
            } else {
                format!("; {clear} clears them")
            };
            format!("{n} marked: changes apply to the marked tasks{clear}")
        }
    }
}

/// The question before `targets` are deleted: yes or no; when one is of a recurring series,
/// also whether to delete the rest of it, as `recurrence.confirmation` says (asked: a third
/// answer; always: with it; never: without).
fn deleting(core: &Core, targets: Vec<Uuid>) -> Confirm {
    use crate::app::series::{Spread, with_kin};
    let what = match targets.as_slice() {
        [one] => core.describe(*one),
        many => format!("{} tasks", many.len()),
    };
    let refused = format!("delete {what}? no: nothing was deleted");
    let all = with_kin(core, &targets, true);
    let others = all.len() - targets.len();
    let spread = Spread::of(core);
    if others == 0 || spread == Spread::Never {
        return Confirm {
            question: format!("delete {what}? (y/n)"),
            choices: vec![('y', Request::Delete(targets))],
            refused,
        };
    }
    if spread == Spread::Always {
        return Confirm {
            question: format!(
                "delete {what} and the rest of its recurring series ({others} more)? (y/n)"
            ),
            choices: vec![('y', Request::Delete(all))],
            refused,
        };
    }
    Confirm {
        question: format!(
            "delete {what}? y: yes  a: with the rest of its recurring series ({others} more)  \
             n: no"
        ),
        choices: vec![('y', Request::Delete(targets)), ('a', Request::Delete(all))],
        refused,
    }
}
