//! A write that fails for want of space: the message names the replica and the cause,
//! nothing committed before is lost, and the next write succeeds once there is space again,
//! both in the same process (as in the interface) and in the next command.
//!
//! The disk is made full with a file size limit (`RLIMIT_FSIZE`) at the replica's current
//! size, with `SIGXFSZ` ignored: a write that would grow the replica fails with EFBIG ("File
//! too large") as one on a full disk fails with ENOSPC, while writes inside it still succeed.
//! A limit holds for the whole process and is inherited by the processes it starts, and every
//! other test runs in this process too: so the replica is written under a limit in a test
//! process of its own (this test executable run again for that one test), and a command gets
//! its limit in its own process only.

use crate::support;
use crate::support::children::{InTurn, OpenInTurn};
use crate::support::{cli_run, isolated};

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use cli_run::{home, ok, stderr, stdout, tcui};
use isolated::tcui_command;
use support::peer::{tcui_add, tcui_tasks};
use tcui::replica::{Replica, ReplicaError};
use tcui::task::{Operation, Operations, TaskData};
use tempfile::TempDir;
use uuid::Uuid;

/// Names the one test that a process started by [`in_its_own_process`] runs.
const ALONE: &str = "TCUI_TEST_ALONE";

/// Run `body` only in a test process of its own: this test executable, started again to run
/// `test` (a test of this file) alone, with `ALONE` naming it. Called from `test` itself.
fn in_its_own_process(test: &str, body: impl FnOnce()) {
    let (_, module) = module_path!().split_once("::").unwrap();
    let name = format!("{module}::{test}");
    if std::env::var_os(ALONE).is_some_and(|alone| alone == name.as_str()) {
        body();
        return;
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .args([&name, "--exact", "--test-threads=1"])
        .env(ALONE, &name)
        .output_in_turn()
        .unwrap();
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        out.status.success() && said.contains("test result: ok. 1 passed"),
        "{name}, run in a process of its own:\n{said}"
    );
}

fn file_size_limit() -> libc::rlimit {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    assert_eq!(
        unsafe { libc::getrlimit(libc::RLIMIT_FSIZE, &mut limit) },
        0
    );
    limit
}

/// A limit on the size of the files this process writes, lifted again on drop.
struct FullDisk {
    before: libc::rlimit,
}

impl FullDisk {
    /// No file can grow past `bytes` until this is dropped.
    fn at(bytes: u64) -> FullDisk {
        assert!(
            std::env::var_os(ALONE).is_some(),
            "a file size limit would hold for every test in this process"
        );
        let before = file_size_limit();
        let limit = libc::rlimit {
            rlim_cur: bytes,
            rlim_max: before.rlim_max,
        };
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
        }
        FullDisk { before }
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        unsafe {
            libc::setrlimit(libc::RLIMIT_FSIZE, &self.before);
        }
    }
}

/// One step creating `count` tasks with a long description each: about `count` KiB.
fn bulk(uuids: &[Uuid]) -> Operations {
    let mut ops = vec![Operation::UndoPoint];
    for (n, u) in uuids.iter().enumerate() {
        let mut t = TaskData::create(*u, &mut ops);
        let now = chrono::Utc::now();
        t.update("status", Some("pending".into()), now, &mut ops);
        let description = format!("{n} {}", "x".repeat(1000));
        t.update("description", Some(description), now, &mut ops);
    }
    ops
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().len()
}

#[test]
fn a_write_that_finds_the_disk_full_loses_nothing_and_the_next_one_succeeds() {
    in_its_own_process(
        "a_write_that_finds_the_disk_full_loses_nothing_and_the_next_one_succeeds",
        write_on_a_full_disk,
    );
}

/// The replica's own writes under a file size limit: only in a process of its own.
fn write_on_a_full_disk() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.redb");
    let mut rep = Replica::open_in_turn(&path).unwrap();
    for n in 0..20 {
        tcui_add(&mut rep, &format!("before {n}"));
    }
    let before = tcui_tasks(&rep);
    let steps = rep.num_undo_points().unwrap();
    let uuids: Vec<Uuid> = (0..2000).map(|_| Uuid::new_v4()).collect();
    {
        let _full = FullDisk::at(size(&path));
        for attempt in 0..2 {
            let err = rep.commit_operations(bulk(&uuids)).unwrap_err();
            assert!(matches!(err, ReplicaError::Storage { .. }), "{err:?}");
            let message = err.to_string();
            for says in [
                &path.display().to_string(),
                "File too large",
                "disk has space",
            ] {
                assert!(message.contains(says), "attempt {attempt}: {message}");
            }
            assert_eq!(tcui_tasks(&rep), before, "attempt {attempt}");
            assert_eq!(rep.num_undo_points().unwrap(), steps);
        }
    }
    // Space again: the same replica, still open, takes the write that failed and the next.
    rep.commit_operations(bulk(&uuids)).unwrap();
    tcui_add(&mut rep, "after");
    assert_eq!(rep.num_undo_points().unwrap(), steps + 2);
    drop(rep);
    let rep = Replica::open_in_turn(&path).unwrap();
    let after = tcui_tasks(&rep);
    assert_eq!(after.len(), before.len() + uuids.len() + 1);
    for (uuid, task) in &before {
        assert_eq!(&after[uuid], task);
    }
}

/// `command`, which will find the disk full once its files reach `bytes`.
fn on_a_full_disk(mut command: Command, bytes: u64) -> Command {
    let hard = file_size_limit().rlim_max;
    // SAFETY: between fork and exec the closure only makes two async-signal-safe calls.
    unsafe {
        command.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: hard,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command
}

#[test]
fn a_command_that_finds_the_disk_full_says_so_and_the_next_one_succeeds() {
    let dir = home();
    let d = dir.path();
    for n in 1..=3 {
        ok(d, &["add", &format!("before {n}")]);
    }
    let replica = d.join("data").join("replica.redb");
    let tasks: Vec<String> = (0..2000)
        .map(|n| format!(r#"{{"description":"{n} {}"}}"#, "x".repeat(1000)))
        .collect();
    let file = d.join("tasks.json");
    std::fs::write(&file, format!("[{}]", tasks.join(",\n"))).unwrap();
    let import = ["import", file.to_str().unwrap()];

    let out = on_a_full_disk(tcui_command(d, &import), size(&replica))
        .output_in_turn()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    for says in [
        &replica.display().to_string(),
        "File too large",
        "disk has space",
    ] {
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
    assert_eq!(stdout(&out), "");
    let listed = ok(d, &["list"]);
    assert!(listed.ends_with("\n3 tasks\n"), "{listed}");
    for n in 1..=3 {
        assert!(listed.contains(&format!("before {n}")), "{listed}");
    }

    // Space again.
    let said = ok(d, &import);
    assert!(said.starts_with("read 2000 tasks"), "{said}");
    assert_eq!(ok(d, &["add", "after"]), "Created task 2004.\n");
    let out = tcui(d, &["diagnostics"]);
    assert!(
        out.status.success() && stderr(&out).is_empty(),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("tasks     2004 "), "{}", stdout(&out));
}
