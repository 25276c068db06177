//! The settings the TUI runs with, built once from [`Settings`]: keys, colours, urgency.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Utc};

use super::keymap::KeyMap;
use crate::app::sync_task::SyncTimes;
use crate::config::Settings;
use crate::task::DependencyMap;
use crate::task::{TagContext, UrgencyCoefficients};
use crate::ui::theme::Theme;

/// Keys, colours, urgency coefficients and UDAs, with what was wrong in the settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: KeyMap,
    pub theme: Theme,
    pub coefficients: UrgencyCoefficients,
    pub udas: Vec<String>,
    pub due_days: i64,
    pub sync_times: SyncTimes,
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
        let mut sync_times = SyncTimes::default();
        for (key, slot) in [
            ("background_sync.interval", &mut sync_times.interval),
            ("background_sync.after_edit", &mut sync_times.after_edit),
            ("background_sync.retry", &mut sync_times.backoff),
            ("background_sync.retry_max", &mut sync_times.cap),
        ] {
            if let Some(text) = settings.get(key) {
                match crate::time::parse_duration(text) {
                    Ok(p) if p.months() == 0 && p.seconds() > 0 => {
                        *slot = std::time::Duration::from_secs(p.seconds() as u64);
                    }
                    _ => warnings.push(format!(
                        "{key}: {} is not a positive duration like 5min or 30s",
                        crate::text::quoted(text)
                    )),
                }
            }
        }
        Config {
            sync_times,
            keymap,
            theme,
            coefficients,
            udas: settings.udas(),
            due_days: settings.due_days(),
            path: settings.path.clone(),
            warnings,
        }
    }

    /// The virtual-tag context at `now` in `tz`, with these settings' due days and UDAs.
    pub fn tag_context<'a>(
        &'a self,
        now: DateTime<Utc>,
        tz: FixedOffset,
        depmap: &'a DependencyMap,
    ) -> TagContext<'a> {
        TagContext::new(now, tz, depmap)
            .with_due_days(self.due_days)
            .with_udas(&self.udas)
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
        assert_eq!(config.sync_times, SyncTimes::default());
        // Every action has a key.
        for action in super::super::keymap::Action::ALL {
            assert!(!config.keymap.keys(action).is_empty(), "{action:?}");
        }
    }
}
