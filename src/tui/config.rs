//! The settings the TUI runs with, built once from [`Settings`]: keys, colours, urgency.

use std::path::PathBuf;

use super::keymap::KeyMap;
use crate::config::Settings;
use crate::task::UrgencyCoefficients;
use crate::ui::theme::Theme;

/// Keys, colours, urgency coefficients and UDAs, with what was wrong in the settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: KeyMap,
    pub theme: Theme,
    pub coefficients: UrgencyCoefficients,
    pub udas: Vec<String>,
    pub due_days: i64,
    /// The user's settings file (shown in the help).
    pub path: Option<PathBuf>,
    pub warnings: Vec<String>,
}

impl Config {
    pub fn from_settings(settings: &Settings) -> Config {
        let mut warnings = settings.warnings.clone();
        let (keymap, w) = KeyMap::from_settings(settings.iter());
        warnings.extend(w);
        let (theme, w) = Theme::from_settings(settings.iter());
        warnings.extend(w);
        let (coefficients, w) = UrgencyCoefficients::from_settings(
            settings.iter().filter(|(k, _)| k.starts_with("urgency.")),
        );
        warnings.extend(w);
        Config {
            keymap,
            theme,
            coefficients,
            udas: settings.udas(),
            due_days: settings.due_days(),
            path: settings.path.clone(),
            warnings,
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
        assert!(config.warnings.is_empty(), "{:?}", config.warnings);
        assert_eq!(config.coefficients, UrgencyCoefficients::default());
        assert_eq!(config.due_days, crate::task::DEFAULT_DUE_DAYS);
        // Every action has a key.
        for action in super::super::keymap::Action::ALL {
            assert!(!config.keymap.keys(action).is_empty(), "{action:?}");
        }
    }
}
