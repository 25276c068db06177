//! The one-line prompt under the list: add, modify, annotate, filter and fuzzy search. Tab
//! completes; a filter or search applies as it is typed (Esc puts back the one in force);
//! in add, modify and filter lines `ctrl-d` picks a date on a calendar (see
//! [`super::date_picker`]). Drawn on the status lines, with its error, completions or a
//! note under it, and the date picker over the list above it.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Paragraph;
use uuid::Uuid;

use super::ctx::{Ctx, Request};
use super::date_picker::{self, DatePicker, Picked};
use crate::app::Core;
use crate::app::query::Query;
use crate::lang::{DateSlot, date_slot};
use crate::text::{fit, visible, width};
use crate::tui::input::LineInput;

/// A one-line prompt under the list.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: LineInput,
    pub error: Option<String>,
    /// Completions offered for the word under the cursor.
    pub hints: Vec<String>,
    /// The filter in force when the prompt opened, restored by Esc (boxed, as the picker
    /// is: a prompt is kept in the mode, which stays small).
    before: Option<Box<(String, Option<Query>)>>,
    /// Why the last key did nothing, said under the prompt until the next key.
    note: Option<String>,
    /// The date picker, open over the list, and where the picked date goes in the line.
    picker: Option<Box<(DatePicker, DateSlot)>>,
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
            note: None,
            picker: None,
        }
    }

    /// A filter or search prompt: Esc puts back what was in force.
    pub fn live(kind: PromptKind, core: &Core) -> Prompt {
        let list = core.list();
        let text = match (&kind, list.query()) {
            (PromptKind::Filter, Some(q)) if !q.is_fuzzy() => list.query_text().to_string(),
            (PromptKind::Fuzzy, Some(q)) if q.is_fuzzy() => list.query_text().to_string(),
            _ => String::new(),
        };
        let mut prompt = Prompt::new(kind, &text);
        prompt.before = Some(Box::new((
            list.query_text().to_string(),
            list.query().cloned(),
        )));
        prompt
    }

    /// Lines the status part needs: two when something is said under the prompt (`udas`
    /// are the configured UDAs, which attribute names may abbreviate).
    pub fn height(&self, udas: &[String]) -> u16 {
        if self.below(udas).is_some() { 2 } else { 1 }
    }

    /// The open date picker.
    pub fn picker(&self) -> Option<&DatePicker> {
        self.picker.as_deref().map(|(picker, _)| picker)
    }

    /// Whether `ctrl-d` picks a date in this prompt.
    fn takes_dates(&self) -> bool {
        matches!(
            self.kind,
            PromptKind::Add | PromptKind::Modify(_) | PromptKind::Filter
        )
    }

    /// What is said under the prompt, and whether it is an error: the error, else the
    /// completions, else a note, else how to pick the date of the attribute just typed
    /// (`due:`).
    fn below(&self, udas: &[String]) -> Option<(String, bool)> {
        if let Some(e) = &self.error {
            return Some((e.clone(), true));
        }
        if !self.hints.is_empty() {
            return Some((self.hints.join("  "), false));
        }
        if let Some(note) = &self.note {
            return Some((note.clone(), false));
        }
        if !self.takes_dates() {
            return None;
        }
        // Only while nothing follows the `:`, when the key is of most use; a line typed
        // through keeps to one line.
        let slot = date_slot(self.input.text(), self.input.cursor(), udas);
        let attribute = slot.attribute.filter(|_| slot.range.is_empty())?;
        Some((
            format!(
                "{}: pick the {attribute} date on a calendar",
                date_picker::KEY
            ),
            false,
        ))
    }

    /// A key; the prompt stays open unless `None` comes back. An add, modify or annotate
    /// line is handed over with the prompt, which stays open with the reason if the change
    /// is refused.
    pub fn key(mut self, key: &KeyEvent, ctx: &Ctx<'_>) -> (Option<Prompt>, Request) {
        self.note = None;
        if let Some((picker, slot)) = self.picker.take().map(|open| *open) {
            let request = match picker.key(key, ctx) {
                Picked::Open(picker) => {
                    self.picker = Some(Box::new((picker, slot)));
                    Request::Nothing
                }
                Picked::Chosen(date) => {
                    self.put_date(&slot, &date);
                    self.hints.clear();
                    if matches!(self.kind, PromptKind::Filter) {
                        self.follow(ctx.core)
                    } else {
                        self.error = None;
                        Request::Nothing
                    }
                }
                Picked::Cancelled => Request::Nothing,
            };
            return (Some(self), request);
        }
        if date_picker::opens(key) {
            self.open_picker(ctx.core);
            return (Some(self), Request::Nothing);
        }
        match key.code {
            KeyCode::Esc => {
                let request = match self.before.take().map(|before| *before) {
                    Some((text, query)) => Request::Refilter(text, query),
                    None => Request::Nothing,
                };
                (None, request)
            }
            KeyCode::Enter => {
                let text = self.input.text().to_string();
                let request = match &self.kind {
                    PromptKind::Add => Request::Add(text),
                    PromptKind::Modify(uuids) => Request::Modify(uuids.clone(), text),
                    PromptKind::Annotate(uuids) => Request::Annotate(uuids.clone(), text),
                    PromptKind::Filter | PromptKind::Fuzzy => {
                        return match self.live_query(ctx.core) {
                            Ok(request) => (None, request),
                            Err(e) => {
                                self.error = Some(e);
                                (Some(self), Request::Nothing)
                            }
                        };
                    }
                };
                (Some(self), request)
            }
            KeyCode::Tab => {
                let (range, candidates) = self.complete(ctx.core);
                match candidates.as_slice() {
                    [] => self.hints.clear(),
                    [only] => {
                        self.input.replace(range, only);
                        self.hints.clear();
                    }
                    many => {
                        let common = common_prefix(many);
                        let typed = &self.input.text()[range.clone()];
                        if common.len() > typed.len() {
                            self.input.replace(range, &common);
                        }
                        self.hints = many.to_vec();
                    }
                }
                // The list follows a filter completed as it follows one typed.
                let request = if matches!(self.kind, PromptKind::Filter) {
                    self.follow(ctx.core)
                } else {
                    Request::Nothing
                };
                (Some(self), request)
            }
            _ => {
                let mut request = Request::Nothing;
                if self.input.key(key) {
                    self.hints.clear();
                    if matches!(self.kind, PromptKind::Filter | PromptKind::Fuzzy) {
                        request = self.follow(ctx.core);
                    }
                }
                (Some(self), request)
            }
        }
    }

    /// The date picker for the attribute under the cursor, or for a new `due:`.
    fn open_picker(&mut self, core: &Core) {
        if !self.takes_dates() {
            self.note = Some(format!(
                "{} picks a date in the add, modify and filter prompts",
                date_picker::KEY
            ));
            return;
        }
        let slot = date_slot(self.input.text(), self.input.cursor(), &core.options().udas);
        let field = slot.attribute.unwrap_or(crate::task::keys::DUE);
        let typed = slot.value.trim();
        // Nothing typed yet in a modify of one task: start on the date it has.
        let stored = match &self.kind {
            PromptKind::Modify(uuids) if typed.is_empty() && uuids.len() == 1 => {
                core.tasks().get(&uuids[0]).and_then(|t| t.timestamp(field))
            }
            _ => None,
        };
        if !typed.is_empty() && core.query_context().date(typed).is_err() {
            self.note = Some(format!(
                "{}: tcui does not read {typed:?} as a date; the calendar starts on today",
                field
            ));
        }
        let picker = match stored {
            Some(t) => DatePicker::at(core, field, Some(t)),
            None => DatePicker::open(core, field, &slot.value),
        };
        self.picker = Some(Box::new((picker, slot)));
    }

    /// Put the picked `date` in the line: as the value of the attribute `slot` found, or
    /// as a new `due:` word, spaced from its neighbours.
    fn put_date(&mut self, slot: &DateSlot, date: &str) {
        if slot.attribute.is_some() {
            self.input.replace(slot.range.clone(), date);
            return;
        }
        let at = slot.range.start;
        let text = self.input.text();
        let touches = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
        let before = touches(text.get(..at).and_then(|t| t.chars().next_back()));
        let after = touches(text.get(at..).and_then(|t| t.chars().next()));
        let word = format!(
            "{}{}:{date}{}",
            if before { " " } else { "" },
            crate::task::keys::DUE,
            if after { " " } else { "" }
        );
        self.input.replace(at..at, &word);
    }

    /// The filter being typed, to apply; if it does not parse, the error is kept to show
    /// (the last good filter stays).
    fn follow(&mut self, core: &Core) -> Request {
        match self.live_query(core) {
            Ok(request) => {
                self.error = None;
                request
            }
            Err(e) => {
                self.error = Some(e);
                Request::Nothing
            }
        }
    }

    fn live_query(&self, core: &Core) -> Result<Request, String> {
        let text = self.input.text().trim();
        let query = if text.is_empty() {
            None
        } else if self.kind == PromptKind::Fuzzy {
            Some(Query::fuzzy(text))
        } else {
            Some(Query::parse(text, &core.query_context())?)
        };
        Ok(Request::Filter(text.to_string(), query))
    }

    /// Completions for the word under the cursor: its byte range and the candidates.
    fn complete(&self, core: &Core) -> (std::ops::Range<usize>, Vec<String>) {
        let at = self.input.cursor();
        if matches!(self.kind, PromptKind::Annotate(_) | PromptKind::Fuzzy) {
            return (at..at, Vec::new());
        }
        crate::app::lang::complete(core, self.input.text(), at)
    }

    /// The prompt on the status lines `area`, with its error or completions under it.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let line_area = Rect { height: 1, ..area };
        // A change to marked tasks says how many it will change.
        let label = match &self.kind {
            PromptKind::Modify(t) | PromptKind::Annotate(t) if ctx.marked > 0 => {
                format!(
                    "{} {} marked {}: ",
                    self.kind.label(),
                    t.len(),
                    if t.len() == 1 { "task" } else { "tasks" }
                )
            }
            kind => format!("{}: ", kind.label()),
        };
        let text = visible(self.input.text()).into_owned();
        frame.render_widget(Paragraph::new(format!("{label}{text}")), line_area);
        let cursor = width(&label) + width(&visible(self.input.before_cursor()));
        let cursor = Position::new(
            area.x + (cursor as u16).min(area.width.saturating_sub(1)),
            area.y,
        );
        let below = Rect {
            y: area.y + 1,
            height: 1,
            ..area
        };
        if let Some((text, error)) = self.below(&ctx.core.options().udas) {
            let style = if error {
                ctx.theme.error
            } else {
                Default::default()
            };
            frame.render_widget(
                Paragraph::new(fit(&visible(&text), area.width as usize)).style(style),
                below,
            );
        }
        match self.picker() {
            Some(picker) => picker.draw(frame, cursor, ctx),
            None => frame.set_cursor_position(cursor),
        }
    }
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
