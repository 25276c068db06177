//! The settings the terminal interface runs with, built once from [`Settings`]: keys and
//! colours, and the core's own settings.

use super::keymap::{Action, KeyMap};
use crate::app::colour_rules::{Colour, ColourRules};
use crate::app::{Hints, Options};
use crate::config::Settings;
use crate::tui::draw::theme::{Theme, style_of};
use ratatui::style::Style;

/// Keys and colours, the core's settings, and what was wrong in the settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: KeyMap,
    pub theme: Theme,
    pub options: Options,
}

impl Config {
    pub fn from_settings(settings: &Settings) -> Config {
        let mut options = Options::from_settings(settings);
        let (keymap, w) = KeyMap::from_settings(settings.iter());
        options.warnings.extend(w);
        let (mut theme, w) = Theme::from_settings(settings.iter());
        options.warnings.extend(w);
        let (rules, w) = ColourRules::from_settings(
            settings
                .taskrc_colours
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .chain(settings.search_case()),
        );
        options
            .warnings
            .extend(w.into_iter().map(|w| format!("taskrc: {w}")));
        theme.rules = rules;
        // An unreadable one was named with the rules above.
        let taskrc = &settings.taskrc_colours;
        let colour_on = taskrc
            .get("color")
            .is_none_or(|v| crate::config::is_true(v));
        let label = |key: &str| {
            taskrc
                .get(key)
                .and_then(|spec| Colour::parse(spec).ok())
                .map_or_else(Style::default, |c| style_of(&c))
        };
        let set = ["color.label", "color.label.sort"]
            .iter()
            .any(|k| taskrc.contains_key(*k));
        theme.labels =
            (colour_on && set).then(|| (label("color.label"), label("color.label.sort")));
        options.hints = Hints {
            changes_elsewhere: keymap.hint(Action::ChangedElsewhere),
            waiting_view: keymap.hint(Action::ViewWaiting),
            clear_filter: keymap.hint(Action::ClearFilter),
        };
        Config {
            keymap,
            theme,
            options,
        }
    }

    /// The shipped defaults.
    pub fn defaults() -> Config {
        Config::from_settings(&Settings::defaults())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_settings_are_taskwarriors_defaults_and_have_no_mistakes() {
        let config = Config::defaults();
        let options = &config.options;
        assert!(options.warnings.is_empty(), "{:?}", options.warnings);
        assert_eq!(
            options.coefficients,
            crate::task::UrgencyCoefficients::default()
        );
        assert_eq!(options.due_days, crate::task::DEFAULT_DUE_DAYS);
        assert_eq!(
            options.sync_times,
            crate::app::sync_task::SyncTimes::default()
        );
        assert_eq!(options.hints.changes_elsewhere, "c");
        // Every action has a key.
        for action in super::super::keymap::Action::ALL {
            assert!(!config.keymap.keys(action).is_empty(), "{action:?}");
        }
    }
}
