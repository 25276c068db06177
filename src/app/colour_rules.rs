//! Taskwarrior's colour rules: which colour a task's row takes from the taskrc's `color.*`
//! settings, `rule.precedence.color` and `rule.color.merge`, decided as Taskwarrior decides
//! it. The colours themselves (specs, merging, escape codes) are in `colour`.
//!
//! Pure: no I/O and no terminal crate. The settings are read once into a list of rules in
//! precedence order; [`ColourRules::colour_of`] is then cheap enough to call for every row.

mod colour;

use std::collections::BTreeMap;

pub use colour::{Basic, Colour, ColourError, Paint, RESET};

use crate::config::is_true;
use crate::task::keys::{self, TAG_PREFIX};
use crate::task::{Status, TagContext, Task, VirtualTag};

/// Taskwarrior's default `rule.precedence.color`, highest first.
pub const DEFAULT_PRECEDENCE: &str = "deleted,completed,active,keyword.,tag.,project.,overdue,\
                                      scheduled,due.today,due,blocked,blocking,recurring,tagged,uda.";

/// The tag that turns every colour off for its task.
pub const NO_COLOUR_TAG: &str = "nocolor";

/// The stored key of [`NO_COLOUR_TAG`].
const NO_COLOUR_KEY: &str = "tag_nocolor";

/// The colour rules in force, in precedence order (highest first).
#[derive(Debug, Clone, PartialEq)]
pub struct ColourRules {
    /// The `color` setting: off means no task is coloured.
    enabled: bool,
    /// `rule.color.merge`: blend every matching rule's colour instead of taking the highest.
    merge: bool,
    rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq)]
struct Rule {
    colour: Colour,
    test: Test,
}

/// What a rule asks of a task; one variant per kind of `color.*` key.
#[derive(Debug, Clone, PartialEq)]
enum Test {
    Deleted,
    Completed,
    /// Started and not ended (not quite the ACTIVE tag, which ignores `end`).
    Active,
    Keyword(Match),
    /// `color.tag.NAME`: a virtual tag when NAME is one, else the task's own tag.
    VirtualTag(VirtualTag),
    /// The stored key of a concrete tag, `tag_NAME`.
    Tag(String),
    TagNone,
    /// The project starts with this text (so sub-projects, and `Homework` for `Home`).
    Project(Match),
    ProjectNone,
    Overdue,
    /// Scheduled now or earlier.
    Scheduled,
    DueToday,
    Due,
    Blocked,
    Blocking,
    Recurring,
    Tagged,
    Until,
    /// `color.uda.NAME`: the task has the attribute.
    Uda(String),
    /// `color.uda.NAME.VALUE`: the attribute's value is VALUE; `none` also matches a task
    /// without it.
    UdaValue {
        name: String,
        value: String,
    },
}

/// A keyword or project prefix, lowercased beforehand when case does not matter.
#[derive(Debug, Clone, PartialEq)]
struct Match {
    text: String,
    sensitive: bool,
}

impl Match {
    fn new(text: &str, sensitive: bool) -> Match {
        let text = if sensitive {
            text.to_owned()
        } else {
            text.to_ascii_lowercase()
        };
        Match { text, sensitive }
    }

    fn eq_bytes(&self, candidate: &[u8]) -> bool {
        if self.sensitive {
            candidate == self.text.as_bytes()
        } else {
            candidate.eq_ignore_ascii_case(self.text.as_bytes())
        }
    }

    /// Whether `text` starts with this.
    fn starts(&self, text: &str) -> bool {
        text.as_bytes()
            .get(..self.text.len())
            .is_some_and(|head| self.eq_bytes(head))
    }

    /// Whether `text` contains this; an empty keyword is in everything.
    fn within(&self, text: &str) -> bool {
        let len = self.text.len();
        len == 0 || text.as_bytes().windows(len).any(|w| self.eq_bytes(w))
    }
}

impl Default for ColourRules {
    /// No rules: nothing is coloured.
    fn default() -> Self {
        ColourRules {
            enabled: true,
            merge: true,
            rules: Vec::new(),
        }
    }
}

impl ColourRules {
    /// The rules the settings give, with a warning for each colour that cannot be read
    /// (naming its key; that rule then counts as empty, so it colours nothing).
    ///
    /// Reads `color`, every `color.*` key, `rule.precedence.color`, `rule.color.merge` and
    /// `search.case.sensitive`; a later value for the same key wins. `color`, the precedence,
    /// the merge and the case setting default to Taskwarrior's values (on,
    /// [`DEFAULT_PRECEDENCE`], on, yes), but the colours do not: only the `color.*` keys
    /// given exist. To get Taskwarrior's default colours, the caller passes them in first.
    ///
    /// Each precedence entry names a key after `color.`; an entry that is not a key
    /// itself takes every key starting with it (`tag.` takes `color.tag.*`), in key order, as
    /// Taskwarrior's prefix matching does. Keys that are not rules (`color.header`,
    /// `color.calendar.*`, ...) are ignored.
    ///
    /// One difference from Taskwarrior: there, one unreadable colour turns every rule off.
    pub fn from_settings<'a>(
        settings: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> (ColourRules, Vec<String>) {
        let mut enabled = true;
        let mut merge = true;
        let mut sensitive = true;
        let mut precedence = DEFAULT_PRECEDENCE;
        let mut specs: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, value) in settings {
            match key {
                "color" => enabled = is_true(value),
                "rule.color.merge" => merge = is_true(value),
                "search.case.sensitive" => sensitive = is_true(value),
                "rule.precedence.color" => precedence = value,
                k if k.starts_with("color.") => {
                    specs.insert(key, value);
                }
                _ => {}
            }
        }

        let mut warnings = Vec::new();
        let colours: BTreeMap<&str, Colour> = specs
            .into_iter()
            .map(|(key, spec)| {
                let colour = Colour::parse(spec).unwrap_or_else(|e| {
                    warnings.push(format!("{key}: {e}; this colour is not used"));
                    Colour::default()
                });
                (key, colour)
            })
            .collect();

        let mut rules = Vec::new();
        // An empty list names nothing, but an empty entry in a list takes every key.
        let entries = precedence.split(',').filter(|_| !precedence.is_empty());
        for entry in entries {
            let name = format!("color.{entry}");
            let keys: Vec<&str> = if colours.contains_key(name.as_str()) {
                vec![name.as_str()]
            } else {
                colours
                    .keys()
                    .copied()
                    .filter(|k| k.starts_with(&name))
                    .collect()
            };
            for key in keys {
                let colour = colours.get(key).copied().unwrap_or_default();
                if colour.is_empty() {
                    continue;
                }
                if let Some(test) = Test::for_key(key, sensitive) {
                    rules.push(Rule { colour, test });
                }
            }
        }
        let rules = ColourRules {
            enabled,
            merge,
            rules,
        };
        (rules, warnings)
    }

    /// Whether any task can be coloured at all.
    pub fn is_empty(&self) -> bool {
        !self.enabled || self.rules.is_empty()
    }

    /// The colour of `task`'s row, or `None` when it has none: colours are off, the task is
    /// tagged `nocolor`, or no rule matches.
    ///
    /// Every rule is tried from the lowest precedence to the highest. With merging on, each
    /// match is blended over the colour so far; with it off, the highest match wins. The
    /// caller blends this over the row's own colour (`color.alternate`), as Taskwarrior
    /// does.
    pub fn colour_of(&self, task: &Task, ctx: &TagContext<'_>) -> Option<Colour> {
        if self.is_empty() || task.data().has(NO_COLOUR_KEY) {
            return None;
        }
        let mut colour = Colour::default();
        for rule in self.rules.iter().rev() {
            if rule.test.holds(task, ctx) {
                if self.merge {
                    colour.blend(&rule.colour);
                } else {
                    colour = rule.colour;
                }
            }
        }
        (!colour.is_empty()).then_some(colour)
    }
}

impl Test {
    /// The test a `color.*` key stands for, or `None` for a key that is not a rule.
    fn for_key(key: &str, sensitive: bool) -> Option<Test> {
        let rule = key.strip_prefix("color.")?;
        let test = match rule {
            "deleted" => Test::Deleted,
            "completed" => Test::Completed,
            "active" => Test::Active,
            "tag.none" => Test::TagNone,
            "project.none" => Test::ProjectNone,
            "overdue" => Test::Overdue,
            "scheduled" => Test::Scheduled,
            "due.today" => Test::DueToday,
            "due" => Test::Due,
            "blocked" => Test::Blocked,
            "blocking" => Test::Blocking,
            "recurring" => Test::Recurring,
            "tagged" => Test::Tagged,
            "until" => Test::Until,
            _ => {
                if let Some(tag) = rule.strip_prefix("tag.") {
                    match VirtualTag::from_name(tag) {
                        Some(v) => Test::VirtualTag(v),
                        None => Test::Tag(format!("{TAG_PREFIX}{tag}")),
                    }
                } else if let Some(project) = rule.strip_prefix("project.") {
                    Test::Project(Match::new(project, sensitive))
                } else if let Some(word) = rule.strip_prefix("keyword.") {
                    Test::Keyword(Match::new(word, sensitive))
                } else if let Some(uda) = rule.strip_prefix("uda.") {
                    match uda.split_once('.') {
                        Some((name, value)) => Test::UdaValue {
                            name: name.to_owned(),
                            value: value.to_owned(),
                        },
                        None => Test::Uda(uda.to_owned()),
                    }
                } else {
                    return None;
                }
            }
        };
        Some(test)
    }

    fn holds(&self, task: &Task, ctx: &TagContext<'_>) -> bool {
        let data = task.data();
        let tag = |t: VirtualTag| task.has_virtual_tag(t, ctx);
        match self {
            Test::Deleted => task.status() == Status::Deleted,
            Test::Completed => task.status() == Status::Completed,
            Test::Active => data.has(keys::START) && !data.has(keys::END),
            Test::Keyword(k) => {
                k.within(task.description()) || task.annotation_texts().any(|a| k.within(a))
            }
            Test::VirtualTag(v) => tag(*v),
            Test::Tag(key) => data.has(key),
            Test::TagNone => !tag(VirtualTag::Tagged),
            Test::Project(p) => p.starts(task.project().unwrap_or("")),
            Test::ProjectNone => !data.has(keys::PROJECT),
            Test::Overdue => tag(VirtualTag::Overdue),
            // A date that does not read is Taskwarrior's 0, long past.
            Test::Scheduled => {
                data.has(keys::SCHEDULED) && task.scheduled().is_none_or(|s| s <= ctx.now)
            }
            Test::DueToday => tag(VirtualTag::Today),
            Test::Due => tag(VirtualTag::Due),
            Test::Blocked => tag(VirtualTag::Blocked),
            Test::Blocking => tag(VirtualTag::Blocking),
            Test::Recurring => data.has(keys::RECUR),
            Test::Tagged => tag(VirtualTag::Tagged),
            Test::Until => data.has(keys::UNTIL),
            Test::Uda(name) => data.has(name),
            Test::UdaValue { name, value } => {
                (value == "none" && !data.has(name)) || data.get(name).unwrap_or("") == value
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::task::{DependencyMap, TaskData, TaskMap};

    /// The clock (UTC) when Taskwarrior 3.1.0 printed the rows these tests expect.
    const NOW: &str = "2026-12-01T03:37:27Z";

    fn secs(iso: &str) -> String {
        iso.parse::<DateTime<Utc>>()
            .unwrap()
            .timestamp()
            .to_string()
    }

    /// The tasks that Taskwarrior's database held, by description (its recurring template
    /// and instance were both "recurring"; they are told apart here).
    fn tasks() -> Vec<Task> {
        let rows: &[&[(&str, &str)]] = &[
            &[("description", "done one"), ("status", "deleted")],
            &[("description", "deleted one"), ("status", "deleted")],
            &[("description", "done two"), ("status", "completed")],
            &[("description", "plain")],
            &[
                ("description", "overdue today"),
                ("due", "2026-12-01T00:00:00Z"),
            ],
            &[("description", "due soon"), ("due", "2026-12-04T03:37:27Z")],
            &[("description", "late"), ("due", "2026-11-29T03:37:27Z")],
            &[
                ("description", "tag and project"),
                ("project", "Home.Garden"),
                ("tag_x", ""),
            ],
            &[("description", "project only"), ("project", "Home.Garden")],
            &[("description", "project prefix"), ("project", "Homework")],
            &[("description", "Buy Milk")],
            &[
                ("description", "annot"),
                ("annotation_1796096247", "get milk"),
            ],
            &[("description", "prio H"), ("priority", "H")],
            &[("description", "prio L"), ("priority", "L")],
            &[
                ("description", "nocolor task"),
                ("due", "2026-12-01T00:00:00Z"),
                ("tag_nocolor", ""),
                ("tag_x", ""),
            ],
            &[("description", "active"), ("start", "2026-12-01T03:37:27Z")],
            &[
                ("description", "sched past"),
                ("scheduled", "2026-11-30T00:00:00Z"),
            ],
            &[
                ("description", "sched future"),
                ("scheduled", "2026-12-02T00:00:00Z"),
            ],
            &[("description", "blocker")],
            &[("description", "blocked")],
            &[
                ("description", "recurring parent"),
                ("status", "recurring"),
                ("due", "2026-12-02T00:00:00Z"),
                ("recur", "weekly"),
                ("mask", "-"),
            ],
            &[("description", "until"), ("until", "2026-12-11T03:37:27Z")],
            &[("description", "estimate"), ("estimate", "3")],
            &[("description", "upper tag"), ("tag_Urgent", "")],
            &[
                ("description", "recurring child"),
                ("due", "2026-12-02T00:00:00Z"),
                ("recur", "weekly"),
                ("parent", "00000000-0000-0000-0000-000000000015"),
            ],
        ];
        rows.iter()
            .enumerate()
            .map(|(i, pairs)| {
                let mut map: TaskMap = [("status".to_string(), "pending".to_string())].into();
                for (k, v) in pairs.iter() {
                    let date = ["due", "start", "scheduled", "until"].contains(k);
                    let v = if date { secs(v) } else { v.to_string() };
                    map.insert(k.to_string(), v);
                }
                Task::new(TaskData::new(Uuid::from_u128(i as u128 + 1), map))
            })
            .collect()
    }

    fn uuid_of(tasks: &[Task], description: &str) -> Uuid {
        tasks
            .iter()
            .find(|t| t.description() == description)
            .unwrap()
            .uuid()
    }

    /// Every task's description and the sequence its row starts with, for these settings.
    fn colours(settings: &[(&str, &str)]) -> Vec<(String, String)> {
        let (rules, warnings) = ColourRules::from_settings(settings.iter().copied());
        assert!(warnings.is_empty(), "{warnings:?}");
        let tasks = tasks();
        let mut depmap = DependencyMap::new();
        depmap.add_dependency(uuid_of(&tasks, "blocked"), uuid_of(&tasks, "blocker"));
        let now = NOW.parse().unwrap();
        let ctx = TagContext::new(now, FixedOffset::east_opt(0).unwrap(), &depmap);
        tasks
            .iter()
            .map(|t| {
                let c = rules.colour_of(t, &ctx);
                (
                    t.description().to_string(),
                    c.map(|c| c.ansi()).unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Checks the rows Taskwarrior coloured; every task not listed had no colour.
    fn assert_rows(settings: &[(&str, &str)], coloured: &[(&str, &str)]) {
        assert_rows_else(settings, coloured, "");
    }

    /// Checks the rows Taskwarrior coloured; every task not listed had `otherwise`.
    fn assert_rows_else(settings: &[(&str, &str)], coloured: &[(&str, &str)], otherwise: &str) {
        for (description, ansi) in colours(settings) {
            let expected = coloured
                .iter()
                .find(|(d, _)| *d == description)
                .map_or(otherwise, |(_, a)| a);
            assert_eq!(ansi, expected, "{description}");
        }
    }

    /// One palette colour per rule. Taskwarrior printed the same with `rule.color.merge` on
    /// and off: `task rc.color.deleted=color1 ... rc.rule.color.merge=off t` (a report
    /// `t` with `columns=id,description`, `_forcecolor=on` and no other colours set).
    const ONE_PER_RULE: &[(&str, &str)] = &[
        ("color.deleted", "color1"),
        ("color.completed", "color2"),
        ("color.active", "color3"),
        ("color.keyword.milk", "color4"),
        ("color.tag.x", "color5"),
        ("color.project.Home", "color6"),
        ("color.overdue", "color9"),
        ("color.scheduled", "color10"),
        ("color.due.today", "color11"),
        ("color.due", "color12"),
        ("color.blocked", "color13"),
        ("color.blocking", "color14"),
        ("color.recurring", "color15"),
        ("color.tagged", "color16"),
        ("color.uda.priority.H", "color17"),
        ("color.uda.estimate", "color18"),
        ("color.until", "color19"),
    ];

    const ONE_PER_RULE_ROWS: &[(&str, &str)] = &[
        ("done one", "\x1b[38;5;1m"),
        ("deleted one", "\x1b[38;5;1m"),
        ("done two", "\x1b[38;5;2m"),
        // Overdue beats due and due today.
        ("overdue today", "\x1b[38;5;9m"),
        ("due soon", "\x1b[38;5;12m"),
        ("late", "\x1b[38;5;9m"),
        // A tag beats a project.
        ("tag and project", "\x1b[38;5;5m"),
        ("project only", "\x1b[38;5;6m"),
        ("project prefix", "\x1b[38;5;6m"),
        // Case matters by default: "Milk" is not "milk"; annotations count.
        ("annot", "\x1b[38;5;4m"),
        ("prio H", "\x1b[38;5;17m"),
        ("active", "\x1b[38;5;3m"),
        ("sched past", "\x1b[38;5;10m"),
        ("blocker", "\x1b[38;5;14m"),
        ("blocked", "\x1b[38;5;13m"),
        ("recurring parent", "\x1b[38;5;12m"),
        ("recurring child", "\x1b[38;5;12m"),
        // `until` is not in the default precedence.
        ("estimate", "\x1b[38;5;18m"),
        ("upper tag", "\x1b[38;5;16m"),
    ];

    #[test]
    fn one_colour_per_rule_with_merge_off() {
        let mut settings = ONE_PER_RULE.to_vec();
        settings.push(("rule.color.merge", "off"));
        assert_rows(&settings, ONE_PER_RULE_ROWS);
    }

    #[test]
    fn one_colour_per_rule_with_merge_on() {
        assert_rows(ONE_PER_RULE, ONE_PER_RULE_ROWS);
    }

    /// Colours that blend, with `search.case.sensitive=no`.
    const MIXED: &[(&str, &str)] = &[
        ("color.overdue", "red"),
        ("color.due", "on blue"),
        ("color.due.today", "underline"),
        ("color.tag.x", "bold"),
        ("color.project.Home", "on green"),
        ("color.keyword.milk", "inverse"),
        ("color.uda.priority.H", "on color4"),
        ("color.active", "bright"),
        ("color.scheduled", "on bright yellow"),
        ("color.recurring", "rgb013"),
        ("color.blocking", "bold white on red"),
        ("search.case.sensitive", "no"),
    ];

    #[test]
    fn mixed_colours_blend_with_merge_on() {
        assert_rows(
            MIXED,
            &[
                ("overdue today", "\x1b[4;31;44m"),
                ("due soon", "\x1b[44m"),
                ("late", "\x1b[31m"),
                ("tag and project", "\x1b[1;42m"),
                ("project only", "\x1b[42m"),
                ("project prefix", "\x1b[42m"),
                ("Buy Milk", "\x1b[7m"),
                ("annot", "\x1b[7m"),
                ("prio H", "\x1b[48;5;4m"),
                ("active", "\x1b[m"),
                ("sched past", "\x1b[103m"),
                ("blocker", "\x1b[1;37;41m"),
                ("recurring parent", "\x1b[38;5;25m\x1b[48;5;4m"),
                ("recurring child", "\x1b[38;5;25m\x1b[48;5;4m"),
            ],
        );
    }

    #[test]
    fn mixed_colours_take_the_highest_rule_with_merge_off() {
        let mut settings = MIXED.to_vec();
        settings.push(("rule.color.merge", "off"));
        assert_rows(
            &settings,
            &[
                ("overdue today", "\x1b[31m"),
                ("due soon", "\x1b[44m"),
                ("late", "\x1b[31m"),
                ("tag and project", "\x1b[1m"),
                ("project only", "\x1b[42m"),
                ("project prefix", "\x1b[42m"),
                ("Buy Milk", "\x1b[7m"),
                ("annot", "\x1b[7m"),
                ("prio H", "\x1b[48;5;4m"),
                ("active", "\x1b[m"),
                ("sched past", "\x1b[103m"),
                ("blocker", "\x1b[1;37;41m"),
                ("recurring parent", "\x1b[44m"),
                ("recurring child", "\x1b[44m"),
            ],
        );
    }

    /// The `none` rules, virtual tags, UDA values and two keywords, with merging off.
    const ABSENCES: &[(&str, &str)] = &[
        ("color.project.none", "color1"),
        ("color.tag.none", "color2"),
        ("color.tagged", "color3"),
        ("color.until", "color4"),
        ("color.tag.OVERDUE", "color5"),
        ("color.tag.Urgent", "color6"),
        ("color.uda.priority.none", "color7"),
        ("color.uda.estimate.3", "color8"),
        ("color.keyword.pla", "color9"),
        ("color.keyword.plain", "color10"),
        ("rule.color.merge", "off"),
    ];

    /// What `color.tag.none` gave the rows of untagged tasks.
    const UNTAGGED: &str = "\x1b[38;5;2m";

    #[test]
    fn within_a_prefix_the_first_key_in_order_wins() {
        // color.tag.OVERDUE sorts before color.tag.Urgent and color.tag.none; .pla before
        // .plain.
        assert_rows_else(
            ABSENCES,
            &[
                ("plain", "\x1b[38;5;9m"),
                ("overdue today", "\x1b[38;5;5m"),
                ("late", "\x1b[38;5;5m"),
                ("tag and project", "\x1b[38;5;3m"),
                ("nocolor task", ""),
                ("upper tag", "\x1b[38;5;6m"),
            ],
            UNTAGGED,
        );
    }

    #[test]
    fn a_custom_precedence() {
        let mut settings = ABSENCES.to_vec();
        settings.push(("rule.precedence.color", "until,tag.,uda.,project.,keyword."));
        assert_rows_else(
            &settings,
            &[
                ("overdue today", "\x1b[38;5;5m"),
                ("late", "\x1b[38;5;5m"),
                ("tag and project", "\x1b[38;5;7m"),
                ("nocolor task", ""),
                ("until", "\x1b[38;5;4m"),
                ("upper tag", "\x1b[38;5;6m"),
            ],
            UNTAGGED,
        );
    }

    #[test]
    fn projects_match_by_prefix_and_case_setting() {
        let home = [("color.project.home", "red")];
        assert_rows(&home, &[]);
        let insensitive = [
            ("color.project.home", "red"),
            ("search.case.sensitive", "no"),
        ];
        let red = "\x1b[31m";
        assert_rows(
            &insensitive,
            &[
                ("tag and project", red),
                ("project only", red),
                ("project prefix", red),
            ],
        );
    }

    /// An empty entry in the precedence list takes every `color.*` key, in key order; an
    /// empty list takes none.
    #[test]
    fn empty_precedence_entries() {
        let settings = [
            ("color.tag.x", "red"),
            ("color.project.Home", "blue"),
            ("color.header", "green"),
            ("rule.precedence.color", "deleted,"),
        ];
        let blue = "\x1b[34m";
        assert_rows(
            &settings,
            &[
                ("tag and project", blue),
                ("project only", blue),
                ("project prefix", blue),
            ],
        );
        assert_rows(
            &[("color.tag.x", "red"), ("rule.precedence.color", "")],
            &[],
        );
    }

    /// `color=off` (seen on a terminal, without `_forcecolor`) and `nocolor` turn it off.
    #[test]
    fn colour_off_and_nocolor() {
        assert_rows(&[("color.tag.x", "red"), ("color", "off")], &[]);
        assert_rows(
            &[("color.tag.x", "red"), ("color.tag.nocolor", "blue")],
            &[("tag and project", "\x1b[31m")],
        );
    }

    #[test]
    fn no_settings_no_colours() {
        let (rules, warnings) = ColourRules::from_settings(std::iter::empty());
        assert!(rules.is_empty());
        assert!(warnings.is_empty());
        assert_eq!(rules, ColourRules::default());
        assert_rows(&[], &[]);
    }

    #[test]
    fn an_unreadable_colour_is_named_and_left_out() {
        let settings = [("color.tag.x", "purple"), ("color.project.Home", "blue")];
        let (rules, warnings) = ColourRules::from_settings(settings.into_iter());
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with("color.tag.x: \"purple\" is not a colour"),
            "{}",
            warnings[0]
        );
        assert_eq!(rules.rules.len(), 1);
    }

    #[test]
    fn later_settings_win_and_other_colour_keys_are_no_rules() {
        let settings = [
            ("color.due", "red"),
            ("color.due", ""),
            ("color.header", "green"),
            ("color.calendar.due", "blue"),
        ];
        let (rules, _) = ColourRules::from_settings(settings.into_iter());
        assert!(rules.rules.is_empty(), "{:?}", rules.rules);
    }

    /// Without `color.due`, the entry `due` takes the keys starting with it, so
    /// `color.due.today` is tried twice; the outcome is the same.
    #[test]
    fn an_entry_without_its_key_takes_the_keys_it_starts() {
        let (rules, _) = ColourRules::from_settings([("color.due.today", "red")].into_iter());
        assert_eq!(rules.rules.len(), 2);
        assert!(rules.rules.iter().all(|r| r.test == Test::DueToday));
    }

    #[test]
    fn uda_values_and_none() {
        let t = |pairs: &[(&str, &str)]| {
            let map: TaskMap = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            Task::new(TaskData::new(Uuid::from_u128(1), map))
        };
        let depmap = DependencyMap::new();
        let ctx = TagContext::new(
            NOW.parse().unwrap(),
            FixedOffset::east_opt(0).unwrap(),
            &depmap,
        );
        let holds = |key: &str, task: &Task| Test::for_key(key, true).unwrap().holds(task, &ctx);
        let with = t(&[("size", "big.ish")]);
        let without = t(&[]);
        assert!(holds("color.uda.size", &with));
        assert!(!holds("color.uda.size", &without));
        assert!(holds("color.uda.size.big.ish", &with));
        assert!(!holds("color.uda.size.big", &with));
        assert!(holds("color.uda.size.none", &without));
        assert!(!holds("color.uda.size.none", &with));
        assert!(holds("color.uda.size.none", &t(&[("size", "none")])));
        assert!(holds("color.keyword.", &without), "an empty keyword");
        assert!(holds("color.project.", &without), "an empty project");
        assert!(!holds("color.tag.", &with));
        assert!(Test::for_key("color.label", true).is_none());
    }

    #[test]
    fn active_needs_no_end_and_a_bad_schedule_counts_as_past() {
        let depmap = DependencyMap::new();
        let ctx = TagContext::new(
            NOW.parse().unwrap(),
            FixedOffset::east_opt(0).unwrap(),
            &depmap,
        );
        let task = |pairs: &[(&str, &str)]| {
            let map: TaskMap = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            Task::new(TaskData::new(Uuid::from_u128(1), map))
        };
        assert!(Test::Active.holds(&task(&[("start", "1")]), &ctx));
        assert!(!Test::Active.holds(&task(&[("start", "1"), ("end", "2")]), &ctx));
        assert!(Test::Scheduled.holds(&task(&[("scheduled", "junk")]), &ctx));
        assert!(Test::Scheduled.holds(&task(&[("scheduled", &secs(NOW))]), &ctx));
    }

    #[test]
    fn the_nocolor_key_is_the_tags() {
        assert_eq!(NO_COLOUR_KEY, format!("{TAG_PREFIX}{NO_COLOUR_TAG}"));
    }
}
