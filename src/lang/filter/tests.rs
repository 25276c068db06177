//! Filter tests: whole filters parsed and matched against small tasks at a fixed time,
//! with a small date resolver standing in for the date parser.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use uuid::Uuid;

use super::*;
use crate::task::{DependencyMap, TagContext, TaskData, TaskMap};

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

/// ISO dates (local midnight) and a few names, enough to exercise the filter.
fn resolve(value: &str, offset: FixedOffset) -> Option<DateTime<Utc>> {
    let midnight = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)?
            .and_local_timezone(offset)
            .single()
            .map(|t| t.with_timezone(&Utc))
    };
    match value {
        "now" => Some(now()),
        "now+3d" => Some(now() + TimeDelta::days(3)),
        "today" => midnight(now().with_timezone(&offset).date_naive()),
        "tomorrow" => midnight(now().with_timezone(&offset).date_naive().succ_opt()?),
        "eow" => Some(iso("2024-05-19T23:59:59Z")),
        _ => midnight(NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?),
    }
}

fn parse_at(text: &str, offset: FixedOffset) -> Result<Filter, FilterError> {
    let udas = vec![
        "estimate".to_string(),
        "size".to_string(),
        "brainpower".to_string(),
    ];
    let date = move |v: &str| resolve(v, offset);
    Filter::parse(
        text,
        &ParseContext {
            date: &date,
            udas: &udas,
            offset,
            search: Search::default(),
            orders: &[],
        },
    )
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

fn parse(text: &str) -> Filter {
    parse_at(text, utc()).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn error(text: &str) -> FilterError {
    parse_at(text, utc()).expect_err(text)
}

fn task(id: u128, pairs: &[(&str, &str)]) -> Task {
    let map: TaskMap = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Task::new(TaskData::new(Uuid::from_u128(id), map))
}

fn matches_with_id(filter: &Filter, t: &Task, id: Option<u32>) -> bool {
    let depmap = DependencyMap::new();
    let tags = TagContext::new(now(), utc(), &depmap);
    filter.matches(
        t,
        &MatchContext {
            id,
            tags: &tags,
            urgency: &|_| None,
        },
    )
}

/// Whether `text` matches a task with working-set ID 1 and properties `pairs`.
fn hit(text: &str, pairs: &[(&str, &str)]) -> bool {
    matches_with_id(&parse(text), &task(1, pairs), Some(1))
}

#[test]
fn an_empty_filter_matches_everything() {
    assert!(parse("").is_empty());
    assert!(parse("  \t").is_empty());
    assert!(hit("", &[]));
    assert!(!parse("x").is_empty());
}

#[test]
fn bare_words_search_description_and_annotations_with_smart_case() {
    let t = &[
        ("description", "Buy MILK"),
        ("annotation_1700000001", "ask Bob first"),
    ];
    assert!(hit("milk", t));
    assert!(hit("buy milk", t));
    assert!(hit("MILK", t));
    assert!(!hit("Milk", t));
    assert!(hit("bob", t));
    assert!(hit("Bob", t));
    assert!(!hit("BOB", t));
    assert!(!hit("bread", t));
    assert!(hit(r#""ask bob""#, t));
    assert!(!hit(r#""buy bob""#, t));
    // A quoted word is searched as it is, even if it looks like a term.
    assert!(hit(r#""+x""#, &[("description", "a+x")]));
    assert!(!hit(r#""+x""#, &[("tag_x", "")]));
}

#[test]
fn tags_and_virtual_tags() {
    let t = &[
        ("status", "pending"),
        ("tag_home", ""),
        ("due", "1700000000"),
    ];
    assert!(hit("+home", t));
    assert!(!hit("-home", t));
    assert!(hit("-work", t));
    assert!(hit("+OVERDUE", t));
    assert!(hit("+READY", t));
    assert!(!hit("+WAITING", t));
    assert!(hit("-WAITING", t));
    assert!(!hit("+home", &[]));
}

#[test]
fn project_is_a_left_match_as_in_taskwarrior() {
    for (project, expected) in [
        ("home", true),
        ("home.garden", true),
        ("homework", true),
        ("Home", true),
        ("work.home", false),
    ] {
        assert_eq!(
            hit("project:home", &[("project", project)]),
            expected,
            "{project}"
        );
    }
    assert!(!hit("project:Home", &[("project", "home")]));
    assert!(!hit("project:home", &[]));
    assert!(hit("pro:ho", &[("project", "home")]));
}

#[test]
fn empty_values_none_and_any() {
    assert!(hit("project:", &[]));
    assert!(!hit("project:", &[("project", "x")]));
    assert!(hit("priority:", &[("project", "x")]));
    assert!(hit("project.none:", &[]));
    assert!(hit("project.any:", &[("project", "x")]));
    assert!(!hit("project.any:", &[]));
    assert!(hit("priority:H", &[("priority", "H")]));
    assert!(!hit("priority:H", &[("priority", "L")]));
}

#[test]
fn not_is_a_negated_left_match_and_isnt_a_negated_equality() {
    let t = &[("project", "homework")];
    assert!(!hit("project.not:home", t));
    assert!(hit("project.isnt:home", t));
    assert!(hit("project.is:homework", t));
    assert!(!hit("project.is:home", t));
    assert!(hit("project.equals:HomeWork", &[("project", "HomeWork")]));
    assert!(hit("project.not:home", &[]));
}

#[test]
fn status_matches_whole_words_without_case_and_waiting_is_a_virtual_status() {
    let pending = &[("status", "pending")];
    assert!(hit("status:pending", pending));
    assert!(hit("status:Pending", pending));
    assert!(!hit("status:pend", pending));
    assert!(!hit("status:completed", pending));
    assert!(hit("status:completed", &[("status", "completed")]));
    assert!(hit("status:pending", &[]));
    let waiting = &[
        ("status", "pending"),
        ("wait", &secs("2024-06-01T00:00:00Z")),
    ];
    assert!(hit("status:waiting", waiting));
    assert!(!hit("status:waiting", pending));
    assert!(hit("status.not:waiting", pending));
}

#[test]
fn description_modifiers_also_look_in_annotations() {
    let t = &[
        ("description", "call the plumber"),
        ("annotation_1700000005", "number in the drawer"),
    ];
    assert!(hit("description:call", t));
    assert!(!hit("description:plumber", t));
    assert!(hit("desc.has:PLUMB", &[("description", "PLUMBER")]));
    assert!(hit("desc.has:drawer", t));
    assert!(hit("desc.contains:plumb", t));
    assert!(!hit("desc.hasnt:drawer", t));
    assert!(hit("desc.hasnt:kitchen", t));
    assert!(hit("desc.startswith:number", t));
    assert!(hit("desc.left:call", t));
    assert!(hit("desc.endswith:plumber", t));
    assert!(!hit("desc.right:call", t));
    assert!(hit("desc.word:the", t));
    assert!(!hit("desc.word:plumb", t));
    assert!(hit("desc.noword:plumb", t));
    assert!(!hit("desc.noword:drawer", t));
    assert!(hit("desc.has:\"the plumber\"", t));
}

#[test]
fn date_equality_is_the_same_local_day() {
    let due = |at: &str| vec![("due", secs(at))];
    let hit_due = |text: &str, at: &str| {
        let pairs = due(at);
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        hit(text, &pairs)
    };
    assert!(hit_due("due:today", "2024-05-15T00:00:00Z"));
    assert!(hit_due("due:today", "2024-05-15T23:59:59Z"));
    assert!(!hit_due("due:today", "2024-05-16T00:00:00Z"));
    assert!(!hit_due("due:today", "2024-05-14T23:59:59Z"));
    assert!(hit_due("due:2024-05-16", "2024-05-16T18:00:00Z"));
    assert!(!hit("due:today", &[]));
    assert!(hit_due("due.not:today", "2024-05-16T00:00:00Z"));
    assert!(hit("due.not:today", &[]));
    // `is` is the exact instant.
    assert!(hit_due("due.is:tomorrow", "2024-05-16T00:00:00Z"));
    assert!(!hit_due("due.is:tomorrow", "2024-05-16T00:00:01Z"));
    assert!(hit_due("due.isnt:tomorrow", "2024-05-16T00:00:01Z"));
}

#[test]
fn date_order_modifiers() {
    let at = |s: &str| secs(s);
    let before = at("2024-05-15T23:00:00Z");
    assert!(hit("due.before:tomorrow", &[("due", &before)]));
    assert!(hit("due.under:tomorrow", &[("due", &before)]));
    assert!(!hit("due.before:today", &[("due", &before)]));
    assert!(!hit("due.before:tomorrow", &[]));
    let midnight = at("2024-05-16T00:00:00Z");
    assert!(!hit("due.before:tomorrow", &[("due", &midnight)]));
    assert!(hit("due.by:tomorrow", &[("due", &midnight)]));
    assert!(!hit("due.after:tomorrow", &[("due", &midnight)]));
    assert!(hit("due.after:today", &[("due", &midnight)]));
    assert!(hit(
        "due.before:eow",
        &[("due", &at("2024-05-19T12:00:00Z"))]
    ));
    assert!(hit(
        "due.before:now+3d",
        &[("due", &at("2024-05-18T09:59:59Z"))]
    ));
    assert!(!hit(
        "due.before:now+3d",
        &[("due", &at("2024-05-18T10:00:00Z"))]
    ));
    assert!(hit(
        "entry.after:2024-01-01",
        &[("entry", &at("2024-03-01T00:00:00Z"))]
    ));
    assert!(hit(
        "ent.over:2024-01-01",
        &[("entry", &at("2024-03-01T00:00:00Z"))]
    ));
    assert!(hit("wait.none:", &[]));
    assert!(hit("scheduled.any:", &[("scheduled", "1700000000")]));
    // A stored value outside the years dates may name is no date.
    assert!(!hit("scheduled.any:", &[("scheduled", "5")]));
    assert!(hit("due:", &[]));
    assert!(hit("due.not:", &[("due", "1700000000")]));
}

#[test]
fn the_local_day_follows_the_offset() {
    let plus_two = FixedOffset::east_opt(2 * 3600).unwrap();
    let f = parse_at("due:2024-05-15", plus_two).unwrap();
    let due = |s: &str| task(1, &[("due", &secs(s))]);
    assert!(matches_with_id(&f, &due("2024-05-14T22:00:00Z"), None));
    assert!(matches_with_id(&f, &due("2024-05-15T21:59:59Z"), None));
    assert!(!matches_with_id(&f, &due("2024-05-15T22:00:00Z"), None));
}

#[test]
fn bare_ids_ranges_and_lists() {
    let f = |text: &str, id: Option<u32>| matches_with_id(&parse(text), &task(1, &[]), id);
    assert!(f("3", Some(3)));
    assert!(!f("3", Some(4)));
    assert!(!f("3", None));
    assert!(f("1-5", Some(5)));
    assert!(!f("1-5", Some(6)));
    assert!(f("5-1", Some(2)));
    assert!(f("1,3,7", Some(7)));
    assert!(!f("1,3,7", Some(2)));
    // Bare IDs next to each other form one set, as in Taskwarrior.
    assert!(f("1 3", Some(3)));
    assert!(!f("1 +home 3", Some(3)));
    assert!(matches_with_id(
        &parse("1 +home 3"),
        &task(1, &[("tag_home", "")]),
        Some(3)
    ));
    assert!(f("1 or 3", Some(3)));
}

#[test]
fn id_attribute() {
    let f = |text: &str, id: Option<u32>| matches_with_id(&parse(text), &task(1, &[]), id);
    assert!(f("id:3", Some(3)));
    assert!(f("id.before:3", Some(2)));
    assert!(!f("id.before:3", Some(3)));
    assert!(f("id.by:3", Some(3)));
    assert!(f("id.after:3", Some(4)));
    assert!(f("id.not:3", Some(4)));
    assert!(f("id.not:3", None));
    // A task without an ID (completed, deleted) has ID 0, as Taskwarrior 3.1.0 answered:
    // `id.before:3` and `id:0` find it, `id.none:` finds no task, `id.any:` every one.
    assert!(f("id.before:3", None));
    assert!(f("id:0", None));
    assert!(!f("id.after:0", None));
    assert!(!f("id.none:", None) && !f("id.none:", Some(2)));
    assert!(f("id.any:", Some(9)) && f("id.any:", None));
}

#[test]
fn some_filters_look_only_at_the_working_set_as_taskwarrior_decides() {
    let waiting = [
        ("status", "pending"),
        ("wait", &secs("2024-06-01T00:00:00Z")),
    ];
    let completed = [("status", "completed")];
    let pending = [("status", "pending")];
    let f =
        |text: &str, pairs: &[(&str, &str)]| matches_with_id(&parse(text), &task(7, pairs), None);
    // As Taskwarrior 3.1.0 answered: a status term naming pending, waiting or recurring
    // leaves completed and deleted tasks unread.
    assert!(f("status.not:pending", &waiting));
    assert!(!f("status.not:pending", &completed));
    assert!(!f("stat.not:pending", &completed));
    assert!(!f("status.isnt:pending", &completed));
    assert!(!f("status.not:completed", &completed));
    assert!(f("status.not:completed", &pending));
    // An `or`, `xor` or `not`, or a UUID, reads every task.
    assert!(f("status.not:pending or +x", &completed));
    assert!(f("00000000 status.not:pending", &completed));
    // Bare IDs alone read only the working set: an ID range never reaches ID 0.
    assert!(!f("1-8 status.not:pending", &completed));
    // No status term and no IDs: every task.
    assert!(f("id.before:3", &completed));
}

#[test]
fn uuids_whole_and_by_prefix() {
    let id = Uuid::parse_str("a1b2c3d4-0000-4000-8000-0000000000ff").unwrap();
    let t = Task::new(TaskData::new(id, TaskMap::new()));
    let f = |text: &str| matches_with_id(&parse(text), &t, None);
    assert!(f("a1b2c3d4"));
    assert!(f("A1B2C3D4"));
    assert!(f("a1b2c3d4-0000"));
    assert!(f("a1b2c3d4-0000-4000-8000-0000000000ff"));
    assert!(!f("a1b2c3d5"));
    assert!(f("ffffffff,a1b2c3d4"));
    assert!(f("uuid:a1b2"));
    assert!(f("uuid.endswith:ff"));
    assert!(!f("uuid.is:a1b2c3d4"));
    // Seven hex digits are a word, not a UUID prefix.
    assert!(!f("a1b2c3d"));
}

#[test]
fn eight_digits_are_an_id_or_the_start_of_a_uuid() {
    let id = Uuid::parse_str("23070183-0000-4000-8000-0000000000ff").unwrap();
    let t = Task::new(TaskData::new(id, TaskMap::new()));
    let f = |text: &str, id: Option<u32>| matches_with_id(&parse(text), &t, id);
    assert!(f("23070183", None));
    assert!(f("23070183", Some(2)));
    assert!(f("5,23070183", Some(2)));
    assert!(!f("23070184", Some(2)));
    assert!(f("23070184", Some(23_070_184)));
    assert!(!f("2307018", None), "seven digits are only an ID");
    // No ID is 0, but a UUID may start so.
    let zeros = Task::new(TaskData::new(Uuid::from_u128(5), TaskMap::new()));
    assert!(matches_with_id(&parse("00000000"), &zeros, None));
    assert!(!matches_with_id(&parse("00000001"), &zeros, None));
}

#[test]
fn boolean_operators_and_precedence() {
    let a = &[("tag_a", "")];
    let b = &[("tag_b", "")];
    let ab = &[("tag_a", ""), ("tag_b", "")];
    let c = &[("tag_c", "")];
    assert!(hit("+a or +b", b));
    assert!(!hit("+a and +b", a));
    assert!(hit("+a and +b", ab));
    assert!(hit("+a +b", ab));
    assert!(hit("+a xor +b", a));
    assert!(!hit("+a xor +b", ab));
    assert!(hit("not +a", b));
    assert!(hit("! +a", b));
    assert!(hit("!+a", b));
    assert!(!hit("!+a", a));
    // and binds tighter than or: a or (b and c).
    assert!(hit("+a or +b +c", a));
    assert!(!hit("+a or +b +c", b));
    assert!(hit("(+a or +b) +c", &[("tag_b", ""), ("tag_c", "")]));
    assert!(!hit("(+a or +b) +c", b));
    // not binds tighter than and: (not a) and b.
    assert!(hit("not +a +b", b));
    assert!(!hit("not +a +b", ab));
    // xor binds tighter than or: (a xor b) or c.
    assert!(hit("+a xor +b or +c", c));
    assert!(!hit("+a xor +b or +c", ab));
    // and binds tighter than xor: a xor (b and c).
    assert!(hit("+a xor +b +c", ab));
    assert!(hit("((+a))", a));
}

#[test]
fn attribute_names_and_modifiers_abbreviate() {
    assert!(hit("pri:H", &[("priority", "H")]));
    assert!(hit("des.sta:call", &[("description", "call")]));
    assert!(hit("due.bef:tomorrow", &[("due", "1700000000")]));
    assert!(hit("est:3", &[("estimate", "3")]));
    assert!(hit("estimate.over:2", &[("estimate", "10")]));
    assert!(!hit("estimate.over:2", &[("estimate", "1.5")]));
    assert!(hit("size.before:m", &[("size", "l")]));
    // UDAs are the names declared in the settings; any other name is refused, not matched
    // against nothing.
    assert!(hit("brainpower:low", &[("brainpower", "low")]));
    assert!(!hit("brainpower:low", &[]));
    match error("foo:bar") {
        FilterError::UnknownAttribute { attribute, .. } => assert_eq!(attribute, "foo"),
        e => panic!("{e:?}"),
    }
    assert!(matches!(
        error("colour.has:red"),
        FilterError::UnknownAttribute { .. }
    ));
    assert!(hit("\"foo:bar\"", &[("description", "pay foo:bar now")]));
    match error("st:x") {
        FilterError::Ambiguous {
            word, candidates, ..
        } => {
            assert_eq!(word, "st");
            assert_eq!(candidates, "status, start");
        }
        e => panic!("{e:?}"),
    }
    assert!(matches!(error("p:x"), FilterError::Ambiguous { .. }));
    assert!(matches!(error("due.no:"), FilterError::Ambiguous { .. }));
}

#[test]
fn tags_attribute() {
    let t = &[("tag_home", "")];
    assert!(hit("tags:home", t));
    assert!(hit("tags.has:home", t));
    assert!(hit("tags.hasnt:work", t));
    assert!(!hit("tags.not:home", t));
    assert!(hit("tags.none:", &[]));
    assert!(hit("tags:", &[]));
    assert!(hit("tags.any:", t));
    assert!(!hit("tags.any:", &[]));
    // As Taskwarrior 3.1.0 reads `tags`: the tags in order, joined by commas, compared as
    // text. `+zeta` is the way to ask for a tag.
    let two = &[("tag_zeta", ""), ("tag_alpha", "")];
    assert!(hit("tags:alpha", two));
    assert!(!hit("tags:zeta", two));
    assert!(hit("tags.is:alpha,zeta", two));
    assert!(!hit("tags.is:alpha", two) && hit("tags.isnt:alpha", two));
    assert!(!hit("tags.not:alpha", two) && hit("tags.not:zeta", two));
    assert!(hit("tags.has:eta", two), "text inside a tag");
    assert!(hit("tags.word:zeta", two));
    assert!(hit("tags.before:b", two) && !hit("tags.after:zzz", two));
    assert!(hit("+zeta", two));
}

#[test]
fn missing_values_compare_as_taskwarrior_compares_them() {
    let ctx = |orders: &[(String, ValueOrder)], text: &str| {
        let date = |v: &str| resolve(v, utc());
        let udas = ["estimate".to_string(), "size".to_string()];
        Filter::parse(
            text,
            &ParseContext {
                date: &date,
                udas: &udas,
                offset: utc(),
                search: Search::default(),
                orders,
            },
        )
        .unwrap()
    };
    let orders = [
        ("estimate".to_string(), ValueOrder::Numeric),
        (
            "priority".to_string(),
            ValueOrder::Listed(vec!["H".into(), "M".into(), "L".into(), "".into()]),
        ),
    ];
    let full = task(
        1,
        &[
            ("estimate", "3"),
            ("priority", "M"),
            ("project", "home"),
            ("size", "big"),
        ],
    );
    let bare = task(2, &[]);
    let found = |text: &str| {
        let f = ctx(&orders, text);
        let mut out = Vec::new();
        for (name, t) in [("full", &full), ("bare", &bare)] {
            if matches_with_id(&f, t, Some(1)) {
                out.push(name);
            }
        }
        out
    };
    // As Taskwarrior 3.1.0 answered for the same two tasks.
    assert_eq!(found("estimate.under:4"), ["full", "bare"]);
    assert_eq!(found("estimate.under:-1"), ["bare"]);
    assert_eq!(found("estimate.by:0"), ["bare"]);
    assert_eq!(found("estimate.over:-1"), ["full"]);
    assert_eq!(found("estimate>=0"), ["full"]);
    assert_eq!(found("estimate!=3"), ["bare"]);
    assert_eq!(found("priority.before:M"), ["bare"]);
    assert_eq!(found("priority.before:H"), ["full", "bare"]);
    assert_eq!(found("priority.after:L"), ["full"]);
    assert!(found("priority.after:M").is_empty());
    assert_eq!(found("priority.by:L"), ["bare"]);
    assert_eq!(found("priority.before:zz"), ["full", "bare"]);
    assert!(found("priority.after:zz").is_empty());
    assert_eq!(found("project.before:zzz"), ["full"]);
    assert_eq!(found("project.after:a"), ["full"]);
    assert_eq!(found("size.before:zzz"), ["full"]);
    // Without the orders, as text: a missing value is neither before nor after.
    let plain = ctx(&[], "priority.before:zz");
    assert!(!matches_with_id(&plain, &bare, Some(1)));
}

#[test]
fn parenthesis_errors_name_the_column() {
    assert_eq!(error("+a (+b"), FilterError::UnclosedParen { column: 4 });
    assert_eq!(
        error("(+a or (+b)"),
        FilterError::UnclosedParen { column: 1 }
    );
    assert_eq!(error("+a)"), FilterError::UnmatchedParen { column: 3 });
    assert_eq!(error("(+a))"), FilterError::UnmatchedParen { column: 5 });
    assert_eq!(error("+a ()"), FilterError::EmptyParens { column: 4 });
    assert_eq!(error("+a ("), FilterError::UnclosedParen { column: 4 });
    let msg = error("+a (+b").to_string();
    assert_eq!(msg, "column 4: this '(' is never closed; add a ')'");
}

#[test]
fn missing_operands() {
    assert_eq!(
        error("+a and"),
        FilterError::NothingAfter {
            column: 4,
            op: "and"
        }
    );
    assert_eq!(
        error("or +a"),
        FilterError::NothingBefore {
            column: 1,
            op: "or"
        }
    );
    assert_eq!(
        error("+a or and +b"),
        FilterError::NothingAfter {
            column: 4,
            op: "or"
        }
    );
    assert_eq!(
        error("(+a not)"),
        FilterError::NothingAfter {
            column: 5,
            op: "not"
        }
    );
}

#[test]
fn term_errors_say_what_to_do() {
    let e = error("+a due.before:fryday");
    assert_eq!(e.column(), 4);
    assert_eq!(
        e.to_string(),
        "'due.before:fryday' at column 4: 'fryday' is not a date; try a date such as \
         2026-01-31 or a name such as today, eow or now+3d"
    );
    assert!(matches!(
        error("due.sometime:x"),
        FilterError::UnknownModifier { ref modifier, .. } if modifier == "sometime"
    ));
    assert_eq!(
        error("due.before:"),
        FilterError::MissingValue {
            column: 1,
            term: "due.before:".into()
        }
    );
    assert!(matches!(
        error("desc.has:"),
        FilterError::MissingValue { .. }
    ));
    let e = error("due.has:x").to_string();
    assert!(e.contains("due is a date: use before"), "{e}");
    assert!(matches!(
        error("urgency.has:x"),
        FilterError::ModifierNotFor { .. }
    ));
    assert!(matches!(
        error("id.has:1"),
        FilterError::ModifierNotFor { .. }
    ));
    assert!(matches!(error("id:abc"), FilterError::BadId { .. }));
    assert!(matches!(error("0"), FilterError::BadId { .. }));
    assert!(matches!(error("1-2-3"), FilterError::BadId { .. }));
    assert!(matches!(error("1,,2"), FilterError::BadId { .. }));
    assert!(matches!(error("99999999999"), FilterError::BadId { .. }));
    assert!(matches!(error("+1x"), FilterError::BadTag { .. }));
    let e = error("+READDY").to_string();
    assert!(e.contains("READDY is not a virtual tag"), "{e}");
    assert!(matches!(
        error("desc:\"open"),
        FilterError::UnclosedQuote { column: 6, .. }
    ));
}

#[test]
fn words_that_only_look_like_terms() {
    // A lone sign, a time and an apostrophe are plain words.
    assert!(hit("+", &[("description", "1 + 1")]));
    assert!(hit("12:30", &[("description", "lunch at 12:30")]));
    assert!(hit("don't", &[("description", "don't panic")]));
}

#[test]
fn nesting_is_bounded_and_the_error_points_at_the_level_too_many() {
    use super::parse::MAX_NESTING;
    let nested = |n: usize| format!("{}+home{}", "(".repeat(n), ")".repeat(n));
    assert!(hit(&nested(MAX_NESTING), &[("tag_home", "x")]));
    assert_eq!(
        error(&nested(MAX_NESTING + 1)),
        FilterError::TooDeep {
            column: MAX_NESTING + 1,
            limit: MAX_NESTING
        }
    );
    let nots = |n: usize| format!("{}+home", "not ".repeat(n));
    assert!(!hit(&nots(MAX_NESTING - 1), &[("tag_home", "x")]));
    assert!(matches!(
        error(&nots(5000)),
        FilterError::TooDeep { column, .. } if column == MAX_NESTING * 4 + 1
    ));
    // Levels side by side are not nesting.
    let wide = vec!["(+home)"; 1000].join(" or ");
    assert!(hit(&wide, &[("tag_home", "x")]));
    assert!(
        error(&nested(5000))
            .to_string()
            .contains("nested more than 100 deep")
    );
}

#[test]
fn long_chains_of_operators_do_not_nest() {
    let tagged = &[("tag_a", "x")];
    for op in ["xor", "or", "and", ""] {
        let chain = vec!["+a"; 20_001].join(&format!(" {op} "));
        // An odd number of true terms: xor holds, as do the others.
        assert!(hit(&chain, tagged), "{op}");
    }
    assert!(!hit(&["+a"; 4].join(" xor "), tagged));
    assert!(hit(
        "+a xor +b xor +c",
        &[("tag_a", "x"), ("tag_b", "x"), ("tag_c", "x")]
    ));
}

#[test]
fn algebraic_comparisons_mean_the_modifiers() {
    let due = &[("due", "1715000000")];
    // 2024-05-06: before tomorrow (2024-05-16 in these tests' clock) and after 2024-05-01.
    for f in [
        "due < tomorrow",
        "due<tomorrow",
        "due <= tomorrow",
        "due > 2024-05-01",
    ] {
        assert!(hit(f, due), "{f}");
    }
    for f in [
        "due > tomorrow",
        "due>=tomorrow",
        "due < 2024-05-01",
        "due == tomorrow",
    ] {
        assert!(!hit(f, due), "{f}");
    }
    assert!(
        hit("due >= 2024-05-06", &[("due", "1714953600")]),
        "at the instant itself"
    );
    let p = &[("project", "home.garden"), ("description", "dig the beds")];
    assert!(
        hit("project = home", p),
        "= is the left match of project:home"
    );
    assert!(!hit("project == home", p), "== is exact");
    assert!(hit("project != work", p));
    assert!(!hit("project!=home", p));
    assert!(hit("description~beds", p));
    assert!(hit("description ~ 'the beds'", p));
    assert!(!hit("description !~ beds", p));
    assert!(hit("description !~ weeds", p));
    assert!(hit("description!~weeds", p));
    assert!(hit("estimate >= 3", &[("estimate", "3")]));
    assert!(!hit("estimate > 3", &[("estimate", "3")]));
    // An operator with nothing after it is not taken for a comparison.
    assert!(parse_at("project =", utc()).is_err());
    // A comparison of something that is no attribute is refused; quoted, it is a search.
    assert!(matches!(error("a=b"), FilterError::UnknownAttribute { .. }));
    assert!(hit("'a=b'", &[("description", "set a=b")]));
}

#[test]
fn urgency_compares_as_a_number() {
    let depmap = DependencyMap::new();
    let tags = TagContext::new(now(), utc(), &depmap);
    let task = task(1, &[("description", "x")]);
    let matches = |text: &str, urgency: Option<f64>| {
        parse(text).matches(
            &task,
            &MatchContext {
                id: None,
                tags: &tags,
                urgency: &|_| urgency,
            },
        )
    };
    assert!(matches("urgency > 5", Some(7.5)));
    assert!(matches("urgency.over:5", Some(7.5)));
    assert!(!matches("urgency.under:5", Some(7.5)));
    assert!(matches("urgency >= 7.5", Some(7.5)));
    assert!(!matches("urgency > 7.5", Some(7.5)));
    assert!(
        matches("urgency < 1", None),
        "no urgency known compares as 0"
    );
    assert!(matches("urg.below:-1", Some(-2.0)));
    assert!(matches!(
        error("urgency > high"),
        FilterError::BadNumber { .. }
    ));
    assert!(matches!(
        error("urgency.has:5"),
        FilterError::ModifierNotFor { .. }
    ));
}

#[test]
fn patterns_are_regular_expressions_in_the_description_and_annotations() {
    let t = &[
        ("description", "File the tax return"),
        ("annotation_1715000000", "ask about the 2024 refund"),
    ];
    assert!(hit("/tax/", t));
    assert!(hit("/^file/", t), "no uppercase: any case");
    assert!(
        !hit("/^file the Tax/", t),
        "an uppercase letter: exact case"
    );
    assert!(hit("/the tax r/", t), "spaces inside the slashes");
    assert!(hit("/20[0-9]{2} refund/", t), "annotations too");
    assert!(hit("( /nothing/ or /return$/ )", t));
    assert!(!hit("/taxes/", t));
    assert!(
        hit("/a\\/b/", &[("description", "a/b")]),
        "an escaped slash"
    );
    assert!(matches!(error("/tax(/"), FilterError::BadPattern { .. }));
    // A lone slash or a path is a search word.
    assert!(hit("a/b", &[("description", "a/b")]));
    assert!(hit("/", &[("description", "a / b")]));
}

#[test]
fn limit_is_taken_out_of_the_filter() {
    let f = parse("+home limit:5 project:x");
    assert_eq!(f.limit(), Some(Limit::Rows(5)));
    assert_eq!(parse("limit:page").limit(), Some(Limit::Page));
    assert!(hit("limit:2", &[]), "a limit alone matches every task");
    assert!(!parse("limit:0").is_empty());
    assert_eq!(parse("limit:3 limit:7").limit(), Some(Limit::Rows(7)));
    assert_eq!(
        parse("'limit:3'").limit(),
        None,
        "quoted, it is a search word"
    );
    assert!(matches!(
        error("limit:pages"),
        FilterError::BadNumber { .. }
    ));
    assert!(matches!(error("limit:-1"), FilterError::BadNumber { .. }));
}

#[test]
fn a_filter_that_needs_pending_tasks_says_so() {
    for (text, pending) in [
        ("status:pending -WAITING limit:page", true),
        ("status:pending", true),
        ("+home status:pending", true),
        ("status:pending or +home", false),
        ("status:completed", false),
        ("+READY", false),
        ("", false),
    ] {
        assert_eq!(parse(text).requires_pending(), pending, "{text}");
    }
}

#[test]
fn case_follows_search_case_sensitive_when_it_is_set() {
    let with = |text: &str, case: Case| {
        let date = |v: &str| resolve(v, utc());
        let ctx = ParseContext {
            date: &date,
            udas: &[],
            offset: utc(),
            search: Search { case, regex: true },
            orders: &[],
        };
        Filter::parse(text, &ctx).unwrap()
    };
    let t = task(1, &[("description", "Buy Milk"), ("project", "Home")]);
    let cases = [
        ("milk", Case::Smart, true),
        ("MILK", Case::Smart, false),
        ("milk", Case::Sensitive, false),
        ("Milk", Case::Sensitive, true),
        ("MILK", Case::Insensitive, true),
        ("project:home", Case::Sensitive, false),
        ("project:HOME", Case::Insensitive, true),
        ("/milk/", Case::Smart, true),
        ("/milk/", Case::Sensitive, false),
        ("/MILK/", Case::Insensitive, true),
    ];
    for (text, case, expected) in cases {
        assert_eq!(
            matches_with_id(&with(text, case), &t, Some(1)),
            expected,
            "{text} {case:?}"
        );
    }
}

#[test]
fn a_waiting_task_is_not_pending_to_a_filter_as_in_taskwarrior_3() {
    // Taskwarrior 3.1.0, on a task with wait:tomorrow (status stored as pending), a plain
    // one, and one whose wait date has passed.
    let later = (now() + TimeDelta::days(1)).timestamp().to_string();
    let earlier = (now() - TimeDelta::days(1)).timestamp().to_string();
    let waiter = task(1, &[("status", "pending"), ("wait", &later)]);
    let plain = task(2, &[("status", "pending")]);
    let past = task(3, &[("status", "pending"), ("wait", &earlier)]);
    for (text, expected) in [
        ("status:pending", [false, true, true]),
        ("status:waiting", [true, false, false]),
        ("status.not:pending", [true, false, false]),
        ("status:Pending", [false, true, true]),
        ("status:pend", [false, false, false]),
        ("status:pending -WAITING", [false, true, true]),
    ] {
        let f = parse(text);
        let got = [&waiter, &plain, &past].map(|t| matches_with_id(&f, t, Some(1)));
        assert_eq!(got, expected, "{text}");
    }
}

#[test]
fn words_with_regex_characters_are_regexes_as_taskwarrior_reads_them() {
    // What Taskwarrior 3.1.0 (regex on, its default) listed for these three tasks.
    let tasks = [
        task(1, &[("description", "pay tax"), ("project", "home")]),
        task(2, &[("description", "part time"), ("project", "h.o")]),
        task(3, &[("description", "c++ book")]),
    ];
    let with = |text: &str, regex: bool| {
        let date = |v: &str| resolve(v, utc());
        let ctx = ParseContext {
            date: &date,
            udas: &[],
            offset: utc(),
            search: Search {
                case: Case::Smart,
                regex,
            },
            orders: &[],
        };
        let f = Filter::parse(text, &ctx).unwrap();
        tasks
            .iter()
            .filter(|t| matches_with_id(&f, t, Some(1)))
            .map(|t| t.description().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(with("pa.t", true), ["part time"]);
    assert!(with("pa.t", false).is_empty());
    assert_eq!(with("description~pa.t", true), ["part time"]);
    assert!(with("description~pa.t", false).is_empty());
    assert_eq!(with("description.has:^pa", true), ["pay tax", "part time"]);
    assert_eq!(with("project~h.o", true), ["part time"]);
    assert_eq!(with("project~h.o", false), ["part time"]);
    assert_eq!(with("description.hasnt:^pa", true), ["c++ book"]);
    // Not a regular expression: plain text (Taskwarrior stops with an error here).
    assert_eq!(with("c++", true), ["c++ book"]);
}

#[test]
fn a_longer_word_or_an_added_term_narrows_a_filter() {
    let narrows = |a: &str, b: &str| parse(a).narrows(&parse(b));
    // Typing on: the word grows, a term is added.
    assert!(narrows("pro", "p"));
    assert!(narrows("xproy", "pro"));
    assert!(narrows("project:work", "project:w"));
    assert!(narrows("project:work +next", "project:work"));
    assert!(narrows("+next project:work", "project:work"));
    assert!(narrows("pa or pb", "p"));
    assert!(narrows("pay", "pay or rent"));
    assert!(narrows("description.has:abc", "description.has:b"));
    assert!(narrows(
        "description.startswith:abc",
        "description.startswith:ab"
    ));
    assert!(narrows(
        "description.endswith:abc",
        "description.endswith:bc"
    ));
    assert!(
        narrows("Pay", "pa"),
        "a case-sensitive word holds its caseless part"
    );
    assert!(narrows("anything", ""));
    // Cannot tell, or wider: no.
    assert!(!narrows("p", "pro"));
    assert!(
        !narrows("pa", "Pa"),
        "a caseless word may match another case"
    );
    assert!(!narrows("project:", "project"));
    assert!(!narrows("project:w", "project:"));
    assert!(!narrows("project:work", "project:"));
    assert!(!narrows("status:pending", "status:pend"));
    assert!(!narrows(
        "description.endswith:abc",
        "description.endswith:ab"
    ));
    assert!(narrows("p", "p or q and r"), "and binds closer than or");
    assert!(!narrows("p", "(p or q) and r"));
    assert!(!narrows("-p", "-pro"), "not turns the order around");
    assert!(!narrows("limit:3 pro", "p"));
    assert!(!narrows("pro", "limit:3 p"));
    assert!(!narrows("", "p"));
    // Matched a moment apart, a filter that reads the clock may keep a task the wider one
    // did not keep then.
    assert!(!narrows("+OVERDUE pay", "+OVERDUE"));
    assert!(!narrows("status:pending pay", "status:pending"));
    assert!(!narrows("+DUE pay", "+DUE"));
    assert!(narrows("pay", "+OVERDUE or pay"));
}

/// Over many pairs of filters and tasks: whenever one filter is said to narrow another,
/// every task it matches, the other matches too.
#[test]
fn narrowing_never_loses_a_task() {
    let filters = [
        "",
        "p",
        "pr",
        "pro",
        "Pro",
        "PRO",
        "ro",
        "x",
        "p or x",
        "pr or xy",
        "p and x",
        "project:",
        "project:w",
        "project:wo",
        "project:work",
        "project:Work",
        "project:work +next",
        "+next",
        "-next",
        "+next or p",
        "description.has:ay",
        "description.has:pay",
        "description.startswith:pa",
        "description.startswith:pay",
        "description.endswith:nt",
        "description.endswith:ent",
        "status:pending",
        "status:pend",
        "not pro",
        "(p or x) and +next",
        "p xor x",
    ];
    let tasks = [
        task(1, &[("description", "Pay rent"), ("project", "work")]),
        task(2, &[("description", "project plan"), ("tag_next", "")]),
        task(
            3,
            &[("description", "fix xylophone"), ("project", "Work.home")],
        ),
        task(
            4,
            &[
                ("description", "prune"),
                ("annotation_1700000000", "pay it"),
            ],
        ),
        task(
            5,
            &[
                ("description", "PROMPT"),
                ("status", "pending"),
                ("tag_next", ""),
            ],
        ),
        task(6, &[("description", "tax"), ("project", "w")]),
    ];
    let mut pairs = 0;
    for a in filters {
        for b in filters {
            let (fa, fb) = (parse(a), parse(b));
            if !fa.narrows(&fb) {
                continue;
            }
            pairs += 1;
            for t in &tasks {
                if matches_with_id(&fa, t, Some(1)) {
                    assert!(
                        matches_with_id(&fb, t, Some(1)),
                        "{a:?} narrows {b:?}, yet task {:?} matches only the first",
                        t.description()
                    );
                }
            }
        }
    }
    assert!(pairs > filters.len() * 2, "only {pairs} pairs narrowed");
}

#[test]
fn depends_is_the_list_of_uuids_as_taskwarrior_shows_it_to_filters() {
    let a = "00000000-0000-0000-0000-000000000003";
    let b = "00000000-0000-0000-0000-00000000000a";
    let one = [
        ("description", "x"),
        ("dep_00000000-0000-0000-0000-000000000003", "x"),
    ];
    let two = [
        ("description", "x"),
        ("dep_00000000-0000-0000-0000-00000000000a", "x"),
        ("dep_00000000-0000-0000-0000-000000000003", "x"),
    ];
    let none = [("description", "x")];
    // As Taskwarrior 3.1.0 answered on the same tasks: a left match on the UUIDs' text,
    // not on IDs (`depends:3` matches nothing).
    assert!(hit(&format!("depends:{a}"), &one));
    assert!(hit("depends:0000", &one));
    assert!(!hit("depends:3", &one));
    assert!(hit("depends.has:3", &one), "the UUID holds a 3");
    assert!(hit(&format!("depends.is:{a}"), &one));
    assert!(hit("depends.any:", &one) && !hit("depends.any:", &none));
    assert!(hit("depends.none:", &none) && !hit("depends.none:", &one));
    assert!(hit("depends.not:0000", &none) && !hit("depends.not:0000", &one));
    // Several: sorted and joined by commas.
    assert!(hit(&format!("depends.is:{a},{b}"), &two));
    assert!(hit(&format!("depends.has:{b}"), &two));
    assert!(hit("depends~000a", &two) && !hit("depends!~000a", &two));
    assert!(hit("depends.endswith:0a", &two));
    assert!(hit("depends:00000000-0000-0000-0000-00000000000", &two));
    // Upper case finds the same UUIDs.
    assert!(hit(&format!("depends:{}", a.to_uppercase()), &one));
}

/// A longer word keeps no task the shorter one did not, whatever the letters: `İ` and the
/// Kelvin sign fold to no ASCII letter, for ASCII and other needles alike.
#[test]
fn caseless_words_see_every_letter_the_same_way() {
    for (text, short, long) in [("İşlem", "i", "iş"), ("\u{212A}ö", "k", "kö")] {
        let t = [("description", text)];
        assert_eq!(hit(short, &t), hit(long, &t), "{text}: {short} / {long}");
        assert!(parse(long).narrows(&parse(short)));
    }
    assert!(hit("şl", &[("description", "İŞLEM")]));
}
