//! A recurring template's series: the due dates Taskwarrior keeps instances for, up to now
//! and `recurrence.limit` dates ahead, and whether the template is spent
//! (`generateDueDates` in Taskwarrior's `recur.cpp`); and the instances a template is owed,
//! made as Taskwarrior makes them (`handleRecurrence`) but each with a UUID derived from its
//! template and index, so that two replicas that make the same instance make the same task.
//!
//! Pure: the time, the time zone and the limit are passed in.

use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

use super::data::TaskMap;
use super::keys;
use super::recurrence::MAX_MASK;
use super::status::Status;
use super::task::Task;
use crate::time::{RecurError, Recurrence, format_timestamp};

/// The due dates of a series, from the template's own due date on, one per instance index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub due: Vec<DateTime<Utc>>,
    /// The series has passed `until` and every instance of it is done or deleted: the
    /// template has nothing left to give.
    pub spent: bool,
}

/// What one recurring template asks for.
#[derive(Debug, Clone, Copy)]
pub struct SeriesOf<'a> {
    pub due: DateTime<Utc>,
    pub recur: &'a str,
    pub until: Option<DateTime<Utc>>,
    /// What became of each instance so far (see [`super::recurrence::mask_char`]).
    pub mask: &'a str,
}

impl<'a> SeriesOf<'a> {
    /// The template's due date, period, end and mask; `None` without a due date or a
    /// period (Taskwarrior refuses to store such a template, and deletes one it finds
    /// without a due date; tcui leaves it be).
    pub fn of(template: &'a Task) -> Option<SeriesOf<'a>> {
        let recur = template.get(keys::RECUR).filter(|r| !r.trim().is_empty())?;
        Some(SeriesOf {
            due: template.due()?,
            recur,
            until: template.until(),
            mask: template.get(keys::MASK).unwrap_or(""),
        })
    }

    /// The series as Taskwarrior works it out at `now`: every due date from the first,
    /// through those already past, until `limit` of them lie ahead of `now` or one lies
    /// past `until` (that one included, as Taskwarrior includes it).
    pub fn series<Tz: TimeZone>(
        &self,
        now: DateTime<Utc>,
        limit: i64,
        tz: &Tz,
    ) -> Result<Series, RecurError> {
        let mut period: Option<Recurrence> = None;
        let mut due = Vec::new();
        let mut ahead = 0;
        let mut at = self.due;
        loop {
            due.push(at);
            if let Some(until) = self.until
                && at > until
            {
                let marks = self.mask.chars().count();
                let spent = marks == due.len() && !self.mask.contains('-');
                return Ok(Series { due, spent });
            }
            if at > now {
                ahead += 1;
            }
            // A daily series begun long ago stops at the longest mask tcui keeps.
            if ahead >= limit || due.len() >= MAX_MASK {
                return Ok(Series { due, spent: false });
            }
            // Read once, when a step is first needed (a series that needs none is not
            // refused for its period).
            let period = match &period {
                Some(period) => period,
                None => period.insert(Recurrence::parse(self.recur)?),
            };
            at = period.after(at, tz)?;
        }
    }
}

/// The UUID of instance `index` of `template`: a name-based UUID (version 5) in the
/// template's UUID as namespace, the same on every replica.
pub fn instance_uuid(template: Uuid, index: usize) -> Uuid {
    Uuid::new_v5(&template, format!("recurrence instance {index}").as_bytes())
}

/// Instance `index` of `template`, due `due`, as Taskwarrior makes one: a copy of the
/// template's properties but its mask, pending, with `parent`, `imask`, `entry` now, and a
/// `wait` as far before `due` as the template's is before its own due date.
pub fn instance(
    template: &Task,
    index: usize,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> (Uuid, TaskMap) {
    let mut map: TaskMap = template
        .data()
        .iter()
        .filter(|(k, _)| *k != keys::MASK)
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let text = |key: &str, value: String, map: &mut TaskMap| map.insert(key.to_string(), value);
    text(keys::STATUS, Status::Pending.as_stored().into(), &mut map);
    text(keys::PARENT, template.uuid().to_string(), &mut map);
    text(keys::IMASK, index.to_string(), &mut map);
    text(keys::ENTRY, format_timestamp(now), &mut map);
    text(keys::DUE, format_timestamp(due), &mut map);
    if let (Some(wait), Some(own_due)) = (template.wait(), template.due()) {
        let wait = due + (wait - own_due);
        text(keys::WAIT, format_timestamp(wait), &mut map);
    }
    (instance_uuid(template.uuid(), index), map)
}

/// What a template is owed at `now`: its instances not yet made (those past the end of its
/// mask, as Taskwarrior decides), and its mask with them added; or that it is spent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owed {
    pub instances: Vec<(Uuid, TaskMap)>,
    /// The template's new mask, when instances were made.
    pub mask: Option<String>,
    pub spent: bool,
}

/// Where the instances of a chained template stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Links {
    /// One of them is pending (or waiting): the next is not made yet.
    pub pending: bool,
    /// When the last one made was finished (`end`), if it is known.
    pub last_end: Option<DateTime<Utc>>,
}

impl Links {
    /// Where the instances of the chained `template` stand: whether one of `tasks` is a
    /// pending instance of it, and when its last instance (the one its mask ends with,
    /// which `find` looks up by UUID) was finished.
    pub fn of<'a>(
        template: &Task,
        tasks: impl IntoIterator<Item = &'a Task>,
        find: impl FnOnce(Uuid) -> Option<Task>,
    ) -> Links {
        let made = template.get(keys::MASK).map_or(0, |m| m.chars().count());
        let last = made
            .checked_sub(1)
            .map(|i| instance_uuid(template.uuid(), i));
        Links {
            pending: tasks.into_iter().any(|t| {
                t.status() == Status::Pending
                    && super::recurrence::instance_of(t).is_some_and(|(p, _)| p == template.uuid())
            }),
            last_end: last.and_then(find).and_then(|t| t.end()),
        }
    }
}

/// Whether `template` is chained (`rtype:chained`): each instance is made when the one
/// before it is finished, due a period after that, one at a time.
pub fn is_chained(template: &Task) -> bool {
    template.get(keys::RTYPE) == Some("chained")
}

/// [`Owed`] of `template` at `now` (`None` for a task that is no template Taskwarrior
/// would generate from, or a chained one whose `links` are not known). A periodic template
/// is owed what Taskwarrior would make; a chained one (see [`is_chained`]), when none of
/// its instances is pending, the next: the first due on the template's due date, each
/// later one a period after the one before was finished (or after `now` when that is not
/// known), and none past `until` (the template is then spent). `recurrence.limit` does not
/// apply to it.
pub fn owed<Tz: TimeZone>(
    template: &Task,
    now: DateTime<Utc>,
    limit: i64,
    tz: &Tz,
    links: Option<Links>,
) -> Result<Option<Owed>, RecurError> {
    if template.status() != Status::Recurring {
        return Ok(None);
    }
    let Some(of) = SeriesOf::of(template) else {
        return Ok(None);
    };
    if is_chained(template) {
        return match links {
            Some(links) => owed_chained(template, &of, links, now, tz).map(Some),
            None => Ok(None),
        };
    }
    let series = of.series(now, limit, tz)?;
    if series.spent {
        return Ok(Some(Owed {
            instances: Vec::new(),
            mask: None,
            spent: true,
        }));
    }
    let mut mask = of.mask.to_string();
    let made = of.mask.chars().count();
    let waits = template.wait().is_some();
    let instances: Vec<(Uuid, TaskMap)> = series
        .due
        .iter()
        .enumerate()
        .skip(made)
        .map(|(index, due)| {
            mask.push(if waits { 'W' } else { '-' });
            instance(template, index, *due, now)
        })
        .collect();
    Ok(Some(Owed {
        mask: (!instances.is_empty()).then_some(mask),
        instances,
        spent: false,
    }))
}

fn owed_chained<Tz: TimeZone>(
    template: &Task,
    of: &SeriesOf<'_>,
    links: Links,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<Owed, RecurError> {
    let nothing = |spent| Owed {
        instances: Vec::new(),
        mask: None,
        spent,
    };
    let made = of.mask.chars().count();
    if links.pending || made >= MAX_MASK {
        return Ok(nothing(false));
    }
    let due = match made {
        0 => of.due,
        _ => Recurrence::parse(of.recur)?.after(links.last_end.unwrap_or(now), tz)?,
    };
    if of.until.is_some_and(|until| due > until) {
        return Ok(nothing(!of.mask.contains(['-', 'W'])));
    }
    let mut mask = of.mask.to_string();
    mask.push(if template.wait().is_some() { 'W' } else { '-' });
    Ok(Owed {
        instances: vec![instance(template, made, due, now)],
        mask: Some(mask),
        spent: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    fn dates(series: &Series) -> Vec<String> {
        series
            .due
            .iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect()
    }

    fn template<'a>(due: &str, recur: &'a str, until: Option<&str>, mask: &'a str) -> SeriesOf<'a> {
        SeriesOf {
            due: at(due),
            recur,
            until: until.map(at),
            mask,
        }
    }

    /// What `task` 3.1.0 made on 2026-12-01 of `add w due:2026-11-10 recur:weekly`, and
    /// with `rc.recurrence.limit=2`.
    #[test]
    fn past_dates_all_count_and_the_limit_counts_those_ahead() {
        let now = at("2026-12-01T14:00:00Z");
        let weekly = template("2026-11-10T00:00:00Z", "weekly", None, "");
        let one = weekly.series(now, 1, &Utc).unwrap();
        // 2026-12-01 00:00 is before now, so not ahead: the next one is.
        assert_eq!(
            dates(&one),
            [
                "2026-11-10",
                "2026-11-17",
                "2026-11-24",
                "2026-12-01",
                "2026-12-08"
            ]
        );
        assert!(!one.spent);
        let two = weekly.series(now, 2, &Utc).unwrap();
        assert_eq!(dates(&two).last().map(String::as_str), Some("2026-12-15"));
        // A limit of 0 or less still gives the first date, as Taskwarrior does.
        let none = weekly.series(now, 0, &Utc).unwrap();
        assert_eq!(dates(&none), ["2026-11-10"]);
    }

    /// What `task` 3.1.0 made on 2026-12-01 of `add trash due:today-3d recur:daily
    /// until:today-1d`: four instances, the last due after `until`; the mask stays `----`
    /// after they expire, so Taskwarrior never lets the template go.
    #[test]
    fn until_takes_one_date_past_it_and_a_finished_series_is_spent() {
        let now = at("2026-12-01T14:01:15Z");
        let mut daily = template(
            "2026-11-28T00:00:00Z",
            "daily",
            Some("2026-11-30T00:00:00Z"),
            "----",
        );
        let series = daily.series(now, 1, &Utc).unwrap();
        assert_eq!(
            dates(&series),
            ["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01"]
        );
        assert!(!series.spent);
        daily.mask = "+XX+";
        assert!(daily.series(now, 1, &Utc).unwrap().spent);
        // An instance not yet made is not a finished one.
        daily.mask = "+XX";
        assert!(!daily.series(now, 1, &Utc).unwrap().spent);
        // `task` 3.1.0 on the same day for `due:today recur:daily until:tomorrow`: two.
        let short = template(
            "2026-12-01T00:00:00Z",
            "daily",
            Some("2026-12-02T00:00:00Z"),
            "",
        );
        assert_eq!(
            dates(&short.series(now, 1, &Utc).unwrap()),
            ["2026-12-01", "2026-12-02"]
        );
    }

    #[test]
    fn a_long_series_stops_at_the_longest_mask_and_a_bad_period_is_an_error() {
        let now = at("2026-12-01T14:00:00Z");
        let hourly = template("1990-01-01T00:00:00Z", "1h", None, "");
        assert_eq!(hourly.series(now, 1, &Utc).unwrap().due.len(), MAX_MASK);
        let bad = template("2026-11-10T00:00:00Z", "sometimes", None, "");
        assert_eq!(
            bad.series(now, 1, &Utc),
            Err(RecurError::Invalid("sometimes".into()))
        );
    }

    fn task(uuid: u128, pairs: &[(&str, &str)]) -> Task {
        let map = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Task::new(super::super::TaskData::new(Uuid::from_u128(uuid), map))
    }

    /// The template `task` 3.1.0 stored for `add w due:2026-12-10 wait:2026-12-08
    /// recur:weekly +home project:x priority:H` and `1 annotate note`, and the instance
    /// `task list` then made of it (UUIDs aside).
    #[test]
    fn an_instance_is_the_template_copied_as_taskwarrior_copies_it() {
        let template = task(
            7,
            &[
                ("annotation_1796133915", "note"),
                ("description", "w"),
                ("due", "1796860800"),
                ("entry", "1796133915"),
                ("modified", "1796133915"),
                ("priority", "H"),
                ("project", "x"),
                ("recur", "weekly"),
                ("rtype", "periodic"),
                ("status", "recurring"),
                ("tag_home", "x"),
                ("tags", "home"),
                ("wait", "1796688000"),
            ],
        );
        let now = DateTime::from_timestamp(1_796_133_917, 0).unwrap();
        let got = owed(&template, now, 1, &Utc, None).unwrap().unwrap();
        assert_eq!(got.mask.as_deref(), Some("W"));
        assert!(!got.spent);
        let [(uuid, map)] = got.instances.as_slice() else {
            panic!("{got:?}");
        };
        let want: TaskMap = [
            ("annotation_1796133915", "note"),
            ("description", "w"),
            ("due", "1796860800"),
            ("entry", "1796133917"),
            ("imask", "0"),
            ("modified", "1796133915"),
            ("parent", "00000000-0000-0000-0000-000000000007"),
            ("priority", "H"),
            ("project", "x"),
            ("recur", "weekly"),
            ("rtype", "periodic"),
            ("status", "pending"),
            ("tag_home", "x"),
            ("tags", "home"),
            ("wait", "1796688000"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(map, &want);
        assert_eq!(*uuid, instance_uuid(Uuid::from_u128(7), 0));
    }

    #[test]
    fn instances_past_the_mask_are_owed_with_derived_uuids_and_waits_moved_along() {
        let template = task(
            9,
            &[
                ("description", "trash"),
                ("due", "1794268800"),  // 2026-11-10
                ("wait", "1794182400"), // a day before
                ("recur", "weekly"),
                ("status", "recurring"),
                ("mask", "+X"),
            ],
        );
        let now = at("2026-12-01T14:00:00Z");
        let got = owed(&template, now, 1, &Utc, None).unwrap().unwrap();
        assert_eq!(got.mask.as_deref(), Some("+XWWW"));
        let indexes: Vec<&str> = got
            .instances
            .iter()
            .map(|(_, m)| m["imask"].as_str())
            .collect();
        assert_eq!(indexes, ["2", "3", "4"]);
        for (uuid, map) in &got.instances {
            let index: usize = map["imask"].parse().unwrap();
            assert_eq!(*uuid, instance_uuid(Uuid::from_u128(9), index));
            let due: i64 = map["due"].parse().unwrap();
            let wait: i64 = map["wait"].parse().unwrap();
            assert_eq!(due - wait, 86_400);
            assert_eq!(due, 1_794_268_800 + index as i64 * 7 * 86_400);
            assert!(!map.contains_key("mask"));
        }
        // The same on any replica, and different for another index or template.
        assert_eq!(
            instance_uuid(Uuid::from_u128(9), 3),
            instance_uuid(Uuid::from_u128(9), 3)
        );
        assert_ne!(
            instance_uuid(Uuid::from_u128(9), 3),
            instance_uuid(Uuid::from_u128(9), 4)
        );
        assert_ne!(
            instance_uuid(Uuid::from_u128(9), 3),
            instance_uuid(Uuid::from_u128(8), 3)
        );
        // Nothing more is owed once the mask covers the series.
        let covered = task(
            9,
            &[
                ("due", "1794268800"),
                ("recur", "weekly"),
                ("status", "recurring"),
                ("mask", "+X---"),
            ],
        );
        let nothing = owed(&covered, now, 1, &Utc, None).unwrap().unwrap();
        assert_eq!((nothing.instances.len(), nothing.mask), (0, None));
        // Not a template: nothing to say.
        let pending = task(
            9,
            &[
                ("due", "1794268800"),
                ("recur", "weekly"),
                ("status", "pending"),
            ],
        );
        assert_eq!(owed(&pending, now, 1, &Utc, None), Ok(None));
    }

    /// Chained (the chores case of Taskwarrior's recurrence RFC): one instance at a time,
    /// the first on the template's due date, each next a period after the one before was
    /// finished; `recurrence.limit` plays no part; `until` ends the chain.
    #[test]
    fn a_chained_template_is_owed_one_instance_a_period_after_the_last_was_finished() {
        let now = at("2026-12-01T14:00:00Z");
        let chained = |mask: &str, until: Option<&str>| {
            let mut pairs = vec![
                ("due", "1794268800"),  // 2026-11-10
                ("wait", "1794182400"), // a day before
                ("recur", "weekly"),
                ("rtype", "chained"),
                ("status", "recurring"),
                ("mask", mask),
            ];
            pairs.extend(until.map(|u| ("until", u)));
            task(4, &pairs)
        };
        let owe = |template: &Task, links: Links, limit: i64| {
            owed(template, now, limit, &Utc, Some(links))
                .unwrap()
                .unwrap()
        };
        let dates = |owed: &Owed| -> Vec<(String, String, String)> {
            owed.instances
                .iter()
                .map(|(_, m)| {
                    let date = |k: &str| {
                        let secs: i64 = m[k].parse().unwrap();
                        DateTime::from_timestamp(secs, 0).unwrap().to_rfc3339()
                    };
                    (m["imask"].clone(), date("due"), date("wait"))
                })
                .collect()
        };
        // The first, on the template's date though it is long past: one, whatever the limit.
        let first = owe(&chained("", None), Links::default(), 5);
        assert_eq!(
            dates(&first),
            [(
                "0".into(),
                "2026-11-10T00:00:00+00:00".into(),
                "2026-11-09T00:00:00+00:00".into()
            )]
        );
        assert_eq!(first.mask.as_deref(), Some("W"));
        assert_eq!(first.instances[0].0, instance_uuid(Uuid::from_u128(4), 0));
        // While one is pending, nothing.
        let waiting = Links {
            pending: true,
            last_end: None,
        };
        assert!(owe(&chained("W", None), waiting, 1).instances.is_empty());
        // Finished three weeks late: the next is a week after that, not on the old dates.
        let done = Links {
            pending: false,
            last_end: Some(at("2026-11-30T18:30:00Z")),
        };
        let next = owe(&chained("+", None), done, 1);
        assert_eq!(
            dates(&next),
            [(
                "1".into(),
                "2026-12-07T18:30:00+00:00".into(),
                "2026-12-06T18:30:00+00:00".into()
            )]
        );
        assert_eq!(next.mask.as_deref(), Some("+W"));
        // When the last one's end is not known (made by another replica), from now.
        let unknown = owe(&chained("+X", None), Links::default(), 1);
        assert_eq!(dates(&unknown)[0].1, "2026-12-08T14:00:00+00:00");
        // Past `until`: nothing more, and the template is spent.
        let ended = owe(&chained("+", Some("1796000000")), done, 1);
        assert!(ended.spent && ended.instances.is_empty());
        // A chained template whose instances are not known is left for later.
        assert_eq!(owed(&chained("+", None), now, 1, &Utc, None), Ok(None));
    }

    #[test]
    fn a_spent_template_is_owed_nothing_and_says_so() {
        let template = task(
            5,
            &[
                ("due", "1795824000"),   // 2026-11-28
                ("until", "1795996800"), // 2026-11-30
                ("recur", "daily"),
                ("status", "recurring"),
                ("mask", "++X+"),
            ],
        );
        let got = owed(&template, at("2026-12-01T14:00:00Z"), 1, &Utc, None)
            .unwrap()
            .unwrap();
        assert!(got.spent && got.instances.is_empty());
    }

    #[test]
    fn a_template_needs_a_due_date_and_a_period() {
        let task = |pairs: &[(&str, &str)]| {
            let map = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            Task::new(super::super::TaskData::new(uuid::Uuid::nil(), map))
        };
        let full = task(&[
            ("due", "1795000000"),
            ("recur", "weekly"),
            ("until", "1796000000"),
            ("mask", "-+"),
        ]);
        let of = SeriesOf::of(&full).unwrap();
        assert_eq!((of.recur, of.mask), ("weekly", "-+"));
        assert_eq!(of.until.map(|u| u.timestamp()), Some(1_796_000_000));
        assert!(SeriesOf::of(&task(&[("recur", "weekly")])).is_none());
        assert!(SeriesOf::of(&task(&[("due", "1795000000"), ("recur", " ")])).is_none());
    }
}
