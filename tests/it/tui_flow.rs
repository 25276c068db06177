//! The TUI without a terminal: `App::update` driven by keys, with the real replica owner on a
//! temporary replica answering its commands, and whole screens drawn into ratatui's test
//! backend at fixed sizes with a fixed clock, compared with snapshots.

use crate::support;

use support::tui::*;
use tcui::app::sync_task::{SyncEvent, SyncRequest};

#[test]
fn a_screen_too_small_takes_no_key_but_quit() {
    let mut h = Harness::new(|_| {});
    h.app.resize((30, 6));
    h.press(KeyCode::Char('a'));
    h.typed("Unseen");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('d'));
    assert!(h.stored().is_empty(), "a task was added on a blank screen");
    assert!(h.screen().contains("needs at least"));
    h.press(KeyCode::Char('q'));
    assert!(h.quit);
}

#[test]
fn add_modify_done_undo_redo() {
    let mut h = Harness::new(|_| {});
    assert!(h.screen().contains("no next tasks (a adds one)"));

    h.press(KeyCode::Char('a'));
    h.typed("Pay rent project:home +bills due:tomorrow");
    h.press(KeyCode::Enter);
    let stored = h.stored();
    assert_eq!(stored.len(), 1);
    let t = &stored[0];
    assert_eq!(t.get("description"), Some("Pay rent"));
    assert_eq!(t.get("project"), Some("home"));
    assert_eq!(t.get("tag_bills"), Some("x"));
    // Tomorrow, local midnight (the zone is UTC here).
    assert_eq!(t.get("due"), Some("1795305600"));
    assert_eq!(h.message(), "add \"Pay rent\"");
    let screen = h.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with(" 1   - home    bills 12h   Pay rent ") && l.ends_with(" 10.4")),
        "{screen}"
    );

    h.press(KeyCode::Char('m'));
    h.typed("priority:H -bills +rent");
    h.press(KeyCode::Enter);
    let t = &h.stored()[0];
    assert_eq!(t.get("priority"), Some("H"));
    assert_eq!(t.get("tag_bills"), None);
    assert_eq!(t.get("tag_rent"), Some("x"));

    h.press(KeyCode::Char('d'));
    assert_eq!(h.stored()[0].get("status"), Some("completed"));
    assert!(
        h.app.core().list().rows().is_empty(),
        "a done task leaves the next view"
    );
    h.press(KeyCode::Char('u'));
    assert_eq!(h.stored()[0].get("status"), Some("pending"));
    assert_eq!(h.app.core().list().rows().len(), 1);
    assert_eq!(h.message(), "undone: done 1 \"Pay rent\"");
    h.press_with(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(h.stored()[0].get("status"), Some("completed"));
}

#[test]
fn a_bad_date_or_attribute_changes_nothing_and_says_why() {
    let mut h = Harness::new(|_| {});
    h.press(KeyCode::Char('a'));
    h.typed("Call mum due:fryday");
    h.press(KeyCode::Enter);
    assert!(h.stored().is_empty());
    let screen = h.screen();
    assert!(screen.contains("add: Call mum due:fryday"), "{screen}");
    assert!(screen.contains("'fryday' is not a date"), "{screen}");
    // Fix the word; the prompt kept the text.
    for _ in 0..6 {
        h.press(KeyCode::Backspace);
    }
    h.typed("fri colour:blue");
    h.press(KeyCode::Enter);
    assert!(h.stored().is_empty());
    assert!(h.screen().contains("unknown attribute 'colour'"));
    h.press(KeyCode::Esc);
    assert!(h.stored().is_empty());
}

#[test]
fn the_filter_is_live_keeps_the_last_good_one_and_esc_restores() {
    let mut h = Harness::new(|r| {
        add_task(r, "Water the tomatoes", &[("project", "home.garden")]);
        add_task(r, "Send invoice", &[("project", "work")]);
        add_task(r, "Buy milk", &[("tag_errand", "x")]);
    });
    assert_eq!(h.app.core().list().rows().len(), 3);
    h.press(KeyCode::Char('/'));
    h.typed("project:home");
    assert_eq!(h.app.core().list().rows().len(), 1);
    h.typed(" or +errand");
    assert_eq!(h.app.core().list().rows().len(), 2);
    h.typed(" (");
    let screen = h.screen();
    assert_eq!(
        h.app.core().list().rows().len(),
        2,
        "a broken filter keeps the last good rows"
    );
    assert!(
        screen.contains("filter: project:home or +errand ("),
        "{screen}"
    );
    h.press(KeyCode::Esc);
    assert_eq!(
        h.app.core().list().rows().len(),
        3,
        "esc puts back the filter from before"
    );
    h.press(KeyCode::Char('/'));
    h.typed("milk");
    h.press(KeyCode::Enter);
    assert_eq!(h.app.core().list().rows().len(), 1);
    assert!(h.screen().contains("filter: milk"));
    h.press(KeyCode::Esc);
    assert_eq!(h.app.core().list().rows().len(), 3);
    // Fuzzy search across fields.
    h.press(KeyCode::Char('f'));
    h.typed("hmgrd");
    assert_eq!(h.app.core().list().rows().len(), 1);
    assert_eq!(h.app.current().unwrap().description(), "Water the tomatoes");
}

#[test]
fn delete_asks_and_marks_make_one_undo_step() {
    let mut h = Harness::new(|r| {
        for d in ["one", "two", "three"] {
            add_task(r, d, &[]);
        }
    });
    h.press(KeyCode::Char('x'));
    assert!(h.screen().contains("delete 1 \"one\"? (y/n)"));
    h.press(KeyCode::Char('n'));
    assert!(
        h.stored()
            .iter()
            .all(|t| t.get("status") == Some("pending"))
    );
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char(' '));
    assert_eq!(h.app.marks().len(), 2);
    h.press(KeyCode::Char('d'));
    let done = |h: &Harness| {
        h.stored()
            .iter()
            .filter(|t| t.get("status") == Some("completed"))
            .count()
    };
    assert_eq!(done(&h), 2);
    assert!(h.app.marks().is_empty());
    h.press(KeyCode::Char('u'));
    assert_eq!(done(&h), 0, "one undo takes back the whole bulk action");
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char('y'));
    assert_eq!(
        h.stored()
            .iter()
            .filter(|t| t.get("status") == Some("deleted"))
            .count(),
        1
    );
}

#[test]
fn a_dependency_is_set_by_picking_the_task() {
    let mut h = Harness::new(|r| {
        add_task(r, "Paint the fence", &[]);
        add_task(r, "Buy paint", &[]);
    });
    h.press(KeyCode::Char('D'));
    assert!(h.message().contains("press enter"));
    h.press(KeyCode::Enter);
    assert!(h.message().contains("cannot depend on itself"));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Enter);
    let fence = h
        .stored()
        .into_iter()
        .find(|t| t.get("description") == Some("Paint the fence"))
        .unwrap();
    let paint = h
        .stored()
        .into_iter()
        .find(|t| t.get("description") == Some("Buy paint"))
        .unwrap();
    assert_eq!(fence.get(&format!("dep_{}", paint.uuid())), Some("x"));
    assert!(h.app.core().depmap().is_blocked(fence.uuid()));
}

#[test]
fn the_form_checks_fields_and_saves_in_one_step() {
    let mut h = Harness::new(|r| {
        add_task(r, "Renew passport", &[]);
    });
    h.press(KeyCode::Char('e'));
    h.press(KeyCode::Tab);
    h.typed("admin");
    for _ in 0..3 {
        h.press(KeyCode::Tab);
    }
    h.typed("someday soon");
    h.press(KeyCode::Tab);
    assert!(
        h.screen().contains("due: 'someday soon' is not a date"),
        "{}",
        h.screen()
    );
    h.press(KeyCode::Enter);
    assert_eq!(
        h.stored()[0].get("project"),
        None,
        "nothing saved while a field is wrong"
    );
    // The form went back to the wrong field.
    h.press_with(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typed("eom");
    h.press(KeyCode::Enter);
    assert_eq!(h.message(), "edit 1 \"Renew passport\"", "{}", h.screen());
    let t = &h.stored()[0];
    assert_eq!(t.get("project"), Some("admin"));
    assert_eq!(t.get("due"), Some("1796083199"), "the end of November, UTC");
    h.press(KeyCode::Char('u'));
    let t = &h.stored()[0];
    assert_eq!((t.get("project"), t.get("due")), (None, None));
}

#[test]
fn editing_as_text_round_trips_and_a_typo_changes_nothing() {
    let mut h = Harness::new(|r| {
        add_task(
            r,
            "Write release notes",
            &[("annotation_1795000000", "draft in docs/")],
        );
    });
    h.press(KeyCode::Char('E'));
    let (uuid, text) = h.editor.take().unwrap();
    assert!(
        text.contains("description: Write release notes\n"),
        "{text}"
    );
    assert!(
        text.contains("annotation: 2026-11-18T11:06 draft in docs/\n"),
        "{text}"
    );
    let edited = text.replace("project: \n", "project: tcui\n").replace(
        "annotation: 2026-11-18T11:06 draft in docs/\n",
        "annotation: mention sync\n",
    );
    let effects = h.app.update(Event::Edited {
        uuid,
        text: Ok(edited),
    });
    h.run(effects);
    let t = &h.stored()[0];
    assert_eq!(t.get("project"), Some("tcui"));
    assert_eq!(t.get("annotation_1795000000"), None);
    assert_eq!(t.get("annotation_1795262400"), Some("mention sync"));
    let effects = h.app.update(Event::Edited {
        uuid,
        text: Ok("descripton: oops\n".into()),
    });
    h.run(effects);
    assert!(h.message().contains("there is no field \"descripton\""));
    assert_eq!(h.stored()[0].get("project"), Some("tcui"));
}

#[test]
fn control_characters_are_shown_escaped_and_stored_as_typed() {
    let mut h = Harness::new(|r| {
        add_task(r, "evil\u{1b}[2Jtitle\nsecond line", &[]);
    });
    let screen = h.screen();
    assert!(
        screen.contains("evil\\u{1b}[2Jtitle\\nsecond line"),
        "{screen}"
    );
    assert_eq!(
        h.stored()[0].get("description"),
        Some("evil\u{1b}[2Jtitle\nsecond line")
    );
}

#[test]
fn projects_view_filters_when_picked() {
    let mut h = Harness::demo(60);
    h.press(KeyCode::Char('p'));
    let screen = h.screen();
    assert!(screen.contains(" projects (enter filters) "), "{screen}");
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Enter);
    assert!(h.app.core().list().query_text().starts_with("project:"));
    let project = h.app.core().list().query_text()["project:".len()..].to_string();
    assert!(!h.app.core().list().rows().is_empty());
    for row in h.app.core().list().rows() {
        let p = h.app.core().tasks()[&row.uuid].project().unwrap();
        assert!(p.starts_with(&project), "{p} under {project}");
    }
}

#[test]
fn screens() {
    let mut h = Harness::demo(60);
    h.app.resize((80, 24));
    insta::assert_snapshot!("next_80x24", h.screen());
    h.app.resize((120, 40));
    insta::assert_snapshot!("next_120x40", h.screen());
    h.press(KeyCode::Enter);
    insta::assert_snapshot!("detail_120x40", h.screen());
    h.press(KeyCode::Enter);
    h.app.resize((80, 24));
    h.press(KeyCode::Char('?'));
    insta::assert_snapshot!("help_80x24", h.screen());
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('3'));
    insta::assert_snapshot!("completed_80x24", h.screen());
    h.app.resize((30, 6));
    insta::assert_snapshot!("too_small", h.screen());
}

/// What a sync that pulled `changed` (and lost `lost`) reports, read back from the replica.
fn finished(h: &Harness, changed: Vec<Uuid>, lost: Vec<tcui::sync::SyncOp>) -> SyncEvent {
    let touched = changed
        .iter()
        .chain(lost.iter().map(|op| match op {
            tcui::sync::SyncOp::Update { uuid, .. } => uuid,
            _ => unreachable!(),
        }))
        .copied()
        .collect();
    SyncEvent::Finished {
        delta: h.delta(touched),
        report: Box::new(tcui::sync::SyncReport {
            changed,
            lost,
            ..Default::default()
        }),
        hooks: Default::default(),
    }
}

#[test]
fn pulled_changes_refresh_the_view_keep_the_cursor_and_ids_and_lost_edits_can_be_restored() {
    let mut h = Harness::new(|r| {
        add_task(r, "first", &[]);
        add_task(r, "second", &[]);
    });
    h.app.with_core(|core| core.enable_sync());
    h.press(KeyCode::Char('j'));
    let on = h.app.current_uuid().unwrap();
    let ids_before = h.app.core().ids().clone();
    // Another replica's changes, as a sync applies them: a new urgent task, and a project
    // set on the task the user had changed too (theirs won).
    let other = h.replica(move |r| {
        let id = add_task(r, "from elsewhere", &[("priority", "H"), ("tag_next", "x")]);
        let mut t = r.get_task_data(on).unwrap().unwrap();
        let mut ops = vec![Operation::UndoPoint];
        let now = chrono::Utc::now();
        t.update("project", Some("theirs".into()), now, &mut ops);
        r.commit_operations(ops).unwrap();
        id
    });
    let lost = tcui::sync::SyncOp::Update {
        uuid: on,
        property: "project".into(),
        value: Some("mine".into()),
        timestamp: now(),
    };
    let event = finished(&h, vec![other, on], vec![lost]);
    let effects = h.app.update(Event::Sync(event));
    h.run(effects);
    assert_eq!(h.app.core().list().rows().len(), 3);
    assert_eq!(
        h.app.core().list().rows()[0].uuid,
        other,
        "the urgent newcomer sorts first"
    );
    assert_eq!(
        h.app.current_uuid(),
        Some(on),
        "the cursor stays on its task"
    );
    for (uuid, id) in &ids_before {
        assert_eq!(
            h.app.core().ids().get(uuid),
            Some(id),
            "visible IDs do not change"
        );
    }
    assert_eq!(h.app.core().tasks()[&on].project(), Some("theirs"));
    assert!(
        h.message()
            .contains("synced: 3 changes from elsewhere (c shows them)")
    );
    assert!(h.screen().contains("synced 0s ago"));

    h.press(KeyCode::Char('c'));
    let screen = h.screen();
    assert!(
        screen.contains("your project \"mine\" lost to a later change"),
        "{screen}"
    );
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('r'));
    let stored = stored_task(&h, on);
    assert_eq!(stored.get("project"), Some("mine"));
    assert_eq!(
        h.syncs,
        [SyncRequest::Edited],
        "the restore is an edit that will sync"
    );
    h.press(KeyCode::Esc);
    assert!(
        h.app.core().elsewhere().is_empty(),
        "closing the panel marks the changes seen"
    );
}

#[test]
fn quitting_syncs_first_and_a_key_skips_the_wait() {
    let mut h = Harness::new(|r| {
        add_task(r, "unsynced", &[]);
    });
    h.app.with_core(|core| core.enable_sync());
    let effects = h.app.update(Event::Sync(SyncEvent::Failed {
        error: "the sync server at http://127.0.0.1:9 cannot be reached".into(),
        retry_in: std::time::Duration::from_secs(40),
        unsynced: 3,
    }));
    h.run(effects);
    let screen = h.screen();
    assert!(
        screen.contains("sync failed, retry in 40s · 3 unsynced"),
        "{screen}"
    );
    assert!(screen.contains("cannot be reached"), "{screen}");
    h.press(KeyCode::Char('q'));
    assert_eq!(h.syncs, [SyncRequest::Quit]);
    assert!(!h.quit);
    assert!(h.screen().contains("syncing before quitting"));
    let effects = h.app.update(Event::Sync(SyncEvent::Stopped));
    h.run(effects);
    assert!(h.quit, "quits once the last sync is over");

    let mut h = Harness::new(|r| {
        add_task(r, "unsynced", &[]);
    });
    h.app.with_core(|core| core.enable_sync());
    let effects = h.app.update(Event::Sync(SyncEvent::Started));
    h.run(effects);
    h.press(KeyCode::Char('q'));
    assert!(!h.quit);
    h.press(KeyCode::Char('x'));
    assert!(h.quit, "any key quits at once");
}

#[test]
fn sync_settings_are_tested_before_they_are_saved() {
    let mut h = Harness::new(|_| {});
    h.setup.current = vec![
        ("sync.server.url".into(), "http://127.0.0.1:9".into()),
        ("sync.encryption_secret".into(), "hunter2".into()),
    ];
    h.press(KeyCode::Char('C'));
    let screen = h.screen();
    assert!(
        screen.contains("server url   http://127.0.0.1:9"),
        "{screen}"
    );
    assert!(screen.contains("secret       ********"), "{screen}");
    assert!(!screen.contains("hunter2"));

    // A server that does not answer: the reason shows, nothing is written.
    h.setup.check_fails = Some("the sync server at http://127.0.0.1:9 cannot be reached".into());
    h.press(KeyCode::Enter);
    assert!(
        h.screen()
            .contains("cannot be reached; nothing was written")
    );
    assert!(h.setup.saved.is_empty());
    let tried = h.setup.checked.last().unwrap();
    assert_eq!(
        tried[2],
        ("sync.encryption_secret".into(), "hunter2".into())
    );
    assert!(
        Uuid::parse_str(&tried[1].1).is_ok(),
        "a client id is made: {tried:?}"
    );

    // Switch to a folder (up to the choice of kind, right, down to its field), type it; the
    // check passes, it is saved with the server's keys removed, and the background sync
    // reconnects.
    h.setup.check_fails = None;
    h.press(KeyCode::Up);
    h.press(KeyCode::Right);
    h.press(KeyCode::Down);
    h.typed("/srv/tasks");
    h.press(KeyCode::Enter);
    let saved = h.setup.saved.last().unwrap();
    let set: Vec<&(String, String)> = saved.iter().filter(|(_, v)| !v.is_empty()).collect();
    assert_eq!(
        set,
        [
            &("sync.encryption_secret".to_string(), "hunter2".to_string()),
            &(
                "sync.local.server_dir".to_string(),
                "/srv/tasks".to_string()
            ),
        ]
    );
    assert!(
        saved
            .iter()
            .any(|(k, v)| k == "sync.server.url" && v.is_empty()),
        "the server's address is removed: {saved:?}"
    );
    assert_eq!(h.syncs, [SyncRequest::Reconfigure]);
    assert_eq!(h.message(), "written");
}

#[test]
fn views_updated_in_place_match_views_computed_afresh() {
    let mut h = Harness::demo(120);
    for view in ['1', '2', '5'] {
        h.press(KeyCode::Char(view));
        for keys in [
            "d",
            "jjm",
            "priority:H +next\n",
            "jjjs",
            "aA new one due:tomorrow pri:M\n",
            "jD",
            "jj\n",
            "u",
            "kkx",
            "y",
            "\u{12}",
            "jj  d",
            "jjAcalled back\n",
            "gm due:yesterday -next\n",
            "Gs",
            "u",
            "u",
        ] {
            for c in keys.chars() {
                match c {
                    '\n' => h.press(KeyCode::Enter),
                    // Ctrl-R: redo.
                    '\u{12}' => h.press_with(KeyCode::Char('r'), KeyModifiers::CONTROL),
                    c => h.press(KeyCode::Char(c)),
                }
            }
            let patched: Vec<Uuid> = h.app.core().list().rows().iter().map(|r| r.uuid).collect();
            h.app.with_core(|core| core.recompute_rows());
            let fresh: Vec<Uuid> = h.app.core().list().rows().iter().map(|r| r.uuid).collect();
            assert_eq!(patched, fresh, "view {view} after {keys:?}");
        }
    }
}

/// The stored task with this UUID.
fn stored_task(h: &Harness, uuid: Uuid) -> TaskData {
    h.replica(move |r| r.get_task_data(uuid)).unwrap().unwrap()
}

#[test]
fn completing_or_deleting_an_instance_marks_the_templates_mask_in_the_same_step() {
    let mut template = Uuid::nil();
    let mut instances = Vec::new();
    let mut h = Harness::new(|r| {
        template = weekly_template(r, "1795000000", &[("mask", "---")]);
        for i in 0..3 {
            let parent = template.to_string();
            let imask = i.to_string();
            instances.push(add_task(
                r,
                "Water the plants",
                &[
                    ("parent", parent.as_str()),
                    ("imask", imask.as_str()),
                    ("recur", "weekly"),
                    ("due", "1795000000"),
                ],
            ));
        }
    });
    let mask = |h: &Harness| stored_task(h, template).get("mask").map(str::to_owned);
    h.select_task(instances[1]);
    h.press(KeyCode::Char('d'));
    assert_eq!(mask(&h).as_deref(), Some("-+-"));
    h.select_task(instances[2]);
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char('y'));
    assert_eq!(mask(&h).as_deref(), Some("-+X"));
    assert_eq!(
        h.app.core().tasks()[&template].get("mask"),
        Some("-+X"),
        "the interface shows the template as stored"
    );
    h.press(KeyCode::Char('u'));
    assert_eq!(mask(&h).as_deref(), Some("-+-"), "one undo takes back both");
    assert_eq!(stored_task(&h, instances[2]).get("status"), Some("pending"));
    h.press(KeyCode::Char('u'));
    assert_eq!(mask(&h).as_deref(), Some("---"));

    // A bulk action marks each instance it completes.
    for uuid in [instances[0], instances[2]] {
        h.app.mark(uuid);
    }
    h.press(KeyCode::Char('d'));
    assert_eq!(mask(&h).as_deref(), Some("+-+"));
}

#[test]
fn an_instance_past_the_end_of_the_mask_pads_it_with_unknowns() {
    let mut template = Uuid::nil();
    let mut instance = Uuid::nil();
    let mut h = Harness::new(|r| {
        template = add_task(
            r,
            "Pay the rent",
            &[
                ("status", "recurring"),
                ("recur", "monthly"),
                ("due", "1795000000"),
                ("mask", "+-"),
            ],
        );
        let parent = template.to_string();
        instance = add_task(
            r,
            "Pay the rent",
            &[
                ("parent", parent.as_str()),
                ("imask", "4"),
                ("recur", "monthly"),
            ],
        );
    });
    h.select_task(instance);
    h.press(KeyCode::Char('d'));
    assert_eq!(stored_task(&h, template).get("mask"), Some("+-??+"));
}

#[test]
fn a_circular_dependency_is_refused_and_says_why() {
    let (mut paint, mut fence, mut buy) = (Uuid::nil(), Uuid::nil(), Uuid::nil());
    let mut h = Harness::new(|r| {
        buy = add_task(r, "Buy paint", &[]);
        let dep = format!("dep_{buy}");
        paint = add_task(r, "Paint the fence", &[(dep.as_str(), "x")]);
        let dep = format!("dep_{paint}");
        fence = add_task(r, "Admire the fence", &[(dep.as_str(), "x")]);
    });
    // Two tasks: "Buy paint" cannot depend on "Paint the fence", which depends on it.
    h.select_task(buy);
    h.press(KeyCode::Char('D'));
    h.select_task(paint);
    h.press(KeyCode::Enter);
    assert!(h.message().contains("circular"), "{}", h.message());
    assert!(stored_task(&h, buy).get(&format!("dep_{paint}")).is_none());

    // Three tasks, by the modify prompt.
    h.select_task(buy);
    h.press(KeyCode::Char('m'));
    let id = h.app.core().ids()[&fence];
    h.typed(&format!("depends:{id}"));
    h.press(KeyCode::Enter);
    let screen = h.screen();
    assert!(screen.contains("circular dependency refused"), "{screen}");
    assert!(stored_task(&h, buy).get(&format!("dep_{fence}")).is_none());
}

#[test]
fn completed_and_deleted_tasks_take_only_taskwarriors_transitions() {
    let (mut done, mut gone) = (Uuid::nil(), Uuid::nil());
    let mut h = Harness::new(|r| {
        done = add_task(
            r,
            "Filed the taxes",
            &[("status", "completed"), ("end", "1795100000")],
        );
        gone = add_task(
            r,
            "Call the plumber",
            &[("status", "deleted"), ("end", "1795100000")],
        );
    });
    h.press(KeyCode::Char('2'));
    h.select_task(done);
    h.press(KeyCode::Char('d'));
    assert!(h.message().contains("already completed"), "{}", h.message());
    assert_eq!(stored_task(&h, done).get("end"), Some("1795100000"));

    h.select_task(gone);
    h.press(KeyCode::Char('x'));
    assert!(h.message().contains("already deleted"), "{}", h.message());

    // Starting a deleted task makes it pending again, as in Taskwarrior.
    h.select_task(gone);
    h.press(KeyCode::Char('s'));
    let t = stored_task(&h, gone);
    assert_eq!(t.get("status"), Some("pending"));
    assert!(t.get("start").is_some());
    assert_eq!(t.get("end"), None);

    // `status:pending` brings a completed task back.
    h.select_task(done);
    h.press(KeyCode::Char('m'));
    h.typed("status:pending");
    h.press(KeyCode::Enter);
    let t = stored_task(&h, done);
    assert_eq!(t.get("status"), Some("pending"), "{}", h.message());
    assert_eq!(t.get("end"), None);
}

#[test]
fn a_copy_of_an_instance_is_a_plain_task_and_leaves_the_mask_alone() {
    let (mut template, mut instance) = (Uuid::nil(), Uuid::nil());
    let mut h = Harness::new(|r| {
        template = add_task(
            r,
            "Water the plants",
            &[
                ("status", "recurring"),
                ("recur", "weekly"),
                ("due", "1900000000"),
                ("mask", "-"),
            ],
        );
        let parent = template.to_string();
        instance = add_task(
            r,
            "Water the plants",
            &[
                ("parent", parent.as_str()),
                ("imask", "0"),
                ("recur", "weekly"),
                ("until", "1950000000"),
                ("due", "1900000000"),
            ],
        );
    });
    h.select_task(instance);
    h.press(KeyCode::Char('y'));
    let copy = h
        .stored()
        .into_iter()
        .find(|t| ![template, instance].contains(&t.uuid()))
        .unwrap();
    for key in ["parent", "imask", "recur", "until"] {
        assert_eq!(copy.get(key), None, "{key} copied");
    }
    h.select_task(copy.uuid());
    h.press(KeyCode::Char('d'));
    assert_eq!(stored_task(&h, template).get("mask"), Some("-"));

    // A copy of a template starts a series of its own: its first instance is made for it
    // (the first due date is ahead, so one is owed).
    h.press(KeyCode::Char('6'));
    h.select_task(template);
    h.press(KeyCode::Char('y'));
    let series = h
        .stored()
        .into_iter()
        .find(|t| t.get("status") == Some("recurring") && t.uuid() != template)
        .unwrap();
    assert_eq!(series.get("mask"), Some("-"));
    assert_eq!(series.get("recur"), Some("weekly"));
    let parent = series.uuid().to_string();
    let first = h
        .stored()
        .into_iter()
        .filter(|t| t.get("parent") == Some(parent.as_str()))
        .map(|t| t.get("imask").map(str::to_owned))
        .collect::<Vec<_>>();
    assert_eq!(first, [Some("0".to_string())]);
    assert_eq!(stored_task(&h, template).get("mask"), Some("-"));
}

/// Typing on narrows the filter, and only the rows left by the last one are looked at
/// again: after every key the rows are those a fresh look at every task gives.
#[test]
fn typing_a_filter_on_keeps_exactly_the_rows_a_fresh_look_gives() {
    use tcui::app::query::Query;
    let mut typing = Harness::demo(600);
    let mut fresh = Harness::demo(600);
    let uuids = |h: &Harness| {
        let mut u: Vec<Uuid> = h.stored().iter().map(TaskData::uuid).collect();
        u.sort();
        u
    };
    assert_eq!(uuids(&typing), uuids(&fresh));
    for h in [&mut typing, &mut fresh] {
        h.press(KeyCode::Char('2'));
    }
    let rows =
        |h: &Harness| -> Vec<Uuid> { h.app.core().list().rows().iter().map(|r| r.uuid).collect() };
    let mut check = |typing: &Harness, fuzzy: bool| {
        let text = typing.app.core().list().query_text().to_string();
        let expected = fresh.app.with_core(|c| {
            c.set_query(String::new(), None);
            let query = if fuzzy {
                Query::fuzzy(&text)
            } else {
                Query::parse(&text, &c.query_context()).unwrap()
            };
            c.set_query(text.clone(), Some(query));
            c.list().rows().iter().map(|r| r.uuid).collect::<Vec<_>>()
        });
        assert_eq!(rows(typing), expected, "after typing {text:?}");
        rows(typing).len()
    };
    let mut seen = Vec::new();
    typing.press(KeyCode::Char('/'));
    for step in [
        "p", "a", " ", "+", "e", "m", "a", "i", "l", " ", "o", "r", " ", "t", "a",
    ] {
        typing.typed(step);
        seen.push(check(&typing, false));
    }
    for _ in 0..4 {
        typing.press(KeyCode::Backspace);
        seen.push(check(&typing, false));
    }
    typing.press(KeyCode::Esc);
    typing.press(KeyCode::Char('/'));
    for step in ["project:", "w", "o", " ", "r", "e"] {
        typing.typed(step);
        seen.push(check(&typing, false));
    }
    // A task done meanwhile leaves the rows; typing on still agrees.
    typing.press(KeyCode::Enter);
    typing.press(KeyCode::Char('d'));
    typing.press(KeyCode::Char('/'));
    typing.typed("p");
    seen.push(check(&typing, false));
    typing.press(KeyCode::Esc);
    typing.press(KeyCode::Esc);
    typing.press(KeyCode::Char('f'));
    for step in ["h", "m", "g", "r", "d"] {
        typing.typed(step);
        seen.push(check(&typing, true));
    }
    assert!(
        seen.iter().any(|n| *n > 300) && seen.iter().any(|n| (1..10).contains(n)),
        "the filters should range from many rows to few: {seen:?}"
    );
}

/// With nothing done in this session, `u` takes back the newest unsynced step of the log,
/// made by an earlier session (or the command line), and redo puts it back.
#[test]
fn undo_reaches_a_change_made_before_this_session() {
    let mut h = Harness::new(|r| {
        add_task(r, "Kept", &[]);
        add_task(r, "Made before", &[("project", "home")]);
    });
    assert_eq!(h.stored().len(), 2);
    h.press(KeyCode::Char('u'));
    assert_eq!(h.message(), "undone: 5 changes on 1 task");
    let left: Vec<String> = h
        .stored()
        .iter()
        .map(|t| t.get("description").unwrap_or("").to_string())
        .collect();
    assert_eq!(left, ["Kept"]);
    h.press_with(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(h.stored().len(), 2, "{}", h.message());
    h.press(KeyCode::Char('u'));
    h.press(KeyCode::Char('u'));
    assert!(h.stored().is_empty(), "{}", h.message());
    h.press(KeyCode::Char('u'));
    assert_eq!(h.message(), "nothing to undo");
}

/// A recurring template is seen to when the interface starts, and again when the day
/// turns: a weekly series whose next due date falls within the next day gets that
/// instance then.
#[test]
fn instances_are_made_at_start_and_when_the_day_turns() {
    let mut template = Uuid::nil();
    // Due a week ago less two hours, weekly: the second due date is two hours ahead.
    let due = (now() - chrono::Duration::days(7) + chrono::Duration::hours(2))
        .timestamp()
        .to_string();
    let mut h = Harness::new(|r| template = weekly_template(r, &due, &[]));
    let parent = template.to_string();
    let made = |h: &Harness| {
        let mut imasks: Vec<String> = h
            .stored()
            .into_iter()
            .filter(|t| t.get("parent") == Some(parent.as_str()))
            .filter_map(|t| t.get("imask").map(str::to_owned))
            .collect();
        imasks.sort();
        imasks
    };
    assert_eq!(made(&h), ["0", "1"]);
    assert_eq!(stored_task(&h, template).get("mask"), Some("--"));
    // Later the same day: nothing new.
    let effects = h
        .app
        .update(Event::Tick(now() + chrono::Duration::hours(3)));
    h.run(effects);
    assert_eq!(made(&h), ["0", "1"]);
    // The next day: the second due date is past, and the third is owed.
    let effects = h.app.update(Event::Tick(now() + chrono::Duration::days(1)));
    h.run(effects);
    assert_eq!(made(&h), ["0", "1", "2"]);
    assert_eq!(stored_task(&h, template).get("mask"), Some("---"));
    // Each making is a step of its own: undo takes back the last one alone.
    h.press(KeyCode::Char('u'));
    assert_eq!(made(&h), ["0", "1"]);
}

/// A weekly recurring template "Water the plants", first due `due`, with `more`.
fn weekly_template(r: &mut tcui::replica::Replica, due: &str, more: &[(&str, &str)]) -> Uuid {
    let mut props = vec![
        ("status", "recurring"),
        ("recur", "weekly"),
        ("rtype", "periodic"),
        ("due", due),
    ];
    props.extend_from_slice(more);
    add_task(r, "Water the plants", &props)
}

/// A series of a template and three pending instances, due before now so that none is
/// owed more.
fn series_of_three(h_taskrc: &str) -> (Harness, Uuid, Vec<Uuid>) {
    let mut template = Uuid::nil();
    let mut instances = Vec::new();
    let h = Harness::with_taskrc(h_taskrc, |r| {
        template = add_task(
            r,
            "Water the plants",
            &[
                ("status", "recurring"),
                ("recur", "weekly"),
                ("rtype", "periodic"),
                ("due", "1795000000"),
                ("until", "1796000000"),
                ("mask", "---"),
            ],
        );
        let parent = template.to_string();
        for i in 0..3 {
            let imask = i.to_string();
            let due = (1_795_000_000 + i * 604_800).to_string();
            instances.push(add_task(
                r,
                "Water the plants",
                &[
                    ("parent", parent.as_str()),
                    ("imask", imask.as_str()),
                    ("recur", "weekly"),
                    ("due", due.as_str()),
                ],
            ));
        }
    });
    (h, template, instances)
}

/// Deleting an instance asks whether to delete the rest of its series too: `y` deletes
/// the one, `a` all of it (one undo step), any other key nothing.
#[test]
fn deleting_an_instance_offers_the_rest_of_its_series() {
    let (mut h, template, instances) = series_of_three("");
    let status = |h: &Harness, uuid: Uuid| {
        stored_task(h, uuid)
            .get("status")
            .map(str::to_owned)
            .unwrap_or_default()
    };
    h.select_task(instances[1]);
    h.press(KeyCode::Char('x'));
    assert!(
        h.screen()
            .contains("a: with the rest of its recurring series (3 more)"),
        "{}",
        h.screen()
    );
    h.press(KeyCode::Char('a'));
    let all: Vec<String> = [template, instances[0], instances[1], instances[2]]
        .iter()
        .map(|u| status(&h, *u))
        .collect();
    assert_eq!(all, ["deleted", "deleted", "deleted", "deleted"]);
    h.press(KeyCode::Char('u'));
    let all: Vec<String> = [template, instances[0], instances[1], instances[2]]
        .iter()
        .map(|u| status(&h, *u))
        .collect();
    assert_eq!(all, ["recurring", "pending", "pending", "pending"]);
    h.select_task(instances[1]);
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char('y'));
    assert_eq!(status(&h, instances[1]), "deleted");
    assert_eq!(status(&h, instances[2]), "pending");
    assert_eq!(stored_task(&h, template).get("mask"), Some("-X-"));
    h.select_task(instances[2]);
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char('n'));
    assert_eq!(status(&h, instances[2]), "pending");
    assert!(
        h.message().contains("nothing was deleted"),
        "{}",
        h.message()
    );
}

/// A modify line for an instance asks whether to change the rest of its series; with
/// `recurrence.confirmation=no` it changes the one without asking.
#[test]
fn modifying_an_instance_offers_the_rest_of_its_series() {
    let (mut h, template, instances) = series_of_three("");
    let priorities = |h: &Harness| -> Vec<Option<String>> {
        [template, instances[0], instances[1], instances[2]]
            .iter()
            .map(|u| stored_task(h, *u).get("priority").map(str::to_owned))
            .collect()
    };
    h.select_task(instances[0]);
    h.press(KeyCode::Char('m'));
    h.typed("pri:H");
    h.press(KeyCode::Enter);
    assert!(
        h.screen()
            .contains("modify the rest of its recurring series too (3 more)?"),
        "{}",
        h.screen()
    );
    h.press(KeyCode::Char('y'));
    let h_ = Some("H".to_string());
    assert_eq!(priorities(&h), [h_.clone(), h_.clone(), h_.clone(), h_]);
    h.press(KeyCode::Char('u'));
    assert_eq!(priorities(&h), [None, None, None, None]);
    // `n` changes the one.
    h.select_task(instances[0]);
    h.press(KeyCode::Char('m'));
    h.typed("pri:L");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('n'));
    assert_eq!(priorities(&h), [None, Some("L".into()), None, None]);
    // A line that cannot be read is said before any question.
    h.select_task(instances[1]);
    h.press(KeyCode::Char('m'));
    h.typed("due:someday-never");
    h.press(KeyCode::Enter);
    assert!(
        !h.screen().contains("recurring series too"),
        "{}",
        h.screen()
    );

    let (mut h, template, instances) = series_of_three("recurrence.confirmation=no\n");
    h.select_task(instances[0]);
    h.press(KeyCode::Char('m'));
    h.typed("pri:H");
    h.press(KeyCode::Enter);
    assert_eq!(stored_task(&h, instances[0]).get("priority"), Some("H"));
    assert_eq!(stored_task(&h, template).get("priority"), None);
}

/// Twins of one instance (as Taskwarrior and tcui leave them when both made it before they
/// synced) are joined when the interface starts, and the one kept is listed among the
/// changes from elsewhere with the twin joined into it.
#[test]
fn joined_twins_are_listed_among_the_changes_from_elsewhere() {
    let mut template = Uuid::nil();
    let mut theirs = Uuid::nil();
    let mut h = Harness::new(|r| {
        template = weekly_template(r, "1795000000", &[("until", "1795100000"), ("mask", "-")]);
        let parent = template.to_string();
        let props = [
            ("parent", parent.as_str()),
            ("imask", "0"),
            ("recur", "weekly"),
            ("due", "1795000000"),
        ];
        let ours = tcui::task::instance_uuid(template, 0);
        add_task_as(r, ours, "Water the plants", &props);
        theirs = add_task(r, "Water the plants", &props);
    });
    let ours = tcui::task::instance_uuid(template, 0);
    assert!(
        h.replica(move |r| r.get_task_data(theirs))
            .unwrap()
            .is_none()
    );
    let listed: Vec<(Uuid, Option<Uuid>)> = h
        .app
        .core()
        .elsewhere()
        .iter()
        .map(|e| (e.uuid, e.twin))
        .collect();
    assert_eq!(listed, [(ours, Some(theirs))]);
    h.press(KeyCode::Char('c'));
    let short = &theirs.to_string()[..8];
    assert!(
        h.screen().contains(&format!(
            "a twin made elsewhere ({short}) was joined into it"
        )),
        "{}",
        h.screen()
    );
}

/// The detail pane shows an instance's template and pending siblings, and a template's
/// type, what became of its instances and those there are.
#[test]
fn the_detail_pane_shows_the_rest_of_a_recurring_series() {
    let (mut h, template, instances) = series_of_three("recurrence.confirmation=no\n");
    h.select_task(instances[0]);
    h.press(KeyCode::Char('d'));
    h.select_task(instances[1]);
    h.press(KeyCode::Enter);
    let screen = h.screen();
    let ids = h.app.core().ids().clone();
    let id = |uuid: Uuid| ids[&uuid];
    for line in [
        format!("│Template    {} Water the plants (recurring)", id(template)),
        format!(
            "│Sibling     {} Water the plants (pending) due ",
            id(instances[2])
        ),
    ] {
        assert!(screen.contains(&line), "{line}\n{screen}");
    }
    // The completed sibling is not listed.
    assert_eq!(screen.matches("│Sibling").count(), 1, "{screen}");
    // The recurring view lists the templates, with their period, next due date and
    // instances.
    h.press(KeyCode::Char('6'));
    h.select_task(template);
    h.press(KeyCode::Enter);
    let screen = h.screen();
    assert!(screen.contains(" tcui · templates · "), "{screen}");
    let next = &stored_task(&h, instances[1]).get("due").map(str::to_owned);
    let next = chrono::DateTime::from_timestamp(next.as_deref().unwrap().parse().unwrap(), 0)
        .unwrap()
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d")
        .to_string();
    let row = screen
        .lines()
        .find(|l| l.contains("Water the plants") && l.contains("P7D"))
        .unwrap_or_default();
    assert!(row.contains(&next), "{next}: {row}");
    assert!(row.contains("2 pending, 1 done, 0 deleted"), "{row}");
    h.press(KeyCode::Enter);
    let screen = h.screen();
    for line in [
        "│Type        periodic".to_string(),
        "│Instances   3 made: 2 pending, 1 done, 0 deleted".to_string(),
        format!(
            "│Instance    {} Water the plants (completed) due ",
            id(instances[0])
        ),
    ] {
        assert!(screen.contains(&line), "{line}\n{screen}");
    }
}

/// The form takes a period: with a due date the task becomes a template, and its first
/// instance is made in the same step; without one it is refused on the field.
#[test]
fn the_form_makes_a_task_recur() {
    let mut h = Harness::new(|r| {
        add_task(r, "Water the plants", &[]);
    });
    let uuid = h.stored()[0].uuid();
    h.press(KeyCode::Char('e'));
    for _ in 0..8 {
        h.press(KeyCode::Tab);
    }
    h.typed("weekly");
    h.press(KeyCode::Tab);
    assert!(
        h.screen()
            .contains("recur: a recurring task must also have a 'due' date"),
        "{}",
        h.screen()
    );
    for _ in 0..5 {
        h.press(KeyCode::BackTab);
    }
    h.typed("eom");
    h.press(KeyCode::Enter);
    let template = stored_task(&h, uuid);
    assert_eq!(template.get("status"), Some("recurring"));
    assert_eq!(template.get("recur"), Some("weekly"));
    let parent = uuid.to_string();
    let instances = h
        .stored()
        .into_iter()
        .filter(|t| t.get("parent") == Some(parent.as_str()))
        .count();
    assert_eq!(instances, 1);
    // One undo takes back the period and the instance.
    h.press(KeyCode::Char('u'));
    assert_eq!(h.stored().len(), 1);
    assert_eq!(stored_task(&h, uuid).get("status"), Some("pending"));
}

/// The history in the detail pane follows a change to its task, and its undo, with no key
/// pressed to move away and back.
#[test]
fn the_detail_panes_history_follows_changes_to_its_task() {
    let mut h = Harness::new(|r| {
        add_task(r, "Renew passport", &[]);
    });
    h.press(KeyCode::Enter);
    assert!(!h.screen().contains("priority: ∅ → L"), "{}", h.screen());
    h.press(KeyCode::Char('m'));
    h.typed("pri:L");
    h.press(KeyCode::Enter);
    assert!(h.screen().contains("priority: ∅ → L"), "{}", h.screen());
    // An undo before a sync takes the change out of the log.
    h.press(KeyCode::Char('u'));
    assert!(!h.screen().contains("priority: ∅ → L"), "{}", h.screen());
}

/// Adding a recurring task says where it went: a template, shown through its instances.
#[test]
fn adding_a_recurring_task_names_its_instances() {
    let mut h = Harness::new(|_| {});
    h.press(KeyCode::Char('a'));
    h.typed("Water the plants due:eom recur:weekly");
    h.press(KeyCode::Enter);
    assert!(
        h.message()
            .ends_with("task 1 is a recurring template; its instance is 2"),
        "{}",
        h.message()
    );
}
