//! Tests for `cells`: column specs, their headers and alignment, and the settings they
//! read, compared with what `task` 3.1.0 printed.

use super::*;

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

fn settings() -> impl Iterator<Item = (&'static str, &'static str)> {
    SETTINGS.iter().copied()
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
