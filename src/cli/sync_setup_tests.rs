//! Tests of the sync settings screen's taskrc side: what it loads, and a save that merges.

use super::*;
use crate::app::setup::SyncSetup;

fn setup(taskrc: &Path) -> TaskrcSetup {
    TaskrcSetup {
        places: Places {
            taskrc: Some(taskrc.to_path_buf()),
            home: None,
            xdg_config_home: None,
            taskdata: None,
            overrides: Vec::new(),
        },
    }
}

#[test]
fn the_screen_loads_older_spellings_and_a_save_keeps_the_keys_it_does_not_show() {
    let dir = tempfile::TempDir::new().unwrap();
    let rc = dir.path().join("taskrc");
    std::fs::write(
        &rc,
        "color=on\nsync.server.origin=https://old.example\nsync.encryption.secret=hunter2\n\
         sync.aws.region=eu-west-1\n",
    )
    .unwrap();
    let setup = setup(&rc);
    let current: BTreeMap<String, String> = setup.current().into_iter().collect();
    assert_eq!(current["sync.server.url"], "https://old.example");
    assert_eq!(current["sync.encryption_secret"], "hunter2");
    // The screen's four fields, the URL changed, the masked secret left alone.
    let id = "0666d464-418a-4a08-ad53-6f15c78270cd";
    let settings: Vec<(String, String)> = [
        ("sync.server.url", "https://new.example"),
        ("sync.server.client_id", id),
        ("sync.encryption_secret", "hunter2"),
        ("sync.local.server_dir", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let said = setup.save(&settings).unwrap();
    assert_eq!(
        std::fs::read_to_string(&rc).unwrap(),
        format!(
            "color=on\nsync.aws.region=eu-west-1\nsync.encryption_secret=hunter2\n\
             sync.server.client_id={id}\nsync.server.url=https://new.example\n"
        )
    );
    assert!(said.contains("sync.server.origin"), "{said}");
    assert!(said.contains("saved in"), "{said}");
    assert!(!said.contains("hunter2"), "{said}");
}

#[test]
fn a_server_made_from_the_taskrc_is_outdated_once_its_sync_settings_change() {
    let dir = tempfile::TempDir::new().unwrap();
    let rc = dir.path().join("taskrc");
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        &rc,
        format!("color=on\nsync.local.server_dir={}\n", folder.display()),
    )
    .unwrap();
    let places = setup(&rc).places;
    let server = configured_server_with(&places, &mut |_| {}).unwrap();
    let mut server = from_settings(server, places.clone(), sync_values(&places));
    assert!(!server.outdated());
    assert_eq!(server.folder(), Some(folder.as_path()));
    // Other settings change: still current.
    let text = std::fs::read_to_string(&rc).unwrap();
    std::fs::write(&rc, text.replace("color=on", "color=off")).unwrap();
    assert!(!server.outdated());
    // A sync setting changes: outdated. Unreadable meanwhile: left as it is.
    std::fs::write(&rc, format!("{text}sync.aws.bucket=tasks\n")).unwrap();
    assert!(server.outdated());
    std::fs::remove_file(&rc).unwrap();
    assert!(!server.outdated());
}
