//! `kill -9` at random moments: the real binary's `tcui add`, `tcui import FILE` and `tcui sync`
//! (with a shared folder, so no network) are killed after a random delay, some of them on the
//! very first run in a fresh data folder. The delay is drawn from 0 to 50 ms for a first run;
//! otherwise up to one and a half times the command's own time where that is longer (a debug
//! build on a loaded machine), so that some commands finish and their promises are checked. After every kill the replica must open (`tcui
//! export` works), and every change whose command said it succeeded must be there; at the end a
//! fresh replica syncing from the folder must see every task the last successful sync had.
//!
//! 50 rounds by default; `TCUI_KILL_LOOPS=500` runs more by hand. The seed is printed, and
//! `TCUI_KILL_SEED=<seed>` replays a run.

use crate::support::children::InTurn;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tempfile::TempDir;
use uuid::Uuid;

/// splitmix64: small, seedable, good enough to pick delays and actions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Place {
    dir: TempDir,
}

impl Place {
    fn new() -> Place {
        let place = Place {
            dir: TempDir::new().unwrap(),
        };
        fs::create_dir(place.path("home")).unwrap();
        fs::create_dir(place.path("folder")).unwrap();
        fs::write(
            place.path("taskrc"),
            format!("sync.local.server_dir={}\n", place.path("folder").display()),
        )
        .unwrap();
        place
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, data: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tcui"));
        cmd.arg("--data-dir")
            .arg(data)
            .args(args)
            .env("HOME", self.path("home"))
            .env("TASKRC", self.path("taskrc"))
            .env("TCUI_CONFIG", self.path("no-config.rc"))
            .env_remove("TCUI_DATA")
            .env_remove("XDG_CONFIG_HOME")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    fn run(&self, data: &Path, args: &[&str]) -> Output {
        self.command(data, args).output_in_turn().unwrap()
    }

    /// Every task's UUID and description, through the real binary; panics if it fails.
    fn export(&self, data: &Path, context: &str) -> Vec<(Uuid, String)> {
        let out = self.run(data, &["export"]);
        assert!(
            out.status.success(),
            "{context}: the replica no longer opens: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tasks: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{context}: export is not JSON ({e})"));
        tasks
            .iter()
            .map(|t| {
                (
                    t["uuid"].as_str().unwrap().parse().unwrap(),
                    t["description"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    }
}

/// What one round runs on the main replica.
enum Action {
    Add(String),
    Import(PathBuf, Vec<Uuid>),
    Sync,
}

/// The longest delay before a kill, per command (add, import, sync).
struct Limits([Duration; 3]);

impl Limits {
    /// Time each command once, unkilled, on a replica of its own.
    fn measure(place: &Place) -> Limits {
        let data = place.path("measure");
        let file = place.path("measure.json");
        import_file(&file, 0, 40);
        let runs: [Vec<&str>; 3] = [
            vec!["add", "measure"],
            vec!["import", file.to_str().unwrap()],
            vec!["sync"],
        ];
        let mut limits = [Duration::ZERO; 3];
        for (limit, args) in limits.iter_mut().zip(runs) {
            let start = Instant::now();
            let out = place.run(&data, &args);
            assert!(out.status.success(), "{args:?}: {out:?}");
            *limit = (start.elapsed() * 3 / 2).max(Duration::from_millis(50));
        }
        fs::remove_dir_all(&data).unwrap();
        Limits(limits)
    }

    fn delay(&self, rng: &mut Rng, kind: usize) -> Duration {
        Duration::from_micros(rng.below(self.0[kind].as_micros() as u64 + 1))
    }
}

/// Start `child`, kill it after `delay` unless it has ended; its status and output.
fn kill_after(mut child: Child, delay: Duration) -> Output {
    let start = Instant::now();
    while start.elapsed() < delay {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    // SIGKILL; an error only means it has already ended.
    let _ = child.kill();
    child.wait_with_output().unwrap()
}

/// A `task export` file of `n` new pending tasks.
fn import_file(path: &Path, round: usize, n: usize) -> Vec<Uuid> {
    let uuids: Vec<Uuid> = (0..n).map(|_| Uuid::new_v4()).collect();
    let tasks: Vec<serde_json::Value> = uuids
        .iter()
        .enumerate()
        .map(|(i, u)| {
            serde_json::json!({
                "uuid": u.to_string(),
                "status": "pending",
                "description": format!("imported {round}.{i}"),
                "entry": "20260101T120000Z",
                "project": "kill",
            })
        })
        .collect();
    fs::write(path, serde_json::to_vec(&tasks).unwrap()).unwrap();
    uuids
}

#[test]
fn killed_commands_never_lose_what_they_acknowledged_nor_break_the_replica() {
    let rounds: usize = std::env::var("TCUI_KILL_LOOPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let seed: u64 = std::env::var("TCUI_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("kill loop: {rounds} rounds, TCUI_KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let place = Place::new();
    let main = place.path("data");
    let limits = Limits::measure(&place);
    eprintln!("kill loop: delays up to {:?} (add, import, sync)", limits.0);
    // What the main replica must hold: acknowledged by a command that exited 0.
    let mut expected: BTreeSet<Uuid> = BTreeSet::new();
    let mut expected_descriptions: BTreeSet<String> = BTreeSet::new();
    // The main replica's tasks when a sync last said it succeeded.
    let mut synced: BTreeSet<Uuid> = BTreeSet::new();
    // Per kind (first run, add, import, sync): commands that finished, and that were killed.
    let mut tally = [[0usize; 2]; 4];

    for round in 0..rounds {
        let context = format!("round {round} (TCUI_KILL_SEED={seed})");
        if round % 3 == 0 {
            // The very first run, in a fresh data folder.
            let fresh = place.path(&format!("fresh-{round}"));
            let description = format!("first run {round}");
            let child = place
                .command(&fresh, &["add", &description])
                .spawn_in_turn()
                .unwrap();
            // The window that matters here is the first few milliseconds.
            let out = kill_after(child, Duration::from_micros(rng.below(50_000)));
            let tasks = place.export(&fresh, &context);
            tally[0][usize::from(!out.status.success())] += 1;
            if out.status.success() {
                assert!(
                    tasks.iter().any(|(_, d)| *d == description),
                    "{context}: `tcui add` said {:?}, but the task is not there",
                    String::from_utf8_lossy(&out.stdout)
                );
            }
            leftovers(&fresh, &context);
            fs::remove_dir_all(&fresh).unwrap();
            continue;
        }
        let action = match rng.below(3) {
            0 => Action::Add(format!("added {round}")),
            1 => {
                let file = place.path(&format!("import-{round}.json"));
                Action::Import(file.clone(), import_file(&file, round, 40))
            }
            _ => Action::Sync,
        };
        let args: Vec<&str> = match &action {
            Action::Add(description) => vec!["add", description],
            Action::Import(file, _) => vec!["import", file.to_str().unwrap()],
            Action::Sync => vec!["sync"],
        };
        let kind = match action {
            Action::Add(_) => 0,
            Action::Import(..) => 1,
            Action::Sync => 2,
        };
        let child = place.command(&main, &args).spawn_in_turn().unwrap();
        let out = kill_after(child, limits.delay(&mut rng, kind));
        tally[kind + 1][usize::from(!out.status.success())] += 1;
        if out.status.success() {
            match &action {
                Action::Add(description) => {
                    expected_descriptions.insert(description.clone());
                }
                Action::Import(_, uuids) => expected.extend(uuids.iter().copied()),
                Action::Sync => {}
            }
        }
        let tasks = place.export(&main, &context);
        let uuids: BTreeSet<Uuid> = tasks.iter().map(|(u, _)| *u).collect();
        let descriptions: BTreeSet<String> = tasks.into_iter().map(|(_, d)| d).collect();
        let lost: Vec<&Uuid> = expected.difference(&uuids).collect();
        assert!(
            lost.is_empty(),
            "{context}: acknowledged tasks lost: {lost:?}"
        );
        let lost: Vec<&String> = expected_descriptions.difference(&descriptions).collect();
        assert!(
            lost.is_empty(),
            "{context}: acknowledged adds lost: {lost:?}"
        );
        if matches!(action, Action::Sync) && out.status.success() {
            synced = uuids;
        }
    }
    leftovers(&main, "the end");

    // What the last successful sync sent is in the folder: a fresh replica sees it.
    let other = place.path("other");
    let out = place.run(&other, &["sync"]);
    assert!(
        out.status.success(),
        "a fresh replica cannot sync from the folder (TCUI_KILL_SEED={seed}): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: BTreeSet<Uuid> = place
        .export(&other, "the fresh replica")
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    let missing: Vec<&Uuid> = synced.difference(&seen).collect();
    assert!(
        missing.is_empty(),
        "synced tasks missing from the folder (TCUI_KILL_SEED={seed}): {missing:?}"
    );
    // And after one more sync on each side, both hold the same tasks.
    for data in [&main, &other, &main] {
        let out = place.run(data, &["sync"]);
        assert!(
            out.status.success(),
            "sync after the loop failed (TCUI_KILL_SEED={seed}): {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let ids = |data: &Path| -> BTreeSet<Uuid> {
        place
            .export(data, "after the loop")
            .into_iter()
            .map(|(u, _)| u)
            .collect()
    };
    assert_eq!(ids(&main), ids(&other), "TCUI_KILL_SEED={seed}");
    eprintln!(
        "kill loop: finished/killed: first run {:?}, add {:?}, import {:?}, sync {:?}",
        tally[0], tally[1], tally[2], tally[3]
    );
}

/// After a clean open, no temporary file of a killed creation remains in the data folder.
fn leftovers(data: &Path, context: &str) {
    let names: Vec<String> = fs::read_dir(data)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tcui-new"))
                .collect()
        })
        .unwrap_or_default();
    assert!(names.is_empty(), "{context}: left behind {names:?}");
}
