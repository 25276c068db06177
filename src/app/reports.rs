//! Taskwarrior's reports: `report.NAME.columns`, `.labels`, `.sort`, `.filter`,
//! `.description` and `.context`, from the shipped defaults (Taskwarrior's own built-in
//! reports) and the taskrc, which may change them or define new ones (`.dateformat` is read
//! with the other date formats, in `cells`); and the order a report's sort keys put tasks
//! in, with Taskwarrior's rules for missing values.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use uuid::Uuid;

use super::cells::{UdaDefs, UdaType};
use crate::replica::UuidMap;
use crate::task::Task;

/// One sort key: `due+`, `urgency-`, `project+/` (a break: a blank line where it changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    pub attr: String,
    pub ascending: bool,
    pub breaks: bool,
}

impl SortKey {
    /// As Taskwarrior reads a key: a trailing `/` is a break, then `+` or `-` (ascending when
    /// neither).
    pub fn parse(text: &str) -> SortKey {
        let (text, breaks) = match text.strip_suffix('/') {
            Some(t) => (t, true),
            None => (text, false),
        };
        let (attr, ascending) = if let Some(a) = text.strip_suffix('+') {
            (a, true)
        } else if let Some(a) = text.strip_suffix('-') {
            (a, false)
        } else {
            (text, true)
        };
        SortKey {
            attr: attr.trim().to_string(),
            ascending,
            breaks,
        }
    }
}

/// A report as the settings define it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDef {
    pub name: String,
    pub description: String,
    /// Column specs as written: `due.relative`.
    pub columns: Vec<String>,
    /// Empty: each column's own label.
    pub labels: Vec<String>,
    /// Empty (or `none`): no sorting.
    pub sort: Vec<SortKey>,
    pub filter: String,
    /// Whether the active context narrows it (`report.NAME.context`, on unless set off).
    pub context: bool,
}

impl ReportDef {
    /// What is wrong with the definition as a whole, in Taskwarrior's terms.
    pub fn check(&self) -> Result<(), String> {
        if self.columns.is_empty() {
            return Err(format!(
                "report {}: report.{}.columns names no column",
                self.name, self.name
            ));
        }
        if !self.labels.is_empty() && self.labels.len() != self.columns.len() {
            return Err(format!(
                "report {}: report.{}.labels has {} labels for {} columns; give one per column \
                 or none",
                self.name,
                self.name,
                self.labels.len(),
                self.columns.len()
            ));
        }
        Ok(())
    }

    /// The attributes whose change starts a new group (a blank line on the command line).
    pub fn breaks(&self) -> impl Iterator<Item = &str> {
        self.sort
            .iter()
            .filter(|k| k.breaks)
            .map(|k| k.attr.as_str())
    }
}

/// Every report the settings define, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reports {
    defined: BTreeMap<String, ReportDef>,
}

impl Reports {
    /// From settings `(key, value)`: a report is any NAME with `report.NAME.columns`.
    pub fn from_settings<'a>(settings: impl Iterator<Item = (&'a str, &'a str)>) -> Reports {
        let mut values: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
        for (key, value) in settings {
            let Some(rest) = key.strip_prefix("report.") else {
                continue;
            };
            if let Some((name, field)) = rest.rsplit_once('.')
                && !name.is_empty()
            {
                values.entry(name).or_default().insert(field, value.trim());
            }
        }
        let list = |text: &str| -> Vec<String> {
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let defined = values
            .into_iter()
            .filter_map(|(name, fields)| {
                let columns = list(fields.get("columns")?);
                let sort = fields.get("sort").copied().unwrap_or("");
                let sort = if sort.trim() == "none" {
                    Vec::new()
                } else {
                    list(sort).iter().map(|k| SortKey::parse(k)).collect()
                };
                let def = ReportDef {
                    name: name.to_string(),
                    description: fields.get("description").copied().unwrap_or("").to_string(),
                    columns,
                    labels: list(fields.get("labels").copied().unwrap_or("")),
                    sort,
                    filter: fields.get("filter").copied().unwrap_or("").to_string(),
                    context: fields
                        .get("context")
                        .is_none_or(|v| crate::config::is_true(v)),
                };
                Some((name.to_string(), def))
            })
            .collect();
        Reports { defined }
    }

    pub fn get(&self, name: &str) -> Option<&ReportDef> {
        self.defined.get(name)
    }

    /// Every report, by name.
    pub fn all(&self) -> impl Iterator<Item = &ReportDef> {
        self.defined.values()
    }
}

/// A task's value for one sort key, worked out once so that sorting looks nothing up.
#[derive(Debug, Clone, PartialEq)]
pub enum SortValue {
    /// Urgency, numeric UDAs (a missing one counts as 0).
    Real(f64),
    /// IDs (none: 0), durations in seconds.
    Int(i64),
    /// Text compared byte by byte; a missing value is empty and comes first going up.
    Text(String),
    /// Dates: a task without one comes last either way.
    Date(Option<i64>),
    /// A UDA with `uda.NAME.values`: its place in that list counted from the end (the list
    /// runs from the highest value down), a value not in it above them all.
    Place(usize),
    /// A text UDA without a value list: an empty one comes last either way.
    TextEmptyLast(String),
    /// Dependencies: the ID of the first (by UUID) if any.
    Depends(Option<i64>),
}

/// What sort values need besides the task.
pub struct SortContext<'a> {
    pub ids: &'a UuidMap<u32>,
    pub urgency: &'a UuidMap<f64>,
    /// The UDAs (`priority` among them): their types and value orders.
    pub udas: &'a UdaDefs,
}

const DATES: [&str; 8] = [
    "due",
    "end",
    "entry",
    "start",
    "until",
    "wait",
    "modified",
    "scheduled",
];

const TEXTS: [&str; 8] = [
    "description",
    "project",
    "status",
    "tags",
    "uuid",
    "parent",
    "imask",
    "mask",
];

/// Whether `attr` can be sorted on.
pub fn sortable(attr: &str, udas: &UdaDefs) -> bool {
    matches!(attr, "urgency" | "id" | "depends" | "recur")
        || DATES.contains(&attr)
        || TEXTS.contains(&attr)
        || udas.get(attr).is_some()
}

/// `task`'s value for sorting on `attr` (one that [`sortable`] accepts).
pub fn sort_value(task: &Task, attr: &str, ctx: &SortContext<'_>) -> SortValue {
    let date = |key: &str| {
        SortValue::Date(
            task.get(key)
                .and_then(crate::time::parse_timestamp)
                .map(|t| t.timestamp()),
        )
    };
    let seconds = |text: Option<&str>| {
        text.and_then(|t| crate::time::parse_duration(t).ok())
            .map_or(0, |p| p.months() * 30 * 86_400 + p.seconds())
    };
    match attr {
        "urgency" => SortValue::Real(ctx.urgency.get(&task.uuid()).copied().unwrap_or(0.0)),
        "id" => SortValue::Int(ctx.ids.get(&task.uuid()).map_or(0, |i| i64::from(*i))),
        "depends" => {
            let mut deps = task.dependencies();
            deps.sort_unstable();
            SortValue::Depends(
                deps.first()
                    .map(|u| ctx.ids.get(u).map_or(0, |i| i64::from(*i))),
            )
        }
        "recur" => SortValue::Int(seconds(task.get("recur"))),
        "tags" => {
            let mut tags: Vec<&str> = task.tag_names().collect();
            tags.sort_unstable();
            SortValue::Text(tags.join(","))
        }
        "uuid" => SortValue::Text(task.uuid().to_string()),
        a if DATES.contains(&a) => date(a),
        a if TEXTS.contains(&a) => SortValue::Text(task.get(a).unwrap_or("").to_string()),
        uda => match ctx.udas.get(uda).map(|u| &u.kind) {
            Some(UdaType::Numeric) => SortValue::Real(
                task.get(uda)
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .unwrap_or(0.0),
            ),
            Some(UdaType::Date) => date(uda),
            Some(UdaType::Duration) => SortValue::Int(seconds(task.get(uda))),
            _ => {
                let value = task.get(uda).unwrap_or("");
                match ctx
                    .udas
                    .get(uda)
                    .map(|u| &u.values)
                    .filter(|v| !v.is_empty())
                {
                    // As Taskwarrior sorts them: the list runs from the highest value down
                    // (`H,M,L,`), and a value not in it ranks above them all.
                    Some(order) => SortValue::Place(
                        order
                            .iter()
                            .position(|v| v == value)
                            .map_or(order.len(), |at| order.len() - 1 - at),
                    ),
                    None => SortValue::TextEmptyLast(value.to_string()),
                }
            }
        },
    }
}

/// How two tasks' values for one key compare going `ascending`; `Equal` moves on to the next
/// key.
pub fn compare(a: &SortValue, b: &SortValue, ascending: bool) -> Ordering {
    let directed = |o: Ordering| if ascending { o } else { o.reverse() };
    match (a, b) {
        (SortValue::Real(x), SortValue::Real(y)) => directed(x.total_cmp(y)),
        (SortValue::Int(x), SortValue::Int(y)) => directed(x.cmp(y)),
        (SortValue::Text(x), SortValue::Text(y)) => directed(x.cmp(y)),
        (SortValue::Place(x), SortValue::Place(y)) => directed(x.cmp(y)),
        (SortValue::Date(x), SortValue::Date(y)) => match (x, y) {
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (x, y) => directed(x.cmp(y)),
        },
        (SortValue::TextEmptyLast(x), SortValue::TextEmptyLast(y)) => {
            if x == y {
                Ordering::Equal
            } else if x.is_empty() {
                Ordering::Greater
            } else if y.is_empty() {
                Ordering::Less
            } else {
                directed(x.cmp(y))
            }
        }
        // No dependencies come first going up, as Taskwarrior sorts them.
        (SortValue::Depends(x), SortValue::Depends(y)) => directed(match (x, y) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(x), Some(y)) => x.cmp(y),
        }),
        _ => Ordering::Equal,
    }
}

/// The order of rows, each given its values for `keys`: key by key, then by ID (tasks with
/// one first), then UUID, so that the order never depends on where the tasks came from.
pub fn order<'a>(
    a: (impl IntoIterator<Item = &'a SortValue>, Option<u32>, Uuid),
    b: (impl IntoIterator<Item = &'a SortValue>, Option<u32>, Uuid),
    keys: &[SortKey],
) -> Ordering {
    for ((x, y), key) in a.0.into_iter().zip(b.0).zip(keys) {
        let o = compare(x, y, key.ascending);
        if o != Ordering::Equal {
            return o;
        }
    }
    let id = |i: Option<u32>| i.unwrap_or(u32::MAX);
    id(a.1).cmp(&id(b.1)).then(a.2.cmp(&b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_read_as_taskwarrior_reads_them() {
        assert_eq!(
            SortKey::parse("project+/"),
            SortKey {
                attr: "project".into(),
                ascending: true,
                breaks: true
            }
        );
        assert!(!SortKey::parse("urgency-").ascending);
        assert!(SortKey::parse("due").ascending);
    }

    #[test]
    fn the_built_in_reports_are_taskwarriors_and_tcuis_templates() {
        let settings = crate::config::Settings::defaults();
        let reports = Reports::from_settings(settings.iter());
        let names: Vec<&str> = reports.all().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "active",
                "all",
                "blocked",
                "blocking",
                "completed",
                "list",
                "long",
                "ls",
                "minimal",
                "newest",
                "next",
                "oldest",
                "overdue",
                "ready",
                "recurring",
                "templates",
                "unblocked",
                "waiting"
            ]
        );
        let next = reports.get("next").unwrap();
        assert_eq!(next.filter, "status:pending -WAITING limit:page");
        assert_eq!(next.columns.len(), next.labels.len());
        assert_eq!(next.sort, [SortKey::parse("urgency-")]);
        for r in reports.all() {
            r.check().unwrap();
            assert!(r.context, "{}", r.name);
        }
        let minimal = reports.get("minimal").unwrap();
        assert_eq!(minimal.breaks().collect::<Vec<_>>(), ["project"]);
    }

    #[test]
    fn the_taskrc_changes_a_report_and_defines_new_ones() {
        let mut settings = crate::config::Settings::defaults();
        for (k, v) in [
            ("report.next.labels", "ID,Description"),
            ("report.next.columns", "id,description"),
            ("report.mine.columns", "id,project,description.count"),
            ("report.mine.sort", "none"),
            ("report.mine.context", "0"),
            ("report.broken.columns", "id,due"),
            ("report.broken.labels", "ID"),
            ("report.x.description", "no columns: no report"),
        ] {
            settings.values.insert(k.into(), v.into());
        }
        let reports = Reports::from_settings(settings.iter());
        assert_eq!(reports.get("next").unwrap().columns, ["id", "description"]);
        let mine = reports.get("mine").unwrap();
        assert!(mine.sort.is_empty() && !mine.context && mine.labels.is_empty());
        assert!(reports.get("x").is_none());
        let err = reports.get("broken").unwrap().check().unwrap_err();
        assert!(err.contains("1 labels for 2 columns"), "{err}");
    }

    #[test]
    fn missing_values_sort_as_taskwarrior_sorts_them() {
        use SortValue::*;
        // A task without a due date is last, going up or down.
        assert_eq!(
            compare(&Date(None), &Date(Some(5)), true),
            Ordering::Greater
        );
        assert_eq!(
            compare(&Date(None), &Date(Some(5)), false),
            Ordering::Greater
        );
        assert_eq!(
            compare(&Date(Some(1)), &Date(Some(5)), false),
            Ordering::Greater
        );
        // An empty project is first going up.
        assert_eq!(
            compare(&Text("".into()), &Text("a".into()), true),
            Ordering::Less
        );
        // Places count up from the end of the value list: with priority's `H,M,L,`, going
        // up is none, L, M, H, as `task` sorts `priority+`.
        assert_eq!(compare(&Place(0), &Place(3), true), Ordering::Less);
        assert_eq!(
            compare(&TextEmptyLast("".into()), &TextEmptyLast("a".into()), false),
            Ordering::Greater
        );
        assert_eq!(
            compare(&Depends(None), &Depends(Some(2)), true),
            Ordering::Less
        );
    }
}
