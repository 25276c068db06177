//! Reading and writing Taskwarrior's JSON.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::*;
use crate::task::{Task, TaskData, TaskMap};

const NOW: i64 = 1_715_767_200; // 2024-05-15T10:00:00Z

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(NOW, 0).unwrap()
}

fn read(text: &str) -> Result<Vec<Imported>, ImportError> {
    let mut n = 0u128;
    parse_export(text, &UdaTypes::default(), now(), &mut || {
        n += 1;
        Uuid::from_u128(n)
    })
}

fn map(pairs: &[(&str, &str)]) -> TaskMap {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const U1: &str = "5f0a5e1c-3a8e-4d7e-9a55-8d0c3c6f7a01";
const U2: &str = "5f0a5e1c-3a8e-4d7e-9a55-8d0c3c6f7a02";

#[test]
fn a_full_record_becomes_the_stored_map() {
    let text = format!(
        r#"[
{{"id":1,"description":"Plant the tomatoes","due":"20240520T170000Z","entry":"20240501T080000Z","modified":"20240502T090000Z","project":"Home.Garden","status":"pending","uuid":"{U1}","estimate":3,"ratio":0.5,"flag":true,"recur":"weekly","imask":2,"annotations":[{{"entry":"20240501T080500Z","description":"buy soil"}},{{"entry":"20240501T080500Z","description":"same second"}}],"tags":["garden","next"],"depends":"{U2}","urgency":16.8}}
]"#
    );
    let got = read(&text).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].uuid, Uuid::parse_str(U1).unwrap());
    assert_eq!(
        got[0].map,
        map(&[
            ("description", "Plant the tomatoes"),
            ("due", "1716224400"),
            ("entry", "1714550400"),
            ("modified", "1714640400"),
            ("project", "Home.Garden"),
            ("status", "pending"),
            ("estimate", "3"),
            ("ratio", "0.5"),
            ("flag", "true"),
            ("recur", "weekly"),
            ("imask", "2"),
            ("annotation_1714550700", "buy soil"),
            ("annotation_1714550701", "same second"),
            ("tag_garden", "x"),
            ("tag_next", "x"),
            ("tags", "garden,next"),
            (&format!("dep_{U2}"), "x"),
            ("depends", U2),
        ])
    );
}

#[test]
fn defaults_status_waiting_and_old_names() {
    let text = r#"{"description":"a","status":"waiting","wait":"2024-06-01T00:00:00Z","modification":"1714640400","project":"","annotations":[{"description":"undated"}]}
{"description":"b"}"#;
    let got = read(text).unwrap();
    assert_eq!(got[0].uuid, Uuid::from_u128(1));
    assert_eq!(got[1].uuid, Uuid::from_u128(2));
    assert_eq!(
        got[0].map,
        map(&[
            ("description", "a"),
            ("status", "pending"),
            ("wait", "1717200000"),
            ("modified", "1714640400"),
            (&format!("annotation_{NOW}"), "undated"),
        ])
    );
    assert_eq!(
        got[1].map,
        map(&[("description", "b"), ("status", "pending")])
    );
}

#[test]
fn empty_input_and_empty_array_hold_no_tasks() {
    assert_eq!(read("").unwrap(), vec![]);
    assert_eq!(read("[\n]\n").unwrap(), vec![]);
}

#[test]
fn a_bad_date_names_its_record_and_line() {
    let text = "[\n{\"description\":\"a\"},\n{\"description\":\"b\"},\n{\"description\":\"c\",\n \"due\":\"2024-13-45\"}\n]";
    let err = read(text).unwrap_err();
    assert_eq!((err.record, err.line), (Some(3), Some(4)));
    assert!(err.reason.contains("\"due\" is not a date"), "{err}");
    assert!(err.to_string().starts_with("record 3 (line 4): "), "{err}");
}

#[test]
fn broken_json_names_the_record_where_it_breaks() {
    let text = "[\n{\"description\":\"a\"},\n{\"description\":\"b\" \"due\":1}\n]";
    let err = read(text).unwrap_err();
    assert_eq!((err.record, err.line), (Some(2), Some(3)));
    assert_eq!(
        err.reason,
        "not valid JSON at line 3, column 20: expected `,` or `}`"
    );
    let err = read("[\n{\"description\":\"a\"},\n{\"description\":\n\n").unwrap_err();
    assert_eq!((err.record, err.line), (Some(2), Some(3)));
    assert!(err.reason.contains("ends inside this record"), "{err}");
}

#[test]
fn wrong_shapes_are_refused_with_the_reason() {
    let cases = [
        ("[\"text\"]", "must be a JSON object, not a string"),
        ("{\"description\":\"a\",\"uuid\":\"nope\"}", "not a UUID"),
        ("{\"description\":5}", "\"description\" must be a string"),
        ("{\"due\":\"20240101T000000Z\"}", "no description"),
        (
            "{\"description\":\"a\",\"tags\":[\"two words\"]}",
            "tags must not",
        ),
        ("{\"description\":\"a\",\"tags\":[1]}", "must hold strings"),
        ("{\"description\":\"a\",\"depends\":[\"x\"]}", "not a UUID"),
        (
            "{\"description\":\"a\",\"status\":\"done\"}",
            "must be pending",
        ),
        (
            "{\"description\":\"a\",\"annotations\":{}}",
            "must be an array",
        ),
        (
            "{\"description\":\"a\",\"annotations\":[{\"entry\":\"x\",\"description\":\"d\"}]}",
            "entry is not a date",
        ),
        (
            "{\"description\":\"a\",\"note\":{\"k\":1}}",
            "\"note\" must be a string or a number",
        ),
    ];
    for (text, want) in cases {
        let err = read(text).unwrap_err();
        assert_eq!(err.record, Some(1), "{text}");
        assert!(err.reason.contains(want), "{text}: {err}");
    }
}

#[test]
fn depends_as_taskserver_mangled_string() {
    let text = format!("{{\"description\":\"a\",\"depends\":\"[\\\"{U1}\\\",\\\"{U2}\\\"]\"}}");
    let got = read(&text).unwrap();
    assert_eq!(
        got[0].map.get("depends").map(String::as_str),
        Some(format!("{U1},{U2}").as_str())
    );
}

#[test]
fn date_udas_are_converted_both_ways() {
    let udas =
        UdaTypes::from_declarations([("review", "date"), ("size", "numeric"), ("x", "string")]);
    assert_eq!(udas.dates, ["review"]);
    assert_eq!(udas.numbers, ["size"]);
    let text = r#"{"description":"a","review":"20240101T000000Z","size":2.5}"#;
    let got = parse_export(text, &udas, now(), &mut Uuid::new_v4).unwrap();
    assert_eq!(
        got[0].map.get("review").map(String::as_str),
        Some("1704067200")
    );
    let task = Task::new(TaskData::new(Uuid::from_u128(9), got[0].map.clone()));
    let line = export_task(&task, 0, 0.0, &udas);
    assert!(line.contains("\"review\":\"20240101T000000Z\""), "{line}");
    assert!(line.contains("\"size\":2.5"), "{line}");
}

#[test]
fn fill_defaults_prefers_the_stored_task_then_now() {
    let stored = TaskData::new(Uuid::from_u128(1), map(&[("entry", "100"), ("end", "200")]));
    let mut m = map(&[("status", "completed")]);
    fill_defaults(&mut m, Some(&stored), now());
    let n = NOW.to_string();
    assert_eq!(
        m,
        map(&[
            ("status", "completed"),
            ("entry", "100"),
            ("end", "200"),
            ("modified", &n)
        ])
    );
    let mut m = map(&[("status", "pending"), ("entry", "5")]);
    fill_defaults(&mut m, None, now());
    assert_eq!(
        m,
        map(&[("status", "pending"), ("entry", "5"), ("modified", &n)])
    );
}

#[test]
fn export_writes_taskwarriors_order_and_forms() {
    let dep = Uuid::parse_str(U2).unwrap();
    let task = Task::new(TaskData::new(
        Uuid::parse_str(U1).unwrap(),
        map(&[
            ("description", "Say \"hi\""),
            ("entry", "1714550400"),
            ("status", "pending"),
            ("project", ""),
            ("imask", "3"),
            ("tag_home", "x"),
            ("tag_a b", "x"),
            ("tags", "home"),
            (&format!("dep_{dep}"), "x"),
            ("dep_junk", "x"),
            ("depends", U2),
            ("annotation_1714550700", "later"),
            ("annotation_1714550600", "first"),
            ("annotation_soon", "odd key"),
        ]),
    ));
    assert_eq!(
        export_task(&task, 4, 2.6, &UdaTypes::default()),
        format!(
            "{{\"id\":4,\"annotation_soon\":\"odd key\",\"dep_junk\":\"x\",\
             \"description\":\"Say \\\"hi\\\"\",\"entry\":\"20240501T080000Z\",\"imask\":3,\
             \"status\":\"pending\",\"tag_a b\":\"x\",\"uuid\":\"{U1}\",\
             \"annotations\":[{{\"entry\":\"20240501T080320Z\",\"description\":\"first\"}},\
             {{\"entry\":\"20240501T080500Z\",\"description\":\"later\"}}],\
             \"tags\":[\"home\"],\"depends\":[\"{U2}\"],\"urgency\":2.6}}"
        )
    );
    assert_eq!(export_document(Vec::<String>::new()), "[\n]\n");
    assert_eq!(
        export_document(["{}".to_string(), "{}".to_string()]),
        "[\n{},\n{}\n]\n"
    );
}

#[test]
fn urgency_prints_like_cpp_streams() {
    for (x, want) in [
        (0.0, "0"),
        (1.0, "1"),
        (16.8, "16.8"),
        (-3.0, "-3"),
        (0.0109589, "0.0109589"),
        (4.383561643, "4.38356"),
        (0.00001234, "1.234e-05"),
        (1234567.0, "1.23457e+06"),
        (0.0001, "0.0001"),
    ] {
        assert_eq!(format_urgency(x), want, "{x}");
    }
}

/// `%g` as the standard formatter writes it, digit by exact digit.
fn significant_by_formatter(x: f64, digits: usize) -> String {
    let exp = x.abs().log10().floor() as i32;
    let top = digits as i32;
    if x == 0.0 || !(-4..top).contains(&exp) {
        return format_significant(x, digits);
    }
    let decimals = (top - 1 - exp).max(0) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

proptest::proptest! {
    #[test]
    fn significant_digits_are_those_of_the_exact_formatter(
        mantissa in -1_000_000_000i64..1_000_000_000,
        shift in 0u32..16,
        digits in 1usize..10,
    ) {
        // Decimal fractions and binary ones, halves (the ties) among them.
        for x in [mantissa as f64 / 10f64.powi(shift as i32), mantissa as f64 / f64::from(1u32 << shift)] {
            proptest::prop_assert_eq!(
                format_significant(x, digits),
                significant_by_formatter(x, digits),
                "{} {}", x, digits
            );
        }
    }
}

#[test]
fn significant_digits_at_ties_and_carries() {
    for (x, digits, want) in [
        (0.125, 2, "0.12"),
        (0.375, 2, "0.38"),
        (2.5, 1, "2"),
        (9.999996, 6, "10"),
        (99.99996, 6, "100"),
        (-0.5, 1, "-0.5"),
        (123456.5, 6, "123456"),
        (0.000123456789, 9, "0.000123456789"),
    ] {
        assert_eq!(format_significant(x, digits), want, "{x} {digits}");
    }
}

#[test]
fn export_then_read_gives_the_same_map() {
    let m = map(&[
        ("description", "round trip"),
        ("entry", "1714550400"),
        ("modified", "1714550401"),
        ("status", "deleted"),
        ("end", "1714550402"),
        ("tag_one", "x"),
        ("tag_two", "x"),
        ("tags", "one,two"),
        (&format!("dep_{U2}"), "x"),
        ("depends", U2),
        ("annotation_1714550500", "note"),
        ("annotation_x", "kept"),
        ("priority", "H"),
        ("mask", "--+X"),
        ("parent", U2),
        ("uda", "text, with \"quotes\"\nand a newline"),
    ]);
    let uuid = Uuid::parse_str(U1).unwrap();
    let line = export_task(
        &Task::new(TaskData::new(uuid, m.clone())),
        0,
        1.5,
        &UdaTypes::default(),
    );
    let back = read(&export_document([line])).unwrap();
    assert_eq!(back, vec![Imported { uuid, map: m }]);
}

#[test]
fn export_dates_parse_in_every_accepted_form() {
    let t = DateTime::from_timestamp(1_714_550_400, 0).unwrap();
    assert_eq!(format_export_date(t), "20240501T080000Z");
    for text in [
        "20240501T080000Z",
        "2024-05-01T08:00:00Z",
        "2024-05-01T10:00:00+02:00",
        "1714550400",
    ] {
        assert_eq!(parse_export_date(text), Some(t), "{text}");
    }
    assert_eq!(parse_export_date("2024-05-01"), None);
    assert_eq!(parse_export_date(""), None);
}
