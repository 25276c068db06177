//! The real binary: first run, a replica held by another process, and a foreign file.

use crate::support::children::{InTurn, OpenInTurn};

use std::fs;
use std::process::Command;

use tcui::replica::Replica;
use tempfile::TempDir;

fn tcui(data: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tcui"))
        .arg("--data-dir")
        .arg(data)
        .arg("diagnostics")
        .env_remove("TCUI_DATA")
        .output_in_turn()
        .unwrap()
}

#[test]
fn first_run_creates_the_data_folder_and_replica() {
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("nested/tcui");
    let out = tcui(&data);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(data.join("replica.redb").is_file());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("tasks     0"), "{stdout}");
}

#[test]
fn a_replica_open_in_another_process_is_reported_not_waited_for() {
    let dir = TempDir::new().unwrap();
    let held = Replica::open_in_turn(dir.path().join("replica.redb")).unwrap();
    let out = tcui(dir.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("already open by another tcui process"),
        "{stderr}"
    );
    drop(held);
    assert!(tcui(dir.path()).status.success());
}

#[test]
fn a_foreign_file_fails_with_its_name_and_survives() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    fs::write(&path, "pending.data from somewhere else\n").unwrap();
    let out = tcui(dir.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "pending.data from somewhere else\n"
    );
    assert!(
        !dir.path().join("replica.redb.lock").exists(),
        "nothing created beside it"
    );
}
