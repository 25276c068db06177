//! What the help overlay says: every action with its keys, then the keys of prompts and
//! forms, then where the settings are. The renderer styles it; the keys scroll it.

use std::path::Path;

use super::keymap::{Action, KeyMap};
use crate::text::visible;

/// One line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// Keys, and what they do.
    Keys {
        keys: String,
        what: &'static str,
    },
    Blank,
    Text(String),
}

/// The help's lines for these keys and this settings file.
pub fn lines(keymap: &KeyMap, settings: Option<&Path>) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for action in Action::ALL {
        let keys = visible(&keymap.keys(action).join(" ")).into_owned();
        if !keys.is_empty() {
            out.push(HelpLine::Keys {
                keys,
                what: action.describe(),
            });
        }
    }
    out.push(HelpLine::Blank);
    for (keys, what) in [
        ("tab", "in a prompt: complete; in the form: next field"),
        ("enter / esc", "in a prompt or form: apply / cancel"),
        ("ctrl-c", "quit from anywhere"),
    ] {
        out.push(HelpLine::Keys {
            keys: keys.to_string(),
            what,
        });
    }
    if let Some(path) = settings {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Text(format!(
            "settings: {} (key.<name>=<keys>)",
            visible(&path.display().to_string())
        )));
    }
    out
}
