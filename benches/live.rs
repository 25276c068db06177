//! The command line beside a running interface and alone, at 100,000 demo tasks (10,000
//! pending): the real binary run as a status bar runs it, `tcui status` and `tcui list`
//! (output to a pipe), each timed from spawn to exit. "beside" runs them while the real
//! interface holds the replica in a tmux pane (status is answered from its memory; list
//! borrows the replica through its socket); "alone" with no interface. Target: `tcui status`
//! under 10 ms either way.
//!
//! Run with `cargo bench --bench live` (tmux must be installed). `TCUI_BENCH_KEEP=DIR`
//! leaves the replica in `DIR/data/replica.redb` (and uses it if it is there already).

// A benchmark that cannot unwrap what it set up stops, which is what it should do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/stats.rs"]
#[allow(dead_code)]
mod stats;
#[path = "support/steps.rs"]
mod steps;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use stats::{Stat, ms};
use tcui::replica::Replica;

const TASKS: usize = 100_000;
const PENDING: usize = 10_000;
const RUNS: usize = 40;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_262_400, 0).unwrap()
}

/// 100,000 demo tasks in commits of 10,000.
fn create(path: &Path) {
    let mut replica = Replica::open(path).unwrap();
    let ops = tcui::demo::demo_operations(TASKS, PENDING, now(), 7);
    steps::commit_in_steps(&mut replica, ops, 10).unwrap();
    replica.renumber_working_set().unwrap();
}

/// `tcui ARGS` on the replica in `dir`, timed; its output checked with `check`.
fn timed(dir: &Path, home: &Path, args: &[&str], check: &dyn Fn(&str) -> bool) -> Duration {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_tcui"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("HOME", home)
        .env("TASKRC", home.join("taskrc"))
        .env("TCUI_CONFIG", home.join("none.rc"))
        .env_remove("TCUI_DATA")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let took = start.elapsed();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && check(&text),
        "{args:?}: {}{}",
        text,
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn tmux(socket: &str, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .args(["-L", socket])
        .args(args)
        .output()
        .expect("tmux is installed (scripts/test.sh installs it)")
}

fn main() {
    let temp = tempfile::TempDir::new().unwrap();
    let keep = std::env::var_os("TCUI_BENCH_KEEP").map(std::path::PathBuf::from);
    let home = keep.unwrap_or_else(|| temp.path().to_path_buf());
    let dir = home.join("data");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(home.join("taskrc"), "").unwrap();
    if !dir.join("replica.redb").exists() {
        eprintln!(
            "creating {TASKS} tasks ({PENDING} pending) in {}",
            dir.display()
        );
        create(&dir.join("replica.redb"));
    }

    let status_ok = |t: &str| t.contains(" pending, ");
    let list_ok = |t: &str| t.lines().count() > 1000;
    let mut rows = Vec::new();
    let mut measure = |name: &str| {
        let (mut status, mut list) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            status.push(timed(&dir, home.as_path(), &["status"], &status_ok));
        }
        for _ in 0..RUNS / 4 {
            list.push(timed(&dir, home.as_path(), &["list"], &list_ok));
        }
        rows.push((format!("status {name}"), Stat::of(status)));
        rows.push((format!("list {name}"), Stat::of(list)));
    };
    measure("alone");

    // The interface, in a tmux pane of its own server.
    let socket = format!("tcui-live-bench-{}", std::process::id());
    let command = format!(
        "env HOME={home} TASKRC={home}/taskrc TCUI_CONFIG={home}/none.rc TERM=xterm-256color {bin} --data-dir {data}",
        home = home.as_path().display(),
        bin = env!("CARGO_BIN_EXE_tcui"),
        data = dir.display()
    );
    let started = tmux(
        &socket,
        &["new-session", "-d", "-x", "120", "-y", "40", &command],
    );
    assert!(started.status.success(), "{started:?}");
    let began = Instant::now();
    while !dir.join("tcui.sock").exists() {
        assert!(
            began.elapsed() < Duration::from_secs(30),
            "the interface did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Every task loaded: its status answers with all of them.
    std::thread::sleep(Duration::from_secs(2));
    measure("beside");
    let _ = tmux(&socket, &["kill-server"]);

    println!("live benchmark: {TASKS} tasks ({PENDING} pending); wall time from spawn to exit");
    println!("metric            median ms     p90 ms     p99 ms      n");
    for (name, s) in &rows {
        println!(
            "{name:<16} {:10.3} {:10.3} {:10.3} {:6}",
            ms(s.median),
            ms(s.p90),
            ms(s.p99),
            s.runs
        );
    }
    println!("p99 of fewer than 100 samples is the maximum");
    for (name, s) in &rows {
        println!("metric p99_ms {} {:.3}", name.replace(' ', "_"), ms(s.p99));
    }
    let verdict = |d: Duration| {
        if d < Duration::from_millis(10) {
            "met"
        } else {
            "NOT met"
        }
    };
    for (name, s) in rows.iter().filter(|(n, _)| n.starts_with("status")) {
        println!(
            "target status < 10 ms ({name}): median {}, p99 {}",
            verdict(s.median),
            verdict(s.p99)
        );
    }
}
