//! Tests for `cells`: one data set, seven tasks as TaskChampion stored them after `task
//! import` into Taskwarrior 3.1.0 (read back from its database), rendered column by column
//! and compared with what `task` 3.1.0 printed for them.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::replica::UuidMap;
use crate::task::{Task, TaskData, TaskMap};
use crate::text::width;

/// The settings of the taskrc the data set was shown with.
const SETTINGS: &[(&str, &str)] = &[
    ("uda.estimate.type", "duration"),
    ("uda.estimate.label", "Est"),
    ("uda.size.type", "numeric"),
    ("uda.birthday.type", "date"),
    ("uda.birthday.label", "Birthday"),
    ("uda.color.type", "string"),
    ("uda.color.values", "red,green"),
    ("dateformat.report", "Y-M-D H:N:S"),
];

fn uuid(digit: u8) -> Uuid {
    let d = char::from(b'0' + digit).to_string();
    Uuid::parse_str(&format!(
        "{}-{}-4{}-8{}-{}",
        d.repeat(8),
        d.repeat(4),
        d.repeat(3),
        d.repeat(3),
        d.repeat(12)
    ))
    .unwrap()
}

fn task(digit: u8, pairs: &[(&str, &str)]) -> Task {
    let map: TaskMap = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Task::new(TaskData::new(uuid(digit), map))
}

/// The tasks, as Taskwarrior stored them; the IDs and urgencies it gave them.
fn data_set() -> Vec<(Task, Option<u32>, f64)> {
    let dep = |d: u8| format!("dep_{}", uuid(d));
    let (dep1, dep3, dep4) = (dep(1), dep(3), dep(4));
    let template = uuid(5).to_string();
    vec![
        (
            task(
                1,
                &[
                    ("description", "Plain one"),
                    ("modified", "1704535872"),
                    ("status", "pending"),
                    ("entry", "1704442150"),
                ],
            ),
            Some(1),
            10.0,
        ),
        (
            task(
                2,
                &[
                    ("tag_mid", "x"),
                    ("annotation_1704874500", "first note"),
                    ("birthday", "1877817600"),
                    ("tag_zeta", "x"),
                    ("modified", "1709251200"),
                    (&dep1, "x"),
                    (&dep4, "x"),
                    ("scheduled", "1893490200"),
                    ("tags", "alpha,mid,zeta"),
                    ("due", "1930831507"),
                    ("size", "12.5"),
                    ("entry", "1686867330"),
                    (&dep3, "x"),
                    ("start", "1706788800"),
                    ("estimate", "PT2H30M"),
                    ("tag_alpha", "x"),
                    ("project", "Home.Garden.Roses"),
                    ("priority", "H"),
                    ("annotation_1708016400", "second note"),
                    ("until", "1988150399"),
                    ("color", "red"),
                    ("status", "pending"),
                    ("description", "Full task"),
                ],
            ),
            Some(2),
            12.3,
        ),
        (
            task(
                3,
                &[
                    ("entry", "1704442150"),
                    ("project", "Work"),
                    ("estimate", "P3D"),
                    ("modified", "1796095786"),
                    ("tag_solo", "x"),
                    ("status", "pending"),
                    ("wait", "2051222400"),
                    ("description", "Waiting one"),
                    ("tags", "solo"),
                    ("size", "7"),
                ],
            ),
            Some(3),
            8.8,
        ),
        (
            task(
                4,
                &[
                    ("entry", "1704442150"),
                    ("status", "completed"),
                    ("modified", "1796095786"),
                    ("description", "Done one"),
                    ("end", "1704628800"),
                    ("start", "1704542400"),
                ],
            ),
            None,
            6.0,
        ),
        (
            task(
                5,
                &[
                    ("recur", "weekly"),
                    ("due", "1704672000"),
                    ("description", "Template"),
                    ("mask", "-+X"),
                    ("modified", "1796095786"),
                    ("entry", "1704067200"),
                    ("status", "recurring"),
                    ("rtype", "periodic"),
                ],
            ),
            Some(4),
            14.0,
        ),
        (
            task(
                6,
                &[
                    ("recur", "weekly"),
                    ("parent", &template),
                    ("status", "pending"),
                    ("modified", "1796095786"),
                    ("due", "1705881600"),
                    ("rtype", "periodic"),
                    ("entry", "1704067200"),
                    ("imask", "3"),
                    ("description", "Child"),
                    ("last", "4"),
                ],
            ),
            Some(5),
            14.0,
        ),
        (
            task(
                7,
                &[
                    ("entry", "1704442150"),
                    ("modified", "1796095790"),
                    ("template", &template),
                    ("description", "Gone"),
                    ("estimate", "P1M"),
                    ("recur", "monthly"),
                    ("priority", "L"),
                    ("end", "1704672000"),
                    ("project", "Home"),
                    ("status", "deleted"),
                    ("due", "1706745600"),
                ],
            ),
            None,
            16.8,
        ),
    ]
}

/// The working set's IDs of the tasks not done: what `depends` may name.
fn ids(data: &[(Task, Option<u32>, f64)]) -> UuidMap<u32> {
    data.iter()
        .filter_map(|(t, id, _)| Some((t.uuid(), (*id)?)))
        .collect()
}

fn at(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).unwrap()
}

/// The reports were run on 2026-12-01 at 03:49:49 UTC, with `TZ=Asia/Kolkata`.
fn kolkata() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600 + 1800).unwrap()
}

fn settings() -> impl Iterator<Item = (&'static str, &'static str)> {
    SETTINGS.iter().copied()
}

/// The report `task` would print for `columns` (and the short UUID, to tell the rows
/// apart): each column as wide as its widest cell (as Taskwarrior measures it) and left
/// out when that is none, one
/// space between columns, cells aligned as [`right_aligned`] says, trailing spaces cut.
fn report(columns: &[&str], now: DateTime<Utc>, tz: FixedOffset) -> Vec<String> {
    let data = data_set();
    let ids = ids(&data);
    let next_due = UuidMap::default();
    let udas = UdaDefs::from_settings(settings());
    let indicators = Indicators::from_settings(settings());
    let get = |k: &str| SETTINGS.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
    let dateformat = report_dateformat(get, "t");
    let specs: Vec<ColumnSpec> = columns
        .iter()
        .chain(&["uuid.short"])
        .map(|c| ColumnSpec::parse(c, &udas).unwrap())
        .collect();
    let cells: Vec<Vec<String>> = data
        .iter()
        .map(|(task, id, urgency)| {
            let ctx = CellContext {
                row: RowContext {
                    now,
                    tz,
                    id: *id,
                    urgency: *urgency,
                    ids: &ids,
                    next_due: &next_due,
                },
                dateformat,
                annotation_dateformat: annotation_dateformat(get),
                annotation_indent: 2,
                udas: &udas,
                indicators: &indicators,
            };
            specs.iter().map(|s| cell(task, s, &ctx)).collect()
        })
        .collect();
    let widths: Vec<usize> = (0..specs.len())
        .map(|c| {
            let widest = data.iter().zip(&cells).map(|((task, ..), row)| {
                // Taskwarrior sizes a description with a count for " [N]" even when
                // there are no annotations.
                let description = specs[c].kind == ColumnKind::Description;
                if description && matches!(specs[c].style(), "count" | "truncated_count") {
                    let notes = task.annotation_count().to_string().len();
                    width(task.description()) + 3 + notes
                } else {
                    width(&row[c])
                }
            });
            widest.max().unwrap_or(0)
        })
        .collect();
    cells
        .iter()
        .map(|row| {
            let mut line = Vec::new();
            for (c, text) in row.iter().enumerate() {
                let pad = " ".repeat(widths[c] - width(text));
                match widths[c] {
                    0 => continue,
                    _ if right_aligned(&specs[c]) => line.push(pad + text),
                    _ => line.push(text.clone() + &pad),
                }
            }
            line.join(" ").trim_end().to_string()
        })
        .collect()
}

/// What `task` 3.1.0 printed: after each `==` line (the columns), the report of the data
/// set, sorted by UUID, with the short UUID last (`report.t.dateformat` unset, so the
/// dates take `dateformat.report`).
const SEEN: &str = r"
== id uuid.short status status.short
1 11111111 Pending   P 11111111
2 22222222 Pending   P 22222222
3 33333333 Waiting   W 33333333
- 44444444 Completed C 44444444
4 55555555 Recurring R 55555555
5 66666666 Pending   P 66666666
- 77777777 Deleted   D 77777777
== uuid
11111111-1111-4111-8111-111111111111 11111111
22222222-2222-4222-8222-222222222222 22222222
33333333-3333-4333-8333-333333333333 33333333
44444444-4444-4444-8444-444444444444 44444444
55555555-5555-4555-8555-555555555555 55555555
66666666-6666-4666-8666-666666666666 66666666
77777777-7777-4777-8777-777777777777 77777777
== description.desc description.truncated description.count description.truncated_count
Plain one   Plain one   Plain one       Plain one       11111111
Full task   Full task   Full task [2]   Full task [2]   22222222
Waiting one Waiting one Waiting one     Waiting one     33333333
Done one    Done one    Done one        Done one        44444444
Template    Template    Template        Template        55555555
Child       Child       Child           Child           66666666
Gone        Gone        Gone            Gone            77777777
== project project.parent project.indented tags tags.indicator tags.count
                                                      11111111
Home.Garden.Roses Home     Roses alpha mid zeta + [3] 22222222
Work              Work Work      solo           + [1] 33333333
                                                      44444444
                                                      55555555
                                                      66666666
Home              Home Home                           77777777
== priority priority.indicator depends depends.count depends.indicator recur recur.indicator
                     11111111
H U 1 3 [2] D        22222222
                     33333333
                     44444444
               P7D R 55555555
               P7D R 66666666
L U           P30D R 77777777
== parent parent.short template.short
                                                       11111111
                                                       22222222
                                                       33333333
                                                       44444444
                                                       55555555
55555555-5555-4555-8555-555555555555 55555555          66666666
                                              55555555 77777777
== template
                                     11111111
                                     22222222
                                     33333333
                                     44444444
                                     55555555
                                     66666666
55555555-5555-4555-8555-555555555555 77777777
== urgency urgency.integer mask imask last rtype rtype.indicator start.active
  10 10                      11111111
12.3 12                    * 22222222
 8.8  8                      33333333
   6  6                      44444444
  14 14 -+X     periodic P   55555555
  14 14     3 4 periodic P   66666666
16.8 16                      77777777
== estimate estimate.indicator size size.indicator birthday birthday.indicator color color.indicator
                                             11111111
PT2H30M U 12.5 U 2029-07-04 05:30:00 U red U 22222222
    P3D U    7 U                             33333333
                                             44444444
                                             55555555
                                             66666666
   P30D U                                    77777777
== due due.julian due.epoch due.iso
                                                              11111111
2031-03-09 19:35:07 2462935.08689 1930831507 20310309T140507Z 22222222
                                                              33333333
                                                              44444444
2024-01-08 05:30:00     2460317.5 1704672000 20240108T000000Z 55555555
2024-01-22 05:30:00     2460331.5 1705881600 20240122T000000Z 66666666
2024-02-01 05:30:00     2460341.5 1706745600 20240201T000000Z 77777777
== due.age due.relative due.remaining due.countdown
                              11111111
-4.3y    4.3y   4.3y   4.3y   22222222
                              33333333
                              44444444
 2.9y   -2.9y                 55555555
 2.9y   -2.9y                 66666666
 2.8y   -2.8y                 77777777
== scheduled scheduled.julian scheduled.epoch scheduled.iso
                                                              11111111
2030-01-01 15:00:00 2462502.89583 1893490200 20300101T093000Z 22222222
                                                              33333333
                                                              44444444
                                                              55555555
                                                              66666666
                                                              77777777
== scheduled.age scheduled.relative scheduled.remaining scheduled.countdown
                             11111111
-3.1y   3.1y   3.1y   3.1y   22222222
                             33333333
                             44444444
                             55555555
                             66666666
                             77777777
== wait wait.julian wait.epoch wait.iso
                                                              11111111
                                                              22222222
2035-01-01 05:30:00     2464328.5 2051222400 20350101T000000Z 33333333
                                                              44444444
                                                              55555555
                                                              66666666
                                                              77777777
== wait.age wait.relative wait.remaining wait.countdown
                             11111111
                             22222222
-8.1y   8.1y   8.1y   8.1y   33333333
                             44444444
                             55555555
                             66666666
                             77777777
== until until.julian until.epoch until.iso
                                                              11111111
2033-01-01 05:29:59 2463598.49999 1988150399 20321231T235959Z 22222222
                                                              33333333
                                                              44444444
                                                              55555555
                                                              66666666
                                                              77777777
== until.age until.relative until.remaining until.countdown
                             11111111
-6.1y   6.1y   6.1y   6.1y   22222222
                             33333333
                             44444444
                             55555555
                             66666666
                             77777777
== entry entry.julian entry.epoch entry.iso
2024-01-05 13:39:10  2460314.8397 1704442150 20240105T080910Z 11111111
2023-06-16 03:45:30 2460111.42743 1686867330 20230615T221530Z 22222222
2024-01-05 13:39:10  2460314.8397 1704442150 20240105T080910Z 33333333
2024-01-05 13:39:10  2460314.8397 1704442150 20240105T080910Z 44444444
2024-01-01 05:30:00     2460310.5 1704067200 20240101T000000Z 55555555
2024-01-01 05:30:00     2460310.5 1704067200 20240101T000000Z 66666666
2024-01-05 13:39:10  2460314.8397 1704442150 20240105T080910Z 77777777
== entry.age entry.relative entry.remaining entry.countdown
2.9y   -2.9y   11111111
3.5y   -3.5y   22222222
2.9y   -2.9y   33333333
2.9y   -2.9y   44444444
2.9y   -2.9y   55555555
2.9y   -2.9y   66666666
2.9y   -2.9y   77777777
== start start.julian start.epoch start.iso
                                                              11111111
2024-02-01 17:30:00       2460342 1706788800 20240201T120000Z 22222222
                                                              33333333
2024-01-06 17:30:00       2460316 1704542400 20240106T120000Z 44444444
                                                              55555555
                                                              66666666
                                                              77777777
== start.age start.relative start.remaining start.countdown
               11111111
2.8y   -2.8y   22222222
               33333333
2.9y   -2.9y   44444444
               55555555
               66666666
               77777777
== end end.julian end.epoch end.iso
                                                              11111111
                                                              22222222
                                                              33333333
2024-01-07 17:30:00       2460317 1704628800 20240107T120000Z 44444444
                                                              55555555
                                                              66666666
2024-01-08 05:30:00     2460317.5 1704672000 20240108T000000Z 77777777
== end.age end.relative end.remaining end.countdown
               11111111
               22222222
               33333333
2.9y   -2.9y   44444444
               55555555
               66666666
2.9y   -2.9y   77777777
== modified modified.julian modified.epoch modified.iso modified.remaining
2024-01-06 15:41:12 2460315.92444 1704535872 20240106T101112Z 11111111
2024-03-01 05:30:00     2460370.5 1709251200 20240301T000000Z 22222222
2026-12-01 08:59:46 2461375.64567 1796095786 20261201T032946Z 33333333
2026-12-01 08:59:46 2461375.64567 1796095786 20261201T032946Z 44444444
2026-12-01 08:59:46 2461375.64567 1796095786 20261201T032946Z 55555555
2026-12-01 08:59:46 2461375.64567 1796095786 20261201T032946Z 66666666
2026-12-01 08:59:50 2461375.64572 1796095790 20261201T032950Z 77777777
";

#[test]
fn every_column_and_style_shows_what_taskwarrior_showed() {
    let now = at(1_796_096_989);
    let mut blocks = SEEN.trim().split("== ").filter(|b| !b.is_empty());
    let mut checked = 0;
    for block in blocks.by_ref() {
        let mut lines = block.lines();
        let columns: Vec<&str> = lines.next().unwrap().split(' ').collect();
        let want: Vec<&str> = lines.collect();
        assert_eq!(report(&columns, now, kolkata()), want, "{columns:?}");
        checked += columns.len();
    }
    assert!(checked > 80, "{checked} columns checked");
}

/// A context over the data set's settings, with Taskwarrior's defaults otherwise.
struct Fixture {
    ids: UuidMap<u32>,
    next_due: UuidMap<DateTime<Utc>>,
    udas: UdaDefs,
    indicators: Indicators,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            ids: ids(&data_set()),
            next_due: UuidMap::default(),
            udas: UdaDefs::from_settings(settings()),
            indicators: Indicators::default(),
        }
    }

    fn ctx(&self, now: DateTime<Utc>) -> CellContext<'_> {
        CellContext {
            row: RowContext {
                now,
                tz: kolkata(),
                id: Some(2),
                urgency: 0.0,
                ids: &self.ids,
                next_due: &self.next_due,
            },
            dateformat: "Y-M-D",
            annotation_dateformat: "Y-M-D",
            annotation_indent: 2,
            udas: &self.udas,
            indicators: &self.indicators,
        }
    }

    fn show(&self, task: &Task, column: &str, ctx: &CellContext<'_>) -> String {
        cell(task, &ColumnSpec::parse(column, &self.udas).unwrap(), ctx)
    }
}

/// tcui's `series` column: a template's instances counted from its mask, and when its
/// next pending instance is due; nothing for a task that is no template.
#[test]
fn the_series_column_counts_instances_and_shows_the_next_due_date() {
    let mut f = Fixture::new();
    let template = task(
        7,
        &[
            ("status", "recurring"),
            ("recur", "weekly"),
            ("mask", "+X-W+"),
        ],
    );
    f.next_due.insert(template.uuid(), at(1_796_096_989));
    let ctx = f.ctx(at(1_796_000_000));
    assert_eq!(
        f.show(&template, "series", &ctx),
        "2 pending, 2 done, 1 deleted"
    );
    assert_eq!(f.show(&template, "series.next", &ctx), "2026-12-01");
    let plain = task(8, &[("status", "pending")]);
    assert_eq!(f.show(&plain, "series", &ctx), "");
    assert_eq!(f.show(&plain, "series.next", &ctx), "");
    assert!(ColumnSpec::parse("series.later", &f.udas).is_err());
}

fn full_task() -> Task {
    data_set().swap_remove(1).0
}

/// `task` 3.1.0 printed the description column as `Full task`, then `  2024-01-10 first
/// note` and `  2024-02-15 second note` on lines of their own; with
/// `dateformat.annotation=D/M H:N` and `indent.annotation=4` (`TZ=Asia/Kolkata`) the
/// notes were `    10/01 13:45 first note`; `oneline` with `dateformat=b D` gave `Full task
/// Jan 10 first note Feb 15 second note`.
#[test]
fn annotations_follow_the_description() {
    let f = Fixture::new();
    let task = full_task();
    let mut ctx = f.ctx(at(1_796_096_989));
    assert_eq!(
        f.show(&task, "description", &ctx),
        "Full task\n  2024-01-10 first note\n  2024-02-15 second note"
    );
    assert_eq!(
        f.show(&task, "description.oneline", &ctx),
        "Full task 2024-01-10 first note 2024-02-15 second note"
    );
    ctx.annotation_dateformat = "D/M H:N";
    ctx.annotation_indent = 4;
    assert_eq!(
        f.show(&task, "description.combined", &ctx),
        "Full task\n    10/01 13:45 first note\n    15/02 22:30 second note"
    );
    ctx.annotation_dateformat = "b D";
    assert_eq!(
        f.show(&task, "description.oneline", &ctx),
        "Full task Jan 10 first note Feb 15 second note"
    );
    // The report's own date format is not the annotations'.
    ctx.dateformat = "D.M.Y";
    assert!(
        f.show(&task, "description", &ctx)
            .contains("    Jan 10 first")
    );
}

#[test]
fn stored_control_characters_are_escaped() {
    let f = Fixture::new();
    let ctx = f.ctx(at(1_796_096_989));
    let task = task(
        1,
        &[
            ("description", "two\nlines\u{1b}[31m"),
            ("annotation_1704874500", "a\tb"),
            ("project", "Ho\u{7}me.x"),
            ("tag_ok", "x"),
            ("color", "r\ned"),
        ],
    );
    assert_eq!(
        f.show(&task, "description", &ctx),
        "two\\nlines\\u{1b}[31m\n  2024-01-10 a\\tb"
    );
    assert_eq!(f.show(&task, "project", &ctx), "Ho\\u{7}me.x");
    assert_eq!(f.show(&task, "project.indented", &ctx), "  x");
    assert_eq!(f.show(&task, "color", &ctx), "r\\ned");
}

/// The header lines `task` 3.1.0 printed with `verbose=label` and no labels set, each
/// column alone (an empty header is no header line at all: `size`, `color` and
/// `rtype.indicator` printed none).
#[test]
fn default_labels_are_taskwarriors() {
    let udas = UdaDefs::from_settings(settings());
    let indicators = Indicators::default();
    for (column, want) in [
        ("id", "ID"),
        ("uuid", "UUID"),
        ("uuid.short", "UUID"),
        ("status", "Status"),
        ("status.short", "St"),
        ("description", "Description"),
        ("description.count", "Description"),
        ("project", "Project"),
        ("project.parent", "Project"),
        ("tags", "Tags"),
        ("tags.indicator", "T"),
        ("tags.count", "Tag"),
        ("priority", "Priority"),
        ("priority.indicator", "Priority"),
        ("depends", "Depends"),
        ("depends.count", "Dep"),
        ("depends.indicator", "D"),
        ("recur", "Recur"),
        ("recur.indicator", "R"),
        ("parent", "Parent task"),
        ("parent.short", "Parent task"),
        ("urgency", "Urgency"),
        ("urgency.integer", "Urgency"),
        ("mask", "Mask"),
        ("imask", "Mask Index"),
        ("last", "Last instance"),
        ("rtype", "Recurrence type"),
        ("rtype.indicator", ""),
        ("template", "Template task"),
        ("start", "Started"),
        ("start.active", "A"),
        ("start.age", "Started"),
        ("due", "Due"),
        ("due.countdown", "Count"),
        ("due.age", "Due"),
        ("scheduled.countdown", "Count"),
        ("scheduled", "Scheduled"),
        ("wait", "Wait"),
        ("until", "Until"),
        ("entry", "Added"),
        ("entry.age", "Age"),
        ("entry.relative", "Added"),
        ("end", "Completed"),
        ("modified", "Modified"),
        ("estimate", "Est"),
        ("estimate.indicator", "Est"),
        ("size", ""),
        ("birthday", "Birthday"),
        ("color", ""),
        ("color.indicator", ""),
    ] {
        let spec = ColumnSpec::parse(column, &udas).unwrap();
        assert_eq!(default_label(&spec, &udas, &indicators), want, "{column}");
    }
}

/// `task` 3.1.0 with `uda.size.indicator=S`, `tag.indicator=T+`,
/// `dependency.indicator=dep`, `recurrence.indicator=↻`, `rtype.indicator=xy` and
/// `active.indicator=▶` headed the indicator columns `Ta Dep Rec Re A` (and `size`
/// none), and showed `S T+ dep ▶` for the full task, `↻  P` for the template: the
/// recurrence type's column shows its first letter whatever the indicator.
#[test]
fn indicators_come_from_the_settings() {
    let custom = [
        ("uda.size.indicator", "S"),
        ("tag.indicator", "T+"),
        ("dependency.indicator", "dep"),
        ("recurrence.indicator", "↻"),
        ("rtype.indicator", "xy"),
        ("active.indicator", "▶"),
    ];
    let mut f = Fixture::new();
    f.udas = UdaDefs::from_settings(settings().chain(custom));
    f.indicators = Indicators::from_settings(settings().chain(custom));
    let columns = [
        "size.indicator",
        "tags.indicator",
        "depends.indicator",
        "recur.indicator",
        "rtype.indicator",
        "start.active",
    ];
    let labels: Vec<String> = columns
        .iter()
        .map(|c| {
            let spec = ColumnSpec::parse(c, &f.udas).unwrap();
            default_label(&spec, &f.udas, &f.indicators)
        })
        .collect();
    assert_eq!(labels, ["", "Ta", "Dep", "Rec", "Re", "A"]);
    let ctx = f.ctx(at(1_796_096_989));
    let data = data_set();
    let shown = |i: usize| -> Vec<String> {
        columns
            .iter()
            .map(|c| f.show(&data[i].0, c, &ctx))
            .collect()
    };
    assert_eq!(shown(1), ["S", "T+", "dep", "", "", "▶"]);
    assert_eq!(shown(4), ["", "", "", "↻", "P", ""]);
    assert_eq!(
        shown(3),
        ["", "", "", "", "", ""],
        "started, then completed"
    );
}

/// `task` 3.1.0's urgency columns for a task whose urgency was only
/// `urgency.user.tag.solo.coefficient`, set to each value in turn.
#[test]
fn urgency_as_taskwarrior_writes_it() {
    let f = Fixture::new();
    let mut ctx = f.ctx(at(1_796_096_989));
    let task = task(3, &[("description", "x")]);
    for (urgency, real, integer) in [
        (0.004, "   0", "0"),
        (0.005, "   0", "0"),
        (0.05, "0.05", "0"),
        (0.456, "0.46", "0"),
        (0.999, "   1", "0"),
        (0.9951, "   1", "0"),
        (9.996, "  10", "9"),
        (123.456, " 123", "123"),
        (1234.5, "1.23e+03", "1234"),
        (-0.5, "-0.5", "0"),
        (-3.25, "-3.25", "-3"),
        (99.95, "99.9", "99"),
        (0.0001, "   0", "0"),
        (-0.0001, "-0.0001", "0"),
        (100_000.0, "1e+05", "100000"),
        (12.3, "12.3", "12"),
        (0.0, "   0", "0"),
    ] {
        ctx.row.urgency = urgency;
        assert_eq!(f.show(&task, "urgency", &ctx), real, "{urgency}");
        assert_eq!(f.show(&task, "urgency.real", &ctx), real, "{urgency}");
        assert_eq!(f.show(&task, "urgency.integer", &ctx), integer, "{urgency}");
    }
}

/// `task` 3.1.0 (`TZ=UTC`) showed, for tasks due 3 days and 5 minutes ahead, one due in
/// 2020, and entries 4 seconds and no time before: `due.age` `-3d  `, `-5min`, `6.9y  `;
/// `due.relative` `3d  `, `5min`, `-6.9y  `; `due.remaining` and `due.countdown` `3d  `,
/// `5min` and nothing for the past date; `entry.age` `4s  ` and a lone `-` when no time
/// has passed.
#[test]
fn spans_from_now() {
    let f = Fixture::new();
    let now = at(1_796_095_737);
    let ctx = f.ctx(now);
    let due = |secs: i64| task(1, &[("due", &secs.to_string())]);
    let entry = |secs: i64| task(1, &[("entry", &secs.to_string())]);
    let (soon, minutes, past) = (
        due(now.timestamp() + 3 * 86_400),
        due(now.timestamp() + 300),
        due(1_577_836_800),
    );
    let styles = ["age", "relative", "remaining", "countdown"];
    let row = |t: &Task, attr: &str| -> Vec<String> {
        styles
            .iter()
            .map(|s| f.show(t, &format!("{attr}.{s}"), &ctx))
            .collect()
    };
    assert_eq!(row(&soon, "due"), ["-3d  ", "3d  ", "3d  ", "3d  "]);
    assert_eq!(row(&minutes, "due"), ["-5min", "5min", "5min", "5min"]);
    assert_eq!(row(&past, "due"), ["6.9y  ", "-6.9y  ", "", ""]);
    assert_eq!(
        row(&entry(now.timestamp() - 4), "entry"),
        ["4s  ", "-4s  ", "", ""]
    );
    assert_eq!(row(&entry(now.timestamp()), "entry"), ["-", "-", "", ""]);
    assert_eq!(row(&task(1, &[]), "entry"), ["", "", "", ""]);
}

#[test]
fn alignment_follows_taskwarrior() {
    let udas = UdaDefs::from_settings(settings());
    let right = [
        "id",
        "urgency",
        "urgency.integer",
        "imask",
        "last",
        "rtype",
        "rtype.indicator",
        "recur",
        "recur.indicator",
        "tags.indicator",
        "tags.count",
        "depends.count",
        "depends.indicator",
        "start.active",
        "due.julian",
        "due.epoch",
        "due.age",
        "entry.relative",
        "until.remaining",
        "scheduled.countdown",
        "size",
        "size.indicator",
        "estimate",
        "color.indicator",
        "birthday.indicator",
        "priority.indicator",
    ];
    let left = [
        "uuid",
        "uuid.short",
        "status",
        "description",
        "description.truncated_count",
        "project.indented",
        "tags",
        "depends",
        "parent.short",
        "template",
        "mask",
        "due",
        "due.formatted",
        "start.iso",
        "color",
        "priority",
        "birthday",
    ];
    for column in right {
        assert!(
            right_aligned(&ColumnSpec::parse(column, &udas).unwrap()),
            "{column}"
        );
    }
    for column in left {
        assert!(
            !right_aligned(&ColumnSpec::parse(column, &udas).unwrap()),
            "{column}"
        );
    }
}

#[test]
fn column_specs_name_an_attribute_and_a_style() {
    let udas = UdaDefs::from_settings(settings());
    let spec = |text: &str| ColumnSpec::parse(text, &udas);
    let due = spec("due.relative").unwrap();
    assert_eq!((due.attr.as_str(), due.style.as_str()), ("due", "relative"));
    assert_eq!(due.kind, ColumnKind::Date);
    for (text, style) in [("due", ""), ("due.default", ""), ("mask.default", "")] {
        assert_eq!(spec(text).unwrap().style, style, "{text}");
    }
    assert_eq!(spec("due").unwrap().style(), "formatted");
    assert_eq!(spec("size").unwrap().kind, ColumnKind::UdaNumeric);
    assert_eq!(spec("priority").unwrap().kind, ColumnKind::UdaString);

    let err = spec("foo").unwrap_err();
    assert!(err.contains("\"foo\"") && err.contains("due,"), "{err}");
    assert!(
        err.contains("birthday, color, estimate, priority, size"),
        "{err}"
    );
    let err = spec("due.bad").unwrap_err();
    assert_eq!(
        err,
        "the column \"due\" has no style \"bad\"; its styles are formatted (the default), \
         julian, epoch, iso, age, relative, remaining, countdown"
    );
    let err = spec("id.short").unwrap_err();
    assert!(err.ends_with("its only style is number"), "{err}");
    let err = spec("due.active").unwrap_err();
    assert!(err.contains("no style \"active\""), "{err}");
    assert!(spec("start.active").is_ok());
    assert!(
        spec("birthday.age").is_err(),
        "a date UDA has no span styles"
    );
    assert!(spec("").is_err());
    assert!(spec("Due").is_err(), "names are exact");
    // A core attribute wins over a UDA of the same name.
    let odd = UdaDefs::from_settings([("uda.due.type", "string")].into_iter());
    assert_eq!(
        ColumnSpec::parse("due", &odd).unwrap().kind,
        ColumnKind::Date
    );
    let bad = UdaDefs::from_settings([("uda.mood.type", "colour")].into_iter());
    let err = ColumnSpec::parse("mood", &bad).unwrap_err();
    assert!(err.contains("uda.mood.type") && err.contains("string, numeric, date or duration"));
}

#[test]
fn udas_come_from_the_settings_over_priority() {
    let none = UdaDefs::default();
    let priority = none.get("priority").unwrap();
    assert_eq!(priority.kind, UdaType::String);
    assert_eq!(priority.label, "Priority");
    assert_eq!(priority.values, ["H", "M", "L", ""]);
    assert_eq!(none.names().collect::<Vec<_>>(), ["priority"]);

    let udas = UdaDefs::from_settings(
        [
            ("uda.priority.values", "A,B"),
            ("uda.mood.label", "no type, so not a UDA"),
            ("uda.x.y.type", "string"),
            ("uda.size.type", "numeric"),
            ("urgency.uda.size.coefficient", "2"),
            ("uda.gone.type", ""),
        ]
        .into_iter(),
    );
    assert_eq!(udas.get("priority").unwrap().values, ["A", "B"]);
    assert_eq!(udas.names().collect::<Vec<_>>(), ["priority", "size"]);
    let size = udas.get("size").unwrap();
    assert_eq!((size.label.as_str(), size.indicator.as_str()), ("", ""));
    assert!(size.values.is_empty());
}

#[test]
fn date_formats_follow_taskwarriors_order() {
    let settings = [
        ("report.next.dateformat", "D/M"),
        ("dateformat.report", "M-D"),
        ("dateformat", "Y.M.D"),
        ("report.list.dateformat", ""),
        ("dateformat.annotation", "m/d"),
    ];
    let get = |k: &str| settings.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
    assert_eq!(report_dateformat(get, "next"), "D/M");
    assert_eq!(report_dateformat(get, "list"), "M-D");
    assert_eq!(annotation_dateformat(get), "m/d");
    let only = |k: &str| (k == "dateformat").then_some("Y.M.D");
    assert_eq!(report_dateformat(only, "next"), "Y.M.D");
    assert_eq!(annotation_dateformat(only), "Y.M.D");
    let none = |_: &str| None;
    assert_eq!(report_dateformat(none, "next"), "Y-M-D");
    assert_eq!(annotation_indent(none), 2);
    assert_eq!(annotation_indent(|_| Some("4")), 4);
}

#[test]
fn odd_values_show_without_panicking() {
    let f = Fixture::new();
    let ctx = f.ctx(at(1_796_096_989));
    let odd = task(
        1,
        &[
            ("status", "unheard-of"),
            ("due", "soon"),
            ("birthday", "x"),
            ("estimate", "lots"),
            ("rtype", ""),
            ("parent", "short"),
            ("project", "."),
            ("recur", "sometimes"),
        ],
    );
    // Taskwarrior reads a status by its first letter: `waiting` is pending.
    assert_eq!(f.show(&odd, "status", &ctx), "unheard-of");
    assert_eq!(f.show(&odd, "status.short", &ctx), "");
    assert_eq!(f.show(&odd, "due", &ctx), "");
    assert_eq!(f.show(&odd, "due.julian", &ctx), "");
    assert_eq!(f.show(&odd, "birthday", &ctx), "");
    assert_eq!(f.show(&odd, "birthday.indicator", &ctx), "U");
    assert_eq!(f.show(&odd, "estimate", &ctx), "PT0S");
    assert_eq!(f.show(&odd, "recur", &ctx), "PT0S");
    assert_eq!(f.show(&odd, "rtype.indicator", &ctx), "");
    assert_eq!(f.show(&odd, "parent.short", &ctx), "short");
    assert_eq!(f.show(&odd, "project.indented", &ctx), ".");
    assert_eq!(f.show(&odd, "project.parent", &ctx), "");
    let waiting = task(1, &[("status", "waiting")]);
    assert_eq!(f.show(&waiting, "status", &ctx), "Pending");
    let mut ctx = ctx;
    ctx.row.id = Some(0);
    assert_eq!(f.show(&odd, "id", &ctx), "-");
    ctx.row.urgency = f64::NAN;
    assert_eq!(f.show(&odd, "urgency", &ctx), " nan");
}
