//! A report column as a report's `columns` setting names it (`due.relative`): the
//! attribute, its style, and what follows from them alone: the column's kind, whether it
//! is right-aligned, and its header when the report gives none.

use crate::text::quoted;

use super::settings::{Indicators, UdaDefs, UdaType};

/// What kind of column an attribute makes, which decides its styles and how it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Id,
    Uuid,
    Status,
    Description,
    Project,
    Tags,
    Depends,
    Recur,
    Parent,
    Template,
    Urgency,
    Mask,
    IMask,
    Last,
    RType,
    /// `due`, `scheduled`, `wait`, `until`, `entry`, `end`, `modified`.
    Date,
    /// `start`: a date, with the `active` style besides.
    Start,
    UdaString,
    UdaNumeric,
    UdaDate,
    UdaDuration,
    /// tcui's `series`: what became of a recurring template's instances (from its
    /// mask), or (`series.next`) when its next pending instance is due.
    Series,
}

/// Taskwarrior 3's own columns, by name. `priority` is not one of them: it is a UDA.
const CORE: &[(&str, ColumnKind)] = &[
    ("depends", ColumnKind::Depends),
    ("description", ColumnKind::Description),
    ("due", ColumnKind::Date),
    ("end", ColumnKind::Date),
    ("entry", ColumnKind::Date),
    ("id", ColumnKind::Id),
    ("imask", ColumnKind::IMask),
    ("last", ColumnKind::Last),
    ("mask", ColumnKind::Mask),
    ("modified", ColumnKind::Date),
    ("parent", ColumnKind::Parent),
    ("project", ColumnKind::Project),
    ("recur", ColumnKind::Recur),
    ("rtype", ColumnKind::RType),
    ("scheduled", ColumnKind::Date),
    ("start", ColumnKind::Start),
    ("status", ColumnKind::Status),
    ("tags", ColumnKind::Tags),
    ("template", ColumnKind::Template),
    ("until", ColumnKind::Date),
    ("urgency", ColumnKind::Urgency),
    ("uuid", ColumnKind::Uuid),
    ("wait", ColumnKind::Date),
];

/// Columns tcui adds to Taskwarrior's.
const OWN: &[(&str, ColumnKind)] = &[("series", ColumnKind::Series)];

/// A start date's styles: a date's, and `active`.
const START_STYLES: &[&str] = &[
    "formatted",
    "julian",
    "epoch",
    "iso",
    "age",
    "relative",
    "remaining",
    "countdown",
    "active",
];
const DATE_STYLES: &[&str] = START_STYLES.split_at(START_STYLES.len() - 1).0;

impl ColumnKind {
    /// The styles the column has, its default first. `default` also names the default.
    pub fn styles(self) -> &'static [&'static str] {
        match self {
            ColumnKind::Id | ColumnKind::IMask | ColumnKind::Last => &["number"],
            ColumnKind::Uuid | ColumnKind::Status | ColumnKind::Parent | ColumnKind::Template => {
                &["long", "short"]
            }
            ColumnKind::Description => &[
                "combined",
                "desc",
                "oneline",
                "truncated",
                "count",
                "truncated_count",
            ],
            ColumnKind::Project => &["full", "parent", "indented"],
            ColumnKind::Tags => &["list", "indicator", "count"],
            ColumnKind::Depends => &["list", "count", "indicator"],
            ColumnKind::Recur => &["duration", "indicator"],
            ColumnKind::Urgency => &["real", "integer"],
            ColumnKind::Mask => &["default"],
            ColumnKind::Series => &["counts", "next"],
            ColumnKind::RType
            | ColumnKind::UdaString
            | ColumnKind::UdaNumeric
            | ColumnKind::UdaDate
            | ColumnKind::UdaDuration => &["default", "indicator"],
            ColumnKind::Date => DATE_STYLES,
            ColumnKind::Start => START_STYLES,
        }
    }
}

/// One report column: an attribute and the style it is shown in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSpec {
    pub attr: String,
    /// The style as named; `""` for the column's default (written as nothing, or as
    /// `default`).
    pub style: String,
    /// What the attribute is, worked out once by [`ColumnSpec::parse`].
    pub kind: ColumnKind,
}

impl ColumnSpec {
    /// Read `attr` or `attr.style`, as a report's `columns` names a column. Taskwarrior's
    /// own attributes come first; any other name must be a UDA of a known type.
    pub fn parse(text: &str, udas: &UdaDefs) -> Result<ColumnSpec, String> {
        let (attr, style) = text.split_once('.').unwrap_or((text, ""));
        let kind = kind_of(attr, udas)?;
        let style = if style == "default" { "" } else { style };
        if !style.is_empty() && !kind.styles().contains(&style) {
            return Err(format!(
                "the column {} has no style {}; {}",
                quoted(attr),
                quoted(style),
                styles_list(kind)
            ));
        }
        Ok(ColumnSpec {
            attr: attr.to_string(),
            style: style.to_string(),
            kind,
        })
    }

    /// The style in force: the one named, or the column's default.
    pub fn style(&self) -> &str {
        if self.style.is_empty() {
            self.kind.styles()[0]
        } else {
            &self.style
        }
    }
}

/// The styles a column has, for a message.
fn styles_list(kind: ColumnKind) -> String {
    match kind.styles() {
        [first, rest @ ..] if !rest.is_empty() => {
            format!("its styles are {first} (the default), {}", rest.join(", "))
        }
        styles => format!("its only style is {}", styles.join("")),
    }
}

fn kind_of(attr: &str, udas: &UdaDefs) -> Result<ColumnKind, String> {
    if let Some((_, kind)) = CORE.iter().chain(OWN).find(|(name, _)| *name == attr) {
        return Ok(*kind);
    }
    let Some(def) = udas.get(attr) else {
        let core: Vec<&str> = CORE.iter().chain(OWN).map(|(name, _)| *name).collect();
        let udas: Vec<&str> = udas.names().collect();
        return Err(format!(
            "there is no column {}; the columns are {}, and the UDAs defined with \
             uda.NAME.type settings ({})",
            quoted(attr),
            core.join(", "),
            if udas.is_empty() {
                "none".to_string()
            } else {
                udas.join(", ")
            }
        ));
    };
    match &def.kind {
        UdaType::String => Ok(ColumnKind::UdaString),
        UdaType::Numeric => Ok(ColumnKind::UdaNumeric),
        UdaType::Date => Ok(ColumnKind::UdaDate),
        UdaType::Duration => Ok(ColumnKind::UdaDuration),
        UdaType::Other(t) => Err(format!(
            "the UDA {} has the type {} (uda.{}.type); a UDA's type is string, numeric, \
             date or duration",
            quoted(attr),
            quoted(t),
            crate::text::visible(attr)
        )),
    }
}

/// Whether Taskwarrior right-aligns the column: numbers, indicators, counts, durations
/// and dates shown as spans or numbers; text, lists, names and formatted dates go left.
pub fn right_aligned(spec: &ColumnSpec) -> bool {
    let style = spec.style();
    match spec.kind {
        ColumnKind::Id
        | ColumnKind::Urgency
        | ColumnKind::IMask
        | ColumnKind::Last
        | ColumnKind::RType
        | ColumnKind::Recur
        | ColumnKind::UdaNumeric
        | ColumnKind::UdaDuration => true,
        ColumnKind::Uuid
        | ColumnKind::Status
        | ColumnKind::Description
        | ColumnKind::Project
        | ColumnKind::Parent
        | ColumnKind::Template
        | ColumnKind::Mask => false,
        ColumnKind::Series => style == "counts",
        ColumnKind::Tags | ColumnKind::Depends => style != "list",
        ColumnKind::UdaString | ColumnKind::UdaDate => style == "indicator",
        ColumnKind::Date | ColumnKind::Start => !matches!(style, "formatted" | "iso"),
    }
}

/// The header Taskwarrior gives the column when the report sets no labels: `Due`,
/// `Project`, a UDA's `uda.NAME.label` (nothing when that is unset, as in Taskwarrior).
/// Some styles change it: `Count` for a countdown, `Age` for `entry.age`, `St` for a
/// short status, and an indicator's header is cut to the indicator's length (`tags.
/// indicator` with `+` is headed `T`).
pub fn default_label(spec: &ColumnSpec, udas: &UdaDefs, indicators: &Indicators) -> String {
    let style = spec.style();
    let cut = |label: &str, indicator: &str| label[..indicator.len().min(label.len())].to_string();
    let label = match spec.attr.as_str() {
        "depends" => match style {
            "indicator" => return cut("Depends", &indicators.dependency),
            "count" => "Dep",
            _ => "Depends",
        },
        "description" => "Description",
        "due" | "scheduled" if style == "countdown" => "Count",
        "due" => "Due",
        "scheduled" => "Scheduled",
        "series" if style == "next" => "Next",
        "series" => "Instances",
        "end" => "Completed",
        "entry" if style == "age" => "Age",
        "entry" => "Added",
        "id" => "ID",
        "imask" => "Mask Index",
        "last" => "Last instance",
        "mask" => "Mask",
        "modified" => "Modified",
        "parent" => "Parent task",
        "project" => "Project",
        "recur" if style == "indicator" => return cut("Recur", &indicators.recurrence),
        "recur" => "Recur",
        "rtype" if style == "indicator" => return cut("Recurrence type", &indicators.rtype),
        "rtype" => "Recurrence type",
        "start" if style == "active" => "A",
        "start" => "Started",
        "status" if style == "short" => "St",
        "status" => "Status",
        "tags" => match style {
            "indicator" => return cut("Tags", &indicators.tag),
            "count" => "Tag",
            _ => "Tags",
        },
        "template" => "Template task",
        "until" => "Until",
        "urgency" => "Urgency",
        "uuid" => "UUID",
        "wait" => "Wait",
        uda => return udas.get(uda).map(|d| d.label.clone()).unwrap_or_default(),
    };
    label.to_string()
}
