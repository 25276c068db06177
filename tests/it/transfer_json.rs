//! Importing `task export` JSON and exporting it again: a hand-written export of the sample
//! tasks imports to the maps Taskwarrior stores, bad input fails whole with its position, a
//! second import adds nothing, and export then import gives identical task maps.

use crate::support;
use crate::support::children::OpenInTurn;

use chrono::{DateTime, FixedOffset, Utc};
use proptest::prelude::*;
use support::peer::tcui_tasks;
use support::taskwarrior::{sample, uuid};
use tcui::lang::Filter;
use tcui::replica::Replica;
use tcui::task::{Operation, Status, Tag, Task, TaskData, UrgencyCoefficients};
use tcui::transfer::json::UdaTypes;
use tcui::transfer::{ExportSettings, ImportSummary, TransferError, export_json, import_json};
use tempfile::TempDir;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_715_767_200, 0).unwrap()
}

/// The sample tasks as Taskwarrior 3 exports them (the waiting one as an older export
/// writes it, with `status: waiting`; numeric UDAs unquoted).
fn sample_export() -> String {
    let (u1, u2, u4) = (uuid(1), uuid(2), uuid(4));
    format!(
        r#"[
{{"id":1,"description":"Plant the tomatoes","due":"20240520T170000Z","entry":"20240501T080000Z","modified":"20240502T090000Z","priority":"H","project":"Home.Garden","status":"pending","uuid":"{u1}","annotations":[{{"entry":"20240501T080500Z","description":"buy soil first"}}],"tags":["garden","next"],"depends":["{u2}"],"urgency":28.8288}},
{{"id":2,"description":"Buy soil","entry":"20240501T080140Z","estimate":2,"modified":"20240501T080140Z","project":"Home.Garden","status":"pending","uuid":"{u2}","urgency":9.08219}},
{{"id":3,"description":"Renew the passport","due":"21000201T000000Z","entry":"20240501T080320Z","modified":"20240501T080320Z","size":"L","status":"waiting","uuid":"{u3}","wait":"21000101T000000Z","tags":["admin"],"urgency":-1.4}},
{{"id":4,"description":"Water the plants","due":"20240502T080000Z","entry":"20240501T080500Z","mask":"-","modified":"20240501T080500Z","recur":"weekly","rtype":"periodic","status":"recurring","uuid":"{u4}","urgency":12.2}},
{{"id":5,"description":"Water the plants","due":"20240502T080000Z","entry":"20240501T080501Z","imask":0,"modified":"20240501T080501Z","parent":"{u4}","recur":"weekly","rtype":"periodic","status":"pending","uuid":"{u5}","urgency":12.2}},
{{"id":0,"description":"File the taxes","end":"20240413T092000Z","entry":"20240401T000000Z","modified":"20240413T092000Z","status":"completed","uuid":"{u6}","annotations":[{{"entry":"20240401T193320Z","description":"sent by post"}},{{"entry":"20240401T193321Z","description":"receipt in the drawer"}}],"urgency":2.1}},
{{"id":0,"description":"Call the plumber","end":"20240402T232000Z","entry":"20240401T000140Z","modified":"20240402T232000Z","status":"deleted","uuid":"{u7}","urgency":0.2}}
]
"#,
        u3 = uuid(3),
        u5 = uuid(5),
        u6 = uuid(6),
        u7 = uuid(7),
    )
}

fn fresh() -> (TempDir, Replica) {
    let dir = TempDir::new().unwrap();
    let rep = Replica::open_in_turn(dir.path().join("replica.redb")).unwrap();
    (dir, rep)
}

fn import(rep: &mut Replica, text: &str) -> Result<ImportSummary, TransferError> {
    import_json(rep, text, &UdaTypes::default(), now())
}

fn summary(new: usize, updated: usize, unchanged: usize) -> ImportSummary {
    ImportSummary {
        new,
        updated,
        unchanged,
    }
}

#[test]
fn a_task_export_imports_to_the_maps_taskwarrior_stores() {
    let (_d, mut rep) = fresh();
    assert_eq!(
        import(&mut rep, &sample_export()).unwrap(),
        summary(7, 0, 0)
    );
    assert_eq!(tcui_tasks(&rep), sample().into_iter().collect());
    for n in 1..=5u8 {
        assert_eq!(rep.working_set().by_uuid(uuid(n)), Some(n as usize));
    }
    assert_eq!(rep.num_undo_points().unwrap(), 1);

    let ops = rep.num_local_operations().unwrap();
    assert_eq!(
        import(&mut rep, &sample_export()).unwrap(),
        summary(0, 0, 7)
    );
    assert_eq!(
        rep.num_local_operations().unwrap(),
        ops,
        "nothing added twice"
    );
}

#[test]
fn one_object_per_line_as_older_exports_wrote() {
    let text = sample_export();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| l.trim_end_matches(','))
        .collect();
    let (_d, mut rep) = fresh();
    assert_eq!(
        import(&mut rep, &lines.join("\n")).unwrap(),
        summary(7, 0, 0)
    );
    assert_eq!(tcui_tasks(&rep), sample().into_iter().collect());
}

#[test]
fn a_changed_record_updates_only_what_differs_and_keeps_missing_dates() {
    let (_d, mut rep) = fresh();
    import(&mut rep, &sample_export()).unwrap();
    let ops = rep.num_local_operations().unwrap();
    let text = format!(
        "{{\"uuid\":\"{}\",\"description\":\"Buy more soil\",\"status\":\"pending\",\
         \"project\":\"Home.Garden\",\"estimate\":\"2\"}}",
        uuid(2)
    );
    assert_eq!(import(&mut rep, &text).unwrap(), summary(0, 1, 0));
    assert_eq!(rep.num_local_operations().unwrap(), ops + 1);
    let mut want = sample()[1].1.clone();
    want.insert("description".into(), "Buy more soil".into());
    assert_eq!(
        rep.get_task_data(uuid(2)).unwrap().unwrap().into_map(),
        want
    );
}

/// `text` fails to import with a message containing each of `want`, and nothing is written.
fn fails(text: &str, want: &[&str]) {
    let (_d, mut rep) = fresh();
    let err = import(&mut rep, text).unwrap_err().to_string();
    for w in want {
        assert!(err.contains(w), "{err:?} lacks {w:?}");
    }
    assert!(err.ends_with("nothing was imported"), "{err}");
    assert!(rep.all_task_uuids().unwrap().is_empty());
    assert_eq!(rep.num_local_operations().unwrap(), 0);
}

#[test]
fn a_bad_date_in_record_3_fails_the_whole_import() {
    let text = sample_export().replace("21000201T000000Z", "2100-02-31");
    fails(
        &text,
        &[
            "record 3 (line 4): ",
            "\"due\" is not a date: \"2100-02-31\"",
        ],
    );
}

#[test]
fn corrupt_json_fails_with_its_position() {
    let text = sample_export();
    let cut = &text[..text.find("Water the plants").unwrap()];
    fails(
        cut,
        &["record 4 (line 5): not valid JSON: the text ends inside this record"],
    );
    fails(
        &text.replacen("\"status\":\"pending\"", "\"status\" \"pending\"", 2),
        &[
            "record 1 (line 2): not valid JSON at line 2, column ",
            "expected `:`",
        ],
    );
    fails(
        "[1, 2]",
        &["record 1 (line 1): a task must be a JSON object"],
    );
}

#[test]
fn missing_uuids_are_generated_and_dates_default_to_now() {
    let (_d, mut rep) = fresh();
    let s = import(
        &mut rep,
        "[{\"description\":\"new\"},{\"description\":\"done\",\"status\":\"completed\"}]",
    )
    .unwrap();
    assert_eq!(s, summary(2, 0, 0));
    let stamp = now().timestamp().to_string();
    let mut maps: Vec<_> = tcui_tasks(&rep).into_values().collect();
    maps.sort_by(|a, b| a["description"].cmp(&b["description"]));
    assert_eq!(maps[0]["end"], stamp);
    assert_eq!(maps[1]["entry"], stamp);
    assert_eq!(maps[1]["modified"], stamp);
    assert_eq!(maps[1]["status"], "pending");
}

/// One task to build with tcui's own edits.
#[derive(Debug, Clone)]
struct Spec {
    description: String,
    status: u8,
    project: Option<String>,
    priority: Option<&'static str>,
    tags: Vec<&'static str>,
    annotations: Vec<String>,
    due: Option<i64>,
    scheduled: Option<i64>,
    uda: Option<String>,
    dep: Option<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        "\\PC{1,24}",
        0u8..5,
        proptest::option::of("[A-Za-z]{1,6}(\\.[a-z]{1,4})?"),
        proptest::option::of(prop_oneof![Just("H"), Just("M"), Just("L")]),
        proptest::sample::subsequence(vec!["home", "next", "work", "a-b", "ünï"], 0..4),
        proptest::collection::vec("\\PC{0,16}", 0..3),
        // Dates within the range tcui keeps (1980 onwards), as every way of typing one gives.
        proptest::option::of(315_532_800i64..4_000_000_000),
        proptest::option::of(315_532_800i64..4_000_000_000),
        proptest::option::of("\\PC{1,12}"),
        proptest::option::of(0usize..8),
    )
        .prop_map(
            |(
                description,
                status,
                project,
                priority,
                tags,
                annotations,
                due,
                scheduled,
                uda,
                dep,
            )| Spec {
                description,
                status,
                project,
                priority,
                tags,
                annotations,
                due,
                scheduled,
                uda,
                dep,
            },
        )
}

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

/// Make the tasks in a replica, one undo step each, as the interface would.
fn build(rep: &mut Replica, specs: &[Spec]) {
    let mut made = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        let when = at(1_700_000_000 + i as i64 * 100);
        let mut ops = vec![Operation::UndoPoint];
        let mut task = Task::new(TaskData::create(uuid::Uuid::new_v4(), &mut ops));
        let mut e = task.edit(&mut ops, when);
        e.set_status(Status::Pending).set_entry(Some(when));
        e.set_description(&s.description)
            .set_project(s.project.as_deref())
            .set_priority(s.priority);
        for t in &s.tags {
            e.add_tag(&Tag::new(t).unwrap());
        }
        for a in &s.annotations {
            e.add_annotation(a);
        }
        e.set_due(s.due.map(at)).set_scheduled(s.scheduled.map(at));
        e.set_value("estimate", s.uda.clone());
        if let Some(dep) = s.dep.and_then(|d| made.get(d % made.len().max(1))) {
            e.add_dependency(*dep).unwrap();
        }
        match s.status {
            1 => {
                e.done();
            }
            2 => {
                e.delete();
            }
            3 => {
                e.set_wait(Some(at(4_100_000_000)));
            }
            _ => {}
        }
        made.push(task.uuid());
        rep.commit_operations(ops).unwrap();
    }
}

/// The pending and recurring tasks in ID order.
fn open_in_id_order(rep: &Replica) -> Vec<uuid::Uuid> {
    let tasks = tcui_tasks(rep);
    let open = |u: &uuid::Uuid| {
        tasks[u]
            .get("status")
            .is_some_and(|s| Status::keeps_in_working_set(s))
    };
    let mut ids: Vec<(usize, uuid::Uuid)> =
        rep.working_set().iter().filter(|(_, u)| open(u)).collect();
    ids.sort();
    ids.into_iter().map(|(_, u)| u).collect()
}

fn export_all(rep: &mut Replica) -> String {
    let coefficients = UrgencyCoefficients::default();
    let settings = ExportSettings {
        now: now(),
        offset: FixedOffset::east_opt(0).unwrap(),
        due_days: 7,
        udas: &[],
        uda_types: &UdaTypes::default(),
        coefficients: &coefficients,
    };
    export_json(rep, &Filter::default(), &settings).unwrap()
}

#[test]
fn the_sample_round_trips_through_export() {
    let (_a, mut from) = fresh();
    import(&mut from, &sample_export()).unwrap();
    let text = export_all(&mut from);
    let (_b, mut to) = fresh();
    assert_eq!(import(&mut to, &text).unwrap(), summary(7, 0, 0));
    assert_eq!(tcui_tasks(&to), tcui_tasks(&from));
    assert_eq!(to.working_set().as_slice(), from.working_set().as_slice());
    // And back into the first, where nothing changes.
    assert_eq!(import(&mut from, &text).unwrap(), summary(0, 0, 7));
}

/// Export the tasks `specs` build, import them into a fresh replica, and compare.
fn export_then_import(specs: &[Spec]) -> Result<(), TestCaseError> {
    let (_a, mut from) = fresh();
    build(&mut from, specs);
    let text = export_all(&mut from);
    // Only open tasks have an ID, even while a closed one still holds its place in the
    // working set.
    let exported: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    for task in &exported {
        let open = matches!(task["status"].as_str(), Some("pending" | "recurring"));
        prop_assert_eq!(task["id"] != 0, open, "{}", task);
    }
    let (_b, mut to) = fresh();
    let s = import(&mut to, &text).unwrap();
    prop_assert_eq!(s, summary(specs.len(), 0, 0));
    prop_assert_eq!(tcui_tasks(&to), tcui_tasks(&from));
    // Done tasks keep their place in the first working set until it is renumbered, so
    // compare the order of the open tasks' IDs.
    prop_assert_eq!(open_in_id_order(&to), open_in_id_order(&from));
    // Once renumbered, as Taskwarrior's garbage collection does, the IDs agree too.
    from.rebuild_working_set(true).unwrap();
    prop_assert_eq!(export_all(&mut to), export_all(&mut from));
    Ok(())
}

/// A task with only a description and a status, and perhaps a dependency on an earlier one.
fn plain(description: &str, status: u8, dep: Option<usize>) -> Spec {
    Spec {
        description: description.into(),
        status,
        project: None,
        priority: None,
        tags: vec![],
        annotations: vec![],
        due: None,
        scheduled: None,
        uda: None,
        dep,
    }
}

// Two cases the property once failed on, kept as plain tests so that they run every time.

#[test]
fn a_done_task_described_by_a_space_round_trips() {
    export_then_import(&[plain(" ", 1, None)]).unwrap();
}

#[test]
fn a_done_task_described_by_a_space_that_depends_on_an_open_one_round_trips() {
    export_then_import(&[plain("A", 0, None), plain(" ", 1, Some(0))]).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_identical_task_maps(specs in proptest::collection::vec(spec(), 1..8)) {
        export_then_import(&specs)?;
    }
}

#[test]
fn dates_outside_taskwarriors_range_are_refused_on_import() {
    for (date, shown) in [
        ("253402300800", "253402300800"),
        ("+100000101T000000Z", "+100000101T000000Z"),
        ("99991231T235959Z", "99991231T235959Z"),
        ("19791231T235959Z", "19791231T235959Z"),
        ("315532799", "315532799"),
    ] {
        let text = format!("[{{\"description\":\"far\",\"due\":\"{date}\"}}]");
        fails(
            &text,
            &[
                &format!("\"due\" is not a date: \"{shown}\""),
                "from 1980-01-01 to 9999-12-31",
            ],
        );
    }
    // The first and last seconds Taskwarrior reads travel both ways.
    let (_d, mut rep) = fresh();
    let text = "[{\"description\":\"edge\",\"due\":\"99991231T215958Z\",\
                \"wait\":\"19800101T000000Z\"}]";
    import(&mut rep, text).unwrap();
    let out = export_all(&mut rep);
    assert!(out.contains("\"due\":\"99991231T215958Z\""), "{out}");
    assert!(out.contains("\"wait\":\"19800101T000000Z\""), "{out}");
}

#[test]
fn a_stored_date_out_of_range_is_not_exported_as_an_unreadable_date() {
    let (_d, mut rep) = fresh();
    let mut ops = vec![Operation::UndoPoint];
    let mut t = TaskData::create(uuid(1), &mut ops);
    let now = Utc::now();
    t.update("status", Some("pending".into()), now, &mut ops);
    t.update("description", Some("from elsewhere".into()), now, &mut ops);
    t.update("due", Some("253402300800".into()), now, &mut ops);
    rep.commit_operations(ops).unwrap();
    let out = export_all(&mut rep);
    assert!(!out.contains("+1000"), "{out}");
    let task = Task::new(rep.get_task_data(uuid(1)).unwrap().unwrap());
    assert_eq!(task.due(), None, "read back as no date");
}
