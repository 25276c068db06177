//! What the keys go to when the list does not have them: a prompt, a question, a picker,
//! the edit form, or the help.

use crossterm::event::{KeyCode, KeyEvent};
use uuid::Uuid;

use super::app::App;
use super::form::Form;
use super::input::LineInput;
use super::keymap::Action;
use crate::app::query::Query;
use crate::app::{Effect, edits};

/// The current mode.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    #[default]
    List,
    Prompt(Prompt),
    /// Delete these tasks? (y/n)
    Confirm {
        question: String,
        uuids: Vec<Uuid>,
    },
    Pick(Picker),
    /// Move in the list and press Enter on the task these depend on.
    PickDependency {
        dependents: Vec<Uuid>,
    },
    Form(Box<Form>),
    Help {
        scroll: u16,
    },
    /// The changes from other replicas since the user last looked.
    Changes {
        cursor: usize,
    },
    SyncForm(Box<super::sync_form::SyncForm>),
}

/// A one-line prompt under the list.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: LineInput,
    pub error: Option<String>,
    /// Completions offered for the word under the cursor.
    pub hints: Vec<String>,
    /// The filter in force when the prompt opened, restored by Esc.
    before: Option<(String, Option<Query>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    Add,
    Modify(Vec<Uuid>),
    Annotate(Vec<Uuid>),
    Filter,
    Fuzzy,
}

impl PromptKind {
    pub fn label(&self) -> &'static str {
        match self {
            PromptKind::Add => "add",
            PromptKind::Modify(_) => "modify",
            PromptKind::Annotate(_) => "annotate",
            PromptKind::Filter => "filter",
            PromptKind::Fuzzy => "search",
        }
    }
}

impl Prompt {
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        Prompt {
            kind,
            input: LineInput::new(text),
            error: None,
            hints: Vec::new(),
            before: None,
        }
    }

    /// A filter or search prompt: Esc puts back what was in force.
    pub fn live(kind: PromptKind, app: &App) -> Prompt {
        let list = app.core().list();
        let text = match (&kind, list.query()) {
            (PromptKind::Filter, Some(q)) if !q.is_fuzzy() => list.query_text().to_string(),
            (PromptKind::Fuzzy, Some(q)) if q.is_fuzzy() => list.query_text().to_string(),
            _ => String::new(),
        };
        let mut prompt = Prompt::new(kind, &text);
        prompt.before = Some((list.query_text().to_string(), list.query().cloned()));
        prompt
    }
}

/// A list to choose from: projects, tags, or a task's annotations.
#[derive(Debug, Clone)]
pub struct Picker {
    pub kind: PickKind,
    /// Label and count (or annotation entry time).
    pub entries: Vec<(String, i64)>,
    pub cursor: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickKind {
    Project,
    Tag,
    Annotation(Uuid),
}

/// Route a key to the current mode.
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match std::mem::take(&mut app.mode) {
        Mode::List => Vec::new(),
        Mode::Prompt(prompt) => prompt_key(app, prompt, key),
        Mode::Confirm { question, uuids } => {
            if matches!(key.code, KeyCode::Char('y' | 'Y')) {
                app.edit(|core| edits::delete(core, &uuids))
            } else {
                app.say(format!("{question} no: nothing was deleted"));
                Vec::new()
            }
        }
        Mode::Pick(picker) => pick_key(app, picker, key),
        Mode::PickDependency { dependents } => match (key.code, app.keymap.action(&key)) {
            (KeyCode::Enter, _) => {
                let Some(target) = app.current_uuid() else {
                    return Vec::new();
                };
                if dependents.iter().all(|u| *u == target) {
                    app.fail("a task cannot depend on itself; pick another");
                    app.mode = Mode::PickDependency { dependents };
                    return Vec::new();
                }
                app.edit(|core| edits::add_dependency(core, target, &dependents))
            }
            (KeyCode::Esc, _) => {
                app.say("no dependency added");
                Vec::new()
            }
            (_, Some(action)) if is_movement(action) => {
                super::actions::run(app, action);
                app.mode = Mode::PickDependency { dependents };
                Vec::new()
            }
            _ => {
                app.mode = Mode::PickDependency { dependents };
                Vec::new()
            }
        },
        Mode::Form(form) => super::form::key(app, *form, key),
        Mode::Changes { cursor } => changes_key(app, cursor, key),
        Mode::SyncForm(form) => super::sync_form::key(app, *form, key),
        Mode::Help { scroll } => {
            // Past the last line stays at the last line, so that one step back shows it move.
            let last = super::layout::help_scroll_max(
                app.keymap(),
                app.core().options().path.as_deref(),
                app.size.1,
            );
            let scroll = scroll.min(last);
            app.mode = match key.code {
                KeyCode::Char('j') | KeyCode::Down => Mode::Help {
                    scroll: scroll.saturating_add(1).min(last),
                },
                KeyCode::Char('k') | KeyCode::Up => Mode::Help {
                    scroll: scroll.saturating_sub(1),
                },
                KeyCode::PageDown => Mode::Help {
                    scroll: scroll.saturating_add(10).min(last),
                },
                KeyCode::PageUp => Mode::Help {
                    scroll: scroll.saturating_sub(10),
                },
                _ => Mode::List,
            };
            Vec::new()
        }
    }
}

fn changes_key(app: &mut App, cursor: usize, key: KeyEvent) -> Vec<Effect> {
    let last = app.core.elsewhere().len().saturating_sub(1);
    let cursor = match key.code {
        KeyCode::Char('j') | KeyCode::Down => (cursor + 1).min(last),
        KeyCode::Char('k') | KeyCode::Up => cursor.saturating_sub(1),
        KeyCode::Char('r') => {
            let effects = app.edit(|core| Ok(edits::restore(core, cursor)));
            let left = app.core.elsewhere().len();
            if left > 0 {
                app.mode = Mode::Changes {
                    cursor: cursor.min(left - 1),
                };
            }
            return effects;
        }
        KeyCode::Enter => {
            if let Some(e) = app.core.elsewhere().get(cursor)
                && let Some(i) = app.core.list().rows().iter().position(|r| r.uuid == e.uuid)
            {
                app.cursor = i;
                app.keep_cursor_visible();
            }
            return Vec::new();
        }
        _ => {
            // Closing the panel means the user has seen these.
            app.core.forget_elsewhere();
            return Vec::new();
        }
    };
    app.mode = Mode::Changes { cursor };
    Vec::new()
}

fn is_movement(action: Action) -> bool {
    matches!(
        action,
        Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
    )
}

fn prompt_key(app: &mut App, mut prompt: Prompt, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => {
            if let Some((text, query)) = prompt.before.take() {
                app.set_query(text, query);
            }
            Vec::new()
        }
        KeyCode::Enter => submit(app, prompt),
        KeyCode::Tab => {
            let (range, candidates) = complete(app, &prompt);
            match candidates.as_slice() {
                [] => prompt.hints.clear(),
                [only] => {
                    prompt.input.replace(range, only);
                    prompt.hints.clear();
                }
                many => {
                    let common = common_prefix(many);
                    let typed = &prompt.input.text()[range.clone()];
                    if common.len() > typed.len() {
                        prompt.input.replace(range, &common);
                    }
                    prompt.hints = many.to_vec();
                }
            }
            // The list follows a filter completed as it follows one typed.
            if matches!(prompt.kind, PromptKind::Filter) {
                prompt.error = live_query(app, &prompt);
            }
            app.mode = Mode::Prompt(prompt);
            Vec::new()
        }
        _ => {
            if prompt.input.key(&key) {
                prompt.hints.clear();
                if matches!(prompt.kind, PromptKind::Filter | PromptKind::Fuzzy) {
                    prompt.error = live_query(app, &prompt);
                }
            }
            app.mode = Mode::Prompt(prompt);
            Vec::new()
        }
    }
}

/// Apply the filter being typed; the error, if it does not parse (the last good one stays).
fn live_query(app: &mut App, prompt: &Prompt) -> Option<String> {
    let text = prompt.input.text().trim();
    let parsed = if text.is_empty() {
        Ok(None)
    } else if prompt.kind == PromptKind::Fuzzy {
        Ok(Some(Query::fuzzy(text)))
    } else {
        Query::parse(text, &app.core().query_context()).map(Some)
    };
    match parsed {
        Ok(query) => {
            app.cursor = 0;
            app.scroll = 0;
            app.set_query(text.to_string(), query);
            None
        }
        Err(e) => Some(e),
    }
}

fn submit(app: &mut App, mut prompt: Prompt) -> Vec<Effect> {
    let text = prompt.input.text().to_string();
    let result = match &prompt.kind {
        PromptKind::Add => app.with_core(|core| edits::add(core, &text)),
        PromptKind::Modify(uuids) => app.with_core(|core| edits::modify(core, uuids, &text)),
        PromptKind::Annotate(uuids) => app.with_core(|core| edits::annotate(core, uuids, &text)),
        PromptKind::Filter | PromptKind::Fuzzy => match live_query(app, &prompt) {
            None => Ok(Vec::new()),
            Some(e) => Err(e),
        },
    };
    match result {
        Ok(effects) => {
            let committed = effects
                .iter()
                .any(|e| matches!(e, Effect::Replica(crate::app::Command::Commit { .. })));
            if committed && !matches!(prompt.kind, PromptKind::Add) {
                app.marks.clear();
            }
            effects
        }
        Err(error) => {
            // The prompt stays, with the text as typed and the reason.
            prompt.error = Some(error);
            app.mode = Mode::Prompt(prompt);
            Vec::new()
        }
    }
}

fn pick_key(app: &mut App, mut picker: Picker, key: KeyEvent) -> Vec<Effect> {
    let last = picker.entries.len().saturating_sub(1);
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') => return Vec::new(),
        KeyCode::Char('j') | KeyCode::Down => picker.cursor = (picker.cursor + 1).min(last),
        KeyCode::Char('k') | KeyCode::Up => picker.cursor = picker.cursor.saturating_sub(1),
        KeyCode::Char('g') | KeyCode::Home => picker.cursor = 0,
        KeyCode::Char('G') | KeyCode::End => picker.cursor = last,
        KeyCode::Enter => {
            let Some((label, value)) = picker.entries.get(picker.cursor).cloned() else {
                return Vec::new();
            };
            return super::pickers::picked(app, &picker.kind, &label, value);
        }
        _ => {}
    }
    app.mode = Mode::Pick(picker);
    Vec::new()
}

/// Completions for the word under the prompt's cursor: its byte range and the candidates.
fn complete(app: &App, prompt: &Prompt) -> (std::ops::Range<usize>, Vec<String>) {
    let at = prompt.input.cursor();
    if matches!(prompt.kind, PromptKind::Annotate(_) | PromptKind::Fuzzy) {
        return (at..at, Vec::new());
    }
    crate::app::lang::complete(app.core(), prompt.input.text(), at)
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut end = first.len();
    for w in &words[1..] {
        end = first
            .char_indices()
            .zip(w.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, c), _)| i + c.len_utf8())
            .min(end);
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_prefixes() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            common_prefix(&words(&["due:eow", "due:eom", "due:eoy"])),
            "due:eo"
        );
        assert_eq!(common_prefix(&words(&["+home", "+work"])), "+");
        assert_eq!(common_prefix(&words(&["é1", "é2"])), "é");
        assert_eq!(common_prefix(&[]), "");
    }
}
