//! The list's columns: the cells a row needs in each, summed up over the whole view (so that
//! widths stay put while scrolling), and fitted to the screen so that the description always
//! keeps room, other columns being narrowed or left out first.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use crate::task::{Status, Tag, Task};
use crate::text::{visible, width, width_up_to};
use crate::time::{Vague, parse_timestamp};

/// The columns before the description, in screen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Age,
    Project,
    Tags,
    Due,
    Urgency,
}

impl Column {
    pub const ALL: [Column; 6] = [
        Column::Id,
        Column::Age,
        Column::Project,
        Column::Tags,
        Column::Due,
        Column::Urgency,
    ];

    pub fn header(self) -> &'static str {
        match self {
            Column::Id => "ID",
            Column::Age => "Age",
            Column::Project => "Project",
            Column::Tags => "Tags",
            Column::Due => "Due",
            Column::Urgency => "Urg",
        }
    }

    /// The widest the column gets; longer values are cut with `…`.
    fn max(self) -> u16 {
        match self {
            Column::Id => 8,
            Column::Age | Column::Urgency => 6,
            Column::Project | Column::Tags => 16,
            Column::Due => 8,
        }
    }

    /// The narrowest it is cut to before it is left out altogether.
    fn min(self) -> u16 {
        match self {
            Column::Project | Column::Tags => 7,
            _ => self.max(),
        }
    }

    /// Whether its values are right-aligned.
    pub fn right_aligned(self) -> bool {
        matches!(self, Column::Id | Column::Due | Column::Urgency)
    }
}

/// Which columns go first when the screen is narrow.
const DROP_ORDER: [Column; 5] = [
    Column::Age,
    Column::Urgency,
    Column::Tags,
    Column::Project,
    Column::Due,
];

/// The description keeps at least this many cells (or all it needs, if less)...
const DESCRIPTION_ROOM: u16 = 16;
/// ... or this share of the width on wider screens.
const DESCRIPTION_SHARE: u16 = 4;
/// Descriptions are measured no further than this.
const DESCRIPTION_MEASURE: usize = 512;

/// The cells rows need in each column (before capping), and for the description.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub cells: [u16; 6],
    pub description: u16,
}

impl Needs {
    /// What both need.
    pub fn max(self, other: Needs) -> Needs {
        let mut cells = self.cells;
        for (c, o) in cells.iter_mut().zip(other.cells) {
            *c = (*c).max(o);
        }
        Needs {
            cells,
            description: self.description.max(other.description),
        }
    }

    /// What one task's row needs, as [`cells`] shows it, without building its text.
    pub fn of(task: &Task, id: Option<u32>, urgency: f64, now: DateTime<Utc>) -> Needs {
        Needs::measured(&Measure::of(task), id, urgency, now)
    }

    /// [`Needs::of`] from the task's [`Measure`]: no task property is read again, and nothing
    /// is formatted.
    pub fn measured(m: &Measure, id: Option<u32>, urgency: f64, now: DateTime<Utc>) -> Needs {
        let now = now.timestamp();
        let cells = [
            id.map_or(1, digits),
            m.entry
                .map_or(0, |entry| vague_width(now.saturating_sub(entry))),
            m.project,
            m.tags,
            m.due.map_or(0, |due| vague_width(due.saturating_sub(now))),
            if m.urgency { urgency_width(urgency) } else { 0 },
        ];
        Needs {
            cells,
            description: m.description,
        }
    }
}

fn digits(n: impl Into<u64>) -> u16 {
    let n: u64 = n.into();
    n.checked_ilog10().map_or(1, |d| d as u16 + 1)
}

/// Cells `Vague(seconds)` takes, worked out the way it rounds rather than by formatting it
/// (a test holds the two together across every unit boundary); never less than it takes.
fn vague_width(seconds: i64) -> u16 {
    const MINUTE: u64 = 60;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    let secs = seconds.unsigned_abs();
    let days = (secs as f32 as f64 / DAY as f64) as f32;
    let sign = u16::from(seconds < 0);
    sign + if secs >= 365 * DAY {
        // `{:.1}y`: the whole years as they round, a point, one decimal.
        digits(((days / 365.0) as f64 + 0.05).floor() as u64) + 3
    } else if secs >= 90 * DAY {
        digits((days / 30.0) as u64) + 2
    } else if secs >= 14 * DAY {
        digits((days / 7.0) as u64) + 1
    } else if secs >= DAY {
        digits(days as u64) + 1
    } else if secs >= HOUR {
        digits(secs / HOUR) + 1
    } else if secs >= MINUTE {
        digits(secs / MINUTE) + 3
    } else {
        digits(secs) + 1
    }
}

/// Cells `{:.1}` takes for an urgency, never less than it takes.
fn urgency_width(urgency: f64) -> u16 {
    if !urgency.is_finite() {
        return count(format_args!("{urgency:.1}"));
    }
    let whole = (urgency.abs() + 0.05).floor().min(u64::MAX as f64) as u64;
    u16::from(urgency.is_sign_negative()) + digits(whole) + 2
}

/// What a task's row needs that does not move with the clock: measured once per task (each
/// property read is a trip to memory, which a view of 100,000 tasks cannot afford each time
/// it is computed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measure {
    entry: Option<i64>,
    due: Option<i64>,
    project: u16,
    tags: u16,
    description: u16,
    urgency: bool,
}

/// Task property keys as the task model spells them: `tag_<name>`, `annotation_<epoch>`.
/// [`Measure::of`] reads every property in one pass, which costs half of what asking the
/// task for each does; a test checks that it agrees with the task's own accessors.
const TAG_KEY: &str = "tag_";
const ANNOTATION_KEY: &str = "annotation_";

impl Measure {
    pub fn of(task: &Task) -> Measure {
        let mut m = Measure::default();
        let (mut tags, mut tag_count, mut notes, mut description) = (0, 0, 0, 0);
        for (key, value) in task.data().iter() {
            match key {
                "description" => {
                    description = width_up_to(&visible(value), DESCRIPTION_MEASURE);
                }
                "due" => m.due = parse_timestamp(value).map(|t| t.timestamp()),
                "entry" => m.entry = parse_timestamp(value).map(|t| t.timestamp()),
                "project" => m.project = cap(width(&visible(value))),
                "status" => m.urgency = Status::keeps_in_working_set(value),
                _ => {
                    if let Some(tag) = key.strip_prefix(TAG_KEY).filter(|t| Tag::is_valid(t)) {
                        tags += usize::from(tag_count > 0) + width(&visible(tag));
                        tag_count += 1;
                    } else if key
                        .strip_prefix(ANNOTATION_KEY)
                        .is_some_and(|at| parse_timestamp(at).is_some())
                    {
                        notes += 1;
                    }
                }
            }
        }
        if notes > 0 {
            description += 3 + count(format_args!("{notes}")) as usize;
        }
        m.tags = cap(tags);
        m.description = cap(description);
        m
    }
}

/// The text of a row's cells and its description, as [`Needs::of`] measures them.
pub fn cells(task: &Task, id: Option<u32>, urgency: f64, now: DateTime<Utc>) -> [String; 7] {
    let notes = task.annotation_count();
    let description = if notes > 0 {
        format!("{} [{notes}]", visible(task.description()))
    } else {
        visible(task.description()).into_owned()
    };
    [
        id.map_or_else(|| "-".to_string(), |id| id.to_string()),
        task.entry()
            .map(|e| age(e, now).to_string())
            .unwrap_or_default(),
        visible(task.project().unwrap_or("")).into_owned(),
        task.tag_names().map(visible).collect::<Vec<_>>().join(" "),
        task.due()
            .map(|d| relative(d, now).to_string())
            .unwrap_or_default(),
        if shows_urgency(task) {
            format!("{urgency:.1}")
        } else {
            String::new()
        },
        description,
    ]
}

fn age(entry: DateTime<Utc>, now: DateTime<Utc>) -> Vague {
    Vague(now.timestamp().saturating_sub(entry.timestamp()))
}

fn relative(due: DateTime<Utc>, now: DateTime<Utc>) -> Vague {
    Vague(due.timestamp().saturating_sub(now.timestamp()))
}

fn shows_urgency(task: &Task) -> bool {
    task.get("status").is_some_and(Status::keeps_in_working_set)
}

fn cap(n: usize) -> u16 {
    n.min(usize::from(u16::MAX)) as u16
}

/// The length of formatted ASCII, without keeping the text.
fn count(args: std::fmt::Arguments<'_>) -> u16 {
    struct Counter(usize);
    impl Write for Counter {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut counter = Counter(0);
    let _ = counter.write_fmt(args);
    cap(counter.0)
}

/// How wide each column is on screen: 0 for a column left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Widths {
    pub cells: [u16; 6],
    pub description: u16,
}

impl Widths {
    /// The columns shown, in order, with their widths.
    pub fn shown(&self) -> impl Iterator<Item = (usize, Column, u16)> + '_ {
        Column::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.cells[*i] > 0)
            .map(|(i, c)| (i, c, self.cells[i]))
    }
}

/// Fit the columns `needs` asks for into `total` cells, one space between columns. Columns
/// with nothing to show take no room; the description keeps its room, the others being cut
/// down, then left out, in [`DROP_ORDER`]; what is left over widens them again.
pub fn fit(needs: &Needs, total: u16) -> Widths {
    let mut want = [0u16; 6];
    for (i, column) in Column::ALL.into_iter().enumerate() {
        let need = needs.cells[i];
        want[i] = match column {
            Column::Id => need.max(2),
            _ if need == 0 => 0,
            _ => need.max(width(column.header()) as u16),
        }
        .min(column.max());
    }
    let room = needs
        .description
        .min(DESCRIPTION_ROOM.max(total / DESCRIPTION_SHARE));
    let used = |cells: &[u16; 6]| -> u16 { cells.iter().filter(|w| **w > 0).map(|w| w + 1).sum() };
    let mut cells = want;
    for (i, column) in Column::ALL.into_iter().enumerate() {
        if cells[i] > 0 {
            cells[i] = cells[i].min(column.min().max(width(column.header()) as u16));
        }
    }
    let mut drops = DROP_ORDER.into_iter();
    while used(&cells) + room > total {
        let Some(column) = drops.next() else { break };
        let i = Column::ALL.iter().position(|c| *c == column).unwrap_or(0);
        cells[i] = 0;
    }
    // Room to spare goes back to the narrowed columns, project first.
    for column in [Column::Project, Column::Tags] {
        let i = Column::ALL.iter().position(|c| *c == column).unwrap_or(0);
        if cells[i] > 0 {
            let spare = total.saturating_sub(used(&cells) + room);
            cells[i] = want[i].min(cells[i] + spare);
        }
    }
    Widths {
        cells,
        description: total.saturating_sub(used(&cells)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(cells: [u16; 6], description: u16) -> Needs {
        Needs { cells, description }
    }

    /// What a task needs, read through the task's own accessors.
    fn measured_by_accessors(task: &Task) -> Measure {
        let tags: Vec<String> = task.tag_names().map(|t| visible(t).into_owned()).collect();
        let notes = task.annotation_count();
        let mut description = width_up_to(&visible(task.description()), DESCRIPTION_MEASURE);
        if notes > 0 {
            description += 3 + notes.to_string().len();
        }
        Measure {
            entry: task.entry().map(|t| t.timestamp()),
            due: task.due().map(|t| t.timestamp()),
            project: task.project().map_or(0, |p| cap(width(&visible(p)))),
            tags: cap(width(&tags.join(" "))),
            description: cap(description),
            urgency: task.get("status").is_some_and(Status::keeps_in_working_set),
        }
    }

    #[test]
    fn measuring_in_one_pass_agrees_with_the_tasks_accessors() {
        use crate::task::{TaskData, TaskMap};
        let odd: &[&[(&str, &str)]] = &[
            &[("description", "plain"), ("status", "pending")],
            &[
                ("description", "🇫🇷 trip\u{1b}"),
                ("entry", "1795000000"),
                ("due", "1795300000"),
                ("project", "home\u{1b}[2J"),
                ("tag_ok", "x"),
                ("tag_", "x"),
                ("tag_READY", "x"),
                ("tag_日本", "x"),
                ("tags", "legacy,list"),
                ("annotation_1795000000", "note"),
                ("annotation_abc", "not a note"),
                ("status", "completed"),
            ],
            &[("status", "recurring"), ("due", "soon"), ("entry", "")],
        ];
        let mut tasks: Vec<Task> = odd
            .iter()
            .enumerate()
            .map(|(i, props)| {
                let map: TaskMap = props
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                Task::new(TaskData::new(uuid::Uuid::from_u128(i as u128), map))
            })
            .collect();
        let mut demo = std::collections::HashMap::new();
        for op in crate::demo::demo_operations(200, 100, chrono::Utc::now(), 3) {
            crate::task::apply_forgiving(&mut demo, &op);
        }
        tasks.extend(
            demo.into_iter()
                .map(|(uuid, map)| Task::new(TaskData::new(uuid, map))),
        );
        for task in &tasks {
            assert_eq!(Measure::of(task), measured_by_accessors(task), "{task:?}");
        }
    }

    #[test]
    fn widths_worked_out_are_those_formatted_or_more() {
        let mut seconds: Vec<i64> = Vec::new();
        for unit in [1, 60, 3600, 86_400, 7 * 86_400, 30 * 86_400, 365 * 86_400] {
            for n in [
                0, 1, 2, 9, 10, 11, 13, 14, 59, 60, 89, 90, 99, 100, 364, 365, 999, 1000,
            ] {
                for delta in [-1, 0, 1] {
                    seconds.push(n * unit + delta);
                }
            }
        }
        seconds.extend((0..20_000).map(|n: i64| n * n * 7_919 % 5_000_000_000));
        seconds.extend([i64::MAX, i64::MIN, i64::MIN + 1]);
        for s in seconds.iter().flat_map(|s| [*s, s.saturating_neg()]) {
            let shown = Vague(s).to_string().len() as u16;
            let worked_out = vague_width(s);
            assert!(worked_out >= shown, "{s}: {worked_out} < {shown}");
            assert!(worked_out <= shown + 1, "{s}: {worked_out} for {shown}");
        }
        let mut urgencies = vec![0.0, -0.0, 0.04, -0.04, 0.05, 9.95, 9.949, 99.96, -10.0, 1e6];
        urgencies.extend((0..20_000).map(|n| (n as f64 - 10_000.0) * 0.01337));
        for u in urgencies {
            let shown = format!("{u:.1}").len() as u16;
            let worked_out = urgency_width(u);
            assert!(worked_out >= shown, "{u}: {worked_out} < {shown}");
            assert!(worked_out <= shown + 1, "{u}: {worked_out} for {shown}");
        }
        for n in [0u32, 9, 10, 99, 100, u32::MAX] {
            assert_eq!(digits(n), n.to_string().len() as u16);
        }
    }

    #[test]
    fn needs_are_the_widths_of_the_cells_shown() {
        let now = chrono::Utc::now();
        let mut demo = std::collections::HashMap::new();
        for op in crate::demo::demo_operations(300, 200, now, 5) {
            crate::task::apply_forgiving(&mut demo, &op);
        }
        for (n, (uuid, map)) in demo.into_iter().enumerate() {
            let task = Task::new(crate::task::TaskData::new(uuid, map));
            let id = (n % 3 > 0).then_some(n as u32 * 7);
            let urgency = n as f64 * 1.37 - 40.0;
            let needs = Needs::of(&task, id, urgency, now);
            let shown = cells(&task, id, urgency, now);
            for (i, cell) in shown.iter().take(6).enumerate() {
                // Worked-out widths may be one more at a rounding boundary.
                let need = usize::from(needs.cells[i]);
                assert!(need == width(cell) || need == width(cell) + 1, "{cell:?}");
            }
            assert_eq!(usize::from(needs.description), width(&shown[6]));
        }
    }

    #[test]
    fn a_wide_screen_shows_every_column_in_full() {
        let w = fit(&needs([3, 3, 11, 9, 4, 4], 40), 120);
        assert_eq!(w.cells, [3, 3, 11, 9, 4, 4]);
        assert_eq!(w.description, 120 - 3 - 3 - 11 - 9 - 4 - 4 - 6);
    }

    #[test]
    fn headers_set_the_least_width_and_empty_columns_take_none() {
        let w = fit(&needs([1, 2, 0, 2, 0, 3], 10), 80);
        assert_eq!(w.cells, [2, 3, 0, 4, 0, 3]);
    }

    #[test]
    fn a_narrow_screen_keeps_the_description() {
        // Age, urgency and tags leave; the project gets back the room it needs.
        let w = fit(&needs([3, 3, 12, 12, 4, 4], 40), 40);
        assert_eq!(w.cells, [3, 0, 12, 0, 4, 0]);
        assert_eq!(w.description, 18);
        // The ID and the due date stay longest.
        let w = fit(&needs([8, 6, 16, 16, 8, 6], 200), 40);
        assert_eq!(w.cells, [8, 0, 0, 0, 8, 0]);
        assert_eq!(w.description, 22);
    }

    #[test]
    fn short_descriptions_leave_the_other_columns_alone() {
        let w = fit(&needs([3, 3, 12, 12, 4, 4], 5), 56);
        assert_eq!(w.cells, [3, 3, 12, 12, 4, 4]);
        assert_eq!(w.description, 12);
    }

    #[test]
    fn narrowed_columns_get_spare_room_back() {
        let w = fit(&needs([3, 3, 12, 0, 4, 4], 40), 44);
        assert_eq!(w.cells, [3, 3, 9, 0, 4, 4]);
        assert_eq!(w.description, 16);
    }
}
