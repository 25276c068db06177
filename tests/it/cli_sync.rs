//! `tcui sync` as a user runs it: settings from a taskrc, a shared folder or an HTTP server,
//! messages that name what to fix.

use crate::support;
use crate::support::children::{InTurn, OpenInTurn};

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use support::http_server::TestServer;
use support::peer::{Peer, tcui_add, tcui_tasks};
use tcui::cli::REPLICA_FILE;
use tcui::replica::Replica;
use tempfile::TempDir;

fn tcui(home: &Path, taskrc: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tcui"))
        .args(["--data-dir"])
        .arg(home.join("data"))
        .args(args)
        .env("HOME", home)
        .env("TASKRC", taskrc)
        .env_remove("TCUI_DATA")
        .env_remove("XDG_CONFIG_HOME")
        .output_in_turn()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn sync_with_a_shared_folder_brings_taskwarriors_tasks() {
    let home = TempDir::new().unwrap();
    let folder = home.path().join("sync");
    fs::create_dir(&folder).unwrap();
    let mut peer = Peer::new(taskchampion::ServerConfig::Local {
        server_dir: folder.clone(),
    });
    peer.add("from the other machine");
    peer.sync();
    let rc = home.path().join("taskrc");
    fs::write(&rc, format!("sync.local.server_dir={}\n", folder.display())).unwrap();

    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("pulled 3 changes in 1 version"),
        "{}",
        text(&out)
    );
    let out = tcui(home.path(), &rc, &["diagnostics"]);
    assert!(
        text(&out).contains("tasks     1 (1 with an ID)"),
        "{}",
        text(&out)
    );
}

#[test]
fn unconfigured_or_half_configured_sync_says_what_to_set() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(&rc, "# nothing about sync\n").unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("sync is not configured"),
        "{}",
        text(&out)
    );

    fs::write(&rc, "sync.server.url=http://127.0.0.1:9\n").unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("sync.encryption_secret is not set"),
        "{}",
        text(&out)
    );

    fs::write(&rc, "sync.server.url=http://127.0.0.1:9\nsync.encryption_secret=x\nsync.server.client_id=nope\n").unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(text(&out).contains("not a UUID"), "{}", text(&out));

    fs::write(&rc, "sync.gcp.bucket=b\n").unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(
        text(&out).contains("sync.encryption_secret is not set"),
        "{}",
        text(&out)
    );

    fs::write(&rc, "sync.git.local_path=/tmp/x\n").unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(
        text(&out).contains("does not support yet"),
        "{}",
        text(&out)
    );

    fs::write(
        &rc,
        format!(
            "sync.local.server_dir={}\n",
            home.path().join("missing").display()
        ),
    )
    .unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("does not exist"), "{}", text(&out));
}

#[test]
fn a_missing_client_id_is_made_and_written_back() {
    let srv = TestServer::start();
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    let original = format!(
        "# mine\nsync.server.url={}\nsync.encryption_secret=s3cret",
        srv.url()
    );
    fs::write(&rc, &original).unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(out.status.success(), "{}", text(&out));
    let after = fs::read_to_string(&rc).unwrap();
    assert!(
        after.starts_with(&format!("{original}\nsync.server.client_id=")),
        "{after}"
    );
    assert!(text(&out).contains("wrote a new one"), "{}", text(&out));
    // The second run uses it.
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(fs::read_to_string(&rc).unwrap(), after);

    // An unreachable server is named.
    fs::write(&rc, "sync.server.url=http://127.0.0.1:9\nsync.encryption_secret=x\nsync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd\n").unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("cannot be reached"), "{}", text(&out));
}

#[test]
fn config_sync_shows_settings_masked_and_checks_the_server() {
    let srv = TestServer::start();
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(
        &rc,
        format!(
            "sync.server.url={}\nsync.encryption_secret=hunter2\nsync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd\n",
            srv.url()
        ),
    )
    .unwrap();
    let out = tcui(home.path(), &rc, &["config", "sync"]);
    assert!(out.status.success(), "{}", text(&out));
    let shown = text(&out);
    assert!(shown.contains("sync.encryption_secret=********"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(
        shown.contains(&format!("=> syncs with the server {}", srv.url())),
        "{shown}"
    );

    let out = tcui(home.path(), &rc, &["config", "sync", "--check"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("reachable; it holds no data yet"),
        "{}",
        text(&out)
    );
    // Once another replica has synced there is data, and the check opens it.
    let mut peer = Peer::new(taskchampion::ServerConfig::Remote {
        url: srv.url(),
        client_id: "0666d464-418a-4a08-ad53-6f15c78270cd".parse().unwrap(),
        encryption_secret: b"hunter2".to_vec(),
    });
    peer.add("on the server");
    peer.sync();
    let out = tcui(home.path(), &rc, &["config", "sync", "--check"]);
    assert!(
        text(&out).contains("opens with this secret"),
        "{}",
        text(&out)
    );

    // With another secret the check says which setting to look at.
    fs::write(
        &rc,
        format!(
            "sync.server.url={}\nsync.encryption_secret=wrong\nsync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd\n",
            srv.url()
        ),
    )
    .unwrap();
    let out = tcui(home.path(), &rc, &["config", "sync", "--check"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("sync.encryption_secret"),
        "{}",
        text(&out)
    );

    // Written with the older spelling, the message names that spelling.
    fs::write(
        &rc,
        format!(
            "sync.server.url={}\nsync.encryption.secret=wrong\nsync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd\n",
            srv.url()
        ),
    )
    .unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(said.contains("(sync.encryption.secret)"), "{said}");
    assert!(!said.contains("sync.encryption_secret"), "{said}");
}

#[test]
fn config_sync_replaces_the_whole_sync_section() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(
        &rc,
        "# my taskrc\ncolor=on\nsync.local.server_dir=/old/folder\nsync.server.url=https://old\n",
    )
    .unwrap();
    let out = tcui(
        home.path(),
        &rc,
        &[
            "config",
            "sync",
            "--replace",
            "server.url=https://tasks.example.com",
            "sync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd",
            "encryption_secret=hunter2",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        fs::read_to_string(&rc).unwrap(),
        "# my taskrc\ncolor=on\nsync.encryption_secret=hunter2\n\
         sync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd\n\
         sync.server.url=https://tasks.example.com\n"
    );
    assert!(
        text(&out).contains("=> syncs with the server https://tasks.example.com"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("hunter2"), "{}", text(&out));

    // As JSON, read back; and replaced from JSON, where null removes a key.
    let out = tcui(home.path(), &rc, &["config", "sync", "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["sync.encryption_secret"], "********");
    assert_eq!(shown["sync.server.url"], "https://tasks.example.com");
    let json = home.path().join("settings.json");
    fs::write(
        &json,
        r#"{"sync.local.server_dir": "/shared/tasks", "sync.server.url": null}"#,
    )
    .unwrap();
    let out = tcui(
        home.path(),
        &rc,
        &["config", "sync", "--from", json.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        fs::read_to_string(&rc).unwrap(),
        "# my taskrc\ncolor=on\nsync.local.server_dir=/shared/tasks\n"
    );

    // A bad setting is refused and the file stays as it was.
    let out = tcui(
        home.path(),
        &rc,
        &["config", "sync", "server.client_id=not-a-uuid"],
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("must be a UUID"), "{}", text(&out));
    assert_eq!(
        fs::read_to_string(&rc).unwrap(),
        "# my taskrc\ncolor=on\nsync.local.server_dir=/shared/tasks\n"
    );
}

/// A replica synced with a first folder, then pointed at a second one holding another history,
/// with one task added since.
struct LostHistory {
    rc: std::path::PathBuf,
    replica: std::path::PathBuf,
    peer: Peer,
    synced: uuid::Uuid,
    unsynced: uuid::Uuid,
}

fn lost_history(home: &Path) -> LostHistory {
    let (first, second) = (home.join("first"), home.join("second"));
    fs::create_dir(&first).unwrap();
    fs::create_dir(&second).unwrap();
    let rc = home.join("taskrc");
    fs::write(&rc, format!("sync.local.server_dir={}\n", first.display())).unwrap();
    fs::create_dir_all(home.join("data")).unwrap();
    let replica = home.join("data").join(REPLICA_FILE);
    let synced = {
        let mut rep = Replica::open_in_turn(&replica).unwrap();
        tcui_add(&mut rep, "synced to the first folder")
    };
    assert!(tcui(home, &rc, &["sync"]).status.success());
    // The second folder holds another history; this replica's base is not part of it.
    let mut peer = Peer::new(taskchampion::ServerConfig::Local {
        server_dir: second.clone(),
    });
    peer.add("the other history");
    peer.sync();
    fs::write(&rc, format!("sync.local.server_dir={}\n", second.display())).unwrap();
    let unsynced = {
        let mut rep = Replica::open_in_turn(&replica).unwrap();
        tcui_add(&mut rep, "an unsynced change worth keeping")
    };
    LostHistory {
        rc,
        replica,
        peer,
        synced,
        unsynced,
    }
}

#[test]
fn lost_history_is_explained_and_start_over_saves_the_unsynced_changes() {
    let home = TempDir::new().unwrap();
    let LostHistory {
        rc,
        replica,
        mut peer,
        ..
    } = lost_history(home.path());

    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("tcui sync --start-over"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("the 3 changes"), "{}", text(&out));

    let out = tcui(home.path(), &rc, &["sync", "--start-over"]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("saved 3 unsynced changes to 1 task in "),
        "{said}"
    );
    let saved = said
        .lines()
        .find_map(|l| l.strip_prefix("saved 3 unsynced changes to 1 task in "))
        .unwrap()
        .trim()
        .to_string();
    let doc: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(
        doc["tasks"][0]["description"],
        "an unsynced change worth keeping"
    );
    assert_eq!(doc["operations"].as_array().unwrap().len(), 3);
    let rep = Replica::open_in_turn(&replica).unwrap();
    assert_eq!(tcui_tasks(&rep), peer.tasks());
    drop(rep);

    // A complete copy of the replica was saved first, and going back as the message says
    // brings back every task and the unsynced changes.
    let line = said
        .lines()
        .find(|l| l.starts_with("saved a copy of this replica as it was (2 tasks) to "))
        .unwrap_or_else(|| panic!("{said}"));
    let (copy, target) = line
        .split_once(" and move ")
        .unwrap()
        .1
        .split_once(" to ")
        .unwrap();
    assert_eq!(Path::new(target), replica);
    #[cfg(unix)]
    for file in [copy, saved.as_str()] {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{file}");
    }
    fs::rename(copy, target).unwrap();
    let rep = Replica::open_in_turn(&replica).unwrap();
    let descriptions: Vec<String> = tcui_tasks(&rep)
        .values()
        .map(|t| t["description"].clone())
        .collect();
    assert_eq!(descriptions.len(), 2);
    assert!(descriptions.contains(&"synced to the first folder".to_string()));
    assert!(descriptions.contains(&"an unsynced change worth keeping".to_string()));
    assert_eq!(rep.num_local_operations().unwrap(), 3);
}

#[test]
fn the_tasks_an_unsynced_change_touched_can_be_imported_after_starting_over() {
    let home = TempDir::new().unwrap();
    let LostHistory {
        rc,
        replica,
        synced: kept,
        unsynced: added,
        ..
    } = lost_history(home.path());
    let out = tcui(home.path(), &rc, &["sync", "--start-over"]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    let export = said
        .lines()
        .find_map(|l| l.strip_prefix("`tcui import "))
        .and_then(|l| l.strip_suffix("` brings that task back as it was here"))
        .unwrap_or_else(|| panic!("{said}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(export).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    {
        let rep = Replica::open_in_turn(&replica).unwrap();
        assert!(rep.get_task_data(added).unwrap().is_none());
    }

    let out = tcui(home.path(), &rc, &["import", export]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 new"), "{}", text(&out));
    let rep = Replica::open_in_turn(&replica).unwrap();
    let task = rep.get_task_data(added).unwrap().unwrap();
    assert_eq!(
        task.get("description"),
        Some("an unsynced change worth keeping")
    );
    assert_eq!(task.get("status"), Some("pending"));
    // Only the task the unsynced change touched comes back, not the one synced before.
    assert!(rep.get_task_data(kept).unwrap().is_none());
}

#[test]
fn start_over_refuses_a_server_or_folder_that_holds_nothing() {
    let srv = TestServer::start();
    let home = TempDir::new().unwrap();
    let (first, empty) = (home.path().join("first"), home.path().join("empty"));
    fs::create_dir(&first).unwrap();
    fs::create_dir(&empty).unwrap();
    let rc = home.path().join("taskrc");
    fs::write(&rc, format!("sync.local.server_dir={}\n", first.display())).unwrap();
    for n in 0..3 {
        assert!(
            tcui(home.path(), &rc, &["add", &format!("task {n}")])
                .status
                .success()
        );
    }
    assert!(tcui(home.path(), &rc, &["sync"]).status.success());
    assert!(
        tcui(home.path(), &rc, &["add", "not synced"])
            .status
            .success()
    );
    let replica = home.path().join("data").join(REPLICA_FILE);
    let (before, unsynced) = {
        let rep = Replica::open_in_turn(&replica).unwrap();
        (tcui_tasks(&rep), rep.num_local_operations().unwrap())
    };
    assert!(unsynced > 0);

    // An empty folder, and a server (or a wrong address) answering 404 to everything.
    srv.always(Some(support::http_server::Fault::Status(404)));
    for settings in [
        format!("sync.local.server_dir={}\n", empty.display()),
        format!(
            "sync.server.url={}\nsync.encryption_secret=s\n\
             sync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd\n",
            srv.url()
        ),
    ] {
        fs::write(&rc, settings).unwrap();
        let out = tcui(home.path(), &rc, &["sync", "--start-over"]);
        assert!(!out.status.success(), "{}", text(&out));
        assert!(text(&out).contains("holds no data"), "{}", text(&out));
        assert!(
            text(&out).contains("would delete every task here"),
            "{}",
            text(&out)
        );
        let rep = Replica::open_in_turn(&replica).unwrap();
        assert_eq!(tcui_tasks(&rep), before);
        assert_eq!(rep.num_local_operations().unwrap(), unsynced);
    }
    // Nothing was saved either: the data folder holds only the replica and its lock (and
    // where the last sync stands, from the syncs before).
    let mut names: Vec<String> = fs::read_dir(home.path().join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != tcui::app::status::LAST_SYNC_FILE)
        .collect();
    names.sort();
    assert_eq!(
        names,
        [REPLICA_FILE.to_string(), format!("{REPLICA_FILE}.lock")]
    );
}

#[test]
fn a_sync_with_nothing_to_do_leaves_the_replica_file_untouched() {
    let home = TempDir::new().unwrap();
    let folder = home.path().join("sync");
    fs::create_dir(&folder).unwrap();
    let rc = home.path().join("taskrc");
    fs::write(&rc, format!("sync.local.server_dir={}\n", folder.display())).unwrap();
    assert!(
        tcui(home.path(), &rc, &["add", "one task"])
            .status
            .success()
    );
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(out.status.success(), "{}", text(&out));

    let file = home.path().join("data").join(REPLICA_FILE);
    let bytes = fs::read(&file).unwrap();
    let modified = fs::metadata(&file).unwrap().modified().unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("pulled 0 changes in 0 versions; pushed 0 changes in 0 versions"),
        "{}",
        text(&out)
    );
    assert!(fs::read(&file).unwrap() == bytes, "the replica was written");
    assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), modified);
}

#[test]
fn a_password_in_the_server_url_is_never_printed() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(
        &rc,
        "sync.server.url=http://me:hunter2@127.0.0.1:9/\nsync.encryption_secret=s3cret\n\
         sync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd\n",
    )
    .unwrap();
    for args in [
        &["config", "sync"][..],
        &["config", "sync", "--json"],
        &["config", "sync", "--check"],
        &["sync"],
    ] {
        let out = tcui(home.path(), &rc, args);
        let said = text(&out);
        assert!(!said.contains("hunter2"), "{args:?}: {said}");
        assert!(!said.contains("s3cret"), "{args:?}: {said}");
        assert!(said.contains("me:****@127.0.0.1:9"), "{args:?}: {said}");
    }
}

#[test]
fn messages_name_the_older_url_setting_when_the_taskrc_uses_it() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(
        &rc,
        "sync.server.origin=http://127.0.0.1:9\nsync.encryption_secret=x\n\
         sync.server.client_id=0666d464-418a-4a08-ad53-6f15c78270cd\n",
    )
    .unwrap();
    let out = tcui(home.path(), &rc, &["sync"]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(said.contains("check sync.server.origin"), "{said}");
    assert!(!said.contains("sync.server.url"), "{said}");
}
