//! `tcui sync` as a user runs it: settings from a taskrc, a shared folder or an HTTP server,
//! messages that name what to fix.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use support::http_server::TestServer;
use support::peer::Peer;
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
        .output()
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
        text(&out).contains("pulled 3 changes in 1 versions"),
        "{}",
        text(&out)
    );
    let out = tcui(home.path(), &rc, &[]);
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
}
