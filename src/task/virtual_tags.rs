//! Virtual tags: the uppercase names (`+READY`, `+OVERDUE`, ...) computed from a task,
//! the clock and the dependency map, with Taskwarrior's meanings (`Task::hasTag`).
//!
//! Pure: no I/O; the time, the local UTC offset and the dependency map are passed in.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};

use super::depmap::DependencyMap;
use super::keys::{self, ANNOTATION_PREFIX, TAG_PREFIX, is_uda_key};
use super::status::Status;
use super::task::Task;
use crate::time::calendar::{CalendarUnit, local_date, shift_days, start_of_day};

/// Taskwarrior's default `due` setting: days ahead that count as due.
pub const DEFAULT_DUE_DAYS: i64 = 7;

/// A virtual tag. Old names (`DUETODAY`, `CHILD`, `PARENT`) map to their current variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VirtualTag {
    Active,
    Blocked,
    Unblocked,
    Blocking,
    Ready,
    Waiting,
    Overdue,
    Due,
    Today,
    Yesterday,
    Tomorrow,
    Week,
    Month,
    Quarter,
    Year,
    Pending,
    Completed,
    Deleted,
    Annotated,
    Tagged,
    Project,
    Priority,
    Scheduled,
    Until,
    Uda,
    Instance,
    Template,
    Orphan,
    Latest,
}

impl VirtualTag {
    /// Every virtual tag, in a stable order.
    pub const ALL: [VirtualTag; 29] = [
        VirtualTag::Active,
        VirtualTag::Blocked,
        VirtualTag::Unblocked,
        VirtualTag::Blocking,
        VirtualTag::Ready,
        VirtualTag::Waiting,
        VirtualTag::Overdue,
        VirtualTag::Due,
        VirtualTag::Today,
        VirtualTag::Yesterday,
        VirtualTag::Tomorrow,
        VirtualTag::Week,
        VirtualTag::Month,
        VirtualTag::Quarter,
        VirtualTag::Year,
        VirtualTag::Pending,
        VirtualTag::Completed,
        VirtualTag::Deleted,
        VirtualTag::Annotated,
        VirtualTag::Tagged,
        VirtualTag::Project,
        VirtualTag::Priority,
        VirtualTag::Scheduled,
        VirtualTag::Until,
        VirtualTag::Uda,
        VirtualTag::Instance,
        VirtualTag::Template,
        VirtualTag::Orphan,
        VirtualTag::Latest,
    ];

    /// The tag for an uppercase name, including the old aliases. Case-sensitive.
    pub fn from_name(name: &str) -> Option<VirtualTag> {
        match name {
            "DUETODAY" => Some(VirtualTag::Today),
            "CHILD" => Some(VirtualTag::Instance),
            "PARENT" => Some(VirtualTag::Template),
            _ => VirtualTag::ALL.into_iter().find(|t| t.name() == name),
        }
    }

    /// The current name, without `+`.
    pub fn name(self) -> &'static str {
        match self {
            VirtualTag::Active => "ACTIVE",
            VirtualTag::Blocked => "BLOCKED",
            VirtualTag::Unblocked => "UNBLOCKED",
            VirtualTag::Blocking => "BLOCKING",
            VirtualTag::Ready => "READY",
            VirtualTag::Waiting => "WAITING",
            VirtualTag::Overdue => "OVERDUE",
            VirtualTag::Due => "DUE",
            VirtualTag::Today => "TODAY",
            VirtualTag::Yesterday => "YESTERDAY",
            VirtualTag::Tomorrow => "TOMORROW",
            VirtualTag::Week => "WEEK",
            VirtualTag::Month => "MONTH",
            VirtualTag::Quarter => "QUARTER",
            VirtualTag::Year => "YEAR",
            VirtualTag::Pending => "PENDING",
            VirtualTag::Completed => "COMPLETED",
            VirtualTag::Deleted => "DELETED",
            VirtualTag::Annotated => "ANNOTATED",
            VirtualTag::Tagged => "TAGGED",
            VirtualTag::Project => "PROJECT",
            VirtualTag::Priority => "PRIORITY",
            VirtualTag::Scheduled => "SCHEDULED",
            VirtualTag::Until => "UNTIL",
            VirtualTag::Uda => "UDA",
            VirtualTag::Instance => "INSTANCE",
            VirtualTag::Template => "TEMPLATE",
            VirtualTag::Orphan => "ORPHAN",
            VirtualTag::Latest => "LATEST",
        }
    }
}

impl fmt::Display for VirtualTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What virtual tags depend on besides the task itself.
#[derive(Debug, Clone, Copy)]
pub struct TagContext<'a> {
    pub now: DateTime<Utc>,
    /// The local UTC offset, which places the boundaries of days, weeks, months and so on.
    pub offset: FixedOffset,
    /// Days ahead that count as due (Taskwarrior's `due` setting); 0 means any future date.
    pub due_days: i64,
    pub depmap: &'a DependencyMap,
    /// The UDAs named in the configuration, if known. With `None`, UDA means any
    /// unrecognised key and ORPHAN is never set; with `Some`, both follow Taskwarrior.
    pub udas: Option<&'a [String]>,
    /// The largest index of the working set, the ID `+LATEST` names (`None`: not known).
    pub latest: Option<u32>,
}

impl<'a> TagContext<'a> {
    /// A context with Taskwarrior's defaults: `due` = 7 days and no UDA configuration.
    pub fn new(now: DateTime<Utc>, offset: FixedOffset, depmap: &'a DependencyMap) -> Self {
        TagContext {
            now,
            offset,
            due_days: DEFAULT_DUE_DAYS,
            depmap,
            udas: None,
            latest: None,
        }
    }

    pub fn with_due_days(self, due_days: i64) -> Self {
        TagContext { due_days, ..self }
    }

    pub fn with_latest(self, latest: Option<u32>) -> Self {
        TagContext { latest, ..self }
    }

    pub fn with_udas(self, udas: &'a [String]) -> Self {
        TagContext {
            udas: Some(udas),
            ..self
        }
    }

    /// The local date of `now`.
    fn today(&self) -> NaiveDate {
        local_date(&self.offset, self.now)
    }

    /// Whether `t` falls in the local dates `[from, to)`.
    fn within(&self, t: DateTime<Utc>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
        match (
            from.and_then(|d| start_of_day(&self.offset, d)),
            to.and_then(|d| start_of_day(&self.offset, d)),
        ) {
            (Some(start), Some(end)) => start <= t && t < end,
            _ => false,
        }
    }

    /// Whether `t` falls on the local day `days` away from today.
    fn on_day(&self, t: DateTime<Utc>, days: i64) -> bool {
        let day = shift_days(self.today(), days);
        self.within(t, day, day.and_then(|d| shift_days(d, 1)))
    }
}

/// The calendar unit a date-range tag names.
fn unit(tag: VirtualTag) -> CalendarUnit {
    match tag {
        VirtualTag::Week => CalendarUnit::Week,
        VirtualTag::Month => CalendarUnit::Month,
        VirtualTag::Quarter => CalendarUnit::Quarter,
        _ => CalendarUnit::Year,
    }
}

impl Task {
    /// Whether the task carries `tag` in `ctx`, as Taskwarrior's `hasTag` decides.
    ///
    /// - PENDING and READY exclude waiting tasks (Taskwarrior's status `waiting`);
    ///   READY also needs no BLOCKED and `scheduled` missing or before now.
    /// - DUE, OVERDUE and the date-range tags ignore completed and deleted tasks; OVERDUE
    ///   (`due` before now) also ignores recurring templates.
    /// - DUE: due from the start of today until `due_days` days later.
    /// - TODAY/YESTERDAY/TOMORROW: due on that local day. WEEK/MONTH/QUARTER/YEAR: due in
    ///   the current local period; weeks start on Monday, as Taskwarrior's `sow`.
    /// - BLOCKED/BLOCKING come from the dependency map; UNBLOCKED is not BLOCKED.
    /// - INSTANCE: has `parent` or `template`; TEMPLATE: has `mask` or `last`.
    /// - UDA and ORPHAN: see [`TagContext::udas`].
    /// - LATEST needs the task's ID: always false here; see [`Task::has_virtual_tag_as`].
    pub fn has_virtual_tag(&self, tag: VirtualTag, ctx: &TagContext<'_>) -> bool {
        let data = self.data();
        let status = self.status();
        let open = status != Status::Completed && status != Status::Deleted;
        let due_open = |f: &dyn Fn(DateTime<Utc>) -> bool| open && self.due().is_some_and(f);
        let pending = status == Status::Pending && !self.is_waiting(ctx.now);
        let blocked = ctx.depmap.is_blocked(self.uuid());
        match tag {
            VirtualTag::Active => self.is_active(),
            VirtualTag::Blocked => blocked,
            VirtualTag::Unblocked => !blocked,
            VirtualTag::Blocking => ctx.depmap.is_blocking(self.uuid()),
            VirtualTag::Ready => {
                pending && !blocked && self.scheduled().is_none_or(|s| s < ctx.now)
            }
            VirtualTag::Waiting => self.is_waiting(ctx.now),
            VirtualTag::Overdue => status != Status::Recurring && due_open(&|d| d < ctx.now),
            VirtualTag::Due => due_open(&|d| is_due(d, ctx)),
            VirtualTag::Today => due_open(&|d| ctx.on_day(d, 0)),
            VirtualTag::Yesterday => due_open(&|d| ctx.on_day(d, -1)),
            VirtualTag::Tomorrow => due_open(&|d| ctx.on_day(d, 1)),
            VirtualTag::Week | VirtualTag::Month | VirtualTag::Quarter | VirtualTag::Year => {
                let (from, to) = unit(tag).holding(ctx.today());
                due_open(&|d| ctx.within(d, from, to))
            }
            VirtualTag::Pending => pending,
            VirtualTag::Completed => status == Status::Completed,
            VirtualTag::Deleted => status == Status::Deleted,
            VirtualTag::Annotated => data.properties().any(|k| k.starts_with(ANNOTATION_PREFIX)),
            VirtualTag::Tagged => data.properties().any(|k| k.starts_with(TAG_PREFIX)),
            VirtualTag::Project => data.has(keys::PROJECT),
            VirtualTag::Priority => data.has(keys::PRIORITY),
            VirtualTag::Scheduled => data.has(keys::SCHEDULED),
            VirtualTag::Until => data.has(keys::UNTIL),
            // Taskwarrior 3 defines `priority` as a UDA of its own.
            VirtualTag::Uda => {
                data.has(keys::PRIORITY)
                    || match ctx.udas {
                        Some(names) => names.iter().any(|n| data.has(n)),
                        None => data.properties().any(is_uda_key),
                    }
            }
            VirtualTag::Instance => data.has(keys::PARENT) || data.has(keys::TEMPLATE),
            VirtualTag::Template => data.has(keys::MASK) || data.has(keys::LAST),
            VirtualTag::Orphan => ctx.udas.is_some_and(|names| {
                data.properties()
                    .any(|k| is_uda_key(k) && !names.iter().any(|n| n == k))
            }),
            VirtualTag::Latest => false,
        }
    }

    /// Whether the task, whose working-set ID is `id`, carries `tag` in `ctx`: as
    /// [`Task::has_virtual_tag`] says, and LATEST when `id` is the working set's largest
    /// index, as in Taskwarrior.
    pub fn has_virtual_tag_as(
        &self,
        tag: VirtualTag,
        id: Option<u32>,
        ctx: &TagContext<'_>,
    ) -> bool {
        match tag {
            VirtualTag::Latest => id.is_some() && id == ctx.latest,
            _ => self.has_virtual_tag(tag, ctx),
        }
    }

    /// Every virtual tag the task, whose ID is `id`, carries in `ctx`, in
    /// [`VirtualTag::ALL`] order.
    pub fn virtual_tags(&self, id: Option<u32>, ctx: &TagContext<'_>) -> Vec<VirtualTag> {
        VirtualTag::ALL
            .into_iter()
            .filter(|t| self.has_virtual_tag_as(*t, id, ctx))
            .collect()
    }
}

/// Taskwarrior's DUE window: from the start of today, through today, then up to `due_days`
/// days (counted from the start of today); `due_days` = 0 means no upper bound.
fn is_due(due: DateTime<Utc>, ctx: &TagContext<'_>) -> bool {
    let today = ctx.today();
    let Some(start) = start_of_day(&ctx.offset, today) else {
        return false;
    };
    if due < start {
        return false;
    }
    if ctx.on_day(due, 0) || ctx.due_days == 0 {
        return true;
    }
    TimeDelta::try_days(ctx.due_days)
        .and_then(|d| start.checked_add_signed(d))
        .is_some_and(|limit| due < limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::data::{TaskData, TaskMap};
    use uuid::Uuid;

    /// Wednesday 2024-05-15 10:00:00 UTC.
    fn now() -> DateTime<Utc> {
        iso("2024-05-15T10:00:00Z")
    }

    fn iso(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn secs(s: &str) -> String {
        iso(s).timestamp().to_string()
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    fn task(id: u128, pairs: &[(&str, &str)]) -> Task {
        let map: TaskMap = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Task::new(TaskData::new(Uuid::from_u128(id), map))
    }

    fn due_task(status: &str, due: &str) -> Task {
        task(1, &[("status", status), ("due", &secs(due))])
    }

    fn has(t: &Task, tag: VirtualTag) -> bool {
        let depmap = DependencyMap::new();
        t.has_virtual_tag(tag, &TagContext::new(now(), utc(), &depmap))
    }

    #[test]
    fn names_round_trip_and_aliases_map() {
        for tag in VirtualTag::ALL {
            assert_eq!(VirtualTag::from_name(tag.name()), Some(tag));
            assert_eq!(tag.to_string(), tag.name());
        }
        assert_eq!(VirtualTag::from_name("DUETODAY"), Some(VirtualTag::Today));
        assert_eq!(VirtualTag::from_name("CHILD"), Some(VirtualTag::Instance));
        assert_eq!(VirtualTag::from_name("PARENT"), Some(VirtualTag::Template));
        assert_eq!(VirtualTag::from_name("ready"), None);
        assert_eq!(VirtualTag::from_name("NOPE"), None);
        let mut names: Vec<_> = VirtualTag::ALL.iter().map(|t| t.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), VirtualTag::ALL.len());
    }

    #[test]
    fn context_defaults() {
        let depmap = DependencyMap::new();
        let names = vec!["estimate".to_string()];
        let ctx = TagContext::new(now(), utc(), &depmap);
        assert_eq!(ctx.due_days, 7);
        assert!(ctx.udas.is_none());
        let ctx = ctx.with_due_days(3).with_udas(&names);
        assert_eq!(ctx.due_days, 3);
        assert_eq!(ctx.udas, Some(names.as_slice()));
    }

    #[test]
    fn active() {
        assert!(has(&task(1, &[("start", "1")]), VirtualTag::Active));
        assert!(!has(&task(1, &[]), VirtualTag::Active));
    }

    #[test]
    fn blocked_unblocked_blocking_come_from_the_depmap() {
        let mut depmap = DependencyMap::new();
        depmap.add_dependency(Uuid::from_u128(1), Uuid::from_u128(2));
        let ctx = TagContext::new(now(), utc(), &depmap);
        let waiting_on = task(1, &[("status", "pending")]);
        let waited_for = task(2, &[("status", "pending")]);
        assert!(waiting_on.has_virtual_tag(VirtualTag::Blocked, &ctx));
        assert!(!waiting_on.has_virtual_tag(VirtualTag::Unblocked, &ctx));
        assert!(!waiting_on.has_virtual_tag(VirtualTag::Blocking, &ctx));
        assert!(!waited_for.has_virtual_tag(VirtualTag::Blocked, &ctx));
        assert!(waited_for.has_virtual_tag(VirtualTag::Unblocked, &ctx));
        assert!(waited_for.has_virtual_tag(VirtualTag::Blocking, &ctx));
    }

    #[test]
    fn ready() {
        let pending = |extra: &[(&str, &str)]| {
            let mut pairs = vec![("status", "pending")];
            pairs.extend_from_slice(extra);
            task(1, &pairs)
        };
        assert!(has(&pending(&[]), VirtualTag::Ready));
        assert!(
            has(&task(1, &[]), VirtualTag::Ready),
            "missing status is pending"
        );
        let past = secs("2024-05-15T09:59:59Z");
        let at_now = secs("2024-05-15T10:00:00Z");
        let future = secs("2024-05-15T10:00:01Z");
        assert!(has(&pending(&[("scheduled", &past)]), VirtualTag::Ready));
        assert!(has(&pending(&[("scheduled", "junk")]), VirtualTag::Ready));
        assert!(!has(&pending(&[("scheduled", &at_now)]), VirtualTag::Ready));
        assert!(!has(&pending(&[("scheduled", &future)]), VirtualTag::Ready));
        assert!(!has(&pending(&[("wait", &future)]), VirtualTag::Ready));
        assert!(!has(
            &task(1, &[("status", "completed")]),
            VirtualTag::Ready
        ));

        let mut depmap = DependencyMap::new();
        depmap.add_dependency(Uuid::from_u128(1), Uuid::from_u128(2));
        let ctx = TagContext::new(now(), utc(), &depmap);
        assert!(!pending(&[]).has_virtual_tag(VirtualTag::Ready, &ctx));
    }

    #[test]
    fn waiting() {
        let future = secs("2024-05-16T00:00:00Z");
        let past = secs("2024-05-14T00:00:00Z");
        assert!(has(
            &task(1, &[("status", "pending"), ("wait", &future)]),
            VirtualTag::Waiting
        ));
        assert!(!has(
            &task(1, &[("status", "pending"), ("wait", &past)]),
            VirtualTag::Waiting
        ));
        assert!(!has(
            &task(1, &[("status", "deleted"), ("wait", &future)]),
            VirtualTag::Waiting
        ));
    }

    #[test]
    fn overdue() {
        assert!(has(
            &due_task("pending", "2024-05-15T09:59:59Z"),
            VirtualTag::Overdue
        ));
        assert!(has(
            &due_task("pending", "2023-01-01T00:00:00Z"),
            VirtualTag::Overdue
        ));
        assert!(!has(
            &due_task("pending", "2024-05-15T10:00:00Z"),
            VirtualTag::Overdue
        ));
        assert!(!has(
            &due_task("pending", "2024-05-15T11:00:00Z"),
            VirtualTag::Overdue
        ));
        assert!(!has(
            &due_task("completed", "2024-05-01T00:00:00Z"),
            VirtualTag::Overdue
        ));
        assert!(!has(
            &due_task("deleted", "2024-05-01T00:00:00Z"),
            VirtualTag::Overdue
        ));
        assert!(!has(
            &due_task("recurring", "2024-05-01T00:00:00Z"),
            VirtualTag::Overdue
        ));
        let waiting = task(
            1,
            &[
                ("status", "pending"),
                ("due", &secs("2024-05-01T00:00:00Z")),
                ("wait", &secs("2024-06-01T00:00:00Z")),
            ],
        );
        assert!(has(&waiting, VirtualTag::Overdue));
        assert!(!has(&task(1, &[("due", "junk")]), VirtualTag::Overdue));
    }

    #[test]
    fn due_window() {
        let due = |d| has(&due_task("pending", d), VirtualTag::Due);
        assert!(due("2024-05-15T00:00:00Z"), "earlier today");
        assert!(due("2024-05-15T23:59:59Z"), "later today");
        assert!(due("2024-05-21T23:59:59Z"));
        assert!(
            !due("2024-05-22T00:00:00Z"),
            "7 days from the start of today"
        );
        assert!(!due("2024-05-14T23:59:59Z"), "before today");
        assert!(has(
            &due_task("recurring", "2024-05-16T00:00:00Z"),
            VirtualTag::Due
        ));
        assert!(!has(
            &due_task("completed", "2024-05-16T00:00:00Z"),
            VirtualTag::Due
        ));
        assert!(!has(
            &due_task("deleted", "2024-05-16T00:00:00Z"),
            VirtualTag::Due
        ));
        assert!(!has(&task(1, &[]), VirtualTag::Due));
    }

    #[test]
    fn due_days_setting() {
        let depmap = DependencyMap::new();
        let far = due_task("pending", "2030-01-01T00:00:00Z");
        let tomorrow = due_task("pending", "2024-05-16T12:00:00Z");
        let today = due_task("pending", "2024-05-15T12:00:00Z");
        let ctx = |d| TagContext::new(now(), utc(), &depmap).with_due_days(d);
        assert!(
            far.has_virtual_tag(VirtualTag::Due, &ctx(0)),
            "0 means unbounded"
        );
        assert!(!far.has_virtual_tag(VirtualTag::Due, &ctx(7)));
        assert!(!tomorrow.has_virtual_tag(VirtualTag::Due, &ctx(1)));
        assert!(tomorrow.has_virtual_tag(VirtualTag::Due, &ctx(2)));
        assert!(
            today.has_virtual_tag(VirtualTag::Due, &ctx(-3)),
            "today always counts"
        );
    }

    #[test]
    fn today_yesterday_tomorrow() {
        let cases = [
            ("2024-05-14T12:00:00Z", VirtualTag::Yesterday),
            ("2024-05-15T00:00:00Z", VirtualTag::Today),
            ("2024-05-15T23:59:59Z", VirtualTag::Today),
            ("2024-05-16T00:00:00Z", VirtualTag::Tomorrow),
        ];
        for (due, expected) in cases {
            let t = due_task("pending", due);
            for tag in [
                VirtualTag::Yesterday,
                VirtualTag::Today,
                VirtualTag::Tomorrow,
            ] {
                assert_eq!(has(&t, tag), tag == expected, "{due} {tag}");
            }
            assert!(!has(&due_task("completed", due), expected));
        }
        assert!(!has(
            &due_task("pending", "2024-05-13T12:00:00Z"),
            VirtualTag::Yesterday
        ));
        assert!(!has(
            &due_task("pending", "2024-05-17T00:00:00Z"),
            VirtualTag::Tomorrow
        ));
    }

    #[test]
    fn day_boundaries_follow_the_local_offset() {
        let depmap = DependencyMap::new();
        // 02:00 UTC on the 15th is 21:00 on the 14th at UTC-5.
        let ctx = TagContext::new(
            iso("2024-05-15T02:00:00Z"),
            FixedOffset::west_opt(5 * 3600).unwrap(),
            &depmap,
        );
        let late_14th = due_task("pending", "2024-05-15T04:59:59Z");
        let early_15th = due_task("pending", "2024-05-15T05:00:00Z");
        assert!(late_14th.has_virtual_tag(VirtualTag::Today, &ctx));
        assert!(!late_14th.has_virtual_tag(VirtualTag::Tomorrow, &ctx));
        assert!(early_15th.has_virtual_tag(VirtualTag::Tomorrow, &ctx));
        assert!(!early_15th.has_virtual_tag(VirtualTag::Today, &ctx));
    }

    fn in_period(tag: VirtualTag, inside: &[&str], outside: &[&str]) {
        for d in inside {
            assert!(
                has(&due_task("pending", d), tag),
                "{tag} should hold for {d}"
            );
            assert!(!has(&due_task("completed", d), tag), "{tag} completed {d}");
        }
        for d in outside {
            assert!(
                !has(&due_task("pending", d), tag),
                "{tag} should not hold for {d}"
            );
        }
    }

    #[test]
    fn week_starts_on_monday() {
        in_period(
            VirtualTag::Week,
            &["2024-05-13T00:00:00Z", "2024-05-19T23:59:59Z"],
            &["2024-05-12T23:59:59Z", "2024-05-20T00:00:00Z"],
        );
    }

    #[test]
    fn week_boundary_is_local() {
        let depmap = DependencyMap::new();
        let ctx = TagContext::new(now(), FixedOffset::east_opt(2 * 3600).unwrap(), &depmap);
        // Monday 00:00 at UTC+2 is Sunday 22:00 UTC.
        let monday = due_task("pending", "2024-05-12T22:00:00Z");
        let sunday = due_task("pending", "2024-05-12T21:59:59Z");
        assert!(monday.has_virtual_tag(VirtualTag::Week, &ctx));
        assert!(!sunday.has_virtual_tag(VirtualTag::Week, &ctx));
    }

    #[test]
    fn month() {
        in_period(
            VirtualTag::Month,
            &["2024-05-01T00:00:00Z", "2024-05-31T23:59:59Z"],
            &["2024-04-30T23:59:59Z", "2024-06-01T00:00:00Z"],
        );
    }

    #[test]
    fn quarter() {
        in_period(
            VirtualTag::Quarter,
            &["2024-04-01T00:00:00Z", "2024-06-30T23:59:59Z"],
            &["2024-03-31T23:59:59Z", "2024-07-01T00:00:00Z"],
        );
    }

    #[test]
    fn year() {
        in_period(
            VirtualTag::Year,
            &["2024-01-01T00:00:00Z", "2024-12-31T23:59:59Z"],
            &["2023-12-31T23:59:59Z", "2025-01-01T00:00:00Z"],
        );
    }

    #[test]
    fn statuses() {
        let future = secs("2024-06-01T00:00:00Z");
        let pending = task(1, &[("status", "pending")]);
        let waiting = task(1, &[("status", "pending"), ("wait", &future)]);
        let completed = task(1, &[("status", "completed")]);
        let deleted = task(1, &[("status", "deleted")]);
        assert!(has(&pending, VirtualTag::Pending));
        assert!(has(&task(1, &[]), VirtualTag::Pending));
        assert!(!has(&waiting, VirtualTag::Pending));
        assert!(!has(&completed, VirtualTag::Pending));
        assert!(has(&completed, VirtualTag::Completed));
        assert!(!has(&pending, VirtualTag::Completed));
        assert!(has(&deleted, VirtualTag::Deleted));
        assert!(!has(&completed, VirtualTag::Deleted));
    }

    #[test]
    fn presence_tags() {
        let cases: [(VirtualTag, &[(&str, &str)]); 10] = [
            (VirtualTag::Annotated, &[("annotation_1", "n")]),
            (VirtualTag::Tagged, &[("tag_home", "")]),
            (VirtualTag::Project, &[("project", "p")]),
            (VirtualTag::Priority, &[("priority", "H")]),
            (VirtualTag::Scheduled, &[("scheduled", "1")]),
            (VirtualTag::Until, &[("until", "1")]),
            (VirtualTag::Instance, &[("parent", "x")]),
            (VirtualTag::Instance, &[("template", "x")]),
            (VirtualTag::Template, &[("mask", "--")]),
            (VirtualTag::Template, &[("last", "2")]),
        ];
        let bare = task(
            1,
            &[
                ("status", "pending"),
                ("description", "d"),
                ("tags", "home"),
            ],
        );
        for (tag, pairs) in cases {
            assert!(has(&task(1, pairs), tag), "{tag} {pairs:?}");
            assert!(!has(&bare, tag), "{tag} on a bare task");
        }
    }

    #[test]
    fn uda_and_orphan_without_configuration() {
        let with_uda = task(1, &[("estimate", "3")]);
        let plain = task(1, &[("recur", "weekly"), ("tag_x", "")]);
        // Taskwarrior 3 defines priority as a UDA: 3.1.0 gives +UDA to a task with one.
        let prioritised = task(1, &[("priority", "H")]);
        assert!(has(&with_uda, VirtualTag::Uda));
        assert!(!has(&plain, VirtualTag::Uda));
        assert!(has(&prioritised, VirtualTag::Uda));
        assert!(!has(&with_uda, VirtualTag::Orphan));
    }

    #[test]
    fn uda_and_orphan_with_configuration() {
        let depmap = DependencyMap::new();
        let names = vec!["estimate".to_string(), "priority".to_string()];
        let ctx = TagContext::new(now(), utc(), &depmap).with_udas(&names);
        let configured = task(1, &[("estimate", "3")]);
        let prioritised = task(1, &[("priority", "H")]);
        let orphaned = task(1, &[("old_uda", "v")]);
        assert!(configured.has_virtual_tag(VirtualTag::Uda, &ctx));
        assert!(prioritised.has_virtual_tag(VirtualTag::Uda, &ctx));
        assert!(!orphaned.has_virtual_tag(VirtualTag::Uda, &ctx));
        assert!(orphaned.has_virtual_tag(VirtualTag::Orphan, &ctx));
        assert!(!configured.has_virtual_tag(VirtualTag::Orphan, &ctx));
        assert!(!prioritised.has_virtual_tag(VirtualTag::Orphan, &ctx));
    }

    #[test]
    fn latest_is_the_task_with_the_working_sets_largest_index() {
        let t = task(1, &[("status", "pending")]);
        assert!(!has(&t, VirtualTag::Latest), "no ID known");
        let depmap = DependencyMap::new();
        let ctx = TagContext::new(now(), utc(), &depmap).with_latest(Some(4));
        assert!(t.has_virtual_tag_as(VirtualTag::Latest, Some(4), &ctx));
        assert!(!t.has_virtual_tag_as(VirtualTag::Latest, Some(3), &ctx));
        assert!(!t.has_virtual_tag_as(VirtualTag::Latest, None, &ctx));
        assert!(t.virtual_tags(Some(4), &ctx).contains(&VirtualTag::Latest));
        let unknown = TagContext::new(now(), utc(), &depmap);
        assert!(!t.has_virtual_tag_as(VirtualTag::Latest, None, &unknown));
    }

    #[test]
    fn virtual_tags_lists_every_match_in_order() {
        let t = task(
            1,
            &[
                ("status", "pending"),
                ("start", "1"),
                ("project", "p"),
                ("due", &secs("2024-05-15T08:00:00Z")),
            ],
        );
        let depmap = DependencyMap::new();
        let ctx = TagContext::new(now(), utc(), &depmap);
        assert_eq!(
            t.virtual_tags(Some(1), &ctx),
            vec![
                VirtualTag::Active,
                VirtualTag::Unblocked,
                VirtualTag::Ready,
                VirtualTag::Overdue,
                VirtualTag::Due,
                VirtualTag::Today,
                VirtualTag::Week,
                VirtualTag::Month,
                VirtualTag::Quarter,
                VirtualTag::Year,
                VirtualTag::Pending,
                VirtualTag::Project,
            ]
        );
    }
}
