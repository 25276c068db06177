//! What the user can do from the task list, and which keys do it. The defaults live in
//! `assets/config.rc`; `key.<action>=<keys>` lines in the user's config replace them, and the
//! help overlay is generated from the map in use.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::text::quoted;

/// A user intent on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    ToggleDetail,
    Add,
    Modify,
    EditForm,
    EditInEditor,
    Done,
    Delete,
    StartStop,
    Annotate,
    Denotate,
    Duplicate,
    PickDependency,
    Mark,
    MarkAll,
    ClearMarks,
    Undo,
    Redo,
    Filter,
    Fuzzy,
    ClearFilter,
    ViewNext,
    ViewAll,
    ViewCompleted,
    ViewWaiting,
    ViewBlocked,
    ViewRecurring,
    ViewProjects,
    ViewTags,
    PickContext,
    PickReport,
    SyncNow,
    ChangedElsewhere,
    Agenda,
    Tree,
    Calendar,
    Charts,
    SyncSettings,
    Help,
    Quit,
}

impl Action {
    /// Every action, in the order the help lists them.
    pub const ALL: [Action; 45] = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::ToggleDetail,
        Action::Add,
        Action::Modify,
        Action::EditForm,
        Action::EditInEditor,
        Action::Done,
        Action::Delete,
        Action::StartStop,
        Action::Annotate,
        Action::Denotate,
        Action::Duplicate,
        Action::PickDependency,
        Action::Mark,
        Action::MarkAll,
        Action::ClearMarks,
        Action::Undo,
        Action::Redo,
        Action::Filter,
        Action::Fuzzy,
        Action::ClearFilter,
        Action::ViewNext,
        Action::ViewAll,
        Action::ViewCompleted,
        Action::ViewWaiting,
        Action::ViewBlocked,
        Action::ViewRecurring,
        Action::ViewProjects,
        Action::ViewTags,
        Action::PickContext,
        Action::PickReport,
        Action::SyncNow,
        Action::ChangedElsewhere,
        Action::Agenda,
        Action::Tree,
        Action::Calendar,
        Action::Charts,
        Action::SyncSettings,
        Action::Help,
        Action::Quit,
    ];

    /// The name used in `key.<name>=` settings.
    pub fn name(self) -> &'static str {
        self.info().0
    }

    /// What it does, for the help overlay.
    pub fn describe(self) -> &'static str {
        self.info().1
    }

    fn info(self) -> (&'static str, &'static str) {
        match self {
            Action::Down => ("down", "next task"),
            Action::Up => ("up", "previous task"),
            Action::PageDown => ("page_down", "one page down"),
            Action::PageUp => ("page_up", "one page up"),
            Action::Top => ("top", "first task"),
            Action::Bottom => ("bottom", "last task"),
            Action::ToggleDetail => ("detail", "show or hide the detail pane"),
            Action::Add => ("add", "add a task (Taskwarrior syntax)"),
            Action::Modify => ("modify", "modify the task or the marked ones"),
            Action::EditForm => ("edit", "edit the task field by field"),
            Action::EditInEditor => ("editor", "edit the task as text in $EDITOR"),
            Action::Done => ("done", "mark done"),
            Action::Delete => ("delete", "delete (asks first)"),
            Action::StartStop => ("start_stop", "start or stop"),
            Action::Annotate => ("annotate", "add an annotation"),
            Action::Denotate => ("denotate", "remove an annotation"),
            Action::Duplicate => ("duplicate", "duplicate the task"),
            Action::PickDependency => ("depends", "pick a task this one depends on"),
            Action::Mark => ("mark", "mark or unmark for a bulk action"),
            Action::MarkAll => ("mark_all", "mark every task shown"),
            Action::ClearMarks => ("clear_marks", "clear the marks"),
            Action::Undo => ("undo", "undo the last action"),
            Action::Redo => ("redo", "redo what was undone"),
            Action::Filter => ("filter", "filter (Taskwarrior filter language)"),
            Action::Fuzzy => ("fuzzy", "fuzzy search every field"),
            Action::ClearFilter => ("clear_filter", "clear the filter"),
            Action::ViewNext => ("view_next", "view: next (by urgency)"),
            Action::ViewAll => ("view_all", "view: all tasks"),
            Action::ViewCompleted => ("view_completed", "view: completed"),
            Action::ViewWaiting => ("view_waiting", "view: waiting"),
            Action::ViewBlocked => ("view_blocked", "view: blocked"),
            Action::ViewRecurring => ("view_recurring", "view: recurring templates"),
            Action::ViewProjects => ("view_projects", "projects, with counts"),
            Action::ViewTags => ("view_tags", "tags, with counts"),
            Action::PickContext => ("context", "context: choose one (the taskrc's)"),
            Action::PickReport => (
                "report",
                "report: choose one (Taskwarrior's and the taskrc's)",
            ),
            Action::SyncNow => ("sync", "sync now"),
            Action::ChangedElsewhere => (
                "changes",
                "what other replicas changed; restore edits that lost",
            ),
            Action::SyncSettings => ("sync_settings", "sync settings: set, test, save"),
            Action::Calendar => ("calendar", "calendar: due and scheduled tasks by day"),
            Action::Tree => ("tree", "dependency tree: what blocks what"),
            Action::Agenda => ("agenda", "agenda: day by day; move tasks a day or a week"),
            Action::Charts => ("charts", "charts: burndown, history, projects"),
            Action::Help => ("help", "this help"),
            Action::Quit => ("quit", "quit"),
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// A key with its modifiers, as the map stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn of(event: &KeyEvent) -> Key {
        // Shift is part of the character itself (`G`, `?`); only for named keys would it
        // matter, and none is bound with it by default.
        Key {
            code: match event.code {
                KeyCode::BackTab => KeyCode::Tab,
                c => c,
            },
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// `j`, `G`, `ctrl-r`, `alt-x`, `enter`, `space`, `pgdn`, `f1`, ...
    pub fn parse(text: &str) -> Option<Key> {
        let mut key = Key {
            code: KeyCode::Null,
            ctrl: false,
            alt: false,
        };
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                key.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
                _ => return None,
            },
        };
        Some(key)
    }

    /// The text [`Key::parse`] reads.
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.ctrl {
            out.push_str("ctrl-");
        }
        if self.alt {
            out.push_str("alt-");
        }
        match self.code {
            KeyCode::Char(' ') => out.push_str("space"),
            KeyCode::Char(c) => out.push(c),
            KeyCode::Enter => out.push_str("enter"),
            KeyCode::Esc => out.push_str("esc"),
            KeyCode::Tab => out.push_str("tab"),
            KeyCode::Backspace => out.push_str("backspace"),
            KeyCode::Delete => out.push_str("delete"),
            KeyCode::Up => out.push_str("up"),
            KeyCode::Down => out.push_str("down"),
            KeyCode::Left => out.push_str("left"),
            KeyCode::Right => out.push_str("right"),
            KeyCode::Home => out.push_str("home"),
            KeyCode::End => out.push_str("end"),
            KeyCode::PageUp => out.push_str("pgup"),
            KeyCode::PageDown => out.push_str("pgdn"),
            KeyCode::F(n) => out.push_str(&format!("f{n}")),
            _ => out.push('?'),
        }
        out
    }
}

/// Keys to actions, and each action's keys in the order given (for the help).
#[derive(Debug, Clone, Default)]
pub struct KeyMap {
    by_key: HashMap<Key, Action>,
    by_action: HashMap<Action, Vec<Key>>,
}

impl KeyMap {
    /// Build from `key.<action>=<key> <key> ...` settings, later ones replacing earlier
    /// ones for the same action. Unknown actions or keys come back as warnings.
    pub fn from_settings<'a>(
        settings: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (KeyMap, Vec<String>) {
        let mut warnings = Vec::new();
        let mut chosen: Vec<(Action, Vec<Key>)> = Vec::new();
        for (name, value) in settings {
            let Some(action_name) = name.strip_prefix("key.") else {
                continue;
            };
            let Some(action) = Action::from_name(action_name) else {
                warnings.push(format!(
                    "{name}: there is no action {}",
                    quoted(action_name)
                ));
                continue;
            };
            let mut keys = Vec::new();
            for word in value.split_whitespace() {
                match Key::parse(word) {
                    Some(k) => keys.push(k),
                    None => warnings.push(format!("{name}: {} is not a key", quoted(word))),
                }
            }
            chosen.retain(|(a, _)| *a != action);
            chosen.push((action, keys));
        }
        let mut map = KeyMap::default();
        for (action, keys) in chosen {
            for key in &keys {
                if let Some(other) = map.by_key.insert(*key, action) {
                    warnings.push(format!(
                        "{} is bound to both {} and {}; {} wins",
                        key.label(),
                        other.name(),
                        action.name(),
                        action.name()
                    ));
                    if let Some(list) = map.by_action.get_mut(&other) {
                        list.retain(|k| k != key);
                    }
                }
            }
            map.by_action.insert(action, keys);
        }
        (map, warnings)
    }

    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.by_key.get(&Key::of(event)).copied()
    }

    /// The keys bound to `action`, as labels.
    pub fn keys(&self, action: Action) -> Vec<String> {
        self.by_action
            .get(&action)
            .map(|keys| keys.iter().map(Key::label).collect())
            .unwrap_or_default()
    }

    /// The first key of `action`, for hints ("a add").
    pub fn hint(&self, action: Action) -> String {
        self.keys(action).into_iter().next().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_print_back() {
        for text in [
            "j", "G", "ctrl-r", "alt-x", "enter", "space", "pgdn", "f1", "?",
        ] {
            assert_eq!(Key::parse(text).unwrap().label(), text);
        }
        assert_eq!(Key::parse("nonsense"), None);
        assert_eq!(Key::parse("fx"), None);
    }

    #[test]
    fn later_settings_win_and_mistakes_are_reported() {
        let (map, warnings) = KeyMap::from_settings([
            ("key.down", "j down"),
            ("key.up", "k"),
            ("key.down", "n"),
            ("key.jump", "x"),
            ("key.quit", "q bogus"),
            ("color.x", "red"),
        ]);
        let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(map.action(&n), Some(Action::Down));
        assert_eq!(map.action(&j), None);
        assert_eq!(map.keys(Action::Quit), ["q"]);
        assert_eq!(
            warnings,
            [
                "key.jump: there is no action \"jump\"",
                "key.quit: \"bogus\" is not a key"
            ]
        );
        let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        let (map, _) = KeyMap::from_settings([("key.redo", "ctrl-r")]);
        assert_eq!(map.action(&ctrl_r), Some(Action::Redo));
    }

    #[test]
    fn every_action_has_a_distinct_name() {
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
