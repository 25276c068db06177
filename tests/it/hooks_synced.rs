//! Hook scripts on changes that come by sync, which Taskwarrior never runs: only the scripts
//! named in `hooks.sync` run, each once for each task a sync changes, never for the sync that
//! fills an empty replica; what they change is sent on, and nothing else is.

use crate::support::children::InTurn;
use crate::support::isolated::tcui_command;
use crate::support::peer::Peer;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

fn tcui(dir: &Path, args: &[&str]) -> Output {
    tcui_command(dir, args).output_in_turn().unwrap()
}

/// A script that logs `NAME before-description -> after-description` to `log` and returns
/// the task as given; `tag` also adds that tag; it refuses a description with "sunday".
fn script(log: &Path, name: &str, tag: Option<&str>) -> String {
    let tag = tag.map_or(String::new(), |t| {
        format!("t.setdefault('tags', []).append('{t}')\n")
    });
    format!(
        "#!/usr/bin/env python3
import sys, json
lines = sys.stdin.read().splitlines()
b = json.loads(lines[0]) if len(lines) > 1 else {{}}
t = json.loads(lines[-1])
with open('{log}', 'a') as f:
    f.write('{name} %s -> %s\\n' % (b.get('description', '-'), t['description']))
if 'sunday' in t['description']:
    print('no changes on Sundays')
    sys.exit(1)
{tag}print(json.dumps(t))
print('{name} saw ' + t['description'])
",
        log = log.display()
    )
}

struct Setup {
    dir: TempDir,
    peer: Peer,
}

impl Setup {
    /// A shared folder with a `taskchampion` replica on it, a hooks folder with three
    /// scripts of which `hooks.sync` names two (and one that is not there).
    fn new() -> Setup {
        let dir = TempDir::new().unwrap();
        let folder = dir.path().join("folder");
        let hooks = dir.path().join("hooks");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::create_dir_all(&hooks).unwrap();
        let log = dir.path().join("log");
        for (name, tag) in [
            ("on-add.tagger", Some("arrived")),
            ("on-modify.seen", None),
            ("on-modify.unnamed", None),
        ] {
            let path = hooks.join(name);
            std::fs::write(&path, script(&log, name, tag)).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::write(
            dir.path().join("taskrc"),
            format!(
                "hooks.location={}\nhooks.sync=on-add.tagger, on-modify.seen on-modify.gone\n\
                 sync.local.server_dir={}\n",
                hooks.display(),
                folder.display()
            ),
        )
        .unwrap();
        let peer = Peer::new(taskchampion::ServerConfig::Local { server_dir: folder });
        Setup { dir, peer }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    fn sync(&self) -> (String, String) {
        let out = tcui(self.dir.path(), &["sync"]);
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        assert!(out.status.success(), "{out:?}");
        (text(&out.stdout), text(&out.stderr))
    }

    fn unsynced(&self) -> String {
        let out = tcui(self.dir.path(), &["diagnostics"]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines()
            .find(|l| l.starts_with("unsynced"))
            .unwrap_or_default()
            .to_string()
    }
}

#[test]
fn scripts_named_in_hooks_sync_run_once_on_what_a_sync_brings() {
    let mut s = Setup::new();
    let first = s.peer.add("first");
    s.peer.sync();
    // Filling the empty replica is no change to run on.
    let (_, err) = s.sync();
    assert_eq!(s.log(), "");
    assert!(
        err.contains(
            "hooks.sync: there is no executable hook script named on-modify.gone in the hooks \
             folder"
        ),
        "{err}"
    );

    // A change made elsewhere: the named on-modify script sees it, once; the other does not.
    s.peer.set(first, "project", Some("home"));
    s.peer.sync();
    let (out, err) = s.sync();
    assert_eq!(s.log(), "on-modify.seen first -> first\n");
    assert!(err.contains("on-modify.seen saw first"), "{err}");
    // It changed nothing: nothing is sent back, and one sync was enough.
    assert_eq!(out.lines().count(), 1, "{out}");
    assert_eq!(s.unsynced(), "unsynced  0 changes in 0 steps");
    s.sync();
    assert_eq!(s.log(), "on-modify.seen first -> first\n", "never twice");

    // A new task: the on-add script tags it, and that change goes back at once.
    let second = s.peer.add("second");
    s.peer.sync();
    let (out, _) = s.sync();
    assert!(
        s.log().ends_with("on-add.tagger - -> second\n"),
        "{}",
        s.log()
    );
    assert!(out.contains("hook scripts on synced changes"), "{out}");
    assert_eq!(s.unsynced(), "unsynced  0 changes in 0 steps");
    s.peer.sync();
    let tasks = s.peer.tasks();
    assert!(tasks[&second].contains_key("tag_arrived"), "{tasks:?}");
    assert!(!tasks[&first].contains_key("tag_arrived"));
    let runs = s.log().lines().count();
    // Its own change, once sent, is no news to it.
    s.sync();
    assert_eq!(s.log().lines().count(), runs);
}

#[test]
fn a_script_that_refuses_a_synced_change_is_reported_and_the_change_stays() {
    let mut s = Setup::new();
    let first = s.peer.add("first");
    s.peer.sync();
    s.sync();
    s.peer.set(first, "description", Some("on sunday"));
    s.peer.sync();
    let (_, err) = s.sync();
    assert!(
        err.contains("a change that came by sync to 'on sunday': no changes on Sundays"),
        "{err}"
    );
    let out = tcui(s.dir.path(), &["_get", "1.description"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "on sunday");
}

#[test]
fn without_hooks_sync_no_script_runs_on_synced_changes() {
    let mut s = Setup::new();
    let rc = s.dir.path().join("taskrc");
    let text = std::fs::read_to_string(&rc).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("hooks.sync"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&rc, text).unwrap();
    let first = s.peer.add("first");
    s.peer.sync();
    s.sync();
    s.peer.set(first, "project", Some("home"));
    s.peer.add("second");
    s.peer.sync();
    s.sync();
    assert_eq!(s.log(), "");
    // Changes made here still run them.
    let out = tcui(s.dir.path(), &["1", "modify", "+here"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        s.log().contains("on-modify.seen first -> first"),
        "{}",
        s.log()
    );
    assert!(s.log().contains("on-modify.unnamed first -> first"));
}
