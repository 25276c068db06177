//! What tcui leaves on disk is for its owner's eyes only: the data folder and the replica made
//! by a first run, and the file `$EDITOR` edits, which is created under a random name that a
//! link planted in the temporary folder cannot catch.

#![cfg(unix)]

use crate::support;
use crate::support::children::InTurn;
use crate::support::isolated;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use isolated::tcui_command;
use support::tmux::{Tmux, shell_quote};
use tempfile::TempDir;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn tcui(home: &Path, args: &[&str]) -> std::process::Output {
    let out = tcui_command(home, args).output_in_turn().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn the_data_folder_and_the_replica_are_private() {
    let home = TempDir::new().unwrap();
    fs::write(home.path().join("taskrc"), "").unwrap();
    tcui(home.path(), &["add", "private"]);
    let data = home.path().join("data");
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("replica.redb")), 0o600);
    assert_eq!(mode(&data.join("replica.redb.lock")), 0o600);
}

#[test]
fn the_editor_gets_a_private_file_of_its_own() {
    let dir = TempDir::new().unwrap();
    let home = dir.path();
    let tmp = home.join("tmp");
    fs::create_dir(&tmp).unwrap();
    fs::write(home.join("taskrc"), "").unwrap();
    tcui(home, &["add", "edit me"]);
    let out = tcui(home, &["export"]);
    let tasks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uuid = tasks[0]["uuid"].as_str().unwrap().replace('-', "");
    // A link where the file used to be made, by a name anyone could tell from the task.
    let victim = home.join("victim");
    fs::write(&victim, "precious\n").unwrap();
    std::os::unix::fs::symlink(&victim, tmp.join(format!("tcui-{uuid}.txt"))).unwrap();
    // The "editor" notes the file's mode and name, and changes nothing.
    let seen = home.join("seen");
    let editor = home.join("editor.sh");
    fs::write(
        &editor,
        format!(
            "#!/bin/sh\nstat -c '%a %F %n' \"$1\" > {seen}.new\nmv {seen}.new {seen}\n",
            seen = shell_quote(&seen.to_string_lossy())
        ),
    )
    .unwrap();
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o700)).unwrap();
    let q = |p: &Path| shell_quote(&p.to_string_lossy());
    let script = format!(
        "env -u TCUI_DATA -u VISUAL HOME={home} TASKRC={rc} TCUI_CONFIG={none} TMPDIR={tmp} \
         EDITOR={editor} TERM=xterm-256color {bin} --data-dir {data}; read line",
        home = q(home),
        rc = q(&home.join("taskrc")),
        none = q(&home.join("no-config.rc")),
        tmp = q(&tmp),
        editor = q(&editor),
        bin = q(Path::new(env!("CARGO_BIN_EXE_tcui"))),
        data = q(&home.join("data")),
    );
    let tmux = Tmux::start(100, 24, &["sh".into(), "-c".into(), script]);
    tmux.wait_for("the task", |s| s.contains("edit me"));
    tmux.send_keys(&["E"]);
    let start = std::time::Instant::now();
    while !seen.exists() {
        assert!(
            start.elapsed() < support::tmux::TIMEOUT,
            "the editor did not run; the screen was:\n{}",
            tmux.capture()
        );
        std::thread::sleep(support::tmux::POLL);
    }
    let said = fs::read_to_string(&seen).unwrap();
    let (mode, rest) = said.trim().split_once(' ').unwrap();
    assert_eq!(mode, "600", "{said}");
    assert!(rest.starts_with("regular file "), "{said}");
    let name = Path::new(rest.trim_start_matches("regular file "));
    let name = name.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("tcui-") && name.ends_with(".txt") && name != format!("tcui-{uuid}.txt"),
        "{name}"
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious\n");
    tmux.wait_for("the list again", |s| s.contains("edit me"));
    tmux.send_keys(&["q"]);
    // Nothing of the edit is left in the temporary folder but the planted link.
    let start = std::time::Instant::now();
    loop {
        let left: Vec<String> = fs::read_dir(&tmp)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        if left == [format!("tcui-{uuid}.txt")] {
            break;
        }
        assert!(start.elapsed() < support::tmux::TIMEOUT, "left: {left:?}");
        std::thread::sleep(support::tmux::POLL);
    }
}
