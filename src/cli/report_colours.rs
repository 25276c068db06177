//! Whether `tcui REPORT` prints in colour, and in which colours: as `task` decides (a
//! terminal with `color` on, or `_forcecolor` on), unless `NO_COLOR` is set; Taskwarrior's
//! own colours for reports under the taskrc's `color.*` and `rule.*` lines.

use crate::app::colour_rules::{Colour, ColourRules};
use crate::app::table_colour::{TableColours, row_colour};
use crate::config::{Settings, is_true};
use crate::task::{TagContext, Task};

/// Whether a report is printed in colour. As in Taskwarrior, `_forcecolor` turns it on
/// whatever `color` says, and without it colour needs a terminal and `color` on (its
/// default). `no_colour` (`NO_COLOR` set, and not empty) turns it off in any case.
pub(super) fn wanted(settings: &Settings, terminal: bool, no_colour: bool) -> bool {
    let on = |value: Option<&String>, default: bool| value.map_or(default, |v| is_true(v));
    let forced = settings.get("_forcecolor").is_some_and(is_true);
    let colour = on(settings.taskrc_colours.get("color"), true);
    !no_colour && (forced || (terminal && colour))
}

/// Whether `NO_COLOR` asks for no colour.
pub(super) fn no_colour_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The colours a report is painted in.
pub(super) struct ReportColours {
    rules: ColourRules,
    alternate: Colour,
    label: Colour,
    sort_label: Colour,
    footnote: Colour,
    error: Colour,
    underline: bool,
}

impl ReportColours {
    /// The colours the settings give, and a warning naming each colour that cannot be read
    /// (it is then left out; the report still prints).
    pub(super) fn from_settings(settings: &Settings) -> (ReportColours, Vec<String>) {
        let colours = settings.taskwarrior_colours();
        // Colour is in use, so `color` is on, even when `_forcecolor` overrode an off.
        let pairs = colours
            .iter()
            .filter(|(k, _)| k.as_str() != "color")
            .map(|(k, v)| (k.as_str(), v.as_str()));
        let (rules, warnings) = ColourRules::from_settings(pairs.chain(settings.search_case()));
        let colour = |key: &str| {
            colours
                .get(key)
                .and_then(|spec| Colour::parse(spec).ok())
                .unwrap_or_default()
        };
        let report = ReportColours {
            rules,
            alternate: colour("color.alternate"),
            label: colour("color.label"),
            sort_label: colour("color.label.sort"),
            footnote: colour("color.footnote"),
            error: colour("color.error"),
            underline: settings.get("fontunderline").is_none_or(is_true),
        };
        (report, warnings)
    }

    /// Whether the labels are underlined rather than dashed.
    pub(super) fn underline(&self) -> bool {
        self.underline
    }

    /// A footnote under the report in `color.footnote`, or an error in `color.error`.
    pub(super) fn footnote(&self, text: &str, error: bool) -> String {
        if error {
            self.error.paint(text)
        } else {
            self.footnote.paint(text)
        }
    }

    /// The colour the rules give `task`, if any.
    pub(super) fn rule(&self, task: &Task, ctx: &TagContext<'_>) -> Option<Colour> {
        self.rules.colour_of(task, ctx)
    }

    /// The table's colours for rows whose rule colours are `rules`, in order, under columns
    /// of which `sorted` tells which the report sorts by.
    pub(super) fn table(&self, rules: &[Option<Colour>], sorted: Vec<bool>) -> TableColours {
        TableColours {
            rows: rules
                .iter()
                .enumerate()
                .map(|(i, rule)| row_colour(i, self.alternate, *rule))
                .collect(),
            label: self.label,
            sort_label: self.sort_label,
            sorted,
            underline: self.underline,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(values: &[(&str, &str)], colours: &[(&str, &str)]) -> Settings {
        let pairs = |list: &[(&str, &str)]| {
            list.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        Settings {
            values: pairs(values),
            taskrc_colours: pairs(colours),
            ..Settings::default()
        }
    }

    #[test]
    fn colour_on_a_terminal_or_when_forced_and_never_with_no_color() {
        let none = settings(&[], &[]);
        assert!(wanted(&none, true, false));
        assert!(!wanted(&none, false, false));
        assert!(!wanted(&none, true, true));
        let off = settings(&[], &[("color", "off")]);
        assert!(!wanted(&off, true, false));
        // Taskwarrior's `_forcecolor` wins over `color=off`.
        let forced = settings(&[("_forcecolor", "on")], &[("color", "off")]);
        assert!(wanted(&forced, false, false));
        assert!(!wanted(&forced, false, true));
    }

    #[test]
    fn taskwarriors_defaults_read_and_the_taskrc_wins() {
        let (report, warnings) = ReportColours::from_settings(&settings(&[], &[]));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(report.alternate, Colour::parse("on gray2").unwrap());
        assert!(report.underline);
        assert!(report.label.is_empty());
        let (report, warnings) = ReportColours::from_settings(&settings(
            &[("fontunderline", "off")],
            &[
                ("color.alternate", ""),
                ("color.label", "red"),
                ("color.tag.x", "purple"),
                ("color", "off"),
            ],
        ));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("color.tag.x: "), "{}", warnings[0]);
        assert!(report.alternate.is_empty());
        assert_eq!(report.label, Colour::parse("red").unwrap());
        assert!(!report.underline);
        assert!(
            !report.rules.is_empty(),
            "`color=off` does not stop forced colour"
        );
    }
}
