//! What a user or another program types never panics tcui: the filter language, the
//! add/modify language, dates and durations, and `task export` JSON each give a result or an
//! error that says what is wrong, for arbitrary text and for mutations of valid input.
//! Cases are bounded so that the whole file runs in seconds.

use chrono::{DateTime, FixedOffset, Utc};
use proptest::prelude::*;
use tcui::lang::{DepRef, Filter, MatchContext, Modification, ModifyContext, ParseContext};
use tcui::task::DependencyMap;
use tcui::task::{Operations, TagContext, Task, TaskData, TaskMap};
use tcui::time::{DATE_SYNONYMS, parse_date, parse_duration};
use tcui::transfer::json::{UdaTypes, parse_export};
use uuid::Uuid;

/// 1980-01-01T00:00:00Z and 9999-12-31T21:59:58Z: no date read may fall outside.
const FIRST: i64 = 315_532_800;
const LAST: i64 = 253_402_293_598;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-05-15T10:00:00+02:00").unwrap()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Words of the languages, odd ones included, to be joined into lines.
fn word() -> impl Strategy<Value = String> {
    let vocabulary = vec![
        "(",
        ")",
        "((",
        "))",
        "and",
        "or",
        "xor",
        "not",
        "!",
        "+home",
        "-home",
        "+READY",
        "+",
        "-",
        "project:",
        "project:work",
        "project.not:x",
        "pro:a",
        "due.before:eow",
        "due:",
        "due.after:now+3d",
        "due:today",
        "wait:3d",
        "scheduled:sow-1w",
        "until:",
        "status:pending",
        "status:completed",
        "status:waiting",
        "status:",
        "status:x",
        "description.has:\"a b\"",
        "tags.any:",
        "depends:1,2",
        "depends:-1",
        "depends:",
        "1",
        "3,5",
        "1-4",
        "0",
        "99999999999",
        "23070183",
        "a1b2c3d4",
        "a1b2c3d4-0000-4000-8000-000000000001",
        "priority:H",
        "pri:Z",
        "id:3",
        "urgency.over:3",
        "--",
        "\"",
        "'",
        "\"quoted words\"",
        "x:y",
        "https://x",
        "10:30",
        "ünï",
        "🇫🇷",
        "\u{1b}[2J",
        "estimate:3",
    ];
    prop_oneof![
        4 => prop::sample::select(vocabulary).prop_map(str::to_owned),
        1 => "\\PC{0,12}",
        1 => ".{0,8}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec((word(), prop::bool::weighted(0.85)), 0..16).prop_map(|words| {
        let mut out = String::new();
        for (w, space) in words {
            out.push_str(&w);
            if space {
                out.push(' ');
            }
        }
        out
    })
}

fn tasks() -> Vec<Task> {
    let make = |pairs: &[(&str, &str)]| {
        let map: TaskMap = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Task::new(TaskData::new(Uuid::new_v4(), map))
    };
    vec![
        make(&[
            ("status", "pending"),
            ("description", "Buy milk"),
            ("project", "home"),
        ]),
        make(&[
            ("status", "completed"),
            ("description", "done"),
            ("due", "1779000000"),
            ("tag_home", "x"),
            ("end", "1779000000"),
        ]),
        make(&[("status", "weird"), ("due", "not a number"), ("wait", "-5")]),
        make(&[]),
    ]
}

/// A filter parses, or fails with a message that points inside the text.
fn check_filter(text: &str) -> Result<(), TestCaseError> {
    let local = now();
    let date = |s: &str| parse_date(s, &local).ok();
    let udas = vec!["estimate".to_string()];
    let ctx = ParseContext {
        date: &date,
        udas: &udas,
        offset: *local.offset(),
        search: tcui::lang::Search::default(),
        orders: &[],
    };
    match Filter::parse(text, &ctx) {
        Ok(filter) => {
            let depmap = DependencyMap::default();
            let tags = TagContext::new(local.with_timezone(&Utc), *local.offset(), &depmap);
            for (i, task) in tasks().iter().enumerate() {
                let m = MatchContext {
                    id: Some(i as u32 + 1),
                    tags: &tags,
                    urgency: &|_| Some(i as f64),
                };
                filter.matches(task, &m);
            }
        }
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            prop_assert!(
                e.column() <= text.chars().count() + 1,
                "column {} of {text:?}",
                e.column()
            );
        }
    }
    Ok(())
}

fn resolve(r: &DepRef) -> Option<Uuid> {
    match r {
        DepRef::Id(1) => Some(Uuid::from_u128(1)),
        DepRef::Id(2) => Some(Uuid::from_u128(2)),
        _ => None,
    }
}

/// A modify line parses and applies, or fails naming a word that is in the line.
fn check_modify(text: &str, new: bool) -> Result<(), TestCaseError> {
    let local = now();
    let udas = vec!["estimate".to_string()];
    let ctx = ModifyContext {
        now: &local,
        udas: &udas,
        resolve: &resolve,
        dateformat: "",
    };
    let parsed = if new {
        Modification::parse_new(text, &ctx)
    } else {
        Modification::parse(text, &ctx)
    };
    match parsed {
        Ok(m) => {
            for mut task in tasks() {
                let mut ops = Operations::new();
                let mut edit = task.edit(&mut ops, local.with_timezone(&Utc));
                if let Err(e) = m.apply(&mut edit) {
                    prop_assert!(!e.to_string().is_empty());
                }
            }
        }
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            prop_assert!(
                text.get(e.span.clone()).is_some(),
                "{:?} in {text:?}",
                e.span
            );
        }
    }
    Ok(())
}

fn check_date(text: &str) -> Result<(), TestCaseError> {
    let local = now();
    match parse_date(text, &local) {
        Ok(t) => prop_assert!(
            (FIRST..=LAST).contains(&t.timestamp()),
            "{text:?} read as {t}"
        ),
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    if let Err(e) = parse_duration(text) {
        prop_assert!(!e.to_string().is_empty());
    }
    Ok(())
}

/// An export read whole, or an error whose record and line are in the text.
fn check_json(text: &str) -> Result<(), TestCaseError> {
    let now = now().with_timezone(&Utc);
    match parse_export(text, &UdaTypes::default(), now, &mut Uuid::new_v4) {
        Ok(records) => {
            for r in records {
                prop_assert!(r.map.contains_key("description"));
            }
        }
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            let lines = text.lines().count().max(1);
            if let Some(line) = e.line {
                prop_assert!(line <= lines + 1, "line {line} of {lines}");
            }
        }
    }
    Ok(())
}

fn sample_json() -> String {
    format!(
        r#"[
{{"id":1,"description":"Plant the tomatoes","due":"20240520T170000Z","entry":"20240501T080000Z","priority":"H","project":"Home.Garden","status":"pending","uuid":"{}","annotations":[{{"entry":"20240501T080500Z","description":"buy soil first"}}],"tags":["garden","next"],"depends":["{}"],"urgency":28.8}},
{{"id":2,"description":"Buy soil","entry":"20240501T080140Z","estimate":2,"status":"waiting","wait":"21000101T000000Z","uuid":"{}"}},
{{"id":0,"description":"Water","imask":3,"parent":"{}","mask":"-+X","recur":"weekly","status":"completed","end":"20240413T092000Z"}}
]
"#,
        Uuid::from_u128(1),
        Uuid::from_u128(2),
        Uuid::from_u128(2),
        Uuid::from_u128(9),
    )
}

/// One edit of a valid document: a byte range cut, text inserted, or a range repeated.
#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize, usize),
    Insert(usize, String),
    Repeat(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "null",
            "1e999",
            "-0",
            "\"\\u0000\"",
            "\"due\":\"x\"",
            "\"status\":\"deleted\"",
            "\"tags\":[1]",
            "\n",
        ])
        .prop_map(str::to_owned),
        "\\PC{0,6}",
    ];
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, n)| Mutation::Cut(a, n)),
        (any::<usize>(), piece).prop_map(|(a, s)| Mutation::Insert(a, s)),
        (any::<usize>(), 1usize..60).prop_map(|(a, n)| Mutation::Repeat(a, n)),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let at = |i: usize| {
        let mut i = i % (text.len() + 1);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match mutation {
        Mutation::Cut(a, n) => {
            let (a, b) = (at(*a), at(a.saturating_add(*n)));
            let (a, b) = (a.min(b), a.max(b));
            format!("{}{}", &text[..a], &text[b..])
        }
        Mutation::Insert(a, s) => {
            let a = at(*a);
            format!("{}{s}{}", &text[..a], &text[a..])
        }
        Mutation::Repeat(a, n) => {
            let (a, b) = (at(*a), at(a.saturating_add(*n)));
            let (a, b) = (a.min(b), a.max(b));
            format!("{}{}{}", &text[..b], &text[a..b], &text[b..])
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_filter_parses_or_says_why(text in line()) {
        check_filter(&text)?;
    }

    #[test]
    fn any_text_as_a_filter_parses_or_says_why(text in "\\PC{0,40}|.{0,40}") {
        check_filter(&text)?;
    }

    #[test]
    fn nesting_is_bounded_and_reported(
        depth in 0usize..400,
        opener in prop::sample::select(vec!["(", "not ", "!", "( not "]),
    ) {
        let closer = if opener.contains('(') { ")" } else { "" };
        let text = format!("{}+home{}", opener.repeat(depth), closer.repeat(depth));
        check_filter(&text)?;
    }

    #[test]
    fn any_modify_line_applies_or_says_why(text in line(), new in any::<bool>()) {
        check_modify(&text, new)?;
    }

    #[test]
    fn any_text_as_a_modify_line_applies_or_says_why(text in "\\PC{0,40}|.{0,40}") {
        check_modify(&text, false)?;
    }

    #[test]
    fn named_dates_with_offsets_read_or_say_why(
        name in prop::sample::select(DATE_SYNONYMS.to_vec()),
        offsets in prop::collection::vec(
            ("[+-]", prop_oneof![
                Just("1d".to_string()),
                Just("3wks".to_string()),
                Just("2mo".to_string()),
                Just("9999y".to_string()),
                Just("P1Y2M".to_string()),
                Just("PT1H".to_string()),
                "[0-9]{1,12}[a-z]{0,7}",
            ]),
            0..4,
        ),
        upper in any::<bool>(),
    ) {
        let mut text: String = name.to_string();
        for (sign, d) in offsets {
            text.push_str(&sign);
            text.push_str(&d);
        }
        if upper {
            text = text.to_uppercase();
        }
        check_date(&text)?;
    }

    #[test]
    fn any_text_as_a_date_reads_or_says_why(
        text in "[0-9TZ:+-]{0,24}|\\PC{0,24}|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{0,8}[Z+-]?[0-9:]{0,5}"
    ) {
        check_date(&text)?;
    }

    #[test]
    fn any_bytes_as_an_export_read_or_say_why(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        check_json(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn a_mutated_export_reads_or_says_why(mutations in prop::collection::vec(mutation(), 1..5)) {
        let mut text = sample_json();
        for m in &mutations {
            text = apply(&text, m);
        }
        check_json(&text)?;
    }
}

#[test]
fn deep_nesting_is_a_parse_error_in_either_language() {
    let deep = format!("{}+home{}", "(".repeat(5000), ")".repeat(5000));
    let local = now();
    let date = |s: &str| parse_date(s, &local).ok();
    let ctx = ParseContext {
        date: &date,
        udas: &[],
        offset: *local.offset(),
        search: tcui::lang::Search::default(),
        orders: &[],
    };
    let err = Filter::parse(&deep, &ctx).unwrap_err();
    assert!(err.to_string().contains("nested"), "{err}");
    let nots = format!("{}+home", "not ".repeat(5000));
    let err = Filter::parse(&nots, &ctx).unwrap_err();
    assert!(err.to_string().contains("nested"), "{err}");
    // The modify language has no grouping: brackets are description text, however many.
    check_modify(&deep, true).unwrap();
    // JSON nested past serde_json's limit is refused, not recursed into.
    for deep in [
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!(
            "[{{\"description\":\"x\",\"a\":{}1{}}}]",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
    ] {
        let now = now().with_timezone(&Utc);
        let err = parse_export(&deep, &UdaTypes::default(), now, &mut Uuid::new_v4).unwrap_err();
        assert!(err.to_string().contains("not valid JSON"), "{err}");
    }
}
