//! Taskwarrior's urgency: a weighted sum of terms read from one task, its dependencies and
//! the clock, with coefficients read from `urgency.*` settings.
//!
//! Pure: no I/O; the settings arrive as key/value pairs and the time through the
//! [`TagContext`].

use chrono::{DateTime, Utc};

use super::keys::{self, tag_key};
use super::task::Task;
use super::virtual_tags::{TagContext, VirtualTag};
use crate::time::parse_timestamp;

/// Coefficients smaller than this are skipped, as Taskwarrior does.
const EPSILON: f64 = 0.000_001;

/// How much each urgency term weighs; [`Default`] gives Taskwarrior 3's defaults.
///
/// The per-tag, per-project, per-keyword and per-UDA coefficients are set through
/// [`UrgencyCoefficients::set`] or [`UrgencyCoefficients::from_settings`].
#[derive(Debug, Clone, PartialEq)]
pub struct UrgencyCoefficients {
    pub due: f64,
    pub blocking: f64,
    pub scheduled: f64,
    pub active: f64,
    pub age: f64,
    pub annotations: f64,
    pub tags: f64,
    pub project: f64,
    pub waiting: f64,
    pub blocked: f64,
    /// Days after which the age term stops growing (`urgency.age.max`); 0 means the age
    /// term is always 1.
    pub age_max: f64,
    /// `urgency.inherit`: see [`inherit_urgency`]; [`urgency`] itself does not apply it.
    pub inherit: bool,
    user_tags: Vec<(UserTag, f64)>,
    user_projects: Vec<(String, f64)>,
    user_keywords: Vec<(String, f64)>,
    udas: Vec<(String, f64)>,
    uda_values: Vec<(String, String, f64)>,
}

/// The tag of an `urgency.user.tag.<tag>.coefficient` setting, resolved once.
#[derive(Debug, Clone, PartialEq)]
enum UserTag {
    Virtual(VirtualTag),
    /// The property key, `tag_<name>`.
    Key(String),
}

impl UserTag {
    fn new(name: &str) -> UserTag {
        match VirtualTag::from_name(name) {
            Some(tag) => UserTag::Virtual(tag),
            None => UserTag::Key(tag_key(name)),
        }
    }

    fn name(&self) -> &str {
        match self {
            UserTag::Virtual(tag) => tag.name(),
            UserTag::Key(key) => key.strip_prefix("tag_").unwrap_or(key),
        }
    }

    fn on(&self, task: &Task, ctx: &TagContext<'_>) -> bool {
        match self {
            UserTag::Virtual(tag) => task.has_virtual_tag(*tag, ctx),
            UserTag::Key(key) => task.data().has(key),
        }
    }
}

impl Default for UrgencyCoefficients {
    fn default() -> Self {
        UrgencyCoefficients {
            due: 12.0,
            blocking: 8.0,
            scheduled: 5.0,
            active: 4.0,
            age: 2.0,
            annotations: 1.0,
            tags: 1.0,
            project: 1.0,
            waiting: -3.0,
            blocked: -5.0,
            age_max: 365.0,
            inherit: false,
            user_tags: vec![(UserTag::new("next"), 15.0)],
            user_projects: Vec::new(),
            user_keywords: Vec::new(),
            udas: Vec::new(),
            uda_values: vec![
                (keys::PRIORITY.into(), "H".into(), 6.0),
                (keys::PRIORITY.into(), "M".into(), 3.9),
                (keys::PRIORITY.into(), "L".into(), 1.8),
            ],
        }
    }
}

impl UrgencyCoefficients {
    /// Taskwarrior's defaults overridden by every `urgency.*` key in `settings`; other keys
    /// are ignored. Returns a warning for each value that could not be used, which then
    /// keeps its previous value.
    pub fn from_settings<'a>(
        settings: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<String>) {
        let mut coeffs = UrgencyCoefficients::default();
        let mut warnings = Vec::new();
        for (key, value) in settings {
            if key.starts_with("urgency.")
                && let Err(warning) = coeffs.set(key, value)
            {
                warnings.push(warning);
            }
        }
        (coeffs, warnings)
    }

    /// Apply one `urgency.*` setting. The error says why the value was not used.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        if key == "urgency.inherit" {
            self.inherit = parse_bool(value).ok_or_else(|| {
                format!("{key}={value}: not a yes/no value (use 1 or 0); kept the old value")
            })?;
            return Ok(());
        }
        let number = |what: &str| -> Result<f64, String> {
            value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(|| format!("{key}={value}: {what}; kept the old value"))
        };
        if key == "urgency.age.max" {
            let days = number("not a number of days")?;
            if days < 0.0 {
                return Err(format!(
                    "{key}={value}: cannot be negative; kept the old value"
                ));
            }
            self.age_max = days;
            return Ok(());
        }
        let Some(middle) = key
            .strip_prefix("urgency.")
            .and_then(|k| k.strip_suffix(".coefficient"))
        else {
            return Err(format!("{key}: not an urgency setting tcui knows; ignored"));
        };
        let c = number("not a number")?;
        if let Some(tag) = middle.strip_prefix("user.tag.") {
            let tag = UserTag::new(tag);
            upsert(&mut self.user_tags, |(t, _)| *t == tag, (tag.clone(), c));
        } else if let Some(project) = middle.strip_prefix("user.project.") {
            upsert(
                &mut self.user_projects,
                |(p, _)| p == project,
                (project.into(), c),
            );
        } else if let Some(word) = middle.strip_prefix("user.keyword.") {
            upsert(
                &mut self.user_keywords,
                |(w, _)| w == word,
                (word.into(), c),
            );
        } else if let Some(uda) = middle.strip_prefix("uda.") {
            match uda.split_once('.') {
                None => upsert(&mut self.udas, |(u, _)| u == uda, (uda.into(), c)),
                Some((name, v)) => upsert(
                    &mut self.uda_values,
                    |(n, x, _)| n == name && x == v,
                    (name.into(), v.into(), c),
                ),
            }
        } else {
            let field = match middle {
                "due" => &mut self.due,
                "blocking" => &mut self.blocking,
                "scheduled" => &mut self.scheduled,
                "active" => &mut self.active,
                "age" => &mut self.age,
                "annotations" => &mut self.annotations,
                "tags" => &mut self.tags,
                "project" => &mut self.project,
                "waiting" => &mut self.waiting,
                "blocked" => &mut self.blocked,
                _ => return Err(format!("{key}: not an urgency setting tcui knows; ignored")),
            };
            *field = c;
        }
        Ok(())
    }
}

/// Replace the entry `matches` finds, or add `entry`: a later setting wins.
fn upsert<T>(list: &mut Vec<T>, matches: impl Fn(&T) -> bool, entry: T) {
    match list.iter_mut().find(|e| matches(e)) {
        Some(slot) => *slot = entry,
        None => list.push(entry),
    }
}

/// Taskwarrior's boolean settings: `1`, `yes`, `y`, `on`, `true` and their opposites.
fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "yes" | "y" | "on" | "true" | "t" => Some(true),
        "0" | "no" | "n" | "off" | "false" | "f" | "" => Some(false),
        _ => None,
    }
}

/// The urgency of `task` as Taskwarrior computes it (`Task::urgency_c`), without
/// `urgency.inherit` (see [`inherit_urgency`]).
///
/// Like Taskwarrior, the status is not consulted: completed and deleted tasks get a value
/// too, though BLOCKED and BLOCKING never apply to them because the dependency map only
/// holds pending tasks.
pub fn urgency(task: &Task, coeffs: &UrgencyCoefficients, ctx: &TagContext<'_>) -> f64 {
    let mut value = 0.0;
    terms(
        task,
        coeffs,
        ctx,
        &mut |_: &dyn Fn() -> String, coefficient, term| {
            value += coefficient * term;
        },
    );
    value
}

/// The terms of [`urgency`] that count: `(name, coefficient, term)`, their products adding
/// up to it, as `task info` lists them.
pub fn urgency_terms(
    task: &Task,
    coeffs: &UrgencyCoefficients,
    ctx: &TagContext<'_>,
) -> Vec<(String, f64, f64)> {
    let mut out = Vec::new();
    terms(
        task,
        coeffs,
        ctx,
        &mut |name: &dyn Fn() -> String, coefficient, term| {
            if term != 0.0 {
                out.push((name(), coefficient, term));
            }
        },
    );
    out
}

/// Each term with a coefficient that is not zero, to `add(name, coefficient, term)`.
fn terms<F: FnMut(&dyn Fn() -> String, f64, f64)>(
    task: &Task,
    coeffs: &UrgencyCoefficients,
    ctx: &TagContext<'_>,
    sink: &mut F,
) {
    let c = coeffs;
    let now = ctx.now;
    let data = task.data();
    let uuid = task.uuid();
    let mut add = |name: &dyn Fn() -> String, coefficient: f64, term: f64| {
        if coefficient.abs() > EPSILON {
            sink(name, coefficient, term);
        }
    };
    let named = |n: &'static str| move || n.to_string();
    let facts = Facts::of(data);
    add(&named("project"), c.project, flag(facts.project.is_some()));
    add(&named("active"), c.active, flag(facts.active));
    let scheduled = facts.scheduled.is_some_and(|s| s < now);
    add(&named("scheduled"), c.scheduled, flag(scheduled));
    let waiting = facts.pending && facts.wait.is_some_and(|w| w > now);
    add(&named("waiting"), c.waiting, flag(waiting));
    add(
        &named("blocked"),
        c.blocked,
        flag(ctx.depmap.is_blocked(uuid)),
    );
    add(
        &named("annotations"),
        c.annotations,
        count_term(facts.annotations),
    );
    add(&named("tags"), c.tags, count_term(facts.tags));
    let due = facts.due.map_or(0.0, |due| due_term(due, now));
    add(&named("due"), c.due, due);
    add(
        &named("blocking"),
        c.blocking,
        flag(ctx.depmap.is_blocking(uuid)),
    );
    let age = facts
        .entry
        .map_or(0.0, |entry| age_term(entry, now, c.age_max));
    add(&named("age"), c.age, age);

    for (tag, coefficient) in &c.user_tags {
        add(
            &|| format!("tag {}", tag.name()),
            *coefficient,
            flag(tag.on(task, ctx)),
        );
    }
    if let Some(project) = facts.project {
        for (prefix, coefficient) in &c.user_projects {
            let on = flag(in_project(project, prefix));
            add(&|| format!("project {prefix}"), *coefficient, on);
        }
    }
    if !c.user_keywords.is_empty() {
        let description = task.description();
        for (word, coefficient) in &c.user_keywords {
            let on = flag(description.contains(word.as_str()));
            add(&|| format!("keyword {word}"), *coefficient, on);
        }
    }
    for (name, coefficient) in &c.udas {
        add(
            &|| format!("UDA {name}"),
            *coefficient,
            flag(data.has(name)),
        );
    }
    for (name, v, coefficient) in &c.uda_values {
        let on = flag(data.get(name) == Some(v.as_str()));
        add(&|| format!("UDA {name}.{v}"), *coefficient, on);
    }
}

/// What the built-in terms read of a task, gathered in one walk over its properties (in
/// name order) rather than a search for each; read as [`Task`]'s accessors read them.
#[derive(Default)]
struct Facts<'a> {
    project: Option<&'a str>,
    active: bool,
    scheduled: Option<DateTime<Utc>>,
    /// The stored status is exactly `pending` (see [`Task::is_waiting`]).
    pending: bool,
    wait: Option<DateTime<Utc>>,
    annotations: usize,
    tags: usize,
    due: Option<DateTime<Utc>>,
    entry: Option<DateTime<Utc>>,
}

impl<'a> Facts<'a> {
    fn of(data: &'a crate::task::TaskData) -> Facts<'a> {
        let mut facts = Facts::default();
        for (key, value) in data.iter() {
            match key {
                keys::PROJECT => facts.project = Some(value),
                keys::START => facts.active = true,
                keys::SCHEDULED => facts.scheduled = parse_timestamp(value),
                keys::STATUS => facts.pending = value == "pending",
                keys::WAIT => facts.wait = parse_timestamp(value),
                keys::DUE => facts.due = parse_timestamp(value),
                keys::ENTRY => facts.entry = parse_timestamp(value),
                _ => {
                    if let Some(name) = key.strip_prefix(keys::TAG_PREFIX) {
                        facts.tags += usize::from(crate::task::Tag::is_valid(name));
                    } else if let Some(when) = key.strip_prefix(keys::ANNOTATION_PREFIX) {
                        facts.annotations += usize::from(parse_timestamp(when).is_some());
                    }
                }
            }
        }
        facts
    }
}

/// `urgency.inherit`: a task that blocks others takes the highest urgency among the tasks
/// it blocks when that is higher than its own, plus 0.01 so that it sorts above them.
/// Those urgencies should themselves have been inherited first.
pub fn inherit_urgency(own: f64, blocked: impl IntoIterator<Item = f64>) -> f64 {
    let highest = blocked.into_iter().fold(f64::MIN, f64::max);
    if highest > own { highest + 0.01 } else { own }
}

fn flag(on: bool) -> f64 {
    if on { 1.0 } else { 0.0 }
}

/// The tags and annotations terms: none 0, one 0.8, two 0.9, more 1.
fn count_term(n: usize) -> f64 {
    match n {
        0 => 0.0,
        1 => 0.8,
        2 => 0.9,
        _ => 1.0,
    }
}

/// 1 from a week overdue, 0.2 from two weeks ahead, linear between.
fn due_term(due: DateTime<Utc>, now: DateTime<Utc>) -> f64 {
    let days_overdue = (now - due).num_seconds() as f64 / 86_400.0;
    if days_overdue >= 7.0 {
        1.0
    } else if days_overdue >= -14.0 {
        (days_overdue + 14.0) * 0.8 / 21.0 + 0.2
    } else {
        0.2
    }
}

/// Whole days since entry (truncated, as Taskwarrior's integer division) over `max`,
/// capped at 1.
fn age_term(entry: DateTime<Utc>, now: DateTime<Utc>, max: f64) -> f64 {
    let days = ((now - entry).num_seconds() / 86_400) as f64;
    if max == 0.0 || days > max {
        1.0
    } else {
        days / max
    }
}

/// Taskwarrior's project rule for user coefficients: the project itself or a subproject.
fn in_project(project: &str, prefix: &str) -> bool {
    project
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::data::{TaskData, TaskMap};
    use crate::task::depmap::DependencyMap;
    use chrono::{FixedOffset, TimeDelta};
    use uuid::Uuid;

    /// Wednesday 2024-05-15 10:00:00 UTC.
    fn now() -> DateTime<Utc> {
        "2024-05-15T10:00:00Z".parse().unwrap()
    }

    /// `now` shifted by a number of seconds, as stored.
    fn at(secs: i64) -> String {
        (now() + TimeDelta::seconds(secs)).timestamp().to_string()
    }

    const DAY: i64 = 86_400;

    fn task(id: u128, pairs: &[(&str, &str)]) -> Task {
        let map: TaskMap = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Task::new(TaskData::new(Uuid::from_u128(id), map))
    }

    fn score_with(t: &Task, coeffs: &UrgencyCoefficients, depmap: &DependencyMap) -> f64 {
        let ctx = TagContext::new(now(), FixedOffset::east_opt(0).unwrap(), depmap);
        urgency(t, coeffs, &ctx)
    }

    fn score(pairs: &[(&str, &str)]) -> f64 {
        score_with(
            &task(1, pairs),
            &UrgencyCoefficients::default(),
            &DependencyMap::new(),
        )
    }

    fn assert_close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 0.0005,
            "urgency {actual} is not {expected}"
        );
    }

    #[test]
    fn a_bare_task_scores_zero() {
        assert_close(score(&[("status", "pending"), ("description", "x")]), 0.0);
    }

    #[test]
    fn project_active_scheduled_waiting() {
        assert_close(score(&[("project", "home")]), 1.0);
        assert_close(score(&[("start", &at(-60))]), 4.0);
        assert_close(score(&[("scheduled", &at(-1))]), 5.0);
        assert_close(score(&[("scheduled", &at(1))]), 0.0);
        assert_close(score(&[("status", "pending"), ("wait", &at(DAY))]), -3.0);
        assert_close(score(&[("status", "pending"), ("wait", &at(-DAY))]), 0.0);
    }

    #[test]
    fn blocked_and_blocking_come_from_the_depmap() {
        let mut depmap = DependencyMap::new();
        depmap.add_dependency(Uuid::from_u128(1), Uuid::from_u128(2));
        let coeffs = UrgencyCoefficients::default();
        assert_close(score_with(&task(1, &[]), &coeffs, &depmap), -5.0);
        assert_close(score_with(&task(2, &[]), &coeffs, &depmap), 8.0);
        assert_close(score_with(&task(3, &[]), &coeffs, &depmap), 0.0);
    }

    #[test]
    fn tags_and_annotations_count_point_eight_point_nine_one() {
        assert_close(score(&[("tag_a", "")]), 0.8);
        assert_close(score(&[("tag_a", ""), ("tag_b", "")]), 0.9);
        assert_close(score(&[("tag_a", ""), ("tag_b", ""), ("tag_c", "")]), 1.0);
        assert_close(
            score(&[("tag_a", ""), ("tag_b", ""), ("tag_c", ""), ("tag_d", "")]),
            1.0,
        );
        // Keys that name no valid tag are not counted.
        assert_close(score(&[("tag_a", ""), ("tag_1x", "")]), 0.8);
        let (a, b, c) = (
            "annotation_1700000001",
            "annotation_1700000002",
            "annotation_1700000003",
        );
        assert_close(score(&[(a, "n")]), 0.8);
        assert_close(score(&[(a, "n"), (b, "n")]), 0.9);
        assert_close(score(&[(a, "n"), (b, "n"), (c, "n")]), 1.0);
    }

    #[test]
    fn next_tag_adds_fifteen_on_top_of_the_tag_count() {
        assert_close(score(&[("tag_next", "")]), 15.8);
    }

    #[test]
    fn due_is_linear_from_a_week_overdue_to_two_weeks_ahead() {
        // (d + 14) * 0.8 / 21 + 0.2, times 12.
        assert_close(score(&[("due", &at(-30 * DAY))]), 12.0);
        assert_close(score(&[("due", &at(-7 * DAY))]), 12.0);
        assert_close(score(&[("due", &at(-7 * DAY / 2))]), 10.4);
        assert_close(score(&[("due", &at(7 * DAY / 2))]), 7.2);
        assert_close(score(&[("due", &at(0))]), 8.8);
        assert_close(score(&[("due", &at(7 * DAY))]), 5.6);
        assert_close(score(&[("due", &at(14 * DAY))]), 2.4);
        assert_close(score(&[("due", &at(30 * DAY))]), 2.4);
        // One hour overdue: d = 1/24.
        assert_close(score(&[("due", &at(-3600))]), 8.819);
    }

    #[test]
    fn age_counts_whole_days_up_to_the_maximum() {
        assert_close(score(&[("entry", &at(-73 * DAY))]), 0.4);
        // 73.9 days old still counts as 73.
        assert_close(score(&[("entry", &at(-73 * DAY - 9 * DAY / 10))]), 0.4);
        assert_close(score(&[("entry", &at(-365 * DAY))]), 2.0);
        assert_close(score(&[("entry", &at(-400 * DAY))]), 2.0);
        assert_close(score(&[("entry", &at(-DAY / 2))]), 0.0);
        let (coeffs, _) = UrgencyCoefficients::from_settings([("urgency.age.max", "0")]);
        let t = task(1, &[("entry", &at(-DAY))]);
        assert_close(score_with(&t, &coeffs, &DependencyMap::new()), 2.0);
    }

    #[test]
    fn priority_is_a_uda_value_coefficient() {
        assert_close(score(&[("priority", "H")]), 6.0);
        assert_close(score(&[("priority", "M")]), 3.9);
        assert_close(score(&[("priority", "L")]), 1.8);
        assert_close(score(&[("priority", "h")]), 0.0);
    }

    #[test]
    fn user_project_tag_keyword_and_uda_coefficients() {
        let (coeffs, warnings) = UrgencyCoefficients::from_settings([
            ("urgency.user.project.Home.coefficient", "2.5"),
            ("urgency.user.tag.home.coefficient", "3"),
            ("urgency.user.tag.OVERDUE.coefficient", "10"),
            ("urgency.user.keyword.call.coefficient", "0.5"),
            ("urgency.uda.estimate.coefficient", "1.5"),
            ("urgency.uda.size.big.coefficient", "2"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let depmap = DependencyMap::new();
        let s = |pairs: &[(&str, &str)]| score_with(&task(1, pairs), &coeffs, &depmap);
        // project term 1 plus the user coefficient for the project or a subproject.
        assert_close(s(&[("project", "Home")]), 3.5);
        assert_close(s(&[("project", "Home.Garden")]), 3.5);
        assert_close(s(&[("project", "Homework")]), 1.0);
        assert_close(s(&[("tag_home", "")]), 3.8);
        // OVERDUE (a virtual tag) plus the due term for a week overdue.
        assert_close(
            s(&[("status", "pending"), ("due", &at(-7 * DAY))]),
            10.0 + 12.0,
        );
        assert_close(s(&[("description", "call mum")]), 0.5);
        assert_close(s(&[("description", "Call mum")]), 0.0);
        assert_close(s(&[("estimate", "3")]), 1.5);
        assert_close(s(&[("size", "big")]), 2.0);
        assert_close(s(&[("size", "small")]), 0.0);
    }

    #[test]
    fn everything_at_once() {
        let mut depmap = DependencyMap::new();
        depmap.add_dependency(Uuid::from_u128(9), Uuid::from_u128(1));
        let t = task(
            1,
            &[
                ("status", "pending"),
                ("description", "ship it"),
                ("project", "work"),
                ("priority", "H"),
                ("tag_next", ""),
                ("tag_office", ""),
                ("annotation_1715000000", "note"),
                ("due", &at(7 * DAY)),
                ("entry", &at(-73 * DAY)),
                ("start", &at(-60)),
            ],
        );
        // project 1 + active 4 + annotations 0.8 + tags 0.9 + due 5.6 + blocking 8
        // + age 0.4 + next 15 + priority H 6
        assert_close(
            score_with(&t, &UrgencyCoefficients::default(), &depmap),
            41.7,
        );
    }

    #[test]
    fn completed_tasks_are_scored_like_taskwarrior() {
        assert_close(score(&[("status", "completed"), ("project", "x")]), 1.0);
    }

    #[test]
    fn settings_override_defaults_and_later_keys_win() {
        let (coeffs, warnings) = UrgencyCoefficients::from_settings([
            ("urgency.due.coefficient", "10"),
            ("urgency.blocked.coefficient", " -1.5 "),
            ("urgency.uda.priority.H.coefficient", "1"),
            ("urgency.uda.priority.H.coefficient", "2"),
            ("urgency.user.tag.next.coefficient", "0"),
            ("urgency.inherit", "yes"),
            ("urgency.age.max", "30"),
            ("color.due", "red"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(coeffs.due, 10.0);
        assert_eq!(coeffs.blocked, -1.5);
        assert_eq!(coeffs.age_max, 30.0);
        assert!(coeffs.inherit);
        let depmap = DependencyMap::new();
        let s = |pairs: &[(&str, &str)]| score_with(&task(1, pairs), &coeffs, &depmap);
        assert_close(s(&[("priority", "H")]), 2.0);
        assert_close(s(&[("priority", "M")]), 3.9);
        assert_close(s(&[("tag_next", "")]), 0.8);
        assert_close(s(&[("entry", &at(-15 * DAY))]), 1.0);
    }

    #[test]
    fn bad_values_warn_and_keep_the_default() {
        let (coeffs, warnings) = UrgencyCoefficients::from_settings([
            ("urgency.due.coefficient", "high"),
            ("urgency.age.max", "-3"),
            ("urgency.inherit", "maybe"),
            ("urgency.active.coefficient", "inf"),
            ("urgency.blockign.coefficient", "2"),
            ("urgency.user.tag.x.coefficient", ""),
        ]);
        assert_eq!(coeffs, UrgencyCoefficients::default());
        assert_eq!(
            warnings,
            [
                "urgency.due.coefficient=high: not a number; kept the old value",
                "urgency.age.max=-3: cannot be negative; kept the old value",
                "urgency.inherit=maybe: not a yes/no value (use 1 or 0); kept the old value",
                "urgency.active.coefficient=inf: not a number; kept the old value",
                "urgency.blockign.coefficient: not an urgency setting tcui knows; ignored",
                "urgency.user.tag.x.coefficient=: not a number; kept the old value",
            ]
        );
    }

    #[test]
    fn inherit_takes_the_highest_blocked_urgency_plus_a_hundredth() {
        assert_close(inherit_urgency(5.0, [7.0, 3.0]), 7.01);
        assert_close(inherit_urgency(5.0, [4.0]), 5.0);
        assert_close(inherit_urgency(5.0, []), 5.0);
    }
}
