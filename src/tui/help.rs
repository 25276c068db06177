//! What the help overlay says: every action with its keys, then the keys of prompts and
//! forms, then where the settings are. The renderer styles it; the keys scroll it.

use super::config::Config;
use super::keymap::Action;
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

/// The help's lines for these settings.
pub fn lines(config: &Config) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for action in Action::ALL {
        let keys = visible(&config.keymap.keys(action).join(" ")).into_owned();
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
    if let Some(path) = &config.path {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Text(format!(
            "settings: {} (key.<name>=<keys>)",
            visible(&path.display().to_string())
        )));
    }
    out
}
