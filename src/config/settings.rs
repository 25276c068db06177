//! tcui's own settings: the defaults embedded from `assets/config.rc` (and Taskwarrior's
//! built-in reports from `assets/reports.rc`), then the Taskwarrior taskrc's lines (urgency,
//! UDAs, contexts, reports, formats: what was tuned for `task` carries over), then the user's
//! own file. Later lines win. The taskrc's colour lines are kept apart, over Taskwarrior's
//! own defaults from `assets/taskwarrior-colours.rc`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::taskrc::{Taskrc, TaskrcError};

/// The defaults, as shipped.
pub const DEFAULTS: &str = include_str!("../../assets/config.rc");

/// Taskwarrior's built-in reports, as it defines them.
pub const REPORTS: &str = include_str!("../../assets/reports.rc");

/// Taskwarrior's own colours for reports, as it defines them.
pub const TASKWARRIOR_COLOURS: &str = include_str!("../../assets/taskwarrior-colours.rc");

/// Every setting in force, and what was wrong with any of them.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub values: BTreeMap<String, String>,
    /// The taskrc's own colour settings (`color`, `color.*`, `rule.*`): Taskwarrior's colour
    /// rules, kept apart from tcui's colour roles.
    pub taskrc_colours: BTreeMap<String, String>,
    /// The user's file, whether or not it exists.
    pub path: Option<PathBuf>,
    pub warnings: Vec<String>,
}

/// Taskrc keys that tcui also takes from the taskrc: all but the colours (tcui's own colour
/// roles are named differently; the taskrc's colour rules are read apart), key bindings
/// (tcui's own) and the sync settings (read where they are used, never kept here).
fn from_taskrc(key: &str) -> bool {
    !(key == "color"
        || key.starts_with("color.")
        || key.starts_with("key.")
        || key.starts_with("sync."))
}

impl Settings {
    /// The shipped defaults alone.
    pub fn defaults() -> Settings {
        let mut settings = Settings::default();
        settings.merge_text(Path::new("assets/config.rc"), DEFAULTS, |_| true);
        settings.merge_text(Path::new("assets/reports.rc"), REPORTS, |_| true);
        settings
    }

    /// Defaults, then the taskrc's urgency/UDA/due lines, then `user_file` if it exists.
    pub fn load(user_file: Option<&Path>, taskrc: Option<&Taskrc>) -> Settings {
        let mut settings = Settings::defaults();
        if let Some(rc) = taskrc {
            for (k, v) in rc.values.iter() {
                if k == "color" || k.starts_with("color.") || k.starts_with("rule.") {
                    settings.taskrc_colours.insert(k.clone(), v.clone());
                } else if from_taskrc(k) {
                    settings.values.insert(k.clone(), v.clone());
                }
            }
        }
        if let Some(path) = user_file {
            settings.path = Some(path.to_path_buf());
            if path.is_file() {
                match Taskrc::read(path, None) {
                    Ok(rc) => settings.values.extend(rc.values),
                    Err(e) => settings.warnings.push(settings_error(e)),
                }
            }
        }
        settings
    }

    fn merge_text(&mut self, path: &Path, text: &str, keep: impl Fn(&str) -> bool) {
        match Taskrc::parse(path, text, None) {
            Ok(rc) => self
                .values
                .extend(rc.values.into_iter().filter(|(k, _)| keep(k))),
            Err(e) => self.warnings.push(settings_error(e)),
        }
    }

    /// Taskwarrior's colour settings in force: its defaults for reports, then the taskrc's
    /// `color`, `color.*` and `rule.*` lines (the command line's `rc.` ones among them).
    pub fn taskwarrior_colours(&self) -> BTreeMap<String, String> {
        let path = Path::new("assets/taskwarrior-colours.rc");
        let mut colours = Taskrc::parse(path, TASKWARRIOR_COLOURS, None)
            .map(|rc| rc.values)
            .unwrap_or_default();
        colours.extend(self.taskrc_colours.clone());
        colours
    }

    /// `search.case.sensitive` as a setting pair, if set: colour rules that match keywords
    /// read it beside the colour lines.
    pub fn search_case(&self) -> Option<(&str, &str)> {
        self.get("search.case.sensitive")
            .map(|v| ("search.case.sensitive", v))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    /// Every setting, as `(key, value)`.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The UDA names declared with `uda.<name>.type`.
    pub fn udas(&self) -> Vec<String> {
        self.values
            .keys()
            .filter_map(|k| k.strip_prefix("uda.")?.strip_suffix(".type"))
            .map(str::to_owned)
            .collect()
    }

    /// Days ahead that count as due (`due`), 7 unless set.
    pub fn due_days(&self) -> i64 {
        self.get("due").and_then(|v| v.parse().ok()).unwrap_or(7)
    }
}

fn settings_error(e: TaskrcError) -> String {
    format!("{e}; the defaults are used instead")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_file_wins_over_the_taskrc_which_wins_over_the_defaults() {
        let dir = tempfile::TempDir::new().unwrap();
        let taskrc = Taskrc::parse(
            &dir.path().join("taskrc"),
            "urgency.due.coefficient=9.0\nuda.estimate.type=duration\ncolor.overdue=blue\ndue=3\n",
            None,
        )
        .unwrap();
        let user = dir.path().join("config.rc");
        std::fs::write(&user, "key.quit=Q\ndue=5\n").unwrap();
        let s = Settings::load(Some(&user), Some(&taskrc));
        assert_eq!(s.get("urgency.due.coefficient"), Some("9.0"));
        assert_eq!(s.get("key.quit"), Some("Q"));
        assert_eq!(s.get("key.down"), Some("j down"));
        // Colours are tcui's own: the taskrc's colour lines mean something else there, and
        // are kept apart as Taskwarrior's colour rules.
        assert_eq!(s.get("color.overdue"), Some("bold red"));
        assert_eq!(
            s.taskrc_colours.get("color.overdue").map(String::as_str),
            Some("blue")
        );
        assert_eq!(s.due_days(), 5);
        assert_eq!(s.udas(), ["estimate"]);
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    }

    /// `rc.color.*=...` on the command line reaches the colour rules, over the taskrc's line
    /// and Taskwarrior's default, with or without a taskrc file.
    #[test]
    fn command_line_colours_win_over_the_taskrc_and_the_defaults() {
        use crate::config::taskrc::Places;
        let dir = tempfile::TempDir::new().unwrap();
        let file = dir.path().join("taskrc");
        std::fs::write(&file, "color.tag.x=red\ncolor.due=blue\n").unwrap();
        let overrides = vec![
            ("color.tag.x".to_string(), "green".to_string()),
            ("color".to_string(), "off".to_string()),
        ];
        for taskrc in [Some(file), Some(dir.path().join("none")), None] {
            let places = Places {
                taskrc: taskrc.clone(),
                home: Some(dir.path().to_path_buf()),
                xdg_config_home: Some(dir.path().join("xdg")),
                taskdata: None,
                overrides: overrides.clone(),
            };
            let s = Settings::load(None, places.taskrc().unwrap().as_ref());
            let colours = s.taskwarrior_colours();
            let get = |k: &str| colours.get(k).map(String::as_str);
            assert_eq!(get("color.tag.x"), Some("green"), "{taskrc:?}");
            assert_eq!(get("color"), Some("off"));
            assert_eq!(s.get("color"), None, "not one of tcui's own settings");
            let due = if taskrc.as_ref().is_some_and(|p| p.is_file()) {
                "blue"
            } else {
                "color1"
            };
            assert_eq!(get("color.due"), Some(due), "{taskrc:?}");
            assert_eq!(get("color.alternate"), Some("on gray2"));
        }
    }

    #[test]
    fn a_missing_user_file_is_fine() {
        let s = Settings::load(Some(Path::new("/no/such/config.rc")), None);
        assert_eq!(s.get("key.quit"), Some("q"));
        assert_eq!(s.due_days(), 7);
    }
}
