//! How the terminal interface takes in events: keys go to the list's actions or to the open
//! overlay, whose request is carried out here; the mouse moves the cursor; news for the core
//! goes to it; the sync settings' answers go to their screen.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

use super::app::{App, Event};
use super::keymap::Action;
use super::mode::{Changes, Mode, PickDependency, PromptKind, SyncForm};
use super::modes::ctx::Request;
use crate::app::session::Driven;
use crate::app::setup::SetupEvent;
use crate::app::sync_task::{SyncEvent, SyncRequest};
use crate::app::{Command, Core, Effect, ReplicaEvent, edits};

impl App {
    /// Handle one event.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        let core = |app: &mut App, event| app.with_core(|core| core.update(event));
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Event::Key(_) => Vec::new(),
            Event::Mouse(mouse) => {
                self.mouse(mouse);
                Vec::new()
            }
            Event::Resize(w, h) => {
                self.resize((w, h));
                Vec::new()
            }
            Event::Replica(event) => {
                let history = matches!(event, ReplicaEvent::History { .. });
                if let (ReplicaEvent::Chronicle(Ok(recorded)), Mode::Charts(view)) =
                    (&event, &mut self.mode)
                {
                    view.read(recorded, &self.core);
                }
                // A change to the task whose history is shown makes that history old.
                let shown = self.core.history().map(|(u, _)| *u);
                let stale = match &event {
                    ReplicaEvent::Committed { delta, .. } => {
                        shown.filter(|u| delta.tasks.iter().any(|t| t.uuid() == *u))
                    }
                    _ => None,
                };
                // The charts are read again after a change (here, beside, or by a sync).
                let recount = matches!(event, ReplicaEvent::Committed { .. })
                    && matches!(self.mode, Mode::Charts(_));
                let mut effects = core(self, crate::app::Event::Replica(event));
                if recount {
                    effects.push(Effect::Replica(Command::Chronicle));
                }
                if history {
                    effects.extend(self.history_wanted());
                }
                if let Some(uuid) = stale.filter(|_| self.show_detail) {
                    effects.push(Effect::Replica(Command::History(uuid)));
                }
                effects
            }
            Event::Tick(now) => core(self, crate::app::Event::Tick(now)),
            Event::Edited { uuid, text } => core(self, crate::app::Event::Edited { uuid, text }),
            Event::ContextSaved(result) => core(self, crate::app::Event::ContextSaved(result)),
            Event::Sync(SyncEvent::Stopped) if self.quitting => vec![Effect::Quit],
            Event::Sync(event) => core(self, crate::app::Event::Sync(event)),
            Event::Terminate => {
                self.quitting = true;
                vec![Effect::Replica(Command::Quit), Effect::Quit]
            }
            Event::Setup(event) => self.setup(event),
            Event::Status(answer) => {
                let _ = answer.send(self.core.status().to_json());
                Vec::new()
            }
        }
    }

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Ctrl-C always leaves, whatever is open; while the last sync runs, any key does.
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if self.quitting || ctrl_c {
            return vec![Effect::Replica(Command::Quit), Effect::Quit];
        }
        // A screen too small shows only how to leave: no other key acts unseen.
        if super::layout::areas(self.screen()).is_none() {
            return match self.keymap.action(&key) {
                Some(Action::Quit) => self.quit(),
                _ => Vec::new(),
            };
        }
        let mut effects = if matches!(self.mode, Mode::List) {
            match self.keymap.action(&key) {
                Some(action) => super::actions::run(self, action),
                None => Vec::new(),
            }
        } else {
            self.mode_key(key)
        };
        effects.extend(self.history_wanted());
        effects
    }

    /// The detail pane shows the history of the task under the cursor: ask for it when the
    /// cursor has moved to another task.
    fn history_wanted(&self) -> Option<Effect> {
        let uuid = self.current_uuid()?;
        let shown = self.core.history().map(|(u, _)| *u);
        (self.show_detail && !self.quitting && shown != Some(uuid))
            .then_some(Effect::Replica(Command::History(uuid)))
    }

    /// A key for the open overlay.
    fn mode_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let mode = std::mem::take(&mut self.mode);
        let (next, request) = match mode {
            Mode::List => (Mode::List, Request::Nothing),
            Mode::Prompt(prompt) => {
                let (next, request) = prompt.key(&key, &self.ctx());
                if let Some(prompt) = next {
                    if matches!(
                        request,
                        Request::Add(_) | Request::Modify(..) | Request::Annotate(..)
                    ) {
                        return self.submit(prompt, request);
                    }
                    (Mode::Prompt(prompt), request)
                } else {
                    (Mode::List, request)
                }
            }
            Mode::Confirm(confirm) => (Mode::List, confirm.key(&key)),
            Mode::Pick(picker) => {
                let (next, request) = picker.key(&key);
                (next.map_or(Mode::List, Mode::Pick), request)
            }
            Mode::PickDependency(pick) => {
                let (next, request) = pick.key(&key, &self.ctx());
                (next.map_or(Mode::List, Mode::PickDependency), request)
            }
            Mode::Form(form) => {
                let (next, request) = form.key(&key, &self.ctx());
                (
                    next.map_or(Mode::List, |f| Mode::Form(Box::new(f))),
                    request,
                )
            }
            Mode::Help(help) => (
                help.key(&key, &self.ctx()).map_or(Mode::List, Mode::Help),
                Request::Nothing,
            ),
            Mode::Changes(changes) => {
                let (next, request) = changes.key(&key, &self.ctx());
                (next.map_or(Mode::List, Mode::Changes), request)
            }
            Mode::Agenda(agenda) => {
                let (next, request) = agenda.key(&key, &self.ctx());
                (next.map_or(Mode::List, Mode::Agenda), request)
            }
            Mode::Calendar(view) => {
                let (next, request) = view.key(&key, &self.ctx());
                (next.map_or(Mode::List, Mode::Calendar), request)
            }
            Mode::Tree(view) => {
                let (next, request) = view.key(&key, &self.ctx());
                (
                    next.map_or(Mode::List, |v| Mode::Tree(Box::new(v))),
                    request,
                )
            }
            Mode::Charts(view) => {
                let (next, request) = view.key(&key, &self.ctx());
                (
                    next.map_or(Mode::List, |v| Mode::Charts(Box::new(v))),
                    request,
                )
            }
            Mode::SyncForm(form) => {
                let (next, request) = form.key(&key);
                (
                    next.map_or(Mode::List, |f| Mode::SyncForm(Box::new(f))),
                    request,
                )
            }
        };
        self.mode = next;
        self.carry_out(request)
    }

    /// An add, modify or annotate line: the prompt closes once the change is sent, and
    /// stays with the reason if it is refused.
    fn submit(&mut self, mut prompt: super::mode::Prompt, request: Request) -> Vec<Effect> {
        let request = match self.spreading(request) {
            Ok(request) => request,
            Err(Ok(confirm)) => {
                self.mode = Mode::Confirm(confirm);
                return Vec::new();
            }
            Err(Err(error)) => {
                prompt.error = Some(error);
                self.mode = Mode::Prompt(prompt);
                return Vec::new();
            }
        };
        match self.with_core(|core| line_edit(core, request)) {
            Ok(effects) => {
                if effects.iter().any(Effect::is_commit) && !matches!(prompt.kind, PromptKind::Add)
                {
                    self.marks.clear();
                }
                effects
            }
            Err(error) => {
                prompt.error = Some(error);
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
        }
    }

    /// A modify or annotate line for tasks of a recurring series, carried to the rest of it
    /// as `recurrence.confirmation` says: the request to carry out (changed when always),
    /// else the question to ask first, or why the line cannot be read.
    fn spreading(&self, request: Request) -> Result<Request, Result<super::mode::Confirm, String>> {
        use crate::app::series::{Spread, with_kin};
        let (uuids, text, verb, templates) = match &request {
            Request::Modify(uuids, text) => (uuids, text, "modify", true),
            Request::Annotate(uuids, text) => (uuids, text, "annotate", false),
            _ => return Ok(request),
        };
        let spread = Spread::of(&self.core);
        if spread == Spread::Never {
            return Ok(request);
        }
        let all = with_kin(&self.core, uuids, templates);
        let others = all.len() - uuids.len();
        if others == 0 {
            return Ok(request);
        }
        let again = |uuids: Vec<uuid::Uuid>| match &request {
            Request::Modify(_, text) => Request::Modify(uuids, text.clone()),
            _ => Request::Annotate(uuids, text.clone()),
        };
        if spread == Spread::Always {
            return Ok(again(all));
        }
        // A line that cannot be read is said in the prompt, before any question.
        if verb == "modify" {
            crate::app::lang::Modification::parse(&self.core, text).map_err(Err)?;
        }
        Err(Ok(super::mode::Confirm {
            question: format!(
                "{verb} the rest of its recurring series too ({others} more)? (y/n, esc: \
                 cancel)"
            ),
            choices: vec![('y', again(all)), ('n', again(uuids.clone()))],
            refused: format!("{verb}: nothing was changed"),
        }))
    }

    /// Carry out what an overlay's key asked for.
    fn carry_out(&mut self, request: Request) -> Vec<Effect> {
        match request {
            Request::Nothing => {}
            Request::Say(text) => self.say(text),
            Request::Fail(text) => self.fail(text),
            Request::Filter(text, query) => {
                self.cursor = 0;
                self.scroll = 0;
                self.set_query(text, query);
            }
            Request::Refilter(text, query) => self.set_query(text, query),
            Request::FilterNext(text) => {
                self.cursor = 0;
                self.scroll = 0;
                if let Err(e) = self.with_core(|core| core.filter_next(text)) {
                    self.fail(e);
                }
            }
            Request::Report(name) => self.set_view(&name),
            Request::Context(name) => {
                self.cursor = 0;
                self.scroll = 0;
                match self.with_core(|core| core.switch_context(Some(&name))) {
                    Ok(effects) => return effects,
                    Err(e) => self.fail(e),
                }
            }
            Request::Add(_) | Request::Modify(..) | Request::Annotate(..) => {
                return self.edit(|core| line_edit(core, request));
            }
            Request::Delete(uuids) => return self.edit(|core| edits::delete(core, &uuids)),
            Request::Shift(entry, days) => {
                // The agenda stays open on the entry moved (which may now stand elsewhere).
                let open = self.mode.clone();
                let effects = self.edit(|core| crate::app::agenda::shift(core, &entry, days));
                if let Mode::Agenda(view) = open {
                    self.mode = Mode::Agenda(view.following(&entry, days, &self.ctx()));
                }
                return effects;
            }
            Request::Depend(dependents) => {
                let Some(target) = self.current_uuid() else {
                    return Vec::new();
                };
                if dependents.iter().all(|u| *u == target) {
                    self.fail("a task cannot depend on itself; pick another");
                    self.mode = Mode::PickDependency(PickDependency { dependents });
                    return Vec::new();
                }
                return self.edit(|core| edits::add_dependency(core, target, &dependents));
            }
            Request::SetFields(uuid, changed) => {
                return self.edit(|core| edits::set_fields(core, uuid, &changed));
            }
            Request::Denotate(uuid, entry) => {
                return self.edit(|core| Ok(edits::denotate(core, uuid, entry)));
            }
            Request::Restore(index) => {
                let effects = self.edit(|core| Ok(edits::restore(core, index)));
                // The panel stays while there is more in it.
                let left = self.core.elsewhere().len();
                self.mode = if left > 0 {
                    Mode::Changes(Changes {
                        cursor: index.min(left - 1),
                    })
                } else {
                    Mode::List
                };
                return effects;
            }
            Request::GoTo(uuid) => {
                if let Some(i) = self.core.list().rows().iter().position(|r| r.uuid == uuid) {
                    self.cursor = i;
                    self.keep_cursor_visible();
                } else {
                    let named = self.core.describe(uuid);
                    self.say(format!(
                        "{named} is not in this list (a waiting task shows in view 4, a recurring \
                         template in view 6)"
                    ));
                }
            }
            Request::ForgetElsewhere => self.core.forget_elsewhere(),
            Request::List(action) => return super::actions::run(self, action),
            Request::Effects(effects) => return effects,
        }
        Vec::new()
    }

    /// An answer about the sync settings, for their screen.
    fn setup(&mut self, event: SetupEvent) -> Vec<Effect> {
        match event {
            SetupEvent::Loaded(current) => {
                self.core.clear_message();
                let client_id = self.core.new_uuid();
                let mut form = SyncForm::new(&current, client_id);
                // The status line cuts a long reason; the screen has room for it whole.
                if let crate::app::sync_status::SyncState::Failed { error, .. } =
                    &self.core.sync().state
                {
                    form.status = Some((false, format!("the last sync failed: {error}")));
                }
                self.mode = Mode::SyncForm(Box::new(form));
            }
            SetupEvent::Checked(result) => {
                if let Mode::SyncForm(form) = &mut self.mode {
                    form.checked(result);
                }
            }
            SetupEvent::Saved(Ok(said)) => {
                if matches!(self.mode, Mode::SyncForm(_)) {
                    self.mode = Mode::List;
                }
                self.say(said);
                return vec![Effect::Sync(SyncRequest::Reconfigure)];
            }
            SetupEvent::Saved(Err(e)) => {
                if let Mode::SyncForm(form) = &mut self.mode {
                    form.not_saved(e);
                }
            }
        }
        Vec::new()
    }

    fn mouse(&mut self, mouse: MouseEvent) {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.move_cursor(3),
            MouseEventKind::ScrollUp => self.move_cursor(-3),
            MouseEventKind::Down(_) => {
                if let Some(row) = super::layout::row_at(
                    self.screen(),
                    self.scroll,
                    self.core.list().rows().len(),
                    mouse.column,
                    mouse.row,
                ) {
                    self.cursor = row;
                    self.keep_cursor_visible();
                }
            }
            _ => {}
        }
    }
}

impl Driven for App {
    fn replica_event(&mut self, event: ReplicaEvent) -> Vec<Effect> {
        self.update(Event::Replica(event))
    }
}

/// The change an add, modify or annotate line asks for.
fn line_edit(core: &mut Core, request: Request) -> Result<Vec<Effect>, String> {
    match request {
        Request::Add(text) => edits::add(core, &text),
        Request::Modify(uuids, text) => edits::modify(core, &uuids, &text),
        Request::Annotate(uuids, text) => edits::annotate(core, &uuids, &text),
        _ => Ok(Vec::new()),
    }
}
