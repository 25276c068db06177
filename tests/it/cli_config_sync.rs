//! `tcui config sync` writing the taskrc as a user runs it: `KEY=VALUE` merges, `--replace` and
//! `--from` replace the section and say what went, a private backup of what a write removed or
//! changed, the user's own key names in messages, a file that stays private once it holds a
//! secret, a taskrc in Latin-1, and the secret typed at a prompt instead of on the command line.

use crate::support;
use crate::support::children::{InTurn, OpenInTurn};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use support::tmux::{Tmux, shell_quote};
use tempfile::TempDir;

const ID: &str = "0666d464-418a-4a08-ad53-6f15c78270cd";

fn tcui(home: &Path, taskrc: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tcui"))
        .arg("--data-dir")
        .arg(home.join("data"))
        .args(args)
        .env("HOME", home)
        .env("TASKRC", taskrc)
        .env("TCUI_CONFIG", home.join("no-config.rc"))
        .env_remove("TCUI_DATA")
        .env_remove("XDG_CONFIG_HOME")
        .stdin(Stdio::null())
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

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(out));
    text(out)
}

/// The backup file the output names: `… saved in <path> …`.
fn backup_named(said: &str) -> PathBuf {
    let line = said
        .lines()
        .find(|l| l.contains("saved in "))
        .unwrap_or_else(|| panic!("no backup named in:\n{said}"));
    let rest = &line[line.find("saved in ").unwrap() + "saved in ".len()..];
    PathBuf::from(rest.split_whitespace().next().unwrap())
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn key_value_merges_and_keeps_the_secret_and_the_client_id() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    let original = format!(
        "# mine\ncolor=on\nsync.server.url=https://old.example\nsync.server.client_id={ID}\n\
         sync.encryption_secret=hunter2\n"
    );
    fs::write(&rc, &original).unwrap();
    let said = ok(&tcui(
        home.path(),
        &rc,
        &["config", "sync", "server.url=https://new.example"],
    ));
    assert_eq!(
        fs::read_to_string(&rc).unwrap(),
        format!(
            "# mine\ncolor=on\nsync.server.client_id={ID}\nsync.encryption_secret=hunter2\n\
             sync.server.url=https://new.example\n"
        )
    );
    assert!(said.contains("set sync.server.url"), "{said}");
    assert!(said.contains("removed nothing"), "{said}");
    assert!(!said.contains("hunter2"), "{said}");
    // The URL it replaced is kept, privately, in a form --from takes back.
    let backup = backup_named(&said);
    #[cfg(unix)]
    assert_eq!(mode(&backup), 0o600);
    let saved: serde_json::Value = serde_json::from_slice(&fs::read(&backup).unwrap()).unwrap();
    assert_eq!(saved["sync.server.url"], "https://old.example");
    assert_eq!(saved["sync.encryption_secret"], "hunter2");
    ok(&tcui(
        home.path(),
        &rc,
        &["config", "sync", "--from", backup.to_str().unwrap()],
    ));
    let now = fs::read_to_string(&rc).unwrap();
    assert!(
        now.contains("sync.server.url=https://old.example\n"),
        "{now}"
    );
    assert!(now.contains("sync.encryption_secret=hunter2\n"), "{now}");
    assert!(
        now.contains(&format!("sync.server.client_id={ID}\n")),
        "{now}"
    );

    // `KEY=` removes that key alone, and says so.
    let said = ok(&tcui(home.path(), &rc, &["config", "sync", "server.url="]));
    assert!(said.contains("removed sync.server.url"), "{said}");
    let now = fs::read_to_string(&rc).unwrap();
    assert!(!now.contains("sync.server.url"), "{now}");
    assert!(now.contains("sync.encryption_secret=hunter2\n"), "{now}");
}

#[test]
fn replace_and_from_drop_the_other_keys_and_name_them_never_their_values() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(
        &rc,
        format!(
            "color=on\nsync.server.url=https://old.example\nsync.server.client_id={ID}\n\
             sync.encryption_secret=hunter2\n"
        ),
    )
    .unwrap();
    let said = ok(&tcui(
        home.path(),
        &rc,
        &[
            "config",
            "sync",
            "--replace",
            "local.server_dir=/shared/tasks",
        ],
    ));
    assert_eq!(
        fs::read_to_string(&rc).unwrap(),
        "color=on\nsync.local.server_dir=/shared/tasks\n"
    );
    for key in [
        "sync.server.url",
        "sync.server.client_id",
        "sync.encryption_secret",
    ] {
        assert!(said.contains(key), "{key} not named as removed: {said}");
    }
    assert!(!said.contains("hunter2"), "{said}");
    let saved = fs::read_to_string(backup_named(&said)).unwrap();
    assert!(saved.contains("hunter2") && saved.contains(ID), "{saved}");

    // --from replaces the section too.
    let json = home.path().join("settings.json");
    fs::write(&json, r#"{"sync.server.url": "https://a.example"}"#).unwrap();
    let said = ok(&tcui(
        home.path(),
        &rc,
        &["config", "sync", "--from", json.to_str().unwrap()],
    ));
    assert!(said.contains("removed sync.local.server_dir"), "{said}");
    assert_eq!(
        fs::read_to_string(&rc).unwrap(),
        "color=on\nsync.server.url=https://a.example\n"
    );
}

#[test]
fn messages_name_the_keys_as_the_taskrc_spells_them() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(
        &rc,
        "sync.server.origin=https://old.example\nsync.encryption.secret=hunter2\n",
    )
    .unwrap();
    // The newer spelling takes the older one's place: named as the taskrc wrote it.
    let said = ok(&tcui(
        home.path(),
        &rc,
        &["config", "sync", "server.url=https://new.example"],
    ));
    assert!(
        said.contains("removed sync.server.origin (sync.server.url replaces it)"),
        "{said}"
    );
    assert_eq!(
        fs::read_to_string(&rc).unwrap(),
        "sync.encryption.secret=hunter2\nsync.server.url=https://new.example\n"
    );
    let said = ok(&tcui(
        home.path(),
        &rc,
        &["config", "sync", "encryption.secret="],
    ));
    assert!(said.contains("removed sync.encryption.secret"), "{said}");
    let out = tcui(
        home.path(),
        &rc,
        &["config", "sync", "server.origin=tasks.example"],
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("sync.server.origin must start with http"),
        "{}",
        text(&out)
    );
}

#[test]
fn every_write_leaves_the_taskrc_ending_in_a_newline() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(&rc, "sync.server.url=https://old.example\ncolor=on").unwrap();
    ok(&tcui(home.path(), &rc, &["config", "sync", "server.url="]));
    assert_eq!(fs::read_to_string(&rc).unwrap(), "color=on\n");
    // What a user appends after it is a line of its own.
    let mut file = fs::OpenOptions::new().append(true).open(&rc).unwrap();
    std::io::Write::write_all(&mut file, b"sync.local.server_dir=/x\n").unwrap();
    let said = ok(&tcui(home.path(), &rc, &["config", "sync"]));
    assert!(said.contains("=> syncs with the folder /x"), "{said}");
}

#[cfg(unix)]
#[test]
fn a_taskrc_holding_a_secret_is_private_and_a_planted_link_is_not_followed() {
    use std::os::unix::fs::PermissionsExt;
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(&rc, "color=on\n").unwrap();
    fs::set_permissions(&rc, fs::Permissions::from_mode(0o644)).unwrap();
    // Without a secret the file keeps its mode.
    ok(&tcui(
        home.path(),
        &rc,
        &["config", "sync", "local.server_dir=/x"],
    ));
    assert_eq!(mode(&rc), 0o644);
    // Someone plants a link where the old fixed temporary name was.
    let victim = home.path().join("victim");
    fs::write(&victim, "precious\n").unwrap();
    std::os::unix::fs::symlink(&victim, home.path().join(".taskrc.tcui-new")).unwrap();
    ok(&tcui(
        home.path(),
        &rc,
        &[
            "config",
            "sync",
            "server.url=https://tasks.example",
            "encryption_secret=hunter2",
            &format!("server.client_id={ID}"),
        ],
    ));
    assert_eq!(mode(&rc), 0o600);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(
        fs::read_to_string(&rc)
            .unwrap()
            .contains("sync.encryption_secret=hunter2\n")
    );
    let strays: Vec<_> = fs::read_dir(home.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tcui-new") && n != ".taskrc.tcui-new")
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}

#[test]
fn a_latin1_taskrc_is_read_and_its_bytes_kept() {
    let home = TempDir::new().unwrap();
    let folder = home.path().join("folder");
    fs::create_dir(&folder).unwrap();
    let rc = home.path().join("taskrc");
    let mut original = b"# r\xe9glages de Ren\xe9\nreport.x.description=caf\xe9\n".to_vec();
    original.extend_from_slice(format!("sync.local.server_dir={}\n", folder.display()).as_bytes());
    fs::write(&rc, &original).unwrap();
    let said = ok(&tcui(home.path(), &rc, &["sync"]));
    assert!(said.contains("synced"), "{said}");
    ok(&tcui(
        home.path(),
        &rc,
        &["config", "sync", "encryption_secret=s3cret"],
    ));
    let mut expected = original.clone();
    expected.extend_from_slice(b"sync.encryption_secret=s3cret\n");
    assert_eq!(fs::read(&rc).unwrap(), expected);
}

#[test]
fn nothing_is_written_when_the_taskrc_cannot_be_read() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(home.path().join("other"), "include taskrc\n").unwrap();
    let original = "include other\nsync.server.url=https://old.example\n";
    fs::write(&rc, original).unwrap();
    let out = tcui(
        home.path(),
        &rc,
        &["config", "sync", "server.url=https://new.example"],
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("includes itself"), "{}", text(&out));
    assert_eq!(fs::read_to_string(&rc).unwrap(), original);
}

#[test]
fn ask_secret_needs_a_terminal_and_says_what_to_use_instead() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(&rc, "color=on\n").unwrap();
    let out = tcui(home.path(), &rc, &["config", "sync", "--ask-secret"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("--from -"), "{}", text(&out));
    assert_eq!(fs::read_to_string(&rc).unwrap(), "color=on\n");
}

#[test]
fn the_secret_is_typed_at_a_prompt_that_does_not_show_it() {
    let dir = TempDir::new().unwrap();
    let home = dir.path();
    let rc = home.join("taskrc");
    fs::write(&rc, format!("sync.server.client_id={ID}\n")).unwrap();
    let q = |p: &Path| shell_quote(&p.to_string_lossy());
    let script = format!(
        "stty -g > {before}; env -u TCUI_DATA HOME={home} TASKRC={rc} {bin} config sync \
         --ask-secret server.url=https://tasks.example; code=$?; stty -g > {after}; \
         echo \"exit=$code\"; read line",
        before = q(&home.join("stty.before")),
        after = q(&home.join("stty.after")),
        home = q(home),
        rc = q(&rc),
        bin = q(Path::new(env!("CARGO_BIN_EXE_tcui"))),
    );
    let tmux = Tmux::start(100, 20, &["sh".into(), "-c".into(), script]);
    tmux.wait_for("the prompt", |s| s.contains("secret"));
    tmux.send_text("correct horse");
    tmux.send_keys(&["Enter"]);
    tmux.wait_for("the second prompt", |s| s.contains("again"));
    tmux.send_text("correct horse");
    tmux.send_keys(&["Enter"]);
    let screen = tmux.wait_for("tcui to end", |s| s.contains("exit="));
    assert!(screen.contains("exit=0"), "{screen}");
    assert!(!screen.contains("correct horse"), "{screen}");
    let written = fs::read_to_string(&rc).unwrap();
    assert!(
        written.contains("sync.encryption_secret=correct horse\n")
            && written.contains("sync.server.url=https://tasks.example\n")
            && written.contains(ID),
        "{written}"
    );
    assert_eq!(
        fs::read_to_string(home.join("stty.before")).unwrap(),
        fs::read_to_string(home.join("stty.after")).unwrap(),
        "the terminal was not restored"
    );
    tmux.send_keys(&["Enter"]);
}

#[test]
fn config_sync_works_while_tcui_is_running() {
    let home = TempDir::new().unwrap();
    let rc = home.path().join("taskrc");
    fs::write(&rc, "").unwrap();
    fs::create_dir(home.path().join("data")).unwrap();
    // Another tcui holds the replica.
    let _running =
        tcui::replica::Replica::open_in_turn(home.path().join("data/replica.redb")).unwrap();
    let said = ok(&tcui(
        home.path(),
        &rc,
        &["config", "sync", "local.server_dir=/x"],
    ));
    assert!(said.contains("=> syncs with the folder /x"), "{said}");
}
