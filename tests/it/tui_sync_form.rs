//! The sync settings screen never shows a secret: a secret being typed shows as dots, a
//! password in the server's address is masked, and what is saved is what was typed.

use crate::support;

use support::tui::*;

/// The screen's line that starts with `label`.
fn line_of(screen: &str, label: &str) -> String {
    screen
        .lines()
        .find(|l| l.trim_start_matches(['│', ' ']).starts_with(label))
        .unwrap_or_else(|| panic!("no {label:?} line in\n{screen}"))
        .to_string()
}

#[test]
fn secrets_typed_or_in_the_address_are_masked_on_screen_and_saved_as_typed() {
    let mut h = Harness::new(|_| {});
    h.setup.current = vec![
        (
            "sync.server.url".into(),
            "https://me:hunter2@tasks.example.com/sync".into(),
        ),
        ("sync.encryption_secret".into(), "old secret".into()),
    ];
    h.press(KeyCode::Char('C'));
    let screen = h.screen();
    assert!(!screen.contains("hunter2"), "{screen}");
    assert!(
        line_of(&screen, "server url").contains("https://me:****@tasks.example.com/sync"),
        "{screen}"
    );
    // The cursor (at the end of the address, which has the focus) stands after the text shown.
    let url_line = line_of(&screen, "server url");
    let end = tcui::text::width(url_line.trim_end_matches(['│', ' '])) as u16;
    let (x, _) = h.cursor();
    assert_eq!(x, end, "{screen}");

    // Typing at the end of the address keeps the password masked.
    h.typed("/v1");
    let screen = h.screen();
    assert!(!screen.contains("hunter2"), "{screen}");
    assert!(
        line_of(&screen, "server url").contains("https://me:****@tasks.example.com/sync/v1"),
        "{screen}"
    );

    // A new secret shows one dot per character while it is typed.
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.typed("new sécret");
    let screen = h.screen();
    assert!(!screen.contains("new s"), "{screen}");
    assert!(
        line_of(&screen, "secret").contains(&"•".repeat(10)),
        "{screen}"
    );
    assert!(!line_of(&screen, "secret").contains(&"•".repeat(11)));

    h.press(KeyCode::Enter);
    let saved = h.setup.saved.last().expect("saved");
    assert_eq!(
        saved[0],
        (
            "sync.server.url".to_string(),
            "https://me:hunter2@tasks.example.com/sync/v1".to_string()
        )
    );
    assert_eq!(
        saved[2],
        (
            "sync.encryption_secret".to_string(),
            "new sécret".to_string()
        )
    );
}

#[test]
fn the_cursor_stays_on_the_masked_text_while_the_address_is_edited() {
    let mut h = Harness::new(|_| {});
    h.setup.current = vec![(
        "sync.server.url".into(),
        "https://me:pw@host.example".into(),
    )];
    h.press(KeyCode::Char('C'));
    let (end, _) = h.cursor();
    // Home, then past "https://me:": the cursor moves over what is shown.
    h.press(KeyCode::Home);
    let (home, _) = h.cursor();
    assert_eq!(end - home, "https://me:****@host.example".len() as u16);
    for _ in 0.."https://me:p".len() {
        h.press(KeyCode::Right);
    }
    let (inside, _) = h.cursor();
    assert_eq!(inside - home, "https://me:****".len() as u16);
    let screen = h.screen();
    assert!(!screen.contains(":pw@"), "{screen}");
}

#[test]
fn an_s3_bucket_opens_on_its_own_fields_with_its_key_masked() {
    let mut h = Harness::new(|_| {});
    h.setup.current = vec![
        ("sync.aws.bucket".into(), "tasks".into()),
        ("sync.aws.region".into(), "eu-west-1".into()),
        ("sync.aws.access_key_id".into(), "AKIAEXAMPLE".into()),
        ("sync.aws.secret_access_key".into(), "wJalrXUtnFEMI".into()),
        ("sync.encryption_secret".into(), "old secret".into()),
    ];
    h.press(KeyCode::Char('C'));
    let screen = h.screen();
    assert!(
        line_of(&screen, "sync with").contains("◂ an S3 bucket (or S3-compatible) ▸"),
        "{screen}"
    );
    assert!(line_of(&screen, "bucket").contains("tasks"), "{screen}");
    assert!(line_of(&screen, "access key").contains("AKIAEXAMPLE"));
    assert!(!screen.contains("wJalrXUtnFEMI"), "{screen}");
    assert!(!screen.contains("server url"), "{screen}");

    // Tested as shown: the S3 keys as they are, the other kinds' empty.
    h.press_with(KeyCode::Char('t'), KeyModifiers::CONTROL);
    let tested = h.setup.checked.last().expect("a test").clone();
    let value = |k: &str| tested.iter().find(|(key, _)| key == k).unwrap().1.clone();
    assert_eq!(value("sync.aws.secret_access_key"), "wJalrXUtnFEMI");
    assert_eq!(value("sync.aws.region"), "eu-west-1");
    assert_eq!(value("sync.server.url"), "");

    // To Google Cloud Storage: its two fields and the secret.
    h.press(KeyCode::Up);
    h.press(KeyCode::Right);
    let screen = h.screen();
    assert!(
        line_of(&screen, "sync with").contains("◂ a Google Cloud Storage bucket ▸"),
        "{screen}"
    );
    assert!(
        line_of(&screen, "key file").contains("key file"),
        "{screen}"
    );
    assert!(!screen.contains("access key"), "{screen}");
}

#[test]
fn a_long_refusal_shows_whole_on_the_screen() {
    let mut h = Harness::new(|_| {});
    h.setup.current = vec![
        ("sync.aws.bucket".into(), "tasks".into()),
        ("sync.aws.access_key_id".into(), "AKIAEXAMPLE".into()),
        ("sync.aws.secret_access_key".into(), "wJalrXUtnFEMI".into()),
        ("sync.encryption_secret".into(), "old secret".into()),
    ];
    let said = "the S3 bucket tasks refused tcui while reading salt (InvalidAccessKeyId: The AWS \
                Access Key Id you provided does not exist in our records.); check \
                sync.aws.access_key_id and sync.aws.secret_access_key, and that they may read \
                and write the bucket";
    h.setup.check_fails = Some(said.into());
    h.press(KeyCode::Char('C'));
    h.press_with(KeyCode::Char('t'), KeyModifiers::CONTROL);
    let screen = h.screen();
    let shown = crate::support::screen::in_box(&screen);
    assert!(shown.contains(said), "{screen}");
}

#[test]
fn the_last_sync_failure_shows_whole_when_the_screen_opens() {
    use tcui::app::sync_task::SyncEvent;
    let mut h = Harness::new(|_| {});
    h.setup.current = vec![("sync.aws.bucket".into(), "tasks".into())];
    h.app.with_core(|core| core.enable_sync());
    let error = "the S3 bucket tasks failed while reading salt: error sending request for url \
                 (http://127.0.0.1:5399/tasks/salt): client error (Connect): tcp connect error: \
                 Connection refused (os error 111); check sync.aws.endpoint_url and the network";
    let effects = h.app.update(Event::Sync(SyncEvent::Failed {
        error: error.into(),
        retry_in: std::time::Duration::from_secs(40),
        unsynced: 1,
    }));
    h.run(effects);
    assert!(
        !h.screen().contains("and the network"),
        "cut on the status line"
    );
    h.press(KeyCode::Char('C'));
    let screen = h.screen();
    let shown = crate::support::screen::in_box(&screen);
    assert!(
        shown.contains(&format!("the last sync failed: {error}")),
        "{screen}"
    );
}
