//! The settings report columns read: the user-defined attributes (`uda.NAME.type`,
//! `.label`, `.values`, `.indicator`), the indicator characters (`active.indicator` and
//! the rest) and the date formats (`report.NAME.dateformat`, `dateformat.report`,
//! `dateformat.annotation`, `dateformat`), each with Taskwarrior's default.

use std::collections::BTreeMap;

/// What a UDA holds, from `uda.NAME.type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UdaType {
    String,
    Numeric,
    Date,
    Duration,
    /// A type Taskwarrior does not know; a column naming the UDA is refused.
    Other(String),
}

impl UdaType {
    fn read(value: &str) -> UdaType {
        match value {
            "string" => UdaType::String,
            "numeric" => UdaType::Numeric,
            "date" => UdaType::Date,
            "duration" => UdaType::Duration,
            other => UdaType::Other(other.to_string()),
        }
    }
}

/// One user-defined attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdaDef {
    pub kind: UdaType,
    /// `uda.NAME.label`; `""` when unset (Taskwarrior then shows no header).
    pub label: String,
    /// `uda.NAME.values`, split at commas (`H,M,L,` ends with an empty value).
    pub values: Vec<String>,
    /// `uda.NAME.indicator`; `""` when unset, which shows as `U`.
    pub indicator: String,
}

/// The user-defined attributes, by name. Only names with a non-empty `uda.NAME.type` are
/// attributes, as in Taskwarrior.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdaDefs {
    defs: BTreeMap<String, UdaDef>,
}

/// Taskwarrior 3's own UDA: `priority` is a string attribute with the values `H`, `M`,
/// `L` or none, labelled `Priority`, unless the settings say otherwise.
const PRIORITY: &[(&str, &str)] = &[
    ("uda.priority.type", "string"),
    ("uda.priority.label", "Priority"),
    ("uda.priority.values", "H,M,L,"),
];

impl Default for UdaDefs {
    /// Taskwarrior's defaults alone: `priority`.
    fn default() -> UdaDefs {
        UdaDefs::from_settings(std::iter::empty())
    }
}

impl UdaDefs {
    /// The UDAs the settings `(key, value)` define, over Taskwarrior's `priority`. Keys
    /// other than `uda.NAME.FIELD` are ignored, so every setting may be passed.
    pub fn from_settings<'a>(it: impl Iterator<Item = (&'a str, &'a str)>) -> UdaDefs {
        let mut fields: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
        for (key, value) in PRIORITY.iter().copied().chain(it) {
            let Some((name, field)) = key.strip_prefix("uda.").and_then(|r| r.split_once('.'))
            else {
                continue;
            };
            fields.entry(name).or_default().insert(field, value);
        }
        let defs = fields
            .into_iter()
            .filter_map(|(name, fields)| {
                let kind = fields.get("type").filter(|t| !t.is_empty())?;
                let get = |field: &str| fields.get(field).copied().unwrap_or("").to_string();
                let values = fields.get("values").filter(|v| !v.is_empty());
                Some((
                    name.to_string(),
                    UdaDef {
                        kind: UdaType::read(kind),
                        label: get("label"),
                        values: values
                            .map_or_else(Vec::new, |v| v.split(',').map(str::to_string).collect()),
                        indicator: get("indicator"),
                    },
                ))
            })
            .collect();
        UdaDefs { defs }
    }

    pub fn get(&self, name: &str) -> Option<&UdaDef> {
        self.defs.get(name)
    }

    /// The names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.defs.keys().map(String::as_str)
    }
}

/// What the indicator styles show (`start.active`, `tags.indicator`,
/// `depends.indicator`, `recur.indicator`, `rtype.indicator`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicators {
    /// `active.indicator`, `*` by default.
    pub active: String,
    /// `tag.indicator`, `+` by default.
    pub tag: String,
    /// `dependency.indicator`, `D` by default.
    pub dependency: String,
    /// `recurrence.indicator`, `R` by default.
    pub recurrence: String,
    /// `rtype.indicator`, unset by default: the column then shows the first letter of
    /// the recurrence type and has no header.
    pub rtype: String,
}

impl Default for Indicators {
    fn default() -> Indicators {
        Indicators {
            active: "*".into(),
            tag: "+".into(),
            dependency: "D".into(),
            recurrence: "R".into(),
            rtype: String::new(),
        }
    }
}

impl Indicators {
    /// Taskwarrior's defaults, with the settings `(key, value)` over them.
    pub fn from_settings<'a>(it: impl Iterator<Item = (&'a str, &'a str)>) -> Indicators {
        let mut out = Indicators::default();
        for (key, value) in it {
            let slot = match key {
                "active.indicator" => &mut out.active,
                "tag.indicator" => &mut out.tag,
                "dependency.indicator" => &mut out.dependency,
                "recurrence.indicator" => &mut out.recurrence,
                "rtype.indicator" => &mut out.rtype,
                _ => continue,
            };
            *slot = value.to_string();
        }
        out
    }
}

/// The date format of the report `report`'s dates: the first set (non-empty) of
/// `report.REPORT.dateformat`, `dateformat.report` and `dateformat`, else `Y-M-D`.
pub fn report_dateformat<'a>(setting: impl Fn(&str) -> Option<&'a str>, report: &str) -> &'a str {
    first_set(
        &setting,
        &[&format!("report.{report}.dateformat"), "dateformat.report"],
    )
}

/// The date format of annotations in a description column: `dateformat.annotation`, else
/// `dateformat`, else `Y-M-D` (the report's own format does not apply to them).
pub fn annotation_dateformat<'a>(setting: impl Fn(&str) -> Option<&'a str>) -> &'a str {
    first_set(&setting, &["dateformat.annotation"])
}

fn first_set<'a>(setting: &impl Fn(&str) -> Option<&'a str>, keys: &[&str]) -> &'a str {
    keys.iter()
        .chain(&["dateformat"])
        .find_map(|k| setting(k).filter(|v| !v.is_empty()))
        .unwrap_or("Y-M-D")
}

/// Spaces before each annotation of a `description` column: `indent.annotation`, 2 unless
/// set to a number.
pub fn annotation_indent<'a>(setting: impl Fn(&str) -> Option<&'a str>) -> usize {
    setting("indent.annotation")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(2)
}
